"""Practice: labeling items scored against gold labels, and the browser workspace."""

from __future__ import annotations

from fastapi import FastAPI


def register(app: FastAPI) -> None:
    """Add the practice API, pages, assets and dashboard card."""
    from app.practice import pages, router

    app.include_router(router.router)
    app.include_router(pages.router)
    app.state.dashboard_sections.append(pages.dashboard_card)
