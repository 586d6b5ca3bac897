"""The one way text reaches rich: our own markup is a literal template, outside text is plain.

The console of `view.console()` has rich's markup switched off, so any string handed to it (a name in a
table header, a title in a rule, an agreement in a list) is shown as typed: `A[/]` stays `A[/]` and
`[link=...]` never becomes a hidden link. Where we want bold or dim text, we say so with `styled`:

    out.print(styled("[bold]{}[/bold] (score {})", pillar.title, number(score)))

The template is ours (a string literal in the code); every value passes `safe.clean` (no escape
sequences, controls, bidi overrides or invisible characters) and is escaped, so it is shown as plain
text whatever it holds. `plain(value)` is the same without a template. tests/test_outside_text.py fails
on markup built from data any other way (an f-string with markup, `markup=True`).
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.text import Text

from .safe import clean

__all__ = ["SafeConsole", "plain", "styled"]


class SafeConsole(Console):
    """A rich console that never reads a string as markup and cleans every string it is given.

    Strings reach rich as table cells, column headers, rule titles and printed lines; each passes
    `render_str`, so each is cleaned here (a second line of defence: text is cleaned when it is read
    from a file or the store as well).
    """

    def __init__(self, **options: Any) -> None:
        options["markup"] = False
        options.setdefault("emoji", False)
        options.setdefault("highlight", False)
        super().__init__(**options)

    def on_broken_pipe(self) -> None:
        """The reader went away (`| head`): stop writing, and let the program end quietly (cli.base)."""
        self.quiet = True
        raise BrokenPipeError

    def render_str(self, text: str, **options: Any) -> Text:
        options["markup"] = False
        options["emoji"] = False
        return super().render_str(clean(text), **options)


def plain(value: object, style: str = "") -> Text:
    """Outside text as rich Text: cleaned, never read as markup."""
    return Text(clean(str(value)), style=style)


_SLOT = "\ue000"  # a private-use character: where a value goes, while our template is parsed


def styled(template: str, *values: object) -> Text:
    """Our literal markup `template`, each `{}` filled with a value shown as plain, cleaned text.

    Only the template is parsed as markup (with a placeholder for each value); the values are put in
    afterwards as Text with the style of their place, so no value is ever parsed, escaped or not. No
    emoji codes: ":heart:" in a template stays as typed (and rich's table of emoji names is not loaded).
    """
    parts = template.split("{}")
    if len(parts) != len(values) + 1:
        raise ValueError(f"{len(parts) - 1} places for {len(values)} values in {template!r}")
    frame = Text.from_markup(_SLOT.join(part.replace(_SLOT, "") for part in parts), emoji=False)
    texts = iter([clean(str(value)) for value in values])
    pieces: list[str] = []
    where = [0]  # where each character of the frame starts in the result
    for char in frame.plain:
        pieces.append(next(texts) if char == _SLOT else char)
        where.append(where[-1] + len(pieces[-1]))
    result = Text("".join(pieces), style=frame.style, end="")
    for span in frame.spans:  # the same spans, stretched over the values: one style run stays one run
        result.stylize(span.style, where[span.start], where[span.end])
    return result
