"""Issue 17's report-side fixes through the commands: pillars really answered, verdict words, the
existing report file, and `vergelijk`'s rounding.

The printed hand-out itself (page counts in Chromium) is in tests/test_report_html.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from pleegreflectie.application import free_name
from pleegreflectie.cli import app
from pleegreflectie.cli.base import _write_report
from pleegreflectie.wording import LEVEL_WORDS

FIXTURES = Path(__file__).parent / "fixtures"
THREE = ("zorgen", "samenwerken", "opvoeden")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def ok(result: Result) -> str:
    assert result.exit_code == 0, (result.output, repr(result.exception))
    return result.stdout


def three_pillars(tmp_path: Path) -> Path:
    """oma.yaml with only the answers (and notes) of zorgen, samenwerken and opvoeden."""
    lines = (FIXTURES / "oma.yaml").read_text(encoding="utf-8").splitlines()
    kept = [
        line
        for line in lines
        if not re.match(r"\s+(ontwikkelen|functioneren)\.", line)
        and not re.match(r"\s+(ontwikkelen|functioneren)\.\w", line)
    ]
    path = tmp_path / "drie.yaml"
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------- pillars really answered


def test_an_answers_file_with_three_pillars_is_a_reflection_of_three(
    runner: CliRunner, tmp_path: Path
) -> None:
    answers = three_pillars(tmp_path)
    data = json.loads(ok(runner.invoke(app, ["start", "--antwoorden", str(answers), "--json"])))
    assert [p["id"] for p in data["pijlers"]] == list(THREE)
    rows = json.loads(ok(runner.invoke(app, ["overzicht", "--json"])))
    assert rows[0]["pijlers"] == list(THREE) and rows[0]["pijlers_klaar"] == list(THREE)
    screen = " ".join(ok(runner.invoke(app, ["overzicht"], env={"COLUMNS": "120"})).split())
    assert "3 van 5 (Zorgen, Samenwerken, Opvoeden)" in screen and "5 van 5" not in screen
    report = ok(runner.invoke(app, ["rapport"]))
    assert "Deze pijlers zijn ingevuld: Zorgen, Samenwerken en Opvoeden." in report
    assert "Nog niet ingevuld: Ontwikkelen en Functioneren." in report
    assert "| Ontwikkelen |" not in report and "### Ontwikkelen" not in report


def test_a_file_that_fills_in_no_chosen_pillar_keeps_the_chosen_ones(
    runner: CliRunner, tmp_path: Path
) -> None:
    answers = three_pillars(tmp_path)
    data = json.loads(
        ok(runner.invoke(app, ["start", "--antwoorden", str(answers), "--pijler", "functioneren", "--json"]))
    )
    assert [p["id"] for p in data["pijlers"]] == ["functioneren"]
    assert data["pijlers"][0]["score"] is None


# ---------------------------------------------------------------- one set of verdict words


def test_the_screen_the_report_and_json_use_the_same_words(runner: CliRunner) -> None:
    answers = FIXTURES / "oma.yaml"
    data = json.loads(ok(runner.invoke(app, ["start", "--antwoorden", str(answers), "--json"])))
    words = {p["id"]: p["niveau"] for p in data["pijlers"]}
    assert set(words.values()) <= set(LEVEL_WORDS.values())
    assert {c["niveau"] for c in data["competenties"]} <= set(LEVEL_WORDS.values())
    screen = ok(runner.invoke(app, ["start", "--antwoorden", str(answers), "--geen-opslag"]))
    report = ok(runner.invoke(app, ["rapport"]))
    for pillar in data["pijlers"]:
        word = pillar["niveau"]
        assert re.search(rf"{pillar['titel']} .*{word}", screen), (pillar, screen)
        assert f"| {pillar['titel']} | " in report and word[:1].upper() + word[1:] in report
    # The old second vocabulary is gone everywhere.
    for text in (screen, report):
        assert (
            "op weg" not in text and "Dit gaat redelijk" not in text and "Hier is aandacht nodig" not in text
        )


def test_a_long_list_of_points_reads_kindly(runner: CliRunner, tmp_path: Path) -> None:
    # Most answers a 3 or a 4 (an average around 3.4): many points to work on, none a failure.
    lines = []
    for index, line in enumerate((FIXTURES / "oma.yaml").read_text(encoding="utf-8").splitlines()):
        match = re.match(r"(\s+[a-z-]+\.[a-z-]+\.(?:weten|doen)): .*", line)
        lines.append(f"{match.group(1)}: {3 + index % 3 // 2}" if match else line)
    path = tmp_path / "gemiddeld.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    data = json.loads(ok(runner.invoke(app, ["start", "--antwoorden", str(path), "--json"])))
    assert len(data["aandachtspunten"]) > 8
    screen = ok(runner.invoke(app, ["start", "--antwoorden", str(path), "--geen-opslag"]))
    assert "Dit is geen lijst van wat fout gaat." in screen
    assert "Ook nog" in screen
    report = ok(runner.invoke(app, ["rapport"]))
    assert "Dit is geen lijst van wat fout gaat." in report
    assert "### Ook nog" in report
    worked_on = report.split("## Punten om aan te werken", 1)[1].split("### Ook nog", 1)[0]
    assert len(re.findall(r"^\d+\. ", worked_on, flags=re.M)) == 8


# ---------------------------------------------------------------- the report file already there


def test_a_taken_report_name_without_a_terminal_stops_with_a_message(
    runner: CliRunner, tmp_path: Path
) -> None:
    ok(runner.invoke(app, ["start", "--antwoorden", str(FIXTURES / "oma.yaml"), "--json"]))
    target = tmp_path / "verslag.html"
    target.write_text("van mij", encoding="utf-8")
    result = runner.invoke(app, ["rapport", "-o", str(target)])
    assert result.exit_code != 0
    assert "bestaat al" in result.stderr and "--overschrijf" in result.stderr
    assert target.read_text(encoding="utf-8") == "van mij"
    ok(runner.invoke(app, ["rapport", "-o", str(target), "--overschrijf"]))
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_taken_report_name_on_a_terminal_asks_for_another_name(tmp_path: Path) -> None:
    target = tmp_path / "verslag.html"
    target.write_text("van mij", encoding="utf-8")
    (tmp_path / "verslag-2.html").write_text("ook van mij", encoding="utf-8")
    asked: list[tuple[str, str]] = []

    def ask_name(question: str, suggestion: str) -> str:
        asked.append((question, suggestion))
        return ""  # Enter: the suggestion

    _write_report(
        str(target),
        lambda name: f"verslag voor {Path(name).name}",
        confirm=lambda _: False,
        ask_name=ask_name,
    )
    assert asked == [("Hoe moet het nieuwe bestand heten?", str(tmp_path / "verslag-3.html"))]
    assert (tmp_path / "verslag-3.html").read_text(encoding="utf-8") == "verslag voor verslag-3.html"
    assert target.read_text(encoding="utf-8") == "van mij"


def test_a_taken_report_name_can_be_overwritten_when_asked(tmp_path: Path) -> None:
    target = tmp_path / "verslag.md"
    target.write_text("oud", encoding="utf-8")
    _write_report(str(target), lambda _: "nieuw", confirm=lambda _: True, ask_name=lambda q, s: "x")
    assert target.read_text(encoding="utf-8") == "nieuw"


def test_free_name() -> None:
    assert free_name(Path("/nergens/verslag.html")) == Path("/nergens/verslag-2.html")


# ---------------------------------------------------------------- vergelijk


def test_vergelijk_rounds_and_labels_alike_and_says_its_rule(runner: CliRunner, tmp_path: Path) -> None:
    source = (FIXTURES / "oma.yaml").read_text(encoding="utf-8")
    ok(runner.invoke(app, ["start", "--antwoorden", str(FIXTURES / "oma.yaml"), "--json"]))
    later = tmp_path / "later.yaml"
    later.write_text(
        source.replace("zorgen.gedrag.weten: 2", "zorgen.gedrag.weten: 4").replace(
            "samenwerken.juridisch.weten: 2", "samenwerken.juridisch.weten: 3"
        ),
        encoding="utf-8",
    )
    ok(runner.invoke(app, ["start", "--antwoorden", str(later), "--json"]))
    screen = ok(runner.invoke(app, ["vergelijk"]))
    assert "0,5 of meer bij een pijler" in screen
    for match in re.finditer(r"([+-]\d,\d+|0,0)\s+(gegroeid|gelijk|gedaald)", screen):
        delta = float(match.group(1).replace(",", "."))
        assert len(match.group(1).split(",")[1]) == 1, screen  # one decimal, like the scores
        assert (match.group(2) == "gelijk") == (abs(delta) < 0.5), screen


# ---------------------------------------------------------------- je or jullie in the report


def test_one_foster_parent_reads_je_in_the_conversation_points(runner: CliRunner, tmp_path: Path) -> None:
    text = (FIXTURES / "oma.yaml").read_text(encoding="utf-8") + "bespreken: [zorgen.gedrag.doen]\n"
    alone = tmp_path / "alleen.yaml"
    alone.write_text(text, encoding="utf-8")
    ok(runner.invoke(app, ["start", "--antwoorden", str(alone), "--json"]))
    report = ok(runner.invoke(app, ["rapport"]))
    assert "- Je wilde dit bespreken:" in report and "Jullie wilden" not in report
    assert "### Je sterkste punten" in report and "## Over je gezin" in report
    two = tmp_path / "samen.yaml"
    two.write_text("deelnemers: [Sanne, Ahmed]\n" + text, encoding="utf-8")
    ok(runner.invoke(app, ["start", "--antwoorden", str(two), "--json"]))
    report = ok(runner.invoke(app, ["rapport"]))
    assert "- Jullie wilden dit bespreken:" in report
    assert "### Jullie sterkste punten" in report and "## Over jullie gezin" in report
