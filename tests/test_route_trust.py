"""Advice a family can trust (issue 8): done is done, every priority gap accounted for, the phase of
the family, honest scores, `vergelijk` of finished reflections and the catalogue of a reflection.

Personas check what a foster care worker would expect; properties check the promises for any family.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_route import (
    PROPERTY,
    TODAY,
    _bundled,
    _framework,
    answers,
    catalogue,
    catalogues,
    course,
    families,
    form_options,
    hour_options,
    ids,
    plan,
)
from typer.testing import CliRunner

from pleegreflectie.answers_file import load_answers, parse_answers
from pleegreflectie.cli import app
from pleegreflectie.errors import InvalidFileError
from pleegreflectie.export import result_data, route_data
from pleegreflectie.flow import PREVIOUS_ROUTE_KEY, Sitting, Step, StepKind
from pleegreflectie.history import compare_saved, report_of
from pleegreflectie.load import Source
from pleegreflectie.models import Answers, Catalogue, LearningForm, Profile, Special
from pleegreflectie.route import MAX_GAPS, MAX_STEPS, Route, family_phases, plan_route
from pleegreflectie.scoring import Result, score
from pleegreflectie.store import Store

FIXTURES = Path(__file__).parent / "fixtures"


def plan_with(
    family: Answers,
    cat: Catalogue | None = None,
    *,
    done: Sequence[str] = (),
    ongoing: Sequence[str] = (),
    forms: Sequence[LearningForm] | None = None,
    hours: int | None = None,
) -> tuple[Route, Result]:
    framework = _framework()
    result = score(framework, family)
    route = plan_route(
        framework,
        cat or _bundled(),
        family,
        result,
        forms=forms,
        hours=hours,
        today=TODAY,
        done=done,
        ongoing=ongoing,
    )
    return route, result


def where(route: Route) -> dict[str, list[str]]:
    """For each competency: the places it appears (route, later, niet_gedekt)."""
    places: dict[str, list[str]] = {}
    for gap_id in {g for s in (*route.steps, *route.ongoing) for g in s.competencies}:
        places.setdefault(gap_id, []).append("route")
    for item in route.later:
        places.setdefault(item.competency, []).append("later")
    for gap_id in route.uncovered:
        places.setdefault(gap_id, []).append("niet_gedekt")
    return places


def every_course_id(route: Route) -> set[str]:
    return {s.course.id for s in route.steps} | {i.course.id for i in route.later}


# ---------------------------------------------------------------- 1. done is done


DUO_PROFILE = {
    "huishouden": "Sanne en Ahmed",
    "pleegouder": "bestand",
    "voorbereiding": True,
    "jaren_pleegouder": 3,
    "pleegzorgvormen": ["langdurig"],
    "leeftijden_pleegkinderen": [7],
    "uitdagingen": ["hechting"],
    "uren_per_maand": 10,
}
DUO_LOW = {"zorgen.wennen": 2, "samenwerken.juridisch": 2, "functioneren.balans": 2, "ontwikkelen.opladen": 3}


def _duo() -> Answers:
    """Sanne and Ahmed answer in turn; Ahmed is a little more positive about balance."""
    framework = _framework()
    sanne = answers(framework, DUO_PROFILE, DUO_LOW)
    ahmed = answers(framework, DUO_PROFILE, DUO_LOW | {"functioneren.balans": 3})
    return sanne.model_copy(update={"participants": ("Sanne", "Ahmed"), "partner_answers": ahmed.answers})


def test_persona_duo_done_steps_never_come_back_and_ongoing_ones_are_shown_as_ongoing() -> None:
    duo = _duo()
    assert duo.is_duo
    first, _ = plan_with(duo)
    assert len(first.steps) >= 3
    done, going = ids(first)[:2], ids(first)[2]
    second, result = plan_with(duo, done=done, ongoing=[going])
    assert not set(done) & every_course_id(second)  # never a step, never "for later"
    assert going not in ids(second)  # not a new step ...
    assert [s.course.id for s in second.ongoing] == [going]  # ... but shown as ongoing
    assert second.ongoing[0].phase == "nu" and "nog mee bezig" in second.ongoing[0].reason
    # every priority gap is still accounted for
    assert set(where(second)) >= {g.id for g in result.gaps[:MAX_GAPS]}
    data = route_data(second)
    assert [item["id"] for item in data["bezig"]] == [going]


def test_an_answers_file_says_what_was_done(tmp_path: Path) -> None:
    framework = _framework()
    text = (FIXTURES / "oma.yaml").read_text(encoding="utf-8")
    first, _ = plan(load_answers(framework, FIXTURES / "oma.yaml"))
    done = ids(first)[0]
    path = tmp_path / "oma-gedaan.yaml"
    path.write_text(text + f"gedaan: [{done}]\n", encoding="utf-8")
    family = load_answers(framework, path)
    assert family.done == (done,)
    route, _ = plan(family)  # the answers' own `gedaan` is enough
    assert done not in every_course_id(route)
    out = CliRunner().invoke(app, ["route", "--antwoorden", str(path), "--json"])
    assert out.exit_code == 0, out.output
    assert done not in [step["id"] for step in json.loads(out.stdout)["route"]]


def test_gedaan_must_be_a_list_with_file_and_line() -> None:
    text = "antwoorden:\n  zorgen.gedrag.weten: 2\ngedaan: pleegzorgbegeleider\n"
    with pytest.raises(InvalidFileError) as caught:
        parse_answers(_framework(), Source("a.yaml", text))
    message = str(caught.value)
    assert "a.yaml:3" in message and "'gedaan' moet een lijst zijn" in message


def _finish(store: Store, sitting: Sitting, route_ids: list[str]) -> int:
    framework = _framework()
    reflection_id = store.create(sitting, household="Sanne en Ahmed", framework_version=framework.version)
    store.set_route_done(reflection_id, sitting.route_done)
    store.finish(reflection_id, route_ids=route_ids)
    return reflection_id


def _sitting(family: Answers) -> Sitting:
    from pleegreflectie.flow import from_answers

    return from_answers(_framework(), family, [p.id for p in _framework().pillars])


def test_the_report_never_says_done_next_to_a_step_of_the_new_route(tmp_path: Path) -> None:
    framework = _framework()
    duo = _duo()
    first_route, _ = plan_with(duo)
    with Store.open(tmp_path) as store:
        first = _finish(store, _sitting(duo), ids(first_route))
        again = _sitting(duo)
        again.previous_route = ids(first_route)
        again.extra[PREVIOUS_ROUTE_KEY] = ids(first_route)[:2]
        again.history.append(Step(StepKind.PREVIOUS_ROUTE, PREVIOUS_ROUTE_KEY).id)
        second = _finish(store, again, [])
        report = report_of(store, framework, _bundled(), second)
        comparison = compare_saved(store, framework, _bundled(), first, second)
    done_titles = [title for _, title in comparison.route_done]
    assert len(done_titles) == 2
    new_route = report.split("## Jullie leerroute", 1)[1].split("## Om te bespreken", 1)[0]
    assert "Dit hebben jullie gedaan" in report
    for title in done_titles:
        assert title not in new_route
    # the rest of the previous route: the family was asked, so "nog niet gedaan" is what they said
    assert [i for i, _ in comparison.route_not_done] == ids(first_route)[2:]


def test_a_step_is_not_done_only_when_the_family_was_asked(tmp_path: Path) -> None:
    framework = _framework()
    duo = answers(framework, DUO_PROFILE, DUO_LOW)
    first_route, _ = plan_with(duo)
    with Store.open(tmp_path) as store:
        first = _finish(store, _sitting(duo), ids(first_route))
        second = _finish(store, _sitting(duo), [])  # never asked about the previous route
        comparison = compare_saved(store, framework, _bundled(), first, second)
        report = report_of(store, framework, _bundled(), second)
    assert comparison.route_not_done == ()
    assert [i for i, _ in comparison.route_unknown] == ids(first_route)
    assert "niet gedaan" not in report
    assert "niet gevraagd" in report


# ---------------------------------------------------------------- 2. every priority gap accounted for


def test_persona_behaviour_family_with_six_hours() -> None:
    """A 15-year-old with behaviour problems and trauma; 6 hours a month; behaviour first."""
    framework = _framework()
    family = answers(
        framework,
        {
            "pleegouder": "bestand",
            "voorbereiding": True,
            "jaren_pleegouder": 3,
            "pleegzorgvormen": ["langdurig"],
            "leeftijden_pleegkinderen": [15],
            "uitdagingen": ["gedrag", "trauma"],
            "uren_per_maand": 6,
        },
        {"zorgen.gedrag": 1, "opvoeden.opvoedstijlen": 2, "samenwerken.netwerk": 3, "functioneren.balans": 3},
        importance={"zorgen.gedrag": 3},
    )
    route, result = plan_with(family)
    assert result.gaps[0].id == "zorgen.gedrag"
    assert "zorgen.gedrag" in route.steps[0].competencies  # the top priority comes first
    assert route.steps[0].course.id != "informele-steun"
    assert all(
        sum(s.hours_per_month or 0 for s in route.steps if s.phase == p) <= 6 for p in ("nu", "daarna")
    )
    advice = " ".join(route.advice)
    # the guideline programme and the proven trauma training are named, with how much time is missing
    assert "10 tot 16 weken" in advice and "Triple P" in advice
    assert "Zorgen voor getraumatiseerde kinderen" in advice
    assert "3 uur per maand meer dan de 6 uur" in advice
    assert "behandelpleegzorg" in advice  # 15 years old with behaviour problems
    assert set(where(route)) >= {g.id for g in result.gaps}


def test_persona_ten_equal_gaps_and_the_five_step_limit() -> None:
    framework = _framework()
    competencies = [c.id for c in framework.competencies()][:10]
    family = answers(framework, {"uren_per_maand": 40}, dict.fromkeys(competencies, 2))
    cat = catalogue(
        *(
            course(f"aanbod-{i}", [c], soort="ondersteuning", duur=None, vorm="thuis")
            for i, c in enumerate(competencies)
        )
    )
    route, result = plan_with(family, cat)
    top = [g.id for g in result.gaps[:MAX_GAPS]]
    assert len(top) == MAX_GAPS and len(route.steps) == MAX_STEPS
    assert top[0] in route.steps[0].competencies  # the first gap in the list is in the route
    assert {i.reason for i in route.later} == {"aantal"}
    assert len(route.later) == MAX_GAPS - MAX_STEPS and route.uncovered == ()
    assert all(f"al {MAX_STEPS} stappen" in i.text for i in route.later)
    assert sorted(where(route)) == sorted(top)


def test_vorm_and_uren_say_what_was_left_out_and_why(oma_path: Path) -> None:
    runner = CliRunner()
    online = runner.invoke(app, ["route", "--antwoorden", str(oma_path), "--vorm", "online"])
    assert online.exit_code == 0, online.output
    assert "niet online beschikbaar" in " ".join(online.stdout.split())
    none = runner.invoke(app, ["route", "--antwoorden", str(oma_path), "--uren", "0", "--json"])
    data = json.loads(none.stdout)
    assert data["route"] == []
    assert data["later"] and {item["reden"] for item in data["later"]} == {"uren"}
    assert all("Past niet in 0 uur" in item["uitleg"] for item in data["later"])
    text = runner.invoke(app, ["route", "--antwoorden", str(oma_path), "--uren", "0"]).stdout
    assert "geen stap nodig" not in text
    assert "Voor later" in text
    little = runner.invoke(app, ["route", "--antwoorden", str(oma_path), "--uren", "2"]).stdout
    assert "past niet in 2 uur per maand" in " ".join(little.split())


# ---------------------------------------------------------------- 3. where the family is


@pytest.mark.parametrize(
    ("years", "phases"),
    [
        (None, None),
        (0, {"nieuw", "eerste-jaar"}),
        (1, {"eerste-jaar"}),
        (2, {"ervaren"}),
        (12, {"ervaren"}),
    ],
)
def test_family_phases(years: int | None, phases: set[str] | None) -> None:
    found = family_phases(Profile.model_validate({"jaren_pleegouder": years}))
    assert found == (frozenset(phases) if phases is not None else None)


START_OF_PLACEMENT = {"netwerkscreening-en-begeleiding", "afspraken-zorgteam", "voorbereidingstraining"}
NETWORK_LOW = {"samenwerken.netwerk": 2, "samenwerken.juridisch": 2, "functioneren.organisatie": 2}


def test_persona_veteran_network_family_gets_no_start_of_placement_advice() -> None:
    framework = _framework()
    veteran = answers(
        framework,
        {
            "pleegouder": "netwerk",
            "jaren_pleegouder": 12,
            "leeftijden_pleegkinderen": [14],
            "uren_per_maand": 8,
        },
        NETWORK_LOW,
    )
    route, result = plan_with(veteran)
    assert not START_OF_PLACEMENT & every_course_id(route)
    assert not any("zonder voorbereidingstraining" in line for line in route.advice)
    assert set(where(route)) >= {g.id for g in result.gaps}


def test_persona_grandmother_two_years_in_gets_no_screening(oma_path: Path) -> None:
    route, _ = plan(load_answers(_framework(), oma_path))  # network, 2 years, no preparation
    assert not START_OF_PLACEMENT & every_course_id(route)


def test_persona_new_network_family_gets_the_network_guidance_first() -> None:
    framework = _framework()
    new = answers(
        framework,
        {
            "pleegouder": "netwerk",
            "jaren_pleegouder": 0,
            "leeftijden_pleegkinderen": [6],
            "uren_per_maand": 8,
        },
        NETWORK_LOW,
    )
    route, _ = plan_with(new)
    assert ids(route)[0] == "netwerkscreening-en-begeleiding"
    unknown_years = answers(framework, {"pleegouder": "netwerk", "uren_per_maand": 8}, NETWORK_LOW)
    assert "netwerkscreening-en-begeleiding" in ids(plan_with(unknown_years)[0])  # nothing falls off


# ---------------------------------------------------------------- 4. honest scores


def _dont_know_family() -> Answers:
    """'weet ik niet' on every question of three of the five competencies of zorgen."""
    framework = _framework()
    values: dict[str, int | Special] = {}
    pillar = framework.pillar("zorgen")
    for index, competency in enumerate(pillar.competencies):
        for question in competency.questions:
            values[question.id] = Special.DONT_KNOW if index < 3 else 3
    return Answers(profile=Profile.model_validate({"uren_per_maand": 10}), answers=values)


def test_persona_dont_know_heavy_profile() -> None:
    framework = _framework()
    family = _dont_know_family()
    result = score(framework, family, ["zorgen"])
    zorgen = result.pillars[0]
    assert (zorgen.scored, zorgen.total, zorgen.too_few) == (2, 5, True)
    assert zorgen.score == 3.0  # "weet ik niet" never lowers a score
    knowing = [
        q.id for c in framework.pillar("zorgen").competencies[:3] for q in c.questions if q.kind == "weten"
    ]
    assert [f.question_id for f in result.find_out] == knowing
    data = result_data(result)
    assert data["pijlers"][0] | {"te_weinig_antwoorden": True} == data["pijlers"][0]
    assert (data["pijlers"][0]["onderdelen_met_score"], data["pijlers"][0]["onderdelen"]) == (2, 5)
    assert [item["vraag"] for item in data["uitzoeken"]] == knowing
    gedrag = next(c for c in data["competenties"] if c["id"] == "zorgen.gedrag")
    assert (gedrag["antwoorden"], gedrag["mogelijke_antwoorden"], gedrag["weet_niet"]) == (0, 2, 2)
    # an informational step for something to find out, when the route has room
    route = plan_route(framework, _bundled(), family, result, today=TODAY)
    find_out = {f.competency_id for f in result.find_out}
    info = [s for s in route.steps if set(s.competencies) & find_out]
    assert info and all(s.course.kind == "informatie" for s in info)
    assert all("uitzoeken" in s.reason for s in info)


def test_the_terminal_says_too_few_answers_and_what_to_find_out(tmp_path: Path) -> None:
    import yaml

    family = _dont_know_family()
    path = tmp_path / "weet-niet.yaml"
    path.write_text(yaml.safe_dump(family.to_file_data(), allow_unicode=True), encoding="utf-8")
    out = CliRunner().invoke(app, ["start", "--antwoorden", str(path), "--pijler", "zorgen", "--geen-opslag"])
    assert out.exit_code == 0, out.output
    text = " ".join(out.stdout.split())
    assert "Te weinig antwoorden om iets te zeggen" in text
    assert "op basis van 2 van 5 onderdelen" in text
    assert "Uitzoeken" in text


def test_at_most_three_strengths_in_the_terminal_and_the_gap_cut_off(oma_path: Path) -> None:
    out = CliRunner().invoke(app, ["start", "--antwoorden", str(oma_path), "--geen-opslag"])
    text = out.stdout
    strengths = text.split("Sterke punten", 1)[1].split("Aandachtspunten", 1)[0]
    assert strengths.count("  + ") == 3
    assert "En nog 8 sterke punten" in strengths
    gaps = text.split("Aandachtspunten", 1)[1].split("Jullie leerroute", 1)[0]
    also = " ".join(gaps.split()).split("Ook nog (de leerroute werkt eerst aan de 8 hierboven):", 1)[1]
    also = also.split("Dit is geen lijst van wat fout gaat.", 1)[0]
    assert also.count(" - ") == 2  # the rest under "Ook nog", by name


# ---------------------------------------------------------------- 5. vergelijk and 6. the catalogue


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


def test_migration_3_adds_the_catalogue_path(tmp_path: Path) -> None:
    import sqlite3

    with Store.open(tmp_path):
        pass
    db = sqlite3.connect(tmp_path / "reflecties.sqlite3")
    columns = {row[1] for row in db.execute("PRAGMA table_info(reflections)")}
    db.close()
    assert "catalogue_path" in columns


def test_migration_3_keeps_older_reflections(tmp_path: Path) -> None:
    """A store of schema 2 with a reflection: after opening, it has the column and the reflection."""
    import sqlite3

    from pleegreflectie import store_schema

    db = sqlite3.connect(tmp_path / "reflecties.sqlite3")
    for statement in (*store_schema.MIGRATIONS[0], *store_schema.MIGRATIONS[1]):
        db.execute(statement)
    db.execute(
        "INSERT INTO reflections (household, created_at, updated_at, pillar_ids, framework_version)"
        " VALUES ('Gezin Oud', '2025-01-01T00:00:00.000000+00:00', '2025-01-01T00:00:00.000000+00:00',"
        " '[\"zorgen\"]', '1')"
    )
    db.execute("PRAGMA user_version = 2")
    db.commit()
    db.close()
    with Store.open(tmp_path) as store:
        [info] = store.list()
    assert (info.household, info.catalogue_path) == ("Gezin Oud", None)


# ---------------------------------------------------------------- properties


years = st.none() | st.integers(0, 15)


def _with_years(family: Answers, value: int | None) -> Answers:
    return family.model_copy(update={"profile": family.profile.model_copy(update={"years": value})})


@PROPERTY
@given(family=families(), value=years, cat=catalogues, forms=form_options, hours=hour_options)
def test_property_every_top_gap_is_in_exactly_one_place(
    family: Answers, value: int | None, cat: Catalogue | None, forms: Any, hours: int | None
) -> None:
    family = _with_years(family, value)
    route, result = plan_with(family, cat, forms=forms, hours=hours)
    top = {g.id for g in result.gaps[:MAX_GAPS]}
    places = where(route)
    for gap_id in top:
        assert len(places.get(gap_id, [])) == 1, (gap_id, places.get(gap_id))
    gap_places = {g for g, p in places.items() if p != ["route"]}  # later and niet_gedekt: only top gaps
    assert gap_places <= top


@PROPERTY
@given(family=families(), cat=catalogues, data=st.data(), hours=hour_options)
def test_property_a_done_step_never_reappears_and_the_route_is_deterministic(
    family: Answers, cat: Catalogue | None, data: st.DataObject, hours: int | None
) -> None:
    first, _ = plan_with(family, cat, hours=hours)
    chosen = data.draw(st.lists(st.sampled_from(ids(first)), unique=True) if first.steps else st.just([]))
    ongoing = data.draw(st.lists(st.sampled_from(ids(first)), unique=True) if first.steps else st.just([]))
    route, _ = plan_with(family, cat, done=chosen, ongoing=ongoing, hours=hours)
    assert not set(chosen) & every_course_id(route)
    assert not set(chosen) & {s.course.id for s in route.ongoing}
    assert not {s.course.id for s in route.ongoing} & {s.course.id for s in route.steps}
    again, _ = plan_with(family, cat, done=list(reversed(chosen)), ongoing=ongoing, hours=hours)
    assert route == again
