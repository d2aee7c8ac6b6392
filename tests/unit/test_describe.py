"""Every chart's sentence for screen readers: what it shows, in the published words, never 'nan'."""

from __future__ import annotations

import re

import plotly.graph_objects as go
import pytest
from sqlalchemy import create_engine

from callbacks import VIEWS, compare, detail, evaluation, full_update, map, reach, region, trends
from callbacks.common import choices
from core.figures.describe import describe_figure, figure_rows
from core.selection import Selection
from dashboard.app import create_app
from dashboard.settings import Settings
from ingest import demo
from layouts import ids


def sentences(view, **selection) -> dict[str, str]:
    """The sentence of each chart the view draws for the selection, by its graph part."""
    parts = full_update(view)(Selection.parse(choices(), tab=view.slug, **selection).to_store())
    out = {}
    for part, prop in view.outputs.items():
        if prop == "figure":
            alt = part.removesuffix("graph") + "alt"
            sentence = parts[alt][0]
            assert sentence.id == f"{ids.part(view.name, alt)}-sentence"  # what the panel's aria-describedby names
            out[part] = sentence.children
    return out


def assert_clean(text: str) -> None:
    """No missing value leaks into what a screen reader says, nor chart markup."""
    assert not re.search(r"\bnan\b", text, re.IGNORECASE), text
    assert "<br>" not in text and "<b>" not in text and "None" not in text, text


def test_every_chart_of_every_view_gets_a_sentence_part():
    for view in VIEWS:
        graphs = [part for part, prop in view.outputs.items() if prop == "figure"]
        assert graphs
        for part in graphs:
            assert view.outputs[part.removesuffix("graph") + "alt"] == "children", (view.name, part)


def test_trends_sentence_names_each_edition_in_its_published_words_and_the_gaps(in_request):
    text = sentences(trends.VIEW)["graph"]
    assert text.startswith("Staafdiagram: Activiteiten per editie.")
    assert "2021: 210 digitale activiteiten" in text and "2022: 300" in text
    assert "2019: meer dan 270 evenementen" in text and "2017: ruim honderd activiteiten" in text
    assert "2018: 250 activiteiten" in text and "; 2023 en 2024 niet gepubliceerd" in text
    assert_clean(text)


def test_trends_sentence_of_visitors_keeps_the_rounding_words(in_request):
    text = sentences(trends.VIEW, metric="bezoekers", editions=[2021, 2022])["graph"]
    assert "2021: bijna 33.000" in text and "2022 niet gepubliceerd" in text
    assert_clean(text)


def test_map_sentence_names_each_region_its_provinces_its_week_and_the_initiatives(in_request):
    text = sentences(map.VIEW)["graph"]
    assert text.startswith("Kaart: SZE-regio's en hun week.")
    assert "Drenthe, Friesland en Groningen: Regio Noord week 3 (2021, 2023)" in text
    assert "Tour de BeterDichtbij (Sneek)" in text
    assert_clean(text)


def test_region_sentence_keeps_to_the_chosen_region(in_request):
    text = sentences(region.VIEW, region="zuid")["graph"]
    assert "Limburg, Noord-Brabant en Zeeland: Regio Zuid" in text and "Roosendaal" in text
    assert_clean(text)


def test_evaluation_sentence_says_which_panel_and_the_published_words(in_request):
    text = sentences(evaluation.VIEW)["graph"]
    assert "Cijfer (schaal niet vermeld):" in text and "gemiddeld een 7,5" in text and "een 8,0" in text
    assert "Doet mee aan volgende editie (%): 2021: 86 procent, 2022: 90 procent" in text
    assert_clean(text)


def test_reach_sentences_give_every_indicator_with_its_qualifier(in_request):
    texts = sentences(reach.VIEW)
    assert "meer dan 300.000 (2020-2021)" in texts["graph"] and "inmiddels 4300" in texts["graph"]
    assert (
        texts["monitor-graph"].startswith("Lijndiagram:")
        and "Huisartsen die e-consult gebruiken: 2022: 94 procent" in (texts["monitor-graph"])
    )
    for text in texts.values():
        assert_clean(text)


def test_without_a_registration_the_charts_say_why_they_are_empty(in_request):
    for text in [*sentences(compare.VIEW).values(), *sentences(detail.VIEW).values()]:
        assert text.startswith("Grafiek zonder gegevens:") and "Geen" in text
        assert_clean(text)


@pytest.fixture
def demo_app(filled_db_url):
    db_url = filled_db_url
    engine = create_engine(db_url)
    demo.generate(engine, 300, seed=11)
    engine.dispose()
    return create_app(Settings(database_url=db_url))


def test_registration_sentences_give_counts_and_shares_with_their_units(demo_app):
    with demo_app.server.test_request_context("/"):
        activities = sentences(detail.VIEW)
        compared = sentences(compare.VIEW)
    assert activities["map_graph"].startswith("Kaart: Activiteiten per provincie en plaats.")
    assert "Gelderland: Activiteiten:" in activities["map_graph"]
    assert re.search(r"Thema: Voorkomen van zorg: \d+, Verplaatsen van zorg: \d+", activities["breakdown_graph"])
    assert re.search(r"Zorgprofessional: 1: \d+", activities["rating_graph"])
    assert re.search(r"Voorkomen van zorg: \d+(,\d)?%", compared["mix_graph"])
    assert re.search(r"\(n = \d+\): 1: \d+(,\d)?%", compared["rating_graph"])
    for text in [*activities.values(), *compared.values()]:
        assert_clean(text)
        assert "(zie de tabel)" in text or len(text) < 2500  # long lists point to the table


def test_the_table_beside_a_chart_has_every_value_and_the_sentence_caps_long_lists():
    places = [f"Plaats {i}" for i in range(40)]
    fig = go.Figure(go.Bar(x=places, y=list(range(40)), name="Activiteiten"))
    rows = figure_rows(fig)
    assert len(rows) == 40 and rows[3] == ("Activiteiten", "Plaats 3", "3")
    text = describe_figure(fig)
    assert "Plaats 14: 14" in text and "Plaats 15" not in text and "en nog 25 (zie de tabel)" in text


def test_a_missing_value_is_left_out_not_read_as_nan():
    fig = go.Figure(go.Bar(x=["2021", "2022"], y=[float("nan"), 3.0], text=[None, "ruim 3"]))
    assert describe_figure(fig) == "Staafdiagram. 2022: ruim 3."


def test_a_charts_values_table_shows_every_cell_literally():
    from layouts.components import markdown_table

    written = markdown_table(["Reeks", "Wat"], [("a|b", "*Bergen (L.)* 1.234,5"), ("x\ny", "_z_")]).children
    lines = written.split("\n")
    # one row per line, three column borders each: a '|' or a line break in a value never splits a cell
    assert len(lines) == 4 and all(line.replace("\\|", "").count("|") == 3 for line in lines)
    assert "a\\|b" in lines[2] and "\\*Bergen \\(L\\.\\)\\* 1\\.234,5" in lines[2] and "x y" in lines[3]
    # only what the page's Markdown parser takes as escaped: it would show a backslash before '&' or ','
    assert "ICT&health, maart 2024" in markdown_table(["Bron"], [("ICT&health, maart 2024",)]).children


def test_every_map_hides_plotlys_base_layers_as_the_empty_world_topojson_needs(demo_app):
    # assets/topojson/world_110m.json is an empty topology: a map showing land or borders would show nothing
    maps = []
    with demo_app.server.test_request_context("/"):
        for view in VIEWS:
            parts = full_update(view)(Selection.parse(choices(), tab=view.slug).to_store())
            for part, prop in view.outputs.items():
                figure = parts[part] if prop == "figure" else None
                if figure is not None and any(trace.type in ("choropleth", "scattergeo") for trace in figure.data):
                    maps.append(view.name)
                    assert figure.layout.geo.visible is False, (view.name, part)
    assert len(maps) >= 3  # the map, the region's map and the registration's map


def test_a_table_of_text_is_one_component_and_one_with_links_keeps_its_cells():
    from dash import dcc, html

    from layouts.components import table
    from tests.page_tables import rows_of

    text = table(["Editie", "Regio"], [(2021, "Zuid"), (2023, "Noord (Friesland)")])
    # one Markdown component for the renderer to mount, however many rows (issue 21), in its focusable box
    assert isinstance(text.children, dcc.Markdown) and text.role == "region" and text.tabIndex == "0"
    assert text.to_plotly_json()["props"]["aria-label"] == "Editie, Regio"
    assert rows_of(text) == [["2021", "Zuid"], ["2023", "Noord (Friesland)"]]
    linked = table(["Bron"], [(html.A("RIVM", href="https://www.rivm.nl"),)])
    header = linked.children.children[0].children.children[0]
    assert isinstance(header, html.Th) and header.scope == "col"
    assert isinstance(linked.children.children[1].children[0].children[0].children, html.A)
