"""The tables a page shows, read as their reader sees them: rows of cell texts.

A table of text is one Markdown component (layouts.components.table); a table with components in its cells is
Tr and Td components. Both read the same here, from components or from their JSON in a callback's answer.
"""

from __future__ import annotations

import re
from typing import Any

_ESCAPED = re.compile(r"\\(.)")
_CELL_BORDER = re.compile(r"(?<!\\)\|")


def markdown_rows(text: str) -> list[list[str]]:
    """A Markdown table's body rows (after its heading and rule), each cell unescaped."""
    rows = []
    for line in str(text).splitlines()[2:]:
        cells = _CELL_BORDER.split(line.strip())[1:-1]
        rows.append([_ESCAPED.sub(r"\1", cell).strip() for cell in cells])
    return rows


def rows_of(tree: Any) -> list[list[Any]]:
    """The body rows of every table in a component tree (components or their JSON), in order."""
    if hasattr(tree, "to_plotly_json"):
        tree = _as_json(tree)
    found: list[list[Any]] = []
    stack = [tree]
    while stack:
        item = stack.pop(0)
        if isinstance(item, dict):
            if item.get("type") == "Markdown" and "data-table" in str(item["props"].get("className", "")):
                found += markdown_rows(item["props"].get("children", ""))
                continue
            if item.get("type") == "Tr" and item.get("namespace") == "dash_html_components":
                cells = item["props"]["children"]
                if not any(isinstance(c, dict) and c.get("type") == "Th" for c in cells):
                    found.append([c["props"].get("children") for c in cells])
                continue
            stack.extend(item.values())
        elif isinstance(item, list):
            stack[:0] = item
    return found


def _as_json(component: Any) -> Any:
    """A component tree as the JSON Dash sends."""
    import json

    import plotly.utils

    return json.loads(json.dumps(component, cls=plotly.utils.PlotlyJSONEncoder))
