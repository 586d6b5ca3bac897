"""Shared helpers for the tests that drive the installed program in a pseudo-terminal (pexpect)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from pleegreflectie.models import Framework, pick
from pleegreflectie.profile_file import bundled_questions

PROGRAM = Path(sys.executable).parent / "pleegreflectie"
TIMEOUT = 20
ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]")
PREFIX = 40  # enough to tell the questions apart; short enough never to wrap at 80 columns

skip_without_terminal = [
    pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals need a POSIX system"),
    pytest.mark.skipif(not PROGRAM.exists(), reason="the console script is not installed next to python"),
]

# The zorgen pillar: (weten, doen, importance or None). Importance is asked when the score is 3.5 or lower.
ZORGEN = {
    "zorgen.gezondheid": ("5", "5", None),  # 5.0
    "zorgen.gedrag": ("2", "2", "3"),  # 2.0, heel belangrijk
    "zorgen.contact-ouders": ("4", "4", None),  # 4.0
    "zorgen.wennen": ("4", "5", None),  # 4.5
    "zorgen.ambassadeur": ("3", "3", "2"),  # 3.0, belangrijk
}


def plain(text: str) -> str:
    return ANSI.sub("", text).replace("\r", "")


def environment(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "PLEEGREFLECTIE_HOME": str(home),
            "NO_COLOR": "1",
            "TERM": "xterm",
            "COLUMNS": "80",
            "LINES": "40",
            # pexpect does not answer "where is the cursor?"; without this every prompt waits for it.
            "PROMPT_TOOLKIT_NO_CPR": "1",
            # Installed as after `source .venv/bin/activate`: suggested commands are `pleegreflectie ...`
            # (tests/test_family.py checks the other case, started by its path).
            "PATH": f"{PROGRAM.parent}{os.pathsep}{os.environ.get('PATH', '')}",
        }
    )
    env.pop("FORCE_COLOR", None)
    return env


def spawn(home: Path, *args: str, columns: int = 80) -> Any:
    import pexpect

    env = environment(home)
    env["COLUMNS"] = str(columns)
    child = pexpect.spawn(
        str(PROGRAM),
        list(args),
        env=env,
        cwd=str(home.parent),
        dimensions=(40, columns),
        encoding="utf-8",
        timeout=TIMEOUT,
    )
    return at_once(child)


def at_once(child: Any) -> Any:
    """Keys go out without pexpect's 50 ms pause before each send: the tests wait for the prompt
    on the screen first (and `reading`), and prompt_toolkit reads the terminal raw before it draws."""
    child.delaybeforesend = None
    return child


def reading(child: Any, timeout: float = TIMEOUT) -> None:
    """Wait until the program reads the terminal key by key (a prompt has switched echo off). Keys
    sent between two prompts, while the terminal still edits lines itself, could be taken by that
    line editing: a Ctrl-U would empty a line nobody reads. (pexpect's waitnoecho polls every 0.1 s.)"""
    end = time.monotonic() + timeout
    while child.getecho():
        if time.monotonic() > end:
            raise AssertionError("the program does not read the terminal key by key")
        time.sleep(0.002)


def ask(child: Any, text: str, keys: str) -> None:
    """Wait until the prompt shows (the start of) `text`, then type `keys`."""
    child.expect_exact(text[:PREFIX])
    reading(child)
    child.send(keys)


PRIORITY = "Welke hiervan zijn nu het belangrijkst voor jou?"  # one foster parent


def answer_setup(child: Any) -> None:
    """One foster parent, without the foster care worker."""
    ask(child, "Wie doen er vandaag mee?", "1")


def profile_text(key: str, *, together: bool = False, country: str = "nl") -> str:
    """A profile question as a family reads it (data/profiel.yaml): "jullie" only for two."""
    return pick(bundled_questions().question(key, country).text, "jullie" if together else "je")


def answer_profile(
    child: Any, household: str = "Gezin A", *, setup: bool = True, known: bool = False, together: bool = False
) -> None:
    """The profile questions (a family in the Netherlands); `known`: the household was here before,
    its profile still holds; `together`: two foster parents at the table (they read "jullie")."""
    if setup:
        answer_setup(child)

    def text(key: str) -> str:
        return profile_text(key, together=together)

    ask(child, text("land"), "1")  # Nederland: asked first
    ask(child, text("huishouden"), f"{household}\r")
    if known:
        ask(child, "Klopt dit nog?", "j")
        return
    if not together:  # two at the table: two foster parents, without asking
        ask(child, text("aantal_pleegouders"), "1")
    ask(child, text("pleegouder"), "2")  # bestand: no question about preparation
    ask(child, text("pleegzorgvormen"), "\x1b[B\x1b[B \r")  # langdurig
    ask(child, text("jaren_pleegouder"), "3\r")
    ask(child, text("leeftijden_pleegkinderen"), "7\r")
    ask(child, text("plaatsing_sinds"), "\r")
    ask(child, text("eerdere_plaatsingen"), "\r")
    ask(child, text("eigen_kinderen"), "2")
    # Enter with nothing ticked says so once; a second Enter: nothing.
    ask(child, text("uitdagingen"), "\r\r")
    ask(child, text("leervormen"), "\r\r")
    ask(child, text("uren_per_maand"), "\r")


def zorgen_keys(framework: Framework) -> list[tuple[str, str]]:
    """(prompt text, key) for every question of the zorgen pillar with the answers above, in order."""
    steps = []
    for competency in framework.pillar("zorgen").competencies:
        weten, doen, _ = ZORGEN[competency.id]
        steps += [(competency.questions[0].text, weten), (competency.questions[1].text, doen)]
    return steps


# After the note: of the low ones, gedrag (the first box) is ticked (heel belangrijk), ambassadeur not.
ZORGEN_PRIORITY = (PRIORITY, " \r")


def close(child: Any) -> None:
    if child.isalive():
        child.close(force=True)


def program(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The program without a terminal, on the same store."""
    return subprocess.run(
        [str(PROGRAM), *args],
        env=environment(home),
        cwd=str(home.parent),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )


CONSENT = "zonder naam meetellen?"  # the last questions of a sitting: consent (once per household) ...
REPORT = "verslag maken"  # ... and the offer to write a report


def read_to_end(child: Any) -> str:
    """Everything until the program ends; the consent question and a report offer are declined."""
    import pexpect

    text = ""
    while True:
        index = child.expect_exact([CONSENT, REPORT, pexpect.EOF])
        text += child.before + (child.after if index < 2 else "")
        if index == 2:
            return plain(text)
        child.send("n")
