"""Parametric 3-D people for the keypoint generator: poses, body build, COCO-17 joints.

Body frame (height 1.0): X = the person's own LEFT, Y = up, Z = the way the person faces.
A yaw of 0 faces the camera, so the person's left side appears on the image's right; a yaw
of 180 shows the back and the left side appears on the image's left. The COCO-17 keypoints
are the exact joint centres that the drawing is built from.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from tools.generators.people_render import Raster

COCO17 = [
    "nose",
    "left_eye",
    "right_eye",
    "left_ear",
    "right_ear",
    "left_shoulder",
    "right_shoulder",
    "left_elbow",
    "right_elbow",
    "left_wrist",
    "right_wrist",
    "left_hip",
    "right_hip",
    "left_knee",
    "right_knee",
    "left_ankle",
    "right_ankle",
]
# how deep inside the drawn body each joint sits (body units): anything nearer to the camera
# than joint depth + this tolerance at the joint's pixel hides the joint (visibility 1)
TOLERANCE = {
    "nose": 0.014,
    "eye": 0.014,
    "ear": 0.02,
    "shoulder": 0.13,
    "elbow": 0.05,
    "wrist": 0.045,
    "hip": 0.12,
    "knee": 0.065,
    "ankle": 0.055,
}

SKIN = [(241, 205, 176), (226, 184, 150), (198, 150, 112), (160, 112, 80), (118, 80, 58), (250, 218, 192)]
HAIR = [(30, 24, 22), (58, 40, 30), (92, 62, 40), (140, 110, 80), (170, 170, 170), (20, 20, 26)]
SHIRTS = [
    (200, 60, 60),
    (40, 90, 170),
    (240, 240, 236),
    (60, 140, 90),
    (240, 190, 60),
    (120, 80, 160),
    (40, 40, 48),
    (230, 120, 150),
    (80, 170, 190),
    (250, 140, 60),
]
PANTS = [(44, 62, 110), (30, 30, 36), (150, 130, 100), (90, 90, 96), (60, 80, 140), (100, 70, 50)]
SHOES = [(30, 30, 30), (240, 240, 240), (120, 60, 40), (200, 40, 40), (50, 50, 120)]


def _dir(angles: tuple[float, float], side: float) -> np.ndarray:
    """Limb direction: a = abduction from hanging down toward that side, f = forward elevation."""
    a, f = math.radians(angles[0]), math.radians(angles[1])
    return np.array([side * math.sin(a) * math.cos(f), -math.cos(a) * math.cos(f), math.sin(f)])


def _rx(p: float) -> np.ndarray:
    c, s = math.cos(math.radians(p)), math.sin(math.radians(p))
    return np.array([[1, 0, 0], [0, c, -s], [0, s, c]])


def _rz(r: float) -> np.ndarray:
    c, s = math.cos(math.radians(r)), math.sin(math.radians(r))
    return np.array([[c, -s, 0], [s, c, 0], [0, 0, 1]])


def _ry(yaw: float) -> np.ndarray:
    """Yaw about the vertical axis: x' = X cos + Z sin, z' = -X sin + Z cos."""
    c, s = math.cos(math.radians(yaw)), math.sin(math.radians(yaw))
    return np.array([[c, 0, s], [0, 1, 0], [-s, 0, c]])


# pose presets: (upper arm a,f), (forearm a,f) per side, (thigh a,f), (shin a,f) per side
POSES: dict[str, dict[str, Any]] = {
    "stand": dict(
        ua_l=(9, 4), fa_l=(6, 18), ua_r=(9, 4), fa_r=(6, 18), th_l=(4, 0), sh_l=(2, -2), th_r=(4, 0), sh_r=(2, -2)
    ),
    "walk": dict(
        ua_l=(7, -22),
        fa_l=(5, -4),
        ua_r=(7, 24),
        fa_r=(4, 52),
        th_l=(3, 26),
        sh_l=(1, 4),
        th_r=(3, -16),
        sh_r=(2, -40),
        lean=4,
    ),
    "wave": dict(
        ua_l=(9, 4), fa_l=(6, 16), ua_r=(98, 12), fa_r=(172, 14), th_l=(5, 0), sh_l=(2, -2), th_r=(6, 0), sh_r=(3, -2)
    ),
    "cheer": dict(
        ua_l=(142, 14),
        fa_l=(168, 10),
        ua_r=(142, 14),
        fa_r=(168, 10),
        th_l=(8, 0),
        sh_l=(4, -2),
        th_r=(8, 0),
        sh_r=(4, -2),
    ),
    "tpose": dict(
        ua_l=(90, 2), fa_l=(92, 4), ua_r=(90, 2), fa_r=(92, 4), th_l=(10, 0), sh_l=(6, -2), th_r=(10, 0), sh_r=(6, -2)
    ),
    "hips": dict(
        ua_l=(38, -22),
        fa_l=(-42, -14),
        ua_r=(38, -22),
        fa_r=(-42, -14),
        th_l=(7, 0),
        sh_l=(3, -2),
        th_r=(7, 0),
        sh_r=(3, -2),
    ),
    "squat": dict(
        ua_l=(6, 78),
        fa_l=(2, 84),
        ua_r=(6, 78),
        fa_r=(2, 84),
        th_l=(16, 78),
        sh_l=(6, -8),
        th_r=(16, 78),
        sh_r=(6, -8),
        lean=18,
    ),
    "run": dict(
        ua_l=(6, -34),
        fa_l=(0, 42),
        ua_r=(6, 40),
        fa_r=(-10, 84),
        th_l=(2, 56),
        sh_l=(0, -28),
        th_r=(2, -24),
        sh_r=(0, -82),
        lean=12,
    ),
    "knee_up": dict(
        ua_l=(88, 4), fa_l=(96, 6), ua_r=(88, 4), fa_r=(96, 6), th_l=(2, 86), sh_l=(0, -8), th_r=(3, 0), sh_r=(2, -2)
    ),
    "arms_crossed": dict(
        ua_l=(10, 22),
        fa_l=(-82, 30),
        ua_r=(10, 26),
        fa_r=(-84, 36),
        th_l=(5, 0),
        sh_l=(2, -2),
        th_r=(5, 0),
        sh_r=(2, -2),
    ),
    "point": dict(
        ua_l=(9, 4), fa_l=(6, 16), ua_r=(70, 40), fa_r=(72, 44), th_l=(6, 0), sh_l=(2, -2), th_r=(9, 0), sh_r=(4, -2)
    ),
    "phone": dict(
        ua_l=(24, 30), fa_l=(200, 20), ua_r=(9, 4), fa_r=(6, 20), th_l=(4, 0), sh_l=(2, -2), th_r=(4, 0), sh_r=(2, -2)
    ),
    "lunge": dict(
        ua_l=(20, 0),
        fa_l=(10, 8),
        ua_r=(20, 0),
        fa_r=(10, 8),
        th_l=(4, 62),
        sh_l=(2, -6),
        th_r=(4, -30),
        sh_r=(2, -40),
        lean=6,
    ),
    "stretch_side": dict(
        ua_l=(160, 0),
        fa_l=(200, 0),
        ua_r=(12, 0),
        fa_r=(8, 6),
        th_l=(14, 0),
        sh_l=(8, -2),
        th_r=(14, 0),
        sh_r=(8, -2),
        roll=-10,
    ),
}


@dataclass
class Look:
    """Colours and clothing of one person."""

    skin: tuple[int, int, int]
    hair: tuple[int, int, int]
    shirt: tuple[int, int, int]
    pants: tuple[int, int, int]
    shoes: tuple[int, int, int]
    short_sleeves: bool
    shorts: bool
    long_hair: bool

    @staticmethod
    def random(rng: random.Random) -> Look:
        """Draw a varied outfit."""
        return Look(
            skin=rng.choice(SKIN),
            hair=rng.choice(HAIR),
            shirt=rng.choice(SHIRTS),
            pants=rng.choice(PANTS),
            shoes=rng.choice(SHOES),
            short_sleeves=rng.random() < 0.5,
            shorts=rng.random() < 0.25,
            long_hair=rng.random() < 0.35,
        )


@dataclass
class Person:
    """A posed person placed in the picture."""

    pose: str
    yaw: float
    cx: float  # image x of the pelvis
    ground: float  # image y of the soles
    scale: float  # pixel height of the standing figure
    zbase: float  # depth offset: larger = nearer the camera
    look: Look
    jitter: dict[str, tuple[float, float]] = field(default_factory=dict)
    head_turn: float = 0.0
    joints: dict[str, np.ndarray] = field(default_factory=dict)  # camera space
    frames: dict[str, np.ndarray] = field(default_factory=dict)


def build(person: Person) -> None:
    """Compute the 3-D skeleton (camera space) of a person from its pose parameters."""
    p = dict(POSES[person.pose])
    for key, (da, df) in person.jitter.items():
        a, f = p[key]
        p[key] = (a + da, f + df)
    torso = _rz(p.get("roll", 0)) @ _rx(p.get("lean", 0))
    j: dict[str, np.ndarray] = {}
    j["left_hip"] = np.array([0.055, 0.0, 0.0])
    j["right_hip"] = np.array([-0.055, 0.0, 0.0])
    j["neck"] = torso @ np.array([0.0, 0.31, 0.0])
    j["left_shoulder"] = torso @ np.array([0.118, 0.29, -0.005])
    j["right_shoulder"] = torso @ np.array([-0.118, 0.29, -0.005])
    for side, s in (("left", 1.0), ("right", -1.0)):
        ua = torso @ _dir(p[f"ua_{side[0]}"], s)
        fa = torso @ _dir(p[f"fa_{side[0]}"], s)
        j[f"{side}_elbow"] = j[f"{side}_shoulder"] + 0.175 * ua
        j[f"{side}_wrist"] = j[f"{side}_elbow"] + 0.15 * fa
        j[f"{side}_hand"] = j[f"{side}_wrist"] + 0.05 * fa
        th = _dir(p[f"th_{side[0]}"], s)
        sh = _dir(p[f"sh_{side[0]}"], s)
        j[f"{side}_knee"] = j[f"{side}_hip"] + 0.245 * th
        j[f"{side}_ankle"] = j[f"{side}_knee"] + 0.24 * sh
        j[f"{side}_toe"] = j[f"{side}_ankle"] + np.array([0.02 * s, -0.015, 0.1])
        j[f"{side}_heel"] = j[f"{side}_ankle"] + np.array([0.0, -0.015, -0.025])
    head_rot = torso @ _ry(person.head_turn)
    head_c = j["neck"] + torso @ np.array([0.0, 0.095, 0.005])
    j["head"] = head_c
    face = {
        "nose": (0.0, -0.015, 0.077),
        "left_eye": (0.026, 0.012, 0.061),
        "right_eye": (-0.026, 0.012, 0.061),
        "left_ear": (0.062, 0.0, -0.006),
        "right_ear": (-0.062, 0.0, -0.006),
    }
    for name, off in face.items():
        j[name] = head_c + head_rot @ np.array(off)
    ground = min(j["left_ankle"][1], j["right_ankle"][1]) - 0.045
    yaw = _ry(person.yaw)
    flip = np.array([1.0, -1.0, 1.0])
    s = person.scale
    for name, v in j.items():
        w = yaw @ (v - np.array([0, ground, 0]))
        person.joints[name] = np.array([person.cx + s * w[0], person.ground - s * w[1], person.zbase + s * w[2]])
    # round the keypoint positions to 0.1 px: the drawing uses exactly the gold values
    for name in COCO17:
        person.joints[name][:2] = np.round(person.joints[name][:2], 1)
    person.frames["torso"] = (yaw @ torso).T * flip  # rows: camera-space body axes
    person.frames["head"] = (yaw @ head_rot).T * flip


def draw(raster: Raster, person: Person, owner: int) -> None:
    """Render the person into the raster (depth-tested)."""
    j = person.joints
    s = person.scale
    lk = person.look
    tf = person.frames["torso"]
    hf = person.frames["head"]

    # torso: chest, waist, pelvis ellipsoids in the torso frame
    def at(local: tuple[float, float, float], frame: np.ndarray, origin: np.ndarray) -> np.ndarray:
        return origin + s * (np.array(local) @ frame)

    pelvis = (j["left_hip"] + j["right_hip"]) / 2
    raster.ellipsoid(at((0, -0.005, -0.006), tf, pelvis), tf, (0.106 * s, 0.086 * s, 0.072 * s), lk.pants, owner)
    raster.ellipsoid(at((0, 0.1, -0.002), tf, pelvis), tf, (0.088 * s, 0.115 * s, 0.062 * s), lk.shirt, owner)
    raster.ellipsoid(at((0, 0.2, -0.004), tf, pelvis), tf, (0.112 * s, 0.108 * s, 0.072 * s), lk.shirt, owner)
    raster.capsule(
        j["left_shoulder"] + s * np.array([0, 0.004, 0]),
        j["right_shoulder"] + s * np.array([0, 0.004, 0]),
        0.045 * s,
        0.045 * s,
        lk.shirt,
        owner,
    )
    # neck and head
    raster.capsule(
        j["neck"] + np.array([0, 0.01 * s, 0]),
        j["head"] + np.array([0, 0.03 * s, 0]),
        0.03 * s,
        0.028 * s,
        lk.skin,
        owner,
    )
    raster.ellipsoid(j["head"], hf, (0.062 * s, 0.078 * s, 0.072 * s), lk.skin, owner)
    dark = (int(lk.skin[0] * 0.82), int(lk.skin[1] * 0.82), int(lk.skin[2] * 0.82))
    for side in ("left", "right"):
        raster.ellipsoid(j[f"{side}_ear"], hf, (0.012 * s, 0.02 * s, 0.014 * s), dark, owner)
        raster.ellipsoid(j[f"{side}_eye"], hf, (0.011 * s, 0.009 * s, 0.008 * s), (34, 26, 24), owner)
        sx = 0.027 if side == "left" else -0.027
        raster.ellipsoid(at((sx, 0.034, 0.054), hf, j["head"]), hf, (0.016 * s, 0.004 * s, 0.008 * s), lk.hair, owner)
    raster.ellipsoid(at((0, -0.004, 0.066), hf, j["head"]), hf, (0.011 * s, 0.018 * s, 0.012 * s), lk.skin, owner)
    raster.ellipsoid(
        at((0, -0.043, 0.056), hf, j["head"]), hf, (0.019 * s, 0.0055 * s, 0.008 * s), (160, 70, 70), owner
    )
    hs = s

    def hair_keep(lx, ly, lz):
        lx, ly, lz = lx / hs, ly / hs, lz / hs
        top = ly > 0.048
        crown = (lz < 0.02) & (ly > 0.022)
        back = (lz < -0.015) & (ly > -0.07) & ((np.abs(lx) < 0.05) | (ly > 0.02))
        return top | crown | back

    raster.ellipsoid(
        at((0, 0.01, -0.006), hf, j["head"]), hf, (0.067 * s, 0.085 * s, 0.08 * s), lk.hair, owner, keep=hair_keep
    )
    if lk.long_hair:
        raster.ellipsoid(
            at((0, -0.075, -0.045), hf, j["head"]),
            hf,
            (0.072 * s, 0.11 * s, 0.04 * s),
            lk.hair,
            owner,
            keep=lambda lx, ly, lz: lz < 0.01 * hs,
        )
    # arms
    sleeve_split = 0.55 if lk.short_sleeves else 1.0
    for side in ("left", "right"):
        raster.capsule(
            j[f"{side}_shoulder"],
            j[f"{side}_elbow"],
            0.04 * s,
            0.032 * s,
            lk.shirt,
            owner,
            color_b=lk.skin,
            split=sleeve_split,
        )
        raster.capsule(
            j[f"{side}_elbow"],
            j[f"{side}_wrist"],
            0.031 * s,
            0.024 * s,
            lk.skin if lk.short_sleeves else lk.shirt,
            owner,
        )
        raster.capsule(j[f"{side}_wrist"], j[f"{side}_hand"], 0.028 * s, 0.025 * s, lk.skin, owner)
    # legs
    for side in ("left", "right"):
        raster.capsule(
            j[f"{side}_hip"],
            j[f"{side}_knee"],
            0.062 * s,
            0.045 * s,
            lk.pants,
            owner,
            color_b=lk.skin,
            split=0.6 if lk.shorts else 1.0,
        )
        raster.capsule(
            j[f"{side}_knee"], j[f"{side}_ankle"], 0.044 * s, 0.032 * s, lk.skin if lk.shorts else lk.pants, owner
        )
        raster.capsule(j[f"{side}_heel"], j[f"{side}_toe"], 0.03 * s, 0.03 * s, lk.shoes, owner)


def keypoints(raster: Raster, person: Person) -> list[float]:
    """COCO keypoints [x, y, v]*17: v=2 drawn visible, 1 hidden behind something, 0 outside."""
    out: list[float] = []
    for name in COCO17:
        x, y, z = person.joints[name]
        if not (0 <= x < raster.width and 0 <= y < raster.height):
            out += [0, 0, 0]
            continue
        tol = TOLERANCE[name.split("_")[-1]] * person.scale
        front = raster.depth_at(x, y)
        v = 2 if front <= z + tol else 1
        out += [round(float(x), 1), round(float(y), 1), v]
    return out
