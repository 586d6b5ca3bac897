"""The answers-file template (`pleegreflectie sjabloon`): every id, with the question as a comment."""

from __future__ import annotations

from .flow import PROFILE_FIELDS
from .models import Framework


def _quoted(text: str) -> str:
    return " ".join(text.split())


def answers_template(framework: Framework, *, together: bool = False) -> str:
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
    lines += ["profiel:"]
    for item in PROFILE_FIELDS:
        lines.append(f"  # {_quoted(item.text)}")
        if item.choices:
            lines.append(f"  # Kies uit: {', '.join(value for value, _ in item.choices)}")
        elif item.kind == "yesno":
            lines.append("  # Vul in: ja of nee")
        if item.hint:
            lines.append(f"  # {item.hint}")
        value = " []" if item.kind in ("multi", "numbers") else ""
        lines.append(f"  {item.key}:{value}")
    lines += [
        "",
        "# Vul bij elke vraag een getal in:",
        f"#   {scale}",
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
        lines.append(f"  {pillar.id}:  # {pillar.open_question}")
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
        lines += ["  afspraken: []", "  volgende_afspraak:  # een datum, bijvoorbeeld 2027-02-01"]
    return "\n".join(lines) + "\n"
