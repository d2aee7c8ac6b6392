/* The map's click guard (callbacks/map.py). A click on a province toggles its region filter, and a
   double-click is two clicks to plotly: its second would clear what its first just set, and leave two
   entries in the history. The browser counts the presses of a double-click itself (MouseEvent.detail,
   after the user's own double-click speed): a press counted 1 starts a new series, and of each series
   one click goes through. That holds however late the first click's callback runs (after a fast
   double-click's second press, too); a deliberate click later is a series of its own and toggles as
   before. A touch starts a series of its own, as a tap need not bring a mouse press. */
(function () {
    var series = 0; // the press series so far
    var passedIn = -1; // the series whose click went through
    function start(event) {
        if (!(event.detail > 1)) {
            series += 1;
        }
    }
    document.addEventListener("mousedown", start, true);
    document.addEventListener("touchstart", start, {capture: true, passive: true});
    window.dash_clientside = window.dash_clientside || {};
    window.dash_clientside.sze = Object.assign(window.dash_clientside.sze || {}, {
        mapClick: function (click) {
            if (passedIn === series) {
                return window.dash_clientside.no_update;
            }
            passedIn = series;
            return click;
        },
    });
})();
