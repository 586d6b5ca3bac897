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
from .compare import DROPPED, GROWN, PILLAR_NOISE, SAME, Comparison, change_rule_text
from .conversation import DIFFERENCE_MIN, KitchenTable, differences
from .models import (
    RECOGNITION_LABELS,
    STATUS_WORDS,
    Address,
    Agreement,
    Answers,
    Course,
    Duration,
    Framework,
    address_of,
)
from .profile import ProfileQuestions, profile_lines
from .route import MAX_GAPS, Route, RouteStep
from .safe import CONTROL, INVISIBLE
from .scoring import CompetencyScore, Gap, PillarScore, Result, level_word
from .wording import (
    DONT_KNOW_WORDS,
    FORM_WORDS,
    MONTHS,
    TOO_FEW_WORDS,
    bar,
    join_words,
    kind_gaps_text,
    number,
    signed,
)

TITLE = "Reflectie pleegouderschap"
NO_NAME = "(geen naam)"
BAR = 10
TOP_GAPS = 3  # gaps named in the points for the conversation
TOO_FEW = "te weinig antwoorden om iets te zeggen"
SUMMARY_STRENGTHS = 3  # the strongest points in the summary
SUMMARY_GAPS = 5  # the points to work on in the summary (the detail has up to route.MAX_GAPS)

# Headings other modules find the report's parts by (report_html puts the charts and page breaks there).
SUMMARY = "Samenvatting"
SUMMARY_PILLARS = "Per pijler"  # h3 in the summary: the pillar chart goes after its table
PILLAR_SECTION = "Alle onderdelen per pijler"  # h2 of the detail: every pillar has its h3
GAPS = "Punten om aan te werken"
CONVERSATION = "Om te bespreken"
CHANGES = "Wat is er veranderd?"  # h3 in the summary (before/after chart), h2 in the detail

MODES = {"scherm": "met vragen op het scherm", "bestand": "met een antwoordenbestand"}
PHASE_TITLES = {"nu": "Nu", "daarna": "Daarna", "later": "Later"}
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
_URL_START = re.compile(r"(?i)^https?://")
_URL_UNSAFE = re.compile(rf"[\s()<>|\\]|{CONTROL.pattern}|{INVISIBLE.pattern}")


def escape_inline(text: str) -> str:
    """Untrusted text as one line of literal Markdown text (for a table cell, list item or sentence).

    Control characters (safe.CONTROL) become spaces, invisible formatting (safe.INVISIBLE: bidi
    overrides, zero-width characters) is dropped, so text cannot read backwards or hide a part."""
    return _escape_line(" ".join(CONTROL.sub(" ", INVISIBLE.sub("", text)).split()))


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
    return "".join(f"%{byte:02X}" for byte in match.group().encode(errors="surrogatepass"))


def link(text: str, url: str | None) -> str:
    """Escaped text, as a link when `url` is an http(s) address."""
    label = escape_inline(text)
    if url is None or not _URL_START.match(url.strip()):
        return label
    target = _URL_UNSAFE.sub(_percent, url.strip()).replace("&", "&amp;")
    return f"[{label}]({target})"


# ---------------------------------------------------------------- small words


def date_text(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def meaning(value: float | None) -> str:
    """The verdict word of a score, as on the screen and in --json (wording.LEVEL_WORDS)."""
    return _capital(level_word(value))


def _competency_meaning(comp: CompetencyScore) -> str:
    if comp.score is None and comp.unsure:
        return _capital(DONT_KNOW_WORDS)
    return meaning(comp.score)


def _pillar_meaning(pillar: PillarScore) -> str:
    return _capital(TOO_FEW_WORDS) if pillar.too_few else meaning(pillar.score)


def _hours(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else number(value)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A GFM table; a column that is empty in every row is left out."""
    keep = [i for i in range(len(header)) if any(row[i].strip() for row in rows)] if rows else []
    keep = keep or list(range(len(header)))
    head = [header[i] for i in keep]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(row[i] for i in keep) + " |" for row in rows]
    return "\n".join(lines)


def _bullets(items: Sequence[str], ordered: bool = False, start: int = 1) -> str:
    return "\n".join(f"{i}. {item}" if ordered else f"- {item}" for i, item in enumerate(items, start))


def _name(framework: Framework, competency_id: str) -> str:
    try:
        return framework.competency(competency_id).name
    except KeyError:
        return competency_id


def _importance(framework: Framework, gap: Gap) -> str:
    return framework.importance_label(gap.importance).lower()


class _Say:
    """Dutch for one foster parent ("je") or two ("jullie"): `say(je_text, jullie_text)`."""

    def __init__(self, address: Address) -> None:
        self.address = address

    @property
    def two(self) -> bool:
        return self.address == "jullie"

    def __call__(self, je: str, jullie: str) -> str:
        return jullie if self.two else je


# ---------------------------------------------------------------- the summary (the hand-out)


def _header(meta: ReportMeta, answers: Answers, say: _Say) -> list[str]:
    household = meta.household or answers.profile.household
    facts = [f"Datum: {date_text(meta.date)}", f"Gezin: {escape_inline(household) if household else NO_NAME}"]
    if meta.reflection_id is not None:
        facts.append(f"Nummer van deze reflectie: {meta.reflection_id}")
    return [
        f"# {TITLE}",
        _bullets(facts),
        say(
            "Dit verslag is van jou. Bewaar het goed. Neem het mee naar het gesprek met je "
            "pleegzorgbegeleider.",
            "Dit verslag is van jullie. Bewaar het goed. Neem het mee naar het gesprek met je "
            "pleegzorgbegeleider.",
        ),
    ]


def _who_and_when(framework: Framework, meta: ReportMeta, table: KitchenTable | None, say: _Say) -> str:
    when = date_text(meta.date)
    if table is None:
        return say(f"Je vulde dit in op {when}.", f"Jullie vulden dit in op {when}.")
    if len(table.participants) == 2:
        first, second = (escape_inline(p) for p in table.participants)
        who = f"{first} en {second} vulden dit samen in"
    else:
        who = say("Je vulde dit in", "Jullie vulden dit in")
    worker = ", met de pleegzorgbegeleider erbij" if table.with_worker else ""
    if len(table.visits) <= 1:
        return f"{who} op {when}{worker}."
    days = []
    for visit in table.visits:
        pillars = join_words(
            [escape_inline(framework.pillar(p).title) for p in visit.pillars if _known(framework, p)]
        )
        extra = " (met de pleegzorgbegeleider)" if visit.with_worker else ""
        days.append(f"{_visit_day(visit.day)}: {pillars}{extra}")
    return f"{who}, in {len(table.visits)} keer: " + "; ".join(days) + "."


def _summary(
    framework: Framework,
    answers: Answers,
    result: Result,
    route: Route | None,
    meta: ReportMeta,
    comparison: Comparison | None,
    table: KitchenTable | None,
    say: _Say,
    charts: bool,
    detail: bool,
) -> list[str]:
    """The hand-out. `detail`: the detail follows in this report, so the summary may point to it."""
    blocks = [f"## {SUMMARY}", _who_and_when(framework, meta, table, say)]
    blocks.append(f"### {SUMMARY_PILLARS}")
    if result.pillars:
        blocks += _pillar_table(result, charts)
    else:
        blocks.append("Er is nog niets ingevuld.")
    blocks.append(f"### {say('Je sterkste punten', 'Jullie sterkste punten')}")
    if result.strengths:
        blocks.append(
            _bullets(
                [f"{escape_inline(c.name)}: {number(c.score)}" for c in result.strengths[:SUMMARY_STRENGTHS]]
            )
        )
    else:
        blocks.append("Nog geen score van 4 of hoger. Dat is niet erg. Kijk ook naar wat wel goed gaat.")
    blocks.append(f"### {say('Hier ga je mee aan de slag', 'Hier gaan jullie mee aan de slag')}")
    if result.gaps:
        top = result.gaps[:SUMMARY_GAPS]
        blocks.append(
            _bullets([f"{escape_inline(g.name)} (score {number(g.score)})" for g in top], ordered=True)
        )
        rest = min(len(result.gaps), MAX_GAPS) - len(top)
        if rest > 0:
            points = f"{rest} {'punt' if rest == 1 else 'punten'} om aan te werken"
            blocks.append(
                f"Verder in dit verslag: nog {points}." if detail else f"Het hele verslag noemt nog {points}."
            )
    else:
        blocks.append("Er zijn nu geen punten om aan te werken. Mooi!")
    blocks.append(f"### {say('Je leerroute', 'Jullie leerroute')}")
    blocks += _route_summary(route, say, detail)
    agreements = table.worker.agreements if table is not None and table.worker is not None else ()
    next_visit = table.worker.next_visit if table is not None and table.worker is not None else None
    if agreements or next_visit:
        blocks.append("### Afspraken")
        if agreements:
            rows = [
                [
                    escape_inline(a.what),
                    escape_inline(a.who or ""),
                    date_text(a.when) if a.when else "",
                    "" if a.status == "open" else STATUS_WORDS.get(a.status, a.status),
                ]
                for a in agreements
            ]
            blocks.append(_table(["Wat", "Wie", "Wanneer", "Status"], rows))  # "open": no status
        if next_visit:
            blocks.append(f"**Volgende bezoek:** {date_text(next_visit)}")
    if comparison is not None:
        blocks += _comparison_summary(comparison, say, charts, detail)
    return blocks


def _pillar_table(result: Result, charts: bool) -> list[str]:
    """Score and verdict per pillar; without the chart (Markdown) the score has a text bar."""
    rows = [
        [
            escape_inline(p.title),
            number(p.score) if charts else f"{number(p.score)} {bar(p.score, BAR)}".strip(),
            _pillar_meaning(p),
        ]
        for p in result.pillars
    ]
    return [_table(["Pijler", "Score (1 tot 5)", "Wat betekent dit"], rows)]


def _route_summary(route: Route | None, say: _Say, detail: bool) -> list[str]:
    if route is None or not (route.steps or route.ongoing):
        return [
            say("Er staan nu geen stappen in je leerroute.", "Er staan nu geen stappen in jullie leerroute.")
        ]
    items = [f"Nog mee bezig: {escape_inline(s.course.title)}" for s in route.ongoing]
    for step in route.steps:
        title = escape_inline(step.course.title)
        what = f"{escape_inline(step.worker_ask)} {title}" if step.worker_ask else title
        items.append(f"{PHASE_TITLES.get(step.phase, step.phase)}: {what}")
    more = ["Meer over elke stap staat verderop in dit verslag."] if detail else []
    return [_bullets(items), *more]


def _comparison_summary(comparison: Comparison, say: _Say, charts: bool, detail: bool) -> list[str]:
    since = say("Vergeleken met je vorige reflectie", "Vergeleken met jullie vorige reflectie") + (
        f" van {date_text(comparison.before_date)}." if comparison.before_date else "."
    )
    parts = [since]
    for verdict, word in ((GROWN, "Gegroeid"), (SAME, "Gelijk gebleven"), (DROPPED, "Gedaald")):
        names = [escape_inline(p.title) for p in comparison.pillars if p.verdict == verdict]
        if names:
            parts.append(f"{word}: {join_words(names)}.")
    sentence = " ".join(parts) if len(parts) > 1 else f"{since} Er is nog niets te vergelijken."
    blocks = [f"### {CHANGES}", sentence]
    if not charts:
        rows = [
            [escape_inline(p.title), number(p.before), number(p.after), signed(p.delta), p.verdict]
            for p in comparison.pillars
        ]
        blocks.append(_table(["Pijler", "Vorige keer", "Nu", "Verschil", "Uitkomst"], rows))
    blocks.append(
        f"Gegroeid of gedaald: een verschil van {number(PILLAR_NOISE)} of meer."
        + (" Meer staat verderop in dit verslag." if detail else "")
    )
    return blocks


# ---------------------------------------------------------------- the detail


def _profile(questions: ProfileQuestions, answers: Answers, say: _Say) -> list[str]:
    data = answers.profile.model_dump(mode="json", by_alias=True)
    items = [escape_inline(line) for line in profile_lines(questions, data, say.address)]
    empty = say(
        "Je hebt niets over je gezin ingevuld. Dat mag.",
        "Jullie hebben niets over jullie gezin ingevuld. Dat mag.",
    )
    return [f"## {say('Over je gezin', 'Over jullie gezin')}", _bullets(items) if items else empty]


def _how(framework: Framework, meta: ReportMeta, say: _Say) -> list[str]:
    mode = MODES.get(meta.mode, meta.mode)
    done = [p for p in framework.pillars if p.id in meta.pillar_ids]
    todo = [p for p in framework.pillars if p.id not in meta.pillar_ids]
    sentences = [
        say(
            f"Je hebt dit ingevuld {escape_inline(mode)}.",
            f"Jullie hebben dit ingevuld {escape_inline(mode)}.",
        )
    ]
    if done:
        sentences.append(f"Deze pijlers zijn ingevuld: {join_words([escape_inline(p.title) for p in done])}.")
    else:
        sentences.append("Er is nog geen pijler helemaal ingevuld.")
    if done and todo:
        sentences.append(f"Nog niet ingevuld: {join_words([escape_inline(p.title) for p in todo])}.")
    ranges = [
        f"van {o[0].value} ({escape_inline(o[0].label)}) tot {o[-1].value} ({escape_inline(o[-1].label)})"
        for o in dict.fromkeys(framework.scale_for(q) for q in framework.questions())
    ]
    scale = (
        say("Bij elke vraag koos je", "Bij elke vraag kozen jullie") + f" een antwoord {' of '.join(ranges)}."
    )
    return [
        f"## {say('Zo heb je het ingevuld', 'Zo hebben jullie het ingevuld')}",
        " ".join(sentences),
        scale,
    ]


def _strengths(framework: Framework, result: Result, route: Route | None, say: _Say) -> list[str]:
    blocks = ["## Sterke punten"]
    if not result.strengths:
        blocks.append("Nog geen score van 4 of hoger. Dat is niet erg. Kijk ook naar wat wel goed gaat.")
        return blocks
    blocks.append(say("Hier ben je sterk in:", "Hier zijn jullie sterk in:"))
    blocks.append(_bullets([f"{escape_inline(c.name)}: {number(c.score)}" for c in result.strengths]))
    if route is not None and route.share:
        names = join_words([escape_inline(_name(framework, c)) for c in route.share])
        blocks.append(
            say(
                "Misschien kun je andere pleegouders helpen met",
                "Misschien kunnen jullie andere pleegouders helpen met",
            )
            + f" {names}. Vertel erover in een groep."
        )
    return blocks


def _gaps(framework: Framework, result: Result, answers: Answers) -> list[str]:
    blocks = [f"## {GAPS}"]
    if not result.gaps:
        blocks.append("Er zijn nu geen punten om aan te werken. Mooi!")
        return blocks
    blocks.append(
        escape_inline(kind_gaps_text(result.gaps, address_of(answers)))
        + " Wat nu het meest telt, staat bovenaan."
    )
    items = [
        f"{escape_inline(g.name)} (score {number(g.score)}, {escape_inline(_importance(framework, g))})"
        for g in result.gaps[:MAX_GAPS]
    ]
    blocks.append(_bullets(items, ordered=True))
    rest = result.gaps[MAX_GAPS:]
    if rest:
        blocks.append("### Ook nog")
        blocks.append(
            f"De leerroute werkt eerst aan de {MAX_GAPS} punten hierboven. "
            "Deze komen aan bod als die klaar zijn:"
        )
        blocks.append(_bullets([f"{escape_inline(g.name)} (score {number(g.score)})" for g in rest]))
    return blocks


def _find_out(result: Result, say: _Say) -> list[str]:
    if not result.find_out:
        return []
    items = [f"{escape_inline(f.name)}: {escape_inline(f.text)}" for f in result.find_out]
    return [
        "## Uitzoeken",
        say("Bij deze vragen koos je", "Bij deze vragen kozen jullie")
        + " 'weet ik niet'. Dat telt niet mee in de score. Het is wel goed om het uit te zoeken, "
        "bijvoorbeeld met je pleegzorgbegeleider.",
        _bullets(items),
    ]


def _pillars(result: Result, answers: Answers, table: KitchenTable | None, say: _Say) -> list[str]:
    blocks = [f"## {PILLAR_SECTION}"]
    if not result.pillars:
        blocks.append("Er is nog geen pijler ingevuld.")
        return blocks
    duo = table.participants if table is not None and len(table.participants) == 2 else ()
    intro = (
        "Per onderdeel een score van 1 tot 5. Rust de score van een pijler op minder dan de helft van "
        f"de onderdelen? Dan zeggen we niets over de pijler: {TOO_FEW}."
    )
    if duo:
        intro += (
            f" De score is het gemiddelde van {escape_inline(duo[0])} en {escape_inline(duo[1])}. "
            f"Scheelt het {number(DIFFERENCE_MIN)} punt of meer, dan is het een punt om over te praten."
        )
    blocks.append(intro)
    apart = {c.id for c in differences(result)}
    worker_notes = table.worker.notes if table is not None and table.worker is not None else {}
    for pillar in result.pillars:
        blocks.append(f"### {escape_inline(pillar.title)}")
        blocks.append(
            f"Score: {number(pillar.score)}. {_pillar_meaning(pillar)}. "
            f"De score rust op {pillar.scored} van de {pillar.total} onderdelen."
        )
        header = ["Onderdeel", "Score", *(escape_inline(p) for p in duo), "Wat betekent dit", "Antwoorden"]
        rows = []
        for comp in pillar.competencies:
            scores = dict(comp.per_participant)
            word = _competency_meaning(comp) + (
                ". Praat erover: jullie verschillen" if comp.id in apart else ""
            )
            partial = comp.answered < comp.questions
            rows.append(
                [
                    escape_inline(comp.name),
                    number(comp.score),
                    *(number(scores.get(p)) for p in duo),
                    word,
                    f"{comp.answered} van {comp.questions}" if partial else "",
                ]
            )
        blocks.append(_table(header, rows))
        note = escape_lines(answers.notes.get(pillar.id, ""))
        if note:
            blocks.append(say("Je notitie:", "Jullie notitie:"))
            blocks.append("\n".join(f"> {line}".rstrip() for line in note))
        worker_note = escape_lines(worker_notes.get(pillar.id, ""))
        if worker_note:
            blocks.append("Van de pleegzorgbegeleider:")
            blocks.append("\n".join(f"> {line}".rstrip() for line in worker_note))
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


def _route(
    framework: Framework, result: Result, route: Route | None, table: KitchenTable | None, say: _Say
) -> list[str]:
    blocks = [f"## {say('Je leerroute', 'Jullie leerroute')}"]
    if route is None:
        blocks.append("Er is nog geen leerroute gemaakt.")
        return blocks
    if route.steps:
        blocks.append(
            say(
                "Deze stappen passen bij je punten om aan te werken.",
                "Deze stappen passen bij jullie punten om aan te werken.",
            )
            + " Begin met de stappen bij 'Nu'. Is dat klaar of gaat het goed? "
            "Kijk dan naar 'Daarna' en 'Later'."
        )
    else:
        blocks.append(
            say("Er staan nu geen stappen in je leerroute.", "Er staan nu geen stappen in jullie leerroute.")
        )
    if route.ongoing:
        blocks.append(f"### {say('Hier ben je nog mee bezig', 'Hier zijn jullie nog mee bezig')}")
        blocks.append(_bullets([link(s.course.title, s.course.url) for s in route.ongoing]))
    for phase, title in PHASE_TITLES.items():
        steps = [s for s in route.steps if s.phase == phase]
        if steps:
            blocks.append(f"### {title}")
            blocks.append("\n".join(_step(s) for s in steps))
    if table is not None and table.route_notes:
        blocks.append("### Let op")
        blocks.append(_bullets([escape_inline(f"{note.title}: {note.text}") for note in table.route_notes]))
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


def _conversation(
    framework: Framework, result: Result, route: Route | None, table: KitchenTable | None, say: _Say
) -> list[str]:
    """The one list of conversation points: what the family marked and where two differ, the
    signals, the most important points to work on, what nobody knew, open agreements, what the
    catalogue does not cover, and the offers that go through the worker."""
    items = []
    topics = table.topics if table is not None else ()
    for topic in topics:
        if topic.kind == "afspraak":
            continue  # after the points to work on
        line = escape_inline(topic.text)
        if topic.source:
            line += f" *(Bron: {escape_inline(topic.source)})*"
        items.append(line)
    for gap in result.gaps[:TOP_GAPS]:
        items.append(
            f"**{escape_inline(gap.name)}**: "
            + say("je score is", "jullie score is")
            + f" {number(gap.score)}. Dit is {escape_inline(_importance(framework, gap))} "
            + say("voor je.", "voor jullie.")
            + " Wat kan helpen?"
        )
    told = {topic.id for topic in topics if topic.kind == "weet-niet"}
    for comp in result.competencies():
        if comp.score is None and comp.unsure and comp.id not in told:
            items.append(
                f"**{escape_inline(comp.name)}**: hier "
                + say("wist je", "wisten jullie")
                + " het antwoord nog niet. Vraag om uitleg."
            )
    items += [escape_inline(topic.text) for topic in topics if topic.kind == "afspraak"]
    if route is not None:
        for gap_id in route.uncovered:
            items.append(
                f"**{escape_inline(_name(framework, gap_id))}**: hiervoor vonden we geen passend aanbod. "
                + say("Wat kan jou hier wel helpen?", "Wat kan jullie hier wel helpen?")
            )
        for step in route.steps:
            if step.worker_ask:
                items.append(f"{escape_inline(step.worker_ask)} **{escape_inline(step.course.title)}**.")
    items.append(
        "Vertel ook wat goed gaat. " + say("Daar mag je trots op zijn.", "Daar kunnen jullie trots op zijn.")
    )
    return [
        f"## {CONVERSATION}",
        "Deze punten zijn goed om samen met je pleegzorgbegeleider te bespreken:",
        _bullets(items),
    ]


def _previous_agreements(table: KitchenTable | None) -> list[str]:
    if table is None or not table.previous_agreements:
        return []
    return ["### Afspraken van de vorige keer", _agreement_table(table.previous_agreements)]


def _comparison(comparison: Comparison, say: _Say) -> list[str]:
    since = (
        say("Je vorige reflectie was op", "Jullie vorige reflectie was op")
        + f" {date_text(comparison.before_date)}."
        if comparison.before_date
        else say(
            "Hier zie je wat er veranderd is sinds je vorige reflectie.",
            "Hier zie je wat er veranderd is sinds jullie vorige reflectie.",
        )
    )
    noise = (
        "Een klein verschil zegt niet veel. Als je één antwoord net iets anders kiest, verandert de "
        "score al. " + escape_inline(change_rule_text())
    )
    rows = [
        [escape_inline(p.title), number(p.before), number(p.after), signed(p.delta), p.verdict]
        for p in comparison.pillars
    ]
    blocks = [
        f"## {CHANGES}",
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
        blocks.append(say("Dit heb je gedaan. Goed bezig!", "Dit hebben jullie gedaan. Goed bezig!"))
        blocks.append(_bullets([escape_inline(title) for _, title in comparison.route_done]))
    if comparison.route_ongoing:
        blocks.append(say("Hier ben je nog mee bezig:", "Hier zijn jullie nog mee bezig:"))
        blocks.append(_bullets([escape_inline(title) for _, title in comparison.route_ongoing]))
    if comparison.route_not_done:
        blocks.append(say("Dit heb je (nog) niet gedaan:", "Dit hebben jullie (nog) niet gedaan:"))
        blocks.append(_bullets([escape_inline(title) for _, title in comparison.route_not_done]))
    if comparison.route_unknown:
        blocks.append(
            say(
                "Van deze stappen is niet gevraagd of je ze deed:",
                "Van deze stappen is niet gevraagd of jullie ze deden:",
            )
        )
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
    profile_questions: ProfileQuestions,
    comparison: Comparison | None = None,
    catalogue_version: str | None = None,
    table: KitchenTable | None = None,
    catalogue_note: str | None = None,
    summary_only: bool = False,
    charts: bool = False,
) -> str:
    """The report as Markdown, ending in one newline: the summary (the hand-out), then the detail.

    `profile_questions`: the words of the profile's summary (data/profiel.yaml, read by the caller).
    `summary_only`: the summary alone (`rapport --samenvatting`). `charts`: the HTML report draws the
    pillars (and the change since last time) as charts, so the summary leaves out the text bars and
    the table of changes that the charts show.
    """
    say = _Say(address_of(answers))
    blocks = _header(meta, answers, say)
    blocks += _summary(
        framework, answers, result, route, meta, comparison, table, say, charts, detail=not summary_only
    )
    if not summary_only:
        blocks += _profile(profile_questions, answers, say)
        blocks += _how(framework, meta, say)
        blocks += _strengths(framework, result, route, say)
        blocks += _gaps(framework, result, answers)
        blocks += _find_out(result, say)
        blocks += _pillars(result, answers, table, say)
        blocks += _route(framework, result, route, table, say)
        blocks += _conversation(framework, result, route, table, say)
        blocks += _previous_agreements(table)
        if comparison is not None:
            blocks += _comparison(comparison, say)
    blocks += _footer(framework, catalogue_version, catalogue_note)
    return "\n\n".join(blocks) + "\n"


# ---------------------------------------------------------------- the kitchen table


def _known(framework: Framework, pillar_id: str) -> bool:
    return any(p.id == pillar_id for p in framework.pillars)


def _visit_day(text: str) -> str:
    try:
        return date_text(dt.date.fromisoformat(text))
    except ValueError:
        return escape_inline(text)


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
