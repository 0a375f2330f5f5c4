"""Who is asking: bearer token or session cookie, and the one place for role checks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Form, Request
from starlette.datastructures import FormData

from app.accounts import service
from app.accounts.models import Role, User
from app.accounts.security import csrf_valid
from app.config import Settings
from app.db import SessionDep
from app.errors import AppError, Forbidden, Unauthorized
from app.i18n import N_

SESSION_COOKIE = "aide_session"
CSRF_COOKIE = "aide_csrf"
CSRF_HEADER = "x-csrf-token"
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


@dataclass(frozen=True)
class Viewer:
    """A detached copy of the user for templates: still readable after a rollback."""

    id: int
    email: str
    display_name: str
    role: Role
    locale: str
    created_at: datetime

    @classmethod
    def of(cls, user: User) -> Viewer:
        return cls(id=user.id, email=user.email, display_name=user.display_name, role=user.role,
                   locale=user.locale, created_at=user.created_at)


def remember_user(request: Request, user: User | None, auth: str | None = None) -> None:
    request.state.user = user
    request.state.viewer = Viewer.of(user) if user is not None else None
    if auth:
        request.state.auth = auth


class LoginRequired(AppError):
    """A page needs a logged-in user: HTML requests are redirected to the log-in page."""

    status_code = 401


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return None


def optional_user(request: Request, session: SessionDep, settings: SettingsDep) -> User | None:
    """The authenticated user, if any: a bearer token wins over the session cookie."""
    token = bearer_token(request)
    if token is not None:
        user = service.user_for_api_token(session, token)
        if user is None:
            raise Unauthorized("The bearer token is invalid, expired or revoked.",
                               headers={"WWW-Authenticate": "Bearer"})
        remember_user(request, user, "bearer")
        return user
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        user = service.user_for_session_token(session, cookie)
        if user is not None:
            if request.method in UNSAFE_METHODS and request.url.path.startswith("/api/"):
                # Cookie-authenticated API writes come from our own pages: require the header.
                nonce = request.cookies.get(CSRF_COOKIE)
                if not csrf_valid(settings.resolved_secret_key, nonce,
                                  request.headers.get(CSRF_HEADER)):
                    raise Forbidden("Missing or invalid CSRF token.")
            remember_user(request, user, "cookie")
            return user
    remember_user(request, None)
    return None


OptionalUser = Annotated[User | None, Depends(optional_user)]


def current_user(user: OptionalUser) -> User:
    """The authenticated user, or 401."""
    if user is None:
        raise Unauthorized("Authentication required.", headers={"WWW-Authenticate": "Bearer"})
    return user


CurrentUser = Annotated[User, Depends(current_user)]


def page_user(user: OptionalUser) -> User:
    """The logged-in user of an HTML page, or a redirect to the log-in page."""
    if user is None:
        raise LoginRequired(N_("Please log in to continue."))
    return user


PageUser = Annotated[User, Depends(page_user)]


def require_role(*roles: Role) -> Callable[[User], User]:
    """A dependency that lets only the given roles (admins always) through, else 403."""

    def check(user: CurrentUser) -> User:
        if user.role != Role.admin and user.role not in roles:
            raise Forbidden(N_("You do not have permission to do this."))
        return user

    return check


def require_page_role(*roles: Role) -> Callable[[User], User]:
    """The page flavour of require_role: log in first, then 403."""

    def check(user: PageUser) -> User:
        if user.role != Role.admin and user.role not in roles:
            raise Forbidden(N_("You do not have permission to see this page."))
        return user

    return check


InstructorUser = Annotated[User, Depends(require_role(Role.instructor))]
AdminUser = Annotated[User, Depends(require_role(Role.admin))]
InstructorPageUser = Annotated[User, Depends(require_page_role(Role.instructor))]
AdminPageUser = Annotated[User, Depends(require_page_role(Role.admin))]


def verify_csrf(request: Request, settings: SettingsDep,
                csrf_token: Annotated[str, Form(max_length=200)] = "") -> None:
    """Every HTML form POST carries the token that matches the CSRF cookie."""
    if not csrf_valid(settings.resolved_secret_key, request.cookies.get(CSRF_COOKIE), csrf_token):
        raise Forbidden(N_("The form expired or did not come from this site. Reload and try again."))


CsrfChecked = Depends(verify_csrf)


async def request_form(request: Request) -> FormData:
    """The parsed form, awaited here so that the handler can be a plain ``def``.

    A handler that uses the database must not be ``async def``: its blocking queries would run on
    the event loop and could wait there for a lock held by a request whose commit needs that loop.
    """
    return await request.form()


RequestForm = Annotated[FormData, Depends(request_form)]


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"
