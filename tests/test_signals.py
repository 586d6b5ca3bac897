"""Signals for the conversation: every bundled rule fires when it applies and only then; broken files
name the file and the line; the texts are questions in plain Dutch."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
import textstat

from pleegreflectie.errors import ExitCode, InvalidFileError, NotFoundError
from pleegreflectie.load import Source, bundled
from pleegreflectie.models import Answers, Framework
from pleegreflectie.scoring import score
from pleegreflectie.signals import SIGNALS_FILE, Signal, SignalRules, evaluate, load_signals, parse_signals

ROOT = Path(__file__).resolve().parents[1]
MIN_READING_EASE = 60  # as for the questions in test_language.py
DONT_KNOW = "weet ik niet"


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
    return [s.id for s in evaluate(rules, framework, answers, score(framework, answers, pillars))]


# ---------------------------------------------------------------- the bundled rules


def test_the_bundled_file_has_the_rules_the_issue_asks_for(rules: SignalRules) -> None:
    assert rules.version
    assert [r.id for r in rules.rules] == [
        "draagkracht-draaglast",
        "netwerk-zonder-voorbereiding",
        "gedrag-tien-plus",
        "eigen-kinderen",
        "contact-ouders",
        "juridisch-weet-niet",
    ]


def test_a_calm_family_gets_no_signal(rules: SignalRules, framework: Framework) -> None:
    profile = {
        "pleegouder": "bestand",
        "voorbereiding": True,
        "eigen_kinderen": True,
        "leeftijden_pleegkinderen": [12],
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


def test_network_parents_without_preparation_are_asked_about_extra_guidance(
    rules: SignalRules, framework: Framework
) -> None:
    answers = make(framework, {"pleegouder": "netwerk", "voorbereiding": False})
    signals = evaluate(rules, framework, answers, score(framework, answers))
    assert [s.id for s in signals] == ["netwerk-zonder-voorbereiding"]
    assert "extra hulp" in signals[0].text
    assert "netwerkpleeggezinnen extra begeleiding" in signals[0].source


@pytest.mark.parametrize(
    "profile",
    [
        {"pleegouder": "bestand", "voorbereiding": False},
        {"pleegouder": "netwerk", "voorbereiding": True},
        {"pleegouder": "netwerk"},  # preparation unknown
        {"voorbereiding": False},  # kind of foster parent unknown
    ],
)
def test_network_signal_stays_away_otherwise(
    rules: SignalRules, framework: Framework, profile: dict[str, Any]
) -> None:
    assert "netwerk-zonder-voorbereiding" not in fired(rules, framework, make(framework, profile))


@pytest.mark.parametrize("ages", [[12], [4, 10], [17]])
def test_behaviour_with_a_child_of_ten_or_older_asks_about_therapeutic_guidance(
    rules: SignalRules, framework: Framework, ages: list[int]
) -> None:
    profile = {"uitdagingen": ["gedrag", "hechting"], "leeftijden_pleegkinderen": ages}
    answers = make(framework, profile)
    signals = {s.id: s for s in evaluate(rules, framework, answers, score(framework, answers))}
    assert "gedrag-tien-plus" in signals
    assert "therapeut" in signals["gedrag-tien-plus"].text


@pytest.mark.parametrize(
    "profile",
    [
        {"uitdagingen": ["gedrag"], "leeftijden_pleegkinderen": [9]},
        {"uitdagingen": ["hechting", "trauma"], "leeftijden_pleegkinderen": [12]},
        {"uitdagingen": ["gedrag"]},  # ages unknown
        {"leeftijden_pleegkinderen": [12]},  # challenges unknown
        {"uitdagingen": ["onbekend"], "leeftijden_pleegkinderen": [12]},
    ],
)
def test_behaviour_signal_stays_away_otherwise(
    rules: SignalRules, framework: Framework, profile: dict[str, Any]
) -> None:
    assert "gedrag-tien-plus" not in fired(rules, framework, make(framework, profile))


def test_own_children_with_low_balance_get_attention(rules: SignalRules, framework: Framework) -> None:
    answers = make(framework, {"eigen_kinderen": True}, functioneren__balans=(2, 3))
    assert fired(rules, framework, answers) == ["draagkracht-draaglast", "eigen-kinderen"]


@pytest.mark.parametrize(
    ("profile", "balance"),
    [
        ({"eigen_kinderen": False}, (1, 2)),
        ({}, (1, 2)),  # unknown whether there are own children
        ({"eigen_kinderen": True}, (3, 4)),
        ({"eigen_kinderen": True}, (DONT_KNOW, DONT_KNOW)),
    ],
)
def test_own_children_signal_stays_away_otherwise(
    rules: SignalRules, framework: Framework, profile: dict[str, Any], balance: tuple[Any, Any]
) -> None:
    answers = make(framework, profile, functioneren__balans=balance)
    assert "eigen-kinderen" not in fired(rules, framework, answers)


def test_low_contact_with_parents_asks_to_evaluate_the_arrangements(
    rules: SignalRules, framework: Framework
) -> None:
    answers = make(framework, **{"zorgen.contact-ouders": (3, 2)})
    assert fired(rules, framework, answers) == ["contact-ouders"]


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
    signals = evaluate(rules, framework, answers, score(framework, answers))
    assert [s.id for s in signals] == ["juridisch-weet-niet"]
    assert "pleegzorgbegeleider" in signals[0].text


@pytest.mark.parametrize("legal", [(1, 1), ("nvt", "nvt"), (None, None)])
def test_legal_signal_stays_away_otherwise(
    rules: SignalRules, framework: Framework, legal: tuple[Any, Any]
) -> None:
    answers = make(framework, **{"samenwerken.juridisch": legal})
    assert "juridisch-weet-niet" not in fired(rules, framework, answers)


def test_signals_come_in_the_order_of_the_file_and_are_deterministic(
    rules: SignalRules, framework: Framework
) -> None:
    profile = {
        "pleegouder": "netwerk",
        "voorbereiding": False,
        "eigen_kinderen": True,
        "uitdagingen": ["gedrag"],
        "leeftijden_pleegkinderen": [11],
    }
    answers = make(
        framework,
        profile,
        **{"functioneren.balans": 1, "zorgen.contact-ouders": 2, "samenwerken.juridisch": DONT_KNOW},
    )
    first = evaluate(rules, framework, answers, score(framework, answers))
    assert [s.id for s in first] == [r.id for r in rules.rules]
    assert evaluate(rules, framework, answers, score(framework, answers)) == first
    assert all(isinstance(s, Signal) and s.text and s.source for s in first)


def test_the_example_family_gets_the_signals_that_fit_them(
    rules: SignalRules, framework: Framework, oma: Answers
) -> None:
    # Oma: network foster parent without preparation, a child of 9 with behaviour problems.
    ids = fired(rules, framework, oma)
    assert "netwerk-zonder-voorbereiding" in ids
    assert "gedrag-tien-plus" not in ids


# ---------------------------------------------------------------- the texts


def test_every_text_is_a_question_to_discuss_in_plain_dutch(rules: SignalRules) -> None:
    textstat.set_lang("nl")
    for rule in rules.rules:
        assert "?" in rule.text, rule.id
        ease = textstat.flesch_reading_ease(rule.text)
        assert ease >= MIN_READING_EASE, (rule.id, round(ease, 1))
        assert rule.source, rule.id


def test_the_worker_is_always_the_pleegzorgbegeleider(rules: SignalRules) -> None:
    for rule in rules.rules:
        for text in (rule.text, rule.source):
            words = re.findall(r"\w*begeleiders?\b", text.lower())
            assert all(w.startswith("pleeg") for w in words), (rule.id, words)
            assert "pleegzorgbegeleider" in rule.text, rule.id


def test_no_text_sounds_like_a_diagnosis(rules: SignalRules) -> None:
    verdicts = (
        "stoornis",
        "probleemgezin",
        "jullie falen",
        "schiet tekort",
        "overbelast",
        "niet goed genoeg",
    )
    for rule in rules.rules:
        assert not any(v in rule.text.lower() for v in verdicts), rule.id


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
    return bool(evaluate(rules, framework, answers, score(framework, answers)))


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
