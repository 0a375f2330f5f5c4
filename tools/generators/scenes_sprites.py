"""Object sprites drawn with Pillow (RGBA at SS x resolution, sizes given in final pixels).

Every function returns a sprite whose alpha is exactly the object's silhouette (shadows,
glows and poles are never part of a sprite), so the gold labels follow the drawing.
"""
from __future__ import annotations

import math

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from .scenes_core import (SS, clip_mask, flip, mix, new_mask, new_sprite, put, rgb, shade_cyl,
                          shade_sphere, shade_v, smooth, texture, vgrad, rotate_rgba)

FONT_DIR = "/usr/share/fonts/truetype/nanum/"


def font(size, bold=True):
    name = "NanumGothicBold.ttf" if bold else "NanumGothic.ttf"
    return ImageFont.truetype(FONT_DIR + name, max(6, int(size)))


CAR_COLORS = [(200, 30, 35), (235, 235, 238), (25, 28, 35), (120, 125, 132), (30, 70, 150),
              (190, 190, 196), (150, 20, 40), (40, 110, 80), (215, 160, 40), (80, 50, 40),
              (60, 90, 120), (245, 245, 240)]
SHIRTS = [(200, 60, 60), (50, 90, 170), (240, 240, 235), (40, 40, 45), (230, 180, 50), (70, 140, 90),
          (150, 80, 160), (230, 120, 60), (120, 160, 200), (180, 180, 180), (95, 60, 45)]
PANTS = [(40, 45, 70), (30, 30, 35), (90, 95, 110), (140, 120, 90), (60, 70, 110), (170, 160, 140)]
SKIN = [(240, 200, 170), (225, 180, 145), (200, 150, 115), (170, 120, 90)]
HAIR = [(25, 20, 20), (50, 35, 25), (90, 60, 35), (140, 110, 80), (200, 190, 180)]


def _pick(rng, seq):
    return seq[int(rng.integers(len(seq)))]


def _wheel(img, cx, cy, r, rim=(185, 188, 195), tire=(28, 28, 30)):
    """drawn on a small local layer, then composited (cheap)"""
    ox, oy = int(math.floor(cx - r - 2)), int(math.floor(cy - r - 2))
    sub = new_sprite(2 * r + 6, 2 * r + 6)
    lx, ly = cx - ox, cy - oy
    w, h = sub.size
    m, d = new_mask(sub)
    d.ellipse([lx - r, ly - r, lx + r, ly + r], fill=255)
    put(sub, shade_sphere(w, h, tire, lx, ly, r, amb=0.6, spec=0.12), m)
    m, d = new_mask(sub)
    rr = r * 0.58
    d.ellipse([lx - rr, ly - rr, lx + rr, ly + rr], fill=255)
    put(sub, shade_sphere(w, h, rim, lx, ly, rr, amb=0.55, spec=0.35), m)
    m, d = new_mask(sub)
    for k in range(5):
        a = k * 2 * math.pi / 5 + 0.3
        d.line([lx, ly, lx + math.cos(a) * rr * 0.85, ly + math.sin(a) * rr * 0.85], fill=255,
               width=max(1, int(rr * 0.16)))
    rh = rr * 0.25
    d.ellipse([lx - rh, ly - rh, lx + rh, ly + rh], fill=255)
    put(sub, (90, 92, 98), m, 0.8)
    # clip to the sprite canvas
    x0, y0 = max(0, ox), max(0, oy)
    sub = sub.crop((x0 - ox, y0 - oy, min(img.width - ox, sub.width), min(img.height - oy, sub.height)))
    img.alpha_composite(sub, dest=(x0, y0))


# =========================================================================== street
def car_side(L, color, rng, facing=1):
    u = L * SS
    Hd = 0.36 * u
    img = new_sprite(u, Hd)
    w, h = img.size
    wr = 0.083 * u
    wy = Hd - wr - 1
    wx1, wx2 = 0.2 * u, 0.8 * u
    roof = rng.uniform(0.02, 0.10)   # low sedans vs. taller hatchbacks
    bm, d = new_mask(img)
    d.rounded_rectangle([0, 0.40 * Hd, u - 1, Hd - 0.55 * wr], radius=0.17 * Hd, fill=255)
    cab = [(0.20 * u, 0.46 * Hd), (0.33 * u, roof * Hd), (0.64 * u, roof * Hd), (0.80 * u, 0.44 * Hd)]
    d.polygon(cab, fill=255)
    bm = smooth(bm, 0.035 * Hd)
    fill = shade_v(w, h, color, 1.3, 0.62, 0.0, Hd)
    fill = texture(fill, rng, low=6, fine=2)
    put(img, fill, bm)
    # sheen line along the shoulder
    m, d = new_mask(img)
    d.line([0.03 * u, 0.50 * Hd, 0.97 * u, 0.49 * Hd], fill=255, width=max(1, int(0.012 * Hd)))
    put(img, rgb(color, 1.25, 40), clip_mask(m, bm), 0.6)
    # windows
    wm, d = new_mask(img)
    inset = 0.035 * u
    d.polygon([(0.235 * u, 0.45 * Hd), (0.345 * u, (roof + 0.06) * Hd), (0.63 * u, (roof + 0.06) * Hd),
               (0.765 * u, 0.44 * Hd)], fill=255)
    wm = smooth(wm, 0.02 * Hd)
    put(img, vgrad(w, h, (175, 200, 220), (35, 45, 60), 0.8), wm)
    # reflections on glass
    m, d = new_mask(img)
    d.polygon([(0.40 * u, 0.1 * Hd), (0.46 * u, 0.1 * Hd), (0.40 * u, 0.44 * Hd), (0.34 * u, 0.44 * Hd)], fill=255)
    put(img, (230, 240, 250), clip_mask(m, wm), 0.35)
    # pillar + door seams + handles
    m, d = new_mask(img)
    d.rectangle([0.49 * u, 0.05 * Hd, 0.515 * u, 0.46 * Hd], fill=255)
    put(img, rgb(color, 0.45), clip_mask(m, bm))
    m, d = new_mask(img)
    d.line([0.50 * u, 0.46 * Hd, 0.51 * u, Hd - 0.9 * wr], fill=255, width=max(1, int(0.006 * u)))
    d.line([0.245 * u, 0.46 * Hd, 0.25 * u, Hd - 1.1 * wr], fill=255, width=max(1, int(0.006 * u)))
    d.line([0.74 * u, 0.46 * Hd, 0.73 * u, Hd - 1.1 * wr], fill=255, width=max(1, int(0.006 * u)))
    put(img, rgb(color, 0.4), clip_mask(m, bm), 0.8)
    m, d = new_mask(img)
    for hx in (0.43 * u, 0.66 * u):
        d.rounded_rectangle([hx, 0.53 * Hd, hx + 0.05 * u, 0.56 * Hd], radius=2, fill=255)
    put(img, rgb(color, 0.55), m)
    # bumper band
    m, d = new_mask(img)
    d.rectangle([0, Hd - 1.05 * wr, u, Hd - 0.55 * wr], fill=255)
    put(img, rgb(color, 0.5), clip_mask(m, bm), 0.55)
    # lights (front = right)
    m, d = new_mask(img)
    d.ellipse([0.93 * u, 0.48 * Hd, 1.0 * u, 0.60 * Hd], fill=255)
    put(img, (250, 245, 210), clip_mask(m, bm))
    m, d = new_mask(img)
    d.rectangle([0, 0.47 * Hd, 0.035 * u, 0.60 * Hd], fill=255)
    put(img, (200, 20, 25), clip_mask(m, bm))
    # wheel arches and wheels
    m, d = new_mask(img)
    for wx in (wx1, wx2):
        d.ellipse([wx - 1.2 * wr, wy - 1.2 * wr, wx + 1.2 * wr, wy + 1.2 * wr], fill=255)
    put(img, (22, 22, 25), clip_mask(m, bm))
    for wx in (wx1, wx2):
        _wheel(img, wx, wy, wr)
    return img if facing > 0 else flip(img)


def truck_side(L, color, rng, facing=1):
    u = L * SS
    Hd = 0.42 * u
    img = new_sprite(u, Hd)
    w, h = img.size
    wr = 0.065 * u
    wy = Hd - wr - 1
    cargo = (0.0, 0.0, 0.70 * u, Hd - 1.3 * wr)
    m, d = new_mask(img)
    d.rounded_rectangle(cargo, radius=0.02 * u, fill=255)
    box_col = _pick(rng, [(235, 235, 230), (210, 215, 220), (200, 60, 50), (60, 110, 170), (240, 200, 70)])
    fill = texture(shade_v(w, h, box_col, 1.15, 0.78), rng, low=5, fine=2)
    put(img, fill, m)
    # ribbing
    m2, d2 = new_mask(img)
    for k in range(1, 10):
        x = cargo[2] * k / 10
        d2.line([x, 0.02 * Hd, x, cargo[3] - 0.02 * Hd], fill=255, width=max(1, int(0.004 * u)))
    put(img, rgb(box_col, 0.75), m2, 0.7)
    txt = _pick(rng, ["한빛물류", "새벽배송", "대한택배", "LOGIS"])
    # cab
    cm, d = new_mask(img)
    d.polygon([(0.72 * u, 0.18 * Hd), (0.90 * u, 0.18 * Hd), (0.99 * u, 0.45 * Hd), (u - 1, Hd - 0.6 * wr),
               (0.72 * u, Hd - 0.6 * wr)], fill=255)
    cm = smooth(cm, 0.012 * u)
    put(img, texture(shade_v(w, h, color, 1.3, 0.65, 0.15 * Hd, Hd), rng, low=5, fine=2), cm)
    m, d = new_mask(img)
    d.polygon([(0.77 * u, 0.23 * Hd), (0.89 * u, 0.23 * Hd), (0.96 * u, 0.45 * Hd), (0.77 * u, 0.45 * Hd)], fill=255)
    put(img, vgrad(w, h, (170, 195, 215), (40, 50, 65)), smooth(m, 2))
    m, d = new_mask(img)
    d.rectangle([0.70 * u, Hd - 1.45 * wr, u, Hd - 0.8 * wr], fill=255)
    put(img, (45, 45, 48), m)
    m, d = new_mask(img)
    d.ellipse([0.965 * u, 0.62 * Hd, u, 0.72 * Hd], fill=255)
    put(img, (250, 240, 200), clip_mask(m, cm))
    for wx in (0.13 * u, 0.27 * u, 0.84 * u):
        _wheel(img, wx, wy, wr, rim=(160, 160, 165))
    if facing < 0:
        img = flip(img)
    # lettering is drawn after mirroring so that it always reads correctly
    tx = 0.08 * u if facing > 0 else u - 0.70 * u + 0.08 * u
    ImageDraw.Draw(img).text((tx, 0.28 * Hd), txt, font=font(0.09 * u), fill=rgb(box_col, 0.35) + (255,))
    return img


def bus_side(L, color, rng, facing=1):
    u = L * SS
    Hd = 0.27 * u
    img = new_sprite(u, Hd)
    w, h = img.size
    wr = 0.042 * u
    wy = Hd - wr - 1
    bm, d = new_mask(img)
    d.rounded_rectangle([0, 0, u - 1, Hd - 0.6 * wr], radius=0.06 * Hd, fill=255)
    bm = smooth(bm, 0.01 * u)
    put(img, texture(shade_v(w, h, color, 1.25, 0.7), rng, low=5, fine=2), bm)
    # white lower band
    m, d = new_mask(img)
    d.rectangle([0, 0.72 * Hd, u, Hd], fill=255)
    put(img, shade_v(w, h, (230, 232, 230), 1.05, 0.75, 0.7 * Hd, Hd), clip_mask(m, bm))
    # window row
    wm, d = new_mask(img)
    n = 7
    x0, x1 = 0.04 * u, 0.78 * u
    step = (x1 - x0) / n
    for k in range(n):
        d.rounded_rectangle([x0 + k * step + 0.01 * u, 0.16 * Hd, x0 + (k + 1) * step - 0.006 * u, 0.55 * Hd],
                            radius=0.01 * u, fill=255)
    d.rounded_rectangle([0.86 * u, 0.10 * Hd, 0.985 * u, 0.64 * Hd], radius=0.02 * u, fill=255)
    put(img, vgrad(w, h, (165, 190, 205), (30, 40, 52), 0.9), wm)
    m, d = new_mask(img)
    for k in range(0, n, 2):
        xx = x0 + k * step + 0.03 * u
        d.polygon([(xx, 0.17 * Hd), (xx + 0.02 * u, 0.17 * Hd), (xx - 0.01 * u, 0.54 * Hd), (xx - 0.03 * u, 0.54 * Hd)], fill=255)
    put(img, (235, 240, 250), clip_mask(m, wm), 0.25)
    # door (front)
    m, d = new_mask(img)
    d.rectangle([0.785 * u, 0.14 * Hd, 0.855 * u, Hd - 0.7 * wr], fill=255)
    put(img, vgrad(w, h, (140, 165, 180), (30, 38, 48)), m)
    m, d = new_mask(img)
    d.line([0.82 * u, 0.14 * Hd, 0.82 * u, Hd - 0.7 * wr], fill=255, width=max(1, int(0.004 * u)))
    put(img, (40, 40, 40), m)
    # route sign
    m, d = new_mask(img)
    d.rectangle([0.05 * u, 0.03 * Hd, 0.30 * u, 0.12 * Hd], fill=255)
    put(img, (20, 20, 20), m)
    route = str(int(rng.integers(100, 760))) + " " + _pick(rng, ["시청", "서울역", "종합운동장", "터미널"])
    # lights
    m, d = new_mask(img)
    d.rectangle([0.975 * u, 0.72 * Hd, u, 0.80 * Hd], fill=255)
    put(img, (250, 245, 210), clip_mask(m, bm))
    m, d = new_mask(img)
    for wx in (0.16 * u, 0.71 * u):
        d.ellipse([wx - 1.25 * wr, wy - 1.25 * wr, wx + 1.25 * wr, wy + 1.25 * wr], fill=255)
    put(img, (25, 25, 28), clip_mask(m, bm))
    for wx in (0.16 * u, 0.71 * u):
        _wheel(img, wx, wy, wr)
    if facing < 0:
        img = flip(img)
    tx = 0.07 * u if facing > 0 else u - 0.30 * u + 0.02 * u
    ImageDraw.Draw(img).text((tx, 0.028 * Hd), route, font=font(0.085 * Hd), fill=(255, 170, 40, 255))
    return img


def person(Hp, rng, facing=1, pose=None, shirt=None):
    """standing / walking pedestrian, bottom-centre at the feet"""
    u = Hp * SS
    Wd = 0.42 * u
    img = new_sprite(Wd, u)
    w, h = img.size
    cx = Wd / 2
    skin = _pick(rng, SKIN)
    shirt = shirt or _pick(rng, SHIRTS)
    pants = _pick(rng, PANTS)
    hair = _pick(rng, HAIR)
    pose = rng.uniform(-1, 1) if pose is None else pose      # stride
    stride = 0.07 * u * pose
    hip_y, knee_y, foot_y = 0.50 * u, 0.74 * u, 0.965 * u
    lw = 0.075 * u
    skirt = rng.random() < 0.2
    # legs
    m, d = new_mask(img)
    for s in (-1, 1):
        hx = cx + s * 0.035 * u
        fx = cx + s * stride + s * 0.02 * u
        kx = (hx + fx) / 2 + 0.01 * u * facing
        d.line([hx, hip_y, kx, knee_y, fx, foot_y - 0.02 * u], fill=255, width=int(lw), joint="curve")
        d.ellipse([kx - lw / 2, knee_y - lw / 2, kx + lw / 2, knee_y + lw / 2], fill=255)
    put(img, texture(shade_cyl(w, h, pants if not skirt else skin, cx - 0.1 * u, cx + 0.1 * u), rng, 0, fine=3), m)
    # shoes
    m, d = new_mask(img)
    for s in (-1, 1):
        fx = cx + s * stride + s * 0.02 * u
        d.rounded_rectangle([fx - 0.045 * u + 0.02 * u * facing, foot_y - 0.035 * u,
                             fx + 0.045 * u + 0.025 * u * facing, u - 1], radius=0.015 * u, fill=255)
    put(img, _pick(rng, [(30, 30, 30), (240, 240, 240), (120, 70, 40), (60, 60, 90)]), m)
    # torso
    tm, d = new_mask(img)
    d.polygon([(cx - 0.10 * u, 0.20 * u), (cx + 0.10 * u, 0.20 * u), (cx + 0.085 * u, 0.53 * u),
               (cx - 0.085 * u, 0.53 * u)], fill=255)
    if skirt:
        d.polygon([(cx - 0.08 * u, 0.48 * u), (cx + 0.08 * u, 0.48 * u), (cx + 0.12 * u, 0.66 * u),
                   (cx - 0.12 * u, 0.66 * u)], fill=255)
    tm = smooth(tm, 0.018 * u)
    put(img, texture(shade_cyl(w, h, shirt, cx - 0.12 * u, cx + 0.12 * u, amb=0.6), rng, 4, fine=3), tm)
    # arms
    m, d = new_mask(img)
    aw = 0.055 * u
    for s in (-1, 1):
        sx = cx + s * 0.095 * u
        swing = -s * stride * 0.8
        ex, ey = sx + s * 0.015 * u + swing * 0.5, 0.36 * u
        hx, hy = sx + s * 0.01 * u + swing, 0.50 * u
        d.line([sx, 0.23 * u, ex, ey, hx, hy], fill=255, width=int(aw), joint="curve")
        d.ellipse([sx - aw / 2, 0.23 * u - aw / 2, sx + aw / 2, 0.23 * u + aw / 2], fill=255)
    put(img, shade_cyl(w, h, shirt, cx - 0.16 * u, cx + 0.16 * u, amb=0.5), m)
    m, d = new_mask(img)
    for s in (-1, 1):
        sx = cx + s * 0.095 * u
        hx, hy = sx + s * 0.01 * u - s * stride * 0.8, 0.50 * u
        d.ellipse([hx - 0.03 * u, hy - 0.02 * u, hx + 0.03 * u, hy + 0.04 * u], fill=255)
    put(img, skin, m)
    # neck + head
    m, d = new_mask(img)
    d.rectangle([cx - 0.03 * u, 0.15 * u, cx + 0.03 * u, 0.22 * u], fill=255)
    hr = 0.072 * u
    hcx, hcy = cx + 0.01 * u * facing, 0.095 * u
    d.ellipse([hcx - hr * 0.9, hcy - hr, hcx + hr * 0.9, hcy + hr], fill=255)
    put(img, shade_sphere(w, h, skin, hcx, hcy, hr, amb=0.6, spec=0.1), m)
    m, d = new_mask(img)
    d.chord([hcx - hr * 0.95, hcy - hr * 1.08, hcx + hr * 0.95, hcy + hr * 0.7], 180, 360, fill=255)
    if rng.random() < 0.35:   # longer hair
        d.rectangle([hcx - hr * 0.95 - 0.01 * u * facing, hcy - 0.2 * hr, hcx - 0.2 * hr * facing, hcy + 1.4 * hr], fill=255)
    put(img, shade_sphere(w, h, hair, hcx, hcy, hr * 1.1, amb=0.6, spec=0.15), smooth(m, 0.006 * u))
    # bag sometimes
    if rng.random() < 0.3:
        m, d = new_mask(img)
        bx = cx - 0.13 * u * facing
        d.rounded_rectangle([min(bx, bx + 0.07 * u * facing), 0.40 * u, max(bx, bx + 0.07 * u * facing), 0.52 * u],
                            radius=0.01 * u, fill=255)
        put(img, _pick(rng, [(120, 70, 40), (30, 30, 30), (170, 40, 60)]), m)
    return img if facing > 0 else flip(img)


def bicycle(L, rng, facing=1, color=None):
    u = L * SS
    Hd = 0.62 * u
    img = new_sprite(u, Hd)
    w, h = img.size
    r = 0.205 * u
    cy = Hd - r - 1
    rx, fx = r + 1, u - r - 1
    color = color or _pick(rng, [(200, 30, 40), (30, 80, 160), (30, 30, 32), (230, 230, 230), (40, 140, 90), (230, 160, 30)])
    m, d = new_mask(img)
    for x in (rx, fx):
        d.ellipse([x - r, cy - r, x + r, cy + r], outline=255, width=max(2, int(0.028 * u)))
    put(img, (25, 25, 25), m)
    m, d = new_mask(img)
    for x in (rx, fx):
        rr = r * 0.86
        d.ellipse([x - rr, cy - rr, x + rr, cy + rr], outline=255, width=max(1, int(0.008 * u)))
        for k in range(12):
            a = k * math.pi / 6
            d.line([x, cy, x + math.cos(a) * rr, cy + math.sin(a) * rr], fill=255, width=1)
    put(img, (170, 172, 178), m, 0.85)
    bb = (0.47 * u, cy)
    seat = (0.40 * u, cy - 0.50 * u * 0.62)
    head = (fx - 0.12 * u, cy - 0.52 * u * 0.62)
    m, d = new_mask(img)
    tw = max(2, int(0.026 * u))
    d.line([(rx, cy), bb, seat, (rx, cy)], fill=255, width=tw, joint="curve")
    d.line([bb, head, (fx, cy)], fill=255, width=tw, joint="curve")
    d.line([seat, (head[0] - 0.01 * u, head[1] + 0.03 * u)], fill=255, width=tw)
    put(img, color, m)
    m, d = new_mask(img)
    d.line([seat, (seat[0] - 0.02 * u, seat[1] - 0.06 * u)], fill=255, width=max(2, int(0.016 * u)))
    d.rounded_rectangle([seat[0] - 0.09 * u, seat[1] - 0.085 * u, seat[0] + 0.05 * u, seat[1] - 0.055 * u],
                        radius=0.015 * u, fill=255)
    d.line([head, (head[0] - 0.01 * u, head[1] - 0.07 * u), (head[0] - 0.08 * u, head[1] - 0.08 * u)],
           fill=255, width=max(2, int(0.016 * u)))
    d.ellipse([bb[0] - 0.04 * u, bb[1] - 0.04 * u, bb[0] + 0.04 * u, bb[1] + 0.04 * u], fill=255)
    put(img, (35, 35, 38), m)
    return img if facing > 0 else flip(img)


def traffic_light(hh, rng, lit=None):
    """vertical 3-lamp housing only (the pole is separate scenery)"""
    u = hh * SS
    Wd = 0.38 * u
    img = new_sprite(Wd, u)
    w, h = img.size
    m, d = new_mask(img)
    d.rounded_rectangle([0, 0, Wd - 1, u - 1], radius=0.08 * Wd, fill=255)
    put(img, texture(shade_cyl(w, h, (52, 56, 54), amb=0.6), rng, 3, fine=2), m)
    lit = int(rng.integers(3)) if lit is None else lit
    cols = [(235, 40, 30), (245, 180, 30), (40, 210, 120)]
    for k in range(3):
        cy = u * (0.18 + 0.32 * k)
        r = 0.30 * Wd
        m, d = new_mask(img)
        d.ellipse([Wd / 2 - r, cy - r, Wd / 2 + r, cy + r], fill=255)
        c = cols[k] if k == lit else rgb(cols[k], 0.22, 15)
        put(img, shade_sphere(w, h, c, Wd / 2, cy, r, amb=0.75 if k == lit else 0.5, spec=0.5 if k == lit else 0.2), m)
        m, d = new_mask(img)
        d.chord([Wd / 2 - r * 1.15, cy - r * 1.25, Wd / 2 + r * 1.15, cy + r * 0.6], 180, 360, fill=255)
        d.ellipse([Wd / 2 - r, cy - r * 0.85, Wd / 2 + r, cy + r * 1.05], fill=0)
        put(img, (30, 32, 32), m)
    return img


def pole(height, width, color=(110, 115, 118)):
    u, wd = height * SS, max(3, width * SS)
    img = new_sprite(wd, u)
    w, h = img.size
    m, d = new_mask(img)
    d.rectangle([0, 0, wd - 1, u - 1], fill=255)
    put(img, shade_cyl(w, h, color, amb=0.5), m)
    return img


def street_lamp(height, rng):
    u = height * SS
    Wd = 0.28 * u
    img = new_sprite(Wd, u)
    w, h = img.size
    pw = max(3, 0.035 * u)
    m, d = new_mask(img)
    d.rectangle([Wd * 0.2, 0.04 * u, Wd * 0.2 + pw, u - 1], fill=255)
    d.line([Wd * 0.2 + pw / 2, 0.045 * u, Wd * 0.85, 0.045 * u], fill=255, width=int(pw * 0.8))
    d.rounded_rectangle([Wd * 0.62, 0.03 * u, Wd - 1, 0.075 * u], radius=pw * 0.5, fill=255)
    put(img, shade_cyl(w, h, (70, 78, 84), amb=0.5), m)
    return img


def tree_side(height, rng, leaf=None):
    u = height * SS
    Wd = 0.7 * u
    img = new_sprite(Wd, u)
    w, h = img.size
    leaf = leaf or _pick(rng, [(60, 120, 50), (75, 135, 60), (50, 105, 55), (90, 140, 60)])
    m, d = new_mask(img)
    tw = 0.06 * u
    d.polygon([(Wd / 2 - tw, u - 1), (Wd / 2 + tw, u - 1), (Wd / 2 + tw * 0.5, 0.45 * u), (Wd / 2 - tw * 0.5, 0.45 * u)], fill=255)
    put(img, texture(shade_cyl(w, h, (95, 70, 50), Wd / 2 - tw, Wd / 2 + tw), rng, 4, fine=6), m)
    m, d = new_mask(img)
    blobs = []
    for _ in range(14):
        bx = Wd / 2 + rng.normal(0, 0.16) * Wd
        by = 0.33 * u + rng.normal(0, 0.11) * u
        br = rng.uniform(0.12, 0.2) * Wd
        bx = min(max(bx, br), Wd - br)
        by = min(max(by, br), 0.62 * u)
        blobs.append((bx, by, br))
        d.ellipse([bx - br, by - br, bx + br, by + br], fill=255)
    put(img, texture(shade_v(w, h, leaf, 1.2, 0.7, 0, 0.65 * u), rng, 14, cells=14, fine=12), m)
    for bx, by, br in blobs[:8]:
        mm, dd = new_mask(img)
        dd.ellipse([bx - br * 0.7, by - br * 0.9, bx + br * 0.5, by + br * 0.2], fill=255)
        put(img, rgb(leaf, 1.25, 10), clip_mask(mm.filter(ImageFilter.GaussianBlur(br * 0.3)), m), 0.5)
    return img


def bush(width, rng, leaf=None):
    u = width * SS
    Hd = 0.5 * u
    img = new_sprite(u, Hd)
    w, h = img.size
    leaf = leaf or _pick(rng, [(55, 110, 45), (70, 125, 55), (45, 95, 50)])
    m, d = new_mask(img)
    for _ in range(16):
        br = rng.uniform(0.12, 0.2) * u
        bx = rng.uniform(br, u - br)
        by = rng.uniform(max(br, 0.35 * Hd), Hd - br * 0.5)
        d.ellipse([bx - br, by - br, bx + br, by + br], fill=255)
    d.rectangle([0.1 * u, 0.7 * Hd, 0.9 * u, Hd - 1], fill=255)
    put(img, texture(shade_v(w, h, leaf, 1.25, 0.65), rng, 16, cells=16, fine=14), m)
    return img


# =========================================================================== kitchen
def mug(hh, color, rng, facing=1):
    u = hh * SS
    bw = 0.82 * u
    Wd = bw * 1.36
    img = new_sprite(Wd, u)
    w, h = img.size
    x0 = 0.0
    ry = 0.09 * u
    # handle
    m, d = new_mask(img)
    hw = 0.1 * u
    d.ellipse([bw * 0.72, 0.22 * u, Wd - 1, 0.78 * u], fill=255)
    d.ellipse([bw * 0.72 + hw, 0.22 * u + hw, Wd - 1 - hw, 0.78 * u - hw], fill=0)
    d.rectangle([0, 0, bw * 0.9, u], fill=0)
    put(img, shade_cyl(w, h, color, bw * 0.9, Wd, amb=0.6), m)
    # body
    m, d = new_mask(img)
    d.rectangle([x0, ry, x0 + bw, u - ry], fill=255)
    d.ellipse([x0, u - 2 * ry, x0 + bw, u - 1], fill=255)
    d.ellipse([x0, 0, x0 + bw, 2 * ry], fill=255)
    put(img, texture(shade_cyl(w, h, color, x0, x0 + bw, amb=0.5, spec=0.25), rng, 3, fine=2), m)
    # opening
    m, d = new_mask(img)
    d.ellipse([x0 + 0.05 * bw, 0.2 * ry, x0 + 0.95 * bw, 1.8 * ry], fill=255)
    put(img, vgrad(w, h, rgb(color, 0.35), rgb(color, 0.7)), m)
    if rng.random() < 0.6:   # coffee
        m, d = new_mask(img)
        d.ellipse([x0 + 0.1 * bw, 0.55 * ry, x0 + 0.9 * bw, 1.75 * ry], fill=255)
        put(img, (75, 45, 25), m)
    if rng.random() < 0.5:   # print
        m, d = new_mask(img)
        d.ellipse([x0 + 0.3 * bw, 0.4 * u, x0 + 0.6 * bw, 0.62 * u], fill=255)
        put(img, rgb(color, 0.6) if sum(color) > 500 else (240, 240, 240), m, 0.8)
    return img if facing > 0 else flip(img)


def bottle(hh, rng, kind=None):
    u = hh * SS
    Wd = 0.3 * u
    img = new_sprite(Wd, u)
    w, h = img.size
    kind = kind or _pick(rng, ["green", "brown", "clear", "water"])
    glass = {"green": (40, 120, 60), "brown": (110, 60, 25), "clear": (170, 200, 205), "water": (140, 190, 225)}[kind]
    cx = Wd / 2
    m, d = new_mask(img)
    nw = 0.09 * u
    d.rectangle([cx - nw / 2, 0.02 * u, cx + nw / 2, 0.35 * u], fill=255)
    d.polygon([(cx - nw / 2, 0.28 * u), (cx + nw / 2, 0.28 * u), (Wd - 1, 0.45 * u), (0, 0.45 * u)], fill=255)
    d.rounded_rectangle([0, 0.42 * u, Wd - 1, u - 1], radius=0.05 * u, fill=255)
    m = smooth(m, 0.02 * u)
    put(img, texture(shade_cyl(w, h, glass, 0, Wd, amb=0.45, spec=0.5, light=0.3), rng, 3, fine=1), m)
    # cap
    m2, d = new_mask(img)
    d.rounded_rectangle([cx - nw * 0.62, 0, cx + nw * 0.62, 0.075 * u], radius=0.01 * u, fill=255)
    put(img, shade_cyl(w, h, _pick(rng, [(200, 170, 40), (220, 220, 225), (200, 40, 40), (30, 90, 170)]),
                       cx - nw, cx + nw), m2)
    # label
    if kind != "clear":
        m3, d = new_mask(img)
        d.rectangle([0, 0.58 * u, Wd, 0.82 * u], fill=255)
        lab = _pick(rng, [(240, 235, 220), (250, 250, 250), (230, 60, 50), (250, 210, 80)])
        put(img, shade_cyl(w, h, lab, 0, Wd, amb=0.55), clip_mask(m3, m))
        f = font(0.06 * u)
        txt = _pick(rng, ["생수", "탄산수", "주스", "식초", "간장"])
        ImageDraw.Draw(img).text((0.18 * Wd, 0.64 * u), txt, font=f, fill=(60, 40, 30, 230))
    return img


def apple(dd, rng, color=None):
    u = dd * SS
    img = new_sprite(u, u * 1.08)
    w, h = img.size
    color = color or _pick(rng, [(190, 25, 30), (175, 35, 35), (200, 50, 30), (120, 170, 50)])
    off = 0.08 * u
    m, d = new_mask(img)
    d.ellipse([0, off + 0.02 * u, 0.62 * u, u * 1.06], fill=255)
    d.ellipse([0.38 * u, off + 0.02 * u, u - 1, u * 1.06], fill=255)
    d.ellipse([0.12 * u, off + 0.1 * u, 0.88 * u, u * 1.08 - 1], fill=255)
    m = smooth(m, 0.03 * u)
    fill = shade_sphere(w, h, color, u / 2, off + 0.55 * u, 0.52 * u, amb=0.4, spec=0.45)
    fill = texture(fill, rng, 8, cells=6, fine=3)
    put(img, fill, m)
    m2, d = new_mask(img)
    d.line([0.5 * u, off + 0.15 * u, 0.53 * u, 0.0], fill=255, width=max(2, int(0.05 * u)))
    put(img, (90, 60, 30), m2)
    if rng.random() < 0.6:
        m3, d = new_mask(img)
        d.ellipse([0.53 * u, 0.0, 0.8 * u, 0.1 * u], fill=255)
        put(img, (70, 140, 50), m3)
    return img


def orange(dd, rng):
    u = dd * SS
    img = new_sprite(u, u)
    w, h = img.size
    m, d = new_mask(img)
    d.ellipse([0, 0, u - 1, u - 1], fill=255)
    col = _pick(rng, [(240, 140, 20), (245, 155, 30), (235, 125, 15)])
    fill = shade_sphere(w, h, col, u / 2, u / 2, u / 2, amb=0.45, spec=0.35, spec_size=0.25)
    fill = fill + rng.normal(0, 9, (h, w, 1)).astype(np.float32)   # peel dimples
    put(img, fill, m)
    m2, d = new_mask(img)
    d.ellipse([0.46 * u, 0.1 * u, 0.54 * u, 0.16 * u], fill=255)
    put(img, (90, 110, 40), m2)
    return img


def banana(L, rng, facing=1):
    u = L * SS
    Hd = 0.42 * u
    img = new_sprite(u, Hd)
    w, h = img.size
    m, d = new_mask(img)
    # crescent = big circle minus offset circle
    R = 0.62 * u
    cx, cy = u / 2, Hd - R * 1.0 - 0.03 * u + R * 0.0
    cy = -R + Hd - 0.02 * u
    d.ellipse([cx - R, cy - R + 0.0, cx + R, cy + R], fill=255)
    m2 = Image.new("L", img.size, 0)
    ImageDraw.Draw(m2).ellipse([cx - R * 1.02, cy - R - 0.19 * u, cx + R * 1.02, cy + R - 0.19 * u], fill=255)
    mask = Image.fromarray(((np.asarray(m) > 0) & (np.asarray(m2) == 0)).astype(np.uint8) * 255, "L")
    clip = Image.new("L", img.size, 0)
    ImageDraw.Draw(clip).rectangle([0.07 * u, 0, 0.93 * u, Hd], fill=255)
    mask = clip_mask(mask, clip)
    mask = smooth(mask, 0.02 * u)
    yel = _pick(rng, [(245, 215, 60), (240, 205, 50), (230, 215, 80)])
    fill = shade_cyl(w, h, yel, 0.05 * Hd, Hd, amb=0.55, light=0.6, horizontal=False)
    fill = texture(fill, rng, 6, cells=5, fine=3)
    put(img, fill, mask)
    # brown tips and a few spots
    m3, d = new_mask(img)
    d.rectangle([0, 0, 0.11 * u, Hd], fill=255)
    d.rectangle([0.89 * u, 0, u, Hd], fill=255)
    put(img, (85, 60, 30), clip_mask(m3, mask))
    m4, d = new_mask(img)
    for _ in range(6):
        sx, sy = rng.uniform(0.2, 0.8) * u, rng.uniform(0.3, 0.9) * Hd
        d.ellipse([sx, sy, sx + 0.012 * u, sy + 0.01 * u], fill=255)
    put(img, (110, 80, 30), clip_mask(m4, mask), 0.8)
    img = img.crop(mask.getbbox()) if mask.getbbox() else img
    return img if facing > 0 else flip(img)


def bowl(ww, rng, color=None):
    u = ww * SS
    Hd = 0.45 * u
    img = new_sprite(u, Hd)
    w, h = img.size
    color = color or _pick(rng, [(245, 245, 240), (60, 110, 160), (200, 90, 60), (230, 220, 190)])
    m, d = new_mask(img)
    d.chord([0, -0.55 * Hd, u - 1, Hd * 0.98], 0, 180, fill=255)
    d.ellipse([0, 0, u - 1, 0.36 * Hd], fill=255)
    d.ellipse([0.3 * u, 0.85 * Hd, 0.7 * u, Hd - 1], fill=255)
    put(img, texture(shade_cyl(w, h, color, 0, u, amb=0.55, spec=0.3), rng, 3, fine=2), m)
    m2, d = new_mask(img)
    d.ellipse([0.03 * u, 0.02 * Hd, 0.97 * u, 0.34 * Hd], fill=255)
    put(img, vgrad(w, h, rgb(color, 0.55), rgb(color, 0.85)), m2)
    return img


def plate(ww, rng):
    u = ww * SS
    Hd = 0.3 * u
    img = new_sprite(u, Hd)
    w, h = img.size
    m, d = new_mask(img)
    d.ellipse([0, 0, u - 1, Hd - 1], fill=255)
    put(img, vgrad(w, h, (230, 232, 235), (200, 202, 208)), m)
    m2, d = new_mask(img)
    d.ellipse([0.14 * u, 0.14 * Hd, 0.86 * u, 0.86 * Hd], fill=255)
    put(img, vgrad(w, h, (245, 246, 248), (225, 226, 230)), m2)
    return img


# =========================================================================== top-down
def car_top(L, color, rng):
    """car seen from above, pointing up (front at the top)"""
    u = L * SS
    Wd = 0.46 * u
    img = new_sprite(Wd, u)
    w, h = img.size
    m, d = new_mask(img)
    d.rounded_rectangle([0, 0, Wd - 1, u - 1], radius=0.22 * Wd, fill=255)
    body = smooth(m, 0.01 * u)
    fill = shade_cyl(w, h, color, 0, Wd, amb=0.6, light=0.4, spec=0.15)
    fill = texture(fill, rng, 5, fine=2)
    put(img, fill, body)
    # windscreen (front), rear window, roof
    m, d = new_mask(img)
    d.polygon([(0.1 * Wd, 0.40 * u), (0.9 * Wd, 0.40 * u), (0.8 * Wd, 0.27 * u), (0.2 * Wd, 0.27 * u)], fill=255)
    d.polygon([(0.12 * Wd, 0.73 * u), (0.88 * Wd, 0.73 * u), (0.8 * Wd, 0.82 * u), (0.2 * Wd, 0.82 * u)], fill=255)
    put(img, vgrad(w, h, (40, 52, 66), (95, 115, 135)), smooth(m, 0.01 * u))
    m, d = new_mask(img)
    d.rounded_rectangle([0.14 * Wd, 0.40 * u, 0.86 * Wd, 0.73 * u], radius=0.1 * Wd, fill=255)
    put(img, shade_cyl(w, h, rgb(color, 1.08, 8), 0, Wd, amb=0.7, light=0.4), m)
    # side windows hints
    m, d = new_mask(img)
    d.rectangle([0.06 * Wd, 0.42 * u, 0.12 * Wd, 0.71 * u], fill=255)
    d.rectangle([0.88 * Wd, 0.42 * u, 0.94 * Wd, 0.71 * u], fill=255)
    put(img, (45, 55, 65), m, 0.8)
    m, d = new_mask(img)
    d.ellipse([0.08 * Wd, 0.005 * u, 0.3 * Wd, 0.035 * u], fill=255)
    d.ellipse([0.7 * Wd, 0.005 * u, 0.92 * Wd, 0.035 * u], fill=255)
    put(img, (250, 245, 215), clip_mask(m, body))
    m, d = new_mask(img)
    d.rectangle([0.06 * Wd, 0.975 * u, 0.28 * Wd, u], fill=255)
    d.rectangle([0.72 * Wd, 0.975 * u, 0.94 * Wd, u], fill=255)
    put(img, (190, 25, 25), clip_mask(m, body))
    # hood line
    m, d = new_mask(img)
    d.line([0.5 * Wd, 0.05 * u, 0.5 * Wd, 0.25 * u], fill=255, width=max(1, int(0.01 * u)))
    put(img, rgb(color, 0.8), m, 0.5)
    return img


def truck_top(L, rng):
    u = L * SS
    Wd = 0.40 * u
    img = new_sprite(Wd, u)
    w, h = img.size
    cab = _pick(rng, [(30, 80, 160), (240, 240, 240), (200, 40, 40)])
    m, d = new_mask(img)
    d.rounded_rectangle([0.03 * Wd, 0, 0.97 * Wd, 0.22 * u], radius=0.15 * Wd, fill=255)
    put(img, shade_cyl(w, h, cab, 0, Wd, amb=0.6), m)
    m, d = new_mask(img)
    d.polygon([(0.12 * Wd, 0.07 * u), (0.88 * Wd, 0.07 * u), (0.82 * Wd, 0.12 * u), (0.18 * Wd, 0.12 * u)], fill=255)
    put(img, (40, 50, 62), m)
    m, d = new_mask(img)
    d.rectangle([0, 0.235 * u, Wd - 1, u - 1], fill=255)
    put(img, texture(shade_cyl(w, h, (225, 226, 222), 0, Wd, amb=0.7), rng, 4, fine=2), m)
    m, d = new_mask(img)
    for k in range(1, 8):
        y = 0.235 * u + (u * 0.765) * k / 8
        d.line([0, y, Wd, y], fill=255, width=max(1, int(0.004 * u)))
    put(img, (180, 182, 178), m)
    return img


def person_top(dd, rng):
    u = dd * SS
    img = new_sprite(u, u * 0.75)
    w, h = img.size
    shirt = _pick(rng, SHIRTS)
    m, d = new_mask(img)
    d.ellipse([0, 0.1 * u, u - 1, 0.65 * u], fill=255)
    put(img, shade_sphere(w, h, shirt, u / 2, 0.37 * u, 0.5 * u, amb=0.55, spec=0.1), m)
    m, d = new_mask(img)
    r = 0.22 * u
    d.ellipse([u / 2 - r, 0.37 * u - r, u / 2 + r, 0.37 * u + r], fill=255)
    put(img, shade_sphere(w, h, _pick(rng, HAIR), u / 2, 0.37 * u, r, amb=0.6, spec=0.2), m)
    return img


def tree_top(dd, rng):
    u = dd * SS
    img = new_sprite(u, u)
    w, h = img.size
    leaf = _pick(rng, [(55, 110, 45), (70, 125, 50), (45, 100, 55)])
    m, d = new_mask(img)
    for _ in range(11):
        br = rng.uniform(0.2, 0.3) * u
        a, rr = rng.uniform(0, 2 * math.pi), rng.uniform(0, 0.22) * u
        bx, by = u / 2 + math.cos(a) * rr, u / 2 + math.sin(a) * rr
        d.ellipse([bx - br, by - br, bx + br, by + br], fill=255)
    fill = shade_sphere(w, h, leaf, u / 2, u / 2, u / 2, amb=0.55, spec=0.1)
    put(img, texture(fill, rng, 18, cells=12, fine=14), m)
    return img


# =========================================================================== animals
def _legs(d, xs, top, bottom, lw, bend):
    for i, x in enumerate(xs):
        b = bend[i]
        d.line([x, top, x + b, (top + bottom) / 2, x + b * 0.3, bottom], fill=255, width=int(lw), joint="curve")


def cow(L, rng, facing=1, coat=None):
    u = L * SS
    Hd = 0.66 * u
    img = new_sprite(u, Hd)
    w, h = img.size
    coat = coat or _pick(rng, ["holstein", "brown", "hanwoo"])
    base = {"holstein": (238, 236, 230), "brown": (130, 85, 55), "hanwoo": (185, 120, 60)}[coat]
    m, d = new_mask(img)
    d.rounded_rectangle([0.1 * u, 0.18 * Hd, 0.78 * u, 0.66 * Hd], radius=0.18 * Hd, fill=255)
    stride = rng.uniform(-1, 1) * 0.03 * u
    _legs(d, [0.16 * u, 0.27 * u, 0.62 * u, 0.72 * u], 0.55 * Hd, Hd - 0.06 * Hd, 0.065 * u,
          [stride, -stride, -stride, stride])
    # neck + head
    d.polygon([(0.70 * u, 0.22 * Hd), (0.86 * u, 0.14 * Hd), (0.9 * u, 0.42 * Hd), (0.74 * u, 0.55 * Hd)], fill=255)
    d.rounded_rectangle([0.82 * u, 0.12 * Hd, 0.99 * u, 0.46 * Hd], radius=0.05 * u, fill=255)
    # tail
    d.line([0.105 * u, 0.24 * Hd, 0.06 * u, 0.35 * Hd, 0.07 * u, 0.65 * Hd], fill=255, width=max(2, int(0.015 * u)), joint="curve")
    d.ellipse([0.045 * u, 0.62 * Hd, 0.095 * u, 0.74 * Hd], fill=255)
    # ears
    d.polygon([(0.83 * u, 0.16 * Hd), (0.77 * u, 0.13 * Hd), (0.84 * u, 0.23 * Hd)], fill=255)
    body = smooth(m, 0.01 * u)
    fill = shade_v(w, h, base, 1.15, 0.72, 0.15 * Hd, Hd)
    fill = texture(fill, rng, 8, cells=6, fine=5)
    put(img, fill, body)
    if coat == "holstein":
        sp, d = new_mask(img)
        for _ in range(7):
            sx, sy = rng.uniform(0.15, 0.9) * u, rng.uniform(0.15, 0.7) * Hd
            sr = rng.uniform(0.05, 0.1) * u
            pts = [(sx + math.cos(a) * sr * rng.uniform(0.6, 1.2), sy + math.sin(a) * sr * rng.uniform(0.5, 1.1))
                   for a in np.linspace(0, 2 * math.pi, 9)[:-1]]
            d.polygon(pts, fill=255)
        put(img, (28, 26, 26), clip_mask(smooth(sp, 0.01 * u), body))
    # hooves, muzzle, eye, horns
    m2, d = new_mask(img)
    d.rectangle([0, Hd - 0.07 * Hd, u, Hd], fill=255)
    put(img, (40, 35, 30), clip_mask(m2, body))
    m3, d = new_mask(img)
    d.rounded_rectangle([0.925 * u, 0.32 * Hd, 0.99 * u, 0.46 * Hd], radius=0.02 * u, fill=255)
    put(img, (200, 150, 140) if coat == "holstein" else (90, 60, 50), clip_mask(m3, body))
    m4, d = new_mask(img)
    d.ellipse([0.885 * u, 0.2 * Hd, 0.905 * u, 0.235 * Hd], fill=255)
    put(img, (15, 15, 15), m4)
    if coat != "hanwoo":
        m5, d = new_mask(img)
        d.line([0.86 * u, 0.13 * Hd, 0.87 * u, 0.04 * Hd], fill=255, width=max(2, int(0.014 * u)))
        put(img, (225, 215, 190), m5)
    return img if facing > 0 else flip(img)


def sheep(L, rng, facing=1):
    u = L * SS
    Hd = 0.7 * u
    img = new_sprite(u, Hd)
    w, h = img.size
    m, d = new_mask(img)
    _legs(d, [0.22 * u, 0.32 * u, 0.62 * u, 0.72 * u], 0.5 * Hd, Hd - 0.01 * Hd, 0.055 * u, [0.01 * u, -0.01 * u, 0, 0.01 * u])
    d.polygon([(0.78 * u, 0.3 * Hd), (0.93 * u, 0.2 * Hd), (0.99 * u, 0.42 * Hd), (0.9 * u, 0.5 * Hd)], fill=255)
    d.ellipse([0.82 * u, 0.12 * Hd, 0.99 * u, 0.46 * Hd], fill=255)
    d.ellipse([0.76 * u, 0.16 * Hd, 0.87 * u, 0.26 * Hd], fill=255)
    dark = smooth(m, 0.01 * u)
    put(img, texture(shade_v(w, h, (45, 40, 38), 1.3, 0.8), rng, 4, fine=4), dark)
    m4, d = new_mask(img)
    d.ellipse([0.9 * u, 0.22 * Hd, 0.92 * u, 0.25 * Hd], fill=255)
    put(img, (210, 200, 160), m4)
    wool, d = new_mask(img)
    blobs = []
    for _ in range(26):
        br = rng.uniform(0.07, 0.11) * u
        bx = rng.uniform(0.1 * u + br, 0.8 * u - br)
        by = rng.uniform(0.12 * Hd + br, 0.62 * Hd - br * 0.4)
        blobs.append((bx, by, br))
        d.ellipse([bx - br, by - br, bx + br, by + br], fill=255)
    d.ellipse([0.08 * u, 0.15 * Hd, 0.82 * u, 0.66 * Hd], fill=255)
    base = _pick(rng, [(236, 232, 220), (225, 220, 205), (240, 238, 232)])
    put(img, shade_v(w, h, base, 1.1, 0.75, 0.1 * Hd, 0.7 * Hd), wool)
    for bx, by, br in blobs:
        mm, dd = new_mask(img)
        dd.ellipse([bx - br, by - br, bx + br, by + br], fill=255)
        put(img, shade_sphere(w, h, base, bx, by, br, amb=0.7, spec=0.12), mm, 0.55)
    return img if facing > 0 else flip(img)


def horse(L, rng, facing=1):
    u = L * SS
    Hd = 0.95 * u
    img = new_sprite(u, Hd)
    w, h = img.size
    coat = _pick(rng, [(120, 70, 35), (75, 45, 30), (165, 110, 60), (225, 220, 210), (40, 32, 30)])
    m, d = new_mask(img)
    d.ellipse([0.12 * u, 0.30 * Hd, 0.78 * u, 0.62 * Hd], fill=255)
    st = rng.uniform(-1, 1) * 0.04 * u
    _legs(d, [0.2 * u, 0.3 * u, 0.62 * u, 0.71 * u], 0.5 * Hd, Hd - 0.04 * Hd, 0.045 * u, [st, -st, -st, st])
    d.polygon([(0.64 * u, 0.36 * Hd), (0.80 * u, 0.06 * Hd), (0.90 * u, 0.10 * Hd), (0.78 * u, 0.50 * Hd)], fill=255)
    d.polygon([(0.80 * u, 0.05 * Hd), (0.88 * u, 0.02 * Hd), (0.99 * u, 0.22 * Hd), (0.95 * u, 0.27 * Hd), (0.84 * u, 0.20 * Hd)], fill=255)
    d.polygon([(0.82 * u, 0.05 * Hd), (0.83 * u, 0.0), (0.85 * u, 0.04 * Hd)], fill=255)
    body = smooth(m, 0.008 * u)
    put(img, texture(shade_v(w, h, coat, 1.2, 0.7, 0.0, 0.7 * Hd), rng, 8, cells=6, fine=4), body)
    m2, d = new_mask(img)
    hair = rgb(coat, 0.35) if sum(coat) > 200 else (20, 18, 16)
    d.line([0.79 * u, 0.05 * Hd, 0.68 * u, 0.34 * Hd], fill=255, width=max(2, int(0.03 * u)))
    d.line([0.16 * u, 0.37 * Hd, 0.08 * u, 0.5 * Hd, 0.09 * u, 0.72 * Hd], fill=255, width=max(2, int(0.045 * u)), joint="curve")
    put(img, hair, smooth(m2, 0.005 * u))
    m3, d = new_mask(img)
    d.rectangle([0, Hd - 0.05 * Hd, u, Hd], fill=255)
    put(img, (35, 30, 28), clip_mask(m3, body))
    m4, d = new_mask(img)
    d.ellipse([0.89 * u, 0.10 * Hd, 0.91 * u, 0.125 * Hd], fill=255)
    put(img, (10, 10, 10), m4)
    return img if facing > 0 else flip(img)


def dog(L, rng, facing=1):
    u = L * SS
    Hd = 0.78 * u
    img = new_sprite(u, Hd)
    w, h = img.size
    coat = _pick(rng, [(200, 150, 80), (60, 45, 35), (235, 225, 205), (170, 110, 60), (30, 28, 28)])
    m, d = new_mask(img)
    d.rounded_rectangle([0.14 * u, 0.32 * Hd, 0.76 * u, 0.62 * Hd], radius=0.14 * Hd, fill=255)
    _legs(d, [0.2 * u, 0.3 * u, 0.62 * u, 0.7 * u], 0.5 * Hd, Hd - 0.02 * Hd, 0.06 * u, [0.01 * u, -0.02 * u, 0.01 * u, -0.01 * u])
    d.polygon([(0.66 * u, 0.36 * Hd), (0.78 * u, 0.14 * Hd), (0.88 * u, 0.2 * Hd), (0.78 * u, 0.5 * Hd)], fill=255)
    d.ellipse([0.72 * u, 0.06 * Hd, 0.92 * u, 0.34 * Hd], fill=255)
    d.rounded_rectangle([0.84 * u, 0.17 * Hd, 0.99 * u, 0.31 * Hd], radius=0.04 * u, fill=255)
    d.line([0.15 * u, 0.38 * Hd, 0.06 * u, 0.2 * Hd, 0.03 * u, 0.05 * Hd], fill=255, width=max(2, int(0.04 * u)), joint="curve")
    body = smooth(m, 0.01 * u)
    put(img, texture(shade_v(w, h, coat, 1.2, 0.72, 0, Hd), rng, 8, cells=6, fine=5), body)
    m2, d = new_mask(img)
    d.polygon([(0.76 * u, 0.09 * Hd), (0.72 * u, 0.32 * Hd), (0.80 * u, 0.3 * Hd), (0.82 * u, 0.08 * Hd)], fill=255)
    put(img, rgb(coat, 0.6), m2)
    m3, d = new_mask(img)
    d.ellipse([0.965 * u, 0.17 * Hd, 1.0 * u, 0.23 * Hd], fill=255)
    d.ellipse([0.85 * u, 0.14 * Hd, 0.875 * u, 0.18 * Hd], fill=255)
    put(img, (12, 12, 12), clip_mask(m3, body))
    if rng.random() < 0.5:
        m4, d = new_mask(img)
        d.line([0.75 * u, 0.36 * Hd, 0.81 * u, 0.44 * Hd], fill=255, width=max(2, int(0.025 * u)))
        put(img, (200, 30, 40), clip_mask(m4, body))
    return img if facing > 0 else flip(img)


def bird(ww, rng, facing=1):
    u = ww * SS
    Hd = 0.55 * u
    img = new_sprite(u, Hd)
    w, h = img.size
    col = _pick(rng, [(40, 40, 45), (70, 60, 55), (30, 35, 50)])
    up = rng.uniform(-0.25, 0.35)
    m, d = new_mask(img)
    cy = 0.55 * Hd
    d.ellipse([0.32 * u, cy - 0.09 * u, 0.72 * u, cy + 0.07 * u], fill=255)
    d.ellipse([0.66 * u, cy - 0.11 * u, 0.8 * u, cy + 0.02 * u], fill=255)
    d.polygon([(0.8 * u, cy - 0.06 * u), (0.9 * u, cy - 0.03 * u), (0.79 * u, cy - 0.01 * u)], fill=255)
    wy = cy - (0.5 + up) * Hd * 0.8
    d.polygon([(0.42 * u, cy - 0.04 * u), (0.0, wy + 0.1 * Hd), (0.1 * u, wy + 0.2 * Hd), (0.55 * u, cy)], fill=255)
    d.polygon([(0.48 * u, cy - 0.04 * u), (0.62 * u, wy), (0.7 * u, wy + 0.1 * Hd), (0.6 * u, cy)], fill=255)
    d.polygon([(0.34 * u, cy - 0.02 * u), (0.12 * u, cy + 0.05 * u), (0.14 * u, cy + 0.12 * u), (0.36 * u, cy + 0.04 * u)], fill=255)
    m = smooth(m, 0.008 * u)
    put(img, shade_v(w, h, col, 1.3, 0.8), m)
    return img if facing > 0 else flip(img)


def fence(width, height, rng, color=(150, 115, 80)):
    u, hh = width * SS, height * SS
    img = new_sprite(u, hh)
    w, h = img.size
    m, d = new_mask(img)
    step = rng.uniform(0.09, 0.13) * u
    x = rng.uniform(0, step)
    pw = 0.018 * u
    while x < u:
        d.rectangle([x, 0.0, x + pw, hh - 1], fill=255)
        x += step
    for fy in (0.18, 0.55):
        d.rectangle([0, fy * hh, u, fy * hh + 0.12 * hh], fill=255)
    put(img, texture(shade_v(w, h, color, 1.15, 0.75), rng, 10, cells=20, fine=10), m)
    return img


def haybale(dd, rng):
    u = dd * SS
    img = new_sprite(u * 1.15, u)
    w, h = img.size
    m, d = new_mask(img)
    d.rounded_rectangle([0, 0, u * 1.15 - 1, u - 1], radius=0.35 * u, fill=255)
    fill = texture(shade_cyl(w, h, (205, 175, 95), amb=0.55, horizontal=False), rng, 12, cells=12, fine=18)
    put(img, fill, m)
    return img


# =========================================================================== signs
def sign(kind, size, rng, angle=0.0):
    """traffic sign face only; angle in degrees (counter-clockwise)"""
    u = size * SS
    img = new_sprite(u, u)
    w, h = img.size
    c = u / 2
    m, d = new_mask(img)
    if kind == "stop_sign":
        pts = [(c + 0.5 * u * math.cos(math.pi / 8 + k * math.pi / 4), c + 0.5 * u * math.sin(math.pi / 8 + k * math.pi / 4))
               for k in range(8)]
        d.polygon(pts, fill=255)
        put(img, shade_sphere(w, h, (205, 25, 30), c, c, u * 0.7, amb=0.7, spec=0.12), m)
        m2, d2 = new_mask(img)
        pts2 = [(c + 0.43 * u * math.cos(math.pi / 8 + k * math.pi / 4), c + 0.43 * u * math.sin(math.pi / 8 + k * math.pi / 4))
                for k in range(8)]
        d2.polygon(pts2, outline=255, width=max(2, int(0.035 * u)))
        put(img, (245, 245, 245), m2)
        f = font(0.3 * u)
        txt = "정지" if rng.random() < 0.6 else "STOP"
        dd = ImageDraw.Draw(img)
        tb = dd.textbbox((0, 0), txt, font=f)
        dd.text((c - (tb[2] - tb[0]) / 2 - tb[0], c - (tb[3] - tb[1]) / 2 - tb[1]), txt, font=f, fill=(250, 250, 250, 255))
    elif kind == "speed_limit_sign":
        d.ellipse([0, 0, u - 1, u - 1], fill=255)
        put(img, shade_sphere(w, h, (210, 30, 35), c, c, u * 0.7, amb=0.7, spec=0.1), m)
        m2, d2 = new_mask(img)
        d2.ellipse([0.13 * u, 0.13 * u, 0.87 * u, 0.87 * u], fill=255)
        put(img, shade_sphere(w, h, (245, 245, 242), c, c, u * 0.7, amb=0.8, spec=0.1), m2)
        f = font(0.36 * u)
        txt = _pick(rng, ["30", "50", "60", "80"])
        dd = ImageDraw.Draw(img)
        tb = dd.textbbox((0, 0), txt, font=f)
        dd.text((c - (tb[2] - tb[0]) / 2 - tb[0], c - (tb[3] - tb[1]) / 2 - tb[1]), txt, font=f, fill=(20, 20, 20, 255))
    elif kind == "warning_sign":
        th = u * 0.88
        pts = [(c, 0.04 * u), (u - 1, 0.04 * u + th), (0, 0.04 * u + th)]
        d.polygon(pts, fill=255)
        m = smooth(m, 0.02 * u)
        put(img, (205, 30, 35), m)
        m2, d2 = new_mask(img)
        k = 0.14
        d2.polygon([(c, 0.04 * u + 0.2 * th), (u * (1 - k), 0.04 * u + th * 0.9), (u * k, 0.04 * u + th * 0.9)], fill=255)
        put(img, shade_sphere(w, h, (250, 200, 30), c, c, u * 0.7, amb=0.8, spec=0.1), smooth(m2, 0.015 * u))
        m3, d3 = new_mask(img)
        pic = _pick(rng, ["!", "kids", "curve"])
        if pic == "!":
            d3.rectangle([c - 0.035 * u, 0.38 * u, c + 0.035 * u, 0.68 * u], fill=255)
            d3.ellipse([c - 0.04 * u, 0.72 * u, c + 0.04 * u, 0.8 * u], fill=255)
        elif pic == "kids":
            for ox in (-0.09, 0.08):
                x0 = c + ox * u
                d3.ellipse([x0 - 0.035 * u, 0.42 * u, x0 + 0.035 * u, 0.49 * u], fill=255)
                d3.line([x0, 0.49 * u, x0, 0.66 * u], fill=255, width=int(0.04 * u))
                d3.line([x0 - 0.04 * u, 0.8 * u, x0, 0.66 * u, x0 + 0.04 * u, 0.8 * u], fill=255, width=int(0.03 * u))
        else:
            d3.line([c - 0.02 * u, 0.82 * u, c - 0.05 * u, 0.62 * u, c + 0.06 * u, 0.5 * u, c + 0.03 * u, 0.38 * u],
                    fill=255, width=int(0.045 * u), joint="curve")
        put(img, (20, 20, 20), m3)
    else:  # mandatory_sign (blue circle with a white arrow)
        d.ellipse([0, 0, u - 1, u - 1], fill=255)
        put(img, shade_sphere(w, h, (25, 80, 180), c, c, u * 0.7, amb=0.7, spec=0.15), m)
        m2, d2 = new_mask(img)
        d2.line([c, 0.78 * u, c, 0.35 * u], fill=255, width=int(0.1 * u))
        d2.polygon([(c, 0.16 * u), (c + 0.18 * u, 0.38 * u), (c - 0.18 * u, 0.38 * u)], fill=255)
        a_img = Image.new("L", img.size, 0)
        a_img.paste(m2.rotate(_pick(rng, [0, 0, -90, 90]), resample=Image.BICUBIC), (0, 0))
        put(img, (248, 248, 248), a_img)
    if angle:
        img = rotate_rgba(img, angle)
    return img
