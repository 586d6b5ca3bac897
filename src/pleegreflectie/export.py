"""The result as JSON for scripts (`--json`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .route import Route
from .scoring import Result, level_word
from .structs import json_text
from .wording import TOO_FEW_WORDS

if TYPE_CHECKING:
    from .catalogue import Coverage
    from .conversation import KitchenTable
    from .models import Agreement, Profile
    from .store import ReflectionInfo


def result_data(result: Result) -> dict[str, Any]:
    return {
        "pijlers": [
            {
                "id": p.id,
                "titel": p.title,
                "score": p.score,
                "onderdelen_met_score": p.scored,
                "onderdelen": p.total,
                "te_weinig_antwoorden": p.too_few,
                "niveau": TOO_FEW_WORDS if p.too_few else level_word(p.score),
            }
            for p in result.pillars
        ],
        "competenties": [
            {
                "id": c.id,
                "pijler": c.pillar_id,
                "score": c.score,
                "antwoorden": c.answered,
                "belang": c.importance,
                "mogelijke_antwoorden": c.questions,
                "weet_niet": c.unsure,
                "niveau": level_word(c.score),
            }
            for c in result.competencies()
        ],
        "sterke_punten": [{"id": c.id, "score": c.score} for c in result.strengths],
        "aandachtspunten": [
            {"id": g.id, "score": g.score, "belang": g.importance, "prioriteit": g.priority}
            for g in result.gaps
        ],
        "uitzoeken": [
            {"vraag": f.question_id, "competentie": f.competency_id, "tekst": f.text} for f in result.find_out
        ],
    }


def result_json(
    result: Result,
    *,
    route: Route | None = None,
    reflection_id: int | None = None,
    table: KitchenTable | None = None,
    profile: Profile | None = None,
) -> str:
    data = result_data(result)
    if profile is not None:
        # Every profile key, as in an answers file (null: not said).
        data["profiel"] = profile.model_dump(mode="json", by_alias=True)
    if route is not None:
        data |= route_data(route)
    if table is not None:
        if len(table.participants) == 2:
            voices = {c.id: dict(c.per_participant) for c in result.competencies()}
            for item in data["competenties"]:
                item["per_deelnemer"] = voices.get(item["id"], {})
        notes = {note.course_id: note.text for note in table.route_notes}
        for item in data.get("route", []):
            if item["id"] in notes:
                item["let_op"] = notes[item["id"]]  # the two foster parents differ here
        data |= table_data(table)
    data["reflectie"] = reflection_id
    return json_text(data)


def agreement_data(agreement: Agreement) -> dict[str, Any]:
    return {
        "wat": agreement.what,
        "wie": agreement.who,
        "wanneer": agreement.when.isoformat() if agreement.when else None,
        "status": agreement.status,
    }


def table_data(table: KitchenTable) -> dict[str, Any]:
    """Two foster parents, the worker's part and the conversation points (the home visit)."""
    worker = table.worker
    data: dict[str, Any] = {"deelnemers": list(table.participants)} if table.participants else {}
    return data | {
        "gespreksonderwerpen": [
            {"soort": t.kind, **({"id": t.id} if t.id else {}), "tekst": t.text}
            | ({"bron": t.source} if t.source else {})
            for t in table.topics
        ],
        "begeleider": {
            "aanwezig": table.with_worker,
            "notities": dict(worker.notes) if worker else {},
            "afspraken": [agreement_data(a) for a in worker.agreements] if worker else [],
            "volgende_afspraak": worker.next_visit.isoformat() if worker and worker.next_visit else None,
        },
        "vorige_afspraken": [agreement_data(a) for a in table.previous_agreements],
        "bezoeken": [
            {
                "datum": v.day,
                "deelnemers": list(v.participants),
                "begeleider": v.with_worker,
                "pijlers": list(v.pillars),
            }
            for v in table.visits
        ],
    }


def route_data(route: Route) -> dict[str, Any]:
    return {
        "route": [
            {
                "id": step.course.id,
                "titel": step.course.title,
                "fase": step.phase,
                "competenties": list(step.competencies),
                "via_begeleider": step.via_worker,
                "uren_per_maand": step.hours_per_month,
                "reden": step.reason,
            }
            for step in route.steps
        ],
        "bezig": [
            {"id": s.course.id, "titel": s.course.title, "competenties": list(s.competencies)}
            for s in route.ongoing
        ],
        "later": [
            {
                "competentie": item.competency,
                "id": item.course.id,
                "titel": item.course.title,
                "reden": item.reason,
                "uitleg": item.text,
            }
            for item in route.later
        ],
        "niet_gedekt": list(route.uncovered),
        "advies_niet_gedekt": route.uncovered_advice or None,
        "delen": list(route.share),
        "adviezen": list(route.advice),
    }


def route_json(route: Route) -> str:
    return json_text(route_data(route))


def overview_json(rows: list[tuple[ReflectionInfo, list[str]]]) -> str:
    return json_text(
        [
            {
                "id": info.id,
                "huishouden": info.household,
                "gemaakt": info.created_at.isoformat(),
                "bijgewerkt": info.updated_at.isoformat(),
                "status": "beschadigd" if info.damaged else str(info.status),
                "pijlers": list(info.pillar_ids),
                "pijlers_klaar": done,
                "antwoorden": info.answer_count,
            }
            for info, done in rows
        ],
    )


def coverage_json(coverage: Coverage, per_country: Sequence[Coverage] = ()) -> str:
    """The whole catalogue's coverage, and under `landen` each country's (entries that can be a
    route step for its families: with a source, not the foster care worker itself)."""
    data = coverage.as_data()
    if per_country:
        data["landen"] = {part.country: part.as_data() for part in per_country if part.country}
    return json_text(data)
