"""Accounts JSON API: register, bearer tokens, the current user."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response, status
from sqlalchemy import select

from app.accounts import service
from app.accounts.dependencies import (
    AdminUser,
    CurrentUser,
    SettingsDep,
    bearer_token,
    client_address,
)
from app.accounts.models import User
from app.accounts.schemas import (
    LocaleIn,
    PasswordChangeIn,
    RegisterIn,
    RoleIn,
    TokenIn,
    TokenOut,
    UserOut,
)
from app.db import DbInt, SessionDep
from app.errors import NotFound

router = APIRouter(prefix="/api/v1", tags=["accounts"])


@router.post("/auth/register", status_code=status.HTTP_201_CREATED, response_model=UserOut)
def register(body: RegisterIn, session: SessionDep) -> User:
    """Create a trainee account."""
    return service.create_user(session, email=body.email, display_name=body.display_name,
                               password=body.password, locale=body.locale)


@router.post("/auth/token", response_model=TokenOut)
def create_token(body: TokenIn, request: Request, session: SessionDep,
                 settings: SettingsDep) -> TokenOut:
    """Exchange email + password for a bearer token (shown once, stored hashed)."""
    user = service.authenticate(session, settings, email=body.email, password=body.password,
                                address=client_address(request))
    token, row = service.issue_api_token(session, settings, user=user, name=body.name)
    return TokenOut(access_token=token, expires_at=row.expires_at)


@router.delete("/auth/token", status_code=status.HTTP_204_NO_CONTENT)
def revoke_token(request: Request, user: CurrentUser, session: SessionDep) -> Response:
    """Revoke the bearer token used for this request."""
    token = bearer_token(request)
    if token is not None:
        service.revoke_api_token(session, token)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/me", response_model=UserOut)
def me(user: CurrentUser) -> User:
    """The authenticated user."""
    return user


@router.put("/me/password", status_code=status.HTTP_204_NO_CONTENT)
def change_password(body: PasswordChangeIn, user: CurrentUser, session: SessionDep) -> Response:
    """Change the password; every session and token of the user is revoked."""
    service.change_password(session, user=user, current_password=body.current_password,
                            new_password=body.new_password)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.put("/me/locale", response_model=UserOut)
def change_locale(body: LocaleIn, user: CurrentUser, session: SessionDep) -> User:
    """Keep the user's language choice."""
    service.set_locale(session, user=user, locale=body.locale)
    return user


@router.get("/admin/users", response_model=list[UserOut])
def list_users(admin: AdminUser, session: SessionDep) -> list[User]:
    """All accounts (admins only)."""
    return list(session.scalars(select(User).order_by(User.id)))


@router.put("/admin/users/{user_id}/role", response_model=UserOut)
def set_role(user_id: DbInt, body: RoleIn, admin: AdminUser, session: SessionDep) -> User:
    """Change an account's role (admins only)."""
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("No such user.")
    service.set_role(session, user=user, role=body.role)
    return user
