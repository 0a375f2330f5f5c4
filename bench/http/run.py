"""HTTP throughput and latency of the real service: uvicorn workers, a real database, real tokens.

For each worker count, the script prepares a fresh SQLite database (migrations + content, what
`aide setup` does) or uses the PostgreSQL database given with ``--database-url``, creates
``--users`` trainees, starts ``uvicorn app.main:app --workers N`` on a free port of 127.0.0.1 as a
subprocess, gets one bearer token per user (argon2 is slow by design, so this happens before any
timing) and starts one mock exam per user. Then this process drives the server with a bounded
load: ``--concurrency`` client tasks (one user each), at most ``--requests`` requests and
``--seconds`` seconds per row, after a short warm-up. It prints requests/s and p50/p95/p99 latency
per row, stops the server and removes the temporary files.

    .venv/bin/python bench/http/run.py                      # SQLite, 1 and 2 workers
    .venv/bin/python bench/http/run.py --workers 2 --requests 1000
    .venv/bin/python bench/http/run.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/aide_bench

Only 127.0.0.1 is ever contacted. The client needs ``httpx`` (in the test extras).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

PASSWORD = "bench-password-0123"
EXAM = "aide-level2-mock"
BBOX_TASK = "bbox-intro-01"
KEYPOINTS_TASK = "motion-keypoints-01"


# ---- preparing the database ---------------------------------------------------------------------

def prepare_database(url: str) -> None:
    """`aide db upgrade` + `aide content load`."""
    from app import migrate
    from app.content import loader
    from app.db import make_engine, make_sessionmaker

    migrate.upgrade(url)
    engine = make_engine(url)
    with make_sessionmaker(engine)() as session:
        loader.load_all(session, REPO / "content")
        session.commit()
    engine.dispose()


def create_users(url: str, count: int, tag: str) -> list[str]:
    """Trainee accounts with the production password hashing; returns their emails."""
    from app.accounts import service
    from app.db import make_engine, make_sessionmaker

    engine = make_engine(url)
    emails = [f"bench-{tag}-{i}@example.org" for i in range(count)]
    with make_sessionmaker(engine)() as session:
        for i, email in enumerate(emails):
            service.create_user(session, email=email, display_name=f"Bench {i}", password=PASSWORD)
        session.commit()
    engine.dispose()
    return emails


def gold_submissions(url: str) -> dict[str, dict[str, Any]]:
    """Perfect submissions (the gold) for the two practice items: what a good trainee sends."""
    from sqlalchemy import select

    from app.db import make_engine, make_sessionmaker
    from app.practice.models import LabelItem

    engine = make_engine(url)
    out: dict[str, dict[str, Any]] = {}
    with make_sessionmaker(engine)() as session:
        for item in session.scalars(select(LabelItem).where(LabelItem.slug.in_([BBOX_TASK, KEYPOINTS_TASK]))):
            if item.task_type == "bbox":
                out[item.slug] = {"objects": [dict(o) for o in item.gold["objects"]]}
            else:
                out[item.slug] = {"people": [{"keypoints": p["keypoints"]} for p in item.gold["people"]]}
    engine.dispose()
    missing = {BBOX_TASK, KEYPOINTS_TASK} - set(out)
    if missing:
        raise SystemExit(f"content has no practice item {', '.join(sorted(missing))}")
    return out


# ---- the server -----------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """`uvicorn app.main:app --workers N` on 127.0.0.1 in its own process group."""

    def __init__(self, url: str, workers: int, data_dir: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "AIDE_DATABASE_URL": url, "AIDE_SECRET_KEY": secrets.token_urlsafe(32),
               "AIDE_DATA_DIR": str(data_dir), "AIDE_BASE_URL": self.base}
        self.log = open(data_dir / f"uvicorn-{workers}.log", "wb")  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "app.main:app", "--host", "127.0.0.1", "--port", str(self.port),
             "--workers", str(workers), "--log-level", "warning", "--no-access-log"],
            cwd=REPO, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)

    def wait_ready(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"uvicorn exited with {self.process.returncode}; see {self.log.name}")
            try:
                if httpx.get(f"{self.base}/healthz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise SystemExit(f"uvicorn did not answer /healthz within {timeout:.0f} s")

    def stop(self) -> None:
        """SIGTERM to the server's own process group (the master and its workers), then SIGKILL."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self.log.close()


# ---- the client -----------------------------------------------------------------------------------

@dataclass
class Session:
    """One simulated trainee: a token, an open mock exam and its autosave counter."""

    token: str
    attempt: str = ""
    position: int = 0
    option: str = ""
    seq: int = 0

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@dataclass
class Row:
    name: str
    expected: int
    request: Callable[[httpx.AsyncClient, Session], Any]
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0


def login(base: str, emails: list[str]) -> list[Session]:
    sessions = []
    with httpx.Client(base_url=base, timeout=60) as client:
        for email in emails:
            response = client.post("/api/v1/auth/token", json={"email": email, "password": PASSWORD})
            response.raise_for_status()
            sessions.append(Session(token=response.json()["access_token"]))
    return sessions


def start_exams(base: str, sessions: list[Session]) -> bool:
    """One mock exam per user; the first choice question of the paper is the one autosaved."""
    with httpx.Client(base_url=base, timeout=60) as client:
        for session in sessions:
            response = client.post(f"/api/v1/exams/{EXAM}/attempts", headers=session.headers)
            if response.status_code != 201:
                print(f"  (exam autosave row skipped: POST /api/v1/exams/{EXAM}/attempts -> "
                      f"{response.status_code} {response.text[:120]})")
                return False
            attempt = response.json()
            question = next(p for p in attempt["paper"] if p["kind"] == "question" and p.get("options"))
            session.attempt, session.position = attempt["id"], question["position"]
            session.option = question["options"][0]["id"]
    return True


async def drive(base: str, row: Row, sessions: list[Session], requests: int, seconds: float, warmup: int) -> None:
    """`len(sessions)` tasks, one user each, until `requests` are done or `seconds` have passed."""
    limits = httpx.Limits(max_connections=len(sessions), max_keepalive_connections=len(sessions))
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as client:
        for i in range(warmup):  # open connections, fill caches; not measured
            await row.request(client, sessions[i % len(sessions)])
        issued = 0
        deadline = time.perf_counter() + seconds

        async def worker(session: Session) -> None:
            nonlocal issued
            while issued < requests and time.perf_counter() < deadline:
                issued += 1
                started = time.perf_counter()
                try:
                    response = await row.request(client, session)
                    ok = response.status_code == row.expected
                except httpx.HTTPError:
                    ok = False
                row.latencies.append(time.perf_counter() - started)
                row.errors += not ok

        started = time.perf_counter()
        await asyncio.gather(*(worker(s) for s in sessions))
        row.seconds = time.perf_counter() - started


def rows(gold: dict[str, dict[str, Any]], with_exam: bool) -> list[Row]:
    def lesson(client: httpx.AsyncClient, s: Session) -> Any:
        return client.get("/api/v1/modules/bbox-intro", headers=s.headers)

    def bbox(client: httpx.AsyncClient, s: Session) -> Any:
        return client.post(f"/api/v1/practice/tasks/{BBOX_TASK}/submissions", json=gold[BBOX_TASK], headers=s.headers)

    def keypoints(client: httpx.AsyncClient, s: Session) -> Any:
        return client.post(f"/api/v1/practice/tasks/{KEYPOINTS_TASK}/submissions", json=gold[KEYPOINTS_TASK],
                           headers=s.headers)

    def health(client: httpx.AsyncClient, s: Session) -> Any:
        return client.get("/healthz")

    def autosave(client: httpx.AsyncClient, s: Session) -> Any:
        s.seq += 1
        return client.put(f"/api/v1/attempts/{s.attempt}/answers/{s.position}",
                          json={"seq": s.seq, "response": {"choices": [s.option]}}, headers=s.headers)

    out = [Row("GET /healthz", 200, health),
           Row("GET /api/v1/modules/bbox-intro (lesson)", 200, lesson),
           Row(f"POST practice {BBOX_TASK} (score bbox)", 201, bbox),
           Row(f"POST practice {KEYPOINTS_TASK} (score keypoints)", 201, keypoints)]
    if with_exam:
        out.append(Row("PUT /api/v1/attempts/{id}/answers/{n} (autosave)", 200, autosave))
    return out


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))] if ordered else 0.0


def exams_available() -> bool:
    try:
        import app.exams.router  # noqa: F401
    except ImportError:
        return False
    return True


# ---- main -------------------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="uvicorn worker counts (default 1 2)")
    parser.add_argument("--users", type=int, default=8, help="trainees, one client task each (default 8)")
    parser.add_argument("--requests", type=int, default=600, help="measured requests per row at most (default 600)")
    parser.add_argument("--seconds", type=float, default=20, help="measured seconds per row at most (default 20)")
    parser.add_argument("--warmup", type=int, default=16, help="unmeasured requests before each row (default 16)")
    parser.add_argument("--database-url", help="a PostgreSQL database to use instead of a fresh SQLite file")
    args = parser.parse_args()
    if not 1 <= args.users <= 64 or args.requests > 20_000 or args.seconds > 120:
        parser.error("keep the load bounded: 1-64 users, at most 20000 requests and 120 s per row")

    temp = Path(tempfile.mkdtemp(prefix="aide-bench-http-"))
    print(f"machine: {os.cpu_count()} CPUs, {platform.platform()}, Python {platform.python_version()}; "
          f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    table: list[tuple[str, str, int, Row]] = []
    prepared = False
    try:
        for workers in args.workers:
            if args.database_url:
                url, db_name = args.database_url, "PostgreSQL" if "postgresql" in args.database_url else "other"
                if not prepared:
                    prepare_database(url)
                    prepared = True
            else:
                url, db_name = f"sqlite:///{temp / f'bench-{workers}.db'}", "SQLite"
                prepare_database(url)
            emails = create_users(url, args.users, f"{workers}w-{secrets.token_hex(3)}")
            gold = gold_submissions(url)
            server = Server(url, workers, temp)
            try:
                server.wait_ready()
                print(f"{db_name}, {workers} worker(s): logging in {args.users} users…", flush=True)
                sessions = login(server.base, emails)
                with_exam = exams_available() and start_exams(server.base, sessions)
                for row in rows(gold, with_exam):
                    asyncio.run(drive(server.base, row, sessions, args.requests, args.seconds, args.warmup))
                    table.append((db_name, row.name, workers, row))
                    print(f"  {row.name}: {len(row.latencies) / row.seconds:,.0f} req/s", flush=True)
            finally:
                server.stop()
    finally:
        shutil.rmtree(temp, ignore_errors=True)

    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
          f"{args.users} concurrent clients (one user each), warm-up {args.warmup} requests per row\n")
    header = ("database", "request", "workers", "requests", "errors", "req/s", "p50 ms", "p95 ms", "p99 ms")
    lines = [header] + [
        (db, name, str(workers), f"{len(r.latencies):,}", str(r.errors), f"{len(r.latencies) / r.seconds:,.0f}",
         f"{percentile(r.latencies, 50) * 1000:.1f}", f"{percentile(r.latencies, 95) * 1000:.1f}",
         f"{percentile(r.latencies, 99) * 1000:.1f}")
        for db, name, workers, r in table]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    for index, line in enumerate(lines):
        cells = [cell.ljust(widths[i]) if i < 2 else cell.rjust(widths[i]) for i, cell in enumerate(line)]
        print("| " + " | ".join(cells) + " |")
        if index == 0:
            rules = [("-" * (w + 2)) if i < 2 else ("-" * (w + 1) + ":") for i, w in enumerate(widths)]
            print("|" + "|".join(rules) + "|")


if __name__ == "__main__":
    main()
