"""A Flemish foster parent alone at 60 columns (the installed program in a pseudo-terminal): the
country first, Flemish words and kinds of care, "je" throughout, no Dutch-only word on the screen."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from terminal import ask, close, plain, profile_text, skip_without_terminal, spawn

from pleegreflectie.models import Framework, Profile
from pleegreflectie.terms import foreign_terms
from pleegreflectie.terms_file import bundled_countries

pexpect = pytest.importorskip("pexpect")
pytestmark = skip_without_terminal

COLUMNS = 60


def test_a_flemish_network_grandmother_at_60_columns(tmp_path: Path, framework: Framework) -> None:
    def text(key: str) -> str:
        return profile_text(key, country="vl")

    child = spawn(tmp_path / "home", "start", "--pijler", "samenwerken", columns=COLUMNS)
    seen = io.StringIO()
    child.logfile_read = seen  # everything the program writes
    try:
        ask(child, "Wie doen er vandaag mee?", "1")
        ask(child, text("land"), "2")  # Vlaanderen: the first question
        ask(child, text("huishouden"), "Oma Jansen\r")
        ask(child, text("aantal_pleegouders"), "1")
        ask(child, text("pleegouder"), "1")  # netwerk
        ask(child, text("voorbereiding"), "2")
        ask(child, text("pleegzorgvormen"), "\x1b[B\x1b[B\x1b[B \r")  # perspectiefbiedend
        ask(child, text("jaren_pleegouder"), "9\r")
        ask(child, text("leeftijden_pleegkinderen"), "17\r")
        ask(child, text("plaatsing_sinds"), "2017-03\r")
        ask(child, text("eerdere_plaatsingen"), "2\r")
        ask(child, text("eigen_kinderen"), "2")
        ask(child, text("uitdagingen"), "\r\r")
        ask(child, text("leervormen"), "\r\r")
        ask(child, text("uren_per_maand"), "4\r")
        profile = Profile.model_validate(
            {"land": "vl", "aantal_pleegouders": 1, "pleegouder": "netwerk", "leeftijden_pleegkinderen": [17]}
        )
        first = framework.pillar("samenwerken").competencies[0].questions_for(profile)[0]
        ask(child, first.text_for(profile), "s")  # stop at the first question of the pillar
        child.expect(pexpect.EOF)
        screen = plain(seen.getvalue())
    finally:
        close(child)
    assert child.exitstatus == 0, screen
    profile_part = screen[: screen.index("Pijler 1 van 1")] if "Pijler 1 van 1" in screen else screen
    assert not re.search(r"\bjullie\b", profile_part, re.IGNORECASE), profile_part
    assert "Verlengde pleegzorg" not in screen and "18 tot 21" not in screen
    assert "Perspectiefbiedende pleegzorg" in screen  # the Flemish kinds of care
    assert "pleegzorger" in screen  # Flemish words
    assert [f.term for f in foreign_terms(screen, "vl", bundled_countries())] == []
    assert "Over je gezin · vraag 1 van" in screen
