"""One reflection as an anonymous record, field by field, against values worked out by hand.

Written against the mutants that survived the organisation tests (README, "Mutation testing").
"""

from __future__ import annotations

import datetime as dt

import pytest

from pleegreflectie.advice_file import load_advice
from pleegreflectie.anonymous import anonymous_profile, months_between, record_for
from pleegreflectie.load import load_catalogue
from pleegreflectie.models import Answers, Catalogue, Framework, Profile
from pleegreflectie.organisation import FORMAT, AnonProfile, Versions
from pleegreflectie.route import plan_route
from pleegreflectie.scoring import CompetencyScore, PillarScore, Result, score

HOUSEHOLD, RECORD = "a" * 32, "b" * 32


@pytest.mark.parametrize(
    ("since", "day", "months"),
    [
        ("2026-02", dt.date(2026, 2, 1), 0),
        ("2026-02", dt.date(2026, 3, 31), 1),
        ("2020-12", dt.date(2021, 1, 1), 1),
        ("2019-05", dt.date(2026, 4, 30), 83),
        ("2026-03", dt.date(2026, 2, 28), None),  # a month after the day
        ("2027-01", dt.date(2026, 12, 31), None),
    ],
)
def test_months_between(since: str, day: dt.date, months: int | None) -> None:
    assert months_between(since, day) == months


@pytest.mark.parametrize(
    ("since", "band"),
    [
        ("2026-02", "<1"),
        ("2025-03", "<1"),
        ("2025-02", "1-4"),
        ("2021-03", "1-4"),
        ("2021-02", "5+"),
        ("2026-03", None),
    ],
)
def test_placement_band_of_a_profile(since: str, band: str | None) -> None:
    answers = Answers(profile=Profile.model_validate({"plaatsing_sinds": since}))
    assert anonymous_profile(answers, dt.date(2026, 2, 15)).placement == band


def test_a_coarse_profile_field_by_field() -> None:
    profile = Profile.model_validate(
        {
            "land": "vl",
            "pleegouder": "netwerk",
            "pleegzorgvormen": ["langdurig", "crisis", "langdurig"],
            "leeftijden_pleegkinderen": [15, 2, 7, 3, 19],
            "eigen_kinderen": True,
            "plaatsing_sinds": "2024-11",
            "jaren_pleegouder": 12,
        }
    )
    found = anonymous_profile(Answers(profile=profile), dt.date(2026, 2, 1))
    assert found == AnonProfile(
        country="vl",
        parent_kind="netwerk",
        care_kinds=("crisis", "langdurig"),
        age_bands=("0-3", "4-11", "12-17", "18+"),  # young to old, each once
        placement="1-4",
        own_children=True,
    )
    assert anonymous_profile(Answers(), dt.date(2026, 2, 1)) == AnonProfile()


def _result(framework: Framework, values: dict[str, float | None]) -> Result:
    pillar = framework.pillars[0]
    competencies = tuple(
        CompetencyScore(c.id, pillar.id, c.name, values[c.id], 1, 0, None)
        for c in pillar.competencies
        if c.id in values
    )
    return Result((PillarScore(pillar.id, pillar.title, 3.0, competencies),), (), ())


def test_a_record_field_by_field(framework: Framework) -> None:
    catalogue = load_catalogue(framework)
    one, two, three = (c.id for c in framework.pillars[0].competencies[:3])
    answers = Answers(
        profile=Profile.model_validate({"leeftijden_pleegkinderen": [9], "plaatsing_sinds": "2025-12"}),
        answers={q.id: 1 for c in framework.competencies()[:3] for q in c.questions},
        importance={three: 3, one: 3, two: 2, "niet.bestaand": 3},
    )
    route = plan_route(
        framework,
        catalogue,
        answers,
        score(framework, answers),
        today=dt.date(2026, 11, 1),
        advice=load_advice(),
    )
    assert route.steps
    record = record_for(
        framework,
        catalogue,
        answers,
        _result(framework, {one: 3.3333, two: None, three: 1.005}),
        route,
        ["signaal-b", "signaal-a"],
        household=HOUSEHOLD,
        record=RECORD,
        finished=dt.date(2026, 11, 30),
        signals_version="7",
    )
    assert record.format == FORMAT
    assert (record.household, record.record) == (HOUSEHOLD, RECORD)
    assert record.period == "2026-K4"
    assert record.versions == Versions(framework=framework.version, catalogue=catalogue.version, signals="7")
    assert record.profile == AnonProfile(age_bands=("4-11",), placement="<1")  # 11 months before
    assert record.scores == {one: 3.33, three: round(1.005, 2)}  # no score, no entry
    assert record.priorities == tuple(sorted((one, three)))  # "heel belangrijk" only, known ids only
    assert record.route == tuple(s.course.id for s in route.steps)
    assert record.signals == ("signaal-b", "signaal-a")

    # A step whose entry is not in the catalogue the record is made with never reaches it.
    other = Catalogue(version="ander", entries=catalogue.entries[:0])
    bare = record_for(
        framework,
        other,
        answers,
        _result(framework, {}),
        route,
        [],
        household=HOUSEHOLD,
        record=RECORD,
        finished=dt.date(2026, 1, 1),
        signals_version=None,
    )
    assert bare.route == ()
    assert bare.scores == {}
    assert bare.period == "2026-K1"
    assert bare.versions == Versions(framework=framework.version, catalogue="ander", signals=None)
