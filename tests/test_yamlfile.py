"""yamlfile.py: reading YAML within limits, PyYAML's data, duplicate keys, lines, Dutch messages.

The hostile files end to end (a fresh process, time and memory) are in test_hostile.py; here the
reader itself is checked, directly and fast.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from pleegreflectie.errors import InvalidFileError, PleegreflectieError
from pleegreflectie.safe import clean_data
from pleegreflectie.yamlfile import (
    NUMBER_DIGITS,
    STDIN_NAME,
    DuplicateKeysError,
    Limits,
    Source,
    bundled,
    parse,
    read_source,
    read_stdin,
)

DATA = Path(__file__).resolve().parents[1] / "data"
SMALL = Limits("een testbestand", size=10_000, depth=5, items=10, expanded=100)


def problems(text: str, limits: Limits | None = None) -> list[tuple[int | None, str]]:
    with pytest.raises(InvalidFileError) as caught:
        parse(Source("t.yaml", text), limits)
    return [(p.line, p.message) for p in caught.value.problems]


# ---------------------------------------------------------------- the data is PyYAML's


@pytest.mark.parametrize(
    "text",
    [
        "",
        "# alleen commentaar\n",
        "---\na: 1\n...\n",
        "a: 1\nb:\n  c: [1, 2.5, ja, yes, true, ~, null, 0x1F, 1_000, '2027-01-01', 2027-01-01]\n",
        "a: 2027-01-01 10:00:00\nb: !!str 123\nc: !!binary aGFsbG8=\nd: |\n  regel 1\n  regel 2\n",
        "a: &x {b: 1}\nc: *x\n",
        "basis: &b {x: 1}\nkind:\n  <<: *b\n  y: 2\n",
        "a: !!set {x, y}\n",
        "lijst:\n  - [a, {y: 1}]\n  - -3.5e2\n",
    ],
)
def test_the_data_is_what_pyyamls_safe_loader_gives(text: str) -> None:
    assert parse(Source("t.yaml", text)) == yaml.load(text, Loader=yaml.CSafeLoader)


@pytest.mark.parametrize("name", ["courses.yaml", "pillars.yaml", "signalen.yaml", "advies.yaml"])
def test_the_bundled_files_read_as_pyyaml_reads_them(name: str) -> None:
    source = bundled(name)
    assert source.name == f"{name} (meegeleverd)"
    assert parse(source) == yaml.load(source.text, Loader=yaml.CSafeLoader)


_scalars = (
    st.text(max_size=12)
    | st.integers(-(10**12), 10**12)
    # huge and infinite numbers are refused by design (see below)
    | st.floats(allow_nan=False, allow_infinity=False, min_value=-(10.0**14), max_value=10.0**14)
    | st.booleans()
    | st.none()
    | st.dates()
)
_documents = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=25,
)


@settings(max_examples=150, deadline=None)
@given(document=_documents, flow=st.none() | st.booleans())
def test_property_any_dumped_document_reads_back(document: Any, flow: bool | None) -> None:
    text = yaml.safe_dump(document, default_flow_style=flow, allow_unicode=True)
    assert parse(Source("t.yaml", text)) == clean_data(yaml.load(text, Loader=yaml.CSafeLoader))


def test_strings_come_back_clean() -> None:
    data = parse(Source("t.yaml", 'a: "\\e[2Jweg"\n"\\e]0;x": 1\n'))
    assert "\x1b" not in repr(data)


# ---------------------------------------------------------------- duplicate keys


def test_duplicate_keys_are_problems_with_their_lines_and_the_last_value_is_kept() -> None:
    text = "a: 1\nb:\n  c: 1\n  c: 2\na: 3\nlijst:\n  - {x: 1, x: 2}\n"
    with pytest.raises(DuplicateKeysError) as caught:
        parse(Source("t.yaml", text))
    assert caught.value.data == {"a": 3, "b": {"c": 2}, "lijst": [{"x": 2}]}
    assert [(p.line, p.message) for p in caught.value.problems] == [
        (4, "'c' staat twee keer in dezelfde lijst. Houd er één over."),
        (5, "'a' staat twee keer in dezelfde lijst. Houd er één over."),
        (7, "'x' staat twee keer in dezelfde lijst. Houd er één over."),
    ]


def test_the_same_key_in_two_mappings_is_no_duplicate() -> None:
    assert parse(Source("t.yaml", "a: {x: 1}\nb: {x: 2}\n")) == {"a": {"x": 1}, "b": {"x": 2}}


# ---------------------------------------------------------------- PyYAML's errors in Dutch


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('a: 1\nb: "open\n', 3, "het bestand houdt plotseling op"),
        ("a: 1\n  b: 2\n", 2, "er staat een dubbele punt op een plek waar dat niet kan"),
        ("a: 1\n---\nb: 2\n", 2, "er staan meerdere documenten (met ---) in het bestand"),
        ("a: !onbekend 1\n", 1, "er staat een onbekend label met !"),
        ("a: *niets\n", 1, "er staat een verwijzing met * naar iets dat niet bestaat"),
        ("a:\n\t- b\n", 2, "er staat een tab. Gebruik spaties om in te springen"),
    ],
)
def test_yaml_errors_are_dutch_with_their_line(text: str, line: int, words: str) -> None:
    [(found_line, message)] = problems(text)
    assert found_line == line
    assert message.startswith(f"dit is geen geldige YAML: {words}")
    assert message.endswith(
        "Kijk naar inspringen, dubbele punten en aanhalingstekens op deze regel of de regel erboven."
    )


def test_a_character_that_has_no_place_in_a_text_file_is_named_by_its_code() -> None:
    assert problems("a: 1\nb: x\x00\n") == [
        (2, "hier staat een teken dat niet in een tekstbestand hoort (code U+0000). Haal het weg.")
    ]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            "a: 1\nb:\n  - 2027-02-30\n",
            3,
            "'2027-02-30' is geen bestaande datum. Schrijf een datum zo: 2027-12-31.",
        ),
        (
            "a: !!int twaalf\n",
            1,
            "'twaalf' is geen geldige waarde. Zet er aanhalingstekens omheen als het een tekst is.",
        ),
    ],
)
def test_a_value_that_cannot_be_made_is_a_problem_with_its_line(text: str, line: int, message: str) -> None:
    assert problems(text) == [(line, message)]


# ---------------------------------------------------------------- the limits


def test_nesting_up_to_the_depth_is_fine_and_one_more_is_refused() -> None:
    fine = "a: " + "[" * (SMALL.depth - 1) + "1" + "]" * (SMALL.depth - 1) + "\n"
    assert parse(Source("t.yaml", fine), SMALL) is not None
    deep = "\n" + "a: " + "[" * SMALL.depth + "1" + "]" * SMALL.depth + "\n"
    assert problems(deep, SMALL) == [
        (
            2,
            f"hier zitten te veel lijsten in elkaar (meer dan {SMALL.depth} niveaus). Zo'n bestand maakt "
            "niemand met de hand: controleer of dit het goede bestand is.",
        )
    ]


@pytest.mark.parametrize(
    "text",
    [
        "[" + ", ".join(["1"] * 11) + "]\n",
        "".join(f"k{i}: {i}\n" for i in range(11)),
    ],
)
def test_a_list_or_mapping_longer_than_the_limit_is_refused(text: str) -> None:
    [(line, message)] = problems(text, SMALL)
    assert line == 1 or line == 11
    assert message == (
        "deze lijst is te lang (meer dan 10 items) voor een testbestand. "
        "Controleer of dit het goede bestand is."
    )
    ten = "[" + ", ".join(["1"] * 10) + "]\n"
    assert parse(Source("t.yaml", ten), SMALL) == [1] * 10


def test_too_big_a_text_is_refused_before_parsing() -> None:
    assert problems("a: '" + "x" * 10_000 + "'\n", SMALL) == [
        (
            None,
            "het bestand is te groot voor een testbestand (meer dan 0,01 MB). "
            "Controleer of dit het goede bestand is.",
        )
    ]


def test_anchors_that_expand_too_far_are_refused() -> None:
    laughs = "a0: &a0 [x, x, x, x, x, x]\n" + "".join(
        f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n" for i in range(1, 6)
    )
    [(line, message)] = problems(laughs, SMALL)
    assert line == 3
    assert message.startswith("door de verwijzingen (& en *) wordt dit bestand veel te groot (meer dan 100 ")


def test_a_file_kind_without_aliases_refuses_every_anchor() -> None:
    no_aliases = Limits("een antwoordenbestand", size=10_000, aliases=False)
    assert problems("a: 1\nb: &x 2\n", no_aliases) == [
        (
            2,
            "in een antwoordenbestand kunnen geen verwijzingen (& en *) staan. "
            "Schrijf elke waarde gewoon uit.",
        )
    ]


@pytest.mark.parametrize("text", ["? [a, b]\n: 1\n", "a: &k x\n*k : 2\n", "? {a: 1}\n: 2\n"])
def test_a_list_or_alias_as_a_key_is_refused(text: str) -> None:
    [(_, message)] = problems(text)
    assert message.startswith("hier staat een lijst of een verwijzing als naam (sleutel).")


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("1" + "0" * NUMBER_DIGITS, "is een te groot getal"),
        ("9" * 400, "is een te groot getal"),
        ("1.0e+400", "is geen gewoon getal"),
        (".inf", "is geen gewoon getal"),
    ],
)
def test_huge_and_endless_numbers_are_refused(value: str, words: str) -> None:
    [(line, message)] = problems(f"a: 1\nb: {value}\n")
    assert line == 2
    assert words in message
    assert parse(Source("t.yaml", f"b: '{value}'\n")) == {"b": value}  # as a text, fine
    assert parse(Source("t.yaml", "b: " + "9" * NUMBER_DIGITS + "\n")) == {"b": int("9" * NUMBER_DIGITS)}


# ---------------------------------------------------------------- lines


LINES = """\
versie: "1"
aanbod:
  - id: een
    titel: Eerste
  - id: twee
    titel:
    competenties:
      - zorgen.gedrag
      - zorgen.hechting
"""


@pytest.mark.parametrize(
    ("loc", "line"),
    [
        (("versie",), 1),
        (("aanbod",), 3),
        (("aanbod", 0, "titel"), 4),
        (("aanbod", 1), 5),
        (("aanbod", 1, "titel"), 6),  # an empty value: the line of its key
        (("aanbod", 1, "competenties", 1), 9),
        (("aanbod", 1, "onbekend"), 5),  # not there: the deepest place that is
        (("aanbod", 7, "id"), 3),
    ],
)
def test_the_line_of_a_place_in_the_data(loc: tuple[str | int, ...], line: int) -> None:
    source = Source("t.yaml", LINES)
    assert source.line(loc) == line
    assert str(source.problem(loc, "zo.")) == f"t.yaml:{line}: zo."


def test_an_empty_file_has_no_lines() -> None:
    assert Source("t.yaml", "").line(("a",)) is None


# ---------------------------------------------------------------- files and standard input


def test_read_source_normalises_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"a: 1\r\nb: 2\rc: 3\n")
    source = read_source(path, SMALL)
    assert source.text == "a: 1\nb: 2\nc: 3\n"
    assert source.name == str(path)
    assert source.limits is SMALL


def test_read_source_refuses_too_big_a_file(tmp_path: Path) -> None:
    path = tmp_path / "groot.yaml"
    path.write_text("# " + "x" * 10_000 + "\n", encoding="utf-8")
    with pytest.raises(InvalidFileError) as caught:
        read_source(path, SMALL)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}: het bestand is te groot voor een testbestand (meer dan 0,01 MB). "
        "Controleer of dit het goede bestand is."
    ]


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def test_read_stdin_within_its_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(b"a: 1\r\n"))
    source = read_stdin(SMALL)
    assert (source.name, source.text) == (STDIN_NAME, "a: 1\n")
    monkeypatch.setattr(sys, "stdin", _Stdin(b"x" * 10_001))
    with pytest.raises(InvalidFileError, match="wat via de standaardinvoer binnenkwam is te groot"):
        read_stdin(SMALL)
    monkeypatch.setattr(sys, "stdin", _Stdin(b"a: caf\xe9\n"))
    with pytest.raises(InvalidFileError) as caught:
        read_stdin(SMALL)
    assert caught.value.problems[0].line == 1
    monkeypatch.setattr(sys, "stdin", None)
    with pytest.raises(PleegreflectieError, match="die is gesloten"):
        read_stdin(SMALL)
