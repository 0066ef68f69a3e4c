// Progressive enhancement for the quiz page: save every answer as the student
// gives it, say in the status line how that went, and never let Enter submit
// the quiz. Without JavaScript the "Save and finish later" button saves the
// same way, and Enter saves too (the form's first, hidden, button).
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.FormData) {
    return;
  }
  var saveUrl = form.getAttribute("data-autosave");
  var bar = form.querySelector("[data-quiz-status]");
  var status = document.getElementById("quiz-status");
  var progress = bar ? bar.querySelector("progress") : null;
  var summary = form.querySelector("[data-quiz-summary]");
  var timer = null;
  var saving = false;
  var again = false; // a change came in while a save was on its way
  var dirty = false; // answers on the page that the server has not got
  var submitting = false;

  // A page that opens with a problem or a question to confirm shows it
  // first, as the GOV.UK error summary does.
  if (summary) {
    summary.focus();
  }

  function say(text, state) {
    if (!status) {
      return;
    }
    status.textContent = text;
    bar.setAttribute("data-state", state);
  }

  function link(problem, text) {
    var anchor = document.createElement("a");
    anchor.href = "#" + problem.anchor;
    anchor.textContent = text;
    return anchor;
  }

  // "Not saved: question 4 needs a look", or "questions 2 and 4 need a
  // look", each number a link to its question (as the page first says it).
  function sayProblems(problems) {
    say("Not saved: ", "problem");
    if (problems.length === 1) {
      status.appendChild(link(problems[0], "question " + problems[0].number + " needs a look"));
      return;
    }
    status.appendChild(document.createTextNode("questions "));
    problems.forEach(function (problem, index) {
      if (index) {
        status.appendChild(document.createTextNode(index === problems.length - 1 ? " and " : ", "));
      }
      status.appendChild(link(problem, String(problem.number)));
    });
    status.appendChild(document.createTextNode(" need a look"));
  }

  function answeredText(reply) {
    return reply.answered + " of " + reply.total + " answered";
  }

  function markProblems(problems) {
    var byAnchor = {};
    problems.forEach(function (problem) {
      byAnchor[problem.anchor] = problem;
    });
    Array.prototype.forEach.call(form.querySelectorAll(".quiz-question"), function (card) {
      var problem = byAnchor[card.id];
      var note = card.querySelector(".quiz-problem");
      if (!problem) {
        // Fixed since the page was drawn: the server's message goes too.
        card.removeAttribute("data-problem");
        if (note) {
          note.remove();
        }
        Array.prototype.forEach.call(card.querySelectorAll(".invalid-feedback"), function (el) {
          el.remove();
        });
        Array.prototype.forEach.call(card.querySelectorAll(".is-invalid"), function (el) {
          el.classList.remove("is-invalid");
          el.removeAttribute("aria-invalid");
        });
        return;
      }
      card.setAttribute("data-problem", "");
      if (!card.querySelector(".invalid-feedback")) {
        if (!note) {
          note = document.createElement("p");
          note.className = "quiz-problem mb-2";
          card.insertBefore(note, card.firstChild);
        }
        note.textContent = problem.message;
      }
    });
    if (summary && !problems.length && summary.classList.contains("alert-danger")) {
      summary.remove();
      summary = null;
    }
  }

  function saved(reply) {
    if (progress) {
      progress.value = reply.answered;
      progress.textContent = answeredText(reply);
    }
    markProblems(reply.problems);
    if (reply.problems.length) {
      sayProblems(reply.problems);
    } else {
      say("Saved · " + answeredText(reply), "saved");
    }
  }

  function save() {
    window.clearTimeout(timer);
    if (submitting) {
      return;
    }
    if (saving) {
      again = true;
      return;
    }
    saving = true;
    dirty = false;
    say("Saving…", "saving");
    fetch(saveUrl, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        var json = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
        if (response.ok && json) {
          return response.json().then(saved);
        }
        dirty = true;
        if (response.status === 409) {
          say("This quiz is already submitted. Reload the page to see your results.", "problem");
        } else if (response.status === 400) {
          say("Not saved: this page is out of date. Reload it and answer again.", "problem");
        } else {
          say("Not saved: you may have been logged out. Your answers are still on this page; log in again in another tab, then change any answer.", "problem");
        }
      })
      .catch(function () {
        dirty = true;
        say("Not saved: no connection. Your answers are still on this page and are saved when you are back online.", "problem");
      })
      .then(function () {
        saving = false;
        if (again) {
          again = false;
          save();
        }
      });
  }

  function soon(delay) {
    dirty = true;
    window.clearTimeout(timer);
    timer = window.setTimeout(save, delay);
  }

  form.addEventListener("change", function () {
    soon(300);
  });
  // Typing in a number field or a written answer saves once the student
  // pauses, not only when they leave the field: closing the tab straight
  // after typing keeps it.
  form.addEventListener("input", function (event) {
    if (event.target.type === "text" || event.target.tagName === "TEXTAREA") {
      soon(800);
    }
  });
  form.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key === "Enter" && target.tagName === "INPUT") {
      event.preventDefault();
      save();
    }
  });
  form.addEventListener("submit", function () {
    submitting = true;
    window.clearTimeout(timer);
  });
  window.addEventListener("online", function () {
    if (dirty) {
      save();
    }
  });
  // Closing the tab or leaving the page with a change not yet sent: the
  // browser still delivers a beacon after the page is gone.
  window.addEventListener("pagehide", function () {
    if (dirty && !submitting && navigator.sendBeacon) {
      navigator.sendBeacon(saveUrl, new FormData(form));
    }
  });
})();
