"""Comparing two reflections, field by field, on results built by hand (not through scoring).

Written against the mutants that survived tests/test_compare.py (README, "Mutation testing").
"""

from __future__ import annotations

import datetime as dt

import pytest

from pleegreflectie.compare import (
    COMPETENCY_NOISE,
    DROPPED,
    GROWN,
    INCOMPARABLE,
    PILLAR_NOISE,
    SAME,
    Comparison,
    CompetencyChange,
    compare,
    judge,
)
from pleegreflectie.load import load_catalogue
from pleegreflectie.models import Framework
from pleegreflectie.scoring import CompetencyScore, PillarScore, Result


def _pillar(
    framework: Framework, index: int, scores: dict[int, float | None], pillar_score: float | None
) -> PillarScore:
    pillar = framework.pillars[index]
    competencies = tuple(
        CompetencyScore(c.id, pillar.id, c.name, scores[i], 1, 0, None)
        for i, c in enumerate(pillar.competencies)
        if i in scores
    )
    return PillarScore(pillar.id, pillar.title, pillar_score, competencies)


def test_the_noise_limits() -> None:
    assert COMPETENCY_NOISE == 1.0
    assert PILLAR_NOISE == 0.5


@pytest.mark.parametrize(
    ("before", "after", "noise", "expected"),
    [
        (2.0, 3.0, 1.0, (1.0, GROWN)),  # exactly the noise counts
        (3.0, 2.0, 1.0, (-1.0, DROPPED)),
        # The difference of the scores as shown (one decimal): 2,99 is shown as 3,0, so +1,0 grew.
        (2.0, 2.99, 1.0, (1.0, GROWN)),
        (3.0, 2.01, 1.0, (-1.0, DROPPED)),
        (2.0, 2.94, 1.0, (0.9, SAME)),
        (3.0, 2.06, 1.0, (-0.9, SAME)),
        (2.0, 2.5, 0.5, (0.5, GROWN)),
        (2.5, 2.0, 0.5, (-0.5, DROPPED)),
        (2.0, 2.0, 0.5, (0.0, SAME)),
        (1.111, 2.0, 0.5, (0.9, GROWN)),  # 1,1 -> 2,0 on the page
        (2.04, 2.46, 0.5, (0.5, GROWN)),  # 2,0 -> 2,5: +0,5, never "+0,42 gelijk"
        (2.06, 2.54, 0.5, (0.4, SAME)),  # 2,1 -> 2,5
        (None, 2.0, 0.5, (None, INCOMPARABLE)),
        (2.0, None, 0.5, (None, INCOMPARABLE)),
        (None, None, 0.5, (None, INCOMPARABLE)),
    ],
)
def test_judge(before: float | None, after: float | None, noise: float, expected: tuple[object, str]) -> None:
    assert judge(before, after, noise) == expected


def test_every_field_of_a_comparison(framework: Framework) -> None:
    first, second, third = framework.pillars[:3]
    before = Result(
        (_pillar(framework, 0, {0: 2.0, 1: 4.0, 2: None}, 3.0), _pillar(framework, 1, {0: 3.0}, 3.0)), (), ()
    )
    after = Result(
        (_pillar(framework, 0, {0: 3.5, 1: 3.0, 3: 5.0}, 3.5), _pillar(framework, 2, {1: 2.0}, 2.0)), (), ()
    )
    result = compare(framework, before, after, before_date=dt.date(2026, 1, 5))

    assert [(p.id, p.title, p.before, p.after, p.delta, p.verdict) for p in result.pillars] == [
        (first.id, first.title, 3.0, 3.5, 0.5, GROWN),
        (second.id, second.title, 3.0, None, None, INCOMPARABLE),
        (third.id, third.title, None, 2.0, None, INCOMPARABLE),
    ]
    c = first.competencies
    assert result.pillars[0].competencies == (
        CompetencyChange(c[0].id, first.id, c[0].name, 2.0, 3.5, 1.5, GROWN),
        CompetencyChange(c[1].id, first.id, c[1].name, 4.0, 3.0, -1.0, DROPPED),
        CompetencyChange(c[2].id, first.id, c[2].name, None, None, None, INCOMPARABLE),
        CompetencyChange(c[3].id, first.id, c[3].name, None, 5.0, None, INCOMPARABLE),
    )
    assert [x.id for x in result.pillars[1].competencies] == [second.competencies[0].id]
    assert result.pillars[1].competencies[0].before == 3.0
    assert result.pillars[1].competencies[0].after is None
    assert [(x.id, x.before, x.after) for x in result.pillars[2].competencies] == [
        (third.competencies[1].id, None, 2.0)
    ]
    assert [x.id for x in result.notable()] == [c[0].id, c[1].id]
    assert result.before_date == dt.date(2026, 1, 5)
    assert not result.has_route


def test_previous_route_steps(framework: Framework) -> None:
    catalogue = load_catalogue(framework)
    known = catalogue.entries[0]
    empty = Result((), (), ())
    route = [known.id, "onbekend-a", "onbekend-b", known.id, "onbekend-c"]
    result = compare(
        framework,
        empty,
        empty,
        previous_route=route,
        done=["onbekend-b", "elders"],
        ongoing=["onbekend-b", "onbekend-c"],
        catalogue=catalogue,
    )
    assert result.pillars == ()
    assert result.route_done == (("onbekend-b", "onbekend-b"),)
    assert result.route_ongoing == (("onbekend-c", "onbekend-c"),)  # done wins over ongoing
    assert result.route_not_done == ((known.id, known.title), ("onbekend-a", "onbekend-a"))
    assert result.route_unknown == ()
    assert result.before_date is None

    not_asked = compare(framework, empty, empty, previous_route=route, done=["onbekend-a"], asked=False)
    assert not_asked.route_done == (("onbekend-a", "onbekend-a"),)
    assert not_asked.route_not_done == ()
    # Without a catalogue the id is the title.
    assert not_asked.route_unknown == (
        (known.id, known.id),
        ("onbekend-b", "onbekend-b"),
        ("onbekend-c", "onbekend-c"),
    )


def test_a_pillar_in_neither_result_is_skipped_and_the_next_one_still_compared(framework: Framework) -> None:
    first, _, third = framework.pillars[:3]
    before = Result((_pillar(framework, 0, {0: 2.0}, 2.0), _pillar(framework, 2, {0: 2.0}, 2.0)), (), ())
    after = Result((_pillar(framework, 0, {0: 4.0}, 4.0), _pillar(framework, 2, {0: 4.0}, 4.0)), (), ())
    result = compare(framework, before, after)
    assert [(p.id, p.verdict) for p in result.pillars] == [(first.id, GROWN), (third.id, GROWN)]


def test_ongoing_steps_take_their_title_from_the_catalogue(framework: Framework) -> None:
    catalogue = load_catalogue(framework)
    known = catalogue.entries[0]
    empty = Result((), (), ())
    result = compare(
        framework, empty, empty, previous_route=[known.id], ongoing=[known.id], catalogue=catalogue
    )
    assert result.route_ongoing == ((known.id, known.title),)
    assert known.title != known.id


@pytest.mark.parametrize("field", ["route_done", "route_not_done", "route_ongoing", "route_unknown"])
def test_has_route_with_any_kind_of_step(field: str) -> None:
    assert Comparison((), **{field: (("a", "A"),)}).has_route
    assert not Comparison(()).has_route
