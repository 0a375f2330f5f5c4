"""Practice API: tasks without gold, scoring with feedback, validation, drafts, history."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.practice.models import LabelItem
from tests.conftest import Users
from tests.courses.helpers import perfect_submission

SECRET_KEYS = ("gold", "iou_threshold", "pass_score", "max_cer", "min_oks", "max_nme", "faulty_objects",
               "required_words", "max_similarity")


def item(session: Any, slug: str) -> LabelItem:
    found = session.scalar(select(LabelItem).where(LabelItem.slug == slug))
    assert found is not None
    return found


def test_tasks_never_expose_gold(client: TestClient, users: Users, session: Any) -> None:
    headers = users.headers(client, users.create())
    tasks = client.get("/api/v1/practice/tasks", headers=headers).json()
    assert len(tasks) >= 57
    for row in session.scalars(select(LabelItem).where(LabelItem.kind == "practice")):
        response = client.get(f"/api/v1/practice/tasks/{row.slug}", headers=headers)
        assert response.status_code == 200
        text = response.text
        for key in SECRET_KEYS:
            assert f'"{key}"' not in text, (row.slug, key)
        gold_text = json.dumps(row.gold, ensure_ascii=False)
        if row.task_type == "transcription":
            assert row.gold["text"] not in text
        if row.task_type in ("bbox", "ocr"):
            first = row.gold.get("objects", row.gold.get("lines"))[0]["bbox"]
            assert json.dumps(first) not in text, gold_text[:80]
        page = client.get(f"/practice/{row.slug}", headers=headers)
        assert page.status_code == 200
        for key in ("iou_threshold", "pass_score", "max_cer"):
            assert key not in page.text


def test_assets_are_served_but_gold_files_are_not(client: TestClient, users: Users, session: Any) -> None:
    headers = users.headers(client, users.create())
    task = client.get("/api/v1/practice/tasks/bbox-intro-01", headers=headers).json()
    asset = client.get(task["asset"]["url"], headers=headers)
    assert asset.status_code == 200 and asset.headers["content-type"].startswith("image/")
    assert client.get("/practice-assets/bbox-intro-01/gold.yaml", headers=headers).status_code == 404
    assert client.get("/practice-assets/bbox-intro-01/item.yaml", headers=headers).status_code == 404
    assert client.get(task["asset"]["url"]).status_code == 401  # login required


@pytest.mark.parametrize("kind", ["classification", "text_collection", "bbox", "polygon", "ocr",
                                  "transcription", "landmarks", "keypoints", "inspection"])
def test_a_perfect_submission_passes_for_every_type(kind: str, client: TestClient, users: Users,
                                                    session: Any) -> None:
    headers = users.headers(client, users.create())
    row = session.scalar(select(LabelItem).where(LabelItem.kind == "practice", LabelItem.task_type == kind))
    assert row is not None, f"no practice item of type {kind}"
    response = client.post(f"/api/v1/practice/tasks/{row.slug}/submissions", json=perfect_submission(row),
                           headers=headers)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["passed"], body["feedback"]
    assert body["score"] >= 99.9
    assert body["best_score"] == body["score"] and body["attempts"] == 1


def test_a_wrong_box_fails_with_feedback_and_best_score_is_kept(client: TestClient, users: Users,
                                                                session: Any) -> None:
    headers = users.headers(client, users.create())
    row = item(session, "bbox-intro-01")
    good = perfect_submission(row)
    first = client.post("/api/v1/practice/tasks/bbox-intro-01/submissions", json=good, headers=headers).json()
    shifted = json.loads(json.dumps(good))
    x, y, w, h = shifted["objects"][0]["bbox"]
    shifted["objects"][0]["bbox"] = [x + w * 0.6, y, w, h] if x + w * 1.6 <= row.asset["width"] else [x, y, w / 3, h]
    worse = client.post("/api/v1/practice/tasks/bbox-intro-01/submissions", json=shifted, headers=headers).json()
    assert worse["score"] < first["score"]
    kinds = {f["kind"] for f in worse["feedback"]}
    assert kinds & {"missed", "extra", "low_iou"}
    assert any(f.get("rule") for f in worse["feedback"])  # each mistake names its rule
    assert worse["best_score"] == first["score"] and worse["attempts"] == 2
    assert worse["overlay"]  # gold vs submission for the feedback view
    history = client.get("/api/v1/practice/tasks/bbox-intro-01/submissions", headers=headers).json()
    assert [h["score"] for h in history] == [worse["score"], first["score"]]


@pytest.mark.parametrize(("body", "field"), [
    ({"objects": [{"label": "car", "bbox": [10, 10, -5, 20]}]}, "objects[0].bbox"),
    ({"objects": [{"label": "car", "bbox": [10, 10, 5000, 20]}]}, "objects[0].bbox"),
    ({"objects": [{"label": "no-such-label", "bbox": [10, 10, 5, 5]}]}, "objects[0].label"),
    ({"objects": [{"label": "car", "bbox": [10, 10, 5]}]}, "bbox"),
    ({"text": "hello"}, "text"),
    ({"objects": [{"label": "car", "bbox": [1, 1, 2, 2]}] * 201}, "objects"),
])
def test_malformed_geometry_is_a_422_naming_the_field(body: dict[str, Any], field: str, client: TestClient,
                                                      users: Users, session: Any) -> None:
    headers = users.headers(client, users.create())
    row = item(session, "bbox-intro-01")
    label = row.labels[0]["id"]
    text = json.dumps(body).replace('"car"', json.dumps(label))
    response = client.post("/api/v1/practice/tasks/bbox-intro-01/submissions", content=text,
                           headers={**headers, "content-type": "application/json"})
    assert response.status_code == 422, response.text
    assert field in json.dumps(response.json()["detail"])


def test_nan_and_oversized_bodies_are_refused(client: TestClient, users: Users, session: Any) -> None:
    headers = {**users.headers(client, users.create()), "content-type": "application/json"}
    nan = '{"objects": [{"label": "x", "bbox": [NaN, 1, 2, 2]}]}'
    response = client.post("/api/v1/practice/tasks/bbox-intro-01/submissions", content=nan, headers=headers)
    assert response.status_code == 422
    big = json.dumps({"text": "가" * 5000, "labels": ["a"] * 50, "sentences": ["x" * 1000] * 50})
    response = client.post("/api/v1/practice/tasks/transcription-x/submissions", content=big, headers=headers)
    assert response.status_code in (404, 422)
    huge = json.dumps({"sentences": ["가" * 999] * 50})
    response = client.post("/api/v1/practice/tasks/text-collection-01/submissions", content=huge, headers=headers)
    assert response.status_code == 422 and "body" in response.text


def test_drafts_are_saved_and_returned(client: TestClient, users: Users) -> None:
    headers = users.headers(client, users.create())
    draft = {"objects": [{"label": "car", "bbox": [1, 2, 3, 4]}]}
    assert client.put("/api/v1/practice/tasks/bbox-intro-01/draft", json={"body": draft},
                      headers=headers).status_code == 204
    assert client.get("/api/v1/practice/tasks/bbox-intro-01", headers=headers).json()["draft"] == draft
    other = users.headers(client, users.create())
    assert client.get("/api/v1/practice/tasks/bbox-intro-01", headers=other).json()["draft"] is None


def test_passing_practice_completes_the_module(client: TestClient, users: Users, session: Any) -> None:
    from app.courses.models import Module
    from tests.courses.helpers import complete_module

    user = users.create()
    module = session.scalar(select(Module).where(Module.slug == "bbox-intro"))
    complete_module(session, user, module)
    session.commit()
    headers = users.headers(client, user)
    modules = client.get("/api/v1/me/progress", headers=headers).json()[0]["modules"]
    state = next(m for m in modules if m["slug"] == "bbox-intro")
    assert state["completed"] and state["practice_passed"] == 3
