// Lesson reading progress: reports the furthest point read (0–100) to the server, so the
// lesson counts as read once its end has been on screen. Sends at most every 2 seconds.
(function () {
  "use strict";
  var lesson = document.querySelector("[data-module]");
  if (!lesson) return;
  var slug = lesson.getAttribute("data-module");
  var best = parseInt(lesson.getAttribute("data-reading") || "0", 10);
  var sent = best;
  var timer = null;
  var label = document.querySelector("[data-testid=reading-percent]");
  var barFill = document.querySelector(".reading .progress > span");

  function measure() {
    var rect = lesson.getBoundingClientRect();
    var seen = window.innerHeight - rect.top;
    var percent = Math.round(Math.max(0, Math.min(1, seen / rect.height)) * 100);
    if (percent > best) {
      best = percent;
      if (label) label.textContent = best + "%";
      if (barFill) barFill.style.width = best + "%";
      schedule();
    }
  }
  function schedule() {
    if (timer) return;
    timer = setTimeout(send, best >= 95 ? 0 : 2000);
  }
  function send() {
    timer = null;
    if (best <= sent) return;
    var value = best;
    fetch("/api/v1/modules/" + encodeURIComponent(slug) + "/reading", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": window.aideCsrfToken() },
      body: JSON.stringify({ percent: value })
    }).then(function (response) {
      if (!response.ok) return;
      sent = Math.max(sent, value);
      return response.json().then(function (state) {
        if (state.lesson_read) {
          var item = document.querySelector("[data-testid=check-lesson]");
          if (item) item.classList.add("done");
        }
      });
    }).catch(function () { /* offline: the next scroll retries */ });
  }
  window.addEventListener("scroll", measure, { passive: true });
  window.addEventListener("resize", measure);
  window.addEventListener("pagehide", send);
  measure();
})();
