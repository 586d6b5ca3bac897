"""Plain mode for a screen reader: the list of choices once per pillar (and on `?`, and when the scale
changes); after that a question is at most four lines. Dutch letters where the output shows them."""

from __future__ import annotations

import io
from collections.abc import Iterator

from pleegreflectie.flow import Sitting
from pleegreflectie.interview import Interview
from pleegreflectie.models import Framework
from pleegreflectie.plain import PlainPresenter, PlainPrompts, to_plain
from pleegreflectie.prompts import Option

SCALE = [
    Option(str(n), label, n) for n, label in enumerate(["Nee", "Een beetje", "Redelijk", "Ja", "Helemaal"], 1)
]
OFTEN = [
    Option(str(n), label, n) for n, label in enumerate(["Nooit", "Soms", "Vaak", "Meestal", "Altijd"], 1)
]
ACTIONS = [Option("w", "Weet ik niet", "w"), Option("n", "Niet van toepassing", "n")]
MORE = [Option("u", "Uitleg en voorbeeld", "u"), Option("s", "Stoppen", "s")]


def feed(*typed: str) -> Iterator[str]:
    yield from typed
    raise EOFError


def asker(*typed: str, width: int = 80) -> tuple[PlainPrompts, io.StringIO]:
    out = io.StringIO()
    lines = feed(*typed)
    return PlainPrompts(read=lambda: next(lines), out=out, width=width, letters=True), out


def test_the_list_once_then_one_short_line() -> None:
    ask, out = asker("4", "3", "?", "2", "1")
    assert ask.choose("Eerste vraag.", SCALE + ACTIONS, MORE) == 4
    first = out.getvalue()
    assert "1 = Nee" in first and "u = Uitleg en voorbeeld" in first and "Typ ? om de keuzes" in first
    out.truncate(0), out.seek(0)
    assert ask.choose("Tweede vraag.", SCALE + ACTIONS, MORE) == 3
    assert out.getvalue() == "Tweede vraag.\nTyp 1 tot 5, w, n, of u voor uitleg.\n> Gekozen: Redelijk.\n"
    out.truncate(0), out.seek(0)
    # `?`: the whole list again.
    assert ask.choose("Derde vraag.", SCALE + ACTIONS, MORE) == 2
    assert "1 = Nee" in out.getvalue() and "s = Stoppen" in out.getvalue()
    out.truncate(0), out.seek(0)
    # Another scale: read out in full, once.
    assert ask.choose("Hoe vaak?", OFTEN + ACTIONS, MORE) == 1
    assert "1 = Nooit" in out.getvalue()
    # Two scales heard in this pillar: the short line names the ends of this one.
    ask2, out2 = asker("4", "3", "4")
    ask2.choose("Weet je het?", SCALE + ACTIONS, MORE)
    ask2.choose("Hoe vaak?", OFTEN + ACTIONS, MORE)
    out2.truncate(0), out2.seek(0)
    ask2.choose("Weet je dit?", SCALE + ACTIONS, MORE)
    assert "Typ 1 (nee) tot 5 (helemaal), w, n, of u voor uitleg." in out2.getvalue()
    assert "1 = " not in out2.getvalue()


def test_other_lists_are_always_read_out() -> None:
    statuses = [
        Option(str(n), label, n) for n, label in enumerate(["Gedaan", "Nog bezig", "Niet meer nodig"], 1)
    ]
    ask, out = asker("1", "2")
    ask.choose("Hoe staat het met deze afspraak?", statuses, [Option("t", "Terug", "t")])
    out.truncate(0), out.seek(0)
    ask.choose("Hoe staat het met deze afspraak?", statuses, [Option("t", "Terug", "t")])
    assert "2 = Nog bezig" in out.getvalue()


def test_a_new_pillar_reads_the_list_again() -> None:
    ask, out = asker("4", "4")
    ask.choose("Eerste vraag.", SCALE, MORE)
    ask.forget()
    out.truncate(0), out.seek(0)
    ask.choose("Eerste vraag van de volgende pijler.", SCALE, MORE)
    assert "1 = Nee" in out.getvalue()


def test_a_pillar_is_at_most_four_lines_per_question(framework: Framework) -> None:
    out = io.StringIO()
    answers = feed(*["4"] * 10, "")
    ask = PlainPrompts(read=lambda: next(answers), out=out, width=80, letters=True)
    sitting = Sitting(pillar_ids=["zorgen"], ask_profile=False)
    Interview(framework, PlainPresenter(prompts=ask), prompts=ask).run(sitting, lambda s: None)
    said = out.getvalue()
    per_question = said.split("> ")[1:10]  # what follows each answer, up to the next one
    scales = {framework.scale_for(q) for c in framework.pillar("zorgen").competencies for q in c.questions}
    # After each scale was read out once (questions 1 and 2 when the pillar has two): the answer
    # said back, the question (with where it is), one short line.
    counts = [chunk.count("\n") for chunk in per_question[len(scales) :]]
    assert counts and max(counts) <= 4, said
    assert "Vraag 2 van 10: " in said
    assert said.count("  1 = ") == len(scales)  # every scale was read out once in this pillar


def test_dutch_letters_stay_where_they_can_be_shown() -> None:
    assert to_plain("Creëren · één – “ja”", letters=True) == 'Creëren - één - "ja"'
    assert to_plain("Creëren · één", letters=False) == "Creeren - een"
    ask, out = asker("1")
    ask.choose("Vullen jullie dit met z'n tweeën in?", [Option("1", "Ja", 1), Option("2", "Nee", 2)])
    assert "tweeën" in out.getvalue()
