"""Scoring, field by field: what each score, gap and point to find out carries.

Written against the mutants that survived tests/test_scoring.py (README, "Mutation testing"): every
field of a result is compared with a value worked out by hand, for one foster parent and for two.
"""

from __future__ import annotations

from pleegreflectie.models import Answers, Competency, Framework, Pillar, Profile, Special
from pleegreflectie.scoring import FindOut, Gap, score

DONT_KNOW = Special.DONT_KNOW


def _question(competency: Competency, kind: str) -> str:
    return next(q.id for q in competency.questions if q.kind == kind)


def _first_pillar(framework: Framework) -> Pillar:
    pillar = framework.pillars[0]
    assert len(pillar.competencies) >= 3
    assert all({q.kind for q in c.questions} >= {"weten", "doen"} for c in pillar.competencies[:3])
    return pillar


def test_two_foster_parents_each_get_their_own_score(framework: Framework) -> None:
    pillar = _first_pillar(framework)
    first = pillar.competencies[0]
    know, do = _question(first, "weten"), _question(first, "doen")
    answers = Answers(
        profile=Profile(),
        participants=("Anna", "Bram"),
        answers={know: 2, do: 4},
        partner_answers={know: 5, do: DONT_KNOW},
    )
    result = score(framework, answers, [pillar.id])
    found = result.competency(first.id)
    assert found.per_participant == (("Anna", 3.0), ("Bram", 5.0))
    assert found.score == 4.0  # the mean of the two parents' scores
    assert found.answered == 3
    assert found.unsure == 1
    # Every question of the competency, once per parent.
    assert found.questions == 2 * len(first.questions_for(answers.profile))
    assert found.name == first.name
    assert found.pillar_id == pillar.id


def test_one_foster_parent_has_no_voices_and_counts_questions_once(framework: Framework) -> None:
    pillar = _first_pillar(framework)
    first = pillar.competencies[0]
    answers = Answers(answers={_question(first, "weten"): 3})
    found = score(framework, answers, [pillar.id]).competency(first.id)
    assert found.per_participant == ()
    assert found.questions == len(first.questions_for(answers.profile))
    assert found.find_out == ()


def test_dont_know_on_knowing_questions_is_found_out_across_competencies(framework: Framework) -> None:
    pillar = _first_pillar(framework)
    one, two, three = pillar.competencies[:3]
    answers = Answers(
        answers={
            _question(one, "weten"): DONT_KNOW,  # to find out
            _question(one, "doen"): 2,
            _question(two, "weten"): DONT_KNOW,  # to find out, in another competency
            _question(three, "weten"): 4,  # known: nothing to find out
            _question(three, "doen"): DONT_KNOW,  # "weet ik niet" on doing: not a point to find out
        }
    )
    result = score(framework, answers, [pillar.id])
    assert result.find_out == tuple(
        FindOut(
            _question(c, "weten"),
            c.id,
            pillar.id,
            c.name,
            next(q for q in c.questions if q.kind == "weten").text_for(Profile()),
        )
        for c in (one, two)
    )
    assert result.competency(one.id).find_out == (_question(one, "weten"),)
    assert result.competency(two.id).find_out == (_question(two, "weten"),)
    assert result.competency(three.id).find_out == ()


def test_pillar_counts_what_its_score_rests_on(framework: Framework) -> None:
    pillar = _first_pillar(framework)
    one, two, three = pillar.competencies[:3]
    answers = Answers(
        answers={
            _question(one, "weten"): 2,
            _question(two, "weten"): 4,
            _question(three, "weten"): DONT_KNOW,  # no score
        }
    )
    found = score(framework, answers, [pillar.id]).pillars[0]
    assert found.id == pillar.id
    assert found.title == pillar.title
    assert found.score == 3.0
    assert found.scored == 2
    assert found.total == len(pillar.competencies)
    assert [c.id for c in found.competencies] == [c.id for c in pillar.competencies]


def test_strengths_put_the_higher_score_first_even_later_in_the_framework(framework: Framework) -> None:
    pillar = _first_pillar(framework)
    one, two = pillar.competencies[:2]
    answers = Answers(
        answers={
            _question(one, "weten"): 4,
            _question(one, "doen"): 4,
            _question(two, "weten"): 5,
            _question(two, "doen"): 5,
        }
    )
    result = score(framework, answers, [pillar.id])
    assert [(s.id, s.score) for s in result.strengths] == [(two.id, 5.0), (one.id, 4.0)]


def test_a_gap_carries_the_competency_name_and_its_priority(framework: Framework) -> None:
    pillar = _first_pillar(framework)
    first = pillar.competencies[0]
    answers = Answers(
        answers={_question(first, "weten"): 2, _question(first, "doen"): 3}, importance={first.id: 3}
    )
    result = score(framework, answers, [pillar.id])
    assert result.gaps == (Gap(first.id, pillar.id, first.name, 2.5, 3, 7.5),)
