"""Accounts: users, browser sessions, API tokens and login attempts."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Enum, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, IdMixin, TimestampMixin
from app.i18n import N_


class Role(enum.StrEnum):
    trainee = "trainee"
    instructor = "instructor"
    admin = "admin"


ROLE_LABELS = {Role.trainee: N_("trainee"), Role.instructor: N_("instructor"), Role.admin: N_("admin")}


class User(IdMixin, TimestampMixin, Base):
    __tablename__ = "users"

    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(80))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(
        Enum(Role, native_enum=False, length=20, validate_strings=True,
             create_constraint=True, name="role"),
        default=Role.trainee,
    )
    locale: Mapped[str] = mapped_column(String(5), default="ko")
    is_active: Mapped[bool] = mapped_column(default=True)
    password_changed_at: Mapped[datetime | None] = mapped_column(default=None)


class BrowserSession(IdMixin, TimestampMixin, Base):
    """A server-side login session; the cookie holds a random token whose hash is stored."""

    __tablename__ = "browser_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)
    user_agent: Mapped[str] = mapped_column(String(255), default="")

    user: Mapped[User] = relationship(lazy="raise")


class ApiToken(IdMixin, TimestampMixin, Base):
    """A bearer token for API clients, stored hashed and revocable."""

    __tablename__ = "api_tokens"

    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80), default="api")
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)
    last_used_at: Mapped[datetime | None] = mapped_column(default=None)

    user: Mapped[User] = relationship(lazy="raise")


class LoginAttempt(IdMixin, Base):
    """One login try; failures within a window drive throttling across all workers."""

    __tablename__ = "login_attempts"
    __table_args__ = (
        Index("ix_login_attempts_email_at", "email", "attempted_at"),
        Index("ix_login_attempts_address_at", "address", "attempted_at"),
    )

    email: Mapped[str] = mapped_column(String(254))
    address: Mapped[str] = mapped_column(String(64))
    succeeded: Mapped[bool]
    attempted_at: Mapped[datetime]
