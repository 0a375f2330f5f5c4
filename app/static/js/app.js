// Site-wide behaviour: the mobile navigation toggle. Small and dependency-free.
(function () {
  "use strict";
  var toggle = document.querySelector("[data-nav-toggle]");
  var nav = document.getElementById("site-nav");
  if (toggle && nav) {
    toggle.addEventListener("click", function () {
      var open = nav.classList.toggle("open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }
})();

// Reads the CSRF token the page carries, for fetch() writes to the JSON API.
window.aideCsrfToken = function () {
  var input = document.querySelector('input[name="csrf_token"]');
  return input ? input.value : "";
};
