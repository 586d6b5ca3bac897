"""The report's file name already taken, in a pseudo-terminal (pexpect): ask, suggest, lose nothing."""

from __future__ import annotations

from pathlib import Path

from terminal import ask, close, program, read_to_end, skip_without_terminal, spawn

pytestmark = skip_without_terminal
OMA = Path(__file__).parent / "fixtures" / "oma.yaml"


def test_a_taken_report_name_asks_for_another_and_suggests_a_free_one(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    assert program(home, "start", "--antwoorden", str(OMA), "--json").returncode == 0
    taken = tmp_path / "verslag.html"
    taken.write_text("van mij", encoding="utf-8")
    child = spawn(home, "rapport", "-o", str(taken))
    try:
        ask(child, "Wil je het overschrijven?", "n")
        child.expect_exact("Hoe moet het nieuwe bestand heten?")
        child.expect_exact("verslag-2.html")  # the suggestion, ready to accept with Enter
        child.send("\r")
        screen = read_to_end(child)
    finally:
        close(child)
    assert child.exitstatus == 0, screen
    assert "staat in" in screen and "verslag-2.html" in screen
    assert taken.read_text(encoding="utf-8") == "van mij"  # nothing lost
    assert (tmp_path / "verslag-2.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_taken_report_name_without_a_terminal_is_a_non_zero_exit(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    assert program(home, "start", "--antwoorden", str(OMA), "--json").returncode == 0
    taken = tmp_path / "verslag.md"
    taken.write_text("van mij", encoding="utf-8")
    done = program(home, "rapport", "--samenvatting", "-o", str(taken))
    assert done.returncode != 0
    assert "bestaat al" in done.stderr and "Traceback" not in done.stderr
    assert taken.read_text(encoding="utf-8") == "van mij"
