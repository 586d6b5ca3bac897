"""The prompts on the screen, made with questionary. The only module that imports questionary (lazily).

The interview (interview.py) decides what to ask; this module only asks it. Another implementation
of the same `Prompts` protocol (for example plain numbered prompts for a screen reader) can take its place.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from .safe import clean

if TYPE_CHECKING:
    from questionary import Question


@dataclass(frozen=True)
class Option:
    """One answer in a list: a key that answers at once, a label, and the value it gives."""

    key: str
    label: str
    value: Any


@dataclass(frozen=True)
class Box:
    """One box in a multiple choice."""

    label: str
    value: Any
    checked: bool = False


Validator = Callable[[str], "bool | str"]


class Prompts(Protocol):
    def choose(
        self,
        text: str,
        options: Sequence[Option],
        actions: Sequence[Option] = (),
        *,
        default: Any = None,
        instruction: str = "",
    ) -> Any:
        """One answer out of `options` or `actions` (shown apart, below). Keys answer at once."""

    def check(self, text: str, boxes: Sequence[Box], *, instruction: str = "") -> list[Any]:
        """Any number of boxes; returns the values of the ticked ones."""

    def text(self, text: str, *, default: str = "", validate: Validator | None = None) -> str:
        """A line of text."""


class QuestionaryPrompts:
    """The prompts of a normal terminal. Ctrl-C raises KeyboardInterrupt, Ctrl-D EOFError."""

    def __init__(self, prompt_input: Any = None, prompt_output: Any = None) -> None:
        # For tests: prompt_toolkit's pipe input and DummyOutput.
        self._io = {"input": prompt_input, "output": prompt_output} if prompt_input else {}

    def choose(
        self,
        text: str,
        options: Sequence[Option],
        actions: Sequence[Option] = (),
        *,
        default: Any = None,
        instruction: str = "",
    ) -> Any:
        import questionary

        choices: list[Any] = [questionary.Choice(o.label, value=o.value, shortcut_key=o.key) for o in options]
        if actions:
            choices.append(questionary.Separator(" "))
            choices += [questionary.Choice(a.label, value=a.value, shortcut_key=a.key) for a in actions]
        chosen = next((c for c in choices if isinstance(c, questionary.Choice) and c.value == default), None)
        question = questionary.select(
            text,
            choices=choices,
            default=chosen,
            use_shortcuts=True,
            use_jk_keys=False,  # "j" means "ja" in a yes/no question
            instruction=instruction,
            **self._io,
        )
        _answer_on_key(question, [(o.key, o.value) for o in [*options, *actions]])
        return _unsafe(question)

    def check(self, text: str, boxes: Sequence[Box], *, instruction: str = "") -> list[Any]:
        import questionary

        choices = [questionary.Choice(b.label, value=b.value, checked=b.checked) for b in boxes]
        question = questionary.checkbox(text, choices=choices, instruction=instruction, **self._io)
        return list(_unsafe(question))

    def text(self, text: str, *, default: str = "", validate: Validator | None = None) -> str:
        import questionary

        typed = str(_unsafe(questionary.text(text, default=default, validate=validate, **self._io)))
        return clean(typed)  # typed or pasted text is shown later: no escape sequences


def _unsafe(question: Question) -> Any:
    # unsafe_ask lets Ctrl-C through as KeyboardInterrupt, so the caller can say how to continue.
    return question.unsafe_ask()


def _answer_on_key(question: Question, keys: list[tuple[str, Any]]) -> None:
    """A digit or letter answers at once, without Enter (questionary only moves the pointer)."""
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
    from questionary.prompts.common import InquirerControl

    app = question.application
    control = next(c for c in app.layout.find_all_controls() if isinstance(c, InquirerControl))
    bindings = KeyBindings()
    for key, value in keys:

        def answer(event: Any, value: Any = value) -> None:
            # Show the chosen answer after the question, as Enter would.
            for index, choice in enumerate(control.choices):
                if getattr(choice, "value", None) == value:
                    control.pointed_at = index
            control.is_answered = True
            event.app.exit(result=value)

        bindings.add(key, eager=True)(answer)
    app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), bindings])
