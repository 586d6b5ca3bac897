"""Saved reflections: overzicht, wis, route, rapport and vergelijk."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import ExitCode, PleegreflectieError
from .base import (
    AnswersOption,
    CatalogueOption,
    FormOption,
    HoursOption,
    IdArgument,
    JsonOption,
    OverwriteOption,
    _confirm,
    _is_html,
    _need_terminal,
    _note,
    _write_report,
    command,
    wrapped,
)

OVERVIEW_LIMIT = 20  # the table shows the newest (one screen); `--alles` shows every one


@command("overzicht", "Laat de bewaarde reflecties zien.")
def overzicht(
    json_output: JsonOption = False,
    alles: Annotated[
        bool,
        typer.Option("--alles", help=f"Laat alle reflecties zien, niet alleen de laatste {OVERVIEW_LIMIT}."),
    ] = False,
) -> None:
    from .. import application

    store = application.open_store(read_only=True)
    if json_output:  # every reflection, always
        from ..export import overview_json

        print(overview_json(store.overview()))
        return
    rows = store.overview(None if alles else OVERVIEW_LIMIT)
    earlier = 0 if alles else max(store.count() - len(rows), 0)
    from ..load import load_framework
    from ..view import console, show_overview

    show_overview(console(), load_framework(), rows, earlier=earlier)


@command("wis", "Wis een bewaarde reflectie voorgoed (of alle, met --alles).")
def wis(
    nummer: IdArgument = None,
    alles: Annotated[bool, typer.Option("--alles", help="Wis alle bewaarde reflecties.")] = False,
    ja: Annotated[bool, typer.Option("--ja", help="Niet eerst vragen of het zeker is.")] = False,
) -> None:
    from .. import application

    if (nummer is None) == (not alles):
        raise PleegreflectieError(
            "geef het nummer van één reflectie, of --alles. Zie 'pleegreflectie overzicht'.",
            exit_code=ExitCode.INVALID_INPUT,
        )
    store = application.open_store()
    if nummer is not None:
        info = store.info(nummer)  # an unknown number stops here; a damaged one can be wiped
        what = f"reflectie {nummer} ({'beschadigd' if info.damaged else info.household or 'geen naam'})"
    else:
        what = f"alle {len(store.list())} bewaarde reflecties"
    if not ja:
        _need_terminal(
            f"wissen moet je eerst bevestigen. Dat kan hier niet. Typ --ja erachter om {what} te wissen."
        )
        if not _confirm(f"Weet je zeker dat je {what} voorgoed wilt wissen?"):
            print("Er is niets gewist.")
            return
    if nummer is not None:
        store.delete(nummer)
    else:
        store.delete_all()
    print(f"Gewist: {what}.")
    if store.wipe_pending:
        print(
            "Let op: pleegreflectie is nog open in een ander venster. Sluit dat venster. De gewiste "
            "gegevens worden helemaal van de schijf gehaald zodra pleegreflectie weer start."
        )


AdviceOption = Annotated[
    Path | None,
    typer.Option(
        "--advies",
        metavar="BESTAND",
        help="Eigen zinnen voor de route (YAML, zoals data/advies.yaml).",
        readable=False,
    ),
]


@command("route", "Maak de leerroute opnieuw, bijvoorbeeld met andere vormen of minder uren.")
def route(
    nummer: IdArgument = None,
    antwoorden: AnswersOption = None,
    catalogus: CatalogueOption = None,
    vorm: FormOption = None,
    uren: HoursOption = None,
    advies: AdviceOption = None,
    json_output: JsonOption = False,
) -> None:
    from .. import application

    framework, answers, result, planned = application.replan(
        nummer,
        _note,
        answers_path=antwoorden,
        catalogue_path=catalogus,
        forms=vorm,
        hours=uren,
        advice_path=advies,
    )
    if json_output:
        from ..export import route_json

        print(route_json(planned))
        return
    from ..models import address_of
    from ..view import console, show_route

    show_route(console(), framework, planned, result, address_of(answers))


@command("rapport", "Maak een verslag van een reflectie: Markdown, of HTML om te printen.")
def rapport(
    nummer: IdArgument = None,
    uitvoer: Annotated[
        str | None,
        typer.Option(
            "-o",
            "--uitvoer",
            metavar="BESTAND",
            help="Schrijf het verslag naar dit bestand. Eindigt de naam op .html, dan krijg je een "
            "verslag om te printen, met een grafiek. Met - komt het op het scherm.",
        ),
    ] = None,
    overschrijf: OverwriteOption = False,
    samenvatting: Annotated[
        bool,
        typer.Option(
            "--samenvatting",
            help="Alleen de samenvatting: hooguit twee bladzijden om mee te geven aan het gezin.",
        ),
    ] = False,
) -> None:
    from .. import application

    if uitvoer is None:
        sys.stdout.write(application.saved_report(nummer, _note, html=False, summary=samenvatting))
        return
    _write_report(
        uitvoer,
        lambda target: application.saved_report(nummer, _note, html=_is_html(target), summary=samenvatting),
        overwrite=overschrijf,
    )


@command("vergelijk", "Vergelijk twee reflecties van hetzelfde gezin: wat is er veranderd?")
def vergelijk(
    eerste: Annotated[int | None, typer.Argument(metavar="[NUMMER1]", help="De eerdere reflectie.")] = None,
    tweede: Annotated[int | None, typer.Argument(metavar="[NUMMER2]", help="De latere reflectie.")] = None,
) -> None:
    from .. import application
    from ..load import load_framework

    framework = load_framework()
    store = application.open_store(read_only=True)
    earlier_info, later_info = application.comparison_pair(store, eerste, tweede)
    earlier_id, later_id = earlier_info.id, later_info.id
    for info in (earlier_info, later_info):
        if not info.finished:
            print(
                wrapped(
                    f"Let op: reflectie {info.id} is nog niet af. De vergelijking gaat over wat er tot nu "
                    "toe is ingevuld."
                )
            )
    if (earlier_info.household or "").casefold() != (later_info.household or "").casefold():
        print(
            wrapped(
                f"Let op: reflectie {earlier_id} en {later_id} zijn van verschillende gezinnen "
                f"({earlier_info.household or 'geen naam'} en {later_info.household or 'geen naam'})."
            )
        )
    compared = application.compare(store, framework, earlier_info, later_info, _note)
    from ..view import console, show_comparison, show_follow_ups

    out = console()
    show_comparison(out, compared.comparison, earlier_info, later_info)
    show_follow_ups(out, compared.follow_ups)
