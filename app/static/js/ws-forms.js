// AIDE labeling workspace — form editors: classification (image / audio / video / text asset),
// text_collection, transcription (audio + speed + shortcuts) and inspection (the reviewed labels,
// then accept/reject, reasons and, for geometric reviews, the faulty objects).
(function () {
  "use strict";
  var X = window.AideWorkspace._;
  var h = X.h;
  var editors = X.editors = X.editors || {};
  var SPEEDS = [0.75, 1, 1.25, 1.5];

  // An <audio>/<video> with speed buttons (and, for transcription, play/pause and rewind).
  X.mediaPlayer = function (ws, asset, withTransport) {
    var t = ws.t;
    var isVideo = asset.kind === "video";
    var media = h(isVideo ? "video" : "audio", { controls: true, preload: "metadata", src: asset.url,
      class: isVideo ? "ws-video" : "ws-audio", "data-testid": isVideo ? "ws-video" : "ws-audio",
      "aria-label": t(isVideo ? "video_label" : "audio_label") });
    if (isVideo) { media.setAttribute("playsinline", ""); if (asset.width) media.width = asset.width; }
    var speedButtons = SPEEDS.map(function (speed) {
      var b = h("button", { type: "button", class: "btn btn-ghost btn-sm ws-speed", text: speed + "×",
        on: { click: function () { setSpeed(speed); } } });
      X.pressed(b, speed === 1);
      return b;
    });
    function setSpeed(speed) {
      media.playbackRate = speed;
      speedButtons.forEach(function (b, i) { X.pressed(b, SPEEDS[i] === speed); });
    }
    media.addEventListener("ratechange", function () {
      speedButtons.forEach(function (b, i) { X.pressed(b, SPEEDS[i] === media.playbackRate); });
    });
    var playButton = h("button", { type: "button", class: "btn btn-ghost btn-sm", "aria-label": t("play_pause"), title: t("play_pause"),
      on: { click: function () { togglePlay(); } } }, ["▶ " + t("play_pause")]);
    var rewindButton = h("button", { type: "button", class: "btn btn-ghost btn-sm", "aria-label": t("rewind"), title: t("rewind"),
      on: { click: function () { rewind(); } } }, ["↺ " + t("rewind")]);
    function togglePlay() {
      if (media.paused) { var p = media.play(); if (p && p.catch) p.catch(function () {}); } else media.pause();
    }
    function rewind() { media.currentTime = Math.max(0, (media.currentTime || 0) - 3); }
    var controls = h("div", { class: "ws-media-controls", role: "group", "aria-label": t("speed") },
      (withTransport ? [playButton, rewindButton] : []).concat([h("span", { class: "ws-muted", text: t("speed") })], speedButtons));
    var node = h("div", { class: "ws-media" + (isVideo ? " ws-media-video" : "") }, [media, controls]);
    return {
      node: node, media: media, togglePlay: togglePlay, rewind: rewind, setSpeed: setSpeed,
      handleKey: function (e) {
        if ((e.ctrlKey && e.code === "Space") || (e.altKey && e.code === "KeyP")) { togglePlay(); return true; }
        if (e.altKey && e.code === "KeyR") { rewind(); return true; }
        if (e.altKey && /^Digit[1-4]$/.test(e.code)) { setSpeed(SPEEDS[parseInt(e.code.slice(5), 10) - 1]); return true; }
        return false;
      }
    };
  };

  // The asset of a non-geometric item: image, audio, video or text.
  X.assetView = function (ws, withTransport) {
    var asset = ws.task.asset || {};
    if (asset.kind === "audio" || asset.kind === "video") return X.mediaPlayer(ws, asset, withTransport || asset.kind === "audio");
    if (asset.kind === "image") {
      var img = h("img", { src: asset.url, alt: ws.task.title || "", class: "ws-asset-img", width: asset.width, height: asset.height });
      return { node: h("figure", { class: "ws-asset ws-asset-image" }, [img]), handleKey: function () { return false; } };
    }
    if (asset.kind === "text") {
      var texts = Array.isArray(asset.text) ? asset.text : [asset.text];
      return {
        node: h("figure", { class: "ws-asset ws-asset-text", "aria-label": ws.t("text_label") },
          texts.map(function (text) { return h("blockquote", { class: "ws-text-asset", lang: "ko", text: X.pick(text, ws.locale) }); })),
        handleKey: function () { return false; }
      };
    }
    return { node: null, handleKey: function () { return false; } };
  };

  // ======================================================================= classification
  editors.classification = function (ws) {
    var task = ws.task, t = ws.t;
    var multi = !!(task.params && task.params.multi_label);
    var labels = task.labels || [];
    var view = X.assetView(ws, false);
    var name = X.uid("ws-cls");
    var inputs = labels.map(function (label, i) {
      var input = h("input", { type: multi ? "checkbox" : "radio", name: name, value: label.id, disabled: ws.readOnly,
        on: { change: function () { ws.commit(); } } });
      return { input: input, node: h("label", { class: "option ws-option" }, [input, h("span", { class: "ws-key", "aria-hidden": "true", text: i < 9 ? String(i + 1) : "" }), h("span", { text: label.name })]) };
    });
    var legendText = multi ? t("choose_labels") : t("choose_one");
    var fieldset = h("fieldset", { class: "ws-choices", "data-testid": "label-choices" },
      [h("legend", { text: legendText })].concat(inputs.map(function (i) { return i.node; })));
    var root = h("div", { class: "ws-editor ws-form-editor ws-classification" }, [view.node, fieldset]);
    ws.root.appendChild(root);

    return {
      getBody: function () {
        return { labels: inputs.filter(function (i) { return i.input.checked; }).map(function (i) { return i.input.value; }) };
      },
      setBody: function (body) {
        var chosen = (body && body.labels) || [];
        inputs.forEach(function (i) { i.input.checked = chosen.indexOf(i.input.value) >= 0; });
      },
      handleKey: function (e, inField) {
        if (view.handleKey(e)) return true;
        if (inField || e.ctrlKey || e.metaKey || e.altKey) return false;
        var n = parseInt(e.key, 10);
        if (!isNaN(n) && n >= 1 && n <= Math.min(9, inputs.length) && !ws.readOnly) {
          var input = inputs[n - 1].input;
          input.checked = multi ? !input.checked : true;
          input.focus();
          ws.commit();
          return true;
        }
        return false;
      },
      shortcuts: [["k_cls", "d_cls"]].concat(view.media ? [["k_play", "d_play"], ["k_rew", "d_rew"], ["k_speed", "d_speed"]] : []),
      noHistoryKeys: true,
      fieldKeys: true,
      destroy: function () {}
    };
  };

  // ======================================================================= text collection
  function charCount(text) { return Array.from((text || "").normalize("NFKC").trim()).length; }

  editors.text_collection = function (ws) {
    var task = ws.task, t = ws.t, params = task.params || {};
    var count = parseInt(params.count, 10) || 5;
    var rows = [];
    var list = h("ol", { class: "ws-sentences", "data-testid": "sentences" });
    for (var i = 0; i < count; i++) {
      (function (index) {
        var id = X.uid("ws-sent");
        var counter = h("span", { class: "ws-counter", "aria-live": "off", text: t("chars", { n: 0 }) });
        var area = h("textarea", { id: id, class: "input ws-sentence", rows: "2", lang: "ko", maxlength: "1000", disabled: ws.readOnly,
          "data-testid": "sentence-input",
          on: { input: function () { counter.textContent = t("chars", { n: charCount(area.value) }); ws.commit("sentence-" + index); } } });
        rows.push({ area: area, counter: counter });
        list.appendChild(h("li", { class: "ws-sentence-row" }, [
          h("div", { class: "ws-sentence-head" }, [h("label", { for: id, text: t("sentence", { n: index + 1 }) }), counter]), area
        ]));
      })(i);
    }
    var prompt = params.prompt ? h("p", { class: "ws-prompt" }, [h("strong", { text: t("prompt") + ": " }), X.pick(params.prompt, ws.locale)]) : null;
    var root = h("div", { class: "ws-editor ws-form-editor ws-text-collection" }, [prompt, list]);
    ws.root.appendChild(root);
    return {
      getBody: function () {
        return { sentences: rows.map(function (r) { return r.area.value.trim(); }).filter(function (s) { return s.length > 0; }) };
      },
      setBody: function (body) {
        var sentences = (body && body.sentences) || [];
        rows.forEach(function (r, i) { r.area.value = sentences[i] || ""; r.counter.textContent = t("chars", { n: charCount(r.area.value) }); });
      },
      handleKey: function () { return false; },
      shortcuts: [["k_tab", "d_tab"]],
      noHistoryKeys: true,
      destroy: function () {}
    };
  };

  // ======================================================================= transcription
  editors.transcription = function (ws) {
    var task = ws.task, t = ws.t;
    var player = X.mediaPlayer(ws, task.asset || { kind: "audio" }, true);
    var id = X.uid("ws-tr");
    var counter = h("span", { class: "ws-counter", text: t("chars", { n: 0 }) });
    var area = h("textarea", { id: id, class: "input ws-transcript", rows: "5", lang: task.params && task.params.language || "ko",
      maxlength: "5000", disabled: ws.readOnly, placeholder: t("transcription_ph"), "data-testid": "transcription-input",
      spellcheck: "false",
      on: { input: function () { counter.textContent = t("chars", { n: charCount(area.value) }); ws.commit("text"); } } });
    var root = h("div", { class: "ws-editor ws-form-editor ws-transcription" }, [
      player.node,
      h("div", { class: "ws-sentence-head" }, [h("label", { for: id, text: t("transcription") }), counter]),
      area
    ]);
    ws.root.appendChild(root);
    return {
      getBody: function () { return { text: area.value }; },
      setBody: function (body) { area.value = (body && body.text) || ""; counter.textContent = t("chars", { n: charCount(area.value) }); },
      handleKey: function (e) { return player.handleKey(e); },
      shortcuts: [["k_play", "d_play"], ["k_rew", "d_rew"], ["k_speed", "d_speed"]],
      noHistoryKeys: true,
      fieldKeys: true,
      destroy: function () { player.media.pause(); }
    };
  };

  // ======================================================================= inspection
  editors.inspection = function (ws) {
    var task = ws.task, t = ws.t, params = task.params || {};
    var review = params.review || {};
    var reasons = params.reasons || [];
    var geometric = ["bbox", "polygon", "ocr", "keypoints", "landmarks"].indexOf(review.type) >= 0 &&
      task.asset && task.asset.kind === "image";
    var decision = null, faulty = [];
    var root = h("div", { class: "ws-editor ws-inspection" + (geometric ? " ws-image-editor" : " ws-form-editor") });
    ws.root.appendChild(root);

    // -- what is under review
    var view = null, stage = null, faultyList = null;
    if (geometric) {
      var toolbar = h("div", { class: "ws-toolbar" });
      var host = h("div", { class: "ws-stage-host" });
      var side = h("div", { class: "ws-side" });
      root.appendChild(toolbar);
      root.appendChild(h("div", { class: "ws-columns" }, [h("div", { class: "ws-main-col" }, [host]), side]));
      toolbar.appendChild(h("p", { class: "ws-hint", text: t("faulty_hint") }));
      stage = X.reviewStage(ws, host, review, {
        faulty: function () { return faulty; },
        canToggle: function () { return decision === "reject" && !ws.readOnly; },
        toggle: function (i) {
          if (decision !== "reject") { ws.announce(t("faulty_hint")); return; }
          toggleFaulty(i);
        }
      });
      side.appendChild(h("h3", { class: "ws-side-head", text: t("review_title") + " (" + stage.objects.length + ")" }));
      faultyList = h("ol", { class: "ws-list ws-review-list", "data-testid": "review-list" });
      side.appendChild(faultyList);
      var pointNames = X.pointNames(task, ws.locale, stage.objects.length);
      stage.objects.forEach(function (obj, i) {
        var box = h("input", { type: "checkbox", disabled: true, "data-testid": "faulty-" + i,
          on: { change: function () { toggleFaulty(i, box.checked); } } });
        var placed = 0;
        if (review.type === "keypoints") for (var k = 2; k < (obj.keypoints || []).length; k += 3) if (obj.keypoints[k] > 0) placed++;
        var text = review.type === "landmarks" ? pointNames[i] : review.type === "polygon" ? X.labelName(task, obj.label) :
          review.type === "ocr" ? obj.text : review.type === "bbox" ? X.labelName(task, obj.label) +
          ["occluded", "truncated"].filter(function (a) { return obj[a]; }).map(function (a) { return " · " + t(a); }).join("") :
          t("people") + " · " + t("points_placed", { n: placed, total: Math.floor((obj.keypoints || []).length / 3) });
        var color = review.type === "keypoints" ? X.PERSON_COLORS[i % X.PERSON_COLORS.length] : (review.type === "bbox" ? X.labelColor(task, obj.label) : "#0ea5e9");
        faultyList.appendChild(h("li", { class: "ws-row ws-review-row", dataset: { index: String(i) } }, [
          h("label", { class: "ws-review-label" }, [box, h("span", { class: "ws-swatch", style: { background: color } }),
            h("strong", { text: "#" + (i + 1) }), " ", h("span", { class: review.type === "ocr" ? "ws-ocr-text" : "", lang: "ko", text: text || "" })])
        ]));
      });
    } else {
      view = X.assetView(ws, true);
      if (view.node) root.appendChild(view.node);
      var reviewBox = h("section", { class: "ws-review", "aria-label": t("review_title") });
      if (review.type === "classification") {
        reviewBox.appendChild(h("h3", { text: t("review_labels") }));
        reviewBox.appendChild(h("ul", { class: "ws-chips", "data-testid": "review-labels" }, (review.labels || []).map(function (id) {
          return h("li", { class: "ws-chip" }, [h("span", { class: "ws-swatch", style: { background: X.labelColor(task, id) } }), X.labelName(task, id)]);
        })));
        if (task.labels && task.labels.length) {
          reviewBox.appendChild(h("p", { class: "ws-muted small", text: t("classes") + ": " + task.labels.map(function (l) { return l.name; }).join(", ") }));
        }
      } else if (review.type === "transcription") {
        reviewBox.appendChild(h("h3", { text: t("review_text") }));
        reviewBox.appendChild(h("blockquote", { class: "ws-text-asset ws-review-text", lang: "ko", "data-testid": "review-text", text: review.text || "" }));
      } else {
        reviewBox.appendChild(h("pre", { class: "ws-review-json", text: JSON.stringify(review, null, 1) }));
      }
      root.appendChild(reviewBox);
    }

    // -- the decision
    var name = X.uid("ws-dec");
    var radios = {};
    var decisionSet = h("fieldset", { class: "ws-decision", "data-testid": "decision" }, [h("legend", { text: t("decision") })]);
    ["accept", "reject"].forEach(function (value) {
      var input = h("input", { type: "radio", name: name, value: value, disabled: ws.readOnly, "data-testid": "decision-" + value,
        on: { change: function () { decision = value; sync(); ws.commit(); } } });
      radios[value] = input;
      decisionSet.appendChild(h("label", { class: "option ws-option ws-decision-" + value }, [input, h("span", { text: (value === "accept" ? "✔ " : "✘ ") + t(value) })]));
    });
    var reasonBoxes = reasons.map(function (reason) {
      var box = h("input", { type: "checkbox", value: reason.id, disabled: true, on: { change: function () { ws.commit(); } } });
      return { box: box, node: h("label", { class: "option ws-option" }, [box, h("span", { text: reason.name || X.pick(reason, ws.locale) })]) };
    });
    var reasonHint = h("p", { class: "ws-hint", text: t("reasons_hint") });
    var reasonSet = h("fieldset", { class: "ws-reasons", "data-testid": "reasons" },
      [h("legend", { text: t("reasons") }), reasonHint].concat(reasonBoxes.map(function (r) { return r.node; })));
    root.appendChild(h("div", { class: "ws-verdict" }, [decisionSet, reasonSet]));

    function toggleFaulty(i, on) {
      if (decision !== "reject" || ws.readOnly) return;
      var at = faulty.indexOf(i);
      if (on === undefined) on = at < 0;
      if (on && at < 0) faulty.push(i);
      if (!on && at >= 0) faulty.splice(at, 1);
      faulty.sort(function (a, b) { return a - b; });
      sync();
      ws.commit();
    }
    function sync() {
      var rejecting = decision === "reject";
      Object.keys(radios).forEach(function (k) { radios[k].checked = decision === k; });
      reasonBoxes.forEach(function (r) { r.box.disabled = !rejecting || ws.readOnly; });
      reasonHint.hidden = rejecting;
      reasonSet.classList.toggle("is-disabled", !rejecting);
      if (faultyList) {
        Array.prototype.forEach.call(faultyList.querySelectorAll("input[type=checkbox]"), function (box, i) {
          box.disabled = !rejecting || ws.readOnly;
          box.checked = faulty.indexOf(i) >= 0;
          box.closest("li").classList.toggle("is-faulty", box.checked);
        });
      }
      if (stage) stage.redraw();
    }
    sync();

    var shortcuts = [["k_insp_a", "d_insp_a"]];
    if (geometric) shortcuts.push(["k_insp_click", "d_insp_click"], ["k_undo", "d_undo"], ["k_redo", "d_redo"], ["k_zoom", "d_zoom"], ["k_fit", "d_fit"], ["k_pan", "d_pan"]);
    if (view && view.media) shortcuts.push(["k_play", "d_play"], ["k_rew", "d_rew"], ["k_speed", "d_speed"]);

    return {
      stage: stage,
      getBody: function () {
        if (!decision) return {};
        if (decision === "accept") return { decision: "accept", reasons: [], faulty_objects: [] };
        return {
          decision: "reject",
          reasons: reasonBoxes.filter(function (r) { return r.box.checked; }).map(function (r) { return r.box.value; }),
          faulty_objects: faulty.slice()
        };
      },
      setBody: function (body) {
        body = body || {};
        decision = body.decision === "accept" || body.decision === "reject" ? body.decision : null;
        var chosen = body.reasons || [];
        if (decision === "reject") reasonBoxes.forEach(function (r) { r.box.checked = chosen.indexOf(r.box.value) >= 0; });
        faulty = decision === "reject" ? (body.faulty_objects || []).filter(function (i) { return typeof i === "number"; }) : [];
        sync();
      },
      validate: function (body) { return body.decision ? null : t("need_decision"); },
      handleKey: function (e, inField) {
        if (view && view.handleKey(e)) return true;
        if (inField || e.ctrlKey || e.metaKey || e.altKey || ws.readOnly) return false;
        var key = e.key.toLowerCase();
        if (key === "a" || key === "r") {
          decision = key === "a" ? "accept" : "reject";
          sync(); radios[decision].focus(); ws.commit();
          return true;
        }
        return false;
      },
      shortcuts: shortcuts,
      noHistoryKeys: !geometric,
      fieldKeys: true,
      destroy: function () { if (stage) stage.destroy(); if (view && view.media) view.media.pause(); }
    };
  };
})();
