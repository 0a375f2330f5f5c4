"""Level 1 (1급): eligibility needs a valid level-2 certificate and the intermediate course; the
paper is 25 advanced theory + 25 inspection items; a perfect attempt issues an AIDE1 certificate."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from app.certificates.models import Certificate
from tests.certificates.helpers import issue_certificate
from tests.conftest import Users
from tests.courses.helpers import complete_course
from tests.exams.helpers import correct_responses, paper_rows


def test_level1_requirements_are_spelled_out(client: TestClient, users: Users, session: Any) -> None:
    user = users.create()
    headers = users.headers(client, user)
    refused = client.post("/api/v1/exams/aide-level1/attempts", headers=headers)
    assert refused.status_code == 403
    detail = refused.json()["detail"]
    assert "level-2 certificate" in detail and "Intermediate" in detail
    exams = {e["slug"]: e for e in client.get("/api/v1/exams?lang=en", headers=headers).json()}
    assert not exams["aide-level1"]["eligible"] and len(exams["aide-level1"]["unmet"]) == 2
    assert exams["aide-level1-mock"]["eligible"]


def test_level1_mock_paper_has_inspection_items_without_gold(client: TestClient, users: Users,
                                                             session: Any) -> None:
    headers = users.headers(client, users.create())
    attempt = client.post("/api/v1/exams/aide-level1-mock/attempts", headers=headers).json()
    paper = attempt["paper"]
    assert len(paper) == 50
    inspection = [p for p in paper if p["section"] == "B"]
    assert len(inspection) == 25 and all(p["type"] == "inspection" for p in inspection)
    for entry in inspection:
        assert "review" in entry["task"]["params"] and entry["task"]["params"]["reasons"]
    text = str(attempt)
    for secret in ("'decision'", "'faulty_objects'", "'pass_score'", "'correct'", "'explanation'"):
        assert secret not in text


def test_a_perfect_level1_attempt_issues_an_aide1_certificate(client: TestClient, users: Users,
                                                              session: Any) -> None:
    user = users.create()
    issue_certificate(session, user, level=2)
    complete_course(session, user, "beginner")
    complete_course(session, user, "intermediate")
    headers = users.headers(client, user)
    attempt = client.post("/api/v1/exams/aide-level1/attempts", headers=headers)
    assert attempt.status_code == 201, attempt.text
    public_id = attempt.json()["id"]
    for position, response in correct_responses(session, public_id).items():
        saved = client.put(f"/api/v1/attempts/{public_id}/answers/{position}",
                           json={"seq": 1, "response": response}, headers=headers)
        assert saved.status_code == 200, saved.text
    result = client.post(f"/api/v1/attempts/{public_id}/submit", headers=headers).json()["result"]
    assert result["passed"] and result["score_percent"] == 100.0
    assert result["certificate"].startswith("AIDE1-")
    assert {p.section for p in paper_rows(session, public_id)} == {"A", "B"}
    levels = sorted(c.level for c in session.scalars(select(Certificate).where(Certificate.user_id == user.id)))
    assert levels == [1, 2]
