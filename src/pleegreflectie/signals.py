"""Signals for the conversation: transparent rules from data/signalen.yaml, checked against a reflection.

A rule says when (`als`) a question to discuss (`tekst`) comes up, and which guideline it rests on
(`bron`). Every condition in `als` must hold; `een_van` holds when one of its groups holds. What we do
not know (an empty profile field, a competency without a score, a placement without a date) never
makes a rule fire. A text is one plain text or `{je: ..., jullie: ...}`; the evaluated Signal carries
the form for this family (one foster parent never reads "jullie").
Pure and deterministic: "today" (for the months since `plaatsing_sinds`) is passed in by the caller;
this module reads no clock and imports nothing of the user interface.
No `from __future__ import annotations` here (see models.py).
"""

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

from msgspec import Meta, Struct, field

from .datacache import cached
from .errors import InvalidFileError, Problem
from .load import bundled, duplicate_ids, list_items, validate
from .models import (
    SLUG,
    AddressedText,
    Answers,
    CareKind,
    Challenge,
    Framework,
    ParentKind,
    Special,
    Text,
    address_of,
    pick,
)
from .route import placement_months
from .scoring import Result
from .structs import STRICT, Model
from .yamlfile import Limits, Source, parse, read_source

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

_YES_NO = {"ja": True, "nee": False}

Score = Annotated[float, Meta(ge=1, le=5), STRICT]
Age = Annotated[int, Meta(ge=0, le=27), STRICT]
Count = Annotated[int, Meta(ge=0, le=50), STRICT]  # as the profile's eerdere_plaatsingen
Months = Annotated[int, Meta(ge=0, le=960), STRICT]  # eighty years, as jaren_pleegouder
Years = Annotated[int, Meta(ge=0, le=80), STRICT]


class _Model(Model, frozen=True, forbid_unknown_fields=True, kw_only=True):
    pass


class When(_Model, frozen=True, kw_only=True):
    """The conditions of a rule (`als`). Every field that is set must hold."""

    parent_kinds: Annotated[tuple[ParentKind, ...], Meta(min_length=1)] | None = field(
        name="pleegouder", default=None
    )
    prepared: Annotated[bool, STRICT] | None = field(name="voorbereiding", default=None)
    own_children: Annotated[bool, STRICT] | None = field(name="eigen_kinderen", default=None)
    care_kinds: Annotated[tuple[CareKind, ...], Meta(min_length=1)] | None = field(
        name="pleegzorgvormen", default=None
    )
    challenges: Annotated[tuple[Challenge, ...], Meta(min_length=1)] | None = field(
        name="uitdagingen", default=None
    )
    age_min: Age | None = field(name="leeftijd_min", default=None)
    age_max: Age | None = field(name="leeftijd_max", default=None)
    country: Literal["nl", "vl"] | None = field(name="land", default=None)
    earlier_placements_min: Count | None = field(name="eerdere_plaatsingen_min", default=None)
    placement_months_min: Months | None = field(name="plaatsing_maanden_min", default=None)
    placement_months_max: Months | None = field(name="plaatsing_maanden_max", default=None)
    years_max: Years | None = field(name="jaren_pleegouder_max", default=None)
    score_max: Annotated[dict[str, Score], Meta(min_length=1)] | None = field(name="score_max", default=None)
    dont_know: Annotated[tuple[str, ...], Meta(min_length=1)] | None = field(name="weet_niet", default=None)
    any_of: Annotated[tuple["When", ...], Meta(min_length=1)] | None = field(name="een_van", default=None)

    @classmethod
    def before(cls, data: dict[str, Any]) -> dict[str, Any]:
        for key in ("voorbereiding", "eigen_kinderen"):  # ja / nee
            value = data.get(key)
            if isinstance(value, str) and value.strip().lower() in _YES_NO:
                data[key] = _YES_NO[value.strip().lower()]
        for key in ("pleegouder", "pleegzorgvormen", "uitdagingen", "weet_niet"):  # one is a list
            if isinstance(data.get(key), str):
                data[key] = [data[key]]
        return data

    def __post_init__(self) -> None:
        if all(getattr(self, name) is None for name in self.__struct_fields__):
            raise ValueError("er staat geen voorwaarde. Zeg wanneer dit signaal komt")
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            raise ValueError("leeftijd_min is groter dan leeftijd_max")
        low, high = self.placement_months_min, self.placement_months_max
        if low is not None and high is not None and low > high:
            raise ValueError("plaatsing_maanden_min is groter dan plaatsing_maanden_max")


class Rule(_Model, frozen=True, kw_only=True):
    id: Annotated[str, Meta(pattern=f"^{SLUG}$")]
    when: When = field(name="als")
    # One text for everybody, or {je: ..., jullie: ...} for one or two foster parents.
    text: Text = field(name="tekst")
    source: Annotated[str, Meta(min_length=1)] = field(name="bron")

    @classmethod
    def before(cls, data: dict[str, Any]) -> dict[str, Any]:
        for key in ("tekst", "bron"):  # one line
            if key in data:
                data[key] = _one_line(data[key])
        return data

    def text_for(self, answers: Answers) -> str:
        """The form of the text for this family: "je" for one foster parent, "jullie" for two."""
        return pick(self.text, address_of(answers))

    def texts(self) -> list[str]:
        """Every form of the text (both forms of a text for one or two foster parents)."""
        if isinstance(self.text, AddressedText):
            return [self.text.je, self.text.jullie]
        return [self.text]


def _one_line(value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, dict):
        return {k: " ".join(v.split()) if isinstance(v, str) else v for k, v in value.items()}
    return value


class SignalRules(_Model, frozen=True, kw_only=True):
    """The content of a signals file."""

    version: str = field(name="versie")
    rules: tuple[Rule, ...] = field(name="signalen")


class Signal(Struct, frozen=True):
    """A question to discuss, raised by a rule; `text` is the form for this family."""

    id: str
    text: str
    source: str


# ---------------------------------------------------------------- loading


def load_signals(framework: Framework, path: Path | None = None) -> SignalRules:
    """The bundled rules, or an organisation's own file; every problem with its file and line."""
    source = read_source(path, SIGNALS_LIMITS) if path else bundled(SIGNALS_FILE, SIGNALS_LIMITS)
    if path is None and (copy := cached(SIGNALS_FILE, source.text, SignalRules, framework)) is not None:
        return copy  # the bundled file, checked before against this framework (datacache.py)
    return parse_signals(framework, source)


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
    data = parse(source, SIGNALS_LIMITS)  # nesting deeper than MAX_DEPTH stops here, with its line
    if not isinstance(data, dict):
        what = "het bestand is leeg" if data is None else "het bestand begint met een lijst of een tekst"
        raise InvalidFileError(
            [Problem(source.name, 1, f"{what}. Het moet beginnen met 'versie:' en 'signalen:'.")]
        )
    rules, problems = validate(SignalRules, data, source)
    problems += list(_check_ids(framework, data, source))
    if problems or rules is None:
        raise InvalidFileError(problems, hint="Verbeter het bestand met signalen en probeer het opnieuw.")
    return rules


def _check_ids(framework: Framework, data: dict[str, Any], source: Source) -> Iterator[Problem]:
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


# ---------------------------------------------------------------- evaluating


def evaluate(
    rules: SignalRules | Iterable[Rule],
    framework: Framework,
    answers: Answers,
    result: Result,
    *,
    today: dt.date,
) -> list[Signal]:
    """The signals whose rules hold for this reflection, in the order of the file.

    `today` is the day of the reflection (the caller's clock): `plaatsing_maanden_*` count whole
    months from the profile's `plaatsing_sinds` to it, as the route's phase does (a later date counts
    as 0). Each Signal carries the text in the form for this family.
    """
    items = rules.rules if isinstance(rules, SignalRules) else tuple(rules)
    facts = _Facts.of(framework, answers, result, today)
    return [Signal(rule.id, rule.text_for(answers), rule.source) for rule in items if facts.hold(rule.when)]


def _mean(values: Iterable[float]) -> float | None:
    items = list(values)
    return sum(items) / len(items) if items else None


class _Facts(Struct, frozen=True):
    answers: Answers
    scores: dict[str, float]  # competency, pillar and question ids with a score
    questions: dict[str, tuple[str, ...]]  # scored competency id -> its questions for this family
    unsure: frozenset[str]  # questions (for this family, in a scored pillar) answered "weet ik niet"
    months: int | None  # since the current foster child came

    @classmethod
    def of(cls, framework: Framework, answers: Answers, result: Result, today: dt.date) -> "_Facts":
        scores = {c.id: c.score for c in result.competencies() if c.score is not None}
        scores.update({p.id: p.score for p in result.pillars if p.score is not None})
        # Only what the family was asked: competencies in the pillars done that apply to them, and
        # the questions of those that apply (a question that does not apply never counts).
        asked = {c.id for c in result.competencies()}
        questions = {
            c.id: tuple(q.id for q in c.questions_for(answers.profile))
            for c in framework.competencies()
            if c.id in asked
        }
        unsure: set[str] = set()
        for ids in questions.values():
            for question_id in ids:
                values = answers.all_values(question_id)
                if Special.DONT_KNOW in values:
                    unsure.add(question_id)
                score = _mean(v for v in values if isinstance(v, int))
                if score is not None:
                    scores[question_id] = score
        months = placement_months(answers.profile, today)  # one count of months, as the route's phase
        return cls(answers, scores, questions, frozenset(unsure), months)

    def said_dont_know(self, key: str) -> bool:
        """'weet ik niet' at this question, or at one of this competency's questions."""
        return any(q in self.unsure for q in self.questions.get(key, (key,)))

    def hold(self, when: When) -> bool:
        profile = self.answers.profile
        # An unknown profile field (None or empty) never satisfies a condition.
        if when.country is not None and profile.country != when.country:
            return False
        if when.parent_kinds is not None and profile.parent_kind not in when.parent_kinds:
            return False
        if when.prepared is not None and profile.prepared is not when.prepared:
            return False
        if when.own_children is not None and profile.own_children is not when.own_children:
            return False
        if when.care_kinds is not None and not set(when.care_kinds) & set(profile.care_kinds):
            return False
        if when.challenges is not None and not set(when.challenges) & set(profile.challenges):
            return False
        if when.age_min is not None or when.age_max is not None:
            low = when.age_min if when.age_min is not None else 0
            high = when.age_max if when.age_max is not None else 99
            if not any(low <= age <= high for age in profile.child_ages):
                return False
        if when.earlier_placements_min is not None and (
            profile.earlier_placements is None or profile.earlier_placements < when.earlier_placements_min
        ):
            return False
        if when.placement_months_min is not None and (
            self.months is None or self.months < when.placement_months_min
        ):
            return False
        if when.placement_months_max is not None and (
            self.months is None or self.months > when.placement_months_max
        ):
            return False
        if when.years_max is not None and (profile.years is None or profile.years > when.years_max):
            return False
        if when.score_max is not None:
            for key, limit in when.score_max.items():
                score = self.scores.get(key)
                if score is None or score > limit:
                    return False
        if when.dont_know is not None and not any(self.said_dont_know(k) for k in when.dont_know):
            return False
        return when.any_of is None or any(self.hold(group) for group in when.any_of)
