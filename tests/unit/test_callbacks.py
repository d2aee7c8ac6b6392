"""Callbacks called as plain functions: what the page would show for a given selection."""

from __future__ import annotations

import json
import re
from pathlib import Path
from unittest.mock import patch

import dash
import pytest
from dash import dcc, no_update

from callbacks import download, evaluation, map, pages, reach, state, trends
from callbacks.common import Runtime, choices
from core.selection import ABOUT_PATH, Choices, Selection
from core.views import View
from layouts import ids, page
from tests.page_tables import rows_of

CHOICES = Choices(
    editions=(2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024),
    metrics=(
        "activiteiten",
        "bezoekers",
        "deelnemers",
        "deelsessies",
        "deelsessies_per_bijeenkomst",
        "initiatieven_afsluiting",
        "initiatieven_opening",
        "regionale_bijeenkomsten",
        "werkbezoeken",
    ),
    regions=("noord", "oost", "west", "zuid"),
    weeks=(1, 2, 3, 4),
    tabs=("kaart", "regio", "vergelijk", "activiteiten", "trends", "evaluatie", "bereik"),
)
SZE_YEARS = [2021, 2022, 2023, 2024]
EVERY_PREDECESSOR = [2017, 2018, 2019, 2020]


def text_of(component) -> str:
    """All text a user would read in a component tree."""
    if component is None:
        return ""
    if isinstance(component, (str, int, float)):
        return str(component)
    if isinstance(component, (list, tuple)):
        return " ".join(text_of(c) for c in component)
    if isinstance(component, dcc.Markdown):  # a table of text: its cells as read, without the Markdown
        return re.sub(r"\\(.)", r"\1", str(component.children))
    return text_of(getattr(component, "children", None))


def store(**values) -> dict:
    return Selection.parse(CHOICES, **values).to_store()


def sync(trigger, link, **controls):
    """The sync callback on the page at ``link`` ('/trends?regio=zuid'; a bare query is the root's)."""
    path, _, query = link.partition("?")
    search = f"?{query}" if query else ""
    return state.sync_selection(trigger, search, controls, choices=CHOICES, sze_years=SZE_YEARS, pathname=path or "/")


def test_the_app_offers_what_the_data_and_the_registry_hold(in_request):
    assert choices() == CHOICES


def test_url_sets_the_filters_on_load():
    out = sync(None, "/trends?editie=2021,2022&regio=zuid&kleur=cijfer")
    assert out["search"] is no_update  # the URL already says it
    assert (out["sze_editions"], out["predecessor_editions"], out["region"], out["week"]) == (
        [2021, 2022],
        [],
        "zuid",
        "",
    )
    assert (out["metric"], out["colour"]) == ("activiteiten", "cijfer")
    assert out["selection"]["tab"] == "trends" and out["selection"]["region"] == "zuid"


def test_a_filter_change_is_written_to_the_url_keeping_the_view():
    out = sync(
        ids.REGION,
        "/trends",
        sze_editions=SZE_YEARS,
        predecessor_editions=EVERY_PREDECESSOR,
        region="noord",
        week="",
        metric="activiteiten",
        colour="cijfer",
    )
    assert out["search"] == "?regio=noord&kleur=cijfer"  # the path keeps the view


def test_the_last_ticked_edition_cannot_be_unticked():
    out = sync(ids.EDITIONS, "/kaart?editie=2024", sze_editions=[], predecessor_editions=[], region="")
    assert out["search"] is no_update and out["sze_editions"] == [2024]


def test_another_page_keeps_its_own_address_and_the_selection():
    kept = {"tab": "trends", "region": "zuid"}
    out = state.sync_selection(None, "", {}, choices=CHOICES, sze_years=SZE_YEARS, on_dashboard=False, stored=kept)
    assert set(out) == set(state.SYNC_OUTPUTS) and all(value is no_update for value in out.values())


def test_another_page_opened_straight_in_english_keeps_its_links_in_english(in_request):
    out = state.sync_selection(None, "?taal=en", {}, choices=CHOICES, sze_years=SZE_YEARS, on_dashboard=False)
    assert out["search"] is no_update and out["selection"]["lang"] == "en"
    links = state.restate_selection(out["selection"])
    assert links["about"] == "/over-de-cijfers?taal=en" and links["dashboard"].endswith("taal=en")
    assert links["other_language"] == "/kaart"


def test_unticking_editions_narrows_the_selection():
    out = sync(ids.EDITIONS, "/kaart", sze_editions=[2024], predecessor_editions=[], region="", week="")
    assert out["search"] == "?editie=2024" and out["sze_editions"] == [2024]
    assert out["predecessor_editions"] == []


def test_reset_keeps_the_open_view_only():
    out = sync(
        ids.RESET,
        "/trends?regio=zuid&kleur=cijfer",
        sze_editions=[2021],
        region="zuid",
        week="4",
        metric="deelnemers",
    )
    assert out["search"] == "" and out["sze_editions"] == SZE_YEARS and out["region"] == ""
    assert out["colour"] == "regio" and out["predecessor_editions"] == EVERY_PREDECESSOR


def test_a_malformed_url_opens_the_asked_view_with_defaults():
    out = sync(None, "/trends?week=%C2%B2&editie=%C2%B2%C2%B2")
    assert out["selection"]["tab"] == "trends" and out["selection"]["week"] is None


def test_a_link_with_values_not_understood_opens_what_it_can_and_says_what_it_ignored():
    out = sync(None, "?editie=2025&regio=ZUID&tab=TRENDS&week=9&kleur=paars")
    assert out["selection"]["tab"] == "trends" and out["region"] == "zuid" and out["sze_editions"] == SZE_YEARS
    # an old link's view (it reached the renderer without the server's redirect) stays in the address
    assert out["search"] == "?tab=trends&regio=zuid"
    assert out["note"] == (
        "Niet herkend in de link en genegeerd: editie 2025 (niet in de gegevens), week 9 (niet in de gegevens), "
        "kaartkleur ‘paars’."
    )
    assert out["note_hidden"] is False


def test_the_note_on_an_english_page_is_english():
    out = sync(None, "?taal=EN&regio=atlantis&vergelijk=2023-w9,2021,2022,2023,2024,2021-zuid,2022-noord,2023-oost")
    assert out["selection"]["lang"] == "en"
    assert out["note"] == (
        "Not recognised in the link and ignored: region ‘atlantis’, comparison 2023-w9 (not in the data), "
        "comparison ‘2023-oost’ (more than 6 choices)."
    )


def test_the_note_names_five_counts_the_rest_and_says_a_second_value_came_too_late():
    out = sync(None, "?regio=zuid&regio=noord&editie=" + ",".join(f"x{i}" for i in range(1200)))
    assert out["region"] == "zuid"
    assert out["note"] == (
        "Niet herkend in de link en genegeerd: editie ‘x0’, editie ‘x1’, editie ‘x2’, editie ‘x3’, editie ‘x4’ "
        "en nog 1.196 andere."  # 1195 more editions and the second regio
    )
    english = sync(None, "?taal=en&tab=trends&tab=foo")
    assert english["note"] == "Not recognised in the link and ignored: view ‘foo’ (already given earlier in the link)."
    counted = sync(None, "?" + "&".join(["utm=1"] * 64) + "&regio=zuid")
    assert counted["note"] == "Niet herkend in de link en genegeerd: 1 waarde."
    assert sync(None, "?" + "&".join(["utm=1"] * 70))["note"] == "Niet herkend in de link en genegeerd: 6 waarden."


def test_the_note_shows_a_value_as_text_and_never_at_length():
    out = sync(None, "?regio=<img src=x onerror=alert(1)>" + "x" * 500)
    assert out["note"] == "Niet herkend in de link en genegeerd: regio ‘<img src=x onerror=alert(1)>xxxxxxxxxxx…’."
    assert isinstance(out["note"], str)  # a string child: Dash writes it as text, never as markup


def test_the_note_is_gone_with_a_clean_link_or_the_first_change_on_the_page():
    for out in (
        sync(None, "/trends?regio=zuid&utm_source=nieuwsbrief"),  # another site's parameter: not a word
        sync(ids.URL, "/trends"),
        sync(ids.REGION, "/trends?regio=atlantis", sze_editions=SZE_YEARS, region="noord"),
        sync(ids.RESET, "/trends?regio=atlantis"),
        sync(ids.FILTER_TOGGLE, "/trends?regio=atlantis"),
    ):
        assert out["note"] is None and out["note_hidden"] is True
    back = sync(ids.URL, "/trends?regio=atlantis")  # back or forward to the link: said again
    assert back["note"] == "Niet herkend in de link en genegeerd: regio ‘atlantis’." and back["note_hidden"] is False


#: the filter controls as the page shows the default selection, by name (state.CONTROLS)
SHOWN_CONTROLS = {
    "sze_editions": SZE_YEARS,
    "predecessor_editions": EVERY_PREDECESSOR,
    "region": "",
    "week": "",
    "metric": "activiteiten",
    "colour": "regio",
    "compare": [],
}


def test_a_filter_click_is_drawn_and_restated_by_the_open_views_own_answer(in_request):
    clicked = SHOWN_CONTROLS | {"region": "noord"}
    selection, changes = state.control_change(clicked, store(tab="trends"), "", "/trends", True)
    assert selection["region"] == "noord" and selection["tab"] == "trends"
    # the address, the Store, the links and the summary say it, in the same answer as the view
    assert changes["search"] == "?regio=noord" and changes["selection"] == selection
    assert changes["href-kaart"] == "/kaart?regio=noord" and changes["dashboard"] == "/trends?regio=noord"
    assert "Noord" in changes["summary"]
    # the controls show the click already, the open tab stays open, and no link note was shown
    assert not set(changes) & {*state.CONTROLS, "active-trends", "note", "note_hidden"}
    with patch("callbacks.state.set_props") as set_props:
        state.publish(changes, clicked)
    (published, data), _ = set_props.call_args
    assert published == ids.PUBLISHED and data["data"]["controls"] == list(clicked.values())
    props = data["data"]["props"]
    assert props[ids.URL] == {"search": "?regio=noord"} and props[ids.tab_link("kaart")] == {
        "href": "/kaart?regio=noord"
    }


def test_a_filter_click_on_an_english_page_keeps_the_page_english(in_request):
    clicked = SHOWN_CONTROLS | {"region": "noord"}
    stored = store(tab="trends", lang="en")
    selection, changes = state.control_change(clicked, stored, "?taal=en", "/trends", True)
    assert selection["lang"] == "en" and "taal=en" in changes["search"] and "regio=noord" in changes["search"]
    assert changes["other_language"] == "/trends?regio=noord"  # the Dutch page, with the same filters


def test_the_link_note_goes_with_the_first_change_made_on_the_page(in_request):
    clicked = SHOWN_CONTROLS | {"week": "3"}
    _, changes = state.control_change(clicked, store(tab="kaart"), "?regio=atlantis", "/kaart", False)
    assert changes["note_hidden"] is True and changes["search"] == "?week=3"


def test_controls_that_say_what_the_store_holds_change_nothing(in_request):
    # on load, back or forward the address set the controls, then the view draws what the Store holds
    stored = store(tab="kaart", region="zuid")
    unchanged = state.control_change(SHOWN_CONTROLS | {"region": "zuid"}, stored, "?regio=zuid", "/kaart", False)
    assert unchanged == (stored, {})
    # the width class changed while a click was on its way, its answer not published yet: what the controls say
    clicked = SHOWN_CONTROLS | {"region": "noord"}
    selection, changes = state.control_change(clicked, stored, "?regio=zuid", "/kaart", False)
    assert selection["region"] == "noord" and changes["search"] == "?regio=noord"


def test_the_last_edition_unticked_is_ticked_again_by_the_views_answer(in_request):
    stored = store(tab="kaart", editions=[2024])
    unticked = SHOWN_CONTROLS | {"sze_editions": [], "predecessor_editions": []}
    selection, changes = state.control_change(unticked, stored, "?editie=2024", "/kaart", True)
    assert selection == stored and changes == {"sze_editions": [2024]}


def test_presentation_keys_step_through_the_router_s_location():
    # assets/presentation.js sets the next view's path on the Location Dash's page router listens to: the page's own
    # ('url') pushes a query without telling the router (layouts/page.py), so a path set there would show no page
    script = (Path(__file__).parents[2] / "assets" / "presentation.js").read_text()
    assert f'var LOCATION = "{dash.dash._ID_LOCATION}";' in script


def test_view_links_carry_the_filters_and_mark_the_open_view(in_request):
    links = state.restate_selection(store(tab="trends", region="zuid", metric="deelsessies"))
    assert links["dashboard"] == "/trends?regio=zuid&cijfer=deelsessies"
    assert links["href-trends"] == "/trends?regio=zuid&cijfer=deelsessies"
    links = state.restate_selection(store(tab="trends", region="zuid", colour="cijfer"))
    assert [links[f"href-{tab}"] for tab in CHOICES.tabs] == [
        "/kaart?regio=zuid&kleur=cijfer",
        "/regio?regio=zuid&kleur=cijfer",
        "/vergelijk?regio=zuid&kleur=cijfer",
        "/activiteiten?regio=zuid&kleur=cijfer",
        "/trends?regio=zuid&kleur=cijfer",
        "/evaluatie?regio=zuid&kleur=cijfer",
        "/bereik?regio=zuid&kleur=cijfer",
    ]
    assert [links[f"active-{tab}"] for tab in CHOICES.tabs] == [False, False, False, False, True, False, False]
    assert links["hidden-compare"] is True  # the comparison picker only shows on the comparison


@pytest.mark.parametrize(
    ("tab", "shown"),
    [
        ("kaart", {"sze_editions", "region", "week", "colour"}),  # the figure only with kleur=cijfer
        ("trends", {"sze_editions", "predecessor_editions", "region", "week", "metric"}),
        ("evaluatie", {"sze_editions"}),
        ("vergelijk", {"sze_editions", "compare"}),
        ("bereik", set()),
    ],
)
def test_only_the_filters_that_act_on_a_view_show_on_it(in_request, tab, shown):
    out = state.restate_selection(store(tab=tab))
    assert {name for name in page.CONTROL_GROUPS if not out[f"hidden-{name}"]} == shown
    # a view no filter acts on says so, instead of an empty card
    assert out["none_hidden"] is bool(shown)


def test_the_filter_fold_lives_in_the_url_and_tells_screen_readers(in_request):
    out = sync(ids.FILTER_TOGGLE, "/trends?regio=zuid")  # folded by default: the button unfolds the panel
    assert out["search"] == "?regio=zuid&filters=1"
    unfolded = state.restate_selection(out["selection"])
    assert unfolded["filters_open"] is True and unfolded["toggle_expanded"] == "true"
    assert unfolded["href-kaart"] == "/kaart?regio=zuid&filters=1"  # the other views open unfolded too
    # a control changed while unfolded keeps the panel open; the button again folds it
    out = sync(ids.REGION, "/trends?filters=1", region="west")
    assert out["search"] == "?regio=west&filters=1"
    out = sync(ids.FILTER_TOGGLE, "/trends?filters=1")
    assert out["search"] == ""
    assert state.restate_selection(out["selection"])["toggle_expanded"] == "false"


def test_links_and_summary_come_in_one_answer(in_request):
    out = state.restate_selection(store(tab="bereik", region="west"))
    assert out["dashboard"] == "/bereik?regio=west" and out["summary"] == "Getoond: alle edities; regio West."
    assert out["report"] == "/rapport?tab=bereik&regio=west"  # the briefing of what is shown


def test_the_summary_says_what_is_shown_with_region_names_from_the_data(in_request):
    summary = state.describe_selection(Selection.parse(CHOICES, editions=[2021], region="zuid", week=4))
    assert summary == "Getoond: editie 2021; regio Zuid; week 4."
    assert state.describe_selection(Selection.default(CHOICES)) == "Getoond: alle edities."


def test_clicking_a_province_selects_its_region_and_again_clears_it(in_request):
    click = {"points": [{"location": "Limburg", "customdata": "zuid"}]}
    assert map.region_from_click(click, "") == "zuid"
    assert map.region_from_click(click, "zuid") == ""
    assert map.region_from_click({"points": [{"customdata": "<script>"}]}, "") is no_update
    assert map.region_from_click("garbage", "") is no_update


def test_trends_show_gaps_and_no_totals_as_words(in_request):
    out = trends.update_trends(store(tab="trends"))
    words, sources, note = text_of(out["text"]), out["sources"], out["note"]
    assert "210" in words and "300" in words
    assert "Geen totalen gepubliceerd" in words  # 2023, 2024
    assert "meer dan 270" in words  # the predecessor, in its own cards
    assert "Kamerbrief" in text_of(sources)
    assert "Definitie" in text_of(note)


def test_trends_for_a_region_show_only_that_regions_figures(in_request):
    out = trends.update_trends(store(tab="trends", region="zuid"))
    figure, text, sources, note = out["graph"], out["text"], out["sources"], out["note"]
    assert "ruim vijftig" in text_of(text)
    assert "Slimme Zorg Estafette 2022 · Activiteiten · regio Zuid" in text_of(text)
    assert "CIC West-Brabant" in text_of(sources)
    assert "regio Zuid" in text_of(note)
    assert not any(trace.xaxis == "x2" for trace in figure.data)  # no predecessor for a region


def _card_details(out) -> dict[str, str]:
    """Each SZE card's title and the line under its value (the dates it is about)."""
    cards = {}
    for column in out["text"].children[1].children:
        body = column.children.children  # the column, its card, the card's lines
        cards[body[0].children] = body[2].children
    return cards


def test_trend_cards_of_a_region_or_week_show_that_weeks_dates_not_the_editions(in_request):
    zuid = _card_details(trends.update_trends(store(tab="trends", region="zuid")))
    assert zuid["Slimme Zorg Estafette 2021 · Activiteiten · regio Zuid"].startswith(
        "week 4 (regio Zuid), 22–26 februari 2021"
    )
    assert (
        zuid["Slimme Zorg Estafette 2023 · Activiteiten · regio Zuid"]
        == "week 4 (regio Zuid), 27 februari – 3 maart 2023"
    )
    # 2022 published no week order: the edition's 27 januari – 25 februari is not passed off as Zuid's week
    assert zuid["Slimme Zorg Estafette 2022 · Activiteiten · regio Zuid"] == "weekdatum niet gepubliceerd"
    week_2 = trends.update_trends(store(tab="trends", week="2", editions=[2021]))
    assert _card_details(week_2) == {
        "Slimme Zorg Estafette 2021 · Activiteiten · week 2": "week 2 (regio West), 8–12 februari 2021"
    }
    assert "weekdatum: ICT&health" in text_of(week_2["text"]) and "ICT&health" in text_of(week_2["sources"])
    apart = _card_details(trends.update_trends(store(tab="trends", region="noord", week="1", editions=[2021])))
    assert list(apart.values()) == ["regio Noord had week 3, niet week 1"]
    national = _card_details(trends.update_trends(store(tab="trends", editions=[2021])))
    assert national["Slimme Zorg Estafette 2021 · Activiteiten"].startswith("1–26 februari 2021")


def test_map_for_a_region_lists_only_its_initiatives(in_request):
    out = map.update_map(store(region="noord", editions=[2024]))
    words, note, sources = text_of(out["text"]), out["note"], out["sources"]
    assert "Geen cijfers per regio gepubliceerd" in text_of(out["side"])
    assert "Tour de BeterDichtbij (Sneek)" in words and "Roosendaal" not in words
    assert "Omvang (zoals gepubliceerd)" in words
    assert "2024: weekvolgorde niet gepubliceerd" in text_of(note)
    assert "Natural Earth" in text_of(sources)


def _week_order(side) -> list[tuple[str, str, str]]:
    """The week-order table beside the map as (edition, week, region) rows; [] when it is a sentence."""
    found = side.children[1]
    if getattr(found, "className", "") != "table-responsive":  # a sentence, not a table in its scrolling box
        return []
    return [tuple(row[:3]) for row in rows_of(found)]


def test_the_week_order_beside_the_map_follows_the_region_and_week_filters(in_request):
    assert len(_week_order(map.update_map(store())["side"])) == 8  # 2021 and 2023, four regions each
    assert _week_order(map.update_map(store(region="zuid"))["side"]) == [("2021", "4", "Zuid"), ("2023", "4", "Zuid")]
    assert _week_order(map.update_map(store(week="2"))["side"]) == [("2021", "2", "West"), ("2023", "2", "West")]
    assert _week_order(map.update_map(store(region="west", week="2", editions=[2023]))["side"]) == [
        ("2023", "2", "West")
    ]
    apart = map.update_map(store(region="noord", week="1"))["side"]
    assert _week_order(apart) == []
    assert "Geen week in de weekvolgorde past bij regio Noord en week 1." in text_of(apart)
    # no order published at all still says so, not that the filters left nothing
    assert "geen weekvolgorde gepubliceerd" in text_of(map.update_map(store(region="zuid", editions=[2022]))["side"])


def test_initiatives_show_the_size_their_source_gives(in_request):
    text = map.update_map(store(editions=[2022]))["text"]
    assert "14 VVT instellingen" in text_of(text) and "zo’n 150 cliënten" in text_of(text)


def test_map_with_a_region_and_week_that_exclude_each_other_fades_every_region(in_request):
    out = map.update_map(store(region="noord", week="1"))
    assert all(t.marker.opacity < 0.5 for t in out["graph"].data if t.type == "choropleth")
    assert "Geen regio had week 1" in text_of(out["note"])


def test_map_by_a_figure_without_regional_values_says_so_in_its_title(in_request):
    figure = map.update_map(store(colour="cijfer", metric="bezoekers"))["graph"]
    assert figure.layout.title.text == "Bezoekers van activiteiten per regio: niet gepubliceerd"


def test_map_by_week_highlights_the_region_that_had_that_week(in_request):
    figure = map.update_map(store(week="1", editions=[2021]))["graph"]
    opacities = {t.name: t.marker.opacity for t in figure.data if t.type == "choropleth"}
    assert opacities["Oost"] == 1.0 and opacities["Zuid"] < 0.5


def test_evaluation_says_regional_filters_do_not_apply(in_request):
    out = evaluation.update_evaluation(store(tab="evaluatie", region="west"))
    assert "alleen landelijk" in text_of(out["note"])
    assert "De SZE 2022 als geheel" in text_of(out["text"])
    only_2023 = evaluation.update_evaluation(store(tab="evaluatie", editions=[2023]))
    assert "Geen evaluatie gepubliceerd voor: 2023" in text_of(only_2023["note"])


def test_reach_shows_every_indicator_with_qualifier_and_period(in_request):
    out = reach.update_reach(store(tab="bereik"))
    words = text_of(out["text"])
    assert "meer dan 300.000" in words and "miljoenen" in words and "Periode: 2020-2021" in words
    assert "2020-2021" in text_of(out["note"])
    assert "security.nl" in text_of(out["monitor-sources"]) and "security.nl" not in text_of(out["sources"])


def test_a_tampered_store_falls_back_to_the_default_view(in_request):
    figure = trends.update_trends({"metric": "x' OR 1=1", "editions": "all", "region": ["zuid"]})["graph"]
    assert "Activiteiten" in figure.layout.title.text


def test_each_view_is_a_page_at_its_own_path_and_the_root_shows_the_map(in_request):
    registered = {page["path"]: page for page in dash.page_registry.values()}
    for tab in CHOICES.tabs:
        assert registered[f"/{tab}"]["view"].slug == tab
    assert {"/", "/over-de-cijfers", "/rapport"} <= set(registered)
    root = text_of(registered["/"]["layout"]())
    assert root == text_of(registered["/kaart"]["layout"]()) and "Kaart" in root
    # the browser's tab and history tell the pages apart, in the page's language
    assert registered["/trends"]["title"]() == "Trends · Slimme Zorg Estafette in cijfers"


def test_the_router_builds_a_page_unless_the_container_already_holds_it_in_that_language(in_request):
    trends = dash.page_registry["sze.view.trends"]["layout"]
    built = trends(rendered=None, address="?regio=zuid")
    assert built.to_plotly_json()["props"]["data-page"] == "trends:nl"  # read back by the browser (RENDERED_SCRIPT)
    assert trends(rendered="trends:nl") is no_update  # a filter changed the query: the charts stay
    # another page, or this one in the other language, is built
    assert trends(rendered="evaluation:nl") is not no_update and trends(rendered="trends:en") is not no_update
    assert pages.about_layout(rendered="about:nl") is no_update and pages.about_layout(rendered="trends:nl")


def test_the_filters_show_on_the_views_only(in_request):
    assert pages.show_page("/") is False and pages.show_page("/trends/") is False
    for other in ("/over-de-cijfers", "/rapport", "/admin", "/Trends"):
        assert pages.show_page(other) is True, other


def test_about_page_lists_sources_discrepancies_and_editions_without_totals(in_request):
    words = text_of(pages.about_layout())
    assert "Aantal deelsessies" in words and "39 deelsessies" in words
    assert "landelijke afsluiting op 4 maart" in words
    assert "Slimme Zorg Estafette 2023" in words and "Slimme Zorg Estafette 2024" in words
    assert "Dataset geladen op " in words and "UTC." in words and "T1" not in words.split("Dataset geladen op ")[1]
    assert "Bijna 33.000 bezoekers activiteiten Slimme Zorg Estafette" in words


def test_only_predecessor_editions_chosen_still_gives_every_view(in_request):
    only_2019 = store(editions=[2019], colour="cijfer")
    assert "Geen cijfers per regio gepubliceerd" in text_of(map.update_map(only_2019)["side"])
    trend_text = trends.update_trends({**only_2019, "tab": "trends"})["text"]
    assert "meer dan 270" in text_of(trend_text) and "210" not in text_of(trend_text)
    evaluation_figure = evaluation.update_evaluation(only_2019)["graph"]
    assert "geen evaluatieresultaten" in evaluation_figure.layout.annotations[0].text


def test_download_holds_each_figure_with_its_words_and_source(in_request):
    table = download.figures_table(store(editions=[2022]))
    row = table[table["zoals_gepubliceerd"] == "ruim 3500"].iloc[0]
    assert (row["waarde"], row["bron_datum"], row["kwalificatie"], row["niveau"]) == (
        "3500",
        "voorjaar 2022",
        "ruim",
        "landelijk",
    )
    assert set(table["editie"]) == {2022}
    assert "cijfer: De SZE 2022 als geheel" in set(table["cijfer"])
    # a view that declares no charts' tables gets every figure of the selection
    undeclared = View(**{**vars(map.VIEW), "tables": {}})
    with patch.object(Runtime, "views", (undeclared,)):
        sent = download.download(1, store(editions=[2022]))
    assert sent["filename"] == "sze-cijfers.csv" and sent["content"].startswith("\ufeffeditie;niveau;regio")
    assert ";8;een 8.0;" in sent["content"] and "bijna 33.000" not in sent["content"]  # of 2022 only


def test_download_for_a_region_holds_only_that_regions_figures(in_request):
    table = download.figures_table(store(editions=[2021, 2022], region="zuid"))
    assert list(table["zoals_gepubliceerd"]) == ["ruim vijftig", "elf"]
    assert set(table["niveau"]) == {"regio"} and set(table["week"]) == {"4"}


def test_the_week_filter_keeps_only_initiatives_of_the_region_that_had_that_week(in_request):
    every = text_of(map.update_map(store(editions=[2021, 2024]))["text"])
    assert "Roosendaal" in every
    out = map.update_map(store(editions=[2021, 2024], week=4))
    assert "Roosendaal" not in text_of(out["text"])  # 2024 has no published week order
    assert "niet getoond: 2024" in text_of(out["note"])


def test_the_download_for_a_week_holds_only_figures_published_for_that_week(in_request):
    assert list(download.figures_table(store(editions=[2021], week=4))["zoals_gepubliceerd"]) == ["ruim vijftig", "elf"]
    assert download.figures_table(store(editions=[2021], week=1)).empty  # nothing published for week 1


def test_the_download_writes_decimals_with_a_comma_for_dutch_spreadsheets(in_request):
    content = download.download(1, store(editions=[2021, 2022], tab="evaluatie"))["content"]
    assert ";7,5;gemiddeld een 7.5;" in content and ";8;een 8.0;" in content
    assert "7.5;" not in content.replace("een 7.5;", "")


@pytest.fixture
def two_regional_editions(tmp_path):
    """A database where 2021 (Zuid, as published) and 2022 (Noord, synthetic) have the figure per region."""
    from sqlalchemy import insert

    from dashboard.app import create_app
    from dashboard.settings import Settings
    from data_access import schema
    from data_access.engine import make_engine
    from ingest.loader import load_bundled

    url = f"sqlite:///{tmp_path / 'regional.db'}"
    engine = make_engine(url)
    load_bundled(engine)
    with engine.begin() as conn:
        conn.execute(
            insert(schema.figures).values(
                edition=2022,
                region="noord",
                metric="activiteiten",
                value=40,
                qualifier="exact",
                published_text="40",
                source_id="kamerbrief-2022",
                origin="test",
                is_synthetic=True,
            )
        )
    engine.dispose()
    app = create_app(Settings(database_url=url))
    with app.server.test_request_context("/"):
        yield


def test_the_map_by_figure_shows_the_latest_chosen_edition_with_regional_values(two_regional_editions):
    both = map.update_map(store(editions=[2021, 2022], colour="cijfer"))["graph"]
    assert both.layout.title.text == "Activiteiten per regio, 2022"
    colours = {t.name: t.colorscale[0][1] for t in both.data if t.type == "choropleth"}
    assert colours["Noord"] != colours["Zuid"]  # Zuid has no 2022 value: grey
    only_2021 = map.update_map(store(editions=[2021], colour="cijfer"))["graph"]
    assert only_2021.layout.title.text == "Activiteiten per regio, 2021"


def test_the_download_is_of_the_selection_with_each_figure_named(in_request):
    sent = download.download(1, store(editions=[2022]))
    assert sent["type"] == "text/csv" and "bijna 33.000" not in sent["content"]  # 2021 is not chosen
    table = download.figures_table(store(editions=[2022]))
    named = dict(zip(table["zoals_gepubliceerd"], table["cijfer"], strict=True))
    assert named["ruim 3500"] == "Deelnemers aan activiteiten" and named["300"] == "Activiteiten"
    assert download.download(None, store(editions=[2022])) is None  # nothing before the button is pressed


def test_reach_for_an_edition_within_an_open_ended_period_does_not_say_the_filter_is_ignored(in_request):
    assert "editiefilter geldt hier niet" not in text_of(
        reach.update_reach(store(tab="bereik", editions=[2019]))["note"]
    )
    assert "editiefilter geldt hier niet" in text_of(reach.update_reach(store(tab="bereik", editions=[2017]))["note"])


def _card_titles(component) -> list[str]:
    """The small titles of the figure cards a view shows."""
    found = []

    def walk(node):
        if isinstance(node, (list, tuple)):
            for child in node:
                walk(child)
        elif node is not None and not isinstance(node, (str, int, float)):
            if "card-title-small" in (getattr(node, "className", None) or ""):
                found.append(text_of(node))
            walk(getattr(node, "children", None))

    walk(component)
    return found


def test_an_e_healthweek_edition_without_a_value_is_not_titled_with_another_years_count(in_request):
    """Every e-healthweek card is titled with its own year's way of counting, not 'Activiteiten (2017)'."""
    titles = _card_titles(trends.update_trends(store(tab="trends"))["text"])
    assert not [title for title in titles if "(2017)" in title or "(2019" in title]
    assert "E-healthweek 2018 · Activiteiten" in titles  # 250 (ICT&health, 1 februari 2019)
    assert "E-healthweek 2019 · Evenementen" in titles and "E-healthweek 2017 · Activiteiten" in titles


def test_the_e_healthweeks_partner_counts_are_shown_with_source(in_request):
    out = trends.update_trends(store(tab="trends", editions=[2019, 2020]))
    words = text_of(out["text"])
    assert "E-healthweek: partnerorganisaties" in words
    assert "E-healthweek 2019 · Partnerorganisaties" in _card_titles(out["text"])
    # 2019: the letter's 310 partners and ICT&health's 300 organisations, both, each with its source
    assert "310" in words and "300 organisaties" in words and "240" in words
    assert "Kamerstuk 27529 nr. 171), 18 februari 2019" in words and "ICT&health, 1 februari 2019" in words
    assert "Definitie partnerorganisaties" in text_of(out["note"])
    assert "partnerorganisaties" not in text_of(trends.update_trends(store(tab="trends", editions=[2021]))["text"])


def test_trend_cards_put_no_arrow_between_2021s_digital_activities_and_2022s_activities(in_request):
    text = text_of(trends.update_trends(store(tab="trends", metric="activiteiten"))["text"])
    assert "210 digitale activiteiten" in text and "300" in text
    # the dataset records that the two were not counted the same way: no change is stated
    assert "▲" not in text and "▼" not in text and "meer dan in 2021" not in text


def test_the_evaluation_table_says_the_change_against_the_edition_before_only_where_comparable(in_request):
    out = evaluation.update_evaluation(Selection.parse(choices(), tab="evaluatie", editions=[2022]).to_store())
    boxed = out["text"].children[1]  # the table in its own scrolling box (layouts.components.table)
    rows = [[text_of(cell) for cell in row.children] for row in boxed.children.children[1].children]
    returning = next(r for r in rows if r[0] == "2022" and r[2] == "90 procent")
    assert "meer dan in 2021 (86 procent)" in returning[3]  # 2021 not chosen, still the edition before
    score = next(r for r in rows if r[0] == "2022" and r[2] == "een 8,0")
    assert "niet te vergelijken" in score[3]  # 2021 rated the regional meetings, 2022 the edition as a whole


@pytest.mark.parametrize(
    "selection",
    [{}, {"region": "zuid"}, {"week": "2"}, {"editions": [2019]}, {"editions": [2022]}, {"editions": [2023, 2024]}],
)
def test_every_view_draws_for_a_phone_whatever_the_selection(in_request, selection):
    """A phone's charts are drawn by other code than a wide screen's: each view, each kind of selection."""
    from callbacks import VIEWS, full_update

    for view in VIEWS:
        parts = full_update(view)(store(tab=view.slug, **selection), "narrow")
        figures = [value for name, value in parts.items() if name.endswith("graph")]
        assert figures, view.slug
        for figure in figures:
            assert "export" in figure.layout.meta and not figure.layout.title.subtitle.text, view.slug


def test_a_filter_change_sends_only_what_changes_on_the_page(in_request):
    def restate(trigger, link, stored, **controls):
        path, _, query = link.partition("?")
        return state.sync_and_restate(
            trigger,
            f"?{query}" if query else "",
            controls,
            stored,
            CHOICES.tabs,
            choices=CHOICES,
            sze_years=SZE_YEARS,
            pathname=path,
            on_dashboard=path != ABOUT_PATH,
        )

    shown = {
        "sze_editions": [2021, 2022, 2023, 2024],
        "predecessor_editions": EVERY_PREDECESSOR,
        "region": "",
        "week": "",
        "metric": "activiteiten",
        "colour": "editie",
        "compare": [],
    }
    opened = restate(None, "/trends", None, **shown)
    # the first answer restates everything: the page has nothing yet
    assert opened["dashboard"] == "/trends" and opened["active-trends"] is True and opened["summary"]
    clicked = restate(ids.REGION, "/trends", opened["selection"], **(shown | {"region": "zuid"}))
    assert clicked["search"] == "?regio=zuid" and clicked["selection"]["region"] == "zuid"
    # the links follow the region; the control the user set, the other controls and the open tab are left alone
    assert clicked["dashboard"] == "/trends?regio=zuid" and clicked["href-kaart"] == "/kaart?regio=zuid"
    unchanged = [name for name, value in clicked.items() if value is no_update]
    assert {"region", "week", "metric", "sze_editions", "active-trends", "active-kaart", "filters_open"} <= set(
        unchanged
    )
    # on another page the selection stays as it is, and so does all that restates it
    elsewhere = restate(ids.URL, ABOUT_PATH, clicked["selection"], **shown)
    assert all(elsewhere[key] is no_update for key in ("selection", "dashboard", "summary", "href-trends"))


def test_a_filter_change_redraws_only_the_parts_of_the_view_that_change(in_request):
    from callbacks import SHOWN, VIEWS, full_update

    update = full_update(next(view for view in VIEWS if view.slug == "trends"))
    noord = update(store(tab="trends", region="noord"), "wide", None)
    assert all(value is not no_update for value in noord.values())  # a page just opened shows nothing yet
    assert all(
        value is no_update for value in update(store(tab="trends", region="noord"), "wide", noord[SHOWN]).values()
    )
    oost = update(store(tab="trends", region="oost"), "wide", noord[SHOWN])
    # the chart and its text follow the region; the sources line is the same for every region, and stays
    assert oost["graph"] is not no_update and oost["text"] is not no_update and oost["sources"] is no_update
    # whatever else the browser sends for what it shows, it gets every part
    assert all(value is not no_update for value in update(store(tab="trends", region="west"), "wide", ["x"]).values())


def test_tiles_sent_anew_bring_their_links_and_the_links_alone_follow_a_click():
    # as made, and as kept (JSON: answers.answer): tiles sent anew carry their links' addresses, and the links'
    # own output stays out of that answer (Dash would set addresses on the tiles the answer replaces, and the
    # rest of the answer, the chart too, would not be drawn)
    from dash import html as h
    from plotly.io.json import to_json_plotly

    from callbacks import fingerprints, only_changed

    link = dcc.Link("Trends", href="/trends?regio=zuid", id=ids.view_link("map", "bezoekers"))
    answer = {"tiles": h.Div([h.Span("42"), link]), "links": {"bezoekers": "/trends?regio=zuid"}}
    answer["shown"] = fingerprints(answer)
    other = dict(answer, shown={**answer["shown"], "links": "another address"})
    for form in (answer, json.loads(to_json_plotly(answer))):
        sent = only_changed(form, None)  # a page that shows nothing yet
        assert sent["tiles"] is not no_update and sent["links"] is no_update
        clicked = only_changed(form, other["shown"] | {"links": "the region before"})
        assert clicked["tiles"] is no_update and clicked["links"] == {"bezoekers": "/trends?regio=zuid"}
