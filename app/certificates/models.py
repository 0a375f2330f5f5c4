"""Certificates: one per passing real attempt, signed, verifiable, revocable; partner API keys."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, IdMixin, TimestampMixin


class Certificate(IdMixin, Base):
    __tablename__ = "certificates"

    number: Mapped[str | None] = mapped_column(String(32), unique=True, default=None)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id"), unique=True)
    level: Mapped[int]
    holder_name: Mapped[str] = mapped_column(String(80))
    issued_at: Mapped[datetime]
    valid_until: Mapped[datetime]
    section_scores: Mapped[dict[str, Any]] = mapped_column(JSON)
    score_percent: Mapped[float]
    blueprint_slug: Mapped[str] = mapped_column(String(80))
    content_version: Mapped[str] = mapped_column(String(64))
    credential: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)
    revoked_reason: Mapped[str | None] = mapped_column(String(300), default=None)
    revoked_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), default=None)


class PartnerKey(IdMixin, TimestampMixin, Base):
    """An API key for a partner labeling platform (stored hashed; eligibility checks only)."""

    __tablename__ = "partner_keys"

    name: Mapped[str] = mapped_column(String(120))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(12))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), default=None)
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)
    last_used_at: Mapped[datetime | None] = mapped_column(default=None)


class Project(IdMixin, Base):
    """A labeling project and what a labeler needs to join it (content/projects.yaml, admin-editable)."""

    __tablename__ = "projects"

    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[dict[str, str]] = mapped_column(JSON)
    client: Mapped[str] = mapped_column(String(120))
    task_types: Mapped[list[str]] = mapped_column(JSON)
    requirements: Mapped[dict[str, Any]] = mapped_column(JSON)
    description: Mapped[dict[str, str]] = mapped_column(JSON)
    edited_by_admin: Mapped[bool] = mapped_column(default=False)
    retired_at: Mapped[datetime | None] = mapped_column(default=None)
