"""Hostile files: each is generated here (no big files in the repository) and handed to the installed
code in its own process, so a crash of a C library would show as a crash and not stop the suite.

Every case must end with exit code 2 and a Dutch message on stderr that names the file, within 2
seconds (measured around the command, without Python's own start-up) and 200 MB of memory, and without
a traceback.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SECONDS = 2.0
MEGABYTES = 200

# Runs one command in a fresh process and writes how long it took and the peak memory to a file.
# Peak memory: VmHWM of this process's own memory (Linux). ru_maxrss is not used there: it keeps the
# peak of the parent (pytest) from before the exec, so it measures the test runner, not the program.
DRIVER = """
import json, resource, sys, time
from pleegreflectie.cli import run


def peak_kilobytes():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


out, args = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
try:
    code = run(args)
finally:
    with open(out, "w") as f:
        json.dump({"seconds": time.perf_counter() - start, "kilobytes": peak_kilobytes()}, f)
sys.exit(code)
"""


@dataclass
class Outcome:
    code: int
    stderr: str
    stdout: str
    seconds: float
    megabytes: float


def run_command(tmp_path: Path, *args: str) -> Outcome:
    measure = tmp_path / "measure.json"
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80", "PLEEGREFLECTIE_HOME": str(tmp_path / "opslag")}
    env.pop("PLEEGREFLECTIE_DEBUG", None)
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, str(measure), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    numbers = json.loads(measure.read_text()) if measure.exists() else {"seconds": -1, "kilobytes": 0}
    return Outcome(done.returncode, done.stderr, done.stdout, numbers["seconds"], numbers["kilobytes"] / 1024)


def answers(text: str) -> Callable[[Path], tuple[Path, list[str]]]:
    def make(folder: Path) -> tuple[Path, list[str]]:
        path = folder / "antwoorden.yaml"
        path.write_text(text, encoding="utf-8")
        return path, ["start", "--geen-opslag", "--antwoorden", str(path)]

    return make


def catalogue(text: str, command: str = "controleer") -> Callable[[Path], tuple[Path, list[str]]]:
    def make(folder: Path) -> tuple[Path, list[str]]:
        path = folder / "catalogus.yaml"
        path.write_text(text, encoding="utf-8")
        if command == "controleer":
            return path, ["catalogus", "controleer", str(path)]
        oma = str(FIXTURES / "oma.yaml")
        return path, ["start", "--geen-opslag", "--antwoorden", oma, "--catalogus", str(path)]

    return make


def framework(text: str) -> Callable[[Path], tuple[Path, list[str]]]:
    def make(folder: Path) -> tuple[Path, list[str]]:
        path = folder / "pijlers.yaml"
        path.write_text(text, encoding="utf-8")
        return path, ["sjabloon", "--pijlers", str(path)]

    return make


def _laughs(levels: int = 9, width: int = 10) -> str:
    lines = [f"a0: &a0 [{', '.join(['haha'] * width)}]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


def _bundled_catalogue() -> str:
    return (DATA / "courses.yaml").read_text(encoding="utf-8")


NESTED = "[" * 30_000 + "]" * 30_000
CASES: dict[str, Callable[[Path], tuple[Path, list[str]]]] = {
    # answers files
    "30.000 haken in elkaar": answers(f"antwoorden: {NESTED}\n"),
    "1.000 niveaus": answers("antwoorden: " + "{a: " * 1000 + "1" + "}" * 1000 + "\n"),
    "30.000 streepjes op een regel": answers("antwoorden:\n  " + "- " * 30_000 + "x\n"),
    "billion laughs": answers(_laughs()),
    "een verwijzing": answers("profiel: &p {huishouden: x}\nantwoorden: *p\n"),
    "lijst als sleutel": answers("antwoorden:\n  ? [a, b]\n  : 3\n"),
    "getal van 5.000 cijfers": answers("antwoorden:\n  zorgen.gedrag.weten: " + "9" * 5000 + "\n"),
    "binair getal van 5.000 cijfers": answers("antwoorden:\n  zorgen.gedrag.weten: 0b" + "1" * 5000 + "\n"),
    "oneindig": answers("antwoorden:\n  zorgen.gedrag.weten: .inf\n"),
    "200.000 leeftijden": answers(
        "profiel:\n  leeftijden_pleegkinderen: [" + ", ".join(["3"] * 200_000) + "]\n"
    ),
    "50.000 onbekende sleutels": answers(
        "antwoorden:\n" + "".join(f"  onbekend{i}: 3\n" for i in range(50_000))
    ),
    "te groot bestand": answers("# " + "x" * 100 + "\n" + ("# opvulling\n" * 100_000)),
    "onbekend label": answers("antwoorden: !!python/object/apply:os.system ['true']\n"),
    "verwijzing naar niets": answers("antwoorden: *niets\n"),
    "nul-teken": answers("antwoorden:\n  zorgen.gedrag.weten: 3\x00\n"),
    # catalogues
    "catalogus: 30.000 haken": catalogue(f"versie: '1'\naanbod: {NESTED}\n"),
    "catalogus: billion laughs in soort": catalogue(
        _laughs() + _bundled_catalogue().replace("    soort: training\n", "    soort: *a9\n", 1),
        command="start",
    ),
    "catalogus controleer: billion laughs": catalogue(_laughs() + _bundled_catalogue()),
    "catalogus: weken 10^400": catalogue(
        _bundled_catalogue().replace("weken: 8,", "weken: 1" + "0" * 400 + ",", 1), command="start"
    ),
    "catalogus controleer: weken 10^400": catalogue(
        _bundled_catalogue().replace("weken: 8,", "weken: 1" + "0" * 400 + ",", 1)
    ),
    "catalogus: weken oneindig": catalogue(
        _bundled_catalogue().replace("weken: 8,", "weken: 1.0e400,", 1), command="start"
    ),
    "catalogus: 2.000 kapotte items": catalogue(
        "versie: '1'\naanbod:\n" + "".join(f"  - id: x{i}\n    foo: 1\n" for i in range(2_000))
    ),
    "catalogus: 20.000 kapotte items": catalogue(
        "versie: '1'\naanbod:\n" + "".join(f"  - id: x{i}\n    foo: 1\n" for i in range(20_000))
    ),
    "catalogus: 3 MB": catalogue("versie: '1'\naanbod: []\n" + "# " + "x" * 3_000_000 + "\n"),
    "catalogus: lijst als sleutel": catalogue("versie: '1'\n? [a, b]\n: 3\naanbod: []\n"),
    # the framework
    "vragenlijst: 30.000 haken": framework(f"pijlers: {NESTED}\n"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_file_is_refused_quickly_with_a_dutch_message(tmp_path: Path, name: str) -> None:
    path, args = CASES[name](tmp_path)
    outcome = run_command(tmp_path, *args)
    assert outcome.code == 2, (name, outcome.code, outcome.stderr[-2000:])
    assert "Traceback" not in outcome.stderr
    assert outcome.stderr.startswith("Fout: "), outcome.stderr[:500]
    assert str(path) in outcome.stderr, outcome.stderr[:500]
    assert "proble" in outcome.stderr  # "Er is 1 probleem gevonden" / "Er zijn ... problemen"
    assert outcome.seconds < SECONDS, (name, outcome.seconds)
    assert outcome.megabytes < MEGABYTES, (name, outcome.megabytes)
    assert len(outcome.stderr) < 20_000  # the list of problems is capped


def test_many_problems_are_counted_not_all_listed(tmp_path: Path) -> None:
    path, args = answers("antwoorden:\n" + "".join(f"  onbekend{i}: 3\n" for i in range(9_000)))(tmp_path)
    outcome = run_command(tmp_path, *args)
    assert outcome.code == 2
    assert "Er zijn 9.000 problemen gevonden:" in outcome.stderr
    assert "en nog 8.950 andere problemen." in outcome.stderr
    assert f"{path}:2: 'onbekend0' is geen bekende vraag." in outcome.stderr
    assert outcome.seconds < SECONDS


def _special(kind: str, folder: Path) -> Path:
    if kind == "/dev/zero":
        return Path("/dev/zero")
    fifo = folder / "pijp.yaml"
    os.mkfifo(fifo)
    return fifo


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(), reason="needs POSIX")
@pytest.mark.parametrize("kind", ["/dev/zero", "fifo"])
@pytest.mark.parametrize("option", ["--antwoorden", "--catalogus", "--pijlers"])
def test_special_files_are_refused_before_reading(tmp_path: Path, kind: str, option: str) -> None:
    path = _special(kind, tmp_path)
    outcome = run_command(tmp_path, "start", "--geen-opslag", option, str(path))
    assert outcome.code == 2, outcome.stderr
    assert f"{path}: dit is geen gewoon bestand" in outcome.stderr
    assert outcome.seconds < SECONDS
    assert outcome.megabytes < MEGABYTES


def test_missing_file_is_named_in_dutch(tmp_path: Path) -> None:
    outcome = run_command(tmp_path, "catalogus", "controleer", str(tmp_path / "weg.yaml"))
    assert outcome.code == 3
    assert "bestaat niet" in outcome.stderr
    assert "No such file" not in outcome.stderr


def test_not_utf8_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "antwoorden.yaml"
    path.write_bytes(b"profiel:\n  huishouden: caf\xe9\n")
    outcome = run_command(tmp_path, "start", "--geen-opslag", "--antwoorden", str(path))
    assert outcome.code == 2
    assert f"{path}:2: dit is geen tekstbestand in UTF-8" in outcome.stderr


# ---------------------------------------------------------------- nothing raw reaches the terminal

# In YAML's double quotes, \e is ESC and \a is BEL: a clear screen, a window title, a hidden link.
NASTY = r"\e[2J\e]0;titel\a\e]8;;https://kwaad.example\e\\klik\e]8;;\e\\ \u202Eesrever"
FORBIDDEN = ("\x1b", "\x07", "\u202e", "\x9b")


def assert_no_raw_controls(text: str) -> None:
    for char in FORBIDDEN:
        assert char not in text, (repr(char), text[:3000])


def _nasty_answers(folder: Path, household: str = "Gezin") -> Path:
    text = (FIXTURES / "oma.yaml").read_text(encoding="utf-8")
    text = text.replace("huishouden: Oma Jansen", f'huishouden: "{household} {NASTY}"')
    text = text.replace(
        "  zorgen: Hij is vaak boos na het bezoek aan zijn moeder.",
        f'  zorgen: "{NASTY}"\n  samenwerken: "regel 1\\n{NASTY}"',
    )
    path = folder / f"{household}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _nasty_catalogue(folder: Path) -> Path:
    text = _bundled_catalogue()
    for key in ("titel", "aanbieder"):
        text = re.sub(rf"(?m)^    {key}: .*$", lambda _, key=key: f'    {key}: "{NASTY}"', text, count=3)
    text = re.sub(
        r"(?m)^    url: .*$",
        lambda _: f'    url: "https://goed.example/{NASTY.replace(" ", "")}"',
        text,
        count=3,
    )
    path = folder / "catalogus.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_escape_sequence_from_user_data_reaches_any_view(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from pleegreflectie.cli import app

    runner = CliRunner()
    catalogue_path = _nasty_catalogue(tmp_path)
    first = _nasty_answers(tmp_path)
    outputs = []

    def run(*args: str) -> str:
        result = runner.invoke(app, list(args))
        assert result.exit_code == 0, (args, result.output, result.stderr)
        outputs.append(result.stdout)
        outputs.append(result.stderr)
        return result.stdout

    shown = run("start", "--antwoorden", str(first), "--catalogus", str(catalogue_path))
    assert "␛[2J" in shown  # the sequence is visible as text, not carried out
    run("start", "--antwoorden", str(first), "--catalogus", str(catalogue_path), "--json")
    run("start", "--antwoorden", str(first))
    run("overzicht")
    run("overzicht", "--json")
    run("route", "1", "--catalogus", str(catalogue_path))
    run("hervat", "1")
    run("vergelijk", "1", "2")
    run("catalogus", "controleer", str(catalogue_path))
    run("catalogus", "dekking", str(catalogue_path))
    report = tmp_path / "verslag.md"
    run("rapport", "1", "-o", str(report))
    outputs.append(report.read_text(encoding="utf-8"))
    for text in outputs:
        assert_no_raw_controls(text)


def test_escape_sequences_in_error_messages_are_made_visible(tmp_path: Path) -> None:
    path = tmp_path / "antwoorden.yaml"
    path.write_text(f'antwoorden:\n  "{NASTY}": 3\n"{NASTY}": 1\n', encoding="utf-8")
    outcome = run_command(tmp_path, "start", "--geen-opslag", "--antwoorden", str(path))
    assert outcome.code == 2
    assert_no_raw_controls(outcome.stderr)
    assert "␛]0;titel␇" in outcome.stderr
    odd = tmp_path / "naam\x1b[2J.yaml"
    outcome = run_command(tmp_path, "start", "--geen-opslag", "--antwoorden", str(odd))
    assert outcome.code == 3
    assert_no_raw_controls(outcome.stderr)
    assert "naam␛[2J.yaml" in outcome.stderr


def test_clean_keeps_ordinary_text_and_is_stable() -> None:
    from pleegreflectie.safe import clean

    ordinary = "Gezin Ærø – één\tregel\nnog één, met emoji 🙂 en עברית"
    assert clean(ordinary) == ordinary
    dirty = "a\x1b[2Jb\x07c\u202ed\x9be\r\nf\rg\x00\x7f\u2066"
    assert clean(dirty) == "a␛[2Jb␇cd\ufffde\nf\ng␀␡"
    assert clean(clean(dirty)) == clean(dirty)


# ---------------------------------------------------------------- the limits themselves


def test_nesting_up_to_the_limit_is_fine_and_one_more_is_refused() -> None:
    from pleegreflectie.answers_file import ANSWERS_LIMITS
    from pleegreflectie.errors import InvalidFileError
    from pleegreflectie.yamlfile import Source, parse

    depth = ANSWERS_LIMITS.depth
    fine = "a: " + "[" * (depth - 1) + "1" + "]" * (depth - 1) + "\n"
    expected: object = 1
    for _ in range(depth - 1):
        expected = [expected]
    assert parse(Source("ok.yaml", fine), ANSWERS_LIMITS) == {"a": expected}
    deep = "a: " + "[" * depth + "1" + "]" * depth + "\n"
    with pytest.raises(InvalidFileError) as caught:
        parse(Source("diep.yaml", deep), ANSWERS_LIMITS)
    assert caught.value.problems[0].line == 1
    assert "te veel lijsten in elkaar" in caught.value.problems[0].message


def test_a_catalogue_may_use_aliases_within_the_limit() -> None:
    from pleegreflectie.load import CATALOGUE_LIMITS
    from pleegreflectie.yamlfile import Source, parse

    text = "basis: &basis {soort: training, vorm: [groep]}\naanbod:\n  - <<: *basis\n    id: a\n  - *basis\n"
    data = parse(Source("c.yaml", text), CATALOGUE_LIMITS)
    assert data["aanbod"][0] == {"soort": "training", "vorm": ["groep"], "id": "a"}
    assert data["aanbod"][1] == {"soort": "training", "vorm": ["groep"]}


def test_the_bundled_files_are_far_within_the_limits() -> None:
    from pleegreflectie.load import CATALOGUE_LIMITS, FRAMEWORK_LIMITS

    assert (DATA / "courses.yaml").stat().st_size * 20 < CATALOGUE_LIMITS.size
    assert (DATA / "pillars.yaml").stat().st_size * 20 < FRAMEWORK_LIMITS.size


def test_no_escape_sequence_from_a_kitchen_table_file_reaches_the_screen_or_report(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from pleegreflectie.cli import app

    text = f"""\
deelnemers: [Sanne, Ahmed]
profiel:
  huishouden: "Gezin {NASTY}"
antwoorden:
  zorgen.gedrag.weten: {{Sanne: 4, Ahmed: 2}}
  zorgen.gedrag.doen: {{Sanne: 5, Ahmed: 1}}
bespreken: [zorgen.gedrag.doen]
begeleider:
  notities: {{zorgen: "{NASTY}"}}
  afspraken:
    - {{wat: "{NASTY}", wie: "Sanne {NASTY}", wanneer: "2027-01-15"}}
  volgende_afspraak: 2027-02-01
"""
    path = tmp_path / "duo.yaml"
    path.write_text(text, encoding="utf-8")
    runner = CliRunner()
    shown = runner.invoke(app, ["start", "--antwoorden", str(path)])
    assert shown.exit_code == 0, (shown.output, shown.stderr)
    assert "␛[2J" in shown.stdout
    report = tmp_path / "verslag.md"
    written = runner.invoke(app, ["rapport", "-o", str(report)])
    assert written.exit_code == 0, (written.output, written.stderr)
    for output in (shown.stdout, shown.stderr, written.stdout, report.read_text(encoding="utf-8")):
        assert_no_raw_controls(output)
