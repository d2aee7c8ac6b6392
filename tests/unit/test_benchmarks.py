"""The benchmarks' arithmetic and RESULTS.md, on made-up numbers: no server, no browser, no benchmark is run."""

from __future__ import annotations

import importlib
import itertools
import json
import pkgutil
from dataclasses import asdict

import pytest

import benchmarks
from benchmarks import baseline_app, browser, profiling, run
from benchmarks.report import (
    BASELINE,
    NOOP,
    FirstLoadRow,
    LoadRow,
    Results,
    Summary,
    Target,
    fmt_ratio,
    kept_notes,
    percentile,
    ratio,
    render,
    results_from_json,
    table,
    targets,
    zero_errors,
)


def test_every_benchmark_module_imports():
    names = [m.name for m in pkgutil.iter_modules(benchmarks.__path__) if m.name != "__main__"]
    assert {"baseline_app", "browser", "load", "profiling", "report", "run", "servers"} <= set(names)
    for name in names:
        importlib.import_module(f"benchmarks.{name}")


def test_percentiles_interpolate_between_ranks_and_skip_missing_samples():
    samples = list(range(1, 101))
    assert percentile(samples, 50) == pytest.approx(50.5)
    assert percentile(samples, 95) == pytest.approx(95.05)
    assert percentile([7.0], 99) == 7.0
    assert percentile([], 50) is None
    summary = Summary.of([10.0, None, 30.0])  # type: ignore[list-item]
    assert (summary.n, summary.p50, summary.mean) == (2, 20.0, 20.0)


def test_a_ratio_needs_both_numbers_and_a_positive_baseline():
    assert ratio(3.0, 2.0) == 1.5
    assert ratio(None, 2.0) is None
    assert ratio(3.0, 0.0) is None


def test_targets_say_met_missed_or_not_measured_with_the_ratio():
    assert Target("bytes", 0.52, 0.6).verdict == "met (0.52× ≤ 0.60×)"
    assert Target("time", 1.8, 1.0).verdict == "missed (1.80× > 1.00×)"
    assert Target("time", None, 1.0).verdict == "not measured"
    assert zero_errors("load", 0, 1200).met is True
    assert zero_errors("load", 3, 1200).met is False
    assert zero_errors("load", 3, 1200).measured_text == "3 of 1200"
    assert fmt_ratio(12.4) == "12×"


def test_the_table_formatter_aligns_escapes_and_refuses_ragged_rows():
    text = table(["view", "p95"], [("a|b", "12 ms"), ("c", None)], right=[1])
    assert text.splitlines() == ["| view | p95 |", "| --- | ---: |", "| a\\|b | 12 ms |", "| c | – |"]
    with pytest.raises(ValueError):
        table(["one", "two"], [("only one",)])


def _made_up() -> Results:
    """A run's results with round numbers: the dashboard is 1.1× the baseline's bytes, its worst view 4× the
    no-op at 10^4 and twice as slow at 10^6, the load run 6× the single user, and memory 1.2×."""
    small, large = ("PostgreSQL", 10**4), ("PostgreSQL", 10**6)

    def ms(value: float) -> Summary:
        return Summary(n=50, p50=value / 2, p95=value, p99=value, mean=value / 2)

    return Results(
        meta={"date": "2026-01-01", "command": "python -m benchmarks", "quick": False, "seconds": 60.0},
        configs=[small, large],
        reference=small,
        target_configs=(small, large),
        first_load={
            BASELINE: FirstLoadRow(1_000_000, 15, ms(1000), 1),
            "kaart": FirstLoadRow(1_100_000, 37, ms(900), 1),
            "trends": FirstLoadRow(1_050_000, 34, ms(1200), 1),
        },
        interaction={
            "PostgreSQL 10^4": {NOOP: ms(50), "kaart": ms(200), "trends": ms(100)},
            "PostgreSQL 10^6": {NOOP: ms(50), "kaart": ms(400), "trends": ms(110)},
        },
        callbacks={
            "PostgreSQL 10^4": {NOOP: ms(5), "kaart": ms(40)},
            "PostgreSQL 10^6": {NOOP: ms(5), "kaart": ms(80)},
        },
        load=[
            LoadRow("bundled", 50, 60, 3000, 0, ms(600), ms(100), [100.0, 110.0], [90.0, 95.0]),
            LoadRow("10^6 rows", 50, 60, 2000, 2, ms(600), ms(100), [130.0, 132.0], [90.0, 95.0], ["500 x"]),
        ],
        profile=["- most of it in SQL"],
        profile_file="profile-detail.txt",
    )


def test_targets_are_judged_on_the_worst_view():
    verdicts = {t.name: t for t in targets(_made_up())}
    assert verdicts["first load: bytes ≤0.6× baseline"].ratio == pytest.approx(1.1)
    assert verdicts["first load: time to all charts (p50) ≤1.0× baseline"].ratio == pytest.approx(1.2)
    assert verdicts["filter change p95 ≤3× no-op chain, PostgreSQL 10^4"].ratio == pytest.approx(4.0)
    assert verdicts["filter change p95 at 10^6 ≤1.2× at 10^4 (PostgreSQL)"].ratio == pytest.approx(2.0)
    assert verdicts["load, 10^6 rows: zero errors"].met is False
    assert verdicts["load, bundled: p95 ≤5× single-user p95"].ratio == pytest.approx(6.0)
    assert verdicts["memory per worker (10^6 rows) ≤1.5× with the bundled data only"].ratio == pytest.approx(1.2)
    assert [t.met for t in verdicts.values()].count(True) == 2  # bundled errors and memory


def test_results_md_has_every_section_and_keeps_the_hand_written_notes():
    text = render(_made_up(), kept_notes(render(_made_up(), "\nmeasured while CI ran\n")))
    for heading in ("## Targets", "## First load", "## Filter change", "## Scale", "## Load", "## Where the slowest"):
        assert heading in text
    assert "| `kaart` | 200 ms (4.00×) | 400 ms (8.00×) |" in text
    assert text.count("measured while CI ran") == 1


def test_results_saved_as_json_render_the_same_again():
    saved = json.loads(json.dumps(asdict(_made_up())))
    assert render(results_from_json(saved)) == render(_made_up())


def test_filter_changes_never_repeat_back_to_back_nor_start_where_the_page_opened():
    queries = run.searches("kaart", 75)
    assert len(queries) == 75
    assert queries[0] != ""  # the page opens on its own path without a query
    assert all(a != b for a, b in itertools.pairwise(queries))
    # the view is the page's path: a change is the filters alone
    assert all(q == "" or (q.startswith("?") and "tab=" not in q) for q in queries)


def test_the_baseline_chain_redraws_its_chart_from_the_url():
    assert baseline_app.select("?regio=zuid") == {"search": "?regio=zuid"}
    drawn = baseline_app.draw({"search": "?regio=zuid"})
    assert drawn.layout.title.text == "?regio=zuid"
    assert baseline_app.bar_chart("?a").data[0].y != baseline_app.bar_chart("?b").data[0].y


def test_profile_time_is_filed_under_what_it_was_spent_on():
    assert profiling.category("/venv/sqlalchemy/engine/base.py:execute").startswith("SQL")
    assert profiling.category("~:<method 'execute' of 'sqlite3.Cursor' objects>").startswith("SQL")
    assert profiling.category("/venv/plotly/io/_json.py:to_json_plotly") == "JSON serialisation"
    assert profiling.category("/venv/plotly/basedatatypes.py:__init__").startswith("plotly")
    assert profiling.category("/venv/pandas/core/frame.py:__init__") == "pandas and numpy"
    assert profiling.category("/work/wt/callbacks/detail.py:update").startswith("the dashboard's own")


def test_bytes_and_requests_come_from_the_network_log():
    def entry(method: str, **params) -> dict:
        return {"message": json.dumps({"message": {"method": method, "params": params}})}

    log = [
        entry("Network.requestWillBeSent", requestId="1", request={"url": "http://x/"}),
        entry("Network.requestWillBeSent", requestId="2", request={"url": "data:image/png;base64,AA"}),
        entry("Network.loadingFinished", requestId="1", encodedDataLength=1200),
        entry("Network.loadingFinished", requestId="2", encodedDataLength=99),
    ]
    assert browser.network_totals(log) == (1200, 1)


def test_the_baseline_names_its_location_as_the_dashboard_does():
    """A change sets the query on the Location by the dashboard's id (benchmarks.browser.Page.change), on both apps."""
    from layouts import ids

    assert baseline_app.URL == ids.URL


def test_the_upload_benchmark_measures_a_file_the_importer_takes_whole(tmp_path, filled_db_url):
    """Its export is valid (else it would time the refusal), and a target reads as a budget where it is one."""
    from benchmarks import uploads
    from data_access.engine import make_engine
    from ingest.importer import import_file

    engine = make_engine(filled_db_url)
    result = import_file(engine, "activities", uploads.write_export(tmp_path / "export.xlsx", 240))
    assert [change.rows for change in result.changes] == [240]
    runs = {"openpyxl": [[2.0, 40.0]], "check": [[1.0, 300.0]], "import": [[4.0, 600.0]]}
    found = {target.name: target for target in uploads.targets({"100000": runs})}
    assert found["check: time ≤1× openpyxl alone"].met and not found["import: time ≤1.5× openpyxl alone"].met
    assert found["check: peak memory ≤512 MB"].met and found["check: peak memory ≤512 MB"].measured_text == "300 MB"
    assert not found["import: peak memory ≤512 MB"].met


def test_the_paint_profile_is_summed_by_script_per_click_and_idle_time_is_left_out():
    from benchmarks import paint

    profile = {
        "nodes": [
            {
                "id": 1,
                "callFrame": {
                    "url": "http://x/_dash-component-suites/dash/dash-renderer/build/dash_renderer.min.js",
                    "functionName": "a",
                },
            },
            {
                "id": 2,
                "callFrame": {
                    "url": "http://x/_dash-component-suites/dash/deps/react-dom@18.3.1.min.js",
                    "functionName": "b",
                },
            },
            {"id": 3, "callFrame": {"url": "http://x/assets/plotly-sze.min.js", "functionName": "c"}},
            {"id": 4, "callFrame": {"url": "", "functionName": "(idle)"}},
            {"id": 5, "callFrame": {"url": "http://x/assets/a11y.js", "functionName": "d"}},
        ],
        "samples": [1, 1, 2, 3, 4, 5],
        "timeDeltas": [1000, 3000, 2000, 4000, 90000, 2000],  # microseconds
    }
    summary = paint.summarise_profile(profile, clicks=2)
    # plotly's bundle is served from /assets/ here: plotly, not the project's own JS
    assert summary == {"Dash renderer": 2.0, "plotly": 2.0, "React": 1.0, "project JS": 1.0}
    row = {
        "view": "kaart",
        "clicks": 12,
        "paint_p50": 90.0,
        "paint_p95": 120.0,
        "answer_p50": 40.0,
        "requests_per_click": 3,
        "baseline_paint_p50": 30.0,
        "newplot_ms": 25.0,
        "graphs": 1,
        "dom_nodes": 600,
        "floor_ms": 55.0,
        "ratio": 2.18,
        "profile": summary,
        "baseline_profile": {"plotly": 1.0},
    }
    written = paint.render(
        [row], {"date": "d", "activities": 2000, "clicks": 12, "machine": "m", "versions": "v"}, "kept notes"
    )
    assert "| `kaart` | 90 ms | 120 ms | 40 ms | 3 | 1 | 25 ms | 30 ms | 55 ms | 2.18× | missed |" in written
    assert written.rstrip().endswith("kept notes")
