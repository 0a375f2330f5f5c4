"""Exam pages: list with eligibility, the taking page (no key inside), results, instructor tools."""

from __future__ import annotations

import json
import re
from typing import Any

from fastapi.testclient import TestClient
from markupsafe import escape
from sqlalchemy import select

from app.accounts.models import User
from app.exams.models import BankQuestion
from tests.conftest import Users, csrf_from
from tests.courses.helpers import complete_course
from tests.exams.helpers import correct_responses, paper_rows


def shown(text: str, html: str) -> bool:
    """Whether a text appears in a page, raw, HTML-escaped or JSON-escaped (tojson)."""
    forms = {text, str(escape(text)), json.dumps(text, ensure_ascii=False)[1:-1],
             json.dumps(text)[1:-1].replace("'", "\\u0027")}
    return any(form in html for form in forms)


def start_via_form(client: TestClient, slug: str) -> Any:
    page = client.get("/exams")
    return client.post(f"/exams/{slug}/start", data={"csrf_token": csrf_from(page.text)}, follow_redirects=False)


def island(html: str) -> dict[str, Any]:
    match = re.search(r'<script type="application/json" id="attempt-data">(.*?)</script>', html, re.S)
    assert match, "no attempt island"
    return dict(json.loads(match.group(1)))


def save(client: TestClient, attempt_id: str, responses: dict[int, Any], token: str) -> None:
    for position, body in responses.items():
        response = client.put(f"/api/v1/attempts/{attempt_id}/answers/{position}", json={"seq": 1, "response": body},
                              headers={"X-CSRF-Token": token})
        assert response.status_code == 200, response.text


def test_exam_list_needs_a_login(client: TestClient) -> None:
    response = client.get("/exams", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/login")


def test_exam_list_shows_rules_and_what_is_missing(client: TestClient, users: Users) -> None:
    users.login(client, users.create())
    page = client.get("/exams")
    assert page.status_code == 200
    assert 'data-testid="exam-aide-level2"' in page.text and 'data-testid="exam-aide-level1"' in page.text
    assert 'data-testid="start-aide-level2-mock"' in page.text
    assert 'data-testid="start-aide-level2"' not in page.text
    assert 'data-testid="unmet-aide-level2"' in page.text
    assert "과정을 마쳐야 합니다" in page.text  # the unmet requirement in words (Korean first)
    assert "/static/css/exam.css" in page.text


def test_starting_a_mock_opens_the_taking_page_without_the_key(client: TestClient, users: Users,
                                                               session: Any) -> None:
    users.login(client, users.create())
    started = start_via_form(client, "aide-level2-mock")
    assert started.status_code == 303
    location = started.headers["location"]
    assert re.fullmatch(r"/attempts/[\w-]+", location)
    page = client.get(location)
    assert page.status_code == 200
    data = island(page.text)
    assert data["mode"] == "mock" and len(data["paper"]) == 50 and data["deadline"] and data["server_time"]
    assert "/static/js/exam.js" in page.text and "/static/js/workspace.js" in page.text
    for name in ("correct", "explanation", "gold", "iou_threshold", "pass_score"):
        assert f'"{name}"' not in page.text
    for entry in paper_rows(session, data["id"]):
        if entry.source == "question":
            question = session.scalar(select(BankQuestion).where(BankQuestion.qid == entry.ref)).question
            assert not shown(question["explanation"]["ko"], page.text)
    # a second start resumes the same attempt; the list offers "resume"
    assert start_via_form(client, "aide-level2-mock").headers["location"] == location
    assert f'href="{location}"' in client.get("/exams").text
    # only the owner sees it
    other = TestClient(client.app, base_url="http://testserver")
    users.login(other, users.create())
    assert other.get(location).status_code == 404
    assert other.get(location + "/result").status_code == 404


def test_real_exam_refused_until_eligible_then_cooldown_is_shown(client: TestClient, users: Users,
                                                                 session: Any) -> None:
    user = users.create()
    users.login(client, user)
    refused = start_via_form(client, "aide-level2")
    assert refused.status_code == 403 and 'data-testid="start-error"' in refused.text
    complete_course(session, session.get(User, user.id), "beginner")
    page = client.get("/exams")
    assert 'data-testid="eligible-aide-level2"' in page.text
    started = start_via_form(client, "aide-level2")
    assert started.status_code == 303
    attempt_id = started.headers["location"].rsplit("/", 1)[1]
    token = csrf_from(page.text)
    assert client.post(f"/api/v1/attempts/{attempt_id}/submit", headers={"X-CSRF-Token": token}).status_code == 200
    listing = client.get("/exams")
    assert 'data-testid="blocked-aide-level2"' in listing.text
    assert 'data-testid="attempt-history"' in listing.text and f"/attempts/{attempt_id}/result" in listing.text
    # a graded attempt's taking page goes to the result
    assert client.get(f"/attempts/{attempt_id}", follow_redirects=False).headers["location"] == \
        f"/attempts/{attempt_id}/result"


def test_mock_result_shows_the_review_with_explanations(client: TestClient, users: Users, session: Any) -> None:
    users.login(client, users.create())
    location = start_via_form(client, "aide-level2-mock").headers["location"]
    attempt_id = location.rsplit("/", 1)[1]
    assert client.get(location + "/result", follow_redirects=False).headers["location"] == location
    token = csrf_from(client.get("/exams").text)
    right = correct_responses(session, attempt_id)
    save(client, attempt_id, {p: right[p] for p in (1, 2, 3, 26)}, token)
    client.post(f"/api/v1/attempts/{attempt_id}/submit", headers={"X-CSRF-Token": token})
    page = client.get(location + "/result")
    assert page.status_code == 200
    assert 'data-testid="review"' in page.text and 'data-testid="explanation"' in page.text
    assert 'data-passed="false"' in page.text
    first = paper_rows(session, attempt_id)[0]
    question = session.scalar(select(BankQuestion).where(BankQuestion.qid == first.ref)).question
    assert shown(question["explanation"]["ko"], page.text)
    assert 'data-testid="receipt"' in page.text and 'data-testid="topic-scores"' in page.text


def test_real_result_shows_no_key_and_links_the_certificate(client: TestClient, users: Users,
                                                            session: Any) -> None:
    user = users.create()
    complete_course(session, session.get(User, user.id), "beginner")
    users.login(client, user)
    location = start_via_form(client, "aide-level2").headers["location"]
    attempt_id = location.rsplit("/", 1)[1]
    token = csrf_from(client.get("/exams").text)
    save(client, attempt_id, correct_responses(session, attempt_id), token)
    client.post(f"/api/v1/attempts/{attempt_id}/submit", headers={"X-CSRF-Token": token})
    page = client.get(location + "/result")
    assert page.status_code == 200 and 'data-passed="true"' in page.text
    assert 'data-testid="certificate-link"' in page.text and 'href="/certificates/' in page.text
    assert 'data-testid="review"' not in page.text and 'data-testid="explanation"' not in page.text
    for entry in paper_rows(session, attempt_id):
        if entry.source == "question":
            question = session.scalar(select(BankQuestion).where(BankQuestion.qid == entry.ref)).question
            assert not shown(question["explanation"]["ko"], page.text)
    dashboard = client.get("/dashboard")
    card = dashboard.text.split('data-testid="dash-exams"', 1)[1].split("</section>", 1)[0]
    assert "AIDE 2급" in card and "/certificates" in card


def test_dashboard_card_shows_the_next_exam_step(client: TestClient, users: Users, session: Any) -> None:
    user = users.create()
    users.login(client, user)
    page = client.get("/dashboard")
    assert 'data-testid="dash-exams"' in page.text and 'data-testid="dash-unmet"' in page.text
    complete_course(session, session.get(User, user.id), "beginner")
    assert 'data-testid="dash-eligible"' in client.get("/dashboard").text
    location = start_via_form(client, "aide-level2-mock").headers["location"]
    assert f'href="{location}"' in client.get("/dashboard").text


def test_instructor_pages_are_for_instructors(client: TestClient, users: Users) -> None:
    users.login(client, users.create())
    for path in ("/instructor", "/instructor/accommodations", "/instructor/attempts"):
        assert client.get(path).status_code == 403


def test_accommodation_form_and_proctor_view(client: TestClient, users: Users) -> None:
    candidate = users.create()
    users.login(client, candidate)
    location = start_via_form(client, "aide-level2-mock").headers["location"]
    attempt_id = location.rsplit("/", 1)[1]
    token = csrf_from(client.get("/exams").text)
    for kind in ("blur", "hidden", "paste", "paste"):
        client.post(f"/api/v1/attempts/{attempt_id}/events", json={"kind": kind}, headers={"X-CSRF-Token": token})
    deadline = island(client.get(location).text)["deadline"]

    staff = TestClient(client.app, base_url="http://testserver")
    users.login(staff, users.create("instructor"))
    home = staff.get("/instructor")
    assert home.status_code == 200 and "/instructor/accommodations" in home.text
    form = staff.get("/instructor/accommodations")
    bad = staff.post("/instructor/accommodations", data={"csrf_token": csrf_from(form.text),
                                                         "email": "nobody@example.org", "exam": "aide-level2",
                                                         "extra_minutes": "15"})
    assert bad.status_code == 422 and "has-error" in bad.text
    ok = staff.post("/instructor/accommodations", data={"csrf_token": csrf_from(form.text), "email": candidate.email,
                                                        "exam": "aide-level2", "extra_minutes": "30",
                                                        "reason": "needs a screen reader"})
    assert ok.status_code == 200 and 'data-testid="accommodation-saved"' in ok.text
    assert "needs a screen reader" in ok.text
    assert island(client.get(location).text)["deadline"] != deadline
    assert island(client.get(location).text)["extra_minutes"] == 30

    proctor = staff.get("/instructor/attempts")
    assert proctor.status_code == 200 and f'data-testid="proctor-{attempt_id}"' in proctor.text
    row = proctor.text.split(f'data-testid="proctor-{attempt_id}"', 1)[1].split("</tr>", 1)[0]
    assert re.findall(r'class="signal[^"]*">(\d+)<', row) == ["1", "1", "2"]
    filtered = staff.get("/instructor/attempts", params={"email": "nobody-here"})
    assert f'data-testid="proctor-{attempt_id}"' not in filtered.text
