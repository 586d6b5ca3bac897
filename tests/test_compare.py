"""Comparing two reflections: verdicts with the noise of a 5-point scale, and the previous route."""

from __future__ import annotations

import datetime as dt

import pytest

from pleegreflectie.compare import (
    COMPETENCY_NOISE,
    PILLAR_NOISE,
    Comparison,
    compare,
    judge,
)
from pleegreflectie.models import Answers, Catalogue, Framework, Special
from pleegreflectie.scoring import Result, score


def changed(answers: Answers, **values: int | Special) -> Answers:
    """The answers with some questions answered differently (keys with __ for dots)."""
    new = dict(answers.answers)
    new.update({key.replace("__", "."): value for key, value in values.items()})
    return answers.model_copy(update={"answers": new})


def test_noise_constants() -> None:
    assert COMPETENCY_NOISE == 1.0
    assert PILLAR_NOISE == 0.5


@pytest.mark.parametrize(
    ("before", "after", "noise", "delta", "verdict"),
    [
        (2.0, 3.0, COMPETENCY_NOISE, 1.0, "gegroeid"),  # exactly the threshold counts
        (2.0, 2.5, COMPETENCY_NOISE, 0.5, "gelijk"),  # one answer one step higher
        (3.0, 2.5, COMPETENCY_NOISE, -0.5, "gelijk"),
        (4.0, 3.0, COMPETENCY_NOISE, -1.0, "gedaald"),
        (3.5, 3.5, COMPETENCY_NOISE, 0.0, "gelijk"),
        (3.2, 3.7, PILLAR_NOISE, 0.5, "gegroeid"),
        (3.2, 3.6, PILLAR_NOISE, 0.4, "gelijk"),
        (3.67, 3.17, PILLAR_NOISE, -0.5, "gedaald"),  # no float noise: 3.67 - 3.17 is 0.5
        (3.6, 3.11, PILLAR_NOISE, -0.5, "gedaald"),  # shown as 3,6 and 3,1: the verdict follows -0,5
        (3.0, 3.37, PILLAR_NOISE, 0.4, "gelijk"),  # never "+0,37 gelijk" beside "+0,4 gelijk"
        (3.04, 3.46, PILLAR_NOISE, 0.5, "gegroeid"),  # 3,0 -> 3,5 is +0,5 on the page, so it grew
        (None, 3.0, COMPETENCY_NOISE, None, "niet te vergelijken"),
        (3.0, None, PILLAR_NOISE, None, "niet te vergelijken"),
        (None, None, PILLAR_NOISE, None, "niet te vergelijken"),
    ],
)
def test_judge(
    before: float | None, after: float | None, noise: float, delta: float | None, verdict: str
) -> None:
    assert judge(before, after, noise) == (delta, verdict)


def test_same_answers_are_the_same(framework: Framework, oma: Answers) -> None:
    result = score(framework, oma)
    comparison = compare(framework, result, result)
    assert [p.verdict for p in comparison.pillars] == ["gelijk"] * 5
    assert {c.verdict for c in comparison.competencies()} == {"gelijk", "niet te vergelijken"}
    assert comparison.notable() == []
    assert comparison.route_done == () and comparison.route_not_done == ()
    assert not comparison.has_route


def test_competency_verdicts(framework: Framework, oma: Answers) -> None:
    before = score(framework, oma)
    after = score(
        framework,
        changed(
            oma,
            zorgen__gedrag__weten=3,
            zorgen__gedrag__doen=3,  # 2.0 -> 3.0: grown
            zorgen__ambassadeur__weten=4,  # 3.0 -> 3.5: noise
            zorgen__gezondheid__weten=3,
            zorgen__gezondheid__doen=4,  # 5.0 -> 3.5: dropped
            opvoeden__levensfases__weten=4,  # "weet ik niet" before: nothing to compare with
        ),
    )
    comparison = compare(framework, before, after)
    by_id = {c.id: c for c in comparison.competencies()}
    assert (by_id["zorgen.gedrag"].before, by_id["zorgen.gedrag"].after) == (2.0, 3.0)
    assert by_id["zorgen.gedrag"].delta == 1.0
    assert by_id["zorgen.gedrag"].verdict == "gegroeid"
    assert by_id["zorgen.ambassadeur"].verdict == "gelijk"
    assert by_id["zorgen.gezondheid"].verdict == "gedaald"
    assert by_id["zorgen.gezondheid"].delta == -1.5
    assert by_id["opvoeden.levensfases"].verdict == "niet te vergelijken"
    assert by_id["opvoeden.levensfases"].delta is None
    assert [c.id for c in comparison.notable()] == ["zorgen.gezondheid", "zorgen.gedrag"]
    # The pillar Zorgen stays 3.7: one competency grew as much as another dropped.
    zorgen = comparison.pillars[0]
    assert zorgen.id == "zorgen" and zorgen.title == "Zorgen"
    assert (zorgen.before, zorgen.after, zorgen.verdict) == (3.7, 3.7, "gelijk")
    assert [c.id for c in zorgen.competencies] == [c.id for c in framework.pillar("zorgen").competencies]


def test_pillar_verdicts(framework: Framework, oma: Answers) -> None:
    before = score(framework, oma)
    grown = {
        f"samenwerken__{c}__{k}": 4 for c in ("gedeeld-opvoederschap", "juridisch") for k in ("weten", "doen")
    }
    after = score(framework, changed(oma, **grown))
    pillar = compare(framework, before, after).pillars[1]
    assert pillar.id == "samenwerken"
    assert (pillar.before, pillar.after, pillar.delta, pillar.verdict) == (3.12, 4.12, 1.0, "gegroeid")
    back = compare(framework, after, before).pillars[1]
    assert (back.delta, back.verdict) == (-1.0, "gedaald")


def test_pillar_on_one_side_only(framework: Framework, oma: Answers) -> None:
    before = score(framework, oma, ["zorgen", "opvoeden"])
    after = score(framework, oma, ["zorgen", "samenwerken"])
    comparison = compare(framework, before, after)
    assert [(p.id, p.verdict) for p in comparison.pillars] == [
        ("zorgen", "gelijk"),
        ("samenwerken", "niet te vergelijken"),
        ("opvoeden", "niet te vergelijken"),
    ]
    samenwerken = comparison.pillars[1]
    assert samenwerken.before is None and samenwerken.after == 3.12
    assert {c.verdict for c in samenwerken.competencies} == {"niet te vergelijken"}


def test_nothing_answered_in_a_pillar(framework: Framework, oma: Answers) -> None:
    blank = {q.id: Special.DONT_KNOW for q in framework.pillar("zorgen").competencies[0].questions}
    only_unsure = oma.model_copy(
        update={"answers": {k: v for k, v in oma.answers.items() if not k.startswith("zorgen.")} | blank}
    )
    comparison = compare(framework, score(framework, oma), score(framework, only_unsure))
    zorgen = comparison.pillars[0]
    assert zorgen.after is None
    assert zorgen.verdict == "niet te vergelijken"


def test_route_done_and_not_done(framework: Framework) -> None:
    catalogue = Catalogue.model_validate(
        {
            "versie": "test",
            "aanbod": [
                {
                    "id": course_id,
                    "titel": title,
                    "aanbieder": "Iemand",
                    "beschrijving": "Iets.",
                    "competenties": ["zorgen.gedrag"],
                    "soort": "training",
                    "vorm": ["groep"],
                    "toegang": "zelf",
                    "land": "nl",
                    "laatst_gecontroleerd": "2026-11-01",
                }
                for course_id, title in [("a", "Cursus A"), ("b", "Cursus B"), ("c", "Cursus C")]
            ],
        }
    )
    empty = Result((), (), ())
    comparison = compare(
        framework,
        empty,
        empty,
        previous_route=["b", "a", "weg", "b"],
        done=["a", "c", "weg"],
        catalogue=catalogue,
        before_date=dt.date(2025, 9, 1),
    )
    assert comparison.route_done == (("a", "Cursus A"), ("weg", "weg"))  # unknown id: the id as title
    assert comparison.route_not_done == (("b", "Cursus B"),)  # no repeats; "c" was not in the route
    assert comparison.has_route
    assert comparison.before_date == dt.date(2025, 9, 1)
    assert comparison.pillars == ()


def test_route_without_catalogue(framework: Framework) -> None:
    empty = Result((), (), ())
    comparison = compare(framework, empty, empty, previous_route=["x", "y"], done=[])
    assert comparison.route_done == ()
    assert comparison.route_not_done == (("x", "x"), ("y", "y"))


def test_comparison_is_frozen(framework: Framework, oma: Answers) -> None:
    result = score(framework, oma)
    comparison = compare(framework, result, result)
    assert isinstance(comparison, Comparison)
    with pytest.raises(AttributeError):
        comparison.pillars = ()  # type: ignore[misc]
