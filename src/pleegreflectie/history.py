"""Saved reflections over time: the comparison with an earlier one, and the report. No UI here."""

from __future__ import annotations

from .compare import Comparison, compare
from .conversation import kitchen_table
from .models import Catalogue, Framework
from .report import ReportMeta, render_report
from .route import plan_route
from .scoring import Result, score
from .signals import evaluate, load_signals
from .store import ReflectionInfo, Store


def result_of(store: Store, framework: Framework, reflection_id: int) -> tuple[ReflectionInfo, Result]:
    info, sitting = store.load(reflection_id)
    return info, score(framework, sitting.to_answers(), sitting.pillar_ids)


def compare_saved(
    store: Store, framework: Framework, catalogue: Catalogue, earlier_id: int, later_id: int
) -> Comparison:
    """What changed from one saved reflection to a later one; which steps of the earlier route were done."""
    earlier_info, earlier = result_of(store, framework, earlier_id)
    later_info, later = result_of(store, framework, later_id)
    return compare(
        framework,
        earlier,
        later,
        previous_route=list(earlier_info.route or []),
        done=list(later_info.route_done),
        catalogue=catalogue,
        before_date=(earlier_info.finished_at or earlier_info.updated_at).astimezone().date(),
    )


def previous_of(store: Store, info: ReflectionInfo) -> int | None:
    """The household's finished reflection before this one, if any."""
    if not info.household:
        return None
    return store.previous_for_household(info.household, before_id=info.id)


def report_of(store: Store, framework: Framework, catalogue: Catalogue, reflection_id: int) -> str:
    """The Markdown report of a saved reflection, with the comparison to the household's previous one.

    The route is planned as on the day of the reflection, so a report made later shows the same route.
    """
    info, sitting = store.load(reflection_id)
    answers = sitting.to_answers()
    result = score(framework, answers, sitting.pillar_ids)
    previous = previous_of(store, info)
    comparison = (
        compare_saved(store, framework, catalogue, previous, reflection_id) if previous is not None else None
    )
    day = (info.finished_at or info.updated_at).astimezone().date()
    meta = ReportMeta(
        reflection_id=info.id,
        household=info.household,
        date=day,
        mode=sitting.origin,
        pillar_ids=tuple(sitting.pillar_ids),
    )
    signals = evaluate(load_signals(framework), framework, answers, result)
    return render_report(
        framework=framework,
        answers=answers,
        result=result,
        route=plan_route(framework, catalogue, answers, result, today=day),
        meta=meta,
        comparison=comparison,
        catalogue_version=catalogue.version,
        table=kitchen_table(framework, sitting, answers, result, signals),
    )
