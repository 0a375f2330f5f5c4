// AIDE exam-taking page: countdown to the server deadline, item navigator, one item at a time,
// autosave of every change (PUT .../answers/{position} with a per-attempt seq), unsent answers
// kept in localStorage and replayed after a reconnect, integrity events, submit and auto-submit.
// Dependency-free; task items are rendered with window.AideWorkspace (workspace.js).
(function () {
  "use strict";
  var island = document.getElementById("attempt-data");
  var root = document.getElementById("exam");
  if (!island || !root) return;
  var data;
  try { data = JSON.parse(island.textContent); } catch (e) { return; }

  // ------------------------------------------------------------------ strings (ko / en)
  var lang = (document.documentElement.getAttribute("lang") || "ko").slice(0, 2) === "en" ? "en" : "ko";
  var STRINGS = {
    ko: {
      saved: "저장됨 ✓", saving: "저장 중…", offline: "오프라인 — 다시 시도 중",
      error: "저장 실패", invalid: "이 답안은 저장할 수 없습니다: {msg}", auth: "저장 실패 — 다시 로그인하세요",
      pending: "저장 대기 {n}개",
      item_of: "문항 {n} / {total}", section: "{id} 영역 · {title}",
      prev: "← 이전", next: "다음 →", review: "검토하고 제출",
      flag: "검토 표시", unflag: "검토 표시 해제",
      choose_one: "하나를 고르세요", choose_all: "해당하는 것을 모두 고르세요",
      short_answer: "답을 입력하세요", answer_label: "답",
      task_instructions: "작업 지시와 가이드라인 보기", unsupported: "작업 화면을 불러오지 못했습니다.",
      answered: "{n} / {total} 답함", nav_label: "문항 {n}", nav_answered: "답함", nav_unanswered: "답하지 않음",
      nav_flagged: "검토 표시", nav_current: "현재 문항",
      all_answered: "모든 문항에 답했습니다.",
      unanswered: "아직 답하지 않은 문항이 {n}개 있습니다:",
      flagged: "검토 표시한 문항: {list}",
      unsent: "아직 서버에 저장되지 않은 답안이 {n}개 있습니다. 제출하기 전에 저장합니다.",
      offline_submit: "오프라인 상태라 지금은 제출할 수 없습니다. 답안은 이 기기에 보관되어 있고, 연결되면 자동으로 저장됩니다.",
      submit_failed: "제출하지 못했습니다: {msg}", submitting: "제출 중…", submit_now: "지금 제출",
      time_up: "시간이 끝났습니다. 저장된 답안으로 제출합니다…",
      minutes_left: "남은 시간 {n}분", graded: "이 시험은 이미 채점되었습니다. 결과로 이동합니다…",
      true: "참", false: "거짓"
    },
    en: {
      saved: "Saved ✓", saving: "Saving…", offline: "Offline — retrying",
      error: "Not saved", invalid: "This answer cannot be saved: {msg}", auth: "Not saved — please log in again",
      pending: "{n} waiting to be saved",
      item_of: "Question {n} of {total}", section: "Section {id} · {title}",
      prev: "← Previous", next: "Next →", review: "Review and submit",
      flag: "Mark for review", unflag: "Unmark",
      choose_one: "Choose one", choose_all: "Choose all that apply",
      short_answer: "Type your answer", answer_label: "Answer",
      task_instructions: "Show the instructions and guidelines", unsupported: "The labeling workspace could not be loaded.",
      answered: "{n} of {total} answered", nav_label: "Question {n}", nav_answered: "answered", nav_unanswered: "not answered",
      nav_flagged: "marked for review", nav_current: "current question",
      all_answered: "You have answered every question.",
      unanswered: "{n} questions are not answered yet:",
      flagged: "Marked for review: {list}",
      unsent: "{n} answers are not saved on the server yet; they are saved before submitting.",
      offline_submit: "You are offline, so the exam cannot be submitted now. Your answers are kept on this device and saved as soon as you reconnect.",
      submit_failed: "The exam could not be submitted: {msg}", submitting: "Submitting…", submit_now: "Submit now",
      time_up: "Time is up. Submitting the saved answers…",
      minutes_left: "{n} minutes left", graded: "This exam is already graded. Opening the result…",
      true: "True", false: "False"
    }
  };
  function t(key, vars) {
    var text = STRINGS[lang][key] || STRINGS.en[key] || key;
    if (vars) Object.keys(vars).forEach(function (k) { text = text.split("{" + k + "}").join(String(vars[k])); });
    return text;
  }

  // ------------------------------------------------------------------ helpers
  function h(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      var value = attrs[key];
      if (value === null || value === undefined || value === false) return;
      if (key === "text") node.textContent = value;
      else if (key === "on") Object.keys(value).forEach(function (ev) { node.addEventListener(ev, value[ev]); });
      else node.setAttribute(key, value === true ? "" : value);
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }
  function parseTime(text) { return Date.parse(String(text).replace(/(\.\d{3})\d+/, "$1")); }
  var storage = (function () {
    var prefix = "aide-exam:" + data.id + ":";
    function get(key) {
      try { var raw = window.localStorage.getItem(prefix + key); return raw ? JSON.parse(raw) : null; } catch (e) { return null; }
    }
    function set(key, value) {
      try { window.localStorage.setItem(prefix + key, JSON.stringify(value)); } catch (e) { /* private mode: memory only */ }
    }
    function clear() {
      ["seq", "pending", "flags"].forEach(function (key) {
        try { window.localStorage.removeItem(prefix + key); } catch (e) { /* ignore */ }
      });
    }
    return { get: get, set: set, clear: clear };
  })();
  function headers() {
    return { "Content-Type": "application/json", "Accept": "application/json",
             "X-CSRF-Token": window.aideCsrfToken ? window.aideCsrfToken() : "" };
  }
  function detailText(detail, fallback) {
    if (!detail) return fallback;
    if (typeof detail === "string") return detail;
    if (Array.isArray(detail)) return detail.map(function (d) { return d.msg || ""; }).join("; ");
    return fallback;
  }

  // ------------------------------------------------------------------ state
  var base = "/api/v1/attempts/" + encodeURIComponent(data.id);
  var resultUrl = "/attempts/" + encodeURIComponent(data.id) + "/result";
  var paper = data.paper || [];
  var total = paper.length;
  var byPos = {};
  paper.forEach(function (item) { byPos[item.position] = item; });
  var saved = {};    // position -> {seq, response} confirmed by the server
  var answers = {};  // position -> the response shown on this page
  var seq = 0;
  Object.keys(data.answers || {}).forEach(function (pos) {
    saved[pos] = data.answers[pos];
    answers[pos] = data.answers[pos].response;
    seq = Math.max(seq, data.answers[pos].seq);
  });
  seq = Math.max(seq, Number(storage.get("seq")) || 0);
  var pending = storage.get("pending") || {};  // position -> {seq, response} not yet confirmed
  Object.keys(pending).forEach(function (pos) {
    var entry = pending[pos];
    if (!byPos[pos] || !entry || typeof entry.seq !== "number" || (saved[pos] && saved[pos].seq >= entry.seq)) {
      delete pending[pos];
      return;
    }
    answers[pos] = entry.response;
    seq = Math.max(seq, entry.seq);
  });
  var flags = storage.get("flags") || {};
  storage.set("seq", seq);
  storage.set("pending", pending);

  var offset = parseTime(data.server_time) - Date.now();  // server clock minus this device's clock
  var deadline = parseTime(data.deadline);
  var current = 0;
  var closed = false;

  // ------------------------------------------------------------------ DOM
  var itemHost = root.querySelector("[data-item-host]");
  var pill = root.querySelector("[data-testid=save-status]");
  var timerValue = root.querySelector("[data-timer-value]");
  var timerBox = root.querySelector("[data-testid=timer]");
  var answeredCount = root.querySelector("[data-testid=answered-count]");
  var navCount = root.querySelector("[data-nav-count]");
  var announcer = root.querySelector("[data-announce]");
  var dialog = root.querySelector("[data-submit-dialog]");
  var unansweredBox = root.querySelector("[data-unanswered]");
  var submitError = root.querySelector("[data-submit-error]");
  var confirmButton = root.querySelector("[data-action=confirm-submit]");
  var nav = root.querySelector("[data-nav]");
  var narrow = window.matchMedia ? window.matchMedia("(max-width: 900px)") : null;
  if (nav && narrow) {
    if (narrow.matches) nav.removeAttribute("open");
    var onWidth = function () { if (narrow.matches) nav.removeAttribute("open"); else nav.setAttribute("open", ""); };
    if (narrow.addEventListener) narrow.addEventListener("change", onWidth); else if (narrow.addListener) narrow.addListener(onWidth);
  }

  function announce(text) { if (announcer) { announcer.textContent = ""; announcer.textContent = text; } }

  // ------------------------------------------------------------------ save status pill
  var pillState = "saved";
  function pendingCount() { return Object.keys(pending).length; }
  function setStatus(state, message) {
    pillState = state;
    pill.dataset.state = state;
    pill.dataset.pending = String(pendingCount());
    pill.textContent = message || t(state);
    pill.title = pendingCount() ? t("pending", { n: pendingCount() }) : "";
  }

  // ------------------------------------------------------------------ answers and autosave
  function isAnswered(response) {
    if (!response || typeof response !== "object") return false;
    return Object.keys(response).some(function (key) {
      var value = response[key];
      if (Array.isArray(value)) return value.length > 0;
      if (typeof value === "string") return value.trim().length > 0;
      return value !== null && value !== undefined;
    });
  }

  function record(position, response) {
    if (closed || !byPos[position]) return;
    seq += 1;
    storage.set("seq", seq);
    pending[position] = { seq: seq, response: response };
    storage.set("pending", pending);
    answers[position] = response;
    updateNav();
    flush();
  }

  var debounced = {};  // position -> {timer, get}
  function recordSoon(position, get, delay) {
    if (debounced[position]) clearTimeout(debounced[position].timer);
    setStatus(navigator.onLine ? "saving" : "offline");
    debounced[position] = { get: get, timer: setTimeout(function () { fireDebounced(position); }, delay) };
  }
  function fireDebounced(position) {
    var entry = debounced[position];
    if (!entry) return;
    clearTimeout(entry.timer);
    delete debounced[position];
    record(position, entry.get());
  }
  function fireAllDebounced() { Object.keys(debounced).forEach(fireDebounced); }

  var sending = false, retryTimer = null, backoff = 0;
  function scheduleRetry() {
    backoff = backoff ? Math.min(backoff * 2, 30000) : 1000;
    setStatus("offline");
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = setTimeout(function () { retryTimer = null; flush(); }, backoff);
  }
  function flush() {
    if (sending || closed) return;
    var positions = Object.keys(pending);
    if (!positions.length) {
      if (!Object.keys(debounced).length) setStatus("saved");
      notifyIdle();
      return;
    }
    if (!navigator.onLine) { setStatus("offline"); return; }
    if (retryTimer) { clearTimeout(retryTimer); retryTimer = null; }
    var position = positions[0];
    var entry = pending[position];
    sending = true;
    setStatus("saving");
    fetch(base + "/answers/" + position, {
      method: "PUT", credentials: "same-origin", headers: headers(),
      body: JSON.stringify({ seq: entry.seq, response: entry.response })
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        sending = false;
        if (response.ok) {
          backoff = 0;
          saved[position] = { seq: entry.seq, response: entry.response };
          dropPending(position, entry.seq);
          flush();
        } else if (response.status === 409) {
          conflict(position, entry, detailText(body.detail, ""));
        } else if (response.status === 422) {
          dropPending(position, entry.seq);
          setStatus("error", t("invalid", { msg: detailText(body.detail, "422") }));
          setTimeout(flush, 1500);
        } else if (response.status === 401 || response.status === 403) {
          setStatus("error", t("auth"));
          backoff = Math.max(backoff, 15000);
          retryTimer = setTimeout(function () { retryTimer = null; flush(); }, backoff);
        } else {
          scheduleRetry();
        }
      });
    }, function () {
      sending = false;
      scheduleRetry();
    });
  }
  function dropPending(position, entrySeq) {
    if (pending[position] && pending[position].seq === entrySeq) {
      delete pending[position];
      storage.set("pending", pending);
    }
  }
  function conflict(position, entry, detail) {
    var newer = /newer answer \(seq (\d+)\)/i.exec(detail);
    if (newer) {
      // Another tab or device saved a newer answer: this write is stale. Keep counting above it.
      seq = Math.max(seq, Number(newer[1]));
      storage.set("seq", seq);
      dropPending(position, entry.seq);
      sync().then(flush, flush);
      return;
    }
    if (/sequence number was already used/i.test(detail)) {
      if (pending[position] && pending[position].seq === entry.seq) {
        seq += 1;
        storage.set("seq", seq);
        pending[position].seq = seq;
        storage.set("pending", pending);
      }
      flush();
      return;
    }
    // Time is up (or the attempt is closed): the server graded what was saved.
    goToResult();
  }

  // Resolve when every change is saved (or reject after `ms`).
  var idleWaiters = [];
  function notifyIdle() {
    if (pendingCount() || Object.keys(debounced).length) return;
    var waiters = idleWaiters;
    idleWaiters = [];
    waiters.forEach(function (w) { clearTimeout(w.timer); w.resolve(); });
  }
  function whenSaved(ms) {
    fireAllDebounced();
    return new Promise(function (resolve, reject) {
      if (!pendingCount()) { resolve(); return; }
      var waiter = { resolve: resolve };
      waiter.timer = setTimeout(function () {
        idleWaiters = idleWaiters.filter(function (w) { return w !== waiter; });
        reject(new Error("timeout"));
      }, ms);
      idleWaiters.push(waiter);
      flush();
    });
  }

  // Fresh deadline (accommodations) and answers from the server; graded → the result page.
  function sync() {
    if (closed || !navigator.onLine) return Promise.resolve();
    return fetch(base, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (fresh) {
        if (!fresh) return;
        if (fresh.status !== "open") { goToResult(); return; }
        offset = parseTime(fresh.server_time) - Date.now();
        deadline = parseTime(fresh.deadline);
        var changedCurrent = false;
        Object.keys(fresh.answers || {}).forEach(function (pos) {
          var entry = fresh.answers[pos];
          seq = Math.max(seq, entry.seq);
          saved[pos] = entry;
          if (!pending[pos] && !debounced[pos]) {
            if (JSON.stringify(answers[pos]) !== JSON.stringify(entry.response) && Number(pos) === current) changedCurrent = true;
            answers[pos] = entry.response;
          }
        });
        storage.set("seq", seq);
        updateNav();
        if (changedCurrent && !itemHost.contains(document.activeElement)) show(current, false);
      })
      .catch(function () { /* offline: the next sync catches up */ });
  }

  // Light check (no paper): the deadline may have moved (extra time) or the attempt been graded.
  function syncClock() {
    if (closed || !navigator.onLine) return;
    fetch("/api/v1/me/attempts", { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (list) {
        var mine = (list || []).filter(function (a) { return a.id === data.id; })[0];
        if (!mine) return;
        if (mine.status !== "open") { goToResult(); return; }
        offset = parseTime(mine.server_time) - Date.now();
        deadline = parseTime(mine.deadline);
      })
      .catch(function () { /* offline: the next check catches up */ });
  }

  // ------------------------------------------------------------------ integrity events
  var eventQueue = [], sendingEvent = false;
  function logEvent(kind, detail) {
    if (closed) return;
    eventQueue.push({ kind: kind, detail: (detail || "").slice(0, 200) });
    if (eventQueue.length > 200) eventQueue.shift();
    sendEvents(kind === "hidden");
  }
  function sendEvents(keepalive) {
    if (sendingEvent || closed || !eventQueue.length || !navigator.onLine) return;
    var event = eventQueue[0];
    sendingEvent = true;
    fetch(base + "/events", { method: "POST", credentials: "same-origin", headers: headers(), keepalive: !!keepalive,
                              body: JSON.stringify(event) })
      .then(function (response) {
        sendingEvent = false;
        if (response.ok || response.status === 422 || response.status === 404) {
          eventQueue.shift();
          sendEvents(false);
        }
      }, function () { sendingEvent = false; });
  }
  var leaving = false;  // leaving the page is not a tab switch
  window.addEventListener("beforeunload", function () { leaving = true; });
  document.addEventListener("visibilitychange", function () {
    if (leaving) return;
    logEvent(document.visibilityState === "hidden" ? "hidden" : "visible", "item " + current);
    if (document.visibilityState === "visible") syncClock();
  });
  window.addEventListener("blur", function () { logEvent("blur", "item " + current); });
  window.addEventListener("focus", function () { logEvent("focus", "item " + current); });
  document.addEventListener("paste", function () { logEvent("paste", "item " + current); });
  window.addEventListener("online", function () {
    backoff = 0;
    logEvent("reconnect", pendingCount() + " unsent");
    flush();
    sync();
  });
  window.addEventListener("offline", function () { setStatus("offline"); });
  window.addEventListener("pagehide", function () {
    // Best effort: send what is still waiting (it also stays in localStorage for the next visit).
    fireAllDebounced();
    if (closed || !navigator.onLine) return;
    Object.keys(pending).forEach(function (pos) {
      try {
        fetch(base + "/answers/" + pos, { method: "PUT", credentials: "same-origin", keepalive: true, headers: headers(),
                                           body: JSON.stringify({ seq: pending[pos].seq, response: pending[pos].response }) });
      } catch (e) { /* ignore */ }
    });
  });

  // ------------------------------------------------------------------ navigator
  var navButtons = Array.prototype.slice.call(root.querySelectorAll("[data-goto]"));
  function updateNav() {
    var answeredN = 0;
    navButtons.forEach(function (button) {
      var pos = Number(button.getAttribute("data-goto"));
      var done = isAnswered(answers[pos]);
      if (done) answeredN += 1;
      button.classList.toggle("is-answered", done);
      button.classList.toggle("is-flagged", !!flags[pos]);
      button.classList.toggle("is-current", pos === current);
      if (pos === current) button.setAttribute("aria-current", "step"); else button.removeAttribute("aria-current");
      var parts = [t("nav_label", { n: pos }), done ? t("nav_answered") : t("nav_unanswered")];
      if (flags[pos]) parts.push(t("nav_flagged"));
      if (pos === current) parts.push(t("nav_current"));
      button.setAttribute("aria-label", parts.join(", "));
    });
    var text = t("answered", { n: answeredN, total: total });
    if (answeredCount) answeredCount.textContent = text;
    if (navCount) navCount.textContent = "(" + answeredN + "/" + total + ")";
  }
  navButtons.forEach(function (button) {
    button.addEventListener("click", function () {
      show(Number(button.getAttribute("data-goto")), true);
      if (nav && narrow && narrow.matches) nav.removeAttribute("open");
    });
  });

  // ------------------------------------------------------------------ one item at a time
  var workspace = null;
  function destroyWorkspace() {
    if (workspace) { try { workspace.destroy(); } catch (e) { /* ignore */ } workspace = null; }
  }

  function renderQuestion(item, body) {
    var position = item.position;
    var response = answers[position] || {};
    body.appendChild(h("h2", { class: "item-prompt", id: "prompt-" + position, text: item.prompt }));
    if (item.type === "short_answer") {
      var input = h("input", { class: "input short-input", type: "text", maxlength: "500", autocomplete: "off",
                               id: "answer-" + position, "aria-labelledby": "prompt-" + position,
                               placeholder: t("short_answer"), "data-testid": "short-answer" });
      input.value = response.text || "";
      input.addEventListener("input", function () {
        recordSoon(position, function () { return { text: input.value }; }, 700);
      });
      input.addEventListener("change", function () { fireDebounced(position); });
      body.appendChild(h("p", { class: "item-hint", text: t("short_answer") }));
      body.appendChild(input);
      return;
    }
    var multiple = item.type === "multiple";
    var chosen = response.choices || [];
    var group = h("div", { class: "options", role: multiple ? "group" : "radiogroup", "aria-labelledby": "prompt-" + position });
    (item.options || []).forEach(function (option, index) {
      var text = option.text || (option.value ? t(option.value) : option.id);
      var input = h("input", { type: multiple ? "checkbox" : "radio", name: "q" + position, value: option.id,
                               "data-testid": "option" });
      input.checked = chosen.indexOf(option.id) >= 0;
      input.addEventListener("change", function () {
        var values = Array.prototype.slice.call(group.querySelectorAll("input:checked")).map(function (el) { return el.value; });
        record(position, { choices: values });
      });
      group.appendChild(h("label", { class: "option" }, [input, h("span", { class: "option-key", "aria-hidden": "true", text: String.fromCharCode(65 + index) }),
        h("span", { class: "option-text", text: text })]));
    });
    body.appendChild(h("p", { class: "item-hint", text: multiple ? t("choose_all") : t("choose_one") }));
    body.appendChild(group);
  }

  function renderTask(item, body) {
    var task = item.task || {};
    var position = item.position;
    body.appendChild(h("h2", { class: "item-prompt", id: "prompt-" + position, text: task.title || "" }));
    if (task.instructions_html) {
      var instructions = h("div", { class: "lesson-body small" });
      instructions.innerHTML = task.instructions_html;  // rendered by the server from the authored content
      body.appendChild(h("details", { class: "task-instructions" }, [h("summary", { text: t("task_instructions") }), instructions]));
    }
    var host = h("div", { class: "exam-ws", "data-testid": "workspace" });
    body.appendChild(host);
    if (!window.AideWorkspace || !window.AideWorkspace.mount) {
      host.appendChild(h("p", { class: "alert alert-error", text: t("unsupported") }));
      return;
    }
    workspace = window.AideWorkspace.mount(host, task, {
      initial: answers[position] || null, locale: lang,
      onChange: function (value) { recordSoon(position, function () { return value; }, 600); }
    });
  }

  function show(position, focus) {
    if (!byPos[position]) position = paper.length ? paper[0].position : 0;
    if (!byPos[position]) return;
    fireAllDebounced();
    destroyWorkspace();
    current = position;
    var item = byPos[position];
    var section = sectionTitle(item.section);
    itemHost.textContent = "";
    itemHost.setAttribute("data-position", String(position));
    itemHost.setAttribute("data-kind", item.kind);
    var flagButton = h("button", { type: "button", class: "btn btn-ghost btn-sm flag-btn", "aria-pressed": flags[position] ? "true" : "false",
                                   "data-testid": "flag", text: flags[position] ? "⚑ " + t("unflag") : "⚐ " + t("flag") });
    flagButton.addEventListener("click", function () {
      if (flags[position]) delete flags[position]; else flags[position] = true;
      storage.set("flags", flags);
      flagButton.setAttribute("aria-pressed", flags[position] ? "true" : "false");
      flagButton.textContent = flags[position] ? "⚑ " + t("unflag") : "⚐ " + t("flag");
      updateNav();
    });
    var head = h("div", { class: "item-head" }, [
      h("div", {}, [
        h("p", { class: "item-number", "data-testid": "item-number", text: t("item_of", { n: position, total: total }) }),
        h("p", { class: "item-section", text: section })
      ]),
      flagButton
    ]);
    var body = h("div", { class: "item-body" });
    itemHost.appendChild(head);
    itemHost.appendChild(body);
    if (item.kind === "task") renderTask(item, body); else renderQuestion(item, body);

    var index = paper.indexOf(item);
    var prev = paper[index - 1], next = paper[index + 1];
    var pager = h("div", { class: "item-pager" }, [
      h("button", { type: "button", class: "btn btn-ghost", "data-testid": "prev", disabled: !prev,
                    text: t("prev"), on: { click: function () { if (prev) show(prev.position, true); } } }),
      next ? h("button", { type: "button", class: "btn btn-primary", "data-testid": "next", text: t("next"),
                           on: { click: function () { show(next.position, true); } } })
           : h("button", { type: "button", class: "btn btn-primary", "data-testid": "review-submit", text: t("review"),
                           on: { click: openDialog } })
    ]);
    itemHost.appendChild(pager);
    updateNav();
    if (window.history && window.history.replaceState) window.history.replaceState(null, "", "#q" + position);
    if (focus) {
      itemHost.focus({ preventScroll: true });
      var top = itemHost.getBoundingClientRect().top;
      if (top < 0 || top > window.innerHeight * 0.6) itemHost.scrollIntoView({ block: "start", behavior: "smooth" });
    }
  }

  var sectionTitles = {};
  Array.prototype.forEach.call(root.querySelectorAll(".nav-section-title"), function (node) {
    var text = node.textContent.trim();
    sectionTitles[text.split(" · ")[0]] = text.split(" · ").slice(1).join(" · ");
  });
  function sectionTitle(id) { return t("section", { id: id, title: sectionTitles[id] || "" }); }

  // ------------------------------------------------------------------ submit
  var submitting = false;
  function openDialog() {
    fireAllDebounced();
    var missing = paper.filter(function (item) { return !isAnswered(answers[item.position]); });
    unansweredBox.textContent = "";
    if (!missing.length) {
      unansweredBox.appendChild(h("p", { class: "alert alert-success", text: t("all_answered") }));
    } else {
      unansweredBox.appendChild(h("p", { class: "unanswered-title", text: t("unanswered", { n: missing.length }) }));
      unansweredBox.appendChild(h("ul", { class: "unanswered-list", "data-testid": "unanswered-list" }, missing.map(function (item) {
        return h("li", {}, [h("button", { type: "button", class: "nav-btn", text: String(item.position),
          on: { click: function () { closeDialog(); show(item.position, true); } } })]);
      })));
    }
    var marked = Object.keys(flags).filter(function (pos) { return byPos[pos]; });
    if (marked.length) unansweredBox.appendChild(h("p", { class: "muted", text: t("flagged", { list: marked.join(", ") }) }));
    if (pendingCount()) unansweredBox.appendChild(h("p", { class: "alert alert-info", text: t("unsent", { n: pendingCount() }) }));
    submitError.hidden = true;
    if (dialog.showModal) dialog.showModal(); else dialog.setAttribute("open", "");
    confirmButton.focus();
  }
  function closeDialog() { if (dialog.close) dialog.close(); else dialog.removeAttribute("open"); }
  function showSubmitError(text) { submitError.textContent = text; submitError.hidden = false; }

  function submitNow(auto) {
    if (submitting || closed) return;
    if (!navigator.onLine) {
      if (auto) { window.addEventListener("online", function again() { window.removeEventListener("online", again); submitNow(true); }); }
      else showSubmitError(t("offline_submit"));
      return;
    }
    submitting = true;
    confirmButton.disabled = true;
    confirmButton.textContent = t("submitting");
    whenSaved(auto ? 8000 : 20000).catch(function () { if (!auto) throw new Error("unsaved"); })
      .then(function () {
        return fetch(base + "/submit", { method: "POST", credentials: "same-origin", headers: headers() });
      })
      .then(function (response) {
        if (response.ok || response.status === 409) { goToResult(); return; }
        return response.json().catch(function () { return {}; }).then(function (body) {
          throw new Error(detailText(body.detail, String(response.status)));
        });
      })
      .catch(function (error) {
        submitting = false;
        confirmButton.disabled = false;
        confirmButton.textContent = t("submit_now");
        var message = error && error.message === "unsaved" ? t("offline_submit") : t("submit_failed", { msg: (error && error.message) || "" });
        if (auto) { setStatus("error", message); setTimeout(function () { submitNow(true); }, 3000); }
        else showSubmitError(message);
      });
  }
  function goToResult() {
    if (closed) return;
    closed = true;
    destroyWorkspace();
    storage.clear();
    window.location.assign(resultUrl);
  }

  root.querySelector("[data-action=review-submit]").addEventListener("click", openDialog);
  confirmButton.addEventListener("click", function () { submitNow(false); });

  // ------------------------------------------------------------------ countdown
  var announced = {};
  var autoSubmitted = false;
  function format(ms) {
    var s = Math.max(0, Math.ceil(ms / 1000));
    var hh = Math.floor(s / 3600), mm = Math.floor((s % 3600) / 60), ss = s % 60;
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return (hh ? hh + ":" + pad(mm) : pad(mm)) + ":" + pad(ss);
  }
  function tick() {
    var left = deadline - (Date.now() + offset);
    timerValue.textContent = format(left);
    timerBox.classList.toggle("is-low", left <= 5 * 60000);
    timerBox.classList.toggle("is-critical", left <= 60000);
    [10, 5, 1].forEach(function (m) {
      if (left <= m * 60000 && left > (m * 60000 - 5000) && !announced[m]) { announced[m] = true; announce(t("minutes_left", { n: m })); }
    });
    if (left <= 0 && !autoSubmitted && !closed) {
      autoSubmitted = true;
      announce(t("time_up"));
      setStatus(pillState, t("time_up"));
      if (dialog.open) closeDialog();
      submitNow(true);
    }
  }

  // ------------------------------------------------------------------ start
  window.AideExam = {
    // Test hook and scripting entry: save a response through the page's own autosave path.
    setResponse: function (position, response) {
      record(Number(position), response);
      if (Number(position) === current) show(current, false);
    },
    goto: function (position) { show(Number(position), true); },
    pending: function () { return JSON.parse(JSON.stringify(pending)); },
    answers: function () { return JSON.parse(JSON.stringify(answers)); },
    status: function () { return pillState; },
    flush: flush
  };

  if (data.status !== "open") { announce(t("graded")); goToResult(); return; }
  var start = Number((/^#q(\d+)$/.exec(window.location.hash) || [])[1]) || (paper[0] && paper[0].position);
  show(start, false);
  setStatus(pendingCount() ? (navigator.onLine ? "saving" : "offline") : "saved");
  tick();
  setInterval(tick, 500);
  setInterval(function () { if (document.visibilityState === "visible") syncClock(); }, 60000);
  flush();  // replay what an earlier visit could not send
})();

// Result page of a mock exam: filter the review, and draw a task's comparison with the correct labels
// (AideWorkspace.renderResult) when its panel is opened.
(function () {
  "use strict";
  var island = document.getElementById("review-data");
  if (!island) return;
  var items = {};
  try {
    (JSON.parse(island.textContent).items || []).forEach(function (row) { items[row.position] = row; });
  } catch (e) { return; }
  var lang = (document.documentElement.getAttribute("lang") || "ko").slice(0, 2) === "en" ? "en" : "ko";

  Array.prototype.forEach.call(document.querySelectorAll("[data-overlay]"), function (details) {
    details.addEventListener("toggle", function () {
      if (!details.open || details.getAttribute("data-drawn")) return;
      var row = items[details.getAttribute("data-overlay")];
      var host = details.querySelector(".overlay-host");
      if (!row || !host || !window.AideWorkspace || !window.AideWorkspace.renderResult) return;
      details.setAttribute("data-drawn", "1");
      var result = {};
      Object.keys(row.result || {}).forEach(function (key) { result[key] = row.result[key]; });
      result.submission = row.response || {};
      window.AideWorkspace.renderResult(host, row.task, result, lang);
    });
  });

  var buttons = Array.prototype.slice.call(document.querySelectorAll("[data-review-filter]"));
  buttons.forEach(function (button) {
    button.addEventListener("click", function () {
      var onlyWrong = button.getAttribute("data-review-filter") === "wrong";
      buttons.forEach(function (b) { b.setAttribute("aria-pressed", b === button ? "true" : "false"); });
      Array.prototype.forEach.call(document.querySelectorAll("[data-review-item]"), function (node) {
        node.hidden = onlyWrong && node.getAttribute("data-correct") === "true";
      });
    });
  });
})();
