"""Signals for the conversation: transparent rules from data/signalen.yaml, checked against a reflection.

A rule says when (`als`) a question to discuss (`tekst`) comes up, and which guideline it rests on
(`bron`). Every condition in `als` must hold; `een_van` holds when one of its groups holds. What we do
not know (an empty profile field, a competency without a score, a placement without a date) never
makes a rule fire. A text is one plain text or `{je: ..., jullie: ...}`; the evaluated Signal carries
the form for this family (one foster parent never reads "jullie").
Pure and deterministic: the rules are read by signals_file.py and passed in, "today" (for the months
since `plaatsing_sinds`) is passed in by the caller; this module reads no file and no clock and imports
nothing of the user interface.
No `from __future__ import annotations` here (see models.py).
"""

import datetime as dt
from collections.abc import Iterable
from typing import Annotated, Any, Literal

from msgspec import Meta, Struct, field

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
from .structs import STRICT, Model, yes_no

Score = Annotated[float, Meta(ge=1, le=5), STRICT]
Age = Annotated[int, Meta(ge=0, le=27), STRICT]
Count = Annotated[int, Meta(ge=0, le=50), STRICT]  # as the profile's eerdere_plaatsingen
Months = Annotated[int, Meta(ge=0, le=960), STRICT]  # eighty years, as jaren_pleegouder
Years = Annotated[int, Meta(ge=0, le=80), STRICT]


class When(Model, frozen=True, kw_only=True):
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
            if key in data:
                data[key] = yes_no(data[key])
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


class Rule(Model, frozen=True, kw_only=True):
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


class SignalRules(Model, frozen=True, kw_only=True):
    """The content of a signals file."""

    version: str = field(name="versie")
    rules: tuple[Rule, ...] = field(name="signalen")


class Signal(Struct, frozen=True):
    """A question to discuss, raised by a rule; `text` is the form for this family."""

    id: str
    text: str
    source: str


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
