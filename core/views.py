"""The contract of a dashboard view: one declaration from which its page, tab, ids, links and wiring follow.

A view module in ``callbacks/`` declares ``VIEW = View(...)``; the app registers each as a Dash page
(``dash.page_registry``, see ``callbacks.register_pages``), and the tab bar, the briefing, the downloads,
the titles and the tests read them there. Nothing here imports Dash: the callables are supplied by
the layers above.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from core.selection import PARAMS, Param

#: The filter bar's controls by name, in the order they stand; a view says which of them act on it.
#: Each is declared with the URL parameter it sets (``core.selection.PARAMS``), in that table's order.
CONTROLS = tuple(control for param in PARAMS for control in param.controls)
#: What a view that does not say gets: the filters as they were before views declared theirs
#: (the comparison picker only ever acted on the comparison).
USUAL_CONTROLS = frozenset(CONTROLS) - {"compare"}

#: The browser's width class, which the page keeps in a Store and every view's update receives as ``narrow``:
#: below this window width (CSS px; Bootstrap's lg breakpoint, where the views' columns stack) the charts are
#: drawn for a phone: one column of about 320 to 930 px.
NARROW_BELOW = 992
NARROW, WIDE = "narrow", "wide"


#: an entry of ``View.outputs`` (with the property "href"): the addresses of the links its parts hold that carry the
#: selection (layouts.ids.view_link), set on their own; callbacks.full_update fills it from the parts
LINKS = "links"


def is_narrow(screen: object) -> bool:
    """Whether the width class the browser sent (it can send anything) asks for a phone's charts."""
    return screen == NARROW


@dataclass(frozen=True)
class View:
    """One view of the dashboard.

    ``update`` takes the selection (as the browser's Store holds it) and ``narrow`` (the window is a
    phone's: see ``NARROW_BELOW``) and returns one value per entry of ``outputs`` (part name -> component
    property); the parts' component ids are ``ids.part(name, part)``, which ``skeleton`` must use.
    """

    name: str  # English code name: prefixes the view's component ids
    slug: str  # the view's path in the URL, '/<slug>' (Dutch, as users see it)
    label: str  # i18n key of the tab's label
    order: int  # its place in the tab bar; the first view is also the root's (/)
    skeleton: Callable[[str], Any]  # language -> the view's component tree, still empty
    update: Callable[..., Mapping[str, Any]]  # selection=..., narrow=... -> {part: value}
    outputs: Mapping[str, str]  # part -> property, e.g. {"graph": "figure", "text": "children"}
    figures: tuple[Callable[..., Any], ...] = ()  # the figure builders it draws with
    wire: Callable[[Any], None] | None = None  # callbacks of its own beyond update (app -> None)
    # the filter controls its update reads: the others are hidden on it, as a control that does nothing misleads
    controls: frozenset[str] = USUAL_CONTROLS
    # where a control acts only with some choices (the map reads the figure only when coloured by it):
    # selection -> the controls acting then, a subset of ``controls``
    controls_for: Callable[[Any], frozenset[str]] | None = None

    def __post_init__(self) -> None:
        unknown = self.controls - set(CONTROLS)
        if unknown:
            raise ValueError(f"view {self.name} names unknown filter controls: {sorted(unknown)}")

    def acting_controls(self, selection: Any) -> frozenset[str]:
        """The filter controls that act on this view with ``selection``: the ones to show."""
        if self.controls_for is None:
            return self.controls
        return self.controls_for(selection) & self.controls

    @property
    def params(self) -> tuple[Param, ...]:
        """The URL parameters that act on this view: those its filter controls set, and those of every view."""
        return tuple(param for param in PARAMS if param.acts_on(self.controls))

    #: the data behind each chart: chart key ("main" or the panel's prefix) -> builder(Selection) -> DataFrame;
    #: declared beside ``update`` so a download holds exactly the rows the chart draws
    tables: Mapping[str, Callable[..., Any]] = field(default_factory=dict)
    named_by_metric: bool = False  # the chosen figure belongs in the view's file names (trends)
    #: the charts (keys as in ``tables``) that stand in a column beside a table on a wide screen: their
    #: source line wraps shorter, or it would run off their side
    in_column: frozenset[str] = frozenset()
    #: the view has a section in the printable briefing (/rapport), drawn with its own update
    in_report: bool = False
    #: i18n key of the page's description (its <meta name="description">); empty: the app's subtitle
    description: str = ""
