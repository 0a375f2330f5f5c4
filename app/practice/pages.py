"""Practice pages: the task list and the labeling workspace; assets are served here too."""

from __future__ import annotations

import mimetypes
from itertools import groupby
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from app.accounts.dependencies import CurrentUser, PageUser, SettingsDep
from app.accounts.models import User
from app.courses import service as course_service
from app.db import SessionDep
from app.errors import NotFound
from app.i18n import N_, pick
from app.practice import service
from app.templating import render, request_locale

router = APIRouter(include_in_schema=False)

TYPE_NAMES = {
    "classification": N_("Classification"), "text_collection": N_("Text collection"),
    "bbox": N_("Bounding boxes"), "polygon": N_("Polygons"), "ocr": N_("OCR"),
    "transcription": N_("Transcription"), "landmarks": N_("Face landmarks"),
    "keypoints": N_("Keypoints"), "inspection": N_("Inspection"),
}


@router.get("/practice", response_class=HTMLResponse)
def practice_home(request: Request, user: PageUser, session: SessionDep) -> Response:
    """Every practice task, grouped by module in course order, with best scores."""
    items = service.practice_items(session)
    status_rows = service.statuses(session, user.id)
    states = course_service.learner_state(session, user)
    order = {m.module.slug: (c_index, m.module.position) for c_index, c in enumerate(states) for m in c.modules}
    titles = {m.module.slug: m.module.title for c in states for m in c.modules}
    locked = {m.module.slug for c in states if not c.unlocked for m in c.modules}
    items.sort(key=lambda i: (order.get(i.module_slug or "", (99, 99)), i.position))
    groups = []
    for module_slug, members in groupby(items, key=lambda i: i.module_slug):
        rows = [{"item": i, "status": status_rows.get(i.id)} for i in members]
        groups.append({"slug": module_slug, "title": titles.get(module_slug or ""), "rows": rows,
                       "locked": module_slug in locked})
    overview = service.practice_overview(session, user.id)
    return render(request, "practice/index.html", {"groups": groups, "overview": overview,
                                                    "type_names": TYPE_NAMES})


@router.get("/practice/{slug}", response_class=HTMLResponse)
def workspace(slug: str, request: Request, user: PageUser, session: SessionDep) -> Response:
    """The labeling workspace for one item (the gold never reaches this page)."""
    item = service.item_by_slug(session, slug)
    locale = request_locale(request)
    row = service.statuses(session, user.id, [item.id]).get(item.id)
    task = service.public_item(item, locale)
    task["draft"] = service.draft_for(session, user_id=user.id, item_id=item.id)
    siblings = service.practice_items(session, item.module_slug)
    index = next(i for i, s in enumerate(siblings) if s.id == item.id)
    module = None
    if item.module_slug:
        try:
            module = course_service.module_by_slug(session, item.module_slug)
        except NotFound:
            module = None
    history = service.history(session, user_id=user.id, item_id=item.id, limit=10)
    return render(request, "practice/workspace.html", {
        "item": item, "task": task, "status": row, "module": module,
        "type_name": TYPE_NAMES.get(item.task_type, item.task_type),
        "previous": siblings[index - 1] if index > 0 else None,
        "following": siblings[index + 1] if index + 1 < len(siblings) else None,
        "history": history,
    })


@router.get("/practice-assets/{slug}/{name}")
def practice_asset(slug: str, name: str, user: CurrentUser, session: SessionDep, settings: SettingsDep) -> Response:
    """The asset of a practice item (only the declared file; never gold.yaml)."""
    item = service.item_by_slug(session, slug)
    return asset_response(settings.content_dir, item.folder, item.asset, name)


def asset_response(content_dir: Path, folder: str, asset: dict[str, Any] | None, name: str) -> Response:
    if not asset or asset.get("file") != name:
        raise NotFound("No such file.")
    path = (Path(content_dir) / folder / name).resolve()
    if not path.is_relative_to(Path(content_dir).resolve()) or not path.is_file():
        raise NotFound("No such file.")
    media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if path.suffix == ".ogg":
        media_type = "audio/ogg"
    return FileResponse(path, media_type=media_type, headers={"Cache-Control": "private, max-age=3600"})


def dashboard_card(request: Request, user: User) -> dict[str, Any] | None:
    with request.app.state.sessionmaker() as session:
        overview = service.practice_overview(session, user.id)
    return {"template": "practice/_dashboard.html", "overview": overview, "pick": pick}
