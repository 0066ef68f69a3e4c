// Rows of a "reorderable" admin inline (a quiz's questions, a question's
// choices) are moved by drag or by their Up and Down buttons. Their order
// fields are then hidden and, when the form is sent, numbered in the order
// the rows stand; rows never moved keep theirs, and empty new rows stay empty
// (the server puts unnumbered rows last, so the page works without this).
(function () {
  "use strict";

  function rowsOf(group) {
    return Array.from(
      group.querySelectorAll("tbody tr.form-row:not(.empty-form)")
    );
  }

  function orderField(row) {
    return row.querySelector('input[name$="-position"]');
  }

  function isFilled(row) {
    if (row.classList.contains("has_original")) {
      return true;
    }
    return Array.from(row.querySelectorAll('input[type="text"], textarea')).some(
      function (field) {
        return field.value.trim() !== "";
      }
    );
  }

  function moved(group) {
    group.dataset.moved = "true";
  }

  function button(label, text, onClick) {
    const element = document.createElement("button");
    element.type = "button";
    element.textContent = text;
    element.setAttribute("aria-label", label);
    element.addEventListener("click", onClick);
    return element;
  }

  function enhance(row, group) {
    const field = orderField(row);
    if (!field || row.dataset.reorderable) {
      return;
    }
    row.dataset.reorderable = "true";
    field.type = "hidden";
    const buttons = document.createElement("span");
    buttons.className = "reorder-buttons";
    buttons.append(
      button("Move up", "↑", function () {
        const previous = row.previousElementSibling;
        if (previous && previous.classList.contains("form-row")) {
          previous.before(row);
          moved(group);
        }
      }),
      button("Move down", "↓", function () {
        const next = row.nextElementSibling;
        if (next && next.classList.contains("form-row") && !next.classList.contains("empty-form")) {
          next.after(row);
          moved(group);
        }
      })
    );
    field.after(buttons);
    row.draggable = true;
    row.addEventListener("dragstart", function (event) {
      row.classList.add("dragging");
      event.dataTransfer.effectAllowed = "move";
    });
    row.addEventListener("dragend", function () {
      row.classList.remove("dragging");
    });
    row.addEventListener("dragover", function (event) {
      const dragged = group.querySelector("tr.dragging");
      if (!dragged || dragged === row) {
        return;
      }
      event.preventDefault();
      const box = row.getBoundingClientRect();
      if (event.clientY < box.top + box.height / 2) {
        row.before(dragged);
      } else {
        row.after(dragged);
      }
      moved(group);
    });
  }

  function renumber(group) {
    if (!group.dataset.moved) {
      return;
    }
    let position = 0;
    rowsOf(group).forEach(function (row) {
      const field = orderField(row);
      if (field && isFilled(row)) {
        field.value = position;
        position += 1;
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    const groups = Array.from(document.querySelectorAll("fieldset.reorderable"));
    groups.forEach(function (group) {
      rowsOf(group).forEach(function (row) {
        enhance(row, group);
      });
    });
    // Rows added by "Add another" get their buttons too.
    document.addEventListener("formset:added", function (event) {
      const group = event.target.closest("fieldset.reorderable");
      if (group) {
        enhance(event.target, group);
      }
    });
    const form = groups.length && groups[0].closest("form");
    if (form) {
      form.addEventListener("submit", function () {
        groups.forEach(renumber);
      });
    }
  });
})();
