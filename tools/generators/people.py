"""Generate keypoint (COCO-17), face-landmark and their inspection items with exact gold.

Run: .venv/bin/python -m tools.generators.people
People are drawn by a small z-buffer renderer from a generated 3-D pose; the gold keypoints
are the joint centres the drawing is built from, and each visibility flag comes from the
rendered depth at that joint (2 = nothing in front of it, 1 = hidden behind a body part,
another person or an object, 0 = outside the picture with x = y = 0). `area` counts the
person's visible pixels and `bbox` is their extent. Faces come from a parametric 68-point
model (people_face). Every item has its own fixed seed: a re-run writes identical files.
"""

from __future__ import annotations

import math
import random
from typing import Any

import numpy as np
from PIL import Image

from tools.generators import people_face, people_pose, people_scene
from tools.generators.ocr_people_io import asset_block, bi, write_item
from tools.generators.people_pose import COCO17, Look, Person
from tools.generators.people_render import OBJECT, Raster

WIDTH, HEIGHT = 640, 480
FACE_SIZE = 400
FACE_SIZE_68 = 512  # 68 points need a bigger face

COCO_NAMES = [
    ("nose", "코", "Nose"),
    ("left_eye", "왼쪽 눈", "Left eye"),
    ("right_eye", "오른쪽 눈", "Right eye"),
    ("left_ear", "왼쪽 귀", "Left ear"),
    ("right_ear", "오른쪽 귀", "Right ear"),
    ("left_shoulder", "왼쪽 어깨", "Left shoulder"),
    ("right_shoulder", "오른쪽 어깨", "Right shoulder"),
    ("left_elbow", "왼쪽 팔꿈치", "Left elbow"),
    ("right_elbow", "오른쪽 팔꿈치", "Right elbow"),
    ("left_wrist", "왼쪽 손목", "Left wrist"),
    ("right_wrist", "오른쪽 손목", "Right wrist"),
    ("left_hip", "왼쪽 엉덩이(고관절)", "Left hip"),
    ("right_hip", "오른쪽 엉덩이(고관절)", "Right hip"),
    ("left_knee", "왼쪽 무릎", "Left knee"),
    ("right_knee", "오른쪽 무릎", "Right knee"),
    ("left_ankle", "왼쪽 발목", "Left ankle"),
    ("right_ankle", "오른쪽 발목", "Right ankle"),
]
COCO_POINT_NAMES = [{"id": i, "ko": ko, "en": en} for i, ko, en in COCO_NAMES]
assert [n[0] for n in COCO_NAMES] == COCO17

FIVE_POINT_NAMES = [
    {
        "id": "left_eye",
        "ko": "왼쪽 눈 중심 (이미지 기준 왼쪽 = 인물의 오른쪽 눈)",
        "en": "Left eye centre (image left = the subject's right eye)",
    },
    {
        "id": "right_eye",
        "ko": "오른쪽 눈 중심 (이미지 기준 오른쪽 = 인물의 왼쪽 눈)",
        "en": "Right eye centre (image right = the subject's left eye)",
    },
    {"id": "nose", "ko": "코끝", "en": "Nose tip"},
    {"id": "mouth_left", "ko": "왼쪽 입꼬리 (이미지 기준 왼쪽)", "en": "Left mouth corner (image left)"},
    {"id": "mouth_right", "ko": "오른쪽 입꼬리 (이미지 기준 오른쪽)", "en": "Right mouth corner (image right)"},
]


def _ibug_names() -> list[dict[str, Any]]:
    """68 bilingual point names in iBUG order (sides named from the image, as 300-W counts them)."""
    groups = [
        (
            range(0, 17),
            "턱선",
            "Jaw line",
            "이미지 왼쪽 귀 옆(0) → 턱끝(8) → 이미지 오른쪽(16)",
            "image-left ear (0) → chin (8) → image right (16)",
        ),
        (range(17, 22), "이미지 왼쪽 눈썹", "Image-left eyebrow", "바깥 → 안쪽", "outer → inner"),
        (range(22, 27), "이미지 오른쪽 눈썹", "Image-right eyebrow", "안쪽 → 바깥", "inner → outer"),
        (range(27, 31), "콧등", "Nose bridge", "미간 → 코끝(30)", "between the eyes → tip (30)"),
        (range(31, 36), "콧방울·코밑", "Nose base", "이미지 왼쪽 → 오른쪽", "image left → right"),
        (
            range(36, 42),
            "이미지 왼쪽 눈",
            "Image-left eye",
            "바깥 눈꼬리(36)부터 시계 방향",
            "clockwise from the outer corner (36)",
        ),
        (
            range(42, 48),
            "이미지 오른쪽 눈",
            "Image-right eye",
            "안쪽 눈꼬리(42)부터 시계 방향",
            "clockwise from the inner corner (42)",
        ),
        (
            range(48, 60),
            "입술 바깥선",
            "Outer lip",
            "왼쪽 입꼬리(48)부터 시계 방향",
            "clockwise from the left corner (48)",
        ),
        (
            range(60, 68),
            "입술 안쪽선",
            "Inner lip",
            "왼쪽 안쪽 꼬리(60)부터 시계 방향",
            "clockwise from the inner left corner (60)",
        ),
    ]
    out = []
    for rng_, ko, en, ko_note, en_note in groups:
        for k, idx in enumerate(rng_):
            note_ko = f" — {ko_note}" if k == 0 else ""
            note_en = f" — {en_note}" if k == 0 else ""
            out.append(
                {"id": f"p{idx:02d}", "ko": f"{idx}: {ko} {k + 1}{note_ko}", "en": f"{idx}: {en} {k + 1}{note_en}"}
            )
    return out


IBUG_NAMES = _ibug_names()
KP_REASONS = [
    {"id": "misplaced_point", "ko": "관절 위치 오류", "en": "Joint misplaced"},
    {"id": "left_right_swap", "ko": "좌우 뒤바뀜", "en": "Left/right swapped"},
    {"id": "wrong_visibility", "ko": "가시성(visibility) 값 오류", "en": "Wrong visibility flag"},
    {"id": "missing_person", "ko": "사람 누락", "en": "Person missed"},
]
LM_REASONS = [
    {"id": "misplaced_point", "ko": "점 위치 오류", "en": "Point misplaced"},
    {"id": "wrong_order", "ko": "점 순서 오류", "en": "Points out of order"},
]

# ------------------------------------------------------------------ guideline text

KP_GUIDE_KO = """**라벨링 규칙 (COCO-17 키포인트)**
- 사람마다 17개 점을 정해진 순서로 찍습니다: 0 코, 1 왼쪽 눈, 2 오른쪽 눈, 3 왼쪽 귀, 4 오른쪽 귀, 5 왼쪽 어깨, 6 오른쪽 어깨, 7 왼쪽 팔꿈치, 8 오른쪽 팔꿈치, 9 왼쪽 손목, 10 오른쪽 손목, 11 왼쪽 엉덩이(고관절), 12 오른쪽 엉덩이, 13 왼쪽 무릎, 14 오른쪽 무릎, 15 왼쪽 발목, 16 오른쪽 발목.
- **왼쪽·오른쪽은 사람 본인 기준**입니다. 카메라를 마주 본 사람의 왼쪽 어깨는 이미지의 **오른쪽**에, 뒤돌아선 사람의 왼쪽 어깨는 이미지의 **왼쪽**에 있습니다. 얼굴이 안 보이면 몸의 방향(발끝, 가슴, 팔의 굽힘)으로 판단합니다.
- 점은 **관절의 중심**에 찍습니다: 팔꿈치 끝이나 무릎뼈 표면, 어깨 윗선, 허리 옆선이 아니라 뼈가 만나는 회전 중심입니다. 엉덩이 점은 골반 안쪽의 고관절 위치, 발목은 발목 관절 중심입니다.
- 가시성 `v`: **2** = 보임, **1** = 자기 몸·다른 사람·물체에 가려 안 보이지만 위치를 추정해 찍음, **0** = 이미지 밖이라 찍을 수 없음(이때 x = y = 0).
- 뒤돌아선 사람의 코·눈은 머리에 가려 보이지 않으므로 추정 위치에 `v=1`로 찍습니다."""  # noqa: E501

KP_GUIDE_EN = """**Labeling rules (COCO-17 keypoints)**
- Each person gets 17 points in this order: 0 nose, 1 left eye, 2 right eye, 3 left ear, 4 right ear, 5 left shoulder, 6 right shoulder, 7 left elbow, 8 right elbow, 9 left wrist, 10 right wrist, 11 left hip, 12 right hip, 13 left knee, 14 right knee, 15 left ankle, 16 right ankle.
- **Left and right are the person's own sides.** For someone facing the camera their left shoulder is on the image's **right**; for someone seen from behind it is on the image's **left**. If the face is not visible, read the body's direction (toes, chest, how the limbs bend).
- Put each point at the **centre of the joint**: not the elbow tip, the kneecap's surface, the top of the shoulder or the side of the waist, but the centre the bones turn about. The hip point is the hip joint inside the pelvis outline; the ankle point is the centre of the ankle joint.
- Visibility `v`: **2** = visible, **1** = hidden by the person's own body, another person or an object but its position can be estimated (place it there), **0** = outside the image and not placed (x = y = 0).
- For a person seen from behind, the nose and eyes are hidden by the head: place them at their estimated positions with `v=1`."""  # noqa: E501

LM_GUIDE_KO = {
    "five_point": """**라벨링 규칙 (5점 얼굴 랜드마크, MTCNN 순서)**
- 순서: 0 왼쪽 눈 중심, 1 오른쪽 눈 중심, 2 코끝, 3 왼쪽 입꼬리, 4 오른쪽 입꼬리.
- **이 항목의 왼쪽·오른쪽은 이미지(화면) 기준**입니다 — MTCNN·ArcFace 정렬 템플릿과 iBUG 68점 번호 체계와 같은 방식입니다. 정면 얼굴에서 0번 '왼쪽 눈'은 **인물 본인의 오른쪽 눈**입니다. (신체 키포인트 COCO-17은 반대로 인물 본인 기준이니 혼동하지 마세요.)
- 눈 중심 = 눈동자(홍채)의 중심. 코끝 = 코의 가장 앞쪽 끝(콧구멍 사이가 아님). 입꼬리 = 윗입술과 아랫입술이 만나는 바깥 끝점.""",  # noqa: E501
    "ibug68": """**라벨링 규칙 (iBUG/300-W 68점)**
- 번호 구간: 턱선 0–16, 눈썹 17–21·22–26, 콧등 27–30, 코밑 31–35, 눈 36–41·42–47, 입술 바깥 48–59, 입술 안쪽 60–67.
- 번호는 **이미지 기준**으로 셉니다: 0번 턱선과 36–41번 눈은 이미지 왼쪽(정면 얼굴이면 인물의 오른쪽)입니다. 36번은 이미지 왼쪽 눈의 바깥 눈꼬리, 45번은 이미지 오른쪽 눈의 바깥 눈꼬리입니다.
- 눈·입술 윤곽은 꼬리점에서 시작해 시계 방향으로 돌아갑니다. 턱선 점은 얼굴 윤곽선 위에, 턱끝(8)은 가장 아래 중앙에 찍습니다. 입을 다문 경우 안쪽 입술 점(60–67)은 입술이 맞닿는 선 위에 찍습니다.""",  # noqa: E501
}
LM_GUIDE_EN = {
    "five_point": """**Labeling rules (5-point face landmarks, MTCNN order)**
- Order: 0 left eye centre, 1 right eye centre, 2 nose tip, 3 left mouth corner, 4 right mouth corner.
- **In this item left and right are the IMAGE's sides** — the convention of the MTCNN / ArcFace alignment templates and of the iBUG 68-point numbering. On a frontal face point 0, the "left eye", is the **subject's own right eye**. (COCO-17 body keypoints use the person's own sides instead: do not mix them up.)
- Eye centre = centre of the iris/pupil. Nose tip = the front-most tip of the nose (not between the nostrils). Mouth corner = the outer point where the upper and lower lips meet.""",  # noqa: E501
    "ibug68": """**Labeling rules (iBUG / 300-W, 68 points)**
- Index ranges: jaw 0–16, eyebrows 17–21 and 22–26, nose bridge 27–30, nose base 31–35, eyes 36–41 and 42–47, outer lip 48–59, inner lip 60–67.
- Indices are counted from the **image's** side: jaw point 0 and eye 36–41 are on the image's left (the subject's right on a frontal face). Point 36 is the outer corner of the image-left eye, 45 the outer corner of the image-right eye.
- Eye and lip outlines start at a corner and run clockwise. Jaw points lie on the face contour, the chin (8) lowest in the middle. With the mouth closed, the inner-lip points (60–67) lie on the line where the lips meet.""",  # noqa: E501
}

INSPECT_HOW_KO = """**검수 방법**
- 모든 라벨이 규칙을 지키면 **승인(accept)**, 하나라도 어기면 **반려(reject)** 하고 해당하는 사유를 모두 고릅니다.
- 잘못된 대상을 검토 목록의 인덱스(0부터)로 표시합니다: {what}. 라벨이 아예 없는 대상(누락)은 가리킬 인덱스가 없으므로 사유만 고릅니다.
- 사람이 찍은 점이므로 1~2픽셀 차이는 정상입니다. 규칙 위반만 반려하세요."""  # noqa: E501
INSPECT_HOW_EN = """**How to inspect**
- If every label follows the rules, **accept**; if any rule is broken, **reject** and pick every reason that applies.
- Mark the faulty objects by their index in the review list (0-based): {what}. Something that was not labeled at all (missed) has no index: choose the reason only.
- These points were placed by hand: a pixel or two of difference is normal. Reject rule violations only."""  # noqa: E501


# ------------------------------------------------------------------ keypoint scenes

SIDE_PAIRS = [(1, 2), (3, 4), (5, 6), (7, 8), (9, 10), (11, 12), (13, 14), (15, 16)]
PARENT = {7: 5, 8: 6, 9: 7, 10: 8, 13: 11, 14: 12, 15: 13, 16: 14}
OCCLUDERS = {
    "park": ["bush", "wall"],
    "room": ["table", "box"],
    "street": ["wall", "box"],
    "studio": ["box"],
    "beach": ["bush", "box"],
}


def _yaw(rng: random.Random, view: str) -> float:
    if view == "front":
        return rng.uniform(-35, 35)
    if view == "back":
        return 180 + rng.uniform(-30, 30)
    return rng.choice([-1, 1]) * rng.uniform(50, 68)


def _jitter(rng: random.Random, pose: str) -> dict[str, tuple[float, float]]:
    keys = [k for k in people_pose.POSES[pose] if k[:2] in ("ua", "fa", "th", "sh")]
    return {k: (rng.uniform(-7, 7), rng.uniform(-7, 7)) for k in keys}


def _extent(person: Person) -> tuple[float, float, float, float]:
    """Approximate drawn extent (min x, min y, max x, max y) from joints plus body radii."""
    pts = np.array([v[:2] for v in person.joints.values()])
    pad = 0.09 * person.scale
    return pts[:, 0].min() - pad, pts[:, 1].min() - pad, pts[:, 0].max() + pad, pts[:, 1].max() + 0.02 * person.scale


def keypoint_scene(
    seed: int,
    n_people: int,
    *,
    truncate: bool = False,
    occluder: bool | None = None,
    views: list[str] | None = None,
    poses: list[str] | None = None,
) -> dict[str, Any]:
    """Compose, render and measure one scene; retries derived seeds until every check passes."""
    for attempt in range(200):
        rng = random.Random(seed * 997 + attempt)
        try:
            return _try_scene(rng, n_people, truncate, occluder, views, poses)
        except _Reject:
            continue
    raise RuntimeError(f"no valid scene for seed {seed}")


class _Reject(Exception):
    pass


def _try_scene(
    rng: random.Random, n: int, truncate: bool, occluder: bool | None, views: list[str] | None, poses: list[str] | None
) -> dict[str, Any]:
    bg_kind = rng.choice(sorted(people_scene.BACKGROUNDS))
    horizon = int(HEIGHT * rng.uniform(0.42, 0.58))
    background = people_scene.BACKGROUNDS[bg_kind](rng, WIDTH, HEIGHT, horizon)
    people: list[Person] = []
    base_scale = rng.uniform(340, 410) if n == 1 else rng.uniform(260, 330) - 12 * n
    order = list(range(n))
    rng.shuffle(order)  # depth rank of each person (0 = nearest)
    xs = sorted(rng.uniform(0.12, 0.88) * WIDTH for _ in range(n))
    if n > 1:
        # neighbours stand close enough to overlap, so some joints hide behind another person
        span = base_scale * (n - 1) * rng.uniform(0.24, 0.36)
        start = (WIDTH - span) / 2 + rng.uniform(-30, 30)
        xs = [start + span * k / (n - 1) + rng.uniform(-18, 18) for k in range(n)]
    for k in range(n):
        rank = order[k]
        factor = 1.0 - 0.1 * rank + rng.uniform(-0.03, 0.03)
        scale = base_scale * factor
        ground = HEIGHT - rng.uniform(10, 26) - (1 - factor) * 260
        if truncate and k == 0:
            ground = HEIGHT + scale * rng.uniform(0.06, 0.16)
        view = views[k] if views else rng.choice(["front", "front", "front", "back", "side"])
        pose = poses[k] if poses else rng.choice(sorted(people_pose.POSES))
        person = Person(
            pose=pose,
            yaw=_yaw(rng, view),
            cx=xs[k],
            ground=ground,
            scale=scale,
            zbase=-400.0 * rank,
            look=Look.random(rng),
            jitter=_jitter(rng, pose),
            head_turn=rng.uniform(-15, 15),
        )
        people_pose.build(person)
        x0, y0, x1, y1 = _extent(person)
        if y0 < 4 or x0 < 4 or x1 > WIDTH - 4 or (not truncate and y1 > HEIGHT - 2):
            raise _Reject
        people.append(person)
    for person in people:
        feet = (person.joints["left_ankle"][0] + person.joints["right_ankle"][0]) / 2
        people_scene.shadow(background, feet, person.ground, person.scale * 0.42)
    raster = Raster(background)
    for idx, person in enumerate(people):
        people_pose.draw(raster, person, idx)
    use_occluder = occluder if occluder is not None else rng.random() < 0.35
    occluded_by = None
    if use_occluder:
        target = min(range(n), key=lambda i: order[i]) if n == 1 else rng.randrange(n)
        tp = people[target]
        kind = rng.choice(OCCLUDERS[bg_kind])
        layer = people_scene.occluder(
            kind,
            (WIDTH, HEIGHT),
            tp.cx + rng.uniform(-0.12, 0.12) * tp.scale,
            min(HEIGHT + 2, tp.ground + rng.uniform(4, 14)),
            tp.scale * rng.uniform(0.9, 1.1),
            rng,
        )
        raster.flat(layer, OBJECT)
        occluded_by = kind
    raster.outline()
    gold_people: list[dict[str, Any]] = []
    for idx, person in enumerate(people):
        kps = people_pose.keypoints(raster, person)
        for i in range(17):  # a visible joint must sit on its own person's drawn pixels
            if kps[3 * i + 2] == 2 and raster.owner_at(kps[3 * i], kps[3 * i + 1]) != idx:
                raise _Reject
        mask = raster.mask(idx)
        area = int(mask.sum())
        if area < 1500:
            raise _Reject
        ys, xs_ = np.nonzero(mask)
        bbox = [int(xs_.min()), int(ys.min()), int(xs_.max() - xs_.min() + 1), int(ys.max() - ys.min() + 1)]
        vis = [kps[3 * i + 2] for i in range(17)]
        if sum(v == 2 for v in vis) < 6 or sum(v > 0 for v in vis) < 10:
            raise _Reject
        gold_people.append({"keypoints": kps, "area": area, "bbox": bbox, "_person": person})
    if n > 1 and not any(
        p["_person"] is not None and sum(1 for i in range(17) if p["keypoints"][3 * i + 2] == 1) > 2
        for p in gold_people
    ):
        raise _Reject  # multi-person scenes must show some occlusion
    image = people_scene.finish(raster.image(), rng)
    gold_people.sort(key=lambda p: p["bbox"][0])
    meta = {
        "background": bg_kind,
        "occluder": occluded_by,
        "views": [
            (
                "back"
                if abs(((p["_person"].yaw + 180) % 360) - 180) > 120
                else "side"
                if abs(((p["_person"].yaw + 180) % 360) - 180) > 45
                else "front"
            )
            for p in gold_people
        ],
        "poses": [p["_person"].pose for p in gold_people],
        "scales": [p["_person"].scale for p in gold_people],
    }
    for p in gold_people:
        del p["_person"]
    return {"image": image, "people": gold_people, "meta": meta}


# ------------------------------------------------------------------ item writers


def _kp_instructions(n_people: int, meta: dict[str, Any], min_oks: float) -> dict[str, str]:
    bg_ko = people_scene.BACKGROUND_KO[meta["background"]]
    if n_people == 1:
        task_ko = f"{bg_ko} 장면의 사람 1명에게 COCO-17 키포인트 17개를 모두 찍고 각 점의 가시성(v)을 정하세요."
        task_en = (
            f"Place all 17 COCO keypoints on the one person in this {meta['background']} scene "
            "and set each point's visibility (v)."
        )
    else:
        task_ko = (
            f"{bg_ko} 장면의 **모든 사람**에게 각각 COCO-17 스켈레톤(17개 점)을 라벨링하세요. "
            "사람끼리 겹치거나 물체에 가려진 관절이 있습니다: 가려진 관절도 추정 위치에 `v=1`로 찍습니다."
        )
        task_en = (
            f"Label a COCO-17 skeleton (17 points) for **every person** in this {meta['background']} scene. "
            "People overlap and some joints are hidden by other people or objects: place hidden joints at their "
            "estimated position with `v=1`."
        )
    extra_ko = "\n- 이미지에 보이는 사람은 모두 라벨링하고, 한 사람에 스켈레톤 하나만 만듭니다." if n_people > 1 else ""
    extra_en = "\n- Label every person in the image, one skeleton per person." if n_people > 1 else ""
    score_ko = (
        f"\n\n**채점:** 사람마다 정답 스켈레톤과의 OKS(Object Keypoint Similarity)를 계산해 {min_oks} 이상이면 "
        "맞게 라벨링한 것으로 봅니다. 가려진 점(v=1)도 채점에 들어갑니다."
    )
    score_en = (
        f"\n\n**Scoring:** each person's skeleton is compared with the gold one by OKS (object keypoint "
        f"similarity); {min_oks} or more counts as correct. Hidden points (v=1) are scored too."
    )
    return bi(f"{task_ko}\n\n{KP_GUIDE_KO}{extra_ko}{score_ko}", f"{task_en}\n\n{KP_GUIDE_EN}{extra_en}{score_en}")


def _item_head(
    slug: str, module: str | None, type_: str, difficulty: int, topic: str | None, pool: str | None
) -> dict[str, Any]:
    item: dict[str, Any] = {"slug": slug}
    if module:
        item["module"] = module
    item["type"] = type_
    item["difficulty"] = difficulty
    if pool:
        item["pool"] = pool
        item["topic"] = topic
    return item


def _clean_people(people: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"keypoints": p["keypoints"], "area": p["area"], "bbox": p["bbox"]} for p in people]


def keypoint_item(
    *,
    slug: str,
    module: str | None,
    seed: int,
    n_people: int,
    difficulty: int,
    min_oks: float,
    pass_score: int,
    title: tuple[str, str],
    exam: bool = False,
    **scene_kw: Any,
) -> dict[str, Any]:
    """Write one keypoint labeling item; returns a summary."""
    scene = keypoint_scene(seed, n_people, **scene_kw)
    item = _item_head(
        slug, module, "keypoints", difficulty, "keypoints" if exam else None, "level2-practical" if exam else None
    )
    item["title"] = bi(*title)
    item["instructions"] = _kp_instructions(n_people, scene["meta"], min_oks)
    item["asset"] = asset_block(scene["image"])
    params: dict[str, Any] = {"scheme": "coco17", "point_names": COCO_POINT_NAMES}
    if n_people == 1:
        params["people_count"] = 1
    item["params"] = params
    gold = {"pass_score": pass_score, "min_oks": min_oks, "people": _clean_people(scene["people"])}
    write_item(slug=slug, module=module, item=item, gold=gold, image=scene["image"])
    return _summary(slug, scene)


def _summary(slug: str, scene: dict[str, Any]) -> dict[str, Any]:
    vis = [[p["keypoints"][3 * i + 2] for i in range(17)] for p in scene["people"]]
    return {
        "slug": slug,
        "people": len(scene["people"]),
        "v1": [v.count(1) for v in vis],
        "v0": [v.count(0) for v in vis],
        "bg": scene["meta"]["background"],
        "occluder": scene["meta"]["occluder"],
        "views": scene["meta"]["views"],
        "poses": scene["meta"]["poses"],
    }


# ------------------------------------------------------------------ keypoint inspection


def _human(kps: list[float], rng: random.Random) -> list[float]:
    """A worker's version of correct keypoints: labeled points off by at most ~1.5 px."""
    out = list(kps)
    for i in range(17):
        if out[3 * i + 2] > 0:
            out[3 * i] = round(out[3 * i] + rng.uniform(-1.5, 1.5), 1)
            out[3 * i + 1] = round(out[3 * i + 1] + rng.uniform(-1.5, 1.5), 1)
    return out


def perturb_people(
    people: list[dict[str, Any]], faults: list[str], rng: random.Random, scales: list[float]
) -> tuple[list[dict[str, Any]], list[int]]:
    """Inject the listed faults into worker labels; returns (review people, faulty indices)."""
    review = [_human(p["keypoints"], rng) for p in people]
    faulty: set[int] = set()
    used: set[int] = set()
    missing = None

    def pick(cands: list[int]) -> int:
        free = [c for c in cands if c not in used] or cands
        return rng.choice(free)

    for fault in faults:
        if fault == "left_right_swap":

            def spread(i: int) -> float:
                k = people[i]["keypoints"]
                return float(
                    np.mean(
                        [
                            math.dist(k[3 * a : 3 * a + 2], k[3 * b : 3 * b + 2])
                            for a, b in SIDE_PAIRS[2:]
                            if k[3 * a + 2] and k[3 * b + 2]
                        ]
                    )
                )

            i = max((c for c in range(len(people)) if c not in used), key=spread)
            k = review[i]
            for a, b in SIDE_PAIRS:
                k[3 * a : 3 * a + 3], k[3 * b : 3 * b + 3] = k[3 * b : 3 * b + 3], k[3 * a : 3 * a + 3]
        elif fault == "misplaced_point":

            def movable(c: int) -> list[int]:
                g = people[c]["keypoints"]
                return [
                    j
                    for j in PARENT
                    if g[3 * j + 2] == 2
                    and g[3 * PARENT[j] + 2] > 0
                    and math.dist(g[3 * j : 3 * j + 2], g[3 * PARENT[j] : 3 * PARENT[j] + 2]) > 0.18 * scales[c]
                ]

            i = pick([c for c in range(len(people)) if movable(c)])
            k = review[i]
            g = people[i]["keypoints"]
            joints = movable(i)
            j = rng.choice(joints)
            par = PARENT[j]
            # the classic slip: the point put on the middle of the bone instead of the joint
            k[3 * j] = round((g[3 * j] + g[3 * par]) / 2, 1)
            k[3 * j + 1] = round((g[3 * j + 1] + g[3 * par + 1]) / 2, 1)
        elif fault == "wrong_visibility":
            hidden = [c for c in range(len(people)) if 1 in people[c]["keypoints"][2::3]]
            i = pick(hidden) if hidden else pick(list(range(len(people))))
            k = review[i]
            g = people[i]["keypoints"]
            ones = [j for j in range(17) if g[3 * j + 2] == 1]
            if ones:
                for j in rng.sample(ones, min(len(ones), rng.randint(2, 3))):
                    k[3 * j + 2] = 2
            else:
                twos = [j for j in range(5, 17) if g[3 * j + 2] == 2]
                for j in rng.sample(twos, 2):
                    k[3 * j + 2] = 1
        elif fault == "missing_person":
            missing = max(
                (c for c in range(len(people)) if c not in used),
                key=lambda c: list(people[c]["keypoints"][2::3]).count(1),
            )
            used.add(missing)
            continue
        else:  # pragma: no cover
            raise ValueError(fault)
        used.add(i)
        faulty.add(i)
    if missing is not None:
        del review[missing]
        faulty = {i - 1 if i > missing else i for i in faulty}
    return [{"keypoints": k} for k in review], sorted(faulty)


def keypoint_inspection_item(
    *, slug: str, module: str | None, seed: int, n_people: int, faults: list[str], **scene_kw: Any
) -> dict[str, Any]:
    """Write one keypoint inspection item (no faults → correct labels, accept)."""
    for retry in range(20):  # a scene must offer what the faults need (a long bone, a hidden joint...)
        scene = keypoint_scene(seed + 100_000 * retry, n_people, **scene_kw)
        rng = random.Random(seed * 31 + 5)
        try:
            review, faulty = perturb_people(scene["people"], faults, rng, scene["meta"]["scales"])
            break
        except (IndexError, ValueError):
            continue
    else:
        raise RuntimeError(f"cannot inject {faults} for seed {seed}")
    exam = module is None
    item = _item_head(
        slug, module, "inspection", 2, "inspection-keypoints" if exam else None, "level1-inspection" if exam else None
    )
    item["title"] = bi("키포인트(스켈레톤) 라벨 검수", "Inspect keypoint (skeleton) labels")
    what_ko, what_en = "사람(스켈레톤) 번호", "the person (skeleton) numbers"
    item["instructions"] = bi(
        "당신은 **검수자**입니다. 작업자가 만든 COCO-17 키포인트 라벨을 이미지와 가이드라인에 비춰 검토하세요.\n\n"
        f"{KP_GUIDE_KO}\n- 이미지의 모든 사람이 라벨링되어야 합니다.\n\n{INSPECT_HOW_KO.format(what=what_ko)}",
        "You are the **inspector**. Check the worker's COCO-17 keypoint labels against the image and the guideline.\n\n"
        f"{KP_GUIDE_EN}\n- Every person in the image must be labeled.\n\n{INSPECT_HOW_EN.format(what=what_en)}",
    )
    item["asset"] = asset_block(scene["image"])
    item["params"] = {
        "review": {"type": "keypoints", "scheme": "coco17", "people": review},
        "point_names": COCO_POINT_NAMES,
        "reasons": KP_REASONS,
    }
    gold = {
        "pass_score": 75,
        "decision": "reject" if faults else "accept",
        "reasons": [r["id"] for r in KP_REASONS if r["id"] in faults],
        "faulty_objects": faulty,
    }
    write_item(slug=slug, module=module, item=item, gold=gold, image=scene["image"])
    out = _summary(slug, scene)
    out.update(decision=gold["decision"], reasons=gold["reasons"], faulty=faulty)
    return out


# ------------------------------------------------------------------ landmarks


def face_scene(seed: int, size: int = FACE_SIZE) -> tuple[Image.Image, np.ndarray, dict[str, Any]]:
    """A painted face and its 68 gold points (all inside the image)."""
    for attempt in range(50):
        rng = random.Random(seed * 613 + attempt)
        pts, prm = people_face.face_points(rng, size)
        if pts.min() < 8 or pts.max() > size - 8:
            continue
        return people_face.paint(pts, prm, rng, size), pts, prm
    raise RuntimeError(seed)


def _lm_points(pts: np.ndarray, scheme: str) -> list[list[float]]:
    chosen = people_face.five_point(pts) if scheme == "five_point" else pts
    return [[round(float(x), 1), round(float(y), 1)] for x, y in chosen]


def _lm_eyes(scheme: str) -> tuple[int, int]:
    return (0, 1) if scheme == "five_point" else (36, 45)


def landmark_item(*, slug: str, module: str, seed: int, scheme: str) -> dict[str, Any]:
    """Write one face-landmark item (five_point or ibug68)."""
    image, pts, prm = face_scene(seed, FACE_SIZE if scheme == "five_point" else FACE_SIZE_68)
    points = _lm_points(pts, scheme)
    left, right = _lm_eyes(scheme)
    max_nme = 0.08 if scheme == "five_point" else 0.1
    item = _item_head(slug, module, "landmarks", 1 if scheme == "five_point" else 2, None, None)
    if scheme == "five_point":
        item["title"] = bi("얼굴 5점 랜드마크", "Face landmarks — 5 points")
        task_ko, task_en = "얼굴에 5개의 랜드마크를 순서대로 찍으세요.", "Place the 5 face landmarks in order."
        norm_ko, norm_en = "두 눈 중심 사이 거리", "the distance between the two eye centres"
    else:
        item["title"] = bi("얼굴 68점 랜드마크 (iBUG)", "Face landmarks — 68 points (iBUG)")
        task_ko, task_en = (
            "얼굴에 iBUG 68점을 번호 순서대로 모두 찍으세요.",
            "Place all 68 iBUG points on the face, in index order.",
        )
        norm_ko, norm_en = "바깥 눈꼬리 36번과 45번 사이 거리", "the distance between outer eye corners 36 and 45"
    score_ko = (
        f"\n\n**채점:** 점마다 정답과의 거리를 {norm_ko}로 나눈 "
        f"평균 오차(NME)가 {max_nme} 이하이면 통과 기준을 충족합니다."
    )
    score_en = f"\n\n**Scoring:** the mean point error divided by {norm_en} (NME) must be at most {max_nme}."
    item["instructions"] = bi(
        f"{task_ko}\n\n{LM_GUIDE_KO[scheme]}{score_ko}", f"{task_en}\n\n{LM_GUIDE_EN[scheme]}{score_en}"
    )
    item["asset"] = asset_block(image)
    item["params"] = {"scheme": scheme, "point_names": FIVE_POINT_NAMES if scheme == "five_point" else IBUG_NAMES}
    gold = {"pass_score": 75, "points": points, "left_eye": left, "right_eye": right, "max_nme": max_nme}
    write_item(slug=slug, module=module, item=item, gold=gold, image=image)
    return {
        "slug": slug,
        "scheme": scheme,
        "points": len(points),
        "yaw": round(prm["yaw"], 1),
        "roll": round(prm["roll"], 1),
    }


def perturb_landmarks(
    points: list[list[float]], scheme: str, faults: list[str], rng: random.Random
) -> tuple[list[list[float]], list[int]]:
    """Worker landmarks with faults injected; returns (points, faulty point indices)."""
    review = [[round(x + rng.uniform(-1.2, 1.2), 1), round(y + rng.uniform(-1.2, 1.2), 1)] for x, y in points]
    faulty: set[int] = set()
    p = np.array(points)
    left, right = _lm_eyes(scheme)
    iod = float(np.linalg.norm(p[left] - p[right]))
    for fault in faults:
        if fault == "wrong_order":
            if scheme == "five_point":
                a, b = rng.choice([(0, 1), (3, 4)])
                review[a], review[b] = review[b], review[a]
                faulty |= {a, b}
            else:
                lo, hi = rng.choice([(36, 42), (17, 22)])
                width = hi - lo
                for k in range(width):
                    review[lo + k], review[hi + k] = review[hi + k], review[lo + k]
                faulty |= set(range(lo, hi + width))
        elif fault == "misplaced_point":
            if scheme == "five_point":
                j = rng.choice([j for j in (2, 3, 4, 0) if j not in faulty])
                if j == 2:  # nose tip put on the bridge
                    target = p[2] + (p[0] + p[1] - 2 * p[2]) / 2 * 0.55
                elif j in (3, 4):  # mouth corner put inside the lips
                    target = p[j] + (p[3] + p[4] - 2 * p[j]) / 2 * 0.6
                else:  # eye centre put on the brow
                    up = np.array([p[1][1] - p[0][1], p[0][0] - p[1][0]]) / iod
                    target = p[0] + up * 0.32 * iod
            else:
                j = rng.choice([j for j in (8, 30, 48, 19, 4) if j not in faulty])
                target = {
                    8: p[57] + (p[8] - p[57]) * 0.35,  # chin pulled up onto the lower lip
                    30: p[28],  # nose tip put on the bridge
                    48: p[48] + (p[51] - p[48]) * 0.5,  # mouth corner put on the upper lip
                    19: p[19] + (p[37] - p[19]) * 0.75,  # brow point dropped onto the eyelid
                    4: p[4] + (p[31] - p[4]) * 0.35,  # jaw point inside the cheek
                }[j]
            review[j] = [round(float(target[0]), 1), round(float(target[1]), 1)]
            faulty.add(j)
        else:  # pragma: no cover
            raise ValueError(fault)
    return review, sorted(faulty)


def landmark_inspection_item(*, slug: str, seed: int, scheme: str, faults: list[str]) -> dict[str, Any]:
    """Write one face-landmark inspection exam item."""
    image, pts, _ = face_scene(seed, FACE_SIZE if scheme == "five_point" else FACE_SIZE_68)
    points = _lm_points(pts, scheme)
    rng = random.Random(seed * 53 + 1)
    review, faulty = perturb_landmarks(points, scheme, faults, rng)
    item = _item_head(slug, None, "inspection", 2, "inspection-landmarks", "level1-inspection")
    label_en = "5-point" if scheme == "five_point" else "68-point (iBUG)"
    label_ko = "5점" if scheme == "five_point" else "68점(iBUG)"
    item["title"] = bi(f"얼굴 랜드마크 검수 — {label_ko}", f"Inspect face landmarks — {label_en}")
    item["instructions"] = bi(
        f"당신은 **검수자**입니다. 작업자가 찍은 얼굴 랜드마크를 이미지와 가이드라인에 비춰 검토하세요.\n\n"
        f"{LM_GUIDE_KO[scheme]}\n\n{INSPECT_HOW_KO.format(what='점 번호')}",
        f"You are the **inspector**. Check the worker's face landmarks against the image and the guideline.\n\n"
        f"{LM_GUIDE_EN[scheme]}\n\n{INSPECT_HOW_EN.format(what='the point indices')}",
    )
    item["asset"] = asset_block(image)
    item["params"] = {
        "review": {"type": "landmarks", "scheme": scheme, "points": review},
        "point_names": FIVE_POINT_NAMES if scheme == "five_point" else IBUG_NAMES,
        "reasons": LM_REASONS,
    }
    gold = {
        "pass_score": 75,
        "decision": "reject" if faults else "accept",
        "reasons": [r["id"] for r in LM_REASONS if r["id"] in faults],
        "faulty_objects": faulty,
    }
    write_item(slug=slug, module=None, item=item, gold=gold, image=image)
    return {"slug": slug, "scheme": scheme, "decision": gold["decision"], "reasons": gold["reasons"], "faulty": faulty}


# ------------------------------------------------------------------ the item plan

MOTION_TITLES = [
    ("동작 키포인트 — 서 있는 사람", "Motion keypoints — standing figure"),
    ("동작 키포인트 — 뒤돌아선 사람", "Motion keypoints — seen from behind"),
    ("동작 키포인트 — 화면 밖으로 잘린 발", "Motion keypoints — feet cut off by the frame"),
]


def _kp_scene_options(n_people: int, faults: list[str]) -> dict[str, Any]:
    """Scene options that make an inspection fault clear: a swap on people seen from behind,
    a visibility fault where an occluder hides joints."""
    options: dict[str, Any] = {}
    if faults == ["left_right_swap"]:
        options["views"] = ["back"] * n_people
    if "wrong_visibility" in faults:
        options["occluder"] = True
    return options


def main() -> None:
    """Generate every keypoint / landmark item and print a summary."""
    out: list[dict[str, Any]] = []
    # face landmarks practice
    for k, scheme in enumerate(["five_point", "five_point", "ibug68"], start=1):
        out.append(landmark_item(slug=f"face-landmarks-{k:02d}", module="face-landmarks", seed=1100 + k, scheme=scheme))
    # motion keypoints practice: one person each
    motion: list[dict[str, Any]] = [
        dict(views=["front"], poses=["wave"], occluder=False),
        dict(views=["back"], poses=["walk"], occluder=False),
        dict(views=["front"], poses=["cheer"], occluder=False, truncate=True),
    ]
    for k, kw in enumerate(motion, start=1):
        out.append(
            keypoint_item(
                slug=f"motion-keypoints-{k:02d}",
                module="motion-keypoints",
                seed=1200 + k,
                n_people=1,
                difficulty=1,
                min_oks=0.75,
                pass_score=75,
                title=MOTION_TITLES[k - 1],
                **kw,
            )
        )
    # skeleton extraction practice: 2-4 people with overlap / occlusion
    for k, n in enumerate([2, 3, 4], start=1):
        out.append(
            keypoint_item(
                slug=f"skeleton-extraction-{k:02d}",
                module="skeleton-extraction",
                seed=1300 + k,
                n_people=n,
                difficulty=2,
                min_oks=0.7,
                pass_score=70,
                title=(f"스켈레톤 추출 — {n}명, 겹침·가림", f"Skeleton extraction — {n} people, overlap and occlusion"),
                occluder=(k != 2),
            )
        )
    # skeleton inspection practice
    insp: list[tuple[int, list[str], dict[str, Any]]] = [
        (2, ["left_right_swap", "misplaced_point"], dict(views=["back", "front"])),
        (3, ["wrong_visibility", "missing_person"], dict(occluder=True)),
        (2, [], dict()),
    ]
    for k, (n, faults, kw) in enumerate(insp, start=1):
        out.append(
            keypoint_inspection_item(
                slug=f"skeleton-extraction-inspect-{k:02d}",
                module="skeleton-extraction",
                seed=1400 + k,
                n_people=n,
                faults=faults,
                **kw,
            )
        )
    # exam: level-2 practical keypoints (mostly one person)
    exam_people = [1, 1, 2, 1, 1, 1, 2, 1, 1, 1, 2, 1, 1, 2, 1]
    for k, n in enumerate(exam_people, start=1):
        trunc = k in (5, 12)
        out.append(
            keypoint_item(
                slug=f"x2-kp-{k:03d}",
                module=None,
                seed=8000 + k,
                n_people=n,
                difficulty=2,
                min_oks=0.75,
                pass_score=75,
                exam=True,
                truncate=trunc,
                title=(
                    "COCO-17 키포인트 라벨링" + (f" — {n}명" if n > 1 else ""),
                    "COCO-17 keypoint labeling" + (f" — {n} people" if n > 1 else ""),
                ),
            )
        )
    # exam: level-1 inspection — keypoints 001-015 (5 accept)
    kp_faults = [
        ["left_right_swap"],
        [],
        ["misplaced_point"],
        ["wrong_visibility"],
        [],
        ["missing_person"],
        ["left_right_swap", "wrong_visibility"],
        [],
        ["misplaced_point"],
        ["left_right_swap"],
        [],
        ["wrong_visibility"],
        ["missing_person", "misplaced_point"],
        [],
        ["misplaced_point"],
    ]
    for k, faults in enumerate(kp_faults, start=1):
        n = 2 if "missing_person" in faults or k % 4 == 0 else 1
        # These 15 were generated without scene options (random views and occluders); kept that
        # way so the committed items stay byte-identical. Later items use _kp_scene_options.
        out.append(
            keypoint_inspection_item(slug=f"x1-insp-pt-{k:03d}", module=None, seed=9000 + k, n_people=n, faults=faults)
        )
    # exam: level-1 inspection — more keypoints 036-040 (1 accept; pool 20, 6 accept)
    kp_more: list[tuple[int, list[str]]] = [
        (2, ["wrong_visibility"]),
        (1, []),
        (1, ["left_right_swap"]),
        (2, ["missing_person"]),
        (2, ["misplaced_point", "wrong_visibility"]),
    ]
    for k, (n, faults) in enumerate(kp_more, start=36):
        out.append(
            keypoint_inspection_item(
                slug=f"x1-insp-pt-{k:03d}",
                module=None,
                seed=9000 + k,
                n_people=n,
                faults=faults,
                **_kp_scene_options(n, faults),
            )
        )
    # exam: level-1 inspection — landmarks 028-035 (2 accept)
    lm_plan = [
        ("five_point", ["wrong_order"]),
        ("five_point", []),
        ("ibug68", ["misplaced_point"]),
        ("five_point", ["misplaced_point"]),
        ("five_point", ["wrong_order", "misplaced_point"]),
        ("ibug68", []),
        ("five_point", ["misplaced_point"]),
        ("ibug68", ["wrong_order"]),
    ]
    for k, (scheme, faults) in enumerate(lm_plan, start=28):
        out.append(landmark_inspection_item(slug=f"x1-insp-pt-{k:03d}", seed=9500 + k, scheme=scheme, faults=faults))
    # exam: level-1 inspection — more landmarks 046-047 (1 accept; pool 10, 3 accept)
    lm_more = [
        ("ibug68", ["wrong_order", "misplaced_point"]),
        ("five_point", []),
    ]
    for k, (scheme, faults) in enumerate(lm_more, start=46):
        out.append(landmark_inspection_item(slug=f"x1-insp-pt-{k:03d}", seed=9500 + k, scheme=scheme, faults=faults))
    for row in out:
        print(row)


if __name__ == "__main__":
    main()
