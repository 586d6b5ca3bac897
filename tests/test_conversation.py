"""The conversation points at the kitchen table (conversation.py), word for word and in their order:
what a foster parent marked, where two differ, the signals, "weet ik niet", last time's open
agreements; the visits, who sits at the table, and the route steps where the two differ.

Written against the survivors of mutation testing (README, "Mutation testing").
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from builders import course as make_course

from pleegreflectie.advice_file import load_advice
from pleegreflectie.conversation import (
    DIFFERENCE_MIN,
    RouteNote,
    Topic,
    Visit,
    agreement_text,
    differences,
    kitchen_table,
    route_notes,
    topics,
)
from pleegreflectie.flow import Sitting
from pleegreflectie.models import Agreement, Answers, Catalogue, Course, Framework, Special
from pleegreflectie.route import plan_route
from pleegreflectie.scoring import score
from pleegreflectie.signals import Signal

DONT_KNOW = Special.DONT_KNOW
TODAY = dt.date(2026, 12, 6)
BEHAVIOUR = "Het gedrag van je pleegkind"
HEALTH = "Gezondheid en extra zorg"
MARKED = "Ik zoek uit wat er achter het gedrag van mijn pleegkind zit."  # zorgen.gedrag.doen


def duo(**extra: Any) -> Sitting:
    """Sanne and Ahmed with the worker: 4,5 and 1,5 on behaviour, both "weet ik niet" on health."""
    fields: dict[str, Any] = {
        "pillar_ids": ["zorgen"],
        "setup": {"samen": True, "deelnemers": ["Sanne", "Ahmed"], "begeleider": True},
        "answers": {
            "zorgen.gedrag.weten": 5,
            "zorgen.gedrag.doen": 4,
            "zorgen.gezondheid.weten": DONT_KNOW,
            "zorgen.gezondheid.doen": DONT_KNOW,
        },
        "partner_answers": {
            "zorgen.gedrag.weten": 2,
            "zorgen.gedrag.doen": 1,
            "zorgen.gezondheid.weten": DONT_KNOW,
        },
        "marks": ["zorgen.gedrag.doen"],
    }
    fields.update(extra)
    return Sitting(**fields)


def alone(**extra: Any) -> Sitting:
    """One foster parent, alone: low on behaviour, "weet ik niet" on health."""
    fields: dict[str, Any] = {
        "pillar_ids": ["zorgen"],
        "answers": {
            "zorgen.gedrag.weten": 2,
            "zorgen.gedrag.doen": 1,
            "zorgen.gezondheid.weten": DONT_KNOW,
            "zorgen.gezondheid.doen": DONT_KNOW,
        },
        "marks": ["zorgen.gedrag.doen"],
    }
    fields.update(extra)
    return Sitting(**fields)


def table(framework: Framework, sitting: Sitting, **extra: Any) -> Any:
    answers = sitting.to_answers()
    return kitchen_table(framework, sitting, answers, score(framework, answers, sitting.pillar_ids), **extra)


# ---------------------------------------------------------------- the points, in order


def test_two_foster_parents_get_every_kind_of_point_in_order_word_for_word(framework: Framework) -> None:
    sitting = duo(
        previous_agreements=[
            {"wat": "Bellen met school", "wie": "Ahmed", "wanneer": "2026-12-01"},
            {"wat": "Boek lezen"},
            {"wat": "Oppas zoeken"},
            {"wat": "Dagboek bijhouden", "wie": "Sanne"},
            {"wat": "Sport zoeken"},
        ],
        follow_ups={"1": "bezig", "2": "gedaan", "4": "niet-gedaan", "5": "niet-nodig"},
    )
    found = table(framework, sitting, signals=[Signal("sig", "Hoe gaat het thuis?", "NJi")]).topics
    assert found == (
        Topic("bespreken", "zorgen.gedrag.doen", f"Jullie wilden dit bespreken: \u201c{MARKED}\u201d"),
        Topic(
            "verschil",
            "zorgen.gedrag",
            f"{BEHAVIOUR}: Sanne 4,5 en Ahmed 1,5. "
            "Hier kijken jullie er verschillend tegenaan. Praat erover.",
        ),
        Topic("signaal", "sig", "Hoe gaat het thuis?", "NJi"),
        Topic(
            "weet-niet",
            "zorgen.gezondheid",
            f"{HEALTH}: hier was het antwoord steeds \u2018weet ik niet\u2019. "
            "Zoek samen met jullie pleegzorgbegeleider uit wat jullie hierover willen weten.",
        ),
        Topic(
            "afspraak",
            None,
            "Afspraak van de vorige keer: Bellen met school (wie: Ahmed, wanneer: 1-12-2026, nog bezig)",
        ),
        Topic("afspraak", None, "Afspraak van de vorige keer: Oppas zoeken"),
        Topic(
            "afspraak", None, "Afspraak van de vorige keer: Dagboek bijhouden (wie: Sanne, nog niet gedaan)"
        ),
    )


def test_one_foster_parent_reads_je(framework: Framework) -> None:
    found = table(framework, alone()).topics
    assert found == (
        Topic("bespreken", "zorgen.gedrag.doen", f"Je wilde dit bespreken: \u201c{MARKED}\u201d"),
        Topic(
            "weet-niet",
            "zorgen.gezondheid",
            f"{HEALTH}: hier was het antwoord steeds \u2018weet ik niet\u2019. "
            "Zoek samen met je pleegzorgbegeleider uit wat je hierover wilt weten.",
        ),
    )


def test_one_foster_parent_of_two_in_the_household_reads_jullie(framework: Framework) -> None:
    found = table(framework, alone(profile={"aantal_pleegouders": 2})).topics
    assert [t.text.split(":")[0] for t in found] == ["Jullie wilden dit bespreken", HEALTH]
    assert found[1].text.endswith(
        "Zoek samen met jullie pleegzorgbegeleider uit wat jullie hierover willen weten."
    )


def test_a_marked_question_is_worded_for_the_family(framework: Framework) -> None:
    # Part-time foster care reads its own wording of this question.
    answers = alone(profile={"pleegzorgvormen": ["deeltijd"]}, marks=["zorgen.gezondheid.doen"]).to_answers()
    assert topics(framework, answers, score(framework, answers, ["zorgen"]))[0] == Topic(
        "bespreken",
        "zorgen.gezondheid.doen",
        "Je wilde dit bespreken: "
        "\u201cIk vertel de ouders wat mij opvalt aan de gezondheid van mijn pleegkind.\u201d",
    )


def test_a_mark_on_a_question_the_framework_does_not_know_is_left_out(framework: Framework) -> None:
    answers = Answers(discuss=("zorgen.bestaat-niet", "zorgen.gedrag.doen"))
    assert [t.id for t in topics(framework, answers, score(framework, answers))] == ["zorgen.gedrag.doen"]


def test_weet_niet_only_where_every_answer_was_weet_ik_niet(framework: Framework) -> None:
    # Health: Sanne twice, Ahmed once "weet ik niet" (his second answer missing): still only that.
    # Behaviour: one "weet ik niet" next to a number is no such point.
    sitting = duo(
        answers={
            "zorgen.gedrag.weten": DONT_KNOW,
            "zorgen.gedrag.doen": 3,
            "zorgen.gezondheid.weten": DONT_KNOW,
        },
        partner_answers={"zorgen.gedrag.weten": DONT_KNOW, "zorgen.gedrag.doen": 3},
        marks=[],
    )
    assert [(t.kind, t.id) for t in table(framework, sitting).topics] == [("weet-niet", "zorgen.gezondheid")]


# ---------------------------------------------------------------- where two differ


@pytest.mark.parametrize(
    ("sanne", "ahmed", "apart"),
    [
        ((5, 5), (3, 4), True),  # 5,0 and 3,5: exactly DIFFERENCE_MIN
        ((5, 5), (4, 4), False),  # 1,0
        ((4, 3), (5, 5), True),  # 3,5 and 5,0: the other way round
        ((5, 5), (DONT_KNOW, DONT_KNOW), False),  # one voice is no difference
    ],
)
def test_a_difference_of_one_and_a_half_or_more(
    framework: Framework, sanne: tuple[Any, Any], ahmed: tuple[Any, Any], apart: bool
) -> None:
    ids = ("zorgen.gedrag.weten", "zorgen.gedrag.doen")
    sitting = duo(
        answers=dict(zip(ids, sanne, strict=True)), partner_answers=dict(zip(ids, ahmed, strict=True))
    )
    answers = sitting.to_answers()
    found = [c.id for c in differences(score(framework, answers, ["zorgen"]))]
    assert DIFFERENCE_MIN == 1.5
    assert found == (["zorgen.gedrag"] if apart else [])


# ---------------------------------------------------------------- agreements


@pytest.mark.parametrize(
    ("agreement", "text"),
    [
        ({"wat": "Bellen"}, "Bellen"),
        ({"wat": "Bellen", "wie": "Sanne"}, "Bellen (wie: Sanne)"),
        ({"wat": "Bellen", "wanneer": "2027-01-15"}, "Bellen (wanneer: 15-1-2027)"),
        ({"wat": "Bellen", "status": "bezig"}, "Bellen (nog bezig)"),
        ({"wat": "Bellen", "status": "niet-gedaan"}, "Bellen (nog niet gedaan)"),
        ({"wat": "Bellen", "status": "gedaan"}, "Bellen"),
        ({"wat": "Bellen", "status": "niet-nodig"}, "Bellen"),
        (
            {"wat": "Bellen", "wie": "Sanne en Ahmed", "wanneer": "2027-01-15", "status": "bezig"},
            "Bellen (wie: Sanne en Ahmed, wanneer: 15-1-2027, nog bezig)",
        ),
    ],
)
def test_an_agreement_in_words(agreement: dict[str, Any], text: str) -> None:
    assert agreement_text(Agreement.model_validate(agreement)) == text


def test_the_previous_agreements_carry_the_status_told_now(framework: Framework) -> None:
    sitting = duo(previous_agreements=[{"wat": "Bellen"}, {"wat": "Lezen"}], follow_ups={"2": "gedaan"})
    assert table(framework, sitting).previous_agreements == (
        Agreement(what="Bellen", status="open"),
        Agreement(what="Lezen", status="gedaan"),
    )


# ---------------------------------------------------------------- who sits at the table, and when


def test_the_visits_with_pillars_worked_on_in_their_order(framework: Framework) -> None:
    sitting = duo(
        visits=[
            {"datum": "2026-11-01", "deelnemers": ["Sanne"], "begeleider": False, "pijlers": ["zorgen"]},
            {"datum": "2026-11-08", "deelnemers": ["Sanne", "Ahmed"], "begeleider": True, "pijlers": []},
            {
                "datum": "2026-11-15",
                "deelnemers": ["Sanne", "Ahmed"],
                "begeleider": True,
                "pijlers": ["a", "b"],
            },
            {"pijlers": ["c"]},  # an old sitting that noted only the pillars
        ]
    )
    assert table(framework, sitting).visits == (
        Visit("2026-11-01", ("Sanne",), False, ("zorgen",)),
        Visit("2026-11-15", ("Sanne", "Ahmed"), True, ("a", "b")),
        Visit("", (), False, ("c",)),
    )


@pytest.mark.parametrize(
    ("worker_there", "worker_notes", "with_worker"),
    [(True, {}, True), (False, {"zorgen": "Goed gesprek."}, True), (False, {}, False)],
)
def test_the_worker_is_at_the_table_when_said_or_when_they_wrote_something(
    framework: Framework, worker_there: bool, worker_notes: dict[str, str], with_worker: bool
) -> None:
    sitting = duo(
        setup={"samen": True, "deelnemers": ["Sanne", "Ahmed"], "begeleider": worker_there},
        worker_notes=worker_notes,
    )
    found = table(framework, sitting)
    assert found.with_worker is with_worker
    assert found.participants == ("Sanne", "Ahmed")
    assert (found.worker is not None) is bool(worker_notes)


# ---------------------------------------------------------------- route steps where the two differ


def course(entry_id: str, title: str, competencies: list[str]) -> Course:
    """A short training (2 hours in 2 weeks) with this title."""
    return make_course(entry_id, competencies, titel=title, duur={"bijeenkomsten": 2, "weken": 2, "uren": 2})


def test_a_route_step_is_noted_where_the_two_differ_and_only_there(framework: Framework) -> None:
    sitting = duo(
        answers={
            "zorgen.gedrag.weten": 5,
            "zorgen.gedrag.doen": 4,
            "zorgen.gezondheid.weten": 2,
            "zorgen.gezondheid.doen": 2,
        },
        partner_answers={
            "zorgen.gedrag.weten": 2,
            "zorgen.gedrag.doen": 1,
            "zorgen.gezondheid.weten": 2,
            "zorgen.gezondheid.doen": 2,
        },
    )
    answers = sitting.to_answers()
    result = score(framework, answers, sitting.pillar_ids)
    catalogue = Catalogue(
        version="test",
        entries=(
            course("a-gezondheid", "Zorg in huis", ["zorgen.gezondheid"]),
            course("b-gedrag", "Gedrag begrijpen", ["zorgen.gedrag"]),
        ),
    )
    route = plan_route(framework, catalogue, answers, result, today=TODAY, hours=20, advice=load_advice())
    assert {s.course.id for s in route.steps} == {"a-gezondheid", "b-gedrag"}
    note = RouteNote(
        "b-gedrag",
        "Gedrag begrijpen",
        "Bij het gedrag van je pleegkind verschillen jullie (Sanne 4,5 en Ahmed 1,5). "
        "Kijk samen of deze stap voor jullie allebei nodig is.",
    )
    assert route_notes(route, result) == [note]
    assert table(framework, sitting, route=route).route_notes == (note,)
    assert table(framework, sitting).route_notes == ()
