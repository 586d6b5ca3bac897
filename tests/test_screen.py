"""The screen at 60 and 100 columns: Dutch only, prompts wrapped between words, errors under the question.

The installed program runs in a pseudo-terminal (pexpect); a terminal emulator (pyte) turns what it
draws into the lines a person sees.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from terminal import PROGRAM, at_once, environment, reading, skip_without_terminal

pytestmark = skip_without_terminal

ENGLISH = ("done", "selection", "Use ", "arrow", "shortcut", "toggle", "invert", "Answer", "Error")
LONG_QUESTION = "Kende je je pleegkind al voordat het bij je kwam?"
INSTRUCTION = "(pijltjes om te bewegen, spatiebalk of cijfer om te kiezen, Enter als je klaar bent)"
CLEAR = "\x15"  # Ctrl-U: empty the line (a wrong value stays in the field to correct)


class Screen:
    def __init__(self, home: Path, width: int, *args: str) -> None:
        import pexpect
        import pyte

        env = environment(home)
        env["COLUMNS"] = str(width)
        self.width = width
        self.screen = pyte.Screen(width, 300)
        self.stream = pyte.Stream(self.screen)
        self.child: Any = pexpect.spawn(
            str(PROGRAM), list(args), env=env, dimensions=(300, width), encoding="utf-8", timeout=20
        )
        at_once(self.child)

    def lines(self) -> list[str]:
        return [line.rstrip() for line in self.screen.display if line.strip()]

    def text(self) -> str:
        return "\n".join(self.lines())

    def wait(self, text: str, timeout: float = 20) -> None:
        """Read until `text` is on the screen (with its spaces as drawn, across line ends)."""
        import pexpect

        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if text in " ".join(" ".join(self.lines()).split()):
                return
            try:
                self.stream.feed(self.child.read_nonblocking(100_000, timeout=0.2))
            except pexpect.TIMEOUT:
                continue
            except pexpect.EOF:
                break
        raise AssertionError(f"not on the screen: {text!r}\n{self.text()}")

    def step(self, text: str, keys: str) -> None:
        self.wait(text)
        reading(self.child)  # the prompt reads key by key before it draws
        self.child.send(keys)

    def close(self) -> None:
        self.child.close(force=True)


def whole_words(screen_text: str, sentence: str) -> None:
    """Every word of `sentence` is on the screen in one piece (not split over two lines)."""
    words = set(screen_text.split())
    broken = [word for word in sentence.split() if word not in words]
    assert not broken, f"split: {broken}\n{screen_text}"


@pytest.mark.parametrize("width", [60, 100])
def test_the_profile_reads_well_and_is_dutch(tmp_path: Path, width: int) -> None:
    screen = Screen(tmp_path / "home", width, "start", "--pijler", "samenwerken")
    try:
        screen.step("Wie doen er vandaag mee?", "1")
        screen.step("Waar woon je?", "1")
        screen.step("Hoe noemen we dit gezin", "Gezin A\r")
        screen.step("Hoeveel pleegouders zijn er bij je thuis?", "1")
        screen.step(LONG_QUESTION, "2")
        screen.wait("Welke vorm van pleegzorg")
        screen.wait(INSTRUCTION)
        open_list = screen.text()  # the multiple choice as it is shown, before it is answered
        screen.child.send("a\r" if width == 60 else "i\r")  # questionary's tick-all and invert do nothing
        screen.step("Je hebt nog niets aangevinkt.", "\r")  # said once; a second Enter: nothing
        screen.step("niets gekozen", "")
        screen.step("Hoeveel jaar ben je al pleegouder?", "-3\r")
        screen.step("-3 is minder dan 0.", CLEAR + "3\r")
        screen.step("Hoe oud is je pleegkind?", "4,5\r")
        screen.step("'4,5' lezen we als 4,5 jaar.", CLEAR + "4 en 9\r")
        screen.step("Genoteerd: 4 en 9 jaar.", "")
        screen.step("Sinds wanneer woont je pleegkind", "2099-01\r")
        screen.step("Die maand moet nog komen.", CLEAR + "2024-09\r")
        screen.step("Hoe vaak is je pleegkind verhuisd", "\r")
        screen.step("Wonen er ook eigen kinderen", "2")
        screen.step("Waar heeft je pleegkind", " \r")
        screen.step("Hoe leer je het liefst?", "\r\r")
        screen.step("Hoeveel uur per maand", "1000\r")
        screen.step("Dat is meer dan 200 uur per maand.", CLEAR + "4\r")
        screen.wait("Pijler 1 van 1")
        screen.wait("Stoppen (je antwoorden blijven bewaard)")
        question = screen.text()  # a question with its answers and actions
        screen.child.send("s")
        screen.wait("hervat")
        text = screen.text()
    finally:
        screen.close()
    lines = screen.lines()
    assert all(len(line) <= width for line in lines)
    for word in ENGLISH:
        assert word not in text, (word, text)
    whole_words(text, LONG_QUESTION)
    whole_words(open_list, INSTRUCTION)
    whole_words(question, "Bespreken: zet deze vraag op de lijst voor het gesprek")
    for word in ENGLISH:
        assert word not in question and word not in open_list
    # The error is right under the question it belongs to, and says what was wrong with that value.
    wrongs = ("-3 is minder dan 0.", "'4,5' lezen we als", "Die maand moet nog komen.", "Dat is meer dan 200")
    for wrong in wrongs:
        at = next(i for i, line in enumerate(lines) if wrong in line)
        assert lines[at - 1].startswith("? "), lines[at - 2 : at + 1]
    # A long question continues under itself, not at the left edge.
    start = next(i for i, line in enumerate(lines) if line.startswith("? Kende je"))
    if width == 60:
        assert lines[start + 1].startswith("  ") and lines[start + 1].strip()
