"""The catalogue commands, pure: count a catalogue's coverage, and its JSON Schema. Checking a
catalogue file (`catalogus controleer`) is catalogue_file.py, which reads it.

- `coverage` counts per competency and per pillar how many entries serve it, split by learning form;
  `coverage_per_country` does so for each country's families, counting only entries that can be a
  route step (with a source, not the foster care worker itself).
- `schema` is the JSON Schema of the catalogue, for editors (yaml-language-server) and organisations.

This module imports nothing of the user interface and reads no file.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from .models import Catalogue, Country, Course, Framework, KnownGap, LearningForm
from .route import THIN_SHARE, can_be_step
from .structs import json_text

if TYPE_CHECKING:
    from .advice import Advice

SCHEMA_FILE = "catalogus.schema.json"
THIN = 2  # fewer entries than this for a competency: the offer is thin there
COUNTRIES: tuple[Country, ...] = ("nl", "vl")
COUNTRY_NAMES = {"nl": "Nederland", "vl": "Vlaanderen"}


# ---------------------------------------------------------------- coverage


class CoverageRow(Struct, frozen=True):
    """How many entries serve one competency or pillar, in total and per learning form."""

    id: str
    name: str
    total: int
    by_form: dict[LearningForm, int]  # every learning form, in the order of LearningForm; 0 when none


class Coverage(Struct, frozen=True):
    entries: int  # entries counted (expired ones are left out when `today` was given)
    forms: tuple[LearningForm, ...]
    pillars: tuple[CoverageRow, ...]
    competencies: tuple[CoverageRow, ...]
    known_gaps: tuple[KnownGap, ...] = ()  # the catalogue's `niet_gevonden`: no real offer found
    country: Country | None = None  # the families of this country only (None: the whole catalogue)

    def thin(self, minimum: int = THIN) -> tuple[CoverageRow, ...]:
        """Competencies that fewer than `minimum` entries serve: where the offer is thin."""
        return tuple(row for row in self.competencies if row.total < minimum)

    @property
    def covered(self) -> int:
        """How many competencies at least one entry serves."""
        return sum(1 for row in self.competencies if row.total)

    @property
    def enough(self) -> bool:
        """Every competency has enough entries (at least THIN)."""
        return not self.thin()

    @property
    def few(self) -> bool:
        """Fewer than half of the competencies have any entry: the route says so, with a contact."""
        return self.covered < THIN_SHARE * len(self.competencies)

    def as_data(self) -> dict[str, Any]:
        """Plain data with Dutch keys, for --json."""

        def row(r: CoverageRow) -> dict[str, Any]:
            return {
                "id": r.id,
                "naam": r.name,
                "totaal": r.total,
                "per_vorm": {f.value: n for f, n in r.by_form.items()},
            }

        data: dict[str, Any] = {"land": self.country} if self.country else {}
        return data | {
            "aanbod": self.entries,
            "gedekt": self.covered,
            "genoeg": self.enough,
            "pijlers": [row(r) for r in self.pillars],
            "competenties": [row(r) for r in self.competencies],
            "dun": [r.id for r in self.thin()],
            "niet_gevonden": [
                {"onderwerp": g.topic, "competenties": list(g.competencies), "toelichting": g.note}
                for g in self.known_gaps
            ],
        }


def coverage(
    framework: Framework,
    catalogue: Catalogue,
    today: dt.date | None = None,
    *,
    country: Country | None = None,
    advice: Advice | None = None,
) -> Coverage:
    """Per competency and per pillar: how many entries serve it, split by learning form.

    An entry counts once per competency or pillar it serves, and once under each of its forms, so the
    forms of a row can add up to more than its total. With `today`, expired entries do not count; with
    `country`, only that country's entries; with `advice`, only entries that can be a route step
    (a source, and not the foster care worker itself).
    """
    forms = tuple(LearningForm)
    entries = [
        e
        for e in catalogue.entries
        if (today is None or e.valid_until is None or e.valid_until >= today)
        and (country is None or e.country == country)
        and (advice is None or can_be_step(e, advice))
    ]
    competency_rows = []
    pillar_rows = []
    for pillar in framework.pillars:
        ids = {c.id for c in pillar.competencies}
        served = [e for e in entries if ids & set(e.competencies)]
        pillar_rows.append(_row(pillar.id, pillar.title, served, forms))
        for competency in pillar.competencies:
            serving = [e for e in served if competency.id in e.competencies]
            # the organisation reads the model's own label
            name = competency.official_name or competency.name
            competency_rows.append(_row(competency.id, name, serving, forms))
    return Coverage(len(entries), forms, tuple(pillar_rows), tuple(competency_rows), catalogue.gaps, country)


def coverage_per_country(
    framework: Framework, catalogue: Catalogue, advice: Advice, today: dt.date | None = None
) -> tuple[Coverage, ...]:
    """The coverage for the families of each country: only entries that can be their route step."""
    return tuple(
        coverage(framework, catalogue, today, country=country, advice=advice) for country in COUNTRIES
    )


def _row(row_id: str, name: str, entries: list[Course], forms: tuple[LearningForm, ...]) -> CoverageRow:
    by_form = {form: sum(1 for e in entries if form in e.forms) for form in forms}
    return CoverageRow(row_id, name, len(entries), by_form)


# ---------------------------------------------------------------- JSON Schema

_DESCRIPTIONS: dict[str, dict[str, str]] = {
    "Course": {
        "id": "Korte, unieke naam met kleine letters, cijfers en streepjes, zoals 'triple-p'.",
        "titel": "De naam van het aanbod, zoals pleegouders die kennen.",
        "aanbieder": "Wie het aanbod geeft.",
        "beschrijving": "Twee of drie korte zinnen in eenvoudig Nederlands: wat leer je of wat krijg je?",
        "url": "Webadres met meer informatie. Begin met https://.",
        "competenties": "De competenties waarbij dit aanbod helpt, zoals 'zorgen.gedrag'.",
        "soort": "Wat voor aanbod het is.",
        "vorm": "Hoe je leert. Eén vorm of een lijst, zoals [groep, online].",
        "toegang": "zelf: je meldt je zelf aan. via-begeleider: je pleegzorgbegeleider regelt het. "
        "vrij: iedereen kan er zo gebruik van maken.",
        "duur": "Wat bekend is over de duur. Laat weg wat je niet weet.",
        "kosten": "Vrije tekst, of 'gratis' of 'via-organisatie'.",
        "erkenning": "Het oordeel van de Databank Effectieve Jeugdinterventies (NJi). "
        "Laat weg als er geen is.",
        "doelgroep": "Voor wie het aanbod is. Laat weg wat voor iedereen geldt.",
        "regio": "Waar het aanbod er is. Laat weg als het landelijk is.",
        "geldig_tot": "Tot wanneer het aanbod er is, zoals 2027-12-31. "
        "Daarna wordt het niet meer aangeraden.",
        "land": "nl: aanbod in Nederland. vl: aanbod in Vlaanderen. "
        "Een gezin krijgt alleen aanbod uit het eigen land.",
        "bron": "De openbare pagina('s) waar staat wat hier staat: wie het aanbiedt, voor wie, "
        "hoe, en dat het er nu is. Met titel en url. Aanbod zonder bron komt nooit als stap in de route.",
        "laatst_gecontroleerd": "Wanneer iemand voor het laatst heeft gekeken of het aanbod er nog is "
        "en klopt, zoals 2026-11-23. 'catalogus controleer' waarschuwt na een jaar.",
        "beschikbaarheid": "landelijk: overal te krijgen. eigen-organisatie: vraag of jouw "
        "pleegzorgorganisatie dit aanbiedt. regionaal: alleen in een deel van het land.",
        "erkenning_in_herbeoordeling": "true: de erkenning van het NJi is ouder dan vijf jaar en wordt "
        "opnieuw beoordeeld.",
        "fase": "Voor welke fase het aanbod is: nieuw (een nieuwe plaatsing), eerste-jaar, ervaren "
        "(twee jaar of langer pleegouder). Laat weg als het voor elke fase is.",
    },
    "Audience": {
        "pleegouders": "Alleen voor netwerk- of bestandspleegouders. Laat weg als het voor allebei is.",
        "pleegzorgvormen": "Alleen voor deze vormen van pleegzorg. Laat weg als het voor alle vormen is.",
        "leeftijd": "De leeftijd van het pleegkind, met min en max. Laat weg als elke leeftijd kan.",
        "problematiek": "Alleen als het aanbod voor een bepaalde problematiek is, zoals trauma.",
        "zonder_voorbereiding": "true: alleen voor wie nog geen voorbereidingstraining had "
        "(aspirant-pleegouders, veel netwerkpleegouders).",
        "eigen_kinderen": "true: alleen voor gezinnen met eigen kinderen thuis. Laat weg als het voor "
        "elk gezin is.",
    },
    "Duration": {
        "bijeenkomsten": "Het aantal bijeenkomsten of gesprekken.",
        "weken": "Hoeveel weken het duurt.",
        "uren": "Hoeveel uur het in totaal kost.",
    },
    "AgeRange": {"min": "De jongste leeftijd.", "max": "De oudste leeftijd."},
    "SourceRef": {"titel": "De titel van de pagina.", "url": "Het webadres. Begin met https://."},
    "Catalogue": {
        "versie": 'Versie van het bestand, zoals "2026.12".',
        "aanbod": "De lijst met aanbod.",
        "niet_gevonden": "Onderwerpen waar geen echt aanbod voor is gevonden. 'catalogus dekking' noemt ze.",
    },
    "KnownGap": {
        "onderwerp": "Waar geen aanbod voor is gevonden.",
        "competenties": "De competenties waar het over gaat.",
        "toelichting": "Wat er wel is, of waar je terecht kunt.",
    },
}
_TYPE_DESCRIPTIONS = {
    "CareKind": "Vorm van pleegzorg.",
    "ParentKind": "netwerk: familie of bekenden van het kind. "
    "bestand: pleegouders die het kind nog niet kenden.",
    "Challenge": "Problematiek van het pleegkind.",
    "LearningForm": "Leervorm.",
    "Course": "Eén aanbod: een training, interventie, groep, informatie of steun.",
    "Audience": "Voor wie het aanbod is.",
    "Duration": "De duur van het aanbod.",
    "AgeRange": "Leeftijd van het pleegkind in jaren.",
    "KnownGap": "Een onderwerp waar geen echt aanbod voor is gevonden.",
    "SourceRef": "Een openbare pagina als bron.",
}


def schema(framework: Framework | None = None) -> dict[str, Any]:
    """JSON Schema of a catalogue file, with Dutch descriptions.

    With a framework, `competenties` only allows its competency ids, so an editor can suggest them.
    """
    import msgspec.json

    result: dict[str, Any] = {"$schema": "https://json-schema.org/draft/2020-12/schema"}
    generated = msgspec.json.schema(Catalogue)
    definitions = generated["$defs"]
    result |= definitions.pop(generated["$ref"].rsplit("/", 1)[-1])  # the file itself at the top
    result["$defs"] = definitions
    result["title"] = "Aanbod voor pleegouders (pleegreflectie)"
    result["description"] = (
        "Een lijst met trainingen, interventies en steun voor pleegouders. "
        "Gebruik je eigen bestand met: pleegreflectie route --catalogus BESTAND."
    )
    definitions = result["$defs"]
    for name, text in _TYPE_DESCRIPTIONS.items():
        definitions[name]["description"] = text
    for name, fields in _DESCRIPTIONS.items():
        properties = result["properties"] if name == "Catalogue" else definitions[name]["properties"]
        for key, text in fields.items():
            properties[key]["description"] = text
    course = definitions["Course"]["properties"]
    form = course["vorm"]
    item = form.pop("items")
    for key in ("type", "minItems"):
        form.pop(key, None)
    form["anyOf"] = [item, {"type": "array", "items": item, "minItems": 1}]  # one form or a list
    if framework is not None:
        course["competenties"]["items"] = {"enum": [c.id for c in framework.competencies()]}
    return result


def schema_text(framework: Framework | None = None) -> str:
    """The schema as the text of data/catalogus.schema.json."""
    return json_text(schema(framework)) + "\n"
