"""The Markdown report: a snapshot, its structure parsed with markdown-it-py, and hostile input.

The snapshot lives in tests/snapshots/report_oma.md. After an intended change of the report, write it
again and review the difference before you commit it:

    UPDATE_SNAPSHOTS=1 pytest tests/test_report.py
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

import pleegreflectie
from pleegreflectie.compare import Comparison, compare
from pleegreflectie.models import Answers, Catalogue, Course, Framework
from pleegreflectie.profile_file import bundled_questions
from pleegreflectie.report import ReportMeta, escape_inline, escape_lines, link, render_report
from pleegreflectie.route import Route, RouteStep
from pleegreflectie.scoring import Result, score

HERE = Path(__file__).parent
SNAPSHOT = HERE / "snapshots" / "report_oma.md"
TODAY = dt.date(2026, 3, 12)
BEFORE = dt.date(2025, 9, 1)
PILLARS = ["Zorgen", "Samenwerken", "Opvoeden", "Ontwikkelen", "Functioneren"]

SUMMARY_HEADINGS = [
    (1, "Reflectie pleegouderschap"),
    (2, "Samenvatting"),
    (3, "Per pijler"),
    (3, "Je sterkste punten"),  # oma answers alone: "je", never "jullie"
    (3, "Hier ga je mee aan de slag"),
    (3, "Je leerroute"),
]
DETAIL_HEADINGS = [
    (2, "Over je gezin"),
    (2, "Zo heb je het ingevuld"),
    (2, "Sterke punten"),
    (2, "Punten om aan te werken"),
    (3, "Ook nog"),  # more than eight points to work on
    (2, "Uitzoeken"),
    (2, "Alle onderdelen per pijler"),
    *[(3, title) for title in PILLARS],
    (2, "Je leerroute"),
    (3, "Nu"),
    (3, "Daarna"),
    (3, "Later"),
    (3, "Geen passend aanbod"),
    (3, "Goed om te weten"),
    (2, "Om te bespreken"),
]
CHANGE_HEADINGS = [(2, "Wat is er veranderd?"), (3, "Opvallende onderdelen"), (3, "De vorige leerroute")]
EXPECTED_HEADINGS = [*SUMMARY_HEADINGS, (3, "Wat is er veranderd?"), *DETAIL_HEADINGS, *CHANGE_HEADINGS]
# (columns, body rows): the summary's pillars (and changes), one table per pillar, the comparison.
# A column that is empty in every row is left out: "Antwoorden" only where an answer is missing
# (Opvoeden: "weet ik niet"). Functioneren has 4 rows: "Rol en positie van je eigen kinderen" does not
# apply (no own children).
PILLAR_TABLES = [(3, 5), (3, 4), (4, 5), (3, 5), (3, 4)]
EXPECTED_TABLES = [(3, 5), (5, 5), *PILLAR_TABLES, (5, 5)]

HOSTILE = [
    "# kop",
    "| a | b |",
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "![img](http://x)",
    "<http://evil>",
    "regel1\n# kop2",
    "**vet",
    "`code` en ```fence",
    "1. lijst\n- item\n> citaat\n---\n===",
    "&lt;b&gt; &amp; \\ *_[]{}~~x~~ $x$ ^y^",
    "    ingesprongen\n\n\ttab",
]
HOSTILE_TEXT = " ".join(HOSTILE)
HOSTILE_URL = "https://example.org/pad?a=1&b=(2)<x>|z"


# ---------------------------------------------------------------- inputs


def course(**fields: Any) -> Course:
    data = {
        "aanbieder": "Pleegzorgorganisaties",
        "beschrijving": "Je krijgt hulp die past bij jullie gezin.",
        "competenties": ["zorgen.gedrag"],
        "soort": "training",
        "vorm": ["groep"],
        "toegang": "zelf",
        "land": "nl",
        "laatst_gecontroleerd": "2026-11-01",
    }
    return Course.model_validate(data | fields)


def courses(
    title: str = "Triple P niveau 4 (Stepping Stones)", url: str = "https://www.triplep.nl/"
) -> list[Course]:
    return [
        course(
            id="netwerk-begeleiding",
            titel="Extra begeleiding voor netwerkpleegouders",
            competenties=["samenwerken.gedeeld-opvoederschap"],
            soort="ondersteuning",
            vorm=["thuis", "individueel"],
            toegang="via-begeleider",
            kosten="via-organisatie",
        ),
        course(
            id="triple-p",
            titel=title,
            aanbieder="Triple P Nederland",
            beschrijving="Je leert rustig te blijven en grenzen te stellen. Je oefent met anderen.",
            url=url,
            duur={"bijeenkomsten": 8, "weken": 10, "uren": 20},
            kosten="gratis",
            erkenning="effectief-eerste",
        ),
        course(
            id="boek-opladen",
            titel="Boek: Zorg ook voor jezelf",
            aanbieder="Uitgeverij Voorbeeld",
            beschrijving="Een boek met tips om op te laden. Lees het in je eigen tempo.",
            url="https://example.org/boek?a=1&b=2",
            competenties=["ontwikkelen.opladen"],
            soort="informatie",
            vorm=["lezen"],
            toegang="vrij",
        ),
    ]


def hand_route(entries: list[Course], reason: str = "", advice: str = "") -> Route:
    """A route as plan_route could make it (built by hand, so this test does not depend on it)."""
    network, training, book = entries
    return Route(
        steps=(
            RouteStep(
                course=network,
                phase="nu",
                competencies=("samenwerken.gedeeld-opvoederschap",),
                reason="Dit helpt bij 'Samen "
                "opvoeden met de ouders' (jullie score 2,0, belangrijk). Dit past bij "
                "jullie: jullie leren graag thuis.",
                via_worker=True,
                hours_per_month=2.0,
                worker_ask="Bespreek met je pleegzorgbegeleider:",
            ),
            RouteStep(
                course=training,
                phase="daarna",
                competencies=("zorgen.gedrag", "opvoeden.opvoedstijlen"),
                reason=reason
                or "Dit helpt bij 'Het gedrag van je pleegkind' (jullie score 2,0, heel "
                "belangrijk) en 'Je manier van opvoeden' (jullie score 2,0, belangrijk). In een groep leer "
                "je ook van andere pleegouders.",
                via_worker=False,
                hours_per_month=4.6,
            ),
            RouteStep(
                course=book,
                phase="later",
                competencies=("ontwikkelen.opladen",),
                reason="Dit helpt bij 'Goed voor jezelf zorgen' (jullie score 2,0, "
                "heel belangrijk). Dit past bij jullie: jullie leren graag door te lezen.",
                via_worker=False,
                hours_per_month=None,
            ),
        ),
        uncovered=("samenwerken.juridisch",),
        share=("zorgen.gezondheid", "opvoeden.ouderschap"),
        advice=(
            "Jullie pleegkind is 10 jaar of ouder en laat moeilijk gedrag zien. Vraag je "
            "pleegzorgbegeleider of extra hulp nodig is.",
            advice
            or "Bespreek deze route met je pleegzorgbegeleider. Die kan extra hulp regelen als dat nodig is.",
        ),
        uncovered_advice="Bespreek deze punten met je pleegzorgbegeleider. Praat er ook over met andere "
        "pleegouders, familie of vrienden.",
    )


def previous(framework: Framework, oma: Answers) -> Result:
    """Half a year ago: behaviour was harder, health a little less sure."""
    answers = dict(oma.answers)
    answers.update(
        {
            "zorgen.gedrag.weten": 1,
            "zorgen.gedrag.doen": 1,
            "zorgen.gezondheid.doen": 4,
            "samenwerken.gedeeld-opvoederschap.weten": 3,
            "samenwerken.gedeeld-opvoederschap.doen": 4,
        }
    )
    return score(
        framework, oma.model_copy(update={"answers": answers}), ["zorgen", "samenwerken", "opvoeden"]
    )


def comparison_for(framework: Framework, oma: Answers, entries: list[Course]) -> Comparison:
    catalogue = Catalogue(version="2025.09", entries=tuple(entries))
    return compare(
        framework,
        previous(framework, oma),
        score(framework, oma),
        previous_route=["triple-p", "netwerk-begeleiding", "oud-aanbod"],
        done=["triple-p"],
        catalogue=catalogue,
        before_date=BEFORE,
    )


def meta(household: str | None = None, framework: Framework | None = None) -> ReportMeta:
    pillar_ids = [p.id for p in framework.pillars] if framework else []
    return ReportMeta(reflection_id=3, household=household, date=TODAY, mode="scherm", pillar_ids=pillar_ids)


def oma_report(framework: Framework, oma: Answers, *, with_comparison: bool = True) -> str:
    entries = courses()
    return render_report(
        framework=framework,
        profile_questions=bundled_questions(),
        answers=oma,
        result=score(framework, oma),
        route=hand_route(entries),
        meta=meta(framework=framework),
        comparison=comparison_for(framework, oma, entries) if with_comparison else None,
        catalogue_version="2026.11",
    )


# ---------------------------------------------------------------- parsing helpers


def parse(text: str) -> list[Token]:
    return MarkdownIt("commonmark").enable("table").parse(text)


def walk(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from walk(token.children)


def inline_text(token: Token) -> str:
    parts = []
    for child in token.children or []:
        if child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        else:
            parts.append(child.content)
    return "".join(parts)


def headings(tokens: list[Token]) -> list[tuple[int, str]]:
    return [
        (int(token.tag[1]), inline_text(tokens[index + 1]))
        for index, token in enumerate(tokens)
        if token.type == "heading_open"
    ]


def tables(tokens: list[Token]) -> list[tuple[int, int]]:
    """(columns, body rows) of every table; every row must have as many cells as the header."""
    shapes = []
    columns = rows = 0
    in_body = False
    cells = 0
    for token in tokens:
        if token.type == "table_open":
            columns = rows = 0
        elif token.type == "tbody_open":
            in_body = True
        elif token.type == "tbody_close":
            in_body = False
        elif token.type == "tr_open":
            cells = 0
        elif token.type in ("th_open", "td_open"):
            cells += 1
        elif token.type == "tr_close":
            if in_body:
                rows += 1
                assert cells == columns, f"a row with {cells} cells in a table of {columns} columns"
            else:
                columns = cells
        elif token.type == "table_close":
            shapes.append((columns, rows))
    return shapes


def all_text(tokens: list[Token]) -> str:
    return "\n".join(inline_text(t) for t in tokens if t.type == "inline")


def links(tokens: list[Token]) -> list[str]:
    return [str(t.attrGet("href")) for t in walk(tokens) if t.type == "link_open"]


def shape(tokens: list[Token]) -> list[str]:
    """Every token but the text itself: the structure of the document."""
    return [f"{t.type}:{t.tag}:{t.level}" for t in walk(tokens) if t.type not in ("text", "text_special")]


def test_report_and_compare_import_no_user_interface() -> None:
    code = (
        "import sys, pleegreflectie.report, pleegreflectie.compare; "
        "print(sorted(m for m in ('rich', 'typer', 'questionary', 'click') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# ---------------------------------------------------------------- 1. snapshot


def test_snapshot(framework: Framework, oma: Answers) -> None:
    text = oma_report(framework, oma)
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.parent.mkdir(exist_ok=True)
        SNAPSHOT.write_text(text, encoding="utf-8")
    if not SNAPSHOT.exists():
        pytest.fail(f"{SNAPSHOT} is missing. Make it with: UPDATE_SNAPSHOTS=1 pytest {__file__}")
    expected = SNAPSHOT.read_text(encoding="utf-8")
    if text != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True), text.splitlines(keepends=True), str(SNAPSHOT), "nu"
            )
        )
        pytest.fail(f"The report changed. If that is intended: UPDATE_SNAPSHOTS=1 pytest {__file__}\n{diff}")


def test_deterministic(framework: Framework, oma: Answers) -> None:
    assert oma_report(framework, oma) == oma_report(framework, oma)


# ---------------------------------------------------------------- 2. structure


def test_structure(framework: Framework, oma: Answers) -> None:
    tokens = parse(oma_report(framework, oma))
    assert headings(tokens) == EXPECTED_HEADINGS
    assert tables(tokens) == EXPECTED_TABLES
    assert [t.attrGet("href") for t in walk(tokens) if t.type == "link_open"] == [
        "https://www.triplep.nl/",
        "https://example.org/boek?a=1&b=2",
    ]
    assert sum(1 for t in tokens if t.type == "hr") == 1
    kinds = {t.type for t in walk(tokens)}
    assert not kinds & {"html_block", "html_inline", "image", "code_inline", "code_block", "fence"}


def test_structure_without_comparison(framework: Framework, oma: Answers) -> None:
    tokens = parse(oma_report(framework, oma, with_comparison=False))
    assert headings(tokens) == [*SUMMARY_HEADINGS, *DETAIL_HEADINGS]
    assert tables(tokens) == [(3, 5), *PILLAR_TABLES]
    # The whole report's summary points to its detail further on.
    assert "Meer over elke stap staat verderop in dit verslag." in all_text(tokens)


def test_the_summary_alone(framework: Framework, oma: Answers) -> None:
    entries = courses()
    text = render_report(
        framework=framework,
        profile_questions=bundled_questions(),
        answers=oma,
        result=score(framework, oma),
        route=hand_route(entries),
        meta=meta(framework=framework),
        comparison=comparison_for(framework, oma, entries),
        catalogue_version="2026.11",
        summary_only=True,
    )
    tokens = parse(text)
    assert headings(tokens) == [*SUMMARY_HEADINGS, (3, "Wat is er veranderd?")]
    words = all_text(tokens)
    # The three strongest points, at most five to work on, the route in one line a step.
    strengths = text.split("### Je sterkste punten", 1)[1].split("###", 1)[0]
    assert strengths.count("\n- ") == 3
    work = text.split("### Hier ga je mee aan de slag", 1)[1].split("###", 1)[0]
    assert len(re.findall(r"^\d+\. ", work, flags=re.M)) == 5
    # The summary alone points to nothing "further on" in it: the detail is not there.
    assert "Het hele verslag noemt nog 3 punten om aan te werken." in words
    assert "verderop" not in words
    assert "Verder in dit verslag" not in words
    assert "Daarna: Triple P niveau 4 (Stepping Stones)" in words
    assert (
        "Vergeleken met je vorige reflectie van 1 september 2025. Gelijk gebleven: Zorgen, Samenwerken "
        "en Opvoeden." in words
    )
    assert text.rstrip("\n").splitlines()[-1].startswith("Gemaakt met pleegreflectie")


def test_the_html_summary_leaves_the_bars_and_the_table_of_changes_to_the_charts(
    framework: Framework, oma: Answers
) -> None:
    entries = courses()
    text = render_report(
        framework=framework,
        profile_questions=bundled_questions(),
        answers=oma,
        result=score(framework, oma),
        route=hand_route(entries),
        meta=meta(framework=framework),
        comparison=comparison_for(framework, oma, entries),
        catalogue_version="2026.11",
        charts=True,
    )
    summary = text.split("## Over je gezin", 1)[0]
    assert "█" not in summary and "░" not in summary
    assert "| Zorgen | 3,7 | Gaat redelijk |" in summary
    assert "| Vorige keer |" not in summary and "| Vorige keer |" in text  # the detail keeps its table


def test_one_foster_parent_is_je_and_two_are_jullie(framework: Framework, oma: Answers) -> None:
    # The route's reasons and advice are the route's texts (hand-written above), not the report's.
    lines = oma_report(framework, oma).splitlines()
    route_texts = ("Waarom:", "pleegkind is 10 jaar", "Je krijgt hulp die past bij jullie gezin.")
    alone = "\n".join(line for line in lines if not any(text in line for text in route_texts))
    assert not re.search(r"\bjullie\b", alone, flags=re.I), re.findall(
        r".{30}\bjullie\b.{10}", alone, flags=re.I
    )
    two = oma.model_copy(update={"profile": oma.profile.model_copy(update={"parents_count": 2})})
    together = oma_report(framework, two)
    assert "### Jullie sterkste punten" in together and "## Over jullie gezin" in together
    assert "### Je sterkste punten" not in together


def test_content(framework: Framework, oma: Answers) -> None:
    text = oma_report(framework, oma)
    tokens = parse(text)
    words = all_text(tokens)
    assert "Datum: 12 maart 2026" in words
    assert "Gezin: Oma Jansen" in words
    assert "Nummer van deze reflectie: 3" in words
    assert "Je hebt dit ingevuld met vragen op het scherm." in words
    assert "Hij is vaak boos na het bezoek aan zijn moeder." in words  # the family's note
    assert "Weet ik niet" in words  # opvoeden.levensfases: "weet ik niet"
    assert "Bespreek met je pleegzorgbegeleider: Extra begeleiding voor netwerkpleegouders" in words
    assert "Waarom: Dit helpt bij 'Samen opvoeden met de ouders" in words  # the ask is not said twice
    assert "Duur: 8 bijeenkomsten, 10 weken en 20 uur in totaal." in words
    assert "Erkenning: effectief volgens eerste aanwijzingen (NJi)." in words
    assert "| Zorgen | 3,7 ███████░░░ | Gaat redelijk |" in text
    assert "| Zorgen | 3,4 | 3,7 | +0,3 | gelijk |" in text
    assert "| Samenwerken | 3,5 | 3,1 | -0,4 | gelijk |" in text  # rounded as the scores are
    assert "| Ontwikkelen | – | 3,3 | – | niet te vergelijken |" in text
    assert "Het gedrag van je pleegkind is gegroeid, van 1,0 naar 2,0." in words
    assert "Oud\\-aanbod" not in text and "oud-aanbod" in words  # unknown id shown as it is
    assert text.rstrip("\n").splitlines()[-1] == (
        f"Gemaakt met pleegreflectie {pleegreflectie.__version__}. Vragenlijst: versie "
        f"{framework.version}. Aanbod: versie 2026.11."
    )
    assert text.endswith(".\n") and "\n\n\n" not in text


def test_minimal_report(framework: Framework) -> None:
    """Nothing answered, no route, no catalogue, no name: still a valid report."""
    answers = Answers()
    text = render_report(
        framework=framework,
        profile_questions=bundled_questions(),
        answers=answers,
        result=score(framework, answers, ["zorgen"]),
        route=None,
        meta=ReportMeta(reflection_id=None, household=None, date=TODAY, mode="bestand", pillar_ids=[]),
        comparison=None,
        catalogue_version=None,
    )
    tokens = parse(text)
    words = all_text(tokens)
    assert "Gezin: (geen naam)" in words
    assert "Land: In Nederland" in words  # the country is always said, also when nothing else is
    assert "Je hebt dit ingevuld met een antwoordenbestand." in words
    assert "Er is nog geen leerroute gemaakt." in words
    assert "Aanbod: niet gebruikt." in words
    assert "Nummer van deze reflectie" not in words
    assert [h for h in headings(tokens) if h[0] == 3][-1] == (3, "Zorgen")


# ---------------------------------------------------------------- 3. hostile input


def hostile_report(framework: Framework, oma: Answers, text: str) -> str:
    entries = courses(title=text, url=HOSTILE_URL)
    notes = {p.id: text for p in framework.pillars}
    answers = oma.model_copy(update={"notes": notes})
    return render_report(
        framework=framework,
        profile_questions=bundled_questions(),
        answers=answers,
        result=score(framework, answers),
        route=hand_route(entries, reason=text, advice=text),
        meta=meta(household=text, framework=framework),
        comparison=comparison_for(framework, answers, entries),
        catalogue_version=text,
    )


def harmless(text: str) -> str:
    """The same lines and words without any Markdown meaning."""
    return re.sub(r"[^\w\s]", "x", text)


@pytest.mark.parametrize("text", [*HOSTILE, HOSTILE_TEXT, "\n".join(HOSTILE)])
def test_hostile_input_keeps_the_structure(framework: Framework, oma: Answers, text: str) -> None:
    tokens = parse(hostile_report(framework, oma, text))
    assert headings(tokens) == EXPECTED_HEADINGS
    assert tables(tokens) == EXPECTED_TABLES
    kinds = {t.type for t in walk(tokens)}
    assert not kinds & {"html_block", "html_inline", "image", "code_inline", "code_block", "fence"}
    assert links(tokens) == [
        "https://example.org/pad?a=1&b=%282%29%3Cx%3E%7Cz",
        "https://example.org/boek?a=1&b=2",
    ]
    # Token for token the same document as with harmless text of the same lines.
    assert shape(tokens) == shape(parse(hostile_report(framework, oma, harmless(text))))


def test_hostile_text_is_shown_as_text(framework: Framework, oma: Answers) -> None:
    text = "\n".join(HOSTILE)
    tokens = parse(hostile_report(framework, oma, text))
    words = all_text(tokens)
    one_line = " ".join(text.split())
    assert f"Gezin: {one_line}" in words  # the household label, on one line
    assert f"Waarom: {one_line}" in words  # a reason in the route
    # A note keeps its lines (each stripped); a blank line starts a new paragraph in the quote.
    quote = tokens.index(next(t for t in tokens if t.type == "blockquote_open"))
    end = tokens.index(next(t for t in tokens[quote:] if t.type == "blockquote_close"))
    paragraphs = [inline_text(t) for t in tokens[quote:end] if t.type == "inline"]
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert paragraphs == "\n".join(lines).split("\n\n")
    for piece in HOSTILE:
        for line in piece.splitlines():
            assert " ".join(line.split()) in words


# ---------------------------------------------------------------- escaping, piece by piece


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Oma Jansen", "Oma Jansen"),
        ("Hij is boos (soms). Echt-waar!", "Hij is boos (soms). Echt-waar!"),  # nothing to escape
        ("2026.11", "2026.11"),
        ("# kop", "\\# kop"),
        ("1. lijst", "1\\. lijst"),
        ("a) lijst", "a\\) lijst"),
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("===", "\\==="),
        (": definitie", "\\: definitie"),
        ("| a | b |", "\\| a \\| b \\|"),
        ("<script>", "\\<script\\>"),
        ("a & b &amp;", "a &amp; b &amp;amp;"),
        ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
        ("![img](http://x)", "!\\[img\\](http\\://x)"),
        ("zie www.evil.nl", "zie www\\.evil.nl"),
        ("**vet", "\\*\\*vet"),
        ("`code`", "\\`code\\`"),
        ("a\\b", "a\\\\b"),
        ("regel1\n# kop2", "regel1 \\# kop2"),
        ("  veel   ruimte \t", "veel ruimte"),
        ("nul\x00bel\x07", "nul bel"),
        ("regel\u2028twee\ufff9", "regel twee"),  # safe.py's one table: separators, annotations
    ],
)
def test_escape_inline(text: str, escaped: str) -> None:
    assert escape_inline(text) == escaped


def test_escape_lines() -> None:
    assert escape_lines("regel1\n# kop2\n\n\n   - drie  \n\n") == ["regel1", "\\# kop2", "", "\\- drie"]
    assert escape_lines("") == []
    assert escape_lines("\n\n") == []


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (None, "Titel \\*"),
        ("https://example.org/a", "[Titel \\*](https://example.org/a)"),
        ("HTTP://example.org/a b", "[Titel \\*](HTTP://example.org/a%20b)"),
        ("https://x.nl/(a)<b>", "[Titel \\*](https://x.nl/%28a%29%3Cb%3E)"),
        ("https://x.nl/?a=1&b=2", "[Titel \\*](https://x.nl/?a=1&amp;b=2)"),
        ("javascript:alert(1)", "Titel \\*"),
        ("//evil.nl", "Titel \\*"),
        ("ftp://x.nl", "Titel \\*"),
        ("https://x.nl/a\u202eb\x85c", "[Titel \\*](https://x.nl/a%E2%80%AEb%C2%85c)"),
    ],
)
def test_link(url: str | None, expected: str) -> None:
    assert link("Titel *", url) == expected


_TEXT = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=60)


def _normal(text: str) -> str:
    """What the reader sees: control characters (C0 and C1) as spaces, bidi and zero-width dropped."""
    text = re.sub(
        "[\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]", "", text
    )
    return " ".join(re.sub(r"[\x00-\x1f\x7f-\x9f]", " ", text).split())


@given(_TEXT)
def test_any_text_stays_one_paragraph_of_text(text: str) -> None:
    expected = _normal(text)
    tokens = parse(f"Tekst: {escape_inline(text)}\n")
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    assert {c.type for c in tokens[1].children or []} <= {"text", "text_special"}
    assert inline_text(tokens[1]) == f"Tekst: {expected}".strip()


@given(_TEXT)
def test_any_text_stays_in_its_list_item_and_table_cell(text: str) -> None:
    expected = _normal(text)
    item = parse(f"- {escape_inline(text)}\n")
    assert [t.type for t in item][:2] == ["bullet_list_open", "list_item_open"]
    assert sum(1 for t in item if t.type == "list_item_open") == 1
    assert all_text(item) == expected
    table = parse(f"| A | B |\n|---|---|\n| {escape_inline(text)} | x |\n")
    assert tables(table) == [(2, 1)]
    assert [inline_text(t) for t in table if t.type == "inline"] == ["A", "B", expected, "x"]


@given(st.lists(_TEXT, min_size=1, max_size=4))
def test_any_note_stays_in_its_block_quote(lines: list[str]) -> None:
    text = "\n".join(lines)
    quoted = "\n".join(f"> {line}".rstrip() for line in escape_lines(text))
    tokens = parse(f"Jullie notitie:\n\n{quoted}\n\nNa de notitie.\n")
    types = [t.type for t in tokens]
    paragraph = ["paragraph_open", "inline", "paragraph_close"]
    assert types[:3] == paragraph and types[-3:] == paragraph
    middle = types[3:-3]
    if not quoted:
        assert middle == []
        return
    assert middle[0] == "blockquote_open" and middle[-1] == "blockquote_close"
    assert set(middle[1:-1]) <= set(paragraph)
    paragraphs = [inline_text(t) for t in tokens[3:-3] if t.type == "inline"]
    expected = "\n".join(_normal(line) for line in text.splitlines())
    assert "\n".join(paragraphs) == re.sub(r"\n{2,}", "\n", expected.strip("\n"))


# ---------------------------------------------------------------- 4. pandoc (when installed)


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
@pytest.mark.parametrize("reader", ["gfm", "commonmark+pipe_tables", "markdown"])
def test_pandoc(framework: Framework, oma: Answers, reader: str) -> None:
    """pandoc's readers (GitHub's dialect, CommonMark and pandoc's own) see the same structure."""

    def html(text: str) -> str:
        report = hostile_report(framework, oma, text)
        command = ["pandoc", "-f", reader, "-t", "html"]
        return subprocess.run(command, input=report, capture_output=True, text=True, check=True).stdout

    hostile = "\n".join([*HOSTILE, "zie www.evil.nl en http://evil.nl/x"])
    page = html(hostile)
    assert "<script" not in page
    assert sorted(set(re.findall(r'href="([^"]*)"', page))) == [
        "https://example.org/boek?a=1&amp;b=2",
        "https://example.org/pad?a=1&amp;b=%282%29%3Cx%3E%7Cz",
    ]
    assert len(re.findall(r"<h[1-6]", page)) == len(EXPECTED_HEADINGS)
    assert page.count("<table") == len(EXPECTED_TABLES)
    # Tag for tag the same page as with harmless text (no emphasis, code, math, sub/superscript, ...).
    assert re.findall(r"</?\w+", page) == re.findall(r"</?\w+", html(harmless(hostile)))
