"""The sentences of a route: why a step, what did not fit, and the advice lines. Every sentence
comes from data/advies.yaml (`Context.say`: the family's country, je or jullie); this module picks
them and fills them in. Pure.
"""

from __future__ import annotations

from collections.abc import Sequence

from .models import RECOGNITION_LABELS, Catalogue, Challenge, Course, Framework, LearningForm, Profile
from .route_planner import (
    BEHAVIOUR_WEEKS,
    DEFAULT_HOURS,
    EPSILON,
    EXTENDED_CARE_AGES,
    MAX_STEPS,
    PROGRAMME_KINDS,
    REQUIRE_SOURCES,
    THIN_SHARE,
    TREATMENT_AGE,
    Candidate,
    Context,
    LaterItem,
    Plan,
    country_coverage,
    is_behaviour_programme,
    is_eligible,
    is_network_guidance,
    needs_network_guidance,
    strongest,
    value_of,
    weeks_of,
)
from .wording import FORM_WORDS, join_words, number

# ---------------------------------------------------------------- why this step

MAX_NAMED = 3
MAX_RECOGNISED = 2  # recognised programmes named that do not fit the hours
MAX_UNSOURCED = 3  # titles of entries without a source named in one advice line


def hours_text(value: float) -> str:
    """Hours the Dutch way: whole hours from 3 on, else one decimal (1,5)."""
    if value >= 3 or value == int(value):
        return str(round(value))
    return number(value)


def _short(hours: float, budget: float) -> str:
    """How many hours a month are missing, from the hours as shown (9, not 8,66)."""
    shown = round(hours) if hours >= 3 else round(hours, 1)
    return hours_text(max(round(shown - budget, 1), 0.1))


def _names(gap_ids: Sequence[str], ctx: Context) -> list[str]:
    return [f"'{ctx.gap(g).name}'" for g in gap_ids]


def _gap_list(framework: Framework, gap_ids: Sequence[str], ctx: Context) -> str:
    items = []
    for gap_id in gap_ids[:MAX_NAMED]:
        gap = ctx.gap(gap_id)
        label = framework.importance_label(gap.importance).lower()
        items.append(ctx.say("punt", naam=gap.name, score=number(gap.score), belang=label))
    rest = len(gap_ids) - MAX_NAMED
    if rest > 0:
        items.append(ctx.say("meer_punten_een") if rest == 1 else ctx.say("meer_punten", aantal=rest))
    return join_words(items)


def form_sentence(course: Course, ctx: Context) -> str:
    liked = [f for f in course.forms if f in ctx.preferred]
    if liked:
        return ctx.say("vorm_gekozen", vorm=FORM_WORDS[liked[0]])
    return ctx.say(f"vorm_{course.forms[0].value}")


def _note(course: Course, served: tuple[str, ...], ctx: Context) -> str | None:
    weeks = weeks_of(course)
    if ctx.behaviour and is_behaviour_programme(course, served) and weeks and weeks >= BEHAVIOUR_WEEKS[0]:
        return ctx.say("gedrag_weken", weken=weeks)
    if is_network_guidance(course) and needs_network_guidance(ctx.profile, ctx.today):
        return ctx.say("netwerk_steun")
    if course.region is not None:
        return ctx.say("regio", regio=course.region)
    return None


def reason(framework: Framework, course: Course, served: tuple[str, ...], ctx: Context) -> str:
    sentences = [ctx.say("reden", punten=_gap_list(framework, served, ctx)), form_sentence(course, ctx)]
    note = _note(course, served, ctx)
    if note:
        sentences.append(note)
    return " ".join(sentences)


def worker_ask(course: Course, ctx: Context) -> str:
    return ctx.say("via_begeleider") if course.access == "via-begeleider" else ""


# ---------------------------------------------------------------- what did not fit, and why


def _forms_text(forms: Sequence[LearningForm]) -> str:
    return join_words([FORM_WORDS[f] for f in forms]) if forms else ""


def later_items(
    pool: Sequence[Candidate],
    any_form: Sequence[Candidate],
    plan: Plan,
    covered: set[str],
    ctx: Context,
    forms: Sequence[LearningForm] | None,
) -> tuple[list[LaterItem], list[str]]:
    """Each priority gap without a step: an offer that did not fit (later) or none at all (uncovered)."""
    later: list[LaterItem] = []
    uncovered: list[str] = []
    budget = hours_text(ctx.budget)
    full = len(plan.picked) >= MAX_STEPS
    for gap in ctx.gaps:
        if gap.id in covered:
            continue
        offers = [c for c in pool if gap.id in c.serves]
        if offers:
            fitting = [c for c in offers if c.hours <= ctx.budget + EPSILON]
            best = strongest(fitting or offers, gap.id, ctx)
            hours = hours_text(best.hours)
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
            best = strongest(other_forms, gap.id, ctx)
            text = ctx.say("later_vorm", vormen=_forms_text(forms), andere=_forms_text(best.course.forms))
            later.append(LaterItem(gap.id, best.course, "vorm", text))
            continue
        uncovered.append(gap.id)
    return later, uncovered


# ---------------------------------------------------------------- advice


def advice_left_out(
    later: Sequence[LaterItem], ctx: Context, forms: Sequence[LearningForm] | None, hours: int | None
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
        lines.append(ctx.say("te_weinig_uren", punten=names, budget=hours_text(ctx.budget)))
    return lines


def advice_done(uncovered: Sequence[str], done_courses: Sequence[Course], ctx: Context) -> list[str]:
    """A gap whose only offers the family has done already: no new step, but a conversation."""
    lines = []
    for gap_id in uncovered:
        did = [c.title for c in done_courses if gap_id in c.competencies]
        if did:
            lines.append(ctx.say("al_gedaan", titels=join_words(did), naam=_names([gap_id], ctx)[0]))
    return lines


def advice_unsourced(
    catalogue: Catalogue,
    uncovered: Sequence[str],
    ctx: Context,
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


def advice_thin(framework: Framework, catalogue: Catalogue, ctx: Context) -> list[str]:
    """A country whose catalogue serves fewer than half of the competencies: say so, with its contact."""
    country = ctx.profile.country
    count, total = country_coverage(framework, catalogue, country, ctx.advice, ctx.today)
    contact = ctx.advice.contact(country, ctx.address)
    if total == 0 or count >= THIN_SHARE * total or contact is None:
        return []
    return [ctx.say("weinig_aanbod", aantal=count, totaal=total, contact=contact)]


def advice_time(
    pool: Sequence[Candidate], plan: Plan, ctx: Context, assumed: bool, later: Sequence[LaterItem]
) -> list[str]:
    lines = []
    budget = hours_text(ctx.budget)
    if assumed:
        lines.append(ctx.say("uren_aangenomen", uren=DEFAULT_HOURS))
    if ctx.budget <= 0:
        lines.append(ctx.say("geen_tijd"))
    too_big = [c for c in pool if c.hours > ctx.budget + EPSILON and c.course.kind in PROGRAMME_KINDS]
    closed = {g for c, _, served in plan.picked if c.course.kind in PROGRAMME_KINDS for g in served}
    start = {g.id: g.priority for g in ctx.gaps}
    if ctx.behaviour and not any(
        is_behaviour_programme(c.course, s) and (weeks_of(c.course) or 0) >= BEHAVIOUR_WEEKS[0]
        for c, _, s in plan.picked
    ):
        programmes = [
            c
            for c in too_big
            if is_behaviour_programme(c.course, c.serves) and (weeks_of(c.course) or 0) >= BEHAVIOUR_WEEKS[0]
        ]
        best = max(programmes, key=lambda c: value_of(c, start, start), default=None)
        if best is not None:
            lines.append(
                ctx.say(
                    "gedrag_programma",
                    titel=best.course.title,
                    uren=hours_text(best.hours),
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
        best = max(options, key=lambda c: value_of(c, start, start), default=None)
        if best is not None:
            lines.append(
                ctx.say(
                    "top_past_later",
                    naam=_names([top], ctx)[0],
                    titel=best.course.title,
                    uren=hours_text(best.hours),
                    tekort=_short(best.hours, ctx.budget),
                    budget=budget,
                )
            )
            return lines + _advice_recognised(too_big, plan, ctx, {best.course.id})
    return lines + _advice_recognised(too_big, plan, ctx, set())


def _advice_recognised(too_big: Sequence[Candidate], plan: Plan, ctx: Context, named: set[str]) -> list[str]:
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
                uren=hours_text(candidate.hours),
                tekort=_short(candidate.hours, ctx.budget),
                budget=hours_text(ctx.budget),
            )
        )
    return lines


def advice_guidelines(profile: Profile, plan: Plan, ctx: Context) -> list[str]:
    lines = []
    if needs_network_guidance(profile, ctx.today) and not any(
        is_network_guidance(c.course) for c, _, _ in plan.picked
    ):
        lines.append(ctx.say("netwerk_zonder_voorbereiding"))
    behaviour_named = Challenge.BEHAVIOUR in profile.challenges
    if behaviour_named and any(age >= TREATMENT_AGE for age in profile.child_ages):
        lines.append(ctx.say("behandeling_tien_plus"))
    low, high = EXTENDED_CARE_AGES
    if any(low <= age < high for age in profile.child_ages):
        lines.append(ctx.say("bijna_volwassen"))
    return lines
