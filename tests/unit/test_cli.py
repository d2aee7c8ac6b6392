"""The sze-dashboard command as an operator uses it."""

from __future__ import annotations

from dashboard.cli import main


def test_init_db_is_idempotent(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'new' / 'sze.db'}"
    assert main(["--database-url", url, "init-db"]) == 0
    assert "Loaded the bundled dataset" in capsys.readouterr().out
    assert main(["--database-url", url, "init-db"]) == 0
    assert "up to date" in capsys.readouterr().out
