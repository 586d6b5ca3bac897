"""Language level B1: every question is short and easy to read (Flesch-Douma), every competency explained."""

from __future__ import annotations

import textstat

from pleegreflectie.models import Framework

MIN_READING_EASE = 60
MAX_WORDS = 20


def all_wordings(framework: Framework) -> list[tuple[str, str]]:
    """(question id, text) for every question and every variant of it."""
    return [(q.id, text) for q in framework.questions() for text in q.texts()]


def test_every_question_and_variant_is_easy_to_read(framework: Framework) -> None:
    textstat.set_lang("nl")
    hard = []
    for question_id, text in all_wordings(framework):
        ease = textstat.flesch_reading_ease(text)
        if ease < MIN_READING_EASE:
            hard.append((question_id, round(ease, 1), text))
    assert not hard, f"Flesch-Douma below {MIN_READING_EASE}: {hard}"


def test_every_question_and_variant_has_at_most_20_words(framework: Framework) -> None:
    long = [
        (qid, len(text.split())) for qid, text in all_wordings(framework) if len(text.split()) > MAX_WORDS
    ]
    assert not long, f"more than {MAX_WORDS} words: {long}"


def test_variants_are_checked_too(framework: Framework) -> None:
    # Guard: the checks above see the variant wordings, not only the main texts.
    assert len(all_wordings(framework)) > len(framework.questions()) + 10


def test_questions_are_in_the_first_person_and_name_the_pleegzorgbegeleider(framework: Framework) -> None:
    for question_id, text in all_wordings(framework):
        assert text.startswith(("Ik ", "Als ik ")), (question_id, text)
        words = text.lower().replace(",", " ").replace(".", " ").split()
        assert "begeleider" not in words and "jij" not in words and "je" not in words, (question_id, text)


def test_the_reading_ease_check_tells_hard_from_easy() -> None:
    # Guard against a silent change in textstat: the check above must be able to fail.
    textstat.set_lang("nl")
    easy = "Ik blijf rustig als mijn pleegkind boos is."
    hard = (
        "Ondersteuningsmogelijkheden betreffende gezinsvoogdijinstellingen vereisen "
        "interdisciplinaire afstemmingsprocedures."
    )
    assert textstat.flesch_reading_ease(easy) >= MIN_READING_EASE
    assert textstat.flesch_reading_ease(hard) < MIN_READING_EASE


def test_every_competency_has_an_explanation_and_an_example(framework: Framework) -> None:
    for competency in framework.competencies():
        assert len(competency.explanation.split()) >= 5, competency.id
        assert len(competency.example.split()) >= 5, competency.id
        assert competency.explanation != competency.example, competency.id


# Longer texts carry names of programmes and organisations, which lower the score a little.
MIN_READING_EASE_LONGER_TEXT = 55


def test_explanations_and_introductions_are_easy_to_read(framework: Framework) -> None:
    textstat.set_lang("nl")
    texts = {p.id: p.intro for p in framework.pillars}
    for competency in framework.competencies():
        texts[f"{competency.id} uitleg"] = competency.explanation
        texts[f"{competency.id} voorbeeld"] = competency.example
    hard = {k: round(textstat.flesch_reading_ease(t), 1) for k, t in texts.items()}
    hard = {k: v for k, v in hard.items() if v < MIN_READING_EASE_LONGER_TEXT}
    assert not hard, hard


def test_catalogue_descriptions_are_easy_to_read(framework: Framework) -> None:
    from pleegreflectie.load import load_catalogue

    textstat.set_lang("nl")
    scores = {c.id: textstat.flesch_reading_ease(c.description) for c in load_catalogue(framework).entries}
    hard = {k: round(v, 1) for k, v in scores.items() if v < MIN_READING_EASE_LONGER_TEXT}
    assert not hard, hard
