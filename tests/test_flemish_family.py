"""The review's Flemish family, end to end (issue 16, "Done when").

A network grandmother in Flanders, alone, with a foster child of 17, nine years a foster parent,
answering low on most points. Through `start`, `rapport` and `route`: she never reads a word that
belongs only to the Netherlands (data/landen.yaml), and each top gap gets a step, an offer for later,
or the Flemish contact.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from pleegreflectie.cli import app
from pleegreflectie.load import load_framework
from pleegreflectie.route import MAX_GAPS
from pleegreflectie.terms import foreign_terms
from pleegreflectie.terms_file import bundled_countries


def run(*args: str | Path) -> str:
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, (result.output, result.exception)
    return result.stdout


def grandmother(tmp_path: Path) -> Path:
    framework = load_framework()
    answers = {q.id: 2 for q in framework.questions()}
    data = {
        "profiel": {
            "land": "vl",
            "huishouden": "Oma Mieke",
            "aantal_pleegouders": 1,
            "pleegouder": "netwerk",
            "voorbereiding": "nee",
            "pleegzorgvormen": ["langdurig"],
            "jaren_pleegouder": 9,
            "leeftijden_pleegkinderen": [17],
            "plaatsing_sinds": "2017-09",
            "eerdere_plaatsingen": 0,
            "eigen_kinderen": "nee",
            "uitdagingen": ["gedrag"],
            "leervormen": ["thuis", "lezen"],
            "uren_per_maand": 4,
        },
        "antwoorden": answers,
    }
    path = tmp_path / "oma-mieke.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_a_flemish_grandmother_reads_only_flemish_words(tmp_path: Path) -> None:
    path = grandmother(tmp_path)
    screen = run("start", "--antwoorden", path)
    report = run("rapport", "1", "-o", "-")
    route = run("route", "1")
    countries = bundled_countries()
    for name, text in (("scherm", screen), ("verslag", report), ("route", route)):
        assert foreign_terms(text, "vl", countries) == [], (name, foreign_terms(text, "vl", countries))
    assert "kinderrechter" not in (screen + report).lower()
    assert "tot 21" not in screen + report


def test_each_top_gap_gets_a_step_or_the_flemish_contact(tmp_path: Path) -> None:
    data = json.loads(run("start", "--antwoorden", grandmother(tmp_path), "--json", "--geen-opslag"))
    top = [gap["id"] for gap in data["aandachtspunten"][:MAX_GAPS]]
    assert len(top) == MAX_GAPS
    stepped = {c for step in [*data["route"], *data["bezig"]] for c in step["competenties"]}
    later = {item["competentie"] for item in data["later"]}
    uncovered = set(data["niet_gedekt"])
    for gap in top:
        assert gap in stepped | later | uncovered, gap
    if uncovered & set(top):
        assert "Pleegzorg Vlaanderen" in (data["advies_niet_gedekt"] or "")
    assert stepped & set(top), "at least one real step"
