"""The answers-file template: valid YAML, every id, and it loads once filled in."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from pleegreflectie.answers_file import load_answers, parse_answers
from pleegreflectie.models import Framework
from pleegreflectie.profile_file import bundled_questions
from pleegreflectie.scoring import score
from pleegreflectie.template import answers_template
from pleegreflectie.yamlfile import Source


@pytest.fixture(scope="module")
def template(framework: Framework) -> str:
    return answers_template(framework, bundled_questions())


def test_template_is_yaml_with_the_four_sections(template: str) -> None:
    data = yaml.safe_load(template)
    assert list(data) == ["profiel", "antwoorden", "belang", "notities"]


def test_template_lists_every_id(framework: Framework, template: str) -> None:
    data = yaml.safe_load(template)
    assert list(data["antwoorden"]) == [q.id for q in framework.questions()]
    assert list(data["belang"]) == [c.id for c in framework.competencies()]
    assert list(data["notities"]) == [p.id for p in framework.pillars]
    assert list(data["profiel"]) == bundled_questions().key_order()
    assert {"aantal_pleegouders", "eerdere_plaatsingen", "plaatsing_sinds"} <= set(data["profiel"])
    assert all(value is None for value in data["antwoorden"].values())


def test_template_shows_each_question_text_as_a_comment(framework: Framework, template: str) -> None:
    lines = template.splitlines()
    for q in framework.questions():
        index = lines.index(f"  {q.id}:")
        assert lines[index - 1] == f"  # {q.text}"


def test_template_explains_the_scale(framework: Framework, template: str) -> None:
    for option in framework.scale:
        assert f"{option.value} = {option.label}" in template
    assert "weet ik niet" in template and "nvt" in template


def test_empty_template_loads_as_nothing_answered(framework: Framework, template: str) -> None:
    answers = parse_answers(framework, Source("sjabloon.yaml", template))
    assert answers.answers == {} and answers.importance == {} and answers.notes == {}
    result = score(framework, answers)
    assert all(p.score is None for p in result.pillars)
    assert result.gaps == ()


def fill(template: str, value: str) -> str:
    """Put `value` after every question id, the way someone fills in the file in an editor."""
    return re.sub(r"^(  [a-z]+\.[a-z0-9-]+\.[a-z0-9-]+):$", rf"\1: {value}", template, flags=re.MULTILINE)


def test_filled_in_template_loads_and_scores(framework: Framework, template: str, tmp_path: Path) -> None:
    path = tmp_path / "antwoorden.yaml"
    path.write_text(fill(template, "3"), encoding="utf-8")
    answers = load_answers(framework, path)
    assert len(answers.answers) == 48
    assert set(answers.answers.values()) == {3}
    result = score(framework, answers)
    assert [p.score for p in result.pillars] == [3.0] * 5
    assert len(result.gaps) == 24  # own children unknown: that competency counts too
    assert result.strengths == ()


def test_filled_in_with_words_and_importance(framework: Framework, template: str) -> None:
    text = fill(template, "weet ik niet")
    text = text.replace("  zorgen.gedrag:  #", "  zorgen.gedrag: 3  #")
    text = text.replace("  zorgen:  #", "  zorgen: Het gaat best goed.  #")
    text = text.replace("  eigen_kinderen:\n", "  eigen_kinderen: nee\n")
    answers = parse_answers(framework, Source("a.yaml", text))
    assert answers.importance == {"zorgen.gedrag": 3}
    assert answers.notes == {"zorgen": "Het gaat best goed."}
    assert answers.profile.own_children is False
    assert all(p.score is None for p in score(framework, answers).pillars)
