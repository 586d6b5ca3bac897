"""The organisation's view: anonymised reflections of many households, need against offer.

Pure: records in, tables out; no file is read here and no user interface is imported.

A record (one line of an export, see `AnonRecord`) holds no name, label, note, agreement, free text or
date: a random household key, a random record key, a year and quarter, a coarse profile, competency
scores, priorities, route step ids and signal ids.

Privacy by construction, for every published cell (a pillar or competency in one group of households):
1. it rests on at least `min_households` distinct households (10 unless raised);
2. not every household in it has the same outcome (all with a gap, or none): that would tell each
   household's outcome;
3. no published cell, together with the total of its split, reveals a hidden one: when the total is
   published, the households a subtraction leaves (the total minus a group, or the union of a split's
   hidden groups) must again pass 1 and 2, otherwise more cells are hidden.
A hidden cell carries only the reason, never a number.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Annotated, Literal

from msgspec import Meta, Struct, field

from .models import CareKind, Catalogue, Framework, ParentKind
from .scoring import DEFAULT_IMPORTANCE, GAP_MAX
from .structs import Model

FORMAT: Literal["pleegreflectie-anoniem/1"] = "pleegreflectie-anoniem/1"
MIN_HOUSEHOLDS = 10
AGE_BANDS = ("0-3", "4-11", "12-17", "18+")
PRIORITY_WEIGHT = 3  # a competency the family called most important now
GAP_WEIGHT = DEFAULT_IMPORTANCE  # any other gap: its importance when not asked, as in scoring
KEY = r"^[0-9a-f]{32}$"
PERIOD = r"^\d{4}-K[1-4]$"

AgeBand = Literal["0-3", "4-11", "12-17", "18+"]
PlacementBand = Literal["<1", "1-4", "5+"]
Score = Annotated[float, Meta(ge=1, le=5)]


class AnonProfile(Model, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A coarse profile: nothing that, alone or together, points at one family."""

    country: Literal["nl", "vl"] = field(name="land", default="nl")
    parent_kind: ParentKind | None = field(name="pleegouder", default=None)
    care_kinds: tuple[CareKind, ...] = field(name="pleegzorgvormen", default=())
    age_bands: tuple[AgeBand, ...] = field(name="leeftijden", default=())
    placement: PlacementBand | None = field(name="plaatsing", default=None)
    own_children: bool | None = field(name="eigen_kinderen", default=None)


class Versions(Model, frozen=True, forbid_unknown_fields=True, kw_only=True):
    framework: str = field(name="pijlers")
    catalogue: str | None = field(name="catalogus", default=None)
    signals: str | None = field(name="signalen", default=None)


class AnonRecord(Model, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """One finished reflection of a household that agreed to count, without anything personal."""

    format: Literal["pleegreflectie-anoniem/1"] = field(name="formaat")
    household: Annotated[str, Meta(pattern=KEY)] = field(name="huishouden")
    record: Annotated[str, Meta(pattern=KEY)] = field(name="record")
    period: Annotated[str, Meta(pattern=PERIOD)] = field(name="periode")
    versions: Versions = field(name="versies")
    profile: AnonProfile = field(name="profiel", default_factory=AnonProfile)
    scores: dict[str, Score] = field(name="scores", default_factory=dict)
    priorities: tuple[str, ...] = field(name="prioriteiten", default=())
    route: tuple[str, ...] = field(name="route", default=())
    signals: tuple[str, ...] = field(name="signalen", default=())


# ---------------------------------------------------------------- bands (used by the export)


def age_band(age: int) -> AgeBand:
    if age <= 3:
        return "0-3"
    if age <= 11:
        return "4-11"
    if age <= 17:
        return "12-17"
    return "18+"


def placement_band(months: int) -> PlacementBand:
    if months < 12:
        return "<1"
    if months < 60:
        return "1-4"
    return "5+"


def period_of(year: int, month: int) -> str:
    return f"{year}-K{(month - 1) // 3 + 1}"


# ---------------------------------------------------------------- merging


class Merged(Struct, frozen=True):
    records: tuple[AnonRecord, ...]
    duplicates: int  # records read more than once (the same record key): counted once
    versions: tuple[Versions, ...]  # every combination of versions the records were made with


def merge(batches: Iterable[Iterable[AnonRecord]]) -> Merged:
    """All records of many exports, each record once (the first copy of a record key counts)."""
    seen: set[str] = set()
    kept: list[AnonRecord] = []
    duplicates = 0
    versions: dict[tuple[str, str | None, str | None], Versions] = {}
    for batch in batches:
        for record in batch:
            if record.record in seen:
                duplicates += 1
                continue
            seen.add(record.record)
            kept.append(record)
            v = record.versions
            versions.setdefault((v.framework, v.catalogue, v.signals), v)
    return Merged(tuple(kept), duplicates, tuple(versions.values()))


def in_period(record: AnonRecord, start: str | None, end: str | None) -> bool:
    """Whether the record's quarter lies from `start` to `end` (both 'JJJJ-KN', both included)."""
    return (start is None or record.period >= start) and (end is None or record.period <= end)


# ---------------------------------------------------------------- units: a household once per period


class Unit(Struct, frozen=True):
    """One household in one period: its records there taken together."""

    household: str
    period: str
    records: int
    profile: AnonProfile  # of its last record in the period
    scores: dict[str, float]  # per competency: the mean of its records' scores
    priorities: frozenset[str]


def units_of(records: Sequence[AnonRecord]) -> list[Unit]:
    grouped: dict[tuple[str, str], list[AnonRecord]] = defaultdict(list)
    for record in records:
        grouped[(record.household, record.period)].append(record)
    units = []
    for (household, period), items in grouped.items():
        sums: dict[str, list[float]] = defaultdict(list)
        for item in items:
            for competency, value in item.scores.items():
                sums[competency].append(value)
        units.append(
            Unit(
                household=household,
                period=period,
                records=len(items),
                profile=items[-1].profile,
                scores={c: sum(v) / len(v) for c, v in sums.items()},
                priorities=frozenset(p for item in items for p in item.priorities),
            )
        )
    return units


# ---------------------------------------------------------------- groups (one-way splits only)

# split id -> (Dutch name, whether each household is in exactly one group of it)
SPLITS: dict[str, tuple[str, bool]] = {
    "alle": ("Alle huishoudens", True),
    "land": ("Land", True),
    "pleegouder": ("Netwerk of bestand", True),
    "pleegzorgvorm": ("Vorm van pleegzorg", False),
    "leeftijd": ("Leeftijd van het pleegkind", False),
}
UNKNOWN = "onbekend"


def groups_of(unit: Unit) -> list[tuple[str, str]]:
    """The (split, group) pairs a unit belongs to; a split it has no value for puts it in 'onbekend'."""
    p = unit.profile
    pairs = [("alle", "alle"), ("land", p.country), ("pleegouder", p.parent_kind or UNKNOWN)]
    pairs += [("pleegzorgvorm", str(k)) for k in p.care_kinds] or [("pleegzorgvorm", UNKNOWN)]
    pairs += [("leeftijd", band) for band in p.age_bands] or [("leeftijd", UNKNOWN)]
    return pairs


# ---------------------------------------------------------------- cells


Hidden = Literal["te-weinig-huishoudens", "zelfde-uitkomst", "af-te-leiden"]
HIDDEN_TEXT: dict[str, str] = {
    "te-weinig-huishoudens": "minder dan {k} huishoudens",
    "zelfde-uitkomst": "alle huishoudens hebben dezelfde uitkomst",
    "af-te-leiden": "verborgen, omdat je anders een verborgen cel kunt uitrekenen",
}


class Cell(Struct, frozen=True):
    """One item (pillar or competency) in one group. A hidden cell has only its reason."""

    split: str
    group: str
    item: str  # pillar or competency id
    level: Literal["pijler", "competentie"]
    hidden: Hidden | None = None
    households: int | None = None
    reflections: int | None = None
    gap_share: float | None = None  # share of the households (per period) with a gap here
    need: float | None = None  # priority-weighted need per household: mean of (5 - score) x weight


class _Tally(Struct):
    """The sums of one cell; `households` counts the units (periods) of each household in it."""

    households: Counter[str]
    reflections: int = 0
    units: int = 0
    gaps: int = 0

    def add(self, other: _Sums) -> None:
        self.households.update(other.households)  # counted in C: this is the hot loop
        self.reflections += other.reflections
        self.units += other.units
        self.gaps += other.gaps


class _Sums(Struct):
    """What the units of one group signature add to every cell of their groups (for one item)."""

    households: list[str]
    reflections: int = 0
    units: int = 0
    gaps: int = 0
    need: float = 0.0


def _unsafe(households: int, units: int, gaps: int, k: int) -> Hidden | None:
    if households < k:
        return "te-weinig-huishoudens"
    if gaps in (0, units):
        return "zelfde-uitkomst"
    return None


def _rest_unsafe(total: _Tally, part: _Tally, k: int, periods: int) -> Hidden | None:
    """Whether the total minus `part` (a subset of its units) would be an unsafe cell."""
    units = total.units - part.units
    if units == 0:
        return None  # nothing is left to tell
    gaps = total.gaps - part.gaps
    if gaps in (0, units):
        return "zelfde-uitkomst"
    if units >= k * periods:  # a household has at most one unit per period: enough households
        return None
    inside = sum(1 for h, n in part.households.items() if n == total.households[h])
    return _unsafe(len(total.households) - inside, units, gaps, k)


def _item_scores(framework: Framework, unit: Unit) -> dict[str, tuple[str, float]]:
    """Per competency and per pillar (the mean of its scored competencies): (level, score)."""
    out: dict[str, tuple[str, float]] = {}
    for pillar in framework.pillars:
        values = [unit.scores[c.id] for c in pillar.competencies if c.id in unit.scores]
        if values:
            out[pillar.id] = ("pijler", sum(values) / len(values))
        for competency in pillar.competencies:
            if competency.id in unit.scores:
                out[competency.id] = ("competentie", unit.scores[competency.id])
    return out


Signature = tuple[tuple[str, str], ...]


def _sums(
    framework: Framework, units: Sequence[Unit]
) -> tuple[dict[str, dict[Signature, _Sums]], dict[str, str]]:
    """Per item, the sums of the units with the same groups (few signatures, many units)."""
    per_item: dict[str, dict[Signature, _Sums]] = defaultdict(dict)
    levels: dict[str, str] = {}
    for unit in units:
        signature = tuple(groups_of(unit))
        for item, (level, value) in _item_scores(framework, unit).items():
            levels[item] = level
            by_signature = per_item[item]
            sums = by_signature.get(signature)
            if sums is None:
                sums = by_signature[signature] = _Sums(households=[])
            sums.households.append(unit.household)
            sums.reflections += unit.records
            sums.units += 1
            if value <= GAP_MAX:
                sums.gaps += 1
                sums.need += (5 - value) * (PRIORITY_WEIGHT if item in unit.priorities else GAP_WEIGHT)
    return per_item, levels


def _hide_derivable(
    tallies: dict[tuple[str, str], _Tally], hidden: dict[tuple[str, str], Hidden], k: int, periods: int
) -> None:
    """Rule 3 for one item: no published group may be subtracted from the published total into
    something unsafe, and the hidden groups of a partition together must be safe."""
    total = tallies[("alle", "alle")]
    for split, (_, partition) in SPLITS.items():
        if split == "alle":
            continue
        keys = sorted(key for key in tallies if key[0] == split)
        changed = True
        while changed:
            changed = False
            for key in keys:
                if key not in hidden and _rest_unsafe(total, tallies[key], k, periods):
                    hidden[key] = "af-te-leiden"
                    changed = True
            hidden_keys = [key for key in keys if key in hidden]
            shown = [key for key in keys if key not in hidden]
            if partition and hidden_keys and shown:
                union = _Tally(households=Counter())
                for key in hidden_keys:
                    union.households.update(tallies[key].households)
                    union.units += tallies[key].units
                    union.gaps += tallies[key].gaps
                if _unsafe(len(union.households), union.units, union.gaps, k):
                    smallest = min(shown, key=lambda x: (len(tallies[x].households), x))
                    hidden[smallest] = "af-te-leiden"
                    changed = True


def cells(framework: Framework, units: Sequence[Unit], min_households: int = MIN_HOUSEHOLDS) -> list[Cell]:
    """Every cell of every one-way split, with the privacy rules of the module applied."""
    k = max(min_households, MIN_HOUSEHOLDS)
    periods = len({u.period for u in units}) or 1
    per_item, levels = _sums(framework, units)
    result: list[Cell] = []
    for item, by_signature in per_item.items():
        level: Literal["pijler", "competentie"] = "pijler" if levels[item] == "pijler" else "competentie"
        tallies: dict[tuple[str, str], _Tally] = {}
        need: dict[tuple[str, str], float] = defaultdict(float)
        for signature, sums in by_signature.items():
            for pair in signature:
                tally = tallies.get(pair)
                if tally is None:
                    tally = tallies[pair] = _Tally(households=Counter())
                tally.add(sums)
                need[pair] += sums.need
        hidden: dict[tuple[str, str], Hidden] = {}
        for pair, tally in tallies.items():
            reason = _unsafe(len(tally.households), tally.units, tally.gaps, k)
            if reason:
                hidden[pair] = reason
        if ("alle", "alle") not in hidden:  # a hidden total allows no subtraction
            _hide_derivable(tallies, hidden, k, periods)
        for (split, group), t in tallies.items():
            if (split, group) in hidden:
                result.append(Cell(split, group, item, level, hidden=hidden[(split, group)]))
                continue
            result.append(
                Cell(
                    split,
                    group,
                    item,
                    level,
                    households=len(t.households),
                    reflections=t.reflections,
                    gap_share=round(t.gaps / t.units, 3),
                    need=round(need[(split, group)] / t.units, 2),
                )
            )
    order = {item: n for n, item in enumerate(_item_order(framework))}
    splits = list(SPLITS)
    result.sort(key=lambda c: (splits.index(c.split), c.group, order.get(c.item, len(order))))
    return result


def _item_order(framework: Framework) -> list[str]:
    return [x for p in framework.pillars for x in (p.id, *(c.id for c in p.competencies))]


# ---------------------------------------------------------------- the offer


class Offer(Struct, frozen=True):
    """What a catalogue offers for one competency in one country."""

    competency: str
    country: str
    entries: int
    recognised: int  # with an NJi recognition
    forms: tuple[str, ...]
    hours: float | None  # the hours of the entries whose duration is known, added up


def offers(catalogue: Catalogue, framework: Framework) -> dict[tuple[str, str], Offer]:
    result: dict[tuple[str, str], Offer] = {}
    for competency in framework.competencies():
        for country in ("nl", "vl"):
            courses = [
                c for c in catalogue.entries if competency.id in c.competencies and c.country == country
            ]
            hours = [c.duration.hours for c in courses if c.duration and c.duration.hours]
            result[(competency.id, country)] = Offer(
                competency=competency.id,
                country=country,
                entries=len(courses),
                recognised=sum(1 for c in courses if c.recognition),
                forms=tuple(sorted({str(f) for c in courses for f in c.forms})),
                hours=round(sum(hours), 1) if hours else None,
            )
    return result


class Mismatch(Struct, frozen=True):
    competency: str
    country: str
    need: float
    gap_share: float
    households: int
    entries: int
    recognised: int
    score: float  # need per offer: need / (1 + entries); the higher, the thinner the offer for the need


def mismatches(cell_list: Sequence[Cell], offer: dict[tuple[str, str], Offer]) -> list[Mismatch]:
    """High need with a thin offer, per country, from published competency cells only; worst first."""
    out: list[Mismatch] = []
    for cell in cell_list:
        if cell.level != "competentie" or cell.hidden or cell.split != "land":
            continue
        assert cell.need is not None and cell.gap_share is not None and cell.households is not None
        o = offer[(cell.item, cell.group)]
        out.append(
            Mismatch(
                competency=cell.item,
                country=cell.group,
                need=cell.need,
                gap_share=cell.gap_share,
                households=cell.households,
                entries=o.entries,
                recognised=o.recognised,
                score=round(cell.need / (1 + o.entries), 3),
            )
        )
    out.sort(key=lambda m: (-m.score, -m.need, m.competency, m.country))
    return out


class Overview(Struct, frozen=True):
    """Everything the organisation command shows."""

    min_households: int
    records: int
    duplicates: int
    households: int
    periods: tuple[str, ...]
    versions: tuple[Versions, ...]
    cells: tuple[Cell, ...]
    offer: tuple[Offer, ...]
    mismatches: tuple[Mismatch, ...]
    start: str | None = None
    end: str | None = None

    @property
    def too_few(self) -> bool:
        return self.households < self.min_households


def overview(
    framework: Framework,
    catalogue: Catalogue,
    merged: Merged,
    *,
    min_households: int = MIN_HOUSEHOLDS,
    start: str | None = None,
    end: str | None = None,
) -> Overview:
    chosen = [r for r in merged.records if in_period(r, start, end)]
    units = units_of(chosen)
    k = max(min_households, MIN_HOUSEHOLDS)
    cell_list = cells(framework, units, k)
    offer = offers(catalogue, framework)
    return Overview(
        min_households=k,
        records=len(chosen),
        duplicates=merged.duplicates,
        households=len({u.household for u in units}),
        periods=tuple(sorted({u.period for u in units})),
        versions=merged.versions,
        cells=tuple(cell_list),
        offer=tuple(offer.values()),
        mismatches=tuple(mismatches(cell_list, offer)),
        start=start,
        end=end,
    )


def share_text(value: float) -> str:
    """A share as a Dutch percentage without decimals."""
    return f"{math.floor(value * 100 + 0.5)}%"
