"""On paper: the answers-file template, the printable questionnaire, typing a paper list back in."""

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import PleegreflectieError
from .base import (
    FrameworkOption,
    OverwriteOption,
    PillarOption,
    _chosen_pillars,
    _is_html,
    _me,
    _write,
    command,
)


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
    from ..template import answers_template

    text = answers_template(load_framework(pijlers), together=samen)
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
    from ..load import load_framework
    from ..paper import questionnaire

    framework = load_framework(pijlers)
    text = questionnaire(framework, _chosen_pillars(framework, pijler), together=samen)
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
    from ..load import load_framework, read_source
    from ..paper import answers_file, read_typed, typed_summary

    framework = load_framework(pijlers)
    if bestand is None and not sys.stdin.isatty():
        bestand = "-"
    if bestand == "-":
        typed = read_typed(framework, sys.stdin.read(), "(invoer)")
    elif bestand is not None:
        source = read_source(Path(bestand))
        typed = read_typed(framework, source.text, source.name)
    else:
        typed = _type_paper(framework, _chosen_pillars(framework, pijler), together=samen)
    for line in typed_summary(framework, typed):
        print(f"Gelezen: {line}", file=sys.stderr)
    text = answers_file(framework, typed)
    if uitvoer is None:
        sys.stdout.write(text)
        return
    _write(uitvoer, text, "het antwoordenbestand", overwrite=overschrijf)
    print(f"Zie de uitkomst met: {_me()} start --antwoorden {uitvoer}")


def _type_paper(framework: Any, pillar_ids: list[str], *, together: bool) -> Any:
    """Ask for the typed lines one by one, in plain lines (fine with a screen reader)."""
    from ..paper import Typed, pillar_questions, read_line
    from ..safe import clean

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
                    print(f"Dat klopt niet: {exc}")
    if not typed.labels:
        raise PleegreflectieError("er is niets overgetypt, dus er is geen antwoordenbestand gemaakt.")
    return typed


# ---------------------------------------------------------------- saved reflections
