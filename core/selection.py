"""What the user has chosen (editions, region, week, figure, view) and which page a path is: parsed here only.

The URL is the shareable form of a Selection. Anything the browser sends goes through
``Selection.parse``: unknown or malformed values fall back to defaults, never to an error.
What counts as known (editions, figures, regions, weeks, views) is not written here: it comes
from the database and the view registry as ``Choices``.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from enum import Enum
from operator import attrgetter
from typing import Any, ClassVar
from urllib.parse import parse_qsl, urlencode

COLOUR_MODES = ("regio", "cijfer")  # map colouring: by region, or by the chosen figure per region
DEFAULT_METRIC = "activiteiten"

#: at most this many selections side by side: more columns no longer fit a shared screen
MAX_SLOTS = 6

#: the root shows the first view (the map); every view has a path of its own, ``/<its URL value>``
DASHBOARD_PATH = "/"
ABOUT_PATH = "/over-de-cijfers"
#: the printable briefing of the selection: the same query as the dashboard, on A4
REPORT_PATH = "/rapport"
#: where editors upload the organisers' exports (issue 18); not a view: no tab, no filters
BEHEER_PATH = "/beheer"
#: the province boundaries every map draws, served by the app itself (never a CDN or tile server)
BOUNDARIES_PATH = "/geo/nl-provinces.geojson"
#: 200 when the database answers, 503 when not: for load balancers, and for the page shown while it is down
HEALTH_PATH = "/healthz"

#: why a value of a link was not used (``Ignored.reason``; None: not recognised at all)
ABSENT = "absent"  # well-formed (a year, a week number, a comparison) but not in the data
TOO_MANY = "too_many"  # a comparison column beyond MAX_SLOTS
REPEATED = "repeated"  # another value for a parameter that takes one: the first one counts

#: the pairs of a query, and the items of a list parameter, looked at: no one's link holds more, and a
#: callback's request may hold anything, so the rest is only counted
MAX_EXAMINED = 64
#: the ignored values a note names; any others it counts ('and 3 more')
MAX_NAMED = 5
#: a value shown back to the user is cut to this many characters
MAX_SHOWN = 40

_DIGITS = re.compile(r"[0-9]{1,6}")
#: a comparison slot in the URL: '2023' (the edition), '2023-zuid' (a region), '2023-w2' (a week)
_SLOT = re.compile(r"(?P<edition>[0-9]{4})(?:-(?:w(?P<week>[0-9]{1,2})|(?P<region>[a-z]{1,20})))?")


def _text(value: object) -> str:
    """A URL part as the browser should send it: a string; anything else (a client may send anything) is empty."""
    return value if isinstance(value, str) else ""


def query_language(search: object, choices: Choices) -> str:
    """The interface language a URL query asks for (``taal=``), else the app's own."""
    values = _query(search)[0].get(PARAM_LANG)
    return (choices.language(values[0]) if values else None) or choices.default_lang


def query_filters_open(search: object) -> bool:
    """Whether a URL query unfolds the filter panel (``filters=1``; folded by default, so each view opens on its
    chart, with region and week in the bar).

    The page's layout is built with it, so a presenter's folded link opens folded instead of
    unfolding first and then closing with an animation; ``Selection.read_query`` reports a value
    it does not understand.
    """
    values = _query(search)[0].get(PARAM_FILTERS) or []
    return bool(values) and _key(values[0]) == "1"


def _query(search: object) -> tuple[dict[str, list[str]], int]:
    """The known parameters of a URL query with their values, and how many pairs were not looked at.

    Names count without case or surrounding spaces ('Regio=zuid'); a blank value ('regio=') counts
    as not given. Other names are dropped without a word: mail programs and social sites add their
    own (utm_source, fbclid), which change nothing the page shows, so naming them would only
    worry a reader about nothing.
    """
    if not isinstance(search, str) or not search:  # a client may send anything for the URL's search
        return {}, 0
    pairs = search.lstrip("?").split("&", MAX_EXAMINED)
    unread = pairs.pop().count("&") + 1 if len(pairs) > MAX_EXAMINED else 0
    values: dict[str, list[str]] = {}
    for name, value in parse_qsl("&".join(pairs)):
        key = name.strip().lower()
        if key in _BY_NAME and value.strip():
            values.setdefault(key, []).append(value)
    return values, unread


class Page(Enum):
    """The pages of the app: the dashboard with its views, 'Over de cijfers', the briefing, and everything else."""

    DASHBOARD = "dashboard"
    ABOUT = "about"
    REPORT = "report"
    BEHEER = "beheer"
    NOT_FOUND = "not_found"


def _path(pathname: object) -> str:
    """A path as the pages know it: '/' for nothing, no trailing slash (case counts, as in Dash's page registry)."""
    return (_text(pathname) or DASHBOARD_PATH).rstrip("/") or DASHBOARD_PATH


def view_path(tab: str) -> str:
    """The path of the view with URL value ``tab``."""
    return DASHBOARD_PATH + tab


def path_tab(pathname: object, tabs: Collection[str]) -> str | None:
    """The view a path names ('/trends'), None for the root and for any other page."""
    tab = _path(pathname).removeprefix(DASHBOARD_PATH)
    return tab if tab in tabs else None


def page_for(pathname: object, tabs: Collection[str] = ()) -> Page:
    """Which page a path shows (``tabs``: the views' URL values); a trailing slash does not matter."""
    path = _path(pathname)
    if path == DASHBOARD_PATH or path_tab(path, tabs):
        return Page.DASHBOARD
    if path == ABOUT_PATH:
        return Page.ABOUT
    if path == REPORT_PATH:
        return Page.REPORT
    if path == BEHEER_PATH:
        return Page.BEHEER
    return Page.NOT_FOUND


def legacy_redirect(pathname: object, search: object, tabs: Collection[str]) -> str | None:
    """Where an old link ('/?tab=trends&editie=2021') now lives ('/trends?editie=2021'); None if it is no old link.

    Before every view had its path, the view was the query's ``tab=``: links in notes and mails still
    say so. Every other parameter is kept as written, in its order, so the page reads (and names) them as before.
    """
    if page_for(pathname, tabs) is not Page.DASHBOARD or not isinstance(search, str):
        return None
    pairs = parse_qsl(search.lstrip("?")[: 64 * 1024], keep_blank_values=True)
    asked = [_key(value) for name, value in pairs if name.strip().lower() == PARAM_TAB]
    tab = next((value for value in asked if value in tabs), None)
    if tab is None:
        return None  # an unknown view: the page says so ('tab=x' not used), as any unknown value
    kept = [(name, value) for name, value in pairs if name.strip().lower() != PARAM_TAB]
    query = urlencode(kept, safe=",")
    return view_path(tab) + (f"?{query}" if query else "")


@dataclass(frozen=True)
class Choices:
    """What a selection may hold: editions, figures, regions and weeks in the data, and the views.

    ``tabs`` is ordered; its first entry is the default view.
    """

    editions: tuple[int, ...] = ()
    metrics: tuple[str, ...] = (DEFAULT_METRIC,)
    regions: tuple[str, ...] = ()
    weeks: tuple[int, ...] = ()
    tabs: tuple[str, ...] = ("kaart",)
    languages: tuple[str, ...] = ("nl", "en")  # the first is the app's own: links leave it out

    @property
    def default_tab(self) -> str:
        """The view a link without ``tab=`` opens."""
        return self.tabs[0] if self.tabs else ""

    @property
    def default_lang(self) -> str:
        """The language a link without ``taal=`` opens in."""
        return self.languages[0] if self.languages else "nl"

    def language(self, value: object) -> str | None:
        """``value`` as one of the languages (case and spaces ignored); None for anything else."""
        if not isinstance(value, str):
            return None
        code = value.strip().lower()
        return code if code in self.languages else None

    @property
    def default_metric(self) -> str:
        """The figure shown when none (or an unknown one) is asked for."""
        if DEFAULT_METRIC in self.metrics or not self.metrics:
            return DEFAULT_METRIC
        return self.metrics[0]


@dataclass(frozen=True, order=True)
class Slot:
    """One column of the comparison: an edition, optionally narrowed to a region or to a week."""

    edition: int
    region: str | None = None
    week: int | None = None

    @classmethod
    def parse(cls, token: object, choices: Choices) -> Slot | None:
        """A slot from its URL form ('2023', '2023-zuid', '2023-w2', any case); None for anything unknown."""
        match = _slot_form(token)
        if not match or int(match["edition"]) not in choices.editions:
            return None
        if match["region"]:
            return cls(int(match["edition"]), region=match["region"]) if match["region"] in choices.regions else None
        if match["week"]:
            return cls(int(match["edition"]), week=int(match["week"])) if int(match["week"]) in choices.weeks else None
        return cls(int(match["edition"]))

    @property
    def token(self) -> str:
        """The URL form."""
        if self.region:
            return f"{self.edition}-{self.region}"
        if self.week:
            return f"{self.edition}-w{self.week}"
        return str(self.edition)


@dataclass(frozen=True)
class Ignored:
    """A value of a link that was not used: its parameter, the value as it may be shown back, and why.

    ``value`` is cut to MAX_SHOWN characters with anything unprintable replaced: it came from
    whoever wrote the link, so it is shown as text and never at length.
    """

    param: str
    value: str
    reason: str | None = None  # ABSENT, TOO_MANY or REPEATED; None: not recognised


def shown_value(value: object) -> str:
    """``value`` as it may be shown back: at most MAX_SHOWN characters, control and format characters replaced."""
    text = str(value).strip()
    if len(text) > MAX_SHOWN:
        text = text[: MAX_SHOWN - 1] + "…"
    return "".join(c if c.isprintable() else "\ufffd" for c in text)


class _Report:
    """Collects the values a parse did not use: the first MAX_NAMED by name, the rest counted."""

    def __init__(self) -> None:
        self.named: list[Ignored] = []
        self.more = 0

    def ignore(self, param: str, value: object, reason: str | None = None) -> None:
        ignored = Ignored(param, shown_value(value), reason)
        if ignored in self.named:
            return  # 'editie=x,x': one value to name, however often it is written
        if len(self.named) < MAX_NAMED:
            self.named.append(ignored)
        else:
            self.more += 1


def _as_list(value: object) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def _key(value: object) -> str | None:
    """A text value as the choices spell it (lower case, no surrounding spaces); None for anything else."""
    return value.strip().lower() if isinstance(value, str) else None


def _slot_form(token: object) -> re.Match[str] | None:
    """``token`` matched as a comparison's URL form, in any case and spacing; None for anything else."""
    key = _key(token)
    return _SLOT.fullmatch(key) if key is not None else None


def _given(value: object) -> bool:
    """Whether a value was given at all: None and blank text stand for 'not given', not for a mistake."""
    return value is not None and _key(value) != ""


def _items(value: object, report: _Report) -> list[Any]:
    """The items of a list parameter, comma-separated or repeated; blanks skipped, beyond MAX_EXAMINED only counted."""
    items: list[Any] = []
    # a query brings at most MAX_EXAMINED values (see _query); a callback's Store may bring any number
    for item in _as_list(value)[:MAX_EXAMINED]:
        parts = item.split(",", MAX_EXAMINED) if isinstance(item, str) else [item]
        if len(parts) > MAX_EXAMINED:
            report.more += parts.pop().count(",") + 1
        items += [part for part in parts if _given(part)]
    report.more += max(0, len(items) - MAX_EXAMINED)
    return items[:MAX_EXAMINED]


def _switch(value: object, param: str, report: _Report) -> bool | None:
    """A '1'/'0' switch as True/False; None when not given or not understood (then reported)."""
    if isinstance(value, bool):
        return value
    if _key(value) in ("0", "1"):
        return _key(value) == "1"
    if _given(value):
        report.ignore(param, value)
    return None


def _one(value: object, known: Collection[str], param: str, report: _Report) -> str | None:
    """``value`` as one of ``known`` (case and spaces ignored); None when not given or not known (then reported)."""
    key = _key(value)
    if key in known:
        return key
    if _given(value):
        report.ignore(param, value)
    return None


def _int_or_none(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    # ASCII digits only: str.isdigit() also accepts '²', which int() then refuses
    if isinstance(value, str) and _DIGITS.fullmatch(value.strip()):
        return int(value.strip())
    return None


class Kind(ABC):
    """What a parameter holds, and so how its values are read, kept in the Store and written in a link."""

    #: a list parameter: comma-separated or repeated in a link, and every value counts
    many: ClassVar[bool] = False

    @abstractmethod
    def read(self, value: object, choices: Choices, name: str, report: _Report) -> Any:
        """``value`` as the Selection holds it; None when not given or not usable (then told to ``report``)."""

    def default(self, choices: Choices) -> Any:
        """The value when a link does not say (or says something unusable)."""
        return None

    def store(self, value: Any) -> object:
        """The value in the Store's JSON form."""
        return value

    def text(self, value: Any) -> str | None:
        """The value as a link writes it; None: left out."""
        return str(value)


@dataclass(frozen=True)
class OneOf(Kind):
    """One of the texts ``known`` gives (case and spaces ignored): a view, region, figure, colouring or language."""

    known: Callable[[Choices], Collection[str]]
    fallback: Callable[[Choices], str | None] = lambda _: None

    def read(self, value: object, choices: Choices, name: str, report: _Report) -> str | None:
        return _one(value, self.known(choices), name, report)

    def default(self, choices: Choices) -> str | None:
        return self.fallback(choices)


class Years(Kind):
    """Editions of the data; all of them is the default, so a link that ticks them all stays short."""

    many = True

    def read(self, value: object, choices: Choices, name: str, report: _Report) -> tuple[int, ...]:
        known = set(choices.editions)
        chosen: set[int] = set()
        for part in _items(value, report):
            year = _int_or_none(part)
            if year in known:
                chosen.add(year)
            else:
                report.ignore(name, part, None if year is None else ABSENT)
        return () if chosen == known else tuple(sorted(chosen))

    def default(self, choices: Choices) -> tuple[int, ...]:
        return ()

    def store(self, value: Any) -> object:
        return list(value)

    def text(self, value: Any) -> str | None:
        return ",".join(str(year) for year in value)


class WeekNumber(Kind):
    """A week of the data, by its number."""

    def read(self, value: object, choices: Choices, name: str, report: _Report) -> int | None:
        week = _int_or_none(value)
        if week in choices.weeks:
            return week
        if _given(value):
            report.ignore(name, value, None if week is None else ABSENT)
        return None

    def text(self, value: Any) -> str | None:
        return str(value) if value else None  # links never wrote a week 0: they still do not


class Slots(Kind):
    """The comparison's columns, in the order chosen: each once, at most MAX_SLOTS."""

    many = True

    def read(self, value: object, choices: Choices, name: str, report: _Report) -> tuple[Slot, ...]:
        slots: list[Slot] = []
        for token in _items(value, report):
            slot = Slot.parse(token, choices)
            if slot is None:
                # a comparison written right but naming an edition, region or week the data do not hold
                report.ignore(name, token, ABSENT if _slot_form(token) else None)
            elif len(slots) == MAX_SLOTS and slot not in slots:
                report.ignore(name, token, TOO_MANY)
            elif slot not in slots:  # the same column twice is shown once: nothing lost
                slots.append(slot)
        return tuple(slots)

    def default(self, choices: Choices) -> tuple[Slot, ...]:
        return ()

    def store(self, value: Any) -> object:
        return [slot.token for slot in value]

    def text(self, value: Any) -> str | None:
        return ",".join(slot.token for slot in value)


@dataclass(frozen=True)
class Switch(Kind):
    """On or off, '1' or '0' in a link; ``on`` is its state when the link does not say (or says anything else)."""

    on: bool

    def read(self, value: object, choices: Choices, name: str, report: _Report) -> bool | None:
        return _switch(value, name, report)

    def default(self, choices: Choices) -> bool:
        return self.on

    def text(self, value: Any) -> str | None:
        return "1" if value else "0"


@dataclass(frozen=True)
class Param:
    """One URL parameter, declared once: parsing, checking, the link, the Store and the filter bar follow from it."""

    name: str  # in the URL (Dutch, as users see it); its case does not count
    field: str  # the Selection's attribute, and the key of the Store's form
    kind: Kind
    #: the filter bar's controls that set it (``core.views.CONTROLS``, in the bar's order): it is a filter, which
    #: acts on the views showing one of them and which clearing resets; none: it acts on every view and stays
    controls: tuple[str, ...] = ()
    #: the view itself: its path names it, so a link writes it only for a page that is no view's (the briefing)
    on_path: bool = False
    #: a second value of it is named right after those of this parameter, not in its own place: the order notes
    #: named them in before this table, kept so that they read as they did
    repeats_after: str | None = None

    def read(self, value: object, choices: Choices, report: _Report) -> Any:
        """An untrusted value as the Selection holds it: the default unless usable (anything else is reported)."""
        chosen = self.kind.read(value, choices, self.name, report)
        return self.kind.default(choices) if chosen is None else chosen

    def text(self, value: object, choices: Choices) -> str | None:
        """The value as a link writes it; None for the default, which links leave out to stay short."""
        return None if value == self.kind.default(choices) else self.kind.text(value)

    def acts_on(self, controls: Collection[str]) -> bool:
        """Whether it acts on a view whose filter bar shows ``controls`` (a view's ``controls``)."""
        return not self.controls or not set(self.controls).isdisjoint(controls)


#: Every parameter a link may carry, in the order a link lists them (and a note names what it did not use).
PARAMS = (
    Param("tab", "tab", OneOf(attrgetter("tabs"), attrgetter("default_tab")), on_path=True, repeats_after="cijfer"),
    Param("editie", "editions", Years(), controls=("sze_editions", "predecessor_editions")),
    Param("regio", "region", OneOf(attrgetter("regions")), controls=("region",)),
    Param("week", "week", WeekNumber(), controls=("week",)),
    Param("cijfer", "metric", OneOf(attrgetter("metrics"), attrgetter("default_metric")), controls=("metric",)),
    Param("kleur", "colour", OneOf(lambda _: COLOUR_MODES, lambda _: COLOUR_MODES[0]), controls=("colour",)),
    Param("vergelijk", "compare", Slots(), controls=("compare",)),
    # presentation mode: one view at a time, large type, controls tucked away
    Param("presentatie", "present", Switch(on=False)),
    # the filter panel: folded unless a link says 'filters=1', so every view opens on its chart
    Param("filters", "filters_open", Switch(on=False)),
    # every chart's 'Toelichting' unfolded ('toelichting=1'): where a presenter wants the definitions on screen
    Param("toelichting", "notes_open", Switch(on=False)),
    # the interface language ('taal=en'); without it, the app's own (Dutch unless configured otherwise)
    Param("taal", "lang", OneOf(attrgetter("languages"), attrgetter("default_lang"))),
)
_BY_NAME = {param.name: param for param in PARAMS}
#: the order a link's parameters are read in, which is the order their repeated values are named in
_READING = sorted(
    PARAMS, key=lambda param: (list(_BY_NAME).index(param.repeats_after or param.name), bool(param.repeats_after))
)
_BY_FIELD = {param.field: param for param in PARAMS}
#: the names other modules write or read themselves (old links' view, the fold before the page is built, the language)
PARAM_TAB, PARAM_FILTERS, PARAM_LANG = (_BY_FIELD[name].name for name in ("tab", "filters_open", "lang"))


def _first(values: list[str] | None, name: str, repeated: list[tuple[str, str]]) -> str | None:
    """The value that counts of a parameter that takes one: the first; different later ones go to ``repeated``."""
    if not values:
        return None
    repeated.extend((name, later) for later in values[1:] if _key(later) != _key(values[0]))
    return values[0]


@dataclass(frozen=True)
class Selection:
    """A validated view state. ``editions`` is sorted; empty means every edition.

    Its fields are those of ``PARAMS``, which says each one's default and allowed values.
    """

    tab: str
    metric: str
    editions: tuple[int, ...]
    region: str | None
    week: int | None
    colour: str
    compare: tuple[Slot, ...]  # the comparison's columns, in the order chosen
    present: bool  # presentation mode
    filters_open: bool  # the filter card unfolded; not a filter, so clearing keeps it
    notes_open: bool  # every chart's explanation unfolded; not a filter either
    lang: str  # the interface language; not a filter either
    # the choices it was validated against: links to other views are checked against them too
    choices: Choices = field(default_factory=Choices, compare=False, repr=False)

    @classmethod
    def default(cls, choices: Choices) -> Selection:
        """Every edition, no region or week, the default figure, the first view."""
        return cls(**{param.field: param.kind.default(choices) for param in PARAMS}, choices=choices)

    @classmethod
    def parse(cls, choices: Choices, **values: object) -> Selection:
        """Build a Selection from untrusted values by field name; anything not in ``choices`` becomes the default."""
        unknown = values.keys() - _BY_FIELD.keys()
        if unknown:
            raise TypeError(f"Selection.parse() got unknown fields {sorted(unknown)}")
        return cls._validated(choices, _Report(), values)

    @classmethod
    def _validated(cls, choices: Choices, report: _Report, values: Mapping[Any, Any]) -> Selection:
        """``parse``, telling ``report`` every given value it does not use (its parameter's URL name and why).

        Parameters are checked in the order a link lists them (``to_query``), so a note names them so too.
        """
        return cls(
            **{param.field: param.read(values.get(param.field), choices, report) for param in PARAMS}, choices=choices
        )

    @classmethod
    def from_query(cls, search: object, choices: Choices, pathname: object = None) -> Selection:
        """Parse a URL query string such as ``?editie=2021,2022&regio=zuid`` on the path ``pathname``."""
        return cls.read_query(search, choices, pathname).selection

    @classmethod
    def read_query(cls, search: object, choices: Choices, pathname: object = None) -> Reading:
        """Parse a URL query string, and say which of its values were not used (for the page to say so).

        The view is the one ``pathname`` names ('/trends'); on another path (the root, the briefing) it is
        the query's ``tab=``, which old links and the briefing's way back carry.

        A list parameter (``editie``, ``vergelijk``) may be comma-separated or repeated; any other
        takes its first value, and a different later one is reported as REPEATED.
        """
        query, unread = _query(search)
        report = _Report()
        report.more = unread
        repeated: list[tuple[str, str]] = []
        view = path_tab(pathname, choices.tabs)
        values: dict[str, object] = {}
        for param in _READING:
            if param.on_path and view:
                values[param.field] = view  # the path names the view: a tab= beside it is not even read
            elif param.kind.many:
                values[param.field] = query.get(param.name)
            else:
                values[param.field] = _first(query.get(param.name), param.name, repeated)
        selection = cls._validated(choices, report, values)
        for name, value in repeated:  # after the values that count, which matter more
            report.ignore(name, value, REPEATED)
        return Reading(selection, tuple(report.named), report.more)

    @classmethod
    def from_store(cls, data: object, choices: Choices) -> Selection:
        """Re-validate a Selection kept in a dcc.Store (the browser may send anything)."""
        return cls._validated(choices, _Report(), data if isinstance(data, Mapping) else {})

    def to_store(self) -> dict[str, object]:
        """JSON-ready form for a dcc.Store."""
        return {param.field: param.kind.store(getattr(self, param.field)) for param in PARAMS}

    def with_tab(self, tab: str) -> Selection:
        """The same selection in another view (an unknown view keeps the current one)."""
        return replace(self, tab=tab if tab in self.choices.tabs else self.tab)

    def with_region(self, region: str | None) -> Selection:
        """The same view narrowed to ``region`` (None, or an unknown region, clears it)."""
        return replace(self, region=region if region in self.choices.regions else None)

    def with_week(self, week: int | None) -> Selection:
        """The same view narrowed to ``week`` (None, or a week not in the data, clears it)."""
        return replace(self, week=week if week in self.choices.weeks else None)

    def one_click_away(self) -> tuple[Selection, ...]:
        """The selections the region and week buttons lead to from this one (the buttons a presenter switches
        live), this one left out: each other region with this week, each other week with this region."""
        regions = [self.with_region(region) for region in (None, *self.choices.regions)]
        weeks = [self.with_week(week) for week in (None, *self.choices.weeks)]
        return tuple(dict.fromkeys(s for s in (*regions, *weeks) if s != self))

    def with_metric(self, metric: str) -> Selection:
        """The same view showing ``metric`` (an unknown figure keeps the current one)."""
        return replace(self, metric=metric if metric in self.choices.metrics else self.metric)

    def with_filters_open(self, is_open: bool) -> Selection:
        """The same view with the filter card unfolded or folded."""
        return replace(self, filters_open=is_open)

    def with_compare(self, slots: tuple[Slot, ...]) -> Selection:
        """The same view comparing ``slots`` (the first MAX_SLOTS of them)."""
        return replace(self, compare=tuple(dict.fromkeys(slots))[:MAX_SLOTS])

    def in_language(self, lang: str) -> Selection:
        """The same view in the interface language ``lang`` (an unknown one keeps the current)."""
        return replace(self, lang=self.choices.language(lang) or self.lang)

    def presenting(self, on: bool) -> Selection:
        """The same view in (or out of) presentation mode."""
        return replace(self, present=on)

    def cleared(self) -> Selection:
        """Every filter back to its default, in the same view, mode, fold and language."""
        return replace(self, **{param.field: param.kind.default(self.choices) for param in PARAMS if param.controls})

    def unfiltered(self) -> Selection:
        """Every edition, no region or week, in the same view with the same figure: a view's whole set."""
        return replace(self, editions=(), region=None, week=None, compare=())

    def to_query(self, with_tab: bool = False) -> str:
        """The URL query that reproduces this view on its path; defaults are left out.

        ``with_tab``: the view named in the query too, for a page that is not the view's (the briefing).
        """
        params = [(param.name, text) for param in PARAMS if (text := self._written(param, with_tab)) is not None]
        return "?" + urlencode(params, safe=",") if params else ""

    def _written(self, param: Param, with_tab: bool) -> str | None:
        """``param``'s value as ``to_query`` writes it; None: left out."""
        value = getattr(self, param.field)
        if param.on_path:
            return param.kind.text(value) if with_tab else None
        return param.text(value, self.choices)

    def to_path(self) -> str:
        """The view's path with this selection: what a link to this view holds."""
        return view_path(self.tab) + self.to_query()

    def to_report_path(self) -> str:
        """The briefing's path with this selection; it keeps the view, so its way back opens the same one."""
        return REPORT_PATH + self.to_query(with_tab=True)

    def shown_editions(self) -> tuple[int, ...]:
        """The chosen editions, or every edition when none is chosen."""
        return self.editions or tuple(sorted(self.choices.editions))

    def is_local(self) -> bool:
        """True when a region or week narrows the figures to those published for it."""
        return bool(self.region or self.week)


@dataclass(frozen=True)
class Reading:
    """A link read: the selection it gives, and its values that were not used."""

    selection: Selection
    ignored: tuple[Ignored, ...] = ()  # the first MAX_NAMED, in the order of ``to_query``, repeats last
    more: int = 0  # how many more were not used (or not looked at: beyond MAX_EXAMINED)

    @property
    def clean(self) -> bool:
        """True when every value of the link was used."""
        return not (self.ignored or self.more)
