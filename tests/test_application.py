"""The application layer called directly, without typer: what a command gets back, and the Dutch
message and exit code of each refusal. Through the commands these run in test_cli*.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pleegreflectie import application
from pleegreflectie.errors import ExitCode, PleegreflectieError
from pleegreflectie.models import Framework, LearningForm

FIXTURES = Path(__file__).parent / "fixtures"


def refused(call: object, *args: object, **kwargs: object) -> PleegreflectieError:
    assert callable(call)
    with pytest.raises(PleegreflectieError) as caught:
        call(*args, **kwargs)
    return caught.value


# ---------------------------------------------------------------- choices a command checks


def test_chosen_pillars_in_the_frameworks_order_whatever_the_order_asked(framework: Framework) -> None:
    assert application.chosen_pillars(framework, [" Opvoeden", "zorgen"]) == ["zorgen", "opvoeden"]
    assert application.chosen_pillars(framework, None) == [p.id for p in framework.pillars]


def test_an_unknown_pillar_is_refused_with_the_known_ones(framework: Framework) -> None:
    error = refused(application.chosen_pillars, framework, ["zorgen", "koken"])
    assert error.exit_code == ExitCode.INVALID_INPUT
    assert error.message == (
        "'koken' is geen pijler. Kies uit: zorgen, samenwerken, opvoeden, ontwikkelen, functioneren."
    )


def test_chosen_forms() -> None:
    assert application.chosen_forms(None) is None
    assert application.chosen_forms(["Online ", "groep"]) == [LearningForm.ONLINE, LearningForm.GROUP]
    error = refused(application.chosen_forms, ["online", "per post"])
    assert error.exit_code == ExitCode.INVALID_INPUT
    assert error.message.startswith("'per post' is geen vorm. Kies uit: groep, online, thuis")


# ---------------------------------------------------------------- saved reflections


def test_an_empty_store_has_no_latest_reflection() -> None:
    store = application.open_store()
    error = refused(application.saved_id, store, None)
    assert error.exit_code == ExitCode.NOT_FOUND
    assert "er is nog geen bewaarde reflectie" in error.message
    assert application.saved_id(store, 7) == 7  # a number given is taken as it is


def finished(answers: Path = FIXTURES / "oma.yaml") -> int:
    """A finished reflection made as `start --antwoorden` makes one; its number."""
    notes: list[str] = []
    prepared = application.prepare(
        pillars=None, framework_path=None, catalogue_path=None, signals_path=None, saving=True
    )
    sitting, _ = application.sitting_from_file(prepared, answers, notes.append)
    application.conclude(prepared.framework, prepared.catalogue, sitting, prepared.autosave, notes.append)
    assert prepared.autosave.reflection_id is not None
    return prepared.autosave.reflection_id


def test_a_sitting_from_a_file_is_concluded_saved_and_reported() -> None:
    number = finished()
    store = application.open_store(read_only=True)
    info, _ = store.load(number)
    assert info.finished and info.route  # saved as finished, with its route
    notes: list[str] = []
    text = application.saved_report(None, notes.append, html=False)  # None: the latest
    assert text.startswith("# Reflectie pleegouderschap\n")
    assert "- Gezin: Oma Jansen\n" in text and f"- Nummer van deze reflectie: {number}\n" in text
    page = application.saved_report(number, notes.append, html=True)
    assert f"<title>Reflectie pleegouderschap ({number})</title>" in page and "<svg" in page
    summary = application.saved_report(number, notes.append, html=True, summary=True)
    assert f"<title>Samenvatting ({number})</title>" in summary and len(summary) < len(page)
    assert notes == []  # the bundled catalogue is there: nothing to say


def test_comparing_needs_an_earlier_reflection_of_the_household() -> None:
    store = application.open_store()
    error = refused(application.comparison_pair, store, None, None)
    assert error.exit_code == ExitCode.NOT_FOUND
    assert "er is nog geen reflectie helemaal af" in error.message
    first = finished()
    error = refused(application.comparison_pair, store, None, None)
    assert "er is geen eerdere reflectie van" in error.message
    second = finished()
    earlier, later = application.comparison_pair(store, None, None)
    assert (earlier.id, later.id) == (first, second)
    earlier, later = application.comparison_pair(store, second, None)  # one number: the one before it
    assert (earlier.id, later.id) == (first, second)


def test_nothing_to_resume_is_said_with_how_to_begin() -> None:
    error = refused(application.resume_sitting, None, print, worker=False, pillars=None)
    assert error.exit_code == ExitCode.NOT_FOUND
    assert error.message == (
        "er is geen reflectie die nog niet af is. Begin een nieuwe met 'pleegreflectie start'."
    )


def test_a_number_and_an_answers_file_together_are_refused(framework: Framework) -> None:
    error = refused(application.sitting_for, 1, FIXTURES / "oma.yaml", framework)
    assert error.exit_code == ExitCode.INVALID_INPUT
    assert error.message == "kies een nummer of --antwoorden, niet allebei."


# ---------------------------------------------------------------- files for the user


def test_a_taken_report_name_asks_and_suggests_a_free_one(tmp_path: Path) -> None:
    (tmp_path / "verslag.md").write_text("van mij", encoding="utf-8")
    (tmp_path / "verslag-2.md").write_text("ook van mij", encoding="utf-8")
    asked: list[str] = []

    def confirm(question: str) -> bool:
        asked.append(question)
        return False

    chosen = application.report_target(
        str(tmp_path / "verslag.md"), overwrite=False, confirm=confirm, ask_name=lambda _, free: free
    )
    assert chosen == application.Target(str(tmp_path / "verslag-3.md"), overwrite=False, settled=True)
    assert asked == [f"{tmp_path / 'verslag.md'} bestaat al. Wil je het overschrijven?"]


def test_someone_who_keeps_typing_taken_names_is_not_asked_forever(tmp_path: Path) -> None:
    taken = tmp_path / "verslag.md"
    taken.write_text("van mij", encoding="utf-8")
    chosen = application.report_target(
        str(taken), overwrite=False, confirm=lambda _: False, ask_name=lambda *_: str(taken)
    )
    assert chosen == application.Target(str(taken), overwrite=False, settled=False)


def test_without_a_terminal_the_name_stays() -> None:
    chosen = application.report_target("-", overwrite=False, confirm=None, ask_name=None)
    assert chosen == application.Target("-", overwrite=False, settled=True)


# ---------------------------------------------------------------- the layer itself


def test_the_application_layer_loads_no_user_interface() -> None:
    """Importing it and running its imports for a whole sitting leaves typer, rich and questionary out."""
    probe = (
        "import sys\n"
        "from pleegreflectie import application\n"
        "from pleegreflectie.load import load_framework\n"
        "application.chosen_pillars(load_framework(), None)\n"
        "print(sorted(m for m in ('typer', 'click', 'rich', 'questionary') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
