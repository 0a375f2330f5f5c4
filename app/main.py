"""The ASGI application: ``uvicorn app.main:app``."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import text
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from app import flash as flash_cookie
from app.accounts import pages as account_pages
from app.accounts import router as account_router
from app.accounts.dependencies import CSRF_COOKIE, LoginRequired
from app.config import Settings
from app.db import make_engine, make_sessionmaker
from app.errors import AppError
from app.i18n import N_
from app.i18n import gettext as _
from app.templating import render

log = logging.getLogger("aide")
STATIC_DIR = Path(__file__).parent / "static"


def wants_json(request: Request) -> bool:
    """API paths and JSON clients get JSON errors; browsers get an error page."""
    if request.url.path.startswith(("/api/", "/healthz", "/.well-known/")):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def error_response(request: Request, status_code: int, detail: object,
                   headers: dict[str, str] | None = None) -> Response:
    if wants_json(request):
        return JSONResponse({"detail": detail}, status_code=status_code, headers=headers)
    message = detail if isinstance(detail, str) else _("Some fields are not valid.")
    response = render(request, "errors/error.html",
                      {"status_code": status_code, "message": _(str(message))},
                      status_code=status_code)
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired) -> Response:
        if wants_json(request):
            return error_response(request, 401, exc.message)
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        from urllib.parse import quote

        return RedirectResponse(f"/login?next={quote(target)}", status_code=303)

    @app.exception_handler(AppError)
    async def app_error(request: Request, exc: AppError) -> Response:
        return error_response(request, exc.status_code, exc.message, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail
        if exc.status_code == 404 and detail == "Not Found":
            detail = N_("Page not found.")
        return error_response(request, exc.status_code, detail, dict(exc.headers or {}))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        errors = [
            {"loc": list(err.get("loc", ())), "msg": str(err.get("msg", "")),
             "type": str(err.get("type", ""))}
            for err in exc.errors()
        ]
        return error_response(request, 422, errors)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_response(request, 500, N_("Something went wrong on our side. Try again."))

    @app.exception_handler(DataError)
    async def data_error(request: Request, exc: DataError) -> Response:
        if "NUL" in str(exc.orig):  # PostgreSQL text cannot hold NUL characters: the input is at fault
            return error_response(request, 422, N_("Text must not contain NUL characters."))
        return await unexpected(request, exc)


def install_api_docs(app: FastAPI) -> None:
    """Swagger UI at /docs from the swagger-ui-bundle package: served locally, no CDN."""
    import swagger_ui_bundle

    app.mount("/docs-assets", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path),
              name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def api_docs() -> Response:
        html = (
            '<!doctype html><html lang="en"><head><meta charset="utf-8">'
            "<title>AIDE Academy API</title>"
            '<link rel="stylesheet" href="/docs-assets/swagger-ui.css"></head><body>'
            '<div id="swagger-ui"></div>'
            '<script src="/docs-assets/swagger-ui-bundle.js"></script>'
            '<script src="/static/js/docs-init.js"></script></body></html>'
        )
        return Response(html, media_type="text/html")


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the application for the given settings (the environment's by default)."""
    settings = settings or Settings()
    app = FastAPI(title="AIDE Academy", version="0.1.0",
                  description="Train and certify AI data labelers (AIDE level 2 and level 1).",
                  docs_url=None, redoc_url=None)
    app.state.settings = settings
    app.state.engine = make_engine(settings.database_url)
    app.state.sessionmaker = make_sessionmaker(app.state.engine)
    app.state.dashboard_sections = []

    @app.middleware("http")
    async def cookies_and_headers(request: Request,
                                  call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        nonce = request.cookies.get(CSRF_COOKIE)
        fresh_nonce = None
        if not nonce or len(nonce) > 100:
            nonce = fresh_nonce = secrets.token_urlsafe(24)
        request.state.csrf_nonce = nonce
        request.state.flashes = flash_cookie.decode(
            settings.resolved_secret_key, request.cookies.get(flash_cookie.FLASH_COOKIE))
        response = await call_next(request)
        if fresh_nonce:
            response.set_cookie(CSRF_COOKIE, fresh_nonce, httponly=True, samesite="lax",
                                secure=settings.secure_cookies, path="/")
        content_type = response.headers.get("content-type", "")
        if request.state.flashes and content_type.startswith("text/html") \
                and response.status_code < 300:
            response.delete_cookie(flash_cookie.FLASH_COOKIE, path="/")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if content_type.startswith("text/html"):
            response.headers.setdefault("X-Frame-Options", "DENY")
            response.headers.setdefault(
                "Content-Security-Policy",
                "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; "
                "style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; form-action 'self'",
            )
        return response

    install_error_handlers(app)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    install_api_docs(app)

    @app.get("/healthz", tags=["health"])
    def healthz() -> Response:
        """Liveness and database check: 503 when the database does not answer."""
        try:
            with app.state.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except Exception:  # any driver error means "not healthy", never a 500
            log.exception("health check failed")
            return JSONResponse({"status": "error", "database": "unreachable"}, status_code=503)
        return JSONResponse({"status": "ok", "database": "ok"})

    from app import pages as site_pages

    app.include_router(account_router.router)
    app.include_router(account_pages.router)
    app.include_router(site_pages.router)
    for register in _domain_registrations():
        register(app)
    return app


def _domain_registrations() -> list[Callable[[FastAPI], None]]:
    """Each domain package adds its routers and dashboard card through ``register(app)``."""
    import importlib

    hooks = []
    for name in ("courses", "practice", "exams", "certificates"):
        module = importlib.import_module(f"app.{name}")
        register = getattr(module, "register", None)
        if register is not None:
            hooks.append(register)
    return hooks


app = create_app()
