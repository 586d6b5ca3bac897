"""Screens at 60, 80 and 100 columns (pyte): the `b` echo, a long box title, the resume hint and an
error with a file and line all wrap between words, keep their indent and never start a line with
punctuation."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.console import Console
from terminal import skip_without_terminal
from test_screen import Screen, whole_words

from pleegreflectie.models import Framework
from pleegreflectie.view import RichPresenter

pytestmark = skip_without_terminal

WIDTH = 60
MARK = "Bespreken: zet deze vraag op de lijst voor het gesprek"
PUNCTUATION = re.compile(r"^\s*(?:[,.;:!)]|\?(?! ))")  # "? " is the question mark of a prompt


def no_line_starts_with_punctuation(lines: list[str]) -> None:
    bad = [line for line in lines if PUNCTUATION.match(line)]
    assert not bad, bad


@pytest.mark.parametrize("width", [60, 80, 100])
def test_a_question_marked_with_b_the_help_box_and_the_hint(
    tmp_path: Path, framework: Framework, width: int
) -> None:
    contact = framework.competency("zorgen.contact-ouders")
    screen = Screen(tmp_path / "home", width, "start", "--pijler", "zorgen")
    try:
        screen.step("Wie doen er vandaag mee?", "1")
        screen.step("Waar woon je?", "1")
        screen.step("Hoe noemen we dit gezin", "Gezin S\r")
        screen.step("Hoeveel pleegouders zijn er bij je thuis?", "1")
        screen.step("Kende je je pleegkind al", "2")
        screen.step("Welke vorm van pleegzorg", "3\r")  # the number key ticks
        screen.step("Hoeveel jaar ben je al pleegouder?", "3\r")
        screen.step("Hoe oud is je pleegkind?", "9\r")
        screen.step("Sinds wanneer woont je pleegkind", "\r")
        screen.step("Hoe vaak is je pleegkind verhuisd", "\r")
        screen.step("Wonen er ook eigen kinderen", "2")
        screen.step("Waar heeft je pleegkind", "1\r")
        screen.step("Hoe leer je het liefst?", "\x1b[B\r")  # moved to the second, Enter without Space
        screen.step("Hoeveel uur per maand", "4\r")
        screen.step("vraag 1 van 10", "b")  # the mark: its answer said back in whole words
        screen.wait("op de lijst om te bespreken")
        screen.child.send("4")
        screen.step("vraag 2 van 10", "4")
        screen.step("vraag 3 van 10", "4")
        screen.step("vraag 4 van 10", "4")
        screen.step("vraag 5 van 10", "u")  # help: a box with the competency's long name
        screen.wait("Een voorbeeld:")
        screen.child.send("s")
        screen.wait("hervat 1")
        text = screen.text()
    finally:
        screen.close()
    lines = screen.lines()
    assert all(len(line) <= width for line in lines), [line for line in lines if len(line) > width]
    whole_words(text, MARK)
    whole_words(text, contact.name)
    assert "…" not in text  # the title is not cut
    no_line_starts_with_punctuation(lines)
    # The answers chosen by the number key and by the pointer are said back.
    assert "Langdurig (het kind groeit bij mij op)" in " ".join(text.split())
    assert "Thuis, met iemand die langskomt" in " ".join(text.split())
    # The command to go on is a line of its own.
    assert "  pleegreflectie hervat 1" in lines, lines[-4:]


def test_a_long_box_title_goes_inside_the_box(framework: Framework) -> None:
    out = io.StringIO()
    console = Console(file=out, width=WIDTH, emoji=False, highlight=False, color_system=None)
    competency = framework.competency("zorgen.contact-ouders")
    RichPresenter(console).help(competency)
    drawn = out.getvalue()
    assert "…" not in drawn
    whole_words(drawn.replace("│", " "), competency.name)
    wide = io.StringIO()
    RichPresenter(Console(file=wide, width=100, emoji=False, color_system=None)).help(competency)
    assert wide.getvalue().splitlines()[0].startswith(f"╭─ {competency.name} ")


def test_an_error_with_a_file_and_line_wraps_with_its_indent(tmp_path: Path) -> None:
    folder = tmp_path / "een-map-met-een-lange-naam" / "nog-een-map-met-een-lange-naam"
    folder.mkdir(parents=True)
    path = folder / "antwoorden.yaml"
    path.write_text(
        "profiel:\n  huishouden: X\nbegeleider:\n  vorige_afspraken:\n    - {wat: A, status: misschien}\n",
        encoding="utf-8",
    )
    screen = Screen(tmp_path / "home", WIDTH, "start", "--antwoorden", str(path), "--geen-opslag")
    try:
        screen.wait("Verbeter het bestand")
    finally:
        screen.close()
    lines = screen.lines()
    assert all(len(line) <= WIDTH or " " not in line.strip() for line in lines), lines
    no_line_starts_with_punctuation(lines)
    assert f"{path}:5:" in "".join(lines)  # the long path is whole, on a line of its own
    problem = next(i for i, line in enumerate(lines) if "status:" in line)
    assert lines[problem].startswith("    "), lines  # the problem's continuation keeps its indent


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_wrapped_keeps_indent_and_long_words_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    from pleegreflectie.cli.base import wrapped

    monkeypatch.setenv("COLUMNS", "60")
    address = "https://www.pleegzorg.nl/pleegouders/ondersteuning-en-training/trainingen-voor-pleegouders"
    text = (
        f"Fout: Er is 1 probleem gevonden:\n  a.yaml:5: kijk op {address}, daar staat meer over de training."
    )
    lines = wrapped(text, Tty()).split("\n")
    assert lines[0] == "Fout: Er is 1 probleem gevonden:"
    assert f"    {address}," in lines  # a line of its own, whole, with the indent of its line
    assert all(len(line) <= 59 for line in lines if address not in line), lines
    assert all(line.startswith("  ") for line in lines[1:]), lines
    no_line_starts_with_punctuation(lines)
    assert wrapped(text, io.StringIO()) == text  # not a terminal: lines stay whole
