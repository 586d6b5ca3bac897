"""click's and typer's own messages in Dutch, through gettext.

click (and typer) wrap every message a user can see in gettext: `_("Usage:")`, `ngettext(...)`, from
`from gettext import gettext as _`. The usual way to translate them is a gettext catalogue looked up by
the user's language; this program speaks Dutch whatever the locale (also under `LC_ALL=C`), so it does
not look one up: `install()` gives those modules a translations object with the Dutch texts below. A
message that is not in the catalogue stays as click wrote it (tests/test_cli.py fails on English).

The texts start with a small letter where they follow "Fout: " (as every message of this program).
"""

from __future__ import annotations

import gettext
import sys

# msgid (click's English, exactly) -> Dutch. `{name!r}` puts the name between single quotes.
MESSAGES = {
    # help
    "Usage:": "Gebruik:",
    "Options": "Opties",
    "Arguments": "Argumenten",
    "Commands": "Opdrachten",
    "Show this message and exit.": "Laat deze hulp zien.",
    "required": "verplicht",
    "default: {default}": "standaard: {default}",
    "(dynamic)": "(wisselt)",
    "env var: {var}": "omgevingsvariabele: {var}",
    # usage errors
    "No such option: {name}": "de optie '{name}' bestaat niet.",
    "No such command {name!r}.": "de opdracht {name!r} bestaat niet.",
    "Option {name!r} does not take a value.": "achter de optie {name!r} hoort geen waarde.",
    "Invalid value for {param_hint}: {message}": "de waarde bij {param_hint} klopt niet. {message}",
    "Invalid value: {message}": "deze waarde klopt niet. {message}",
    "Missing argument": "dit ontbreekt:",
    "Missing option": "deze optie ontbreekt:",
    "Missing parameter": "dit ontbreekt:",
    "Missing command.": "er ontbreekt een opdracht.",
    "{value!r} is not a valid {number_type}.": "Typ een heel getal, zoals 3.",
    "{value!r} is not a valid boolean.": "Typ ja of nee.",
    "Aborted!": "Gestopt.",
}

# singular msgid -> (Dutch for one, Dutch for more)
PLURALS = {
    "Option {name!r} requires an argument.": (
        "bij de optie {name!r} hoort een waarde.",
        "bij de optie {name!r} horen {nargs} waarden.",
    ),
    "Got unexpected extra argument ({args})": (
        "dit hoort hier niet: '{args}'.",
        "dit hoort hier niet: '{args}'.",
    ),
    "Did you mean {possibility}?": ("Bedoel je {possibility}?", "(Die bestaan wel: {possibilities})"),
}


class Dutch(gettext.NullTranslations):
    """The catalogue above as a gettext translations object."""

    def gettext(self, message: str) -> str:
        return MESSAGES.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        found = PLURALS.get(msgid1)
        if found is None:
            return msgid1 if n == 1 else msgid2
        return found[0] if n == 1 else found[1]


def install() -> None:
    """Give every loaded module of click and typer that translates with gettext the Dutch catalogue."""
    dutch = Dutch()
    for name, module in list(sys.modules.items()):
        if module is None or name.partition(".")[0] not in ("click", "typer"):
            continue
        if getattr(module, "_", None) is gettext.gettext:
            module._ = dutch.gettext  # type: ignore[attr-defined]  # the module's own, checked above
        if getattr(module, "ngettext", None) is gettext.ngettext:
            module.ngettext = dutch.ngettext  # type: ignore[attr-defined]  # the module's own, checked above
