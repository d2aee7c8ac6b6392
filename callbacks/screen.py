"""The window's width class ("narrow" or "wide") in a Store, set in the browser: on load and when a resize crosses it.

Every view's update reads it (``narrow``), so a phone gets charts drawn for a phone: panels stacked, labels
that fit. The Store changes only when the class does, so dragging a window wider redraws nothing until it
crosses the line, and then once.
"""

from __future__ import annotations

import json

from dash import Dash, Input, Output, State

from core.views import NARROW, NARROW_BELOW, WIDE
from layouts import ids

#: ms a resize must rest before the class is read again: one redraw when a phone turns, not one per frame
DEBOUNCE_MS = 250

_SCRIPT = """function (_pathname, current) {{
    function widthClass() {{ return window.innerWidth < {below} ? {narrow} : {wide}; }}
    var watch = window.szeScreen;
    if (!watch) {{
        watch = window.szeScreen = {{last: current, timer: null}};
        window.addEventListener("resize", function () {{
            clearTimeout(watch.timer);
            watch.timer = setTimeout(function () {{
                var now = widthClass();
                if (now !== watch.last) {{
                    watch.last = now;
                    window.dash_clientside.set_props({store}, {{data: now}});
                }}
            }}, {debounce});
        }});
    }}
    var now = widthClass();
    if (now === current) {{ return window.dash_clientside.no_update; }}
    watch.last = now;
    return now;
}}"""


def register(app: Dash) -> None:
    """Wire the width class: read on load (and on every page change), then watched on resize."""
    app.clientside_callback(
        _SCRIPT.format(
            below=NARROW_BELOW,
            narrow=json.dumps(NARROW),
            wide=json.dumps(WIDE),
            store=json.dumps(ids.SCREEN),
            debounce=DEBOUNCE_MS,
        ),
        Output(ids.SCREEN, "data"),
        Input(ids.URL, "pathname"),
        State(ids.SCREEN, "data"),
    )
