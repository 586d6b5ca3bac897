"""Small pieces of Dutch shared by the terminal, the report and the route. Pure.

It imports no module of the domain (a test checks it): what needs the domain's rules lives with them
(`scoring.level_word`, `compare.change_rule_text`), and the rest takes plain values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal, Protocol

# The words for each `models.LearningForm` (a StrEnum: its members are these strings).
FORM_WORDS: dict[str, str] = {
    "groep": "in een groep",
    "online": "online",
    "thuis": "thuis",
    "individueel": "één op één",
    "blended": "deels online en deels samen",
    "video": "met filmpjes",
    "lezen": "door te lezen",
    "telefonisch": "via de telefoon",
}


def number(value: float | None) -> str:
    """A score the Dutch way: 3,5. A dash when there is none."""
    return "–" if value is None else f"{value:.1f}".replace(".", ",")


def signed(value: float | None) -> str:
    """A difference with its sign and up to 2 decimals (+0,3, -0,38, 0,0), so it matches the verdict."""
    if value is None:
        return "–"
    text = f"{value:+.2f}".rstrip("0").replace(".", ",")
    text = text + "0" if text.endswith(",") else text
    return "0,0" if text in ("+0,0", "-0,0") else text


def counted(count: int, one: str, many: str) -> str:
    """1 huishouden, 2 huishoudens: the count with the singular or the plural word."""
    return f"{count} {one if count == 1 else many}"


def bar(value: float | None, width: int, empty: str = "") -> str:
    """A score of 1 to 5 as `width` blocks (█ as far as the score goes, ░ for the rest); `empty`
    when there is no score."""
    if value is None:
        return empty
    filled = round((value - 1) / 4 * width)
    return "█" * filled + "░" * (width - filled)


def join_words(items: Sequence[str]) -> str:
    """a, b en c"""
    if not items:
        return ""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} en {items[-1]}"


# The one set of words for a score (`scoring.level`), on the screen, in the report and in --json
# ("niveau"); `scoring.level_word` picks one. Kind on purpose: a score of 3,4 means it often goes
# well already, so it "kan nog groeien", not "fout".
LEVEL_WORDS: dict[str | None, str] = {
    None: "nog niet ingevuld",
    "sterk": "sterk",
    "op weg": "gaat redelijk",
    "aandacht": "kan nog groeien",
}
TOO_FEW_WORDS = "te weinig antwoorden"
DONT_KNOW_WORDS = "weet ik niet"


class _Scored(Protocol):
    @property
    def score(self) -> float | None: ...


def kind_gaps_text(gaps: Sequence[_Scored], address: Literal["je", "jullie"]) -> str:
    """The sentence under the points to work on: no list of failures, however long it is.

    `gaps` are scoring's gaps (with a `score`); `address`: je to one foster parent, jullie to two.
    """
    two = address == "jullie"
    text = "Dit is geen lijst van wat fout gaat. Het zijn de punten waar " + (
        "jullie nog in kunnen groeien." if two else "je nog in kunt groeien."
    )
    fair = [g for g in gaps if g.score is not None and g.score >= 3]
    if gaps and len(fair) * 2 >= len(gaps):
        text += (
            " Bij de meeste punten is de score 3 of hoger: dat gaat vaak al redelijk. "
            + ("Kies samen" if two else "Kies")
            + " er een paar uit om mee te beginnen."
        )
    return text


MAX_CHILD_AGE = 27  # as models.Profile.child_ages


def parse_ages(text: str) -> list[int]:
    """Ages as people write them: "4, 9", "4 en 9", "4 jaar en 9 jaar", "4; 9". ValueError says what is wrong.

    "4,5" (a comma between digits, no space) is read as four and a half, not as two children: it asks
    for whole years and says how to write two ages.
    """
    import re

    text = text.strip()
    if not text:
        return []
    decimal = re.search(r"\d+[.,]\d+", text)
    if decimal:
        whole = decimal.group().replace(".", ",")
        first, _, second = whole.partition(",")
        raise ValueError(
            f"'{whole}' lezen we als {whole} jaar. Typ de leeftijd in hele jaren, zoals {first}. "
            f"Bedoel je twee kinderen? Zet dan een spatie na de komma: {first}, {second}"
        )
    parts = [p for p in re.split(r"[\s,;/&+]+|\ben\b|\bjaar\b|\bjr\b", text.lower()) if p and p.strip()]
    ages = []
    for part in parts:
        part = part.strip()
        if not part.isdigit():
            raise ValueError(
                f"'{part}' is geen leeftijd. Typ leeftijden in jaren, met een komma ertussen: 4, 9"
            )
        if int(part) > MAX_CHILD_AGE:
            raise ValueError(
                f"{int(part)} jaar kan hier niet. Typ de leeftijd van je pleegkind, "
                f"tot en met {MAX_CHILD_AGE} jaar."
            )
        ages.append(int(part))
    if not ages:
        raise ValueError("Typ leeftijden in jaren, met een komma ertussen. Bijvoorbeeld: 4, 9")
    return ages


def ages_text(ages: Sequence[int]) -> str:
    """Ages said back: "4 en 9 jaar"."""
    return join_words([str(a) for a in ages]) + " jaar" if ages else "geen leeftijden"


def parse_day(text: str) -> dt.date:
    """A date as people type it: 15-1-2027, 15/1/2027, 15.1.2027 or 2027-01-15."""
    cleaned = text.strip().replace("/", "-").replace(".", "-").replace(" ", "")
    parts = cleaned.split("-")
    problem = "Typ een datum als dag-maand-jaar, bijvoorbeeld 15-1-2027."
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        raise ValueError(problem)
    if len(parts[0]) == 4:
        year, month, day = (int(p) for p in parts)
    else:
        day, month, year = (int(p) for p in parts)
    if year < 100:
        year += 2000
    if not 2000 <= year <= 2100:
        raise ValueError(f"{problem} Het jaar moet tussen 2000 en 2100 liggen.")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"Die datum bestaat niet. {problem}") from None


def parse_month(text: str, today: dt.date | None = None) -> str:
    """A month as people type it (2024-09, 9-2024, 09/2024) as JJJJ-MM; never in the future.

    ValueError says what is wrong, in Dutch.
    """
    cleaned = text.strip().replace("/", "-").replace(".", "-").replace(" ", "")
    parts = cleaned.split("-")
    problem = "Typ het jaar en de maand, bijvoorbeeld 2024-09."
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        raise ValueError(problem)
    year, month = (int(parts[0]), int(parts[1])) if len(parts[0]) == 4 else (int(parts[1]), int(parts[0]))
    if not 1 <= month <= 12:
        raise ValueError(f"Een maand is een getal van 1 tot en met 12. {problem}")
    if year < 1950:
        raise ValueError(f"Dat jaar is te lang geleden. {problem}")
    today = today or dt.date.today()
    if (year, month) > (today.year, today.month):
        raise ValueError(f"Die maand moet nog komen. Typ de maand waarin je pleegkind kwam. {problem}")
    return f"{year:04d}-{month:02d}"


def day_text(day: dt.date) -> str:
    """15-1-2027"""
    return f"{day.day}-{day.month}-{day.year}"


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


def month_text(value: str) -> str:
    """2024-09 as "september 2024" (the text as it is when it is no such month)."""
    year, _, month = value.partition("-")
    if year.isdigit() and month.isdigit() and 1 <= int(month) <= 12:
        return f"{MONTHS[int(month) - 1]} {int(year)}"
    return value
