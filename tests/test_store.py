"""The store of saved reflections: round trips, autosave, crashes, concurrency, file modes, faults."""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from pleegreflectie import store as store_module
from pleegreflectie import store_files, store_rows, store_schema
from pleegreflectie.errors import ExitCode, NotFoundError, StoreError
from pleegreflectie.flow import PREVIOUS_ROUTE_KEY, Sitting, Step, StepKind
from pleegreflectie.models import Special
from pleegreflectie.store import FILE_NAME, ReflectionInfo, Status, Store

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "opslag"
    monkeypatch.setenv("PLEEGREFLECTIE_HOME", str(home))
    return home


class TickingClock:
    """Each call is one minute later."""

    def __init__(self) -> None:
        self.now = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


def full_sitting(respondent: str | None = None) -> Sitting:
    """A sitting with every kind of value, a history out of plan order and skips in their own order."""
    return Sitting(
        pillar_ids=["zorgen", "opvoeden"],
        respondent=respondent,
        profile={
            "huishouden": "Gezin A",
            "pleegouder": "netwerk",
            "voorbereiding": False,
            "pleegzorgvormen": ["crisis", "langdurig"],
            "jaren_pleegouder": 3,
            "leeftijden_pleegkinderen": [4, 9],
            "eigen_kinderen": True,
        },
        answers={
            "zorgen-veiligheid-1": 4,
            "zorgen-veiligheid-2": Special.DONT_KNOW,
            "opvoeden-grenzen-1": Special.NOT_APPLICABLE,
            "opvoeden-grenzen-2": 1,
        },
        importance={"zorgen-veiligheid": 3, "opvoeden-grenzen": 1},
        notes={"zorgen": "Regel één\nmet 'quotes', \"dubbel\", é, 🙂 en # geen kop | a |"},
        history=[
            "profiel:huishouden",
            "profiel:pleegouder",
            "profiel:voorbereiding",
            "profiel:uren_per_maand",
            "profiel:pleegzorgvormen",
            "profiel:jaren_pleegouder",
            "profiel:leeftijden_pleegkinderen",
            "profiel:eigen_kinderen",
            "vorige-route:gedaan",
            "vraag:zorgen-veiligheid-2",
            "vraag:zorgen-veiligheid-1",
            "vraag:zorgen-veiligheid-3",
            "belang:zorgen-veiligheid",
            "notitie:zorgen",
            "vraag:opvoeden-grenzen-1",
            "vraag:opvoeden-grenzen-2",
            "belang:opvoeden-grenzen",
        ],
        skipped=["vraag:zorgen-veiligheid-3", "profiel:uren_per_maand"],
        ask_profile=True,
        previous_route=["cursus-a", "cursus-b", "boek-c"],
        extra={PREVIOUS_ROUTE_KEY: ["cursus-a", "boek-c"]},
    )


def raw(path: Path) -> closing[sqlite3.Connection]:
    """A plain sqlite connection that is closed at the end of the with block."""
    return closing(sqlite3.connect(path, isolation_level=None))


def question(key: str) -> Step:
    return Step(StepKind.QUESTION, key, "zorgen")


def run_child(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


# ---------------------------------------------------------------- round trips


def test_round_trip_keeps_every_kind_of_value(home: Path) -> None:
    sitting = full_sitting()
    with Store.open() as store:
        reflection_id = store.create(sitting, household=None, framework_version="1.0")

    with Store.open() as store:
        info, loaded = store.load(reflection_id)

    assert loaded == sitting
    assert loaded.history == sitting.history
    assert loaded.skipped == ["vraag:zorgen-veiligheid-3", "profiel:uren_per_maand"]
    assert type(loaded.answers["zorgen-veiligheid-2"]) is Special
    assert type(loaded.answers["zorgen-veiligheid-1"]) is int
    assert loaded.profile["voorbereiding"] is False
    assert loaded.previous_route == ["cursus-a", "cursus-b", "boek-c"]
    assert loaded.route_done == ["cursus-a", "boek-c"]
    assert info.route_done == ("cursus-a", "boek-c")  # kept on the reflection too, for comparisons
    assert info.household == "Gezin A"
    assert info.pillar_ids == ("zorgen", "opvoeden")
    assert info.framework_version == "1.0"
    assert info.answer_count == 4
    assert info.status is Status.IN_PROGRESS


def test_round_trip_without_profile_and_with_respondent(home: Path) -> None:
    sitting = Sitting(pillar_ids=["zorgen"], respondent="Sam", ask_profile=False)
    sitting.record(question("q1"), 2)
    with Store.open() as store:
        reflection_id = store.create(sitting, household="  Familie   aan de dijk ", framework_version="1")
        info, loaded = store.load(reflection_id)
    assert loaded == sitting
    assert loaded.ask_profile is False
    assert loaded.previous_route is None
    assert info.route_done == ()
    assert info.respondent == "Sam"
    assert info.household == "Familie aan de dijk"


def test_save_follows_record_skip_back_and_clear(home: Path) -> None:
    sitting = Sitting(pillar_ids=["zorgen"])
    with Store.open() as store:
        reflection_id = store.create(sitting, household="Gezin B", framework_version="1")
        sitting.record(question("q1"), 5)
        sitting.skip(question("q2"))
        sitting.record(question("q3"), Special.NOT_APPLICABLE)
        store.save(reflection_id, sitting)
        sitting.back()  # reopens q3: out of the history, its answer stays as the default
        sitting.record(question("q2"), 3)  # a skipped question answered after all
        sitting.record(Step(StepKind.NOTE, "zorgen", "zorgen"), "eerst dit")
        store.save(reflection_id, sitting)
        sitting.record(Step(StepKind.NOTE, "zorgen", "zorgen"), "")  # cleared
        store.save(reflection_id, sitting)

        _, loaded = store.load(reflection_id)

    assert loaded == sitting
    assert loaded.answers == {"q1": 5, "q2": 3, "q3": Special.NOT_APPLICABLE}
    assert loaded.history == ["vraag:q1", "vraag:q2", "notitie:zorgen"]
    assert loaded.skipped == []
    assert loaded.notes == {}


def test_household_label_follows_the_profile_and_is_kept_when_missing(home: Path) -> None:
    sitting = Sitting(pillar_ids=["zorgen"])
    with Store.open() as store:
        reflection_id = store.create(sitting, household="Gezin C", framework_version="1")
        store.save(reflection_id, sitting)  # no label in the profile: keep the one given
        assert store.load(reflection_id)[0].household == "Gezin C"
        sitting.record(Step(StepKind.PROFILE, "huishouden"), "Gezin D")
        store.save(reflection_id, sitting)
        assert store.load(reflection_id)[0].household == "Gezin D"


# ---------------------------------------------------------------- autosave and crashes


def test_every_save_is_visible_to_a_fresh_store_at_once(home: Path) -> None:
    writer = Store.open()  # never closed: as if the program crashed
    sitting = Sitting(pillar_ids=["zorgen"])
    reflection_id = writer.create(sitting, household="Gezin E", framework_version="1")
    for number in range(1, 6):
        sitting.record(question(f"q{number}"), number)
        writer.save(reflection_id, sitting)
        with Store.open() as reader:
            assert reader.load(reflection_id)[1] == sitting


def test_kill_9_loses_no_saved_answer(home: Path) -> None:
    child = run_child(
        """
        import os, signal
        from pleegreflectie.flow import Sitting, Step, StepKind
        from pleegreflectie.models import Special
        from pleegreflectie.store import Store

        store = Store.open()
        sitting = Sitting(pillar_ids=["zorgen"])
        reflection_id = store.create(sitting, household="Gezin K", framework_version="1")
        for number in range(1, 8):
            sitting.record(Step(StepKind.QUESTION, f"q{number}", "zorgen"), number % 5 + 1)
            store.save(reflection_id, sitting)
        sitting.record(Step(StepKind.QUESTION, "q8", "zorgen"), Special.DONT_KNOW)
        sitting.record(Step(StepKind.NOTE, "zorgen", "zorgen"), "tot hier")
        store.save(reflection_id, sitting)
        print(reflection_id, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    out, err = child.communicate(timeout=60)
    assert child.returncode == -signal.SIGKILL, err

    with Store.open() as store:
        info, loaded = store.load(int(out))
    assert loaded.answers == {f"q{n}": n % 5 + 1 for n in range(1, 8)} | {"q8": Special.DONT_KNOW}
    assert loaded.notes == {"zorgen": "tot hier"}
    assert loaded.history == [f"vraag:q{n}" for n in range(1, 9)] + ["notitie:zorgen"]
    assert info.household == "Gezin K"
    assert info.answer_count == 8


WRITER = """
import sys, time
from pathlib import Path
from pleegreflectie.flow import Sitting, Step, StepKind
from pleegreflectie.store import Store

name, shared_id, go = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
with Store.open() as store:
    own = Sitting(pillar_ids=["zorgen"], respondent=name)
    own_id = store.create(own, household=f"Gezin {name}", framework_version="1")
    shared = Sitting(pillar_ids=["zorgen"], respondent=name)
    while not go.exists():
        time.sleep(0.005)
    for number in range(50):
        own.record(Step(StepKind.QUESTION, f"q{number}", "zorgen"), number % 5 + 1)
        store.save(own_id, own)
        shared.record(Step(StepKind.QUESTION, f"q{number}", "zorgen"), (number + 2) % 5 + 1)
        store.save(shared_id, shared)
print(own_id)
"""


def test_two_concurrent_writers_both_succeed(home: Path, tmp_path: Path) -> None:
    with Store.open() as store:
        shared_id = store.create(Sitting(pillar_ids=["zorgen"]), household="Samen", framework_version="1")
    go = tmp_path / "go"
    children = {name: run_child(WRITER, name, str(shared_id), str(go)) for name in ("A", "B")}
    time.sleep(0.3)  # let both start and wait at the line
    go.touch()
    results = {name: child.communicate(timeout=120) for name, child in children.items()}
    for name, child in children.items():
        assert child.returncode == 0, results[name][1]

    expected_own = {f"q{n}": n % 5 + 1 for n in range(50)}
    expected_shared = {f"q{n}": (n + 2) % 5 + 1 for n in range(50)}
    with Store.open() as store:
        for name, (out, _) in results.items():
            info, own = store.load(int(out))
            assert (info.household, own.respondent, own.answers) == (f"Gezin {name}", name, expected_own)
            assert store.load(shared_id, respondent=name)[1].answers == expected_shared
        assert len(store.list()) == 3


# ---------------------------------------------------------------- file modes


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_directory_and_files_are_private(home: Path) -> None:
    old_umask = os.umask(0)  # even with the loosest umask
    try:
        with Store.open() as store:
            store.create(full_sitting(), household=None, framework_version="1")
            companions = [home / f"{FILE_NAME}{s}" for s in ("-wal", "-shm")]
            assert all(p.exists() for p in companions)
            assert [mode(p) for p in companions] == [0o600, 0o600]
            assert store.path == home / FILE_NAME
    finally:
        os.umask(old_umask)
    assert mode(home) == 0o700
    assert mode(home / FILE_NAME) == 0o600


def test_loose_file_modes_are_tightened(home: Path) -> None:
    with Store.open():
        pass
    (home / FILE_NAME).chmod(0o644)
    with Store.open():
        pass
    assert mode(home) == 0o700
    assert mode(home / FILE_NAME) == 0o600


@pytest.mark.parametrize("loose", [0o755, 0o1777])
def test_a_folder_others_can_open_is_refused_and_not_changed(home: Path, loose: int) -> None:
    home.mkdir()
    home.chmod(loose)
    with pytest.raises(StoreError) as caught:
        Store.open()
    assert "ook voor anderen" in caught.value.message
    assert f"chmod 700 '{home}'" in caught.value.message
    assert stat.S_IMODE(home.stat().st_mode) == loose  # never chmodded: the sticky bit stays
    assert not (home / FILE_NAME).exists()


def test_default_home_is_the_user_data_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    monkeypatch.delenv("PLEEGREFLECTIE_HOME", raising=False)
    expected = Path(platformdirs.user_data_dir("pleegreflectie", appauthor=False))
    assert store_module.default_home() == expected


# ---------------------------------------------------------------- schema versions


def test_new_store_has_the_current_schema_version(home: Path) -> None:
    with Store.open():
        pass
    with raw(home / FILE_NAME) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == store_schema.schema_version()
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_migrations_run_in_order_and_keep_data(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store.open() as store:
        reflection_id = store.create(full_sitting(), household=None, framework_version="1")
    newer = (*store_schema.MIGRATIONS, ("ALTER TABLE reflections ADD COLUMN extra TEXT",))
    monkeypatch.setattr(store_schema, "MIGRATIONS", newer)

    with Store.open() as store:
        assert store.load(reflection_id)[1] == full_sitting()
    with raw(home / FILE_NAME) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(newer)
        assert "extra" in [row[1] for row in db.execute("PRAGMA table_info(reflections)")]


def test_migration_5_gives_an_older_store_the_overview_indexes(home: Path) -> None:
    """A store of schema 4 with a reflection: after opening, the overview reads it from the indexes."""
    with Store.open() as store:
        reflection_id = store.create(full_sitting(), household="Gezin Oud", framework_version="1")
        before = store.overview()
    with raw(home / FILE_NAME) as db:  # back to schema 4, as a store of the previous release
        db.execute("DROP INDEX steps_answered")
        db.execute("DROP INDEX steps_handled")
        db.execute("DROP TABLE households")  # migration 6 came later
        db.execute("ALTER TABLE reflections DROP COLUMN record_key")
        db.execute("PRAGMA user_version = 4")

    with Store.open() as store:
        assert store.overview() == before
        assert before[0][0].id == reflection_id and before[0][0].answer_count > 0
    with raw(home / FILE_NAME) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == store_schema.schema_version()
        plan = " ".join(row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {store_rows.SUMMARY_QUERY}"))
    assert "COVERING INDEX steps_answered" in plan
    assert "COVERING INDEX steps_handled" in plan


def test_rows_written_with_json_dumps_read_the_same(home: Path) -> None:
    """Earlier releases wrote the JSON with json.dumps (spaces after , and :); msgspec reads it."""
    import json

    with Store.open() as store:
        reflection_id = store.create(full_sitting(), household="Gezin A", framework_version="1")
        before = store.load(reflection_id)
    with raw(home / FILE_NAME) as db:
        for column in ("pillar_ids", "meta", "route_done"):
            (text,) = db.execute(f"SELECT {column} FROM reflections").fetchone()
            spaced = json.dumps(json.loads(text), ensure_ascii=False)
            db.execute(f"UPDATE reflections SET {column} = ?", (spaced,))
        for step_id, value in db.execute(
            "SELECT step_id, value FROM steps WHERE value IS NOT NULL"
        ).fetchall():
            spaced = json.dumps(json.loads(value), ensure_ascii=False)
            db.execute("UPDATE steps SET value = ? WHERE step_id = ?", (spaced, step_id))
        db.commit()
    with Store.open() as store:
        assert store.load(reflection_id) == before


def test_store_from_a_newer_version_is_refused_and_untouched(home: Path) -> None:
    home.mkdir(mode=0o700)
    path = home / FILE_NAME
    with raw(path) as db:
        db.execute(f"PRAGMA application_id = {store_schema.APPLICATION_ID}")  # ours, but newer
        db.execute("CREATE TABLE toekomst (x)")
        db.execute(f"PRAGMA user_version = {store_schema.schema_version() + 1}")
    before = path.read_bytes()

    with pytest.raises(StoreError) as caught:
        Store.open()

    assert caught.value.exit_code == ExitCode.STORE
    assert int(caught.value.exit_code) == 5
    assert "nieuwere versie van pleegreflectie" in caught.value.message
    assert "Werk pleegreflectie bij" in caught.value.message
    assert str(path) in caught.value.message
    assert path.read_bytes() == before


# ---------------------------------------------------------------- faults


def test_garbage_file_is_refused_and_kept(home: Path) -> None:
    home.mkdir(mode=0o700)
    path = home / FILE_NAME
    garbage = bytes(range(256)) * 64
    path.write_bytes(garbage)

    with pytest.raises(StoreError) as caught:
        Store.open()

    message = caught.value.message
    assert caught.value.exit_code == ExitCode.STORE
    assert str(path) in message
    assert "beschadigd" in message
    assert "niets verwijderd" in message
    assert "andere naam" in message
    assert path.read_bytes() == garbage


def test_damaged_pages_give_a_store_error_and_keep_the_file(home: Path) -> None:
    with Store.open() as store:
        reflection_id = store.create(full_sitting(), household=None, framework_version="1")
    path = home / FILE_NAME
    data = bytearray(path.read_bytes())
    page_size = 4096
    assert len(data) > 2 * page_size
    data[page_size : 2 * page_size] = b"\xde\xad\xbe\xef" * (page_size // 4)
    path.write_bytes(bytes(data))

    with pytest.raises(StoreError) as caught, Store.open() as store:
        store.load(reflection_id)
        store.list()

    assert "beschadigd" in caught.value.message
    assert path.read_bytes() == bytes(data)


def _damage_household_index(home: Path) -> bytes:
    """Overwrite the page of the household index (which the overview does not read); the new bytes."""
    with raw(home / FILE_NAME) as db:
        page = db.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'reflections_by_household'"
        ).fetchone()[0]
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
    path = home / FILE_NAME
    data = bytearray(path.read_bytes())
    data[(page - 1) * page_size : page * page_size] = b"\xde\xad\xbe\xef" * (page_size // 4)
    path.write_bytes(bytes(data))
    return bytes(data)


def test_reading_skips_the_page_check_and_writing_does_not(home: Path) -> None:
    """Damage only a full check finds: a list still reads, but nothing is written to the file."""
    with Store.open() as store:
        made = [store.create(full_sitting(), household=None, framework_version="1") for _ in range(2)]
    damaged = _damage_household_index(home)

    with Store.open() as store:  # reading: no check, the rows it needs are fine
        assert [info.id for info, _ in store.overview()] == made
        assert store.load(made[0])[1] == full_sitting()
        with pytest.raises(StoreError) as caught:  # the first write checks the pages first
            store.create(full_sitting(), household="Gezin C", framework_version="1")
    assert "beschadigd" in caught.value.message
    assert (home / FILE_NAME).read_bytes() == damaged


def test_the_pages_are_checked_once_before_the_first_write(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open() as store:  # a new store: checked on open, which writes
        store.create(full_sitting(), household="Gezin A", framework_version="1")
    checks: list[str] = []
    real = store_module.check_pages
    monkeypatch.setattr(
        store_module, "check_pages", lambda db, path: checks.append("check") or real(db, path)
    )

    with Store.open() as store:
        store.overview()
        store.load(1)
        assert checks == []  # reading only
        store.save(1, full_sitting())
        store.save(1, full_sitting())
        assert checks == ["check"]  # once, before the first write


@pytest.mark.skipif(IS_ROOT, reason="root ignores file permissions")
def test_read_only_directory_gives_a_store_error(home: Path) -> None:
    with Store.open() as store:
        reflection_id = store.create(full_sitting(), household=None, framework_version="1")
    before = (home / FILE_NAME).read_bytes()
    home.chmod(0o500)
    try:
        with pytest.raises(StoreError) as caught, Store.open() as store:
            store.save(reflection_id, Sitting(pillar_ids=["zorgen"]))
        assert "mag niet schrijven" in caught.value.message
    finally:
        home.chmod(0o700)
    assert (home / FILE_NAME).read_bytes() == before


@pytest.mark.skipif(IS_ROOT, reason="root ignores file permissions")
def test_read_only_parent_directory_gives_a_store_error(tmp_path: Path) -> None:
    parent = tmp_path / "dicht"
    parent.mkdir(mode=0o500)
    try:
        with pytest.raises(StoreError) as caught:
            Store.open(parent / "opslag")
        assert "mag niet schrijven" in caught.value.message
    finally:
        parent.chmod(0o700)


def open_read_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a read-only file system does, also for root: sqlite may read but not write."""
    connect = sqlite3.connect

    def read_only(path: Path, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        db: sqlite3.Connection = connect(f"file:{path}?mode=ro", *args, uri=True, **kwargs)
        return db

    monkeypatch.setattr(sqlite3, "connect", read_only)


def test_read_only_database_refuses_writes_and_keeps_data(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sitting = full_sitting()
    with Store.open() as store:
        reflection_id = store.create(sitting, household=None, framework_version="1")
    open_read_only(monkeypatch)

    with Store.open() as store:
        assert store.load(reflection_id)[1] == sitting  # reading still works
        with pytest.raises(StoreError) as caught:
            store.save(reflection_id, Sitting(pillar_ids=["zorgen"]))
    assert caught.value.exit_code == ExitCode.STORE
    assert "mag niet schrijven" in caught.value.message
    monkeypatch.undo()
    with Store.open(home) as store:
        assert store.load(reflection_id)[1] == sitting


def test_new_store_on_read_only_database_gives_a_store_error(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_read_only(monkeypatch)
    with pytest.raises(StoreError) as caught:
        Store.open()
    assert "mag niet schrijven" in caught.value.message


def test_full_disk_gives_a_store_error_and_keeps_earlier_answers(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sitting = full_sitting()
    with Store.open() as store:
        reflection_id = store.create(sitting, household=None, framework_version="1")
    with raw(home / FILE_NAME) as db:
        pages = db.execute("PRAGMA page_count").fetchone()[0]
    connect = sqlite3.connect

    def full(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        db: sqlite3.Connection = connect(*args, **kwargs)
        db.execute(f"PRAGMA max_page_count = {pages}")  # no room for one more page
        return db

    monkeypatch.setattr(sqlite3, "connect", full)
    bigger = full_sitting()
    bigger.notes["opvoeden"] = "veel tekst " * 20_000
    with Store.open() as store, pytest.raises(StoreError) as caught:
        store.save(reflection_id, bigger)

    assert "De schijf is vol" in caught.value.message
    monkeypatch.undo()
    with Store.open(home) as store:
        assert store.load(reflection_id)[1] == sitting


def test_writer_that_waits_too_long_gets_a_store_error(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_schema, "BUSY_TIMEOUT_MS", 100)
    with Store.open() as store:
        reflection_id = store.create(Sitting(pillar_ids=["zorgen"]), household="X", framework_version="1")
        with raw(home / FILE_NAME) as other:
            other.execute("BEGIN IMMEDIATE")
            with pytest.raises(StoreError) as caught:
                store.save(reflection_id, full_sitting())
            assert "bezig in een ander venster" in caught.value.message
            other.execute("ROLLBACK")
        store.save(reflection_id, full_sitting())  # works again once the other one is done
        assert store.load(reflection_id)[1] == full_sitting()


# ---------------------------------------------------------------- lookups and deletion


def test_unknown_id_gives_not_found(home: Path) -> None:
    with Store.open() as store:
        calls: list[Callable[[], object]] = [
            lambda: store.load(42),
            lambda: store.save(42, Sitting(pillar_ids=["zorgen"])),
            lambda: store.finish(42, route_ids=[]),
            lambda: store.set_route_done(42, []),
            lambda: store.delete(42),
        ]
        for call in calls:
            with pytest.raises(NotFoundError) as caught:
                call()
            assert caught.value.exit_code == ExitCode.NOT_FOUND
            assert caught.value.message == (
                "Er is geen reflectie met nummer 42. Kijk met 'pleegreflectie overzicht' welke er zijn."
            )


def test_list_finish_and_route_done(home: Path) -> None:
    clock = TickingClock()
    with Store.open(clock=clock) as store:
        first = store.create(full_sitting(), household=None, framework_version="1", catalogue_version="2")
        second = store.create(Sitting(pillar_ids=["zorgen"]), household="Gezin B", framework_version="1")
        store.finish(first, route_ids=["cursus-a", "cursus-b"])
        store.set_route_done(second, ["cursus-a"])
        store.save(second, Sitting(pillar_ids=["zorgen"]))  # no answer about the route: keep it
        infos = store.list()

    assert [info.id for info in infos] == [first, second]
    done, busy = infos
    assert isinstance(done, ReflectionInfo)
    assert done.finished and done.status is Status.DONE
    assert done.route == ("cursus-a", "cursus-b")
    assert done.catalogue_version == "2"
    assert done.created_at == datetime(2025, 3, 1, 9, 1, tzinfo=UTC)
    assert done.finished_at == done.updated_at == datetime(2025, 3, 1, 9, 3, tzinfo=UTC)
    assert done.answer_count == 4
    assert not busy.finished and busy.finished_at is None and busy.route is None
    assert busy.route_done == ("cursus-a",)
    assert busy.answer_count == 0


def test_latest_and_latest_unfinished(home: Path) -> None:
    with Store.open(clock=TickingClock()) as store:
        assert store.latest() is None and store.latest_unfinished() is None
        first = store.create(Sitting(pillar_ids=["zorgen"]), household="A", framework_version="1")
        second = store.create(Sitting(pillar_ids=["zorgen"]), household="B", framework_version="1")
        assert store.latest() == store.latest_unfinished() == second
        store.save(first, Sitting(pillar_ids=["zorgen"]))  # worked on most recently
        assert store.latest() == store.latest_unfinished() == first
        store.finish(first, route_ids=[])
        assert store.latest() == first
        assert store.latest_unfinished() == second
        store.finish(second, route_ids=[])
        assert store.latest_unfinished() is None


def test_previous_for_household(home: Path) -> None:
    with Store.open(clock=TickingClock()) as store:

        def new(label: str, *, finish: bool) -> int:
            reflection_id = store.create(
                Sitting(pillar_ids=["zorgen"]), household=label, framework_version="1"
            )
            if finish:
                store.finish(reflection_id, route_ids=[])
            return reflection_id

        old = new("Gezin A", finish=True)
        new("Gezin B", finish=True)
        recent = new("gezin  a", finish=True)
        new("Gezin A", finish=False)
        current = new("Gezin A", finish=False)

        assert store.previous_for_household("Gezin A", current) == recent
        assert store.previous_for_household("GEZIN A", recent) == old
        assert store.previous_for_household("Gezin A", old) is None
        assert store.previous_for_household("Gezin A") == recent
        assert store.previous_for_household("Gezin C", current) is None
        assert store.previous_for_household("  ", current) is None


def test_delete_and_delete_all(home: Path) -> None:
    with Store.open() as store:
        first = store.create(full_sitting(), household=None, framework_version="1")
        second = store.create(full_sitting(), household=None, framework_version="1")
        store.delete(first)
        assert [info.id for info in store.list()] == [second]
        with pytest.raises(NotFoundError):
            store.load(first)
        third = store.create(full_sitting(), household=None, framework_version="1")
        assert third > second  # a deleted number is never given out again
        assert store.delete_all() == 2
        assert store.list() == []
        assert store.delete_all() == 0
    with raw(home / FILE_NAME) as db:
        assert db.execute("SELECT COUNT(*) FROM steps").fetchone()[0] == 0


def test_store_imports_no_user_interface() -> None:
    code = (
        "import sys, pleegreflectie.store; print(sorted({'typer', 'rich', 'questionary'} & set(sys.modules)))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# ---------------------------------------------------------------- the store is ours alone

OTHER_UID = 65534  # "nobody" on most systems


def _become_other() -> None:
    os.setgid(OTHER_UID)
    os.setuid(OTHER_UID)


def _python_for_other_user() -> tuple[str, dict[str, str]]:
    """A Python the second user may start, with pleegreflectie and its packages importable."""
    import site

    paths = [str(Path(store_module.__file__).resolve().parents[1]), *site.getsitepackages()]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths), "HOME": "/"}
    for candidate in (sys.executable, "/usr/bin/python3", "/usr/local/bin/python3"):
        try:
            done = subprocess.run(
                [candidate, "-c", "import pleegreflectie.store"],
                preexec_fn=_become_other,
                cwd="/",
                env=env,
                capture_output=True,
                timeout=30,
            )
        except OSError:
            continue
        if done.returncode == 0:
            return candidate, env
    pytest.skip("no Python that the second user may start and that can import pleegreflectie")


def as_other_user(code: str, folder: Path) -> None:
    """Run Python code as a second user (needs root); skip with the reason when that cannot be done."""
    if not IS_ROOT:
        pytest.skip("acting as a second user needs root (os.setuid); run the suite as root to include this")
    python, env = _python_for_other_user()
    done = subprocess.run(
        [python, "-c", textwrap.dedent(code), str(folder)],
        preexec_fn=_become_other,
        cwd="/",
        env=env,
        timeout=30,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


def test_shared_folder_precreated_by_another_user_is_refused_untouched(tmp_path: Path) -> None:
    shared = Path(os.environ.get("TMPDIR", "/tmp")) / f"gedeeld-{os.getpid()}-{tmp_path.name}"
    try:
        as_other_user(
            """
            import os, sys
            folder = sys.argv[1]
            os.mkdir(folder)
            os.chmod(folder, 0o1777)
            fd = os.open(os.path.join(folder, "reflecties.sqlite3"), os.O_CREAT | os.O_WRONLY, 0o666)
            os.fchmod(fd, 0o666)
            os.close(fd)
            """,
            shared,
        )
        with pytest.raises(StoreError) as caught:
            Store.open(shared)
        assert "niet van jou" in caught.value.message
        assert "PLEEGREFLECTIE_HOME" in caught.value.message
        assert stat.S_IMODE(shared.stat().st_mode) == 0o1777  # the sticky bit stays
        assert (shared / FILE_NAME).stat().st_size == 0  # nothing of ours written into it
        assert sorted(p.name for p in shared.iterdir()) == [FILE_NAME]
    finally:
        subprocess.run(["rm", "-rf", str(shared)], check=False)


def test_store_file_of_another_user_in_our_folder_is_refused(home: Path) -> None:
    home.mkdir(mode=0o700)
    path = home / FILE_NAME
    path.touch(mode=0o666)
    path.chmod(0o666)
    if not IS_ROOT:
        pytest.skip("giving a file to another user needs root (os.chown)")
    os.chown(path, OTHER_UID, OTHER_UID)
    with pytest.raises(StoreError) as caught:
        Store.open()
    assert "niet van jou" in caught.value.message
    assert path.stat().st_size == 0 and stat.S_IMODE(path.stat().st_mode) == 0o666


def test_folder_of_another_user_is_refused(home: Path) -> None:
    home.mkdir(mode=0o700)
    if not IS_ROOT:
        pytest.skip("giving a folder to another user needs root (os.chown)")
    os.chown(home, OTHER_UID, OTHER_UID)
    with pytest.raises(StoreError) as caught:
        Store.open()
    assert "niet van jou" in caught.value.message
    assert list(home.iterdir()) == []


def test_another_user_cannot_open_our_store(tmp_path: Path) -> None:
    ours = Path(os.environ.get("TMPDIR", "/tmp")) / f"eigen-{os.getpid()}-{tmp_path.name}"
    try:
        with Store.open(ours) as store:
            store.create(full_sitting(), household="Gezin A", framework_version="1")
        as_other_user(
            """
            import sys
            from pathlib import Path
            from pleegreflectie.errors import StoreError
            from pleegreflectie.store import Store
            try:
                Store.open(Path(sys.argv[1]))
            except StoreError as exc:
                assert "niet van jou" in exc.message, exc.message
            else:
                raise SystemExit("the other user could open our store")
            """,
            ours,
        )
    finally:
        subprocess.run(["rm", "-rf", str(ours)], check=False)


def other_application_database(path: Path) -> bytes:
    with raw(path) as db:
        db.execute("CREATE TABLE contacts (name TEXT)")
        db.execute("INSERT INTO contacts VALUES ('Iemand anders')")
    return path.read_bytes()


def test_symlinked_store_file_is_refused_and_its_target_untouched(home: Path, tmp_path: Path) -> None:
    target = tmp_path / "ander-programma.sqlite3"
    before = other_application_database(target)
    home.mkdir(mode=0o700)
    (home / FILE_NAME).symlink_to(target)
    with pytest.raises(StoreError) as caught:
        Store.open()
    assert "verwijzing (symlink)" in caught.value.message
    assert target.read_bytes() == before
    assert not (tmp_path / "ander-programma.sqlite3-wal").exists()


def test_symlinked_wal_file_is_refused(home: Path, tmp_path: Path) -> None:
    with Store.open():
        pass
    elsewhere = tmp_path / "elders"
    elsewhere.write_bytes(b"")
    (home / f"{FILE_NAME}-wal").symlink_to(elsewhere)
    with pytest.raises(StoreError) as caught:
        Store.open()
    assert "verwijzing (symlink)" in caught.value.message
    assert elsewhere.read_bytes() == b""


def test_sqlite_file_of_another_program_is_refused_untouched(home: Path) -> None:
    home.mkdir(mode=0o700)
    before = other_application_database(home / FILE_NAME)
    with pytest.raises(StoreError) as caught:
        Store.open()
    assert "hoort niet bij pleegreflectie" in caught.value.message
    assert (home / FILE_NAME).read_bytes() == before


def test_new_store_is_marked_and_an_old_unmarked_one_is_adopted(home: Path) -> None:
    with Store.open() as store:
        reflection_id = store.create(full_sitting(), household="Gezin A", framework_version="1")
    path = home / FILE_NAME
    with raw(path) as db:
        assert db.execute("PRAGMA application_id").fetchone()[0] == store_schema.APPLICATION_ID
        db.execute("PRAGMA application_id = 0")  # as made by an earlier version
    with Store.open() as store:
        assert store.load(reflection_id)[1] == full_sitting()
    with raw(path) as db:
        assert db.execute("PRAGMA application_id").fetchone()[0] == store_schema.APPLICATION_ID


# ---------------------------------------------------------------- wis means gone

SECRET_NAME = "Familie Zeldzaamnaam"
SECRET_NOTE = "GeheimeNotitieOverHetPleegkind"


def secret_sitting() -> Sitting:
    sitting = full_sitting()
    sitting.profile["huishouden"] = SECRET_NAME
    sitting.notes = {"zorgen": SECRET_NOTE * 20}
    return sitting


def traces(home: Path) -> list[str]:
    """Every file of the store that still holds a secret, in any encoding sqlite might use."""
    found = []
    for path in sorted(home.iterdir()):
        data = path.read_bytes()
        for secret in (SECRET_NAME, SECRET_NOTE, SECRET_NAME.casefold()):
            if secret.encode() in data or secret.encode("utf-16-le") in data:
                found.append(f"{path.name}: {secret}")
    return found


@pytest.fixture
def no_secure_delete(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on an SQLite built without SECURE_DELETE: wiping must not depend on it."""
    monkeypatch.setattr(store_schema, "SECURE_DELETE", "OFF")


@pytest.mark.parametrize("everything", [False, True])
def test_wis_leaves_nothing_readable_in_any_file(
    home: Path, no_secure_delete: None, everything: bool
) -> None:
    with Store.open() as store:
        kept = store.create(full_sitting(), household="Gezin B", framework_version="1")
        for _ in range(3):  # several versions of the row in the WAL
            secret = store.create(secret_sitting(), household=None, framework_version="1")
            store.save(secret, secret_sitting())
        other_window = Store.open()  # a second window, idle between questions
        assert traces(home)
        if everything:
            store.delete_all()
        else:
            for info in store.list():
                if info.household == SECRET_NAME:
                    store.delete(info.id)
        assert not store.wipe_pending
        assert traces(home) == []
        if not everything:
            assert store.load(kept)[1] == full_sitting()
    other_window.close()
    assert traces(home) == []
    assert not (home / f"{FILE_NAME}{store_files.WIPE_MARKER_SUFFIX}").exists()


def test_wis_with_a_window_reading_is_finished_on_the_next_start(
    home: Path, no_secure_delete: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_schema, "BUSY_TIMEOUT_MS", 200)
    with Store.open() as store:
        secret = store.create(secret_sitting(), household=None, framework_version="1")
    reader = sqlite3.connect(home / FILE_NAME, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT household FROM reflections").fetchall()  # holds a snapshot with the secret
    with Store.open() as store:
        store.delete(secret)
        assert store.wipe_pending
    assert (home / f"{FILE_NAME}{store_files.WIPE_MARKER_SUFFIX}").exists()
    reader.execute("COMMIT")
    reader.close()
    with Store.open() as store:
        assert not store.wipe_pending
        assert store.list() == []
    assert traces(home) == []
    assert not (home / f"{FILE_NAME}{store_files.WIPE_MARKER_SUFFIX}").exists()


def test_every_connection_has_secure_delete(home: Path) -> None:
    with Store.open() as store:
        db = store._connection
        assert db is not None
        assert db.execute("PRAGMA secure_delete").fetchone()[0] == 1


# ---------------------------------------------------------------- damaged rows


def damage(home: Path, reflection_id: int) -> None:
    with raw(home / FILE_NAME) as db:
        db.execute("UPDATE reflections SET pillar_ids = '{kapot' WHERE id = ?", (reflection_id,))
        db.execute(
            "UPDATE steps SET value = 'ook kapot' WHERE reflection_id = ? AND kind = 'vraag'",
            (reflection_id,),
        )


def test_a_damaged_row_is_listed_and_can_be_wiped(home: Path) -> None:
    with Store.open() as store:
        good = store.create(full_sitting(), household="Gezin A", framework_version="1")
        bad = store.create(full_sitting(), household="Gezin B", framework_version="1")
    damage(home, bad)
    with Store.open() as store:
        infos = {info.id: info for info in store.list()}
        assert infos[good].household == "Gezin A" and not infos[good].damaged
        assert infos[bad].damaged
        assert store.load(good)[1] == full_sitting()
        with pytest.raises(StoreError) as caught:
            store.load(bad)
        assert f"pleegreflectie wis {bad}" in caught.value.message
        assert store.info(bad).damaged
        store.delete(bad)
        assert [info.id for info in store.list()] == [good]


def test_overzicht_and_wis_work_with_a_damaged_row(home: Path) -> None:
    from typer.testing import CliRunner

    from pleegreflectie.cli import app

    with Store.open() as store:
        store.create(full_sitting(), household="Gezin A", framework_version="1")
        bad = store.create(full_sitting(), household="Gezin B", framework_version="1")
    damage(home, bad)
    runner = CliRunner()
    shown = runner.invoke(app, ["overzicht"])
    assert shown.exit_code == 0, shown.output
    assert "beschadigd" in shown.stdout
    assert f"Wis hem met: pleegreflectie wis {bad}" in " ".join(shown.stdout.split())
    assert "Gezin A" in shown.stdout
    report = runner.invoke(app, ["rapport", str(bad), "-o", "-"])
    assert report.exit_code == int(ExitCode.STORE)
    assert "beschadigd" in report.stderr
    wiped = runner.invoke(app, ["wis", str(bad), "--ja"])
    assert wiped.exit_code == 0, wiped.output
    assert f"Gewist: reflectie {bad} (beschadigd)." in wiped.stdout
    after = runner.invoke(app, ["overzicht"])
    assert "beschadigd" not in after.stdout and "Gezin A" in after.stdout


def test_text_read_from_the_store_is_clean(home: Path) -> None:
    sitting = full_sitting()
    sitting.profile["huishouden"] = "Gezin \x1b]0;titel\x07A\u202e"
    sitting.notes = {"zorgen": "a\x1b[2Jb"}
    with Store.open() as store:
        reflection_id = store.create(sitting, household=None, framework_version="1")
        info, loaded = store.load(reflection_id)
    assert info.household == "Gezin ␛]0;titel␇A"
    assert loaded.notes == {"zorgen": "a␛[2Jb"}


def test_migration_3_adds_the_catalogue_path(tmp_path: Path) -> None:
    import sqlite3

    with Store.open(tmp_path):
        pass
    db = sqlite3.connect(tmp_path / "reflecties.sqlite3")
    columns = {row[1] for row in db.execute("PRAGMA table_info(reflections)")}
    db.close()
    assert "catalogue_path" in columns


def test_migration_3_keeps_older_reflections(tmp_path: Path) -> None:
    """A store of schema 2 with a reflection: after opening, it has the column and the reflection."""
    import sqlite3

    db = sqlite3.connect(tmp_path / "reflecties.sqlite3")
    for statement in (*store_schema.MIGRATIONS[0], *store_schema.MIGRATIONS[1]):
        db.execute(statement)
    db.execute(
        "INSERT INTO reflections (household, created_at, updated_at, pillar_ids, framework_version)"
        " VALUES ('Gezin Oud', '2025-01-01T00:00:00.000000+00:00', '2025-01-01T00:00:00.000000+00:00',"
        " '[\"zorgen\"]', '1')"
    )
    db.execute("PRAGMA user_version = 2")
    db.commit()
    db.close()
    with Store.open(tmp_path) as store:
        [info] = store.list()
    assert (info.household, info.catalogue_path) == ("Gezin Oud", None)
