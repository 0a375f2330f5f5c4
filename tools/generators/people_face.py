"""A parametric 68-point face (iBUG / 300-W order) and a painter that draws a face from it.

The 68 points come from a mean-shape template varied by shape and expression parameters,
turned slightly (yaw, roll) and scaled. The painter builds every feature from exactly these
points (jaw contour, brows, eye outlines, nose, lips), so the gold points are exact. The
5-point scheme is derived from the same points: eye centres (mean of each eye outline, where
the iris is drawn), nose tip (30), mouth corners (48, 54).

Index ranges follow 300-W: for a frontal face, jaw point 0 and eye 36–41 are on the IMAGE's
left (the subject's right).
"""

from __future__ import annotations

import math
import random

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFilter

SS = 3

_HALF_JAW = [
    (-1.00, 0.00),
    (-0.98, 0.25),
    (-0.94, 0.50),
    (-0.88, 0.74),
    (-0.78, 0.96),
    (-0.62, 1.15),
    (-0.44, 1.29),
    (-0.23, 1.38),
]
_BROW_L = [(-0.82, -0.30), (-0.68, -0.40), (-0.50, -0.43), (-0.33, -0.40), (-0.17, -0.33)]
TEMPLATE = np.array(
    _HALF_JAW
    + [(0.0, 1.42)]
    + [(-x, y) for x, y in reversed(_HALF_JAW)]
    + _BROW_L
    + [(-x, y) for x, y in reversed(_BROW_L)]
    + [(0, -0.18), (0, 0.07), (0, 0.32), (0, 0.55)]
    + [(-0.19, 0.66), (-0.10, 0.70), (0.0, 0.72), (0.10, 0.70), (0.19, 0.66)]
    + [(-0.70, 0.0), (-0.59, -0.09), (-0.44, -0.09), (-0.31, 0.0), (-0.44, 0.06), (-0.59, 0.06)]
    + [(0.31, 0.0), (0.44, -0.09), (0.59, -0.09), (0.70, 0.0), (0.59, 0.06), (0.44, 0.06)]
    + [
        (-0.40, 0.98),
        (-0.25, 0.91),
        (-0.10, 0.87),
        (0.0, 0.89),
        (0.10, 0.87),
        (0.25, 0.91),
        (0.40, 0.98),
        (0.26, 1.08),
        (0.12, 1.12),
        (0.0, 1.13),
        (-0.12, 1.12),
        (-0.26, 1.08),
    ]
    + [(-0.33, 0.98), (-0.11, 0.95), (0.0, 0.955), (0.11, 0.95), (0.33, 0.98), (0.11, 1.0), (0.0, 1.005), (-0.11, 1.0)],
    dtype=np.float64,
)
assert TEMPLATE.shape == (68, 2)

SKIN = [(244, 210, 184), (232, 190, 158), (205, 160, 124), (170, 122, 90), (126, 88, 64), (250, 222, 200)]
HAIR = [(28, 22, 20), (60, 40, 28), (96, 64, 40), (150, 116, 80), (175, 175, 178), (40, 30, 60)]
CLOTH = [(40, 70, 130), (180, 50, 60), (60, 120, 90), (230, 230, 226), (50, 50, 56), (200, 150, 60)]
IRIS = [(70, 45, 30), (50, 35, 25), (60, 90, 120), (80, 100, 60)]


def face_points(rng: random.Random, size: int) -> tuple[np.ndarray, dict]:
    """Random face parameters and the 68 image points (float, rounded to 0.1 px)."""
    p = TEMPLATE.copy()
    prm = {
        "width": rng.uniform(0.92, 1.06),
        "jaw": rng.uniform(0.94, 1.08),
        "open": rng.choice([0, 0, rng.uniform(0.04, 0.16)]),
        "smile": rng.uniform(-0.02, 0.07),
        "brow": rng.uniform(-0.04, 0.06),
        "eye_open": rng.uniform(0.8, 1.25),
        "yaw": rng.uniform(-14, 14),
        "roll": rng.uniform(-12, 12),
        "scale": rng.uniform(0.205, 0.235) * size,
        "cx": size / 2 + rng.uniform(-0.05, 0.05) * size,
        "cy": size * rng.uniform(0.38, 0.42),
        "mouth_w": rng.uniform(0.9, 1.12),
        "nose_len": rng.uniform(0.92, 1.08),
    }
    p[:, 0] *= prm["width"]
    p[:17, 1] = np.where(p[:17, 1] > 0, p[:17, 1] * prm["jaw"], p[:17, 1])
    # eye openness: lids move about each eye's horizontal axis
    for lo in (36, 42):
        eye = p[lo : lo + 6]
        eye[:, 1] = eye[:, 1] * prm["eye_open"]
    p[17:27, 1] -= prm["brow"]
    p[27:36, 1] = p[27:36, 1] * prm["nose_len"]
    mouth = slice(48, 68)
    p[mouth, 0] *= prm["mouth_w"]
    for idx in (48, 54, 60, 64):
        p[idx, 1] -= prm["smile"]
    for idx in (49, 53):
        p[idx, 1] -= prm["smile"] * 0.4
    o = prm["open"]
    for idx, wgt in ((55, 0.8), (56, 1.0), (57, 1.0), (58, 1.0), (59, 0.8), (65, 1.0), (66, 1.0), (67, 1.0)):
        p[idx, 1] += o * wgt
    for idx, wgt in ((5, 0.3), (6, 0.5), (7, 0.6), (8, 0.6), (9, 0.6), (10, 0.5), (11, 0.3)):
        p[idx, 1] += o * wgt
    z = 0.9 * np.sqrt(np.clip(1 - 0.8 * p[:, 0] ** 2, 0, None))
    z[27:31] += [0.15, 0.25, 0.35, 0.45]
    z[31:36] += [0.12, 0.2, 0.28, 0.2, 0.12]
    z[36:48] -= 0.05
    pts = _project(p, z, prm)
    return np.round(pts, 1), prm


def _project(p: np.ndarray, z: np.ndarray, prm: dict) -> np.ndarray:
    yaw, roll = math.radians(prm["yaw"]), math.radians(prm["roll"])
    x = p[:, 0] * math.cos(yaw) + (z - 0.5) * math.sin(yaw)
    y = p[:, 1]
    xr = x * math.cos(roll) - y * math.sin(roll)
    yr = x * math.sin(roll) + y * math.cos(roll)
    return np.stack([prm["cx"] + prm["scale"] * xr, prm["cy"] + prm["scale"] * yr], axis=1)


def five_point(pts: np.ndarray) -> np.ndarray:
    """MTCNN-order 5 points (image-left eye, image-right eye, nose tip, image-left / right mouth corner)."""
    return np.round(np.array([pts[36:42].mean(0), pts[42:48].mean(0), pts[30], pts[48], pts[54]]), 1)


def _smooth(points: np.ndarray, closed: bool, n: int = 8) -> list[tuple[float, float]]:
    """Catmull-Rom curve through the points (passes through every point exactly)."""
    pts = list(points)
    out = []
    m = len(pts)
    rng_ = range(m) if closed else range(m - 1)
    for i in rng_:
        p0 = pts[(i - 1) % m] if closed else pts[max(i - 1, 0)]
        p1, p2 = pts[i], pts[(i + 1) % m]
        p3 = pts[(i + 2) % m] if closed else pts[min(i + 2, m - 1)]
        for k in range(n):
            t = k / n
            t2, t3 = t * t, t * t * t
            out.append(
                tuple(
                    0.5
                    * (
                        (2 * p1)
                        + (-p0 + p2) * t
                        + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t2
                        + (-p0 + 3 * p1 - 3 * p2 + p3) * t3
                    )
                )
            )
    if not closed:
        out.append(tuple(pts[-1]))
    return out


def _mask(size: tuple[int, int], polys: list[list[tuple[float, float]]]) -> Image.Image:
    m = Image.new("L", size, 0)
    d = ImageDraw.Draw(m)
    for poly in polys:
        d.polygon([(x * SS, y * SS) for x, y in poly], fill=255)
    return m


def _fill(canvas: Image.Image, mask: Image.Image, color) -> None:
    canvas.paste(Image.new("RGB", canvas.size, tuple(int(c) for c in color)), (0, 0), mask)


def paint(pts: np.ndarray, prm: dict, rng: random.Random, size: int) -> Image.Image:
    """Draw the face described by the 68 points (returns the final-size RGB image)."""
    W = H = size * SS
    skin = np.array(rng.choice(SKIN), np.float32)
    hair = rng.choice(HAIR)
    long_hair = rng.random() < 0.45
    bg_top = np.array(rng.choice([(200, 215, 230), (230, 220, 205), (205, 225, 210), (225, 205, 215)]), np.float32)
    t = np.linspace(0, 1, H, dtype=np.float32)[:, None, None]
    bg = bg_top * (1 - t) + bg_top * 0.78 * t
    canvas = Image.fromarray(np.repeat(bg, W, axis=1).astype(np.uint8), "RGB")
    d = ImageDraw.Draw(canvas)
    for _ in range(3):  # soft bokeh blobs
        bx, by, br = rng.uniform(0, W), rng.uniform(0, H * 0.6), rng.uniform(40, 110) * SS
        blob = Image.new("L", (W, H), 0)
        ImageDraw.Draw(blob).ellipse((bx - br, by - br, bx + br, by + br), fill=60)
        canvas.paste(Image.new("RGB", (W, H), (255, 255, 255)), (0, 0), blob.filter(ImageFilter.GaussianBlur(30)))
    s = prm["scale"]
    roll = math.radians(prm["roll"])
    up = np.array([math.sin(roll), -math.cos(roll)])  # face "up" in image space
    right = np.array([math.cos(roll), math.sin(roll)])
    centre = (pts[0] + pts[16]) / 2

    def fp(u: float, v: float) -> tuple[float, float]:
        """Face-plane offset (u right, v up, in face units) from the contour centre."""
        q = centre + s * (u * right + v * up)
        return (float(q[0]), float(q[1]))

    # shoulders and neck
    cloth = rng.choice(CLOTH)
    neck_l, neck_r = pts[5] * 0.55 + pts[8] * 0.45, pts[11] * 0.55 + pts[8] * 0.45
    body = [
        fp(-2.2, -4.6),
        fp(-2.0, -2.55),
        fp(-1.2, -2.05),
        fp(0, -1.95),
        fp(1.2, -2.05),
        fp(2.0, -2.55),
        fp(2.2, -4.6),
    ]
    body_mask = _mask((W, H), [_smooth(np.array(body), True, 6)])
    barr = np.asarray(body_mask, np.float32) / 255
    bsoft = np.asarray(body_mask.filter(ImageFilter.GaussianBlur(s * SS * 0.3)), np.float32) / 255
    arr: np.ndarray = np.asarray(canvas, np.float32)
    body_rgb = np.asarray(cloth, np.float32)[None, None, :] * (0.7 + 0.35 * bsoft)[..., None]
    arr = arr * (1 - barr[..., None]) + np.clip(body_rgb, 0, 255) * barr[..., None]
    canvas = Image.fromarray(arr.astype(np.uint8), "RGB")
    d = ImageDraw.Draw(canvas)
    neck_poly = [tuple(neck_l), tuple(neck_r), fp(0.5, -2.05), fp(0, -2.15), fp(-0.5, -2.05)]
    _fill(canvas, _mask((W, H), [neck_poly]), skin * 0.8)
    if long_hair:
        back = [
            fp(-1.2, -1.0),
            fp(-1.3, 0.6),
            fp(0, 1.55),
            fp(1.3, 0.6),
            fp(1.2, -1.0),
            fp(1.05, -1.75),
            fp(0.5, -1.95),
            fp(-0.5, -1.95),
            fp(-1.05, -1.75),
        ]
        _fill(canvas, _mask((W, H), [_smooth(np.array(back), True)]), np.array(hair) * 0.72)
    # ears (behind the face contour)
    for a, b in ((0, 3), (16, 13)):
        ec = pts[a] * 0.55 + pts[b] * 0.45
        out = -1 if a == 0 else 1
        ec = ec + right * out * s * 0.06
        rx, ry = s * 0.13, s * 0.26
        ear = [
            tuple(ec + right * rx * math.cos(k / 12 * 2 * math.pi) + up * ry * math.sin(k / 12 * 2 * math.pi))
            for k in range(12)
        ]
        _fill(canvas, _mask((W, H), [ear]), skin * 0.85)
    # face skin: jaw contour + forehead arc
    forehead = [
        fp(1.0 * prm["width"] * math.cos(a) * 1.0, 0.0 + 1.32 * math.sin(a))
        for a in np.linspace(0.12, math.pi - 0.12, 15)
    ]
    forehead = [tuple(pts[16])] + forehead + [tuple(pts[0])]
    face_outline = _smooth(pts[:17], False) + _smooth(np.array(forehead), False)[1:-1]
    face_mask = _mask((W, H), [face_outline])
    # shading: darker toward the contour, light from the upper left
    fm = np.asarray(face_mask, np.float32) / 255
    soft = np.asarray(face_mask.filter(ImageFilter.GaussianBlur(s * SS * 0.18)), np.float32) / 255
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    lx = (xx / SS - centre[0]) / s
    ly = (yy / SS - centre[1]) / s
    light = 1.0 - 0.07 * lx - 0.05 * ly
    shade = (0.72 + 0.3 * soft) * light
    face_rgb = skin[None, None, :] * shade[..., None]
    arr = np.asarray(canvas, np.float32)
    arr = arr * (1 - fm[..., None]) + np.clip(face_rgb, 0, 255) * fm[..., None]
    canvas = Image.fromarray(arr.astype(np.uint8), "RGB")
    d = ImageDraw.Draw(canvas)
    # cheeks
    blush = Image.new("L", (W, H), 0)
    for c in (pts[2] * 0.45 + pts[31] * 0.55, pts[14] * 0.45 + pts[35] * 0.55):
        r = s * 0.2 * SS
        ImageDraw.Draw(blush).ellipse((c[0] * SS - r, c[1] * SS - r * 0.7, c[0] * SS + r, c[1] * SS + r * 0.7), fill=55)
    canvas.paste(
        Image.new("RGB", (W, H), (220, 110, 110)), (0, 0), blush.filter(ImageFilter.GaussianBlur(s * 0.12 * SS))
    )
    # hair on top: the forehead arc down to a hairline
    hairline_v = 0.62 + rng.uniform(-0.06, 0.1)
    cap = [
        fp(1.08 * prm["width"] * math.cos(a), 0.05 + 1.42 * math.sin(a)) for a in np.linspace(-0.25, math.pi + 0.25, 21)
    ]
    line = [
        fp(-0.98 * prm["width"], 0.18),
        fp(-0.7, hairline_v + 0.05),
        fp(-0.3, hairline_v + 0.1),
        fp(0.1, hairline_v + 0.02),
        fp(0.55, hairline_v + 0.08),
        fp(0.98 * prm["width"], 0.18),
    ]
    hair_mask = _mask((W, H), [_smooth(np.array(cap + line), True, 6)])
    harr = np.asarray(hair_mask.filter(ImageFilter.GaussianBlur(1.2)), np.float32) / 255
    g0 = np.random.default_rng(rng.randrange(2**32))
    fibre = (
        np.asarray(
            Image.fromarray((g0.uniform(0, 255, (H // 24 + 1, W // 3 + 1))).astype(np.uint8)).resize(
                (W, H), Image.Resampling.BICUBIC
            ),
            np.float32,
        )
        / 255
    )
    streak = 0.88 + 0.2 * fibre
    hair_rgb = (
        np.asarray(hair, np.float32)[None, None, :] * (streak * (1.05 - 0.25 * np.clip(ly + 1.2, 0, 1)))[..., None]
    )
    arr = np.asarray(canvas, np.float32)
    arr = arr * (1 - harr[..., None]) + np.clip(hair_rgb, 0, 255) * harr[..., None]
    canvas = Image.fromarray(arr.astype(np.uint8), "RGB")
    d = ImageDraw.Draw(canvas)
    # brows: tapered strokes through 17-21 and 22-26
    brow_col = tuple(int(c * 0.8) for c in hair)
    for lo, hi, inner_last in ((17, 22, True), (22, 27, False)):
        bp = pts[lo:hi]
        curve = np.array(_smooth(bp, False, 6))
        n = len(curve)
        thick = np.linspace(0.035, 0.075, n) if inner_last else np.linspace(0.075, 0.035, n)
        upper = [tuple(curve[k] + up * s * thick[k] * 0.5) for k in range(n)]
        lower = [tuple(curve[k] - up * s * thick[k] * 0.5) for k in range(n)]
        d.polygon([(x * SS, y * SS) for x, y in upper + lower[::-1]], fill=brow_col)
    # eyes
    iris_col = rng.choice(IRIS)
    for lo in (36, 42):
        ep = pts[lo : lo + 6]
        outline = _smooth(ep, True, 6)
        emask = _mask((W, H), [outline])
        _fill(canvas, emask, (246, 244, 238))
        c = ep.mean(0)
        eye_w = float(np.linalg.norm(ep[3] - ep[0]))
        ir = eye_w * 0.24
        iris = Image.new("L", (W, H), 0)
        ImageDraw.Draw(iris).ellipse(((c[0] - ir) * SS, (c[1] - ir) * SS, (c[0] + ir) * SS, (c[1] + ir) * SS), fill=255)
        iris = ImageChops.multiply(iris, emask)
        _fill(canvas, iris, iris_col)
        pr = ir * 0.48
        pupil = Image.new("L", (W, H), 0)
        ImageDraw.Draw(pupil).ellipse(
            ((c[0] - pr) * SS, (c[1] - pr) * SS, (c[0] + pr) * SS, (c[1] + pr) * SS), fill=255
        )
        _fill(canvas, ImageChops.multiply(pupil, emask), (12, 10, 10))
        hr = ir * 0.22
        d = ImageDraw.Draw(canvas)
        d.ellipse(
            (
                (c[0] - ir * 0.35 - hr) * SS,
                (c[1] - ir * 0.35 - hr) * SS,
                (c[0] - ir * 0.35 + hr) * SS,
                (c[1] - ir * 0.35 + hr) * SS,
            ),
            fill=(250, 250, 250),
        )
        lid = _smooth(ep[:4], False, 6)
        d.line([(x * SS, y * SS) for x, y in lid], fill=(40, 28, 26), width=max(2, int(s * 0.028 * SS)))
        low = _smooth(np.vstack([ep[3], ep[4], ep[5], ep[0]]), False, 6)
        d.line([(x * SS, y * SS) for x, y in low], fill=(120, 80, 70), width=max(1, int(s * 0.01 * SS)))
    # nose: bridge shadow, tip shading and wings, nostrils
    shadow_side = 1 if prm["yaw"] < 0 else -1
    down = -up

    def soft_blob(centre: np.ndarray, rx: float, ry: float, alpha: int, color, blur: float) -> None:
        layer = Image.new("L", (W, H), 0)
        ImageDraw.Draw(layer).ellipse(
            ((centre[0] - rx) * SS, (centre[1] - ry) * SS, (centre[0] + rx) * SS, (centre[1] + ry) * SS), fill=alpha
        )
        canvas.paste(
            Image.new("RGB", (W, H), tuple(int(c) for c in color)),
            (0, 0),
            layer.filter(ImageFilter.GaussianBlur(blur * SS)),
        )

    bridge = [tuple(pts[k] + right * s * 0.1 * shadow_side) for k in (27, 28, 29)]
    bridge.append(tuple(pts[30] + right * s * 0.13 * shadow_side))
    sh_layer = Image.new("L", (W, H), 0)
    ImageDraw.Draw(sh_layer).line([(x * SS, y * SS) for x, y in bridge], fill=120, width=int(s * 0.06 * SS))
    canvas.paste(
        Image.new("RGB", (W, H), tuple(int(c * 0.55) for c in skin)),
        (0, 0),
        sh_layer.filter(ImageFilter.GaussianBlur(s * 0.035 * SS)),
    )
    soft_blob(pts[33] + down * s * 0.02, s * 0.2, s * 0.07, 120, skin * 0.55, s * 0.035)
    soft_blob(pts[30] + up * s * 0.01, s * 0.085, s * 0.07, 150, np.minimum(skin * 1.12 + 10, 255), s * 0.02)
    d = ImageDraw.Draw(canvas)
    wing_col = tuple(int(c * 0.6) for c in skin)
    wing_w = max(2, int(s * 0.018 * SS))
    for k, sign in ((31, -1), (35, 1)):
        wc = pts[k] + right * sign * s * 0.02 + up * s * 0.05
        arc = [
            tuple(wc + right * sign * s * 0.07 * math.sin(a) + up * s * 0.08 * math.cos(a))
            for a in np.linspace(0.3, math.pi * 0.95, 9)
        ]
        d.line([(x * SS, y * SS) for x, y in arc], fill=wing_col, width=wing_w)
    base = _smooth(pts[31:36], False, 6)
    d.line(
        [(x * SS, y * SS) for x, y in base], fill=tuple(int(c * 0.62) for c in skin), width=max(2, int(s * 0.016 * SS))
    )
    for a, b in ((31, 32), (34, 35)):
        nc = (pts[a] + pts[b]) / 2 + up * s * 0.012
        nr = s * 0.042
        d.ellipse(
            ((nc[0] - nr) * SS, (nc[1] - nr * 0.5) * SS, (nc[0] + nr) * SS, (nc[1] + nr * 0.5) * SS), fill=(70, 40, 36)
        )
    # lips
    lip = np.clip(skin * np.array([0.82, 0.52, 0.52]) + np.array([30, 0, 0]), 0, 255)
    upper_lip = _smooth(pts[48:55], False, 6) + _smooth(pts[[64, 63, 62, 61, 60]], False, 6)
    lower_lip = _smooth(pts[[54, 55, 56, 57, 58, 59, 48]], False, 6) + _smooth(pts[[60, 67, 66, 65, 64]], False, 6)
    _fill(canvas, _mask((W, H), [lower_lip]), lip)
    _fill(canvas, _mask((W, H), [upper_lip]), lip * 0.86)
    d = ImageDraw.Draw(canvas)
    inner = _smooth(pts[60:68], True, 6)
    if prm["open"] > 0.02:
        _fill(canvas, _mask((W, H), [inner]), (70, 25, 30))
        teeth = [tuple(pts[k]) for k in (60, 61, 62, 63, 64)]
        tmask = _mask((W, H), [teeth + [tuple(pts[64] + up * -s * 0.035), tuple(pts[60] + up * -s * 0.035)]])
        _fill(canvas, ImageChops.multiply(tmask, _mask((W, H), [inner])), (240, 238, 230))
        d = ImageDraw.Draw(canvas)
    d.line(
        [(x * SS, y * SS) for x, y in _smooth(pts[60:65], False, 6)],
        fill=(90, 40, 40),
        width=max(2, int(s * 0.012 * SS)),
    )
    img = canvas.resize((size, size), Image.Resampling.LANCZOS).filter(ImageFilter.GaussianBlur(0.4))
    g = np.random.default_rng(rng.randrange(2**32))
    noisy = np.asarray(img, np.float32) + g.normal(0, 2.0, (size, size, 1)).astype(np.float32)
    return Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8), "RGB")
