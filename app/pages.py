"""Site-wide pages: home and dashboard."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.accounts.dependencies import OptionalUser, PageUser
from app.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, user: OptionalUser) -> Response:
    """The landing page: what AIDE Academy is and how to start."""
    return render(request, "pages/home.html")


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard(request: Request, user: PageUser) -> Response:
    """The learner's overview: progress per course and the next step."""
    sections = request.app.state.dashboard_sections
    cards = [card for section in sections if (card := section(request, user)) is not None]
    return render(request, "pages/dashboard.html", {"cards": cards})


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> Response:
    return RedirectResponse("/static/img/favicon.svg", status_code=301)
