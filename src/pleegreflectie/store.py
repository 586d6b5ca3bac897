"""Saved reflections in SQLite: autosave, resume, history.

Every change is committed the moment it is made (WAL journal, synchronous=FULL), so a crash, kill -9
or power cut loses at most the question on screen. The directory is private to the user (0700) and
the files too (0600). The schema is versioned with `PRAGMA user_version` and a list of migrations.
Every sqlite or file system failure becomes a `StoreError` with a Dutch message; nothing is ever
deleted because of an error. No user interface here.

The store is the user's alone: a folder or file of another user, a folder others can open, a store
file that is a symlink, or an SQLite file of another program is refused, untouched (our files carry
`PRAGMA application_id`). Wiping means gone: secure_delete on every connection, and after a delete a
VACUUM and a checkpoint that empties the WAL; when another window holds the store, a marker file
makes the next start finish it. A reflection whose row cannot be read is listed as damaged and can
still be wiped; the others keep working.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import Any

import msgspec
from msgspec import Struct

from .errors import NotFoundError, StoreError, os_reason
from .flow import PREVIOUS_ROUTE_KEY, Sitting, StepKind, split_step_id
from .models import Special
from .safe import clean, clean_data

HOME_ENV = "PLEEGREFLECTIE_HOME"
FILE_NAME = "reflecties.sqlite3"
BUSY_TIMEOUT_MS = 5000
DIR_MODE = 0o700
FILE_MODE = 0o600
COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")
APPLICATION_ID = 0x50475246  # "PGRF" in the SQLite header: this file belongs to pleegreflectie
SECURE_DELETE = "ON"  # tests set OFF to show that VACUUM and the checkpoint wipe on their own
QUICK_CHECK_MAX_BYTES = 20_000_000  # check the pages on open when the file is at most this big
WIPE_MARKER_SUFFIX = "-wissen"  # a wipe still to finish (another window held the store)

Clock = Callable[[], datetime]

# ---------------------------------------------------------------- schema

# Each migration is a list of statements; migration N (1-based) brings user_version to N.
# Never change a released migration: add a new one.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (  # 1: initial schema
        """
        CREATE TABLE reflections (
            id                INTEGER PRIMARY KEY AUTOINCREMENT,
            household         TEXT,
            household_key     TEXT,
            status            TEXT NOT NULL DEFAULT 'bezig' CHECK (status IN ('bezig', 'klaar')),
            created_at        TEXT NOT NULL,
            updated_at        TEXT NOT NULL,
            finished_at       TEXT,
            pillar_ids        TEXT NOT NULL,
            respondent        TEXT,
            ask_profile       INTEGER NOT NULL DEFAULT 1,
            framework_version TEXT NOT NULL,
            catalogue_version TEXT,
            route             TEXT,
            previous_route    TEXT,
            route_done        TEXT NOT NULL DEFAULT '[]'
        )
        """,
        """
        CREATE TABLE steps (
            reflection_id INTEGER NOT NULL REFERENCES reflections (id) ON DELETE CASCADE,
            respondent    TEXT NOT NULL DEFAULT '',
            step_id       TEXT NOT NULL,
            kind          TEXT NOT NULL,
            key           TEXT NOT NULL,
            value         TEXT,
            position      INTEGER,
            skip_position INTEGER,
            saved_at      TEXT NOT NULL,
            PRIMARY KEY (reflection_id, respondent, step_id)
        )
        """,
        "CREATE INDEX reflections_by_household ON reflections (household_key, id)",
    ),
    (  # 2: how the answers were given: on the screen or in an answers file
        "ALTER TABLE reflections ADD COLUMN origin TEXT NOT NULL DEFAULT 'scherm'",
    ),
    (  # 3: the catalogue a reflection was made with (a path; NULL: the bundled one)
        "ALTER TABLE reflections ADD COLUMN catalogue_path TEXT",
    ),
    (  # 4: at the kitchen table: marks, visits, and what was looked up of the previous reflection
        "ALTER TABLE reflections ADD COLUMN meta TEXT NOT NULL DEFAULT '{}'",
    ),
    (  # 5: the overview in one quick query (bench/bench_store.py): the answers to the questions
        # counted, and the handled note steps found, each from a small index that covers its part
        # of the query, instead of reading every step of every reflection. Partial: only the
        # question steps with an answer (a number or a word such as weet-niet) and only the handled
        # note steps (their keys, never a note's text).
        "CREATE INDEX steps_answered ON steps (reflection_id, kind, value)"
        " WHERE kind = 'vraag' AND value IS NOT NULL",
        "CREATE INDEX steps_handled ON steps (reflection_id, respondent, kind, key, position)"
        " WHERE kind IN ('notitie', 'notitie-begeleider') AND position IS NOT NULL",
    ),
    (  # 6: may a household's answers count, without name, in the organisation's overview (issue 19)?
        # One row per household (its household_key, or '#<id>' for a reflection without a label)
        # with a random key made once, never derived from the label; and a random key per record.
        """
        CREATE TABLE households (
            key        TEXT PRIMARY KEY,
            anon_key   TEXT NOT NULL,
            consent    INTEGER NOT NULL DEFAULT 0 CHECK (consent IN (0, 1)),
            changed_at TEXT NOT NULL
        )
        """,
        "ALTER TABLE reflections ADD COLUMN record_key TEXT",
    ),
)


def schema_version() -> int:
    """The newest schema version this code knows."""
    return len(MIGRATIONS)


# ---------------------------------------------------------------- records


class Status(StrEnum):
    IN_PROGRESS = "bezig"
    DONE = "klaar"


class ReflectionInfo(Struct, frozen=True):
    """One saved reflection, without its answers. Times are aware (UTC); show them with astimezone()."""

    id: int
    household: str | None
    status: Status
    created_at: datetime
    updated_at: datetime
    finished_at: datetime | None
    pillar_ids: tuple[str, ...]
    respondent: str | None
    framework_version: str
    catalogue_version: str | None
    route: tuple[str, ...] | None  # planned route entry ids, set by finish()
    route_done: tuple[str, ...]  # entries of the previous route the family says they did
    answer_count: int  # scale questions answered (a special answer counts too)
    catalogue_path: str | None = None  # a custom catalogue file (`--catalogus`); None: the bundled one
    damaged: bool = False  # the row cannot be read; only `wis` works on it

    @property
    def finished(self) -> bool:
        return self.status is Status.DONE


class _StepRow(Struct, frozen=True):
    step_id: str
    kind: str
    key: str
    value: str | None  # JSON; None when the step has no value (only handled or skipped)
    position: int | None  # place in the history
    skip_position: int | None  # place in the skipped list


# ---------------------------------------------------------------- location


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


# ---------------------------------------------------------------- the store


class Store:
    """The saved reflections of one user. Open with `Store.open()`; use as a context manager."""

    def __init__(
        self, connection: sqlite3.Connection, path: Path, clock: Clock, *, checked: bool = False
    ) -> None:
        self._connection: sqlite3.Connection | None = connection
        self.path = path
        self._clock = clock
        # Whether the pages were checked (`quick_check`); if not, they are before the first write.
        self._checked = checked
        # True when a wipe could not be finished because another window holds the store; the
        # next start finishes it.
        self.wipe_pending = False

    @classmethod
    def open(cls, home: Path | None = None, *, clock: Clock | None = None, read_only: bool = False) -> Store:
        """The store in `home` (default: `default_home()`).

        With `read_only` (the commands that only read: overzicht, rapport, route, vergelijk) a store in
        a folder or file we may not write to is opened for reading only, instead of refused.
        """
        directory = home if home is not None else default_home()
        path = directory / FILE_NAME
        if read_only and _cannot_write(directory, path):
            return cls(_connect_read_only(path), path, clock or _utc_now, checked=True)
        with _translated(path):
            _prepare_directory(directory)
            _prepare_file(path)
            _check_companions(path)
            connection, checked = _connect(path)
            _check_companions(path)
        store = cls(connection, path, clock or _utc_now, checked=checked)
        if _wipe_marker(path).exists():  # a wipe from an earlier time, when another window was open
            store._finish_wipe()
        return store

    def close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            with _translated(self.path):
                connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- writing

    def create(
        self,
        sitting: Sitting,
        *,
        household: str | None,
        framework_version: str,
        catalogue_version: str | None = None,
        catalogue_path: str | None = None,
    ) -> int:
        """Save a new reflection (with what the sitting holds already); returns its id."""
        label = _label(household) or _label(sitting.profile.get("huishouden"))
        now = self._now()
        with self._transaction(write=True) as db:
            cursor = db.execute(
                "INSERT INTO reflections (household, household_key, created_at, updated_at, pillar_ids,"
                " respondent, framework_version, catalogue_version, catalogue_path)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    label,
                    _household_key(label),
                    now,
                    now,
                    "[]",
                    sitting.respondent,
                    framework_version,
                    catalogue_version,
                    catalogue_path,
                ),
            )
            reflection_id = cursor.lastrowid
            assert reflection_id is not None
            _sync_sitting(db, reflection_id, sitting, now)
        return reflection_id

    def save(self, reflection_id: int, sitting: Sitting) -> None:
        """Store the whole sitting (for its respondent) in one transaction."""
        now = self._now()
        with self._transaction(write=True) as db:
            _require(db, reflection_id)
            _sync_sitting(db, reflection_id, sitting, now)

    def finish(self, reflection_id: int, *, route_ids: list[str]) -> None:
        now = self._now()
        self._update(
            reflection_id,
            "status = ?, finished_at = ?, updated_at = ?, route = ?",
            (Status.DONE.value, now, now, _json(route_ids)),
        )

    def reopen(self, reflection_id: int, sitting: Sitting) -> None:
        """A finished reflection gets more to answer (a pillar added at a later visit)."""
        now = self._now()
        with self._transaction(write=True) as db:
            _require(db, reflection_id)
            db.execute(
                "UPDATE reflections SET status = ?, finished_at = NULL WHERE id = ?",
                (Status.IN_PROGRESS.value, reflection_id),
            )
            _sync_sitting(db, reflection_id, sitting, now)

    def set_route_done(self, reflection_id: int, done_ids: list[str]) -> None:
        self._update(reflection_id, "route_done = ?, updated_at = ?", (_json(done_ids), self._now()))

    def delete(self, reflection_id: int) -> None:
        """Delete a reflection (also a damaged one) so that nothing of it stays in any file.

        A household with no reflection left loses its consent and its anonymous key too."""
        with self._transaction(write=True) as db:
            if db.execute("SELECT 1 FROM reflections WHERE id = ?", (reflection_id,)).fetchone() is None:
                raise _not_found(reflection_id)
            db.execute("DELETE FROM steps WHERE reflection_id = ?", (reflection_id,))
            db.execute("DELETE FROM reflections WHERE id = ?", (reflection_id,))
            db.execute(
                "DELETE FROM households WHERE key NOT IN"
                " (SELECT COALESCE(household_key, '#' || id) FROM reflections)"
            )
        self._finish_wipe()

    def delete_all(self) -> int:
        """Delete every reflection (and every household's consent); returns how many there were."""
        with self._transaction(write=True) as db:
            db.execute("DELETE FROM steps")
            count: int = db.execute("DELETE FROM reflections").rowcount
            db.execute("DELETE FROM households")
        self._finish_wipe()
        return count

    # ------------------------------------------------------------ consent (the organisation's view)

    def consent(self, reflection_id: int) -> bool | None:
        """Whether the household of this reflection agreed to count, without name; None: never asked
        (which counts as no)."""
        with self._transaction(write=False) as db:
            key = _consent_key(db, reflection_id)
            row = db.execute("SELECT consent FROM households WHERE key = ?", (key,)).fetchone()
        return None if row is None else bool(row[0])

    def set_consent(self, reflection_id: int, consent: bool) -> None:
        """Record the household's choice; its random key is made the first time and then kept."""
        import secrets

        now = self._now()
        with self._transaction(write=True) as db:
            key = _consent_key(db, reflection_id)
            db.execute(
                "INSERT INTO households (key, anon_key, consent, changed_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (key) DO UPDATE SET consent = excluded.consent,"
                " changed_at = excluded.changed_at",
                (key, secrets.token_hex(16), int(consent), now),
            )

    def consenting(self) -> list[tuple[int, str, str]]:
        """(reflection id, household key, record key) of every finished reflection whose household
        agreed to count. A record key is made once, so an export made twice holds the same keys."""
        import secrets

        with self._transaction(write=True) as db:
            rows = db.execute(
                "SELECT r.id, h.anon_key, r.record_key FROM reflections r JOIN households h"
                " ON h.key = COALESCE(r.household_key, '#' || r.id)"
                " WHERE h.consent = 1 AND r.status = ? ORDER BY r.id",
                (Status.DONE.value,),
            ).fetchall()
            found = []
            for reflection_id, anon_key, record_key in rows:
                if record_key is None:
                    record_key = secrets.token_hex(16)
                    db.execute(
                        "UPDATE reflections SET record_key = ? WHERE id = ?", (record_key, reflection_id)
                    )
                found.append((int(reflection_id), str(anon_key), str(record_key)))
        return found

    def _finish_wipe(self) -> None:
        """Rewrite the file without free pages and empty the WAL, so deleted text is nowhere on disk.

        When another window holds the store, a marker file remembers to do it at the next start
        (and `wipe_pending` says so).
        """
        db = self._connection
        if db is None:
            return
        marker = _wipe_marker(self.path)
        with _translated(self.path):
            self._check_before_writing(db)
            _touch_private(marker)
            try:
                db.execute("VACUUM")
                busy = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc).lower() and "busy" not in str(exc).lower():
                    raise
                busy = 1
            self.wipe_pending = bool(busy)
            if not busy:
                marker.unlink(missing_ok=True)

    def _check_before_writing(self, db: sqlite3.Connection) -> None:
        """The pages are checked once before the first write (see `_configure`)."""
        if not self._checked:
            _check_pages(db, self.path)
            self._checked = True

    # -- reading

    def load(self, reflection_id: int, respondent: str | None = None) -> tuple[ReflectionInfo, Sitting]:
        """A saved reflection and its sitting (by default: of the respondent it was created for)."""
        with self._transaction(write=False) as db:
            row = _require(db, reflection_id)
            who = respondent if respondent is not None else row["respondent"]
            steps = db.execute(
                "SELECT step_id, kind, key, value, position, skip_position FROM steps"
                " WHERE reflection_id = ? AND respondent = ? ORDER BY rowid",
                (reflection_id, who or ""),
            ).fetchall()
        try:
            info = _info(row)
            rows = [_StepRow(*step) for step in steps]
            return info, _sitting(row, who, rows)
        except _ROW_ERRORS:
            raise StoreError(_damaged_message(reflection_id)) from None

    def info(self, reflection_id: int) -> ReflectionInfo:
        """One saved reflection without its answers; a damaged one comes back with `damaged` set."""
        with self._transaction(write=False) as db:
            return _info_or_damaged(_require(db, reflection_id))

    def count(self) -> int:
        """How many reflections are saved."""
        with self._transaction(write=False) as db:
            return int(db.execute("SELECT COUNT(*) FROM reflections").fetchone()[0])

    def overview(self, limit: int | None = None) -> list[tuple[ReflectionInfo, list[str]]]:
        """Saved reflections with the pillars done, oldest first, in one query (no answers loaded).

        With a `limit`: only the newest `limit` reflections. A pillar is done when its last step in
        the plan is handled: its note step, and with the foster care worker also the worker's note
        step (see `_pillars_done`). A damaged row comes back with `damaged` set and no pillars.
        """
        newest = (
            ""
            if limit is None
            else f" WHERE r.id IN (SELECT id FROM reflections ORDER BY id DESC LIMIT {int(limit)})"
        )
        with self._transaction(write=False) as db:
            rows = db.execute(f"{_SUMMARY_QUERY}{newest} ORDER BY r.id").fetchall()
        result: list[tuple[ReflectionInfo, list[str]]] = []
        for row in rows:
            info = _info_or_damaged(row)
            if info.damaged:
                result.append((info, []))
                continue
            try:
                if (row["biggest"] or 0) > MAX_VALUE_BYTES:  # a tampered answer: it cannot be opened
                    raise ValueError("stored value too large")
                done = _pillars_done(info.pillar_ids, row["notes_done"], row["with_worker"])
            except _ROW_ERRORS:
                result.append((_damaged(row), []))
                continue
            result.append((info, done))
        return result

    def list(self) -> list[ReflectionInfo]:
        """All saved reflections, oldest first; a damaged one has `damaged` set."""
        with self._transaction(write=False) as db:
            rows = db.execute(f"{_INFO_QUERY} ORDER BY r.id").fetchall()
        return [_info_or_damaged(row) for row in rows]

    def latest_unfinished(self) -> int | None:
        """The unfinished reflection worked on most recently."""
        return self._first_id(
            "SELECT id FROM reflections WHERE status = ? ORDER BY updated_at DESC, id DESC LIMIT 1",
            (Status.IN_PROGRESS.value,),
        )

    def latest_finished(self) -> int | None:
        """The finished reflection finished most recently."""
        return self._first_id(
            "SELECT id FROM reflections WHERE status = ? ORDER BY finished_at DESC, id DESC LIMIT 1",
            (Status.DONE.value,),
        )

    def latest(self) -> int | None:
        """The reflection worked on most recently."""
        return self._first_id("SELECT id FROM reflections ORDER BY updated_at DESC, id DESC LIMIT 1", ())

    def previous_for_household(self, household: str, before_id: int | None = None) -> int | None:
        """The most recent finished reflection of this household made before `before_id`.

        Household labels match without regard to case or extra spaces ("Gezin A" = "gezin  a").
        """
        key = _household_key(_label(household))
        if key is None:
            return None
        return self._first_id(
            "SELECT id FROM reflections WHERE household_key = ? AND status = ? AND id < ?"
            " ORDER BY id DESC LIMIT 1",
            (key, Status.DONE.value, before_id if before_id is not None else 2**63 - 1),
        )

    # -- helpers

    def _now(self) -> str:
        return _timestamp(self._clock())

    def _update(self, reflection_id: int, assignments: str, values: tuple[Any, ...]) -> None:
        with self._transaction(write=True) as db:
            _require(db, reflection_id)
            db.execute(f"UPDATE reflections SET {assignments} WHERE id = ?", (*values, reflection_id))

    def _first_id(self, query: str, parameters: tuple[Any, ...]) -> int | None:
        with self._transaction(write=False) as db:
            row = db.execute(query, parameters).fetchone()
        return int(row[0]) if row else None

    @contextmanager
    def _transaction(self, *, write: bool) -> Iterator[sqlite3.Connection]:
        """One transaction; writes take the write lock at once, so two terminals wait, not fail."""
        db = self._connection
        if db is None:
            raise StoreError("De opslag is al gesloten. Start pleegreflectie opnieuw.")
        with _translated(self.path):
            if write:
                self._check_before_writing(db)
            db.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                yield db
                db.execute("COMMIT")
            except BaseException:
                _rollback(db)
                raise


# ---------------------------------------------------------------- opening


def _prepare_directory(directory: Path) -> None:
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


def _prepare_file(path: Path) -> None:
    """Create the database file private to the user before sqlite touches it, or check the one there."""
    _touch_private(path)


def _nofollow() -> int:
    """O_NOFOLLOW where the platform has it (not on Windows, which has no symlinks to follow there)."""
    return int(getattr(os, "O_NOFOLLOW", 0))


def _posix() -> bool:
    """Whether owners and modes exist (not on Windows): asked each time, so tests can take them away."""
    return hasattr(os, "geteuid")


def _check_own_file(path: Path) -> None:
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


def _check_companions(path: Path) -> None:
    for suffix in (*COMPANION_SUFFIXES, WIPE_MARKER_SUFFIX):
        companion = path.with_name(path.name + suffix)
        with suppress(FileNotFoundError):
            _check_own_file(companion)


def _wipe_marker(path: Path) -> Path:
    return path.with_name(path.name + WIPE_MARKER_SUFFIX)


def _touch_private(path: Path) -> None:
    """A new file private to the user (0600, never through a symlink), or a check of the one there."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _nofollow(), FILE_MODE)
    except FileExistsError:
        _check_own_file(path)
        return
    os.close(descriptor)


def _cannot_write(directory: Path, path: Path) -> bool:
    """Whether the store exists but this user may not write to it (or to its folder)."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return False
    except OSError:
        return False
    return not (os.access(directory, os.W_OK) and os.access(path, os.W_OK))


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that never writes: for reading a store in a folder we may not write to.

    A store in WAL mode needs its -shm file to be read normally; when that cannot be made (the folder
    is read-only), the file is read as it is on disk (`immutable`): pleegreflectie empties the WAL when
    it closes, so what is on disk is what was saved.
    """
    with _translated(path):
        _check_own_file(path)
        uri = f"{path.resolve().as_uri()}?mode=ro"
        db = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:
            db.close()
            db = sqlite3.connect(
                f"{uri}&immutable=1", uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None
            )
        db.row_factory = sqlite3.Row
        try:
            _check_ours(db, path)
            if _check_version(db, path) < schema_version():
                raise StoreError(
                    f"De opslag moet eerst bijgewerkt worden voor deze versie, maar pleegreflectie mag niet "
                    f"schrijven in {path}. Kijk of je schrijfrechten hebt op het bestand en de map. {_SAFE}"
                )
        except BaseException:
            db.close()
            raise
        return db


def _connect(path: Path) -> tuple[sqlite3.Connection, bool]:
    """The configured and migrated connection, and whether its pages were checked already."""
    old_umask = os.umask(0o077)  # sqlite creates -wal and -shm while connecting and migrating
    try:
        db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        db.row_factory = sqlite3.Row
        try:
            checked = _configure(db, path)
            _migrate(db, path)
        except BaseException:
            db.close()
            raise
        return db, checked
    finally:
        os.umask(old_umask)


def _configure(db: sqlite3.Connection, path: Path) -> bool:
    """Settings of the connection; returns whether the pages were checked.

    The pages are checked (`_check_pages`) before anything is written to the file: here when
    opening writes (a new store, a store of an older version to migrate, or one not yet marked as
    ours), else before the first write transaction (`Store._transaction`). A command that only
    reads (overzicht, vergelijk, route, rapport) skips the check, whose time grows with the file:
    reading a damaged page still stops with the same Dutch message (see `_sqlite_error`), and
    reading never makes the damage worse.
    """
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    ours = _check_ours(db, path)  # reads the header first: a corrupt or foreign file is left untouched
    version = _check_version(db, path)  # a newer file is left untouched too
    db.execute(f"PRAGMA secure_delete = {SECURE_DELETE}")  # deleted text is overwritten with zeros
    db.execute("PRAGMA temp_store = MEMORY")  # VACUUM and sorting leave no temporary files
    writes = not ours or version < schema_version()
    if writes:
        _check_pages(db, path)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    db.execute("PRAGMA foreign_keys = ON")
    if not ours:  # a new store, or one made before stores were marked
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    return writes


def _check_pages(db: sqlite3.Connection, path: Path) -> None:
    """SQLite's quick check of every page, for a file up to QUICK_CHECK_MAX_BYTES."""
    if path.stat().st_size <= QUICK_CHECK_MAX_BYTES:
        result = db.execute("PRAGMA quick_check(1)").fetchone()
        if result is None or result[0] != "ok":
            raise StoreError(_corrupt_message(path))


def _check_ours(db: sqlite3.Connection, path: Path) -> bool:
    """Whether the file is marked as ours; refuses an SQLite file of another program, untouched."""
    application_id = int(db.execute("PRAGMA application_id").fetchone()[0])
    if application_id == APPLICATION_ID:
        return True
    tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if application_id == 0 and (not tables or {"reflections", "steps"} <= tables):
        return False  # empty, or a store of ours from before the mark
    raise StoreError(
        f"Het bestand {path} hoort niet bij pleegreflectie, maar bij een ander programma. Er is niets aan "
        "veranderd. Geef dat bestand een andere naam of zet het ergens anders neer, of kies een andere map "
        f"met de omgevingsvariabele {HOME_ENV}."
    )


def _check_version(db: sqlite3.Connection, path: Path) -> int:
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    if version > schema_version():
        raise StoreError(
            "Deze opslag is gemaakt met een nieuwere versie van pleegreflectie. "
            "Werk pleegreflectie bij en probeer het dan opnieuw. "
            f"Het gaat om dit bestand: {path}. Er is niets aan veranderd."
        )
    return version


def _migrate(db: sqlite3.Connection, path: Path) -> None:
    if _check_version(db, path) == schema_version():
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        version = _check_version(db, path)  # again: another terminal may have migrated meanwhile
        for number in range(version + 1, schema_version() + 1):
            for statement in MIGRATIONS[number - 1]:
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {number}")
        db.execute("COMMIT")
    except BaseException:
        _rollback(db)
        raise


def _rollback(db: sqlite3.Connection) -> None:
    if db.in_transaction:
        with suppress(sqlite3.Error):
            db.execute("ROLLBACK")


# ---------------------------------------------------------------- errors

# Primary result codes of sqlite (https://sqlite.org/rescode.html).
_SQLITE_PERM, _SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 3, 5, 6, 8
_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_NOTADB = 10, 11, 13, 14, 26

_SAFE = "Wat al bewaard was, is niet weg."


@contextmanager
def _translated(path: Path) -> Iterator[None]:
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
        return StoreError(_corrupt_message(path))
    if primary == _SQLITE_FULL or "disk is full" in text:
        return StoreError(_full_message(path))
    if primary in (_SQLITE_READONLY, _SQLITE_CANTOPEN, _SQLITE_PERM) or "readonly" in text:
        return StoreError(_read_only_message(path))
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED) or "locked" in text:
        return StoreError(
            "De opslag is nu bezig in een ander venster. Wacht even en probeer het dan opnieuw. "
            f"{_SAFE} ({path})"
        )
    if primary == _SQLITE_IOERR:
        return StoreError(
            f"De schijf gaf een fout bij het lezen of schrijven van {path}. "
            f"Kijk of de schijf goed werkt en probeer het opnieuw. {_SAFE}"
        )
    return StoreError(f"De opslag werkt niet goed ({path}): {exc}. {_SAFE}")


def _os_error(path: Path, exc: OSError) -> StoreError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return StoreError(_full_message(path))
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StoreError(_read_only_message(path))
    where = exc.filename or path
    return StoreError(
        f"De opslag kon niet gebruikt worden: {os_reason(exc)} ({where}). "
        f"Kies eventueel een andere map met de omgevingsvariabele {HOME_ENV}. {_SAFE}"
    )


def _corrupt_message(path: Path) -> str:
    return (
        f"Het bestand met bewaarde reflecties is beschadigd: {path}. "
        "Er is niets verwijderd. Bewaar dit bestand, misschien kan iemand het nog redden. "
        "Wil je opnieuw beginnen? Zet het bestand dan ergens anders neer of geef het een andere naam. "
        "Dan maakt pleegreflectie een nieuw, leeg bestand."
    )


def _full_message(path: Path) -> str:
    return (
        f"De schijf is vol. Het laatste antwoord is niet bewaard in {path}. "
        f"Maak ruimte vrij en probeer het opnieuw. {_SAFE}"
    )


def _read_only_message(path: Path) -> str:
    return (
        f"pleegreflectie mag niet schrijven in {path}. "
        "Kijk of je schrijfrechten hebt op dit bestand en op de map. "
        f"Of kies een andere map met de omgevingsvariabele {HOME_ENV}. {_SAFE}"
    )


def _damaged_message(reflection_id: int) -> str:
    return (
        f"Reflectie {reflection_id} is beschadigd en kan niet meer gelezen worden. De andere reflecties "
        f"werken gewoon. Wis deze met: pleegreflectie wis {reflection_id}"
    )


def _not_found(reflection_id: int) -> NotFoundError:
    return NotFoundError(
        f"Er is geen reflectie met nummer {reflection_id}. Kijk met 'pleegreflectie overzicht' welke er zijn."
    )


# ---------------------------------------------------------------- rows <-> records

_INFO_QUERY = (
    "SELECT r.id, r.household, r.status, r.created_at, r.updated_at, r.finished_at, r.pillar_ids,"
    " r.respondent, r.ask_profile, r.framework_version, r.catalogue_version, r.route, r.previous_route,"
    " r.route_done, r.origin, r.meta, r.catalogue_path,"
    " (SELECT COUNT(*) FROM steps s WHERE s.reflection_id = r.id AND s.kind = 'vraag'"
    "  AND s.value IS NOT NULL) AS answer_count"
    " FROM reflections r"
)


# The overview: per reflection its info, the pillars whose note step (and whose worker's note step)
# is handled, and whether the foster care worker takes part; all for the reflection's respondent.
_SUMMARY_QUERY = _INFO_QUERY.replace(
    " FROM reflections r",
    ", (SELECT json_group_array(json_array(s.kind, s.key)) FROM steps s"
    "   WHERE s.reflection_id = r.id AND s.respondent = COALESCE(r.respondent, '')"
    "   AND s.kind IN ('notitie', 'notitie-begeleider') AND s.position IS NOT NULL) AS notes_done,"
    " (SELECT s.value FROM steps s WHERE s.reflection_id = r.id AND s.respondent = COALESCE(r.respondent, '')"
    "   AND s.step_id = 'opzet:begeleider') AS with_worker,"
    " (SELECT MAX(length(s.value)) FROM steps s WHERE s.reflection_id = r.id) AS biggest"
    " FROM reflections r",
)


def _pillars_done(pillar_ids: tuple[str, ...], notes_done: str, with_worker: str | None) -> list[str]:
    """The pillars whose last step in the plan is handled, in the reflection's order.

    Equal to `Sitting.pillars_done` (tests/test_store.py checks it against random interviews): the
    interview handles the steps in plan order (`Sitting.next_step`) and `back` reopens the step
    handled last, so when a pillar's last step is handled, so are the steps before it. The last
    step of a pillar is its note (`notitie:<pijler>`), with the worker the worker's note
    (`notitie-begeleider:<pijler>`), which `reopen_worker_part` reopens.
    """
    handled: dict[str, set[str]] = {StepKind.NOTE.value: set(), StepKind.WORKER_NOTE.value: set()}
    if isinstance(notes_done, str | bytes) and len(notes_done) > MAX_META_BYTES:
        raise ValueError("stored value too large")
    for kind, key in _NOTE_KEYS.decode(notes_done):
        handled[kind].add(key)
    worker = with_worker is not None and _bounded_json(with_worker) is True
    return [
        p
        for p in pillar_ids
        if p in handled[StepKind.NOTE] and (not worker or p in handled[StepKind.WORKER_NOTE])
    ]


def _require(db: sqlite3.Connection, reflection_id: int) -> sqlite3.Row:
    row: sqlite3.Row | None = db.execute(f"{_INFO_QUERY} WHERE r.id = ?", (reflection_id,)).fetchone()
    if row is None:
        raise _not_found(reflection_id)
    return row


# What a damaged row raises while it is turned into a record.
_ROW_ERRORS = (
    ValueError,
    TypeError,
    KeyError,
    AttributeError,
    IndexError,
    OverflowError,
    msgspec.DecodeError,
    RecursionError,
)

# Bounds on what one row may hold when it is read back: a tampered or damaged row beyond them is
# "beschadigd" (the rest of the store works) instead of costing seconds and hundreds of megabytes.
# Our own rows stay far below them: a note or agreement is at most a few thousand characters.
MAX_VALUE_BYTES = 64 * 1024  # one stored answer, note, agreement or list of names
MAX_META_BYTES = 1024 * 1024  # what a sitting holds beyond its steps (visits, the previous profile)
MAX_DEPTH = 32  # lists and dicts in one another


def _bounded_json(text: Any, limit: int = MAX_VALUE_BYTES) -> Any:
    """A stored JSON value, or ValueError when it is larger or deeper than any row we write."""
    if not isinstance(text, str | bytes):
        raise TypeError(text)
    if len(text) > limit:
        raise ValueError("stored value too large")
    value = msgspec.json.decode(text)
    _check_depth(value)
    return value


def _check_depth(value: Any) -> None:
    pending = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if depth > MAX_DEPTH:
            raise ValueError("stored value nested too deep")
        if isinstance(item, dict):
            pending.extend((element, depth + 1) for element in item.values())
        elif isinstance(item, list):
            pending.extend((element, depth + 1) for element in item)


# The store's JSON is written and read by msgspec (faster than json, and json is not imported):
# with many saved reflections `overzicht --json` reads a list per reflection for 1,000 of them.
# The text is compact JSON; rows written earlier with json.dumps read the same.
_STRING_LIST = msgspec.json.Decoder(list[str])
_NOTE_KEYS = msgspec.json.Decoder(list[tuple[str, str]])


def _info_or_damaged(row: sqlite3.Row) -> ReflectionInfo:
    try:
        return _info(row)
    except _ROW_ERRORS:
        return _damaged(row)


def _damaged(row: sqlite3.Row) -> ReflectionInfo:
    """What can be said of a row that cannot be read: its number and perhaps its time."""
    moment = datetime.fromtimestamp(0, UTC)
    with suppress(*_ROW_ERRORS):
        moment = _parse_time(row["updated_at"])
    return ReflectionInfo(
        id=int(row["id"]),
        household=None,
        status=Status.IN_PROGRESS,
        created_at=moment,
        updated_at=moment,
        finished_at=None,
        pillar_ids=(),
        respondent=None,
        framework_version="",
        catalogue_version=None,
        route=None,
        route_done=(),
        answer_count=0,
        damaged=True,
    )


def _text_or_none(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(value)
    return clean(value)


def _strings(text: Any) -> tuple[str, ...]:
    """A stored JSON list of strings."""
    if not isinstance(text, str | bytes):
        raise TypeError(text)
    if len(text) > MAX_VALUE_BYTES:
        raise ValueError("stored value too large")
    return tuple(clean(item) for item in _STRING_LIST.decode(text))


def _info(row: sqlite3.Row) -> ReflectionInfo:
    finished, route = row["finished_at"], row["route"]
    return ReflectionInfo(
        id=int(row["id"]),
        household=_text_or_none(row["household"]),
        status=Status(row["status"]),
        created_at=_parse_time(row["created_at"]),
        updated_at=_parse_time(row["updated_at"]),
        finished_at=_parse_time(finished) if finished else None,
        pillar_ids=_strings(row["pillar_ids"]),
        respondent=_text_or_none(row["respondent"]),
        framework_version=str(row["framework_version"]),
        catalogue_version=_text_or_none(row["catalogue_version"]),
        route=_strings(route) if route is not None else None,
        route_done=_strings(row["route_done"]),
        answer_count=int(row["answer_count"]),
        catalogue_path=_text_or_none(row["catalogue_path"]),
    )


def _step_rows(sitting: Sitting) -> dict[str, _StepRow]:
    """Every step with a value, in the history or skipped: one row each."""
    positions = {step_id: index for index, step_id in enumerate(sitting.history)}
    skips = {step_id: index for index, step_id in enumerate(sitting.skipped)}
    values: dict[str, str] = {}
    for step_kind, target, respondent in _targets(sitting):
        suffix = f"@{respondent}" if respondent else ""
        for key, value in target.items():
            values[f"{step_kind}:{key}{suffix}"] = _json(value.value if isinstance(value, Special) else value)
    rows: dict[str, _StepRow] = {}
    for step_id in [*values, *positions, *skips]:
        if step_id not in rows:
            kind, key, _ = split_step_id(step_id)
            rows[step_id] = _StepRow(
                step_id, kind, key, values.get(step_id), positions.get(step_id), skips.get(step_id)
            )
    return rows


def _targets(sitting: Sitting) -> list[tuple[StepKind, dict[str, Any], str | None]]:
    """Where the sitting keeps the values of each kind of step, and whose answers they are."""
    labels = sitting.participants
    result: list[tuple[StepKind, dict[str, Any], str | None]] = []
    for kind, target in sitting.targets().items():
        if kind == StepKind.QUESTION and labels:
            result.append((kind, target, labels[0]))
            result.append((kind, sitting.partner_answers, labels[1]))
        else:
            result.append((kind, target, None))
    return result


_UPSERT_STEP = """
    INSERT INTO steps
        (reflection_id, respondent, step_id, kind, key, value, position, skip_position, saved_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (reflection_id, respondent, step_id) DO UPDATE SET
        value = excluded.value,
        position = excluded.position,
        skip_position = excluded.skip_position,
        saved_at = CASE
            WHEN steps.value IS NOT excluded.value
              OR (steps.skip_position IS NULL) <> (excluded.skip_position IS NULL)
              OR (steps.position IS NULL) <> (excluded.position IS NULL)
            THEN excluded.saved_at ELSE steps.saved_at END
    WHERE steps.value IS NOT excluded.value
       OR steps.position IS NOT excluded.position
       OR steps.skip_position IS NOT excluded.skip_position
"""


def _sync_sitting(db: sqlite3.Connection, reflection_id: int, sitting: Sitting, now: str) -> None:
    """Store the sitting's own fields on the reflection, then its steps."""
    label = _label(sitting.profile.get("huishouden"))
    route_done = _json(sitting.route_done) if PREVIOUS_ROUTE_KEY in sitting.extra else None
    previous = _json(sitting.previous_route) if sitting.previous_route is not None else None
    db.execute(
        "UPDATE reflections SET updated_at = ?, household = COALESCE(?, household),"
        " household_key = COALESCE(?, household_key), pillar_ids = ?, ask_profile = ?, origin = ?,"
        " previous_route = ?, route_done = COALESCE(?, route_done), meta = ? WHERE id = ?",
        (
            now,
            label,
            _household_key(label),
            _json(sitting.pillar_ids),
            int(sitting.ask_profile),
            sitting.origin,
            previous,
            route_done,
            _json(_meta(sitting)),
            reflection_id,
        ),
    )
    _sync_steps(db, reflection_id, sitting, now)


def _sync_steps(db: sqlite3.Connection, reflection_id: int, sitting: Sitting, now: str) -> None:
    """Make the stored steps of this respondent equal to the sitting; unchanged rows are left alone."""
    respondent = sitting.respondent or ""
    rows = _step_rows(sitting)
    stored = {
        step_id
        for (step_id,) in db.execute(
            "SELECT step_id FROM steps WHERE reflection_id = ? AND respondent = ?",
            (reflection_id, respondent),
        )
    }
    db.executemany(
        "DELETE FROM steps WHERE reflection_id = ? AND respondent = ? AND step_id = ?",
        [(reflection_id, respondent, step_id) for step_id in sorted(stored - rows.keys())],
    )
    db.executemany(
        _UPSERT_STEP,
        [
            (reflection_id, respondent, r.step_id, r.kind, r.key, r.value, r.position, r.skip_position, now)
            for r in rows.values()
        ],
    )


def _meta(sitting: Sitting) -> dict[str, Any]:
    """What a sitting holds beyond its steps."""
    return {
        "ask_setup": sitting.ask_setup,
        "marks": sitting.marks,
        "visits": sitting.visits,
        "previous_profile": sitting.previous_profile,
        "previous_agreements": sitting.previous_agreements,
        "signals_path": sitting.signals_path,
    }


def _sitting(reflection: sqlite3.Row, respondent: str | None, rows: list[_StepRow]) -> Sitting:
    previous = reflection["previous_route"]
    meta = clean_data(_bounded_json(reflection["meta"] or "{}", MAX_META_BYTES))
    if not isinstance(meta, dict):
        raise TypeError(meta)
    sitting = Sitting(
        pillar_ids=list(_strings(reflection["pillar_ids"])),
        respondent=_text_or_none(respondent),
        ask_profile=bool(reflection["ask_profile"]),
        origin=reflection["origin"],
        previous_route=list(_strings(previous)) if previous is not None else None,
        ask_setup=bool(meta.get("ask_setup", False)),
        marks=list(meta.get("marks") or []),
        visits=list(meta.get("visits") or []),
        previous_profile=meta.get("previous_profile"),
        previous_agreements=meta.get("previous_agreements"),
        signals_path=meta.get("signals_path") if isinstance(meta.get("signals_path"), str) else None,
    )
    targets = sitting.targets()
    answers_of: dict[str, dict[str, Any]] = {}
    for row in rows:
        kind = StepKind(row.kind) if row.kind in targets else None
        if row.value is None or kind is None:
            continue
        value = clean_data(_bounded_json(row.value))
        if kind == StepKind.QUESTION and isinstance(value, str):
            value = Special(value)
        who = split_step_id(row.step_id)[2]
        if kind == StepKind.QUESTION and who:
            answers_of.setdefault(clean(who), {})[clean(row.key)] = value
        else:
            targets[kind][clean(row.key)] = value
    labels = sitting.participants
    for who, given in answers_of.items():
        (sitting.partner_answers if labels and who == labels[1] else sitting.answers).update(given)
    sitting.history = [r.step_id for r in sorted(rows, key=_by_position) if r.position is not None]
    sitting.skipped = [r.step_id for r in sorted(rows, key=_by_skip) if r.skip_position is not None]
    return sitting


def _by_position(row: _StepRow) -> int:
    return row.position if row.position is not None else -1


def _by_skip(row: _StepRow) -> int:
    return row.skip_position if row.skip_position is not None else -1


# ---------------------------------------------------------------- small values


def _json(value: Any) -> str:
    return msgspec.json.encode(value).decode()


def _label(value: Any) -> str | None:
    """A household label with tidy spaces, or None."""
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def _household_key(label: str | None) -> str | None:
    return label.casefold() if label else None


def _consent_key(db: sqlite3.Connection, reflection_id: int) -> str:
    """The household a reflection belongs to for consent: its label's key, or the reflection alone."""
    row = db.execute("SELECT household_key FROM reflections WHERE id = ?", (reflection_id,)).fetchone()
    if row is None:
        raise _not_found(reflection_id)
    return str(row[0]) if row[0] else f"#{reflection_id}"


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _timestamp(moment: datetime) -> str:
    """UTC in one fixed format, so text order is time order."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text)
