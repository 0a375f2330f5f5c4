"""Throughput of app.practice.scoring next to pycocotools on the same data.

Two items: an image with 100 gold boxes (submission: the same boxes jittered, a few relabelled,
5 dropped, 5 extra) and an image with 20 gold people in COCO-17 keypoints (submission: jittered
points, one visibility flag in ten changed). Every row scores the same item repeatedly for at least
``--seconds``, ``--repeat`` times, and reports the best rate in items per second (the best of
several runs is the least disturbed by other processes).

    .venv/bin/python bench/scoring/run.py [--seconds 1.0] [--repeat 3]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import platform
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from pycocotools import mask as mask_utils
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.practice import scoring  # noqa: E402


def _bbox_item(rng: random.Random) -> tuple[dict[str, Any], dict[str, Any]]:
    gold_objects: list[dict[str, Any]] = []
    for _ in range(100):
        w, h = rng.uniform(10, 120), rng.uniform(10, 120)
        gold_objects.append(
            {
                "label": rng.choice(["car", "person", "bus", "bicycle"]),
                "bbox": [rng.uniform(0, 1920 - w), rng.uniform(0, 1080 - h), w, h],
                "occluded": rng.random() < 0.3,
                "truncated": rng.random() < 0.1,
            }
        )
    submitted = []
    for obj in gold_objects[5:]:
        x, y, w, h = obj["bbox"]
        submitted.append(
            {
                "label": obj["label"] if rng.random() < 0.95 else "truck",
                "bbox": [x + rng.gauss(0, 2), y + rng.gauss(0, 2), w * rng.uniform(0.95, 1.05), h],
                "occluded": obj["occluded"] if rng.random() < 0.9 else not obj["occluded"],
                "truncated": obj["truncated"],
            }
        )
    for _ in range(5):
        submitted.append({"label": "car", "bbox": [rng.uniform(0, 1800), rng.uniform(0, 1000), 40, 40]})
    rng.shuffle(submitted)
    gold = {"pass_score": 80, "iou_threshold": 0.5, "objects": gold_objects}
    return gold, {"objects": submitted}


def _keypoint_item(rng: random.Random) -> tuple[dict[str, Any], dict[str, Any]]:
    people: list[dict[str, Any]] = []
    for i in range(20):
        cx, cy = 90 + 90 * (i % 20), 300 + rng.uniform(-50, 50)
        keypoints: list[float] = []
        for _ in range(17):
            v = rng.choice([0, 1, 2, 2, 2, 2])
            keypoints += (
                [0.0, 0.0, 0.0] if v == 0 else [cx + rng.uniform(-30, 30), cy + rng.uniform(-120, 120), float(v)]
            )
        keypoints[2] = 2.0
        keypoints[0:2] = [cx, cy - 120]
        people.append({"keypoints": keypoints, "area": rng.uniform(4000, 12000), "bbox": [cx - 35, cy - 125, 70, 250]})
    submitted = []
    for person in people:
        jittered = []
        for k, value in enumerate(person["keypoints"]):
            if k % 3 == 2:
                jittered.append(value if rng.random() < 0.9 else float(rng.choice([0, 1, 2])))
            else:
                jittered.append(value + rng.gauss(0, 3))
        submitted.append({"keypoints": jittered})
    rng.shuffle(submitted)
    return {"pass_score": 80, "people": people, "min_oks": 0.75}, {"people": submitted}


def _quiet() -> contextlib.AbstractContextManager[Any]:
    return contextlib.redirect_stdout(io.StringIO())


def _coco_bbox(gold: dict[str, Any], submission: dict[str, Any]) -> tuple[COCO, COCO]:
    categories = sorted({o["label"] for o in gold["objects"]} | {o["label"] for o in submission["objects"]})
    ids = {name: i + 1 for i, name in enumerate(categories)}
    dataset = {
        "images": [{"id": 1, "width": 1920, "height": 1080}],
        "categories": [{"id": i, "name": n} for n, i in ids.items()],
        "annotations": [
            {
                "id": i + 1,
                "image_id": 1,
                "category_id": ids[o["label"]],
                "bbox": o["bbox"],
                "area": o["bbox"][2] * o["bbox"][3],
                "iscrowd": 0,
            }
            for i, o in enumerate(gold["objects"])
        ],
    }
    detections = [
        {"image_id": 1, "category_id": ids[o["label"]], "bbox": list(o["bbox"]), "score": 1.0}
        for o in submission["objects"]
    ]
    with _quiet():
        coco_gt = COCO()
        coco_gt.dataset = dataset
        coco_gt.createIndex()
        coco_dt = coco_gt.loadRes(detections)
    return coco_gt, coco_dt


def _coco_keypoints(gold: dict[str, Any], submission: dict[str, Any]) -> tuple[COCO, COCO]:
    dataset = {
        "images": [{"id": 1, "width": 1920, "height": 1080}],
        "categories": [{"id": 1, "name": "person", "keypoints": [str(k) for k in range(17)], "skeleton": []}],
        "annotations": [
            {
                "id": i + 1,
                "image_id": 1,
                "category_id": 1,
                "keypoints": p["keypoints"],
                "num_keypoints": sum(v > 0 for v in p["keypoints"][2::3]),
                "area": p["area"],
                "bbox": p["bbox"],
                "iscrowd": 0,
            }
            for i, p in enumerate(gold["people"])
        ],
    }
    detections = [
        {"image_id": 1, "category_id": 1, "keypoints": list(p["keypoints"]), "score": 1.0} for p in submission["people"]
    ]
    with _quiet():
        coco_gt = COCO()
        coco_gt.dataset = dataset
        coco_gt.createIndex()
        coco_dt = coco_gt.loadRes(detections)
    return coco_gt, coco_dt


def _evaluate(coco_gt: COCO, coco_dt: COCO, iou_type: str) -> None:
    with _quiet():
        evaluator = COCOeval(coco_gt, coco_dt, iou_type)
        evaluator.evaluate()


def _rate(function: Callable[[], object], seconds: float) -> float:
    function()  # warm-up
    count = 0
    start = time.perf_counter()
    while True:
        function()
        count += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return count / elapsed


def main() -> None:
    """Run every row and print the table."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=1.0, help="minimum time per measurement")
    parser.add_argument("--repeat", type=int, default=3, help="measurements per row; the best is shown")
    args = parser.parse_args()
    rng = random.Random(2024)

    bbox_gold, bbox_sub = _bbox_item(rng)
    bbox_params = {"attributes": ["occluded", "truncated"]}
    gold_boxes = np.array([o["bbox"] for o in bbox_gold["objects"]])
    sub_boxes = np.array([o["bbox"] for o in bbox_sub["objects"]])
    bbox_coco = _coco_bbox(bbox_gold, bbox_sub)

    kp_gold, kp_sub = _keypoint_item(rng)
    gold_kps = [p["keypoints"] for p in kp_gold["people"]]
    sub_kps = [p["keypoints"] for p in kp_sub["people"]]
    areas = [p["area"] for p in kp_gold["people"]]
    bboxes = [p["bbox"] for p in kp_gold["people"]]
    kp_coco = _coco_keypoints(kp_gold, kp_sub)

    def coco_oks_only() -> object:
        with _quiet():
            evaluator = COCOeval(*kp_coco, "keypoints")
            evaluator._prepare()
            return evaluator.computeOks(1, 1)

    rows: list[tuple[str, str, Callable[[], object]]] = [
        (
            "100 boxes",
            "ours: score('bbox') incl. feedback + overlay",
            lambda: scoring.score("bbox", bbox_gold, bbox_sub, bbox_params),
        ),
        (
            "100 boxes",
            "ours: iou_matrix + match",
            lambda: scoring.match(scoring.iou_matrix(gold_boxes, sub_boxes), 0.5),
        ),
        ("100 boxes", "pycocotools: mask.iou", lambda: mask_utils.iou(sub_boxes, gold_boxes, [0] * len(gold_boxes))),
        ("100 boxes", "pycocotools: COCOeval.evaluate (COCO objects prebuilt)", lambda: _evaluate(*bbox_coco, "bbox")),
        (
            "100 boxes",
            "pycocotools: build COCO objects + COCOeval.evaluate",
            lambda: _evaluate(*_coco_bbox(bbox_gold, bbox_sub), "bbox"),
        ),
        (
            "20 people",
            "ours: score('keypoints') incl. feedback + overlay",
            lambda: scoring.score("keypoints", kp_gold, kp_sub, {}),
        ),
        (
            "20 people",
            "ours: oks_matrix + match",
            lambda: scoring.match(scoring.oks_matrix(gold_kps, sub_kps, areas, bboxes=bboxes), 0.1),
        ),
        ("20 people", "pycocotools: COCOeval.computeOks", coco_oks_only),
        (
            "20 people",
            "pycocotools: COCOeval.evaluate (COCO objects prebuilt)",
            lambda: _evaluate(*kp_coco, "keypoints"),
        ),
        (
            "20 people",
            "pycocotools: build COCO objects + COCOeval.evaluate",
            lambda: _evaluate(*_coco_keypoints(kp_gold, kp_sub), "keypoints"),
        ),
    ]

    result = scoring.score("bbox", bbox_gold, bbox_sub, bbox_params)
    kp_result = scoring.score("keypoints", kp_gold, kp_sub, {})
    print(f"python {platform.python_version()}, numpy {np.__version__}, {os.cpu_count()} CPUs, {platform.machine()}")
    print(f"bbox item: score {result.score}, F1 {result.metrics['f1']:.3f}, feedback entries {len(result.feedback)}")
    print(
        f"keypoint item: score {kp_result.score}, mean OKS {kp_result.metrics['mean_oks']:.3f}, "
        f"feedback entries {len(kp_result.feedback)}"
    )
    print()
    print(f"| {'item':<10} | {'implementation':<56} | {'items/s':>9} | {'ms/item':>8} |")
    print(f"|{'-' * 12}|{'-' * 58}|{'-' * 10}:|{'-' * 9}:|")
    for item, name, function in rows:
        rate = max(_rate(function, args.seconds) for _ in range(args.repeat))
        print(f"| {item:<10} | {name:<56} | {rate:>9,.0f} | {1000 / rate:>8.3f} |")


if __name__ == "__main__":
    main()
