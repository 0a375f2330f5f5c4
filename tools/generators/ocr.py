"""Generate OCR practice, exam and OCR-inspection items with exact line-level gold.

Run: .venv/bin/python -m tools.generators.ocr
Needs Debian fonts-nanum and fonts-nanum-extra (NanumPen / NanumBarunpen / NanumBrush for
hand-written lines). Every item has its own fixed seed, so a re-run writes byte-identical files.

Gold: one entry per rendered text line, its exact text and the tight axis-aligned box of its
ink (after rotation), taken from the rendered pixels, not from the layout.
"""

from __future__ import annotations

import random
from typing import Any

import numpy as np

from tools.generators import ocr_docs
from tools.generators.ocr_people_io import asset_block, bi, write_item

MAX_LINES = 20
OCR_REASONS = [
    {"id": "transcription_error", "ko": "전사(텍스트) 오류", "en": "Transcription error"},
    {"id": "loose_box", "ko": "박스가 너무 느슨함", "en": "Box too loose"},
    {"id": "missed_text", "ko": "텍스트 영역 누락", "en": "Text region missed"},
    {"id": "wrong_normalisation", "ko": "표기 규칙(정규화) 위반", "en": "Normalisation rule broken"},
]

# ------------------------------------------------------------------ instructions

GUIDE_KO = """**라벨링 규칙 (줄 단위 OCR)**
- **한 줄에 박스 하나.** 같은 줄에 이어지는 단어들은 하나의 박스로 묶습니다. 줄이 바뀌거나, 표의 칸·구분선으로 나뉘거나, 스티커·도장처럼 따로 떨어진 글자는 별도의 줄입니다.
- **박스는 글자에 딱 맞게.** 보이는 글자 잉크를 모두 포함하는 가장 작은 직사각형 `[x, y, w, h]`(왼쪽 위 기준, 픽셀)을 그립니다. 여백을 넉넉히 두면 반려됩니다.
- **기울어진 줄**도 화면 축에 평행한 직사각형으로, 기울어진 글자 전체가 들어가는 가장 작은 박스를 그립니다.
- **보이는 그대로 전사.** 띄어쓰기, 기호(`₩ , . - : / ( ) ~ % *` 등), 숫자, 영문 대소문자를 그대로 적습니다. 줄 앞뒤 공백은 넣지 않습니다.
- **정규화 금지.** 날짜·금액·전화번호 형식을 바꾸지 마세요. 예: `2024.03.15` → `2024-03-15` ✗, `12,900원` → `12900원` ✗, `₩4,500` → `4,500원` ✗.
- 손글씨와 도장 속 글자도 텍스트이므로 라벨링합니다. 로고 그림, 바코드, 괘선·테두리는 텍스트가 아닙니다."""  # noqa: E501

GUIDE_EN = """**Labeling rules (line-level OCR)**
- **One box per text line.** Words that continue on the same line share one box. A new line, a separate table cell or ruled section, or text standing apart (a sticker, a stamp) is a separate line.
- **Tight boxes.** Draw the smallest rectangle `[x, y, w, h]` (top-left origin, pixels) that holds all the visible ink of the line. Generous margins are rejected.
- **Tilted lines** still get an axis-aligned rectangle: the smallest one that holds the whole tilted line.
- **Transcribe exactly as written:** keep spacing, symbols (`₩ , . - : / ( ) ~ % *` ...), digits and Latin upper/lower case. No leading or trailing spaces.
- **No normalisation.** Do not reformat dates, prices or phone numbers: `2024.03.15` → `2024-03-15` ✗, `12,900원` → `12900원` ✗, `₩4,500` → `4,500원` ✗.
- Hand-writing and the text inside stamps are text and are labeled. Logos, barcodes and ruled lines/frames are not text."""  # noqa: E501


def _instructions(scene: ocr_docs.Scene, iou: float) -> dict[str, str]:
    ko = (
        f"이미지는 **{scene.title_ko}** 사진입니다. 보이는 텍스트를 모두 줄 단위로 찾아 박스를 그리고 "
        f"줄마다 적힌 내용을 전사하세요.\n\n{GUIDE_KO}\n\n"
        f"**채점:** 정답 줄과 IoU {iou} 이상 겹치는 박스만 같은 줄로 인정되며, 인정된 줄의 전사 정확도와 "
        "누락·초과 줄 수가 점수에 반영됩니다."
    )
    en = (
        f"The image is a photo of a **{scene.title_en.lower()}**. Find every visible text line, box it and "
        f"transcribe it.\n\n{GUIDE_EN}\n\n"
        f"**Scoring:** a box counts as a gold line only when its IoU with that line is at least {iou}; "
        "the transcription of matched lines and any missed or extra lines make up the score."
    )
    return bi(ko, en)


INSPECT_KO = """당신은 **검수자**입니다. 아래 작업자의 OCR 라벨(박스 + 전사)을 이미지와 가이드라인에 비춰 검토하세요.

{guide}

**검수 방법**
- 모든 줄이 규칙을 지키면 **승인(accept)** 합니다. 규칙 위반이 하나라도 있으면 **반려(reject)** 하고 해당하는 반려 사유를 모두 고릅니다.
- 잘못된 줄은 검토 목록의 번호(0부터 시작하는 인덱스)로 표시합니다. 라벨이 아예 없는 텍스트(누락)는 가리킬 줄이 없으므로 사유만 고릅니다.
- 사람이 그린 박스이므로 1~2픽셀의 차이는 정상입니다. 규칙 위반만 반려하세요."""  # noqa: E501

INSPECT_EN = """You are the **inspector**. Check the worker's OCR labels (boxes + transcriptions) below against the image and the guideline.

{guide}

**How to inspect**
- If every line follows the rules, **accept**. If any rule is broken, **reject** and pick every reason that applies.
- Mark the faulty lines by their index in the review list (0-based). Missed text has no line to point at: choose the reason only.
- These are hand-drawn boxes: a pixel or two of difference is normal. Reject rule violations only."""  # noqa: E501


# ------------------------------------------------------------------ scene building


def _overlaps(a: list[int], b: list[int], margin: int = 0) -> bool:
    return not (
        a[0] + a[2] + margin <= b[0]
        or b[0] + b[2] + margin <= a[0]
        or a[1] + a[3] + margin <= b[1]
        or b[1] + b[3] + margin <= a[1]
    )


def render_scene(kind: str, level: int, seed: int) -> tuple[Any, list[dict[str, Any]]]:
    """Render one document; retries with derived seeds until no two line boxes touch."""
    for attempt in range(50):
        rng = random.Random(seed * 1000 + attempt)
        scene = ocr_docs.LAYOUTS[kind](rng, level)
        canvas = np.asarray(scene.canvas, dtype=np.float32).copy()
        try:
            boxes = ocr_docs_composite(canvas, scene)
        except ValueError:
            continue
        if any(_overlaps(boxes[i], boxes[j], 3) for i in range(len(boxes)) for j in range(i)):
            continue
        image = ocr_docs.finish(canvas, rng)
        lines = [{"bbox": box, "text": ln.text} for box, ln in zip(boxes, scene.lines, strict=True)]
        return (image, scene), lines
    raise RuntimeError(f"no clean layout for {kind} seed {seed}")


def ocr_docs_composite(canvas: np.ndarray, scene: ocr_docs.Scene) -> list[list[int]]:
    """Ink the scene's lines; wraps ocr_render.composite (kept separate for the retry loop)."""
    from tools.generators.ocr_render import composite

    return composite(canvas, scene.lines)


# ------------------------------------------------------------------ items


def ocr_item(*, slug: str, module: str | None, kind: str, level: int, seed: int, exam: bool = False) -> dict[str, Any]:
    """Write one OCR labeling item; returns a summary."""
    (image, scene), lines = render_scene(kind, level, seed)
    iou = 0.5 if level == 1 else 0.6
    pass_score = 70 if level == 1 else 75
    n_hand = sum(1 for ln in scene.lines if ln.hand)
    n_rot = sum(1 for ln in scene.lines if ln.angle)
    title_ko = f"{scene.title_ko} 텍스트 줄 OCR"
    title_en = f"{scene.title_en}: line-level OCR"
    if level == 2:
        title_ko += " (기울어진 줄·손글씨 포함)"
        title_en += " (tilted and hand-written lines)"
    item: dict[str, Any] = {"slug": slug}
    if module:
        item["module"] = module
    item["type"] = "ocr"
    item["difficulty"] = 2 if exam else level
    if exam:
        item["pool"] = "level2-practical"
        item["topic"] = "ocr"
    item["title"] = bi(title_ko, title_en)
    item["instructions"] = _instructions(scene, iou)
    item["asset"] = asset_block(image)
    item["params"] = {"max_lines": MAX_LINES}
    gold = {"pass_score": pass_score, "iou_threshold": iou, "lines": lines}
    write_item(slug=slug, module=module, item=item, gold=gold, image=image)
    return {"slug": slug, "lines": len(lines), "hand": n_hand, "rotated": n_rot}


# ------------------------------------------------------------------ inspection

_TYPO = {
    "원": "윈",
    "8": "6",
    "6": "8",
    "3": "8",
    "5": "6",
    "1": "7",
    "0": "8",
    "빵": "방",
    "라": "리",
    "점": "접",
    "합": "함",
    "일": "잃",
    "마": "미",
    "카": "키",
    "수": "소",
    "간": "긴",
    "인": "민",
    "확": "황",
    "요": "오",
    "드": "도",
    "세": "새",
    "터": "티",
    "전": "진",
    "호": "후",
}


def _typo(text: str, rng: random.Random) -> str | None:
    spots = [i for i, ch in enumerate(text) if ch in _TYPO]
    if not spots:
        return None
    i = rng.choice(spots)
    return text[:i] + _TYPO[text[i]] + text[i + 1 :]


def _normalise_wrongly(text: str) -> str | None:
    """A typical 'helpful' rewrite that breaks the as-written rule, or None if none applies."""
    import re

    rules = [
        (r"(\d{4})\.(\d{2})\.(\d{2})", r"\1-\2-\3"),
        (r"(\d{4})-(\d{2})-(\d{2})", r"\1.\2.\3"),
        (r"₩([\d,]+)", r"\1원"),
        (r"(\d),(\d{3})", r"\1\2"),
        (r"(\d{2}):(\d{2})~(\d{2}):(\d{2})", r"\1:\2-\3:\4"),
        (r"(\d{4})년 (\d{1,2})월 (\d{1,2})일", r"\1.\2.\3"),
    ]
    for pattern, repl in rules:
        new = re.sub(pattern, repl, text, count=1)
        if new != text:
            return new
    return None


def _iou(a: list[float], b: list[float]) -> float:
    ix = max(0.0, min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1]))
    inter = ix * iy
    return inter / (a[2] * a[3] + b[2] * b[3] - inter)


def _jitter_box(box: list[int], rng: random.Random, width: int, height: int) -> list[int]:
    """A worker's box: the gold box off by at most a pixel on each side (still correct)."""
    x0 = max(0, box[0] - rng.randint(0, 1))
    y0 = max(0, box[1] - rng.randint(0, 1))
    x1 = min(width - 1, box[0] + box[2] - 1 + rng.randint(0, 1))
    y1 = min(height - 1, box[1] + box[3] - 1 + rng.randint(0, 1))
    return [x0, y0, x1 - x0 + 1, y1 - y0 + 1]


def perturb_lines(
    lines: list[dict[str, Any]], faults: list[str], rng: random.Random, width: int, height: int
) -> tuple[list[dict[str, Any]], list[int]]:
    """Worker labels with the given faults injected; returns (review lines, faulty indices)."""
    review = [{"bbox": _jitter_box(ln["bbox"], rng, width, height), "text": ln["text"]} for ln in lines]
    faulty: set[int] = set()
    used: set[int] = set()
    order = list(range(len(lines)))
    rng.shuffle(order)
    missed_index = None
    for fault in faults:
        if fault == "transcription_error":
            i = next(i for i in order if i not in used and _typo(lines[i]["text"], rng))
            review[i]["text"] = _typo(lines[i]["text"], rng) or ""
        elif fault == "wrong_normalisation":
            i = next(i for i in order if i not in used and _normalise_wrongly(lines[i]["text"]))
            review[i]["text"] = _normalise_wrongly(lines[i]["text"]) or ""
        elif fault == "loose_box":
            i = next(i for i in order if i not in used)
            x, y, w, h = lines[i]["bbox"]
            pad_y = max(12, int(h * 0.75))
            pad_x = max(14, int(w * 0.18))
            x0, y0 = max(0, x - pad_x), max(0, y - pad_y)
            x1, y1 = min(width - 1, x + w - 1 + pad_x), min(height - 1, y + h - 1 + pad_y)
            review[i]["bbox"] = [x0, y0, x1 - x0 + 1, y1 - y0 + 1]
            assert _iou(review[i]["bbox"], lines[i]["bbox"]) < 0.5
        elif fault == "missed_text":
            missed_index = next(i for i in order if i not in used)
            used.add(missed_index)
            continue
        else:  # pragma: no cover
            raise ValueError(fault)
        used.add(i)
        faulty.add(i)
    if missed_index is not None:
        del review[missed_index]
        faulty = {i - 1 if i > missed_index else i for i in faulty}
    return review, sorted(faulty)


def ocr_inspection_item(
    *, slug: str, module: str | None, kind: str, level: int, seed: int, faults: list[str]
) -> dict[str, Any]:
    """Write one OCR inspection item (faults empty → the labels are correct, accept)."""
    (image, scene), lines = render_scene(kind, level, seed)
    rng = random.Random(seed * 7919 + 17)
    review, faulty = perturb_lines(lines, faults, rng, image.width, image.height)
    exam = module is None
    item: dict[str, Any] = {"slug": slug}
    if module:
        item["module"] = module
    item["type"] = "inspection"
    item["difficulty"] = 2
    if exam:
        item["pool"] = "level1-inspection"
        item["topic"] = "inspection-ocr"
    item["title"] = bi(f"OCR 라벨 검수 — {scene.title_ko}", f"Inspect OCR labels — {scene.title_en.lower()}")
    item["instructions"] = bi(INSPECT_KO.format(guide=GUIDE_KO), INSPECT_EN.format(guide=GUIDE_EN))
    item["asset"] = asset_block(image)
    item["params"] = {"review": {"type": "ocr", "lines": review}, "reasons": OCR_REASONS}
    gold = {
        "pass_score": 75,
        "decision": "reject" if faults else "accept",
        "reasons": [r["id"] for r in OCR_REASONS if r["id"] in faults],
        "faulty_objects": faulty,
    }
    write_item(slug=slug, module=module, item=item, gold=gold, image=image)
    return {"slug": slug, "decision": gold["decision"], "reasons": gold["reasons"], "faulty": faulty}


# ------------------------------------------------------------------ the item plan

PRACTICE = [
    ("ocr-intro", "ocr-intro-01", "sign", 1, 101),
    ("ocr-intro", "ocr-intro-02", "label", 1, 102),
    ("ocr-intro", "ocr-intro-03", "notice", 1, 103),
    ("ocr-intermediate", "ocr-intermediate-01", "receipt", 2, 201),
    ("ocr-intermediate", "ocr-intermediate-02", "form", 2, 202),
    ("ocr-intermediate", "ocr-intermediate-03", "notice", 2, 203),
]
PRACTICE_INSPECT = [
    (
        "ocr-intermediate",
        "ocr-intermediate-inspect-01",
        "receipt",
        2,
        301,
        ["transcription_error", "wrong_normalisation"],
    ),
    ("ocr-intermediate", "ocr-intermediate-inspect-02", "label", 2, 302, ["loose_box", "missed_text"]),
]
EXAM_KINDS = [
    ("card", 1),
    ("receipt", 2),
    ("sign", 1),
    ("form", 2),
    ("label", 2),
    ("notice", 1),
    ("receipt", 2),
    ("label", 1),
    ("form", 2),
    ("notice", 2),
    ("sign", 1),
    ("receipt", 2),
    ("card", 1),
    ("label", 2),
    ("notice", 2),
]
# 12 OCR inspection exam items; 4 correct (accept)
EXAM_INSPECT = [
    ("receipt", 2, ["transcription_error"]),
    ("sign", 1, []),
    ("form", 2, ["missed_text"]),
    ("label", 2, ["wrong_normalisation"]),
    ("notice", 2, ["loose_box"]),
    ("card", 1, []),
    ("receipt", 2, ["wrong_normalisation", "loose_box"]),
    ("label", 1, ["transcription_error"]),
    ("form", 2, []),
    ("notice", 1, ["missed_text"]),
    ("receipt", 2, []),
    ("sign", 1, ["transcription_error", "missed_text"]),
]
# 5 more, appended after the landmark block: x1-insp-pt-041..045; 1 correct (pool 17, 5 accept)
EXAM_INSPECT_MORE = [
    ("form", 2, ["loose_box"]),
    ("card", 1, ["transcription_error"]),
    ("notice", 2, ["wrong_normalisation", "missed_text"]),
    ("label", 2, []),
    ("sign", 1, ["transcription_error", "loose_box"]),
]


def main() -> None:
    """Generate every OCR item and print a summary."""
    out = []
    for module, slug, kind, level, seed in PRACTICE:
        out.append(ocr_item(slug=slug, module=module, kind=kind, level=level, seed=seed))
    for module, slug, kind, level, seed, faults in PRACTICE_INSPECT:
        out.append(ocr_inspection_item(slug=slug, module=module, kind=kind, level=level, seed=seed, faults=faults))
    for n, (kind, level) in enumerate(EXAM_KINDS, start=1):
        out.append(ocr_item(slug=f"x2-ocr-{n:03d}", module=None, kind=kind, level=level, seed=5000 + n, exam=True))
    for n, (kind, level, faults) in enumerate(EXAM_INSPECT, start=1):
        # the OCR part of the level-1 inspection pool: x1-insp-pt-016..027
        slug = f"x1-insp-pt-{15 + n:03d}"
        out.append(ocr_inspection_item(slug=slug, module=None, kind=kind, level=level, seed=7000 + n, faults=faults))
    for n, (kind, level, faults) in enumerate(EXAM_INSPECT_MORE, start=len(EXAM_INSPECT) + 1):
        # seeds continue 7013..7017; the slugs follow keypoints 036-040: x1-insp-pt-041..045
        slug = f"x1-insp-pt-{28 + n:03d}"
        out.append(ocr_inspection_item(slug=slug, module=None, kind=kind, level=level, seed=7000 + n, faults=faults))
    for row in out:
        print(row)


if __name__ == "__main__":
    main()
