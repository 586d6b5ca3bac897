"""Points for the conversation with the foster care worker, gathered in one list. Pure.

In this order (also in the README, "Gespreksonderwerpen"):
1. `bespreken`: questions a foster parent marked with `b`;
2. `verschil`: competencies where two foster parents' scores differ by DIFFERENCE_MIN or more;
3. `signaal`: signals from data/signalen.yaml (questions to discuss, never a diagnosis);
4. `weet-niet`: competencies answered only with "weet ik niet";
5. `afspraak`: agreements of the previous visit that are still open.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from msgspec import Struct

from .flow import Sitting
from .models import STATUS_WORDS, Agreement, Answers, Framework, Special, WorkerPart, address_of
from .route import Route
from .scoring import CompetencyScore, Result
from .wording import day_text, number

# On a 5-point scale one step up or down is noise; a competency is the mean of two questions, so
# 1.5 means that the two foster parents are at least three answer steps apart on it.
DIFFERENCE_MIN = 1.5


class SignalLike(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def text(self) -> str: ...

    @property
    def source(self) -> str: ...


class Topic(Struct, frozen=True):
    kind: str  # bespreken | verschil | signaal | weet-niet | afspraak
    id: str | None  # question, competency or signal id; None for an agreement
    text: str
    source: str | None = None  # a signal's guideline


def differences(result: Result) -> list[CompetencyScore]:
    """Competencies where two foster parents see it clearly differently."""
    found = []
    for comp in result.competencies():
        scores = [s for _, s in comp.per_participant if s is not None]
        if len(scores) == 2 and abs(scores[0] - scores[1]) >= DIFFERENCE_MIN:
            found.append(comp)
    return found


def voices_text(comp: CompetencyScore) -> str:
    """'Sanne 4,5 en Ahmed 2,0'"""
    return " en ".join(f"{label} {number(score)}" for label, score in comp.per_participant)


def topics(
    framework: Framework,
    answers: Answers,
    result: Result,
    signals: Sequence[SignalLike] = (),
    open_agreements: Sequence[Agreement] = (),
) -> list[Topic]:
    found: list[Topic] = []
    questions = {q.id: q for q in framework.questions()}
    for question_id in answers.discuss:
        if question_id in questions:
            wording = questions[question_id].text_for(answers.profile)
            who = "Jullie wilden" if address_of(answers) == "jullie" else "Je wilde"
            text = f"{who} dit bespreken: \u201c{wording}\u201d"
            found.append(Topic("bespreken", question_id, text))
    for comp in differences(result):
        text = f"{comp.name}: {voices_text(comp)}. Hier kijken jullie er verschillend tegenaan. Praat erover."
        found.append(Topic("verschil", comp.id, text))
    for signal in signals:
        found.append(Topic("signaal", signal.id, signal.text, signal.source))
    find_out = (
        "Zoek samen met jullie pleegzorgbegeleider uit wat jullie hierover willen weten."
        if address_of(answers) == "jullie"
        else "Zoek samen met je pleegzorgbegeleider uit wat je hierover wilt weten."
    )
    for comp in result.competencies():
        if _only_dont_know(framework, answers, comp.id):
            text = f"{comp.name}: hier was het antwoord steeds \u2018weet ik niet\u2019. {find_out}"
            found.append(Topic("weet-niet", comp.id, text))
    for agreement in open_agreements:
        found.append(Topic("afspraak", None, f"Afspraak van de vorige keer: {agreement_text(agreement)}"))
    return found


def agreement_text(agreement: Agreement) -> str:
    extra = []
    if agreement.who:
        extra.append(f"wie: {agreement.who}")
    if agreement.when:
        extra.append(f"wanneer: {day_text(agreement.when)}")
    if agreement.status in ("bezig", "niet-gedaan"):
        extra.append(STATUS_WORDS[agreement.status])
    return agreement.what + (f" ({', '.join(extra)})" if extra else "")


def _only_dont_know(framework: Framework, answers: Answers, competency_id: str) -> bool:
    competency = framework.competency(competency_id)
    given = [v for q in competency.questions_for(answers.profile) for v in answers.all_values(q.id)]
    return bool(given) and all(v == Special.DONT_KNOW for v in given)


class Visit(Struct, frozen=True):
    """One sitting at the table: the day, who took part, which pillars were worked on."""

    day: str  # ISO date
    participants: tuple[str, ...]
    with_worker: bool
    pillars: tuple[str, ...]


class RouteNote(Struct, frozen=True):
    """A step of the route for a competency where the two foster parents differ."""

    course_id: str
    title: str  # the step's title, as the route shows it
    text: str  # "Bij ... verschillen jullie (...). Kijk samen ..."


class KitchenTable(Struct, frozen=True):
    """Everything of a home visit beyond the scores: who, the worker's part, what to talk about."""

    participants: tuple[str, ...]
    with_worker: bool
    worker: WorkerPart | None
    topics: tuple[Topic, ...]
    previous_agreements: tuple[Agreement, ...]  # of the previous visit, with the status told now
    visits: tuple[Visit, ...]
    # Route steps for a competency where the two foster parents differ.
    route_notes: tuple[RouteNote, ...] = ()


def kitchen_table(
    framework: Framework,
    sitting: Sitting,
    answers: Answers,
    result: Result,
    signals: Sequence[SignalLike] = (),
    route: Route | None = None,
) -> KitchenTable:
    visits = tuple(
        Visit(
            str(v.get("datum", "")),
            tuple(v.get("deelnemers") or ()),
            bool(v.get("begeleider")),
            tuple(v.get("pijlers") or ()),
        )
        for v in sitting.visits
        if v.get("pijlers")
    )
    return KitchenTable(
        participants=answers.participants,
        with_worker=sitting.with_worker or answers.worker is not None,
        worker=answers.worker,
        topics=tuple(topics(framework, answers, result, signals, sitting.open_previous_agreements())),
        previous_agreements=tuple(sitting.previous_agreements_with_status()),
        visits=visits,
        route_notes=tuple(route_notes(route, result)) if route is not None else (),
    )


def route_notes(route: Route, result: Result) -> list[RouteNote]:
    """The route is planned for the household; a step is noted where one parent's need differs."""
    apart = {c.id: c for c in differences(result)}
    notes = []
    for step in route.steps:
        differing = [apart[c] for c in step.competencies if c in apart]
        if differing:
            comp = differing[0]
            notes.append(
                RouteNote(
                    step.course.id,
                    step.course.title,
                    f"Bij {comp.name.lower()} verschillen jullie ({voices_text(comp)}). "
                    "Kijk samen of deze stap voor jullie allebei nodig is.",
                )
            )
    return notes
