// Every page: a wide table that scrolls sideways inside the page (the annual plan on a phone) can be reached and
// scrolled by keyboard (WCAG 2.1.1), and is named after its heading; where it fits, it is left as it is. Documents
// sent and approved earlier are frozen HTML, so this is done here rather than in their markup.
(function () {
  "use strict";

  var regions = document.querySelectorAll(".annual-plan, .table-responsive");

  function heading(region) {
    var found = region.querySelector(".annual-plan-heading, caption");
    return found ? found.textContent.trim().replace(/:$/, "") : "";
  }

  function update() {
    regions.forEach(function (region) {
      if (region.scrollWidth > region.clientWidth) {
        region.tabIndex = 0;
        var name = heading(region);
        if (name) {
          region.setAttribute("role", "region");
          region.setAttribute("aria-label", name);
        }
      } else if (region.hasAttribute("tabindex")) {
        ["tabindex", "role", "aria-label"].forEach(function (name) { region.removeAttribute(name); });
      }
    });
  }

  if (regions.length) {
    update();
    window.addEventListener("resize", update);
  }
})();
