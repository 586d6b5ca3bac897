"""The questions after the second review (issue 16): variants for the families that differ, words that
respect every family, plain names with the official name kept, and the core of each competency."""

from __future__ import annotations

import re
from typing import Any

import pytest

from pleegreflectie.models import Framework, Profile, Question, pick

WORD = re.compile(r"[a-zà-ÿ0-9']+")


def profile(**data: Any) -> Profile:
    return Profile.model_validate(data)


def words(text: str) -> set[str]:
    return set(WORD.findall(text.lower()))


def wordings(framework: Framework, family: Profile) -> dict[str, str]:
    """What this family reads: each question that applies, in the wording chosen for it."""
    return {q.id: q.text_for(family) for c in framework.competencies() for q in c.questions_for(family)}


def address_texts(framework: Framework) -> dict[str, str]:
    """Every text in pillars.yaml that speaks to the family (not the questions, which say "ik")."""
    texts = {"belang_vraag": framework.importance_question}
    for pillar in framework.pillars:
        texts[f"{pillar.id} intro"] = pillar.intro
        texts[f"{pillar.id} open_vraag"] = pick(pillar.open_question, "je")
        texts[f"{pillar.id} naam"] = pillar.name
        for comp in pillar.competencies:
            texts[f"{comp.id} naam"] = comp.name
            texts[f"{comp.id} uitleg"] = comp.explanation
            texts[f"{comp.id} voorbeeld"] = comp.example
    return texts


def variants_for_one_parent(question: Question) -> list[str]:
    """The question's text and every variant a single foster parent can get."""
    return [question.text] + [v.text for v in question.variants if v.condition.parents_count != 2]


# ---------------------------------------------------------------- one foster parent


def test_a_single_foster_parent_never_reads_jullie(framework: Framework) -> None:
    found = {k: t for k, t in address_texts(framework).items() if "jullie" in words(t)}
    for question in framework.questions():
        found |= {f"{question.id} {t}": t for t in variants_for_one_parent(question) if "jullie" in words(t)}
    assert found == {}


def test_no_question_assumes_two_adults(framework: Framework) -> None:
    alone = profile(aantal_pleegouders=1)
    texts = wordings(framework, alone)
    assert (
        texts["functioneren.organisatie.weten"] == "Ik weet wie ik om hulp kan vragen bij de taken in huis."
    )
    two = profile(aantal_pleegouders=2)
    assert (
        wordings(framework, two)["functioneren.organisatie.weten"]
        == "Ik weet hoe wij de taken in huis verdelen."
    )
    # unknown: the wording that fits one adult as well as two
    assert (
        wordings(framework, profile())["functioneren.organisatie.weten"]
        == texts["functioneren.organisatie.weten"]
    )
    for key, text in address_texts(framework).items():
        assert "partner" not in words(text), key


# ---------------------------------------------------------------- families that differ


def test_weekend_and_part_time_care_never_read_every_day_or_lives_with_us(framework: Framework) -> None:
    texts = wordings(framework, profile(pleegzorgvormen=["deeltijd"], eigen_kinderen=True))
    for question_id, text in texts.items():
        assert "elke dag" not in text and "woont" not in words(text), (question_id, text)
    assert "vertel de ouders" in texts["zorgen.gezondheid.doen"]


def test_a_child_of_0_to_2_gets_no_school_and_contact_through_the_carer(framework: Framework) -> None:
    for kinds in (["langdurig"], ["crisis"], ["kortdurend"]):
        texts = wordings(framework, profile(leeftijden_pleegkinderen=[1], pleegzorgvormen=kinds))
        for question_id, text in texts.items():
            assert "school" not in words(text), (kinds, question_id, text)
    texts = wordings(framework, profile(leeftijden_pleegkinderen=[0], pleegzorgvormen=["langdurig"]))
    assert texts["zorgen.contact-ouders.doen"].startswith("Ik vertel de ouders bij het contact")


def test_a_long_placement_is_about_belonging_never_about_leaving(framework: Framework) -> None:
    for kinds in (["langdurig"], ["verlengd"], ["langdurig", "verlengd"]):
        texts = wordings(framework, profile(pleegzorgvormen=kinds, leeftijden_pleegkinderen=[9]))
        for question_id, text in texts.items():
            assert not {"ooit", "vertrekt", "vertrek"} & words(text), (question_id, text)
            assert "hoe lang mijn pleegkind" not in text, (question_id, text)
        assert "bij ons gezin hoort" in texts["zorgen.wennen.doen"]
        assert "sinds mijn pleegkind bij ons kwam" in texts["functioneren.komst-afscheid.doen"]


def test_crisis_care_reads_about_the_first_days_and_information_not_given_yet(framework: Framework) -> None:
    texts = wordings(framework, profile(pleegzorgvormen=["crisis"]))
    assert "die ik nu nodig heb" in texts["zorgen.gezondheid.weten"]
    assert "via de pleegzorgbegeleider" in texts["samenwerken.gedeeld-opvoederschap.doen"]
    assert "eerste dagen" in texts["zorgen.wennen.doen"]
    # the help text says whose gap a low score on information is
    explanation = framework.competency("zorgen.gezondheid").explanation
    assert "Dan ligt dat niet aan jou" in explanation


DUTCH_ONLY = ("kinderrechter", "gezinsvoogd", "jeugdbeschermer", "zorgteam", "nvp", "gi", "veilig thuis")


def test_a_flemish_family_never_reads_a_dutch_only_term_or_21(framework: Framework) -> None:
    families = [
        profile(land="vl", pleegzorgvormen=kinds, leeftijden_pleegkinderen=ages, pleegouder=parent)
        for kinds in (["langdurig"], ["verlengd"], ["crisis"], ["deeltijd"], [])
        for ages in ([1], [9], [17], [])
        for parent in ("netwerk", "bestand")
    ]
    shared = " ".join(address_texts(framework).values()).lower()
    for term in DUTCH_ONLY:
        assert not re.search(rf"\b{term}\b", shared), term
    assert not re.search(r"\b21\b", shared)
    for family in families:
        for question_id, text in wordings(framework, family).items():
            low = text.lower()
            assert not any(re.search(rf"\b{term}\b", low) for term in DUTCH_ONLY), (question_id, text)
            assert not re.search(r"\b21\b", low), (question_id, text)


FLEMISH_ONLY = ("jeugdrechter", "voortgezette hulp", "pleegzorger", "gezin van oorsprong")


def test_a_dutch_family_reads_the_dutch_terms_and_no_flemish_ones(framework: Framework) -> None:
    for kinds in (["langdurig"], ["verlengd"], ["crisis"], ["deeltijd"], []):
        for ages in ([1], [9], [17], []):
            family = profile(land="nl", pleegzorgvormen=kinds, leeftijden_pleegkinderen=ages)
            for question_id, text in wordings(framework, family).items():
                assert not any(term in text.lower() for term in FLEMISH_ONLY), (question_id, text)
    texts = wordings(framework, profile(land="nl", leeftijden_pleegkinderen=[9]))
    assert "jeugdbeschermer" in texts["samenwerken.communicatie.weten"]
    assert "zorgteam" in texts["samenwerken.communicatie.doen"]
    assert (
        "21 wordt"
        in wordings(framework, profile(pleegzorgvormen=["verlengd"]))["ontwikkelen.levenslang.doen"]
    )
    flemish = wordings(framework, profile(land="vl", pleegzorgvormen=["verlengd"]))
    assert "voortgezette hulp na 18 jaar" in flemish["ontwikkelen.levenslang.doen"]
    teenager = wordings(
        framework, profile(land="vl", pleegzorgvormen=["langdurig"], leeftijden_pleegkinderen=[17])
    )
    assert "of voortgezette hulp na 18 jaar past" in teenager["ontwikkelen.levenslang.doen"]
    dutch_teenager = wordings(
        framework, profile(pleegzorgvormen=["langdurig"], leeftijden_pleegkinderen=[17])
    )
    assert "18 wordt" in dutch_teenager["ontwikkelen.levenslang.doen"]


CRISIS_BABY = {"pleegzorgvormen": ["crisis"], "leeftijden_pleegkinderen": [1]}
LONG = ["langdurig"]
TALK = "ontwikkelen.levenslang.doen"


@pytest.mark.parametrize(
    ("family", "question_id", "expected"),
    [
        # first match wins: the more precise variant stands above the general one
        (CRISIS_BABY, "samenwerken.gedeeld-opvoederschap.doen", "via de pleegzorgbegeleider"),
        ({"leeftijden_pleegkinderen": [2]}, "samenwerken.gedeeld-opvoederschap.doen", "eten of kleding"),
        (
            {"land": "nl", "leeftijden_pleegkinderen": [2]},
            "samenwerken.communicatie.doen",
            "de hulpverleners.",
        ),
        ({"land": "vl", "pleegzorgvormen": ["deeltijd"]}, TALK, "bij ons stopt"),
        (
            {"pleegzorgvormen": LONG, "leeftijden_pleegkinderen": [5]},
            "ontwikkelen.levenslang.doen",
            "toekomst",
        ),
        (
            {"pleegzorgvormen": LONG, "leeftijden_pleegkinderen": [14]},
            "ontwikkelen.levenslang.doen",
            "18 wordt",
        ),
    ],
)
def test_the_variant_that_fits_is_chosen(
    framework: Framework, family: dict[str, Any], question_id: str, expected: str
) -> None:
    assert expected in wordings(framework, profile(**family))[question_id]


# ---------------------------------------------------------------- the core of seven competencies


CORE = {
    # seed 000: special needs and the child's history; the panel: special needs were missing
    "zorgen.gezondheid": ["extra zorg", "ziekte of beperking"],
    # seed 002: contact matters because the child stays loyal to its parents
    "zorgen.contact-ouders": ["afspraken", "van zijn ouders mag houden"],
    # the model's own label: "wennen en aarden" (belonging)
    "zorgen.wennen": ["thuis te voelen", "bij ons gezin hoort"],
    # seed 002: "Beslis niet over ouders, maar met ouders"
    "samenwerken.gedeeld-opvoederschap": ["samen met de ouders", "hun mening"],
    # seed 002: school, the (gezins)voogd or jeugdbeschermer, the zorgteam
    "samenwerken.communicatie": ["jeugdbeschermer", "zorgteam", "school"],
    # seeds 000, 002, 004: the balance of draagkracht and draaglast
    "functioneren.balans": ["van ons gezin vraagt", "aankunnen"],
    # the whole family takes part in a goodbye, own children too
    "functioneren.komst-afscheid": ["ieder in ons gezin", "iedereen in huis"],
}


@pytest.mark.parametrize("competency_id", sorted(CORE))
def test_the_two_questions_cover_the_core_of_the_competency(framework: Framework, competency_id: str) -> None:
    dutch = profile(land="nl")
    both = " ".join(q.text_for(dutch) for q in framework.competency(competency_id).questions)
    for phrase in CORE[competency_id]:
        assert phrase in both, (competency_id, phrase, both)


# ---------------------------------------------------------------- words and names


def test_examples_never_tie_trouble_to_a_visit_or_blame_the_parents(framework: Framework) -> None:
    for comp in framework.competencies():
        text = f"{comp.explanation} {comp.example}".lower()
        assert "na een bezoek" not in text, comp.id
        assert "nare dingen" not in text, comp.id
    examples = " ".join(c.example for c in framework.competencies()).lower()
    assert "pleegvader" in words(examples) or "papa" in words(examples)
    assert "pleegmoeder" in words(examples) or "mama" in words(examples) or "moeder" in words(examples)


def test_the_family_sees_plain_names_and_the_official_name_is_kept(framework: Framework) -> None:
    for item in [*framework.pillars, *framework.competencies()]:
        assert item.official_name, item.id
        assert "(" not in item.name and "/" not in item.name, item.name  # no jargon heading
        assert not any(w.isupper() and len(w) > 1 for w in item.name.split()), item.name
        assert len(item.name.split()) <= 6, item.name
    assert framework.competency("functioneren.organisatie").official_name == (
        "Organisatie van je gezin (gezinsmanagement)"
    )
    assert framework.pillar("zorgen").official_name == "ZORGEN voor pleegkinderen"


def test_the_template_names_country_and_number_of_foster_parents(framework: Framework) -> None:
    from pleegreflectie.profile_file import bundled_questions
    from pleegreflectie.template import answers_template

    text = answers_template(framework, bundled_questions())
    assert "# Bij gezinnen in Nederland staat er: Ik weet wie welke rol heeft rond" in text
    assert "# Bij twee pleegouders staat er: Ik weet hoe wij de taken in huis verdelen." in text
    assert "# Bij pleegzorgvorm verlengd; gezinnen in Vlaanderen staat er:" in text
