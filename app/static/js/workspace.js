// AIDE labeling workspace — public API and the practice page controller.
//
//   var ws = AideWorkspace.mount(container, task, {initial, onChange, locale, readOnly});
//   ws.getBody(); ws.setBody(body); ws.destroy();
//   AideWorkspace.renderResult(container, task, result, locale);
//
// `task` is the public item (service.public_item); the body is exactly the submission JSON of
// content/README.md. Needs ws-core.js, ws-stage.js, ws-image.js, ws-forms.js, ws-result.js first.
(function () {
  "use strict";
  var W = window.AideWorkspace;
  var X = W._;
  var h = X.h;

  X.STRINGS.ko.k_submit = "Ctrl+Enter"; X.STRINGS.ko.d_submit = "제출하고 채점";
  X.STRINGS.en.k_submit = "Ctrl+Enter"; X.STRINGS.en.d_submit = "Submit and score";
  X.STRINGS.ko.unsupported = "이 유형은 작업 화면이 지원하지 않습니다: {type}";
  X.STRINGS.en.unsupported = "This task type is not supported by the workspace: {type}";

  var active = null;

  W.mount = function (container, task, options) {
    options = options || {};
    var locale = X.locale(options.locale);
    var t = X.translator(locale);
    var history = new X.History();
    var destroyed = false;
    var editor = null;
    var historyButtons = [];
    var root = h("div", { class: "ws-root", "data-type": task.type });
    var editorHost = h("div", { class: "ws-editor-host" });
    var announceNode = h("p", { class: "ws-announce", role: "status", "aria-live": "polite" });
    root.appendChild(editorHost);
    root.appendChild(announceNode);
    container.appendChild(root);

    var instance = {};
    function emit(body) { if (options.onChange) options.onChange(body); }
    function updateHistoryButtons() {
      historyButtons.forEach(function (pair) {
        pair[0].disabled = !history.canUndo();
        pair[1].disabled = !history.canRedo();
      });
    }
    function undo() {
      var body = history.undo();
      if (body === null) return;
      editor.setBody(body); updateHistoryButtons(); emit(body);
    }
    function redo() {
      var body = history.redo();
      if (body === null) return;
      editor.setBody(body); updateHistoryButtons(); emit(body);
    }

    var ws = {
      task: task, t: t, locale: locale, readOnly: !!options.readOnly, root: editorHost,
      announce: X.announcer(announceNode),
      activate: function () { active = instance; },
      commit: function (coalesceKey) {
        if (!editor || destroyed) return;
        var body = editor.getBody();
        if (history.push(body, coalesceKey)) { updateHistoryButtons(); emit(body); }
      },
      addHistoryButtons: function (toolbar) {
        if (options.readOnly) return;
        var u = X.iconButton("↶", t("undo") + " (Ctrl+Z)", undo, "ws-undo");
        var r = X.iconButton("↷", t("redo") + " (Ctrl+Shift+Z)", redo, "ws-redo");
        u.disabled = true; r.disabled = true;
        historyButtons.push([u, r]);
        toolbar.appendChild(u); toolbar.appendChild(r);
      }
    };

    var factory = X.editors && X.editors[task.type];
    if (!factory) {
      editorHost.appendChild(h("p", { class: "alert alert-error", text: t("unsupported", { type: task.type }) }));
      editor = { getBody: function () { return {}; }, setBody: function () {}, destroy: function () {}, shortcuts: [] };
    } else {
      editor = factory(ws);
    }
    if (options.initial && typeof options.initial === "object") editor.setBody(options.initial);
    history.reset(editor.getBody());
    updateHistoryButtons();

    var rows = (editor.shortcuts || []).concat(options.extraShortcuts || []);
    if (rows.length && !options.readOnly) root.appendChild(X.shortcutsPanel(t, rows));

    function onKey(e) {
      if (destroyed || active !== instance || !root.isConnected) return;
      var target = e.target;
      var inRoot = root.contains(target);
      if (!inRoot && target !== document.body && target !== document.documentElement) return;
      var inField = X.isEditable(target);
      var mod = e.ctrlKey || e.metaKey;
      var key = (e.key || "").toLowerCase();
      if (mod && !e.altKey && (key === "z" || key === "y")) {
        if (inField || editor.noHistoryKeys || options.readOnly) return;
        e.preventDefault();
        if (key === "y" || e.shiftKey) redo(); else undo();
        return;
      }
      if (inField && !editor.fieldKeys) return;
      if (editor.handleKey && editor.handleKey(e, inField)) { e.preventDefault(); return; }
      if (inField) return;
      var stage = editor.stage;
      if (stage && !mod && !e.altKey) {
        var tag = target && target.tagName;
        if (e.code === "Space" && (tag === "BUTTON" || tag === "A" || tag === "SUMMARY" || tag === "INPUT" || tag === "SELECT")) return;
        if (stage.handleKey(e)) e.preventDefault();
      }
    }
    document.addEventListener("keydown", onKey);
    function onFocus() { active = instance; }
    root.addEventListener("focusin", onFocus);
    root.addEventListener("pointerdown", onFocus);
    active = instance;

    instance.getBody = function () { return editor.getBody(); };
    instance.setBody = function (body) {
      editor.setBody(body || {});
      history.reset(editor.getBody());
      updateHistoryButtons();
    };
    instance.validate = function (body) { return editor.validate ? editor.validate(body || editor.getBody()) : null; };
    instance.focus = function () {
      var target = (editor.stage && editor.stage.canvas) || root.querySelector("input, textarea, select, button");
      if (target) target.focus({ preventScroll: true });
    };
    instance.destroy = function () {
      if (destroyed) return;
      destroyed = true;
      document.removeEventListener("keydown", onKey);
      if (editor.destroy) editor.destroy();
      if (root.parentNode) root.parentNode.removeChild(root);
      if (active === instance) active = null;
    };
    instance.root = root;
    return instance;
  };

  // ---------------------------------------------------------------- practice page controller
  function detailText(detail, fallback) {
    if (!detail) return fallback;
    if (typeof detail === "string") return detail;
    if (Array.isArray(detail)) {
      return detail.map(function (d) {
        var loc = (d.loc || []).filter(function (p) { return p !== "body"; }).join(".");
        return (loc ? loc + ": " : "") + (d.msg || "");
      }).join("; ");
    }
    return fallback;
  }

  function practicePage() {
    var island = document.getElementById("task-data");
    var container = document.getElementById("workspace");
    if (!island || !container || container.getAttribute("data-ws-controller") !== "practice") return;
    var task;
    try { task = JSON.parse(island.textContent); } catch (e) { return; }
    var locale = X.locale();
    var t = X.translator(locale);
    var base = "/api/v1/practice/tasks/" + encodeURIComponent(task.slug);
    var resultEl = document.getElementById("result");

    X.clear(container);
    var editorHost = h("div", { class: "ws-host" });
    var saveStatus = h("span", { class: "ws-save", role: "status", "aria-live": "polite", "data-testid": "save-status" });
    var submitError = h("p", { class: "ws-submit-error", role: "alert", "data-testid": "submit-error", hidden: true });
    var submitButton = h("button", { type: "button", class: "btn btn-primary btn-lg", "data-testid": "submit", text: t("submit") });
    var bar = h("div", { class: "ws-submit-bar" }, [h("div", { class: "ws-submit-info" }, [saveStatus, submitError]), submitButton]);
    container.appendChild(editorHost);
    container.appendChild(bar);

    function headers() {
      return { "Content-Type": "application/json", "Accept": "application/json", "X-CSRF-Token": window.aideCsrfToken ? window.aideCsrfToken() : "" };
    }
    function setSave(state, message) {
      saveStatus.dataset.state = state;
      saveStatus.textContent = message !== undefined ? message : (state ? t(state) : "");
    }

    // -- autosave (debounced), retried with backoff while offline
    var pending = null, timer = null, inFlight = false, retryDelay = 0;
    function schedule(body) {
      pending = body;
      setSave("unsaved");
      if (timer) clearTimeout(timer);
      timer = setTimeout(save, 800);
    }
    function save() {
      timer = null;
      if (!pending) return;
      if (inFlight) { timer = setTimeout(save, 300); return; }
      var body = pending;
      pending = null; inFlight = true;
      setSave("saving");
      fetch(base + "/draft", { method: "PUT", credentials: "same-origin", headers: headers(), body: JSON.stringify({ body: body }) })
        .then(function (response) {
          inFlight = false;
          if (response.ok) {
            retryDelay = 0;
            if (!pending) setSave("saved");
          } else if (response.status >= 500 || response.status === 429 || response.status === 408) {
            retry(body);
          } else {
            return response.json().catch(function () { return {}; }).then(function (data) {
              setSave("error", t("save_failed", { msg: detailText(data.detail, String(response.status)) }));
            });
          }
        })
        .catch(function () { inFlight = false; retry(body); });
    }
    function retry(body) {
      if (!pending) pending = body;
      retryDelay = Math.min(Math.max(2000, retryDelay * 2), 30000);
      setSave("offline");
      if (timer) clearTimeout(timer);
      timer = setTimeout(save, retryDelay);
    }
    window.addEventListener("online", function () { if (pending) { if (timer) clearTimeout(timer); save(); } });
    window.addEventListener("pagehide", function () {
      if (!pending) return;
      try {
        fetch(base + "/draft", { method: "PUT", credentials: "same-origin", keepalive: true, headers: headers(),
          body: JSON.stringify({ body: pending }) });
        pending = null;
      } catch (e) { /* best effort */ }
    });

    var instance = W.mount(editorHost, task, {
      initial: task.draft || null, locale: locale, onChange: schedule,
      extraShortcuts: [["k_submit", "d_submit"]]
    });
    if (task.draft && Object.keys(task.draft).length) setSave("restored", t("draft_restored"));

    // -- submit
    var submitting = false;
    function showError(message) {
      submitError.textContent = message;
      submitError.hidden = !message;
    }
    function submit() {
      if (submitting) return;
      var body = instance.getBody();
      var problem = instance.validate(body);
      if (problem) { showError(problem); return; }
      showError("");
      submitting = true;
      submitButton.disabled = true;
      submitButton.textContent = t("submitting");
      fetch(base + "/submissions", { method: "POST", credentials: "same-origin", headers: headers(), body: JSON.stringify(body) })
        .then(function (response) {
          return response.json().catch(function () { return {}; }).then(function (data) {
            if (response.ok) showResult(data);
            else showError(t("submit_failed", { msg: detailText(data.detail, String(response.status)) }));
          });
        })
        .catch(function () { showError(t("network_error")); })
        .then(function () {
          submitting = false;
          submitButton.disabled = false;
          submitButton.textContent = t("submit");
        });
    }
    submitButton.addEventListener("click", submit);
    document.addEventListener("keydown", function (e) {
      if ((e.ctrlKey || e.metaKey) && e.key === "Enter") { e.preventDefault(); submit(); }
    });

    function showResult(data) {
      if (!resultEl) return;
      resultEl.hidden = false;
      var view = W.renderResult(resultEl, task, data, locale);
      var again = h("button", { type: "button", class: "btn btn-ghost", "data-testid": "try-again",
        on: { click: function () {
          container.scrollIntoView({ behavior: "smooth", block: "start" });
          instance.focus();
        } } }, ["↺ " + t("try_again")]);
      var actions = h("div", { class: "ws-res-actions" }, [again, h("span", { class: "ws-muted small", text: t("try_again_hint") })]);
      var head = resultEl.querySelector(".ws-res-head");
      if (head) head.appendChild(actions); else resultEl.appendChild(actions);
      resultEl.scrollIntoView({ behavior: "smooth", block: "start" });
      if (view && view.heading) view.heading.focus({ preventScroll: true });
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", practicePage);
  else practicePage();
})();
