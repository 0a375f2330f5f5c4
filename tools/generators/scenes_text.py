"""Bilingual (ko/en) class names, titles and task briefs for the generated image items."""
from __future__ import annotations

from .scenes_core import OCCLUDED_MIN, SKIP_PX, SKIP_VISIBLE, TRUNCATED_MIN

LABELS = {
    "car": ("자동차", "Car"), "bus": ("버스", "Bus"), "truck": ("트럭", "Truck"), "person": ("사람", "Person"),
    "bicycle": ("자전거", "Bicycle"), "traffic_light": ("신호등", "Traffic light"),
    "cup": ("컵", "Cup"), "bottle": ("병", "Bottle"), "apple": ("사과", "Apple"), "banana": ("바나나", "Banana"),
    "orange": ("오렌지", "Orange"), "bowl": ("그릇", "Bowl"),
    "cow": ("소", "Cow"), "sheep": ("양", "Sheep"), "horse": ("말", "Horse"), "dog": ("개", "Dog"), "bird": ("새", "Bird"),
    "stop_sign": ("정지 표지판", "Stop sign"), "speed_limit_sign": ("최고속도 제한 표지판", "Speed-limit sign"),
    "warning_sign": ("주의 표지판", "Warning sign"), "mandatory_sign": ("지시 표지판", "Mandatory (blue) sign"),
    "uncertain": ("판단 불가", "Cannot judge (uncertain)"),
}

SCENE_NAME = {
    "street": ("도로·거리 장면", "street scene"),
    "kitchen": ("식탁 위 장면", "kitchen-table scene"),
    "parking": ("주차장 항공(위에서 본) 장면", "parking lot seen from above"),
    "field": ("목초지의 동물 장면", "animals in a pasture"),
    "signs": ("도로변 교통표지판 장면", "roadside traffic signs"),
}

# scene-specific guideline notes: (ko, en)
SCENE_NOTES = {
    "street": [
        ("신호등(traffic_light)은 등이 달린 **본체(하우징)만** 박스에 넣고 기둥은 제외합니다.",
         "Traffic lights: box the **lamp housing only**, not the pole."),
        ("사람이 몸에 멘 가방은 사람에 포함합니다. 세워 둔 자전거는 바퀴 전체를 포함합니다.",
         "A bag carried by a person is part of the person. A parked bicycle includes both whole wheels."),
        ("나무·가로등·건물·간판은 라벨 대상이 아니지만, 그 뒤에 있는 객체를 가릴 수 있습니다.",
         "Trees, street lamps, buildings and shop signs are not labeled, but they can hide objects behind them."),
    ],
    "kitchen": [
        ("컵은 손잡이까지, 병은 뚜껑까지, 사과는 꼭지와 잎까지 포함합니다.",
         "Cups include the handle, bottles include the cap, apples include the stalk and leaf."),
        ("접시와 식탁, 벽, 창문은 라벨 대상이 아닙니다.", "Plates, the table, the wall and the window are not labeled."),
    ],
    "parking": [
        ("위에서 내려다본 장면입니다. 자동차(car)와 트럭(truck)은 차체 전체, 사람(person)은 위에서 보이는 머리와 어깨를 감쌉니다.",
         "The scene is seen from above. Cars and trucks: the whole body; people: the head and shoulders seen from above."),
        ("나무 수관(잎)은 라벨 대상이 아니며, 수관에 가려진 차의 부분은 추정하지 않습니다.",
         "Tree crowns are not labeled; do not estimate the part of a vehicle hidden under a crown."),
    ],
    "field": [
        ("동물은 꼬리·뿔·귀까지 보이는 부분을 모두 포함합니다. 날고 있는 새(bird)도 라벨링합니다.",
         "Animals include every visible part: tail, horns, ears. Flying birds are labeled too."),
        ("울타리·덤불·건초더미·나무는 라벨 대상이 아닙니다. 울타리 뒤 동물은 울타리 사이로 보이는 부분의 바깥 경계까지 박스를 그립니다.",
         "Fences, bushes, hay bales and trees are not labeled. For an animal behind a fence, box the outer limits of the parts seen between the rails."),
    ],
    "signs": [
        ("표지판은 **판면만** 라벨링하고 기둥(지주)은 제외합니다. 기울어진 표지판은 기울어진 외곽선을 그대로 따라갑니다.",
         "Label the **sign face only**, not the post. Follow the outline of a tilted sign as it is."),
        ("정지(빨간 팔각형), 최고속도 제한(빨간 테두리 흰 원), 주의(노란 삼각형), 지시(파란 원) 표지판을 구분합니다.",
         "Stop = red octagon, speed limit = white disc with a red ring, warning = yellow triangle, mandatory = blue disc."),
    ],
}

BOX_RULES = [
    ("박스는 객체의 **보이는 부분**의 가장 바깥 픽셀에 딱 맞게 그립니다. 여백을 두지 말고, 보이는 부분을 잘라 내지도 마세요.",
     "Draw each box tight to the outermost **visible** pixels of the object: no margin, and do not cut off any visible part."),
    ("다른 물체에 가려진 부분이나 이미지 밖으로 나간 부분은 **추정해서 넓히지 않습니다**(보이는 범위만).",
     "Do **not** extend a box over parts hidden by other things or lying outside the image: visible extent only."),
    ("그림자는 객체에 포함하지 않습니다.", "Shadows are not part of an object."),
    (f"**제외(skip) 규칙**: 보이는 부분의 가로 또는 세로가 {SKIP_PX} px 미만인 아주 작은 객체, 또는 전체의 "
     f"{int(SKIP_VISIBLE * 100)} % 미만만 보이는 객체는 라벨링하지 않습니다.",
     f"**Skip rule**: do not label an object whose visible part is under {SKIP_PX} px wide or high, or of which less than "
     f"{int(SKIP_VISIBLE * 100)} % is visible."),
    ("한 객체에는 박스 하나만 그립니다(중복 금지). 앞의 물체 때문에 보이는 부분이 둘로 나뉘어도 하나의 박스로 감쌉니다.",
     "One box per object (no duplicates). If a nearer object splits the visible part in two, one box still covers both parts."),
]

ATTR_RULES = [
    (f"**occluded(가림)**: 객체의 {int(OCCLUDED_MIN * 100)} %를 넘는 부분이 앞에 있는 다른 물체(라벨 대상이 아닌 나무·울타리 등 포함)에 가려지면 `true`.",
     f"**occluded**: `true` when more than {int(OCCLUDED_MIN * 100)} % of the object is hidden by something in front of it (unlabeled things such as trees or fences count)."),
    (f"**truncated(잘림)**: 객체의 {int(TRUNCATED_MIN * 100)} % 이상이 이미지 경계 밖으로 나가 잘렸으면 `true`.",
     f"**truncated**: `true` when {int(TRUNCATED_MIN * 100)} % or more of the object lies outside the image border."),
    ("두 속성은 서로 독립입니다. 둘 다 해당하면 둘 다 `true`로 지정합니다.", "The two flags are independent; set both when both apply."),
]


def label_entries(ids):
    return [{"id": i, "ko": LABELS[i][0], "en": LABELS[i][1]} for i in ids]


def _class_line(ids, lang):
    k = 0 if lang == "ko" else 1
    return ", ".join(f"{LABELS[i][k]}(`{i}`)" for i in ids)


def _bullets(pairs, k):
    return "\n".join(f"- {p[k]}" for p in pairs)


def bbox_instructions(scene, ids, iou, pass_score, attributes=False):
    notes = SCENE_NOTES.get(scene, [])
    out = {}
    for lang, k in (("ko", 0), ("en", 1)):
        sc = SCENE_NAME[scene][k]
        if lang == "ko":
            s = (f"## 작업 내용\n{sc} 이미지에서 아래 클래스에 해당하는 객체를 **모두** 찾아 바운딩 박스를 그리고 클래스를 지정하세요.\n\n"
                 f"- 클래스: {_class_line(ids, 'ko')}\n\n## 가이드라인\n{_bullets(BOX_RULES + notes, 0)}\n")
            if attributes:
                s += f"\n## 속성\n모든 박스에 두 속성을 지정합니다.\n\n{_bullets(ATTR_RULES, 0)}\n"
            s += (f"\n## 채점\n- 정답 박스와 IoU {iou} 이상이고 클래스가 같으면 일치로 봅니다.\n"
                  f"- 누락한 객체, 정답에 없는 박스(제외 대상 포함), 클래스 오류"
                  f"{', 속성(occluded/truncated) 오류' if attributes else ''}는 감점됩니다.\n- 통과 점수: {pass_score}점")
        else:
            s = (f"## Task\nFind **every** object of the classes below in this {sc} and draw a bounding box with its class.\n\n"
                 f"- Classes: {_class_line(ids, 'en')}\n\n## Guideline\n{_bullets(BOX_RULES + notes, 1)}\n")
            if attributes:
                s += f"\n## Attributes\nSet both flags on every box.\n\n{_bullets(ATTR_RULES, 1)}\n"
            s += (f"\n## Scoring\n- A box matches when its IoU with a gold box is at least {iou} and the class is the same.\n"
                  f"- Missed objects, extra boxes (including skipped objects) and wrong classes cost points"
                  f"{'; so do wrong flags' if attributes else ''}.\n- Pass score: {pass_score}")
        out[lang] = s
    return out


def polygon_instructions(scene, ids, iou, pass_score):
    notes = SCENE_NOTES.get(scene, [])
    rules = [
        ("폴리곤은 객체의 **보이는 외곽선**을 따라 점을 찍어 그립니다. 곡선은 충분히 많은 점으로 따라가되 40개 이내면 충분합니다.",
         "Trace the **visible outline** of each object with polygon points; follow curves closely, 40 points or fewer is enough."),
        ("외곽선이 배경으로 크게 벗어나거나(느슨함) 객체 안쪽을 잘라 내지 않도록 경계에서 2–3 px 이내로 맞춥니다.",
         "Keep the outline within 2–3 px of the boundary: do not stray onto the background and do not cut into the object."),
        ("사각형이 아닌 객체(기울어진 표지판, 둥근 과일, 비스듬히 선 차 등)는 박스가 아니라 모양 그대로 따라 그립니다.",
         "Non-rectangular objects (tilted signs, round fruit, cars parked at an angle) are traced by shape, not boxed."),
        (f"**제외(skip) 규칙**: 가로 또는 세로가 {SKIP_PX} px 미만이거나 {int(SKIP_VISIBLE * 100)} % 미만만 보이는 객체는 라벨링하지 않습니다.",
         f"**Skip rule**: do not label objects under {SKIP_PX} px wide or high, or less than {int(SKIP_VISIBLE * 100)} % visible."),
        ("그림자는 포함하지 않습니다.", "Shadows are not part of an object."),
    ]
    out = {}
    for lang, k in (("ko", 0), ("en", 1)):
        sc = SCENE_NAME[scene][k]
        if lang == "ko":
            out[lang] = (f"## 작업 내용\n{sc} 이미지에서 아래 클래스의 객체를 모두 찾아 **폴리곤(다각형)** 으로 외곽선을 그리고 클래스를 지정하세요.\n\n"
                         f"- 클래스: {_class_line(ids, 'ko')}\n\n## 가이드라인\n{_bullets(rules + notes, 0)}\n\n"
                         f"## 채점\n- 정답 폴리곤과의 IoU가 {iou} 이상이고 클래스가 같으면 일치로 봅니다.\n- 통과 점수: {pass_score}점")
        else:
            out[lang] = (f"## Task\nFind every object of the classes below in this {sc}, trace it as a **polygon** and give its class.\n\n"
                         f"- Classes: {_class_line(ids, 'en')}\n\n## Guideline\n{_bullets(rules + notes, 1)}\n\n"
                         f"## Scoring\n- A polygon matches when its IoU with the gold polygon is at least {iou} and the class is the same.\n"
                         f"- Pass score: {pass_score}")
    return out


CLS_QUESTION = {
    "animal": ("이미지 속 동물은 무엇입니까?", "Which animal is in the image?"),
    "vehicle": ("이미지 속 주된 탈것(차량)은 무엇입니까?", "Which vehicle is the subject of the image?"),
    "food": ("식탁 위의 물체는 무엇입니까?", "What is the object on the table?"),
    "street_tags": ("이 거리 장면에 보이는 항목을 모두 고르세요.", "Select every item that appears in this street scene."),
    "kitchen_tags": ("이 식탁 장면에 보이는 항목을 모두 고르세요.", "Select every item that appears on this table."),
    "field_tags": ("이 목초지 장면에 보이는 동물을 모두 고르세요.", "Select every animal that appears in this pasture."),
}


def cls_instructions(question, ids, multi, pass_score):
    q = CLS_QUESTION[question]
    has_unc = "uncertain" in ids
    out = {}
    for lang, k in (("ko", 0), ("en", 1)):
        if lang == "ko":
            if multi:
                rules = ("- 해당하는 라벨을 **모두** 선택합니다(여러 개 선택 가능). 하나라도 빠지면 누락입니다.\n"
                         "- 실제로 보이는 것만 선택합니다. 있을 법하다고 추측해서 고르지 마세요.\n"
                         f"- 너무 작거나(가로·세로 {SKIP_PX} px 미만) {int(SKIP_VISIBLE * 100)} % 미만만 보여 알아볼 수 없는 것은 '있음'으로 치지 않습니다.\n"
                         "- 그림, 간판 글자, 배경 소품은 라벨 대상이 아닙니다.")
            else:
                rules = ("- 라벨을 **하나만** 선택합니다. 이미지의 주된 대상(가장 크게, 가운데 보이는 것)을 기준으로 합니다.\n"
                         "- 배경의 나무·건물·울타리 등은 판단 대상이 아닙니다.")
                if has_unc:
                    rules += ("\n- 안개·어둠·가림 때문에 종류를 **확실히 알 수 없으면 `판단 불가(uncertain)`** 를 선택합니다. "
                              "추측해서 고르면 반려 사유가 됩니다.")
            score = f"\n\n## 채점\n- {'선택한 라벨 집합을 정답과 비교해 부분 점수를 줍니다' if multi else '정답 라벨과 같으면 통과입니다'}.\n- 통과 점수: {pass_score}점"
            out[lang] = f"## 작업 내용\n{q[0]}\n\n- 선택지: {_class_line(ids, 'ko')}\n\n## 가이드라인\n{rules}{score}"
        else:
            if multi:
                rules = ("- Select **every** label that applies (multi-label); leaving one out is a missing label.\n"
                         "- Select only what you can actually see; do not guess what is likely there.\n"
                         f"- Things too small to recognise (under {SKIP_PX} px) or less than {int(SKIP_VISIBLE * 100)} % visible do not count as present.\n"
                         "- Pictures, lettering on signs and background props are not labeled.")
            else:
                rules = ("- Choose **one** label, for the main subject (the largest, central one).\n"
                         "- Background trees, buildings, fences and so on are not judged.")
                if has_unc:
                    rules += ("\n- If fog, darkness or occlusion means you **cannot tell for sure**, choose `uncertain` "
                              "(Cannot judge). Guessing is a rejection reason.")
            score = f"\n\n## Scoring\n- {'Your label set is compared with the gold set for partial credit' if multi else 'You pass when your label equals the gold label'}.\n- Pass score: {pass_score}"
            out[lang] = f"## Task\n{q[1]}\n\n- Options: {_class_line(ids, 'en')}\n\n## Guideline\n{rules}{score}"
    return out


REASON_HELP = {
    "loose_box": ("박스가 객체보다 눈에 띄게 큼(여백이 있음)", "the box is visibly larger than the object (margin)"),
    "clipped_box": ("박스가 객체의 보이는 부분을 잘라 냄", "the box cuts off a visible part of the object"),
    "wrong_class": ("클래스가 틀림", "the class is wrong"),
    "missed_object": ("라벨링해야 할 객체에 박스가 없음 — 지정할 박스가 없으므로 사유만 고릅니다",
                      "an object that must be labeled has no label — there is no box to point at, choose the reason only"),
    "duplicate_box": ("한 객체에 박스가 두 개 — 목록에서 **뒤에 나오는** 박스를 지정합니다",
                      "two boxes on one object — point at the **later** one in the list"),
    "hidden_extent_boxed": ("가려진 부분까지 추정해서 박스를 넓힘", "the box was extended over a hidden (estimated) part"),
    "wrong_attribute": ("occluded / truncated 값이 정의와 다름", "an occluded / truncated flag does not match the definition"),
    "loose_outline": ("폴리곤 외곽선이 객체를 벗어나 배경을 크게 포함함", "the outline strays off the object onto the background"),
    "wrong_label": ("선택한 라벨이 틀림(없는 항목을 고른 경우 포함)", "a chosen label is wrong (including one that is not present)"),
    "missing_label": ("보이는 항목의 라벨이 빠짐(다중 라벨)", "a label for something visible is missing (multi-label)"),
    "guessed_uncertain": ("판단할 수 없는 이미지인데 추측해서 라벨을 고름", "the image cannot be judged but a label was guessed"),
}


def inspection_instructions(kind, scene, ids, reasons, pass_score, multi=None):
    """kind: bbox | polygon | classification"""
    notes = SCENE_NOTES.get(scene, []) if kind != "classification" else []
    out = {}
    for lang, k in (("ko", 0), ("en", 1)):
        rl = "\n".join(f"- `{r['id']}` {r[lang]}: {REASON_HELP[r['id']][k]}" for r in reasons)
        if kind == "bbox":
            what = ("다른 작업자가 그린 **바운딩 박스 목록**(클래스, 좌표, occluded/truncated 속성)", "the **list of bounding boxes** another labeler drew (class, coordinates, occluded/truncated flags)")
            rules = BOX_RULES + ATTR_RULES + notes + [("1–2 px 정도의 차이는 허용합니다.", "Differences of 1–2 px are tolerated.")]
            guide = _bullets(rules, k)
        elif kind == "polygon":
            what = ("다른 작업자가 그린 **폴리곤 목록**(클래스, 꼭짓점 좌표)", "the **list of polygons** another labeler drew (class, vertex coordinates)")
            rules = [("폴리곤은 보이는 외곽선을 2–3 px 이내로 따라가야 합니다.", "Polygons must follow the visible outline within 2–3 px."),
                     (f"제외 규칙: {SKIP_PX} px 미만 또는 {int(SKIP_VISIBLE * 100)} % 미만만 보이는 객체는 라벨링하지 않습니다.",
                      f"Skip rule: objects under {SKIP_PX} px or less than {int(SKIP_VISIBLE * 100)} % visible are not labeled.")] + notes
            guide = _bullets(rules, k)
        else:
            what = ("다른 작업자가 고른 **분류 라벨**", "the **classification label(s)** another labeler chose")
            rules = [("단일 라벨 문항은 주된 대상 하나의 라벨, 다중 라벨 문항(여러 항목을 고르는 문항)은 보이는 항목 전부가 정답입니다.",
                      "Single-label tasks: one label for the main subject. Multi-label tasks: every item that is visible."),
                     ("확실히 판단할 수 없는 이미지는 `uncertain`(판단 불가)이 정답입니다.", "An image that cannot be judged for sure must be labeled `uncertain`.")]
            if multi is not None:
                rules.append(("이 문항은 **다중 라벨** 작업입니다." if multi else "이 문항은 **단일 라벨** 작업입니다.",
                              "This is a **multi-label** task." if multi else "This is a **single-label** task."))
            guide = _bullets(rules, k)
        cls = _class_line(ids, lang)
        if lang == "ko":
            out[lang] = (f"## 작업 내용\n{SCENE_NAME[scene][0]} 이미지와 {what[0]}을 검수하세요. 가이드라인을 모두 지켰으면 **승인(accept)**, "
                         f"하나라도 어기면 **반려(reject)** 하고 해당하는 반려 사유를 모두 고른 뒤"
                         f"{' 문제가 있는 객체(목록의 항목)를 모두 지정' if kind != 'classification' else ' 제출'}하세요.\n\n"
                         f"- 작업 클래스: {cls}\n\n## 적용 가이드라인\n{guide}\n\n## 반려 사유\n{rl}\n\n"
                         f"## 채점\n- 승인/반려 판단, 반려 사유, 지정한 객체를 정답과 비교합니다.\n- 통과 점수: {pass_score}점")
        else:
            out[lang] = (f"## Task\nInspect this {SCENE_NAME[scene][1]} image and {what[1]}. **Accept** when every guideline rule is "
                         f"met; otherwise **reject**, choose every reason that applies"
                         f"{' and point at every faulty object (entry in the list)' if kind != 'classification' else ''}.\n\n"
                         f"- Task classes: {cls}\n\n## Guideline to apply\n{guide}\n\n## Rejection reasons\n{rl}\n\n"
                         f"## Scoring\n- Your decision, reasons and flagged objects are compared with the gold review.\n- Pass score: {pass_score}")
    return out
