// Progressive enhancement for the lesson editor's body box: as the teacher
// types, the preview beside it is rendered again by the server, with the
// renderer and sanitiser of the lesson page itself (civics:markdown_preview),
// so it never shows what the lesson would not. Without JavaScript the
// preview shows the text as the page loaded it.
(function () {
  "use strict";
  if (!window.fetch || !window.FormData) {
    return;
  }
  var DELAY_MS = 400;

  function enhance(editor) {
    var url = editor.getAttribute("data-markdown-preview");
    var box = editor.querySelector("textarea");
    var output = editor.querySelector("[data-markdown-output]");
    var status = editor.querySelector("[data-markdown-status]");
    var form = box ? box.form : null;
    var token = form ? form.querySelector("input[name=csrfmiddlewaretoken]") : null;
    if (!box || !output || !token) {
      return;
    }
    var timer = null;
    var busy = false;
    var again = false; // typed while a rendering was on its way
    status.textContent = "Changes as you type.";

    function render() {
      if (busy) {
        again = true;
        return;
      }
      busy = true;
      var data = new FormData();
      data.append("text", box.value);
      fetch(url, {
        method: "POST",
        body: data,
        headers: { "X-CSRFToken": token.value },
        credentials: "same-origin",
      })
        .then(function (response) {
          if (response.status === 413) {
            throw new Error("The body is too long to preview as you type; save it and use View as student.");
          }
          if (!response.ok) {
            throw new Error("The preview could not be updated. Your text is not affected; save to see it.");
          }
          return response.text();
        })
        .then(function (html) {
          // Sanitised on the server by civics.markdown.render_markdown.
          output.innerHTML = html;
          status.textContent = "Changes as you type.";
        })
        .catch(function (error) {
          status.textContent = error.message;
        })
        .finally(function () {
          busy = false;
          if (again) {
            again = false;
            render();
          }
        });
    }

    box.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(render, DELAY_MS);
    });
  }

  // The admin loads a form's scripts in the page's head, before its body.
  function start() {
    document.querySelectorAll("[data-markdown-preview]").forEach(enhance);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
