"""Courses API: catalogue, modules without answers, server-side grading, progress, completion."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from app.courses.models import CourseCompletion, Module
from tests.conftest import Users


def full_marks(session: Any, slug: str) -> dict[str, Any]:
    """The right answers, read from the stored key (as a test may; the API never sends it)."""
    module = session.scalar(select(Module).where(Module.slug == slug))
    answers: dict[str, Any] = {}
    for q in module.quiz:
        if q["type"] == "short_answer":
            answers[q["id"]] = {"text": q["answers"]["ko"][0]}
        else:
            answers[q["id"]] = {"choices": [o["id"] for o in q["options"] if o.get("correct")]}
    return answers


def test_catalogue_and_course(client: TestClient, users: Users) -> None:
    headers = users.headers(client, users.create())
    courses = client.get("/api/v1/courses", headers=headers).json()
    assert [c["slug"] for c in courses] == ["beginner", "intermediate"]
    assert courses[0]["estimated_minutes"] == 600 and len(courses[0]["modules"]) == 10
    course = client.get("/api/v1/courses/beginner?lang=en", headers=headers).json()
    assert course["percent"] == 0 and course["unlocked"] and course["next_module"] == "ai-basics"
    intermediate = client.get("/api/v1/courses/intermediate", headers=headers).json()
    assert not intermediate["unlocked"] and intermediate["missing_prerequisites"] == ["beginner"]
    assert client.get("/api/v1/courses/nope", headers=headers).status_code == 404


def test_module_has_lesson_and_questions_but_no_answers(client: TestClient, users: Users) -> None:
    headers = users.headers(client, users.create())
    for lang in ("ko", "en"):
        module = client.get(f"/api/v1/modules/bbox-intro?lang={lang}", headers=headers)
        assert module.status_code == 200
        body = module.json()
        assert "<h2" in body["lesson_html"] and body["toc"]
        assert len(body["questions"]) >= 6
        text = module.text
        assert '"correct"' not in text and '"answers"' not in text and '"explanation"' not in text
    ko = client.get("/api/v1/modules/bbox-intro?lang=ko", headers=headers).json()
    en = client.get("/api/v1/modules/bbox-intro?lang=en", headers=headers).json()
    assert ko["title"] != en["title"]


def test_quiz_is_graded_on_the_server_and_best_score_kept(client: TestClient, users: Users, session: Any) -> None:
    headers = users.headers(client, users.create())
    answers = full_marks(session, "ai-basics")
    first_id = next(iter(answers))
    wrong = {first_id: {"choices": ["zzz"]}}
    low = client.post("/api/v1/modules/ai-basics/quiz", json={"answers": wrong}, headers=headers).json()
    assert low["score_percent"] == 0 and not low["passed"]
    assert all(r["explanation"] for r in low["results"])
    perfect = client.post("/api/v1/modules/ai-basics/quiz", json={"answers": answers}, headers=headers).json()
    assert perfect["score_percent"] == 100 and perfect["passed"] and perfect["attempts"] == 2
    again = client.post("/api/v1/modules/ai-basics/quiz", json={"answers": wrong}, headers=headers).json()
    assert again["best_percent"] == 100  # best score kept
    bad = client.post("/api/v1/modules/ai-basics/quiz", json={"answers": {"nope": {"choices": ["a"]}}},
                      headers=headers)
    assert bad.status_code == 422 and "nope" in bad.json()["detail"]
    assert client.post("/api/v1/modules/ai-basics/quiz", json={"answers": {first_id: {"choices": "a" * 50}}},
                       headers=headers).status_code == 422


def test_short_answers_are_normalised(client: TestClient, users: Users, session: Any) -> None:
    headers = users.headers(client, users.create())
    module = session.scalar(select(Module).where(Module.slug == "ai-basics"))
    short = next(q for q in module.quiz if q["type"] == "short_answer")
    answer = short["answers"]["ko"][0]
    messy = f"  {answer.upper()} . "
    result = client.post("/api/v1/modules/ai-basics/quiz", json={"answers": {short["id"]: {"text": messy}}},
                         headers=headers).json()
    assert next(r for r in result["results"] if r["id"] == short["id"])["correct"]


def test_reading_and_quiz_complete_a_module_without_practice(client: TestClient, users: Users, session: Any) -> None:
    headers = users.headers(client, users.create())
    assert client.post("/api/v1/modules/ai-basics/reading", json={"percent": 50}, headers=headers).json()[
        "lesson_read"] is False
    assert client.post("/api/v1/modules/ai-basics/reading", json={"percent": 101}, headers=headers).status_code == 422
    state = client.post("/api/v1/modules/ai-basics/reading", json={"percent": 100}, headers=headers).json()
    assert state["lesson_read"] and not state["completed"]
    result = client.post("/api/v1/modules/ai-basics/quiz", json={"answers": full_marks(session, "ai-basics")},
                         headers=headers).json()
    assert result["module_completed"]
    progress = client.get("/api/v1/me/progress", headers=headers).json()
    beginner = progress[0]
    assert beginner["modules_completed"] == 1 and beginner["percent"] > 0
    assert beginner["modules"][0]["completed_at"] is not None
    assert beginner["next_module"] == "labeling-basics"


def test_practice_is_required_for_module_completion(client: TestClient, users: Users, session: Any) -> None:
    headers = users.headers(client, users.create())
    client.post("/api/v1/modules/bbox-intro/reading", json={"percent": 100}, headers=headers)
    result = client.post("/api/v1/modules/bbox-intro/quiz", json={"answers": full_marks(session, "bbox-intro")},
                         headers=headers).json()
    assert result["passed"] and not result["module_completed"]
    module = next(m for m in client.get("/api/v1/me/progress", headers=headers).json()[0]["modules"]
                  if m["slug"] == "bbox-intro")
    assert module["practice_total"] == 3 and module["practice_passed"] == 0 and not module["completed"]


def test_intermediate_is_locked_until_beginner_is_complete(client: TestClient, users: Users) -> None:
    headers = users.headers(client, users.create())
    locked = client.get("/api/v1/modules/ocr-intro", headers=headers)
    assert locked.status_code == 403 and "prerequisite" in locked.json()["detail"]


def test_course_completion_is_stored_once(client: TestClient, users: Users, session: Any) -> None:
    from tests.courses.helpers import complete_course

    user = users.create()
    complete_course(session, user, "beginner")
    headers = users.headers(client, user)
    progress = client.get("/api/v1/me/progress", headers=headers).json()
    assert progress[0]["completed_at"] is not None and progress[0]["percent"] == 100
    assert progress[1]["unlocked"]
    rows = session.scalars(select(CourseCompletion).where(CourseCompletion.user_id == user.id)).all()
    assert len(rows) == 1
    assert client.get("/api/v1/modules/ocr-intro", headers=headers).status_code == 200
