"""Scoring: averages, strengths, gaps and their order. Pure, so plain data in, numbers out."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pleegreflectie.answers_file import load_answers
from pleegreflectie.export import result_data
from pleegreflectie.models import Answers, Framework, Profile, Special
from pleegreflectie.scoring import needs_importance, score

DONT_KNOW = Special.DONT_KNOW
NVT = Special.NOT_APPLICABLE


def answers(values: dict[str, int | Special], importance: dict[str, int] | None = None, **profile: object):
    return Answers(profile=Profile.model_validate(profile), answers=values, importance=importance or {})


def both(competency: str, weten: int | Special, doen: int | Special) -> dict[str, int | Special]:
    return {f"{competency}.weten": weten, f"{competency}.doen": doen}


# ---------------------------------------------------------------- competency and pillar scores


def test_competency_score_is_the_mean_of_its_answers(framework: Framework) -> None:
    result = score(framework, answers(both("zorgen.gedrag", 2, 5)))
    assert result.competency("zorgen.gedrag").score == 3.5
    assert result.competency("zorgen.gedrag").answered == 2


def test_unanswered_questions_do_not_count(framework: Framework) -> None:
    result = score(framework, answers({"zorgen.gedrag.weten": 2}))
    gedrag = result.competency("zorgen.gedrag")
    assert gedrag.score == 2.0
    assert gedrag.answered == 1
    assert result.competency("zorgen.wennen").score is None


@pytest.mark.parametrize("special", [DONT_KNOW, NVT])
def test_special_answers_never_count_as_low(framework: Framework, special: Special) -> None:
    result = score(framework, answers(both("zorgen.gedrag", 4, special)))
    assert result.competency("zorgen.gedrag").score == 4.0


@pytest.mark.parametrize(("weten", "doen"), [(DONT_KNOW, DONT_KNOW), (NVT, NVT), (DONT_KNOW, NVT)])
def test_only_special_answers_give_no_score_and_no_gap(
    framework: Framework, weten: Special, doen: Special
) -> None:
    result = score(framework, answers(both("zorgen.gedrag", weten, doen)))
    gedrag = result.competency("zorgen.gedrag")
    assert gedrag.score is None
    assert gedrag.answered == 0
    assert gedrag.unsure == [weten, doen].count(DONT_KNOW)
    assert "zorgen.gedrag" not in [g.id for g in result.gaps]
    assert "zorgen.gedrag" not in [s.id for s in result.strengths]
    assert result.pillars[0].score is None


def test_pillar_score_is_the_mean_of_competency_scores(framework: Framework) -> None:
    # gedrag 2.0 (one answer), wennen 4.5 (two answers), ambassadeur only "weet ik niet":
    # the pillar is the mean of 2.0 and 4.5, not of the three answers (2, 4, 5).
    values = {
        "zorgen.gedrag.weten": 2,
        **both("zorgen.wennen", 4, 5),
        **both("zorgen.ambassadeur", DONT_KNOW, NVT),
    }
    result = score(framework, answers(values))
    zorgen = next(p for p in result.pillars if p.id == "zorgen")
    assert zorgen.score == 3.25
    others = [p for p in result.pillars if p.id != "zorgen"]
    assert others and all(p.score is None for p in others)


def test_oma_scores(framework: Framework, oma_path: Path) -> None:
    result = score(framework, load_answers(framework, oma_path))
    assert {p.id: p.score for p in result.pillars} == {
        "zorgen": 3.7,  # (5 + 2 + 4 + 4.5 + 3) / 5
        "samenwerken": 3.12,  # (2 + 4.5 + 4 + 2) / 4
        "opvoeden": 3.88,  # (5 + 2 + 4.5 + 4) / 4; levensfases is "weet ik niet" twice
        "ontwikkelen": 3.3,  # (4 + 3.5 + 2 + 3.5 + 3.5) / 5
        "functioneren": 3.75,  # (5 + 2 + 4.5 + 3.5) / 4; no own children
    }
    assert result.competency("opvoeden.levensfases").score is None
    assert result.competency("opvoeden.levensfases").unsure == 2


def test_pillar_filter(framework: Framework, oma_path: Path) -> None:
    result = score(framework, load_answers(framework, oma_path), ["opvoeden", "zorgen"])
    assert [p.id for p in result.pillars] == ["zorgen", "opvoeden"]  # framework order
    assert {g.pillar_id for g in result.gaps} <= {"zorgen", "opvoeden"}
    assert {s.pillar_id for s in result.strengths} <= {"zorgen", "opvoeden"}


# ---------------------------------------------------------------- strengths and gaps


def test_strength_starts_at_four(framework: Framework) -> None:
    values = {**both("zorgen.gedrag", 4, 4), **both("zorgen.wennen", 4, 3), **both("zorgen.gezondheid", 5, 5)}
    result = score(framework, answers(values))
    assert [s.id for s in result.strengths] == ["zorgen.gezondheid", "zorgen.gedrag"]  # highest first


def test_gap_boundary_is_three_and_a_half(framework: Framework) -> None:
    values = {**both("zorgen.gedrag", 3, 4), **both("zorgen.wennen", 4, 4), **both("zorgen.gezondheid", 3, 5)}
    result = score(framework, answers(values))
    assert [g.id for g in result.gaps] == ["zorgen.gedrag"]  # 3.5 is a gap; 4.0 is not
    assert result.gaps[0].importance == 2  # not asked: counts as "belangrijk"
    assert result.gaps[0].priority == 3.0  # (5 - 3.5) * 2


def test_importance_one_removes_a_gap(framework: Framework) -> None:
    values = {**both("zorgen.gedrag", 1, 1), **both("zorgen.wennen", 3, 3)}
    result = score(framework, answers(values, {"zorgen.gedrag": 1}))
    assert [g.id for g in result.gaps] == ["zorgen.wennen"]
    assert result.competency("zorgen.gedrag").importance == 1


def test_gaps_are_ordered_by_lowness_times_importance(framework: Framework) -> None:
    values = {
        **both("zorgen.gezondheid", 3, 3),  # (5-3)*3 = 6
        **both("zorgen.gedrag", 1, 1),  # (5-1)*2 = 8
        **both("zorgen.wennen", 2, 3),  # (5-2.5)*2 = 5
        **both("samenwerken.netwerk", 3, 4),  # (5-3.5)*3 = 4.5
        **both("opvoeden.ouderschap", 2, 2),  # (5-2)*3 = 9
    }
    importance = {"zorgen.gezondheid": 3, "samenwerken.netwerk": 3, "opvoeden.ouderschap": 3}
    result = score(framework, answers(values, importance))
    assert [(g.id, g.priority) for g in result.gaps] == [
        ("opvoeden.ouderschap", 9.0),
        ("zorgen.gedrag", 8.0),
        ("zorgen.gezondheid", 6.0),
        ("zorgen.wennen", 5.0),
        ("samenwerken.netwerk", 4.5),
    ]


def test_equal_priority_puts_the_lower_score_first_then_framework_order(framework: Framework) -> None:
    values = {
        **both("zorgen.wennen", 2, 2),  # (5-2)*2 = 6
        **both("zorgen.gedrag", 2, 2),  # (5-2)*2 = 6, earlier in the framework
        **both("zorgen.gezondheid", 3, 3),  # (5-3)*3 = 6, higher score
    }
    result = score(framework, answers(values, {"zorgen.gezondheid": 3}))
    assert [g.id for g in result.gaps] == ["zorgen.gedrag", "zorgen.wennen", "zorgen.gezondheid"]


def test_oma_gaps_in_priority_order(framework: Framework, oma_path: Path) -> None:
    result = score(framework, load_answers(framework, oma_path))
    assert [g.id for g in result.gaps] == [
        "zorgen.gedrag",
        "ontwikkelen.opladen",
        "samenwerken.gedeeld-opvoederschap",
        "samenwerken.juridisch",
        "opvoeden.opvoedstijlen",
        "zorgen.ambassadeur",
        "ontwikkelen.reflecteren",
        "ontwikkelen.levenslang",
        "ontwikkelen.emoties",
        "functioneren.komst-afscheid",
    ]
    assert "functioneren.balans" not in [g.id for g in result.gaps]  # importance 1


def test_needs_importance_only_where_the_score_is_not_high(framework: Framework) -> None:
    gedrag = framework.competency("zorgen.gedrag")
    assert not needs_importance(gedrag, answers({}))
    assert not needs_importance(gedrag, answers(both("zorgen.gedrag", DONT_KNOW, NVT)))
    assert not needs_importance(gedrag, answers(both("zorgen.gedrag", 4, 4)))
    assert not needs_importance(gedrag, answers(both("zorgen.gedrag", 3, 5)))  # 4.0
    assert needs_importance(gedrag, answers(both("zorgen.gedrag", 3, 4)))  # 3.5
    assert needs_importance(gedrag, answers(both("zorgen.gedrag", 1, DONT_KNOW)))


# ---------------------------------------------------------------- the own-children condition

OWN = "functioneren.eigen-kinderen"


@pytest.mark.parametrize(("own_children", "included"), [(False, False), (True, True), (None, True)])
def test_own_children_condition(framework: Framework, own_children: bool | None, included: bool) -> None:
    values = {**both(OWN, 1, 1), **both("functioneren.balans", 5, 5)}
    result = score(framework, answers(values, eigen_kinderen=own_children))
    functioneren = next(p for p in result.pillars if p.id == "functioneren")
    ids = [c.id for c in functioneren.competencies]
    assert (OWN in ids) is included
    assert (OWN in [g.id for g in result.gaps]) is included
    assert functioneren.score == (3.0 if included else 5.0)


# ---------------------------------------------------------------- determinism and properties


def test_same_answers_same_result(framework: Framework, oma_path: Path) -> None:
    loaded = load_answers(framework, oma_path)
    items = list(loaded.answers.items())
    random.Random(7).shuffle(items)
    shuffled = Answers(profile=loaded.profile, answers=dict(items), importance=loaded.importance)
    assert score(framework, loaded) == score(framework, loaded)
    assert score(framework, shuffled).gaps == score(framework, loaded).gaps
    assert score(framework, shuffled).pillars == score(framework, loaded).pillars


VALUES = st.one_of(st.integers(min_value=1, max_value=5), st.sampled_from([DONT_KNOW, NVT]))


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_score_properties(framework: Framework, data: st.DataObject) -> None:
    question_ids = [q.id for q in framework.questions()]
    chosen = data.draw(st.lists(st.sampled_from(question_ids), unique=True, max_size=20))
    values = {qid: data.draw(VALUES) for qid in chosen}
    competency_ids = [c.id for c in framework.competencies()]
    importance = data.draw(
        st.dictionaries(st.sampled_from(competency_ids), st.integers(min_value=1, max_value=3), max_size=8)
    )
    result = score(framework, answers(values, importance))

    for comp in result.competencies():
        numbers = [v for k, v in values.items() if k.rsplit(".", 1)[0] == comp.id and isinstance(v, int)]
        if numbers:
            assert comp.score == pytest.approx(sum(numbers) / len(numbers), abs=0.01)
        else:
            assert comp.score is None
    priorities = [g.priority for g in result.gaps]
    assert priorities == sorted(priorities, reverse=True)
    for gap in result.gaps:
        assert gap.score <= 3.5 and gap.importance >= 2
        assert gap.priority == pytest.approx((5 - gap.score) * gap.importance)
    assert all(s.score is not None and s.score >= 4 for s in result.strengths)
    # Replacing every special answer by nothing changes nothing: they never count.
    plain = {k: v for k, v in values.items() if isinstance(v, int)}
    assert score(framework, answers(plain, importance)).gaps == result.gaps


def test_persona_dont_know_heavy_profile(framework: Framework, dont_know_family: Answers) -> None:
    """Honest scores: 'weet ik niet' never lowers a score, too few answers are said (issue 8)."""
    family = dont_know_family
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
