"""Projects and eligibility: requirements in words, the partner API, admin edits vs content loads."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from app.certificates import content as project_content
from app.certificates import projects as project_service
from app.certificates.models import Project
from app.config import REPO_ROOT
from app.content.files import Problem
from app.courses.models import Module
from app.practice import service as practice_service
from app.practice.models import LabelItem
from app.practice.schemas import SubmissionIn
from tests.certificates.helpers import issue_certificate
from tests.conftest import Users, csrf_from
from tests.courses.helpers import complete_module, perfect_submission

PROJECT = "av-road-objects"


def make_eligible_for_bbox_project(session: Any, user: Any) -> None:
    """Certificate + the three bbox modules (their practice gives bbox scores of 100)."""
    issue_certificate(session, user)
    for slug in ("bbox-intro", "bbox-intermediate-1", "bbox-intermediate-2"):
        complete_module(session, user, session.scalar(select(Module).where(Module.slug == slug)))
    session.commit()


def test_content_file_is_valid_and_loaded() -> None:
    problems: list[Problem] = []
    sources = project_content.read(REPO_ROOT / "content", problems)
    assert problems == []
    assert sources is not None and 5 <= len(sources.specs) <= 8
    levels = {spec.requirements.certificate_level for spec in sources.specs}
    assert {None, 1, 2} <= levels
    assert all(spec.name.ko and spec.name.en for spec in sources.specs)


def test_content_problems_have_lines(tmp_path: Any) -> None:
    (tmp_path / "projects.yaml").write_text(
        "projects:\n"
        "  - slug: a-project\n    name: {ko: 가, en: A}\n    client: C\n    task_types: [bbox]\n"
        "    description: {ko: 가, en: A}\n    requirements: {certificate_level: 3, modules: [], min_practice: {}}\n"
        "  - slug: b-project\n    name: {ko: 나, en: B}\n    client: C\n    task_types: [juggling]\n"
        "    description: {ko: 나, en: B}\n    requirements: {min_practice: {bbox: 120}}\n", encoding="utf-8")
    problems: list[Problem] = []
    project_content.read(tmp_path, problems)
    assert problems, "level 3, an unknown task type and a score above 100 are refused"
    assert all(p.line > 1 for p in problems)


def test_fresh_trainee_is_not_eligible_then_is(client: TestClient, session: Any, users: Users) -> None:
    user = users.create()
    headers = users.headers(client, user)
    listing = client.get("/api/v1/projects", headers=headers)
    assert listing.status_code == 200
    projects = {p["slug"]: p for p in listing.json()}
    assert len(projects) >= 5
    fresh = projects[PROJECT]
    assert fresh["eligible"] is False
    assert len(fresh["unmet"]) == 5  # certificate, three modules, bbox practice
    assert any("AIDE 2급" in text for text in fresh["unmet"])  # Korean by default
    assert any("바운딩 박스 입문" in text for text in fresh["unmet"])
    assert any("80점" in text for text in fresh["unmet"])

    make_eligible_for_bbox_project(session, user)
    assert practice_service.best_scores_by_type(session, user.id)["bbox"] >= 80
    projects = {p["slug"]: p for p in client.get("/api/v1/projects", headers=headers).json()}
    assert projects[PROJECT]["eligible"] is True
    assert projects[PROJECT]["unmet"] == []
    # The inspection project needs level 1: still not eligible, and it says so.
    assert projects["medical-label-inspection"]["eligible"] is False
    assert any("1급" in text for text in projects["medical-label-inspection"]["unmet"])


def test_unmet_requirements_speak_the_callers_language(client: TestClient, users: Users) -> None:
    user = users.create()
    headers = users.headers(client, user)
    client.put("/api/v1/me/locale", json={"locale": "en"}, headers=headers)
    projects = {p["slug"]: p for p in client.get("/api/v1/projects", headers=headers).json()}
    unmet = projects[PROJECT]["unmet"]
    assert "Hold a valid AIDE level-2 certificate (level 1 also counts)." in unmet
    assert any(text.startswith("Reach a mean best practice score of at least 80") for text in unmet)


def test_low_practice_scores_are_reported_with_the_current_score(session: Any, users: Users) -> None:
    user = users.create()
    item = session.scalar(select(LabelItem).where(LabelItem.task_type == "bbox", LabelItem.kind == "practice"))
    body = perfect_submission(item)
    body["objects"] = body["objects"][:1] if len(body["objects"]) > 1 else []
    practice_service.submit(session, user=user, item=item, body=SubmissionIn.model_validate(body), raw_size=10)
    session.commit()
    project = project_service.project_by_slug(session, PROJECT)
    result = project_service.eligibility_for(session, user.id, [project])[0]
    practice = [c for c in result.checks if "practice" in c.text["en"]][0]
    assert not practice.met
    assert "now " in practice.text["en"] and "현재 " in practice.text["ko"]


def test_a_level1_certificate_satisfies_a_level2_requirement(session: Any, users: Users) -> None:
    user = users.create()
    issue_certificate(session, user, level=1)
    project = project_service.project_by_slug(session, PROJECT)
    result = project_service.eligibility_for(session, user.id, [project])[0]
    assert result.checks[0].met


def test_partner_api(client: TestClient, session: Any, users: Users) -> None:
    admin = users.create("admin")
    admin_headers = users.headers(client, admin)
    params = {"email": "labeler@example.org", "project": PROJECT}
    assert client.get("/api/v1/eligibility", params=params).status_code == 401
    assert client.get("/api/v1/eligibility", params=params, headers={"X-API-Key": "aide_pk_wrong"}).status_code == 401
    created = client.post("/api/v1/admin/partners", json={"name": "Crowdworks"}, headers=admin_headers)
    assert created.status_code == 201, created.text
    key = created.json()["key"]
    assert key.startswith("aide_pk_") and created.json()["prefix"] == key[:12]
    listed = client.get("/api/v1/admin/partners", headers=admin_headers).json()
    assert listed[0]["prefix"] == key[:12] and "key" not in listed[0]
    partner = {"X-API-Key": key}

    unknown = client.get("/api/v1/eligibility", params=params, headers=partner)
    assert unknown.status_code == 200
    assert set(unknown.json()) == {"eligible", "reasons"}
    assert unknown.json()["eligible"] is False and len(unknown.json()["reasons"]) == 1

    labeler = users.create(email="labeler@example.org", name="김라벨")
    fresh = client.get("/api/v1/eligibility", params=params, headers=partner)
    assert set(fresh.json()) == {"eligible", "reasons"}
    assert fresh.json()["eligible"] is False and len(fresh.json()["reasons"]) == 5
    assert "김라벨" not in fresh.text and "labeler@" not in fresh.text
    english = client.get("/api/v1/eligibility", params=params, headers={**partner, "Accept-Language": "en"})
    assert english.json()["reasons"][0].startswith("Hold a valid AIDE level-2 certificate")

    make_eligible_for_bbox_project(session, labeler)
    ready = client.get("/api/v1/eligibility", params={**params, "email": " Labeler@Example.org "}, headers=partner)
    assert ready.json() == {"eligible": True, "reasons": []}
    assert client.get("/api/v1/eligibility", params={**params, "project": "no-such"},
                      headers=partner).status_code == 404

    key_id = created.json()["id"]
    assert client.delete(f"/api/v1/admin/partners/{key_id}", headers=admin_headers).json()["revoked_at"]
    assert client.get("/api/v1/eligibility", params=params, headers=partner).status_code == 401
    assert client.delete("/api/v1/admin/partners/999999", headers=admin_headers).status_code == 404


def test_admin_edit_survives_a_content_load(client: TestClient, session: Any, users: Users) -> None:
    admin = users.create("admin")
    users.login(client, admin)
    token = csrf_from(client.get("/admin/projects").text)
    saved = client.post("/admin/projects", data={
        "csrf_token": token, "slug": "receipt-ocr", "action": "save", "certificate_level": "",
        "modules": ["ocr-intro"], "min_ocr": "60", "active": "on"}, follow_redirects=False)
    assert saved.status_code == 303
    session.expire_all()
    project = session.scalar(select(Project).where(Project.slug == "receipt-ocr"))
    assert project.edited_by_admin is True
    assert project.requirements == {"certificate_level": None, "modules": ["ocr-intro"],
                                    "min_practice": {"ocr": 60.0}}

    from app.content import loader

    report = loader.load_all(session, REPO_ROOT / "content")
    session.commit()
    assert report.counts["projects"]["kept"] == 1
    session.expire_all()
    project = session.scalar(select(Project).where(Project.slug == "receipt-ocr"))
    assert project.requirements["min_practice"] == {"ocr": 60.0}, "the admin's edit is kept"

    bad = client.post("/admin/projects", data={"csrf_token": token, "slug": "receipt-ocr", "action": "save",
                                               "min_ocr": "150", "active": "on"}, follow_redirects=False)
    assert bad.status_code == 303
    session.expire_all()
    assert session.scalar(select(Project).where(Project.slug == "receipt-ocr")).requirements["min_practice"] == \
        {"ocr": 60.0}

    reset = client.post("/admin/projects", data={"csrf_token": token, "slug": "receipt-ocr", "action": "reset"},
                        follow_redirects=False)
    assert reset.status_code == 303
    session.expire_all()
    loader.load_all(session, REPO_ROOT / "content")
    session.commit()
    session.expire_all()
    project = session.scalar(select(Project).where(Project.slug == "receipt-ocr"))
    assert project.edited_by_admin is False
    assert project.requirements["min_practice"] == {"ocr": 80.0}

    retire = client.post("/admin/projects", data={"csrf_token": token, "slug": "receipt-ocr", "action": "save",
                                                  "certificate_level": "2"}, follow_redirects=False)
    assert retire.status_code == 303
    headers = users.headers(client, admin)
    assert "receipt-ocr" not in {p["slug"] for p in client.get("/api/v1/projects", headers=headers).json()}
