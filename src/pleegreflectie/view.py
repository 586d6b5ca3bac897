"""Everything shown in the terminal with rich. Readable without colour and within 80 columns."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Console
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .catalogue import COUNTRY_NAMES, THIN
from .compare import COMPETENCY_NOISE, change_rule_text
from .conversation import agreement_text, differences
from .errors import thousands
from .flow import Progress
from .markup import SafeConsole, plain, styled
from .models import Address, Agreement, Answers, Competency, Framework, Pillar, address_of
from .route import MAX_GAPS, Route, RouteStep
from .scoring import Result, level_word
from .wording import (
    FORM_WORDS,
    TOO_FEW_WORDS,
    bar,
    day_text,
    kind_gaps_text,
    number,
    signed,
)

if TYPE_CHECKING:
    from .catalogue import Coverage
    from .compare import Comparison
    from .conversation import KitchenTable
    from .store import ReflectionInfo

WIDTH = 80
BAR = 20


def console(stderr: bool = False, *, plain: bool = False) -> Console:
    """A console of at most WIDTH columns. No emoji codes: a note with ":heart:" in it is shown as
    typed (and rich's table of emoji names is never loaded). `plain`: the accessible mode, without
    colour, bold or cursor movement (its stream, see plain.PlainMode, makes the boxes ASCII)."""
    stream = sys.stderr if stderr else sys.stdout
    probe = SafeConsole(file=stream)
    # A string is always shown as typed (cleaned, never markup); our own markup goes through styled().
    return SafeConsole(
        file=stream,
        width=min(WIDTH, probe.width),
        soft_wrap=False,
        color_system=None if plain else "auto",
        force_interactive=False if plain else None,
    )


def verdict(value: float | None) -> str:
    return level_word(value)


class RichPresenter:
    """Shown between the questions of the interview."""

    def __init__(self, out: Console) -> None:
        self.out = out

    def pillar_intro(self, pillar: Pillar, index: int, count: int) -> None:
        self.out.print()
        self.out.print(_panel(self.out, plain(pillar.intro), f"Pijler {index} van {count}: {pillar.name}"))

    def help(self, competency: Competency) -> None:
        body = Text()
        body.append("Wat is dit? ", style="bold")
        body.append(competency.explanation)
        body.append("\n\nEen voorbeeld: ", style="bold")
        body.append(competency.example)
        self.out.print(_panel(self.out, body, competency.name))

    def progress(self, progress: Progress, title: str) -> None:
        self.out.print(
            styled(
                "[dim]Pijler {} van {} ({}) · vraag {} van {}[/dim]",
                progress.pillar_index,
                progress.pillar_count,
                title,
                progress.question_index,
                progress.question_count,
            )
        )

    def message(self, text: str) -> None:
        if text.startswith("- "):  # an item of a list: wrapped lines stay under its text
            self.out.print(_item("-", plain(text[2:], style="dim"), columns=0))
            return
        self.out.print(styled("[dim]{}[/dim]", text), highlight=False)


def _panel(out: Console, body: Text, title: str) -> Panel:
    """A box with its title on the top line; a title too long for that line (rich would cut it)
    goes inside the box, wrapped, above the text."""
    if len(title) + 6 <= out.width:
        return Panel(body, title=Text(title, style="bold"), title_align="left", padding=(0, 1))
    inside = Text(title, style="bold")
    inside.append("\n")
    inside.append_text(body)
    return Panel(inside, padding=(0, 1))


def show_result(out: Console, framework: Framework, result: Result, answers: Answers) -> None:
    two = address_of(answers) == "jullie"  # "je" to one foster parent, "jullie" to two
    out.print()
    out.rule(styled("[bold]{}[/bold]", "Waar staan jullie?" if two else "Waar sta je?"), align="left")
    feel = "hoe sterker jullie je voelen" if two else "hoe sterker je je voelt"
    out.print(f"Per pijler: een score van 1 tot 5. Hoe hoger, {feel}.")
    table = Table(box=None, show_header=True, padding=(0, 1), header_style="bold")
    table.add_column("Pijler", no_wrap=True)
    table.add_column("", no_wrap=True)
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    for pillar in result.pillars:
        word = TOO_FEW_WORDS if pillar.too_few else verdict(pillar.score)
        table.add_row(pillar.title, bar(pillar.score, BAR, "·" * BAR), number(pillar.score), word)
    out.print(table)

    for pillar in result.pillars:
        out.print()
        basis = f"{pillar.scored} van {pillar.total} onderdelen"
        out.print(
            styled("[bold]{}[/bold] (score {}, op basis van {})", pillar.title, number(pillar.score), basis)
        )
        if pillar.too_few:
            out.print(styled("  [dim]Te weinig antwoorden om iets te zeggen over deze pijler.[/dim]"))
        for comp in pillar.competencies:
            extra = " (weet ik niet)" if comp.score is None and comp.unsure else ""
            if comp.score is not None and comp.answered < comp.questions:
                extra = f" ({comp.answered} van {comp.questions} antwoorden)"
            line = Text(comp.name)
            line.append(extra, style="dim")
            out.print(_item(f"{number(comp.score):>3} ", line))
        note = answers.notes.get(pillar.id)
        if note:
            out.print(_indent(Text(f"{'Jullie' if two else 'Je'} notitie: {note}", style="italic"), 2))

    out.print()
    out.rule(styled("[bold]Sterke punten[/bold]"), align="left")
    if result.strengths:
        for comp in result.strengths[:SHOWN_STRENGTHS]:
            out.print(_item("+", f"{comp.name} ({number(comp.score)})"))
        strong = "Hier zijn jullie sterk in." if two else "Hier ben je sterk in."
        out.print(_indent(Text(f"{strong} Misschien kun je anderen hiermee helpen."), 2))
        rest = len(result.strengths) - SHOWN_STRENGTHS
        if rest > 0:
            more = "1 sterk punt" if rest == 1 else f"{rest} sterke punten"
            out.print(styled("  [dim]En nog {}. Alles staat in het verslag.[/dim]", more))
    else:
        out.print(
            _indent(
                Text("Nog geen score van 4 of hoger. Dat is niet erg: kijk ook naar wat wel goed gaat."), 2
            )
        )

    out.print()
    out.rule(styled("[bold]Aandachtspunten[/bold]"), align="left")
    if result.gaps:
        out.print("  Van belangrijk naar minder belangrijk:")
        for index, gap in enumerate(result.gaps[:MAX_GAPS], 1):
            label = framework.importance_label(gap.importance).lower()
            out.print(_item(f"{index}.", f"{gap.name} (score {number(gap.score)}, {label})"))
        also = result.gaps[MAX_GAPS:]
        if also:
            out.print(_indent(Text(f"Ook nog (de leerroute werkt eerst aan de {MAX_GAPS} hierboven):"), 2))
            for gap in also:
                out.print(_indent(Text(f"- {gap.name} (score {number(gap.score)})"), 4))
        out.print(_indent(Text(kind_gaps_text(result.gaps, address_of(answers))), 2))
    elif any(c.score is not None for c in result.competencies()):
        out.print("  Er zijn nu geen aandachtspunten. Mooi!")
    else:
        out.print("  Er is nog niets ingevuld, dus er zijn nog geen aandachtspunten.")
    if result.find_out:
        out.print()
        out.rule(styled("[bold]Uitzoeken[/bold]"), align="left")
        knew = "wisten jullie" if two else "wist je"
        out.print(f"  Hier {knew} het antwoord nog niet. Dat telt niet mee in de score.")
        out.print("  Zoek het uit, bijvoorbeeld met je pleegzorgbegeleider:")
        for item in result.find_out:
            out.print(_indent(Text(f"- {item.name}: {item.text}"), 2))


PHASES = (("nu", "Nu"), ("daarna", "Daarna"), ("later", "Later"))
SHOWN_STRENGTHS = 3  # the clearest strengths in the terminal; the report has them all


def show_route(
    out: Console, framework: Framework, route: Route, result: Result, address: Address = "jullie"
) -> None:
    two = address == "jullie"  # "je" to one foster parent, "jullie" to two
    out.print()
    out.rule(styled("[bold]{}[/bold]", "Jullie leerroute" if two else "Je leerroute"), align="left")
    if not route.steps and (route.later or route.uncovered):
        your = "jullie" if two else "je"
        out.print(f"  Er past nu geen nieuwe stap in {your} leerroute. Hieronder staat waarom.")
    elif not route.steps and not route.ongoing:
        out.print("  Er is nu geen stap nodig uit de catalogus.")
    if route.ongoing:
        out.print()
        out.print(
            styled(
                "[bold]{}[/bold]", "Hier zijn jullie nog mee bezig" if two else "Hier ben je nog mee bezig"
            )
        )
        for step in route.ongoing:
            out.print(_indent(Text(f"- {step.course.title}"), 2))
        out.print(_indent(Text("Maak dit eerst af. Daarom staat het niet als nieuwe stap in de route."), 2))
    count = 0
    for phase, title in PHASES:
        steps = [s for s in route.steps if s.phase == phase]
        if not steps:
            continue
        out.print()
        out.print(styled("[bold]{}[/bold]", title))
        for step in steps:
            count += 1
            course = step.course
            heading = f"{step.worker_ask} {course.title}" if step.worker_ask else course.title
            out.print(_item(f"{count}.", Text(heading, style="bold")))
            out.print(_indent(Text(f"{course.provider} · {_form_and_duration(step)}"), 5))
            out.print(_indent(Text(f"Waarom: {step.reason}"), 5))
            if course.url:
                _address(out, "Meer informatie:", course.url, 5)
    if route.later:
        out.print()
        out.print(styled("[bold]Voor later[/bold]"))
        out.print(_indent(Text("Hiervoor is wel aanbod, maar het past nu niet:"), 2))
        for item in route.later:
            name = framework.competency(item.competency).name
            out.print(_item("-", f"{name}: {item.course.title}. {item.text}"))
    if route.uncovered:
        out.print()
        out.print(styled("[bold]Nog niet gevonden in de catalogus[/bold]"))
        for competency_id in route.uncovered:
            out.print(_item("-", framework.competency(competency_id).name))
        out.print(_indent(Text(route.uncovered_advice), 2))
    if route.advice:
        out.print()
        out.print(styled("[bold]Goed om te weten[/bold]"))
        for line in route.advice:
            out.print(_item("-", line))
    if route.share:
        out.print()
        out.print(
            styled("[bold]{}[/bold]", f"Hier {'kunnen jullie' if two else 'kun je'} anderen mee helpen")
        )
        for competency_id in route.share:
            out.print(_item("-", framework.competency(competency_id).name))


def _indent(text: Text, columns: int) -> Padding:
    """Text whose wrapped lines stay indented."""
    return Padding(text, (0, 0, 0, columns), expand=False)


def _item(marker: str, text: Text | str, columns: int = 2) -> Padding:
    """A list item with a hanging indent: wrapped lines continue under the text, not under the marker."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(Text(marker), text if isinstance(text, Text) else Text(text))
    return Padding(grid, (0, 0, 0, columns), expand=False)


def _address(out: Console, label: str, url: str, columns: int) -> None:
    """A web address is never cut in two: on a line of its own, wrapped (if at all) by the terminal."""
    out.print(_indent(Text(label), columns))
    out.print(" " * columns + url, markup=False, highlight=False, soft_wrap=True)


def _form_and_duration(step: RouteStep) -> str:
    parts = [", ".join(FORM_WORDS.get(f, str(f)) for f in step.course.forms)]
    duration = step.course.duration
    if duration is not None:
        if duration.sessions:
            parts.append(f"{duration.sessions} bijeenkomsten")
        if duration.weeks:
            parts.append(f"{duration.weeks} weken")
    if step.hours_per_month:
        parts.append(f"ongeveer {number(step.hours_per_month)} uur per maand")
    return " · ".join(parts)


def show_overview(
    out: Console, framework: Framework, rows: list[tuple[ReflectionInfo, list[str]]], *, earlier: int = 0
) -> None:
    """The table of saved reflections; `earlier`: how many older ones are left out."""
    if not rows:
        out.print("Er zijn nog geen bewaarde reflecties. Begin met: pleegreflectie start")
        return
    if earlier:
        out.print(
            f"De laatste {len(rows)} reflecties, en nog {thousands(earlier)} eerder. "
            "Alles zien: pleegreflectie overzicht --alles"
        )
    table = Table(box=None, header_style="bold", padding=(0, 1))
    for column in ("Nr", "Gezin", "Datum", "Status", "Pijlers klaar"):
        table.add_column(column, no_wrap=column not in ("Gezin", "Pijlers klaar"))
    for info, done in rows:
        titles = [framework.pillar(p).title for p in done]
        table.add_row(
            str(info.id),
            Text(info.household or "(geen naam)"),
            info.updated_at.astimezone().strftime("%d-%m-%Y %H:%M"),
            "beschadigd" if info.damaged else "klaar" if info.finished else "nog bezig",
            f"{len(done)} van {len(framework.pillars)}"
            + (f" ({', '.join(titles)})" if titles and len(done) < len(framework.pillars) else ""),
        )
    out.print(table)
    for info, _ in rows:
        if info.damaged:
            out.print(
                f"Reflectie {info.id} is beschadigd en kan niet meer geopend worden. "
                f"Wis hem met: pleegreflectie wis {info.id}"
            )
    if any(not info.finished and not info.damaged for info, _ in rows):
        out.print("Ga verder met een reflectie die nog bezig is: pleegreflectie hervat NUMMER")


SHORT_FORMS = {
    "groep": "gr",
    "online": "on",
    "thuis": "th",
    "individueel": "pe",
    "blended": "bl",
    "video": "vi",
    "lezen": "le",
    "telefonisch": "te",
}


def show_coverage(
    out: Console, framework: Framework, coverage: Coverage, per_country: Sequence[Coverage] = ()
) -> None:
    """How much the catalogue offers per competency and pillar, for each country's families."""
    out.print(
        f"Aanbod in de catalogus: {coverage.entries}. "
        "Per land, pijler en competentie: hoeveel aanbod, en in welke vorm."
    )
    if per_country:
        out.print(
            "Per land telt alleen aanbod dat een stap in de route kan zijn: met een bron, en niet je "
            "pleegzorgbegeleider zelf."
        )
    for part in per_country or (coverage,):
        _show_country_coverage(out, part)
    if coverage.known_gaps:
        out.print()
        out.print("Hier is geen echt aanbod voor gevonden:")
        for gap in coverage.known_gaps:
            out.print(_indent(Text(f"- {gap.topic}. {gap.note}"), 2))
    out.print(
        "Vormen: gr = groep, on = online, th = thuis, pe = persoonlijk gesprek, bl = deels online, "
        "vi = filmpjes, le = lezen, te = telefonisch."
    )


def _show_country_coverage(out: Console, coverage: Coverage) -> None:
    place = f" in {COUNTRY_NAMES[coverage.country]}" if coverage.country else ""
    if coverage.country:
        out.print()
        out.rule(Text(f"Voor gezinnen{place}: {coverage.entries} aanbod", style="bold"), align="left")
    for pillar_row in coverage.pillars:
        table = Table(box=None, header_style="bold", padding=(0, 1), show_edge=False)
        table.add_column(
            f"{pillar_row.name} ({pillar_row.total})", no_wrap=True, max_width=34, overflow="ellipsis"
        )
        table.add_column("tot.", justify="right")
        for form in coverage.forms:
            table.add_column(SHORT_FORMS.get(form.value, form.value), justify="right")
        competencies = [r for r in coverage.competencies if r.id.split(".")[0] == pillar_row.id]
        for row in competencies:
            marker = " !" if row in coverage.thin() else ""
            table.add_row(
                Text(row.name + marker),
                str(row.total),
                *[str(row.by_form[f]) if row.by_form[f] else "·" for f in coverage.forms],
            )
        out.print()
        out.print(table)
    thin = coverage.thin()
    out.print()
    if coverage.few:
        out.print(
            Text(
                f"Voor gezinnen{place} is er maar aanbod bij {coverage.covered} van de "
                f"{len(coverage.competencies)} competenties. Dat is te weinig: de route zegt dat ook, "
                "en noemt waar ze terecht kunnen."
            )
        )
    if thin:
        out.print(
            Text(f"Met ! gemarkeerd: weinig aanbod (minder dan {THIN}). Hier is de catalogus dun{place}:")
        )
        for row in thin:
            out.print(Text(f"  - {row.name} ({row.total})"))
    else:
        out.print(Text(f"Voor gezinnen{place} heeft elke competentie genoeg aanbod."))


def show_comparison(
    out: Console, comparison: Comparison, before: ReflectionInfo, after: ReflectionInfo
) -> None:
    def label(info: ReflectionInfo) -> str:
        return f"nr. {info.id}, {info.updated_at.astimezone():%d-%m-%Y}"

    out.print()
    out.rule(styled("[bold]Wat is er veranderd? ({} → {})[/bold]", label(before), label(after)), align="left")
    out.print(Text(change_rule_text()))
    out.print()
    table = Table(box=None, header_style="bold", padding=(0, 1))
    table.add_column("Pijler", justify="left", no_wrap=True)
    for column in ("Vorige", "Nu", "Verschil"):
        table.add_column(column, justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    for pillar in comparison.pillars:
        table.add_row(
            pillar.title, number(pillar.before), number(pillar.after), signed(pillar.delta), pillar.verdict
        )
    out.print(table)
    notable = comparison.notable()
    out.print()
    if notable:
        out.print(styled("[bold]Duidelijke veranderingen[/bold]"))
        for change in notable:
            text = f"- {change.name}: {number(change.before)} → {number(change.after)} ({change.verdict})"
            out.print(_indent(Text(text), 2))
    else:
        out.print(
            f"Bij geen enkel onderdeel is de score duidelijk veranderd ({number(COMPETENCY_NOISE)} of meer)."
        )
    if comparison.has_route:
        out.print()
        out.print(styled("[bold]De vorige leerroute[/bold]"))
        for _, title in comparison.route_done:
            out.print(_indent(Text(f"✓ gedaan: {title}"), 2))
        for _, title in comparison.route_ongoing:
            out.print(_indent(Text(f"… nog bezig: {title}"), 2))
        for _, title in comparison.route_not_done:
            out.print(_indent(Text(f"· nog niet gedaan: {title}"), 2))
        for _, title in comparison.route_unknown:
            out.print(_indent(Text(f"? niet gevraagd: {title}"), 2))


# ---------------------------------------------------------------- the kitchen table


def show_table(out: Console, framework: Framework, result: Result, table: KitchenTable) -> None:
    """Both voices, the worker's part and the conversation points, after the result and route."""
    if len(table.participants) == 2:
        first, second = table.participants
        out.print()
        out.rule(styled("[bold]Jullie allebei[/bold]"), align="left")
        out.print(
            _indent(
                Text("Per punt de score van ieder van jullie. Een groot verschil is om over te praten."), 2
            )
        )
        voices = Table(box=None, show_header=True, padding=(0, 1), header_style="bold")
        voices.add_column("Punt", overflow="fold")
        voices.add_column(first, justify="right", no_wrap=True, max_width=12)
        voices.add_column(second, justify="right", no_wrap=True, max_width=12)
        voices.add_column("", no_wrap=True)
        apart = {c.id for c in differences(result)}
        for comp in result.competencies():
            scores = dict(comp.per_participant)
            if scores.get(first) is None and scores.get(second) is None:
                continue
            mark = "verschil" if comp.id in apart else ""
            voices.add_row(comp.name, number(scores.get(first)), number(scores.get(second)), mark)
        out.print(voices)
    if table.route_notes:
        out.print()
        out.print(styled("[bold]Bij jullie leerroute[/bold]"))
        for step_note in table.route_notes:
            out.print(_indent(Text(f"- {step_note.title}: {step_note.text}"), 2))
    if table.topics:
        out.print()
        out.rule(styled("[bold]Om over te praten[/bold]"), align="left")
        out.print(_numbered([topic.text for topic in table.topics]))
    worker = table.worker
    if worker is not None and not worker.is_empty:
        out.print()
        out.rule(styled("[bold]Van de pleegzorgbegeleider[/bold]"), align="left")
        for pillar in framework.pillars:
            note = worker.notes.get(pillar.id)
            if note:
                out.print(_indent(Text(f"{pillar.title}: {note}"), 2))
        if worker.agreements:
            out.print(styled("[bold]Afspraken[/bold]"))
            out.print(_numbered([agreement_text(a) for a in worker.agreements]))
        if worker.next_visit:
            out.print(f"Volgende bezoek: {day_text(worker.next_visit)}")


def _numbered(items: list[str]) -> Table:
    """A numbered list whose wrapped lines stay under their text (a hanging indent)."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True, min_width=4)
    grid.add_column(overflow="fold")
    for index, item in enumerate(items, 1):
        grid.add_row(f"{index}.", Text(item))
    return grid


def show_follow_ups(out: Console, agreements: list[Agreement]) -> None:
    """How the agreements of the previous visit went, as the family said at the next one."""
    if not agreements:
        return
    words = {
        "gedaan": "gedaan",
        "bezig": "nog bezig",
        "niet-gedaan": "nog niet gedaan",
        "niet-nodig": "niet meer nodig",
        "open": "niet gevraagd",
    }
    out.print()
    out.print(styled("[bold]Afspraken van de vorige keer[/bold]"))
    # The status is said once, at the end of the line.
    plain = [agreement_text(a.model_copy(update={"status": "open"})) for a in agreements]
    out.print(_numbered([f"{text}: {words[a.status]}" for text, a in zip(plain, agreements, strict=True)]))
