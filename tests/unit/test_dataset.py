"""The bundled dataset: every published figure present, each with its source, none invented."""

from __future__ import annotations

import csv

import pytest

from data_access.bundled import data_dir
from data_access.loader import read_dataset, specs

# (edition, region, metric, value, published words) as they stand in the source documents
PUBLISHED_FIGURES = [
    (2021, None, "bezoekers", 33000, "bijna 33.000"),
    (2021, None, "activiteiten", 210, "210"),
    (2021, None, "regionale_bijeenkomsten", 4, "vier"),
    (2021, None, "deelsessies", 39, "39"),
    (2021, None, "deelsessies_per_bijeenkomst", 10, "tien"),
    (2021, None, "initiatieven_afsluiting", 4, "vier"),
    (2021, "zuid", "activiteiten", 50, "ruim vijftig"),
    (2021, "zuid", "deelsessies", 11, "elf"),
    (2022, None, "activiteiten", 300, "300"),
    (2022, None, "deelnemers", 3500, "ruim 3500"),
    (2022, None, "werkbezoeken", 10, "tien"),
    (2022, None, "initiatieven_opening", 4, "vier"),
    (2017, None, "activiteiten_ehw", 100, "meer dan 100"),
    (2019, None, "evenementen", 270, "meer dan 270"),
    (2019, None, "partners", 310, "310"),
    (2020, None, "evenementen", 218, "218"),
    (2020, None, "partners", 240, "240"),
    (2020, None, "bezoekers_ehw", 50000, "naar schatting circa 50.000"),
]


@pytest.fixture(scope="module")
def dataset():
    return read_dataset()


def test_every_row_of_every_file_names_a_source():
    for spec in specs():
        with (data_dir() / spec.name).open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        source_columns = [c for c in ("source_id", "source_a", "source_b") if c in spec.columns]
        if spec.name == "metrics.csv":
            continue  # definitions, not figures
        assert source_columns, spec.name
        for line, row in enumerate(rows, start=2):
            for column in source_columns:
                assert row[column].strip(), f"{spec.name} line {line} has no {column}"


@pytest.mark.parametrize(("edition", "region", "metric", "value", "words"), PUBLISHED_FIGURES)
def test_published_figure_is_in_the_dataset_with_its_words(dataset, edition, region, metric, value, words):
    matches = [
        r for r in dataset["figures.csv"] if (r["edition"], r["region"], r["metric"]) == (edition, region, metric)
    ]
    assert len(matches) == 1
    assert matches[0]["value"] == value
    assert matches[0]["published_text"] == words


def test_no_figure_is_in_the_dataset_that_the_documents_do_not_publish(dataset):
    expected = {(e, r, m) for e, r, m, _, _ in PUBLISHED_FIGURES}
    assert {(r["edition"], r["region"], r["metric"]) for r in dataset["figures.csv"]} == expected


def test_editions_without_published_totals_have_no_numbers(dataset):
    no_totals = {r["year"] for r in dataset["editions.csv"] if not r["has_totals"]}
    assert {2018, 2023, 2024} <= no_totals
    assert not [r for r in dataset["figures.csv"] if r["edition"] in no_totals]
    assert not [r for r in dataset["evaluations.csv"] if r["edition"] in no_totals]


def test_evaluations_keep_what_was_rated_and_both_2021_statements(dataset):
    scores = {
        (r["edition"], r["what_rated"]): r["published_text"]
        for r in dataset["evaluations.csv"]
        if r["measure"] == "cijfer"
    }
    assert scores[(2021, "De vier regionale bijeenkomsten en 39 deelsessies")] == "gemiddeld een 7,5"
    assert scores[(2021, "De regionale bijeenkomsten")] == "gemiddeld een 7.5"
    assert scores[(2022, "De SZE 2022 als geheel")] == "een 8.0"
    returning = {r["edition"]: r["value"] for r in dataset["evaluations.csv"] if r["measure"] == "doet_weer_mee"}
    assert returning == {2021: 86, 2022: 90}


def test_zorg_van_nu_reach_keeps_its_qualifiers(dataset):
    reach = {r["indicator"]: r for r in dataset["reach_indicators.csv"]}
    assert reach["ouderen_langer_thuis"]["published_text"] == "meer dan 300.000"
    assert reach["social_media_weergaven"]["value"] is None
    assert reach["social_media_weergaven"]["published_text"] == "miljoenen"
    assert reach["patienten_via_huisarts"]["value"] == 100000
    assert reach["elearning_deelnemers"]["published_text"] == "inmiddels 4300"
    assert {r["period_label"] for r in dataset["reach_indicators.csv"] if r["source_id"] == "kamerbrief-2022"} == {
        "2020-2021"
    }


def test_regions_hold_the_twelve_provinces_as_published(dataset):
    by_region = {}
    for row in dataset["provinces.csv"]:
        by_region.setdefault(row["region"], set()).add(row["province"])
    assert by_region == {
        "noord": {"Groningen", "Friesland", "Drenthe"},
        "oost": {"Gelderland", "Overijssel", "Flevoland"},
        "west": {"Noord-Holland", "Zuid-Holland", "Utrecht"},
        "zuid": {"Zeeland", "Noord-Brabant", "Limburg"},
    }


def test_both_2021_end_dates_are_kept_with_their_sources(dataset):
    edition = next(r for r in dataset["editions.csv"] if r["year"] == 2021)
    assert (str(edition["end_date"]), str(edition["closing_date"])) == ("2021-02-26", "2021-03-04")
    topics = {r["topic"] for r in dataset["discrepancies.csv"]}
    assert {"Aantal deelsessies", "Einde van de editie", "Bezoekers of deelnemers"} <= topics
