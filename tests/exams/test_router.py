"""Exams API: the paper without key or gold, eligibility, seq, deadline, grading once, policy, review."""

from __future__ import annotations

import json
import re
import threading
from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from app.accounts.models import User
from app.certificates.models import Certificate
from app.db import utcnow
from app.exams.models import Attempt, BankQuestion
from tests.conftest import Users
from tests.courses.helpers import complete_course
from tests.exams.helpers import attempt_row, correct_responses, paper_rows, wrong_response

SECRET = ("correct", "answers", "explanation", "gold", "iou_threshold", "pass_score")
OPAQUE = re.compile(r"^o[0-9a-f]{10}$")


def eligible(session: Any, users: Users, role: str = "trainee") -> User:
    user = users.create(role)
    complete_course(session, session.get(User, user.id), "beginner")
    return user


def start(client: TestClient, headers: dict[str, str], slug: str = "aide-level2") -> dict[str, Any]:
    response = client.post(f"/api/v1/exams/{slug}/attempts", headers=headers)
    assert response.status_code == 201, response.text
    return dict(response.json())


def keys_of(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in keys_of(v)}
    if isinstance(value, list):
        return {k for v in value for k in keys_of(v)}
    return set()


def save_all(client: TestClient, headers: dict[str, str], attempt_id: str,
             responses: dict[int, dict[str, Any]], seq: int = 1) -> None:
    for position, body in responses.items():
        saved = client.put(f"/api/v1/attempts/{attempt_id}/answers/{position}", headers=headers,
                           json={"seq": seq, "response": body})
        assert saved.status_code == 200, (position, saved.text)


def test_start_returns_a_paper_without_key_or_gold(client: TestClient, users: Users, session: Any) -> None:
    headers = users.headers(client, users.create())
    data = start(client, headers, "aide-level2-mock")
    paper = data["paper"]
    assert len(paper) == 50 and [p["position"] for p in paper] == list(range(1, 51))
    assert {p["section"] for p in paper} == {"A", "B"}
    assert sum(p["kind"] == "task" for p in paper) == 25
    found = keys_of(paper)
    text = json.dumps(paper, ensure_ascii=False)
    for secret in SECRET:
        assert secret not in found, secret
        assert f'"{secret}"' not in text, secret
    bank_ids = {o["id"] for q in session.scalars(select(BankQuestion.question)) for o in q.get("options", [])}
    for item in paper:
        for option in item.get("options", []):
            assert OPAQUE.match(option["id"]), option
            assert option["id"] not in bank_ids
        if item["kind"] == "task" and item["task"].get("asset", {}).get("url"):
            assert item["task"]["asset"]["url"].startswith(f"/exam-assets/{data['id']}/")
    # the asset of a task is served to the candidate only
    task = next(p for p in paper if p["kind"] == "task" and p["task"].get("asset", {}).get("url"))
    assert client.get(task["task"]["asset"]["url"], headers=headers).status_code == 200
    other = users.headers(client, users.create())
    assert client.get(task["task"]["asset"]["url"], headers=other).status_code == 404
    assert client.get(f"/api/v1/attempts/{data['id']}", headers=other).status_code == 404


def test_a_second_start_returns_the_open_attempt(client: TestClient, users: Users) -> None:
    headers = users.headers(client, users.create())
    first = start(client, headers, "aide-level2-mock")
    second = start(client, headers, "aide-level2-mock")
    assert first["id"] == second["id"]
    assert [p["position"] for p in second["paper"]] == [p["position"] for p in first["paper"]]
    assert [o["id"] for o in second["paper"][0].get("options", [])] == \
        [o["id"] for o in first["paper"][0].get("options", [])]


def test_real_exam_needs_the_beginner_course_mock_is_open(client: TestClient, users: Users,
                                                          session: Any) -> None:
    user = users.create()
    headers = users.headers(client, user)
    exams = {e["slug"]: e for e in client.get("/api/v1/exams", headers=headers).json()}
    assert exams["aide-level2"]["eligible"] is False and exams["aide-level2"]["unmet"]
    assert exams["aide-level2-mock"]["eligible"] is True
    refused = client.post("/api/v1/exams/aide-level2/attempts", headers=headers)
    assert refused.status_code == 403
    assert "Complete the course" in refused.json()["detail"]
    start(client, headers, "aide-level2-mock")
    complete_course(session, session.get(User, user.id), "beginner")
    assert start(client, headers, "aide-level2")["mode"] == "real"


def test_seq_lower_is_refused_and_same_is_idempotent(client: TestClient, users: Users, session: Any) -> None:
    headers = users.headers(client, users.create())
    data = start(client, headers, "aide-level2-mock")
    question = next(p for p in data["paper"] if p["kind"] == "question" and p["type"] != "short_answer")
    url = f"/api/v1/attempts/{data['id']}/answers/{question['position']}"
    first, second = question["options"][0]["id"], question["options"][1]["id"]
    assert client.put(url, headers=headers, json={"seq": 5, "response": {"choices": [first]}}).status_code == 200
    stale = client.put(url, headers=headers, json={"seq": 3, "response": {"choices": [second]}})
    assert stale.status_code == 409 and "newer answer" in stale.json()["detail"]
    again = client.put(url, headers=headers, json={"seq": 5, "response": {"choices": [first]}})
    assert again.status_code == 200 and again.json()["changed"] is False
    clash = client.put(url, headers=headers, json={"seq": 5, "response": {"choices": [second]}})
    assert clash.status_code == 409
    stored = client.get(f"/api/v1/attempts/{data['id']}", headers=headers).json()["answers"]
    assert stored[str(question["position"])] == {"seq": 5, "response": {"choices": [first]}}
    newer = client.put(url, headers=headers, json={"seq": 6, "response": {"choices": [second]}})
    assert newer.status_code == 200 and newer.json()["changed"] is True
    bad = client.put(url, headers=headers, json={"seq": 7, "response": {"choices": ["a"]}})
    assert bad.status_code == 422


def test_a_save_after_the_deadline_is_refused_and_the_attempt_is_graded(client: TestClient, users: Users,
                                                                        session: Any) -> None:
    headers = users.headers(client, users.create())
    data = start(client, headers, "aide-level2-mock")
    right = correct_responses(session, data["id"])
    save_all(client, headers, data["id"], {p: right[p] for p in range(1, 11)})
    attempt = attempt_row(session, data["id"])
    attempt.deadline = utcnow() - timedelta(minutes=2)
    session.commit()
    late = client.put(f"/api/v1/attempts/{data['id']}/answers/11", headers=headers,
                      json={"seq": 1, "response": right[11]})
    assert late.status_code == 409 and late.json()["detail"].startswith("Time is up")
    graded = client.get(f"/api/v1/attempts/{data['id']}", headers=headers).json()
    assert graded["status"] == "graded" and "paper" not in graded
    assert graded["result"]["finished_by"] == "deadline"
    assert graded["result"]["score_percent"] == 20.0  # 10 of 50 right
    assert len(client.get(f"/api/v1/attempts/{data['id']}", headers=headers).json()["result"]["receipt"]) == 64


def test_submit_twice_grades_once_and_issues_one_certificate(client: TestClient, users: Users,
                                                             session: Any) -> None:
    user = eligible(session, users)
    headers = users.headers(client, user)
    data = start(client, headers)
    save_all(client, headers, data["id"], correct_responses(session, data["id"]))
    first = client.post(f"/api/v1/attempts/{data['id']}/submit", headers=headers)
    second = client.post(f"/api/v1/attempts/{data['id']}/submit", headers=headers)
    assert first.status_code == second.status_code == 200
    assert first.json()["result"] == second.json()["result"]
    result = first.json()["result"]
    assert result["passed"] is True and result["score_percent"] == 100.0
    assert result["section_scores"] == {"A": 100.0, "B": 100.0}
    assert result["certificate"]
    count = session.scalar(select(func.count(Certificate.id)).where(Certificate.user_id == user.id))
    assert count == 1
    closed = client.put(f"/api/v1/attempts/{data['id']}/answers/1", headers=headers,
                        json={"seq": 99, "response": {"choices": []}})
    assert closed.status_code == 409


def test_concurrent_submits_grade_once(app: Any, client: TestClient, users: Users, session: Any) -> None:
    user = eligible(session, users)
    headers = users.headers(client, user)
    data = start(client, headers)
    save_all(client, headers, data["id"], correct_responses(session, data["id"]))
    barrier = threading.Barrier(2)
    results: list[Any] = []

    def submit() -> None:
        with TestClient(app, base_url="http://testserver") as own:
            barrier.wait()
            results.append(own.post(f"/api/v1/attempts/{data['id']}/submit", headers=headers))

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert [r.status_code for r in results] == [200, 200], [r.text for r in results]
    assert results[0].json()["result"] == results[1].json()["result"]
    assert results[0].json()["result"]["passed"] is True
    session.expire_all()
    assert session.scalar(select(func.count(Certificate.id)).where(Certificate.user_id == user.id)) == 1
    assert attempt_row(session, data["id"]).finished_by == "submit"


def test_a_new_real_attempt_within_24_hours_is_refused(client: TestClient, users: Users, session: Any) -> None:
    user = eligible(session, users)
    headers = users.headers(client, user)
    data = start(client, headers)
    assert client.post(f"/api/v1/attempts/{data['id']}/submit", headers=headers).json()["result"]["passed"] is False
    again = client.post("/api/v1/exams/aide-level2/attempts", headers=headers)
    assert again.status_code == 409 and "24 hours apart" in again.json()["detail"]
    summary = {e["slug"]: e for e in client.get("/api/v1/exams", headers=headers).json()}["aide-level2"]
    assert summary["blocked"] and summary["blocked_until"]
    assert start(client, headers, "aide-level2-mock")["mode"] == "mock"  # mocks have no cooldown


def test_sweep_command_finalises_expired_attempts(client: TestClient, users: Users, session: Any,
                                                  settings: Any, monkeypatch: Any) -> None:
    from typer.testing import CliRunner

    from app.cli import cli

    headers = users.headers(client, users.create())
    data = start(client, headers, "aide-level2-mock")
    fresh = start(client, users.headers(client, users.create()), "aide-level2-mock")
    attempt = attempt_row(session, data["id"])
    attempt.deadline = utcnow() - timedelta(minutes=5)
    session.commit()
    monkeypatch.setenv("AIDE_DATABASE_URL", settings.database_url)
    outcome = CliRunner().invoke(cli, ["exams", "sweep"])
    assert outcome.exit_code == 0, outcome.output
    assert "finalised 1" in outcome.output
    assert attempt_row(session, data["id"]).status == "graded"
    assert attempt_row(session, data["id"]).finished_by == "deadline"
    assert attempt_row(session, fresh["id"]).status == "open"


def test_mock_review_has_the_key_real_review_has_none(client: TestClient, users: Users, session: Any) -> None:
    user = eligible(session, users)
    headers = users.headers(client, user)
    mock = start(client, headers, "aide-level2-mock")
    assert client.get(f"/api/v1/attempts/{mock['id']}/review", headers=headers).status_code == 409
    entries = paper_rows(session, mock["id"])
    wrong = {e.position: w for e in entries if (w := wrong_response(session, e))}
    save_all(client, headers, mock["id"], wrong)
    client.post(f"/api/v1/attempts/{mock['id']}/submit", headers=headers)
    review = client.get(f"/api/v1/attempts/{mock['id']}/review", headers=headers).json()
    assert len(review["items"]) == 50
    questions = [i for i in review["items"] if i["kind"] == "question"]
    assert all(i["explanation"] for i in questions)
    assert all(i["correct_choices"] or i["type"] == "short_answer" for i in questions)
    assert all(not i["correct"] for i in questions)
    tasks = [i for i in review["items"] if i["kind"] == "task"]
    assert all("score" in i for i in tasks)

    real = start(client, headers)
    save_all(client, headers, real["id"], {1: correct_responses(session, real["id"])[1]})
    client.post(f"/api/v1/attempts/{real['id']}/submit", headers=headers)
    body = client.get(f"/api/v1/attempts/{real['id']}/review", headers=headers)
    assert body.status_code == 200
    assert "items" not in body.json()
    for secret in ("correct_choices", "explanation", "accepted_answers", "gold"):
        assert secret not in body.text


def test_an_accommodation_moves_the_deadline_of_a_running_attempt(client: TestClient, users: Users,
                                                                  session: Any) -> None:
    candidate = users.create()
    headers = users.headers(client, candidate)
    data = start(client, headers, "aide-level2-mock")
    before = attempt_row(session, data["id"]).deadline
    trainee_try = client.put("/api/v1/instructor/accommodations", headers=headers,
                             json={"email": candidate.email, "exam": "aide-level2", "extra_minutes": 20})
    assert trainee_try.status_code == 403
    instructor = users.headers(client, users.create("instructor"))
    granted = client.put("/api/v1/instructor/accommodations", headers=instructor,
                         json={"email": candidate.email, "exam": "aide-level2", "extra_minutes": 20,
                               "reason": "documented need"})
    assert granted.status_code == 200, granted.text
    after = attempt_row(session, data["id"]).deadline
    assert after - before == timedelta(minutes=20)
    assert client.get(f"/api/v1/attempts/{data['id']}", headers=headers).json()["extra_minutes"] == 20


def test_integrity_events_are_logged_for_the_proctor(client: TestClient, users: Users) -> None:
    headers = users.headers(client, users.create())
    data = start(client, headers, "aide-level2-mock")
    for kind in ("blur", "focus", "hidden", "visible", "paste"):
        assert client.post(f"/api/v1/attempts/{data['id']}/events", headers=headers,
                           json={"kind": kind, "detail": "item 3"}).status_code == 204
    assert client.post(f"/api/v1/attempts/{data['id']}/events", headers=headers,
                       json={"kind": "teleport"}).status_code == 422
    assert client.get(f"/api/v1/instructor/attempts/{data['id']}/events", headers=headers).status_code == 403
    proctor = users.headers(client, users.create("instructor"))
    events = client.get(f"/api/v1/instructor/attempts/{data['id']}/events", headers=proctor).json()["events"]
    assert [e["kind"] for e in events] == ["blur", "focus", "hidden", "visible", "paste"]


def test_attempt_list_of_the_candidate(client: TestClient, users: Users, session: Any) -> None:
    headers = users.headers(client, users.create())
    data = start(client, headers, "aide-level2-mock")
    mine = client.get("/api/v1/me/attempts", headers=headers).json()
    assert [a["id"] for a in mine] == [data["id"]] and "paper" not in mine[0]
    assert session.scalar(select(func.count(Attempt.id))) == 1
