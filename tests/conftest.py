"""Shared fixtures: a filled SQLite database and an app built on it, per test session."""

from __future__ import annotations

import atexit
import datetime as dt
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy import create_engine, make_url, text

from dashboard.app import create_app
from dashboard.settings import Settings
from data_access.engine import make_engine
from ingest import writer
from ingest.loader import load_bundled

# the same generated examples in every run: a red CI run is a bug to fix, never a roll of the dice
# (to explore further by hand: pytest --hypothesis-profile=default)
settings.register_profile("sze", derandomize=True, deadline=None)
settings.load_profile("sze")


#: the bundled dataset as the unmutated loader left it in a SQLite file, kept for mutmut's forked test runs
_LOADED: dict[str, Path] = {}


def _mutant_spares_the_loader() -> bool:
    """Whether this is one of mutmut's runs of a mutant outside ingest/, whose bundled database is then the one
    the unmutated loader made: nothing outside ingest/ takes part in loading it (mutmut names the mutant in
    ``MUTANT_UNDER_TEST``; its stats run, 'stats', must see every load to know which tests reach the loader)."""
    mutant = os.environ.get("MUTANT_UNDER_TEST", "")
    return "__mutmut_" in mutant and not mutant.startswith("ingest.")


def load_bundled_sqlite(url: str) -> None:
    """Load the bundled dataset into the SQLite database at ``url``, as ``load_bundled(force=True)`` leaves it.

    Under mutmut, each of ~1600 forked runs would load it again in its fixtures, though for a mutant outside
    ingest/ the result cannot differ: those runs copy the file the unmutated loader made in mutmut's clean run
    (a file copy instead of a load; ``loaded_at`` set anew, as a load would). A mutant of the loader loads.
    """
    if _LOADED and _mutant_spares_the_loader():
        shutil.copyfile(_LOADED["file"], make_url(url).database or "")
        engine = make_engine(url)
        with engine.begin() as conn:
            writer.set_meta(conn, {"loaded_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")})
        engine.dispose()
        return
    engine = make_engine(url)
    load_bundled(engine, force=True)
    engine.dispose()
    if not _LOADED and os.environ.get("MUTANT_UNDER_TEST") in ("", "stats"):  # mutmut, running unmutated code
        folder = tempfile.mkdtemp(prefix="sze-loaded-")
        atexit.register(shutil.rmtree, folder, True)  # in mutmut's own process; its forks leave by os._exit
        _LOADED["file"] = Path(shutil.copy(make_url(url).database or "", folder))


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database filled with the bundled dataset, shared read-only by the tests.

    SQLite file by default; ``SZE_TEST_DATABASE_URL`` runs the same tests on another backend.
    """
    url = os.environ.get("SZE_TEST_DATABASE_URL")
    if not url:
        path: Path = tmp_path_factory.mktemp("db") / "sze.db"
        url = f"sqlite:///{path}"
        load_bundled_sqlite(url)
        return url
    engine = make_engine(url)
    load_bundled(engine, force=True)
    engine.dispose()
    return url


@contextmanager
def own_database(folder: Path, template: str | None = None) -> Iterator[str]:
    """A database of its own, dropped afterwards: empty, or a copy of ``template`` (a database this function
    made): a SQLite file in ``folder``, or a new PostgreSQL database (``CREATE DATABASE ... TEMPLATE``)."""
    shared = os.environ.get("SZE_TEST_DATABASE_URL")
    if not shared:
        path = folder / ("own.db" if template is None else "filled.db")  # both may serve one test
        if template is not None:
            shutil.copyfile(make_url(template).database or "", path)
        yield f"sqlite:///{path}"
        return
    name = f"t_{uuid.uuid4().hex[:12]}"
    copied = f' TEMPLATE "{make_url(template).database}"' if template is not None else ""
    # pre-pinged: a test may have stopped and restarted the server meanwhile (tests/service/test_outage.py)
    server = create_engine(make_url(shared).set(database="postgres"), isolation_level="AUTOCOMMIT", pool_pre_ping=True)
    with server.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"{copied}'))
    try:
        yield make_url(shared).set(database=name).render_as_string(hide_password=False)
    finally:
        with server.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        server.dispose()


@pytest.fixture
def db_url(tmp_path: Path) -> Iterator[str]:
    """An empty database of its own for a test that writes: a SQLite file, or a new PostgreSQL database."""
    with own_database(tmp_path) as url:
        yield url


@pytest.fixture(scope="session")
def bundled_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A database the bundled dataset was loaded into once this session, for ``filled_db_url`` to copy."""
    with own_database(tmp_path_factory.mktemp("template")) as url:
        if url.startswith("sqlite"):
            load_bundled_sqlite(url)
        else:
            engine = make_engine(url)
            load_bundled(engine, force=True)
            engine.dispose()
        yield url


@pytest.fixture
def filled_db_url(bundled_template: str, tmp_path: Path) -> Iterator[str]:
    """A database of its own with the bundled dataset, for a test that writes: a copy of the session's template
    (a file copy; on PostgreSQL ``CREATE DATABASE ... TEMPLATE``), as ``load_bundled`` would leave it, in a
    fraction of the time. The loader's own tests load it themselves (tests/unit/test_loader.py); the others
    need the data, not the loading, and mutation testing then runs only the loader's tests on its mutants."""
    with own_database(tmp_path, template=bundled_template) as url:
        yield url


@pytest.fixture(scope="session")
def engine(database_url: str):
    """Engine on the filled test database."""
    eng = make_engine(database_url)
    yield eng
    eng.dispose()


@pytest.fixture(scope="session")
def app(database_url: str):
    """The dashboard on the test database."""
    return create_app(Settings(database_url=database_url))


@pytest.fixture
def client(app):
    """A Flask test client of the dashboard."""
    return app.server.test_client()


@pytest.fixture
def in_request(app):
    """A request context, so callbacks can be called as plain functions."""
    with app.server.test_request_context("/"):
        yield
