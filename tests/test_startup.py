"""Start-up stays light: the CLI module, --help and --version import no heavy libraries or data."""

from __future__ import annotations

import json
import subprocess
import sys

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


def test_help_imports_neither_questionary_nor_pydantic() -> None:
    code = (
        "import json, sys\n"
        "from pleegreflectie import cli\n"
        "try:\n"
        "    code = cli.run(['--help'])\n"
        "except SystemExit as exc:\n"
        "    code = exc.code\n"
        "assert code in (0, None), code\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    loaded = top_level(modules_after(code))
    assert "click" in loaded or "typer" in loaded  # the help was really made
    assert "questionary" not in loaded
    assert "pydantic" not in loaded
    assert "yaml" not in loaded


def test_python_m_help_with_importtime() -> None:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "pleegreflectie", "--help"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Gebruik" in done.stdout
    # -X importtime writes one line per imported module to stderr: "import time: self | cumulative | name".
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert "typer" in {name.strip().split(".")[0] for name in imported}  # the probe works
    heavy = {name.strip() for name in imported if name.strip().split(".")[0] in ("questionary", "pydantic")}
    assert heavy == set()


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


def test_the_programs_help_lists_what_typer_would_build() -> None:
    """`--help` lists the commands without building them; the text is what the full app gives."""
    from typer.testing import CliRunner

    from pleegreflectie.cli import app
    from pleegreflectie.cli.base import _app_for, _ListingGroup

    light = _app_for(["--help"])
    assert light.info.cls is _ListingGroup  # the light path is taken
    assert _app_for(["start", "--help"]).info.cls is not _ListingGroup
    runner = CliRunner()
    listed = runner.invoke(light, ["--help"], prog_name="pleegreflectie")
    built = runner.invoke(app, ["--help"], prog_name="pleegreflectie")
    assert listed.exit_code == built.exit_code == 0
    assert listed.stdout == built.stdout
    assert "catalogus" in listed.stdout and "vergelijk" in listed.stdout  # groups and commands both


def test_a_command_further_on_gets_the_whole_app() -> None:
    from pleegreflectie.cli.base import _app_for, _ListingGroup

    assert _app_for(["--", "start"]).info.cls is not _ListingGroup
    assert _app_for(["strat"]).info.cls is _ListingGroup  # a typo only needs the names


def test_help_imports_no_msgspec() -> None:
    code = (
        "import json, sys\n"
        "from pleegreflectie import cli\n"
        "code = cli.run(['--help'])\n"
        "assert code == 0, code\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    loaded = modules_after(code)
    assert "pleegreflectie.cli.base" in loaded  # the probe works
    assert "msgspec" not in top_level(loaded)
    assert "dataclasses" not in loaded  # building a dataclass costs start-up time
