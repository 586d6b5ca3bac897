"""The catalogue commands: check a file (all problems at once, with lines), coverage, and the schema."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from pleegreflectie.catalogue import SCHEMA_FILE, coverage, schema, schema_text
from pleegreflectie.catalogue_file import check
from pleegreflectie.errors import Problem
from pleegreflectie.load import CATALOGUE_FILE, load_catalogue
from pleegreflectie.models import Catalogue, Course, Framework, LearningForm
from pleegreflectie.yamlfile import Source, bundled, read_source

TODAY = dt.date(2026, 11, 22)
DATA = Path(__file__).resolve().parents[1] / "data"

GOOD_ENTRY = """\
  - id: {id}
    titel: "Een training"
    aanbieder: "Een organisatie"
    beschrijving: "Je leert iets."
    competenties: [zorgen.gedrag]
    soort: training
    vorm: groep
    toegang: zelf
    land: nl
    laatst_gecontroleerd: 2026-11-01
"""


def write(tmp_path: Path, text: str) -> Source:
    path = tmp_path / "aanbod.yaml"
    path.write_text(text, encoding="utf-8")
    return read_source(path)


def lines_of(problems: list[Problem]) -> list[int | None]:
    return [p.line for p in problems]


def test_the_bundled_catalogue_has_no_problems(framework: Framework) -> None:
    assert check(framework, bundled(CATALOGUE_FILE), TODAY) == []


def test_a_good_file_has_no_problems(framework: Framework, tmp_path: Path) -> None:
    source = write(tmp_path, 'versie: "1"\naanbod:\n' + GOOD_ENTRY.format(id="a") + GOOD_ENTRY.format(id="b"))
    assert check(framework, source, TODAY) == []


BROKEN = """\
versie: "1"
aanbod:
  - id: onbekende-competentie
    titel: "Training A"
    aanbieder: "Organisatie"
    beschrijving: "Je leert iets."
    competenties: [zorgen.gedrag, zorgen.slapen]
    soort: training
    vorm: groep
    toegang: zelf
    land: nl
    laatst_gecontroleerd: 2026-11-01
  - id: dubbel
    titel: "Training B"
    aanbieder: "Organisatie"
    beschrijving: "Je leert iets."
    competenties: [zorgen.gedrag]
    soort: cursus
    vorm: groep
    toegang: zelf
    land: nl
    laatst_gecontroleerd: 2026-11-01
  - id: dubbel
    titel: "Training C"
    aanbieder: "Organisatie"
    beschrijving: "Je leert iets."
    competenties: [zorgen.gedrag]
    soort: training
    vorm: groep
    toegang: zelf
    land: nl
    laatst_gecontroleerd: 2026-11-01
    geldig_tot: 2025-12-31
  - id: voor-niemand
    titel: "Training D"
    aanbieder: "Organisatie"
    beschrijving: "Je leert iets."
    competenties: [zorgen.gedrag]
    soort: training
    vorm: groep
    toegang: zelf
    land: nl
    laatst_gecontroleerd: 2026-11-01
    doelgroep:
      pleegouders: []
      problematiek: [geen, onbekend]
  - id: nog-geldig
    titel: "Training E"
    aanbieder: "Organisatie"
    beschrijving: "Je leert iets."
    competenties: [zorgen.gedrag]
    soort: training
    vorm: groep
    toegang: zelf
    land: nl
    laatst_gecontroleerd: 2026-11-01
    geldig_tot: 2026-11-22
"""


def test_all_problems_at_once_with_their_lines(framework: Framework, tmp_path: Path) -> None:
    problems = check(framework, write(tmp_path, BROKEN), TODAY)
    assert len(problems) == 6, [str(p) for p in problems]
    assert all(p.path.endswith("aanbod.yaml") for p in problems)
    assert lines_of(problems) == sorted(lines_of(problems))
    by_line = {p.line: p.message for p in problems}
    assert "'zorgen.slapen' is geen bekende competentie" in by_line[7]
    assert "soort: 'cursus' kan hier niet" in by_line[18]
    assert "het id 'dubbel' staat er al" in by_line[23]
    assert "'dubbel' is verlopen op 2025-12-31" in by_line[33]
    assert "'geldig_tot'" in by_line[33]
    assert "'pleegouders' van 'voor-niemand' is een lege lijst" in by_line[45]
    assert "past het bij niemand" in by_line[46]


def test_duplicate_keys_are_reported_together_with_the_rest(framework: Framework, tmp_path: Path) -> None:
    text = (
        'versie: "1"\naanbod:\n'
        + GOOD_ENTRY.format(id="a").replace("    toegang: zelf\n", "    toegang: zelf\n    toegang: vrij\n")
        + GOOD_ENTRY.format(id="a")
    )
    problems = check(framework, write(tmp_path, text), TODAY)
    assert [(p.line, p.message[:9]) for p in problems] == [(11, "'toegang'"), (14, "het id 'a")]
    assert "staat twee keer" in problems[0].message


def test_a_date_that_does_not_exist(framework: Framework, tmp_path: Path) -> None:
    text = 'versie: "1"\naanbod:\n' + GOOD_ENTRY.format(id="a") + "    geldig_tot: 2027-02-30\n"
    problems = check(framework, write(tmp_path, text), TODAY)
    assert [(p.line, p.message) for p in problems] == [
        (13, "'2027-02-30' is geen bestaande datum. Schrijf een datum zo: 2027-12-31.")
    ]


def test_a_yaml_syntax_error_is_one_problem_with_its_line(framework: Framework, tmp_path: Path) -> None:
    text = 'versie: "1"\naanbod:\n  - id: a\n    titel: "niet afgesloten\n    soort: training\n'
    problems = check(framework, write(tmp_path, text), TODAY)
    assert len(problems) == 1
    assert problems[0].line is not None and problems[0].line >= 4
    assert "geen geldige YAML" in problems[0].message


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "het bestand is leeg"), ("- a\n- b\n", "moet beginnen met sleutels")],
)
def test_an_empty_or_wrong_file(framework: Framework, tmp_path: Path, text: str, message: str) -> None:
    problems = check(framework, write(tmp_path, text), TODAY)
    assert len(problems) == 1
    assert message in problems[0].message


def test_missing_keys_are_named(framework: Framework, tmp_path: Path) -> None:
    text = 'versie: "1"\naanbod:\n  - id: a\n    titel: "X"\n'
    messages = [p.message for p in check(framework, write(tmp_path, text), TODAY)]
    for key in ("aanbieder", "beschrijving", "competenties", "soort", "vorm", "toegang"):
        assert f"'{key}' ontbreekt. Vul het in." in messages


# ---------------------------------------------------------------- coverage


def _entry(entry_id: str, competencies: list[str], forms: list[str], until: dt.date | None = None) -> Course:
    return Course.model_validate(
        {
            "id": entry_id,
            "titel": entry_id,
            "aanbieder": "x",
            "beschrijving": "x",
            "competenties": competencies,
            "soort": "training",
            "vorm": forms,
            "toegang": "zelf",
            "land": "nl",
            "laatst_gecontroleerd": "2026-11-01",
            "geldig_tot": until,
        }
    )


def test_coverage_counts_per_competency_pillar_and_form(framework: Framework) -> None:
    cat = Catalogue(
        version="1",
        entries=(
            _entry("a", ["zorgen.gedrag", "zorgen.wennen"], ["groep", "online"]),
            _entry("b", ["zorgen.gedrag", "opvoeden.opvoedstijlen"], ["thuis"]),
            _entry("c", ["opvoeden.opvoedstijlen"], ["groep"], until=dt.date(2026, 1, 1)),
        ),
    )
    result = coverage(framework, cat)
    pillars = {r.id: r for r in result.pillars}
    competencies = {r.id: r for r in result.competencies}
    assert result.entries == 3
    assert result.forms == tuple(LearningForm)
    assert [r.id for r in result.pillars] == [p.id for p in framework.pillars]
    assert pillars["zorgen"].total == 2  # a and b, each once although a serves two competencies
    assert pillars["zorgen"].by_form[LearningForm.GROUP] == 1
    assert pillars["zorgen"].by_form[LearningForm.HOME] == 1
    assert pillars["opvoeden"].total == 2
    assert pillars["samenwerken"].total == 0
    assert competencies["zorgen.gedrag"].total == 2
    assert competencies["zorgen.gedrag"].by_form == {
        **dict.fromkeys(LearningForm, 0),
        LearningForm.GROUP: 1,
        LearningForm.ONLINE: 1,
        LearningForm.HOME: 1,
    }
    assert competencies["zorgen.wennen"].total == 1
    assert competencies["zorgen.gedrag"].name == "Omgaan met het gedrag van je pleegkind"
    thin = {r.id for r in result.thin()}
    assert "zorgen.wennen" in thin and "zorgen.gedrag" not in thin
    assert len(thin) == len(framework.competencies()) - 2

    current = coverage(framework, cat, today=TODAY)  # the expired entry c no longer counts
    assert current.entries == 2
    assert {r.id: r.total for r in current.competencies}["opvoeden.opvoedstijlen"] == 1

    data = result.as_data()
    assert data["aanbod"] == 3
    assert data["competenties"][1] == {
        "id": "zorgen.gedrag",
        "naam": "Omgaan met het gedrag van je pleegkind",
        "totaal": 2,
        "per_vorm": {f.value: competencies["zorgen.gedrag"].by_form[f] for f in LearningForm},
    }
    json.dumps(data)


def test_the_bundled_catalogue_serves_every_competency(framework: Framework) -> None:
    result = coverage(framework, load_catalogue(framework), today=TODAY)
    assert all(row.total >= 1 for row in result.competencies)


# ---------------------------------------------------------------- schema


def test_schema_file_is_up_to_date(framework: Framework) -> None:
    assert (DATA / SCHEMA_FILE).read_text(encoding="utf-8") == schema_text(framework), (
        "data/catalogus.schema.json is out of date: "
        "run `pleegreflectie catalogus schema > data/catalogus.schema.json`"
    )


def test_the_bundled_catalogue_points_at_the_schema() -> None:
    first = (DATA / CATALOGUE_FILE).read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema={SCHEMA_FILE}"


def test_schema_describes_the_dutch_keys(framework: Framework) -> None:
    result = schema(framework)
    assert result["title"].startswith("Aanbod voor pleegouders")
    assert result["required"] == ["versie", "aanbod"]
    course = result["$defs"]["Course"]
    assert set(course["required"]) == {
        "id",
        "titel",
        "aanbieder",
        "beschrijving",
        "competenties",
        "soort",
        "vorm",
        "toegang",
        "land",
        "laatst_gecontroleerd",
    }
    assert course["additionalProperties"] is False
    assert all(prop.get("description") for prop in course["properties"].values())
    assert course["properties"]["competenties"]["items"]["enum"] == [c.id for c in framework.competencies()]
    assert {"$ref": "#/$defs/LearningForm"} in course["properties"]["vorm"]["anyOf"]  # one form is fine
    assert "enum" not in schema()["$defs"]["Course"]["properties"]["competenties"]["items"]  # no framework


def test_a_list_inside_the_challenges_is_a_problem_not_a_crash(framework: Framework, tmp_path: Path) -> None:
    text = (
        "versie: test\naanbod:\n"
        + GOOD_ENTRY.format(id="lijst-in-lijst")
        + ("    doelgroep:\n      problematiek: [[trauma]]\n")
    )
    problems = check(framework, write(tmp_path, text), TODAY)
    assert problems, "a list inside 'problematiek' must be named"
    assert all(p.path.endswith("aanbod.yaml") and p.line is not None for p in problems)
