"""Files written for the user: mode 0600, never through a symlink unasked, `-` is stdout, `''` is refused."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from pleegreflectie.cli import app
from pleegreflectie.errors import PleegreflectieError
from pleegreflectie.files import write_user_file

FIXTURES = Path(__file__).parent / "fixtures"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(app, [str(a) for a in args])


def test_a_new_file_is_private_even_with_an_open_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        written = write_user_file(str(tmp_path / "v.md"), "hallo\n")
    finally:
        os.umask(old)
    assert written == tmp_path / "v.md"
    assert (tmp_path / "v.md").read_text() == "hallo\n"
    assert mode(tmp_path / "v.md") == 0o600


def test_an_existing_file_is_only_replaced_when_allowed_and_then_private(tmp_path: Path) -> None:
    target = tmp_path / "v.md"
    target.write_text("oud")
    target.chmod(0o644)
    with pytest.raises(PleegreflectieError, match="bestaat al"):
        write_user_file(str(target), "nieuw")
    with pytest.raises(PleegreflectieError, match="bestaat al"):
        write_user_file(str(target), "nieuw", confirm=lambda question: False)
    assert target.read_text() == "oud"
    asked: list[str] = []
    write_user_file(str(target), "nieuw", confirm=lambda question: asked.append(question) or True)
    assert "overschrijven" in asked[0]
    assert target.read_text() == "nieuw" and mode(target) == 0o600
    write_user_file(str(target), "weer", overwrite=True)
    assert target.read_text() == "weer" and mode(target) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v.md"]  # no temporary file left behind


def test_a_symlink_is_never_followed_without_asking(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("belangrijk")
    link = tmp_path / "verslag.md"
    link.symlink_to(secret)
    for confirm in (None, lambda question: False):
        with pytest.raises(PleegreflectieError, match="symlink") as caught:
            write_user_file(str(link), "x", overwrite=True, confirm=confirm)
        assert str(secret) in caught.value.message
    assert secret.read_text() == "belangrijk" and link.is_symlink()
    # A dangling link (to a file that is not there yet) is not followed either.
    dangling = tmp_path / "leeg.md"
    dangling.symlink_to(tmp_path / "nergens.md")
    with pytest.raises(PleegreflectieError, match="symlink"):
        write_user_file(str(dangling), "x", overwrite=True)
    assert not (tmp_path / "nergens.md").exists()
    # Asked, and said yes: written where the link points, privately; the link stays.
    asked: list[str] = []
    write_user_file(str(link), "nieuw", confirm=lambda question: asked.append(question) or True)
    assert "snelkoppeling" in asked[0] and str(secret) in asked[0]
    assert secret.read_text() == "nieuw" and mode(secret) == 0o600 and link.is_symlink()


def test_dash_is_stdout_and_empty_is_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert write_user_file("-", "op het scherm\n") is None
    assert capsys.readouterr().out == "op het scherm\n"
    for empty in ("", "  "):
        with pytest.raises(PleegreflectieError, match="geen bestandsnaam achter -o"):
            write_user_file(empty, "x")
    with pytest.raises(PleegreflectieError, match="is een map"):
        write_user_file(str(tmp_path), "x")


def test_os_errors_are_dutch(tmp_path: Path) -> None:
    with pytest.raises(PleegreflectieError) as caught:
        write_user_file(str(tmp_path / "geen-map" / "v.md"), "x", what="het verslag")
    assert caught.value.message.startswith("het verslag kon niet geschreven worden")
    assert "de map bestaat niet" in caught.value.message
    assert "No such" not in caught.value.message


# ---------------------------------------------------------------- through the commands


def test_commands_write_private_files_and_dash_to_stdout(tmp_path: Path) -> None:
    assert invoke("start", "--antwoorden", FIXTURES / "oma.yaml", "--json").exit_code == 0
    for args, name in (
        (["rapport", "1"], "verslag.md"),
        (["rapport", "1"], "verslag.html"),
        (["sjabloon"], "antwoorden.yaml"),
        (["vragenlijst"], "vragenlijst.md"),
        (["vragenlijst"], "vragenlijst.html"),
    ):
        target = tmp_path / name
        result = invoke(*args, "-o", target)
        assert result.exit_code == 0, (args, result.output)
        assert mode(target) == 0o600, name
        assert str(target) in result.stdout
        again = invoke(*args, "-o", target)
        assert again.exit_code == 2 and "bestaat al" in again.stderr
        to_stdout = invoke(*args, "-o", "-")
        assert to_stdout.exit_code == 0
        if not name.endswith(".html"):  # `-o -` writes the plain (Markdown or YAML) form
            assert to_stdout.stdout == target.read_text(encoding="utf-8"), name
        empty = invoke(*args, "-o", "")
        assert empty.exit_code == 2 and "geen bestandsnaam achter -o" in empty.stderr
