"""The profile questions file (data/profiel.yaml, or a copy of an organisation's own): read and
checked, every problem with file:line: known keys, fitting choices, each key once per country, the
country first, conditions on earlier questions. The models are profile.py (pure)."""

import functools
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from .datafile import DataFile, list_items
from .errors import Problem
from .models import Profile
from .profile import COUNTRIES, COUNTRY_KEY, KINDS, ProfileQuestions
from .structs import ValidationError
from .yamlfile import Limits, Source

PROFILE_FILE = "profiel.yaml"
PROFILE_LIMITS = Limits("een bestand met profielvragen", size=500_000, depth=20, items=1_000)


@functools.cache
def bundled_questions() -> ProfileQuestions:
    """The profile questions shipped with the program (read once per run)."""
    return load_profile_questions()


def load_profile_questions(path: Path | None = None) -> ProfileQuestions:
    return PROFILE.load(path)


def _check(data: dict[str, Any], source: Source) -> Iterator[Problem]:
    """What the types cannot say: known keys, fitting choices, each key once per country, the
    country first, and conditions on earlier questions."""
    seen: dict[tuple[str, str], int] = {}  # (key, country) -> index
    items = list(list_items(data, "vragen"))
    for position, (index, item) in enumerate(items):
        loc: tuple[str | int, ...] = ("vragen", index)
        key = item.get("sleutel")
        if not isinstance(key, str):
            continue
        if key not in KINDS:
            yield source.problem(
                (*loc, "sleutel"),
                f"'{key}' is geen bekende sleutel van het profiel. Kies uit: {', '.join(KINDS)}.",
            )
            continue
        country = item.get("land")
        countries = [country] if country in COUNTRIES else list(COUNTRIES)
        for each in countries:
            if (key, each) in seen:
                yield source.problem(
                    (*loc, "sleutel"),
                    f"de vraag '{key}' staat er al (vraag nummer {seen[key, each] + 1}). Geef een "
                    "sleutel één vraag per land: zet 'land: nl' of 'land: vl' bij elk van de twee.",
                )
                break
            seen[key, each] = index
        if key == COUNTRY_KEY and (position != 0 or country is not None or item.get("als") is not None):
            yield source.problem(
                (*loc, "sleutel"),
                "de vraag 'land' moet de eerste vraag zijn, voor iedereen (zonder 'land' en 'als'): "
                "de andere vragen hangen van het land af.",
            )
        yield from _check_choices(key, item, loc, source)
        yield from _check_when(item, loc, source, items, position)


def _check_choices(
    key: str, item: dict[str, Any], loc: tuple[str | int, ...], source: Source
) -> Iterator[Problem]:
    kind = KINDS[key]
    choices = item.get("keuzes")
    if kind not in ("choice", "multi"):
        if choices:
            yield source.problem(
                (*loc, "keuzes"),
                f"de vraag '{key}' heeft geen keuzes (het antwoord is "
                f"{'ja of nee' if kind == 'yesno' else 'een getal' if kind == 'number' else 'een tekst'}). "
                "Haal 'keuzes' weg.",
            )
        return
    if not isinstance(choices, list) or len(choices) < 2:
        yield source.problem(loc, f"de vraag '{key}' heeft 'keuzes' nodig: minstens twee.")
        return
    values: list[Any] = []
    for c, choice in enumerate(choices):
        if not isinstance(choice, dict) or "waarde" not in choice:
            continue
        value = choice["waarde"]
        if value in values:
            yield source.problem(
                (*loc, "keuzes", c, "waarde"), f"de waarde {value!r} staat twee keer bij '{key}'."
            )
        values.append(value)
        try:
            Profile.model_validate({key: [value] if kind == "multi" else value})
        except ValidationError as exc:
            allowed = exc.errors()[0].choices
            hint = f" Kies uit: {allowed}." if allowed else ""
            yield source.problem(
                (*loc, "keuzes", c, "waarde"),
                f"{value!r} kan niet als waarde bij '{key}': het programma kent die niet.{hint}",
            )


def _check_when(
    item: dict[str, Any],
    loc: tuple[str | int, ...],
    source: Source,
    items: Sequence[tuple[int, dict[str, Any]]],
    position: int,
) -> Iterator[Problem]:
    when = item.get("als")
    if not isinstance(when, dict):
        return
    earlier = {other.get("sleutel") for _, other in items[:position]}
    for key in when:
        if key not in KINDS:
            yield source.problem((*loc, "als", key), f"'{key}' is geen bekende sleutel van het profiel.")
        elif key not in earlier:
            yield source.problem(
                (*loc, "als", key),
                f"'als' kan alleen kijken naar een vraag die eerder komt; '{key}' komt later of niet.",
            )


PROFILE = DataFile(PROFILE_FILE, ProfileQuestions, PROFILE_LIMITS, "'versie:' en 'vragen:'", (_check,))
