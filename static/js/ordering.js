// Put-in-order questions: the student moves the items, with Up and Down
// buttons or by dragging, instead of giving each a number. Two items can
// never share a position: the list's order is the answer. The numbered
// selects stay in the page, hidden, and always hold the list's positions, so
// the form posts question_<id>_<choice id>=<position> as it does without
// JavaScript, and the page's autosave (which listens for "change") saves.
(function () {
  "use strict";
  var INSTRUCTIONS =
    "Put the items in order, first at the top: move them with the \u2191 and \u2193 buttons, or drag them.";
  // How far the pointer travels before a press on an item becomes a drag,
  // so a click that wobbles a little moves nothing.
  var DRAG_THRESHOLD = 4;
  // How close to the window's top or bottom edge, in pixels, a dragged
  // item scrolls the page.
  var EDGE = 64;

  function each(list, callback) {
    Array.prototype.forEach.call(list, callback);
  }

  // "Move 'Senate votes' up": the visible label "Up" plus the item, so each
  // of a question's buttons has a name of its own.
  function quoted(text) {
    return "'" + text + "'";
  }

  // The saved positions, if they are a whole answer: every item numbered,
  // each number from 1 to n used once.
  function isComplete(values) {
    var seen = {};
    return values.every(function (value) {
      var number = parseInt(value, 10);
      if (!(number >= 1 && number <= values.length) || seen[number]) {
        return false;
      }
      seen[number] = true;
      return true;
    });
  }

  function enhance(box) {
    var fallback = box.querySelector("ol");
    var selects = Array.prototype.slice.call(box.querySelectorAll("select"));
    if (!fallback || !selects.length) {
      return;
    }
    var fieldset = box.closest("fieldset");
    var list = document.createElement("ol");
    var state = document.createElement("div");
    var note = document.createElement("p");
    var keep = document.createElement("button");
    var live = document.createElement("div");
    var answered = isComplete(
      selects.map(function (select) {
        return select.value;
      })
    );
    var drag = null;

    // Items the student numbered come first, in their numbers' order (a
    // reload after a half-numbered or duplicated answer); the rest keep the
    // page's (shuffled) order after them.
    var items = selects.map(function (select, index) {
      var number = parseInt(select.value, 10);
      return {
        select: select,
        text: select.labels && select.labels.length ? select.labels[0].textContent.trim() : "",
        rank: number >= 1 ? number : Infinity,
        index: index,
      };
    });
    items.sort(function (a, b) {
      return a.rank - b.rank || a.index - b.index;
    });

    function button(item, direction) {
      var control = document.createElement("button");
      control.type = "button";
      control.className = "btn btn-outline-secondary ordering-move";
      control.setAttribute("aria-label", "Move " + quoted(item.text) + " " + direction);
      var arrow = document.createElement("span");
      arrow.setAttribute("aria-hidden", "true");
      arrow.className = "ordering-arrow ordering-arrow-" + direction;
      var label = document.createElement("span");
      label.className = "ordering-label";
      label.textContent = direction === "up" ? " Up" : " Down";
      control.appendChild(arrow);
      control.appendChild(label);
      control.addEventListener("click", function () {
        move(item, direction === "up" ? -1 : 1, control);
      });
      return control;
    }

    items.forEach(function (item) {
      var row = document.createElement("li");
      var grip = document.createElement("span");
      var text = document.createElement("span");
      var moves = document.createElement("span");
      row.className = "ordering-item";
      grip.className = "ordering-grip";
      grip.setAttribute("aria-hidden", "true");
      text.className = "ordering-text";
      text.textContent = item.text;
      moves.className = "ordering-moves";
      item.up = button(item, "up");
      item.down = button(item, "down");
      moves.appendChild(item.up);
      moves.appendChild(item.down);
      row.appendChild(grip);
      row.appendChild(text);
      row.appendChild(moves);
      row.ordering = item;
      item.row = row;
      list.appendChild(row);
    });

    function rows() {
      return Array.prototype.slice.call(list.children);
    }

    function position(item) {
      return rows().indexOf(item.row) + 1;
    }

    function refresh() {
      var all = rows();
      all.forEach(function (row, index) {
        row.ordering.up.disabled = index === 0;
        row.ordering.down.disabled = index === all.length - 1;
      });
      note.textContent = answered
        ? "Answered: the order above is your answer."
        : "Not answered yet. Move an item, or keep this order:";
      keep.hidden = answered;
    }

    // The list's order becomes the answer: every select takes its item's
    // position, and each one that changed says so, bubbling up to the form.
    function commit() {
      answered = true;
      rows().forEach(function (row, index) {
        var select = row.ordering.select;
        var value = String(index + 1);
        if (select.value !== value) {
          select.value = value;
          select.dispatchEvent(new Event("change", { bubbles: true }));
        }
      });
      refresh();
    }

    function announce(text) {
      live.textContent = text;
    }

    function moved(item) {
      each(list.querySelectorAll(".is-moved"), function (row) {
        row.classList.remove("is-moved");
      });
      item.row.classList.add("is-moved");
      commit();
      announce(quoted(item.text) + " moved to position " + position(item) + " of " + items.length);
    }

    // Moves the neighbour rather than the item, so the pressed button never
    // leaves the page and keeps the focus (a screen reader stays put too).
    function move(item, step, control) {
      var row = item.row;
      var neighbour = step < 0 ? row.previousElementSibling : row.nextElementSibling;
      if (!neighbour) {
        return;
      }
      list.insertBefore(neighbour, step < 0 ? row.nextElementSibling : row);
      moved(item);
      if (control.disabled) {
        (control === item.up ? item.down : item.up).focus();
      }
    }

    // Dragging: a mouse may take an item anywhere but its buttons; a finger
    // or pen only by its grip, so swiping over the list still scrolls the
    // page. The list, which never moves, holds the pointer capture.
    function rowAt(event) {
      var target = event.target.closest(".ordering-item");
      return target && target.parentNode === list ? target : null;
    }

    list.addEventListener("pointerdown", function (event) {
      var row = rowAt(event);
      if (drag || !row || event.button !== 0 || event.target.closest("button")) {
        return;
      }
      if (event.pointerType !== "mouse" && !event.target.closest(".ordering-grip")) {
        return;
      }
      event.preventDefault(); // no text selection while dragging
      list.setPointerCapture(event.pointerId);
      drag = {
        item: row.ordering,
        pointer: event.pointerId,
        startY: event.clientY,
        before: row.nextElementSibling,
        from: position(row.ordering),
        started: false,
      };
    });

    list.addEventListener("pointermove", function (event) {
      if (!drag || event.pointerId !== drag.pointer) {
        return;
      }
      if (!drag.started) {
        if (Math.abs(event.clientY - drag.startY) < DRAG_THRESHOLD) {
          return;
        }
        drag.started = true;
        list.classList.add("is-dragging");
        drag.item.row.classList.add("is-dragged");
      }
      // The item goes before the first other item whose middle is below
      // the pointer, or last.
      var row = drag.item.row;
      var before = null;
      rows().some(function (other) {
        if (other === row) {
          return false;
        }
        var box = other.getBoundingClientRect();
        if (event.clientY < box.top + box.height / 2) {
          before = other;
          return true;
        }
        return false;
      });
      if (before !== row.nextElementSibling) {
        list.insertBefore(row, before);
        refresh();
      }
      // Near the top (under the sticky status line) or the bottom, the page
      // scrolls, so an item can travel past what fits on a phone's screen.
      if (event.clientY < EDGE) {
        window.scrollBy(0, -EDGE / 4);
      } else if (event.clientY > window.innerHeight - EDGE) {
        window.scrollBy(0, EDGE / 4);
      }
    });

    function endDrag(dropped) {
      var item = drag.item;
      var started = drag.started;
      if (!dropped) {
        list.insertBefore(item.row, drag.before);
      }
      var from = drag.from;
      drag = null;
      list.classList.remove("is-dragging");
      item.row.classList.remove("is-dragged");
      if (started && dropped && position(item) !== from) {
        moved(item);
      } else {
        refresh();
      }
    }

    list.addEventListener("pointerup", function (event) {
      if (drag && event.pointerId === drag.pointer) {
        endDrag(true);
      }
    });
    // A touch the browser took over (to scroll or zoom) puts the item back.
    list.addEventListener("pointercancel", function (event) {
      if (drag && event.pointerId === drag.pointer) {
        endDrag(false);
      }
    });
    // The capture lost any other way (no pointerup came): drop it there.
    list.addEventListener("lostpointercapture", function (event) {
      if (drag && event.pointerId === drag.pointer) {
        endDrag(true);
      }
    });
    // Escape puts a dragged item back where it was.
    document.addEventListener("keydown", function (event) {
      if (drag && event.key === "Escape") {
        endDrag(false);
      }
    });

    // The order shown can already be right: one press makes it the answer.
    keep.type = "button";
    keep.className = "btn btn-outline-primary ordering-keep";
    keep.textContent = "Use this order";
    keep.addEventListener("click", function () {
      commit();
      // The button is gone; the sentence that replaced it takes the focus.
      note.focus();
    });

    list.className = "ordering-list list-unstyled mb-2";
    state.className = "ordering-state";
    note.className = "mb-0";
    note.tabIndex = -1;
    live.className = "visually-hidden";
    live.setAttribute("aria-live", "polite");
    state.appendChild(note);
    state.appendChild(keep);
    fallback.hidden = true;
    box.appendChild(list);
    box.appendChild(state);
    box.appendChild(live);
    // How to answer, said before the list rather than after it.
    var help = fieldset && fieldset.querySelector("[id$='_helptext']");
    if (help) {
      help.textContent = INSTRUCTIONS;
      help.classList.add("mb-2");
      box.insertBefore(help, list);
    }
    refresh();
  }

  each(document.querySelectorAll("[data-ordering]"), enhance);
})();
