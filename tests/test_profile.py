"""The questions about the family (data/profiel.yaml): the file, the new keys, the country first,
Flemish words, "je" for one foster parent, the next visit's check and the counter."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput
from typer.testing import CliRunner

from pleegreflectie.answers_file import parse_answers
from pleegreflectie.cli import app
from pleegreflectie.errors import InvalidFileError
from pleegreflectie.flow import Sitting, Step, StepKind, new_sitting
from pleegreflectie.interview import Interview, Stopped
from pleegreflectie.models import CareKind, Framework, Profile, pick
from pleegreflectie.profile import KINDS, ProfileQuestions, profile_lines
from pleegreflectie.profile_file import PROFILE_FILE, bundled_questions, load_profile_questions
from pleegreflectie.prompts import Box, Option
from pleegreflectie.wording import parse_month
from pleegreflectie.yamlfile import Limits, Source

QUESTIONS = bundled_questions()  # the questions about the family, read at the edge

DOWN = "\x1b[B"
ENTER = "\r"
BACKSPACE = "\x7f"
JULLIE = re.compile(r"\bjullie\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def questions() -> ProfileQuestions:
    return bundled_questions()


# ---------------------------------------------------------------- the data file


def test_the_bundled_file_asks_the_country_first_and_every_key_in_both_countries(
    questions: ProfileQuestions,
) -> None:
    assert questions.questions[0].key == "land"
    keys = set(Profile.__struct_encode_fields__)
    assert set(questions.key_order()) == keys  # every key of an answers file is asked
    for country in ("nl", "vl"):
        asked = [q.key for q in questions.questions if q.for_country(country)]
        assert sorted(asked) == sorted(keys), country  # once per country
    for item in questions.questions:
        assert KINDS[item.key]


def test_the_choices_are_values_the_program_knows(questions: ProfileQuestions) -> None:
    for item in questions.questions:
        for choice in item.choices:
            given = [choice.value] if item.kind == "multi" else choice.value
            profile = Profile.model_validate({item.key: given})  # raises when a value is unknown
            kept = profile.model_dump(mode="json", by_alias=True)[item.key]
            assert (list(kept) if item.kind == "multi" else kept) == given, (item.key, given, kept)


def broken(tmp_path: Path, text: str) -> InvalidFileError:
    path = tmp_path / "profiel.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidFileError) as info:
        load_profile_questions(path)
    return info.value


BASE = """versie: "1"
vragen:
  - sleutel: land
    tekst: Waar woon je?
    keuzes:
      - {waarde: nl, label: In Nederland}
      - {waarde: vl, label: In Vlaanderen}
"""


@pytest.mark.parametrize(
    ("extra", "line", "words"),
    [
        ("  - sleutel: huisdier\n    tekst: Heb je een hond?\n", 8, "'huisdier' is geen bekende sleutel"),
        (
            "  - sleutel: pleegouder\n    tekst: Kende je het kind?\n    keuzes:\n"
            "      - {waarde: netwerk, label: Ja}\n      - {waarde: buren, label: Nee}\n",
            12,
            "'buren' kan niet als waarde bij 'pleegouder'",
        ),
        (
            "  - sleutel: huishouden\n    tekst: Naam?\n  - sleutel: huishouden\n    tekst: Naam?\n",
            10,
            "staat er al",
        ),
        ("  - sleutel: pleegouder\n    tekst: Kende je het kind?\n", 8, "heeft 'keuzes' nodig"),
        ("  - sleutel: huishouden\n    tekst:\n", 9, "'tekst' moet een tekst zijn"),
        ("  - sleutel: huishouden\n    tekst: {je: Hoe heet je gezin?}\n", 9, "'jullie' ontbreekt"),
        (
            "  - sleutel: voorbereiding\n    tekst: Voorbereid?\n    als: {pleegouder: netwerk}\n",
            10,
            "'als' kan alleen kijken naar een vraag die eerder komt",
        ),
        ("  - sleutel: huishouden\n    tekst: Naam?\n    land: be\n", 10, "'be' kan hier niet"),
    ],
)
def test_a_broken_profile_file_says_file_line_and_what_to_do(
    tmp_path: Path, extra: str, line: int, words: str
) -> None:
    error = broken(tmp_path, BASE + extra)
    said = [str(p) for p in error.problems]
    assert any(p.line == line and words in p.message for p in error.problems), said
    assert "profiel.yaml" in str(error)


def test_the_country_must_be_the_first_question(tmp_path: Path) -> None:
    text = BASE.replace("vragen:\n", "vragen:\n  - sleutel: huishouden\n    tekst: Naam?\n", 1)
    error = broken(tmp_path, text)
    assert any(p.line == 5 and "moet de eerste vraag zijn" in p.message for p in error.problems)


def test_a_broken_bundled_profile_file_stops_start_with_a_dutch_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pleegreflectie.profile_file as profile_module
    from pleegreflectie import datafile

    bad = BASE + "  - sleutel: huisdier\n    tekst: Hond?\n"
    real = datafile.bundled

    def bundled(name: str, limits: Limits) -> Source:
        return Source(f"{name} (meegeleverd)", bad) if name == PROFILE_FILE else real(name, limits)

    monkeypatch.setattr(datafile, "bundled", bundled)
    profile_module.bundled_questions.cache_clear()
    try:
        result = CliRunner().invoke(
            app, ["start", "--antwoorden", str(Path(__file__).parent / "fixtures/oma.yaml")]
        )
    finally:
        profile_module.bundled_questions.cache_clear()
    assert result.exit_code == 2
    assert "profiel.yaml (meegeleverd):8:" in result.output and "huisdier" in result.output
    assert "Traceback" not in result.output


# ---------------------------------------------------------------- Flanders, and "je" for one


def test_a_flemish_family_gets_flemish_kinds_of_care(questions: ProfileQuestions) -> None:
    flemish = questions.question("pleegzorgvormen", "vl")
    labels = [pick(c.label, "je") for c in flemish.choices]
    assert any(label.startswith("Perspectiefbiedende pleegzorg") for label in labels)
    assert any(label.startswith("Perspectiefzoekende pleegzorg") for label in labels)
    assert any("Ondersteunende pleegzorg" in label for label in labels)
    assert any("tot 25 jaar" in label for label in labels)
    assert not any("21" in label or "Verlengde pleegzorg" in label for label in labels)
    # Kept as the values the catalogue, the signals and the questions already use.
    assert {c.value for c in flemish.choices} == {kind.value for kind in CareKind}


def every_text(questions: ProfileQuestions, address: str) -> Iterator[str]:
    for item in questions.questions:
        for text in (item.text, item.hint, item.summary, *(c.label for c in item.choices)):
            if text is not None:
                yield pick(text, address)  # type: ignore[arg-type]


def test_one_foster_parent_never_reads_jullie_in_the_profile(questions: ProfileQuestions) -> None:
    said = [text for text in every_text(questions, "je") if JULLIE.search(text)]
    assert said == []
    # And two foster parents are addressed as two where the text addresses them.
    assert any(JULLIE.search(text) for text in every_text(questions, "jullie"))


class ScriptedPrompts:
    """The Prompts protocol with answers from a script; records every text the family reads."""

    def __init__(self, answers: Sequence[Any]) -> None:
        self.answers = list(answers)
        self.read: list[str] = []

    def choose(self, text: str, options: Sequence[Option], actions: Sequence[Option] = (), **_: Any) -> Any:
        self.read += [text, *(o.label for o in [*options, *actions])]
        key = self.answers.pop(0)
        return next(o.value for o in [*options, *actions] if o.key == key)

    def check(self, text: str, boxes: Sequence[Box], **_: Any) -> list[Any]:
        self.read += [text, *(b.label for b in boxes)]
        wanted = self.answers.pop(0)
        return [b.value for b in boxes if b.value in wanted]

    def text(self, text: str, *, default: str = "", validate: Any = None) -> str:
        self.read.append(text)
        answer = self.answers.pop(0)
        assert validate is None or validate(answer) is True, validate(answer)
        return str(answer)


class Messages:
    def __init__(self) -> None:
        self.said: list[str] = []

    def pillar_intro(self, *args: Any) -> None:
        raise Stopped  # the profile is done

    def help(self, *args: Any) -> None: ...

    def progress(self, *args: Any) -> None: ...

    def message(self, text: str) -> None:
        self.said.append(text)


def run_scripted(
    framework: Framework, sitting: Sitting, answers: Sequence[Any]
) -> tuple[list[str], list[str]]:
    prompts = ScriptedPrompts(answers)
    messages = Messages()
    with pytest.raises(Stopped):
        Interview(framework, messages, prompts=prompts).run(sitting, lambda s: None)
    return prompts.read, messages.said


def test_a_flemish_foster_parent_alone_reads_je_and_flemish_words_from_the_first_question(
    framework: Framework,
) -> None:
    from pleegreflectie.terms import foreign_in
    from pleegreflectie.terms_file import bundled_countries

    sitting = new_sitting(["zorgen"], together=False, worker=False)
    answers = [
        "2",  # land: Vlaanderen
        "Oma Jansen",
        "1",  # one foster parent
        "1",  # netwerk
        "2",  # no preparation
        ["langdurig"],
        "9",
        "17",
        "2017-03",
        "2",
        "2",
        ["gedrag"],
        [],
        "",
    ]
    read, said = run_scripted(framework, sitting, answers)
    everything = read + said
    assert not [text for text in everything if JULLIE.search(text)], everything
    assert foreign_in(everything, "vl", bundled_countries()) == {}
    assert "Perspectiefbiedende pleegzorg (lang, een stabiele thuis)" in read
    assert "Hoeveel jaar ben je al pleegzorger?" in read
    assert said[0] == "Over je gezin · vraag 1 van 13"
    profile = sitting.to_answers().profile
    assert profile.country == "vl" and profile.care_kinds == (CareKind.LONG,)
    assert profile.placement_since == "2017-03" and profile.earlier_placements == 2
    assert profile.parents_count == 1


def test_two_at_the_table_are_two_foster_parents_without_asking(framework: Framework) -> None:
    sitting = new_sitting(["zorgen"], together=True, worker=False)
    sitting.record(Step(StepKind.SETUP, "deelnemers"), ["Sanne", "Ahmed"])
    keys = [s.key for s in sitting.profile_steps(QUESTIONS) if s.kind == StepKind.PROFILE]
    assert "aantal_pleegouders" not in keys
    assert sitting.to_answers().profile.parents_count == 2
    script = ["1", "Gezin Duo", "o", [], "", "", "", "", "o", [], [], ""]
    read, said = run_scripted(framework, sitting, script)
    assert "Waar wonen jullie?" in read and "Waar woon je?" not in read
    assert said[0] == "Over jullie gezin · vraag 1 van 12"


# ---------------------------------------------------------------- the new keys in an answers file


def answers_of(framework: Framework, text: str) -> Any:
    return parse_answers(framework, Source("antwoorden.yaml", text))


def test_the_new_keys_in_an_answers_file(framework: Framework) -> None:
    answers = answers_of(
        framework,
        "profiel:\n  aantal_pleegouders: 1\n  eerdere_plaatsingen: 3\n  plaatsing_sinds: 2023-09\n",
    )
    assert answers.profile.parents_count == 1
    assert answers.profile.earlier_placements == 3
    assert answers.profile.placement_since == "2023-09"
    # As people write a month: 9-2023, or a whole date.
    assert answers_of(framework, "profiel:\n  plaatsing_sinds: 9-2023\n").profile.placement_since == "2023-09"
    assert (
        answers_of(framework, "profiel:\n  plaatsing_sinds: 2023-09-14\n").profile.placement_since
        == "2023-09"
    )


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("  aantal_pleegouders: 3\n", "aantal_pleegouders: '3' kan hier niet. Kies uit: 1, 2"),
        ("  eerdere_plaatsingen: -1\n", "eerdere_plaatsingen: '-1' is te laag"),
        ("  plaatsing_sinds: vorig jaar\n", "plaatsing_sinds: 'vorig jaar' is geen maand. Schrijf het jaar"),
        ("  plaatsing_sinds: 2099-01\n", "plaatsing_sinds: '2099-01' ligt in de toekomst"),
    ],
)
def test_wrong_new_keys_say_the_line(framework: Framework, line: str, words: str) -> None:
    with pytest.raises(InvalidFileError) as info:
        answers_of(framework, "profiel:\n  huishouden: A\n" + line)
    [problem] = info.value.problems
    assert problem.line == 3 and words in problem.message, problem


def test_the_new_keys_reach_json(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(
        "profiel:\n  land: vl\n  aantal_pleegouders: 2\n  eerdere_plaatsingen: 0\n"
        "  plaatsing_sinds: 2020-01\nantwoorden:\n  zorgen.gedrag.weten: 3\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["start", "--antwoorden", str(path), "--json", "--geen-opslag"])
    assert result.exit_code == 0, result.output
    profile = json.loads(result.output)["profiel"]
    assert profile["land"] == "vl" and profile["aantal_pleegouders"] == 2
    assert profile["eerdere_plaatsingen"] == 0 and profile["plaatsing_sinds"] == "2020-01"


def test_a_month_as_people_type_it() -> None:
    today = dt.date(2026, 12, 6)
    assert parse_month("2024-9", today) == "2024-09"
    assert parse_month("09/2024", today) == "2024-09"
    assert parse_month("2026-12", today) == "2026-12"
    for wrong, words in [
        ("2027-01", "Die maand moet nog komen"),
        ("2024-13", "Een maand is een getal van 1 tot en met 12"),
        ("september", "Typ het jaar en de maand"),
        ("1900-01", "te lang geleden"),
    ]:
        with pytest.raises(ValueError, match=words):
            parse_month(wrong, today)


# ---------------------------------------------------------------- the summary and the next visit


def test_the_summary_shows_every_field_and_the_country(questions: ProfileQuestions) -> None:
    lines = profile_lines(
        questions,
        {"pleegouder": "netwerk", "pleegzorgvormen": ["langdurig"], "plaatsing_sinds": "2023-09"},
        "je",
        empty=True,
    )
    assert lines[0] == "Land: In Nederland"
    assert "Kende je je pleegkind al? Ja, ik ben familie of een bekende (netwerkpleegouder)" in lines
    assert "Pleegkind woont er sinds: september 2023" in lines
    assert "Eerder verhuisd: niet ingevuld" in lines
    assert "Voorbereidingstraining gevolgd: niet ingevuld" in lines  # asked of a network family
    flemish = profile_lines(questions, {"land": "vl", "pleegzorgvormen": ["kortdurend"]}, "je")
    assert flemish == [
        "Land: In Vlaanderen",
        "Vorm van pleegzorg: Perspectiefzoekende pleegzorg (zes maanden, één keer te verlengen)",
    ]


PREVIOUS = {
    "land": "nl",
    "aantal_pleegouders": 1,
    "pleegouder": "bestand",
    "pleegzorgvormen": ["langdurig"],
    "jaren_pleegouder": 3,
    "leeftijden_pleegkinderen": [7],
    "eigen_kinderen": False,
    "uitdagingen": ["gedrag"],
    "uren_per_maand": 4,
}


def test_changing_the_profile_asks_only_what_is_picked_and_the_questions_that_follow(
    framework: Framework,
) -> None:
    sitting = Sitting(pillar_ids=["zorgen"], previous_profile=dict(PREVIOUS))
    sitting.record(Step(StepKind.PROFILE, "land"), "nl")
    sitting.record(Step(StepKind.PROFILE, "huishouden"), "Gezin A")
    sitting.record(Step(StepKind.PROFILE_CHECK, "profiel"), ["pleegouder", "leeftijden_pleegkinderen"])
    assert sitting.profile["jaren_pleegouder"] == 3  # last time's answers are the start
    keys = [s.key for s in sitting.profile_steps(QUESTIONS) if s.kind == StepKind.PROFILE]
    assert keys == ["land", "huishouden", "pleegouder", "leeftijden_pleegkinderen"]
    sitting.record(Step(StepKind.PROFILE, "pleegouder"), "netwerk")
    keys = [s.key for s in sitting.profile_steps(QUESTIONS) if s.kind == StepKind.PROFILE]
    assert keys == ["land", "huishouden", "pleegouder", "voorbereiding", "leeftijden_pleegkinderen"]


@pytest.fixture
def pipe() -> Iterator[PipeInput]:
    with create_pipe_input() as inp:
        yield inp


def test_the_next_visit_changes_the_profile_from_the_old_answers(
    framework: Framework, pipe: PipeInput
) -> None:
    """Pipe input: "Nee, ik wil iets veranderen", pick two fields; Enter keeps the old choice and
    the old ticks, a typed age replaces the old one; the rest is not asked again."""
    sitting = Sitting(pillar_ids=["zorgen"], previous_profile=dict(PREVIOUS))
    keys = (
        "1"  # land: Nederland
        + "Gezin A"
        + ENTER
        + "n"  # Klopt dit nog? Nee, ik wil iets veranderen
        + DOWN
        + " "  # pleegouder
        + DOWN
        + " "  # pleegzorgvormen
        + DOWN
        + DOWN
        + " "  # leeftijden_pleegkinderen
        + ENTER
        + ENTER  # pleegouder: the cursor is on the old choice (bestand)
        + ENTER  # pleegzorgvormen: the old box is still ticked
        + BACKSPACE
        + "8"
        + ENTER  # leeftijden: the old age is there to change
    )
    presenter = Messages()  # stops at the first pillar
    pipe.send_text(keys)
    pipe.close()
    with pytest.raises(Stopped):
        Interview(framework, presenter, prompt_input=pipe, prompt_output=DummyOutput()).run(
            sitting, lambda s: None
        )
    assert sitting.profile == {**PREVIOUS, "huishouden": "Gezin A", "leeftijden_pleegkinderen": [8]}
    asked = [s for s in sitting.history if s.startswith("profiel:")]
    assert asked == [
        "profiel:land",
        "profiel:huishouden",
        "profiel:pleegouder",
        "profiel:pleegzorgvormen",
        "profiel:leeftijden_pleegkinderen",
    ]
    assert sitting.profile_check == {"profiel": ["pleegouder", "pleegzorgvormen", "leeftijden_pleegkinderen"]}
    # The summary showed every field, the country too, and one foster parent reads "je".
    assert "Dit vertelde je de vorige keer over je gezin:" in presenter.said
    assert "- Land: In Nederland" in presenter.said
    assert "- Eerder verhuisd: niet ingevuld" in presenter.said
    counters = [m for m in presenter.said if m.startswith("Over ")]
    assert counters[-3:] == [
        "Over je gezin · vraag 3 van 5",
        "Over je gezin · vraag 4 van 5",
        "Over je gezin · vraag 5 van 5",
    ]


@pytest.mark.parametrize(("parents", "sentence"), [(1, "kreeg je een"), (2, "kregen jullie een")])
def test_the_previous_route_is_looked_back_on_in_je_or_jullie(
    framework: Framework, parents: int, sentence: str
) -> None:
    sitting = Sitting(
        pillar_ids=["zorgen"],
        ask_profile=False,
        previous_route=["training-x"],
        profile={"aantal_pleegouders": parents},
    )
    _, said = run_scripted(framework, sitting, ["1"])  # the step: gedaan
    assert f"De vorige keer {sentence} leerroute. Kijk even terug." in said
    assert sitting.route_done == ["training-x"]
