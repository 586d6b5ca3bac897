"""The store's SQLite file: its schema and migrations, the mark that it is ours, and connecting.

The schema is versioned with `PRAGMA user_version` and a list of migrations. Every change is
committed the moment it is made (WAL journal, synchronous=FULL); deleted text is overwritten
(secure_delete) and temporary files stay in memory. Our files carry `PRAGMA application_id`: an
SQLite file of another program, or of a newer version, is refused untouched. No user interface.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import suppress
from pathlib import Path

from .errors import StoreError
from .store_files import HOME_ENV, NOTHING_LOST, check_own_file, corrupt_message, translated

BUSY_TIMEOUT_MS = 5000
APPLICATION_ID = 0x50475246  # "PGRF" in the SQLite header: this file belongs to pleegreflectie
SECURE_DELETE = "ON"  # tests set OFF to show that VACUUM and the checkpoint wipe on their own
QUICK_CHECK_MAX_BYTES = 20_000_000  # check the pages on open when the file is at most this big

# ---------------------------------------------------------------- schema

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


# ---------------------------------------------------------------- connecting


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that never writes: for reading a store in a folder we may not write to.

    A store in WAL mode needs its -shm file to be read normally; when that cannot be made (the folder
    is read-only), the file is read as it is on disk (`immutable`): pleegreflectie empties the WAL when
    it closes, so what is on disk is what was saved.
    """
    with translated(path):
        check_own_file(path)
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
                    f"schrijven in {path}. Kijk of je schrijfrechten hebt op het bestand en de map. "
                    f"{NOTHING_LOST}"
                )
        except BaseException:
            db.close()
            raise
        return db


def connect(path: Path) -> tuple[sqlite3.Connection, bool]:
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

    The pages are checked (`check_pages`) before anything is written to the file: here when
    opening writes (a new store, a store of an older version to migrate, or one not yet marked as
    ours), else before the first write transaction (`Store._transaction`). A command that only
    reads (overzicht, vergelijk, route, rapport) skips the check, whose time grows with the file:
    reading a damaged page still stops with the same Dutch message (see `store_files.translated`), and
    reading never makes the damage worse.
    """
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    ours = _check_ours(db, path)  # reads the header first: a corrupt or foreign file is left untouched
    version = _check_version(db, path)  # a newer file is left untouched too
    db.execute(f"PRAGMA secure_delete = {SECURE_DELETE}")  # deleted text is overwritten with zeros
    db.execute("PRAGMA temp_store = MEMORY")  # VACUUM and sorting leave no temporary files
    writes = not ours or version < schema_version()
    if writes:
        check_pages(db, path)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    db.execute("PRAGMA foreign_keys = ON")
    if not ours:  # a new store, or one made before stores were marked
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    return writes


def check_pages(db: sqlite3.Connection, path: Path) -> None:
    """SQLite's quick check of every page, for a file up to QUICK_CHECK_MAX_BYTES."""
    if path.stat().st_size <= QUICK_CHECK_MAX_BYTES:
        result = db.execute("PRAGMA quick_check(1)").fetchone()
        if result is None or result[0] != "ok":
            raise StoreError(corrupt_message(path))


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
        rollback(db)
        raise


def rollback(db: sqlite3.Connection) -> None:
    if db.in_transaction:
        with suppress(sqlite3.Error):
            db.execute("ROLLBACK")
