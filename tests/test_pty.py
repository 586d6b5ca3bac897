"""The installed program in a pseudo-terminal: answer a pillar with keystrokes, check the result."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from terminal import (
    TIMEOUT,
    ZORGEN_PRIORITY,
    answer_profile,
    ask,
    plain,
    skip_without_terminal,
    spawn,
    zorgen_keys,
)

from pleegreflectie.models import Framework

pexpect = pytest.importorskip("pexpect")

pytestmark = skip_without_terminal


def read_to_end(child: pexpect.spawn, *, stop_at: str | None = None) -> str:
    """All output until the program ends, or until `stop_at` shows (then the program is ended)."""
    patterns = [pexpect.EOF] if stop_at is None else [pexpect.EOF, re.escape(stop_at)]
    index = child.expect(patterns, timeout=TIMEOUT)
    text = child.before + (child.after if index == 1 else "")
    return plain(text)


def answer_zorgen(child: pexpect.spawn, framework: Framework) -> str:
    """Profile and the zorgen pillar by keystrokes; returns the screen text from the result on."""
    child.expect_exact("Welkom bij pleegreflectie")
    answer_profile(child)
    child.expect_exact("Pijler 1 van 1")
    for text, key in zorgen_keys(framework):
        ask(child, text, key)
    ask(child, "Wat wil je hier nog over kwijt? (over zorgen)", "Fijn om te doen.\r")
    ask(child, *ZORGEN_PRIORITY)
    child.expect_exact("Waar sta je")
    return "Waar sta je"


def assert_zorgen_result(screen: str) -> None:
    assert "Traceback" not in screen
    # (5 + 2 + 4 + 4.5 + 3) / 5 = 3.7
    assert "Zorgen (score 3,7, op basis van 5 van 5 onderdelen)" in screen
    assert "Je notitie: Fijn om te doen." in screen
    assert "Samenwerken (score" not in screen
    gaps = screen[screen.index("Aandachtspunten") :]
    first = gaps.index("1. Het gedrag van je pleegkind (score 2,0, heel belangrijk)")
    second = gaps.index("2. Opkomen voor je pleegkind (score 3,0, belangrijk)")
    assert first < second


def test_answer_the_zorgen_pillar_in_a_terminal(tmp_path: Path, framework: Framework) -> None:
    child = spawn(tmp_path / "home", "start", "--pijler", "zorgen")
    try:
        screen = answer_zorgen(child, framework)
        # Read the result; stop at the offer to write a report, which belongs to another feature.
        screen += read_to_end(child, stop_at="verslag maken")
    finally:
        child.close(force=True)
    assert_zorgen_result(screen)


def test_the_whole_sitting_ends_with_exit_status_0(tmp_path: Path, framework: Framework) -> None:
    child = spawn(tmp_path / "home", "start", "--pijler", "zorgen")
    try:
        screen = answer_zorgen(child, framework)
        screen += read_to_end(child, stop_at="zonder naam meetellen?")
        child.send("n")  # not counted in the organisation's overview
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
    child = spawn(tmp_path / "home", "start", "--pijler", "zorgen")
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
