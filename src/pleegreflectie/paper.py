"""Paper: the questionnaire to print, and typing a filled-in list back in. Pure: no UI here.

The questionnaire (`pleegreflectie vragenlijst`) is Markdown: per pillar its introduction, every question
with the answers as boxes to tick (with `together`: one column of boxes per foster parent), room for
notes, and the question ids in small print. `report_html.render_html` makes the HTML to print.

Typing it back (`pleegreflectie papier`): one line per pillar with the answers in the order of the paper
list, so a family or worker can copy a whole page in seconds:

    zorgen: 4 3 5 w n 4 4 3 2 5
    samenwerken: 43 5- 4444          (spaces may be left out; - is an empty answer)
    zorgen Sanne: 4 3 5 ...          (two foster parents: the pillar, then a name or letter)

Every line is checked: the number of answers must match the number of questions of that pillar. The
result is an ordinary answers file, read by `start --antwoorden`.
"""

from __future__ import annotations

import json
import re

from msgspec import Struct, field

from .errors import InvalidFileError, Problem
from .models import Competency, Framework, Pillar, Question, ScaleOption, Special, pick

BOX = "☐"
EMPTY = "-"
CODES: dict[str, int | Special | None] = {
    **{str(n): n for n in range(1, 6)},
    "w": Special.DONT_KNOW,
    "n": Special.NOT_APPLICABLE,
    EMPTY: None,
}
ANSWER_WORDS = {Special.DONT_KNOW: "weet ik niet", Special.NOT_APPLICABLE: "nvt"}
NOTE_LINE = "…" * 40  # a dotted line to write on
MAX_LABEL = 20


def pillar_questions(pillar: Pillar) -> list[tuple[Competency, Question]]:
    """The questions of a pillar in the order of the paper list (and of a typed line)."""
    return [(comp, question) for comp in pillar.competencies for question in comp.questions]


def _boxes(framework: Framework) -> str:
    values = [str(o.value) for o in framework.scale] + ["w", "n"]
    return " ".join(f"{BOX}{v}" for v in values)


def _condition_note(comp: Competency) -> str:
    if comp.condition and comp.condition.own_children:
        return " (alleen als er eigen kinderen thuis wonen; anders kruis je n aan)"
    return ""


def questionnaire(framework: Framework, pillar_ids: list[str], *, together: bool = False) -> str:
    """The question set as a printable questionnaire, in Markdown."""
    scale = _legend(framework.scale)
    pillars = [p for p in framework.pillars if p.id in pillar_ids]
    example = " ".join("435wn43245"[: len(pillar_questions(pillars[0]))])
    blocks = [
        "# Vragenlijst pleegouderschap",
        f"Met deze vragenlijst {'staan jullie' if together else 'sta je'} stil bij de vijf pijlers van het "
        "pleegouderschap. Er zijn geen "
        "goede of foute antwoorden. Kies steeds wat nu het beste past.",
        ("**Zo vullen jullie het in.** Zet elk" if together else "**Zo vul je het in.** Zet")
        + " bij elke vraag een kruisje in één hokje:",
        "\n".join(
            [
                f"- {scale}",
                *(f"- Staat er {_hint(o)} bij een vraag: {_legend(o)}" for o in _other_scales(framework)),
                "- w = Weet ik niet",
                "- n = Niet van toepassing",
            ]
        ),
        "Een vraag overslaan mag ook. Onder elke pijler is ruimte voor notities. De kleine letters onder "
        "een vraag zijn haar naam voor het programma.",
    ]
    if together:
        blocks.append(
            "**Met z'n tweeën.** Elk van jullie heeft een eigen kolom met hokjes. Schrijf boven de "
            "kolommen jullie naam of een letter: A en B. Een echte naam is niet nodig."
        )
    line = f"`{pillars[0].id}: {example}`"
    if together:
        line = f"`{pillars[0].id} A: {example}` en daaronder `{pillars[0].id} B: ...`"
    blocks.append(
        "**Daarna.** Typ de antwoorden over met `pleegreflectie papier`. Per pijler typ je één regel, "
        f"met de antwoorden in de volgorde van de vragen, zoals {line}. Een leeg antwoord typ je als -."
    )
    boxes = _boxes(framework)
    for pillar in pillars:
        blocks.append(f"## {_cell(pillar.title)}")
        blocks.append(_cell(pillar.intro))
        header = ["Nr", "Vraag", "A", "B"] if together else ["Nr", "Vraag", "Antwoord"]
        number = 0
        for comp in pillar.competencies:
            rows = []
            for question in comp.questions:
                number += 1
                hint = "" if question.scale is None else f" {_hint(framework.scale_for(question))}"
                cells = [str(number), f"{_cell(question.text)}{hint} `{question.id}`", boxes]
                if together:
                    cells.append(boxes)
                rows.append(cells)
            blocks.append(f"**{_cell(comp.name)}**{_condition_note(comp)}")
            blocks.append(_table(header, rows))
        open_question = pick(pillar.open_question, "jullie" if together else "je")
        blocks.append(f"**{_cell(open_question)}** (over {_cell(pillar.title.lower())})")
        blocks += [NOTE_LINE] * 4
    blocks.append(f"Vragenlijst: versie {_cell(framework.version)}.")
    return "\n\n".join(blocks) + "\n"


def _legend(options: tuple[ScaleOption, ...]) -> str:
    return "; ".join(f"{o.value} = {_cell(o.label)}" for o in options)


def _hint(options: tuple[ScaleOption, ...]) -> str:
    """A short reminder of a scale that is not the usual one, after its question."""
    low, high = options[0], options[-1]
    return f"*({low.value} = {_cell(low.label)} … {high.value} = {_cell(high.label)})*"


def _other_scales(framework: Framework) -> list[tuple[ScaleOption, ...]]:
    """The named scales the questions use, in the order they first appear."""
    used: list[tuple[ScaleOption, ...]] = []
    for question in framework.questions():
        options = framework.scale_for(question)
        if question.scale is not None and options not in used:
            used.append(options)
    return used


def _cell(text: str) -> str:
    """Text from the framework file on one line, escaped: never markup, HTML or a link (report.py)."""
    from .report import escape_inline

    return escape_inline(text)


def _table(header: list[str], rows: list[list[str]]) -> str:
    rule = "|".join("---:" if h == "Nr" else "---" for h in header)
    lines = ["| " + " | ".join(header) + " |", f"|{rule}|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


# ---------------------------------------------------------------- typing it back

_LINE = re.compile(r"^\s*(?P<pillar>[^\s:]+)(?:\s+(?P<label>[^:]*?))?\s*:\s*(?P<values>.*?)\s*$")


class Typed(Struct):
    """What was typed from paper: per respondent label ("" for one) the answers by question id."""

    labels: list[str] = field(default_factory=list)
    answers: dict[str, dict[str, int | Special]] = field(default_factory=dict)
    pillars: dict[str, set[str]] = field(default_factory=dict)  # label -> pillars typed


def read_values(framework: Framework, pillar: Pillar, values: str) -> list[int | Special | None]:
    """The answers of one typed line, checked; ValueError with a Dutch message when it is wrong."""
    tokens: list[str] = []
    for part in re.split(r"[\s,;]+", values.strip().lower()):
        if not part:
            continue
        if len(part) > 1 and all(ch in CODES for ch in part):
            tokens += list(part)  # "435w" is four answers
        else:
            tokens.append(part)
    wanted = len(pillar_questions(pillar))
    for index, token in enumerate(tokens, 1):
        if token not in CODES:
            raise ValueError(
                f"'{token}' (antwoord {index}) kan niet. Typ 1 tot en met 5, w (weet ik niet), "
                f"n (niet van toepassing) of - (leeg)."
            )
    if len(tokens) != wanted:
        raise ValueError(
            f"bij {pillar.title} staan {len(tokens)} antwoorden, maar er zijn {wanted} vragen. "
            f"Tel ze na op papier en typ ze in de volgorde van de vragenlijst (een leeg antwoord als -)."
        )
    return [CODES[t] for t in tokens]


def read_line(framework: Framework, typed: Typed, text: str) -> None:
    """Add one typed line (`pijler [naam]: antwoorden`) to `typed`; ValueError when it is wrong."""
    match = _LINE.match(text)
    if not match:
        raise ValueError(
            "deze regel begrijpen we niet. Begin met de pijler en een dubbele punt, zoals: zorgen: 4 3 5 w n"
        )
    name = match["pillar"].lower()
    pillar = next((p for p in framework.pillars if name in (p.id, p.title.lower())), None)
    if pillar is None:
        known = ", ".join(p.id for p in framework.pillars)
        raise ValueError(f"'{match['pillar']}' is geen pijler. Kies uit: {known}.")
    label = " ".join((match["label"] or "").split())
    if len(label) > MAX_LABEL or (label and not re.fullmatch(r"[\w .'-]+", label)):
        raise ValueError(f"'{label}' kan geen naam zijn. Gebruik een voornaam of een letter, zoals A of B.")
    values = read_values(framework, pillar, match["values"])
    if label not in typed.labels:
        if ("" in typed.labels) != (label == "") and typed.labels:
            raise ValueError(
                "zet bij twee pleegouders op elke regel een naam of letter, zoals: zorgen A: 4 3 5"
            )
        if len(typed.labels) == 2:
            raise ValueError(
                f"er zijn al twee pleegouders ({' en '.join(typed.labels)}). Meer dan twee kan niet."
            )
        typed.labels.append(label)
    done = typed.pillars.setdefault(label, set())
    if pillar.id in done:
        who = f" van {label}" if label else ""
        raise ValueError(f"{pillar.title}{who} staat er al. Typ elke pijler maar één keer.")
    done.add(pillar.id)
    answers = typed.answers.setdefault(label, {})
    for (_, question), value in zip(pillar_questions(pillar), values, strict=True):
        if value is not None:
            answers[question.id] = value


def read_typed(framework: Framework, text: str, source: str) -> Typed:
    """Read typed lines (a file or standard input); all problems at once, each with its line."""
    typed = Typed()
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            read_line(framework, typed, line)
        except ValueError as exc:
            problems.append(Problem(source, number, str(exc)))
    if not problems and not typed.labels:
        problems.append(Problem(source, None, "er staat geen enkele regel met antwoorden in."))
    if problems:
        raise InvalidFileError(problems, hint="Verbeter deze regels en probeer het opnieuw.")
    return typed


def _yaml_value(value: int | Special) -> str:
    return str(value) if isinstance(value, int) else json.dumps(ANSWER_WORDS[value])


def answers_file(framework: Framework, typed: Typed) -> str:
    """An ordinary answers file (as `sjabloon` writes it) with the typed answers."""
    two = len(typed.labels) == 2
    lines = [
        "# Antwoorden voor pleegreflectie, overgetypt van de papieren vragenlijst.",
        "# Vul 'profiel', 'belang' en 'notities' aan als je wilt (zie: pleegreflectie sjabloon). Daarna:",
        "#   pleegreflectie start --antwoorden dit-bestand.yaml",
    ]
    if two:
        lines.append(f"deelnemers: [{', '.join(json.dumps(label) for label in typed.labels)}]")
    lines.append("antwoorden:")
    for pillar in framework.pillars:
        for _, question in pillar_questions(pillar):
            given = {label: typed.answers.get(label, {}).get(question.id) for label in typed.labels}
            present = {label: value for label, value in given.items() if value is not None}
            if not present:
                continue
            values = set(present.values())
            if not two or (len(present) == 2 and len(values) == 1):
                lines.append(f"  {question.id}: {_yaml_value(next(iter(values)))}")
            else:
                pairs = ", ".join(f"{json.dumps(label)}: {_yaml_value(v)}" for label, v in present.items())
                lines.append(f"  {question.id}: {{{pairs}}}")
    return "\n".join(lines) + "\n"


def typed_summary(framework: Framework, typed: Typed) -> list[str]:
    """What was read, in words: per respondent the pillars and the number of answers."""
    said = []
    for label in typed.labels:
        titles = [p.title for p in framework.pillars if p.id in typed.pillars.get(label, set())]
        count = len(typed.answers.get(label, {}))
        who = f"{label}: " if label else ""
        said.append(f"{who}{count} antwoorden bij {', '.join(titles)}.")
    return said
