"""The organisation's view (issue 19): records, merging, privacy rules, need against offer, commands.

The privacy rules are checked against an independent statement of them, computed here from the raw
records: a published cell has at least 10 households, mixed outcomes, and no subtraction from a
published total leaves an unsafe group.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from pleegreflectie.advice_file import load_advice
from pleegreflectie.anon_file import read_records, write_lines
from pleegreflectie.cli import app
from pleegreflectie.errors import InvalidFileError, PleegreflectieError
from pleegreflectie.load import load_catalogue
from pleegreflectie.models import Catalogue, Framework
from pleegreflectie.organisation import (
    AGE_BANDS,
    FORMAT,
    MIN_HOUSEHOLDS,
    AnonProfile,
    AnonRecord,
    Cell,
    Versions,
    merge,
    overview,
    units_of,
)
from pleegreflectie.scoring import GAP_MAX

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def catalogue(framework: Framework) -> Catalogue:
    return load_catalogue(framework)


def _key(rng: random.Random) -> str:
    return f"{rng.getrandbits(128):032x}"


def population(
    framework: Framework,
    households: int,
    *,
    seed: int = 1,
    planted: dict[str, float] | None = None,
    countries: tuple[str, ...] = ("nl",),
    period: str = "2026-K3",
) -> list[AnonRecord]:
    """One record per household; `planted` competencies get that score (a low score: a high need)."""
    rng = random.Random(seed)
    competencies = [c.id for c in framework.competencies()]
    records = []
    for _ in range(households):
        scores = {c: round(rng.uniform(2.5, 5.0), 2) for c in competencies}
        for competency, value in (planted or {}).items():
            if rng.random() < 0.8:  # most households, not all: a cell where all are alike is hidden
                scores[competency] = round(min(5.0, max(1.0, value + rng.uniform(-0.4, 0.4))), 2)
        records.append(
            AnonRecord(
                format=FORMAT,
                household=_key(rng),
                record=_key(rng),
                period=period,
                versions=Versions(framework=framework.version),
                profile=AnonProfile(
                    country=rng.choice(countries),  # type: ignore[arg-type]
                    parent_kind=rng.choice(["netwerk", "bestand", None]),  # type: ignore[arg-type]
                    care_kinds=tuple(
                        sorted(rng.sample(["crisis", "langdurig", "deeltijd"], rng.randint(0, 2)))
                    ),  # type: ignore[arg-type]
                    age_bands=tuple(sorted(rng.sample(AGE_BANDS, rng.randint(0, 2)))),  # type: ignore[arg-type]
                ),
                scores=scores,
                priorities=tuple(rng.sample(competencies, 2)),
            )
        )
    return records


# ---------------------------------------------------------------- an independent statement of the rules


def _members(
    records: list[AnonRecord], framework: Framework
) -> dict[tuple[str, str, str], list[tuple[str, float]]]:
    """(split, group, competency) -> [(household, score)] for every (household, period) unit."""
    out: dict[tuple[str, str, str], list[tuple[str, float]]] = defaultdict(list)
    for unit in units_of(records):
        p = unit.profile
        groups = [("alle", "alle"), ("land", p.country), ("pleegouder", p.parent_kind or "onbekend")]
        groups += [("pleegzorgvorm", str(k)) for k in p.care_kinds] or [("pleegzorgvorm", "onbekend")]
        groups += [("leeftijd", b) for b in p.age_bands] or [("leeftijd", "onbekend")]
        for competency, score in unit.scores.items():
            for split, group in groups:
                out[(split, group, competency)].append((unit.household, score))
    return out


def _unsafe(members: list[tuple[str, float]]) -> bool:
    households = {h for h, _ in members}
    gaps = sum(1 for _, s in members if s <= GAP_MAX)
    return len(households) < MIN_HOUSEHOLDS or gaps in (0, len(members))


def assert_private(records: list[AnonRecord], framework: Framework, cells: list[Cell]) -> None:
    members = _members(records, framework)
    published = {(c.split, c.group, c.item): c for c in cells if not c.hidden and c.level == "competentie"}
    for key, cell in published.items():
        assert not _unsafe(members[key]), (key, cell)
        assert cell.households == len({h for h, _ in members[key]})
        total = ("alle", "alle", key[2])
        if key[0] != "alle" and total in published:
            inside = {id(m) for m in members[key]}
            rest = [m for m in members[total] if id(m) not in inside]
            assert not rest or not _unsafe(rest), f"{key} can be subtracted from the total"
    # partitions: the hidden groups of a split together are not small or uniform (when any is shown)
    for split in ("land", "pleegouder"):
        for competency in {k[2] for k in published}:
            keys = [k for k in members if k[0] == split and k[2] == competency]
            hidden = [k for k in keys if k not in published]
            if ("alle", "alle", competency) in published and hidden and len(hidden) < len(keys):
                union = [m for k in hidden for m in members[k]]
                assert not _unsafe(union), (split, competency, hidden)


# ---------------------------------------------------------------- the rules


def test_a_household_alone_in_its_country_cannot_be_recovered(
    framework: Framework, catalogue: Catalogue
) -> None:
    records = population(framework, 40, seed=3)
    lonely = population(framework, 1, seed=4, countries=("vl",))[0]
    result = overview(framework, catalogue, merge([[*records, lonely]]))
    cells = list(result.cells)
    by_key = {(c.split, c.group, c.item): c for c in cells}
    competency = "zorgen.gedrag"
    assert by_key[("land", "vl", competency)].hidden == "te-weinig-huishoudens"
    # the total minus the Dutch households would give the Flemish one: the Dutch cell is hidden too
    assert by_key[("alle", "alle", competency)].hidden is None
    assert by_key[("land", "nl", competency)].hidden == "af-te-leiden"
    assert_private([*records, lonely], framework, cells)
    # and no number of any published cell of that split mentions the lonely household
    assert all(c.households != 1 for c in cells if not c.hidden)


def test_too_few_households_publish_nothing(framework: Framework, catalogue: Catalogue) -> None:
    result = overview(framework, catalogue, merge([population(framework, 9)]))
    assert result.too_few
    assert all(c.hidden for c in result.cells)


def test_the_minimum_can_be_raised_never_lowered(framework: Framework, catalogue: Catalogue) -> None:
    records = population(framework, 15)
    assert overview(framework, catalogue, merge([records]), min_households=3).min_households == 10
    raised = overview(framework, catalogue, merge([records]), min_households=20)
    assert raised.min_households == 20 and all(c.hidden for c in raised.cells)


def test_a_cell_where_everyone_has_the_same_outcome_is_hidden(
    framework: Framework, catalogue: Catalogue
) -> None:
    records = population(framework, 30)
    records = [r.model_copy(update={"scores": {**r.scores, "zorgen.gedrag": 1.5}}) for r in records]
    cell = next(
        c for c in overview(framework, catalogue, merge([records])).cells if c.item == "zorgen.gedrag"
    )
    assert cell.split == "alle" and cell.hidden == "zelfde-uitkomst" and cell.need is None


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(households=st.integers(5, 60), seed=st.integers(0, 10_000), vl=st.integers(0, 12))
def test_every_published_cell_is_safe(framework: Framework, households: int, seed: int, vl: int) -> None:
    catalogue = load_catalogue(framework)
    records = population(framework, households, seed=seed)
    records += population(framework, vl, seed=seed + 1, countries=("vl",))
    result = overview(framework, catalogue, merge([records]))
    assert_private(records, framework, list(result.cells))


# ---------------------------------------------------------------- merging


def test_a_record_exported_twice_counts_once(framework: Framework, catalogue: Catalogue) -> None:
    records = population(framework, 12)
    merged = merge([records, records[:5]])
    assert merged.duplicates == 5 and len(merged.records) == 12


def test_a_household_counts_once_per_period(framework: Framework) -> None:
    first = population(framework, 1, seed=1)[0]
    again = first.model_copy(update={"record": "f" * 32, "scores": {"zorgen.gedrag": 2.0}})
    units = units_of([first.model_copy(update={"scores": {"zorgen.gedrag": 4.0}}), again])
    assert len(units) == 1 and units[0].records == 2 and units[0].scores["zorgen.gedrag"] == 3.0
    later = again.model_copy(update={"record": "e" * 32, "period": "2026-K4"})
    assert len(units_of([first, later])) == 2


def test_the_period_filter(framework: Framework, catalogue: Catalogue) -> None:
    q3 = population(framework, 12, seed=1, period="2026-K3")
    q4 = population(framework, 12, seed=2, period="2026-K4")
    result = overview(framework, catalogue, merge([q3 + q4]), start="2026-K4", end="2026-K4")
    assert result.records == 12 and result.periods == ("2026-K4",)


def test_planted_mismatches_come_first(framework: Framework, catalogue: Catalogue) -> None:
    """1,000 households; two competencies with a high need and the thinnest offer lead the list."""
    entries: dict[str, int] = defaultdict(int)
    for course in catalogue.entries:
        if course.country == "nl":
            for competency in course.competencies:
                entries[competency] += 1
    competencies = sorted((c.id for c in framework.competencies()), key=lambda c: (entries[c], c))
    thin = competencies[:2]
    records = population(framework, 1000, seed=7, planted={c: 2.2 for c in thin})
    result = overview(framework, catalogue, merge([records]))
    top = [m.competency for m in result.mismatches[:2]]
    assert sorted(top) == sorted(thin), (top, [entries[c] for c in top], [entries[c] for c in thin])
    assert result.mismatches[0].need > result.mismatches[-1].need


# ---------------------------------------------------------------- the export file


def test_records_round_trip_through_a_file(framework: Framework, tmp_path: Path) -> None:
    records = population(framework, 3)
    path = tmp_path / "laptop.jsonl"
    path.write_text(write_lines(records), encoding="utf-8")
    assert read_records(path) == records


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("{", "geen geldige JSON"),
        ('{"formaat": "pleegreflectie-anoniem/1"}', "ontbreekt"),
        ("[1, 2]", "klopt niet"),
        ("x" * 100_001, "te lang"),
    ],
)
def test_a_broken_export_file_names_the_line(
    framework: Framework, tmp_path: Path, line: str, expected: str
) -> None:
    good = write_lines(population(framework, 1))
    path = tmp_path / "kapot.jsonl"
    path.write_text(good + line + "\n", encoding="utf-8")
    with pytest.raises(InvalidFileError) as caught:
        read_records(path)
    assert f"{path}:2" in caught.value.message and expected in caught.value.message


def test_an_unknown_field_is_refused(framework: Framework, tmp_path: Path) -> None:
    data = json.loads(write_lines(population(framework, 1)))
    data["huishouden_naam"] = "Oma Jansen"
    path = tmp_path / "extra.jsonl"
    path.write_text(json.dumps(data) + "\n", encoding="utf-8")
    with pytest.raises(InvalidFileError) as caught:
        read_records(path)
    assert "'huishouden_naam' hoort niet in een record" in caught.value.message


def test_a_directory_or_fifo_is_refused(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pijp"
    os.mkfifo(fifo)
    for target in (tmp_path, fifo):
        with pytest.raises(PleegreflectieError) as caught:
            read_records(target)
        assert "geen gewoon bestand" in caught.value.message


# ---------------------------------------------------------------- the commands


def invoke(*args: str | Path) -> Any:
    return CliRunner().invoke(app, [str(a) for a in args])


HOSTILE = ["Oma [/] Jansen", "\x1b]0;PWNED\x07", "‮evil", "<script>x</script>", "2026-11-30"]


def _hostile_answers(tmp_path: Path, consent: str | None, label: str = "Familie X") -> Path:
    text = (FIXTURES / "oma.yaml").read_text(encoding="utf-8")
    text = text.replace("huishouden: Oma Jansen", f"huishouden: {json.dumps(label + ' ' + HOSTILE[0])}")
    text = text.replace(
        "notities:\n  zorgen:", "notities:\n  zorgen: " + json.dumps(" ".join(HOSTILE)) + "\n  opvoeden:"
    )
    text += (
        "begeleider:\n  afspraken:\n    - {wat: "
        + json.dumps("Bel " + HOSTILE[3])
        + ", wie: Sanne, wanneer: 2027-01-15}\n"
    )
    if consent is not None:
        text += f"anoniem_meetellen: {consent}\n"
    path = tmp_path / f"antwoorden-{label}-{consent}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_consent_no_record_and_wis_removes_it(tmp_path: Path) -> None:
    for consent in (None, "nee"):
        assert invoke("start", "--antwoorden", _hostile_answers(tmp_path, consent), "--json").exit_code == 0
    assert invoke("export", "--anoniem", "-o", "-").stdout == ""
    assert (
        invoke("start", "--antwoorden", _hostile_answers(tmp_path, "ja", "Gezin B"), "--json").exit_code == 0
    )
    lines = invoke("export", "--anoniem", "-o", "-").stdout.splitlines()
    assert len(lines) == 1
    assert invoke("meetellen", "3").stdout.strip().endswith("Nu: ja.")
    assert invoke("meetellen", "3", "nee").exit_code == 0
    assert invoke("export", "--anoniem", "-o", "-").stdout == ""
    assert invoke("meetellen", "3", "ja").exit_code == 0
    assert invoke("wis", "3", "--ja").exit_code == 0
    assert invoke("export", "--anoniem", "-o", "-").stdout == ""


def test_an_export_holds_no_label_note_agreement_or_date(tmp_path: Path) -> None:
    assert invoke("start", "--antwoorden", _hostile_answers(tmp_path, "ja"), "--json").exit_code == 0
    first = invoke("export", "--anoniem", "-o", "-").stdout
    record = json.loads(first)
    assert set(record) == {
        "formaat",
        "huishouden",
        "record",
        "periode",
        "versies",
        "profiel",
        "scores",
        "prioriteiten",
        "route",
        "signalen",
    }
    for text in [*HOSTILE, "Familie", "Sanne", "Bel", "Jansen"]:
        assert text not in first
    assert not re.search(r"\d{4}-\d{2}-\d{2}", first)
    assert re.fullmatch(r"\d{4}-K[1-4]", record["periode"])
    assert invoke("export", "--anoniem", "-o", "-").stdout == first  # the same keys every time


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=3, max_size=40).filter(lambda t: t.strip() and len(t.strip()) > 2))
def test_no_free_text_reaches_a_record(framework: Framework, text: str) -> None:
    """Whatever a family types (label, notes, agreements), a record is built only from ids and numbers."""
    from pleegreflectie.anonymous import record_for
    from pleegreflectie.answers_file import load_answers
    from pleegreflectie.models import Agreement, WorkerPart
    from pleegreflectie.route import plan_route
    from pleegreflectie.scoring import score

    answers = load_answers(framework, FIXTURES / "oma.yaml")
    answers = answers.model_copy(
        update={
            "notes": {"zorgen": text},
            "worker": WorkerPart(notes={"zorgen": text}, agreements=(Agreement(what=text[:300]),)),
        }
    )
    import datetime as dt

    catalogue = load_catalogue(framework)
    result = score(framework, answers, [p.id for p in framework.pillars])
    route = plan_route(
        framework,
        catalogue,
        answers,
        result,
        forms=None,
        hours=None,
        today=dt.date(2026, 12, 1),
        advice=load_advice(),
    )
    record = record_for(
        framework,
        catalogue,
        answers,
        result,
        route,
        ["signaal-a"],
        household="a" * 32,
        record="b" * 32,
        finished=dt.date(2026, 12, 1),
        signals_version="1",
    )
    line = write_lines([record])
    strings = json.loads(line)
    flat = json.dumps(strings, ensure_ascii=False)
    known = {c.id for c in framework.competencies()} | {c.id for c in catalogue.entries}
    for value in _strings(strings):
        assert (
            value in known
            or value
            in {
                "nl",
                "vl",
                "netwerk",
                "bestand",
                "langdurig",
                "4-11",
                "signaal-a",
                FORMAT,
                "a" * 32,
                "b" * 32,
                "2026-K4",
                framework.version,
                catalogue.version,
                "1",
            }
            or value in AGE_BANDS
        ), value
    assert flat.count('"') == line.count('"')  # nothing else came in


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):  # field names are fixed by the type; only the scores' keys are data
        keys = list(value["scores"]) if "scores" in value else []
        return [*keys, *(s for v in value.values() for s in _strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _export_file(framework: Framework, tmp_path: Path, households: int, name: str = "laptop.jsonl") -> Path:
    path = tmp_path / name
    path.write_text(write_lines(population(framework, households, countries=("nl", "vl"))), encoding="utf-8")
    return path


def test_organisatie_writes_csv_with_a_valid_data_package(framework: Framework, tmp_path: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    source = _export_file(framework, tmp_path, 80)
    out = tmp_path / "overzicht.csv"
    result = invoke("organisatie", source, source, "-o", out, "--scheiding", ";")
    assert result.exit_code == 0, result.output
    rows = out.read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("indeling;groep;niveau;onderdeel")
    package = tmp_path / "overzicht.datapackage.json"
    report = frictionless.validate(str(package))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    header = rows[0].split(";")
    assert {"aanbod_nl", "erkend_nl", "uren_nl", "vormen_nl", "aanbod_vl"} <= set(header)
    gedrag = next(r.split(";") for r in rows if ";zorgen.gedrag;" in r)
    assert int(gedrag[header.index("aanbod_nl")]) >= 1 and gedrag[header.index("vormen_nl")]
    # hidden cells carry no number
    for row in rows[1:]:
        cells = row.split(";")
        if cells[-1]:
            assert cells[5:9] == ["", "", "", ""], row


def test_organisatie_markdown_and_refusals(framework: Framework, tmp_path: Path) -> None:
    few = _export_file(framework, tmp_path, 6, "weinig.jsonl")
    result = invoke("organisatie", few, "-o", "-")
    assert result.exit_code == 0
    assert "minder dan 10 huishoudens" in result.stdout and "|" not in result.stdout
    bad = invoke("organisatie", few, "-o", "-", "--van", "2026-Q3")
    assert bad.exit_code == 2 and "2026-K3" in bad.stderr
    low = invoke("organisatie", few, "-o", "-", "--min-huishoudens", "3")
    assert low.exit_code == 2
    broken = tmp_path / "kapot.jsonl"
    broken.write_text('{"formaat": "x"}\n' + "[" * 50_000 + "\n", encoding="utf-8")
    refused = invoke("organisatie", few, broken, "-o", "-")
    assert refused.exit_code == 2 and f"{broken}:1" in refused.stderr and f"{broken}:2" in refused.stderr
    assert "Traceback" not in refused.stderr and refused.stdout == ""
    missing = invoke("organisatie", tmp_path / "er-niet.jsonl", "-o", "-")
    assert missing.exit_code != 0 and "er-niet.jsonl" in missing.stderr and "Traceback" not in missing.stderr


def test_organisatie_html_prints_in_chromium(framework: Framework, tmp_path: Path) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    source = _export_file(framework, tmp_path, 120)
    page = tmp_path / "overzicht.html"
    assert invoke("organisatie", source, "-o", page).exit_code == 0
    text = page.read_text(encoding="utf-8")
    assert "<svg" in text and "Nederland" in text
    pdf = tmp_path / "overzicht.pdf"
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            f"--user-data-dir={tmp_path / 'profiel'}",
            f"--print-to-pdf={pdf}",
            "--no-pdf-header-footer",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    assert 1 <= len(reader.pages) <= 12
    assert "Behoefte en aanbod" in reader.pages[0].extract_text()


class _Interview:
    """Stands in for the interview: answers the consent question and remembers what was asked."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.asked: list[str] = []

    def confirm(self, text: str, *, default: bool = False) -> bool:
        assert default is False  # the default is no
        self.asked.append(text)
        return self.answer


def test_consent_is_asked_once_per_household(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pleegreflectie.cli.sitting import _ask_consent
    from pleegreflectie.store import Store

    first = _hostile_answers(tmp_path, None, "Gezin C")
    assert invoke("start", "--antwoorden", first, "--json").exit_code == 0
    assert invoke("start", "--antwoorden", first, "--json").exit_code == 0
    with Store.open() as store:
        interview = _Interview(True)
        answers = load_answers_for(first)
        _ask_consent(interview, store, 1, answers)
        assert interview.asked == ["Mogen je antwoorden zonder naam meetellen?"]  # one foster parent: je
        assert store.consent(1) is True and store.consent(2) is True  # the same household
        again = _Interview(False)
        _ask_consent(again, store, 2, answers)
        assert again.asked == []  # asked once per household; the message says how to change it
    assert "meetellen 2 nee" in " ".join(capsys.readouterr().out.split())


def load_answers_for(path: Path) -> Any:
    from pleegreflectie.answers_file import load_answers
    from pleegreflectie.load import load_framework

    return load_answers(load_framework(), path)


def test_organisatie_speaks_of_one_household_in_the_singular(framework: Framework, tmp_path: Path) -> None:
    one = _export_file(framework, tmp_path, 1, "een.jsonl")
    out = tmp_path / "overzicht.md"
    result = invoke("organisatie", one, one, "-o", out)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "1 reflectie van 1 huishouden (" in text
    assert "1 record stond er dubbel in; die tellen één keer." in text
    assert "Let op: er is 1 huishouden, minder dan 10." in result.stdout
    assert "reflecties" not in text and "1 huishoudens" not in text + result.stdout
