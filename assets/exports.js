/* Chart images from the export menu: plotly draws the PNG or SVG in the browser from the figure,
   which already carries its source line and date (core/figures/style.py with_source); on a phone the
   line is not drawn on the page, and the figure's meta.export holds the layout that draws it. */
window.dash_clientside = window.dash_clientside || {};
window.dash_clientside.sze = Object.assign(window.dash_clientside.sze || {}, {
    chartImage: function (clicks) {
        var ctx = window.dash_clientside.callback_context;
        var trigger = ctx && ctx.triggered_id;
        var formats = ["png", "svg"];
        if (!trigger || formats.indexOf(trigger.format) < 0 || !clicks.some(function (n) { return n; })) {
            return window.dash_clientside.no_update;
        }
        // the graph's id follows ids.part(view, prefix + "graph"); the chart key "main" has no prefix
        var holder = document.querySelector(
            '[data-sze-chart="' + trigger.view + "/" + trigger.chart + '"] .js-plotly-plot'
        );
        if (!holder || !window.Plotly) {
            return window.dash_clientside.no_update;
        }
        var meta = (holder.layout && holder.layout.meta) || {};
        var exported = meta.export || {};
        var figure = meta.export
            ? {data: holder.data, layout: Object.assign({}, holder.layout, exported)}
            : holder;
        window.Plotly.downloadImage(figure, {
            format: trigger.format,
            filename: meta.export_name || "sze-grafiek",
            // at least as wide as the camera button's image (core/figures/style.py IMAGE_WIDTH): the source line fits
            width: Math.max(1200, holder._fullLayout ? holder._fullLayout.width : 0),
            height: exported.height || (holder._fullLayout ? holder._fullLayout.height : undefined),
            scale: trigger.format === "png" ? 2 : 1,
        });
        return trigger.format;
    },
});
