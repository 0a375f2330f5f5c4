"""Practice JSON API: tasks (never gold), submissions with score and feedback, drafts."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, status

from app.accounts.dependencies import CurrentUser
from app.courses.schemas import Lang
from app.db import DbInt, SessionDep
from app.practice import service
from app.practice.models import PracticeSubmission
from app.practice.schemas import DraftIn, SubmissionIn

router = APIRouter(prefix="/api/v1/practice", tags=["practice"])


def submission_out(row: PracticeSubmission, best: float | None = None, attempts: int | None = None) -> dict[str, Any]:
    result = row.result
    return {"id": row.id, "created_at": row.created_at.isoformat(), "score": row.score, "passed": row.passed,
            "best_score": best, "attempts": attempts, "metrics": result.get("metrics", {}),
            "feedback": result.get("feedback", []), "overlay": result.get("overlay", {}),
            "submission": row.body}


@router.get("/tasks")
def list_tasks(user: CurrentUser, session: SessionDep, module: str | None = None,
               lang: Lang | None = None) -> list[dict[str, Any]]:
    """Practice tasks (optionally of one module) with the caller's best score."""
    locale = lang or user.locale
    items = service.practice_items(session, module)
    status_rows = service.statuses(session, user.id, [i.id for i in items])
    out = []
    for item in items:
        row = status_rows.get(item.id)
        public = service.public_item(item, locale)
        out.append({"slug": item.slug, "type": item.task_type, "module": item.module_slug,
                    "difficulty": item.difficulty, "title": public["title"],
                    "best_score": row.best_score if row and row.attempts else None,
                    "attempts": row.attempts if row else 0, "passed": bool(row and row.passed_at)})
    return out


@router.get("/tasks/{slug}")
def get_task(slug: str, user: CurrentUser, session: SessionDep, lang: Lang | None = None) -> dict[str, Any]:
    """One task as the workspace needs it: instructions, asset, label scheme, the saved draft."""
    item = service.item_by_slug(session, slug)
    row = service.statuses(session, user.id, [item.id]).get(item.id)
    return {**service.public_item(item, lang or user.locale),
            "best_score": row.best_score if row and row.attempts else None,
            "attempts": row.attempts if row else 0, "passed": bool(row and row.passed_at),
            "draft": service.draft_for(session, user_id=user.id, item_id=item.id)}


async def body_size(request: Request) -> int:
    """Bytes of the raw request body (already read for validation)."""
    return len(await request.body())


@router.post("/tasks/{slug}/submissions", status_code=status.HTTP_201_CREATED)
def submit(slug: str, body: SubmissionIn, raw_size: Annotated[int, Depends(body_size)], user: CurrentUser,
           session: SessionDep) -> dict[str, Any]:
    """Score a submission against the gold: score, pass/fail, metrics, per-object feedback, overlay."""
    # A plain def (run in a thread): scoring and the database must not block the event loop.
    item = service.item_by_slug(session, slug)
    outcome = service.submit(session, user=user, item=item, body=body, raw_size=raw_size)
    return submission_out(outcome.submission, outcome.best_score, outcome.attempts)


@router.get("/tasks/{slug}/submissions")
def list_submissions(slug: str, user: CurrentUser, session: SessionDep) -> list[dict[str, Any]]:
    """The caller's submission history for a task, newest first."""
    item = service.item_by_slug(session, slug)
    return [{"id": r.id, "created_at": r.created_at.isoformat(), "score": r.score, "passed": r.passed}
            for r in service.history(session, user_id=user.id, item_id=item.id)]


@router.get("/submissions/{submission_id}")
def get_submission(submission_id: DbInt, user: CurrentUser, session: SessionDep) -> dict[str, Any]:
    """One of the caller's scored submissions, with its feedback."""
    return submission_out(service.submission_for(session, user_id=user.id, submission_id=submission_id))


@router.put("/tasks/{slug}/draft", status_code=status.HTTP_204_NO_CONTENT)
def save_draft(slug: str, body: DraftIn, user: CurrentUser, session: SessionDep) -> None:
    """Autosave the unsubmitted work on a task."""
    item = service.item_by_slug(session, slug)
    service.save_draft(session, user_id=user.id, item=item, body=body.body)
