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
