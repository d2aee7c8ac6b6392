"""The servers and databases a benchmark runs against: gunicorn for the dashboard and the baseline, databases
per size (SQLite files, or databases on the throwaway PostgreSQL server of ``scripts/with-postgres.sh``)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, make_url, text

BIN = Path(sys.executable).parent
CLI = str(BIN / "sze-dashboard")
GUNICORN = str(BIN / "gunicorn")
ROOT = Path(__file__).resolve().parent.parent
SQLITE, POSTGRESQL = "SQLite", "PostgreSQL"


def free_port() -> int:
    """A loopback port no one listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A running gunicorn: its base URL and master process."""

    base: str
    process: subprocess.Popen[bytes]
    log: Path

    def workers(self) -> list[int]:
        """The process ids of gunicorn's workers (the master's children)."""
        pid = self.process.pid
        try:
            return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
        except OSError:
            return []


def rss(pid: int) -> int:
    """Resident memory of a process in bytes (0 once it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


@contextmanager
def _serving(command: list[str], env: dict[str, str], log: Path, ready_path: str, port: int) -> Iterator[Server]:
    """Run a server command until the block ends; yield once ``ready_path`` answers 200."""
    base = f"http://127.0.0.1:{port}"
    with log.open("w") as out:
        process = subprocess.Popen(
            command, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    server = Server(base, process, log)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(base + ready_path, timeout=5) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"server did not start ({' '.join(command)}):\n{log.read_text()[-3000:]}")
            time.sleep(0.3)
        # wait for every worker, so memory and the first requests see all of them
        expected = int(command[command.index("--workers") + 1])
        while len(server.workers()) < expected and time.monotonic() < deadline:
            time.sleep(0.2)
        yield server
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


@contextmanager
def serve_dashboard(database_url: str, workers: int, folder: Path) -> Iterator[Server]:
    """The dashboard as ``sze-dashboard serve`` runs it (gunicorn), on ``database_url``."""
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "SZE_SECRET_KEY": "benchmark"}
    command = [CLI, "serve", "--port", str(port), "--workers", str(workers)]
    with _serving(command, env, folder / f"dashboard-{port}.log", "/healthz", port) as server:
        yield server


@contextmanager
def serve_baseline(workers: int, folder: Path) -> Iterator[Server]:
    """The baseline app under gunicorn with the settings ``sze-dashboard serve`` gives its own."""
    from benchmarks.baseline_app import READY_PATH

    port = free_port()
    command = [
        GUNICORN,
        "benchmarks.baseline_app:server",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        "--timeout",
        "60",
        "--graceful-timeout",
        "10",
        "--limit-request-line",
        "8190",
        "--no-control-socket",
    ]
    with _serving(command, dict(os.environ), folder / f"baseline-{port}.log", READY_PATH, port) as server:
        yield server


class Databases:
    """Databases made for this run, one per backend and size; all dropped or removed by ``close``."""

    def __init__(self, folder: Path, postgres_url: str | None) -> None:
        self.folder = folder
        self.postgres_url = postgres_url
        self._made: list[str] = []
        self._server = (
            create_engine(make_url(postgres_url).set(database="postgres"), isolation_level="AUTOCOMMIT")
            if postgres_url
            else None
        )

    @property
    def backends(self) -> tuple[str, ...]:
        """SQLite always; PostgreSQL when a server was given."""
        return (SQLITE, POSTGRESQL) if self._server is not None else (SQLITE,)

    def postgres_version(self) -> str | None:
        """The PostgreSQL server's version, or None without one."""
        if self._server is None:
            return None
        with self._server.connect() as conn:
            return str(conn.execute(text("SHOW server_version")).scalar_one())

    def new(self, backend: str, name: str) -> str:
        """The URL of a new, empty database called ``name`` on ``backend``."""
        if backend == SQLITE:
            return f"sqlite:///{self.folder / f'{name}.db'}"
        assert self._server is not None and self.postgres_url
        database = f"bench_{name}_{uuid.uuid4().hex[:6]}"
        with self._server.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{database}"'))
        self._made.append(database)
        return make_url(self.postgres_url).set(database=database).render_as_string(hide_password=False)

    def drop(self, url: str) -> None:
        """Remove one database made here (a SQLite file with its journal, or a PostgreSQL database)."""
        if url.startswith("sqlite"):
            path = Path(make_url(url).database or "")
            for extra in ("", "-wal", "-shm"):
                Path(f"{path}{extra}").unlink(missing_ok=True)
            return
        database = make_url(url).database
        if self._server is not None and database in self._made:
            with self._server.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
            self._made.remove(database)

    def close(self) -> None:
        """Drop every PostgreSQL database made here (SQLite files go with the run's folder)."""
        for database in list(self._made):
            assert self._server is not None
            with self._server.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        self._made.clear()
        if self._server is not None:
            self._server.dispose()


def fill(database_url: str, rows: int, seed: int = 2021) -> float:
    """Load the bundled dataset, then ``rows`` synthetic activities (``sze-dashboard demo``, 0: none); the
    seconds the demo command took (0 without it)."""
    env = {**os.environ, "DATABASE_URL": database_url}
    subprocess.run([CLI, "init-db"], env=env, check=True, capture_output=True, cwd=ROOT)
    if not rows:
        return 0.0
    start = time.monotonic()
    subprocess.run(
        [CLI, "demo", "--activities", str(rows), "--seed", str(seed)],
        env=env,
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    return time.monotonic() - start
