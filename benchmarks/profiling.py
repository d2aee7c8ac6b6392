"""A cProfile of one callback request, in this process through Flask's test client (the app as gunicorn's workers
build it), with its self time summed by what it was spent on: SQL, pandas, plotly's figure building and
validation, JSON, Dash and Flask, the dashboard's own code."""

from __future__ import annotations

import cProfile
import io
import pstats
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

#: where self time goes, tried in order on "file:function" (the first that matches wins); the rest is "other"
CATEGORIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("SQL (SQLAlchemy, driver, waiting for the database)", ("sqlalchemy", "psycopg", "sqlite3", "_sqlite")),
    ("JSON serialisation", ("plotly/io/_json", "/json/", "_json.", "orjson", "dash/_utils.py:to_json")),
    ("plotly figure building and validation", ("plotly/", "_plotly_utils")),
    ("pandas and numpy", ("pandas", "numpy")),
    ("Dash and Flask", ("/dash/", "/flask/", "werkzeug", "flask_compress", "/gzip", "zlib")),
    (
        "the dashboard's own code (callbacks, core, layouts, data_access)",
        ("/callbacks/", "/core/", "/layouts/", "/data_access/", "/dashboard/"),
    ),
    ("Babel (number and date formatting)", ("babel",)),
)
OTHER = "other (Python itself, standard library)"


def category(location: str) -> str:
    """What a function (``file:function``, as pstats names it) counts as."""
    for name, marks in CATEGORIES:
        if any(mark in location for mark in marks):
            return name
    return OTHER


def breakdown(stats: pstats.Stats) -> dict[str, float]:
    """Self time per category as shares of the total, largest first."""
    totals: dict[str, float] = {}
    for (file, _line, function), (_cc, _nc, self_time, _cum, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        key = category(f"{file}:{function}")
        totals[key] = totals.get(key, 0.0) + self_time
    whole = sum(totals.values()) or 1.0
    return dict(sorted(((k, v / whole) for k, v in totals.items()), key=lambda kv: -kv[1]))


@dataclass
class Profile:
    """A callback's profile: its time per call and where the time went."""

    callback: str
    calls: int
    ms_per_call: float  # wall time without the profiler, median
    shares: dict[str, float]
    text: str  # pstats' listing


def profile_request(database_url: str, bodies: Sequence[str], callback: str, calls: int, header: str = "") -> Profile:
    """Profile ``calls`` POSTs to a fresh app on ``database_url``, taking ``bodies`` in turn, after one unprofiled
    warm-up and a few unprofiled calls for the time per call."""
    from dashboard.app import create_app
    from dashboard.settings import Settings

    app = create_app(Settings.from_env(database_url=database_url))
    client = app.server.test_client()
    headers = {"Origin": "http://localhost"}

    def post(n: int = 0) -> None:
        body = bodies[n % len(bodies)]
        answer = client.post("/_dash-update-component", data=body, content_type="application/json", headers=headers)
        if answer.status_code not in (200, 204):
            raise RuntimeError(f"{callback}: {answer.status_code} {answer.get_data(as_text=True)[:300]}")

    post()
    plain = []
    for n in range(max(1, calls // 2)):
        start = time.perf_counter()
        post(n)
        plain.append((time.perf_counter() - start) * 1000)
    profiler = cProfile.Profile()
    profiler.enable()
    for n in range(calls):
        post(n)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    shares = breakdown(stats)
    out.write(f"{header}\n\nSelf time by what it was spent on:\n")
    for name, share in shares.items():
        out.write(f"  {share:6.1%}  {name}\n")
    out.write("\n")
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(30)
    plain.sort()
    return Profile(callback, calls, plain[len(plain) // 2], shares, out.getvalue())


def save(profile: Profile, folder: Path) -> Path:
    """Write the profile's text to ``folder/profile-<callback>.txt``."""
    path = folder / f"profile-{profile.callback}.txt"
    path.write_text(profile.text, encoding="utf-8")
    return path


def summary_lines(profile: Profile, top: Sequence[str] = ()) -> list[str]:
    """RESULTS.md's lines on where the time goes, from the shares (and any notable functions given)."""
    lines = [
        f"- `{profile.callback}` takes {profile.ms_per_call:.0f} ms per call in-process (median, unprofiled); of its "
        f"self time under cProfile ({profile.calls} calls):"
    ]
    lines += [f"  - {share:.0%} {name}" for name, share in profile.shares.items() if share >= 0.005]
    lines += [f"- {line}" for line in top]
    return lines
