"""Signals at their limits: exactly when a condition holds, the message of each broken rule, word for
word and on its line, and which file's rules a reflection is read with.

Written against the survivors of mutation testing (README, "Mutation testing"): each test pins an
outcome that a foster parent, a worker or an organisation adapting the file would see.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from pleegreflectie.errors import InvalidFileError
from pleegreflectie.models import Answers, Framework, Special
from pleegreflectie.scoring import score
from pleegreflectie.signals import Signal, evaluate
from pleegreflectie.signals_file import load_signals, parse_signals, signals_of
from pleegreflectie.yamlfile import Source

TODAY = dt.date(2026, 12, 6)
HINT = "Verbeter het bestand met signalen en probeer het opnieuw."


def rule_file(als: str, tekst: str = '"Praat erover?"', bron: str = '"test"') -> str:
    return f'versie: "1"\nsignalen:\n  - id: test\n    als: {als}\n    tekst: {tekst}\n    bron: {bron}\n'


def answers(profile: dict[str, Any] | None = None, **given: Any) -> Answers:
    """Answers with only the questions given (`zorgen__gedrag__weten=2`)."""
    values = {key.replace("__", "."): value for key, value in given.items()}
    return Answers.model_validate({"profiel": profile or {}, "antwoorden": values})


def two_parents(question_id: str, first: int | Special, second: int | Special) -> Answers:
    """Two foster parents who answered one question each in their own way."""
    return Answers(
        participants=("Sanne", "Ahmed"), answers={question_id: first}, partner_answers={question_id: second}
    )


def signals(framework: Framework, als: str, family: Answers, **texts: str) -> list[Signal]:
    rules = parse_signals(framework, Source("test.yaml", rule_file(als, **texts)))
    return evaluate(rules, framework, family, score(framework, family), today=TODAY)


def fires(framework: Framework, als: str, family: Answers) -> bool:
    return [s.id for s in signals(framework, als, family)] == ["test"]


def problems(framework: Framework, text: str) -> tuple[list[tuple[int | None, str]], str]:
    with pytest.raises(InvalidFileError) as caught:
        parse_signals(framework, Source("test.yaml", text))
    return [(p.line, p.message) for p in caught.value.problems], str(caught.value)


# ---------------------------------------------------------------- conditions at their limits


def test_a_child_of_zero_is_inside_an_age_range_without_a_lower_end(framework: Framework) -> None:
    assert fires(framework, "{leeftijd_max: 2}", answers({"leeftijden_pleegkinderen": [0]}))
    assert fires(framework, "{leeftijd_min: 0}", answers({"leeftijden_pleegkinderen": [0]}))
    assert not fires(framework, "{leeftijd_min: 1}", answers({"leeftijden_pleegkinderen": [0]}))
    assert fires(framework, "{leeftijd_min: 27}", answers({"leeftijden_pleegkinderen": [27]}))


def test_one_age_and_one_month_are_ranges_of_their_own(framework: Framework) -> None:
    assert fires(framework, "{leeftijd_min: 4, leeftijd_max: 4}", answers({"leeftijden_pleegkinderen": [4]}))
    assert not fires(
        framework, "{leeftijd_min: 4, leeftijd_max: 4}", answers({"leeftijden_pleegkinderen": [3, 5]})
    )
    nine_months = answers({"plaatsing_sinds": "2026-03"})
    assert fires(framework, "{plaatsing_maanden_min: 9, plaatsing_maanden_max: 9}", nine_months)
    assert not fires(framework, "{plaatsing_maanden_min: 8, plaatsing_maanden_max: 8}", nine_months)


def test_a_question_of_two_foster_parents_counts_with_their_mean(framework: Framework) -> None:
    # 1 and 3: a mean of 2. Under a limit of 2 (exactly at it), not under 1.9.
    two = two_parents("zorgen.gezondheid.weten", 1, 3)
    assert fires(framework, "{score_max: {zorgen.gezondheid.weten: 2}}", two)
    assert not fires(framework, "{score_max: {zorgen.gezondheid.weten: 1.9}}", two)
    # One of them said "weet ik niet": the other's answer is the score, and the "weet ik niet" counts.
    unsure = two_parents("zorgen.gezondheid.weten", 2, Special.DONT_KNOW)
    assert fires(framework, "{score_max: {zorgen.gezondheid.weten: 2}}", unsure)
    assert fires(framework, "{weet_niet: zorgen.gezondheid.weten}", unsure)
    assert fires(framework, "{weet_niet: zorgen.gezondheid}", unsure)


def test_a_competency_pillar_and_question_score_at_the_limit(framework: Framework) -> None:
    family = answers(zorgen__gedrag__weten=2, zorgen__gedrag__doen=3)  # competency 2.5
    assert fires(framework, "{score_max: {zorgen.gedrag: 2.5}}", family)
    assert not fires(framework, "{score_max: {zorgen.gedrag: 2.4}}", family)
    assert fires(framework, "{score_max: {zorgen: 2.5}}", family)  # the pillar: its only competency
    assert not fires(framework, "{score_max: {zorgen: 2.4}}", family)
    assert not fires(framework, "{score_max: {functioneren: 5}}", family)  # a pillar not done


def test_yes_and_no_in_any_case_and_one_value_for_a_list(framework: Framework) -> None:
    prepared = answers({"voorbereiding": True, "eigen_kinderen": False})
    unprepared = answers({"voorbereiding": False, "eigen_kinderen": True})
    assert fires(framework, "{voorbereiding: ' Ja '}", prepared)
    assert not fires(framework, "{voorbereiding: ' Ja '}", unprepared)
    assert fires(framework, "{voorbereiding: NEE}", unprepared)
    assert fires(framework, "{eigen_kinderen: Nee}", prepared)
    assert not fires(framework, "{eigen_kinderen: Nee}", unprepared)
    behaviour = answers({"uitdagingen": ["gedrag"], "pleegzorgvormen": ["crisis"], "pleegouder": "netwerk"})
    assert fires(framework, "{uitdagingen: gedrag}", behaviour)
    assert not fires(framework, "{uitdagingen: hechting}", behaviour)
    assert fires(framework, "{pleegzorgvormen: crisis}", behaviour)
    assert fires(framework, "{pleegouder: netwerk}", behaviour)


def test_every_unknown_fact_keeps_a_rule_silent(framework: Framework) -> None:
    nothing = answers()
    for als in (
        "{pleegouder: [netwerk, bestand]}",
        "{voorbereiding: nee}",
        "{eigen_kinderen: nee}",
        "{pleegzorgvormen: [crisis]}",
        "{uitdagingen: [gedrag]}",
        "{leeftijd_max: 27}",
        "{eerdere_plaatsingen_min: 0}",
        "{plaatsing_maanden_max: 960}",
        "{jaren_pleegouder_max: 80}",
        "{score_max: {zorgen.gedrag: 5}}",
        "{weet_niet: [zorgen.gedrag]}",
    ):
        assert not fires(framework, als, nothing), als


def test_a_signal_carries_its_rule_text_and_source_on_one_line(framework: Framework) -> None:
    found = signals(
        framework,
        "{pleegouder: netwerk}",
        answers({"pleegouder": "netwerk"}),
        tekst='"Wat  helpt\n      je?"',
        bron='"NJi,   richtlijn\n      pleegzorg"',
    )
    assert found == [Signal("test", "Wat helpt je?", "NJi, richtlijn pleegzorg")]


# ---------------------------------------------------------------- broken rules, word for word


@pytest.mark.parametrize(
    ("als", "message"),
    [
        ("{}", "als: er staat geen voorwaarde. Zeg wanneer dit signaal komt."),
        ("{leeftijd_min: 5, leeftijd_max: 4}", "als: leeftijd_min is groter dan leeftijd_max."),
        (
            "{plaatsing_maanden_min: 5, plaatsing_maanden_max: 4}",
            "als: plaatsing_maanden_min is groter dan plaatsing_maanden_max.",
        ),
    ],
)
def test_a_condition_that_cannot_be_meant(framework: Framework, als: str, message: str) -> None:
    found, text = problems(framework, rule_file(als))
    assert found == [(4, message)]
    assert text.endswith(f"test.yaml:4: {message}\n{HINT}")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "het bestand is leeg. Het moet beginnen met 'versie:' en 'signalen:'."),
        (
            "- id: a\n",
            "het bestand begint met een lijst of een tekst. Het moet beginnen met 'versie:' en 'signalen:'.",
        ),
        (
            "gewoon een zin\n",
            "het bestand begint met een lijst of een tekst. Het moet beginnen met 'versie:' en 'signalen:'.",
        ),
    ],
)
def test_a_file_that_is_no_list_of_rules(framework: Framework, text: str, message: str) -> None:
    assert problems(framework, text) == (
        [(1, message)],
        f"Er is 1 probleem gevonden:\n  test.yaml:1: {message}",
    )


def test_a_text_for_two_that_is_no_text(framework: Framework) -> None:
    found, _ = problems(
        framework, rule_file("{pleegouder: netwerk}", tekst='{je: "Wat helpt je?", jullie: 5}')
    )
    assert found == [(5, "'jullie' moet een tekst zijn.")]


UNKNOWN_SCORE = (
    "'{}' is geen bekende competentie, pijler of vraag. Gebruik een naam uit pillars.yaml, zoals "
    "'functioneren.balans' of 'zorgen.gezondheid.weten'."
)
UNKNOWN_QUESTION = (
    "'{}' is geen bekende vraag of competentie. Gebruik een naam uit pillars.yaml, zoals "
    "'samenwerken.juridisch' of 'samenwerken.juridisch.weten'."
)

NESTED = """\
versie: "1"
signalen:
  - id: test
    als:
      score_max:
        functioneren.balans: 2
        functioneren.rust: 2
      weet_niet: zorgen.weten
      een_van:
        - pleegouder: netwerk
        - weet_niet:
            - zorgen.gedrag.weten
            - zorgen.gedrag.snappen
        - een_van:
            - score_max:
                zorgen.gedrag: 2
                zorgen.gedragg: 3
    tekst: "Praat erover?"
    bron: "test"
"""


def test_an_unknown_name_is_found_on_its_own_line_also_inside_een_van(framework: Framework) -> None:
    found, text = problems(framework, NESTED)
    assert found == [
        (7, UNKNOWN_SCORE.format("functioneren.rust")),
        (8, UNKNOWN_QUESTION.format("zorgen.weten")),
        (13, UNKNOWN_QUESTION.format("zorgen.gedrag.snappen")),
        (17, UNKNOWN_SCORE.format("zorgen.gedragg")),
    ]
    assert text.endswith(HINT)


def test_a_pillar_is_no_name_for_weet_niet(framework: Framework) -> None:
    found, _ = problems(framework, rule_file("{weet_niet: [zorgen]}"))
    assert found == [(4, UNKNOWN_QUESTION.format("zorgen"))]


DEEP = "{een_van: [" * 12 + "{pleegouder: netwerk}" + "]}" * 12  # 28 levels: fine elsewhere, not here
TOO_DEEP = (
    "hier zitten te veel lijsten in elkaar (meer dan 24 niveaus). "
    "Maak ze eenvoudiger, zoals minder een_van in een_van."
)


def test_rules_deeper_than_a_signals_file_allows(framework: Framework, tmp_path: Path) -> None:
    found, _ = problems(framework, rule_file(DEEP))
    assert found == [(4, TOO_DEEP)]
    path = tmp_path / "eigen-signalen.yaml"
    path.write_text(rule_file(DEEP), encoding="utf-8")
    with pytest.raises(InvalidFileError) as caught:
        load_signals(framework, path)
    assert [(p.path, p.line, p.message) for p in caught.value.problems] == [(str(path), 4, TOO_DEEP)]


# ---------------------------------------------------------------- which rules a reflection is read with


def test_an_own_file_that_is_still_there_is_used(framework: Framework, tmp_path: Path) -> None:
    path = tmp_path / "eigen-signalen.yaml"
    path.write_text(rule_file("{pleegouder: netwerk}"), encoding="utf-8")
    rules, note = signals_of(framework, str(path))
    assert [r.id for r in rules.rules] == ["test"]
    assert note is None


def test_an_own_file_that_is_gone_falls_back_to_the_bundled_rules_with_a_note(
    framework: Framework, tmp_path: Path
) -> None:
    gone = tmp_path / "weg.yaml"
    rules, note = signals_of(framework, str(gone))
    assert rules == load_signals(framework)
    assert note == (
        f"Het eigen bestand met signalen ({gone}) is er niet meer. De meegeleverde signalen worden gebruikt."
    )
    assert signals_of(framework, None) == (load_signals(framework), None)
    assert "test" not in [r.id for r in rules.rules]
