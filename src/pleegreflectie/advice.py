"""The sentences of the learning route, from data/advies.yaml: reasons, later, not covered, advice.

An organisation can read and adapt every sentence a family reads in its route. A text is one plain
sentence or `{je: ..., jullie: ...}` (models.Text); a country can give its own text (`landen: vl:`)
with its source, and its contact for when its catalogue is thin. Words in `{braces}` are filled in by
the route; each text may use only the placeholders listed in PLACEHOLDERS (checked at load, file:line).
The models are pure; advice_file.py reads the file at the edge. No `from __future__ import
annotations` here (see models.py).
"""

from typing import Annotated

from msgspec import Meta, field

from .models import SLUG, Address, Country, SourceRef, Text, pick
from .structs import Model

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


class Contact(Model, frozen=True, kw_only=True):
    """Where a family of this country can ask what there is (with the page that says so)."""

    text: Text = field(name="tekst")
    source: SourceRef = field(name="bron")


class CountryAdvice(Model, frozen=True, kw_only=True):
    """What differs in one country: its contact, its own texts and the sources of those texts."""

    contact: Contact | None = None
    texts: dict[str, Text] = field(name="teksten", default_factory=dict)
    sources: dict[str, SourceRef] = field(name="bronnen", default_factory=dict)


class Advice(Model, frozen=True, kw_only=True):
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
