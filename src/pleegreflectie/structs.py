"""Typed records from plain data (parsed YAML), with every problem at once.

The models are `msgspec.Struct`s: cheap to import and to build, with their Dutch file keys as
encode names (`msgspec.field(name="naam")`), constraints in `Annotated[..., msgspec.Meta(...)]` and
checks across fields in `__post_init__` (raising ValueError). msgspec itself stops at the first
problem; `Model.model_validate` walks the data along `msgspec.inspect.type_info` instead and collects
every problem, each as a dict in the shape `load.describe` turns into Dutch (`type`, `loc`, `msg`,
`input`, `ctx`). It accepts what a YAML file gives: numbers written as text where a number is asked
(`"3"`), `ja`-like words for yes/no, a date as `2027-12-31`. A field marked `Strict` takes only its
own type.

The method names (`model_validate`, `model_dump`, `model_copy`) are those of the pydantic models this
replaces, so the code around them did not change. No user interface here.
"""

from __future__ import annotations

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

__all__ = ["STRICT", "Model", "ValidationError", "force_setattr"]

M = TypeVar("M", bound="Model")

STRICT = msgspec.Meta(extra={"strict": True})  # Annotated[int, STRICT]: no "3", no True for 1

_TRUE = {"1", "on", "t", "true", "y", "yes"}
_FALSE = {"0", "off", "f", "false", "n", "no"}


class ValidationError(ValueError):
    """Every problem found in the data; `errors()` lists them in the order of the fields."""

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__(f"{len(errors)} problem(s): {errors[:3]}")
        self._errors = errors

    def errors(self) -> list[dict[str, Any]]:
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
        errors: list[dict[str, Any]] = []
        value = _check(_info(cls), data, (), errors)
        if errors:
            raise ValidationError(errors)
        return value  # type: ignore[no-any-return]

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


def _error(errors: list[dict[str, Any]], kind: str, loc: Loc, given: Any, msg: str, **ctx: Any) -> None:
    errors.append({"type": kind, "loc": loc, "msg": msg, "input": given, "ctx": ctx})


def _expected(values: Any) -> str:
    shown = [repr(v) for v in values]
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} or {shown[-1]}"


_NOTHING = object()  # returned with an error: the value could not be made


def _check(t: Any, value: Any, loc: Loc, errors: list[dict[str, Any]], strict: bool = False) -> Any:
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


def _said(
    t: Any, extra: dict[str, Any], value: Any, loc: Loc, errors: list[dict[str, Any]], strict: bool
) -> Any:
    """A value under `Meta(extra={"problem": TEXT})`: the problems here and inside it that have no
    text of their own become that one text, at this place (`"too_long": TEXT` for a value that is
    too long). TEXT is said with `{key}` (the last name in the place), `{value}` (what was given)
    and `{loc}` (the place, from the top of the file)."""
    found: list[dict[str, Any]] = []
    made = _check(t, value, loc, found, strict)
    said = False
    for error in found:
        if error["type"] == "problem":  # said already, deeper inside
            errors.append(error)
            continue
        long = error["type"] in ("string_too_long", "too_long") and error["loc"] == loc
        text = extra.get("too_long") if long else None
        if not said:
            said = True
            _error(errors, "problem", loc, value, "Value error", text=text or extra["problem"])
    return made


def _struct(t: mi.StructType, value: Any, loc: Loc, errors: list[dict[str, Any]], strict: bool) -> Any:
    cls: type[Model] = t.cls  # type: ignore[assignment]  # only Models are checked
    _literal_orders(cls)
    if isinstance(value, cls):
        return value
    if not isinstance(value, dict):
        _error(errors, "model_type", loc, value, "Input should be a valid dictionary")
        return _NOTHING
    value = cls.before(dict(value))
    known: set[Any] = set()
    kwargs: dict[str, Any] = {}
    count = len(errors)
    for field in t.fields:
        key = field.encode_name if field.encode_name in value else field.name
        known.update((field.encode_name, field.name))
        if key not in value:
            if field.required:
                _error(errors, "missing", (*loc, field.encode_name), value, "Field required")
            continue
        made = _check(field.type, value[key], (*loc, field.encode_name), errors)
        if made is not _NOTHING:
            kwargs[field.name] = made
    for key, item in value.items():
        if not isinstance(key, str):
            _error(errors, "invalid_key", (*loc, key), key, "Keys should be strings")
        elif key not in known and t.forbid_unknown_fields and cls.__unknown_key__:
            _error(errors, "problem", (*loc, key), item, "Unknown key", text=cls.__unknown_key__)
        elif key not in known and t.forbid_unknown_fields:
            _error(errors, "extra_forbidden", (*loc, key), item, "Extra inputs are not permitted")
    if len(errors) > count:
        return _NOTHING
    try:
        return cls(**kwargs)
    except ValueError as exc:  # a check across fields in __post_init__
        _error(errors, "value_error", loc, value, f"Value error, {exc}", error=str(exc))
        return _NOTHING


def _int(t: mi.IntType, value: Any, loc: Loc, errors: list[dict[str, Any]], strict: bool) -> Any:
    number: Any = _NOTHING
    if isinstance(value, bool):
        if not strict:
            number = int(value)
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float) and not strict:
        if not math.isfinite(value) or value != int(value):
            _error(errors, "int_from_float", loc, value, "Input should be a valid integer")
            return _NOTHING
        number = int(value)
    elif isinstance(value, str) and not strict:
        text = value.strip()
        if not re.fullmatch(r"[+-]?\d+(?:\.0*)?", text):
            _error(errors, "int_parsing", loc, value, "Input should be a valid integer")
            return _NOTHING
        number = int(text.split(".")[0])
    if number is _NOTHING:
        _error(errors, "int_type", loc, value, "Input should be a valid integer")
        return _NOTHING
    return _bounds(t, number, value, loc, errors)


def _float(t: mi.FloatType, value: Any, loc: Loc, errors: list[dict[str, Any]], strict: bool) -> Any:
    number: Any = _NOTHING
    if isinstance(value, bool):
        if not strict:
            number = float(value)
    elif isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str) and not strict:
        try:
            number = float(value.strip())
        except ValueError:
            _error(errors, "float_parsing", loc, value, "Input should be a valid number")
            return _NOTHING
    if number is _NOTHING:
        _error(errors, "float_type", loc, value, "Input should be a valid number")
        return _NOTHING
    if not math.isfinite(number):
        _error(errors, "finite_number", loc, value, "Input should be a finite number")
        return _NOTHING
    return _bounds(t, number, value, loc, errors)


def _bounds(
    t: mi.IntType | mi.FloatType, number: Any, given: Any, loc: Loc, errors: list[dict[str, Any]]
) -> Any:
    """The number within its bounds; a problem names the value as given and a float bound as float."""
    kind = float if isinstance(t, mi.FloatType) else int
    if t.gt is not None and not number > t.gt:
        _error(errors, "greater_than", loc, given, f"Input should be greater than {t.gt}", gt=kind(t.gt))
    elif t.ge is not None and not number >= t.ge:
        _error(errors, "greater_than_equal", loc, given, f"Input should be >= {t.ge}", ge=kind(t.ge))
    elif t.lt is not None and not number < t.lt:
        _error(errors, "less_than", loc, given, f"Input should be less than {t.lt}", lt=kind(t.lt))
    elif t.le is not None and not number <= t.le:
        _error(errors, "less_than_equal", loc, given, f"Input should be <= {t.le}", le=kind(t.le))
    else:
        return number
    return _NOTHING


def _str(t: mi.StrType, value: Any, loc: Loc, errors: list[dict[str, Any]], strict: bool) -> Any:
    if not isinstance(value, str):
        _error(errors, "string_type", loc, value, "Input should be a valid string")
    elif t.min_length is not None and len(value) < t.min_length:
        _error(errors, "string_too_short", loc, value, "String too short", min_length=t.min_length)
    elif t.max_length is not None and len(value) > t.max_length:
        _error(errors, "string_too_long", loc, value, "String too long", max_length=t.max_length)
    elif t.pattern is not None and _pattern(t.pattern).search(value) is None:
        _error(
            errors, "string_pattern_mismatch", loc, value, "String should match pattern", pattern=t.pattern
        )
    else:
        return value
    return _NOTHING


@functools.cache
def _pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _bool(t: mi.BoolType, value: Any, loc: Loc, errors: list[dict[str, Any]], strict: bool) -> Any:
    if isinstance(value, bool):
        return value
    if not strict:
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        if isinstance(value, str):
            word = value.strip().lower()
            if word in _TRUE or word in _FALSE:
                return word in _TRUE
            _error(errors, "bool_parsing", loc, value, "Input should be a valid boolean")
            return _NOTHING
    _error(errors, "bool_type", loc, value, "Input should be a valid boolean")
    return _NOTHING


def _date(t: mi.DateType, value: Any, loc: Loc, errors: list[dict[str, Any]], strict: bool) -> Any:
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date()
        _error(errors, "date_from_datetime_inexact", loc, value, "Datetimes should have zero time")
        return _NOTHING
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and not strict:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        _error(errors, "date_parsing", loc, value, "Input should be a valid date")
        return _NOTHING
    _error(errors, "date_type", loc, value, "Input should be a valid date")
    return _NOTHING


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


def _literal(t: mi.LiteralType, value: Any, loc: Loc, errors: list[dict[str, Any]], strict: bool) -> Any:
    for allowed in t.values:
        if value == allowed and type(value) is type(allowed):
            return allowed
    choices = _LITERAL_ORDER.get(frozenset(t.values), t.values)
    _error(errors, "literal_error", loc, value, "Input should be one of", expected=_expected(choices))
    return _NOTHING


def _enum(t: mi.EnumType, value: Any, loc: Loc, errors: list[dict[str, Any]], strict: bool) -> Any:
    cls: type[enum.Enum] = t.cls
    if isinstance(value, cls):
        return value
    members = _members(cls)
    if isinstance(value, str) and value in members:
        return members[value]
    expected = _expected(members)
    _error(errors, "enum", loc, value, f"Input should be {expected}", expected=expected)
    return _NOTHING


@functools.cache
def _members(cls: type[enum.Enum]) -> dict[Any, enum.Enum]:
    return {member.value: member for member in cls}


def _sequence(t: Any, value: Any, loc: Loc, errors: list[dict[str, Any]], strict: bool) -> Any:
    kind = "list" if isinstance(t, mi.ListType) else "tuple"
    if not isinstance(value, (list, tuple)):
        _error(errors, f"{kind}_type", loc, value, f"Input should be a valid {kind}")
        return _NOTHING
    count = len(errors)
    items = [_check(t.item_type, item, (*loc, index), errors) for index, item in enumerate(value)]
    _length(t, value, loc, errors)
    if len(errors) > count:
        return _NOTHING
    return items if kind == "list" else tuple(items)


def _length(t: Any, value: Any, loc: Loc, errors: list[dict[str, Any]]) -> None:
    size = len(value)
    if t.min_length is not None and size < t.min_length:
        _error(errors, "too_short", loc, value, "Too short", min_length=t.min_length, actual_length=size)
    elif t.max_length is not None and size > t.max_length:
        _error(errors, "too_long", loc, value, "Too long", max_length=t.max_length, actual_length=size)


def _dict(t: mi.DictType, value: Any, loc: Loc, errors: list[dict[str, Any]], strict: bool) -> Any:
    if not isinstance(value, dict):
        _error(errors, "dict_type", loc, value, "Input should be a valid dictionary")
        return _NOTHING
    count = len(errors)
    result = {}
    for key, item in value.items():
        made_key = _check(t.key_type, key, (*loc, key, "[key]"), errors)
        made = _check(t.value_type, item, (*loc, key), errors)
        if made_key is not _NOTHING and made is not _NOTHING:
            result[made_key] = made
    _length(t, value, loc, errors)
    return _NOTHING if len(errors) > count else result


def _union(t: mi.UnionType, value: Any, loc: Loc, errors: list[dict[str, Any]], strict: bool) -> Any:
    members = [m for m in t.types if not isinstance(m, mi.NoneType)]
    if value is None and len(members) < len(t.types):
        return None
    # The first member that takes the value as it is, else the first that takes it at all;
    # when none does, the problems of the first member (an optional value: of its type).
    tried: list[list[dict[str, Any]]] = []
    for member in members:
        found: list[dict[str, Any]] = []
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


def _none(t: mi.NoneType, value: Any, loc: Loc, errors: list[dict[str, Any]], strict: bool) -> Any:
    if value is None:
        return None
    _error(errors, "none_required", loc, value, "Input should be None")
    return _NOTHING


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
