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
// htmx swaps no error response (responseHandling in base.html), so without this a refused save
// (CSRF after a lost cookie, 413, 500) would look like nothing happened. The message comes from
// the server's Dutch error page (#foutmelding), so it is worded in one place.
function showMessage(text) {
  var region = document.getElementById("melding");
  if (!region) return;
  var alert = document.createElement("div");
  alert.className = "utrecht-alert utrecht-alert--error";
  alert.tabIndex = -1;
  var paragraph = document.createElement("p");
  paragraph.className = "utrecht-paragraph";
  paragraph.textContent = text;
  alert.appendChild(paragraph);
  region.replaceChildren(alert);
  alert.focus();
}
document.addEventListener("htmx:responseError", function (event) {
  var xhr = event.detail.xhr;
  var page = new DOMParser().parseFromString(xhr.responseText || "", "text/html");
  var box = page.getElementById("foutmelding");
  var text = box
    ? box.querySelector("h1").textContent.trim() + ". " + box.querySelector("p").textContent.trim()
    : "Er ging iets mis (foutcode " + xhr.status + "). Er is niets gewijzigd; probeer het opnieuw.";
  showMessage(text);
});
document.addEventListener("htmx:sendError", function () {
  showMessage("De server is niet bereikbaar. Wat u net deed, is niet bewaard; controleer de verbinding en probeer het opnieuw.");
});
document.addEventListener("htmx:beforeRequest", function () {
  var region = document.getElementById("melding");
  if (region) region.replaceChildren();
});
