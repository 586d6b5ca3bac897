"""The route's sentences from data/advies.yaml, and what the route honours (issue 16 items 2, 3, 5, 6, 7;
issue 17 item 2): je or jullie, the worker never a step, the strongest offer first, the placement's
phase, own children at home, entries without a source, and a thin catalogue for a country.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_route import (
    PROPERTY,
    TODAY,
    _bundled,
    _framework,
    answers,
    catalogue,
    catalogues,
    course,
    families,
    form_options,
    hour_options,
    ids,
    plan,
)

from pleegreflectie import route as route_module
from pleegreflectie.advice import PLACEHOLDERS
from pleegreflectie.advice_file import ADVICE_FILE, load_advice, parse_advice
from pleegreflectie.errors import InvalidFileError
from pleegreflectie.flow import Sitting
from pleegreflectie.models import Answers, Profile, pick
from pleegreflectie.route import (
    MAX_GAPS,
    Route,
    can_be_step,
    country_coverage,
    family_phases,
    is_eligible,
    strength,
)
from pleegreflectie.session import Autosave
from pleegreflectie.store import Store
from pleegreflectie.yamlfile import Source, bundled

JULLIE = re.compile(r"\bjullie\b", re.IGNORECASE)


def texts_of(route: Route) -> list[str]:
    """Every sentence of the route that comes from data/advies.yaml."""
    steps = [*route.steps, *route.ongoing]
    return [
        *route.advice,
        route.uncovered_advice,
        *(item.text for item in route.later),
        *(s.reason for s in steps),
        *(s.worker_ask for s in steps),
    ]


# ---------------------------------------------------------------- the advice file


def test_every_text_the_route_uses_is_in_the_bundled_file() -> None:
    advice = load_advice()
    assert set(advice.texts) == set(PLACEHOLDERS)
    assert advice.worker_entries == ("pleegzorgbegeleider", "pleegzorgbegeleider-vlaanderen")
    assert advice.say("via_begeleider", "nl", "je") == "Bespreek met je pleegzorgbegeleider:"
    for country in ("nl", "vl"):
        contact = advice.countries[country].contact
        assert contact is not None and contact.source.url.startswith("https://")
    assert "Pleegzorg Vlaanderen" in (advice.contact("vl", "je") or "")


def test_route_py_holds_no_sentence_a_family_reads() -> None:
    folder = Path(route_module.__file__).parent
    source = "".join(path.read_text(encoding="utf-8") for path in sorted(folder.glob("route*.py")))
    assert "def plan_route" in source and "def later_items" in source  # route.py and route_text.py
    for sentence in ("Bespreek deze punten", "Dit helpt bij", "Past niet in", "pleegoudernetwerk", "tot 21"):
        assert sentence not in source, sentence


def _broken(text: str) -> list[tuple[int | None, str]]:
    with pytest.raises(InvalidFileError) as caught:
        parse_advice(Source("advies.yaml", text))
    return [(p.line, p.message) for p in caught.value.problems]


def _with(old: str, new: str) -> str:
    text = bundled(ADVICE_FILE).text
    assert old in text, old
    return text.replace(old, new, 1)


def _line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def test_an_unknown_placeholder_is_named_with_its_line() -> None:
    text = _with('  reden: "Dit helpt bij {punten}."', '  reden: "Dit helpt bij {punt}."')
    [(line, message)] = _broken(text)
    assert line == _line_of(text, "reden:")
    assert "{punt} kan hier niet worden ingevuld" in message and "{punten}" in message


def test_a_lone_brace_a_missing_text_and_an_unknown_text_are_named() -> None:
    text = _with('  meer_punten_een: "nog 1 ander punt"\n', "")
    text = text.replace('  regio: "Let op: dit aanbod is er alleen in {regio}."', '  regio: "Let op {regio"')
    text = text.replace("  niet_gedekt:", "  niet_gedekte:", 1)
    problems = _broken(text)
    messages = " | ".join(m for _, m in problems)
    assert "ontbreken teksten: meer_punten_een, niet_gedekt" in messages
    assert "'niet_gedekte' is geen tekst van de leerroute" in messages
    assert "een { of } staat alleen" in messages
    assert all(line is not None for line, _ in problems)
    assert (
        _line_of(text, "  regio:"),
        "regio: een { of } staat alleen. Schrijf {{ of }} voor een gewoon haakje.",
    ) in [(line, m) for line, m in problems]


def test_a_text_for_one_and_two_needs_both_forms_and_a_country_must_be_known() -> None:
    text = _with('    jullie: "Hier zijn jullie nog mee bezig. Maak dit eerst af."\n', "").replace(
        "  vl:\n", "  be:\n", 1
    )
    problems = _broken(text)
    assert (_line_of(text, "  nog_bezig:") + 1, "'jullie' ontbreekt. Vul het in.") in problems
    [(line, message)] = [(line, m) for line, m in problems if "'be'" in m]
    key = _line_of(text, "\n  be:\n") + 1
    assert key <= line <= key + 3  # at the country's entry (its first line after the comments)
    assert "Kies uit: 'nl', 'vl'" in message


def test_an_own_advice_file_is_named_with_its_path_and_line(tmp_path: Path) -> None:
    from pleegreflectie.advice_file import load_advice as load

    broken = tmp_path / "advies.yaml"
    broken.write_text("versie: 1\nteksten: [een lijst]\n", encoding="utf-8")
    with pytest.raises(InvalidFileError) as caught:
        load(broken)
    assert str(broken) in str(caught.value) and ":2" in str(caught.value)


# ---------------------------------------------------------------- je and jullie


@PROPERTY
@given(family=families(), cat=catalogues, forms=form_options, hours=hour_options)
def test_property_one_foster_parent_never_reads_jullie(
    family: Answers, cat: Any, forms: Any, hours: int | None
) -> None:
    one = family.model_copy(update={"profile": family.profile.model_copy(update={"parents_count": 1})})
    route, _ = plan(one, cat, forms=forms, hours=hours)
    for text in texts_of(route):
        names = {g for g in re.findall(r"'[^']*'", text)}  # competency names and titles are not ours
        rest = text
        for name in names:
            rest = rest.replace(name, "")
        assert not JULLIE.search(rest), text


def test_two_foster_parents_read_jullie() -> None:
    framework = _framework()
    family = answers(framework, {"aantal_pleegouders": 2, "uren_per_maand": 0}, {"zorgen.gedrag": 1})
    route, _ = plan(family, catalogue(course("training", ["zorgen.gedrag"])))
    assert any(line.startswith("Jullie hebben nu geen tijd") for line in route.advice)
    alone = answers(framework, {"aantal_pleegouders": 1, "uren_per_maand": 0}, {"zorgen.gedrag": 1})
    route, _ = plan(alone, catalogue(course("training", ["zorgen.gedrag"])))
    assert any(line.startswith("Je hebt nu geen tijd") for line in route.advice)


# ---------------------------------------------------------------- the worker is never a step


def test_the_worker_itself_is_never_a_step() -> None:
    framework = _framework()
    low = {"samenwerken.communicatie": 1, "functioneren.balans": 1, "ontwikkelen.reflecteren": 1}
    for country in ("nl", "vl"):
        family = answers(framework, {"uren_per_maand": 20, "land": country}, low)
        route, _ = plan(family)
        assert not {"pleegzorgbegeleider", "pleegzorgbegeleider-vlaanderen"} & set(ids(route))
        assert all(item.course.id not in load_advice().worker_entries for item in route.later)
    worker = course("pleegzorgbegeleider", ["samenwerken.communicatie"], soort="ondersteuning")
    assert not can_be_step(worker, load_advice())
    family = answers(framework, {"uren_per_maand": 20}, {"samenwerken.communicatie": 1})
    route, _ = plan(family, catalogue(worker))
    assert route.steps == () and route.uncovered == ("samenwerken.communicatie",)


def test_an_offer_through_the_worker_reads_bespreek_met_je_pleegzorgbegeleider() -> None:
    framework = _framework()
    family = answers(framework, {"uren_per_maand": 20}, {"zorgen.gedrag": 1})
    cat = catalogue(course("thuis", ["zorgen.gedrag"], toegang="via-begeleider", titel="Thuishulp"))
    [step] = plan(family, cat)[0].steps
    assert step.worker_ask == "Bespreek met je pleegzorgbegeleider:"
    assert "Vraag je pleegzorgbegeleider naar" not in step.reason
    itself = catalogue(course("zelf", ["zorgen.gedrag"], toegang="zelf"))
    assert plan(family, itself)[0].steps[0].worker_ask == ""


def test_the_next_visit_never_asks_whether_the_worker_was_done(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        first = Sitting(pillar_ids=["zorgen"], ask_profile=False, profile={"huishouden": "Gezin W"})
        number = store.create(first, household="Gezin W", framework_version="t")
        store.finish(number, route_ids=["pleegzorgbegeleider", "triple-p", "pleegzorgbegeleider-vlaanderen"])
        again = Sitting(pillar_ids=["zorgen"], ask_profile=False, profile={"huishouden": "Gezin W"})
        Autosave(store, "t")(again)
    assert again.previous_route == ["triple-p"]


# ---------------------------------------------------------------- the strongest offer first


def test_strength_orders_kind_then_ten_to_sixteen_weeks_then_recognition() -> None:
    def of(**fields: Any) -> tuple[int, float, int, int]:
        return strength(course("x", ["zorgen.gedrag"], **fields), "zorgen.gedrag", behaviour=True)

    reading = of(soort="informatie", vorm=["lezen"], duur=None)
    short = of(duur={"weken": 6})
    twelve = of(duur={"weken": 12})
    recognised_short = of(duur={"weken": 6}, erkenning="effectief-sterke")
    regional = of(duur={"weken": 12}, regio="Utrecht")
    assert reading < short < twelve
    assert recognised_short < twelve  # seed 004: the length counts before the recognition
    assert short < recognised_short
    assert regional < reading  # an offer only in one region comes after national ones
    no_behaviour = strength(
        course("x", ["zorgen.gedrag"], duur={"weken": 6}), "zorgen.gedrag", behaviour=False
    )
    assert no_behaviour == strength(
        course("x", ["zorgen.gedrag"], duur={"weken": 12}), "zorgen.gedrag", behaviour=False
    )


def test_a_reading_list_is_not_step_one_for_behaviour_when_a_training_fits() -> None:
    framework = _framework()
    family = answers(
        framework,
        {"uren_per_maand": 12, "uitdagingen": ["gedrag"], "leervormen": ["lezen"]},
        {"zorgen.gedrag": 1, "opvoeden.opvoedstijlen": 2},
        importance={"zorgen.gedrag": 3},
    )
    cat = catalogue(
        course(
            "leeslijst",
            ["zorgen.gedrag", "opvoeden.opvoedstijlen"],
            soort="informatie",
            vorm=["lezen"],
            duur=None,
        ),
        course("korte-cursus", ["zorgen.gedrag"], duur={"bijeenkomsten": 4, "weken": 4, "uren": 8}),
        course("oudertraining", ["zorgen.gedrag"], duur={"bijeenkomsten": 12, "weken": 12, "uren": 24}),
    )
    route, result = plan(family, cat)
    assert result.gaps[0].id == "zorgen.gedrag"
    assert ids(route)[0] == "oudertraining"


# ---------------------------------------------------------------- the phase of the placement


@pytest.mark.parametrize(
    ("years", "since", "phases"),
    [
        (9, "2026-09", {"nieuw", "eerste-jaar", "ervaren"}),  # an experienced family with a new baby
        (9, "2023-05", {"ervaren"}),
        (0, "2026-08", {"nieuw", "eerste-jaar"}),
        (1, "2026-02", {"eerste-jaar"}),
        (None, "2026-10", {"nieuw", "eerste-jaar"}),
        (None, "2022-01", {"ervaren"}),
        (3, "2030-01", {"nieuw", "eerste-jaar", "ervaren"}),  # a date in the future: just came
        (0, None, {"nieuw", "eerste-jaar"}),
        (None, None, None),
    ],
)
def test_the_placement_decides_the_start(
    years: int | None, since: str | None, phases: set[str] | None
) -> None:
    profile = Profile.model_validate({"jaren_pleegouder": years, "plaatsing_sinds": since})
    assert family_phases(profile, TODAY) == (frozenset(phases) if phases is not None else None)


def test_an_experienced_family_with_a_new_baby_gets_start_of_placement_steps() -> None:
    framework = _framework()
    start = course("start", ["zorgen.wennen"], fase=["nieuw"])
    new_baby = answers(
        framework,
        {
            "jaren_pleegouder": 9,
            "plaatsing_sinds": "2026-10",
            "leeftijden_pleegkinderen": [0],
            "uren_per_maand": 20,
        },
        {"zorgen.wennen": 1},
    )
    assert ids(plan(new_baby, catalogue(start))[0]) == ["start"]
    settled = answers(
        framework,
        {"jaren_pleegouder": 9, "plaatsing_sinds": "2023-10", "uren_per_maand": 20},
        {"zorgen.wennen": 1},
    )
    assert ids(plan(settled, catalogue(start))[0]) == []
    assert is_eligible(start, Profile.model_validate({"jaren_pleegouder": 9}), today=TODAY) is False


def test_the_domain_reads_no_clock() -> None:
    profile = Profile.model_validate({"plaatsing_sinds": "2026-01"})
    assert family_phases(profile, dt.date(2026, 3, 1)) == {"nieuw", "eerste-jaar"}
    assert family_phases(profile, dt.date(2026, 9, 1)) == {"eerste-jaar"}


# ---------------------------------------------------------------- own children, age, kind of care


@pytest.mark.parametrize(
    ("own", "audience", "eligible"),
    [
        (False, True, False),
        (True, True, True),
        (None, True, True),
        (True, False, False),
        (False, False, True),
    ],
)
def test_own_children_material_only_for_families_with_own_children(
    own: bool | None, audience: bool, eligible: bool
) -> None:
    entry = course(
        "broers-en-zussen", ["functioneren.eigen-kinderen"], doelgroep={"eigen_kinderen": audience}
    )
    profile = Profile.model_validate({"eigen_kinderen": own})
    assert is_eligible(entry, profile, today=TODAY) is eligible


def test_the_route_honours_age_own_children_and_kind_of_care() -> None:
    framework = _framework()
    cat = catalogue(
        course("eigen-kinderen", ["functioneren.balans"], doelgroep={"eigen_kinderen": True}),
        course("pubers", ["functioneren.balans"], doelgroep={"leeftijd": {"min": 12, "max": 18}}),
        course("crisis", ["functioneren.balans"], doelgroep={"pleegzorgvormen": ["crisis"]}),
        course("voor-iedereen", ["functioneren.balans"], soort="informatie"),
    )
    profile = {
        "eigen_kinderen": False,
        "leeftijden_pleegkinderen": [4],
        "pleegzorgvormen": ["langdurig"],
        "uren_per_maand": 40,
    }
    route, _ = plan(answers(framework, profile, {"functioneren.balans": 1}), cat)
    assert ids(route) == ["voor-iedereen"]
    fits = {
        "eigen_kinderen": True,
        "leeftijden_pleegkinderen": [14],
        "pleegzorgvormen": ["crisis"],
        "uren_per_maand": 40,
    }
    family = answers(framework, fits, {"functioneren.balans": 1})
    eligible = {entry.id for entry in cat.entries if is_eligible(entry, family.profile, today=TODAY)}
    assert eligible == {"eigen-kinderen", "pubers", "crisis", "voor-iedereen"}
    route, _ = plan(family, cat)
    # a training before information; three trainings tie, the id decides
    assert ids(route)[0] == "crisis"


# ---------------------------------------------------------------- entries without a source


def test_an_entry_without_a_source_is_never_a_step() -> None:
    framework = _framework()
    family = answers(framework, {"uren_per_maand": 20}, {"zorgen.gedrag": 1, "samenwerken.juridisch": 1})
    unsourced = course("zonder-bron", ["zorgen.gedrag"], bron=[], titel="Cursus zonder bron")
    sourced = course("met-bron", ["samenwerken.juridisch"])
    route, _ = plan(family, catalogue(unsourced, sourced))
    assert ids(route) == ["met-bron"]
    assert route.uncovered == ("zorgen.gedrag",)
    assert any(
        line.startswith("Vraag je pleegzorgbegeleider naar Cursus zonder bron.") for line in route.advice
    )


@PROPERTY
@given(family=families(), cat=catalogues, data=st.data())
def test_property_no_unsourced_entry_is_a_step(family: Answers, cat: Any, data: st.DataObject) -> None:
    if cat is not None:  # take the source away from some entries
        drop = data.draw(st.sets(st.sampled_from([e.id for e in cat.entries]))) if cat.entries else set()
        cat = catalogue(*(e.model_copy(update={"sources": ()}) if e.id in drop else e for e in cat.entries))
    route, _ = plan(family, cat)
    assert all(step.course.sources for step in route.steps)
    assert not {"pleegzorgbegeleider", "pleegzorgbegeleider-vlaanderen"} & set(ids(route))


# ---------------------------------------------------------------- a thin catalogue for a country


def test_a_thin_country_says_so_with_its_contact() -> None:
    framework = _framework()
    low = {"zorgen.gedrag": 1, "samenwerken.juridisch": 1}
    cat = catalogue(
        *(course(f"nl-{c.id.replace('.', '-')}", [c.id]) for c in framework.competencies()),
        course("vl-gedrag", ["zorgen.gedrag"], land="vl"),
    )
    flemish, _ = plan(answers(framework, {"land": "vl", "uren_per_maand": 20}, low), cat)
    total = len(framework.competencies())
    [line] = [line for line in flemish.advice if "weinig aanbod" in line]
    assert f"voor 1 van de {total} onderwerpen" in line
    assert "Pleegzorg Vlaanderen" in line and "pleegzorgdienst" in line
    dutch, _ = plan(answers(framework, {"land": "nl", "uren_per_maand": 20}, low), cat)
    assert not any("weinig aanbod" in line for line in dutch.advice)


DUTCH_ONLY = (
    "verlengde pleegzorg",
    "tot 21",
    "behandelpleegzorg",
    "kinderrechter",
    "Veilig Thuis",
    "gecertificeerde instelling",
    "voorbereidingstraining",
    "pleegoudernetwerk",
    "NJi",
)


def test_a_flemish_family_never_reads_a_dutch_only_term_in_advice() -> None:
    framework = _framework()
    grandmother = answers(
        framework,
        {
            "land": "vl",
            "pleegouder": "netwerk",
            "voorbereiding": False,
            "leeftijden_pleegkinderen": [17],
            "jaren_pleegouder": 9,
            "uitdagingen": ["gedrag"],
            "aantal_pleegouders": 1,
        },
        {"zorgen.gedrag": 1, "samenwerken.juridisch": 1, "ontwikkelen.levenslang": 2},
        rest=5,
    )
    route, result = plan(grandmother)
    texts = [*route.advice, route.uncovered_advice, *(item.text for item in route.later)]
    assert any("tot 25 jaar" in line for line in route.advice)
    for text in texts:
        for term in DUTCH_ONLY:
            assert term not in text, (term, text)
    # Every top gap gets a step, or the Flemish contact when the Flemish catalogue is thin.
    count, total = country_coverage(framework, _bundled(), "vl", load_advice(), TODAY)
    stepped = {c for s in route.steps for c in s.competencies}
    thin = any("Pleegzorg Vlaanderen" in line for line in route.advice)
    assert thin == (count < total / 2)
    waiting = {i.competency for i in route.later}
    for gap in result.gaps[:MAX_GAPS]:
        assert gap.id in stepped | waiting or thin or gap.id in route.uncovered, gap.id
    if route.uncovered:
        assert "Pleegzorg Vlaanderen" in route.uncovered_advice
        assert "pleegzorgers" in route.uncovered_advice


def test_no_unsourced_bundled_entry_is_a_step_for_any_persona() -> None:
    framework = _framework()
    unsourced = {e.id for e in _bundled().entries if not e.sources}
    low = {c.id: 1 for c in framework.competencies()}
    for country in ("nl", "vl"):
        for profile in (
            {},
            {"pleegouder": "netwerk", "voorbereiding": False},
            {"leeftijden_pleegkinderen": [2]},
        ):
            family = answers(framework, {**profile, "land": country, "uren_per_maand": 40}, low)
            route, _ = plan(family)
            assert not unsourced & set(ids(route)), (country, profile)


# ---------------------------------------------------------------- catalogus dekking per country


def _catalogue_file(path: Path, entries: list[dict[str, Any]]) -> Path:
    import yaml

    path.write_text(yaml.safe_dump({"versie": "t", "aanbod": entries}, allow_unicode=True), encoding="utf-8")
    return path


def _entry(entry_id: str, competencies: list[str], country: str, **extra: Any) -> dict[str, Any]:
    data = {
        "id": entry_id,
        "titel": entry_id,
        "aanbieder": "Test",
        "beschrijving": "Een aanbod.",
        "competenties": competencies,
        "soort": "training",
        "vorm": ["groep"],
        "toegang": "zelf",
        "land": country,
        "laatst_gecontroleerd": "2026-11-01",
        "bron": {"titel": "Een pagina", "url": "https://example.org/x"},
    }
    return data | extra


def test_catalogus_dekking_says_enough_only_where_that_countrys_families_have_it(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from pleegreflectie.cli import app

    competencies = [c.id for c in _framework().competencies()]
    entries = [_entry(f"nl-{n}", competencies, "nl") for n in range(2)]
    entries.append(_entry("vl-een", competencies[:1], "vl"))
    entries.append(_entry("vl-zonder-bron", competencies, "vl", bron=None))  # never a step: not counted
    entries[-1].pop("bron")
    entries.append(_entry("pleegzorgbegeleider-vlaanderen", competencies, "vl", soort="ondersteuning"))
    path = _catalogue_file(tmp_path / "aanbod.yaml", entries)
    runner = CliRunner()
    result = runner.invoke(app, ["catalogus", "dekking", str(path)], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    words = " ".join(result.output.split())
    assert "Voor gezinnen in Nederland heeft elke competentie genoeg aanbod." in words
    assert "Voor gezinnen in Vlaanderen heeft elke competentie genoeg" not in words
    assert (
        f"Voor gezinnen in Vlaanderen is er maar aanbod bij 1 van de {len(competencies)} competenties"
        in words
    )
    assert "Elke competentie heeft genoeg aanbod" not in words
    data = json.loads(runner.invoke(app, ["catalogus", "dekking", str(path), "--json"]).output)
    assert data["landen"]["nl"]["genoeg"] is True and data["landen"]["nl"]["gedekt"] == len(competencies)
    assert data["landen"]["vl"]["genoeg"] is False and data["landen"]["vl"]["gedekt"] == 1
    assert data["landen"]["vl"]["aanbod"] == 1  # without a source and the worker itself do not count


def test_the_bundled_catalogue_is_not_enough_for_flanders() -> None:
    from pleegreflectie.catalogue import coverage_per_country

    nl, vl = coverage_per_country(_framework(), _bundled(), load_advice(), TODAY)
    assert (nl.country, vl.country) == ("nl", "vl")
    assert not vl.enough  # the panel: "Elke competentie heeft genoeg aanbod" was wrong for Flanders


def test_route_with_an_own_advice_file_and_a_broken_one(tmp_path: Path, oma_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from pleegreflectie.cli import app

    own = tmp_path / "advies.yaml"
    own.write_text(
        _with(
            '  route_bespreken: "Bespreek deze route met je pleegzorgbegeleider.',
            '  route_bespreken: "Neem deze route mee naar het gesprek met je pleegzorgbegeleider.',
        ),
        encoding="utf-8",
    )
    runner = CliRunner()
    result = runner.invoke(app, ["route", "--antwoorden", str(oma_path), "--advies", str(own), "--json"])
    assert result.exit_code == 0, result.output
    assert any(line.startswith("Neem deze route mee") for line in json.loads(result.stdout)["adviezen"])
    text = _with('  reden: "Dit helpt bij {punten}."', '  reden: "Dit helpt bij {titel}."')
    own.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["route", "--antwoorden", str(oma_path), "--advies", str(own)])
    assert result.exit_code == 2, result.output
    assert f"{own}:{_line_of(text, 'reden:')}:" in result.output
    assert "{titel} kan hier niet worden ingevuld" in result.output
    assert "Traceback" not in result.output


@PROPERTY
@given(family=families(), cat=catalogues, hours=hour_options)
def test_property_the_top_gap_gets_its_strongest_fitting_offer_as_step_one(
    family: Answers, cat: Any, hours: int | None
) -> None:
    from test_route import _budget

    from pleegreflectie.models import ParentKind
    from pleegreflectie.route import monthly_hours

    if family.profile.parent_kind == ParentKind.NETWORK:
        return  # unprepared network parents get the network guidance first (seed 004)
    route, result = plan(family, cat, hours=hours)
    if not result.gaps:
        return
    top = result.gaps[0].id
    budget = _budget(family, hours)
    behaviour = "gedrag" in family.profile.challenges and any(
        g.id == "zorgen.gedrag" or g.id.startswith("opvoeden.") for g in result.gaps[:MAX_GAPS]
    )
    fitting = [
        e
        for e in (cat or _bundled()).entries
        if top in e.competencies
        and can_be_step(e, load_advice())
        and is_eligible(e, family.profile, today=TODAY)
        and monthly_hours(e) <= budget + 1e-9
    ]
    if not fitting:
        assert all(top not in step.competencies for step in route.steps)
        return
    first = route.steps[0]
    assert top in first.competencies
    strongest = max(strength(e, top, behaviour=behaviour) for e in fitting)
    assert strength(first.course, top, behaviour=behaviour) == strongest


def test_vergelijk_never_lists_the_worker_as_a_step_of_an_old_route(tmp_path: Path) -> None:
    from test_history import CATALOGUE, finished

    from pleegreflectie.history import compare_saved
    from pleegreflectie.load import parse_catalogue

    framework = _framework()
    cat = parse_catalogue(framework, Source("test.yaml", CATALOGUE))
    with Store.open(tmp_path) as store:
        first = finished(store, framework, "Gezin V", 2, ["pleegzorgbegeleider", "training-tot-2025"])
        second = finished(store, framework, "Gezin V", 4, [])
        store.set_route_done(second, ["training-tot-2025"])
        comparison = compare_saved(store, framework, cat, first, second, advice=load_advice())
    listed = [
        entry
        for group in (comparison.route_done, comparison.route_not_done, comparison.route_ongoing)
        for entry, _ in group
    ] + [entry for entry, _ in comparison.route_unknown]
    assert listed == ["training-tot-2025"]


def test_persona_experienced_family_with_a_new_baby_on_the_bundled_catalogue() -> None:
    framework = _framework()
    low = {"zorgen.wennen": 1, "functioneren.komst-afscheid": 2, "opvoeden.veilige-omgeving": 2}
    base = {
        "jaren_pleegouder": 9,
        "leeftijden_pleegkinderen": [0],
        "uitdagingen": ["hechting"],
        "uren_per_maand": 12,
        "aantal_pleegouders": 2,
    }
    starting = {e.id for e in _bundled().entries if e.phases and "nieuw" in e.phases and e.sources}
    assert "pleegouder-pleegkind-interventie" in starting
    for kind in (None, "bestand"):
        profile = base | ({"pleegouder": kind} if kind else {})
        new, _ = plan(answers(framework, profile | {"plaatsing_sinds": "2026-10"}, low))
        assert "pleegouder-pleegkind-interventie" in ids(new), kind
        assert "voorbereidingstraining" not in ids(new)  # the course for aspirants: never after nine years
        aspirants = next(e for e in _bundled().entries if e.id == "voorbereidingstraining")
        family = Profile.model_validate(profile | {"plaatsing_sinds": "2026-10"})
        assert not is_eligible(aspirants, family, today=TODAY), kind
        settled, _ = plan(answers(framework, profile | {"plaatsing_sinds": "2023-10"}, low))
        assert not starting & set(ids(settled)), kind


def test_no_sentence_of_the_route_has_a_word_of_the_other_country() -> None:
    """Every text of advies.yaml as a family of each country reads it (its own text, else the common
    one), against the terms per country (data/landen.yaml, when present)."""
    terms = pytest.importorskip("pleegreflectie.terms")
    countries = pytest.importorskip("pleegreflectie.terms_file").bundled_countries()
    advice = load_advice()
    for country in ("nl", "vl"):
        contact = advice.contact(country, "je") or ""
        for key in PLACEHOLDERS:
            for address in ("je", "jullie"):
                local = advice.countries.get(country)
                raw = local.texts.get(key) if local is not None else None
                chosen = raw if raw is not None else advice.texts[key]
                text = pick(chosen, address)
                found = terms.foreign_terms(text + " " + contact, country, countries)
                assert not found, (country, key, address, found)
