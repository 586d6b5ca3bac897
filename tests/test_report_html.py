"""The report to print (`rapport -o verslag.html`): the HTML itself, and printed in a real browser.

The browser tests use headless Chromium (Debian's `chromium`; `.ci/run` installs it when it is missing).
They print the report to PDF and check the page count, the text and that the chart is there, and take
one screenshot to check that the chart can be seen.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pleegreflectie.cli import app
from pleegreflectie.report_html import COLOURS, Chart, Series, chart_svg, render_html

FIXTURES = Path(__file__).parent / "fixtures"
TITLES = ["Zorgen", "Samenwerken", "Opvoeden", "Ontwikkelen", "Functioneren"]
OMA_SCORES = ["3,7", "3,1", "3,9", "3,3", "3,8"]


def make_report(tmp_path: Path, answers: Path = FIXTURES / "oma.yaml") -> Path:
    runner = CliRunner()
    assert runner.invoke(app, ["start", "--antwoorden", str(answers), "--json"]).exit_code == 0
    target = tmp_path / "verslag.html"
    result = runner.invoke(app, ["rapport", "-o", str(target)])
    assert result.exit_code == 0, result.output
    return target


# ---------------------------------------------------------------- the HTML


def test_the_html_report_is_the_markdown_report_rendered_with_a_chart(tmp_path: Path) -> None:
    page = make_report(tmp_path).read_text(encoding="utf-8")
    markdown = CliRunner().invoke(app, ["rapport"]).stdout
    assert page.startswith("<!DOCTYPE html>") and '<html lang="nl">' in page
    # Self-contained: nothing is fetched from elsewhere, nothing runs.
    assert "<script" not in page and "<link" not in page and "src=" not in page
    # Every heading of the Markdown is a heading in the HTML, in the same order.
    headings = [line.lstrip("#").strip() for line in markdown.splitlines() if line.startswith("#")]
    found = [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h[1-3][^>]*>(.*?)</h[1-3]>", page)]
    assert found == headings
    # The summary (the hand-out) first; the detail starts on a new page; no pillar needs a page of its own.
    assert headings[1] == "Samenvatting"
    assert '<h2 class="nieuwe-pagina">Over je gezin</h2>' in page
    assert page.count("nieuwe-pagina") == 1 + page.count(".nieuwe-pagina")
    assert "break-before: page" in page and "@page { size: A4" in page
    assert "table, tr, li, blockquote, figure { break-inside: avoid;" in page
    assert 'a[href^="http"]::after { content: " (" attr(href) ")"' in page
    # The chart comes right after the summary's pillar table, which has no text bars beside it.
    assert page.index("</table>") < page.index("<svg") < page.index("sterkste punten")
    assert "█" not in page and "█" in markdown
    assert 'role="img"' in page and "<desc" in page
    assert "Zorgen: 3,7; Samenwerken: 3,1" in page


def test_typed_text_cannot_become_html(tmp_path: Path) -> None:
    hostile = tmp_path / "boos.yaml"
    text = (FIXTURES / "oma.yaml").read_text(encoding="utf-8")
    note = "'<script>alert(1)</script> <img src=x onerror=y> Hij is vaak boos'"
    text = text.replace("zorgen: Hij is vaak boos na het bezoek aan zijn moeder.", f"zorgen: {note}")
    hostile.write_text(text, encoding="utf-8")
    page = make_report(tmp_path, hostile).read_text(encoding="utf-8")
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_chart_has_room_for_two_voices() -> None:
    chart = Chart(
        pillars=("Zorgen", "Samenwerken"),
        series=(Series("Sanne", (4.0, None)), Series("Ahmed & co", (2.5, 3.0))),
    )
    svg = chart_svg(chart)
    assert svg.count("<rect") == 2 + 3  # the legend, and three bars (one score is missing)
    assert "Ahmed &amp; co" in svg and "geen score" in svg
    assert all(colour in svg for colour in COLOURS)
    assert "Zorgen: Sanne 4,0, Ahmed &amp; co 2,5; Samenwerken: Sanne geen score, Ahmed &amp; co 3,0" in svg


def test_a_report_without_an_overview_still_gets_its_chart_near_the_top() -> None:
    page = render_html(
        "# Titel\n\n- a\n\nTekst.\n", title="t", chart=Chart(("Zorgen",), (Series("", (3.0,)),))
    )
    assert page.index("</ul>") < page.index("<svg") < page.index("Tekst.")


# ---------------------------------------------------------------- in a real browser


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        if found := shutil.which(name):
            return found
    return None


CHROMIUM = _chromium()
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium is not installed (Debian: apt-get install chromium; .ci/run does this)",
)


def browser(tmp_path: Path, page: Path, *args: str) -> None:
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",  # as root in CI
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        *args,
        page.as_uri(),
    ]
    env = {**os.environ, "HOME": str(tmp_path)}
    subprocess.run(command, check=True, capture_output=True, timeout=120, env=env)


def print_pdf(tmp_path: Path, page: Path) -> list[str]:
    """The page printed to PDF by Chromium: the text of every page."""
    from pypdf import PdfReader

    pdf = page.with_suffix(".pdf")
    browser(tmp_path, page, "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
    reader = PdfReader(pdf)
    box = reader.pages[0].mediabox  # A4 is 595 x 842 points
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    return [unicodedata.normalize("NFKC", p.extract_text()) for p in reader.pages]


@needs_chromium
def test_the_report_prints_to_a4_with_the_hand_out_first(tmp_path: Path) -> None:
    texts = print_pdf(tmp_path, make_report(tmp_path))
    assert texts[0].startswith("Reflectie pleegouderschap")
    detail = next(i for i, t in enumerate(texts) if t.startswith("Over je gezin"))
    assert detail <= 2, texts  # the summary takes at most two pages
    assert "Samenvatting" in texts[0] and all("Over je gezin" not in t for t in texts[:detail])
    assert len(texts) <= 8, len(texts)
    everything = "\n".join(texts)
    assert "Gezin: Oma Jansen" in everything and "Leerroute" in everything.replace("leerroute", "Leerroute")
    # The chart: its labels and scores are printed on the first page.
    assert "De score per pijler" in texts[0]
    for title, score in zip(TITLES, OMA_SCORES, strict=True):
        assert f"{title} {score}" in texts[0]
    # Every pillar's part comes after the summary, in order.
    starts = [next(i for i, t in enumerate(texts) if f"{title}\nScore:" in t) for title in TITLES]
    assert starts == sorted(starts) and starts[0] >= detail
    # Links are printed with their address.
    assert re.search(r"\(https://[^)\s]+\)", everything)


def visit(tmp_path: Path, *args: str, later: bool = False) -> Path:
    """The first visit of a couple with their worker (all five pillars, notes, three agreements, a
    next visit), and with `later` the next visit half a year on; the report (`args`) as HTML."""
    runner = CliRunner()
    answers = FIXTURES / "duo_bezoek.yaml"
    assert runner.invoke(app, ["start", "--antwoorden", str(answers), "--json"]).exit_code == 0
    if later:
        text = answers.read_text(encoding="utf-8")
        text = re.sub(r"(zorgen\.gedrag\.(?:weten|doen)): .*", r"\1: 4", text)
        text = re.sub(r"(ontwikkelen\.opladen\.(?:weten|doen)): .*", r"\1: 4", text)
        (tmp_path / "later.yaml").write_text(text, encoding="utf-8")
        result = runner.invoke(app, ["start", "--antwoorden", str(tmp_path / "later.yaml"), "--json"])
        assert result.exit_code == 0, result.output
    target = tmp_path / "verslag.html"
    result = runner.invoke(app, ["rapport", *args, "-o", str(target)])
    assert result.exit_code == 0, result.output
    return target


@needs_chromium
def test_a_first_visit_of_two_with_their_worker_prints_to_eight_pages_at_most(tmp_path: Path) -> None:
    texts = print_pdf(tmp_path, visit(tmp_path))
    assert len(texts) <= 8, len(texts)
    detail = next(i for i, t in enumerate(texts) if t.startswith("Over jullie gezin"))
    assert detail <= 2, len(texts)
    summary = "\n".join(texts[:detail])
    for part in (
        "Sanne en Ahmed vulden dit samen in",
        "Jullie sterkste punten",
        "Afspraken",
        "Volgende bezoek",
    ):
        assert part in summary, part
    assert "Uitzoeken of er respijtzorg kan komen" in summary and "31 januari 2027" in summary


@needs_chromium
def test_the_summary_alone_prints_to_two_pages_at_most(tmp_path: Path) -> None:
    texts = print_pdf(tmp_path, visit(tmp_path, "--samenvatting"))
    assert 1 <= len(texts) <= 2, len(texts)
    assert "Volgende bezoek" in texts[-1] and "Over jullie gezin" not in "\n".join(texts)


@needs_chromium
def test_a_later_visit_summary_has_a_before_and_after_chart_on_two_pages_at_most(tmp_path: Path) -> None:
    page = visit(tmp_path, "--samenvatting", later=True)
    html = page.read_text(encoding="utf-8")
    assert html.count("<svg") == 2 and ">Vorige keer</text>" in html and ">Nu</text>" in html
    assert html.index("Wat is er veranderd?") < html.rindex("<svg") < html.index("<hr")  # before the footer
    texts = print_pdf(tmp_path, page)
    assert len(texts) <= 2, len(texts)
    assert "Wat is er veranderd?" in "\n".join(texts)


@needs_chromium
def test_screenshot_shows_the_chart(tmp_path: Path) -> None:
    from PIL import Image

    page = make_report(tmp_path)
    png = tmp_path / "verslag.png"
    browser(tmp_path, page, "--window-size=900,2000", f"--screenshot={png}")
    image = Image.open(png).convert("RGB")
    assert image.size == (900, 2000)
    blue = tuple(int(COLOURS[0][i : i + 2], 16) for i in (1, 3, 5))
    rows = sorted(
        {y for y in range(image.height) for x in range(0, image.width, 3) if image.getpixel((x, y)) == blue}
    )
    # Five bars, each about 14 pixels high: the chart is on the first screen and can be seen.
    assert len(rows) >= 5 * 10, len(rows)
    bands = 1 + sum(1 for a, b in itertools.pairwise(rows) if b - a > 1)
    assert bands == 5, rows
    widths = [sum(1 for x in range(image.width) if image.getpixel((x, y)) == blue) for y in (rows[0],)]
    assert widths[0] > 100


def test_two_foster_parents_get_a_bar_each(tmp_path: Path) -> None:
    duo = tmp_path / "duo.yaml"
    text = (FIXTURES / "oma.yaml").read_text(encoding="utf-8")
    text = re.sub(r"^(\s+zorgen\.gezondheid\.weten:) \d", r"\1 {Sanne: 5, Ahmed: 1}", text, flags=re.M)
    duo.write_text("deelnemers: [Sanne, Ahmed]\n" + text, encoding="utf-8")
    page = make_report(tmp_path, duo).read_text(encoding="utf-8")
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert ">Sanne</text>" in svg and ">Ahmed</text>" in svg
    assert svg.count(f'fill="{COLOURS[1]}"') == 1 + 5  # the legend and a bar per pillar
    assert "Zorgen: Sanne " in svg and ", Ahmed " in svg
