"""Where /beheer's checks run (dashboard.jobs): a folder every worker of an instance shares, no one else reads."""

from __future__ import annotations

import os
import stat

import pytest

from dashboard import jobs
from dashboard.settings import Settings, SettingsError


def test_the_job_folder_is_one_per_database_and_readable_by_its_user_only(tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again
    one, other = (jobs.default_dir(f"sqlite:///{name}.db") for name in ("een", "twee"))
    assert one != other and one == jobs.default_dir("sqlite:///een.db") and one.parent == tmp_path
    jobs.manager(Settings(database_url="sqlite:///een.db"))
    assert stat.S_IMODE(one.stat().st_mode) == 0o700


def test_a_job_folder_others_may_read_is_refused(tmp_path):
    shared = tmp_path / "gedeeld"
    shared.mkdir(mode=0o755)
    os.chmod(shared, 0o755)
    with pytest.raises(SettingsError, match="SZE_JOBS_DIR"):
        jobs.manager(Settings(database_url="sqlite://", jobs_dir=str(shared)))


def test_sze_jobs_dir_is_read_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("SZE_JOBS_DIR", str(tmp_path / "taken"))
    assert Settings.from_env(database_url="sqlite://").jobs_dir == str(tmp_path / "taken")


def test_a_check_that_ends_between_two_reads_of_its_answer_still_gives_it(tmp_path, monkeypatch):
    import diskcache

    from dashboard.jobs import JobManager

    manager = JobManager(diskcache.Cache(str(tmp_path / "jobs")), expire=60)

    def ended(job: object) -> bool:
        # the job writes its answer and ends just after Dash's first read of it
        manager.handle.set("answer-key", {"checked": True})
        return False

    monkeypatch.setattr(manager, "job_running", ended)
    monkeypatch.setattr(manager, "terminate_job", lambda job: None)
    assert manager.get_result("answer-key", "12345") == {"checked": True}  # not taken for a cancelled job
    assert manager.get_result("other-key", None) is manager.UNDEFINED  # no job: nothing to wait for
