"""The key-figure tiles ('Kerncijfers'): each published value with its words, edition, change, source and a link."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dash import dcc, html

from core.change import Change, Direction
from core.i18n import metric_label, t
from core.key_figures import KeyFigure
from layouts import ids
from layouts.components import aria

#: The arrow beside the words: a shape, so the direction never rests on colour alone.
ARROWS = {Direction.MORE: "▲", Direction.LESS: "▼", Direction.SAME: "="}
#: Evaluation measures whose tile says what was rated (see ``tile``).
RATED_SHOWN = frozenset({"cijfer"})


def tile_label(tile: KeyFigure, lang: str = "nl") -> str:
    """What a tile counts: the figure's name, or what an evaluation measured."""
    return metric_label(tile.name, lang) if tile.kind == "figure" else t(f"key_label_{tile.name}", lang)


def change_words(found: Change, lang: str = "nl") -> str:
    """'meer dan in 2021 (86 procent)': the direction in words with the previous edition's published value."""
    return t(f"change_{found.direction.value}", lang, edition=found.previous.edition, previous=found.previous.text)


def change_line(found: Change | None, lang: str = "nl") -> html.Div | None:
    """Arrow plus words; the arrow is hidden from screen readers, which read the words."""
    if found is None:
        return None
    return html.Div(
        [
            html.Span(ARROWS[found.direction], className="key-arrow", **aria(hidden="true")),
            " ",
            change_words(found, lang),
        ],
        className=f"key-change key-change-{found.direction.value}",
    )


def tile(key: KeyFigure, link: str | None, view_label: str, lang: str = "nl", link_view: str | None = None) -> html.Div:
    """One key figure; its source stands in small visible text, so keyboard and touch users read it too.

    ``link_view``: the view whose part the tile stands in, which then sets the link's address on its own
    (``ids.view_link``).

    Kept to five short lines: five tiles side by side must leave the map's top above the fold at 1280×720.
    """
    label = tile_label(key, lang)
    source = t("key_source", lang, publisher=key.publisher, date=key.date)
    edition: list[Any] = [t("key_edition", lang, edition=key.edition)]
    linked: dict[str, Any] = {"id": ids.view_link(link_view, key.name)} if link_view else {}
    if link:
        edition += [
            " · ",
            # dcc.Link takes no aria-label: the figure it explains is named in text only screen readers read
            dcc.Link(
                [
                    view_label,
                    html.Span(
                        " " + t("key_link_label", lang, label=label.lower(), edition=key.edition),
                        className="visually-hidden",
                    ),
                ],
                href=link,
                className="key-link",
                **linked,
            ),
        ]
    body: list[Any] = [
        html.Div(label, className="key-label"),
        html.Div(key.words, className="key-value"),
        html.Div(edition, className="key-edition"),
    ]
    line = change_line(key.change, lang)
    if line is not None:
        body.append(line)
    # a score means little without what was rated; the share returning says it in its label
    if key.what_rated and key.name in RATED_SHOWN:
        body.append(
            html.Div(t("key_rated", lang, what=key.what_rated[:1].lower() + key.what_rated[1:]), className="key-detail")
        )
    body.append(html.Div(source, className="key-source"))
    return html.Div(body, className="key-tile", title=source)


def key_figure_tiles(
    tiles: Sequence[KeyFigure],
    links: Mapping[str, str | None],
    view_labels: Mapping[str, str],
    unpublished: Sequence[int],
    lang: str = "nl",
    *,
    national_note: bool = False,
    link_view: str | None = None,
) -> html.Section:
    """The tiles in a row that wraps (stacked on a phone), headed by the editions that published none of them.

    ``links`` and ``view_labels`` are keyed by a tile's ``name``; ``link_view``: see ``tile``.
    """
    # the notes stand beside the heading, not under the tiles: every line here pushes the map down
    head: list[Any] = [html.H2(t("key_figures_heading", lang), className="key-heading")]
    if unpublished:
        editions = t("words_and", lang).join(
            filter(None, [", ".join(str(y) for y in unpublished[:-1]), str(unpublished[-1])])
        )
        head.append(html.Span(t("key_unpublished", lang, editions=editions), className="key-unpublished"))
    if national_note:
        head.append(html.Span(t("key_figures_national", lang), className="key-unpublished"))
    if tiles:
        head.append(html.Span(t("key_figures_quoted", lang), className="key-unpublished"))
    parts: list[Any] = [html.Div(head, className="key-head")]
    if tiles:
        parts.append(
            html.Div(
                [tile(k, links.get(k.name), view_labels.get(k.name, ""), lang, link_view) for k in tiles],
                className="key-tiles",
            )
        )
    return html.Section(parts, className="key-figures", **aria(label=t("key_figures_heading", lang)))
