"""Accounts pages: register, log in, log out, language, password change."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.conftest import TEST_PASSWORD, Users, csrf_from


def form(client: TestClient, path: str) -> str:
    return csrf_from(client.get(path).text)


def test_register_page_creates_account_and_logs_in(client: TestClient) -> None:
    token = form(client, "/register")
    response = client.post("/register", data={
        "csrf_token": token, "email": "kim@example.org", "display_name": "김라벨",
        "password": "long-enough-pw", "password_confirm": "long-enough-pw", "locale": "ko",
    }, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/dashboard"
    cookie = response.headers["set-cookie"]
    assert "aide_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    dashboard = client.get("/dashboard")
    assert "김라벨" in dashboard.text
    assert "계정이 준비되었습니다" in dashboard.text  # flash, in Korean by default


def test_register_page_shows_field_errors(client: TestClient) -> None:
    token = form(client, "/register")
    response = client.post("/register", data={
        "csrf_token": token, "email": "nope", "display_name": "", "password": "short",
        "password_confirm": "other", "locale": "ko"})
    assert response.status_code == 422
    assert 'aria-invalid="true"' in response.text
    assert "올바른 이메일" in response.text


def test_login_logout_revokes_the_session(client: TestClient, users: Users) -> None:
    user = users.create()
    users.login(client, user)
    stolen = client.cookies.get("aide_session")
    assert client.get("/dashboard").status_code == 200
    token = csrf_from(client.get("/dashboard").text)
    out = client.post("/logout", data={"csrf_token": token}, follow_redirects=False)
    assert out.status_code == 303
    # Replaying the old cookie no longer works: the server-side row is revoked.
    client.cookies.set("aide_session", stolen)
    replay = client.get("/dashboard", follow_redirects=False)
    assert replay.status_code == 303 and replay.headers["location"].startswith("/login")
    assert client.get("/api/v1/me").status_code == 401


def test_wrong_password_shows_error_and_throttles(client: TestClient, users: Users) -> None:
    user = users.create()
    for _ in range(5):
        token = form(client, "/login")
        bad = client.post("/login", data={"csrf_token": token, "email": user.email,
                                          "password": "wrong-password"})
        assert bad.status_code == 401
        assert "올바르지 않습니다" in bad.text
    token = form(client, "/login")
    blocked = client.post("/login", data={"csrf_token": token, "email": user.email,
                                          "password": TEST_PASSWORD})
    assert blocked.status_code == 429 and "retry-after" in blocked.headers


def test_language_switch_is_kept_on_the_user(client: TestClient, users: Users) -> None:
    user = users.create()
    users.login(client, user)
    page = client.get("/dashboard")
    assert 'lang="ko"' in page.text and "로그아웃" in page.text
    switched = client.post("/lang", data={"csrf_token": csrf_from(page.text), "locale": "en",
                                          "next": "/dashboard"})
    assert 'lang="en"' in switched.text and "Log out" in switched.text
    # A new browser logging in as the same user gets English too.
    client.cookies.clear()
    users.login(client, user)
    assert 'lang="en"' in client.get("/dashboard").text


def test_anonymous_language_cookie_and_open_redirects(client: TestClient) -> None:
    token = form(client, "/")
    page = client.post("/lang", data={"csrf_token": token, "locale": "en",
                                      "next": "https://evil.example/"}, follow_redirects=False)
    assert page.headers["location"] == "/dashboard"
    assert 'lang="en"' in client.get("/").text


def test_password_change_ends_sessions(client: TestClient, users: Users) -> None:
    user = users.create()
    users.login(client, user)
    token = csrf_from(client.get("/account").text)
    done = client.post("/account/password", data={
        "csrf_token": token, "current_password": TEST_PASSWORD,
        "new_password": "brand-new-pass", "new_password_confirm": "brand-new-pass"},
        follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/login"
    assert client.get("/dashboard", follow_redirects=False).status_code == 303
    users.login(client, user, password="brand-new-pass")


def test_pages_render_for_anonymous_and_roles(client: TestClient, users: Users) -> None:
    for path in ("/", "/login", "/register"):
        page = client.get(path)
        assert page.status_code == 200 and "AIDE" in page.text
    instructor = users.create("instructor")
    users.login(client, instructor)
    assert 'href="/instructor"' in client.get("/dashboard").text


def test_unknown_page_is_a_friendly_404(client: TestClient) -> None:
    page = client.get("/no/such/page")
    assert page.status_code == 404 and "<html" in page.text
