"""Rows of the store and the records they hold: a reflection's row <-> `ReflectionInfo`, its steps
<-> a `Sitting`, bounded when they are read back.

A row that cannot be turned into a record (damaged, tampered, larger or deeper than anything we
write) raises one of `ROW_ERRORS`; the store lists such a reflection as damaged. Everything read is
cleaned (`safe.clean`). No user interface and no connection of its own: the store passes its
connection in.
"""

from __future__ import annotations

import sqlite3
from contextlib import suppress
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

import msgspec
from msgspec import Struct

from .errors import NotFoundError
from .flow import PREVIOUS_ROUTE_KEY, Sitting, StepKind, split_step_id
from .models import Special
from .safe import clean, clean_data

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


class StepRow(Struct, frozen=True):
    step_id: str
    kind: str
    key: str
    value: str | None  # JSON; None when the step has no value (only handled or skipped)
    position: int | None  # place in the history
    skip_position: int | None  # place in the skipped list


# ---------------------------------------------------------------- rows <-> records

INFO_QUERY = (
    "SELECT r.id, r.household, r.status, r.created_at, r.updated_at, r.finished_at, r.pillar_ids,"
    " r.respondent, r.ask_profile, r.framework_version, r.catalogue_version, r.route, r.previous_route,"
    " r.route_done, r.origin, r.meta, r.catalogue_path,"
    " (SELECT COUNT(*) FROM steps s WHERE s.reflection_id = r.id AND s.kind = 'vraag'"
    "  AND s.value IS NOT NULL) AS answer_count"
    " FROM reflections r"
)


# The overview: per reflection its info, the pillars whose note step (and whose worker's note step)
# is handled, and whether the foster care worker takes part; all for the reflection's respondent.
SUMMARY_QUERY = INFO_QUERY.replace(
    " FROM reflections r",
    ", (SELECT json_group_array(json_array(s.kind, s.key)) FROM steps s"
    "   WHERE s.reflection_id = r.id AND s.respondent = COALESCE(r.respondent, '')"
    "   AND s.kind IN ('notitie', 'notitie-begeleider') AND s.position IS NOT NULL) AS notes_done,"
    " (SELECT s.value FROM steps s WHERE s.reflection_id = r.id AND s.respondent = COALESCE(r.respondent, '')"
    "   AND s.step_id = 'opzet:begeleider') AS with_worker,"
    " (SELECT MAX(length(s.value)) FROM steps s WHERE s.reflection_id = r.id) AS biggest"
    " FROM reflections r",
)


def pillars_done(pillar_ids: tuple[str, ...], notes_done: str, with_worker: str | None) -> list[str]:
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


def require(db: sqlite3.Connection, reflection_id: int) -> sqlite3.Row:
    row: sqlite3.Row | None = db.execute(f"{INFO_QUERY} WHERE r.id = ?", (reflection_id,)).fetchone()
    if row is None:
        raise not_found(reflection_id)
    return row


# What a damaged row raises while it is turned into a record.
ROW_ERRORS = (
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


def info_or_damaged(row: sqlite3.Row) -> ReflectionInfo:
    try:
        return info_of(row)
    except ROW_ERRORS:
        return damaged_info(row)


def damaged_info(row: sqlite3.Row) -> ReflectionInfo:
    """What can be said of a row that cannot be read: its number and perhaps its time."""
    moment = datetime.fromtimestamp(0, UTC)
    with suppress(*ROW_ERRORS):
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


def info_of(row: sqlite3.Row) -> ReflectionInfo:
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


def _step_rows(sitting: Sitting) -> dict[str, StepRow]:
    """Every step with a value, in the history or skipped: one row each."""
    positions = {step_id: index for index, step_id in enumerate(sitting.history)}
    skips = {step_id: index for index, step_id in enumerate(sitting.skipped)}
    values: dict[str, str] = {}
    for step_kind, target, respondent in _targets(sitting):
        suffix = f"@{respondent}" if respondent else ""
        for key, value in target.items():
            values[f"{step_kind}:{key}{suffix}"] = to_json(
                value.value if isinstance(value, Special) else value
            )
    rows: dict[str, StepRow] = {}
    for step_id in [*values, *positions, *skips]:
        if step_id not in rows:
            kind, key, _ = split_step_id(step_id)
            rows[step_id] = StepRow(
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


def sync_sitting(db: sqlite3.Connection, reflection_id: int, sitting: Sitting, now: str) -> None:
    """Store the sitting's own fields on the reflection, then its steps."""
    label = household_label(sitting.profile.get("huishouden"))
    route_done = to_json(sitting.route_done) if PREVIOUS_ROUTE_KEY in sitting.extra else None
    previous = to_json(sitting.previous_route) if sitting.previous_route is not None else None
    db.execute(
        "UPDATE reflections SET updated_at = ?, household = COALESCE(?, household),"
        " household_key = COALESCE(?, household_key), pillar_ids = ?, ask_profile = ?, origin = ?,"
        " previous_route = ?, route_done = COALESCE(?, route_done), meta = ? WHERE id = ?",
        (
            now,
            label,
            household_key(label),
            to_json(sitting.pillar_ids),
            int(sitting.ask_profile),
            sitting.origin,
            previous,
            route_done,
            to_json(_meta(sitting)),
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


def sitting_of(reflection: sqlite3.Row, respondent: str | None, rows: list[StepRow]) -> Sitting:
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


def _by_position(row: StepRow) -> int:
    return row.position if row.position is not None else -1


def _by_skip(row: StepRow) -> int:
    return row.skip_position if row.skip_position is not None else -1


# ---------------------------------------------------------------- small values


def damaged_message(reflection_id: int) -> str:
    return (
        f"Reflectie {reflection_id} is beschadigd en kan niet meer gelezen worden. De andere reflecties "
        f"werken gewoon. Wis deze met: pleegreflectie wis {reflection_id}"
    )


def not_found(reflection_id: int) -> NotFoundError:
    return NotFoundError(
        f"Er is geen reflectie met nummer {reflection_id}. Kijk met 'pleegreflectie overzicht' welke er zijn."
    )


def to_json(value: Any) -> str:
    return msgspec.json.encode(value).decode()


def household_label(value: Any) -> str | None:
    """A household label with tidy spaces, or None."""
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def household_key(label: str | None) -> str | None:
    return label.casefold() if label else None


def consent_key(db: sqlite3.Connection, reflection_id: int) -> str:
    """The household a reflection belongs to for consent: its label's key, or the reflection alone."""
    row = db.execute("SELECT household_key FROM reflections WHERE id = ?", (reflection_id,)).fetchone()
    if row is None:
        raise not_found(reflection_id)
    return str(row[0]) if row[0] else f"#{reflection_id}"


def utc_now() -> datetime:
    return datetime.now(UTC)


def timestamp(moment: datetime) -> str:
    """UTC in one fixed format, so text order is time order."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text)
