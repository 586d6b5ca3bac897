"""Gaps + profile + catalogue -> a personal learning route. Pure and deterministic.

CONTRACT (kept stable for the cli, history.py, view.py, report.py and export.py):
    plan_route(framework, catalogue, answers, result, *, forms=None, hours=None, today,
               done=(), ongoing=(), advice) -> Route

How a route is made (also for the README, "Hoe komt de leerroute tot stand?"):

1. Eligibility (hard). An entry is left out when it has expired (`geldig_tot` before today), when its
   audience does not fit the profile (netwerk/bestand, kind of foster care, the age of at least one
   foster child), when it is meant for a challenge (`problematiek`) the family did not name, when its
   `fase` does not fit the family's phase (`family_phases`: 0 years nieuw + eerste-jaar, 1 year
   eerste-jaar, 2+ ervaren; unknown years: every phase), or when `--vorm` was given and the entry has
   none of those forms. A profile field that is unknown never excludes an entry, except the
   challenge: a specialised programme needs the family to name it. Entries the family has done
   (`done`, `Answers.done`) or is still doing (`ongoing`) are never candidates.
2. Priority gaps. The first `MAX_GAPS` gaps of the scoring result (already ordered by priority).
   Ongoing entries take their hours in "nu" and serve their gaps first.
3. Greedy set cover. Every entry is worth the remaining priority of the gaps it serves, times how
   deeply its kind closes a gap (a training or intervention closes it; a film or a book only partly),
   times small bonuses for a preferred learning form, recognition (NJi), fit with the hours available
   and the guidelines (10-16 week programmes for behaviour problems). The highest-priority gap first
   gets its strongest fitting entry (highest weight for that gap). Then the best entry is taken, the
   gaps it serves lose that part of their priority, and this repeats until `MAX_STEPS` steps or
   nothing is worth enough. A gap stays open while less than half of it is closed: after a film on
   behaviour a behaviour training still counts, after a training nothing else needs to serve that gap.
   So one entry serving several gaps beats several entries serving one each. Entries for one region
   come after national ones. Ties are broken by entry id. Last, every priority gap still without a
   step gets its strongest fitting entry while there is room.
4. Phases. Each step goes into the first phase (nu, daarna, later) where it fits the hours per month.
5. Every priority gap is accounted for, in exactly one place: a step (or an ongoing entry); `later`
   (an entry exists but did not fit: `uren` (too many hours, with the shortfall, or no room next to
   the other steps), `vorm` (not in the forms chosen), `aantal` (the route has `MAX_STEPS` steps));
   or `uncovered` (nothing in the catalogue, or only entries they did already). Behaviour programmes
   of 10-16 weeks and recognised programmes for the top gap that do not fit the hours are named in
   the advice with how many hours a month are missing.
6. Network foster parents without preparation training (not yet experienced, or who said they had
   none) get the network guidance entry first (or an advice line to ask for it).
7. A "weet ik niet" on a knowing question (`Result.find_out`) may get an informational step when the
   route has room left.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Literal

from msgspec import Struct

from .models import (
    NO_CHALLENGE,
    RECOGNITION_LABELS,
    Address,
    Answers,
    CareKind,
    Catalogue,
    Challenge,
    Course,
    Framework,
    LearningForm,
    ParentKind,
    Profile,
    address_of,
)
from .scoring import Gap, Result, score
from .wording import FORM_WORDS, join_words, number

if TYPE_CHECKING:  # the sentences are read at the edge (advice_file.load_advice) and passed in
    from .advice import Advice
    from .flow import Sitting

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


def _budget(profile: Profile, hours: int | None) -> tuple[float, bool]:
    """Hours per month the family has, and whether that is our assumption."""
    if hours is not None:
        return float(hours), False
    if profile.hours_per_month is not None:
        return float(profile.hours_per_month), False
    return float(DEFAULT_HOURS), True


# ---------------------------------------------------------------- candidates


class _Candidate(Struct, frozen=True):
    course: Course
    hours: float
    serves: tuple[str, ...]  # priority gap ids, in gap order
    factor: float  # every multiplier except the remaining priority


class _Context(Struct, frozen=True):
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
    catalogue: Catalogue,
    ctx: _Context,
    *,
    today: dt.date,
    forms: Sequence[LearningForm] | None,
    exclude: frozenset[str] = frozenset(),
    targets: Sequence[str] | None = None,
) -> list[_Candidate]:
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
            found.append(_Candidate(course, hours, serves, _factor(course, serves, hours, ctx)))
    return sorted(found, key=lambda c: c.course.id)


def _open(candidate: _Candidate, remaining: dict[str, float], priority: dict[str, float]) -> tuple[str, ...]:
    """The gaps this entry serves that are still open: less than half of their priority is closed."""
    return tuple(g for g in candidate.serves if remaining[g] >= OPEN_SHARE * priority[g] - EPSILON)


def _value(candidate: _Candidate, remaining: dict[str, float], priority: dict[str, float]) -> float:
    open_gaps = _open(candidate, remaining, priority)
    return round(sum(remaining[g] for g in open_gaps) * candidate.factor, 9)


# ---------------------------------------------------------------- greedy cover in phases


class _Plan(Struct):
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


def _needs_network_guidance(profile: Profile, today: dt.date) -> bool:
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
    if behaviour and _is_behaviour_gap(gap_id) and course.kind in PROGRAMME_KINDS:
        weeks = _weeks(course)
        if weeks is None:
            weeks_rank = 1
        elif BEHAVIOUR_WEEKS[0] <= weeks <= BEHAVIOUR_WEEKS[1]:
            weeks_rank = 3
        elif weeks > BEHAVIOUR_WEEKS[1]:
            weeks_rank = 2
    national = 1 if course.region is None else 0
    return (national, DEPTH[course.kind], weeks_rank, RECOGNITION_RANK.get(course.recognition or "", 0))


def _strength_key(candidate: _Candidate, gap_id: str, ctx: _Context) -> tuple[int, float, int, int, float]:
    return (*strength(candidate.course, gap_id, behaviour=ctx.behaviour), round(candidate.factor, 9))


def _best_for(
    gap_id: str, pool: Sequence[_Candidate], plan: _Plan, ctx: _Context
) -> tuple[_Candidate, Phase] | None:
    """The strongest entry for one gap that still fits (see `strength`), then its total value."""
    best: tuple[_Candidate, Phase] | None = None
    best_key: tuple[tuple[int, float, int, int, float], float] | None = None
    for candidate in pool:  # sorted by id: the first of equal values wins
        if gap_id not in candidate.serves or plan.chosen(candidate):
            continue
        phase = plan.phase_for(candidate.hours)
        if phase is None:
            continue
        key = (_strength_key(candidate, gap_id, ctx), _value(candidate, plan.remaining, plan.priority))
        if best_key is None or key > best_key:
            best, best_key = (candidate, phase), key
    return best


def _served(plan: _Plan) -> set[str]:
    return {g for _, _, served in plan.picked for g in served}


def _cover(pool: list[_Candidate], ctx: _Context, ongoing: Sequence[_Candidate] = ()) -> _Plan:
    priority = {g.id: g.priority for g in ctx.gaps}
    plan = _Plan(priority, dict(priority), [0.0] * len(PHASES), ctx.budget, [])
    for candidate in ongoing:  # still running: it takes its hours now and serves its gaps
        plan.loads[0] += candidate.hours
        for gap_id in candidate.serves:
            plan.remaining[gap_id] *= 1 - DEPTH[candidate.course.kind]
    covered = {g for c in ongoing for g in c.serves}
    if _needs_network_guidance(ctx.profile, ctx.today):
        first = _best([c for c in pool if _is_network_guidance(c.course)], plan)
        if first is not None:
            plan.take(*first)
    if ctx.gaps and ctx.gaps[0].id not in covered | _served(plan):
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
        if gap.id in covered | _served(plan):
            continue
        extra = _best_for(gap.id, pool, plan, ctx)
        if extra is not None:
            plan.take(*extra)
    return plan


# ---------------------------------------------------------------- wording (the sentences: data/advies.yaml)

MAX_NAMED = 3
MAX_RECOGNISED = 2  # recognised programmes named that do not fit the hours
MAX_UNSOURCED = 3  # titles of entries without a source named in one advice line
THIN_SHARE = 0.5  # a country's catalogue serving fewer than half of the competencies is thin


def _hours_text(value: float) -> str:
    """Hours the Dutch way: whole hours from 3 on, else one decimal (1,5)."""
    if value >= 3 or value == int(value):
        return str(round(value))
    return number(value)


def _short(hours: float, budget: float) -> str:
    """How many hours a month are missing, from the hours as shown (9, not 8,66)."""
    shown = round(hours) if hours >= 3 else round(hours, 1)
    return _hours_text(max(round(shown - budget, 1), 0.1))


def _names(gap_ids: Sequence[str], ctx: _Context) -> list[str]:
    return [f"'{ctx.gap(g).name}'" for g in gap_ids]


def _gap_list(framework: Framework, gap_ids: Sequence[str], ctx: _Context) -> str:
    items = []
    for gap_id in gap_ids[:MAX_NAMED]:
        gap = ctx.gap(gap_id)
        label = framework.importance_label(gap.importance).lower()
        items.append(ctx.say("punt", naam=gap.name, score=number(gap.score), belang=label))
    rest = len(gap_ids) - MAX_NAMED
    if rest > 0:
        items.append(ctx.say("meer_punten_een") if rest == 1 else ctx.say("meer_punten", aantal=rest))
    return join_words(items)


def _form_sentence(course: Course, ctx: _Context) -> str:
    liked = [f for f in course.forms if f in ctx.preferred]
    if liked:
        return ctx.say("vorm_gekozen", vorm=FORM_WORDS[liked[0]])
    return ctx.say(f"vorm_{course.forms[0].value}")


def _note(course: Course, served: tuple[str, ...], ctx: _Context) -> str | None:
    weeks = _weeks(course)
    if ctx.behaviour and _is_behaviour_programme(course, served) and weeks and weeks >= BEHAVIOUR_WEEKS[0]:
        return ctx.say("gedrag_weken", weken=weeks)
    if _is_network_guidance(course) and _needs_network_guidance(ctx.profile, ctx.today):
        return ctx.say("netwerk_steun")
    if course.region is not None:
        return ctx.say("regio", regio=course.region)
    return None


def _reason(framework: Framework, course: Course, served: tuple[str, ...], ctx: _Context) -> str:
    sentences = [ctx.say("reden", punten=_gap_list(framework, served, ctx)), _form_sentence(course, ctx)]
    note = _note(course, served, ctx)
    if note:
        sentences.append(note)
    return " ".join(sentences)


def _worker_ask(course: Course, ctx: _Context) -> str:
    return ctx.say("via_begeleider") if course.access == "via-begeleider" else ""


# ---------------------------------------------------------------- what did not fit, and why


def _forms_text(forms: Sequence[LearningForm]) -> str:
    return join_words([FORM_WORDS[f] for f in forms]) if forms else ""


def _later(
    pool: Sequence[_Candidate],
    any_form: Sequence[_Candidate],
    plan: _Plan,
    covered: set[str],
    ctx: _Context,
    forms: Sequence[LearningForm] | None,
) -> tuple[list[LaterItem], list[str]]:
    """Each priority gap without a step: an offer that did not fit (later) or none at all (uncovered)."""
    later: list[LaterItem] = []
    uncovered: list[str] = []
    budget = _hours_text(ctx.budget)
    full = len(plan.picked) >= MAX_STEPS
    for gap in ctx.gaps:
        if gap.id in covered:
            continue
        offers = [c for c in pool if gap.id in c.serves]
        if offers:
            fitting = [c for c in offers if c.hours <= ctx.budget + EPSILON]
            best = _strongest(fitting or offers, gap.id, ctx)
            hours = _hours_text(best.hours)
            if not fitting:
                if ctx.budget > 0:
                    short = _short(best.hours, ctx.budget)
                    text = ctx.say("later_uren", budget=budget, uren=hours, tekort=short)
                else:
                    text = ctx.say("later_geen_tijd", budget=budget, uren=hours)
                later.append(LaterItem(gap.id, best.course, "uren", text))
            elif full:
                later.append(LaterItem(gap.id, best.course, "aantal", ctx.say("later_aantal", max=MAX_STEPS)))
            else:
                text = ctx.say("later_naast", budget=budget, uren=hours)
                later.append(LaterItem(gap.id, best.course, "uren", text))
            continue
        other_forms = [c for c in any_form if gap.id in c.serves]
        if other_forms and forms:
            best = _strongest(other_forms, gap.id, ctx)
            text = ctx.say("later_vorm", vormen=_forms_text(forms), andere=_forms_text(best.course.forms))
            later.append(LaterItem(gap.id, best.course, "vorm", text))
            continue
        uncovered.append(gap.id)
    return later, uncovered


def _strongest(candidates: Sequence[_Candidate], gap_id: str, ctx: _Context) -> _Candidate:
    """The strongest entry for this gap (see `strength`); ties by id (the candidates are sorted by id)."""
    return max(candidates, key=lambda c: _strength_key(c, gap_id, ctx))


# ---------------------------------------------------------------- advice


def _advice_left_out(
    later: Sequence[LaterItem], ctx: _Context, forms: Sequence[LearningForm] | None, hours: int | None
) -> list[str]:
    """What `--vorm` and `--uren` left out, and why."""
    lines = []
    by_form = [item for item in later if item.reason == "vorm"]
    if forms and by_form:
        names = join_words(_names([item.competency for item in by_form], ctx))
        lines.append(ctx.say("alleen_vorm", vormen=_forms_text(forms), punten=names))
    by_hours = [item for item in later if item.reason == "uren"]
    if hours is not None and by_hours and ctx.budget > 0:  # with no time at all, one line says so
        names = join_words(_names([item.competency for item in by_hours], ctx))
        lines.append(ctx.say("te_weinig_uren", punten=names, budget=_hours_text(ctx.budget)))
    return lines


def _advice_done(uncovered: Sequence[str], done_courses: Sequence[Course], ctx: _Context) -> list[str]:
    """A gap whose only offers the family has done already: no new step, but a conversation."""
    lines = []
    for gap_id in uncovered:
        did = [c.title for c in done_courses if gap_id in c.competencies]
        if did:
            lines.append(ctx.say("al_gedaan", titels=join_words(did), naam=_names([gap_id], ctx)[0]))
    return lines


def _advice_unsourced(
    catalogue: Catalogue,
    uncovered: Sequence[str],
    ctx: _Context,
    *,
    forms: Sequence[LearningForm] | None,
    exclude: frozenset[str],
) -> list[str]:
    """Entries without a public source are never a step; for a gap nothing else serves, the family
    may still ask the worker about them."""
    if not REQUIRE_SOURCES:
        return []
    titles = [
        course.title
        for course in catalogue.entries
        if not course.sources
        and course.id not in ctx.advice.worker_entries
        and course.id not in exclude
        and any(g in course.competencies for g in uncovered)
        and is_eligible(course, ctx.profile, today=ctx.today, forms=forms)
    ]
    titles = list(dict.fromkeys(titles))[:MAX_UNSOURCED]
    return [ctx.say("zonder_bron", titels=join_words(titles))] if titles else []


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


def _advice_thin(framework: Framework, catalogue: Catalogue, ctx: _Context) -> list[str]:
    """A country whose catalogue serves fewer than half of the competencies: say so, with its contact."""
    country = ctx.profile.country
    count, total = country_coverage(framework, catalogue, country, ctx.advice, ctx.today)
    contact = ctx.advice.contact(country, ctx.address)
    if total == 0 or count >= THIN_SHARE * total or contact is None:
        return []
    return [ctx.say("weinig_aanbod", aantal=count, totaal=total, contact=contact)]


def _advice_time(
    pool: Sequence[_Candidate], plan: _Plan, ctx: _Context, assumed: bool, later: Sequence[LaterItem]
) -> list[str]:
    lines = []
    budget = _hours_text(ctx.budget)
    if assumed:
        lines.append(ctx.say("uren_aangenomen", uren=DEFAULT_HOURS))
    if ctx.budget <= 0:
        lines.append(ctx.say("geen_tijd"))
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
        if best is not None:
            lines.append(
                ctx.say(
                    "gedrag_programma",
                    titel=best.course.title,
                    uren=_hours_text(best.hours),
                    tekort=_short(best.hours, ctx.budget),
                    budget=budget,
                )
            )
        else:
            lines.append(ctx.say("gedrag_zonder_programma"))
        return lines + _advice_recognised(too_big, plan, ctx, {best.course.id} if best else set())
    top = ctx.gaps[0].id if ctx.gaps else None
    waiting = {item.competency for item in later}
    if top is not None and top not in closed and top not in waiting and ctx.budget > 0:
        options = [c for c in too_big if top in c.serves]
        best = max(options, key=lambda c: _value(c, start, start), default=None)
        if best is not None:
            lines.append(
                ctx.say(
                    "top_past_later",
                    naam=_names([top], ctx)[0],
                    titel=best.course.title,
                    uren=_hours_text(best.hours),
                    tekort=_short(best.hours, ctx.budget),
                    budget=budget,
                )
            )
            return lines + _advice_recognised(too_big, plan, ctx, {best.course.id})
    return lines + _advice_recognised(too_big, plan, ctx, set())


def _advice_recognised(
    too_big: Sequence[_Candidate], plan: _Plan, ctx: _Context, named: set[str]
) -> list[str]:
    """Recognised programmes (NJi) for the top gap that ask more hours than there are: never silent."""
    if not ctx.gaps or ctx.budget <= 0:
        return []
    top = ctx.gaps[0]
    picked = {c.course.id for c, _, _ in plan.picked}
    options = sorted(
        (
            c
            for c in too_big
            if top.id in c.serves and c.course.recognition and c.course.id not in named | picked
        ),
        key=lambda c: -round(c.factor, 9),  # stable: ties keep id order
    )
    lines = []
    for candidate in options[:MAX_RECOGNISED]:
        course = candidate.course
        lines.append(
            ctx.say(
                "erkend",
                titel=course.title,
                naam=_names([top.id], ctx)[0],
                erkenning=RECOGNITION_LABELS[course.recognition or ""],
                uren=_hours_text(candidate.hours),
                tekort=_short(candidate.hours, ctx.budget),
                budget=_hours_text(ctx.budget),
            )
        )
    return lines


def _advice_guidelines(profile: Profile, plan: _Plan, ctx: _Context) -> list[str]:
    lines = []
    if _needs_network_guidance(profile, ctx.today) and not any(
        _is_network_guidance(c.course) for c, _, _ in plan.picked
    ):
        lines.append(ctx.say("netwerk_zonder_voorbereiding"))
    behaviour_named = Challenge.BEHAVIOUR in profile.challenges
    if behaviour_named and any(age >= TREATMENT_AGE for age in profile.child_ages):
        lines.append(ctx.say("behandeling_tien_plus"))
    low, high = EXTENDED_CARE_AGES
    if any(low <= age < high for age in profile.child_ages):
        lines.append(ctx.say("bijna_volwassen"))
    return lines


def _share(result: Result) -> tuple[str, ...]:
    top = [c.id for c in result.strengths if c.score is not None and c.score >= SHARE_MIN]
    return tuple((top or [c.id for c in result.strengths])[:SHARE_MAX])


# ---------------------------------------------------------------- find out (uitzoeken)


def _find_out_steps(
    catalogue: Catalogue,
    result: Result,
    plan: _Plan,
    ctx: _Context,
    *,
    today: dt.date,
    forms: Sequence[LearningForm] | None,
    exclude: frozenset[str],
) -> list[RouteStep]:
    """An informational step for a "weet ik niet" on a knowing question, when the route has room."""
    served = {g for _, _, s in plan.picked for g in s} | {g.id for g in ctx.gaps}
    wanted = list(dict.fromkeys(f.competency_id for f in result.find_out if f.competency_id not in served))
    taken = {c.course.id for c, _, _ in plan.picked} | exclude
    steps: list[RouteStep] = []
    if not wanted:
        return steps
    pool = [
        c
        for c in _candidates(
            catalogue, ctx, today=today, forms=forms, exclude=frozenset(taken), targets=wanted
        )
        if c.course.kind == "informatie"
    ]
    names = {f.competency_id: f.name for f in result.find_out}
    for competency_id in wanted:
        if len(plan.picked) + len(steps) >= MAX_STEPS:
            break
        options = [c for c in pool if competency_id in c.serves and c.course.id not in taken]
        phase = None
        chosen = None
        for candidate in sorted(options, key=lambda c: -round(c.factor, 9)):  # stable: by id
            phase = plan.phase_for(candidate.hours)
            if phase is not None:
                chosen = candidate
                break
        if chosen is None or phase is None:
            continue
        plan.loads[PHASES.index(phase)] += chosen.hours
        taken.add(chosen.course.id)
        reason = f"{ctx.say('uitzoeken', naam=names[competency_id])} {_form_sentence(chosen.course, ctx)}"
        steps.append(
            RouteStep(
                course=chosen.course,
                phase=phase,
                competencies=(competency_id,),
                reason=reason,
                via_worker=chosen.course.access == "via-begeleider",
                hours_per_month=chosen.hours,
                worker_ask=_worker_ask(chosen.course, ctx),
            )
        )
    return steps


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
    done: Iterable[str] = (),
    ongoing: Iterable[str] = (),
    advice: Advice,
) -> Route:
    """A small route of steps in phases nu/daarna/later that covers the family's priority gaps.

    `done`: course ids the family has done (with the answers file's `gedaan`): never in the route.
    `ongoing`: course ids they are still doing: shown as ongoing, never as a new step.
    `advice`: the sentences (data/advies.yaml, read at the edge with advice_file.load_advice).
    """
    profile = answers.profile
    budget, assumed = _budget(profile, hours)
    gaps = result.gaps[:MAX_GAPS]
    preferred = frozenset(forms) if forms else frozenset(profile.learning_forms)
    behaviour = Challenge.BEHAVIOUR in profile.challenges and any(_is_behaviour_gap(g.id) for g in gaps)
    ctx = _Context(profile, gaps, budget, preferred, behaviour, advice, address_of(answers), today)

    done_ids = frozenset(done) | frozenset(answers.done)
    ongoing_ids = frozenset(ongoing) - done_ids - frozenset(advice.worker_entries)
    exclude = done_ids | ongoing_ids
    by_id = {c.id: c for c in catalogue.entries}
    gap_ids = [g.id for g in gaps]
    running = [
        _Candidate(c, monthly_hours(c), tuple(g for g in gap_ids if g in c.competencies), 1.0)
        for c in sorted((by_id[i] for i in ongoing_ids if i in by_id), key=lambda c: c.id)
    ]

    pool = _candidates(catalogue, ctx, today=today, forms=forms, exclude=exclude)
    plan = _cover(pool, ctx, running)
    covered = {g for c in running for g in c.serves} | _served(plan)
    any_form = _candidates(catalogue, ctx, today=today, forms=None, exclude=exclude) if forms else []
    later, uncovered = _later(pool, any_form, plan, covered, ctx, forms)
    steps = [
        RouteStep(
            course=candidate.course,
            phase=phase,
            competencies=served,
            reason=_reason(framework, candidate.course, served, ctx),
            via_worker=candidate.course.access == "via-begeleider",
            hours_per_month=candidate.hours,
            worker_ask=_worker_ask(candidate.course, ctx),
        )
        for candidate, phase, served in plan.picked
    ]
    steps += _find_out_steps(catalogue, result, plan, ctx, today=today, forms=forms, exclude=exclude)
    steps.sort(key=lambda s: PHASES.index(s.phase))  # stable: pick order within a phase
    ongoing_steps = tuple(
        RouteStep(
            course=c.course,
            phase="nu",
            competencies=c.serves,
            reason=ctx.say("nog_bezig"),
            via_worker=c.course.access == "via-begeleider",
            hours_per_month=c.hours,
            worker_ask=_worker_ask(c.course, ctx),
        )
        for c in running
    )

    lines = _advice_thin(framework, catalogue, ctx)
    if not result.gaps:
        lines.append(ctx.say("geen_aandachtspunten"))
    lines += _advice_time(pool, plan, ctx, assumed, later)
    lines += _advice_left_out(later, ctx, forms, hours)
    lines += _advice_guidelines(profile, plan, ctx)
    lines += _advice_done(uncovered, [by_id[i] for i in sorted(done_ids) if i in by_id], ctx)
    lines += _advice_unsourced(catalogue, uncovered, ctx, forms=forms, exclude=exclude)
    if steps or ongoing_steps:
        lines.append(ctx.say("route_bespreken"))
    return Route(
        tuple(steps),
        tuple(uncovered),
        _share(result),
        tuple(lines),
        tuple(later),
        ongoing_steps,
        uncovered_advice=ctx.say("niet_gedekt", contact=advice.contact(profile.country, ctx.address) or "")
        if uncovered
        else "",
    )


def plan_for_sitting(
    framework: Framework,
    catalogue: Catalogue,
    sitting: Sitting,
    *,
    today: dt.date,
    forms: Sequence[LearningForm] | None = None,
    hours: int | None = None,
    advice: Advice,
) -> tuple[Answers, Result, Route]:
    """The answers of a sitting, their scores and the route, without the steps the family has done
    or is still doing. The end of a sitting, the report and `pleegreflectie route` all plan so."""
    answers = sitting.to_answers()
    result = score(framework, answers, sitting.pillar_ids)
    route = plan_route(
        framework,
        catalogue,
        answers,
        result,
        forms=forms,
        hours=hours,
        today=today,
        done=sitting.route_done,
        ongoing=sitting.route_ongoing,
        advice=advice,
    )
    return answers, result, route
