"""The view registry: a view declared once appears as a tab, a link, a URL value and wired callbacks."""

from __future__ import annotations

import json

import plotly.graph_objects as go
from dash import html

from callbacks import VIEWS
from core.figures import empty_figure
from core.views import View
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
        for output in key.strip(".").split("..."):  # '..a.prop...b.prop..' or 'a.prop'
            named.add(_named(output.rsplit(".", 1)[0]))
    return named


def test_every_id_a_callback_names_is_in_the_validation_layout(database_url):
    """A misspelt id fails here, instead of being hidden by suppress_callback_exceptions."""
    app = create_app(Settings(database_url=database_url))
    assert app.config.suppress_callback_exceptions is False
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
        assert {ids.part(view.name, part) for part in view.outputs} <= skeleton_ids, view.name
        assert view.figures, f"{view.name} names no figure builder"


def _extra_skeleton(lang: str) -> html.Div:
    return html.Div(graph_panel("extra", note=False, text=False, lang=lang))


def _extra_update(selection: object, narrow: bool = False) -> dict[str, object]:
    chosen = selection if isinstance(selection, dict) else {}
    return {"graph": empty_figure(f"extra view for {chosen.get('region') or 'every region'}"), "sources": "Bron: test"}


EXTRA = View(
    name="extra",
    slug="extra",
    label="nav_about",  # a throwaway view borrows a label; a real one adds its own to the catalogues
    skeleton=_extra_skeleton,
    update=_extra_update,
    outputs={"graph": "figure", "sources": "children"},
    figures=(empty_figure,),
)


def test_a_view_added_to_the_registry_gets_a_tab_a_link_a_url_and_its_callback(database_url):
    app = create_app(Settings(database_url=database_url), views=(*VIEWS, EXTRA))
    client = app.server.test_client()

    layout = json.dumps(client.get("/_dash-layout").get_json())
    assert ids.tab_link("extra") in layout and '"href": "/?tab=extra"' in layout

    with app.server.test_request_context("/"):
        from callbacks import pages, state

        links = state.restate_selection({"tab": "extra", "region": "zuid"})
        assert links["href-extra"] == "/?tab=extra&regio=zuid" and links["active-extra"] is True
        skeleton, tab = pages.render_view({"tab": "extra"}, "/", None)
        assert tab == "extra" and ids.part("extra", "graph") in _ids_in(skeleton)

    response = client.post(
        "/_dash-update-component", json=view_update("extra", EXTRA.outputs, {"tab": "extra", "region": "zuid"})
    )
    assert response.status_code == 200
    answer = response.get_json()["response"]
    figure = go.Figure(answer[ids.part("extra", "graph")]["figure"])
    assert figure.layout.annotations[0].text == "extra view for zuid"
    assert answer[ids.part("extra", "sources")]["children"] == "Bron: test"
