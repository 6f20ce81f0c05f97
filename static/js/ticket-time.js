// Fills the ticket form's time and time zone from the browser; without it the server's UTC time stays.
(function () {
  "use strict";
  function pad(n) { return String(n).padStart(2, "0"); }
  document.addEventListener("DOMContentLoaded", function () {
    var when = document.querySelector("[data-ticket-time]");
    var zone = document.querySelector("[data-ticket-timezone]");
    if (!when || !zone || when.dataset.filled === "user") return;
    var now = new Date();
    when.value = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate()) +
      "T" + pad(now.getHours()) + ":" + pad(now.getMinutes());
    try {
      zone.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
    } catch (e) {
      zone.value = "UTC";
    }
  });
})();
