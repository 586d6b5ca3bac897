"""The words per country file (data/landen.yaml): read and checked, every problem with file:line
(each country once, a term under one country only). The models are terms.py (pure)."""

import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .datafile import DataFile, list_items
from .errors import Problem
from .terms import Countries
from .yamlfile import Limits, Source

COUNTRIES_FILE = "landen.yaml"
COUNTRIES_LIMITS = Limits("een bestand met woorden per land", size=500_000, depth=20, items=2_000)


@functools.cache
def bundled_countries() -> Countries:
    return load_countries()


def load_countries(path: Path | None = None) -> Countries:
    return COUNTRIES.load(path)


def _check(data: dict[str, Any], source: Source) -> Iterator[Problem]:
    """Each country once; a term under one country only."""
    codes: dict[str, int] = {}
    terms: dict[str, str] = {}
    for index, item in list_items(data, "landen"):
        code = item.get("code")
        if isinstance(code, str):
            if code in codes:
                yield source.problem(
                    ("landen", index, "code"), f"het land '{code}' staat er al. Noem elk land één keer."
                )
            codes.setdefault(code, index)
        for t, term in list_items(item, "termen"):
            word = term.get("term")
            if not isinstance(word, str):
                continue
            key = " ".join(word.split()).casefold()
            if key in terms and terms[key] != code:
                yield source.problem(
                    ("landen", index, "termen", t, "term"),
                    f"'{word}' staat ook bij '{terms[key]}'. Een woord hoort bij één land.",
                )
            elif key in terms:
                yield source.problem(("landen", index, "termen", t, "term"), f"'{word}' staat er twee keer.")
            terms.setdefault(key, str(code))


COUNTRIES = DataFile(COUNTRIES_FILE, Countries, COUNTRIES_LIMITS, "'versie:' en 'landen:'", (_check,))
