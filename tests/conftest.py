"""Test fixtures: every test gets its own migrated database (SQLite file or PostgreSQL).

Set AIDE_TEST_DATABASE_URL=postgresql+psycopg://user@host:port/name to run on PostgreSQL:
a template database is migrated (and content loaded) once, then each test gets a copy
(CREATE DATABASE ... TEMPLATE), so tests are isolated and may use real concurrency.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import settings as hypothesis_settings
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app.accounts import security
from app.config import REPO_ROOT, Settings

# Property tests draw the same examples on every run (a CI run must not fail by luck);
# HYPOTHESIS_PROFILE=explore searches new random examples locally.
hypothesis_settings.register_profile("repeatable", derandomize=True, database=None)
hypothesis_settings.register_profile("explore", derandomize=False)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

# Fast hashing in tests only: production keeps passlib's argon2 defaults.
security.password_context.update(argon2__memory_cost=1024, argon2__rounds=1,
                                 argon2__parallelism=1)

TEST_PASSWORD = "correct-horse-battery"
PG_URL = os.environ.get("AIDE_TEST_DATABASE_URL", "")
_counter = itertools.count()


def _worker() -> str:
    return re.sub(r"\W", "", os.environ.get("PYTEST_XDIST_WORKER", "gw0"))


def _pg_admin_engine():  # type: ignore[no-untyped-def]
    url = make_url(PG_URL).set(database="postgres")
    return create_engine(url, isolation_level="AUTOCOMMIT")


def prepare_database(url: str, content: bool = True) -> None:
    """Migrate an empty database and load the shipped content into it."""
    from app import migrate

    migrate.upgrade(url)
    if content:
        load_content(url)


def load_content(url: str) -> None:
    try:
        from app.content import loader
    except ImportError:
        return
    from app.db import make_engine, make_sessionmaker

    engine = make_engine(url)
    with make_sessionmaker(engine)() as session:
        loader.load_all(session, REPO_ROOT / "content")
        session.commit()
    engine.dispose()


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A migrated database with content, copied for each test."""
    if PG_URL:
        base = make_url(PG_URL).database or "aide_test"
        name = f"{base}_tpl_{_worker()}"
        admin = _pg_admin_engine()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
        prepare_database(url)
        yield name
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    else:
        path = tmp_path_factory.mktemp("template") / "template.db"
        url = f"sqlite:///{path}"
        prepare_database(url)
        engine = create_engine(url)
        with engine.connect() as conn:  # fold the WAL into the file before copying it
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        engine.dispose()
        yield str(path)


def fresh_database(template: str, directory: Path) -> Iterator[str]:
    """Copy the template into a new database and yield its URL; drop it afterwards."""
    if PG_URL:
        base = make_url(PG_URL).database or "aide_test"
        name = f"{base}_{_worker()}_{next(_counter)}"
        admin = _pg_admin_engine()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    else:
        path = directory / "test.db"
        shutil.copyfile(template, path)
        yield f"sqlite:///{path}"


@pytest.fixture
def db_url(template_db: str, tmp_path: Path) -> Iterator[str]:
    yield from fresh_database(template_db, tmp_path)


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return Settings(database_url=db_url, secret_key="test-secret-key-0123456789",
                    data_dir=tmp_path, content_dir=REPO_ROOT / "content",
                    base_url="http://testserver")


@pytest.fixture
def app(settings: Settings) -> Iterator[Any]:
    from app.main import create_app

    application = create_app(settings)
    yield application
    application.state.engine.dispose()


@pytest.fixture
def client(app: Any) -> Iterator[TestClient]:
    with TestClient(app, base_url="http://testserver") as test_client:
        yield test_client


@pytest.fixture
def session(app: Any) -> Iterator[Any]:
    """A database session on the test's database, for arranging data and checking results."""
    with app.state.sessionmaker() as db_session:
        yield db_session


class Users:
    """Builds accounts and logs them in."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self._n = itertools.count(1)

    def create(self, role: str = "trainee", email: str | None = None,
               name: str | None = None, password: str = TEST_PASSWORD) -> Any:
        from app.accounts import service
        from app.accounts.models import Role

        n = next(self._n)
        with self.app.state.sessionmaker() as db_session:
            user = service.create_user(db_session, email=email or f"{role}{n}@example.org",
                                       display_name=name or f"{role.title()} {n}",
                                       password=password, role=Role(role))
            db_session.commit()
            return user

    def token(self, client: TestClient, user: Any, password: str = TEST_PASSWORD) -> str:
        response = client.post("/api/v1/auth/token",
                               json={"email": user.email, "password": password})
        assert response.status_code == 200, response.text
        return str(response.json()["access_token"])

    def headers(self, client: TestClient, user: Any) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(client, user)}"}

    def login(self, client: TestClient, user: Any, password: str = TEST_PASSWORD) -> None:
        """Log in through the real form (with its CSRF token)."""
        page = client.get("/login")
        token = csrf_from(page.text)
        response = client.post("/login", data={"email": user.email, "password": password,
                                               "csrf_token": token, "next": "/dashboard"},
                               follow_redirects=False)
        assert response.status_code == 303, response.text


@pytest.fixture
def users(app: Any) -> Users:
    return Users(app)


def csrf_from(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "page has no CSRF token"
    return match.group(1)
