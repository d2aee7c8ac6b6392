"""The sze-dashboard command as an operator uses it."""

from __future__ import annotations

import sqlite3

from dashboard.cli import main


def test_init_db_is_idempotent(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'new' / 'sze.db'}"
    assert main(["--database-url", url, "init-db"]) == 0
    assert "Loaded the bundled dataset" in capsys.readouterr().out
    assert main(["--database-url", url, "init-db"]) == 0
    assert "up to date" in capsys.readouterr().out


def test_a_database_from_an_older_version_gets_a_clear_way_out(tmp_path, capsys):
    path = tmp_path / "old.db"
    url = f"sqlite:///{path}"
    assert main(["--database-url", url, "init-db"]) == 0
    with sqlite3.connect(path) as conn:  # an older schema: a column this version needs is missing
        conn.execute("ALTER TABLE initiatives DROP COLUMN size_text")
    assert main(["--database-url", url, "init-db", "--force"]) == 3
    assert "init-db --recreate" in capsys.readouterr().err
    assert main(["--database-url", url, "init-db", "--recreate"]) == 0
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM initiatives WHERE size_text IS NOT NULL").fetchone() == (2,)
