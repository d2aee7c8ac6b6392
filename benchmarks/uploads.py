"""``python -m benchmarks.uploads [--quick]``: what checking and importing an editor's export costs (issue 18),
side by side with reading the same file with openpyxl alone, and the targets in ``UPLOADS.md``.

For 10,000 and 100,000 rows of activities (the template filled in, as an editor's Excel saves it), each measured
in a fresh process of its own, taking turns with the baseline, ``REPEATS`` times:

- **openpyxl alone** (the baseline): ``load_workbook(read_only=True)`` and every row's values, nothing else;
- **check**: what /beheer's background job does with the upload: read it (python-calamine), check every cell,
  compare with the database (``ingest.importer.preview``);
- **import**: ``import_file`` into a copy of a database with the bundled data: read, check, store in one
  transaction with its history.

Time is the step itself, after the process has started and built the places gazetteer (``sze-dashboard serve``
builds it once before it forks, so a check's process inherits it). Memory is the process's peak resident size
during the step (Linux's ``VmHWM``, reset just before it through ``/proc/self/clear_refs``): what the step holds
on top of what the process held before it (its imports and, for ours, the gazetteer), the baseline's alike.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks import environment
from benchmarks.report import Target, fmt_ratio, table, targets_table

RESULTS = Path(__file__).with_name("UPLOADS.md")
SIZES = (10_000, 100_000)
REPEATS = 3
STEPS = ("openpyxl", "check", "import")
#: for the largest file (100,000 rows, the most /beheer takes): checking it takes no longer than reading it with
#: openpyxl alone, importing it (check and store) at most half as long again
TIME_LIMITS = {"check": 1.0, "import": 1.5}
#: and its process holds at most this much at its peak (MB): the job runs beside the workers, on a small server
#: with a gigabyte or two. openpyxl's read-only mode streams the rows; the check holds them all, to name every
#: problem and compare the edition whole, so its memory is a budget rather than a multiple of the baseline's
MEMORY_BUDGET_MB = {"check": 512, "import": 512}

#: rows as an editor fills the template in: known places, days of the 2021 edition, Dutch numbers as text
_PLACES = ("'s-Gravenhage", "Súdwest-Fryslân", "Hengelo (Gelderland)", "Roosendaal", "Groningen", "Utrecht")
_DAYS = ("09-02-2021", "16-02-2021", "02-02-2021", "23-02-2021", "10-02-2021", "11-02-2021")


def write_export(path: Path, rows: int) -> Path:
    """An activities export of ``rows`` distinct, valid rows in the template's columns."""
    from openpyxl import Workbook

    from ingest.importer.columns import KINDS

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Activiteiten")
    sheet.append([f.heading for f in KINDS["activities"].fields])
    for n in range(rows):
        place, day = _PLACES[n % len(_PLACES)], _DAYS[n % len(_DAYS)]
        sheet.append([f"Activiteit {n}", f"Organisator {n % 97}", day, place, "online", "ggz", "voorkomen", n % 500, 1])
    workbook.save(path)
    return path


def _status(field: str) -> float:
    """A size from /proc/self/status, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def _reset_peak() -> None:
    """Start the peak resident size over from what is resident now (Linux: 5 to clear_refs)."""
    Path("/proc/self/clear_refs").write_text("5")


def _measure(step: str, path: Path, database: str) -> dict[str, float]:
    """In this (fresh) process: the seconds ``step`` takes on ``path``, the resident MB before it and the peak."""
    before = _status("VmRSS")
    _reset_peak()
    started = time.perf_counter()
    _step(step, path, database)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "before": before, "peak": _status("VmHWM")}


def _prepare(step: str) -> None:
    """What the process has before the step: the libraries the step uses, and (ours) the places gazetteer."""
    if step == "openpyxl":
        import openpyxl  # noqa: F401
    else:
        import ingest.importer.preview  # noqa: F401
        from ingest.places import gazetteer

        gazetteer()


def _step(step: str, path: Path, database: str) -> None:
    if step == "openpyxl":
        from openpyxl import load_workbook

        workbook = load_workbook(path, read_only=True, data_only=True)
        for _ in workbook.worksheets[0].iter_rows(values_only=True):
            pass
        return
    from data_access.engine import make_engine
    from ingest.importer import KINDS, import_file
    from ingest.importer import upload as files
    from ingest.importer.preview import preview
    from ingest.reference import read_reference

    engine = make_engine(database)
    if step == "import":
        import_file(engine, "activities", path, user="benchmark")
    else:
        upload = files.Upload(path.read_bytes(), path.name)
        sheet = files.read(upload)
        with engine.connect() as conn:
            parsed = files.check(KINDS["activities"], sheet, read_reference(conn), "nl")
            preview(conn, KINDS["activities"], parsed)


def _run_one(step: str, path: Path, database: str) -> tuple[float, float]:
    """``step`` in a process of its own: (seconds, peak resident MB during it)."""
    command = [sys.executable, "-m", "benchmarks.uploads", "--measure", step, str(path), database]
    done = subprocess.run(command, stdout=subprocess.PIPE, check=True, env={**os.environ, "PYTHONHASHSEED": "0"})
    found = json.loads(done.stdout)
    return float(found["seconds"]), float(found["peak"])


def _database(folder: Path) -> Path:
    """A SQLite file with the bundled data, to copy for each import."""
    from data_access.engine import make_engine
    from ingest.loader import load_bundled

    path = folder / "bundled.db"
    engine = make_engine(f"sqlite:///{path}")
    load_bundled(engine, force=True)
    engine.dispose()
    return path


def measure(sizes: Sequence[int], repeats: int) -> dict[str, dict[str, list[list[float]]]]:
    """{rows: {step: [[seconds, MB], ...]}}, the steps taking turns."""
    results: dict[str, dict[str, list[list[float]]]] = {}
    with tempfile.TemporaryDirectory(prefix="sze-uploads-") as tmp:
        folder = Path(tmp)
        bundled = _database(folder)
        for rows in sizes:
            export = write_export(folder / f"activiteiten-{rows}.xlsx", rows)
            found: dict[str, list[list[float]]] = {step: [] for step in STEPS}
            for turn in range(repeats):
                for step in STEPS:
                    copy = folder / f"run-{rows}-{turn}-{step}.db"
                    shutil.copy(bundled, copy)
                    seconds, peak = _run_one(step, export, f"sqlite:///{copy}")
                    found[step].append([seconds, peak])
                    print(f"{rows} rows, {step}: {seconds:.2f} s, {peak:.0f} MB", flush=True)
            results[str(rows)] = found
    return results


def _median(runs: list[list[float]], index: int) -> float:
    return statistics.median(run[index] for run in runs)


def targets(results: dict[str, dict[str, list[list[float]]]]) -> list[Target]:
    """The targets for the largest file: each step's median time and peak memory against openpyxl alone."""
    largest = results[str(max(int(rows) for rows in results))]
    found = []
    for step, limit in TIME_LIMITS.items():
        ratio = _median(largest[step], 0) / _median(largest["openpyxl"], 0)
        found.append(Target(f"{step}: time ≤{limit:g}× openpyxl alone", ratio, limit, "median of the runs"))
    for step, budget in MEMORY_BUDGET_MB.items():
        peak = _median(largest[step], 1)
        shown = f"{peak:.0f} MB"
        basis = f"median peak RSS during the step; openpyxl alone {_median(largest['openpyxl'], 1):.0f} MB"
        found.append(Target(f"{step}: peak memory ≤{budget} MB", peak / budget, 1.0, basis, shown, f"{budget} MB"))
    return found


def render(results: dict[str, dict[str, list[list[float]]]], seconds: float) -> str:
    """UPLOADS.md from the results."""
    machine = environment.machine()
    rows = []
    for size, found in results.items():
        base_time, base_memory = _median(found["openpyxl"], 0), _median(found["openpyxl"], 1)
        for step in STEPS:
            time_, memory = _median(found[step], 0), _median(found[step], 1)
            rows.append(
                [
                    f"{int(size):,}".replace(",", "."),
                    "openpyxl alone (baseline)" if step == "openpyxl" else step,
                    f"{time_:.2f} s",
                    fmt_ratio(time_ / base_time),
                    f"{memory:.0f} MB",
                    fmt_ratio(memory / base_memory),
                    str(len(found[step])),
                ]
            )
    heads = ["rows", "step", "time (median)", "× openpyxl", "peak memory (median)", "× openpyxl", "runs"]
    return "\n".join(
        [
            "# Checking and importing an upload (issue 18)",
            "",
            f"- **Date**: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; command `python -m benchmarks.uploads`;"
            f" run took {seconds:.0f} s",
            f"- **Machine**: {machine.get('cpu', '')}, {machine.get('cores', '')} cores, {machine.get('ram', '')} RAM;"
            f" load average {environment.load_average()} after",
            "- **What**: see `benchmarks/uploads.py`: each step in a fresh process, taking turns with the baseline;"
            " time without the process's start and the places gazetteer (built before a check's process forks),"
            " memory the process's peak resident size during the step.",
            "",
            "## Targets (100.000 rows)",
            "",
            targets_table(targets(results)),
            "",
            "## Measured",
            "",
            table(heads, rows, right=(0, 2, 3, 4, 5, 6)),
            "",
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.uploads", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1,000 and 10,000 rows, one run each (not written)")
    parser.add_argument("--measure", nargs=3, metavar=("STEP", "FILE", "DATABASE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        step, path, database = args.measure
        _prepare(step)
        print(json.dumps(_measure(step, Path(path), database)))
        return 0
    started = time.perf_counter()
    results = measure((1_000, 10_000) if args.quick else SIZES, 1 if args.quick else REPEATS)
    text = render(results, time.perf_counter() - started)
    if args.quick:
        print(text)
        return 0
    RESULTS.write_text(text, encoding="utf-8")
    print(f"Wrote {RESULTS}")
    failed = [target for target in targets(results) if not target.met]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
