"""Saved reflections over time: the report plans the route as on the day of the reflection."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pleegreflectie.flow import Sitting, StepKind
from pleegreflectie.history import compare_saved, report_of
from pleegreflectie.load import Source, load_framework, parse_catalogue
from pleegreflectie.models import Framework
from pleegreflectie.store import Store

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
    while (step := sitting.next_step(framework)) is not None:
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
        comparison = compare_saved(store, framework, catalogue, first, second)
    zorgen = comparison.pillars[0]
    assert (zorgen.before, zorgen.after, zorgen.verdict) == (2.0, 4.0, "gegroeid")
    assert comparison.route_done == (("training-tot-2025", "Training die eind 2025 stopt"),)
    assert comparison.route_not_done == ()
