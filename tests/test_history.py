"""Saved reflections over time: the report plans the route as on the day of the reflection."""

from __future__ import annotations

import builtins
import io
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from test_route import DUO_LOW, DUO_PROFILE, _bundled, _duo, _framework, answers, ids, plan_with

from pleegreflectie.advice_file import load_advice
from pleegreflectie.flow import PREVIOUS_ROUTE_KEY, Sitting, Step, StepKind
from pleegreflectie.history import compare_saved, outcome_of, report_of
from pleegreflectie.load import load_framework, parse_catalogue
from pleegreflectie.models import Answers, Framework
from pleegreflectie.profile_file import bundled_questions
from pleegreflectie.signals_file import load_signals
from pleegreflectie.store import Store
from pleegreflectie.yamlfile import Source

QUESTIONS = bundled_questions()  # the questions about the family, read at the edge

CATALOGUE = """\
versie: "test"
aanbod:
  - id: training-tot-2025
    titel: "Training die eind 2025 stopt"
    aanbieder: "Organisatie"
    beschrijving: "Je leert omgaan met gedrag."
    competenties: [zorgen.gedrag]
    soort: training
    vorm: groep
    toegang: zelf
    land: nl
    laatst_gecontroleerd: 2026-11-01
    duur: {weken: 8, uren: 4}
    geldig_tot: 2025-12-31
"""


def finished(store: Store, framework: Framework, household: str, answer: int, route: list[str]) -> int:
    sitting = Sitting(pillar_ids=["zorgen"], ask_profile=False)
    while (step := sitting.next_step(framework, QUESTIONS)) is not None:
        sitting.record(step, answer if step.kind == StepKind.QUESTION else None)
    sitting.profile["huishouden"] = household
    reflection_id = store.create(sitting, household=household, framework_version=framework.version)
    store.finish(reflection_id, route_ids=route)
    return reflection_id


def test_the_report_of_an_old_reflection_keeps_its_route(tmp_path: Path) -> None:
    framework = load_framework()
    catalogue = parse_catalogue(framework, Source("test.yaml", CATALOGUE))
    march = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
    with Store.open(tmp_path, clock=lambda: march) as store:
        reflection_id = finished(store, framework, "Gezin H", 2, ["training-tot-2025"])
        report = report_of(store, framework, catalogue, reflection_id)
    # The entry expired after the reflection, but the report shows the route of that day.
    assert "Training die eind 2025 stopt" in report
    assert "1 maart 2025" in report


def test_compare_saved_reports_growth_and_the_steps_done(tmp_path: Path) -> None:
    framework = load_framework()
    catalogue = parse_catalogue(framework, Source("test.yaml", CATALOGUE))
    with Store.open(tmp_path) as store:
        first = finished(store, framework, "Gezin H", 2, ["training-tot-2025"])
        second = finished(store, framework, "Gezin H", 4, [])
        store.set_route_done(second, ["training-tot-2025"])
        comparison = compare_saved(store, framework, catalogue, first, second, advice=load_advice())
    zorgen = comparison.pillars[0]
    assert (zorgen.before, zorgen.after, zorgen.verdict) == (2.0, 4.0, "gegroeid")
    assert comparison.route_done == (("training-tot-2025", "Training die eind 2025 stopt"),)
    assert comparison.route_not_done == ()


# ---------------------------------------------------------------- the previous route (issue 8)


def _finish(store: Store, sitting: Sitting, route_ids: list[str]) -> int:
    framework = _framework()
    reflection_id = store.create(sitting, household="Sanne en Ahmed", framework_version=framework.version)
    store.set_route_done(reflection_id, sitting.route_done)
    store.finish(reflection_id, route_ids=route_ids)
    return reflection_id


def _sitting(family: Answers) -> Sitting:
    from pleegreflectie.flow import from_answers

    return from_answers(_framework(), family, [p.id for p in _framework().pillars], QUESTIONS)


def test_the_report_never_says_done_next_to_a_step_of_the_new_route(tmp_path: Path) -> None:
    framework = _framework()
    duo = _duo()
    first_route, _ = plan_with(duo)
    with Store.open(tmp_path) as store:
        first = _finish(store, _sitting(duo), ids(first_route))
        again = _sitting(duo)
        again.previous_route = ids(first_route)
        again.extra[PREVIOUS_ROUTE_KEY] = ids(first_route)[:2]
        again.history.append(Step(StepKind.PREVIOUS_ROUTE, PREVIOUS_ROUTE_KEY).id)
        second = _finish(store, again, [])
        report = report_of(store, framework, _bundled(), second)
        comparison = compare_saved(store, framework, _bundled(), first, second, advice=load_advice())
    done_titles = [title for _, title in comparison.route_done]
    assert len(done_titles) == 2
    new_route = report.split("## Jullie leerroute", 1)[1].split("## Om te bespreken", 1)[0]
    assert "Dit hebben jullie gedaan" in report
    for title in done_titles:
        assert title not in new_route
    # the rest of the previous route: the family was asked, so "nog niet gedaan" is what they said
    assert [i for i, _ in comparison.route_not_done] == ids(first_route)[2:]


def test_a_step_is_not_done_only_when_the_family_was_asked(tmp_path: Path) -> None:
    framework = _framework()
    duo = answers(framework, DUO_PROFILE, DUO_LOW)
    first_route, _ = plan_with(duo)
    with Store.open(tmp_path) as store:
        first = _finish(store, _sitting(duo), ids(first_route))
        second = _finish(store, _sitting(duo), [])  # never asked about the previous route
        comparison = compare_saved(store, framework, _bundled(), first, second, advice=load_advice())
        report = report_of(store, framework, _bundled(), second)
    assert comparison.route_not_done == ()
    assert [i for i, _ in comparison.route_unknown] == ids(first_route)
    assert "niet gedaan" not in report
    assert "niet gevraagd" in report


def test_an_outcome_is_computed_without_reading_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The signal rules and the route's sentences are read at the edge and passed in: computing the
    outcome opens no file, not even the sitting's own signals file (gone here)."""
    framework = _framework()
    catalogue, rules, advice = _bundled(), load_signals(framework), load_advice()
    sitting = Sitting(pillar_ids=["zorgen"], ask_profile=False)
    while (step := sitting.next_step(framework, QUESTIONS)) is not None:
        sitting.record(step, 1 if step.kind == StepKind.QUESTION else None)
    sitting.signals_path = str(tmp_path / "eigen-signalen.yaml")

    def no_file(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"a file was read while computing: {args}")

    for owner, name in (
        (builtins, "open"),
        (io, "open"),
        (Path, "open"),
        (Path, "is_file"),
        (Path, "exists"),
    ):
        monkeypatch.setattr(owner, name, no_file)
    try:
        outcome = outcome_of(
            framework, catalogue, sitting, rules=rules, advice=advice, today=date(2026, 11, 1)
        )
    finally:
        monkeypatch.undo()
    assert outcome.signals_note is None and outcome.signals_version == rules.version
    assert outcome.result.gaps and outcome.route.steps
