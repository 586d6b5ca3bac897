"""Signals for the conversation: every bundled rule fires when it applies and only then; broken files
name the file and the line; the texts are questions in plain Dutch."""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import textstat
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pleegreflectie.errors import ExitCode, InvalidFileError, NotFoundError
from pleegreflectie.models import Answers, Framework, pick
from pleegreflectie.scoring import score
from pleegreflectie.signals import Signal, SignalRules, evaluate
from pleegreflectie.signals_file import SIGNALS_FILE, load_signals, parse_signals
from pleegreflectie.yamlfile import Source, bundled

ROOT = Path(__file__).resolve().parents[1]
MIN_READING_EASE = 60  # as for the questions in test_language.py
DONT_KNOW = "weet ik niet"
LOW = 2.5
TODAY = dt.date(2026, 12, 6)  # the day of the reflection, passed in as the program does

# Words, rules and offers that exist only in the Netherlands: a Flemish family never reads them.
# (Our own small list: the profile's terms per country, data/landen.yaml, was not on main yet.)
DUTCH_ONLY = (
    "kinderrechter",
    "gecertificeerde instelling",
    "veilig thuis",
    "0800-2000",
    "jeugdwet",
    "raad voor de kinderbescherming",
    "jeugdbeschermer",
    "gezinsvoogd",
    "tot 21",
    "tot 23",
    "verlengde pleegzorg",
    "nvp",
    "wijkteam",
    "cjg",
    "pleegzorgorganisatie",
    "gi",
)


def dutch_only(text: str) -> list[str]:
    lower = text.lower()
    return [t for t in DUTCH_ONLY if re.search(rf"(?<![\w-]){re.escape(t)}(?![\w-])", lower)]


@pytest.fixture(scope="module")
def rules(framework: Framework) -> SignalRules:
    return load_signals(framework)


def make(framework: Framework, profile: dict[str, Any] | None = None, **answers: Any) -> Answers:
    """Answers with a 4 ("Grotendeels") everywhere, except where a competency or question is given.

    `zorgen__gedrag=(2, 3)` sets both questions of zorgen.gedrag; `zorgen__gedrag__weten=1` one question;
    None leaves them unanswered.
    """
    values: dict[str, Any] = {q.id: 4 for q in framework.questions()}
    for key, value in answers.items():
        key = key.replace("__", ".")
        if key in values:
            ids = [key]
            given = [value]
        else:
            ids = [q.id for q in framework.competency(key).questions]
            given = list(value) if isinstance(value, tuple) else [value] * len(ids)
        for question_id, v in zip(ids, given, strict=True):
            if v is None:
                values.pop(question_id)
            else:
                values[question_id] = v
    return Answers.model_validate({"profiel": profile or {}, "antwoorden": values})


def fired(
    rules: SignalRules, framework: Framework, answers: Answers, pillars: list[str] | None = None
) -> list[str]:
    return [
        s.id for s in evaluate(rules, framework, answers, score(framework, answers, pillars), today=TODAY)
    ]


def signals_for(rules: SignalRules, framework: Framework, profile: dict[str, Any]) -> list[Signal]:
    answers = make(framework, profile)
    return evaluate(rules, framework, answers, score(framework, answers), today=TODAY)


# ---------------------------------------------------------------- the bundled rules


def test_the_bundled_file_has_the_rules_the_issue_asks_for(rules: SignalRules) -> None:
    assert rules.version
    assert [r.id for r in rules.rules] == list(RULES)


def test_a_calm_family_gets_no_signal(rules: SignalRules, framework: Framework) -> None:
    profile = {
        "pleegouder": "bestand",
        "voorbereiding": True,
        "eigen_kinderen": True,
        "leeftijden_pleegkinderen": [12],
        "eerdere_plaatsingen": 3,
        "plaatsing_sinds": "2020-01",
    }
    assert fired(rules, framework, make(framework, profile)) == []


def test_nothing_known_gives_no_signal(rules: SignalRules, framework: Framework) -> None:
    assert fired(rules, framework, Answers()) == []


@pytest.mark.parametrize(
    "answers",
    [{"functioneren__balans": (2, 2)}, {"ontwikkelen__opladen": (2, 3)}, {"functioneren__balans": 1}],
)
def test_draagkracht_fires_on_low_balance_or_recharging(
    rules: SignalRules, framework: Framework, answers: dict[str, Any]
) -> None:
    assert "draagkracht-draaglast" in fired(rules, framework, make(framework, **answers))


@pytest.mark.parametrize(
    "answers",
    [
        {"functioneren__balans": 3, "ontwikkelen__opladen": 3},  # "Redelijk" is not low
        {"functioneren__balans": DONT_KNOW, "ontwikkelen__opladen": "nvt"},  # no score: we do not know
        {"functioneren__balans": None},  # not answered
    ],
)
def test_draagkracht_stays_away_otherwise(
    rules: SignalRules, framework: Framework, answers: dict[str, Any]
) -> None:
    assert "draagkracht-draaglast" not in fired(rules, framework, make(framework, **answers))


def test_draagkracht_stays_away_when_its_pillars_were_not_done(
    rules: SignalRules, framework: Framework
) -> None:
    answers = make(framework, functioneren__balans=1, ontwikkelen__opladen=1)
    assert "draagkracht-draaglast" not in fired(rules, framework, answers, pillars=["zorgen"])
    assert "draagkracht-draaglast" in fired(rules, framework, answers, pillars=["functioneren"])


@pytest.mark.parametrize(
    "profile",
    [
        {"plaatsing_sinds": "2026-06"},  # six months ago
        {"plaatsing_sinds": "2026-01"},  # eleven months ago: still the first year
        {"plaatsing_sinds": "2027-03"},  # a later date counts as 0 months, as in the route
        {"jaren_pleegouder": 0},  # placement date unknown, foster parent for less than a year
        {"jaren_pleegouder": 1, "plaatsing_sinds": "2026-11"},
    ],
)
def test_network_parents_without_preparation_early_in_the_placement(
    rules: SignalRules, framework: Framework, profile: dict[str, Any]
) -> None:
    answers = make(framework, {"pleegouder": "netwerk", "voorbereiding": False} | profile)
    signals = evaluate(rules, framework, answers, score(framework, answers), today=TODAY)
    assert [s.id for s in signals] == ["netwerk-zonder-voorbereiding"]
    assert "extra hulp" in signals[0].text
    assert "netwerkpleeggezinnen extra begeleiding" in signals[0].source


@pytest.mark.parametrize(
    "profile",
    [
        {"pleegouder": "bestand", "voorbereiding": False, "plaatsing_sinds": "2026-06"},
        {"pleegouder": "netwerk", "voorbereiding": True, "plaatsing_sinds": "2026-06"},
        {"pleegouder": "netwerk", "plaatsing_sinds": "2026-06"},  # preparation unknown
        {"voorbereiding": False, "plaatsing_sinds": "2026-06"},  # kind of foster parent unknown
        # The panel's case: a network grandmother nine years in.
        {
            "pleegouder": "netwerk",
            "voorbereiding": False,
            "jaren_pleegouder": 9,
            "plaatsing_sinds": "2017-09",
        },
        {"pleegouder": "netwerk", "voorbereiding": False, "plaatsing_sinds": "2025-12"},  # 12 months
        {"pleegouder": "netwerk", "voorbereiding": False, "jaren_pleegouder": 2},
        {"pleegouder": "netwerk", "voorbereiding": False},  # how long: unknown
    ],
)
def test_network_signal_stays_away_otherwise(
    rules: SignalRules, framework: Framework, profile: dict[str, Any]
) -> None:
    assert "netwerk-zonder-voorbereiding" not in fired(rules, framework, make(framework, profile))


@pytest.mark.parametrize(("ages", "moves"), [([12], 2), ([4, 10], 5), ([17], 2)])
def test_behaviour_ten_plus_and_several_moves_asks_about_therapeutic_guidance(
    rules: SignalRules, framework: Framework, ages: list[int], moves: int
) -> None:
    profile = {"uitdagingen": ["gedrag", "hechting"], "leeftijden_pleegkinderen": ages}
    answers = make(framework, profile | {"eerdere_plaatsingen": moves})
    signals = {s.id: s for s in evaluate(rules, framework, answers, score(framework, answers), today=TODAY)}
    text = signals["gedrag-tien-plus"].text
    assert "therapeutische pleegzorgbegeleiding" in text
    assert "pleegzorgbegeleider" in text
    assert "therapeut " not in text and "therapeut?" not in text  # not "een therapeut"
    assert "gedrag-tien-plus-vl" not in signals


def test_a_flemish_family_gets_the_flemish_behaviour_signal(rules: SignalRules, framework: Framework) -> None:
    profile = {
        "land": "vl",
        "uitdagingen": ["gedrag"],
        "leeftijden_pleegkinderen": [13],
        "eerdere_plaatsingen": 2,
    }
    ids = fired(rules, framework, make(framework, profile))
    assert "gedrag-tien-plus-vl" in ids
    assert "gedrag-tien-plus" not in ids


@pytest.mark.parametrize(
    "profile",
    [
        {"uitdagingen": ["gedrag"], "leeftijden_pleegkinderen": [9], "eerdere_plaatsingen": 4},
        {"uitdagingen": ["hechting", "trauma"], "leeftijden_pleegkinderen": [12], "eerdere_plaatsingen": 4},
        {"uitdagingen": ["gedrag"], "leeftijden_pleegkinderen": [12], "eerdere_plaatsingen": 1},
        {"uitdagingen": ["gedrag"], "leeftijden_pleegkinderen": [12]},  # moves unknown
        {"uitdagingen": ["gedrag"], "eerdere_plaatsingen": 4},  # ages unknown
        {"leeftijden_pleegkinderen": [12], "eerdere_plaatsingen": 4},  # challenges unknown
        {"uitdagingen": ["onbekend"], "leeftijden_pleegkinderen": [12], "eerdere_plaatsingen": 4},
    ],
)
def test_behaviour_signal_stays_away_otherwise(
    rules: SignalRules, framework: Framework, profile: dict[str, Any]
) -> None:
    ids = fired(rules, framework, make(framework, profile))
    assert "gedrag-tien-plus" not in ids
    assert "gedrag-tien-plus-vl" not in ids


@pytest.mark.parametrize(
    ("profile", "own"),
    [
        ({"eigen_kinderen": True}, (2, 3)),
        ({"eigen_kinderen": True}, (DONT_KNOW, 4)),  # "weet ik niet" how they feel: ask them
        ({}, (1, 2)),  # own children unknown, the questions were answered low
    ],
)
def test_own_children_on_their_own_competency(
    rules: SignalRules, framework: Framework, profile: dict[str, Any], own: tuple[Any, Any]
) -> None:
    answers = make(framework, profile, **{"functioneren.eigen-kinderen": own})
    assert fired(rules, framework, answers) == ["eigen-kinderen"]


@pytest.mark.parametrize(
    ("profile", "own", "balance"),
    [
        ({"eigen_kinderen": True}, (4, 4), (1, 1)),  # a low balance is not about the own children
        ({"eigen_kinderen": False}, (1, 1), (4, 4)),  # no own children: not asked, no score
        ({"eigen_kinderen": True}, (3, 4), (4, 4)),
        ({"eigen_kinderen": True}, (4, DONT_KNOW), (4, 4)),  # only the knowing question counts
    ],
)
def test_own_children_signal_stays_away_otherwise(
    rules: SignalRules,
    framework: Framework,
    profile: dict[str, Any],
    own: tuple[Any, Any],
    balance: tuple[Any, Any],
) -> None:
    answers = make(framework, profile, **{"functioneren.eigen-kinderen": own, "functioneren.balans": balance})
    assert "eigen-kinderen" not in fired(rules, framework, answers)


def test_low_contact_with_parents_does_not_assume_there_is_contact(
    rules: SignalRules, framework: Framework
) -> None:
    answers = make(framework, **{"zorgen.contact-ouders": (3, 2)})
    signals = evaluate(rules, framework, answers, score(framework, answers), today=TODAY)
    assert [s.id for s in signals] == ["contact-ouders"]
    text = signals[0].text
    assert "soms kan dat niet" in text
    assert "Hoe gaat het contact" not in text


@pytest.mark.parametrize("contact", [(3, 3), (5, 1), (DONT_KNOW, DONT_KNOW), (None, None)])
def test_contact_signal_stays_away_otherwise(
    rules: SignalRules, framework: Framework, contact: tuple[Any, Any]
) -> None:
    answers = make(framework, **{"zorgen.contact-ouders": contact})
    assert "contact-ouders" not in fired(rules, framework, answers)


@pytest.mark.parametrize("legal", [(DONT_KNOW, 4), (4, DONT_KNOW), (DONT_KNOW, DONT_KNOW)])
def test_legal_dont_know_asks_for_the_legal_frame(
    rules: SignalRules, framework: Framework, legal: tuple[Any, Any]
) -> None:
    answers = make(framework, **{"samenwerken.juridisch": legal})
    signals = evaluate(rules, framework, answers, score(framework, answers), today=TODAY)
    assert [s.id for s in signals] == ["juridisch-weet-niet"]
    assert "pleegzorgbegeleider" in signals[0].text
    assert "kinderrechter" in signals[0].text


def test_a_flemish_family_reads_jeugdrechter(rules: SignalRules, framework: Framework) -> None:
    answers = make(framework, {"land": "vl"}, **{"samenwerken.juridisch": DONT_KNOW})
    signals = evaluate(rules, framework, answers, score(framework, answers), today=TODAY)
    assert [s.id for s in signals] == ["juridisch-weet-niet-vl"]
    assert "jeugdrechter" in signals[0].text
    assert "kinderrechter" not in signals[0].text


@pytest.mark.parametrize("legal", [(1, 1), ("nvt", "nvt"), (None, None)])
def test_legal_signal_stays_away_otherwise(
    rules: SignalRules, framework: Framework, legal: tuple[Any, Any]
) -> None:
    answers = make(framework, **{"samenwerken.juridisch": legal})
    assert "juridisch-weet-niet" not in fired(rules, framework, answers)


@pytest.mark.parametrize(
    "answers",
    [
        {"opvoeden.veilige-omgeving": (2, 3)},
        {"functioneren.veiligheid": 1},
        {"opvoeden.veilige-omgeving.weten": DONT_KNOW},
        {"functioneren.veiligheid.doen": DONT_KNOW},
    ],
)
def test_safety_low_or_dont_know_names_the_help_of_the_country(
    rules: SignalRules, framework: Framework, answers: dict[str, Any]
) -> None:
    dutch = evaluate(rules, framework, a := make(framework, **answers), score(framework, a), today=TODAY)
    assert [s.id for s in dutch] == ["veiligheid"]
    assert "Veilig Thuis" in dutch[0].text and "0800-2000" in dutch[0].text
    flemish = evaluate(
        rules, framework, b := make(framework, {"land": "vl"}, **answers), score(framework, b), today=TODAY
    )
    assert [s.id for s in flemish] == ["veiligheid-vl"]
    assert "1712" in flemish[0].text and "Veilig Thuis" not in flemish[0].text


@pytest.mark.parametrize(
    "answers",
    [
        {"opvoeden.veilige-omgeving": (3, 3)},
        {"functioneren.veiligheid": ("nvt", 4)},
        {"opvoeden.veilige-omgeving": None},
    ],
)
def test_safety_signal_stays_away_otherwise(
    rules: SignalRules, framework: Framework, answers: dict[str, Any]
) -> None:
    ids = fired(rules, framework, make(framework, **answers))
    assert "veiligheid" not in ids and "veiligheid-vl" not in ids


@pytest.mark.parametrize(
    ("profile", "expected"),
    [
        ({"pleegzorgvormen": ["kortdurend"], "plaatsing_sinds": "2026-03"}, True),  # nine months
        ({"pleegzorgvormen": ["crisis"], "plaatsing_sinds": "2024-01"}, True),
        ({"pleegzorgvormen": ["kortdurend"], "plaatsing_sinds": "2026-04"}, False),  # eight months
        ({"pleegzorgvormen": ["langdurig"], "plaatsing_sinds": "2020-01"}, False),  # perspective given
        ({"pleegzorgvormen": ["kortdurend"]}, False),  # since when: unknown
        ({"plaatsing_sinds": "2020-01"}, False),  # kind of care unknown
    ],
)
def test_an_unclear_perspective_after_nine_months(
    rules: SignalRules, framework: Framework, profile: dict[str, Any], expected: bool
) -> None:
    assert ("perspectief" in fired(rules, framework, make(framework, profile))) is expected


@pytest.mark.parametrize(
    ("ages", "expected"), [([16], True), ([3, 17], True), ([15], False), ([18], False), ([], False)]
)
def test_a_child_of_sixteen_or_seventeen_plans_for_eighteen_per_country(
    rules: SignalRules, framework: Framework, ages: list[int], expected: bool
) -> None:
    dutch = {s.id: s.text for s in signals_for(rules, framework, {"leeftijden_pleegkinderen": ages})}
    flemish = {
        s.id: s.text for s in signals_for(rules, framework, {"land": "vl", "leeftijden_pleegkinderen": ages})
    }
    assert ("bijna-achttien" in dutch) is expected
    assert ("bijna-achttien-vl" in flemish) is expected
    assert "bijna-achttien-vl" not in dutch and "bijna-achttien" not in flemish
    if expected:
        assert "21" in dutch["bijna-achttien"] and "25" not in dutch["bijna-achttien"]
        assert "25" in flemish["bijna-achttien-vl"] and "21" not in flemish["bijna-achttien-vl"]


@pytest.mark.parametrize(
    ("profile", "answers", "expected"),
    [
        ({"uitdagingen": ["gedrag"]}, {"ontwikkelen.opladen": (2, 2)}, True),
        ({}, {"zorgen.gedrag": (2, 3), "ontwikkelen.opladen": (1, 3)}, True),
        ({"uitdagingen": ["gedrag"]}, {"ontwikkelen.opladen": (3, 3)}, False),
        ({"uitdagingen": ["trauma"]}, {"ontwikkelen.opladen": (1, 1)}, False),
        ({}, {"zorgen.gedrag": (2, 2), "ontwikkelen.opladen": (DONT_KNOW, DONT_KNOW)}, False),
    ],
)
def test_behaviour_with_little_recharging(
    rules: SignalRules, framework: Framework, profile: dict[str, Any], answers: dict[str, Any], expected: bool
) -> None:
    assert ("gedrag-en-opladen" in fired(rules, framework, make(framework, profile, **answers))) is expected


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"zorgen.gezondheid.weten": 2}, True),
        ({"zorgen.gezondheid.weten": DONT_KNOW}, True),
        ({"zorgen.gedrag.weten": DONT_KNOW}, True),
        ({"zorgen.gezondheid.weten": 3, "zorgen.gezondheid.doen": 1}, False),  # the knowing question only
        ({"zorgen.gedrag.weten": 1}, False),
    ],
)
def test_not_knowing_health_or_history(
    rules: SignalRules, framework: Framework, answers: dict[str, Any], expected: bool
) -> None:
    assert ("gezondheid-geschiedenis" in fired(rules, framework, make(framework, **answers))) is expected


def test_signals_come_in_the_order_of_the_file_and_are_deterministic(
    rules: SignalRules, framework: Framework
) -> None:
    profile = {
        "pleegouder": "netwerk",
        "voorbereiding": False,
        "eigen_kinderen": True,
        "uitdagingen": ["gedrag"],
        "leeftijden_pleegkinderen": [11, 16],
        "eerdere_plaatsingen": 3,
        "pleegzorgvormen": ["kortdurend"],
        "plaatsing_sinds": "2026-01",
    }
    low = {
        c: 1
        for c in (
            "functioneren.balans",
            "ontwikkelen.opladen",
            "zorgen.contact-ouders",
            "functioneren.eigen-kinderen",
            "opvoeden.veilige-omgeving",
            "zorgen.gezondheid",
        )
    }
    answers = make(framework, profile, **low, **{"samenwerken.juridisch": DONT_KNOW})
    first = evaluate(rules, framework, answers, score(framework, answers), today=TODAY)
    assert [s.id for s in first] == [r.id for r in rules.rules if not r.id.endswith("-vl")]
    assert evaluate(rules, framework, answers, score(framework, answers), today=TODAY) == first
    assert all(isinstance(s, Signal) and s.text and s.source for s in first)


def test_the_example_family_gets_the_signals_that_fit_them(
    rules: SignalRules, framework: Framework, oma: Answers
) -> None:
    # Oma: network foster parent without preparation for two years, a child of 9 with behaviour problems.
    ids = fired(rules, framework, oma)
    assert "netwerk-zonder-voorbereiding" not in ids  # two years in: no longer the start
    assert "gedrag-tien-plus" not in ids
    early = oma.model_copy(update={"profile": oma.profile.model_copy(update={"placement_since": "2026-10"})})
    assert "netwerk-zonder-voorbereiding" in fired(rules, framework, early)


# ---------------------------------------------------------------- one foster parent or two


def test_one_foster_parent_never_reads_jullie(rules: SignalRules) -> None:
    for rule in rules.rules:
        je = pick(rule.text, "je")
        assert not re.search(r"\bjullie\b", je, flags=re.IGNORECASE), rule.id


def test_the_signal_carries_the_form_for_the_family(rules: SignalRules, framework: Framework) -> None:
    low = {"functioneren.balans": 1}
    alone = make(framework, {"aantal_pleegouders": 1}, **low)
    pair = make(framework, {"aantal_pleegouders": 2}, **low)
    rule = next(r for r in rules.rules if r.id == "draagkracht-draaglast")
    (one,) = evaluate([rule], framework, alone, score(framework, alone), today=TODAY)
    (two,) = evaluate([rule], framework, pair, score(framework, pair), today=TODAY)
    assert one.text == pick(rule.text, "je") and "jullie" not in one.text
    assert two.text == pick(rule.text, "jullie") and "jullie" in two.text
    # Two foster parents answering together read "jullie" too.
    duo = Answers(
        participants=("A", "B"),
        answers={"functioneren.balans.weten": 1},
        partner_answers={"functioneren.balans.weten": 2},
    )
    assert [s.text for s in evaluate([rule], framework, duo, score(framework, duo), today=TODAY)] == [
        two.text
    ]


# ---------------------------------------------------------------- each signal follows its source's rule
#
# An independent statement of every bundled rule, as its source says it (see data/signalen.yaml and
# docs/inhoud-changelog.md), compared with evaluate() on generated profiles and answers.


def _low(value: float | None) -> bool:
    return value is not None and value <= LOW


class _Case:
    def __init__(self, framework: Framework, answers: Answers) -> None:
        self.profile = answers.profile
        self.result = score(framework, answers)
        asked = {c.id for c in self.result.competencies()}
        self.asked = {
            q.id for c in framework.competencies() if c.id in asked for q in c.questions_for(answers.profile)
        }
        self.answers = answers
        self.months: int | None = None
        if self.profile.placement_since:
            year, month = map(int, self.profile.placement_since.split("-"))
            self.months = max(0, (TODAY.year - year) * 12 + TODAY.month - month)

    def score(self, competency_id: str) -> float | None:
        found = [c.score for c in self.result.competencies() if c.id == competency_id]
        return found[0] if found else None

    def question(self, question_id: str) -> float | None:
        values = [v for v in self.answers.all_values(question_id) if isinstance(v, int)]
        return sum(values) / len(values) if values and question_id in self.asked else None

    def unsure(self, *question_ids: str) -> bool:
        return any(q in self.asked and DONT_KNOW in self.answers.all_values(q) for q in question_ids)

    def country(self, land: str) -> bool:
        return self.profile.country == land

    def ages(self, low: int, high: int = 99) -> bool:
        return any(low <= age <= high for age in self.profile.child_ages)


def _safety(c: _Case) -> bool:
    return (
        _low(c.score("opvoeden.veilige-omgeving"))
        or _low(c.score("functioneren.veiligheid"))
        or c.unsure(
            *(
                f"{k}.{s}"
                for k in ("opvoeden.veilige-omgeving", "functioneren.veiligheid")
                for s in ("weten", "doen")
            )
        )
    )


def _behaviour_ten_plus(c: _Case) -> bool:
    # Seed 004: 10 or older AND behaviour problems AND many earlier moves (here: two or more).
    moves = c.profile.earlier_placements
    return "gedrag" in c.profile.challenges and c.ages(10) and moves is not None and moves >= 2


RULES: dict[str, Callable[[_Case], bool]] = {
    "draagkracht-draaglast": lambda c: (
        _low(c.score("functioneren.balans")) or _low(c.score("ontwikkelen.opladen"))
    ),
    "netwerk-zonder-voorbereiding": lambda c: (
        c.profile.parent_kind == "netwerk"
        and c.profile.prepared is False
        and (
            (c.months is not None and c.months < 12) or (c.profile.years is not None and c.profile.years <= 1)
        )
    ),
    "gedrag-tien-plus": lambda c: c.country("nl") and _behaviour_ten_plus(c),
    "gedrag-tien-plus-vl": lambda c: c.country("vl") and _behaviour_ten_plus(c),
    "eigen-kinderen": lambda c: (
        _low(c.score("functioneren.eigen-kinderen")) or c.unsure("functioneren.eigen-kinderen.weten")
    ),
    "contact-ouders": lambda c: _low(c.score("zorgen.contact-ouders")),
    "juridisch-weet-niet": lambda c: (
        c.country("nl") and c.unsure("samenwerken.juridisch.weten", "samenwerken.juridisch.doen")
    ),
    "juridisch-weet-niet-vl": lambda c: (
        c.country("vl") and c.unsure("samenwerken.juridisch.weten", "samenwerken.juridisch.doen")
    ),
    "veiligheid": lambda c: c.country("nl") and _safety(c),
    "veiligheid-vl": lambda c: c.country("vl") and _safety(c),
    "perspectief": lambda c: (
        c.country("nl")
        and bool({"crisis", "kortdurend"} & set(c.profile.care_kinds))
        and c.months is not None
        and c.months >= 9
    ),
    # Flanders: perspectiefzoekende pleegzorg (kept as kortdurend) lasts at most six months.
    "perspectief-vl": lambda c: (
        c.country("vl") and "kortdurend" in c.profile.care_kinds and c.months is not None and c.months >= 6
    ),
    "bijna-achttien": lambda c: c.country("nl") and c.ages(16, 17),
    "bijna-achttien-vl": lambda c: c.country("vl") and c.ages(16, 17),
    "gedrag-en-opladen": lambda c: (
        _low(c.score("ontwikkelen.opladen"))
        and ("gedrag" in c.profile.challenges or _low(c.score("zorgen.gedrag")))
    ),
    "gezondheid-geschiedenis": lambda c: (
        _low(c.question("zorgen.gezondheid.weten"))
        or c.unsure("zorgen.gezondheid.weten", "zorgen.gedrag.weten")
    ),
}

ANSWERED = (
    "functioneren.balans",
    "ontwikkelen.opladen",
    "functioneren.eigen-kinderen",
    "zorgen.contact-ouders",
    "samenwerken.juridisch",
    "opvoeden.veilige-omgeving",
    "functioneren.veiligheid",
    "zorgen.gedrag",
    "zorgen.gezondheid",
)
VALUE = st.sampled_from([1, 2, 3, 4, 5, DONT_KNOW, "nvt", None])


def _month(back: int) -> str:
    total = TODAY.year * 12 + TODAY.month - 1 - back
    return f"{total // 12:04d}-{total % 12 + 1:02d}"


def _maybe(values: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A value, or None (left out of the profile: unknown) in about one case of four."""
    return st.one_of(st.none(), values, values, values)


PROFILES = st.fixed_dictionaries(
    {
        "land": _maybe(st.sampled_from(["nl", "vl"])),
        "pleegouder": _maybe(st.sampled_from(["netwerk", "bestand"])),
        "voorbereiding": _maybe(st.booleans()),
        "eigen_kinderen": _maybe(st.booleans()),
        "pleegzorgvormen": _maybe(
            st.lists(st.sampled_from(["crisis", "kortdurend", "langdurig", "deeltijd"]), unique=True)
        ),
        "uitdagingen": _maybe(
            st.lists(st.sampled_from(["gedrag", "hechting", "trauma", "onbekend"]), unique=True)
        ),
        "leeftijden_pleegkinderen": _maybe(st.lists(st.integers(0, 20), max_size=3)),
        "jaren_pleegouder": _maybe(st.integers(0, 15)),
        "eerdere_plaatsingen": _maybe(st.integers(0, 6)),
        # Around the limits of the rules (6, 9 and 12 months) more often than by chance.
        "plaatsing_sinds": _maybe(
            st.one_of(st.integers(-3, 200), st.sampled_from([5, 6, 8, 9, 11, 12])).map(_month)
        ),
        "aantal_pleegouders": _maybe(st.sampled_from([1, 2])),
    }
).map(lambda profile: {key: value for key, value in profile.items() if value is not None})


@st.composite
def reflections(draw: st.DrawFn, framework: Framework) -> Answers:
    values: dict[str, Any] = {q.id: 4 for q in framework.questions()}
    for competency_id in ANSWERED:
        for question in framework.competency(competency_id).questions:
            value = draw(VALUE)
            if value is None:
                values.pop(question.id)
            else:
                values[question.id] = value
    return Answers.model_validate({"profiel": draw(PROFILES), "antwoorden": values})


def test_every_bundled_rule_has_a_statement(rules: SignalRules) -> None:
    assert set(RULES) == {r.id for r in rules.rules}


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_each_signal_fires_exactly_under_its_sources_rule(
    rules: SignalRules, framework: Framework, data: st.DataObject
) -> None:
    answers = data.draw(reflections(framework))
    case = _Case(framework, answers)
    signals = evaluate(rules, framework, answers, case.result, today=TODAY)
    assert [s.id for s in signals] == [rule_id for rule_id, holds in RULES.items() if holds(case)]
    address = "jullie" if answers.profile.parents_count == 2 else "je"
    texts = {r.id: pick(r.text, address) for r in rules.rules}
    for signal in signals:
        assert signal.text == texts[signal.id]
        if answers.profile.country == "vl":
            assert not dutch_only(signal.text), (signal.id, dutch_only(signal.text))


# ---------------------------------------------------------------- Flanders


def test_no_text_a_flemish_family_can_get_has_a_dutch_only_term(rules: SignalRules) -> None:
    flemish = [r for r in rules.rules if r.when.country != "nl"]
    assert {r.id for r in flemish} >= {"juridisch-weet-niet-vl", "veiligheid-vl", "bijna-achttien-vl"}
    for rule in flemish:
        for text in rule.texts():
            assert not dutch_only(text), (rule.id, dutch_only(text))


def test_no_text_has_a_word_of_the_other_country_by_the_terms_list(rules: SignalRules) -> None:
    """With the profile's list of words per country (data/landen.yaml), when it is there."""
    terms = pytest.importorskip("pleegreflectie.terms")
    countries = pytest.importorskip("pleegreflectie.terms_file").bundled_countries()
    for rule in rules.rules:
        for country in ("nl", "vl"):
            if rule.when.country not in (None, country):
                continue
            for text in rule.texts():
                found = [f.term for f in terms.foreign_terms(text, country, countries)]
                assert not found, (rule.id, country, found)


def test_the_dutch_twins_do_have_the_dutch_terms(rules: SignalRules) -> None:
    # The list below can find a term: the Dutch texts have them.
    dutch = " ".join(t for r in rules.rules if r.when.country == "nl" for t in r.texts())
    assert {"kinderrechter", "veilig thuis", "tot 21"} <= set(dutch_only(dutch))


# ---------------------------------------------------------------- the texts


def test_every_text_is_a_question_to_discuss_in_plain_dutch(rules: SignalRules) -> None:
    textstat.set_lang("nl")
    for rule in rules.rules:
        for text in rule.texts():
            assert "?" in text, rule.id
            ease = textstat.flesch_reading_ease(text)
            assert ease >= MIN_READING_EASE, (rule.id, round(ease, 1))
        assert rule.source, rule.id


def test_the_worker_is_always_the_pleegzorgbegeleider(rules: SignalRules) -> None:
    for rule in rules.rules:
        for text in (*rule.texts(), rule.source):
            words = re.findall(r"\w*begeleiders?\b", text.lower())
            assert all(w.startswith("pleeg") for w in words), (rule.id, words)
        for text in rule.texts():
            assert "pleegzorgbegeleider" in text, rule.id


def test_no_text_sounds_like_a_diagnosis_or_assumes_struggle(rules: SignalRules) -> None:
    verdicts = (
        "stoornis",
        "probleemgezin",
        "falen",
        "schiet tekort",
        "overbelast",
        "niet goed genoeg",
        "houden jullie het vol",
        "hoe hou je het vol",
        "zwaar",
        "moeilijk gedrag",
        "verwaarloo",
        "een therapeut",
    )
    for rule in rules.rules:
        for text in rule.texts():
            assert not any(v in text.lower() for v in verdicts), rule.id


def test_every_source_is_named_precisely(rules: SignalRules) -> None:
    # A title, and for the pages found online where to find them.
    for rule in rules.rules:
        assert len(rule.source) > 60, rule.id
        known = ("NJi", "Pijlers", "NVP", "1712", "Kinderrechten", "Jongerenwelzijn", "Pleegzorg Vlaanderen")
        assert any(name in rule.source for name in known), rule.id


# ---------------------------------------------------------------- shipped in the wheel


def test_the_file_ships_with_the_other_data_files() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    force = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert force["data"] == "pleegreflectie/data"
    assert (ROOT / "data" / SIGNALS_FILE).is_file()
    # Installed without a checkout (as in .ci/run), this reads the copy inside the package.
    assert bundled(SIGNALS_FILE).text == (ROOT / "data" / SIGNALS_FILE).read_text(encoding="utf-8")


def test_the_file_header_says_what_it_is_and_how_to_adapt_it() -> None:
    head = (ROOT / "data" / SIGNALS_FILE).read_text(encoding="utf-8").split("versie:")[0]
    for word in ("Signalen voor het gesprek", "organisatie", "id", "als", "tekst", "bron", "een_van"):
        assert word in head, word


# ---------------------------------------------------------------- the condition language


def rule_file(als: str) -> str:
    head = 'versie: "1"\nsignalen:\n  - id: test\n'
    return f'{head}    als: {als}\n    tekst: "Praat erover?"\n    bron: "test"\n'


def one(framework: Framework, als: str, answers: Answers) -> bool:
    rules = parse_signals(framework, Source("test.yaml", rule_file(als)))
    return bool(evaluate(rules, framework, answers, score(framework, answers), today=TODAY))


def test_een_van_needs_one_group(framework: Framework) -> None:
    als = "{een_van: [{pleegouder: bestand}, {eigen_kinderen: ja, pleegzorgvormen: crisis}]}"
    assert one(framework, als, make(framework, {"pleegouder": "bestand"}))
    assert one(
        framework, als, make(framework, {"eigen_kinderen": True, "pleegzorgvormen": ["crisis", "deeltijd"]})
    )
    assert not one(
        framework, als, make(framework, {"eigen_kinderen": True, "pleegzorgvormen": ["langdurig"]})
    )
    assert not one(framework, als, make(framework, {"pleegouder": "netwerk", "pleegzorgvormen": ["crisis"]}))


def test_every_condition_must_hold(framework: Framework) -> None:
    als = "{pleegouder: [netwerk, bestand], eigen_kinderen: nee, score_max: {zorgen: 3}}"
    low_care = {f"zorgen.{c}": 2 for c in ("gezondheid", "gedrag", "contact-ouders", "wennen", "ambassadeur")}
    assert one(
        framework, als, make(framework, {"pleegouder": "bestand", "eigen_kinderen": False}, **low_care)
    )
    assert not one(framework, als, make(framework, {"pleegouder": "bestand", "eigen_kinderen": False}))
    assert not one(
        framework, als, make(framework, {"pleegouder": "bestand", "eigen_kinderen": True}, **low_care)
    )


def test_an_age_range_needs_one_child_inside_it(framework: Framework) -> None:
    als = "{leeftijd_min: 4, leeftijd_max: 12}"
    assert one(framework, als, make(framework, {"leeftijden_pleegkinderen": [2, 8, 15]}))
    assert not one(framework, als, make(framework, {"leeftijden_pleegkinderen": [2, 15]}))
    assert one(framework, "{leeftijd_max: 3}", make(framework, {"leeftijden_pleegkinderen": [3]}))
    assert not one(framework, "{leeftijd_max: 3}", make(framework, {}))


def test_weet_niet_with_one_question(framework: Framework) -> None:
    als = "{weet_niet: zorgen.gedrag.weten}"
    assert one(framework, als, make(framework, zorgen__gedrag__weten=DONT_KNOW))
    assert not one(framework, als, make(framework, zorgen__gedrag__doen=DONT_KNOW))


def test_land_holds_for_its_country_and_unknown_counts_as_nl(framework: Framework) -> None:
    assert one(framework, "{land: vl}", make(framework, {"land": "vl"}))
    assert not one(framework, "{land: vl}", make(framework, {}))
    assert one(framework, "{land: nl}", make(framework, {}))
    assert not one(framework, "{land: nl}", make(framework, {"land": "vl"}))


def test_earlier_placements(framework: Framework) -> None:
    als = "{eerdere_plaatsingen_min: 2}"
    assert one(framework, als, make(framework, {"eerdere_plaatsingen": 2}))
    assert not one(framework, als, make(framework, {"eerdere_plaatsingen": 1}))
    assert not one(framework, als, make(framework, {}))  # unknown never holds
    assert one(framework, "{eerdere_plaatsingen_min: 0}", make(framework, {"eerdere_plaatsingen": 0}))


@pytest.mark.parametrize(
    ("since", "nine_or_more", "nine_or_less"),
    [("2026-12", False, True), ("2026-03", True, True), ("2026-02", True, False), ("2026-04", False, True)],
)
def test_months_since_the_placement_count_to_the_day_passed_in(
    framework: Framework, since: str, nine_or_more: bool, nine_or_less: bool
) -> None:
    answers = make(framework, {"plaatsing_sinds": since})
    assert one(framework, "{plaatsing_maanden_max: 9}", answers) is nine_or_less
    assert one(framework, "{plaatsing_maanden_min: 9}", answers) is nine_or_more
    assert one(framework, "{plaatsing_maanden_min: 0, plaatsing_maanden_max: 9}", answers) is nine_or_less
    # Another day, another answer: the domain reads no clock.
    rules = parse_signals(framework, Source("t.yaml", rule_file("{plaatsing_maanden_max: 9}")))
    later = dt.date(TODAY.year + 2, 1, 1)
    assert not evaluate(rules, framework, answers, score(framework, answers), today=later)


def test_months_unknown_never_hold_and_a_later_date_counts_as_zero(framework: Framework) -> None:
    answers = make(framework, {})
    assert not one(framework, "{plaatsing_maanden_max: 600}", answers)
    assert not one(framework, "{plaatsing_maanden_min: 0}", answers)
    later = make(framework, {"plaatsing_sinds": "2027-01"})
    assert one(framework, "{plaatsing_maanden_max: 0}", later)
    assert not one(framework, "{plaatsing_maanden_min: 1}", later)


def test_years_as_foster_parent(framework: Framework) -> None:
    assert one(framework, "{jaren_pleegouder_max: 1}", make(framework, {"jaren_pleegouder": 1}))
    assert not one(framework, "{jaren_pleegouder_max: 1}", make(framework, {"jaren_pleegouder": 2}))
    assert not one(framework, "{jaren_pleegouder_max: 1}", make(framework, {}))


def test_score_max_of_one_question(framework: Framework) -> None:
    als = "{score_max: {zorgen.gezondheid.weten: 2.5}}"
    assert one(framework, als, make(framework, zorgen__gezondheid__weten=2, zorgen__gezondheid__doen=5))
    assert not one(framework, als, make(framework, zorgen__gezondheid__weten=3, zorgen__gezondheid__doen=1))
    assert not one(framework, als, make(framework, zorgen__gezondheid__weten=DONT_KNOW))


def test_a_question_that_does_not_apply_never_counts(framework: Framework) -> None:
    # No own children: their competency is not asked, so old answers there never raise a signal.
    answers = make(framework, {"eigen_kinderen": False}, **{"functioneren.eigen-kinderen": DONT_KNOW})
    assert not one(framework, "{weet_niet: [functioneren.eigen-kinderen]}", answers)
    assert one(
        framework,
        "{weet_niet: [functioneren.eigen-kinderen]}",
        make(framework, {"eigen_kinderen": True}, **{"functioneren.eigen-kinderen": DONT_KNOW}),
    )


def test_a_text_for_one_or_two_foster_parents(framework: Framework) -> None:
    text = 'versie: "1"\nsignalen:\n  - id: t\n    als: {pleegouder: netwerk}\n'
    text += '    tekst:\n      je: "Wat helpt je?"\n      jullie: "Wat helpt   jullie?"\n    bron: "NJi"\n'
    rules = parse_signals(framework, Source("t.yaml", text))
    one_parent = make(framework, {"pleegouder": "netwerk"})
    two = make(framework, {"pleegouder": "netwerk", "aantal_pleegouders": 2})
    assert [
        s.text for s in evaluate(rules, framework, one_parent, score(framework, one_parent), today=TODAY)
    ] == ["Wat helpt je?"]
    assert [s.text for s in evaluate(rules, framework, two, score(framework, two), today=TODAY)] == [
        "Wat helpt jullie?"
    ]


# ---------------------------------------------------------------- broken files


def problems(framework: Framework, text: str) -> list[tuple[int | None, str]]:
    with pytest.raises(InvalidFileError) as caught:
        parse_signals(framework, Source("signalen-test.yaml", text))
    assert caught.value.exit_code == ExitCode.INVALID_INPUT
    assert all(p.path == "signalen-test.yaml" for p in caught.value.problems)
    return [(p.line, p.message) for p in caught.value.problems]


GOOD = """\
versie: "1"
signalen:
  - id: eerste
    als: {pleegouder: netwerk}
    tekst: "Wat helpt jullie?"
    bron: "NJi"
  - id: tweede
    als:
      score_max: {functioneren.balans: 2.5}
    tekst: "Hoe gaat het thuis?"
    bron: "NJi"
"""


def test_the_good_example_loads(framework: Framework) -> None:
    assert [r.id for r in parse_signals(framework, Source("x.yaml", GOOD)).rules] == ["eerste", "tweede"]


def test_bad_yaml_names_the_line(framework: Framework) -> None:
    found = problems(framework, GOOD.replace('    tekst: "Hoe', '    tekst "Hoe'))
    assert len(found) == 1
    assert found[0][0] in (10, 11)
    assert "geen geldige YAML" in found[0][1]


def test_an_unknown_key_names_the_line(framework: Framework) -> None:
    found = problems(
        framework, GOOD.replace('    bron: "NJi"\n  - id: tweede', '    bronn: "NJi"\n  - id: tweede')
    )
    assert found == [
        (3, "'bron' ontbreekt. Vul het in."),
        (6, "'bronn' is geen bekende sleutel. Haal het weg of controleer de spelling."),
    ]


def test_an_unknown_condition_names_the_line(framework: Framework) -> None:
    found = problems(framework, GOOD.replace("{pleegouder: netwerk}", "{leeftijd: 10}"))
    assert found == [(4, "'leeftijd' is geen bekende sleutel. Haal het weg of controleer de spelling.")]


def test_an_unknown_competency_names_the_line(framework: Framework) -> None:
    found = problems(framework, GOOD.replace("functioneren.balans", "functioneren.balanss"))
    assert len(found) == 1
    assert found[0][0] == 9
    assert "'functioneren.balanss' is geen bekende competentie" in found[0][1]


def test_an_unknown_question_in_weet_niet_names_the_line(framework: Framework) -> None:
    found = problems(
        framework, GOOD.replace("{pleegouder: netwerk}", "{weet_niet: [samenwerken.juridisch.snappen]}")
    )
    assert found[0][0] == 4
    assert "'samenwerken.juridisch.snappen' is geen bekende vraag" in found[0][1]


def test_a_missing_text_names_the_rule(framework: Framework) -> None:
    found = problems(framework, GOOD.replace('    tekst: "Hoe gaat het thuis?"\n', ""))
    assert found == [(7, "'tekst' ontbreekt. Vul het in.")]


def test_an_empty_text_names_the_line(framework: Framework) -> None:
    found = problems(framework, GOOD.replace('"Wat helpt jullie?"', '"   "'))
    assert found == [(5, "'tekst' is leeg. Vul een tekst in.")]


def test_a_duplicate_id_names_the_second(framework: Framework) -> None:
    found = problems(framework, GOOD.replace("id: tweede", "id: eerste"))
    assert found == [
        (7, "het id 'eerste' staat er al (signaal nummer 1). Geef elk signaal een eigen id."),
    ]


@pytest.mark.parametrize(
    ("old", "new", "line", "words"),
    [
        ("{pleegouder: netwerk}", "{pleegouder: familie}", 4, "Kies uit"),
        ("{pleegouder: netwerk}", "{voorbereiding: misschien}", 4, "ja of nee"),
        ("{pleegouder: netwerk}", "{}", 4, "geen voorwaarde"),
        ("{pleegouder: netwerk}", "{een_van: []}", 4, "te weinig"),
        ("{pleegouder: netwerk}", "{leeftijd_min: 12, leeftijd_max: 4}", 4, "groter dan"),
        ("{pleegouder: netwerk}", "{leeftijd_min: tien}", 4, "heel getal"),
        ("functioneren.balans: 2.5", "functioneren.balans: laag", 9, "getal"),
        ("functioneren.balans: 2.5", "functioneren.balans: 7", 9, "te hoog"),
        ("id: tweede", "id: Tweede Regel", 7, "kleine letters"),
        ("{pleegouder: netwerk}", "{land: be}", 4, "Kies uit"),
        ("{pleegouder: netwerk}", "{eerdere_plaatsingen_min: veel}", 4, "heel getal"),
        ("{pleegouder: netwerk}", "{plaatsing_maanden_min: 12, plaatsing_maanden_max: 3}", 4, "groter dan"),
        ("{pleegouder: netwerk}", "{plaatsing_maanden_max: -1}", 4, "te laag"),
        ('"Wat helpt jullie?"', '{je: "Wat helpt je?"}', 5, "'jullie' ontbreekt"),
        (
            '"Wat helpt jullie?"',
            '{je: "Wat helpt je?", jij: "x", jullie: "y"}',
            5,
            "'jij' is geen bekende sleutel",
        ),
    ],
)
def test_wrong_values_name_the_line(framework: Framework, old: str, new: str, line: int, words: str) -> None:
    found = problems(framework, GOOD.replace(old, new))
    assert len(found) == 1, found
    assert found[0][0] == line
    assert words in found[0][1]


def test_every_problem_at_once(framework: Framework) -> None:
    text = GOOD.replace("id: tweede", "id: eerste").replace("functioneren.balans", "functioneren.rust")
    text = text.replace('"Wat helpt jullie?"', '""')
    assert [line for line, _ in problems(framework, text)] == [5, 7, 9]


@pytest.mark.parametrize(
    ("text", "words"), [("", "leeg"), ("- id: a\n", "begint met een lijst"), ("versie: 1\n", "versie")]
)
def test_a_file_without_rules(framework: Framework, text: str, words: str) -> None:
    found = problems(framework, text)
    assert found and found[0][0] == 1
    assert words in found[0][1]


def test_a_broken_file_on_disk_names_its_path(framework: Framework, tmp_path: Path) -> None:
    path = tmp_path / "onze-signalen.yaml"
    path.write_text(GOOD.replace("functioneren.balans", "functioneren.rust"), encoding="utf-8")
    with pytest.raises(InvalidFileError) as caught:
        load_signals(framework, path)
    assert f"{path}:9:" in str(caught.value)


def test_a_missing_file_says_so(framework: Framework, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError):
        load_signals(framework, tmp_path / "bestaat-niet.yaml")


def test_the_readme_lists_every_bundled_rule(rules: SignalRules) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Signalen voor het gesprek", 1)[1].split("\n### ", 1)[0]
    listed = re.findall(r"^\| `([a-z0-9-]+)` \|", section, flags=re.MULTILINE)
    assert listed == [r.id for r in rules.rules]


def test_rules_nested_too_deep_give_a_message_not_a_crash(framework: Framework) -> None:
    deep = "{een_van: [" * 400 + "{pleegouder: netwerk}" + "]}" * 400
    found = problems(framework, GOOD.replace("{pleegouder: netwerk}", deep))
    assert len(found) == 1
    assert found[0][0] == 4
    assert "te veel lijsten in elkaar" in found[0][1]
    # A few levels are fine.
    nested = "{een_van: [{een_van: [{pleegouder: netwerk}, {eigen_kinderen: ja}]}]}"
    assert one(framework, nested, make(framework, {"eigen_kinderen": True}))


# ---------------------------------------------------------------- through the program (--json)

ONE_FLEMISH_PARENT = """\
profiel:
  land: vl
  aantal_pleegouders: 1
  pleegouder: netwerk
  voorbereiding: nee
  leeftijden_pleegkinderen: [17]
  uitdagingen: [gedrag]
  eerdere_plaatsingen: 3
  pleegzorgvormen: [kortdurend]
  plaatsing_sinds: {since}
antwoorden:
  samenwerken.juridisch.weten: weet ik niet
  opvoeden.veilige-omgeving.weten: 2
  opvoeden.veilige-omgeving.doen: 2
  ontwikkelen.opladen.weten: 1
  ontwikkelen.opladen.doen: 2
"""


def _json_signals(tmp_path: Path, text: str) -> dict[str, dict[str, str]]:
    from typer.testing import CliRunner

    from pleegreflectie.cli import app

    path = tmp_path / "antwoorden.yaml"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["start", "--antwoorden", str(path), "--json", "--geen-opslag"])
    assert result.exit_code == 0, result.output
    topics = json.loads(result.stdout)["gespreksonderwerpen"]
    return {t["id"]: t for t in topics if t["soort"] == "signaal"}


def test_the_program_shows_one_flemish_foster_parent_the_je_form_without_dutch_terms(tmp_path: Path) -> None:
    # Placed seven months before the day the program runs: early, and over six months.
    today = dt.date.today()
    total = today.year * 12 + today.month - 1 - 7
    signals = _json_signals(
        tmp_path, ONE_FLEMISH_PARENT.format(since=f"{total // 12:04d}-{total % 12 + 1:02d}")
    )
    assert list(signals) == [
        "draagkracht-draaglast",
        "netwerk-zonder-voorbereiding",
        "gedrag-tien-plus-vl",
        "juridisch-weet-niet-vl",
        "veiligheid-vl",
        "perspectief-vl",
        "bijna-achttien-vl",
        "gedrag-en-opladen",
    ]
    for signal in signals.values():
        assert set(signal) == {"soort", "id", "tekst", "bron"}  # the keys of the contract
        assert not re.search(r"\bjullie\b", signal["tekst"]), signal["id"]
        assert not dutch_only(signal["tekst"]), (signal["id"], dutch_only(signal["tekst"]))
        assert signal["bron"]


def test_the_program_shows_two_foster_parents_the_jullie_form(tmp_path: Path) -> None:
    text = ONE_FLEMISH_PARENT.format(since="2020-01").replace(
        "aantal_pleegouders: 1", "aantal_pleegouders: 2"
    )
    signals = _json_signals(tmp_path, text)
    assert "jullie" in signals["veiligheid-vl"]["tekst"]
    assert "jullie" in signals["draagkracht-draaglast"]["tekst"]


def test_the_panels_flemish_grandmother_nine_years_in(tmp_path: Path) -> None:
    # The review's case: a Flemish network grandmother, a child of 17, nine years of foster care.
    today = dt.date.today()
    text = ONE_FLEMISH_PARENT.format(since=f"{today.year - 9:04d}-{today.month:02d}")
    text = text.replace("  voorbereiding: nee\n", "  voorbereiding: nee\n  jaren_pleegouder: 9\n")
    text = text.replace("pleegzorgvormen: [kortdurend]", "pleegzorgvormen: [langdurig]")
    signals = _json_signals(tmp_path, text)
    assert "netwerk-zonder-voorbereiding" not in signals  # no longer the start of the placement
    assert "perspectief-vl" not in signals
    assert "bijna-achttien-vl" in signals and "25" in signals["bijna-achttien-vl"]["tekst"]
    for signal in signals.values():
        assert not dutch_only(signal["tekst"]), (signal["id"], dutch_only(signal["tekst"]))
        assert not re.search(r"\bjullie\b", signal["tekst"]), signal["id"]
