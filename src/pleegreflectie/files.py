"""Files written for the user (report, questionnaire, template): private, never through a symlink unasked.

One function, `write_user_file`, used by every command that writes a file:

- the file is created with mode 0600 (only you can read it), also when it replaces an existing file;
- a symbolic link is never followed without asking (and never when nobody can be asked);
- an existing file is only replaced after asking, or with `overwrite=True`;
- the target `-` writes to standard output; an empty target gives a clear message.

No user interface here: the caller hands in a `confirm` function (or None when nobody can be asked).
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from .errors import ExitCode, PleegreflectieError, os_reason
from .safe import clean

STDOUT = "-"
__all__ = ["STDOUT", "os_reason", "write_user_file"]


def write_user_file(
    target: str,
    content: str | bytes,
    *,
    what: str = "het bestand",
    overwrite: bool = False,
    confirm: Callable[[str], bool] | None = None,
) -> Path | None:
    """Write `content` to `target` for the user; return the path written, or None for standard output.

    `what` names the file in messages ("het verslag", "de vragenlijst"). `confirm` asks a yes/no question
    (None: nobody can be asked, so the safe answer is no).
    """
    if target == STDOUT:
        _to_stdout(content)
        return None
    if not target.strip():
        raise PleegreflectieError(
            f"er staat geen bestandsnaam achter -o. Geef een naam, zoals -o {_example(what)}, "
            "of -o - om het op het scherm te zien.",
            exit_code=ExitCode.INVALID_INPUT,
        )
    path = Path(target).expanduser()
    _refuse_special(path, path)
    if path.is_symlink():
        destination = Path(os.path.realpath(path))
        _refuse_special(destination, path)
        question = (
            f"{path} is een snelkoppeling (symlink) naar {destination}. "
            f"Wil je {what} daar neerzetten (en wat daar staat overschrijven)?"
        )
        if confirm is None or not confirm(question):
            raise PleegreflectieError(
                f"{path} is een snelkoppeling (symlink) naar {destination}. Daar schrijven we niet "
                "zonder te vragen. Kies een andere naam.",
                exit_code=ExitCode.INVALID_INPUT,
            )
        path = destination
    elif path.is_dir():
        raise PleegreflectieError(
            f"{path} is een map. Geef een bestandsnaam, zoals {path / _example(what)}.",
            exit_code=ExitCode.INVALID_INPUT,
        )
    elif (
        path.exists()
        and not overwrite
        and not (confirm is not None and confirm(f"{path} bestaat al. Wil je het overschrijven?"))
    ):
        raise PleegreflectieError(
            f"{path} bestaat al en is niet overschreven. Kies een andere naam, of gebruik --overschrijf.",
            exit_code=ExitCode.INVALID_INPUT,
        )
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        _write_private(path, data)
    except OSError as exc:
        raise PleegreflectieError(
            f"{what} kon niet geschreven worden naar {path}: {os_reason(exc)}."
        ) from None
    return path


def _refuse_special(path: Path, named: Path) -> None:
    """Only a regular file is ever replaced: never a device, a pipe (FIFO) or a socket, also not when
    overwriting is allowed, and also not as root (who could replace /dev/null with a file)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # not there (or not reachable): writing it says what is wrong
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return
    kind = (
        "een pijp (FIFO)" if stat.S_ISFIFO(mode) else "een socket" if stat.S_ISSOCK(mode) else "een apparaat"
    )
    raise PleegreflectieError(
        f"{clean(str(named))} is geen gewoon bestand, maar {kind}. Daar schrijft pleegreflectie niet in, "
        "ook niet met --overschrijf. Kies een gewone bestandsnaam, of -o - voor het scherm.",
        exit_code=ExitCode.INVALID_INPUT,
    )


def _private(handle: BinaryIO, temporary: str) -> None:
    """Only you may read the file: 0600. Where the platform has no fchmod (Windows before Python
    3.13), chmod by name; where it has no modes at all, the file is private by the folder it is in."""
    fchmod = getattr(os, "fchmod", None)
    if fchmod is not None:
        fchmod(handle.fileno(), 0o600)
        return
    with contextlib.suppress(OSError, NotImplementedError):
        os.chmod(temporary, 0o600)


def _write_private(path: Path, data: bytes) -> None:
    """Write to a new 0600 file beside `path`, then put it in place: never through a link, never half."""
    directory = path.parent if str(path.parent) else Path(".")
    fd, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            _private(handle, temporary)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _to_stdout(content: str | bytes) -> None:
    text = content.decode("utf-8") if isinstance(content, bytes) else content
    sys.stdout.write(text)  # a closed or full output is said by streams.Output
    sys.stdout.flush()


def _example(what: str) -> str:
    if "vragenlijst" in what:
        return "vragenlijst.md"
    if "sjabloon" in what or "antwoorden" in what:
        return "antwoorden.yaml"
    return "verslag.md"
