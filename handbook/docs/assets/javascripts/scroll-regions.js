/* Tables wider than the screen scroll inside Material's .md-typeset__scrollwrap: make each one that scrolls
 * reachable and scrollable by keyboard (axe scrollable-region-focusable, serious) and name it. Material adds
 * the wrappers after the page loads, so they are looked for whenever the page changes and on resize. */
(function () {
  "use strict";
  function mark() {
    var boxes = document.querySelectorAll(".md-typeset__scrollwrap");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      if (box.scrollWidth > box.clientWidth + 1) {
        if (!box.hasAttribute("tabindex")) {
          box.setAttribute("tabindex", "0");
          box.setAttribute("role", "region");
          box.setAttribute("aria-label", "Table, scrolls sideways");
        }
      } else if (box.getAttribute("role") === "region") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    }
  }
  var pending = null;
  function soon() {
    if (pending) window.clearTimeout(pending);
    pending = window.setTimeout(mark, 50);
  }
  new MutationObserver(soon).observe(document.documentElement, { childList: true, subtree: true });
  window.addEventListener("resize", soon);
  window.addEventListener("load", mark);
  mark();
})();
