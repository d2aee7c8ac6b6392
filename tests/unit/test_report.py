"""The printable briefing (/rapport) as a component tree: what an official would read on paper for a selection."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go
import pytest
from dash import dcc, html, no_update

from callbacks import report
from callbacks.common import choices
from core.figures.printed import DRAWN_WIDTH, PRINT_WIDTH, PRINT_ZOOM, printable
from core.reference import Reference
from core.selection import Selection
from layouts import ids, page
from layouts.components import alt_sentence_id, source_note
from layouts.report import cited
from tests.unit.test_callbacks import text_of

#: the charts the briefing draws from the bundled (published) dataset, by id: one per chart of each view
CHARTS = {
    "report-map-graph": "Kaart",
    "report-trends-graph": "Trends",
    "report-evaluation-graph": "Evaluatie",
    "report-reach-graph": "Bereik Zorg van Nu",
    "report-reach-monitor-graph": "Bereik Zorg van Nu",
}
MADE = dt.date(2026, 3, 2)


def walk(component):
    """Every component in a tree, depth first."""
    if component is None or isinstance(component, (str, int, float)):
        return
    if isinstance(component, (list, tuple)):
        for child in component:
            yield from walk(child)
        return
    yield component
    yield from walk(getattr(component, "children", None))


def briefing(query: str):
    """The briefing the page shows for a URL query, dated MADE."""
    return report.build_report(Selection.from_query(query, choices()), today=MADE)


def chart_panels(tree) -> dict[str, html.Section]:
    """Each chart's block (chart, alternative, source line) by its graph's id."""
    return {
        graph.id: section
        for section in walk(tree)
        if isinstance(section, html.Section) and "report-chart" in (section.className or "")
        for graph in walk(section.children)
        if isinstance(graph, dcc.Graph)
    }


def test_the_briefing_states_the_selection_in_words_with_the_day_it_was_made(in_request):
    words = text_of(briefing("?editie=2021&regio=zuid&week=4&cijfer=deelnemers"))
    assert "Briefing Slimme Zorg Estafette" in words
    assert "Edities 2021 Regio Zuid Week week 4 Cijfer in Trends Deelnemers aan activiteiten" in words
    assert "Gemaakt op 2 maart 2026 met het SZE-dashboard." in words


def test_every_edition_is_said_as_such_and_the_predecessor_by_name(in_request):
    words = text_of(briefing(""))
    every = "2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024"
    assert f"{every} (alle edities; 2017, 2018, 2019, 2020: de e-healthweek, voorloper van de SZE)" in words
    assert "alle regio's" in words and "alle weken" in words


def test_the_key_figures_stand_in_their_published_words_with_their_sources(in_request):
    tree = briefing("?editie=2021")
    tiles = next(c for c in walk(tree) if isinstance(c, html.Div) and c.className == "report-key-figures")
    words = text_of(tiles)
    assert "bijna 33.000 SZE 2021 Bron: ICT&health, 9 maart 2021" in words
    assert "86 procent" in words and "gemiddeld een 7,5" in words
    # the tiles' sources in full below them, and on paper no link to a view
    assert "ICT&health, ‘Bijna 33.000 bezoekers activiteiten Slimme Zorg Estafette’, 9 maart 2021" in words
    assert not [c for c in walk(tiles) if isinstance(c, dcc.Link)]


def test_a_change_names_the_previous_edition_and_its_source_is_cited(in_request):
    words = text_of(briefing("?editie=2022"))
    assert "90 procent" in words and "meer dan in 2021 (86 procent)" in words
    sources = text_of(next(c for c in walk(briefing("?editie=2022")) if getattr(c, "className", "") == "source-note"))
    assert "Kamerbrief over de indicatoren van de e-healthmonitor en de Slimme Zorg Estafette 2021" in sources


def test_one_chart_per_view_each_under_its_view_with_its_source_line(in_request):
    tree = briefing("?editie=2021")
    panels = chart_panels(tree)
    assert set(panels) == set(CHARTS)
    headings = [text_of(h) for h in walk(tree) if isinstance(h, html.H2)]
    for heading in set(CHARTS.values()):
        assert heading in headings
    for panel in panels.values():
        note = text_of(next(c for c in walk(panel) if getattr(c, "className", "") == "source-note"))
        assert note.startswith(("Bron: ", "Bronnen: ")) and len(note) > 20
    assert "Natural Earth (provinciegrenzen, publiek domein)" in text_of(panels["report-map-graph"])
    assert "210 digitale activiteiten" in text_of(tree)  # the trend's figure in words, beside its chart


def test_every_chart_is_static_at_a4_width_and_described_for_screen_readers(in_request):
    for graph_id, panel in chart_panels(briefing("?editie=2021")).items():
        graph = next(c for c in walk(panel) if isinstance(c, dcc.Graph))
        assert graph.config["staticPlot"] is True and graph.config["displayModeBar"] is False
        assert graph.figure.layout.width == DRAWN_WIDTH and graph.figure.layout.height <= 900
        assert graph.style["zoom"] == PRINT_ZOOM and DRAWN_WIDTH * PRINT_ZOOM == PRINT_WIDTH
        described = getattr(panel, "aria-describedby")
        sentence = next(c for c in walk(panel) if getattr(c, "id", None) == described)
        assert described == alt_sentence_id(graph_id.replace("graph", "alt")) and len(text_of(sentence)) > 20


def test_the_briefing_ends_with_every_source_it_cites_once(in_request):
    tree = briefing("?editie=2021")
    closing = next(c for c in walk(tree) if isinstance(c, html.Ol))
    listed = [text_of(item) for item in closing.children]
    under_charts = {s for note in walk(tree) if getattr(note, "className", "") == "source-note" for s in cited(note)}
    assert set(listed) == under_charts and len(listed) == len(set(listed))
    assert "Natural Earth (provinciegrenzen, publiek domein)" in listed


def test_a_view_without_data_for_the_selection_is_named_not_drawn_empty(in_request):
    words = text_of(briefing("?editie=2021"))
    # the bundled dataset holds no registration: the registration view has nothing to draw
    assert "Niet opgenomen, want zonder gegevens voor deze selectie: Activiteiten." in words
    assert "sze-dashboard import" not in words  # an empty chart's hint for operators is no text for a minister


@pytest.mark.parametrize("query", ["?editie=abc&regio=mars&week=99&cijfer=x%27%20OR%201=1&tab=nope", "", None, "?&&="])
def test_an_empty_or_unknown_query_gives_the_briefing_of_everything(in_request, query):
    content, back = report.report_content("/rapport", query)
    assert back == "/kaart"
    words = text_of(content)
    assert "alle edities" in words and "alle regio's" in words and "Cijfer in Trends Activiteiten" in words
    assert set(chart_panels(content)) == set(CHARTS)


def test_the_way_back_opens_the_dashboard_on_the_same_view_and_selection(in_request):
    _content, back = report.report_content("/rapport/", "?tab=trends&editie=2021,2022&regio=zuid")
    assert back == "/trends?editie=2021,2022&regio=zuid"


def test_nothing_is_built_while_another_page_shows(in_request):
    assert report.report_content("/", "?editie=2021") == (no_update, no_update)
    assert report.report_content("/over-de-cijfers", "") == (no_update, no_update)


def test_the_page_holds_the_print_button_the_way_back_and_the_dashboards_link_to_the_briefing():
    empty = pd.DataFrame(columns=["year", "programme", "metric", "editions_with_value", "region", "name"])
    shell = page.page(Reference(editions=empty, metrics=empty, regions=empty), [], "nl")
    found = {getattr(c, "id", None): c for c in walk(shell)}
    assert ids.REPORT_PAGE not in found  # only the open page is in the tree: the briefing is a page of its own
    found |= {getattr(c, "id", None): c for c in walk(page.report_page("nl"))}
    assert text_of(found[ids.REPORT_PRINT]) == "Afdrukken"
    assert text_of(found[ids.REPORT_BACK]) == "Terug naar het dashboard"
    assert text_of(found[ids.REPORT_LINK]) == "Rapport (afdrukken)" and found[ids.REPORT_LINK].href == "/rapport"


def test_cited_splits_a_source_note_into_its_sources():
    frame = pd.DataFrame(
        {
            "source_publisher": ["A", "B", "A"],
            "source_title": ["t1", "t2", "t1"],
            "source_date": ["2021", "2022", "2021"],
        }
    )
    assert cited(source_note(frame)) == ["A, ‘t1’, 2021", "B, ‘t2’, 2022"]
    assert cited(source_note(frame.iloc[:1], extra=["Natural Earth"])) == ["A, ‘t1’, 2021", "Natural Earth"]
    assert cited(source_note(frame.iloc[:0])) == [] and cited(None) == []


def test_a_printed_figure_keeps_the_screens_and_only_gains_a_size_wrapped_names_and_line_patterns():
    long_name = "Ouderen bereikt met mogelijkheden om langer thuis te wonen"
    figure = go.Figure(
        [
            go.Scatter(x=[1, 2], y=[long_name, "kort"], mode="markers"),
            go.Scatter(x=[1, 2], y=[1, 2], mode="lines", xaxis="x2", yaxis="y2"),
            go.Scatter(x=[1, 2], y=[2, 3], mode="lines+markers", xaxis="x2", yaxis="y2"),
        ],
        layout={"height": 380, "yaxis2": {"anchor": "x2"}, "xaxis2": {"anchor": "y2"}},
    )
    printed = printable(figure)
    assert (printed.layout.width, printed.layout.height) == (DRAWN_WIDTH, 380)
    assert figure.layout.width is None and figure.data[1].line.dash is None  # the view's own figure is untouched
    assert printed.data[0].y == figure.data[0].y  # the data stay as they are: only the tick text wraps
    assert printed.layout.yaxis.ticktext[0] == "Ouderen bereikt met<br>mogelijkheden om langer<br>thuis te wonen"
    assert printed.layout.yaxis.ticktext[1] == "kort" and printed.layout.yaxis2.ticktext is None
    assert [printed.data[1].line.dash, printed.data[2].line.dash] == ["solid", "dash"]
    assert printable(go.Figure(layout={"height": 2000})).layout.height == 900
