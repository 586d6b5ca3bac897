"""YAML files to typed models. Every problem names the file, the line and what to fix; all at once."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

from .datacache import cached
from .errors import InvalidFileError, Problem
from .errors import quote as _quote
from .models import (
    PILLAR_IDS,
    SLUG,
    Catalogue,
    Framework,
)
from .structs import Model, ValidationError
from .yamlfile import Limits, Source, parse, read_source
from .yamlfile import bundled as _bundled_file

M = TypeVar("M", bound=Model)

_SLUG = re.compile(SLUG)
FRAMEWORK_FILE = "pillars.yaml"
CATALOGUE_FILE = "courses.yaml"

ANSWERS_LIMITS = Limits("een antwoordenbestand", size=1_000_000, depth=20, items=10_000, aliases=False)
CATALOGUE_LIMITS = Limits("een catalogus", size=2_000_000, items=5_000)
FRAMEWORK_LIMITS = Limits("een vragenlijst", size=1_000_000, items=5_000)
PAPER_LIMITS = Limits("een overgetypte papieren vragenlijst", size=1_000_000)
MAX_LOCATED = 1000  # problems of one validation that get a line; more are only counted


def bundled(name: str, limits: Limits | None = None) -> Source:
    """A data file shipped inside the package (the framework with its own limits)."""
    if limits is None:
        limits = FRAMEWORK_LIMITS if name == FRAMEWORK_FILE else CATALOGUE_LIMITS
    return _bundled_file(name, limits)


# ---------------------------------------------------------------- validation errors in Dutch


def describe(error: Any) -> str:
    """One validation error (see structs.py; shaped as pydantic's were) as a Dutch sentence that says
    what to fix."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    keys = [part for part in error["loc"] if isinstance(part, str)]
    key = keys[-1] if keys else "waarde"
    given = error.get("input")
    if kind == "problem":  # the model's own text (see structs._said)
        return str(ctx["text"]).format(key=key, value=_quote(given), loc=error["loc"])
    if kind == "missing":
        return f"'{key}' ontbreekt. Vul het in."
    if kind == "extra_forbidden":
        return f"'{key}' is geen bekende sleutel. Haal het weg of controleer de spelling."
    if kind in ("literal_error", "enum"):
        expected = str(ctx.get("expected", "")).replace(" or ", ", ")
        return f"{key}: {_quote(given)} kan hier niet. Kies uit: {expected}."
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"{key}: {_quote(given)} moet een heel getal zijn."
    if kind in ("float_parsing", "float_type"):
        return f"{key}: {_quote(given)} moet een getal zijn."
    if kind == "greater_than_equal":
        return f"{key}: {_quote(given)} is te laag. Het moet {ctx['ge']} of meer zijn."
    if kind == "greater_than":
        return f"{key}: {_quote(given)} is te laag. Het moet meer dan {ctx['gt']} zijn."
    if kind == "less_than_equal":
        return f"{key}: {_quote(given)} is te hoog. Het mag hoogstens {ctx['le']} zijn."
    if kind == "string_too_short":
        return f"'{key}' is leeg. Vul een tekst in."
    if kind == "string_too_long":
        return f"'{key}' is te lang. Gebruik hoogstens {ctx['max_length']} tekens."
    if kind == "too_short":
        return f"'{key}' heeft te weinig items. Er moeten er minstens {ctx['min_length']} zijn."
    if kind == "too_long":
        return f"'{key}' heeft te veel items. Er mogen er hoogstens {ctx['max_length']} zijn."
    if kind == "string_pattern_mismatch":
        if key == "url":
            return f"url: {_quote(given)} is geen webadres. Begin met https://."
        if key == "plaatsing_sinds":
            return f"{key}: {_quote(given)} is geen maand. Schrijf het jaar en de maand, zoals 2024-09."
        return (
            f"{key}: {_quote(given)} heeft niet de goede vorm. Gebruik kleine letters, cijfers en streepjes."
        )
    if kind == "string_type":
        return f"'{key}' moet een tekst zijn."
    if kind in ("bool_parsing", "bool_type"):
        return f"{key}: {_quote(given)} moet ja of nee zijn (true of false)."
    if kind.startswith("date"):
        return f"{key}: {_quote(given)} is geen datum. Schrijf het zo: 2027-12-31."
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"'{key}' moet een lijst van sleutels met waarden zijn."
    if kind in ("list_type", "tuple_type"):
        return f"'{key}' moet een lijst zijn, zoals [a, b]."
    if kind == "invalid_key":
        return f"{_quote(given)} kan hier geen naam (sleutel) zijn. Gebruik een woord, zoals 'titel'."
    if kind == "value_error":
        return f"{key}: {ctx.get('error', error['msg'])}."
    if kind == "finite_number":
        return f"{key}: {_quote(given)} moet een gewoon getal zijn."
    # Any other problem: say it in general words, with the value that does not fit.
    return f"{key}: {_quote(given)} is hier geen goede waarde. Controleer de spelling en de vorm."


def validate(
    model: type[M], data: Any, source: Source, prefix: tuple[str | int, ...] = ()
) -> tuple[M | None, list[Problem]]:
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        errors = exc.errors()
        # A list is never "too short" because one of its items is invalid: leave that out.
        locs = [tuple(err["loc"]) for err in errors]
        kept = [
            err
            for err, loc in zip(errors, locs, strict=True)
            if err["type"] != "too_short" or not any(len(o) > len(loc) and o[: len(loc)] == loc for o in locs)
        ]
        # Locating thousands of problems helps nobody: the first ones are listed, the rest counted.
        source.skipped += max(0, len(kept) - MAX_LOCATED)
        return None, [source.problem(prefix + tuple(err["loc"]), describe(err)) for err in kept[:MAX_LOCATED]]


def _require_mapping(data: Any, source: Source, what: str) -> dict[str, Any]:
    if data is None:
        raise InvalidFileError([Problem(source.name, 1, f"het bestand is leeg. Het moet {what} bevatten.")])
    if not isinstance(data, dict):
        raise InvalidFileError(
            [
                Problem(
                    source.name,
                    1,
                    f"het bestand moet beginnen met sleutels (zoals {what}), niet met een lijst of tekst.",
                )
            ]
        )
    return data


# ---------------------------------------------------------------- the framework


def load_framework(path: Path | None = None) -> Framework:
    source = read_source(path, FRAMEWORK_LIMITS) if path else bundled(FRAMEWORK_FILE)
    if path is None and (copy := cached(FRAMEWORK_FILE, source.text, Framework)) is not None:
        return copy  # the bundled file, checked before (datacache.py)
    return parse_framework(source)


def parse_framework(source: Source) -> Framework:
    data = _require_mapping(parse(source), source, "'pijlers:'")
    framework, problems = validate(Framework, data, source)
    problems += list(_check_framework_ids(data, source))
    problems += list(_check_scale_names(data, source))
    if problems or framework is None:
        raise InvalidFileError(problems, skipped=source.skipped)
    return framework


def list_items(data: Any, key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(index, item) of the mappings in the list under `key`; anything else is skipped (the
    validation reports it)."""
    value = data.get(key) if isinstance(data, dict) else None
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield index, item


def duplicate_ids(data: Any, key: str, noun: str, source: Source) -> Iterator[Problem]:
    """An id used a second time in the list under `key` (an offer, a signal): one problem each."""
    seen: dict[str, int] = {}
    for index, item in list_items(data, key):
        item_id = item.get("id")
        if not isinstance(item_id, str):
            continue
        if item_id in seen:
            yield source.problem(
                (key, index, "id"),
                f"het id '{item_id}' staat er al ({noun} nummer {seen[item_id] + 1}). "
                f"Geef elk {noun} een eigen id.",
            )
        seen.setdefault(item_id, index)


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
    names = [str(name) for name in scales] if isinstance(scales, dict) else []
    for name in names:
        options = scales[name] if isinstance(scales, dict) else None
        if not isinstance(options, list):
            continue  # the validation reports it
        values = [o.get("waarde") for o in options if isinstance(o, dict)]
        if len(values) == 5 and sorted(map(str, values)) != ["1", "2", "3", "4", "5"]:
            yield source.problem(
                ("schalen", name),
                f"de schaal {_quote(name)} moet de waarden 1, 2, 3, 4 en 5 elk één keer hebben.",
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
                    f"de schaal {_quote(given)} bestaat niet. {choose} Of laat 'schaal:' weg: dan geldt "
                    "de gewone schaal.",
                )


# ---------------------------------------------------------------- the catalogue


def load_catalogue(framework: Framework, path: Path | None = None) -> Catalogue:
    source = read_source(path, CATALOGUE_LIMITS) if path else bundled(CATALOGUE_FILE)
    if path is None and (copy := cached(CATALOGUE_FILE, source.text, Catalogue, framework)) is not None:
        return copy  # the bundled file, checked before against this framework (datacache.py)
    return parse_catalogue(framework, source)


def parse_catalogue(framework: Framework, source: Source) -> Catalogue:
    data = _require_mapping(parse(source), source, "'aanbod:'")
    catalogue, problems = validate(Catalogue, data, source)
    problems += list(_check_catalogue_ids(framework, data, source))
    if problems or catalogue is None:
        raise InvalidFileError(problems, skipped=source.skipped)
    return catalogue


def _check_catalogue_ids(framework: Framework, data: dict[str, Any], source: Source) -> Iterator[Problem]:
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
