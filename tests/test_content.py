"""The reviewed content (issue 9): conditional questions and variants, the land of a family, treatment
foster care as a placement, and the new catalogue keys with file:line messages for broken files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pleegreflectie.advice_file import load_advice
from pleegreflectie.catalogue import coverage, schema
from pleegreflectie.catalogue_file import check, review
from pleegreflectie.cli import app
from pleegreflectie.errors import InvalidFileError
from pleegreflectie.flow import Sitting, StepKind
from pleegreflectie.load import CATALOGUE_FILE, load_catalogue, load_framework
from pleegreflectie.models import Answers, CareKind, Catalogue, Course, Framework, Profile, Special
from pleegreflectie.profile_file import bundled_questions
from pleegreflectie.route import is_eligible, plan_route
from pleegreflectie.scoring import score
from pleegreflectie.template import answers_template
from pleegreflectie.yamlfile import bundled, read_source

QUESTIONS = bundled_questions()  # the questions about the family, read at the edge

TODAY = dt.date(2026, 11, 23)
LEVENSLANG = ("ontwikkelen.levenslang.weten", "ontwikkelen.levenslang.doen")
TFCO = ("tfco-jonge-kinderen", "tfco-jongeren")


def profile(**data: Any) -> Profile:
    return Profile.model_validate(data)


def question_steps(framework: Framework, profile_data: dict[str, Any], pillar: str) -> list[str]:
    sitting = Sitting(pillar_ids=[pillar], profile=profile_data, ask_profile=False)
    return [s.key for s in sitting.plan(framework, QUESTIONS) if s.kind == StepKind.QUESTION]


# ---------------------------------------------------------------- conditional questions


def test_a_crisis_family_is_not_asked_about_the_bond_after_the_child_leaves(framework: Framework) -> None:
    crisis = question_steps(framework, {"pleegzorgvormen": ["crisis"]}, "ontwikkelen")
    assert not set(LEVENSLANG) & set(crisis)
    assert len(crisis) == 8  # the other four competencies keep both questions


@pytest.mark.parametrize(
    "profile_data",
    [{}, {"pleegzorgvormen": ["langdurig"]}, {"pleegzorgvormen": ["crisis", "deeltijd"]}],
    ids=["unknown", "long-term", "crisis-and-part-time"],
)
def test_the_bond_questions_appear_for_everyone_else(
    framework: Framework, profile_data: dict[str, Any]
) -> None:
    steps = question_steps(framework, profile_data, "ontwikkelen")
    assert set(LEVENSLANG) <= set(steps)
    assert len(steps) == 10


def test_changing_the_profile_changes_the_plan(framework: Framework) -> None:
    sitting = Sitting(pillar_ids=["ontwikkelen"], profile={"pleegzorgvormen": ["crisis"]}, ask_profile=False)
    assert "ontwikkelen.levenslang.doen" not in [s.key for s in sitting.plan(framework, QUESTIONS)]
    sitting.profile["pleegzorgvormen"] = ["crisis", "kortdurend"]
    assert "ontwikkelen.levenslang.doen" in [s.key for s in sitting.plan(framework, QUESTIONS)]


def test_a_question_that_does_not_apply_never_counts(framework: Framework) -> None:
    values: dict[str, Any] = {q.id: 4 for q in framework.questions()}
    values.update(dict.fromkeys(LEVENSLANG, 1))  # e.g. from an answers file
    crisis = score(framework, Answers(profile=profile(pleegzorgvormen=["crisis"]), answers=values))
    assert "ontwikkelen.levenslang" not in [c.id for c in crisis.competencies()]
    assert "ontwikkelen.levenslang" not in [g.id for g in crisis.gaps]
    long_term = score(framework, Answers(profile=profile(pleegzorgvormen=["langdurig"]), answers=values))
    assert long_term.competency("ontwikkelen.levenslang").score == 1.0
    assert "ontwikkelen.levenslang" in [g.id for g in long_term.gaps]


def test_variants_fit_the_family(framework: Framework) -> None:
    wennen = framework.competency("zorgen.wennen").questions[1]
    assert wennen.text_for(profile(pleegzorgvormen=["crisis"])).startswith(
        "Ik help mijn pleegkind om zich de eerste"
    )
    # a variant is only used when it fits every kind of care the family has
    assert wennen.text_for(profile(pleegzorgvormen=["crisis", "langdurig"])) == wennen.text
    assert wennen.text_for(profile()) == wennen.text  # unknown: the general wording

    network = framework.competency("functioneren.eigen-kinderen").questions[0]
    assert "andere kinderen in ons huis" in network.text_for(profile(pleegouder="netwerk"))
    assert network.text_for(profile(pleegouder="bestand")) == network.text

    phases = framework.competency("opvoeden.levensfases").questions
    assert "zelfstandig" in phases[0].text_for(profile(leeftijden_pleegkinderen=[16]))
    assert phases[0].text_for(profile(leeftijden_pleegkinderen=[16, 9])) == phases[0].text
    assert "foto's" in phases[1].text_for(profile(leeftijden_pleegkinderen=[1]))
    assert "schrijf op" in phases[1].text_for(
        profile(pleegzorgvormen=["crisis"], leeftijden_pleegkinderen=[1])
    )

    leaving = framework.competency("ontwikkelen.levenslang").questions[1]
    assert "21 wordt" in leaving.text_for(profile(pleegzorgvormen=["verlengd"]))
    assert "pleegzorg bij ons stopt" in leaving.text_for(profile(pleegzorgvormen=["kortdurend"]))
    assert "pleegzorg bij ons stopt" in leaving.text_for(profile(pleegzorgvormen=["deeltijd"]))
    long_term = ["langdurig"]
    # a young child in long-term care: the plan for its future, never "how long it stays" (issue 16)
    young = leaving.text_for(profile(pleegzorgvormen=long_term, leeftijden_pleegkinderen=[1]))
    assert "plan is voor de toekomst" in young and "hoe lang" not in young
    assert "18 wordt" in leaving.text_for(profile(pleegzorgvormen=long_term, leeftijden_pleegkinderen=[14]))


def test_no_question_is_only_answerable_with_nvt_for_a_crisis_or_network_family(framework: Framework) -> None:
    # The wordings the review named as presuming things a crisis or network family does not have.
    crisis_baby = profile(pleegzorgvormen=["crisis"], pleegouder="netwerk", leeftijden_pleegkinderen=[0])
    texts = {
        q.id: q.text_for(crisis_baby) for c in framework.competencies() for q in c.questions_for(crisis_baby)
    }
    assert "zijn leven heeft meegemaakt" not in texts["opvoeden.levensfases.doen"]
    assert "voorbereid op de komst" not in texts["functioneren.komst-afscheid.weten"]
    assert "mijn eigen kinderen" not in texts.get("functioneren.eigen-kinderen.weten", "")
    assert not set(LEVENSLANG) & set(texts)
    assert "zelf niet kan" in texts["zorgen.ambassadeur.weten"]


def test_the_interview_shows_the_variant(framework: Framework, monkeypatch: pytest.MonkeyPatch) -> None:
    from pleegreflectie.interview import Interview

    asked: list[str] = []

    def select(self: Interview, text: str, *args: Any, **kwargs: Any) -> int:
        asked.append(text)
        return 3

    class Quiet:
        def __getattr__(self, name: str) -> Any:
            return lambda *args, **kwargs: None

    monkeypatch.setattr(Interview, "_choose", select)
    sitting = Sitting(pillar_ids=["zorgen"], profile={"pleegzorgvormen": ["crisis"]}, ask_profile=False)
    step = next(s for s in sitting.plan(framework, QUESTIONS) if s.key == "zorgen.wennen.doen")
    Interview(framework, Quiet()).ask(sitting, step)
    assert asked == ["Ik help mijn pleegkind om zich de eerste dagen veilig te voelen bij ons."]


def test_the_template_names_conditions_and_variants(framework: Framework) -> None:
    text = answers_template(framework, bundled_questions())
    assert "# De volgende vraag alleen bij: pleegzorgvorm kortdurend, langdurig" in text
    assert "# Bij netwerkpleegouders staat er: Ik weet hoe de andere kinderen in ons huis" in text
    assert "# Bij pleegkind van 15 jaar of ouder staat er:" in text


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_broken_variant_names_file_and_line(tmp_path: Path) -> None:
    text = bundled("pillars.yaml").text
    broken = text.replace(
        "              - voorwaarde: {pleegzorgvormen: [crisis]}\n"
        '                tekst: "Ik help mijn pleegkind om zich de eerste dagen veilig te voelen bij ons."',
        '              - voorwaarde: {pleegzorgvormen: [spoed]}\n                tekst: ""',
    )
    assert broken != text
    line = broken.splitlines().index("              - voorwaarde: {pleegzorgvormen: [spoed]}") + 1
    with pytest.raises(InvalidFileError) as caught:
        load_framework(write(tmp_path, "pijlers.yaml", broken))
    messages = [str(p) for p in caught.value.problems]
    assert any(f"pijlers.yaml:{line}:" in m and "spoed" in m for m in messages), messages
    assert any(f"pijlers.yaml:{line + 1}:" in m for m in messages), messages


# ---------------------------------------------------------------- the land of a family


def test_land_is_nl_unless_the_family_says_vl() -> None:
    assert Profile().country == "nl"
    assert profile(land="vl").country == "vl"
    with pytest.raises(ValueError, match="land"):
        profile(land="be")


@pytest.fixture(scope="module")
def bundled_catalogue() -> Catalogue:
    return load_catalogue(load_framework())


def test_the_bundled_catalogue_has_both_lands(bundled_catalogue: Catalogue) -> None:
    lands = {e.country for e in bundled_catalogue.entries}
    assert lands == {"nl", "vl"}


@pytest.mark.parametrize("land", ["nl", "vl"])
@pytest.mark.parametrize(
    "extra",
    [
        {},
        {
            "pleegzorgvormen": ["behandel"],
            "uitdagingen": ["gedrag", "hechting"],
            "leeftijden_pleegkinderen": [5, 14],
        },
    ],
)
def test_a_family_only_gets_offers_from_its_own_land(
    framework: Framework, bundled_catalogue: Catalogue, land: str, extra: dict[str, Any]
) -> None:
    family = profile(land=land, **extra)
    eligible = [e for e in bundled_catalogue.entries if is_eligible(e, family, today=TODAY)]
    assert eligible and all(e.country == land for e in eligible)
    values = dict.fromkeys((q.id for q in framework.questions()), 2)
    answers = Answers(profile=family, answers=values)
    route = plan_route(
        framework, bundled_catalogue, answers, score(framework, answers), today=TODAY, advice=load_advice()
    )
    assert route.steps and all(step.course.country == land for step in route.steps)


# ---------------------------------------------------------------- treatment foster care is a placement


@pytest.mark.parametrize(
    "kinds",
    [[], ["langdurig"], ["crisis"], ["kortdurend", "deeltijd"], ["verlengd"]],
    ids=["unknown", "long-term", "crisis", "short-and-part-time", "extended"],
)
def test_a_family_outside_treatment_foster_care_never_gets_a_tfco_step(
    framework: Framework, bundled_catalogue: Catalogue, kinds: list[str]
) -> None:
    # The family TFCO is written for: severe behaviour and attachment problems, ages 3-7 and 12-18.
    family = profile(
        pleegzorgvormen=kinds, uitdagingen=["gedrag", "hechting"], leeftijden_pleegkinderen=[5, 14]
    )
    values = dict.fromkeys((q.id for q in framework.questions()), 4)
    for competency in ("zorgen.gedrag", "opvoeden.opvoedstijlen", "opvoeden.veilige-omgeving"):
        values.update({f"{competency}.weten": 1, f"{competency}.doen": 1})
    answers = Answers(profile=family, answers=values)
    for hours in (None, 40, 200):
        route = plan_route(
            framework,
            bundled_catalogue,
            answers,
            score(framework, answers),
            hours=hours,
            today=TODAY,
            advice=load_advice(),
        )
        assert not {s.course.id for s in route.steps} & set(TFCO)
        # instead: the advice to ask the pleegzorgbegeleider about treatment foster care (child of 14)
        assert any("behandelpleegzorg" in line for line in route.advice)
    assert not any(is_eligible(e, family, today=TODAY) for e in bundled_catalogue.entries if e.id in TFCO)


def test_a_family_in_treatment_foster_care_can_get_tfco(bundled_catalogue: Catalogue) -> None:
    family = profile(pleegzorgvormen=["behandel"], uitdagingen=["gedrag"], leeftijden_pleegkinderen=[14])
    tfco = next(e for e in bundled_catalogue.entries if e.id == "tfco-jongeren")
    assert is_eligible(tfco, family, today=TODAY)
    assert tfco.audience.care_kinds == (CareKind.TREATMENT,)


def test_entries_that_are_never_a_step_are_gone(bundled_catalogue: Catalogue) -> None:
    ids = {e.id for e in bundled_catalogue.entries}
    assert "road-to-recovery" not in ids  # no Dutch version
    assert "boek-kleine-gids-pleegzorg" not in ids  # 2012: before the Jeugdwet and foster care to 21
    # Two NJi pages disagree (2-12 under review, 2-17 the newer description); we follow the newer one.
    basic_trust = next(e for e in bundled_catalogue.entries if e.id == "basic-trust")
    assert basic_trust.audience.ages is not None
    assert (basic_trust.audience.ages.min, basic_trust.audience.ages.max) == (2, 17)
    assert basic_trust.sources[0].url == "https://www.nji.nl/interventies/basic-trust-methode"
    assert not any("Bascule" in e.provider and "Levvel" not in e.provider for e in bundled_catalogue.entries)


def test_every_bundled_entry_is_checked_recently_and_has_a_source_or_says_why_not(
    bundled_catalogue: Catalogue,
) -> None:
    assert all(e.checked >= dt.date(2026, 1, 1) for e in bundled_catalogue.entries)
    for entry in bundled_catalogue.entries:
        assert entry.url is None or entry.url.startswith(("https://", "http://")), entry.id
    assert "/work/" not in bundled(CATALOGUE_FILE).text  # no internal paths, public sources only


# ---------------------------------------------------------------- new catalogue keys: schema and loader

ENTRY = """\
versie: "2026.12"
aanbod:
  - id: a
    titel: "Een training"
    aanbieder: "Een organisatie"
    beschrijving: "Je leert iets."
    competenties: [zorgen.gedrag]
    soort: training
    vorm: groep
    toegang: zelf
{extra}"""


@pytest.mark.parametrize(
    ("extra", "line", "words"),
    [
        ("    laatst_gecontroleerd: 2026-11-01\n", 3, "'land' ontbreekt"),
        ("    land: nl\n", 3, "'laatst_gecontroleerd' ontbreekt"),
        ("    land: be\n    laatst_gecontroleerd: 2026-11-01\n", 11, "land"),
        ("    land: nl\n    laatst_gecontroleerd: gisteren\n", 12, "laatst_gecontroleerd"),
        (
            "    land: nl\n    laatst_gecontroleerd: 2026-11-01\n    beschikbaarheid: overal\n",
            13,
            "beschikbaarheid",
        ),
        ("    land: nl\n    laatst_gecontroleerd: 2026-11-01\n    fase: [oud]\n", 13, "fase"),
        (
            "    land: nl\n    laatst_gecontroleerd: 2026-11-01\n    erkenning_in_herbeoordeling: true\n",
            3,
            "erkenning_in_herbeoordeling",
        ),
    ],
    ids=[
        "no-land",
        "no-date",
        "bad-land",
        "bad-date",
        "bad-availability",
        "bad-phase",
        "review-without-recognition",
    ],
)
def test_new_keys_are_checked_with_their_line(
    framework: Framework, tmp_path: Path, extra: str, line: int, words: str
) -> None:
    path = write(tmp_path, "aanbod.yaml", ENTRY.format(extra=extra))
    problems = check(framework, read_source(path), TODAY)
    assert [p.line for p in problems] == [line], [str(p) for p in problems]
    assert words in problems[0].message
    with pytest.raises(InvalidFileError):
        load_catalogue(framework, path)


def test_a_complete_entry_loads(framework: Framework, tmp_path: Path) -> None:
    extra = (
        "    land: vl\n    laatst_gecontroleerd: 2026-11-01\n    beschikbaarheid: eigen-organisatie\n"
        "    erkenning: goed-onderbouwd\n    erkenning_in_herbeoordeling: true\n"
        "    fase: [nieuw, eerste-jaar]\n"
    )
    catalogue = load_catalogue(framework, write(tmp_path, "aanbod.yaml", ENTRY.format(extra=extra)))
    entry: Course = catalogue.entries[0]
    assert (entry.country, entry.checked, entry.availability) == (
        "vl",
        dt.date(2026, 11, 1),
        "eigen-organisatie",
    )
    assert entry.recognition_review and entry.phases == ("nieuw", "eerste-jaar")


def test_the_schema_knows_the_new_keys() -> None:
    course = schema()["$defs"]["Course"]
    assert {"land", "laatst_gecontroleerd"} <= set(course["required"])
    for key in ("land", "laatst_gecontroleerd", "beschikbaarheid", "erkenning_in_herbeoordeling", "fase"):
        assert course["properties"][key]["description"], key
    assert "niet_gevonden" in schema()["properties"]


def test_an_unknown_competency_in_a_known_gap_is_named(framework: Framework, tmp_path: Path) -> None:
    extra = (
        "    land: nl\n    laatst_gecontroleerd: 2026-11-01\n"
        "niet_gevonden:\n  - onderwerp: Iets\n    competenties: [zorgen.slapen]\n    toelichting: Niets.\n"
    )
    problems = check(framework, read_source(write(tmp_path, "aanbod.yaml", ENTRY.format(extra=extra))), TODAY)
    assert [(p.line, "zorgen.slapen" in p.message) for p in problems] == [(15, True)]


# ---------------------------------------------------------------- catalogus controleer and dekking


BRON = "    bron: {titel: Een pagina, url: 'https://example.org/a'}\n"


def test_review_warns_about_entries_not_checked_for_a_year_and_without_a_source(tmp_path: Path) -> None:
    item = ENTRY.split("aanbod:\n")[1]
    text = (
        ENTRY.format(extra="    land: nl\n    laatst_gecontroleerd: 2025-11-22\n" + BRON)  # a year and a day
        + item.format(extra="    land: nl\n    laatst_gecontroleerd: 2025-11-23\n" + BRON).replace(
            "id: a", "id: b"
        )
        + item.format(extra="    land: nl\n    laatst_gecontroleerd: 2026-11-01\n").replace("id: a", "id: c")
    )
    third = text.splitlines().index("  - id: c") + 1
    version, warnings = review(read_source(write(tmp_path, "aanbod.yaml", text)), TODAY)
    assert version == "2026.12"
    assert [(w.line, w.message.split(" ")[0]) for w in warnings] == [(12, "'a'"), (third, "'c'")]
    assert "meer dan een jaar geleden" in warnings[0].message
    assert "heeft geen bron" in warnings[1].message and "nooit als stap in de route" in warnings[1].message


def test_catalogus_controleer_reports_the_version_and_stale_entries(tmp_path: Path, monkeypatch: Any) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["catalogus", "controleer"])
    assert result.exit_code == 0, result.output
    assert "versie 2026.12" in result.output
    warned = [line for line in result.output.splitlines() if line.startswith("Let op")]
    unsourced = [e.id for e in load_catalogue(load_framework()).entries if not e.sources]
    assert len(warned) == len(unsourced)  # the bundled entries are checked; only those without a source
    assert all("heeft geen bron" in line for line in warned)
    old = write(
        tmp_path,
        "oud.yaml",
        ENTRY.format(extra="    land: nl\n    laatst_gecontroleerd: 2020-01-01\n" + BRON),
    )
    result = runner.invoke(app, ["catalogus", "controleer", str(old)])
    assert result.exit_code == 0, result.output
    assert f"Let op: {old}:12:" in result.output and "geen problemen" in result.output


def test_catalogus_dekking_names_the_known_gaps(bundled_catalogue: Catalogue, framework: Framework) -> None:
    data = coverage(framework, bundled_catalogue, today=TODAY).as_data()
    topics = [g["onderwerp"] for g in data["niet_gevonden"]]
    assert any("psychopathologie" in t for t in topics)
    assert any("zelfstandig" in t for t in topics)
    assert any("CJG" in t for t in topics)
    result = CliRunner().invoke(app, ["catalogus", "dekking"])
    assert result.exit_code == 0 and "Hier is geen echt aanbod voor gevonden" in result.output
    as_json = json.loads(CliRunner().invoke(app, ["catalogus", "dekking", "--json"]).output)
    assert as_json["niet_gevonden"] == data["niet_gevonden"]


def test_the_gaps_the_seeds_name_are_served_or_named(bundled_catalogue: Catalogue) -> None:
    ids = {e.id for e in bundled_catalogue.entries}
    # money side, trusted adviser and complaints, network foster parents (grandparents)
    assert {"nvp-pleegvergoeding-bijzondere-kosten", "vertrouwenspersoon-akj", "pleeggrootouders-sbpn"} <= ids
    network = [e for e in bundled_catalogue.entries if e.audience.parent_kinds == ("netwerk",)]
    assert len(network) >= 2


@pytest.mark.parametrize("name", ["pillars.yaml", CATALOGUE_FILE])
def test_always_pleegzorgbegeleider_never_begeleider_alone(name: str) -> None:
    import re

    alone = re.findall(r"(?<!pleegzorg)(?<!via-)\bbegeleiders?\b", bundled(name).text, flags=re.IGNORECASE)
    assert not alone


def test_the_report_says_when_a_recognition_is_under_review_and_to_ask_the_organisation(
    bundled_catalogue: Catalogue,
) -> None:
    from pleegreflectie.report import _step
    from pleegreflectie.route import RouteStep

    course = next(e for e in bundled_catalogue.entries if e.id == "zorgen-voor-getraumatiseerde-kinderen")

    def step(entry: Course) -> RouteStep:
        return RouteStep(
            course=entry,
            phase="nu",
            competencies=("zorgen.gedrag",),
            reason="",
            via_worker=True,
            hours_per_month=4,
        )

    text = _step(step(course))
    assert "Die erkenning wordt opnieuw beoordeeld." in text
    assert "Vraag of jouw pleegzorgorganisatie dit aanbiedt." in text
    national = next(e for e in bundled_catalogue.entries if e.id == "incredible-years")
    text = _step(step(national))
    assert "opnieuw beoordeeld" not in text and "jouw pleegzorgorganisatie" not in text


def test_find_out_uses_the_familys_wording_and_only_questions_that_apply(framework: Framework) -> None:
    values: dict[str, Any] = {q.id: 4 for q in framework.questions()}
    values["functioneren.eigen-kinderen.weten"] = Special.DONT_KNOW
    values["ontwikkelen.levenslang.weten"] = Special.DONT_KNOW
    family = profile(pleegouder="netwerk", pleegzorgvormen=["crisis"], eigen_kinderen=True)
    result = score(framework, Answers(profile=family, answers=values))
    assert [(f.question_id, "andere kinderen in ons huis" in f.text) for f in result.find_out] == [
        ("functioneren.eigen-kinderen.weten", True)
    ]
    assert result.competency("functioneren.eigen-kinderen").questions == 2


def test_an_answers_file_with_land_vl_gets_a_flemish_route(oma_path: Path, tmp_path: Path) -> None:
    text = oma_path.read_text(encoding="utf-8").replace("profiel:\n", "profiel:\n  land: vl\n", 1)
    flemish = write(tmp_path, "vlaams.yaml", text)
    result = CliRunner().invoke(app, ["start", "--antwoorden", str(flemish), "--json"])
    assert result.exit_code == 0, result.output
    route = json.loads(result.stdout)["route"]
    flemish_ids = {e.id for e in load_catalogue(load_framework()).entries if e.country == "vl"}
    assert route and {step["id"] for step in route} <= flemish_ids


def test_every_entry_has_a_public_source_but_two_named_ones() -> None:
    """A family can open the source of an entry. Two have none we could find (see the changelog)."""
    import yaml

    data = yaml.safe_load((Path(__file__).resolve().parents[1] / "data" / "courses.yaml").read_text("utf-8"))
    without = {entry["id"] for entry in data["aanbod"] if not entry.get("url")}
    assert without <= {"tfco-jonge-kinderen", "levensboek"}, without


# Entries for which no public page was found that supports provider, ages, form and that the offer
# exists now (see docs/inhoud-changelog.md). They have no `bron`, so the route never makes them a
# step. A change to this set must be a deliberate, sourced change.
UNSOURCED = {
    "tfco-jonge-kinderen",
    "training-trainerskwaliteiten",
    "met-twee-families-leven",
    "training-hechting",
    "tijdschrift-wat",
}


def test_exactly_the_named_entries_have_no_source_and_every_entry_a_check_date(
    bundled_catalogue: Catalogue,
) -> None:
    without = {e.id for e in bundled_catalogue.entries if not e.sources}
    assert without == UNSOURCED
    for entry in bundled_catalogue.entries:
        assert entry.checked >= dt.date(2026, 12, 6), entry.id
        assert all(s.url.startswith(("https://", "http://")) and s.title.strip() for s in entry.sources)


def test_the_rechecked_entries_say_what_their_sources_say(bundled_catalogue: Catalogue) -> None:
    entries = {e.id: e for e in bundled_catalogue.entries}
    # Leger des Heils: one youth per family, at least six and at most nine months.
    assert "hooguit negen maanden" in entries["tfco-jongeren"].description
    assert "een jaar" not in entries["tfco-jongeren"].description
    # JongWijs is a network of young adults (18-30): only a tip for a family with a child of 18 or older.
    jongwijs = entries["jongwijs"]
    assert jongwijs.audience.ages is not None and jongwijs.audience.ages.min == 18
    family = profile(leeftijden_pleegkinderen=[9, 14])
    assert not is_eligible(jongwijs, family, today=TODAY)
    assert is_eligible(jongwijs, profile(leeftijden_pleegkinderen=[19]), today=TODAY)
    # Material for the foster parents' own children says so.
    assert entries["eigen-kinderen-van-pleegouders"].audience.own_children is True
    assert entries["tijdschrift-wat"].audience.own_children is True
    # The Flemish service's vorming is not "screening" for a family that has fostered for years.
    assert "gescreend" not in entries["screening-en-vorming-vlaanderen"].description


def test_the_gaps_from_the_review_have_a_sourced_offer_or_an_honest_gap(bundled_catalogue: Catalogue) -> None:
    family = profile(land="nl", pleegouder="netwerk", leeftijden_pleegkinderen=[15])
    offers = {e.id: e for e in bundled_catalogue.entries if e.sources and is_eligible(e, family, today=TODAY)}
    # Safety at home: Veilig Thuis, with its free number.
    assert "0800-2000" in offers["veilig-thuis"].description
    # Support for a network family after the screening.
    assert {"netwerkcursus", "grootoudergroep"} <= set(offers)
    # A goodbye: information for the child and for the foster parent.
    assert {"afscheid-per-leeftijd", "verhaal-afscheid-pleegouder"} <= set(offers)
    # Disability information only for a family that names it as a challenge.
    assert "pleegkind-met-beperking-wsg" not in offers
    with_disability = profile(land="nl", uitdagingen=["beperking"])
    wsg = next(e for e in bundled_catalogue.entries if e.id == "pleegkind-met-beperking-wsg")
    assert is_eligible(wsg, with_disability, today=TODAY)
    # What was not found is named, not invented.
    topics = " ".join(g.topic for g in bundled_catalogue.gaps)
    for word in ("beschuldigd", "Respijtzorg", "verdriet", "pubers"):
        assert word in topics


# ---------------------------------------------------------------- the Flemish catalogue

DUTCH_ONLY = (
    "kinderrechter",
    "veilig thuis",
    "gecertificeerde instelling",
    "tot 21",
    "jeugdwet",
    "akj",
    "nvp",
)


def test_flemish_entries_use_only_flemish_words(bundled_catalogue: Catalogue) -> None:
    import re

    for entry in bundled_catalogue.entries:
        if entry.country != "vl":
            continue
        text = " ".join((entry.title, entry.provider, entry.description)).lower()
        assert not [word for word in DUTCH_ONLY if word in text], entry.id
        assert not re.search(r"\bGI\b", " ".join((entry.title, entry.description))), entry.id


def test_a_flemish_network_grandmother_with_a_17_year_old_has_sourced_offers_for_every_competency(
    framework: Framework, bundled_catalogue: Catalogue
) -> None:
    grandmother = profile(land="vl", pleegouder="netwerk", leeftijden_pleegkinderen=[17])
    # The pleegzorgbegeleider is never a step (data/advies.yaml); every competency has another offer.
    offers = [
        e
        for e in bundled_catalogue.entries
        if e.sources and is_eligible(e, grandmother, today=TODAY) and e.id != "pleegzorgbegeleider-vlaanderen"
    ]
    assert offers and all(e.country == "vl" for e in offers)
    covered = {c for e in offers for c in e.competencies}
    missing = {c.id for c in framework.competencies()} - covered
    assert not missing, sorted(missing)
