"""The visit in a pseudo-terminal (the installed program): no English from prompt_toolkit, the tick-box
keys, a duo with the worker at the next visit with carried agreements and a past date."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from terminal import (
    PROGRAM,
    TIMEOUT,
    ask,
    close,
    environment,
    plain,
    read_to_end,
    skip_without_terminal,
    spawn,
)

from pleegreflectie.models import Framework

pexpect = pytest.importorskip("pexpect")
pytestmark = skip_without_terminal


def test_no_english_warning_when_the_terminal_does_not_answer_cpr(tmp_path: Path) -> None:
    """pexpect never answers "where is the cursor?": prompt_toolkit would warn in English after 2 s."""
    env = environment(tmp_path / "home")
    env.pop("PROMPT_TOOLKIT_NO_CPR")
    child = pexpect.spawn(
        str(PROGRAM),
        ["start", "--pijler", "zorgen"],
        env=env,
        dimensions=(40, 80),
        encoding="utf-8",
        timeout=TIMEOUT,
    )
    try:
        child.expect_exact("Wie doen er vandaag mee?")
        time.sleep(3)  # prompt_toolkit waits 2 seconds for the answer
        child.send("1")
        child.expect_exact("Hoe noemen we dit gezin")
        time.sleep(3)
        child.send("Gezin C\r")
        child.expect_exact("Kenden jullie")
        seen = plain(child.before)
    finally:
        close(child)
    assert "WARNING" not in seen and "cursor position" not in seen, seen
