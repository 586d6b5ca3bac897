"""The signals file (data/signalen.yaml, or an organisation's own): read and checked against the
framework, every problem with file:line. Evaluating the rules is signals.py (pure)."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .datafile import DataFile, duplicate_ids, list_items
from .errors import Problem
from .models import Framework
from .signals import SignalRules
from .yamlfile import Limits, Source

SIGNALS_FILE = "signalen.yaml"
MAX_DEPTH = 24  # lists and mappings inside each other: room for about eight `een_van` in `een_van`
# Read like a catalogue, but less deep: checking the conditions recurses, and nobody writes more.
SIGNALS_LIMITS = Limits(
    "een bestand met signalen",
    size=2_000_000,
    depth=MAX_DEPTH,
    items=5_000,
    too_deep="Maak ze eenvoudiger, zoals minder een_van in een_van.",
)


def load_signals(framework: Framework, path: Path | None = None) -> SignalRules:
    """The bundled rules, or an organisation's own file; every problem with its file and line."""
    return SIGNALS.load(path, framework)


def signals_of(framework: Framework, path: str | None) -> tuple[SignalRules, str | None]:
    """The rules a reflection was made with: an organisation's own file when it is still there,
    else the bundled rules with a note that says so."""
    if path and Path(path).is_file():
        return load_signals(framework, Path(path)), None
    if path:
        note = (
            f"Het eigen bestand met signalen ({path}) is er niet meer. "
            "De meegeleverde signalen worden gebruikt."
        )
        return load_signals(framework), note
    return load_signals(framework), None


def parse_signals(framework: Framework, source: Source) -> SignalRules:
    # nesting deeper than MAX_DEPTH stops in the YAML reading, with its line
    return SIGNALS.parse(source, framework)


def _check_ids(data: dict[str, Any], source: Source, framework: Framework) -> Iterator[Problem]:
    """Unique rule ids, and only competency, pillar and question ids that the framework knows."""
    competencies = {c.id for c in framework.competencies()}
    pillars = {p.id for p in framework.pillars}
    questions = {q.id for q in framework.questions()}
    yield from duplicate_ids(data, "signalen", "signaal", source)
    for index, rule in list_items(data, "signalen"):
        yield from _check_condition(
            rule.get("als"), ("signalen", index, "als"), source, competencies, pillars, questions
        )


def _check_condition(
    when: Any,
    loc: tuple[str | int, ...],
    source: Source,
    competencies: set[str],
    pillars: set[str],
    questions: set[str],
) -> Iterator[Problem]:
    if not isinstance(when, dict):
        return
    scores = when.get("score_max")
    if isinstance(scores, dict):
        for key in scores:
            if str(key) not in competencies | pillars | questions:
                yield source.problem(
                    (*loc, "score_max", str(key)),
                    f"'{key}' is geen bekende competentie, pijler of vraag. Gebruik een naam uit "
                    "pillars.yaml, zoals 'functioneren.balans' of 'zorgen.gezondheid.weten'.",
                )
    unsure = when.get("weet_niet")
    items = [unsure] if isinstance(unsure, str) else unsure
    if isinstance(items, list):
        for i, key in enumerate(items):
            if isinstance(key, str) and key not in competencies | questions:
                yield source.problem(
                    (*loc, "weet_niet", i) if isinstance(unsure, list) else (*loc, "weet_niet"),
                    f"'{key}' is geen bekende vraag of competentie. Gebruik een naam uit pillars.yaml, "
                    "zoals 'samenwerken.juridisch' of 'samenwerken.juridisch.weten'.",
                )
    groups = when.get("een_van")
    if isinstance(groups, list):
        for i, group in enumerate(groups):
            yield from _check_condition(group, (*loc, "een_van", i), source, competencies, pillars, questions)


SIGNALS = DataFile(
    SIGNALS_FILE,
    SignalRules,
    SIGNALS_LIMITS,
    "'versie:' en 'signalen:'",
    (_check_ids,),
    hint="Verbeter het bestand met signalen en probeer het opnieuw.",
)
