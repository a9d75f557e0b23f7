// newsline web UI: small progressive enhancements; every page works without this file.
// Served from /static (the Content-Security-Policy allows no inline script).
(function () {
  "use strict";
  // Filter selects submit their form at once: the URL is the view, so it can be shared.
  document.querySelectorAll("form.filters select").forEach(function (select) {
    select.addEventListener("change", function () { select.form.requestSubmit(); });
  });
  // Empty filter fields stay out of the URL.
  document.querySelectorAll("form.filters, form.search").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("input, select").forEach(function (field) {
        if (field.name && field.value === "") { field.disabled = true; }
      });
    });
  });
  // On an article page opened from a citation, bring the cited sentence into view.
  var cited = document.querySelector(".ann-sentence");
  if (cited) { cited.scrollIntoView({ block: "center" }); }
  // Hovering a timeline row lights its marker on the axis, and the other way round.
  function light(id, on) {
    document.querySelectorAll('[data-id="' + CSS.escape(id) + '"]').forEach(function (el) {
      el.classList.toggle("lit", on);
    });
  }
  document.querySelectorAll("[data-id]").forEach(function (el) {
    el.addEventListener("mouseenter", function () { light(el.dataset.id, true); });
    el.addEventListener("mouseleave", function () { light(el.dataset.id, false); });
  });
})();
