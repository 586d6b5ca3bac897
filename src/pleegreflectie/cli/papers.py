"""On paper: the answers-file template, the printable questionnaire, typing a paper list back in."""

import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import PleegreflectieError
from ..safe import clean
from .base import (
    FrameworkOption,
    OverwriteOption,
    PillarOption,
    _is_html,
    _me,
    _write,
    command,
    wrapped,
)

if TYPE_CHECKING:
    from ..models import Framework
    from ..paper import Typed


@command("sjabloon", "Maak een leeg antwoordenbestand om op papier of in een editor in te vullen.")
def sjabloon(
    uitvoer: Annotated[
        str | None,
        typer.Option("-o", "--uitvoer", metavar="BESTAND", help="Schrijf het naar dit bestand (.yaml)."),
    ] = None,
    overschrijf: OverwriteOption = False,
    pijlers: FrameworkOption = None,
    samen: Annotated[
        bool, typer.Option("--samen", help="Voor twee pleegouders: een plek voor ieders antwoord.")
    ] = False,
) -> None:
    from ..load import load_framework
    from ..profile_file import bundled_questions
    from ..template import answers_template

    text = answers_template(load_framework(pijlers), bundled_questions(), together=samen)
    if uitvoer is None:
        sys.stdout.write(text)
        return
    _write(uitvoer, text, "het antwoordenbestand", overwrite=overschrijf)


# ---------------------------------------------------------------- paper


@command("vragenlijst", "Maak een vragenlijst om op papier in te vullen (Markdown, of HTML om te printen).")
def vragenlijst(
    pijler: PillarOption = None,
    samen: Annotated[
        bool, typer.Option("--samen", help="Met z'n tweeën: voor elke pleegouder een eigen kolom hokjes.")
    ] = False,
    uitvoer: Annotated[
        str | None,
        typer.Option(
            "-o",
            "--uitvoer",
            metavar="BESTAND",
            help="Schrijf de vragenlijst naar dit bestand: .md, of .html om te printen. Met - komt het "
            "op het scherm.",
        ),
    ] = None,
    overschrijf: OverwriteOption = False,
    pijlers: FrameworkOption = None,
) -> None:
    from .. import application
    from ..load import load_framework
    from ..paper import questionnaire

    framework = load_framework(pijlers)
    text = questionnaire(framework, application.chosen_pillars(framework, pijler), together=samen)
    if uitvoer is None:
        sys.stdout.write(text)
        return
    if _is_html(uitvoer):
        from ..report_html import render_html

        text = render_html(text, title="Vragenlijst pleegouderschap", questionnaire=True)
    _write(uitvoer, text, "de vragenlijst", overwrite=overschrijf)


@command("papier", "Typ een ingevulde papieren vragenlijst over: één regel per pijler.")
def papier(
    bestand: Annotated[
        str | None,
        typer.Argument(
            metavar="[BESTAND]",
            help="Bestand met de overgetypte regels (- voor standaardinvoer). Zonder bestand vraagt het "
            "programma de regels een voor een.",
        ),
    ] = None,
    pijler: PillarOption = None,
    samen: Annotated[bool, typer.Option("--samen", help="Met z'n tweeën: per pijler twee regels.")] = False,
    uitvoer: Annotated[
        str | None,
        typer.Option("-o", "--uitvoer", metavar="BESTAND", help="Schrijf het antwoordenbestand hierheen."),
    ] = None,
    overschrijf: OverwriteOption = False,
    pijlers: FrameworkOption = None,
) -> None:
    from .. import application
    from ..load import load_framework
    from ..paper import answers_file, read_typed, typed_summary
    from ..yamlfile import Limits, read_source, read_stdin

    framework = load_framework(pijlers)
    if bestand is None and (sys.stdin is None or not sys.stdin.isatty()):
        bestand = "-"
    typed_here = bestand is None  # typed in line by line on a terminal
    if bestand is not None:
        limits = Limits("een overgetypte papieren vragenlijst", size=1_000_000)
        source = read_stdin(limits) if bestand == "-" else read_source(Path(bestand), limits)
        typed = read_typed(framework, source.text, source.name)
    else:
        typed = _type_paper(framework, application.chosen_pillars(framework, pijler), together=samen)
    for line in typed_summary(framework, typed):
        print(wrapped(f"Gelezen: {line}", sys.stderr), file=sys.stderr)
    text = answers_file(framework, typed)
    if uitvoer is None and typed_here:
        _keep_typed(framework, typed, text)
        return
    if uitvoer is None:
        sys.stdout.write(text)
        return
    _write(uitvoer, text, "het antwoordenbestand", overwrite=overschrijf)
    print(clean(f"Zie de uitkomst met:\n  {_me()} start --antwoorden {shlex.quote(uitvoer)}"))


PAPER_FILE = "antwoorden-papier.yaml"


def _keep_typed(framework: "Framework", typed: "Typed", text: str) -> None:
    """What was typed in on a terminal is kept: as a new reflection (with its result at once), or in
    an answers file the user names. Nothing typed is lost."""
    print()
    print("Waar bewaren we de antwoorden?")
    print("  1 = Als nieuwe reflectie op deze computer. Je ziet meteen de uitkomst.")
    print("  2 = In een antwoordenbestand, om later aan te vullen.")
    while True:
        choice = _line("Typ 1 of 2 en druk op Enter (alleen Enter: 1): ").strip()
        if choice in ("", "1", "2"):
            break
        print("Dat gaat niet. Typ 1 of 2.")
    if choice == "2":
        name = _line(f"Hoe moet het bestand heten? (alleen Enter: {PAPER_FILE}) ").strip() or PAPER_FILE
        _write(name, text, "het antwoordenbestand")
        print(clean(f"Zie de uitkomst met:\n  {_me()} start --antwoorden {shlex.quote(name)}"))
        return
    household = " ".join(_line("Hoe noemen we dit gezin in het verslag? (leeg mag) ").split())[:80]
    _save_reflection(framework, typed, text, household)


def _line(prompt: str) -> str:
    """A typed line, cleaned; Ctrl-D (end of input) counts as Enter, so what was typed before is kept."""
    try:
        return clean(input(prompt))
    except EOFError:
        print()
        return ""


def _save_reflection(framework: "Framework", typed: "Typed", text: str, household: str) -> None:
    """A new reflection from the typed answers, as `start --antwoorden` makes one, with its result."""
    from .. import application
    from .sitting import _conclude

    prepared, sitting = application.paper_sitting(framework, typed, text, household)
    _conclude(framework, prepared.catalogue, sitting, prepared.autosave, None, json_output=False)


def _type_paper(framework: "Framework", pillar_ids: list[str], *, together: bool) -> "Typed":
    """Ask for the typed lines one by one, in plain lines (fine with a screen reader)."""
    from ..paper import Typed, pillar_questions, read_line

    typed = Typed()
    labels = [""]
    if together:
        labels = []
        for which in ("eerste", "tweede"):
            while True:
                # Typed text is shown again later: no escape sequences (safe.clean).
                label = clean(input(f"Wat is de naam of letter van de {which} pleegouder? (bijvoorbeeld A) "))
                label = " ".join(label.split()) or ("A" if which == "eerste" else "B")
                if label not in labels:
                    break
                print("Die naam heb je al gebruikt. Kies een andere.")
            labels.append(label)
    print("Typ per pijler de antwoorden van het papier, in de volgorde van de vragen.")
    print("Gebruik 1 tot en met 5, w (weet ik niet), n (niet van toepassing) of - (leeg).")
    for pillar in framework.pillars:
        if pillar.id not in pillar_ids:
            continue
        count = len(pillar_questions(pillar))
        for label in labels:
            who = f" van {label}" if label else ""
            while True:
                line = clean(
                    input(f"{pillar.title}{who}: typ de {count} antwoorden, of Enter om over te slaan: ")
                )
                if not line.strip():
                    break
                try:
                    read_line(framework, typed, f"{pillar.id} {label}: {line}")
                    break
                except ValueError as exc:
                    print(wrapped(f"Dat klopt niet: {exc}"))
    if not typed.labels:
        raise PleegreflectieError("er is niets overgetypt, dus er is geen antwoordenbestand gemaakt.")
    return typed


# ---------------------------------------------------------------- saved reflections
