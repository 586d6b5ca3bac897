"""The next visit carries on: agreement statuses, open agreements carried, `begeleider.vorige_afspraken`.

Flow units for carrying agreements, and answers files through CliRunner (the key names are a contract).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from typer.testing import CliRunner

from pleegreflectie.cli import app
from pleegreflectie.flow import Sitting, Step, StepKind, match_follow_ups
from pleegreflectie.models import Agreement

FIRST = """\
profiel:
  huishouden: Gezin Terug
  pleegouder: bestand
antwoorden:
  zorgen.gedrag.weten: 2
  zorgen.gedrag.doen: 2
begeleider:
  afspraken:
    - {wat: "Aanmelden voor de training", wie: "Sanne", wanneer: "2027-01-15"}
    - {wat: "Bellen met school"}
    - {wat: "Boek lezen over hechting"}
"""

NEXT = """\
profiel:
  huishouden: Gezin Terug
  pleegouder: bestand
antwoorden:
  zorgen.gedrag.weten: 3
  zorgen.gedrag.doen: 3
begeleider:
  vorige_afspraken:
{items}
"""


def write(tmp_path: Path, text: str, name: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def start(runner: CliRunner, path: Path, *extra: str) -> dict:
    result = runner.invoke(app, ["start", "--antwoorden", str(path), "--json", *extra])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# ---------------------------------------------------------------- the flow


def _sitting_with_previous(statuses: dict[str, str]) -> Sitting:
    sitting = Sitting(pillar_ids=["zorgen"], setup={"begeleider": True})
    sitting.previous_agreements = [
        {"wat": "Training", "wanneer": "2026-01-31"},
        {"wat": "Bellen met school", "wie": "Sanne"},
        {"wat": "Boek lezen"},
        {"wat": "Oppas zoeken"},
    ]
    sitting.follow_ups = dict(statuses)
    return sitting


def test_open_agreements_are_carried_once_and_done_ones_not() -> None:
    sitting = _sitting_with_previous({"1": "bezig", "2": "gedaan", "3": "niet-gedaan", "4": "niet-nodig"})
    assert sitting.carry_open_agreements() is True
    assert sitting.agreements == {
        "1": {"wat": "Training", "wanneer": "2026-01-31"},
        "2": {"wat": "Boek lezen"},
    }
    assert sitting.is_carried("1") and not sitting.is_carried("3")
    # Carried again (going back and forth): nothing doubles.
    assert sitting.carry_open_agreements() is False
    assert len(sitting.agreements) == 2
    # Once the first agreement of this visit was handled, a dropped one does not come back.
    sitting.record(Step(StepKind.AGREEMENT, "1"), None)
    assert sitting.carry_open_agreements() is False
    assert list(sitting.agreements) == ["2"]


def test_nog_niet_gedaan_is_open_and_said_in_words() -> None:
    agreement = Agreement.model_validate({"wat": "Bellen", "status": "niet-gedaan"})
    assert agreement.is_open
    assert not Agreement.model_validate({"wat": "Bellen", "status": "niet-nodig"}).is_open
    from pleegreflectie.conversation import agreement_text

    assert agreement_text(agreement) == "Bellen (nog niet gedaan)"


def test_follow_ups_match_on_the_text_without_case_or_spaces() -> None:
    agreements = [{"wat": "Bellen met school"}, {"wat": "Boek lezen"}]
    statuses, unknown = match_follow_ups(
        agreements, [("bellen  met School", "gedaan"), ("Iets anders", "bezig")]
    )
    assert statuses == {"1": "gedaan"}
    assert unknown == [1]


# ---------------------------------------------------------------- answers files


def test_vorige_afspraken_in_an_answers_file(tmp_path: Path) -> None:
    runner = CliRunner()
    start(runner, write(tmp_path, FIRST, "eerste.yaml"))
    items = (
        '    - {wat: "aanmelden voor de training", status: gedaan}\n'
        '    - {wat: "Bellen met school", status: nog niet gedaan}\n'
    )
    data = start(runner, write(tmp_path, NEXT.format(items=items), "tweede.yaml"))
    previous = [(a["wat"], a["status"]) for a in data["vorige_afspraken"]]
    assert previous == [
        ("Aanmelden voor de training", "gedaan"),
        ("Bellen met school", "niet-gedaan"),
        ("Boek lezen over hechting", "open"),  # not named in the file: stays open
    ]
    points = [t["tekst"] for t in data["gespreksonderwerpen"] if t["soort"] == "afspraak"]
    assert points == [
        "Afspraak van de vorige keer: Bellen met school (nog niet gedaan)",
        "Afspraak van de vorige keer: Boek lezen over hechting",
    ]


def test_a_next_reflection_from_a_file_shows_last_times_open_agreements(tmp_path: Path) -> None:
    runner = CliRunner()
    start(runner, write(tmp_path, FIRST, "eerste.yaml"))
    text = NEXT.split("begeleider:")[0]
    data = start(runner, write(tmp_path, text, "tweede.yaml"))
    assert [a["status"] for a in data["vorige_afspraken"]] == ["open", "open", "open"]
    assert len([t for t in data["gespreksonderwerpen"] if t["soort"] == "afspraak"]) == 3


def test_without_an_earlier_reflection_the_files_list_is_last_times(tmp_path: Path) -> None:
    items = '    - {wat: "Bellen met school", status: bezig}\n'
    data = start(CliRunner(), write(tmp_path, NEXT.format(items=items), "a.yaml"), "--geen-opslag")
    assert [(a["wat"], a["status"]) for a in data["vorige_afspraken"]] == [("Bellen met school", "bezig")]


def test_an_unknown_agreement_or_status_names_file_and_line(tmp_path: Path) -> None:
    runner = CliRunner()
    start(runner, write(tmp_path, FIRST, "eerste.yaml"))
    items = '    - {wat: "Bellen met school", status: gedaan}\n    - {wat: "Naar de zee", status: gedaan}\n'
    path = write(tmp_path, NEXT.format(items=items), "tweede.yaml")
    result = runner.invoke(app, ["start", "--antwoorden", str(path)])
    assert result.exit_code == 2, result.output
    assert f"{path}:10: 'Naar de zee' staat niet bij" in result.stderr, result.stderr
    assert "niet bij de afspraken van de vorige keer" in result.stderr
    assert "'Bellen met school'" in result.stderr  # what it could have been
    assert "Traceback" not in result.output

    items = '    - {wat: "Bellen met school", status: misschien}\n'
    path = write(tmp_path, NEXT.format(items=items), "derde.yaml")
    result = runner.invoke(app, ["start", "--antwoorden", str(path)])
    assert result.exit_code == 2, result.output
    assert f"{path}:9:" in result.stderr, result.stderr
    assert "niet-gedaan" in result.stderr, result.stderr


def test_a_past_date_is_asked_about(tmp_path: Path) -> None:
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from pleegreflectie.interview import Interview
    from pleegreflectie.load import load_framework

    class Quiet:
        def __getattr__(self, name: str) -> object:
            return lambda *args, **kwargs: None

    with create_pipe_input() as pipe:
        interview = Interview(
            load_framework(),
            Quiet(),
            prompt_input=pipe,
            prompt_output=DummyOutput(),
            today=dt.date(2026, 12, 6),
        )
        # 31-1-2026: "Klopt dat?" no; then 31-1-2027.
        pipe.send_text("31-1-2026\rn\x15" + "31-1-2027\r")
        assert interview._day("Wanneer?", None) == dt.date(2027, 1, 31)
        pipe.send_text("31-1-2026\rj")
        assert interview._day("Wanneer?", None) == dt.date(2026, 1, 31)


def test_a_dropped_agreement_does_not_come_back_at_the_visit_after(tmp_path: Path) -> None:
    from pleegreflectie.session import Autosave
    from pleegreflectie.store import Store

    store = Store.open()
    earlier = _sitting_with_previous({"1": "bezig", "2": "gedaan", "3": "niet-gedaan", "4": "niet-nodig"})
    earlier.profile = {"huishouden": "Gezin D"}
    earlier.carry_open_agreements()  # "Training" and "Boek lezen"
    earlier.record(Step(StepKind.AGREEMENT, "1"), {"wat": "Training", "wanneer": "2027-03-01"})
    earlier.record(Step(StepKind.AGREEMENT, "2"), None)  # "weg": no longer needed
    reflection = store.create(earlier, household="Gezin D", framework_version="t", catalogue_version=None)
    store.finish(reflection, route_ids=[])
    later = Sitting(pillar_ids=["zorgen"], profile={"huishouden": "Gezin D"})
    Autosave(store, "t").look_up_previous_route(later)
    assert [a["wat"] for a in later.previous_agreements or []] == ["Training"]


def test_opening_the_worker_part_again_does_not_carry_again() -> None:
    sitting = _sitting_with_previous({"1": "bezig", "3": "niet-gedaan"})
    sitting.carry_open_agreements()
    sitting.record(Step(StepKind.AGREEMENT, "1"), {"wat": "Training"})
    sitting.record(Step(StepKind.AGREEMENT, "2"), None)  # "Bellen met school" (not asked): dropped
    sitting.record(Step(StepKind.AGREEMENT, "3"), None)  # "Boek lezen": dropped
    sitting.reopen_worker_part()  # hervat --met-begeleider
    assert sitting.carry_open_agreements() is False
    assert [a["wat"] for a in sitting.agreements.values()] == ["Training", "Oppas zoeken"]


def test_a_past_date_in_an_answers_file_is_noted_with_file_and_line(tmp_path: Path) -> None:
    text = (
        FIRST.replace('wanneer: "2027-01-15"', 'wanneer: "2020-01-31"') + "  volgende_afspraak: 2020-02-01\n"
    )
    path = write(tmp_path, text, "oud.yaml")
    result = CliRunner().invoke(app, ["start", "--antwoorden", str(path), "--json", "--geen-opslag"])
    assert result.exit_code == 0, result.output
    err = " ".join(result.stderr.split())
    assert f"Let op: {path}:9: de datum 31-1-2020 bij de afspraak 'Aanmelden voor de training' is al" in err
    assert f"{path}:12: het volgende bezoek (1-2-2020) is al voorbij." in err
    assert json.loads(result.stdout)["begeleider"]["volgende_afspraak"] == "2020-02-01"  # still read
