"""The reflection as a Markdown report (CommonMark with GFM tables) in Dutch B1. Pure text.

The report is for the family to keep and to take to the foster care worker. It must read well on
GitHub, through pandoc and as plain text.

Escaping. Text that users or organisations typed (household label, notes, the catalogue, and also
the framework and route text that quotes them) goes through `escape_inline` (one line) or
`escape_lines` (a note with several lines), so it can never change the structure of the report:

- always backslash-escaped: \\ ` * _ { } [ ] < > | # ~ $ ^ (emphasis, code, links, images, autolinks,
  HTML, table cells, headings, fences, strikethrough, pandoc math and super/subscript), and & becomes
  &amp; (no entities);
- escaped where they mean something: a line that starts with - + = : ( (lists, thematic breaks,
  setext underlines, pandoc definition and example lists), the . or ) of a list marker such as
  "1." or "a)" at the start of a line, the ":" of "://" and the "." of "www." (GitHub's bare autolinks);
  a . - + ! ( ) anywhere else means nothing in Markdown and stays as it is, so the file reads well as
  plain text;
- every piece is escaped as if it starts a line, so it is safe anywhere: in a sentence, at the start
  of a paragraph or list item, in a heading or a table cell;
- whitespace: `escape_inline` joins all lines and spaces into single spaces (table cells, list items);
  `escape_lines` keeps the lines but strips each one, so no line starts an indented code block and
  none ends in a hard line break; control characters become spaces.
Only a `url` that starts with http:// or https:// becomes a link, with ( ) < > | \\ and spaces
percent-encoded and & written as &amp;. Known limit: an e-mail address in a note may still become a
mailto link on GitHub; it shows its own address, so nothing is hidden.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from msgspec import Struct

from . import __version__
from .compare import COMPETENCY_NOISE, PILLAR_NOISE, Comparison
from .conversation import DIFFERENCE_MIN, KitchenTable, differences
from .models import RECOGNITION_LABELS, Agreement, Answers, Course, Duration, Framework
from .route import MAX_GAPS, Route, RouteStep
from .scoring import CompetencyScore, Gap, PillarScore, Result
from .wording import FORM_WORDS, join_words, level, number, profile_lines, signed

TITLE = "Reflectie pleegouderschap"
NO_NAME = "(geen naam)"
BAR = 10
TOP_GAPS = 3  # gaps named in the points for the conversation
TOO_FEW = "te weinig antwoorden om iets te zeggen"

MODES = {"scherm": "met vragen op het scherm", "bestand": "met een antwoordenbestand"}
PHASE_TITLES = {"nu": "Nu", "daarna": "Daarna", "later": "Later"}
MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
ACCESS_WORDS = {
    "zelf": "Je kunt je zelf aanmelden.",
    "vrij": "Je kunt er meteen mee beginnen.",
}
COST_WORDS = {
    "gratis": "gratis",
    "via-organisatie": "via je pleegzorgorganisatie",
    "abonnement": "met een abonnement",
}


class ReportMeta(Struct, frozen=True):
    """What the report needs besides the answers: which reflection, for whom, when, and how."""

    reflection_id: int | None  # the saved reflection's number, None when nothing was saved
    household: str | None  # the household label; None falls back to the profile, then "(geen naam)"
    date: dt.date
    mode: str  # "scherm" or "bestand" (see MODES); other text is shown as it is
    pillar_ids: Sequence[str]  # the pillars that were done


# ---------------------------------------------------------------- escaping

_ALWAYS = frozenset("\\`*_{}[]<>|#~$^")
_LINE_START = frozenset("-+=:(")
_LIST_MARKER = re.compile(r"[0-9A-Za-z]+([.)])(?=\s|$)")
_BARE_LINK = re.compile(r"(?i)(?<=[a-z0-9])(:)(?=//)|(?<![a-z0-9])www(\.)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidi overrides and isolates and other invisible formatting characters: dropped (they can make text
# read backwards or hide part of it).
_INVISIBLE = re.compile("[\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")
_URL_START = re.compile(r"(?i)^https?://")
_URL_UNSAFE = re.compile(
    r"[\s()<>|\\\x00-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u206f\ufeff]"
)


def escape_inline(text: str) -> str:
    """Untrusted text as one line of literal Markdown text (for a table cell, list item or sentence)."""
    return _escape_line(" ".join(_CONTROL.sub(" ", _INVISIBLE.sub("", text)).split()))


def escape_lines(text: str) -> list[str]:
    """Untrusted text of several lines: each line escaped, runs of blank lines kept as one ""."""
    lines: list[str] = []
    for raw in text.splitlines():
        line = escape_inline(raw)
        if line or (lines and lines[-1]):
            lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _escape_line(line: str) -> str:
    marked = {m.start(1) for m in [_LIST_MARKER.match(line)] if m}
    marked |= {m.start(m.lastindex or 0) for m in _BARE_LINK.finditer(line)}
    out = []
    for index, char in enumerate(line):
        if char == "&":
            out.append("&amp;")
        elif char in _ALWAYS or index in marked or (index == 0 and char in _LINE_START):
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


def _percent(match: re.Match[str]) -> str:
    return "".join(f"%{byte:02X}" for byte in match.group().encode())


def link(text: str, url: str | None) -> str:
    """Escaped text, as a link when `url` is an http(s) address."""
    label = escape_inline(text)
    if url is None or not _URL_START.match(url.strip()):
        return label
    target = _URL_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), url.strip()).replace(
        "&", "&amp;"
    )
    return f"[{label}]({target})"


# ---------------------------------------------------------------- small words


def bar(value: float | None) -> str:
    if value is None:
        return ""
    filled = round((value - 1) / 4 * BAR)
    return "█" * filled + "░" * (BAR - filled)


def date_text(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


MEANINGS = {
    None: "Nog niet ingevuld",
    "sterk": "Hier zijn jullie sterk",
    "aandacht": "Hier is aandacht nodig",
    "op weg": "Dit gaat redelijk",
}


def meaning(value: float | None) -> str:
    return MEANINGS[level(value)]


def _competency_meaning(comp: CompetencyScore) -> str:
    if comp.score is None and comp.unsure:
        return "Jullie weten het nog niet"
    return meaning(comp.score)


def _hours(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else number(value)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _bullets(items: Sequence[str], ordered: bool = False) -> str:
    return "\n".join(f"{i}. {item}" if ordered else f"- {item}" for i, item in enumerate(items, 1))


def _name(framework: Framework, competency_id: str) -> str:
    try:
        return framework.competency(competency_id).name
    except KeyError:
        return competency_id


def _importance(framework: Framework, gap: Gap) -> str:
    return framework.importance_label(gap.importance).lower()


# ---------------------------------------------------------------- sections


def _header(meta: ReportMeta, answers: Answers) -> list[str]:
    household = meta.household or answers.profile.household
    facts = [f"Datum: {date_text(meta.date)}", f"Gezin: {escape_inline(household) if household else NO_NAME}"]
    if meta.reflection_id is not None:
        facts.append(f"Nummer van deze reflectie: {meta.reflection_id}")
    return [
        f"# {TITLE}",
        _bullets(facts),
        "Dit verslag is van jullie. Bewaar het goed. Neem het mee naar het gesprek met je "
        "pleegzorgbegeleider.",
    ]


def _profile(answers: Answers) -> list[str]:
    data = answers.profile.model_dump(mode="json", by_alias=True)
    items = [escape_inline(line) for line in profile_lines(data)]
    body = _bullets(items) if items else "Jullie hebben niets over jullie gezin ingevuld. Dat mag."
    return ["## Over jullie gezin", body]


def _how(framework: Framework, meta: ReportMeta) -> list[str]:
    mode = MODES.get(meta.mode, meta.mode)
    done = [p for p in framework.pillars if p.id in meta.pillar_ids]
    todo = [p for p in framework.pillars if p.id not in meta.pillar_ids]
    sentences = [f"Jullie hebben dit ingevuld {escape_inline(mode)}."]
    if done:
        sentences.append(
            f"Deze pijlers hebben jullie gedaan: {join_words([escape_inline(p.title) for p in done])}."
        )
    else:
        sentences.append("Er is nog geen pijler helemaal ingevuld.")
    if done and todo:
        sentences.append(f"Nog niet gedaan: {join_words([escape_inline(p.title) for p in todo])}.")
    ranges = [
        f"van {o[0].value} ({escape_inline(o[0].label)}) tot {o[-1].value} ({escape_inline(o[-1].label)})"
        for o in dict.fromkeys(framework.scale_for(q) for q in framework.questions())
    ]
    scale = f"Bij elke vraag kozen jullie een antwoord {' of '.join(ranges)}."
    return ["## Zo hebben jullie het ingevuld", " ".join(sentences), scale]


def _overview(result: Result) -> list[str]:
    if not result.pillars:
        return ["## Overzicht", "Er is nog niets ingevuld."]
    rows = [
        [
            escape_inline(p.title),
            f"{number(p.score)} {bar(p.score)}".strip(),
            _pillar_meaning(p),
            f"{p.scored} van {p.total}",
        ]
        for p in result.pillars
    ]
    return [
        "## Overzicht",
        "Per pijler zie je een score van 1 tot 5. Hoe hoger de score, hoe sterker jullie je voelen. "
        "De laatste kolom zegt op hoeveel onderdelen de score rust. Is dat minder dan de helft? "
        f"Dan zeggen we niets over de pijler: {TOO_FEW}.",
        _table(["Pijler", "Score", "Wat betekent dit", "Onderdelen met een score"], rows),
    ]


def _pillar_meaning(pillar: PillarScore) -> str:
    return TOO_FEW[:1].upper() + TOO_FEW[1:] if pillar.too_few else meaning(pillar.score)


def _strengths(framework: Framework, result: Result, route: Route | None) -> list[str]:
    blocks = ["## Sterke punten"]
    if not result.strengths:
        blocks.append("Nog geen score van 4 of hoger. Dat is niet erg. Kijk ook naar wat wel goed gaat.")
        return blocks
    blocks.append("Hier zijn jullie sterk in:")
    blocks.append(_bullets([f"{escape_inline(c.name)}: {number(c.score)}" for c in result.strengths]))
    if route is not None and route.share:
        names = join_words([escape_inline(_name(framework, c)) for c in route.share])
        blocks.append(
            f"Misschien kunnen jullie andere pleegouders helpen met {names}. Vertel erover in een groep."
        )
    return blocks


def _gaps(framework: Framework, result: Result) -> list[str]:
    blocks = ["## Aandachtspunten"]
    if not result.gaps:
        blocks.append("Er zijn nu geen aandachtspunten. Mooi!")
        return blocks
    blocks.append("Hier kunnen jullie aan werken. Wat het meest telt, staat bovenaan.")
    items = [
        f"{escape_inline(g.name)} (score {number(g.score)}, {escape_inline(_importance(framework, g))})"
        for g in result.gaps
    ]
    blocks.append(_bullets(items, ordered=True))
    if len(result.gaps) > MAX_GAPS:
        blocks.append(
            f"De leerroute werkt aan de eerste {MAX_GAPS} punten. De andere komen aan bod als die klaar zijn."
        )
    return blocks


def _find_out(result: Result) -> list[str]:
    if not result.find_out:
        return []
    items = [f"{escape_inline(f.name)}: {escape_inline(f.text)}" for f in result.find_out]
    return [
        "## Uitzoeken",
        "Bij deze vragen over wat jullie weten, kozen jullie 'weet ik niet'. Dat telt niet mee in de "
        "score. Het is wel goed om het uit te zoeken, bijvoorbeeld met je pleegzorgbegeleider.",
        _bullets(items),
    ]


def _pillars(result: Result, answers: Answers) -> list[str]:
    blocks = ["## Per pijler"]
    if not result.pillars:
        blocks.append("Er is nog geen pijler ingevuld.")
    for pillar in result.pillars:
        blocks.append(f"### {escape_inline(pillar.title)}")
        blocks.append(
            f"Score: {number(pillar.score)}. {_pillar_meaning(pillar)}. "
            f"De score rust op {pillar.scored} van de {pillar.total} onderdelen."
        )
        rows = [
            [
                escape_inline(c.name),
                number(c.score),
                _competency_meaning(c),
                f"{c.answered} van {c.questions}",
            ]
            for c in pillar.competencies
        ]
        blocks.append(_table(["Onderdeel", "Score", "Wat betekent dit", "Antwoorden"], rows))
        note = escape_lines(answers.notes.get(pillar.id, ""))
        if note:
            blocks.append("Jullie notitie:")
            blocks.append("\n".join(f"> {line}".rstrip() for line in note))
    return blocks


def _duration(duration: Duration | None) -> str | None:
    if duration is None:
        return None
    parts = []
    if duration.sessions:
        parts.append("1 bijeenkomst" if duration.sessions == 1 else f"{duration.sessions} bijeenkomsten")
    if duration.weeks:
        parts.append("1 week" if duration.weeks == 1 else f"{duration.weeks} weken")
    if duration.hours:
        parts.append(f"{_hours(duration.hours)} uur in totaal")
    return join_words(parts) or None


def _step(step: RouteStep) -> str:
    course: Course = step.course
    title = link(course.title, course.url)
    first = f"{escape_inline(step.worker_ask)} **{title}**" if step.worker_ask else f"**{title}**"
    facts = [f"Aanbieder: {escape_inline(course.provider)}."]
    facts.append(f"Vorm: {join_words([FORM_WORDS.get(f, f.value) for f in course.forms])}.")
    duration = _duration(course.duration)
    if duration:
        facts.append(f"Duur: {duration}.")
    if step.hours_per_month:
        facts.append(f"Dat is ongeveer {max(1, round(step.hours_per_month))} uur per maand.")
    if course.costs:
        facts.append(f"Kosten: {escape_inline(COST_WORDS.get(course.costs, course.costs))}.")
    if course.recognition:
        review = " Die erkenning wordt opnieuw beoordeeld." if course.recognition_review else ""
        facts.append(f"Erkenning: {RECOGNITION_LABELS[course.recognition]}.{review}")
    if course.availability == "eigen-organisatie":
        facts.append("Vraag of jouw pleegzorgorganisatie dit aanbiedt.")
    if not step.worker_ask and course.access in ACCESS_WORDS:
        facts.append(ACCESS_WORDS[course.access])
    if course.url and not _URL_START.match(course.url.strip()):
        facts.append(f"Website: {escape_inline(course.url)}.")
    reason = _reason(step)
    paragraphs = [first, escape_inline(course.description), " ".join(facts)] + (
        [f"Waarom: {escape_inline(reason)}"] if reason else []
    )
    return "- " + "\n\n  ".join(paragraphs)


def _reason(step: RouteStep) -> str:
    """The route's reason (the ask for the worker is in the step's first line, not in the reason)."""
    return step.reason.strip()


def _route(framework: Framework, result: Result, route: Route | None) -> list[str]:
    blocks = ["## Jullie leerroute"]
    if route is None:
        blocks.append("Er is nog geen leerroute gemaakt.")
        return blocks
    if route.steps:
        blocks.append(
            "Deze stappen passen bij jullie aandachtspunten. Begin met de stappen bij 'Nu'. "
            "Is dat klaar of gaat het goed? Kijk dan naar 'Daarna' en 'Later'."
        )
    else:
        blocks.append("Er staan nu geen stappen in jullie leerroute.")
    if route.ongoing:
        blocks.append("### Hier zijn jullie nog mee bezig")
        blocks.append(_bullets([link(s.course.title, s.course.url) for s in route.ongoing]))
    for phase, title in PHASE_TITLES.items():
        steps = [s for s in route.steps if s.phase == phase]
        if steps:
            blocks.append(f"### {title}")
            blocks.append("\n".join(_step(s) for s in steps))
    if route.later:
        blocks.append("### Voor later")
        blocks.append("Hiervoor is wel aanbod, maar het past nu niet:")
        blocks.append(
            _bullets(
                [
                    f"{escape_inline(_name(framework, item.competency))}: "
                    f"{link(item.course.title, item.course.url)}. {escape_inline(item.text)}"
                    for item in route.later
                ]
            )
        )
    if route.uncovered:
        gaps = {g.id: g for g in result.gaps}
        items = []
        for gap_id in route.uncovered:
            gap = gaps.get(gap_id)
            score = f" (score {number(gap.score)})" if gap is not None else ""
            items.append(f"{escape_inline(_name(framework, gap_id))}{score}")
        blocks.append("### Geen passend aanbod")
        blocks.append("Voor deze punten vonden we geen passend aanbod:")
        blocks.append(_bullets(items))
        blocks.append(escape_inline(route.uncovered_advice))
    if route.advice:
        blocks.append("### Goed om te weten")
        blocks.append(_bullets([escape_inline(line) for line in route.advice]))
    return blocks


def _conversation(framework: Framework, result: Result, route: Route | None) -> list[str]:
    items = []
    for gap in result.gaps[:TOP_GAPS]:
        items.append(
            f"**{escape_inline(gap.name)}**: jullie score is {number(gap.score)}. "
            f"Dit is {escape_inline(_importance(framework, gap))} voor jullie. Wat kan helpen?"
        )
    for comp in result.competencies():
        if comp.score is None and comp.unsure:
            items.append(
                f"**{escape_inline(comp.name)}**: hier wisten jullie het antwoord nog niet. Vraag om uitleg."
            )
    if route is not None:
        for gap_id in route.uncovered:
            items.append(
                f"**{escape_inline(_name(framework, gap_id))}**: hiervoor vonden we geen passend aanbod. "
                "Wat kan jullie hier wel helpen?"
            )
        for step in route.steps:
            if step.worker_ask:
                items.append(f"{escape_inline(step.worker_ask)} **{escape_inline(step.course.title)}**.")
    items.append("Vertel ook wat goed gaat. Daar kunnen jullie trots op zijn.")
    return [
        "## Om te bespreken met je pleegzorgbegeleider",
        "Deze punten zijn goed om samen te bespreken:",
        _bullets(items),
    ]


def _comparison(comparison: Comparison) -> list[str]:
    since = (
        f"Jullie vorige reflectie was op {date_text(comparison.before_date)}."
        if comparison.before_date
        else "Hier zie je wat er veranderd is sinds jullie vorige reflectie."
    )
    noise = (
        "Een klein verschil zegt niet veel. Als je één antwoord net iets anders kiest, verandert de "
        "score al. Daarom noemen we een pijler pas gegroeid of gedaald bij een verschil van "
        f"{number(PILLAR_NOISE)} of meer. Bij een onderdeel is dat {number(COMPETENCY_NOISE)} of meer."
    )
    rows = [
        [escape_inline(p.title), number(p.before), number(p.after), signed(p.delta), p.verdict]
        for p in comparison.pillars
    ]
    blocks = [
        "## Wat is er veranderd?",
        since,
        noise,
        _table(["Pijler", "Vorige keer", "Nu", "Verschil", "Uitkomst"], rows),
        "### Opvallende onderdelen",
    ]
    notable = comparison.notable()
    if notable:
        blocks.append(
            _bullets(
                [
                    f"{escape_inline(c.name)} is {c.verdict}, van {number(c.before)} naar {number(c.after)}."
                    for c in notable
                ]
            )
        )
    else:
        blocks.append("Bij geen enkel onderdeel zien we een groot verschil.")
    blocks.append("### De vorige leerroute")
    if not comparison.has_route:
        blocks.append("Van de vorige keer is geen leerroute bekend.")
        return blocks
    if comparison.route_done:
        blocks.append("Dit hebben jullie gedaan. Goed bezig!")
        blocks.append(_bullets([escape_inline(title) for _, title in comparison.route_done]))
    if comparison.route_ongoing:
        blocks.append("Hier zijn jullie nog mee bezig:")
        blocks.append(_bullets([escape_inline(title) for _, title in comparison.route_ongoing]))
    if comparison.route_not_done:
        blocks.append("Dit hebben jullie (nog) niet gedaan:")
        blocks.append(_bullets([escape_inline(title) for _, title in comparison.route_not_done]))
    if comparison.route_unknown:
        blocks.append("Van deze stappen is niet gevraagd of jullie ze deden:")
        blocks.append(_bullets([escape_inline(title) for _, title in comparison.route_unknown]))
    return blocks


def _footer(framework: Framework, catalogue_version: str | None, note: str | None = None) -> list[str]:
    catalogue = f"versie {escape_inline(catalogue_version)}" if catalogue_version else "niet gebruikt"
    return [
        "---",
        f"Gemaakt met pleegreflectie {__version__}. Vragenlijst: versie {escape_inline(framework.version)}. "
        f"Aanbod: {catalogue}." + (f" {escape_inline(note)}" if note else ""),
    ]


# ---------------------------------------------------------------- the report


def render_report(
    *,
    framework: Framework,
    answers: Answers,
    result: Result,
    route: Route | None,
    meta: ReportMeta,
    comparison: Comparison | None = None,
    catalogue_version: str | None = None,
    table: KitchenTable | None = None,
    catalogue_note: str | None = None,
) -> str:
    """The whole report as Markdown, ending in one newline."""
    blocks = _header(meta, answers)
    if table is not None:
        blocks += _who(framework, table)
    blocks += _profile(answers)
    blocks += _how(framework, meta)
    blocks += _overview(result)
    blocks += _strengths(framework, result, route)
    blocks += _gaps(framework, result)
    blocks += _find_out(result)
    blocks += _pillars(result, answers)
    blocks += _route(framework, result, route)
    if table is not None:
        blocks += _voices(result, table)
        blocks += _topics(table)
        blocks += _worker(framework, table)
    blocks += _conversation(framework, result, route)
    if comparison is not None:
        blocks += _comparison(comparison)
    blocks += _footer(framework, catalogue_version, catalogue_note)
    return "\n\n".join(blocks) + "\n"


# ---------------------------------------------------------------- the kitchen table

STATUS_WORDS = {
    "open": "open",
    "gedaan": "gedaan",
    "bezig": "nog bezig",
    "niet-gedaan": "nog niet gedaan",
    "niet-nodig": "niet meer nodig",
}


def _who(framework: Framework, table: KitchenTable) -> list[str]:
    people = (
        f"Twee pleegouders: {escape_inline(table.participants[0])} en {escape_inline(table.participants[1])}."
        if len(table.participants) == 2
        else "Eén pleegouder."
    )
    worker = "De pleegzorgbegeleider was erbij." if table.with_worker else "Zonder pleegzorgbegeleider."
    blocks = ["## Wie deden er mee", f"{people} {worker}"]
    if table.visits:
        rows = []
        for visit in table.visits:
            who = " en ".join(escape_inline(p) for p in visit.participants) or "één pleegouder"
            pillars = ", ".join(
                escape_inline(framework.pillar(p).title) for p in visit.pillars if _known(framework, p)
            )
            worker_there = "ja" if visit.with_worker else "nee"
            rows.append([_visit_day(visit.day), pillars, who, worker_there])
        blocks.append(_table(["Datum", "Pijlers", "Wie", "Pleegzorgbegeleider erbij"], rows))
    return blocks


def _known(framework: Framework, pillar_id: str) -> bool:
    return any(p.id == pillar_id for p in framework.pillars)


def _visit_day(text: str) -> str:
    try:
        return date_text(dt.date.fromisoformat(text))
    except ValueError:
        return escape_inline(text)


def _voices(result: Result, table: KitchenTable) -> list[str]:
    if len(table.participants) != 2:
        return []
    first, second = table.participants
    apart = {c.id for c in differences(result)}
    rows = []
    for comp in result.competencies():
        scores = dict(comp.per_participant)
        if scores.get(first) is None and scores.get(second) is None:
            continue
        rows.append(
            [
                escape_inline(comp.name),
                number(scores.get(first)),
                number(scores.get(second)),
                "verschil: praat erover" if comp.id in apart else "",
            ]
        )
    return [
        "## Jullie allebei",
        "Per punt de score van ieder van jullie. De score van het gezin is het gemiddelde van jullie "
        f"twee. Scheelt het {number(DIFFERENCE_MIN)} punt of meer, dan is het een punt om over te praten.",
        _table(["Punt", escape_inline(first), escape_inline(second), ""], rows),
    ]


def _topics(table: KitchenTable) -> list[str]:
    blocks = []
    if table.route_notes:
        blocks += [
            "### Bij jullie leerroute",
            _bullets([escape_inline(f"{note.title}: {note.text}") for note in table.route_notes]),
        ]
    if not table.topics:
        return blocks
    items = []
    for topic in table.topics:
        line = escape_inline(topic.text)
        if topic.source:
            line += f" *(Bron: {escape_inline(topic.source)})*"
        items.append(line)
    return [*blocks, "## Gespreksonderwerpen", _bullets(items, ordered=True)]


def _worker(framework: Framework, table: KitchenTable) -> list[str]:
    blocks: list[str] = []
    worker = table.worker
    if worker is not None and not worker.is_empty:
        blocks.append("## Van de pleegzorgbegeleider")
        for pillar in framework.pillars:
            note = worker.notes.get(pillar.id)
            if note:
                blocks.append(f"**{escape_inline(pillar.title)}**")
                blocks += escape_lines(note)
        if worker.agreements:
            blocks.append("### Afspraken")
            blocks.append(_agreement_table(worker.agreements))
        if worker.next_visit:
            blocks.append(f"**Volgende bezoek:** {date_text(worker.next_visit)}")
    if table.previous_agreements:
        blocks.append("### Afspraken van de vorige keer")
        blocks.append(_agreement_table(table.previous_agreements))
    return blocks


def _agreement_table(agreements: Sequence[Agreement]) -> str:
    rows = [
        [
            escape_inline(a.what),
            escape_inline(a.who or ""),
            date_text(a.when) if a.when else "",
            STATUS_WORDS.get(a.status, a.status),
        ]
        for a in agreements
    ]
    return _table(["Wat", "Wie", "Wanneer", "Status"], rows)
