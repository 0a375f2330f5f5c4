"""Courses pages in the browser's language: catalogue, course, lesson, quiz form, figures."""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from app.courses.models import Module
from tests.conftest import Users, csrf_from


def test_catalogue_course_and_lesson_pages(client: TestClient, users: Users) -> None:
    users.login(client, users.create())
    catalogue = client.get("/courses")
    assert catalogue.status_code == 200 and "데이터 라벨링 입문" in catalogue.text
    course = client.get("/courses/beginner")
    assert 'data-testid="progress-bar"' in course.text and "/modules/ai-basics" in course.text
    lesson = client.get("/modules/bbox-intro")
    assert lesson.status_code == 200
    assert 'class="toc"' in lesson.text and "/modules/bbox-intro/figures/" in lesson.text
    figure = re.search(r'src="(/modules/bbox-intro/figures/[^"]+)"', lesson.text)
    assert figure
    image = client.get(figure.group(1))
    assert image.status_code == 200 and image.headers["content-type"].startswith("image/")
    assert client.get("/modules/bbox-intro/figures/..%2Fmodule.yaml").status_code == 404


def test_quiz_page_has_no_answer_key_and_grades_a_form(client: TestClient, users: Users, session: Any) -> None:
    users.login(client, users.create())
    page = client.get("/modules/ai-basics/quiz")
    assert page.status_code == 200
    module = session.scalar(select(Module).where(Module.slug == "ai-basics"))
    for question in module.quiz:
        assert question["explanation"]["ko"] not in page.text  # explanations only after submitting
    form: dict[str, Any] = {"csrf_token": csrf_from(page.text)}
    for q in module.quiz:
        if q["type"] == "short_answer":
            form[f"q-{q['id']}"] = q["answers"]["ko"][0]
        else:
            form[f"q-{q['id']}"] = [o["id"] for o in q["options"] if o.get("correct")]
    result = client.post("/modules/ai-basics/quiz", data=form)
    assert result.status_code == 200 and "100%" in result.text
    assert module.quiz[0]["explanation"]["ko"] in result.text


def test_locked_module_page_explains_why(client: TestClient, users: Users) -> None:
    users.login(client, users.create())
    page = client.get("/modules/ocr-intro")
    assert page.status_code == 403 and "/courses/beginner" in page.text


def test_dashboard_shows_course_progress(client: TestClient, users: Users) -> None:
    users.login(client, users.create())
    page = client.get("/dashboard")
    assert 'data-testid="dash-course-beginner"' in page.text
    assert "/modules/ai-basics" in page.text


def test_instructors_see_the_content_overview(client: TestClient, users: Users) -> None:
    users.login(client, users.create())
    assert client.get("/instructor/content").status_code == 403
    client.cookies.clear()
    users.login(client, users.create("instructor"))
    page = client.get("/instructor/content")
    assert page.status_code == 200
    assert 'data-testid="content-valid"' in page.text
    assert "/modules/skeleton-extraction" in page.text and "level2-theory" in page.text
