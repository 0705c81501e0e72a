// A wide table scrolls sideways inside its wrapper; keyboard users must be able to reach and scroll it
// (WCAG 2.1.1, axe "scrollable-region-focusable"). Give every scrolling wrapper a tab stop and a name.
function ekFocusableScrollRegions() {
  document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset pre > code").forEach(function (el) {
    if (el.scrollWidth > el.clientWidth && !el.hasAttribute("tabindex")) {
      el.setAttribute("tabindex", "0");
      if (!el.hasAttribute("aria-label") && el.classList.contains("md-typeset__scrollwrap")) {
        el.setAttribute("role", "region");
        el.setAttribute("aria-label", "Table (scrolls sideways)");
      }
    }
  });
}
if (typeof document$ !== "undefined") { document$.subscribe(ekFocusableScrollRegions); }
else { document.addEventListener("DOMContentLoaded", ekFocusableScrollRegions); }
