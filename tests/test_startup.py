"""Start-up stays light: the CLI module, --help and --version import no heavy libraries or data."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("questionary", "pydantic", "rich", "yaml", "prompt_toolkit")


def modules_after(code: str, *args: str) -> set[str]:
    """Run `code` in a fresh interpreter; it prints sys.modules as JSON on its last line."""
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=30, check=True
    )
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def top_level(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


def test_importing_the_cli_imports_nothing_heavy() -> None:
    loaded = modules_after("import json, sys, pleegreflectie.cli; print(json.dumps(sorted(sys.modules)))")
    assert "pleegreflectie.cli" in loaded  # the probe works
    assert top_level(loaded).isdisjoint(HEAVY), sorted(top_level(loaded) & set(HEAVY))
    assert "pleegreflectie.load" not in loaded
    assert "pleegreflectie.models" not in loaded


def test_help_imports_nothing_heavy() -> None:
    """`python -m pleegreflectie --help` as a user starts it: typer and click make the help, nothing
    else heavy is imported (no questionary, pydantic, PyYAML or msgspec)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "pleegreflectie", "--help"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("Gebruik: pleegreflectie")
    # -X importtime writes one line per imported module to stderr: "import time: self | cumulative | name".
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    loaded = top_level(imported)
    assert {"typer", "click"} <= loaded  # the probe works: the help was really made
    assert loaded.isdisjoint({"questionary", "pydantic", "yaml", "msgspec"}), sorted(
        loaded & {"questionary", "pydantic", "yaml", "msgspec"}
    )


def test_version_imports_not_even_typer() -> None:
    code = (
        "import json, sys\n"
        "sys.argv = ['pleegreflectie', '--version']\n"
        "from pleegreflectie.__main__ import main\n"
        "main()\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=True
    )
    first, last = done.stdout.strip().splitlines()[0], done.stdout.strip().splitlines()[-1]
    assert first.startswith("pleegreflectie ")
    loaded = top_level(set(json.loads(last)))
    assert loaded.isdisjoint({"typer", "click", *HEAVY})


def test_a_command_after_a_double_dash_is_still_found(capsys: pytest.CaptureFixture[str]) -> None:
    from pleegreflectie.cli import run

    assert run(["--", "start", "--help"]) == 0
    assert capsys.readouterr().out.startswith("Gebruik: pleegreflectie start")
