// The ticket step: the browser's time zone goes into the form (the server cannot know it).
function fillTimezone(root) {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  root.querySelectorAll("input[data-browser-timezone]").forEach((input) => {
    if (!input.value) input.value = zone;
  });
}
document.addEventListener("DOMContentLoaded", () => fillTimezone(document));
document.addEventListener("htmx:afterSettle", (event) => fillTimezone(event.target));
