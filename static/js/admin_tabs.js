// The entry form's language tabs once per form section: the first field of each section keeps its tab bar,
// and choosing a language there switches every field of the section (modeltranslation gives each field its own).
(function () {
  "use strict";
  let syncing = false;
  document.addEventListener("click", function (event) {
    const tab = event.target.closest(".ui-tabs-nav a");
    if (!tab || syncing) return;
    const nav = tab.closest(".ui-tabs-nav");
    const index = Array.from(nav.querySelectorAll("a")).indexOf(tab);
    const section = nav.closest("fieldset");
    if (!section) return;
    syncing = true;
    section.querySelectorAll(".ui-tabs-nav").forEach(function (other) {
      const link = other !== nav ? other.querySelectorAll("a")[index] : null;
      if (link) link.click();
    });
    syncing = false;
  });
})();
