"""Tests for app.practice.scoring: hand-worked cases, properties, and agreement with pycocotools
(box IoU, COCOeval keypoint OKS) and jiwer (CER/WER)."""

from __future__ import annotations

import contextlib
import copy
import io
import json
import random
from typing import Any

import jiwer
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pycocotools import mask as mask_utils
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval

from app.practice import scoring
from app.practice.scoring import (
    COCO_SIGMAS,
    cer,
    char_diff,
    iou_matrix,
    match,
    nme,
    normalise_korean,
    oks,
    oks_matrix,
    point_errors,
    polygon_iou_matrix,
    score,
    wer,
)

FAST = settings(max_examples=60, deadline=None)

# --------------------------------------------------------------------------- builders

# Sizes are 0 or at least 1/1000 px: narrower boxes are below float resolution next to an x of
# a few hundred ((x + w) - x != w), where no two IoU implementations agree to 1e-9.
SIZES = st.one_of(st.just(0.0), st.floats(1e-3, 200, allow_nan=False))
boxes_strategy = st.lists(
    st.tuples(
        st.floats(0, 500, allow_nan=False),
        st.floats(0, 500, allow_nan=False),
        SIZES,
        SIZES,
    ).map(list),
    min_size=1,
    max_size=8,
)


def _rect_polygon(box: list[float]) -> list[float]:
    x, y, w, h = box
    return [x, y, x + w, y, x + w, y + h, x, y + h]


def _person(rng: random.Random, *, cx: float, cy: float, all_hidden: bool = False) -> list[float]:
    keypoints: list[float] = []
    for _ in range(17):
        v = 0 if all_hidden else rng.choice([0, 1, 2, 2, 2])
        if v == 0:
            keypoints += [0.0, 0.0, 0.0]
        else:
            keypoints += [cx + rng.uniform(-40, 40), cy + rng.uniform(-80, 80), float(v)]
    return keypoints


def _gold_items() -> dict[str, tuple[dict[str, Any], dict[str, Any], dict[str, Any]]]:
    """A (gold, perfect submission, params) triple per task type."""
    rng = random.Random(7)
    people: list[dict[str, Any]] = [
        {
            "keypoints": _person(rng, cx=100 + 150 * i, cy=200),
            "area": 9000.0 + 500 * i,
            "bbox": [60 + 150 * i, 110, 80, 180],
        }
        for i in range(3)
    ]
    for person in people:  # a perfect labeler copies every labelled point; make sure each has some
        person["keypoints"][2] = 2.0
        person["keypoints"][0:2] = [person["bbox"][0] + 40, person["bbox"][1] + 10]
    return {
        "classification": (
            {"pass_score": 80, "labels": ["cat"]},
            {"labels": ["cat"]},
            {"multi_label": False},
        ),
        "text_collection": (
            {
                "pass_score": 80,
                "min_length": 10,
                "max_length": 60,
                "required_words": ["날씨"],
                "banned": ["phone", "email", "rrn"],
                "max_similarity": 85,
            },
            {
                "sentences": [
                    "오늘 날씨가 정말 맑아서 산책하기 좋다.",
                    "내일은 날씨가 흐리고 오후에 비가 온대요.",
                    "날씨 때문에 주말 캠핑 계획을 미뤘다.",
                ]
            },
            {"count": 3},
        ),
        "bbox": (
            {
                "pass_score": 80,
                "iou_threshold": 0.5,
                "objects": [
                    {"label": "car", "bbox": [10, 20, 100, 50], "occluded": True, "truncated": False},
                    {"label": "person", "bbox": [200, 40, 30, 90], "occluded": False, "truncated": True},
                    {"label": "car", "bbox": [300.5, 60.25, 80, 40], "occluded": False, "truncated": False},
                ],
            },
            {
                "objects": [
                    {"label": "car", "bbox": [10, 20, 100, 50], "occluded": True, "truncated": False},
                    {"label": "person", "bbox": [200, 40, 30, 90], "occluded": False, "truncated": True},
                    {"label": "car", "bbox": [300.5, 60.25, 80, 40], "occluded": False, "truncated": False},
                ]
            },
            {"attributes": ["occluded", "truncated"], "max_objects": 50},
        ),
        "polygon": (
            {
                "pass_score": 80,
                "iou_threshold": 0.5,
                "objects": [
                    {"label": "road", "polygon": [0, 100, 50, 60, 120, 60, 160, 100]},
                    {"label": "tree", "polygon": [200, 10, 230, 40, 215, 80, 185, 40]},
                ],
            },
            {
                "objects": [
                    {"label": "road", "polygon": [0, 100, 50, 60, 120, 60, 160, 100]},
                    {"label": "tree", "polygon": [200, 10, 230, 40, 215, 80, 185, 40]},
                ]
            },
            {"max_objects": 20},
        ),
        "ocr": (
            {
                "pass_score": 80,
                "iou_threshold": 0.5,
                "lines": [
                    {"bbox": [10, 10, 200, 30], "text": "영업시간 09:00~18:00"},
                    {"bbox": [10, 50, 150, 30], "text": "전화 02-123-4567"},
                ],
            },
            {
                "lines": [
                    {"bbox": [10, 10, 200, 30], "text": "영업시간 09:00~18:00"},
                    {"bbox": [10, 50, 150, 30], "text": "전화 02-123-4567"},
                ]
            },
            {"max_lines": 10},
        ),
        "transcription": (
            {"pass_score": 80, "text": "b/ 아/ 모+ 몬 소리야 (70%)/(칠십 퍼센트) 확률이라니 n/", "max_cer": 0.1},
            {"text": "b/ 아/ 모+ 몬 소리야 (70%)/(칠십 퍼센트) 확률이라니 n/"},
            {"language": "ko"},
        ),
        "landmarks": (
            {
                "pass_score": 80,
                "points": [[100, 100], [160, 100], [130, 130], [105, 160], [155, 160]],
                "left_eye": 0,
                "right_eye": 1,
                "max_nme": 0.08,
            },
            {"points": [[100, 100], [160, 100], [130, 130], [105, 160], [155, 160]]},
            {"scheme": "five_point", "point_names": ["left_eye", "right_eye", "nose", "mouth_left", "mouth_right"]},
        ),
        "keypoints": (
            {"pass_score": 80, "people": people, "min_oks": 0.75},
            {"people": [{"keypoints": list(p["keypoints"])} for p in people]},
            {"scheme": "coco17"},
        ),
        "inspection": (
            {"pass_score": 80, "decision": "reject", "reasons": ["loose_box", "wrong_class"], "faulty_objects": [1, 3]},
            {"decision": "reject", "reasons": ["wrong_class", "loose_box"], "faulty_objects": [3, 1]},
            {
                "review": {"type": "bbox", "objects": []},
                "reasons": [
                    {"id": "loose_box", "ko": "박스가 너무 느슨함", "en": "Box too loose"},
                    {"id": "wrong_class", "ko": "잘못된 클래스", "en": "Wrong class"},
                    {"id": "missed_object", "ko": "객체 누락", "en": "Object missed"},
                ],
            },
        ),
    }


ITEMS = _gold_items()
EMPTY_SUBMISSIONS: dict[str, dict[str, Any]] = {
    "classification": {"labels": []},
    "text_collection": {"sentences": []},
    "bbox": {"objects": []},
    "polygon": {"objects": []},
    "ocr": {"lines": []},
    "transcription": {"text": ""},
    "landmarks": {"points": []},
    "keypoints": {"people": []},
    "inspection": {"decision": "accept", "reasons": [], "faulty_objects": []},
}


def _coco_oks(
    gold_people: list[list[float]], pred_people: list[list[float]], areas: list[float], bboxes: list[list[float]]
) -> np.ndarray:
    """COCOeval.computeOks on in-memory COCO objects, as a (gold, pred) matrix."""
    dataset = {
        "images": [{"id": 1, "width": 1000, "height": 1000}],
        "categories": [{"id": 1, "name": "person", "keypoints": [str(k) for k in range(17)], "skeleton": []}],
        "annotations": [
            {
                "id": i + 1,
                "image_id": 1,
                "category_id": 1,
                "keypoints": kp,
                "num_keypoints": int(sum(v > 0 for v in kp[2::3])),
                "area": area,
                "bbox": box,
                "iscrowd": 0,
            }
            for i, (kp, area, box) in enumerate(zip(gold_people, areas, bboxes, strict=True))
        ],
    }
    detections = [{"image_id": 1, "category_id": 1, "keypoints": list(kp), "score": 1.0} for kp in pred_people]
    with contextlib.redirect_stdout(io.StringIO()):
        coco_gt = COCO()
        coco_gt.dataset = dataset
        coco_gt.createIndex()
        coco_dt = coco_gt.loadRes(detections)
        evaluator = COCOeval(coco_gt, coco_dt, "keypoints")
        evaluator._prepare()
        ious = evaluator.computeOks(1, 1)
    return np.asarray(ious).T


def _json_roundtrip(result: scoring.ScoreResult) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(json.dumps(result.to_dict(), allow_nan=False, ensure_ascii=False))
    return loaded


# --------------------------------------------------------------------------- box IoU


def test_iou_hand_cases() -> None:
    gold = [[0, 0, 10, 10]]
    pred = [[0, 0, 10, 10], [5, 0, 10, 10], [10, 0, 10, 10], [0, 0, 5, 5], [2, 2, 0, 5], [50, 50, 3, 3]]
    assert iou_matrix(gold, pred)[0].tolist() == pytest.approx([1.0, 50 / 150, 0.0, 0.25, 0.0, 0.0])
    assert iou_matrix([], pred).shape == (0, 6)
    assert iou_matrix(gold, []).shape == (1, 0)


@FAST
@given(boxes_strategy, boxes_strategy)
def test_iou_symmetric_and_bounded(gold: list[list[float]], pred: list[list[float]]) -> None:
    forward = iou_matrix(gold, pred)
    assert forward.shape == (len(gold), len(pred))
    assert np.all((forward >= 0) & (forward <= 1))
    np.testing.assert_allclose(forward, iou_matrix(pred, gold).T, rtol=0, atol=1e-12)


@FAST
@given(boxes_strategy, boxes_strategy)
def test_iou_matches_pycocotools(gold: list[list[float]], pred: list[list[float]]) -> None:
    expected = np.asarray(mask_utils.iou(pred, gold, [0] * len(gold))).reshape(len(pred), len(gold)).T
    # Same arithmetic as pycocotools' bbIou, except that we clip the ulp by which cancellation can
    # push two identical boxes just above 1 (pycocotools returns e.g. 1.0000000000131).
    np.testing.assert_allclose(iou_matrix(gold, pred), np.clip(expected, 0, 1), rtol=1e-12, atol=1e-12)


# --------------------------------------------------------------------------- polygon IoU


@FAST
@given(boxes_strategy, boxes_strategy)
def test_rectangle_polygons_agree_with_box_iou(gold: list[list[float]], pred: list[list[float]]) -> None:
    polygons = polygon_iou_matrix([_rect_polygon(b) for b in gold], [_rect_polygon(b) for b in pred])
    np.testing.assert_allclose(polygons, iou_matrix(gold, pred), atol=1e-9)
    np.testing.assert_allclose(
        polygons, polygon_iou_matrix([_rect_polygon(b) for b in pred], [_rect_polygon(b) for b in gold]).T, atol=1e-12
    )


def test_polygon_iou_repairs_and_degenerate_shapes() -> None:
    square = [0, 0, 10, 0, 10, 10, 0, 10]
    bow_tie = [0, 0, 10, 10, 10, 0, 0, 10]  # self-crossing: two triangles of area 25 each
    triangle = [0, 0, 10, 0, 0, 10]
    two_points = [0, 0, 10, 10]
    result = polygon_iou_matrix([square], [square, bow_tie, triangle, two_points, []])
    assert result[0].tolist() == pytest.approx([1.0, 0.5, 0.5, 0.0, 0.0])
    # A two-part object (list of parts) is the union of its parts.
    parts = [[0, 0, 5, 0, 5, 10, 0, 10], [5, 0, 10, 0, 10, 10, 5, 10]]
    assert polygon_iou_matrix([square], [parts])[0, 0] == pytest.approx(1.0)


# --------------------------------------------------------------------------- matching


def test_match_is_optimal_not_greedy() -> None:
    # Greedy would take (0, 0) = 0.9 and leave row 1 with only 0.1; the optimum matches both.
    assert match([[0.9, 0.8], [0.85, 0.1]], 0.5) == [(0, 1), (1, 0)]


def test_match_threshold_rules() -> None:
    assert match([[0.5, 0.49]], 0.5) == [(0, 0)]  # exactly at the threshold matches
    assert match([[0.49]], 0.5) == []
    assert match(np.zeros((0, 3)), 0.5) == []
    # A below-threshold pair must not displace a valid one: raw Hungarian would pick
    # (0, 1) + (1, 0) = 1.0 and then drop (1, 0), leaving 0.55 instead of 0.6.
    assert match([[0.6, 0.55], [0.45, 0.0]], 0.5) == [(0, 0)]
    assert match([[0.0, 0.0]], 0.0) == []  # zero similarity never matches


@FAST
@given(
    st.integers(1, 6).flatmap(
        lambda rows: st.lists(st.lists(st.floats(0, 1), min_size=4, max_size=4), min_size=rows, max_size=rows)
    ),
    st.floats(0.05, 0.95),
)
def test_match_one_to_one_and_maximal(matrix: list[list[float]], threshold: float) -> None:
    pairs = match(matrix, threshold)
    rows = [r for r, _ in pairs]
    cols = [c for _, c in pairs]
    assert len(set(rows)) == len(rows) and len(set(cols)) == len(cols)
    assert all(matrix[r][c] >= threshold for r, c in pairs)
    free_rows = set(range(len(matrix))) - set(rows)
    free_cols = set(range(4)) - set(cols)
    assert not any(matrix[r][c] >= threshold and matrix[r][c] > 0 for r in free_rows for c in free_cols)


# --------------------------------------------------------------------------- OKS


def test_sigmas_are_cocoevals() -> None:
    assert np.array_equal(COCO_SIGMAS, COCOeval(iouType="keypoints").params.kpt_oks_sigmas)


def test_oks_hand_case() -> None:
    gold = [0.0] * 51
    gold[0:3] = [100.0, 100.0, 2.0]  # only the nose is labelled
    pred = [0.0] * 51
    pred[0:3] = [103.0, 104.0, 2.0]  # 5 px off
    area = 400.0
    expected = np.exp(-(25.0 / (2 * COCO_SIGMAS[0]) ** 2 / (area + np.spacing(1)) / 2))
    assert oks(gold, pred, area) == pytest.approx(expected, rel=1e-12)
    assert oks(gold, gold, area) == 1.0


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_oks_matches_cocoeval(seed: int) -> None:
    rng = random.Random(seed)
    gold_count, pred_count = rng.randint(1, 4), rng.randint(1, 5)
    gold = [_person(rng, cx=rng.uniform(50, 800), cy=rng.uniform(100, 800)) for _ in range(gold_count)]
    if rng.random() < 0.4:  # COCOeval's fallback for a person without labelled points
        gold[0] = _person(rng, cx=0, cy=0, all_hidden=True)
    areas = [rng.uniform(50, 20000) for _ in gold]
    bboxes = [[rng.uniform(0, 500), rng.uniform(0, 500), rng.uniform(10, 200), rng.uniform(10, 300)] for _ in gold]
    pred = []
    for _ in range(pred_count):
        source = rng.choice(gold)
        pred.append(
            [value + rng.gauss(0, 15) if k % 3 != 2 else float(rng.choice([0, 1, 2])) for k, value in enumerate(source)]
        )
    expected = _coco_oks(copy.deepcopy(gold), copy.deepcopy(pred), areas, bboxes)
    np.testing.assert_allclose(oks_matrix(gold, pred, areas, bboxes=bboxes), expected, rtol=1e-12, atol=1e-15)
    assert oks(gold[0], pred[0], areas[0], bbox=bboxes[0]) == pytest.approx(expected[0, 0], rel=1e-12, abs=1e-15)


# --------------------------------------------------------------------------- landmarks


def test_nme_hand_case() -> None:
    gold = [[0, 0], [100, 0], [50, 50]]
    pred = [[3, 4], [100, 0], [50, 56]]
    assert point_errors(gold, pred).tolist() == pytest.approx([5.0, 0.0, 6.0])
    assert nme(gold, pred, 0, 1) == pytest.approx(11 / 3 / 100)
    with pytest.raises(ValueError):
        nme(gold, pred[:2], 0, 1)


# --------------------------------------------------------------------------- text metrics

words = st.text(alphabet="가나다라마 abc", min_size=1, max_size=6).map(lambda s: s.replace(" ", "") or "가")
sentences = st.lists(words, min_size=1, max_size=8).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(sentences, st.lists(words, min_size=0, max_size=8).map(" ".join))
def test_cer_and_wer_match_jiwer(reference: str, hypothesis: str) -> None:
    assert cer(reference, hypothesis) == pytest.approx(jiwer.cer(reference, hypothesis), abs=1e-12)
    assert wer(reference, hypothesis) == pytest.approx(jiwer.wer(reference, hypothesis), abs=1e-12)


@settings(max_examples=60, deadline=None)
@given(sentences, sentences)
def test_korean_cer_is_jiwer_cer_without_spaces(reference: str, hypothesis: str) -> None:
    ours = cer(normalise_korean(reference), normalise_korean(hypothesis))
    theirs = jiwer.cer(reference.replace(" ", ""), hypothesis.replace(" ", ""))
    assert ours == pytest.approx(theirs, abs=1e-12)


def test_text_metric_hand_cases() -> None:
    assert cer("가나다", "가다") == pytest.approx(1 / 3)
    assert wer("오늘 날씨 좋다", "오늘 날씨가 좋다") == pytest.approx(1 / 3)
    assert cer("", "") == 0.0
    assert char_diff("가나다", "가라다") == [("equal", "가", "가"), ("replace", "나", "라"), ("equal", "다", "다")]


def test_normalise_korean() -> None:
    text = "b/ 아/ 모+ 몬 소리야, (70%)/(칠십 퍼센트) 확률이라니? n/"
    assert normalise_korean(text) == "b/아/모+몬소리야(70%)/(칠십퍼센트)확률이라니n/"
    assert normalise_korean(text, remove_spaces=False) == "b/ 아/ 모+ 몬 소리야 (70%)/(칠십 퍼센트) 확률이라니 n/"
    assert normalise_korean(text, keep_tags=False, remove_spaces=False) == "아 모 몬 소리야 칠십 퍼센트 확률이라니"
    assert normalise_korean("ＡＢＣ１２３ 가\u3000나!!") == "abc123가나"  # NFKC full-width, case, punctuation
    assert normalise_korean("\u1100\u1161") == "가"  # conjoining jamo compose into one syllable


# --------------------------------------------------------------------------- score(): every type


@pytest.mark.parametrize("task_type", sorted(ITEMS))
def test_perfect_submission_scores_100(task_type: str) -> None:
    gold, submission, params = ITEMS[task_type]
    result = score(task_type, gold, submission, params)
    assert result.score == 100.0
    assert result.passed
    assert all(entry["kind"] == "matched" for entry in result.feedback), result.feedback
    _json_roundtrip(result)


@pytest.mark.parametrize("task_type", sorted(ITEMS))
def test_empty_submission_never_raises(task_type: str) -> None:
    gold, _, params = ITEMS[task_type]
    result = score(task_type, gold, EMPTY_SUBMISSIONS[task_type], params)
    assert 0.0 <= result.score < 100.0
    assert not result.passed
    roundtrip = _json_roundtrip(result)
    assert set(roundtrip) == {"score", "passed", "metrics", "feedback", "overlay"}
    for entry in roundtrip["feedback"]:
        assert set(entry) == {"kind", "index", "gold_index", "message", "rule"}
        assert set(entry["message"]) == {"ko", "en"}


@pytest.mark.parametrize("task_type", ["bbox", "polygon", "ocr", "keypoints"])
def test_empty_gold_and_empty_submission(task_type: str) -> None:
    key = {"bbox": "objects", "polygon": "objects", "ocr": "lines", "keypoints": "people"}[task_type]
    result = score(task_type, {"pass_score": 80, key: []}, {key: []}, {})
    assert result.score == 100.0
    extra = copy.deepcopy(ITEMS[task_type][1])
    assert score(task_type, {"pass_score": 80, key: []}, extra, ITEMS[task_type][2]).score == 0.0


def test_unknown_type_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        score("video", {}, {}, {})


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**6), 10**6) | st.floats(-1e6, 1e6) | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(st.sampled_from(["label", "bbox", "polygon", "text", "keypoints", "occluded"]), children)
    ),
    max_leaves=30,
)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(ITEMS)), st.data())
def test_malformed_submissions_never_crash(task_type: str, data: st.DataObject) -> None:
    """The API validates shapes first; the scorer still must not raise on odd values."""
    gold, _, params = ITEMS[task_type]
    submission = {key: data.draw(json_values) for key in EMPTY_SUBMISSIONS[task_type]}
    result = score(task_type, gold, submission, params)
    assert 0.0 <= result.score <= 100.0
    _json_roundtrip(result)


def test_malformed_landmark_point_counts_as_missing() -> None:
    gold, perfect, params = ITEMS["landmarks"]
    points: list[Any] = list(perfect["points"])
    points[2] = "nose"
    result = score("landmarks", gold, {"points": points}, params)
    assert result.metrics["missing_points"] == 1 and result.metrics["nme"] == pytest.approx(0.2)
    assert [e["kind"] for e in result.feedback] == ["missed"]


def _perturbed_boxes(rng: random.Random, gold: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for obj in gold:
        if rng.random() < 0.2:
            continue
        x, y, w, h = obj["bbox"]
        label = obj["label"] if rng.random() < 0.8 else "truck"
        out.append(
            {
                "label": label,
                "bbox": [x + rng.uniform(-6, 6), y + rng.uniform(-6, 6), w, h],
                "occluded": rng.random() < 0.5,
            }
        )
    for _ in range(rng.randint(0, 3)):
        out.append({"label": "car", "bbox": [rng.uniform(0, 600), rng.uniform(0, 400), 30, 30], "occluded": False})
    return out


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_shuffling_the_submission_changes_nothing(seed: int) -> None:
    rng = random.Random(seed)
    gold_objects: list[dict[str, Any]] = [
        {
            "label": rng.choice(["car", "person"]),
            "bbox": [rng.uniform(0, 600), rng.uniform(0, 400), rng.uniform(20, 80), rng.uniform(20, 80)],
        }
        for _ in range(rng.randint(0, 8))
    ]
    gold = {"pass_score": 80, "iou_threshold": 0.5, "objects": gold_objects}
    cases: list[tuple[str, dict[str, Any], str, list[Any], dict[str, Any]]] = []
    boxes = _perturbed_boxes(rng, gold_objects)
    cases.append(("bbox", gold, "objects", boxes, {"attributes": ["occluded"]}))
    polygon_gold: dict[str, Any] = {
        "pass_score": 80,
        "iou_threshold": 0.5,
        "objects": [{"label": o["label"], "polygon": _rect_polygon(o["bbox"])} for o in gold_objects],
    }
    cases.append(
        (
            "polygon",
            polygon_gold,
            "objects",
            [{"label": b["label"], "polygon": _rect_polygon(b["bbox"])} for b in boxes],
            {},
        )
    )
    ocr_gold = {
        "pass_score": 80,
        "lines": [{"bbox": o["bbox"], "text": f"줄 {i} 텍스트"} for i, o in enumerate(gold_objects)],
    }
    cases.append(
        ("ocr", ocr_gold, "lines", [{"bbox": b["bbox"], "text": f"줄 {rng.randint(0, 9)} 텍스트"} for b in boxes], {})
    )
    _, keypoint_sub, _ = ITEMS["keypoints"]
    people = [
        {"keypoints": [v + rng.gauss(0, 4) if k % 3 != 2 else v for k, v in enumerate(p["keypoints"])]}
        for p in keypoint_sub["people"]
    ]
    people.append({"keypoints": _person(rng, cx=900, cy=900)})
    cases.append(("keypoints", ITEMS["keypoints"][0], "people", people, {}))
    for task_type, task_gold, key, items, params in cases:
        reference = score(task_type, task_gold, {key: items}, params)
        shuffled = list(items)
        rng.shuffle(shuffled)
        again = score(task_type, task_gold, {key: shuffled}, params)
        assert again.score == reference.score, task_type
        assert again.passed == reference.passed
        assert again.metrics == pytest.approx(reference.metrics, abs=1e-9), task_type
        assert sorted(e["kind"] for e in again.feedback) == sorted(e["kind"] for e in reference.feedback)


# --------------------------------------------------------------------------- score(): hand cases


def test_bbox_hand_cases() -> None:
    gold, perfect, params = ITEMS["bbox"]
    objects = perfect["objects"]
    # One of three objects missed: F1 = 0.8, everything else perfect.
    assert score("bbox", gold, {"objects": objects[:2]}, params).score == 80.0
    # Wrong class on one of three: label accuracy 2/3 -> 0.7 * 2/3 + 0.2 + 0.1 = 0.7667.
    relabelled = copy.deepcopy(objects)
    relabelled[0]["label"] = "truck"
    result = score("bbox", gold, {"objects": relabelled}, params)
    assert result.score == 76.7
    assert [e["kind"] for e in result.feedback].count("wrong_label") == 1
    # Attributes: 4 of 6 (object, attribute) pairs right -> 0.7 + 0.2 + 0.1 * 2/3.
    flipped = copy.deepcopy(objects)
    flipped[0]["occluded"] = False
    flipped[1]["truncated"] = False
    result = score("bbox", gold, {"objects": flipped}, params)
    assert result.metrics["attribute_accuracy"] == pytest.approx(4 / 6, abs=1e-6)
    assert result.score == 96.7
    # Without requested attributes the weights are 7/9 and 2/9; IoU 0.6 on one box of one.
    single: dict[str, Any] = {
        "pass_score": 80,
        "iou_threshold": 0.5,
        "objects": [{"label": "car", "bbox": [0, 0, 100, 100]}],
    }
    loose = {"objects": [{"label": "car", "bbox": [0, 0, 100, 100 / 0.6]}]}
    result = score("bbox", single, loose, {})
    assert result.metrics["mean_iou"] == pytest.approx(0.6)
    assert result.score == round(100 * (0.7 + 0.2 * 0.6) / 0.9, 1)
    assert [e["kind"] for e in result.feedback] == ["low_iou"]
    # A duplicate box is extra and named as a duplicate.
    duplicate = {"objects": [single["objects"][0], single["objects"][0]]}
    result = score("bbox", single, duplicate, {})
    assert result.metrics["precision"] == 0.5
    assert any(e["kind"] == "extra" and "duplicate" in e["message"]["en"] for e in result.feedback)


def test_classification_hand_cases() -> None:
    gold = {"pass_score": 80, "labels": ["cat"]}
    assert score("classification", gold, {"labels": ["dog"]}, {}).score == 0.0
    multi = {"pass_score": 80, "labels": ["rain", "night"]}
    result = score("classification", multi, {"labels": ["rain", "snow"]}, {"multi_label": True})
    assert result.metrics["f1"] == 0.5 and result.score == 50.0
    assert sorted(e["kind"] for e in result.feedback) == ["extra", "matched", "missed"]


def test_text_collection_hand_cases() -> None:
    gold, perfect, params = ITEMS["text_collection"]
    sentences = list(perfect["sentences"])
    with_phone = [sentences[0], "날씨 문의는 010-1234-5678로 연락 주세요.", sentences[0] + "!"]
    result = score("text_collection", gold, {"sentences": with_phone}, params)
    assert result.score == 33.3  # one of three passes: a phone number and a near-duplicate
    assert result.metrics["banned_hits"] == 1 and result.metrics["near_duplicates"] == 1
    assert not result.passed
    # Personal data fails the item even when the share of good sentences is high enough.
    many = {**params, "count": 10}
    ten = [
        "날씨가 맑아서 빨래를 널었다.",
        "비 오는 날씨에는 파전이 생각난다.",
        "날씨 앱이 자꾸 틀려서 우산을 챙겼다.",
        "추운 날씨 탓에 감기에 걸렸다.",
        "여름 날씨는 습하고 덥다.",
        "봄 날씨가 변덕스러워 옷 고르기가 어렵다.",
        "날씨 좋은 날 한강에서 자전거를 탔다.",
        "흐린 날씨라 사진이 어둡게 나왔다.",
        "눈 오는 날씨에 아이들이 눈사람을 만들었다.",
    ]
    ten.append("날씨 소식 보내 주세요 hong.gildong@example.com 으로")
    result = score("text_collection", gold, {"sentences": ten}, many)
    assert result.score == 90.0 and not result.passed
    # Missing words, too short, surplus sentences.
    result = score("text_collection", gold, {"sentences": [*sentences, "짧다", "비가 오고 바람도 많이 분다."]}, params)
    assert result.score == 60.0  # 3 credited of max(3, 5)
    assert result.metrics["surplus_sentences"] == 2
    assert score("text_collection", gold, {"sentences": sentences[:1]}, params).score == 33.3


def test_ocr_hand_case() -> None:
    gold, perfect, params = ITEMS["ocr"]
    line = dict(perfect["lines"][0])
    line["text"] = "영업시간 09:00~18:00".replace("09", "O9").replace("18", "l8")  # 2 of 18 characters wrong
    result = score("ocr", gold, {"lines": [line]}, params)
    line_cer = 2 / len("영업시간 09:00~18:00")
    assert result.metrics["cer"] == pytest.approx((line_cer + 1) / 2, abs=1e-6)
    assert result.score == round(100 * (0.7 * (1 - (line_cer + 1) / 2) + 0.2 * 2 / 3 + 0.1), 1)
    kinds = [e["kind"] for e in result.feedback]
    assert kinds.count("missed") == 1 and kinds.count("char_diff") == 2


def test_transcription_hand_cases() -> None:
    gold = {"pass_score": 80, "text": "가나다라마 바사아자차", "max_cer": 0.1}
    one = score("transcription", gold, {"text": "가나다라마 바사아자카"}, {})
    assert one.metrics["cer"] == pytest.approx(0.1) and one.score == 90.0 and one.passed
    two = score("transcription", gold, {"text": "가나다라마 바사아차카"}, {})
    assert two.score == 80.0 and not two.passed  # score reaches pass_score but cer > max_cer
    spacing = score("transcription", gold, {"text": "가나다라마바사아자차"}, {})
    assert spacing.score == 100.0 and spacing.metrics["wer"] == 1.0
    assert [e["kind"] for e in spacing.feedback] == ["spacing"]
    tags_gold, _, _ = ITEMS["transcription"]
    untagged = score("transcription", tags_gold, {"text": "아/ 모+ 몬 소리야 (70%)/(칠십 퍼센트) 확률이라니"}, {})
    assert {"b/", "n/"} <= {e["message"]["en"].split("'")[1] for e in untagged.feedback if e["kind"] == "rule"}
    assert untagged.overlay["diff"][0] == ["delete", "b/ ", ""] or untagged.overlay["diff"][0] == ("delete", "b/ ", "")


def test_landmarks_hand_cases() -> None:
    gold, perfect, params = ITEMS["landmarks"]  # inter-ocular distance 60
    shifted = {"points": [[x + 3.6, y] for x, y in perfect["points"]]}  # NME 0.06
    result = score("landmarks", gold, shifted, params)
    assert result.metrics["nme"] == pytest.approx(0.06)
    assert result.score == 85.0 and result.passed  # 100 * (1 - 0.06 / 0.4)
    far = {"points": [[x + 6, y] for x, y in perfect["points"]]}  # NME 0.1 > max_nme
    result = score("landmarks", gold, far, params)
    assert result.score == 75.0 and not result.passed
    assert [e["kind"] for e in result.feedback].count("misplaced_point") == 5
    missing = score("landmarks", gold, {"points": perfect["points"][:4]}, params)
    assert missing.metrics["nme"] == pytest.approx(0.2)  # one missing point costs one inter-ocular distance


def test_keypoints_hand_cases() -> None:
    gold, perfect, params = ITEMS["keypoints"]
    people = gold["people"]
    # Missing one of three people: mean OKS 2/3.
    result = score("keypoints", gold, {"people": perfect["people"][:2]}, params)
    assert result.metrics["mean_oks"] == pytest.approx(2 / 3, abs=1e-6)
    assert result.score == round(100 * (0.9 * 2 / 3 + 0.1), 1) and not result.passed
    # Moved points: OKS as computed by oks(), scored 90 % OKS + 10 % visibility.
    moved = [{"keypoints": [v + 6 if k % 3 != 2 else v for k, v in enumerate(p["keypoints"])]} for p in people]
    result = score("keypoints", gold, {"people": moved}, params)
    expected = np.mean(
        [oks(p["keypoints"], m["keypoints"], p["area"], bbox=p["bbox"]) for p, m in zip(people, moved, strict=True)]
    )
    assert result.metrics["mean_oks"] == pytest.approx(expected, abs=1e-6)
    assert result.score == round(100 * (0.9 * expected + 0.1), 1)
    # Wrong visibility flags are reported and cost the visibility share.
    flags = copy.deepcopy(perfect["people"])
    visible = [k for k in range(17) if flags[0]["keypoints"][3 * k + 2] == 2]
    flags[0]["keypoints"][3 * visible[0] + 2] = 1
    result = score("keypoints", gold, {"people": flags}, params)
    assert [e["kind"] for e in result.feedback].count("wrong_visibility") == 1
    assert result.metrics["visibility_accuracy"] == pytest.approx(1 - 1 / 51, abs=1e-6)


def test_keypoints_left_right_swap_is_named() -> None:
    rng = random.Random(3)
    keypoints = []
    for k in range(17):
        side = -1 if k in (1, 3, 5, 7, 9, 11, 13, 15) else (1 if k else 0)
        keypoints += [300 + side * 60 + rng.uniform(-3, 3), 100 + 25 * k, 2.0]
    gold = {"pass_score": 80, "people": [{"keypoints": keypoints, "area": 30000.0, "bbox": [200, 80, 200, 450]}]}
    swapped = [0.0] * 51
    for k, mirror in enumerate(scoring.COCO_FLIP):
        swapped[3 * k : 3 * k + 3] = keypoints[3 * mirror : 3 * mirror + 3]
    result = score("keypoints", gold, {"people": [{"keypoints": swapped}]}, {})
    kinds = [e["kind"] for e in result.feedback]
    assert any(e["kind"] == "rule" and "left/right" in e["message"]["en"] for e in result.feedback)
    assert "missed" not in kinds and "extra" not in kinds and "misplaced_point" not in kinds
    assert result.metrics["mean_oks"] < 0.1  # scored with the real, swapped OKS


def test_inspection_hand_cases() -> None:
    gold, _, params = ITEMS["inspection"]
    partial = {"decision": "reject", "reasons": ["loose_box", "missed_object"], "faulty_objects": [1]}
    result = score("inspection", gold, partial, params)
    # reason F1 = 0.5, faulty F1 = 2/3 -> 0.5 + 0.15 + 0.1333
    assert result.score == round(100 * (0.5 + 0.3 * 0.5 + 0.2 * 2 / 3), 1)
    assert result.metrics["faulty_recall"] == 0.5 and result.metrics["faulty_precision"] == 1.0
    kinds = sorted(e["kind"] for e in result.feedback)
    assert kinds == ["extra_reason", "matched", "missed_fault", "missed_reason"]
    assert score("inspection", gold, {"decision": "accept", "reasons": [], "faulty_objects": []}, params).score == 0.0
    accept_gold = {"pass_score": 80, "decision": "accept", "reasons": [], "faulty_objects": []}
    assert score("inspection", accept_gold, {"decision": "accept"}, params).score == 100.0
    wrong = score(
        "inspection", accept_gold, {"decision": "reject", "reasons": ["loose_box"], "faulty_objects": [0]}, params
    )
    assert wrong.score == 0.0 and not wrong.passed
