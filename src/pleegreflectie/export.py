"""The result as JSON for scripts (`--json`)."""

from __future__ import annotations

import json
from typing import Any

from .scoring import Result


def result_data(result: Result) -> dict[str, Any]:
    return {
        "pijlers": [{"id": p.id, "titel": p.title, "score": p.score} for p in result.pillars],
        "competenties": [
            {
                "id": c.id,
                "pijler": c.pillar_id,
                "score": c.score,
                "antwoorden": c.answered,
                "belang": c.importance,
            }
            for c in result.competencies()
        ],
        "sterke_punten": [{"id": c.id, "score": c.score} for c in result.strengths],
        "aandachtspunten": [
            {"id": g.id, "score": g.score, "belang": g.importance, "prioriteit": g.priority}
            for g in result.gaps
        ],
    }


def result_json(result: Result, **extra: Any) -> str:
    return json.dumps(result_data(result) | extra, ensure_ascii=False, indent=2)
