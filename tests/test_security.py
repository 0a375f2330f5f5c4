"""Cross-cutting security: every API route needs auth, role checks, CSRF, errors as JSON."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.conftest import TEST_PASSWORD, Users, csrf_from

PUBLIC_API = {
    ("POST", "/api/v1/auth/register"),
    ("POST", "/api/v1/auth/token"),
}
PUBLIC_PREFIXES = ("/api/v1/certificates/",)  # public verification (lands with certificates)


def api_routes(app: object) -> list[tuple[str, str]]:
    """Every documented /api/v1 operation (the OpenAPI spec lists them all)."""
    spec = app.openapi()  # type: ignore[attr-defined]
    return [(method.upper(), path) for path, operations in spec["paths"].items()
            if path.startswith("/api/v1") for method in operations]


def fill(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "1", path)


def test_no_api_route_answers_without_auth(client: TestClient, app: object) -> None:
    routes = api_routes(app)
    assert len(routes) >= 5
    for method, path in routes:
        if (method, path) in PUBLIC_API or path.startswith(PUBLIC_PREFIXES):
            continue
        response = client.request(method, fill(path), json={})
        assert response.status_code == 401, (method, path, response.status_code)
        assert "detail" in response.json()


def test_trainee_is_refused_on_instructor_and_admin_routes(client: TestClient, app: object,
                                                           users: Users) -> None:
    trainee = users.create()
    headers = users.headers(client, trainee)
    guarded = [(m, p) for m, p in api_routes(app)
               if p.startswith(("/api/v1/admin", "/api/v1/instructor"))]
    assert guarded, "there are admin routes to check"
    for method, path in guarded:
        response = client.request(method, fill(path), json={}, headers=headers)
        assert response.status_code == 403, (method, path, response.status_code)


def test_form_post_without_csrf_is_refused(client: TestClient, users: Users) -> None:
    user = users.create()
    client.get("/login")  # gets the CSRF cookie, but we do not send the token
    response = client.post("/login", data={"email": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 403
    forged = client.post("/login", data={"email": user.email, "password": TEST_PASSWORD,
                                         "csrf_token": "0" * 64})
    assert forged.status_code == 403
    assert "aide_session" not in client.cookies


def test_cookie_api_write_needs_csrf_header(client: TestClient, users: Users) -> None:
    user = users.create()
    users.login(client, user)
    assert client.get("/api/v1/me").status_code == 200  # reads are fine with the cookie
    refused = client.put("/api/v1/me/locale", json={"locale": "en"})
    assert refused.status_code == 403
    token = csrf_from(client.get("/dashboard").text)
    allowed = client.put("/api/v1/me/locale", json={"locale": "en"},
                         headers={"X-CSRF-Token": token})
    assert allowed.status_code == 200


def test_errors_are_json_without_stack_traces(client: TestClient) -> None:
    response = client.get("/api/v1/does-not-exist")
    assert response.status_code == 404
    assert response.json() == {"detail": "Page not found."}
    bad = client.post("/api/v1/auth/token", json={"email": 5})
    assert bad.status_code == 422
    assert "Traceback" not in bad.text


def test_openapi_documents_the_api(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "/api/v1/auth/register" in spec["paths"]
    assert "/api/v1/me" in spec["paths"]
    assert client.get("/docs").status_code == 200
