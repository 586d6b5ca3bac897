"""The home visit with keystrokes in a pseudo-terminal: two foster parents, the worker, the next visit."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from terminal import (
    answer_profile,
    ask,
    close,
    program,
    read_to_end,
    skip_without_terminal,
    spawn,
)

from pleegreflectie.models import Framework

pexpect = pytest.importorskip("pexpect")
pytestmark = skip_without_terminal


@pytest.mark.parametrize("columns", [60, 80])
def test_two_foster_parents_answer_together_with_same_answer_and_a_mark(
    tmp_path: Path, framework: Framework, columns: int
) -> None:
    home = tmp_path / "home"
    child = spawn(home, "start", "--pijler", "zorgen", columns=columns)
    try:
        ask(child, "Wie doen er vandaag mee?", "2")
        ask(child, "Hoe noemen we de eerste pleegouder?", "Sanne\r")
        ask(child, "Hoe noemen we de tweede pleegouder?", "Ahmed\r")
        answer_profile(child, setup=False, household="Gezin Duo", together=True)
        competencies = framework.pillar("zorgen").competencies
        for index, competency in enumerate(competencies):
            for number, question in enumerate(competency.questions):
                child.expect_exact("Vraag voor jullie allebei")
                if index == 1 and number == 0:
                    ask(child, "Sanne, wat past bij jou?", "b")  # mark it for the conversation
                    child.expect_exact("op de lijst om te bespreken")
                    ask(child, "Sanne, wat past bij jou?", "5")
                    ask(child, "Ahmed, wat past bij jou?", "1")
                elif index == 1:
                    ask(child, "Sanne, wat past bij jou?", "4")
                    ask(child, "Ahmed, wat past bij jou?", "2")
                else:
                    ask(child, "Sanne, wat past bij jou?", "4")
                    ask(child, "Ahmed, wat past bij jou?", "z")  # the same answer as Sanne
                del question
        ask(child, "Wat willen jullie hier nog over kwijt?", "\r")
        ask(child, "Welke hiervan zijn nu het belangrijkst", "\r\r")  # none: Enter twice
        screen = read_to_end(child)
    finally:
        close(child)
    assert child.exitstatus == 0, screen
    assert "Traceback" not in screen
    flat = " ".join(screen.split())
    assert "Jullie allebei" in flat
    assert "Hier kijken jullie er verschillend tegenaan" in flat
    assert "Jullie wilden dit bespreken" in flat
    # The result is drawn for the width of the terminal (the last prompt is questionary's).
    lines = screen[screen.index("Waar staan jullie") : screen.index("zonder naam meetellen")].splitlines()
    assert max(len(line.rstrip()) for line in lines) <= columns, screen

    data = json.loads(program(home, "route", "--json").stdout or "{}")
    assert "route" in data
    with_json = program(home, "hervat", "1", "--json")
    result = json.loads(with_json.stdout)
    gedrag = next(c for c in result["competenties"] if c["id"] == "zorgen.gedrag")
    assert gedrag["per_deelnemer"] == {"Sanne": 4.5, "Ahmed": 1.5}
    gezondheid = next(c for c in result["competenties"] if c["id"] == "zorgen.gezondheid")
    assert gezondheid["per_deelnemer"] == {"Sanne": 4.0, "Ahmed": 4.0}
    assert result["gespreksonderwerpen"][0] == {
        "soort": "bespreken",
        "id": framework.pillar("zorgen").competencies[1].questions[0].id,
        "tekst": result["gespreksonderwerpen"][0]["tekst"],
    }


def worker_sitting(
    child: Any, framework: Framework, household: str, agreements: list[tuple[str, str, str]]
) -> None:
    ask(child, "Wie doen er vandaag mee?", "3")
    answer_profile(child, setup=False, household=household)
    for competency in framework.pillar("zorgen").competencies:
        for question in competency.questions:
            ask(child, question.text, "4")
    ask(child, "hier nog over kwijt?", "\r")
    ask(child, "Notitie van de pleegzorgbegeleider over zorgen", "Rustig gesprek.\r")
    for what, who, when in agreements:
        ask(child, "wat spreken jullie af?", f"{what}\r")
        ask(child, "Wie doet het?", f"{who}\r")
        ask(child, "Wanneer?", f"{when}\r")
    ask(child, "wat spreken jullie af?", "\r")  # empty: no more agreements
    ask(child, "Wanneer is het volgende bezoek?", "1-2-2027\r")


def test_a_worker_sitting_then_the_next_visit_asks_about_the_agreements(
    tmp_path: Path, framework: Framework
) -> None:
    home = tmp_path / "home"
    child = spawn(home, "start", "--pijler", "zorgen")
    try:
        worker_sitting(
            child,
            framework,
            "Gezin W",
            [("Aanmelden voor de training", "Sanne", "15-1-2027"), ("School bellen", "Ahmed", "")],
        )
        screen = read_to_end(child)
    finally:
        close(child)
    assert child.exitstatus == 0, screen
    assert "Van de pleegzorgbegeleider" in screen
    assert "Rustig gesprek." in screen
    assert "Aanmelden voor de training (wie: Sanne, wanneer: 15-1-2027)" in screen
    assert "Volgende bezoek: 1-2-2027" in screen

    report = program(home, "rapport", "1").stdout
    # The hand-out's agreements: wat, wie, wanneer (no status column while all are open).
    assert "| Aanmelden voor de training | Sanne | 15 januari 2027 |\n" in report
    assert "| School bellen | Ahmed |  |\n" in report

    # The next visit: the profile is confirmed in one step and the agreements are asked about.
    child = spawn(home, "start", "--pijler", "zorgen", "--met-begeleider")
    try:
        ask(child, "Waar woon je?", "1")
        ask(child, "Hoe noemen we dit gezin in het verslag?", "gezin w\r")
        child.expect_exact("Dit vertelde je de vorige keer")  # one foster parent: "je"
        ask(child, "Klopt dit nog?", "j")
        child.expect_exact("Afspraak 1 van 2: Aanmelden voor de training")
        ask(child, "Hoe staat het met deze afspraak?", "1")  # gedaan
        child.expect_exact("Afspraak 2 van 2: School bellen")
        ask(child, "Hoe staat het met deze afspraak?", "2")  # nog bezig
        for competency in framework.pillar("zorgen").competencies:
            for question in competency.questions:
                ask(child, question.text, "5")
        ask(child, "hier nog over kwijt?", "\r")
        ask(child, "Notitie van de pleegzorgbegeleider over zorgen", "\r")
        # The open agreement is carried into this visit's agreements: Enter keeps it.
        child.expect_exact("De afspraken die nog open staan, staan er al.")
        ask(child, "Afspraak 1: wat spreken jullie af?", "\r")
        ask(child, "Wie doet het?", "\r")
        ask(child, "Wanneer?", "\r")
        ask(child, "Afspraak 2: wat spreken jullie af?", "\r")
        ask(child, "Wanneer is het volgende bezoek?", "\r")
        screen = read_to_end(child)
    finally:
        close(child)
    assert child.exitstatus == 0, screen
    assert "Afspraak van de vorige keer: School bellen (wie: Ahmed, nog bezig)" in screen
    assert "School bellen (wie: Ahmed)" in screen.split("Van de pleegzorgbegeleider")[1]
    compared = program(home, "vergelijk").stdout
    flat = " ".join(compared.split())
    assert "Afspraken van de vorige keer" in flat
    assert "Aanmelden voor de training (wie: Sanne, wanneer: 15-1-2027): gedaan" in flat
    assert "School bellen (wie: Ahmed): nog bezig" in flat
    report = program(home, "rapport", "2").stdout
    assert "### Afspraken van de vorige keer" in report
    assert "| Aanmelden voor de training | Sanne | 15 januari 2027 | gedaan |" in report
    assert "| School bellen | Ahmed |  | nog bezig |" in report
