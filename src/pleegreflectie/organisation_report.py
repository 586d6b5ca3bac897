"""The organisation's overview as CSV (long format, with a Frictionless data package), Markdown and HTML.

Only what `organisation.overview` published reaches these documents: a hidden cell is written with
its reason and no number. No user interface here.
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Iterable

from .models import Framework
from .organisation import HIDDEN_TEXT, SPLITS, Cell, Offer, Overview, share_text
from .structs import json_text
from .wording import counted

COLUMNS = (
    ("indeling", "string", "De groep huishoudens: alle, land, pleegouder, pleegzorgvorm of leeftijd."),
    ("groep", "string", "De waarde binnen de indeling, zoals nl, netwerk of 4-11; 'alle' bij alle."),
    ("niveau", "string", "pijler of competentie."),
    ("onderdeel", "string", "De id van de pijler of competentie, zoals zorgen.gedrag."),
    ("naam", "string", "De naam van de pijler of competentie."),
    ("huishoudens", "integer", "Hoeveel verschillende huishoudens in deze cel zitten (leeg als verborgen)."),
    ("reflecties", "integer", "Hoeveel reflecties in deze cel zitten (leeg als verborgen)."),
    (
        "aandeel_aandachtspunt",
        "number",
        "Deel van de huishoudens (per periode) met een score van 3,5 of lager.",
    ),
    (
        "behoefte",
        "number",
        "Behoefte per huishouden: gemiddeld (5 - score) x gewicht; 3 voor een prioriteit.",
    ),
    ("aanbod_nl", "integer", "Aanbod in Nederland voor deze competentie in de catalogus."),
    ("aanbod_vl", "integer", "Aanbod in Vlaanderen voor deze competentie in de catalogus."),
    ("erkend_nl", "integer", "Hoeveel van het aanbod in Nederland een erkenning van het NJi heeft."),
    ("erkend_vl", "integer", "Hoeveel van het aanbod in Vlaanderen een erkenning van het NJi heeft."),
    ("uren_nl", "number", "De uren van het aanbod in Nederland waarvan de duur bekend is, opgeteld."),
    ("uren_vl", "number", "De uren van het aanbod in Vlaanderen waarvan de duur bekend is, opgeteld."),
    ("vormen_nl", "string", "De leervormen van het aanbod in Nederland, met spaties ertussen."),
    ("vormen_vl", "string", "De leervormen van het aanbod in Vlaanderen, met spaties ertussen."),
    ("verborgen", "string", "Leeg, of waarom deze cel niet getoond wordt (privacy)."),
)


def _names(framework: Framework) -> dict[str, str]:
    names = {p.id: p.title for p in framework.pillars}
    names.update({c.id: c.name for c in framework.competencies()})
    return names


def _offer_index(overview: Overview) -> dict[tuple[str, str], Offer]:
    return {(o.competency, o.country): o for o in overview.offer}


def _hidden(cell: Cell, k: int) -> str:
    return HIDDEN_TEXT[cell.hidden].format(k=k) if cell.hidden else ""


def csv_text(overview: Overview, framework: Framework, delimiter: str = ",") -> str:
    """The overview in long format: one row per cell."""
    names = _names(framework)
    offer = _offer_index(overview)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow([name for name, _, _ in COLUMNS])
    for cell in overview.cells:
        nl = offer.get((cell.item, "nl"))
        vl = offer.get((cell.item, "vl"))
        writer.writerow(
            [
                cell.split,
                cell.group,
                cell.level,
                cell.item,
                names.get(cell.item, cell.item),
                "" if cell.households is None else cell.households,
                "" if cell.reflections is None else cell.reflections,
                "" if cell.gap_share is None else cell.gap_share,
                "" if cell.need is None else cell.need,
                nl.entries if nl else "",
                vl.entries if vl else "",
                nl.recognised if nl else "",
                vl.recognised if vl else "",
                "" if nl is None or nl.hours is None else nl.hours,
                "" if vl is None or vl.hours is None else vl.hours,
                " ".join(nl.forms) if nl else "",
                " ".join(vl.forms) if vl else "",
                _hidden(cell, overview.min_households),
            ]
        )
    return out.getvalue()


def datapackage(csv_name: str, delimiter: str = ",") -> str:
    """A Frictionless data package that describes the CSV (its data dictionary)."""
    descriptor = {
        "name": "pleegreflectie-organisatie",
        "title": "Behoefte en aanbod, zonder namen (pleegreflectie)",
        "resources": [
            {
                "name": "overzicht",
                "path": csv_name,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": delimiter},
                "schema": {
                    "fields": [
                        {"name": name, "type": kind, "description": text} for name, kind, text in COLUMNS
                    ],
                    "missingValues": [""],
                },
            }
        ],
    }
    return json_text(descriptor) + "\n"


def _number(value: float | None, decimals: int = 2) -> str:
    return "" if value is None else f"{value:.{decimals}f}".replace(".", ",")


def _intro(overview: Overview) -> list[str]:
    period = ""
    if overview.start or overview.end:
        period = f" Periode: {overview.start or 'begin'} tot en met {overview.end or 'nu'}."
    lines = [
        f"{counted(overview.records, 'reflectie', 'reflecties')}"
        f" van {counted(overview.households, 'huishouden', 'huishoudens')}"
        f" ({', '.join(overview.periods) or 'geen periode'}).{period}",
        f"Een cel staat er alleen als er minstens {overview.min_households} huishoudens in zitten, niet"
        " iedereen dezelfde uitkomst heeft, en je er geen verborgen cel mee kunt uitrekenen.",
    ]
    if overview.duplicates:
        twice = "1 record stond" if overview.duplicates == 1 else f"{overview.duplicates} records stonden"
        lines.append(f"{twice} er dubbel in; die tellen één keer.")
    versions = "; ".join(
        f"pijlers {v.framework}, catalogus {v.catalogue or 'onbekend'}, signalen {v.signals or 'onbekend'}"
        for v in overview.versions
    )
    if versions:
        lines.append(f"Gemaakt met: {versions}.")
    return lines


def markdown(overview: Overview, framework: Framework) -> str:
    names = _names(framework)
    parts = ["# Behoefte en aanbod", "", *(f"{line}  " for line in _intro(overview)), ""]
    if overview.too_few:
        parts += [
            f"Er zijn minder dan {overview.min_households} huishoudens. Daarom staat hier niets.",
            "",
        ]
        return "\n".join(parts)
    parts += ["## Grootste verschil tussen behoefte en aanbod", ""]
    if overview.mismatches:
        parts += ["| competentie | land | behoefte | aandachtspunt | huishoudens | aanbod | erkend |"]
        parts += ["|---|---|---:|---:|---:|---:|---:|"]
        for m in overview.mismatches[:10]:
            parts.append(
                f"| {_md(names.get(m.competency, m.competency))} | {m.country} | {_number(m.need)} |"
                f" {share_text(m.gap_share)} | {m.households} | {m.entries} | {m.recognised} |"
            )
    else:
        parts.append("Geen cel per land kan getoond worden.")
    parts.append("")
    parts += ["## Aanbod per competentie (catalogus)", ""]
    parts += ["| competentie | land | aanbod | erkend | uren | vormen |", "|---|---|---:|---:|---:|---|"]
    for o in overview.offer:
        parts.append(
            f"| {_md(names.get(o.competency, o.competency))} | {o.country} | {o.entries} | {o.recognised} |"
            f" {_number(o.hours, 1)} | {', '.join(o.forms)} |"
        )
    parts.append("")
    for split, (title, _) in SPLITS.items():
        cells = [c for c in overview.cells if c.split == split]
        if not cells:
            continue
        parts += [f"## {title}", ""]
        parts += [
            "| groep | onderdeel | huishoudens | aandachtspunt | behoefte |",
            "|---|---|---:|---:|---:|",
        ]
        for cell in cells:
            name = names.get(cell.item, cell.item)
            name = f"**{_md(name)}**" if cell.level == "pijler" else _md(name)
            if cell.hidden:
                parts.append(f"| {cell.group} | {name} | | | {_hidden(cell, overview.min_households)} |")
            else:
                parts.append(
                    f"| {cell.group} | {name} | {cell.households} |"
                    f" {share_text(cell.gap_share or 0)} | {_number(cell.need)} |"
                )
        parts.append("")
    return "\n".join(parts)


def _md(text: str) -> str:
    return text.replace("|", "\\|")


def _bars(rows: Iterable[tuple[str, float, int]], width: int = 640) -> str:
    """An SVG with, per competency, a bar for the need (0-8) and one for the number of offers."""
    items = list(rows)
    row_height = 34
    height = row_height * len(items) + 30
    label_width = 260
    scale = (width - label_width - 60) / 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img"'
        ' aria-label="Behoefte en aanbod per competentie">',
        '<text x="0" y="14" font-size="12">Behoefte (donker) en aantal keer aanbod (licht)</text>',
    ]
    for n, (name, need, entries) in enumerate(items):
        y = 26 + n * row_height
        parts.append(f'<text x="0" y="{y + 14}" font-size="12">{html.escape(_short(name))}</text>')
        parts.append(
            f'<rect x="{label_width}" y="{y + 2}" width="{need * scale:.1f}" height="12" fill="#2f5d8a"/>'
        )
        parts.append(
            f'<rect x="{label_width}" y="{y + 16}" width="{min(entries, 8) * scale:.1f}" height="10"'
            ' fill="#9cc3e6"/>'
        )
        parts.append(
            f'<text x="{label_width + max(need, min(entries, 8)) * scale + 6:.1f}" y="{y + 14}"'
            f' font-size="11">{_number(need)} / {entries}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _short(name: str, limit: int = 38) -> str:
    """A name that fits beside the bars, cut after a whole word."""
    if len(name) <= limit:
        return name
    return name[:limit].rsplit(" ", 1)[0].rstrip(",:/") + " …"


def html_page(overview: Overview, framework: Framework) -> str:
    names = _names(framework)
    body = ["<h1>Behoefte en aanbod</h1>", *(f"<p>{html.escape(line)}</p>" for line in _intro(overview))]
    if overview.too_few:
        body.append(
            f"<p>Er zijn minder dan {overview.min_households} huishoudens. Daarom staat hier niets.</p>"
        )
    else:
        offer = _offer_index(overview)
        for country in ("nl", "vl"):
            published = [c for c in overview.cells if c.split == "land" and c.group == country]
            shown = [c for c in published if c.level == "competentie" and not c.hidden]
            if not published:
                continue
            body.append(f"<section><h2>{'Nederland' if country == 'nl' else 'Vlaanderen'}</h2>")
            for pillar in framework.pillars:
                rows = [
                    (names[c.item], c.need or 0.0, offer[(c.item, country)].entries)
                    for c in shown
                    if c.item.startswith(f"{pillar.id}.") and (c.item, country) in offer
                ]
                if rows:
                    body.append(f"<h3>{html.escape(pillar.title)}</h3>{_bars(rows)}")
            hidden = len([c for c in published if c.hidden])
            if hidden:
                cells = counted(hidden, "cel is", "cellen zijn")
                body.append(f"<p>{cells} verborgen om de huishoudens te beschermen.</p>")
            body.append("</section>")
        body.append("<h2>Grootste verschil tussen behoefte en aanbod</h2><table><tr>")
        body.append("<th>competentie</th><th>land</th><th>behoefte</th><th>aandachtspunt</th>")
        body.append("<th>huishoudens</th><th>aanbod</th><th>erkend</th></tr>")
        for m in overview.mismatches[:10]:
            body.append(
                f"<tr><td>{html.escape(names.get(m.competency, m.competency))}</td><td>{m.country}</td>"
                f"<td>{_number(m.need)}</td><td>{share_text(m.gap_share)}</td><td>{m.households}</td>"
                f"<td>{m.entries}</td><td>{m.recognised}</td></tr>"
            )
        body.append("</table>")
    style = (
        "body{font-family:sans-serif;max-width:46em;margin:2em auto;line-height:1.4}"
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em}"
        "section,table,svg{break-inside:avoid}@page{size:A4;margin:18mm}"
    )
    return (
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">'
        f"<title>Behoefte en aanbod</title><style>{style}</style></head><body>"
        + "".join(body)
        + "</body></html>\n"
    )
