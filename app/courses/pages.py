"""Courses pages: catalogue, course, module lesson, knowledge check, figures."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from starlette.datastructures import FormData

from app.accounts.dependencies import (
    CsrfChecked,
    InstructorPageUser,
    OptionalUser,
    PageUser,
    RequestForm,
    SettingsDep,
)
from app.accounts.models import User
from app.courses import service
from app.db import SessionDep
from app.errors import NotFound
from app.templating import render, request_locale

router = APIRouter(include_in_schema=False)


@router.get("/courses", response_class=HTMLResponse)
def catalogue(request: Request, user: OptionalUser, session: SessionDep) -> Response:
    """Both courses with the learner's progress."""
    return render(request, "courses/catalogue.html", {"states": service.learner_state(session, user)})


@router.get("/courses/{slug}", response_class=HTMLResponse)
def course_page(slug: str, request: Request, user: OptionalUser, session: SessionDep) -> Response:
    """A course: its modules, progress bar and what unlocks next."""
    state = service.course_state(session, user, slug)
    states = service.learner_state(session, user)
    unlocks = [s for s in states if slug in s.course.prerequisites]
    return render(request, "courses/course.html", {"state": state, "unlocks": unlocks})


def _module_context(request: Request, session: Any, user: User, slug: str) -> dict[str, Any]:
    module = service.module_by_slug(session, slug)
    states = service.learner_state(session, user)
    course_state = next(s for s in states if s.course.id == module.course_id)
    module_state = next(m for m in course_state.modules if m.module.id == module.id)
    previous, following = service.neighbours(session, module)
    locale = request_locale(request)
    return {"module": module, "course_state": course_state, "module_state": module_state,
            "previous": previous, "following": following, "locale_now": locale,
            "lesson_html": module.lesson_html_en if locale == "en" else module.lesson_html_ko,
            "toc": module.toc.get(locale, [])}


@router.get("/modules/{slug}", response_class=HTMLResponse)
def module_page(slug: str, request: Request, user: PageUser, session: SessionDep) -> Response:
    """The lesson with its table of contents, figures and reading progress."""
    context = _module_context(request, session, user, slug)
    if not context["course_state"].unlocked:
        return render(request, "courses/locked.html", context, status_code=403)
    context["practice_items"] = _practice_items(session, user, context["module"])
    return render(request, "courses/module.html", context)


def _practice_items(session: Any, user: User, module: Any) -> list[dict[str, Any]]:
    """The module's required practice tasks first, then its optional ones (e.g. inspection sets)."""
    from app.practice import service as practice_service

    required = list(module.practice)
    optional = [i.slug for i in practice_service.practice_items(session, module.slug) if i.slug not in required]
    items: list[dict[str, Any]] = practice_service.item_summaries(session, user_id=user.id,
                                                                  slugs=required + optional)
    for entry in items:
        entry["required"] = entry["slug"] in required
    return items


@router.get("/modules/{slug}/quiz", response_class=HTMLResponse)
def quiz_page(slug: str, request: Request, user: PageUser, session: SessionDep) -> Response:
    """The knowledge check form (no answers in the page)."""
    context = _module_context(request, session, user, slug)
    if not context["course_state"].unlocked:
        return render(request, "courses/locked.html", context, status_code=403)
    context["questions"] = service.public_questions(context["module"], context["locale_now"])
    context["outcome"] = None
    context["given"] = {}
    return render(request, "courses/quiz.html", context)


def answers_from_form(form: FormData, questions: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    answers: dict[str, dict[str, Any]] = {}
    for question in questions:
        key = f"q-{question['id']}"
        if question["type"] == "short_answer":
            text = str(form.get(key) or "")[:500]
            if text.strip():
                answers[question["id"]] = {"text": text}
        else:
            choices = [str(v)[:40] for v in form.getlist(key)][:10]
            if choices:
                answers[question["id"]] = {"choices": choices}
    return answers


@router.post("/modules/{slug}/quiz", response_class=HTMLResponse, dependencies=[CsrfChecked])
def quiz_submit(slug: str, request: Request, user: PageUser, session: SessionDep, form: RequestForm) -> Response:
    """Grade on the server; show the score and each explanation."""
    context = _module_context(request, session, user, slug)
    if not context["course_state"].unlocked:
        return render(request, "courses/locked.html", context, status_code=403)
    questions = service.public_questions(context["module"], context["locale_now"])
    answers = answers_from_form(form, questions)
    outcome = service.grade_quiz(session, user=user, module=context["module"], answers=answers,
                                 locale=context["locale_now"])
    context = _module_context(request, session, user, slug)  # progress after grading
    context.update({"questions": questions, "outcome": outcome, "given": answers,
                    "results": {r["id"]: r for r in outcome.results}})
    return render(request, "courses/quiz.html", context)


@router.get("/modules/{slug}/figures/{name}")
def figure(slug: str, name: Annotated[str, "file name"], session: SessionDep,
           settings: SettingsDep) -> Response:
    """A lesson figure, served from the module's folder in content/."""
    module = service.module_by_slug(session, slug)
    folder = (Path(settings.content_dir) / module.folder / "figures").resolve()
    path = (folder / name).resolve()
    if not path.is_relative_to(folder) or not path.is_file():
        raise NotFound("No such figure.")
    media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return FileResponse(path, media_type=media_type, headers={
        "Cache-Control": "public, max-age=3600",
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
    })


def dashboard_card(request: Request, user: User) -> dict[str, Any] | None:
    """The dashboard's course card: progress per course and the next step."""
    with request.app.state.sessionmaker() as session:
        return {"template": "courses/_dashboard.html", "states": service.learner_state(session, user)}


@router.get("/instructor/content", response_class=HTMLResponse)
def content_overview(request: Request, instructor: InstructorPageUser, session: SessionDep,
                     settings: SettingsDep) -> Response:
    """For authors: the loaded content version, what each module holds, and the files' problems."""
    from sqlalchemy import func, select

    from app.content import loader
    from app.courses.models import ContentVersion
    from app.exams.models import BankQuestion
    from app.practice.models import LabelItem

    version = session.scalar(select(ContentVersion).order_by(ContentVersion.id.desc()).limit(1))
    problems = loader.validate(settings.content_dir)
    files_hash = loader.tree_hash(settings.content_dir) if not problems else None
    items = dict(session.execute(select(LabelItem.module_slug, func.count()).where(
        LabelItem.kind == "practice", LabelItem.retired_at.is_(None)).group_by(LabelItem.module_slug)).all())
    pools = session.execute(select(LabelItem.pool, LabelItem.topic, func.count()).where(
        LabelItem.kind == "exam", LabelItem.retired_at.is_(None)).group_by(LabelItem.pool, LabelItem.topic)
        .order_by(LabelItem.pool, LabelItem.topic)).all()
    banks = session.execute(select(BankQuestion.bank, BankQuestion.topic, func.count()).where(
        BankQuestion.retired_at.is_(None)).group_by(BankQuestion.bank, BankQuestion.topic)
        .order_by(BankQuestion.bank, BankQuestion.topic)).all()
    return render(request, "courses/content_overview.html", {
        "version": version, "problems": problems, "files_hash": files_hash,
        "states": service.learner_state(session, None), "items": items, "pools": pools, "banks": banks,
    })
