"""The app as a server: health, offline page, no traces for users."""

from __future__ import annotations

import gzip
import json
import re

import pytest

from callbacks import trends
from dashboard.app import create_app
from dashboard.settings import Settings
from layouts import ids
from tests.callback_requests import view_update


def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200


def test_healthz_answers_503_when_the_database_is_gone(tmp_path):
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'missing' / 'none.db'}"))
    assert app.server.test_client().get("/healthz").status_code == 503


@pytest.mark.parametrize(
    ("query", "words"), [("", "Gegevens tijdelijk niet beschikbaar"), ("?taal=en", "Data temporarily")]
)
def test_without_a_database_the_page_says_the_data_are_away_for_now_and_will_come_back(tmp_path, query, words):
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'missing' / 'none.db'}"))
    client = app.server.test_client()
    assert client.get("/" + query).status_code == 200
    layout = client.get("/_dash-layout", headers={"Referer": "http://localhost/" + query})
    text = layout.get_data(as_text=True)
    assert layout.status_code == 200 and words in text and "Traceback" not in text
    assert ids.RETRY in text, "the page would not come back by itself"
    # the health check the page asks answers under the app's own prefix too
    assert client.get("/healthz").status_code == 503


def test_healthz_answers_503_when_the_database_is_empty(tmp_path):
    from data_access import schema
    from data_access.engine import make_engine

    url = f"sqlite:///{tmp_path / 'empty.db'}"
    engine = make_engine(url)
    schema.metadata.create_all(engine)  # the tables, but not the dataset
    engine.dispose()
    response = create_app(Settings(database_url=url)).server.test_client().get("/healthz")
    assert response.status_code == 503 and b"unavailable" in response.data


def test_a_platform_postgres_url_is_accepted(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://sze:secret@db.internal:5432/sze")
    assert Settings.from_env().database_url == "postgresql://sze:secret@db.internal:5432/sze"
    assert Settings.from_env(database_url="sqlite:///x.db").database_url == "sqlite:///x.db"


def test_without_database_url_the_embedded_file_is_in_the_starting_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    assert Settings.from_env().database_url == f"sqlite:///{tmp_path / 'instance' / 'sze.db'}"


def test_the_map_boundaries_come_from_the_app_itself(client):
    response = client.get("/geo/nl-provinces.geojson")
    assert response.status_code == 200 and response.mimetype == "application/geo+json"
    assert b"Noord-Brabant" in response.data and response.cache_control.max_age == 86400


def test_the_map_boundaries_travel_small_and_draw_the_same_provinces(client):
    from ingest import bundled

    sent = client.get("/geo/nl-provinces.geojson", headers={"Accept-Encoding": "gzip"})
    assert sent.headers.get("Content-Encoding") == "gzip"
    raw = bundled.boundaries()
    assert len(sent.data) < len(raw) / 5, "a cold load of a map carries the boundaries: compressed, rounded"
    drawn = json.loads(gzip.decompress(sent.data))
    published = json.loads(raw)

    def outline(feature: dict) -> list:
        polygons = feature["geometry"]["coordinates"]
        return polygons if feature["geometry"]["type"] == "MultiPolygon" else [polygons]

    assert [f["properties"]["name"] for f in drawn["features"]] == [
        f["properties"]["name"] for f in published["features"]
    ]
    for ours, theirs in zip(drawn["features"], published["features"], strict=True):
        for polygon, original in zip(outline(ours), outline(theirs), strict=True):
            for ring, first in zip(polygon, original, strict=True):
                assert ring[0] == ring[-1] and len(ring) >= 4  # still closed rings
                # every drawn point lies within 10 m of a published one (1 px of the map is 300 m or more)
                assert all(
                    min(abs(x - a) + abs(y - b) for a, b in first) < 1e-4 for x, y in ring[:: max(1, len(ring) // 25)]
                )


def test_page_is_dutch_and_loads_nothing_from_other_hosts(client):
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="nl">' in html
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls and all(not u.startswith(("http:", "https:", "//")) for u in urls)
    assert "00-bootstrap.min.css" in html


def test_layout_names_every_edition(client):
    layout = client.get("/_dash-layout").get_json()
    assert "2024" in json.dumps(layout) and "e-healthweek" in json.dumps(layout)


def _find(node: object, component_id: str) -> dict | None:
    """The component with ``component_id`` in a layout as JSON."""
    if isinstance(node, dict):
        if node.get("props", {}).get("id") == component_id:
            return node
        children = [node.get("props", {}).get("children")]
    elif isinstance(node, list):
        children = node
    else:
        return None
    return next((found for child in children if (found := _find(child, component_id))), None)


@pytest.mark.parametrize(
    ("query", "is_open"), [("", False), ("?filters=0&tab=kaart", False), ("?filters=x", False), ("?filters=1", True)]
)
def test_a_folded_link_opens_folded_without_unfolding_first(client, query, is_open):
    # the layout is built as the link says (folded unless filters=1), so the panel does not open and then close in
    # front of a room
    layout = client.get("/_dash-layout", headers={"Referer": "http://localhost/" + query}).get_json()
    collapse, toggle = _find(layout, ids.FILTER_COLLAPSE), _find(layout, ids.FILTER_TOGGLE)
    assert collapse and toggle
    assert collapse["props"]["is_open"] is is_open
    assert toggle["props"]["aria-expanded"] == ("true" if is_open else "false")


def test_without_a_database_the_page_says_so_without_a_trace(tmp_path):
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'missing' / 'none.db'}"))
    body = json.dumps(app.server.test_client().get("/_dash-layout").get_json())
    assert "Gegevens tijdelijk niet beschikbaar" in body
    assert "Traceback" not in body and "OperationalError" not in body


def test_a_failing_callback_shows_a_message_not_a_trace(tmp_path, client):
    broken = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'missing' / 'none.db'}")).server.test_client()
    payload = view_update("trends", trends.VIEW.outputs, {"tab": "trends"})
    response = broken.post("/_dash-update-component", json=payload)
    body = response.get_data(as_text=True)
    assert "Traceback" not in body and "sqlite3" not in body
    assert "Gegevens tijdelijk niet beschikbaar" in body


def test_synthetic_rows_are_announced_on_every_page(tmp_path):
    from sqlalchemy import insert

    from callbacks import pages
    from data_access import schema
    from data_access.engine import make_engine
    from ingest.loader import load_bundled

    url = f"sqlite:///{tmp_path / 'demo.db'}"
    engine = make_engine(url)
    load_bundled(engine)
    app = create_app(Settings(database_url=url))
    with app.server.test_request_context("/"):
        assert pages.demo_banner("/") is None
        with engine.begin() as conn:
            conn.execute(
                insert(schema.initiatives).values(
                    edition=2024,
                    name="Demo",
                    kind="activiteit",
                    source_id="icth-2024-03",
                    origin="demo",
                    is_synthetic=True,
                )
            )
    with app.server.test_request_context("/over-de-cijfers"):  # a request sees what was committed before it
        banner = pages.demo_banner("/over-de-cijfers")
        long, short = (str(part.children) for part in banner.children)
        assert long.startswith("Voorbeelddata:") and "1 synthetische rijen" in long and "geen echte" in short


def test_under_a_base_path_the_map_finds_its_boundaries(database_url, monkeypatch):
    monkeypatch.setenv("DASH_URL_BASE_PATHNAME", "/sze/")
    app = create_app(Settings(database_url=database_url))
    client = app.server.test_client()
    with app.server.test_request_context("/sze/"):
        from callbacks import map

        url = map.update_map({"tab": "kaart"})["graph"].data[0].geojson
    assert url == "/sze/geo/nl-provinces.geojson"
    response = client.get(url)
    assert response.status_code == 200 and response.mimetype == "application/geo+json"
