"""The selection: parsed from anything the browser sends, written back as a short URL."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from hypothesis import given
from hypothesis import strategies as st

from core.selection import (
    ABSENT,
    COLOUR_MODES,
    MAX_EXAMINED,
    MAX_NAMED,
    MAX_SHOWN,
    MAX_SLOTS,
    REPEATED,
    TOO_MANY,
    Choices,
    Ignored,
    Page,
    Selection,
    Slot,
    legacy_redirect,
    page_for,
    shown_value,
)

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
    assert selection.to_path() == "/trends?editie=2021,2022&regio=zuid&week=4&cijfer=deelnemers&kleur=cijfer"
    assert reopened(selection) == selection


def test_repeated_edition_parameters_are_accepted():
    assert Selection.from_query("?editie=2021&editie=2023", CHOICES).editions == (2021, 2023)


def test_unknown_values_fall_back_to_defaults():
    selection = Selection.from_query(
        "?tab=admin&editie=1999,abc&regio=mars&week=9&cijfer=';drop table--&kleur=x", CHOICES
    )
    assert selection == Selection.default(CHOICES)
    assert selection.to_path() == "/kaart"


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


def test_a_path_of_another_type_than_text_is_the_root():
    # the browser sends text; anything else a client sends is no path at all
    for odd in (123, ["/trends"], {"a": 1}, 1.5):
        assert page_for(odd, CHOICES.tabs) is Page.DASHBOARD


TABS = CHOICES.tabs


def test_an_old_link_names_its_view_in_the_query_and_keeps_every_other_parameter_as_written():
    assert legacy_redirect("/", "?tab=trends", TABS) == "/trends"  # no '?' without a query
    assert legacy_redirect("/", "tab=trends&editie=2021", TABS) == "/trends?editie=2021"
    # blank values and names that start like the query's own '?' are kept as they were written
    assert (
        legacy_redirect("/", "?Xa=1&tab=TRENDS&regio=&editie=2021,2022", TABS) == "/trends?Xa=1&regio=&editie=2021,2022"
    )
    # a path that names a view: its old 'tab=' still wins, as the link was written with it
    assert legacy_redirect("/trends", "?tab=kaart&regio=zuid", TABS) == "/kaart?regio=zuid"


def test_what_is_no_old_link_is_not_redirected():
    assert legacy_redirect("/over-de-cijfers", "?tab=trends", TABS) is None  # another page keeps its address
    assert legacy_redirect("/rapport", "?tab=trends", TABS) is None  # the briefing reads its tab= itself
    assert legacy_redirect("/", "?tab=nope&regio=zuid", TABS) is None  # an unknown view: the page says so
    assert legacy_redirect("/", None, TABS) is None and legacy_redirect("/", "?regio=zuid", TABS) is None


def test_an_old_link_is_read_only_as_far_as_a_link_can_be_long():
    # 64 KiB of query at most: a tab= beyond it is not looked for (a client may send megabytes)
    padding = "a=" + "x" * 65540
    assert legacy_redirect("/", f"?{padding}&tab=trends", TABS) is None
    assert (
        legacy_redirect("/", f"?tab=trends&{padding}", TABS) == f"/trends?{padding[: 64 * 1024 - len('tab=trends&')]}"
    )


def reopened(selection: Selection) -> Selection:
    """What a browser gets back when it opens ``selection``'s link: the view is its path, the rest its query."""
    path, _, query = selection.to_path().partition("?")
    return Selection.from_query(f"?{query}", CHOICES, path)


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
    back = reopened(selection)
    assert back == selection and back.to_store() == selection.to_store()
    assert Selection.from_store(selection.to_store(), CHOICES) == selection


def test_without_activities_the_first_figure_is_the_default_and_stays_out_of_the_url():
    choices = Choices(editions=(2022,), metrics=("deelnemers", "werkbezoeken"), tabs=("trends",))
    selection = Selection.default(choices)
    assert selection.metric == "deelnemers" and selection.to_path() == "/trends"
    assert Selection.from_query("?cijfer=activiteiten", choices).metric == "deelnemers"


def test_another_view_keeps_the_filters_and_an_unknown_view_changes_nothing():
    selection = Selection.parse(CHOICES, region="zuid", tab="trends")
    assert selection.with_tab("bereik").to_path() == "/bereik?regio=zuid"
    assert selection.with_tab("admin").tab == "trends"


def test_a_store_that_is_not_a_mapping_gives_the_default():
    assert Selection.from_store(["tab", "trends"], CHOICES) == Selection.default(CHOICES)
    assert Selection.from_store("?tab=trends", CHOICES) == Selection.default(CHOICES)


def test_presentation_mode_is_in_the_link_and_survives_view_changes_and_clearing():
    from core.selection import Choices, Selection

    choices = Choices(editions=(2021, 2022), regions=("zuid",), tabs=("kaart", "trends"))
    chosen = Selection.from_query("?tab=trends&presentatie=1&regio=zuid", choices)
    assert chosen.present and chosen.to_path() == "/trends?regio=zuid&presentatie=1"
    assert chosen.with_tab("kaart").to_path() == "/kaart?regio=zuid&presentatie=1"
    assert chosen.cleared().to_path() == "/trends?presentatie=1"
    assert not chosen.presenting(False).present
    assert Selection.default(choices).presenting(True).to_path() == "/kaart?presentatie=1"
    assert Selection.from_store(chosen.to_store(), choices) == chosen
    for odd in ("0", "ja", "true", "", "11"):
        assert not Selection.from_query(f"?presentatie={odd}", choices).present


def test_a_link_with_filters_1_opens_with_the_filter_panel_unfolded_and_keeps_it_so():
    unfolded = Selection.from_query("?tab=trends&filters=1", CHOICES)
    assert unfolded.filters_open
    assert unfolded.to_path() == "/trends?filters=1"
    # every view link and a cleared filter keep the panel open: it is how the screen is shared, not a filter
    assert unfolded.with_tab("kaart").to_path() == "/kaart?filters=1"
    assert unfolded.cleared().filters_open
    assert Selection.from_store(unfolded.to_store(), CHOICES) == unfolded


def test_the_filter_panel_is_folded_unless_a_link_says_1():
    # every view opens on its chart (issue 20): region and week stand in the bar, the rest folds open on demand
    for search in ("?tab=trends", "?filters=0", "?filters=nee", "?filters="):
        selection = Selection.from_query(search, CHOICES)
        assert not selection.filters_open
        assert "filters" not in selection.to_query()


def test_a_link_with_toelichting_1_opens_every_charts_explanation():
    assert not Selection.from_query("?tab=trends", CHOICES).notes_open
    opened = Selection.from_query("?tab=trends&toelichting=1", CHOICES)
    assert opened.notes_open and opened.to_path() == "/trends?toelichting=1"
    assert opened.cleared().notes_open  # not a filter: clearing keeps it


def test_a_view_link_can_name_the_figure_it_explains():
    selection = Selection.default(CHOICES)
    assert selection.with_tab("trends").with_metric("deelnemers").to_path() == "/trends?cijfer=deelnemers"
    assert selection.with_metric("onbekend") == selection


def test_the_whole_set_keeps_the_view_and_figure_and_drops_every_filter():
    chosen = Selection.from_query("?tab=trends&editie=2021&regio=zuid&week=4&cijfer=deelnemers&vergelijk=2022", CHOICES)
    whole = chosen.unfiltered()
    assert whole == Selection.parse(CHOICES, tab="trends", metric="deelnemers")
    assert whole.to_path() == "/trends?cijfer=deelnemers" and whole.to_store()["compare"] == []


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


# --- a link's values that were not used are named back (issue 8: bad links) ---


def test_case_variants_and_spaces_mean_what_they_clearly_mean():
    reading = Selection.read_query(
        "?Tab=TRENDS&editie=2021,+2022&REGIO=Zuid+&week=+2&cijfer=Deelnemers&kleur=Cijfer"
        "&vergelijk=2023-ZUID,2023-W2&presentatie=+1&filters=0&taal=EN",
        CHOICES,
    )
    selection = reading.selection
    assert (selection.tab, selection.editions, selection.region, selection.week) == ("trends", (2021, 2022), "zuid", 2)
    assert (selection.metric, selection.colour) == ("deelnemers", "cijfer")
    assert [slot.token for slot in selection.compare] == ["2023-zuid", "2023-w2"]
    assert selection.present and not selection.filters_open and selection.lang == "en"
    assert reading.clean and reading.ignored == () and reading.more == 0


def test_unknown_values_are_named_back_in_the_order_of_a_link_with_why():
    assert Selection.read_query("?week=twee", CHOICES).ignored == (Ignored("week", "twee"),)  # no number at all
    reading = Selection.read_query("?week=9&regio=atlantis&editie=2025,abc&tab=foo&kleur=paars", CHOICES)
    assert reading.selection == Selection.default(CHOICES)
    assert reading.ignored == (
        Ignored("tab", "foo"),
        Ignored("editie", "2025", ABSENT),  # a year, but not one in the data
        Ignored("editie", "abc"),
        Ignored("regio", "atlantis"),
        Ignored("week", "9", ABSENT),
    )
    assert reading.more == 1 and not reading.clean  # kleur=paars: counted, not named


def test_the_values_that_are_understood_still_count():
    reading = Selection.read_query("?editie=2021,2025&regio=ZUID&tab=TRENDS", CHOICES)
    assert reading.selection == Selection.parse(CHOICES, editions=[2021], region="zuid", tab="trends")
    assert reading.ignored == (Ignored("editie", "2025", ABSENT),) and reading.more == 0


def test_a_second_value_for_a_parameter_that_takes_one_is_named_as_such():
    reading = Selection.read_query("?regio=zuid&regio=ZUID&regio=noord&tab=trends&tab=kaart", CHOICES)
    assert reading.selection.region == "zuid" and reading.selection.tab == "trends"
    assert reading.ignored == (Ignored("regio", "noord", REPEATED), Ignored("tab", "kaart", REPEATED))


def test_a_comparison_names_what_the_data_lack_and_columns_beyond_six():
    tokens = ["2021", "2021", "2022", "2023", "2024", "2021-zuid", "2022-w1", "2023-w3", "2025-w1", "2023-atlantis"]
    reading = Selection.read_query("?vergelijk=" + ",".join([*tokens, "zuid-2023"]), CHOICES)
    assert [slot.token for slot in reading.selection.compare] == [
        "2021",
        "2022",
        "2023",
        "2024",
        "2021-zuid",
        "2022-w1",
    ]
    assert reading.ignored == (
        Ignored("vergelijk", "2023-w3", TOO_MANY),
        Ignored("vergelijk", "2025-w1", ABSENT),
        Ignored("vergelijk", "2023-atlantis", ABSENT),
        Ignored("vergelijk", "zuid-2023"),
    )


def test_switches_and_language_name_what_they_do_not_understand():
    reading = Selection.read_query("?presentatie=ja&filters=nee&taal=fr", CHOICES)
    assert reading.selection == Selection.default(CHOICES)
    assert reading.ignored == (Ignored("presentatie", "ja"), Ignored("filters", "nee"), Ignored("taal", "fr"))
    assert Selection.read_query("?presentatie=0&filters=1&taal=nl", CHOICES).clean


def test_other_parameters_and_blank_values_pass_without_a_word():
    assert Selection.read_query(None, CHOICES).clean and Selection.read_query("", CHOICES).clean
    reading = Selection.read_query(
        "?utm_source=nieuwsbrief&fbclid=abc&regio=&week=+&tab=trends&tab=+&editie=2021,,+,2022,", CHOICES
    )
    assert reading.clean and reading.selection == Selection.parse(CHOICES, tab="trends", editions=[2021, 2022])


def test_a_value_shown_back_is_cut_short_and_holds_nothing_unprintable():
    assert shown_value("a" * 100) == "a" * 39 + "…" and len(shown_value("a" * 100)) == MAX_SHOWN
    assert shown_value("a" * MAX_SHOWN) == "a" * MAX_SHOWN
    assert shown_value("\u202egnp.exe\n") == "\ufffdgnp.exe"  # no right-to-left override, no line break
    reading = Selection.read_query("?regio=" + "<b>x</b>" * 50, CHOICES)
    assert reading.ignored == (Ignored("regio", ("<b>x</b>" * 5)[:39] + "…"),)


def test_a_link_with_huge_lists_names_five_and_counts_the_rest():
    reading = Selection.read_query("?editie=" + ",".join(f"x{i}" for i in range(10_000)), CHOICES)
    assert [item.value for item in reading.ignored] == ["x0", "x1", "x2", "x3", "x4"]
    assert reading.more == 10_000 - MAX_NAMED
    same = Selection.read_query("?editie=" + ",".join(["x"] * 10_000), CHOICES)
    assert same.ignored == (Ignored("editie", "x"),) and same.more == 10_000 - MAX_EXAMINED
    repeated = Selection.read_query("?" + "&".join(f"vergelijk=y{i}" for i in range(MAX_EXAMINED - 1)), CHOICES)
    assert len(repeated.ignored) == MAX_NAMED and repeated.more == MAX_EXAMINED - 1 - MAX_NAMED


def test_every_value_beyond_what_is_looked_at_is_counted():
    xs, ys = ",".join(f"x{i}" for i in range(40)), ",".join(f"y{i}" for i in range(40))
    assert Selection.read_query(f"?editie={xs}&editie={ys}", CHOICES).more == 80 - MAX_NAMED
    hundred = ",".join(f"x{i}" for i in range(100))
    reading = Selection.read_query(f"?editie={hundred}" + "&utm=1" * 70, CHOICES)
    assert reading.more == 7 + 100 - MAX_NAMED  # 71 pairs, 64 looked at; 100 editions, five named


def test_a_query_of_thousands_of_pairs_is_looked_at_only_so_far_and_says_so():
    reading = Selection.read_query("?" + "&".join(["utm=1"] * 100_000) + "&regio=zuid", CHOICES)
    assert reading.selection.region is None  # not looked at...
    assert reading.more == 100_001 - MAX_EXAMINED and not reading.clean  # ...and counted
    assert Selection.read_query("?" + "&".join(["utm=1"] * (MAX_EXAMINED - 1)) + "&regio=zuid", CHOICES).clean


def test_a_store_is_parsed_by_the_same_rules():
    chosen = Selection.from_store(
        {"region": " ZUID", "tab": "Trends", "compare": ["2023-W2"], "present": True}, CHOICES
    )
    assert (chosen.region, chosen.tab, chosen.compare, chosen.present) == (
        "zuid",
        "trends",
        (Slot(2023, week=2),),
        True,
    )


_NAMES = (
    "tab",
    "editie",
    "regio",
    "week",
    "cijfer",
    "kleur",
    "vergelijk",
    "presentatie",
    "filters",
    "toelichting",
    "taal",
)
_VALUES = (
    *CHOICES.tabs,
    *map(str, CHOICES.editions),
    *CHOICES.regions,
    *map(str, CHOICES.weeks),
    *CHOICES.metrics,
    *COLOUR_MODES,
    "2023-zuid",
    "2022-w2",
    "2025",
    "2025-w1",
    "0",
    "1",
    "en",
    "nl",
)


@st.composite
def _variant(draw: st.DrawFn, texts: tuple[str, ...]) -> str:
    """One of ``texts`` in any case, maybe with spaces around: what a hand-typed link holds."""
    text = draw(st.sampled_from(texts))
    cased = "".join(c.upper() if draw(st.booleans()) else c for c in text)
    return draw(st.sampled_from(("", " "))) + cased + draw(st.sampled_from(("", " ")))


_PAIR = st.tuples(
    _variant(_NAMES) | st.sampled_from(("utm_source", "x")),
    _variant(_VALUES) | st.lists(st.sampled_from(_VALUES), min_size=1, max_size=4).map(",".join) | st.text(max_size=12),
)


def _used(name: str, item: str, selection: Selection) -> bool:
    """Whether the selection holds what ``item`` asks for (written independently of the parser)."""
    key = item.strip().lower()
    number = int(key) if re.fullmatch(r"[0-9]{1,6}", key) else None
    holds = {
        "tab": key == selection.tab,
        "editie": number in selection.shown_editions(),
        "regio": key == selection.region,
        "week": number == selection.week,
        "cijfer": key == selection.metric,
        "kleur": key == selection.colour,
        "vergelijk": key in [slot.token for slot in selection.compare],
        "presentatie": key == ("1" if selection.present else "0"),
        "filters": key == ("1" if selection.filters_open else "0"),
        "toelichting": key == ("1" if selection.notes_open else "0"),
        "taal": key == selection.lang,
    }
    return holds[name]


def _same(a: str, b: str) -> bool:
    return a.strip().lower() == b.strip().lower()


@given(st.lists(_PAIR, max_size=10))
def test_any_link_gives_a_valid_selection_and_names_every_value_it_does_not_use(pairs):
    reading = Selection.read_query("?" + urlencode(pairs), CHOICES)
    selection = reading.selection
    assert set(selection.editions) <= set(CHOICES.editions) and selection.region in (None, *CHOICES.regions)
    assert selection.week in (None, *CHOICES.weeks) and selection.metric in CHOICES.metrics
    assert selection.tab in CHOICES.tabs and selection.colour in COLOUR_MODES and selection.lang in CHOICES.languages
    assert len(selection.compare) <= MAX_SLOTS and all(Slot.parse(s.token, CHOICES) == s for s in selection.compare)
    given_items = []
    for name, value in pairs:
        name = name.strip().lower()
        if name not in _NAMES:
            continue  # another site's parameter: passed over without a word
        for item in value.split(",") if name in ("editie", "vergelijk") else [value]:
            if item.strip():
                given_items.append((name, item))
                assert (
                    _used(name, item, selection)
                    # a value repeated in another case ('kaarT', 'kaart') is one value, named once
                    or any(i.param == name and _same(i.value, shown_value(item)) for i in reading.ignored)
                    or reading.more
                ), (name, item, reading)
    # and nothing is named that the link did not hold
    assert all(any(i.param == n and i.value == shown_value(v) for n, v in given_items) for i in reading.ignored)
    assert len(reading.ignored) <= MAX_NAMED


@given(st.text(max_size=200))
def test_any_text_at_all_reads_as_a_selection(search):
    reading = Selection.read_query(search, CHOICES)
    assert reading.selection.tab in CHOICES.tabs and len(reading.ignored) <= MAX_NAMED and reading.more >= 0


# --- each parameter declared once (issue 17): the table is what parsing, links, the Store and the bar follow ---


def test_every_field_of_a_selection_is_one_declared_parameter():
    from dataclasses import fields

    from core.selection import PARAMS

    assert [param.name for param in PARAMS] == list(_NAMES)  # the order a link lists them in
    assert sorted(param.field for param in PARAMS) == sorted(f.name for f in fields(Selection) if f.name != "choices")
    assert Selection.default(CHOICES).to_store() == {
        "tab": "kaart",
        "editions": [],
        "region": None,
        "week": None,
        "metric": "activiteiten",
        "colour": "regio",
        "compare": [],
        "present": False,
        "filters_open": False,
        "notes_open": False,
        "lang": "nl",
    }


def test_a_store_holds_every_value_in_its_json_form():
    chosen = Selection.from_query(
        "?editie=2022,2021&regio=zuid&week=2&cijfer=deelnemers&kleur=cijfer&vergelijk=2023-w2,2021"
        "&presentatie=1&filters=1&toelichting=1&taal=en",
        CHOICES,
        "/trends",
    )
    assert chosen.to_store() == {
        "tab": "trends",
        "editions": [2021, 2022],
        "region": "zuid",
        "week": 2,
        "metric": "deelnemers",
        "colour": "cijfer",
        "compare": ["2023-w2", "2021"],
        "present": True,
        "filters_open": True,
        "notes_open": True,
        "lang": "en",
    }
    assert Selection.from_store({"filters_open": "1", "present": "1", "week": "3"}, CHOICES).to_query() == (
        "?week=3&presentatie=1&filters=1"
    )


def test_parse_refuses_a_field_no_parameter_declares():
    import pytest

    with pytest.raises(TypeError, match="regoin"):
        Selection.parse(CHOICES, regoin="zuid")


def test_the_briefing_names_the_view_even_the_default_one_and_a_view_path_does_not():
    assert Selection.default(CHOICES).to_report_path() == "/rapport?tab=kaart"
    chosen = Selection.parse(CHOICES, tab="trends", region="zuid", lang="en")
    assert chosen.to_report_path() == "/rapport?tab=trends&regio=zuid&taal=en"
    assert chosen.to_path() == "/trends?regio=zuid&taal=en"


def test_a_view_path_wins_over_a_tab_in_the_query_which_is_then_not_read():
    reading = Selection.read_query("?tab=bereik&tab=admin&regio=zuid", CHOICES, "/trends")
    assert reading.selection.tab == "trends" and reading.clean
    assert Selection.read_query("?tab=bereik", CHOICES, "/rapport").selection.tab == "bereik"


def test_repeated_values_are_named_in_the_order_they_always_were():
    # the view's second value comes after the figure's and before the colouring's, as before the table
    reading = Selection.read_query(
        "?taal=nl&taal=en&kleur=regio&kleur=cijfer&tab=trends&tab=kaart&cijfer=deelnemers&cijfer=bezoekers"
        "&week=1&week=2",
        CHOICES,
    )
    assert [(item.param, item.value) for item in reading.ignored] == [
        ("week", "2"),
        ("cijfer", "bezoekers"),
        ("tab", "kaart"),
        ("kleur", "cijfer"),
        ("taal", "en"),
    ]
    assert {item.reason for item in reading.ignored} == {REPEATED}


def test_clearing_resets_exactly_the_filters():
    chosen = Selection.from_query(
        "?editie=2021&regio=zuid&week=2&cijfer=deelnemers&kleur=cijfer&vergelijk=2021&presentatie=1&filters=1&taal=en",
        CHOICES,
        "/bereik",
    )
    assert chosen.cleared().to_path() == "/bereik?presentatie=1&filters=1&taal=en"


def test_a_week_numbered_0_stays_out_of_a_link_as_it_always_did():
    with_zero = Choices(editions=(2021,), weeks=(0, 1), tabs=("kaart",))
    assert Selection.parse(with_zero, week="0").week == 0
    assert Selection.parse(with_zero, week="0").to_query() == ""
    assert Selection.parse(with_zero, week=1).to_query() == "?week=1"


def test_the_filter_bar_and_the_views_follow_from_the_parameters():
    from core.views import CONTROLS, View

    assert CONTROLS == ("sze_editions", "predecessor_editions", "region", "week", "metric", "colour", "compare")

    def view(controls: frozenset[str]) -> View:
        return View("x", "x", "x", 1, skeleton=str, update=dict, outputs={}, controls=controls)

    names = [param.name for param in view(frozenset({"region", "predecessor_editions"})).params]
    assert names == ["tab", "editie", "regio", "presentatie", "filters", "toelichting", "taal"]  # every view's too
    assert [param.name for param in view(frozenset()).params] == [
        "tab",
        "presentatie",
        "filters",
        "toelichting",
        "taal",
    ]


def test_one_click_away_are_the_other_regions_and_weeks_of_the_same_view():
    chosen = Selection.parse(CHOICES, editions=[2021], region="zuid", tab="trends", metric="deelnemers")
    away = chosen.one_click_away()
    assert chosen not in away and len(away) == len(set(away))
    assert {(s.region, s.week) for s in away} == {
        (None, None),
        ("noord", None),
        ("oost", None),
        ("west", None),
        ("zuid", 1),
        ("zuid", 2),
        ("zuid", 3),
        ("zuid", 4),
    }
    assert all((s.tab, s.editions, s.metric, s.lang) == ("trends", (2021,), "deelnemers", "nl") for s in away)
    assert chosen.with_week(9) == chosen.with_week(None) and chosen.with_week(2).week == 2
