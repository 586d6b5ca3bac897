"""Saved reflections through the commands (typer's CliRunner): start, route, overzicht, wis, rapport,
vergelijk, hervat, the catalogue commands and a corrupt store.

Every test has its own empty store (conftest sets PLEEGREFLECTIE_HOME). CliRunner has no terminal, so
commands that would ask something must say so and stop with exit code 4.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from pleegreflectie.cli import app
from pleegreflectie.flow import Sitting, StepKind
from pleegreflectie.load import load_catalogue
from pleegreflectie.models import Framework, LearningForm
from pleegreflectie.profile_file import bundled_questions
from pleegreflectie.store import FILE_NAME, Store

QUESTIONS = bundled_questions()  # the questions about the family, read at the edge

DATA = Path(__file__).resolve().parents[1] / "data"
TITLES = ["Zorgen", "Samenwerken", "Opvoeden", "Ontwikkelen", "Functioneren"]
PILLARS = ["zorgen", "samenwerken", "opvoeden", "ontwikkelen", "functioneren"]
REPORT_TITLE = "# Reflectie pleegouderschap"


# ---------------------------------------------------------------- helpers


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def home(_stable_env: Path) -> Path:
    """The store directory of this test (PLEEGREFLECTIE_HOME, set by conftest)."""
    return _stable_env


def invoke(runner: CliRunner, *args: str | Path) -> Result:
    return runner.invoke(app, [str(a) for a in args])


def stderr_of(result: Result) -> str:
    """What the command wrote to stderr (click >= 8.2 keeps it apart from stdout)."""
    return result.stderr


def ok(result: Result) -> str:
    """Exit code 0 and no traceback; returns stdout."""
    assert result.exit_code == 0, (result.output, stderr_of(result), repr(result.exception))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result.stdout


def assert_clean_failure(result: Result, code: int) -> str:
    """Exit code as expected, a Dutch message on stderr, no traceback. Returns stderr."""
    err = stderr_of(result)
    assert result.exit_code == code, (result.output, err, repr(result.exception))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output and "Traceback" not in err
    assert err.startswith("Fout: "), err
    for english in ("Error", "Usage", "No such", "not found", "Invalid"):
        assert english not in err, err
    return err


def save(runner: CliRunner, answers: Path, *extra: str) -> dict[str, Any]:
    """`start --antwoorden FILE --json`: the JSON result of a saved (or not saved) reflection."""
    data: dict[str, Any] = json.loads(ok(invoke(runner, "start", "--antwoorden", answers, "--json", *extra)))
    return data


def overview(runner: CliRunner) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(ok(invoke(runner, "overzicht", "--json")))
    return rows


def variant(source: Path, target: Path, household: str | None = None, **answers: int | str) -> Path:
    """A copy of an answers file with another household label and some answers changed.

    Keyword names are question ids with '_' for '.', such as zorgen_gedrag_weten=5.
    """
    text = source.read_text(encoding="utf-8")
    changes: dict[str, object] = {"huishouden": household} if household else {}
    changes |= {key.replace("__", "-").replace("_", "."): value for key, value in answers.items()}
    for key, value in changes.items():
        text, count = re.subn(rf"^(  {re.escape(key)}): .*$", rf"\g<1>: {value}", text, flags=re.MULTILINE)
        assert count == 1, f"{key} not found in {source}"
    target.write_text(text, encoding="utf-8")
    return target


def gap_ids(data: dict[str, Any]) -> set[str]:
    return {gap["id"] for gap in data["aandachtspunten"]}


def walked_sitting(framework: Framework, pillar_ids: list[str], household: str, answer: int) -> Sitting:
    """A sitting as the interview leaves it: every step of the plan handled, in order."""
    sitting = Sitting(pillar_ids=pillar_ids)
    while (step := sitting.next_step(framework, QUESTIONS)) is not None:
        if step.kind == StepKind.PROFILE:
            if step.key == "huishouden":
                sitting.record(step, household)
            else:
                sitting.skip(step)
        elif step.kind == StepKind.QUESTION:
            sitting.record(step, answer)
        elif step.kind == StepKind.IMPORTANCE:
            sitting.record(step, 3)
        else:
            sitting.record(step, None)
    return sitting


# The broken catalogue: an unknown competency id (line 7) and a duplicate id (line 11).
BROKEN_CATALOGUE = """\
versie: "1"
aanbod:
  - id: training-a
    titel: "Training A"
    aanbieder: "Organisatie"
    beschrijving: "Je leert iets."
    competenties: [zorgen.gedrag, zorgen.slapen]
    soort: training
    vorm: groep
    toegang: zelf
    land: nl
    laatst_gecontroleerd: 2026-11-01
  - id: training-a
    titel: "Training B"
    aanbieder: "Organisatie"
    beschrijving: "Je leert iets."
    competenties: [zorgen.gedrag]
    soort: training
    vorm: groep
    toegang: zelf
    land: nl
    laatst_gecontroleerd: 2026-11-01
"""


@pytest.fixture
def broken_catalogue(tmp_path: Path) -> Path:
    path = tmp_path / "onze-catalogus.yaml"
    path.write_text(BROKEN_CATALOGUE, encoding="utf-8")
    return path


# ---------------------------------------------------------------- start: saving


def test_start_with_answers_saves_a_finished_reflection(runner: CliRunner, oma_path: Path) -> None:
    out = ok(invoke(runner, "start", "--antwoorden", oma_path))
    assert "bewaard als nummer 1" in out
    assert "pleegreflectie rapport 1" in out
    rows = overview(runner)
    assert len(rows) == 1
    row = rows[0]
    assert row["id"] == 1
    assert row["huishouden"] == "Oma Jansen"
    assert row["status"] == "klaar"
    assert row["antwoorden"] == 48
    assert row["pijlers"] == PILLARS


def test_start_geen_opslag_saves_nothing(runner: CliRunner, oma_path: Path, home: Path) -> None:
    out = ok(invoke(runner, "start", "--antwoorden", oma_path, "--geen-opslag"))
    assert "Waar sta je?" in out
    assert "bewaard als nummer" not in out
    data = save(runner, oma_path, "--geen-opslag")
    assert data["reflectie"] is None
    assert not (home / FILE_NAME).exists()
    assert overview(runner) == []


def test_start_json_has_route_uncovered_gaps_and_the_reflection(runner: CliRunner, oma_path: Path) -> None:
    data = save(runner, oma_path)
    assert data["reflectie"] == 1
    gaps = gap_ids(data)
    assert isinstance(data["route"], list) and data["route"]
    for step in data["route"]:
        assert {"id", "competenties", "reden"} <= set(step)
        assert isinstance(step["id"], str) and step["id"]
        assert isinstance(step["reden"], str) and step["reden"].strip()
        assert step["competenties"], step  # every step serves at least one gap ...
        assert set(step["competenties"]) <= gaps, step  # ... and only gaps
    ids = [step["id"] for step in data["route"]]
    assert len(ids) == len(set(ids))
    assert isinstance(data["niet_gedekt"], list)
    assert set(data["niet_gedekt"]) <= gaps
    assert save(runner, oma_path)["reflectie"] == 2  # a second start is a new reflection


# ---------------------------------------------------------------- route


def test_route_of_the_latest_and_of_a_numbered_reflection(
    runner: CliRunner, oma_path: Path, tmp_path: Path
) -> None:
    first = save(runner, oma_path)
    latest = ok(invoke(runner, "route"))
    assert "Je leerroute" in latest
    assert first["route"][0]["titel"] in latest
    assert ok(invoke(runner, "route", "1")) == latest

    other = tmp_path / "anders.yaml"
    second = save(runner, variant(oma_path, other, "Gezin B", zorgen_gedrag_weten=5, zorgen_gedrag_doen=5))
    assert [s["id"] for s in second["route"]] != [s["id"] for s in first["route"]]  # else nothing is tested
    route_1 = json.loads(ok(invoke(runner, "route", "1", "--json")))
    route_2 = json.loads(ok(invoke(runner, "route", "2", "--json")))
    assert json.loads(ok(invoke(runner, "route", "--json"))) == route_2  # the latest is now 2
    assert [s["id"] for s in route_1["route"]] == [s["id"] for s in first["route"]]
    assert [s["id"] for s in route_2["route"]] == [s["id"] for s in second["route"]]


def test_route_from_an_answers_file_as_json(runner: CliRunner, oma_path: Path) -> None:
    started = save(runner, oma_path)
    data = json.loads(ok(invoke(runner, "route", "--antwoorden", oma_path, "--json")))
    assert {"route", "niet_gedekt"} <= set(data)
    assert data["route"] == started["route"]
    assert data["niet_gedekt"] == started["niet_gedekt"]
    assert json.loads(ok(invoke(runner, "route", "1", "--json"))) == data


def test_route_only_video(runner: CliRunner, oma_path: Path, framework: Framework) -> None:
    save(runner, oma_path)
    data = json.loads(ok(invoke(runner, "route", "1", "--vorm", "video", "--json")))
    assert data["route"], "the bundled catalogue has films for oma's gaps"
    entries = {course.id: course for course in load_catalogue(framework).entries}
    for step in data["route"]:
        assert LearningForm.VIDEO in entries[step["id"]].forms, step["id"]
    text = ok(invoke(runner, "route", "1", "--vorm", "video"))
    assert "Je leerroute" in text


def test_route_within_two_hours_per_month(runner: CliRunner, oma_path: Path) -> None:
    save(runner, oma_path)
    data = json.loads(ok(invoke(runner, "route", "--uren", "2", "--json")))
    assert data["route"]
    per_phase: dict[str, float] = defaultdict(float)
    for step in data["route"]:
        per_phase[step["fase"]] += step["uren_per_maand"] or 0
    assert per_phase and all(hours <= 2 for hours in per_phase.values()), dict(per_phase)


def test_route_with_an_unknown_form(runner: CliRunner, oma_path: Path) -> None:
    save(runner, oma_path)
    err = assert_clean_failure(invoke(runner, "route", "--vorm", "onzin"), 2)
    assert "'onzin' is geen vorm" in err
    assert "video" in err and "Kies uit" in err


def test_route_of_an_unknown_number(runner: CliRunner, oma_path: Path) -> None:
    save(runner, oma_path)
    result = invoke(runner, "route", "99")
    err = assert_clean_failure(result, 3)
    assert "99" in err and "overzicht" in err
    assert result.stdout == ""


def test_route_with_nothing_saved(runner: CliRunner) -> None:
    err = assert_clean_failure(invoke(runner, "route"), 3)
    assert "nog geen bewaarde reflectie" in err
    assert "pleegreflectie start" in err


def test_route_with_a_broken_catalogue(runner: CliRunner, oma_path: Path, broken_catalogue: Path) -> None:
    save(runner, oma_path)
    result = invoke(runner, "route", "--catalogus", broken_catalogue)
    err = assert_clean_failure(result, 2)
    assert f"{broken_catalogue}:7:" in err and "zorgen.slapen" in err
    assert f"{broken_catalogue}:13:" in err and "training-a" in err
    assert result.stdout == ""


# ---------------------------------------------------------------- overzicht


def test_overzicht_as_a_table(runner: CliRunner, oma_path: Path, home: Path, framework: Framework) -> None:
    save(runner, oma_path)
    with Store.open(home) as store:  # an unfinished reflection, as after Ctrl-C
        sitting = Sitting(pillar_ids=["zorgen"], profile={"huishouden": "Gezin Half"})
        store.create(sitting, household="Gezin Half", framework_version=framework.version)
    out = ok(invoke(runner, "overzicht"))
    header = next(line for line in out.splitlines() if "Nr" in line)
    for column in ("Nr", "Gezin", "Status"):
        assert column in header
    row_1 = next(line for line in out.splitlines() if "Oma Jansen" in line)
    assert row_1.split()[0] == "1" and "klaar" in row_1
    row_2 = next(line for line in out.splitlines() if "Gezin Half" in line)
    assert row_2.split()[0] == "2" and "nog bezig" in row_2
    assert "pleegreflectie hervat" in out


def test_overzicht_of_an_empty_store(runner: CliRunner) -> None:
    out = ok(invoke(runner, "overzicht"))
    assert "Er zijn nog geen bewaarde reflecties" in out
    assert "pleegreflectie start" in out
    assert overview(runner) == []


def test_overzicht_counts_the_pillars_of_an_answers_file_as_done(runner: CliRunner, oma_path: Path) -> None:
    save(runner, oma_path)
    assert overview(runner)[0]["pijlers_klaar"] == PILLARS


# ---------------------------------------------------------------- wis


def test_wis_one_with_ja(runner: CliRunner, oma_path: Path) -> None:
    save(runner, oma_path)
    save(runner, oma_path)
    out = ok(invoke(runner, "wis", "1", "--ja"))
    assert "Gewist" in out and "reflectie 1" in out
    assert [row["id"] for row in overview(runner)] == [2]
    assert_clean_failure(invoke(runner, "route", "1"), 3)


def test_wis_alles_with_ja(runner: CliRunner, oma_path: Path) -> None:
    save(runner, oma_path)
    save(runner, oma_path)
    out = ok(invoke(runner, "wis", "--alles", "--ja"))
    assert "Gewist" in out and "2" in out
    assert overview(runner) == []


def test_wis_an_unknown_number(runner: CliRunner, oma_path: Path) -> None:
    save(runner, oma_path)
    err = assert_clean_failure(invoke(runner, "wis", "99", "--ja"), 3)
    assert "99" in err
    assert len(overview(runner)) == 1


def test_wis_without_ja_and_without_a_terminal_deletes_nothing(runner: CliRunner, oma_path: Path) -> None:
    save(runner, oma_path)
    err = assert_clean_failure(invoke(runner, "wis", "1"), 4)
    assert "--ja" in err
    assert [row["id"] for row in overview(runner)] == [1]
    err = assert_clean_failure(invoke(runner, "wis", "--alles"), 4)
    assert "--ja" in err
    assert [row["id"] for row in overview(runner)] == [1]


@pytest.mark.parametrize("args", [[], ["--ja"], ["1", "--alles", "--ja"]])
def test_wis_needs_a_number_or_alles(runner: CliRunner, oma_path: Path, args: list[str]) -> None:
    save(runner, oma_path)
    err = assert_clean_failure(invoke(runner, "wis", *args), 2)
    assert "--alles" in err
    assert len(overview(runner)) == 1


# ---------------------------------------------------------------- rapport


def test_rapport_to_stdout(runner: CliRunner, oma_path: Path) -> None:
    save(runner, oma_path)
    out = ok(invoke(runner, "rapport", "1"))
    assert out.startswith(REPORT_TITLE + "\n")
    assert "Oma Jansen" in out
    assert ok(invoke(runner, "rapport")) == out  # without a number: the latest


def test_rapport_to_a_file_is_never_overwritten_without_asking(
    runner: CliRunner, oma_path: Path, tmp_path: Path
) -> None:
    save(runner, oma_path)
    report = ok(invoke(runner, "rapport", "1"))
    target = tmp_path / "x.md"
    out = ok(invoke(runner, "rapport", "1", "-o", target))
    assert str(target) in out
    assert target.read_text(encoding="utf-8") == report

    target.write_text("eigen aantekeningen\n", encoding="utf-8")
    err = assert_clean_failure(invoke(runner, "rapport", "1", "-o", target), 2)
    assert str(target) in err and "--overschrijf" in err
    assert target.read_text(encoding="utf-8") == "eigen aantekeningen\n"

    ok(invoke(runner, "rapport", "1", "-o", target, "--overschrijf"))
    assert target.read_text(encoding="utf-8") == report


def test_rapport_of_an_unknown_number(runner: CliRunner, oma_path: Path, tmp_path: Path) -> None:
    save(runner, oma_path)
    err = assert_clean_failure(invoke(runner, "rapport", "99"), 3)
    assert "99" in err and "overzicht" in err
    assert_clean_failure(invoke(runner, "rapport", "99", "-o", tmp_path / "y.md"), 3)
    assert not (tmp_path / "y.md").exists()


# ---------------------------------------------------------------- vergelijk


@pytest.fixture
def two_visits(runner: CliRunner, oma_path: Path, tmp_path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """Two reflections of Oma Jansen: Zorgen grew, Samenwerken dropped, the rest stayed."""
    first = save(runner, oma_path)
    later = variant(
        oma_path,
        tmp_path / "later.yaml",
        zorgen_gedrag_weten=5,
        zorgen_gedrag_doen=5,
        zorgen_ambassadeur_weten=5,
        zorgen_ambassadeur_doen=5,
        samenwerken_netwerk_weten=2,
        samenwerken_netwerk_doen=2,
        samenwerken_communicatie_weten=2,
        samenwerken_communicatie_doen=2,
    )
    return first, save(runner, later)


def expected_verdicts(before: dict[str, Any], after: dict[str, Any]) -> dict[str, str]:
    """Per pillar title, by the README: grown or dropped from half a point on, else the same."""
    old = {p["titel"]: p["score"] for p in before["pijlers"]}
    verdicts = {}
    for pillar in after["pijlers"]:
        delta = pillar["score"] - old[pillar["titel"]]
        verdicts[pillar["titel"]] = "gegroeid" if delta >= 0.5 else "gedaald" if delta <= -0.5 else "gelijk"
    return verdicts


def shown_verdicts(out: str) -> dict[str, str]:
    """The verdict at the end of each pillar's row in the comparison table."""
    verdicts = {}
    for line in out.splitlines():
        words = line.split()
        if words and words[0] in TITLES:
            verdicts[words[0]] = words[-1]
    return verdicts


def test_vergelijk_shows_the_change_per_pillar(
    runner: CliRunner, two_visits: tuple[dict[str, Any], dict[str, Any]]
) -> None:
    before, after = two_visits
    expected = expected_verdicts(before, after)
    assert set(expected.values()) == {"gegroeid", "gedaald", "gelijk"}  # the data has all three
    assert expected["Zorgen"] == "gegroeid" and expected["Samenwerken"] == "gedaald"
    out = ok(invoke(runner, "vergelijk"))
    assert shown_verdicts(out) == expected
    assert "Het gedrag van je pleegkind: 2,0 → 5,0 (gegroeid)" in out
    assert ok(invoke(runner, "vergelijk", "1", "2")) == out
    assert ok(invoke(runner, "vergelijk", "2")) == out  # one number: compared with the one before


def test_vergelijk_with_only_one_reflection(runner: CliRunner, oma_path: Path) -> None:
    save(runner, oma_path)
    err = assert_clean_failure(invoke(runner, "vergelijk"), 3)
    assert "geen eerdere reflectie" in err and "Oma Jansen" in err
    assert "pleegreflectie vergelijk" in err


def test_vergelijk_refuses_a_reflection_with_itself(runner: CliRunner, oma_path: Path) -> None:
    save(runner, oma_path)
    err = assert_clean_failure(invoke(runner, "vergelijk", "1", "1"), 2)
    assert "je vergelijkt reflectie 1 met zichzelf" in err and "twee verschillende nummers" in err
    assert "pleegreflectie overzicht" in err


def test_vergelijk_with_nothing_saved(runner: CliRunner) -> None:
    err = assert_clean_failure(invoke(runner, "vergelijk"), 3)
    assert "nog geen reflectie helemaal af" in err


def test_vergelijk_with_another_household_only(runner: CliRunner, oma_path: Path, tmp_path: Path) -> None:
    save(runner, oma_path)
    save(runner, variant(oma_path, tmp_path / "b.yaml", "Gezin B"))
    err = assert_clean_failure(invoke(runner, "vergelijk"), 3)
    assert "Gezin B" in err


def test_the_report_of_the_second_reflection_has_the_comparison(
    runner: CliRunner, two_visits: tuple[dict[str, Any], dict[str, Any]]
) -> None:
    first = ok(invoke(runner, "rapport", "1"))
    second = ok(invoke(runner, "rapport", "2"))
    assert "Wat is er veranderd?" not in first
    assert second.startswith(REPORT_TITLE)
    assert "## Wat is er veranderd?" in second.splitlines()
    section = second[second.index("## Wat is er veranderd?") :]
    rows = {line.split("|")[1].strip(): line for line in section.splitlines() if line.startswith("| ")}
    assert "gegroeid" in rows["Zorgen"]
    assert "gedaald" in rows["Samenwerken"]
    assert "gelijk" in rows["Opvoeden"]


# ---------------------------------------------------------------- hervat


def test_hervat_with_nothing_unfinished(runner: CliRunner, oma_path: Path) -> None:
    err = assert_clean_failure(invoke(runner, "hervat"), 3)
    assert "pleegreflectie start" in err
    save(runner, oma_path)  # a finished one does not count
    assert_clean_failure(invoke(runner, "hervat"), 3)


def test_hervat_an_unknown_number(runner: CliRunner) -> None:
    err = assert_clean_failure(invoke(runner, "hervat", "99"), 3)
    assert "99" in err and "overzicht" in err


def test_hervat_an_unfinished_reflection_without_a_terminal(
    runner: CliRunner, home: Path, framework: Framework
) -> None:
    with Store.open(home) as store:
        store.create(Sitting(pillar_ids=["zorgen"]), household="Gezin H", framework_version=framework.version)
    err = assert_clean_failure(invoke(runner, "hervat"), 4)
    assert "pleegreflectie hervat 1" in err


def test_hervat_checks_the_pillar_before_it_reopens_the_worker_part(
    runner: CliRunner, home: Path, framework: Framework
) -> None:
    with Store.open(home) as store:
        reflection_id = store.create(
            Sitting(pillar_ids=["zorgen"]), household="Gezin W", framework_version=framework.version
        )
    err = assert_clean_failure(
        invoke(runner, "hervat", str(reflection_id), "--met-begeleider", "--pijler", "onzin"), 2
    )
    assert "onzin" in err
    with Store.open(home) as store:
        _, sitting = store.load(reflection_id)
    assert not sitting.setup.get("begeleider"), "a refused command saved nothing"


def test_hervat_of_a_finished_reflection_shows_the_result_without_asking(
    runner: CliRunner, home: Path, framework: Framework
) -> None:
    sitting = walked_sitting(framework, ["zorgen"], "Gezin F", answer=3)
    with Store.open(home) as store:
        reflection_id = store.create(sitting, household="Gezin F", framework_version=framework.version)
        store.finish(reflection_id, route_ids=[])
    out = ok(invoke(runner, "hervat", str(reflection_id)))
    assert "al helemaal ingevuld" in out
    assert "Waar sta je?" in out
    assert "Zorgen (score 3,0, op basis van" in out
    assert "Welkom terug" not in out
    assert "Hoe noemen we dit gezin" not in out and "druk op" not in out  # nothing was asked


def test_hervat_of_a_reflection_finished_from_an_answers_file(runner: CliRunner, oma_path: Path) -> None:
    save(runner, oma_path)
    out = ok(invoke(runner, "hervat", "1"))
    assert "al helemaal ingevuld" in out
    assert "Waar sta je?" in out


def test_hervat_of_a_finished_reflection_changes_nothing(
    runner: CliRunner, home: Path, framework: Framework
) -> None:
    march = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
    sitting = walked_sitting(framework, ["zorgen"], "Gezin F", answer=3)
    with Store.open(home, clock=lambda: march) as store:
        reflection_id = store.create(sitting, household="Gezin F", framework_version=framework.version)
        store.finish(reflection_id, route_ids=["levensboek"])
        before, _ = store.load(reflection_id)
    ok(invoke(runner, "hervat", str(reflection_id)))
    with Store.open(home) as store:
        after, _ = store.load(reflection_id)
    assert after.finished_at == before.finished_at == march
    assert after.route == ("levensboek",)
    assert "1 maart 2025" in ok(invoke(runner, "rapport", str(reflection_id)))


# ---------------------------------------------------------------- catalogus


def test_catalogus_schema_is_the_bundled_schema(runner: CliRunner) -> None:
    out = ok(invoke(runner, "catalogus", "schema"))
    schema = json.loads(out)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert out == (DATA / "catalogus.schema.json").read_text(encoding="utf-8")


def test_catalogus_controleer_the_bundled_catalogue(runner: CliRunner) -> None:
    out = ok(invoke(runner, "catalogus", "controleer"))
    assert "geen problemen" in out


def test_catalogus_controleer_a_broken_file(runner: CliRunner, broken_catalogue: Path) -> None:
    result = invoke(runner, "catalogus", "controleer", broken_catalogue)
    err = assert_clean_failure(result, 2)
    assert "2 problemen" in err
    assert f"{broken_catalogue}:7:" in err and "'zorgen.slapen' is geen bekende competentie" in err
    assert f"{broken_catalogue}:13:" in err and "'training-a' staat er al" in err
    assert err.index(":7:") < err.index(":13:")


def test_catalogus_controleer_a_missing_file(runner: CliRunner, tmp_path: Path) -> None:
    err = assert_clean_failure(invoke(runner, "catalogus", "controleer", tmp_path / "weg.yaml"), 3)
    assert "weg.yaml" in err


def test_catalogus_dekking_names_every_pillar(runner: CliRunner, framework: Framework) -> None:
    out = ok(invoke(runner, "catalogus", "dekking"))
    for pillar in framework.pillars:
        assert pillar.title in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_catalogus_dekking_as_json(runner: CliRunner, framework: Framework) -> None:
    data = json.loads(ok(invoke(runner, "catalogus", "dekking", "--json")))
    assert {"pijlers", "competenties", "dun"} <= set(data)
    assert [p["id"] for p in data["pijlers"]] == [p.id for p in framework.pillars]
    assert [c["id"] for c in data["competenties"]] == [c.id for c in framework.competencies()]
    assert all(c["totaal"] >= 1 for c in data["competenties"])  # the bundled file serves every competency
    assert isinstance(data["dun"], list)


# ---------------------------------------------------------------- a corrupt store


GARBAGE = b"Dit is geen database, maar een boodschappenlijst.\n" * 100


@pytest.mark.parametrize(
    "args",
    [
        ["overzicht"],
        ["overzicht", "--json"],
        ["route"],
        ["rapport", "1"],
        ["vergelijk"],
        ["hervat"],
        ["wis", "1", "--ja"],
        ["wis", "--alles", "--ja"],
        ["start", "--antwoorden", "OMA"],
    ],
    ids=" ".join,
)
def test_a_corrupt_store_is_named_and_left_alone(
    runner: CliRunner, home: Path, oma_path: Path, args: list[str]
) -> None:
    home.mkdir(parents=True, exist_ok=True)
    path = home / FILE_NAME
    path.write_bytes(GARBAGE)
    result = invoke(runner, *[str(oma_path) if a == "OMA" else a for a in args])
    err = assert_clean_failure(result, 5)
    assert str(path) in err
    assert "beschadigd" in err
    assert path.read_bytes() == GARBAGE
    assert sorted(p.name for p in home.iterdir()) == [FILE_NAME]


def test_geen_opslag_works_beside_a_corrupt_store(runner: CliRunner, home: Path, oma_path: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / FILE_NAME).write_bytes(GARBAGE)
    assert save(runner, oma_path, "--geen-opslag")["reflectie"] is None
    assert (home / FILE_NAME).read_bytes() == GARBAGE


# ---------------------------------------------------------------- vergelijk and the catalogue of a reflection


def test_vergelijk_without_numbers_uses_the_two_latest_finished(oma_path: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    for _ in range(2):
        assert runner.invoke(app, ["start", "--antwoorden", str(oma_path), "--json"]).exit_code == 0
    with Store.open() as store:  # an unfinished, empty reflection of the same household, made last
        store.create(
            Sitting(pillar_ids=["zorgen"], profile={"huishouden": "Oma Jansen"}),
            household="Oma Jansen",
            framework_version="x",
        )
    out = runner.invoke(app, ["vergelijk"])
    assert out.exit_code == 0, out.output
    assert "nr. 1" in out.stdout and "nr. 2" in out.stdout and "nr. 3" not in out.stdout
    assert "nog niet af" not in out.stdout
    assert "nog niet gedaan" not in out.stdout  # nobody asked: no verdict on the previous route
    assert "niet gevraagd" in out.stdout
    named = runner.invoke(app, ["vergelijk", "3"])
    assert named.exit_code == 0, named.output
    assert "reflectie 3 is nog niet af" in named.stdout


def test_the_report_plans_with_the_catalogue_of_the_reflection(oma_path: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    custom = tmp_path / "eigen.yaml"
    custom.write_text(
        "versie: eigen-1\naanbod:\n"
        "  - id: eigen-gedragstraining\n"
        "    titel: Onze eigen gedragstraining\n"
        "    aanbieder: Pleegzorg Test\n"
        "    beschrijving: Een training van onze organisatie.\n"
        "    competenties: [zorgen.gedrag, opvoeden.opvoedstijlen]\n"
        "    soort: training\n"
        "    vorm: [thuis]\n"
        "    toegang: zelf\n"
        "    land: nl\n"
        "    laatst_gecontroleerd: 2026-11-01\n"
        "    bron: {titel: Onze website, url: 'https://pleegzorg.example/training'}\n"
        "    duur: {uren: 4}\n",
        encoding="utf-8",
    )
    started = runner.invoke(
        app, ["start", "--antwoorden", str(oma_path), "--catalogus", str(custom), "--json"]
    )
    assert started.exit_code == 0, started.output
    assert "eigen-gedragstraining" in [s["id"] for s in json.loads(started.stdout)["route"]]
    report = runner.invoke(app, ["rapport", "1"])
    assert "Onze eigen gedragstraining" in report.stdout and "eigen-1" in report.stdout
    route = runner.invoke(app, ["route", "1", "--json"])
    assert "eigen-gedragstraining" in [s["id"] for s in json.loads(route.stdout)["route"]]
    custom.unlink()
    gone = runner.invoke(app, ["rapport", "1"])
    assert gone.exit_code == 0, gone.output
    assert "Onze eigen gedragstraining" not in gone.stdout
    assert "er niet meer" in " ".join(gone.stdout.split())  # the report says so ...
    assert "meegeleverde catalogus" in " ".join(gone.stderr.split())  # ... and so does the terminal
