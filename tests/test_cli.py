"""The commands through typer's CliRunner, and `cli.run` for click's usage errors in Dutch."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from test_route import ids, plan
from typer.testing import CliRunner, Result

from pleegreflectie import __version__
from pleegreflectie.answers_file import load_answers
from pleegreflectie.cli import app, run
from pleegreflectie.models import Answers, Framework

TITLES = ["Zorgen", "Samenwerken", "Opvoeden", "Ontwikkelen", "Functioneren"]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def stderr_of(result: Result) -> str:
    """What the command wrote to stderr (click >= 8.2 keeps it apart from stdout)."""
    return result.stderr


def invoke(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(app, list(args))


def assert_clean_failure(result: Result, code: int) -> str:
    """Exit code as expected, a Dutch message on stderr, no traceback. Returns stderr."""
    err = stderr_of(result)
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output and "Traceback" not in err
    assert err.startswith("Fout: "), err
    return err


# ---------------------------------------------------------------- version and help


def test_version(runner: CliRunner) -> None:
    result = invoke(runner, "--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"pleegreflectie {__version__}"


@pytest.mark.parametrize("argv", [["--help"], ["-h"], []], ids=["--help", "-h", "nothing"])
def test_the_main_help_is_dutch(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    """The main help, however it is asked for (also no command at all), through `run` as installed:
    each command and group with its help text, in registration order. Every other help text, and the
    main one through typer's runner: test_every_help_text_is_dutch."""
    code = run(argv)
    captured = capsys.readouterr()
    out = captured.out
    assert (code, captured.err) == (0, "")
    assert out.startswith("Gebruik: pleegreflectie [OPTIES] OPDRACHT")
    assert "Opties" in out and "Opdrachten" in out
    listed = out.split("Opdrachten:")[1]
    names = [c.name for c in app.registered_commands] + [g.name for g in app.registered_groups]
    assert "catalogus" in names and "vergelijk" in names  # groups and commands both
    positions = [listed.find(f"\n  {name} ") for name in names]
    assert -1 not in positions and positions == sorted(positions), names
    for english in ("Usage:", "Options", "Commands", "Show this message"):
        assert english not in out


def test_start_help_lists_its_options_in_dutch(runner: CliRunner) -> None:
    result = invoke(runner, "start", "--help")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Gebruik: pleegreflectie start")
    for option in ("--pijler", "--antwoorden", "--json", "-h, --help"):
        assert option in out
    assert "--pijlers" not in out  # the own-framework option is hidden
    assert "Usage" not in out


# ---------------------------------------------------------------- sjabloon


def test_sjabloon_prints_a_yaml_answers_file(runner: CliRunner, framework: Framework) -> None:
    result = invoke(runner, "sjabloon")
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(result.stdout)
    assert list(data["antwoorden"]) == [q.id for q in framework.questions()]
    assert "pleegreflectie start --antwoorden" in result.stdout


# ---------------------------------------------------------------- start --antwoorden


def test_start_with_answers_file_shows_the_result(runner: CliRunner, oma_path: Path) -> None:
    result = invoke(runner, "start", "--antwoorden", str(oma_path))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Waar sta je?" in out
    for title in TITLES:
        assert f"{title} (score " in out
    assert "Zorgen (score 3,7, op basis van 5 van 5 onderdelen)" in out
    assert "Sterke punten" in out
    assert "Aandachtspunten" in out
    assert "1. Het gedrag van je pleegkind (score 2,0, heel belangrijk)" in out
    assert "Hij is vaak boos na het bezoek aan zijn moeder." in out  # the family's note
    assert "\x1b[" not in out  # NO_COLOR and no terminal: plain text
    # A web address is never cut in two: alone on its line, it may be longer (the terminal wraps it).
    assert max(len(line) for line in out.splitlines() if not line.lstrip().startswith("http")) <= 80


def json_result(runner: CliRunner, *args: str) -> dict:
    result = invoke(runner, "start", *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_start_json(runner: CliRunner, oma_path: Path, framework: Framework) -> None:
    data = json_result(runner, "--antwoorden", str(oma_path))
    assert {"pijlers", "competenties", "aandachtspunten"} <= set(data)
    assert [p["id"] for p in data["pijlers"]] == [p.id for p in framework.pillars]
    assert {p["id"]: p["score"] for p in data["pijlers"]}["zorgen"] == 3.7
    competencies = {c["id"]: c["score"] for c in data["competenties"]}
    assert len(competencies) == 23  # no own children: that competency does not apply
    assert "functioneren.eigen-kinderen" not in competencies
    assert competencies["zorgen.gedrag"] == 2.0
    assert competencies["opvoeden.levensfases"] is None  # only "weet ik niet"
    assert [g["id"] for g in data["aandachtspunten"]][:5] == [
        "zorgen.gedrag",
        "ontwikkelen.opladen",
        "samenwerken.gedeeld-opvoederschap",
        "samenwerken.juridisch",
        "opvoeden.opvoedstijlen",
    ]
    assert "functioneren.balans" not in [g["id"] for g in data["aandachtspunten"]]


def test_start_json_score_null_for_unanswered(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "half.yaml"
    path.write_text("antwoorden:\n  zorgen.gedrag.weten: 2\n  zorgen.gedrag.doen: 3\n", encoding="utf-8")
    data = json_result(runner, "--antwoorden", str(path))
    scores = {c["id"]: c["score"] for c in data["competenties"]}
    assert scores["zorgen.gedrag"] == 2.5
    assert all(score is None for cid, score in scores.items() if cid != "zorgen.gedrag")
    # Only the pillar the file really fills in is a pillar of this reflection (issue 17).
    assert {p["id"]: p["score"] for p in data["pijlers"]} == {"zorgen": 2.5}
    assert {c["pijler"] for c in data["competenties"]} == {"zorgen"}
    assert [g["id"] for g in data["aandachtspunten"]] == ["zorgen.gedrag"]


def test_start_one_pillar(runner: CliRunner, oma_path: Path) -> None:
    result = invoke(runner, "start", "--pijler", "zorgen", "--antwoorden", str(oma_path))
    assert result.exit_code == 0, result.output
    assert "Zorgen (score 3,7, op basis van 5 van 5 onderdelen)" in result.stdout
    for title in TITLES[1:]:
        assert f"{title} (score" not in result.stdout
    data = json_result(runner, "--pijler", "zorgen", "--antwoorden", str(oma_path))
    assert [p["id"] for p in data["pijlers"]] == ["zorgen"]
    assert {c["id"].split(".")[0] for c in data["competenties"]} == {"zorgen"}
    assert [g["id"] for g in data["aandachtspunten"]] == ["zorgen.gedrag", "zorgen.ambassadeur"]


def test_start_two_pillars_in_framework_order(runner: CliRunner, oma_path: Path) -> None:
    data = json_result(runner, "--pijler", "opvoeden", "--pijler", "Zorgen", "--antwoorden", str(oma_path))
    assert [p["id"] for p in data["pijlers"]] == ["zorgen", "opvoeden"]


def test_start_unknown_pillar(runner: CliRunner, oma_path: Path) -> None:
    result = invoke(runner, "start", "--pijler", "onbekend", "--antwoorden", str(oma_path))
    err = assert_clean_failure(result, 2)
    assert "'onbekend' is geen pijler" in err
    assert "zorgen, samenwerken, opvoeden, ontwikkelen, functioneren" in err
    assert result.stdout == ""


def test_start_without_terminal_and_without_answers(runner: CliRunner) -> None:
    result = invoke(runner, "start")
    err = assert_clean_failure(result, 4)
    assert "terminal" in err
    assert "pleegreflectie sjabloon" in err
    assert "--antwoorden" in err


def test_start_with_a_broken_answers_file(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "kapot.yaml"
    path.write_text("antwoorden:\n  zorgen.gedrag.weten: 3\n  zorgen.gedrag.doen: 7\n", encoding="utf-8")
    result = invoke(runner, "start", "--antwoorden", str(path))
    err = assert_clean_failure(result, 2)
    assert f"{path}:3:" in err
    assert "'7' is geen geldig antwoord" in err
    assert result.stdout == ""


def test_start_with_invalid_yaml(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "kapot.yaml"
    path.write_text("antwoorden:\n  zorgen.gedrag.weten: 3\n zorgen.gedrag.doen: 2\n", encoding="utf-8")
    result = invoke(runner, "start", "--antwoorden", str(path))
    err = assert_clean_failure(result, 2)
    assert f"{path}:3:" in err
    assert "geen geldige YAML" in err


def test_start_with_a_missing_answers_file(runner: CliRunner, tmp_path: Path) -> None:
    result = invoke(runner, "start", "--antwoorden", str(tmp_path / "weg.yaml"))
    err = assert_clean_failure(result, 3)
    assert "weg.yaml" in err and "bestaat niet" in err


def test_start_with_a_broken_own_framework(runner: CliRunner, tmp_path: Path, oma_path: Path) -> None:
    path = tmp_path / "pijlers.yaml"
    path.write_text("pijlers:\n  - id: zorgen\n    id: zorgen\n", encoding="utf-8")
    result = invoke(runner, "start", "--pijlers", str(path), "--antwoorden", str(oma_path))
    err = assert_clean_failure(result, 2)
    assert f"{path}:3:" in err


# ---------------------------------------------------------------- run(): usage errors in Dutch


def run_and_capture(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


ENGLISH = (
    "No such option",
    "No such command",
    "Usage:",
    "Error:",
    "Try '",
    "requires an argument",
    "Got ",
    "Missing",
    "Invalid value",
    "env var",
    "Did you mean",
    "is not",
    "[NUMMER]",  # the usage line's brackets (optional) do not belong in a sentence
)


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--bla"], "de optie '--bla' bestaat niet"),
        (["start", "--bla"], "de optie '--bla' bestaat niet"),
        (["beginnen"], "de opdracht 'beginnen' bestaat niet"),
        (["start", "--pijler"], "bij de optie '--pijler' hoort een waarde"),
        (["start", "--antwoorden"], "bij de optie '--antwoorden' hoort een waarde"),
        (["start", "--json=ja"], "achter de optie '--json' hoort geen waarde"),
        (["start", "extra", "twee"], "dit hoort hier niet: 'extra twee'."),
        (
            ["route", "--uren", "300"],
            "de waarde bij '--uren' klopt niet. Kies een heel getal van 0 tot en met 200.",
        ),
        (["route", "--uren", "veel"], "Kies een heel getal van 0 tot en met 200."),
        (["rapport", "drie"], "de waarde bij 'NUMMER' klopt niet. Typ een heel getal, zoals 3."),
        (["strat"], "de opdracht 'strat' bestaat niet. Typ 'pleegreflectie --help' voor hulp."),
        (["rapprt"], "de opdracht 'rapprt' bestaat niet. Typ 'pleegreflectie --help' voor hulp."),
        (["meetellen"], "dit ontbreekt: 'NUMMER'."),
        (["organisatie", "a.jsonl"], "deze optie ontbreekt: '-o' / '--uitvoer'."),
        (["catalogus", "bla"], "de opdracht 'bla' bestaat niet. Typ 'pleegreflectie catalogus --help'"),
        (["catalogus", "controler"], "de opdracht 'controler' bestaat niet. Typ 'pleegreflectie catalogus"),
    ],
)
def test_usage_errors_are_dutch(capsys: pytest.CaptureFixture[str], argv: list[str], expected: str) -> None:
    code, out, err = run_and_capture(capsys, *argv)
    assert code == 2
    assert err.startswith("Fout: ")
    assert expected in err
    assert "--help" in err  # says where to find help
    for english in ENGLISH:
        assert english not in err
    assert "Traceback" not in err and out == ""


def test_extra_argument_is_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_and_capture(capsys, "start", "extra")
    assert code == 2
    for english in ENGLISH:
        assert english not in err


def test_flag_given_a_value(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_and_capture(capsys, "start", "--json=ja")
    assert code == 2
    assert "hoort een waarde" not in err


def test_run_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_and_capture(capsys, "--version")
    assert code == 0 and out.strip() == f"pleegreflectie {__version__}"


def test_run_returns_the_exit_code_of_a_command(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run_and_capture(capsys, "start", "--antwoorden", str(tmp_path / "weg.yaml"))
    assert code == 3
    assert "bestaat niet" in err


def test_closed_stdout_is_not_an_error() -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # nobody reads: every write fails with EPIPE
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pleegreflectie", "sjabloon"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=30,
        )
    finally:
        os.close(write_end)
    assert "Traceback" not in done.stderr
    assert "Fout" not in done.stderr
    assert done.returncode in (0, 141)  # 141: killed by SIGPIPE, as shell tools do


WHERE_NUMBERS_ARE = "Nummer van een bewaarde reflectie (zie: pleegreflectie overzicht)."


@pytest.mark.parametrize(
    ("command", "says"),
    [
        ("wis", [WHERE_NUMBERS_ARE]),
        ("route", [WHERE_NUMBERS_ARE]),
        ("rapport", [WHERE_NUMBERS_ARE]),
        ("hervat", [WHERE_NUMBERS_ARE]),
        ("vergelijk", ["De eerdere reflectie.", "De latere reflectie."]),
    ],
)
def test_help_of_a_command_explains_its_arguments_in_dutch(
    runner: CliRunner, command: str, says: list[str]
) -> None:
    result = invoke(runner, command, "--help")
    assert result.exit_code == 0
    assert "Argumenten:" in result.output
    section = result.output.split("Argumenten:")[1].split("Opties:")[0]
    flat = " ".join(section.split())  # one line, whatever the terminal's width
    assert all(text in flat for text in says), section
    lines = [line for line in section.splitlines() if line.strip()]
    assert lines and all(len(line.split()) > 1 for line in lines), section  # every argument has help text


ALL_COMMANDS = [
    [],
    ["start"],
    ["hervat"],
    ["sjabloon"],
    ["overzicht"],
    ["wis"],
    ["route"],
    ["rapport"],
    ["vergelijk"],
    ["catalogus"],
    ["catalogus", "schema"],
    ["catalogus", "controleer"],
    ["catalogus", "dekking"],
    ["organisatie"],
    ["meetellen"],
]


@pytest.mark.parametrize("command", ALL_COMMANDS, ids=lambda c: " ".join(c) or "main")
def test_every_help_text_is_dutch(runner: CliRunner, command: list[str]) -> None:
    result = invoke(runner, *command, "--help")
    assert result.exit_code == 0
    assert "Gebruik: pleegreflectie" in result.output
    english_words = (
        "Usage",
        "Options",
        "Commands",
        "Arguments",
        "Show this message",
        "[OPTIONS]",
        "default",
        "required",
    )
    for english in english_words:
        assert english not in result.output, english
    assert all(len(line) <= 80 for line in result.output.splitlines())


@pytest.mark.parametrize(
    ("command", "sentences"),
    [
        (
            [],
            [
                "Bekijk en controleer een catalogus met aanbod.",
                "Maak een vragenlijst om op papier in te vullen",
            ],
        ),
        (
            ["catalogus"],
            [
                "Laat het JSON Schema van een catalogus zien.",
                "Controleer een catalogus en noem alle problemen met hun regel.",
                "Laat zien hoeveel aanbod er is per competentie en pijler.",
            ],
        ),
    ],
    ids=["main", "catalogus"],
)
def test_a_narrow_terminal_lists_every_command_whole(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
    sentences: list[str],
) -> None:
    """At 60 columns (README: a narrow window) the listing wraps a command's sentence, never cuts it
    off with '...' (click shortens a help text that has no short_help of its own)."""
    monkeypatch.setenv("COLUMNS", "60")
    assert run([*command, "--help"]) == 0
    listing = capsys.readouterr().out.split("Opdrachten:")[1]
    assert "..." not in listing
    flat = " ".join(listing.split())  # one line, whatever the width
    for sentence in sentences:
        assert sentence in flat


# ---------------------------------------------------------------- advice a family can trust (issue 8)


def test_route_leaves_out_the_steps_an_answers_file_says_were_done(
    tmp_path: Path, framework: Framework, oma_path: Path
) -> None:
    text = oma_path.read_text(encoding="utf-8")
    first, _ = plan(load_answers(framework, oma_path))
    done = ids(first)[0]
    path = tmp_path / "oma-gedaan.yaml"
    path.write_text(text + f"gedaan: [{done}]\n", encoding="utf-8")
    out = CliRunner().invoke(app, ["route", "--antwoorden", str(path), "--json"])
    assert out.exit_code == 0, out.output
    assert done not in [step["id"] for step in json.loads(out.stdout)["route"]]


@pytest.mark.parametrize("command", [["route"], ["start", "--geen-opslag"]], ids=" ".join)
def test_a_done_step_the_catalogue_does_not_have_is_named_with_file_and_line(
    tmp_path: Path, oma_path: Path, command: list[str]
) -> None:
    text = oma_path.read_text(encoding="utf-8")
    path = tmp_path / "oma-gedaan.yaml"
    path.write_text(text + "gedaan:\n  - film-zelfzorg\n  - bestaat-niet\n", encoding="utf-8")
    line = len(text.splitlines()) + 3
    out = CliRunner().invoke(app, [*command, "--antwoorden", str(path)])
    err = " ".join(assert_clean_failure(out, 2).split())
    assert f"{path}:{line}: 'bestaat-niet' staat niet in de catalogus." in err
    assert "film-zelfzorg'" not in err


def test_vorm_and_uren_say_what_was_left_out_and_why(oma_path: Path) -> None:
    runner = CliRunner()
    online = runner.invoke(app, ["route", "--antwoorden", str(oma_path), "--vorm", "online"])
    assert online.exit_code == 0, online.output
    assert "niet online beschikbaar" in " ".join(online.stdout.split())
    none = runner.invoke(app, ["route", "--antwoorden", str(oma_path), "--uren", "0", "--json"])
    assert none.exit_code == 0, none.output
    data = json.loads(none.stdout)
    assert data["route"] == []
    assert data["later"] and {item["reden"] for item in data["later"]} == {"uren"}
    assert all("Past niet in 0 uur" in item["uitleg"] for item in data["later"])
    text = runner.invoke(app, ["route", "--antwoorden", str(oma_path), "--uren", "0"]).stdout
    assert "geen stap nodig" not in text
    assert "Voor later" in text
    little = runner.invoke(app, ["route", "--antwoorden", str(oma_path), "--uren", "2"]).stdout
    assert "past niet in 2 uur per maand" in " ".join(little.split())


def test_the_terminal_says_too_few_answers_and_what_to_find_out(
    tmp_path: Path, dont_know_family: Answers
) -> None:
    family = dont_know_family
    path = tmp_path / "weet-niet.yaml"
    path.write_text(yaml.safe_dump(family.to_file_data(), allow_unicode=True), encoding="utf-8")
    out = CliRunner().invoke(app, ["start", "--antwoorden", str(path), "--pijler", "zorgen", "--geen-opslag"])
    assert out.exit_code == 0, out.output
    text = " ".join(out.stdout.split())
    assert "Te weinig antwoorden om iets te zeggen" in text
    assert "op basis van 2 van 5 onderdelen" in text
    assert "Uitzoeken" in text


def test_at_most_three_strengths_in_the_terminal_and_the_gap_cut_off(oma_path: Path) -> None:
    out = CliRunner().invoke(app, ["start", "--antwoorden", str(oma_path), "--geen-opslag"])
    assert out.exit_code == 0, out.output
    text = out.stdout
    strengths = text.split("Sterke punten", 1)[1].split("Aandachtspunten", 1)[0]
    assert strengths.count("  + ") == 3
    assert "En nog 8 sterke punten" in strengths
    gaps = text.split("Aandachtspunten", 1)[1].split("Jullie leerroute", 1)[0]
    also = " ".join(gaps.split()).split("Ook nog (de leerroute werkt eerst aan de 8 hierboven):", 1)[1]
    also = also.split("Dit is geen lijst van wat fout gaat.", 1)[0]
    assert also.count(" - ") == 2  # the rest under "Ook nog", by name
