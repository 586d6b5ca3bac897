"""The framework (pillars.yaml) and the catalogue (courses.yaml): their data files and the checks their
models cannot make. Every problem names the file, the line and what to fix; all at once."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .datafile import DataFile, duplicate_ids, list_items
from .errors import Problem, quote
from .models import PILLAR_IDS, SLUG, Catalogue, Framework
from .yamlfile import Limits, Source

_SLUG = re.compile(SLUG)
FRAMEWORK_FILE = "pillars.yaml"
CATALOGUE_FILE = "courses.yaml"

CATALOGUE_LIMITS = Limits("een catalogus", size=2_000_000, items=5_000)
FRAMEWORK_LIMITS = Limits("een vragenlijst", size=1_000_000, items=5_000)


# ---------------------------------------------------------------- the framework


def load_framework(path: Path | None = None) -> Framework:
    return FRAMEWORK.load(path)


def _check_framework_ids(data: dict[str, Any], source: Source) -> Iterator[Problem]:
    seen: set[str] = set()

    def check(loc: tuple[str | int, ...], value: Any, parent: str | None, what: str) -> None:
        if not isinstance(value, str):
            return
        if value in seen:
            problems.append(
                source.problem(loc, f"het id '{value}' komt twee keer voor. Elk id moet uniek zijn.")
            )
        seen.add(value)
        if parent is None:
            if value not in PILLAR_IDS:
                problems.append(
                    source.problem(
                        loc, f"'{value}' is geen bekende pijler. Kies uit: {', '.join(PILLAR_IDS)}."
                    )
                )
        elif not (value.startswith(f"{parent}.") and _SLUG.fullmatch(value, len(parent) + 1)):
            problems.append(
                source.problem(
                    loc,
                    f"het id '{value}' van een {what} moet beginnen met '{parent}.' en dan een korte naam "
                    "in kleine letters, zoals "
                    f"'{parent}.voorbeeld'.",
                )
            )

    problems: list[Problem] = []
    for p, pillar in list_items(data, "pijlers"):
        check(("pijlers", p, "id"), pillar.get("id"), None, "pijler")
        for c, comp in list_items(pillar, "competenties"):
            loc = ("pijlers", p, "competenties", c)
            check((*loc, "id"), comp.get("id"), str(pillar.get("id")), "competentie")
            for q, question in list_items(comp, "vragen"):
                check((*loc, "vragen", q, "id"), question.get("id"), str(comp.get("id")), "vraag")
    yield from problems


def _check_scale_names(data: dict[str, Any], source: Source) -> Iterator[Problem]:
    """Each named scale has the values 1 to 5 once; each question's 'schaal' names one of them."""
    scales = data.get("schalen")
    named = {str(name): options for name, options in scales.items()} if isinstance(scales, dict) else {}
    names = list(named)
    for name, options in named.items():
        if not isinstance(options, list):
            continue  # the validation reports it
        values = [o.get("waarde") for o in options if isinstance(o, dict)]
        if len(values) == 5 and sorted(map(str, values)) != ["1", "2", "3", "4", "5"]:
            yield source.problem(
                ("schalen", name),
                f"de schaal {quote(name)} moet de waarden 1, 2, 3, 4 en 5 elk één keer hebben.",
            )
    choose = f"Kies uit: {', '.join(names)}." if names else "Er staan nog geen schalen onder 'schalen:'."
    for p, pillar in list_items(data, "pijlers"):
        for c, comp in list_items(pillar, "competenties"):
            for q, question in list_items(comp, "vragen"):
                given = question.get("schaal")
                if given is None or str(given) in names:
                    continue
                yield source.problem(
                    ("pijlers", p, "competenties", c, "vragen", q, "schaal"),
                    f"de schaal {quote(given)} bestaat niet. {choose} Of laat 'schaal:' weg: dan geldt "
                    "de gewone schaal.",
                )


# ---------------------------------------------------------------- the catalogue


def load_catalogue(framework: Framework, path: Path | None = None) -> Catalogue:
    return CATALOGUE.load(path, framework)


def parse_catalogue(framework: Framework, source: Source) -> Catalogue:
    return CATALOGUE.parse(source, framework)


def _check_catalogue_ids(data: dict[str, Any], source: Source, framework: Framework) -> Iterator[Problem]:
    known = {c.id for c in framework.competencies()}
    yield from duplicate_ids(data, "aanbod", "aanbod", source)
    for index, entry in list_items(data, "aanbod"):
        yield from _unknown_competencies(entry, ("aanbod", index), known, source)
    for index, gap in list_items(data, "niet_gevonden"):
        yield from _unknown_competencies(gap, ("niet_gevonden", index), known, source)


def _unknown_competencies(
    item: dict[str, Any], loc: tuple[str | int, ...], known: set[str], source: Source
) -> Iterator[Problem]:
    """Every competency id of an entry or a named gap that the framework does not have."""
    competencies = item.get("competenties")
    if not isinstance(competencies, list):
        return
    for c, comp in enumerate(competencies):
        if isinstance(comp, str) and comp not in known:
            yield source.problem(
                (*loc, "competenties", c),
                f"'{comp}' is geen bekende competentie. "
                "Zie 'pleegreflectie sjabloon' voor de goede namen, zoals 'zorgen.gedrag'.",
            )


FRAMEWORK = DataFile(
    FRAMEWORK_FILE,
    Framework,
    FRAMEWORK_LIMITS,
    "'pijlers:'",
    (_check_framework_ids, _check_scale_names),
    example=True,
)
CATALOGUE = DataFile(
    CATALOGUE_FILE, Catalogue, CATALOGUE_LIMITS, "'aanbod:'", (_check_catalogue_ids,), example=True
)
