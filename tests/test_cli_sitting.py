"""The start command's own helpers in cli/sitting.py (what they print), without a terminal."""

import types
from pathlib import Path

import pytest
import typer

from pleegreflectie.cli import sitting
from pleegreflectie.models import Answers


def test_a_report_that_cannot_be_written_says_the_command_on_a_line_of_its_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sitting, "_me", lambda: "/opt/pleeg/bin/pleegreflectie")
    missing = tmp_path / "bestaat-niet" / "verslag.md"  # its folder does not exist
    interview = types.SimpleNamespace(
        report_file=lambda default: str(missing),
        confirm=lambda *args, **kwargs: False,
        ask_text=lambda *args, **kwargs: "",
    )
    monkeypatch.setattr("pleegreflectie.application.saved_report", lambda *args, **kwargs: "# Verslag\n")
    with pytest.raises(typer.Exit) as stopped:
        sitting._offer_report(interview, 7, Answers.model_validate({}))  # type: ignore[arg-type]
    assert stopped.value.exit_code != 0
    out = capsys.readouterr()
    assert "bestaat-niet" in out.err
    assert out.out.splitlines()[-2:] == [
        "Er is geen verslag gemaakt. De reflectie is wel bewaard. Maak het verslag later met:",
        "  /opt/pleeg/bin/pleegreflectie rapport 7 -o verslag.md",
    ]


def test_ctrl_d_while_keeping_typed_paper_answers_saves_them(monkeypatch: pytest.MonkeyPatch) -> None:
    from pleegreflectie.cli import papers

    def end_of_input(prompt: str = "") -> str:
        raise EOFError

    saved: list[str] = []
    monkeypatch.setattr("builtins.input", end_of_input)
    monkeypatch.setattr(
        papers, "_save_reflection", lambda framework, typed, text, household: saved.append(text)
    )
    papers._keep_typed(None, None, "zorgen: 4 3\n")  # type: ignore[arg-type]
    assert saved == ["zorgen: 4 3\n"], "Ctrl-D counts as Enter: the typed answers become a reflection"


def test_ctrl_d_at_a_question_stops_with_a_message_not_a_bug_report(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from pleegreflectie.cli.base import guard
    from pleegreflectie.errors import ExitCode

    @guard
    def asks() -> None:
        raise EOFError

    with pytest.raises(typer.Exit) as stopped:
        asks()
    assert stopped.value.exit_code == int(ExitCode.INTERRUPTED)
    assert "Gestopt." in capsys.readouterr().err
