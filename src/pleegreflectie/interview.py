"""Asks the questions in the terminal. The only module that imports questionary (lazily).

It asks and records; it never scores. What to ask next comes from the `Sitting` (flow.py).
After every answer `on_change` is called, so the caller can save at once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import Enum
from typing import TYPE_CHECKING, Any, Protocol

from .flow import PROFILE_FIELDS, Progress, Sitting, Step, StepKind, profile_field, progress
from .models import Competency, Framework, Pillar, Special

if TYPE_CHECKING:
    from questionary import Question


class Action(Enum):
    BACK = "terug"
    SKIP = "overslaan"
    HELP = "uitleg"
    STOP = "stoppen"


class Stopped(Exception):
    """The user chose to stop; everything answered so far was already handed to on_change."""


class Presenter(Protocol):
    """What the interview shows between questions (implemented with rich in view.py)."""

    def pillar_intro(self, pillar: Pillar, index: int, count: int) -> None: ...

    def help(self, competency: Competency) -> None: ...

    def progress(self, progress: Progress, title: str) -> None: ...

    def message(self, text: str) -> None: ...


INSTRUCTION = "(druk op een cijfer of letter)"
MULTI_INSTRUCTION = "(pijltjes om te bewegen, spatiebalk om te kiezen, Enter als je klaar bent)"
BACK_WORD = "terug"


class Interview:
    def __init__(
        self,
        framework: Framework,
        presenter: Presenter,
        *,
        titles: Mapping[str, str] | None = None,
        prompt_input: Any = None,
        prompt_output: Any = None,
    ) -> None:
        self.framework = framework
        self.presenter = presenter
        self.titles = dict(titles or {})  # catalogue entry id -> title, for the previous route
        # For tests: prompt_toolkit's pipe input and DummyOutput.
        self._io = {"input": prompt_input, "output": prompt_output} if prompt_input else {}

    def run(self, sitting: Sitting, on_change: Callable[[Sitting], None]) -> Sitting:
        shown_pillar: str | None = None
        while (step := sitting.next_step(self.framework)) is not None:
            if step.pillar_id and step.pillar_id != shown_pillar:
                self._intro(sitting, step.pillar_id)
                shown_pillar = step.pillar_id
            result = self.ask(sitting, step)
            if result is Action.HELP:
                self._help(step)
                continue
            if result is Action.STOP:
                raise Stopped
            if result is Action.BACK:
                if not sitting.back():
                    self.presenter.message("Dit is de eerste vraag. Verder terug kan niet.")
            elif result is Action.SKIP:
                sitting.skip(step)
            else:
                sitting.record(step, result)
            on_change(sitting)
        return sitting

    # -- one step

    def ask(self, sitting: Sitting, step: Step) -> Any:
        previous = sitting.value(step)
        if step.kind == StepKind.QUESTION:
            where = progress(self.framework, sitting, step)
            if where:
                self.presenter.progress(where, self.framework.pillar(where.pillar_id).title)
            question = next(q for q in self.framework.questions() if q.id == step.key)
            scale = [(str(o.value), o.label, o.value) for o in self.framework.scale]
            extra = [
                ("w", "Weet ik niet", Special.DONT_KNOW),
                ("n", "Niet van toepassing", Special.NOT_APPLICABLE),
            ]
            text = question.text_for(sitting.to_answers().profile)
            return self._select(text, scale + extra, previous, help_allowed=True)
        if step.kind == StepKind.IMPORTANCE:
            competency = self.framework.competency(step.key)
            options = [(str(o.value), o.label, o.value) for o in self.framework.importance]
            text = f"{self.framework.importance_question} ({competency.name})"
            return self._select(text, options, previous, help_allowed=True)
        if step.kind == StepKind.NOTE:
            pillar = self.framework.pillar(step.key)
            return self._text(
                f"{pillar.open_question} (over {pillar.title.lower()})",
                previous,
                "Laat leeg en druk op Enter om verder te gaan.",
            )
        if step.kind == StepKind.PREVIOUS_ROUTE:
            return self._previous_route(sitting, previous)
        return self._profile(step, previous)

    def _previous_route(self, sitting: Sitting, previous: Any) -> Any:
        import questionary

        self.presenter.message("De vorige keer kregen jullie een leerroute. Kijk even terug.")
        chosen = set(previous or [])
        choices = [
            questionary.Choice(self.titles.get(entry, entry), value=entry, checked=entry in chosen)
            for entry in sitting.previous_route or []
        ]
        choices.append(questionary.Choice("<< Terug naar de vorige vraag", value=Action.BACK))
        answer = self._unsafe(
            questionary.checkbox(
                "Welke stappen hebben jullie gedaan?",
                choices=choices,
                instruction=MULTI_INSTRUCTION,
                **self._io,
            )
        )
        return Action.BACK if Action.BACK in answer else answer

    # -- questions outside the reflection

    def confirm(self, text: str, *, default: bool = False) -> bool:
        """A yes/no question answered with j or n (questionary's own confirm speaks English)."""
        import questionary

        options = [("j", "Ja", True), ("n", "Nee", False)]
        choices = [questionary.Choice(label, value=value, shortcut_key=key) for key, label, value in options]
        question = questionary.select(
            text,
            choices=choices,
            default=choices[0] if default else choices[1],
            use_shortcuts=True,
            use_jk_keys=False,  # "j" is "ja" here
            instruction="(druk op j of n)",
            **self._io,
        )
        _answer_on_key(question, [(key, value) for key, _, value in options])
        return bool(self._unsafe(question))

    def ask_text(self, text: str, default: str = "") -> str:
        import questionary

        return str(self._unsafe(questionary.text(text, default=default, **self._io))).strip()

    def _profile(self, step: Step, previous: Any) -> Any:
        import questionary

        item = profile_field(step.key)
        number = [f.key for f in PROFILE_FIELDS].index(item.key) + 1
        self.presenter.message(f"Over jullie gezin · vraag {number} van {len(PROFILE_FIELDS)}")
        title = item.text
        if item.kind == "choice" or item.kind == "yesno":
            choices = list(item.choices) or [("ja", "Ja"), ("nee", "Nee")]
            options = [(str(i), label, value) for i, (value, label) in enumerate(choices, 1)]
            if item.kind == "yesno":
                previous = {True: "ja", False: "nee"}.get(previous)
            answer = self._select(
                title, options, previous, help_allowed=False, skip_label="Zeg ik liever niet"
            )
            if item.kind == "yesno" and answer in ("ja", "nee"):
                return answer == "ja"
            return answer
        if item.kind == "multi":
            if item.hint:
                self.presenter.message(item.hint)
            chosen = set(previous or [])
            boxes: list[Any] = [
                questionary.Choice(label, value=value, checked=value in chosen)
                for value, label in item.choices
            ]
            boxes.append(questionary.Choice("<< Terug naar de vorige vraag", value=Action.BACK))
            answer = self._unsafe(
                questionary.checkbox(title, choices=boxes, instruction=MULTI_INSTRUCTION, **self._io)
            )
            if Action.BACK in answer:
                return Action.BACK
            return answer
        # text, number, numbers
        hint = item.hint or "Laat leeg als je het niet wilt zeggen."
        shown = ", ".join(str(v) for v in previous) if isinstance(previous, list) else previous
        raw = self._text(title, shown, hint, validate=_validator(item.kind))
        if not isinstance(raw, str):
            return raw
        return _convert(item.kind, raw)

    # -- questionary wrappers

    def _select(
        self,
        text: str,
        options: list[tuple[str, str, Any]],
        previous: Any,
        *,
        help_allowed: bool,
        skip_label: str = "Overslaan",
    ) -> Any:
        import questionary

        actions = [("t", "Terug naar de vorige vraag", Action.BACK), ("o", skip_label, Action.SKIP)]
        if help_allowed:
            actions.insert(0, ("u", "Uitleg en voorbeeld", Action.HELP))
        actions.append(("s", "Stoppen (je antwoorden blijven bewaard)", Action.STOP))
        choices: list[Any] = [
            questionary.Choice(label, value=value, shortcut_key=key) for key, label, value in options
        ]
        choices.append(questionary.Separator(" "))
        choices += [questionary.Choice(label, value=value, shortcut_key=key) for key, label, value in actions]
        default = next(
            (c for c in choices if isinstance(c, questionary.Choice) and c.value == previous), None
        )
        question = questionary.select(
            text,
            choices=choices,
            default=default,
            use_shortcuts=True,
            instruction=INSTRUCTION,
            **self._io,
        )
        _answer_on_key(question, [(key, value) for key, _, value in options + actions])
        return self._unsafe(question)

    def _text(self, text: str, previous: Any, hint: str, validate: Any = None) -> Any:
        import questionary

        self.presenter.message(hint)
        self.presenter.message("Typ terug om naar de vorige vraag te gaan.")
        answer = self._unsafe(
            questionary.text(text, default=str(previous or ""), validate=validate, **self._io)
        )
        if answer.strip().lower() == BACK_WORD:
            return Action.BACK
        return answer.strip()

    @staticmethod
    def _unsafe(question: Question) -> Any:
        # unsafe_ask lets Ctrl-C through as KeyboardInterrupt, so the caller can say how to continue.
        return question.unsafe_ask()

    # -- between questions

    def _intro(self, sitting: Sitting, pillar_id: str) -> None:
        chosen = [p.id for p in self.framework.pillars if p.id in sitting.pillar_ids]
        self.presenter.pillar_intro(
            self.framework.pillar(pillar_id), chosen.index(pillar_id) + 1, len(chosen)
        )

    def _help(self, step: Step) -> None:
        competency_id = step.key if step.kind == StepKind.IMPORTANCE else step.key.rsplit(".", 1)[0]
        self.presenter.help(self.framework.competency(competency_id))


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


def _validator(kind: str) -> Callable[[str], bool | str]:
    def check(text: str) -> bool | str:
        text = text.strip()
        if not text or text.lower() == BACK_WORD:
            return True
        try:
            _convert(kind, text)
        except ValueError as exc:
            return str(exc)
        return True

    return check


def _convert(kind: str, text: str) -> Any:
    text = text.strip()
    if not text:
        return None
    if kind == "number":
        if not text.isdigit() or int(text) > 200:
            raise ValueError("Typ een heel getal, bijvoorbeeld 3.")
        return int(text)
    if kind == "numbers":
        parts = [p.strip() for p in text.replace(";", ",").replace(" en ", ",").split(",") if p.strip()]
        if not parts or not all(p.isdigit() and int(p) <= 27 for p in parts):
            raise ValueError("Typ leeftijden in jaren, met een komma ertussen. Bijvoorbeeld: 4, 9")
        return [int(p) for p in parts]
    return " ".join(text.split())[:80]
