"""The interview's state as data: which steps there are, which are done, what was said.

A `Sitting` is one reflection in progress. The plan of steps is derived from the framework, the
pillars chosen and what was answered so far (importance is only asked where the score is not high),
so going back, skipping and resuming need no special control flow. Pure: no user interface here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from msgspec import Struct, field

from .models import Agreement, Answers, Framework, Profile, Special, WorkerPart
from .profile import COUNTRY_KEY, ProfileQuestions
from .scoring import ASK_IMPORTANCE_MAX, needs_importance


class StepKind(StrEnum):
    SETUP = "opzet"  # together or alone, the two labels, is the foster care worker there
    PROFILE = "profiel"
    PROFILE_CHECK = "profiel-klopt"  # "is last time's profile still right?"
    PREVIOUS_ROUTE = "vorige-route"  # which steps of the household's previous route were done
    FOLLOW_UP = "afspraak-terug"  # how an agreement of the previous visit went
    QUESTION = "vraag"
    IMPORTANCE = "belang"  # per competency; only in reflections saved before priorities per pillar
    PRIORITY = "prioriteit"  # once per sitting: which low competencies matter most now
    NOTE = "notitie"
    WORKER_NOTE = "notitie-begeleider"
    AGREEMENT = "afspraak"
    NEXT_VISIT = "volgende-afspraak"


PREVIOUS_ROUTE_KEY = "gedaan"
SETUP_WHO = "wie"  # one question: alone or together, with or without the worker
SETUP_TOGETHER = "samen"
SETUP_LABELS = "deelnemers"
SETUP_WORKER = "begeleider"
PROFILE_CHECK_KEY = "profiel"
NEXT_VISIT_KEY = "datum"
# How an agreement of the previous visit went, in the order they are offered (see models.STATUS_WORDS).
FOLLOW_UP_STATUSES = ("gedaan", "bezig", "niet-gedaan", "niet-nodig")


# The profile keys that are never part of "Klopt dit nog?": asked anew at every visit.
PROFILE_ALWAYS = (COUNTRY_KEY, "huishouden")
PARENTS_COUNT_KEY = "aantal_pleegouders"


class Step(Struct, frozen=True):
    kind: StepKind
    key: str  # profile key, question id, competency id or pillar id
    pillar_id: str | None = None
    respondent: str | None = None  # who answers: set for the questions of two foster parents

    @property
    def id(self) -> str:
        base = f"{self.kind}:{self.key}"
        return f"{base}@{self.respondent}" if self.respondent else base


def split_step_id(step_id: str) -> tuple[str, str, str | None]:
    """(kind, key, respondent) of a step id."""
    base, _, respondent = step_id.partition("@")
    kind, _, key = base.partition(":")
    return kind, key, respondent or None


class Sitting(Struct):
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
    # -- at the kitchen table
    ask_setup: bool = False  # ask "together?" and "is the worker there?" (a new sitting on the screen)
    setup: dict[str, Any] = field(default_factory=dict)  # SETUP answers
    partner_answers: dict[str, int | Special] = field(default_factory=dict)  # the second foster parent
    # pillars asked about -> {competency: importance} from "which matter most now?" (chosen 3, others 2)
    priorities: dict[str, dict[str, int]] = field(default_factory=dict)
    # PROFILE_CHECK answer: True (last time's profile still holds) or the keys to change.
    profile_check: dict[str, Any] = field(default_factory=dict)
    follow_ups: dict[str, str] = field(default_factory=dict)  # index of a previous agreement -> status
    worker_notes: dict[str, str] = field(default_factory=dict)  # pillar -> note of the worker
    agreements: dict[str, dict[str, Any]] = field(default_factory=dict)  # "1" -> {wat, wie, wanneer}
    next_visit: dict[str, str] = field(default_factory=dict)  # NEXT_VISIT_KEY -> ISO date
    marks: list[str] = field(default_factory=list)  # question ids marked "bespreken"
    visits: list[dict[str, Any]] = field(default_factory=list)  # who worked on which pillars, when
    # Of the household's previous reflection (None: not looked up yet; {} / []: there was none).
    previous_profile: dict[str, Any] | None = None
    previous_agreements: list[dict[str, Any]] | None = None
    signals_path: str | None = None  # an organisation's own signalen.yaml (`start --signalen`)

    @property
    def priority_key(self) -> str:
        """The priority question is asked again when pillars are added at a later visit."""
        return ",".join(self.pillar_ids)

    # -- who is at the table

    @property
    def participants(self) -> list[str]:
        """The two foster parents' labels, or [] when one foster parent answers."""
        labels = self.setup.get(SETUP_LABELS) or []
        return list(labels) if self.setup.get(SETUP_TOGETHER) and len(labels) == 2 else []

    @property
    def with_worker(self) -> bool:
        return bool(self.setup.get(SETUP_WORKER))

    def other_label(self, respondent: str) -> str | None:
        labels = self.participants
        return next((label for label in labels if label != respondent), None)

    # -- derived

    def to_answers(self) -> Answers:
        given = {k: v for k, v in self.profile.items() if v is not None}
        if self.participants:  # two foster parents at the table: two in the household
            given[PARENTS_COUNT_KEY] = 2
        profile = Profile.model_validate(given)
        importance = dict(self.importance)
        for chosen in self.priorities.values():
            importance.update(chosen)
        return Answers(
            profile=profile,
            participants=tuple(self.participants),
            answers=dict(self.answers),
            partner_answers=dict(self.partner_answers) if self.participants else {},
            importance=importance,
            notes=dict(self.notes),
            discuss=tuple(self.marks),
            worker=self.worker_part(),
        )

    def worker_part(self) -> WorkerPart | None:
        agreements = [
            Agreement.model_validate(self.agreements[key])
            for key in sorted(self.agreements, key=_number)
            if self.agreements[key].get("wat")
        ]
        day = self.next_visit.get(NEXT_VISIT_KEY)
        part = WorkerPart(
            notes=dict(self.worker_notes),
            agreements=tuple(agreements),
            next_visit=dt.date.fromisoformat(day) if day else None,
        )
        return None if part.is_empty else part

    def open_previous_agreements(self) -> list[Agreement]:
        """Agreements of the previous visit that are still open: not asked yet, or "nog bezig"."""
        result = []
        for index, item in enumerate(self.previous_agreements or [], 1):
            status = self.follow_ups.get(str(index), "open")
            agreement = Agreement.model_validate({**item, "status": status})
            if agreement.is_open:
                result.append(agreement)
        return result

    def carry_open_agreements(self) -> bool:
        """Before the first agreement is asked: last time's open agreements become this visit's,
        to keep, change or drop (never to type again). True when some were carried."""
        if self.agreements_started or self.agreements:
            # The agreements of this visit were started (or opened again with the worker, with what
            # was kept): carried before, and what was dropped then stays dropped.
            return False
        present = {_same(item.get("wat", "")) for item in self.agreements.values()}
        carried = False
        for agreement in self.open_previous_agreements():
            if _same(agreement.what) in present:
                continue
            key = str(max((_number(k) for k in self.agreements), default=0) + 1)
            self.agreements[key] = agreement.model_dump(
                mode="json", by_alias=True, exclude_defaults=True, exclude={"status"}
            )
            present.add(_same(agreement.what))
            carried = True
        return carried

    @property
    def agreements_started(self) -> bool:
        """An agreement of this visit was handled (on the screen: the open ones were carried then)."""
        return any(split_step_id(s)[0] == StepKind.AGREEMENT for s in self.history)

    def is_carried(self, key: str) -> bool:
        """An agreement of this visit that was carried from the previous one."""
        what = _same(self.agreements.get(key, {}).get("wat", ""))
        return bool(what) and any(_same(a.what) == what for a in self.open_previous_agreements())

    def set_previous_agreements(
        self, agreements: list[dict[str, Any]], statuses: dict[str, str] | None = None
    ) -> None:
        """Last time's agreements and (from an answers file) how they went; the rest stay open."""
        self.previous_agreements = agreements
        self.follow_ups = dict(statuses or {})
        if self.origin == "bestand":  # nothing is asked: the follow-ups count as handled
            steps = [Step(StepKind.FOLLOW_UP, str(i)).id for i in range(1, len(agreements) + 1)]
            self.history += [s for s in steps if s not in self.history]

    def previous_agreements_with_status(self) -> list[Agreement]:
        return [
            Agreement.model_validate({**item, "status": self.follow_ups.get(str(index), "open")})
            for index, item in enumerate(self.previous_agreements or [], 1)
        ]

    def plan(self, framework: Framework, questions: ProfileQuestions) -> list[Step]:
        """Every step of this sitting, in order; `questions`: the profile questions (data/profiel.yaml,
        read at the edge)."""
        steps: list[Step] = []
        if self.ask_setup:
            steps.append(Step(StepKind.SETUP, SETUP_WHO))
            if self.setup.get(SETUP_TOGETHER):
                steps.append(Step(StepKind.SETUP, SETUP_LABELS))
        if self.ask_profile:
            steps += self.profile_steps(questions)
        if self.previous_route:
            steps.append(Step(StepKind.PREVIOUS_ROUTE, PREVIOUS_ROUTE_KEY))
        for index, _ in enumerate(self.previous_agreements or [], 1):
            steps.append(Step(StepKind.FOLLOW_UP, str(index)))
        answers = self.to_answers()
        steps += self.pillar_steps(framework, answers)
        if low_competencies(framework, self.pillar_ids, answers):
            steps.append(Step(StepKind.PRIORITY, self.priority_key))
        if self.with_worker:
            steps += self._agreement_steps()
            steps.append(Step(StepKind.NEXT_VISIT, NEXT_VISIT_KEY))
        return steps

    def pillar_steps(self, framework: Framework, answers: Answers | None = None) -> list[Step]:
        """The steps of the chosen pillars (the only steps with a `pillar_id`), in order."""
        if answers is None:
            answers = self.to_answers()
        steps: list[Step] = []
        respondents: list[str | None] = list(self.participants) or [self.respondent]
        for pillar in framework.pillars:
            if pillar.id not in self.pillar_ids:
                continue
            for competency in pillar.competencies:
                if not competency.applies_to(answers.profile):
                    continue
                for question in competency.questions_for(answers.profile):
                    for respondent in respondents:
                        steps.append(Step(StepKind.QUESTION, question.id, pillar.id, respondent))
                if competency.id in self.importance and needs_importance(competency, answers):
                    # Asked per competency in a reflection saved before priorities per sitting.
                    steps.append(Step(StepKind.IMPORTANCE, competency.id, pillar.id))
            steps.append(Step(StepKind.NOTE, pillar.id, pillar.id))
            if self.with_worker:
                steps.append(Step(StepKind.WORKER_NOTE, pillar.id, pillar.id))
        return steps

    def profile_steps(self, questions: ProfileQuestions) -> list[Step]:
        """The profile questions this family gets: the country first, then (at a next visit) "is
        this still right?", and after that only what is not confirmed."""
        steps = []
        check = self.profile_check.get(PROFILE_CHECK_KEY)
        checked = self.previous_profile and (check is True or isinstance(check, list))
        change = set(check) if isinstance(check, list) else set()
        for item in questions.asked(self.profile):
            key = item.key
            if key == PARENTS_COUNT_KEY and self.participants:
                continue  # two foster parents at the table: two, without asking
            # Last time's answers hold, except the ones picked to change (and the questions that
            # follow from those, such as the preparation after "netwerk").
            held = key not in change and not change & set(item.when or {})
            if checked and key not in PROFILE_ALWAYS and held:
                continue
            steps.append(Step(StepKind.PROFILE, key))
            if key == "huishouden" and self.previous_profile:
                steps.append(Step(StepKind.PROFILE_CHECK, PROFILE_CHECK_KEY))
        return steps

    def _agreement_steps(self) -> list[Step]:
        """One step per agreement, and one more for the next; an empty one closes the list."""
        keys = sorted(self.agreements, key=_number)
        following = str(max((_number(k) for k in keys), default=0) + 1)
        return [Step(StepKind.AGREEMENT, key) for key in [*keys, following]]

    def next_step(self, framework: Framework, questions: ProfileQuestions) -> Step | None:
        done = set(self.history)
        return next((s for s in self.plan(framework, questions) if s.id not in done), None)

    def is_complete(self, framework: Framework, questions: ProfileQuestions) -> bool:
        return self.next_step(framework, questions) is None

    def value(self, step: Step) -> Any:
        """What was said at this step before (the default when asking it again)."""
        return self._target(step).get(step.key)

    def pillars_done(self, framework: Framework) -> list[str]:
        done = set(self.history)
        plan = self.pillar_steps(framework)
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
        still = value is True or isinstance(value, list)
        if step.kind == StepKind.PROFILE_CHECK and self.previous_profile and still:
            # Still right, or some of it to change: start from last time's answers (the country
            # and the name were just given).
            kept = {k: self.profile[k] for k in PROFILE_ALWAYS if self.profile.get(k) is not None}
            self.profile.update(self.previous_profile)
            self.profile.update(kept)
        if step.kind == StepKind.SETUP and step.key == SETUP_WHO and isinstance(value, dict):
            self.setup[SETUP_TOGETHER] = bool(value.get(SETUP_TOGETHER))
            self.setup[SETUP_WORKER] = bool(value.get(SETUP_WORKER))
            if not self.setup[SETUP_TOGETHER]:
                self.setup.pop(SETUP_LABELS, None)
            else:
                self.profile[PARENTS_COUNT_KEY] = 2  # two at the table: two foster parents
        if step.kind == StepKind.PREVIOUS_ROUTE and isinstance(value, dict):
            # {"gedaan": [...], "bezig": [...]}: what became of each step of the previous route
            self.extra.pop(step.key, None)
            self.extra.update(value)
        self._visited(step)

    def reopen_worker_part(self) -> None:
        """The worker joins (again): notes, agreements and the next visit are asked (again), with
        what was said before as the answer to keep or change."""
        self.setup[SETUP_WORKER] = True
        worker_kinds = {StepKind.WORKER_NOTE, StepKind.AGREEMENT, StepKind.NEXT_VISIT}
        self.history = [s for s in self.history if split_step_id(s)[0] not in worker_kinds]
        self.skipped = [s for s in self.skipped if split_step_id(s)[0] not in worker_kinds]

    def toggle_mark(self, question_id: str) -> bool:
        """Mark a question to discuss (or unmark it); True when it is marked now."""
        if question_id in self.marks:
            self.marks.remove(question_id)
            return False
        self.marks.append(question_id)
        return True

    def begin_visit(self, day: dt.date) -> None:
        """A new sitting at the table starts: who is there is noted with the pillars they work on."""
        self.visits.append(
            {
                "datum": day.isoformat(),
                "deelnemers": list(self.participants),
                "begeleider": self.with_worker,
                "pijlers": [],
            }
        )

    def _visited(self, step: Step) -> None:
        if not self.visits:
            return
        visit = self.visits[-1]
        # Who is there can still be said during the first steps of a visit.
        visit["deelnemers"] = list(self.participants)
        visit["begeleider"] = self.with_worker
        if step.pillar_id and step.kind == StepKind.QUESTION and step.pillar_id not in visit["pijlers"]:
            visit["pijlers"].append(step.pillar_id)

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
        if step.kind == StepKind.QUESTION and step.respondent and step.respondent != self._first():
            return self.partner_answers
        return self.targets()[step.kind]

    def _first(self) -> str | None:
        labels = self.participants
        return labels[0] if labels else None

    def targets(self) -> dict[StepKind, dict[str, Any]]:
        """Where the values of each kind of step are kept (for the second foster parent's
        answers see `partner_answers`)."""
        return {
            StepKind.SETUP: self.setup,
            StepKind.PROFILE: self.profile,
            StepKind.PROFILE_CHECK: self.profile_check,
            StepKind.PREVIOUS_ROUTE: self.extra,
            StepKind.FOLLOW_UP: self.follow_ups,
            StepKind.QUESTION: self.answers,
            StepKind.IMPORTANCE: self.importance,
            StepKind.PRIORITY: self.priorities,
            StepKind.NOTE: self.notes,
            StepKind.WORKER_NOTE: self.worker_notes,
            StepKind.AGREEMENT: self.agreements,
            StepKind.NEXT_VISIT: self.next_visit,
        }

    @property
    def route_done(self) -> list[str]:
        """The entries of the previous route that the family says they did."""
        return list(self.extra.get(PREVIOUS_ROUTE_KEY) or [])

    @property
    def route_ongoing(self) -> list[str]:
        """The entries of the previous route that the family is still doing."""
        return list(self.extra.get("bezig") or [])


def _number(key: str) -> int:
    return int(key) if key.isdigit() else 0


def _same(text: str) -> str:
    """An agreement's text as compared: case and spaces do not count."""
    return " ".join(str(text).split()).casefold()


def match_follow_ups(
    agreements: Sequence[dict[str, Any]], said: Sequence[tuple[str, str]]
) -> tuple[dict[str, str], list[int]]:
    """Statuses per agreement number from (wat, status) pairs; and the positions in `said` whose
    `wat` is none of the agreements."""
    index = {_same(item.get("wat", "")): str(number) for number, item in enumerate(agreements, 1)}
    statuses: dict[str, str] = {}
    unknown = []
    for position, (what, status) in enumerate(said):
        number = index.get(_same(what))
        if number is None:
            unknown.append(position)
        else:
            statuses[number] = status
    return statuses, unknown


def low_competencies(framework: Framework, pillar_ids: Sequence[str], answers: Answers) -> list[str]:
    """The competencies of these pillars whose score is not high: the choices of the priority step."""
    return [
        c.id
        for pillar in framework.pillars
        if pillar.id in pillar_ids
        for c in pillar.competencies
        if c.applies_to(answers.profile) and needs_importance(c, answers)
    ]


class Progress(Struct, frozen=True):
    pillar_id: str
    pillar_index: int  # 1-based
    pillar_count: int
    question_index: int  # 1-based, among this pillar's scale questions
    question_count: int


def progress(framework: Framework, sitting: Sitting, step: Step) -> Progress | None:
    if step.pillar_id is None:
        return None
    plan = [s for s in sitting.pillar_steps(framework) if s.pillar_id == step.pillar_id]
    # Two foster parents answer the same question: it counts once.
    questions = list(dict.fromkeys(s.key for s in plan if s.kind == StepKind.QUESTION))
    position = plan.index(step) if step in plan else 0
    before = len({s.key for s in plan[:position] if s.kind == StepKind.QUESTION} - {step.key})
    current = before + (1 if step.kind == StepKind.QUESTION else 0)
    chosen = [p.id for p in framework.pillars if p.id in sitting.pillar_ids]
    return Progress(
        step.pillar_id, chosen.index(step.pillar_id) + 1, len(chosen), max(current, 1), len(questions)
    )


def new_sitting(
    pillar_ids: list[str], *, together: bool | None = None, worker: bool | None = None
) -> Sitting:
    """A new sitting on the screen. What the command line already said is not asked again."""
    sitting = Sitting(pillar_ids=pillar_ids, ask_setup=True)
    if together is not None or worker is not None:
        # Said on the command line: the question who is here is not asked.
        sitting.record(
            Step(StepKind.SETUP, SETUP_WHO), {SETUP_TOGETHER: bool(together), SETUP_WORKER: bool(worker)}
        )
    return sitting


def answered_pillars(answers: Answers, pillar_ids: Sequence[str]) -> list[str]:
    """The pillars of `pillar_ids` (in that order) with an answer or a note in `answers`."""
    worker_notes = answers.worker.notes if answers.worker is not None else {}
    filled = {key.partition(".")[0] for key in [*answers.answers, *answers.partner_answers]}
    filled |= {key for key, text in [*answers.notes.items(), *worker_notes.items()] if text.strip()}
    return [p for p in pillar_ids if p in filled] or list(pillar_ids)


def from_answers(
    framework: Framework, answers: Answers, pillar_ids: list[str], questions: ProfileQuestions
) -> Sitting:
    """A sitting from an answers file: nothing is asked, every step counts as handled (`questions`:
    the profile questions, whose steps count too).

    Its pillars are those of `pillar_ids` the file really fills in (an answer or a note), so a file
    with three pillars is a reflection of three pillars, not of five with two left empty. A file that
    fills in none of them keeps `pillar_ids`.
    """
    sitting = Sitting(
        pillar_ids=answered_pillars(answers, pillar_ids),
        profile=answers.profile.model_dump(mode="json", by_alias=True, exclude_defaults=True),
        answers=dict(answers.answers),
        partner_answers=dict(answers.partner_answers),
        importance=dict(answers.importance),
        notes=dict(answers.notes),
        marks=list(answers.discuss),
        origin="bestand",
    )
    if answers.done:  # `gedaan:` in the file: steps of an earlier route the family did
        sitting.extra[PREVIOUS_ROUTE_KEY] = list(answers.done)
    if answers.is_duo:
        sitting.setup = {SETUP_TOGETHER: True, SETUP_LABELS: list(answers.participants)}
    worker = answers.worker
    if worker is not None:
        sitting.setup[SETUP_WORKER] = True
        sitting.worker_notes = dict(worker.notes)
        sitting.agreements = {
            str(index): item.model_dump(mode="json", by_alias=True, exclude_defaults=True)
            for index, item in enumerate(worker.agreements, 1)
        }
        if worker.next_visit:
            sitting.next_visit = {NEXT_VISIT_KEY: worker.next_visit.isoformat()}
    sitting.history = [step.id for step in sitting.plan(framework, questions)]
    return sitting
