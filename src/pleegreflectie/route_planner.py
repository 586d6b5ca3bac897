"""The route planner's parts: who may take an entry, what it is worth, and the greedy cover in
phases. Pure and deterministic; no sentence a family reads (those are route_text.py's, from
data/advies.yaml). How they fit together: route.py, which holds `plan_route`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Literal

from msgspec import Struct

from .models import (
    NO_CHALLENGE,
    Address,
    CareKind,
    Catalogue,
    Course,
    Framework,
    LearningForm,
    ParentKind,
    Profile,
)
from .scoring import Gap, Result

if TYPE_CHECKING:  # the sentences are read at the edge (advice.load_advice) and passed in
    from .advice import Advice

Phase = Literal["nu", "daarna", "later"]
PHASES: tuple[Phase, ...] = ("nu", "daarna", "later")

# An entry without a public source (`bron`) is never a step (at most "Vraag je pleegzorgbegeleider naar").
REQUIRE_SOURCES = True
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
TREATMENT_AGE = 10
EXTENDED_CARE_AGES = (16, 21)
SHARE_MIN = 4.5
SHARE_MAX = 3
THIN_SHARE = 0.5  # a country's catalogue serving fewer than half of the competencies is thin


class RouteStep(Struct, frozen=True):
    course: Course
    phase: Phase
    competencies: tuple[str, ...]  # the priority gaps this entry serves here (or a point to find out)
    reason: str  # Dutch, B1: why this step, with the family's own scores and importance, and why this form
    via_worker: bool  # toegang: via-begeleider -> "Bespreek met je pleegzorgbegeleider: ..."
    hours_per_month: float | None  # estimated load while it runs (monthly_hours); plan_route always sets it
    # Shown before the title when the offer goes through the worker ("Bespreek met je
    # pleegzorgbegeleider:", from data/advies.yaml); empty otherwise.
    worker_ask: str = ""


LaterReason = Literal["uren", "vorm", "aantal"]


class LaterItem(Struct, frozen=True):
    """A priority gap with an offer that exists but did not fit now, and why."""

    competency: str  # the priority gap's competency id
    course: Course  # the strongest offer for it that did not fit
    reason: LaterReason  # uren: the hours; vorm: the chosen forms; aantal: the 5-step limit
    text: str  # Dutch, B1: what did not fit and by how much


class Route(Struct, frozen=True):
    steps: tuple[RouteStep, ...]
    uncovered: tuple[str, ...]  # competency ids of priority gaps that nothing in the catalogue serves
    share: tuple[str, ...]  # competency ids of strengths to share with other foster parents
    advice: tuple[str, ...]  # general advice lines in Dutch (talk to the worker, informal options, ...)
    later: tuple[LaterItem, ...] = ()  # priority gaps with an offer that did not fit now
    ongoing: tuple[RouteStep, ...] = ()  # earlier steps the family is still doing (phase "nu")
    # What to do about the uncovered gaps (data/advies.yaml `niet_gedekt`); empty when none are.
    uncovered_advice: str = ""


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
    ages = audience.ages
    if ages is not None and profile.child_ages and not any(ages.contains(a) for a in profile.child_ages):
        return False
    if audience.unprepared_only and _prepared(profile):
        return False
    # Own-children material only for a family with own children at home, and back (unknown: both).
    if (
        audience.own_children is not None
        and profile.own_children is not None
        and audience.own_children != profile.own_children
    ):
        return False
    phases = family_phases(profile, today)
    if course.phases is not None and phases is not None and not phases & set(course.phases):
        return False
    if audience.challenges is not None and audience.challenges:
        needed = set(audience.challenges) - NO_CHALLENGE
        return bool(needed & set(profile.challenges))
    return True


FamilyPhase = Literal["nieuw", "eerste-jaar", "ervaren"]


NEW_PLACEMENT_MONTHS = 6  # a placement younger than this is new (nieuw)
FIRST_YEAR_MONTHS = 12
EXPERIENCED_YEARS = 2


def placement_months(profile: Profile, today: dt.date | None) -> int | None:
    """Whole months since the current foster child came (`plaatsing_sinds`); None when unknown.
    A date in the future counts as a placement of 0 months."""
    if profile.placement_since is None or today is None:
        return None
    year, month = (int(part) for part in profile.placement_since.split("-"))
    return max(0, today.year * 12 + today.month - (year * 12 + month))


def family_phases(profile: Profile, today: dt.date | None = None) -> frozenset[FamilyPhase] | None:
    """Where the family is; None (nothing known) lets every entry through.

    The placement decides the start: a placement (`plaatsing_sinds`) of less than 6 months is new
    (nieuw, eerste-jaar), of less than 12 months in its first year (eerste-jaar), whatever the years as
    foster parent. The years as foster parent (or, unknown, the placement's years) decide experience:
    0 or 1 year eerste-jaar, 2 or more ervaren. So an experienced family with a new baby gets the
    start-of-placement steps and the experienced ones. Without a placement date the years decide alone,
    as before: 0 years nieuw and eerste-jaar.
    """
    months = placement_months(profile, today)
    years = profile.years if profile.years is not None else (months // 12 if months is not None else None)
    if years is None:
        return None
    phases: set[FamilyPhase] = set()
    if months is not None:
        if months < NEW_PLACEMENT_MONTHS:
            phases |= {"nieuw", "eerste-jaar"}
        elif months < FIRST_YEAR_MONTHS:
            phases.add("eerste-jaar")
    elif years == 0:
        phases.add("nieuw")
    phases.add("ervaren" if years >= EXPERIENCED_YEARS else "eerste-jaar")
    return frozenset(phases)


def _prepared(profile: Profile) -> bool:
    """Had a preparation training: said so; registered foster parents with a year or more behind them;
    or, network or not unknown, two years or more as foster parent. Network foster parents who did
    not say so are not prepared (seed 004: they often had no preparation). So a new placement of an
    experienced family brings its start-of-placement steps, but never the course for aspirants."""
    if profile.prepared is not None:
        return profile.prepared
    years = profile.years or 0
    if profile.parent_kind is ParentKind.REGISTERED:
        return years >= 1
    return profile.parent_kind is None and years >= EXPERIENCED_YEARS


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


def budget_of(profile: Profile, hours: int | None) -> tuple[float, bool]:
    """Hours per month the family has, and whether that is our assumption."""
    if hours is not None:
        return float(hours), False
    if profile.hours_per_month is not None:
        return float(profile.hours_per_month), False
    return float(DEFAULT_HOURS), True


# ---------------------------------------------------------------- candidates


class Candidate(Struct, frozen=True):
    course: Course
    hours: float
    serves: tuple[str, ...]  # priority gap ids, in gap order
    factor: float  # every multiplier except the remaining priority


class Context(Struct, frozen=True):
    profile: Profile
    gaps: tuple[Gap, ...]
    budget: float
    preferred: frozenset[LearningForm]
    behaviour: bool  # behaviour problems named and a behaviour gap
    advice: Advice
    address: Address  # "je" for one foster parent, "jullie" for two
    today: dt.date

    def gap(self, gap_id: str) -> Gap:
        return next(g for g in self.gaps if g.id == gap_id)

    def say(self, key: str, **values: object) -> str:
        """A sentence of data/advies.yaml for this family: its country, je or jullie, filled in."""
        return self.advice.say(key, self.profile.country, self.address, **values)


def can_be_step(course: Course, advice: Advice) -> bool:
    """Whether an entry may be a route step at all: it names a public source (`bron`), and it is
    not the foster care worker itself (who sits at the table: `pleegzorgbegeleider` in advies.yaml)."""
    return (bool(course.sources) or not REQUIRE_SOURCES) and course.id not in advice.worker_entries


def is_behaviour_gap(gap_id: str) -> bool:
    return gap_id == BEHAVIOUR_GAPS[0] or gap_id.startswith(BEHAVIOUR_GAPS[1])


def weeks_of(course: Course) -> int | None:
    return course.duration.weeks if course.duration is not None else None


def is_behaviour_programme(course: Course, serves: Iterable[str]) -> bool:
    return course.kind in PROGRAMME_KINDS and any(is_behaviour_gap(g) for g in serves)


def _behaviour_factor(course: Course) -> float:
    """Guideline: programmes of 10-16 weeks work better for behaviour problems than short ones."""
    weeks = weeks_of(course)
    if weeks is None:
        return 1.0
    if BEHAVIOUR_WEEKS[0] <= weeks <= BEHAVIOUR_WEEKS[1]:
        return 1.5
    return 1.2 if weeks > BEHAVIOUR_WEEKS[1] else 0.8


def _factor(course: Course, serves: tuple[str, ...], hours: float, ctx: Context) -> float:
    factor = DEPTH[course.kind]
    if ctx.preferred & set(course.forms):
        factor *= FORM_BONUS
    factor *= RECOGNITION_BONUS.get(course.recognition or "", 1.0)
    if ctx.budget > 0:
        factor *= 1 - HOURS_PENALTY * min(hours / ctx.budget, 1.0)
    if ctx.behaviour and is_behaviour_programme(course, serves):
        factor *= _behaviour_factor(course)
    if course.region is not None:
        factor *= REGIONAL_FACTOR
    return factor


def find_candidates(
    catalogue: Catalogue,
    ctx: Context,
    *,
    today: dt.date,
    forms: Sequence[LearningForm] | None,
    exclude: frozenset[str] = frozenset(),
    targets: Sequence[str] | None = None,
) -> list[Candidate]:
    """Eligible entries that serve at least one target (the priority gaps), sorted by id.

    Entries in `exclude` (done or still ongoing) are never candidates.
    """
    gap_ids = list(targets) if targets is not None else [g.id for g in ctx.gaps]
    found = []
    for course in catalogue.entries:
        if course.id in exclude or not can_be_step(course, ctx.advice):
            continue
        if not is_eligible(course, ctx.profile, today=today, forms=forms):
            continue
        serves = tuple(g for g in gap_ids if g in course.competencies)
        if serves:
            hours = monthly_hours(course)
            found.append(Candidate(course, hours, serves, _factor(course, serves, hours, ctx)))
    return sorted(found, key=lambda c: c.course.id)


def _open(candidate: Candidate, remaining: dict[str, float], priority: dict[str, float]) -> tuple[str, ...]:
    """The gaps this entry serves that are still open: less than half of their priority is closed."""
    return tuple(g for g in candidate.serves if remaining[g] >= OPEN_SHARE * priority[g] - EPSILON)


def value_of(candidate: Candidate, remaining: dict[str, float], priority: dict[str, float]) -> float:
    open_gaps = _open(candidate, remaining, priority)
    return round(sum(remaining[g] for g in open_gaps) * candidate.factor, 9)


# ---------------------------------------------------------------- greedy cover in phases


class Plan(Struct):
    priority: dict[str, float]
    remaining: dict[str, float]
    loads: list[float]
    budget: float
    picked: list[tuple[Candidate, Phase, tuple[str, ...]]]

    def phase_for(self, hours: float) -> Phase | None:
        for index, phase in enumerate(PHASES):
            if self.loads[index] + hours <= self.budget + EPSILON:
                return phase
        return None

    def take(self, candidate: Candidate, phase: Phase) -> None:
        served = _open(candidate, self.remaining, self.priority)
        self.loads[PHASES.index(phase)] += candidate.hours
        for gap_id in served:
            self.remaining[gap_id] *= 1 - DEPTH[candidate.course.kind]
        self.picked.append((candidate, phase, served))

    def chosen(self, candidate: Candidate) -> bool:
        return any(c.course.id == candidate.course.id for c, _, _ in self.picked)


def _best(pool: Sequence[Candidate], plan: Plan) -> tuple[Candidate, Phase] | None:
    best: tuple[Candidate, Phase] | None = None
    best_value = MIN_VALUE - EPSILON
    for candidate in pool:  # sorted by id: the first of equal values wins
        if plan.chosen(candidate):
            continue
        phase = plan.phase_for(candidate.hours)
        value = value_of(candidate, plan.remaining, plan.priority)
        if phase is not None and value > best_value:
            best, best_value = (candidate, phase), value
    return best


def is_network_guidance(course: Course) -> bool:
    return course.audience.parent_kinds == (ParentKind.NETWORK,)


def needs_network_guidance(profile: Profile, today: dt.date) -> bool:
    """Network foster parents without preparation; after years of fostering only when they said so."""
    if profile.parent_kind != ParentKind.NETWORK or profile.prepared is True:
        return False
    phases = family_phases(profile, today)
    return profile.prepared is False or phases is None or "ervaren" not in phases


RECOGNITION_RANK = {"goed-onderbouwd": 1, "effectief-eerste": 2, "effectief-goede": 3, "effectief-sterke": 4}


def strength(course: Course, gap_id: str, *, behaviour: bool) -> tuple[int, float, int, int]:
    """How strongly an entry serves one gap; a larger tuple is stronger. In this order:

    1. national before regional (a regional entry is not there for every family);
    2. its kind: how deeply it closes a gap (DEPTH: a training or intervention 1, support 0.75, peers
       0.6, information such as a reading list or a film 0.5);
    3. for a behaviour gap of a family that named behaviour problems, a training or intervention of
       10 to 16 weeks (seed 004: better results than short ones), then a longer one, then one of
       unknown length, then a shorter one;
    4. its recognition in the NJi database (strong, good, first indications, well-founded, none).
    The fit with the family (learning form, hours) only decides between entries equal in all four.
    """
    weeks_rank = 0
    if behaviour and is_behaviour_gap(gap_id) and course.kind in PROGRAMME_KINDS:
        weeks = weeks_of(course)
        if weeks is None:
            weeks_rank = 1
        elif BEHAVIOUR_WEEKS[0] <= weeks <= BEHAVIOUR_WEEKS[1]:
            weeks_rank = 3
        elif weeks > BEHAVIOUR_WEEKS[1]:
            weeks_rank = 2
    national = 1 if course.region is None else 0
    return (national, DEPTH[course.kind], weeks_rank, RECOGNITION_RANK.get(course.recognition or "", 0))


def strength_key(candidate: Candidate, gap_id: str, ctx: Context) -> tuple[int, float, int, int, float]:
    return (*strength(candidate.course, gap_id, behaviour=ctx.behaviour), round(candidate.factor, 9))


def _best_for(
    gap_id: str, pool: Sequence[Candidate], plan: Plan, ctx: Context
) -> tuple[Candidate, Phase] | None:
    """The strongest entry for one gap that still fits (see `strength`), then its total value."""
    best: tuple[Candidate, Phase] | None = None
    best_key: tuple[tuple[int, float, int, int, float], float] | None = None
    for candidate in pool:  # sorted by id: the first of equal values wins
        if gap_id not in candidate.serves or plan.chosen(candidate):
            continue
        phase = plan.phase_for(candidate.hours)
        if phase is None:
            continue
        key = (strength_key(candidate, gap_id, ctx), value_of(candidate, plan.remaining, plan.priority))
        if best_key is None or key > best_key:
            best, best_key = (candidate, phase), key
    return best


def served_gaps(plan: Plan) -> set[str]:
    return {g for _, _, served in plan.picked for g in served}


def cover(pool: list[Candidate], ctx: Context, ongoing: Sequence[Candidate] = ()) -> Plan:
    priority = {g.id: g.priority for g in ctx.gaps}
    plan = Plan(priority, dict(priority), [0.0] * len(PHASES), ctx.budget, [])
    for candidate in ongoing:  # still running: it takes its hours now and serves its gaps
        plan.loads[0] += candidate.hours
        for gap_id in candidate.serves:
            plan.remaining[gap_id] *= 1 - DEPTH[candidate.course.kind]
    covered = {g for c in ongoing for g in c.serves}
    if needs_network_guidance(ctx.profile, ctx.today):
        first = _best([c for c in pool if is_network_guidance(c.course)], plan)
        if first is not None:
            plan.take(*first)
    if ctx.gaps and ctx.gaps[0].id not in covered | served_gaps(plan):
        top = _best_for(
            ctx.gaps[0].id, pool, plan, ctx
        )  # the highest priority gets its strongest offer first
        if top is not None:
            plan.take(*top)
    while len(plan.picked) < MAX_STEPS:
        best = _best(pool, plan)
        if best is None:
            break
        plan.take(*best)
    for gap in ctx.gaps:  # every priority gap that can still get a step, gets one
        if len(plan.picked) >= MAX_STEPS:
            break
        if gap.id in covered | served_gaps(plan):
            continue
        extra = _best_for(gap.id, pool, plan, ctx)
        if extra is not None:
            plan.take(*extra)
    return plan


def strongest(candidates: Sequence[Candidate], gap_id: str, ctx: Context) -> Candidate:
    """The strongest entry for this gap (see `strength`); ties by id (the candidates are sorted by id)."""
    return max(candidates, key=lambda c: strength_key(c, gap_id, ctx))


def country_coverage(
    framework: Framework, catalogue: Catalogue, country: str, advice: Advice, today: dt.date | None
) -> tuple[int, int]:
    """How many of the framework's competencies this country's possible route steps serve (entries
    with a source, not the worker itself, not expired), and how many competencies there are."""
    served: set[str] = set()
    for course in catalogue.entries:
        if course.country != country or not can_be_step(course, advice):
            continue
        if today is not None and course.valid_until is not None and course.valid_until < today:
            continue
        served.update(course.competencies)
    ids = [c.id for c in framework.competencies()]
    return sum(1 for c in ids if c in served), len(ids)


def share_of(result: Result) -> tuple[str, ...]:
    top = [c.id for c in result.strengths if c.score is not None and c.score >= SHARE_MIN]
    return tuple((top or [c.id for c in result.strengths])[:SHARE_MAX])
