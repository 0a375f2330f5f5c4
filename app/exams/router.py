"""Exams JSON API: start an attempt, save answers (seq), submit, results; instructor accommodations."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response, status
from sqlalchemy import select

from app.accounts.dependencies import CurrentUser, InstructorUser, SettingsDep
from app.accounts.models import User
from app.accounts.service import get_user_by_email
from app.courses.schemas import Lang
from app.db import DbInt, SessionDep
from app.errors import NotFound
from app.exams import service
from app.exams.models import Attempt, Blueprint
from app.exams.schemas import AccommodationIn, AnswerIn, EventIn
from app.i18n import pick
from app.practice.models import LabelItem
from app.practice.pages import asset_response

router = APIRouter(tags=["exams"])


def exam_summary(session: Any, user: User, blueprint: Blueprint, mode: str, locale: str) -> dict[str, Any]:
    missing = service.unmet_requirements(session, user, blueprint, mode)
    block = service.policy_block(session, user, blueprint, mode)
    open_attempt = service.open_attempt(session, user, blueprint, mode)
    return {"slug": service.exam_slug(blueprint, mode), "mode": mode, "level": blueprint.level,
            "title": pick(blueprint.title, locale), "description": pick(blueprint.description, locale),
            "duration_minutes": blueprint.duration_minutes,
            "sections": [{"id": s["id"], "title": pick(s["title"], locale),
                          "items": sum(d["count"] for d in s["draw"])} for s in blueprint.sections],
            "pass_rule": blueprint.pass_rule, "attempt_policy": blueprint.attempt_policy,
            "eligible": not missing, "unmet": [pick(m, locale) for m in missing],
            "blocked": pick(block["message"], locale) if block else None,
            "blocked_until": block["until"].isoformat() if block else None,
            "open_attempt": open_attempt.public_id if open_attempt else None}


def attempt_out(session: Any, attempt: Attempt, locale: str, with_paper: bool = True) -> dict[str, Any]:
    blueprint = session.get(Blueprint, attempt.blueprint_id)
    out: dict[str, Any] = {
        "id": attempt.public_id, "exam": service.exam_slug(blueprint, attempt.mode), "mode": attempt.mode,
        "title": pick(blueprint.title, locale), "status": attempt.status,
        "started_at": attempt.started_at.isoformat(), "deadline": attempt.deadline.isoformat(),
        "server_time": service.utcnow().isoformat(), "grace_seconds": service.GRACE_SECONDS,
        "extra_minutes": attempt.extra_minutes,
    }
    if with_paper and attempt.status == "open":
        paper = service.public_paper(session, attempt, locale)
        answers = service.answers_of(session, attempt)
        by_item = {p.id: p.position for p in service.paper_of(session, attempt)}
        out["paper"] = paper
        out["answers"] = {str(by_item[a.paper_item_id]): {"seq": a.seq, "response": a.response}
                          for a in answers.values()}
    if attempt.status == "graded":
        out["result"] = result_out(session, attempt, blueprint)
    return out


def result_out(session: Any, attempt: Attempt, blueprint: Blueprint) -> dict[str, Any]:
    from app.certificates.models import Certificate

    certificate = session.scalar(select(Certificate).where(Certificate.attempt_id == attempt.id))
    return {"score_percent": attempt.score_percent, "section_scores": attempt.section_scores,
            "topic_scores": attempt.topic_scores, "passed": attempt.passed, "pass_rule": blueprint.pass_rule,
            "receipt": attempt.receipt, "finished_by": attempt.finished_by,
            "submitted_at": attempt.submitted_at.isoformat() if attempt.submitted_at else None,
            "certificate": certificate.number if certificate else None}


@router.get("/api/v1/exams")
def list_exams(user: CurrentUser, session: SessionDep, lang: Lang | None = None) -> list[dict[str, Any]]:
    """Every exam (real and mock) with eligibility, unmet requirements and the attempt policy."""
    locale = lang or user.locale
    return [exam_summary(session, user, b, mode, locale) for b in service.blueprints(session)
            for mode in ("mock", "real")]


@router.post("/api/v1/exams/{slug}/attempts", status_code=status.HTTP_201_CREATED)
def start_attempt(slug: str, user: CurrentUser, session: SessionDep, lang: Lang | None = None) -> dict[str, Any]:
    """Start an attempt (or return the open one): the paper without answers or gold, and the deadline."""
    blueprint, mode = service.resolve_exam(session, slug)
    attempt, _created = service.start_attempt(session, user=user, blueprint=blueprint, mode=mode)
    return attempt_out(session, attempt, lang or user.locale)


@router.get("/api/v1/attempts/{attempt_id}")
def get_attempt(attempt_id: str, user: CurrentUser, session: SessionDep, lang: Lang | None = None) -> dict[str, Any]:
    """The paper and the saved answers (owner only); an attempt past its deadline is finalised here."""
    attempt = service.attempt_for(session, attempt_id, user)
    service.finalize_if_expired(session, attempt)
    return attempt_out(session, attempt, lang or user.locale)


@router.put("/api/v1/attempts/{attempt_id}/answers/{position}")
def save_answer(attempt_id: str, position: DbInt, body: AnswerIn, user: CurrentUser,
                session: SessionDep) -> dict[str, Any]:
    """Save one answer idempotently; a lower seq than the stored one gets 409 and changes nothing."""
    attempt = service.attempt_for(session, attempt_id, user)
    answer, changed = service.save_answer(session, attempt=attempt, position=position, seq=body.seq,
                                          response=body.response)
    return {"position": position, "seq": answer.seq, "saved_at": answer.saved_at.isoformat(), "changed": changed}


@router.post("/api/v1/attempts/{attempt_id}/events", status_code=status.HTTP_204_NO_CONTENT)
def record_event(attempt_id: str, body: EventIn, user: CurrentUser, session: SessionDep) -> None:
    """Log an integrity signal (focus loss, tab switch, paste) for the proctor's view."""
    attempt = service.attempt_for(session, attempt_id, user)
    service.record_event(session, attempt=attempt, kind=body.kind, detail=body.detail)


@router.post("/api/v1/attempts/{attempt_id}/submit")
def submit(attempt_id: str, user: CurrentUser, session: SessionDep, lang: Lang | None = None) -> dict[str, Any]:
    """Grade in one transaction; a repeated or concurrent submit returns the same result."""
    attempt = service.attempt_for(session, attempt_id, user)
    service.submit(session, attempt=attempt)
    return attempt_out(session, attempt, lang or user.locale, with_paper=False)


@router.get("/api/v1/attempts/{attempt_id}/review")
def review(attempt_id: str, user: CurrentUser, session: SessionDep, lang: Lang | None = None) -> dict[str, Any]:
    """Mock exams: every item with the key and explanations. Real exams: scores only, no key."""
    attempt = service.attempt_for(session, attempt_id, user)
    service.finalize_if_expired(session, attempt)
    if attempt.status != "graded":
        from app.errors import Conflict

        raise Conflict("The attempt is not graded yet.")
    blueprint = session.get(Blueprint, attempt.blueprint_id)
    assert blueprint is not None
    out: dict[str, Any] = {"id": attempt.public_id, "mode": attempt.mode,
                           "result": result_out(session, attempt, blueprint)}
    if attempt.mode == "mock":
        out["items"] = service.review(session, attempt, lang or user.locale)
    return out


@router.get("/api/v1/me/attempts")
def my_attempts(user: CurrentUser, session: SessionDep, lang: Lang | None = None) -> list[dict[str, Any]]:
    """The caller's attempts, newest first."""
    locale = lang or user.locale
    return [attempt_out(session, a, locale, with_paper=False) for a in service.attempts_of(session, user)]


@router.put("/api/v1/instructor/accommodations")
def set_accommodation(body: AccommodationIn, instructor: InstructorUser, session: SessionDep) -> dict[str, Any]:
    """Grant a candidate extra time for an exam (applies to a running attempt too)."""
    candidate = get_user_by_email(session, body.email)
    if candidate is None:
        raise NotFound("No user with this email.")
    blueprint, _mode = service.resolve_exam(session, body.exam)
    row = service.set_accommodation(session, instructor=instructor, user=candidate, blueprint=blueprint,
                                    extra_minutes=body.extra_minutes, reason=body.reason)
    return {"email": candidate.email, "exam": blueprint.slug, "extra_minutes": row.extra_minutes}


@router.get("/api/v1/instructor/attempts/{attempt_id}/events")
def attempt_events(attempt_id: str, instructor: InstructorUser, session: SessionDep) -> dict[str, Any]:
    """The proctor's view: integrity signals logged during an attempt."""
    attempt = session.scalar(select(Attempt).where(Attempt.public_id == attempt_id))
    if attempt is None:
        raise NotFound("No such attempt.")
    return {"id": attempt.public_id, "events": [{"kind": e.kind, "at": e.at.isoformat(), "detail": e.detail}
                                                for e in service.events_of(session, attempt)]}


@router.get("/exam-assets/{attempt_id}/{position}/{name}", include_in_schema=False)
def exam_asset(attempt_id: str, position: DbInt, name: str, user: CurrentUser, session: SessionDep,
               settings: SettingsDep) -> Response:
    """The asset of a task on the caller's own paper (exam items are served only to their candidate)."""
    attempt = service.attempt_for(session, attempt_id, user)
    entry = service.paper_item_at(session, attempt, position)
    if entry.source != "item":
        raise NotFound("No such file.")
    item = session.scalar(select(LabelItem).where(LabelItem.slug == entry.ref))
    if item is None:
        raise NotFound("No such file.")
    return asset_response(settings.content_dir, item.folder, item.asset, name)
