"""Scene backgrounds and object layouts.

A layout function returns a `Layout`: geometry, the placed objects (labeled targets plus
unlabeled scenery that can occlude them) and a background painter.  Layouts are sampled
from a seeded numpy Generator only, so the same seed gives the same scene.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from . import scenes_sprites as S
from .scenes_core import (H, SS, W, Obj, clamp8, lowfreq, make_obj, mix, put, rgb, texture,
                          vgrad)

SW, SH = W * SS, H * SS


@dataclass
class Layout:
    objs: list
    paint: object                       # callable(rng) -> PIL RGB image at SS
    post: object = None                 # callable(img, rng) -> img (final-res effects)
    meta: dict = field(default_factory=dict)


def _c(rng, seq):
    return seq[int(rng.integers(len(seq)))]


# =========================================================================== background helpers
def _canvas(arr):
    return Image.fromarray(clamp8(arr), "RGB")


def _region(img, box, fill, mask=None, opacity=1.0):
    """paint a float-array/colour fill into box (SS px) of an RGB image, through optional mask"""
    ox0, oy0, ox1, oy1 = [int(round(v)) for v in box]
    x0, y0 = max(0, ox0), max(0, oy0)
    x1, y1 = min(img.width, ox1), min(img.height, oy1)
    if x1 <= x0 or y1 <= y0:
        return
    w, h = ox1 - ox0, oy1 - oy0
    if isinstance(fill, tuple):
        part = Image.new("RGB", (w, h), fill)
    else:
        part = _canvas(fill)
        if part.size != (w, h):
            part = part.resize((w, h), Image.BILINEAR)
    m = mask if mask is not None else Image.new("L", (w, h), int(255 * opacity))
    if m.size != (w, h):
        m = m.resize((w, h), Image.BILINEAR)
    if mask is not None and opacity < 1:
        m = m.point(lambda v: int(v * opacity))
    crop = (x0 - ox0, y0 - oy0, x1 - ox0, y1 - oy0)
    img.paste(part.crop(crop), (x0, y0), m.crop(crop))


def sky(rng, h, tone=None):
    tone = tone or _c(rng, ["clear", "clear", "hazy", "evening", "overcast"])
    top, bot = {"clear": ((70, 125, 200), (185, 215, 240)), "hazy": ((120, 160, 205), (215, 225, 232)),
                "evening": ((90, 110, 170), (245, 190, 140)), "overcast": ((150, 158, 170), (205, 208, 212))}[tone]
    arr = vgrad(SW, h, top, bot, 0.8)
    img = _canvas(arr)
    # clouds
    n = int(rng.integers(2, 7)) if tone != "overcast" else 9
    for _ in range(n):
        cx, cy = rng.uniform(0, SW), rng.uniform(0.05, 0.6) * h
        cw, ch = rng.uniform(80, 220) * SS, rng.uniform(18, 45) * SS
        pad = 2.5 * ch
        m = Image.new("L", (int(cw * 1.6 + 2 * pad), int(ch * 3 + 2 * pad)), 0)
        d = ImageDraw.Draw(m)
        for _k in range(7):
            bx = pad + rng.uniform(0.2, 0.8) * cw * 1.6
            by = pad + rng.uniform(0.4, 0.7) * ch * 3
            r = rng.uniform(0.25, 0.5) * ch * 1.5
            d.ellipse([bx - r * 1.6, by - r, bx + r * 1.6, by + r * 0.7], fill=170)
        m = m.filter(ImageFilter.GaussianBlur(ch * 0.35))
        col = (250, 250, 252) if tone != "evening" else (252, 225, 205)
        img.paste(col, (int(cx - m.width / 2), int(cy - m.height / 2)), m)
    return img, tone


def hills(img, rng, base_y, amp, color, jag=6):
    xs = np.linspace(0, SW, jag + 2)
    ys = base_y - rng.uniform(0.2, 1.0, len(xs)) * amp
    fine = np.interp(np.arange(SW), xs, ys)
    k = max(3, SW // (jag * 2))
    ker = np.hanning(k)
    ker /= ker.sum()
    fine = np.convolve(np.pad(fine, k, mode="edge"), ker, mode="same")[k:-k]
    m = Image.new("L", (SW, img.height), 0)
    d = ImageDraw.Draw(m)
    d.polygon([(0, img.height)] + [(x, float(fine[x])) for x in range(0, SW, 3)] + [(SW, img.height)], fill=255)
    top = int(max(0, fine.min()))
    _region(img, (0, top, SW, img.height), vgrad(SW, img.height - top, rgb(color, 1.1), rgb(color, 0.85)),
            m.crop((0, top, SW, img.height)))


def treeline(img, rng, base_y, height, color):
    m = Image.new("L", (SW, img.height), 0)
    d = ImageDraw.Draw(m)
    x = -20.0
    while x < SW + 20:
        r = rng.uniform(0.5, 1.0) * height
        d.ellipse([x - r, base_y - r * rng.uniform(1.2, 1.9), x + r, base_y + r * 0.3], fill=255)
        x += r * rng.uniform(0.8, 1.3)
    d.rectangle([0, base_y - 2, SW, base_y + height * 0.2], fill=255)
    m = m.filter(ImageFilter.GaussianBlur(1.2))
    arr = texture(vgrad(SW, img.height, rgb(color, 1.15), rgb(color, 0.7)), rng, 18, cells=40, fine=10)
    img.paste(_canvas(arr), (0, 0), m)


# =========================================================================== STREET
STREET_LABELS = ["car", "bus", "truck", "person", "bicycle", "traffic_light"]


def street_geom(rng):
    hz = rng.uniform(200, 228)
    road_top = hz + 30
    road_bot = rng.uniform(388, 408)
    return dict(hz=hz, road_top=road_top, road_bot=road_bot,
                far_lane=road_top + (road_bot - road_top) * rng.uniform(0.40, 0.47),
                near_lane=road_top + (road_bot - road_top) * rng.uniform(0.90, 0.97),
                vy=hz - 130)


def street_scale(g, y):
    return (y - g["vy"]) / (400 - g["vy"])


def paint_street(g, rng, night=False):
    hz, rt, rb = g["hz"] * SS, g["road_top"] * SS, g["road_bot"] * SS
    img, tone = sky(rng, SH, "overcast" if night else None)
    # buildings
    x = -rng.uniform(0, 60) * SS
    pal = [(200, 190, 170), (170, 160, 150), (150, 90, 70), (120, 140, 160), (215, 210, 200), (185, 175, 140),
           (110, 115, 125), (225, 215, 190)]
    signs = ["카페", "약국", "편의점", "분식", "부동산", "세탁소", "PC방", "꽃집", "은행", "안경"]
    while x < SW:
        bw = rng.uniform(70, 170) * SS
        top = rng.uniform(25, hz / SS - 60) * SS
        col = _c(rng, pal)
        arr = texture(vgrad(int(bw), int(hz - top), rgb(col, 1.05), rgb(col, 0.82)), rng, 6, cells=6, fine=4)
        _region(img, (x, top, x + bw, hz), arr)
        # windows
        wm = Image.new("L", (int(bw), int(hz - top)), 0)
        d = ImageDraw.Draw(wm)
        cols = max(2, int(bw / (26 * SS)))
        rows = max(1, int((hz - top) / (30 * SS)) - 1)
        gw, gh = bw / cols, 30 * SS
        for i in range(cols):
            for j in range(rows):
                d.rectangle([i * gw + gw * 0.22, 10 * SS + j * gh, i * gw + gw * 0.78, 10 * SS + j * gh + gh * 0.55], fill=255)
        glass = vgrad(int(bw), int(hz - top), (90, 110, 130), (50, 60, 75)) if not night else \
            vgrad(int(bw), int(hz - top), (240, 210, 120), (200, 160, 80))
        _region(img, (x, top, x + bw, hz), texture(glass, rng, 15, cells=10, fine=3), wm)
        # shop sign at street level
        if rng.random() < 0.6 and bw > 90 * SS:
            sy = hz - 34 * SS
            scol = _c(rng, [(200, 40, 40), (30, 90, 160), (240, 200, 60), (40, 130, 80), (240, 240, 240)])
            _region(img, (x + 8 * SS, sy, x + bw - 8 * SS, sy + 14 * SS), scol)
            d2 = ImageDraw.Draw(img)
            d2.text((x + 14 * SS, sy + 1 * SS), _c(rng, signs), font=S.font(11 * SS),
                    fill=(255, 255, 255) if sum(scol) < 600 else (30, 30, 30))
        # roof edge
        _region(img, (x, top, x + bw, top + 3 * SS), rgb(col, 0.6))
        x += bw + rng.uniform(-4, 8) * SS
    # far sidewalk + curb
    _region(img, (0, hz, SW, rt - 4 * SS), texture(vgrad(SW, int(rt - hz), (185, 182, 175), (160, 158, 152)), rng, 6, fine=4))
    d = ImageDraw.Draw(img)
    for xx in np.arange(rng.uniform(0, 40), W, 38) * SS:
        d.line([xx, hz, xx - 12 * SS, rt - 4 * SS], fill=(140, 138, 132), width=SS)
    _region(img, (0, rt - 4 * SS, SW, rt), (205, 205, 200))
    # road
    road = texture(vgrad(SW, int(rb - rt), (88, 90, 95), (62, 64, 68)), rng, 8, cells=16, fine=9)
    _region(img, (0, rt, SW, rb), road)
    mid = (g["far_lane"] + g["near_lane"]) / 2 * SS - 8 * SS
    off = rng.uniform(0, 90)
    for xx in np.arange(-off, W + 90, 90):
        _region(img, (xx * SS, mid, (xx + 48) * SS, mid + 4 * SS), (225, 225, 215))
    _region(img, (0, rt + 6 * SS, SW, rt + 9 * SS), (215, 185, 60))
    # near curb + sidewalk (paving blocks)
    _region(img, (0, rb, SW, rb + 5 * SS), (200, 200, 196))
    pav = texture(vgrad(SW, int(SH - rb - 5 * SS), (170, 150, 140), (150, 130, 122)), rng, 8, fine=6)
    _region(img, (0, rb + 5 * SS, SW, SH), pav)
    d = ImageDraw.Draw(img)
    y = rb + 5 * SS
    row = 0
    while y < SH:
        hgt = (14 + (y / SS - g["road_bot"]) * 0.25) * SS
        d.line([0, y, SW, y], fill=(125, 108, 100), width=SS)
        step = hgt * 2.2
        for xx in np.arange((row % 2) * step / 2, SW, step):
            d.line([xx, y, xx, y + hgt], fill=(125, 108, 100), width=SS)
        y += hgt
        row += 1
    return img


def _vehicle(rng, label, L, facing):
    col = _c(rng, S.CAR_COLORS)
    if label == "car":
        return S.car_side(L, col, rng, facing)
    if label == "truck":
        return S.truck_side(L * 1.3, _c(rng, [(30, 80, 160), (240, 240, 240), (200, 40, 40), (60, 60, 65)]), rng, facing)
    return S.bus_side(L * 2.15, _c(rng, [(40, 140, 90), (30, 90, 170), (200, 50, 40), (230, 180, 40)]), rng, facing)


def make_street_obj(rng, g, label, where=None, x=None, big=1.0):
    """returns a list of Obj (pole + housing for traffic lights)"""
    if label in ("car", "truck", "bus"):
        lane = where or ("far" if rng.random() < 0.5 else "near")
        by = g[lane + "_lane"] + rng.uniform(-4, 4)
        s = street_scale(g, by) * big
        facing = 1 if lane == "near" else -1
        if rng.random() < 0.25:
            facing = -facing
        img = _vehicle(rng, label, rng.uniform(195, 235) * s, facing)
        x = rng.uniform(-50, W + 50) if x is None else x
        o = make_obj(img, x, by, by, label, shadow=None)
        o.shadow = (o.x + o.w / 2, by - 2, o.w * 0.5, 6 * s, 0.55)
        return [o]
    if label in ("person", "bicycle"):
        side = where or ("near" if rng.random() < 0.55 else "far")
        if side == "near":
            by = rng.uniform(g["road_bot"] + 22, 474)
        elif side == "far":
            by = rng.uniform(g["hz"] + 6, g["road_top"] - 6)
        else:  # crossing the road
            by = rng.uniform(g["far_lane"] + 12, g["near_lane"] - 6)
        s = street_scale(g, by) * big
        facing = 1 if rng.random() < 0.5 else -1
        if label == "person":
            img = S.person(rng.uniform(150, 178) * s, rng, facing)
        else:
            img = S.bicycle(rng.uniform(150, 165) * s, rng, facing)
        x = rng.uniform(-20, W + 20) if x is None else x
        o = make_obj(img, x, by, by, label)
        o.shadow = (o.x + o.w / 2, by - 1, o.w * 0.45, 4 * s, 0.45)
        return [o]
    if label == "traffic_light":
        side = where or ("far" if rng.random() < 0.7 else "near")
        by = rng.uniform(g["hz"] + 8, g["road_top"] - 8) if side == "far" else rng.uniform(g["road_bot"] + 30, 470)
        s = street_scale(g, by) * big
        hh = rng.uniform(80, 95) * s
        x = rng.uniform(10, W - 10) if x is None else x
        top = by - rng.uniform(330, 380) * s
        housing = make_obj(S.traffic_light(hh, rng), x, top, by + 0.01, label, mode="center")
        pw = max(3, 7 * s)
        ph = by - (housing.y + housing.h) + 1
        p = make_obj(S.pole(ph, pw), x, by, by, None, kind="pole")
        housing.partner = p
        return [p, housing]
    raise ValueError(label)


def street_scenery(rng, g, n_trees=None, n_lamps=None):
    objs = []
    for _ in range(int(rng.integers(0, 3)) if n_trees is None else n_trees):
        by = rng.uniform(g["hz"] + 4, g["road_top"] - 8)
        s = street_scale(g, by)
        objs.append(make_obj(S.tree_side(rng.uniform(220, 300) * s, rng), rng.uniform(0, W), by, by, None, kind="tree"))
    for _ in range(int(rng.integers(0, 2)) if n_lamps is None else n_lamps):
        by = rng.uniform(g["hz"] + 4, g["road_top"] - 8)
        s = street_scale(g, by)
        objs.append(make_obj(S.street_lamp(rng.uniform(380, 420) * s, rng), rng.uniform(0, W), by, by, None, kind="lamp"))
    return objs


# =========================================================================== KITCHEN
KITCHEN_LABELS = ["cup", "bottle", "apple", "banana", "orange", "bowl"]


def kitchen_geom(rng):
    hz = rng.uniform(165, 225)
    return dict(hz=hz, vy=hz - 210, wood=_c(rng, ["oak", "walnut", "white", "pine"]),
                wall=_c(rng, ["tile", "paint", "paint", "tile"]), window=rng.random() < 0.6,
                wall_col=_c(rng, [(226, 220, 205), (205, 220, 215), (235, 228, 220), (215, 210, 225), (240, 236, 228)]))


def kitchen_scale(g, y):
    return (y - g["vy"]) / (420 - g["vy"])


def paint_kitchen(g, rng):
    hz = g["hz"] * SS
    wc = g["wall_col"]
    img = _canvas(texture(vgrad(SW, SH, rgb(wc, 1.05), rgb(wc, 0.85)), rng, 6, cells=6, fine=3))
    if g["window"]:
        wx0 = rng.uniform(40, 380) * SS
        ww, wh = rng.uniform(160, 240) * SS, (hz - 60 * SS)
        s_img, _ = sky(rng, int(wh))
        s_img = s_img.crop((0, 0, int(ww), int(wh)))
        img.paste(s_img, (int(wx0), int(25 * SS)))
        d = ImageDraw.Draw(img)
        fr = (240, 240, 236)
        d.rectangle([wx0, 25 * SS, wx0 + ww, 25 * SS + wh], outline=fr, width=7 * SS)
        d.line([wx0 + ww / 2, 25 * SS, wx0 + ww / 2, 25 * SS + wh], fill=fr, width=5 * SS)
        d.rectangle([wx0 - 12 * SS, 25 * SS + wh, wx0 + ww + 12 * SS, 25 * SS + wh + 8 * SS], fill=(225, 225, 220))
    else:
        d = ImageDraw.Draw(img)
        if rng.random() < 0.6:   # upper cabinets
            cc = _c(rng, [(245, 243, 238), (200, 170, 130), (150, 170, 160), (90, 95, 105)])
            x = rng.uniform(-80, 0) * SS
            while x < SW:
                cw = rng.uniform(110, 150) * SS
                cb = hz * 0.42
                _region(img, (x + 2 * SS, 0, x + cw - 2 * SS, cb),
                        texture(vgrad(int(cw), int(cb), rgb(cc, 1.05), rgb(cc, 0.88)), rng, 4, fine=2))
                hy = cb - 14 * SS
                d.rounded_rectangle([x + cw / 2 - 22 * SS, hy, x + cw / 2 + 22 * SS, hy + 4 * SS], radius=2 * SS,
                                    fill=(120, 120, 125))
                x += cw
        if rng.random() < 0.6:   # an abstract framed print
            fx, fy = rng.uniform(60, 460) * SS, rng.uniform(g["hz"] * 0.45, g["hz"] * 0.5) * SS
            fw, fh = rng.uniform(70, 110) * SS, rng.uniform(50, 80) * SS
            art = lowfreq(int(fw), int(fh), rng, 3, 90)[..., None] + np.array(_c(rng, [(120, 150, 190), (200, 140, 110), (140, 180, 140)]), np.float32)
            d.rectangle([fx - 5 * SS, fy - 5 * SS, fx + fw + 5 * SS, fy + fh + 5 * SS], fill=(60, 50, 45))
            _region(img, (fx, fy, fx + fw, fy + fh), art)
    if g["wall"] == "tile":
        d = ImageDraw.Draw(img)
        t = rng.uniform(28, 40) * SS
        y0 = hz - rng.uniform(90, 130) * SS
        _region(img, (0, y0, SW, hz), texture(vgrad(SW, int(hz - y0), (238, 238, 235), (215, 215, 212)), rng, 4, fine=2))
        for y in np.arange(y0, hz, t):
            d.line([0, y, SW, y], fill=(190, 190, 188), width=SS)
        for x in np.arange(0, SW, t):
            d.line([x, y0, x, hz], fill=(190, 190, 188), width=SS)
    # table (perspective planks)
    wood = {"oak": (190, 145, 95), "walnut": (120, 80, 55), "white": (232, 228, 220), "pine": (215, 180, 130)}[g["wood"]]
    th = int(SH - hz)
    arr = vgrad(SW, th, rgb(wood, 0.9), rgb(wood, 1.1))
    ys, xs = np.mgrid[0:th, 0:SW].astype(np.float32)
    if g["wood"] != "white":
        warp = lowfreq(SW, th, rng, 6, 30 * SS)
        vx = SW / 2
        depth = (ys + 60 * SS) / (th + 60 * SS)
        u = (xs - vx) / depth
        grain_ = np.sin((u + warp) / (3.2 * SS)) * 0.5 + np.sin((u + warp * 1.7) / (1.3 * SS)) * 0.25
        arr = arr * (1 + 0.06 * grain_[..., None])
    arr = texture(arr, rng, 6, cells=8, fine=4)
    img.paste(_canvas(arr), (0, int(hz)))
    d = ImageDraw.Draw(img)
    vx, vy = SW / 2, hz - 60 * SS * 0 - (g["hz"] - g["vy"]) * SS
    plank = rng.uniform(70, 110) * SS
    for bx in np.arange(-SW, 2 * SW, plank):
        t = (hz - vy) / (SH - vy)
        d.line([vx + (bx - vx) * t, hz, bx, SH], fill=rgb(wood, 0.72), width=SS)
    _region(img, (0, hz - 2 * SS, SW, hz + 2 * SS), rgb(wood, 0.7))
    # soft light from one side
    arr = np.asarray(img, np.float32)
    side = np.linspace(1.06, 0.9, SW, dtype=np.float32) if rng.random() < 0.5 else np.linspace(0.9, 1.06, SW, dtype=np.float32)
    return _canvas(arr * side[None, :, None])


def make_kitchen_obj(rng, g, label, by=None, x=None, big=1.0):
    by = rng.uniform(g["hz"] + 25, 472) if by is None else by
    s = kitchen_scale(g, by) * big
    if label == "cup":
        img = S.mug(rng.uniform(80, 100) * s, _c(rng, [(60, 110, 160), (240, 240, 236), (200, 60, 50), (240, 200, 70),
                                                      (60, 60, 65), (120, 170, 120)]), rng, 1 if rng.random() < 0.5 else -1)
    elif label == "bottle":
        img = S.bottle(rng.uniform(190, 230) * s, rng)
    elif label == "apple":
        img = S.apple(rng.uniform(70, 84) * s, rng)
    elif label == "orange":
        img = S.orange(rng.uniform(72, 86) * s, rng)
    elif label == "banana":
        img = S.banana(rng.uniform(160, 185) * s, rng, 1 if rng.random() < 0.5 else -1)
        if rng.random() < 0.5:
            img = S.rotate_rgba(img, rng.uniform(-20, 20))
    elif label == "bowl":
        img = S.bowl(rng.uniform(170, 210) * s, rng)
    elif label == "plate":
        img = S.plate(rng.uniform(200, 240) * s, rng)
        x = rng.uniform(40, W - 40) if x is None else x
        o = make_obj(img, x, by, by - 40, None, kind="plate")
        return o
    else:
        raise ValueError(label)
    x = rng.uniform(0, W) if x is None else x
    o = make_obj(img, x, by, by, label)
    ry = max(3, o.w * 0.07)
    o.shadow = (o.x + o.w / 2, by - 0.6 * ry, o.w * 0.5, ry, 0.5)
    return o


# =========================================================================== PARKING (top-down)
PARKING_LABELS = ["car", "truck", "person"]


def parking_geom(rng):
    sw = rng.uniform(78, 92)
    depth = rng.uniform(150, 168)
    top0 = rng.uniform(-70, 10)
    lane = rng.uniform(115, 140)
    x0 = -rng.uniform(0, sw)
    rows = [(top0, top0 + depth, 1), (top0 + depth + lane, top0 + 2 * depth + lane, -1)]
    stalls = []
    for (ya, yb, fac) in rows:
        x = x0
        while x < W + sw:
            stalls.append((x + sw / 2, (ya + yb) / 2, fac))
            x += sw
    return dict(sw=sw, depth=depth, rows=rows, x0=x0, lane=(top0 + depth, top0 + depth + lane), stalls=stalls,
                grass=rng.random() < 0.6, line=_c(rng, [(235, 235, 230), (240, 210, 70)]))


def paint_parking(g, rng):
    base = _c(rng, [(92, 94, 98), (105, 105, 108), (80, 82, 88)])
    arr = texture(vgrad(SW, SH, rgb(base, 1.05), rgb(base, 0.92)), rng, 12, cells=14, fine=10)
    img = _canvas(arr)
    d = ImageDraw.Draw(img)
    # oil stains
    for _ in range(int(rng.integers(3, 8))):
        cx, cy, r = rng.uniform(0, SW), rng.uniform(0, SH), rng.uniform(8, 22) * SS
        m = Image.new("L", (int(4 * r), int(4 * r)), 0)
        ImageDraw.Draw(m).ellipse([r, r * 1.3, 3 * r, 2.7 * r], fill=60)
        m = m.filter(ImageFilter.GaussianBlur(r * 0.4))
        img.paste((30, 30, 32), (int(cx - 2 * r), int(cy - 2 * r)), m)
    lc = g["line"]
    for (ya, yb, fac) in g["rows"]:
        x = g["x0"]
        while x < W + g["sw"] + 1:
            d.line([x * SS, ya * SS, x * SS, yb * SS], fill=lc, width=3 * SS)
            x += g["sw"]
        yy = ya if fac > 0 else yb
        d.line([0, yy * SS, SW, yy * SS], fill=lc, width=3 * SS)
    # lane arrows
    ly = (g["lane"][0] + g["lane"][1]) / 2
    for ax in np.arange(rng.uniform(40, 160), W, 260):
        d.polygon([(ax * SS, (ly - 6) * SS), ((ax + 40) * SS, (ly - 6) * SS), ((ax + 40) * SS, (ly - 14) * SS),
                   ((ax + 60) * SS, ly * SS), ((ax + 40) * SS, (ly + 14) * SS), ((ax + 40) * SS, (ly + 6) * SS),
                   (ax * SS, (ly + 6) * SS)], fill=rgb(lc, 0.95))
    # grass strip beyond the outer row
    if g["grass"]:
        ya = g["rows"][0][0]
        if ya > 8:
            gr = texture(vgrad(SW, int(ya * SS), (95, 140, 70), (80, 125, 60)), rng, 14, cells=20, fine=12)
            _region(img, (0, 0, SW, ya * SS - 4 * SS), gr)
            _region(img, (0, ya * SS - 6 * SS, SW, ya * SS - 1 * SS), (190, 190, 185))
        yb = g["rows"][1][1]
        if yb < H - 8:
            gr = texture(vgrad(SW, int(SH - yb * SS), (95, 140, 70), (80, 125, 60)), rng, 14, cells=20, fine=12)
            _region(img, (0, yb * SS + 5 * SS, SW, SH), gr)
            _region(img, (0, yb * SS + 1 * SS, SW, yb * SS + 6 * SS), (190, 190, 185))
    return img


def make_car_top(rng, label, cx, cy, angle, size=1.0):
    if label == "car":
        img = S.car_top(rng.uniform(128, 148) * size, _c(rng, S.CAR_COLORS), rng)
    else:
        img = S.truck_top(rng.uniform(170, 190) * size, rng)
    img = S.rotate_rgba(img, angle)
    o = make_obj(img, cx, cy, 1 + rng.uniform(0, 0.01), label, mode="center")
    o.shadow = (cx + 4, cy + 5, o.w * 0.45, o.h * 0.45, 0.35)
    return o


def make_person_top(rng, cx, cy):
    img = S.rotate_rgba(S.person_top(rng.uniform(28, 36), rng), rng.uniform(0, 360))
    o = make_obj(img, cx, cy, 2, "person", mode="center")
    o.shadow = (cx + 5, cy + 6, 10, 8, 0.4)
    return o


def make_tree_top(rng, cx, cy, d=None):
    img = S.tree_top(d or rng.uniform(90, 150), rng)
    o = make_obj(img, cx, cy, 3, None, mode="center", kind="tree")
    o.shadow = (cx + 12, cy + 14, o.w * 0.45, o.h * 0.45, 0.4)
    return o


# =========================================================================== FIELD
FIELD_LABELS = ["cow", "sheep", "horse", "dog", "bird"]


def field_geom(rng):
    hz = rng.uniform(170, 235)
    return dict(hz=hz, vy=hz - 150, grass=_c(rng, [(110, 160, 70), (125, 165, 75), (100, 150, 80), (150, 165, 85)]))


def field_scale(g, y):
    return (y - g["vy"]) / (430 - g["vy"])


def paint_field(g, rng, tone=None):
    hz = g["hz"] * SS
    img, tone = sky(rng, SH, tone)
    hills(img, rng, hz - 5 * SS, rng.uniform(40, 90) * SS, (140, 165, 185), jag=5)
    hills(img, rng, hz, rng.uniform(15, 40) * SS, (105, 140, 105), jag=8)
    if rng.random() < 0.7:
        treeline(img, rng, hz, rng.uniform(10, 22) * SS, (60, 100, 60))
    gc = g["grass"]
    th = int(SH - hz)
    arr = vgrad(SW, th, rgb(gc, 1.05), rgb(gc, 0.8))
    arr = texture(arr, rng, 14, cells=18, fine=10)
    # vertical grass streaks
    streak = rng.normal(0, 1, (th // (6 * SS) + 2, SW)).astype(np.float32)
    st = np.asarray(Image.fromarray(clamp8((streak + 3) * 40), "L").resize((SW, th), Image.BILINEAR), np.float32)
    arr = arr + ((st - 120) * 0.12)[..., None]
    img.paste(_canvas(arr), (0, int(hz)))
    d = ImageDraw.Draw(img)
    for _ in range(int(rng.integers(60, 160))):
        fx, fy = rng.uniform(0, SW), rng.uniform(hz + 20 * SS, SH)
        r = (0.6 + (fy - hz) / SH * 2.2) * SS
        d.ellipse([fx - r, fy - r, fx + r, fy + r], fill=_c(rng, [(250, 250, 245), (245, 220, 60), (230, 120, 160)]))
    return img


def make_animal(rng, g, label, by=None, x=None, big=1.0, facing=None):
    facing = (1 if rng.random() < 0.5 else -1) if facing is None else facing
    if label == "bird":
        img = S.bird(rng.uniform(28, 46) * big, rng, facing)
        x = rng.uniform(20, W - 20) if x is None else x
        y = rng.uniform(25, g["hz"] - 60) if by is None else by
        return make_obj(img, x, y, -1, "bird", mode="center")
    by = rng.uniform(g["hz"] + 20, 470) if by is None else by
    s = field_scale(g, by) * big
    fn = {"cow": (S.cow, 230), "sheep": (S.sheep, 150), "horse": (S.horse, 235), "dog": (S.dog, 110)}[label]
    img = fn[0](rng.uniform(0.92, 1.08) * fn[1] * s, rng, facing)
    x = rng.uniform(0, W) if x is None else x
    o = make_obj(img, x, by, by, label)
    o.shadow = (o.x + o.w / 2, by - 2, o.w * 0.45, max(3, 7 * s), 0.45)
    return o


def field_scenery(rng, g, n_bush=None, fence_p=0.4, n_trees=None, n_hay=None):
    objs = []
    for _ in range(int(rng.integers(0, 3)) if n_trees is None else n_trees):
        by = rng.uniform(g["hz"] + 2, g["hz"] + 30)
        s = field_scale(g, by)
        objs.append(make_obj(S.tree_side(rng.uniform(260, 340) * s, rng), rng.uniform(0, W), by, by, None, kind="tree"))
    for _ in range(int(rng.integers(0, 3)) if n_bush is None else n_bush):
        by = rng.uniform(g["hz"] + 30, 478)
        s = field_scale(g, by)
        objs.append(make_obj(S.bush(rng.uniform(120, 200) * s, rng), rng.uniform(0, W), by + 4, by, None, kind="bush"))
    for _ in range(int(rng.integers(0, 2)) if n_hay is None else n_hay):
        by = rng.uniform(g["hz"] + 20, 470)
        s = field_scale(g, by)
        o = make_obj(S.haybale(rng.uniform(60, 80) * s, rng), rng.uniform(0, W), by, by, None, kind="hay")
        o.shadow = (o.x + o.w / 2, by - 2, o.w * 0.5, 5 * s, 0.4)
        objs.append(o)
    if rng.random() < fence_p:
        by = rng.uniform(g["hz"] + 40, g["hz"] + 140)
        s = field_scale(g, by)
        objs.append(make_obj(S.fence(W + 40, 62 * s, rng), W / 2, by, by, None, kind="fence"))
    return objs


# =========================================================================== SIGNS (roadside)
SIGN_LABELS = ["stop_sign", "speed_limit_sign", "warning_sign", "mandatory_sign"]


def signs_geom(rng):
    hz = rng.uniform(215, 260)
    return dict(hz=hz, road=rng.uniform(390, 420), vy=hz - 150, urban=rng.random() < 0.4)


def paint_signs(g, rng):
    hz = g["hz"] * SS
    img, tone = sky(rng, SH)
    if g["urban"]:
        x = 0.0
        while x < SW:
            bw = rng.uniform(90, 180) * SS
            top = rng.uniform(40, g["hz"] - 50) * SS
            col = _c(rng, [(190, 185, 175), (160, 165, 170), (200, 195, 180), (140, 120, 110)])
            _region(img, (x, top, x + bw, hz), texture(vgrad(int(bw), int(hz - top), col, rgb(col, 0.8)), rng, 5, fine=3))
            d = ImageDraw.Draw(img)
            for yy in np.arange(top + 12 * SS, hz - 10 * SS, 26 * SS):
                for xx in np.arange(x + 10 * SS, x + bw - 20 * SS, 24 * SS):
                    d.rectangle([xx, yy, xx + 12 * SS, yy + 14 * SS], fill=(85, 100, 118))
            x += bw + 3 * SS
    else:
        hills(img, rng, hz - 5 * SS, rng.uniform(40, 90) * SS, (135, 160, 180), jag=5)
        treeline(img, rng, hz, rng.uniform(14, 26) * SS, (60, 100, 60))
    road = g["road"] * SS
    gr = texture(vgrad(SW, int(road - hz), (120, 160, 80), (95, 140, 65)), rng, 14, cells=20, fine=10)
    _region(img, (0, hz, SW, road), gr if not g["urban"] else
            texture(vgrad(SW, int(road - hz), (180, 178, 172), (160, 158, 152)), rng, 8, fine=5))
    _region(img, (0, road, SW, SH), texture(vgrad(SW, int(SH - road), (85, 87, 92), (65, 66, 70)), rng, 8, cells=14, fine=8))
    _region(img, (0, road + 4 * SS, SW, road + 7 * SS), (235, 235, 230))
    return img


def make_sign(rng, g, label, x, by, size, angle):
    """sign face (labeled) + its post (unlabeled, behind)"""
    face = S.sign(label, size, rng, angle)
    pole_h = rng.uniform(1.1, 1.6) * size
    cy = by - pole_h
    fo = make_obj(face, x, cy, by + 0.01, label, mode="center")
    ph = by - cy
    po = make_obj(S.pole(ph, max(4, size * 0.07), (150, 152, 158)), x, by, by, None, kind="pole")
    po.shadow = (x + 10, by - 1, 14, 3, 0.35)
    fo.partner = po
    return [po, fo]
