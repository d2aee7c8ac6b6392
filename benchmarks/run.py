"""``python -m benchmarks [--quick]``: every measurement of issue 9 in one run, each beside its baseline, written
to ``benchmarks/RESULTS.md`` (raw numbers to ``benchmarks/out/results.json``).

Order: the baseline server starts and stays up; for each backend (SQLite, and PostgreSQL when
``SZE_TEST_DATABASE_URL`` names a server, as ``scripts/with-postgres.sh`` sets it) and each size, a database is
filled with ``sze-dashboard demo``, the dashboard is served on it, and filter changes (browser) and single
callbacks (HTTP) are timed beside the baseline's; the first loads on the reference configuration; then the load
runs (bundled data only, and the largest size) against 4 workers; last the profile of the slowest callback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from functools import partial
from pathlib import Path
from typing import Any

from benchmarks import browser, environment, load, profiling, report
from benchmarks.baseline_app import CHAIN_PATH
from benchmarks.report import BASELINE, NOOP, FirstLoadRow, LoadRow, Results, Summary, config_label, fmt_rows
from benchmarks.servers import POSTGRESQL, SQLITE, Databases, Server, fill, serve_baseline, serve_dashboard

HERE = Path(__file__).resolve().parent
RESULTS_MD = HERE / "RESULTS.md"
RAW_JSON = HERE / "out" / "results.json"

#: the filter combinations a change picks from: editions (the SZE ones; demo rows fall in 2021 and 2023) × regions
EDITIONS = ("", "2021", "2022", "2023", "2024", "2021,2023")
REGIONS = ("", "noord", "oost", "west", "zuid")


@dataclass(frozen=True)
class Plan:
    """How much to measure: the full run, or ``--quick`` for development."""

    quick: bool
    sizes: tuple[int, ...]
    first_loads: int  # cold loads per page
    changes: int  # filter changes per view in the target configurations
    changes_other: int  # ... and in the others
    callbacks: int  # single callbacks per view and configuration
    users: int
    seconds: float
    single_seconds: float  # the single-user run before each load run
    profile_calls: int
    workers: int = 2  # as `sze-dashboard serve` defaults, for everything but the load runs
    load_workers: int = 4

    @classmethod
    def make(cls, quick: bool) -> Plan:
        if quick:
            return cls(True, (10**4, 10**5), 2, 10, 10, 10, 10, 15, 5, 3)
        return cls(False, (10**4, 10**5, 10**6), 5, 50, 20, 20, 50, 60, 20, 5)


def searches(slug: str, count: int, seed: int = 2021) -> list[str]:
    """``count`` URL queries for the view ``slug``: every region × edition combination in a shuffled order, over
    and over, never the same twice in a row and never first the one the page opened with."""
    combos = [(e, r) for e in EDITIONS for r in REGIONS]
    rng = random.Random(f"{seed}-{slug}")
    out: list[str] = []
    previous = ("", "")
    while len(out) < count:
        rng.shuffle(combos)
        for edition, region in combos:
            if (edition, region) == previous:
                continue
            query = "&".join(([f"editie={edition}"] if edition else []) + ([f"regio={region}"] if region else []))
            query = f"?{query}" if query else ""
            out.append(query)
            previous = (edition, region)
            if len(out) == count:
                break
    return out


class Run:
    """One benchmark run: its plan, servers, databases, what browsers recorded, and the results so far."""

    def __init__(self, plan: Plan, parts: set[str], backends: Sequence[str], folder: Path, command: str) -> None:
        self.plan = plan
        self.parts = parts
        self.folder = folder
        self.databases = Databases(folder, os.environ.get("SZE_TEST_DATABASE_URL"))
        self.backends = [b for b in backends if b in self.databases.backends]
        self.started = time.monotonic()
        self.results = Results(
            meta={
                "date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
                "command": command,
                "quick": plan.quick,
                "machine": environment.machine(),
                "versions": environment.versions(self.databases.postgres_version(), browser.chromium_version()),
            }
        )
        # the targets speak of PostgreSQL; without it, the same figures on SQLite
        target_backend = POSTGRESQL if POSTGRESQL in self.backends else self.backends[0]
        self.reference = (target_backend, plan.sizes[0])
        self.results.reference = self.reference
        self.results.target_configs = (self.reference, (target_backend, plan.sizes[-1]))
        if POSTGRESQL not in self.backends and POSTGRESQL in backends:
            self.results.notes.append("PostgreSQL not measured: SZE_TEST_DATABASE_URL is not set")
        self.recording = load.Recording()
        #: every sample behind the summaries, for results.json: label -> series -> milliseconds
        self.raw: dict[str, dict[str, list[float]]] = {}
        self.urls: dict[tuple[str, int], str] = {}
        from callbacks import VIEWS

        self.views = [(view.slug, view.name) for view in VIEWS]

    # --- helpers ---

    def say(self, text: str) -> None:
        """Progress on stderr, with the minutes since the start."""
        print(f"[{(time.monotonic() - self.started) / 60:5.1f} min] {text}", file=sys.stderr, flush=True)

    def attempt(self, what: str, action: Callable[[], None]) -> None:
        """Run one part; a failure is noted in the results (and the log) and the run goes on."""
        try:
            action()
        except Exception as exc:  # a 30-minute run must not lose what it measured to one failure
            self.say(f"FAILED {what}: {exc}")
            traceback.print_exc()
            self.results.notes.append(f"{what} failed: {exc.__class__.__name__}: {str(exc)[:300]}")
        self.write()

    def write(self) -> None:
        """RESULTS.md and the raw JSON as they stand (after every part, so an interrupted run leaves its numbers)."""
        meta = self.results.meta
        meta["seconds"] = time.monotonic() - self.started
        assert isinstance(meta["machine"], dict)
        meta["machine"]["load_after"] = environment.load_average()
        previous = RESULTS_MD.read_text(encoding="utf-8") if RESULTS_MD.exists() else ""
        RESULTS_MD.write_text(report.render(self.results, report.kept_notes(previous)), encoding="utf-8")
        RAW_JSON.parent.mkdir(exist_ok=True)
        raw = {"results": asdict(self.results), "samples": self.raw, "recording": self.recording.to_json()}
        RAW_JSON.write_text(json.dumps(raw, indent=1, default=str), encoding="utf-8")

    def database(self, backend: str, rows: int) -> str:
        """The database of ``backend`` with ``rows`` synthetic activities, made (and timed) once."""
        key = (backend, rows)
        if key not in self.urls:
            url = self.databases.new(backend, f"{backend.lower()}_{rows}")
            self.say(f"filling {config_label(backend, rows) if rows else backend + ' (bundled data only)'}")
            seconds = fill(url, rows)
            if rows:
                self.results.demo_seconds[config_label(backend, rows)] = seconds
                self.say(f"  demo --activities {rows}: {seconds:.0f} s")
            self.urls[key] = url
        return self.urls[key]

    # --- part 1: first load ---

    def first_load(self, app: Server, baseline: Server) -> None:
        """Cold loads of the baseline and of every view, round after round (the baseline first in each)."""
        pages = [(BASELINE, baseline.base + "/")] + [(slug, f"{app.base}/{slug}") for slug, _ in self.views]
        loads: dict[str, list[browser.FirstLoad]] = {key: [] for key, _ in pages}
        for round_ in range(self.plan.first_loads):
            self.say(f"first loads, round {round_ + 1}/{self.plan.first_loads}")
            for key, url in pages:
                loaded = browser.first_load(url)
                loads[key].append(loaded)
                if key != BASELINE:
                    self.recording.pages.append((url.removeprefix(app.base), loaded.callback_bodies))
        for key, samples in loads.items():
            unsettled = sum(1 for s in samples if s.ms is None)
            if unsettled:
                self.results.notes.append(f"first load of {key}: {unsettled} of {len(samples)} never settled")
            self.results.first_load[key] = FirstLoadRow(
                bytes=report.percentile([s.bytes for s in samples], 50),
                requests=report.percentile([s.requests for s in samples], 50),
                ms=Summary.of([s.ms for s in samples if s.ms is not None]),
                graphs=max(s.graphs for s in samples),
            )

    # --- parts 2 and 3: filter changes and single callbacks ---

    def interaction(self, config: tuple[str, int], app: Server, chain: browser.Page) -> dict[str, list[str]]:
        """Filter changes in every view, each followed by the same change on the no-op chain; the view updates'
        recorded request bodies by view slug (for the single-callback timings)."""
        label = config_label(*config)
        count = self.plan.changes if config in (self.results.target_configs or ()) else self.plan.changes_other
        times: dict[str, list[float]] = {NOOP: []}
        answered: dict[str, list[float]] = {NOOP: []}
        bodies: dict[str, list[str]] = {}
        rewritten = lost = 0
        for slug, name in self.views:
            self.say(f"{label}: {count} filter changes on {slug}")
            page = browser.Page(f"{app.base}/{slug}")
            try:
                for warm in searches(slug, 2, seed=7):  # the first changes of a page pay for what is cached later
                    page.change(warm)
                    chain.change(warm)
                times[slug], answered[slug] = [], []
                for query in searches(slug, count):
                    result = page.change(query)
                    noop = chain.change(query)
                    if result["ms"] is None or not result["settled"]:
                        lost += 1
                    else:
                        times[slug].append(result["ms"])
                        if result["answered"] is not None:
                            answered[slug].append(result["answered"])
                    if noop["ms"] is not None and noop["settled"]:
                        times[NOOP].append(noop["ms"])
                        if noop["answered"] is not None:
                            answered[NOOP].append(noop["answered"])
                    rewritten += result["search"] != query
                    mine = [b for b in result["requests"] if load.outputs(b).startswith(f"..{name}-")]
                    bodies.setdefault(slug, []).extend(mine)
                    if config == self.reference:
                        self.recording.changes.append(result["requests"])
            finally:
                page.close()
        self.results.interaction[label] = {key: Summary.of(values) for key, values in times.items()}
        self.results.answered[label] = {key: Summary.of(values) for key, values in answered.items()}
        self.raw[f"filter change, {label}"] = times
        self.raw[f"last figure arrived, {label}"] = answered
        if lost:
            self.results.notes.append(f"{label}: {lost} filter changes made no callback or never settled")
        if rewritten:
            self.results.notes.append(
                f"{label}: the app rewrote {rewritten} of the queries it was given (canonical form)"
            )
        return bodies

    def single_callbacks(
        self, config: tuple[str, int], app: Server, baseline: Server, bodies: dict[str, list[str]]
    ) -> None:
        """Each view's update callback over HTTP, taking turns with the no-op chain's Store -> Graph callback."""
        label = config_label(*config)
        noop_bodies = self._noop_bodies(baseline)
        measured: dict[str, list[float]] = {NOOP: []}
        for slug, _ in self.views:
            if not bodies.get(slug):
                self.results.notes.append(f"{label}: no recorded update of {slug} to time")
                continue
            self.say(f"{label}: {self.plan.callbacks} single callbacks of {slug}")
            (mine, noop), failed = load.side_by_side(
                [(app.base, "", bodies[slug]), (baseline.base, CHAIN_PATH.rstrip("/"), noop_bodies)],
                self.plan.callbacks,
            )
            if failed:
                self.results.notes.append(f"{label}: {failed} single callbacks of {slug} or the no-op failed")
            measured[slug] = mine
            measured[NOOP] += noop
        self.results.callbacks[label] = {key: Summary.of(values) for key, values in measured.items()}
        self.raw[f"single callback, {label}"] = measured

    def _noop_bodies(self, baseline: Server) -> list[str]:
        """The no-op chain's graph callback as its page sends it (recorded once)."""
        if not hasattr(self, "_noop"):
            page = browser.Page(baseline.base + CHAIN_PATH)
            try:
                recorded = [page.change(q)["requests"] for q in searches("noop", 5)]
            finally:
                page.close()
            self._noop = [b for r in recorded for b in r if load.outputs(b).startswith("graph.")]
        return self._noop

    def configuration(self, config: tuple[str, int], baseline: Server) -> None:
        """Everything measured at one backend and size."""
        url = self.database(*config)
        with serve_dashboard(url, self.plan.workers, self.folder) as app:
            if "first-load" in self.parts and config == self.reference:
                self.attempt("first load", lambda: self.first_load(app, baseline))
            if "interaction" not in self.parts:
                return
            chain = browser.Page(baseline.base + CHAIN_PATH)
            bodies: dict[str, list[str]] = {}
            try:
                self.attempt(
                    f"filter changes, {config_label(*config)}",
                    lambda: bodies.update(self.interaction(config, app, chain)),
                )
            finally:
                chain.close()
            self.attempt(
                f"single callbacks, {config_label(*config)}",
                lambda: self.single_callbacks(config, app, baseline, bodies),
            )

    # --- part 4: load ---

    def record(self, app: Server) -> None:
        """What a browser sends, when the first loads and changes were not measured in this run."""
        self.say("recording requests to replay")
        for slug, _ in self.views:
            url = f"{app.base}/{slug}"
            self.recording.pages.append((url.removeprefix(app.base), browser.first_load(url).callback_bodies))
            page = browser.Page(url)
            try:
                self.recording.changes += [page.change(q)["requests"] for q in searches(slug, 6)]
            finally:
                page.close()

    def load_run(self, backend: str, rows: int) -> None:
        """Single user, then ``users`` users, replaying the recording against 4 workers on one database."""
        url = self.database(backend, rows)
        label = f"{backend}, " + (f"{fmt_rows(rows)} rows" if rows else "bundled data only")
        with serve_dashboard(url, self.plan.load_workers, self.folder) as app:
            if not self.recording.pages or not self.recording.changes:
                self.record(app)
            self.say(f"load {label}: warm-up and 1 user for {self.plan.single_seconds:.0f} s")
            load.replay(app.base, self.recording, 4, 3, app.workers)
            single = load.replay(app.base, self.recording, 1, self.plan.single_seconds, app.workers)
            self.say(f"load {label}: {self.plan.users} users for {self.plan.seconds:.0f} s")
            many = load.replay(app.base, self.recording, self.plan.users, self.plan.seconds, app.workers)
        self.results.load.append(
            LoadRow(
                label=label,
                users=many.users,
                seconds=many.seconds,
                requests=many.requests,
                errors=many.errors,
                latency=many.latency,
                single=single.latency,
                peak_rss_mb=[b / 2**20 for b in many.peak_rss.values()],
                idle_rss_mb=[b / 2**20 for b in many.idle_rss.values()],
                error_samples=many.error_samples + single.error_samples,
            )
        )

    # --- part 5: profile ---

    def profile(self) -> None:
        """cProfile of the slowest view update at the largest size measured."""
        largest = max(rows for _, rows in self.results.configs)
        candidates = []
        for backend, rows in self.results.configs:
            if rows != largest:
                continue
            for slug, summary in self.results.callbacks.get(config_label(backend, rows), {}).items():
                if slug != NOOP and summary.p50 is not None:
                    candidates.append((summary.p50, backend, slug))
        if not candidates:
            raise RuntimeError("no single-callback timings at the largest size to pick the slowest from")
        _, backend, slug = max(candidates)
        name = dict(self.views)[slug]
        bodies = [b for page in self.recording.changes for b in page if load.outputs(b).startswith(f"..{name}-")]
        if not bodies:
            raise RuntimeError(f"no recorded update of {slug}")
        label = config_label(backend, largest)
        self.say(f"profiling update_{slug} on {label}")
        header = f"cProfile of the `{slug}` view's update callback ({name}) on {label}, {self.results.meta['date']}"
        result = profiling.profile_request(
            self.urls[(backend, largest)], bodies[:5], f"{name}-{backend.lower()}", self.plan.profile_calls, header
        )
        path = profiling.save(result, HERE)
        self.results.profile_file = path.name
        self.results.profile = [f"On {label}:", *profiling.summary_lines(result)]

    # --- the whole run ---

    def run(self) -> None:
        with serve_baseline(self.plan.workers, self.folder) as baseline:
            if self.parts & {"first-load", "interaction"}:
                for backend in self.backends:
                    for rows in self.plan.sizes:
                        config = (backend, rows)
                        self.results.configs.append(config)
                        self.attempt(config_label(*config), partial(self.configuration, config, baseline))
        if "load" in self.parts:
            backend = self.reference[0]
            for rows in (0, self.plan.sizes[-1]):
                self.attempt(f"load, {backend} {rows} rows", partial(self.load_run, backend, rows))
        if "profile" in self.parts:
            self.attempt("profile", self.profile)

    def close(self) -> None:
        self.databases.close()


PARTS = ("first-load", "interaction", "load", "profile")


def render_again() -> int:
    """RESULTS.md from the last run's raw results (after a change to the report, not to the numbers)."""
    raw = json.loads(RAW_JSON.read_text(encoding="utf-8"))
    previous = RESULTS_MD.read_text(encoding="utf-8") if RESULTS_MD.exists() else ""
    text = report.render(report.results_from_json(raw["results"]), report.kept_notes(previous))
    RESULTS_MD.write_text(text, encoding="utf-8")
    print(text)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmarks and write RESULTS.md."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small samples, sizes up to 10^5, 10 users for 15 s")
    parser.add_argument("--sizes", help="activity rows per database, comma-separated (default 10^4,10^5,10^6)")
    parser.add_argument("--backends", default="sqlite,postgresql", help="sqlite and/or postgresql")
    parser.add_argument("--parts", default=",".join(PARTS), help=f"any of {', '.join(PARTS)}")
    parser.add_argument("--users", type=int, help="simulated users in the load runs (default 50; --quick 10)")
    parser.add_argument("--seconds", type=float, help="length of each load run (default 60; --quick 15)")
    parser.add_argument(
        "--render-only", action="store_true", help=f"write RESULTS.md again from {RAW_JSON.name}, measuring nothing"
    )
    args = parser.parse_args(argv)
    if args.render_only:
        return render_again()
    plan = Plan.make(args.quick)
    overrides: dict[str, Any] = {}
    if args.sizes:
        overrides["sizes"] = tuple(int(float(s)) for s in args.sizes.split(","))
    if args.users:
        overrides["users"] = args.users
    if args.seconds:
        overrides["seconds"] = args.seconds
    if overrides:
        plan = Plan(**{**asdict(plan), **overrides})
    names = {"sqlite": SQLITE, "postgresql": POSTGRESQL}
    backends = [names[b.strip().lower()] for b in args.backends.split(",")]
    parts = {p.strip() for p in args.parts.split(",")}
    unknown = parts - set(PARTS)
    if unknown:
        parser.error(f"unknown parts: {sorted(unknown)}")
    command = "python -m benchmarks " + " ".join(argv if argv is not None else sys.argv[1:])
    with tempfile.TemporaryDirectory(prefix="sze-bench-") as folder:
        run = Run(plan, parts, backends, Path(folder), command.strip())
        try:
            run.run()
        finally:
            run.write()
            run.close()
    print(RESULTS_MD.read_text(encoding="utf-8"))
    return 0
