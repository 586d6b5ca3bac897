"""YAML files to typed models. Every problem names the file, the line and what to fix; all at once."""

from __future__ import annotations

import errno
import functools
import math
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from msgspec import Struct

from .datacache import cached
from .errors import (
    ExitCode,
    InvalidFileError,
    NotFoundError,
    PleegreflectieError,
    Problem,
    os_reason,
    thousands,
)
from .models import (
    PILLAR_IDS,
    SLUG,
    Catalogue,
    Framework,
)
from .safe import clean, clean_data
from .structs import Model, ValidationError


class _LazyYaml:
    """PyYAML, imported when first used: the bundled data read from its checked copies (see
    datacache.py) needs no YAML, and importing PyYAML costs a good part of a start."""

    def __getattr__(self, name: str) -> Any:
        import yaml as module

        globals()["yaml"] = module
        return getattr(module, name)


if TYPE_CHECKING:
    import yaml
else:
    yaml = _LazyYaml()


@functools.cache
def _base_loader() -> Any:
    """The C parser is much faster; fall back to pure Python where libyaml is missing."""
    try:
        from yaml import CSafeLoader

        return CSafeLoader
    except ImportError:  # pragma: no cover - depends on how PyYAML was built
        from yaml import SafeLoader

        return SafeLoader


M = TypeVar("M", bound=Model)

_SLUG = re.compile(SLUG)
FRAMEWORK_FILE = "pillars.yaml"
CATALOGUE_FILE = "courses.yaml"


# ---------------------------------------------------------------- reading


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


ANSWERS_LIMITS = Limits("een antwoordenbestand", size=1_000_000, depth=20, items=10_000, aliases=False)
CATALOGUE_LIMITS = Limits("een catalogus", size=2_000_000, items=5_000)
FRAMEWORK_LIMITS = Limits("een vragenlijst", size=1_000_000, items=5_000)
PAPER_LIMITS = Limits("een overgetypte papieren vragenlijst", size=1_000_000)
STDIN_NAME = "(invoer)"  # standard input, as files are named in messages
NUMBER_DIGITS = 15  # a number in any file has at most this many digits
MAX_LOCATED = 1000  # problems of one validation that get a line; more are only counted


class Source:
    """The text of a YAML file and where it came from, for messages."""

    __slots__ = ("_index", "_root", "limits", "name", "skipped", "text")

    def __init__(self, name: str, text: str, limits: Limits = CATALOGUE_LIMITS) -> None:
        self.name = name
        self.text = text
        self.limits = limits
        self.skipped = 0  # problems counted, but not located (see validate)
        self._root: yaml.Node | None = None
        self._index: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = {}

    def __repr__(self) -> str:
        return f"Source({self.name!r}, {len(self.text)} tekens)"

    def root(self) -> yaml.Node | None:
        if self._root is None:
            self._root = yaml.compose(self.text, Loader=_base_loader())
        return self._root

    def line(self, loc: Iterable[str | int]) -> int | None:
        """The line of the deepest node that `loc` reaches (1-based)."""
        return _locate(self.root(), tuple(loc), self._index)

    def problem(self, loc: Iterable[str | int], message: str) -> Problem:
        return Problem(self.name, self.line(loc), message)


def bundled(name: str, limits: Limits | None = None) -> Source:
    """A data file shipped inside the package (or, in a source checkout, the repository's data/)."""
    if limits is None:
        limits = FRAMEWORK_LIMITS if name == FRAMEWORK_FILE else CATALOGUE_LIMITS
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


def read_source(path: Path, limits: Limits = CATALOGUE_LIMITS) -> Source:
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
        too_big = InvalidFileError(
            [
                Problem(
                    name,
                    None,
                    f"het bestand is te groot voor {limits.what} (meer dan {_megabytes(limits.size)}). "
                    "Controleer of dit het goede bestand is.",
                )
            ]
        )
        if info.st_size > limits.size:
            raise too_big
        chunks: list[bytes] = []
        total = 0
        while total <= limits.size:
            chunk = os.read(descriptor, min(1 << 20, limits.size + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limits.size:
            raise too_big
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


@functools.cache
def _loader_class() -> Any:
    """The safe loader that notes duplicate keys (made when first needed: it needs PyYAML)."""

    class _Loader(_base_loader()):  # type: ignore[misc]
        """Safe loader that notes duplicate keys instead of silently keeping the last one."""

        duplicates: list[tuple[int, str]]

        def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
            seen: set[object] = set()
            for key_node, _ in node.value:
                key = key_node.value
                if key in seen:
                    self.duplicates.append((key_node.start_mark.line + 1, str(key)))
                seen.add(key)
            mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
            return mapping

    return _Loader


class _Fallback(Exception):
    """The text uses YAML that the fast reader leaves to PyYAML's own loader (anchors, tags, ...)."""


class DuplicateKeysError(InvalidFileError):
    """The text is valid YAML within the limits, but has duplicate keys; `data` keeps the last values."""

    def __init__(self, data: Any, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.data = data


class _Refused(Exception):
    """The text is beyond what a real file of its kind holds (see Limits): a line and a message."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line, self.message = line, message


def _too_deep(line: int, limits: Limits) -> _Refused:
    return _Refused(
        line,
        f"hier zitten te veel lijsten in elkaar (meer dan {limits.depth} niveaus). {limits.too_deep}",
    )


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


def _number_check(event: Any, tag: str, loader: Any) -> Any:
    """A number of sensible size, else _Refused; returns the constructed value (or _NO_KEY)."""
    if tag not in (_INT_TAG, _FLOAT_TAG):
        return _NO_KEY
    line = event.start_mark.line + 1
    too_big = _Refused(
        line,
        f"{_quote(event.value)} is een te groot getal. Gebruik een getal van hoogstens "
        f"{NUMBER_DIGITS} cijfers, of zet er aanhalingstekens omheen als het een tekst is.",
    )
    if len(event.value) > NUMBER_DIGITS + 10:
        raise too_big
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    try:
        value = loader.yaml_constructors[tag](loader, node)
    except ValueError:
        raise _BadScalar(line, event.value, tag) from None
    if isinstance(value, float) and not math.isfinite(value):
        raise _Refused(line, f"{_quote(event.value)} is geen gewoon getal. Schrijf een getal, zoals 3.")
    if abs(value) >= 10**NUMBER_DIGITS:
        raise too_big
    return value


def _check_events(text: str, limits: Limits) -> None:
    """Walk the parser's events (never recursive) and refuse what could crash or flood the full loader:
    deep nesting, long lists, lists or aliases as keys, too many aliases, huge numbers."""
    loader = _base_loader()(text)
    resolve: Any = loader.resolve
    # A frame per open collection: [is_mapping, items, expecting a key, expanded count at its start, anchor]
    stack: list[list[Any]] = []
    anchors: dict[str, int] = {}
    expanded = 0
    try:
        while True:
            event: Any = loader.get_event()
            kind = type(event)
            if kind is yaml.StreamEndEvent:
                return
            if kind in (yaml.StreamStartEvent, yaml.DocumentStartEvent, yaml.DocumentEndEvent):
                continue
            line = event.start_mark.line + 1
            if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                frame = stack.pop()
                if frame[4] is not None:
                    anchors[frame[4]] = expanded - frame[3]
                continue
            anchor = getattr(event, "anchor", None)
            if (anchor is not None or kind is yaml.AliasEvent) and not limits.aliases:
                raise _Refused(
                    line,
                    f"in {limits.what} kunnen geen verwijzingen (& en *) staan. "
                    "Schrijf elke waarde gewoon uit.",
                )
            if stack:
                frame = stack[-1]
                if frame[0]:
                    if frame[2] and kind is not yaml.ScalarEvent:
                        raise _complex_key(line)
                    frame[2] = not frame[2]
                frame[1] += 1
                if frame[1] > limits.items * (2 if frame[0] else 1):
                    raise _too_long(line, limits)
            if kind is yaml.AliasEvent:
                expanded += anchors.get(event.anchor, 1)
            else:
                expanded += 1
            if expanded > limits.expanded:
                raise _Refused(
                    line,
                    f"door de verwijzingen (& en *) wordt dit bestand veel te groot (meer dan "
                    f"{thousands(limits.expanded)} waarden). Schrijf de waarden gewoon uit.",
                )
            if kind is yaml.ScalarEvent:
                tag = event.tag
                if tag is None or tag == "!":
                    tag = resolve(yaml.ScalarNode, event.value, event.implicit)
                _number_check(event, tag, loader)
                if anchor is not None:
                    anchors[anchor] = 1
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if len(stack) >= limits.depth:
                    raise _too_deep(line, limits)
                stack.append([kind is yaml.MappingStartEvent, 0, True, expanded - 1, anchor])
    finally:
        loader.dispose()


class _BadScalar(Exception):
    def __init__(self, line: int, value: str, tag: str) -> None:
        super().__init__(value)
        self.line, self.value, self.tag = line, value, tag


_STR_TAG = "tag:yaml.org,2002:str"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_PLAIN_COLLECTION_TAGS = (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")
_NO_KEY: Any = object()


def _read_events(text: str, limits: Limits = CATALOGUE_LIMITS) -> tuple[Any, list[tuple[int, str]]]:
    """Build the data straight from the parser's events, and note duplicate keys (line, key).

    The same values as PyYAML's safe loader, but without first building a tree of nodes with marks
    for the whole document: about 4x faster and 5x less memory on a large catalogue. Anything
    unusual (anchors and aliases, explicit tags on lists or mappings, merge keys, keys that are
    lists or mappings, several documents) raises _Fallback, and parse() uses the full loader.
    """
    loader = _base_loader()(text)
    duplicates: list[tuple[int, str]] = []
    resolve, constructors, next_event = loader.resolve, loader.yaml_constructors, loader.get_event
    # A frame per open collection: [container, is_mapping, pending key, keys seen].
    stack: list[list[Any]] = []
    depth, items = limits.depth, limits.items
    root: Any = None
    try:
        next_event()  # StreamStartEvent
        if isinstance(next_event(), yaml.StreamEndEvent):
            return None, duplicates
        while True:
            event: Any = next_event()
            kind = type(event)
            if kind is yaml.ScalarEvent:
                if event.anchor is not None:
                    raise _Fallback
                value = _scalar(event, resolve, constructors, loader)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if event.anchor is not None or event.tag not in _PLAIN_COLLECTION_TAGS:
                    raise _Fallback
                if len(stack) >= depth:
                    raise _too_deep(event.start_mark.line + 1, limits)
                mapping = kind is yaml.MappingStartEvent
                stack.append([{} if mapping else [], mapping, _NO_KEY, set() if mapping else None])
                continue
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                value = stack.pop()[0]
            elif kind is yaml.DocumentEndEvent:
                if not isinstance(next_event(), yaml.StreamEndEvent):
                    raise _Fallback  # several documents: the full loader names the error
                return root, duplicates
            else:  # an alias
                raise _Fallback
            if not stack:
                root = value
                continue
            frame = stack[-1]
            if not frame[1]:
                frame[0].append(value)
                if len(frame[0]) > items:
                    raise _too_long(event.start_mark.line + 1, limits)
            elif frame[2] is not _NO_KEY:
                frame[0][frame[2]] = value
                frame[2] = _NO_KEY
            else:
                if kind is not yaml.ScalarEvent or event.value == "<<":
                    raise _Fallback
                if event.value in frame[3]:
                    duplicates.append((event.start_mark.line + 1, str(event.value)))
                frame[3].add(event.value)
                if len(frame[3]) > items:
                    raise _too_long(event.start_mark.line + 1, limits)
                frame[2] = value
    finally:
        loader.dispose()


def _scalar(event: Any, resolve: Any, constructors: Any, loader: Any) -> Any:
    tag = event.tag
    if tag is None or tag == "!":
        tag = resolve(yaml.ScalarNode, event.value, event.implicit)
    if tag == _STR_TAG:
        return event.value
    number = _number_check(event, tag, loader)
    if number is not _NO_KEY:
        return number
    construct = constructors.get(tag)
    if construct is None:
        raise _Fallback  # an unknown tag: the full loader names the error
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    try:
        return construct(loader, node)
    except ValueError:  # such as 2027-02-30: the pattern of a date, but no real date
        raise _BadScalar(event.start_mark.line + 1, event.value, tag) from None


def _read_nodes(text: str) -> tuple[Any, list[tuple[int, str]]]:
    """PyYAML's own safe loader, for everything the fast reader does not handle."""
    loader = _loader_class()(text)
    loader.duplicates = []
    try:
        return loader.get_single_data(), loader.duplicates
    finally:
        loader.dispose()


def parse(source: Source, limits: Limits | None = None) -> Any:
    """Parse YAML text within `limits` (by default the source's own); a syntax error, a duplicate key
    or anything beyond the limits becomes a Problem with its line. Every string comes back clean
    (see safe.clean): no escape sequences or bidi overrides from a file reach the terminal."""
    limits = limits or source.limits
    if len(source.text) > limits.size:
        raise InvalidFileError(
            [
                Problem(
                    source.name,
                    None,
                    f"het bestand is te groot voor {limits.what} (meer dan {_megabytes(limits.size)}). "
                    "Controleer of dit het goede bestand is.",
                )
            ]
        )
    try:
        try:
            data, duplicates = _read_events(source.text, limits)
        except _Fallback:
            _check_events(source.text, limits)  # before the full loader, which recurses and expands
            data, duplicates = _read_nodes(source.text)
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
    except _BadScalar as exc:
        what = (
            "geen bestaande datum. Schrijf een datum zo: 2027-12-31"
            if exc.tag == _TIMESTAMP_TAG
            else "geen geldige waarde. Zet er aanhalingstekens omheen als het een tekst is"
        )
        raise InvalidFileError([Problem(source.name, exc.line, f"{_quote(exc.value)} is {what}.")]) from None
    except ValueError as exc:  # the full loader, on a value such as 2027-02-30
        raise InvalidFileError([Problem(source.name, None, f"een waarde klopt niet ({exc}).")]) from None
    if duplicates:
        raise DuplicateKeysError(
            clean_data(data),
            [
                Problem(
                    source.name,
                    line,
                    f"{_quote(clean(key))} staat twee keer in dezelfde lijst. Houd er één over.",
                )
                for line, key in duplicates
            ],
        )
    return clean_data(data)


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


def _locate(
    node: yaml.Node | None,
    loc: tuple[str | int, ...],
    index: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]],
) -> int | None:
    """The line of `loc`; `index` caches each mapping's keys, so many lookups stay linear in the file."""
    if node is None:
        return None
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


# ---------------------------------------------------------------- validation errors in Dutch


def _quote(value: object) -> str:
    text = str(value)
    return f"'{text[:40]}…'" if len(text) > 40 else f"'{text}'"


def describe(error: Any) -> str:
    """One validation error (see structs.py; shaped as pydantic's were) as a Dutch sentence that says
    what to fix."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    keys = [part for part in error["loc"] if isinstance(part, str)]
    key = keys[-1] if keys else "waarde"
    given = error.get("input")
    if kind == "problem":  # the model's own text (see structs._said)
        return str(ctx["text"]).format(key=key, value=_quote(given), loc=error["loc"])
    if kind == "missing":
        return f"'{key}' ontbreekt. Vul het in."
    if kind == "extra_forbidden":
        return f"'{key}' is geen bekende sleutel. Haal het weg of controleer de spelling."
    if kind in ("literal_error", "enum"):
        expected = str(ctx.get("expected", "")).replace(" or ", ", ")
        return f"{key}: {_quote(given)} kan hier niet. Kies uit: {expected}."
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"{key}: {_quote(given)} moet een heel getal zijn."
    if kind in ("float_parsing", "float_type"):
        return f"{key}: {_quote(given)} moet een getal zijn."
    if kind == "greater_than_equal":
        return f"{key}: {_quote(given)} is te laag. Het moet {ctx['ge']} of meer zijn."
    if kind == "greater_than":
        return f"{key}: {_quote(given)} is te laag. Het moet meer dan {ctx['gt']} zijn."
    if kind == "less_than_equal":
        return f"{key}: {_quote(given)} is te hoog. Het mag hoogstens {ctx['le']} zijn."
    if kind == "string_too_short":
        return f"'{key}' is leeg. Vul een tekst in."
    if kind == "string_too_long":
        return f"'{key}' is te lang. Gebruik hoogstens {ctx['max_length']} tekens."
    if kind == "too_short":
        return f"'{key}' heeft te weinig items. Er moeten er minstens {ctx['min_length']} zijn."
    if kind == "too_long":
        return f"'{key}' heeft te veel items. Er mogen er hoogstens {ctx['max_length']} zijn."
    if kind == "string_pattern_mismatch":
        if key == "url":
            return f"url: {_quote(given)} is geen webadres. Begin met https://."
        if key == "plaatsing_sinds":
            return f"{key}: {_quote(given)} is geen maand. Schrijf het jaar en de maand, zoals 2024-09."
        return (
            f"{key}: {_quote(given)} heeft niet de goede vorm. Gebruik kleine letters, cijfers en streepjes."
        )
    if kind == "string_type":
        return f"'{key}' moet een tekst zijn."
    if kind in ("bool_parsing", "bool_type"):
        return f"{key}: {_quote(given)} moet ja of nee zijn (true of false)."
    if kind.startswith("date"):
        return f"{key}: {_quote(given)} is geen datum. Schrijf het zo: 2027-12-31."
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"'{key}' moet een lijst van sleutels met waarden zijn."
    if kind in ("list_type", "tuple_type"):
        return f"'{key}' moet een lijst zijn, zoals [a, b]."
    if kind == "invalid_key":
        return f"{_quote(given)} kan hier geen naam (sleutel) zijn. Gebruik een woord, zoals 'titel'."
    if kind == "value_error":
        return f"{key}: {ctx.get('error', error['msg'])}."
    if kind == "finite_number":
        return f"{key}: {_quote(given)} moet een gewoon getal zijn."
    # Any other problem: say it in general words, with the value that does not fit.
    return f"{key}: {_quote(given)} is hier geen goede waarde. Controleer de spelling en de vorm."


def validate(
    model: type[M], data: Any, source: Source, prefix: tuple[str | int, ...] = ()
) -> tuple[M | None, list[Problem]]:
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        errors = exc.errors()
        # A list is never "too short" because one of its items is invalid: leave that out.
        locs = [tuple(err["loc"]) for err in errors]
        kept = [
            err
            for err, loc in zip(errors, locs, strict=True)
            if err["type"] != "too_short" or not any(len(o) > len(loc) and o[: len(loc)] == loc for o in locs)
        ]
        # Locating thousands of problems helps nobody: the first ones are listed, the rest counted.
        source.skipped += max(0, len(kept) - MAX_LOCATED)
        return None, [source.problem(prefix + tuple(err["loc"]), describe(err)) for err in kept[:MAX_LOCATED]]


def _require_mapping(data: Any, source: Source, what: str) -> dict[str, Any]:
    if data is None:
        raise InvalidFileError([Problem(source.name, 1, f"het bestand is leeg. Het moet {what} bevatten.")])
    if not isinstance(data, dict):
        raise InvalidFileError(
            [
                Problem(
                    source.name,
                    1,
                    f"het bestand moet beginnen met sleutels (zoals {what}), niet met een lijst of tekst.",
                )
            ]
        )
    return data


# ---------------------------------------------------------------- the framework


def load_framework(path: Path | None = None) -> Framework:
    source = read_source(path, FRAMEWORK_LIMITS) if path else bundled(FRAMEWORK_FILE)
    if path is None and (copy := cached(FRAMEWORK_FILE, source.text, Framework)) is not None:
        return copy  # the bundled file, checked before (datacache.py)
    return parse_framework(source)


def parse_framework(source: Source) -> Framework:
    data = _require_mapping(parse(source), source, "'pijlers:'")
    framework, problems = validate(Framework, data, source)
    problems += list(_check_framework_ids(data, source))
    problems += list(_check_scale_names(data, source))
    if problems or framework is None:
        raise InvalidFileError(problems, skipped=source.skipped)
    return framework


def list_items(data: Any, key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(index, item) of the mappings in the list under `key`; anything else is skipped (the
    validation reports it)."""
    value = data.get(key) if isinstance(data, dict) else None
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield index, item


def duplicate_ids(data: Any, key: str, noun: str, source: Source) -> Iterator[Problem]:
    """An id used a second time in the list under `key` (an offer, a signal): one problem each."""
    seen: dict[str, int] = {}
    for index, item in list_items(data, key):
        item_id = item.get("id")
        if not isinstance(item_id, str):
            continue
        if item_id in seen:
            yield source.problem(
                (key, index, "id"),
                f"het id '{item_id}' staat er al ({noun} nummer {seen[item_id] + 1}). "
                f"Geef elk {noun} een eigen id.",
            )
        seen.setdefault(item_id, index)


def _check_framework_ids(data: dict[str, Any], source: Source) -> Iterator[Problem]:
    seen: set[str] = set()

    def check(loc: tuple[str | int, ...], value: Any, parent: str | None, what: str) -> None:
        if not isinstance(value, str):
            return
        if value in seen:
            problems.append(
                source.problem(loc, f"het id '{value}' komt twee keer voor. Elk id moet uniek zijn.")
            )
        seen.add(value)
        if parent is None:
            if value not in PILLAR_IDS:
                problems.append(
                    source.problem(
                        loc, f"'{value}' is geen bekende pijler. Kies uit: {', '.join(PILLAR_IDS)}."
                    )
                )
        elif not (value.startswith(f"{parent}.") and _SLUG.fullmatch(value, len(parent) + 1)):
            problems.append(
                source.problem(
                    loc,
                    f"het id '{value}' van een {what} moet beginnen met '{parent}.' en dan een korte naam "
                    "in kleine letters, zoals "
                    f"'{parent}.voorbeeld'.",
                )
            )

    problems: list[Problem] = []
    for p, pillar in list_items(data, "pijlers"):
        check(("pijlers", p, "id"), pillar.get("id"), None, "pijler")
        for c, comp in list_items(pillar, "competenties"):
            loc = ("pijlers", p, "competenties", c)
            check((*loc, "id"), comp.get("id"), str(pillar.get("id")), "competentie")
            for q, question in list_items(comp, "vragen"):
                check((*loc, "vragen", q, "id"), question.get("id"), str(comp.get("id")), "vraag")
    yield from problems


def _check_scale_names(data: dict[str, Any], source: Source) -> Iterator[Problem]:
    """Each named scale has the values 1 to 5 once; each question's 'schaal' names one of them."""
    scales = data.get("schalen")
    names = [str(name) for name in scales] if isinstance(scales, dict) else []
    for name in names:
        options = scales[name] if isinstance(scales, dict) else None
        if not isinstance(options, list):
            continue  # the validation reports it
        values = [o.get("waarde") for o in options if isinstance(o, dict)]
        if len(values) == 5 and sorted(map(str, values)) != ["1", "2", "3", "4", "5"]:
            yield source.problem(
                ("schalen", name),
                f"de schaal {_quote(name)} moet de waarden 1, 2, 3, 4 en 5 elk één keer hebben.",
            )
    choose = f"Kies uit: {', '.join(names)}." if names else "Er staan nog geen schalen onder 'schalen:'."
    for p, pillar in list_items(data, "pijlers"):
        for c, comp in list_items(pillar, "competenties"):
            for q, question in list_items(comp, "vragen"):
                given = question.get("schaal")
                if given is None or str(given) in names:
                    continue
                yield source.problem(
                    ("pijlers", p, "competenties", c, "vragen", q, "schaal"),
                    f"de schaal {_quote(given)} bestaat niet. {choose} Of laat 'schaal:' weg: dan geldt "
                    "de gewone schaal.",
                )


# ---------------------------------------------------------------- the catalogue


def load_catalogue(framework: Framework, path: Path | None = None) -> Catalogue:
    source = read_source(path, CATALOGUE_LIMITS) if path else bundled(CATALOGUE_FILE)
    if path is None and (copy := cached(CATALOGUE_FILE, source.text, Catalogue, framework)) is not None:
        return copy  # the bundled file, checked before against this framework (datacache.py)
    return parse_catalogue(framework, source)


def parse_catalogue(framework: Framework, source: Source) -> Catalogue:
    data = _require_mapping(parse(source), source, "'aanbod:'")
    catalogue, problems = validate(Catalogue, data, source)
    problems += list(_check_catalogue_ids(framework, data, source))
    if problems or catalogue is None:
        raise InvalidFileError(problems, skipped=source.skipped)
    return catalogue


def _check_catalogue_ids(framework: Framework, data: dict[str, Any], source: Source) -> Iterator[Problem]:
    known = {c.id for c in framework.competencies()}
    yield from duplicate_ids(data, "aanbod", "aanbod", source)
    for index, entry in list_items(data, "aanbod"):
        yield from _unknown_competencies(entry, ("aanbod", index), known, source)
    for index, gap in list_items(data, "niet_gevonden"):
        yield from _unknown_competencies(gap, ("niet_gevonden", index), known, source)


def _unknown_competencies(
    item: dict[str, Any], loc: tuple[str | int, ...], known: set[str], source: Source
) -> Iterator[Problem]:
    """Every competency id of an entry or a named gap that the framework does not have."""
    competencies = item.get("competenties")
    if not isinstance(competencies, list):
        return
    for c, comp in enumerate(competencies):
        if isinstance(comp, str) and comp not in known:
            yield source.problem(
                (*loc, "competenties", c),
                f"'{comp}' is geen bekende competentie. "
                "Zie 'pleegreflectie sjabloon' voor de goede namen, zoals 'zorgen.gedrag'.",
            )


def _code(character: Any) -> str:
    number = ord(character) if isinstance(character, str) else int(character)
    return f"U+{number:04X}"
