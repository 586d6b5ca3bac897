"""Saved reflections over time: the comparison with an earlier one, and the report. No UI here."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec import Struct

from .compare import Comparison, compare
from .conversation import KitchenTable, kitchen_table
from .errors import StoreError
from .flow import PREVIOUS_ROUTE_KEY, Sitting, Step, StepKind
from .models import Answers, Catalogue, Framework
from .route import Route, plan_for_sitting
from .scoring import Result, score
from .signals import SignalRules, evaluate
from .signals_file import signals_of

if TYPE_CHECKING:  # the store (sqlite3) is not needed to plan a route from an answers file
    from .advice import Advice
    from .organisation import AnonRecord
    from .store import ReflectionInfo, Store


class Outcome(Struct, frozen=True):
    """Everything a sitting leads to; the terminal, --json and the report all draw from it."""

    answers: Answers
    result: Result
    route: Route
    table: KitchenTable
    signals_note: str | None  # an organisation's own signals file is gone
    signals_version: str | None = None  # the version of the signals file the outcome used


def outcome_of(
    framework: Framework,
    catalogue: Catalogue,
    sitting: Sitting,
    *,
    rules: SignalRules,
    advice: Advice,
    today: dt.date,
    signals_note: str | None = None,
) -> Outcome:
    """Scores, the route (without the steps already done), the signals and the conversation points.

    Reads no file: the signal rules (`signals_file.signals_of` for the sitting's own file, with its
    `signals_note`) and the route's sentences (`advice_file.load_advice`) are read by the caller."""
    answers, result, route = plan_for_sitting(framework, catalogue, sitting, today=today, advice=advice)
    signals = evaluate(rules, framework, answers, result, today=today)
    table = kitchen_table(framework, sitting, answers, result, signals, route)
    return Outcome(answers, result, route, table, signals_note, rules.version)


def result_of(store: Store, framework: Framework, reflection_id: int) -> tuple[ReflectionInfo, Result]:
    info, sitting = store.load(reflection_id)
    return info, score(framework, sitting.to_answers(), sitting.pillar_ids)


def catalogue_for(framework: Framework, info: ReflectionInfo) -> tuple[Catalogue, str | None]:
    """The catalogue a reflection was made with, and a Dutch note when that file is gone.

    A reflection made with `--catalogus` remembers the file; without one, or when the file is gone,
    the bundled catalogue is used (and the note says so).
    """
    from .load import load_catalogue

    if info.catalogue_path is None:
        return load_catalogue(framework), None
    path = Path(info.catalogue_path)
    if not path.is_file():
        note = (
            f"Reflectie {info.id} is gemaakt met de catalogus {path}. Dat bestand is er niet meer. "
            "Daarom gebruiken we de meegeleverde catalogus."
        )
        return load_catalogue(framework), note
    return load_catalogue(framework, path), None


def route_asked(sitting: Sitting) -> bool:
    """Whether the family was asked which steps of the previous route they did.

    (A family that said which steps it did or is doing, in a file too, has answered it as well.)
    """
    return Step(StepKind.PREVIOUS_ROUTE, PREVIOUS_ROUTE_KEY).id in sitting.history


def compare_saved(
    store: Store,
    framework: Framework,
    catalogue: Catalogue,
    earlier_id: int,
    later_id: int,
    *,
    advice: Advice,
) -> Comparison:
    """What changed from one saved reflection to a later one; which steps of the earlier route were done.

    A step is "nog niet gedaan" only when the family was asked; otherwise its status is unknown.
    """
    earlier_info, earlier = result_of(store, framework, earlier_id)
    later_info, sitting = store.load(later_id)
    later = score(framework, sitting.to_answers(), sitting.pillar_ids)
    done = list(later_info.route_done)
    worker = frozenset(advice.worker_entries)  # an old route may name the worker: never a step
    return compare(
        framework,
        earlier,
        later,
        previous_route=[entry for entry in earlier_info.route or [] if entry not in worker],
        done=done,
        ongoing=sitting.route_ongoing,
        asked=route_asked(sitting) or bool(done or sitting.route_ongoing),
        catalogue=catalogue,
        before_date=(earlier_info.finished_at or earlier_info.updated_at).astimezone().date(),
    )


def previous_of(store: Store, info: ReflectionInfo) -> int | None:
    """The household's finished reflection before this one, if any."""
    if not info.household:
        return None
    return store.previous_for_household(info.household, before_id=info.id)


def report_of(
    store: Store,
    framework: Framework,
    catalogue: Catalogue | None,
    reflection_id: int,
    *,
    catalogue_note: str | None = None,
) -> str:
    """The Markdown report of a saved reflection, with the comparison to the household's previous one.

    The route is planned as on the day of the reflection, with the catalogue it was made with (when
    `catalogue` is None), without the steps the family has done and with those still ongoing, so a
    report made later shows the same route.
    """
    return report_and_result_of(store, framework, catalogue, reflection_id, catalogue_note=catalogue_note)[0]


def report_and_result_of(
    store: Store,
    framework: Framework,
    catalogue: Catalogue | None,
    reflection_id: int,
    *,
    catalogue_note: str | None = None,
    summary_only: bool = False,
    charts: bool = False,
) -> tuple[str, Result, Comparison | None]:
    """The Markdown report, the scores it shows and the comparison (for the charts of the HTML report).

    `summary_only`: the summary alone; `charts`: for the HTML report, which draws what the text bars
    and the table of changes show (see `report.render_report`).
    """
    from .advice_file import load_advice
    from .profile_file import bundled_questions
    from .report import ReportMeta, render_report  # here: vergelijk, hervat and route need no report

    advice = load_advice()  # this reads the store and the data files, then computes
    questions = bundled_questions()
    info, sitting = store.load(reflection_id)
    note = catalogue_note
    if catalogue is None:
        catalogue, note = catalogue_for(framework, info)
    previous = previous_of(store, info)
    comparison = None
    if previous is not None:
        try:
            comparison = compare_saved(store, framework, catalogue, previous, reflection_id, advice=advice)
        except StoreError:  # the previous reflection is damaged: this report works, without comparison
            comparison = None
    day = (info.finished_at or info.updated_at).astimezone().date()
    meta = ReportMeta(
        reflection_id=info.id,
        household=info.household,
        date=day,
        mode=sitting.origin,
        pillar_ids=tuple(sitting.pillars_done(framework)),
    )
    rules, signals_note = signals_of(framework, sitting.signals_path)
    outcome = outcome_of(
        framework, catalogue, sitting, rules=rules, advice=advice, today=day, signals_note=signals_note
    )
    text = render_report(
        framework=framework,
        answers=outcome.answers,
        result=outcome.result,
        route=outcome.route,
        meta=meta,
        profile_questions=questions,
        comparison=comparison,
        catalogue_version=catalogue.version,
        catalogue_note=" ".join(n for n in (note, outcome.signals_note) if n) or None,
        table=outcome.table,
        summary_only=summary_only,
        charts=charts,
    )
    return text, outcome.result, comparison


def anonymous_records(store: Store, framework: Framework) -> list[AnonRecord]:
    """An anonymous record of every finished reflection whose household agreed to count.

    Each reflection is scored and planned as on the day it was finished, with the catalogue and the
    signals it was made with (as its report is); the record holds only ids, bands and scores.
    """
    from .advice_file import load_advice
    from .anonymous import record_for

    advice = load_advice()  # this reads the store and the data files, then computes
    rules: dict[str | None, SignalRules] = {}  # per signals file, read once
    records = []
    for reflection_id, household, record_key in store.consenting():
        info, sitting = store.load(reflection_id)
        if info.damaged:
            continue
        catalogue, _ = catalogue_for(framework, info)
        if sitting.signals_path not in rules:
            rules[sitting.signals_path] = signals_of(framework, sitting.signals_path)[0]
        day = (info.finished_at or info.updated_at).astimezone().date()
        outcome = outcome_of(
            framework, catalogue, sitting, rules=rules[sitting.signals_path], advice=advice, today=day
        )
        signal_ids = [t.id for t in outcome.table.topics if t.kind == "signaal" and t.id]
        records.append(
            record_for(
                framework,
                catalogue,
                outcome.answers,
                outcome.result,
                outcome.route,
                signal_ids,
                household=household,
                record=record_key,
                finished=day,
                signals_version=outcome.signals_version,
            )
        )
    return records
