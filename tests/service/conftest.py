"""The app as a service, without a browser: requests as any client sends them, a database that fails, imports
while it serves. Not part of the mutation run (tests/unit), as they take seconds each."""

from __future__ import annotations

import json
import os
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from data_access.engine import make_engine
from ingest import backup
from ingest.loader import load_bundled
from tests.browser.conftest import running

#: the status recorded when the server closed the connection before the request was sent in full
CLOSED = 0
CLI = str(Path(sys.executable).parent / "sze-dashboard")


@dataclass
class Answer:
    """An HTTP answer in the shape of Flask's test response, for tests that speak to either."""

    status_code: int
    body: bytes
    headers: dict[str, str]

    def get_data(self, as_text: bool = False) -> str | bytes:
        return self.body.decode("utf-8", "replace") if as_text else self.body

    def get_json(self) -> object:
        return json.loads(self.body)


class HttpClient:
    """A plain HTTP client of a running server with the test client's ``get``/``post``."""

    def __init__(self, base: str) -> None:
        self.base = base

    def _send(self, request: urllib.request.Request) -> Answer:
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return Answer(response.status, response.read(), dict(response.headers))
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.read(), dict(error.headers))
        except urllib.error.URLError as error:
            # an oversized body is refused before it is read: the server answers 413 and closes, and the
            # client, still sending, sees a broken pipe instead of the answer
            if isinstance(error.reason, (BrokenPipeError, ConnectionResetError)):
                return Answer(CLOSED, b"", {})
            raise

    def get(self, path: str, headers: dict[str, str] | None = None) -> Answer:
        return self._send(urllib.request.Request(self.base + path, headers=headers or {}))

    def post(self, path: str, data: str | bytes, content_type: str = "application/json") -> Answer:
        raw = data.encode() if isinstance(data, str) else data
        headers = {"Content-Type": content_type, "Origin": self.base}
        return self._send(urllib.request.Request(self.base + path, data=raw, headers=headers, method="POST"))


def fill(url: str) -> None:
    """A database of the test's own with the bundled dataset."""
    engine = make_engine(url)
    load_bundled(engine, force=True)
    engine.dispose()


def dump(url: str, folder: Path) -> dict[str, str]:
    """Every table as CSV text: what 'the database unchanged' compares."""
    engine = make_engine(url)
    try:
        backup.export_all(engine, folder)
    finally:
        engine.dispose()
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())}


#: the gunicorn master of each served app, by base URL
_MASTERS: dict[str, int] = {}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--soak-seconds", type=int, default=None, help="how long the soak test runs (default 25)")


@pytest.fixture
def soak_seconds(request: pytest.FixtureRequest) -> int:
    """How long the soak runs: ``--soak-seconds``, else the test's CI-friendly default."""
    from tests.service.test_soak import SOAK_SECONDS

    value = request.config.getoption("--soak-seconds")
    return int(value) if value else SOAK_SECONDS


@pytest.fixture
def served(db_url: str, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """The dashboard under gunicorn (two workers) on a database of its own: (base URL, database URL)."""
    fill(db_url)
    env = {**os.environ, "DATABASE_URL": db_url}
    with running([CLI, "serve", "--workers", "2"], env, tmp_path, started=_MASTERS) as base:
        yield base, db_url


@pytest.fixture
def served_pid(served: tuple[str, str]) -> int:
    """The process id of the served app's gunicorn master (its workers are its children)."""
    return _MASTERS[served[0]]
