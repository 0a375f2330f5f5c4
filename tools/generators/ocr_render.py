"""Text-line rendering for the OCR generator: ink layers, rotation and exact ink boxes.

A line is rendered once into a grey ink layer (255 = full ink). Its gold box is the
axis-aligned extent of the pixels whose ink reaches INK_THRESHOLD after it has been
rotated and pasted, so the box is exact for rotated and handwritten lines too.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from functools import cache

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFont

FONT_DIR = "/usr/share/fonts/truetype/nanum/"
FONTS = {
    "gothic": "NanumGothic.ttf",
    "gothic_b": "NanumGothicBold.ttf",
    "gothic_xb": "NanumGothicExtraBold.ttf",
    "barun": "NanumBarunGothic.ttf",
    "barun_b": "NanumBarunGothicBold.ttf",
    "myeongjo": "NanumMyeongjo.ttf",
    "myeongjo_b": "NanumMyeongjoBold.ttf",
    "myeongjo_xb": "NanumMyeongjoExtraBold.ttf",
    "square_r": "NanumSquareR.ttf",
    "square_b": "NanumSquareB.ttf",
    "square_eb": "NanumSquareEB.ttf",
    "round_b": "NanumSquareRoundB.ttf",
    "round_eb": "NanumSquareRoundEB.ttf",
    "coding": "NanumGothicCoding.ttf",
    # handwriting-like faces (Debian fonts-nanum-extra)
    "pen": "NanumPen.ttf",
    "barunpen": "NanumBarunpenR.ttf",
    "barunpen_b": "NanumBarunpenB.ttf",
    "brush": "NanumBrush.ttf",
}
HANDWRITING = {"pen", "barunpen", "barunpen_b", "brush"}
INK_THRESHOLD = 96
PAD = 4


@cache
def font(key: str, size: int) -> ImageFont.FreeTypeFont:
    """A Nanum font by short key; raises with an install hint when the file is missing."""
    path = FONT_DIR + FONTS[key]
    try:
        return ImageFont.truetype(path, size)
    except OSError as exc:  # pragma: no cover - environment problem
        raise SystemExit(f"missing font {path}: apt-get install fonts-nanum fonts-nanum-extra") from exc


def _crop_to_ink(layer: Image.Image) -> Image.Image:
    """Crop a layer to its thresholded ink plus PAD pixels on every side."""
    arr = np.asarray(layer)
    ys, xs = np.nonzero(arr >= INK_THRESHOLD)
    x0, x1, y0, y1 = xs.min(), xs.max(), ys.min(), ys.max()
    out = Image.new("L", (int(x1 - x0 + 1 + 2 * PAD), int(y1 - y0 + 1 + 2 * PAD)), 0)
    out.paste(layer.crop((int(x0), int(y0), int(x1) + 1, int(y1) + 1)), (PAD, PAD))
    return out


def printed_layer(text: str, font_key: str, size: int) -> Image.Image:
    """Ink layer of a printed line, cropped to its ink."""
    f = font(font_key, size)
    left, top, right, bottom = f.getbbox(text)
    layer = Image.new("L", (int(right - left) + 4 * PAD, int(bottom - top) + 4 * PAD), 0)
    ImageDraw.Draw(layer).text((2 * PAD - left, 2 * PAD - top), text, font=f, fill=255)
    return _crop_to_ink(layer)


def handwritten_layer(text: str, font_key: str, size: int, rng: random.Random) -> Image.Image:
    """Ink layer of a hand-written line: each glyph wobbles in baseline, angle and spacing."""
    f = font(font_key, size)
    width = int(sum(f.getlength(ch) for ch in text) * 1.15) + 6 * PAD + size
    height = int(size * 2.0) + 4 * PAD
    layer = Image.new("L", (width, height), 0)
    x = 2.0 * PAD
    base = height * 0.25
    drift = rng.uniform(-0.04, 0.04) * size
    for i, ch in enumerate(text):
        advance = f.getlength(ch)
        if ch != " ":
            glyph = Image.new("L", (int(size * 1.8), int(size * 1.8)), 0)
            ImageDraw.Draw(glyph).text((size * 0.4, size * 0.25), ch, font=f, fill=255)
            glyph = glyph.rotate(rng.uniform(-6, 6), resample=Image.Resampling.BICUBIC)
            dy = base + rng.uniform(-0.06, 0.06) * size + drift * i / max(1, len(text))
            canvas = Image.new("L", layer.size, 0)
            canvas.paste(glyph, (int(round(x - size * 0.4)), int(round(dy - size * 0.25))))
            layer = ImageChops.lighter(layer, canvas)
        x += advance * rng.uniform(0.96, 1.08)
    return _crop_to_ink(layer)


@dataclass
class Line:
    """One text line: its exact text, look, and where it goes on the canvas."""

    text: str
    font_key: str
    size: int
    color: tuple[int, int, int] = (25, 25, 28)
    hand: bool = False
    angle: float = 0.0  # degrees, counter-clockwise
    opacity: float = 1.0
    x: float = 0.0  # top-left of the unrotated ink box
    y: float = 0.0
    layer: Image.Image = field(init=False, repr=False)

    def build(self, rng: random.Random) -> Line:
        """Render the ink layer (must be called once, in layout order, for determinism)."""
        if self.hand:
            self.layer = handwritten_layer(self.text, self.font_key, self.size, rng)
        else:
            self.layer = printed_layer(self.text, self.font_key, self.size)
        return self

    @property
    def w(self) -> int:
        """Width of the unrotated ink box."""
        return self.layer.width - 2 * PAD

    @property
    def h(self) -> int:
        """Height of the unrotated ink box."""
        return self.layer.height - 2 * PAD

    def at(self, x: float, y: float) -> Line:
        """Place the unrotated ink box's top-left corner at (x, y)."""
        self.x, self.y = x, y
        return self

    def centred(self, cx: float, y: float) -> Line:
        """Place horizontally centred on cx with the ink top at y."""
        return self.at(cx - self.w / 2, y)

    def right(self, x_right: float, y: float) -> Line:
        """Place right-aligned on x_right with the ink top at y."""
        return self.at(x_right - self.w, y)


def composite(canvas: np.ndarray, lines: list[Line]) -> list[list[int]]:
    """Ink every line into the float RGB canvas (in place); returns exact [x, y, w, h] boxes."""
    height, width = canvas.shape[:2]
    boxes = []
    for line in lines:
        layer = line.layer
        cx = line.x + line.w / 2
        cy = line.y + line.h / 2
        if line.angle:
            layer = layer.rotate(line.angle, resample=Image.Resampling.BICUBIC, expand=True)
        px = int(round(cx - layer.width / 2))
        py = int(round(cy - layer.height / 2))
        alpha = np.asarray(layer, dtype=np.float32)
        ys, xs = np.nonzero(alpha >= INK_THRESHOLD)
        x0, x1 = px + int(xs.min()), px + int(xs.max())
        y0, y1 = py + int(ys.min()), py + int(ys.max())
        if x0 < 0 or y0 < 0 or x1 >= width or y1 >= height:
            raise ValueError(f"line {line.text!r} leaves the image")
        lh, lw = alpha.shape
        sx0, sy0 = max(px, 0), max(py, 0)
        sx1, sy1 = min(px + lw, width), min(py + lh, height)
        a = alpha[sy0 - py : sy1 - py, sx0 - px : sx1 - px, None] / 255.0 * line.opacity
        region = canvas[sy0:sy1, sx0:sx1]
        region[:] = region * (1 - a) + np.asarray(line.color, np.float32) * a
        boxes.append([x0, y0, x1 - x0 + 1, y1 - y0 + 1])
    return boxes
