"""The report as one self-contained HTML file to print: the Markdown report rendered, print CSS, a chart.

One document, several renderings: the Markdown from report.py is rendered with markdown-it-py (imported
only here, only when someone asks for HTML). Print CSS for A4: the summary (the hand-out, at most two
pages) first, the detail from a new page; tables, list items and charts never break across pages;
every link is printed with its address. A chart is a few lines of SVG: a horizontal bar per pillar,
with room for two series side by side (two foster parents, or last time and now). No scripts, no
fonts or pictures from elsewhere.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from .compare import Comparison
from .report import SUMMARY, SUMMARY_PILLARS
from .scoring import Result
from .wording import number

if TYPE_CHECKING:  # markdown-it-py is imported only to render HTML
    from markdown_it import MarkdownIt
    from markdown_it.renderer import RendererHTML
    from markdown_it.token import Token
    from markdown_it.utils import EnvType, OptionsDict

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


def before_after_chart(comparison: Comparison) -> Chart:
    """Per pillar of the comparison: the score last time and now."""
    pillars = comparison.pillars
    return Chart(
        tuple(p.title for p in pillars),
        (
            Series("Vorige keer", tuple(p.before for p in pillars)),
            Series("Nu", tuple(p.after for p in pillars)),
        ),
    )


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
@page { size: A4; margin: 15mm 15mm 15mm 15mm; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 11pt;
       line-height: 1.45; color: #111; max-width: 46em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 20pt; margin: 0 0 .4em; }
h2 { font-size: 15pt; margin: 1.4em 0 .4em; border-bottom: 1px solid #999; }
h3 { font-size: 13pt; margin: 1.2em 0 .3em; }
h1, h2, h3, p:has(+ table), p:has(+ figure), p:has(+ blockquote) {
  break-after: avoid; page-break-after: avoid; }
.nieuwe-pagina { break-before: page; page-break-before: always; }
table { border-collapse: collapse; width: 100%; margin: .5em 0; }
th, td { border: 1px solid #999; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #eee; }
table, tr, li, blockquote, figure { break-inside: avoid; page-break-inside: avoid; }
blockquote { margin: .5em 0; padding: .2em .8em; border-left: 3px solid #999; background: #f6f6f6; }
a { color: #1f5fa8; overflow-wrap: anywhere; }
figure { margin: 1em 0; }
figcaption { font-size: 9pt; color: #444; }
svg.grafiek { max-width: 100%; height: auto; font-size: 12px; }
svg.grafiek text { fill: #111; font-family: inherit; }
svg.grafiek text.as, svg.grafiek text.leeg { fill: #555; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10pt; line-height: 1.35; }
  h1 { font-size: 18pt; }
  h2 { font-size: 13.5pt; margin: 1em 0 .3em; }
  h3 { font-size: 11.5pt; margin: .9em 0 .2em; }
  p, ul, ol { margin: .35em 0; }
  th, td { padding: 2px 5px; }
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


def _harden(md: MarkdownIt) -> None:
    """Text from a data file can never load or run anything: raw HTML is off (above), a picture is shown
    as its text (nothing is fetched when the page is opened) and only http(s) links stay links."""

    def image(
        self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        return html.escape(self.renderInlineAsText(tokens[idx].children or [], options, env))

    def link_open(
        self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        keep = str(tokens[idx].attrGet("href") or "").lower().startswith(WEB_LINK)
        env.setdefault("_links", []).append(keep)
        return str(self.renderToken(tokens, idx, options, env)) if keep else ""

    def link_close(
        self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        opened = env.get("_links") or [True]
        keep = opened.pop()
        return str(self.renderToken(tokens, idx, options, env)) if keep else ""

    md.add_render_rule("image", image)
    md.add_render_rule("link_open", link_open)
    md.add_render_rule("link_close", link_close)


def render_html(
    markdown: str,
    *,
    title: str,
    chart: Chart | None = None,
    questionnaire: bool = False,
    charts: Mapping[str, tuple[Chart, str]] | None = None,
) -> str:
    """The Markdown report as one HTML page to print.

    `chart`: the pillar chart, at the end of the summary's part "Per pijler" (or, in a page without
    it, after the first list). `charts`: more charts, each at the end of the part under the heading
    it is keyed by, with its caption (the before/after chart under "Wat is er veranderd?").
    The detail after the summary starts on a new page; a table never breaks across pages.
    With `questionnaire`: the paper questionnaire, each pillar (h2) on a new page.
    """
    from markdown_it import MarkdownIt

    from .paper import NOTE_LINE

    md = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")
    _harden(md)
    env: dict[str, Any] = {}
    tokens = md.parse(markdown, env)
    wanted: dict[str, tuple[Chart, str]] = {}
    if chart is not None and chart.pillars:
        wanted[SUMMARY_PILLARS] = (chart, "De score per pijler, van 1 tot 5.")
    wanted |= {k: v for k, v in (charts or {}).items() if v[0].pillars}
    places: dict[int, list[str]] = {}  # token index -> figures to put before it
    open_section: str | None = None
    h2_count = 0
    after_summary = False
    for index, token in enumerate(tokens):
        if token.type == "paragraph_open" and tokens[index + 1].content == NOTE_LINE:
            token.attrSet("class", "notitie")
        if token.type not in ("heading_open", "hr"):
            continue
        if open_section is not None:  # the section ends at the next heading or the footer's line
            places.setdefault(index, []).append(_figure(*wanted.pop(open_section)))
            open_section = None
        if token.type == "hr":
            continue
        text = tokens[index + 1].content
        if text in wanted:  # the first heading of that name: in the summary
            open_section = text
        if token.tag == "h2":
            h2_count += 1
            if questionnaire:
                if h2_count > 1:
                    token.attrSet("class", "nieuwe-pagina")
            elif after_summary:
                token.attrSet("class", "nieuwe-pagina")
                after_summary = False
            elif text == SUMMARY:
                after_summary = True
    if open_section is not None:
        places.setdefault(len(tokens), []).append(_figure(*wanted.pop(open_section)))
    if SUMMARY_PILLARS in wanted:  # no summary: the pillar chart after the first list
        first = next((i + 1 for i, t in enumerate(tokens) if t.type == "bullet_list_close"), 0)
        places.setdefault(first, []).append(_figure(*wanted.pop(SUMMARY_PILLARS)))
    body = ""
    start = 0
    for at in sorted(places):
        body += md.renderer.render(tokens[start:at], md.options, env) + "".join(places[at])
        start = at
    body += md.renderer.render(tokens[start:], md.options, env)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n"
        f"<style>{CSS}{QUESTIONNAIRE_CSS if questionnaire else ''}</style>\n"
        "</head>\n<body>\n"
        f"{body}</body>\n</html>\n"
    )


def _figure(chart: Chart, caption: str) -> str:
    return f"<figure>{chart_svg(chart)}<figcaption>{html.escape(caption)}</figcaption></figure>\n"
