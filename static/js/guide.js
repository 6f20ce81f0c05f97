// The guide's small enhancements: copy buttons on code blocks, the diagnosis brought into view.
// Loaded from our static files (CSP); works on the first page and on every htmx swap.
(function () {
  "use strict";

  function addCopyButtons(root) {
    const entry = root.closest ? root.closest("#entry") || root.querySelector("#entry") : null;
    if (!entry || !navigator.clipboard) return;
    entry.querySelectorAll("pre").forEach(function (block) {
      if (block.parentElement.classList.contains("code-block")) return;
      const wrapper = document.createElement("div");
      wrapper.className = "code-block";
      block.parentNode.insertBefore(wrapper, block);
      wrapper.appendChild(block);
      const button = document.createElement("button");
      button.type = "button";
      button.className = "copy-button";
      button.textContent = entry.dataset.copyLabel;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(block.innerText).then(function () {
          button.textContent = entry.dataset.copiedLabel;
          setTimeout(function () { button.textContent = entry.dataset.copyLabel; }, 1500);
        });
      });
      wrapper.appendChild(button);
    });
  }

  function showDiagnosis(event) {
    const target = event.detail.target;
    if (!target || target.id !== "diagnosis") return;
    const result = document.getElementById("diagnosis");
    result.setAttribute("tabindex", "-1");
    result.focus({ preventScroll: true });
    result.scrollIntoView({ behavior: "smooth", block: "start" });
  }

  document.addEventListener("htmx:load", function (event) { addCopyButtons(event.target); });
  document.addEventListener("htmx:afterSettle", showDiagnosis);
})();
