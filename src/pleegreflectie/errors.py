"""One exception family with exit codes; cli/base.py turns it into a Dutch message on stderr."""

from __future__ import annotations

import errno
from dataclasses import dataclass
from enum import IntEnum

MAX_PROBLEMS_SHOWN = 50  # more problems than this: the rest is counted, not listed


class ExitCode(IntEnum):
    """Exit codes, documented in the README ("Foutcodes")."""

    OK = 0
    ERROR = 1  # something else went wrong (disk full, no permission to write)
    INVALID_INPUT = 2  # a file or option has a wrong value; the message names file and line
    NOT_FOUND = 3  # a file or saved reflection does not exist
    NO_TERMINAL = 4  # questions need a terminal; use --antwoorden
    STORE = 5  # the store of saved reflections cannot be used
    OUTPUT = 6  # the result could not be written to standard output (closed, full)
    INTERRUPTED = 130  # Ctrl-C; the answers so far are saved


class PleegreflectieError(Exception):
    """An expected failure: its message is Dutch and meant for the user."""

    exit_code: ExitCode = ExitCode.ERROR

    def __init__(self, message: str, *, exit_code: ExitCode | None = None) -> None:
        super().__init__(message)
        self.message = message
        if exit_code is not None:
            self.exit_code = exit_code


class NotFoundError(PleegreflectieError):
    exit_code = ExitCode.NOT_FOUND


class NoTerminalError(PleegreflectieError):
    exit_code = ExitCode.NO_TERMINAL


class StoreError(PleegreflectieError):
    exit_code = ExitCode.STORE


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a file, at a line (1-based; None when the line is unknown)."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class InvalidFileError(PleegreflectieError):
    """A file has one or more problems; all of them are listed at once."""

    exit_code = ExitCode.INVALID_INPUT

    def __init__(self, problems: list[Problem], hint: str | None = None, *, skipped: int = 0) -> None:
        """`skipped`: more problems that were counted but not located (they are not listed)."""
        self.problems = sorted(problems, key=lambda p: (p.path, p.line or 0))
        lines = [str(p) for p in self.problems[:MAX_PROBLEMS_SHOWN]]
        count = len(self.problems) + skipped
        head = (
            "Er is 1 probleem gevonden:" if count == 1 else f"Er zijn {thousands(count)} problemen gevonden:"
        )
        rest = count - len(lines)
        if rest:
            lines.append(f"en nog {thousands(rest)} {'ander probleem' if rest == 1 else 'andere problemen'}.")
        text = "\n".join([head, *(f"  {line}" for line in lines)])
        if hint:
            text += f"\n{hint}"
        super().__init__(text)


def thousands(count: int) -> str:
    """9876 as "9.876", the Dutch way."""
    return f"{count:,}".replace(",", ".")


def quote(value: object) -> str:
    """A value from a file in a message: in quotes, and cut off after 40 characters."""
    text = str(value)
    return f"'{text[:40]}…'" if len(text) > 40 else f"'{text}'"


# What the operating system says, in Dutch (its own words are English on most systems).
_OS_REASONS = {
    errno.ENOENT: "het bestand of de map bestaat niet",
    errno.EACCES: "je hebt geen toestemming",
    errno.EPERM: "dit mag niet",
    errno.EISDIR: "dit is een map, geen bestand",
    errno.ENOTDIR: "een deel van de naam is geen map",
    errno.ENOSPC: "de schijf is vol",
    errno.EROFS: "op deze schijf kan niet geschreven worden",
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.ELOOP: "de naam verwijst in een kringetje naar zichzelf",
    errno.EIO: "de schijf gaf een fout",
    errno.EEXIST: "het bestaat al",
    errno.EBUSY: "het wordt nu door iets anders gebruikt",
    errno.EMFILE: "er zijn te veel bestanden tegelijk open",
    errno.ENXIO: "dit apparaat bestaat niet",
}


def os_reason(exc: OSError) -> str:
    """Why a file could not be used, in Dutch."""
    if exc.errno in _OS_REASONS:
        return _OS_REASONS[exc.errno]
    if getattr(errno, "EDQUOT", None) == exc.errno:
        return "je mag op deze schijf niet meer ruimte gebruiken"
    return f"de computer gaf foutcode {exc.errno}" if exc.errno else "onbekende oorzaak"
