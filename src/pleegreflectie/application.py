"""The application layer: what a command does with the domain, typed, without a user interface.

One sitting from its data to its result (`prepare`, `sitting_from_file`, `resume_sitting`,
`conclude`), saved reflections (`saved_id`, `saved_report`, `sitting_for`,
`comparison_pair`) and the choices a command checks (`chosen_pillars`, `chosen_forms`). The
commands in `cli/` parse options, call these, print and set the exit code.

No typer, rich or questionary here (an import-linter contract in pyproject.toml keeps it so): a
note for the user goes to the `Note` the command passes in, a question to the person to the
callables it passes in. The heavy modules (the store, the loaders, the documents) are imported
inside the functions that need them, so that `pleegreflectie --help` stays fast.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .errors import ExitCode, PleegreflectieError

if TYPE_CHECKING:
    import datetime as dt

    from .compare import Comparison
    from .flow import Sitting
    from .history import Outcome
    from .models import Agreement, Answers, Catalogue, Framework, LearningForm
    from .organisation import AnonRecord, Overview
    from .paper import Typed
    from .profile import ProfileQuestions
    from .route import Route
    from .scoring import Result
    from .session import Autosave
    from .store import ReflectionInfo, Store
    from .yamlfile import Source

Note = Callable[[str], None]
"""Where a note for the user goes (the commands: standard error, wrapped)."""


def today() -> dt.date:
    import datetime as dt

    return dt.date.today()


# ---------------------------------------------------------------- choices a command checks


def chosen_pillars(framework: Framework, pillars: list[str] | None) -> list[str]:
    """The pillar ids asked for (`--pijler`), in the framework's order; all when none is asked for."""
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


def chosen_forms(forms: list[str] | None) -> list[LearningForm] | None:
    """The learning forms asked for (`--vorm`); None when none is asked for."""
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


# ---------------------------------------------------------------- saved reflections


def open_store(*, read_only: bool = False) -> Store:
    """The store; `read_only` for a command that only reads (it then also works in a read-only folder)."""
    from .store import Store

    return Store.open(read_only=read_only)


def saved_id(store: Store, nummer: int | None) -> int:
    """The given number, or else the reflection worked on most recently."""
    reflection_id = nummer if nummer is not None else store.latest()
    if reflection_id is None:
        raise PleegreflectieError(
            "er is nog geen bewaarde reflectie. Begin met 'pleegreflectie start'.",
            exit_code=ExitCode.NOT_FOUND,
        )
    return int(reflection_id)


def saved_report(nummer: int | None, note: Note, *, html: bool, summary: bool = False) -> str:
    """The report of a saved reflection: Markdown, or HTML to print with charts; `summary`: the
    summary (the hand-out) alone."""
    from .history import catalogue_for, report_and_result_of
    from .load import load_framework

    framework = load_framework()
    store = open_store(read_only=True)
    reflection_id = saved_id(store, nummer)
    catalogue, said = catalogue_for(framework, store.load(reflection_id)[0])
    if said:
        note(said)
    text, result, comparison = report_and_result_of(
        store, framework, catalogue, reflection_id, catalogue_note=said, summary_only=summary, charts=html
    )
    if not html:
        return text
    from .report import CHANGES
    from .report_html import before_after_chart, chart_of, render_html

    chart = chart_of(result, [(p.id, p.title) for p in framework.pillars])
    more = {}
    if comparison is not None:
        more[CHANGES] = (before_after_chart(comparison), "Per pijler de score van de vorige keer en nu.")
    title = f"{'Samenvatting' if summary else 'Reflectie pleegouderschap'} ({reflection_id})"
    return render_html(text, title=title, chart=chart, charts=more)


def sitting_for(
    nummer: int | None, answers_path: Path | None, framework: Framework, catalogue: Catalogue | None = None
) -> Sitting:
    """The sitting of a saved reflection (by number, or the latest) or of an answers file."""
    if answers_path is not None and nummer is not None:
        raise PleegreflectieError(
            "kies een nummer of --antwoorden, niet allebei.", exit_code=ExitCode.INVALID_INPUT
        )
    if answers_path is not None:
        from .answers_file import load_answers
        from .flow import from_answers
        from .profile_file import bundled_questions

        answers = load_answers(framework, answers_path, catalogue)
        return from_answers(framework, answers, [p.id for p in framework.pillars], bundled_questions())
    store = open_store(read_only=True)
    return store.load(saved_id(store, nummer))[1]


def comparison_pair(
    store: Store, first: int | None, second: int | None
) -> tuple[ReflectionInfo, ReflectionInfo]:
    """The earlier and the later reflection to compare. Two numbers: those. One: it and the
    household's reflection before it. None: the latest finished one and the one before it."""
    from .history import previous_of

    if first is not None and first == second:
        raise PleegreflectieError(
            f"je vergelijkt reflectie {first} met zichzelf. Kies twee verschillende nummers; "
            "zie 'pleegreflectie overzicht'.",
            exit_code=ExitCode.INVALID_INPUT,
        )
    named = second if second is not None else first
    later_id = named if named is not None else store.latest_finished()
    if later_id is None:
        raise PleegreflectieError(
            "er is nog geen reflectie helemaal af. Maak eerst een reflectie af met 'pleegreflectie start'.",
            exit_code=ExitCode.NOT_FOUND,
        )
    later_info, _ = store.load(later_id)
    earlier_id = first if second is not None else previous_of(store, later_info)
    if earlier_id is None:
        raise PleegreflectieError(
            f"er is geen eerdere reflectie van {later_info.household or 'dit gezin'} om mee te vergelijken. "
            "Geef twee nummers, zoals: pleegreflectie vergelijk 1 3",
            exit_code=ExitCode.NOT_FOUND,
        )
    earlier_info, _ = store.load(earlier_id)
    return earlier_info, later_info


class Replanned(NamedTuple):
    framework: Framework
    answers: Answers
    result: Result
    route: Route


def replan(
    nummer: int | None,
    note: Note,
    *,
    answers_path: Path | None,
    catalogue_path: Path | None,
    forms: list[str] | None,
    hours: int | None,
    advice_path: Path | None,
) -> Replanned:
    """The route of a saved reflection (or of an answers file) planned again, perhaps with other
    forms, fewer hours, another catalogue or other sentences (`pleegreflectie route`)."""
    from .advice_file import load_advice
    from .load import load_catalogue, load_framework
    from .route import plan_for_sitting

    advice = load_advice(advice_path)
    framework = load_framework()
    if catalogue_path is not None or answers_path is not None:
        catalogue = load_catalogue(framework, catalogue_path)
        chosen = chosen_forms(forms)
        sitting = sitting_for(nummer, answers_path, framework, catalogue)
    else:  # a saved reflection, read once: its sitting and the catalogue it was made with
        from .history import catalogue_for

        store = open_store(read_only=True)
        info, sitting = store.load(saved_id(store, nummer))
        catalogue, said = catalogue_for(framework, info)
        if said:
            note(said)
        chosen = chosen_forms(forms)
    answers, result, planned = plan_for_sitting(
        framework, catalogue, sitting, today=today(), forms=chosen, hours=hours, advice=advice
    )
    return Replanned(framework, answers, result, planned)


class Compared(NamedTuple):
    comparison: Comparison
    follow_ups: list[Agreement]  # last time's agreements, with what became of them


def compare(
    store: Store, framework: Framework, earlier: ReflectionInfo, later: ReflectionInfo, note: Note
) -> Compared:
    """What changed from the earlier reflection to the later one (planned with the earlier one's
    catalogue), and the agreements the later one followed up."""
    from .advice_file import load_advice
    from .history import catalogue_for, compare_saved

    catalogue, said = catalogue_for(framework, earlier)
    if said:
        note(said)
    comparison = compare_saved(store, framework, catalogue, earlier.id, later.id, advice=load_advice())
    return Compared(comparison, store.load(later.id)[1].previous_agreements_with_status())


# ---------------------------------------------------------------- a sitting


class Prepared(NamedTuple):
    """What a new sitting needs, read and checked before the first question."""

    framework: Framework
    catalogue: Catalogue
    pillar_ids: list[str]
    autosave: Autosave
    signals_path: str | None
    questions: ProfileQuestions  # the questions about the family (data/profiel.yaml)


def prepare(
    *,
    pillars: list[str] | None,
    framework_path: Path | None,
    catalogue_path: Path | None,
    signals_path: Path | None,
    saving: bool,
) -> Prepared:
    """Read and check every data file a sitting uses, so that a broken one stops it before any
    question; open the store (unless not `saving`)."""
    from .load import load_catalogue, load_framework
    from .profile_file import bundled_questions
    from .session import Autosave
    from .signals_file import load_signals

    framework = load_framework(framework_path)
    catalogue = load_catalogue(framework, catalogue_path)  # a broken catalogue stops us before any question
    load_signals(framework, signals_path)  # and so does a broken signalen.yaml
    questions = bundled_questions()  # and the questions about the family (data/profiel.yaml)
    pillar_ids = chosen_pillars(framework, pillars)
    store = open_store() if saving else None
    autosave = Autosave(store, framework.version, catalogue.version)
    if catalogue_path is not None:  # remembered per reflection, so a report later plans with it too
        autosave.catalogue_path = str(catalogue_path.expanduser().resolve())
    signals = str(signals_path.expanduser().resolve()) if signals_path is not None else None
    return Prepared(framework, catalogue, pillar_ids, autosave, signals, questions)


def sitting_from_file(prepared: Prepared, answers_path: Path, note: Note) -> tuple[Sitting, Answers]:
    """The sitting of an answers file (`start --antwoorden`), with last time's agreements of its
    household; notes for dates already past."""
    from .answers_file import past_dates, read_answers
    from .flow import from_answers

    framework = prepared.framework
    answers, source = read_answers(framework, answers_path, prepared.catalogue)
    for said in past_dates(source, answers, today()):
        note(said)
    sitting = from_answers(framework, answers, prepared.pillar_ids, prepared.questions)
    sitting.signals_path = prepared.signals_path
    follow_ups(sitting, prepared.autosave, answers, source)
    return sitting, answers


def follow_ups(sitting: Sitting, autosave: Autosave, answers: Answers, source: Source) -> None:
    """Last time's agreements of this household (from the store), with the statuses an answers file
    gives under `begeleider.vorige_afspraken`; agreements it does not name stay open. Without an
    earlier reflection the file's own list is taken as last time's agreements."""
    from .answers_file import unknown_follow_ups
    from .flow import match_follow_ups

    autosave.look_up_previous_route(sitting)
    said = [(f.what, f.status) for f in answers.worker.follow_ups] if answers.worker else []
    if not said:
        return
    agreements = list(sitting.previous_agreements or []) or [{"wat": what} for what, _ in said]
    statuses, unknown = match_follow_ups(agreements, said)
    if unknown:
        known = [str(a.get("wat", "")) for a in agreements]
        raise unknown_follow_ups(source, [what for what, _ in said], unknown, known)
    sitting.set_previous_agreements(agreements, statuses)


class Resumed(NamedTuple):
    framework: Framework
    catalogue: Catalogue
    info: ReflectionInfo
    sitting: Sitting
    autosave: Autosave
    questions: ProfileQuestions  # the questions about the family (data/profiel.yaml)


def resume_sitting(nummer: int | None, note: Note, *, worker: bool, pillars: list[str] | None) -> Resumed:
    """A saved reflection to go on with (by number, or the latest unfinished one), with the
    catalogue it was made with; `worker`: the worker's part opened again; `pillars`: these pillars
    added."""
    from .history import catalogue_for
    from .load import load_framework
    from .profile_file import bundled_questions
    from .session import resume

    framework = load_framework()
    chosen = chosen_pillars(framework, pillars) if pillars else []  # checked before anything is saved
    store = open_store()
    reflection_id = nummer if nummer is not None else store.latest_unfinished()
    if reflection_id is None:
        raise PleegreflectieError(
            "er is geen reflectie die nog niet af is. Begin een nieuwe met 'pleegreflectie start'.",
            exit_code=ExitCode.NOT_FOUND,
        )
    info, sitting, autosave = resume(store, reflection_id)
    if worker:
        sitting.reopen_worker_part()
        store.reopen(reflection_id, sitting)
        info, sitting, autosave = resume(store, reflection_id)
    if chosen:
        added = [p for p in chosen if p not in sitting.pillar_ids]
        if added:
            sitting.pillar_ids = [p.id for p in framework.pillars if p.id in {*sitting.pillar_ids, *added}]
            store.reopen(reflection_id, sitting)
            info, sitting, autosave = resume(store, reflection_id)
    catalogue, said = catalogue_for(framework, info)
    if said:
        note(said)
    return Resumed(framework, catalogue, info, sitting, autosave, bundled_questions())


def conclude(
    framework: Framework,
    catalogue: Catalogue,
    sitting: Sitting,
    autosave: Autosave,
    note: Note,
    *,
    save: bool = True,
    consent: bool | None = None,
) -> Outcome:
    """Score, plan the route and save the reflection as finished (unless not `save`).

    `consent`: an answers file's `anoniem_meetellen` (None: not said)."""
    from .advice_file import load_advice
    from .history import outcome_of
    from .signals_file import signals_of

    rules, signals_note = signals_of(framework, sitting.signals_path)
    outcome = outcome_of(
        framework,
        catalogue,
        sitting,
        rules=rules,
        advice=load_advice(),
        today=today(),
        signals_note=signals_note,
    )
    if outcome.signals_note:
        note(outcome.signals_note)
    if save:
        autosave.finish([step.course.id for step in outcome.route.steps], sitting)
        if consent is not None and autosave.store is not None and autosave.reflection_id is not None:
            autosave.store.set_consent(autosave.reflection_id, consent)
    return outcome


def paper_sitting(framework: Framework, typed: Typed, text: str, household: str) -> tuple[Prepared, Sitting]:
    """A new reflection from a paper list typed in (`papier`), as `start --antwoorden` makes one:
    `text` is the answers file made of `typed`; saved when it is concluded."""
    from .answers_file import ANSWERS_LIMITS, parse_answers
    from .flow import from_answers
    from .load import load_catalogue
    from .profile_file import bundled_questions
    from .session import Autosave
    from .yamlfile import Source

    answers = parse_answers(framework, Source("(overgetypt)", text, ANSWERS_LIMITS))
    done = set().union(*typed.pillars.values()) if typed.pillars else set()
    pillar_ids = [p.id for p in framework.pillars if p.id in done] or [p.id for p in framework.pillars]
    questions = bundled_questions()
    sitting = from_answers(framework, answers, pillar_ids, questions)
    if household:
        sitting.profile["huishouden"] = household
    catalogue = load_catalogue(framework)
    autosave = Autosave(open_store(), framework.version, catalogue.version)
    return Prepared(framework, catalogue, pillar_ids, autosave, None, questions), sitting


# ---------------------------------------------------------------- the organisation


def anonymous_export() -> list[AnonRecord]:
    """One anonymous record per finished reflection of a household that said yes (`export --anoniem`)."""
    from .history import anonymous_records
    from .load import load_framework

    return anonymous_records(open_store(), load_framework())


def organisation_overview(
    paths: list[Path],
    *,
    catalogue_path: Path | None,
    min_households: int,
    start: str | None,
    end: str | None,
) -> tuple[Framework, Overview]:
    """Need against offer over the export files of many laptops (`organisatie`)."""
    from .anon_file import read_records
    from .load import load_catalogue, load_framework
    from .organisation import merge, overview

    framework = load_framework()
    catalogue = load_catalogue(framework, catalogue_path)
    merged = merge(read_records(path) for path in paths)
    result = overview(framework, catalogue, merged, min_households=min_households, start=start, end=end)
    return framework, result


# ---------------------------------------------------------------- files for the user


def free_name(path: Path) -> Path:
    """The first name beside `path` that is not taken: verslag.html -> verslag-2.html, -3, ..."""
    number = 1
    while True:
        number += 1
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        if not candidate.exists() and not candidate.is_symlink():
            return candidate


class Target(NamedTuple):
    name: str
    overwrite: bool
    settled: bool  # False: the person kept typing taken names; write without asking again


def report_target(
    target: str,
    *,
    overwrite: bool,
    confirm: Callable[[str], bool] | None,
    ask_name: Callable[[str, str], str] | None,
) -> Target:
    """Where the report goes: a taken name asks "overschrijven?", and when not, a new name with a
    free one suggested (verslag-2.html). Without `confirm` and `ask_name` (no terminal) the name
    stays, and writing it stops on a taken name (see `files.write_user_file`), unless `overwrite`."""
    for _ in range(20):  # a person who keeps typing taken names gets the message in the end
        path = Path(target).expanduser()
        taken = target != "-" and path.exists() and not path.is_dir() and not path.is_symlink()
        if taken and not overwrite and confirm is not None and ask_name is not None:
            if not confirm(f"{path} bestaat al. Wil je het overschrijven?"):
                suggestion = str(free_name(path))
                target = ask_name("Hoe moet het nieuwe bestand heten?", suggestion).strip() or suggestion
                continue
            overwrite = True
        return Target(target, overwrite, settled=True)
    return Target(target, overwrite, settled=False)
