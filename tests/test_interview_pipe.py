"""The real questionary prompts, driven without a terminal through prompt_toolkit's pipe input."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput

from pleegreflectie.flow import Sitting, new_sitting
from pleegreflectie.interview import Interview, Stopped
from pleegreflectie.models import Competency, Framework, Pillar, Special
from pleegreflectie.profile_file import bundled_questions

QUESTIONS = bundled_questions()  # the questions about the family, read at the edge

DOWN = "\x1b[B"
ENTER = "\r"
CTRL_C = "\x03"
BACKSPACE = "\x7f"


class FakePresenter:
    """Records what the interview shows between the questions."""

    def __init__(self) -> None:
        self.intros: list[tuple[str, int, int]] = []
        self.helps: list[str] = []
        self.progress_seen: list[tuple[str, int, int, int, int]] = []
        self.messages: list[str] = []

    def pillar_intro(self, pillar: Pillar, index: int, count: int) -> None:
        self.intros.append((pillar.id, index, count))

    def help(self, competency: Competency) -> None:
        self.helps.append(competency.id)

    def progress(self, progress: Any, title: str) -> None:
        self.progress_seen.append(
            (
                title,
                progress.pillar_index,
                progress.pillar_count,
                progress.question_index,
                progress.question_count,
            )
        )

    def message(self, text: str) -> None:
        self.messages.append(text)


class Recorder:
    """on_change: a snapshot of the sitting after every change."""

    def __init__(self) -> None:
        self.snapshots: list[dict[str, Any]] = []

    def __call__(self, sitting: Sitting) -> None:
        self.snapshots.append(
            {
                "answers": dict(sitting.answers),
                "importance": dict(sitting.to_answers().importance),
                "notes": dict(sitting.notes),
                "profile": dict(sitting.profile),
                "history": list(sitting.history),
            }
        )


@pytest.fixture
def pipe() -> Iterator[PipeInput]:
    with create_pipe_input() as inp:
        yield inp


def interview(
    framework: Framework, sitting: Sitting, pipe: PipeInput, keys: str
) -> tuple[Sitting, FakePresenter, Recorder]:
    """Type `keys`, then close the pipe: too few keys end in EOFError instead of hanging."""
    presenter = FakePresenter()
    recorder = Recorder()
    pipe.send_text(keys)
    pipe.close()
    Interview(framework, presenter, prompt_input=pipe, prompt_output=DummyOutput()).run(sitting, recorder)
    return sitting, presenter, recorder


def zorgen() -> Sitting:
    return Sitting(pillar_ids=["zorgen"], ask_profile=False)


def run_expecting(
    exc: type[BaseException], framework: Framework, sitting: Sitting, pipe: PipeInput, keys: str
) -> tuple[FakePresenter, Recorder]:
    presenter = FakePresenter()
    recorder = Recorder()
    pipe.send_text(keys)
    pipe.close()
    with pytest.raises(exc):
        Interview(framework, presenter, prompt_input=pipe, prompt_output=DummyOutput()).run(sitting, recorder)
    return presenter, recorder


# ---------------------------------------------------------------- a whole pillar


ZORGEN_KEYS = (
    "55"  # gezondheid 5, 5: high
    "22"  # gedrag 2, 2: low
    "43"  # contact-ouders 4, 3 = 3.5: low
    "wn"  # wennen: weet ik niet, niet van toepassing: no score
    "45"  # ambassadeur 4, 5: high
    "Het gaat goed."
    + ENTER  # the note
    + " "
    + ENTER  # which low ones matter most: gedrag (the first box) is ticked, contact-ouders not
)


def test_a_whole_pillar_with_digit_keys(framework: Framework, pipe: PipeInput) -> None:
    sitting, presenter, _ = interview(framework, zorgen(), pipe, ZORGEN_KEYS)
    assert sitting.answers == {
        "zorgen.gezondheid.weten": 5,
        "zorgen.gezondheid.doen": 5,
        "zorgen.gedrag.weten": 2,
        "zorgen.gedrag.doen": 2,
        "zorgen.contact-ouders.weten": 4,
        "zorgen.contact-ouders.doen": 3,
        "zorgen.wennen.weten": Special.DONT_KNOW,
        "zorgen.wennen.doen": Special.NOT_APPLICABLE,
        "zorgen.ambassadeur.weten": 4,
        "zorgen.ambassadeur.doen": 5,
    }
    assert sitting.to_answers().importance == {"zorgen.gedrag": 3, "zorgen.contact-ouders": 2}
    assert sitting.notes == {"zorgen": "Het gaat goed."}
    assert sitting.skipped == []
    assert sitting.is_complete(framework, QUESTIONS)
    assert presenter.intros == [("zorgen", 1, 1)]
    assert presenter.progress_seen == [("Zorgen", 1, 1, n, 10) for n in range(1, 11)]
    assert presenter.helps == []


def test_on_change_after_every_answer(framework: Framework, pipe: PipeInput) -> None:
    sitting, _, recorder = interview(framework, zorgen(), pipe, ZORGEN_KEYS)
    # 10 questions + 1 note + 1 priority question, each saved at once.
    assert len(recorder.snapshots) == 12
    assert [len(s["history"]) for s in recorder.snapshots] == list(range(1, 13))
    assert [len(s["answers"]) for s in recorder.snapshots[:4]] == [1, 2, 3, 4]
    assert recorder.snapshots[10]["importance"] == {}
    assert recorder.snapshots[11]["importance"] == {"zorgen.gedrag": 3, "zorgen.contact-ouders": 2}
    assert recorder.snapshots[-1]["notes"] == {"zorgen": "Het gaat goed."}
    assert recorder.snapshots[-1]["answers"] == sitting.answers


def test_enter_takes_the_pointed_answer(framework: Framework, pipe: PipeInput) -> None:
    # The pointer starts on the first option: Enter answers 1; arrow down twice answers 3.
    _, recorder = run_expecting(Stopped, framework, zorgen(), pipe, ENTER + DOWN + DOWN + ENTER + "s")
    assert recorder.snapshots[-1]["answers"] == {"zorgen.gezondheid.weten": 1, "zorgen.gezondheid.doen": 3}


# ---------------------------------------------------------------- back, skip, help, stop


def test_back_reasks_the_previous_question(framework: Framework, pipe: PipeInput) -> None:
    _, recorder = run_expecting(Stopped, framework, zorgen(), pipe, "5t34s")
    assert recorder.snapshots[-1]["answers"] == {"zorgen.gezondheid.weten": 3, "zorgen.gezondheid.doen": 4}
    # on_change also after going back, so a saved sitting knows the step is open again.
    assert [s["history"] for s in recorder.snapshots[:2]] == [["vraag:zorgen.gezondheid.weten"], []]


def test_back_offers_the_earlier_answer_as_default(framework: Framework, pipe: PipeInput) -> None:
    _, recorder = run_expecting(Stopped, framework, zorgen(), pipe, "4t" + ENTER + "s")
    assert recorder.snapshots[-1]["answers"] == {"zorgen.gezondheid.weten": 4}


def test_back_on_the_first_question_says_so(framework: Framework, pipe: PipeInput) -> None:
    presenter, recorder = run_expecting(Stopped, framework, zorgen(), pipe, "t2s")
    assert any("eerste vraag" in m for m in presenter.messages)
    assert recorder.snapshots[-1]["answers"] == {"zorgen.gezondheid.weten": 2}


def test_back_from_the_note_with_the_word_terug(framework: Framework, pipe: PipeInput) -> None:
    # All 5, then 'terug' in the note: the last question again. Its new answer 1 makes the
    # competency low (3.0), so now the priority question comes after the note (nothing ticked).
    keys = "5555555555terug" + ENTER + "1" + "Klaar" + ENTER + ENTER + ENTER  # Enter twice: none ticked
    sitting, _, _ = interview(framework, zorgen(), pipe, keys)
    assert sitting.answers["zorgen.ambassadeur.doen"] == 1
    assert sitting.to_answers().importance == {"zorgen.ambassadeur": 2}
    assert sitting.notes == {"zorgen": "Klaar"}


def test_skip_leaves_the_question_open(framework: Framework, pipe: PipeInput) -> None:
    _, recorder = run_expecting(Stopped, framework, zorgen(), pipe, "o4s")
    last = recorder.snapshots[-1]
    assert last["answers"] == {"zorgen.gezondheid.doen": 4}
    assert last["history"] == ["vraag:zorgen.gezondheid.weten", "vraag:zorgen.gezondheid.doen"]


def test_help_shows_explanation_and_asks_again(framework: Framework, pipe: PipeInput) -> None:
    presenter, recorder = run_expecting(Stopped, framework, zorgen(), pipe, "552u2s")
    assert presenter.helps == ["zorgen.gedrag"]
    assert recorder.snapshots[-1]["answers"]["zorgen.gedrag.doen"] == 2
    assert len(recorder.snapshots) == 4  # asking for help changes nothing


def test_b_marks_a_question_for_the_conversation_and_asks_it_again(
    framework: Framework, pipe: PipeInput
) -> None:
    sitting = zorgen()
    presenter, _ = run_expecting(Stopped, framework, sitting, pipe, "5b4" + "bbs")
    assert sitting.answers == {"zorgen.gezondheid.weten": 5, "zorgen.gezondheid.doen": 4}
    # b, b on the third question: marked, then unmarked again.
    assert sitting.marks == ["zorgen.gezondheid.doen"]
    assert "Deze vraag staat op de lijst om te bespreken." in presenter.messages
    assert "Deze vraag staat niet meer op de lijst om te bespreken." in presenter.messages


def test_two_foster_parents_answer_in_turn_with_a_same_answer_key(
    framework: Framework, pipe: PipeInput
) -> None:
    sitting = new_sitting(["zorgen"], together=True, worker=False)
    sitting.ask_profile = False
    sitting.setup["deelnemers"] = ["Sanne", "Ahmed"]
    sitting.history.append("opzet:deelnemers")
    presenter, _ = run_expecting(Stopped, framework, sitting, pipe, "4z" + "25" + "s")
    assert sitting.answers == {"zorgen.gezondheid.weten": 4, "zorgen.gezondheid.doen": 2}
    assert sitting.partner_answers == {"zorgen.gezondheid.weten": 4, "zorgen.gezondheid.doen": 5}
    question = framework.competency("zorgen.gezondheid").questions[0].text
    assert f"Vraag voor jullie allebei: {question}" in presenter.messages


def test_stop_raises_stopped_after_saving(framework: Framework, pipe: PipeInput) -> None:
    sitting = zorgen()
    _, recorder = run_expecting(Stopped, framework, sitting, pipe, "53s")
    assert recorder.snapshots[-1]["answers"] == {"zorgen.gezondheid.weten": 5, "zorgen.gezondheid.doen": 3}
    assert sitting.next_step(framework, QUESTIONS) is not None
    assert sitting.next_step(framework, QUESTIONS).key == "zorgen.gedrag.weten"  # where a resume continues


def test_ctrl_c_raises_keyboard_interrupt_with_answers_saved(framework: Framework, pipe: PipeInput) -> None:
    sitting = zorgen()
    _, recorder = run_expecting(KeyboardInterrupt, framework, sitting, pipe, "42" + CTRL_C)
    assert recorder.snapshots[-1]["answers"] == {"zorgen.gezondheid.weten": 4, "zorgen.gezondheid.doen": 2}
    assert sitting.answers == recorder.snapshots[-1]["answers"]


def test_ctrl_c_in_a_text_prompt(framework: Framework, pipe: PipeInput) -> None:
    keys = "5555555555half getypt" + CTRL_C
    _, recorder = run_expecting(KeyboardInterrupt, framework, zorgen(), pipe, keys)
    assert len(recorder.snapshots[-1]["answers"]) == 10
    assert recorder.snapshots[-1]["notes"] == {}


def test_resume_asks_only_what_is_left(framework: Framework, pipe: PipeInput) -> None:
    sitting = zorgen()
    sitting.answers.update({"zorgen.gezondheid.weten": 5, "zorgen.gezondheid.doen": 5})
    sitting.history += ["vraag:zorgen.gezondheid.weten", "vraag:zorgen.gezondheid.doen"]
    presenter, recorder = run_expecting(Stopped, framework, sitting, pipe, "3s")
    assert recorder.snapshots[-1]["answers"]["zorgen.gedrag.weten"] == 3
    assert presenter.progress_seen[0] == ("Zorgen", 1, 1, 3, 10)


# ---------------------------------------------------------------- the profile


def test_profile_then_a_pillar(framework: Framework, pipe: PipeInput) -> None:
    keys = (
        "2"  # land: Vlaanderen, asked first
        + "Gezin A"
        + ENTER  # huishouden
        + "1"  # aantal_pleegouders: one foster parent
        + "1"  # pleegouder: netwerk
        + "2"  # voorbereiding: nee (asked because netwerk)
        + DOWN
        + DOWN
        + DOWN
        + " "
        + ENTER  # pleegzorgvormen (the Flemish list): perspectiefbiedend, kept as langdurig
        + "veel"
        + ENTER
        + BACKSPACE * 4
        + "3"
        + ENTER  # jaren: 'veel' is refused, then 3
        + "4, 9"
        + ENTER  # leeftijden
        + "9-2023"
        + ENTER  # plaatsing_sinds, typed as month-year
        + "2"
        + ENTER  # eerdere_plaatsingen
        + "2"  # eigen kinderen: nee
        + " "
        + DOWN
        + DOWN
        + " "
        + ENTER  # uitdagingen: gedrag and trauma
        + ENTER
        + ENTER  # leervormen: none (the first Enter says nothing is ticked yet)
        + ENTER  # uren: left empty
        + "4" * 8  # functioneren without the own-children competency: 8 questions
        + ENTER  # empty note
    )
    sitting = Sitting(pillar_ids=["functioneren"])
    sitting, presenter, recorder = interview(framework, sitting, pipe, keys)
    assert sitting.profile == {
        "land": "vl",
        "huishouden": "Gezin A",
        "aantal_pleegouders": 1,
        "pleegouder": "netwerk",
        "voorbereiding": False,
        "pleegzorgvormen": ["langdurig"],
        "jaren_pleegouder": 3,
        "leeftijden_pleegkinderen": [4, 9],
        "plaatsing_sinds": "2023-09",
        "eerdere_plaatsingen": 2,
        "eigen_kinderen": False,
        "uitdagingen": ["gedrag", "trauma"],
    }
    assert len(sitting.answers) == 8
    assert not any(key.startswith("functioneren.eigen-kinderen") for key in sitting.answers)
    assert sitting.importance == {} and sitting.notes == {}
    assert presenter.progress_seen[0] == ("Functioneren", 1, 1, 1, 8)
    # The counter counts the questions this family gets: one after the other, never a jump.
    counters = [m for m in presenter.messages if m.startswith("Over ")]
    assert counters[0] == "Over je gezin · vraag 1 van 13"
    assert [int(m.split()[5]) for m in counters] == list(range(1, 15))
    assert counters[-1] == "Over je gezin · vraag 14 van 14"  # the preparation question came in
    assert len(recorder.snapshots) == 14 + 8 + 1
    profile = sitting.to_answers().profile
    assert profile.own_children is False and profile.prepared is False and profile.years == 3
    assert profile.country == "vl" and profile.parents_count == 1
    assert profile.placement_since == "2023-09" and profile.earlier_placements == 2


def test_profile_choice_can_be_skipped_and_preparation_is_not_asked(
    framework: Framework, pipe: PipeInput
) -> None:
    keys = (
        "o"  # land: "zeg ik liever niet" (then nl counts)
        + ENTER  # huishouden: left empty
        + "o"  # aantal_pleegouders: "zeg ik liever niet"
        + "o"  # pleegouder: "zeg ik liever niet"
        + ENTER * 2  # pleegzorgvormen: nothing (Enter twice: none ticked)
        + ENTER
        + ENTER
        + ENTER
        + ENTER  # jaren, leeftijden, plaatsing_sinds, eerdere_plaatsingen: nothing
        + "2"  # eigen kinderen: nee
        + ENTER * 2
        + ENTER * 2
        + ENTER  # uitdagingen, leervormen, uren: nothing
        + "s"  # stop at the first question of the pillar
    )
    sitting = Sitting(pillar_ids=["zorgen"])
    presenter, recorder = run_expecting(Stopped, framework, sitting, pipe, keys)
    assert sitting.profile == {"eigen_kinderen": False}
    assert "profiel:voorbereiding" not in sitting.history
    assert sitting.skipped == ["profiel:land", "profiel:aantal_pleegouders", "profiel:pleegouder"]
    assert sitting.to_answers().profile.country == "nl"
    assert len(recorder.snapshots) == 13
    assert presenter.intros == [("zorgen", 1, 1)]


# ---------------------------------------------------------------- yes/no questions after the result


def test_confirm_answers_with_j_and_n(framework: Framework, pipe: PipeInput) -> None:
    pipe.send_text("jn" + ENTER)
    pipe.close()
    asker = Interview(framework, FakePresenter(), prompt_input=pipe, prompt_output=DummyOutput())
    assert asker.confirm("Wil je een verslag maken?") is True
    assert asker.confirm("Wil je een verslag maken?") is False
    assert asker.confirm("Wil je een verslag maken?", default=True) is True  # Enter takes the default


def test_ctrl_c_in_an_agreement_keeps_what_was_typed(framework: Framework, pipe: PipeInput) -> None:
    sitting = new_sitting(["zorgen"], together=False, worker=True)
    sitting.ask_profile = False
    while (step := sitting.next_step(framework, QUESTIONS)) is not None and step.kind != "afspraak":
        sitting.record(step, 5 if step.kind == "vraag" else None)
    assert step is not None and step.key == "1"
    _, recorder = run_expecting(
        KeyboardInterrupt, framework, sitting, pipe, "Training" + ENTER + "Sa" + CTRL_C
    )
    # "wat" was saved before "wie" was asked; the step itself is still open, so hervat asks it again.
    assert sitting.agreements == {"1": {"wat": "Training"}}
    assert len(recorder.snapshots) == 1
    again = sitting.next_step(framework, QUESTIONS)
    assert again == step
    assert sitting.value(again) == {"wat": "Training"}


def test_each_step_of_the_previous_route_is_done_ongoing_or_not(
    framework: Framework, pipe: PipeInput
) -> None:
    sitting = Sitting(pillar_ids=["zorgen"], ask_profile=False, previous_route=["a", "b", "c"])
    run_expecting(Stopped, framework, sitting, pipe, "123" + "s")
    assert sitting.route_done == ["a"]
    assert sitting.route_ongoing == ["b"]
    assert sitting.history == ["vorige-route:gedaan"]
