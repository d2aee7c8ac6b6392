"""The bundled dataset: every published figure present, each with its source, none invented."""

from __future__ import annotations

import csv

import pytest

from ingest.bundled import data_dir
from ingest.loader import read_dataset, specs

# (edition, region, metric, value, published words) as they stand in the source documents
PUBLISHED_FIGURES = [
    (2021, None, "bezoekers", 33000, "bijna 33.000"),
    # the letter counts *digital* activities; '210' alone would read as every activity of 2021
    (2021, None, "activiteiten", 210, "210 digitale activiteiten"),
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
    (2017, None, "activiteiten_ehw", 100, "ruim honderd"),
    (2017, None, "deelnemers_ehw", 12000, "naar schatting tussen de 12.000 en 14.000"),
    (2018, None, "activiteiten_ehw", 250, "250"),
    (2019, None, "evenementen", 270, "meer dan 270"),
    (2019, None, "partners", 310, "310"),
    (2019, None, "partners", 300, "300 organisaties"),  # ICT&health: a second source, both kept
    (2020, None, "evenementen", 218, "218"),
    (2020, None, "partners", 240, "240"),
    (2020, None, "bezoekers_ehw", 50000, "naar schatting circa 50.000"),
    (2020, None, "aanwezigen_opening_ehw", 2225, "2.225"),
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
        r
        for r in dataset["figures.csv"]
        if (r["edition"], r["region"], r["metric"], r["value"]) == (edition, region, metric, value)
    ]
    assert len(matches) == 1
    assert matches[0]["value"] == value
    assert matches[0]["published_text"] == words


def test_no_figure_is_in_the_dataset_that_the_documents_do_not_publish(dataset):
    expected = {(e, r, m) for e, r, m, _, _ in PUBLISHED_FIGURES}
    assert {(r["edition"], r["region"], r["metric"]) for r in dataset["figures.csv"]} == expected


def test_editions_without_published_totals_have_no_numbers(dataset):
    no_totals = {r["year"] for r in dataset["editions.csv"] if not r["has_totals"]}
    assert {2023, 2024} <= no_totals and 2018 not in no_totals  # 2018: 250 activiteiten (ICT&health, 2019)
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
    # 'inmiddels' (by now): a count at the letter's date, not a result over the report's 2020-2021
    assert reach["elearning_deelnemers"]["period_label"] == "stand bij de Kamerbrief, voorjaar 2022"
    assert (reach["elearning_deelnemers"]["period_start"], reach["elearning_deelnemers"]["period_end"]) == (None, 2022)
    assert {
        r["period_label"]
        for r in dataset["reach_indicators.csv"]
        if r["source_id"] == "kamerbrief-2022" and r["indicator"] != "elearning_deelnemers"
    } == {"2020-2021"}


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
    # the row cites the Kamerbrief, which gives 1-26 February and no closing date: 4 March (and the
    # directorate) stand in the notes and the discrepancies with the news item that says them
    assert (str(edition["end_date"]), edition["closing_date"]) == ("2021-02-26", None)
    assert (
        "Volgens ICT&health (9 maart 2021), niet volgens de Kamerbrief: landelijke afsluiting op 4 maart"
        in (edition["notes"])
    )
    assert "directie" not in edition["organiser"]
    closing = next(r for r in dataset["discrepancies.csv"] if r["topic"] == "Einde van de editie")
    assert (closing["statement_b"], closing["source_b"]) == ("landelijke afsluiting op 4 maart", "icth-2021-03-09")
    topics = {r["topic"] for r in dataset["discrepancies.csv"]}
    assert {"Aantal deelsessies", "Einde van de editie", "Bezoekers of deelnemers"} <= topics


def _cells(dataset):
    """Every text cell of every file: what the views and the about page can show."""
    return [(name, value) for name, rows in dataset.items() for row in rows for value in row.values() if value]


def test_2021s_digital_activities_are_not_said_to_be_all_activities(dataset):
    """The letter counts '210 digitale activiteiten'; the news item calls the meetings 'grotendeels online'."""
    # the claim may be discussed (discrepancies.csv), never made
    said = [v for name, v in _cells(dataset) if name != "discrepancies.csv" and isinstance(v, str)]
    assert [v for v in said if "alle digitaal" in v or "activiteiten waren digitaal" in v.lower()] == []
    gap = next(r for r in dataset["discrepancies.csv"] if r["topic"] == "Digitaal of grotendeels online")
    assert (gap["source_a"], gap["source_b"]) == ("kamerbrief-2021", "icth-2021-03-09")
    assert "grotendeels online" in gap["statement_b"]
    counted = next(r for r in dataset["discrepancies.csv"] if r["topic"] == "Activiteiten in 2021 en 2022")
    assert "niet als één reeks" in counted["explanation"]


def test_forty_sub_sessions_is_marked_as_our_arithmetic_and_eleven_in_zuid_fits_39(dataset):
    """'40' is four meetings times 'tien': never in a statement attributed to the ministry."""
    ministry = [r["statement_b"] for r in dataset["discrepancies.csv"] if r["source_b"] == "kamerbrief-2021"]
    ministry += [r["statement_a"] for r in dataset["discrepancies.csv"] if r["source_a"] == "kamerbrief-2021"]
    assert not [s for s in ministry if "40" in s]
    sessions = next(r for r in dataset["discrepancies.csv"] if r["topic"] == "Aantal deelsessies")
    assert "40" in sessions["explanation"] and "berekend" in sessions["explanation"]
    total = next(r for r in dataset["figures.csv"] if r["metric"] == "deelsessies" and r["region"] is None)
    assert "wijkt af" not in total["note"].lower() and "vooraf aangekondigd, niet gerapporteerd" in total["note"]
    zuid = next(r for r in dataset["figures.csv"] if r["metric"] == "deelsessies" and r["region"] == "zuid")
    assert zuid["basis"] == "gepland"
    per_meeting = next(r for r in dataset["figures.csv"] if r["metric"] == "deelsessies_per_bijeenkomst")
    assert per_meeting["note"].startswith("Berekend, niet gepubliceerd")


def test_who_rated_is_not_stated_where_the_letter_does_not_say(dataset):
    """Kamerbrief 2021: 'Daarnaast zijn de regionale bijeenkomsten beoordeeld met gemiddeld een 7.5' (no rater)."""
    scores = {(r["source_id"], r["edition"]): r for r in dataset["evaluations.csv"] if r["measure"] == "cijfer"}
    assert scores[("kamerbrief-2021", 2021)]["rated_by"] == "niet vermeld"
    assert scores[("icth-2021-03-09", 2021)]["rated_by"] == "niet vermeld"
    assert scores[("kamerbrief-2022", 2022)]["rated_by"] == "deelnemers (evaluatie)"  # 'onder de deelnemers'


def test_quotes_are_passages_as_published_not_stitched_excerpts(dataset):
    stitched = [(name, r["quote"]) for name, rows in dataset.items() for r in rows if "…" in (r.get("quote") or "")]
    assert stitched == []
    quotes = {(r["edition"], r["metric"]): r["quote"] for r in dataset["figures.csv"]}
    # whole sentences of the letter, not the words cut out of them
    assert quotes[(2020, "bezoekers_ehw")] == "De e-healthweek is naar schatting door circa 50.000 mensen bezocht."
    assert quotes[(2020, "evenementen")].startswith("Er zijn deze week door zorgorganisaties")


def test_context_figures_name_the_monitor_that_published_them_not_cbs(dataset):
    """The 55->58 % and 79->88 % could not be traced to CBS and are gone; every monitor value names its monitor."""
    assert not [r for r in dataset["sources.csv"] if r["publisher"].startswith("CBS")]
    cited = {r["source_id"] for r in dataset["monitor_values.csv"]}
    sources = {r["source_id"]: r for r in dataset["sources.csv"]}
    for source in cited:
        assert sources[source]["url"].startswith("https://"), source
        assert any(w in sources[source]["contributed"] for w in ("Nivel", "RIVM")), source


def test_initiatives_have_their_full_name_and_a_province_only_where_the_source_names_one(dataset):
    names = {r["name"] for r in dataset["initiatives.csv"]}
    assert "Ervaarlab eHealth in de GGZ begeleiding" in names and "Ervaarlab eHealth in de GGZ" not in names
    provinces = [r["province"] for r in dataset["provinces.csv"]]
    for row in dataset["initiatives.csv"]:
        words = f"{row['organisation'] or ''} {row['quote'] or ''}"
        named = row["place"] is not None or any(p in words for p in provinces)
        assert (row["province"] is not None) == named, row["name"]
