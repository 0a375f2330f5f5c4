"""Exams: AIDE level 2 and level 1, real and mock, timed and graded on the server."""

from __future__ import annotations

from fastapi import FastAPI


def register(app: FastAPI) -> None:
    """Add the exams API (pages are added by app.exams.pages when present)."""
    import importlib

    from app.exams import router

    app.include_router(router.router)
    try:
        pages = importlib.import_module("app.exams.pages")
    except ModuleNotFoundError:
        return
    app.include_router(pages.router)
    if hasattr(pages, "dashboard_card"):
        app.state.dashboard_sections.append(pages.dashboard_card)
