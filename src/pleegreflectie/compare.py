"""Two reflections of one household side by side: what grew, what stayed, what dropped. Pure.

How a change is judged (also for the README, "Wat is er veranderd?"):

- Scores are shown with one decimal (3,6). The difference (`delta`) is the shown new score minus
  the shown old score, so it always adds up on the page (3,1 -> 3,6 is +0,5), and the verdict is
  judged on that same difference: "+0,5 gegroeid" and "+0,4 gelijk" never contradict what is shown.
- A 5-point scale is noisy. One answer that is one step different moves a competency score (the
  average of 2 questions) by 0.5, and a family answers a little differently on another day. So a
  difference only counts when it is large enough:
  - a competency has grown or dropped when the difference is at least `COMPETENCY_NOISE` (1.0),
    that is two answers one step higher or one answer two steps higher;
  - a pillar (the average of 4 or 5 competencies, so less noisy) has grown or dropped when the
    difference is at least `PILLAR_NOISE` (0.5).
  A smaller difference is "gelijk" (the same).
- When either side has no score (the pillar was not done, the competency was only answered with
  "weet ik niet" or "nvt", or it did not apply to the family then), the verdict is
  "niet te vergelijken".
- Steps of the previous route: the caller says which course ids the previous route had and which of
  them the family did or is still doing; each becomes `(course id, title)` in `route_done`,
  `route_ongoing` or `route_not_done`, in the order of the previous route. A step is "nog niet gedaan"
  only when the family was asked (`asked`); otherwise it goes to `route_unknown` ("niet gevraagd").
  The title comes from the catalogue; the id is used when it is unknown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Literal

from msgspec import Struct

from .models import Catalogue, Framework
from .scoring import CompetencyScore, PillarScore, Result
from .wording import number

COMPETENCY_NOISE = 1.0  # |delta| below this is "gelijk" for a competency
PILLAR_NOISE = 0.5  # |delta| below this is "gelijk" for a pillar

Verdict = Literal["gegroeid", "gelijk", "gedaald", "niet te vergelijken"]
GROWN: Verdict = "gegroeid"
SAME: Verdict = "gelijk"
DROPPED: Verdict = "gedaald"
INCOMPARABLE: Verdict = "niet te vergelijken"


class CompetencyChange(Struct, frozen=True):
    id: str
    pillar_id: str
    name: str
    before: float | None
    after: float | None
    delta: float | None  # after - before; None when either side has no score
    verdict: Verdict


class PillarChange(Struct, frozen=True):
    id: str
    title: str
    before: float | None
    after: float | None
    delta: float | None
    verdict: Verdict
    competencies: tuple[CompetencyChange, ...]


class Comparison(Struct, frozen=True):
    pillars: tuple[PillarChange, ...]
    route_done: tuple[tuple[str, str], ...] = ()  # (course id, title) of previous steps that were done
    route_not_done: tuple[tuple[str, str], ...] = ()  # (course id, title) of previous steps not done
    before_date: dt.date | None = None  # when the previous reflection was made, if known
    route_ongoing: tuple[tuple[str, str], ...] = ()  # (course id, title) of previous steps still going on
    route_unknown: tuple[tuple[str, str], ...] = ()  # previous steps the family was not asked about

    def competencies(self) -> list[CompetencyChange]:
        return [c for p in self.pillars for c in p.competencies]

    def notable(self) -> list[CompetencyChange]:
        """Competencies that clearly grew or dropped, in framework order."""
        return [c for c in self.competencies() if c.verdict in (GROWN, DROPPED)]

    @property
    def has_route(self) -> bool:
        return bool(self.route_done or self.route_not_done or self.route_ongoing or self.route_unknown)


def shown(value: float) -> float:
    """A score as the page shows it: one decimal, as `wording.number` writes it."""
    return float(f"{value:.1f}")


def judge(before: float | None, after: float | None, noise: float) -> tuple[float | None, Verdict]:
    """The difference of the shown scores and the verdict; |difference| below `noise` is "gelijk"."""
    if before is None or after is None:
        return None, INCOMPARABLE
    delta = round(shown(after) - shown(before), 1)
    if abs(delta) < noise:
        return delta, SAME
    return delta, GROWN if delta > 0 else DROPPED


def compare(
    framework: Framework,
    before: Result,
    after: Result,
    *,
    previous_route: Sequence[str] = (),
    done: Iterable[str] = (),
    catalogue: Catalogue | None = None,
    before_date: dt.date | None = None,
    ongoing: Iterable[str] = (),
    asked: bool = True,
) -> Comparison:
    """Per pillar and competency (framework order, those in either result): before, after, verdict."""
    old_pillars = {p.id: p for p in before.pillars}
    new_pillars = {p.id: p for p in after.pillars}
    pillars = []
    for pillar in framework.pillars:
        old, new = old_pillars.get(pillar.id), new_pillars.get(pillar.id)
        if old is None and new is None:
            continue
        delta, verdict = judge(_score(old), _score(new), PILLAR_NOISE)
        competencies = _competencies(framework, pillar.id, old, new)
        pillars.append(
            PillarChange(pillar.id, pillar.title, _score(old), _score(new), delta, verdict, competencies)
        )

    titles = {c.id: c.title for c in catalogue.entries} if catalogue is not None else {}
    did, doing = set(done), set(ongoing) - set(done)
    steps = list(dict.fromkeys(previous_route))  # without repeats, in route order
    route_done = tuple((i, titles.get(i, i)) for i in steps if i in did)
    route_ongoing = tuple((i, titles.get(i, i)) for i in steps if i in doing)
    rest = tuple((i, titles.get(i, i)) for i in steps if i not in did | doing)
    return Comparison(
        tuple(pillars),
        route_done,
        rest if asked else (),
        before_date,
        route_ongoing,
        () if asked else rest,
    )


def _score(pillar: PillarScore | None) -> float | None:
    return pillar.score if pillar is not None else None


def _competencies(
    framework: Framework, pillar_id: str, old: PillarScore | None, new: PillarScore | None
) -> tuple[CompetencyChange, ...]:
    olds: dict[str, CompetencyScore] = {c.id: c for c in old.competencies} if old else {}
    news: dict[str, CompetencyScore] = {c.id: c for c in new.competencies} if new else {}
    changes = []
    for competency in framework.pillar(pillar_id).competencies:
        if competency.id not in olds and competency.id not in news:
            continue
        a = olds[competency.id].score if competency.id in olds else None
        b = news[competency.id].score if competency.id in news else None
        delta, verdict = judge(a, b, COMPETENCY_NOISE)
        changes.append(CompetencyChange(competency.id, pillar_id, competency.name, a, b, delta, verdict))
    return tuple(changes)


def change_rule_text() -> str:
    """When `vergelijk` and the report call a change "gegroeid" or "gedaald" (this module's rule)."""
    return (
        "Verschillen zijn afgerond op één cijfer achter de komma. Gegroeid of gedaald betekent: een "
        f"verschil van {number(PILLAR_NOISE)} of meer bij een pijler, of {number(COMPETENCY_NOISE)} of meer "
        "bij een onderdeel. Een kleiner verschil noemen we gelijk: dat kan ook toeval zijn."
    )
