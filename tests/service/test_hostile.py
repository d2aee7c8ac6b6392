"""Hostile requests to every registered callback, as any client can send them: no 5xx, no traceback, no error
shown, the database unchanged, and the app healthy afterwards."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.app import create_app
from dashboard.settings import Settings
from tests.callback_requests import body, post, server_callbacks, view_body
from tests.service.conftest import HttpClient, dump, fill

UPDATE = "/_dash-update-component"

SQL = "'; DROP TABLE figures; --"
#: values a client may put where the renderer puts a component's property
HOSTILE: list[Any] = [
    None,
    True,
    -1,
    2**70,
    1.5,
    math.nan,
    math.inf,
    -math.inf,
    "",
    "zuid",
    "ZUID",
    SQL,
    "<script>alert(1)</script>",
    "?tab=trends&editie=2021' OR 1=1 --",
    "/over-de-cijfers",
    "x" * 100_000,
    [],
    [2021, "2022", None, SQL, math.nan],
    list(range(100_000)),
    {},
    {"points": [{"customdata": SQL}]},
    {"points": "x"},
    {"points": [{"customdata": ["zuid"]}]},
    {
        "editions": SQL,
        "region": {"x": 1},
        "week": math.inf,
        "metric": [SQL],
        "tab": 5,
        "compare": ["2021-zuid"] * 1000,
        "present": "ja",
        "lang": ["en"],
    },
    {"editions": list(range(100_000)), "tab": "trends", "lang": "en", "compare": "2021-w1," * 10_000},
    {"editions": [2021], "region": "zuid", "week": 1, "tab": "vergelijk", "compare": ["2021-zuid", "2022-w2"]},
]


def nested(depth: int) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = [value]
    return value


def _ok(response: Any) -> None:
    """What a user would never see: a server error, a trace, or the dashboard's 'something went wrong'."""
    text = response.get_data(as_text=True)
    assert response.status_code < 500, text[:300]
    assert "Traceback" not in text and 'File "' not in text, text[:300]
    if response.status_code == 200 and text.startswith("{"):
        answer = response.get_json()
        assert "error-alert" not in (answer.get("sideUpdate") or {}), text[:300]


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The dashboard on a database of this module's own (on the test's backend), and that database's URL."""
    import os
    import uuid

    from sqlalchemy import create_engine, make_url, text

    shared = os.environ.get("SZE_TEST_DATABASE_URL")
    if shared:
        name = f"h_{uuid.uuid4().hex[:10]}"
        server = create_engine(
            make_url(shared).set(database="postgres"), isolation_level="AUTOCOMMIT", pool_pre_ping=True
        )
        with server.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        url = make_url(shared).set(database=name).render_as_string(hide_password=False)
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('hostile') / 'sze.db'}"
    fill(url)
    app = create_app(Settings(database_url=url))
    yield app, url
    if shared:
        from data_access.engine import engine_for

        engine_for(url).dispose()
        with server.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        server.dispose()


def _dependencies(client: Any) -> list[dict[str, Any]]:
    return server_callbacks(client.get("/_dash-dependencies").get_json())


def _healthy(client: Any) -> None:
    """The app still answers pages, its health check and an ordinary callback with a drawn chart."""
    assert client.get("/healthz").status_code == 200
    assert client.get("/trends").status_code == 200
    trends = next(dep for dep in _dependencies(client) if dep["output"].startswith("..trends-graph.figure"))
    answer = post(client, UPDATE, view_body(trends, {"tab": "trends", "editions": [2021]}, {"narrow": False}))
    assert answer.status_code == 200
    assert answer.get_json()["response"]["trends-graph"]["figure"]["data"], "the trends chart has no bars"


def test_hst001_every_callback_takes_hostile_values_without_an_error(hostile_app, tmp_path):
    app, url = hostile_app
    client = app.server.test_client()
    before = dump(url, tmp_path / "before")
    dependencies = _dependencies(client)
    assert len(dependencies) >= 15, "the registry's callbacks are not all listed"
    for dependency in dependencies:
        for value in HOSTILE:
            # the value in every input, and in every state too
            inputs, states = [value] * len(dependency["inputs"]), [value] * len(dependency["state"])
            _ok(post(client, UPDATE, body(dependency, inputs)))
            _ok(post(client, UPDATE, body(dependency, inputs, states)))
    assert dump(url, tmp_path / "after") == before
    _healthy(client)


def test_hst002_requests_the_renderer_never_sends_are_refused_plainly(hostile_app):
    app, _ = hostile_app
    client = app.server.test_client()
    trends = next(dep for dep in _dependencies(client) if dep["output"].startswith("..trends-graph.figure"))
    good = view_body(trends, {"tab": "trends"})
    shapes: list[Any] = [
        "",
        "not json",
        "[1, 2",
        "null",
        "[]",
        "NaN",
        "[" * 50_000 + "1" + "]" * 50_000,  # a RecursionError for a naive parser
        {},
        {**good, "output": SQL},
        {**good, "output": 5},
        {**good, "inputs": "x"},
        {**good, "inputs": []},
        {**good, "inputs": [good["inputs"][0]] * 100_000},
        {**good, "inputs": [{"id": "admin", "property": "data", "value": 1}, good["inputs"][1]]},
        {**good, "inputs": [{**good["inputs"][0], "property": "children"}, good["inputs"][1]]},
        {**good, "inputs": [nested(100), good["inputs"][1]]},
        {**good, "inputs": [{**good["inputs"][0], "value": nested(500)}, good["inputs"][1]]},
        {**good, "outputs": "x"},
        {**good, "outputs": good["outputs"][:1]},
        {**good, "outputs": [{"id": "elsewhere", "property": "figure"}] * len(good["outputs"])},
        {**good, "state": {"a": 1}},
        {**good, "changedPropIds": "selection.data"},
        {**good, "changedPropIds": [SQL] * 100_000},
        {**good, "inputs": [{**good["inputs"][0], "value": "x" * 1_000_000}, good["inputs"][1]]},
    ]
    for shape in shapes:
        answer = post(client, UPDATE, shape)
        _ok(answer)
        assert answer.status_code in (400, 413), (answer.status_code, str(shape)[:200])
    # not JSON at all, as a cross-site form would send it
    answer = client.post(UPDATE, data="output=x", content_type="application/x-www-form-urlencoded")
    assert answer.status_code == 415
    # the very request the renderer sends still works
    assert post(client, UPDATE, good).status_code == 200
    _healthy(client)


_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.sampled_from(["zuid", "ZUID", "trends", "2021", "2021-zuid", "2022-w2", "en", "nl", "1", "0", SQL])
)
_json = st.recursive(
    _scalars,
    lambda children: st.lists(children, max_size=6) | st.dictionaries(st.text(max_size=12), children, max_size=6),
    max_leaves=25,
)
#: a selection Store as the browser keeps it, each field possibly hostile
_selection = st.fixed_dictionaries(
    {},
    optional={
        key: _json | st.sampled_from([[2021, 2022], "zuid", 2, "trends", "vergelijk", ["2021-zuid"], True, "en"])
        for key in ("editions", "region", "week", "metric", "tab", "colour", "compare", "present", "lang")
    },
)


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,  # the same examples in every run: CI fails on code, not on luck
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_hst003_generated_values_in_every_callback_never_break_it(hostile_app, data):
    app, _ = hostile_app
    client = app.server.test_client()
    dependencies = _dependencies(client)
    dependency = data.draw(st.sampled_from(dependencies), label="callback")
    values = [data.draw(_selection | _json) for _ in dependency["inputs"]]
    state = [data.draw(_selection | _json) for _ in dependency["state"]]
    _ok(post(client, UPDATE, body(dependency, values, state)))


def test_hst004_over_http_hostile_requests_leave_the_served_app_and_its_data_alone(served, tmp_path: Path):
    base, url = served
    client = HttpClient(base)
    before = dump(url, tmp_path / "before")
    dependencies = _dependencies(client)
    for dependency in dependencies:
        for value in (SQL, math.nan, list(range(100_000)), "x" * 1_000_000, nested(500), {"tab": ["x"]}):
            _ok(post(client, UPDATE, body(dependency, [value] * len(dependency["inputs"]))))
    _ok(post(client, UPDATE, "[" * 100_000 + "]" * 100_000))
    for path in (
        "/?editie=" + "2021," * 1000,
        "/?regio=%27%3B%20DROP%20TABLE%20figures%3B--",
        "/?tab=%00",
        "/rapport?vergelijk=" + "2021-zuid," * 500,
        "/_dash-layout",
        "/over-de-cijfers?taal=%ff",
    ):
        _ok(client.get(path))
    assert dump(url, tmp_path / "after") == before
    _healthy(client)
