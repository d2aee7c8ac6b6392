"""Settings for production, resolved in one place (argument > environment > default), and the commands that
check them: framing, HSTS, the secret key, the login's users, the debug server, password hashes."""

from __future__ import annotations

import io
import sys

import pytest
from werkzeug.security import check_password_hash, generate_password_hash

from dashboard import cli
from dashboard.settings import Settings, SettingsError, read_users

PASSWORD = "correct horse battery staple"
#: hashed once: a scrypt hash takes a noticeable moment
ALICE = f"alice:{generate_password_hash(PASSWORD)}"


@pytest.mark.parametrize(
    "value", ["'self'; script-src *", "https://a.nl,https://b.nl", "'none' 'self'", "'unsafe-inline'", "*"]
)
def test_a_frame_ancestors_value_that_would_say_more_is_refused(value):
    with pytest.raises(SettingsError, match="SZE_FRAME_ANCESTORS"):
        Settings(database_url="sqlite://", frame_ancestors=value)


def test_settings_default_to_no_framing_no_hsts_no_login_and_no_fixed_key(monkeypatch):
    for name in ("SZE_SECRET_KEY", "SZE_FRAME_ANCESTORS", "SZE_HSTS_MAX_AGE", "SZE_BASIC_AUTH_USERS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("SZE_TRUSTED_USER_HEADER", raising=False)
    settings = Settings.from_env(database_url="sqlite://")
    assert settings.secret_key is None and settings.frame_ancestors == "'none'" and settings.hsts_max_age == 0
    assert not settings.login_required


def test_an_argument_beats_the_environment(monkeypatch):
    monkeypatch.setenv("SZE_SECRET_KEY", "from-env")
    monkeypatch.setenv("SZE_FRAME_ANCESTORS", "'self'")
    settings = Settings.from_env(database_url="sqlite://", secret_key="from-argument", frame_ancestors="none")
    assert settings.secret_key == "from-argument" and settings.frame_ancestors == "'none'"


@pytest.mark.parametrize("value", ["abc", "-1"])
def test_a_bad_hsts_age_is_refused(monkeypatch, value):
    monkeypatch.setenv("SZE_HSTS_MAX_AGE", value)
    with pytest.raises(SettingsError, match="SZE_HSTS_MAX_AGE"):
        Settings.from_env(database_url="sqlite://")


def test_users_are_read_inline_or_from_a_file(tmp_path):
    bob = f"bob:{generate_password_hash('another one', method='pbkdf2')}"
    assert [user for user, _ in read_users(f"{ALICE}, {bob}")] == ["alice", "bob"]
    path = tmp_path / "users"
    path.write_text(f"# the dashboard's readers\n{ALICE}\n\n{bob}\n")
    assert dict(read_users(str(path)))["bob"] == bob.split(":", 1)[1]


def test_a_plain_password_in_the_users_is_refused_without_repeating_it():
    with pytest.raises(SettingsError) as refused:
        read_users(f"{ALICE},bob:hunter2")
    assert "entry 2" in str(refused.value) and "hunter2" not in str(refused.value)
    with pytest.raises(SettingsError, match="twice"):
        read_users(f"{ALICE},{ALICE}")
    with pytest.raises(SettingsError, match="cannot read"):
        read_users("/nonexistent/users")


def test_two_login_modes_at_once_are_refused():
    with pytest.raises(SettingsError, match="not both"):
        Settings(database_url="sqlite://", basic_auth_users=read_users(ALICE), trusted_user_header="X-Forwarded-User")
    with pytest.raises(SettingsError, match="header name"):
        Settings(database_url="sqlite://", trusted_user_header="X-User: admin")


def test_the_debug_server_only_listens_on_this_machine(capsys):
    assert cli.main(["--database-url", "sqlite://", "serve", "--dev", "--host", "0.0.0.0"]) == 2
    assert "debugger" in capsys.readouterr().err


def test_a_bad_setting_stops_the_command_with_its_name(monkeypatch, capsys):
    monkeypatch.setenv("SZE_BASIC_AUTH_USERS", "alice:plain-password")
    assert cli.main(["--database-url", "sqlite://", "init-db"]) == 2
    err = capsys.readouterr().err
    assert "SZE_BASIC_AUTH_USERS" in err and "plain-password" not in err


@pytest.mark.parametrize("user", [None, "alice"])
def test_hash_password_prints_a_hash_for_the_users_setting(monkeypatch, capsys, user):
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    assert cli.main(["hash-password", *(["--user", user] if user else [])]) == 0
    printed = capsys.readouterr().out.strip()
    assert PASSWORD not in printed
    if user:
        assert dict(read_users(printed))["alice"] and printed.startswith("alice:")
        printed = printed.split(":", 1)[1]
    assert check_password_hash(printed, PASSWORD) and not check_password_hash(printed, "wrong")


def test_hash_password_refuses_an_empty_password(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n"))
    assert cli.main(["hash-password"]) == 2


def test_served_workers_share_one_secret_key_made_before_they_start(monkeypatch, database_url, capsys):
    """Without SZE_SECRET_KEY, ``serve`` makes one before gunicorn forks: every worker loads the same."""
    from gunicorn.app.base import BaseApplication

    monkeypatch.delenv("SZE_SECRET_KEY", raising=False)
    keys = []
    monkeypatch.setattr(BaseApplication, "run", lambda self: keys.extend(self.load().secret_key for _ in range(2)))
    assert cli.main(["--database-url", database_url, "serve", "--workers", "2"]) == 0
    assert len(keys) == 2 and keys[0] == keys[1] and len(keys[0]) >= 32
    assert "SZE_SECRET_KEY is not set" in capsys.readouterr().err
