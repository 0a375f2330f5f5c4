"""Courses JSON API: catalogue, modules, knowledge checks, progress."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from app.accounts.dependencies import CurrentUser
from app.courses import service
from app.courses.schemas import (
    CourseOut,
    CourseProgressOut,
    Lang,
    ModuleOut,
    ModuleProgressOut,
    QuizResult,
    QuizSubmission,
    ReadingIn,
)
from app.db import SessionDep
from app.i18n import pick

router = APIRouter(prefix="/api/v1", tags=["courses"])


def course_out(state: service.CourseState, locale: str) -> CourseOut:
    return CourseOut(
        slug=state.course.slug, title=pick(state.course.title, locale),
        summary=pick(state.course.summary, locale), prerequisites=state.course.prerequisites,
        estimated_minutes=state.minutes,
        modules=[{"slug": m.module.slug, "position": m.module.position,
                  "title": pick(m.module.title, locale),
                  "estimated_minutes": m.module.estimated_minutes} for m in state.modules],
    )


def progress_out(state: service.CourseState, locale: str) -> CourseProgressOut:
    nxt = state.next_module
    return CourseProgressOut(
        slug=state.course.slug, title=pick(state.course.title, locale), unlocked=state.unlocked,
        missing_prerequisites=[c.slug for c in state.missing_prerequisites], percent=state.percent,
        modules_completed=state.completed_count, modules_total=len(state.modules),
        completed_at=state.completion.completed_at if state.completion else None,
        next_module=nxt.module.slug if nxt else None,
        modules=[ModuleProgressOut(
            slug=m.module.slug, title=pick(m.module.title, locale), lesson_read=m.lesson_read,
            reading_percent=m.progress.reading_percent if m.progress else 0,
            quiz_best_percent=m.progress.quiz_best_percent if m.progress else None,
            quiz_passed=m.quiz_passed, practice_total=len(m.module.practice),
            practice_passed=len(m.practice_passed), completed=m.completed,
            completed_at=m.progress.completed_at if m.progress else None, percent=m.percent,
        ) for m in state.modules],
    )


@router.get("/courses", response_model=list[CourseOut])
def list_courses(user: CurrentUser, session: SessionDep, lang: Lang | None = None) -> list[CourseOut]:
    """The course catalogue, in order."""
    locale = lang or user.locale
    return [course_out(s, locale) for s in service.learner_state(session, user)]


@router.get("/courses/{slug}", response_model=CourseProgressOut)
def get_course(slug: str, user: CurrentUser, session: SessionDep,
               lang: Lang | None = None) -> CourseProgressOut:
    """One course with its modules and the caller's progress."""
    return progress_out(service.course_state(session, user, slug), lang or user.locale)


@router.get("/modules/{slug}", response_model=ModuleOut)
def get_module(slug: str, user: CurrentUser, session: SessionDep, lang: Lang | None = None) -> ModuleOut:
    """A module's lesson (sanitised HTML), objectives and knowledge check (without answers)."""
    locale = lang or user.locale
    module = service.module_by_slug(session, slug)
    service.ensure_unlocked(session, user, module)
    previous, following = service.neighbours(session, module)
    course = next(c for c in service.active_courses(session) if c.id == module.course_id)
    return ModuleOut(
        slug=module.slug, course=course.slug, position=module.position,
        title=pick(module.title, locale), objectives=module.objectives.get(locale) or module.objectives["ko"],
        estimated_minutes=module.estimated_minutes,
        lesson_html=module.lesson_html_en if locale == "en" else module.lesson_html_ko,
        toc=module.toc.get(locale, []), quiz_pass_percent=module.quiz_min_percent,
        questions=service.public_questions(module, locale), practice=module.practice,
        previous=previous.slug if previous else None, next=following.slug if following else None,
    )


@router.post("/modules/{slug}/quiz", response_model=QuizResult)
def submit_quiz(slug: str, body: QuizSubmission, user: CurrentUser, session: SessionDep,
                lang: Lang | None = None) -> QuizResult:
    """Grade the knowledge check: score, per-question correctness and explanations."""
    module = service.module_by_slug(session, slug)
    service.ensure_unlocked(session, user, module)
    answers: dict[str, dict[str, Any]] = {k: v.model_dump(exclude_none=True) for k, v in body.answers.items()}
    outcome = service.grade_quiz(session, user=user, module=module, answers=answers,
                                 locale=lang or user.locale)
    return QuizResult(module=module.slug, score_percent=outcome.score_percent, passed=outcome.passed,
                      pass_percent=module.quiz_min_percent, best_percent=outcome.best_percent,
                      attempts=outcome.attempts, results=outcome.results,  # type: ignore[arg-type]
                      module_completed=outcome.module_completed)


@router.post("/modules/{slug}/reading", response_model=ModuleProgressOut)
def record_reading(slug: str, body: ReadingIn, user: CurrentUser, session: SessionDep) -> ModuleProgressOut:
    """Keep how far the lesson was read (the furthest point counts)."""
    module = service.module_by_slug(session, slug)
    service.ensure_unlocked(session, user, module)
    service.record_reading(session, user=user, module=module, percent=body.percent)
    state = service.course_state(session, user, next(
        c.slug for c in service.active_courses(session) if c.id == module.course_id))
    out = progress_out(state, user.locale)
    return next(m for m in out.modules if m.slug == slug)


@router.get("/me/progress", response_model=list[CourseProgressOut])
def my_progress(user: CurrentUser, session: SessionDep, lang: Lang | None = None) -> list[CourseProgressOut]:
    """Progress in every course and module, with the next step."""
    return [progress_out(s, lang or user.locale) for s in service.learner_state(session, user)]
