"""The sentences of the learning route, from data/advies.yaml: reasons, later, not covered, advice.

An organisation can read and adapt every sentence a family reads in its route. A text is one plain
sentence or `{je: ..., jullie: ...}` (models.Text); a country can give its own text (`landen: vl:`)
with its source, and its contact for when its catalogue is thin. Words in `{braces}` are filled in by
the route; each text may use only the placeholders listed in PLACEHOLDERS (checked at load, file:line).
The models are pure; `load_advice` reads the file at the edge. No `from __future__ import annotations`
here (see models.py).
"""

import string
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

from msgspec import Meta, field

from .datafile import DataFile
from .errors import Problem
from .load import CATALOGUE_LIMITS
from .models import SLUG, Address, Country, SourceRef, Text, pick
from .structs import Model
from .yamlfile import Source

ADVICE_FILE = "advies.yaml"

# Every text the route uses, with the placeholders it may fill in.
PLACEHOLDERS: dict[str, frozenset[str]] = {
    key: frozenset(names)
    for key, names in {
        "reden": ("punten",),
        "punt": ("naam", "score", "belang"),
        "meer_punten_een": (),
        "meer_punten": ("aantal",),
        "via_begeleider": (),
        "vorm_gekozen": ("vorm",),
        "vorm_groep": (),
        "vorm_online": (),
        "vorm_thuis": (),
        "vorm_individueel": (),
        "vorm_blended": (),
        "vorm_video": (),
        "vorm_lezen": (),
        "vorm_telefonisch": (),
        "gedrag_weken": ("weken",),
        "netwerk_steun": (),
        "regio": ("regio",),
        "uitzoeken": ("naam",),
        "nog_bezig": (),
        "later_uren": ("budget", "uren", "tekort"),
        "later_geen_tijd": ("budget", "uren"),
        "later_aantal": ("max",),
        "later_naast": ("budget", "uren"),
        "later_vorm": ("vormen", "andere"),
        "niet_gedekt": ("contact",),
        "geen_aandachtspunten": (),
        "route_bespreken": (),
        "uren_aangenomen": ("uren",),
        "geen_tijd": (),
        "alleen_vorm": ("vormen", "punten"),
        "te_weinig_uren": ("punten", "budget"),
        "al_gedaan": ("titels", "naam"),
        "gedrag_programma": ("titel", "uren", "tekort", "budget"),
        "gedrag_zonder_programma": (),
        "top_past_later": ("naam", "titel", "uren", "tekort", "budget"),
        "erkend": ("titel", "naam", "erkenning", "uren", "tekort", "budget"),
        "netwerk_zonder_voorbereiding": (),
        "behandeling_tien_plus": (),
        "bijna_volwassen": (),
        "zonder_bron": ("titels",),
        "weinig_aanbod": ("aantal", "totaal", "contact"),
    }.items()
}


class _Model(Model, frozen=True, forbid_unknown_fields=True, kw_only=True):
    pass


class Contact(_Model, frozen=True, kw_only=True):
    """Where a family of this country can ask what there is (with the page that says so)."""

    text: Text = field(name="tekst")
    source: SourceRef = field(name="bron")


class CountryAdvice(_Model, frozen=True, kw_only=True):
    """What differs in one country: its contact, its own texts and the sources of those texts."""

    contact: Contact | None = None
    texts: dict[str, Text] = field(name="teksten", default_factory=dict)
    sources: dict[str, SourceRef] = field(name="bronnen", default_factory=dict)


class Advice(_Model, frozen=True, kw_only=True):
    version: str = field(name="versie")
    # Catalogue ids of the foster care worker itself: never a route step, never asked as done.
    worker_entries: tuple[Annotated[str, Meta(pattern=f"^{SLUG}$")], ...] = field(
        name="pleegzorgbegeleider", default=()
    )
    texts: dict[str, Text] = field(name="teksten")
    countries: dict[Country, CountryAdvice] = field(name="landen", default_factory=dict)

    def say(self, key: str, country: Country, address: Address, /, **values: object) -> str:
        """The text `key` for a family of this country, in its form (je/jullie), filled in."""
        local = self.countries.get(country)
        text = local.texts.get(key) if local is not None else None
        return pick(text if text is not None else self.texts[key], address).format(**values)

    def contact(self, country: Country, address: Address) -> str | None:
        local = self.countries.get(country)
        if local is None or local.contact is None:
            return None
        return pick(local.contact.text, address)


def load_advice(path: Path | None = None) -> Advice:
    """The bundled advice, or an organisation's own file; every problem with its file and line."""
    return ADVICE.load(path)


def parse_advice(source: Source) -> Advice:
    return ADVICE.parse(source)


def _check_texts(data: dict[str, Any], source: Source) -> Iterator[Problem]:
    """Every text the route needs is there; no unknown text; only known {placeholders}."""
    texts = data.get("teksten")
    if isinstance(texts, dict):
        missing = [key for key in PLACEHOLDERS if key not in texts]
        if missing:
            yield source.problem(
                ("teksten",),
                f"hier ontbreken teksten: {', '.join(missing)}. Zet ze erbij (kijk in het meegeleverde "
                "advies.yaml hoe ze luiden).",
            )
        yield from _check_group(texts, ("teksten",), source)
    countries = data.get("landen")
    if isinstance(countries, dict):
        for country, local in countries.items():
            if not isinstance(local, dict):
                continue
            for key in ("teksten", "bronnen"):
                group = local.get(key)
                if isinstance(group, dict):
                    yield from _check_group(
                        group, ("landen", country, key), source, placeholders=key == "teksten"
                    )


def _check_group(
    texts: dict[str, Any], loc: tuple[str | int, ...], source: Source, *, placeholders: bool = True
) -> Iterator[Problem]:
    for key, text in texts.items():
        if key not in PLACEHOLDERS:
            yield source.problem(
                (*loc, key),
                f"'{key}' is geen tekst van de leerroute. Controleer de spelling. Bekende teksten staan "
                "in het meegeleverde advies.yaml.",
            )
            continue
        if not placeholders:
            continue
        forms = [("", text)] if isinstance(text, str) else []
        if isinstance(text, dict):
            forms = [(form, value) for form, value in text.items() if isinstance(value, str)]
        for form, value in forms:
            where = (*loc, key, form) if form else (*loc, key)
            problem = _placeholder_problem(value, PLACEHOLDERS[key])
            if problem:
                yield source.problem(where, f"{key}: {problem}")


def _placeholder_problem(text: str, allowed: frozenset[str]) -> str | None:
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    except ValueError:
        return "een { of } staat alleen. Schrijf {{ of }} voor een gewoon haakje."
    unknown = sorted({name for name in names if name not in allowed})
    if unknown:
        can = ", ".join("{" + name + "}" for name in sorted(allowed)) if allowed else "geen"
        shown = ", ".join("{" + name + "}" for name in unknown)
        return f"{shown} kan hier niet worden ingevuld. Hier kan: {can}."
    return None


ADVICE = DataFile(
    ADVICE_FILE,
    Advice,
    CATALOGUE_LIMITS,
    "'versie:' en 'teksten:'",
    (_check_texts,),
    hint="Verbeter het bestand met adviezen en probeer het opnieuw.",
)
