"""Builders that complete modules and courses through the real services."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.courses import service as course_service
from app.courses.models import Course, Module
from app.practice import service as practice_service
from app.practice.models import LabelItem
from app.practice.schemas import SubmissionIn


def perfect_submission(item: LabelItem) -> dict[str, Any]:
    """A submission equal to the gold (tests may read gold; the API never sends it)."""
    gold = item.gold
    kind = item.task_type
    if kind == "classification":
        return {"labels": list(gold["labels"])}
    if kind == "text_collection":
        word = (gold.get("required_words") or ["문장"])[0]
        count = int(item.params.get("count", 5))
        stems = [
            "오늘 주문한 물건의",
            "어제 결제한 상품의",
            "지난주에 산 책의",
            "선물로 보낸 꽃의",
            "부모님께 보낸 택배의",
            "회사로 주문한 의자의",
            "친구가 보낸 과일의",
            "새로 산 신발의",
        ]
        return {"sentences": [f"{stems[i]} {word} 상황을 알려 주세요" for i in range(count)]}
    if kind in ("bbox", "polygon"):
        return {"objects": [dict(o) for o in gold["objects"]]}
    if kind == "ocr":
        return {"lines": [{"bbox": line["bbox"], "text": line["text"]} for line in gold["lines"]]}
    if kind == "transcription":
        return {"text": gold["text"]}
    if kind == "landmarks":
        return {"points": gold["points"]}
    if kind == "keypoints":
        return {"people": [{"keypoints": p["keypoints"]} for p in gold["people"]]}
    if kind == "inspection":
        return {
            "decision": gold["decision"],
            "reasons": list(gold.get("reasons") or []),
            "faulty_objects": list(gold.get("faulty_objects") or []),
        }
    raise ValueError(kind)


def complete_module(session: Any, user: Any, module: Module) -> None:
    course_service.record_reading(session, user=user, module=module, percent=100)
    answers = {}
    for q in module.quiz:
        if q["type"] == "short_answer":
            answers[q["id"]] = {"text": q["answers"]["ko"][0]}
        else:
            answers[q["id"]] = {"choices": [o["id"] for o in q["options"] if o.get("correct")]}
    course_service.grade_quiz(session, user=user, module=module, answers=answers, locale="ko")
    for slug in module.practice:
        item = practice_service.item_by_slug(session, slug)
        body = SubmissionIn.model_validate(perfect_submission(item))
        outcome = practice_service.submit(session, user=user, item=item, body=body, raw_size=100)
        assert outcome.submission.passed, (slug, outcome.submission.result)


def complete_course(session: Any, user: Any, course_slug: str) -> None:
    course = session.scalar(select(Course).where(Course.slug == course_slug))
    for module in session.scalars(select(Module).where(Module.course_id == course.id)).all():
        complete_module(session, user, module)
    session.commit()
