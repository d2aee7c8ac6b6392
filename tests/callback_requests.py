"""Callback requests built as any client can: from the app's own ``_dash-dependencies``, with values of our choosing.

The browser sends ``{"output", "outputs", "inputs", "state", "changedPropIds"}`` to
``_dash-update-component``; nothing stops another client sending anything else in those places.
"""

from __future__ import annotations

import json
from typing import Any

#: what stands in for a pattern-matching wildcard in a concrete id
WILDCARD_VALUE = "graph"


def split_spec(spec: str) -> list[tuple[Any, str]]:
    """The (id, property) pairs of an output spec: ``a.b`` or ``..a.b...c.d..`` (ids may be JSON)."""
    parts = spec[2:-2].split("...") if spec.startswith("..") else [spec]
    pairs = []
    for part in parts:
        name, prop = part.rsplit(".", 1)
        pairs.append((json.loads(name) if name.startswith("{") else name, prop))
    return pairs


def concrete(component_id: Any, wildcard: str = WILDCARD_VALUE) -> Any:
    """A wildcard id (``{"view": ["MATCH"]}``) as one concrete component's id."""
    if not isinstance(component_id, dict):
        return component_id
    return {key: wildcard if isinstance(value, list) else value for key, value in component_id.items()}


def is_pattern(component_id: Any) -> bool:
    """True for an id with an ALL wildcard: its input arrives as a list of components."""
    return isinstance(component_id, dict) and any(value == ["ALL"] for value in component_id.values())


def body(dependency: dict[str, Any], values: list[Any], state: list[Any] | None = None) -> dict[str, Any]:
    """A request for ``dependency`` with ``values`` for its inputs and ``state`` for its states (None when left out)."""
    # an ALL wildcard's output arrives as a list of the components it matched: one here
    outputs = [
        [item] if is_pattern(cid) else item
        for cid, prop in split_spec(dependency["output"])
        for item in [{"id": concrete(cid), "property": prop.split("@")[0]}]
    ]

    def items(declared: list[dict[str, Any]], given: list[Any]) -> list[Any]:
        out: list[Any] = []
        for spec, value in zip(declared, given, strict=True):
            cid = json.loads(spec["id"]) if spec["id"].startswith("{") else spec["id"]
            item = {"id": concrete(cid), "property": spec["property"], "value": value}
            out.append([item] if is_pattern(cid) else item)
        return out

    inputs = items(dependency["inputs"], values)
    first = dependency["inputs"][0]
    return {
        "output": dependency["output"],
        "outputs": outputs if dependency["output"].startswith("..") else outputs[0],
        "inputs": inputs,
        "state": items(dependency["state"], state if state is not None else [None] * len(dependency["state"])),
        "changedPropIds": [f"{first['id']}.{first['property']}"],
    }


def view_body(dependency: dict[str, Any], selection: Any, screen: Any = None) -> dict[str, Any]:
    """A request for a view's update (``dependency``, from ``_dash-dependencies``) drawing the Store's ``selection``:
    as the width class sends it (no filter control changed: callbacks.state.control_change), on a page that shows
    nothing yet."""
    controls = len(dependency["inputs"]) - 1  # the filter controls, then the width class
    request = body(dependency, [None] * controls + [screen], [selection, "", "/", True, None])
    request["changedPropIds"] = [f"{dependency['inputs'][-1]['id']}.{dependency['inputs'][-1]['property']}"]
    return request


def server_callbacks(dependencies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The callbacks that run on the server (clientside ones never reach it)."""
    return [dep for dep in dependencies if not dep.get("clientside_function")]


def post(client: Any, path: str, payload: Any) -> Any:
    """POST ``payload`` (NaN and Infinity allowed, as JavaScript's own JSON never sends but a client may)."""
    data = payload if isinstance(payload, (str, bytes)) else json.dumps(payload, allow_nan=True)
    return client.post(path, data=data, content_type="application/json")


def view_update(view: str, outputs: dict[str, str], selection: dict[str, Any], screen: str = "wide") -> dict[str, Any]:
    """The request the renderer sends for a view's update: its ``outputs`` (part -> property) for the selection the
    page holds (the width class changed: no filter control, so the Store's selection is drawn)."""
    from callbacks.state import CONTROLS
    from core.views import LINKS
    from layouts import ids

    # and the Store of what the page shows already: nothing, so every part comes (callbacks.only_changed); the
    # view's links (core.views.LINKS), which stand in its parts: none yet
    parts = [{"id": ids.part(view, part), "property": prop} for part, prop in {**outputs, ids.SHOWN: "data"}.items()]
    for item in parts:
        if item["id"] == ids.part(view, LINKS):
            item["id"] = json.dumps(ids.view_link(view, ["ALL"]), sort_keys=True, separators=(",", ":"))
    return {
        "output": ".." + "...".join(f"{o['id']}.{o['property']}" for o in parts) + "..",
        "outputs": [[] if o["id"].startswith("{") else o for o in parts],
        "inputs": [{"id": cid, "property": "value", "value": None} for cid in CONTROLS.values()]
        + [{"id": ids.SCREEN, "property": "data", "value": screen}],
        "changedPropIds": [f"{ids.SCREEN}.data"],
        "state": [
            {"id": ids.SELECTION, "property": "data", "value": selection},
            {"id": ids.URL, "property": "search", "value": ""},
            {"id": ids.URL, "property": "pathname", "value": "/"},
            {"id": ids.LINK_NOTE, "property": "hidden", "value": True},
            {"id": ids.part(view, ids.SHOWN), "property": "data", "value": None},
        ],
    }


def page_load_token(client: Any, path: str = "/") -> str:
    """The signed token of one page load that the renderer sends with every callback (``endId``): Dash binds a
    background callback's handles to it."""
    import re

    page = client.get(path).get_data(as_text=True)
    found = re.search(r'<script id="_dash-config" type="application/json">(.*?)</script>', page, re.S)
    assert found, "the page has no Dash config"
    token: str = json.loads(found.group(1))["end_id"]
    return token


def post_background(client: Any, path: str, payload: Any, token: str, timeout: float = 120.0) -> Any:
    """POST a background callback's request as the renderer does: start the job, then ask for its answer until it
    is there (the job's progress in between). The last response, whose JSON has the callback's "response"."""
    import time
    from urllib.parse import urlencode

    started = post(client, f"{path}?{urlencode({'endId': token})}", payload)
    handles = started.get_json(silent=True) or {}
    if "cacheKey" not in handles:
        return started  # refused or answered before any job started (a reader's request, a bad body)
    query = urlencode({"endId": token, "cacheKey": handles["cacheKey"], "job": handles["job"]})
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        answer = post(client, f"{path}?{query}", payload)
        if answer.status_code != 200 or "response" in (answer.get_json(silent=True) or {}):
            return answer
        time.sleep(0.05)
    raise AssertionError(f"the background callback gave no answer within {timeout} s")
