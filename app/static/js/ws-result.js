// AIDE labeling workspace — the feedback view of a scored submission: score, pass/fail,
// metrics, feedback entries with the guideline rule they quote, and the overlay (gold vs
// submission on the image, per-point error lines, character diffs).
(function () {
  "use strict";
  var W = window.AideWorkspace;
  var X = W._;
  var h = X.h, D = X.draw;

  var COLORS = { matched: "#16a34a", goldMatched: "#bbf7d0", missed: "#f97316", extra: "#dc2626", issue: "#eab308",
    pred: "#3b82f6", errOk: "#4ade80", errBad: "#ef4444" };

  var PERCENT = ["precision", "recall", "f1", "label_accuracy", "attribute_accuracy", "accuracy", "pass_rate",
    "visibility_accuracy", "decision_correct", "reason_precision", "reason_recall", "reason_f1", "faulty_precision",
    "faulty_recall", "faulty_f1", "cer", "wer", "max_cer"];
  var COUNTS = ["matched", "gold_count", "submitted_count", "gold_people", "submitted_people", "misplaced_points",
    "missing_points", "sentences_submitted", "sentences_required", "missing_sentences", "surplus_sentences",
    "length_failures", "required_word_failures", "banned_hits", "near_duplicates"];

  function formatMetric(key, value) {
    if (value === null || value === undefined) return "–";
    if (COUNTS.indexOf(key) >= 0) return String(Math.round(value));
    if (PERCENT.indexOf(key) >= 0) return (Math.round(value * 1000) / 10) + " %";
    return (Math.round(value * 1000) / 1000).toFixed(3);
  }

  function legend(t, items) {
    return h("ul", { class: "ws-legend", "aria-label": t("legend"), "data-testid": "legend" }, items.map(function (item) {
      return h("li", {}, [h("span", { class: "ws-legend-swatch ws-lg-" + item[0], "aria-hidden": "true" }), t(item[1])]);
    }));
  }

  function overlayStage(host, task, t, onDraw) {
    var asset = task.asset || {};
    var stage = new X.Stage(host, { t: t, url: asset.url, width: asset.width || 640, height: asset.height || 480,
      tool: null, onDraw: onDraw, label: t("result"), ctrlWheel: true });
    stage.canvas.title = t("ctrl_wheel");
    stage.canvas.classList.add("ws-canvas-static");
    return stage;
  }

  // Character diff from overlay ops [op, reference, hypothesis].
  function diffView(t, ops, opts) {
    opts = opts || {};
    var line = h("p", { class: "ws-diff", lang: "ko", "data-testid": "char-diff" });
    (ops || []).forEach(function (op) {
      var kind = op[0], ref = op[1] || "", hyp = op[2] || "";
      if (kind === "equal") line.appendChild(h("span", { class: "ws-eq", text: ref }));
      else {
        if (ref) line.appendChild(h("del", { class: "ws-del", title: t("diff_del"), text: ref }));
        if (hyp) line.appendChild(h("ins", { class: "ws-ins", title: t("diff_ins"), text: hyp }));
      }
    });
    if (!line.childNodes.length) line.appendChild(h("span", { class: "ws-muted", text: "∅" }));
    var wrap = h("div", { class: "ws-diff-wrap" }, [line]);
    if (!opts.compact) {
      wrap.appendChild(h("ul", { class: "ws-legend" }, [
        h("li", {}, [h("span", { class: "ws-eq ws-diff-sample", text: "가" }), t("diff_equal")]),
        h("li", {}, [h("del", { class: "ws-del ws-diff-sample", text: "가" }), t("diff_del")]),
        h("li", {}, [h("ins", { class: "ws-ins ws-diff-sample", text: "가" }), t("diff_ins")])
      ]));
    }
    return wrap;
  }

  function chips(task, ids, cls) {
    if (!ids || !ids.length) return h("span", { class: "ws-muted", text: "–" });
    return h("ul", { class: "ws-chips" }, ids.map(function (id) {
      var c = typeof cls === "function" ? cls(id) : cls;
      return h("li", { class: "ws-chip " + (c || "") }, [X.labelName(task, id)]);
    }));
  }

  // ---------------------------------------------------------------- overlays per type
  function objectsOverlay(box, task, t, result, polygons) {
    var ov = result.overlay || {}, sub = (result.submission && result.submission.objects) || [];
    var gold = ov.gold || [], matches = ov.matches || [], missed = ov.missed || [], extra = ov.extra || [];
    var key = polygons ? "polygon" : "bbox";
    function shape(ctx, st, obj, color, opts) {
      if (!obj || !obj[key]) return;
      if (polygons) D.poly(ctx, st, obj[key], color, opts); else D.rect(ctx, st, obj[key], color, opts);
    }
    function anchor(obj) {
      if (!obj || !obj[key]) return [0, 0];
      if (!polygons) return [obj.bbox[0], obj.bbox[1]];
      var c = obj.polygon, best = [c[0], c[1]];
      for (var i = 0; i < c.length; i += 2) if (c[i + 1] < best[1]) best = [c[i], c[i + 1]];
      return best;
    }
    overlayStage(box, task, t, function (ctx, st) {
      matches.forEach(function (m) { shape(ctx, st, gold[m.gold_index], COLORS.goldMatched, { width: 1.5, dash: [4, 3], halo: false }); });
      missed.forEach(function (g) {
        shape(ctx, st, gold[g], COLORS.missed, { width: 2.5, dash: [8, 5] });
        var a = anchor(gold[g]);
        D.tag(ctx, "G" + (g + 1) + " " + X.labelName(task, gold[g].label), st.sx(a[0]), st.sy(a[1]), COLORS.missed);
      });
      matches.forEach(function (m) {
        var issue = m.label_ok === false || (m.iou !== undefined && m.iou < 0.7) || (m.wrong_attributes && m.wrong_attributes.length);
        var color = issue ? COLORS.issue : COLORS.matched;
        shape(ctx, st, sub[m.index], color, { width: 2.5 });
        var a = anchor(sub[m.index]);
        D.tag(ctx, "#" + (m.index + 1) + (issue ? " ⚠" : " ✓") + " IoU " + (m.iou || 0).toFixed(2), st.sx(a[0]), st.sy(a[1]), color,
          { textColor: issue ? "#111" : "#fff" });
      });
      extra.forEach(function (s) {
        shape(ctx, st, sub[s], COLORS.extra, { width: 2.5 });
        var a = anchor(sub[s]);
        D.tag(ctx, "#" + (s + 1) + " ✗", st.sx(a[0]), st.sy(a[1]), COLORS.extra);
      });
    });
    box.appendChild(legend(t, [["matched", "lg_matched"], ["issue", "lg_issue"], ["gold", "lg_gold_matched"], ["missed", "lg_missed"], ["extra", "lg_extra"]]));
  }

  function ocrOverlay(box, task, t, result) {
    var ov = result.overlay || {}, sub = (result.submission && result.submission.lines) || [];
    var gold = ov.gold || [], matches = ov.matches || [], missed = ov.missed || [], extra = ov.extra || [];
    overlayStage(box, task, t, function (ctx, st) {
      matches.forEach(function (m) { if (gold[m.gold_index]) D.rect(ctx, st, gold[m.gold_index].bbox, COLORS.goldMatched, { width: 1.5, dash: [4, 3], halo: false }); });
      missed.forEach(function (g) { D.rect(ctx, st, gold[g].bbox, COLORS.missed, { width: 2.5, dash: [8, 5] }); D.tag(ctx, "G" + (g + 1), st.sx(gold[g].bbox[0]), st.sy(gold[g].bbox[1]), COLORS.missed); });
      matches.forEach(function (m) {
        var s = sub[m.index]; if (!s) return;
        var issue = m.cer > 0 || m.iou < 0.7, color = issue ? COLORS.issue : COLORS.matched;
        D.rect(ctx, st, s.bbox, color, { width: 2.5 });
        D.tag(ctx, "#" + (m.index + 1) + (issue ? " ⚠" : " ✓"), st.sx(s.bbox[0]), st.sy(s.bbox[1]), color, { textColor: issue ? "#111" : "#fff" });
      });
      extra.forEach(function (s) { if (sub[s]) { D.rect(ctx, st, sub[s].bbox, COLORS.extra, { width: 2.5 }); D.tag(ctx, "#" + (s + 1) + " ✗", st.sx(sub[s].bbox[0]), st.sy(sub[s].bbox[1]), COLORS.extra); } });
    });
    box.appendChild(legend(t, [["matched", "lg_matched"], ["issue", "lg_issue"], ["gold", "lg_gold_matched"], ["missed", "lg_missed"], ["extra", "lg_extra"]]));
    // line-by-line text comparison
    var table = h("table", { class: "table ws-ocr-table" }, [h("caption", { text: t("ocr_lines") })]);
    var body = h("tbody");
    matches.slice().sort(function (a, b) { return a.gold_index - b.gold_index; }).forEach(function (m) {
      body.appendChild(h("tr", {}, [h("th", { scope: "row", text: t("gold_line", { n: m.gold_index + 1 }) + " ↔ #" + (m.index + 1) }),
        h("td", {}, [diffView(t, m.diff, { compact: true })])]));
    });
    missed.forEach(function (g) {
      body.appendChild(h("tr", { class: "ws-row-missed" }, [h("th", { scope: "row", text: t("missed_line") + " G" + (g + 1) }), h("td", { lang: "ko", text: gold[g].text })]));
    });
    extra.forEach(function (s) {
      body.appendChild(h("tr", { class: "ws-row-extra" }, [h("th", { scope: "row", text: t("extra_line") + " #" + (s + 1) }), h("td", { lang: "ko", text: sub[s] ? sub[s].text : "" })]));
    });
    table.appendChild(body);
    box.appendChild(h("div", { class: "table-wrap" }, [table]));
    box.appendChild(h("ul", { class: "ws-legend" }, [
      h("li", {}, [h("del", { class: "ws-del ws-diff-sample", text: "가" }), t("diff_del")]),
      h("li", {}, [h("ins", { class: "ws-ins ws-diff-sample", text: "가" }), t("diff_ins")])
    ]));
  }

  function landmarksOverlay(box, task, t, result) {
    var ov = result.overlay || {}, points = ov.points || [];
    var limit = (result.metrics && result.metrics.max_nme) || 0.08;
    overlayStage(box, task, t, function (ctx, st) {
      points.forEach(function (p) {
        if (p.pred) D.line(ctx, st, p.pred[0], p.pred[1], p.gold[0], p.gold[1], p.nme > limit ? COLORS.errBad : COLORS.errOk, { width: 2 });
      });
      points.forEach(function (p) {
        D.point(ctx, st, p.gold[0], p.gold[1], COLORS.matched, { r: 4, dash: p.pred ? null : [3, 3] });
        if (!p.pred) D.point(ctx, st, p.gold[0], p.gold[1], COLORS.missed, { r: 5, dash: [3, 3] });
        if (p.pred) D.point(ctx, st, p.pred[0], p.pred[1], p.nme > limit ? COLORS.errBad : COLORS.pred, { r: 3.5 });
      });
    });
    box.appendChild(legend(t, [["gold-pt", "lg_gold_pt"], ["pred-pt", "lg_pred_pt"], ["err-ok", "lg_err_ok"], ["err-bad", "lg_err_bad"], ["missed", "lg_missed"]]));
    var rows = points.filter(function (p) { return !p.pred || p.nme > limit; });
    if (points.length <= 20) rows = points;
    if (rows.length) {
      var table = h("table", { class: "table ws-points-table" }, [h("caption", { text: t("points_table") }),
        h("thead", {}, [h("tr", {}, [h("th", { text: "#" }), h("th", { text: t("point") }), h("th", { text: t("error_px") }), h("th", { text: "NME" })])])]);
      var body = h("tbody");
      rows.forEach(function (p) {
        var bad = !p.pred || p.nme > limit;
        body.appendChild(h("tr", { class: bad ? "ws-row-bad" : "" }, [h("td", { text: String(p.index) }),
          h("td", { text: X.stripIndex(pointName(task, p.index, result) || p.name) }),
          h("td", { text: p.pred ? p.error.toFixed(1) : "–" }), h("td", { text: p.nme.toFixed(3) + (bad ? " ⚠" : "") })]));
      });
      table.appendChild(body);
      box.appendChild(h("div", { class: "table-wrap ws-points-wrap" }, [table]));
    }
  }

  function pointName(task, index, result) {
    var names = X.pointNames(task, result._locale || "ko", 0);
    return names[index];
  }

  function keypointsOverlay(box, task, t, result) {
    var ov = result.overlay || {}, gold = ov.gold || [], matches = ov.matches || [], missed = ov.missed || [], extra = ov.extra || [];
    var subPeople = (result.submission && result.submission.people) || [];
    overlayStage(box, task, t, function (ctx, st) {
      matches.forEach(function (m) {
        var g = gold[m.gold_index]; if (g) D.skeleton(ctx, st, g.keypoints, "rgba(187,247,208,.9)", { width: 1.5, dash: [4, 3] });
      });
      missed.forEach(function (gi) {
        var g = gold[gi]; if (!g) return;
        D.skeleton(ctx, st, g.keypoints, COLORS.missed, { width: 2, dash: [8, 5] });
        if (g.bbox) { D.rect(ctx, st, g.bbox, COLORS.missed, { width: 1.5, dash: [8, 5] }); D.tag(ctx, "G" + (gi + 1), st.sx(g.bbox[0]), st.sy(g.bbox[1]), COLORS.missed); }
      });
      extra.forEach(function (si) {
        var p = subPeople[si]; if (!p) return;
        D.skeleton(ctx, st, p.keypoints, COLORS.extra, { width: 2 });
        for (var k = 0; k + 2 < p.keypoints.length; k += 3) if (p.keypoints[k + 2] > 0) D.point(ctx, st, p.keypoints[k], p.keypoints[k + 1], COLORS.extra, { r: 3.5 });
      });
      matches.forEach(function (m) {
        (m.points || []).forEach(function (pt) {
          var gv = pt.gold[2], pv = pt.pred[2];
          if (gv > 0 && pv > 0) D.line(ctx, st, pt.pred[0], pt.pred[1], pt.gold[0], pt.gold[1], pt.similarity < 0.5 ? COLORS.errBad : COLORS.errOk, { width: 2 });
        });
        (m.points || []).forEach(function (pt) {
          var gv = pt.gold[2], pv = pt.pred[2];
          if (gv > 0) D.point(ctx, st, pt.gold[0], pt.gold[1], COLORS.matched, { r: 3.5, hollow: gv === 1 });
          if (pv > 0) D.point(ctx, st, pt.pred[0], pt.pred[1], pt.similarity < 0.5 && gv > 0 ? COLORS.errBad : COLORS.pred, { r: 3.5, hollow: pv === 1 });
          if (gv > 0 && pv === 0) D.point(ctx, st, pt.gold[0], pt.gold[1], COLORS.missed, { r: 5, dash: [3, 3] });
        });
        var g = gold[m.gold_index];
        if (g && g.bbox) D.tag(ctx, "#" + (m.index + 1) + " OKS " + (m.oks || 0).toFixed(2), st.sx(g.bbox[0]), st.sy(g.bbox[1]), m.oks >= ((result.metrics || {}).min_oks || 0.75) ? COLORS.matched : COLORS.issue);
      });
    });
    box.appendChild(legend(t, [["gold-pt", "lg_gold_pt"], ["pred-pt", "lg_pred_pt"], ["err-ok", "lg_err_ok"], ["err-bad", "lg_err_bad"], ["missed", "lg_missed"], ["extra", "lg_extra"]]));
  }

  function transcriptionOverlay(box, task, t, result) {
    var ov = result.overlay || {};
    if (task.asset && task.asset.url) {
      var audio = h("audio", { controls: true, preload: "none", src: task.asset.url, class: "ws-audio" });
      box.appendChild(audio);
    }
    box.appendChild(h("h3", { text: t("diff") }));
    box.appendChild(diffView(t, ov.diff || []));
    box.appendChild(h("dl", { class: "kv ws-texts" }, [
      h("dt", { text: t("diff_ref") }), h("dd", { lang: "ko", text: ov.reference || "" }),
      h("dt", { text: t("diff_hyp") }), h("dd", { lang: "ko", text: ov.hypothesis || "" })
    ]));
    box.appendChild(h("p", { class: "ws-muted small", text: t("diff_note") }));
  }

  function classificationOverlay(box, task, t, result) {
    var ov = result.overlay || {}, gold = ov.gold_labels || [], yours = ov.submitted_labels || [];
    box.appendChild(h("dl", { class: "kv ws-compare" }, [
      h("dt", { text: t("your_labels") }), h("dd", {}, [chips(task, yours, function (id) { return gold.indexOf(id) >= 0 ? "ws-chip-ok" : "ws-chip-bad"; })]),
      h("dt", { text: t("gold_labels") }), h("dd", {}, [chips(task, gold, function (id) { return yours.indexOf(id) >= 0 ? "ws-chip-ok" : "ws-chip-missed"; })])
    ]));
  }

  function textCollectionOverlay(box, task, t, result) {
    var ov = result.overlay || {}, sentences = (result.submission && result.submission.sentences) || [];
    var list = h("ol", { class: "ws-sentence-results" });
    (ov.sentences || []).forEach(function (s) {
      var failed = (s.failed_rules || []).map(function (r) { return t("rule_" + r); });
      list.appendChild(h("li", { class: s.passed ? "is-ok" : "is-bad" }, [
        h("span", { class: "badge " + (s.passed ? "badge-success" : "badge-danger"), text: s.passed ? t("sentence_ok") : t("sentence_fail") }), " ",
        h("span", { lang: "ko", text: sentences[s.index] || "" }),
        failed.length ? h("span", { class: "ws-muted small", text: " — " + failed.join(", ") }) : null
      ]));
    });
    box.appendChild(list);
    if (ov.missing) box.appendChild(h("p", { class: "ws-warn", text: t("missing_sentences", { n: ov.missing }) }));
  }

  function inspectionOverlay(box, task, t, result, locale) {
    var ov = result.overlay || {}, sub = result.submission || {};
    var review = (task.params && task.params.review) || {};
    var reasons = (task.params && task.params.reasons) || [];
    function reasonName(id) {
      for (var i = 0; i < reasons.length; i++) if (reasons[i].id === id) return reasons[i].name || X.pick(reasons[i], locale);
      return id;
    }
    function reasonChips(ids, other, missCls) {
      if (!ids || !ids.length) return h("span", { class: "ws-muted", text: t("none") });
      return h("ul", { class: "ws-chips" }, ids.map(function (id) {
        return h("li", { class: "ws-chip " + (other.indexOf(id) >= 0 ? "ws-chip-ok" : missCls), text: reasonName(id) });
      }));
    }
    var goldFaulty = ov.faulty_objects || [], yourFaulty = sub.faulty_objects || [];
    var goldReasons = ov.reasons || [], yourReasons = sub.reasons || [];
    var decisionOk = ov.decision === ov.submitted_decision;
    box.appendChild(h("dl", { class: "kv ws-compare" }, [
      h("dt", { text: t("your_decision") }), h("dd", {}, [h("span", { class: "badge " + (decisionOk ? "badge-success" : "badge-danger"), text: ov.submitted_decision ? t(ov.submitted_decision) : "–" })]),
      h("dt", { text: t("gold_decision") }), h("dd", {}, [h("span", { class: "badge badge-primary", text: ov.decision ? t(ov.decision) : "–" })]),
      h("dt", { text: t("your_reasons") }), h("dd", {}, [reasonChips(yourReasons, goldReasons, "ws-chip-bad")]),
      h("dt", { text: t("gold_reasons") }), h("dd", {}, [reasonChips(goldReasons, yourReasons, "ws-chip-missed")])
    ]));
    var geometric = ["bbox", "polygon", "ocr", "keypoints", "landmarks"].indexOf(review.type) >= 0 &&
      task.asset && task.asset.kind === "image";
    if (geometric || goldFaulty.length || yourFaulty.length) {
      var list = box.lastChild;
      [[t("your_faulty"), yourFaulty], [t("gold_faulty"), goldFaulty]].forEach(function (row) {
        list.appendChild(h("dt", { text: row[0] }));
        list.appendChild(h("dd", { text: row[1].length ? row[1].map(function (i) { return "#" + (i + 1); }).join(", ") : t("none") }));
      });
    }
    if (geometric) {
      var host = h("div", { class: "ws-stage-host" });
      box.appendChild(host);
      var fakeWs = { task: task, t: t, locale: locale, readOnly: true, activate: function () {} };
      X.reviewStage(fakeWs, host, review, {
        faulty: function () { return yourFaulty; },
        canToggle: function () { return false; },
        toggle: function () {},
        extraDraw: function (ctx, st) {
          var objs = review.type === "ocr" ? review.lines : review.type === "keypoints" ? review.people
            : review.type === "landmarks" ? review.points : review.objects;
          goldFaulty.forEach(function (i) {
            var o = (objs || [])[i]; if (!o) return;
            var b = o.bbox;
            if (review.type === "landmarks") b = [o[0] - 6, o[1] - 6, 12, 12];
            if (o.polygon && o.polygon.length >= 6) {
              var px = o.polygon.filter(function (_, j) { return j % 2 === 0; });
              var py = o.polygon.filter(function (_, j) { return j % 2 === 1; });
              var left = Math.min.apply(null, px), top = Math.min.apply(null, py);
              b = [left, top, Math.max.apply(null, px) - left, Math.max.apply(null, py) - top];
            }
            if (review.type === "keypoints") {
              var xs = [], ys = [];
              for (var k = 0; k + 2 < o.keypoints.length; k += 3) if (o.keypoints[k + 2] > 0) { xs.push(o.keypoints[k]); ys.push(o.keypoints[k + 1]); }
              if (!xs.length) return;
              var x0 = Math.min.apply(null, xs) - 8, y0 = Math.min.apply(null, ys) - 8;
              b = [x0, y0, Math.max.apply(null, xs) + 8 - x0, Math.max.apply(null, ys) + 8 - y0];
            }
            if (b) D.rect(ctx, st, [b[0] - 3, b[1] - 3, b[2] + 6, b[3] + 6], COLORS.missed, { width: 2.5, dash: [8, 5] });
          });
        }
      });
      box.appendChild(legend(t, [["faulty-you", "lg_faulty_you"], ["missed", "lg_faulty_gold"]]));
    }
  }

  // ---------------------------------------------------------------- public entry point
  W.renderResult = function (container, task, result, locale) {
    locale = X.locale(locale);
    var t = X.translator(locale);
    result = result || {};
    result._locale = locale;
    X.clear(container);
    var passed = !!result.passed;
    var score = typeof result.score === "number" ? result.score : 0;
    var headId = X.uid("ws-result");
    var head = h("div", { class: "ws-res-head " + (passed ? "is-pass" : "is-fail") }, [
      h("div", { class: "ws-score", "data-testid": "score" }, [
        h("span", { class: "ws-score-num", text: (Math.round(score * 10) / 10).toString() }), h("span", { class: "ws-score-max", text: "/100" })
      ]),
      h("div", { class: "ws-res-verdict" }, [
        h("h2", { id: headId, tabindex: "-1", text: t("result") }),
        h("span", { class: "badge " + (passed ? "badge-success" : "badge-warn"), "data-testid": "verdict", text: passed ? "✔ " + t("passed") : t("not_passed") }),
        (result.best_score !== undefined && result.best_score !== null) ? h("p", { class: "ws-muted small", text: t("best_attempts", { best: Math.round(result.best_score), n: result.attempts || 1 }) }) : null
      ])
    ]);
    container.appendChild(head);
    container.setAttribute("aria-labelledby", headId);

    var grid = h("div", { class: "ws-res-grid" });
    var overlayBox = h("div", { class: "ws-res-overlay", "data-testid": "overlay" });
    var side = h("div", { class: "ws-res-side" });
    grid.appendChild(overlayBox); grid.appendChild(side);
    container.appendChild(grid);

    var type = task.type;
    try {
      if (type === "bbox") objectsOverlay(overlayBox, task, t, result, false);
      else if (type === "polygon") objectsOverlay(overlayBox, task, t, result, true);
      else if (type === "ocr") ocrOverlay(overlayBox, task, t, result);
      else if (type === "landmarks") landmarksOverlay(overlayBox, task, t, result);
      else if (type === "keypoints") keypointsOverlay(overlayBox, task, t, result);
      else if (type === "transcription") transcriptionOverlay(overlayBox, task, t, result);
      else if (type === "classification") classificationOverlay(overlayBox, task, t, result);
      else if (type === "text_collection") textCollectionOverlay(overlayBox, task, t, result);
      else if (type === "inspection") inspectionOverlay(overlayBox, task, t, result, locale);
    } catch (err) {
      overlayBox.appendChild(h("p", { class: "ws-muted", text: String(err && err.message || err) }));
    }
    if (!overlayBox.childNodes.length) grid.classList.add("ws-res-grid-single");

    // metrics
    var metrics = result.metrics || {};
    var keys = Object.keys(metrics);
    if (keys.length) {
      var tbody = h("tbody");
      keys.forEach(function (key) {
        tbody.appendChild(h("tr", {}, [h("th", { scope: "row", text: t("m_" + key) }), h("td", { class: "num", text: formatMetric(key, metrics[key]) })]));
      });
      side.appendChild(h("table", { class: "table ws-metrics", "data-testid": "metrics" }, [h("caption", { text: t("metrics") }), tbody]));
    }

    // feedback: problems first, then what matched
    var feedback = result.feedback || [];
    var problems = feedback.filter(function (f) { return f.kind !== "matched"; });
    var good = feedback.filter(function (f) { return f.kind === "matched"; });
    var section = h("section", { class: "ws-feedback-section" }, [h("h3", { text: t("feedback") })]);
    function entry(f) {
      var kind = f.kind || "rule";
      var cls = kind === "matched" ? "ok" : kind === "missed" || kind === "missed_fault" || kind === "missed_reason" ? "missed" :
        kind === "extra" || kind === "wrong_fault" || kind === "extra_reason" ? "extra" : "issue";
      var icon = { ok: "✓", missed: "◌", extra: "✗", issue: "⚠" }[cls];
      return h("li", { class: "ws-fb ws-fb-" + cls, dataset: { kind: kind } }, [
        h("span", { class: "ws-fb-icon", "aria-hidden": "true", text: icon }),
        h("div", { class: "ws-fb-body" }, [
          h("p", { class: "ws-fb-msg", text: (type === "text_collection" && typeof f.index === "number" ? t("sentence", { n: f.index + 1 }) + ": " : "") + X.pick(f.message, locale) }),
          f.rule ? h("p", { class: "ws-fb-rule" }, [h("strong", { text: t("guideline") + ": " }), X.pick(f.rule, locale)]) : null
        ])
      ]);
    }
    if (problems.length) section.appendChild(h("ul", { class: "ws-feedback", "data-testid": "feedback" }, problems.map(entry)));
    else section.appendChild(h("p", { class: "ws-fb-none", text: "✓ " + t("problems_none") }));
    if (good.length) {
      var details = h("details", { class: "ws-matched" }, [h("summary", { text: t("matched_n", { n: good.length }) }),
        h("ul", { class: "ws-feedback" }, good.map(entry))]);
      if (!problems.length || good.length <= 3) details.open = true;
      section.appendChild(details);
    }
    container.appendChild(section);
    return { heading: document.getElementById(headId) };
  };
})();
