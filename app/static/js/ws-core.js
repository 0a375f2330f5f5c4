// AIDE labeling workspace — core: namespace, ko/en strings, DOM helpers, undo history,
// keyboard routing. Load order: ws-core.js, ws-stage.js, ws-image.js, ws-forms.js,
// ws-result.js, workspace.js (all dependency-free; CSP script-src 'self').
(function () {
  "use strict";
  var W = window.AideWorkspace = window.AideWorkspace || {};
  var X = W._ = W._ || {};

  // ---------------------------------------------------------------- strings
  var STRINGS = {
    ko: {
      zoom_in: "확대", zoom_out: "축소", fit: "화면에 맞춤", pan: "이동 도구 (손)",
      undo: "실행 취소", redo: "다시 실행", delete: "삭제", remove: "삭제",
      canvas_label: "라벨링 이미지 (그리기 영역)", image_error: "이미지를 불러오지 못했습니다.",
      loading_image: "이미지를 불러오는 중…",
      label: "클래스", current_label: "새 객체 클래스", objects: "객체 목록", no_objects: "아직 객체가 없습니다. 이미지 위에서 드래그해 박스를 그리세요.",
      no_polygons: "아직 객체가 없습니다. 이미지를 클릭해 점을 찍고 Enter로 닫으세요.",
      lines: "텍스트 줄", no_lines: "아직 줄이 없습니다. 글자 줄을 드래그해 박스를 그리고 내용을 입력하세요.",
      line_text: "줄 #{n} 텍스트", text_placeholder: "보이는 그대로 입력",
      obj: "#{n}", select_obj: "#{n} 선택", delete_obj: "#{n} 삭제",
      occluded: "가림", truncated: "잘림",
      max_objects: "객체는 최대 {n}개까지 그릴 수 있습니다.",
      new_polygon: "새 다각형", close_polygon: "다각형 닫기", cancel_drawing: "그리기 취소",
      drawing_points: "점 {n}개 — Enter 또는 첫 점 클릭으로 닫기",
      points: "점 목록", points_placed: "점 {n}/{total}", classes: "클래스", next_point: "다음 점: {name}", all_points: "모든 점({n}개)을 찍었습니다. 점을 드래그해 위치를 고칠 수 있습니다.",
      remove_last_point: "마지막 점 지우기", not_placed: "미지정",
      people: "사람", person: "사람 #{n}", add_person: "사람 추가", delete_person: "사람 #{n} 삭제",
      no_people: "‘사람 추가’를 누르거나 이미지를 클릭해 첫 사람의 점을 찍으세요.",
      people_hint: "이 이미지의 사람 수: {n}",
      skip_point: "이 점 건너뛰기 (v=0)", visibility: "가시성",
      v2: "v=2 보임", v1: "v=1 가려짐", v0: "v=0 라벨 없음",
      kp_done: "이 사람의 점을 모두 처리했습니다. 점을 선택해 고치거나 사람을 추가하세요.",
      kp_next: "다음 점: {name} — 클릭 v=2, Shift+클릭 v=1",
      selected_point: "선택한 점: {name} ({v})",
      choose_label: "라벨 선택", choose_labels: "해당하는 라벨을 모두 고르세요",
      choose_one: "라벨 하나를 고르세요",
      speed: "재생 속도", play_pause: "재생/일시정지", rewind: "3초 뒤로",
      audio_label: "오디오", video_label: "비디오", text_label: "텍스트",
      transcription: "전사", transcription_ph: "들리는 그대로 입력하세요",
      chars: "{n}자", sentence: "문장 {n}", prompt: "과제",
      review_title: "검수 대상 라벨", review_labels: "검수할 라벨", review_text: "검수할 전사",
      decision: "판정", accept: "승인", reject: "반려", reasons: "반려 사유",
      reasons_hint: "반려를 선택하면 사유를 고를 수 있습니다.",
      faulty: "문제 있는 객체", faulty_hint: "반려를 선택한 뒤 이미지에서 문제 있는 객체를 클릭하거나 아래에서 체크하세요.",
      faulty_obj: "#{n} 문제 있음", person_n: "사람 #{n}", line_n: "줄 #{n}",
      need_decision: "승인 또는 반려를 고르세요.",
      shortcuts: "키보드 단축키",
      k_draw: "이미지에서 드래그", d_draw_box: "새 박스 그리기",
      k_click: "클릭", d_select: "객체 선택 (선택한 박스는 드래그로 이동, 모서리 핸들로 크기 조절)",
      k_digits: "1–9", d_label: "클래스 선택 (선택한 객체에도 적용)",
      k_delete: "Delete / Backspace", d_delete: "선택한 객체 삭제",
      k_arrows: "화살표 (Shift)", d_nudge: "선택한 객체를 1px (10px) 이동",
      k_esc: "Esc", d_esc: "선택 해제 / 그리기 취소",
      k_undo: "Ctrl+Z", d_undo: "실행 취소", k_redo: "Ctrl+Shift+Z / Ctrl+Y", d_redo: "다시 실행",
      k_zoom: "휠 / + / −", d_zoom: "확대·축소", k_fit: "0", d_fit: "화면에 맞춤",
      k_pan: "Space+드래그 / 가운데 버튼 드래그 / H", d_pan: "화면 이동",
      k_attr: "O / T", d_attr: "선택한 박스의 가림 / 잘림 전환",
      k_poly_click: "클릭", d_poly_click: "점 추가 (빈 곳 클릭으로 새 다각형 시작, 객체 클릭으로 선택)",
      k_enter: "Enter / 더블클릭", d_close: "다각형 닫기",
      k_n: "N", d_new_poly: "다른 객체 위에서 새 다각형 시작",
      k_vertex: "꼭짓점 드래그", d_vertex: "선택한 다각형의 점 이동",
      k_lm_click: "클릭", d_lm_click: "다음 점 찍기 (점을 드래그하면 위치 수정)",
      k_lm_back: "Backspace", d_lm_back: "마지막 점 지우기",
      k_kp_click: "클릭 / Shift+클릭", d_kp_click: "다음 점을 v=2 / v=1로 찍기",
      k_v: "V", d_v: "선택한 점의 가시성 2 → 1 → 0 전환",
      k_s: "S", d_s: "현재 점 건너뛰기 (v=0)",
      k_a: "A", d_a: "사람 추가", k_kp_del: "Delete", d_kp_del: "선택한 점 지우기 (v=0)",
      k_ocr_enter: "Enter (입력칸)", d_ocr_enter: "이미지로 돌아가기",
      k_play: "Ctrl+Space / Alt+P", d_play: "재생 / 일시정지", k_rew: "Alt+R", d_rew: "3초 뒤로",
      k_speed: "Alt+1…4", d_speed: "재생 속도 0.75 / 1 / 1.25 / 1.5",
      k_cls: "1–9", d_cls: "라벨 선택",
      k_insp_a: "A / R", d_insp_a: "승인 / 반려", k_insp_click: "객체 클릭", d_insp_click: "문제 있는 객체 표시/해제 (반려일 때)",
      k_tab: "Tab", d_tab: "다음 입력칸",
      // page controller
      submit: "제출하고 채점", submitting: "채점 중…", saved: "저장됨 ✓", saving: "저장 중…",
      unsaved: "변경됨", offline: "오프라인 — 다시 시도하는 중", save_failed: "임시 저장 실패: {msg}",
      submit_failed: "제출할 수 없습니다: {msg}", network_error: "네트워크 오류입니다. 연결을 확인한 뒤 다시 제출하세요.",
      draft_restored: "저장된 작업을 불러왔습니다.",
      // results
      result: "채점 결과", score: "점수", passed: "통과", not_passed: "미통과",
      best_attempts: "최고 점수 {best} · 시도 {n}회", try_again: "다시 시도", try_again_hint: "작업이 그대로 남아 있습니다. 고친 뒤 다시 제출하세요.",
      metrics: "지표", metric: "지표", value: "값", feedback: "피드백", guideline: "지침",
      matched_n: "일치한 항목 {n}개", problems_none: "문제가 없습니다.",
      legend: "범례", lg_matched: "일치 (내 라벨)", lg_gold_matched: "정답 (일치)", lg_missed: "놓친 정답",
      lg_extra: "정답에 없는 라벨", lg_issue: "일치했지만 문제 있음",
      lg_gold_pt: "정답 점", lg_pred_pt: "내 점", lg_err_ok: "오차 (허용 범위)", lg_err_bad: "오차 (범위 초과)",
      lg_faulty_gold: "정답: 문제 있는 객체", lg_faulty_you: "내가 표시한 객체",
      diff: "글자 비교", diff_ref: "정답", diff_hyp: "내 전사", diff_equal: "같음", diff_del: "빠진 글자",
      diff_ins: "더 들어간 글자", diff_note: "비교는 문장부호를 빼고 표기 규칙 태그는 남긴 정규화 텍스트로 합니다.",
      your_labels: "내 라벨", gold_labels: "정답 라벨", your_decision: "내 판정", gold_decision: "정답 판정",
      your_reasons: "내 사유", gold_reasons: "정답 사유", your_faulty: "내가 표시한 객체", gold_faulty: "정답 객체",
      none: "없음", sentence_ok: "통과", sentence_fail: "미통과", missing_sentences: "빠진 문장 {n}개",
      rule_length: "길이", rule_required_words: "필수 낱말", rule_banned: "금지 내용(개인정보)", rule_near_duplicate: "중복에 가까움",
      ocr_lines: "줄별 비교", gold_line: "정답 줄 #{n}", your_line: "내 줄 #{n}", missed_line: "놓친 줄", extra_line: "정답에 없는 줄",
      points_table: "점별 오차", error_px: "오차(px)", point: "점", ctrl_wheel: "Ctrl+휠로 확대·축소, 드래그로 이동",
      m_precision: "정밀도", m_recall: "재현율", m_f1: "F1", m_mean_iou: "평균 IoU", m_label_accuracy: "클래스 정확도",
      m_attribute_accuracy: "속성 정확도", m_matched: "일치 수", m_gold_count: "정답 수", m_submitted_count: "제출 수",
      m_cer: "CER (글자 오류율)", m_wer: "WER (단어 오류율)", m_max_cer: "허용 CER", m_nme: "NME", m_max_point_nme: "최대 점 NME",
      m_misplaced_points: "벗어난 점", m_missing_points: "빠진 점", m_max_nme: "허용 NME", m_mean_oks: "평균 OKS",
      m_min_person_oks: "최저 OKS", m_visibility_accuracy: "가시성 정확도", m_gold_people: "정답 사람 수",
      m_submitted_people: "제출 사람 수", m_min_oks: "기준 OKS", m_accuracy: "정확도", m_pass_rate: "통과율",
      m_sentences_submitted: "제출 문장", m_sentences_required: "필요 문장", m_missing_sentences: "빠진 문장",
      m_surplus_sentences: "초과 문장", m_length_failures: "길이 위반", m_required_word_failures: "필수 낱말 누락",
      m_banned_hits: "개인정보 포함", m_near_duplicates: "중복 문장", m_decision_correct: "판정 정답",
      m_reason_precision: "사유 정밀도", m_reason_recall: "사유 재현율", m_reason_f1: "사유 F1",
      m_faulty_precision: "객체 정밀도", m_faulty_recall: "객체 재현율", m_faulty_f1: "객체 F1", m_iou_threshold: "IoU 기준"
    },
    en: {
      zoom_in: "Zoom in", zoom_out: "Zoom out", fit: "Fit to view", pan: "Pan tool (hand)",
      undo: "Undo", redo: "Redo", delete: "Delete", remove: "Remove",
      canvas_label: "Labeling image (drawing area)", image_error: "The image could not be loaded.",
      loading_image: "Loading the image…",
      label: "Class", current_label: "Class for new objects", objects: "Objects", no_objects: "No objects yet. Drag on the image to draw a box.",
      no_polygons: "No objects yet. Click on the image to add points and press Enter to close.",
      lines: "Text lines", no_lines: "No lines yet. Drag a box around a line of text, then type what it says.",
      line_text: "Line #{n} text", text_placeholder: "Type exactly what you see",
      obj: "#{n}", select_obj: "Select #{n}", delete_obj: "Delete #{n}",
      occluded: "Occluded", truncated: "Truncated",
      max_objects: "At most {n} objects.",
      new_polygon: "New polygon", close_polygon: "Close polygon", cancel_drawing: "Cancel drawing",
      drawing_points: "{n} points — Enter or click the first point to close",
      points: "Points", points_placed: "{n}/{total} points", classes: "Classes", next_point: "Next point: {name}", all_points: "All {n} points placed. Drag a point to adjust it.",
      remove_last_point: "Remove the last point", not_placed: "not placed",
      people: "People", person: "Person #{n}", add_person: "Add person", delete_person: "Delete person #{n}",
      no_people: "Press ‘Add person’ or click on the image to place the first person's points.",
      people_hint: "People in this image: {n}",
      skip_point: "Skip this point (v=0)", visibility: "Visibility",
      v2: "v=2 visible", v1: "v=1 hidden", v0: "v=0 not labelled",
      kp_done: "Every point of this person is done. Select a point to fix it or add a person.",
      kp_next: "Next point: {name} — click v=2, Shift+click v=1",
      selected_point: "Selected: {name} ({v})",
      choose_label: "Choose the label", choose_labels: "Choose every label that applies",
      choose_one: "Choose one label",
      speed: "Playback speed", play_pause: "Play/pause", rewind: "Back 3 s",
      audio_label: "Audio", video_label: "Video", text_label: "Text",
      transcription: "Transcription", transcription_ph: "Type exactly what is said",
      chars: "{n} chars", sentence: "Sentence {n}", prompt: "Task",
      review_title: "Labels under review", review_labels: "Labels under review", review_text: "Transcription under review",
      decision: "Decision", accept: "Accept", reject: "Reject", reasons: "Rejection reasons",
      reasons_hint: "Choose Reject to pick the reasons.",
      faulty: "Faulty objects", faulty_hint: "Choose Reject, then click the faulty objects on the image or tick them below.",
      faulty_obj: "#{n} is faulty", person_n: "Person #{n}", line_n: "Line #{n}",
      need_decision: "Choose Accept or Reject.",
      shortcuts: "Keyboard shortcuts",
      k_draw: "Drag on the image", d_draw_box: "Draw a new box",
      k_click: "Click", d_select: "Select an object (drag a selected box to move it, its handles to resize)",
      k_digits: "1–9", d_label: "Choose the class (also for the selected object)",
      k_delete: "Delete / Backspace", d_delete: "Delete the selected object",
      k_arrows: "Arrows (Shift)", d_nudge: "Move the selection by 1 px (10 px)",
      k_esc: "Esc", d_esc: "Deselect / cancel drawing",
      k_undo: "Ctrl+Z", d_undo: "Undo", k_redo: "Ctrl+Shift+Z / Ctrl+Y", d_redo: "Redo",
      k_zoom: "Wheel / + / −", d_zoom: "Zoom", k_fit: "0", d_fit: "Fit to view",
      k_pan: "Space+drag / middle-drag / H", d_pan: "Pan",
      k_attr: "O / T", d_attr: "Toggle occluded / truncated on the selected box",
      k_poly_click: "Click", d_poly_click: "Add a point (click empty space to start, an object to select it)",
      k_enter: "Enter / double-click", d_close: "Close the polygon",
      k_n: "N", d_new_poly: "Start a new polygon over another object",
      k_vertex: "Drag a vertex", d_vertex: "Move a point of the selected polygon",
      k_lm_click: "Click", d_lm_click: "Place the next point (drag a point to adjust it)",
      k_lm_back: "Backspace", d_lm_back: "Remove the last point",
      k_kp_click: "Click / Shift+click", d_kp_click: "Place the next point with v=2 / v=1",
      k_v: "V", d_v: "Cycle the selected point's visibility 2 → 1 → 0",
      k_s: "S", d_s: "Skip the current point (v=0)",
      k_a: "A", d_a: "Add a person", k_kp_del: "Delete", d_kp_del: "Clear the selected point (v=0)",
      k_ocr_enter: "Enter (in a text box)", d_ocr_enter: "Back to the image",
      k_play: "Ctrl+Space / Alt+P", d_play: "Play / pause", k_rew: "Alt+R", d_rew: "Back 3 s",
      k_speed: "Alt+1…4", d_speed: "Speed 0.75 / 1 / 1.25 / 1.5",
      k_cls: "1–9", d_cls: "Choose a label",
      k_insp_a: "A / R", d_insp_a: "Accept / Reject", k_insp_click: "Click an object", d_insp_click: "Mark/unmark a faulty object (when rejecting)",
      k_tab: "Tab", d_tab: "Next field",
      submit: "Submit and score", submitting: "Scoring…", saved: "Saved ✓", saving: "Saving…",
      unsaved: "Changed", offline: "Offline — retrying", save_failed: "Draft not saved: {msg}",
      submit_failed: "Cannot submit: {msg}", network_error: "Network error. Check the connection and submit again.",
      draft_restored: "Your saved work was restored.",
      result: "Result", score: "Score", passed: "Passed", not_passed: "Not passed",
      best_attempts: "Best {best} · {n} attempts", try_again: "Try again", try_again_hint: "Your work is kept. Fix it and submit again.",
      metrics: "Metrics", metric: "Metric", value: "Value", feedback: "Feedback", guideline: "Guideline",
      matched_n: "{n} matching items", problems_none: "No problems.",
      legend: "Legend", lg_matched: "Matched (yours)", lg_gold_matched: "Gold (matched)", lg_missed: "Missed gold",
      lg_extra: "Extra (not in gold)", lg_issue: "Matched with an issue",
      lg_gold_pt: "Gold point", lg_pred_pt: "Your point", lg_err_ok: "Error (within tolerance)", lg_err_bad: "Error (too far)",
      lg_faulty_gold: "Gold: faulty object", lg_faulty_you: "Marked by you",
      diff: "Character diff", diff_ref: "Reference", diff_hyp: "Yours", diff_equal: "Same", diff_del: "Missing",
      diff_ins: "Added", diff_note: "Compared on normalised text: punctuation removed, convention tags kept.",
      your_labels: "Your labels", gold_labels: "Gold labels", your_decision: "Your decision", gold_decision: "Right decision",
      your_reasons: "Your reasons", gold_reasons: "Gold reasons", your_faulty: "Marked by you", gold_faulty: "Gold faulty objects",
      none: "none", sentence_ok: "passes", sentence_fail: "fails", missing_sentences: "{n} sentences missing",
      rule_length: "length", rule_required_words: "required word", rule_banned: "banned content (personal data)", rule_near_duplicate: "near-duplicate",
      ocr_lines: "Line by line", gold_line: "Gold line #{n}", your_line: "Your line #{n}", missed_line: "Missed line", extra_line: "Extra line",
      points_table: "Point errors", error_px: "Error (px)", point: "Point", ctrl_wheel: "Ctrl+wheel to zoom, drag to pan",
      m_precision: "Precision", m_recall: "Recall", m_f1: "F1", m_mean_iou: "Mean IoU", m_label_accuracy: "Class accuracy",
      m_attribute_accuracy: "Attribute accuracy", m_matched: "Matched", m_gold_count: "Gold objects", m_submitted_count: "Submitted",
      m_cer: "CER (character error rate)", m_wer: "WER (word error rate)", m_max_cer: "CER limit", m_nme: "NME", m_max_point_nme: "Worst point NME",
      m_misplaced_points: "Misplaced points", m_missing_points: "Missing points", m_max_nme: "NME limit", m_mean_oks: "Mean OKS",
      m_min_person_oks: "Lowest OKS", m_visibility_accuracy: "Visibility accuracy", m_gold_people: "Gold people",
      m_submitted_people: "Submitted people", m_min_oks: "OKS needed", m_accuracy: "Accuracy", m_pass_rate: "Pass rate",
      m_sentences_submitted: "Sentences submitted", m_sentences_required: "Sentences required", m_missing_sentences: "Missing sentences",
      m_surplus_sentences: "Surplus sentences", m_length_failures: "Length failures", m_required_word_failures: "Required-word failures",
      m_banned_hits: "Personal data hits", m_near_duplicates: "Near-duplicates", m_decision_correct: "Decision right",
      m_reason_precision: "Reason precision", m_reason_recall: "Reason recall", m_reason_f1: "Reason F1",
      m_faulty_precision: "Object precision", m_faulty_recall: "Object recall", m_faulty_f1: "Object F1", m_iou_threshold: "IoU threshold"
    }
  };
  X.STRINGS = STRINGS;

  X.locale = function (locale) {
    if (locale === "en" || locale === "ko") return locale;
    var island = document.getElementById("ws-i18n");
    if (island) {
      try { var data = JSON.parse(island.textContent); if (data.locale === "en") return "en"; } catch (e) { /* ignore */ }
    }
    return (document.documentElement.lang || "ko").slice(0, 2) === "en" ? "en" : "ko";
  };

  // t(key, {n: 3}) in the locale, falling back to Korean, then to the key.
  X.translator = function (locale) {
    var table = STRINGS[locale] || STRINGS.ko;
    return function (key, params) {
      var text = table[key];
      if (text === undefined) text = STRINGS.ko[key];
      if (text === undefined) text = key;
      if (params) {
        text = text.replace(/\{(\w+)\}/g, function (m, name) {
          return params[name] === undefined ? m : String(params[name]);
        });
      }
      return text;
    };
  };

  // A bilingual value: a string, {ko, en}, or {id, ko, en}.
  X.pick = function (value, locale) {
    if (value === null || value === undefined) return "";
    if (typeof value === "string" || typeof value === "number") return String(value);
    return value[locale] || value.ko || value.name || value.en || value.id || "";
  };

  // ---------------------------------------------------------------- DOM
  // h("button", {class: "btn", text: "..", on: {click: fn}, attrs: {"aria-label": ".."}}, [children])
  X.h = function (tag, props, children) {
    var node = document.createElement(tag);
    props = props || {};
    Object.keys(props).forEach(function (key) {
      var value = props[key];
      if (value === undefined || value === null || value === false) return;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key === "on") Object.keys(value).forEach(function (ev) { node.addEventListener(ev, value[ev]); });
      else if (key === "dataset") Object.keys(value).forEach(function (d) { node.dataset[d] = value[d]; });
      else if (key === "style") Object.keys(value).forEach(function (s) { node.style[s] = value[s]; });
      else if (key === "checked" || key === "disabled" || key === "value" || key === "hidden" || key === "selected" || key === "open") node[key] = value;
      else node.setAttribute(key, value === true ? "" : value);
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === false) return;
      node.appendChild(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
    });
    return node;
  };

  X.clear = function (node) { while (node.firstChild) node.removeChild(node.firstChild); return node; };

  var uid = 0;
  X.uid = function (prefix) { uid += 1; return (prefix || "ws") + "-" + uid; };

  X.round = function (v) { return Math.round(v * 10) / 10; };
  X.clamp = function (v, lo, hi) { return Math.max(lo, Math.min(hi, v)); };

  X.isEditable = function (target) {
    if (!target || !target.tagName) return false;
    var tag = target.tagName;
    if (tag === "TEXTAREA" || tag === "SELECT") return true;
    if (tag === "INPUT") {
      var type = (target.type || "text").toLowerCase();
      return ["checkbox", "radio", "button", "submit", "range", "reset"].indexOf(type) < 0;
    }
    return !!target.isContentEditable;
  };

  X.PALETTE = ["#2563eb", "#e11d48", "#16a34a", "#d97706", "#7c3aed", "#0891b2", "#db2777", "#65a30d", "#ea580c", "#4f46e5"];
  X.labelColor = function (task, labelId) {
    var labels = task.labels || [];
    for (var i = 0; i < labels.length; i++) if (labels[i].id === labelId) return X.PALETTE[i % X.PALETTE.length];
    return "#64748b";
  };
  X.labelName = function (task, labelId) {
    var labels = task.labels || [];
    for (var i = 0; i < labels.length; i++) if (labels[i].id === labelId) return labels[i].name || labelId;
    return labelId;
  };

  // COCO-17 skeleton, 0-based (SYLLABUS lists it 1-based).
  X.COCO_SKELETON = [[15, 13], [13, 11], [16, 14], [14, 12], [11, 12], [5, 11], [6, 12], [5, 6], [5, 7],
    [6, 8], [7, 9], [8, 10], [1, 2], [0, 1], [0, 2], [1, 3], [2, 4], [3, 5], [4, 6]];
  X.PERSON_COLORS = ["#2563eb", "#db2777", "#059669", "#d97706", "#7c3aed", "#0891b2"];

  X.pointNames = function (task, locale, fallbackCount) {
    var names = (task.params && task.params.point_names) || [];
    var out = names.map(function (n) { return X.pick(n, locale); });
    for (var i = out.length; i < (fallbackCount || 0); i++) out.push("#" + (i + 1));
    return out;
  };

  // ---------------------------------------------------------------- undo history
  // Snapshots of the submission body as JSON strings; typing coalesces within a second.
  X.History = function (limit) {
    this.stack = [];
    this.index = -1;
    this.limit = limit || 200;
    this.lastTime = 0;
    this.lastKey = null;
  };
  X.History.prototype.reset = function (body) {
    this.stack = [JSON.stringify(body)];
    this.index = 0;
    this.lastKey = null;
  };
  X.History.prototype.push = function (body, coalesceKey) {
    var json = JSON.stringify(body);
    if (this.stack[this.index] === json) return false;
    var now = Date.now();
    this.stack.length = this.index + 1;
    if (coalesceKey && coalesceKey === this.lastKey && now - this.lastTime < 1000 && this.index > 0) {
      this.stack[this.index] = json;
    } else {
      this.stack.push(json);
      this.index = this.stack.length - 1;
      if (this.stack.length > this.limit) { this.stack.shift(); this.index -= 1; }
    }
    this.lastKey = coalesceKey || null;
    this.lastTime = now;
    return true;
  };
  X.History.prototype.canUndo = function () { return this.index > 0; };
  X.History.prototype.canRedo = function () { return this.index < this.stack.length - 1; };
  X.History.prototype.undo = function () {
    if (!this.canUndo()) return null;
    this.index -= 1; this.lastKey = null;
    return JSON.parse(this.stack[this.index]);
  };
  X.History.prototype.redo = function () {
    if (!this.canRedo()) return null;
    this.index += 1; this.lastKey = null;
    return JSON.parse(this.stack[this.index]);
  };

  // ---------------------------------------------------------------- shortcuts panel
  X.shortcutsPanel = function (t, rows) {
    var list = X.h("dl", { class: "ws-keys" });
    rows.forEach(function (row) {
      list.appendChild(X.h("dt", {}, [X.h("kbd", { text: t(row[0]) })]));
      list.appendChild(X.h("dd", { text: t(row[1]) }));
    });
    var details = X.h("details", { class: "ws-shortcuts", "data-testid": "shortcuts" }, [
      X.h("summary", { text: "⌨ " + t("shortcuts") }), list
    ]);
    details.open = window.matchMedia ? window.matchMedia("(min-width: 700px)").matches : true;
    return details;
  };

  X.pressed = function (button, on) { button.setAttribute("aria-pressed", on ? "true" : "false"); };

  X.iconButton = function (symbol, label, onClick, extraClass) {
    return X.h("button", { type: "button", class: "btn btn-ghost btn-sm ws-icon" + (extraClass ? " " + extraClass : ""),
      "aria-label": label, title: label, on: { click: onClick } }, [X.h("span", { "aria-hidden": "true", text: symbol })]);
  };

  // Live region messages inside a workspace (e.g. "at most 50 objects").
  X.announcer = function (node) {
    var timer = null;
    return function (message) {
      node.textContent = message || "";
      if (timer) clearTimeout(timer);
      if (message) timer = setTimeout(function () { node.textContent = ""; }, 4000);
    };
  };
})();
