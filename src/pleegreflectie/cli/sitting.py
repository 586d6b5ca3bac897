"""The sitting: start and hervat, the interview at the table, the result at the end."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import ExitCode, PleegreflectieError
from ..streams import OutputError
from .base import (
    AnswersOption,
    CatalogueOption,
    FrameworkOption,
    IdArgument,
    JsonOption,
    PillarOption,
    SimpleOption,
    _is_html,
    _me,
    _need_terminal,
    _note,
    _plain_mode,
    _presenter_and_prompts,
    _say_error,
    _write_report,
    command,
    wrapped,
)

if TYPE_CHECKING:
    from rich.console import Console

    from ..flow import Sitting
    from ..history import Outcome
    from ..interview import Interview
    from ..models import Answers, Catalogue, Framework
    from ..plain import PlainMode
    from ..profile import ProfileQuestions
    from ..session import Autosave
    from ..store import Store


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
            "--signalen",
            metavar="BESTAND",
            help="Eigen bestand met signalen voor het gesprek (YAML).",
            readable=False,
        ),
    ] = None,
    eenvoudig: SimpleOption = False,
    pijlers: FrameworkOption = None,
) -> None:
    plain = _plain_mode(eenvoudig)
    welcomed = antwoorden is None and sys.stdin.isatty() and sys.stdout.isatty()
    if welcomed:  # on screen at once: the data, the store and the prompts load after it
        _welcome(saving=not geen_opslag, styled=plain is None)
    from .. import application

    prepared = application.prepare(
        pillars=pijler,
        framework_path=pijlers,
        catalogue_path=catalogus,
        signals_path=signalen,
        saving=not geen_opslag,
    )
    framework, catalogue, autosave = prepared.framework, prepared.catalogue, prepared.autosave
    if antwoorden is not None:
        sitting, answers = application.sitting_from_file(prepared, antwoorden, _note)
        _conclude(
            framework, catalogue, sitting, autosave, plain, json_output=json_output, consent=answers.consent
        )
        return
    _need_terminal(
        "de vragen hebben een terminal nodig, en die is er nu niet. "
        "Maak een antwoordenbestand met 'pleegreflectie sjabloon > antwoorden.yaml', vul het in, "
        "en start dan met 'pleegreflectie start --antwoorden antwoorden.yaml'."
    )
    from ..flow import new_sitting

    sitting = new_sitting(prepared.pillar_ids, together=samen or None, worker=met_begeleider or None)
    sitting.signals_path = prepared.signals_path
    _ask(
        framework,
        catalogue,
        sitting,
        autosave,
        plain,
        json_output=json_output,
        new=True,
        welcomed=welcomed,
        questions=prepared.questions,
    )


WELCOME = (
    "Welkom bij pleegreflectie.",
    "Er zijn geen goede of foute antwoorden. Kies wat nu het beste bij je past.",
)
SAVING = "Elk antwoord wordt meteen bewaard op deze computer."


def _welcome(*, saving: bool, styled: bool) -> None:
    """The welcome of a new reflection, written before anything heavy is imported (no rich); `styled`:
    bold and dim (not in the plain mode)."""
    import shutil
    import textwrap

    width = min(80, shutil.get_terminal_size().columns)
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
    from .. import application

    plain = _plain_mode(eenvoudig)
    framework, catalogue, info, sitting, autosave, questions = application.resume_sitting(
        nummer, _note, worker=met_begeleider, pillars=pijler
    )
    reflection_id = info.id
    if info.finished or sitting.is_complete(framework, questions):
        if not json_output:
            from ..view import console

            console(plain=plain is not None).print(
                f"Reflectie {reflection_id} is al helemaal ingevuld. Dit is de uitkomst."
            )
        # Looking at a finished reflection changes nothing that was saved.
        _conclude(
            framework, catalogue, sitting, autosave, plain, json_output=json_output, save=not info.finished
        )
        return
    _need_terminal(
        "de vragen hebben een terminal nodig, en die is er nu niet. Open een terminal en typ daar "
        f"'{_me()} hervat {reflection_id}'."
    )
    _ask(
        framework,
        catalogue,
        sitting,
        autosave,
        plain,
        json_output=json_output,
        new=False,
        questions=questions,
    )


def _ask(
    framework: "Framework",
    catalogue: "Catalogue",
    sitting: "Sitting",
    autosave: "Autosave",
    plain: "PlainMode | None",
    *,
    json_output: bool,
    new: bool,
    questions: "ProfileQuestions",
    welcomed: bool = False,
) -> None:
    from .. import application
    from ..interview import Interview, Stopped
    from ..markup import styled
    from ..view import console

    out = console(plain=plain is not None)
    presenter, prompts = _presenter_and_prompts(plain, out)
    interview = Interview(
        framework,
        presenter,
        titles={c.id: c.title for c in catalogue.entries},
        saving=autosave.store is not None,
        prompts=prompts,
        today=application.today(),
        profile_questions=questions,
    )
    sitting.begin_visit(application.today())
    if new:
        if not welcomed:
            out.print(styled("[bold]{}[/bold]", WELCOME[0]))
            out.print(WELCOME[1])
            if autosave.store is not None:
                out.print(styled("[dim]{}[/dim]", SAVING))
        if autosave.store is not None:
            unfinished = autosave.store.latest_unfinished()
            if unfinished is not None:
                out.print(styled("[dim]Let op: reflectie {} is nog niet af.[/dim]", unfinished))
                out.print(styled("[dim]Daarmee verder? Stop met Ctrl-C en typ:[/dim]"))
                # soft_wrap: a long command is never cut in two by a line break of ours.
                out.print(f"  {_me()} hervat {unfinished}", style="dim", markup=False, soft_wrap=True)
    else:
        out.print(
            styled("[bold]Welkom terug.[/bold] We gaan verder met reflectie {}.", autosave.reflection_id)
        )
    try:
        interview.run(sitting, on_change=autosave)
    except (Stopped, KeyboardInterrupt, EOFError) as exc:  # EOFError: Ctrl-D
        _say_how_to_continue(autosave)
        if isinstance(exc, KeyboardInterrupt):
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        raise typer.Exit(0) from None
    _conclude(framework, catalogue, sitting, autosave, plain, json_output=json_output, interview=interview)


def _say_how_to_continue(autosave: "Autosave") -> None:
    if autosave.reflection_id is None:
        message = "\nGestopt. Er was nog niets ingevuld, dus er is niets bewaard."
        if autosave.store is None:
            message = "\nGestopt. Je antwoorden zijn niet bewaard (je koos --geen-opslag)."
    else:
        message = wrapped(
            f"\nGestopt. Je antwoorden zijn bewaard als reflectie {autosave.reflection_id}.\n"
            "Ga later verder met:",
            sys.stderr,
        )
        # The command on a line of its own, never broken: it can be copied whole.
        message += f"\n  {_me()} hervat {autosave.reflection_id}"
    print(wrapped(message, sys.stderr) if autosave.reflection_id is None else message, file=sys.stderr)


def _conclude(
    framework: "Framework",
    catalogue: "Catalogue",
    sitting: "Sitting",
    autosave: "Autosave",
    plain: "PlainMode | None",
    *,
    json_output: bool,
    interview: "Interview | None" = None,
    save: bool = True,
    consent: bool | None = None,
) -> None:
    """Score, plan the route, save the reflection as finished (unless told not to) and show it all.

    `consent`: an answers file's `anoniem_meetellen` (None: not said; on a terminal it is asked)."""
    from .. import application

    outcome = application.conclude(framework, catalogue, sitting, autosave, _note, save=save, consent=consent)
    try:
        _show_outcome(
            framework, sitting, autosave, outcome, plain, json_output=json_output, interview=interview
        )
    except OutputError as exc:
        if autosave.reflection_id is None:
            raise
        number = autosave.reflection_id
        raise PleegreflectieError(
            f"de reflectie is bewaard als nummer {number}, maar de uitkomst kon niet op de uitvoer "
            f"komen ({exc.why}). Start hem dus niet opnieuw. Bekijk de uitkomst met: "
            f"pleegreflectie rapport {number} -o verslag.md",
            exit_code=ExitCode.OUTPUT,
        ) from None


def _show_outcome(
    framework: "Framework",
    sitting: "Sitting",
    autosave: "Autosave",
    outcome: "Outcome",
    plain: "PlainMode | None",
    *,
    json_output: bool,
    interview: "Interview | None",
) -> None:
    """The result, route and conversation points on standard output (as JSON, or for the terminal)."""
    from ..streams import finish

    answers, result, route, table = outcome.answers, outcome.result, outcome.route, outcome.table
    if json_output:
        from ..export import result_json

        print(
            result_json(
                result,
                route=route,
                reflection_id=autosave.reflection_id,
                table=table,
                profile=answers.profile,
            )
        )
        finish()
        return
    from ..models import address_of
    from ..view import console, show_result, show_route, show_table

    out = console(plain=plain is not None)
    show_result(out, framework, result, answers)
    show_route(out, framework, route, result, address_of(answers))
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
    finish()
    if interview is not None and autosave.store is not None and autosave.reflection_id is not None:
        _ask_consent(interview, autosave.store, autosave.reflection_id, answers, out=out)
        _offer_report(interview, autosave.reflection_id, answers)


def _ask_consent(
    interview: "Interview",
    store: "Store",
    reflection_id: int,
    answers: "Answers",
    *,
    out: "Console | None" = None,
) -> None:
    """Once per household: may its answers count, without name, in the organisation's overview? `out`:
    the console of the result (the plain mode's, when it is on)."""
    from ..models import address_of
    from ..view import console

    out = out or console()
    two = address_of(answers) == "jullie"
    your = "jullie" if two else "je"
    given = store.consent(reflection_id)
    if given is not None:
        said = "tellen mee" if given else "tellen niet mee"
        out.print()
        out.print(f"De antwoorden van dit gezin {said} in het overzicht van de organisatie (zonder naam).")
        out.print("Veranderen kan met:")
        out.print(
            f"  {_me()} meetellen {reflection_id} {'nee' if given else 'ja'}", markup=False, soft_wrap=True
        )
        return
    out.print()
    out.print(
        "De pleegzorgorganisatie wil graag weten waar pleegouders behoefte aan hebben. "
        f"Daarvoor kunnen {your} scores meetellen, zonder naam, zonder notities en zonder datum. "
        f"Niemand kan zien dat het {'jullie' if two else 'jouw'} antwoorden zijn.",
        markup=False,
    )
    yes = interview.confirm(f"Mogen {your} antwoorden zonder naam meetellen?", default=False)
    store.set_consent(reflection_id, yes)
    if yes:
        out.print("Dank je wel. Veranderen kan altijd met:")
        out.print(f"  {_me()} meetellen {reflection_id} nee", markup=False, soft_wrap=True)


def _offer_report(interview: "Interview", reflection_id: int, answers: "Answers") -> None:
    from .. import application

    label = (answers.profile.household or "gezin").lower()
    slug = "-".join("".join(ch if ch.isalnum() else " " for ch in label).split()) or "gezin"
    default = f"verslag-{slug}-{application.today().isoformat()}.md"
    name = interview.report_file(default)
    if name is None:
        return
    try:
        _write_report(
            name,
            lambda target: application.saved_report(reflection_id, _note, html=_is_html(target)),
            confirm=interview.confirm,
            ask_name=interview.ask_text,
        )
    except PleegreflectieError as exc:
        _say_error(exc.message)
        # Wrapped between words; the command on a line of its own, never broken: it can be copied whole.
        print(
            wrapped("Er is geen verslag gemaakt. De reflectie is wel bewaard. Maak het verslag later met:")
            + f"\n  {_me()} rapport {reflection_id} -o verslag.md"
        )
        raise typer.Exit(int(exc.exit_code)) from None
