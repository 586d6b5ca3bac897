"""The catalogue: schema, controleer and dekking."""

from pathlib import Path
from typing import Annotated

import typer

from .base import (
    JsonOption,
    app,
    guard,
)

# ---------------------------------------------------------------- the catalogue

CATALOGUE_HELP = "Bekijk en controleer een catalogus met aanbod."
catalogus_app = typer.Typer(
    help=CATALOGUE_HELP,
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    options_metavar="[OPTIES]",
    subcommand_metavar="OPDRACHT ...",
)
# short_help as in base.command: without it click cuts a listed help text off with "..." in a narrow terminal
app.add_typer(catalogus_app, name="catalogus", short_help=CATALOGUE_HELP)

FileArgument = Annotated[
    Path | None,
    typer.Argument(
        metavar="[BESTAND]", help="Een eigen catalogus; zonder bestand: de meegeleverde.", readable=False
    ),
]


@catalogus_app.command(
    "schema",
    help="Laat het JSON Schema van een catalogus zien.",
    short_help="Laat het JSON Schema van een catalogus zien.",
)
@guard
def catalogus_schema() -> None:
    from ..catalogue import schema_text
    from ..load import load_framework

    print(schema_text(load_framework()), end="")


@catalogus_app.command(
    "controleer",
    help="Controleer een catalogus en noem alle problemen met hun regel.",
    short_help="Controleer een catalogus en noem alle problemen met hun regel.",
)
@guard
def catalogus_controleer(bestand: FileArgument = None) -> None:
    from .. import application
    from ..catalogue_file import check, review
    from ..errors import InvalidFileError
    from ..load import CATALOGUE, CATALOGUE_LIMITS, load_framework
    from ..yamlfile import read_source

    framework = load_framework()
    source = read_source(bestand, CATALOGUE_LIMITS) if bestand else CATALOGUE.bundled()
    problems = check(framework, source, application.today())
    version, warnings = review(source, application.today())
    if version is not None:
        print(f"{source.name}: versie {version}.")
    for warning in warnings:
        print(f"Let op: {warning}")
    if problems:
        raise InvalidFileError(
            problems, hint="Verbeter deze punten en controleer het bestand opnieuw.", skipped=source.skipped
        )
    print(f"{source.name}: geen problemen gevonden.")


@catalogus_app.command(
    "dekking",
    help="Laat zien hoeveel aanbod er is per competentie en pijler.",
    short_help="Laat zien hoeveel aanbod er is per competentie en pijler.",
)
@guard
def catalogus_dekking(bestand: FileArgument = None, json_output: JsonOption = False) -> None:
    from .. import application
    from ..advice_file import load_advice
    from ..catalogue import coverage, coverage_per_country
    from ..load import load_catalogue, load_framework

    framework = load_framework()
    catalogue = load_catalogue(framework, bestand)
    result = coverage(framework, catalogue, today=application.today())
    per_country = coverage_per_country(framework, catalogue, load_advice(), today=application.today())
    if json_output:
        from ..export import coverage_json

        print(coverage_json(result, per_country))
        return
    from ..view import console, show_coverage

    show_coverage(console(), framework, result, per_country)
