"""Gaps + profile + catalogue -> a personal learning route. Pure and deterministic.

CONTRACT (kept stable for cli.py, view.py, report.py and export.py):
    plan_route(framework, catalogue, answers, result, *, forms=None, hours=None, today,
               done=(), ongoing=()) -> Route

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
    RECOGNITION_LABELS,
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
from .scoring import Gap, Result, score
from .wording import FORM_WORDS, join_words, number

if TYPE_CHECKING:
    from .flow import Sitting

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


class RouteStep(Struct, frozen=True):
    course: Course
    phase: Phase
    competencies: tuple[str, ...]  # the priority gaps this entry serves here (or a point to find out)
    reason: str  # Dutch, B1: why this step, with the family's own scores and importance, and why this form
    via_worker: bool  # toegang: via-begeleider -> "Vraag je pleegzorgbegeleider naar ..."
    hours_per_month: float | None  # estimated load while it runs (monthly_hours); plan_route always sets it


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
    phases = family_phases(profile)
    if course.phases is not None and phases is not None and not phases & set(course.phases):
        return False
    if audience.challenges is not None and audience.challenges:
        needed = set(audience.challenges) - NO_CHALLENGE
        return bool(needed & set(profile.challenges))
    return True


FamilyPhase = Literal["nieuw", "eerste-jaar", "ervaren"]


def family_phases(profile: Profile) -> frozenset[FamilyPhase] | None:
    """Where the family is, from its years as foster parent; None (unknown) lets every entry through.

    0 years: a new placement and the first year (nieuw, eerste-jaar); 1 year: the first year is
    (almost) behind them (eerste-jaar); 2 years or more: experienced (ervaren).
    """
    if profile.years is None:
        return None
    if profile.years == 0:
        return frozenset({"nieuw", "eerste-jaar"})
    if profile.years == 1:
        return frozenset({"eerste-jaar"})
    return frozenset({"ervaren"})


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
        if course.id in exclude or not is_eligible(course, ctx.profile, today=today, forms=forms):
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


def _needs_network_guidance(profile: Profile) -> bool:
    """Network foster parents without preparation; after years of fostering only when they said so."""
    if profile.parent_kind != ParentKind.NETWORK or profile.prepared is True:
        return False
    phases = family_phases(profile)
    return profile.prepared is False or phases is None or "ervaren" not in phases


def _best_for(gap_id: str, pool: Sequence[_Candidate], plan: _Plan) -> tuple[_Candidate, Phase] | None:
    """The strongest entry for one gap that still fits: its depth and bonuses first, then its total value."""
    best: tuple[_Candidate, Phase] | None = None
    best_key: tuple[float, float] | None = None
    for candidate in pool:  # sorted by id: the first of equal values wins
        if gap_id not in candidate.serves or plan.chosen(candidate):
            continue
        phase = plan.phase_for(candidate.hours)
        if phase is None:
            continue
        key = (round(candidate.factor, 9), _value(candidate, plan.remaining, plan.priority))
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
    if _needs_network_guidance(ctx.profile):
        first = _best([c for c in pool if _is_network_guidance(c.course)], plan)
        if first is not None:
            plan.take(*first)
    if ctx.gaps and ctx.gaps[0].id not in covered | _served(plan):
        top = _best_for(ctx.gaps[0].id, pool, plan)  # the highest priority gets its strongest offer first
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
        extra = _best_for(gap.id, pool, plan)
        if extra is not None:
            plan.take(*extra)
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
MAX_RECOGNISED = 2  # recognised programmes named that do not fit the hours


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
            best = _strongest(fitting or offers, gap.id)
            hours = _hours_text(best.hours)
            if not fitting:
                short = _short(best.hours, ctx.budget)
                text = f"Past niet in {budget} uur per maand: dit vraagt ongeveer {hours} uur per maand"
                text += f", {short} uur meer dan jullie nu hebben." if ctx.budget > 0 else "."
                later.append(LaterItem(gap.id, best.course, "uren", text))
            elif full:
                text = f"De route heeft al {MAX_STEPS} stappen. Kies dit als een andere stap klaar is."
                later.append(LaterItem(gap.id, best.course, "aantal", text))
            else:
                text = (
                    f"Past nu niet naast de andere stappen in {budget} uur per maand "
                    f"(dit vraagt ongeveer {hours} uur per maand). Kies dit als een andere stap klaar is."
                )
                later.append(LaterItem(gap.id, best.course, "uren", text))
            continue
        other_forms = [c for c in any_form if gap.id in c.serves]
        if other_forms and forms:
            best = _strongest(other_forms, gap.id)
            text = f"Niet {_forms_text(forms)} beschikbaar. Het kan wel {_forms_text(best.course.forms)}."
            later.append(LaterItem(gap.id, best.course, "vorm", text))
            continue
        uncovered.append(gap.id)
    return later, uncovered


def _strongest(candidates: Sequence[_Candidate], gap_id: str) -> _Candidate:
    """The entry with the highest weight for this gap; ties by id (the candidates are sorted by id)."""
    return max(candidates, key=lambda c: round(c.factor, 9))


# ---------------------------------------------------------------- advice


def _advice_left_out(
    later: Sequence[LaterItem], ctx: _Context, forms: Sequence[LearningForm] | None, hours: int | None
) -> list[str]:
    """What `--vorm` and `--uren` left out, and why."""
    lines = []
    by_form = [item for item in later if item.reason == "vorm"]
    if forms and by_form:
        names = join_words(_names([item.competency for item in by_form], ctx))
        lines.append(
            f"Je zocht alleen aanbod {_forms_text(forms)}. Voor {names} is er wel aanbod, maar niet "
            f"{_forms_text(forms)} beschikbaar. Dat staat bij 'Voor later'."
        )
    by_hours = [item for item in later if item.reason == "uren"]
    if hours is not None and by_hours and ctx.budget > 0:  # with no time at all, one line says so
        names = join_words(_names([item.competency for item in by_hours], ctx))
        lines.append(
            f"Aanbod voor {names} past niet in {_hours_text(ctx.budget)} uur per maand. "
            "Dat staat bij 'Voor later'."
        )
    return lines


def _advice_done(uncovered: Sequence[str], done_courses: Sequence[Course], ctx: _Context) -> list[str]:
    """A gap whose only offers the family has done already: no new step, but a conversation."""
    lines = []
    for gap_id in uncovered:
        did = [c.title for c in done_courses if gap_id in c.competencies]
        if did:
            lines.append(
                f"Jullie deden al {join_words(did)}. Toch is {_names([gap_id], ctx)[0]} nog een "
                "aandachtspunt. Bespreek met je pleegzorgbegeleider wat nu kan helpen."
            )
    return lines


def _advice_time(
    pool: Sequence[_Candidate], plan: _Plan, ctx: _Context, assumed: bool, later: Sequence[LaterItem]
) -> list[str]:
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
            short = _short(best.hours, ctx.budget)
            lines.append(
                f"{line}, zoals {best.course.title}. Die vraagt ongeveer {_hours_text(best.hours)} uur "
                f"per maand. Dat is {short} uur per maand meer dan de {budget} uur die jullie nu hebben. "
                "Bespreek met je pleegzorgbegeleider of het later kan, of wie jullie tijd kan geven."
            )
        else:
            lines.append(f"{line}. Vraag je pleegzorgbegeleider welke training bij jullie past.")
        return lines + _advice_recognised(too_big, plan, ctx, {best.course.id} if best else set())
    top = ctx.gaps[0].id if ctx.gaps else None
    waiting = {item.competency for item in later}
    if top is not None and top not in closed and top not in waiting and ctx.budget > 0:
        options = [c for c in too_big if top in c.serves]
        best = max(options, key=lambda c: _value(c, start, start), default=None)
        if best is not None:
            short = _short(best.hours, ctx.budget)
            lines.append(
                f"Bij {_names([top], ctx)[0]} past {best.course.title} goed. Dat vraagt ongeveer "
                f"{_hours_text(best.hours)} uur per maand, {short} uur meer dan de {budget} uur die jullie "
                "nu hebben. Bespreek met je pleegzorgbegeleider of het later kan."
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
        label = RECOGNITION_LABELS[course.recognition or ""]
        lines.append(
            f"Ook {course.title} helpt bij {_names([top.id], ctx)[0]} (erkenning: {label}). "
            f"Dat vraagt ongeveer {_hours_text(candidate.hours)} uur per maand: "
            f"{_short(candidate.hours, ctx.budget)} uur meer dan de {_hours_text(ctx.budget)} uur "
            "die jullie nu hebben."
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
        reason = (
            f"Jullie wisten bij '{names[competency_id]}' het antwoord nog niet. Hier kunnen jullie het "
            f"uitzoeken. {_form_sentence(chosen.course, ctx)}"
        )
        steps.append(
            RouteStep(
                course=chosen.course,
                phase=phase,
                competencies=(competency_id,),
                reason=reason,
                via_worker=chosen.course.access == "via-begeleider",
                hours_per_month=chosen.hours,
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
) -> Route:
    """A small route of steps in phases nu/daarna/later that covers the family's priority gaps.

    `done`: course ids the family has done (with the answers file's `gedaan`): never in the route.
    `ongoing`: course ids they are still doing: shown as ongoing, never as a new step.
    """
    profile = answers.profile
    budget, assumed = _budget(profile, hours)
    gaps = result.gaps[:MAX_GAPS]
    preferred = frozenset(forms) if forms else frozenset(profile.learning_forms)
    behaviour = Challenge.BEHAVIOUR in profile.challenges and any(_is_behaviour_gap(g.id) for g in gaps)
    ctx = _Context(profile, gaps, budget, preferred, behaviour)

    done_ids = frozenset(done) | frozenset(answers.done)
    ongoing_ids = frozenset(ongoing) - done_ids
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
            reason="Hier zijn jullie nog mee bezig. Maak dit eerst af.",
            via_worker=c.course.access == "via-begeleider",
            hours_per_month=c.hours,
        )
        for c in running
    )

    advice: list[str] = []
    if not result.gaps:
        advice.append(
            "Jullie hebben nu geen duidelijke aandachtspunten. Fijn! "
            "Deel wat goed gaat met andere pleegouders, bijvoorbeeld in een pleegoudernetwerk."
        )
    advice += _advice_time(pool, plan, ctx, assumed, later)
    advice += _advice_left_out(later, ctx, forms, hours)
    advice += _advice_guidelines(profile, plan, ctx)
    advice += _advice_done(uncovered, [by_id[i] for i in sorted(done_ids) if i in by_id], ctx)
    if steps or ongoing_steps:
        advice.append(
            "Bespreek deze route met je pleegzorgbegeleider. Die kan extra hulp regelen als dat nodig is."
        )
    return Route(tuple(steps), tuple(uncovered), _share(result), tuple(advice), tuple(later), ongoing_steps)


def plan_for_sitting(
    framework: Framework,
    catalogue: Catalogue,
    sitting: Sitting,
    *,
    today: dt.date,
    forms: Sequence[LearningForm] | None = None,
    hours: int | None = None,
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
    )
    return answers, result, route
