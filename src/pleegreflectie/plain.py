"""The accessible mode (`--eenvoudig`): plain numbered prompts for a screen reader or a poor terminal.

No questionary, no arrow-key menus, no cursor movement, no colour, no box drawing. Dutch letters (ë, é)
stay where the output can show them; ASCII only where it cannot. Every prompt is a sentence on its own
line; an answer is a digit, a letter or a word, then Enter. It can do everything the normal prompts can
(the interview's help, back, skip, stop, "bespreken" and "zelfde antwoord" are ordinary choices here,
typed as a letter or a word).

A screen reader hears a list of choices once: the first time it comes in a pillar, when it changes (a
question with another scale), and on `?`. After that a question is its sentence and one short line
("Typ 1 tot 5, w, n, of u voor uitleg."): at most four lines with the answer said back.

It is chosen with `--eenvoudig`, and on its own when TERM=dumb or the locale is not UTF-8 (LC_ALL=C).
"""

from __future__ import annotations

import functools
import os
import shutil
import sys
import textwrap
import unicodedata
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TextIO

from .models import Competency, Pillar
from .prompts import Box, Option, Validator, Value
from .safe import clean
from .streams import Output, plain_output

if TYPE_CHECKING:
    from .flow import Progress

MAX_WIDTH = 100

_ASCII = {
    "·": "-",
    "•": "-",
    "–": "-",
    "—": "-",
    "…": "...",
    "“": '"',
    "”": '"',
    "„": '"',
    "‘": "'",
    "’": "'",
    "«": "<<",
    "»": ">>",
    "←": "<-",
    "→": "->",
    "≥": ">=",
    "≤": "<=",
    "█": "#",
    "░": ".",
    "☐": "[ ]",
    "✓": "v",
    "€": "EUR",
    "×": "x",
    "\u00a0": " ",
}


def to_ascii(text: str) -> str:
    """Text any terminal can show: accents dropped (één -> een), symbols spelled out, the rest '?'."""
    if text.isascii():
        return text
    out = []
    for char in text:
        if char.isascii():
            out.append(char)
        elif char in _ASCII:
            out.append(_ASCII[char])
        else:
            base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
            out.append(base if base.isascii() and base else "?")
    return "".join(out)


def to_plain(text: str, *, letters: bool) -> str:
    """Text for the plain mode: symbols spelled out (· -> -, █ -> #); with `letters` the Dutch letters
    (and other letters) stay, else everything becomes ASCII as in `to_ascii`."""
    if not letters or text.isascii():
        return to_ascii(text)
    return "".join(
        _ASCII.get(char, char) if char in _ASCII or char.isalpha() or char.isascii() else to_ascii(char)
        for char in text
    )


def wanted(flag: bool = False) -> bool:
    """The accessible mode: asked for, or needed because the terminal is dumb or cannot show UTF-8
    (the output's encoding, or a locale that is not UTF-8 such as LC_ALL=C)."""
    if flag or os.environ.get("TERM") == "dumb":
        return True
    return not shows_letters()


def shows_letters(stream: object = None) -> bool:
    """Whether the output can show letters beyond ASCII (ë, é): a UTF-8 stream and no locale that
    says otherwise. (Python itself writes UTF-8 under LC_ALL=C; the terminal may not show it.)"""
    stream = stream or sys.stdout
    if isinstance(stream, Output) and stream.plain is not None:  # the plain mode is on: it knows
        return stream.letters
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "")
    if not encoding.startswith("utf"):
        return False
    for name in ("LC_ALL", "LC_CTYPE", "LANG"):
        value = os.environ.get(name)
        if value:  # the first one set counts, as in the C library
            return "utf8" in value.lower().replace("-", "")
    return True


class PlainMode:
    """The accessible mode, chosen once at the edge (`choose`) and passed in to what shows and asks: the
    prompts and presenter (`prompts_and_presenter`), rich's console (`view.console(plain=True)`: no
    colour) and standard output and error (`streams`). `letters`: the output can show Dutch letters."""

    def __init__(self, *, letters: bool, err_letters: bool) -> None:
        self.letters = letters
        self.err_letters = err_letters

    @classmethod
    def choose(cls, asked: bool) -> PlainMode | None:
        """The mode when asked for (`--eenvoudig`) or needed by the terminal (see `wanted`); else None."""
        if not wanted(asked):
            return None
        return cls(letters=shows_letters(sys.stdout), err_letters=shows_letters(sys.stderr))

    def streams(self, stdout: TextIO, stderr: TextIO) -> tuple[TextIO | Output, TextIO | Output]:
        """Standard output and error that write plain text: symbols spelled out, ASCII without letters."""
        return (
            plain_output(stdout, functools.partial(to_plain, letters=self.letters), letters=self.letters),
            plain_output(
                stderr, functools.partial(to_plain, letters=self.err_letters), letters=self.err_letters
            ),
        )

    def prompts_and_presenter(self) -> tuple[PlainPrompts, PlainPresenter]:
        prompts = PlainPrompts(letters=self.letters)
        return prompts, PlainPresenter(prompts=prompts)


def _width() -> int:
    return max(40, min(MAX_WIDTH, shutil.get_terminal_size((80, 24)).columns) - 1)


# ---------------------------------------------------------------- prompts

_SYNONYMS = {"stop": "stoppen", "help": "uitleg", "hulp": "uitleg", "vorige": "terug"}
AGAIN = "?"  # read the list of choices out again


MAX_LINE = 10_000  # characters of one typed line (longer is cut; a note is at most models.NOTE_MAX)


class PlainPrompts:
    """Prompts as numbered lists, answered with a digit, letter or word and Enter.

    A list of choices is read out in full once (per pillar: see `forget`); when the same list comes
    again, only the question and one short line are said. `?` reads the whole list again.
    """

    def __init__(
        self,
        read: Callable[[], str] | None = None,
        out: TextIO | None = None,
        width: int | None = None,
        *,
        letters: bool | None = None,
    ) -> None:
        self._read = read
        self._out = out
        self._fixed_width = width
        self._letters = shows_letters(out) if letters is None else letters
        self._heard: set[tuple[tuple[str, str], ...]] = set()
        self._lead = ""  # said before the next question: "Vraag 2 van 10"

    def forget(self) -> None:
        """A new pillar: the lists of choices are read out in full again."""
        self._heard.clear()

    def lead(self, text: str) -> None:
        """Say `text` (where the question is) on the line of the next question."""
        self._lead = text

    # -- output and input

    def _say(self, text: str = "", indent: str = "") -> None:
        out = self._out or sys.stdout
        width = self._fixed_width or _width()
        lines = textwrap.wrap(
            to_plain(clean(text), letters=self._letters),
            width,
            initial_indent=indent,
            subsequent_indent=indent + "  " if indent else "",
            break_long_words=False,
            break_on_hyphens=False,
        )
        out.write("\n".join(lines or [""]) + "\n")
        out.flush()

    def _ask_line(self) -> str:
        out = self._out or sys.stdout
        out.write("> ")
        out.flush()
        if self._read is not None:
            return clean(self._read())
        line = sys.stdin.readline(MAX_LINE)
        if not line:
            raise EOFError
        rest = line
        while len(rest) == MAX_LINE and not rest.endswith("\n"):  # too long: the rest of it is dropped
            rest = sys.stdin.readline(MAX_LINE)
        return clean(line.rstrip("\n"))  # typed or pasted: no escape sequences, also when said back

    # -- the three kinds of prompt

    def choose(
        self,
        text: str,
        options: Sequence[Option],
        actions: Sequence[Option] = (),
        *,
        default: Value | None = None,
        instruction: str = "",
    ) -> Value:
        every = [*options, *actions]
        current = next((o for o in every if o.value == default and default is not None), None)
        heard = tuple((o.key, o.label) for o in options)
        text = self._with_lead(text)
        if heard in self._heard:
            self._say(text)
            keep = f" Alleen Enter houdt {current.key}." if current else ""
            # With more than one scale in this pillar, the short line says which one this is.
            self._say(f"{_short_line(options, actions, ends=len(self._heard) > 1)}{keep}")
        else:
            self._say()
            self._say(text)
            self._read_out(options, actions, current)
            if _is_scale(options, actions):  # a scale comes back: said in short next time
                self._heard.add(heard)
        while True:
            typed = self._ask_line().strip()
            if not typed and current is not None:
                return current.value
            if typed == AGAIN:
                self._read_out(options, actions, current)
                continue
            found = _find(every, typed)
            if found is not None:
                self._say(f"Gekozen: {found.label}.")
                return found.value
            keys = ", ".join(o.key for o in every)
            shown = f"'{typed}' staat niet in de lijst." if typed else "Je hebt nog niets gekozen."
            self._say(f"{shown} Typ een van deze: {keys}. Druk dan op Enter.")

    def _read_out(self, options: Sequence[Option], actions: Sequence[Option], current: Option | None) -> None:
        for option in options:
            self._say(f"{option.key} = {option.label}", indent="  ")
        if actions:
            self._say("Of:", indent="  ")
            for option in actions:
                self._say(f"{option.key} = {option.label}", indent="  ")
        keep = f" Nu gekozen: {current.key} ({current.label}). Alleen Enter houdt dat." if current else ""
        again = " Typ ? om de keuzes nog eens te horen." if _is_scale(options, actions) else ""
        self._say(f"Typ je keuze en druk op Enter.{keep}{again}")

    def _with_lead(self, text: str) -> str:
        lead, self._lead = self._lead, ""
        if not lead:
            return text
        if text.startswith("Vraag "):  # "Vraag voor jullie allebei: ..." -> "Vraag 2 van 10, voor ..."
            return f"{lead}, {text[len('Vraag ') :]}"
        return f"{lead}: {text}"

    def check(self, text: str, boxes: Sequence[Box], *, instruction: str = "") -> list[Value]:
        self._say()
        self._say(text)
        for number, box in enumerate(boxes, 1):
            self._say(f"{number} = {box.label}{' (gekozen)' if box.checked else ''}", indent="  ")
        chosen = [b.value for b in boxes if b.checked]
        keep = " Alleen Enter houdt wat nu gekozen is." if chosen else " Alleen Enter: geen enkele."
        self._say(
            "Typ de nummers die passen, met een spatie ertussen, en druk op Enter. "
            f"Typ 0 voor geen enkele.{keep}"
        )
        while True:
            typed = self._ask_line().replace(",", " ").split()
            if not typed:
                return chosen
            if typed == ["0"] or [t.lower() for t in typed] == ["geen"]:
                return []
            if [t.lower() for t in typed] == ["terug"]:
                back = [b.value for b in boxes if b.label.lower().lstrip("< ").startswith("terug")]
                if back:
                    return back
            numbers = [int(t) for t in typed if t.isdigit()]
            if len(numbers) == len(typed) and all(1 <= n <= len(boxes) for n in numbers):
                picked = [boxes[n - 1] for n in sorted(set(numbers))]
                alone = [b for b in picked if b.alone]
                if alone and len(picked) > 1:
                    self._say(f"'{alone[0].label}' kan niet samen met iets anders. Typ de nummers opnieuw.")
                    continue
                self._say(f"Gekozen: {'; '.join(b.label for b in picked)}.")
                return [b.value for b in picked]
            self._say(f"Dat gaat niet. Typ nummers van 1 tot en met {len(boxes)}, of 0 voor geen enkele.")

    def text(self, text: str, *, default: str = "", validate: Validator | None = None) -> str:
        self._say()
        self._say(text)
        if default:
            self._say(f"Nu staat er: {default}. Alleen Enter houdt dat.")
        while True:
            typed = clean(self._ask_line())  # typed or pasted text is shown later: no escape sequences
            answer = typed if typed.strip() else default
            verdict = validate(answer) if validate is not None else True
            if verdict is True:
                return answer
            problem = verdict if isinstance(verdict, str) else "Dat kan hier niet."
            self._say(f"Dat gaat niet. {problem}")


def _short_line(options: Sequence[Option], actions: Sequence[Option], *, ends: bool = False) -> str:
    """The short line of a list heard before: "Typ 1 tot 5, w, n, of u voor uitleg."; with `ends`
    the labels of both ends too: "Typ 1 (bijna nooit) tot 5 (bijna altijd), ..."."""
    digits = [o for o in options if o.key.isdigit()]
    keys = [o.key for o in options if not o.key.isdigit()]
    if len(digits) > 2:
        first, last = digits[0], digits[-1]
        if ends:
            parts = [f"{first.key} ({_lower(first.label)}) tot {last.key} ({_lower(last.label)})"]
        else:
            parts = [f"{first.key} tot {last.key}"]
    else:
        parts = [o.key for o in digits]
    parts += keys
    help_key = next((a.key for a in actions if a.key == "u"), None)
    if help_key:
        return f"Typ {', '.join(parts)}, of {help_key} voor uitleg."
    return f"Typ {', '.join(parts[:-1])} of {parts[-1]}." if len(parts) > 1 else f"Typ {parts[0]}."


def _is_scale(options: Sequence[Option], actions: Sequence[Option]) -> bool:
    """The answers of a question of the reflection (numbered, with `u` for help): the list that
    comes back question after question. Other lists (how an agreement went) are always read out."""
    return sum(o.key.isdigit() for o in options) >= 3 and any(a.key == "u" for a in actions)


def _lower(label: str) -> str:
    return label[:1].lower() + label[1:]


def _find(options: Sequence[Option], typed: str) -> Option | None:
    word = typed.strip().lower().rstrip(".")
    if not word:
        return None
    word = _SYNONYMS.get(word, word)
    for option in options:
        if word == option.key.lower():
            return option
    for option in options:
        if word == to_ascii(option.label).lower().rstrip("."):
            return option
    matches = [o for o in options if _first_word(o.label) == word]
    return matches[0] if len(matches) == 1 else None


def _first_word(label: str) -> str:
    head = to_ascii(label).lower().split(" ")[0]
    return head.strip(":,.()<> ")


# ---------------------------------------------------------------- between the questions


class PlainPresenter:
    """What the interview shows between questions, as plain lines."""

    def __init__(
        self, out: TextIO | None = None, width: int | None = None, *, prompts: PlainPrompts | None = None
    ) -> None:
        # With the prompts that ask the questions: where a question is goes on its own line.
        self._prompts = prompts or PlainPrompts(out=out, width=width)

    def pillar_intro(self, pillar: Pillar, index: int, count: int) -> None:
        self._prompts.forget()
        self._prompts._say()
        self._prompts._say(f"Pijler {index} van {count}: {pillar.name}.")
        self._prompts._say(" ".join(pillar.intro.split()))

    def help(self, competency: Competency) -> None:
        self._prompts._say()
        self._prompts._say(f"Uitleg bij {competency.name}: {' '.join(competency.explanation.split())}")
        self._prompts._say(f"Een voorbeeld: {' '.join(competency.example.split())}")

    def progress(self, progress: Progress, title: str) -> None:
        # Which pillar was said by its introduction; the number goes on the question's line.
        self._prompts.lead(f"Vraag {progress.question_index} van {progress.question_count}")

    def message(self, text: str) -> None:
        self._prompts._say(self._prompts._with_lead(text))
