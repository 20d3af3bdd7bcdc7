// Progressive enhancement only: every page works without this file.
// A search box filters a long list of checkboxes (data-filter="#list-id"); checked boxes stay visible.
document.addEventListener("input", function (event) {
  var box = event.target.closest("[data-filter]");
  if (!box) return;
  var list = document.querySelector(box.getAttribute("data-filter"));
  var query = box.value.trim().toLowerCase();
  var shown = 0;
  list.querySelectorAll("li").forEach(function (item) {
    var match = !query || item.textContent.toLowerCase().indexOf(query) !== -1 || item.querySelector("input:checked");
    item.hidden = !match;
    if (match) shown += 1;
  });
  var status = document.getElementById(box.getAttribute("aria-describedby"));
  if (status) status.textContent = shown + " interventies zichtbaar";
});
// After htmx swaps a step in, move focus to the error summary (if the step was refused) or to
// the step's heading, so that screen-reader and keyboard users follow the change.
document.addEventListener("htmx:afterSettle", function (event) {
  if (!event.detail.target || event.detail.target.id !== "wizard") return;
  var target = document.getElementById("foutmeldingen") || document.querySelector("#wizard h1");
  if (target) {
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus();
  }
});
// An input marked data-keep-value copies its typed value into its value attribute, so that htmx's
// history snapshot keeps it (done here, not in an hx-on attribute: the CSP allows no inline script).
document.addEventListener("input", function (event) {
  if (event.target.matches("[data-keep-value]")) event.target.setAttribute("value", event.target.value);
});
