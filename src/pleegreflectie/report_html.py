"""The report as one self-contained HTML file to print: the Markdown report rendered, print CSS, a chart.

One document, several renderings: the Markdown from report.py is rendered with markdown-it-py (imported
only here, only when someone asks for HTML). Print CSS for A4 starts each pillar on a new page and prints
every link with its address. The chart is a few lines of SVG: a horizontal bar per pillar, with room for
two series (two foster parents) side by side. No scripts, no fonts or pictures from elsewhere.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from msgspec import Struct

from .scoring import Result
from .wording import number

PILLAR_SECTION = "Per pijler"  # the h2 of report.py under which every pillar has its h3
CHART_AFTER = "Overzicht"  # the chart goes after this section's table
COLOURS = ("#1f5fa8", "#d9822b")  # blue and orange: apart in colour and in grey
SCALE = (1, 5)


class Series(Struct, frozen=True):
    """One voice in the chart: a label (empty for one foster parent) and a score per pillar."""

    label: str
    scores: tuple[float | None, ...]


class Chart(Struct, frozen=True):
    pillars: tuple[str, ...]  # pillar titles, in order
    series: tuple[Series, ...]  # one or two


def chart_of(result: Result, pillar_titles: Sequence[tuple[str, str]]) -> Chart:
    """The chart of one result: every pillar of the framework, with no score where none was given.

    With two foster parents each gets a bar per pillar: the mean of their own competency scores.
    """
    titles = tuple(title for _, title in pillar_titles)
    labels: list[str] = []
    for comp in result.competencies():
        for label, _ in comp.per_participant:
            if label not in labels:
                labels.append(label)
    if not labels:
        by_id = {p.id: p.score for p in result.pillars}
        return Chart(titles, (Series("", tuple(by_id.get(pid) for pid, _ in pillar_titles)),))
    series = []
    for label in labels:
        scores: list[float | None] = []
        for pid, _ in pillar_titles:
            pillar = next((p for p in result.pillars if p.id == pid), None)
            own = [
                score
                for comp in (pillar.competencies if pillar else ())
                for who, score in comp.per_participant
                if who == label and score is not None
            ]
            scores.append(round(sum(own) / len(own), 2) if own else None)
        series.append(Series(label, tuple(scores)))
    return Chart(titles, tuple(series))


# ---------------------------------------------------------------- the chart


def chart_svg(chart: Chart) -> str:
    """A bar chart of the pillar scores (1 to 5) as inline SVG, readable in colour and in grey."""
    label_w, bar_w, right = 150, 360, 46
    bar_h, gap = 16, 14
    count = max(1, len(chart.series))
    legend_h = 26 if count > 1 else 0
    top = 12 + legend_h
    row_h = count * bar_h + gap
    axis_y = top + len(chart.pillars) * row_h
    width = label_w + bar_w + right
    height = axis_y + 28
    low, high = SCALE

    def x_of(value: float) -> float:
        return label_w + (value - low) / (high - low) * bar_w

    described = "; ".join(
        f"{title}: "
        + ", ".join(
            (f"{s.label} " if s.label else "")
            + (number(s.scores[i]) if s.scores[i] is not None else "geen score")
            for s in chart.series
        )
        for i, title in enumerate(chart.pillars)
    )
    parts = [
        f'<svg class="grafiek" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="grafiek-titel grafiek-uitleg">',
        '<title id="grafiek-titel">Score per pijler, van 1 tot 5</title>',
        f'<desc id="grafiek-uitleg">{html.escape(described)}</desc>',
    ]
    if count > 1:
        x: float = label_w
        for index, series in enumerate(chart.series):
            parts.append(
                f'<rect x="{x}" y="6" width="14" height="14" fill="{COLOURS[index % 2]}"'
                f"{_hatch(index)}/>"
                f'<text x="{x + 20}" y="18">{html.escape(series.label)}</text>'
            )
            x += 40 + 8 * len(series.label)
    for tick in range(low, high + 1):
        x = x_of(tick)
        parts.append(
            f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{axis_y}" stroke="#bbb" stroke-width="1"/>'
            f'<text x="{x:.1f}" y="{axis_y + 16}" text-anchor="middle" class="as">{tick}</text>'
        )
    for row, title in enumerate(chart.pillars):
        y0 = top + row * row_h
        middle = y0 + count * bar_h / 2
        parts.append(
            f'<text x="{label_w - 8}" y="{middle + 5:.1f}" text-anchor="end">{html.escape(title)}</text>'
        )
        for index, series in enumerate(chart.series):
            y = y0 + index * bar_h
            score = series.scores[row] if row < len(series.scores) else None
            if score is None:
                parts.append(f'<text x="{label_w + 6}" y="{y + 12}" class="leeg">geen score</text>')
                continue
            end = x_of(min(max(score, low), high))
            parts.append(
                f'<rect x="{label_w}" y="{y + 1}" width="{max(end - label_w, 2):.1f}" height="{bar_h - 2}" '
                f'fill="{COLOURS[index % 2]}"{_hatch(index)}/>'
                f'<text x="{end + 5:.1f}" y="{y + 12}">{number(score)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _hatch(index: int) -> str:
    # The second voice is lighter, so the two stay apart on a black-and-white printer.
    return ' fill-opacity="0.75"' if index % 2 else ""


# ---------------------------------------------------------------- the page

CSS = """
@page { size: A4; margin: 18mm 16mm 18mm 16mm; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 11pt;
       line-height: 1.45; color: #111; max-width: 46em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 20pt; margin: 0 0 .4em; }
h2 { font-size: 15pt; margin: 1.4em 0 .4em; border-bottom: 1px solid #999; }
h3 { font-size: 13pt; margin: 1.2em 0 .3em; }
h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
.nieuwe-pagina { break-before: page; page-break-before: always; }
table { border-collapse: collapse; width: 100%; margin: .5em 0; }
th, td { border: 1px solid #999; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #eee; }
tr, li, blockquote, figure { break-inside: avoid; page-break-inside: avoid; }
blockquote { margin: .5em 0; padding: .2em .8em; border-left: 3px solid #999; background: #f6f6f6; }
a { color: #1f5fa8; overflow-wrap: anywhere; }
figure { margin: 1em 0; }
figcaption { font-size: 9pt; color: #444; }
svg.grafiek { max-width: 100%; height: auto; font-size: 12px; }
svg.grafiek text { fill: #111; font-family: inherit; }
svg.grafiek text.as, svg.grafiek text.leeg { fill: #555; }
@media print {
  body { margin: 0; max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 90%; overflow-wrap: anywhere; }
}
"""


QUESTIONNAIRE_CSS = """
td:first-child { width: 2em; }
td code { display: block; font-size: 7.5pt; color: #555; margin-top: 2px; }
td:nth-child(n+3), th:nth-child(n+3) { white-space: nowrap; font-size: 11pt; word-spacing: .3em; }
td:nth-child(4) { border-left: 2px solid #555; }
p.notitie { color: #999; margin: .9em 0; overflow: hidden; white-space: nowrap; }
"""


WEB_LINK = ("http://", "https://", "#")  # the only links an HTML page of ours may hold


def _harden(md: Any) -> None:
    """Text from a data file can never load or run anything: raw HTML is off (above), a picture is shown
    as its text (nothing is fetched when the page is opened) and only http(s) links stay links."""

    def image(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
        return html.escape(self.renderInlineAsText(tokens[idx].children or [], options, env))

    def link_open(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
        keep = str(tokens[idx].attrGet("href") or "").lower().startswith(WEB_LINK)
        env.setdefault("_links", []).append(keep)
        return str(self.renderToken(tokens, idx, options, env)) if keep else ""

    def link_close(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
        opened = env.get("_links") or [True]
        keep = opened.pop()
        return str(self.renderToken(tokens, idx, options, env)) if keep else ""

    md.add_render_rule("image", image)
    md.add_render_rule("link_open", link_open)
    md.add_render_rule("link_close", link_close)


def render_html(markdown: str, *, title: str, chart: Chart | None = None, questionnaire: bool = False) -> str:
    """The Markdown report as one HTML page to print, with the chart after the overview.

    With `questionnaire`: the paper questionnaire, each pillar (h2) on a new page.
    """
    from markdown_it import MarkdownIt

    from .paper import NOTE_LINE

    md = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")
    _harden(md)
    env: dict[str, Any] = {}
    tokens = md.parse(markdown, env)
    section = ""
    pillar_count = 0
    chart_at: int | None = None
    h2_count = 0
    for index, token in enumerate(tokens):
        if token.type == "paragraph_open" and tokens[index + 1].content == NOTE_LINE:
            token.attrSet("class", "notitie")
        if token.type == "heading_open":
            text = tokens[index + 1].content
            if token.tag == "h2":
                section = text
                h2_count += 1
                if (h2_count > 1) if questionnaire else (text == PILLAR_SECTION):
                    token.attrSet("class", "nieuwe-pagina")
            elif token.tag == "h3" and section == PILLAR_SECTION:
                pillar_count += 1
                token.attrSet("class", "pijler" if pillar_count == 1 else "pijler nieuwe-pagina")
        elif token.type == "table_close" and section == CHART_AFTER and chart_at is None:
            chart_at = index + 1
    figure = ""
    if chart is not None and chart.pillars:
        figure = (
            f"<figure>{chart_svg(chart)}<figcaption>De score per pijler, van 1 (nog niet) tot 5 "
            "(helemaal).</figcaption></figure>\n"
        )
        if chart_at is None:  # no overview table: after the first heading and its facts
            chart_at = next((i + 1 for i, t in enumerate(tokens) if t.type == "bullet_list_close"), 0)
    else:
        chart_at = 0
    body = (
        md.renderer.render(tokens[:chart_at], md.options, env)
        + figure
        + md.renderer.render(tokens[chart_at:], md.options, env)
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n"
        f"<style>{CSS}{QUESTIONNAIRE_CSS if questionnaire else ''}</style>\n"
        "</head>\n<body>\n"
        f"{body}</body>\n</html>\n"
    )
