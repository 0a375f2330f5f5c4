"""Exams: blueprints, the question bank, attempts with their drawn paper, answers, integrity log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Float, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, IdMixin, TimestampMixin, utcnow


class Blueprint(IdMixin, Base):
    """An exam definition from content/exams/<slug>.yaml (each has a real and a mock variant)."""

    __tablename__ = "blueprints"

    slug: Mapped[str] = mapped_column(String(80), unique=True)
    level: Mapped[int]
    title: Mapped[dict[str, str]] = mapped_column(JSON)
    description: Mapped[dict[str, str]] = mapped_column(JSON)
    duration_minutes: Mapped[int]
    requires: Mapped[dict[str, Any]] = mapped_column(JSON)
    pass_rule: Mapped[dict[str, Any]] = mapped_column(JSON)
    attempt_policy: Mapped[dict[str, Any]] = mapped_column(JSON)
    valid_years: Mapped[int] = mapped_column(default=2)
    sections: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    content_hash: Mapped[str] = mapped_column(String(64))
    retired_at: Mapped[datetime | None] = mapped_column(default=None)


class BankQuestion(IdMixin, Base):
    """A theory question of an exam bank, with its answer key (never sent before grading)."""

    __tablename__ = "bank_questions"

    qid: Mapped[str] = mapped_column(String(40), unique=True)
    bank: Mapped[str] = mapped_column(String(80), index=True)
    topic: Mapped[str] = mapped_column(String(80))
    difficulty: Mapped[int]
    question: Mapped[dict[str, Any]] = mapped_column(JSON)
    content_hash: Mapped[str] = mapped_column(String(64))
    retired_at: Mapped[datetime | None] = mapped_column(default=None)


class Attempt(IdMixin, TimestampMixin, Base):
    """One sitting of an exam: the server owns the paper, the clock and the grade."""

    __tablename__ = "attempts"

    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    blueprint_id: Mapped[int] = mapped_column(ForeignKey("blueprints.id"), index=True)
    mode: Mapped[str] = mapped_column(String(10))  # "real" | "mock"
    # Set while the attempt is open, NULL afterwards: a unique key that allows one open attempt.
    open_key: Mapped[str | None] = mapped_column(String(120), unique=True, default=None)
    status: Mapped[str] = mapped_column(String(12), default="open")  # open | graded
    seed: Mapped[int] = mapped_column(BigInteger)  # the paper's random seed (64-bit)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    duration_minutes: Mapped[int]
    extra_minutes: Mapped[int] = mapped_column(default=0)
    deadline: Mapped[datetime]
    submitted_at: Mapped[datetime | None] = mapped_column(default=None)
    finished_by: Mapped[str | None] = mapped_column(String(12), default=None)  # submit | deadline
    score_percent: Mapped[float | None] = mapped_column(Float, default=None)
    section_scores: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    topic_scores: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    passed: Mapped[bool | None] = mapped_column(default=None)
    receipt: Mapped[str | None] = mapped_column(String(64), default=None)
    content_version: Mapped[str] = mapped_column(String(64))


class PaperItem(IdMixin, Base):
    """One drawn item of an attempt's paper, with the per-attempt opaque option ids."""

    __tablename__ = "paper_items"
    __table_args__ = (UniqueConstraint("attempt_id", "position"),)

    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    section: Mapped[str] = mapped_column(String(8))
    source: Mapped[str] = mapped_column(String(10))  # "question" | "item"
    ref: Mapped[str] = mapped_column(String(80))  # BankQuestion.qid or LabelItem.slug
    topic: Mapped[str] = mapped_column(String(80))
    option_ids: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)  # opaque id -> authored id
    option_order: Mapped[list[str]] = mapped_column(JSON, default=list)  # opaque ids, shown order
    points: Mapped[float | None] = mapped_column(Float, default=None)
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)


class Answer(IdMixin, Base):
    """The latest saved answer to one paper item; a lower client seq never overwrites it."""

    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("attempt_id", "paper_item_id"),)

    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id", ondelete="CASCADE"), index=True)
    paper_item_id: Mapped[int] = mapped_column(ForeignKey("paper_items.id", ondelete="CASCADE"))
    seq: Mapped[int]
    response: Mapped[dict[str, Any]] = mapped_column(JSON)
    saved_at: Mapped[datetime] = mapped_column(default=utcnow)


class IntegrityEvent(IdMixin, Base):
    """Focus loss, tab switches and paste events, recorded for the proctor (not judged)."""

    __tablename__ = "integrity_events"

    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    detail: Mapped[str] = mapped_column(String(200), default="")


class Accommodation(IdMixin, TimestampMixin, Base):
    """Extra time granted to a candidate for an exam (set by an instructor)."""

    __tablename__ = "accommodations"
    __table_args__ = (UniqueConstraint("user_id", "blueprint_id"),)

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    blueprint_id: Mapped[int] = mapped_column(ForeignKey("blueprints.id"))
    extra_minutes: Mapped[int]
    reason: Mapped[str] = mapped_column(String(200), default="")
    set_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), default=None)
