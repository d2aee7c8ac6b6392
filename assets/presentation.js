/* Presentation mode keys: what a presenter's clicker sends (PageUp/PageDown) and the arrow keys step
 * through the views; F puts the view's first chart on the full screen; Esc leaves presentation mode.
 * Only while the page carries the 'presenting' class (set from the URL's presentatie=1), and never
 * while the user types in a control. A step changes only tab= in the page's own address and lets Dash
 * follow it (as dcc.Link does): the address is always current, while the view links' addresses wait for
 * the server, so a fast clicker right after entering the mode would otherwise leave it by a stale link.
 * A Back after stepping goes back a view. */
(function () {
  "use strict";
  function typing(target) {
    var tag = (target && target.tagName) || "";
    return /^(INPUT|SELECT|TEXTAREA)$/.test(tag) || (target && target.isContentEditable);
  }
  function tabOf(href) {
    return new URL(href, window.location.href).searchParams.get("tab");
  }
  function step(delta) {
    var links = Array.prototype.slice.call(document.querySelectorAll("#view-tabs .nav-link"));
    if (!links.length) { return; }
    // the open view is the one the address names (no tab=: the first)
    var open = tabOf(window.location.href);
    var current = Math.max(links.findIndex(function (a) { return tabOf(a.href) === open; }), 0);
    var next = links[(current + delta + links.length) % links.length];
    var tab = "tab=" + encodeURIComponent(tabOf(next.href));
    var search = window.location.search;
    search = /([?&])tab=[^&]*/.test(search) ? search.replace(/([?&])tab=[^&]*/, "$1" + tab)
                                            : (search ? search + "&" : "?") + tab;
    window.history.pushState({}, "", window.location.pathname + search);
    window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
    next.focus({preventScroll: true});
    window.scrollTo(0, 0);
  }
  document.addEventListener("keydown", function (event) {
    var shell = document.getElementById("shell");
    if (!shell || !shell.classList.contains("presenting") || typing(event.target)) { return; }
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    if (event.key === "ArrowRight" || event.key === "PageDown") {
      event.preventDefault(); step(1);
    } else if (event.key === "ArrowLeft" || event.key === "PageUp") {
      event.preventDefault(); step(-1);
    } else if (event.key === "Escape" && !document.fullscreenElement) {
      var toggle = document.getElementById("present-toggle");
      if (toggle) { toggle.click(); }
    } else if (event.key === "f" || event.key === "F") {
      var panel = document.querySelector("#view .graph-panel");
      if (panel && panel.requestFullscreen && !document.fullscreenElement) {
        event.preventDefault(); panel.requestFullscreen();
      }
    }
  });
  // a chart on the full screen takes the screen's size, and its own again afterwards
  var saved = null;
  document.addEventListener("fullscreenchange", function () {
    var full = document.fullscreenElement;
    var gd = (full || document).querySelector("#view .js-plotly-plot");
    if (!gd || !window.Plotly) { return; }
    if (full) {
      saved = {gd: gd, height: gd.layout.height, width: gd.layout.width};
      window.Plotly.relayout(gd, {height: window.innerHeight - 140, width: window.innerWidth - 60});
    } else if (saved) {
      window.Plotly.relayout(saved.gd, {height: saved.height, width: saved.width || null});
      saved = null;
    }
  });
})();
