"""Exam pages: the exam list, the exam-taking page, results (mock review), instructor tools."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.accounts.dependencies import CsrfChecked, InstructorPageUser, PageUser
from app.accounts.models import User
from app.accounts.service import get_user_by_email
from app.db import SessionDep
from app.errors import AppError
from app.exams import service
from app.exams.models import Accommodation, Attempt, Blueprint, IntegrityEvent
from app.i18n import N_, pick
from app.templating import render, request_locale

router = APIRouter(include_in_schema=False)

# Topic slugs of the blueprints, shown as strengths on the result page.
TOPIC_NAMES = {
    "fourth-industrial-revolution": N_("The fourth industrial revolution and AI"),
    "ml-dl-methods": N_("Machine learning and deep learning"),
    "big-data": N_("Big data"),
    "data-labeling": N_("Data labeling"),
    "quality-ethics": N_("Data quality and ethics"),
    "classification": N_("Classification"),
    "bbox": N_("Bounding boxes"),
    "ocr": N_("OCR"),
    "transcription": N_("Transcription"),
    "keypoints": N_("Keypoints"),
    "advanced-ml": N_("Model evaluation"),
    "annotation-metrics": N_("Annotation quality metrics"),
    "agreement-quality": N_("Agreement and quality management"),
    "inspection-process": N_("The inspection process"),
    "guidelines-edge-cases": N_("Guideline edge cases"),
    "inspection-bbox": N_("Inspection: bounding boxes"),
    "inspection-classification": N_("Inspection: classification"),
    "inspection-keypoints": N_("Inspection: keypoints"),
    "inspection-ocr": N_("Inspection: OCR"),
    "inspection-landmarks": N_("Inspection: face landmarks"),
}
EVENT_KINDS = ("hidden", "blur", "paste")


def _summary(session: Session, user: User, blueprint: Blueprint, mode: str, locale: str) -> dict[str, Any]:
    """One exam variant as the list page shows it (dates stay datetimes for the template filter)."""
    missing = service.unmet_requirements(session, user, blueprint, mode)
    block = service.policy_block(session, user, blueprint, mode)
    open_attempt = service.open_attempt(session, user, blueprint, mode)
    if open_attempt is not None and service.finalize_if_expired(session, open_attempt):
        open_attempt = None
        block = service.policy_block(session, user, blueprint, mode)
    return {"slug": service.exam_slug(blueprint, mode), "mode": mode, "blueprint": blueprint,
            "unmet": [pick(m, locale) for m in missing], "block": block, "open_attempt": open_attempt,
            "count": sum(d["count"] for s in blueprint.sections for d in s["draw"])}


def _sections(blueprint: Blueprint, locale: str) -> list[dict[str, Any]]:
    return [{"id": s["id"], "title": pick(s["title"], locale), "count": sum(d["count"] for d in s["draw"])}
            for s in blueprint.sections]


def _history(session: Session, user: User, locale: str) -> list[dict[str, Any]]:
    blueprints = {b.id: b for b in session.scalars(select(Blueprint))}
    rows = []
    for attempt in service.attempts_of(session, user):
        if attempt.status == "open":
            service.finalize_if_expired(session, attempt)
        rows.append({"attempt": attempt, "title": pick(blueprints[attempt.blueprint_id].title, locale)})
    return rows


def _exams_context(session: Session, user: User, locale: str) -> dict[str, Any]:
    exams = []
    for blueprint in service.blueprints(session):
        exams.append({"blueprint": blueprint, "title": pick(blueprint.title, locale),
                      "description": pick(blueprint.description, locale),
                      "sections": _sections(blueprint, locale),
                      "variants": [_summary(session, user, blueprint, mode, locale) for mode in ("mock", "real")]})
    return {"exams": exams, "history": _history(session, user, locale), "error": None}


@router.get("/exams", response_class=HTMLResponse)
def exams_page(request: Request, user: PageUser, session: SessionDep) -> Response:
    """Every exam with its mock and real variant, eligibility, policy and the candidate's attempts."""
    return render(request, "exams/index.html", _exams_context(session, user, request_locale(request)))


@router.post("/exams/{slug}/start", dependencies=[CsrfChecked])
def start_exam(slug: str, request: Request, user: PageUser, session: SessionDep) -> Response:
    """Start (or resume) an attempt and go to the exam-taking page."""
    try:
        blueprint, mode = service.resolve_exam(session, slug)
        attempt, _created = service.start_attempt(session, user=user, blueprint=blueprint, mode=mode)
    except AppError as exc:
        context = _exams_context(session, user, request_locale(request))
        context["error"] = N_("This exam cannot be started now. The reasons are shown below.")
        return render(request, "exams/index.html", context, status_code=exc.status_code)
    return RedirectResponse(f"/attempts/{attempt.public_id}", status_code=303)


@router.get("/attempts/{attempt_id}", response_class=HTMLResponse)
def attempt_page(attempt_id: str, request: Request, user: PageUser, session: SessionDep) -> Response:
    """The exam-taking page (owner only): timer, navigator, one item at a time, autosave."""
    from app.exams.router import attempt_out

    attempt = service.attempt_for(session, attempt_id, user)
    service.finalize_if_expired(session, attempt)
    if attempt.status != "open":
        return RedirectResponse(f"/attempts/{attempt.public_id}/result", status_code=303)
    locale = request_locale(request)
    blueprint = session.get(Blueprint, attempt.blueprint_id)
    assert blueprint is not None
    data = attempt_out(session, attempt, locale)
    has_tasks = any(p["kind"] == "task" for p in data["paper"])
    return render(request, "exams/attempt.html", {
        "attempt": attempt, "data": data, "blueprint": blueprint, "title": pick(blueprint.title, locale),
        "sections": _sections(blueprint, locale), "has_tasks": has_tasks})


def _strengths(attempt: Attempt) -> list[dict[str, Any]]:
    return [{"topic": topic, "name": TOPIC_NAMES.get(topic), "percent": value}
            for topic, value in (attempt.topic_scores or {}).items()]


@router.get("/attempts/{attempt_id}/result", response_class=HTMLResponse)
def result_page(attempt_id: str, request: Request, user: PageUser, session: SessionDep) -> Response:
    """Scores, pass/fail, strengths and the receipt; mocks also get the full review with the key."""
    from app.exams.router import result_out

    attempt = service.attempt_for(session, attempt_id, user)
    service.finalize_if_expired(session, attempt)
    if attempt.status != "graded":
        return RedirectResponse(f"/attempts/{attempt.public_id}", status_code=303)
    locale = request_locale(request)
    blueprint = session.get(Blueprint, attempt.blueprint_id)
    assert blueprint is not None
    result = result_out(session, attempt, blueprint)
    review = service.review(session, attempt, locale) if attempt.mode == "mock" else None
    sections = _sections(blueprint, locale)
    for section in sections:
        section["percent"] = (attempt.section_scores or {}).get(section["id"], 0.0)
    answered = len(service.answers_of(session, attempt))
    return render(request, "exams/result.html", {
        "attempt": attempt, "blueprint": blueprint, "title": pick(blueprint.title, locale), "result": result,
        "sections": sections, "strengths": _strengths(attempt), "review": review, "answered": answered,
        "total_items": len(service.paper_of(session, attempt))})


# ---- instructor pages ----------------------------------------------------------------------

@router.get("/instructor", response_class=HTMLResponse)
def instructor_home(request: Request, instructor: InstructorPageUser, session: SessionDep) -> Response:
    """The instructor's landing page: proctoring and accommodations."""
    open_count = session.scalar(select(func.count(Attempt.id)).where(Attempt.status == "open")) or 0
    accommodations = session.scalar(select(func.count(Accommodation.id))) or 0
    return render(request, "exams/instructor.html", {"open_count": open_count,
                                                     "accommodation_count": accommodations})


def _accommodations_context(session: Session, locale: str) -> dict[str, Any]:
    rows = session.execute(select(Accommodation, User, Blueprint)
                           .join(User, User.id == Accommodation.user_id)
                           .join(Blueprint, Blueprint.id == Accommodation.blueprint_id)
                           .order_by(Accommodation.id.desc())).all()
    return {"rows": [{"accommodation": a, "user": u, "title": pick(b.title, locale)} for a, u, b in rows],
            "blueprints": [{"slug": b.slug, "title": pick(b.title, locale)} for b in service.blueprints(session)],
            "errors": {}, "values": {}, "saved": None}


@router.get("/instructor/accommodations", response_class=HTMLResponse)
def accommodations_page(request: Request, instructor: InstructorPageUser, session: SessionDep) -> Response:
    """Grant a candidate extra time (applies to a running attempt too)."""
    return render(request, "exams/accommodations.html", _accommodations_context(session, request_locale(request)))


@router.post("/instructor/accommodations", response_class=HTMLResponse, dependencies=[CsrfChecked])
def accommodations_submit(request: Request, instructor: InstructorPageUser, session: SessionDep,
                          email: Annotated[str, Form(max_length=254)] = "",
                          exam: Annotated[str, Form(max_length=80)] = "",
                          extra_minutes: Annotated[str, Form(max_length=6)] = "",
                          reason: Annotated[str, Form(max_length=200)] = "") -> Response:
    locale = request_locale(request)
    errors: dict[str, str] = {}
    candidate = get_user_by_email(session, email.strip()) if email.strip() else None
    if candidate is None:
        errors["email"] = N_("No user with this email.")
    blueprint = None
    try:
        blueprint, _mode = service.resolve_exam(session, exam)
    except AppError:
        errors["exam"] = N_("Choose an exam.")
    try:
        minutes = int(extra_minutes)
        if not 0 <= minutes <= 600:
            raise ValueError
    except ValueError:
        minutes = 0
        errors["extra_minutes"] = N_("Enter a number of minutes from 0 to 600.")
    context = _accommodations_context(session, locale)
    if errors or candidate is None or blueprint is None:
        context.update({"errors": errors, "values": {"email": email, "exam": exam,
                                                     "extra_minutes": extra_minutes, "reason": reason}})
        return render(request, "exams/accommodations.html", context, status_code=422)
    service.set_accommodation(session, instructor=instructor, user=candidate, blueprint=blueprint,
                              extra_minutes=minutes, reason=reason.strip())
    context = _accommodations_context(session, locale)
    context["saved"] = {"email": candidate.email, "title": pick(blueprint.title, locale), "minutes": minutes}
    return render(request, "exams/accommodations.html", context)


@router.get("/instructor/attempts", response_class=HTMLResponse)
def attempts_page(request: Request, instructor: InstructorPageUser, session: SessionDep,
                  email: str = "") -> Response:
    """The proctor's view: recent attempts with counts of integrity signals and the full log."""
    locale = request_locale(request)
    query = (select(Attempt, User, Blueprint).join(User, User.id == Attempt.user_id)
             .join(Blueprint, Blueprint.id == Attempt.blueprint_id).order_by(Attempt.id.desc()).limit(100))
    if email.strip():
        query = query.where(User.email.ilike(f"%{email.strip()[:100]}%"))
    rows = session.execute(query).all()
    ids = [a.id for a, _u, _b in rows]
    events: dict[int, list[IntegrityEvent]] = {}
    if ids:
        for event in session.scalars(select(IntegrityEvent).where(IntegrityEvent.attempt_id.in_(ids))
                                     .order_by(IntegrityEvent.id)):
            events.setdefault(event.attempt_id, []).append(event)
    out = []
    for attempt, user, blueprint in rows:
        log = events.get(attempt.id, [])
        counts = {kind: sum(1 for e in log if e.kind == kind) for kind in EVENT_KINDS}
        out.append({"attempt": attempt, "user": user, "title": pick(blueprint.title, locale), "events": log,
                    "counts": counts, "flagged": sum(counts.values()) > 0})
    return render(request, "exams/proctor.html", {"rows": out, "email": email})


# ---- dashboard -----------------------------------------------------------------------------

def _next_step(session: Session, user: User, locale: str) -> dict[str, Any] | None:
    """The exam the candidate should look at next, with what stands in the way."""
    blueprints = sorted(service.blueprints(session), key=lambda b: -b.level)  # level 2 first
    attempts = service.attempts_of(session, user)
    passed_real = {a.blueprint_id for a in attempts if a.mode == "real" and a.passed}
    for blueprint in blueprints:
        if blueprint.id in passed_real:
            continue
        real = _summary(session, user, blueprint, "real", locale)
        mock = _summary(session, user, blueprint, "mock", locale)
        last = next((a for a in attempts if a.blueprint_id == blueprint.id and a.status == "graded"), None)
        return {"blueprint": blueprint, "title": pick(blueprint.title, locale), "real": real, "mock": mock,
                "last": last}
    return None


def dashboard_card(request: Request, user: User) -> dict[str, Any] | None:
    """The dashboard's exam card: the next exam step and the last result."""
    locale = request_locale(request)
    with request.app.state.sessionmaker() as session:
        step = _next_step(session, user, locale)
        passed = {a.blueprint_id for a in service.attempts_of(session, user) if a.mode == "real" and a.passed}
        certified = [pick(b.title, locale) for b in service.blueprints(session) if b.id in passed]
        session.commit()  # an expired attempt may have been finalised on the way
        return {"template": "exams/_dashboard.html", "step": step, "certified": certified}
