"""Words that belong to one country only (data/landen.yaml), and a check for them in a text.

A Flemish family never reads "kinderrechter" or "Veilig Thuis"; a Dutch family never reads
"jeugdrechter" or "pleegzorger". `foreign_terms(text, country, countries)` finds the words of the
other countries in a text: pure, so tests of every part (profile questions, pillar questions,
signals, advice) can check what a family of one country reads. The models and the check (pure);
terms_file.py reads and checks the file. No user interface and no I/O here. No
`from __future__ import annotations` (see models.py).
"""

import re
from collections.abc import Sequence
from typing import Annotated, Any, Literal

from msgspec import Meta, field

from .models import SourceRef
from .structs import Model, yes_no


class Term(Model, frozen=True, kw_only=True):
    """A word (or a few) that belongs to one country, with the page that uses it so."""

    term: Annotated[str, Meta(min_length=2, max_length=80)]
    # Only with these capitals (an abbreviation such as STAP, where "stap" is an ordinary word).
    exact_case: bool = field(name="hoofdletters", default=False)
    source: SourceRef = field(name="bron")
    other: str | None = field(name="anders", default=None)  # what the other country says

    @classmethod
    def before(cls, data: dict[str, Any]) -> dict[str, Any]:
        if "hoofdletters" in data:
            data["hoofdletters"] = yes_no(data["hoofdletters"])
        return data

    def pattern(self) -> re.Pattern[str]:
        """The term as a whole word (or words), also in the plural; spaces match any white space."""
        words = r"\s+".join(re.escape(word) for word in self.term.split())
        flags = 0 if self.exact_case else re.IGNORECASE
        return re.compile(rf"(?<![\w-]){words}(?:s|en|'s)?(?![\w-])", flags)


class Country(Model, frozen=True, kw_only=True):
    code: Literal["nl", "vl"]
    name: Annotated[str, Meta(min_length=1)] = field(name="naam")
    terms: tuple[Term, ...] = field(name="termen", default=())


class Countries(Model, frozen=True, kw_only=True):
    version: str = field(name="versie")
    countries: Annotated[tuple[Country, ...], Meta(min_length=1)] = field(name="landen")

    def country(self, code: str) -> Country:
        for item in self.countries:
            if item.code == code:
                return item
        raise KeyError(code)


class Found(Model, frozen=True, kw_only=True):
    """A word of another country in a text."""

    term: str
    country: str  # the country it belongs to
    seen: str  # as it stands in the text


def foreign_terms(text: str, country: str, countries: Countries) -> list[Found]:
    """The words of other countries than `country` in `text`, in the order of the file."""
    found = []
    for other in countries.countries:
        if other.code == country:
            continue
        for term in other.terms:
            match = term.pattern().search(text)
            if match is not None:
                found.append(Found(term=term.term, country=other.code, seen=match.group()))
    return found


def foreign_in(texts: Sequence[str], country: str, countries: Countries) -> dict[str, list[str]]:
    """For each text with a word of another country: those words (a helper for tests)."""
    result = {}
    for text in texts:
        words = [f.term for f in foreign_terms(text, country, countries)]
        if words:
            result[text] = words
    return result
