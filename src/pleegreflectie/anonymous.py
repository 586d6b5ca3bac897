"""One finished reflection as an anonymous record for the organisation's overview. Pure.

What goes in is chosen field by field (never copied from the answers): the coarse profile, the scores,
the priorities, the ids of the route's steps and of the signals. No label, note, agreement, free text,
date or name can reach a record: the record type has no field for them, and every id is checked
against the framework or the catalogue it was made with.
"""

from __future__ import annotations

import datetime as dt

from .models import Answers, Catalogue, Framework
from .organisation import (
    AGE_BANDS,
    FORMAT,
    AgeBand,
    AnonProfile,
    AnonRecord,
    Versions,
    age_band,
    period_of,
    placement_band,
)
from .route import Route
from .scoring import Result

MOST_IMPORTANT = 3  # "heel belangrijk": what the family picked as most important now


def months_between(since: str, day: dt.date) -> int | None:
    """Whole months from 'JJJJ-MM' to `day` (None when the month lies after it)."""
    year, month = (int(part) for part in since.split("-"))
    months = (day.year - year) * 12 + (day.month - month)
    return months if months >= 0 else None


def anonymous_profile(answers: Answers, day: dt.date) -> AnonProfile:
    profile = answers.profile
    bands: list[AgeBand] = sorted({age_band(a) for a in profile.child_ages}, key=_band_order)
    months = months_between(profile.placement_since, day) if profile.placement_since else None
    return AnonProfile(
        country=profile.country,
        parent_kind=profile.parent_kind,
        care_kinds=tuple(sorted(set(profile.care_kinds))),
        age_bands=tuple(bands),
        placement=placement_band(months) if months is not None else None,
        own_children=profile.own_children,
    )


def _band_order(band: str) -> int:
    return AGE_BANDS.index(band)


def record_for(
    framework: Framework,
    catalogue: Catalogue,
    answers: Answers,
    result: Result,
    route: Route,
    signal_ids: list[str],
    *,
    household: str,
    record: str,
    finished: dt.date,
    signals_version: str | None,
) -> AnonRecord:
    """The anonymous record of one finished reflection of a household that agreed to count."""
    competencies = {c.id for c in framework.competencies()}
    courses = {c.id for c in catalogue.entries}
    scores = {c.id: round(c.score, 2) for c in result.competencies() if c.score is not None}
    priorities = sorted(k for k, v in answers.importance.items() if v >= MOST_IMPORTANT and k in competencies)
    steps = [step.course.id for step in route.steps if step.course.id in courses]
    return AnonRecord(
        format=FORMAT,
        household=household,
        record=record,
        period=period_of(finished.year, finished.month),
        versions=Versions(framework=framework.version, catalogue=catalogue.version, signals=signals_version),
        profile=anonymous_profile(answers, finished),
        scores=scores,
        priorities=tuple(priorities),
        route=tuple(steps),
        signals=tuple(signal_ids),
    )
