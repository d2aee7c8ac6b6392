"""Where /beheer's checks of an uploaded file run: Dash's background callbacks (``DiskcacheManager``), each in a
process of its own, so that checking 100,000 rows takes none of the workers that answer the other users' pages,
and the page shows how far the check is.

The request that starts a check answers at once with a signed handle; the browser then asks for the progress and
the answer, and any worker of the instance may answer it: they share the job folder (``Settings.jobs_dir``;
``sze-dashboard serve`` makes one before it forks, a bare gunicorn uses one per user and database). Instances on
other machines do not share it: behind a load balancer, send an editor's requests to one instance.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

import diskcache
from dash import DiskcacheManager

from dashboard.settings import Settings, SettingsError

#: how long a finished check's answer is kept for the browser to fetch (seconds)
ANSWER_KEPT = 600


def default_dir(database_url: str) -> Path:
    """The job folder of a server started without one: the same for every worker of this user and database."""
    digest = hashlib.sha256(database_url.encode("utf-8")).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"sze-dashboard-jobs-{os.getuid()}-{digest}"


def _private(folder: Path) -> Path:
    """``folder``, made if missing, readable by this user only (it holds uploaded files' answers); SettingsError
    for one that someone else owns or others may read (in a shared /tmp, another user could have made it)."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    found = folder.lstat()
    if not stat.S_ISDIR(found.st_mode) or found.st_uid != os.getuid() or found.st_mode & 0o077:
        raise SettingsError(f"SZE_JOBS_DIR: {folder} must be a folder of this user that no one else may read")
    return folder


class JobManager(DiskcacheManager):
    """Dash's manager, with one race closed: Dash reads a job's answer, then asks whether the job still runs, and
    takes "no answer and not running" for a cancelled job (the browser then stops asking). A check that writes its
    answer and ends between the two looked cancelled, and its answer never reached the page (seen once in the
    suite, on a busy machine). Once the job has ended, whatever it wrote is there: so read once more."""

    def get_result(self, key: str, job: object) -> Any:
        result = super().get_result(key, job)
        if result is self.UNDEFINED and job and not self.job_running(job):
            result = super().get_result(key, job)
        return result


def manager(settings: Settings) -> DiskcacheManager:
    """The background callbacks' manager for an app with these settings."""
    folder = _private(Path(settings.jobs_dir) if settings.jobs_dir else default_dir(settings.database_url))
    return JobManager(diskcache.Cache(str(folder)), expire=ANSWER_KEPT)
