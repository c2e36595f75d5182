// Suggestions while typing in the header's search field: the WAI-ARIA 1.2 combobox pattern
// (an editable combobox with a listbox popup, list autocomplete, manual selection).
// Progressive enhancement: without this script the field is a plain search form.
//
// Keyboard: Down/Up move through the suggestions (the field keeps the focus and names the
// active one with aria-activedescendant), Enter opens the active suggestion (or searches when
// none is active), Escape closes the list (or empties the field when it is closed), Tab leaves.
// The number of suggestions is announced in a polite live region, in the page's language
// (the text comes with the suggestions, from the server).
(function () {
  "use strict";

  const form = document.querySelector("form[data-suggestions]");
  const input = form && form.querySelector("input[type=search]");
  if (!input || !window.fetch) return;

  const DELAY_MS = 200;
  const MIN_LETTERS = 2;
  const listId = input.id + "-suggestions";
  const list = document.createElement("ul");
  list.id = listId;
  list.className = "search-suggestions nobullet-list";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", form.dataset.suggestionsLabel);
  list.hidden = true;
  const status = document.createElement("p");
  status.className = "sr-only";
  status.setAttribute("role", "status");
  input.parentNode.appendChild(list);
  form.appendChild(status);

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listId);
  input.setAttribute("autocomplete", "off");

  let timer = null;
  let asked = "";
  let active = -1;

  function options() {
    return Array.from(list.querySelectorAll("[role=option]"));
  }

  function open(isOpen) {
    list.hidden = !isOpen;
    input.setAttribute("aria-expanded", String(isOpen));
    if (!isOpen) activate(-1);
  }

  function activate(index) {
    const all = options();
    active = index;
    all.forEach(function (option, i) {
      option.setAttribute("aria-selected", String(i === index));
    });
    if (index >= 0 && all[index]) {
      input.setAttribute("aria-activedescendant", all[index].id);
      all[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function show(answer) {
    list.replaceChildren();
    answer.suggestions.forEach(function (item, i) {
      const option = document.createElement("li");
      option.id = listId + "-" + i;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.dataset.url = item.url;
      const title = document.createElement("span");
      title.className = "search-suggestion-title";
      title.textContent = item.place ? item.title + " (" + item.place + ")" : item.title;
      const kind = document.createElement("span");
      kind.className = "search-suggestion-kind";
      kind.textContent = item.kind;
      option.append(title, " ", kind);
      option.addEventListener("mousedown", function (event) {
        event.preventDefault(); // keep the focus in the field
      });
      option.addEventListener("click", function () {
        go(option);
      });
      list.appendChild(option);
    });
    status.textContent = answer.status;
    open(answer.suggestions.length > 0);
  }

  function go(option) {
    window.location.assign(option.dataset.url);
  }

  function ask() {
    const words = input.value.trim();
    if (words === asked) return;
    asked = words;
    if (words.replace(/\s/g, "").length < MIN_LETTERS) {
      list.replaceChildren();
      status.textContent = "";
      open(false);
      return;
    }
    const url = form.dataset.suggestions + "?" + new URLSearchParams({ q: words });
    fetch(url, { headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (answer) {
        // Only the answer to what the field still says.
        if (answer && words === input.value.trim()) show(answer);
      })
      .catch(function () {
        open(false); // the form still searches
      });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(ask, DELAY_MS);
  });

  input.addEventListener("keydown", function (event) {
    const count = options().length;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!count) return;
      event.preventDefault();
      if (list.hidden) open(true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      activate(active < 0 && step < 0 ? count - 1 : (active + step + count) % count);
    } else if (event.key === "Enter" && !list.hidden && active >= 0) {
      event.preventDefault();
      go(options()[active]);
    } else if (event.key === "Escape") {
      if (!list.hidden) {
        event.preventDefault();
        open(false);
      } else if (input.value) {
        event.preventDefault();
        input.value = "";
        asked = "";
      }
    }
  });

  input.addEventListener("blur", function () {
    open(false);
  });
})();
