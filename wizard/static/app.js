// Progressive enhancement only: every page works without this file.
function plural(count, one, many) {
  return count + " " + (count === 1 ? one : many);
}
// Case and accents do not matter when searching: "coordinatie" finds "coördinatie".
function normalised(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

// Step 1: the long list of interventions becomes a picker. Without JavaScript it is a list of
// checkboxes; with it only the matches of the search are shown (so the 120 boxes are not all in
// the tab order), and the chosen ones are listed above with a button to remove each.
function updatePicker(picker) {
  var box = picker.querySelector("[data-filter]");
  var items = picker.querySelectorAll(".picker-options > li");
  var query = normalised(box.value.trim());
  var shown = 0;
  items.forEach(function (item) {
    var match = query !== "" && normalised(item.textContent).indexOf(query) !== -1;
    item.hidden = !match;
    if (match) shown += 1;
  });
  picker.querySelector(".picker-options").hidden = shown === 0;
  document.getElementById(box.getAttribute("aria-describedby")).textContent = query === ""
    ? "Typ een deel van de naam; u kiest uit " + plural(items.length, "interventie", "interventies") + "."
    : (shown === 0 ? "Geen interventie gevonden." : plural(shown, "interventie", "interventies") + " gevonden.");
}
function renderChosen(picker) {
  var list = picker.querySelector(".picker-chosen");
  list.replaceChildren();
  picker.querySelectorAll(".picker-options input:checked").forEach(function (input) {
    var item = document.createElement("li");
    var name = document.querySelector("label[for='" + input.id + "']").textContent;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "utrecht-button utrecht-button--subtle picker-remove";
    button.setAttribute("data-uncheck", input.id);
    button.textContent = "Verwijder";
    var hidden = document.createElement("span");
    hidden.className = "visually-hidden";
    hidden.textContent = " " + name;
    button.appendChild(hidden);
    item.append(name + " ", button);
    list.appendChild(item);
  });
  if (!list.children.length) {
    var empty = document.createElement("li");
    empty.className = "picker-empty";
    empty.textContent = list.getAttribute("data-empty");
    list.appendChild(empty);
  }
}

// Step 3: a filter over the factors, a live count of the chosen ones (with a hint when they
// outgrow the capacity of step 1), and "hoge prioriteit" that also chooses its factor.
function filterFactors(box) {
  var tree = document.querySelector(box.getAttribute("data-factor-filter"));
  var query = normalised(box.value.trim());
  var shown = 0;
  tree.querySelectorAll("li.factor").forEach(function (item) {
    var theme = item.closest("fieldset").querySelector("legend").textContent;
    var text = item.querySelector("label").textContent + " " + theme + " " + item.querySelector(".factor-details").textContent;
    var match = query === "" || normalised(text).indexOf(query) !== -1;
    item.hidden = !match;
    if (match) shown += 1;
  });
  tree.querySelectorAll("fieldset.theme").forEach(function (theme) {
    theme.hidden = !theme.querySelector("li.factor:not([hidden])");
  });
  tree.querySelectorAll("details.bouwsteen").forEach(function (section) {
    if (query !== "") {
      if (section.dataset.wasOpen === undefined) section.dataset.wasOpen = section.open ? "1" : "";
      section.hidden = !section.querySelector("li.factor:not([hidden])");
      section.open = !section.hidden;
    } else if (section.dataset.wasOpen !== undefined) {
      section.hidden = false;
      section.open = section.dataset.wasOpen === "1";
      delete section.dataset.wasOpen;
    }
  });
  document.getElementById(box.getAttribute("aria-describedby")).textContent =
    query === "" ? "" : (shown === 0 ? "Geen factor gevonden." : plural(shown, "factor", "factoren") + " gevonden.");
}
function countFactors() {
  var count = document.getElementById("factoren-telling");
  if (!count) return;
  var chosen = document.querySelectorAll("input[name=factoren]:checked");
  var high = 0;
  chosen.forEach(function (input) {
    var priority = document.getElementById("prio-" + input.value);
    if (priority && priority.checked) high += 1;
  });
  count.querySelector("[data-count-text]").textContent =
    plural(chosen.length, "factor", "factoren") + " gekozen, waarvan " + high + " met hoge prioriteit.";
  var limit = parseInt(count.getAttribute("data-capacity-limit"), 10);
  count.querySelector("[data-capacity-hint]").hidden = !(limit && chosen.length > limit);
}

function enhance(root) {
  root.querySelectorAll("[data-picker]").forEach(function (picker) {
    picker.classList.add("picker-active");
    picker.querySelector(".picker-search").hidden = false;
    renderChosen(picker);
    updatePicker(picker);
  });
  root.querySelectorAll("[data-factor-filter]").forEach(function (box) {
    box.closest(".factor-filter").hidden = false;
  });
}
document.addEventListener("DOMContentLoaded", function () { enhance(document); });
document.addEventListener("htmx:load", function (event) { enhance(event.detail.elt); });

document.addEventListener("input", function (event) {
  var picker = event.target.closest("[data-picker]");
  if (picker && event.target.matches("[data-filter]")) updatePicker(picker);
  if (event.target.matches("[data-factor-filter]")) filterFactors(event.target);
});
document.addEventListener("change", function (event) {
  var input = event.target;
  var picker = input.closest("[data-picker]");
  if (picker && input.type === "checkbox") renderChosen(picker);
  if (input.matches("[data-chooses]") && input.checked) document.getElementById(input.getAttribute("data-chooses")).checked = true;
  if (input.name === "factoren" && !input.checked) {
    var priority = document.getElementById("prio-" + input.value);
    if (priority) priority.checked = false;
  }
  if (input.name === "factoren" || input.name === "prioriteit") countFactors();
});
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-uncheck]");
  if (!button) return;
  var picker = button.closest("[data-picker]");
  document.getElementById(button.getAttribute("data-uncheck")).checked = false;
  renderChosen(picker);
  updatePicker(picker);
  picker.querySelector("[data-filter]").focus();  // the button itself is gone
});
// Enter in a search box filters; it must not submit the step.
document.addEventListener("keydown", function (event) {
  if (event.key === "Enter" && event.target.matches("[data-filter], [data-factor-filter]")) event.preventDefault();
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
// htmx swaps no error response (responseHandling in base.html), so without this a refused save
// (CSRF after a lost cookie, 413, 500) would look like nothing happened. The message comes from
// the server's Dutch error page (#foutmelding), so it is worded in one place.
function showMessage(text) {
  var region = document.getElementById("melding");
  if (!region) return;
  var alert = document.createElement("div");
  alert.className = "utrecht-alert utrecht-alert--error";
  alert.setAttribute("role", "alert");
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
document.addEventListener("htmx:beforeRequest", function (event) {
  if (event.detail.elt && event.detail.elt.hasAttribute("data-poll")) return;  // a background check is no action
  var region = document.getElementById("melding");
  if (region) region.replaceChildren();
});

// The advice page: an htmx edit or note replaces the whole editable part (#advies-bewerkbaar).
// Focus and scroll stay where the user worked: on the element they used if it is still there,
// else on the card they edited, the card that took its place (swap, add), the next card (remove)
// or the package heading. Text typed but not saved in any other field is put back.
var advicePending = null;
function isAdviceEdit(detail) {
  return detail.target && detail.target.id === "advies-bewerkbaar" && !(detail.elt && detail.elt.hasAttribute("data-poll"));
}
document.addEventListener("htmx:beforeRequest", function (event) {
  if (!isAdviceEdit(event.detail)) return;
  var form = event.detail.elt.closest("form") || event.detail.elt;
  var card = form.closest("article.package-item");
  var wanted = [];
  // the card a choice put in comes first (it exists only if the edit worked), then the form's own place
  if (form.getAttribute("data-focus-choice")) {
    var choice = document.getElementById(form.getAttribute("data-focus-choice"));
    if (choice) wanted.push("item-" + choice.value);
  }
  if (form.getAttribute("data-focus")) wanted.push(form.getAttribute("data-focus"));
  var active = document.activeElement;
  if (active && active.id && form.contains(active)) wanted.push(active.id);
  if (card) {
    wanted.push(card.id);
    var cards = Array.prototype.slice.call(document.querySelectorAll("article.package-item"));
    var at = cards.indexOf(card);
    if (cards[at + 1]) wanted.push(cards[at + 1].id);
    if (cards[at - 1]) wanted.push(cards[at - 1].id);
  }
  wanted.push("pakket");
  advicePending = { wanted: wanted, form: form, typed: {} };
});
document.addEventListener("htmx:beforeSwap", function (event) {
  if (!advicePending || !isAdviceEdit(event.detail)) return;
  // what the user typed elsewhere and did not save yet; the submitted form comes back from the server
  event.detail.target.querySelectorAll("textarea[id], input[type=text][id]").forEach(function (field) {
    if (field.value !== field.defaultValue && !advicePending.form.contains(field)) advicePending.typed[field.id] = field.value;
  });
});
document.addEventListener("htmx:afterSwap", function (event) {
  if (!advicePending || !isAdviceEdit(event.detail)) return;
  var typed = advicePending.typed;
  Object.keys(typed).forEach(function (id) {
    var field = document.getElementById(id);
    if (field) field.value = typed[id];
  });
});
document.addEventListener("htmx:afterSettle", function (event) {
  if (!advicePending || !isAdviceEdit(event.detail)) return;
  var pending = advicePending;
  advicePending = null;
  var target = null;
  for (var i = 0; i < pending.wanted.length && !target; i += 1) target = document.getElementById(pending.wanted[i]);
  if (!target) return;
  var region = target.closest("article.package-item") || target.closest("section");
  var alert = region && region.querySelector("[role=alert]");
  if (alert) target = alert;
  else if (target.matches("article.package-item")) target = target.querySelector("h4") || target;
  if (!target.matches("a, button, input, select, textarea, [tabindex]")) target.setAttribute("tabindex", "-1");
  target.focus({ preventScroll: true });
  target.scrollIntoView({ block: "center" });
});

// A button marked data-confirm (an action that is hard to undo: deactivating an account,
// revoking an invitation link, publishing the knowledge base) asks before its form is sent.
// Capture phase, so a refusal also stops any other handler of the form. Without JavaScript the
// form is sent at once.
document.addEventListener("submit", function (event) {
  var button = event.submitter;
  if (!button || !button.hasAttribute("data-confirm")) return;
  if (!window.confirm(button.getAttribute("data-confirm"))) {
    event.preventDefault();
    event.stopPropagation();
  }
}, true);
