"""The accessible mode (`--eenvoudig`): plain numbered prompts for a screen reader or a poor terminal.

No questionary, no arrow-key menus, no cursor movement, no colour, no box drawing, ASCII only. Every
prompt is a sentence on its own line; an answer is a digit, a letter or a word, then Enter. It can do
everything the normal prompts can (the interview's help, back, skip, stop, "bespreken" and "zelfde
antwoord" are ordinary choices here, typed as a letter or a word).

It is chosen with `--eenvoudig`, and on its own when TERM=dumb or the terminal cannot show UTF-8.
"""

from __future__ import annotations

import io
import os
import shutil
import sys
import textwrap
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from .models import Competency, Pillar
from .prompts import Box, Option, Validator
from .safe import clean

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


class AsciiStream(io.TextIOBase):
    """A text stream that passes everything through `to_ascii` (rich then draws no boxes either)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "ascii"

    def write(self, text: str) -> int:
        self._stream.write(to_ascii(text))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()

    def writable(self) -> bool:
        return True


def wanted(flag: bool = False) -> bool:
    """The accessible mode: asked for, or needed because the terminal is dumb or cannot show UTF-8."""
    if flag or os.environ.get("TERM") == "dumb":
        return True
    encoding = (getattr(sys.stdout, "encoding", None) or "utf-8").lower().replace("-", "")
    if not encoding.startswith("utf"):
        return True
    for name in ("LC_ALL", "LC_CTYPE", "LANG"):
        value = os.environ.get(name)
        if value:
            return value not in ("C", "POSIX") and "utf" not in value.lower().replace("-", "")
    return False


def enable() -> None:
    """Everything printed from here on is ASCII and without colour."""
    os.environ["NO_COLOR"] = "1"
    os.environ["TERM"] = "dumb"  # rich then sends no styles and no cursor movement at all
    if not isinstance(sys.stdout, AsciiStream):
        sys.stdout = AsciiStream(sys.stdout)
    if not isinstance(sys.stderr, AsciiStream):
        sys.stderr = AsciiStream(sys.stderr)


def _width() -> int:
    return max(40, min(MAX_WIDTH, shutil.get_terminal_size((80, 24)).columns) - 1)


# ---------------------------------------------------------------- prompts

_SYNONYMS = {"stop": "stoppen", "help": "uitleg", "hulp": "uitleg", "?": "uitleg", "vorige": "terug"}


class PlainPrompts:
    """Prompts as numbered lists, answered with a digit, letter or word and Enter."""

    def __init__(
        self, read: Callable[[], str] | None = None, out: TextIO | None = None, width: int | None = None
    ) -> None:
        self._read = read
        self._out = out
        self._fixed_width = width

    # -- output and input

    def _say(self, text: str = "", indent: str = "") -> None:
        out = self._out or sys.stdout
        width = self._fixed_width or _width()
        lines = textwrap.wrap(
            to_ascii(text),
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
            return self._read()
        line = sys.stdin.readline()
        if not line:
            raise EOFError
        return line.rstrip("\n")

    # -- the three kinds of prompt

    def choose(
        self,
        text: str,
        options: Sequence[Option],
        actions: Sequence[Option] = (),
        *,
        default: Any = None,
        instruction: str = "",
    ) -> Any:
        every = [*options, *actions]
        current = next((o for o in every if o.value == default and default is not None), None)
        self._say()
        self._say(text)
        for option in options:
            self._say(f"{option.key} = {option.label}", indent="  ")
        if actions:
            self._say("Of:", indent="  ")
            for option in actions:
                self._say(f"{option.key} = {option.label}", indent="  ")
        keep = f" Nu gekozen: {current.key} ({current.label}). Alleen Enter houdt dat." if current else ""
        self._say(f"Typ je keuze en druk op Enter.{keep}")
        while True:
            typed = self._ask_line().strip()
            if not typed and current is not None:
                return current.value
            found = _find(every, typed)
            if found is not None:
                self._say(f"Gekozen: {found.label}.")
                return found.value
            keys = ", ".join(o.key for o in every)
            shown = f"'{typed}' staat niet in de lijst." if typed else "Je hebt nog niets gekozen."
            self._say(f"{shown} Typ een van deze: {keys}. Druk dan op Enter.")

    def check(self, text: str, boxes: Sequence[Box], *, instruction: str = "") -> list[Any]:
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

    def __init__(self, out: TextIO | None = None, width: int | None = None) -> None:
        self._prompts = PlainPrompts(out=out, width=width)

    def pillar_intro(self, pillar: Pillar, index: int, count: int) -> None:
        self._prompts._say()
        self._prompts._say(f"Pijler {index} van {count}: {pillar.name}.")
        self._prompts._say(" ".join(pillar.intro.split()))

    def help(self, competency: Competency) -> None:
        self._prompts._say()
        self._prompts._say(f"Uitleg bij {competency.name}: {' '.join(competency.explanation.split())}")
        self._prompts._say(f"Een voorbeeld: {' '.join(competency.example.split())}")

    def progress(self, progress: Any, title: str) -> None:
        self._prompts._say()
        self._prompts._say(
            f"Pijler {progress.pillar_index} van {progress.pillar_count} ({title}), "
            f"vraag {progress.question_index} van {progress.question_count}."
        )

    def message(self, text: str) -> None:
        self._prompts._say(text)
