"""Paper: the printable questionnaire (`vragenlijst`) and typing a filled-in list back in (`papier`)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from terminal import close, program, skip_without_terminal, spawn
from typer.testing import CliRunner

from pleegreflectie.answers_file import parse_answers
from pleegreflectie.cli import app
from pleegreflectie.errors import InvalidFileError
from pleegreflectie.models import Framework, Special, pick
from pleegreflectie.paper import (
    BOX,
    NOTE_LINE,
    answers_file,
    pillar_questions,
    questionnaire,
    read_typed,
)
from pleegreflectie.yamlfile import Source

ALL = ["zorgen", "samenwerken", "opvoeden", "ontwikkelen", "functioneren"]


# ---------------------------------------------------------------- the questionnaire


def test_the_questionnaire_holds_every_question_with_boxes_and_room_for_notes(framework: Framework) -> None:
    text = questionnaire(framework, ALL)
    assert text.startswith("# Vragenlijst pleegouderschap\n")
    for pillar in framework.pillars:
        assert f"\n## {pillar.title}\n" in text
        assert " ".join(pillar.intro.split()) in text
        assert pick(pillar.open_question, "je") in text
        for number, (comp, question) in enumerate(pillar_questions(pillar), 1):
            boxes = " ".join(f"{BOX}{v}" for v in "12345wn")
            # a question on another scale than the usual one carries its scale's ends after it
            hint = "" if question.scale is None else " *(1 = Bijna nooit … 5 = Bijna altijd)*"
            row = f"| {number} | {question.text}{hint} `{question.id}` | {boxes} |"
            assert row in text
            assert f"**{comp.name}**" in text
    assert text.count(f"{BOX}1") == len(framework.questions())
    assert text.count(NOTE_LINE) == 4 * len(framework.pillars)
    for option in framework.scale:
        assert f"{option.value} = {option.label}" in text
    assert "(alleen als er eigen kinderen thuis wonen; anders kruis je n aan)" in text
    assert "pleegreflectie papier" in text and "Met deze vragenlijst sta je" in text


def test_together_gives_each_foster_parent_a_column_of_boxes(framework: Framework) -> None:
    text = questionnaire(framework, ["samenwerken"], together=True)
    assert "| Nr | Vraag | A | B |" in text
    rows = [line for line in text.splitlines() if line.startswith("| ") and BOX in line]
    assert len(rows) == len(pillar_questions(framework.pillar("samenwerken")))
    assert all(line.count(f"{BOX}1") == 2 for line in rows)
    assert "jullie" in text and "## Zorgen" not in text
    assert "`samenwerken A: " in text


def test_the_questionnaire_as_html_to_print(tmp_path: Path) -> None:
    target = tmp_path / "vragenlijst.html"
    result = CliRunner().invoke(
        app, ["vragenlijst", "--pijler", "zorgen", "--pijler", "opvoeden", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    page = target.read_text(encoding="utf-8")
    assert "<h2>Zorgen</h2>" in page and '<h2 class="nieuwe-pagina">Opvoeden</h2>' in page
    assert "<h2>Samenwerken" not in page and 'class="nieuwe-pagina">Samenwerken' not in page
    assert (
        "<code>zorgen.gezondheid.weten</code>" in page
        and "td code { display: block; font-size: 7.5pt" in page
    )
    assert page.count('<p class="notitie">') == 8
    assert "<svg" not in page


def test_an_unknown_pillar_is_refused() -> None:
    result = CliRunner().invoke(app, ["vragenlijst", "--pijler", "koken"])
    assert result.exit_code == 2 and "'koken' is geen pijler" in result.stderr


# ---------------------------------------------------------------- typing it back


def test_typed_lines_become_an_ordinary_answers_file(framework: Framework) -> None:
    typed = read_typed(
        framework,
        "# van het papier\nzorgen: 4 3 5 w n 4 4 3 2 5\n\nSamenwerken: 4354,44-4\n",
        "papier.txt",
    )
    answers = parse_answers(framework, Source("papier.yaml", answers_file(framework, typed)))
    zorgen = [q.id for _, q in pillar_questions(framework.pillar("zorgen"))]
    samen = [q.id for _, q in pillar_questions(framework.pillar("samenwerken"))]
    assert [answers.answers[q] for q in zorgen] == [
        4, 3, 5, Special.DONT_KNOW, Special.NOT_APPLICABLE, 4, 4, 3, 2, 5,
    ]  # fmt: skip
    assert [answers.answers.get(q) for q in samen] == [4, 3, 5, 4, 4, 4, None, 4]
    assert not any(q.startswith("opvoeden") for q in answers.answers)


def test_every_wrong_line_is_named_with_what_to_do(framework: Framework) -> None:
    text = "\n".join(
        [
            "zorgen: 4 3 5 w n 4 4 3 2",  # one short
            "samenwerken: 4 3 5 4 4 4 7 4",  # a 7
            "koken: 1",
            "zorgen 4 3",  # no colon
            "opvoeden: 5555555555",
            "opvoeden: 5555555555",  # twice
        ]
    )
    with pytest.raises(InvalidFileError) as caught:
        read_typed(framework, text, "papier.txt")
    message = caught.value.message
    assert "papier.txt:1: bij Zorgen staan 9 antwoorden, maar er zijn 10 vragen" in message
    assert "papier.txt:2: '7' (antwoord 7) kan niet" in message
    assert "papier.txt:3: 'koken' is geen pijler" in message
    assert "papier.txt:4: deze regel begrijpen we niet" in message
    assert "papier.txt:6: Opvoeden staat er al" in message
    assert "papier.txt:5" not in message
    with pytest.raises(InvalidFileError, match="geen enkele regel"):
        read_typed(framework, "# leeg\n", "papier.txt")


def test_two_foster_parents_give_one_answer_where_they_agree(framework: Framework) -> None:
    typed = read_typed(
        framework,
        "samenwerken Sanne: 4 4 5 4 4 4 3 4\nsamenwerken Ahmed: 4 2 5 4 w 4 - 4\n",
        "papier.txt",
    )
    text = answers_file(framework, typed)
    assert 'deelnemers: ["Sanne", "Ahmed"]' in text
    assert "  samenwerken.gedeeld-opvoederschap.weten: 4\n" in text
    assert '  samenwerken.gedeeld-opvoederschap.doen: {"Sanne": 4, "Ahmed": 2}\n' in text
    assert '  samenwerken.communicatie.weten: {"Sanne": 4, "Ahmed": "weet ik niet"}\n' in text
    assert '  samenwerken.juridisch.weten: {"Sanne": 3}\n' in text
    with pytest.raises(InvalidFileError, match="Meer dan twee kan niet"):
        read_typed(
            framework, typed_lines := "zorgen A: 5555555555\nzorgen B: 5555555555\nzorgen C: 5555555555", "x"
        )
    assert typed_lines
    with pytest.raises(InvalidFileError, match="zet bij twee pleegouders op elke regel een naam"):
        read_typed(framework, "zorgen A: 5555555555\nopvoeden: 5555555555\n", "x")


def test_papier_reads_a_file_and_says_what_it_read(tmp_path: Path) -> None:
    typed = tmp_path / "papier.txt"
    typed.write_text("functioneren: 4 4 n n 5 5 3 3 4 4\n", encoding="utf-8")
    target = tmp_path / "antwoorden.yaml"
    result = CliRunner().invoke(app, ["papier", str(typed), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "Gelezen: 10 antwoorden bij Functioneren." in result.stderr
    assert re.search(r"start --antwoorden .*antwoorden\.yaml", result.stdout)
    assert 'functioneren.organisatie.doen: 4\n  functioneren.balans.weten: "nvt"' in target.read_text(
        encoding="utf-8"
    )
    started = CliRunner().invoke(app, ["start", "--antwoorden", str(target), "--geen-opslag", "--json"])
    assert started.exit_code == 0, started.output
    broken = tmp_path / "fout.txt"
    broken.write_text("\n\nfunctioneren: 4 4\n", encoding="utf-8")
    failed = CliRunner().invoke(app, ["papier", str(broken)])
    assert failed.exit_code == 2 and f"{broken}:3: bij Functioneren staan 2 antwoorden" in failed.stderr


# ---------------------------------------------------------------- typing it over on a terminal


@skip_without_terminal[0]
@skip_without_terminal[1]
def test_typed_lines_in_a_terminal_never_echo_an_escape_sequence(tmp_path: Path) -> None:
    """A wrong line is named with what was typed, escape sequences made visible; then a good line."""
    import pexpect

    child = spawn(tmp_path / "thuis", "papier", "--pijler", "zorgen")
    try:
        child.expect_exact("Zorgen: typ de 10 antwoorden")
        child.send("1 2 \x1b[31mrood\r")
        child.expect_exact("Dat klopt niet:")
        child.expect_exact("(antwoord 3) kan niet")
        said = child.before
        assert "␛[31mrood" in said and "\x1b[31m" not in said
        child.expect_exact("Zorgen: typ de 10 antwoorden")
        child.send("4 4 3 3 2 2 5 5 4 4\r")
        child.expect_exact("Waar bewaren we de antwoorden?")
        child.expect_exact("(alleen Enter: 1)")
        child.send("2\r")  # in a file the user names
        child.expect_exact("Hoe moet het bestand heten?")
        child.send("overgetypt.yaml\r")
        child.expect(pexpect.EOF)
        assert "start --antwoorden overgetypt.yaml" in child.before
    finally:
        close(child)
    assert child.exitstatus == 0
    saved = (tmp_path / "overgetypt.yaml").read_text(encoding="utf-8")
    assert "antwoorden:" in saved and "zorgen.gezondheid.weten: 4" in saved


@skip_without_terminal[0]
@skip_without_terminal[1]
def test_typed_in_on_a_terminal_becomes_a_new_reflection(tmp_path: Path) -> None:
    """Interactive `papier` saves what was typed: a new reflection with its result, nothing lost."""
    import pexpect

    home = tmp_path / "thuis"
    child = spawn(home, "papier", "--pijler", "zorgen")
    try:
        child.expect_exact("Zorgen: typ de 10 antwoorden")
        child.send("4 4 3 3 2 2 5 5 4 4\r")
        child.expect_exact("(alleen Enter: 1)")
        child.send("\r")  # a new reflection
        child.expect_exact("Hoe noemen we dit gezin in het verslag?")
        child.send("Gezin Papier\r")
        child.expect(pexpect.EOF)
        said = " ".join(child.before.split())
    finally:
        close(child)
    assert child.exitstatus == 0, said
    assert "Deze reflectie is bewaard als nummer 1." in said
    overview = json.loads(program(home, "overzicht", "--json").stdout)
    assert [(r["id"], r["huishouden"], r["status"], r["pijlers"]) for r in overview] == [
        (1, "Gezin Papier", "klaar", ["zorgen"])
    ]
