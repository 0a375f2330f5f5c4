"""Accounts API: register, tokens, me, roles, throttling, revocation."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select

from app.accounts.models import ApiToken, User
from tests.conftest import TEST_PASSWORD, Users


def register(client: TestClient, **overrides: object) -> object:
    body = {"email": "new@example.org", "display_name": "새 학습자",
            "password": "a-long-password", "locale": "ko"}
    body.update(overrides)
    return client.post("/api/v1/auth/register", json=body)


def test_register_returns_user_without_hash(client: TestClient, session: object) -> None:
    response = register(client, email="Mixed@Example.org")
    assert response.status_code == 201
    body = response.json()
    assert body["email"] == "mixed@example.org"
    assert body["role"] == "trainee"
    assert "password" not in response.text and "argon2" not in response.text
    stored = session.scalar(select(User).where(User.email == "mixed@example.org"))  # type: ignore[attr-defined]
    assert stored.password_hash.startswith("$argon2")


def test_register_taken_email_is_409(client: TestClient) -> None:
    assert register(client).status_code == 201
    again = register(client, email="NEW@example.org")
    assert again.status_code == 409
    assert "already exists" in again.json()["detail"]


def test_register_validates_every_field(client: TestClient) -> None:
    assert register(client, email="not-an-email").status_code == 422
    assert register(client, password="short").status_code == 422
    too_long = register(client, password="x" * 129)
    assert too_long.status_code == 422
    assert too_long.json()["detail"][0]["loc"][-1] == "password"
    assert register(client, display_name="   ").status_code == 422
    assert register(client, locale="fr").status_code == 422
    assert register(client, role="admin").status_code == 422  # no self-promotion
    assert client.post("/api/v1/auth/register", content=b"{not json",
                       headers={"content-type": "application/json"}).status_code == 422


def test_token_flow_me_and_revocation(client: TestClient, users: Users, session: object) -> None:
    user = users.create()
    token = users.token(client, user)
    headers = {"Authorization": f"Bearer {token}"}
    me = client.get("/api/v1/me", headers=headers)
    assert me.status_code == 200 and me.json()["email"] == user.email
    stored = session.scalars(select(ApiToken)).all()  # type: ignore[attr-defined]
    assert token not in {row.token_hash for row in stored}  # stored hashed
    assert client.delete("/api/v1/auth/token", headers=headers).status_code == 204
    after = client.get("/api/v1/me", headers=headers)
    assert after.status_code == 401
    assert after.json()["detail"].startswith("The bearer token is invalid")


def test_unknown_email_and_wrong_password_answer_alike(client: TestClient, users: Users) -> None:
    user = users.create()
    wrong = client.post("/api/v1/auth/token", json={"email": user.email, "password": "nope-nope-1"})
    unknown = client.post("/api/v1/auth/token",
                          json={"email": "ghost@example.org", "password": "nope-nope-1"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()


def test_throttling_per_account_gives_429_with_retry_after(client: TestClient,
                                                           users: Users) -> None:
    user = users.create()
    for _ in range(5):
        bad = client.post("/api/v1/auth/token", json={"email": user.email, "password": "wrong-pw-1"})
        assert bad.status_code == 401
    blocked = client.post("/api/v1/auth/token",
                          json={"email": user.email, "password": TEST_PASSWORD})
    assert blocked.status_code == 429
    assert 0 < int(blocked.headers["retry-after"]) <= 15 * 60
    # Another account from the same address is not yet blocked.
    other = users.create()
    assert client.post("/api/v1/auth/token",
                       json={"email": other.email, "password": TEST_PASSWORD}).status_code == 200


def test_throttling_per_address(client: TestClient) -> None:
    statuses = [client.post("/api/v1/auth/token",
                            json={"email": f"nobody{i}@example.org", "password": "wrong-pw-1"}
                            ).status_code for i in range(21)]
    assert statuses[:20] == [401] * 20
    assert statuses[20] == 429


def test_password_change_revokes_tokens(client: TestClient, users: Users) -> None:
    user = users.create()
    headers = users.headers(client, user)
    wrong = client.put("/api/v1/me/password", headers=headers,
                       json={"current_password": "not-it-at-all", "new_password": "another-pw-123"})
    assert wrong.status_code == 422
    ok = client.put("/api/v1/me/password", headers=headers,
                    json={"current_password": TEST_PASSWORD, "new_password": "another-pw-123"})
    assert ok.status_code == 204
    assert client.get("/api/v1/me", headers=headers).status_code == 401
    assert users.token(client, user, password="another-pw-123")


def test_locale_is_kept_on_the_user(client: TestClient, users: Users) -> None:
    user = users.create()
    headers = users.headers(client, user)
    assert client.put("/api/v1/me/locale", headers=headers, json={"locale": "en"}).json()[
        "locale"] == "en"
    assert client.get("/api/v1/me", headers=headers).json()["locale"] == "en"
    assert client.put("/api/v1/me/locale", headers=headers, json={"locale": "jp"}).status_code == 422


def test_admin_routes_need_admin(client: TestClient, users: Users) -> None:
    trainee, instructor, admin = users.create(), users.create("instructor"), users.create("admin")
    for who in (trainee, instructor):
        assert client.get("/api/v1/admin/users", headers=users.headers(client, who)
                          ).status_code == 403
    admin_headers = users.headers(client, admin)
    listed = client.get("/api/v1/admin/users", headers=admin_headers)
    assert listed.status_code == 200 and len(listed.json()) == 3
    promoted = client.put(f"/api/v1/admin/users/{trainee.id}/role", headers=admin_headers,
                          json={"role": "instructor"})
    assert promoted.json()["role"] == "instructor"
    assert client.put("/api/v1/admin/users/99999/role", headers=admin_headers,
                      json={"role": "admin"}).status_code == 404


def test_health_checks_database(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
