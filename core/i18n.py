"""Every text a user reads, from one gettext catalogue per language (``core/locale/<lang>/LC_MESSAGES``).

Layouts and callbacks ask ``t(key, lang)``; nothing user-facing is written elsewhere. The catalogues
are ordinary ``.po`` files, so translators use their usual tools (Poedit, Weblate, ``pybabel``);
Babel reads them here, which spares the wheel a compile step for ``.mo`` files. A message id is a
symbolic key rather than the Dutch sentence, so rewording the Dutch never orphans the English.
Notation of numbers and dates is Babel's too, in ``core.formatting``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from importlib.resources import files

from babel import Locale
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

DEFAULT_LANG = "nl"
#: The interface languages, by their URL value (``taal=``) and ``<html lang>``.
LANGUAGES = ("nl", "en")


#: the language of ``t`` where a caller names none: Dutch, unless ``messages_in`` says otherwise for a while
_UNNAMED: ContextVar[str] = ContextVar("sze_unnamed_lang", default=DEFAULT_LANG)


@contextmanager
def messages_in(lang: str) -> Iterator[None]:
    """Within the block, texts asked without a language are in ``lang``: the importer's problems, written for the
    command line in Dutch, in the language of the /beheer page that checks the file (this thread/context only)."""
    token = _UNNAMED.set(lang if lang in LANGUAGES else DEFAULT_LANG)
    try:
        yield
    finally:
        _UNNAMED.reset(token)


def supported(lang: object) -> str | None:
    """``lang`` if it is an interface language (case ignored), else None."""
    if not isinstance(lang, str):
        return None
    value = lang.strip().lower()
    return value if value in LANGUAGES else None


@cache
def catalogue(lang: str) -> dict[str, str]:
    """The translated messages of ``lang`` by key (untranslated ones left out)."""
    path = files("core") / "locale" / lang / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        messages = read_po(handle, locale=lang)
    return {str(m.id): str(m.string) for m in messages if m.id and m.string and not m.fuzzy}


def t(key: str, lang: str | None = None, **values: object) -> str:
    """The text for ``key`` in ``lang`` (falling back to Dutch; none named: Dutch, or ``messages_in``'s), with
    ``values`` filled in."""
    lang = lang or _UNNAMED.get()
    table = catalogue(lang if lang in LANGUAGES else DEFAULT_LANG)
    template = table.get(key) or catalogue(DEFAULT_LANG)[key]
    return template.format(**values) if values else template


def tn(key: str, n: int, lang: str | None = None, **values: object) -> str:
    """``t`` for a text about ``n`` things: the key's variant for the language's plural category of ``n``
    (CLDR's, from Babel: '1 percentage point', '2 percentage points'), else the key itself; ``{n}`` is
    written in the language's notation."""
    lang = lang or _UNNAMED.get()
    language = lang if lang in LANGUAGES else DEFAULT_LANG
    variant = f"{key}.{Locale.parse(language).plural_form(abs(n))}"
    chosen = variant if variant in catalogue(DEFAULT_LANG) else key
    return t(chosen, lang, n=format_decimal(n, locale=language), **values)


def metric_label(metric: str, lang: str = DEFAULT_LANG) -> str:
    """Display name of a metric (its definition lives with the data, metrics.csv); the code if none is known."""
    return _label("metric", metric, lang)


def indicator_label(indicator: str, lang: str = DEFAULT_LANG) -> str:
    """Display name of a Zorg van Nu or e-healthmonitor indicator."""
    return _label("indicator", indicator, lang)


def _label(kind: str, code: str, lang: str) -> str:
    key = f"{kind}.{code}"
    if key in catalogue(DEFAULT_LANG):
        return t(key, lang)
    return code.replace("_", " ")
