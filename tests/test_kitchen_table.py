"""The home visit: two foster parents, the worker's notes and agreements, conversation points.

Answers files for two (the key names are a contract), the JSON output, the report and bad input.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt
from typer.testing import CliRunner, Result

from pleegreflectie.answers_file import load_answers
from pleegreflectie.cli import app
from pleegreflectie.conversation import DIFFERENCE_MIN, differences, topics
from pleegreflectie.flow import from_answers
from pleegreflectie.models import Answers, Framework, Profile, Special
from pleegreflectie.profile_file import bundled_questions
from pleegreflectie.scoring import score

QUESTIONS = bundled_questions()  # the questions about the family, read at the edge

DUO = """\
deelnemers: [Sanne, Ahmed]
profiel:
  huishouden: Gezin Duo
  pleegouder: bestand
  leeftijden_pleegkinderen: [12]
  uitdagingen: [gedrag]
  eerdere_plaatsingen: 3
antwoorden:
  zorgen.gedrag.weten: {Sanne: 4, Ahmed: 2}
  zorgen.gedrag.doen: {Sanne: 5, Ahmed: 1}
  zorgen.gezondheid.weten: 4
  zorgen.gezondheid.doen: 4
  samenwerken.juridisch.weten: weet ik niet
  samenwerken.juridisch.doen: weet ik niet
bespreken: [zorgen.gedrag.doen]
begeleider:
  notities: {zorgen: "Mooi gesprek over gedrag."}
  afspraken:
    - {wat: "Aanmelden voor de training", wie: "Sanne", wanneer: "2027-01-15"}
  volgende_afspraak: 2027-02-01
"""


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def write(tmp_path: Path, text: str, name: str = "antwoorden.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run_json(runner: CliRunner, path: Path) -> dict:
    result = runner.invoke(app, ["start", "--antwoorden", str(path), "--json", "--geen-opslag"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def failure(result: Result) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return result.stderr


# ---------------------------------------------------------------- answers files for two


def test_two_foster_parents_in_an_answers_file(framework: Framework, tmp_path: Path) -> None:
    answers = load_answers(framework, write(tmp_path, DUO))
    assert answers.participants == ("Sanne", "Ahmed")
    assert answers.answers["zorgen.gedrag.weten"] == 4
    assert answers.partner_answers["zorgen.gedrag.weten"] == 2
    # One value: both gave this answer.
    assert (
        answers.answers["zorgen.gezondheid.weten"] == answers.partner_answers["zorgen.gezondheid.weten"] == 4
    )
    assert answers.discuss == ("zorgen.gedrag.doen",)
    assert answers.worker is not None
    assert answers.worker.agreements[0].what == "Aanmelden voor de training"
    assert str(answers.worker.next_visit) == "2027-02-01"


def test_the_household_score_is_the_mean_of_both(framework: Framework, tmp_path: Path) -> None:
    result = score(framework, load_answers(framework, write(tmp_path, DUO)))
    gedrag = result.competency("zorgen.gedrag")
    assert dict(gedrag.per_participant) == {"Sanne": 4.5, "Ahmed": 1.5}
    assert gedrag.score == 3.0


def test_json_has_both_voices_and_the_conversation_points_in_order(runner: CliRunner, tmp_path: Path) -> None:
    data = run_json(runner, write(tmp_path, DUO))
    assert data["deelnemers"] == ["Sanne", "Ahmed"]
    gedrag = next(c for c in data["competenties"] if c["id"] == "zorgen.gedrag")
    assert gedrag["per_deelnemer"] == {"Sanne": 4.5, "Ahmed": 1.5}
    kinds = [t["soort"] for t in data["gespreksonderwerpen"]]
    assert kinds == ["bespreken", "verschil", "signaal", "signaal", "weet-niet"]
    assert data["gespreksonderwerpen"][0]["id"] == "zorgen.gedrag.doen"
    assert "Praat erover" in data["gespreksonderwerpen"][1]["tekst"]
    assert {t["id"] for t in data["gespreksonderwerpen"] if t["soort"] == "signaal"} == {
        "gedrag-tien-plus",
        "juridisch-weet-niet",
    }
    assert data["begeleider"]["afspraken"] == [
        {"wat": "Aanmelden voor de training", "wie": "Sanne", "wanneer": "2027-01-15", "status": "open"}
    ]
    assert data["begeleider"]["volgende_afspraak"] == "2027-02-01"
    assert data["begeleider"]["notities"] == {"zorgen": "Mooi gesprek over gedrag."}


def test_one_foster_parent_stays_as_before(runner: CliRunner, oma_path: Path) -> None:
    data = run_json(runner, oma_path)
    assert "deelnemers" not in data
    assert all("per_deelnemer" not in c for c in data["competenties"])
    assert data["begeleider"]["aanwezig"] is False


def test_the_template_for_two_reads_back(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["sjabloon", "--samen"])
    assert result.exit_code == 0
    text = result.stdout.replace("zorgen.gedrag.weten: {A: , B: }", "zorgen.gedrag.weten: {A: 5, B: 1}")
    text = text.replace("zorgen.gedrag.doen: {A: , B: }", "zorgen.gedrag.doen: {A: 5, B: 2}")
    assert yaml.safe_load(text)["deelnemers"] == ["A", "B"]
    data = run_json(runner, write(tmp_path, text))
    assert data["deelnemers"] == ["A", "B"]
    assert [t["soort"] for t in data["gespreksonderwerpen"]] == ["verschil"]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("deelnemers: [A, B, C]\n", 1, "één of twee namen"),
        ("deelnemers: [A, a]\n", 1, "twee keer"),
        ("deelnemers: [A, B]\nantwoorden:\n  zorgen.gedrag.weten: {A: 4, C: 2}\n", 3, "'C' staat niet bij"),
        ("antwoorden:\n  zorgen.gedrag.weten: {A: 4, B: 2}\n", 2, "twee namen bij 'deelnemers:'"),
        ("deelnemers: [A, B]\nantwoorden:\n  zorgen.gedrag.weten: {A: 9}\n", 3, "geen geldig antwoord"),
        ("begeleider:\n  afspraken:\n    - {wie: A}\n", 3, "'wat' ontbreekt"),
        ("begeleider:\n  afspraken:\n    - {wat: X, wanneer: morgen}\n", 3, "geen datum"),
        ("begeleider:\n  volgende_afspraak: 2027-02-31\n", 2, "geen bestaande datum"),
        ("begeleider:\n  notities: {keuken: x}\n", 2, "geen bekende pijler"),
        ("bespreken: [zorgen.gedrag.nee]\n", 1, "geen bekende vraag"),
    ],
)
def test_bad_input_for_the_home_visit_names_file_and_line(
    runner: CliRunner, tmp_path: Path, text: str, line: int, words: str
) -> None:
    path = write(tmp_path, text)
    err = failure(runner.invoke(app, ["start", "--antwoorden", str(path), "--geen-opslag"]))
    assert f"{path}:{line}:" in err, err
    assert words in err, err


# ---------------------------------------------------------------- conversation points


def _duo(first: dict[str, int | Special], second: dict[str, int | Special]) -> Answers:
    return Answers(profile=Profile(), participants=("A", "B"), answers=first, partner_answers=second)


def test_a_difference_of_one_and_a_half_is_a_conversation_point(framework: Framework) -> None:
    answers = _duo(
        {"zorgen.gedrag.weten": 4, "zorgen.gedrag.doen": 4},
        {"zorgen.gedrag.weten": 3, "zorgen.gedrag.doen": 2},
    )
    result = score(framework, answers)
    assert [c.id for c in differences(result)] == ["zorgen.gedrag"]
    assert DIFFERENCE_MIN == 1.5


def test_a_difference_of_one_is_noise(framework: Framework) -> None:
    answers = _duo(
        {"zorgen.gedrag.weten": 4, "zorgen.gedrag.doen": 4},
        {"zorgen.gedrag.weten": 3, "zorgen.gedrag.doen": 3},
    )
    assert differences(score(framework, answers)) == []


def test_only_dont_know_is_a_point_to_find_out_but_one_real_answer_is_not(framework: Framework) -> None:
    unsure = {"zorgen.gedrag.weten": Special.DONT_KNOW, "zorgen.gedrag.doen": Special.DONT_KNOW}
    answers = Answers(profile=Profile(), answers=unsure)
    found = topics(framework, answers, score(framework, answers))
    assert [(t.kind, t.id) for t in found] == [("weet-niet", "zorgen.gedrag")]
    answers = Answers(profile=Profile(), answers={**unsure, "zorgen.gedrag.doen": 3})
    assert topics(framework, answers, score(framework, answers)) == []


def test_open_agreements_of_last_time_come_last(framework: Framework, tmp_path: Path) -> None:
    answers = load_answers(framework, write(tmp_path, DUO))
    sitting = from_answers(framework, answers, [p.id for p in framework.pillars], QUESTIONS)
    sitting.previous_agreements = [{"wat": "Bellen met school"}, {"wat": "Klaar"}]
    sitting.follow_ups = {"1": "bezig", "2": "gedaan"}
    found = topics(framework, answers, score(framework, answers), (), sitting.open_previous_agreements())
    assert found[-1].kind == "afspraak"
    assert "Bellen met school" in found[-1].text and "nog bezig" in found[-1].text
    assert all("Klaar" not in t.text for t in found)


# ---------------------------------------------------------------- the report


def test_the_report_holds_both_voices_the_worker_and_the_agreements(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = write(tmp_path, DUO.replace("Mooi gesprek", "# kop <script>"))
    assert runner.invoke(app, ["start", "--antwoorden", str(path)]).exit_code == 0
    result = runner.invoke(app, ["rapport", "1"])
    assert result.exit_code == 0, result.output
    tokens = MarkdownIt().enable("table").parse(result.stdout)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    # The hand-out first (who, when, the agreements), then the detail with one list to discuss.
    for heading in ("Samenvatting", "Afspraken", "Alle onderdelen per pijler", "Om te bespreken"):
        assert heading in headings, headings
    assert headings.index("Afspraken") < headings.index("Alle onderdelen per pijler")
    assert (
        "Gespreksonderwerpen" not in headings and "Om te bespreken met je pleegzorgbegeleider" not in headings
    )
    assert "Sanne en Ahmed vulden dit samen in op" in result.stdout
    assert "met de pleegzorgbegeleider erbij" in result.stdout
    cells = [t.content for t in tokens if t.type == "inline"]
    # Both voices stand in the table of each pillar; the worker's note under the family's.
    assert "Sanne" in cells and "Ahmed" in cells
    assert "Van de pleegzorgbegeleider:" in cells
    assert "Het gedrag van je pleegkind" in cells
    assert "Aanmelden voor de training" in cells and "15 januari 2027" in cells
    assert "**Volgende bezoek:** 1 februari 2027" in result.stdout
    # The worker's typed note is text, never a heading or HTML.
    assert "<script>" not in result.stdout
    assert all(t.type != "html_block" for t in tokens)


def test_a_route_step_is_noted_where_the_two_differ(runner: CliRunner, tmp_path: Path) -> None:
    text = DUO.replace("{Sanne: 5, Ahmed: 1}", "{Sanne: 5, Ahmed: 1}\n  zorgen.wennen.weten: 4")
    data = run_json(runner, write(tmp_path, text))
    noted = [step for step in data["route"] if "let_op" in step]
    assert noted, data["route"]
    assert all("zorgen.gedrag" in step["competenties"] for step in noted)
    assert all("Sanne 4,5 en Ahmed 1,5" in step["let_op"] for step in noted)
    assert all("let_op" not in step for step in data["route"] if "zorgen.gedrag" not in step["competenties"])


def test_the_note_of_a_route_step_names_that_step_on_screen_and_in_the_report(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Not a list numbered on its own (1, 2, ... beside a route numbered otherwise): each note says
    which step it is about."""
    text = DUO.replace("{Sanne: 5, Ahmed: 1}", "{Sanne: 5, Ahmed: 1}\n  zorgen.wennen.weten: 4")
    path = write(tmp_path, text)
    data = run_json(runner, path)
    noted = [step for step in data["route"] if "let_op" in step]
    assert noted
    screen = runner.invoke(app, ["start", "--antwoorden", str(path)], env={"COLUMNS": "200"})
    assert screen.exit_code == 0, screen.output
    shown = " ".join(screen.stdout.split("Bij jullie leerroute", 1)[1].split())  # wrapped at 80
    report = runner.invoke(app, ["rapport", "1"])
    assert report.exit_code == 0, report.output
    written = " ".join(report.stdout.split("### Let op", 1)[1].split())
    for step in noted:
        assert f"- {step['titel']}: {step['let_op']}" in shown
        assert f"- {step['titel']}: {step['let_op']}" in written


def test_the_worker_part_can_be_opened_again_with_what_was_said(framework: Framework, tmp_path: Path) -> None:
    sitting = from_answers(framework, load_answers(framework, write(tmp_path, DUO)), ["zorgen"], QUESTIONS)
    assert sitting.is_complete(framework, QUESTIONS)
    sitting.reopen_worker_part()
    step = sitting.next_step(framework, QUESTIONS)
    assert step is not None and step.kind == "notitie-begeleider"
    assert sitting.value(step) == "Mooi gesprek over gedrag."  # kept as the answer to change
    assert sitting.agreements["1"]["wat"] == "Aanmelden voor de training"


def test_hervat_with_the_worker_needs_a_terminal_and_keeps_everything(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = write(tmp_path, DUO)
    assert runner.invoke(app, ["start", "--antwoorden", str(path)]).exit_code == 0
    result = runner.invoke(app, ["hervat", "1", "--met-begeleider"])
    assert result.exit_code == 4, result.output
    assert "terminal" in result.stderr
    again = runner.invoke(app, ["rapport", "1"])
    assert "Aanmelden voor de training" in again.stdout


OWN_SIGNALS = """\
versie: "eigen-1"
signalen:
  - id: eigen-regel
    als:
      uitdagingen: [gedrag]
    tekst: "Hoe gaat het met het gedrag thuis? Praat erover met de pleegzorgbegeleider."
    bron: "Eigen afspraak van onze organisatie."
"""


def test_an_organisation_uses_its_own_signals_also_in_the_later_report(
    runner: CliRunner, tmp_path: Path
) -> None:
    own = write(tmp_path, OWN_SIGNALS, "signalen.yaml")
    path = write(tmp_path, DUO)
    result = runner.invoke(app, ["start", "--antwoorden", str(path), "--signalen", str(own), "--json"])
    assert result.exit_code == 0, result.output
    ids = [t["id"] for t in json.loads(result.stdout)["gespreksonderwerpen"] if t["soort"] == "signaal"]
    assert ids == ["eigen-regel"]
    report = runner.invoke(app, ["rapport", "1"]).stdout
    assert "Hoe gaat het met het gedrag thuis?" in report
    own.unlink()  # gone: the report says so and uses the bundled signals
    report = runner.invoke(app, ["rapport", "1"]).stdout
    assert "Hoe gaat het met het gedrag thuis?" not in report
    assert "is er niet meer" in report


def test_a_broken_own_signals_file_stops_before_any_question(runner: CliRunner, tmp_path: Path) -> None:
    own = write(tmp_path, OWN_SIGNALS.replace("    tekst:", "    tekts:"), "signalen.yaml")
    result = runner.invoke(app, ["start", "--signalen", str(own)])
    assert result.exit_code == 2
    assert f"{own}:" in result.stderr
