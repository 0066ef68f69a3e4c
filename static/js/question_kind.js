// The question editor shows only what the chosen kind needs. The server lays
// the page out for the kind it knows; when the teacher picks another, a new
// question's page is reloaded for it (keeping what was typed), and an
// existing question's hides the parts the new kind ignores until it is saved.
(function () {
  "use strict";

  function show(selector, visible) {
    document.querySelectorAll(selector).forEach(function (element) {
      element.hidden = !visible;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    const kind = document.getElementById("id_kind");
    if (!kind) {
      return;
    }
    const original = kind.value;
    kind.addEventListener("change", function () {
      if (window.location.pathname.endsWith("/add/")) {
        const params = new URLSearchParams();
        ["quiz", "objective", "prompt", "explanation", "points", "rubric", "model_answer"].forEach(function (name) {
          const field = document.getElementById("id_" + name);
          if (field && field.value) {
            params.set(name, field.value);
          }
        });
        params.set("kind", kind.value);
        window.location.search = params.toString();
        return;
      }
      const value = kind.value;
      show(".field-numeric_answer", value === "numeric");
      show(".field-true_false_answer", value === "true_false");
      show(".field-rubric, .field-model_answer", value === "written");
      show("#choices-group", value !== "numeric" && value !== "written");
      show("td.field-is_correct, th.column-is_correct", value === "single" || value === "multiple");
      let note = document.getElementById("kind-note");
      if (!note) {
        note = document.createElement("p");
        note.id = "kind-note";
        note.className = "help";
        note.setAttribute("role", "status");
        kind.after(note);
      }
      note.textContent = value === original ? "" : "Save to see everything this kind needs.";
    });
  });
})();
