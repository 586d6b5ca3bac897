"""Shared fixtures: a private home for saved reflections, stable output, the bundled framework."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pleegreflectie.answers_file import load_answers
from pleegreflectie.load import load_framework
from pleegreflectie.models import Answers, Framework, Profile, Special

FIXTURES = Path(__file__).parent / "fixtures"

# With PYTHONDONTWRITEBYTECODE set, pytest would rewrite the asserts of every test module again, in
# every xdist worker, on every run (about 2 s of CPU each); now they are cached in tests/__pycache__.
sys.dont_write_bytecode = False


def pytest_configure(config: pytest.Config) -> None:
    """Write the package's bytecode once, as `pip install` does. Many tests start the program in a
    process of its own; from an editable install with PYTHONDONTWRITEBYTECODE set, each of those
    would compile every module it imports again (about a third of their time). Up-to-date files
    are left alone, so for an installed package this does nothing. xdist workers leave it to the
    main process."""
    if hasattr(config, "workerinput"):
        return
    import compileall

    import pleegreflectie

    compileall.compile_dir(Path(pleegreflectie.__file__).parent, quiet=2)


@pytest.fixture(autouse=True)
def _stable_env(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own store directory, no colour and a fixed width of 80 columns."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("PLEEGREFLECTIE_HOME", str(home))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    return home


@pytest.fixture(scope="session")
def framework() -> Framework:
    return load_framework()


@pytest.fixture
def oma_path() -> Path:
    return FIXTURES / "oma.yaml"


@pytest.fixture(scope="session")
def oma(framework: Framework) -> Answers:
    """The answers of the example family in tests/fixtures/oma.yaml."""
    return load_answers(framework, FIXTURES / "oma.yaml")


@pytest.fixture
def dont_know_family(framework: Framework) -> Answers:
    """'weet ik niet' on every question of three of the five competencies of zorgen (issue 8)."""
    values: dict[str, int | Special] = {}
    for index, competency in enumerate(framework.pillar("zorgen").competencies):
        for question in competency.questions:
            values[question.id] = Special.DONT_KNOW if index < 3 else 3
    return Answers(profile=Profile.model_validate({"uren_per_maand": 10}), answers=values)
