"""`overzicht` in one query: the store's summary equals loading every reflection (the slow way)."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pleegreflectie.cli import OVERVIEW_LIMIT, app
from pleegreflectie.flow import Sitting, Step, StepKind, from_answers, new_sitting
from pleegreflectie.models import Answers, Framework, Special
from pleegreflectie.profile import country_of
from pleegreflectie.profile_file import bundled_questions
from pleegreflectie.store import Store

QUESTIONS = bundled_questions()  # the questions about the family, read at the edge


def _value(rng: random.Random, sitting: Sitting, step: Step) -> Any:
    """A value the interview could have recorded at this step, or None to skip it."""
    if step.kind == StepKind.SETUP:
        if step.key == "wie":
            return {"samen": rng.random() < 0.4, "begeleider": rng.random() < 0.4}
        return ["Anna", "Bas"]
    if step.kind == StepKind.PROFILE:
        field = bundled_questions().question(step.key, country_of(sitting.profile))
        choices = [c.value for c in field.choices]
        return {
            "text": lambda: f"Gezin {rng.randint(1, 3)}",
            "choice": lambda: rng.choice(choices),
            "multi": lambda: rng.sample(choices, rng.randint(1, 2)),
            "yesno": lambda: rng.random() < 0.5,
            "number": lambda: rng.randint(0, 10),
            "numbers": lambda: [rng.randint(0, 17)],
            "month": lambda: f"20{rng.randint(10, 24)}-0{rng.randint(1, 9)}",
        }[field.kind]()
    if step.kind == StepKind.QUESTION:
        return rng.choice([1, 2, 3, 4, 5, Special.DONT_KNOW])
    if step.kind in (StepKind.NOTE, StepKind.WORKER_NOTE):
        return rng.choice([None, "Een notitie."])
    if step.kind == StepKind.AGREEMENT:
        return rng.choice([None, {"wat": "Samen naar de training", "wie": "Anna"}])
    if step.kind == StepKind.NEXT_VISIT:
        return rng.choice([None, "2026-02-01"])
    return None  # priority: skipped


def _interview(rng: random.Random, framework: Framework) -> Sitting:
    """A random interview: answers, skips, going back, a worker joining later, a pillar added."""
    pillar_ids = [p.id for p in framework.pillars]
    chosen = sorted(rng.sample(pillar_ids, rng.randint(1, 3)), key=pillar_ids.index)
    sitting = new_sitting(chosen, worker=True if rng.random() < 0.2 else None)
    for _ in range(rng.randint(0, 140)):
        roll = rng.random()
        if roll < 0.1:
            sitting.back()
            continue
        if roll < 0.12:
            sitting.reopen_worker_part()
            continue
        if roll < 0.14:
            extra = rng.choice(pillar_ids)
            sitting.pillar_ids = [p for p in pillar_ids if p in {*sitting.pillar_ids, extra}]
            continue
        step = sitting.next_step(framework, QUESTIONS)
        if step is None:
            break
        value = _value(rng, sitting, step)
        if value is None or rng.random() < 0.1:
            sitting.skip(step)
        else:
            sitting.record(step, value)
    return sitting


def test_pillars_done_from_the_summary_equal_the_slow_way(tmp_path: Path, framework: Framework) -> None:
    rng = random.Random(20261123)
    with Store.open(tmp_path / "opslag") as store:
        store._connection.execute("PRAGMA synchronous = OFF")  # type: ignore[union-attr]
        for _ in range(300):
            sitting = _interview(rng, framework)
            store.create(sitting, household=None, framework_version=framework.version)
        summary = store.overview()
        slow = [(info, store.load(info.id)[1].pillars_done(framework)) for info in store.list()]
        assert summary == slow
        assert store.overview(40) == slow[-40:]  # the newest, through the other query
        # the walk reaches every interesting case: none, some and all pillars done, with a worker
        counts = {(len(done) == 0, len(done) == len(info.pillar_ids)) for info, done in summary}
        assert counts == {(True, False), (False, False), (False, True)}
        assert any(store.load(info.id)[1].with_worker and done for info, done in summary)


def test_an_answers_file_and_a_duo_count_all_pillars_done(
    tmp_path: Path, framework: Framework, oma: Answers
) -> None:
    pillar_ids = [p.id for p in framework.pillars]
    with Store.open(tmp_path / "opslag") as store:
        one = store.create(
            from_answers(framework, oma, pillar_ids, QUESTIONS), household=None, framework_version="1"
        )
        duo = from_answers(framework, oma, pillar_ids, QUESTIONS)
        duo.setup = {"samen": True, "deelnemers": ["Anna", "Bas"], "begeleider": True}
        duo.history = [step.id for step in duo.plan(framework, QUESTIONS)]
        two = store.create(duo, household=None, framework_version="1")
        duo.reopen_worker_part()  # the worker's notes are asked again: no pillar is done now
        store.save(two, duo)
        assert [(info.id, done) for info, done in store.overview()] == [(one, pillar_ids), (two, [])]
        assert [info.answer_count for info, _ in store.overview()] == [
            store.info(one).answer_count,
            store.info(two).answer_count,
        ]


def _fill(home: Path, framework: Framework, oma: Answers, count: int) -> None:
    pillar_ids = [p.id for p in framework.pillars]
    with Store.open(home) as store:
        store._connection.execute("PRAGMA synchronous = OFF")  # type: ignore[union-attr]
        for number in range(count):
            sitting = from_answers(framework, oma, pillar_ids, QUESTIONS)
            sitting.profile["huishouden"] = f"Gezin {number + 1}"
            store.finish(store.create(sitting, household=None, framework_version="1"), route_ids=[])


def test_a_long_overview_shows_the_newest_and_counts_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, framework: Framework, oma: Answers
) -> None:
    home = tmp_path / "opslag"
    monkeypatch.setenv("PLEEGREFLECTIE_HOME", str(home))
    total = OVERVIEW_LIMIT + 7
    _fill(home, framework, oma, total)
    runner = CliRunner()
    shown = runner.invoke(app, ["overzicht"])
    assert shown.exit_code == 0, shown.output
    text = " ".join(shown.stdout.split())
    assert f"De laatste {OVERVIEW_LIMIT} reflecties, en nog 7 eerder." in text
    assert "pleegreflectie overzicht --alles" in text
    assert f"Gezin {total} " in text and "Gezin 8 " in text and "Gezin 7 " not in text
    everything = runner.invoke(app, ["overzicht", "--alles"])
    assert everything.exit_code == 0, everything.output
    assert "eerder" not in everything.stdout
    assert "Gezin 1 " in everything.stdout and f"Gezin {total} " in everything.stdout
    listed = json.loads(runner.invoke(app, ["overzicht", "--json"]).stdout)
    assert [row["id"] for row in listed] == list(range(1, total + 1))
    assert all(row["pijlers_klaar"] == [p.id for p in framework.pillars] for row in listed)
    assert set(listed[0]) == {
        "id",
        "huishouden",
        "gemaakt",
        "bijgewerkt",
        "status",
        "pijlers",
        "pijlers_klaar",
        "antwoorden",
    }


def test_the_count_of_earlier_reflections_is_written_the_dutch_way(
    tmp_path: Path, framework: Framework, oma: Answers
) -> None:
    import io

    from rich.console import Console

    from pleegreflectie.view import show_overview

    _fill(tmp_path / "opslag", framework, oma, 1)
    with Store.open(tmp_path / "opslag") as store:
        rows = store.overview()
    out = io.StringIO()
    show_overview(Console(file=out, width=80), framework, rows, earlier=1250)
    assert "en nog 1.250 eerder" in " ".join(out.getvalue().split())
