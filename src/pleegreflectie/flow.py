"""The interview's state as data: which steps there are, which are done, what was said.

A `Sitting` is one reflection in progress. The plan of steps is derived from the framework, the
pillars chosen and what was answered so far (importance is only asked where the score is not high),
so going back, skipping and resuming need no special control flow. Pure: no user interface here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from .models import Answers, Framework, Profile, Special
from .scoring import ASK_IMPORTANCE_MAX, needs_importance


class StepKind(StrEnum):
    PROFILE = "profiel"
    QUESTION = "vraag"
    IMPORTANCE = "belang"
    NOTE = "notitie"
    PREVIOUS_ROUTE = "vorige-route"  # which steps of the household's previous route were done


PREVIOUS_ROUTE_KEY = "gedaan"


@dataclass(frozen=True)
class ProfileField:
    key: str  # the Dutch key in an answers file
    text: str
    kind: str  # text | choice | multi | number | numbers | yesno
    choices: tuple[tuple[str, str], ...] = ()  # (value, label)
    when: tuple[str, tuple[str, ...]] | None = None  # ask only when profile[key] is one of these
    hint: str = ""


PROFILE_FIELDS: tuple[ProfileField, ...] = (
    ProfileField(
        "huishouden",
        "Hoe noemen we dit gezin in het verslag?",
        "text",
        hint="Een echte naam is niet nodig. Bijvoorbeeld: Gezin A of Familie aan de dijk.",
    ),
    ProfileField(
        "pleegouder",
        "Kenden jullie je pleegkind al voordat het bij jullie kwam?",
        "choice",
        (
            ("netwerk", "Ja, we zijn familie of bekenden (netwerkpleegouder)"),
            ("bestand", "Nee, we kenden het kind nog niet (bestandspleegouder)"),
        ),
    ),
    ProfileField(
        "voorbereiding",
        "Hebben jullie een voorbereidingstraining gevolgd, zoals STAP of STIP?",
        "yesno",
        when=("pleegouder", ("netwerk",)),
    ),
    ProfileField(
        "pleegzorgvormen",
        "Welke vorm van pleegzorg hebben jullie nu?",
        "multi",
        (
            ("crisis", "Crisisopvang (kort, met spoed)"),
            ("kortdurend", "Kortdurend (tot ongeveer een jaar)"),
            ("langdurig", "Langdurig (het kind groeit bij ons op)"),
            ("deeltijd", "Deeltijd (weekenden of vakanties)"),
            ("behandel", "Behandelpleegzorg of therapeutische pleegzorg"),
            ("verlengd", "Verlengde pleegzorg (18 tot 21 jaar)"),
        ),
        hint="Je kunt meer dan één vorm kiezen.",
    ),
    ProfileField("jaren_pleegouder", "Hoeveel jaar zijn jullie al pleegouder?", "number"),
    ProfileField(
        "leeftijden_pleegkinderen",
        "Hoe oud is je pleegkind?",
        "numbers",
        hint="Meer pleegkinderen? Zet een komma tussen de leeftijden, bijvoorbeeld: 4, 9",
    ),
    ProfileField("eigen_kinderen", "Wonen er ook eigen kinderen bij jullie thuis?", "yesno"),
    ProfileField(
        "uitdagingen",
        "Waar heeft je pleegkind vooral moeite mee?",
        "multi",
        (
            ("gedrag", "Gedrag, zoals boze buien of niet luisteren"),
            ("hechting", "Hechting: moeite om zich veilig te voelen bij jullie"),
            ("trauma", "Nare dingen meegemaakt (trauma)"),
            ("beperking", "Een beperking, zoals een verstandelijke beperking"),
            ("geen", "Geen bijzondere moeite"),
            ("onbekend", "Weet ik (nog) niet"),
        ),
        hint="Je kunt meer dan één ding kiezen.",
    ),
    ProfileField(
        "leervormen",
        "Hoe leer je het liefst?",
        "multi",
        (
            ("groep", "In een groep met andere pleegouders"),
            ("thuis", "Thuis, met iemand die langskomt"),
            ("individueel", "In gesprekken, alleen of met z'n tweeën"),
            ("online", "Online, op de computer"),
            ("blended", "Deels online en deels in een groep"),
            ("video", "Door filmpjes te kijken"),
            ("lezen", "Door te lezen"),
            ("telefonisch", "Via de telefoon"),
        ),
        hint="Je kunt meer dan één vorm kiezen.",
    ),
    ProfileField(
        "uren_per_maand",
        "Hoeveel uur per maand heb je ongeveer om te leren?",
        "number",
        hint="Een schatting is goed. Bijvoorbeeld: 4",
    ),
    ProfileField(
        "land",
        "Waar wonen jullie?",
        "choice",
        (("nl", "In Nederland"), ("vl", "In Vlaanderen")),
        hint="Dan krijgen jullie alleen aanbod dat er bij jullie is.",
    ),
)


def profile_field(key: str) -> ProfileField:
    return next(f for f in PROFILE_FIELDS if f.key == key)


@dataclass(frozen=True)
class Step:
    kind: StepKind
    key: str  # profile key, question id, competency id or pillar id
    pillar_id: str | None = None
    respondent: str | None = None  # who answers; one respondent for now

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.key}"


@dataclass
class Sitting:
    """One reflection in progress: everything needed to continue it later."""

    pillar_ids: list[str]
    respondent: str | None = None
    profile: dict[str, Any] = field(default_factory=dict)
    answers: dict[str, int | Special] = field(default_factory=dict)
    importance: dict[str, int] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    history: list[str] = field(default_factory=list)  # ids of handled steps, in order
    skipped: list[str] = field(default_factory=list)
    ask_profile: bool = True
    origin: str = "scherm"  # "scherm": asked on the screen; "bestand": from an answers file
    # Route entry ids of this household's previous reflection (None: not looked up yet).
    previous_route: list[str] | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # PREVIOUS_ROUTE answers

    # -- derived

    def to_answers(self) -> Answers:
        profile = Profile.model_validate({k: v for k, v in self.profile.items() if v is not None})
        return Answers(
            profile=profile,
            answers=dict(self.answers),
            importance=dict(self.importance),
            notes=dict(self.notes),
        )

    def plan(self, framework: Framework) -> list[Step]:
        steps: list[Step] = []
        if self.ask_profile:
            for item in PROFILE_FIELDS:
                if item.when and self.profile.get(item.when[0]) not in item.when[1]:
                    continue
                steps.append(Step(StepKind.PROFILE, item.key, None, self.respondent))
        if self.previous_route:
            steps.append(Step(StepKind.PREVIOUS_ROUTE, PREVIOUS_ROUTE_KEY, None, self.respondent))
        answers = self.to_answers()
        for pillar in framework.pillars:
            if pillar.id not in self.pillar_ids:
                continue
            for competency in pillar.competencies:
                if not competency.applies_to(answers.profile):
                    continue
                for question in competency.questions_for(answers.profile):
                    steps.append(Step(StepKind.QUESTION, question.id, pillar.id, self.respondent))
                if needs_importance(competency, answers):
                    steps.append(Step(StepKind.IMPORTANCE, competency.id, pillar.id, self.respondent))
            steps.append(Step(StepKind.NOTE, pillar.id, pillar.id, self.respondent))
        return steps

    def next_step(self, framework: Framework) -> Step | None:
        done = set(self.history)
        return next((s for s in self.plan(framework) if s.id not in done), None)

    def is_complete(self, framework: Framework) -> bool:
        return self.next_step(framework) is None

    def value(self, step: Step) -> Any:
        """What was said at this step before (the default when asking it again)."""
        return self._target(step).get(step.key)

    def pillars_done(self, framework: Framework) -> list[str]:
        done = set(self.history)
        plan = self.plan(framework)
        return [pid for pid in self.pillar_ids if all(s.id in done for s in plan if s.pillar_id == pid)]

    # -- changes

    def record(self, step: Step, value: Any) -> None:
        target = self._target(step)
        if value is None or value == "" or value == [] or value == ():
            target.pop(step.key, None)
        else:
            target[step.key] = value
        self._mark(step)
        if step.id in self.skipped:
            self.skipped.remove(step.id)
        if step.kind == StepKind.QUESTION:
            self._forget_stale_importance(step.key.rsplit(".", 1)[0])

    def _forget_stale_importance(self, competency_id: str) -> None:
        """After going back and raising a score above the line, its importance no longer applies."""
        values = [
            v for k, v in self.answers.items() if k.rsplit(".", 1)[0] == competency_id and isinstance(v, int)
        ]
        if values and sum(values) / len(values) > ASK_IMPORTANCE_MAX:
            self.importance.pop(competency_id, None)
            step_id = Step(StepKind.IMPORTANCE, competency_id).id
            if step_id in self.history:
                self.history.remove(step_id)
            if step_id in self.skipped:
                self.skipped.remove(step_id)

    def skip(self, step: Step) -> None:
        """Handled without an answer; an earlier answer to it (before going back) is dropped."""
        self._target(step).pop(step.key, None)
        self._mark(step)
        if step.id not in self.skipped:
            self.skipped.append(step.id)

    def back(self) -> bool:
        """Reopen the last handled step; False when there is nothing to go back to."""
        if not self.history:
            return False
        last = self.history.pop()
        if last in self.skipped:
            self.skipped.remove(last)
        return True

    def _mark(self, step: Step) -> None:
        if step.id in self.history:
            self.history.remove(step.id)
        self.history.append(step.id)

    def _target(self, step: Step) -> dict[str, Any]:
        return {
            StepKind.PROFILE: self.profile,
            StepKind.QUESTION: self.answers,
            StepKind.IMPORTANCE: self.importance,
            StepKind.NOTE: self.notes,
            StepKind.PREVIOUS_ROUTE: self.extra,
        }[step.kind]

    @property
    def route_done(self) -> list[str]:
        """The entries of the previous route that the family says they did."""
        return list(self.extra.get(PREVIOUS_ROUTE_KEY) or [])


@dataclass(frozen=True)
class Progress:
    pillar_id: str
    pillar_index: int  # 1-based
    pillar_count: int
    question_index: int  # 1-based, among this pillar's scale questions
    question_count: int


def progress(framework: Framework, sitting: Sitting, step: Step) -> Progress | None:
    if step.pillar_id is None:
        return None
    plan = [s for s in sitting.plan(framework) if s.pillar_id == step.pillar_id]
    questions = [s for s in plan if s.kind == StepKind.QUESTION]
    position = plan.index(step) if step in plan else 0
    before = sum(1 for s in plan[:position] if s.kind == StepKind.QUESTION)
    current = before + (1 if step.kind == StepKind.QUESTION else 0)
    chosen = [p.id for p in framework.pillars if p.id in sitting.pillar_ids]
    return Progress(
        step.pillar_id, chosen.index(step.pillar_id) + 1, len(chosen), max(current, 1), len(questions)
    )


def from_answers(framework: Framework, answers: Answers, pillar_ids: list[str]) -> Sitting:
    """A sitting from an answers file: nothing is asked, every step counts as handled."""
    sitting = Sitting(
        pillar_ids=pillar_ids,
        profile=answers.profile.model_dump(mode="json", by_alias=True, exclude_defaults=True),
        answers=dict(answers.answers),
        importance=dict(answers.importance),
        notes=dict(answers.notes),
        origin="bestand",
    )
    sitting.history = [step.id for step in sitting.plan(framework)]
    return sitting
