"""Query functions on SQLite: gaps stay gaps, filters filter, sources come along."""

from __future__ import annotations

import math

from data_access import queries


def test_metric_by_edition_shows_every_sze_edition_with_gaps_for_unpublished(engine):
    frame = queries.metric_by_edition(engine, "activiteiten").set_index("edition")
    assert list(frame.index) == [2021, 2022, 2023, 2024]
    assert frame.loc[2021, "value"] == 210 and frame.loc[2022, "value"] == 300
    assert math.isnan(frame.loc[2023, "value"]) and math.isnan(frame.loc[2024, "value"])
    assert frame.loc[2022, "source_date"] == "voorjaar 2022"


def test_regional_filter_returns_only_figures_published_for_that_region(engine):
    zuid = queries.metric_by_edition(engine, "activiteiten", region="zuid").set_index("edition")
    assert zuid.loc[2021, "published_text"] == "ruim vijftig"
    assert zuid["value"].notna().sum() == 1
    assert queries.metric_by_edition(engine, "activiteiten", region="noord")["value"].notna().sum() == 0
    week4 = queries.metric_by_edition(engine, "deelsessies", week=4).set_index("edition")
    assert week4.loc[2021, "published_text"] == "elf"


def test_visitors_and_participants_are_separate_series(engine):
    visitors = queries.metric_by_edition(engine, "bezoekers").set_index("edition")["value"]
    participants = queries.metric_by_edition(engine, "deelnemers").set_index("edition")["value"]
    assert visitors.notna().to_dict() == {2021: True, 2022: False, 2023: False, 2024: False}
    assert participants.notna().to_dict() == {2021: False, 2022: True, 2023: False, 2024: False}


def test_predecessor_metric_covers_only_the_e_healthweek(engine):
    frame = queries.metric_by_edition(engine, "evenementen")
    assert list(frame["edition"]) == [2017, 2018, 2019, 2020]
    assert list(frame["published_text"].fillna("")) == ["", "", "meer dan 270", "218"]
    assert queries.metric_by_edition(engine, "activiteiten_ehw")["published_text"].iloc[0] == "ruim honderd"


def test_regions_carry_their_provinces(engine):
    frame = queries.regions(engine).set_index("region")
    assert frame.loc["zuid", "provinces"] == "Limburg, Noord-Brabant, Zeeland"
    assert (frame["province_count"] == 3).all()


def test_weeks_are_published_for_2021_and_2023_only(engine):
    frame = queries.weeks(engine, [2021, 2022, 2023])
    assert list(frame.loc[frame["edition"] == 2021, "region"]) == ["oost", "west", "noord", "zuid"]
    assert list(frame.loc[frame["edition"] == 2023, "region"]) == ["oost", "west", "noord", "zuid"]
    assert 2022 not in set(frame["edition"])


def test_initiatives_are_placed_at_their_town_or_province(engine):
    frame = queries.initiatives(engine, editions=[2024], region="noord").set_index("name")
    assert set(frame.index) == {"Tour de BeterDichtbij (Sneek)", "Tour de BeterDichtbij (Assen)"}
    assert (frame["precision"] == "plaats").all()
    fieldlabs = queries.initiatives(engine, editions=[2022], region="zuid").iloc[0]
    assert fieldlabs["precision"] == "provincie" and 50.7 < fieldlabs["lat"] < 51.8


def test_sources_count_what_they_contributed(engine):
    frame = queries.sources(engine).set_index("source_id")
    assert frame.loc["kamerbrief-2022", "n_reach_indicators_source_id"] == 6
    assert frame.loc["icth-2021-03-09", "n_figures_source_id"] == 3
    assert frame.loc["kamerstuk-27529-151", "n_editions_source_id"] == 1  # the 2018 dates, though no totals
    assert (frame["rows"] == frame.filter(like="n_").sum(axis=1)).all()


def test_every_table_that_cites_sources_is_counted_per_source(engine):
    """A table added to the schema is counted on the about page without touching the query."""
    from data_access import schema

    counted = {c for c in queries.sources(engine).columns if c.startswith("n_")}
    expected = {f"n_{table.name}_{column.name}" for table, column in schema.tables_citing_sources()}
    assert counted == expected
    assert {"n_places_source_id", "n_discrepancies_source_a", "n_discrepancies_source_b"} <= counted


def test_ping_and_synthetic_count(engine):
    assert queries.ping(engine) is True
    assert queries.synthetic_row_count(engine) == 0
