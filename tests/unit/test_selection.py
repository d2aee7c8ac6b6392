"""The selection: parsed from anything the browser sends, written back as a short URL."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from core.selection import COLOUR_MODES, Choices, Page, Selection, page_for

CHOICES = Choices(
    editions=(2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024),
    metrics=("activiteiten", "deelnemers", "bezoekers"),
    regions=("noord", "oost", "west", "zuid"),
    weeks=(1, 2, 3, 4),
    tabs=("kaart", "trends", "evaluatie", "bereik"),
)


def test_a_url_reproduces_the_selection():
    selection = Selection.parse(
        CHOICES, editions=[2021, 2022], region="zuid", week="4", metric="deelnemers", tab="trends", colour="cijfer"
    )
    query = selection.to_query()
    assert query == "?tab=trends&editie=2021,2022&regio=zuid&week=4&cijfer=deelnemers&kleur=cijfer"
    assert Selection.from_query(query, CHOICES) == selection


def test_repeated_edition_parameters_are_accepted():
    assert Selection.from_query("?editie=2021&editie=2023", CHOICES).editions == (2021, 2023)


def test_unknown_values_fall_back_to_defaults():
    selection = Selection.from_query(
        "?tab=admin&editie=1999,abc&regio=mars&week=9&cijfer=';drop table--&kleur=x", CHOICES
    )
    assert selection == Selection.default(CHOICES)
    assert selection.to_query() == "?tab=kaart"


def test_digits_other_than_ascii_are_not_numbers():
    selection = Selection.from_query("?week=%C2%B2&editie=%D9%A2%D9%A0%D9%A2%D9%A1", CHOICES)
    assert selection.week is None and selection.editions == ()


def test_choosing_every_edition_is_the_default():
    assert Selection.parse(CHOICES, editions=list(CHOICES.editions)).editions == ()


def test_regions_weeks_and_views_are_those_of_the_data_and_the_registry():
    fewer = Choices(editions=(2021,), regions=("zuid",), weeks=(4,), tabs=("trends", "extra"))
    selection = Selection.from_query("?tab=extra&regio=noord&week=1", fewer)
    assert (selection.tab, selection.region, selection.week) == ("extra", None, None)
    assert Selection.from_query("?tab=kaart", fewer).tab == "trends"  # the first view is the default


def test_reset_keeps_only_the_open_view():
    selection = Selection.parse(CHOICES, editions=[2021], region="zuid", week=4, tab="bereik", colour="cijfer")
    assert selection.cleared() == Selection.default(CHOICES).with_tab("bereik")


def test_pages_by_path():
    assert page_for("/") is Page.DASHBOARD and page_for(None) is Page.DASHBOARD
    assert page_for("/over-de-cijfers") is Page.ABOUT and page_for("/over-de-cijfers/") is Page.ABOUT
    assert page_for("/rapport") is Page.REPORT and page_for("/rapport/") is Page.REPORT
    for unknown in ("/admin", "/over-de-cijfers/meer", "/Over-de-cijfers", "/X"):
        assert page_for(unknown) is Page.NOT_FOUND, unknown


junk = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=10,
)


def valid_or_junk(values: tuple[object, ...]) -> st.SearchStrategy[object]:
    """Half the time a value a user could choose, so the round trip checks more than defaults."""
    return st.sampled_from(values) | junk


@given(
    editions=st.lists(st.sampled_from(CHOICES.editions), max_size=8) | junk,
    region=valid_or_junk(CHOICES.regions),
    week=valid_or_junk((*CHOICES.weeks, *map(str, CHOICES.weeks))),
    metric=valid_or_junk(CHOICES.metrics),
    tab=valid_or_junk(CHOICES.tabs),
    colour=valid_or_junk(COLOUR_MODES),
)
def test_anything_the_browser_sends_gives_a_valid_selection_that_a_link_reproduces(
    editions, region, week, metric, tab, colour
):
    store = {"editions": editions, "region": region, "week": week, "metric": metric, "tab": tab, "colour": colour}
    selection = Selection.from_store(store, CHOICES)
    assert set(selection.editions) <= set(CHOICES.editions)
    assert selection.region in (None, *CHOICES.regions)
    assert selection.week in (None, *CHOICES.weeks)
    assert selection.metric in CHOICES.metrics
    assert selection.tab in CHOICES.tabs
    assert selection.colour in COLOUR_MODES
    # a valid choice survives: nothing the user picked is dropped on the way into the URL and back
    if colour in COLOUR_MODES:
        assert selection.colour == colour
    if region in CHOICES.regions:
        assert selection.region == region
    back = Selection.from_query(selection.to_query(), CHOICES)
    assert back == selection and back.to_store() == selection.to_store()
    assert Selection.from_store(selection.to_store(), CHOICES) == selection


def test_without_activities_the_first_figure_is_the_default_and_stays_out_of_the_url():
    choices = Choices(editions=(2022,), metrics=("deelnemers", "werkbezoeken"), tabs=("trends",))
    selection = Selection.default(choices)
    assert selection.metric == "deelnemers" and selection.to_query() == "?tab=trends"
    assert Selection.from_query("?cijfer=activiteiten", choices).metric == "deelnemers"


def test_another_view_keeps_the_filters_and_an_unknown_view_changes_nothing():
    selection = Selection.parse(CHOICES, region="zuid", tab="trends")
    assert selection.with_tab("bereik").to_query() == "?tab=bereik&regio=zuid"
    assert selection.with_tab("admin").tab == "trends"


def test_a_store_that_is_not_a_mapping_gives_the_default():
    assert Selection.from_store(["tab", "trends"], CHOICES) == Selection.default(CHOICES)
    assert Selection.from_store("?tab=trends", CHOICES) == Selection.default(CHOICES)


def test_presentation_mode_is_in_the_link_and_survives_view_changes_and_clearing():
    from core.selection import Choices, Selection

    choices = Choices(editions=(2021, 2022), regions=("zuid",), tabs=("kaart", "trends"))
    chosen = Selection.from_query("?tab=trends&presentatie=1&regio=zuid", choices)
    assert chosen.present and chosen.to_query() == "?tab=trends&regio=zuid&presentatie=1"
    assert chosen.with_tab("kaart").to_path() == "/?tab=kaart&regio=zuid&presentatie=1"
    assert chosen.cleared().to_query() == "?tab=trends&presentatie=1"
    assert not chosen.presenting(False).present
    assert Selection.default(choices).presenting(True).to_query() == "?tab=kaart&presentatie=1"
    assert Selection.from_store(chosen.to_store(), choices) == chosen
    for odd in ("0", "ja", "true", "", "11"):
        assert not Selection.from_query(f"?presentatie={odd}", choices).present


def test_a_link_with_filters_0_opens_with_the_filters_folded_and_keeps_them_folded():
    folded = Selection.from_query("?tab=trends&filters=0", CHOICES)
    assert not folded.filters_open
    assert folded.to_query() == "?tab=trends&filters=0"
    # every view link and a cleared filter keep the fold: it is how the screen is shared, not a filter
    assert folded.with_tab("kaart").to_path() == "/?tab=kaart&filters=0"
    assert not folded.cleared().filters_open
    assert Selection.from_store(folded.to_store(), CHOICES) == folded


def test_filters_are_unfolded_unless_a_link_says_0():
    for search in ("?tab=trends", "?filters=1", "?filters=nee", "?filters="):
        selection = Selection.from_query(search, CHOICES)
        assert selection.filters_open
        assert "filters" not in selection.to_query()


def test_a_view_link_can_name_the_figure_it_explains():
    selection = Selection.default(CHOICES)
    assert selection.with_tab("trends").with_metric("deelnemers").to_path() == "/?tab=trends&cijfer=deelnemers"
    assert selection.with_metric("onbekend") == selection


def test_the_whole_set_keeps_the_view_and_figure_and_drops_every_filter():
    chosen = Selection.from_query("?tab=trends&editie=2021&regio=zuid&week=4&cijfer=deelnemers&vergelijk=2022", CHOICES)
    whole = chosen.unfiltered()
    assert whole == Selection.parse(CHOICES, tab="trends", metric="deelnemers")
    assert whole.to_query() == "?tab=trends&cijfer=deelnemers" and whole.to_store()["compare"] == []


def test_a_blank_parameter_counts_as_not_given():
    assert Selection.from_query("?tab=trends&regio=&week=&editie=&cijfer=", CHOICES) == Selection.parse(
        CHOICES, tab="trends"
    )


def test_the_language_a_link_asks_for_and_the_apps_own_otherwise():
    from core.selection import query_language

    dutch_first, english_first = Choices(languages=("nl", "en")), Choices(languages=("en", "nl"))
    assert query_language("?tab=trends&taal=EN", dutch_first) == "en"
    assert query_language("?taal=fr", dutch_first) == "nl" and query_language(None, dutch_first) == "nl"
    assert query_language("?tab=trends", english_first) == "en" and query_language("taal=nl", english_first) == "nl"
    assert Selection.default(english_first).lang == "en"
    english = Selection.parse(dutch_first, lang="en")
    assert english.cleared().lang == "en" and "taal=en" in english.to_query()
    assert "taal" not in Selection.parse(dutch_first, lang="nl").to_query()
