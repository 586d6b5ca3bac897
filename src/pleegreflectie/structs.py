"""Typed records from plain data (parsed YAML), with every problem at once.

The models are `msgspec.Struct`s: cheap to import and to build, with their Dutch file keys as
encode names (`msgspec.field(name="naam")`), constraints in `Annotated[..., msgspec.Meta(...)]` and
checks across fields in `__post_init__` (raising ValueError). msgspec itself stops at the first
problem; `Model.model_validate` walks the data along `msgspec.inspect.type_info` instead and collects
every problem as an `Issue`: its place in the data and what to fix, said in Dutch here (a record can
say it in its own words: `Meta(extra={"problem": ...})`, `__unknown_key__`). It accepts what a YAML
file gives: numbers written as text where a number is asked (`"3"`), `ja`-like words for yes/no, a
date as `2027-12-31`. A field marked `Strict` takes only its own type.

The method names (`model_validate`, `model_dump`, `model_copy`) are those of the pydantic models this
replaces, so the code around them did not change. No user interface here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import functools
import math
import re
import typing
from collections.abc import Callable
from typing import Any, ClassVar, Literal, TypeVar

import msgspec
import msgspec.inspect as mi
from msgspec.structs import force_setattr, replace

from .errors import quote

__all__ = ["STRICT", "YES_NO", "Issue", "Model", "ValidationError", "force_setattr", "yes_no"]

M = TypeVar("M", bound="Model")

STRICT = msgspec.Meta(extra={"strict": True})  # Annotated[int, STRICT]: no "3", no True for 1

# Dutch yes and no as the files and the answers file write them: the one table of these words.
YES_NO = {"ja": True, "nee": False}

_TRUE = {"1", "on", "t", "true", "y", "yes"}
_FALSE = {"0", "off", "f", "false", "n", "no"}


def yes_no(value: Any) -> Any:
    """True or False for "ja" or "nee" (any case, spaces around); any other value as it is."""
    if isinstance(value, str):
        return YES_NO.get(value.strip().lower(), value)
    return value


class ValidationError(ValueError):
    """Every problem found in the data; `errors()` lists them in the order of the fields."""

    def __init__(self, errors: list[Issue]) -> None:
        super().__init__(f"{len(errors)} problem(s): {[str(e.message) for e in errors[:3]]}")
        self._errors = errors

    def errors(self) -> list[Issue]:
        return list(self._errors)


class Model(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A record with Dutch keys in files and English attribute names in the code."""

    # Fields left out of `model_dump` (kept in the record, never written to a file).
    __excluded__: ClassVar[frozenset[str]] = frozenset()
    # What to say about a key the record does not know ("{key}": that key); empty: the general text.
    __unknown_key__: ClassVar[str] = ""

    @classmethod
    def before(cls, data: dict[str, Any]) -> dict[str, Any]:
        """Tidy the raw mapping before its fields are checked (a single value for a list, ...)."""
        return data

    @classmethod
    def model_validate(cls: type[M], data: Any) -> M:
        """The record for `data`, or ValidationError with every problem in it."""
        if isinstance(data, cls):
            return data
        errors: Issues = []
        value: M = _check(_info(cls), data, (), errors)  # the walk builds a `cls` when there is no error
        if errors:
            raise ValidationError(errors)
        return value

    def model_dump(
        self,
        *,
        mode: str = "python",
        by_alias: bool = False,
        exclude_defaults: bool = False,
        exclude: set[str] | frozenset[str] = frozenset(),
    ) -> dict[str, Any]:
        """The record as plain data (with the file keys when `by_alias`)."""
        result: dict[str, Any] = {}
        for field in _info(type(self)).fields:
            if field.name in exclude or field.name in self.__excluded__:
                continue
            value = getattr(self, field.name)
            if exclude_defaults and _is_default(field, value):
                continue
            key = field.encode_name if by_alias else field.name
            result[key] = _dump(value, mode=mode, by_alias=by_alias, exclude_defaults=exclude_defaults)
        return result

    def model_copy(self: M, *, update: dict[str, Any] | None = None) -> M:
        """A copy with some attributes changed (not checked again)."""
        return replace(self, **(update or {}))


@functools.cache
def _info(cls: type[Model]) -> mi.StructType:
    info = mi.type_info(cls)
    assert isinstance(info, mi.StructType)
    return info


def _is_default(field: mi.Field, value: Any) -> bool:
    if field.default is not msgspec.NODEFAULT:
        return bool(value == field.default)
    if field.default_factory is not msgspec.NODEFAULT:
        return bool(value == field.default_factory())
    return False


def _dump(value: Any, *, mode: str, by_alias: bool, exclude_defaults: bool) -> Any:
    if isinstance(value, Model):
        return value.model_dump(mode=mode, by_alias=by_alias, exclude_defaults=exclude_defaults)
    if isinstance(value, (list, tuple)):
        items = [_dump(v, mode=mode, by_alias=by_alias, exclude_defaults=exclude_defaults) for v in value]
        return items if mode == "json" or isinstance(value, list) else tuple(items)
    if isinstance(value, dict):
        return {
            _dump(k, mode=mode, by_alias=by_alias, exclude_defaults=exclude_defaults): _dump(
                v, mode=mode, by_alias=by_alias, exclude_defaults=exclude_defaults
            )
            for k, v in value.items()
        }
    if mode == "json":
        if isinstance(value, enum.Enum):
            return value.value
        if isinstance(value, dt.date):
            return value.isoformat()
    return value


# ---------------------------------------------------------------- checking


Loc = tuple[str | int, ...]


class Issue(msgspec.Struct, frozen=True):
    """One problem in the data: where (the keys and positions from the top of the record) and what
    to fix, said in Dutch."""

    loc: Loc
    message: str
    own: bool = False  # the record's own words (Meta(extra={"problem": ...}), __unknown_key__)
    too_long: bool = False  # a text or list that is too long (a record may say that in its own words)
    choices: str = ""  # for a fixed set of values: the ones that can, as "'a', 'b', 'c'"


Issues = list[Issue]


def _key(loc: Loc) -> str:
    """The name a message uses for the place: its last key ("waarde" when it has none)."""
    keys = [part for part in loc if isinstance(part, str)]
    return keys[-1] if keys else "waarde"


def _bad(errors: Issues, loc: Loc, message: str, **flags: Any) -> Any:
    """Note a problem; returns _NOTHING (the value could not be made)."""
    errors.append(Issue(loc, message, **flags))
    return _NOTHING


def _not_this(errors: Issues, loc: Loc, given: Any) -> Any:
    """A value of the right kind that does not fit here, in general words."""
    return _bad(
        errors,
        loc,
        f"{_key(loc)}: {quote(given)} is hier geen goede waarde. Controleer de spelling en de vorm.",
    )


def _choices(values: Any) -> str:
    return ", ".join(repr(v) for v in values)


def _own_words(loc: Loc, given: Any, text: str) -> Issue:
    """The record's own text, said with `{key}` (the last name in the place), `{value}` (what was
    given) and `{loc}` (the place, from the top of the record)."""
    return Issue(loc, text.format(key=_key(loc), value=quote(given), loc=loc), own=True)


_NOTHING = object()  # returned with an error: the value could not be made


def _check(t: Any, value: Any, loc: Loc, errors: Issues, strict: bool = False) -> Any:
    """The value of type `t` for `value`; problems are added to `errors` (then _NOTHING returns)."""
    if isinstance(t, mi.Metadata):
        extra = t.extra or {}
        strict = strict or bool(extra.get("strict"))
        if "problem" in extra:
            return _said(t.type, extra, value, loc, errors, strict)
        return _check(t.type, value, loc, errors, strict)
    check = _CHECKS.get(type(t))
    if check is None:  # Any and other types without a check
        return value
    return check(t, value, loc, errors, strict)


def _said(t: Any, extra: dict[str, Any], value: Any, loc: Loc, errors: Issues, strict: bool) -> Any:
    """A value under `Meta(extra={"problem": TEXT})`: the problems here and inside it that have no
    text of their own become that one text, at this place (`"too_long": TEXT` for a value that is
    too long). TEXT is said as `_own_words` says it."""
    found: Issues = []
    made = _check(t, value, loc, found, strict)
    said = False
    for issue in found:
        if issue.own:  # said already, deeper inside
            errors.append(issue)
            continue
        if not said:
            said = True
            text = extra.get("too_long") if issue.too_long and issue.loc == loc else None
            errors.append(_own_words(loc, value, text or extra["problem"]))
    return made


def _struct(t: mi.StructType, value: Any, loc: Loc, errors: Issues, strict: bool) -> Any:
    cls: type[Model] = t.cls  # type: ignore[assignment]  # only Models are checked
    _literal_orders(cls)
    if isinstance(value, cls):
        return value
    if not isinstance(value, dict):
        return _bad(errors, loc, f"'{_key(loc)}' moet een lijst van sleutels met waarden zijn.")
    value = cls.before(dict(value))
    known: set[Any] = set()
    kwargs: dict[str, Any] = {}
    count = len(errors)
    for field in t.fields:
        key = field.encode_name if field.encode_name in value else field.name
        known.update((field.encode_name, field.name))
        if key not in value:
            if field.required:
                _bad(errors, (*loc, field.encode_name), f"'{field.encode_name}' ontbreekt. Vul het in.")
            continue
        made = _check(field.type, value[key], (*loc, field.encode_name), errors)
        if made is not _NOTHING:
            kwargs[field.name] = made
    for key, item in value.items():
        if not isinstance(key, str):
            _bad(
                errors,
                (*loc, key),
                f"{quote(key)} kan hier geen naam (sleutel) zijn. Gebruik een woord, zoals 'titel'.",
            )
        elif key not in known and t.forbid_unknown_fields and cls.__unknown_key__:
            errors.append(_own_words((*loc, key), item, cls.__unknown_key__))
        elif key not in known and t.forbid_unknown_fields:
            _bad(
                errors,
                (*loc, key),
                f"'{key}' is geen bekende sleutel. Haal het weg of controleer de spelling.",
            )
    if len(errors) > count:
        return _NOTHING
    try:
        return cls(**kwargs)
    except ValueError as exc:  # a check across fields in __post_init__, said in Dutch
        return _bad(errors, loc, f"{_key(loc)}: {exc}.")


def _whole(errors: Issues, loc: Loc, given: Any) -> Any:
    return _bad(errors, loc, f"{_key(loc)}: {quote(given)} moet een heel getal zijn.")


def _int(t: mi.IntType, value: Any, loc: Loc, errors: Issues, strict: bool) -> Any:
    number: Any = _NOTHING
    if isinstance(value, bool):
        if not strict:
            number = int(value)
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float) and not strict:
        if not math.isfinite(value) or value != int(value):
            return _whole(errors, loc, value)
        number = int(value)
    elif isinstance(value, str) and not strict:
        text = value.strip()
        if not re.fullmatch(r"[+-]?\d+(?:\.0*)?", text):
            return _whole(errors, loc, value)
        number = int(text.split(".")[0])
    if number is _NOTHING:
        return _whole(errors, loc, value)
    return _bounds(t, number, value, loc, errors)


def _float(t: mi.FloatType, value: Any, loc: Loc, errors: Issues, strict: bool) -> Any:
    number: Any = _NOTHING
    if isinstance(value, bool):
        if not strict:
            number = float(value)
    elif isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str) and not strict:
        with contextlib.suppress(ValueError):
            number = float(value.strip())
    if number is _NOTHING:
        return _bad(errors, loc, f"{_key(loc)}: {quote(value)} moet een getal zijn.")
    if not math.isfinite(number):
        return _bad(errors, loc, f"{_key(loc)}: {quote(value)} moet een gewoon getal zijn.")
    return _bounds(t, number, value, loc, errors)


def _bounds(t: mi.IntType | mi.FloatType, number: Any, given: Any, loc: Loc, errors: Issues) -> Any:
    """The number within its bounds; a problem names the value as given and a float bound as float."""
    kind = float if isinstance(t, mi.FloatType) else int
    said = f"{_key(loc)}: {quote(given)}"
    if t.gt is not None and not number > t.gt:
        return _bad(errors, loc, f"{said} is te laag. Het moet meer dan {kind(t.gt)} zijn.")
    if t.ge is not None and not number >= t.ge:
        return _bad(errors, loc, f"{said} is te laag. Het moet {kind(t.ge)} of meer zijn.")
    if t.lt is not None and not number < t.lt:
        return _not_this(errors, loc, given)
    if t.le is not None and not number <= t.le:
        return _bad(errors, loc, f"{said} is te hoog. Het mag hoogstens {kind(t.le)} zijn.")
    return number


def _str(t: mi.StrType, value: Any, loc: Loc, errors: Issues, strict: bool) -> Any:
    key = _key(loc)
    if not isinstance(value, str):
        return _bad(errors, loc, f"'{key}' moet een tekst zijn.")
    if t.min_length is not None and len(value) < t.min_length:
        return _bad(errors, loc, f"'{key}' is leeg. Vul een tekst in.")
    if t.max_length is not None and len(value) > t.max_length:
        return _bad(
            errors, loc, f"'{key}' is te lang. Gebruik hoogstens {t.max_length} tekens.", too_long=True
        )
    if t.pattern is not None and _pattern(t.pattern).search(value) is None:
        if key == "url":
            return _bad(errors, loc, f"url: {quote(value)} is geen webadres. Begin met https://.")
        if key == "plaatsing_sinds":
            return _bad(
                errors,
                loc,
                f"{key}: {quote(value)} is geen maand. Schrijf het jaar en de maand, zoals 2024-09.",
            )
        return _bad(
            errors,
            loc,
            f"{key}: {quote(value)} heeft niet de goede vorm. Gebruik kleine letters, cijfers en streepjes.",
        )
    return value


@functools.cache
def _pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _bool(t: mi.BoolType, value: Any, loc: Loc, errors: Issues, strict: bool) -> Any:
    if isinstance(value, bool):
        return value
    if not strict:
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        if isinstance(value, str) and (word := value.strip().lower()) in _TRUE | _FALSE:
            return word in _TRUE
    return _bad(errors, loc, f"{_key(loc)}: {quote(value)} moet ja of nee zijn (true of false).")


def _date(t: mi.DateType, value: Any, loc: Loc, errors: Issues, strict: bool) -> Any:
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date()
    elif isinstance(value, dt.date):
        return value
    elif isinstance(value, str) and not strict and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        with contextlib.suppress(ValueError):
            return dt.date.fromisoformat(value.strip())
    return _bad(errors, loc, f"{_key(loc)}: {quote(value)} is geen datum. Schrijf het zo: 2027-12-31.")


# The choices of each Literal in the order they are written (msgspec.inspect sorts them).
_LITERAL_ORDER: dict[frozenset[Any], tuple[Any, ...]] = {}


@functools.cache
def _literal_orders(cls: type) -> None:
    stack = list(typing.get_type_hints(cls, include_extras=True).values())
    while stack:
        hint = stack.pop()
        if typing.get_origin(hint) is Literal:
            _LITERAL_ORDER.setdefault(frozenset(typing.get_args(hint)), typing.get_args(hint))
        else:
            stack.extend(typing.get_args(hint))


def _not_one_of(errors: Issues, loc: Loc, given: Any, choices: str) -> Any:
    message = f"{_key(loc)}: {quote(given)} kan hier niet. Kies uit: {choices}."
    return _bad(errors, loc, message, choices=choices)


def _literal(t: mi.LiteralType, value: Any, loc: Loc, errors: Issues, strict: bool) -> Any:
    for allowed in t.values:
        if value == allowed and type(value) is type(allowed):
            return allowed
    return _not_one_of(errors, loc, value, _choices(_LITERAL_ORDER.get(frozenset(t.values), t.values)))


def _enum(t: mi.EnumType, value: Any, loc: Loc, errors: Issues, strict: bool) -> Any:
    cls: type[enum.Enum] = t.cls
    if isinstance(value, cls):
        return value
    members = _members(cls)
    if isinstance(value, str) and value in members:
        return members[value]
    return _not_one_of(errors, loc, value, _choices(members))


@functools.cache
def _members(cls: type[enum.Enum]) -> dict[Any, enum.Enum]:
    return {member.value: member for member in cls}


def _sequence(t: Any, value: Any, loc: Loc, errors: Issues, strict: bool) -> Any:
    if not isinstance(value, (list, tuple)):
        return _bad(errors, loc, f"'{_key(loc)}' moet een lijst zijn, zoals [a, b].")
    count = len(errors)
    items = [_check(t.item_type, item, (*loc, index), errors) for index, item in enumerate(value)]
    _length(t, value, loc, errors, items_bad=len(errors) > count)
    if len(errors) > count:
        return _NOTHING
    return items if isinstance(t, mi.ListType) else tuple(items)


def _length(t: Any, value: Any, loc: Loc, errors: Issues, *, items_bad: bool) -> None:
    """Too few or too many items; a list is never too short because one of its items is wrong."""
    size, key = len(value), _key(loc)
    if t.min_length is not None and size < t.min_length and not items_bad:
        _bad(errors, loc, f"'{key}' heeft te weinig items. Er moeten er minstens {t.min_length} zijn.")
    elif t.max_length is not None and size > t.max_length:
        message = f"'{key}' heeft te veel items. Er mogen er hoogstens {t.max_length} zijn."
        _bad(errors, loc, message, too_long=True)


def _dict(t: mi.DictType, value: Any, loc: Loc, errors: Issues, strict: bool) -> Any:
    if not isinstance(value, dict):
        return _bad(errors, loc, f"'{_key(loc)}' moet een lijst van sleutels met waarden zijn.")
    count = len(errors)
    result = {}
    for key, item in value.items():
        made_key = _check(t.key_type, key, (*loc, key, "[key]"), errors)
        made = _check(t.value_type, item, (*loc, key), errors)
        if made_key is not _NOTHING and made is not _NOTHING:
            result[made_key] = made
    _length(t, value, loc, errors, items_bad=len(errors) > count)
    return _NOTHING if len(errors) > count else result


def _union(t: mi.UnionType, value: Any, loc: Loc, errors: Issues, strict: bool) -> Any:
    members = [m for m in t.types if not isinstance(m, mi.NoneType)]
    if value is None and len(members) < len(t.types):
        return None
    # The first member that takes the value as it is, else the first that takes it at all;
    # when none does, the problems of the first member (an optional value: of its type).
    tried: list[Issues] = []
    for member in members:
        found: Issues = []
        made = _check(member, value, loc, found, strict=True)
        if not found:
            return made
    for member in members:
        found = []
        made = _check(member, value, loc, found, strict)
        if not found:
            return made
        tried.append(found)
    # A mapping where a record or a mapping may stand (a text as {je: ..., jullie: ...}, an answer
    # per foster parent): the problems of that record or mapping.
    records = [i for i, m in enumerate(members) if isinstance(_bare(m), (mi.StructType, mi.DictType))]
    if isinstance(value, dict) and records:
        errors.extend(tried[records[0]])
    else:
        errors.extend(tried[0] if tried else [])
    return _NOTHING


def _bare(t: Any) -> Any:
    while isinstance(t, mi.Metadata):
        t = t.type
    return t


def _none(t: mi.NoneType, value: Any, loc: Loc, errors: Issues, strict: bool) -> Any:
    return None if value is None else _not_this(errors, loc, value)


_CHECKS: dict[type, Callable[..., Any]] = {
    mi.StructType: _struct,
    mi.IntType: _int,
    mi.FloatType: _float,
    mi.StrType: _str,
    mi.BoolType: _bool,
    mi.DateType: _date,
    mi.LiteralType: _literal,
    mi.EnumType: _enum,
    mi.ListType: _sequence,
    mi.VarTupleType: _sequence,
    mi.DictType: _dict,
    mi.UnionType: _union,
    mi.NoneType: _none,
}


def json_text(data: Any) -> str:
    """Plain data as indented JSON, the text of every `--json` and of the catalogue's schema.

    The same text as `json.dumps(data, ensure_ascii=False, indent=2)`, except that a number so big
    or so small that it is written with an exponent has no "+" and no leading zero in it (1e20,
    1e-7): the same number in JSON, and never a score. tests/test_structs.py checks both. msgspec's
    encoder is several times faster than json's indenting one, which is written in Python: with
    1,000 saved reflections `overzicht --json` spent most of its time there.
    """
    return msgspec.json.format(msgspec.json.encode(data), indent=2).decode()
