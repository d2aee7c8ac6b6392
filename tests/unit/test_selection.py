"""The selection: parsed from anything the browser sends, written back as a short URL."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from dashboard.selection import Selection

KNOWN = [2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024]
METRICS = ["activiteiten", "deelnemers", "bezoekers"]


def test_a_url_reproduces_the_selection():
    selection = Selection.parse(
        editions=[2021, 2022],
        region="zuid",
        week="4",
        metric="deelnemers",
        tab="trends",
        known_editions=KNOWN,
        known_metrics=METRICS,
    )
    query = selection.to_query()
    assert query == "?tab=trends&editie=2021,2022&regio=zuid&week=4&cijfer=deelnemers"
    assert Selection.from_query(query, known_editions=KNOWN, known_metrics=METRICS) == selection


def test_repeated_edition_parameters_are_accepted():
    selection = Selection.from_query("?editie=2021&editie=2023", known_editions=KNOWN, known_metrics=METRICS)
    assert selection.editions == (2021, 2023)


def test_unknown_values_fall_back_to_defaults():
    selection = Selection.from_query(
        "?tab=admin&editie=1999,abc&regio=mars&week=9&cijfer=';drop table--&kleur=x",
        known_editions=KNOWN,
        known_metrics=METRICS,
    )
    assert selection == Selection()
    assert selection.to_query() == "?tab=kaart"


def test_digits_other_than_ascii_are_not_numbers():
    selection = Selection.from_query("?week=%C2%B2&editie=%D9%A2%D9%A0%D9%A2%D9%A1", known_editions=KNOWN)
    assert selection.week is None and selection.editions == ()


def test_choosing_every_edition_is_the_default():
    assert Selection.parse(editions=KNOWN, known_editions=KNOWN).editions == ()


junk = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=10,
)


@given(editions=junk, region=junk, week=junk, metric=junk, tab=junk, colour=junk)
def test_anything_the_browser_sends_gives_a_valid_selection(editions, region, week, metric, tab, colour):
    store = {
        "editions": editions,
        "region": region,
        "week": week,
        "metric": metric,
        "tab": tab,
        "colour": colour,
        "known_editions": [1, 2, 3],  # ignored: only the database says which editions exist
    }
    selection = Selection.from_store(store, known_editions=KNOWN, known_metrics=METRICS)
    assert set(selection.editions) <= set(KNOWN)
    assert selection.region in (None, "noord", "oost", "west", "zuid")
    assert selection.week in (None, 1, 2, 3, 4)
    assert selection.metric in METRICS
    assert selection.tab in ("kaart", "trends", "evaluatie", "bereik")
    assert Selection.from_query(selection.to_query(), known_editions=KNOWN, known_metrics=METRICS) == selection
