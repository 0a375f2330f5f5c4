"""Settings, read from the environment (prefix ``AIDE_``) once per process."""

from __future__ import annotations

import os
import secrets
from functools import cached_property
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent
SUPPORTED_LOCALES = ("ko", "en")


class Settings(BaseSettings):
    """Service configuration; every field can be set as ``AIDE_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="AIDE_", extra="ignore")

    database_url: str = Field(default_factory=lambda: f"sqlite:///{Path.cwd() / 'aide.db'}")
    secret_key: str | None = None
    base_url: str = "http://127.0.0.1:8000"
    default_locale: str = "ko"
    content_dir: Path = REPO_ROOT / "content"
    data_dir: Path | None = None
    session_days: int = 14
    token_days: int = 90
    login_max_failures_per_account: int = 5
    login_max_failures_per_address: int = 20
    login_window_minutes: int = 15

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def secure_cookies(self) -> bool:
        return self.base_url.startswith("https://")

    @property
    def key_dir(self) -> Path:
        """Where generated keys live: beside the SQLite file, else the data dir or cwd."""
        if self.data_dir is not None:
            return self.data_dir
        if self.is_sqlite and ":memory:" not in self.database_url:
            db_path = self.database_url.split("///", 1)[-1]
            return Path(db_path).resolve().parent
        return Path.cwd()

    @cached_property
    def resolved_secret_key(self) -> str:
        """The secret key: configured, or generated once and kept in a file beside the DB."""
        if self.secret_key:
            return self.secret_key
        path = self.key_dir / "aide-secret.key"
        return read_or_create_secret_file(path, lambda: secrets.token_urlsafe(48).encode()).decode()


def read_or_create_secret_file(path: Path, make: object) -> bytes:
    """Return the file's bytes, creating it atomically (mode 0600) on first use.

    Several workers may start at once: O_EXCL makes exactly one of them write the key.
    """
    assert callable(make)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        for _ in range(50):
            value = path.read_bytes()
            if value:
                return value
            import time

            time.sleep(0.02)
        raise RuntimeError(f"key file {path} stays empty") from None
    created: bytes = make()
    with os.fdopen(fd, "wb") as handle:
        handle.write(created)
    return created


settings = Settings()
