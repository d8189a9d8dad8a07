// Ordinavo webhook dashboard: asks before an action is sent, leaves empty filters out of the URL, copies a new secret. No inline script anywhere
// (the Content-Security-Policy forbids it); every behaviour hangs on data- attributes.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      return;
    }
    if (form && form.classList.contains("filters")) {
      Array.prototype.forEach.call(form.elements, function (field) {
        if (field.name && !field.value) {
          field.disabled = true;
        }
      });
    }
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-copy]") : null;
    if (!button || !navigator.clipboard) {
      return;
    }
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (source) {
      navigator.clipboard.writeText(source.textContent).then(function () { button.textContent = "Copied"; });
    }
  });
})();
