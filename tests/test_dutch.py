"""click's and typer's own messages in Dutch through gettext (cli/dutch.py)."""

from __future__ import annotations

import gettext
import sys
from pathlib import Path

import click
import pytest
import typer

from pleegreflectie.cli import dutch

SOURCES = [*Path(click.__file__).parent.glob("*.py"), *Path(typer.__file__).parent.glob("*.py")]


def test_every_module_of_click_and_typer_that_translates_gets_the_dutch_catalogue() -> None:
    import pleegreflectie.cli  # noqa: F401 - installs the catalogue

    left = [
        name
        for name, module in sys.modules.items()
        if name.partition(".")[0] in ("click", "typer")
        and (
            getattr(module, "_", None) is gettext.gettext
            or getattr(module, "ngettext", None) is gettext.ngettext
        )
    ]
    assert left == []
    assert click.core._("Usage:") == "Gebruik:"  # type: ignore[attr-defined]


@pytest.mark.parametrize("msgid", [*dutch.MESSAGES, *dutch.PLURALS])
def test_each_message_of_the_catalogue_is_one_click_or_typer_still_has(msgid: str) -> None:
    """A newer click that rewords a message leaves it English: this says which one."""
    quoted = (f'"{msgid}"', repr(msgid))
    assert any(q in path.read_text(encoding="utf-8") for path in SOURCES for q in quoted), msgid


@pytest.mark.parametrize(("msgid", "dutch_text"), list(dutch.MESSAGES.items()))
def test_a_translation_keeps_the_places_of_its_message(msgid: str, dutch_text: str) -> None:
    """What click fills in ({name}, {param_hint}) can be filled in the Dutch text too."""
    import string

    fields = {f for _, f, _, _ in string.Formatter().parse(dutch_text) if f}
    assert fields <= {f for _, f, _, _ in string.Formatter().parse(msgid) if f}


def test_plural_and_unknown_messages() -> None:
    catalogue = dutch.Dutch()
    one = catalogue.ngettext(
        "Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments.", 1
    )
    more = catalogue.ngettext(
        "Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments.", 2
    )
    assert one.format(name="--x") == "bij de optie '--x' hoort een waarde."
    assert more.format(name="--x", nargs=2) == "bij de optie '--x' horen 2 waarden."
    assert catalogue.gettext("Something new") == "Something new"
    assert catalogue.ngettext("a", "b", 2) == "b"


def test_no_option_that_click_can_refuse_names_an_environment_variable() -> None:
    """click adds " (env var: 'None')" to the name in its message about an option when the option
    shows environment variables (typer's default): an option click itself can refuse (a required one,
    a number) says `show_envvar=False`."""
    import typer.main

    from pleegreflectie.cli import app

    def commands(group: click.Command) -> list[click.Command]:
        if isinstance(group, click.Group):
            return [group, *(c for sub in group.commands.values() for c in commands(sub))]
        return [group]

    plain_types = (click.types.StringParamType, click.types.BoolParamType, click.Path)
    refusable = {
        (command.name, option.opts[-1]): option
        for command in commands(typer.main.get_command(app))
        for option in command.params
        if isinstance(option, click.Option) and (option.required or not isinstance(option.type, plain_types))
    }
    assert ("route", "--uren") in refusable and (
        "organisatie",
        "--uitvoer",
    ) in refusable  # the check sees them
    assert [where for where, option in refusable.items() if option.show_envvar] == []
