"""Language level B1: every question is short and easy to read (Flesch-Douma), every competency explained."""

from __future__ import annotations

import textstat

from pleegreflectie.models import Framework

MIN_READING_EASE = 60
MAX_WORDS = 20


def test_every_question_is_easy_to_read(framework: Framework) -> None:
    textstat.set_lang("nl")
    hard = {}
    for question in framework.questions():
        ease = textstat.flesch_reading_ease(question.text)
        if ease < MIN_READING_EASE:
            hard[question.id] = (round(ease, 1), question.text)
    assert not hard, f"Flesch-Douma below {MIN_READING_EASE}: {hard}"


def test_every_question_has_at_most_20_words(framework: Framework) -> None:
    long = {q.id: len(q.text.split()) for q in framework.questions() if len(q.text.split()) > MAX_WORDS}
    assert not long, f"more than {MAX_WORDS} words: {long}"


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
