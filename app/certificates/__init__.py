"""Certificates: signed credentials, public verification, projects and partner eligibility."""

from __future__ import annotations

from fastapi import FastAPI


def register(app: FastAPI) -> None:
    """Add the certificates API (and pages when present); remember the settings for signing."""
    import importlib

    from app.certificates import router, service

    service.configure(app.state.settings)
    app.include_router(router.router)
    try:
        pages = importlib.import_module("app.certificates.pages")
    except ModuleNotFoundError:
        return
    app.include_router(pages.router)
    if hasattr(pages, "dashboard_card"):
        app.state.dashboard_sections.append(pages.dashboard_card)
