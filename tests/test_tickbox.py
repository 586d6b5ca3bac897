"""The tick-box list without traps (questionary through prompt_toolkit's pipe input, and plain mode)."""

from __future__ import annotations

import io

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from pleegreflectie.plain import PlainPrompts
from pleegreflectie.prompts import NOTHING_TICKED, Box, QuestionaryPrompts, exclusive

DOWN = "\x1b[B"
ENTER = "\r"
BOXES = [
    Box("Gedrag", "gedrag"),
    Box("Hechting", "hechting"),
    Box("Trauma", "trauma"),
    Box("Geen bijzondere moeite", "geen", alone=True),
    Box("Weet ik (nog) niet", "onbekend", alone=True),
]


def check(keys: str, boxes: list[Box] = BOXES) -> list[object]:
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        return QuestionaryPrompts(pipe, DummyOutput()).check("Waar heeft je pleegkind moeite mee?", boxes)


def test_enter_after_moving_takes_the_highlighted_box() -> None:
    assert check(DOWN + DOWN + ENTER) == ["trauma"]


def test_enter_without_moving_asks_once_then_chooses_nothing() -> None:
    assert check(ENTER + ENTER) == []
    # After the question, a tick still counts.
    assert check(ENTER + "2" + ENTER) == ["hechting"]


def test_number_keys_tick_and_untick() -> None:
    assert check("1" + "3" + ENTER) == ["gedrag", "trauma"]
    assert check("1" + "3" + "1" + ENTER) == ["trauma"]
    # Unticking everything is a choice too: Enter then means none, not the highlighted box.
    assert check("2" + "2" + ENTER) == []


def test_a_none_choice_goes_alone() -> None:
    assert check("1" + "2" + "4" + ENTER) == ["geen"]
    assert check("4" + "1" + ENTER) == ["gedrag"]
    assert check("4" + "5" + ENTER) == ["onbekend"]
    assert check(DOWN + " " + DOWN * 2 + " " + ENTER) == ["geen"]  # with the space bar: the same rule
    assert exclusive(BOXES, ["gedrag"], "geen") == ["geen"]
    assert exclusive(BOXES, ["geen"], "trauma") == ["trauma"]


def test_ticked_before_stays_and_enter_keeps_it() -> None:
    boxes = [Box("Gedrag", "gedrag", checked=True), Box("Hechting", "hechting")]
    assert check(ENTER, boxes) == ["gedrag"]


def test_the_question_is_in_dutch_and_plain() -> None:
    assert "Enter" in NOTHING_TICKED and "niets" in NOTHING_TICKED


def test_plain_mode_refuses_none_with_others() -> None:
    out = io.StringIO()
    lines = iter(["1 4", "4"])
    ask = PlainPrompts(read=lambda: next(lines), out=out, width=80)
    assert ask.check("Waar heeft je pleegkind moeite mee?", BOXES) == ["geen"]
    assert "'Geen bijzondere moeite' kan niet samen met iets anders." in " ".join(out.getvalue().split())


def test_a_long_list_offers_no_number_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    """Over nine boxes the labels have no numbers, so the instruction does not promise them."""
    import questionary

    seen: list[str] = []
    real = questionary.checkbox

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(str(kwargs.get("instruction", "")))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(questionary, "checkbox", spy)
    instruction = "(pijltjes om te bewegen, spatiebalk of cijfer om te kiezen, Enter als je klaar bent)"
    many = [Box(f"Punt {n}", n) for n in range(12)]
    with create_pipe_input() as pipe:
        pipe.send_text(DOWN + " " + ENTER)
        picked = QuestionaryPrompts(pipe, DummyOutput()).check("Wat?", many, instruction=instruction)
    with create_pipe_input() as pipe:
        pipe.send_text("1" + ENTER)
        QuestionaryPrompts(pipe, DummyOutput()).check("Waar?", BOXES, instruction=instruction)
    assert picked == [1]
    assert "cijfer" not in " ".join(seen[0].split()) and "spatiebalk" in seen[0]
    assert "cijfer" in " ".join(seen[1].split())
