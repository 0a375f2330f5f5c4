"""Score practice submissions against gold labels (pure functions, no web or database code).

Conventions follow pycocotools: boxes are ``[x, y, w, h]`` in pixels, 0-based from the top-left,
continuous coordinates (area ``w * h``, no ``+1``); keypoints are flat ``[x1, y1, v1, ...]``;
polygons are flat ``[x1, y1, x2, y2, ...]`` (a list of such lists is read as one object made of
several parts). Inputs are exactly the formats of the table in ``content/README.md``: ``gold`` is
the parsed ``gold.yaml``, ``submission`` the JSON body, ``params`` the item's public params.

Building blocks
---------------
* ``iou_matrix(gold, pred)`` -- box IoU, shape ``(len(gold), len(pred))``; equal to
  ``pycocotools.mask.iou(pred, gold, iscrowd=0).T``. Zero-area or disjoint pairs give 0.
* ``polygon_iou_matrix(gold, pred)`` -- area IoU with shapely; invalid rings (self-crossing "bow
  ties") are repaired with ``shapely.make_valid`` (keeps every lobe, unlike ``buffer(0)``);
  rings with fewer than 3 points are empty.
* ``match(matrix, threshold)`` -- one-to-one assignment maximising the summed similarity
  (``scipy.optimize.linear_sum_assignment``). Entries below ``threshold`` (or ``<= 0``) are zeroed
  *before* the assignment so they can never displace a valid pair, and are never returned.
  A pair exactly at the threshold matches (as in COCOeval).
* ``oks`` / ``oks_matrix`` -- COCOeval's ``computeOks``:
  ``e_i = d_i^2 / (2 sigma_i)^2 / (area + eps) / 2``, ``OKS = mean(exp(-e_i))`` over gold points with
  ``v > 0``. When the gold person has no labelled point, COCOeval's fallback is used: every point
  counts and ``d_i`` is the distance from the predicted point to the gold box enlarged to twice its
  size on every side (``[x - w, x + 2w] x [y - h, y + 2h]``). Predicted visibility is ignored, as in
  COCO. ``COCO_SIGMAS`` are the 17 standard per-joint sigmas.
* ``point_errors`` / ``nme`` -- Euclidean pixel error per point; NME = mean error / distance between
  the gold ``left_eye`` and ``right_eye`` points (for iBUG-68 pass the outer eye corners 36, 45).
* ``cer`` / ``wer`` -- Levenshtein edit distance (rapidfuzz) over characters / whitespace-split
  words, divided by the reference length (``max(len, 1)``, so an empty reference gives the length
  of the hypothesis). No normalisation happens inside; it equals ``jiwer.cer`` / ``jiwer.wer`` on
  stripped, single-spaced text.
* ``normalise_korean(text, keep_tags=True, remove_spaces=True)`` -- see its docstring. Transcription
  scoring keeps the transcription convention's tags (``b/``, ``n/``, fillers ``아/``, repeats
  ``+``, dual transcriptions ``(70%)/(칠십 퍼센트)``) because leaving them out is itself a
  rejection reason (``missing_tag``), and computes CER on syllables with spaces removed.

Scores (``ScoreResult.score`` is 0-100, rounded to one decimal; ``passed`` needs
``score >= gold["pass_score"]`` (default 80) and the type's extra rule, if any)
-----------------------------------------------------------------------------------------------
* classification -- single label: accuracy (the submitted label set equals the gold set), score =
  100 * accuracy. Multi-label (``params.multi_label``): precision/recall/F1 of the label sets, score
  = 100 * F1 (both empty = 1).
* text_collection -- each sentence is checked for length (NFKC, stripped, code points including
  spaces, within ``[min_length, max_length]``), required words (every word of ``required_words``
  appears as an NFKC + casefold substring, so ``날씨가`` contains ``날씨``), banned patterns (``rrn``
  ``\\d{6}-[1-4]\\d{6}``, ``phone`` ``01[016789]-?\\d{3,4}-?\\d{4}``, ``email``; any other name is a
  literal substring) and near-duplicates (``fuzz.ratio`` with an *earlier* sentence
  ``> max_similarity``, default 85; the later sentence fails). Score = 100 * min(passing, count) /
  max(count, submitted): missing sentences count as failures and surplus sentences earn nothing,
  whichever they are. Extra rule: no personal data at all (one banned hit fails the item).
* bbox -- match on IoU only (label-agnostic; among equal IoUs the same label is preferred), at
  ``gold.iou_threshold`` (default 0.5). P = M / submitted, R = M / gold, F1 = 2M / (gold +
  submitted); label accuracy, mean IoU and attribute accuracy (share of matched object x requested
  attribute pairs that agree; only when ``params.attributes``) are over matches.
  ``score = 100 * F1 * (0.7 * label_accuracy + 0.2 * mean_iou + 0.1 * attribute_accuracy)``;
  without requested attributes the weights are 7/9 and 2/9. ``F1 * label_accuracy`` is exactly the
  label-aware F1, and multiplying by F1 makes missed and extra boxes cost in proportion.
  When gold and submission are both empty every term is 1 (score 100); when only one is empty
  the terms over matches are 0. A perfect submission scores exactly 100.
* polygon -- as bbox with polygon IoU and no attributes (weights 7/9 label, 2/9 mean IoU).
* ocr -- lines matched on box IoU. ``cer`` = mean over gold lines *and* extra lines of the line
  CER capped at 1, where missed and extra lines count 1; text is NFKC with whitespace collapsed
  (spacing, case and punctuation count, as in the image). ``score = 100 * (0.7 * (1 - cer) + 0.2 *
  F1 + 0.1 * mean_iou)``.
* transcription -- ``cer`` on ``normalise_korean(text)`` (tags kept, spaces removed), ``wer`` on the
  same with single spaces. ``score = 100 * max(0, 1 - cer)``. Extra rule: ``cer <= gold.max_cer``.
* landmarks -- NME with the gold eye points; a missing point counts one inter-ocular distance.
  ``score = 100 * max(0, 1 - nme / (5 * max_nme))``: an NME at the limit is worth 80 points (the
  usual pass mark) and 5x the limit is worth 0. Extra rule: ``nme <= gold.max_nme`` (default 0.08).
* keypoints -- people matched one-to-one on max(OKS, OKS of the left/right-mirrored person), so a
  swapped person is still recognised and told so; pairs below 0.1 are not the same person. Scoring
  uses the real OKS: ``mean_oks`` = sum of matched OKS / (gold people + extra people), so missed
  and extra people count 0.
  ``visibility_accuracy`` = share of keypoints of matched people whose ``v`` equals gold's.
  ``score = 100 * (0.9 * mean_oks + 0.1 * visibility_accuracy)``. Extra rule: every gold person is
  matched with OKS ``>= gold.min_oks`` (default 0.75).
* inspection -- gold accepts: ``score = 100 * decision_correct``. Gold rejects:
  ``score = 100 * (0.5 * decision_correct + 0.3 * reason_f1 + 0.2 * faulty_f1)`` where the F1s
  compare the reason-id sets and the faulty-object index sets (both empty = 1). ``faulty_recall`` and
  ``faulty_precision`` are reported; F1 is scored so that flagging every object does not pay.
  Extra rule: the decision must be right.

Feedback entries are ``{"kind", "index", "gold_index", "message": {ko, en}, "rule": {ko, en} |
None}``; ``"matched"`` marks a part that agrees with gold or the guideline (rule ``None``).
"""

from __future__ import annotations

import contextlib
import math
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import shapely
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein
from scipy.optimize import linear_sum_assignment

FloatArray = npt.NDArray[np.float64]
Bilingual = dict[str, str]
DiffOp = tuple[str, str, str]
Rows = Sequence[Sequence[float] | FloatArray] | FloatArray
"""A list of coordinate rows (boxes, points, flat keypoint lists) or an equivalent array."""

# fmt: off
COCO_SIGMAS: FloatArray = np.array(
    [.26, .25, .25, .35, .35, .79, .79, .72, .72, .62, .62, 1.07, 1.07, .87, .87, .89, .89]
) / 10.0  # the same expression as pycocotools, so the values are bit-identical
# fmt: on
COCO_SIGMAS.setflags(write=False)
"""The 17 per-keypoint sigmas of COCO (``COCOeval.Params.kpt_oks_sigmas``)."""

COCO_KEYPOINT_NAMES: tuple[Bilingual, ...] = (
    {"ko": "코", "en": "nose"},
    {"ko": "왼쪽 눈", "en": "left eye"},
    {"ko": "오른쪽 눈", "en": "right eye"},
    {"ko": "왼쪽 귀", "en": "left ear"},
    {"ko": "오른쪽 귀", "en": "right ear"},
    {"ko": "왼쪽 어깨", "en": "left shoulder"},
    {"ko": "오른쪽 어깨", "en": "right shoulder"},
    {"ko": "왼쪽 팔꿈치", "en": "left elbow"},
    {"ko": "오른쪽 팔꿈치", "en": "right elbow"},
    {"ko": "왼쪽 손목", "en": "left wrist"},
    {"ko": "오른쪽 손목", "en": "right wrist"},
    {"ko": "왼쪽 엉덩이", "en": "left hip"},
    {"ko": "오른쪽 엉덩이", "en": "right hip"},
    {"ko": "왼쪽 무릎", "en": "left knee"},
    {"ko": "오른쪽 무릎", "en": "right knee"},
    {"ko": "왼쪽 발목", "en": "left ankle"},
    {"ko": "오른쪽 발목", "en": "right ankle"},
)
# Index of each COCO-17 joint's mirror joint (the person's left <-> right).
COCO_FLIP: tuple[int, ...] = (0, 2, 1, 4, 3, 6, 5, 8, 7, 10, 9, 12, 11, 14, 13, 16, 15)

TIGHT_IOU = 0.7
"""Matches below this IoU are flagged as loose/clipped (the tightness guideline)."""
PERSON_MATCH_MIN_OKS = 0.1
"""A submitted person with lower OKS is not counted as the same gold person."""
MISPLACED_KEYPOINT_SIMILARITY = 0.5
"""A labelled joint whose own keypoint similarity exp(-e) is below this is flagged misplaced."""
LEFT_RIGHT_SWAP_GAIN = 0.1
"""Flag a left/right swap when mirroring the submitted person raises OKS by at least this."""
MAX_DIFF_FEEDBACK = 30
"""At most this many character-difference feedback entries (the overlay holds the full diff)."""

PERSONAL_DATA_PATTERNS: dict[str, re.Pattern[str]] = {
    "rrn": re.compile(r"\d{6}-[1-4]\d{6}"),
    "phone": re.compile(r"01[016789]-?\d{3,4}-?\d{4}"),
    "email": re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"),
}
"""Named banned patterns of text_collection gold (``banned: [phone, email, rrn]``)."""
_PERSONAL_DATA_NAMES: dict[str, Bilingual] = {
    "rrn": {"ko": "주민등록번호", "en": "resident registration number"},
    "phone": {"ko": "휴대전화 번호", "en": "mobile number"},
    "email": {"ko": "이메일 주소", "en": "email address"},
}

# Transcription convention (KsponSpeech / AI Hub style).
_NOISE_TAG = re.compile(r"(?<!\S)[a-z]/(?!\S)")
_DUAL_TRANSCRIPTION = re.compile(r"\(([^()]*)\)/\(([^()]*)\)")
_CONVENTION_MARKS = frozenset("/()%*+")
_CONVENTION_MARKS_DROPPED = re.compile(r"[/*+]")
_WHITESPACE = re.compile(r"\s+")


def _text(ko: str, en: str) -> Bilingual:
    """A bilingual text."""
    return {"ko": ko, "en": en}


RULES: dict[str, Bilingual] = {
    "box_tight": _text(
        f"박스는 객체의 보이는 부분에 꼭 맞게 그립니다 (IoU ≥ {TIGHT_IOU}).",
        f"Boxes must be tight around the visible extent (IoU ≥ {TIGHT_IOU}).",
    ),
    "outline_tight": _text(
        f"외곽선은 객체의 경계를 따라 그립니다 (IoU ≥ {TIGHT_IOU}).",
        f"Outlines must follow the object's edge (IoU ≥ {TIGHT_IOU}).",
    ),
    "label_every_object": _text(
        "지침에 해당하는 객체는 모두 라벨링합니다 (누락 금지).",
        "Label every object the guideline covers (no misses).",
    ),
    "no_extra_object": _text(
        "대상이 아닌 곳에는 라벨을 그리지 않습니다.",
        "Do not label anything that is not a target object.",
    ),
    "no_duplicate": _text(
        "한 객체에는 라벨 하나만 그립니다 (중복 박스 금지).",
        "One label per object (no duplicate boxes).",
    ),
    "right_class": _text(
        "클래스 체계에서 객체에 맞는 클래스를 고릅니다.",
        "Pick the class from the scheme that fits the object.",
    ),
    "attributes": _text(
        "가림(occluded)은 객체가 5 % 넘게 가려졌을 때, 잘림(truncated)은 객체의 15–20 % 이상이 "
        "이미지 밖에 있을 때 표시합니다.",
        "Mark occluded when more than 5 % of the object is hidden, truncated when 15–20 % or more "
        "of it lies outside the image.",
    ),
    "classification": _text(
        "내용에 맞는 클래스를 고르고, 판단할 수 없으면 추측하지 않습니다.",
        "Choose the class that fits; do not guess when it cannot be judged.",
    ),
    "multi_label": _text(
        "해당하는 라벨을 모두, 해당하는 라벨만 고릅니다 (다중 라벨).",
        "Choose every label that applies and only those (multi-label).",
    ),
    "personal_data": _text(
        "개인정보(주민등록번호, 휴대전화 번호, 이메일 등)를 쓰지 않습니다.",
        "Never write personal data (resident numbers, mobile numbers, emails ...).",
    ),
    "ocr_text": _text(
        "보이는 글자를 띄어쓰기와 기호까지 그대로, 표기 규칙에 따라 입력합니다.",
        "Type the text exactly as it appears, spacing and symbols included, following the normalisation rules.",
    ),
    "ocr_every_line": _text(
        "모든 텍스트 영역에 박스를 그립니다.",
        "Box every text region.",
    ),
    "transcribe_verbatim": _text(
        "들리는 그대로 전사합니다.",
        "Transcribe exactly what is said.",
    ),
    "tags": _text(
        "숨소리·잡음·간투사는 정해진 태그(b/, n/, 아/ 등)로 표시합니다.",
        "Mark breaths, noises and fillers with the convention's tags (b/, n/, 아/ ...).",
    ),
    "dual_transcription": _text(
        "철자와 발음이 다른 숫자·기호는 (철자 표기)/(발음 표기)로 이중 전사합니다.",
        "Numbers and symbols read differently from their spelling get a dual transcription (spelling)/(pronunciation).",
    ),
    "spacing": _text(
        "띄어쓰기는 한글 맞춤법을 따릅니다.",
        "Spacing follows standard Korean orthography.",
    ),
    "joint_centre": _text(
        "점은 관절의 중심에 찍습니다 (무릎뼈나 팔꿈치 끝이 아님).",
        "Place each point at the joint centre (not the kneecap or elbow tip).",
    ),
    "visibility": _text(
        "가시성: v=2 보임, v=1 라벨링했지만 가려짐, v=0 라벨링하지 않음.",
        "Visibility: v=2 visible, v=1 labelled but hidden, v=0 not labelled.",
    ),
    "left_right": _text(
        "왼쪽·오른쪽은 사진을 보는 사람이 아니라 그 사람 자신의 기준입니다.",
        "Left and right are the person's own sides, not the viewer's.",
    ),
    "every_person": _text(
        "지침에 해당하는 사람은 모두 라벨링합니다.",
        "Label every person the guideline covers.",
    ),
    "inspection_decision": _text(
        "목록의 반려 사유에 해당하면 반려하고, 아무 규칙도 어기지 않으면 승인합니다.",
        "Reject when a listed rule is broken; approve when none is.",
    ),
    "inspection_reasons": _text(
        "반려할 때는 해당하는 사유를 모두, 해당하는 사유만 고릅니다.",
        "When rejecting, pick every reason that applies and only those.",
    ),
    "inspection_objects": _text(
        "반려 사유가 걸린 객체를 정확히 표시합니다.",
        "Mark exactly the objects the reason concerns.",
    ),
}
"""Guideline rules quoted in feedback (bilingual)."""


@dataclass(frozen=True)
class ScoreResult:
    """The outcome of scoring one submission."""

    score: float
    passed: bool
    metrics: dict[str, float] = field(default_factory=dict)
    feedback: list[dict[str, Any]] = field(default_factory=list)
    overlay: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable copy (numpy values become Python numbers, tuples become lists)."""
        return {
            "score": float(self.score),
            "passed": bool(self.passed),
            "metrics": _jsonable(self.metrics),
            "feedback": _jsonable(self.feedback),
            "overlay": _jsonable(self.overlay),
        }


def _jsonable(value: Any) -> Any:
    """Convert numpy scalars/arrays and tuples recursively; non-finite floats become None."""
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, np.ndarray):
        return _jsonable(value.tolist())
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        number = float(value)
        return number if math.isfinite(number) else None
    return value


# --------------------------------------------------------------------------- geometry


def _as_box(value: Any) -> list[float]:
    """A ``[x, y, w, h]`` list of finite floats; anything malformed becomes an empty box."""
    try:
        box = [float(v) for v in value]
    except (TypeError, ValueError):
        return [0.0, 0.0, 0.0, 0.0]
    if len(box) != 4 or not all(math.isfinite(v) for v in box):
        return [0.0, 0.0, 0.0, 0.0]
    return box


def _box_array(boxes: Rows) -> FloatArray:
    """Boxes as an ``(n, 4)`` float array with negative sizes clipped to 0."""
    array = np.asarray(boxes, dtype=np.float64).reshape(-1, 4).copy()
    array[:, 2:] = np.maximum(array[:, 2:], 0.0)
    return array


def iou_matrix(gold: Rows, pred: Rows) -> FloatArray:
    """IoU of every gold box (rows) with every predicted box (columns), boxes ``[x, y, w, h]``."""
    g = _box_array(gold)
    p = _box_array(pred)
    if g.shape[0] == 0 or p.shape[0] == 0:
        return np.zeros((g.shape[0], p.shape[0]), dtype=np.float64)
    gx0, gy0 = g[:, 0:1], g[:, 1:2]
    gx1, gy1 = gx0 + g[:, 2:3], gy0 + g[:, 3:4]
    px0, py0 = p[:, 0], p[:, 1]
    px1, py1 = px0 + p[:, 2], py0 + p[:, 3]
    inter_w = np.minimum(gx1, px1) - np.maximum(gx0, px0)
    inter_h = np.minimum(gy1, py1) - np.maximum(gy0, py0)
    inter = np.where((inter_w > 0) & (inter_h > 0), inter_w * inter_h, 0.0)
    gold_area = (g[:, 2] * g[:, 3])[:, None]
    pred_area = (p[:, 2] * p[:, 3])[None, :]
    union = pred_area + gold_area - inter
    with np.errstate(divide="ignore", invalid="ignore"):
        # Clip: a rounding ulp can push identical boxes just above 1.
        iou = np.clip(np.where(inter > 0, inter / np.where(union > 0, union, 1.0), 0.0), 0.0, 1.0)
    return np.asarray(iou, dtype=np.float64)


PolygonCoords = Sequence[float] | Sequence[Sequence[float]]


def polygon_geometry(coords: PolygonCoords | Any) -> Any:
    """A shapely geometry for a flat ``[x1, y1, ...]`` polygon (or a list of parts), repaired.

    Invalid rings are repaired with ``shapely.make_valid``; parts with fewer than three points,
    or with non-finite coordinates, are dropped. Returns an empty polygon when nothing is left.
    """
    if isinstance(coords, np.ndarray):
        coords = coords.tolist()
    if not isinstance(coords, Sequence) or isinstance(coords, (str, bytes)):
        return shapely.Polygon()
    parts: list[Any] = list(coords) if coords and isinstance(coords[0], Sequence) else [coords]
    shapes = []
    for part in parts:
        try:
            flat = np.asarray(part, dtype=np.float64).ravel()
        except (TypeError, ValueError):
            continue
        if flat.size < 6 or flat.size % 2 or not np.all(np.isfinite(flat)):
            continue
        polygon = shapely.Polygon(flat.reshape(-1, 2))
        if not polygon.is_valid:
            polygon = shapely.make_valid(polygon)
        if polygon.area > 0:
            shapes.append(polygon)
    if not shapes:
        return shapely.Polygon()
    return shapes[0] if len(shapes) == 1 else shapely.union_all(shapes)


def polygon_iou_matrix(gold: Sequence[PolygonCoords], pred: Sequence[PolygonCoords]) -> FloatArray:
    """Area IoU of every gold polygon (rows) with every predicted polygon (columns)."""
    gold_shapes = np.array([polygon_geometry(c) for c in gold], dtype=object)
    pred_shapes = np.array([polygon_geometry(c) for c in pred], dtype=object)
    out = np.zeros((len(gold_shapes), len(pred_shapes)), dtype=np.float64)
    if out.size == 0:
        return out
    gold_bounds = shapely.bounds(gold_shapes)
    pred_bounds = shapely.bounds(pred_shapes)
    # Only pairs whose bounding boxes overlap can intersect (empty shapes have NaN bounds).
    with np.errstate(invalid="ignore"):
        candidates = (
            (gold_bounds[:, None, 0] < pred_bounds[None, :, 2])
            & (pred_bounds[None, :, 0] < gold_bounds[:, None, 2])
            & (gold_bounds[:, None, 1] < pred_bounds[None, :, 3])
            & (pred_bounds[None, :, 1] < gold_bounds[:, None, 3])
        )
    rows, cols = np.nonzero(candidates)
    if rows.size == 0:
        return out
    inter = shapely.area(shapely.intersection(gold_shapes[rows], pred_shapes[cols]))
    union = shapely.area(gold_shapes)[rows] + shapely.area(pred_shapes)[cols] - inter
    with np.errstate(divide="ignore", invalid="ignore"):
        out[rows, cols] = np.where(union > 0, np.clip(inter / np.where(union > 0, union, 1.0), 0, 1), 0.0)
    return out


def match(matrix: Rows, threshold: float) -> list[tuple[int, int]]:
    """One-to-one ``(row, column)`` matches maximising the summed similarity, each >= threshold.

    Entries below the threshold, non-positive or NaN are zeroed before the assignment so they can
    never displace a valid pair, and are never returned. Rows come out in increasing order.
    """
    return _match(np.asarray(matrix, dtype=np.float64), threshold, None)


def _match(values: FloatArray, threshold: float, preference: FloatArray | None) -> list[tuple[int, int]]:
    """``match`` with an optional tiny preference added to valid pairs to break exact ties."""
    if values.ndim != 2 or values.shape[0] == 0 or values.shape[1] == 0:
        return []
    values = np.nan_to_num(values, nan=0.0, posinf=0.0, neginf=0.0)
    valid = (values >= threshold) & (values > 0)
    if not valid.any():
        return []
    weights = np.where(valid, values, 0.0)
    if preference is not None:
        weights = weights + np.where(valid, preference, 0.0)
    rows, cols = linear_sum_assignment(weights, maximize=True)
    return [(int(r), int(c)) for r, c in zip(rows, cols, strict=True) if valid[r, c]]


# --------------------------------------------------------------------------- keypoints


def _keypoint_rows(people: Rows, count: int) -> FloatArray:
    """People as a ``(n, count, 3)`` array; short lists are padded with unlabelled zeros."""
    out = np.zeros((len(people), count, 3), dtype=np.float64)
    for i, keypoints in enumerate(people):
        try:
            flat = np.asarray(keypoints, dtype=np.float64).ravel()[: count * 3]
        except (TypeError, ValueError):  # malformed: treat as a person with no labelled point
            continue
        flat = np.nan_to_num(flat, nan=0.0, posinf=0.0, neginf=0.0)
        out[i].reshape(-1)[: flat.size] = flat
    return out


def _keypoint_similarities(
    gold: FloatArray,
    pred: FloatArray,
    areas: FloatArray,
    sigmas: FloatArray,
    bboxes: FloatArray,
) -> tuple[FloatArray, npt.NDArray[np.bool_]]:
    """Per-keypoint similarities ``exp(-e)`` (G, P, K) and the mask of points that count (G, 1, K)."""
    variances = (sigmas * 2) ** 2
    xg, yg, vg = gold[:, None, :, 0], gold[:, None, :, 1], gold[:, None, :, 2]
    xd, yd = pred[None, :, :, 0], pred[None, :, :, 1]
    labelled = vg > 0
    has_labelled = labelled.any(axis=2, keepdims=True)
    dx = xd - xg
    dy = yd - yg
    # COCOeval's fallback for a gold person without labelled points: distance to the gold box
    # enlarged to twice its size on every side; every point then counts.
    x0 = (bboxes[:, 0] - bboxes[:, 2])[:, None, None]
    x1 = (bboxes[:, 0] + bboxes[:, 2] * 2)[:, None, None]
    y0 = (bboxes[:, 1] - bboxes[:, 3])[:, None, None]
    y1 = (bboxes[:, 1] + bboxes[:, 3] * 2)[:, None, None]
    fallback_dx = np.maximum(0, x0 - xd) + np.maximum(0, xd - x1)
    fallback_dy = np.maximum(0, y0 - yd) + np.maximum(0, yd - y1)
    dx = np.where(has_labelled, dx, fallback_dx)
    dy = np.where(has_labelled, dy, fallback_dy)
    e = (dx**2 + dy**2) / variances / (areas[:, None, None] + np.spacing(1)) / 2
    counts = np.where(has_labelled, labelled, True)
    return np.exp(-e), counts


def _oks_from_similarities(similarities: FloatArray, counts: npt.NDArray[np.bool_]) -> FloatArray:
    """Mean similarity over the points that count."""
    total = np.sum(np.where(counts, similarities, 0.0), axis=2)
    return np.asarray(total / np.sum(counts, axis=2), dtype=np.float64)


def oks_matrix(
    gold_people: Rows,
    pred_people: Rows,
    areas: Sequence[float] | FloatArray,
    sigmas: Sequence[float] | FloatArray = COCO_SIGMAS,
    *,
    bboxes: Rows | None = None,
) -> FloatArray:
    """OKS of every gold person (rows) with every predicted person (columns), as COCOeval.

    ``areas`` are the gold people's areas; ``bboxes`` their ``[x, y, w, h]`` boxes, used only by
    COCOeval's fallback for a gold person with no labelled point (missing boxes: zero box at the
    origin). Every person must have ``3 * len(sigmas)`` numbers.
    """
    sigma_array = np.asarray(sigmas, dtype=np.float64).ravel()
    count = sigma_array.size
    for person in [*gold_people, *pred_people]:
        if np.asarray(person).size != count * 3:
            raise ValueError(f"a person has {np.asarray(person).size} numbers, expected {count * 3}")
    area_array = np.asarray(areas, dtype=np.float64).ravel()
    if area_array.size != len(gold_people):
        raise ValueError("one area per gold person is needed")
    box_array = (
        np.zeros((len(gold_people), 4)) if bboxes is None else np.asarray(bboxes, dtype=np.float64).reshape(-1, 4)
    )
    return _oks_matrix(
        _keypoint_rows(gold_people, count),
        _keypoint_rows(pred_people, count),
        area_array,
        sigma_array,
        box_array,
    )


def _oks_matrix(
    gold: FloatArray, pred: FloatArray, areas: FloatArray, sigmas: FloatArray, bboxes: FloatArray
) -> FloatArray:
    """OKS matrix from prepared arrays."""
    if gold.shape[0] == 0 or pred.shape[0] == 0:
        return np.zeros((gold.shape[0], pred.shape[0]), dtype=np.float64)
    similarities, counts = _keypoint_similarities(gold, pred, areas, sigmas, bboxes)
    return _oks_from_similarities(similarities, counts)


def oks(
    gold_keypoints: Sequence[float] | FloatArray,
    pred_keypoints: Sequence[float] | FloatArray,
    area: float,
    sigmas: Sequence[float] | FloatArray = COCO_SIGMAS,
    *,
    bbox: Sequence[float] | None = None,
) -> float:
    """Object keypoint similarity of one predicted person to one gold person, as COCOeval.

    Only gold points with ``v > 0`` count; if there is none, COCOeval's fallback measures each
    predicted point's distance to the gold ``bbox`` enlarged to twice its size on every side
    (without ``bbox``: a zero-size box at the origin, where COCO puts unlabelled points).
    """
    boxes = None if bbox is None else [list(bbox)]
    return float(oks_matrix([gold_keypoints], [pred_keypoints], [area], sigmas, bboxes=boxes)[0, 0])


# --------------------------------------------------------------------------- landmarks


def point_errors(
    gold_points: Rows,
    pred_points: Rows,
) -> FloatArray:
    """Euclidean pixel error of each predicted point from its gold point (same order and count)."""
    gold = np.asarray(gold_points, dtype=np.float64).reshape(-1, 2)
    pred = np.asarray(pred_points, dtype=np.float64).reshape(-1, 2)
    if gold.shape != pred.shape:
        raise ValueError(f"{pred.shape[0]} points for {gold.shape[0]} gold points")
    return np.asarray(np.hypot(pred[:, 0] - gold[:, 0], pred[:, 1] - gold[:, 1]), dtype=np.float64)


def inter_ocular_distance(gold_points: Rows, left_eye: int, right_eye: int) -> float:
    """Distance between the two gold eye points used to normalise NME (must be positive)."""
    gold = np.asarray(gold_points, dtype=np.float64).reshape(-1, 2)
    distance = float(np.hypot(*(gold[left_eye] - gold[right_eye])))
    if not distance > 0:
        raise ValueError("the gold eye points coincide; NME is undefined")
    return distance


def nme(
    gold_points: Rows,
    pred_points: Rows,
    left_eye: int,
    right_eye: int,
) -> float:
    """Normalised mean error: mean point error divided by the gold inter-ocular distance."""
    errors = point_errors(gold_points, pred_points)
    if errors.size == 0:
        return 0.0
    return float(np.mean(errors)) / inter_ocular_distance(gold_points, left_eye, right_eye)


# --------------------------------------------------------------------------- text


def cer(reference: str, hypothesis: str) -> float:
    """Character error rate: Levenshtein distance / reference length (``max(len, 1)``)."""
    return Levenshtein.distance(reference, hypothesis) / max(len(reference), 1)


def wer(reference: str, hypothesis: str) -> float:
    """Word error rate over whitespace-split words: word edit distance / reference word count."""
    reference_words = reference.split()
    return Levenshtein.distance(reference_words, hypothesis.split()) / max(len(reference_words), 1)


def char_diff(reference: str, hypothesis: str) -> list[DiffOp]:
    """Minimal character diff as ``(op, reference_text, hypothesis_text)`` with op in
    ``equal | insert | delete | replace``."""
    return [
        (op.tag, reference[op.src_start : op.src_end], hypothesis[op.dest_start : op.dest_end])
        for op in Levenshtein.opcodes(reference, hypothesis)
    ]


def normalise_korean(text: str, *, keep_tags: bool = True, remove_spaces: bool = True) -> str:
    """Normalise a Korean transcription before computing CER/WER.

    Steps: Unicode NFKC (full-width forms become ASCII; Hangul is composed into syllables, so CER
    counts syllables) and case-folding; then

    * ``keep_tags=True`` (used for scoring): the transcription convention's marks are kept --
      noise tags ``b/ l/ n/ o/ u/``, the filler slash ``아/``, the repetition ``+``, ``*`` and dual
      transcriptions ``(70%)/(칠십 퍼센트)`` -- so a missing tag costs characters; every other
      Unicode punctuation character (``. , ? ! … " '`` ...) is deleted.
    * ``keep_tags=False``: noise tags are deleted, dual transcriptions keep the pronunciation side
      (what was said), filler/repetition marks are deleted (the words stay), then all punctuation
      is deleted.

    Finally whitespace runs collapse to one space and the ends are stripped; ``remove_spaces=True``
    (CER) deletes all spaces, since Korean spacing is scored separately (WER, spacing feedback).
    """
    normalised = unicodedata.normalize("NFKC", text).casefold()
    if keep_tags:
        normalised = "".join(
            ch for ch in normalised if ch in _CONVENTION_MARKS or not unicodedata.category(ch).startswith("P")
        )
    else:
        normalised = _DUAL_TRANSCRIPTION.sub(r"\2", normalised)
        normalised = _NOISE_TAG.sub(" ", normalised)
        normalised = _CONVENTION_MARKS_DROPPED.sub("", normalised)
        normalised = "".join(ch for ch in normalised if not unicodedata.category(ch).startswith("P"))
    normalised = _WHITESPACE.sub(" ", normalised).strip()
    if remove_spaces:
        normalised = normalised.replace(" ", "")
    return normalised


def _normalise_ocr(text: str) -> str:
    """OCR line text for CER: NFKC with whitespace collapsed (case, symbols, spacing count)."""
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


# --------------------------------------------------------------------------- helpers


def _feedback(
    kind: str,
    message: Bilingual,
    rule: Bilingual | None = None,
    *,
    index: int | None = None,
    gold_index: int | None = None,
) -> dict[str, Any]:
    """One feedback entry."""
    return {
        "kind": kind,
        "index": index,
        "gold_index": gold_index,
        "message": message,
        "rule": rule,
    }


def _items(container: Mapping[str, Any], key: str) -> list[Any]:
    """``container[key]`` as a list (missing or null -> empty)."""
    value = container.get(key)
    return list(value) if isinstance(value, (list, tuple)) else []


def _f1(true_positives: float, gold_count: int, submitted_count: int) -> tuple[float, float, float]:
    """Precision, recall and F1; both sides empty is perfect, one side empty is 0."""
    if gold_count == 0 and submitted_count == 0:
        return 1.0, 1.0, 1.0
    precision = true_positives / submitted_count if submitted_count else 0.0
    recall = true_positives / gold_count if gold_count else 0.0
    f1 = 2 * true_positives / (gold_count + submitted_count)
    return precision, recall, f1


def _over_matches(total: float, matched: int, gold_count: int, submitted_count: int) -> float:
    """Mean over matches; with no match, 1 if there was nothing to match and 0 otherwise."""
    if matched:
        return total / matched
    return 1.0 if gold_count == 0 and submitted_count == 0 else 0.0


def _finish(
    fraction: float,
    gold: Mapping[str, Any],
    rule_ok: bool,
    metrics: Mapping[str, float],
    feedback: list[dict[str, Any]],
    overlay: dict[str, Any],
) -> ScoreResult:
    """Round the 0-1 fraction to a 0-100 score and decide ``passed`` on the rounded score."""
    score = round(100.0 * min(1.0, max(0.0, fraction)), 1) if math.isfinite(fraction) else 0.0
    pass_score = float(gold.get("pass_score", 80))
    return ScoreResult(
        score=score,
        passed=bool(score >= pass_score and rule_ok),
        metrics={name: round(float(value), 6) for name, value in metrics.items()},
        feedback=feedback,
        overlay=overlay,
    )


def _fmt(value: float) -> str:
    """A short number for messages."""
    return f"{value:.2f}"


# --------------------------------------------------------------------------- classification


def _score_classification(
    gold: Mapping[str, Any], submission: Mapping[str, Any], params: Mapping[str, Any]
) -> ScoreResult:
    """Accuracy (single label) or label-set F1 (multi-label)."""
    gold_labels = [str(v) for v in _items(gold, "labels")]
    submitted = [str(v) for v in _items(submission, "labels")]
    gold_set, submitted_set = set(gold_labels), set(submitted)
    feedback: list[dict[str, Any]] = []
    overlay = {"gold_labels": gold_labels, "submitted_labels": submitted}
    if not params.get("multi_label", False):
        correct = submitted_set == gold_set and len(submitted) == len(submitted_set)
        if correct:
            feedback.append(_feedback("matched", _text("정답입니다.", "Correct."), index=0, gold_index=0))
        elif not submitted:
            feedback.append(
                _feedback(
                    "missed",
                    _text("라벨을 고르지 않았습니다.", "No label was chosen."),
                    RULES["classification"],
                    gold_index=0,
                )
            )
        else:
            expected = ", ".join(gold_labels) or "-"
            feedback.append(
                _feedback(
                    "wrong_label",
                    _text(
                        f"'{', '.join(submitted)}'을(를) 골랐지만 정답은 '{expected}'입니다.",
                        f"You chose '{', '.join(submitted)}' but the answer is '{expected}'.",
                    ),
                    RULES["classification"],
                    index=0,
                    gold_index=0,
                )
            )
        accuracy = 1.0 if correct else 0.0
        return _finish(accuracy, gold, True, {"accuracy": accuracy}, feedback, overlay)

    true_positives = len(gold_set & submitted_set)
    precision, recall, f1 = _f1(true_positives, len(gold_set), len(submitted_set))
    seen: set[str] = set()
    for index, label in enumerate(submitted):
        if label in seen:
            continue
        seen.add(label)
        if label in gold_set:
            feedback.append(
                _feedback(
                    "matched",
                    _text(f"'{label}' 정답.", f"'{label}' is correct."),
                    index=index,
                    gold_index=gold_labels.index(label),
                )
            )
        else:
            feedback.append(
                _feedback(
                    "extra",
                    _text(f"'{label}'은(는) 해당하지 않습니다.", f"'{label}' does not apply."),
                    RULES["multi_label"],
                    index=index,
                )
            )
    for gold_index, label in enumerate(gold_labels):
        if label not in submitted_set:
            feedback.append(
                _feedback(
                    "missed",
                    _text(f"'{label}' 라벨이 빠졌습니다.", f"Label '{label}' is missing."),
                    RULES["multi_label"],
                    gold_index=gold_index,
                )
            )
    metrics = {"precision": precision, "recall": recall, "f1": f1}
    return _finish(f1, gold, True, metrics, feedback, overlay)


# --------------------------------------------------------------------------- text collection


def _text_key(text: str) -> str:
    """Comparison form of a sentence: NFKC, case-folded, single-spaced."""
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def _score_text_collection(
    gold: Mapping[str, Any], submission: Mapping[str, Any], params: Mapping[str, Any]
) -> ScoreResult:
    """Share of the required sentences that pass every rule."""
    sentences = [str(s) for s in _items(submission, "sentences")]
    raw_count = params.get("count", gold.get("count"))
    count = int(raw_count) if raw_count is not None else None
    min_length = int(gold.get("min_length") or 0)
    max_length_raw = gold.get("max_length")
    max_length = int(max_length_raw) if max_length_raw is not None else None
    required_words = [str(w) for w in _items(gold, "required_words")]
    banned = [str(b) for b in _items(gold, "banned")]
    max_similarity = float(gold.get("max_similarity", 85))

    feedback: list[dict[str, Any]] = []
    per_sentence: list[dict[str, Any]] = []
    keys = [_text_key(s) for s in sentences]
    totals = {"length": 0, "required_words": 0, "banned": 0, "near_duplicate": 0}
    passing = 0
    length_rule = _text(
        f"각 문장은 {min_length}–{max_length if max_length is not None else '∞'}자로 씁니다.",
        f"Each sentence is {min_length}–{max_length if max_length is not None else '∞'} characters long.",
    )
    for index, sentence in enumerate(sentences):
        failed: list[str] = []
        text = unicodedata.normalize("NFKC", sentence).strip()
        if len(text) < min_length or (max_length is not None and len(text) > max_length):
            failed.append("length")
            feedback.append(
                _feedback(
                    "rule",
                    _text(
                        f"길이가 {len(text)}자입니다.",
                        f"The sentence is {len(text)} characters long.",
                    ),
                    length_rule,
                    index=index,
                )
            )
        missing_words = [w for w in required_words if _text_key(w) not in keys[index]]
        if missing_words:
            failed.append("required_words")
            words = ", ".join(missing_words)
            feedback.append(
                _feedback(
                    "rule",
                    _text(f"필수 단어가 없습니다: {words}", f"Required words missing: {words}"),
                    _text(
                        f"각 문장에 필수 단어({', '.join(required_words)})를 모두 넣습니다.",
                        f"Every sentence uses all required words ({', '.join(required_words)}).",
                    ),
                    index=index,
                )
            )
        hits = []
        for name in banned:
            pattern = PERSONAL_DATA_PATTERNS.get(name)
            if (
                pattern is not None
                and pattern.search(text)
                or pattern is None
                and name
                and _text_key(name) in keys[index]
            ):
                hits.append(name)
        if hits:
            failed.append("banned")
            names_ko = ", ".join(_PERSONAL_DATA_NAMES.get(h, {"ko": h})["ko"] for h in hits)
            names_en = ", ".join(_PERSONAL_DATA_NAMES.get(h, {"en": h})["en"] for h in hits)
            feedback.append(
                _feedback(
                    "rule",
                    _text(f"금지된 내용이 있습니다: {names_ko}", f"Banned content found: {names_en}"),
                    RULES["personal_data"],
                    index=index,
                )
            )
        for earlier in range(index):
            similarity = fuzz.ratio(keys[index], keys[earlier])
            if similarity > max_similarity:
                failed.append("near_duplicate")
                feedback.append(
                    _feedback(
                        "rule",
                        _text(
                            f"{earlier + 1}번 문장과 거의 같습니다 (유사도 {similarity:.0f}).",
                            f"Almost the same as sentence {earlier + 1} (similarity {similarity:.0f}).",
                        ),
                        _text(
                            f"서로 거의 같은 문장을 쓰지 않습니다 (유사도 ≤ {max_similarity:.0f}).",
                            f"No near-duplicate sentences (similarity ≤ {max_similarity:.0f}).",
                        ),
                        index=index,
                        gold_index=None,
                    )
                )
                break
        for rule_name in failed:
            totals[rule_name] += 1
        if not failed:
            passing += 1
            feedback.append(_feedback("matched", _text("모든 규칙을 지켰습니다.", "Meets every rule."), index=index))
        per_sentence.append({"index": index, "passed": not failed, "failed_rules": failed})

    count_rule = _text(f"문장은 정확히 {count}개 씁니다.", f"Write exactly {count} sentences.")
    missing = max(0, count - len(sentences)) if count is not None else 0
    surplus = max(0, len(sentences) - count) if count is not None else 0
    for offset in range(missing):
        feedback.append(
            _feedback(
                "missed",
                _text(
                    f"{len(sentences) + offset + 1}번 문장이 없습니다.",
                    f"Sentence {len(sentences) + offset + 1} is missing.",
                ),
                count_rule,
            )
        )
    if surplus:
        feedback.append(
            _feedback(
                "rule",
                _text(
                    f"문장을 {len(sentences)}개 썼습니다. {surplus}개가 많습니다.",
                    f"{len(sentences)} sentences written: {surplus} too many.",
                ),
                count_rule,
            )
        )
    # Surplus sentences cannot earn credit, whichever they are, so the order does not matter.
    credited = min(passing, count) if count is not None else passing
    required = max(count if count is not None else 0, len(sentences))
    if count is None and not sentences:
        required = 1
    fraction = credited / required if required else 1.0
    metrics = {
        "pass_rate": fraction,
        "sentences_submitted": float(len(sentences)),
        "sentences_required": float(count if count is not None else len(sentences)),
        "missing_sentences": float(missing),
        "surplus_sentences": float(surplus),
        "length_failures": float(totals["length"]),
        "required_word_failures": float(totals["required_words"]),
        "banned_hits": float(totals["banned"]),
        "near_duplicates": float(totals["near_duplicate"]),
    }
    overlay = {"sentences": per_sentence, "missing": missing}
    return _finish(fraction, gold, totals["banned"] == 0, metrics, feedback, overlay)


# --------------------------------------------------------------------------- boxes and polygons


def _object_feedback(
    iou: FloatArray,
    matches: list[tuple[int, int]],
    threshold: float,
    tight_rule: Bilingual,
    missed_rule: Bilingual,
    noun: Bilingual,
) -> tuple[list[dict[str, Any]], list[int], list[int]]:
    """Feedback for missed and extra objects, plus the missed gold and extra submission indices."""
    gold_count, submitted_count = iou.shape
    matched_gold = {g for g, _ in matches}
    matched_submitted = {s for _, s in matches}
    missed = [g for g in range(gold_count) if g not in matched_gold]
    extra = [s for s in range(submitted_count) if s not in matched_submitted]
    feedback: list[dict[str, Any]] = []
    for g in missed:
        best = int(np.argmax(iou[g])) if submitted_count else -1
        best_iou = float(iou[g, best]) if best >= 0 else 0.0
        if best_iou > 0:
            message = _text(
                f"정답 {noun['ko']} #{g + 1}을(를) 찾지 못했습니다. 가장 가까운 #{best + 1}의 "
                "IoU는 "
                f"{_fmt(best_iou)}로 기준 {_fmt(threshold)}보다 낮습니다.",
                f"Gold {noun['en']} #{g + 1} was not found: the closest, #{best + 1}, has IoU "
                f"{_fmt(best_iou)}, below {_fmt(threshold)}.",
            )
            rule = tight_rule
        else:
            message = _text(
                f"정답 {noun['ko']} #{g + 1}이(가) 누락되었습니다.",
                f"Gold {noun['en']} #{g + 1} was missed.",
            )
            rule = missed_rule
        feedback.append(_feedback("missed", message, rule, gold_index=g))
    for s in extra:
        best = int(np.argmax(iou[:, s])) if gold_count else -1
        best_iou = float(iou[best, s]) if best >= 0 else 0.0
        if best_iou >= threshold and best in matched_gold:
            message = _text(
                f"#{s + 1}은(는) 이미 라벨링한 정답 #{best + 1}과 겹치는 중복입니다.",
                f"#{s + 1} duplicates gold #{best + 1}, which another label already covers.",
            )
            rule = RULES["no_duplicate"]
        elif best_iou > 0:
            message = _text(
                f"#{s + 1}은(는) 정답 #{best + 1}과 IoU {_fmt(best_iou)}로 기준 {_fmt(threshold)}보다 낮습니다.",
                f"#{s + 1} overlaps gold #{best + 1} with IoU {_fmt(best_iou)}, below {_fmt(threshold)}.",
            )
            rule = tight_rule
        else:
            message = _text(
                f"#{s + 1} 위치에는 라벨링할 객체가 없습니다.",
                f"There is no target object at #{s + 1}.",
            )
            rule = RULES["no_extra_object"]
        feedback.append(_feedback("extra", message, rule, index=s))
    return feedback, missed, extra


def _score_objects(
    gold: Mapping[str, Any],
    submission: Mapping[str, Any],
    params: Mapping[str, Any],
    *,
    polygons: bool,
) -> ScoreResult:
    """bbox / polygon scoring: IoU matching, then labels, tightness and attributes over matches."""
    gold_objects = [o for o in _items(gold, "objects") if isinstance(o, Mapping)]
    submitted = [o for o in _items(submission, "objects") if isinstance(o, Mapping)]
    threshold = float(gold.get("iou_threshold", 0.5))
    attributes = [] if polygons else [str(a) for a in _items(params, "attributes")]
    if polygons:
        iou = polygon_iou_matrix(
            [o.get("polygon") or [] for o in gold_objects],
            [o.get("polygon") or [] for o in submitted],
        )
        tight_rule, noun = RULES["outline_tight"], _text("객체", "object")
    else:
        iou = iou_matrix(
            np.array([_as_box(o.get("bbox")) for o in gold_objects]).reshape(-1, 4),
            np.array([_as_box(o.get("bbox")) for o in submitted]).reshape(-1, 4),
        )
        tight_rule, noun = RULES["box_tight"], _text("객체", "object")
    gold_labels = [str(o.get("label", "")) for o in gold_objects]
    submitted_labels = [str(o.get("label", "")) for o in submitted]
    same_label = np.array([[g == s for s in submitted_labels] for g in gold_labels], dtype=np.float64).reshape(
        len(gold_labels), len(submitted_labels)
    )
    matches = _match(iou, threshold, same_label * 1e-9)

    feedback, missed, extra = _object_feedback(iou, matches, threshold, tight_rule, RULES["label_every_object"], noun)
    iou_total = 0.0
    labels_right = 0
    attributes_right = 0
    match_overlay = []
    for g, s in matches:
        pair_iou = float(iou[g, s])
        iou_total += pair_iou
        label_ok = gold_labels[g] == submitted_labels[s]
        labels_right += label_ok
        problems = 0
        if not label_ok:
            problems += 1
            feedback.append(
                _feedback(
                    "wrong_label",
                    _text(
                        f"#{s + 1}의 클래스 '{submitted_labels[s]}' → 정답 '{gold_labels[g]}'.",
                        f"#{s + 1} is labelled '{submitted_labels[s]}'; gold says '{gold_labels[g]}'.",
                    ),
                    RULES["right_class"],
                    index=s,
                    gold_index=g,
                )
            )
        if pair_iou < TIGHT_IOU:
            problems += 1
            feedback.append(
                _feedback(
                    "low_iou",
                    _text(
                        f"#{s + 1}이(가) 정답 #{g + 1}과 IoU {_fmt(pair_iou)}로 느슨하거나 잘렸습니다.",
                        f"#{s + 1} matches gold #{g + 1} with IoU {_fmt(pair_iou)}: too loose or clipped.",
                    ),
                    tight_rule,
                    index=s,
                    gold_index=g,
                )
            )
        wrong_attributes = []
        for attribute in attributes:
            gold_value = bool(gold_objects[g].get(attribute, False))
            submitted_value = bool(submitted[s].get(attribute, False))
            if gold_value == submitted_value:
                attributes_right += 1
                continue
            wrong_attributes.append(attribute)
            problems += 1
            feedback.append(
                _feedback(
                    "wrong_attribute",
                    _text(
                        f"#{s + 1}의 {attribute} 값이 {str(submitted_value).lower()}이지만 정답은 "
                        f"{str(gold_value).lower()}입니다.",
                        f"#{s + 1} has {attribute} = {str(submitted_value).lower()}; gold says "
                        f"{str(gold_value).lower()}.",
                    ),
                    RULES["attributes"],
                    index=s,
                    gold_index=g,
                )
            )
        if not problems:
            feedback.append(
                _feedback(
                    "matched",
                    _text(
                        f"#{s + 1} 정답 #{g + 1}과 일치 (IoU {_fmt(pair_iou)}).",
                        f"#{s + 1} matches gold #{g + 1} (IoU {_fmt(pair_iou)}).",
                    ),
                    index=s,
                    gold_index=g,
                )
            )
        match_overlay.append(
            {
                "index": s,
                "gold_index": g,
                "iou": pair_iou,
                "label_ok": label_ok,
                "wrong_attributes": wrong_attributes,
            }
        )

    matched = len(matches)
    precision, recall, f1 = _f1(matched, len(gold_objects), len(submitted))
    mean_iou = _over_matches(iou_total, matched, len(gold_objects), len(submitted))
    label_accuracy = _over_matches(labels_right, matched, len(gold_objects), len(submitted))
    metrics: dict[str, float] = {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "mean_iou": mean_iou,
        "label_accuracy": label_accuracy,
        "matched": float(matched),
        "gold_count": float(len(gold_objects)),
        "submitted_count": float(len(submitted)),
    }
    if attributes:
        attribute_accuracy = _over_matches(
            attributes_right / len(attributes), matched, len(gold_objects), len(submitted)
        )
        metrics["attribute_accuracy"] = attribute_accuracy
        quality = 0.7 * label_accuracy + 0.2 * mean_iou + 0.1 * attribute_accuracy
    else:
        quality = (0.7 * label_accuracy + 0.2 * mean_iou) / 0.9
    shape_key = "polygon" if polygons else "bbox"
    gold_overlay = []
    for o in gold_objects:
        entry: dict[str, Any] = {"label": str(o.get("label", ""))}
        entry[shape_key] = list(o.get("polygon") or []) if polygons else _as_box(o.get("bbox"))
        for attribute in attributes:
            entry[attribute] = bool(o.get(attribute, False))
        gold_overlay.append(entry)
    overlay = {
        "iou_threshold": threshold,
        "gold": gold_overlay,
        "matches": match_overlay,
        "missed": missed,
        "extra": extra,
    }
    return _finish(f1 * quality, gold, True, metrics, feedback, overlay)


def _score_bbox(gold: Mapping[str, Any], submission: Mapping[str, Any], params: Mapping[str, Any]) -> ScoreResult:
    """Bounding boxes."""
    return _score_objects(gold, submission, params, polygons=False)


def _score_polygon(gold: Mapping[str, Any], submission: Mapping[str, Any], params: Mapping[str, Any]) -> ScoreResult:
    """Polygons."""
    return _score_objects(gold, submission, params, polygons=True)


# --------------------------------------------------------------------------- ocr


def _word_context(text: str, start: int, end: int) -> str:
    """The span ``text[start:end]`` widened to whole space-separated words."""
    while start > 0 and text[start - 1] != " ":
        start -= 1
    while end < len(text) and text[end] != " ":
        end += 1
    return text[start:end].strip()


def _diff_feedback(
    reference: str,
    hypothesis: str,
    *,
    spacing_rule: Bilingual,
    text_rule: Bilingual,
    index: int | None,
    gold_index: int | None,
) -> list[dict[str, Any]]:
    """One entry per differing span, quoted with its surrounding words; spans that differ only in
    spaces are ``spacing`` feedback, the rest ``char_diff``."""
    out = []
    for op in Levenshtein.opcodes(reference, hypothesis):
        if op.tag == "equal":
            continue
        ref_text = reference[op.src_start : op.src_end]
        hyp_text = hypothesis[op.dest_start : op.dest_end]
        ref_words = _word_context(reference, op.src_start, op.src_end)
        hyp_words = _word_context(hypothesis, op.dest_start, op.dest_end)
        context = f"'{ref_words}' → '{hyp_words}'"
        if ref_text.replace(" ", "") == hyp_text.replace(" ", ""):
            kind, rule = "spacing", spacing_rule
            message = _text(f"띄어쓰기가 다릅니다: {context}", f"Spacing differs: {context}")
        else:
            kind, rule = "char_diff", text_rule
            ref_shown, hyp_shown = ref_text.strip(), hyp_text.strip()
            if op.tag == "insert":
                message = _text(
                    f"'{hyp_shown}'이(가) 더 들어갔습니다: {context}", f"'{hyp_shown}' was added: {context}"
                )
            elif op.tag == "delete":
                message = _text(f"'{ref_shown}'이(가) 빠졌습니다: {context}", f"'{ref_shown}' is missing: {context}")
            else:
                message = _text(
                    f"'{ref_shown}'을(를) '{hyp_shown}'(으)로 썼습니다: {context}",
                    f"'{ref_shown}' was written as '{hyp_shown}': {context}",
                )
        out.append(_feedback(kind, message, rule, index=index, gold_index=gold_index))
    return out


def _score_ocr(gold: Mapping[str, Any], submission: Mapping[str, Any], params: Mapping[str, Any]) -> ScoreResult:
    """Text lines: box matching, then CER of matched lines (missed and extra lines count 1)."""
    gold_lines = [o for o in _items(gold, "lines") if isinstance(o, Mapping)]
    submitted = [o for o in _items(submission, "lines") if isinstance(o, Mapping)]
    threshold = float(gold.get("iou_threshold", 0.5))
    iou = iou_matrix(
        np.array([_as_box(o.get("bbox")) for o in gold_lines]).reshape(-1, 4),
        np.array([_as_box(o.get("bbox")) for o in submitted]).reshape(-1, 4),
    )
    gold_texts = [_normalise_ocr(str(o.get("text", ""))) for o in gold_lines]
    submitted_texts = [_normalise_ocr(str(o.get("text", ""))) for o in submitted]
    matches = _match(iou, threshold, None)
    feedback, missed, extra = _object_feedback(
        iou,
        matches,
        threshold,
        RULES["box_tight"],
        RULES["ocr_every_line"],
        _text("텍스트 줄", "text line"),
    )
    iou_total = 0.0
    cer_total = float(len(missed) + len(extra))
    match_overlay = []
    for g, s in matches:
        pair_iou = float(iou[g, s])
        iou_total += pair_iou
        line_cer = min(1.0, cer(gold_texts[g], submitted_texts[s]))
        cer_total += line_cer
        problems = _diff_feedback(
            gold_texts[g],
            submitted_texts[s],
            spacing_rule=RULES["ocr_text"],
            text_rule=RULES["ocr_text"],
            index=s,
            gold_index=g,
        )[:MAX_DIFF_FEEDBACK]
        if pair_iou < TIGHT_IOU:
            problems.append(
                _feedback(
                    "low_iou",
                    _text(
                        f"#{s + 1} 박스가 정답 #{g + 1}과 IoU {_fmt(pair_iou)}로 느슨하거나 잘렸습니다.",
                        f"Box #{s + 1} matches gold #{g + 1} with IoU {_fmt(pair_iou)}: too loose or clipped.",
                    ),
                    RULES["box_tight"],
                    index=s,
                    gold_index=g,
                )
            )
        feedback.extend(problems)
        if not problems:
            feedback.append(
                _feedback(
                    "matched",
                    _text(f"#{s + 1} 정답 #{g + 1}과 일치.", f"#{s + 1} matches gold #{g + 1}."),
                    index=s,
                    gold_index=g,
                )
            )
        match_overlay.append(
            {
                "index": s,
                "gold_index": g,
                "iou": pair_iou,
                "cer": line_cer,
                "diff": char_diff(gold_texts[g], submitted_texts[s]),
            }
        )
    matched = len(matches)
    precision, recall, f1 = _f1(matched, len(gold_lines), len(submitted))
    mean_iou = _over_matches(iou_total, matched, len(gold_lines), len(submitted))
    lines_counted = len(gold_lines) + len(extra)
    line_cer_mean = cer_total / lines_counted if lines_counted else 0.0
    metrics = {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "mean_iou": mean_iou,
        "cer": line_cer_mean,
        "matched": float(matched),
        "gold_count": float(len(gold_lines)),
        "submitted_count": float(len(submitted)),
    }
    overlay = {
        "iou_threshold": threshold,
        "gold": [{"bbox": _as_box(o.get("bbox")), "text": t} for o, t in zip(gold_lines, gold_texts, strict=True)],
        "matches": match_overlay,
        "missed": missed,
        "extra": extra,
    }
    fraction = 0.7 * (1 - line_cer_mean) + 0.2 * f1 + 0.1 * mean_iou
    return _finish(fraction, gold, True, metrics, feedback, overlay)


# --------------------------------------------------------------------------- transcription


def _score_transcription(
    gold: Mapping[str, Any], submission: Mapping[str, Any], params: Mapping[str, Any]
) -> ScoreResult:
    """CER on normalised syllables (spaces removed); WER reported."""
    reference = str(gold.get("text", ""))
    hypothesis = str(submission.get("text", "") or "")
    max_cer = float(gold.get("max_cer", 0.1))
    ref_spaced = normalise_korean(reference, remove_spaces=False)
    hyp_spaced = normalise_korean(hypothesis, remove_spaces=False)
    cer_value = cer(ref_spaced.replace(" ", ""), hyp_spaced.replace(" ", ""))
    wer_value = wer(ref_spaced, hyp_spaced)
    diff = char_diff(ref_spaced, hyp_spaced)
    feedback = _diff_feedback(
        ref_spaced,
        hyp_spaced,
        spacing_rule=RULES["spacing"],
        text_rule=RULES["transcribe_verbatim"],
        index=None,
        gold_index=None,
    )
    if len(feedback) > MAX_DIFF_FEEDBACK:
        hidden = len(feedback) - MAX_DIFF_FEEDBACK
        feedback = feedback[:MAX_DIFF_FEEDBACK]
        feedback.append(
            _feedback(
                "char_diff",
                _text(f"차이 {hidden}곳 더 있음.", f"{hidden} more differences."),
                RULES["transcribe_verbatim"],
            )
        )
    for tag in sorted(set(_NOISE_TAG.findall(ref_spaced))):
        expected, written = (
            len(re.findall(rf"(?<!\S){re.escape(tag)}(?!\S)", ref_spaced)),
            len(re.findall(rf"(?<!\S){re.escape(tag)}(?!\S)", hyp_spaced)),
        )
        if written < expected:
            feedback.append(
                _feedback(
                    "rule",
                    _text(
                        f"'{tag}' 태그가 {expected - written}개 빠졌습니다.",
                        f"{expected - written} '{tag}' tag(s) missing.",
                    ),
                    RULES["tags"],
                )
            )
    expected_dual = len(_DUAL_TRANSCRIPTION.findall(ref_spaced))
    written_dual = len(_DUAL_TRANSCRIPTION.findall(hyp_spaced))
    if written_dual < expected_dual:
        feedback.append(
            _feedback(
                "rule",
                _text(
                    f"이중 전사 (철자)/(발음)이 {expected_dual - written_dual}개 빠졌습니다.",
                    f"{expected_dual - written_dual} dual transcription(s) (spelling)/(pronunciation) missing.",
                ),
                RULES["dual_transcription"],
            )
        )
    if not feedback:
        feedback.append(_feedback("matched", _text("정답 전사와 같습니다.", "Matches the reference."), None))
    metrics = {"cer": cer_value, "wer": wer_value, "max_cer": max_cer}
    overlay = {"reference": ref_spaced, "hypothesis": hyp_spaced, "diff": diff}
    return _finish(max(0.0, 1.0 - cer_value), gold, cer_value <= max_cer, metrics, feedback, overlay)


# --------------------------------------------------------------------------- landmarks


def _score_landmarks(gold: Mapping[str, Any], submission: Mapping[str, Any], params: Mapping[str, Any]) -> ScoreResult:
    """NME against the gold inter-ocular distance."""
    gold_points = np.asarray(_items(gold, "points"), dtype=np.float64).reshape(-1, 2)
    max_nme = float(gold.get("max_nme", 0.08))
    normaliser = inter_ocular_distance(gold_points, int(gold.get("left_eye", 0)), int(gold.get("right_eye", 1)))
    # Point i of the submission is compared with gold point i; a malformed point is a missing one.
    submitted = np.full((len(_items(submission, "points")), 2), np.nan)
    for i, point in enumerate(_items(submission, "points")):
        with contextlib.suppress(TypeError, ValueError):
            submitted[i] = np.asarray(point, dtype=np.float64).reshape(2)
    names = _items(params, "point_names")
    count = gold_points.shape[0]
    shared = min(count, submitted.shape[0])
    errors = np.full(count, normaliser)  # a missing point costs one inter-ocular distance
    errors[:shared] = point_errors(gold_points[:shared], submitted[:shared])
    errors = np.where(np.isfinite(errors), errors, normaliser)
    normalised = errors / normaliser
    nme_value = float(np.mean(normalised)) if count else 0.0
    feedback: list[dict[str, Any]] = []
    point_rule = _text(
        f"각 점은 정해진 위치에 찍습니다 (오차 ≤ 눈 사이 거리 × {max_nme}).",
        f"Place each point on its landmark (error ≤ {max_nme} × inter-ocular distance).",
    )
    points_overlay = []
    for i in range(count):
        label = _keypoint_name(i, names) if i < len(names) else _text(f"#{i + 1}", f"#{i + 1}")
        name = label["ko"]
        pred = submitted[i].tolist() if i < shared and np.all(np.isfinite(submitted[i])) else None
        points_overlay.append(
            {
                "index": i,
                "name": name,
                "gold": gold_points[i].tolist(),
                "pred": pred,
                "error": float(errors[i]),
                "nme": float(normalised[i]),
            }
        )
        if pred is None:
            feedback.append(
                _feedback(
                    "missed",
                    _text(f"점 {label['ko']}이(가) 없습니다.", f"Point {label['en']} is missing."),
                    point_rule,
                    gold_index=i,
                )
            )
        elif normalised[i] > max_nme:
            feedback.append(
                _feedback(
                    "misplaced_point",
                    _text(
                        f"점 {label['ko']}이(가) {errors[i]:.1f}px 벗어났습니다 (눈 사이 거리의 {normalised[i]:.2f}).",
                        f"Point {label['en']} is {errors[i]:.1f} px off "
                        f"({normalised[i]:.2f} of the inter-ocular distance).",
                    ),
                    point_rule,
                    index=i,
                    gold_index=i,
                )
            )
    for i in range(count, submitted.shape[0]):
        feedback.append(
            _feedback(
                "extra",
                _text(
                    f"점 #{i + 1}은(는) 필요하지 않습니다.",
                    f"Point #{i + 1} is not part of the scheme.",
                ),
                point_rule,
                index=i,
            )
        )
    if not feedback:
        feedback.append(
            _feedback(
                "matched",
                _text("모든 점이 허용 오차 안에 있습니다.", "Every point is within tolerance."),
            )
        )
    missing_points = sum(1 for entry in points_overlay if entry["pred"] is None)
    misplaced = sum(1 for entry in feedback if entry["kind"] == "misplaced_point")
    metrics = {
        "nme": nme_value,
        "max_point_nme": float(np.max(normalised)) if count else 0.0,
        "misplaced_points": float(misplaced),
        "missing_points": float(missing_points),
        "max_nme": max_nme,
    }
    overlay = {
        "normaliser": normaliser,
        "points": points_overlay,
        "extra": list(range(count, submitted.shape[0])),
    }
    fraction = max(0.0, 1.0 - nme_value / (5 * max_nme)) if max_nme > 0 else float(nme_value == 0)
    return _finish(fraction, gold, nme_value <= max_nme, metrics, feedback, overlay)


# --------------------------------------------------------------------------- keypoints


def _keypoint_name(k: int, names: Sequence[Any]) -> Bilingual:
    """Bilingual name of keypoint k (names are {id, ko, en} mappings or plain strings)."""
    if k < len(names):
        name = names[k]
        if isinstance(name, Mapping):
            ko = str(name.get("ko") or name.get("id") or f"#{k + 1}")
            return _text(ko, str(name.get("en") or ko))
        return _text(str(name), str(name))
    if k < len(COCO_KEYPOINT_NAMES):
        return COCO_KEYPOINT_NAMES[k]
    return _text(f"#{k + 1}", f"#{k + 1}")


def _score_keypoints(gold: Mapping[str, Any], submission: Mapping[str, Any], params: Mapping[str, Any]) -> ScoreResult:
    """Mean OKS over gold people (missed and extra people count 0) and visibility accuracy."""
    gold_people = [p for p in _items(gold, "people") if isinstance(p, Mapping)]
    submitted_people = [p for p in _items(submission, "people") if isinstance(p, Mapping)]
    min_oks = float(gold.get("min_oks", 0.75))
    count = max([len(_items(p, "keypoints")) // 3 for p in gold_people], default=len(COCO_SIGMAS))
    # Uniform mean sigma for a non-COCO scheme (no standard per-joint values exist for it).
    sigmas = COCO_SIGMAS if count == len(COCO_SIGMAS) else np.full(count, float(np.mean(COCO_SIGMAS)))
    gold_rows = _keypoint_rows([_items(p, "keypoints") for p in gold_people], count)
    pred_rows = _keypoint_rows([_items(p, "keypoints") for p in submitted_people], count)
    boxes = np.array([_as_box(p.get("bbox")) for p in gold_people], dtype=np.float64).reshape(-1, 4)
    areas = np.array(
        [
            float(p["area"]) if p.get("area") is not None else b[2] * b[3]
            for p, b in zip(gold_people, boxes, strict=True)
        ],
        dtype=np.float64,
    )
    if gold_rows.shape[0] and pred_rows.shape[0]:
        similarities, counts = _keypoint_similarities(gold_rows, pred_rows, areas, sigmas, boxes)
        oks_values = _oks_from_similarities(similarities, counts)
    else:
        similarities = np.zeros((gold_rows.shape[0], pred_rows.shape[0], count))
        oks_values = np.zeros((gold_rows.shape[0], pred_rows.shape[0]))
    # A left/right-swapped person has a near-zero OKS; matching on the better of the OKS and the
    # mirrored OKS still recognises them (and says so), while the score keeps the real OKS.
    mirrored = (
        _oks_matrix(gold_rows, pred_rows[:, list(COCO_FLIP)], areas, sigmas, boxes)
        if count == len(COCO_FLIP)
        else np.zeros_like(oks_values)
    )
    matches = _match(np.maximum(oks_values, mirrored), PERSON_MATCH_MIN_OKS, None)
    matched_gold = {g for g, _ in matches}
    matched_pred = {s for _, s in matches}
    missed = [g for g in range(len(gold_people)) if g not in matched_gold]
    extra = [s for s in range(len(submitted_people)) if s not in matched_pred]
    names = _items(params, "point_names")
    feedback: list[dict[str, Any]] = []
    for g in missed:
        feedback.append(
            _feedback(
                "missed",
                _text(f"사람 #{g + 1}이(가) 누락되었습니다.", f"Person #{g + 1} was missed."),
                RULES["every_person"],
                gold_index=g,
            )
        )
    for s in extra:
        feedback.append(
            _feedback(
                "extra",
                _text(
                    f"#{s + 1}은(는) 정답의 어떤 사람과도 맞지 않습니다.",
                    f"#{s + 1} does not match any gold person.",
                ),
                RULES["every_person"],
                index=s,
            )
        )
    oks_total = 0.0
    visibility_right = 0
    person_overlay = []
    all_people_ok = not missed
    for g, s in matches:
        person_oks = float(oks_values[g, s])
        oks_total += person_oks
        all_people_ok = all_people_ok and person_oks >= min_oks
        before = len(feedback)
        gold_v = gold_rows[g, :, 2].astype(int)
        pred_v = np.rint(pred_rows[s, :, 2]).astype(int)
        visibility_right += int(np.sum(gold_v == pred_v))
        swapped = float(mirrored[g, s]) >= person_oks + LEFT_RIGHT_SWAP_GAIN
        if swapped:
            feedback.append(
                _feedback(
                    "rule",
                    _text(
                        f"#{s + 1}의 왼쪽과 오른쪽이 바뀐 것 같습니다 (뒤집으면 OKS {_fmt(person_oks)} → "
                        f"{_fmt(float(mirrored[g, s]))}).",
                        f"#{s + 1} looks left/right swapped (mirrored OKS {_fmt(person_oks)} → "
                        f"{_fmt(float(mirrored[g, s]))}).",
                    ),
                    RULES["left_right"],
                    index=s,
                    gold_index=g,
                )
            )
        points = []
        for k in range(count):
            name = _keypoint_name(k, names)
            error = float(np.hypot(*(pred_rows[s, k, :2] - gold_rows[g, k, :2])))
            points.append(
                {
                    "k": k,
                    "name": name["en"],
                    "gold": gold_rows[g, k].tolist(),
                    "pred": pred_rows[s, k].tolist(),
                    "error": error,
                    "similarity": float(similarities[g, s, k]),
                }
            )
            if gold_v[k] > 0 and pred_v[k] == 0:
                feedback.append(
                    _feedback(
                        "wrong_visibility",
                        _text(
                            f"#{s + 1}의 {name['ko']}을(를) 라벨링하지 않았습니다 (정답 v={gold_v[k]}).",
                            f"#{s + 1}: {name['en']} is not labelled (gold v={gold_v[k]}).",
                        ),
                        RULES["visibility"],
                        index=s,
                        gold_index=g,
                    )
                )
                continue
            if not swapped and gold_v[k] > 0 and similarities[g, s, k] < MISPLACED_KEYPOINT_SIMILARITY:
                feedback.append(
                    _feedback(
                        "misplaced_point",
                        _text(
                            f"#{s + 1}의 {name['ko']}이(가) {error:.1f}px 벗어났습니다.",
                            f"#{s + 1}: {name['en']} is {error:.1f} px off.",
                        ),
                        RULES["joint_centre"],
                        index=s,
                        gold_index=g,
                    )
                )
            if gold_v[k] != pred_v[k]:
                feedback.append(
                    _feedback(
                        "wrong_visibility",
                        _text(
                            f"#{s + 1}의 {name['ko']} 가시성 v={pred_v[k]} → 정답 v={gold_v[k]}.",
                            f"#{s + 1}: {name['en']} has v={pred_v[k]}; gold says v={gold_v[k]}.",
                        ),
                        RULES["visibility"],
                        index=s,
                        gold_index=g,
                    )
                )
        if len(feedback) == before:
            feedback.append(
                _feedback(
                    "matched",
                    _text(
                        f"#{s + 1} 정답 #{g + 1}과 일치 (OKS {_fmt(person_oks)}).",
                        f"#{s + 1} matches gold #{g + 1} (OKS {_fmt(person_oks)}).",
                    ),
                    index=s,
                    gold_index=g,
                )
            )
        person_overlay.append({"index": s, "gold_index": g, "oks": person_oks, "points": points})
    counted = len(gold_people) + len(extra)
    mean_oks = oks_total / counted if counted else 1.0
    visibility_accuracy = _over_matches(
        visibility_right / count if count else 0.0,
        len(matches),
        len(gold_people),
        len(submitted_people),
    )
    per_person = [float(oks_values[g, s]) for g, s in matches] + [0.0] * len(missed)
    metrics = {
        "mean_oks": mean_oks,
        "min_person_oks": min(per_person) if per_person else 1.0,
        "visibility_accuracy": visibility_accuracy,
        "matched": float(len(matches)),
        "gold_people": float(len(gold_people)),
        "submitted_people": float(len(submitted_people)),
        "min_oks": min_oks,
    }
    overlay = {
        "gold": [
            {"keypoints": gold_rows[g].ravel().tolist(), "bbox": boxes[g].tolist()} for g in range(len(gold_people))
        ],
        "matches": person_overlay,
        "missed": missed,
        "extra": extra,
    }
    fraction = 0.9 * mean_oks + 0.1 * visibility_accuracy
    return _finish(fraction, gold, all_people_ok, metrics, feedback, overlay)


# --------------------------------------------------------------------------- inspection


def _score_inspection(gold: Mapping[str, Any], submission: Mapping[str, Any], params: Mapping[str, Any]) -> ScoreResult:
    """Decision, then (when gold rejects) the reasons and the faulty objects."""
    gold_decision = str(gold.get("decision", "accept"))
    decision = str(submission.get("decision", ""))
    decision_correct = 1.0 if decision == gold_decision else 0.0
    reason_names = {
        str(r.get("id")): _text(str(r.get("ko", r.get("id"))), str(r.get("en", r.get("id"))))
        for r in _items(params, "reasons")
        if isinstance(r, Mapping)
    }
    feedback: list[dict[str, Any]] = []
    decision_text = {"accept": _text("승인", "accept"), "reject": _text("반려", "reject")}
    expected_text = decision_text.get(gold_decision, _text(gold_decision, gold_decision))
    if decision_correct:
        feedback.append(
            _feedback(
                "matched",
                _text(
                    f"판정({expected_text['ko']})이 맞습니다.",
                    f"The decision ({expected_text['en']}) is right.",
                ),
            )
        )
    else:
        chosen = decision_text.get(decision, _text(decision or "-", decision or "-"))
        feedback.append(
            _feedback(
                "wrong_decision",
                _text(
                    f"'{chosen['ko']}'(으)로 판정했지만 정답은 '{expected_text['ko']}'입니다.",
                    f"You chose '{chosen['en']}' but the right decision is '{expected_text['en']}'.",
                ),
                RULES["inspection_decision"],
            )
        )
    metrics: dict[str, float] = {"decision_correct": decision_correct}
    overlay: dict[str, Any] = {
        "decision": gold_decision,
        "reasons": [str(r) for r in _items(gold, "reasons")],
        "faulty_objects": [int(i) for i in _items(gold, "faulty_objects")],
        "submitted_decision": decision,
    }
    if gold_decision != "reject":
        return _finish(decision_correct, gold, bool(decision_correct), metrics, feedback, overlay)

    gold_reasons = [str(r) for r in _items(gold, "reasons")]
    submitted_reasons = [str(r) for r in _items(submission, "reasons")]
    reason_hits = len(set(gold_reasons) & set(submitted_reasons))
    reason_precision, reason_recall, reason_f1 = _f1(reason_hits, len(set(gold_reasons)), len(set(submitted_reasons)))
    for reason in sorted(set(gold_reasons) - set(submitted_reasons)):
        name = reason_names.get(reason, _text(reason, reason))
        feedback.append(
            _feedback(
                "missed_reason",
                _text(
                    f"반려 사유 '{name['ko']}'이(가) 빠졌습니다.",
                    f"Reason '{name['en']}' is missing.",
                ),
                RULES["inspection_reasons"],
            )
        )
    for reason in sorted(set(submitted_reasons) - set(gold_reasons)):
        name = reason_names.get(reason, _text(reason, reason))
        feedback.append(
            _feedback(
                "extra_reason",
                _text(f"'{name['ko']}'은(는) 해당하지 않습니다.", f"'{name['en']}' does not apply."),
                RULES["inspection_reasons"],
            )
        )
    gold_faulty = {int(i) for i in _items(gold, "faulty_objects")}
    submitted_faulty = set()
    for value in _items(submission, "faulty_objects"):
        try:
            submitted_faulty.add(int(value))
        except (TypeError, ValueError):
            continue
    faulty_hits = len(gold_faulty & submitted_faulty)
    faulty_precision, faulty_recall, faulty_f1 = _f1(faulty_hits, len(gold_faulty), len(submitted_faulty))
    for index in sorted(gold_faulty - submitted_faulty):
        feedback.append(
            _feedback(
                "missed_fault",
                _text(
                    f"객체 #{index + 1}의 문제를 놓쳤습니다.",
                    f"The fault in object #{index + 1} was missed.",
                ),
                RULES["inspection_objects"],
                gold_index=index,
            )
        )
    for index in sorted(submitted_faulty - gold_faulty):
        feedback.append(
            _feedback(
                "wrong_fault",
                _text(f"객체 #{index + 1}에는 문제가 없습니다.", f"Object #{index + 1} has no fault."),
                RULES["inspection_objects"],
                index=index,
            )
        )
    metrics.update(
        {
            "reason_precision": reason_precision,
            "reason_recall": reason_recall,
            "reason_f1": reason_f1,
            "faulty_precision": faulty_precision,
            "faulty_recall": faulty_recall,
            "faulty_f1": faulty_f1,
        }
    )
    fraction = 0.5 * decision_correct + 0.3 * reason_f1 + 0.2 * faulty_f1
    return _finish(fraction, gold, bool(decision_correct), metrics, feedback, overlay)


# --------------------------------------------------------------------------- entry point

_SCORERS: dict[str, Callable[[Mapping[str, Any], Mapping[str, Any], Mapping[str, Any]], ScoreResult]] = {
    "classification": _score_classification,
    "text_collection": _score_text_collection,
    "bbox": _score_bbox,
    "polygon": _score_polygon,
    "ocr": _score_ocr,
    "transcription": _score_transcription,
    "landmarks": _score_landmarks,
    "keypoints": _score_keypoints,
    "inspection": _score_inspection,
}
TASK_TYPES: tuple[str, ...] = tuple(_SCORERS)
"""The item types ``score`` understands."""


def score(
    task_type: str,
    gold: Mapping[str, Any],
    submission: Mapping[str, Any],
    params: Mapping[str, Any] | None = None,
) -> ScoreResult:
    """Score a validated submission against the item's gold and public params."""
    scorer = _SCORERS.get(task_type)
    if scorer is None:
        raise ValueError(f"unknown task type {task_type!r}")
    return scorer(gold, submission, params or {})
