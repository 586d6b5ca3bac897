"""The organisation's view on small populations worked out by hand: every number of every cell, which
cells the three privacy rules hide and why, the offer and the ranked mismatches.

Written against the mutants that survived tests/test_organisation.py (README, "Mutation testing").
"""

from __future__ import annotations

from typing import Any

import pytest

from pleegreflectie.models import Catalogue, Course, Framework
from pleegreflectie.organisation import (
    FORMAT,
    MIN_HOUSEHOLDS,
    AnonProfile,
    AnonRecord,
    Cell,
    Merged,
    Offer,
    Unit,
    Versions,
    age_band,
    cells,
    groups_of,
    in_period,
    merge,
    mismatches,
    offers,
    overview,
    period_of,
    placement_band,
    share_text,
    units_of,
)

SPLITS = ("alle", "land", "pleegouder", "pleegzorgvorm", "leeftijd")


def _key(n: int, kind: str = "a") -> str:
    return f"{kind}{n:031x}"


def record(
    household: int,
    scores: dict[str, float],
    *,
    n: int | None = None,
    period: str = "2026-K3",
    priorities: tuple[str, ...] = (),
    versions: Versions | None = None,
    **profile: Any,
) -> AnonRecord:
    return AnonRecord(
        format=FORMAT,
        household=_key(household),
        record=_key(household if n is None else n, "b"),
        period=period,
        versions=versions or Versions(framework="1"),
        profile=AnonProfile(**profile),
        scores=scores,
        priorities=priorities,
    )


def _ids(framework: Framework) -> tuple[str, str]:
    pillar = framework.pillars[0]
    return pillar.id, pillar.competencies[0].id


def _shown(found: list[Cell], split: str, item: str) -> dict[str, Cell]:
    return {c.group: c for c in found if c.split == split and c.item == item}


# ---------------------------------------------------------------- bands and periods


@pytest.mark.parametrize(
    ("age", "band"),
    [(0, "0-3"), (3, "0-3"), (4, "4-11"), (11, "4-11"), (12, "12-17"), (17, "12-17"), (18, "18+")],
)
def test_age_band(age: int, band: str) -> None:
    assert age_band(age) == band


@pytest.mark.parametrize(("months", "band"), [(0, "<1"), (11, "<1"), (12, "1-4"), (59, "1-4"), (60, "5+")])
def test_placement_band(months: int, band: str) -> None:
    assert placement_band(months) == band


@pytest.mark.parametrize(
    ("month", "quarter"),
    [(1, "K1"), (3, "K1"), (4, "K2"), (6, "K2"), (7, "K3"), (9, "K3"), (10, "K4"), (12, "K4")],
)
def test_period_of(month: int, quarter: str) -> None:
    assert period_of(2026, month) == f"2026-{quarter}"


def test_in_period_includes_both_ends() -> None:
    inside = record(1, {}, period="2026-K2")
    assert in_period(inside, None, None)
    assert in_period(inside, "2026-K2", "2026-K2")
    assert in_period(inside, "2026-K1", None)
    assert in_period(inside, None, "2026-K3")
    assert not in_period(inside, "2026-K3", None)
    assert not in_period(inside, None, "2026-K1")


# ---------------------------------------------------------------- merging and units


def test_merge_keeps_the_first_copy_and_every_combination_of_versions_once() -> None:
    old, new = Versions(framework="1"), Versions(framework="1", catalogue="2", signals="3")
    a = record(1, {"x": 2.0}, versions=old)
    a_again = record(1, {"x": 5.0}, versions=new)  # the same record key
    b = record(2, {"x": 3.0}, versions=new)
    c = record(3, {"x": 4.0}, versions=old)
    merged = merge([[a, b], [a_again, c], [b]])
    assert merged == Merged((a, b, c), 2, (old, new))


def test_units_take_a_household_once_per_period() -> None:
    first = record(1, {"x": 2.0, "y": 5.0}, n=1, priorities=("x",), country="nl")
    second = record(1, {"x": 3.0}, n=2, priorities=("y",), country="vl")
    later = record(1, {"x": 4.0}, n=3, period="2026-K4")
    other = record(2, {"y": 1.0}, n=4)
    units = sorted(units_of([first, second, later, other]), key=lambda u: (u.household, u.period))
    assert units == [
        Unit(_key(1), "2026-K3", 2, AnonProfile(country="vl"), {"x": 2.5, "y": 5.0}, frozenset({"x", "y"})),
        Unit(_key(1), "2026-K4", 1, AnonProfile(), {"x": 4.0}, frozenset()),
        Unit(_key(2), "2026-K3", 1, AnonProfile(), {"y": 1.0}, frozenset()),
    ]


def test_groups_of_a_unit() -> None:
    full = AnonProfile(
        country="vl", parent_kind="bestand", care_kinds=("crisis", "deeltijd"), age_bands=("0-3",)
    )
    unit = Unit(_key(1), "2026-K3", 1, full, {}, frozenset())
    assert groups_of(unit) == [
        ("alle", "alle"),
        ("land", "vl"),
        ("pleegouder", "bestand"),
        ("pleegzorgvorm", "crisis"),
        ("pleegzorgvorm", "deeltijd"),
        ("leeftijd", "0-3"),
    ]
    empty = Unit(_key(1), "2026-K3", 1, AnonProfile(), {}, frozenset())
    assert groups_of(empty) == [
        ("alle", "alle"),
        ("land", "nl"),
        ("pleegouder", "onbekend"),
        ("pleegzorgvorm", "onbekend"),
        ("leeftijd", "onbekend"),
    ]


# ---------------------------------------------------------------- cells: the numbers


def _twelve(competency: str) -> list[AnonRecord]:
    """12 households: six with a gap (one of them exactly 3.5, one with this as its priority)."""
    gap_scores = [2.0, 2.0, 2.0, 2.0, 3.5, 1.0]
    other_scores = [4.0, 4.0, 4.0, 4.0, 4.0, 3.51]
    records = [
        record(i, {competency: s}, priorities=(competency,) if s == 1.0 else ())
        for i, s in enumerate(gap_scores + other_scores)
    ]
    # Household 0 reflected twice in the period: 1.5 and 2.5 make its 2.0.
    records[0] = record(0, {competency: 1.5}, n=100)
    records.append(record(0, {competency: 2.5}, n=101))
    return records


def test_every_number_of_a_published_cell(framework: Framework) -> None:
    pillar, competency = _ids(framework)
    found = cells(framework, units_of(_twelve(competency)))
    # need: (5 - 2) x 2 for four households, (5 - 3.5) x 2, (5 - 1) x 3 (a priority of the
    # competency, not of its pillar): 39 over 12 for the competency, 35 over 12 for the pillar
    expected = [
        Cell(split, group, item, level, None, 12, 13, 0.5, need)
        for split, group in zip(SPLITS, ("alle", "nl", "onbekend", "onbekend", "onbekend"), strict=True)
        for item, level, need in ((pillar, "pijler", 2.92), (competency, "competentie", 3.25))
    ]
    assert found == expected


def test_shares_and_needs_are_rounded(framework: Framework) -> None:
    pillar, competency = _ids(framework)
    scores = [1.0, 2.0, 3.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0]  # 3 of 11 with a gap
    found = cells(framework, units_of([record(i, {competency: s}) for i, s in enumerate(scores)]))
    total = _shown(found, "alle", competency)["alle"]
    assert (total.households, total.gap_share, total.need) == (11, 0.273, round((8 + 6 + 4) / 11, 2))
    assert _shown(found, "alle", pillar)["alle"].need == 1.64


def test_a_pillar_is_the_mean_of_its_scored_competencies(framework: Framework) -> None:
    pillar = framework.pillars[0]
    one, two = (c.id for c in pillar.competencies[:2])
    # Half the households: 3.0 and 4.5 -> a pillar score of 3.75, no gap (but a gap in `one`).
    records = [record(i, {one: 3.0, two: 4.5}) for i in range(10)]
    records += [record(i + 10, {one: 4.0, two: 1.0}) for i in range(10)]  # pillar 2.5: a gap
    found = cells(framework, units_of(records))
    total = _shown(found, "alle", pillar.id)["alle"]
    assert (total.level, total.gap_share, total.need) == ("pijler", 0.5, 2.5)  # (5 - 2.5) x 2 for half
    assert _shown(found, "alle", one)["alle"].need == 2.0
    assert [c.item for c in found if c.split == "alle"] == [pillar.id, one, two]


# ---------------------------------------------------------------- cells: the privacy rules


def test_rule_one_too_few_households(framework: Framework) -> None:
    _, competency = _ids(framework)
    records = [record(i, {competency: 2.0 if i % 2 else 4.0}) for i in range(MIN_HOUSEHOLDS - 1)]
    found = cells(framework, units_of(records))
    assert found
    assert {c.hidden for c in found} == {"te-weinig-huishoudens"}
    assert all(c.households is None and c.need is None and c.gap_share is None for c in found)
    assert Cell("alle", "alle", competency, "competentie", "te-weinig-huishoudens") in found
    # Ten are enough; a raised minimum needs more; a lower one is never used.
    ten = [record(i, {competency: 2.0 if i % 2 else 4.0}) for i in range(MIN_HOUSEHOLDS)]
    assert {c.hidden for c in cells(framework, units_of(ten))} == {None}
    assert {c.hidden for c in cells(framework, units_of(ten), min_households=3)} == {None}
    assert {c.hidden for c in cells(framework, units_of(ten), min_households=11)} == {"te-weinig-huishoudens"}


@pytest.mark.parametrize("score", [2.0, 3.5, 4.0])
def test_rule_two_everyone_the_same_outcome(framework: Framework, score: float) -> None:
    _, competency = _ids(framework)
    found = cells(framework, units_of([record(i, {competency: score}) for i in range(12)]))
    assert {c.hidden for c in found} == {"zelfde-uitkomst"}


def test_rule_three_a_group_that_the_total_gives_away(framework: Framework) -> None:
    _, competency = _ids(framework)
    # 12 in the Netherlands and 8 in Flanders, mixed outcomes everywhere: Flanders is too small, and
    # the total minus the Netherlands would tell Flanders, so the Netherlands is hidden as well.
    records = [record(i, {competency: 2.0 if i % 2 else 4.0}) for i in range(12)]
    records += [record(i + 12, {competency: 2.0 if i % 2 else 4.0}, country="vl") for i in range(8)]
    land = _shown(cells(framework, units_of(records)), "land", competency)
    assert {g: c.hidden for g, c in land.items()} == {"nl": "af-te-leiden", "vl": "te-weinig-huishoudens"}
    total = _shown(cells(framework, units_of(records)), "alle", competency)["alle"]
    # Summed over households with different profiles: 10 gaps of (5 - 2) x 2 over 20.
    assert (total.households, total.reflections, total.gap_share, total.need) == (20, 20, 0.5, 3.0)


def test_rule_three_the_rest_with_one_outcome(framework: Framework) -> None:
    _, competency = _ids(framework)
    # Ages are not a partition, so only the subtraction counts. 12 households with a toddler, mixed;
    # 10 others, none with a gap: the total minus the toddlers would say that none of them has a gap.
    records = [record(i, {competency: 2.0 if i % 2 else 4.0}, age_bands=("0-3",)) for i in range(12)]
    records += [record(i + 12, {competency: 4.0}) for i in range(10)]
    ages = _shown(cells(framework, units_of(records)), "leeftijd", competency)
    assert {g: c.hidden for g, c in ages.items()} == {"0-3": "af-te-leiden", "onbekend": "zelfde-uitkomst"}


def test_rule_three_the_hidden_groups_of_a_partition_together(framework: Framework) -> None:
    _, competency = _ids(framework)
    # netwerk 11, bestand 11, unknown 4: each subtraction leaves 15, but the unknown ones alone are
    # the total minus both published groups. The smaller published group (bestand, by name on a
    # tie) is hidden too; then the hidden ones together (15) are safe.
    records = [record(i, {competency: 2.0 if i % 2 else 4.0}, parent_kind="netwerk") for i in range(11)]
    records += [record(i + 11, {competency: 2.0 if i % 2 else 4.0}, parent_kind="bestand") for i in range(11)]
    records += [record(i + 22, {competency: 2.0 if i % 2 else 4.0}) for i in range(4)]
    parents = _shown(cells(framework, units_of(records)), "pleegouder", competency)
    assert {g: c.hidden for g, c in parents.items()} == {
        "bestand": "af-te-leiden",
        "netwerk": None,
        "onbekend": "te-weinig-huishoudens",
    }
    assert parents["netwerk"].households == 11


def test_rule_three_hides_the_published_group_with_the_fewest_households(framework: Framework) -> None:
    _, competency = _ids(framework)
    # bestand 12, netwerk 10, unknown 4: netwerk has fewer households (though later by name).
    records = [record(i, {competency: 2.0 if i % 2 else 4.0}, parent_kind="bestand") for i in range(12)]
    records += [record(i + 12, {competency: 2.0 if i % 2 else 4.0}, parent_kind="netwerk") for i in range(10)]
    records += [record(i + 22, {competency: 2.0 if i % 2 else 4.0}) for i in range(4)]
    parents = _shown(cells(framework, units_of(records)), "pleegouder", competency)
    assert {g: c.hidden for g, c in parents.items()} == {
        "bestand": None,
        "netwerk": "af-te-leiden",
        "onbekend": "te-weinig-huishoudens",
    }


def test_rule_three_counts_households_when_periods_repeat_them(framework: Framework) -> None:
    _, competency = _ids(framework)
    # Ages are not a partition, so only the subtraction counts. 12 households with a toddler in one
    # quarter; 9 others in two quarters (18 units, but 9 households): the total minus the toddlers
    # would show those 9, so the toddlers' cell is hidden.
    records = [
        record(i, {competency: 2.0 if i % 2 else 4.0}, period="2026-K1", age_bands=("0-3",))
        for i in range(12)
    ]
    for quarter, offset in (("2026-K1", 100), ("2026-K2", 200)):
        records += [
            record(i + 12, {competency: 2.0 if i % 2 else 4.0}, period=quarter, n=i + offset)
            for i in range(9)
        ]
    ages = _shown(cells(framework, units_of(records)), "leeftijd", competency)
    assert {g: c.hidden for g, c in ages.items()} == {
        "0-3": "af-te-leiden",
        "onbekend": "te-weinig-huishoudens",
    }


def test_rule_three_leaves_a_group_whose_rest_are_enough_households(framework: Framework) -> None:
    _, competency = _ids(framework)
    # 12 households: a toddler in the first quarter, an older child in the second; 3 more with a
    # toddler in the first quarter only. The total minus the toddlers' cell is the second quarter:
    # 12 households, so the toddlers' cell is published.
    records = [
        record(i, {competency: 2.0 if i % 2 else 4.0}, period="2026-K1", age_bands=("0-3",))
        for i in range(15)
    ]
    records += [
        record(i, {competency: 4.0 if i % 2 else 2.0}, period="2026-K2", n=i + 100, age_bands=("4-11",))
        for i in range(12)
    ]
    ages = _shown(cells(framework, units_of(records)), "leeftijd", competency)
    assert ages["0-3"].hidden is None
    assert (ages["0-3"].households, ages["4-11"].households) == (15, 12)


def test_cells_are_in_framework_order_whatever_came_first(framework: Framework) -> None:
    pillar = framework.pillars[0]
    one, two = (c.id for c in pillar.competencies[:2])
    records = [record(0, {two: 2.0})]
    records += [record(i, {one: 2.0 if i % 2 else 4.0, two: 4.0 if i % 2 else 2.0}) for i in range(1, 12)]
    found = cells(framework, units_of(records))
    assert [c.item for c in found if c.split == "alle"] == [pillar.id, one, two]


def test_rule_three_does_not_hide_a_group_equal_to_the_total(framework: Framework) -> None:
    _, competency = _ids(framework)
    records = [record(i, {competency: 2.0 if i % 2 else 4.0}, parent_kind="netwerk") for i in range(10)]
    parents = _shown(cells(framework, units_of(records)), "pleegouder", competency)
    assert parents["netwerk"].hidden is None


def test_a_household_in_two_periods_is_two_units_but_one_household(framework: Framework) -> None:
    _, competency = _ids(framework)
    records = [record(i, {competency: 2.0 if i % 2 else 4.0}, period="2026-K1") for i in range(10)]
    records += [record(i, {competency: 4.0 if i % 2 else 2.0}, period="2026-K2", n=i + 50) for i in range(10)]
    total = _shown(cells(framework, units_of(records)), "alle", competency)["alle"]
    assert (total.households, total.reflections, total.gap_share) == (10, 20, 0.5)


def test_subtracting_across_periods_counts_households_not_units(framework: Framework) -> None:
    _, competency = _ids(framework)
    # 10 households in the Netherlands in two periods (20 units), 6 Flemish ones in one period.
    records = [record(i, {competency: 2.0 if i % 2 else 4.0}, period="2026-K1") for i in range(10)]
    records += [record(i, {competency: 2.0 if i % 2 else 4.0}, period="2026-K2", n=i + 50) for i in range(10)]
    records += [record(i + 20, {competency: 2.0 if i % 2 else 4.0}, country="vl") for i in range(6)]
    land = _shown(cells(framework, units_of(records)), "land", competency)
    assert land["vl"].hidden == "te-weinig-huishoudens"
    assert land["nl"].hidden == "af-te-leiden"  # the total minus nl is the 6 Flemish households


# ---------------------------------------------------------------- the offer and the mismatches


def _course(entry_id: str, competencies: list[str], **fields: Any) -> Course:
    data: dict[str, Any] = {
        "id": entry_id,
        "titel": entry_id,
        "aanbieder": "Testaanbieder",
        "beschrijving": "Een aanbod om mee te testen.",
        "competenties": competencies,
        "soort": "training",
        "vorm": ["groep"],
        "toegang": "zelf",
        "land": "nl",
        "laatst_gecontroleerd": "2026-11-01",
    }
    data.update(fields)
    return Course.model_validate(data)


def test_the_offer_per_competency_and_country(framework: Framework) -> None:
    one, two = (c.id for c in framework.competencies()[:2])
    catalogue = Catalogue(
        version="t",
        entries=(
            _course("a", [one], vorm=["online", "groep"], duur={"uren": 4}, erkenning="effectief-goede"),
            _course("b", [one, two], vorm=["thuis"], duur={"uren": 2.25, "weken": 3}),
            _course("c", [one], duur={"weken": 3}),
            _course("d", [one], land="vl", vorm=["online"]),
        ),
    )
    found = offers(catalogue, framework)
    assert found[(one, "nl")] == Offer(
        one, "nl", 3, 1, ("groep", "online", "thuis"), 6.2
    )  # 6.25 to one decimal
    assert found[(one, "vl")] == Offer(one, "vl", 1, 0, ("online",), None)
    assert found[(two, "nl")] == Offer(two, "nl", 1, 0, ("thuis",), 2.2)
    assert found[(two, "vl")] == Offer(two, "vl", 0, 0, (), None)
    assert len(found) == 2 * len(framework.competencies())


def test_mismatches_from_published_country_cells_only() -> None:
    cell_list = [
        Cell("land", "nl", "x", "competentie", None, 12, 12, 0.5, 3.0),
        Cell("land", "vl", "x", "competentie", None, 20, 21, 0.25, 2.0),
        Cell("land", "nl", "y", "competentie", None, 12, 12, 0.5, 4.0),
        Cell("land", "nl", "z", "competentie", "zelfde-uitkomst"),  # hidden: never
        Cell("land", "nl", "p", "pijler", None, 12, 12, 0.5, 9.0),  # a pillar: never
        Cell("alle", "alle", "x", "competentie", None, 32, 33, 0.4, 9.0),  # not per country: never
    ]
    offer = {
        ("x", "nl"): Offer("x", "nl", 1, 1, (), None),
        ("x", "vl"): Offer("x", "vl", 0, 0, (), None),
        ("y", "nl"): Offer("y", "nl", 3, 2, (), None),
        ("w", "nl"): Offer("w", "nl", 2, 0, (), None),
    }
    cell_list.append(Cell("land", "nl", "w", "competentie", None, 12, 12, 0.5, 2.0))
    found = mismatches(cell_list, offer)
    assert found[-1].score == 0.667  # 2 / 3
    found = found[:-1]
    assert [(m.competency, m.country, m.score) for m in found] == [
        ("x", "vl", 2.0),
        ("x", "nl", 1.5),
        ("y", "nl", 1.0),
    ]
    first = found[0]
    assert (first.need, first.gap_share, first.households, first.entries, first.recognised) == (
        2.0,
        0.25,
        20,
        0,
        0,
    )
    assert (found[2].entries, found[2].recognised) == (3, 2)


def test_equal_mismatches_go_by_need_then_name() -> None:
    cell_list = [
        Cell("land", "nl", "b", "competentie", None, 12, 12, 0.5, 2.0),
        Cell("land", "nl", "a", "competentie", None, 12, 12, 0.5, 2.0),
        Cell("land", "nl", "c", "competentie", None, 12, 12, 0.5, 4.0),
        Cell("land", "vl", "a", "competentie", None, 12, 12, 0.5, 2.0),
    ]
    offer = {
        ("a", "nl"): Offer("a", "nl", 0, 0, (), None),
        ("b", "nl"): Offer("b", "nl", 0, 0, (), None),
        ("c", "nl"): Offer("c", "nl", 1, 0, (), None),
        ("a", "vl"): Offer("a", "vl", 0, 0, (), None),
    }
    assert [(m.competency, m.country) for m in mismatches(cell_list, offer)] == [
        ("c", "nl"),  # 4 / 2 = 2.0 with the larger need
        ("a", "nl"),
        ("a", "vl"),
        ("b", "nl"),
    ]


def test_the_overview(framework: Framework) -> None:
    _, competency = _ids(framework)
    records = [record(i, {competency: 2.0 if i % 2 else 4.0}, period="2026-K2") for i in range(12)]
    records += [record(i + 20, {competency: 2.0}, period="2026-K4") for i in range(3)]
    catalogue = Catalogue(version="t", entries=(_course("a", [competency]),))
    merged = merge([records, records[:2]])
    found = overview(framework, catalogue, merged, min_households=4, start="2026-K1", end="2026-K3")
    assert (found.min_households, found.records, found.duplicates, found.households) == (10, 12, 2, 12)
    assert found.periods == ("2026-K2",)
    assert (found.start, found.end) == ("2026-K1", "2026-K3")
    assert found.versions == (Versions(framework="1"),)
    assert not found.too_few
    assert found.cells == tuple(cells(framework, units_of(records[:12])))
    assert found.offer == tuple(offers(catalogue, framework).values())
    assert [m.competency for m in found.mismatches] == [competency]
    assert overview(framework, catalogue, merged, start="2026-K4").too_few


@pytest.mark.parametrize(
    ("value", "text"),
    [(0.0, "0%"), (0.125, "13%"), (0.5, "50%"), (0.994, "99%"), (0.995, "100%"), (1.0, "100%")],
)
def test_share_text(value: float, text: str) -> None:
    assert share_text(value) == text
