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
