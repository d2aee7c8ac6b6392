"""A `kill -9` of an import while it writes leaves the database exactly as it was, and usable (issue 18, item 6)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, make_url, text

from dashboard.cli import main
from ingest import history
from ingest.loader import load_bundled
from tests.tables import all_rows

HEADINGS = "Titel;Organisator;Datum;Plaats;Vorm;Domein;Thema;Deelnemers;Duur (uren)"
PLACES = ("'s-Gravenhage", "Súdwest-Fryslân", "Roosendaal", "Hengelo (Gelderland)")
DAYS = ("09-02-2021", "16-02-2021", "23-02-2021", "02-02-2021")


def big_export(path: Path, rows: int) -> Path:
    lines = [
        f"Activiteit {i};Organisatie {i % 97};{DAYS[i % 4]};{PLACES[i % 4]};online;ggz;voorkomen;{i % 300};1,5"
        for i in range(rows)
    ]
    path.write_bytes(("\r\n".join([HEADINGS, *lines]) + "\r\n").encode("utf-8-sig"))
    return path


def _wal(engine: Engine) -> Path | None:
    database = engine.url.database
    return Path(f"{database}-wal") if engine.dialect.name == "sqlite" and database else None


def _writing(engine: Engine) -> bool:
    """Whether the import's transaction has begun to write its rows (not yet committed)."""
    wal = _wal(engine)
    if wal is not None:  # SQLite: the open transaction's pages spill into the write-ahead log
        return wal.exists() and wal.stat().st_size > 0
    with engine.connect() as conn:  # PostgreSQL: another session holds a write lock on the activities
        return bool(
            conn.execute(
                text(
                    "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                    "WHERE c.relname = 'activities' AND l.mode = 'RowExclusiveLock' AND l.pid <> pg_backend_pid()"
                )
            ).scalar()
        )


def _import_killed_while_writing(url: str, path: Path, engine: Engine) -> bool:
    """Run `sze-dashboard import` in a process of its own and SIGKILL it once it writes: whether the kill
    came before it finished (False: it committed first)."""
    if _wal(engine) is not None:
        with engine.connect() as conn:  # an empty log: any page in it from now on is the import's
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SZE_ADMIN_DATABASE_URL")}
    command = [sys.executable, "-m", "dashboard.cli", "--database-url", url, "import", "activities", str(path)]
    process = subprocess.Popen([*command, "--user", "crash"], env=env, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 180
    while process.poll() is None and time.monotonic() < deadline and not _writing(engine):
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    return process.wait() == -signal.SIGKILL


def test_an_import_killed_while_writing_leaves_the_database_as_it_was(db_url, tmp_path, capsys):
    url = make_url(db_url).render_as_string(hide_password=False)
    engine = create_engine(url)
    load_bundled(engine, force=True, user="beheerder")
    rows = 20_000
    for _attempt in range(3):  # a machine fast enough to commit before the kill lands gets a bigger file
        before = all_rows(engine)
        if _import_killed_while_writing(url, big_export(tmp_path / "groot.csv", rows), engine):
            break
        history.undo(engine, history.entries(engine)[0].import_id, "test")
        rows *= 2
    else:
        pytest.fail("every import committed before it could be killed")
    engine.dispose()  # a fresh connection, as the next command would open
    engine = create_engine(url)
    assert all_rows(engine) == before  # every table, history, audit log and the data's version included
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    engine.dispose()
    # and it still opens and takes the next import
    assert main(["--database-url", url, "import", "activities", str(big_export(tmp_path / "klein.csv", 10))]) == 0
    assert "10 activiteiten opgeslagen" in capsys.readouterr().out
