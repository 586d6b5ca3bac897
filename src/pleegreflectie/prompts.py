"""The prompts on the screen, made with questionary. The only module that imports questionary (lazily).

The interview (interview.py) decides what to ask; this module only asks it. Another implementation
of the same `Prompts` protocol (for example plain numbered prompts for a screen reader) can take its place.
"""

from __future__ import annotations

import functools
import os
import sys
import textwrap
from collections.abc import Callable, Sequence
from enum import Enum
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias

from msgspec import Struct

from .safe import clean

if TYPE_CHECKING:
    from prompt_toolkit.document import Document
    from prompt_toolkit.formatted_text import StyleAndTextTuples
    from prompt_toolkit.input import Input
    from prompt_toolkit.key_binding.key_processor import KeyPressEvent
    from prompt_toolkit.lexers import Lexer
    from prompt_toolkit.output import Output
    from questionary import Question

    from .models import Special


class Action(Enum):
    """What a person can do instead of answering (shown below the answers of a list)."""

    BACK = "terug"
    SKIP = "overslaan"
    HELP = "uitleg"
    STOP = "stoppen"
    MARK = "bespreken"


Value: TypeAlias = "int | str | bool | Special | Action | dict[str, bool]"
"""What choosing an option or ticking a box gives."""


class Option(Struct, frozen=True):
    """One answer in a list: a key that answers at once, a label, and the value it gives."""

    key: str
    label: str
    value: Value


class Box(Struct, frozen=True):
    """One box in a multiple choice. `alone`: a choice such as "Geen bijzondere moeite" that cannot go
    with the others (ticking it unticks them, and ticking another unticks it)."""

    label: str
    value: Value
    checked: bool = False
    alone: bool = False


def exclusive(boxes: Sequence[Box], picked: Sequence[Value], new: Value) -> list[Value]:
    """The ticked values after ticking `new`: an `alone` box goes by itself."""
    alone = [b.value for b in boxes if b.alone]
    if new in alone:
        return [new]
    return [v for v in picked if v not in alone and v != new] + [new]


NOTHING_TICKED = (
    "Je hebt nog niets aangevinkt. Kies met de spatiebalk of met een cijfer. "
    "Of druk nog een keer op Enter: dan kies je niets."
)


Validator = Callable[[str], "bool | str"]


class Prompts(Protocol):
    def choose(
        self,
        text: str,
        options: Sequence[Option],
        actions: Sequence[Option] = (),
        *,
        default: Value | None = None,
        instruction: str = "",
    ) -> Value:
        """One answer out of `options` or `actions` (shown apart, below). Keys answer at once."""

    def check(self, text: str, boxes: Sequence[Box], *, instruction: str = "") -> list[Value]:
        """Any number of boxes; returns the values of the ticked ones."""

    def text(self, text: str, *, default: str = "", validate: Validator | None = None) -> str:
        """A line of text."""


class QuestionaryPrompts:
    """The prompts of a normal terminal. Ctrl-C raises KeyboardInterrupt, Ctrl-D EOFError."""

    def __init__(self, prompt_input: Input | None = None, prompt_output: Output | None = None) -> None:
        # For tests: prompt_toolkit's pipe input and DummyOutput.
        self._io: dict[str, Any] = {"input": prompt_input, "output": prompt_output} if prompt_input else {}

    def choose(
        self,
        text: str,
        options: Sequence[Option],
        actions: Sequence[Option] = (),
        *,
        default: Value | None = None,
        instruction: str = "",
    ) -> Value:
        import questionary

        width = self._width()
        label = functools.partial(_wrap_label, width=width)
        choices: list[Any] = [
            questionary.Choice(label(o.label), value=o.value, shortcut_key=o.key) for o in options
        ]
        if actions:
            choices.append(questionary.Separator(" "))
            choices += [
                questionary.Choice(label(a.label), value=a.value, shortcut_key=a.key) for a in actions
            ]
        chosen = next((c for c in choices if isinstance(c, questionary.Choice) and c.value == default), None)
        message, instruction = _layout(text, instruction, width)
        question = questionary.select(
            message,
            choices=choices,
            default=chosen,
            use_shortcuts=True,
            use_jk_keys=False,  # "j" means "ja" in a yes/no question
            instruction=instruction or " ",  # never questionary's English "(Use shortcuts)"
            **self._io,
        )
        _answer_on_key(question, [(o.key, o.value) for o in [*options, *actions]])
        question.application.erase_when_done = True  # the answer is said again below, wrapped
        value: Value = _unsafe(question)
        said = next((o.label for o in [*options, *actions] if o.value == value), "")
        self._echo(message, said, width)
        return value

    def check(self, text: str, boxes: Sequence[Box], *, instruction: str = "") -> list[Value]:
        """Space or a number ticks a box; Enter with nothing ticked takes the box the pointer was
        moved to, or (pointer not moved) says so once: a second Enter chooses nothing."""
        import questionary

        width = self._width()
        numbered = len(boxes) <= 9
        choices = [
            questionary.Choice(
                _wrap_label(f"{n}. {b.label}" if numbered else b.label, width=width),
                value=n - 1,
                checked=b.checked,
            )
            for n, b in enumerate(boxes, 1)
        ]
        if not numbered:  # more than nine boxes: no number keys, so the instruction does not offer them
            instruction = instruction.replace("spatiebalk of cijfer", "spatiebalk")
        message, instruction = _layout(text, instruction, width)
        question = questionary.checkbox(message, choices=choices, instruction=instruction, **self._io)
        _dutch_checkbox(question, boxes, numbered=numbered, width=width)
        picked = [boxes[i].value for i in sorted(_unsafe(question))]
        labels = [b.label for b in boxes if b.value in picked]
        self._echo(message, "; ".join(labels) if labels else "niets gekozen", width)
        return picked

    def _echo(self, message: str, said: str, width: int) -> None:
        """The question with the answer after it, wrapped between words (prompt_toolkit would break
        a long answer anywhere, even inside a word)."""
        message = message.removesuffix("\n ")
        answer = _wrap(said, width - 3)
        last = message.split("\n")[-1]
        room = (2 if "\n" not in message else 0) + len(last) + 1
        lead = " " if room + len(answer[0]) < width else "\n  "
        tokens = [("class:qmark", "?"), ("class:question", f" {message}"), ("", lead)]
        self._print([*tokens, ("class:answer", "\n  ".join(answer))])

    def text(self, text: str, *, default: str = "", validate: Validator | None = None) -> str:
        """A line of text. A wrong value is said right under the question, and asked again."""
        import questionary

        message, _ = _layout(text, "", self._width())
        while True:
            # typed or pasted text is shown later: no escape sequences
            asked = questionary.text(message, default=default, lexer=_masking_lexer(), **self._io)
            answer = clean(str(_unsafe(asked)))
            verdict = validate(answer) if validate is not None else True
            if verdict is True:
                return answer
            problem = verdict if isinstance(verdict, str) else "Dat kan hier niet."
            self._error(problem)
            default = answer

    def _width(self) -> int:
        output = self._io.get("output")
        if output is not None:
            try:
                return int(output.get_size().columns)
            except (AttributeError, OSError, ValueError):
                pass
        return terminal_width()

    def _print(self, tokens: list[tuple[str, str]]) -> None:
        from prompt_toolkit import print_formatted_text
        from prompt_toolkit.formatted_text import FormattedText
        from questionary.constants import DEFAULT_STYLE

        output = {"output": self._io["output"]} if self._io else {}
        print_formatted_text(FormattedText(tokens), style=DEFAULT_STYLE, **output)

    def _error(self, problem: str) -> None:
        from prompt_toolkit import print_formatted_text
        from prompt_toolkit.formatted_text import FormattedText

        lines = textwrap.wrap(problem, self._width() - 4, break_long_words=False, break_on_hyphens=False) or [
            problem
        ]
        text = FormattedText([("bold", "  ! "), ("", "\n    ".join(lines)), ("", "\n")])
        print_formatted_text(text, end="", **({"output": self._io["output"]} if self._io else {}))


def terminal_width() -> int:
    """The width of the terminal the prompts are drawn in (the real one, not $COLUMNS)."""
    import shutil

    for stream in (sys.__stdout__, sys.__stdin__):
        try:
            if stream is not None:
                return os.get_terminal_size(stream.fileno()).columns
        except (OSError, ValueError, AttributeError):
            continue
    return shutil.get_terminal_size((80, 24)).columns


def _wrap(text: str, width: int) -> list[str]:
    """Lines broken between words only; a long word (a web address) stays whole."""
    return textwrap.wrap(text, max(20, width), break_long_words=False, break_on_hyphens=False) or [""]


def _layout(text: str, instruction: str, width: int) -> tuple[str, str]:
    """The question and its instruction, wrapped at word boundaries under "? " with a hanging indent.

    prompt_toolkit would break a long line anywhere, even inside a word. questionary draws
    "? " + message + " " + instruction; the instruction moves to a line of its own when it does not fit.
    """
    lines = _wrap(text, width - 3)
    message = "\n  ".join(lines)
    if not instruction:
        return message, instruction
    used = 2 + len(lines[-1]) + 1
    if used + len(instruction) < width:
        return message, instruction
    parts = _wrap(instruction, width - 3)
    return message + "\n ", "\n  ".join(parts)


def _wrap_label(label: str, *, width: int) -> str:
    """A choice's label, wrapped under itself (the pointer and key take six columns)."""
    lines = _wrap(label, width - 8)
    return "\n      ".join(lines)


def _dutch_checkbox(question: Question, boxes: Sequence[Box], *, numbered: bool, width: int) -> None:
    """The tick-box list without traps.

    questionary ticks every box on "a" and inverts them on "i": here those keys do nothing. Space and
    the number keys tick (an `alone` box unticks the others). Enter with nothing ticked takes the box
    the pointer was moved to; when the pointer was not moved it says so once (a second Enter: none).
    (Its answer line, "done (2 selections)", is erased when the prompt ends; `check` says it in Dutch.)
    """
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
    from questionary import Separator
    from questionary.prompts.common import InquirerControl

    app = question.application
    app.erase_when_done = True
    control = next(c for c in app.layout.find_all_controls() if isinstance(c, InquirerControl))
    start = control.pointed_at
    state = {"touched": False, "asked": False}
    bindings = KeyBindings()
    for key in ("a", "i"):

        @bindings.add(key, eager=True)
        def nothing(event: KeyPressEvent) -> None:
            return None

    def toggle(index: int) -> None:
        state["touched"] = True
        if index in control.selected_options:
            control.selected_options.remove(index)
        else:
            control.selected_options = exclusive(
                [Box(b.label, i, alone=b.alone) for i, b in enumerate(boxes)], control.selected_options, index
            )

    @bindings.add(" ", eager=True)
    def space(event: KeyPressEvent) -> None:
        toggle(control.pointed_at)

    if numbered:
        for number in range(1, len(boxes) + 1):

            def tick(event: KeyPressEvent, index: int = number - 1) -> None:
                control.pointed_at = index
                toggle(index)

            bindings.add(str(number), eager=True)(tick)

    @bindings.add("enter", eager=True)
    def enter(event: KeyPressEvent) -> None:
        if not control.selected_options and not state["touched"]:
            if control.pointed_at != start:
                control.selected_options = [control.pointed_at]  # what the pointer was moved to
            elif not state["asked"]:
                state["asked"] = True
                control.choices.append(Separator(" "))
                for line in _wrap(NOTHING_TICKED, width - 8):
                    control.choices.append(Separator(f"  {line}"))
                return
        control.is_answered = True
        event.app.exit(result=list(control.selected_options))

    app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), bindings])


def _unsafe(question: Question) -> Any:
    # prompt_toolkit asks the terminal where the cursor is (CPR); a terminal that does not answer
    # would get "WARNING: your terminal doesn't support cursor position requests (CPR)" in English.
    # Without the warning prompt_toolkit simply carries on without the answer.
    question.application.renderer.cpr_not_supported_callback = None
    # unsafe_ask lets Ctrl-C through as KeyboardInterrupt, so the caller can say how to continue.
    return question.unsafe_ask()


def _answer_on_key(question: Question, keys: list[tuple[str, Value]]) -> None:
    """A digit or letter answers at once, without Enter (questionary only moves the pointer)."""
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
    from questionary.prompts.common import InquirerControl

    app = question.application
    control = next(c for c in app.layout.find_all_controls() if isinstance(c, InquirerControl))
    bindings = KeyBindings()
    for key, value in keys:

        def answer(event: KeyPressEvent, value: Value = value) -> None:
            # Show the chosen answer after the question, as Enter would.
            for index, choice in enumerate(control.choices):
                if getattr(choice, "value", None) == value:
                    control.pointed_at = index
            control.is_answered = True
            event.app.exit(result=value)

        bindings.add(key, eager=True)(answer)
    app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), bindings])


def _masking_lexer() -> Lexer:
    """Shows the line being typed (and the answer after Enter) with no control, bidi or invisible
    character: each is shown as one visible character (safe.masked), so a pasted U+202E or escape
    sequence never reaches the terminal raw."""
    from prompt_toolkit.lexers import Lexer

    from .safe import masked

    class MaskingLexer(Lexer):
        def lex_document(self, document: Document) -> Callable[[int], StyleAndTextTuples]:
            lines = document.lines

            def line(number: int) -> StyleAndTextTuples:
                return [("class:answer", masked(lines[number]))] if number < len(lines) else []

            return line

    return MaskingLexer()
