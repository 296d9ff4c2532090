// Progressive enhancement: early.js has already set html.js, so the stylesheet
// shows the Menu button and collapses the menu on small screens before the
// first paint; this only makes the button work. Without JavaScript the menu
// simply stays open and the button is never shown.
(function () {
  var header = document.querySelector(".site-header");
  var button = header && header.querySelector(".nav-toggle");
  var nav = document.getElementById("site-nav");
  if (!button || !nav) return;
  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    header.classList.toggle("nav-open", open);
  }
  button.addEventListener("click", function () {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && header.classList.contains("nav-open")) {
      setOpen(false);
      button.focus();
    }
  });
})();

// A form sent back with errors opens on its error summary (the GOV.UK
// pattern); the summary carries autofocus, this covers browsers that skip it.
// Its links put the cursor in the field, with the field's label in view.
(function () {
  var summary = document.getElementById("error-summary");
  if (!summary) return;
  if (document.activeElement !== summary) summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    var field = link && document.getElementById(link.hash.slice(1));
    if (!field) return;
    event.preventDefault();
    var label = document.querySelector("label[for='" + field.id + "']");
    var legend = field.closest("fieldset") && field.closest("fieldset").querySelector("legend");
    (field.type === "checkbox" || field.type === "radio" ? legend || label : label || field).scrollIntoView();
    field.focus({ preventScroll: true });
  });
})();
