"""Models and migrations agree, and upgrade → downgrade → upgrade works on this backend."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from app import migrate
from app.db import make_engine
from app.models import Base
from tests.conftest import PG_URL, _pg_admin_engine


@pytest.fixture
def empty_db(tmp_path: Path) -> Iterator[str]:
    if PG_URL:
        from sqlalchemy import text
        from sqlalchemy.engine import make_url

        name = (make_url(PG_URL).database or "aide_test") + "_migrations"
        admin = _pg_admin_engine()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    else:
        yield f"sqlite:///{tmp_path / 'migrations.db'}"


def drift(url: str) -> list[object]:
    engine = make_engine(url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    engine.dispose()
    return list(diff)


def table_names(url: str) -> set[str]:
    engine = make_engine(url)
    names = set(inspect(engine).get_table_names()) - {"alembic_version"}
    engine.dispose()
    return names


def test_models_and_migrations_agree(empty_db: str) -> None:
    migrate.upgrade(empty_db)
    assert drift(empty_db) == []
    assert table_names(empty_db) == set(Base.metadata.tables)


def test_upgrade_downgrade_upgrade(empty_db: str) -> None:
    migrate.upgrade(empty_db)
    migrate.downgrade(empty_db, "base")
    assert table_names(empty_db) == set()
    migrate.upgrade(empty_db)
    assert drift(empty_db) == []


def test_sqlite_runs_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'pragmas.db'}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()
