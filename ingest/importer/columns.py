"""The columns of each export, by their Dutch headings: what each holds, how it is read, what it becomes.

The README's column tables and ``sze-dashboard template`` are written from these lists, so the
documentation, the template and the validation cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from data_access import schema
from ingest.importer import parse

Parser = Callable[[object], object]


@dataclass(frozen=True)
class Field:
    """One column of an export."""

    heading: str  # as written in the template
    name: str  # the table column it fills
    parse: Parser
    required: bool
    doc: str  # what to write, for the README and error messages
    aliases: tuple[str, ...] = ()  # other headings Excel exports use for it


@dataclass(frozen=True)
class Kind:
    """What one kind of export holds and where it goes."""

    name: str  # "activities" or "evaluations", as on the command line
    label: str  # Dutch, for messages
    fields: tuple[Field, ...]
    key: tuple[str, ...]  # natural key within an edition: the same row exported twice is one row
    date_field: str  # the edition follows from this date


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

ACTIVITIES = Kind(
    name="activities",
    label="activiteiten",
    fields=(
        Field("Titel", "title", parse.text(200), True, "naam van de activiteit"),
        Field(
            "Organisator",
            "organiser",
            parse.text(200),
            True,
            "organisatie die de activiteit houdt (geen persoon)",
            ("Organisatie",),
        ),
        Field(
            "Datum",
            "activity_date",
            parse.date,
            True,
            "dag van de activiteit, dd-mm-jjjj; bepaalt de editie",
            ("Datum activiteit",),
        ),
        Field(
            "Plaats",
            "place",
            parse.text(100),
            True,
            "gemeente of woonplaats; bij twijfel met provincie: 'Hengelo (Gelderland)'",
            ("Locatie", "Gemeente"),
        ),
        Field("Vorm", "format", parse.choice(schema.FORMATS), True, " / ".join(schema.FORMATS), ("Werkvorm",)),
        Field("Domein", "domain", parse.choice(schema.DOMAINS), True, " / ".join(schema.DOMAINS), ("Sector",)),
        Field(
            "Thema",
            "theme",
            parse.choice(schema.THEMES, suffix=" van zorg"),
            True,
            "voorkomen / verplaatsen / vervangen (van zorg)",
        ),
        Field(
            "Deelnemers",
            "participants",
            parse.whole(0, 100_000),
            False,
            "aantal deelnemers, heel getal (leeg: niet geteld)",
            ("Aantal deelnemers",),
        ),
        Field(
            "Duur (uren)",
            "duration_hours",
            parse.decimal(0, 24),
            False,
            "duur in uren, decimaal met komma: 1,5",
            ("Duur",),
        ),
    ),
    key=("title", "organiser", "activity_date", "place"),
    date_field="activity_date",
)

EVALUATIONS = Kind(
    name="evaluations",
    label="evaluaties",
    fields=(
        Field(
            "Respondent",
            "respondent",
            parse.text(60),
            True,
            "nummer van de respons in de enquêtetool (geen naam)",
            ("Respondentnummer", "Respons-ID", "ID"),
        ),
        Field(
            "Datum ingevuld",
            "response_date",
            parse.date,
            True,
            "dag van invullen, dd-mm-jjjj; bepaalt de editie",
            ("Datum",),
        ),
        Field(
            "Regio",
            "region",
            parse.choice(("noord", "oost", "west", "zuid")),
            False,
            "regio van de bezochte week: noord / oost / west / zuid (leeg: niet gevraagd)",
        ),
        Field("Rol", "role", parse.choice(schema.ROLES), True, " / ".join(schema.ROLES)),
        Field(
            "Rapportcijfer",
            "rating",
            parse.whole(1, 10),
            True,
            "heel getal van 1 tot en met 10",
            ("Cijfer", "Rapportcijfer (1-10)"),
        ),
        Field(
            "Volgend jaar weer meedoen",
            "would_return",
            parse.choice(schema.WOULD_RETURN),
            True,
            " / ".join(schema.WOULD_RETURN),
            ("Weer meedoen",),
        ),
    ),
    key=("respondent",),
    date_field="response_date",
)

KINDS = {kind.name: kind for kind in (ACTIVITIES, EVALUATIONS)}
