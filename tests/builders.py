"""Small builders the tests share (not a test module)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pleegreflectie.models import Course


def course(entry_id: str, competencies: Sequence[str], **fields: Any) -> Course:
    """A catalogue entry with a source and sensible defaults: a training of 16 hours in 8 weeks
    (8.66 hours a month) unless said otherwise; fields use the Dutch keys of the catalogue file."""
    data: dict[str, Any] = {
        "id": entry_id,
        "titel": entry_id.replace("-", " ").capitalize(),
        "aanbieder": "Testaanbieder",
        "beschrijving": "Een aanbod om mee te testen.",
        "competenties": list(competencies),
        "soort": "training",
        "vorm": ["groep"],
        "toegang": "zelf",
        "land": "nl",
        "laatst_gecontroleerd": "2026-11-01",
        "duur": {"bijeenkomsten": 8, "weken": 8, "uren": 16},
        "bron": {"titel": "Een testpagina", "url": "https://example.org/aanbod"},
    }
    data.update(fields)
    return Course.model_validate(data)
