"""The commands. Thin: parse options, call the domain, print, exit codes.

Heavy imports (pydantic, rich, questionary, the data) happen inside the commands, so that
`pleegreflectie --help` stays fast.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup

import click
from click import exceptions as click_errors
from click.formatting import HelpFormatter

from . import __version__

# click >= 8.2 says "no arguments, here is the help" with this exception.
NoArgsIsHelp: type[Exception] = getattr(click_errors, "NoArgsIsHelpError", type("_Never", (Exception,), {}))
from .errors import ExitCode, NoTerminalError, PleegreflectieError

F = TypeVar("F", bound=Callable[..., Any])


# ---------------------------------------------------------------- Dutch help output


class _DutchHelp:
    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = "Laat deze hulp zien."
        return option  # type: ignore[no-any-return]

    def format_usage(self, ctx: click.Context, formatter: HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        usage = " ".join(pieces).replace("[OPTIONS]", "[OPTIES]").replace("COMMAND [ARGS]...", "OPDRACHT ...")
        formatter.write_usage(ctx.command_path, usage, prefix="Gebruik: ")

    def format_options(self, ctx: click.Context, formatter: HelpFormatter) -> None:
        opts = [rv for p in self.get_params(ctx) if (rv := p.get_help_record(ctx))]  # type: ignore[attr-defined]
        if opts:
            with formatter.section("Opties"):
                formatter.write_dl(opts)
        if isinstance(self, TyperGroup):
            commands = []
            for name in self.list_commands(ctx):
                command = self.get_command(ctx, name)
                if command is not None and not command.hidden:
                    commands.append((name, command.get_short_help_str(limit=90)))
            if commands:
                with formatter.section("Opdrachten"):
                    formatter.write_dl(commands)


class DutchCommand(_DutchHelp, TyperCommand):
    pass


class DutchGroup(_DutchHelp, TyperGroup):
    pass


app = typer.Typer(
    name="pleegreflectie",
    cls=DutchGroup,
    help=(
        "Sta stil bij de vijf pijlers van het pleegouderschap, zie waar jullie staan "
        "en krijg een leerroute die bij jullie gezin past."
    ),
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"pleegreflectie {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", help="Laat het versienummer zien.", callback=_version, is_eager=True),
    ] = False,
) -> None:
    """Sta stil bij de vijf pijlers van het pleegouderschap en krijg een leerroute op maat."""


# ---------------------------------------------------------------- the error boundary


def _say_error(message: str) -> None:
    print(f"Fout: {message}", file=sys.stderr)


def guard(func: F) -> F:
    """Turn expected failures and Ctrl-C into a Dutch message and an exit code, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except PleegreflectieError as exc:
            _say_error(exc.message)
            raise typer.Exit(int(exc.exit_code)) from None
        except KeyboardInterrupt:
            print("\nGestopt. Er is niets kwijtgeraakt.", file=sys.stderr)
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except OSError as exc:
            _say_error(f"bestand of map kon niet gebruikt worden: {exc.strerror or exc} ({exc.filename}).")
            raise typer.Exit(int(ExitCode.ERROR)) from None

    return wrapper  # type: ignore[return-value]


def command(name: str, help_text: str) -> Callable[[F], F]:
    def register(func: F) -> F:
        app.command(name, cls=DutchCommand, help=help_text)(guard(func))
        return func

    return register


# ---------------------------------------------------------------- shared options

PillarOption = Annotated[
    list[str] | None,
    typer.Option(
        "--pijler",
        metavar="PIJLER",
        help="Alleen deze pijler (zorgen, samenwerken, opvoeden, ontwikkelen, functioneren). Mag vaker.",
    ),
]
AnswersOption = Annotated[
    Path | None,
    typer.Option(
        "--antwoorden", metavar="BESTAND", help="Ingevuld antwoordenbestand: geen vragen op het scherm."
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Laat de uitkomst zien als JSON, voor scripts.")]
FrameworkOption = Annotated[
    Path | None,
    typer.Option("--pijlers", metavar="BESTAND", help="Eigen bestand met pijlers en vragen.", hidden=True),
]


def _chosen_pillars(framework: Any, pillars: list[str] | None) -> list[str]:
    known = [p.id for p in framework.pillars]
    if not pillars:
        return known
    wanted = [p.strip().lower() for p in pillars]
    unknown = [p for p in wanted if p not in known]
    if unknown:
        raise PleegreflectieError(
            f"'{unknown[0]}' is geen pijler. Kies uit: {', '.join(known)}.",
            exit_code=ExitCode.INVALID_INPUT,
        )
    return [p for p in known if p in wanted]


# ---------------------------------------------------------------- commands


@command("start", "Begin een reflectie: beantwoord de vragen en zie waar jullie staan.")
def start(
    pijler: PillarOption = None,
    antwoorden: AnswersOption = None,
    json_output: JsonOption = False,
    pijlers: FrameworkOption = None,
) -> None:
    from .load import load_answers, load_framework
    from .scoring import score

    framework = load_framework(pijlers)
    pillar_ids = _chosen_pillars(framework, pijler)
    if antwoorden is not None:
        answers = load_answers(framework, antwoorden)
    else:
        answers = _interview(framework, pillar_ids).to_answers()
    result = score(framework, answers, pillar_ids)
    if json_output:
        from .export import result_json

        print(result_json(result))
        return
    from .view import console, show_result

    show_result(console(), framework, result, answers)


def _interview(framework: Any, pillar_ids: list[str]) -> Any:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise NoTerminalError(
            "de vragen hebben een terminal nodig, en die is er nu niet. "
            "Maak een antwoordenbestand met 'pleegreflectie sjabloon > antwoorden.yaml', vul het in, "
            "en start dan met 'pleegreflectie start --antwoorden antwoorden.yaml'."
        )
    from .flow import Sitting
    from .interview import Interview, Stopped
    from .view import RichPresenter, console

    out = console()
    sitting = Sitting(pillar_ids=pillar_ids)
    out.print("[bold]Welkom bij pleegreflectie.[/bold]")
    out.print("Er zijn geen goede of foute antwoorden. Kies wat nu het beste bij je past.")
    try:
        Interview(framework, RichPresenter(out)).run(sitting, on_change=lambda s: None)
    except Stopped:
        out.print("Je bent gestopt.")
        raise typer.Exit(0) from None
    return sitting


@command("sjabloon", "Maak een leeg antwoordenbestand om op papier of in een editor in te vullen.")
def sjabloon(pijlers: FrameworkOption = None) -> None:
    from .load import load_framework
    from .template import answers_template

    sys.stdout.write(answers_template(load_framework(pijlers)))


# ---------------------------------------------------------------- the program


def run(argv: list[str] | None = None) -> int:
    """Run the program; click's own (English) usage errors become Dutch messages."""
    try:
        result = app(args=argv, prog_name="pleegreflectie", standalone_mode=False)
    except NoArgsIsHelp as exc:
        print(exc.format_message())
        return int(ExitCode.OK)
    except click_errors.NoSuchOption as exc:
        _say_error(f"de optie '{exc.option_name}' bestaat niet. {_try_help(exc.ctx)}")
        return int(ExitCode.INVALID_INPUT)
    except click_errors.BadOptionUsage as exc:
        _say_error(f"bij de optie '{exc.option_name}' hoort een waarde. {_try_help(exc.ctx)}")
        return int(ExitCode.INVALID_INPUT)
    except click_errors.MissingParameter as exc:
        name = exc.param.opts[0] if exc.param and exc.param.opts else "een waarde"
        _say_error(f"{name} ontbreekt. {_try_help(exc.ctx)}")
        return int(ExitCode.INVALID_INPUT)
    except click_errors.BadParameter as exc:
        name = exc.param.opts[0] if exc.param and exc.param.opts else "een waarde"
        _say_error(f"de waarde bij {name} klopt niet. {_try_help(exc.ctx)}")
        return int(ExitCode.INVALID_INPUT)
    except click_errors.UsageError as exc:
        if "No such command" in exc.message:
            word = exc.message.split("'")[1] if "'" in exc.message else ""
            _say_error(f"de opdracht '{word}' bestaat niet. {_try_help(None)}")
        else:
            _say_error(f"{exc.message} {_try_help(exc.ctx)}")
        return int(ExitCode.INVALID_INPUT)
    except (typer.Abort, KeyboardInterrupt):
        print("\nGestopt.", file=sys.stderr)
        return int(ExitCode.INTERRUPTED)
    except Exception as exc:  # a bug: say so in Dutch; the details only on request
        if os.environ.get("PLEEGREFLECTIE_DEBUG"):
            raise
        _say_error(
            "er ging iets mis dat we niet verwachtten. Wat je al had opgeslagen, blijft bewaard. "
            f"Meld dit alsjeblieft, met deze regel: {type(exc).__name__}: {exc}"
        )
        return int(ExitCode.ERROR)
    return result if isinstance(result, int) else 0


def _try_help(ctx: click.Context | None) -> str:
    path = ctx.command_path if ctx else "pleegreflectie"
    return f"Typ '{path} --help' voor hulp."
