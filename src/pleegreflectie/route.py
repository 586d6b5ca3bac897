"""Gaps + profile + catalogue -> a personal learning route. Pure and deterministic.

The parts: route_planner.py (who may take an entry, what it is worth, the greedy cover in phases) and
route_text.py (the sentences, from data/advies.yaml); this module puts them together in `plan_route`.

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
from typing import TYPE_CHECKING

from .models import Answers, Catalogue, Challenge, Framework, LearningForm, address_of
from .route_planner import (
    DEFAULT_HOURS,
    MAX_GAPS,
    MAX_STEPS,
    PHASES,
    SHARE_MAX,
    SHARE_MIN,
    THIN_SHARE,
    Candidate,
    Context,
    FamilyPhase,
    LaterItem,
    LaterReason,
    Phase,
    Plan,
    Route,
    RouteStep,
    budget_of,
    can_be_step,
    country_coverage,
    cover,
    family_phases,
    find_candidates,
    is_behaviour_gap,
    is_eligible,
    monthly_hours,
    placement_months,
    served_gaps,
    share_of,
    strength,
)
from .route_text import (
    advice_done,
    advice_guidelines,
    advice_left_out,
    advice_thin,
    advice_time,
    advice_unsourced,
    form_sentence,
    later_items,
    reason,
    worker_ask,
)
from .scoring import Result, score

if TYPE_CHECKING:  # the sentences are read at the edge (advice_file.load_advice) and passed in
    from .advice import Advice
    from .flow import Sitting

# What callers import from here (the route's contract and the planner's public parts).
__all__ = [
    "DEFAULT_HOURS",
    "MAX_GAPS",
    "MAX_STEPS",
    "PHASES",
    "SHARE_MAX",
    "SHARE_MIN",
    "THIN_SHARE",
    "FamilyPhase",
    "LaterItem",
    "LaterReason",
    "Phase",
    "Route",
    "RouteStep",
    "can_be_step",
    "country_coverage",
    "family_phases",
    "is_eligible",
    "monthly_hours",
    "placement_months",
    "plan_for_sitting",
    "plan_route",
    "strength",
]

# ---------------------------------------------------------------- find out (uitzoeken)


def _find_out_steps(
    catalogue: Catalogue,
    result: Result,
    plan: Plan,
    ctx: Context,
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
        for c in find_candidates(
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
        reason = f"{ctx.say('uitzoeken', naam=names[competency_id])} {form_sentence(chosen.course, ctx)}"
        steps.append(
            RouteStep(
                course=chosen.course,
                phase=phase,
                competencies=(competency_id,),
                reason=reason,
                via_worker=chosen.course.access == "via-begeleider",
                hours_per_month=chosen.hours,
                worker_ask=worker_ask(chosen.course, ctx),
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
    budget, assumed = budget_of(profile, hours)
    gaps = result.gaps[:MAX_GAPS]
    preferred = frozenset(forms) if forms else frozenset(profile.learning_forms)
    behaviour = Challenge.BEHAVIOUR in profile.challenges and any(is_behaviour_gap(g.id) for g in gaps)
    ctx = Context(profile, gaps, budget, preferred, behaviour, advice, address_of(answers), today)

    done_ids = frozenset(done) | frozenset(answers.done)
    ongoing_ids = frozenset(ongoing) - done_ids - frozenset(advice.worker_entries)
    exclude = done_ids | ongoing_ids
    by_id = {c.id: c for c in catalogue.entries}
    gap_ids = [g.id for g in gaps]
    running = [
        Candidate(c, monthly_hours(c), tuple(g for g in gap_ids if g in c.competencies), 1.0)
        for c in sorted((by_id[i] for i in ongoing_ids if i in by_id), key=lambda c: c.id)
    ]

    pool = find_candidates(catalogue, ctx, today=today, forms=forms, exclude=exclude)
    plan = cover(pool, ctx, running)
    covered = {g for c in running for g in c.serves} | served_gaps(plan)
    any_form = find_candidates(catalogue, ctx, today=today, forms=None, exclude=exclude) if forms else []
    later, uncovered = later_items(pool, any_form, plan, covered, ctx, forms)
    steps = [
        RouteStep(
            course=candidate.course,
            phase=phase,
            competencies=served,
            reason=reason(framework, candidate.course, served, ctx),
            via_worker=candidate.course.access == "via-begeleider",
            hours_per_month=candidate.hours,
            worker_ask=worker_ask(candidate.course, ctx),
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
            worker_ask=worker_ask(c.course, ctx),
        )
        for c in running
    )

    lines = advice_thin(framework, catalogue, ctx)
    if not result.gaps:
        lines.append(ctx.say("geen_aandachtspunten"))
    lines += advice_time(pool, plan, ctx, assumed, later)
    lines += advice_left_out(later, ctx, forms, hours)
    lines += advice_guidelines(profile, plan, ctx)
    lines += advice_done(uncovered, [by_id[i] for i in sorted(done_ids) if i in by_id], ctx)
    lines += advice_unsourced(catalogue, uncovered, ctx, forms=forms, exclude=exclude)
    if steps or ongoing_steps:
        lines.append(ctx.say("route_bespreken"))
    return Route(
        tuple(steps),
        tuple(uncovered),
        share_of(result),
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
