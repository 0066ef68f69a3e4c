// Progressive enhancement for the quiz page: save the draft whenever an answer
// changes, so a closed tab or a lost connection loses nothing. Without
// JavaScript the "Save and finish later" button does the same.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.FormData) {
    return;
  }
  var status = document.getElementById("autosave-status");
  var pending = null;

  function say(text) {
    if (status) {
      status.textContent = text;
    }
  }

  function save() {
    var data = new FormData(form);
    data.set("action", "save");
    // form.action would be the buttons named "action", not the URL.
    fetch(form.getAttribute("action"), {
      method: "POST",
      body: data,
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        if (response.status === 409) {
          say("This quiz is already submitted.");
        } else {
          say(response.ok ? "Answers saved." : "Not saved yet: finish the question you are on, then use Save.");
        }
      })
      .catch(function () {
        say("Offline: your answers are still on this page. Save when you are back online.");
      });
  }

  form.addEventListener("change", function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(save, 400);
  });
  // Submitting or saving sends every answer anyway; a save still waiting
  // would only arrive after the submission.
  form.addEventListener("submit", function () {
    window.clearTimeout(pending);
  });
})();
