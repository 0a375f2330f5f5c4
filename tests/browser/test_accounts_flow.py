"""A newcomer in real chromium: register → dashboard → English → log out → log in again."""

from __future__ import annotations

import uuid
from typing import Any

from playwright.sync_api import expect

from tests.browser.conftest import screenshot


def test_register_login_switch_language_logout(page: Any) -> None:
    email = f"browser-{uuid.uuid4().hex[:8]}@example.org"
    page.goto("/")
    expect(page.locator("h1")).to_contain_text("AI 데이터 라벨러")
    screenshot(page, "home-ko-1280")
    page.get_by_role("link", name="회원가입").first.click()
    page.get_by_label("이메일").fill(email)
    page.get_by_label("이름").fill("브라우저 학습자")
    page.get_by_label("비밀번호", exact=True).fill("browser-pass-123")
    page.get_by_label("비밀번호 확인").fill("browser-pass-123")
    screenshot(page, "register-ko-1280")
    page.get_by_role("button", name="회원가입").click()
    expect(page).to_have_url("/dashboard")
    expect(page.get_by_test_id("user-name")).to_have_text("브라우저 학습자")
    expect(page.locator(".flash")).to_contain_text("계정이 준비되었습니다")
    screenshot(page, "dashboard-ko-1280")

    page.get_by_test_id("lang-en").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello, 브라우저 학습자")
    screenshot(page, "dashboard-en-1280")

    page.get_by_test_id("logout").click()
    expect(page).to_have_url("/")
    expect(page.locator(".flash")).to_contain_text("logged out")
    page.goto("/dashboard")
    expect(page).to_have_url("/login?next=/dashboard")

    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill("browser-pass-123")
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url("/dashboard")
    expect(page.locator("html")).to_have_attribute("lang", "en")  # kept on the user


def test_pages_fit_a_phone(page: Any) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/")
    screenshot(page, "home-ko-390")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"page scrolls sideways on a phone: {width}px"
    page.get_by_role("button", name="메뉴").click()
    expect(page.get_by_role("link", name="강좌")).to_be_visible()
    screenshot(page, "home-menu-ko-390", full_page=False)
    page.goto("/register")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "register-ko-390")


def test_keyboard_reaches_the_form(page: Any) -> None:
    page.goto("/login")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert "본문 바로가기" in focused  # the skip link comes first
