"""The Sitting: its plan of steps, recording, going back, skipping, resuming and progress."""

from __future__ import annotations

from pathlib import Path

import pytest

from pleegreflectie.answers_file import load_answers
from pleegreflectie.flow import (
    Progress,
    Sitting,
    Step,
    StepKind,
    from_answers,
    low_competencies,
    new_sitting,
    progress,
)
from pleegreflectie.models import Framework, ParentKind, Special
from pleegreflectie.profile_file import bundled_questions

QUESTIONS = bundled_questions()  # the questions about the family, read at the edge

PROFILE_KEYS = QUESTIONS.key_order()

ZORGEN_QUESTIONS = [
    "zorgen.gezondheid.weten",
    "zorgen.gezondheid.doen",
    "zorgen.gedrag.weten",
    "zorgen.gedrag.doen",
    "zorgen.contact-ouders.weten",
    "zorgen.contact-ouders.doen",
    "zorgen.wennen.weten",
    "zorgen.wennen.doen",
    "zorgen.ambassadeur.weten",
    "zorgen.ambassadeur.doen",
]


def ids(steps: list[Step]) -> list[str]:
    return [s.id for s in steps]


def question(key: str) -> Step:
    return Step(StepKind.QUESTION, key, key.split(".")[0])


def importance(key: str) -> Step:
    return Step(StepKind.IMPORTANCE, key, key.split(".")[0])


def priority(pillars: str) -> Step:
    return Step(StepKind.PRIORITY, pillars)


def note(pillar: str) -> Step:
    return Step(StepKind.NOTE, pillar, pillar)


def profile(key: str) -> Step:
    return Step(StepKind.PROFILE, key)


def answer_all(framework: Framework, sitting: Sitting, value: int) -> list[str]:
    """Answer every remaining step: questions with `value`, every low competency very important,
    profile and notes empty."""
    asked = []
    while (step := sitting.next_step(framework, QUESTIONS)) is not None:
        asked.append(step.id)
        if step.kind == StepKind.QUESTION:
            sitting.record(step, value)
        elif step.kind == StepKind.IMPORTANCE:
            sitting.record(step, 3)
        elif step.kind == StepKind.PRIORITY:
            low = low_competencies(framework, sitting.pillar_ids, sitting.to_answers())
            sitting.record(step, {c: 3 for c in low})
        else:
            sitting.record(step, None)
        assert len(asked) < 200, "the sitting never ends"
    return asked


# ---------------------------------------------------------------- the plan


def test_profile_steps_come_first_without_preparation_question(framework: Framework) -> None:
    plan = Sitting(pillar_ids=["zorgen"]).plan(framework, QUESTIONS)
    keys = [k for k in PROFILE_KEYS if k != "voorbereiding"]
    assert keys[0] == "land"  # the country first: a Flemish family reads Flemish words at once
    assert ids(plan[: len(keys)]) == [f"profiel:{k}" for k in keys]
    assert all(s.kind != StepKind.PROFILE for s in plan[len(keys) :])
    assert all(s.pillar_id is None for s in plan[: len(keys)])


def test_preparation_is_asked_only_for_network_foster_parents(framework: Framework) -> None:
    network = Sitting(pillar_ids=["zorgen"], profile={"pleegouder": "netwerk"}).plan(framework, QUESTIONS)
    registered = Sitting(pillar_ids=["zorgen"], profile={"pleegouder": "bestand"}).plan(framework, QUESTIONS)
    at = ids(network).index("profiel:pleegouder")
    assert ids(network)[at : at + 2] == ["profiel:pleegouder", "profiel:voorbereiding"]
    assert "profiel:voorbereiding" not in ids(registered)


def test_no_profile_steps_when_not_asked(framework: Framework) -> None:
    plan = Sitting(pillar_ids=["zorgen"], ask_profile=False).plan(framework, QUESTIONS)
    assert ids(plan) == [f"vraag:{q}" for q in ZORGEN_QUESTIONS] + ["notitie:zorgen"]


def test_questions_per_chosen_pillar_in_framework_order_with_a_note_each(framework: Framework) -> None:
    plan = Sitting(pillar_ids=["opvoeden", "zorgen"], ask_profile=False).plan(framework, QUESTIONS)
    assert {s.pillar_id for s in plan} == {"zorgen", "opvoeden"}
    assert ids(plan)[:11] == [f"vraag:{q}" for q in ZORGEN_QUESTIONS] + ["notitie:zorgen"]
    opvoeden = [s for s in plan if s.pillar_id == "opvoeden"]
    assert len([s for s in opvoeden if s.kind == StepKind.QUESTION]) == 10
    assert plan[-1] == note("opvoeden")


def test_all_pillars_plan(framework: Framework) -> None:
    plan = Sitting(pillar_ids=[p.id for p in framework.pillars], ask_profile=False).plan(framework, QUESTIONS)
    assert len([s for s in plan if s.kind == StepKind.QUESTION]) == 48
    assert [s.key for s in plan if s.kind == StepKind.NOTE] == [p.id for p in framework.pillars]


def test_own_children_questions_leave_the_plan_when_there_are_none(framework: Framework) -> None:
    def questions(own: bool | None) -> list[str]:
        sitting = Sitting(pillar_ids=["functioneren"], profile={"eigen_kinderen": own}, ask_profile=False)
        return [s.key for s in sitting.plan(framework, QUESTIONS) if s.kind == StepKind.QUESTION]

    assert "functioneren.eigen-kinderen.weten" not in questions(False)
    assert len(questions(False)) == 8
    assert "functioneren.eigen-kinderen.weten" in questions(True)
    assert len(questions(None)) == 10


def test_one_priority_step_per_sitting_with_the_low_competencies(framework: Framework) -> None:
    sitting = Sitting(pillar_ids=["zorgen"], ask_profile=False)
    sitting.answers.update(
        {
            "zorgen.gezondheid.weten": 5,
            "zorgen.gezondheid.doen": 4,  # 4.5
            "zorgen.gedrag.weten": 3,
            "zorgen.gedrag.doen": 4,  # 3.5
            "zorgen.contact-ouders.weten": 1,
            "zorgen.contact-ouders.doen": Special.DONT_KNOW,  # 1.0
            "zorgen.wennen.weten": Special.DONT_KNOW,
            "zorgen.wennen.doen": Special.NOT_APPLICABLE,  # no score
        }
    )
    plan = sitting.plan(framework, QUESTIONS)
    assert [s.id for s in plan if s.kind in (StepKind.IMPORTANCE, StepKind.PRIORITY)] == ["prioriteit:zorgen"]
    assert low_competencies(framework, ["zorgen"], sitting.to_answers()) == [
        "zorgen.gedrag",
        "zorgen.contact-ouders",
    ]
    # The priority step comes last, after the note of the last pillar.
    assert plan[-1] == priority("zorgen")
    assert plan[-2] == note("zorgen")


def test_the_chosen_competencies_are_very_important_the_others_important(framework: Framework) -> None:
    sitting = Sitting(pillar_ids=["zorgen"], ask_profile=False)
    for key in ZORGEN_QUESTIONS:
        sitting.record(question(key), 2)
    sitting.record(note("zorgen"), "")
    assert sitting.next_step(framework, QUESTIONS) == priority("zorgen")
    sitting.record(priority("zorgen"), {"zorgen.gedrag": 3, "zorgen.wennen": 2})
    assert sitting.to_answers().importance == {"zorgen.gedrag": 3, "zorgen.wennen": 2}


def test_all_low_answers_ask_one_priority_question(framework: Framework) -> None:
    sitting = Sitting(pillar_ids=["zorgen", "opvoeden"], ask_profile=False)
    asked = answer_all(framework, sitting, 2)
    assert [a for a in asked if a.startswith(("prioriteit", "belang"))] == ["prioriteit:zorgen,opvoeden"]
    assert sitting.to_answers().importance == {
        c.id: 3 for p in ("zorgen", "opvoeden") for c in framework.pillar(p).competencies
    }


def test_all_high_answers_ask_no_importance(framework: Framework) -> None:
    sitting = Sitting(pillar_ids=["zorgen"], ask_profile=False)
    asked = answer_all(framework, sitting, 4)
    assert asked == [f"vraag:{q}" for q in ZORGEN_QUESTIONS] + ["notitie:zorgen"]
    assert sitting.importance == {}
    assert sitting.is_complete(framework, QUESTIONS)


# ---------------------------------------------------------------- record, skip, back


def test_record_stores_the_value_and_moves_on(framework: Framework) -> None:
    sitting = Sitting(pillar_ids=["zorgen"], ask_profile=False)
    first = sitting.next_step(framework, QUESTIONS)
    assert first == question("zorgen.gezondheid.weten")
    sitting.record(first, 4)
    assert sitting.answers == {"zorgen.gezondheid.weten": 4}
    assert sitting.history == ["vraag:zorgen.gezondheid.weten"]
    assert sitting.value(first) == 4
    assert sitting.next_step(framework, QUESTIONS) == question("zorgen.gezondheid.doen")


def test_record_of_an_empty_value_removes_the_old_one(framework: Framework) -> None:
    sitting = Sitting(pillar_ids=["zorgen"], ask_profile=False, notes={"zorgen": "oud"})
    sitting.record(note("zorgen"), "")
    assert sitting.notes == {}
    sitting.record(profile("uitdagingen"), [])
    assert "uitdagingen" not in sitting.profile
    assert sitting.history == ["notitie:zorgen", "profiel:uitdagingen"]


def test_skip_marks_the_step_without_a_value(framework: Framework) -> None:
    sitting = Sitting(pillar_ids=["zorgen"], ask_profile=False)
    step = sitting.next_step(framework, QUESTIONS)
    assert step is not None
    sitting.skip(step)
    assert sitting.answers == {}
    assert sitting.skipped == [step.id]
    assert sitting.history == [step.id]
    assert sitting.next_step(framework, QUESTIONS) == question("zorgen.gezondheid.doen")
    # Answering it later takes it off the skipped list.
    sitting.record(step, 2)
    assert sitting.skipped == []
    assert sitting.history == [step.id]  # handled once, not twice


def test_back_reopens_the_last_step(framework: Framework) -> None:
    sitting = Sitting(pillar_ids=["zorgen"], ask_profile=False)
    for key, value in [("zorgen.gezondheid.weten", 4), ("zorgen.gezondheid.doen", 5)]:
        sitting.record(question(key), value)
    assert sitting.back() is True
    assert sitting.next_step(framework, QUESTIONS) == question("zorgen.gezondheid.doen")
    assert sitting.value(question("zorgen.gezondheid.doen")) == 5  # kept as the default
    assert sitting.back() is True
    assert sitting.next_step(framework, QUESTIONS) == question("zorgen.gezondheid.weten")
    assert sitting.back() is False  # nothing before the first step


def test_back_over_a_skipped_step_clears_the_skip(framework: Framework) -> None:
    sitting = Sitting(pillar_ids=["zorgen"], ask_profile=False)
    step = question("zorgen.gezondheid.weten")
    sitting.skip(step)
    assert sitting.back() is True
    assert sitting.skipped == []
    assert sitting.next_step(framework, QUESTIONS) == step


def test_back_from_the_priority_step_reopens_it_then_the_note(framework: Framework) -> None:
    sitting = Sitting(pillar_ids=["zorgen"], ask_profile=False)
    for key in ZORGEN_QUESTIONS:
        sitting.record(question(key), 2 if key.startswith("zorgen.gedrag") else 5)
    sitting.record(note("zorgen"), "")
    assert sitting.next_step(framework, QUESTIONS) == priority("zorgen")
    sitting.record(priority("zorgen"), {"zorgen.gedrag": 3})
    assert sitting.is_complete(framework, QUESTIONS)

    assert sitting.back()
    assert sitting.next_step(framework, QUESTIONS) == priority("zorgen")
    assert sitting.back()
    assert sitting.next_step(framework, QUESTIONS) == note("zorgen")
    # Higher answers for the only low competency make the priority step disappear.
    sitting.record(question("zorgen.gedrag.doen"), 5)
    sitting.record(question("zorgen.gedrag.weten"), 5)
    assert priority("zorgen") not in sitting.plan(framework, QUESTIONS)


# ---------------------------------------------------------------- resume


def test_resume_continues_at_the_first_unanswered_step(framework: Framework) -> None:
    done = [f"profiel:{k}" for k in PROFILE_KEYS if k != "voorbereiding"]
    sitting = Sitting(
        pillar_ids=["zorgen", "samenwerken"],
        profile={"pleegouder": "bestand", "eigen_kinderen": False},
        answers={"zorgen.gezondheid.weten": 4, "zorgen.gezondheid.doen": 4, "zorgen.gedrag.weten": 3},
        history=[
            *done,
            "vraag:zorgen.gezondheid.weten",
            "vraag:zorgen.gezondheid.doen",
            "vraag:zorgen.gedrag.weten",
        ],
    )
    assert sitting.next_step(framework, QUESTIONS) == question("zorgen.gedrag.doen")
    assert sitting.value(question("zorgen.gedrag.weten")) == 3
    assert not sitting.is_complete(framework, QUESTIONS)


def test_resume_picks_up_a_hole_in_the_history(framework: Framework) -> None:
    sitting = Sitting(
        pillar_ids=["zorgen"],
        ask_profile=False,
        answers={"zorgen.gezondheid.weten": 4, "zorgen.gedrag.weten": 5},
        history=["vraag:zorgen.gezondheid.weten", "vraag:zorgen.gedrag.weten"],
    )
    assert sitting.next_step(framework, QUESTIONS) == question("zorgen.gezondheid.doen")


def test_pillars_done(framework: Framework) -> None:
    sitting = Sitting(pillar_ids=["zorgen", "opvoeden"], ask_profile=False)
    assert sitting.pillars_done(framework) == []
    while (step := sitting.next_step(framework, QUESTIONS)) is not None and step.pillar_id == "zorgen":
        sitting.record(step, 4 if step.kind == StepKind.QUESTION else None)
    assert sitting.pillars_done(framework) == ["zorgen"]


def test_to_answers_and_from_answers_round_trip(framework: Framework, oma_path: Path) -> None:
    oma = load_answers(framework, oma_path)
    sitting = from_answers(framework, oma, [p.id for p in framework.pillars], QUESTIONS)
    again = sitting.to_answers()
    assert again == oma
    assert again.profile.parent_kind == ParentKind.NETWORK
    # Nothing is asked of an answers file: every step counts as handled.
    assert sitting.is_complete(framework, QUESTIONS)
    assert sitting.pillars_done(framework) == [p.id for p in framework.pillars]
    assert sitting.origin == "bestand"


def test_to_answers_turns_the_profile_into_a_typed_profile() -> None:
    sitting = Sitting(
        pillar_ids=["zorgen"],
        profile={
            "pleegouder": "netwerk",
            "voorbereiding": True,
            "leeftijden_pleegkinderen": [4, 9],
            "jaren_pleegouder": None,
        },
    )
    answers = sitting.to_answers()
    assert answers.profile.parent_kind == ParentKind.NETWORK
    assert answers.profile.prepared is True
    assert answers.profile.child_ages == (4, 9)
    assert answers.profile.years is None


# ---------------------------------------------------------------- progress


def test_progress_numbers(framework: Framework) -> None:
    sitting = Sitting(pillar_ids=["opvoeden", "zorgen"])
    assert progress(framework, sitting, profile("huishouden")) is None
    assert progress(framework, sitting, question("zorgen.gezondheid.weten")) == Progress(
        "zorgen", 1, 2, 1, 10
    )
    assert progress(framework, sitting, question("zorgen.gedrag.weten")) == Progress("zorgen", 1, 2, 3, 10)
    assert progress(framework, sitting, question("zorgen.ambassadeur.doen")) == Progress(
        "zorgen", 1, 2, 10, 10
    )
    assert progress(framework, sitting, question("opvoeden.ouderschap.weten")) == Progress(
        "opvoeden", 2, 2, 1, 10
    )
    assert progress(framework, sitting, note("opvoeden")) == Progress("opvoeden", 2, 2, 10, 10)


def test_progress_counts_only_questions_that_apply(framework: Framework) -> None:
    sitting = Sitting(pillar_ids=["functioneren"], profile={"eigen_kinderen": False})
    where = progress(framework, sitting, question("functioneren.veiligheid.weten"))
    assert where == Progress("functioneren", 1, 1, 5, 8)


def test_skipping_after_going_back_drops_the_earlier_answer(framework: Framework) -> None:
    sitting = Sitting(pillar_ids=["zorgen"], ask_profile=False)
    step = sitting.next_step(framework, QUESTIONS)
    assert step is not None
    sitting.record(step, 2)
    sitting.back()
    sitting.skip(step)
    assert step.key not in sitting.answers
    assert sitting.skipped == [step.id]


def test_an_importance_of_an_older_reflection_is_still_asked_and_forgotten_when_high(
    framework: Framework,
) -> None:
    # Reflections saved before priorities per pillar have an importance per competency.
    sitting = Sitting(pillar_ids=["zorgen"], ask_profile=False, importance={"zorgen.gezondheid": 3})
    weten, doen = framework.competency("zorgen.gezondheid").questions
    sitting.record(question(weten.id), 2)
    sitting.record(question(doen.id), 2)
    assert importance("zorgen.gezondheid") in sitting.plan(framework, QUESTIONS)
    sitting.record(question(doen.id), 5)  # 3.5: still low
    assert sitting.importance == {"zorgen.gezondheid": 3}
    sitting.record(question(weten.id), 5)  # 5.0: the importance no longer applies
    assert sitting.importance == {}
    assert importance("zorgen.gezondheid") not in sitting.plan(framework, QUESTIONS)


# ---------------------------------------------------------------- two foster parents and the worker


def test_two_foster_parents_answer_every_question_in_turn(framework: Framework) -> None:
    sitting = new_sitting(["zorgen"], together=True, worker=True)
    sitting.ask_profile = False
    assert sitting.history == ["opzet:wie"]  # said on the command line: not asked
    assert sitting.next_step(framework, QUESTIONS) == Step(StepKind.SETUP, "deelnemers")
    sitting.record(Step(StepKind.SETUP, "deelnemers"), ["Sanne", "Ahmed"])
    plan = sitting.plan(framework, QUESTIONS)
    questions = [s for s in plan if s.kind == StepKind.QUESTION]
    assert [(s.key, s.respondent) for s in questions[:2]] == [
        ("zorgen.gezondheid.weten", "Sanne"),
        ("zorgen.gezondheid.weten", "Ahmed"),
    ]
    assert questions[0].id == "vraag:zorgen.gezondheid.weten@Sanne"
    sitting.record(questions[0], 4)
    sitting.record(questions[1], 2)
    assert sitting.answers == {"zorgen.gezondheid.weten": 4}
    assert sitting.partner_answers == {"zorgen.gezondheid.weten": 2}
    answers = sitting.to_answers()
    assert answers.participants == ("Sanne", "Ahmed")
    # The worker's steps: a note after the pillar, the agreements, the next visit.
    kinds = [s.kind for s in plan]
    assert kinds[-3:] == [StepKind.WORKER_NOTE, StepKind.AGREEMENT, StepKind.NEXT_VISIT]


def test_agreements_one_by_one_until_an_empty_one(framework: Framework) -> None:
    sitting = new_sitting(["zorgen"], together=False, worker=True)
    sitting.ask_profile = False
    for key in ZORGEN_QUESTIONS:
        sitting.record(question(key), 5)
    sitting.record(note("zorgen"), "")
    sitting.record(Step(StepKind.WORKER_NOTE, "zorgen", "zorgen"), "Goed gesprek.")
    assert sitting.next_step(framework, QUESTIONS) == Step(StepKind.AGREEMENT, "1")
    sitting.record(
        Step(StepKind.AGREEMENT, "1"), {"wat": "Aanmelden", "wie": "Sanne", "wanneer": "2027-01-15"}
    )
    assert sitting.next_step(framework, QUESTIONS) == Step(StepKind.AGREEMENT, "2")
    sitting.record(Step(StepKind.AGREEMENT, "2"), None)  # empty: the list is complete
    assert sitting.next_step(framework, QUESTIONS) == Step(StepKind.NEXT_VISIT, "datum")
    sitting.record(Step(StepKind.NEXT_VISIT, "datum"), "2027-02-01")
    assert sitting.is_complete(framework, QUESTIONS)
    worker = sitting.worker_part()
    assert worker is not None
    assert [a.what for a in worker.agreements] == ["Aanmelden"]
    assert worker.notes == {"zorgen": "Goed gesprek."}
    assert str(worker.next_visit) == "2027-02-01"


def test_a_known_household_confirms_its_profile_in_one_step(framework: Framework) -> None:
    sitting = Sitting(
        pillar_ids=["zorgen"], previous_profile={"pleegouder": "netwerk", "jaren_pleegouder": 2}
    )
    sitting.record(profile("land"), "nl")
    sitting.record(profile("huishouden"), "Gezin A")
    assert sitting.next_step(framework, QUESTIONS) == Step(StepKind.PROFILE_CHECK, "profiel")
    sitting.record(Step(StepKind.PROFILE_CHECK, "profiel"), True)
    assert sitting.profile == {
        "land": "nl",
        "huishouden": "Gezin A",
        "pleegouder": "netwerk",
        "jaren_pleegouder": 2,
    }
    assert sitting.next_step(framework, QUESTIONS) == question("zorgen.gezondheid.weten")


def test_open_agreements_of_the_previous_visit_are_asked_about(framework: Framework) -> None:
    sitting = Sitting(
        pillar_ids=["zorgen"],
        ask_profile=False,
        previous_agreements=[{"wat": "Training"}, {"wat": "Bellen", "wie": "Ahmed"}],
    )
    assert sitting.next_step(framework, QUESTIONS) == Step(StepKind.FOLLOW_UP, "1")
    sitting.record(Step(StepKind.FOLLOW_UP, "1"), "gedaan")
    sitting.record(Step(StepKind.FOLLOW_UP, "2"), "bezig")
    assert [a.what for a in sitting.open_previous_agreements()] == ["Bellen"]
    assert [a.status for a in sitting.previous_agreements_with_status()] == ["gedaan", "bezig"]


def test_a_sitting_is_planned_and_answered_without_reading_a_file(
    framework: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The profile questions are read at the edge and passed in: planning, answering and the progress
    open no file, even with the bundled questions no longer in memory."""
    import builtins
    import io

    from pleegreflectie import profile_file

    questions = profile_file.load_profile_questions()
    profile_file.bundled_questions.cache_clear()

    def no_file(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"a file was read while planning: {args}")

    for owner, name in ((builtins, "open"), (io, "open"), (Path, "open"), (Path, "read_bytes")):
        monkeypatch.setattr(owner, name, no_file)
    sitting = new_sitting(["zorgen"], together=True, worker=False)
    asked = []
    try:
        while (step := sitting.next_step(framework, questions)) is not None:
            asked.append(step)
            if step.pillar_id is not None:
                assert progress(framework, sitting, step) is not None
            value = {"land": "vl", "deelnemers": ["Anna", "Bas"]}.get(step.key)
            sitting.record(step, 3 if step.kind == StepKind.QUESTION else value)
        done = sitting.pillars_done(framework)
    finally:
        monkeypatch.undo()
    assert asked[1] == Step(StepKind.PROFILE, "land")  # after the names, the country first
    assert sitting.profile["land"] == "vl"
    assert done == ["zorgen"] and sitting.is_complete(framework, questions)
