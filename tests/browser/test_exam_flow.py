"""The AIDE level-2 exam in chromium: a mock with its review, then the real exam — with a network
outage in the middle — passed, the certificate opened, verified, revoked by an admin."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta
from typing import Any

from playwright.sync_api import expect
from sqlalchemy import select

from app.accounts import service as account_service
from app.accounts.models import Role
from app.exams import service as exam_service
from app.exams.models import Answer, IntegrityEvent
from tests.browser.conftest import LiveServer, screenshot
from tests.courses.helpers import complete_course
from tests.exams.helpers import attempt_row, correct_response, paper_rows

PASSWORD = "exam-pass-1234"
SAVED = "저장됨 ✓"
OFFLINE = "오프라인 — 다시 시도 중"


def make_user(live_server: LiveServer, role: str = "trainee", course: bool = True, locale: str = "ko") -> Any:
    with live_server.app.state.sessionmaker() as session:
        user = account_service.create_user(session, email=f"exam-{uuid.uuid4().hex[:8]}@example.org",
                                           display_name="시험 응시자", password=PASSWORD, role=Role(role),
                                           locale=locale)
        session.commit()
        if course:
            complete_course(session, user, "beginner")
        return user


def log_in(page: Any, email: str) -> None:
    page.goto("/login")
    page.get_by_label("이메일").fill(email)
    page.get_by_label("비밀번호").fill(PASSWORD)
    page.get_by_role("button", name="로그인").click()
    expect(page).to_have_url("/dashboard")


def attempt_id_of(page: Any) -> str:
    return str(page.url.split("/attempts/", 1)[1].split("#", 1)[0].split("/", 1)[0])


def expect_saved(page: Any) -> None:
    expect(page.get_by_test_id("save-status")).to_have_text(SAVED, timeout=15_000)


def answer_in_page(page: Any, position: int, response: dict[str, Any], kind: str) -> None:
    """Answer one item the way a candidate does (tasks go through the page's autosave hook)."""
    button = page.get_by_test_id(f"nav-{position}")
    if not button.is_visible():  # the question list is folded on a phone
        page.locator("[data-nav] summary").click()
    button.click()
    expect(page.get_by_test_id("item-number")).to_contain_text(f"{position} /")
    if kind == "task":
        page.evaluate("([p, body]) => window.AideExam.setResponse(p, body)", [position, response])
    elif "text" in response:
        page.get_by_test_id("short-answer").fill(response["text"])
        page.get_by_test_id("short-answer").press("Tab")
    else:
        for option in page.locator("[data-item-host] input[data-testid=option]").all():
            want = option.get_attribute("value") in response["choices"]
            if option.is_checked() != want:
                option.click()


def stored(live_server: LiveServer, attempt_id: str) -> dict[int, Any]:
    with live_server.app.state.sessionmaker() as session:
        entries = {e.id: e.position for e in paper_rows(session, attempt_id)}
        attempt = attempt_row(session, attempt_id)
        return {entries[a.paper_item_id]: a.response
                for a in session.scalars(select(Answer).where(Answer.attempt_id == attempt.id))}


def test_mock_then_real_exam_with_an_outage_certificate_verified_and_revoked(
        page: Any, live_server: LiveServer) -> None:
    user = make_user(live_server)
    log_in(page, user.email)

    # ---- the exam list
    page.goto("/exams")
    expect(page.get_by_test_id("eligible-aide-level2")).to_be_visible()
    screenshot(page, "exam-list-ko-1280")

    # ---- the mock: answer a few items, submit, read the review
    page.get_by_test_id("start-aide-level2-mock").click()
    expect(page).to_have_url(re.compile(r"/attempts/[\w-]+"))
    mock_id = attempt_id_of(page)
    expect(page.locator("[data-timer-value]")).to_have_text(re.compile(r"^(59:\d\d|1:00:00)$"))
    with live_server.app.state.sessionmaker() as session:
        mock_paper = paper_rows(session, mock_id)
        first = {e.position: (correct_response(session, e), "task" if e.source == "item" else "question")
                 for e in mock_paper[:3] + [mock_paper[25]]}
    for position, (response, kind) in first.items():
        answer_in_page(page, position, response, kind)
    expect_saved(page)
    expect(page.get_by_test_id("nav-1")).to_have_class("nav-btn is-answered")
    page.get_by_test_id("nav-4").click()
    screenshot(page, "exam-taking-ko-1280", full_page=False)
    page.get_by_test_id("nav-26").click()
    expect(page.locator("[data-item-host] .ws-root")).to_be_visible()
    screenshot(page, "exam-task-ko-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    page.get_by_test_id("nav-1").evaluate("el => el.click()")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "exam-taking-ko-390", full_page=False)
    page.set_viewport_size({"width": 1280, "height": 900})
    assert set(stored(live_server, mock_id)) == set(first)

    page.get_by_test_id("open-submit").click()
    expect(page.get_by_test_id("submit-dialog")).to_be_visible()
    expect(page.get_by_test_id("unanswered-list").locator("button")).to_have_count(46)
    screenshot(page, "exam-submit-dialog-ko-1280", full_page=False)
    page.get_by_test_id("confirm-submit").click()
    expect(page).to_have_url(f"/attempts/{mock_id}/result")
    expect(page.get_by_test_id("exam-result")).to_have_attribute("data-passed", "false")
    expect(page.get_by_test_id("review")).to_be_visible()
    expect(page.get_by_test_id("explanation").first).to_be_visible()
    task_review = page.get_by_test_id("review-26")
    expect(task_review).to_contain_text("100")
    task_review.locator("details summary").click()
    expect(task_review.locator(".ws-res-head")).to_be_visible()
    screenshot(page, "exam-mock-review-ko-1280")
    task_review.screenshot(path=str(screenshot(page, "exam-mock-review-task-ko-1280", full_page=False)))
    page.goto("/dashboard")
    expect(page.get_by_test_id("dash-exams")).to_contain_text("AIDE 2급")
    screenshot(page, "exam-dashboard-ko-1280")

    # ---- the real exam
    page.goto("/exams")
    page.get_by_test_id("start-aide-level2").click()
    expect(page).to_have_url(re.compile(r"/attempts/[\w-]+"))
    real_id = attempt_id_of(page)
    with live_server.app.state.sessionmaker() as session:
        plan = {e.position: (correct_response(session, e), "task" if e.source == "item" else "question")
                for e in paper_rows(session, real_id)}
    assert len(plan) == 50
    for position in range(1, 11):
        answer_in_page(page, position, *plan[position])
    expect_saved(page)
    page.locator("[data-item-host]").evaluate(
        "el => el.dispatchEvent(new ClipboardEvent('paste', {bubbles: true}))")

    # the network goes away: answers keep going into the page, the status says offline
    page.context.set_offline(True)
    wrong_first = {"choices": []} if plan[1][1] == "question" and "choices" in plan[1][0] else None
    for position in range(11, 16):
        answer_in_page(page, position, *plan[position])
    if wrong_first:  # change an answer back and forth while offline: the last one must win
        answer_in_page(page, 1, wrong_first, "question")
        answer_in_page(page, 1, *plan[1])
    expect(page.get_by_test_id("save-status")).to_have_text(OFFLINE)
    screenshot(page, "exam-offline-ko-1280", full_page=False)
    assert not set(range(11, 16)) & set(stored(live_server, real_id))
    pending = page.evaluate("Object.keys(window.AideExam.pending()).length")
    assert pending >= 5

    page.context.set_offline(False)
    expect_saved(page)
    now = stored(live_server, real_id)
    for position in range(1, 16):
        assert now[position] == plan[position][0], position
    assert page.evaluate("Object.keys(window.AideExam.pending()).length") == 0

    for position in range(16, 51):
        answer_in_page(page, position, *plan[position])
    expect_saved(page)
    assert stored(live_server, real_id) == {p: r for p, (r, _kind) in plan.items()}
    expect(page.get_by_test_id("answered-count")).to_contain_text("50")

    page.get_by_test_id("open-submit").click()
    expect(page.get_by_test_id("unanswered-list")).to_have_count(0)
    page.get_by_test_id("confirm-submit").click()
    expect(page).to_have_url(f"/attempts/{real_id}/result")
    result = page.get_by_test_id("exam-result")
    expect(result).to_have_attribute("data-passed", "true")
    expect(page.get_by_test_id("total-score")).to_have_text("100%")
    expect(page.get_by_test_id("review")).to_have_count(0)
    screenshot(page, "exam-result-ko-1280")
    with live_server.app.state.sessionmaker() as session:
        kinds = [e.kind for e in session.scalars(select(IntegrityEvent).where(
            IntegrityEvent.attempt_id == attempt_row(session, real_id).id))]
    assert "paste" in kinds and "reconnect" in kinds

    link = page.get_by_test_id("certificate-link")
    number = link.get_attribute("href").rsplit("/", 1)[1]
    link.click()
    expect(page).to_have_url(f"/certificates/{number}")

    # ---- public verification, then revocation by an admin
    def verify_status() -> str:
        response = page.goto(f"/verify/{number}")
        if response is not None and response.status == 200 and page.get_by_test_id("verify-status").count():
            return str(page.get_by_test_id("verify-status").get_attribute("data-status"))
        return str(page.request.get(f"/api/v1/certificates/{number}").json()["status"])

    assert verify_status() == "valid"
    admin = make_user(live_server, "admin", course=False)
    token = page.request.post("/api/v1/auth/token", data={"email": admin.email, "password": PASSWORD}).json()
    revoked = page.request.post(f"/api/v1/admin/certificates/{number}/revoke",
                                headers={"Authorization": f"Bearer {token['access_token']}"},
                                data={"reason": "시험 부정행위 확인"})
    assert revoked.status == 200, revoked.text()
    assert verify_status() == "revoked"
    screenshot(page, "exam-certificate-revoked-ko-1280")


def test_the_countdown_submits_when_time_is_up(page: Any, live_server: LiveServer) -> None:
    user = make_user(live_server, course=False)
    log_in(page, user.email)
    page.goto("/exams")
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "exam-list-ko-390")
    page.get_by_test_id("start-aide-level2-mock").click()
    expect(page).to_have_url(re.compile(r"/attempts/[\w-]+"))
    attempt_id = attempt_id_of(page)
    with live_server.app.state.sessionmaker() as session:
        entry = paper_rows(session, attempt_id)[0]
        response = correct_response(session, entry)
        attempt = attempt_row(session, attempt_id)
        attempt.deadline = exam_service.utcnow() + timedelta(seconds=8)
        session.commit()
    page.reload()
    answer_in_page(page, 1, response, "question")
    expect_saved(page)
    expect(page.get_by_test_id("timer")).to_have_class(re.compile("is-critical"))
    screenshot(page, "exam-time-critical-ko-390", full_page=False)
    expect(page).to_have_url(f"/attempts/{attempt_id}/result", timeout=20_000)
    expect(page.get_by_test_id("total-score")).to_have_text("2%")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "exam-mock-result-ko-390")


def test_instructor_grants_extra_time_and_reads_the_proctor_view(page: Any, live_server: LiveServer) -> None:
    candidate = make_user(live_server, course=False)
    with live_server.app.state.sessionmaker() as session:
        blueprint, mode = exam_service.resolve_exam(session, "aide-level2-mock")
        attempt, _ = exam_service.start_attempt(session, user=session.get(type(candidate), candidate.id),
                                                blueprint=blueprint, mode=mode)
        for kind in ("blur", "focus", "hidden", "visible", "paste", "paste"):
            exam_service.record_event(session, attempt=attempt, kind=kind, detail="item 4")
        session.commit()
        attempt_id, deadline = attempt.public_id, attempt.deadline
    instructor = make_user(live_server, "instructor", course=False)
    log_in(page, instructor.email)
    page.goto("/instructor")
    screenshot(page, "exam-instructor-ko-1280")
    page.get_by_test_id("link-accommodations").click()
    page.locator("#f-email").fill(candidate.email)
    page.locator("#f-exam").select_option("aide-level2")
    page.locator("#f-extra_minutes").fill("25")
    page.locator("#f-reason").fill("시각 장애 — 화면 낭독기 사용")
    page.get_by_test_id("save-accommodation").click()
    expect(page.get_by_test_id("accommodation-saved")).to_be_visible()
    expect(page.get_by_test_id("accommodations")).to_contain_text(candidate.email)
    screenshot(page, "exam-accommodations-ko-1280")
    with live_server.app.state.sessionmaker() as session:
        assert attempt_row(session, attempt_id).deadline - deadline == timedelta(minutes=25)

    page.goto("/instructor/attempts")
    row = page.get_by_test_id(f"proctor-{attempt_id}")
    expect(row.locator(".signal")).to_have_text(["1", "1", "2"])
    row.locator("details summary").click()
    expect(row.locator(".event-log li")).to_have_count(6)
    screenshot(page, "exam-proctor-ko-1280")


def test_the_exam_page_speaks_english_to_an_english_user(page: Any, live_server: LiveServer) -> None:
    user = make_user(live_server, course=False, locale="en")
    log_in(page, user.email)
    page.goto("/exams")
    page.get_by_test_id("start-aide-level2-mock").click()
    expect(page.get_by_test_id("item-number")).to_have_text("Question 1 of 50")
    options = page.locator("[data-item-host] input[data-testid=option]")
    if options.count():  # the draw is random: question 1 may be a choice or a short answer
        options.first.click()
    else:
        page.get_by_test_id("short-answer").fill("answer")
        page.get_by_test_id("short-answer").press("Tab")
    expect(page.get_by_test_id("save-status")).to_have_text("Saved ✓")
    expect(page.get_by_test_id("answered-count")).to_have_text("1 of 50 answered")
    screenshot(page, "exam-taking-en-1280", full_page=False)
