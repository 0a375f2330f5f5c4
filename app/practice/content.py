"""Labeling items in content/ (practice/<module>/<item>/ and exams/items/<item>/): check and load."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.content.files import Problem, YamlDoc, display_path, file_hash, parse_model, read_yaml
from app.courses import markdown
from app.db import utcnow
from app.practice.models import LabelItem
from app.practice.schemas import ItemFile
from app.practice.service import review_objects

NAME = "practice"
COORD_TYPES = {"bbox", "polygon", "ocr", "landmarks", "keypoints"}


@dataclass
class ItemSource:
    folder: Path
    kind: str
    spec: ItemFile
    gold: dict[str, Any]
    content_hash: str


def _check_box(doc: YamlDoc, loc: list[Any], box: Any, width: int | None, height: int | None,
               problems: list[Problem]) -> None:
    if not (isinstance(box, list) and len(box) == 4 and all(isinstance(v, int | float) for v in box)):
        problems.append(doc.problem(loc, "bbox must be [x, y, w, h] numbers"))
        return
    x, y, w, h = box
    if w <= 0 or h <= 0:
        problems.append(doc.problem(loc, "bbox width and height must be positive"))
    if width and height and (x < 0 or y < 0 or x + w > width + 0.5 or y + h > height + 0.5):
        problems.append(doc.problem(loc, f"bbox lies outside the {width}×{height} image"))


def check_gold(doc: YamlDoc, spec: ItemFile, gold: dict[str, Any], problems: list[Problem]) -> None:
    """Type-specific checks of gold.yaml: required keys, geometry inside the asset, known labels."""
    if not isinstance(gold.get("pass_score"), int | float) or not 0 <= gold["pass_score"] <= 100:
        problems.append(doc.problem(["pass_score"], "pass_score (0–100) is required"))
    width = spec.asset.width if spec.asset else None
    height = spec.asset.height if spec.asset else None
    label_ids = {label.id for label in spec.labels}
    kind = spec.type

    def need(key: str, kind_of: type | tuple[type, ...]) -> Any:
        value = gold.get(key)
        if not isinstance(value, kind_of):
            problems.append(doc.problem([key] if key in gold else [], f"gold needs '{key}'"))
            return None
        return value

    if kind in COORD_TYPES and (not spec.asset or spec.asset.kind != "image" or not width or not height):
        problems.append(doc.problem([], f"a {kind} item needs an image asset with width and height"))
    if kind == "classification":
        labels = need("labels", list)
        for index, label in enumerate(labels or []):
            if label not in label_ids:
                problems.append(doc.problem(["labels", index], f"gold label '{label}' is not in the item's labels"))
        if not label_ids:
            problems.append(doc.problem([], "a classification item lists its labels in item.yaml"))
    elif kind == "text_collection":
        need("min_length", int)
    elif kind in ("bbox", "polygon"):
        need("iou_threshold", (float, int))
        for index, obj in enumerate(need("objects", list) or []):
            if obj.get("label") not in label_ids:
                problems.append(doc.problem(["objects", index, "label"], f"unknown label '{obj.get('label')}'"))
            if kind == "bbox":
                _check_box(doc, ["objects", index, "bbox"], obj.get("bbox"), width, height, problems)
            elif not isinstance(obj.get("polygon"), list) or len(obj["polygon"]) < 6:
                problems.append(doc.problem(["objects", index], "polygon needs at least 3 points"))
    elif kind == "ocr":
        need("iou_threshold", (float, int))
        for index, line in enumerate(need("lines", list) or []):
            _check_box(doc, ["lines", index, "bbox"], line.get("bbox"), width, height, problems)
            if not isinstance(line.get("text"), str) or not line["text"]:
                problems.append(doc.problem(["lines", index], "every line needs its text"))
    elif kind == "transcription":
        need("text", str)
    elif kind == "landmarks":
        points = need("points", list) or []
        for key in ("left_eye", "right_eye"):
            value = gold.get(key)
            if not isinstance(value, int) or not 0 <= value < len(points):
                problems.append(doc.problem([key] if key in gold else [], f"{key} must index a gold point"))
    elif kind == "keypoints":
        for index, person in enumerate(need("people", list) or []):
            keypoints = person.get("keypoints") if isinstance(person, dict) else None
            if not isinstance(keypoints, list) or len(keypoints) % 3:
                problems.append(doc.problem(["people", index], "keypoints are a flat [x, y, v, …] list"))
    elif kind == "inspection":
        if gold.get("decision") not in ("accept", "reject"):
            problems.append(doc.problem(["decision"] if "decision" in gold else [],
                                        "decision must be accept or reject"))
        reason_ids = {r.get("id") for r in spec.params.get("reasons", []) if isinstance(r, dict)}
        for index, reason in enumerate(gold.get("reasons") or []):
            if reason not in reason_ids:
                problems.append(doc.problem(["reasons", index], f"reason '{reason}' is not offered in params.reasons"))
        count = len(review_objects(spec.params.get("review") or {}))
        for index, obj in enumerate(gold.get("faulty_objects") or []):
            if not isinstance(obj, int) or not 0 <= obj < count:
                problems.append(doc.problem(["faulty_objects", index],
                                            f"faulty object {obj} is not one of the {count} objects under review"))
        if "review" not in spec.params:
            problems.append(Problem(doc.display.replace("gold.yaml", "item.yaml"), 1,
                                    "an inspection item shows the labels under review in params.review"))


def read_items(root: Path, problems: list[Problem]) -> list[ItemSource]:
    sources: list[ItemSource] = []
    folders = [(p.parent, "practice") for p in sorted((root / "practice").glob("*/*/item.yaml"))]
    folders += [(p.parent, "exam") for p in sorted((root / "exams" / "items").glob("*/item.yaml"))]
    seen: dict[str, str] = {}
    for folder, kind in folders:
        doc = read_yaml(folder / "item.yaml", root, problems)
        spec = parse_model(doc, ItemFile, problems) if doc else None
        gold_path = folder / "gold.yaml"
        if not gold_path.exists():
            problems.append(Problem(display_path(gold_path, root), 1, "missing gold.yaml"))
            continue
        gold_doc = read_yaml(gold_path, root, problems)
        if doc is None or spec is None or gold_doc is None:
            continue
        if spec.slug != folder.name:
            problems.append(doc.problem(["slug"], f"slug '{spec.slug}' differs from its folder '{folder.name}'"))
        if spec.slug in seen:
            problems.append(doc.problem(["slug"], f"duplicate item slug '{spec.slug}' (also {seen[spec.slug]})"))
            continue
        seen[spec.slug] = display_path(folder, root)
        if kind == "practice" and spec.module != folder.parent.name:
            problems.append(doc.problem(["module"], f"module must be '{folder.parent.name}' (its folder)"))
        if kind == "exam" and (not spec.pool or not spec.topic):
            problems.append(doc.problem([], "an exam item needs pool and topic"))
        if spec.asset and spec.asset.file and not (folder / spec.asset.file).is_file():
            problems.append(doc.problem(["asset", "file"], f"asset file '{spec.asset.file}' is missing"))
        if spec.asset and spec.asset.kind == "text" and spec.asset.text is None:
            problems.append(doc.problem(["asset"], "a text asset needs its text in ko and en"))
        gold = gold_doc.data if isinstance(gold_doc.data, dict) else {}
        check_gold(gold_doc, spec, gold, problems)
        files = [folder / "item.yaml", gold_path]
        if spec.asset and spec.asset.file and (folder / spec.asset.file).is_file():
            files.append(folder / spec.asset.file)
        sources.append(ItemSource(folder=folder, kind=kind, spec=spec, gold=gold,
                                  content_hash=file_hash(*files)))
    return sources


def read(root: Path, problems: list[Problem]) -> list[ItemSource]:
    """The loader's entry point: read and check every item."""
    return read_items(root, problems)


def load(session: Session, sources: list[ItemSource], root: Path) -> dict[str, Any]:
    """Upsert items by slug; retire the ones the files no longer have (submissions are kept)."""
    existing = {item.slug: item for item in session.scalars(select(LabelItem))}
    seen: set[str] = set()
    changed = retired = 0
    for position, source in enumerate(sources):
        spec = source.spec
        seen.add(spec.slug)
        item = existing.get(spec.slug)
        if item is not None and item.content_hash == source.content_hash and item.retired_at is None:
            continue
        if item is None:
            item = LabelItem(slug=spec.slug)
            session.add(item)
        changed += 1
        item.kind = source.kind
        item.module_slug = spec.module
        item.pool = spec.pool
        item.topic = spec.topic or spec.type
        item.task_type = spec.type
        item.difficulty = spec.difficulty
        item.position = position
        item.folder = str(source.folder.relative_to(root))
        item.title = spec.title.model_dump()
        item.instructions_html = {
            "ko": markdown.render(spec.instructions.ko, "")[0],
            "en": markdown.render(spec.instructions.en, "")[0],
        }
        item.asset = spec.asset.model_dump(exclude_none=True) if spec.asset else None
        item.labels = [label.model_dump() for label in spec.labels]
        item.params = spec.params
        item.gold = source.gold
        item.content_hash = source.content_hash
        item.retired_at = None
    now = utcnow()
    for slug, item in existing.items():
        if slug not in seen and item.retired_at is None:
            item.retired_at = now
            retired += 1
    session.flush()
    practice = sum(1 for s in sources if s.kind == "practice")
    return {"items": len(sources), "practice": practice, "exam": len(sources) - practice,
            "changed": changed, "retired": retired,
            "summary": f"{practice} practice items, {len(sources) - practice} exam items "
                       f"({changed} changed, {retired} retired)"}
