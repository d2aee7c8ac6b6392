"""Callbacks called as plain functions: what the page would show for a given selection."""

from __future__ import annotations

from dash import no_update

from callbacks import evaluation, map, pages, reach, state, trends
from dashboard.selection import Selection
from layouts import ids

KNOWN = [2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024]
METRICS = ["activiteiten", "bezoekers", "deelnemers", "deelsessies"]


def text_of(component) -> str:
    """All text a user would read in a component tree."""
    if component is None:
        return ""
    if isinstance(component, (str, int, float)):
        return str(component)
    if isinstance(component, (list, tuple)):
        return " ".join(text_of(c) for c in component)
    return text_of(getattr(component, "children", None))


def store(**values) -> dict:
    return Selection.parse(known_editions=KNOWN, known_metrics=METRICS, **values).to_store()


KNOWN_BY_PROGRAMME = {"ehealthweek": [2017, 2018, 2019, 2020], "sze": [2021, 2022, 2023, 2024]}


def sync(trigger, search, sze=None, predecessor=None, region=None, week=None, metric=None, colour=None):
    return state.sync_selection(
        trigger, search, sze, predecessor, region, week, metric, colour, known=KNOWN_BY_PROGRAMME, known_metrics=METRICS
    )


def test_url_sets_the_filters_on_load():
    search, sze, predecessor, region, week, metric, _colour, data = sync(
        None, "?tab=trends&editie=2021,2022&regio=zuid"
    )
    assert search is no_update  # the URL already says it
    assert (sze, predecessor, region, week, metric) == ([2021, 2022], [], "zuid", "", "activiteiten")
    assert data["tab"] == "trends" and data["region"] == "zuid"


def test_a_filter_change_is_written_to_the_url_keeping_the_view():
    out = sync(
        ids.REGION,
        "?tab=trends",
        [2021, 2022, 2023, 2024],
        [2017, 2018, 2019, 2020],
        "noord",
        "",
        "activiteiten",
        "regio",
    )
    assert out[0] == "?tab=trends&regio=noord"


def test_the_last_ticked_edition_cannot_be_unticked():
    out = sync(ids.EDITIONS, "?tab=kaart&editie=2024", [], [], "", "", "activiteiten", "regio")
    assert out[0] is no_update and out[1] == [2024]


def test_another_page_keeps_its_own_address_and_the_selection():
    out = state.sync_selection(
        None,
        "",
        None,
        None,
        None,
        None,
        None,
        None,
        known=KNOWN_BY_PROGRAMME,
        known_metrics=METRICS,
        on_dashboard=False,
    )
    assert all(value is no_update for value in out)


def test_unticking_editions_narrows_the_selection():
    out = sync(ids.EDITIONS, "?tab=kaart", [2024], [], "", "", "activiteiten", "regio")
    assert out[0] == "?tab=kaart&editie=2024" and out[1] == [2024] and out[2] == []


def test_reset_keeps_the_open_view_only():
    out = sync(ids.RESET, "?tab=trends&regio=zuid", [2021], [], "zuid", "4", "deelnemers", "cijfer")
    assert out[0] == "?tab=trends" and out[1] == KNOWN_BY_PROGRAMME["sze"] and out[3] == ""


def test_a_malformed_url_opens_the_asked_view_with_defaults():
    out = sync(None, "?tab=trends&week=%C2%B2&editie=%C2%B2%C2%B2")
    assert out[-1]["tab"] == "trends" and out[-1]["week"] is None


def test_view_links_carry_the_filters_and_mark_the_open_view(in_request):
    links = state.view_links(store(tab="trends", region="zuid", metric="deelsessies"))
    assert links[0] == "/?tab=trends&regio=zuid&cijfer=deelsessies"
    assert links[2] == "/?tab=trends&regio=zuid&cijfer=deelsessies"
    links = state.view_links(store(tab="trends", region="zuid"))
    assert links[1:5] == (
        "/?tab=kaart&regio=zuid",
        "/?tab=trends&regio=zuid",
        "/?tab=evaluatie&regio=zuid",
        "/?tab=bereik&regio=zuid",
    )
    assert links[5:] == (False, True, False, False)


def test_links_and_summary_come_in_one_answer(in_request):
    out = state.restate_selection(store(tab="bereik", region="west"))
    assert out[0] == "/?tab=bereik&regio=west" and out[-1] == "Getoond: alle edities; regio West."


def test_the_summary_says_what_is_shown(in_request):
    assert state.describe_selection(store(editions=[2021], region="zuid")) == "Getoond: editie 2021; regio Zuid."
    assert state.describe_selection(None) == "Getoond: alle edities."


def test_clicking_a_province_selects_its_region_and_again_clears_it():
    click = {"points": [{"location": "Limburg", "customdata": "zuid"}]}
    assert state.region_from_click(click, "") == "zuid"
    assert state.region_from_click(click, "zuid") == ""
    assert state.region_from_click({"points": [{"customdata": "<script>"}]}, "") is no_update
    assert state.region_from_click("garbage", "") is no_update


def test_trends_show_gaps_and_no_totals_as_words(in_request):
    _figure, text, sources, note = trends.update_trends(store(tab="trends"))
    words = text_of(text)
    assert "210" in words and "300" in words
    assert "Geen totalen gepubliceerd" in words  # 2023, 2024
    assert "meer dan 270" in words  # the predecessor, in its own cards
    assert "Kamerbrief" in text_of(sources)
    assert "Definitie" in text_of(note)


def test_trends_for_a_region_show_only_that_regions_figures(in_request):
    figure, text, sources, note = trends.update_trends(store(tab="trends", region="zuid"))
    assert "ruim vijftig" in text_of(text)
    assert "Slimme Zorg Estafette 2022 · Activiteiten · regio Zuid" in text_of(text)
    assert "CIC West-Brabant" in text_of(sources)
    assert "regio Zuid" in text_of(note)
    assert not any(trace.xaxis == "x2" for trace in figure.data)  # no predecessor for a region


def test_map_for_a_region_lists_only_its_initiatives(in_request):
    _figure, side, text, sources, note = map.update_map(store(region="noord", editions=[2024]), geojson_url="/g.json")
    words = text_of(text)
    assert "Geen cijfers per regio gepubliceerd" in text_of(side)
    assert "Tour de BeterDichtbij (Sneek)" in words and "Roosendaal" not in words
    assert "Omvang (zoals gepubliceerd)" in words
    assert "2024: weekvolgorde niet gepubliceerd" in text_of(note)
    assert "Natural Earth" in text_of(sources)


def test_initiatives_show_the_size_their_source_gives(in_request):
    _figure, _side, text, *_ = map.update_map(store(editions=[2022]), geojson_url="/g.json")
    assert "14 VVT instellingen" in text_of(text) and "zo’n 150 cliënten" in text_of(text)


def test_map_with_a_region_and_week_that_exclude_each_other_fades_every_region(in_request):
    figure, _side, _text, _sources, note = map.update_map(store(region="noord", week="1"), geojson_url="/g.json")
    assert all(t.marker.opacity < 0.5 for t in figure.data if t.type == "choropleth")
    assert "Geen regio had week 1" in text_of(note)


def test_map_by_a_figure_without_regional_values_says_so_in_its_title(in_request):
    figure, *_ = map.update_map(store(colour="cijfer", metric="bezoekers"), geojson_url="/g.json")
    assert figure.layout.title.text == "Bezoekers van activiteiten per regio: niet gepubliceerd"


def test_map_by_week_highlights_the_region_that_had_that_week(in_request):
    figure, *_ = map.update_map(store(week="1", editions=[2021]), geojson_url="/g.json")
    opacities = {t.name: t.marker.opacity for t in figure.data if t.type == "choropleth"}
    assert opacities["Oost"] == 1.0 and opacities["Zuid"] < 0.5


def test_evaluation_says_regional_filters_do_not_apply(in_request):
    _figure, text, _sources, note = evaluation.update_evaluation(store(tab="evaluatie", region="west"))
    assert "alleen landelijk" in text_of(note)
    assert "De SZE 2022 als geheel" in text_of(text)
    only_2023 = evaluation.update_evaluation(store(tab="evaluatie", editions=[2023]))
    assert "Geen evaluatie gepubliceerd voor: 2023" in text_of(only_2023[3])


def test_reach_shows_every_indicator_with_qualifier_and_period(in_request):
    out = reach.update_reach(store(tab="bereik"))
    words = text_of(out[1])
    assert "meer dan 300.000" in words and "miljoenen" in words and "Periode: 2020-2021" in words
    assert "2020-2021" in text_of(out[3])


def test_a_tampered_store_falls_back_to_the_default_view(in_request):
    figure, _text, *_ = trends.update_trends({"metric": "x' OR 1=1", "editions": "all", "region": ["zuid"]})
    assert "Activiteiten" in figure.layout.title.text


def test_views_are_not_built_behind_the_about_page(in_request):
    assert pages.render_view(store(tab="trends"), "/over-de-cijfers", None) == (no_update, no_update)
    _skeleton, tab = pages.render_view(store(tab="trends"), "/", None)
    assert tab == "trends" and pages.render_view(store(tab="trends"), "/", "trends") == (no_update, no_update)


def test_pages_by_path():
    assert pages.show_page("/") == (False, True, True)
    assert pages.show_page("/over-de-cijfers") == (True, False, True)
    assert pages.show_page("/admin") == (True, True, False)


def test_about_page_lists_sources_discrepancies_and_editions_without_totals(in_request):
    words = text_of(pages.about_content("/over-de-cijfers"))
    assert "Aantal deelsessies" in words and "39 deelsessies" in words
    assert "landelijke afsluiting op 4 maart" in words
    assert "Slimme Zorg Estafette 2023" in words and "Slimme Zorg Estafette 2024" in words
    assert "Dataset geladen op " in words and "UTC." in words and "T1" not in words.split("Dataset geladen op ")[1]
    assert "Bijna 33.000 bezoekers activiteiten Slimme Zorg Estafette" in words


def test_only_predecessor_editions_chosen_still_gives_every_view(in_request):
    only_2019 = store(editions=[2019], colour="cijfer")
    _figure, side, _text, _sources, _note = map.update_map(only_2019, geojson_url="/g.json")
    assert "Geen cijfers per regio gepubliceerd" in text_of(side)
    _trend_figure, trend_text, *_ = trends.update_trends({**only_2019, "tab": "trends"})
    assert "meer dan 270" in text_of(trend_text) and "210" not in text_of(trend_text)
    evaluation_figure, *_ = evaluation.update_evaluation(only_2019)
    assert "geen evaluatieresultaten" in evaluation_figure.layout.annotations[0].text


def test_download_holds_each_figure_with_its_words_and_source(in_request):
    from callbacks import download

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
    sent = download.download(1, store(editions=[2022]))
    assert sent["filename"] == "sze-cijfers.csv" and sent["content"].startswith("\ufeffeditie;niveau;regio")
    assert ";8;een 8.0;" in sent["content"]


def test_download_for_a_region_holds_only_that_regions_figures(in_request):
    from callbacks import download

    table = download.figures_table(store(editions=[2021, 2022], region="zuid"))
    assert list(table["zoals_gepubliceerd"]) == ["ruim vijftig", "elf"]
    assert set(table["niveau"]) == {"regio"} and set(table["week"]) == {"4"}
