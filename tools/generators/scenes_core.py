"""Core of the scene generator: supersampled rendering, masks, exact gold, YAML/JPEG output.

Every object is drawn as an RGBA *sprite* at SS x resolution and pasted far-to-near.  The
object's mask (final resolution) is the sprite alpha box-downsampled and thresholded at 50 %,
the same rule that decides which colour a pixel of the final (box-downsampled) image shows.
Visible mask = own mask, clipped to the image, minus the masks of all nearer objects.
"""
from __future__ import annotations

import io
import math
from dataclasses import dataclass, field

import numpy as np
import yaml
from PIL import Image, ImageDraw, ImageFilter
from shapely.geometry import Polygon, box as sbox
from shapely.ops import unary_union

SS = 3                 # supersampling factor
W, H = 640, 480        # asset size (final pixels)
MAX_BYTES = 150_000    # per image

# rule thresholds (also quoted in the instructions)
OCCLUDED_MIN = 0.05    # > 5 % of the object hidden by nearer objects -> occluded
TRUNCATED_MIN = 0.15   # >= 15 % of the object outside the image -> truncated
SKIP_VISIBLE = 0.15    # < 15 % visible -> not labeled
SKIP_PX = 8            # visible width or height < 8 px -> not labeled


def P(v: float) -> int:
    """final pixels -> supersampled pixels"""
    return int(round(v * SS))


def clamp8(a):
    return np.clip(a, 0, 255).astype(np.uint8)


def rgb(c, f=1.0, add=0):
    return tuple(int(max(0, min(255, v * f + add))) for v in c)


def mix(c1, c2, t):
    return tuple(int(round(a * (1 - t) + b * t)) for a, b in zip(c1, c2))


# --------------------------------------------------------------------------- fills
def vgrad(w, h, c0, c1, gamma=1.0):
    t = (np.linspace(0, 1, max(h, 1), dtype=np.float32) ** gamma)[:, None, None]
    a = np.array(c0, np.float32)[None, None] * (1 - t) + np.array(c1, np.float32)[None, None] * t
    return np.broadcast_to(a, (h, w, 3)).copy()


def hgrad(w, h, c0, c1, gamma=1.0):
    t = (np.linspace(0, 1, max(w, 1), dtype=np.float32) ** gamma)[None, :, None]
    a = np.array(c0, np.float32)[None, None] * (1 - t) + np.array(c1, np.float32)[None, None] * t
    return np.broadcast_to(a, (h, w, 3)).copy()


def shade_v(w, h, color, top=1.2, bot=0.7, y0=0, y1=None):
    """vertical light falloff between rows y0..y1 (clamped outside)."""
    y1 = h if y1 is None else y1
    ys = np.arange(h, dtype=np.float32)
    t = np.clip((ys - y0) / max(1, (y1 - y0)), 0, 1)
    f = top * (1 - t) + bot * t
    a = np.array(color, np.float32)[None, None] * f[:, None, None]
    return np.broadcast_to(a, (h, w, 3)).copy()


def shade_cyl(w, h, color, x0=0, x1=None, amb=0.55, light=0.35, spec=0.0, horizontal=True):
    """cylindrical shading across x (or y if horizontal=False)."""
    n = w if horizontal else h
    x1 = n if x1 is None else x1
    xs = np.arange(n, dtype=np.float32)
    t = np.clip((xs - x0) / max(1, (x1 - x0)), 0, 1)
    f = amb + (1 - amb) * np.clip(np.cos((t - light) * math.pi * 0.95), 0, 1)
    a = np.array(color, np.float32)[None] * f[:, None]
    if spec:
        s = np.exp(-((t - light + 0.08) / 0.06) ** 2) * spec * 255
        a = a + s[:, None]
    if horizontal:
        return np.broadcast_to(a[None], (h, w, 3)).copy()
    return np.broadcast_to(a[:, None], (h, w, 3)).copy()


def shade_sphere(w, h, color, cx, cy, r, light=(-0.45, -0.5), amb=0.45, spec=0.5, spec_size=0.18):
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    nx = (xs - cx) / max(r, 1)
    ny = (ys - cy) / max(r, 1)
    d2 = np.clip(nx * nx + ny * ny, 0, 1)
    nz = np.sqrt(1 - d2)
    lx, ly = light
    lz = math.sqrt(max(0.0, 1 - lx * lx - ly * ly))
    lam = np.clip(nx * lx + ny * ly + nz * lz, 0, 1)
    f = amb + (1 - amb) * lam
    a = np.array(color, np.float32)[None, None] * f[..., None]
    if spec:
        dd = (nx - lx * 0.8) ** 2 + (ny - ly * 0.8) ** 2
        a = a + (np.exp(-dd / (spec_size ** 2)) * spec * 255)[..., None]
    return a


def lowfreq(w, h, rng, cells=8, amp=12.0):
    """smooth random field (w x h), zero-mean, +-amp"""
    gw, gh = max(2, int(cells * w / max(w, h)) + 2), max(2, int(cells * h / max(w, h)) + 2)
    g = rng.normal(0, 1, (gh, gw)).astype(np.float32)
    im = Image.fromarray(((g - g.min()) / (np.ptp(g) + 1e-6) * 255).astype(np.uint8), "L")
    im = im.resize((w, h), Image.BICUBIC)
    return (np.asarray(im, np.float32) / 255 - 0.5) * 2 * amp


def grain(w, h, rng, amp=8.0):
    return rng.normal(0, amp, (h, w)).astype(np.float32)


def texture(arr, rng, low=10.0, cells=8, fine=6.0):
    h, w = arr.shape[:2]
    n = np.zeros((h, w), np.float32)
    if low:
        n += lowfreq(w, h, rng, cells, low)
    if fine:
        n += grain(w, h, rng, fine)
    return arr + n[..., None]


# --------------------------------------------------------------------------- sprite drawing
def new_sprite(w, h):
    """w,h in supersampled pixels"""
    return Image.new("RGBA", (max(1, int(math.ceil(w))), max(1, int(math.ceil(h)))), (0, 0, 0, 0))


def new_mask(img):
    m = Image.new("L", img.size, 0)
    return m, ImageDraw.Draw(m)


def smooth(mask, r):
    """round off corners of a binary-ish mask and keep a soft antialiased edge"""
    if r <= 0.5:
        return mask
    m = mask.filter(ImageFilter.GaussianBlur(r))
    m = m.point(lambda v: 255 if v >= 128 else 0)
    return m.filter(ImageFilter.GaussianBlur(0.6))


def put(img, fill, mask, opacity=1.0, offset=(0, 0)):
    """alpha-composite `fill` (colour tuple / float array / image) through `mask` onto img"""
    if isinstance(fill, tuple):
        part = Image.new("RGBA", mask.size, tuple(int(v) for v in fill[:3]) + (255,))
    elif isinstance(fill, np.ndarray):
        part = Image.fromarray(clamp8(fill), "RGB").convert("RGBA")
    else:
        part = fill.convert("RGBA")
    if opacity < 1:
        mask = mask.point(lambda v: int(v * opacity))
    part.putalpha(mask)
    img.alpha_composite(part, dest=offset)


def clip_mask(m, region):
    """m AND region (both L images)"""
    return Image.fromarray((np.asarray(m, np.uint16) * np.asarray(region, np.uint16) // 255).astype(np.uint8), "L")


def rotate_rgba(img, angle):
    pm = img.convert("RGBa")
    pm = pm.rotate(angle, resample=Image.BICUBIC, expand=True)
    return pm.convert("RGBA")


def flip(img):
    return img.transpose(Image.FLIP_LEFT_RIGHT)


def pad_ss(img):
    w, h = img.size
    nw, nh = -(-w // SS) * SS, -(-h // SS) * SS
    if (nw, nh) == (w, h):
        return img
    out = Image.new("RGBA", (nw, nh), (0, 0, 0, 0))
    out.paste(img, (0, 0))
    return out


def trim(img):
    """crop transparent borders"""
    bb = img.getchannel("A").point(lambda v: 255 if v > 0 else 0).getbbox()
    if bb is None:
        return img
    return img.crop(bb)


# --------------------------------------------------------------------------- objects
@dataclass
class Obj:
    img: Image.Image               # RGBA at SS, size multiple of SS
    x: int                         # top-left in final pixels
    y: int
    depth: float                   # larger = nearer (drawn later)
    label: str | None = None       # None -> unlabeled scenery (still occludes)
    shadow: tuple | None = None    # (cx, cy, rx, ry, strength) final px
    kind: str = ""
    _mask: np.ndarray | None = field(default=None, repr=False)

    @property
    def mask(self):
        if self._mask is None:
            a = self.img.getchannel("A")
            a = a.resize((self.img.width // SS, self.img.height // SS), Image.BOX)
            self._mask = np.asarray(a) >= 128
        return self._mask

    @property
    def w(self):
        return self.img.width // SS

    @property
    def h(self):
        return self.img.height // SS

    def box(self):
        return (self.x, self.y, self.x + self.w, self.y + self.h)


def make_obj(img, anchor_x, anchor_y, depth, label=None, mode="bottom", shadow=None, kind=""):
    """place sprite so that (anchor_x, anchor_y) is its bottom-centre ('bottom') or centre"""
    img = pad_ss(trim(img)) if mode != "raw" else pad_ss(img)
    w, h = img.width / SS, img.height / SS
    if mode == "bottom":
        x, y = anchor_x - w / 2, anchor_y - h
    elif mode == "center":
        x, y = anchor_x - w / 2, anchor_y - h / 2
    else:
        x, y = anchor_x, anchor_y
    return Obj(img, int(round(x)), int(round(y)), depth, label, shadow, kind or (label or ""))


def bbox_of(mask):
    ys = np.flatnonzero(mask.any(axis=1))
    if len(ys) == 0:
        return None
    xs = np.flatnonzero(mask.any(axis=0))
    return [int(xs[0]), int(ys[0]), int(xs[-1] - xs[0] + 1), int(ys[-1] - ys[0] + 1)]


@dataclass
class Info:
    obj: Obj
    index: int
    full: int
    inimg: int
    vis: int
    vis_mask: np.ndarray
    bbox: list | None          # visible extent (gold)
    amodal_bbox: list | None   # in-image extent ignoring occluders (for "hidden extent" errors)
    trunc: float
    occl: float

    @property
    def visfrac(self):
        return self.vis / max(1, self.full)

    @property
    def included(self):
        return (self.obj.label is not None and self.bbox is not None and self.visfrac >= SKIP_VISIBLE
                and min(self.bbox[2], self.bbox[3]) >= SKIP_PX)

    @property
    def occluded(self):
        return bool(self.occl > OCCLUDED_MIN)

    @property
    def truncated(self):
        return bool(self.trunc >= TRUNCATED_MIN)


def analyse(objs, w=W, h=H):
    order = sorted(range(len(objs)), key=lambda i: (objs[i].depth, i))
    occ = np.zeros((h, w), bool)
    infos = [None] * len(objs)
    for i in reversed(order):
        o = objs[i]
        m = o.mask
        mh, mw = m.shape
        ix0, iy0 = max(0, o.x), max(0, o.y)
        ix1, iy1 = min(w, o.x + mw), min(h, o.y + mh)
        inimg = np.zeros((h, w), bool)
        if ix1 > ix0 and iy1 > iy0:
            inimg[iy0:iy1, ix0:ix1] = m[iy0 - o.y:iy1 - o.y, ix0 - o.x:ix1 - o.x]
        vis = inimg & ~occ
        occ |= inimg
        full = int(m.sum())
        n_in, n_vis = int(inimg.sum()), int(vis.sum())
        infos[i] = Info(o, i, full, n_in, n_vis, vis, bbox_of(vis), bbox_of(inimg),
                        1 - n_in / max(1, full), (n_in - n_vis) / max(1, full))
    return infos


def ambiguous(info, flags=True):
    """True when a labeled object sits near a rule threshold (it is then removed from the layout).

    Visibility/size bands decide inclusion (skip rule) and are always checked; the occluded /
    truncated bands only matter where flags are shown or scored (flags=True).
    """
    if info.obj.label is None:
        return False
    vf = info.visfrac
    if vf == 0:
        return False
    if 0.07 <= vf < 0.28:
        return True
    if info.bbox is not None and vf >= 0.07:
        ms = min(info.bbox[2], info.bbox[3])
        if 4 <= ms < 11:
            return True
    if flags and vf >= 0.28:
        if 0.02 < info.occl <= 0.10:
            return True
        if 0.06 < info.trunc < 0.25:
            return True
    return False


# --------------------------------------------------------------------------- compositing
def draw_shadow(canvas, cx, cy, rx, ry, strength):
    pad = int(ry * SS * 1.2 + 6)
    w, h = int(2 * rx * SS + 2 * pad), int(2 * ry * SS + 2 * pad)
    m = Image.new("L", (w, h), 0)
    ImageDraw.Draw(m).ellipse([pad, pad, w - pad, h - pad], fill=int(255 * strength))
    m = m.filter(ImageFilter.GaussianBlur(max(1.0, ry * SS * 0.45)))
    canvas.paste((12, 12, 18), (int(cx * SS - w / 2), int(cy * SS - h / 2)), m)


def render(bg, objs, post=None, rng=None):
    """bg: float array (H*SS, W*SS, 3) or PIL image at SS; returns final PIL RGB image"""
    canvas = bg if isinstance(bg, Image.Image) else Image.fromarray(clamp8(bg), "RGB")
    canvas = canvas.copy()
    for o in sorted(objs, key=lambda o: o.depth):
        if o.shadow:
            draw_shadow(canvas, *o.shadow)
        canvas.paste(o.img, (o.x * SS, o.y * SS), o.img)
    img = canvas.resize((canvas.width // SS, canvas.height // SS), Image.BOX)
    if post:
        img = post(img)
    return img


def finish(img, rng, noise=2.2, vignette=0.18, warmth=(1.0, 1.0, 1.0)):
    a = np.asarray(img, np.float32)
    h, w = a.shape[:2]
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    d = ((xs - w / 2) / (w / 2)) ** 2 + ((ys - h / 2) / (h / 2)) ** 2
    a = a * (1 - vignette * np.clip(d - 0.35, 0, None) / 1.65)[..., None]
    a = a * np.array(warmth, np.float32)[None, None]
    a = a + rng.normal(0, noise, a.shape).astype(np.float32)
    return Image.fromarray(clamp8(a), "RGB")


def jpeg_bytes(img):
    for q in (90, 87, 84, 80, 76, 72, 68):
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=q, optimize=True, progressive=False)
        if buf.tell() < MAX_BYTES:
            return buf.getvalue()
    return buf.getvalue()


# --------------------------------------------------------------------------- polygons
def mask_polygon(mask, max_points=40):
    """largest outer contour of a mask as a simplified polygon [x1,y1,...] (pixel-edge coords)"""
    rects = []
    for y in np.flatnonzero(mask.any(axis=1)):
        row = mask[y].astype(np.int8)
        d = np.diff(np.concatenate([[0], row, [0]]))
        starts, ends = np.flatnonzero(d == 1), np.flatnonzero(d == -1)
        rects.extend(sbox(int(s), int(y), int(e), int(y) + 1) for s, e in zip(starts, ends))
    geom = unary_union(rects)
    if geom.geom_type == "MultiPolygon":
        geom = max(geom.geoms, key=lambda g: g.area)
    outer = Polygon(geom.exterior)
    tol = 0.8                          # > 0.71: removes 1-px staircase steps
    while True:
        simp = outer.simplify(tol, preserve_topology=True)
        n = len(simp.exterior.coords) - 1
        if n <= max_points:
            break
        tol *= 1.25
    coords = list(simp.exterior.coords)[:-1]
    flat = []
    for x, y in coords:
        flat += [round(float(x), 1), round(float(y), 1)]
    return flat, simp, outer


def poly_from_flat(flat):
    return Polygon(list(zip(flat[0::2], flat[1::2])))


def poly_iou(a, b):
    inter = a.intersection(b).area
    return inter / max(1e-9, a.union(b).area)


def box_iou(a, b):
    ax1, ay1, bx1, by1 = a[0] + a[2], a[1] + a[3], b[0] + b[2], b[1] + b[3]
    iw = max(0, min(ax1, bx1) - max(a[0], b[0]))
    ih = max(0, min(ay1, by1) - max(a[1], b[1]))
    inter = iw * ih
    return inter / max(1e-9, a[2] * a[3] + b[2] * b[3] - inter)


# --------------------------------------------------------------------------- YAML
class Flow(list):
    pass


class FlowMap(dict):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _str_rep(d, v):
    if "\n" in v:
        return d.represent_scalar("tag:yaml.org,2002:str", v, style="|")
    return d.represent_scalar("tag:yaml.org,2002:str", v)


_Dumper.add_representer(Flow, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))
_Dumper.add_representer(FlowMap, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v, flow_style=True))
_Dumper.add_representer(str, _str_rep)


def dump_yaml(data):
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096,
                     default_flow_style=False)
