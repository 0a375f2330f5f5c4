"""Accounts pages: register, log in, log out, account settings, language switch."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from app.accounts import service
from app.accounts.dependencies import (
    SESSION_COOKIE,
    CsrfChecked,
    OptionalUser,
    PageUser,
    SettingsDep,
    client_address,
)
from app.accounts.schemas import RegisterIn
from app.accounts.security import PASSWORD_MAX_LENGTH
from app.config import Settings
from app.db import SessionDep
from app.errors import AppError
from app.flash import flash
from app.i18n import N_
from app.i18n import gettext as _
from app.templating import render

router = APIRouter(include_in_schema=False)

FormStr = Annotated[str, Form(max_length=1000)]
PasswordForm = Annotated[str, Form(max_length=PASSWORD_MAX_LENGTH * 4)]


def safe_next(target: str | None) -> str:
    """Only same-site relative paths are allowed as a post-login destination."""
    if not target:
        return "/dashboard"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/dashboard"
    return target


def _login_response(settings: Settings, token: str, target: str) -> RedirectResponse:
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(SESSION_COOKIE, token, max_age=settings.session_days * 86400,
                        httponly=True, samesite="lax", secure=settings.secure_cookies, path="/")
    return response


@router.get("/register", response_class=HTMLResponse)
def register_page(request: Request, user: OptionalUser) -> Response:
    """The registration form."""
    if user is not None:
        return RedirectResponse("/dashboard", status_code=303)
    return render(request, "accounts/register.html", {"form": {}, "errors": {}})


@router.post("/register", response_class=HTMLResponse, dependencies=[CsrfChecked])
def register_submit(request: Request, session: SessionDep, settings: SettingsDep,
                    email: FormStr = "", display_name: FormStr = "",
                    password: PasswordForm = "", password_confirm: PasswordForm = "",
                    locale: FormStr = "ko") -> Response:
    """Create the account, log in and go to the dashboard."""
    form = {"email": email, "display_name": display_name, "locale": locale}
    errors: dict[str, str] = {}
    try:
        body = RegisterIn(email=email, display_name=display_name, password=password,
                          locale=locale if locale in ("ko", "en") else "ko")  # type: ignore[arg-type]
    except ValidationError as exc:
        for error in exc.errors():
            field = str(error["loc"][0]) if error["loc"] else "form"
            errors[field] = {
                "email": _("Enter a valid email address."),
                "display_name": _("Enter a name between 1 and 80 characters."),
                "password": _("The password must be 10 to %(max)s characters long.",
                              max=PASSWORD_MAX_LENGTH),
            }.get(field, _("Check this field."))
        body = None
    if password != password_confirm:
        errors["password_confirm"] = _("The two passwords do not match.")
    if body is None or errors:
        return render(request, "accounts/register.html", {"form": form, "errors": errors},
                      status_code=422)
    try:
        user = service.create_user(session, email=body.email, display_name=body.display_name,
                                   password=body.password, locale=body.locale)
    except AppError as exc:
        errors["email"] = _(exc.message)
        return render(request, "accounts/register.html", {"form": form, "errors": errors},
                      status_code=exc.status_code)
    token = service.start_browser_session(session, settings, user=user,
                                          user_agent=request.headers.get("user-agent", ""))
    response = _login_response(settings, token, "/dashboard")
    flash(response, settings.resolved_secret_key, N_("Welcome! Your account is ready."), "success")
    return response


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, user: OptionalUser, next: str | None = None) -> Response:
    """The log-in form."""
    if user is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return render(request, "accounts/login.html",
                  {"form": {}, "error": None, "next": safe_next(next)})


@router.post("/login", response_class=HTMLResponse, dependencies=[CsrfChecked])
def login_submit(request: Request, session: SessionDep, settings: SettingsDep,
                 email: FormStr = "", password: PasswordForm = "",
                 next: FormStr = "/dashboard") -> Response:
    """Check the credentials (throttled) and start a session."""
    target = safe_next(next)
    try:
        user = service.authenticate(session, settings, email=email, password=password,
                                    address=client_address(request))
    except AppError as exc:
        response = render(request, "accounts/login.html",
                          {"form": {"email": email}, "error": _(exc.message), "next": target},
                          status_code=exc.status_code)
        for key, value in exc.headers.items():
            response.headers[key] = value
        return response
    token = service.start_browser_session(session, settings, user=user,
                                          user_agent=request.headers.get("user-agent", ""))
    return _login_response(settings, token, target)


@router.post("/logout", dependencies=[CsrfChecked])
def logout(request: Request, user: OptionalUser, session: SessionDep,
           settings: SettingsDep) -> Response:
    """End the server-side session, so the cookie stops working everywhere."""
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        service.end_browser_session(session, token)
    response = RedirectResponse("/", status_code=303)
    if user is not None:
        remember_locale(response, user.locale)
    response.delete_cookie(SESSION_COOKIE, path="/")
    flash(response, settings.resolved_secret_key, N_("You have been logged out."), "info")
    return response


@router.get("/account", response_class=HTMLResponse)
def account_page(request: Request, user: PageUser) -> Response:
    """Account settings: password and language."""
    return render(request, "accounts/account.html", {"errors": {}})


@router.post("/account/password", response_class=HTMLResponse, dependencies=[CsrfChecked])
def account_password(request: Request, user: PageUser, session: SessionDep,
                     settings: SettingsDep, current_password: PasswordForm = "",
                     new_password: PasswordForm = "",
                     new_password_confirm: PasswordForm = "") -> Response:
    """Change the password: every session ends, then log in again with the new one."""
    errors: dict[str, str] = {}
    if new_password != new_password_confirm:
        errors["new_password_confirm"] = _("The two passwords do not match.")
    else:
        try:
            service.change_password(session, user=user, current_password=current_password,
                                    new_password=new_password)
        except AppError as exc:
            field = "current_password" if "current" in exc.message else "new_password"
            errors[field] = _(exc.message)
    if errors:
        return render(request, "accounts/account.html", {"errors": errors}, status_code=422)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    flash(response, settings.resolved_secret_key,
          N_("Password changed. Please log in with your new password."), "success")
    return response


@router.post("/lang", dependencies=[CsrfChecked])
def switch_language(request: Request, user: OptionalUser, session: SessionDep,
                    locale: FormStr = "ko", next: FormStr = "/") -> Response:
    """Switch ko/en: kept on the user when logged in, else in a cookie."""
    locale = locale if locale in ("ko", "en") else "ko"
    response = RedirectResponse(safe_next(next), status_code=303)
    if user is not None:
        service.set_locale(session, user=user, locale=locale)
    remember_locale(response, locale)
    return response


def remember_locale(response: Response, locale: str) -> None:
    """Keep the language in a cookie too, so it survives logging out."""
    response.set_cookie("aide_locale", locale, max_age=365 * 86400, samesite="lax", path="/")
