"""Gaps + profile + catalogue -> a personal learning route. Pure and deterministic.

CONTRACT (kept stable for cli.py, view.py, report.py and export.py):
    plan_route(framework, catalogue, answers, result, *, forms=None, hours=None, today) -> Route
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from .models import Answers, Catalogue, Course, Framework, LearningForm
from .scoring import Result

Phase = Literal["nu", "daarna", "later"]


@dataclass(frozen=True)
class RouteStep:
    course: Course
    phase: Phase
    competencies: tuple[str, ...]  # the family's priority gaps this entry serves here
    reason: str  # Dutch, B1: why this step, with the family's own scores and importance, and why this form
    via_worker: bool  # toegang: via-begeleider -> "Vraag je pleegzorgbegeleider naar ..."
    hours_per_month: float | None  # estimated load while it runs; None when unknown


@dataclass(frozen=True)
class Route:
    steps: tuple[RouteStep, ...]
    uncovered: tuple[str, ...]  # competency ids of priority gaps that nothing in the catalogue serves
    share: tuple[str, ...]  # competency ids of strengths to share with other foster parents
    advice: tuple[str, ...]  # general advice lines in Dutch (talk to the worker, informal options, ...)


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
    raise NotImplementedError
