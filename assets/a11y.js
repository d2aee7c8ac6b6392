/* Keyboard and screen-reader repairs for third-party widgets (WCAG 2.1 AA, issue 7).
 *
 * Dash 4's dcc.Dropdown puts an aria-hidden input in the tab order that only passes focus on to its
 * trigger button (tabindex -1): a keyboard user lands on an element screen readers are told to ignore
 * (axe: aria-hidden-focus). Here the trigger itself, which carries the label and aria-expanded, is the
 * tab stop and the proxy leaves the tab order. The widget resets the proxy's tabindex on every blur,
 * so an observer keeps it out.
 *
 * dcc.Upload's file input has no label and cannot be given one (/beheer, issue 18): it is named here after
 * its drop area's words ("Kies een bestand of sleep het hierheen"); the button inside the area is its tab stop.
 */
(function () {
  "use strict";
  function repairDropdowns(root) {
    root.querySelectorAll(".dash-dropdown-focus-target").forEach(function (proxy) {
      if (proxy.tabIndex !== -1) proxy.tabIndex = -1;
      var trigger = proxy.nextElementSibling;
      if (trigger && trigger.tabIndex !== 0 && !trigger.disabled) trigger.tabIndex = 0;
    });
  }
  function labelUploads(root) {
    root.querySelectorAll("input[type=file]:not([aria-label])").forEach(function (input) {
      var area = input.parentElement;
      var words = area ? area.textContent.replace(/\s+/g, " ").trim() : "";
      if (words) input.setAttribute("aria-label", words);
    });
  }
  function repair(root) {
    repairDropdowns(root);
    labelUploads(root);
  }
  function start() {
    repair(document);
    new MutationObserver(function () { repair(document); }).observe(document.body, {
      subtree: true, childList: true, attributes: true, attributeFilter: ["tabindex"],
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
