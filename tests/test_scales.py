"""Scales per question (issue 16): doing questions about behaviour are answered on a frequency scale,
knowing questions on the agreement scale; the scale is checked at load and shown wherever a family
chooses or reads an answer."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output.plain_text import PlainTextOutput
from test_load import MINIMAL, line_of, write
from test_plain import prompts

from pleegreflectie.errors import InvalidFileError
from pleegreflectie.flow import Sitting
from pleegreflectie.interview import Interview
from pleegreflectie.load import load_framework
from pleegreflectie.models import Framework
from pleegreflectie.paper import questionnaire
from pleegreflectie.profile_file import bundled_questions
from pleegreflectie.template import answers_template

QUESTIONS = bundled_questions()  # the questions about the family, read at the edge

FREQUENCY = "hoe-vaak"
FREQUENCY_LABELS = ["Bijna nooit", "Soms", "Regelmatig", "Vaak", "Bijna altijd"]

# Which questions are "doing questions about behaviour"? Every question with `soort: doen` describes
# something a foster parent does again and again (talk, ask, plan, help, rest), so "how often" is the
# honest measure. The exceptions are doing questions about ONE step that is done or not yet done; for those
# "Nee, nog niet ... Ja, helemaal" is the right answer and a frequency would make no sense:
ONE_STEP = {
    # Talking with the pleegzorgbegeleider about what happens at 18 (or when care stops) is one
    # conversation that has been had or not yet, not a habit.
    "ontwikkelen.levenslang.doen": "one conversation about the future, done or not yet",
}


def test_every_doing_question_about_behaviour_uses_the_frequency_scale(framework: Framework) -> None:
    assert [o.label for o in framework.scales[FREQUENCY]] == FREQUENCY_LABELS
    doing = [q for q in framework.questions() if q.kind == "doen"]
    behaviour = [q for q in doing if q.id not in ONE_STEP]
    assert len(behaviour) >= 20  # the exceptions stay few
    assert [q.id for q in behaviour if q.scale != FREQUENCY] == []
    assert all(q.scale is None for q in doing if q.id in ONE_STEP)
    # knowing questions keep the agreement scale
    assert all(q.scale is None for q in framework.questions() if q.kind == "weten")
    for question in behaviour:
        assert [o.label for o in framework.scale_for(question)] == FREQUENCY_LABELS


def test_no_frequency_question_sets_a_norm_nobody_meets(framework: Framework) -> None:
    # "Bijna altijd" already is the top: "elke dag" or "alle" in the question would be a norm on top.
    for question in framework.questions():
        if question.scale == FREQUENCY:
            for text in question.texts():
                words = text.lower().replace(",", " ").replace(".", " ").split()
                assert "elke" not in words and "alle" not in words, (question.id, text)


def test_an_unknown_scale_name_is_refused_with_file_and_line(tmp_path: Path) -> None:
    text = MINIMAL.replace(
        '            soort: doen\n            tekst: "Ik doe het."',
        '            soort: doen\n            schaal: hoevaak\n            tekst: "Ik doe het."',
        1,
    )
    assert text != MINIMAL
    with pytest.raises(InvalidFileError) as caught:
        load_framework(write(tmp_path, text, "pijlers.yaml"))
    messages = [str(p) for p in caught.value.problems]
    line = line_of(text, "schaal: hoevaak")
    assert any(f"pijlers.yaml:{line}:" in m and "'hoevaak' bestaat niet" in m for m in messages), messages
    assert any("Er staan nog geen schalen" in m for m in messages), messages


def test_a_named_scale_is_found_and_a_scale_needs_each_value_once(tmp_path: Path) -> None:
    scales = "schalen:\n  hoe-vaak:\n" + "".join(
        f'    - {{waarde: {v}, label: "{lab}"}}\n' for v, lab in enumerate(FREQUENCY_LABELS, 1)
    )
    text = MINIMAL.replace("belang_vraag:", scales + "belang_vraag:", 1).replace(
        '            soort: doen\n            tekst: "Ik doe het."',
        '            soort: doen\n            schaal: hoe-vaak\n            tekst: "Ik doe het."',
        1,
    )
    framework = load_framework(write(tmp_path, text, "pijlers.yaml"))
    question = framework.competency("zorgen.gedrag").questions[1]
    assert framework.scale_label(5, question) == "Bijna altijd"
    assert framework.scale_label(5) == "Ja"

    twice = text.replace('{waarde: 5, label: "Bijna altijd"}', '{waarde: 4, label: "Bijna altijd"}')
    with pytest.raises(InvalidFileError) as caught:
        load_framework(write(tmp_path, twice, "pijlers.yaml"))
    messages = [str(p) for p in caught.value.problems]
    line = line_of(twice, "hoe-vaak:") + 1  # the scale's first option
    assert any(f"pijlers.yaml:{line}:" in m and "1, 2, 3, 4 en 5" in m for m in messages), messages

    wrong = text.replace("schaal: hoe-vaak", "schaal: hoe-lang")
    with pytest.raises(InvalidFileError) as caught:
        load_framework(write(tmp_path, wrong, "pijlers.yaml"))
    assert any("Kies uit: hoe-vaak" in str(p) for p in caught.value.problems)


def asked(framework: Framework, question_id: str, keys: str) -> tuple[object, str]:
    """One question through the real questionary prompt (pipe input), and what the screen showed."""
    pillar = question_id.split(".")[0]
    sitting = Sitting(pillar_ids=[pillar], ask_profile=False)
    step = next(s for s in sitting.plan(framework, QUESTIONS) if s.key == question_id)
    screen = io.StringIO()
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        pipe.close()
        interview = Interview(framework, _Quiet(), prompt_input=pipe, prompt_output=PlainTextOutput(screen))
        value = interview.ask(sitting, step)
    return value, screen.getvalue()


class _Quiet:
    def __getattr__(self, name: str) -> object:
        return lambda *args, **kwargs: None


def test_the_interview_shows_the_frequency_labels_for_a_doing_question(framework: Framework) -> None:
    value, screen = asked(framework, "zorgen.gedrag.doen", "4")
    assert value == 4
    for number, label in enumerate(FREQUENCY_LABELS, 1):
        assert f"{number}) {label}" in screen
    assert "Nee, nog niet" not in screen and "Grotendeels" not in screen


def test_the_interview_keeps_the_agreement_scale_for_a_knowing_question(framework: Framework) -> None:
    value, screen = asked(framework, "zorgen.gedrag.weten", "2")
    assert value == 2
    assert "1) Nee, nog niet" in screen and "5) Ja, helemaal" in screen and "Bijna" not in screen


def test_plain_mode_shows_the_frequency_labels_too(framework: Framework) -> None:
    ask, out = prompts("vaak")
    sitting = Sitting(pillar_ids=["zorgen"], ask_profile=False)
    step = next(s for s in sitting.plan(framework, QUESTIONS) if s.key == "zorgen.gedrag.doen")
    assert Interview(framework, _Quiet(), prompts=ask).ask(sitting, step) == 4
    said = out.getvalue()
    assert "1 = Bijna nooit" in said and "5 = Bijna altijd" in said and "Gekozen: Vaak." in said


def test_paper_template_and_report_name_each_questions_scale(framework: Framework) -> None:
    paper = questionnaire(framework, ["zorgen"])
    assert "1 = Nee, nog niet; 2 = Een beetje" in paper
    legend = "- Staat er *(1 = Bijna nooit … 5 = Bijna altijd)* bij een vraag: 1 = Bijna nooit; 2 = Soms"
    assert legend in paper
    doing = framework.competency("zorgen.gedrag").questions[1]
    knowing = framework.competency("zorgen.gedrag").questions[0]
    assert f"{doing.text} *(1 = Bijna nooit … 5 = Bijna altijd)* `{doing.id}`" in paper
    assert f"{knowing.text} `{knowing.id}`" in paper

    lines = answers_template(framework, bundled_questions()).splitlines()
    at = lines.index(f"  {doing.id}:")
    assert lines[at - 1] == f"  # {doing.text}"
    scale = "1 = Bijna nooit, 2 = Soms, 3 = Regelmatig, 4 = Vaak, 5 = Bijna altijd"
    assert lines[at - 2] == f"  # Antwoord met: {scale}"
    at = lines.index(f"  {knowing.id}:")
    assert "Antwoord met" not in lines[at - 2]


def test_the_report_names_both_scales(framework: Framework) -> None:
    from test_report import oma_report

    from pleegreflectie.answers_file import load_answers

    oma = load_answers(framework, Path(__file__).parent / "fixtures" / "oma.yaml")
    text = oma_report(framework, oma, with_comparison=False)
    # oma answers alone: "je"
    assert (
        "Bij elke vraag koos je een antwoord van 1 (Nee, nog niet) tot 5 (Ja, helemaal) "
        "of van 1 (Bijna nooit) tot 5 (Bijna altijd)." in text
    )


def test_a_scale_named_by_a_number_is_checked_not_a_crash(tmp_path: Path) -> None:
    scales = "schalen:\n  1:\n" + "".join(
        f'    - {{waarde: {v}, label: "{lab}"}}\n' for v, lab in enumerate(FREQUENCY_LABELS, 1)
    )
    text = MINIMAL.replace("belang_vraag:", scales + "belang_vraag:", 1).replace(
        '            soort: doen\n            tekst: "Ik doe het."',
        '            soort: doen\n            schaal: hoe-vaak\n            tekst: "Ik doe het."',
        1,
    )
    with pytest.raises(InvalidFileError) as caught:
        load_framework(write(tmp_path, text, "pijlers.yaml"))
    messages = [str(p) for p in caught.value.problems]
    assert any("'hoe-vaak' bestaat niet" in m and "Kies uit: 1." in m for m in messages), messages
