"""datafile.py: one way to read a data file (bundled copy or YAML, the model, the checks), every
problem with file:line and all at once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import pytest
from msgspec import Meta, field

from pleegreflectie import datacache, datafile
from pleegreflectie.datafile import (
    MAX_LOCATED,
    DataFile,
    duplicate_ids,
    list_items,
    require_mapping,
    validate,
)
from pleegreflectie.errors import InvalidFileError, Problem
from pleegreflectie.load import load_catalogue, load_framework
from pleegreflectie.structs import Model
from pleegreflectie.yamlfile import Limits, Source

LIMITS = Limits("een testbestand", size=100_000, depth=10)


class Item(Model, frozen=True, kw_only=True):
    id: Annotated[str, Meta(min_length=1)]
    count: Annotated[int, Meta(ge=1)] = field(name="aantal", default=1)


class Things(Model, frozen=True, kw_only=True):
    version: str = field(name="versie")
    items: tuple[Item, ...] = field(name="dingen")


def unique_and_known(data: dict[str, Any], source: Source, known: set[str]) -> Iterator[Problem]:
    yield from duplicate_ids(data, "dingen", "ding", source)
    for index, item in list_items(data, "dingen"):
        if isinstance(item.get("id"), str) and item["id"] not in known:
            yield source.problem(("dingen", index, "id"), f"'{item['id']}' ken ik niet.")


THINGS = DataFile(
    "dingen.yaml",
    Things,
    LIMITS,
    "'versie:' en 'dingen:'",
    (unique_and_known,),
    hint="Verbeter het bestand met dingen.",
)
GOOD = "versie: '1'\ndingen:\n  - id: a\n  - id: b\n    aantal: 2\n"
KNOWN = {"a", "b"}


def problems_of(text: str, kind: DataFile[Things] = THINGS) -> list[str]:
    with pytest.raises(InvalidFileError) as caught:
        kind.parse(Source("d.yaml", text), KNOWN)
    return [str(p) for p in caught.value.problems]


def test_a_good_file_becomes_its_model() -> None:
    things = THINGS.parse(Source("d.yaml", GOOD), KNOWN)
    assert things == Things(version="1", items=(Item(id="a"), Item(id="b", count=2)))


def test_the_problems_of_the_model_and_of_the_checks_come_at_once_with_their_lines() -> None:
    text = "versie: '1'\ndingen:\n  - id: a\n    aantal: 0\n  - id: a\n  - id: z\n"
    assert problems_of(text) == [
        "d.yaml:4: aantal: '0' is te laag. Het moet 1 of meer zijn.",
        "d.yaml:5: het id 'a' staat er al (ding nummer 1). Geef elk ding een eigen id.",
        "d.yaml:6: 'z' ken ik niet.",
    ]
    with pytest.raises(InvalidFileError) as caught:
        THINGS.parse(Source("d.yaml", text), KNOWN)
    assert str(caught.value).endswith("\nVerbeter het bestand met dingen.")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "d.yaml:1: het bestand is leeg. Het moet beginnen met 'versie:' en 'dingen:'."),
        (
            "- a\n",
            "d.yaml:1: het bestand begint met een lijst of een tekst. Het moet beginnen met 'versie:' en "
            "'dingen:'.",
        ),
    ],
)
def test_a_file_that_is_no_mapping_says_what_it_must_begin_with(text: str, message: str) -> None:
    assert problems_of(text) == [message]


def test_keys_given_as_an_example() -> None:
    source = Source("d.yaml", "")
    with pytest.raises(InvalidFileError) as caught:
        require_mapping(None, source, "'aanbod:'", example=True)
    assert [str(p) for p in caught.value.problems] == [
        "d.yaml:1: het bestand is leeg. Het moet 'aanbod:' bevatten."
    ]
    with pytest.raises(InvalidFileError) as caught:
        require_mapping(["a"], source, "'aanbod:'", example=True)
    assert [p.message for p in caught.value.problems] == [
        "het bestand moet beginnen met sleutels (zoals 'aanbod:'), niet met een lijst of tekst."
    ]
    assert require_mapping({"a": 1}, source, "'aanbod:'") == {"a": 1}


def test_the_file_is_read_with_its_own_limits() -> None:
    deep = "versie: '1'\ndingen: " + "[" * 11 + "]" * 11 + "\n"
    [message] = problems_of(deep)
    assert message.startswith("d.yaml:2: hier zitten te veel lijsten in elkaar (meer dan 10 niveaus).")


def test_load_reads_an_own_file_or_the_bundled_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "eigen.yaml"
    path.write_text(GOOD, encoding="utf-8")
    assert THINGS.load(path, KNOWN).items[1].count == 2
    monkeypatch.setattr(
        datafile, "bundled", lambda name, limits: Source(f"{name} (meegeleverd)", GOOD, limits)
    )
    monkeypatch.setattr(datacache, "copy_path", lambda name: None)
    assert THINGS.load(None, KNOWN).version == "1"
    with pytest.raises(InvalidFileError) as caught:
        THINGS.load(None, {"a"})  # checked against this context
    assert [str(p) for p in caught.value.problems] == ["dingen.yaml (meegeleverd):4: 'b' ken ik niet."]


def test_load_takes_the_checked_copy_when_it_fits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    other = Things(version="uit de kopie", items=())
    copy = tmp_path / "dingen.yaml.msgpack"
    copy.write_bytes(datacache.encode(GOOD, other, sorted(KNOWN)))
    monkeypatch.setattr(
        datafile, "bundled", lambda name, limits: Source(f"{name} (meegeleverd)", GOOD, limits)
    )
    monkeypatch.setattr(datacache, "copy_path", lambda name: copy)
    assert THINGS.load(None, sorted(KNOWN)) == other  # the copy, not the YAML
    assert THINGS.load(None, ["a", "b", "c"]).version == "1"  # another context: the YAML
    path = tmp_path / "eigen.yaml"
    path.write_text(GOOD, encoding="utf-8")
    assert THINGS.load(path, sorted(KNOWN)).version == "1"  # an own file: never a copy


def test_validate_locates_the_first_problems_and_counts_the_rest() -> None:
    count = MAX_LOCATED + 12
    text = "versie: '1'\ndingen:\n" + "".join(f"  - id: x{i}\n    aantal: 0\n" for i in range(count))
    source = Source("d.yaml", text)
    import yaml

    model, problems = validate(Things, yaml.safe_load(text), source)
    assert model is None
    assert len(problems) == MAX_LOCATED and source.skipped == 12
    assert str(problems[0]) == "d.yaml:4: aantal: '0' is te laag. Het moet 1 of meer zijn."
    _, inside = validate(Item, {"id": ""}, Source("d.yaml", "x:\n  id: ''\n"), ("x",))
    assert [str(p) for p in inside] == ["d.yaml:2: 'id' is leeg. Vul een tekst in."]  # with a prefix


def test_problems_past_the_located_ones_are_still_counted(tmp_path: Path) -> None:
    """A bug a review planted (issue 18) that the suite let pass: no count past the first MAX_LOCATED."""
    framework = load_framework()
    count = MAX_LOCATED + 234
    entry = (
        "  - id: aanbod-{n}\n    titel: Aanbod\n    aanbieder: Iemand\n    beschrijving: Iets.\n"
        "    competenties: [samenwerken.juridisch]\n    soort: training\n    vorm: [groep]\n"
        "    toegang: zelf\n"
        "    laatst_gecontroleerd: 2026-11-01\n"  # no `land`: one problem per entry
    )
    path = tmp_path / "groot.yaml"
    path.write_text(
        'versie: "x"\naanbod:\n' + "".join(entry.format(n=n) for n in range(count)), encoding="utf-8"
    )
    try:
        load_catalogue(framework, path)
    except InvalidFileError as error:
        text = str(error)
    else:
        raise AssertionError("a catalogue without `land` was accepted")
    assert text.startswith("Er zijn 1.234 problemen gevonden:")
    assert "en nog 1.184 andere problemen." in text  # 50 are listed
