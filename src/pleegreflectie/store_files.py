"""Where the store lives and how its files are checked: private, the user's own, never a symlink.

An existing folder must be the user's and private (it is never chmodded); the store file and its
companions (`-wal`, `-shm`, `-journal`, the wipe marker) must be regular files of the user, and are
made 0600 without following a symlink. Owners, modes and O_NOFOLLOW are asked for at call time
(`_posix()`, `_nofollow()`), so the store runs where they are missing (Windows). Every sqlite or
file system failure becomes a `StoreError` with a Dutch message (`translated`). No user interface.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from .errors import StoreError, os_reason

HOME_ENV = "PLEEGREFLECTIE_HOME"
FILE_NAME = "reflecties.sqlite3"
DIR_MODE = 0o700
FILE_MODE = 0o600
COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")
WIPE_MARKER_SUFFIX = "-wissen"  # a wipe still to finish (another window held the store)

# ---------------------------------------------------------------- where


def default_home() -> Path:
    """The directory of the store: $PLEEGREFLECTIE_HOME, else the user data directory."""
    override = os.environ.get(HOME_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    import platformdirs

    no_home = StoreError(
        "er is geen thuismap (de omgevingsvariabele HOME is leeg en de computer kent geen thuismap voor "
        f"deze gebruiker). Kies zelf een map voor de opslag met {HOME_ENV}, bijvoorbeeld: "
        f"{HOME_ENV}=/pad/naar/een/eigen/map"
    )
    try:
        found = Path(platformdirs.user_data_dir("pleegreflectie", appauthor=False))
    except (RuntimeError, KeyError, OSError):
        raise no_home from None
    if not found.is_absolute() or str(found).startswith("~"):
        raise no_home
    return found


# ---------------------------------------------------------------- the folder and its files


def prepare_directory(directory: Path) -> None:
    """Make the folder private to the user; a folder that exists already must be so (never chmod it)."""
    try:
        directory.mkdir(mode=DIR_MODE, parents=True)
    except FileExistsError:
        pass
    else:  # ours: made just now
        _tighten(directory, DIR_MODE)
        return
    info = directory.stat()
    if not _posix():  # Windows: the user's own profile folder keeps others out; no modes to check
        return
    if not stat.S_ISDIR(info.st_mode):
        raise StoreError(
            f"{directory} is geen map. Kies een map voor de opslag met de omgevingsvariabele {HOME_ENV}."
        )
    if info.st_uid != os.geteuid():
        raise StoreError(
            f"De map {directory} is niet van jou, maar van een andere gebruiker. Daar bewaart pleegreflectie "
            f"geen gegevens van jullie gezin. Kies een eigen map met de omgevingsvariabele {HOME_ENV}. "
            "Er is niets veranderd."
        )
    if stat.S_IMODE(info.st_mode) & 0o077:
        raise StoreError(
            f"De map {directory} is ook voor anderen op deze computer open. Daar bewaart pleegreflectie geen "
            f"gegevens van jullie gezin. Maak de map privé met: chmod 700 '{directory}'. Of kies een andere "
            f"map met de omgevingsvariabele {HOME_ENV}. Er is niets veranderd."
        )


def prepare_file(path: Path) -> None:
    """Create the database file private to the user before sqlite touches it, or check the one there."""
    touch_private(path)


def _nofollow() -> int:
    """O_NOFOLLOW where the platform has it (not on Windows, which has no symlinks to follow there)."""
    return int(getattr(os, "O_NOFOLLOW", 0))


def _posix() -> bool:
    """Whether owners and modes exist (not on Windows): asked each time, so tests can take them away."""
    return hasattr(os, "geteuid")


def check_own_file(path: Path) -> None:
    """A file of the store must be a regular file of this user (no symlink); loose modes are tightened."""
    info = os.lstat(path)
    if stat.S_ISLNK(info.st_mode):
        raise StoreError(
            f"{path} is een verwijzing (symlink) naar een ander bestand. Daar schrijft pleegreflectie niet "
            f"in. Haal de verwijzing weg, of kies een andere map met de omgevingsvariabele {HOME_ENV}. "
            "Er is niets veranderd."
        )
    if not stat.S_ISREG(info.st_mode):
        raise StoreError(
            f"{path} is geen gewoon bestand. Haal het weg, of kies een andere map met de omgevingsvariabele "
            f"{HOME_ENV}. Er is niets veranderd."
        )
    if _posix() and info.st_uid != os.geteuid():
        raise StoreError(
            f"Het bestand {path} is niet van jou, maar van een andere gebruiker. Daar bewaart pleegreflectie "
            "geen gegevens van jullie gezin. Zet het bestand ergens anders neer, of kies een eigen map met "
            f"de omgevingsvariabele {HOME_ENV}. Er is niets veranderd."
        )
    _tighten(path, FILE_MODE)


def _tighten(path: Path, mode: int) -> None:
    """Take away any rights of group and others (never add rights) of a file or folder that is ours."""
    current = stat.S_IMODE(path.stat().st_mode)
    if _posix() and current & 0o077:
        try:
            path.chmod(current & mode)
        except OSError:
            raise StoreError(
                f"{path} is ook voor anderen op deze computer open, en dat kon pleegreflectie niet "
                f"veranderen. Maak het privé met: chmod go= '{path}'. Of kies een andere map met de "
                f"omgevingsvariabele {HOME_ENV}."
            ) from None


def check_companions(path: Path) -> None:
    for suffix in (*COMPANION_SUFFIXES, WIPE_MARKER_SUFFIX):
        companion = path.with_name(path.name + suffix)
        with suppress(FileNotFoundError):
            check_own_file(companion)


def wipe_marker(path: Path) -> Path:
    return path.with_name(path.name + WIPE_MARKER_SUFFIX)


def touch_private(path: Path) -> None:
    """A new file private to the user (0600, never through a symlink), or a check of the one there."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _nofollow(), FILE_MODE)
    except FileExistsError:
        check_own_file(path)
        return
    os.close(descriptor)


def cannot_write(directory: Path, path: Path) -> bool:
    """Whether the store exists but this user may not write to it (or to its folder)."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return False
    except OSError:
        return False
    return not (os.access(directory, os.W_OK) and os.access(path, os.W_OK))


# ---------------------------------------------------------------- errors

# Primary result codes of sqlite (https://sqlite.org/rescode.html).
_SQLITE_PERM, _SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 3, 5, 6, 8
_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_NOTADB = 10, 11, 13, 14, 26

NOTHING_LOST = "Wat al bewaard was, is niet weg."


@contextmanager
def translated(path: Path) -> Iterator[None]:
    """Turn sqlite and file system failures into a StoreError with a Dutch message."""
    try:
        yield
    except sqlite3.Error as exc:
        raise _sqlite_error(path, exc) from exc
    except OSError as exc:
        raise _os_error(path, exc) from exc


def _sqlite_error(path: Path, exc: sqlite3.Error) -> StoreError:
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc).lower()
    if primary in (_SQLITE_NOTADB, _SQLITE_CORRUPT) or "not a database" in text or "malformed" in text:
        return StoreError(corrupt_message(path))
    if primary == _SQLITE_FULL or "disk is full" in text:
        return StoreError(_full_message(path))
    if primary in (_SQLITE_READONLY, _SQLITE_CANTOPEN, _SQLITE_PERM) or "readonly" in text:
        return StoreError(_read_only_message(path))
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED) or "locked" in text:
        return StoreError(
            "De opslag is nu bezig in een ander venster. Wacht even en probeer het dan opnieuw. "
            f"{NOTHING_LOST} ({path})"
        )
    if primary == _SQLITE_IOERR:
        return StoreError(
            f"De schijf gaf een fout bij het lezen of schrijven van {path}. "
            f"Kijk of de schijf goed werkt en probeer het opnieuw. {NOTHING_LOST}"
        )
    return StoreError(f"De opslag werkt niet goed ({path}): {exc}. {NOTHING_LOST}")


def _os_error(path: Path, exc: OSError) -> StoreError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return StoreError(_full_message(path))
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StoreError(_read_only_message(path))
    where = exc.filename or path
    return StoreError(
        f"De opslag kon niet gebruikt worden: {os_reason(exc)} ({where}). "
        f"Kies eventueel een andere map met de omgevingsvariabele {HOME_ENV}. {NOTHING_LOST}"
    )


def corrupt_message(path: Path) -> str:
    return (
        f"Het bestand met bewaarde reflecties is beschadigd: {path}. "
        "Er is niets verwijderd. Bewaar dit bestand, misschien kan iemand het nog redden. "
        "Wil je opnieuw beginnen? Zet het bestand dan ergens anders neer of geef het een andere naam. "
        "Dan maakt pleegreflectie een nieuw, leeg bestand."
    )


def _full_message(path: Path) -> str:
    return (
        f"De schijf is vol. Het laatste antwoord is niet bewaard in {path}. "
        f"Maak ruimte vrij en probeer het opnieuw. {NOTHING_LOST}"
    )


def _read_only_message(path: Path) -> str:
    return (
        f"pleegreflectie mag niet schrijven in {path}. "
        "Kijk of je schrijfrechten hebt op dit bestand en op de map. "
        f"Of kies een andere map met de omgevingsvariabele {HOME_ENV}. {NOTHING_LOST}"
    )
