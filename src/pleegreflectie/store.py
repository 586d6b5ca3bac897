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

The parts, one job each: `store_files` (where the store lives, the checks of its folder and files,
sqlite and OS errors in Dutch), `store_schema` (schema, migrations, connecting) and `store_rows`
(rows <-> `ReflectionInfo` and `Sitting`, bounded when read back). This module is the `Store` itself.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from .errors import StoreError
from .flow import Sitting
from .store_files import (
    FILE_NAME,
    HOME_ENV,
    cannot_write,
    check_companions,
    default_home,
    prepare_directory,
    prepare_file,
    touch_private,
    translated,
    wipe_marker,
)
from .store_rows import (
    INFO_QUERY,
    MAX_VALUE_BYTES,
    ROW_ERRORS,
    SUMMARY_QUERY,
    ReflectionInfo,
    Status,
    StepRow,
    consent_key,
    damaged_info,
    damaged_message,
    household_key,
    household_label,
    info_of,
    info_or_damaged,
    not_found,
    pillars_done,
    require,
    sitting_of,
    sync_sitting,
    timestamp,
    to_json,
    utc_now,
)
from .store_schema import check_pages, connect, connect_read_only, rollback

# What callers import from here: the store, its records, where it lives.
__all__ = ["FILE_NAME", "HOME_ENV", "Clock", "ReflectionInfo", "Status", "Store", "default_home"]

Clock = Callable[[], datetime]

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
        if read_only and cannot_write(directory, path):
            return cls(connect_read_only(path), path, clock or utc_now, checked=True)
        with translated(path):
            prepare_directory(directory)
            prepare_file(path)
            check_companions(path)
            connection, checked = connect(path)
            check_companions(path)
        store = cls(connection, path, clock or utc_now, checked=checked)
        if wipe_marker(path).exists():  # a wipe from an earlier time, when another window was open
            store._finish_wipe()
        return store

    def close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            with translated(self.path):
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
        label = household_label(household) or household_label(sitting.profile.get("huishouden"))
        now = self._now()
        with self._transaction(write=True) as db:
            cursor = db.execute(
                "INSERT INTO reflections (household, household_key, created_at, updated_at, pillar_ids,"
                " respondent, framework_version, catalogue_version, catalogue_path)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    label,
                    household_key(label),
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
            sync_sitting(db, reflection_id, sitting, now)
        return reflection_id

    def save(self, reflection_id: int, sitting: Sitting) -> None:
        """Store the whole sitting (for its respondent) in one transaction."""
        now = self._now()
        with self._transaction(write=True) as db:
            require(db, reflection_id)
            sync_sitting(db, reflection_id, sitting, now)

    def finish(self, reflection_id: int, *, route_ids: list[str]) -> None:
        now = self._now()
        self._update(
            reflection_id,
            "status = ?, finished_at = ?, updated_at = ?, route = ?",
            (Status.DONE.value, now, now, to_json(route_ids)),
        )

    def reopen(self, reflection_id: int, sitting: Sitting) -> None:
        """A finished reflection gets more to answer (a pillar added at a later visit)."""
        now = self._now()
        with self._transaction(write=True) as db:
            require(db, reflection_id)
            db.execute(
                "UPDATE reflections SET status = ?, finished_at = NULL WHERE id = ?",
                (Status.IN_PROGRESS.value, reflection_id),
            )
            sync_sitting(db, reflection_id, sitting, now)

    def set_route_done(self, reflection_id: int, done_ids: list[str]) -> None:
        self._update(reflection_id, "route_done = ?, updated_at = ?", (to_json(done_ids), self._now()))

    def delete(self, reflection_id: int) -> None:
        """Delete a reflection (also a damaged one) so that nothing of it stays in any file.

        A household with no reflection left loses its consent and its anonymous key too."""
        with self._transaction(write=True) as db:
            if db.execute("SELECT 1 FROM reflections WHERE id = ?", (reflection_id,)).fetchone() is None:
                raise not_found(reflection_id)
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
            key = consent_key(db, reflection_id)
            row = db.execute("SELECT consent FROM households WHERE key = ?", (key,)).fetchone()
        return None if row is None else bool(row[0])

    def set_consent(self, reflection_id: int, consent: bool) -> None:
        """Record the household's choice; its random key is made the first time and then kept."""
        import secrets

        now = self._now()
        with self._transaction(write=True) as db:
            key = consent_key(db, reflection_id)
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
        marker = wipe_marker(self.path)
        with translated(self.path):
            self._check_before_writing(db)
            touch_private(marker)
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
            check_pages(db, self.path)
            self._checked = True

    # -- reading

    def load(self, reflection_id: int, respondent: str | None = None) -> tuple[ReflectionInfo, Sitting]:
        """A saved reflection and its sitting (by default: of the respondent it was created for)."""
        with self._transaction(write=False) as db:
            row = require(db, reflection_id)
            who = respondent if respondent is not None else row["respondent"]
            steps = db.execute(
                "SELECT step_id, kind, key, value, position, skip_position FROM steps"
                " WHERE reflection_id = ? AND respondent = ? ORDER BY rowid",
                (reflection_id, who or ""),
            ).fetchall()
        try:
            info = info_of(row)
            rows = [StepRow(*step) for step in steps]
            return info, sitting_of(row, who, rows)
        except ROW_ERRORS:
            raise StoreError(damaged_message(reflection_id)) from None

    def info(self, reflection_id: int) -> ReflectionInfo:
        """One saved reflection without its answers; a damaged one comes back with `damaged` set."""
        with self._transaction(write=False) as db:
            return info_or_damaged(require(db, reflection_id))

    def count(self) -> int:
        """How many reflections are saved."""
        with self._transaction(write=False) as db:
            return int(db.execute("SELECT COUNT(*) FROM reflections").fetchone()[0])

    def overview(self, limit: int | None = None) -> list[tuple[ReflectionInfo, list[str]]]:
        """Saved reflections with the pillars done, oldest first, in one query (no answers loaded).

        With a `limit`: only the newest `limit` reflections. A pillar is done when its last step in
        the plan is handled: its note step, and with the foster care worker also the worker's note
        step (see `pillars_done`). A damaged row comes back with `damaged` set and no pillars.
        """
        newest = (
            ""
            if limit is None
            else f" WHERE r.id IN (SELECT id FROM reflections ORDER BY id DESC LIMIT {int(limit)})"
        )
        with self._transaction(write=False) as db:
            rows = db.execute(f"{SUMMARY_QUERY}{newest} ORDER BY r.id").fetchall()
        result: list[tuple[ReflectionInfo, list[str]]] = []
        for row in rows:
            info = info_or_damaged(row)
            if info.damaged:
                result.append((info, []))
                continue
            try:
                if (row["biggest"] or 0) > MAX_VALUE_BYTES:  # a tampered answer: it cannot be opened
                    raise ValueError("stored value too large")
                done = pillars_done(info.pillar_ids, row["notes_done"], row["with_worker"])
            except ROW_ERRORS:
                result.append((damaged_info(row), []))
                continue
            result.append((info, done))
        return result

    def list(self) -> list[ReflectionInfo]:
        """All saved reflections, oldest first; a damaged one has `damaged` set."""
        with self._transaction(write=False) as db:
            rows = db.execute(f"{INFO_QUERY} ORDER BY r.id").fetchall()
        return [info_or_damaged(row) for row in rows]

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
        key = household_key(household_label(household))
        if key is None:
            return None
        return self._first_id(
            "SELECT id FROM reflections WHERE household_key = ? AND status = ? AND id < ?"
            " ORDER BY id DESC LIMIT 1",
            (key, Status.DONE.value, before_id if before_id is not None else 2**63 - 1),
        )

    # -- helpers

    def _now(self) -> str:
        return timestamp(self._clock())

    def _update(self, reflection_id: int, assignments: str, values: tuple[Any, ...]) -> None:
        with self._transaction(write=True) as db:
            require(db, reflection_id)
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
        with translated(self.path):
            if write:
                self._check_before_writing(db)
            db.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                yield db
                db.execute("COMMIT")
            except BaseException:
                rollback(db)
                raise
