"""The columns of each export, by their Dutch headings: what each holds, how it is read, what it becomes.

The README's column tables and ``sze-dashboard template`` are written from these lists (what to
write in each column is in the message catalogues, ``ingest.field.<name>``), so the documentation,
the template and the validation cannot drift apart. Allowed values and ranges are the schema's;
the regions are the data's.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Column

from core.i18n import t
from data_access import schema
from ingest import bundled
from ingest.importer import parse
from ingest.rules import choices_of, range_of


@dataclass(frozen=True)
class Field:
    """One column of an export."""

    heading: str  # as written in the template
    name: str  # the table column it fills
    parse: parse.Reader | None  # None: one of the regions the database holds (checked against the reference)
    required: bool
    aliases: tuple[str, ...] = ()  # other headings Excel exports use for it
    allowed: tuple[str, ...] = ()  # the values it takes, where it lists them

    def doc(self, lang: str = "nl") -> str:
        """What to write, for the template, the README and error messages."""
        allowed = bundled.region_codes() if self.parse is None else self.allowed
        return t(f"ingest.field.{self.name}", lang, choices=" / ".join(allowed))


def _choice(heading: str, column: Column, aliases: tuple[str, ...] = (), suffix: str = "") -> Field:
    """A column holding one of the values the schema allows for ``column``."""
    allowed = choices_of(column)
    return Field(heading, column.name, parse.choice(allowed, suffix), not column.nullable, aliases, allowed)


@dataclass(frozen=True)
class Kind:
    """What one kind of export holds and where it goes."""

    name: str  # "activities" or "evaluations", as on the command line
    fields: tuple[Field, ...]
    key: tuple[str, ...]  # natural key within an edition: the same row exported twice is one row
    date_field: str  # the edition follows from this date

    def label(self, lang: str = "nl") -> str:
        """What the rows are called in messages ('activiteiten')."""
        return t(f"ingest.kind.{self.name}", lang)


#: Headings of personal data: never stored, dropped with a notice
PERSONAL_HEADINGS = (
    "naam",
    "contactpersoon",
    "contact",
    "voornaam",
    "achternaam",
    "e-mail",
    "email",
    "e-mailadres",
    "emailadres",
    "mail",
    "telefoon",
    "telefoonnummer",
    "tel",
    "mobiel",
    "mobiel nummer",
    "adres",
    "postcode",
    "geboortedatum",
    "ip-adres",
)

_a, _r = schema.activities.c, schema.responses.c

ACTIVITIES = Kind(
    name="activities",
    fields=(
        Field("Titel", "title", parse.text(200), True),
        Field("Organisator", "organiser", parse.text(200), True, ("Organisatie",)),
        Field("Datum", "activity_date", parse.date, True, ("Datum activiteit",)),
        Field("Plaats", "place", parse.text(100), True, ("Locatie", "Gemeente")),
        _choice("Vorm", _a.format, ("Werkvorm",)),
        _choice("Domein", _a.domain, ("Sector",)),
        _choice("Thema", _a.theme, suffix=" van zorg"),
        Field("Deelnemers", "participants", parse.whole(range_of(_a.participants)), False, ("Aantal deelnemers",)),
        Field("Duur (uren)", "duration_hours", parse.decimal(range_of(_a.duration_hours)), False, ("Duur",)),
    ),
    key=("title", "organiser", "activity_date", "place"),
    date_field="activity_date",
)

EVALUATIONS = Kind(
    name="evaluations",
    fields=(
        Field("Respondent", "respondent", parse.text(60), True, ("Respondentnummer", "Respons-ID", "ID")),
        Field("Datum ingevuld", "response_date", parse.date, True, ("Datum",)),
        Field("Regio", "region", None, False),
        _choice("Rol", _r.role),
        Field(
            "Rapportcijfer",
            "rating",
            parse.whole(range_of(_r.rating)),
            True,
            ("Cijfer", "Rapportcijfer (1-10)"),
        ),
        _choice("Volgend jaar weer meedoen", _r.would_return, ("Weer meedoen",)),
    ),
    key=("respondent",),
    date_field="response_date",
)

KINDS = {kind.name: kind for kind in (ACTIVITIES, EVALUATIONS)}


def fold(heading: str) -> str:
    """A heading as compared: case, spacing and a byte-order mark aside."""
    return " ".join(heading.replace("\ufeff", "").split()).casefold()


#: every heading an export of either kind may have, folded: how the heading row is told from a title above it
KNOWN_HEADINGS = frozenset(
    {fold(name) for kind in KINDS.values() for f in kind.fields for name in (f.heading, *f.aliases)}
    | set(PERSONAL_HEADINGS)
)
