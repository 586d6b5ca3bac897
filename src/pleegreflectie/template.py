"""The answers-file template (`pleegreflectie sjabloon`): every id, with the question as a comment.
The framework and the profile questions are read by the caller and passed in."""

from __future__ import annotations

from .models import Address, Condition, Framework, pick
from .profile import ProfileQuestions


def _quoted(text: str) -> str:
    return " ".join(text.split())


def _when(condition: Condition) -> str:
    """A condition in words, for a comment: 'netwerkpleegouders', 'pleegkind van 15 jaar of ouder'."""
    parts = []
    if condition.own_children is not None:
        own = condition.own_children
        parts.append("als er eigen kinderen thuis wonen" if own else "zonder eigen kinderen")
    if condition.parent_kinds:
        parts.append(" of ".join(f"{kind.value}pleegouders" for kind in condition.parent_kinds))
    if condition.care_kinds:
        parts.append("pleegzorgvorm " + ", ".join(kind.value for kind in condition.care_kinds))
    if condition.country is not None:
        parts.append({"nl": "gezinnen in Nederland", "vl": "gezinnen in Vlaanderen"}[condition.country])
    if condition.parents_count is not None:
        parts.append("één pleegouder" if condition.parents_count == 1 else "twee pleegouders")
    if condition.ages is not None:
        low, high = condition.ages.min, condition.ages.max
        if low is not None and high is not None:
            parts.append(f"pleegkind van {low} tot en met {high} jaar")
        elif low is not None:
            parts.append(f"pleegkind van {low} jaar of ouder")
        elif high is not None:
            parts.append(f"pleegkind van {high} jaar of jonger")
    return "; ".join(parts)


def _profile_part(questions: ProfileQuestions, *, together: bool) -> list[str]:
    """The profile keys with their question (data/profiel.yaml) as a comment; the Dutch wording,
    and the Flemish words where a choice reads differently in Flanders."""
    address: Address = "jullie" if together else "je"
    lines = ["profiel:"]
    for key in questions.key_order():
        item = questions.question(key, "nl")
        lines.append(f"  # {_quoted(pick(item.text, address))}")
        if item.choices:
            lines.append(f"  # Kies uit: {', '.join(str(c.value) for c in item.choices)}")
        elif item.kind == "yesno":
            lines.append("  # Vul in: ja of nee")
        if item.hint is not None:
            lines.append(f"  # {_quoted(pick(item.hint, address))}")
        try:
            flemish = questions.question(key, "vl")
        except KeyError:
            flemish = item
        if flemish is not item and flemish.choices:
            lines.append("  # In Vlaanderen:")
            lines += [f"  #   {c.value} = {_quoted(pick(c.label, address))}" for c in flemish.choices]
        value = " []" if item.kind in ("multi", "numbers") else ""
        lines.append(f"  {key}:{value}")
    return lines


def answers_template(framework: Framework, questions: ProfileQuestions, *, together: bool = False) -> str:
    """The template; `together`: for two foster parents, with a place for each one's answer."""
    scale = ", ".join(f"{o.value} = {o.label}" for o in framework.scale)
    importance = ", ".join(f"{o.value} = {o.label}" for o in framework.importance)
    lines = [
        "# Antwoorden voor pleegreflectie",
        "# Vul dit bestand in op papier of in een teksteditor. Daarna:",
        "#   pleegreflectie start --antwoorden dit-bestand.yaml",
        "# Laat een antwoord leeg als je het niet weet of niet wilt zeggen.",
        "",
    ]
    if together:
        lines += [
            "# Jullie vullen dit samen in. A en B zijn jullie twee. Je mag A en B overal vervangen",
            "# door jullie voornamen. Geven jullie hetzelfde antwoord? Schrijf dan alleen dat getal.",
            "deelnemers: [A, B]",
            "",
        ]
    lines += _profile_part(questions, together=together)
    lines += [
        "",
        "# Vul bij elke vraag een getal in:",
        f"#   {scale}",
        "# Staat er bij een vraag 'Antwoord met:', dan geldt die schaal voor die vraag.",
        "# Of schrijf: weet ik niet, of: nvt (niet van toepassing).",
        "antwoorden:",
    ]
    for pillar in framework.pillars:
        lines.append(f"  # --- {pillar.name} ---")
        for comp in pillar.competencies:
            condition = ""
            if comp.condition and comp.condition.own_children:
                condition = " (alleen als er eigen kinderen thuis wonen)"
            lines.append(f"  # {comp.name}{condition}")
            for question in comp.questions:
                if question.condition is not None:
                    lines.append(f"  # De volgende vraag alleen bij: {_when(question.condition)}.")
                for variant in question.variants:
                    lines.append(f"  # Bij {_when(variant.condition)} staat er: {variant.text}")
                if question.scale is not None:
                    options = framework.scale_for(question)
                    lines.append(f"  # Antwoord met: {', '.join(f'{o.value} = {o.label}' for o in options)}")
                lines.append(f"  # {question.text}")
                lines.append(f"  {question.id}: {{A: , B: }}" if together else f"  {question.id}:")
    lines += [
        "",
        f"# {framework.importance_question} Vul dit in waar je wilt:",
        f"#   {importance}",
        "belang:",
    ]
    for comp in framework.competencies():
        lines.append(f"  {comp.id}:  # {comp.name}")
    lines += ["", "# Wat wil je per pijler nog kwijt? Schrijf het achter de dubbele punt.", "notities:"]
    for pillar in framework.pillars:
        lines.append(f"  {pillar.id}:  # {pick(pillar.open_question, 'jullie' if together else 'je')}")
    if together:
        lines += [
            "",
            "# Welke vragen willen jullie bespreken? Zet hun namen tussen de haken, bijvoorbeeld:",
            "# bespreken: [zorgen.gedrag.doen]",
            "bespreken: []",
            "",
            "# Voor de pleegzorgbegeleider: notities per pijler, afspraken en het volgende bezoek.",
            "# Een afspraak: - {wat: Aanmelden voor de training, wie: A, wanneer: 2027-01-15}",
            "begeleider:",
            "  notities:",
        ]
        lines += [f"    {pillar.id}:" for pillar in framework.pillars]
        lines += [
            "  afspraken: []",
            "  volgende_afspraak:  # een datum, bijvoorbeeld 2027-02-01",
            "  # Hoe ging het met de afspraken van de vorige keer? De status is gedaan, bezig,",
            "  # niet-gedaan of niet-nodig. Afspraken die je niet noemt, blijven open. Bijvoorbeeld:",
            "  # vorige_afspraken: [{wat: Bellen met school, status: gedaan}]",
        ]
    return "\n".join(lines) + "\n"
