"""Browser tests: a real uvicorn server on a free port and Debian's chromium via Playwright."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from app.config import REPO_ROOT, Settings
from tests.conftest import fresh_database

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]
ARTIFACTS = REPO_ROOT / "test-artifacts"

pytestmark = pytest.mark.browser


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if os.path.exists(CHROMIUM):
        return
    if os.environ.get("AIDE_REQUIRE_BROWSER"):
        raise pytest.UsageError(f"{CHROMIUM} is missing (apt-get install -y chromium)")
    skip = pytest.mark.skip(reason=f"{CHROMIUM} not installed")
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(skip)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveServer:
    def __init__(self, app: Any, port: int) -> None:
        self.app = app
        self.url = f"http://127.0.0.1:{port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> None:
        self.thread.start()
        deadline = time.time() + 20
        while not self.server.started:
            if time.time() > deadline:
                raise RuntimeError("live server did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_db(template_db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from fresh_database(template_db, tmp_path_factory.mktemp("live"))


@pytest.fixture(scope="session")
def live_server(live_db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    from app.main import create_app

    port = free_port()
    settings = Settings(database_url=live_db, secret_key="browser-test-secret-0123456789",
                        data_dir=tmp_path_factory.mktemp("live-data"),
                        base_url=f"http://127.0.0.1:{port}")
    server = LiveServer(create_app(settings), port)
    server.start()
    yield server
    server.stop()
    server.app.state.engine.dispose()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                              headless=True)
        yield instance
        instance.close()


def expected(message: str) -> bool:
    """Console errors that are not bugs: a request failing while a test has cut the network."""
    return "net::ERR_INTERNET_DISCONNECTED" in message


@pytest.fixture
def page(browser: Any, live_server: LiveServer) -> Iterator[Any]:
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900},
                                  locale="ko-KR")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" and not expected(msg.text)
            else None)
    page.set_default_timeout(10_000)
    yield page
    context.close()
    assert not errors, f"browser errors: {errors}"


def screenshot(page: Any, name: str, full_page: bool = True) -> Path:
    """Save a screenshot under test-artifacts/ (kept by CI as a test artifact)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
