"""Courses: the loaded content (courses, modules) and each learner's progress."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, IdMixin, TimestampMixin, utcnow


class ContentVersion(IdMixin, Base):
    """One `aide content load`: the hash of every file it read, and what it changed."""

    __tablename__ = "content_versions"

    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    loaded_at: Mapped[datetime] = mapped_column(default=utcnow)
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Course(IdMixin, Base):
    __tablename__ = "courses"

    slug: Mapped[str] = mapped_column(String(80), unique=True)
    position: Mapped[int]
    title: Mapped[dict[str, str]] = mapped_column(JSON)
    summary: Mapped[dict[str, str]] = mapped_column(JSON)
    prerequisites: Mapped[list[str]] = mapped_column(JSON, default=list)
    content_hash: Mapped[str] = mapped_column(String(64))
    retired_at: Mapped[datetime | None] = mapped_column(default=None)


class Module(IdMixin, Base):
    __tablename__ = "modules"

    slug: Mapped[str] = mapped_column(String(80), unique=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)
    position: Mapped[int]
    folder: Mapped[str] = mapped_column(String(255))
    title: Mapped[dict[str, str]] = mapped_column(JSON)
    objectives: Mapped[dict[str, list[str]]] = mapped_column(JSON)
    estimated_minutes: Mapped[int]
    quiz_min_percent: Mapped[int]
    practice: Mapped[list[str]] = mapped_column(JSON, default=list)
    lesson_html_ko: Mapped[str] = mapped_column(Text)
    lesson_html_en: Mapped[str] = mapped_column(Text)
    toc: Mapped[dict[str, list[dict[str, Any]]]] = mapped_column(JSON)
    # The full knowledge check including its answer key: only the grader reads it.
    quiz: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    content_hash: Mapped[str] = mapped_column(String(64))
    retired_at: Mapped[datetime | None] = mapped_column(default=None)

    course: Mapped[Course] = relationship(lazy="raise")


class ModuleProgress(IdMixin, TimestampMixin, Base):
    """Where one learner stands in one module; kept even when the module is retired."""

    __tablename__ = "module_progress"
    __table_args__ = (UniqueConstraint("user_id", "module_id"),)

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("modules.id"), index=True)
    reading_percent: Mapped[int] = mapped_column(default=0)
    lesson_read_at: Mapped[datetime | None] = mapped_column(default=None)
    quiz_best_percent: Mapped[int | None] = mapped_column(default=None)
    quiz_attempts: Mapped[int] = mapped_column(default=0)
    quiz_passed_at: Mapped[datetime | None] = mapped_column(default=None)
    completed_at: Mapped[datetime | None] = mapped_column(default=None)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class QuizAttempt(IdMixin, TimestampMixin, Base):
    """One submitted knowledge check, graded on the server."""

    __tablename__ = "quiz_attempts"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("modules.id"), index=True)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    score_percent: Mapped[int]
    content_hash: Mapped[str] = mapped_column(String(64))


class CourseCompletion(IdMixin, Base):
    """A learner finished every module of a course (stored once, with its time)."""

    __tablename__ = "course_completions"
    __table_args__ = (UniqueConstraint("user_id", "course_id"),)

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"))
    completed_at: Mapped[datetime] = mapped_column(default=utcnow)
