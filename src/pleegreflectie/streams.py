"""Standard output and error as the program uses them: a stream that cannot be written is a Dutch message.

`prepare()` runs first (before any command): it

- replaces a closed standard output (`>&-`, Python then has `sys.stdout = None`) by a stream that says
  so when something is written, a closed standard error by one that drops what is written, and a
  closed standard input by one that is at its end (and no terminal);
- makes an encoding that cannot show Dutch (`PYTHONIOENCODING=ascii`, `latin-1`, `LC_ALL=C` without
  UTF-8 mode) write a replacement character instead of failing on the first "ë" or box character;
- wraps standard output, when it is not a terminal, so that a full disk (`> /dev/full`) or another
  write error becomes an `OutputError` with a Dutch message and exit code 6, where it happens.

`finish()` flushes standard output at the end, so a failure there is said too, instead of Python's
"Exception ignored" after the program has already said it went well. A reader that went away (`| head`)
stays quiet: that is not an error of ours (see `cli.base.guard`).
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
from collections.abc import Callable
from typing import BinaryIO, TextIO

from .errors import ExitCode, PleegreflectieError, os_reason

__all__ = ["Output", "OutputError", "finish", "plain_output", "prepare", "reason"]


class OutputError(PleegreflectieError):
    """Standard output cannot be written (closed, a full disk, a device error); `why` says why."""

    exit_code = ExitCode.OUTPUT

    def __init__(self, message: str, why: str) -> None:
        super().__init__(message)
        self.why = why


def reason(exc: OSError) -> str:
    """Why the output could not be written, in Dutch."""
    if exc.errno == errno.EBADF:
        return "de uitvoer is gesloten"
    return os_reason(exc)


def _failed(exc: OSError) -> OutputError:
    why = reason(exc)
    return OutputError(
        f"de uitkomst kon niet geschreven worden naar de uitvoer: {why}. Probeer het opnieuw.",
        why,
    )


class Output(io.TextIOBase):
    """Standard output or error as the program writes it (the one wrapper of a real stream).

    `guard`: a write error becomes an OutputError with a Dutch message (a broken pipe stays as it is).
    `plain`: the plain mode (`--eenvoudig`): each text goes through it first (symbols spelled out, see
    `plain.to_plain`) and the encoding says "ascii", so rich draws no boxes; `letters` says whether
    the text keeps Dutch letters (ë, é).
    """

    def __init__(
        self,
        stream: TextIO,
        *,
        guard: bool = True,
        plain: Callable[[str], str] | None = None,
        letters: bool = True,
    ) -> None:
        self.stream = stream
        self.guard = guard
        self.plain = plain
        self.letters = letters

    @property
    def encoding(self) -> str:  # type: ignore[override]  # TextIOBase: a plain attribute
        if self.plain is not None:
            return "ascii"
        return str(getattr(self.stream, "encoding", None) or "utf-8")

    @property
    def errors(self) -> str | None:  # type: ignore[override]  # TextIOBase: a plain attribute
        return getattr(self.stream, "errors", None)

    @property
    def buffer(self) -> BinaryIO:
        return self.stream.buffer

    def write(self, text: str) -> int:
        try:
            self.stream.write(text if self.plain is None else self.plain(text))
        except BrokenPipeError:
            raise
        except OSError as exc:
            if not self.guard:
                raise
            raise _failed(exc) from None
        return len(text)

    def flush(self) -> None:
        try:
            self.stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            if not self.guard:
                raise
            raise _failed(exc) from None

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    def writable(self) -> bool:
        return True


def plain_output(stream: TextIO, plain: Callable[[str], str], *, letters: bool) -> TextIO | Output:
    """`stream` for the plain mode (see `Output`); a closed stream stays as it is."""
    if isinstance(stream, Output):
        if stream.plain is not None:
            return stream
        return Output(stream.stream, guard=stream.guard, plain=plain, letters=letters)
    if isinstance(stream, ClosedOutput | DroppedOutput):
        return stream
    return Output(stream, guard=False, plain=plain, letters=letters)


class ClosedOutput(io.TextIOBase):
    """Standard output that was closed before the program started: writing to it is an OutputError."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        if not text:
            return 0
        raise OutputError(
            "de uitvoer (standaarduitvoer) is gesloten, dus er kan niets getoond worden. "
            "Start het programma opnieuw in een terminal.",
            "de uitvoer is gesloten",
        )

    def isatty(self) -> bool:
        return False

    def writable(self) -> bool:
        return True


class DroppedOutput(io.TextIOBase):
    """Standard error that was closed: messages cannot be shown, and are dropped without a crash."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        return len(text)

    def isatty(self) -> bool:
        return False

    def writable(self) -> bool:
        return True


class ClosedInput(io.TextIOBase):
    """Standard input that was closed (`<&-`): nothing to read (end of input), never a terminal."""

    encoding = "utf-8"

    def read(self, size: int | None = -1) -> str:
        return ""

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]  # typeshed: _IOBase says bytes
        return ""

    def isatty(self) -> bool:
        return False

    def readable(self) -> bool:
        return True


def _replace_unknown(stream: TextIO) -> None:
    """An encoding that is not UTF-8: a character it cannot show becomes a replacement character."""
    encoding = str(getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "").replace("_", "")
    if encoding.startswith("utf"):
        return
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(OSError, ValueError):
            reconfigure(errors="replace")


def prepare() -> None:
    """Make standard output and error safe to write to (see the module's docstring). Safe to call twice."""
    if sys.stdin is None:
        sys.stdin = ClosedInput()
    if sys.stderr is None:
        sys.stderr = DroppedOutput()
    else:
        _replace_unknown(sys.stderr)
    if sys.stdout is None:
        sys.stdout = ClosedOutput()
        return
    _replace_unknown(sys.stdout)
    if isinstance(sys.stdout, Output | ClosedOutput):
        return
    try:
        interactive = sys.stdout.isatty()
    except (OSError, ValueError):
        interactive = False
    if not interactive and isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout = Output(sys.stdout)


def finish() -> None:
    """Write out what is still buffered for standard output (raises OutputError when that fails)."""
    stream = sys.stdout
    if stream is None or isinstance(stream, ClosedOutput):
        return
    try:
        stream.flush()
    except BrokenPipeError:
        _quiet()
    except OSError as exc:
        raise _failed(exc) from None


def _quiet() -> None:
    """The reader went away: nothing more is written, and Python's own flush at exit stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno() if sys.__stdout__ else 1)
        os.close(devnull)
    except (OSError, ValueError):
        pass
