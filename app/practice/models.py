"""Practice: labeling items (practice and exam pools) with secret gold, and submissions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, IdMixin, TimestampMixin, utcnow


class LabelItem(IdMixin, Base):
    """One labeling item: what the trainee sees (public) and its gold (never sent)."""

    __tablename__ = "label_items"

    slug: Mapped[str] = mapped_column(String(80), unique=True)
    kind: Mapped[str] = mapped_column(String(10))  # "practice" | "exam"
    module_slug: Mapped[str | None] = mapped_column(String(80), index=True, default=None)
    pool: Mapped[str | None] = mapped_column(String(80), index=True, default=None)
    topic: Mapped[str | None] = mapped_column(String(80), default=None)
    task_type: Mapped[str] = mapped_column(String(20))
    difficulty: Mapped[int] = mapped_column(default=1)
    position: Mapped[int] = mapped_column(default=0)
    folder: Mapped[str] = mapped_column(String(255))
    title: Mapped[dict[str, str]] = mapped_column(JSON)
    instructions_html: Mapped[dict[str, str]] = mapped_column(JSON)
    asset: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    labels: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Secret: gold labels, thresholds and the pass mark. Only the scorer reads this.
    gold: Mapped[dict[str, Any]] = mapped_column(JSON)
    content_hash: Mapped[str] = mapped_column(String(64))
    retired_at: Mapped[datetime | None] = mapped_column(default=None)


class PracticeSubmission(IdMixin, TimestampMixin, Base):
    """One scored attempt at a practice item (kept for history and best score)."""

    __tablename__ = "practice_submissions"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("label_items.id"), index=True)
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    score: Mapped[float] = mapped_column(Float)
    passed: Mapped[bool]
    result: Mapped[dict[str, Any]] = mapped_column(JSON)
    content_hash: Mapped[str] = mapped_column(String(64))


class PracticeStatus(IdMixin, Base):
    """A learner's standing on one item: best score, attempts, when first passed."""

    __tablename__ = "practice_status"
    __table_args__ = (UniqueConstraint("user_id", "item_id"),)

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("label_items.id"), index=True)
    best_score: Mapped[float] = mapped_column(Float, default=0.0)
    attempts: Mapped[int] = mapped_column(default=0)
    passed_at: Mapped[datetime | None] = mapped_column(default=None)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class PracticeDraft(IdMixin, Base):
    """The autosaved, unsubmitted work on an item (one per learner and item)."""

    __tablename__ = "practice_drafts"
    __table_args__ = (UniqueConstraint("user_id", "item_id"),)

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("label_items.id"), index=True)
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
