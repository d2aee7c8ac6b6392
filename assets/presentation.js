/* Presentation mode keys: what a presenter's clicker sends (PageUp/PageDown) and the arrow keys step
 * through the views; F puts the view's first chart on the full screen; Esc leaves presentation mode.
 * Only while the page carries the 'presenting' class (set from the URL's presentatie=1), and never
 * while the user types in a control. Each view is a page at its own path (the root shows the first);
 * a step sets the next view's address on the Location of Dash's page container ('_pages_location', which
 * dash.page_container holds) through Dash's documented dash_clientside.set_props, keeping the address's
 * own query: that query is always current, while the view links' addresses wait for the server, so a
 * fast clicker right after entering the mode would otherwise leave it by a stale link. That Location
 * (refresh="callback-nav") pushes the address, the router and the page's own Location ('url') follow,
 * as after a dcc.Link. A Back after stepping goes back a view. */
(function () {
  "use strict";
  var LOCATION = "_pages_location";
  function typing(target) {
    var tag = (target && target.tagName) || "";
    return /^(INPUT|SELECT|TEXTAREA)$/.test(tag) || (target && target.isContentEditable);
  }
  function pathOf(href) {
    return new URL(href, window.location.href).pathname;
  }
  function step(delta) {
    var links = Array.prototype.slice.call(document.querySelectorAll("#view-tabs .nav-link"));
    var clientside = window.dash_clientside;
    if (!links.length || !clientside || !clientside.set_props) { return; }
    // the open view is the one whose path the address has (the root, which shows the first view: the first)
    var open = window.location.pathname;
    var current = Math.max(links.findIndex(function (a) { return pathOf(a.href) === open; }), 0);
    var next = links[(current + delta + links.length) % links.length];
    // the whole address (href): that Location's own path and query may be older than the address, as the page's
    // Location pushes a filter's query without telling it, and it would push those back
    var address = new URL(pathOf(next.href) + window.location.search, window.location.href);
    clientside.set_props(LOCATION, {href: address.href});
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
