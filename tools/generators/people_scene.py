"""Backgrounds, ground shadows and occluding objects for the people generator."""

from __future__ import annotations

import random

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from tools.generators.people_render import SS

RGB = tuple[int, int, int]


def _scaled(color: RGB, factor: float) -> RGB:
    return (int(color[0] * factor), int(color[1] * factor), int(color[2] * factor))


def _gradient(w: int, h: int, top: RGB, bottom: RGB) -> Image.Image:
    t = np.linspace(0, 1, h, dtype=np.float32)[:, None, None]
    arr = np.asarray(top, np.float32) * (1 - t) + np.asarray(bottom, np.float32) * t
    return Image.fromarray(np.repeat(arr, w, axis=1).astype(np.uint8), "RGB")


def _speckle(img: Image.Image, rng: random.Random, box: tuple[int, int, int, int], amp: float) -> None:
    """Low-frequency texture inside a box (grass, sand, carpet)."""
    x0, y0, x1, y1 = box
    g = np.random.default_rng(rng.randrange(2**32))
    w, h = x1 - x0, y1 - y0
    small = g.normal(0, 1, (max(2, h // 6), max(2, w // 6))).astype(np.float32)
    small = (small - small.min()) / (np.ptp(small) + 1e-6)
    tex = (
        np.asarray(Image.fromarray((small * 255).astype(np.uint8)).resize((w, h), Image.Resampling.BICUBIC), np.float32)
        / 255
        - 0.5
    )
    region = np.asarray(img.crop(box), np.float32) * (1 + amp * tex[..., None])
    img.paste(Image.fromarray(np.clip(region, 0, 255).astype(np.uint8)), (x0, y0))


def park(rng: random.Random, w: int, h: int, horizon: int) -> Image.Image:
    img = _gradient(w, h, (110, 165, 225), (200, 225, 245))
    d = ImageDraw.Draw(img)
    for _ in range(rng.randint(2, 4)):  # clouds
        cx, cy = rng.uniform(0, w), rng.uniform(20, horizon * 0.5)
        for k in range(4):
            r = rng.uniform(14, 26)
            d.ellipse((cx + k * 18 - r, cy - r * 0.7, cx + k * 18 + r, cy + r * 0.7), fill=(245, 248, 252))
    for _ in range(rng.randint(6, 10)):  # tree line
        tx = rng.uniform(-20, w + 20)
        tr = rng.uniform(30, 60)
        ty = horizon - tr * rng.uniform(0.5, 1.1)
        d.rectangle((tx - 5, ty, tx + 5, horizon), fill=(90, 66, 44))
        shade = rng.choice([(60, 120, 60), (70, 135, 70), (50, 105, 55)])
        d.ellipse((tx - tr, ty - tr, tx + tr, ty + tr * 0.8), fill=shade)
    d.rectangle((0, horizon, w, h), fill=rng.choice([(110, 170, 80), (96, 156, 72), (125, 175, 90)]))
    _speckle(img, rng, (0, horizon, w, h), 0.25)
    py = rng.uniform(horizon + 20, h - 40)
    d = ImageDraw.Draw(img)
    d.polygon([(0, py), (w, py - 30), (w, py + 16), (0, py + 40)], fill=(210, 195, 160))
    return img


def room(rng: random.Random, w: int, h: int, horizon: int) -> Image.Image:
    wall = rng.choice([(232, 226, 212), (214, 226, 232), (236, 218, 206), (220, 230, 214)])
    img = _gradient(w, horizon, wall, _scaled(wall, 0.9))
    full = Image.new("RGB", (w, h))
    full.paste(img, (0, 0))
    d = ImageDraw.Draw(full)
    floor = rng.choice([(170, 125, 85), (150, 110, 75), (190, 170, 140)])
    d.rectangle((0, horizon, w, h), fill=floor)
    for k in range(0, h - horizon, 26):  # floor boards
        d.line((0, horizon + k, w, horizon + k), fill=tuple(int(c * 0.85) for c in floor), width=1)
    _speckle(full, rng, (0, horizon, w, h), 0.15)
    d = ImageDraw.Draw(full)
    d.rectangle((0, horizon - 14, w, horizon), fill=(245, 245, 240))
    wx = rng.uniform(40, w - 220)
    d.rectangle((wx, 50, wx + 170, horizon - 90), fill=(250, 250, 250))
    d.rectangle((wx + 8, 58, wx + 162, horizon - 98), fill=(170, 210, 240))
    d.line((wx + 85, 58, wx + 85, horizon - 98), fill=(250, 250, 250), width=6)
    fx = (wx + 260) % (w - 120)
    d.rectangle((fx, 80, fx + 90, 150), fill=(80, 60, 40))
    d.rectangle((fx + 6, 86, fx + 84, 144), fill=rng.choice([(120, 160, 190), (200, 160, 110), (150, 190, 140)]))
    return full


def street(rng: random.Random, w: int, h: int, horizon: int) -> Image.Image:
    img = _gradient(w, h, (150, 185, 220), (215, 228, 240))
    d = ImageDraw.Draw(img)
    x = -rng.uniform(0, 60)
    while x < w:
        bw = rng.uniform(90, 170)
        bh = rng.uniform(120, horizon - 20)
        col = rng.choice([(190, 180, 170), (160, 150, 150), (205, 195, 180), (150, 165, 175), (180, 140, 120)])
        d.rectangle((x, horizon - bh, x + bw, horizon), fill=col)
        for wy in np.arange(horizon - bh + 14, horizon - 30, 34):
            for wxx in np.arange(x + 12, x + bw - 24, 30):
                d.rectangle((wxx, wy, wxx + 16, wy + 20), fill=(110, 140, 170))
        x += bw + rng.uniform(0, 8)
    d.rectangle((0, horizon, w, h), fill=(175, 175, 172))
    for k in range(0, w + 60, 60):
        d.line((k, horizon, k - 40, h), fill=(150, 150, 148), width=2)
    _speckle(img, rng, (0, horizon, w, h), 0.12)
    return img


def studio(rng: random.Random, w: int, h: int, horizon: int) -> Image.Image:
    wall = rng.choice([(200, 205, 215), (230, 225, 220), (170, 190, 200)])
    img = _gradient(w, h, wall, _scaled(wall, 0.85))
    d = ImageDraw.Draw(img)
    floor = (196, 160, 115)
    d.rectangle((0, horizon, w, h), fill=floor)
    for k in range(-h, w, 38):
        d.line((k, h, k + (h - horizon) * 0.6, horizon), fill=(176, 140, 98), width=2)
    mat = rng.choice([(70, 110, 170), (170, 70, 90), (90, 150, 110)])
    mx = rng.uniform(60, w - 300)
    d.polygon([(mx, h - 20), (mx + 260, h - 20), (mx + 230, horizon + 30), (mx + 30, horizon + 30)], fill=mat)
    for k in range(0, w, 160):
        d.rectangle((k + 10, 40, k + 140, horizon - 30), outline=(235, 235, 240), width=4)
    _speckle(img, rng, (0, 0, w, h), 0.05)
    return img


def beach(rng: random.Random, w: int, h: int, horizon: int) -> Image.Image:
    img = _gradient(w, h, (90, 160, 230), (190, 225, 245))
    d = ImageDraw.Draw(img)
    sea_y = horizon - rng.randint(40, 70)
    d.rectangle((0, sea_y, w, horizon), fill=(40, 120, 170))
    for k in range(6):
        yy = sea_y + 6 + k * 9
        d.line((0, yy, w, yy + rng.uniform(-3, 3)), fill=(90, 160, 200), width=2)
    d.rectangle((0, horizon, w, h), fill=(230, 210, 165))
    _speckle(img, rng, (0, horizon, w, h), 0.12)
    return img


BACKGROUNDS = {"park": park, "room": room, "street": street, "studio": studio, "beach": beach}
BACKGROUND_KO = {"park": "공원", "room": "실내", "street": "거리", "studio": "연습실", "beach": "해변"}


def shadow(img: Image.Image, cx: float, ground: float, width: float) -> None:
    """A soft contact shadow on the ground under a person."""
    layer = Image.new("L", img.size, 0)
    ImageDraw.Draw(layer).ellipse(
        (cx - width / 2, ground - width * 0.09, cx + width / 2, ground + width * 0.07), fill=110
    )
    layer = layer.filter(ImageFilter.GaussianBlur(width * 0.06))
    img.paste(Image.new("RGB", img.size, (30, 30, 30)), (0, 0), layer.point(lambda v: int(v * 0.6)))


# ------------------------------------------------------------------ occluders (drawn in front)


def occluder(
    kind: str, size: tuple[int, int], cx: float, bottom: float, scale: float, rng: random.Random
) -> Image.Image:
    """A supersampled RGBA layer holding one object standing on the ground at (cx, bottom)."""
    w, h = size
    layer = Image.new("RGBA", (w * SS, h * SS), (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    S = SS

    def P(x: float, y: float) -> tuple[float, float]:
        return (x * S, y * S)

    if kind == "box":
        bw, bh = scale * 0.42, scale * 0.3
        x0, y1 = cx - bw / 2, bottom
        top = scale * 0.06
        d.polygon(
            [P(x0, y1 - bh), P(x0 + top, y1 - bh - top), P(x0 + bw + top, y1 - bh - top), P(x0 + bw, y1 - bh)],
            fill=(214, 172, 118, 255),
        )
        d.polygon(
            [P(x0 + bw, y1 - bh), P(x0 + bw + top, y1 - bh - top), P(x0 + bw + top, y1 - top), P(x0 + bw, y1)],
            fill=(150, 110, 70, 255),
        )
        d.rectangle((*P(x0, y1 - bh), *P(x0 + bw, y1)), fill=(190, 146, 96, 255))
        d.rectangle((*P(x0 + bw * 0.42, y1 - bh), *P(x0 + bw * 0.58, y1)), fill=(205, 180, 140, 255))
    elif kind == "bush":
        green = [(60, 125, 60), (74, 140, 70), (52, 110, 52), (88, 150, 80)]
        bw = scale * 0.55
        for _ in range(26):
            r = rng.uniform(0.07, 0.13) * scale
            x = cx + rng.uniform(-bw / 2 + r, bw / 2 - r)
            y = bottom - rng.uniform(r * 0.7, scale * 0.32)
            d.ellipse((*P(x - r, y - r), *P(x + r, min(y + r, bottom))), fill=(*rng.choice(green), 255))
    elif kind == "wall":
        bw, bh = scale * 0.9, scale * 0.34
        x0 = cx - bw / 2
        d.rectangle((*P(x0, bottom - bh), *P(x0 + bw, bottom)), fill=(178, 92, 70, 255))
        row = bh / 5
        for k in range(5):
            yy = bottom - bh + k * row
            d.line((*P(x0, yy), *P(x0 + bw, yy)), fill=(220, 210, 200, 255), width=S)
            off = (k % 2) * row * 1.1
            for xx in np.arange(x0 + off, x0 + bw, row * 2.2):
                d.line((*P(xx, yy), *P(xx, yy + row)), fill=(220, 210, 200, 255), width=S)
        d.rectangle((*P(x0 - 4, bottom - bh - 10), *P(x0 + bw + 4, bottom - bh)), fill=(150, 150, 150, 255))
    elif kind == "table":
        bw = scale * 0.75
        top_y = bottom - scale * 0.42
        col = rng.choice([(120, 80, 50), (230, 230, 225), (70, 70, 76)])
        d.rectangle((*P(cx - bw / 2, top_y), *P(cx + bw / 2, top_y + scale * 0.05)), fill=(*col, 255))
        d.rectangle(
            (*P(cx - bw / 2, top_y + scale * 0.05), *P(cx + bw / 2, top_y + scale * 0.2)),
            fill=(*tuple(int(c * 0.8) for c in col), 255),
        )
        for lx in (cx - bw / 2 + 6, cx + bw / 2 - 18):
            d.rectangle(
                (*P(lx, top_y + scale * 0.2), *P(lx + 12, bottom)), fill=(*tuple(int(c * 0.7) for c in col), 255)
            )
    else:  # pragma: no cover
        raise ValueError(kind)
    return layer


def finish(img: Image.Image, rng: random.Random) -> Image.Image:
    """Camera finish: slight blur and sensor noise."""
    img = img.filter(ImageFilter.GaussianBlur(0.35))
    g = np.random.default_rng(rng.randrange(2**32))
    arr = np.asarray(img, np.float32) + g.normal(0, 2.2, (img.height, img.width, 1)).astype(np.float32)
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")
