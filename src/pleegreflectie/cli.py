"""The commands. Thin: parse options, call the domain, print, exit codes.

Heavy imports (rich, questionary, the data) happen inside the commands, so that
`pleegreflectie --help` stays fast.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import click
import typer
from click import exceptions as click_errors
from click.formatting import HelpFormatter
from typer.core import TyperCommand, TyperGroup

from . import __version__
from .errors import ExitCode, NoTerminalError, PleegreflectieError, os_reason

# click >= 8.2 says "no arguments, here is the help" with this exception.
NoArgsIsHelp: type[Exception] = getattr(click_errors, "NoArgsIsHelpError", type("_Never", (Exception,), {}))

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
        params = self.get_params(ctx)  # type: ignore[attr-defined]
        arguments = [
            (p.make_metavar(ctx), getattr(p, "help", None) or "")
            for p in params
            if isinstance(p, click.Argument)
        ]
        if arguments:
            with formatter.section("Argumenten"):
                formatter.write_dl(arguments)
        opts = [
            (names, _RANGE.sub(lambda m: _range_text(m), text))
            for p in params
            if isinstance(p, click.Option) and (record := p.get_help_record(ctx))
            for names, text in [record]
        ]
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


# click adds "[0<=x<=200]" to the help of a number with limits; say it in Dutch.
_RANGE = re.compile(r"\s*\[(?:(\d+)<=)?x(?:<=(\d+))?\]")


def _range_text(match: re.Match[str]) -> str:
    low, high = match.groups()
    if low is not None and high is not None:
        return f" (van {low} tot en met {high})"
    return f" (minstens {low})" if low is not None else f" (hoogstens {high})"


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


def _me() -> str:
    """How to type this program in this terminal, for the commands we suggest.

    `pleegreflectie` when that name on PATH is this program; otherwise the way it was started, such as
    `.venv/bin/pleegreflectie` right after the README's set-up, or `python3 -m pleegreflectie`.
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
    """A path as short as it can be typed from here."""
    relative = os.path.relpath(os.path.abspath(path))
    if relative.startswith(os.pardir):
        return os.path.abspath(path)
    return relative if os.sep in relative else f".{os.sep}{relative}"


_SUGGESTED = re.compile(
    r"(?<![\w/\\.-])pleegreflectie(?= (?:start|hervat|rapport|sjabloon|overzicht|vergelijk|route|wis"
    r"|papier|vragenlijst|catalogus|--help)\b)"
)


def _as_started(text: str) -> str:
    """Suggested commands in a message, as they can be typed in this terminal."""
    me = _me()
    return text if me == "pleegreflectie" else _SUGGESTED.sub(lambda _: me, text)


def _say_error(message: str) -> None:
    from .safe import clean

    print(f"Fout: {_as_started(clean(message))}", file=sys.stderr)


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
            print("\nGestopt.", file=sys.stderr)
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except BrokenPipeError:
            # The reader went away (as in `pleegreflectie sjabloon | head`): stop quietly.
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - Python flushes stdout at exit
            raise typer.Exit(0) from None
        except OSError as exc:
            where = f" ({exc.filename})" if exc.filename else ""
            _say_error(f"een bestand of map kon niet gebruikt worden{where}: {os_reason(exc)}.")
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
CatalogueOption = Annotated[
    Path | None,
    typer.Option("--catalogus", metavar="BESTAND", help="Eigen catalogus met aanbod (YAML)."),
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
    typer.Option("--uren", metavar="UREN", min=0, max=200, help="Uren per maand om te leren."),
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


def _chosen_forms(forms: list[str] | None) -> list[Any] | None:
    from .models import LearningForm

    if not forms:
        return None
    known = [f.value for f in LearningForm]
    for form in forms:
        if form.strip().lower() not in known:
            raise PleegreflectieError(
                f"'{form}' is geen vorm. Kies uit: {', '.join(known)}.", exit_code=ExitCode.INVALID_INPUT
            )
    return [LearningForm(f.strip().lower()) for f in forms]


def _need_terminal(what: str) -> None:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise NoTerminalError(what)


def _open_store() -> Any:
    from .store import Store

    return Store.open()


# ---------------------------------------------------------------- a reflection


@command("start", "Begin een reflectie: beantwoord de vragen en zie waar jullie staan.")
def start(
    pijler: PillarOption = None,
    antwoorden: AnswersOption = None,
    json_output: JsonOption = False,
    catalogus: CatalogueOption = None,
    geen_opslag: Annotated[
        bool, typer.Option("--geen-opslag", help="Bewaar niets op deze computer.")
    ] = False,
    samen: Annotated[
        bool, typer.Option("--samen", help="Met z'n tweeën: twee pleegouders beantwoorden elke vraag.")
    ] = False,
    met_begeleider: Annotated[
        bool,
        typer.Option(
            "--met-begeleider", help="De pleegzorgbegeleider is erbij: notities, afspraken, volgend bezoek."
        ),
    ] = False,
    signalen: Annotated[
        Path | None,
        typer.Option(
            "--signalen", metavar="BESTAND", help="Eigen bestand met signalen voor het gesprek (YAML)."
        ),
    ] = None,
    eenvoudig: SimpleOption = False,
    pijlers: FrameworkOption = None,
) -> None:
    _simple(eenvoudig)
    welcomed = antwoorden is None and sys.stdin.isatty() and sys.stdout.isatty()
    if welcomed:  # on screen at once: the data, the store and the prompts load after it
        _welcome(saving=not geen_opslag)
    from .load import load_answers, load_catalogue, load_framework
    from .session import Autosave
    from .signals import load_signals

    framework = load_framework(pijlers)
    catalogue = load_catalogue(framework, catalogus)  # a broken catalogue stops us before any question
    load_signals(framework, signalen)  # and so does a broken signalen.yaml
    signals_path = str(signalen.expanduser().resolve()) if signalen is not None else None
    pillar_ids = _chosen_pillars(framework, pijler)
    store = None if geen_opslag else _open_store()
    autosave = Autosave(store, framework.version, catalogue.version)
    if catalogus is not None:  # remembered per reflection, so a report later plans with it too
        autosave.catalogue_path = str(catalogus.expanduser().resolve())
    if antwoorden is not None:
        from .flow import from_answers

        sitting = from_answers(framework, load_answers(framework, antwoorden), pillar_ids)
        sitting.signals_path = signals_path
        _conclude(framework, catalogue, sitting, autosave, json_output=json_output)
        return
    _need_terminal(
        "de vragen hebben een terminal nodig, en die is er nu niet. "
        "Maak een antwoordenbestand met 'pleegreflectie sjabloon > antwoorden.yaml', vul het in, "
        "en start dan met 'pleegreflectie start --antwoorden antwoorden.yaml'."
    )
    from .flow import new_sitting

    sitting = new_sitting(pillar_ids, together=samen or None, worker=met_begeleider or None)
    sitting.signals_path = signals_path
    _ask(framework, catalogue, sitting, autosave, json_output=json_output, new=True, welcomed=welcomed)


WELCOME = (
    "Welkom bij pleegreflectie.",
    "Er zijn geen goede of foute antwoorden. Kies wat nu het beste bij je past.",
)
SAVING = "Elk antwoord wordt meteen bewaard op deze computer."


def _welcome(*, saving: bool) -> None:
    """The welcome of a new reflection, written before anything heavy is imported (no rich)."""
    import shutil
    import textwrap

    width = min(80, shutil.get_terminal_size().columns)
    styled = os.environ.get("TERM") != "dumb"
    lines = [(WELCOME[0], "1"), (WELCOME[1], ""), *([(SAVING, "2")] if saving else [])]
    for text, style in lines:  # bold and dim, as rich shows them
        for line in textwrap.wrap(text, width):
            sys.stdout.write(f"\x1b[{style}m{line}\x1b[0m\n" if style and styled else f"{line}\n")
    sys.stdout.flush()


@command("hervat", "Ga verder met een reflectie die nog niet af is, of voeg een pijler toe.")
def hervat(
    nummer: IdArgument = None,
    json_output: JsonOption = False,
    pijler: Annotated[
        list[str] | None,
        typer.Option(
            "--pijler",
            metavar="PIJLER",
            help="Voeg deze pijler toe aan de reflectie (voor een volgend bezoek). Mag vaker.",
        ),
    ] = None,
    met_begeleider: Annotated[
        bool,
        typer.Option(
            "--met-begeleider",
            help="De pleegzorgbegeleider vult notities, afspraken en het volgende bezoek in of past ze aan.",
        ),
    ] = False,
    eenvoudig: SimpleOption = False,
) -> None:
    _simple(eenvoudig)
    from .history import catalogue_for
    from .load import load_framework
    from .session import resume

    framework = load_framework()
    store = _open_store()
    reflection_id = nummer if nummer is not None else store.latest_unfinished()
    if reflection_id is None:
        raise PleegreflectieError(
            "er is geen reflectie die nog niet af is. Begin een nieuwe met 'pleegreflectie start'.",
            exit_code=ExitCode.NOT_FOUND,
        )
    info, sitting, autosave = resume(store, reflection_id)
    if met_begeleider:
        sitting.reopen_worker_part()
        store.reopen(reflection_id, sitting)
        info, sitting, autosave = resume(store, reflection_id)
    if pijler:
        added = [p for p in _chosen_pillars(framework, pijler) if p not in sitting.pillar_ids]
        if added:
            sitting.pillar_ids = [p.id for p in framework.pillars if p.id in {*sitting.pillar_ids, *added}]
            store.reopen(reflection_id, sitting)
            info, sitting, autosave = resume(store, reflection_id)
    catalogue, note = catalogue_for(framework, info)
    if note:
        print(note, file=sys.stderr)
    if info.finished or sitting.is_complete(framework):
        if not json_output:
            from .view import console

            console().print(f"Reflectie {reflection_id} is al helemaal ingevuld. Dit is de uitkomst.")
        # Looking at a finished reflection changes nothing that was saved.
        _conclude(framework, catalogue, sitting, autosave, json_output=json_output, save=not info.finished)
        return
    _need_terminal(
        "de vragen hebben een terminal nodig, en die is er nu niet. Open een terminal en typ daar "
        f"'{_me()} hervat {reflection_id}'."
    )
    _ask(framework, catalogue, sitting, autosave, json_output=json_output, new=False)


def _ask(
    framework: Any,
    catalogue: Any,
    sitting: Any,
    autosave: Any,
    *,
    json_output: bool,
    new: bool,
    welcomed: bool = False,
) -> None:
    from .interview import Interview, Stopped
    from .view import RichPresenter, console

    out = console()
    presenter, prompts = _presenter_and_prompts(RichPresenter(out))
    interview = Interview(
        framework,
        presenter,
        titles={c.id: c.title for c in catalogue.entries},
        saving=autosave.store is not None,
        prompts=prompts,
    )
    sitting.begin_visit(_today())
    if new:
        if not welcomed:
            out.print(f"[bold]{WELCOME[0]}[/bold]")
            out.print(WELCOME[1])
            if autosave.store is not None:
                out.print(f"[dim]{SAVING}[/dim]")
        if autosave.store is not None:
            unfinished = autosave.store.latest_unfinished()
            if unfinished is not None:
                out.print(f"[dim]Let op: reflectie {unfinished} is nog niet af.[/dim]")
                out.print("[dim]Daarmee verder? Stop met Ctrl-C en typ:[/dim]")
                # soft_wrap: a long command is never cut in two by a line break of ours.
                out.print(f"  {_me()} hervat {unfinished}", style="dim", markup=False, soft_wrap=True)
    else:
        out.print(f"[bold]Welkom terug.[/bold] We gaan verder met reflectie {autosave.reflection_id}.")
    try:
        interview.run(sitting, on_change=autosave)
    except (Stopped, KeyboardInterrupt, EOFError) as exc:  # EOFError: Ctrl-D
        _say_how_to_continue(autosave)
        if isinstance(exc, KeyboardInterrupt):
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        raise typer.Exit(0) from None
    _conclude(framework, catalogue, sitting, autosave, json_output=json_output, interview=interview)


def _say_how_to_continue(autosave: Any) -> None:
    if autosave.reflection_id is None:
        message = "\nGestopt. Er was nog niets ingevuld, dus er is niets bewaard."
        if autosave.store is None:
            message = "\nGestopt. Je antwoorden zijn niet bewaard (je koos --geen-opslag)."
    else:
        message = (
            f"\nGestopt. Je antwoorden zijn bewaard als reflectie {autosave.reflection_id}.\n"
            f"Ga later verder met: {_me()} hervat {autosave.reflection_id}"
        )
    print(message, file=sys.stderr)


def _conclude(
    framework: Any,
    catalogue: Any,
    sitting: Any,
    autosave: Any,
    *,
    json_output: bool,
    interview: Any = None,
    save: bool = True,
) -> None:
    """Score, plan the route, save the reflection as finished (unless told not to) and show it all."""
    from .conversation import kitchen_table
    from .route import plan_route
    from .scoring import score
    from .signals import evaluate, signals_of

    answers = sitting.to_answers()
    result = score(framework, answers, sitting.pillar_ids)
    route = plan_route(
        framework,
        catalogue,
        answers,
        result,
        today=_today(),
        done=sitting.route_done,
        ongoing=sitting.route_ongoing,
    )
    rules, signals_note = signals_of(framework, sitting.signals_path)
    if signals_note:
        print(signals_note, file=sys.stderr)
    signals = evaluate(rules, framework, answers, result)
    table = kitchen_table(framework, sitting, answers, result, signals, route)
    if save:
        autosave.finish([step.course.id for step in route.steps], sitting)
    if json_output:
        from .export import result_json

        print(result_json(result, route=route, reflection_id=autosave.reflection_id, table=table))
        return
    from .view import console, show_result, show_route, show_table

    out = console()
    show_result(out, framework, result, answers)
    show_route(out, framework, route, result)
    show_table(out, framework, result, table)
    if autosave.reflection_id is not None:
        out.print()
        out.print(f"Deze reflectie is bewaard als nummer {autosave.reflection_id}.")
        out.print("Een verslag maken kan later ook (met .html: een verslag om te printen):")
        out.print(f"  {_me()} rapport {autosave.reflection_id} -o verslag.md", markup=False, soft_wrap=True)
        rest = [p for p in framework.pillars if p.id not in sitting.pillar_ids]
        if rest:
            out.print(
                f"Nog niet gedaan: {', '.join(p.title.lower() for p in rest)}. "
                "Bij een volgend bezoek verder met een pijler:"
            )
            out.print(
                f"  {_me()} hervat {autosave.reflection_id} --pijler {rest[0].id}",
                markup=False,
                soft_wrap=True,
            )
    if interview is not None and autosave.reflection_id is not None:
        _offer_report(interview, autosave.reflection_id, answers)


def _offer_report(interview: Any, reflection_id: int, answers: Any) -> None:
    label = (answers.profile.household or "gezin").lower()
    slug = "-".join("".join(ch if ch.isalnum() else " " for ch in label).split()) or "gezin"
    default = f"verslag-{slug}-{_today().isoformat()}.md"
    name = interview.report_file(default)
    if name is None:
        return
    try:
        _write(name, _report(reflection_id, html=_is_html(name)), "het verslag", confirm=interview.confirm)
    except PleegreflectieError as exc:
        _say_error(exc.message)
        print("Er is geen verslag gemaakt.")


def _today() -> Any:
    import datetime as dt

    return dt.date.today()


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
    from .load import load_framework
    from .template import answers_template

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
    from .load import load_framework
    from .paper import questionnaire

    framework = load_framework(pijlers)
    text = questionnaire(framework, _chosen_pillars(framework, pijler), together=samen)
    if uitvoer is None:
        sys.stdout.write(text)
        return
    if _is_html(uitvoer):
        from .report_html import render_html

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
    from .load import load_framework, read_source
    from .paper import answers_file, read_typed, typed_summary

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
    from .paper import Typed, pillar_questions, read_line

    typed = Typed()
    labels = [""]
    if together:
        labels = []
        for which in ("eerste", "tweede"):
            while True:
                label = input(f"Wat is de naam of letter van de {which} pleegouder? (bijvoorbeeld A) ")
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
                line = input(f"{pillar.title}{who}: typ de {count} antwoorden, of Enter om over te slaan: ")
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


OVERVIEW_LIMIT = 20  # the table shows the newest (one screen); `--alles` shows every one


@command("overzicht", "Laat de bewaarde reflecties zien.")
def overzicht(
    json_output: JsonOption = False,
    alles: Annotated[
        bool,
        typer.Option("--alles", help=f"Laat alle reflecties zien, niet alleen de laatste {OVERVIEW_LIMIT}."),
    ] = False,
) -> None:
    store = _open_store()
    if json_output:  # every reflection, always
        from .export import overview_json

        print(overview_json(store.overview()))
        return
    rows = store.overview(None if alles else OVERVIEW_LIMIT)
    earlier = 0 if alles else max(store.count() - len(rows), 0)
    from .load import load_framework
    from .view import console, show_overview

    show_overview(console(), load_framework(), rows, earlier=earlier)


@command("wis", "Wis een bewaarde reflectie voorgoed (of alle, met --alles).")
def wis(
    nummer: IdArgument = None,
    alles: Annotated[bool, typer.Option("--alles", help="Wis alle bewaarde reflecties.")] = False,
    ja: Annotated[bool, typer.Option("--ja", help="Niet eerst vragen of het zeker is.")] = False,
) -> None:
    if (nummer is None) == (not alles):
        raise PleegreflectieError(
            "geef het nummer van één reflectie, of --alles. Zie 'pleegreflectie overzicht'.",
            exit_code=ExitCode.INVALID_INPUT,
        )
    store = _open_store()
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


def _confirm(text: str) -> bool:
    from .interview import Interview
    from .load import load_framework
    from .view import RichPresenter, console

    _simple(False)  # a dumb terminal gets plain prompts here too
    presenter, prompts = _presenter_and_prompts(RichPresenter(console()))
    return bool(Interview(load_framework(), presenter, prompts=prompts).confirm(text))


_SIMPLE = {"on": False}


def _simple(asked: bool) -> None:
    """The accessible mode, when asked for or when the terminal needs it: ASCII, no colour, plain prompts."""
    from .plain import enable, wanted

    if wanted(asked):
        enable()
        _SIMPLE["on"] = True


def _presenter_and_prompts(rich_presenter: Any) -> tuple[Any, Any]:
    """Plain numbered prompts in the accessible mode; questionary (the default) otherwise."""
    if not _SIMPLE["on"]:
        return rich_presenter, None
    from .plain import PlainPresenter, PlainPrompts

    return PlainPresenter(), PlainPrompts()


def _sitting_for(nummer: int | None, antwoorden: Path | None, framework: Any) -> Any:
    """The sitting of a saved reflection (by number, or the latest) or of an answers file."""
    if antwoorden is not None and nummer is not None:
        raise PleegreflectieError(
            "kies een nummer of --antwoorden, niet allebei.", exit_code=ExitCode.INVALID_INPUT
        )
    if antwoorden is not None:
        from .flow import from_answers
        from .load import load_answers

        return from_answers(framework, load_answers(framework, antwoorden), [p.id for p in framework.pillars])
    store = _open_store()
    return store.load(_saved_id(store, nummer))[1]


@command("route", "Maak de leerroute opnieuw, bijvoorbeeld met andere vormen of minder uren.")
def route(
    nummer: IdArgument = None,
    antwoorden: AnswersOption = None,
    catalogus: CatalogueOption = None,
    vorm: FormOption = None,
    uren: HoursOption = None,
    json_output: JsonOption = False,
) -> None:
    from .load import load_catalogue, load_framework
    from .route import plan_route
    from .scoring import score

    framework = load_framework()
    if catalogus is not None or antwoorden is not None:
        catalogue = load_catalogue(framework, catalogus)
    else:  # a saved reflection: the catalogue it was made with
        catalogue = _saved_catalogue(framework, nummer)
    forms = _chosen_forms(vorm)
    sitting = _sitting_for(nummer, antwoorden, framework)
    answers = sitting.to_answers()
    result = score(framework, answers, sitting.pillar_ids)
    planned = plan_route(
        framework,
        catalogue,
        answers,
        result,
        forms=forms,
        hours=uren,
        today=_today(),
        done=sitting.route_done,
        ongoing=sitting.route_ongoing,
    )
    if json_output:
        from .export import route_json

        print(route_json(planned))
        return
    from .view import console, show_route

    show_route(console(), framework, planned, result)


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
) -> None:
    if uitvoer is None:
        sys.stdout.write(_report(nummer, html=False))
        return
    _write(uitvoer, _report(nummer, html=_is_html(uitvoer)), "het verslag", overwrite=overschrijf)


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
    from .files import write_user_file

    if confirm is None and _interactive():
        confirm = _confirm
    path = write_user_file(target, content, what=what, overwrite=overwrite, confirm=confirm)
    if path is not None:
        print(f"{what[0].upper()}{what[1:]} staat in {path.resolve()}.")


def _report(nummer: int | None, *, html: bool) -> str:
    """The report of a saved reflection: Markdown, or HTML to print with a chart of the pillars."""
    from .history import catalogue_for, report_and_result_of
    from .load import load_framework

    framework = load_framework()
    store = _open_store()
    reflection_id = _saved_id(store, nummer)
    catalogue, note = catalogue_for(framework, store.load(reflection_id)[0])
    if note:
        print(note, file=sys.stderr)
    text, result = report_and_result_of(store, framework, catalogue, reflection_id, catalogue_note=note)
    if not html:
        return text
    from .report_html import chart_of, render_html

    chart = chart_of(result, [(p.id, p.title) for p in framework.pillars])
    return render_html(text, title=f"Reflectie pleegouderschap ({reflection_id})", chart=chart)


def _saved_catalogue(framework: Any, nummer: int | None) -> Any:
    """The catalogue a saved reflection was made with (a note on stderr when its file is gone)."""
    from .history import catalogue_for

    store = _open_store()
    catalogue, note = catalogue_for(framework, store.load(_saved_id(store, nummer))[0])
    if note:
        print(note, file=sys.stderr)
    return catalogue


def _saved_id(store: Any, nummer: int | None) -> int:
    """The given number, or else the reflection worked on most recently."""
    reflection_id = nummer if nummer is not None else store.latest()
    if reflection_id is None:
        raise PleegreflectieError(
            "er is nog geen bewaarde reflectie. Begin met 'pleegreflectie start'.",
            exit_code=ExitCode.NOT_FOUND,
        )
    return int(reflection_id)


@command("vergelijk", "Vergelijk twee reflecties van hetzelfde gezin: wat is er veranderd?")
def vergelijk(
    eerste: Annotated[int | None, typer.Argument(metavar="[NUMMER1]", help="De eerdere reflectie.")] = None,
    tweede: Annotated[int | None, typer.Argument(metavar="[NUMMER2]", help="De latere reflectie.")] = None,
) -> None:
    from .history import catalogue_for, compare_saved, previous_of
    from .load import load_framework

    framework = load_framework()
    store = _open_store()
    # One number: compare it with the household's reflection before it. None: the latest finished one.
    named = tweede if tweede is not None else eerste
    later_id = named if named is not None else store.latest_finished()
    if later_id is None:
        raise PleegreflectieError(
            "er is nog geen reflectie helemaal af. Maak eerst een reflectie af met 'pleegreflectie start'.",
            exit_code=ExitCode.NOT_FOUND,
        )
    later_info, _ = store.load(later_id)
    earlier_id = eerste if tweede is not None else previous_of(store, later_info)
    if earlier_id is None:
        raise PleegreflectieError(
            f"er is geen eerdere reflectie van {later_info.household or 'dit gezin'} om mee te vergelijken. "
            "Geef twee nummers, zoals: pleegreflectie vergelijk 1 3",
            exit_code=ExitCode.NOT_FOUND,
        )
    earlier_info, _ = store.load(earlier_id)
    for info in (earlier_info, later_info):
        if not info.finished:
            print(
                f"Let op: reflectie {info.id} is nog niet af. De vergelijking gaat over wat er tot nu toe "
                "is ingevuld."
            )
    if (earlier_info.household or "").casefold() != (later_info.household or "").casefold():
        print(
            f"Let op: reflectie {earlier_id} en {later_id} zijn van verschillende gezinnen "
            f"({earlier_info.household or 'geen naam'} en {later_info.household or 'geen naam'})."
        )
    catalogue, note = catalogue_for(framework, earlier_info)
    if note:
        print(note, file=sys.stderr)
    comparison = compare_saved(store, framework, catalogue, earlier_id, later_id)
    from .view import console, show_comparison, show_follow_ups

    out = console()
    show_comparison(out, comparison, earlier_info, later_info)
    show_follow_ups(out, store.load(later_id)[1].previous_agreements_with_status())


# ---------------------------------------------------------------- the catalogue

catalogus_app = typer.Typer(
    cls=DutchGroup,
    help="Bekijk en controleer een catalogus met aanbod.",
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(catalogus_app, name="catalogus")

FileArgument = Annotated[
    Path | None,
    typer.Argument(metavar="[BESTAND]", help="Een eigen catalogus; zonder bestand: de meegeleverde."),
]


@catalogus_app.command("schema", cls=DutchCommand, help="Laat het JSON Schema van een catalogus zien.")
@guard
def catalogus_schema() -> None:
    from .catalogue import schema_text
    from .load import load_framework

    print(schema_text(load_framework()), end="")


@catalogus_app.command(
    "controleer", cls=DutchCommand, help="Controleer een catalogus en noem alle problemen met hun regel."
)
@guard
def catalogus_controleer(bestand: FileArgument = None) -> None:
    from .catalogue import check, review
    from .errors import InvalidFileError
    from .load import CATALOGUE_FILE, bundled, load_framework, read_source

    framework = load_framework()
    source = read_source(bestand) if bestand else bundled(CATALOGUE_FILE)
    problems = check(framework, source, _today())
    version, warnings = review(source, _today())
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
    "dekking", cls=DutchCommand, help="Laat zien hoeveel aanbod er is per competentie en pijler."
)
@guard
def catalogus_dekking(bestand: FileArgument = None, json_output: JsonOption = False) -> None:
    from .catalogue import coverage
    from .load import load_catalogue, load_framework

    framework = load_framework()
    result = coverage(framework, load_catalogue(framework, bestand), today=_today())
    if json_output:
        from .export import coverage_json

        print(coverage_json(result))
        return
    from .view import console, show_coverage

    show_coverage(console(), framework, result)


# ---------------------------------------------------------------- the program


def run(argv: list[str] | None = None) -> int:
    """Run the program; click's own (English) usage errors become Dutch messages."""
    try:
        args = sys.argv[1:] if argv is None else argv
        result = _app_for(args)(args=args, prog_name="pleegreflectie", standalone_mode=False)
    except NoArgsIsHelp as exc:
        print(str(exc))
        return int(ExitCode.OK)
    except click_errors.NoSuchOption as exc:
        _say_error(f"de optie '{exc.option_name}' bestaat niet. {_try_help(exc.ctx)}")
        return int(ExitCode.INVALID_INPUT)
    except click_errors.BadOptionUsage as exc:
        if "does not take a value" in exc.message:
            _say_error(f"achter de optie '{exc.option_name}' hoort geen waarde. {_try_help(exc.ctx)}")
        else:
            _say_error(f"bij de optie '{exc.option_name}' hoort een waarde. {_try_help(exc.ctx)}")
        return int(ExitCode.INVALID_INPUT)
    except click_errors.MissingParameter as exc:
        name = exc.param.opts[0] if exc.param and exc.param.opts else "een waarde"
        _say_error(f"{name} ontbreekt. {_try_help(exc.ctx)}")
        return int(ExitCode.INVALID_INPUT)
    except click_errors.BadParameter as exc:
        name = exc.param.opts[0] if exc.param and exc.param.opts else "een waarde"
        kind = getattr(exc.param, "type", None)
        what = ""
        if isinstance(kind, click.IntRange) and kind.min is not None and kind.max is not None:
            what = f" Kies een heel getal van {kind.min} tot en met {kind.max}."
        elif isinstance(kind, click.types.IntParamType):
            what = " Typ een heel getal, zoals 3."
        _say_error(f"de waarde bij {name} klopt niet.{what} {_try_help(exc.ctx)}")
        return int(ExitCode.INVALID_INPUT)
    except click_errors.UsageError as exc:
        if "No such command" in exc.message:
            word = exc.message.split("'")[1] if "'" in exc.message else ""
            _say_error(f"de opdracht '{word}' bestaat niet. {_try_help(None)}")
        elif "unexpected extra argument" in exc.message:
            extra = exc.message.partition("(")[2].rstrip(").")
            _say_error(f"dit hoort hier niet: '{extra}'. {_try_help(exc.ctx)}")
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


def _app_for(args: list[str]) -> typer.Typer:
    """The app with only the command asked for (when the first word names one).

    typer turns every registered command into a click command on each run (reading signatures and
    type hints), which costs more than running most commands. The help of the program itself, a
    mistyped command and no command at all get the whole app.
    """
    name = args[0] if args else ""
    commands = [c for c in app.registered_commands if c.name == name]
    groups = [g for g in app.registered_groups if g.name == name]
    if name.startswith("-") or not (commands or groups):
        return app
    import copy

    trimmed = copy.copy(app)
    trimmed.registered_commands = commands
    trimmed.registered_groups = groups
    return trimmed


def _try_help(ctx: click.Context | None) -> str:
    path = ctx.command_path if ctx else "pleegreflectie"
    return f"Typ '{path} --help' voor hulp."
