"""Small pieces of Dutch shared by the terminal, the report and the route. Pure."""

from __future__ import annotations

from collections.abc import Sequence

from .models import LearningForm
from .scoring import GAP_MAX, STRENGTH_MIN

FORM_WORDS = {
    LearningForm.GROUP: "in een groep",
    LearningForm.ONLINE: "online",
    LearningForm.HOME: "thuis",
    LearningForm.INDIVIDUAL: "één op één",
    LearningForm.BLENDED: "deels online en deels samen",
    LearningForm.VIDEO: "met filmpjes",
    LearningForm.READING: "door te lezen",
    LearningForm.PHONE: "via de telefoon",
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


def join_words(items: Sequence[str]) -> str:
    """a, b en c"""
    if not items:
        return ""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} en {items[-1]}"


def level(value: float | None) -> str | None:
    """'sterk', 'op weg' or 'aandacht' for a score; None when nothing was answered."""
    if value is None:
        return None
    if value >= STRENGTH_MIN:
        return "sterk"
    if value <= GAP_MAX:
        return "aandacht"
    return "op weg"
