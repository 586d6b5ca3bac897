"""Reading a YAML file: within limits, with line numbers, and every problem said in Dutch.

- `read_source`, `read_stdin` and `bundled` give a `Source`: the text of a file and its name for
  messages. Only a regular file of a sensible size is read (never /dev/zero or a pipe), as UTF-8.
- `parse` turns a Source into plain data. First a bounded walk over the parser's events (never
  recursive) refuses what could crash or flood PyYAML's loader: nesting deeper than the limits, long
  lists, lists or aliases as keys, anchors that expand into millions of values, numbers of hundreds
  of digits, values such as 2027-02-30; it also notes duplicate keys. Only then PyYAML's own safe
  loader (the C one where libyaml is there) builds the data. PyYAML's English messages become Dutch
  ones with the line. Every string comes back clean (see safe.clean).
- `Source.line` finds the line of a place in the data (("aanbod", 3, "id")) for messages.

PyYAML is imported only when a YAML text is parsed: the bundled data is read from its checked copies
(datacache.py) without it. No user interface here.
"""

from __future__ import annotations

import errno
import math
import os
import stat
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from .errors import (
    ExitCode,
    InvalidFileError,
    NotFoundError,
    PleegreflectieError,
    Problem,
    os_reason,
    quote,
    thousands,
)
from .safe import clean, clean_data

if TYPE_CHECKING:
    import yaml

__all__ = [
    "NUMBER_DIGITS",
    "STDIN_NAME",
    "DuplicateKeysError",
    "Limits",
    "Source",
    "bundled",
    "parse",
    "read_source",
    "read_stdin",
]


class Limits(Struct, frozen=True):
    """What no real file of a kind exceeds. Documented in the README ("Je gegevens")."""

    what: str  # for messages: "een antwoordenbestand"
    size: int  # bytes
    depth: int = 50  # lists and mappings inside each other
    items: int = 5_000  # items in one list or mapping
    aliases: bool = True  # anchors and aliases (& and *) allowed at all
    expanded: int = 1_000_000  # values after expanding every alias
    # What to do about nesting beyond `depth`, after "hier zitten te veel lijsten in elkaar".
    too_deep: str = "Zo'n bestand maakt niemand met de hand: controleer of dit het goede bestand is."


DEFAULT_LIMITS = Limits("een catalogus", size=2_000_000, items=5_000)  # as a catalogue's
STDIN_NAME = "(invoer)"  # standard input, as files are named in messages
NUMBER_DIGITS = 15  # a number in any file has at most this many digits


class Source:
    """The text of a YAML file and where it came from, for messages."""

    __slots__ = ("_index", "_root", "limits", "name", "skipped", "text")

    def __init__(self, name: str, text: str, limits: Limits = DEFAULT_LIMITS) -> None:
        self.name = name
        self.text = text
        self.limits = limits
        self.skipped = 0  # problems counted, but not located (see datafile.validate)
        self._root: yaml.Node | None = None
        self._index: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = {}

    def __repr__(self) -> str:
        return f"Source({self.name!r}, {len(self.text)} tekens)"

    def root(self) -> yaml.Node | None:
        if self._root is None:
            import yaml

            self._root = yaml.compose(self.text, Loader=_base_loader())
        return self._root

    def line(self, loc: Iterable[str | int]) -> int | None:
        """The line of the deepest node that `loc` reaches (1-based)."""
        return _locate(self.root(), tuple(loc), self._index)

    def problem(self, loc: Iterable[str | int], message: str) -> Problem:
        return Problem(self.name, self.line(loc), message)


# ---------------------------------------------------------------- reading


def bundled(name: str, limits: Limits = DEFAULT_LIMITS) -> Source:
    """A data file shipped inside the package (or, in a source checkout, the repository's data/)."""
    here = Path(__file__).resolve().parent
    # Installed: next to this module. An editable install: data/ at the top of the repository.
    # Anything else (a zip): importlib.resources, imported only then (it costs start-up time).
    for candidate in (here / "data" / name, here.parents[1] / "data" / name):
        if candidate.is_file():
            return Source(f"{name} (meegeleverd)", candidate.read_text(encoding="utf-8"), limits)
    from importlib import resources

    try:
        text = resources.files("pleegreflectie").joinpath("data", name).read_text(encoding="utf-8")
    except OSError:
        raise PleegreflectieError(
            f"Het bestand {name} hoort bij het programma, maar is niet gevonden. "
            "Installeer pleegreflectie opnieuw."
        ) from None
    return Source(f"{name} (meegeleverd)", text, limits)


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:g} MB".replace(".", ",")


def _too_big(name: str, limits: Limits) -> InvalidFileError:
    return InvalidFileError(
        [
            Problem(
                name,
                None,
                f"het bestand is te groot voor {limits.what} (meer dan {_megabytes(limits.size)}). "
                "Controleer of dit het goede bestand is.",
            )
        ]
    )


def read_source(path: Path, limits: Limits = DEFAULT_LIMITS) -> Source:
    """Read a text file, but only a regular file of a sensible size (never /dev/zero or a pipe)."""
    name = clean(str(path))
    try:
        # O_NONBLOCK: opening a named pipe must not wait for a writer; fstat below refuses it. Windows
        # has neither flag (nor named pipes in the file system): there they are 0.
        flags = getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
        descriptor = os.open(path, os.O_RDONLY | flags)
    except FileNotFoundError:
        raise NotFoundError(f"Het bestand {name} bestaat niet. Controleer de naam en de map.") from None
    except IsADirectoryError:
        raise NotFoundError(f"{name} is een map, geen bestand. Geef een bestand op.") from None
    except PermissionError:
        raise PleegreflectieError(
            f"Je mag het bestand {name} niet lezen. Controleer de rechten van het bestand."
        ) from None
    except OSError as exc:
        raise PleegreflectieError(f"Het bestand {name} kan niet gelezen worden: {os_reason(exc)}.") from None
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise NotFoundError(f"{name} is een map, geen bestand. Geef een bestand op.")
        if not stat.S_ISREG(info.st_mode):
            raise InvalidFileError(
                [
                    Problem(
                        name,
                        None,
                        "dit is geen gewoon bestand (maar een apparaat of een pijp). Geef een bestand op.",
                    )
                ]
            )
        if info.st_size > limits.size:
            raise _too_big(name, limits)
        chunks: list[bytes] = []
        total = 0
        while total <= limits.size:
            chunk = os.read(descriptor, min(1 << 20, limits.size + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limits.size:
            raise _too_big(name, limits)
    except OSError as exc:
        raise PleegreflectieError(f"Het bestand {name} kan niet gelezen worden: {os_reason(exc)}.") from None
    finally:
        os.close(descriptor)
    try:
        text = b"".join(chunks).decode("utf-8")
    except UnicodeDecodeError as exc:
        line = b"".join(chunks)[: exc.start].count(b"\n") + 1
        raise InvalidFileError(
            [
                Problem(
                    name,
                    line,
                    "dit is geen tekstbestand in UTF-8. Sla het op als UTF-8 en probeer het opnieuw.",
                )
            ]
        ) from None
    return Source(name, text.replace("\r\n", "\n").replace("\r", "\n"), limits)


def read_stdin(limits: Limits) -> Source:
    """Standard input, with the same size limit as a file of this kind (and never raw bytes)."""
    stream = sys.stdin
    buffer = getattr(stream, "buffer", None) if stream is not None else None
    closed = PleegreflectieError(
        "er komt niets binnen via de standaardinvoer: die is gesloten. Geef een bestand op, zoals: "
        "pleegreflectie papier lijst.txt",
        exit_code=ExitCode.INVALID_INPUT,
    )
    if buffer is None:
        raise closed
    try:
        data = buffer.read(limits.size + 1)
    except OSError as exc:
        if exc.errno == errno.EBADF:
            raise closed from None
        raise PleegreflectieError(f"de standaardinvoer kan niet gelezen worden: {os_reason(exc)}.") from None
    except ValueError:  # a closed file object
        raise closed from None
    if len(data) > limits.size:
        raise InvalidFileError(
            [
                Problem(
                    STDIN_NAME,
                    None,
                    f"wat via de standaardinvoer binnenkwam is te groot voor {limits.what} (meer dan "
                    f"{_megabytes(limits.size)}). Controleer of dit de goede invoer is.",
                )
            ]
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InvalidFileError(
            [
                Problem(
                    STDIN_NAME,
                    line,
                    "dit is geen tekst in UTF-8. Sla het op als UTF-8 en probeer het opnieuw.",
                )
            ]
        ) from None
    return Source(STDIN_NAME, text.replace("\r\n", "\n").replace("\r", "\n"), limits)


# ---------------------------------------------------------------- parsing


def _base_loader() -> Any:
    """The C parser is much faster; fall back to pure Python where libyaml is missing."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DuplicateKeysError(InvalidFileError):
    """The text is valid YAML within the limits, but has duplicate keys; `data` keeps the last values."""

    def __init__(self, data: Any, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.data = data


class _Refused(Exception):
    """The text is beyond what a real file of its kind holds (see Limits), or a value cannot be
    made (2027-02-30): a line and a message."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line, self.message = line, message


_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_STR_TAG = "tag:yaml.org,2002:str"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


def _check_scalar(event: Any, tag: str, loader: Any) -> None:
    """A value that can be made (no 2027-02-30) and a number of sensible size, else _Refused."""
    if tag == _STR_TAG:
        return
    import yaml

    line = event.start_mark.line + 1
    number = tag in (_INT_TAG, _FLOAT_TAG)
    too_big = _Refused(
        line,
        f"{quote(event.value)} is een te groot getal. Gebruik een getal van hoogstens "
        f"{NUMBER_DIGITS} cijfers, of zet er aanhalingstekens omheen als het een tekst is.",
    )
    if number and len(event.value) > NUMBER_DIGITS + 10:
        raise too_big
    construct = loader.yaml_constructors.get(tag)
    if construct is None:
        return  # an unknown tag: the loader names it, with its line
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    try:
        value = construct(loader, node)
    except ValueError:  # such as 2027-02-30: the pattern of a date, but no real date
        what = (
            "geen bestaande datum. Schrijf een datum zo: 2027-12-31"
            if tag == _TIMESTAMP_TAG
            else "geen geldige waarde. Zet er aanhalingstekens omheen als het een tekst is"
        )
        raise _Refused(line, f"{quote(event.value)} is {what}.") from None
    except yaml.YAMLError:
        return  # the loader says it again, with its line
    if not number:
        return
    if isinstance(value, float) and not math.isfinite(value):
        raise _Refused(line, f"{quote(event.value)} is geen gewoon getal. Schrijf een getal, zoals 3.")
    if abs(value) >= 10**NUMBER_DIGITS:
        raise too_big


def _check_events(text: str, limits: Limits) -> list[tuple[int, str]]:
    """Walk the parser's events (never recursive) and refuse what could crash or flood the loader:
    deep nesting, long lists, lists or aliases as keys, too many aliases, huge numbers, values that
    cannot be made. Returns the duplicate keys (line, key)."""
    import yaml

    scalar, alias, node = yaml.ScalarEvent, yaml.AliasEvent, yaml.ScalarNode
    mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    skipped = (yaml.StreamStartEvent, yaml.DocumentStartEvent, yaml.DocumentEndEvent)
    depth, items, most, aliases = limits.depth, limits.items, limits.expanded, limits.aliases
    loader = _base_loader()(text)
    resolve: Any = loader.resolve
    next_event: Any = loader.get_event
    # A frame per open collection: [is_mapping, items, expecting a key, expanded count at its start,
    # anchor, keys seen (of a mapping)]
    stack: list[list[Any]] = []
    anchors: dict[str, int] = {}
    duplicates: list[tuple[int, str]] = []
    expanded = 0
    try:
        while True:
            event: Any = next_event()
            kind = type(event)
            if kind in ends:
                frame = stack.pop()
                if frame[4] is not None:
                    anchors[frame[4]] = expanded - frame[3]
                continue
            if kind in skipped:
                continue
            if kind is yaml.StreamEndEvent:
                return duplicates
            anchor = event.anchor
            if (anchor is not None or kind is alias) and not aliases:
                raise _Refused(
                    _line(event),
                    f"in {limits.what} kunnen geen verwijzingen (& en *) staan. "
                    "Schrijf elke waarde gewoon uit.",
                )
            if stack:
                frame = stack[-1]
                if frame[0]:
                    if frame[2]:
                        if kind is not scalar:
                            raise _complex_key(_line(event))
                        if event.value in frame[5]:
                            duplicates.append((_line(event), str(event.value)))
                        frame[5].add(event.value)
                    frame[2] = not frame[2]
                frame[1] += 1
                if frame[1] > items * (2 if frame[0] else 1):
                    raise _too_long(_line(event), limits)
            expanded += anchors.get(event.anchor, 1) if kind is alias else 1
            if expanded > most:
                raise _Refused(
                    _line(event),
                    f"door de verwijzingen (& en *) wordt dit bestand veel te groot (meer dan "
                    f"{thousands(most)} waarden). Schrijf de waarden gewoon uit.",
                )
            if kind is scalar:
                tag = event.tag
                if tag is None or tag == "!":
                    tag = resolve(node, event.value, event.implicit)
                if tag != _STR_TAG:
                    _check_scalar(event, tag, loader)
                if anchor is not None:
                    anchors[anchor] = 1
            elif kind is mapping_start or kind is sequence_start:
                if len(stack) >= depth:
                    raise _Refused(
                        _line(event),
                        f"hier zitten te veel lijsten in elkaar (meer dan {depth} niveaus). "
                        f"{limits.too_deep}",
                    )
                mapping = kind is mapping_start
                stack.append([mapping, 0, True, expanded - 1, anchor, set() if mapping else None])
    finally:
        loader.dispose()


def _line(event: Any) -> int:
    return int(event.start_mark.line) + 1


def _too_long(line: int, limits: Limits) -> _Refused:
    return _Refused(
        line,
        f"deze lijst is te lang (meer dan {thousands(limits.items)} items) voor {limits.what}. "
        "Controleer of dit het goede bestand is.",
    )


def _complex_key(line: int) -> _Refused:
    return _Refused(
        line,
        "hier staat een lijst of een verwijzing als naam (sleutel). Een naam moet een gewoon woord zijn, "
        "zoals 'profiel:'. Haal het vraagteken of de haken weg.",
    )


def parse(source: Source, limits: Limits | None = None) -> Any:
    """Parse YAML text within `limits` (by default the source's own); a syntax error, a duplicate key
    or anything beyond the limits becomes a Problem with its line. Every string comes back clean
    (see safe.clean): no escape sequences or bidi overrides from a file reach the terminal."""
    limits = limits or source.limits
    if len(source.text) > limits.size:
        raise _too_big(source.name, limits)
    import yaml

    try:
        duplicates = _check_events(source.text, limits)  # before the loader, which recurses and expands
        data = yaml.load(source.text, Loader=_base_loader())  # a safe loader
    except _Refused as exc:
        raise InvalidFileError([Problem(source.name, exc.line, exc.message)]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise InvalidFileError([Problem(source.name, line, _yaml_problem(exc, source, mark))]) from None
    except yaml.reader.ReaderError as exc:
        line = source.text.count("\n", 0, max(exc.position, 0)) + 1
        raise InvalidFileError(
            [
                Problem(
                    source.name,
                    line,
                    f"hier staat een teken dat niet in een tekstbestand hoort (code {_code(exc.character)}). "
                    "Haal het weg.",
                )
            ]
        ) from None
    except yaml.YAMLError as exc:
        raise InvalidFileError(
            [Problem(source.name, None, f"dit is geen geldige YAML ({clean(str(exc))[:200]}).")]
        ) from None
    except ValueError as exc:  # a value the walk let through, but the loader cannot make
        raise InvalidFileError([Problem(source.name, None, f"een waarde klopt niet ({exc}).")]) from None
    if duplicates:
        raise DuplicateKeysError(
            clean_data(data),
            [
                Problem(
                    source.name,
                    line,
                    f"{quote(clean(key))} staat twee keer in dezelfde lijst. Houd er één over.",
                )
                for line, key in duplicates
            ],
        )
    return clean_data(data)


def _code(character: Any) -> str:
    number = ord(character) if isinstance(character, str) else int(character)
    return f"U+{number:04X}"


# What PyYAML says, in plain Dutch: (part of PyYAML's text, our sentence).
_YAML_PROBLEMS = (
    ("mapping values are not allowed", "er staat een dubbele punt op een plek waar dat niet kan"),
    ("could not find expected ':'", "er mist een dubbele punt achter een naam"),
    ("did not find expected key", "het inspringen klopt niet"),
    ("expected <block end>", "het inspringen klopt niet"),
    ("did not find expected '-'", "het inspringen van een lijst klopt niet"),
    ("found unexpected end of stream", "het bestand houdt plotseling op (mist er een aanhalingsteken?)"),
    ("found unknown escape character", "er staat een \\ in een tekst tussen aanhalingstekens"),
    ("could not determine a constructor", "er staat een onbekend label met ! (zoals !!python). Haal het weg"),
    ("found undefined alias", "er staat een verwijzing met * naar iets dat niet bestaat"),
    ("found unhashable key", "er staat een lijst als naam (sleutel). Een naam moet een gewoon woord zijn"),
    ("found duplicate anchor", "dezelfde naam met & staat er twee keer"),
    ("found another document", "er staan meerdere documenten (met ---) in het bestand. Houd er één over"),
    ("found character that cannot start any token", "er staat een teken waarmee niets kan beginnen"),
)


def _yaml_problem(exc: yaml.MarkedYAMLError, source: Source, mark: Any) -> str:
    problem = exc.problem or ""
    lines = source.text.splitlines()
    line_text = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    if "cannot start any token" in problem and "\t" in line_text:
        what = "er staat een tab. Gebruik spaties om in te springen"
    else:
        what = next((dutch for english, dutch in _YAML_PROBLEMS if english in problem), "")
        what = what or f"de opbouw klopt niet ({clean(problem or str(exc))[:120]})"
    return (
        f"dit is geen geldige YAML: {what}. Kijk naar inspringen, dubbele punten en aanhalingstekens "
        "op deze regel of de regel erboven."
    )


# ---------------------------------------------------------------- lines


def _locate(
    node: yaml.Node | None,
    loc: tuple[str | int, ...],
    index: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]],
) -> int | None:
    """The line of `loc`; `index` caches each mapping's keys, so many lookups stay linear in the file."""
    if node is None:
        return None
    import yaml

    line = node.start_mark.line + 1
    for part in loc:
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            keys = index.get(id(node))
            if keys is None:
                keys = {}
                for key_node, value_node in node.value:
                    keys.setdefault(clean(str(key_node.value)), (key_node, value_node))
                index[id(node)] = keys
            found = keys.get(str(part))
            if found is not None:
                child = found[1]
                # A missing value sits on the key's line, not on the next one.
                line = found[0].start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            child = node.value[part]
        if child is None:
            return line
        node = child
        if not (isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null")):
            line = node.start_mark.line + 1
    return line
