"""Numbers into words: percentiles, ratios to a baseline, targets met or missed, and RESULTS.md's tables.

Pure functions of the measurements (no server, no browser), so the smoke test can check them on made-up numbers.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

#: what a table cell shows when a measurement is missing
MISSING = "–"


def percentile(values: Iterable[float], q: float) -> float | None:
    """The ``q``-th percentile (0–100) of ``values``, interpolated linearly between the two nearest ranks
    (numpy's default); None for no values."""
    ordered = sorted(v for v in values if v is not None and not math.isnan(v))
    if not ordered:
        return None
    if not 0 <= q <= 100:
        raise ValueError(f"percentile outside 0–100: {q}")
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass(frozen=True)
class Summary:
    """The spread of one measurement's samples."""

    n: int
    p50: float | None
    p95: float | None
    p99: float | None
    mean: float | None

    @classmethod
    def of(cls, samples: Sequence[float]) -> Summary:
        """Summarise ``samples`` (missing ones, None, are left out)."""
        values = [s for s in samples if s is not None]
        return cls(
            n=len(values),
            p50=percentile(values, 50),
            p95=percentile(values, 95),
            p99=percentile(values, 99),
            mean=sum(values) / len(values) if values else None,
        )


def ratio(value: float | None, baseline: float | None) -> float | None:
    """``value`` as a multiple of ``baseline``; None when either is missing or the baseline is not positive."""
    if value is None or baseline is None or baseline <= 0:
        return None
    return value / baseline


@dataclass(frozen=True)
class Target:
    """One of issue 9's targets: a measured ratio against the most it may be."""

    name: str
    ratio: float | None
    limit: float
    #: what the ratio compares, in words ("app bytes / baseline bytes")
    basis: str = ""
    #: how the measured value and the limit read where a ratio would not (a count of errors); default: ratios
    shown: str | None = None
    limit_shown: str | None = None

    @property
    def measured_text(self) -> str:
        """The measured value as the table shows it."""
        return self.shown if self.shown is not None else fmt_ratio(self.ratio)

    @property
    def limit_text(self) -> str:
        """The limit as the table shows it."""
        return self.limit_shown if self.limit_shown is not None else f"≤{fmt_ratio(self.limit)}"

    @property
    def met(self) -> bool | None:
        """True when the ratio is within the limit, False when over it, None when it was not measured."""
        if self.ratio is None:
            return None
        return self.ratio <= self.limit

    @property
    def verdict(self) -> str:
        """``met``, ``missed`` or ``not measured``, with the ratio against the limit."""
        if self.met is None:
            return "not measured"
        if self.shown is not None:
            return "met" if self.met else "missed"
        sign = "≤" if self.met else ">"
        return f"{'met' if self.met else 'missed'} ({fmt_ratio(self.ratio)} {sign} {fmt_ratio(self.limit)})"


def zero_errors(name: str, errors: int | None, requests: int | None) -> Target:
    """The "no errors" target as a ratio: the share of requests that failed, which may be at most 0."""
    share = None if errors is None or not requests else errors / requests
    shown = None if share is None else f"{errors} of {requests}"
    return Target(
        name, share, 0.0, basis=f"{errors} errors in {requests} requests", shown=shown or "–", limit_shown="0"
    )


def fmt_ratio(value: float | None) -> str:
    """A ratio as ``0.52×``: two decimals below 10, none above."""
    if value is None:
        return MISSING
    return f"{value:.0f}×" if value >= 10 else f"{value:.2f}×"


def fmt_ms(value: float | None) -> str:
    """Milliseconds: whole ones from 10 ms up, one decimal below."""
    if value is None:
        return MISSING
    return f"{value:.0f} ms" if value >= 10 else f"{value:.1f} ms"


def fmt_seconds(value: float | None) -> str:
    """Seconds with one decimal."""
    return MISSING if value is None else f"{value:.1f} s"


def fmt_bytes(value: float | None) -> str:
    """Bytes in kB or MB (powers of 1000, as browsers' network panels count)."""
    if value is None:
        return MISSING
    if value >= 1_000_000:
        return f"{value / 1_000_000:.2f} MB"
    if value >= 1000:
        return f"{value / 1000:.1f} kB"
    return f"{value:.0f} B"


def fmt_count(value: float | None) -> str:
    """A count, with thin thousands separators for readability."""
    return MISSING if value is None else f"{value:,.0f}".replace(",", " ")


def fmt_rows(rows: int) -> str:
    """A row count as a power of ten where it is one (``10^6``), else the number."""
    exponent = math.log10(rows) if rows > 0 else 0.5
    return f"10^{exponent:.0f}" if exponent.is_integer() else fmt_count(rows)


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], right: Iterable[int] = ()) -> str:
    """A markdown table; cells are shown as they are (None as ``–``), columns in ``right`` aligned right."""
    aligned = set(right)
    cells = [[MISSING if cell is None else str(cell).replace("|", "\\|") for cell in row] for row in rows]
    for row in cells:
        if len(row) != len(headers):
            raise ValueError(f"a row of {len(row)} cells under {len(headers)} headers: {row}")
    rule = ["---:" if i in aligned else "---" for i in range(len(headers))]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in cells]
    return "\n".join(lines)


def targets_table(targets: Sequence[Target]) -> str:
    """The targets, each with its ratio, limit and verdict."""
    rows = [(t.name, t.measured_text, t.limit_text, t.verdict, t.basis) for t in targets]
    return table(["target", "measured", "limit", "verdict", "basis"], rows, right=(1, 2))


# --- the run's results and RESULTS.md ---------------------------------------------------------------------------

#: the no-op chain's (or no-op callback's) key beside the views' slugs
NOOP = "no-op"
BASELINE = "baseline"
#: RESULTS.md keeps what stands between these markers from one run to the next (notes written by hand)
NOTES_START, NOTES_END = "<!-- notes: kept between runs -->", "<!-- end of notes -->"


def config_label(backend: str, rows: int) -> str:
    """``PostgreSQL 10^6``: a database backend with that many synthetic activity rows."""
    return f"{backend} {fmt_rows(rows)}"


@dataclass
class FirstLoadRow:
    """A page's cold loads: bytes and requests (medians) and time until every chart was drawn."""

    bytes: float | None
    requests: float | None
    ms: Summary
    graphs: int = 0


@dataclass
class LoadRow:
    """One load run and the single-user run before it, on the same server."""

    label: str
    users: int
    seconds: float
    requests: int
    errors: int
    latency: Summary
    single: Summary
    peak_rss_mb: list[float]
    idle_rss_mb: list[float]
    error_samples: list[str] = field(default_factory=list)

    @property
    def throughput(self) -> float:
        """Answered requests per second."""
        return self.requests / self.seconds if self.seconds else 0.0


@dataclass
class Results:
    """Everything one run measured; ``render`` turns it into RESULTS.md."""

    meta: dict[str, object]
    configs: list[tuple[str, int]] = field(default_factory=list)  # (backend, rows), in the order measured
    reference: tuple[str, int] | None = None  # where the first load and the headline interaction were measured
    target_configs: tuple[tuple[str, int], tuple[str, int]] | None = None  # (small, large) for the scale targets
    first_load: dict[str, FirstLoadRow] = field(default_factory=dict)  # BASELINE and view slugs
    demo_seconds: dict[str, float] = field(default_factory=dict)  # config label -> seconds of `demo`
    interaction: dict[str, dict[str, Summary]] = field(default_factory=dict)  # label -> {NOOP, slug: ms}
    #: of each filter change, the ms until the last figure had arrived (what the browser drew after is the rest)
    answered: dict[str, dict[str, Summary]] = field(default_factory=dict)
    callbacks: dict[str, dict[str, Summary]] = field(default_factory=dict)  # label -> {NOOP, slug: ms}
    load: list[LoadRow] = field(default_factory=list)  # the first on bundled data, the last at the largest size
    profile: list[str] = field(default_factory=list)
    profile_file: str | None = None
    notes: list[str] = field(default_factory=list)


def _worst(values: dict[str, float | None]) -> float | None:
    """The largest value (missing ones left out), None for none."""
    return max((v for v in values.values() if v is not None), default=None)


def _spread(values: dict[str, float | None]) -> str:
    """``worst: kaart; 0.98–1.21× over 7 views`` ("" when none was measured)."""
    known = {k: v for k, v in values.items() if v is not None}
    if not known:
        return ""
    worst = max(known, key=lambda k: known[k])
    low, high = min(known.values()), known[worst]
    return f"worst: {worst}; {fmt_ratio(low)}–{fmt_ratio(high)} over {len(known)} views"


def _p95(summary: Summary | None) -> float | None:
    return summary.p95 if summary else None


def _first_load_targets(results: Results) -> list[Target]:
    """Bytes and time of a first load, each view against the baseline app."""
    views = {k: v for k, v in results.first_load.items() if k != BASELINE}
    base = results.first_load.get(BASELINE)
    byte_ratios = {k: ratio(v.bytes, base.bytes if base else None) for k, v in views.items()}
    time_ratios = {k: ratio(v.ms.p50, base.ms.p50 if base else None) for k, v in views.items()}
    return [
        Target("first load: bytes ≤0.6× baseline", _worst(byte_ratios), 0.6, _spread(byte_ratios)),
        Target("first load: time to all charts (p50) ≤1.0× baseline", _worst(time_ratios), 1.0, _spread(time_ratios)),
    ]


def _interaction_targets(results: Results) -> list[Target]:
    """A filter change against the no-op chain at each size, and its growth from the small size to the large."""
    out: list[Target] = []
    small, large = results.target_configs or (None, None)
    if small == large:
        large = None  # one size only: no growth to judge
    for config in (small, large):
        if config is None:
            continue
        label = config_label(*config)
        measured = results.interaction.get(label, {})
        noop = _p95(measured.get(NOOP))
        ratios = {k: ratio(_p95(v), noop) for k, v in measured.items() if k != NOOP}
        out.append(Target(f"filter change p95 ≤3× no-op chain, {label}", _worst(ratios), 3.0, _spread(ratios)))
    if small and large:
        before = results.interaction.get(config_label(*small), {})
        after = results.interaction.get(config_label(*large), {})
        growth = {k: ratio(_p95(v), _p95(before.get(k))) for k, v in after.items() if k != NOOP}
        drift = ratio(_p95(after.get(NOOP)), _p95(before.get(NOOP)))
        out.append(
            Target(
                f"filter change p95 at {fmt_rows(large[1])} ≤1.2× at {fmt_rows(small[1])} ({large[0]})",
                _worst(growth),
                1.2,
                _spread(growth)
                + (f"; the no-op chain's own p95 moved {fmt_ratio(drift)} between the two" if drift else ""),
            )
        )
    return out


def _load_targets(results: Results) -> list[Target]:
    """Errors and latency under load, and the memory a worker grows to with the largest data."""
    out: list[Target] = []
    for run in results.load:
        out.append(zero_errors(f"load, {run.label}: zero errors", run.errors, run.requests))
        out.append(
            Target(
                f"load, {run.label}: p95 ≤5× single-user p95",
                ratio(run.latency.p95, run.single.p95),
                5.0,
                f"{fmt_ms(run.latency.p95)} vs {fmt_ms(run.single.p95)}",
            )
        )
    if len(results.load) >= 2:
        bundled, largest = results.load[0], results.load[-1]
        low, high = max(bundled.peak_rss_mb, default=None), max(largest.peak_rss_mb, default=None)
        out.append(
            Target(
                f"memory per worker ({largest.label}) ≤1.5× with the bundled data only",
                ratio(high, low),
                1.5,
                f"largest worker's peak {high:.0f} MB vs {low:.0f} MB" if high and low else "",
            )
        )
    return out


def targets(results: Results) -> list[Target]:
    """Issue 9's targets from the results; each is judged on the worst view."""
    return [*_first_load_targets(results), *_interaction_targets(results), *_load_targets(results)]


def _machine_lines(meta: dict[str, object]) -> list[str]:
    machine = meta.get("machine", {})
    versions = meta.get("versions", {})
    assert isinstance(machine, dict) and isinstance(versions, dict)
    return [
        f"- **Date**: {meta.get('date')}; command `{meta.get('command')}`; run took {fmt_seconds(meta.get('seconds'))}"  # type: ignore[arg-type]
        + (" (**quick**: smaller samples, sizes up to 10^5)" if meta.get("quick") else ""),
        f"- **Machine**: {machine.get('cpu')}, {machine.get('cores')} cores, {machine.get('ram')} RAM; "
        f"load average {machine.get('load_before')} before, {machine.get('load_after')} after. "
        "**Shared** with other work while measuring: absolute times are noisy; read the ratios, each measured "
        "side by side with its baseline in the same run, taking turns.",
        "- **Versions**: " + ", ".join(f"{k} {v}" for k, v in versions.items()),
    ]


def _first_load_table(results: Results) -> str:
    base = results.first_load.get(BASELINE)
    rows = []
    for key, row in results.first_load.items():
        rows.append(
            (
                "baseline (one bar chart)" if key == BASELINE else f"`{key}`",
                row.graphs,
                fmt_bytes(row.bytes),
                fmt_ratio(ratio(row.bytes, base.bytes if base else None)),
                fmt_count(row.requests),
                fmt_ratio(ratio(row.requests, base.requests if base else None)),
                f"{fmt_ms(row.ms.p50)} (n={row.ms.n})",
                fmt_ms(row.ms.p95),
                fmt_ratio(ratio(row.ms.p50, base.ms.p50 if base else None)),
            )
        )
    return table(
        ["page", "charts", "bytes", "× base", "requests", "× base", "all charts drawn, p50", "p95", "× base (p50)"],
        rows,
        right=range(1, 9),
    )


def _interaction_table(measured: dict[str, Summary], answered: dict[str, Summary]) -> str:
    noop = measured.get(NOOP)
    rows = []
    for key, summary in measured.items():
        served = answered.get(key)
        rows.append(
            (
                "no-op chain (baseline)" if key == NOOP else f"`{key}`",
                summary.n,
                fmt_ms(summary.p50),
                fmt_ms(summary.p95),
                fmt_ratio(ratio(summary.p50, noop.p50 if noop else None)),
                fmt_ratio(ratio(summary.p95, noop.p95 if noop else None)),
                fmt_ms(served.p50 if served else None),
            )
        )
    headers = ["view", "changes", "p50", "p95", "p50 × no-op", "p95 × no-op", "last figure arrived, p50"]
    return table(headers, rows, right=range(1, 7))


def _scale_table(results: Results, measured: dict[str, dict[str, Summary]], pick: str) -> str:
    """Rows: views (and the no-op); columns: each configuration's ``pick`` (p50 or p95) and its ratio to the no-op."""
    labels = [config_label(*c) for c in results.configs if config_label(*c) in measured]
    keys: list[str] = []
    for label in labels:
        keys += [k for k in measured[label] if k not in keys]
    keys.sort(key=lambda k: k != NOOP)
    rows = []
    for key in keys:
        cells: list[object] = ["no-op (baseline)" if key == NOOP else f"`{key}`"]
        for label in labels:
            summary = measured[label].get(key)
            noop = measured[label].get(NOOP)
            value = getattr(summary, pick) if summary else None
            base = getattr(noop, pick) if noop else None
            cells.append(fmt_ms(value) if key == NOOP else f"{fmt_ms(value)} ({fmt_ratio(ratio(value, base))})")
        rows.append(cells)
    return table(["", *labels], rows, right=range(1, len(labels) + 1))


def _growth_table(results: Results, measured: dict[str, dict[str, Summary]], pick: str) -> str:
    """Per backend, each size's ``pick`` as a multiple of the smallest size's ("" with one size only)."""
    by_backend: dict[str, list[int]] = {}
    for backend, rows in results.configs:
        if config_label(backend, rows) in measured:
            by_backend.setdefault(backend, []).append(rows)
    headers, columns = [""], []
    for backend, sizes in by_backend.items():
        for rows in sizes[1:]:
            headers.append(f"{backend} {fmt_rows(rows)} / {fmt_rows(sizes[0])}")
            columns.append((config_label(backend, rows), config_label(backend, sizes[0])))
    if not columns:
        return ""
    keys = sorted({k for m in measured.values() for k in m}, key=lambda k: (k != NOOP, k))
    rows_out = []
    for key in keys:
        cells: list[object] = ["no-op (baseline)" if key == NOOP else f"`{key}`"]
        for large, small in columns:
            a, b = measured[large].get(key), measured[small].get(key)
            cells.append(fmt_ratio(ratio(getattr(a, pick) if a else None, getattr(b, pick) if b else None)))
        rows_out.append(cells)
    return table(headers, rows_out, right=range(1, len(headers)))


def _load_table(results: Results) -> str:
    rows = []
    for run in results.load:
        rows.append(
            (
                run.label,
                f"{run.users} × {run.seconds:.0f} s",
                fmt_count(run.requests),
                f"{run.throughput:.1f}/s",
                fmt_count(run.errors),
                fmt_ms(run.latency.p50),
                fmt_ms(run.latency.p95),
                fmt_ms(run.latency.p99),
                fmt_ms(run.single.p95),
                fmt_ratio(ratio(run.latency.p95, run.single.p95)),
                " / ".join(f"{mb:.0f}" for mb in run.idle_rss_mb),
                " / ".join(f"{mb:.0f}" for mb in run.peak_rss_mb),
            )
        )
    return table(
        [
            "data",
            "users × time",
            "requests",
            "throughput",
            "errors",
            "p50",
            "p95",
            "p99",
            "single-user p95",
            "p95 × single",
            "RSS per worker idle (MB)",
            "RSS per worker peak (MB)",
        ],
        rows,
        right=range(2, 12),
    )


METHOD = """\
- **Servers**: the dashboard as `sze-dashboard serve --workers N` runs it (gunicorn, sync workers) and the baseline
  (`benchmarks/baseline_app.py`: `/` one bar chart, `/chain/` the no-op chain URL → Store → Graph) under gunicorn
  with the same settings and worker count, both up at once; requests to the two take turns.
- **First load**: a fresh headless Chromium (empty profile and cache) per load; bytes are the network log's
  `encodedDataLength` (compressed, headers included), requests every request the page made; the time is
  `performance.now()` (from navigation start) of the last change inside any chart or the last figure answer, once
  no callback is pending, nothing is loading, every chart has its SVG and nothing moved for 250 ms.
- **Filter change**: in an open page, the URL's query is replaced (`history.pushState` and Dash's own location
  event, as a `dcc.Link` does) by the next of 30 region × edition combinations; timed in the page from the change
  to the last chart change or figure answer, same settling rule; the no-op chain gets the same query right after.
- **Single callback**: each view's update callback as the browser recorded it, POSTed over HTTP one at a time,
  taking turns with the baseline chain's Store → Graph callback.
- **Load**: threads replaying the browser's recorded requests with no think time (30 % first loads: page, layout,
  dependencies and every callback; 70 % filter changes), against 4 workers; errors are answers other than
  200/204, failed connections and callbacks that answered with the error alert; memory is each worker's VmRSS
  from /proc, read twice a second. The single-user p95 is the same replay with one user on the same server just
  before.
- **Profile**: the slowest view update at the largest size, in this process through Flask's test client, under
  cProfile (which inflates Python-heavy code against C and the database)."""


def render(results: Results, kept_notes: str = "") -> str:
    """RESULTS.md."""
    meta = results.meta
    parts = ["# Benchmarks (issue 9)", "", *_machine_lines(meta), "", "## Targets", "", targets_table(targets(results))]
    if results.first_load:
        where = f" on {config_label(*results.reference)}" if results.reference else ""
        parts += ["", f"## First load (cold cache){where}", "", _first_load_table(results)]
    if results.reference and config_label(*results.reference) in results.interaction:
        label = config_label(*results.reference)
        parts += [
            "",
            f"## Filter change until every chart has updated, {label}",
            "",
            _interaction_table(results.interaction[label], results.answered.get(label, {})),
            "",
            "*Last figure arrived*: from the change until the last callback answer holding a figure was read in full;"
            " the rest, up to *p50*, is the browser drawing the charts.",
        ]
    for measured, pick, title in (
        (results.interaction, "p95", "filter change p95 (× the no-op chain's p95 in the same configuration)"),
        (results.callbacks, "p50", "single view-update callback over HTTP, p50 (× the no-op callback's p50)"),
    ):
        if not measured:
            continue
        parts += ["", f"## Scale: {title}", "", _scale_table(results, measured, pick)]
        growth = _growth_table(results, measured, pick)
        if growth:
            parts += ["", f"Growth with size ({pick} at the larger size ÷ {pick} at the smallest):", "", growth]
    if results.demo_seconds:
        parts += [
            "",
            "Generating the data (`sze-dashboard demo --activities N`): "
            + "; ".join(f"{label} {fmt_seconds(s)}" for label, s in results.demo_seconds.items())
            + ".",
        ]
    if results.load:
        parts += ["", "## Load against 4 workers", "", _load_table(results)]
        for run in results.load:
            if run.error_samples:
                parts += ["", f"First errors ({run.label}):", *(f"- `{e[:200]}`" for e in run.error_samples)]
    if results.profile:
        where = f" (`{results.profile_file}`)" if results.profile_file else ""
        parts += ["", f"## Where the slowest callback's time goes{where}", "", *results.profile]
    if results.notes:
        parts += ["", "## Problems met during this run", "", *(f"- {note}" for note in results.notes)]
    parts += ["", "## How it was measured", "", METHOD]
    parts += ["", "## Notes", "", NOTES_START, kept_notes.strip("\n"), NOTES_END, ""]
    return "\n".join(parts)


def kept_notes(previous: str) -> str:
    """The hand-written notes of an earlier RESULTS.md (what stands between the markers), or nothing."""
    if NOTES_START in previous and NOTES_END in previous:
        return previous.split(NOTES_START, 1)[1].split(NOTES_END, 1)[0]
    return ""


def results_from_json(data: dict[str, Any]) -> Results:
    """Results as ``Run.write`` saved them (``asdict``), for rendering RESULTS.md again without measuring."""

    def summaries(by_label: dict[str, dict[str, dict[str, Any]]]) -> dict[str, dict[str, Summary]]:
        return {label: {k: Summary(**v) for k, v in row.items()} for label, row in by_label.items()}

    def config(value: list[Any] | None) -> tuple[str, int] | None:
        return (str(value[0]), int(value[1])) if value else None

    targets = data.get("target_configs")
    return Results(
        meta=data["meta"],
        configs=[(str(b), int(r)) for b, r in data.get("configs", [])],
        reference=config(data.get("reference")),
        target_configs=(config(targets[0]), config(targets[1])) if targets else None,  # type: ignore[arg-type]
        first_load={
            k: FirstLoadRow(v["bytes"], v["requests"], Summary(**v["ms"]), v.get("graphs", 0))
            for k, v in data.get("first_load", {}).items()
        },
        demo_seconds=data.get("demo_seconds", {}),
        interaction=summaries(data.get("interaction", {})),
        answered=summaries(data.get("answered", {})),
        callbacks=summaries(data.get("callbacks", {})),
        load=[
            LoadRow(**{**row, "latency": Summary(**row["latency"]), "single": Summary(**row["single"])})
            for row in data.get("load", [])
        ],
        profile=data.get("profile", []),
        profile_file=data.get("profile_file"),
        notes=data.get("notes", []),
    )
