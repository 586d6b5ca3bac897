"""The visit in a pseudo-terminal (the installed program): a duo with the worker at the next visit with
carried agreements and a past date, the tick-box keys, and no English from prompt_toolkit."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from terminal import (
    PRIORITY,
    PROGRAM,
    TIMEOUT,
    ZORGEN,
    answer_profile,
    ask,
    at_once,
    close,
    environment,
    plain,
    program,
    read_to_end,
    skip_without_terminal,
    spawn,
    zorgen_keys,
)

from pleegreflectie.load import load_framework
from pleegreflectie.models import Framework

pexpect = pytest.importorskip("pexpect")
pytestmark = skip_without_terminal

CLEAR = "\x15"  # Ctrl-U: empty the field

FIRST_VISIT = """\
deelnemers: [Sanne, Ahmed]
profiel:
  huishouden: Gezin Duo W
  pleegouder: bestand
  leeftijden_pleegkinderen: [9]
antwoorden:
  zorgen.gedrag.weten: 3
  zorgen.gedrag.doen: 3
begeleider:
  afspraken:
    - {wat: "Aanmelden voor de training", wanneer: "2026-01-31"}
    - {wat: "School bellen", wie: "Ahmed"}
"""


def test_a_duo_with_the_worker_at_the_next_visit_carries_the_open_agreement(
    tmp_path: Path, framework: Framework
) -> None:
    home = tmp_path / "home"
    first = tmp_path / "eerste.yaml"
    first.write_text(FIRST_VISIT, encoding="utf-8")
    assert program(home, "start", "--antwoorden", str(first), "--json").returncode == 0
    child = spawn(home, "start", "--pijler", "zorgen")
    try:
        ask(child, "Wie doen er vandaag mee?", "4")  # the two of us and the worker
        ask(child, "Hoe noemen we de eerste pleegouder?", "Sanne\r")
        ask(child, "Hoe noemen we de tweede pleegouder?", "Ahmed\r")
        ask(child, "Waar wonen jullie?", "1")  # the country first
        ask(child, "Hoe noemen we dit gezin in het verslag?", "Gezin Duo W\r")
        ask(child, "Klopt dit nog?", "j")
        ask(child, "Hoe staat het met deze stap?", "3")  # the step of last time's route
        child.expect_exact("Afspraak 1 van 2: Aanmelden voor de training")
        ask(child, "Hoe staat het met deze afspraak?", "3")  # nog niet gedaan
        child.expect_exact("Afspraak 2 van 2: School bellen")
        ask(child, "Hoe staat het met deze afspraak?", "1")  # gedaan
        for competency in framework.pillar("zorgen").competencies:
            for _question in competency.questions:
                ask(child, "Sanne, wat past bij jou?", "4")
                ask(child, "Ahmed, wat past bij jou?", "z")
        ask(child, "hier nog over kwijt?", "\r")
        ask(child, "Notitie van de pleegzorgbegeleider over zorgen", "\r")
        # The open agreement is there already: kept with Enter, never typed again.
        child.expect_exact("De afspraken die nog open staan, staan er al.")
        ask(child, "Afspraak 1: wat spreken jullie af?", "\r")
        ask(child, "Wie doet het?", "Sanne\r")
        ask(child, "Wanneer?", "\r")  # last time's date, 31-1-2026, is in the past
        ask(child, "Die datum is al voorbij. Klopt dat?", "n")
        ask(child, "Wanneer?", CLEAR + "28-2-2027\r")
        ask(child, "Afspraak 2: wat spreken jullie af?", "\r")
        ask(child, "Wanneer is het volgende bezoek?", "1-3-2027\r")
        screen = read_to_end(child)
    finally:
        close(child)
    assert child.exitstatus == 0, screen
    flat = " ".join(screen.split())
    assert "Aanmelden voor de training (wie: Sanne, wanneer: 28-2-2027)" in flat, flat
    assert (
        "Afspraak van de vorige keer: Aanmelden voor de training (wanneer: 31-1-2026, nog niet gedaan)"
        in flat
    )
    data = json.loads(program(home, "hervat", "2", "--json").stdout)
    assert [(a["wat"], a["status"]) for a in data["vorige_afspraken"]] == [
        ("Aanmelden voor de training", "niet-gedaan"),
        ("School bellen", "gedaan"),
    ]
    assert [(a["wat"], a.get("wanneer")) for a in data["begeleider"]["afspraken"]] == [
        ("Aanmelden voor de training", "2027-02-28")
    ]


def test_the_tick_box_keys(tmp_path: Path, framework: Framework) -> None:
    """At the priority list: Down and Enter without Space takes the highlighted box."""
    low = [c.id for c in framework.pillar("zorgen").competencies if ZORGEN[c.id][2] is not None]
    child = spawn(tmp_path / "home", "start", "--pijler", "zorgen")
    try:
        answer_profile(child)
        for text, key in zorgen_keys(framework):
            ask(child, text, key)
        ask(child, "hier nog over kwijt?", "\r")
        ask(child, PRIORITY, "\x1b[B\r")  # the second box, not ticked with Space
        screen = read_to_end(child)
    finally:
        close(child)
    assert child.exitstatus == 0, screen
    second = framework.competency(low[1]).name
    echo = " ".join(screen[screen.index(PRIORITY) :].split())
    assert echo.startswith(f"{PRIORITY} {second}"), echo
    assert "niets gekozen" not in screen


def test_no_english_warning_when_the_terminal_does_not_answer_cpr(tmp_path: Path) -> None:
    """pexpect never answers "where is the cursor?": prompt_toolkit would warn in English after 2 s."""
    env = environment(tmp_path / "home")
    env.pop("PROMPT_TOOLKIT_NO_CPR")
    child = at_once(
        pexpect.spawn(
            str(PROGRAM),
            ["start", "--pijler", "zorgen"],
            env=env,
            dimensions=(40, 80),
            encoding="utf-8",
            timeout=TIMEOUT,
        )
    )
    try:
        # a choice and a typed answer (every prompt goes through prompts._unsafe)
        child.expect_exact("Wie doen er vandaag mee?")
        time.sleep(3)  # prompt_toolkit waits 2 seconds for the answer
        child.send("1")
        child.expect_exact("Waar woon je?")
        child.send("1")
        child.expect_exact("Hoe noemen we dit gezin")
        time.sleep(3)
        child.send("Gezin C\r")
        child.expect_exact("Hoeveel pleegouders")
        seen = plain(child.before)
    finally:
        close(child)
    assert "WARNING" not in seen and "cursor position" not in seen, seen


def test_plain_mode_reads_the_scale_once_then_at_most_four_lines_per_question(tmp_path: Path) -> None:
    """A screen reader hears the list of answers at the first question of the pillar; after that each
    question is where it is, the question and one short line (and the answer said back)."""
    home = tmp_path / "home"
    first = tmp_path / "samenwerken.yaml"
    first.write_text("profiel:\n  huishouden: Gezin P\nantwoorden:\n  samenwerken.netwerk.weten: 4\n")
    assert program(home, "start", "--antwoorden", str(first), "--pijler", "samenwerken").returncode == 0
    env = environment(home)
    env["LANG"] = "C.UTF-8"
    child = at_once(
        pexpect.spawn(
            str(PROGRAM),
            ["hervat", "1", "--pijler", "zorgen", "--eenvoudig"],
            env=env,
            dimensions=(40, 80),
            encoding="utf-8",
            timeout=TIMEOUT,
        )
    )
    said: list[str] = []
    try:
        for _ in range(10):
            child.expect_exact("> ")
            said.append(child.before.replace("\r", ""))
            child.sendline("4")
        child.expect_exact("> ")  # the note of the pillar
        said.append(child.before.replace("\r", ""))
    finally:
        close(child)
    framework = load_framework()
    questions = [q for c in framework.pillar("zorgen").competencies for q in c.questions]
    first_seen = {framework.scale_for(q): n for n, q in reversed(list(enumerate(questions, 1)))}
    assert "Typ ? om de keuzes nog eens te horen." in said[0]
    for number, (question, text) in enumerate(zip(questions, said, strict=False), 1):
        scale = framework.scale_for(question)
        if first_seen[scale] == number:  # each scale is read out once, in full
            assert f"  1 = {scale[0].label}" in text, text
            continue
        lines = [line for line in text.split("\n")[1:] if line.strip()]  # after the typed answer
        assert len(lines) <= 4, (number, lines)
        assert lines[0].startswith("Gekozen: "), lines
        assert lines[1].startswith(f"Vraag {number} van 10: "), lines
        assert lines[-1].startswith("Typ 1 ") and lines[-1].endswith(", w, n, of u voor uitleg."), lines
        assert "  1 = " not in text
