"""What every callback needs: the request's database engine, language, reference data and selection.

The app factory puts a ``Runtime`` on the Flask app; reference data are read once per request
(on ``flask.g``) however many helpers ask. The language is the page's: ``taal=`` in the URL of the
page asked for, or of the page a callback comes from (see ``request_language``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import dash
import pandas as pd
from dash import html
from flask import Flask, current_app, g, request
from sqlalchemy import Connection, Engine

from core.formatting import fmt_period
from core.i18n import LANGUAGES, t
from core.key_figures import KeyFigure, key_figures, without_key_figures
from core.reference import Reference
from core.selection import Choices, Selection, query_language
from core.views import View
from data_access import queries, version
from data_access.engine import Bind, after_fork, engine_for, snapshot
from layouts import ids

RUNTIME_KEY = "sze_dashboard"


def views() -> tuple[View, ...]:
    """The dashboard's views, in tab order: the pages of ``dash.page_registry`` that are views."""
    return tuple(page["view"] for page in dash.page_registry.values() if isinstance(page.get("view"), View))


@dataclass(frozen=True)
class Runtime:
    """What the app was created with: where the data are, in which language; its views are its pages."""

    database_url: str
    lang: str
    #: the owner's URL (SZE_ADMIN_DATABASE_URL), for /beheer's import only; None: ``database_url``
    writer_url: str | None = field(default=None, repr=False)
    #: a second pair of eyes (SZE_REVIEW=1): /beheer proposes a change to the published record instead of applying it
    review: bool = False
    #: make the answers one click away in the background (callbacks.answers.ahead)
    answers_ahead: bool = False

    def writer_engine(self) -> Engine:
        """The engine /beheer's import writes through: the owner's, where one is set (the rest only reads)."""
        return engine_for(self.writer_url or self.database_url)

    @property
    def views(self) -> tuple[View, ...]:
        """The views, in tab order (``dash.page_registry``)."""
        return views()

    @property
    def tabs(self) -> tuple[str, ...]:
        """The views' URL values, in tab order."""
        return tuple(view.slug for view in self.views)

    @property
    def languages(self) -> tuple[str, ...]:
        """The interface languages, the app's own first (links in it leave ``taal=`` out)."""
        return (self.lang, *(code for code in LANGUAGES if code != self.lang))


def runtime_of(app: Any) -> Runtime:
    """The Runtime a Dash app (or its Flask server) was created with."""
    server: Flask = app if isinstance(app, Flask) else app.server
    value = server.extensions[RUNTIME_KEY]
    assert isinstance(value, Runtime)
    return value


def runtime() -> Runtime:
    """The Runtime of the app handling this request."""
    return runtime_of(current_app)


def db() -> Connection:
    """This request's connection: one snapshot of the database for all its queries (``close_db`` ends it).

    A callback that reads totals and their breakdown in two queries must not show an import that
    committed between them half: both come from the same snapshot.
    """
    if "sze_db" not in g:
        stack = ExitStack()
        g.sze_db = stack.enter_context(snapshot(engine_for(runtime().database_url)))
        g.sze_db_stack = stack
    value = g.sze_db
    assert isinstance(value, Connection)
    return value


def close_db(_error: BaseException | None = None) -> None:
    """End this request's snapshot, if it took one (registered to run when every request ends)."""
    stack = g.pop("sze_db_stack", None)
    g.pop("sze_db", None)
    if stack is not None:
        stack.close()


#: the server extension that says who sent the current request (``dashboard.security`` installs it): it sets
#: ``g.sze_user`` and ``g.sze_editor`` as its request hook does
IDENTIFY_KEY = "sze_identify"
#: the request headers a background job leaves out of the request it replays: those of a body it does not have
_BODY_HEADERS = frozenset({"content-length", "content-type", "transfer-encoding", "connection"})


@contextmanager
def job_request(server: Flask, search: object, sent: Mapping[str, str]) -> Iterator[None]:
    """In a background job (its own process, forked from a worker), the request that started it, as far as the
    callback needs it: who sent it, decided again from its headers (``sent``: Dash keeps them for the job) by the
    same code as for any request, so a job never runs with more right than its request had; its language; and a
    database snapshot of its own."""
    after_fork()  # the worker's pooled connections are the worker's: this process makes its own
    headers = {name: value for name, value in sent.items() if name.lower() not in _BODY_HEADERS}
    with server.test_request_context("/", headers=headers):
        identify: Callable[[], None] = server.extensions[IDENTIFY_KEY]
        identify()
        choices = Choices(languages=runtime_of(server).languages)
        g.sze_lang = query_language(search if isinstance(search, str) else None, choices)
        try:
            yield
        finally:
            close_db()


def editor() -> bool:
    """Whether this request comes from an editor (/beheer), as ``dashboard.security``'s request hook found before
    any callback runs; False where no hook said so: a page or callback for editors fails closed."""
    return g.get("sze_editor", False) is True


def signed_in_user() -> str | None:
    """The login's user of this request, if a login is configured (``dashboard.security``)."""
    user = g.get("sze_user")
    return user if isinstance(user, str) else None


def page_key(page: str) -> str:
    """What the page container holds when it shows ``page`` in this request's language (its root's ``data-page``)."""
    return f"{page}:{lang()}"


def built_already(page: str, rendered: object) -> bool:
    """Whether the page container already holds ``page`` in this request's language.

    Dash's page router answers every change of the address, and the filters live in the query: rebuilding
    the open page for each would empty its charts and make the view draw them twice. Whether only the query
    changed is not enough to tell: when the filters rewrite the address of a page that is still loading, the
    renderer drops the router's first answer (the page) for its second (the query alone), and the page stayed
    empty. So the router is told what the container holds (``ids.RENDERED_PAGE``, read from the root of what
    it shows: ``RENDERED_SCRIPT``) and builds anything else.
    """
    return rendered == page_key(page)


def page_root(page: str, children: Any, **props: Any) -> html.Div:
    """A page's root, marked with its key: what the container holds is read from it, not assumed."""
    marked: dict[str, Any] = {"data-page": page_key(page), **props}
    return html.Div(children, **marked)


#: the page container's content, as the router last put it, names the page it holds
RENDERED_SCRIPT = """function (children) {
    var props = children && children.props;
    return (props && props["data-page"]) || null;
}"""


def lang() -> str:
    """The interface language of this request (set by ``request_language`` before it is handled)."""
    value = g.get("sze_lang")
    return value if isinstance(value, str) else runtime().lang


def page_query() -> str:
    """The URL query of the page a GET request is for.

    The renderer fetches the layout apart from the page, without its query: the page it is for is
    the referrer (same origin, so sent in full unless a Referrer-Policy forbids it).
    """
    if request.path.endswith("_dash-layout"):
        return urlsplit(request.referrer or "").query
    return request.query_string.decode("latin-1")


def request_language(runtime: Runtime) -> str:
    """The language a request is in: its own ``taal=`` for a page, the sending page's for a callback.

    A callback carries the page's language in what it sends: the selection Store (validated again
    here, as the browser may send anything) or the URL's query. Every callback that writes text
    has one of the two among its inputs or states (tests/unit/test_i18n.py checks it).
    """
    choices = Choices(languages=runtime.languages)
    if request.method == "GET":
        return query_language(page_query(), choices)
    payload = request.get_json(silent=True) if request.is_json else None
    sent = payload if isinstance(payload, dict) else {}
    items: list[Any] = []
    for part in ("inputs", "state"):
        for item in sent.get(part) or []:
            # a pattern-matching input arrives as a list of items
            items.extend(item if isinstance(item, list) else [item])
    for item in items:
        if not isinstance(item, dict):
            continue
        if item.get("id") == ids.SELECTION and item.get("property") == "data" and isinstance(item.get("value"), dict):
            return choices.language(item["value"].get("lang")) or choices.default_lang
        if item.get("id") == ids.URL and item.get("property") == "search":
            value = item.get("value")
            return query_language(value if isinstance(value, str) else None, choices)
    # a callback that sends neither (Dash's page router, before the address has reached its Store): the
    # page it comes from, which the browser names in full (same origin)
    return query_language(urlsplit(request.referrer or "").query, choices)


def reference() -> Reference:
    """Editions, figure definitions, regions and week numbers of this request's data: read once per data version
    and process (they change only with a write, which gives a new version), looked up once per request."""
    if "sze_reference" not in g:
        g.sze_reference = _reference_of(runtime().database_url, data_version())
    value = g.sze_reference
    assert isinstance(value, Reference)
    return value


def data_version() -> str:
    """The version of the data this request reads (new with every import; see data_access.version)."""
    if "sze_version" not in g:
        g.sze_version = version.current(db())
    return str(g.sze_version)


@lru_cache(maxsize=8)
def _reference_of(database_url: str, data_version: str) -> Reference:
    """Reference data as of ``data_version``: read from this request's snapshot, kept while the version holds.
    Read only by requests that see that version, so what it holds is that version's (never mutated)."""
    return read_reference(db())


def read_reference(engine: Bind) -> Reference:
    """Reference data straight from the database (also used to build the page)."""
    return Reference(
        editions=queries.editions(engine),
        metrics=queries.metrics(engine),
        regions=queries.regions(engine),
        weeks=queries.week_numbers(engine),
        week_order=queries.weeks(engine),
    )


def choices() -> Choices:
    """What a selection may hold in this app and database (worked out once per request)."""
    if "sze_choices" not in g:
        g.sze_choices = reference().choices(runtime().tabs, runtime().languages)
    value = g.sze_choices
    assert isinstance(value, Choices)
    return value


def selection_from(data: object) -> Selection:
    """Validate the stored selection again: the browser can send anything."""
    return Selection.from_store(data, choices())


def chosen_editions(selection: Selection, programme: str | None = None) -> list[int]:
    """The selected edition years (all when none chosen), optionally of one programme only."""
    return [y for y in reference().years(programme) if not selection.editions or y in selection.editions]


def selection_words(selection: Selection, all_editions_key: str) -> list[str]:
    """The selection in words: its editions ('editie 2021, 2022', else ``all_editions_key``'s text), region, week."""
    language = lang()
    editions = (
        t("summary_editions", language, edition=", ".join(str(y) for y in selection.editions))
        if selection.editions
        else t(all_editions_key, language)
    )
    return [editions, *scope_words(selection)]


@dataclass(frozen=True)
class Headline:
    """The key figures of a selection and what they were picked from (the programme's every edition, as
    a change is against the edition before, chosen or not)."""

    tiles: list[KeyFigure]
    without: list[int]  # chosen editions that published none of them
    figures: pd.DataFrame
    evaluations: pd.DataFrame


def headline(selection: Selection) -> Headline:
    """The key figures of the selection's SZE editions (for the landing view and the briefing)."""
    engine, every = db(), reference().years("sze")
    years = chosen_editions(selection, "sze")
    figures = queries.figures(engine, editions=every or [-1])
    evaluations = queries.evaluations(engine, editions=every or [-1])
    return Headline(
        key_figures(figures, evaluations, years, every),
        without_key_figures(figures, evaluations, years),
        figures,
        evaluations,
    )


def edition_span(years: Sequence[int]) -> str:
    """'2021–2024' for editions that follow each other, '2021, 2023' for others."""
    ordered = sorted(years)
    if len(ordered) > 2 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{ordered[0]}–{ordered[-1]}"
    return ", ".join(str(year) for year in ordered)


def title_scope(view: View, selection: Selection) -> str:
    """What narrows the view's charts, in words for their titles ('2021–2022, regio Zuid'): the chosen editions,
    region and week, where they act on the view; nothing for the view as it opens."""
    acting = view.acting_controls(selection)
    words = []
    if selection.editions and acting & {"sze_editions", "predecessor_editions"}:
        words.append(edition_span(selection.editions))
    words += scope_words(selection, [name for name in ("region", "week") if name in acting])
    return ", ".join(words)


def scope_words(selection: Selection, names: Sequence[str] = ("region", "week")) -> list[str]:
    """'regio Zuid', 'week 4': the filters that narrow the figures, in words."""
    words = []
    if "region" in names and selection.region:
        words.append(t("summary_region", lang(), region=reference().region_name(selection.region)))
    if "week" in names and selection.week:
        words.append(t("summary_week", lang(), week=selection.week))
    return words


def map_table(weeks: pd.DataFrame, initiatives: pd.DataFrame, values: pd.DataFrame | None = None) -> pd.DataFrame:
    """The rows a map of the regions draws: each region's week with its dates, each initiative, each regional value."""
    language = lang()
    parts = [
        weeks.assign(
            what=[t("export_what_week", language, week=w) for w in weeks["week"]],
            period=[
                fmt_period(a, b, lang=language) for a, b in zip(weeks["start_date"], weeks["end_date"], strict=True)
            ],
        ),
        initiatives.assign(
            what=[t("export_what_initiative", language, name=n) for n in initiatives["name"]],
            published_text=initiatives["size_text"],
        ),
    ]
    if values is not None:
        parts.append(values[values["value"].notna()])
    shown = [part for part in parts if len(part)]
    return pd.concat(shown, ignore_index=True) if shown else pd.DataFrame(columns=["edition", "region", "what"])
