"""Practice logic: items for trainees (never gold), submission checks, scoring, history."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.accounts.models import User
from app.db import get_or_create, utcnow
from app.errors import Invalid, NotFound
from app.i18n import N_, pick
from app.practice import scoring
from app.practice.models import LabelItem, PracticeDraft, PracticeStatus, PracticeSubmission
from app.practice.schemas import MAX_BODY_BYTES, SubmissionIn

FIELDS_BY_TYPE = {
    "classification": ("labels",),
    "text_collection": ("sentences",),
    "bbox": ("objects",),
    "polygon": ("objects",),
    "ocr": ("lines",),
    "transcription": ("text",),
    "landmarks": ("points",),
    "keypoints": ("people",),
    "inspection": ("decision", "reasons", "faulty_objects"),
}


def practice_items(session: Session, module_slug: str | None = None) -> list[LabelItem]:
    query = select(LabelItem).where(LabelItem.kind == "practice", LabelItem.retired_at.is_(None))
    if module_slug is not None:
        query = query.where(LabelItem.module_slug == module_slug)
    return list(session.scalars(query.order_by(LabelItem.position)))


def item_by_slug(session: Session, slug: str, kind: str = "practice") -> LabelItem:
    item = session.scalar(
        select(LabelItem).where(LabelItem.slug == slug, LabelItem.kind == kind, LabelItem.retired_at.is_(None))
    )
    if item is None:
        raise NotFound(N_("No such practice task."))
    return item


def public_item(item: LabelItem, locale: str) -> dict[str, Any]:
    """Everything the workspace needs, and nothing of the gold (thresholds included)."""
    asset = dict(item.asset) if item.asset else None
    if asset and asset.get("file"):
        asset["url"] = asset_url(item)
    if asset and asset.get("kind") == "text":
        asset["text"] = pick(asset.get("text"), locale)
    return {
        "slug": item.slug,
        "type": item.task_type,
        "module": item.module_slug,
        "difficulty": item.difficulty,
        "title": pick(item.title, locale),
        "instructions_html": pick(item.instructions_html, locale),
        "asset": asset,
        "labels": [{"id": label["id"], "name": label.get(locale) or label.get("ko")} for label in item.labels],
        "params": public_params(item, locale),
    }


def public_params(item: LabelItem, locale: str) -> dict[str, Any]:
    params = dict(item.params)
    if "reasons" in params:
        params["reasons"] = [{"id": r["id"], "name": r.get(locale) or r.get("ko")} for r in params["reasons"]]
    return params


def asset_url(item: LabelItem) -> str:
    return f"/practice-assets/{item.slug}/{item.asset['file'] if item.asset else ''}"


def review_objects(review: dict[str, Any]) -> list[Any]:
    """The objects an inspector can mark as faulty: boxes, polygons, lines, people or points."""
    for key in ("objects", "lines", "people", "points"):
        if review.get(key):
            return list(review[key])
    return []


def _error(field: str, message: str) -> Invalid:
    return Invalid(f"{field}: {message}")


def check_submission(item: LabelItem, body: SubmissionIn, raw_size: int) -> dict[str, Any]:
    """Check a submission against its item (right fields, geometry inside the image, known ids)."""
    if raw_size > MAX_BODY_BYTES:
        raise _error("body", f"the request body is larger than {MAX_BODY_BYTES // 1024} KB")
    allowed = FIELDS_BY_TYPE[item.task_type]
    data = body.model_dump(exclude_none=True)
    for field in data:
        if field not in allowed:
            raise _error(field, f"not used by a {item.task_type} task (send {', '.join(allowed)})")
    if allowed[0] not in data:
        raise _error(allowed[0], "required")
    width = (item.asset or {}).get("width")
    height = (item.asset or {}).get("height")
    label_ids = {label["id"] for label in item.labels}
    max_objects = int(item.params.get("max_objects", 100))

    def inside(field: str, x: float, y: float) -> None:
        if width and height and not (-0.5 <= x <= width + 0.5 and -0.5 <= y <= height + 0.5):
            raise _error(field, f"point ({x:g}, {y:g}) lies outside the {width}×{height} image")

    def box(field: str, values: list[float]) -> None:
        x, y, w, h = values
        if w <= 0 or h <= 0:
            raise _error(field, "width and height must be positive")
        inside(field, x, y)
        inside(field, x + w, y + h)

    kind = item.task_type
    if kind == "classification":
        labels = data["labels"]
        if not item.params.get("multi_label") and len(labels) > 1:
            raise _error("labels", "choose exactly one label")
        for index, label in enumerate(labels):
            if label not in label_ids:
                raise _error(f"labels[{index}]", f"unknown label '{label}'")
    elif kind in ("bbox", "polygon"):
        objects = data["objects"]
        if len(objects) > max_objects:
            raise _error("objects", f"at most {max_objects} objects")
        for index, obj in enumerate(objects):
            field = f"objects[{index}]"
            if obj["label"] not in label_ids:
                raise _error(f"{field}.label", f"unknown label '{obj['label']}'")
            if kind == "bbox":
                if "bbox" not in obj:
                    raise _error(f"{field}.bbox", "required")
                box(f"{field}.bbox", obj["bbox"])
            else:
                if "polygon" not in obj:
                    raise _error(f"{field}.polygon", "required")
                coords = obj["polygon"]
                for p in range(0, len(coords), 2):
                    inside(f"{field}.polygon", coords[p], coords[p + 1])
    elif kind == "ocr":
        lines = data["lines"]
        if len(lines) > int(item.params.get("max_lines", 100)):
            raise _error("lines", "too many lines")
        for index, line in enumerate(lines):
            box(f"lines[{index}].bbox", line["bbox"])
    elif kind == "landmarks":
        expected = len(item.params.get("point_names") or []) or None
        points = data["points"]
        if expected is not None and len(points) > expected:
            raise _error("points", f"this scheme has {expected} points")
        for index, (x, y) in enumerate(points):
            inside(f"points[{index}]", x, y)
    elif kind == "keypoints":
        names = item.params.get("point_names") or []
        expected = len(names) or 17
        for index, person in enumerate(data["people"]):
            values = person["keypoints"]
            if len(values) != 3 * expected:
                raise _error(f"people[{index}].keypoints", f"needs {expected} points as x, y, v triples")
            for k in range(expected):
                x, y, v = values[3 * k : 3 * k + 3]
                if v not in (0, 1, 2):
                    raise _error(f"people[{index}].keypoints[{k}]", "visibility must be 0, 1 or 2")
                if v > 0:
                    inside(f"people[{index}].keypoints[{k}]", x, y)
    elif kind == "inspection":
        reasons = {r["id"] for r in item.params.get("reasons", [])}
        for index, reason in enumerate(data.get("reasons", [])):
            if reason not in reasons:
                raise _error(f"reasons[{index}]", f"unknown reason '{reason}'")
        review = item.params.get("review") or {}
        count = len(review_objects(review))
        for index, obj in enumerate(data.get("faulty_objects", [])):
            if obj >= max(count, 1):
                raise _error(f"faulty_objects[{index}]", f"there is no object #{obj + 1} under review")
    return data


@dataclass
class SubmissionOutcome:
    submission: PracticeSubmission
    best_score: float
    attempts: int
    passed_before: bool


def submit(session: Session, *, user: User, item: LabelItem, body: SubmissionIn, raw_size: int) -> SubmissionOutcome:
    """Score a submission, store it with its feedback and update the learner's standing."""
    data = check_submission(item, body, raw_size)
    result = scoring.score(item.task_type, item.gold, data, item.params)
    outcome = result.to_dict()
    submission = PracticeSubmission(
        user_id=user.id,
        item_id=item.id,
        body=data,
        score=float(result.score),
        passed=bool(result.passed),
        result=outcome,
        content_hash=item.content_hash,
    )
    session.add(submission)
    status = _status_row(session, user.id, item.id)
    passed_before = status.passed_at is not None
    status.attempts += 1
    status.best_score = max(status.best_score, float(result.score))
    if result.passed and status.passed_at is None:
        status.passed_at = utcnow()
    session.flush()
    if result.passed and not passed_before and item.module_slug:
        from app.courses import service as course_service

        course_service.refresh_for_practice(session, user=user, item_slug=item.slug)
    return SubmissionOutcome(
        submission=submission, best_score=status.best_score, attempts=status.attempts, passed_before=passed_before
    )


def _status_row(session: Session, user_id: int, item_id: int) -> PracticeStatus:
    return get_or_create(session, PracticeStatus, user_id=user_id, item_id=item_id)


def statuses(session: Session, user_id: int, item_ids: list[int] | None = None) -> dict[int, PracticeStatus]:
    query = select(PracticeStatus).where(PracticeStatus.user_id == user_id)
    if item_ids is not None:
        query = query.where(PracticeStatus.item_id.in_(item_ids))
    return {row.item_id: row for row in session.scalars(query)}


def passed_item_slugs(session: Session, *, user_id: int, slugs: list[str]) -> set[str]:
    """Which of these practice items the user has passed (used by course completion)."""
    if not slugs:
        return set()
    rows = session.execute(
        select(LabelItem.slug)
        .join(PracticeStatus, PracticeStatus.item_id == LabelItem.id)
        .where(PracticeStatus.user_id == user_id, PracticeStatus.passed_at.is_not(None), LabelItem.slug.in_(slugs))
    )
    return {slug for (slug,) in rows}


def item_summaries(session: Session, *, user_id: int, slugs: list[str]) -> list[dict[str, Any]]:
    """Title, best score and pass state of the given items, in the given order."""
    from app.i18n import current_locale

    items = {
        i.slug: i
        for i in session.scalars(select(LabelItem).where(LabelItem.slug.in_(slugs), LabelItem.retired_at.is_(None)))
    }
    status = statuses(session, user_id, [i.id for i in items.values()])
    out = []
    for slug in slugs:
        item = items.get(slug)
        row = status.get(item.id) if item else None
        out.append(
            {
                "slug": slug,
                "title": pick(item.title, current_locale.get()) if item else None,
                "type": item.task_type if item else None,
                "passed": bool(row and row.passed_at),
                "best": round(row.best_score) if row and row.attempts else None,
                "attempts": row.attempts if row else 0,
            }
        )
    return out


def history(session: Session, *, user_id: int, item_id: int, limit: int = 20) -> list[PracticeSubmission]:
    return list(
        session.scalars(
            select(PracticeSubmission)
            .where(PracticeSubmission.user_id == user_id, PracticeSubmission.item_id == item_id)
            .order_by(PracticeSubmission.id.desc())
            .limit(limit)
        )
    )


def submission_for(session: Session, *, user_id: int, submission_id: int) -> PracticeSubmission:
    row = session.get(PracticeSubmission, submission_id)
    if row is None or row.user_id != user_id:
        raise NotFound(N_("No such submission."))
    return row


MAX_JSON_DEPTH = 32


def strict_json_size(field: str, value: Any) -> int:
    """The size of free-form JSON that is stored as sent, or a 422 for what could not be served back.

    NaN and Infinity (PostgreSQL refuses them), unpaired surrogates (not UTF-8) and deep nesting
    (beyond what the JSON encoder writes) would be stored and then fail every later read.
    """
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            raise _error(field, f"nested deeper than {MAX_JSON_DEPTH} levels")
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)
    try:
        json.dumps(value, allow_nan=False, ensure_ascii=False).encode()
    except ValueError:  # NaN/Infinity, or UnicodeEncodeError
        raise _error(field, "NaN, Infinity and unpaired surrogates are not valid JSON") from None
    return len(json.dumps(value))


def save_draft(session: Session, *, user_id: int, item: LabelItem, body: dict[str, Any]) -> PracticeDraft:
    """Autosave: keep the latest unsubmitted work (bounded in size)."""
    if strict_json_size("body", body) > MAX_BODY_BYTES:
        raise _error("body", f"the draft is larger than {MAX_BODY_BYTES // 1024} KB")
    row = get_or_create(session, PracticeDraft, defaults={"body": body}, user_id=user_id, item_id=item.id)
    row.body = body
    row.updated_at = utcnow()
    session.flush()
    return row


def draft_for(session: Session, *, user_id: int, item_id: int) -> dict[str, Any] | None:
    row = session.scalar(
        select(PracticeDraft).where(PracticeDraft.user_id == user_id, PracticeDraft.item_id == item_id)
    )
    return row.body if row else None


def practice_overview(session: Session, user_id: int) -> dict[str, Any]:
    """Counts for the dashboard: items tried, passed, and the average best score."""
    tried, passed, mean = session.execute(
        select(func.count(), func.count(PracticeStatus.passed_at), func.avg(PracticeStatus.best_score))
        .join(LabelItem, LabelItem.id == PracticeStatus.item_id)
        .where(PracticeStatus.user_id == user_id, LabelItem.kind == "practice")
    ).one()
    total = (
        session.scalar(
            select(func.count())
            .select_from(LabelItem)
            .where(LabelItem.kind == "practice", LabelItem.retired_at.is_(None))
        )
        or 0
    )
    return {
        "tried": tried or 0,
        "passed": passed or 0,
        "total": total,
        "mean": None if mean is None or (isinstance(mean, float) and math.isnan(mean)) else round(float(mean)),
    }


def best_scores_by_type(session: Session, user_id: int) -> dict[str, float]:
    """The learner's mean best practice score per task type (project requirements use it)."""
    rows = session.execute(
        select(LabelItem.task_type, func.avg(PracticeStatus.best_score))
        .join(PracticeStatus, PracticeStatus.item_id == LabelItem.id)
        .where(PracticeStatus.user_id == user_id, LabelItem.kind == "practice")
        .group_by(LabelItem.task_type)
    )
    return {task_type: float(mean) for task_type, mean in rows}
