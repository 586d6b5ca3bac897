"""Words per country (data/landen.yaml): the file, the pure check, and what a Flemish family reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from pleegreflectie.errors import InvalidFileError
from pleegreflectie.models import Framework, Profile, pick
from pleegreflectie.profile_file import bundled_questions
from pleegreflectie.terms import Countries, foreign_in, foreign_terms
from pleegreflectie.terms_file import bundled_countries, load_countries


@pytest.fixture(scope="module")
def countries() -> Countries:
    return bundled_countries()


def test_the_bundled_file_names_terms_of_both_countries_each_with_a_source(countries: Countries) -> None:
    nl, vl = countries.country("nl"), countries.country("vl")
    assert nl.name == "Nederland" and vl.name == "Vlaanderen"
    dutch = {t.term for t in nl.terms}
    flemish = {t.term for t in vl.terms}
    assert {"kinderrechter", "gecertificeerde instelling", "GI", "Veilig Thuis", "Jeugdwet"} <= dutch
    assert {"Raad voor de Kinderbescherming", "STAP", "STIP", "verlengde pleegzorg"} <= dutch
    assert {"jeugdrechter", "gerechtelijke jeugdhulp", "Agentschap Opgroeien", "pleegzorger"} <= flemish
    assert all(t.source.url.startswith("https://") for c in countries.countries for t in c.terms)


def test_foreign_terms_finds_whole_words_plurals_and_exact_abbreviations(countries: Countries) -> None:
    def words(text: str, country: str) -> list[str]:
        return [f.term for f in foreign_terms(text, country, countries)]

    assert words("De kinderrechters beslissen.", "vl") == ["kinderrechter"]
    assert words("Bel Veilig\nThuis.", "vl") == ["Veilig Thuis"]
    assert words("We volgden STAP.", "vl") == ["STAP"]
    assert words("Stap voor stap, een stapje verder.", "vl") == []  # an ordinary word, not the training
    assert words("De gi is er niet.", "vl") == []  # GI only in capitals
    assert words("Ik ben pleegzorger.", "nl") == ["pleegzorger"]
    assert words("Ik ben pleegzorger.", "vl") == []  # a word of your own country is fine
    assert words("De kinderrechter en de jeugdrechter", "nl") == ["jeugdrechter"]
    assert foreign_in(["Vraag de GI.", "Niets hier."], "vl", countries) == {"Vraag de GI.": ["GI"]}


def broken(tmp_path: Path, text: str) -> InvalidFileError:
    path = tmp_path / "landen.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidFileError) as info:
        load_countries(path)
    return info.value


def test_a_broken_countries_file_says_file_and_line(tmp_path: Path) -> None:
    text = (
        'versie: "1"\n'
        "landen:\n"
        "  - code: nl\n"
        "    naam: Nederland\n"
        "    termen:\n"
        "      - term: kinderrechter\n"
        "        bron: {titel: Een pagina, url: https://example.org/a}\n"
        "  - code: vl\n"
        "    naam: Vlaanderen\n"
        "    termen:\n"
        "      - term: Kinderrechter\n"  # line 11: under two countries
        "        bron: {titel: Een pagina, url: https://example.org/b}\n"
        "      - term: jeugdrechter\n"
        "        bron: {titel: Geen adres, url: jeugdhulp.be}\n"  # line 14: no web address
        "  - code: be\n"  # line 15: no such country
        "    naam: België\n"
    )
    error = broken(tmp_path, text)
    said = {(p.line, p.message) for p in error.problems}
    assert any(line == 11 and "'Kinderrechter' staat ook bij 'nl'" in message for line, message in said)
    assert any(line == 14 and "geen webadres" in message for line, message in said), said
    assert any(line == 15 and "'be' kan hier niet" in message for line, message in said), said
    assert "landen.yaml:11:" in str(error)


# ---------------------------------------------------------------- what a Flemish family reads

FLEMISH_FAMILIES = {
    # The review's test family: a network grandmother alone, a 17-year-old, nine years.
    "oma-netwerk": {
        "land": "vl",
        "aantal_pleegouders": 1,
        "pleegouder": "netwerk",
        "voorbereiding": False,
        "pleegzorgvormen": ["langdurig"],
        "jaren_pleegouder": 9,
        "leeftijden_pleegkinderen": [17],
        "eigen_kinderen": False,
    },
    "crisis-baby": {
        "land": "vl",
        "aantal_pleegouders": 2,
        "pleegouder": "bestand",
        "pleegzorgvormen": ["crisis"],
        "leeftijden_pleegkinderen": [0],
        "eigen_kinderen": True,
    },
    "weekend": {"land": "vl", "pleegzorgvormen": ["deeltijd"], "leeftijden_pleegkinderen": [8]},
    "onbekend": {"land": "vl"},
}


def test_a_flemish_family_never_reads_a_dutch_term_in_the_profile_questions(countries: Countries) -> None:
    questions = bundled_questions()
    for item in questions.questions:
        if not item.for_country("vl"):
            continue
        for address in ("je", "jullie"):
            texts = [pick(t, address) for t in (item.text, item.hint, item.summary) if t is not None]
            texts += [pick(c.label, address) for c in item.choices]
            assert foreign_in(texts, "vl", countries) == {}, item.key


def test_a_dutch_family_never_reads_a_flemish_term_in_the_profile_questions(countries: Countries) -> None:
    for item in bundled_questions().questions:
        if not item.for_country("nl"):
            continue
        texts = [pick(t, "jullie") for t in (item.text, item.hint, item.summary) if t is not None]
        texts += [pick(c.label, "jullie") for c in item.choices]
        assert foreign_in(texts, "nl", countries) == {}, item.key


@pytest.mark.parametrize("family", sorted(FLEMISH_FAMILIES))
def test_a_flemish_family_never_reads_a_dutch_term_in_the_questions(
    framework: Framework, countries: Countries, family: str
) -> None:
    profile = Profile.model_validate(FLEMISH_FAMILIES[family])
    texts = [
        question.text_for(profile)
        for competency in framework.competencies()
        for question in competency.questions_for(profile)
    ]
    assert texts  # the probe works
    assert foreign_in(texts, "vl", countries) == {}


# The help behind `u` (explanation and example): the same for every family, so never a Dutch-only
# word. A competency whose help still holds one would be marked here with an xfail that names it.
HELP_WITH_DUTCH_TERMS: dict[str, str] = {}


def _help_cases(framework_ids: list[str]) -> list[object]:
    return [
        pytest.param(cid, marks=pytest.mark.xfail(reason=HELP_WITH_DUTCH_TERMS[cid], strict=True))
        if cid in HELP_WITH_DUTCH_TERMS
        else cid
        for cid in framework_ids
    ]


def _competency_ids() -> list[str]:
    from pleegreflectie.load import load_framework

    return [c.id for c in load_framework().competencies()]


@pytest.mark.parametrize("competency_id", _help_cases(_competency_ids()))
def test_a_flemish_family_never_reads_a_dutch_term_in_the_help(
    framework: Framework, countries: Countries, competency_id: str
) -> None:
    competency = framework.competency(competency_id)
    texts = [competency.name, competency.explanation, competency.example]
    assert foreign_in(texts, "vl", countries) == {}
