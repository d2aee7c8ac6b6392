"""Per-chart exports: the data behind each chart, file names, the empty case, images' source line, the toolbar."""

from __future__ import annotations

import base64
import io
import json
import re
from contextvars import copy_context
from pathlib import Path
from unittest.mock import patch

import openpyxl
import pandas as pd
import plotly.graph_objects as go
import pytest
from dash import no_update
from dash._callback_context import context_value
from dash._utils import AttributeDict

from callbacks import VIEWS, download, evaluation, map, reach, trends
from callbacks.common import Runtime, selection_from
from core import i18n
from core.figures import GRAPH_CONFIG, empty_figure, graph_config, with_source
from core.i18n import t
from core.views import View
from layouts import ids
from layouts.components import graph_panel, source_note
from tests.unit.test_callbacks import store

ASSETS = Path(__file__).resolve().parents[2] / "assets"


def asked(view: str, chart: str = "main", fmt: str = "csv", scope: str = "selection") -> dict[str, str]:
    """The id of a chart's menu entry, as the browser sends it when clicked."""
    return ids.chart_control(ids.CHART_DOWNLOAD, view, chart, format=fmt, scope=scope)


def csv_rows(content: str) -> list[list[str]]:
    """A downloaded CSV as rows of cells (it starts with a byte-order mark)."""
    assert content.startswith("\ufeff")
    return [line.split(";") for line in content[1:].splitlines()]


def workbook_sheet(sent: dict) -> openpyxl.worksheet.worksheet.Worksheet:
    """The sheet of a downloaded Excel file."""
    return openpyxl.load_workbook(io.BytesIO(base64.b64decode(sent["content"]))).active


def test_the_trend_csv_holds_exactly_the_editions_the_chart_draws_with_unit_period_and_source(in_request):
    sent, note = download.download_chart(asked("trends"), store(tab="trends", editions=[2021, 2022]))
    assert sent["filename"] == "sze-trends-activiteiten-2021-2022.csv" and sent["type"] == "text/csv"
    rows = csv_rows(sent["content"])
    assert rows[0] == [
        "editie", "regio", "week", "cijfer", "waarde", "zoals_gepubliceerd", "kwalificatie",
        "eenheid", "periode", "bron_uitgever", "bron_titel", "bron_datum", "citaat",
    ]  # fmt: skip
    assert [r[0] for r in rows[1:]] == ["2021", "2022"]  # the chart's two bars, nothing else
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["zoals_gepubliceerd"] == "210 digitale activiteiten" and first["kwalificatie"] == "exact"
    assert (first["eenheid"], first["periode"], first["bron_datum"]) == (
        "aantal",
        "1–26 februari 2021",
        "voorjaar 2021",
    )
    assert note is None  # nothing to explain


def test_an_edition_without_a_published_value_is_a_row_that_says_so_never_a_zero(in_request):
    table = trends.trend_table(trends.selection_from(store(tab="trends", editions=[2023])))
    assert list(table["published_text"]) == ["niet gepubliceerd"] and table["value"].isna().all()


def test_the_whole_set_ignores_the_filters_and_says_so_in_its_name(in_request):
    selection = store(tab="trends", editions=[2022], region="zuid", metric="bezoekers")
    sent, _ = download.download_chart(asked("trends", scope="all"), selection)
    assert sent["filename"] == "sze-trends-bezoekers-hele-set.csv"
    assert "bijna 33.000" in sent["content"]  # 2021's national figure, outside the selection


def test_a_region_and_week_are_in_the_rows_and_the_file_name(in_request):
    sent, _ = download.download_chart(asked("trends"), store(tab="trends", editions=[2021], region="zuid", week=4))
    assert sent["filename"] == "sze-trends-activiteiten-2021-zuid-week-4.csv"
    rows = csv_rows(sent["content"])
    assert dict(zip(rows[0], rows[1], strict=True))["zoals_gepubliceerd"] == "ruim vijftig"
    assert rows[1][1:3] == ["zuid", "4"]


def test_an_empty_selection_gives_a_file_whose_first_line_says_why_and_a_message_on_the_page(in_request):
    sent, note = download.download_chart(asked("evaluation"), store(tab="evaluatie", editions=[2017]))
    lines = sent["content"][1:].splitlines()
    assert lines[0] == "Geen gegevens: voor deze selectie (editie 2017) is niets gepubliceerd of geregistreerd."
    assert lines[1].startswith("editie;regio;week;cijfer") and len(lines) == 2
    assert note == lines[0]


def test_the_excel_file_keeps_numbers_as_numbers_and_says_why_when_empty(in_request):
    sent, _ = download.download_chart(asked("evaluation", fmt="xlsx"), store(tab="evaluatie", editions=[2021]))
    assert sent["filename"] == "sze-evaluatie-2021.xlsx" and sent["base64"]
    assert sent["type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"  # opens in Excel
    sheet = workbook_sheet(sent)
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("editie", "regio", "week", "cijfer") and sheet.title == "Gegevens"
    scores = [r for r in rows[1:] if r[5] == "gemiddeld een 7,5"]
    assert scores and scores[0][4] == 7.5 and scores[0][7] == "cijfer (schaal niet vermeld)"
    empty, _ = download.download_chart(asked("evaluation", fmt="xlsx"), store(tab="evaluatie", editions=[2018]))
    sheet = workbook_sheet(empty)
    assert str(sheet["A1"].value).startswith("Geen gegevens") and sheet["A2"].value == "editie"


def test_each_reach_chart_has_its_own_data_file(in_request):
    people, _ = download.download_chart(asked("reach"), store(tab="bereik"))
    context, _ = download.download_chart(asked("reach", "monitor"), store(tab="bereik"))
    assert people["filename"] == "sze-bereik-alle-edities.csv"
    assert context["filename"] == "sze-bereik-monitor-alle-edities.csv"
    assert "inmiddels 4300" in people["content"] and "inmiddels 4300" not in context["content"]
    assert ";procent;" in context["content"]


@pytest.mark.parametrize(
    "request_id",
    [
        None,
        "trends",
        asked("nosuchview"),
        asked("trends", fmt="exe"),
        asked("trends", scope="everything"),
        {"view": ["trends"], "chart": "main", "format": "csv", "scope": "all"},
    ],
)
def test_anything_else_the_browser_sends_gives_no_file(in_request, request_id):
    assert download.download_chart(request_id, store(tab="trends")) == (no_update, no_update)


def test_a_chart_without_a_declared_table_says_so_instead_of_giving_nothing(in_request):
    undeclared = View(**{**vars(trends.VIEW), "tables": {}})
    with patch.object(Runtime, "views", (undeclared,)):
        file, note = download.download_chart(asked("trends"), store(tab="trends"))
    assert file is no_update and note == "Van deze grafiek is nog geen tabel te downloaden; de afbeelding wel."


def test_the_comparison_gives_each_slots_counts_behind_its_shares(demo_request):
    selection = store(tab="vergelijk", compare=["2023-w1", "2023-w2"])
    mix, _ = download.download_chart(asked("compare", "mix"), selection)
    ratings, _ = download.download_chart(asked("compare", "rating"), selection)
    rows = csv_rows(mix["content"])[1:]
    assert {r[2] for r in rows} == {"1", "2"} and all(r[7] == "geregistreerde activiteiten" for r in rows)
    assert any(" · Thema: " in r[3] for r in rows) and any(" · Vorm: " in r[3] for r in rows)
    assert all(" · cijfer " in r[3] for r in csv_rows(ratings["content"])[1:])


def test_the_filter_bar_download_is_the_current_views_data(in_request):
    sent = download.download(1, store(tab="bereik"))
    assert sent["filename"] == "sze-bereik-alle-edities.csv"
    assert "inmiddels 4300" in sent["content"] and "94 procent" in sent["content"]  # both charts' rows
    empty = download.download(1, store(tab="evaluatie", editions=[2019]))
    assert empty["content"][1:].startswith("Geen gegevens: voor deze selectie (editie 2019)")


def clicked(entry: dict, clicks: list[int | None], selection: dict) -> tuple:
    """What the chart's menu callback answers when Dash names ``entry`` as its trigger (as Dash's testing docs do)."""

    def run() -> tuple:
        context_value.set(AttributeDict(triggered_inputs=[{"prop_id": f"{json.dumps(entry)}.n_clicks"}]))
        return download._on_chart_download(clicks, selection)

    return copy_context().run(run)


def test_the_clicked_menu_entry_decides_the_file_and_a_menu_drawn_anew_sends_nothing(in_request):
    chosen = store(tab="trends", editions=[2021])
    sent, note = clicked(asked("trends", fmt="xlsx"), [None, 1, None, None], chosen)
    assert sent["filename"] == "sze-trends-activiteiten-2021.xlsx" and note is None
    # a re-drawn chart brings new menu entries, none of them clicked: no file, no message
    assert clicked(asked("trends", fmt="xlsx"), [None, None, None, None], chosen) == (no_update, no_update)


def test_the_first_line_of_an_empty_file_names_every_part_of_the_selection(in_request):
    def reason(**chosen: object) -> str:
        return download.empty_reason(selection_from(store(**chosen)))

    assert reason(editions=[2017, 2018]) == (
        "Geen gegevens: voor deze selectie (editie 2017, 2018) is niets gepubliceerd of geregistreerd."
    )
    assert reason(week=1).startswith("Geen gegevens: voor deze selectie (alle edities, week 1) is niets")
    assert reason(editions=[2021], region="zuid", week=1).startswith(
        "Geen gegevens: voor deze selectie (editie 2021, regio Zuid, week 1) is niets"
    )


def test_a_figure_named_in_two_words_is_written_with_a_hyphen_in_the_file_name(in_request):
    sent, _ = download.download_chart(asked("trends"), store(tab="trends", metric="regionale_bijeenkomsten"))
    assert sent["filename"] == "sze-trends-regionale-bijeenkomsten-alle-edities.csv"


def test_numbers_in_the_csv_read_as_a_dutch_spreadsheet_expects_even_in_a_column_with_gaps(in_request):
    # a column with an empty cell is a column of decimals to pandas: 2021.0, which Excel reads as 20210
    table = pd.DataFrame(
        {"editie": [2021, None], "week": [4, None], "waarde": [7.5, 3500], "zoals_gepubliceerd": ["een 7.5", "3500"]}
    )
    assert csv_rows(download.to_csv(table)) == [
        ["editie", "week", "waarde", "zoals_gepubliceerd"],
        ["2021", "4", "7,5", "een 7.5"],
        ["", "", "3500", "3500"],
    ]


def test_a_chart_the_update_leaves_as_it_is_passes_unchanged(in_request):
    parts = {"graph": no_update, "text": "ongewijzigd"}
    assert download.stamp(trends.VIEW, parts, store(tab="trends"), "vandaag") == parts


#: the export's words in English, as translators write them in core/locale/en: the tests below check that every
#: one follows the interface language, whatever the English catalogue holds yet
ENGLISH = {
    "export_file_all": "whole-set",
    "export_file_all_editions": "all-editions",
    "export_chart_map": "map",
    "export_empty": "No data: nothing has been published or registered for this selection ({scope}).",
    "export_scope_all": "all editions",
    "summary_editions": "edition {edition}",
    "export_sheet": "Data",
    "export_no_table": "There is no table to download for this chart yet; you can download the image.",
    "level_national": "national",
    "measure_cijfer": "score",
    "metric.activiteiten": "Activities",
}


@pytest.fixture
def in_english(database_url):
    """A request to the dashboard set up in English (SZE_LANG=en), with the export's words translated."""
    from dashboard.app import create_app
    from dashboard.settings import Settings

    app = create_app(Settings(database_url=database_url, lang="en"))
    catalogue = i18n.catalogue

    def translated(language: str) -> dict[str, str]:
        return {**catalogue(language), **ENGLISH} if language == "en" else catalogue(language)

    with patch.object(i18n, "catalogue", translated), app.server.test_request_context("/"):
        yield


def test_an_english_dashboard_names_its_files_in_english(in_english):
    whole, _ = download.download_chart(asked("trends", scope="all"), store(tab="trends", editions=[2021]))
    assert whole["filename"] == "sze-trends-activiteiten-whole-set.csv"
    places, _ = download.download_chart(asked("detail", "map"), store(tab="activiteiten"))
    assert places["filename"] == "sze-activiteiten-map-all-editions.csv"


def test_an_english_dashboard_explains_an_empty_file_in_english(in_english):
    empty, note = download.download_chart(asked("evaluation", fmt="xlsx"), store(tab="evaluatie", editions=[2017]))
    sheet = workbook_sheet(empty)
    why = "No data: nothing has been published or registered for this selection (edition 2017)."
    assert sheet.title == "Data" and sheet["A1"].value == note == why
    assert download.empty_reason(selection_from(store(week=1))).startswith(
        "No data: nothing has been published or registered for this selection (all editions, week 1)"
    )
    undeclared = View(**{**vars(trends.VIEW), "tables": {}})
    with patch.object(Runtime, "views", (undeclared,)):
        _, note = download.download_chart(asked("trends"), store(tab="trends"))
    assert note == "There is no table to download for this chart yet; you can download the image."


def test_an_english_dashboard_names_each_figure_its_level_and_what_was_rated_in_english(in_english):
    cells = set(download.figures_table(store(editions=[2022])).astype(str).to_numpy().ravel())
    assert {"Activities", "national", "score: De SZE 2022 als geheel"} <= cells  # what was rated: as published


def test_every_declared_table_belongs_to_a_chart_of_its_view():
    for view in VIEWS:
        charts = {ids.chart_key(part[: -len("graph")]) for part in view.outputs if part.endswith("graph")}
        assert set(view.tables) <= charts, view.name
        for chart in charts - {"main"}:
            assert t(f"export_chart_{chart}")  # its files are named in Dutch
    declared = {view.slug for view in VIEWS if view.tables}
    assert declared == {view.slug for view in VIEWS}  # every view's charts have their data
    for view in VIEWS:
        charts = {ids.chart_key(part[: -len("graph")]) for part in view.outputs if part.endswith("graph")}
        assert set(view.tables) == charts, view.name


def test_every_graph_panel_has_the_export_menu_with_its_own_ids():
    panel = str(graph_panel("reach", "monitor-"))
    for fmt, scope in (("csv", "selection"), ("xlsx", "selection"), ("csv", "all"), ("xlsx", "all")):
        assert str(asked("reach", "monitor", fmt, scope)) in panel
    assert str(ids.chart_control(ids.CHART_IMAGE, "reach", "monitor", format="svg")) in panel
    assert "Gegevens van deze grafiek (CSV)" in panel and "Afbeelding met bron (PNG)" in panel


def test_a_view_update_puts_its_source_line_and_date_on_each_chart_and_names_its_image(in_request):
    parts = reach.update_reach(store(tab="bereik", editions=[2022]))
    stamped = download.stamp(reach.VIEW, parts, store(tab="bereik", editions=[2022]), "SZE-dashboard, 1 maart 2026")
    for prefix, name in (("", "sze-bereik-2022"), ("monitor-", "sze-bereik-monitor-2022")):
        figure = stamped[prefix + "graph"]
        assert not figure.layout.title.subtitle.text  # on the page the line stands once, under the chart
        subtitle = figure.layout.meta["export"]["title"]["subtitle"]["text"].replace("<br>", " ")
        assert subtitle.startswith("Bron") and subtitle.endswith("· SZE-dashboard, 1 maart 2026")  # in its image
        assert figure.layout.meta["export_name"] == name


def test_the_source_line_wraps_and_makes_room_above_the_plot_of_the_image():
    figure = with_source(empty_figure("leeg", height=300), "Bronnen: " + "Kamerbrief, voorjaar 2022; " * 12, "vandaag")
    assert figure.layout.height == 300 and not figure.layout.title.subtitle.text  # the page's chart is as drawn
    export = figure.layout.meta["export"]
    lines = export["title"]["subtitle"]["text"].split("<br>")
    assert export["height"] == 300 + 16 * len(lines) + 12  # the image's plot keeps its size
    assert len(lines) > 1 and all(len(line) <= 120 for line in lines)
    assert export["margin"]["t"] == 70 + 16 * len(lines) + 12
    assert (export["title"]["y"], export["title"]["yanchor"], export["title"]["pad"]["t"]) == (1, "top", 23)
    assert figure.layout.meta["source"].endswith("· vandaag")


def test_on_a_phone_the_source_line_is_kept_for_the_image_and_the_title_wraps():
    """A phone's chart draws no source line (a dozen lines of small type over it); its image still gets one."""
    words = "Bronnen: " + "Kamerbrief, voorjaar 2022; " * 12
    wide = with_source(empty_figure("leeg", height=300), words, "vandaag")
    phone = empty_figure("leeg", height=300)
    phone.update_layout(title_text="Bereik Zorg van Nu in mensen (logaritmische schaal)")
    with_source(phone, words, "vandaag", narrow=True)
    assert not phone.layout.title.subtitle.text
    assert phone.layout.title.text == "Bereik Zorg van Nu in mensen<br>(logaritmische schaal)"
    # room for the title's second line, and for plotly setting a title of two lines higher than one of one
    assert phone.layout.margin.t == 70 + 23 + 12 and phone.layout.height == 300 + 23 + 12
    export, wide_export = phone.layout.meta["export"], wide.layout.meta["export"]
    assert export["title"]["subtitle"]["text"] == wide_export["title"]["subtitle"]["text"]
    assert export["title"]["text"] == "Bereik Zorg van Nu in mensen (logaritmische schaal)"
    assert (export["margin"]["t"], export["height"]) == (wide_export["margin"]["t"], wide_export["height"])
    assert phone.layout.meta["source"] == wide.layout.meta["source"]


def test_a_chart_beside_a_table_wraps_its_source_line_shorter(in_request):
    parts = map.update_map(store(tab="kaart"))
    stamped = download.stamp(map.VIEW, parts, store(tab="kaart"), "x")
    lines = stamped["graph"].layout.meta["export"]["title"]["subtitle"]["text"].split("<br>")
    assert len(lines) > 2 and max(len(line) for line in lines) <= 90


def test_the_evaluation_table_names_what_was_rated_and_its_unit(in_request):
    table = evaluation.evaluation_table(evaluation.selection_from(store(tab="evaluatie", editions=[2022])))
    assert set(table["edition"]) == {2022}
    assert "procent" in set(table["unit"]) and "cijfer (schaal niet vermeld)" in set(table["unit"])


def test_the_toolbar_sends_nothing_away_and_speaks_dutch():
    config = graph_config("nl")
    assert config["displaylogo"] is False and config["showSendToCloud"] is False
    assert config["showEditInChartStudio"] is False and config["showLink"] is False
    assert config["plotlyServerURL"] == ""  # plotly.js 4 would otherwise name cloud.plotly.com
    assert {"sendDataToCloud", "editInChartStudio", "lasso2d", "select2d"} <= set(config["modeBarButtonsToRemove"])
    # no camera: an image is the Downloaden menu's, which draws the source line plotly's camera would leave out
    assert "toImage" in config["modeBarButtonsToRemove"]
    assert config["locale"] == "nl"
    words = config["locales"]["nl"]["dictionary"]
    assert words["Zoom in"] == "Inzoomen" and words["Reset axes"] == "Beginweergave"
    assert config == GRAPH_CONFIG
    panel = graph_panel("trends")
    graph = panel.children[0].children  # the chart first: the Loading holding the graph
    assert graph.config["locale"] == "nl" and graph.config["showSendToCloud"] is False


def test_plotlys_dutch_is_served_from_the_apps_own_assets():
    locale = (ASSETS / "vendor" / "plotly-locale-nl.js").read_text()
    assert "name: 'nl'" in locale and "'Autoscale': 'Automatische schaal'" in locale
    assert "PlotlyLocales" in locale  # registered even when plotly.js loads after it
    assert not re.search(r"https?://", locale)
    assert (ASSETS / "vendor" / "PLOTLY-LOCALES-LICENSE.txt").exists()


def test_a_source_note_and_the_figure_carry_the_same_words(in_request):
    parts = evaluation.update_evaluation(store(tab="evaluatie", editions=[2022]))
    stamped = download.stamp(evaluation.VIEW, parts, store(tab="evaluatie", editions=[2022]), "x")
    note = source_note(evaluation._evaluations(evaluation.selection_from(store(editions=[2022]))))
    words = "".join(str(c.children) for c in note.children)
    assert isinstance(stamped["graph"], go.Figure)
    assert stamped["graph"].layout.meta["source"] == f"{words} · x"


def test_the_map_csv_holds_each_regions_week_its_dates_and_the_initiatives(in_request):
    sent, _ = download.download_chart(asked("map"), store(tab="kaart", editions=[2021]))
    assert sent["filename"] == "sze-kaart-2021.csv"
    rows = csv_rows(sent["content"])
    named = {r[3]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    assert {f"SZE-week {w}" for w in (1, 2, 3, 4)} <= set(named)
    assert named["SZE-week 1"]["week"] == "1"  # not '1.0', though the initiatives' rows have no week
    assert named["SZE-week 1"]["periode"] and named["SZE-week 1"]["bron_uitgever"]
    assert any(what.startswith("Initiatief: ") for what in named)


def test_the_map_coloured_by_a_figure_adds_its_value_per_region(in_request):
    table = download.chart_table(map.map_rows(map.selection_from(store(tab="kaart", editions=[2021], colour="cijfer"))))
    published = table[table["cijfer"] == "Activiteiten"]
    assert list(published["zoals_gepubliceerd"]) == ["ruim vijftig"] and list(published["regio"]) == ["zuid"]


def test_the_region_csv_holds_only_that_regions_weeks_and_initiatives(in_request):
    sent, _ = download.download_chart(asked("region"), store(tab="regio", editions=[2021], region="zuid"))
    assert sent["filename"] == "sze-regio-2021-zuid.csv"
    rows = csv_rows(sent["content"])
    assert {r[1] for r in rows[1:]} == {"zuid"} and any(r[3] == "SZE-week 4" for r in rows[1:])


@pytest.fixture
def demo_request(tmp_path):
    """A request on a database with a synthetic registration (sze-dashboard demo), as the detail view shows it."""
    from dashboard.app import create_app
    from dashboard.settings import Settings
    from data_access.engine import make_engine
    from ingest.demo import generate
    from ingest.loader import load_bundled

    url = f"sqlite:///{tmp_path / 'demo.db'}"
    engine = make_engine(url)
    load_bundled(engine)
    generate(engine, activities=400, seed=3)
    engine.dispose()
    app = create_app(Settings(database_url=url))
    with app.server.test_request_context("/"):
        yield


def test_the_registration_charts_data_add_up_to_what_they_draw(demo_request):
    selection = store(tab="activiteiten", editions=[2023])
    places, _ = download.download_chart(asked("detail", "map"), selection)
    breakdown, _ = download.download_chart(asked("detail", "breakdown"), selection)
    ratings, _ = download.download_chart(asked("detail", "rating"), selection)
    assert places["filename"] == "sze-activiteiten-kaart-2023.csv"
    activities = [r for r in csv_rows(places["content"])[1:] if r[7] == "geregistreerde activiteiten"]
    themes = [r for r in csv_rows(breakdown["content"])[1:] if r[3].startswith("Thema: ")]
    assert sum(int(r[4]) for r in activities) == sum(int(r[4]) for r in themes) > 0  # every activity, once
    rated = csv_rows(ratings["content"])[1:]
    assert rated and all(r[7] == "respondenten" and ": cijfer " in r[3] for r in rated)


def test_an_english_csv_is_comma_separated_with_decimal_points_and_english_headers(app):
    import pandas as pd
    from flask import g

    with app.server.test_request_context("/?taal=en"):
        g.sze_lang = "en"
        frame = pd.DataFrame({"edition": [2021], "week": [1.0], "value": [7.5], "what": ["score"]})
        table = download.chart_table(frame)
        text = download.to_csv(table)
    lines = text.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("edition,region,week,what,value,as_published_in_dutch")
    assert lines[1].startswith("2021,,1,score,7.5,")
