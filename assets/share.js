/* "Link kopiëren": copy a text (the address of the current view, which holds the whole view) to the
   clipboard. The asynchronous clipboard API exists only on https and localhost; a ministry intranet
   often serves plain http, so the old copy command is the fallback. dcc.Clipboard renders nothing at
   all without the API, hence this small function. Resolves to whether the text was copied. */
window.dash_clientside = window.dash_clientside || {};
window.dash_clientside.sze = Object.assign(window.dash_clientside.sze || {}, {
    copyText: function (text) {
        function fallback() {
            var field = document.createElement("textarea");
            field.value = text;
            field.setAttribute("readonly", "");
            field.style.position = "fixed";
            field.style.opacity = "0";
            document.body.appendChild(field);
            field.select();
            var ok = false;
            try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
            document.body.removeChild(field);
            return ok;
        }
        if (navigator.clipboard && window.isSecureContext) {
            return navigator.clipboard.writeText(text).then(
                function () { return true; },
                function () { return fallback(); }
            );
        }
        return Promise.resolve(fallback());
    },
});
