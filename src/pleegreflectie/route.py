"""Gaps + profile + catalogue -> a personal learning route. Pure and deterministic.

CONTRACT (kept stable for cli.py, view.py, report.py and export.py):
    plan_route(framework, catalogue, answers, result, *, forms=None, hours=None, today) -> Route

How a route is made (also for the README, "Hoe komt de leerroute tot stand?"):

1. Eligibility (hard). An entry is left out when it has expired (`geldig_tot` before today), when its
   audience does not fit the profile (netwerk/bestand, kind of foster care, the age of at least one
   foster child), when it is meant for a challenge (`problematiek`) the family did not name, or when
   `--vorm` was given and the entry has none of those forms. A profile field that is unknown never
   excludes an entry, except the challenge: a specialised programme needs the family to name it.
2. Priority gaps. The first `MAX_GAPS` gaps of the scoring result (already ordered by priority).
3. Greedy set cover. Every entry is worth the remaining priority of the gaps it serves, times how
   deeply its kind closes a gap (a training or intervention closes it; a film or a book only partly),
   times small bonuses for a preferred learning form, recognition (NJi), fit with the hours available
   and the guidelines (10-16 week programmes for behaviour problems). The best entry is taken, the gaps
   it serves lose that part of their priority, and this repeats until `MAX_STEPS` steps or nothing is
   worth enough. A gap stays open while less than half of it is closed: after a film on behaviour a
   behaviour training still counts, after a training nothing else needs to serve that gap.
   So one entry serving several gaps beats several entries serving one each. Entries for
   one region come after national ones. Ties are broken by entry id.
4. Phases. Each step goes into the first phase (nu, daarna, later) where it fits the hours per month;
   an entry that alone asks more hours than the family has is never planned, but named in the advice.
5. Network foster parents without preparation training get the network guidance entry first (or an
   advice line to ask for it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from .models import (
    Answers,
    CareKind,
    Catalogue,
    Challenge,
    Course,
    Framework,
    LearningForm,
    ParentKind,
    Profile,
)
from .scoring import Gap, Result
from .wording import FORM_WORDS, join_words, number

Phase = Literal["nu", "daarna", "later"]
PHASES: tuple[Phase, ...] = ("nu", "daarna", "later")

UNCOVERED_ADVICE = (
    "Bespreek deze punten met je pleegzorgbegeleider. "
    "Praat er ook over met andere pleegouders, familie of vrienden."
)
MAX_GAPS = 8  # priority gaps a route works on
MAX_STEPS = 5  # a route, not a list
MIN_VALUE = 1.0  # a step must close at least this much weighted priority
DEFAULT_HOURS = 4  # hours per month when the family did not say
EPSILON = 1e-9
OPEN_SHARE = 0.5  # a gap stays open for the route while less than half of its priority is closed

# Estimating hours per month (see monthly_hours).
WEEKS_PER_MONTH = 4.33
SESSION_HOURS = 2.0  # one meeting, including getting there and a little homework
SUPPORT_HOURS = {"ondersteuning": 2.0, "lotgenoten": 2.0, "informatie": 1.0}

# How much of a gap's priority an entry of this kind closes.
DEPTH = {"training": 1.0, "interventie": 1.0, "ondersteuning": 0.75, "lotgenoten": 0.6, "informatie": 0.5}
RECOGNITION_BONUS = {
    "effectief-sterke": 1.2,
    "effectief-goede": 1.15,
    "effectief-eerste": 1.1,
    "goed-onderbouwd": 1.05,
}
FORM_BONUS = 1.2
REGIONAL_FACTOR = 0.5
HOURS_PENALTY = 0.2  # an entry that uses the whole budget is worth 20% less
BEHAVIOUR_WEEKS = (10, 16)
BEHAVIOUR_GAPS = ("zorgen.gedrag", "opvoeden.")
PROGRAMME_KINDS = ("training", "interventie")
NO_CHALLENGE = {Challenge.NONE, Challenge.UNKNOWN}
TREATMENT_AGE = 10
EXTENDED_CARE_AGES = (16, 21)
SHARE_MIN = 4.5
SHARE_MAX = 3


@dataclass(frozen=True)
class RouteStep:
    course: Course
    phase: Phase
    competencies: tuple[str, ...]  # the family's priority gaps this entry serves here
    reason: str  # Dutch, B1: why this step, with the family's own scores and importance, and why this form
    via_worker: bool  # toegang: via-begeleider -> "Vraag je pleegzorgbegeleider naar ..."
    hours_per_month: float | None  # estimated load while it runs (monthly_hours); plan_route always sets it


@dataclass(frozen=True)
class Route:
    steps: tuple[RouteStep, ...]
    uncovered: tuple[str, ...]  # competency ids of priority gaps that nothing in the catalogue serves
    share: tuple[str, ...]  # competency ids of strengths to share with other foster parents
    advice: tuple[str, ...]  # general advice lines in Dutch (talk to the worker, informal options, ...)


# ---------------------------------------------------------------- eligibility and load


def is_eligible(
    course: Course, profile: Profile, *, today: dt.date, forms: Sequence[LearningForm] | None = None
) -> bool:
    """Whether the family may take this entry. Unknown profile fields never exclude, except a challenge."""
    audience = course.audience
    if course.valid_until is not None and course.valid_until < today:
        return False
    if course.country != profile.country:  # a Flemish family never gets a Dutch offer, and back
        return False
    # Treatment foster care is a placement, not a course: only for families who said they are in it.
    treatment_only = bool(audience.care_kinds) and set(audience.care_kinds or ()) <= {CareKind.TREATMENT}
    if treatment_only and CareKind.TREATMENT not in profile.care_kinds:
        return False
    if forms and not set(course.forms) & set(forms):
        return False
    if (
        audience.parent_kinds is not None
        and profile.parent_kind is not None
        and profile.parent_kind not in audience.parent_kinds
    ):
        return False
    if (
        audience.care_kinds is not None
        and profile.care_kinds
        and not set(audience.care_kinds) & set(profile.care_kinds)
    ):
        return False
    if audience.ages is not None and profile.child_ages:
        low = audience.ages.min if audience.ages.min is not None else 0
        high = audience.ages.max if audience.ages.max is not None else 99
        if not any(low <= age <= high for age in profile.child_ages):
            return False
    if audience.unprepared_only and _prepared(profile):
        return False
    if audience.challenges is not None and audience.challenges:
        needed = set(audience.challenges) - NO_CHALLENGE
        return bool(needed & set(profile.challenges))
    return True


def _prepared(profile: Profile) -> bool:
    """Had a preparation training: said so, or registered foster parents with a year or more behind them."""
    if profile.prepared is not None:
        return profile.prepared
    return profile.parent_kind is ParentKind.REGISTERED and (profile.years or 0) >= 1


def monthly_hours(course: Course) -> float:
    """Estimated hours per month while the entry runs (rounded to 2 decimals).

    - Total hours: `uren`, or else `bijeenkomsten` x 2 hours (a meeting with travel and homework).
    - Spread: over `weken`, or else one meeting a week, or else 2 hours a week until the hours are used.
    - Per month: total / (weeks / 4.33), never more than the total itself.
    - Only weeks known: one meeting of 2 hours a week, so 2 x 4.33 = 8.7 hours a month.
    - Nothing known: support (ondersteuning, lotgenoten) about 2 hours a month, information (a film,
      a book, a website) about 1; a training or intervention one meeting a week, so 8.7.
    Example: 16 hours over 8 weeks is 8.7 hours a month; 6 meetings over 12 weeks is 4.3.
    """
    duration = course.duration
    weekly = round(SESSION_HOURS * WEEKS_PER_MONTH, 2)
    if duration is None:
        return SUPPORT_HOURS.get(course.kind, weekly)
    if duration.hours is not None:
        total: float | None = duration.hours
    elif duration.sessions is not None:
        total = duration.sessions * SESSION_HOURS
    else:
        total = None
    if total is None:
        return weekly if duration.weeks is not None else SUPPORT_HOURS.get(course.kind, weekly)
    if duration.weeks is not None:
        weeks = float(duration.weeks)
    elif duration.sessions is not None:
        weeks = float(duration.sessions)
    else:
        weeks = total / SESSION_HOURS
    return round(min(total, total / (max(weeks, 1.0) / WEEKS_PER_MONTH)), 2)


def _budget(profile: Profile, hours: int | None) -> tuple[float, bool]:
    """Hours per month the family has, and whether that is our assumption."""
    if hours is not None:
        return float(hours), False
    if profile.hours_per_month is not None:
        return float(profile.hours_per_month), False
    return float(DEFAULT_HOURS), True


# ---------------------------------------------------------------- candidates


@dataclass(frozen=True)
class _Candidate:
    course: Course
    hours: float
    serves: tuple[str, ...]  # priority gap ids, in gap order
    factor: float  # every multiplier except the remaining priority


@dataclass(frozen=True)
class _Context:
    profile: Profile
    gaps: tuple[Gap, ...]
    budget: float
    preferred: frozenset[LearningForm]
    behaviour: bool  # behaviour problems named and a behaviour gap

    def gap(self, gap_id: str) -> Gap:
        return next(g for g in self.gaps if g.id == gap_id)


def _is_behaviour_gap(gap_id: str) -> bool:
    return gap_id == BEHAVIOUR_GAPS[0] or gap_id.startswith(BEHAVIOUR_GAPS[1])


def _weeks(course: Course) -> int | None:
    return course.duration.weeks if course.duration is not None else None


def _is_behaviour_programme(course: Course, serves: Iterable[str]) -> bool:
    return course.kind in PROGRAMME_KINDS and any(_is_behaviour_gap(g) for g in serves)


def _behaviour_factor(course: Course) -> float:
    """Guideline: programmes of 10-16 weeks work better for behaviour problems than short ones."""
    weeks = _weeks(course)
    if weeks is None:
        return 1.0
    if BEHAVIOUR_WEEKS[0] <= weeks <= BEHAVIOUR_WEEKS[1]:
        return 1.5
    return 1.2 if weeks > BEHAVIOUR_WEEKS[1] else 0.8


def _factor(course: Course, serves: tuple[str, ...], hours: float, ctx: _Context) -> float:
    factor = DEPTH[course.kind]
    if ctx.preferred & set(course.forms):
        factor *= FORM_BONUS
    factor *= RECOGNITION_BONUS.get(course.recognition or "", 1.0)
    if ctx.budget > 0:
        factor *= 1 - HOURS_PENALTY * min(hours / ctx.budget, 1.0)
    if ctx.behaviour and _is_behaviour_programme(course, serves):
        factor *= _behaviour_factor(course)
    if course.region is not None:
        factor *= REGIONAL_FACTOR
    return factor


def _candidates(
    catalogue: Catalogue, ctx: _Context, *, today: dt.date, forms: Sequence[LearningForm] | None
) -> list[_Candidate]:
    """Eligible entries that serve at least one priority gap, sorted by id."""
    gap_ids = [g.id for g in ctx.gaps]
    found = []
    for course in catalogue.entries:
        if not is_eligible(course, ctx.profile, today=today, forms=forms):
            continue
        serves = tuple(g for g in gap_ids if g in course.competencies)
        if serves:
            hours = monthly_hours(course)
            found.append(_Candidate(course, hours, serves, _factor(course, serves, hours, ctx)))
    return sorted(found, key=lambda c: c.course.id)


def _open(candidate: _Candidate, remaining: dict[str, float], priority: dict[str, float]) -> tuple[str, ...]:
    """The gaps this entry serves that are still open: less than half of their priority is closed."""
    return tuple(g for g in candidate.serves if remaining[g] >= OPEN_SHARE * priority[g] - EPSILON)


def _value(candidate: _Candidate, remaining: dict[str, float], priority: dict[str, float]) -> float:
    open_gaps = _open(candidate, remaining, priority)
    return round(sum(remaining[g] for g in open_gaps) * candidate.factor, 9)


# ---------------------------------------------------------------- greedy cover in phases


@dataclass
class _Plan:
    priority: dict[str, float]
    remaining: dict[str, float]
    loads: list[float]
    budget: float
    picked: list[tuple[_Candidate, Phase, tuple[str, ...]]]

    def phase_for(self, hours: float) -> Phase | None:
        for index, phase in enumerate(PHASES):
            if self.loads[index] + hours <= self.budget + EPSILON:
                return phase
        return None

    def take(self, candidate: _Candidate, phase: Phase) -> None:
        served = _open(candidate, self.remaining, self.priority)
        self.loads[PHASES.index(phase)] += candidate.hours
        for gap_id in served:
            self.remaining[gap_id] *= 1 - DEPTH[candidate.course.kind]
        self.picked.append((candidate, phase, served))

    def chosen(self, candidate: _Candidate) -> bool:
        return any(c.course.id == candidate.course.id for c, _, _ in self.picked)


def _best(pool: Sequence[_Candidate], plan: _Plan) -> tuple[_Candidate, Phase] | None:
    best: tuple[_Candidate, Phase] | None = None
    best_value = MIN_VALUE - EPSILON
    for candidate in pool:  # sorted by id: the first of equal values wins
        if plan.chosen(candidate):
            continue
        phase = plan.phase_for(candidate.hours)
        value = _value(candidate, plan.remaining, plan.priority)
        if phase is not None and value > best_value:
            best, best_value = (candidate, phase), value
    return best


def _is_network_guidance(course: Course) -> bool:
    return course.audience.parent_kinds == (ParentKind.NETWORK,)


def _needs_network_guidance(profile: Profile) -> bool:
    return profile.parent_kind == ParentKind.NETWORK and profile.prepared is not True


def _cover(pool: list[_Candidate], ctx: _Context) -> _Plan:
    priority = {g.id: g.priority for g in ctx.gaps}
    plan = _Plan(priority, dict(priority), [0.0] * len(PHASES), ctx.budget, [])
    if _needs_network_guidance(ctx.profile):
        first = _best([c for c in pool if _is_network_guidance(c.course)], plan)
        if first is not None:
            plan.take(*first)
    while len(plan.picked) < MAX_STEPS:
        best = _best(pool, plan)
        if best is None:
            break
        plan.take(*best)
    return plan


# ---------------------------------------------------------------- wording (Dutch, B1)

FORM_WHY = {
    LearningForm.GROUP: "In een groep leer je ook van anderen die hetzelfde meemaken.",
    LearningForm.ONLINE: "Dit kan online, op een moment dat jou uitkomt.",
    LearningForm.HOME: "Dit kan gewoon bij jullie thuis.",
    LearningForm.INDIVIDUAL: "Je krijgt hulp die past bij jullie gezin.",
    LearningForm.BLENDED: "Je leert deels online en deels samen met anderen.",
    LearningForm.VIDEO: "Je kijkt de filmpjes wanneer het jou uitkomt.",
    LearningForm.READING: "Je leest het wanneer het jou uitkomt.",
    LearningForm.PHONE: "Je belt als je een vraag hebt.",
}
MAX_NAMED = 3


def _hours_text(value: float) -> str:
    """Hours the Dutch way: whole hours from 3 on, else one decimal (1,5)."""
    if value >= 3 or value == int(value):
        return str(round(value))
    return number(value)


def _names(gap_ids: Sequence[str], ctx: _Context) -> list[str]:
    return [f"'{ctx.gap(g).name}'" for g in gap_ids]


def _gap_list(framework: Framework, gap_ids: Sequence[str], ctx: _Context) -> str:
    items = []
    for gap_id in gap_ids[:MAX_NAMED]:
        gap = ctx.gap(gap_id)
        label = framework.importance_label(gap.importance).lower()
        items.append(f"'{gap.name}' (jullie score {number(gap.score)}, {label})")
    rest = len(gap_ids) - MAX_NAMED
    if rest > 0:
        items.append("nog 1 ander punt" if rest == 1 else f"nog {rest} andere punten")
    return join_words(items)


def _form_sentence(course: Course, ctx: _Context) -> str:
    liked = [f for f in course.forms if f in ctx.preferred]
    if liked:
        return f"Dit past bij jullie: jullie leren graag {FORM_WORDS[liked[0]]}."
    return FORM_WHY[course.forms[0]]


def _note(course: Course, served: tuple[str, ...], ctx: _Context) -> str | None:
    weeks = _weeks(course)
    if ctx.behaviour and _is_behaviour_programme(course, served) and weeks and weeks >= BEHAVIOUR_WEEKS[0]:
        return f"Bij gedragsproblemen werkt een programma van {weeks} weken beter dan een korte cursus."
    if _is_network_guidance(course) and _needs_network_guidance(ctx.profile):
        return "Deze extra steun is belangrijk, want jullie hadden geen voorbereidingstraining."
    if course.region is not None:
        return f"Let op: dit aanbod is er alleen in {course.region}."
    return None


def _reason(framework: Framework, course: Course, served: tuple[str, ...], ctx: _Context) -> str:
    gaps = _gap_list(framework, served, ctx)
    if course.access == "via-begeleider":
        first = f"Vraag je pleegzorgbegeleider naar {course.title}, want dit helpt bij {gaps}."
    else:
        first = f"Dit helpt bij {gaps}."
    sentences = [first, _form_sentence(course, ctx)]
    note = _note(course, served, ctx)
    if note:
        sentences.append(note)
    return " ".join(sentences)


# ---------------------------------------------------------------- advice


def _advice_uncovered(
    uncovered: Sequence[str], ctx: _Context, forms: Sequence[LearningForm] | None
) -> list[str]:
    # The uncovered gaps are listed apart (Route.uncovered), each display adds UNCOVERED_ADVICE.
    lines = []
    if uncovered and forms:
        chosen = join_words([FORM_WORDS[f] for f in forms])
        lines.append(f"Je zocht alleen aanbod {chosen}. Met andere leervormen is er misschien meer.")
    return lines


def _advice_time(pool: Sequence[_Candidate], plan: _Plan, ctx: _Context, assumed: bool) -> list[str]:
    lines = []
    budget = _hours_text(ctx.budget)
    if assumed:
        lines.append(
            f"Je gaf niet op hoeveel tijd je hebt. We gingen uit van {DEFAULT_HOURS} uur per maand. "
            "Heb je meer of minder tijd? Vul dan in hoeveel uur per maand je hebt."
        )
    if ctx.budget <= 0:
        lines.append(
            "Jullie hebben nu geen tijd voor een cursus of training. Dat is goed om te weten. "
            "Praat met je pleegzorgbegeleider over wat jullie nu het meest helpt."
        )
        return lines
    too_big = [c for c in pool if c.hours > ctx.budget + EPSILON and c.course.kind in PROGRAMME_KINDS]
    closed = {g for c, _, served in plan.picked if c.course.kind in PROGRAMME_KINDS for g in served}
    start = {g.id: g.priority for g in ctx.gaps}
    if ctx.behaviour and not any(
        _is_behaviour_programme(c.course, s) and (_weeks(c.course) or 0) >= BEHAVIOUR_WEEKS[0]
        for c, _, s in plan.picked
    ):
        programmes = [
            c
            for c in too_big
            if _is_behaviour_programme(c.course, c.serves) and (_weeks(c.course) or 0) >= BEHAVIOUR_WEEKS[0]
        ]
        best = max(programmes, key=lambda c: _value(c, start, start), default=None)
        line = "Bij gedragsproblemen werkt een oudertraining van 10 tot 16 weken het best"
        if best is not None:
            lines.append(
                f"{line}, zoals {best.course.title}. Die vraagt ongeveer {_hours_text(best.hours)} uur "
                f"per maand. Dat is meer dan de {budget} uur die jullie nu hebben. Bespreek met je "
                "pleegzorgbegeleider of het later kan, of wie jullie tijd kan geven."
            )
        else:
            lines.append(f"{line}. Vraag je pleegzorgbegeleider welke training bij jullie past.")
        return lines
    top = ctx.gaps[0].id if ctx.gaps else None
    if top is not None and top not in closed:
        options = [c for c in too_big if top in c.serves]
        best = max(options, key=lambda c: _value(c, start, start), default=None)
        if best is not None:
            lines.append(
                f"Bij {_names([top], ctx)[0]} past {best.course.title} goed. Dat vraagt ongeveer "
                f"{_hours_text(best.hours)} uur per maand, meer dan de {budget} uur die jullie nu hebben. "
                "Bespreek met je pleegzorgbegeleider of het later kan."
            )
    return lines


def _advice_guidelines(profile: Profile, plan: _Plan, ctx: _Context) -> list[str]:
    lines = []
    if _needs_network_guidance(profile) and not any(
        _is_network_guidance(c.course) for c, _, _ in plan.picked
    ):
        lines.append(
            "Jullie zijn netwerkpleegouders zonder voorbereidingstraining. "
            "Vraag je pleegzorgbegeleider om extra begeleiding voor netwerkpleegouders."
        )
    behaviour_named = Challenge.BEHAVIOUR in profile.challenges
    if behaviour_named and any(age >= TREATMENT_AGE for age in profile.child_ages):
        lines.append(
            "Jullie pleegkind is 10 jaar of ouder en laat moeilijk gedrag zien. Vraag je pleegzorgbegeleider "
            "of therapeutische begeleiding of behandelpleegzorg nodig is. Dat geldt zeker als jullie "
            "pleegkind al vaak is verhuisd."
        )
    low, high = EXTENDED_CARE_AGES
    if any(low <= age < high for age in profile.child_ages):
        lines.append(
            "Jullie pleegkind wordt (bijna) volwassen. Pleegzorg kan doorlopen tot 21 jaar: verlengde "
            "pleegzorg. Praat op tijd met je pleegzorgbegeleider over wat jullie pleegkind dan nodig heeft."
        )
    return lines


def _advice_later(plan: _Plan, uncovered: Sequence[str], ctx: _Context) -> list[str]:
    served = {g for _, _, s in plan.picked for g in s}
    waiting = [g.id for g in ctx.gaps if g.id not in served and g.id not in uncovered]
    if not waiting or not plan.picked:
        return []
    return [f"Niet alles past nu in deze route. Kijk later ook naar {join_words(_names(waiting, ctx))}."]


def _share(result: Result) -> tuple[str, ...]:
    top = [c.id for c in result.strengths if c.score is not None and c.score >= SHARE_MIN]
    return tuple((top or [c.id for c in result.strengths])[:SHARE_MAX])


# ---------------------------------------------------------------- the route


def plan_route(
    framework: Framework,
    catalogue: Catalogue,
    answers: Answers,
    result: Result,
    *,
    forms: Sequence[LearningForm] | None = None,
    hours: int | None = None,
    today: dt.date,
) -> Route:
    """A small route of steps in phases nu/daarna/later that covers the family's priority gaps."""
    profile = answers.profile
    budget, assumed = _budget(profile, hours)
    gaps = result.gaps[:MAX_GAPS]
    preferred = frozenset(forms) if forms else frozenset(profile.learning_forms)
    behaviour = Challenge.BEHAVIOUR in profile.challenges and any(_is_behaviour_gap(g.id) for g in gaps)
    ctx = _Context(profile, gaps, budget, preferred, behaviour)

    pool = _candidates(catalogue, ctx, today=today, forms=forms)
    plan = _cover(pool, ctx)
    steps = [
        RouteStep(
            course=candidate.course,
            phase=phase,
            competencies=served,
            reason=_reason(framework, candidate.course, served, ctx),
            via_worker=candidate.course.access == "via-begeleider",
            hours_per_month=candidate.hours,
        )
        for candidate, phase, served in plan.picked
    ]
    steps.sort(key=lambda s: PHASES.index(s.phase))  # stable: pick order within a phase

    servable = {g for c in pool for g in c.serves}
    uncovered = tuple(g.id for g in gaps if g.id not in servable)

    advice: list[str] = []
    if not result.gaps:
        advice.append(
            "Jullie hebben nu geen duidelijke aandachtspunten. Fijn! "
            "Deel wat goed gaat met andere pleegouders, bijvoorbeeld in een pleegoudernetwerk."
        )
    advice += _advice_time(pool, plan, ctx, assumed)
    advice += _advice_guidelines(profile, plan, ctx)
    advice += _advice_uncovered(uncovered, ctx, forms)
    advice += _advice_later(plan, uncovered, ctx)
    if steps:
        advice.append(
            "Bespreek deze route met je pleegzorgbegeleider. Die kan extra hulp regelen als dat nodig is."
        )
    return Route(tuple(steps), uncovered, _share(result), tuple(advice))
