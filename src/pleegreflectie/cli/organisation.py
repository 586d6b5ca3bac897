"""The organisation's view: consent per household, the anonymous export, and the overview of many."""

import re
from pathlib import Path
from typing import Annotated

import typer

from ..errors import ExitCode, PleegreflectieError
from .base import CatalogueOption, OverwriteOption, WholeNumber, _write, command

PERIOD = re.compile(r"^\d{4}-K[1-4]$")

OutputOption = Annotated[
    str,
    typer.Option(
        "-o", "--uitvoer", metavar="BESTAND", help="Waar het komt; - is het scherm.", show_envvar=False
    ),
]


@command("meetellen", "Zeg of een gezin anoniem mag meetellen in het overzicht van de organisatie.")
def meetellen(
    nummer: Annotated[
        int, typer.Argument(metavar="NUMMER", help="Nummer van een bewaarde reflectie van het gezin.")
    ],
    keuze: Annotated[
        str | None, typer.Argument(metavar="[ja|nee]", help="ja of nee; zonder: laat zien wat het nu is.")
    ] = None,
) -> None:
    from .. import application

    store = application.open_store()
    reflection_id = application.saved_id(store, nummer)
    if keuze is None:
        now = "ja" if store.consent(reflection_id) else "nee"  # never asked counts as no
        print(f"Mogen de antwoorden van dit gezin zonder naam meetellen? Nu: {now}.")
        return
    word = keuze.strip().lower()
    if word not in ("ja", "nee"):
        raise PleegreflectieError(
            "typ ja of nee achter het nummer, zoals: meetellen 3 ja", exit_code=ExitCode.INVALID_INPUT
        )
    store.set_consent(reflection_id, word == "ja")
    if word == "ja":
        print("Genoteerd: de antwoorden van dit gezin tellen mee, zonder naam. Dat kan altijd terug.")
    else:
        print("Genoteerd: de antwoorden van dit gezin tellen niet mee in het overzicht.")


@command("export", "Maak een anoniem bestand voor het overzicht van de organisatie (--anoniem).")
def export(
    uitvoer: OutputOption,
    anoniem: Annotated[
        bool, typer.Option("--anoniem", help="Alleen scores en keuzes, zonder namen, notities of datums.")
    ] = False,
    overschrijf: OverwriteOption = False,
) -> None:
    from .. import application

    if not anoniem:
        raise PleegreflectieError(
            "er is alleen een anonieme export. Typ: export --anoniem -o bestand.jsonl",
            exit_code=ExitCode.INVALID_INPUT,
        )
    from ..anon_file import write_lines

    records = application.anonymous_export()
    _write(uitvoer, write_lines(records), "het exportbestand", overwrite=overschrijf)
    if uitvoer != "-":
        count = len(records)
        print(
            f"{count} {'reflectie' if count == 1 else 'reflecties'} van gezinnen die toestemming gaven."
            if count
            else "Geen enkel gezin gaf toestemming om mee te tellen, dus het bestand is leeg."
        )


def _period(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    text = value.strip().upper()
    if not PERIOD.match(text):
        raise PleegreflectieError(
            f"{option} {value!r} klopt niet. Schrijf een jaar en kwartaal, zoals 2026-K3.",
            exit_code=ExitCode.INVALID_INPUT,
        )
    return text


@command("organisatie", "Overzicht voor de organisatie: behoefte tegen aanbod, zonder één gezin te zien.")
def organisatie(
    bestanden: Annotated[
        list[Path],
        typer.Argument(metavar="BESTAND...", help="Exportbestanden (.jsonl) van de laptops.", readable=False),
    ],
    uitvoer: OutputOption,
    catalogus: CatalogueOption = None,
    min_huishoudens: Annotated[
        int,
        typer.Option(
            "--min-huishoudens",
            metavar="AANTAL",
            click_type=WholeNumber(10, 100_000),
            show_envvar=False,
            help="Minstens zoveel per cel (10 of meer).",
        ),
    ] = 10,
    van: Annotated[str | None, typer.Option("--van", metavar="JJJJ-KN", help="Vanaf dit kwartaal.")] = None,
    tot: Annotated[
        str | None, typer.Option("--tot", metavar="JJJJ-KN", help="Tot en met dit kwartaal.")
    ] = None,
    scheiding: Annotated[
        str, typer.Option("--scheiding", metavar="TEKEN", help="Scheidingsteken van de CSV: , of ;")
    ] = ",",
    overschrijf: OverwriteOption = False,
) -> None:
    from .. import application
    from ..organisation_report import csv_text, datapackage, html_page, markdown

    if scheiding not in (",", ";"):
        raise PleegreflectieError("--scheiding kan alleen , of ; zijn.", exit_code=ExitCode.INVALID_INPUT)
    start, end = _period(van, "--van"), _period(tot, "--tot")
    if start and end and start > end:
        raise PleegreflectieError(f"--van {start} komt na --tot {end}.", exit_code=ExitCode.INVALID_INPUT)
    framework, result = application.organisation_overview(
        bestanden, catalogue_path=catalogus, min_households=min_huishoudens, start=start, end=end
    )
    suffix = Path(uitvoer).suffix.lower()
    if suffix == ".csv":
        _write(uitvoer, csv_text(result, framework, scheiding), "het overzicht", overwrite=overschrijf)
        package = Path(uitvoer).with_suffix(".datapackage.json")
        _write(
            str(package), datapackage(Path(uitvoer).name, scheiding), "de beschrijving", overwrite=overschrijf
        )
    elif suffix in (".html", ".htm"):
        _write(uitvoer, html_page(result, framework), "het overzicht", overwrite=overschrijf)
    else:
        _write(uitvoer, markdown(result, framework), "het overzicht", overwrite=overschrijf)
    if result.too_few:
        from ..wording import counted

        households = counted(result.households, "huishouden", "huishoudens")
        print(
            f"Let op: {'er is' if result.households == 1 else 'er zijn'} {households},"
            f" minder dan {result.min_households}. "
            "Daarom staan er geen cijfers in het overzicht."
        )
