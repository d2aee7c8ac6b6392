"""Loading is all or nothing, and every problem is named by file, line and column."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select

from data_access import schema
from data_access.engine import make_engine
from data_access.queries import dataset_loaded_at
from ingest.bundled import data_dir
from ingest.loader import DatasetError, load_bundled, province_centroids, read_dataset


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(str(data_dir()), target)
    return target


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_every_problem_is_named_by_line_and_column(data_copy: Path):
    _replace(data_copy / "figures.csv", "2022,,,activiteiten,300,", "2022,,,activiteiten,drie honderd,")
    _replace(data_copy / "figures.csv", "ruim,ruim 3500,kamerbrief-2022", "ruim,3500,kamerbrief-2022")
    _replace(
        data_copy / "evaluations.csv",
        "2022,cijfer,8.0,exact,een 8.0,De SZE 2022 als geheel,deelnemers (evaluatie),kamerbrief-2022",
        "2022,cijfer,8.0,exact,een 8.0,De SZE 2022 als geheel,deelnemers (evaluatie),onbekende-bron",
    )
    with pytest.raises(DatasetError) as caught:
        read_dataset(data_copy)
    messages = [str(p) for p in caught.value.problems]
    assert any(m.startswith("figures.csv, line 10, column 'value'") and "drie honderd" in m for m in messages)
    assert any(m.startswith("figures.csv, line 11, column 'published_text'") and "ruim" in m for m in messages)
    assert any(m.startswith("evaluations.csv, line 5, column 'source_id'") for m in messages)
    assert len(messages) == 3


def test_a_missing_column_is_named(data_copy: Path):
    _replace(data_copy / "sources.csv", "published_label,", "gepubliceerd,")
    with pytest.raises(DatasetError) as caught:
        read_dataset(data_copy)
    assert "sources.csv, line 1, column 'published_label': column is missing" in str(caught.value)


def test_a_failed_load_leaves_the_database_as_it_was(tmp_path: Path, data_copy: Path):
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    load_bundled(engine)
    with engine.connect() as conn:
        before = conn.execute(select(func.count()).select_from(schema.figures)).scalar_one()
    _replace(data_copy / "figures.csv", "2021,zuid,4,deelsessies,11,", "2021,zuid,4,deelsessies,elf,")
    with pytest.raises(DatasetError):
        load_bundled(engine, force=True, folder=data_copy)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(schema.figures)).scalar_one() == before


def test_loading_twice_changes_nothing(tmp_path: Path):
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    first = load_bundled(engine)
    assert first is not None and first["figures.csv"] == 22
    assert load_bundled(engine) is None
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(schema.figures)).scalar_one() == 22


def _problems(folder: Path) -> list[str]:
    with pytest.raises(DatasetError) as caught:
        read_dataset(folder)
    message = str(caught.value)
    assert message.startswith(f"{len(caught.value.problems)} problem(s) in the dataset, nothing was loaded:\n  - ")
    assert message.count("\n  - ") == len(caught.value.problems)  # one line per problem
    return [str(p) for p in caught.value.problems]


def test_a_missing_file_and_an_unknown_column_are_named(data_copy: Path):
    (data_copy / "places.csv").unlink()
    _replace(data_copy / "regions.csv", "region,name,", "region,naam_extra,name,")
    problems = _problems(data_copy)
    assert "places.csv, line 0, column '-': file is missing" in problems
    assert "regions.csv, line 1, column 'naam_extra': unknown column" in problems


def test_a_file_that_is_not_utf8_is_named(data_copy: Path):
    (data_copy / "metrics.csv").write_bytes("metric,programme\nactiviteiten,sze\ncaf\xe9\n".encode("latin-1"))
    problems = _problems(data_copy)
    assert any(p.startswith("metrics.csv, line 1, column '-': not readable as UTF-8 CSV") for p in problems)


def test_empty_required_cells_duplicates_and_unknown_references_are_named(data_copy: Path):
    _replace(data_copy / "regions.csv", "oost,Oost,", "oost,,")
    _replace(data_copy / "regions.csv", "west,West,", "noord,West,")
    _replace(data_copy / "edition_weeks.csv", "2021,2,west,", "2021,1,west,")
    _replace(data_copy / "figures.csv", "2022,,,activiteiten,300,", "2022,,,activiteitn,300,")
    problems = _problems(data_copy)
    assert "regions.csv, line 3, column 'name': is empty" in problems
    assert "regions.csv, line 4, column 'region': 'noord' appears twice" in problems
    assert "edition_weeks.csv, line 3, column 'edition, week': (2021, 1) appears twice" in problems
    assert "figures.csv, line 10, column 'metric': 'activiteitn' is not in metrics.csv" in problems


def test_allowed_values_and_ranges_come_from_the_schema(data_copy: Path):
    _replace(data_copy / "edition_weeks.csv", "2021,4,zuid,", "2021,6,zuid,")
    _replace(data_copy / "editions.csv", "2021,sze,", "2021,szе,")  # a Cyrillic 'е'
    _replace(data_copy / "editions.csv", ",1,kamerbrief-2021", ",ja,kamerbrief-2021")
    problems = _problems(data_copy)
    assert "edition_weeks.csv, line 5, column 'week': '6' is not between 1 and 5" in problems
    assert any(
        p.startswith("editions.csv, line 6, column 'programme': 'szе' is not one of sze, ehealthweek") for p in problems
    )
    assert "editions.csv, line 6, column 'has_totals': 'ja' is not 0 or 1" in problems


def test_a_weekly_figure_needs_its_region(data_copy: Path):
    _replace(data_copy / "figures.csv", "2021,zuid,4,deelsessies,11,", "2021,,4,deelsessies,11,")
    assert _problems(data_copy) == [
        "figures.csv, line 9, column 'region': a weekly figure needs the region of that week"
    ]


def test_province_centres_are_the_centre_of_the_largest_part():
    # provinces are a fraction of a square degree: so are these
    square = [[[5.0, 52.0], [5.2, 52.0], [5.2, 52.2], [5.0, 52.2], [5.0, 52.0]]]
    island = [[[4.0, 53.0], [4.05, 53.0], [4.05, 53.05], [4.0, 53.05], [4.0, 53.0]]]
    geojson = {
        "features": [
            {"properties": {"name": "Vierkant"}, "geometry": {"type": "Polygon", "coordinates": square}},
            {
                "properties": {"name": "Met eiland"},
                "geometry": {"type": "MultiPolygon", "coordinates": [island, square]},
            },
        ]
    }
    centres = province_centroids(json.dumps(geojson).encode())
    assert centres == {"Vierkant": (5.1, 52.1), "Met eiland": (5.1, 52.1)}


def test_a_triangles_centre_is_where_its_medians_meet_and_a_collapsed_part_is_passed_over():
    triangle = [[[5.0, 52.0], [5.2, 52.0], [5.0, 52.2], [5.0, 52.0]]]
    sliver = [[[4.0, 53.0], [4.1, 53.0], [4.0, 53.0]]]  # a ring without area, as simplified boundaries hold
    shape = {"type": "MultiPolygon", "coordinates": [sliver, triangle]}
    geojson = {"features": [{"properties": {"name": "Driehoek"}, "geometry": shape}]}
    # to four decimals: about ten metres, finer than any map of the provinces shows
    assert province_centroids(json.dumps(geojson).encode()) == {"Driehoek": (5.0667, 52.0667)}


def test_every_province_is_placed_inside_the_netherlands(engine):
    with engine.connect() as conn:
        rows = conn.execute(
            select(schema.provinces.c.province, schema.provinces.c.centroid_lon, schema.provinces.c.centroid_lat)
        ).all()
    assert len(rows) == 12
    for name, lon, lat in rows:
        assert 3.3 < lon < 7.3 and 50.7 < lat < 53.6, name
    utrecht = next(r for r in rows if r.province == "Utrecht")
    assert abs(utrecht.centroid_lon - 5.2) < 0.2 and abs(utrecht.centroid_lat - 52.1) < 0.15


def test_a_province_without_a_boundary_is_refused_and_nothing_is_written(tmp_path: Path, data_copy: Path):
    _replace(data_copy / "provinces.csv", "Zeeland,", "Zeeuws-Vlaanderen,")
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    with pytest.raises(DatasetError) as caught:
        load_bundled(engine, folder=data_copy)
    assert "provinces.csv, line 0, column 'province': no boundary for ['Zeeuws-Vlaanderen']" in str(caught.value)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(schema.figures)).scalar_one() == 0


def test_a_reload_replaces_bundled_rows_and_keeps_rows_from_elsewhere(tmp_path: Path, data_copy: Path):
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    loaded = load_bundled(engine)
    assert loaded is not None and loaded["initiatives.csv"] == 17 and loaded["provinces.csv"] == 12
    with engine.begin() as conn:
        conn.execute(
            insert(schema.initiatives).values(
                edition=2024, name="Geïmporteerd", kind="activiteit", source_id="icth-2024-03", origin="import"
            )
        )
    _replace(data_copy / "figures.csv", "2022,,,activiteiten,300,", "2022,,,activiteiten,301,")
    assert load_bundled(engine, folder=data_copy) is not None  # a changed dataset is loaded again
    assert load_bundled(engine, folder=data_copy) is None
    assert load_bundled(engine, folder=data_copy, force=True) is not None
    with engine.connect() as conn:
        names = conn.execute(select(schema.initiatives.c.name)).scalars().all()
        values = conn.execute(select(schema.figures.c.value).where(schema.figures.c.edition == 2022)).scalars().all()
    assert "Geïmporteerd" in names and len(names) == 18
    assert 301 in values and 300 not in values


def test_yes_no_columns_empty_optional_cells_and_the_top_week_read_as_meant(data_copy: Path):
    _replace(data_copy / "edition_weeks.csv", "2023,4,zuid,", "2023,5,zuid,")  # five weeks is allowed
    dataset = read_dataset(data_copy)
    totals = {row["year"]: row["has_totals"] for row in dataset["editions.csv"]}
    assert totals[2021] is True and totals[2023] is False and totals[2024] is False
    row = next(r for r in dataset["figures.csv"] if r["published_text"] == "ruim 3500")
    assert (row["region"], row["week"], row["metric"], row["value"]) == (None, None, "deelnemers", 3500.0)


def test_a_duplicate_province_code_and_an_unsaid_size_qualifier_are_named(data_copy: Path):
    _replace(data_copy / "provinces.csv", "NL.UT", "NL.GE")
    _replace(data_copy / "initiatives.csv", "zo’n 150 cliënten", "150 cliënten")
    problems = _problems(data_copy)
    assert any(p.startswith("provinces.csv, line") and "column 'hasc': 'NL.GE' appears twice" in p for p in problems)
    assert any(
        p.startswith("initiatives.csv") and "size_qualifier 'circa' but text '150 cliënten'" in p for p in problems
    )


def test_a_load_places_each_province_at_its_own_centre(tmp_path: Path):
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    load_bundled(engine)
    with engine.connect() as conn:
        row = conn.execute(select(schema.provinces).where(schema.provinces.c.province == "Utrecht")).one()
    assert abs(row.centroid_lon - 5.2) < 0.2 and abs(row.centroid_lat - 52.1) < 0.15


def test_a_row_the_bundled_files_now_hold_becomes_a_bundled_row(tmp_path: Path):
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    load_bundled(engine)
    with engine.begin() as conn:
        conn.execute(
            schema.editions.update().where(schema.editions.c.year == 2024).values(origin="demo", is_synthetic=True)
        )
    load_bundled(engine, force=True)
    with engine.connect() as conn:
        row = conn.execute(select(schema.editions).where(schema.editions.c.year == 2024)).one()
    assert (row.origin, row.is_synthetic) == ("bundled", False)


def test_every_qualifier_has_its_words_rule():
    from ingest.loader.validate import QUALIFIER_WORDS

    assert set(QUALIFIER_WORDS) == set(schema.QUALIFIERS)


def test_a_changed_value_in_a_keyed_table_is_updated_on_reload(tmp_path: Path, data_copy: Path):
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    load_bundled(engine)
    _replace(data_copy / "editions.csv", "Slimme Zorg Estafette 2024,", "Slimme Zorg Estafette 2024 (herzien),")
    load_bundled(engine, folder=data_copy)
    with engine.connect() as conn:
        names = conn.execute(select(schema.editions.c.name).order_by(schema.editions.c.year)).scalars().all()
    assert names[-1] == "Slimme Zorg Estafette 2024 (herzien)" and len(names) == 8


def test_a_cell_that_is_not_a_number_or_a_date_says_what_was_expected(data_copy: Path):
    _replace(data_copy / "edition_weeks.csv", "2021,4,zuid,", "2021,vier,zuid,")
    _replace(data_copy / "editions.csv", "2017-01-21", "21-01-2017")
    problems = _problems(data_copy)
    assert "edition_weeks.csv, line 5, column 'week': 'vier' is not a whole number" in problems
    assert "editions.csv, line 2, column 'start_date': '21-01-2017' is not a date in the form YYYY-MM-DD" in problems


def test_every_problem_of_a_row_is_named_also_after_an_empty_key(data_copy: Path):
    _replace(data_copy / "provinces.csv", "Utrecht,NL.UT", ",NL.GE")
    problems = _problems(data_copy)
    assert any(p.startswith("provinces.csv") and "column 'province': is empty" in p for p in problems)
    assert any(p.startswith("provinces.csv") and "column 'hasc': 'NL.GE' appears twice" in p for p in problems)


def _keep_lines(path: Path, count: int) -> None:
    """Cut a file down to its header and the ``count - 1`` rows after it."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:count]), encoding="utf-8")


def test_a_row_taken_out_of_the_files_is_gone_after_the_reload(tmp_path: Path, data_copy: Path):
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    load_bundled(engine)
    _keep_lines(data_copy / "reach_indicators.csv", 2)  # one indicator left
    assert load_bundled(engine, folder=data_copy) is not None
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(schema.reach_indicators)).scalar_one() == 1


def test_a_file_with_only_its_header_loads_no_rows_and_the_files_after_it_still_load(tmp_path: Path, data_copy: Path):
    _keep_lines(data_copy / "discrepancies.csv", 1)
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    loaded = load_bundled(engine, folder=data_copy)
    assert loaded is not None and loaded["discrepancies.csv"] == 0 and loaded["figures.csv"] == 22
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(schema.figures)).scalar_one() == 22


def test_the_load_time_the_about_page_gives_in_utc_is_in_utc(tmp_path: Path):
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    load_bundled(engine)
    loaded_at = dt.datetime.fromisoformat(dataset_loaded_at(engine) or "")
    assert loaded_at.utcoffset() == dt.timedelta(0)  # not the server's local time with 'UTC' after it
    assert abs(dt.datetime.now(dt.UTC) - loaded_at) < dt.timedelta(minutes=5)
