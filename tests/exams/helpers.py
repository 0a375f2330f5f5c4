"""Exam test builders: read the key from the database (tests may; the API never sends it)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.exams.models import Attempt, BankQuestion, PaperItem
from app.practice.models import LabelItem
from tests.courses.helpers import perfect_submission


def attempt_row(session: Any, public_id: str) -> Attempt:
    session.expire_all()
    attempt = session.scalar(select(Attempt).where(Attempt.public_id == public_id))
    assert attempt is not None
    return attempt


def paper_rows(session: Any, public_id: str) -> list[PaperItem]:
    attempt = attempt_row(session, public_id)
    return list(session.scalars(select(PaperItem).where(PaperItem.attempt_id == attempt.id)
                                .order_by(PaperItem.position)))


def correct_response(session: Any, entry: PaperItem) -> dict[str, Any]:
    """The right answer for one paper item, in the paper's opaque option ids."""
    if entry.source == "question":
        question = session.scalar(select(BankQuestion).where(BankQuestion.qid == entry.ref)).question
        if question["type"] == "short_answer":
            return {"text": question["answers"]["ko"][0]}
        correct = {o["id"] for o in question["options"] if o.get("correct")}
        return {"choices": [opaque for opaque in entry.option_order if entry.option_ids[opaque] in correct]}
    item = session.scalar(select(LabelItem).where(LabelItem.slug == entry.ref))
    return perfect_submission(item)


def wrong_response(session: Any, entry: PaperItem) -> dict[str, Any] | None:
    """A wrong answer for a question (None for task items)."""
    if entry.source != "question":
        return None
    question = session.scalar(select(BankQuestion).where(BankQuestion.qid == entry.ref)).question
    if question["type"] == "short_answer":
        return {"text": "틀린 답"}
    correct = {o["id"] for o in question["options"] if o.get("correct")}
    wrong = [opaque for opaque in entry.option_order if entry.option_ids[opaque] not in correct]
    return {"choices": wrong[:1]}


def correct_responses(session: Any, public_id: str) -> dict[int, dict[str, Any]]:
    return {entry.position: correct_response(session, entry) for entry in paper_rows(session, public_id)}
