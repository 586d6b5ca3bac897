"""The advice file (data/advies.yaml, or an organisation's own): read and checked, every problem with
file:line: every text the route needs is there, no unknown text, only the {placeholders} each text may
use (advice.PLACEHOLDERS). The models are advice.py."""

import string
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .advice import PLACEHOLDERS, Advice
from .datafile import DataFile
from .errors import Problem
from .load import CATALOGUE_LIMITS
from .yamlfile import Source

ADVICE_FILE = "advies.yaml"


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
