"""A first reflection for one foster parent stays within 68 prompts (counted in a pseudo-terminal)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from terminal import PRIORITY, ask, close, plain, program, skip_without_terminal, spawn

from pleegreflectie.flow import Sitting, StepKind
from pleegreflectie.models import Framework, pick
from pleegreflectie.profile_file import bundled_questions

QUESTIONS = bundled_questions()  # the questions about the family, read at the edge

pexpect = pytest.importorskip("pexpect")
pytestmark = skip_without_terminal

# 65 until issue 16 added three profile questions (aantal_pleegouders, plaatsing_sinds,
# eerdere_plaatsingen); each can be left empty.
MAX_PROMPTS = 68

# A registered (bestand) foster parent without own children at home; every profile question answered.
PROFILE_KEYS = {"huishouden": "Gezin Telling\r", "pleegouder": "2", "eigen_kinderen": "2"}
PROFILE = {
    "land": "nl",
    "huishouden": "Gezin Telling",
    "aantal_pleegouders": 1,
    "pleegouder": "bestand",
    "eigen_kinderen": False,
}


def profile_key(kind: str, key: str) -> str:
    if key in PROFILE_KEYS:
        return PROFILE_KEYS[key]
    return {"choice": "1", "yesno": "2", "multi": "\r\r"}.get(kind, "\r")  # multi: Enter twice, none


def test_a_first_full_reflection_takes_at_most_68_prompts(tmp_path: Path, framework: Framework) -> None:
    prompts: list[tuple[str, str]] = [("Wie doen er vandaag mee?", "1")]
    for item in bundled_questions().asked(PROFILE):
        # One foster parent: every profile question reads "je", never "jullie".
        prompts.append((pick(item.text, "je"), profile_key(item.kind, item.key)))
    sitting = Sitting(pillar_ids=[p.id for p in framework.pillars], profile=dict(PROFILE))
    questions = {q.id: q.text for q in framework.questions()}
    for step in sitting.plan(framework, QUESTIONS):
        if step.kind == StepKind.QUESTION:
            # Mostly 4, with a low competency here and there.
            key = "2" if step.key.startswith(("zorgen.gedrag", "samenwerken.juridisch")) else "4"
            prompts.append((questions[step.key], key))
        elif step.kind == StepKind.NOTE:
            prompts.append(("Wat wil je", "\r"))
    prompts.append((PRIORITY, " \r"))
    prompts.append(("zonder naam meetellen?", "n"))  # once per household (issue 19)
    prompts.append(("Wil je nu een verslag maken", "n"))

    child = spawn(tmp_path / "home", "start")
    try:
        for text, key in prompts:
            ask(child, text, key)
        child.expect(pexpect.EOF)
        screen = plain(child.before)
    finally:
        close(child)
    assert child.exitstatus == 0, screen
    assert "verslag" not in " ".join(p.name for p in tmp_path.iterdir())  # "n": no report written
    overview = program(tmp_path / "home", "overzicht", "--json")
    [saved] = json.loads(overview.stdout)
    assert saved["status"] == "klaar"
    assert len(prompts) <= MAX_PROMPTS, len(prompts)
