"""The view registry: a view declared once appears as a tab, a link, a URL value and wired callbacks."""

from __future__ import annotations

import json

import dash
import pandas as pd
import plotly.graph_objects as go
import pytest
from dash import html

from callbacks import VIEWS
from callbacks.common import selection_from
from core.figures import empty_figure
from core.views import LINKS, View
from dashboard.app import create_app
from dashboard.settings import Settings
from layouts import ids
from layouts.components import graph_panel
from tests.callback_requests import view_update


def _named(component_id) -> str:
    """A plain id as it is; a pattern-matching id (a dict, or its JSON in a callback) by its type."""
    if isinstance(component_id, str) and component_id.startswith("{"):
        component_id = json.loads(component_id)
    return f"pattern:{component_id['type']}" if isinstance(component_id, dict) else component_id


def _ids_in(component) -> set[str]:
    """Every component id in a layout tree."""
    found = set()
    if getattr(component, "id", None):
        found.add(_named(component.id))
    children = getattr(component, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if child is not None and not isinstance(child, (str, int, float)):
            found |= _ids_in(child)
    return found


def _callback_ids(app) -> set[str]:
    """The component ids every registered callback reads or writes."""
    named = set()
    for key, callback in app.callback_map.items():
        for dependency in [*callback["inputs"], *callback["state"]]:
            named.add(_named(dependency["id"]))
        if "." not in key:  # a callback without outputs, keyed by a digest
            continue
        for output in key.strip(".").split("..."):  # '..a.prop...b.prop..' or 'a.prop'
            named.add(_named(output.rsplit(".", 1)[0]))
    return named


def test_every_id_a_callback_names_is_in_the_validation_layout(database_url):
    """A misspelt id fails here. Dash does not check them itself: it would build its check from every page's
    layout at the first request (the database included), so the app suppresses that and names them here."""
    app = create_app(Settings(database_url=database_url))
    assert _callback_ids(app) <= _ids_in(app.validation_layout)


def test_the_registry_lists_each_view_once_with_its_own_ids():
    assert [view.slug for view in VIEWS] == [
        "kaart",
        "regio",
        "vergelijk",
        "activiteiten",
        "trends",
        "evaluatie",
        "bereik",
    ]
    assert len({view.name for view in VIEWS}) == len(VIEWS)
    for view in VIEWS:
        skeleton_ids = _ids_in(view.skeleton("nl"))
        # the parts but its links, which its parts hold (core.views.LINKS)
        assert {ids.part(view.name, part) for part in view.outputs if part != LINKS} <= skeleton_ids, view.name
        assert view.figures, f"{view.name} names no figure builder"


def _extra_skeleton(lang: str) -> html.Div:
    return html.Div(graph_panel("extra", note=False, text=False, lang=lang))


def _extra_update(selection: object, narrow: bool = False) -> dict[str, object]:
    chosen = selection if isinstance(selection, dict) else {}
    figure = go.Figure(go.Bar(x=["a"], y=[1]), layout={"title": {"text": "extra chart"}})
    figure.add_annotation(text=f"extra view for {chosen.get('region') or 'every region'}", showarrow=False)
    return {"graph": figure, "sources": "Bron: test"}


def _extra_table(selection: object) -> pd.DataFrame:
    return pd.DataFrame({"edition": [2022], "what": ["extra figure"], "value": [7], "published_text": ["zeven"]})


EXTRA = View(
    name="extra",
    slug="extra",
    label="nav_about",  # a throwaway view borrows a label; a real one adds its own to the catalogues
    order=99,
    skeleton=_extra_skeleton,
    update=_extra_update,
    outputs={"graph": "figure", "sources": "children"},
    figures=(empty_figure,),
    tables={"main": _extra_table},
    in_report=True,
)


@pytest.fixture
def extra_app(database_url):
    """An app with one more view, declared here only; the page registry is the process's, so it is put back."""
    before = dict(dash.page_registry)
    yield create_app(Settings(database_url=database_url), extra_views=(EXTRA,))
    dash.page_registry.clear()
    dash.page_registry.update(before)


def test_a_view_declared_once_gets_a_page_a_tab_links_the_report_and_downloads(extra_app):
    client = extra_app.server.test_client()
    assert client.get("/extra?regio=zuid").status_code == 200
    assert [page["path"] for page in dash.page_registry.values() if "view" in page][-1] == "/extra"

    layout = json.dumps(client.get("/_dash-layout", headers={"Referer": "http://x/extra"}).get_json())
    assert ids.tab_link("extra") in layout and '"href": "/extra"' in layout

    with extra_app.server.test_request_context("/extra"):
        from callbacks import download, pages, report, state

        links = state.restate_selection({"tab": "extra", "region": "zuid"})
        assert links["href-extra"] == "/extra?regio=zuid" and links["active-extra"] is True
        page = dash.page_registry["sze.view.extra"]["layout"]()
        assert ids.part("extra", "graph") in _ids_in(page)
        assert pages.show_page("/extra") is False  # the filters show on it

        briefing = json.dumps(report.build_report(selection_from({"tab": "extra"})).to_plotly_json(), default=str)
        assert "extra chart" in briefing

        file, note = download.download_chart(
            ids.chart_control(ids.CHART_DOWNLOAD, "extra", "main", format="csv", scope="selection"), {"tab": "extra"}
        )
        assert note is None and file["filename"].startswith("sze-extra") and ";extra figure;7;zeven;" in file["content"]

    response = client.post(
        "/_dash-update-component", json=view_update("extra", EXTRA.outputs, {"tab": "extra", "region": "zuid"})
    )
    assert response.status_code == 200
    answer = response.get_json()["response"]
    figure = go.Figure(answer[ids.part("extra", "graph")]["figure"])
    assert figure.layout.annotations[0].text == "extra view for zuid"
    assert answer[ids.part("extra", "sources")]["children"] == "Bron: test"
