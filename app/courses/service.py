"""Courses logic: catalogue, lessons, knowledge checks, progress and completion."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, defer

from app.accounts.models import User
from app.content import grading
from app.courses.models import Course, CourseCompletion, Module, ModuleProgress, QuizAttempt
from app.db import get_or_create, utcnow
from app.errors import Invalid, NotFound
from app.i18n import N_, pick

READ_TO_END_PERCENT = 95


def active_courses(session: Session) -> list[Course]:
    return list(session.scalars(select(Course).where(Course.retired_at.is_(None))
                                .order_by(Course.position)))


def course_by_slug(session: Session, slug: str) -> Course:
    course = session.scalar(select(Course).where(Course.slug == slug, Course.retired_at.is_(None)))
    if course is None:
        raise NotFound(N_("No such course."))
    return course


def modules_of(session: Session, course_ids: list[int] | None = None) -> list[Module]:
    # The lesson HTML of both languages is most of a row: load it only where a lesson is shown.
    query = (select(Module).where(Module.retired_at.is_(None)).order_by(Module.course_id, Module.position)
             .options(defer(Module.lesson_html_ko), defer(Module.lesson_html_en), defer(Module.toc)))
    if course_ids is not None:
        query = query.where(Module.course_id.in_(course_ids))
    return list(session.scalars(query))


def module_by_slug(session: Session, slug: str) -> Module:
    module = session.scalar(select(Module).where(Module.slug == slug, Module.retired_at.is_(None)))
    if module is None:
        raise NotFound(N_("No such module."))
    return module


def _practice_passed(session: Session, user_id: int, slugs: list[str]) -> set[str]:
    """Practice items of these slugs the user has passed (the practice domain decides)."""
    if not slugs:
        return set()
    try:
        from app.practice import service as practice_service
    except ImportError:
        return set()
    passed: set[str] = practice_service.passed_item_slugs(session, user_id=user_id, slugs=slugs)
    return passed


@dataclass
class ModuleState:
    module: Module
    progress: ModuleProgress | None
    practice_passed: set[str] = field(default_factory=set)

    @property
    def lesson_read(self) -> bool:
        return bool(self.progress and self.progress.lesson_read_at)

    @property
    def quiz_passed(self) -> bool:
        return bool(self.progress and self.progress.quiz_best_percent is not None
                    and self.progress.quiz_best_percent >= self.module.quiz_min_percent)

    @property
    def practice_done(self) -> bool:
        return set(self.module.practice) <= self.practice_passed

    @property
    def completed(self) -> bool:
        return self.lesson_read and self.quiz_passed and self.practice_done

    @property
    def percent(self) -> int:
        """Share of the module's requirements met: lesson, knowledge check, practice tasks."""
        parts = [1.0 if self.lesson_read else (self.progress.reading_percent / 100 * 0.5
                                               if self.progress else 0.0),
                 1.0 if self.quiz_passed else 0.0]
        if self.module.practice:
            parts.append(len(set(self.module.practice) & self.practice_passed) / len(self.module.practice))
        return round(100 * sum(parts) / len(parts))


@dataclass
class CourseState:
    course: Course
    modules: list[ModuleState]
    completion: CourseCompletion | None
    missing_prerequisites: list[Course]

    @property
    def unlocked(self) -> bool:
        return not self.missing_prerequisites

    @property
    def percent(self) -> int:
        if not self.modules:
            return 0
        return round(sum(m.percent for m in self.modules) / len(self.modules))

    @property
    def completed_count(self) -> int:
        return sum(1 for m in self.modules if m.completed)

    @property
    def next_module(self) -> ModuleState | None:
        return next((m for m in self.modules if not m.completed), None)

    @property
    def minutes(self) -> int:
        return sum(m.module.estimated_minutes for m in self.modules)


def learner_state(session: Session, user: User | None) -> list[CourseState]:
    """Every active course with the learner's progress in each module (3 queries in all)."""
    courses = active_courses(session)
    modules = modules_of(session, [c.id for c in courses])
    progress: dict[int, ModuleProgress] = {}
    completions: dict[int, CourseCompletion] = {}
    passed: set[str] = set()
    if user is not None:
        progress = {p.module_id: p for p in session.scalars(
            select(ModuleProgress).where(ModuleProgress.user_id == user.id))}
        completions = {c.course_id: c for c in session.scalars(
            select(CourseCompletion).where(CourseCompletion.user_id == user.id))}
        passed = _practice_passed(session, user.id, [s for m in modules for s in m.practice])
    by_slug = {c.slug: c for c in courses}
    states = []
    for course in courses:
        module_states = [ModuleState(m, progress.get(m.id), passed & set(m.practice))
                         for m in modules if m.course_id == course.id]
        states.append(CourseState(course=course, modules=module_states,
                                  completion=completions.get(course.id), missing_prerequisites=[]))
    done = {s.course.slug for s in states if s.completion is not None}
    for state in states:
        state.missing_prerequisites = [by_slug[p] for p in state.course.prerequisites
                                       if p in by_slug and p not in done]
    return states


def course_state(session: Session, user: User | None, slug: str) -> CourseState:
    course_by_slug(session, slug)
    return next(s for s in learner_state(session, user) if s.course.slug == slug)


def _progress_row(session: Session, user: User, module: Module) -> ModuleProgress:
    return get_or_create(session, ModuleProgress, user_id=user.id, module_id=module.id)


def ensure_unlocked(session: Session, user: User, module: Module) -> None:
    state = next(s for s in learner_state(session, user) if s.course.id == module.course_id)
    if not state.unlocked:
        raise Invalid(N_("Finish the prerequisite course first."), status_code=403)


def record_reading(session: Session, *, user: User, module: Module, percent: int) -> ModuleProgress:
    """Keep the furthest reading position; reaching the end marks the lesson read."""
    row = _progress_row(session, user, module)
    row.reading_percent = max(row.reading_percent, percent)
    if row.reading_percent >= READ_TO_END_PERCENT and row.lesson_read_at is None:
        row.lesson_read_at = utcnow()
    session.flush()
    refresh_completion(session, user=user, module=module)
    return row


def public_questions(module: Module, locale: str) -> list[dict[str, Any]]:
    return [grading.public_question(q, locale) for q in module.quiz]


@dataclass
class QuizOutcome:
    score_percent: int
    passed: bool
    best_percent: int
    attempts: int
    results: list[dict[str, Any]]
    module_completed: bool


def grade_quiz(session: Session, *, user: User, module: Module,
               answers: dict[str, dict[str, Any]], locale: str) -> QuizOutcome:
    """Grade a knowledge check on the server and keep the best score."""
    known = {q["id"] for q in module.quiz}
    unknown = sorted(set(answers) - known)
    if unknown:
        raise Invalid(f"Unknown question id(s): {', '.join(unknown)}")
    results = []
    correct_count = 0
    for question in module.quiz:
        correct = grading.is_correct(question, answers.get(question["id"]))
        correct_count += correct
        results.append({"id": question["id"], "correct": correct,
                        "explanation": pick(question["explanation"], locale)})
    score = round(100 * correct_count / len(module.quiz))
    session.add(QuizAttempt(user_id=user.id, module_id=module.id, answers=answers,
                            score_percent=score, content_hash=module.content_hash))
    row = _progress_row(session, user, module)
    row.quiz_attempts += 1
    row.quiz_best_percent = max(row.quiz_best_percent or 0, score)
    passed = score >= module.quiz_min_percent
    if passed and row.quiz_passed_at is None:
        row.quiz_passed_at = utcnow()
    session.flush()
    completed = refresh_completion(session, user=user, module=module)
    return QuizOutcome(score_percent=score, passed=passed, best_percent=row.quiz_best_percent,
                       attempts=row.quiz_attempts, results=results, module_completed=completed)


def refresh_completion(session: Session, *, user: User, module: Module) -> bool:
    """Store module and course completion once their requirements are met."""
    row = _progress_row(session, user, module)
    state = ModuleState(module, row, _practice_passed(session, user.id, list(module.practice)))
    if state.completed and row.completed_at is None:
        row.completed_at = utcnow()
        session.flush()
    if state.completed:
        course_state_now = next(s for s in learner_state(session, user)
                                if s.course.id == module.course_id)
        if course_state_now.completion is None and all(m.completed for m in course_state_now.modules):
            try:
                with session.begin_nested():
                    session.add(CourseCompletion(user_id=user.id, course_id=module.course_id,
                                                 completed_at=utcnow()))
                    session.flush()
            except IntegrityError:
                pass  # completed concurrently: one record is kept
    return state.completed


def refresh_for_practice(session: Session, *, user: User, item_slug: str) -> None:
    """A practice item was passed: re-check the modules that link it."""
    for module in modules_of(session):
        if item_slug in module.practice:
            refresh_completion(session, user=user, module=module)


def completed_course_slugs(session: Session, user_id: int) -> set[str]:
    rows = session.execute(select(Course.slug).join(CourseCompletion, CourseCompletion.course_id == Course.id)
                           .where(CourseCompletion.user_id == user_id))
    return {slug for (slug,) in rows}


def neighbours(session: Session, module: Module) -> tuple[Module | None, Module | None]:
    siblings = modules_of(session, [module.course_id])
    index = next(i for i, m in enumerate(siblings) if m.id == module.id)
    previous = siblings[index - 1] if index > 0 else None
    following = siblings[index + 1] if index + 1 < len(siblings) else None
    return previous, following

