"""A trainee reads a module in chromium, passes its knowledge check and sees the progress bar move."""

from __future__ import annotations

import uuid
from typing import Any

from playwright.sync_api import expect
from sqlalchemy import select

from app.courses.models import Module
from tests.browser.conftest import LiveServer, screenshot


def register(page: Any, name: str = "코스 학습자") -> None:
    page.goto("/register")
    page.get_by_label("이메일").fill(f"course-{uuid.uuid4().hex[:8]}@example.org")
    page.get_by_label("이름").fill(name)
    page.get_by_label("비밀번호", exact=True).fill("course-pass-123")
    page.get_by_label("비밀번호 확인").fill("course-pass-123")
    page.get_by_role("button", name="회원가입").click()
    expect(page).to_have_url("/dashboard")


def bar_width(page: Any) -> float:
    return float(page.locator("[data-testid=progress-bar] > span").first.evaluate(
        "el => el.getBoundingClientRect().width"))


def test_read_module_pass_quiz_progress_moves(page: Any, live_server: LiveServer) -> None:
    register(page)
    page.goto("/courses")
    screenshot(page, "courses-catalogue-ko-1280")
    page.get_by_role("link", name="데이터 라벨링 입문").first.click()
    expect(page.get_by_test_id("course-percent")).to_have_text("0%")
    screenshot(page, "course-beginner-ko-1280")
    before = bar_width(page)

    page.goto("/modules/ai-basics")
    expect(page.locator(".lesson-body h2").first).to_be_visible()
    screenshot(page, "module-ai-basics-ko-1280", full_page=False)
    page.get_by_test_id("lesson-end").scroll_into_view_if_needed()
    expect(page.get_by_test_id("check-lesson")).to_have_class("done", timeout=10_000)
    expect(page.get_by_test_id("reading-percent")).to_have_text("100%")

    with live_server.app.state.sessionmaker() as session:
        module = session.scalar(select(Module).where(Module.slug == "ai-basics"))
        quiz = module.quiz
    page.get_by_test_id("start-quiz").click()
    for question in quiz:
        box = page.locator(f"[data-question='{question['id']}']")
        if question["type"] == "short_answer":
            box.locator("input").fill(question["answers"]["ko"][0])
            continue
        for option in question["options"]:
            if option.get("correct"):
                box.locator(f"input[value='{option['id']}']").check()
    screenshot(page, "quiz-ai-basics-ko-1280")
    page.get_by_test_id("submit-quiz").click()
    expect(page.get_by_test_id("quiz-result")).to_contain_text("100%")
    expect(page.locator(".explanation").first).to_be_visible()
    screenshot(page, "quiz-result-ko-1280")

    page.get_by_role("link", name="강좌로 돌아가기").first.click()
    percent = page.get_by_test_id("course-percent").inner_text()
    assert percent != "0%"
    assert bar_width(page) > before
    expect(page.locator(".module-row").first).to_contain_text("완료")
    screenshot(page, "course-beginner-progress-ko-1280")


def test_module_page_on_a_phone(page: Any) -> None:
    register(page, "폰 학습자")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/modules/bbox-intro")
    expect(page.locator(".lesson-body img").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "module-bbox-intro-ko-390")
    page.goto("/courses/beginner")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "course-beginner-ko-390")
