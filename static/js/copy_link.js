// Progressive enhancement: a "Copy" button for a link on the page. The button
// is hidden until this script shows it; without JavaScript the link is
// ordinary text to select and copy.
(function () {
  "use strict";
  if (!navigator.clipboard || !navigator.clipboard.writeText) {
    return;
  }
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var link = document.querySelector(button.getAttribute("data-copy"));
    var status = button.parentElement.querySelector("[data-copy-status]");
    if (!link) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(link.href || link.textContent).then(
        function () {
          if (status) {
            status.textContent = "Copied.";
          }
        },
        function () {
          if (status) {
            status.textContent = "Could not copy: select the link and copy it.";
          }
        }
      );
    });
  });
})();
