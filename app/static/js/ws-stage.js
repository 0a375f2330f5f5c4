// AIDE labeling workspace — the image stage: a <canvas> showing the asset image with zoom
// (wheel, buttons, pinch), pan (space+drag, middle-drag, pan tool, two fingers) and pointer
// events translated to image pixels for the active tool. Shapes are drawn in screen space so
// line widths stay constant at every zoom.
(function () {
  "use strict";
  var X = window.AideWorkspace._;
  var h = X.h;

  function Stage(parent, options) {
    var self = this;
    this.options = options;
    this.t = options.t;
    this.width = options.width || 640;
    this.height = options.height || 480;
    this.scale = 1; this.tx = 0; this.ty = 0;
    this.userZoomed = false;
    this.spaceHeld = false;
    this.panMode = false;
    this.pointers = {};
    this.drag = null;
    this.hoverPoint = null;
    this.tool = options.tool || null;
    this.onDraw = options.onDraw || function () {};
    this.imageState = "loading";
    this.destroyed = false;

    var t = this.t;
    this.zoomLabel = h("span", { class: "ws-zoom", "aria-live": "off", text: "100%" });
    this.panButton = X.iconButton("✥", t("pan"), function () { self.setPanMode(!self.panMode); }, "ws-pan-btn");
    X.pressed(this.panButton, false);
    this.bar = h("div", { class: "ws-stage-bar", role: "toolbar", "aria-label": t("zoom_in") + " / " + t("zoom_out") }, [
      X.iconButton("−", t("zoom_out"), function () { self.zoomBy(1 / 1.25); }),
      this.zoomLabel,
      X.iconButton("+", t("zoom_in"), function () { self.zoomBy(1.25); }),
      X.iconButton("⤢", t("fit"), function () { self.fit(true); }),
      this.panButton
    ]);
    this.canvas = h("canvas", { class: "ws-canvas", tabindex: "0", role: "img",
      "aria-label": options.label || t("canvas_label"), "data-testid": "ws-canvas" });
    this.wrap = h("div", { class: "ws-canvas-wrap" }, [this.canvas]);
    this.root = h("div", { class: "ws-stage" }, [this.bar, this.wrap]);
    parent.appendChild(this.root);
    this.ctx = this.canvas.getContext("2d");

    this.image = new Image();
    this.image.decoding = "async";
    this.image.onload = function () { self.imageState = "ready"; self.redraw(); };
    this.image.onerror = function () { self.imageState = "error"; self.redraw(); };
    if (options.url) this.image.src = options.url; else this.imageState = "error";

    this._handlers = [];
    this.listen(this.canvas, "pointerdown", function (e) { self.pointerDown(e); });
    this.listen(this.canvas, "pointermove", function (e) { self.pointerMove(e); });
    this.listen(this.canvas, "pointerup", function (e) { self.pointerUp(e); });
    this.listen(this.canvas, "pointercancel", function (e) { self.pointerUp(e, true); });
    this.listen(this.canvas, "pointerleave", function () { self.hoverPoint = null; self.redraw(); });
    this.listen(this.canvas, "dblclick", function (e) {
      if (self.tool && self.tool.dblclick) { self.tool.dblclick(self.eventPoint(e), e); }
    });
    this.listen(this.canvas, "wheel", function (e) { self.wheel(e); }, { passive: false });
    this.listen(this.canvas, "contextmenu", function (e) { if (self.drag) e.preventDefault(); });
    this.listen(this.canvas, "auxclick", function (e) { if (e.button === 1) e.preventDefault(); });
    this.listen(window, "keyup", function (e) {
      if (e.code === "Space" && self.spaceHeld) { self.spaceHeld = false; self.updateCursor(); }
    });
    this.listen(window, "blur", function () { self.spaceHeld = false; self.updateCursor(); });

    if (window.ResizeObserver) {
      this.resizeObserver = new ResizeObserver(function () { self.resize(); });
      this.resizeObserver.observe(this.wrap);
    } else {
      this.listen(window, "resize", function () { self.resize(); });
    }
    this.resize();
  }

  Stage.prototype.listen = function (target, type, fn, opts) {
    target.addEventListener(type, fn, opts);
    this._handlers.push([target, type, fn, opts]);
  };

  Stage.prototype.destroy = function () {
    this.destroyed = true;
    this._handlers.forEach(function (r) { r[0].removeEventListener(r[1], r[2], r[3]); });
    if (this.resizeObserver) this.resizeObserver.disconnect();
    if (this.root.parentNode) this.root.parentNode.removeChild(this.root);
  };

  Stage.prototype.resize = function () {
    if (this.destroyed) return;
    var cssW = Math.max(120, this.wrap.clientWidth || 600);
    var maxH = Math.max(260, Math.min(window.innerHeight * 0.72, 760));
    var cssH = Math.round(Math.min(maxH, Math.max(220, cssW * this.height / this.width)));
    var dpr = window.devicePixelRatio || 1;
    if (this.cssW === cssW && this.cssH === cssH && this.dpr === dpr) return;
    this.cssW = cssW; this.cssH = cssH; this.dpr = dpr;
    this.canvas.style.height = cssH + "px";
    this.canvas.width = Math.round(cssW * dpr);
    this.canvas.height = Math.round(cssH * dpr);
    if (!this.userZoomed) this.fit(false); else this.redraw();
  };

  Stage.prototype.fitScale = function () {
    return Math.min(this.cssW / this.width, this.cssH / this.height);
  };

  Stage.prototype.fit = function (byUser) {
    this.scale = this.fitScale();
    this.tx = (this.cssW - this.width * this.scale) / 2;
    this.ty = (this.cssH - this.height * this.scale) / 2;
    if (byUser) this.userZoomed = false;
    this.updateZoomLabel();
    this.redraw();
  };

  Stage.prototype.zoomAt = function (factor, sx, sy) {
    var fitScale = this.fitScale();
    var next = X.clamp(this.scale * factor, fitScale * 0.5, Math.max(fitScale * 20, 8));
    var ix = (sx - this.tx) / this.scale, iy = (sy - this.ty) / this.scale;
    this.scale = next;
    this.tx = sx - ix * next;
    this.ty = sy - iy * next;
    this.userZoomed = true;
    this.updateZoomLabel();
    this.redraw();
  };

  Stage.prototype.zoomBy = function (factor) { this.zoomAt(factor, this.cssW / 2, this.cssH / 2); };

  Stage.prototype.updateZoomLabel = function () {
    this.zoomLabel.textContent = Math.round(this.scale * 100) + "%";
  };

  Stage.prototype.setPanMode = function (on) {
    this.panMode = on;
    X.pressed(this.panButton, on);
    this.updateCursor();
  };

  Stage.prototype.wheel = function (e) {
    if (this.options.ctrlWheel && !e.ctrlKey && !e.metaKey) return;  // let the page scroll
    e.preventDefault();
    var rect = this.canvas.getBoundingClientRect();
    var delta = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
    this.zoomAt(Math.exp(-delta * 0.0015), e.clientX - rect.left, e.clientY - rect.top);
  };

  // Image coordinates <-> CSS pixels inside the canvas.
  Stage.prototype.sx = function (x) { return this.tx + x * this.scale; };
  Stage.prototype.sy = function (y) { return this.ty + y * this.scale; };
  Stage.prototype.eventPoint = function (e) {
    var rect = this.canvas.getBoundingClientRect();
    var sx = e.clientX - rect.left, sy = e.clientY - rect.top;
    return { x: (sx - this.tx) / this.scale, y: (sy - this.ty) / this.scale, sx: sx, sy: sy };
  };
  Stage.prototype.clampPoint = function (p) {
    return { x: X.clamp(p.x, 0, this.width), y: X.clamp(p.y, 0, this.height), sx: p.sx, sy: p.sy };
  };
  Stage.prototype.inside = function (p) {
    return p.x >= 0 && p.y >= 0 && p.x <= this.width && p.y <= this.height;
  };
  // A screen distance in image pixels (for hit tests: bigger on touch screens).
  Stage.prototype.tolerance = function (cssPixels, e) {
    var touch = e && e.pointerType === "touch";
    return (touch ? cssPixels * 2 : cssPixels) / this.scale;
  };

  Stage.prototype.pointerDown = function (e) {
    this.canvas.focus({ preventScroll: true });
    if (this.options.onActivate) this.options.onActivate();
    this.pointers[e.pointerId] = { x: e.clientX, y: e.clientY };
    var ids = Object.keys(this.pointers);
    if (e.pointerType === "touch" && ids.length === 2) {
      if (this.drag && this.drag.kind === "tool" && this.tool && this.tool.cancel) this.tool.cancel();
      var a = this.pointers[ids[0]], b = this.pointers[ids[1]];
      this.drag = { kind: "pinch", dist: Math.hypot(a.x - b.x, a.y - b.y) || 1,
        cx: (a.x + b.x) / 2, cy: (a.y + b.y) / 2 };
      return;
    }
    if (ids.length > 1) return;
    try { this.canvas.setPointerCapture(e.pointerId); } catch (err) { /* ignore */ }
    if (e.button === 1 || this.spaceHeld || this.panMode || (e.button === 0 && !this.tool)) {
      e.preventDefault();
      this.drag = { kind: "pan", x: e.clientX, y: e.clientY, tx: this.tx, ty: this.ty };
      this.updateCursor();
      return;
    }
    if (e.button !== 0) return;
    e.preventDefault();
    var p = this.eventPoint(e);
    this.drag = { kind: "tool" };
    if (this.tool && this.tool.down) this.tool.down(p, e);
  };

  Stage.prototype.pointerMove = function (e) {
    if (this.pointers[e.pointerId]) this.pointers[e.pointerId] = { x: e.clientX, y: e.clientY };
    var drag = this.drag;
    if (drag && drag.kind === "pinch") {
      var ids = Object.keys(this.pointers);
      if (ids.length < 2) return;
      var a = this.pointers[ids[0]], b = this.pointers[ids[1]];
      var dist = Math.hypot(a.x - b.x, a.y - b.y) || 1;
      var cx = (a.x + b.x) / 2, cy = (a.y + b.y) / 2;
      var rect = this.canvas.getBoundingClientRect();
      this.tx += cx - drag.cx; this.ty += cy - drag.cy;
      this.zoomAt(dist / drag.dist, cx - rect.left, cy - rect.top);
      drag.dist = dist; drag.cx = cx; drag.cy = cy;
      return;
    }
    if (drag && drag.kind === "pan") {
      this.tx = drag.tx + (e.clientX - drag.x);
      this.ty = drag.ty + (e.clientY - drag.y);
      this.userZoomed = true;
      this.redraw();
      return;
    }
    var p = this.eventPoint(e);
    this.hoverPoint = p;
    if (drag && drag.kind === "tool") {
      if (this.tool && this.tool.move) this.tool.move(p, e);
    } else if (this.tool && this.tool.hover) {
      this.tool.hover(p, e);
    }
    this.updateCursor(p);
    this.redraw();
  };

  Stage.prototype.pointerUp = function (e, cancelled) {
    delete this.pointers[e.pointerId];
    var drag = this.drag;
    try { this.canvas.releasePointerCapture(e.pointerId); } catch (err) { /* ignore */ }
    if (!drag) return;
    if (drag.kind === "pinch") {
      if (Object.keys(this.pointers).length === 0) this.drag = null;
      return;
    }
    this.drag = null;
    if (drag.kind === "tool" && this.tool) {
      if (cancelled) { if (this.tool.cancel) this.tool.cancel(); }
      else if (this.tool.up) this.tool.up(this.eventPoint(e), e);
    }
    this.updateCursor();
    this.redraw();
  };

  // Keys the stage handles itself: zoom, fit, pan (space / H).
  Stage.prototype.handleKey = function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return false;
    if (e.key === "+" || e.key === "=") { this.zoomBy(1.25); return true; }
    if (e.key === "-" || e.key === "_") { this.zoomBy(1 / 1.25); return true; }
    if (e.key === "0") { this.fit(true); return true; }
    if (e.key === "h" || e.key === "H") { this.setPanMode(!this.panMode); return true; }
    if (e.code === "Space") {
      if (!this.spaceHeld) { this.spaceHeld = true; this.updateCursor(); }
      return true;
    }
    return false;
  };

  Stage.prototype.updateCursor = function (p) {
    var cursor = "crosshair";
    if (this.drag && this.drag.kind === "pan") cursor = "grabbing";
    else if (this.spaceHeld || this.panMode || !this.tool) cursor = this.tool ? "grab" : (this.userZoomed ? "grab" : "default");
    else if (this.tool && this.tool.cursor) cursor = this.tool.cursor(p || this.hoverPoint) || cursor;
    this.canvas.style.cursor = cursor;
  };

  Stage.prototype.redraw = function () {
    var self = this;
    if (this.frame || this.destroyed) return;
    this.frame = window.requestAnimationFrame(function () { self.frame = null; self.paint(); });
  };

  Stage.prototype.paint = function () {
    var ctx = this.ctx, dpr = this.dpr || 1;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = "#2a2f3b";
    ctx.fillRect(0, 0, this.cssW, this.cssH);
    var w = this.width * this.scale, hgt = this.height * this.scale;
    if (this.imageState === "ready") {
      ctx.imageSmoothingEnabled = this.scale < 3;
      ctx.drawImage(this.image, this.tx, this.ty, w, hgt);
    } else {
      ctx.fillStyle = "#3a4050";
      ctx.fillRect(this.tx, this.ty, w, hgt);
      ctx.fillStyle = "#e2e8f0";
      ctx.font = "14px sans-serif";
      ctx.textAlign = "center";
      ctx.fillText(this.t(this.imageState === "error" ? "image_error" : "loading_image"), this.tx + w / 2, this.ty + hgt / 2);
      ctx.textAlign = "start";
    }
    ctx.strokeStyle = "rgba(255,255,255,.35)";
    ctx.lineWidth = 1;
    ctx.strokeRect(this.tx - 0.5, this.ty - 0.5, w + 1, hgt + 1);
    this.onDraw(ctx, this);
  };

  // ---------------------------------------------------------------- drawing helpers
  var D = X.draw = {};

  D.rect = function (ctx, st, box, color, opts) {
    opts = opts || {};
    var x = st.sx(box[0]), y = st.sy(box[1]), w = box[2] * st.scale, hh = box[3] * st.scale;
    if (opts.fill) { ctx.fillStyle = opts.fill; ctx.fillRect(x, y, w, hh); }
    ctx.save();
    ctx.lineWidth = opts.width || 2;
    ctx.strokeStyle = color;
    if (opts.dash) ctx.setLineDash(opts.dash);
    if (opts.halo !== false) {
      ctx.strokeStyle = "rgba(0,0,0,.45)";
      ctx.lineWidth = (opts.width || 2) + 2;
      ctx.strokeRect(x, y, w, hh);
      ctx.strokeStyle = color;
      ctx.lineWidth = opts.width || 2;
    }
    ctx.strokeRect(x, y, w, hh);
    ctx.restore();
  };

  D.poly = function (ctx, st, coords, color, opts) {
    opts = opts || {};
    if (coords.length < 4) return;
    ctx.save();
    ctx.beginPath();
    for (var i = 0; i < coords.length; i += 2) {
      var x = st.sx(coords[i]), y = st.sy(coords[i + 1]);
      if (i === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
    }
    if (opts.closed !== false) ctx.closePath();
    if (opts.fill) { ctx.fillStyle = opts.fill; ctx.fill(); }
    if (opts.dash) ctx.setLineDash(opts.dash);
    ctx.strokeStyle = "rgba(0,0,0,.45)";
    ctx.lineWidth = (opts.width || 2) + 2;
    ctx.stroke();
    ctx.strokeStyle = color;
    ctx.lineWidth = opts.width || 2;
    ctx.stroke();
    ctx.restore();
  };

  D.line = function (ctx, st, x1, y1, x2, y2, color, opts) {
    opts = opts || {};
    ctx.save();
    if (opts.dash) ctx.setLineDash(opts.dash);
    ctx.beginPath();
    ctx.moveTo(st.sx(x1), st.sy(y1));
    ctx.lineTo(st.sx(x2), st.sy(y2));
    if (opts.halo !== false) {
      ctx.strokeStyle = "rgba(0,0,0,.4)";
      ctx.lineWidth = (opts.width || 2) + 2;
      ctx.stroke();
    }
    ctx.strokeStyle = color;
    ctx.lineWidth = opts.width || 2;
    ctx.stroke();
    ctx.restore();
  };

  D.point = function (ctx, st, x, y, color, opts) {
    opts = opts || {};
    var r = opts.r || 5;
    ctx.save();
    ctx.beginPath();
    ctx.arc(st.sx(x), st.sy(y), r, 0, Math.PI * 2);
    if (opts.hollow) {
      ctx.fillStyle = "rgba(255,255,255,.85)";
      ctx.fill();
      ctx.lineWidth = 2.5;
      ctx.strokeStyle = color;
      ctx.stroke();
    } else {
      ctx.fillStyle = color;
      ctx.fill();
      ctx.lineWidth = opts.ring ? 3 : 1.5;
      ctx.strokeStyle = opts.ring || "#fff";
      ctx.stroke();
    }
    if (opts.dash) {
      ctx.setLineDash(opts.dash);
      ctx.beginPath();
      ctx.arc(st.sx(x), st.sy(y), r + 4, 0, Math.PI * 2);
      ctx.strokeStyle = color;
      ctx.lineWidth = 2;
      ctx.stroke();
    }
    ctx.restore();
  };

  // A text tag with a coloured background at screen position (sx, sy) (its bottom-left).
  D.tag = function (ctx, text, sx, sy, color, opts) {
    opts = opts || {};
    ctx.save();
    ctx.font = (opts.bold === false ? "" : "600 ") + (opts.size || 12) + "px " + "system-ui, sans-serif";
    var w = ctx.measureText(text).width + 8, hh = (opts.size || 12) + 6;
    var x = Math.round(sx), y = Math.round(sy - hh);
    if (y < 0) y = Math.round(sy);
    ctx.fillStyle = color;
    ctx.fillRect(x, y, w, hh);
    ctx.fillStyle = opts.textColor || "#fff";
    ctx.textBaseline = "middle";
    ctx.fillText(text, x + 4, y + hh / 2 + 0.5);
    ctx.restore();
  };

  D.handles = function (ctx, st, box, color) {
    var pts = X.boxHandles(box);
    ctx.save();
    Object.keys(pts).forEach(function (key) {
      var p = pts[key];
      var x = st.sx(p[0]), y = st.sy(p[1]);
      ctx.fillStyle = "#fff";
      ctx.strokeStyle = color;
      ctx.lineWidth = 2;
      ctx.fillRect(x - 4.5, y - 4.5, 9, 9);
      ctx.strokeRect(x - 4.5, y - 4.5, 9, 9);
    });
    ctx.restore();
  };

  D.skeleton = function (ctx, st, kps, color, opts) {
    opts = opts || {};
    var count = Math.floor(kps.length / 3);
    if (count === 17) {
      X.COCO_SKELETON.forEach(function (pair) {
        var a = pair[0], b = pair[1];
        if (kps[a * 3 + 2] > 0 && kps[b * 3 + 2] > 0) {
          D.line(ctx, st, kps[a * 3], kps[a * 3 + 1], kps[b * 3], kps[b * 3 + 1], color,
            { width: opts.width || 2, dash: opts.dash });
        }
      });
    }
  };

  X.boxHandles = function (b) {
    var x = b[0], y = b[1], r = b[0] + b[2], btm = b[1] + b[3], cx = x + b[2] / 2, cy = y + b[3] / 2;
    return { nw: [x, y], n: [cx, y], ne: [r, y], e: [r, cy], se: [r, btm], s: [cx, btm], sw: [x, btm], w: [x, cy] };
  };

  X.Stage = Stage;
})();
