"""The installed program in a pseudo-terminal: answer a pillar with keystrokes, check the result."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

from pleegreflectie.models import Framework

pexpect = pytest.importorskip("pexpect")

PROGRAM = Path(sys.executable).parent / "pleegreflectie"
TIMEOUT = 10
ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]")

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals need a POSIX system"),
    pytest.mark.skipif(not PROGRAM.exists(), reason="the console script is not installed next to python"),
]


def plain(text: str) -> str:
    return ANSI.sub("", text).replace("\r", "")


def spawn(tmp_path: Path, *args: str) -> pexpect.spawn:
    env = dict(os.environ)
    env.update(
        {
            "PLEEGREFLECTIE_HOME": str(tmp_path / "home"),
            "NO_COLOR": "1",
            "TERM": "xterm",
            "COLUMNS": "80",
            "LINES": "40",
            # pexpect does not answer "where is the cursor?"; without this every prompt waits for it.
            "PROMPT_TOOLKIT_NO_CPR": "1",
        }
    )
    child = pexpect.spawn(
        str(PROGRAM),
        list(args),
        env=env,
        cwd=str(tmp_path),
        dimensions=(40, 80),
        encoding="utf-8",
        timeout=TIMEOUT,
    )
    return child


def ask(child: pexpect.spawn, text: str, keys: str) -> None:
    """Wait until the prompt shows (the start of) `text`, then type `keys`."""
    child.expect_exact(text[:40])
    child.send(keys)


def answer_profile(child: pexpect.spawn) -> None:
    ask(child, "Hoe noemen we dit gezin in het verslag?", "Gezin A\r")
    ask(child, "Kenden jullie je pleegkind al", "2")  # bestand: no question about preparation
    ask(child, "Welke vorm van pleegzorg hebben jullie nu?", "\x1b[B\x1b[B \r")  # langdurig
    ask(child, "Hoeveel jaar zijn jullie al pleegouder?", "3\r")
    ask(child, "Hoe oud is je pleegkind?", "7\r")
    ask(child, "Wonen er ook eigen kinderen bij jullie thuis?", "2")
    ask(child, "Waar heeft je pleegkind vooral moeite mee?", "\r")
    ask(child, "Hoe leer je het liefst?", "\r")
    ask(child, "Hoeveel uur per maand heb je ongeveer om te leren?", "\r")


def read_to_end(child: pexpect.spawn, *, stop_at: str | None = None) -> str:
    """All output until the program ends, or until `stop_at` shows (then the program is ended)."""
    patterns = [pexpect.EOF] if stop_at is None else [pexpect.EOF, re.escape(stop_at)]
    index = child.expect(patterns, timeout=TIMEOUT)
    text = child.before + (child.after if index == 1 else "")
    return plain(text)


ZORGEN = {
    "zorgen.gezondheid": ("5", "5", None),
    "zorgen.gedrag": ("2", "2", "3"),  # 2.0: importance asked, heel belangrijk
    "zorgen.contact-ouders": ("4", "4", None),
    "zorgen.wennen": ("4", "5", None),
    "zorgen.ambassadeur": ("3", "3", "2"),  # 3.0: importance asked, belangrijk
}


def answer_zorgen(child: pexpect.spawn, framework: Framework) -> str:
    """Profile and the zorgen pillar by keystrokes; returns the screen text from the result on."""
    child.expect_exact("Welkom bij pleegreflectie")
    answer_profile(child)
    child.expect_exact("Pijler 1 van 1")
    for competency in framework.pillar("zorgen").competencies:
        weten, doen, importance = ZORGEN[competency.id]
        ask(child, competency.questions[0].text, weten)
        ask(child, competency.questions[1].text, doen)
        if importance:
            ask(child, framework.importance_question, importance)
    ask(child, "Wat wil je hier nog over kwijt? (over zorgen)", "Fijn om te doen.\r")
    child.expect_exact("Waar staan jullie")
    return "Waar staan jullie"


def assert_zorgen_result(screen: str) -> None:
    assert "Traceback" not in screen
    # (5 + 2 + 4 + 4.5 + 3) / 5 = 3.7
    assert "Zorgen (score 3,7)" in screen
    assert "Jullie notitie: Fijn om te doen." in screen
    assert "Samenwerken (score" not in screen
    gaps = screen[screen.index("Aandachtspunten") :]
    first = gaps.index("1. Omgaan met het gedrag van je pleegkind (score 2,0, heel belangrijk)")
    second = gaps.index("2. Ambassadeur zijn voor je pleegkind (score 3,0, belangrijk)")
    assert first < second


def test_answer_the_zorgen_pillar_in_a_terminal(tmp_path: Path, framework: Framework) -> None:
    child = spawn(tmp_path, "start", "--pijler", "zorgen")
    try:
        screen = answer_zorgen(child, framework)
        # Read the result; stop at the offer to write a report, which belongs to another feature.
        screen += read_to_end(child, stop_at="verslag maken")
    finally:
        child.close(force=True)
    assert_zorgen_result(screen)


def test_the_whole_sitting_ends_with_exit_status_0(tmp_path: Path, framework: Framework) -> None:
    child = spawn(tmp_path, "start", "--pijler", "zorgen")
    try:
        screen = answer_zorgen(child, framework)
        screen += read_to_end(child, stop_at="verslag maken")
        if "verslag maken" in screen:
            child.send("n")
            screen += read_to_end(child)
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert_zorgen_result(screen)
    assert "Fout" not in screen
    assert child.exitstatus == 0, screen


def test_ctrl_c_in_the_middle_exits_130_with_a_dutch_message(tmp_path: Path, framework: Framework) -> None:
    child = spawn(tmp_path, "start", "--pijler", "zorgen")
    try:
        answer_profile(child)
        questions = framework.pillar("zorgen").competencies[0].questions
        ask(child, questions[0].text, "4")
        ask(child, questions[1].text, "\x03")  # Ctrl-C on the second question
        child.expect(pexpect.EOF)
        output = plain(child.before)
    finally:
        child.close(force=True)

    assert child.exitstatus == 130, output
    assert child.signalstatus is None
    assert "Gestopt" in output
    assert "Traceback" not in output
    assert "KeyboardInterrupt" not in output
