"""Accounts logic: registration, credentials, sessions, tokens, throttling."""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.accounts.models import ApiToken, BrowserSession, LoginAttempt, Role, User
from app.accounts.security import (
    PASSWORD_MAX_LENGTH,
    PASSWORD_MIN_LENGTH,
    hash_password,
    new_token,
    token_digest,
    verify_password,
)
from app.config import Settings
from app.db import utcnow
from app.errors import Conflict, Invalid, TooManyRequests, Unauthorized
from app.i18n import N_

BAD_CREDENTIALS = N_("Email or password is incorrect.")


def normalise_email(email: str) -> str:
    """Emails compare case-insensitively; store them lower-cased and trimmed."""
    return email.strip().lower()


def check_password_rules(password: str) -> None:
    if len(password) < PASSWORD_MIN_LENGTH:
        raise Invalid(f"The password must be at least {PASSWORD_MIN_LENGTH} characters long.")
    if len(password) > PASSWORD_MAX_LENGTH:
        raise Invalid(f"The password must be at most {PASSWORD_MAX_LENGTH} characters long.")


def get_user_by_email(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == normalise_email(email)))


def create_user(session: Session, *, email: str, display_name: str, password: str,
                locale: str = "ko", role: Role = Role.trainee) -> User:
    """Create an account; a taken email is a 409 conflict."""
    check_password_rules(password)
    email = normalise_email(email)
    if get_user_by_email(session, email) is not None:
        raise Conflict(N_("An account with this email already exists."))
    user = User(email=email, display_name=display_name.strip(), locale=locale, role=role,
                password_hash=hash_password(password))
    session.add(user)
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError:
        raise Conflict(N_("An account with this email already exists.")) from None
    return user


def _throttle_window_start(settings: Settings) -> datetime:
    return utcnow() - timedelta(minutes=settings.login_window_minutes)


def check_throttle(session: Session, settings: Settings, *, email: str, address: str) -> None:
    """Refuse with 429 while an account or an address has too many recent failures."""
    since = _throttle_window_start(settings)
    checks = (
        (LoginAttempt.email == normalise_email(email), settings.login_max_failures_per_account),
        (LoginAttempt.address == address, settings.login_max_failures_per_address),
    )
    for condition, limit in checks:
        count, oldest = session.execute(
            select(func.count(), func.min(LoginAttempt.attempted_at)).where(
                condition, LoginAttempt.succeeded.is_(False), LoginAttempt.attempted_at >= since
            )
        ).one()
        if count >= limit:
            unlock = oldest + timedelta(minutes=settings.login_window_minutes)
            retry = max(1, math.ceil((unlock - utcnow()).total_seconds()))
            raise TooManyRequests(
                N_("Too many failed log-in attempts. Try again later."),
                headers={"Retry-After": str(retry)},
            )


def authenticate(session: Session, settings: Settings, *, email: str, password: str,
                 address: str) -> User:
    """Check credentials with throttling; unknown email and wrong password answer alike."""
    check_throttle(session, settings, email=email, address=address)
    user = get_user_by_email(session, email)
    ok = verify_password(password, user.password_hash if user else None)
    ok = ok and user is not None and user.is_active
    session.add(LoginAttempt(email=normalise_email(email)[:254], address=address[:64],
                             succeeded=ok, attempted_at=utcnow()))
    if not ok or user is None:
        # The failure must outlive the request's rollback, or throttling would never trigger.
        session.commit()
        raise Unauthorized(BAD_CREDENTIALS)
    session.flush()
    return user


def start_browser_session(session: Session, settings: Settings, *, user: User,
                          user_agent: str = "") -> str:
    """Create a server-side session row and return the raw cookie token."""
    token = new_token()
    session.add(BrowserSession(token_hash=token_digest(token), user_id=user.id,
                               expires_at=utcnow() + timedelta(days=settings.session_days),
                               user_agent=user_agent[:255]))
    session.flush()
    return token


def user_for_session_token(session: Session, token: str) -> User | None:
    row = session.execute(
        select(BrowserSession, User).join(User, User.id == BrowserSession.user_id).where(
            BrowserSession.token_hash == token_digest(token),
            BrowserSession.revoked_at.is_(None),
            BrowserSession.expires_at > utcnow(),
            User.is_active.is_(True),
        )
    ).first()
    return row[1] if row else None


def end_browser_session(session: Session, token: str) -> None:
    session.execute(update(BrowserSession).where(
        BrowserSession.token_hash == token_digest(token), BrowserSession.revoked_at.is_(None)
    ).values(revoked_at=utcnow()))


def issue_api_token(session: Session, settings: Settings, *, user: User,
                    name: str = "api") -> tuple[str, ApiToken]:
    """Create a bearer token (stored hashed) and return the raw value once."""
    token = new_token()
    row = ApiToken(token_hash=token_digest(token), user_id=user.id, name=name,
                   expires_at=utcnow() + timedelta(days=settings.token_days))
    session.add(row)
    session.flush()
    return token, row


def user_for_api_token(session: Session, token: str) -> User | None:
    row = session.execute(
        select(ApiToken, User).join(User, User.id == ApiToken.user_id).where(
            ApiToken.token_hash == token_digest(token),
            ApiToken.revoked_at.is_(None),
            ApiToken.expires_at > utcnow(),
            User.is_active.is_(True),
        )
    ).first()
    return row[1] if row else None


def revoke_api_token(session: Session, token: str) -> None:
    session.execute(update(ApiToken).where(
        ApiToken.token_hash == token_digest(token), ApiToken.revoked_at.is_(None)
    ).values(revoked_at=utcnow()))


def change_password(session: Session, *, user: User, current_password: str,
                    new_password: str) -> None:
    """Change the password and revoke every session and token of the user."""
    if not verify_password(current_password, user.password_hash):
        raise Invalid(N_("The current password is incorrect."))
    check_password_rules(new_password)
    user.password_hash = hash_password(new_password)
    user.password_changed_at = utcnow()
    now = utcnow()
    session.execute(update(BrowserSession).where(
        BrowserSession.user_id == user.id, BrowserSession.revoked_at.is_(None)
    ).values(revoked_at=now))
    session.execute(update(ApiToken).where(
        ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None)
    ).values(revoked_at=now))
    session.flush()


def set_locale(session: Session, *, user: User, locale: str) -> None:
    user.locale = locale
    session.flush()


def set_role(session: Session, *, user: User, role: Role) -> None:
    user.role = role
    session.flush()
