"""Typed models of the framework, the catalogue, a profile and a reflection's answers.

Attribute names are English; the YAML keys (aliases) are Dutch, because Dutch people edit those files.
This module imports nothing of the user interface. The models are msgspec Structs (see structs.py).
No `from __future__ import annotations` here: msgspec reads the annotations at start-up, and each
annotation kept as a string costs an eval (the few names defined further down are quoted).
"""

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Literal

from msgspec import Meta, field

from .structs import Model, force_setattr

SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
PILLAR_IDS = ("zorgen", "samenwerken", "opvoeden", "ontwikkelen", "functioneren")


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


# Answers that name no challenge: an entry for one of these alone is for nobody (route, catalogue check).
NO_CHALLENGE = frozenset({Challenge.NONE, Challenge.UNKNOWN})


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


# ---------------------------------------------------------------- texts for one or two foster parents

Address = Literal["je", "jullie"]


class AddressedText(Model, frozen=True, kw_only=True):
    """A text in a data file in two forms: to one foster parent ("je") and to two ("jullie").

    A data file gives either one plain text (the same for everybody) or `{je: ..., jullie: ...}`.
    """

    je: Annotated[str, Meta(min_length=1)]
    jullie: Annotated[str, Meta(min_length=1)]


Text = Annotated[str, Meta(min_length=1)] | AddressedText


def address_of(answers: "Answers") -> Address:
    """ "jullie" for two foster parents at the table or in the household, otherwise "je"."""
    return "jullie" if answers.is_duo or answers.profile.parents_count == 2 else "je"


def pick(text: Text, address: Address) -> str:
    """The form of a data text for this family."""
    if isinstance(text, AddressedText):
        return text.je if address == "je" else text.jullie
    return text


# ---------------------------------------------------------------- framework


class ScaleOption(Model, frozen=True, kw_only=True):
    value: Annotated[int, Meta(ge=1, le=5)] = field(name="waarde")
    label: Annotated[str, Meta(min_length=1)] = field(name="label")


class Condition(Model, frozen=True, kw_only=True):
    """When a competency, a question or a question's variant applies.

    `holds` (does a competency or question apply?): every field that is set must fit the profile; a
    list fits when the family has at least one of its values, `leeftijd` when at least one foster child
    is in the range, and an unknown profile field always fits (it never hides a question).
    `matches` (is a variant's wording right for this family?) is stricter: every field must be known
    and fit every value the family has (each kind of foster care, each foster child's age).
    """

    own_children: bool | None = field(name="eigen_kinderen", default=None)
    care_kinds: tuple[CareKind, ...] | None = field(name="pleegzorgvormen", default=None)
    parent_kinds: tuple[ParentKind, ...] | None = field(name="pleegouder", default=None)
    ages: "AgeRange | None" = field(name="leeftijd", default=None)
    # nl or vl: the country is always known (unknown counts as nl), so it fits exactly.
    country: Literal["nl", "vl"] | None = field(name="land", default=None)
    # 1 or 2 foster parents in the household (profile key aantal_pleegouders).
    parents_count: Literal[1, 2] | None = field(name="aantal_pleegouders", default=None)

    def holds(self, profile: "Profile") -> bool:
        if self.own_children is not None and profile.own_children not in (None, self.own_children):
            return False
        if self.country is not None and profile.country != self.country:
            return False
        if self.parents_count is not None and profile.parents_count not in (None, self.parents_count):
            return False
        if self.care_kinds and profile.care_kinds and not set(self.care_kinds) & set(profile.care_kinds):
            return False
        known_parent = profile.parent_kind is not None
        if self.parent_kinds and known_parent and profile.parent_kind not in self.parent_kinds:
            return False
        ages = profile.child_ages
        return not (self.ages and ages and not any(map(self.ages.contains, ages)))

    def matches(self, profile: "Profile") -> bool:
        if self.own_children is not None and profile.own_children is not self.own_children:
            return False
        if self.country is not None and profile.country != self.country:
            return False
        if self.parents_count is not None and profile.parents_count != self.parents_count:
            return False
        if self.care_kinds and not (profile.care_kinds and set(profile.care_kinds) <= set(self.care_kinds)):
            return False
        if self.parent_kinds and profile.parent_kind not in self.parent_kinds:
            return False
        ages = profile.child_ages
        return not (self.ages and not (ages and all(map(self.ages.contains, ages))))


class Variant(Model, frozen=True, kw_only=True):
    """Another wording of a question, for the families the condition fits."""

    condition: Condition = field(name="voorwaarde")
    text: Annotated[str, Meta(min_length=1)] = field(name="tekst")


class Question(Model, frozen=True, kw_only=True):
    id: str
    kind: Literal["weten", "doen"] = field(name="soort")
    text: Annotated[str, Meta(min_length=1)] = field(name="tekst")
    # The name of a scale under the framework's 'schalen'; none: the framework's 'schaal'.
    scale: str | None = field(name="schaal", default=None)
    condition: Condition | None = field(name="voorwaarde", default=None)
    variants: tuple[Variant, ...] = field(name="varianten", default=())

    def applies_to(self, profile: "Profile") -> bool:
        """Whether this question is asked and counts for this family (unknown never hides it)."""
        return self.condition is None or self.condition.holds(profile)

    def text_for(self, profile: "Profile") -> str:
        """The wording for this family: the first variant whose condition the profile is known to fit."""
        return next((v.text for v in self.variants if v.condition.matches(profile)), self.text)

    def texts(self) -> list[str]:
        """Every wording of this question: the text and each variant."""
        return [self.text, *(v.text for v in self.variants)]


class Competency(Model, frozen=True, kw_only=True):
    id: str
    # The name the family sees (plain B1); the model's own label is `official_name`.
    name: Annotated[str, Meta(min_length=1)] = field(name="naam")
    official_name: Annotated[str, Meta(min_length=1)] | None = field(name="officiele_naam", default=None)
    explanation: Annotated[str, Meta(min_length=1)] = field(name="uitleg")
    example: Annotated[str, Meta(min_length=1)] = field(name="voorbeeld")
    condition: Condition | None = field(name="voorwaarde", default=None)
    questions: Annotated[tuple[Question, ...], Meta(min_length=1)] = field(name="vragen")

    @property
    def pillar_id(self) -> str:
        return self.id.split(".", 1)[0]

    def applies_to(self, profile: "Profile") -> bool:
        """Whether the competency is asked and scored: its condition holds and a question applies."""
        if self.condition is not None and not self.condition.holds(profile):
            return False
        return any(q.applies_to(profile) for q in self.questions)

    def questions_for(self, profile: "Profile") -> list[Question]:
        """The questions asked of this family (none when the competency itself does not apply)."""
        if not self.applies_to(profile):
            return []
        return [q for q in self.questions if q.applies_to(profile)]


class Pillar(Model, frozen=True, kw_only=True):
    id: str
    # The name the family sees (plain B1); the model's own label is `official_name`.
    name: Annotated[str, Meta(min_length=1)] = field(name="naam")
    official_name: Annotated[str, Meta(min_length=1)] | None = field(name="officiele_naam", default=None)
    title: Annotated[str, Meta(min_length=1)] = field(name="titel")
    intro: Annotated[str, Meta(min_length=1)] = field(name="intro")
    open_question: Text = field(name="open_vraag")  # {je, jullie}: one foster parent or two
    competencies: Annotated[tuple[Competency, ...], Meta(min_length=1)] = field(name="competenties")


class Framework(Model, frozen=True, kw_only=True):
    version: str = field(name="versie")
    scale: Annotated[tuple[ScaleOption, ...], Meta(min_length=5, max_length=5)] = field(name="schaal")
    # Named scales a question can choose with 'schaal: NAME' (for example a frequency scale for doing
    # questions). Every scale has five points, 1 to 5, so scores stay comparable.
    scales: dict[str, Annotated[tuple[ScaleOption, ...], Meta(min_length=5, max_length=5)]] = field(
        name="schalen", default_factory=dict
    )
    importance_question: str = field(name="belang_vraag")
    importance: Annotated[tuple[ScaleOption, ...], Meta(min_length=3, max_length=3)] = field(name="belang")
    pillars: Annotated[tuple[Pillar, ...], Meta(min_length=1)] = field(name="pijlers")

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

    def scale_for(self, question: Question | None = None) -> tuple[ScaleOption, ...]:
        """The scale a question is answered on: its named scale, or the framework's default."""
        if question is not None and question.scale is not None:
            return self.scales[question.scale]
        return self.scale

    def scale_label(self, value: int, question: Question | None = None) -> str:
        return next(o.label for o in self.scale_for(question) if o.value == value)

    def importance_label(self, value: int) -> str:
        return next(o.label for o in self.importance if o.value == value)


# ---------------------------------------------------------------- profile and answers


class Profile(Model, frozen=True, kw_only=True):
    """What the family tells about itself. Every field is optional."""

    household: Annotated[str, Meta(max_length=80)] | None = field(name="huishouden", default=None)
    care_kinds: tuple[CareKind, ...] = field(name="pleegzorgvormen", default=())
    parent_kind: ParentKind | None = field(name="pleegouder", default=None)
    prepared: bool | None = field(name="voorbereiding", default=None)
    years: Annotated[int, Meta(ge=0, le=80)] | None = field(name="jaren_pleegouder", default=None)
    child_ages: tuple[Annotated[int, Meta(ge=0, le=27)], ...] = field(
        name="leeftijden_pleegkinderen", default=()
    )
    own_children: bool | None = field(name="eigen_kinderen", default=None)
    challenges: tuple[Challenge, ...] = field(name="uitdagingen", default=())
    learning_forms: tuple[LearningForm, ...] = field(name="leervormen", default=())
    hours_per_month: Annotated[int, Meta(ge=0, le=200)] | None = field(name="uren_per_maand", default=None)
    # nl: Nederland, vl: Vlaanderen. Unknown counts as nl: the tool started in the Netherlands.
    country: Literal["nl", "vl"] = field(name="land", default="nl")
    # How many foster parents the household has (1 or 2): "je" or "jullie", one adult or two.
    parents_count: Literal[1, 2] | None = field(name="aantal_pleegouders", default=None)
    # How often the (current) foster child moved to another home before this one (seed 004).
    earlier_placements: Annotated[int, Meta(ge=0, le=50)] | None = field(
        name="eerdere_plaatsingen", default=None
    )
    # When the current foster child came (JJJJ-MM): the phase of the placement follows this date.
    placement_since: Annotated[str, Meta(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")] | None = field(
        name="plaatsing_sinds", default=None
    )

    def __post_init__(self) -> None:
        if self.household is not None:  # tidy spaces; only spaces is no name
            force_setattr(self, "household", " ".join(self.household.split()) or None)


AnswerValue = Annotated[int, Meta(ge=1, le=5)] | Special
ImportanceValue = Annotated[int, Meta(ge=1, le=3)]


LABEL_MAX = 30  # a foster parent's first name or label
NOTE_MAX = 2000  # a note per pillar (the family's or the worker's): a few paragraphs
AGREEMENT_MAX = 300  # what an agreement says
Note = Annotated[str, Meta(max_length=NOTE_MAX)]
# How an agreement of the previous visit went: `open` (not asked, or not said), `gedaan`, `bezig`
# (nog bezig), `niet-gedaan` (nog niet gedaan), `niet-nodig` (niet meer nodig).
AgreementStatus = Literal["open", "gedaan", "bezig", "niet-gedaan", "niet-nodig"]
OPEN_STATUSES = ("open", "bezig", "niet-gedaan")  # carried on to the next visit
STATUS_WORDS = {
    "open": "open",
    "gedaan": "gedaan",
    "bezig": "nog bezig",
    "niet-gedaan": "nog niet gedaan",
    "niet-nodig": "niet meer nodig",
}


class Agreement(Model, frozen=True, kw_only=True):
    """Something the family and the foster care worker agreed on: what, who, when."""

    what: Annotated[str, Meta(min_length=1, max_length=AGREEMENT_MAX)] = field(name="wat")
    who: Annotated[str, Meta(max_length=80)] | None = field(name="wie", default=None)
    when: dt.date | None = field(name="wanneer", default=None)
    status: AgreementStatus = field(name="status", default="open")

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class FollowUp(Model, frozen=True, kw_only=True):
    """How an agreement of the previous visit went, in an answers file (`begeleider.vorige_afspraken`)."""

    what: Annotated[str, Meta(min_length=1, max_length=300)] = field(name="wat")
    status: AgreementStatus = field(name="status")


class WorkerPart(Model, frozen=True, kw_only=True):
    """What the foster care worker (pleegzorgbegeleider) adds: notes, agreements, the next visit."""

    notes: dict[str, Note] = field(name="notities", default_factory=dict)
    agreements: tuple[Agreement, ...] = field(name="afspraken", default=())
    next_visit: dt.date | None = field(name="volgende_afspraak", default=None)
    # Only in an answers file: how last time's agreements went (the others stay open).
    follow_ups: tuple[FollowUp, ...] = field(name="vorige_afspraken", default=())

    @property
    def is_empty(self) -> bool:
        return not (self.notes or self.agreements or self.next_visit or self.follow_ups)


class Answers(Model, frozen=True, kw_only=True):
    """Everything a family said in one reflection: the content of an answers file.

    One foster parent: `answers` holds the answers and `participants` is empty (or one label).
    Two foster parents: `participants` holds both labels; `answers` are the first one's,
    `partner_answers` the second one's.
    """

    __excluded__: ClassVar[frozenset[str]] = frozenset({"partner_answers"})

    profile: Profile = field(name="profiel", default_factory=Profile)
    participants: Annotated[tuple[str, ...], Meta(max_length=2)] = field(name="deelnemers", default=())
    answers: dict[str, AnswerValue] = field(name="antwoorden", default_factory=dict)
    partner_answers: dict[str, AnswerValue] = field(default_factory=dict)  # not in a file
    importance: dict[str, ImportanceValue] = field(name="belang", default_factory=dict)
    notes: dict[str, Note] = field(name="notities", default_factory=dict)
    discuss: tuple[str, ...] = field(name="bespreken", default=())
    worker: WorkerPart | None = field(name="begeleider", default=None)
    # Course ids of earlier route steps the family has done (never advised again).
    done: tuple[str, ...] = field(name="gedaan", default=())
    # May the household's answers count, without name, in the organisation's overview? None: not said
    # (which counts as no).
    consent: bool | None = field(name="anoniem_meetellen", default=None)

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


class AgeRange(Model, frozen=True, kw_only=True):
    min: Annotated[int, Meta(ge=0, le=27)] | None = None
    max: Annotated[int, Meta(ge=0, le=27)] | None = None

    def contains(self, age: int) -> bool:
        low = self.min if self.min is not None else 0
        high = self.max if self.max is not None else 99
        return low <= age <= high

    def __post_init__(self) -> None:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("min is groter dan max")


class Audience(Model, frozen=True, kw_only=True):
    parent_kinds: tuple[ParentKind, ...] | None = field(name="pleegouders", default=None)
    care_kinds: tuple[CareKind, ...] | None = field(name="pleegzorgvormen", default=None)
    ages: AgeRange | None = field(name="leeftijd", default=None)
    challenges: tuple[Challenge, ...] | None = field(name="problematiek", default=None)
    # Only for foster parents who had no preparation training yet (aspirants, many network parents).
    unprepared_only: bool = field(name="zonder_voorbereiding", default=False)
    # true: only for families with own children at home (false: only without); left out: everybody.
    own_children: bool | None = field(name="eigen_kinderen", default=None)


class SourceRef(Model, frozen=True, kw_only=True):
    """A public page that supports what a catalogue entry says (provider, ages, form, offered now)."""

    title: Annotated[str, Meta(min_length=1)] = field(name="titel")
    url: Annotated[str, Meta(pattern=r"^https?://\S+$")]


class Duration(Model, frozen=True, kw_only=True):
    sessions: Annotated[int, Meta(ge=1)] | None = field(name="bijeenkomsten", default=None)
    weeks: Annotated[int, Meta(ge=1)] | None = field(name="weken", default=None)
    hours: Annotated[float, Meta(gt=0)] | None = field(name="uren", default=None)


Country = Literal["nl", "vl"]
Availability = Literal["landelijk", "eigen-organisatie", "regionaal"]


class Course(Model, frozen=True, kw_only=True):
    id: Annotated[str, Meta(pattern=f"^{SLUG}$")]
    title: Annotated[str, Meta(min_length=1)] = field(name="titel")
    provider: Annotated[str, Meta(min_length=1)] = field(name="aanbieder")
    description: Annotated[str, Meta(min_length=1)] = field(name="beschrijving")
    url: Annotated[str, Meta(pattern=r"^https?://\S+$")] | None = None
    competencies: Annotated[tuple[str, ...], Meta(min_length=1)] = field(name="competenties")
    kind: Literal["training", "interventie", "lotgenoten", "informatie", "ondersteuning"] = field(
        name="soort"
    )
    forms: Annotated[tuple[LearningForm, ...], Meta(min_length=1)] = field(name="vorm")
    access: Literal["zelf", "via-begeleider", "vrij"] = field(name="toegang")
    duration: Duration | None = field(name="duur", default=None)
    costs: str | None = field(name="kosten", default=None)
    recognition: Recognition | None = field(name="erkenning", default=None)
    # The NJi recognition is older than five years and under review again ("in herbeoordeling").
    recognition_review: bool = field(name="erkenning_in_herbeoordeling", default=False)
    audience: Audience = field(name="doelgroep", default_factory=Audience)
    region: str | None = field(name="regio", default=None)
    valid_until: dt.date | None = field(name="geldig_tot", default=None)
    country: Country = field(name="land")
    # The public pages this entry rests on; an entry without one is never a route step.
    sources: tuple[SourceRef, ...] = field(name="bron", default=())
    checked: dt.date = field(name="laatst_gecontroleerd")
    availability: Availability | None = field(name="beschikbaarheid", default=None)
    phases: tuple[Literal["nieuw", "eerste-jaar", "ervaren"], ...] | None = field(name="fase", default=None)

    @classmethod
    def before(cls, data: dict[str, Any]) -> dict[str, Any]:
        if isinstance(data.get("vorm"), str):  # one form needs no list
            data["vorm"] = [data["vorm"]]
        if isinstance(data.get("bron"), dict):  # one source needs no list
            data["bron"] = [data["bron"]]
        return data

    def __post_init__(self) -> None:
        if self.recognition_review and self.recognition is None:
            raise ValueError("'erkenning_in_herbeoordeling' kan alleen als er ook een 'erkenning' is")


class KnownGap(Model, frozen=True, kw_only=True):
    """A need for which no real offer was found: named honestly instead of invented."""

    topic: Annotated[str, Meta(min_length=1)] = field(name="onderwerp")
    competencies: tuple[str, ...] = field(name="competenties", default=())
    note: Annotated[str, Meta(min_length=1)] = field(name="toelichting")


class Catalogue(Model, frozen=True, kw_only=True):
    version: str = field(name="versie")
    entries: tuple[Course, ...] = field(name="aanbod")
    gaps: tuple[KnownGap, ...] = field(name="niet_gevonden", default=())
