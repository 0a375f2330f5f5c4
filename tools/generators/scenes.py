"""Deterministic generator of illustrated image items with exact gold labels.

    .venv/bin/python -m tools.generators.scenes            # (re)write every item
    .venv/bin/python -m tools.generators.scenes --only bbox-intro   # slugs starting with ...

Scenes (street, kitchen table, parking lot from above, pasture, roadside signs) are drawn with
Pillow from a seeded RNG; gold boxes/polygons come from the rendered masks after occlusion by
nearer objects and clipping at the border.  Re-running gives byte-identical files.
Outputs: content/practice/<module>/<slug>/ and content/exams/items/<slug>/ (item.yaml,
gold.yaml, image.jpg).
"""
from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass

import numpy as np
import yaml
from PIL import Image, ImageFilter

from . import scenes_layouts as LY
from . import scenes_sprites as S
from . import scenes_text as T
from .scenes_core import (H, W, Flow, FlowMap, analyse, ambiguous, box_iou, dump_yaml, finish, jpeg_bytes,
                          mask_polygon, poly_from_flat, poly_iou, render)
from .scenes_layouts import Layout

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ASSET = "image.jpg"

SCENE_CLASSES = {"street": LY.STREET_LABELS, "kitchen": LY.KITCHEN_LABELS, "parking": LY.PARKING_LABELS,
                 "field": LY.FIELD_LABELS, "signs": LY.SIGN_LABELS}
CLS_SETS = {
    "animal": ["cow", "sheep", "horse", "dog", "uncertain"],
    "vehicle": ["car", "bus", "truck", "bicycle", "uncertain"],
    "food": ["cup", "bottle", "apple", "banana", "orange", "bowl", "uncertain"],
    "street_tags": LY.STREET_LABELS, "kitchen_tags": LY.KITCHEN_LABELS, "field_tags": LY.FIELD_LABELS,
}
WRONG_CLASS = {"car": "truck", "truck": "car", "bus": "truck", "person": "bicycle", "bicycle": "person",
               "traffic_light": "person", "cup": "bottle", "bottle": "cup", "apple": "orange", "orange": "apple",
               "banana": "apple", "bowl": "cup", "cow": "horse", "horse": "cow", "sheep": "dog", "dog": "sheep",
               "bird": "dog", "stop_sign": "speed_limit_sign", "speed_limit_sign": "stop_sign",
               "warning_sign": "stop_sign", "mandatory_sign": "speed_limit_sign"}


def silhouette(o, color):
    """replace a sprite's colours by a flat tone (subject unrecognisable in fog/night)"""
    a = o.img.getchannel("A")
    o.img = Image.new("RGBA", o.img.size, color + (255,))
    o.img.putalpha(a)


def _c(rng, seq):
    return seq[int(rng.integers(len(seq)))]


def _w(rng, weights):
    keys = list(weights)
    p = np.array([weights[k] for k in keys], float)
    return keys[int(rng.choice(len(keys), p=p / p.sum()))]


# =========================================================================== placement helpers
def gbox(group):
    return (min(o.x for o in group), min(o.y for o in group),
            max(o.x + o.w for o in group), max(o.y + o.h for o in group))


def shift(group, dx, dy=0):
    for o in group:
        o.x += dx
        o.y += dy
        if o.shadow:
            o.shadow = (o.shadow[0] + dx, o.shadow[1] + dy) + tuple(o.shadow[2:])


def overlap(a, b, gap=0):
    return not (a[2] + gap <= b[0] or b[2] + gap <= a[0] or a[3] + gap <= b[1] or b[3] + gap <= a[1])


def place(rng, group, boxes, how, gap=12, near=None):
    """move a group horizontally. how: inside | edge | free | near. Returns its box or None."""
    bx = gbox(group)
    gw = bx[2] - bx[0]
    for _ in range(60):
        if how == "inside":
            if gw > W - 12 or bx[1] < 3 or bx[3] > H - 3:
                return None
            nx = rng.uniform(6, W - 6 - gw)
        elif how == "center":
            if gw > W - 12:
                return None
            nx = W / 2 - gw / 2 + rng.uniform(-0.12, 0.12) * (W - gw)
        elif how == "edge":
            frac = rng.uniform(0.3, 0.55)
            nx = -frac * gw if rng.random() < 0.5 else W - (1 - frac) * gw
        elif how == "near" and near:
            t = near[int(rng.integers(len(near)))]
            nx = rng.uniform(t[0] - 0.6 * gw, t[2] - 0.4 * gw)
        else:
            nx = rng.uniform(-0.25 * gw, W - 0.75 * gw)
        dx = int(round(nx - bx[0]))
        nb = (bx[0] + dx, bx[1], bx[2] + dx, bx[3])
        if how in ("inside", "center") and any(overlap(nb, pb, gap) for pb in boxes):
            continue
        shift(group, dx)
        return nb
    return None


def _hows(rng, mode, k):
    if mode in ("sep", "multi", "poly"):
        return "inside"
    if mode in ("occ", "attr"):
        if k == 0:
            return "edge"
        return _w(rng, {"near": 0.45, "free": 0.35, "edge": 0.2})
    return _w(rng, {"free": 0.5, "near": 0.35, "edge": 0.15})


GAP = {"sep": 14, "multi": 6, "poly": 14}


# =========================================================================== compose: street
def night_fog(glows):
    def post(img, rng):
        img = img.filter(ImageFilter.GaussianBlur(8))
        a = np.asarray(img, np.float32) * 0.45 + np.array([14, 18, 28], np.float32)
        a = a * 0.55 + np.array([62, 66, 78], np.float32) * 0.45
        ys, xs = np.mgrid[0:H, 0:W].astype(np.float32)
        for (x, y, r) in glows:
            g = np.exp(-((xs - x) ** 2 + (ys - y) ** 2) / (2 * r * r))
            a += g[..., None] * np.array([230, 220, 180], np.float32)
        return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "RGB")
    return post


def compose_street(rng, spec):
    g = LY.street_geom(rng)
    mode = spec["mode"]
    objs, boxes, near = [], [], []
    if mode in ("single", "uncertain"):
        t = spec.get("target") or _c(rng, ["car", "truck"])
        if mode == "uncertain":
            t = _c(rng, ["car", "truck", "bus"])
        if t == "bicycle":
            grp = LY.make_street_obj(rng, g, "bicycle", "near", x=0, big=1.3)
        else:
            grp = LY.make_street_obj(rng, g, t, "near", x=0, big={"bus": 0.92, "truck": 1.0}.get(t, 1.15))
        if place(rng, grp, [], "center") is None:
            return None
        objs += grp
        objs += LY.street_scenery(rng, g)
        lay = Layout(objs, lambda r: LY.paint_street(g, r, night=mode == "uncertain"))
        if mode == "uncertain":
            o = grp[-1]
            silhouette(o, (8, 9, 12))
            fx = o.x + o.w * 0.98 if rng.random() < 0.5 else o.x + o.w * 0.02
            glows = [(fx, o.y + o.h * 0.62, 13), (fx + (-1 if fx > o.x + o.w / 2 else 1) * 18, o.y + o.h * 0.6, 8)]
            lay.post = night_fog(glows)
        return lay
    lo, hi = spec["n"]
    n = int(rng.integers(lo, hi + 1))
    weights = spec.get("weights", {"car": 4, "person": 3, "bus": 0.8, "truck": 1, "bicycle": 1.5, "traffic_light": 1.2})
    labels = [_w(rng, weights) for _ in range(n)]
    for c in spec.get("force", []):
        if c not in labels:
            labels[int(rng.integers(n))] = c
    for k, lab in enumerate(labels):
        where = None
        if mode == "sep" and lab == "traffic_light":
            where = "far"
        if mode == "crowd" and lab == "person" and rng.random() < 0.4:
            where = "far"
        grp = LY.make_street_obj(rng, g, lab, where, x=0)
        b = place(rng, grp, boxes, _hows(rng, mode, k), GAP.get(mode, 12), near)
        if b is None:
            continue
        objs += grp
        boxes.append(b)
        near.append(b)
    if mode in ("sep", "multi"):
        scen = LY.street_scenery(rng, g, n_lamps=0)
        scen = [o for o in scen if not any(overlap(o.box(), b, 4) for b in boxes)]
    else:
        scen = LY.street_scenery(rng, g)
    return Layout(objs + scen, lambda r: LY.paint_street(g, r))


# =========================================================================== compose: kitchen
def compose_kitchen(rng, spec):
    g = LY.kitchen_geom(rng)
    mode = spec["mode"]
    objs, boxes, near = [], [], []
    if mode == "single":
        t = spec["target"]
        big = {"apple": 2.1, "orange": 2.0, "cup": 1.8, "banana": 1.5, "bottle": 1.4, "bowl": 1.35}[t]
        o = LY.make_kitchen_obj(rng, g, t, by=rng.uniform(400, 440), x=0, big=big)
        if place(rng, [o], [], "center") is None:
            return None
        return Layout([o], lambda r: LY.paint_kitchen(g, r))
    lo, hi = spec["n"]
    n = int(rng.integers(lo, hi + 1))
    pool = spec.get("classes", LY.KITCHEN_LABELS)
    weights = {c: {"apple": 2, "orange": 1.5, "banana": 1.2, "cup": 1.5, "bottle": 1.2, "bowl": 0.8}[c] for c in pool}
    labels = [_w(rng, weights) for _ in range(n)]
    if mode == "crowd" and rng.random() < 0.7:
        # a plate with fruit on it
        by = rng.uniform(g["hz"] + 90, 430)
        plate = LY.make_kitchen_obj(rng, g, "plate", by=by, x=rng.uniform(120, W - 120))
        objs.append(plate)
        for _ in range(int(rng.integers(2, 4))):
            fy = rng.uniform(plate.y + plate.h * 0.45, plate.y + plate.h * 0.85)
            fx = rng.uniform(plate.x + plate.w * 0.25, plate.x + plate.w * 0.75)
            o = LY.make_kitchen_obj(rng, g, _c(rng, ["apple", "orange", "apple", "banana"]), by=fy, x=fx)
            objs.append(o)
            near.append(o.box())
        labels = labels[: max(1, n - 3)]
    for k, lab in enumerate(labels):
        how = _hows(rng, mode, k)
        by = None
        if how == "edge" and rng.random() < 0.3:
            by = rng.uniform(500, 530)     # cut by the bottom border
            how = "free"
        o = LY.make_kitchen_obj(rng, g, lab, by=by, x=0)
        b = place(rng, [o], boxes, how, GAP.get(mode, 12), near)
        if b is None:
            continue
        objs.append(o)
        boxes.append(b)
        near.append(b)
    return Layout(objs, lambda r: LY.paint_kitchen(g, r))


# =========================================================================== compose: parking
def compose_parking(rng, spec):
    g = LY.parking_geom(rng)
    mode = spec["mode"]
    objs, boxes = [], []
    p = {"sep": 0.35, "occ": 0.55, "attr": 0.55, "crowd": 0.6, "poly": 0.4, "multi": 0.4}[mode]
    order = rng.permutation(len(g["stalls"]))
    lo, hi = spec["n"]
    target = int(rng.integers(lo, hi + 1))
    npers = {"sep": (0, 2), "poly": (0, 2), "occ": (0, 3), "attr": (1, 3), "crowd": (2, 5), "multi": (1, 3)}[mode]
    n_pers = int(rng.integers(*npers))
    n_lane = int(rng.integers(0, 2 if mode in ("sep", "poly") else 3))
    n_stall = max(1, target - n_pers - n_lane)
    for si in order:
        if len(objs) >= n_stall:
            break
        cx, cy, fac = g["stalls"][si]
        if rng.random() > p:
            continue
        lab = "truck" if rng.random() < 0.12 else "car"
        jit = rng.uniform(-4, 4)
        if mode == "poly":
            jit = rng.uniform(10, 24) * (1 if rng.random() < 0.5 else -1)
        o = LY.make_car_top(rng, lab, cx + rng.uniform(-4, 4), cy + rng.uniform(-5, 5), (0 if fac > 0 else 180) + jit)
        b = o.box()
        if mode in ("sep", "poly"):
            if b[0] < 6 or b[1] < 4 or b[2] > W - 6 or b[3] > H - 4 or any(overlap(b, pb, 12) for pb in boxes):
                continue
        objs.append(o)
        boxes.append(b)
    # moving vehicles in the lane
    ly = (g["lane"][0] + g["lane"][1]) / 2
    for _ in range(n_lane):
        ang = 90 * (1 if rng.random() < 0.5 else -1) + rng.uniform(-14, 14) * (2.5 if mode == "poly" else 1)
        o = LY.make_car_top(rng, "car", rng.uniform(40, W - 40), ly + rng.uniform(-10, 10), ang)
        b = o.box()
        if mode in ("sep", "poly", "multi") and (b[0] < 6 or b[2] > W - 6 or any(overlap(b, pb, 12) for pb in boxes)):
            continue
        objs.append(o)
        boxes.append(b)
    for _ in range(n_pers):
        if rng.random() < 0.6:
            px_, py_ = rng.uniform(20, W - 20), rng.uniform(g["lane"][0] + 15, g["lane"][1] - 15)
        else:
            px_, py_ = g["x0"] + g["sw"] * int(rng.integers(1, 9)), rng.uniform(10, H - 10)
        o = LY.make_person_top(rng, px_, py_)
        b = o.box()
        if mode in ("sep", "poly", "multi") and any(overlap(b, pb, 10) for pb in boxes):
            continue
        objs.append(o)
        boxes.append(b)
    if mode in ("occ", "attr", "crowd"):
        cars = [o for o in objs if o.label in ("car", "truck")]
        for _ in range(int(rng.integers(1, 3))):
            if cars and rng.random() < 0.8:
                c = cars[int(rng.integers(len(cars)))]
                tx = c.x + c.w / 2 + rng.uniform(-1, 1) * c.w * 0.9
                ty = c.y + c.h / 2 + rng.uniform(-1, 1) * c.h * 0.6
            else:
                tx, ty = rng.uniform(0, W), rng.uniform(0, H)
            objs.append(LY.make_tree_top(rng, tx, ty))
    return Layout(objs, lambda r: LY.paint_parking(g, r))


# =========================================================================== compose: field
def fog_post(img, rng):
    img = img.filter(ImageFilter.GaussianBlur(5.0))
    a = np.asarray(img, np.float32)
    ys = np.linspace(0.8, 0.62, H, dtype=np.float32)[:, None, None]
    a = a * (1 - ys) + np.array([196, 200, 204], np.float32) * ys
    return Image.fromarray(np.clip(a * 0.92, 0, 255).astype(np.uint8), "RGB")


def compose_field(rng, spec):
    g = LY.field_geom(rng)
    mode = spec["mode"]
    objs, boxes, near = [], [], []
    if mode in ("single", "uncertain"):
        t = spec.get("target") or _c(rng, ["cow", "horse", "sheep", "dog"])
        if mode == "uncertain":
            o = LY.make_animal(rng, g, t, by=g["hz"] + rng.uniform(22, 40), x=0, big=0.8)
            silhouette(o, (40, 44, 42))
        else:
            big = {"cow": 1.15, "horse": 1.0, "sheep": 1.5, "dog": 1.9}[t]
            o = LY.make_animal(rng, g, t, by=rng.uniform(385, 440), x=0, big=big)
        if place(rng, [o], [], "center") is None:
            return None
        scen = LY.field_scenery(rng, g, n_bush=0, fence_p=0.3, n_hay=0)
        scen = [s for s in scen if s.depth < o.depth or not overlap(s.box(), o.box())]
        return Layout([o] + scen, lambda r: LY.paint_field(g, r, "overcast" if mode == "uncertain" else None),
                      post=fog_post if mode == "uncertain" else None)
    lo, hi = spec["n"]
    n = int(rng.integers(lo, hi + 1))
    pool = spec.get("classes", LY.FIELD_LABELS)
    wts = {"cow": 2, "sheep": 2.5, "horse": 1.2, "dog": 1, "bird": 1}
    labels = [_w(rng, {c: wts[c] for c in pool}) for _ in range(n)]
    if mode == "crowd":
        k = int(rng.integers(3, 7))
        labels = ["sheep"] * k + ["bird"] * int(rng.integers(1, 3)) + labels[: max(0, n - k - 1)]
        flock_x, flock_y = rng.uniform(150, 490), rng.uniform(g["hz"] + 70, 420)
    for k, lab in enumerate(labels):
        how = _hows(rng, mode, k)
        if lab == "bird":
            big = 1.0 if mode in ("sep", "multi", "poly") else rng.uniform(0.55, 1.0)
            o = LY.make_animal(rng, g, "bird", big=big)
            b = o.box()
            if how == "inside" and any(overlap(b, pb, 10) for pb in boxes):
                continue
            objs.append(o)
            boxes.append(b)
            continue
        by = None
        if mode == "crowd" and lab == "sheep":
            by = float(np.clip(flock_y + rng.normal(0, 30), g["hz"] + 25, 470))
        o = LY.make_animal(rng, g, lab, by=by, x=0)
        if mode == "crowd" and lab == "sheep":
            shift([o], int(flock_x + rng.normal(0, 120) - o.w / 2))
            b = o.box()
        else:
            b = place(rng, [o], boxes, how, GAP.get(mode, 12), near)
        if b is None:
            continue
        objs.append(o)
        boxes.append(b)
        near.append(b)
    if mode in ("sep", "multi", "poly"):
        scen = LY.field_scenery(rng, g, n_bush=0, fence_p=0.0, n_hay=int(rng.integers(0, 2)))
        scen = [s for s in scen if not any(overlap(s.box(), b, 4) for b in boxes)]
    else:
        scen = LY.field_scenery(rng, g, n_bush=int(rng.integers(1, 3)), fence_p=0.5)
    return Layout(objs + scen, lambda r: LY.paint_field(g, r))


# =========================================================================== compose: signs
def compose_signs(rng, spec):
    g = LY.signs_geom(rng)
    lo, hi = spec["n"]
    n = int(rng.integers(lo, hi + 1))
    objs, boxes = [], []
    slots = np.linspace(0, W, n + 1)
    kinds = list(rng.permutation(LY.SIGN_LABELS))
    for k in range(n):
        lab = str(kinds[k % len(kinds)])
        size = rng.uniform(80, 125)
        ang = rng.uniform(9, 28) * (1 if rng.random() < 0.5 else -1)
        if rng.random() < 0.15:
            ang = 0.0
        by = rng.uniform(g["hz"] + 25, g["road"] - 6)
        x = rng.uniform(slots[k] + 55, slots[k + 1] - 55) if slots[k + 1] - slots[k] > 110 else (slots[k] + slots[k + 1]) / 2
        grp = LY.make_sign(rng, g, lab, x, by, size, ang)
        b = gbox(grp)
        if b[0] < 6 or b[2] > W - 6 or b[1] < 4 or any(overlap(b, pb, 14) for pb in boxes):
            continue
        objs += grp
        boxes.append(b)
    return Layout(objs, lambda r: LY.paint_signs(g, r))


COMPOSE = {"street": compose_street, "kitchen": compose_kitchen, "parking": compose_parking,
           "field": compose_field, "signs": compose_signs}


# =========================================================================== checks
def gold_of(infos):
    g = [i for i in infos if i.included]
    return sorted(g, key=lambda i: (i.bbox[0], i.bbox[1]))


def check(infos, spec):
    mode = spec["mode"]
    lab = [i for i in infos if i.obj.label is not None]
    if mode in ("single", "uncertain"):
        if len(lab) != 1:
            return False
        i = lab[0]
        if mode == "uncertain":
            return i.visfrac > 0.9
        b = i.bbox
        return i.included and i.visfrac >= 0.97 and i.trunc == 0 and b[2] * b[3] >= 0.07 * W * H
    gold = gold_of(infos)
    lo, hi = spec.get("gold_n", spec["n"])
    if not lo <= len(gold) <= hi:
        return False
    if mode in ("sep", "poly"):
        if any(i.occl > 0.0 or i.trunc > 0.0 for i in lab):
            return False
        bb = [(i.bbox[0], i.bbox[1], i.bbox[0] + i.bbox[2], i.bbox[1] + i.bbox[3]) for i in gold]
        for a in range(len(bb)):
            for c in range(a + 1, len(bb)):
                if overlap(bb[a], bb[c], 8):
                    return False
        if mode == "poly":
            for i in gold:
                _, simp, outer = mask_polygon(i.vis_mask)
                if outer.area < 0.985 * i.vis or poly_iou(simp, outer) < 0.95:
                    return False
    if mode == "occ" and not (any(i.occluded for i in gold) and any(i.truncated for i in gold)):
        return False
    if mode == "attr":
        if not (any(i.occluded for i in gold) and any(i.truncated for i in gold)
                and any(not i.occluded and not i.truncated for i in gold)):
            return False
    if mode == "crowd":
        if not any(i.occluded for i in gold) or not any(min(i.bbox[2], i.bbox[3]) < 34 for i in gold):
            return False
    if mode == "multi":
        if any(i.visfrac < 0.6 or i.trunc > 0 or min(i.bbox[2], i.bbox[3]) < 12 for i in lab):
            return False
        present = {i.obj.label for i in gold}
        classes = CLS_SETS[spec["question"]]
        if len(present) < 2 or len(present) >= len(classes):
            return False
    return True


# =========================================================================== scene building
@dataclass
class Scene:
    img: Image.Image
    infos: list
    gold: list
    attempt: int
    extra: object = None


def build(scene, seed, spec, extra_fn=None, max_attempts=600):
    for attempt in range(max_attempts):
        rng = np.random.default_rng([seed, attempt])
        lay = COMPOSE[scene](rng, spec)
        if lay is None:
            continue
        flags = spec["mode"] == "attr" or spec["task"] == "inspection"
        for _ in range(6):
            infos = analyse(lay.objs)
            bad = {id(i.obj) for i in infos if ambiguous(i, flags)}
            if not bad:
                break
            bad |= {id(o.partner) for o in lay.objs if id(o) in bad and getattr(o, "partner", None) is not None}
            lay.objs = [o for o in lay.objs if id(o) not in bad]
        else:
            continue
        if not check(infos, spec):
            continue
        extra = None
        if extra_fn is not None:
            extra = extra_fn(infos, np.random.default_rng([seed, attempt, 3]))
            if extra is None:
                continue
        prng = np.random.default_rng([seed, attempt, 7])
        bg = lay.paint(prng)
        img = render(bg, lay.objs)
        if lay.post:
            img = lay.post(img, prng)
        img = finish(img, prng, warmth=(1.0 + prng.uniform(-0.03, 0.03), 1.0, 1.0 + prng.uniform(-0.03, 0.03)))
        return Scene(img, infos, gold_of(infos), attempt, extra)
    raise RuntimeError(f"no valid {scene} layout for seed {seed} spec {spec}")


# =========================================================================== gold -> yaml structures
def bbox_gold_objects(gold):
    return [FlowMap(label=i.obj.label, bbox=Flow(i.bbox), occluded=i.occluded, truncated=i.truncated) for i in gold]


def polygon_gold_objects(gold):
    out = []
    for i in gold:
        flat, _, _ = mask_polygon(i.vis_mask)
        out.append(FlowMap(label=i.obj.label, polygon=Flow(flat)))
    return out


def _clipbox(b):
    x0, y0 = max(0, b[0]), max(0, b[1])
    x1, y1 = min(W, b[0] + b[2]), min(H, b[1] + b[3])
    return [int(x0), int(y0), int(max(1, x1 - x0)), int(max(1, y1 - y0))]


def _jitter(b, rng):
    d = rng.integers(-1, 2, 4)
    x0, y0 = b[0] + d[0], b[1] + d[1]
    x1, y1 = b[0] + b[2] + d[2], b[1] + b[3] + d[3]
    return _clipbox([int(x0), int(y0), int(x1 - x0), int(y1 - y0)])


def wrong_label(true, scheme):
    """a clearly wrong class from the item's own scheme"""
    pref = WRONG_CLASS.get(true)
    if pref in scheme:
        return pref
    return [c for c in scheme if c != true and c != "uncertain"][0]


def _inner(b, m=8):
    return b[0] >= m and b[1] >= m and b[0] + b[2] <= W - m and b[1] + b[3] <= H - m


def bbox_review(infos, errors, rng, scheme):
    """perturb gold into a labeler's submission. Returns (objects, faulty_indices) or None."""
    gold = gold_of(infos)
    if len(gold) < 2:
        return None
    ents = [dict(label=i.obj.label, bbox=_jitter(i.bbox, rng), occluded=i.occluded, truncated=i.truncated,
                 info=i, fault=False, drop=False, dup_of=None) for i in gold]
    used = set()

    def pick(cond):
        c = [k for k, e in enumerate(ents) if k not in used and cond(e)]
        if not c:
            return None
        k = c[int(rng.integers(len(c)))]
        used.add(k)
        return k

    dups = []
    for err in errors:
        if err == "loose_box":
            k = pick(lambda e: min(e["info"].bbox[2:]) >= 24 and _inner(e["info"].bbox, 12))
            if k is None:
                return None
            b = ents[k]["info"].bbox
            for _ in range(20):
                dx0, dx1 = [max(5, rng.uniform(0.12, 0.3) * b[2]) for _ in range(2)]
                dy0, dy1 = [max(5, rng.uniform(0.12, 0.3) * b[3]) for _ in range(2)]
                nb = _clipbox([int(b[0] - dx0), int(b[1] - dy0), int(b[2] + dx0 + dx1), int(b[3] + dy0 + dy1)])
                if box_iou(nb, b) < 0.68:
                    break
            else:
                return None
            ents[k].update(bbox=nb, fault=True)
        elif err == "clipped_box":
            k = pick(lambda e: min(e["info"].bbox[2:]) >= 24)
            if k is None:
                return None
            b = ents[k]["info"].bbox
            sides = rng.permutation(4)[: int(rng.integers(1, 3))]
            x0, y0, x1, y1 = b[0], b[1], b[0] + b[2], b[1] + b[3]
            for s in sides:
                f = rng.uniform(0.24, 0.36)
                if s == 0:
                    x0 += int(f * b[2])
                elif s == 1:
                    x1 -= int(f * b[2])
                elif s == 2:
                    y0 += int(f * b[3])
                else:
                    y1 -= int(f * b[3])
            ents[k].update(bbox=[x0, y0, x1 - x0, y1 - y0], fault=True)
        elif err == "wrong_class":
            k = pick(lambda e: min(e["info"].bbox[2:]) >= 16)
            if k is None:
                return None
            ents[k].update(label=wrong_label(ents[k]["label"], scheme), fault=True)
        elif err == "missed_object":
            k = pick(lambda e: min(e["info"].bbox[2:]) >= 20 and e["info"].visfrac >= 0.5)
            if k is None:
                return None
            ents[k]["drop"] = True
        elif err == "duplicate_box":
            k = pick(lambda e: min(e["info"].bbox[2:]) >= 18)
            if k is None:
                return None
            dups.append(k)
        elif err == "hidden_extent_boxed":
            k = pick(lambda e: e["info"].occl > 0.15 and e["info"].amodal_bbox is not None
                     and box_iou(e["info"].amodal_bbox, e["info"].bbox) < 0.72)
            if k is None:
                return None
            ents[k].update(bbox=list(ents[k]["info"].amodal_bbox), fault=True)
        elif err == "wrong_attribute":
            def clear_case(e):
                i = e["info"]
                return (i.occl > 0.15 or i.occl == 0.0) and (i.trunc >= 0.3 or (i.trunc == 0 and _inner(i.bbox, 25)))
            k = pick(clear_case)
            if k is None:
                return None
            i = ents[k]["info"]
            opts = []
            if i.occl > 0.15:
                opts.append(("occluded", False))
            if i.occl == 0.0:
                opts.append(("occluded", True))
            if i.trunc >= 0.3:
                opts.append(("truncated", False))
            if i.trunc == 0 and _inner(i.bbox, 25):
                opts.append(("truncated", True))
            key, val = opts[int(rng.integers(len(opts)))]
            ents[k][key] = val
            ents[k]["fault"] = True
        else:
            raise ValueError(err)
    out, tail = [], []
    for k, e in enumerate(ents):
        if e["drop"]:
            continue
        out.append(e)
        if k in dups:
            d = dict(e)
            d.update(bbox=_jitter(_jitter(e["info"].bbox, rng), rng), fault=True, label=e["info"].obj.label,
                     occluded=e["info"].occluded, truncated=e["info"].truncated)
            (out if rng.random() < 0.5 else tail).append(d)
    out += tail
    objs = [FlowMap(label=e["label"], bbox=Flow([int(v) for v in e["bbox"]]), occluded=bool(e["occluded"]),
                    truncated=bool(e["truncated"])) for e in out]
    faulty = [k for k, e in enumerate(out) if e["fault"]]
    return objs, faulty


def polygon_review(infos, errors, rng, scheme):
    gold = gold_of(infos)
    if len(gold) < 2:
        return None
    ents = []
    for i in gold:
        flat, simp, _ = mask_polygon(i.vis_mask)
        jit = [round(float(v + rng.uniform(-0.6, 0.6)), 1) for v in flat]
        if not poly_from_flat(jit).is_valid:
            jit = flat
        ents.append(dict(label=i.obj.label, poly=jit, info=i, simp=simp, fault=False, drop=False))
    used = set()

    def pick(cond):
        c = [k for k, e in enumerate(ents) if k not in used and cond(e)]
        if not c:
            return None
        k = c[int(rng.integers(len(c)))]
        used.add(k)
        return k

    for err in errors:
        if err == "loose_outline":
            k = pick(lambda e: min(e["info"].bbox[2:]) >= 30)
            if k is None:
                return None
            e = ents[k]
            simp = e["simp"]
            if rng.random() < 0.5:
                grown = simp.buffer(rng.uniform(9, 13), join_style=2).simplify(1.0)
                coords = list(grown.exterior.coords)[:-1]
            else:
                coords = list(simp.exterior.coords)[:-1]
                cx, cy = simp.centroid.x, simp.centroid.y
                n = len(coords)
                start, run = int(rng.integers(n)), int(rng.integers(3, 6))
                push = rng.uniform(16, 26)
                for j in range(start, start + run):
                    x, y = coords[j % n]
                    dx, dy = x - cx, y - cy
                    L = max(1e-6, (dx * dx + dy * dy) ** 0.5)
                    coords[j % n] = (x + dx / L * push, y + dy / L * push)
            coords = [(min(W, max(0, x)), min(H, max(0, y))) for x, y in coords]
            if not poly_from_flat([v for xy in coords for v in xy]).is_valid:
                grown = simp.buffer(rng.uniform(9, 13), join_style=2).intersection(
                    poly_from_flat([0, 0, W, 0, W, H, 0, H]))
                coords = list(grown.exterior.coords)[:-1]
            tol = 1.0
            while len(coords) > 40:
                coords = list(poly_from_flat([v for xy in coords for v in xy]).simplify(tol).exterior.coords)[:-1]
                tol *= 1.3
            flat = [round(float(v), 1) for xy in coords for v in xy]
            if not poly_from_flat(flat).is_valid or poly_iou(poly_from_flat(flat), simp) > 0.82:
                return None
            e.update(poly=flat, fault=True)
        elif err == "wrong_class":
            k = pick(lambda e: True)
            if k is None:
                return None
            ents[k].update(label=wrong_label(ents[k]["label"], scheme), fault=True)
        elif err == "missed_object":
            k = pick(lambda e: min(e["info"].bbox[2:]) >= 20)
            if k is None:
                return None
            ents[k]["drop"] = True
    out = [e for e in ents if not e["drop"]]
    objs = [FlowMap(label=e["label"], polygon=Flow(e["poly"])) for e in out]
    return objs, [k for k, e in enumerate(out) if e["fault"]]


# =========================================================================== item writing
def load_reasons():
    with open(os.path.join(ROOT, "content", "practice", "reasons.yaml"), encoding="utf-8") as f:
        fam = yaml.safe_load(f)["families"]
    return {k: [FlowMap(id=r["id"], ko=r["ko"], en=r["en"]) for r in v] for k, v in fam.items()}


def item_dir(slug, module):
    if module:
        return os.path.join(ROOT, "content", "practice", module, slug)
    return os.path.join(ROOT, "content", "exams", "items", slug)


def write_item(slug, module, item, gold, img):
    d = item_dir(slug, module)
    if os.path.isdir(d):          # an item folder is owned entirely by this generator
        for f in os.listdir(d):
            fp = os.path.join(d, f)
            if os.path.isfile(fp):
                os.remove(fp)
    os.makedirs(d, exist_ok=True)
    data = jpeg_bytes(img)
    with open(os.path.join(d, ASSET), "wb") as f:
        f.write(data)
    with open(os.path.join(d, "item.yaml"), "w", encoding="utf-8") as f:
        f.write(dump_yaml(item))
    with open(os.path.join(d, "gold.yaml"), "w", encoding="utf-8") as f:
        f.write(dump_yaml(gold))
    return d, len(data)


def base_item(spec, typ, title, instructions, labels, params):
    item = {"slug": spec["slug"]}
    if spec.get("module"):
        item["module"] = spec["module"]
    else:
        item["pool"] = spec["pool"]
        item["topic"] = spec["topic"]
    item.update({
        "type": typ,
        "difficulty": spec.get("difficulty", 1),
        "title": FlowMap(ko=title[0], en=title[1]),
        "instructions": instructions,
        "asset": FlowMap(file=ASSET, kind="image", width=W, height=H),
        "labels": [FlowMap(**e) for e in T.label_entries(labels)],
        "params": params,
    })
    return item


def _title(spec, ko, en):
    no = spec["slug"].rsplit("-", 1)[-1]
    return (f"{ko} {no}", f"{en} {no}")


def make_bbox(spec):
    sc = build(spec["scene"], spec["seed"], spec)
    labels = SCENE_CLASSES[spec["scene"]]
    attrs = spec.get("attributes", False)
    params = {"max_objects": 50}
    if attrs:
        params = {"attributes": Flow(["occluded", "truncated"]), "max_objects": 50}
    sname = T.SCENE_NAME[spec["scene"]]
    title = _title(spec, f"바운딩 박스 — {sname[0]}", f"Bounding boxes — {sname[1]}")
    item = base_item(spec, "bbox", title, T.bbox_instructions(spec["scene"], labels, spec["iou"], spec["pass"], attrs),
                     labels, params)
    gold = {"pass_score": spec["pass"], "iou_threshold": spec["iou"], "objects": bbox_gold_objects(sc.gold)}
    return item, gold, sc


def make_polygon(spec):
    sc = build(spec["scene"], spec["seed"], spec)
    labels = spec.get("classes") or SCENE_CLASSES[spec["scene"]]
    sname = T.SCENE_NAME[spec["scene"]]
    title = _title(spec, f"폴리곤 — {sname[0]}", f"Polygons — {sname[1]}")
    item = base_item(spec, "polygon", title, T.polygon_instructions(spec["scene"], labels, spec["iou"], spec["pass"]),
                     labels, {"max_objects": 30})
    gold = {"pass_score": spec["pass"], "iou_threshold": spec["iou"], "objects": polygon_gold_objects(sc.gold)}
    return item, gold, sc


def make_cls(spec):
    q = spec["question"]
    labels = CLS_SETS[q]
    multi = spec["mode"] == "multi"
    sc = build(spec["scene"], spec["seed"], spec)
    if spec["mode"] == "uncertain":
        gl = ["uncertain"]
    elif multi:
        gl = sorted({i.obj.label for i in sc.gold}, key=labels.index)
    else:
        gl = [spec["target"]]
    qt = T.CLS_QUESTION[q]
    title = _title(spec, f"이미지 분류 — {qt[0].rstrip('?.')}", f"Image classification — {qt[1].rstrip('?.')}")
    item = base_item(spec, "classification", title, T.cls_instructions(q, labels, multi, spec["pass"]), labels,
                     {"multi_label": multi})
    gold = {"pass_score": spec["pass"], "labels": Flow(gl)}
    return item, gold, sc


REASONS = None


def make_inspection(spec):
    global REASONS
    REASONS = REASONS or load_reasons()
    kind = spec["review"]
    errors = spec.get("errors", [])
    scene = spec["scene"]
    if kind == "classification":
        q = spec["question"]
        labels = CLS_SETS[q]
        sc = build(scene, spec["seed"], spec)
        multi = spec["mode"] == "multi"
        if spec["mode"] == "uncertain":
            truth = ["uncertain"]
        elif multi:
            truth = sorted({i.obj.label for i in sc.gold}, key=labels.index)
        else:
            truth = [spec["target"]]
        rng = np.random.default_rng([spec["seed"], 99])
        review = list(truth)
        pool = [c for c in labels if c != "uncertain"]
        for err in errors:
            if err == "guessed_uncertain":
                review = [_c(rng, pool)]
            elif err == "missing_label":
                review.remove(review[int(rng.integers(len(review)))])
            elif err == "wrong_label":
                if multi:
                    absent = [c for c in pool if c not in truth]
                    review.append(_c(rng, absent))
                else:
                    review = [_c(rng, [c for c in pool if c != truth[0]])]
        review = sorted(review, key=labels.index)
        params = {"review": {"type": "classification", "labels": Flow(review)}, "reasons": REASONS["classification"]}
        reasons_family = REASONS["classification"]
        faulty = []
        ttl = ("분류 검수", "Classification review")
        instr = T.inspection_instructions("classification", scene, labels, reasons_family, spec["pass"], multi)
    else:
        labels = spec.get("classes") or SCENE_CLASSES[scene]
        fn = bbox_review if kind == "bbox" else polygon_review
        sc = build(scene, spec["seed"], spec, extra_fn=lambda infos, rng: fn(infos, errors, rng, labels))
        objs, faulty = sc.extra
        fam = "bbox" if kind == "bbox" else "polygon"
        params = {"review": {"type": kind, "objects": objs}, "reasons": REASONS[fam]}
        reasons_family = REASONS[fam]
        ttl = ("바운딩 박스 검수", "Bounding-box review") if kind == "bbox" else ("폴리곤 검수", "Polygon review")
        instr = T.inspection_instructions(kind, scene, labels, reasons_family, spec["pass"])
    sname = T.SCENE_NAME[scene]
    title = _title(spec, f"{ttl[0]} — {sname[0]}", f"{ttl[1]} — {sname[1]}")
    item = base_item(spec, "inspection", title, instr, labels, params)
    gold = {"pass_score": spec["pass"], "decision": "reject" if errors else "accept",
            "reasons": Flow(sorted(set(errors), key=[r["id"] for r in reasons_family].index)),
            "faulty_objects": Flow(faulty)}
    return item, gold, sc


MAKERS = {"bbox": make_bbox, "polygon": make_polygon, "classification": make_cls, "inspection": make_inspection}


# =========================================================================== item specs
def practice_specs():
    P = []

    def add(module, num, **kw):
        kw.setdefault("difficulty", 1)
        P.append(dict(slug=f"{module}-{num}", module=module, **kw))

    m = "image-classification-intro"
    add(m, "01", task="classification", scene="field", mode="single", target="sheep", question="animal", seed=1101, pass_=100)
    add(m, "02", task="classification", scene="street", mode="single", target="truck", question="vehicle", seed=1102, pass_=100)
    add(m, "03", task="classification", scene="field", mode="uncertain", question="animal", seed=1103, pass_=100, difficulty=2)
    m = "image-classification-intermediate"
    add(m, "01", task="classification", scene="street", mode="multi", question="street_tags", n=(3, 6), seed=1201, pass_=80, difficulty=2)
    add(m, "02", task="classification", scene="kitchen", mode="multi", question="kitchen_tags", n=(3, 6), seed=1202, pass_=80, difficulty=2)
    add(m, "03", task="classification", scene="field", mode="multi", question="field_tags", n=(3, 6), seed=1203, pass_=80, difficulty=2)
    add(m, "inspect-01", task="inspection", review="classification", scene="kitchen", mode="multi", question="kitchen_tags",
        n=(3, 6), errors=["missing_label"], seed=1211, pass_=70, difficulty=2)
    add(m, "inspect-02", task="inspection", review="classification", scene="field", mode="multi", question="field_tags",
        n=(3, 6), errors=[], seed=1212, pass_=70, difficulty=2)
    m = "labeling-basics"
    add(m, "01", task="classification", scene="kitchen", mode="single", target="apple", question="food", seed=1301, pass_=100)
    add(m, "02", task="classification", scene="street", mode="single", target="car", question="vehicle", seed=1302, pass_=100)
    add(m, "03", task="bbox", scene="kitchen", mode="sep", n=(1, 2), iou=0.5, seed=1303, pass_=70)
    m = "bbox-intro"
    add(m, "01", task="bbox", scene="street", mode="sep", n=(2, 3), iou=0.5, seed=1401, pass_=70)
    add(m, "02", task="bbox", scene="field", mode="sep", n=(2, 3), iou=0.5, seed=1402, pass_=70)
    add(m, "03", task="bbox", scene="kitchen", mode="sep", n=(2, 3), iou=0.5, seed=1403, pass_=70)
    m = "bbox-intermediate-1"
    add(m, "01", task="bbox", scene="street", mode="occ", n=(3, 6), iou=0.7, seed=1501, pass_=75, difficulty=2)
    add(m, "02", task="bbox", scene="field", mode="occ", n=(3, 6), iou=0.7, seed=1502, pass_=75, difficulty=2)
    add(m, "03", task="bbox", scene="parking", mode="occ", n=(3, 7), iou=0.7, seed=1503, pass_=75, difficulty=2)
    m = "bbox-intermediate-2"
    add(m, "01", task="bbox", scene="street", mode="crowd", n=(7, 12), gold_n=(5, 12), iou=0.7, seed=1601, pass_=75, difficulty=2)
    add(m, "02", task="bbox", scene="kitchen", mode="crowd", n=(7, 11), gold_n=(5, 12), iou=0.7, seed=1602, pass_=75, difficulty=2)
    add(m, "03", task="bbox", scene="field", mode="crowd", n=(5, 9), gold_n=(5, 12), iou=0.7, seed=1603, pass_=75, difficulty=2)
    m = "bbox-advanced-1"
    add(m, "01", task="bbox", scene="street", mode="attr", n=(4, 7), iou=0.8, attributes=True, seed=1701, pass_=80, difficulty=3)
    add(m, "02", task="bbox", scene="field", mode="attr", n=(4, 7), iou=0.8, attributes=True, seed=1702, pass_=80, difficulty=3)
    add(m, "03", task="bbox", scene="parking", mode="attr", n=(4, 8), iou=0.8, attributes=True, seed=1703, pass_=80, difficulty=3)
    add(m, "inspect-01", task="inspection", review="bbox", scene="street", mode="attr", n=(4, 7),
        errors=["loose_box", "wrong_attribute"], seed=1711, pass_=70, difficulty=3)
    add(m, "inspect-02", task="inspection", review="bbox", scene="kitchen", mode="occ", n=(3, 6),
        errors=[], seed=1712, pass_=70, difficulty=3)
    add(m, "inspect-03", task="inspection", review="bbox", scene="field", mode="attr", n=(4, 7),
        errors=["hidden_extent_boxed", "duplicate_box"], seed=1713, pass_=70, difficulty=3)
    m = "bbox-advanced-2"
    add(m, "01", task="polygon", scene="signs", mode="poly", n=(3, 4), iou=0.75, seed=1801, pass_=75, difficulty=3)
    add(m, "02", task="polygon", scene="kitchen", mode="poly", n=(2, 4), iou=0.75, seed=1802, pass_=75, difficulty=3,
        classes=["apple", "banana", "orange", "bottle", "bowl"])
    add(m, "03", task="polygon", scene="parking", mode="poly", n=(3, 5), iou=0.75, seed=1803, pass_=75, difficulty=3)
    return P


def exam_specs():
    E = []

    def add(slug, **kw):
        E.append(dict(slug=slug, **kw))

    bbox_plan = [
        ("street", "sep", 1), ("kitchen", "sep", 1), ("field", "sep", 1), ("parking", "sep", 1), ("signs", "sep", 1),
        ("street", "occ", 2), ("kitchen", "occ", 2), ("field", "occ", 2), ("parking", "occ", 2), ("street", "crowd", 2),
        ("kitchen", "crowd", 3), ("field", "attr", 3), ("parking", "attr", 3), ("street", "attr", 3), ("street", "crowd", 3),
    ]
    for k, (scene, mode, dif) in enumerate(bbox_plan, 1):
        n = {"sep": (2, 3), "occ": (3, 6), "attr": (4, 7), "crowd": (7, 12)}[mode]
        if scene == "field" and mode == "crowd":
            n = (5, 9)
        iou = {1: 0.5, 2: 0.6, 3: 0.7}[dif]
        kw = dict(task="bbox", scene=scene, mode=mode if scene != "signs" else "poly", n=n, iou=iou,
                  seed=5000 + k, pass_={1: 70, 2: 75, 3: 80}[dif], difficulty=dif, pool="level2-practical", topic="bbox")
        if mode == "crowd":
            kw["gold_n"] = (5, 12)
        if mode == "attr":
            kw["attributes"] = True
        add(f"x2-bbox-{k:03d}", **kw)
    cls_plan = [
        dict(scene="field", mode="single", target="cow", question="animal"),
        dict(scene="street", mode="single", target="bus", question="vehicle"),
        dict(scene="kitchen", mode="single", target="banana", question="food"),
        dict(scene="street", mode="single", target="bicycle", question="vehicle"),
        dict(scene="field", mode="single", target="horse", question="animal"),
        dict(scene="street", mode="uncertain", question="vehicle"),
        dict(scene="kitchen", mode="multi", question="kitchen_tags", n=(3, 6)),
        dict(scene="field", mode="multi", question="field_tags", n=(3, 6)),
    ]
    for k, c in enumerate(cls_plan, 1):
        multi = c["mode"] == "multi"
        add(f"x2-cls-img-{k:03d}", task="classification", seed=6000 + k, pass_=80 if multi else 100,
            difficulty=2 if c["mode"] != "single" else 1, pool="level2-practical", topic="classification", **c)
    # inspection pool: 22 bbox + 8 polygon + 10 classification, ~30 % accept
    bbox_errs = [[], ["loose_box"], ["clipped_box"], [], ["wrong_class"], ["missed_object"], ["duplicate_box"], [],
                 ["hidden_extent_boxed"], ["wrong_attribute"], [], ["loose_box", "missed_object"],
                 ["clipped_box", "wrong_class"], [], ["hidden_extent_boxed", "wrong_attribute"],
                 ["duplicate_box", "loose_box"], [], ["missed_object", "wrong_attribute"], ["loose_box"],
                 ["hidden_extent_boxed"], [], ["clipped_box", "duplicate_box"]]
    scenes = ["street", "kitchen", "field", "parking"]
    poly_errs = [[], ["loose_outline"], ["wrong_class"], ["missed_object"], [], ["loose_outline", "wrong_class"],
                 ["missed_object", "loose_outline"], ["loose_outline"]]
    poly_scenes = ["signs", "kitchen", "parking"]
    cls_errs = [
        (dict(scene="field", mode="single", target="dog", question="animal"), []),
        (dict(scene="street", mode="single", target="car", question="vehicle"), ["wrong_label"]),
        (dict(scene="field", mode="uncertain", question="animal"), ["guessed_uncertain"]),
        (dict(scene="kitchen", mode="multi", question="kitchen_tags", n=(3, 6)), ["missing_label"]),
        (dict(scene="kitchen", mode="single", target="bottle", question="food"), []),
        (dict(scene="field", mode="single", target="sheep", question="animal"), ["wrong_label"]),
        (dict(scene="street", mode="uncertain", question="vehicle"), ["guessed_uncertain"]),
        (dict(scene="field", mode="multi", question="field_tags", n=(3, 6)), ["missing_label"]),
        (dict(scene="street", mode="multi", question="street_tags", n=(3, 6)), []),
        (dict(scene="street", mode="multi", question="street_tags", n=(3, 6)), ["wrong_label", "missing_label"]),
    ]
    k = 0
    for j, errs in enumerate(bbox_errs):
        k += 1
        scene = scenes[j % 4]
        hard = any(e in errs for e in ("hidden_extent_boxed", "wrong_attribute"))
        mode = "attr" if hard or j % 3 == 0 else ("crowd" if j % 3 == 1 and scene != "parking" else "occ")
        n = {"attr": (4, 7), "occ": (3, 6), "crowd": (6, 11)}[mode]
        kw = dict(gold_n=(5, 12)) if mode == "crowd" else {}
        add(f"x1-insp-box-{k:03d}", task="inspection", review="bbox", scene=scene, mode=mode, n=n, errors=errs,
            seed=7000 + k, pass_=70, difficulty=3 if hard else 2, pool="level1-inspection", topic="inspection-bbox", **kw)
    for j, errs in enumerate(poly_errs):
        k += 1
        scene = poly_scenes[j % 3]
        kw = dict(classes=["apple", "banana", "orange", "bottle", "bowl"]) if scene == "kitchen" else {}
        add(f"x1-insp-box-{k:03d}", task="inspection", review="polygon", scene=scene, mode="poly", n=(2, 4), errors=errs,
            seed=7000 + k, pass_=70, difficulty=2, pool="level1-inspection", topic="inspection-bbox", **kw)
    for c, errs in cls_errs:
        k += 1
        add(f"x1-insp-box-{k:03d}", task="inspection", review="classification", errors=errs, seed=7000 + k, pass_=70,
            difficulty=1 if c["mode"] == "single" else 2, pool="level1-inspection", topic="inspection-classification", **c)
    return E


def all_specs():
    out = []
    for s in practice_specs() + exam_specs():
        s["pass"] = s.pop("pass_")
        out.append(s)
    return out


def verify(spec, item, gold, size):
    """consistency checks on what is about to be written; returns a list of problems"""
    errs = []
    ids = [e["id"] for e in item["labels"]]
    if size >= 150_000:
        errs.append(f"image {size} bytes")
    if item["type"] in ("bbox", "polygon"):
        objs = gold["objects"]
    elif item["type"] == "inspection" and item["params"]["review"]["type"] != "classification":
        objs = item["params"]["review"]["objects"]
        fam = [r["id"] for r in item["params"]["reasons"]]
        if any(r not in fam for r in gold["reasons"]):
            errs.append("reason not in family")
        if any(not 0 <= k < len(objs) for k in gold["faulty_objects"]):
            errs.append("faulty index out of range")
        if (gold["decision"] == "accept") != (not gold["reasons"]):
            errs.append("decision/reasons mismatch")
    else:
        objs = []
        labs = gold["labels"] if item["type"] == "classification" else item["params"]["review"]["labels"]
        if not labs or any(x not in ids for x in labs):
            errs.append(f"bad labels {labs}")
    for o in objs:
        if o["label"] not in ids:
            errs.append(f"label {o['label']} not in scheme")
        if "bbox" in o:
            x, y, w, h = o["bbox"]
            if not (x >= 0 and y >= 0 and w >= 1 and h >= 1 and x + w <= W and y + h <= H):
                errs.append(f"bbox outside image {o['bbox']}")
        if "polygon" in o:
            p = o["polygon"]
            if len(p) % 2 or not 3 <= len(p) // 2 <= 40:
                errs.append(f"polygon has {len(p) // 2} points")
            if any(v < 0 for v in p) or any(v > W for v in p[0::2]) or any(v > H for v in p[1::2]):
                errs.append("polygon outside image")
            if not poly_from_flat(p).is_valid:
                errs.append("polygon invalid")
    if item["type"] == "bbox":
        n = len(objs)
        lo, hi = spec.get("gold_n", spec["n"])
        if not lo <= n <= hi:
            errs.append(f"{n} gold objects, wanted {lo}..{hi}")
    return errs


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", default="", help="only items whose slug starts with this")
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args(argv)
    total = 0
    failed = False
    for spec in all_specs():
        if not spec["slug"].startswith(args.only):
            continue
        item, gold, sc = MAKERS[spec["task"]](spec)
        d, size = write_item(spec["slug"], spec.get("module"), item, gold, sc.img)
        total += size
        for e in verify(spec, item, gold, size):
            print(f"CHECK FAILED {spec['slug']}: {e}", file=sys.stderr)
            failed = True
        if not args.quiet:
            extra = ""
            if "objects" in gold:
                extra = f"{len(gold['objects'])} objects"
            elif "labels" in gold:
                extra = "labels=" + ",".join(gold["labels"])
            else:
                extra = f"{gold['decision']} {list(gold['reasons'])} faulty={list(gold['faulty_objects'])}"
            print(f"{spec['slug']:42s} attempt {sc.attempt:3d}  {size // 1024:4d} KB  {extra}")
    if not args.quiet:
        print(f"total image bytes: {total / 1e6:.2f} MB")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
