"""A cProfile of one callback request, in this process through Flask's test client (the app as gunicorn's workers
build it), with its self time summed by what it was spent on: SQL, pandas, plotly's figure building and
validation, JSON, Dash and Flask, the dashboard's own code."""

from __future__ import annotations

import cProfile
import io
import pstats
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
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
    """Self time per category as shares of the total, largest first. Python's builtins and standard library
    (``isinstance``, ``copy.deepcopy``) count for the library that called them most (plotly's validation calls
    them by the thousand): their caller with the most time through them, followed up to eight calls up."""
    table = stats.stats  # type: ignore[attr-defined]
    resolved: dict[tuple[str, int, str], str] = {}

    def owner(key: tuple[str, int, str], depth: int = 0) -> str:
        if key in resolved:
            return resolved[key]
        found = category(f"{key[0]}:{key[2]}")
        callers = table.get(key, (0, 0, 0, 0, {}))[4]
        if found == OTHER and callers and depth < 8:
            resolved[key] = OTHER  # a cycle (deepcopy calls itself) ends here
            caller = max(callers, key=lambda c: callers[c][3])
            found = owner(caller, depth + 1)
        resolved[key] = found
        return found

    totals: dict[str, float] = {}
    for key, (_cc, _nc, self_time, _cum, _callers) in table.items():
        name = owner(key)
        totals[name] = totals.get(name, 0.0) + self_time
    whole = sum(totals.values()) or 1.0
    return dict(sorted(((k, v / whole) for k, v in totals.items()), key=lambda kv: -kv[1]))


#: the dashboard's functions worth naming as hot spots: its queries and its figure builders
HOT_SPOT_FILES = ("/data_access/queries.py", "/core/figures/", "/core/compare.py", "/core/key_figures.py")


@dataclass
class Profile:
    """A callback's profile: its time per call and where the time went."""

    callback: str
    calls: int
    ms_per_call: float  # wall time without the profiler, median
    shares: dict[str, float]
    text: str  # pstats' listing
    statements_per_call: float = 0.0  # SQL statements sent
    hot_spots: list[tuple[str, float]] = field(default_factory=list)  # the dashboard's queries and figure builders


def hot_spots(stats: pstats.Stats, count: int = 5) -> list[tuple[str, float]]:
    """The dashboard's queries and figure builders with the most cumulative time, as shares of the whole."""
    whole = stats.total_tt or 1.0  # type: ignore[attr-defined]
    found = []
    for (file, _line, function), (_cc, _nc, _self, cumulative, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        if any(mark in file for mark in HOT_SPOT_FILES):
            module = file.rsplit("/", 2)
            found.append((f"{module[-2]}/{module[-1].removesuffix('.py')}.{function}", cumulative / whole))
    return sorted(found, key=lambda item: -item[1])[:count]


def statements(stats: pstats.Stats) -> int:
    """How many SQL statements SQLAlchemy sent."""
    return sum(
        calls
        for (file, _line, function), (_cc, calls, *_rest) in stats.stats.items()  # type: ignore[attr-defined]
        if function == "do_execute" and file.endswith("sqlalchemy/engine/default.py")
    )


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
    return Profile(
        callback,
        calls,
        plain[len(plain) // 2],
        shares,
        out.getvalue(),
        statements_per_call=statements(stats) / calls,
        hot_spots=hot_spots(stats),
    )


def save(profile: Profile, folder: Path) -> Path:
    """Write the profile's text to ``folder/profile-<callback>.txt``."""
    path = folder / f"profile-{profile.callback}.txt"
    path.write_text(profile.text, encoding="utf-8")
    return path


def summary_lines(profile: Profile) -> list[str]:
    """RESULTS.md's lines on where the time goes: the shares, the SQL statements and the hot spots."""
    lines = [
        f"- `{profile.callback}` takes {profile.ms_per_call:.0f} ms per call in-process (median, unprofiled) and "
        f"sends {profile.statements_per_call:.0f} SQL statements; of its self time under cProfile "
        f"({profile.calls} calls):"
    ]
    lines += [f"  - {share:.0%} {name}" for name, share in profile.shares.items() if share >= 0.005]
    if profile.hot_spots:
        lines.append(
            "- its heaviest queries and figure builders (cumulative, share of the profiled time): "
            + ", ".join(f"`{name}` {share:.0%}" for name, share in profile.hot_spots)
        )
    return lines
