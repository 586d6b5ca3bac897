"""The command layer's base: the typer app, Dutch help and usage errors, the error boundary, shared
options and the terminal helpers the commands share (asking yes or no, writing a file, a note on
standard error). The commands themselves live in the modules of this package, one per group; what
they do with the domain is in `pleegreflectie.application`.

Heavy imports (rich, questionary, the data) happen inside the commands, so that
`pleegreflectie --help` stays fast.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TextIO, TypeVar

import click
import typer
from click import exceptions as click_errors

from .. import __version__
from ..errors import ExitCode, NoTerminalError, PleegreflectieError, os_reason
from . import dutch

if TYPE_CHECKING:
    from rich.console import Console

    from ..interview import Presenter
    from ..plain import PlainMode
    from ..prompts import Prompts

F = TypeVar("F", bound=Callable[..., Any])
P = ParamSpec("P")
R = TypeVar("R")


# ---------------------------------------------------------------- the app, in Dutch

dutch.install()  # click's and typer's own texts (help, usage errors) through gettext in Dutch

app = typer.Typer(
    name="pleegreflectie",
    help=(
        "Sta stil bij de vijf pijlers van het pleegouderschap, zie waar jullie staan "
        "en krijg een leerroute die bij jullie gezin past."
    ),
    add_completion=False,
    suggest_commands=False,  # typer's guess is English text, not click's gettext (old: no guess either)
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    options_metavar="[OPTIES]",
    subcommand_metavar="OPDRACHT ...",
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


def _me() -> str:
    """How to type this program in this terminal, for the commands we suggest.

    `pleegreflectie` when that name on PATH is this program; otherwise the way it was started, with
    its absolute path (so the hint works from any folder), such as `/home/anna/pleegreflectie/.venv/bin/
    pleegreflectie` right after the README's set-up, or `/usr/bin/python3 -m pleegreflectie`.
    """
    import shlex
    import shutil

    started = sys.argv[0] if sys.argv else ""
    name = os.path.basename(started)
    on_path = shutil.which("pleegreflectie")
    if name in ("pleegreflectie", "pleegreflectie.exe"):
        if os.sep not in started and (os.altsep is None or os.altsep not in started):
            return "pleegreflectie"
        try:
            if on_path and os.path.samefile(on_path, started):
                return "pleegreflectie"
        except OSError:
            pass
        return shlex.quote(_short(started))
    if name == "__main__.py":  # python -m pleegreflectie
        if on_path and os.path.dirname(os.path.abspath(on_path)) == os.path.dirname(sys.executable):
            return "pleegreflectie"
        return f"{shlex.quote(_short(sys.executable))} -m pleegreflectie"
    return "pleegreflectie"  # started some other way (tests, an embedding program)


def _short(path: str) -> str:
    """A path that can be typed from any folder (a hint is often followed after a `cd`)."""
    return os.path.abspath(path)


_SUGGESTED = (  # compiled when used (re caches it)
    r"(?<![\w/\\.-])pleegreflectie(?= (?:start|hervat|rapport|sjabloon|overzicht|vergelijk|route|wis"
    r"|papier|vragenlijst|catalogus|meetellen|export|organisatie|--help)\b)"
)


def _as_started(text: str) -> str:
    """Suggested commands in a message, as they can be typed in this terminal."""
    me = _me()
    return text if me == "pleegreflectie" else re.sub(_SUGGESTED, lambda _: me, text)


def _say_error(message: str) -> None:
    from ..safe import clean

    with contextlib.suppress(OSError, ValueError):  # standard error itself may be full or closed
        print(wrapped(f"Fout: {_as_started(clean(message))}", sys.stderr), file=sys.stderr)


def wrapped(text: str, stream: TextIO | None = None) -> str:
    """Text for a terminal, wrapped between words with each line's indent kept (plus two for the
    lines that continue it); a word longer than the line (a path, a web address) gets a line of its
    own, never cut. Not for a pipe or a file: there a line stays whole."""
    import shutil
    import textwrap

    stream = stream or sys.stdout
    try:
        if not stream.isatty():
            return text
    except (AttributeError, ValueError):
        return text
    width = max(40, shutil.get_terminal_size((80, 24)).columns - 1)
    lines = []
    for line in text.split("\n"):
        indent = line[: len(line) - len(line.lstrip(" "))]
        lines += textwrap.wrap(
            line,
            width,
            subsequent_indent=indent + "  ",
            break_long_words=False,
            break_on_hyphens=False,
        ) or [""]
    return "\n".join(lines)


def guard(func: Callable[P, R]) -> Callable[P, R]:
    """Turn expected failures and Ctrl-C into a Dutch message and an exit code, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except PleegreflectieError as exc:
            _say_error(exc.message)
            raise typer.Exit(int(exc.exit_code)) from None
        except (KeyboardInterrupt, EOFError):  # Ctrl-C, or Ctrl-D at a typed question
            print("\nGestopt.", file=sys.stderr)
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except BrokenPipeError:
            # The reader went away (as in `pleegreflectie sjabloon | head`): stop quietly.
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - Python flushes stdout at exit
            raise typer.Exit(0) from None
        except RecursionError:  # never expected: every input is bounded; still a message, no traceback
            _say_error(
                "er ging iets mis: iets zat te diep in elkaar. Wat je al had opgeslagen, blijft bewaard."
            )
            raise typer.Exit(int(ExitCode.ERROR)) from None
        except OSError as exc:
            where = f" ({exc.filename})" if exc.filename else ""
            _say_error(f"een bestand of map kon niet gebruikt worden{where}: {os_reason(exc)}.")
            raise typer.Exit(int(ExitCode.ERROR)) from None

    return wrapper


def command(name: str, help_text: str) -> Callable[[F], F]:
    def register(func: F) -> F:
        app.command(name, help=help_text, short_help=help_text)(guard(func))
        return func

    return register


# ---------------------------------------------------------------- shared options


class WholeNumber(click.ParamType):
    """A whole number from `low` to `high`; anything else is said in Dutch (the help says the range)."""

    name = "integer"

    def __init__(self, low: int, high: int) -> None:
        self.low, self.high = low, high

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = self.low - 1
        if not self.low <= number <= self.high:
            self.fail(f"Kies een heel getal van {self.low} tot en met {self.high}.", param, ctx)
        return number


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
        "--antwoorden",
        metavar="BESTAND",
        help="Ingevuld antwoordenbestand: geen vragen op het scherm.",
        readable=False,  # reading it says why it cannot be read (load.py), in Dutch
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Laat de uitkomst zien als JSON, voor scripts.")]
FrameworkOption = Annotated[
    Path | None,
    typer.Option(
        "--pijlers",
        metavar="BESTAND",
        help="Eigen bestand met pijlers en vragen.",
        hidden=True,
        readable=False,
    ),
]
CatalogueOption = Annotated[
    Path | None,
    typer.Option("--catalogus", metavar="BESTAND", help="Eigen catalogus met aanbod (YAML).", readable=False),
]
FormOption = Annotated[
    list[str] | None,
    typer.Option(
        "--vorm",
        metavar="VORM",
        help="Alleen aanbod in deze vorm (groep, online, thuis, individueel, blended, video, lezen, "
        "telefonisch). Mag vaker.",
    ),
]
HoursOption = Annotated[
    int | None,
    typer.Option(
        "--uren",
        metavar="UREN",
        click_type=WholeNumber(0, 200),
        show_envvar=False,  # click would name an environment variable there is none of
        help="Uren per maand om te leren (van 0 tot en met 200).",
    ),
]
OverwriteOption = Annotated[
    bool, typer.Option("--overschrijf", help="Een bestaand bestand mag overschreven worden.")
]


SimpleOption = Annotated[
    bool,
    typer.Option(
        "--eenvoudig",
        help="Eenvoudige vragen: genummerd, typen en Enter, zonder kleur of pijltjes. Goed voor een "
        "schermlezer.",
    ),
]
IdArgument = Annotated[
    int | None,
    typer.Argument(
        metavar="[NUMMER]", help="Nummer van een bewaarde reflectie (zie: pleegreflectie overzicht)."
    ),
]


def _need_terminal(what: str) -> None:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise NoTerminalError(what)


# ---------------------------------------------------------------- shared by several commands


def _confirm(text: str) -> bool:
    from ..interview import Interview
    from ..load import load_framework

    presenter, prompts = _presenter_and_prompts(_plain_mode(False))  # a dumb terminal: plain prompts here too
    return bool(Interview(load_framework(), presenter, prompts=prompts).confirm(text))


def _plain_mode(asked: bool) -> PlainMode | None:
    """The accessible mode, when asked for or when the terminal needs it: plain prompts, no colour, and
    from here on standard output and error write plain text (ASCII where the letters cannot be shown)."""
    from ..plain import PlainMode

    mode = PlainMode.choose(asked)
    if mode is not None:
        sys.stdout, sys.stderr = mode.streams(sys.stdout, sys.stderr)
    return mode


def _presenter_and_prompts(
    plain: PlainMode | None, out: Console | None = None
) -> tuple[Presenter, Prompts | None]:
    """Plain numbered prompts in the accessible mode; otherwise rich between the questions (on `out`)
    and questionary (the default prompts of the interview)."""
    if plain is not None:
        prompts, presenter = plain.prompts_and_presenter()
        return presenter, prompts
    from ..view import RichPresenter, console

    return RichPresenter(out or console()), None


def _is_html(target: str) -> bool:
    return Path(target).suffix.lower() in (".html", ".htm")


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _write(
    target: str,
    content: str,
    what: str,
    *,
    overwrite: bool = False,
    confirm: Callable[[str], bool] | None = None,
) -> None:
    """Write a file for the user (private, never through a symlink unasked); `-` is standard output."""
    from ..files import write_user_file

    if confirm is None and _interactive():
        confirm = _confirm
    path = write_user_file(target, content, what=what, overwrite=overwrite, confirm=confirm)
    if path is not None:
        from ..safe import clean

        with contextlib.suppress(PleegreflectieError, OSError):  # written; saying so is a courtesy
            print(wrapped(clean(f"{what[0].upper()}{what[1:]} staat in {path.resolve()}.")))


def _ask_text(text: str, default: str) -> str:
    from ..interview import Interview
    from ..load import load_framework

    presenter, prompts = _presenter_and_prompts(_plain_mode(False))
    return str(Interview(load_framework(), presenter, prompts=prompts).ask_text(text, default))


def _write_report(
    target: str,
    report: Callable[[str], str],
    *,
    overwrite: bool = False,
    confirm: Callable[[str], bool] | None = None,
    ask_name: Callable[[str, str], str] | None = None,
) -> None:
    """Write the report (`report(target)` makes it) to `target`; a taken name asks for another one.

    On a terminal: "overschrijven?", and when not, a new name with a free one suggested
    (verslag-2.html). Without a terminal a taken name stops with a Dutch message and a non-zero exit
    (see `files.write_user_file`), unless `overwrite`.
    """
    from ..application import report_target

    if confirm is None and ask_name is None and _interactive():
        confirm, ask_name = _confirm, _ask_text
    chosen = report_target(target, overwrite=overwrite, confirm=confirm, ask_name=ask_name)
    asked = confirm if chosen.settled else None
    _write(chosen.name, report(chosen.name), "het verslag", overwrite=chosen.overwrite, confirm=asked)


def _note(text: str) -> None:
    """A note for the user, on standard error (the application's `Note`)."""
    print(wrapped(text, sys.stderr), file=sys.stderr)


# ---------------------------------------------------------------- the program


def run(argv: list[str] | None = None) -> int:
    """Run the program: a usage error is click's own message (Dutch: see dutch.py) with where to find help."""
    from ..streams import finish, prepare

    prepare()
    try:
        args = sys.argv[1:] if argv is None else argv
        result = app(args=args, prog_name="pleegreflectie", standalone_mode=False)
        finish()
    except click_errors.NoArgsIsHelpError as exc:  # no command: the help, as asked
        print(str(exc))
        return _finished(int(ExitCode.OK))
    except PleegreflectieError as exc:  # outside a command: standard output closed or full (help)
        _say_error(exc.message)
        return int(exc.exit_code)
    except BrokenPipeError:
        return int(ExitCode.OK)  # the reader went away (`| head`): not our error, and nothing to say
    except click_errors.NoSuchOption as exc:  # without click's guesses, which can name a hidden option
        _say_error(f"{exc.message} {_try_help(exc.ctx)}")
        return int(ExitCode.INVALID_INPUT)
    except click_errors.UsageError as exc:  # click's own message, in Dutch through gettext (dutch.py)
        _say_error(f"{_usage_message(exc)} {_try_help(exc.ctx)}")
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


def _usage_message(exc: click_errors.UsageError) -> str:
    """click's message; an argument is named as in the usage line, without the brackets that say it
    may be left out ('NUMMER', not '[NUMMER]')."""
    if (
        isinstance(exc, click_errors.BadParameter)
        and exc.param_hint is None
        and isinstance(exc.param, click.Argument)
    ):
        exc.param_hint = f"'{exc.param.human_readable_name.strip('[]')}'"
    return exc.format_message()


def _finished(code: int) -> int:
    """Flush standard output; a failure there is said, with its exit code."""
    from ..streams import finish

    try:
        finish()
    except PleegreflectieError as exc:
        _say_error(exc.message)
        return int(exc.exit_code)
    return code


def _try_help(ctx: click.Context | None) -> str:
    path = ctx.command_path if ctx else "pleegreflectie"
    return f"Typ '{path} --help' voor hulp."
