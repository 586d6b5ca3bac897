"""One foster parent reads "je", never "jullie": on the terminal, in the report and in the route.

The family of tests/fixtures/oma.yaml answers alone (issue 16: "a single foster parent never reads
'jullie' in the interview, signals, advice or report"). Two foster parents read "jullie".
"""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from pleegreflectie.cli import app

FIXTURES = Path(__file__).parent / "fixtures"
JULLIE = re.compile(r"\bjullie\b", re.IGNORECASE)


def run(*args: str | Path) -> str:
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, (result.output, result.exception)
    return result.stdout


def test_one_foster_parent_never_reads_jullie() -> None:
    screen = run("start", "--antwoorden", FIXTURES / "oma.yaml")
    assert "Waar sta je?" in screen and "Je leerroute" in screen
    report = run("rapport", "1", "-o", "-")
    route = run("route", "1")
    for text in (screen, report, route):
        assert not JULLIE.search(text), JULLIE.findall(text)


def test_two_foster_parents_read_jullie() -> None:
    screen = run("start", "--antwoorden", FIXTURES / "duo_bezoek.yaml")
    assert "Waar staan jullie?" in screen and "Jullie leerroute" in screen


def test_no_catalogue_text_says_jullie(framework: object) -> None:
    """A catalogue text is the same for every family, so it speaks to one foster parent ("je")."""
    from pleegreflectie.load import load_catalogue, load_framework

    catalogue = load_catalogue(load_framework())
    texts = [(c.id, f"{c.title} {c.description}") for c in catalogue.entries]
    texts += [(g.topic, g.note) for g in catalogue.gaps]
    assert [name for name, text in texts if JULLIE.search(text)] == []
