"""Courses: the two 10-module courses, lessons, knowledge checks and progress."""

from __future__ import annotations

from fastapi import FastAPI


def register(app: FastAPI) -> None:
    """Add the courses API, pages and dashboard card to the app."""
    from app.courses import pages, router

    app.include_router(router.router)
    app.include_router(pages.router)
    app.state.dashboard_sections.append(pages.dashboard_card)
