/* Printing the dashboard: its charts are drawn for the screen, so on paper each is shrunk to the page's
   text width (never cut off), and restored afterwards. The briefing (/rapport) draws its own at paper size. */
(function () {
    var PAPER = 680;  // CSS px across A4 portrait inside the print stylesheet's 15 mm margins
    function charts() {
        return document.querySelectorAll("#dashboard-page .dash-graph");
    }
    window.addEventListener("beforeprint", function () {
        charts().forEach(function (graph) {
            var width = graph.getBoundingClientRect().width;
            graph.style.zoom = width > PAPER ? String(PAPER / width) : "";
        });
    });
    window.addEventListener("afterprint", function () {
        charts().forEach(function (graph) {
            graph.style.zoom = "";
        });
    });
})();
