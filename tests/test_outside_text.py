"""Text from outside (files, the store, the keyboard) is never markup and never reaches a screen raw.

A corpus of hostile strings (rich markup, OSC 0/8/52 escape sequences, C0 and C1 controls, bidi overrides,
zero-width characters, HTML and Markdown payloads) goes through every path that shows text: names, notes,
agreements, the household, framework texts, route titles and signals; on the terminal, in plain mode, in
Markdown, HTML and JSON. Nothing may come out raw (an escape sequence, a bidi override) or interpreted
(a hidden link, a tag, a picture that loads, a script).
"""

from __future__ import annotations

import ast
import html.parser
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from pleegreflectie.markup import SafeConsole, plain, styled
from pleegreflectie.safe import clean

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "pleegreflectie"
DATA = ROOT / "data"
OMA = Path(__file__).resolve().parent / "fixtures" / "oma.yaml"

HOSTILE = [
    "A[/]",
    "[link=http://e.vil]klik[/link]",
    "[bold red]rood[/]",
    "[mama/papa]",
    "[/opmerking]",
    "\x1b]0;PWNED\x07",
    "\x1b]8;;http://e.vil\x1b\\verborgen\x1b]8;;\x1b\\",
    "\x1b]52;c;cGF5bG9hZA==\x07",
    "\x1b[2J\x1b[31mrood",
    "\x9b31m\x85\x90c1",
    "a\u202elivE\u202c",
    "nul\u200bbreed\u2066x\u2069\ufeff",
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "![foto](http://e.vil/p.png)",
    "[k](javascript:alert(1))",
    "<http://e.vil/auto>",
    "**vet** _schuin_ `code` # kop | cel |",
    "{} {0} %s :heart:",
    "eind\\",
]
JOINED = " ".join(HOSTILE)
# What must be visible as typed: the brackets of rich markup prove it was not read as markup.
LITERAL = ["A[/]", "[link=http://e.vil]klik[/link]", "[mama/papa]", "[/opmerking]"]

RAW = re.compile("[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b\u200e\u200f\ufeff]")
SGR = re.compile(r"\x1b\[[0-9;]*m")  # rich's own colours and bold: allowed


def assert_inert(text: str, where: str = "") -> None:
    """No escape sequence but rich's own styles, no control, bidi or invisible character."""
    assert "\x1b]" not in text, f"OSC sequence in {where}"
    rest = SGR.sub("", text)
    assert "\x1b" not in rest, f"raw escape in {where}: {rest[rest.index(chr(27)) - 20 :][:60]!r}"
    found = RAW.search(rest)
    assert found is None, f"raw {found.group()!r} in {where}"


def squeeze(text: str) -> str:
    """Terminal output without styles and line wrapping, to look for a literal."""
    return " ".join(SGR.sub("", text).split())


class Tags(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def assert_safe_html(page: str, where: str) -> None:
    """No script, picture, frame or event handler; only http(s) links, and none from the corpus."""
    parser = Tags()
    parser.feed(page)
    for tag, attrs in parser.tags:
        assert tag not in ("script", "img", "iframe", "object", "embed", "link", "base", "form"), (tag, where)
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name, where)
            assert name not in ("src", "srcset"), (tag, name, where)
            if name == "href":
                assert (value or "").startswith(("http://", "https://", "#")), (value, where)
                assert "e.vil" not in (value or ""), (value, where)
    assert_inert(page, where)


def assert_safe_markdown(text: str, where: str) -> None:
    """Safe even in a Markdown viewer that allows raw HTML."""
    from markdown_it import MarkdownIt

    assert_inert(text, where)
    assert_safe_html(MarkdownIt("commonmark", {"html": True}).enable("table").render(text), where)


def assert_safe_json(text: str, where: str) -> None:
    assert "\\u001b" not in text.lower() and "\\u202e" not in text.lower(), where
    pending = [json.loads(text)]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, str):
            assert_inert(item, where)


# ---------------------------------------------------------------- the one helper


@pytest.mark.parametrize("hostile", HOSTILE)
def test_styled_shows_values_as_typed(hostile: str) -> None:
    text = styled("[bold]{}[/bold] en {}", hostile, hostile)
    assert text.plain == f"{clean(hostile)} en {clean(hostile)}"
    assert not any("link" in str(span.style) for span in text.spans)
    assert plain(hostile).plain == clean(hostile)


@given(st.text())
def test_styled_never_reads_a_value_as_markup(value: str) -> None:
    assert styled("[dim]{}[/dim]", value).plain == clean(value)


def test_a_template_is_shown_without_emoji_codes() -> None:
    """Our templates are literal text: ":heart:" stays as typed (rich's emoji table is never needed)."""
    assert styled("[bold]Let op:heart: {}[/bold] :smile:", ":x:").plain == "Let op:heart: :x: :smile:"


def test_the_safe_console_never_reads_markup_and_cleans_every_string() -> None:
    from rich.panel import Panel
    from rich.table import Table

    buffer = io.StringIO()
    out = SafeConsole(file=buffer, width=80, force_terminal=True, color_system="truecolor")
    table = Table()
    table.add_column(JOINED)
    table.add_row(JOINED)
    out.print(JOINED)
    out.print(JOINED, markup=True)
    out.rule(JOINED)
    out.print(table)
    out.print(Panel(plain(JOINED), title=plain(JOINED)))
    assert_inert(buffer.getvalue(), "console")
    assert "A[/]" in squeeze(buffer.getvalue())


# ---------------------------------------------------------------- the unsafe way fails here

MARKUP = re.compile(r"\[/?(?:bold|dim|italic|link)")  # the start of a rich markup tag of ours


def _python_files() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def test_no_markup_built_from_data_in_the_source() -> None:
    """Rich markup is only ever a literal template for `styled`; never an f-string, never markup=True."""
    problems = []
    for path in _python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        name = path.relative_to(SRC)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.keyword)
                and node.arg == "markup"
                and not (isinstance(node.value, ast.Constant) and node.value.value is False)
            ):
                problems.append(f"{name}:{node.lineno}: markup= other than False")
            if isinstance(node, ast.JoinedStr):
                literal = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
                if MARKUP.search(literal):
                    problems.append(f"{name}:{node.lineno}: an f-string with rich markup (use markup.styled)")
            if isinstance(node, ast.Call):
                func = node.func
                called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if called == "from_markup" and path.name != "markup.py":
                    problems.append(f"{name}:{node.lineno}: Text.from_markup outside markup.py")
                if called == "Console" and path.name != "markup.py":
                    options = {k.arg: k.value for k in node.keywords}
                    value = options.get("markup")
                    if not (isinstance(value, ast.Constant) and value.value is False):
                        problems.append(f"{name}:{node.lineno}: a Console without markup=False")
                if called in ("print", "rule") and isinstance(func, ast.Attribute):
                    for arg in node.args:
                        if isinstance(arg, ast.Constant) and MARKUP.search(str(arg.value)):
                            problems.append(f"{name}:{node.lineno}: markup in a plain string (use styled)")
    assert problems == []


# ---------------------------------------------------------------- the program, with hostile files


def run(tmp_path: Path, *args: str, color: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "80", "PLEEGREFLECTIE_HOME": str(tmp_path / "opslag")}
    env.pop("NO_COLOR", None)
    if color:
        env["FORCE_COLOR"] = "1"
        env["TERM"] = "xterm-256color"
    env.pop("PLEEGREFLECTIE_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "pleegreflectie", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env=env,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
    )


def hostile_answers(folder: Path, household: str = "Gezin \x1b]0;T\x07[bold]B[/bold]\u202e") -> Path:
    data = yaml.safe_load(OMA.read_text(encoding="utf-8"))
    first, second = "A[/]", "[link=http://e.vil]B[/link]"
    data["deelnemers"] = [first, second]
    data["profiel"]["huishouden"] = household
    data["antwoorden"] = {
        key: ({first: value, second: 3} if isinstance(value, int) else value)
        for key, value in data["antwoorden"].items()
    }
    data["notities"] = {"zorgen": JOINED, "samenwerken": "Bel [mama/papa] [/opmerking]"}
    data["begeleider"] = {
        "notities": {"opvoeden": JOINED},
        "afspraken": [
            {"wat": "Bel [mama/papa] over het bezoek [/opmerking]", "wie": first, "wanneer": "2027-01-15"},
            {"wat": JOINED[:290], "wie": "\x1b]8;;http://e.vil\x07x\x1b]8;;\x07"},
        ],
        "volgende_afspraak": "2027-02-01",
    }
    path = folder / "vijandig.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_names_notes_agreements_and_household_on_every_output(tmp_path: Path) -> None:
    answers = hostile_answers(tmp_path)
    for _ in range(2):  # two reflections of one household: vergelijk and the report's comparison
        done = run(tmp_path, "start", "--antwoorden", str(answers))
        assert done.returncode == 0, done.stderr
    assert_inert(done.stdout + done.stderr, "start")
    shown = squeeze(done.stdout)
    for literal in ("A[/]", "[mama/papa]", "[/opmerking]", "[link=http://e.vil]klik[/link]"):
        assert literal in shown, literal
    assert "verborgen" in shown and "PWNED" in shown  # the escape sequences shown, harmless

    simple = run(tmp_path, "start", "--geen-opslag", "--eenvoudig", "--antwoorden", str(answers))
    assert simple.returncode == 0, simple.stderr
    assert_inert(simple.stdout + simple.stderr, "start --eenvoudig")
    assert "A[/]" in squeeze(simple.stdout)

    as_json = run(tmp_path, "start", "--geen-opslag", "--json", "--antwoorden", str(answers))
    assert as_json.returncode == 0, as_json.stderr
    assert_safe_json(as_json.stdout, "start --json")
    assert "[mama/papa]" in as_json.stdout

    shown_by = {}
    for args in (["overzicht"], ["route", "2"], ["vergelijk"], ["rapport", "2", "-o", "-"]):
        done = run(tmp_path, *args)
        assert done.returncode == 0, (args, done.stderr)
        assert_inert(done.stdout + done.stderr, " ".join(args))
        shown_by[args[0]] = done.stdout
    assert "[bold]B[/bold]" in squeeze(shown_by["overzicht"])
    assert_safe_json(run(tmp_path, "overzicht", "--json").stdout, "overzicht --json")
    assert_safe_json(run(tmp_path, "route", "2", "--json").stdout, "route --json")

    assert run(tmp_path, "rapport", "2", "-o", "verslag.md").returncode == 0
    assert run(tmp_path, "rapport", "2", "-o", "verslag.html").returncode == 0
    markdown = (tmp_path / "verslag.md").read_text(encoding="utf-8")
    assert_safe_markdown(markdown, "verslag.md")
    assert "mama/papa" in markdown
    assert_safe_html((tmp_path / "verslag.html").read_text(encoding="utf-8"), "verslag.html")


DISPLAY_KEYS = {
    "naam",
    "titel",
    "intro",
    "uitleg",
    "voorbeeld",
    "tekst",
    "open_vraag",
    "label",
    "belang_vraag",
    "aanbieder",
    "beschrijving",
    "je",
    "jullie",
}
PAYLOAD = (
    "[link=http://e.vil]x[/link] \x1b]0;T\x07 <script>alert(1)</script> ![i](http://e.vil/i.png) "
    "[j](javascript:alert(1)) <img src=x onerror=alert(1)> \u202eA[/] "
)


def _poison(value: Any) -> Any:
    """Every text an organisation can write in a data file, with the payload in front."""
    if isinstance(value, dict):
        return {
            key: (PAYLOAD + item if key in DISPLAY_KEYS and isinstance(item, str) else _poison(item))
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_poison(item) for item in value]
    return value


def _poisoned(folder: Path, name: str) -> Path:
    data = _poison(yaml.safe_load((DATA / name).read_text(encoding="utf-8")))
    path = folder / f"vijandig-{name}"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, width=1000), encoding="utf-8")
    return path


def test_framework_catalogue_and_signals_texts_on_every_output(tmp_path: Path) -> None:
    pillars = _poisoned(tmp_path, "pillars.yaml")
    catalogue = _poisoned(tmp_path, "courses.yaml")
    signals = _poisoned(tmp_path, "signalen.yaml")
    common = ["--antwoorden", str(OMA), "--pijlers", str(pillars), "--catalogus", str(catalogue)]
    common += ["--signalen", str(signals)]
    done = run(tmp_path, "start", "--geen-opslag", *common)
    assert done.returncode == 0, done.stderr
    assert_inert(done.stdout + done.stderr, "start with hostile data")
    assert "[link=http://e.vil]x[/link]" in squeeze(done.stdout)
    as_json = run(tmp_path, "start", "--geen-opslag", "--json", *common)
    assert as_json.returncode == 0, as_json.stderr
    assert_safe_json(as_json.stdout, "start --json with hostile data")
    outcome = json.loads(as_json.stdout)
    # The hostile texts really went through: a signal and a route step carry the payload.
    assert any(
        t["soort"] == "signaal" and "[link=http://e.vil]x[/link]" in t["tekst"]
        for t in outcome["gespreksonderwerpen"]
    )
    assert "[link=http://e.vil]x[/link]" in json.dumps(outcome["route"], ensure_ascii=False)

    saved = run(tmp_path, "start", *common)
    assert saved.returncode == 0, saved.stderr
    assert run(tmp_path, "rapport", "1", "-o", "r.md").returncode == 0
    assert run(tmp_path, "rapport", "1", "-o", "r.html").returncode == 0
    assert_safe_markdown((tmp_path / "r.md").read_text(encoding="utf-8"), "rapport with hostile data")
    assert_safe_html((tmp_path / "r.html").read_text(encoding="utf-8"), "rapport html with hostile data")

    for target in ("q.md", "q.html"):
        done = run(tmp_path, "vragenlijst", "--pijlers", str(pillars), "-o", target)
        assert done.returncode == 0, done.stderr
    assert_safe_markdown((tmp_path / "q.md").read_text(encoding="utf-8"), "vragenlijst.md")
    assert_safe_html((tmp_path / "q.html").read_text(encoding="utf-8"), "vragenlijst.html")

    template = run(tmp_path, "sjabloon", "--pijlers", str(pillars), "--samen")
    assert template.returncode == 0, template.stderr
    assert_inert(template.stdout, "sjabloon")
    bundled = run(tmp_path, "sjabloon", "--samen").stdout
    assert set(yaml.safe_load(template.stdout)) == set(yaml.safe_load(bundled))
    assert set(yaml.safe_load(template.stdout)["antwoorden"]) == set(yaml.safe_load(bundled)["antwoorden"])

    coverage = run(tmp_path, "catalogus", "dekking", str(catalogue))
    assert coverage.returncode == 0, coverage.stderr
    assert_inert(coverage.stdout, "catalogus dekking")


# ---------------------------------------------------------------- plain mode and the prompts


def test_plain_mode_never_repeats_typed_text_raw() -> None:
    from pleegreflectie.plain import PlainPresenter, PlainPrompts
    from pleegreflectie.prompts import Option

    typed = iter(["\x1b]0;PWNED\x07", "\u202e1"[1:], "1"])
    out = io.StringIO()
    prompts = PlainPrompts(read=lambda: next(typed), out=out, width=80)
    assert prompts.choose("Kies \x1b]8;;http://e.vil\x07", [Option("1", "Een [/]", 1)]) == 1
    PlainPresenter(out=out, width=80).message(JOINED)
    assert_inert(out.getvalue(), "plain mode")
    assert "PWNED" in out.getvalue()
    text_prompts = PlainPrompts(read=lambda: "Bel \x1b[2J[mama/papa]\u202e", out=out, width=80)
    assert text_prompts.text("Afspraak?") == clean("Bel \x1b[2J[mama/papa]\u202e")


@pytest.mark.parametrize(
    "name", ["A[/]", "[link=http://e.vil]B", "<b>", "\x1b]0;T\x07", "a\u202eb", "x\u200by"]
)
def test_the_interview_refuses_brackets_and_controls_in_a_name(name: str) -> None:
    from pleegreflectie.interview import _label_check

    verdict = _label_check([])(name)
    assert isinstance(verdict, str) and verdict.startswith("Gebruik letters, cijfers of spaties")
    assert _label_check([])("Sanne") is True


def test_the_terminal_view_with_hostile_names_in_a_forced_terminal(tmp_path: Path) -> None:
    """The rich view itself (not only the program): a hostile name as a table header and in lines."""
    from pleegreflectie.view import RichPresenter

    buffer = io.StringIO()
    out = SafeConsole(file=buffer, width=80, force_terminal=True, color_system="truecolor")
    presenter = RichPresenter(out)
    presenter.message(f"Vraag voor jullie allebei: {JOINED}")
    assert_inert(buffer.getvalue(), "presenter")
    assert "[link=http://e.vil]klik[/link]" in squeeze(buffer.getvalue())


# ---------------------------------------------------------------- the installed program in a terminal


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals need a POSIX system")
def test_the_installed_program_in_a_terminal(tmp_path: Path) -> None:
    """A pty: hostile names are refused in Dutch while typing, pasted controls are never echoed raw, and
    a hostile answers file shows every text as typed."""
    from terminal import PROGRAM, ask, close, spawn

    if not PROGRAM.exists():
        pytest.skip("the console script is not installed next to python")
    home = tmp_path / "home"
    child = spawn(home, "start", "--geen-opslag", "--pijler", "zorgen")
    log = io.StringIO()
    child.logfile_read = log  # everything the terminal received
    try:
        ask(child, "Wie doen er vandaag mee?", "2")
        ask(child, "Hoe noemen we de eerste pleegouder?", "A[/]\r")
        child.expect_exact("haakjes")
        # asked again: Ctrl-U empties the line (sent before the prompt reads raw, the terminal's own
        # line editing would take it)
        ask(child, "Hoe noemen we de eerste pleegouder?", "\x15Sanne\r")
        ask(child, "Hoe noemen we de tweede pleegouder?", "B\u202eo\x1b]0;PWNED\x07b\r")
        child.expect_exact("Gebruik letters, cijfers of spaties")
        ask(child, "Hoe noemen we de tweede pleegouder?", "\x15Ahmed\r")
        child.expect_exact("Waar wonen jullie?")  # the profile starts with the country
        child.sendintr()
        child.expect(pexpect_eof())
    finally:
        close(child)
    # The terminal moves its cursor (CSI); no OSC (title, link, clipboard), bell or bidi may reach it.
    transcript = log.getvalue()
    assert "PWNED" in transcript  # it was typed, and shown harmless
    assert "\x1b]" not in transcript and "\x07" not in transcript
    moves = re.sub(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]|[\r\x08]", "", transcript)
    assert RAW.search(moves) is None, RAW.search(moves)

    answers = hostile_answers(tmp_path)
    child = spawn(home, "start", "--geen-opslag", "--antwoorden", str(answers))
    try:
        child.expect(pexpect_eof(), timeout=60)
        screen = child.before or ""
    finally:
        close(child)
    assert child.exitstatus == 0, screen
    assert "\x1b]" not in screen and "\u202e" not in screen and "\x07" not in screen
    for literal in ("A[/]", "[mama/papa]", "[/opmerking]"):
        assert literal in squeeze(screen), literal


def pexpect_eof() -> Any:
    import pexpect

    return pexpect.EOF


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals need a POSIX system")
def test_the_next_visit_shows_hostile_agreements_as_typed(tmp_path: Path) -> None:
    """`hervat --met-begeleider` after a file with hostile names and agreements: no crash, every word."""
    from terminal import PROGRAM, close, program, spawn

    if not PROGRAM.exists():
        pytest.skip("the console script is not installed next to python")
    home = tmp_path / "home"
    answers = hostile_answers(tmp_path)
    saved = program(home, "start", "--antwoorden", str(answers))
    assert saved.returncode == 0, saved.stderr
    child = spawn(home, "hervat", "1", "--met-begeleider")
    log = io.StringIO()
    child.logfile_read = log
    try:
        for _ in range(12):  # the worker's notes come first: Enter keeps each
            if child.expect_exact(["mama/papa", "Notitie van de pleegzorgbegeleider"], timeout=30) == 0:
                break
            child.send("\r")
        child.sendintr()
        child.expect(pexpect_eof())
    finally:
        close(child)
    transcript = log.getvalue()
    assert "Traceback" not in transcript and "MarkupError" not in transcript
    assert "\x1b]" not in transcript and "\u202e" not in transcript
    assert "[mama/papa]" in transcript
