"""Answers to scores per competency and pillar, strengths and gaps. Pure and deterministic.

How it works (also in the README, "Hoe werkt de score?"):
- A competency's score is the average of its answered questions on the 1-5 scale.
  "weet ik niet" and "nvt" are left out: they never count as low.
  With two foster parents, each gets a score per competency and the household's score is the mean
  of the two (of one, when only one answered on the scale).
- A pillar's score is the average of its competency scores.
- A strength: a score of 4 or more.
- A gap (aandachtspunt): a score of 3.5 or less that the family does not call "nu niet zo belangrijk".
  Its priority is (5 - score) x importance; importance is 2 when it was not asked.
- What a score rests on: a competency counts its answers on the scale out of the answers possible
  (`answered` of `questions`, that is its questions times the respondents); a pillar counts its
  competencies with a score out of those that apply (`scored` of `total`). A pillar scored on fewer
  than half its competencies is `too_few`: it gets no verdict ("te weinig antwoorden om iets te
  zeggen"), only its number.
- "weet ik niet" on a knowing (`weten`) question is a point to find out (`find_out`, "uitzoeken"):
  shown to the family and eligible for an informational route step, never lowering a score.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from msgspec import Struct

from .models import Answers, Competency, Framework, Profile, Special
from .wording import LEVEL_WORDS

STRENGTH_MIN = 4.0
GAP_MAX = 3.5
ASK_IMPORTANCE_MAX = GAP_MAX  # importance is only asked where it can change the route
DEFAULT_IMPORTANCE = 2


class CompetencyScore(Struct, frozen=True):
    id: str
    pillar_id: str
    name: str
    score: float | None  # None: nothing answered on the scale
    answered: int  # answers on the scale
    unsure: int  # "weet ik niet" answers
    importance: int | None  # as the family said, or None when not asked
    # Two foster parents: label -> that parent's score (empty for one respondent).
    per_participant: tuple[tuple[str, float | None], ...] = ()
    questions: int = 0  # answers possible (questions x respondents): the score rests on `answered` of them
    find_out: tuple[str, ...] = ()  # ids of knowing questions answered "weet ik niet"


class PillarScore(Struct, frozen=True):
    id: str
    title: str
    score: float | None
    competencies: tuple[CompetencyScore, ...]
    scored: int = 0  # competencies with a score: the pillar score rests on these
    total: int = 0  # competencies that apply to the family

    @property
    def too_few(self) -> bool:
        """Scored on fewer than half of its competencies: too little to say anything."""
        return self.score is not None and self.scored * 2 < self.total


class Gap(Struct, frozen=True):
    id: str
    pillar_id: str
    name: str
    score: float
    importance: int
    priority: float


class FindOut(Struct, frozen=True):
    """A knowing question answered "weet ik niet": something to find out (uitzoeken)."""

    question_id: str
    competency_id: str
    pillar_id: str
    name: str  # the competency's name
    text: str  # the question


class Result(Struct, frozen=True):
    pillars: tuple[PillarScore, ...]
    strengths: tuple[CompetencyScore, ...]
    gaps: tuple[Gap, ...]
    find_out: tuple[FindOut, ...] = ()

    def competencies(self) -> list[CompetencyScore]:
        return [c for p in self.pillars for c in p.competencies]

    def competency(self, competency_id: str) -> CompetencyScore:
        return next(c for c in self.competencies() if c.id == competency_id)


def _mean(values: Iterable[float]) -> float | None:
    items = list(values)
    return round(sum(items) / len(items), 2) if items else None


def _own_score(competency: Competency, given: Mapping[str, int | Special], profile: Profile) -> float | None:
    # A question that does not apply to this family (its condition) never counts.
    values = [given.get(q.id) for q in competency.questions_for(profile)]
    return _mean(v for v in values if isinstance(v, int))


def participant_scores(competency: Competency, answers: Answers) -> list[tuple[str | None, float | None]]:
    """Each respondent's own score for this competency."""
    return [(label, _own_score(competency, given, answers.profile)) for label, given in answers.answer_sets()]


def competency_score(competency: Competency, answers: Answers) -> float | None:
    """The household's score: one respondent's score, or the mean of two foster parents' scores."""
    return _mean(s for _, s in participant_scores(competency, answers) if s is not None)


def needs_importance(competency: Competency, answers: Answers) -> bool:
    """Ask "how important is this now?" only when every question was handled and the score is not high."""
    score = competency_score(competency, answers)
    return score is not None and score <= ASK_IMPORTANCE_MAX


def score(framework: Framework, answers: Answers, pillar_ids: Iterable[str] | None = None) -> Result:
    wanted = set(pillar_ids) if pillar_ids else {p.id for p in framework.pillars}
    pillars: list[PillarScore] = []
    find_out: list[FindOut] = []
    for pillar in framework.pillars:
        if pillar.id not in wanted:
            continue
        scores = []
        for competency in pillar.competencies:
            if not competency.applies_to(answers.profile):
                continue
            asked = competency.questions_for(answers.profile)  # a question that does not apply never counts
            values = [v for q in asked for v in answers.all_values(q.id)]
            voices = (
                tuple((str(label), s) for label, s in participant_scores(competency, answers))
                if answers.is_duo
                else ()
            )
            unknown = tuple(
                q.id for q in asked if q.kind == "weten" and Special.DONT_KNOW in answers.all_values(q.id)
            )
            find_out += [
                FindOut(q.id, competency.id, pillar.id, competency.name, q.text_for(answers.profile))
                for q in asked
                if q.id in unknown
            ]
            scores.append(
                CompetencyScore(
                    id=competency.id,
                    pillar_id=pillar.id,
                    name=competency.name,
                    score=competency_score(competency, answers),
                    answered=sum(1 for v in values if isinstance(v, int)),
                    unsure=sum(1 for v in values if v == Special.DONT_KNOW),
                    importance=answers.importance.get(competency.id),
                    per_participant=voices,
                    questions=len(asked) * len(answers.answer_sets()),
                    find_out=unknown,
                )
            )
        pillar_score = _mean(c.score for c in scores if c.score is not None)
        scored = sum(1 for c in scores if c.score is not None)
        pillars.append(
            PillarScore(
                pillar.id, pillar.title, pillar_score, tuple(scores), scored=scored, total=len(scores)
            )
        )

    order = {c.id: i for i, c in enumerate(framework.competencies())}
    all_scores = [c for p in pillars for c in p.competencies]
    strengths = sorted(
        (c for c in all_scores if c.score is not None and c.score >= STRENGTH_MIN),
        key=lambda c: (-(c.score or 0), order[c.id]),
    )
    gaps = []
    for c in all_scores:
        importance = c.importance if c.importance is not None else DEFAULT_IMPORTANCE
        if c.score is not None and c.score <= GAP_MAX and importance >= 2:
            priority = round((5 - c.score) * importance, 2)
            gaps.append(Gap(c.id, c.pillar_id, c.name, c.score, importance, priority))
    gaps.sort(key=lambda g: (-g.priority, g.score, order[g.id]))
    return Result(tuple(pillars), tuple(strengths), tuple(gaps), tuple(find_out))


def level(value: float | None) -> str | None:
    """'sterk', 'op weg' or 'aandacht' for a score; None when nothing was answered."""
    if value is None:
        return None
    if value >= STRENGTH_MIN:
        return "sterk"
    if value <= GAP_MAX:
        return "aandacht"
    return "op weg"


def level_word(value: float | None) -> str:
    """The word for a score (wording.LEVEL_WORDS): sterk, gaat redelijk, kan nog groeien, nog niet
    ingevuld."""
    return LEVEL_WORDS[level(value)]
