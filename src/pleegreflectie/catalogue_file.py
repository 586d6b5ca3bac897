"""Checking a catalogue file (`catalogus controleer`): everything wrong with it at once, and what
should be looked at again, each with file:line. The coverage and the JSON Schema are catalogue.py
(pure).

- `check` lists everything wrong with a catalogue at once, each with file:line: YAML errors, duplicate
  keys, bad values, unknown competencies, duplicate ids, and entries that never reach anyone (expired,
  or an audience no profile can match).
- `review` warns about entries not checked for more than a year and entries without a source.

This module imports nothing of the user interface.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .datafile import list_items
from .errors import InvalidFileError, Problem
from .load import CATALOGUE
from .models import NO_CHALLENGE, Framework
from .yamlfile import DuplicateKeysError, Source, parse

STALE_MONTHS = 12  # an entry last checked longer ago than this should be looked at again


def check(framework: Framework, source: Source, today: dt.date) -> list[Problem]:
    """Everything wrong with a catalogue file, all at once, ordered by line. Empty when all is well."""
    ok, data, problems = _read(source)
    if not ok:
        return problems
    try:
        mapping = CATALOGUE.mapping(data, source)
    except InvalidFileError as exc:
        return problems + exc.problems
    problems += CATALOGUE.check(mapping, source, framework)[1]
    problems += _lint(mapping, source, today)
    return sorted(problems, key=lambda p: (p.line or 0, p.message))


def review(source: Source, today: dt.date) -> tuple[str | None, list[Problem]]:
    """The catalogue's version, and warnings that do not make it wrong: entries not checked for
    more than STALE_MONTHS months (`laatst_gecontroleerd`), and entries without a source (`bron`),
    which the route never makes a step. Ordered by line."""
    ok, data, _ = _read(source)
    if not ok or not isinstance(data, dict):
        return None, []
    version = data.get("versie")
    limit = _months_before(today, STALE_MONTHS)
    warnings = []
    for index, entry in list_items(data, "aanbod"):
        name = f"'{entry['id']}'" if isinstance(entry.get("id"), str) else "dit aanbod"
        checked = _date(entry.get("laatst_gecontroleerd"))
        if checked is not None and checked < limit:
            warnings.append(
                source.problem(
                    ("aanbod", index, "laatst_gecontroleerd"),
                    f"{name} is voor het laatst gecontroleerd op {checked.isoformat()}, meer dan een jaar "
                    "geleden. Kijk of het aanbod er nog is en klopt, "
                    "en zet dan de datum van vandaag bij 'laatst_gecontroleerd'.",
                )
            )
        if not entry.get("bron"):
            warnings.append(
                source.problem(
                    ("aanbod", index, "id"),
                    f"{name} heeft geen bron. Zonder bron komt het nooit als stap in de route. Zet bij "
                    "'bron' de titel en het webadres (url) van een openbare pagina die zegt wat hier staat.",
                )
            )
    return (str(version) if version is not None else None), sorted(warnings, key=lambda p: p.line or 0)


def _months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def _read(source: Source) -> tuple[bool, Any, list[Problem]]:
    """Whether the text is YAML, its data and the problems of parsing.

    Duplicate keys are reported, and checking goes on with the data (the last value wins).
    """
    try:
        return True, parse(source), []
    except DuplicateKeysError as exc:  # duplicate keys only: the file is still YAML, so look further
        return True, exc.data, list(exc.problems)
    except InvalidFileError as exc:  # a syntax error, a date such as 2027-02-30, or beyond the limits
        return False, None, list(exc.problems)


def _lint(data: dict[str, Any], source: Source, today: dt.date) -> list[Problem]:
    problems: list[Problem] = []
    for index, entry in list_items(data, "aanbod"):
        loc: tuple[str | int, ...] = ("aanbod", index)
        name = f"'{entry['id']}'" if isinstance(entry.get("id"), str) else "dit aanbod"
        until = _date(entry.get("geldig_tot"))
        if until is not None and until < today:
            problems.append(
                source.problem(
                    (*loc, "geldig_tot"),
                    f"{name} is verlopen op {until.isoformat()}. Zet een nieuwe datum bij 'geldig_tot' "
                    "of haal het aanbod weg.",
                )
            )
        audience = entry.get("doelgroep")
        if isinstance(audience, dict):
            problems += _lint_audience(audience, source, (*loc, "doelgroep"), name)
    return problems


def _lint_audience(
    audience: dict[str, Any], source: Source, loc: tuple[str | int, ...], name: str
) -> list[Problem]:
    problems = []
    for key, fill in (("pleegouders", "netwerk of bestand"), ("pleegzorgvormen", "bijvoorbeeld langdurig")):
        if audience.get(key) == []:
            problems.append(
                source.problem(
                    (*loc, key),
                    f"'{key}' van {name} is een lege lijst. Dan past het bij niemand. Vul {fill} in, "
                    "of haal de regel weg als het voor iedereen is.",
                )
            )
    challenges = audience.get("problematiek")
    if (
        isinstance(challenges, list)
        and challenges
        and all(isinstance(c, str) and c in NO_CHALLENGE for c in challenges)
    ):
        problems.append(
            source.problem(
                (*loc, "problematiek"),
                f"'problematiek' van {name} noemt alleen geen of onbekend. Dan past het bij niemand. "
                "Noem een echte problematiek, zoals trauma, of haal de regel weg.",
            )
        )
    return problems


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None  # the model check names a bad date
    return None
