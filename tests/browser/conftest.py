"""The real app (``sze-dashboard serve``, gunicorn, fresh SQLite file) driven in headless Chromium.

Debian's /usr/bin/chromium and /usr/bin/chromedriver only: nothing is downloaded. The test
command installs them; if they are missing the browser tests fail rather than skip.
"""

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
from pathlib import Path

import pytest
from selenium import webdriver
from sqlalchemy import create_engine, make_url, text

from benchmarks import chromium


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running(
    command: list[str],
    env: dict[str, str],
    folder: Path,
    cwd: Path | None = None,
    started: dict[str, int] | None = None,
) -> Iterator[str]:
    """Run a dashboard server command until the block ends; yield its base URL once /healthz answers 200.
    ``started``, if given, gets the server's process id under its base URL."""
    port = _free_port()
    log_path = folder / "serve.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [*command, "--port", str(port)],
            env=env,
            cwd=cwd,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}"
        if started is not None:
            started[base] = process.pid
        deadline = time.monotonic() + 60
        try:
            while True:
                try:
                    with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                        if response.status == 200:
                            break
                except OSError:
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("the dashboard did not start:\n" + log_path.read_text())
                time.sleep(0.3)
            yield base
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=15)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start the dashboard exactly as a user would, on a fresh database; yield its base URL.

    The database is a new SQLite file, or, when the suite runs on PostgreSQL, the test server's database.
    """
    folder = tmp_path_factory.mktemp("live")
    url = os.environ.get("SZE_TEST_DATABASE_URL") or f"sqlite:///{folder / 'sze.db'}"
    env = {**os.environ, "DATABASE_URL": url}
    command = [str(Path(sys.executable).parent / "sze-dashboard"), "serve", "--workers", "2"]
    with running(command, env, folder) as base:
        yield base


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dashboard on a database of its own filled by ``sze-dashboard demo``, as a user would try it.

    Its own SQLite file, or its own database on the test PostgreSQL server: the demo banner must not
    reach the other browser tests.
    """
    folder = tmp_path_factory.mktemp("demo")
    shared = os.environ.get("SZE_TEST_DATABASE_URL")
    url = f"sqlite:///{folder / 'demo.db'}"
    server = None
    if shared:
        name = f"demo_{uuid.uuid4().hex[:10]}"
        server = create_engine(
            make_url(shared).set(database="postgres"), isolation_level="AUTOCOMMIT", pool_pre_ping=True
        )
        with server.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        url = make_url(shared).set(database=name).render_as_string(hide_password=False)
    env = {**os.environ, "DATABASE_URL": url}
    cli = str(Path(sys.executable).parent / "sze-dashboard")
    subprocess.run([cli, "init-db"], env=env, check=True, capture_output=True)
    subprocess.run([cli, "demo", "--activities", "3000", "--seed", "7"], env=env, check=True, capture_output=True)
    try:
        with running([cli, "serve", "--workers", "2"], env, folder) as base:
            yield base
    finally:
        if server is not None:
            with server.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
            server.dispose()


def make_driver(width: int = 1600, height: int = 1200) -> webdriver.Chrome:
    """A fresh headless Chromium with an empty profile."""
    if not chromium.installed():
        pytest.fail(f"{chromium.MISSING}: run the README's test command")
    # Bootstrap scrolls smoothly unless motion is reduced: a click right after a scroll would land mid-animation
    return chromium.start(width, height, extra=("--force-prefers-reduced-motion",))


@pytest.fixture
def browser():
    """A browser for one test."""
    driver = make_driver()
    yield driver
    driver.quit()
