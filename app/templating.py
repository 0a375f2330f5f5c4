"""Jinja2 environment and the one render() helper every page uses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from babel.dates import format_datetime, get_timezone
from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

from app import i18n
from app.accounts.dependencies import CSRF_COOKIE, SESSION_COOKIE
from app.accounts.security import csrf_for

TEMPLATES_DIR = Path(__file__).parent / "templates"
templates = Jinja2Templates(env=Environment(
    loader=FileSystemLoader(str(TEMPLATES_DIR)),
    autoescape=select_autoescape(["html", "xml", "svg"], default_for_string=True),
    extensions=["jinja2.ext.i18n"],
))
templates.env.install_gettext_callables(  # type: ignore[attr-defined]
    i18n.gettext, i18n.ngettext, newstyle=True
)
templates.env.globals["pick"] = i18n.pick
templates.env.filters["tr_pick"] = lambda text, locale=None: i18n.pick(text, locale)


SEOUL = get_timezone("Asia/Seoul")


def _format_dt(value: Any, fmt: str = "medium") -> str:
    if value is None:
        return ""
    return format_datetime(value, format=fmt, locale=i18n.current_locale.get(),
                           tzinfo=SEOUL)


templates.env.filters["datetime"] = _format_dt


def request_locale(request: Request) -> str:
    """User's saved choice, else the language cookie, else Accept-Language, else the default."""
    viewer = getattr(request.state, "viewer", None)
    if viewer is not None:
        return str(viewer.locale)
    cookie = request.cookies.get("aide_locale")
    if cookie in ("ko", "en"):
        return str(cookie)
    default = request.app.state.settings.default_locale
    return i18n.negotiate(request.headers.get("accept-language"), default)


def csrf_token(request: Request) -> str:
    nonce = getattr(request.state, "csrf_nonce", None) or request.cookies.get(CSRF_COOKIE, "")
    return csrf_for(request.app.state.settings.resolved_secret_key, nonce)


def pop_flashes(request: Request) -> list[dict[str, str]]:
    flashes: list[dict[str, str]] = getattr(request.state, "flashes", [])
    return flashes


def render(request: Request, name: str, context: dict[str, Any] | None = None,
           status_code: int = 200) -> HTMLResponse:
    """Render a page in the request's locale with the user, CSRF token and flashes."""
    locale = request_locale(request)
    i18n.current_locale.set(locale)
    ctx: dict[str, Any] = {
        "user": getattr(request.state, "viewer", None),
        "locale": locale,
        "csrf_token": csrf_token(request),
        "flashes": pop_flashes(request),
        "logged_in": bool(request.cookies.get(SESSION_COOKIE)),
    }
    ctx.update(context or {})
    response = templates.TemplateResponse(request, name, ctx, status_code=status_code)
    return response
