"""Video-classification items: stylised scenes drawn with Pillow, encoded to WebM VP9 by ffmpeg.

Frames are drawn at twice the output size and downsampled (cheap anti-aliasing). The encoder
runs single-threaded with the bitexact flags so the WebM bytes are stable across runs.
"""

from __future__ import annotations

import math
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

from tools.generators.media_common import (
    Flow,
    bi,
    item_dir,
    item_head,
    reset_dir,
    video_labels,
    write_item,
)

GENERATOR = "tools/generators/media.py"
ASSET = "video.webm"
MODULE = "video-classification"
WIDTH, HEIGHT, FPS = 480, 360, 15
S = 2  # supersampling factor
Point = tuple[float, float]

SKY, GRASS, PATH, INK = (190, 222, 245), (118, 178, 96), (214, 200, 170), (40, 44, 60)


# ---------------------------------------------------------------- a stick figure


@dataclass
class Pose:
    """Joint angles in radians; limb angles are measured from straight down, + = forward (+x)."""

    hip: Point
    lean: float = 0.0  # torso tilt forward
    thigh: tuple[float, float] = (0.0, 0.0)  # near, far leg
    knee: tuple[float, float] = (0.1, 0.1)  # flexion (shin folds backward)
    arm: tuple[float, float] = (0.0, 0.0)  # near, far upper arm
    elbow: tuple[float, float] = (0.2, 0.2)  # flexion (forearm folds forward)


TORSO, THIGH, SHIN, UPPER, FORE, HEAD_R, FOOT = 92, 68, 66, 54, 48, 22, 20


def _step(p: Point, length: float, angle: float) -> Point:
    return (p[0] + length * math.sin(angle), p[1] + length * math.cos(angle))


def skeleton(pose: Pose, facing: int = 1) -> dict[str, Any]:
    """Joint positions (supersampled px); facing +1 walks right, -1 left."""

    def ang(a: float) -> float:
        return a * facing

    hip = pose.hip
    neck = _step(hip, TORSO, math.pi + ang(-pose.lean))
    head = _step(neck, HEAD_R + 5, math.pi + ang(-pose.lean))
    shoulder = _step(neck, 6, ang(pose.lean))
    legs, arms = [], []
    for side in (0, 1):
        knee = _step(hip, THIGH, ang(pose.thigh[side]))
        shin_angle = pose.thigh[side] - pose.knee[side]
        ankle = _step(knee, SHIN, ang(shin_angle))
        toe = _step(ankle, FOOT, ang(shin_angle + math.pi / 2))
        legs.append((hip, knee, ankle, toe))
        elbow = _step(shoulder, UPPER, ang(pose.arm[side]))
        wrist = _step(elbow, FORE, ang(pose.arm[side] + pose.elbow[side]))
        arms.append((shoulder, elbow, wrist))
    return {"hip": hip, "neck": neck, "head": head, "legs": legs, "arms": arms}


def rotate(points: Any, pivot: Point, angle: float) -> Any:
    """Rotate a nested structure of points about pivot (image coords, + = clockwise)."""
    if isinstance(points, dict):
        return {k: rotate(v, pivot, angle) for k, v in points.items()}
    if isinstance(points, list):
        return [rotate(v, pivot, angle) for v in points]
    if isinstance(points, tuple) and len(points) and isinstance(points[0], tuple):
        return tuple(rotate(v, pivot, angle) for v in points)
    x, y = points[0] - pivot[0], points[1] - pivot[1]
    c, s = math.cos(angle), math.sin(angle)
    return (pivot[0] + x * c - y * s, pivot[1] + x * s + y * c)


def lowest(sk: dict[str, Any]) -> float:
    ys = [p[1] for leg in sk["legs"] for p in leg] + [sk["head"][1] + HEAD_R]
    ys += [p[1] for arm in sk["arms"] for p in arm]
    return max(ys)


def shift(sk: dict[str, Any], dx: float, dy: float) -> dict[str, Any]:
    if isinstance(sk, dict):
        return {k: shift(v, dx, dy) for k, v in sk.items()}  # type: ignore[arg-type]
    if isinstance(sk, list):
        return [shift(v, dx, dy) for v in sk]  # type: ignore[arg-type]
    if isinstance(sk, tuple) and isinstance(sk[0], tuple):
        return tuple(shift(v, dx, dy) for v in sk)  # type: ignore[arg-type,return-value]
    return (sk[0] + dx, sk[1] + dy)  # type: ignore[return-value]


def draw_figure(d: ImageDraw.ImageDraw, sk: dict[str, Any], shirt: tuple[int, int, int]) -> None:
    """Far limbs lighter, then torso, near limbs, head."""
    far, near = (120, 124, 140), INK
    w = 14

    def line(points: Any, colour: tuple[int, int, int], width: int = w) -> None:
        d.line([tuple(p) for p in points], fill=colour, width=width, joint="curve")
        for p in points:
            d.ellipse([p[0] - width / 2, p[1] - width / 2, p[0] + width / 2, p[1] + width / 2], fill=colour)

    line(sk["legs"][1], far)
    line(sk["arms"][1], far)
    line([sk["hip"], sk["neck"]], shirt, width=w * 2)
    line(sk["legs"][0], near)
    line(sk["arms"][0], near)
    hx, hy = sk["head"]
    d.ellipse([hx - HEAD_R, hy - HEAD_R, hx + HEAD_R, hy + HEAD_R], fill=(250, 214, 180), outline=near, width=5)


def walk_pose(phase: float, hip: Point) -> Pose:
    """A walking cycle: legs swing ±0.45 rad, knee bends in swing, arms counter-swing."""
    near, far = phase, phase + math.pi
    return Pose(
        hip=hip,
        lean=0.06,
        thigh=(0.42 * math.sin(near), 0.42 * math.sin(far)),
        knee=(0.08 + 0.7 * max(0.0, math.cos(near)), 0.08 + 0.7 * max(0.0, math.cos(far))),
        arm=(-0.38 * math.sin(near), -0.38 * math.sin(far)),
        elbow=(0.25, 0.25),
    )


def grounded(pose: Pose, ground: float, facing: int = 1) -> dict[str, Any]:
    """Skeleton moved vertically so the lowest point touches the ground."""
    sk = skeleton(pose, facing)
    return shift(sk, 0, ground - lowest(sk))


# ---------------------------------------------------------------- scenes


def park_background() -> Image.Image:
    img = Image.new("RGB", (WIDTH * S, HEIGHT * S), SKY)
    d = ImageDraw.Draw(img)
    horizon = int(HEIGHT * S * 0.55)
    d.rectangle([0, horizon, WIDTH * S, HEIGHT * S], fill=GRASS)
    d.rectangle([0, int(HEIGHT * S * 0.72), WIDTH * S, int(HEIGHT * S * 0.86)], fill=PATH)
    for x, h in ((90, 120), (300, 150), (760, 130), (880, 110)):
        d.rectangle([x - 8, horizon - h // 2, x + 8, horizon + 10], fill=(120, 86, 60))
        d.ellipse([x - 50, horizon - h - 30, x + 50, horizon - h // 2 + 20], fill=(70, 140, 72))
    d.ellipse([820, 40, 900, 120], fill=(255, 226, 120))  # sun
    return img


GROUND = int(HEIGHT * S * 0.82)


def scene_wave(t: float) -> Image.Image:
    """A person standing on the path waving the near arm above the head."""
    img = park_background()
    d = ImageDraw.Draw(img)
    swing = math.sin(2 * math.pi * 2.0 * t)
    pose = Pose(
        hip=(WIDTH * S * 0.5, 0),
        thigh=(0.12, -0.12),
        knee=(0.02, 0.02),
        arm=(math.pi - 0.8, 0.12),  # near arm raised up and out, far arm hanging
        elbow=(-0.1 + 0.75 * swing, 0.15),
    )
    draw_figure(d, grounded(pose, GROUND), shirt=(214, 72, 72))
    return img


TRIP_AT, FALL_TIME = 2.2, 0.65


def scene_fall(t: float) -> Image.Image:
    """A person walks right, trips on a stone, falls forward and lies still."""
    img = park_background()
    d = ImageDraw.Draw(img)
    speed, cadence = 200.0, 0.95  # supersampled px per second, strides per second
    walk_t = min(t, TRIP_AT)
    pose = walk_pose(2 * math.pi * cadence * walk_t, (120 + speed * walk_t, 0))
    at_trip = grounded(walk_pose(2 * math.pi * cadence * TRIP_AT, (120 + speed * TRIP_AT, 0)), GROUND)
    stone_x = max(leg[3][0] for leg in at_trip["legs"]) + 10  # just ahead of the leading toe
    d.ellipse(
        [stone_x - 20, GROUND - 18, stone_x + 22, GROUND + 4], fill=(128, 128, 128), outline=(90, 90, 90), width=3
    )
    if t <= TRIP_AT:
        draw_figure(d, grounded(pose, GROUND), shirt=(60, 110, 200))
        return img
    u = min(1.0, (t - TRIP_AT) / FALL_TIME)
    tilt = (math.pi / 2 - 0.1) * u * u  # accelerates like a toppling body
    # arms fly forward past the head to brace (figure frame: pi is straight up)
    pose.arm = (pose.arm[0] + (2.4 - pose.arm[0]) * u, pose.arm[1] + (2.1 - pose.arm[1]) * u)
    pose.elbow = (0.1, 0.1)
    sk = grounded(pose, GROUND)
    pivot = max((leg[2] for leg in sk["legs"]), key=lambda p: p[0])  # the leading ankle
    sk = rotate(sk, pivot, tilt)
    sk = shift(sk, 0, min(0.0, GROUND - lowest(sk)))
    draw_figure(d, sk, shirt=(60, 110, 200))
    return img


def street_background(light: str) -> Image.Image:
    """Top-down street: a horizontal road with a crosswalk and a traffic light."""
    img = Image.new("RGB", (WIDTH * S, HEIGHT * S), (150, 190, 120))
    d = ImageDraw.Draw(img)
    top, bottom = 250, 470
    d.rectangle([0, top, WIDTH * S, bottom], fill=(88, 90, 96))
    for x in range(0, WIDTH * S, 80):
        d.rectangle([x, (top + bottom) // 2 - 4, x + 44, (top + bottom) // 2 + 4], fill=(240, 210, 60))
    cross = 640
    for y in range(top + 10, bottom - 10, 34):
        d.rectangle([cross, y, cross + 70, y + 18], fill=(236, 236, 236))
    d.rectangle([cross - 18, top, cross - 10, bottom], fill=(236, 236, 236))  # stop line
    d.rectangle([0, top - 60, WIDTH * S, top], fill=(200, 200, 196))  # pavements
    d.rectangle([0, bottom, WIDTH * S, bottom + 60], fill=(200, 200, 196))
    # traffic light box on the pavement, lamps red / amber / green
    bx, by = cross - 110, bottom + 70
    d.rectangle([bx, by, bx + 150, by + 56], fill=(30, 30, 34))
    lamps = {"red": (235, 50, 40), "amber": (245, 170, 40), "green": (60, 200, 90)}
    for i, name in enumerate(("red", "amber", "green")):
        colour = lamps[name] if name == light else (70, 70, 74)
        d.ellipse([bx + 10 + i * 48, by + 8, bx + 50 + i * 48, by + 48], fill=colour)
    return img


def draw_car(d: ImageDraw.ImageDraw, x: float, y: float, braking: bool) -> None:
    """A top-down car facing right, centred at (x, y)."""
    length, width = 170, 84
    x0, y0 = x - length / 2, y - width / 2
    for wx in (x0 + 30, x0 + length - 52):
        for wy in (y0 - 8, y0 + width - 10):
            d.rounded_rectangle([wx, wy, wx + 24, wy + 18], radius=5, fill=(20, 20, 20))
    d.rounded_rectangle(
        [x0, y0, x0 + length, y0 + width], radius=22, fill=(36, 96, 200), outline=(20, 50, 120), width=4
    )
    d.rounded_rectangle([x0 + 96, y0 + 10, x0 + 124, y0 + width - 10], radius=8, fill=(170, 210, 240))  # windscreen
    d.rounded_rectangle([x0 + 30, y0 + 12, x0 + 50, y0 + width - 12], radius=6, fill=(150, 190, 220))  # rear window
    for hy in (y0 + 8, y0 + width - 22):
        d.rectangle([x0 + length - 10, hy, x0 + length - 2, hy + 14], fill=(255, 250, 200))
        rear = (255, 40, 30) if braking else (130, 30, 30)
        d.rectangle([x0 + 2, hy, x0 + 10, hy + 14], fill=rear)
        if braking:
            d.ellipse([x0 - 16, hy - 8, x0 + 8, hy + 22], outline=(255, 90, 80), width=3)


def scene_car_stop(t: float) -> Image.Image:
    """A car drives right, the light turns red, the car brakes and stops at the stop line."""
    light = "green" if t < 0.8 else ("amber" if t < 1.4 else "red")
    img = street_background(light)
    d = ImageDraw.Draw(img)
    v0, brake_at, stop_at = 260.0, 1.4, 3.0
    x_brake = -60 + v0 * brake_at
    if t < brake_at:
        x = -60 + v0 * t
    else:
        u = min(t, stop_at) - brake_at
        decel = v0 / (stop_at - brake_at)
        x = x_brake + v0 * u - 0.5 * decel * u * u
    draw_car(d, x, 415, braking=brake_at <= t)
    return img


# ---------------------------------------------------------------- encoding and items


def frames(scene: Callable[[float], Image.Image], seconds: float) -> Iterator[bytes]:
    for i in range(int(seconds * FPS)):
        big = scene(i / FPS)
        yield big.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS).tobytes()


def encode_webm(scene: Callable[[float], Image.Image], seconds: float, out: Path) -> None:
    """Pipe RGB frames into ffmpeg: VP9, constant quality, single thread, bitexact muxing."""
    cmd = [
        "ffmpeg",
        "-v",
        "error",
        "-y",
        "-f",
        "rawvideo",
        "-pix_fmt",
        "rgb24",
        "-s",
        f"{WIDTH}x{HEIGHT}",
        "-r",
        str(FPS),
        "-i",
        "-",
        "-c:v",
        "libvpx-vp9",
        "-b:v",
        "0",
        "-crf",
        "36",
        "-pix_fmt",
        "yuv420p",
        "-deadline",
        "good",
        "-cpu-used",
        "2",
        "-threads",
        "1",
        "-row-mt",
        "0",
        "-g",
        str(FPS * 2),
        "-an",
        "-map_metadata",
        "-1",
        "-fflags",
        "+bitexact",
        "-flags",
        "+bitexact",
        str(out),
    ]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE)
    assert proc.stdin is not None
    for frame in frames(scene, seconds):
        proc.stdin.write(frame)
    proc.stdin.close()
    if proc.wait() != 0:
        raise RuntimeError(f"ffmpeg failed for {out}")


INSTRUCTIONS_KO = """\
영상을 끝까지 보고 주인공(사람 또는 차량)의 **동작 하나**를 고르세요.

## 판단 규칙
1. 클립의 대부분을 차지하는 동작을 고릅니다.
2. 예외: `넘어짐`은 짧게 일어나도 다른 동작보다 **우선**합니다 (안전사고 탐지용 데이터이기 때문).
3. 걷기와 달리기: 두 발이 동시에 땅에서 떨어지는 순간이 있으면 `달리기`, 늘 한 발이 땅에 닿아 있으면 `걷기`.
4. 차량: 진행 방향을 바꾸면 `차량 회전`, 달리다가 멈춰 서면 `차량 정지`.
5. 동작을 알아볼 수 없으면 추측하지 말고 `판단 불가`를 고릅니다.
"""

INSTRUCTIONS_EN = """\
Watch the whole clip and pick **one action** of the main actor (a person or a vehicle).

## Rules
1. Pick the action that fills most of the clip.
2. Exception: `Falling` **wins** even when it is brief (the data trains accident detection).
3. Walking vs running: if both feet are off the ground at some moment it is `Running`; if one foot is always
   down it is `Walking`.
4. Vehicles: changing direction is `Car turning`; driving and then coming to a halt is `Car stopping`.
5. If you cannot make out the action, do not guess: pick `Cannot judge`.
"""


@dataclass(frozen=True)
class VideoItem:
    slug: str
    gold: str
    seconds: float
    difficulty: int
    title_ko: str
    title_en: str
    scene: Callable[[float], Image.Image]


ITEMS = [
    VideoItem(
        f"{MODULE}-01",
        "wave",
        4.0,
        1,
        "영상 분류 연습 1: 공원에서",
        "Video classification practice 1: in the park",
        scene_wave,
    ),
    VideoItem(
        f"{MODULE}-02",
        "fall",
        5.0,
        2,
        "영상 분류 연습 2: 산책길",
        "Video classification practice 2: on the footpath",
        scene_fall,
    ),
    VideoItem(
        f"{MODULE}-03",
        "car_stop",
        5.0,
        1,
        "영상 분류 연습 3: 횡단보도 앞",
        "Video classification practice 3: at the crossing",
        scene_car_stop,
    ),
]


def video_item(spec: VideoItem) -> tuple[dict[str, Any], dict[str, Any]]:
    """item.yaml and gold.yaml content for a video-classification item."""
    item = item_head(
        slug=spec.slug,
        module=MODULE,
        item_type="classification",
        difficulty=spec.difficulty,
        title=bi(spec.title_ko, spec.title_en),
        instructions=bi(INSTRUCTIONS_KO, INSTRUCTIONS_EN),
    )
    item["asset"] = Flow(file=ASSET, kind="video", width=WIDTH, height=HEIGHT)
    item["labels"] = video_labels()
    item["params"] = {"multi_label": False}
    gold = {"pass_score": 80, "labels": [spec.gold]}
    return item, gold


def build() -> list[tuple[VideoItem, Path]]:
    """Render and encode every clip, write the item folders; return (spec, asset path)."""
    written = []
    for spec in ITEMS:
        folder = reset_dir(item_dir(spec.slug, MODULE))
        encode_webm(spec.scene, spec.seconds, folder / ASSET)
        item, gold = video_item(spec)
        write_item(folder, item, gold, GENERATOR)
        written.append((spec, folder / ASSET))
    return written


def probe(path: Path) -> dict[str, Any]:
    """Codec, size and duration of a rendered clip (ffprobe)."""
    out = subprocess.run(
        [
            "ffprobe",
            "-v",
            "error",
            "-select_streams",
            "v:0",
            "-count_frames",
            "-show_entries",
            "stream=codec_name,width,height,nb_read_frames:format=duration",
            "-of",
            "default=nw=1",
            str(path),
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    info = dict(line.split("=", 1) for line in out.split())
    return {
        "codec": info["codec_name"],
        "width": int(info["width"]),
        "height": int(info["height"]),
        "frames": int(info["nb_read_frames"]),
        "duration": float(info["duration"]),
        "kbytes": path.stat().st_size / 1024,
    }


def check(written: list[tuple[VideoItem, Path]]) -> list[str]:
    problems = []
    for spec, path in written:
        info = probe(path)
        ok = info["codec"] == "vp9" and 3 <= info["duration"] <= 6.1 and info["kbytes"] <= 200
        if not ok or info["frames"] != int(spec.seconds * FPS):
            problems.append(f"{spec.slug}: odd clip {info}")
    return problems
