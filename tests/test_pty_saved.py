"""Saved reflections with the installed program in a pseudo-terminal: kill -9 and hervat, the steps of
the previous route, and Ctrl-C during hervat.

Each test has its own store (PLEEGREFLECTIE_HOME) shared by the program in the pty and the helper
commands run with subprocess. Expectations use text that does not wrap at 80 columns.
"""

from __future__ import annotations

import json
import signal
import time
from pathlib import Path
from typing import Any

import pytest
from terminal import (
    PREFIX,
    PRIORITY,
    ZORGEN,
    ZORGEN_PRIORITY,
    answer_profile,
    ask,
    close,
    plain,
    program,
    read_to_end,
    skip_without_terminal,
    spawn,
    zorgen_keys,
)

from pleegreflectie.models import Framework
from pleegreflectie.store import Store

pexpect = pytest.importorskip("pexpect")

pytestmark = skip_without_terminal


# ---------------------------------------------------------------- helpers


def overview(home: Path) -> list[dict[str, Any]]:
    done = program(home, "overzicht", "--json")
    assert done.returncode == 0, done.stderr
    rows: list[dict[str, Any]] = json.loads(done.stdout)
    return rows


def zorgen_prompts(framework: Framework) -> list[str]:
    """The start of every prompt the zorgen pillar can show (questions, importance, note)."""
    texts = [q.text for c in framework.pillar("zorgen").competencies for q in c.questions]
    prompts = [text[:PREFIX] for text in [*texts, PRIORITY, "Wat wil je hier nog"]]
    assert len(set(prompts)) == len(prompts), "the prompts must differ in their first characters"
    return prompts


# ---------------------------------------------------------------- kill -9, then hervat


def test_kill_9_then_hervat_continues_at_the_next_question(tmp_path: Path, framework: Framework) -> None:
    home = tmp_path / "home"
    steps = zorgen_keys(framework)
    # Five scale questions: gezondheid 5 5, gedrag 2 2, contact 4.
    before_kill, after_kill = steps[:5], steps[5:]
    next_text = after_kill[0][0]
    assert next_text == framework.pillar("zorgen").competencies[2].questions[1].text

    child = spawn(home, "start", "--pijler", "zorgen")
    try:
        child.expect_exact("Welkom bij pleegreflectie")
        answer_profile(child, "Gezin K")
        for text, key in before_kill:
            ask(child, text, key)
        child.expect_exact(next_text[:PREFIX])  # shown after the last answer was saved
        child.kill(signal.SIGKILL)
        child.expect(pexpect.EOF)
    finally:
        close(child)
    assert child.signalstatus == signal.SIGKILL

    rows = overview(home)
    assert len(rows) == 1
    assert rows[0]["id"] == 1
    assert rows[0]["huishouden"] == "Gezin K"
    assert rows[0]["status"] == "bezig"
    assert rows[0]["pijlers"] == ["zorgen"]
    assert rows[0]["antwoorden"] == 5

    child = spawn(home, "hervat")
    try:
        child.expect_exact("Welkom terug")
        child.expect_exact("reflectie 1")
        # The first prompt shown is the first unanswered question, and none of the others.
        prompts = zorgen_prompts(framework)
        index = child.expect_exact(prompts)
        assert prompts[index] == next_text[:PREFIX], plain(child.before)
        assert "vraag 6 van 10" in plain(child.before)
        child.send(after_kill[0][1])
        for text, key in after_kill[1:]:
            ask(child, text, key)
        ask(child, "Wat wil je hier nog over kwijt? (over zorgen)", "Na de stroomstoring.\r")
        ask(child, *ZORGEN_PRIORITY)
        screen = read_to_end(child)
    finally:
        close(child)
    assert child.exitstatus == 0, screen
    assert "Traceback" not in screen

    # (5 + 2 + 4 + 4.5 + 3) / 5 = 3.7, with answers from before and after the kill.
    assert "Zorgen (score 3,7, op basis van 5 van 5 onderdelen)" in screen
    lines = [line.strip() for line in screen.splitlines()]
    for competency in framework.pillar("zorgen").competencies:
        weten, doen, _ = ZORGEN[competency.id]
        value = f"{(int(weten) + int(doen)) / 2:.1f}".replace(".", ",")
        assert f"{value}  {competency.name}" in lines, (competency.id, value)
    assert "Je notitie: Na de stroomstoring." in screen
    gaps = screen[screen.index("Aandachtspunten") :]
    # The importance given before the kill still counts.
    first = gaps.index("1. Het gedrag van je pleegkind (score 2,0, heel belangrijk)")
    second = gaps.index("2. Opkomen voor je pleegkind (score 3,0, belangrijk)")
    assert first < second
    assert "bewaard als nummer 1" in screen

    rows = overview(home)
    assert [(r["id"], r["status"], r["antwoorden"]) for r in rows] == [(1, "klaar", 10)]


# ---------------------------------------------------------------- the previous route


def test_a_new_reflection_asks_which_steps_of_the_previous_route_were_done(
    tmp_path: Path, oma_path: Path, framework: Framework
) -> None:
    home = tmp_path / "home"
    answers = tmp_path / "gezin-p.yaml"
    answers.write_text(
        oma_path.read_text(encoding="utf-8").replace("huishouden: Oma Jansen", "huishouden: Gezin P"),
        encoding="utf-8",
    )
    first = program(home, "start", "--antwoorden", str(answers), "--json")
    assert first.returncode == 0, first.stderr
    previous = json.loads(first.stdout)["route"]
    assert len(previous) >= 2
    route_ids = [step["id"] for step in previous]
    titles = [step["titel"] for step in previous]

    child = spawn(home, "start", "--pijler", "zorgen")
    try:
        child.expect_exact("Welkom bij pleegreflectie")
        answer_profile(child, "Gezin P", known=True)
        # Each step of the previous route: the first done, the second still going on, the rest not.
        for number, title in enumerate(titles, 1):
            child.expect_exact(f"Stap {number} van {len(titles)}:")
            child.expect_exact("Hoe staat het met deze stap?")
            assert " ".join(title.split()[:2]) in " ".join(plain(child.before).split()), title
            child.send({1: "1", 2: "2"}.get(number, "3"))
        for text, key in zorgen_keys(framework):
            ask(child, text, key)
        ask(child, "Wat wil je hier nog over kwijt? (over zorgen)", "\r")
        ask(child, *ZORGEN_PRIORITY)
        screen = read_to_end(child)
    finally:
        close(child)
    assert child.exitstatus == 0, screen
    assert "bewaard als nummer 2" in screen

    compared = program(home, "vergelijk")
    assert compared.returncode == 0, compared.stderr
    lines = [line.strip() for line in compared.stdout.splitlines()]
    assert f"✓ gedaan: {titles[0]}" in lines, compared.stdout
    assert any(titles[1] in line and "bezig" in line for line in lines), compared.stdout
    for title in titles[2:]:
        assert f"· nog niet gedaan: {title}" in lines, title

    with Store.open(home) as store:
        info, sitting = store.load(2)
    assert info.household is not None and info.household.casefold() == "gezin p"
    assert info.route_done == (route_ids[0],)
    assert sitting.previous_route == route_ids


# ---------------------------------------------------------------- Ctrl-C during hervat


def test_ctrl_c_during_hervat_says_how_to_continue(tmp_path: Path, framework: Framework) -> None:
    home = tmp_path / "home"
    questions = [q for c in framework.pillar("zorgen").competencies for q in c.questions]

    child = spawn(home, "start", "--pijler", "zorgen")
    try:
        answer_profile(child, "Gezin C")
        ask(child, questions[0].text, "4")
        ask(child, questions[1].text, "4")
        ask(child, questions[2].text, "s")  # stop: the two answers are kept
        child.expect(pexpect.EOF)
        stopped = plain(child.before)
    finally:
        close(child)
    assert child.exitstatus == 0, stopped
    assert "pleegreflectie hervat 1" in stopped

    child = spawn(home, "hervat", "1")
    try:
        child.expect_exact("Welkom terug")
        child.expect_exact(questions[2].text[:PREFIX])
        child.send("\x03")
        child.expect(pexpect.EOF)
        output = plain(child.before)
    finally:
        close(child)
    assert child.exitstatus == 130, output
    assert child.signalstatus is None
    assert "Gestopt" in output
    assert "pleegreflectie hervat 1" in output
    assert "Traceback" not in output and "KeyboardInterrupt" not in output

    rows = overview(home)
    assert [(r["id"], r["status"], r["antwoorden"]) for r in rows] == [(1, "bezig", 2)]


def test_start_mentions_an_unfinished_reflection(tmp_path: Path) -> None:
    home = tmp_path / "home"
    child = spawn(home, "start", "--pijler", "zorgen")
    try:
        answer_profile(child, "Gezin Half")
        child.expect_exact("Pijler 1 van 1")
        # Ctrl-C once the question is drawn (while prompt_toolkit starts it could be lost).
        child.expect_exact("Stoppen (je antwoorden blijven bewaard)")
        time.sleep(0.3)
        child.sendcontrol("c")
        child.expect(pexpect.EOF)
    finally:
        close(child)
    child = spawn(home, "start", "--pijler", "zorgen")
    try:
        child.expect_exact("Welkom bij pleegreflectie")
        child.expect_exact("reflectie 1 is nog niet af")
        child.expect_exact("pleegreflectie hervat 1")
    finally:
        close(child)
