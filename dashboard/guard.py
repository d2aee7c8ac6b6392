"""Callback requests checked before Dash reads them: the shape the app's own callbacks declare, or a plain 400.

Dash trusts the body of ``_dash-update-component``: a missing key, a string where a list belongs or
JSON nested ten thousand deep ends in a KeyError, TypeError or RecursionError, which is a 500. The
browser's renderer only ever sends the ids and properties a callback declared, so anything else is
refused here, before Dash (or ``request_language``) parses it. What a callback then receives are
values at its declared places, which it validates itself (``Selection.parse`` and friends).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from dash import Dash
from flask import Response, request

#: a request body larger than this is refused (413): the largest the renderer sends is a map click, a few KB
MAX_BODY_BYTES = 256 * 1024
#: the body of an editor's callback that carries an uploaded file (/beheer): the largest file the page takes
#: (callbacks.beheer, 20 MB) as base64 (4/3) in a data URL, with room for the rest of the request
MAX_FILE_BODY_BYTES = (20 * 1024 * 1024 * 4) // 3 + 256 * 1024
#: deeper JSON than this is refused: the deepest the renderer sends is a map click's point (about 5)
MAX_DEPTH = 32
#: at most this many components behind one ALL wildcard (a chart's download menu has four)
MAX_PATTERN_ITEMS = 100
MAX_CHANGED = 50

_WILDCARDS = (["MATCH"], ["ALL"], ["ALLSMALLER"])

#: properties the renderer only ever sends as text (or null): a dcc.Location's parts of the address. Dash's own
#: page router reads them as strings without a check, so anything else would end in its AttributeError (a 500).
TEXT_PROPERTIES = frozenset({"pathname", "search", "hash", "href"})


class BadRequest(ValueError):
    """A callback request that is not what the renderer sends."""


def _depth(value: Any, limit: int = MAX_DEPTH) -> int:
    """How deeply ``value`` nests, counted without recursion (it is what may be hostile), up to ``limit`` + 1."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        if deepest > limit:
            return deepest
        if isinstance(item, Mapping):
            stack.extend((child, level + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, level + 1) for child in item)
    return deepest


def _id_matches(declared: str, given: object) -> bool:
    """True when ``given`` is the declared id, or a concrete id of the declared pattern."""
    if not declared.startswith("{"):
        return given == declared
    pattern = json.loads(declared)
    if not isinstance(given, dict) or set(given) != set(pattern):
        return False
    for key, want in pattern.items():
        have = given[key]
        if want in _WILDCARDS:
            if not isinstance(have, (str, int, float, bool)) or (isinstance(have, str) and len(have) > 200):
                return False
        elif have != want:
            return False
    return True


def _check_text(prop: str, value: object, prefix: str) -> None:
    """A part of the address is text (or null), and a path lies under the app's prefix, as a browser's does."""
    if prop not in TEXT_PROPERTIES or value is None:
        return
    if not isinstance(value, str):
        raise BadRequest(f"{prop} is text")
    if prop == "pathname" and not value.startswith(prefix):
        raise BadRequest(f"pathname outside {prefix}")


def _check_items(declared: list[dict[str, Any]], given: object, part: str, prefix: str = "/") -> None:
    """Each item of ``inputs``/``state``/``outputs`` names the declared component and property, in order."""
    if not isinstance(given, list) or len(given) != len(declared):
        raise BadRequest(f"{part}: {len(declared)} items expected")
    for spec, item in zip(declared, given, strict=True):
        many = isinstance(item, list)
        if many != ('["ALL"]' in spec["id"] or '["ALLSMALLER"]' in spec["id"]):
            raise BadRequest(f"{part}: wrong shape for {spec['id']}")
        for one in item[:MAX_PATTERN_ITEMS] if many else [item]:
            if not isinstance(one, dict) or one.get("property") != spec["property"]:
                raise BadRequest(f"{part}: unexpected property for {spec['id']}")
            if not _id_matches(spec["id"], one.get("id")):
                raise BadRequest(f"{part}: unexpected component")
            _check_text(spec["property"], one.get("value"), prefix)
        if many and len(item) > MAX_PATTERN_ITEMS:
            raise BadRequest(f"{part}: too many components")


def check_callback_request(app: Dash, body: object) -> None:
    """Raise BadRequest unless ``body`` is a request for one of ``app``'s server callbacks, shaped as declared."""
    if not isinstance(body, dict):
        raise BadRequest("not an object")
    output = body.get("output")
    callback = app.callback_map.get(output) if isinstance(output, str) else None
    if not callback or "callback" not in callback:
        raise BadRequest("no such callback")
    prefix = app.config.requests_pathname_prefix
    _check_items(callback["inputs"], body.get("inputs"), "inputs", prefix)
    _check_items(callback["state"], body.get("state", []), "state", prefix)
    outputs = body.get("outputs")
    declared = callback["output"] if isinstance(callback["output"], list) else [callback["output"]]
    as_list = outputs if isinstance(callback["output"], list) else [outputs]
    if not isinstance(as_list, list) or len(as_list) != len(declared):
        raise BadRequest("outputs: wrong shape")
    for spec, item in zip(declared, as_list, strict=True):
        # an ALL wildcard's output is a list of the components it matched (a view's links: core.views.LINKS)
        many = '["ALL"]' in spec.component_id_str()
        if many != isinstance(item, list) or (many and len(item) > MAX_PATTERN_ITEMS):
            raise BadRequest("outputs: wrong shape")
        for one in item if many else [item]:
            if (
                not isinstance(one, dict)
                # a duplicate output's property may carry its '@hash'
                or str(one.get("property")).split("@")[0] != spec.component_property
                or not _id_matches(spec.component_id_str(), one.get("id"))
            ):
                raise BadRequest("outputs: unexpected component")
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or len(changed) > MAX_CHANGED or not all(isinstance(c, str) for c in changed):
        raise BadRequest("changedPropIds: a short list of strings expected")
    if _depth(body) > MAX_DEPTH:
        raise BadRequest("nested too deeply")


def _declared(app: Dash, body: dict[str, Any]) -> dict[str, Any]:
    """The callback a checked request names, as the app declared it."""
    callback: dict[str, Any] = app.callback_map[body["output"]]
    return callback


def editor_only(app: Dash, body: dict[str, Any], prefix: str) -> bool:
    """Whether the checked request is for a callback only editors may run: one that writes to a component whose
    id starts with ``prefix`` (/beheer's components), whatever it is sent."""
    declared = _declared(app, body)["output"]
    outputs = declared if isinstance(declared, list) else [declared]
    return any(_editors_id(spec.component_id_str(), prefix) for spec in outputs)


def _editors_id(component_id: str, prefix: str) -> bool:
    """Whether a declared output id is one of ``prefix``'s: a plain id that starts with it, or a pattern id (its
    JSON, as Dash declares it) any of whose values does (``{"type": "beheer-undo", "index": ...}``)."""
    if not component_id.startswith("{"):
        return component_id.startswith(prefix)
    values = json.loads(component_id).values()
    return any(isinstance(value, str) and value.startswith(prefix) for value in values)


def carries_file(app: Dash, body: dict[str, Any], file_id: str) -> bool:
    """Whether the checked request is for a callback that is sent the uploaded file (``file_id``'s data)."""
    callback = _declared(app, body)
    return any(item["id"] == file_id for item in (*callback["inputs"], *callback["state"]))


def install(
    app: Dash,
    message: str = "Bad request",
    *,
    editor: Callable[[], bool] = lambda: False,
    editor_prefix: str = "\0",
    file_id: str = "\0",
) -> None:
    """Refuse oversized bodies (413) and callback requests the renderer would never send (400), before any other
    request hook reads them; refuse a callback of ``editor_prefix``'s components to anyone ``editor`` does not
    name (403). Only an editor's callback that carries the uploaded file (``file_id``) may be larger than
    ``MAX_BODY_BYTES``. Call before registering other ``before_request`` hooks but after the login's."""
    server = app.server
    server.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    endpoint = app.config.routes_pathname_prefix + "_dash-update-component"

    @server.before_request
    def _check_callback_request() -> Response | None:
        if request.method != "POST" or request.path != endpoint:
            return None
        may_write = editor()
        if may_write:
            # read up to the file's limit, then refuse below unless the callback is one that carries the file
            request.max_content_length = MAX_FILE_BODY_BYTES
        # a body that is not JSON at all fails to parse below (dashboard.security refuses its type before that)
        try:
            data = request.get_data(cache=True)
            body = json.loads(data)
            check_callback_request(app, body)
        except (ValueError, RecursionError) as error:  # json's errors are ValueErrors; BadRequest too
            return _refuse(message, str(error)[:200])
        if editor_only(app, body, editor_prefix) and not may_write:
            return _refuse("Forbidden", "editors only", 403)
        if len(data) > MAX_BODY_BYTES and not carries_file(app, body, file_id):
            return _refuse("Request too large", "body too large", 413)
        return None


def _refuse(message: str, why: str, status: int = 400) -> Response:
    """A plain 400 (or ``status``): what was wrong in a header for whoever debugs a client, nothing of the
    server's inside."""
    response = Response(message + "\n", status=status, mimetype="text/plain; charset=utf-8")
    response.headers["X-SZE-Refused"] = why.encode("ascii", "replace").decode("ascii")[:200]
    return response
