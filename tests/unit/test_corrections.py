"""Issue 19, item 6: the corrections to the bundled dataset as a user sees them, each with its source."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine

from callbacks import evaluation, pages, trends
from core.figures import trend_figure
from data_access import queries
from tests.unit.test_callbacks import store, text_of


@pytest.fixture
def engine(database_url):
    """The shared database with the bundled dataset, read only."""
    return create_engine(database_url)


def test_a_range_is_drawn_as_its_two_ends_with_its_published_words(engine):
    """2017: 'naar schatting tussen de 12.000 en 14.000' is a bar to 12.000 and a whisker to 14.000, never 13.000."""
    frame = queries.metric_by_edition(engine, "deelnemers_ehw")
    fig = trend_figure(frame.iloc[0:0], [("deelnemers_ehw", frame)], metric="deelnemers")
    bar = next(t for t in fig.data if t.type == "bar")
    assert list(bar.y) == [12000] and list(bar.error_y.array) == [2000]
    words = next(t for t in fig.data if t.name == "range words")
    assert list(words.y) == [14000]  # above the whisker, not on it
    assert "naar schatting tussen de 12.000 en 14.000" in words.text[0].replace("<br>", " ")


def test_an_announced_figure_says_so_and_is_no_reported_count(engine, in_request):
    """2021 Zuid's 'elf deelsessies' was announced before the event."""
    frame = queries.metric_by_edition(engine, "deelsessies", region="zuid")
    assert frame.loc[frame["edition"] == 2021, "basis"].iloc[0] == "gepland"
    fig = trend_figure(frame, metric="deelsessies")
    drawn = " ".join(text.replace("<br>", " ") for t in fig.data for text in (t.text or ()))
    assert "aangekondigd vooraf, niet gerapporteerd" in drawn
    out = trends.update_trends(store(tab="trends", editions=[2021], metric="deelsessies", region="zuid"))
    assert "aangekondigd vooraf, niet gerapporteerd" in text_of(out["text"]).lower()
    counted = queries.metrics(engine).set_index("metric")
    assert counted.at["deelsessies", "editions_with_value"] == 1  # the national 39 only


def test_differing_figures_of_one_scope_are_both_listed(engine):
    """2019: the letter's 310 partners and ICT&health's 300 organisations, neither averaged nor replaced."""
    pairs = queries.differing_figures(engine)
    row = pairs[(pairs["edition"] == 2019) & (pairs["metric"] == "partners")]
    assert len(row) == 1
    assert {row["published_a"].iloc[0], row["published_b"].iloc[0]} == {"310", "300 organisaties"}


def test_about_page_marks_quotes_and_paraphrases_and_says_editors_can_add_totals(in_request):
    words = text_of(pages.about_layout())
    assert "in andere woorden:" in words  # a paraphrase is said to be one
    assert "310" in words and "300 organisaties" in words
    assert "2023 en 2024" in words and "/beheer" in words


def test_e_healthweek_ratings_are_a_note_of_their_own_not_bars_beside_the_sze_scores(in_request):
    """7,6 / 7,9 / 7,8: visitors rating a whole week's activities, another measure than the SZE's scores."""
    out = evaluation.update_evaluation(store(tab="evaluatie"))
    drawn = {str(y) for trace in out["graph"].data for y in (trace.y or ())}
    assert not [y for y in drawn if y.startswith(("2017", "2018", "2019"))]
    note = text_of(out["note"])
    assert "2017: een 7,6" in note and "2018: gemiddeld een 7,9" in note and "2019: gemiddeld een 7,8" in note
    assert "ICT&health, 1 februari 2019" in note and "geen reeks met de SZE" in note
