"""One way to read a data file: the bundled copy or the YAML, then the model, then the checks.

The framework, the catalogue, the signals, the advice, the profile questions and the words per
country are each a `DataFile`: the name of the bundled file, its model (a `structs.Model`), its
limits (yamlfile.Limits), the keys it begins with, and the checks its model cannot make (ids that
must be unique or known to the framework, placeholders, ...). `DataFile.load` reads the bundled file
(from its checked copy when one fits, datacache.py) or an organisation's own file; `DataFile.parse`
reads a Source. Every problem is a Dutch message with file:line, all of them at once. No user
interface here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Generic, TypeVar

from .datacache import cached
from .errors import InvalidFileError, Problem
from .structs import Model, ValidationError
from .yamlfile import Limits, Source, bundled, parse, read_source

M = TypeVar("M", bound=Model)

MAX_LOCATED = 1000  # problems of one validation that get a line; more are only counted

# A check the model cannot make: (data, source, *context) -> problems. The context is what the file
# is checked against (the framework, for the catalogue and the signals).
Check = Callable[..., Iterable[Problem]]


class DataFile(Generic[M]):
    """A kind of data file and how it is read."""

    __slots__ = ("checks", "example", "hint", "limits", "model", "name", "start")

    def __init__(
        self,
        name: str,
        model: type[M],
        limits: Limits,
        start: str,
        checks: tuple[Check, ...] = (),
        *,
        hint: str | None = None,
        example: bool = False,
    ) -> None:
        self.name = name  # the bundled file in data/
        self.model = model
        self.limits = limits
        self.start = start  # the keys the file begins with, for messages: "'versie:' en 'signalen:'"
        self.example = example  # `start` is an example of keys, not all of them (see require_mapping)
        self.checks = checks
        self.hint = hint  # said under the problems

    def bundled(self) -> Source:
        return bundled(self.name, self.limits)

    def load(self, path: Path | None = None, *context: Any) -> M:
        """The bundled file, or a file of an organisation's own at `path`, checked against `context`."""
        source = read_source(path, self.limits) if path else self.bundled()
        if path is None and (copy := cached(self.name, source.text, self.model, *context)) is not None:
            return copy  # the bundled file, checked before (against this context)
        return self.parse(source, *context)

    def parse(self, source: Source, *context: Any) -> M:
        data = self.mapping(parse(source, self.limits), source)
        model, problems = self.check(data, source, *context)
        if problems or model is None:
            raise InvalidFileError(problems, hint=self.hint, skipped=source.skipped)
        return model

    def mapping(self, data: Any, source: Source) -> dict[str, Any]:
        """Parsed data that must be a mapping (see require_mapping)."""
        return require_mapping(data, source, self.start, example=self.example)

    def check(self, data: dict[str, Any], source: Source, *context: Any) -> tuple[M | None, list[Problem]]:
        """The model and every problem of parsed data: the model's, then those of each check."""
        model, problems = validate(self.model, data, source)
        for check in self.checks:
            problems += check(data, source, *context)
        return model, problems


def validate(
    model: type[M], data: Any, source: Source, prefix: tuple[str | int, ...] = ()
) -> tuple[M | None, list[Problem]]:
    """The record for `data`, or None and every problem (said by structs) with its line."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        issues = exc.errors()
        # Locating thousands of problems helps nobody: the first ones are listed, the rest counted.
        source.skipped += max(0, len(issues) - MAX_LOCATED)
        return None, [source.problem(prefix + issue.loc, issue.message) for issue in issues[:MAX_LOCATED]]


def require_mapping(data: Any, source: Source, start: str, *, example: bool = False) -> dict[str, Any]:
    """The parsed file as a mapping; an empty file or one that begins with a list or a text is a
    problem on line 1 that says what it begins with (`start`, or keys such as `start`)."""
    if isinstance(data, dict):
        return data
    if example:
        message = (
            f"het bestand is leeg. Het moet {start} bevatten."
            if data is None
            else f"het bestand moet beginnen met sleutels (zoals {start}), niet met een lijst of tekst."
        )
    else:
        what = "het bestand is leeg" if data is None else "het bestand begint met een lijst of een tekst"
        message = f"{what}. Het moet beginnen met {start}."
    raise InvalidFileError([Problem(source.name, 1, message)])


# ---------------------------------------------------------------- helpers for the checks


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
