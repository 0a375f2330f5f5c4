// AIDE labeling workspace — image editors: bbox, ocr (boxes + text), polygon, landmarks,
// keypoints (COCO-17, several people) and the review viewer used by inspection items.
// Every editor keeps coordinates in image pixels and reports changes through ws.commit().
(function () {
  "use strict";
  var X = window.AideWorkspace._;
  var h = X.h, D = X.draw;
  var editors = X.editors = X.editors || {};

  function round(v) { return X.round(v); }
  function roundBox(b) { return [round(b[0]), round(b[1]), round(b[2]), round(b[3])]; }
  function copy(value) { return JSON.parse(JSON.stringify(value)); }
  function inBox(b, p, pad) {
    pad = pad || 0;
    return p.x >= b[0] - pad && p.y >= b[1] - pad && p.x <= b[0] + b[2] + pad && p.y <= b[1] + b[3] + pad;
  }
  function dist(ax, ay, bx, by) { return Math.hypot(ax - bx, ay - by); }
  function validBox(b) {
    return Array.isArray(b) && b.length === 4 && b.every(function (v) { return typeof v === "number" && isFinite(v); });
  }
  function shortText(text, max) {
    text = text || "";
    return text.length > max ? text.slice(0, max - 1) + "…" : text;
  }

  // Layout shared by the image editors: toolbar, stage + side panel, status line.
  function imageLayout(ws, extraClass) {
    var toolbar = h("div", { class: "ws-toolbar", role: "toolbar", "aria-label": ws.t("shortcuts") });
    var stageHost = h("div", { class: "ws-stage-host" });
    var side = h("div", { class: "ws-side" });
    var status = h("p", { class: "ws-status", "aria-live": "polite", "data-testid": "ws-status" });
    var root = h("div", { class: "ws-editor ws-image-editor " + (extraClass || "") }, [
      toolbar, h("div", { class: "ws-columns" }, [h("div", { class: "ws-main-col" }, [stageHost, status]), side])
    ]);
    ws.root.appendChild(root);
    return { root: root, toolbar: toolbar, stageHost: stageHost, side: side, status: status };
  }

  function makeStage(ws, host, tool, onDraw, label) {
    var asset = ws.task.asset || {};
    return new X.Stage(host, {
      t: ws.t, url: asset.url, width: asset.width || 640, height: asset.height || 480,
      tool: ws.readOnly ? null : tool, onDraw: onDraw, label: label, onActivate: ws.activate, ctrlWheel: !!ws.readOnly
    });
  }

  function labelPicker(ws, current, onPick) {
    var labels = ws.task.labels || [];
    var id = X.uid("ws-label");
    var select = h("select", { id: id, class: "input ws-label-select", "data-testid": "label-picker", disabled: ws.readOnly,
      on: { change: function () { onPick(select.value, true); } } },
      labels.map(function (label, i) {
        return h("option", { value: label.id, text: (i < 9 ? (i + 1) + ". " : "") + label.name, selected: label.id === current });
      }));
    var wrap = h("div", { class: "ws-field-inline" }, [h("label", { for: id, text: ws.t("current_label") }), select]);
    return { node: wrap, select: select };
  }

  function handleKeyDigits(e, count) {
    if (e.ctrlKey || e.metaKey || e.altKey) return -1;
    var n = parseInt(e.key, 10);
    if (isNaN(n) || n < 1 || n > 9 || n > count) return -1;
    return n - 1;
  }

  function nudgeDelta(e) {
    var step = e.shiftKey ? 10 : 1;
    if (e.key === "ArrowLeft") return [-step, 0];
    if (e.key === "ArrowRight") return [step, 0];
    if (e.key === "ArrowUp") return [0, -step];
    if (e.key === "ArrowDown") return [0, step];
    return null;
  }

  // ======================================================================= boxes (bbox, ocr)
  function boxesEditor(ws, mode) {
    var task = ws.task, t = ws.t, params = task.params || {};
    var isOcr = mode === "ocr";
    var asset = task.asset || {};
    var W = asset.width || 640, H = asset.height || 480;
    var labels = task.labels || [];
    var attrs = isOcr ? [] : (params.attributes || []);
    var maxItems = parseInt(isOcr ? params.max_lines : params.max_objects, 10) || 100;
    var items = [];
    var selected = -1;
    var currentLabel = labels.length ? labels[0].id : "";
    var action = null;
    var hover = null;

    var ui = imageLayout(ws, isOcr ? "ws-ocr" : "ws-bbox");
    var picker = null;
    if (!isOcr && labels.length) {
      picker = labelPicker(ws, currentLabel, function (value) { setLabel(value); });
      ui.toolbar.appendChild(picker.node);
    }
    ws.addHistoryButtons(ui.toolbar);
    var deleteButton = h("button", { type: "button", class: "btn btn-ghost btn-sm", disabled: true, "data-testid": "delete-selected",
      on: { click: function () { removeSelected(); } } }, ["✕ " + t("delete")]);
    if (!ws.readOnly) ui.toolbar.appendChild(deleteButton);

    var listHead = h("h3", { class: "ws-side-head" });
    var list = h("ol", { class: "ws-list", "data-testid": "object-list" });
    ui.side.appendChild(listHead);
    ui.side.appendChild(list);

    var tool = {
      down: function (p, e) {
        var tol = stage.tolerance(7, e);
        if (selected >= 0 && items[selected]) {
          var handle = hitHandle(items[selected].bbox, p, tol);
          if (handle) { action = { type: "resize", handle: handle, orig: items[selected].bbox.slice() }; return; }
          if (inBox(items[selected].bbox, p)) { action = { type: "move", start: p, orig: items[selected].bbox.slice() }; return; }
        }
        action = { type: "new", anchor: stage.clampPoint(p), start: p, moved: false, index: -1 };
      },
      move: function (p) {
        if (!action) return;
        if (action.type === "new") {
          if (!action.moved && dist(p.sx, p.sy, action.start.sx, action.start.sy) < 4) return;
          if (!action.moved) {
            action.moved = true;
            var item = isOcr ? { bbox: [0, 0, 0, 0], text: "" } : { label: currentLabel, bbox: [0, 0, 0, 0] };
            attrs.forEach(function (a) { item[a] = false; });
            items.push(item);
            action.index = items.length - 1;
            selected = action.index;
          }
          var q = stage.clampPoint(p), a0 = action.anchor;
          items[action.index].bbox = [Math.min(a0.x, q.x), Math.min(a0.y, q.y), Math.abs(q.x - a0.x), Math.abs(q.y - a0.y)];
        } else if (action.type === "move") {
          var o = action.orig;
          items[selected].bbox = [X.clamp(o[0] + p.x - action.start.x, 0, W - o[2]), X.clamp(o[1] + p.y - action.start.y, 0, H - o[3]), o[2], o[3]];
        } else if (action.type === "resize") {
          var b = action.orig, c = stage.clampPoint(p);
          var l = b[0], tp = b[1], r = b[0] + b[2], bt = b[1] + b[3];
          if (action.handle.indexOf("n") >= 0) tp = c.y;
          if (action.handle.indexOf("s") >= 0) bt = c.y;
          if (action.handle.indexOf("w") >= 0) l = c.x;
          if (action.handle.indexOf("e") >= 0) r = c.x;
          items[selected].bbox = [Math.min(l, r), Math.min(tp, bt), Math.abs(r - l), Math.abs(bt - tp)];
        }
        stage.redraw();
      },
      up: function (p) {
        var done = action;
        action = null;
        if (!done) return;
        if (done.type === "new") {
          if (done.moved) {
            var bb = items[done.index].bbox;
            if (bb[2] < 2 || bb[3] < 2) {
              items.splice(done.index, 1); selected = -1;
            } else if (items.length > maxItems) {
              items.splice(done.index, 1); selected = -1;
              ws.announce(t("max_objects", { n: maxItems }));
            } else {
              items[done.index].bbox = roundBox(bb);
              selected = done.index;
              ws.commit();
              renderList();
              if (isOcr) focusText(selected);
              return;
            }
            renderList();
          } else {
            select(hitItem(p));
          }
        } else if (selected >= 0) {
          items[selected].bbox = roundBox(items[selected].bbox);
          if (JSON.stringify(items[selected].bbox) !== JSON.stringify(roundBox(done.orig))) ws.commit();
          updateRows();
        }
        stage.redraw();
      },
      cancel: function () {
        if (action && action.type === "new" && action.moved) { items.splice(action.index, 1); selected = -1; }
        else if (action && action.orig && selected >= 0) items[selected].bbox = action.orig;
        action = null;
        stage.redraw();
      },
      hover: function (p) { hover = p; },
      cursor: function (p) {
        if (!p) return "crosshair";
        if (action && action.type === "move") return "move";
        if (selected >= 0 && items[selected]) {
          var handle = hitHandle(items[selected].bbox, p, 7 / stage.scale);
          if (handle) return ({ n: "ns", s: "ns", e: "ew", w: "ew", nw: "nwse", se: "nwse", ne: "nesw", sw: "nesw" })[handle] + "-resize";
          if (inBox(items[selected].bbox, p)) return "move";
        }
        return "crosshair";
      }
    };

    function hitHandle(box, p, tol) {
      var hs = X.boxHandles(box), best = null, bestD = tol;
      Object.keys(hs).forEach(function (key) {
        var d = dist(hs[key][0], hs[key][1], p.x, p.y);
        if (d <= bestD) { best = key; bestD = d; }
      });
      return best;
    }
    function hitItem(p) {
      var best = -1, area = Infinity;
      items.forEach(function (it, i) {
        var a = it.bbox[2] * it.bbox[3];
        if (inBox(it.bbox, p, 2 / stage.scale) && a < area) { best = i; area = a; }
      });
      return best;
    }

    function draw(ctx, st) {
      items.forEach(function (it, i) {
        if (!validBox(it.bbox)) return;
        var color = isOcr ? "#0ea5e9" : X.labelColor(task, it.label);
        var isSel = i === selected;
        D.rect(ctx, st, it.bbox, color, { width: isSel ? 3 : 2, fill: isSel ? hexAlpha(color, 0.18) : null });
        var text = "#" + (i + 1);
        if (!isOcr) text += " " + X.labelName(task, it.label) + attrs.filter(function (a) { return it[a]; }).map(function (a) { return " · " + t(a); }).join("");
        else if (it.text) text += " " + shortText(it.text, 18);
        D.tag(ctx, text, st.sx(it.bbox[0]), st.sy(it.bbox[1]), color);
        if (isSel && !ws.readOnly) D.handles(ctx, st, it.bbox, color);
      });
    }

    var stage = makeStage(ws, ui.stageHost, tool, draw);

    function select(index) {
      selected = index;
      updateRows();
      stage.redraw();
    }

    function setLabel(value) {
      currentLabel = value;
      if (picker) picker.select.value = value;
      if (selected >= 0 && items[selected] && !isOcr && items[selected].label !== value) {
        items[selected].label = value;
        ws.commit();
        renderList();
      }
      stage.redraw();
    }

    function removeSelected() {
      if (selected < 0 || !items[selected]) return false;
      items.splice(selected, 1);
      selected = Math.min(selected, items.length - 1);
      ws.commit();
      renderList();
      stage.redraw();
      return true;
    }

    function focusText(index) {
      var input = list.querySelector('[data-index="' + index + '"] input[type=text]');
      if (input) input.focus();
    }

    function updateRows() {
      Array.prototype.forEach.call(list.children, function (row) {
        var on = parseInt(row.dataset.index, 10) === selected;
        row.classList.toggle("is-selected", on);
        var main = row.querySelector(".ws-row-main");
        if (main) X.pressed(main, on);
      });
      deleteButton.disabled = selected < 0;
    }

    function renderList() {
      listHead.textContent = (isOcr ? t("lines") : t("objects")) + " (" + items.length + ")";
      X.clear(list);
      if (!items.length) {
        list.appendChild(h("li", { class: "ws-empty", text: isOcr ? t("no_lines") : t("no_objects") }));
      }
      items.forEach(function (it, i) {
        var color = isOcr ? "#0ea5e9" : X.labelColor(task, it.label);
        var row = h("li", { class: "ws-row", dataset: { index: String(i) } });
        row.appendChild(h("button", { type: "button", class: "ws-row-main", "aria-label": t("select_obj", { n: i + 1 }),
          on: { click: function () { select(i); } } }, [h("span", { class: "ws-swatch", style: { background: color } }), "#" + (i + 1)]));
        if (isOcr) {
          var input = h("input", { type: "text", class: "input ws-line-text", value: it.text || "", lang: "ko",
            placeholder: t("text_placeholder"), "aria-label": t("line_text", { n: i + 1 }), disabled: ws.readOnly,
            maxlength: "500", "data-testid": "line-text",
            on: {
              focus: function () { if (selected !== i) select(i); },
              input: function () { items[i].text = input.value; ws.commit("text-" + i); stage.redraw(); },
              keydown: function (e) { if (e.key === "Enter") { e.preventDefault(); stage.canvas.focus(); } }
            } });
          row.appendChild(input);
        } else {
          var sel = h("select", { class: "input ws-row-label", "aria-label": t("label") + " #" + (i + 1), disabled: ws.readOnly,
            on: { change: function () { items[i].label = sel.value; ws.commit(); renderList(); stage.redraw(); } } },
            labels.map(function (label) { return h("option", { value: label.id, text: label.name, selected: label.id === it.label }); }));
          row.appendChild(sel);
        }
        if (!ws.readOnly) {
          row.appendChild(X.iconButton("✕", t("delete_obj", { n: i + 1 }), function () { selected = i; removeSelected(); }, "ws-row-del"));
        }
        if (!isOcr && attrs.length) {
          var flags = h("span", { class: "ws-flags" });
          attrs.forEach(function (a) {
            var box = h("input", { type: "checkbox", checked: !!it[a], disabled: ws.readOnly, "data-attr": a,
              on: { change: function () { items[i][a] = box.checked; ws.commit(); stage.redraw(); } } });
            flags.appendChild(h("label", { class: "ws-flag" }, [box, " " + t(a)]));
          });
          row.appendChild(flags);
        }
        list.appendChild(row);
      });
      updateRows();
    }

    function handleKey(e) {
      if (ws.readOnly) return false;
      if (e.key === "Delete" || e.key === "Backspace") return removeSelected();
      if (e.key === "Escape") { if (action) tool.cancel(); select(-1); return true; }
      var d = nudgeDelta(e);
      if (d && selected >= 0) {
        var b = items[selected].bbox;
        items[selected].bbox = roundBox([X.clamp(b[0] + d[0], 0, W - b[2]), X.clamp(b[1] + d[1], 0, H - b[3]), b[2], b[3]]);
        ws.commit("nudge");
        stage.redraw();
        return true;
      }
      if (!isOcr) {
        var n = handleKeyDigits(e, labels.length);
        if (n >= 0) { setLabel(labels[n].id); return true; }
        if (selected >= 0 && !e.ctrlKey && !e.metaKey && !e.altKey) {
          var attr = (e.key === "o" || e.key === "O") ? "occluded" : (e.key === "t" || e.key === "T") ? "truncated" : null;
          if (attr && attrs.indexOf(attr) >= 0) {
            items[selected][attr] = !items[selected][attr];
            ws.commit(); renderList(); stage.redraw();
            return true;
          }
        }
      }
      return false;
    }

    var shortcuts = [["k_draw", "d_draw_box"], ["k_click", "d_select"]];
    if (!isOcr) shortcuts.push(["k_digits", "d_label"]);
    if (attrs.length) shortcuts.push(["k_attr", "d_attr"]);
    if (isOcr) shortcuts.push(["k_ocr_enter", "d_ocr_enter"]);
    shortcuts.push(["k_delete", "d_delete"], ["k_arrows", "d_nudge"], ["k_esc", "d_esc"], ["k_undo", "d_undo"],
      ["k_redo", "d_redo"], ["k_zoom", "d_zoom"], ["k_fit", "d_fit"], ["k_pan", "d_pan"]);

    function getBody() {
      if (isOcr) return { lines: items.map(function (it) { return { bbox: roundBox(it.bbox), text: it.text || "" }; }) };
      return {
        objects: items.map(function (it) {
          var out = { label: it.label, bbox: roundBox(it.bbox) };
          attrs.forEach(function (a) { out[a] = !!it[a]; });
          return out;
        })
      };
    }
    function setBody(body) {
      var source = body && (isOcr ? body.lines : body.objects);
      items = Array.isArray(source) ? copy(source).filter(function (it) { return it && validBox(it.bbox); }) : [];
      items.forEach(function (it) {
        if (!isOcr && !it.label) it.label = currentLabel;
        attrs.forEach(function (a) { it[a] = !!it[a]; });
      });
      if (selected >= items.length) selected = -1;
      renderList();
      stage.redraw();
    }

    renderList();
    ui.status.textContent = "";
    return {
      getBody: getBody, setBody: setBody, handleKey: handleKey, shortcuts: shortcuts, stage: stage,
      destroy: function () { stage.destroy(); }
    };
  }

  function hexAlpha(hex, alpha) {
    var n = parseInt(hex.slice(1), 16);
    return "rgba(" + ((n >> 16) & 255) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + alpha + ")";
  }
  X.hexAlpha = hexAlpha;

  editors.bbox = function (ws) { return boxesEditor(ws, "bbox"); };
  editors.ocr = function (ws) { return boxesEditor(ws, "ocr"); };

  // ======================================================================= polygon
  function polygonArea(c) {
    var a = 0;
    for (var i = 0; i < c.length; i += 2) {
      var j = (i + 2) % c.length;
      a += c[i] * c[j + 1] - c[j] * c[i + 1];
    }
    return Math.abs(a) / 2;
  }
  function pointInPolygon(c, p) {
    var inside = false;
    for (var i = 0, j = c.length - 2; i < c.length; j = i, i += 2) {
      var xi = c[i], yi = c[i + 1], xj = c[j], yj = c[j + 1];
      if ((yi > p.y) !== (yj > p.y) && p.x < (xj - xi) * (p.y - yi) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  }

  editors.polygon = function (ws) {
    var task = ws.task, t = ws.t, params = task.params || {};
    var asset = task.asset || {};
    var W = asset.width || 640, H = asset.height || 480;
    var labels = task.labels || [];
    var maxItems = parseInt(params.max_objects, 10) || 100;
    var items = [], selected = -1, drawing = null, forceNew = false, action = null;
    var currentLabel = labels.length ? labels[0].id : "";

    var ui = imageLayout(ws, "ws-polygon");
    var picker = labels.length ? labelPicker(ws, currentLabel, function (v) { setLabel(v); }) : null;
    if (picker) ui.toolbar.appendChild(picker.node);
    ws.addHistoryButtons(ui.toolbar);
    var closeButton = h("button", { type: "button", class: "btn btn-ghost btn-sm", disabled: true, on: { click: function () { closeDrawing(); } } }, ["✓ " + t("close_polygon")]);
    var newButton = h("button", { type: "button", class: "btn btn-ghost btn-sm", on: { click: function () { startNew(); } } }, ["＋ " + t("new_polygon")]);
    var deleteButton = h("button", { type: "button", class: "btn btn-ghost btn-sm", disabled: true, on: { click: function () { removeSelected(); } } }, ["✕ " + t("delete")]);
    if (!ws.readOnly) { ui.toolbar.appendChild(newButton); ui.toolbar.appendChild(closeButton); ui.toolbar.appendChild(deleteButton); }
    var listHead = h("h3", { class: "ws-side-head" });
    var list = h("ol", { class: "ws-list", "data-testid": "object-list" });
    ui.side.appendChild(listHead); ui.side.appendChild(list);

    function near(pt, p, tol) { return dist(pt[0], pt[1], p.x, p.y) <= tol; }

    var tool = {
      down: function (p, e) {
        var tol = stage.tolerance(8, e), pc = stage.clampPoint(p);
        if (drawing) {
          if (drawing.length >= 3 && (near(drawing[0], p, tol) || near(drawing[drawing.length - 1], p, tol))) { closeDrawing(); return; }
          if (drawing.length && near(drawing[drawing.length - 1], p, tol)) return;
          if (drawing.length < 200) drawing.push([round(pc.x), round(pc.y)]);
          updateStatus(); stage.redraw();
          return;
        }
        if (!forceNew && selected >= 0 && items[selected]) {
          var poly = items[selected].polygon;
          for (var v = 0; v < poly.length; v += 2) {
            if (near([poly[v], poly[v + 1]], p, tol)) { action = { type: "vertex", index: v, orig: poly.slice() }; return; }
          }
          if (pointInPolygon(poly, p)) { action = { type: "move", start: p, orig: poly.slice() }; return; }
        }
        var hit = forceNew ? -1 : hitItem(p);
        if (hit >= 0) { select(hit); return; }
        forceNew = false;
        selected = -1;
        drawing = [[round(pc.x), round(pc.y)]];
        updateRows(); updateStatus(); stage.redraw();
      },
      move: function (p) {
        if (!action) return;
        var poly = items[selected].polygon;
        if (action.type === "vertex") {
          var c = stage.clampPoint(p);
          poly[action.index] = c.x; poly[action.index + 1] = c.y;
        } else if (action.type === "move") {
          var o = action.orig, xs = [], ys = [];
          for (var i = 0; i < o.length; i += 2) { xs.push(o[i]); ys.push(o[i + 1]); }
          var dx = X.clamp(p.x - action.start.x, -Math.min.apply(null, xs), W - Math.max.apply(null, xs));
          var dy = X.clamp(p.y - action.start.y, -Math.min.apply(null, ys), H - Math.max.apply(null, ys));
          for (var k = 0; k < o.length; k += 2) { poly[k] = o[k] + dx; poly[k + 1] = o[k + 1] + dy; }
        }
        stage.redraw();
      },
      up: function () {
        var done = action; action = null;
        if (!done || selected < 0) return;
        items[selected].polygon = items[selected].polygon.map(round);
        if (JSON.stringify(items[selected].polygon) !== JSON.stringify(done.orig.map(round))) ws.commit();
      },
      cancel: function () {
        if (action && selected >= 0) items[selected].polygon = action.orig;
        action = null; stage.redraw();
      },
      dblclick: function () { if (drawing && drawing.length >= 3) closeDrawing(); },
      cursor: function (p) {
        if (!p || drawing) return "crosshair";
        if (selected >= 0 && items[selected]) {
          var poly = items[selected].polygon, tol = 8 / stage.scale;
          for (var v = 0; v < poly.length; v += 2) if (near([poly[v], poly[v + 1]], p, tol)) return "move";
          if (pointInPolygon(poly, p)) return "move";
        }
        return hitItem(p) >= 0 ? "pointer" : "crosshair";
      }
    };

    function hitItem(p) {
      var best = -1, area = Infinity;
      items.forEach(function (it, i) {
        if (pointInPolygon(it.polygon, p)) { var a = polygonArea(it.polygon); if (a < area) { area = a; best = i; } }
      });
      return best;
    }

    function draw(ctx, st) {
      items.forEach(function (it, i) {
        var color = X.labelColor(task, it.label), isSel = i === selected;
        D.poly(ctx, st, it.polygon, color, { width: isSel ? 3 : 2, fill: hexAlpha(color, isSel ? 0.3 : 0.15) });
        var minY = Infinity, atX = 0;
        for (var k = 0; k < it.polygon.length; k += 2) if (it.polygon[k + 1] < minY) { minY = it.polygon[k + 1]; atX = it.polygon[k]; }
        D.tag(ctx, "#" + (i + 1) + " " + X.labelName(task, it.label), st.sx(atX), st.sy(minY) - 4, color);
        if (isSel && !ws.readOnly) {
          for (var v = 0; v < it.polygon.length; v += 2) D.point(ctx, st, it.polygon[v], it.polygon[v + 1], color, { r: 4.5 });
        }
      });
      if (drawing && drawing.length) {
        var color = X.labelColor(task, currentLabel);
        var flat = [];
        drawing.forEach(function (pt) { flat.push(pt[0], pt[1]); });
        var hp = st.hoverPoint;
        if (hp) flat.push(X.clamp(hp.x, 0, W), X.clamp(hp.y, 0, H));
        if (flat.length >= 4) D.poly(ctx, st, flat, color, { closed: false, dash: [6, 4] });
        drawing.forEach(function (pt, i) { D.point(ctx, st, pt[0], pt[1], color, { r: i === 0 ? 7 : 4.5, ring: i === 0 ? "#fff" : null }); });
      }
    }

    var stage = makeStage(ws, ui.stageHost, tool, draw);

    function select(i) { selected = i; drawing = null; updateRows(); updateStatus(); stage.redraw(); }
    function startNew() { drawing = null; forceNew = true; selected = -1; updateRows(); ws.announce(t("new_polygon")); stage.canvas.focus(); }
    function closeDrawing() {
      if (!drawing || drawing.length < 3) return false;
      if (items.length >= maxItems) { ws.announce(t("max_objects", { n: maxItems })); drawing = null; updateStatus(); stage.redraw(); return true; }
      var flat = [];
      drawing.forEach(function (pt) { flat.push(pt[0], pt[1]); });
      items.push({ label: currentLabel, polygon: flat });
      drawing = null;
      selected = items.length - 1;
      ws.commit();
      renderList(); updateStatus(); stage.redraw();
      return true;
    }
    function setLabel(v) {
      currentLabel = v;
      if (picker) picker.select.value = v;
      if (selected >= 0 && items[selected] && items[selected].label !== v) { items[selected].label = v; ws.commit(); renderList(); }
      stage.redraw();
    }
    function removeSelected() {
      if (selected < 0 || !items[selected]) return false;
      items.splice(selected, 1);
      selected = -1;
      ws.commit(); renderList(); stage.redraw();
      return true;
    }
    function updateStatus() {
      ui.status.textContent = drawing ? t("drawing_points", { n: drawing.length }) : "";
      closeButton.disabled = !drawing || drawing.length < 3;
    }
    function updateRows() {
      Array.prototype.forEach.call(list.children, function (row) {
        var on = parseInt(row.dataset.index, 10) === selected;
        row.classList.toggle("is-selected", on);
        var main = row.querySelector(".ws-row-main");
        if (main) X.pressed(main, on);
      });
      deleteButton.disabled = selected < 0;
    }
    function renderList() {
      listHead.textContent = t("objects") + " (" + items.length + ")";
      X.clear(list);
      if (!items.length) list.appendChild(h("li", { class: "ws-empty", text: t("no_polygons") }));
      items.forEach(function (it, i) {
        var color = X.labelColor(task, it.label);
        var sel = h("select", { class: "input ws-row-label", "aria-label": t("label") + " #" + (i + 1), disabled: ws.readOnly,
          on: { change: function () { items[i].label = sel.value; ws.commit(); renderList(); stage.redraw(); } } },
          labels.map(function (l) { return h("option", { value: l.id, text: l.name, selected: l.id === it.label }); }));
        var row = h("li", { class: "ws-row", dataset: { index: String(i) } }, [
          h("button", { type: "button", class: "ws-row-main", "aria-label": t("select_obj", { n: i + 1 }), on: { click: function () { select(i); } } },
            [h("span", { class: "ws-swatch", style: { background: color } }), "#" + (i + 1)]),
          sel, h("span", { class: "ws-row-meta", text: (it.polygon.length / 2) + "pt" })
        ]);
        if (!ws.readOnly) row.appendChild(X.iconButton("✕", t("delete_obj", { n: i + 1 }), function () { selected = i; removeSelected(); }, "ws-row-del"));
        list.appendChild(row);
      });
      updateRows();
    }

    function handleKey(e) {
      if (ws.readOnly) return false;
      if (e.key === "Enter") return closeDrawing();
      if (e.key === "Escape") {
        if (drawing) { drawing = null; updateStatus(); stage.redraw(); return true; }
        forceNew = false; select(-1); return true;
      }
      if (e.key === "Backspace" && drawing) {
        drawing.pop(); if (!drawing.length) drawing = null;
        updateStatus(); stage.redraw(); return true;
      }
      if (e.key === "Delete" || e.key === "Backspace") return removeSelected();
      if ((e.key === "n" || e.key === "N") && !e.ctrlKey && !e.metaKey && !e.altKey) { startNew(); return true; }
      var n = handleKeyDigits(e, labels.length);
      if (n >= 0) { setLabel(labels[n].id); return true; }
      var d = nudgeDelta(e);
      if (d && selected >= 0) {
        var poly = items[selected].polygon;
        for (var k = 0; k < poly.length; k += 2) { poly[k] = round(X.clamp(poly[k] + d[0], 0, W)); poly[k + 1] = round(X.clamp(poly[k + 1] + d[1], 0, H)); }
        ws.commit("nudge"); stage.redraw(); return true;
      }
      return false;
    }

    renderList(); updateStatus();
    return {
      stage: stage,
      getBody: function () {
        return { objects: items.map(function (it) { return { label: it.label, polygon: it.polygon.map(round) }; }) };
      },
      setBody: function (body) {
        var src = body && Array.isArray(body.objects) ? copy(body.objects) : [];
        items = src.filter(function (o) { return o && Array.isArray(o.polygon) && o.polygon.length >= 6; });
        items.forEach(function (o) { if (!o.label) o.label = currentLabel; });
        selected = -1; drawing = null;
        renderList(); updateStatus(); stage.redraw();
      },
      handleKey: handleKey,
      shortcuts: [["k_poly_click", "d_poly_click"], ["k_enter", "d_close"], ["k_n", "d_new_poly"], ["k_vertex", "d_vertex"],
        ["k_digits", "d_label"], ["k_delete", "d_delete"], ["k_esc", "d_esc"], ["k_undo", "d_undo"], ["k_redo", "d_redo"],
        ["k_zoom", "d_zoom"], ["k_fit", "d_fit"], ["k_pan", "d_pan"]],
      destroy: function () { stage.destroy(); }
    };
  };

  // ======================================================================= landmarks
  var IBUG_GROUPS = [[0, 16, false], [17, 21, false], [22, 26, false], [27, 30, false], [31, 35, false],
    [36, 41, true], [42, 47, true], [48, 59, true], [60, 67, true]];
  X.IBUG_GROUPS = IBUG_GROUPS;

  function stripIndex(name) { return String(name).replace(/^\d+\s*[:.]\s*/, ""); }
  X.stripIndex = stripIndex;

  editors.landmarks = function (ws) {
    var task = ws.task, t = ws.t;
    var asset = task.asset || {};
    var W = asset.width || 640, H = asset.height || 480;
    var names = X.pointNames(task, ws.locale, 5);
    var N = names.length;
    var points = [], selected = -1, action = null;

    var ui = imageLayout(ws, "ws-landmarks");
    ws.addHistoryButtons(ui.toolbar);
    var backButton = h("button", { type: "button", class: "btn btn-ghost btn-sm", on: { click: function () { removeLast(); } } }, ["⌫ " + t("remove_last_point")]);
    if (!ws.readOnly) ui.toolbar.appendChild(backButton);
    var next = h("p", { class: "ws-next", "aria-live": "polite", "data-testid": "next-point" });
    ui.toolbar.appendChild(next);
    var listHead = h("h3", { class: "ws-side-head" });
    var list = h("ol", { class: "ws-list ws-points", start: "0", "data-testid": "point-list" });
    ui.side.appendChild(listHead); ui.side.appendChild(list);

    function hitPoint(p, tol) {
      var best = -1, bestD = tol;
      points.forEach(function (pt, i) { var d = dist(pt[0], pt[1], p.x, p.y); if (d <= bestD) { best = i; bestD = d; } });
      return best;
    }

    // A click places the next point (even next to another one); a drag moves an existing point.
    var tool = {
      down: function (p, e) {
        var hit = hitPoint(p, stage.tolerance(8, e));
        action = { hit: hit, start: p, moved: false, orig: hit >= 0 ? points[hit].slice() : null };
      },
      move: function (p) {
        if (!action || action.hit < 0) return;
        if (!action.moved && dist(p.sx, p.sy, action.start.sx, action.start.sy) < 3) return;
        if (!action.moved) { action.moved = true; selected = action.hit; renderList(); }
        var c = stage.clampPoint(p);
        points[action.hit] = [c.x, c.y];
        stage.redraw();
      },
      up: function (p) {
        var done = action; action = null;
        if (!done) return;
        if (done.moved) {
          points[done.hit] = [round(points[done.hit][0]), round(points[done.hit][1])];
          if (points[done.hit][0] !== done.orig[0] || points[done.hit][1] !== done.orig[1]) ws.commit();
          renderList();
          return;
        }
        if (points.length < N && stage.inside(p)) {
          points.push([round(p.x), round(p.y)]);
          selected = points.length - 1;
          ws.commit(); renderList(); stage.redraw();
        } else if (done.hit >= 0) {
          selected = done.hit; renderList(); stage.redraw();
        } else if (points.length >= N) {
          ws.announce(t("all_points", { n: N }));
        }
      },
      cancel: function () { if (action && action.moved) points[action.hit] = action.orig; action = null; stage.redraw(); },
      cursor: function (p) { return p && points.length >= N && hitPoint(p, 8 / stage.scale) >= 0 ? "move" : "crosshair"; }
    };

    function draw(ctx, st) {
      if (N === 68) {
        IBUG_GROUPS.forEach(function (g) {
          for (var i = g[0]; i < g[1] + (g[2] ? 1 : 0); i++) {
            var a = i, b = i === g[1] ? g[0] : i + 1;
            if (points[a] && points[b]) D.line(ctx, st, points[a][0], points[a][1], points[b][0], points[b][1], "rgba(56,189,248,.8)", { width: 1, halo: false });
          }
        });
      }
      var small = N > 20;
      points.forEach(function (pt, i) {
        var isSel = i === selected;
        D.point(ctx, st, pt[0], pt[1], isSel ? "#f59e0b" : "#22c55e", { r: small ? (isSel ? 4.5 : 3) : (isSel ? 6 : 5), ring: isSel ? "#fff" : null });
        if (!small || isSel || i === points.length - 1) D.tag(ctx, String(i), st.sx(pt[0]) + 6, st.sy(pt[1]) - 4, "rgba(15,23,42,.8)", { size: 11 });
      });
      var hp = st.hoverPoint;
      if (hp && !ws.readOnly && points.length < N && st.inside(hp) && !action) {
        D.tag(ctx, points.length + " " + shortText(stripIndex(names[points.length]), 24), hp.sx + 12, hp.sy + 22, "rgba(59,79,216,.9)", { size: 11 });
      }
    }

    var stage = makeStage(ws, ui.stageHost, tool, draw);

    function removeLast() {
      if (!points.length) return false;
      points.pop();
      selected = -1;
      ws.commit(); renderList(); stage.redraw();
      return true;
    }

    function renderList() {
      listHead.textContent = t("points") + " (" + points.length + "/" + N + ")";
      next.textContent = points.length < N ? t("next_point", { name: points.length + " · " + stripIndex(names[points.length]) }) : t("all_points", { n: N });
      next.classList.toggle("is-done", points.length >= N);
      X.clear(list);
      names.forEach(function (name, i) {
        var placed = i < points.length;
        var row = h("li", { class: "ws-row ws-point-row" + (i === points.length ? " is-next" : "") + (i === selected ? " is-selected" : ""),
          dataset: { index: String(i) } }, [
          h("button", { type: "button", class: "ws-row-main", disabled: !placed, "aria-label": i + " " + stripIndex(name),
            on: { click: function () { selected = i; renderList(); stage.redraw(); } } }, [h("span", { class: "ws-idx", text: String(i) })]),
          h("span", { class: "ws-point-name", text: stripIndex(name) }),
          h("span", { class: "ws-row-meta", text: placed ? "(" + Math.round(points[i][0]) + ", " + Math.round(points[i][1]) + ")" : t("not_placed") })
        ]);
        list.appendChild(row);
      });
      var target = list.children[Math.min(points.length, N - 1)];
      if (target && list.scrollHeight > list.clientHeight) list.scrollTop = Math.max(0, target.offsetTop - list.clientHeight / 2);
      backButton.disabled = !points.length;
    }

    function handleKey(e) {
      if (ws.readOnly) return false;
      if (e.key === "Backspace" || e.key === "Delete") return removeLast();
      if (e.key === "Escape") { selected = -1; renderList(); stage.redraw(); return true; }
      var d = nudgeDelta(e);
      if (d && selected >= 0 && points[selected]) {
        points[selected] = [round(X.clamp(points[selected][0] + d[0], 0, W)), round(X.clamp(points[selected][1] + d[1], 0, H))];
        ws.commit("nudge"); renderList(); stage.redraw(); return true;
      }
      return false;
    }

    renderList();
    return {
      stage: stage,
      getBody: function () { return { points: points.map(function (p) { return [round(p[0]), round(p[1])]; }) }; },
      setBody: function (body) {
        points = body && Array.isArray(body.points) ? body.points.filter(function (p) { return Array.isArray(p) && p.length === 2; }).slice(0, N).map(function (p) { return [p[0], p[1]]; }) : [];
        if (selected >= points.length) selected = -1;
        renderList(); stage.redraw();
      },
      handleKey: handleKey,
      shortcuts: [["k_lm_click", "d_lm_click"], ["k_lm_back", "d_lm_back"], ["k_arrows", "d_nudge"], ["k_esc", "d_esc"],
        ["k_undo", "d_undo"], ["k_redo", "d_redo"], ["k_zoom", "d_zoom"], ["k_fit", "d_fit"], ["k_pan", "d_pan"]],
      destroy: function () { stage.destroy(); }
    };
  };

  // ======================================================================= keypoints
  function sideColor(k, count) {
    if (count !== 17 || k === 0) return "#f8fafc";
    return k % 2 === 1 ? "#38bdf8" : "#fb923c";  // person's left: blue, right: orange
  }
  X.sideColor = sideColor;

  editors.keypoints = function (ws) {
    var task = ws.task, t = ws.t, params = task.params || {};
    var asset = task.asset || {};
    var W = asset.width || 640, H = asset.height || 480;
    var names = X.pointNames(task, ws.locale, 17);
    var K = names.length;
    var people = [], cursor = [], skipped = [], active = -1, selected = null, action = null;

    var ui = imageLayout(ws, "ws-keypoints");
    ws.addHistoryButtons(ui.toolbar);
    var addButton = h("button", { type: "button", class: "btn btn-ghost btn-sm", "data-testid": "add-person", on: { click: function () { addPerson(); stage.canvas.focus(); } } }, ["＋ " + t("add_person")]);
    var skipButton = h("button", { type: "button", class: "btn btn-ghost btn-sm", "data-testid": "skip-point", on: { click: function () { skip(); } } }, ["» " + t("skip_point")]);
    if (!ws.readOnly) { ui.toolbar.appendChild(addButton); ui.toolbar.appendChild(skipButton); }
    var next = h("p", { class: "ws-next", "aria-live": "polite", "data-testid": "next-point" });
    ui.toolbar.appendChild(next);
    if (params.people_count) ui.side.appendChild(h("p", { class: "ws-hint", text: t("people_hint", { n: params.people_count }) }));
    var tabs = h("div", { class: "ws-people", role: "group", "aria-label": t("people") });
    var listHead = h("h3", { class: "ws-side-head" });
    var list = h("ol", { class: "ws-list ws-points", start: "0", "data-testid": "point-list" });
    ui.side.appendChild(tabs); ui.side.appendChild(listHead); ui.side.appendChild(list);

    function v(pi, k) { return people[pi].kp[k * 3 + 2]; }
    function nextCursor(pi, from) {
      for (var pass = 0; pass < 2; pass++) {
        var start = pass === 0 ? from : 0, end = pass === 0 ? K : Math.min(from, K);
        for (var k = start; k < end; k++) if (v(pi, k) === 0 && !skipped[pi][k]) return k;
      }
      return -1;
    }
    function emptyPerson() { var kp = []; for (var i = 0; i < K * 3; i++) kp.push(0); return { kp: kp }; }
    function addPerson() {
      if (ws.readOnly || people.length >= 50) return;
      people.push(emptyPerson()); cursor.push(0); skipped.push({});
      active = people.length - 1; selected = null;
      ws.commit(); renderPanels(); stage.redraw();
    }
    function removePerson(pi) {
      people.splice(pi, 1); cursor.splice(pi, 1); skipped.splice(pi, 1);
      active = Math.min(active, people.length - 1); selected = null;
      ws.commit(); renderPanels(); stage.redraw();
    }
    function hitPoint(p, tol) {
      var best = null, bestD = tol;
      var order = people.map(function (_, i) { return i; });
      if (active >= 0) { order.splice(active, 1); order.unshift(active); }
      order.forEach(function (pi) {
        for (var k = 0; k < K; k++) {
          if (v(pi, k) <= 0) continue;
          var d = dist(people[pi].kp[k * 3], people[pi].kp[k * 3 + 1], p.x, p.y);
          if (d < bestD - 0.01) { bestD = d; best = { p: pi, k: k }; }
        }
      });
      return best;
    }
    function skip() {
      if (active < 0 || cursor[active] < 0) return false;
      skipped[active][cursor[active]] = true;
      cursor[active] = nextCursor(active, cursor[active] + 1);
      renderPanels(); stage.redraw();
      return true;
    }
    function setVisibility(pi, k, value) {
      var kp = people[pi].kp;
      if (value === 0) {
        kp[k * 3] = 0; kp[k * 3 + 1] = 0; kp[k * 3 + 2] = 0;
        if (selected && selected.p === pi && selected.k === k) selected = null;
        cursor[pi] = k; delete skipped[pi][k];
      } else {
        kp[k * 3 + 2] = value;
      }
      ws.commit(); renderPanels(); stage.redraw();
    }

    // A click places the next point (even next to another one); a drag moves an existing point;
    // a click on a point selects it once every point of the active person is done.
    var tool = {
      down: function (p, e) {
        var hit = hitPoint(p, stage.tolerance(8, e));
        action = { hit: hit, start: p, moved: false, shift: e.shiftKey,
          orig: hit ? people[hit.p].kp.slice(hit.k * 3, hit.k * 3 + 2) : null };
      },
      move: function (p) {
        if (!action || !action.hit) return;
        if (!action.moved && dist(p.sx, p.sy, action.start.sx, action.start.sy) < 3) return;
        if (!action.moved) { action.moved = true; selected = action.hit; active = action.hit.p; renderPanels(); }
        var c = stage.clampPoint(p), kp = people[selected.p].kp;
        kp[selected.k * 3] = c.x; kp[selected.k * 3 + 1] = c.y;
        stage.redraw();
      },
      up: function (p) {
        var done = action; action = null;
        if (!done) return;
        if (done.moved) {
          var kp0 = people[done.hit.p].kp, k0 = done.hit.k;
          kp0[k0 * 3] = round(kp0[k0 * 3]); kp0[k0 * 3 + 1] = round(kp0[k0 * 3 + 1]);
          if (kp0[k0 * 3] !== done.orig[0] || kp0[k0 * 3 + 1] !== done.orig[1]) ws.commit();
          renderPanels();
          return;
        }
        var canPlace = stage.inside(p) && (!people.length || (active >= 0 && cursor[active] >= 0));
        if (!canPlace) {
          if (done.hit) { selected = done.hit; active = done.hit.p; renderPanels(); stage.redraw(); }
          else if (people.length) ws.announce(t("kp_done"));
          return;
        }
        if (!people.length) { people.push(emptyPerson()); cursor.push(0); skipped.push({}); active = 0; }
        var k = cursor[active], kp = people[active].kp;
        kp[k * 3] = round(p.x); kp[k * 3 + 1] = round(p.y); kp[k * 3 + 2] = done.shift ? 1 : 2;
        delete skipped[active][k];
        cursor[active] = nextCursor(active, k + 1);
        selected = { p: active, k: k };
        ws.commit(); renderPanels(); stage.redraw();
      },
      cancel: function () {
        if (action && action.moved) { var kp = people[action.hit.p].kp; kp[action.hit.k * 3] = action.orig[0]; kp[action.hit.k * 3 + 1] = action.orig[1]; }
        action = null; stage.redraw();
      },
      cursor: function (p) { return p && hitPoint(p, 8 / stage.scale) && (active < 0 || cursor[active] < 0) ? "move" : "crosshair"; }
    };

    function draw(ctx, st) {
      people.forEach(function (person, pi) {
        var color = X.PERSON_COLORS[pi % X.PERSON_COLORS.length], isActive = pi === active;
        D.skeleton(ctx, st, person.kp, color, { width: isActive ? 3 : 2 });
        var top = null;
        for (var k = 0; k < K; k++) {
          var vis = person.kp[k * 3 + 2];
          if (vis <= 0) continue;
          var x = person.kp[k * 3], y = person.kp[k * 3 + 1];
          if (!top || y < top[1]) top = [x, y];
          var isSel = selected && selected.p === pi && selected.k === k;
          D.point(ctx, st, x, y, vis === 1 ? color : sideColor(k, K), { r: isSel ? 7 : (isActive ? 5 : 4), hollow: vis === 1, ring: isSel ? "#facc15" : color });
        }
        if (top) D.tag(ctx, "#" + (pi + 1), st.sx(top[0]) - 10, st.sy(top[1]) - 10, color);
      });
      if (selected && people[selected.p]) {
        var kp = people[selected.p].kp, sk = selected.k;
        D.tag(ctx, sk + " " + names[sk] + " · v=" + kp[sk * 3 + 2], st.sx(kp[sk * 3]) + 10, st.sy(kp[sk * 3 + 1]) - 8, "rgba(15,23,42,.85)", { size: 11 });
      }
      var hp = st.hoverPoint;
      if (hp && !ws.readOnly && !action && st.inside(hp)) {
        var pi = active < 0 ? 0 : active, k2 = people.length ? cursor[pi] : 0;
        if (k2 >= 0) D.tag(ctx, k2 + " " + names[k2], hp.sx + 12, hp.sy + 22, "rgba(59,79,216,.9)", { size: 11 });
      }
    }

    var stage = makeStage(ws, ui.stageHost, tool, draw);

    function renderPanels() {
      X.clear(tabs);
      people.forEach(function (person, pi) {
        var placed = 0;
        for (var k = 0; k < K; k++) if (person.kp[k * 3 + 2] > 0) placed++;
        var color = X.PERSON_COLORS[pi % X.PERSON_COLORS.length];
        var tab = h("button", { type: "button", class: "ws-person-tab", "data-testid": "person-tab",
          on: { click: function () { active = pi; selected = null; renderPanels(); stage.redraw(); } } },
          [h("span", { class: "ws-swatch", style: { background: color } }), t("person", { n: pi + 1 }) + " (" + placed + "/" + K + ")"]);
        X.pressed(tab, pi === active);
        tabs.appendChild(tab);
      });
      if (!people.length) tabs.appendChild(h("p", { class: "ws-empty", text: t("no_people") }));
      if (active >= 0 && !ws.readOnly) {
        var pi0 = active;
        tabs.appendChild(X.iconButton("✕", t("delete_person", { n: active + 1 }), function () { removePerson(pi0); }, "ws-row-del"));
      }
      X.clear(list);
      var pi = active;
      listHead.textContent = pi >= 0 ? t("person", { n: pi + 1 }) + " · " + t("points") : t("person", { n: 1 }) + " · " + t("points");
      if (pi < 0) {
        names.forEach(function (name, k) {
          list.appendChild(h("li", { class: "ws-row ws-point-row" + (k === 0 ? " is-next" : "") }, [
            h("span", { class: "ws-idx", text: String(k) }), h("span", { class: "ws-point-name", text: name }),
            h("span", { class: "ws-row-meta", text: t("not_placed") })]));
        });
      } else {
        var kp = people[pi].kp;
        names.forEach(function (name, k) {
          var vis = kp[k * 3 + 2];
          var isNext = cursor[pi] === k, isSel = selected && selected.p === pi && selected.k === k;
          var vSelect = h("select", { class: "input ws-v-select", "aria-label": t("visibility") + " " + k + " " + name, disabled: ws.readOnly || vis === 0,
            on: { change: function () { setVisibility(pi, k, parseInt(vSelect.value, 10)); } } },
            [2, 1, 0].map(function (value) { return h("option", { value: String(value), text: t("v" + value), selected: vis === value }); }));
          var row = h("li", { class: "ws-row ws-point-row" + (isNext ? " is-next" : "") + (isSel ? " is-selected" : ""), dataset: { index: String(k) } }, [
            h("button", { type: "button", class: "ws-row-main", "aria-label": k + " " + name,
              on: { click: function () {
                if (vis > 0) selected = { p: pi, k: k };
                else { cursor[pi] = k; delete skipped[pi][k]; selected = null; }
                renderPanels(); stage.redraw(); stage.canvas.focus();
              } } }, [h("span", { class: "ws-idx", style: { background: vis > 0 ? sideColor(k, K) : "" }, text: String(k) })]),
            h("span", { class: "ws-point-name", text: name + (skipped[pi][k] && vis === 0 ? " »" : "") }),
            vSelect
          ]);
          list.appendChild(row);
        });
      }
      var k0 = pi >= 0 ? cursor[pi] : 0;
      if (pi < 0) next.textContent = t("kp_next", { name: "0 · " + names[0] });
      else if (k0 >= 0) next.textContent = t("kp_next", { name: k0 + " · " + names[k0] });
      else next.textContent = t("kp_done");
      next.classList.toggle("is-done", pi >= 0 && k0 < 0);
      skipButton.disabled = pi < 0 || k0 < 0;
      if (selected && people[selected.p]) {
        var sv = people[selected.p].kp[selected.k * 3 + 2];
        ui.status.textContent = t("selected_point", { name: "#" + (selected.p + 1) + " " + selected.k + " " + names[selected.k], v: t("v" + sv) });
      } else ui.status.textContent = "";
    }

    function handleKey(e) {
      if (ws.readOnly) return false;
      if (e.ctrlKey || e.metaKey || e.altKey) return false;
      var key = e.key.toLowerCase();
      if (key === "a") { addPerson(); return true; }
      if (key === "s") return skip();
      if (key === "v" && selected) {
        var cur = people[selected.p].kp[selected.k * 3 + 2];
        setVisibility(selected.p, selected.k, cur === 2 ? 1 : (cur === 1 ? 0 : 2));
        return true;
      }
      if ((e.key === "Delete" || e.key === "Backspace") && selected) { setVisibility(selected.p, selected.k, 0); return true; }
      if (e.key === "Escape") { selected = null; renderPanels(); stage.redraw(); return true; }
      var d = nudgeDelta(e);
      if (d && selected) {
        var kp = people[selected.p].kp, k = selected.k;
        kp[k * 3] = round(X.clamp(kp[k * 3] + d[0], 0, W)); kp[k * 3 + 1] = round(X.clamp(kp[k * 3 + 1] + d[1], 0, H));
        ws.commit("nudge"); stage.redraw(); return true;
      }
      return false;
    }

    renderPanels();
    return {
      stage: stage,
      getBody: function () {
        return { people: people.map(function (p) { return { keypoints: p.kp.map(function (value, i) { return i % 3 === 2 ? value : round(value); }) }; }) };
      },
      setBody: function (body) {
        var src = body && Array.isArray(body.people) ? body.people : [];
        people = src.map(function (p) {
          var person = emptyPerson(), kps = (p && p.keypoints) || [];
          for (var i = 0; i < K * 3 && i < kps.length; i++) person.kp[i] = Number(kps[i]) || 0;
          for (var k = 0; k < K; k++) if (person.kp[k * 3 + 2] === 0) { person.kp[k * 3] = 0; person.kp[k * 3 + 1] = 0; }
          return person;
        });
        var oldSkipped = skipped;
        skipped = people.map(function (_, i) { return oldSkipped[i] || {}; });
        cursor = people.map(function (_, i) { return nextCursor(i, 0); });
        if (active >= people.length || (active < 0 && people.length)) active = people.length ? 0 : -1;
        if (selected && (!people[selected.p] || people[selected.p].kp[selected.k * 3 + 2] === 0)) selected = null;
        renderPanels(); stage.redraw();
      },
      handleKey: handleKey,
      shortcuts: [["k_kp_click", "d_kp_click"], ["k_v", "d_v"], ["k_s", "d_s"], ["k_a", "d_a"], ["k_kp_del", "d_kp_del"],
        ["k_arrows", "d_nudge"], ["k_esc", "d_esc"], ["k_undo", "d_undo"], ["k_redo", "d_redo"], ["k_zoom", "d_zoom"],
        ["k_fit", "d_fit"], ["k_pan", "d_pan"]],
      destroy: function () { stage.destroy(); }
    };
  };

  // ======================================================================= review viewer
  // Draws the labels under review (boxes, polygons, ocr lines, keypoint people, landmark points)
  // with their numbers;
  // a click toggles an object as faulty when opts.canToggle() allows it.
  X.reviewStage = function (ws, host, review, opts) {
    var task = ws.task;
    var kind = review.type;
    var objects = kind === "ocr" ? (review.lines || []) : kind === "keypoints" ? (review.people || [])
      : kind === "landmarks" ? (review.points || []) : (review.objects || []);
    var hoverIndex = -1;

    function personBox(kps) {
      var xs = [], ys = [];
      for (var i = 0; i + 2 < kps.length; i += 3) if (kps[i + 2] > 0) { xs.push(kps[i]); ys.push(kps[i + 1]); }
      if (!xs.length) return null;
      var x0 = Math.min.apply(null, xs), y0 = Math.min.apply(null, ys);
      return [x0, y0, Math.max.apply(null, xs) - x0, Math.max.apply(null, ys) - y0];
    }
    function hit(p, tol) {
      var best = -1, score = Infinity;
      objects.forEach(function (obj, i) {
        if (kind === "keypoints") {
          var kps = obj.keypoints || [];
          for (var k = 0; k + 2 < kps.length; k += 3) {
            if (kps[k + 2] <= 0) continue;
            var d = dist(kps[k], kps[k + 1], p.x, p.y);
            if (d <= tol && d < score) { score = d; best = i; }
          }
          var b = personBox(kps);
          if (best !== i && b && inBox(b, p, tol * 2)) { var a = 1e6 + b[2] * b[3]; if (a < score) { score = a; best = i; } }
        } else if (kind === "landmarks") {
          var dp = dist(obj[0], obj[1], p.x, p.y);
          if (dp <= tol && dp < score) { score = dp; best = i; }
        } else if (obj.polygon && obj.polygon.length >= 6) {
          if (pointInPolygon(obj.polygon, p)) {
            var pa = polygonArea(obj.polygon);
            if (pa < score) { score = pa; best = i; }
          }
        } else if (validBox(obj.bbox) && inBox(obj.bbox, p, tol / 2)) {
          var area = obj.bbox[2] * obj.bbox[3];
          if (area < score) { score = area; best = i; }
        }
      });
      return best;
    }

    var tool = ws.readOnly ? null : {
      down: function () {},
      up: function (p, e) {
        var i = hit(p, stage.tolerance(10, e));
        if (i >= 0) opts.toggle(i);
      },
      hover: function (p) { hoverIndex = hit(p, 10 / stage.scale); },
      cursor: function (p) { return p && hit(p, 10 / stage.scale) >= 0 && opts.canToggle() ? "pointer" : "default"; }
    };

    function draw(ctx, st) {
      var faulty = opts.faulty();
      objects.forEach(function (obj, i) {
        var isFaulty = faulty.indexOf(i) >= 0, isHover = i === hoverIndex && opts.canToggle();
        var color = isFaulty ? "#dc2626" : (kind === "keypoints" ? X.PERSON_COLORS[i % X.PERSON_COLORS.length] : (kind === "bbox" ? X.labelColor(task, obj.label) : "#0ea5e9"));
        var named = kind === "bbox" || kind === "polygon";
        var tag = "#" + (i + 1) + (named ? " " + X.labelName(task, obj.label) : "") + (isFaulty ? " ✗" : "");
        if (kind === "polygon") color = isFaulty ? "#dc2626" : X.labelColor(task, obj.label);
        if (kind === "keypoints") {
          var kps = obj.keypoints || [];
          D.skeleton(ctx, st, kps, color, { width: isFaulty || isHover ? 3 : 2 });
          var top = null;
          for (var k = 0; k + 2 < kps.length; k += 3) {
            if (kps[k + 2] <= 0) continue;
            if (!top || kps[k + 1] < top[1]) top = [kps[k], kps[k + 1]];
            D.point(ctx, st, kps[k], kps[k + 1], kps[k + 2] === 1 ? color : sideColor(k / 3, kps.length / 3), { r: 4, hollow: kps[k + 2] === 1, ring: color });
          }
          if (top) D.tag(ctx, tag, st.sx(top[0]) - 10, st.sy(top[1]) - 10, color);
        } else if (kind === "landmarks") {
          D.point(ctx, st, obj[0], obj[1], isFaulty ? "#dc2626" : "#0ea5e9", { r: isFaulty || isHover ? 5 : 3.5, ring: "#ffffff" });
          if (isFaulty || isHover) D.tag(ctx, tag, st.sx(obj[0]) + 6, st.sy(obj[1]) - 6, color);
        } else if (obj.polygon && obj.polygon.length >= 6) {
          D.poly(ctx, st, obj.polygon, color, { width: isFaulty || isHover ? 3 : 2,
            fill: isFaulty ? "rgba(220,38,38,.15)" : (isHover ? "rgba(255,255,255,.12)" : null) });
          D.tag(ctx, tag, st.sx(obj.polygon[0]), st.sy(obj.polygon[1]), color);
        } else if (validBox(obj.bbox)) {
          D.rect(ctx, st, obj.bbox, color, { width: isFaulty || isHover ? 3 : 2, fill: isFaulty ? "rgba(220,38,38,.15)" : (isHover ? "rgba(255,255,255,.12)" : null) });
          D.tag(ctx, tag, st.sx(obj.bbox[0]), st.sy(obj.bbox[1]), color);
        }
      });
      if (opts.extraDraw) opts.extraDraw(ctx, st);
    }

    var stage = makeStage(ws, host, tool, draw);
    stage.objects = objects;
    return stage;
  };
})();
