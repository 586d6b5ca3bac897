"""Three small bugs a review planted that the whole suite let pass (issue 18); each test here fails on one.

- `route._strongest` taking the weakest offer (min instead of max) for a gap that gets no step;
- `datafile.validate` no longer counting the problems past the first `MAX_LOCATED` (1,000);
- `route.SHARE_MIN` lowered from 4.5 to 1.0, so every strength is "worth sharing".
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

from pleegreflectie.advice import Advice
from pleegreflectie.advice_file import load_advice
from pleegreflectie.datafile import MAX_LOCATED
from pleegreflectie.errors import InvalidFileError
from pleegreflectie.load import load_catalogue, load_framework
from pleegreflectie.models import Answers, Catalogue, Course, Framework, LearningForm, Profile
from pleegreflectie.route import SHARE_MAX, Route, plan_route
from pleegreflectie.scoring import score

TODAY = dt.date(2026, 11, 22)
GAP = "samenwerken.juridisch"


def _course(entry_id: str, **fields: Any) -> Course:
    data: dict[str, Any] = {
        "id": entry_id,
        "titel": entry_id,
        "aanbieder": "Testaanbieder",
        "beschrijving": "Een aanbod om mee te testen.",
        "competenties": [GAP],
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


def _answers(framework: Framework, scores: dict[str, int], rest: int, **profile: Any) -> Answers:
    values = {q.id: scores.get(c.id, rest) for c in framework.competencies() for q in c.questions}
    return Answers(profile=Profile.model_validate(profile), answers=values)


@cache
def _advice() -> Advice:
    return load_advice()


def _route(framework: Framework, family: Answers, *entries: Course, **options: Any) -> Route:
    catalogue = Catalogue(version="test", entries=entries)
    return plan_route(
        framework, catalogue, family, score(framework, family), today=TODAY, advice=_advice(), **options
    )


# ---------------------------------------------------------------- route._strongest


def test_an_offer_that_does_not_fit_the_hours_is_the_strongest_one() -> None:
    framework = load_framework()
    family = _answers(framework, {GAP: 1}, rest=4, uren_per_maand=3)
    # Both ask more than 3 hours a month. The weaker one (information) sorts first by id.
    weak = _course("a-leesmap", soort="informatie", duur={"uren": 20})
    strong = _course("b-training", erkenning="effectief-sterke")
    route = _route(framework, family, weak, strong)
    assert route.steps == ()
    assert [(item.course.id, item.reason) for item in route.later] == [("b-training", "uren")]


def test_an_offer_in_another_form_is_the_strongest_one() -> None:
    framework = load_framework()
    family = _answers(framework, {GAP: 1}, rest=4, uren_per_maand=40)
    weak = _course("a-lotgenoten", soort="lotgenoten")
    strong = _course("b-training")
    route = _route(framework, family, weak, strong, forms=[LearningForm.ONLINE])
    assert route.steps == ()
    assert [(item.course.id, item.reason) for item in route.later] == [("b-training", "vorm")]


# ---------------------------------------------------------------- datafile.validate counts every problem


def test_problems_past_the_located_ones_are_still_counted(tmp_path: Path) -> None:
    framework = load_framework()
    count = MAX_LOCATED + 234
    entry = (
        "  - id: aanbod-{n}\n    titel: Aanbod\n    aanbieder: Iemand\n    beschrijving: Iets.\n"
        "    competenties: [" + GAP + "]\n    soort: training\n    vorm: [groep]\n    toegang: zelf\n"
        "    laatst_gecontroleerd: 2026-11-01\n"  # no `land`: one problem per entry
    )
    path = tmp_path / "groot.yaml"
    path.write_text(
        'versie: "x"\naanbod:\n' + "".join(entry.format(n=n) for n in range(count)), encoding="utf-8"
    )
    try:
        load_catalogue(framework, path)
    except InvalidFileError as error:
        text = str(error)
    else:
        raise AssertionError("a catalogue without `land` was accepted")
    assert text.startswith("Er zijn 1.234 problemen gevonden:")
    assert "en nog 1.184 andere problemen." in text  # 50 are listed


# ---------------------------------------------------------------- route.SHARE_MIN


def test_only_high_strengths_are_worth_sharing() -> None:
    framework = load_framework()
    first, second = (c.id for c in framework.competencies()[:2])
    family = _answers(framework, {first: 5, second: 4, GAP: 2}, rest=4)
    route = _route(framework, family)
    assert route.share == (first,)  # the 4s are strengths, but not the ones to share


def test_without_a_high_strength_the_first_strengths_are_shared() -> None:
    framework = load_framework()
    family = _answers(framework, {GAP: 2}, rest=4)
    strengths = [c.id for c in score(framework, family).strengths]
    assert len(strengths) > SHARE_MAX
    assert _route(framework, family).share == tuple(strengths[:SHARE_MAX])
