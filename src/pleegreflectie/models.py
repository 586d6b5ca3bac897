"""Typed models of the framework, the catalogue, a profile and a reflection's answers.

Attribute names are English; the YAML keys (aliases) are Dutch, because Dutch people edit those files.
This module imports nothing of the user interface.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
PILLAR_IDS = ("zorgen", "samenwerken", "opvoeden", "ontwikkelen", "functioneren")


class _Model(BaseModel):
    # defer_build: a model's validator is built when first used, not at import (faster start-up).
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True, defer_build=True)


# ---------------------------------------------------------------- vocabularies


class CareKind(StrEnum):
    """Kind of foster care (pleegzorgvorm)."""

    CRISIS = "crisis"
    SHORT = "kortdurend"
    LONG = "langdurig"
    PART_TIME = "deeltijd"
    TREATMENT = "behandel"
    EXTENDED = "verlengd"


class ParentKind(StrEnum):
    """Network foster parents know the child already; 'bestand' foster parents do not."""

    NETWORK = "netwerk"
    REGISTERED = "bestand"


class Challenge(StrEnum):
    """The foster child's main challenges (problematiek)."""

    BEHAVIOUR = "gedrag"
    ATTACHMENT = "hechting"
    TRAUMA = "trauma"
    DISABILITY = "beperking"
    NONE = "geen"
    UNKNOWN = "onbekend"


class LearningForm(StrEnum):
    GROUP = "groep"
    ONLINE = "online"
    HOME = "thuis"
    INDIVIDUAL = "individueel"
    BLENDED = "blended"
    VIDEO = "video"
    READING = "lezen"
    PHONE = "telefonisch"


class Special(StrEnum):
    """Answers that are not a point on the scale; they never count as low."""

    DONT_KNOW = "weet ik niet"
    NOT_APPLICABLE = "nvt"


# ---------------------------------------------------------------- framework


class ScaleOption(_Model):
    value: int = Field(alias="waarde", ge=1, le=5)
    label: str = Field(alias="label", min_length=1)


class Condition(_Model):
    """When a competency, a question or a question's variant applies.

    `holds` (does a competency or question apply?): every field that is set must fit the profile; a
    list fits when the family has at least one of its values, `leeftijd` when at least one foster child
    is in the range, and an unknown profile field always fits (it never hides a question).
    `matches` (is a variant's wording right for this family?) is stricter: every field must be known
    and fit every value the family has (each kind of foster care, each foster child's age).
    """

    own_children: bool | None = Field(default=None, alias="eigen_kinderen")
    care_kinds: tuple[CareKind, ...] | None = Field(default=None, alias="pleegzorgvormen")
    parent_kinds: tuple[ParentKind, ...] | None = Field(default=None, alias="pleegouder")
    ages: AgeRange | None = Field(default=None, alias="leeftijd")

    def holds(self, profile: Profile) -> bool:
        if self.own_children is not None and profile.own_children not in (None, self.own_children):
            return False
        if self.care_kinds and profile.care_kinds and not set(self.care_kinds) & set(profile.care_kinds):
            return False
        known_parent = profile.parent_kind is not None
        if self.parent_kinds and known_parent and profile.parent_kind not in self.parent_kinds:
            return False
        ages = profile.child_ages
        return not (self.ages and ages and not any(map(self.ages.contains, ages)))

    def matches(self, profile: Profile) -> bool:
        if self.own_children is not None and profile.own_children is not self.own_children:
            return False
        if self.care_kinds and not (profile.care_kinds and set(profile.care_kinds) <= set(self.care_kinds)):
            return False
        if self.parent_kinds and profile.parent_kind not in self.parent_kinds:
            return False
        ages = profile.child_ages
        return not (self.ages and not (ages and all(map(self.ages.contains, ages))))


class Variant(_Model):
    """Another wording of a question, for the families the condition fits."""

    condition: Condition = Field(alias="voorwaarde")
    text: str = Field(alias="tekst", min_length=1)


class Question(_Model):
    id: str
    kind: Literal["weten", "doen"] = Field(alias="soort")
    text: str = Field(alias="tekst", min_length=1)
    condition: Condition | None = Field(default=None, alias="voorwaarde")
    variants: tuple[Variant, ...] = Field(default=(), alias="varianten")

    def applies_to(self, profile: Profile) -> bool:
        """Whether this question is asked and counts for this family (unknown never hides it)."""
        return self.condition is None or self.condition.holds(profile)

    def text_for(self, profile: Profile) -> str:
        """The wording for this family: the first variant whose condition the profile is known to fit."""
        return next((v.text for v in self.variants if v.condition.matches(profile)), self.text)

    def texts(self) -> list[str]:
        """Every wording of this question: the text and each variant."""
        return [self.text, *(v.text for v in self.variants)]


class Competency(_Model):
    id: str
    name: str = Field(alias="naam", min_length=1)
    explanation: str = Field(alias="uitleg", min_length=1)
    example: str = Field(alias="voorbeeld", min_length=1)
    condition: Condition | None = Field(default=None, alias="voorwaarde")
    questions: tuple[Question, ...] = Field(alias="vragen", min_length=1)

    @property
    def pillar_id(self) -> str:
        return self.id.split(".", 1)[0]

    def applies_to(self, profile: Profile) -> bool:
        """Whether the competency is asked and scored: its condition holds and a question applies."""
        if self.condition is not None and not self.condition.holds(profile):
            return False
        return any(q.applies_to(profile) for q in self.questions)

    def questions_for(self, profile: Profile) -> list[Question]:
        """The questions asked of this family (none when the competency itself does not apply)."""
        if not self.applies_to(profile):
            return []
        return [q for q in self.questions if q.applies_to(profile)]


class Pillar(_Model):
    id: str
    name: str = Field(alias="naam", min_length=1)
    title: str = Field(alias="titel", min_length=1)
    intro: str = Field(alias="intro", min_length=1)
    open_question: str = Field(alias="open_vraag", min_length=1)
    competencies: tuple[Competency, ...] = Field(alias="competenties", min_length=1)


class Framework(_Model):
    version: str = Field(alias="versie")
    scale: tuple[ScaleOption, ...] = Field(alias="schaal", min_length=5, max_length=5)
    importance_question: str = Field(alias="belang_vraag")
    importance: tuple[ScaleOption, ...] = Field(alias="belang", min_length=3, max_length=3)
    pillars: tuple[Pillar, ...] = Field(alias="pijlers", min_length=1)

    def pillar(self, pillar_id: str) -> Pillar:
        for pillar in self.pillars:
            if pillar.id == pillar_id:
                return pillar
        raise KeyError(pillar_id)

    def competencies(self) -> list[Competency]:
        return [c for p in self.pillars for c in p.competencies]

    def competency(self, competency_id: str) -> Competency:
        for competency in self.competencies():
            if competency.id == competency_id:
                return competency
        raise KeyError(competency_id)

    def questions(self) -> list[Question]:
        return [q for c in self.competencies() for q in c.questions]

    def scale_label(self, value: int) -> str:
        return next(o.label for o in self.scale if o.value == value)

    def importance_label(self, value: int) -> str:
        return next(o.label for o in self.importance if o.value == value)


# ---------------------------------------------------------------- profile and answers


class Profile(_Model):
    """What the family tells about itself. Every field is optional."""

    household: str | None = Field(default=None, alias="huishouden", max_length=80)
    care_kinds: tuple[CareKind, ...] = Field(default=(), alias="pleegzorgvormen")
    parent_kind: ParentKind | None = Field(default=None, alias="pleegouder")
    prepared: bool | None = Field(default=None, alias="voorbereiding")
    years: int | None = Field(default=None, alias="jaren_pleegouder", ge=0, le=80)
    child_ages: tuple[Annotated[int, Field(ge=0, le=27)], ...] = Field(
        default=(), alias="leeftijden_pleegkinderen"
    )
    own_children: bool | None = Field(default=None, alias="eigen_kinderen")
    challenges: tuple[Challenge, ...] = Field(default=(), alias="uitdagingen")
    learning_forms: tuple[LearningForm, ...] = Field(default=(), alias="leervormen")
    hours_per_month: int | None = Field(default=None, alias="uren_per_maand", ge=0, le=200)
    # nl: Nederland, vl: Vlaanderen. Unknown counts as nl: the tool started in the Netherlands.
    country: Literal["nl", "vl"] = Field(default="nl", alias="land")

    @field_validator("household")
    @classmethod
    def _strip(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = " ".join(value.split())
        return value or None


AnswerValue = Annotated[int, Field(ge=1, le=5)] | Special
ImportanceValue = Annotated[int, Field(ge=1, le=3)]


LABEL_MAX = 30  # a foster parent's first name or label
AGREEMENT_STATUSES = ("open", "gedaan", "bezig", "niet-nodig")


class Agreement(_Model):
    """Something the family and the foster care worker agreed on: what, who, when."""

    what: str = Field(alias="wat", min_length=1, max_length=300)
    who: str | None = Field(default=None, alias="wie", max_length=80)
    when: dt.date | None = Field(default=None, alias="wanneer")
    status: Literal["open", "gedaan", "bezig", "niet-nodig"] = Field(default="open", alias="status")

    @property
    def is_open(self) -> bool:
        return self.status in ("open", "bezig")


class WorkerPart(_Model):
    """What the foster care worker (pleegzorgbegeleider) adds: notes, agreements, the next visit."""

    notes: dict[str, str] = Field(default_factory=dict, alias="notities")
    agreements: tuple[Agreement, ...] = Field(default=(), alias="afspraken")
    next_visit: dt.date | None = Field(default=None, alias="volgende_afspraak")

    @property
    def is_empty(self) -> bool:
        return not (self.notes or self.agreements or self.next_visit)


class Answers(_Model):
    """Everything a family said in one reflection: the content of an answers file.

    One foster parent: `answers` holds the answers and `participants` is empty (or one label).
    Two foster parents: `participants` holds both labels; `answers` are the first one's,
    `partner_answers` the second one's.
    """

    profile: Profile = Field(default_factory=Profile, alias="profiel")
    participants: tuple[str, ...] = Field(default=(), alias="deelnemers", max_length=2)
    answers: dict[str, AnswerValue] = Field(default_factory=dict, alias="antwoorden")
    partner_answers: dict[str, AnswerValue] = Field(default_factory=dict, exclude=True)
    importance: dict[str, ImportanceValue] = Field(default_factory=dict, alias="belang")
    notes: dict[str, str] = Field(default_factory=dict, alias="notities")
    discuss: tuple[str, ...] = Field(default=(), alias="bespreken")
    worker: WorkerPart | None = Field(default=None, alias="begeleider")
    # Course ids of earlier route steps the family has done (never advised again).
    done: tuple[str, ...] = Field(default=(), alias="gedaan")

    @property
    def is_duo(self) -> bool:
        return len(self.participants) == 2

    def answer_sets(self) -> list[tuple[str | None, dict[str, AnswerValue]]]:
        """Each respondent's answers: one set, or two for two foster parents."""
        if self.is_duo:
            return [(self.participants[0], self.answers), (self.participants[1], self.partner_answers)]
        return [(self.participants[0] if self.participants else None, self.answers)]

    def all_values(self, question_id: str) -> list[AnswerValue]:
        """Every answer given to one question (one per respondent who answered it)."""
        return [given[question_id] for _, given in self.answer_sets() if question_id in given]

    def to_file_data(self) -> dict[str, object]:
        """The answers as plain data with the Dutch keys, as an answers file holds them."""
        data = self.model_dump(mode="json", by_alias=True, exclude_defaults=True)
        if self.is_duo:
            first, second = self.participants
            merged: dict[str, object] = {}
            for question_id in [*self.answers, *(k for k in self.partner_answers if k not in self.answers)]:
                a, b = self.answers.get(question_id), self.partner_answers.get(question_id)
                plain_a = a.value if isinstance(a, Special) else a
                plain_b = b.value if isinstance(b, Special) else b
                both = {label: v for label, v in ((first, plain_a), (second, plain_b)) if v is not None}
                merged[question_id] = plain_a if a == b else both
            data["antwoorden"] = merged
        return data


# ---------------------------------------------------------------- catalogue


Recognition = Literal["goed-onderbouwd", "effectief-eerste", "effectief-goede", "effectief-sterke"]
RECOGNITION_LABELS: dict[str, str] = {
    "goed-onderbouwd": "goed onderbouwd (NJi)",
    "effectief-eerste": "effectief volgens eerste aanwijzingen (NJi)",
    "effectief-goede": "effectief volgens goede aanwijzingen (NJi)",
    "effectief-sterke": "effectief volgens sterke aanwijzingen (NJi)",
}


class AgeRange(_Model):
    min: int | None = Field(default=None, ge=0, le=27)
    max: int | None = Field(default=None, ge=0, le=27)

    def contains(self, age: int) -> bool:
        low = self.min if self.min is not None else 0
        high = self.max if self.max is not None else 99
        return low <= age <= high

    @model_validator(mode="after")
    def _ordered(self) -> AgeRange:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("min is groter dan max")
        return self


class Audience(_Model):
    parent_kinds: tuple[ParentKind, ...] | None = Field(default=None, alias="pleegouders")
    care_kinds: tuple[CareKind, ...] | None = Field(default=None, alias="pleegzorgvormen")
    ages: AgeRange | None = Field(default=None, alias="leeftijd")
    challenges: tuple[Challenge, ...] | None = Field(default=None, alias="problematiek")
    # Only for foster parents who had no preparation training yet (aspirants, many network parents).
    unprepared_only: bool = Field(default=False, alias="zonder_voorbereiding")


class Duration(_Model):
    sessions: int | None = Field(default=None, alias="bijeenkomsten", ge=1)
    weeks: int | None = Field(default=None, alias="weken", ge=1)
    hours: float | None = Field(default=None, alias="uren", gt=0)


Country = Literal["nl", "vl"]
Availability = Literal["landelijk", "eigen-organisatie", "regionaal"]


class Course(_Model):
    id: str = Field(pattern=f"^{SLUG}$")
    title: str = Field(alias="titel", min_length=1)
    provider: str = Field(alias="aanbieder", min_length=1)
    description: str = Field(alias="beschrijving", min_length=1)
    url: str | None = Field(default=None, pattern=r"^https?://\S+$")
    competencies: tuple[str, ...] = Field(alias="competenties", min_length=1)
    kind: Literal["training", "interventie", "lotgenoten", "informatie", "ondersteuning"] = Field(
        alias="soort"
    )
    forms: tuple[LearningForm, ...] = Field(alias="vorm", min_length=1)
    access: Literal["zelf", "via-begeleider", "vrij"] = Field(alias="toegang")
    duration: Duration | None = Field(default=None, alias="duur")
    costs: str | None = Field(default=None, alias="kosten")
    recognition: Recognition | None = Field(default=None, alias="erkenning")
    # The NJi recognition is older than five years and under review again ("in herbeoordeling").
    recognition_review: bool = Field(default=False, alias="erkenning_in_herbeoordeling")
    audience: Audience = Field(default_factory=Audience, alias="doelgroep")
    region: str | None = Field(default=None, alias="regio")
    valid_until: dt.date | None = Field(default=None, alias="geldig_tot")
    country: Country = Field(alias="land")
    checked: dt.date = Field(alias="laatst_gecontroleerd")
    availability: Availability | None = Field(default=None, alias="beschikbaarheid")
    phases: tuple[Literal["nieuw", "eerste-jaar", "ervaren"], ...] | None = Field(default=None, alias="fase")

    @field_validator("forms", mode="before")
    @classmethod
    def _one_form(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value

    @model_validator(mode="after")
    def _review_needs_recognition(self) -> Course:
        if self.recognition_review and self.recognition is None:
            raise ValueError("'erkenning_in_herbeoordeling' kan alleen als er ook een 'erkenning' is")
        return self


class KnownGap(_Model):
    """A need for which no real offer was found: named honestly instead of invented."""

    topic: str = Field(alias="onderwerp", min_length=1)
    competencies: tuple[str, ...] = Field(default=(), alias="competenties")
    note: str = Field(alias="toelichting", min_length=1)


class Catalogue(_Model):
    version: str = Field(alias="versie")
    entries: tuple[Course, ...] = Field(alias="aanbod")
    gaps: tuple[KnownGap, ...] = Field(default=(), alias="niet_gevonden")
