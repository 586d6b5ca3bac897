"""Everything shown in the terminal with rich. Readable without colour and within 80 columns."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .flow import Progress
from .models import Answers, Competency, Framework, Pillar
from .scoring import GAP_MAX, STRENGTH_MIN, Result

WIDTH = 80
BAR = 20


def console(stderr: bool = False) -> Console:
    stream = sys.stderr if stderr else sys.stdout
    probe = Console(file=stream)
    return Console(file=stream, width=min(WIDTH, probe.width), highlight=False, soft_wrap=False)


def number(value: float | None) -> str:
    """A score the Dutch way: 3,5. A dash when nothing was answered."""
    if value is None:
        return "-"
    return f"{value:.1f}".replace(".", ",")


def bar(value: float | None) -> str:
    if value is None:
        return "·" * BAR
    filled = round((value - 1) / 4 * BAR)
    return "█" * filled + "░" * (BAR - filled)


def verdict(value: float | None) -> str:
    if value is None:
        return "nog niet ingevuld"
    if value >= STRENGTH_MIN:
        return "sterk"
    if value <= GAP_MAX:
        return "aandacht"
    return "op weg"


class RichPresenter:
    """Shown between the questions of the interview."""

    def __init__(self, out: Console) -> None:
        self.out = out

    def pillar_intro(self, pillar: Pillar, index: int, count: int) -> None:
        self.out.print()
        self.out.print(
            Panel(
                Text(pillar.intro),
                title=Text(f"Pijler {index} van {count}: {pillar.name}", style="bold"),
                title_align="left",
                padding=(0, 1),
            )
        )

    def help(self, competency: Competency) -> None:
        body = Text()
        body.append("Wat is dit? ", style="bold")
        body.append(competency.explanation)
        body.append("\n\nEen voorbeeld: ", style="bold")
        body.append(competency.example)
        self.out.print(Panel(body, title=competency.name, title_align="left", padding=(0, 1)))

    def progress(self, progress: Progress, title: str) -> None:
        self.out.print(
            f"[dim]Pijler {progress.pillar_index} van {progress.pillar_count} ({title}) · "
            f"vraag {progress.question_index} van {progress.question_count}[/dim]"
        )

    def message(self, text: str) -> None:
        self.out.print(f"[dim]{text}[/dim]", markup=True, highlight=False)


def show_result(out: Console, framework: Framework, result: Result, answers: Answers) -> None:
    out.print()
    out.rule("[bold]Waar staan jullie?[/bold]", align="left")
    out.print("Per pijler: een score van 1 tot 5. Hoe hoger, hoe sterker jullie je voelen.")
    table = Table(box=None, show_header=True, padding=(0, 1), header_style="bold")
    table.add_column("Pijler", no_wrap=True)
    table.add_column("", no_wrap=True)
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    for pillar in result.pillars:
        table.add_row(pillar.title, bar(pillar.score), number(pillar.score), verdict(pillar.score))
    out.print(table)

    for pillar in result.pillars:
        out.print()
        out.print(f"[bold]{pillar.title}[/bold] (score {number(pillar.score)})")
        for comp in pillar.competencies:
            extra = " (weet ik niet)" if comp.score is None and comp.unsure else ""
            line = Text(f"  {number(comp.score):>3}  ")
            line.append(comp.name)
            line.append(extra, style="dim")
            out.print(line)
        note = answers.notes.get(pillar.id)
        if note:
            out.print(Text(f"  Jullie notitie: {note}", style="italic"))

    out.print()
    out.rule("[bold]Sterke punten[/bold]", align="left")
    if result.strengths:
        for comp in result.strengths:
            out.print(Text(f"  + {comp.name} ({number(comp.score)})"))
        out.print("  Hier zijn jullie sterk in. Misschien kun je anderen hiermee helpen.")
    else:
        out.print("  Nog geen score van 4 of hoger. Dat is niet erg: kijk ook naar wat wel goed gaat.")

    out.print()
    out.rule("[bold]Aandachtspunten[/bold]", align="left")
    if result.gaps:
        out.print("  Van belangrijk naar minder belangrijk:")
        for index, gap in enumerate(result.gaps, 1):
            label = framework.importance_label(gap.importance).lower()
            out.print(Text(f"  {index}. {gap.name} (score {number(gap.score)}, {label})"))
    else:
        out.print("  Er zijn nu geen aandachtspunten. Mooi!")
