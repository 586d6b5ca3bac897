"""structs.py: plain data to msgspec Structs, every problem at once, each said in Dutch with its place."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Literal

import msgspec
import pytest
from msgspec import Meta, field

from pleegreflectie.datafile import validate
from pleegreflectie.models import Answers, Profile, Special
from pleegreflectie.structs import STRICT, Model, ValidationError
from pleegreflectie.yamlfile import Source


class Colour(StrEnum):
    RED = "rood"
    GREEN = "groen"


class Inner(Model, frozen=True, kw_only=True):
    low: int | None = None
    high: int | None = None

    def __post_init__(self) -> None:
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError("laag is groter dan hoog")


class Thing(Model, frozen=True, kw_only=True):
    __excluded__: ClassVar[frozenset[str]] = frozenset({"secret"})

    name: Annotated[str, Meta(min_length=1, max_length=5)] = field(name="naam")
    count: Annotated[int, Meta(ge=1, le=3)] = field(name="aantal", default=1)
    exact: Annotated[int, STRICT] | None = field(name="precies", default=None)
    kind: Literal["zelf", "via-begeleider", "vrij"] = field(name="toegang", default="zelf")
    colours: Annotated[tuple[Colour, ...], Meta(min_length=1)] = field(name="kleuren", default=(Colour.RED,))
    day: dt.date | None = field(name="dag", default=None)
    yes: bool = field(name="ja", default=False)
    inner: Inner = field(name="binnen", default_factory=Inner)
    scores: dict[str, Annotated[float, Meta(ge=1, le=5)]] = field(name="scores", default_factory=dict)
    answer: Annotated[int, Meta(ge=1, le=5)] | Special | None = field(name="antwoord", default=None)
    secret: str = ""

    @classmethod
    def before(cls, data: dict[str, Any]) -> dict[str, Any]:
        if isinstance(data.get("kleuren"), str):
            data["kleuren"] = [data["kleuren"]]
        return data


def errors_of(data: Any) -> list[tuple[tuple[Any, ...], str]]:
    with pytest.raises(ValidationError) as caught:
        Thing.model_validate(data)
    return [(issue.loc, issue.message) for issue in caught.value.errors()]


def test_good_data_becomes_a_struct_with_english_attributes() -> None:
    thing = Thing.model_validate(
        {
            "naam": "Kim",
            "aantal": "2",  # a number written as text
            "kleuren": "groen",  # one colour without a list (before)
            "dag": "2027-12-31",
            "ja": "yes",
            "binnen": {"low": 1, "high": 2},  # attribute names work too
            "scores": {"a": 2},
            "antwoord": "weet ik niet",
        }
    )
    assert thing == Thing(
        name="Kim",
        count=2,
        colours=(Colour.GREEN,),
        day=dt.date(2027, 12, 31),
        yes=True,
        inner=Inner(low=1, high=2),
        scores={"a": 2.0},
        answer=Special.DONT_KNOW,
    )
    assert isinstance(thing, msgspec.Struct)


def test_every_problem_at_once_in_the_order_of_the_fields() -> None:
    found = errors_of(
        {
            "aantal": 7,
            "precies": "3",  # strict: no text for a number
            "toegang": "iedereen",
            "kleuren": [],
            "dag": "morgen",
            "ja": "misschien",
            "binnen": {"low": 5, "high": 1},
            "scores": {"a": "veel", "b": 9},
            "antwoord": 6,
            "onbekend": 1,
        }
    )
    assert found == [
        (("naam",), "'naam' ontbreekt. Vul het in."),
        (("aantal",), "aantal: '7' is te hoog. Het mag hoogstens 3 zijn."),
        (("precies",), "precies: '3' moet een heel getal zijn."),
        (("toegang",), "toegang: 'iedereen' kan hier niet. Kies uit: 'zelf', 'via-begeleider', 'vrij'."),
        (("kleuren",), "'kleuren' heeft te weinig items. Er moeten er minstens 1 zijn."),
        (("dag",), "dag: 'morgen' is geen datum. Schrijf het zo: 2027-12-31."),
        (("ja",), "ja: 'misschien' moet ja of nee zijn (true of false)."),
        (("binnen",), "binnen: laag is groter dan hoog."),
        (("scores", "a"), "a: 'veel' moet een getal zijn."),
        (("scores", "b"), "b: '9' is te hoog. Het mag hoogstens 5.0 zijn."),
        (("antwoord",), "antwoord: '6' is te hoog. Het mag hoogstens 5 zijn."),
        (("onbekend",), "'onbekend' is geen bekende sleutel. Haal het weg of controleer de spelling."),
    ]


def test_a_list_with_a_bad_item_is_not_also_too_short() -> None:
    assert errors_of({"naam": "Kim", "kleuren": ["paars"]}) == [
        (("kleuren", 0), "kleuren: 'paars' kan hier niet. Kies uit: 'rood', 'groen'.")
    ]


def test_a_fixed_set_of_values_names_its_choices() -> None:
    with pytest.raises(ValidationError) as caught:
        Thing.model_validate({"naam": "Kim", "toegang": 3})
    assert [issue.choices for issue in caught.value.errors()] == ["'zelf', 'via-begeleider', 'vrij'"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"naam": 5}, "'naam' moet een tekst zijn."),
        ({"naam": ""}, "'naam' is leeg. Vul een tekst in."),
        ({"naam": "Kim", "binnen": [1]}, "'binnen' moet een lijst van sleutels met waarden zijn."),
        ({"naam": "Kim", "kleuren": {"a": 1}}, "'kleuren' moet een lijst zijn, zoals [a, b]."),
        ({"naam": "Kim", "scores": {"a": float("inf")}}, "a: 'inf' moet een gewoon getal zijn."),
        ({"naam": "Kim", 3: "x"}, "'3' kan hier geen naam (sleutel) zijn. Gebruik een woord, zoals 'titel'."),
        (
            {"naam": "Kim", "dag": dt.datetime(2027, 1, 2, 10, 0)},
            "dag: '2027-01-02 10:00:00' is geen datum. Schrijf het zo: 2027-12-31.",
        ),
    ],
)
def test_each_kind_of_problem_is_said_in_dutch(data: dict[Any, Any], message: str) -> None:
    assert [m for _, m in errors_of(data)] == [message]


def test_problems_read_as_dutch_sentences_with_their_line() -> None:
    text = "naam: Kimberly\ntoegang: iedereen\nbinnen:\n  low: 5\n  high: 1\n"
    source = Source("t.yaml", text)
    import yaml

    model, problems = validate(Thing, yaml.safe_load(text), source)
    assert model is None
    assert [(p.line, p.message) for p in problems] == [
        (1, "'naam' is te lang. Gebruik hoogstens 5 tekens."),
        (2, "toegang: 'iedereen' kan hier niet. Kies uit: 'zelf', 'via-begeleider', 'vrij'."),  # as written
        (4, "binnen: laag is groter dan hoog."),  # where the mapping begins
    ]


class Said(Model, frozen=True, kw_only=True):
    """A file with its own Dutch texts (as the answers file has them)."""

    __unknown_key__: ClassVar[str] = "'{key}' is geen bekende sleutel. Gebruik alleen: cijfers, namen."

    marks: dict[
        str,
        Annotated[
            Annotated[int, Meta(ge=1, le=5)]
            | dict[str, Annotated[int, Meta(extra={"problem": "{loc[1]}/{key}: {value}?"})]],
            Meta(extra={"problem": "{loc[1]}: {value} is geen cijfer."}),
        ],
    ] = field(name="cijfers", default_factory=dict)
    names: Annotated[
        list[Annotated[str, Meta(max_length=3)]],
        Meta(extra={"problem": "'namen' moet een lijst korte namen zijn.", "too_long": "te veel namen."}),
        Meta(max_length=2),
    ] = field(name="namen", default_factory=list)


def test_a_model_says_its_own_dutch_text_where_it_has_one() -> None:
    text = "cijfers:\n  a: 9\n  b:\n    x: 2\n    y: nee\nnamen:\n  - Kim\n  - Kimberly\nkleur: rood\n"
    import yaml

    _, problems = validate(Said, yaml.safe_load(text), Source("s.yaml", text))
    assert [(p.line, p.message) for p in problems] == [
        (2, "a: '9' is geen cijfer."),  # the text of the place, with the value as given
        (5, "b/y: 'nee'?"),  # a deeper text of its own stays, at its own line
        (7, "'namen' moet een lijst korte namen zijn."),  # a deeper problem without text: said for the list
        (9, "'kleur' is geen bekende sleutel. Gebruik alleen: cijfers, namen."),
    ]
    _, problems = validate(Said, {"namen": ["a", "b", "c"]}, Source("s.yaml", "namen: [a, b, c]\n"))
    assert [p.message for p in problems] == ["te veel namen."]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (1.5, "aantal: '1.5' moet een heel getal zijn."),
        ("twee", "aantal: 'twee' moet een heel getal zijn."),
        (True, None),  # lax: True is 1
        (0, "aantal: '0' is te laag. Het moet 1 of meer zijn."),
    ],
)
def test_whole_numbers(value: Any, message: str | None) -> None:
    if message is None:
        assert Thing.model_validate({"naam": "Kim", "aantal": value}).count == 1
        return
    assert errors_of({"naam": "Kim", "aantal": value}) == [(("aantal",), message)]


def test_a_validation_error_is_a_value_error() -> None:
    # the store treats a row it cannot turn into a record as damaged by catching ValueError
    assert issubclass(ValidationError, ValueError)


def test_dump_with_file_keys_and_copy() -> None:
    thing = Thing.model_validate({"naam": "Kim", "dag": dt.date(2027, 1, 2), "kleuren": ["groen"]})
    assert thing.model_dump(mode="json", by_alias=True, exclude_defaults=True) == {
        "naam": "Kim",
        "kleuren": ["groen"],
        "dag": "2027-01-02",
    }
    assert thing.model_dump()["colours"] == (Colour.GREEN,)  # python mode keeps the values
    assert "secret" not in thing.model_dump()  # never written to a file
    assert thing.model_dump(exclude={"name"}).keys() >= {"count", "day"}
    assert "name" not in thing.model_dump(exclude={"name"})
    copy = thing.model_copy(update={"count": 3})
    assert copy.count == 3 and thing.count == 1 and copy.name == "Kim"


def test_the_real_models_keep_their_promises() -> None:
    profile = Profile.model_validate({"huishouden": "  Gezin   A ", "eigen_kinderen": "yes"})
    assert profile.household == "Gezin A" and profile.own_children is True
    assert Profile.model_validate({"huishouden": "   "}).household is None
    answers = Answers.model_validate({"antwoorden": {"a.b.weten": 3}})
    assert answers.answers == {"a.b.weten": 3}
    with pytest.raises(ValidationError) as caught:
        Answers.model_validate({"antwoorden": {"a.b.weten": 9}, "deelnemers": ["a", "b", "c"]})
    assert [(e.loc, e.message) for e in caught.value.errors()] == [
        (("deelnemers",), "'deelnemers' heeft te veel items. Er mogen er hoogstens 2 zijn."),
        (("antwoorden", "a.b.weten"), "a.b.weten: '9' is te hoog. Het mag hoogstens 5 zijn."),
    ]
    assert [e.too_long for e in caught.value.errors()] == [True, False]


# ---------------------------------------------------------------- json_text

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from pleegreflectie.structs import json_text  # noqa: E402

# What --json writes: text (any Unicode, also line separators and controls), whole numbers, scores
# and hours with decimals, yes/no, nothing; in lists and mappings with text keys.
_plain_floats = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False).filter(
    lambda x: x == 0 or abs(x) >= 1e-4
)
_scalars = st.none() | st.booleans() | st.integers(-(10**15), 10**15) | _plain_floats | st.text()
_data = st.recursive(
    _scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4)
)


@settings(max_examples=300, deadline=None)
@given(data=_data)
def test_json_text_is_the_text_of_json_dumps(data: Any) -> None:
    import json

    assert json_text(data) == json.dumps(data, ensure_ascii=False, indent=2)


def test_json_text_of_enums_and_tuples() -> None:
    import json

    data = {"kleur": Colour.GREEN, "paar": ("a", 1), "leeg": [], "niets": {}}
    assert json_text(data) == json.dumps(data, ensure_ascii=False, indent=2)


@settings(max_examples=200, deadline=None)
@given(number=st.floats(allow_nan=False, allow_infinity=False))
def test_json_text_of_any_number_is_the_same_number(number: float) -> None:
    import json

    assert json.loads(json_text({"x": number})) == {"x": number}
