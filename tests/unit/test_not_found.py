"""An address that is no page answers 404 with the page that says so; every real route keeps its answer."""

from __future__ import annotations

import re

import pytest

from dashboard.app import create_app
from dashboard.settings import Settings

VIEWS = ("/kaart", "/regio", "/vergelijk", "/activiteiten", "/trends", "/evaluatie", "/bereik")
PAGES = (
    "/",
    *VIEWS,
    "/trends/?regio=zuid",
    "/over-de-cijfers",
    "/over-de-cijfers/",
    "/rapport",
    "/rapport/?editie=2021",
)
UNKNOWN = (
    "/bestaat-niet",
    "/trends/x",
    "/Trends",
    "/foo",
    "/over-de-cijfers/x",
    "/rapport/../x",
    "/Over-de-cijfers",
    "/assets",
    "/x/y/z/",
)


def _own_routes(client, prefix: str = "/") -> list[str]:
    """Dash's own addresses as the index names them (scripts, styles, favicon) and those the renderer asks."""
    html = client.get(prefix).get_data(as_text=True)
    found = re.findall(r'(?:src|href)="([^"]+)"', html)
    return [*found, f"{prefix}_dash-layout", f"{prefix}_dash-dependencies", f"{prefix}_favicon.ico"]


@pytest.mark.parametrize("path", UNKNOWN)
def test_an_unknown_address_answers_404_with_the_dashboards_page(client, path):
    response = client.get(path)
    assert response.status_code == 404
    body = response.get_data(as_text=True)
    assert 'id="react-entry-point"' in body and "_dash-renderer" in body  # the renderer loads and says 'not found'
    assert client.head(path).status_code == 404


@pytest.mark.parametrize("path", PAGES)
def test_the_pages_answer_200(client, path):
    assert client.get(path).status_code == 200


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/?tab=trends&editie=2021&regio=zuid", "/trends?editie=2021&regio=zuid"),
        # every other parameter kept as written, in its order, whatever the page makes of it
        (
            "/?filters=0&TAB=Vergelijk&vergelijk=2023-w1,2023-w3&presentatie=1&utm_source=mail",
            "/vergelijk?filters=0&vergelijk=2023-w1,2023-w3&presentatie=1&utm_source=mail",
        ),
        ("/?tab=kaart", "/kaart"),
    ],
)
def test_an_old_link_to_a_view_answers_a_permanent_redirect_to_its_page(client, old, new):
    answer = client.get(old)
    assert answer.status_code == 308 and answer.headers["Location"] == new
    assert client.get(new).status_code == 200


def test_an_old_link_to_no_view_stays_on_the_root_which_says_what_it_ignored(client):
    assert client.get("/?tab=nope&regio=zuid").status_code == 200


def test_dashs_own_routes_the_health_check_and_the_boundaries_keep_their_answer(client):
    routes = _own_routes(client)
    assert any("_dash-component-suites" in r for r in routes) and any("/assets/" in r for r in routes)
    for route in [*routes, "/healthz", "/geo/nl-provinces.geojson"]:
        assert client.get(route).status_code == 200, route
    assert client.get("/assets/bestaat-niet.css").status_code == 404  # a missing file is no page either
    assert client.post("/_dash-update-component", json={}).status_code != 404


def test_under_a_prefix_the_same_paths_below_it_count(monkeypatch, database_url):
    monkeypatch.setenv("DASH_URL_BASE_PATHNAME", "/sze/")
    client = create_app(Settings(database_url=database_url)).server.test_client()
    for path in ("/sze/", "/sze/over-de-cijfers", "/sze/rapport/", "/sze/geo/nl-provinces.geojson", "/healthz"):
        assert client.get(path).status_code == 200, path
    for route in _own_routes(client, "/sze/"):
        assert client.get(route).status_code == 200, route
    assert client.get("/sze/bestaat-niet").status_code == 404
    assert client.get("/sze/sze/").status_code == 404


def test_the_favicon_a_browser_asks_of_any_document_is_the_dashboards_own(client):
    answer = client.get("/favicon.ico")
    assert answer.status_code == 301
    icon = client.get(answer.headers["Location"])
    assert icon.status_code == 200 and icon.mimetype == "image/x-icon"
