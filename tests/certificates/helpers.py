"""Builders for certificates: through the real exam flow, or straight from a passing attempt."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from app.certificates import service as certificate_service
from app.certificates.models import Certificate
from app.db import utcnow
from app.exams import service as exam_service
from app.exams.models import Attempt, BankQuestion, Blueprint
from app.practice.models import LabelItem
from tests.courses.helpers import complete_course, perfect_submission


def blueprint_for(session: Any, level: int) -> Blueprint:
    blueprint = session.scalar(select(Blueprint).where(Blueprint.level == level, Blueprint.retired_at.is_(None)))
    assert blueprint is not None, f"no level-{level} exam in the content"
    return blueprint


def issue_certificate(session: Any, user: Any, level: int = 2, *,
                      scores: dict[str, float] | None = None) -> Certificate:
    """A graded, passing real attempt and its certificate (issued by the real service), committed."""
    blueprint = blueprint_for(session, level)
    scores = scores or {section["id"]: 92.0 - 6 * index for index, section in enumerate(blueprint.sections)}
    now = utcnow()
    attempt = Attempt(public_id=secrets.token_urlsafe(12), user_id=user.id, blueprint_id=blueprint.id, mode="real",
                      status="graded", seed=secrets.randbits(62), started_at=now - timedelta(minutes=50),
                      duration_minutes=blueprint.duration_minutes, deadline=now + timedelta(minutes=10),
                      submitted_at=now, finished_by="submit", section_scores=scores,
                      score_percent=round(sum(scores.values()) / len(scores), 1), passed=True,
                      content_version=exam_service.current_content_version(session))
    session.add(attempt)
    session.flush()
    certificate = certificate_service.issue_for(session, attempt=attempt, blueprint=blueprint)
    session.commit()
    return certificate


def perfect_answer(session: Any, entry: Any) -> dict[str, Any]:
    """The right answer to one paper item, in this attempt's opaque option ids."""
    if entry.source == "question":
        question = session.scalar(select(BankQuestion).where(BankQuestion.qid == entry.ref)).question
        if question["type"] == "short_answer":
            return {"text": question["answers"]["ko"][0]}
        reverse = {authored: opaque for opaque, authored in entry.option_ids.items()}
        return {"choices": [reverse[o["id"]] for o in question["options"] if o.get("correct")]}
    item = session.scalar(select(LabelItem).where(LabelItem.slug == entry.ref))
    return perfect_submission(item)


def pass_level2_exam(session: Any, user: Any) -> tuple[Attempt, Certificate]:
    """The whole way: finish the beginner course, sit the real level-2 exam with perfect answers."""
    complete_course(session, user, "beginner")
    blueprint = blueprint_for(session, 2)
    attempt, _ = exam_service.start_attempt(session, user=user, blueprint=blueprint, mode="real")
    for seq, entry in enumerate(exam_service.paper_of(session, attempt), start=1):
        exam_service.save_answer(session, attempt=attempt, position=entry.position, seq=seq,
                                 response=perfect_answer(session, entry))
    exam_service.submit(session, attempt=attempt)
    session.commit()
    certificate = session.scalar(select(Certificate).where(Certificate.attempt_id == attempt.id))
    assert certificate is not None, (attempt.passed, attempt.section_scores)
    return attempt, certificate
