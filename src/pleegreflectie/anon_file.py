"""Anonymous export files (JSON Lines): one record per line, read with limits, written as text.

Reading is bounded at the edge: a regular file of at most `MAX_FILE_BYTES`, lines of at most
`MAX_LINE_BYTES`, at most `MAX_RECORDS` records. msgspec decodes each line straight into the record
type (C speed for 100,000 lines); every problem is named with the file and the line, in Dutch, and
a file with problems gives no records at all.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path

import msgspec

from .errors import InvalidFileError, PleegreflectieError, Problem, os_reason, thousands
from .organisation import AnonRecord

MAX_FILE_BYTES = 500_000_000
MAX_LINE_BYTES = 100_000
MAX_RECORDS = 1_000_000
MAX_PROBLEMS = 1_000

_DECODER = msgspec.json.Decoder(AnonRecord)
_ENCODER = msgspec.json.Encoder()


def write_lines(records: Iterable[AnonRecord]) -> str:
    """The text of an export file: one compact JSON record per line."""
    return "".join(_ENCODER.encode(record).decode("utf-8") + "\n" for record in records)


def read_records(path: Path) -> list[AnonRecord]:
    """Every record of one export file, or InvalidFileError with every problem and its line."""
    name = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise PleegreflectieError(f"{name} kon niet gelezen worden: {os_reason(exc)}.") from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise PleegreflectieError(f"{name} is geen gewoon bestand. Geef een exportbestand (.jsonl).")
    with os.fdopen(fd, "rb") as handle:
        if info.st_size > MAX_FILE_BYTES:
            raise PleegreflectieError(
                f"{name} is te groot voor een exportbestand (meer dan {MAX_FILE_BYTES // 1_000_000} MB)."
            )
        records: list[AnonRecord] = []
        problems: list[Problem] = []
        skipped = 0
        for number, line in enumerate(handle, start=1):
            if len(line) > MAX_LINE_BYTES:
                problem = f"de regel is te lang (meer dan {thousands(MAX_LINE_BYTES)} tekens)."
            elif not line.strip():
                continue
            else:
                try:
                    records.append(_DECODER.decode(line))
                    if len(records) > MAX_RECORDS:
                        raise PleegreflectieError(
                            f"{name} heeft meer dan {thousands(MAX_RECORDS)} records. Splits het bestand."
                        )
                    continue
                except msgspec.ValidationError as exc:
                    problem = _dutch(str(exc))
                except msgspec.DecodeError:
                    problem = "dit is geen record: de regel is geen geldige JSON."
            if len(problems) < MAX_PROBLEMS:
                problems.append(Problem(name, number, problem))
            else:
                skipped += 1
    if problems:
        raise InvalidFileError(
            problems,
            hint="Gebruik een bestand van 'pleegreflectie export --anoniem', onveranderd.",
            skipped=skipped,
        )
    return records


_WHERE = re.compile(r" - at `\$(.*)`$")
_FIELD = re.compile(r"`([^`]*)`")


def _dutch(message: str) -> str:
    """msgspec's message about a record, in Dutch, with where in the record it is."""
    where = ""
    match = _WHERE.search(message)
    if match:
        where = f" (bij {match.group(1).lstrip('.') or 'het record'})"
        message = message[: match.start()]
    names = _FIELD.findall(message)
    if message.startswith("Object missing required field") and names:
        return f"het veld '{names[0]}' ontbreekt{where}."
    if message.startswith("Object contains unknown field") and names:
        return f"'{names[0]}' hoort niet in een record{where}. Een record heeft alleen vaste velden."
    if message.startswith("Expected") and names:
        return f"de waarde klopt niet{where}: verwacht {_KINDS.get(names[0], names[0])}."
    return f"de waarde klopt niet{where}."


_KINDS = {
    "str": "een tekst",
    "int": "een heel getal",
    "float": "een getal",
    "bool": "true of false",
    "array": "een lijst",
    "object": "een object",
    "null": "null",
}
