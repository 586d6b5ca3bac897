"""For every family: suggested commands that work as started, Dutch help, ages as people write them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from terminal import PROGRAM
from typer.testing import CliRunner

from pleegreflectie.answers_file import parse_answers
from pleegreflectie.cli import app
from pleegreflectie.models import Framework
from pleegreflectie.profile_file import bundled_questions
from pleegreflectie.template import answers_template
from pleegreflectie.wording import ages_text, parse_ages
from pleegreflectie.yamlfile import Source

needs_program = pytest.mark.skipif(not PROGRAM.exists(), reason="the console script is not installed")


def run(args: list[str], cwd: Path, path: str, home: Path) -> str:
    env = {**os.environ, "PATH": path, "PLEEGREFLECTIE_HOME": str(home)}
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 3, done.stderr
    return done.stderr


@needs_program
def test_suggested_commands_work_as_the_program_was_started(tmp_path: Path) -> None:
    bare = "/usr/bin:/bin"
    venv = PROGRAM.parent.parent
    # As after the README's set-up: started by its path, and `pleegreflectie` is not on PATH.
    # The hint names the absolute path: it works from any folder (also after `cd ~`).
    err = run(["bin/pleegreflectie", "hervat"], venv, bare, tmp_path)
    assert f"Begin een nieuwe met '{venv}/bin/pleegreflectie start'." in err
    err = run([str(PROGRAM), "hervat"], tmp_path, bare, tmp_path)
    assert f"'{PROGRAM} start'" in err
    err = run([sys.executable, "-m", "pleegreflectie", "rapport"], tmp_path, bare, tmp_path)
    assert f"'{sys.executable} -m pleegreflectie start'" in err
    # On PATH (an activated venv, pipx): the short name.
    err = run([str(PROGRAM), "hervat"], tmp_path, f"{PROGRAM.parent}:{bare}", tmp_path)
    assert "'pleegreflectie start'" in err and str(PROGRAM) not in err


@needs_program
@pytest.mark.parametrize("command", ["organisatie", "meetellen", "export"])
def test_every_command_is_suggested_as_the_program_was_started(tmp_path: Path, command: str) -> None:
    """Where to find help names the program by its path when it is not on PATH, for every command."""
    env = {**os.environ, "PATH": "/usr/bin:/bin", "PLEEGREFLECTIE_HOME": str(tmp_path)}
    done = subprocess.run(
        [str(PROGRAM), command], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2, done.stderr
    assert f"Typ '{PROGRAM} {command} --help' voor hulp." in " ".join(done.stderr.split())


def test_help_shows_no_english_from_click() -> None:
    out = CliRunner().invoke(app, ["route", "--help"]).stdout
    assert "(van 0 tot en met 200)" in out and "<=" not in out


def test_os_errors_are_dutch(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["start", "--antwoorden", str(tmp_path)])
    assert result.exit_code != 0
    assert "Is a directory" not in result.stderr and "No such" not in result.stderr
    target = tmp_path / "niet-hier" / "verslag.md"
    assert (
        CliRunner()
        .invoke(app, ["sjabloon", "-o", str(target)])
        .stderr.startswith(f"Fout: het antwoordenbestand kon niet geschreven worden naar {target}: ")
    )


@pytest.mark.parametrize(
    ("typed", "ages"),
    [
        ("4, 9", [4, 9]),
        ("4 en 9", [4, 9]),
        ("4 jaar en 9 jaar", [4, 9]),
        ("4;9", [4, 9]),
        ("4,9", None),  # four point nine? asked again
        ("12", [12]),
        ("", []),
    ],
)
def test_ages_as_people_write_them(typed: str, ages: list[int] | None) -> None:
    if ages is None:
        with pytest.raises(ValueError, match="hele jaren") as caught:
            parse_ages(typed)
        assert "Zet dan een spatie na de komma: 4, 9" in str(caught.value)
    else:
        assert parse_ages(typed) == ages


def test_ages_that_cannot_be() -> None:
    with pytest.raises(ValueError, match="'vier' is geen leeftijd"):
        parse_ages("vier")
    with pytest.raises(ValueError, match="30 jaar kan hier niet"):
        parse_ages("4, 30")
    with pytest.raises(ValueError, match="'4,5' lezen we als 4,5 jaar"):
        parse_ages("4,5")
    assert ages_text([4, 9]) == "4 en 9 jaar" and ages_text([7]) == "7 jaar"


def test_the_template_filled_in_as_it_says_is_accepted(framework: Framework) -> None:
    text = answers_template(framework, bundled_questions())
    assert "bijvoorbeeld: 4, 9" in text and "Vul in: ja of nee" in text
    filled = (
        text.replace("  leeftijden_pleegkinderen: []", "  leeftijden_pleegkinderen: 4, 9")
        .replace("  voorbereiding:\n", "  voorbereiding: nee\n")
        .replace("  eigen_kinderen:\n", "  eigen_kinderen: Nee\n")
        .replace("  uitdagingen: []", "  uitdagingen: nee")
    )
    assert filled.count("nee\n") >= 2
    profile = parse_answers(framework, Source("antwoorden.yaml", filled)).profile
    assert profile.child_ages == (4, 9)
    assert profile.own_children is False
    with_words = filled.replace("leeftijden_pleegkinderen: 4, 9", "leeftijden_pleegkinderen: 4 en 9")
    assert parse_answers(framework, Source("antwoorden.yaml", with_words)).profile.child_ages == (4, 9)


@pytest.mark.parametrize("width", [60, 100])
def test_results_and_route_hang_under_their_text_and_keep_addresses_whole(
    width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    import re

    monkeypatch.setenv("COLUMNS", str(width))
    oma = Path(__file__).parent / "fixtures" / "oma.yaml"
    out = CliRunner().invoke(app, ["start", "--antwoorden", str(oma), "--geen-opslag"]).stdout
    lines = out.splitlines()
    assert all(len(line.rstrip()) <= width for line in lines if not line.lstrip().startswith("http"))
    numbered = [i for i, line in enumerate(lines) if re.match(r"^  \d\. \S", line)]
    assert numbered
    for i in numbered:  # a wrapped item goes on under its text, never back at the left edge
        follow = lines[i + 1]
        assert not re.match(r"^ {0,4}([a-z(]|\d+,\d)", follow), (lines[i], follow)
    urls = re.findall(r"https?://\S+", out)
    whole_lines = {line.strip() for line in lines}
    assert urls and all(url in whole_lines for url in urls), urls  # each address is a line of its own
    for line in lines:
        if "http" in line:
            assert re.fullmatch(r"\s*https?://\S+", line), line  # on a line of its own, whole
