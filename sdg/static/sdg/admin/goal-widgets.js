// Shows the target groups of the chosen goals only. Without this script every group shows
// and the form refuses a target whose goal is not chosen. A group with a ticked target stays
// visible, so nothing chosen is ever hidden.
(function () {
  "use strict";

  function goalsFor(targets) {
    // The goal grid that belongs with these targets: the nearest one around them (a project
    // page has one; each village goal row of a plan has its own).
    for (let scope = targets.parentElement; scope; scope = scope.parentElement) {
      const grid = scope.querySelector("[data-sdg-goals]");
      if (grid) return grid;
    }
    return null;
  }

  function refresh(targets) {
    const grid = goalsFor(targets);
    if (!grid) return;
    const chosen = new Set(
      Array.from(grid.querySelectorAll("input:checked"), (input) => input.value),
    );
    let shown = 0;
    targets.querySelectorAll("fieldset[data-goal]").forEach((group) => {
      const show = chosen.has(group.dataset.goal) || group.querySelector("input:checked");
      group.hidden = !show;
      if (show) shown += 1;
    });
    const hint = targets.querySelector("[data-sdg-targets-hint]");
    if (hint) hint.hidden = shown > 0;
  }

  function refreshAll() {
    document.querySelectorAll("[data-sdg-targets]").forEach(refresh);
  }

  document.addEventListener("change", (event) => {
    if (event.target.closest("[data-sdg-goals], [data-sdg-targets]")) refreshAll();
  });
  // Rows added to an inline panel (village goals) bring their own widgets.
  document.addEventListener("w-formset:added", refreshAll);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", refreshAll);
  } else {
    refreshAll();
  }
})();
