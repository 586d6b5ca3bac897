"""Loading the framework and answers files: the bundled data, and broken files with file:line messages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_route import _framework, every_course_id, ids, plan

from pleegreflectie.answers_file import load_answers, parse_answers
from pleegreflectie.errors import ExitCode, InvalidFileError, NotFoundError
from pleegreflectie.load import load_framework
from pleegreflectie.models import (
    PILLAR_IDS,
    CareKind,
    Challenge,
    Framework,
    ParentKind,
    Special,
    pick,
)
from pleegreflectie.yamlfile import Source

# The labels of the model, exactly as in shared/domain/pijlers.md.
LABELS: dict[str, tuple[str, list[str]]] = {
    "zorgen": (
        "ZORGEN voor pleegkinderen",
        [
            "Gezondheid en speciale behoeften van je pleegkind",
            "Omgaan met het gedrag van je pleegkind",
            "Ondersteunen contact van je pleegkind met eigen ouders en familie",
            "Begeleiden proces van wennen en aarden in je gezin",
            "Ambassadeur zijn voor je pleegkind",
        ],
    ),
    "samenwerken": (
        "SAMENWERKEN als een team",
        [
            "Gedeeld opvoederschap: ouders en pleegouders",
            "Omgaan met de omgeving/het netwerk van het kind",
            "Samenwerking en communicatie met alle spelers rondom het kind",
            "Juridische en wettelijke zaken",
        ],
    ),
    "opvoeden": (
        "OPVOEDEN van kinderen",
        [
            "Ouderschap",
            "Opvoedstijlen",
            "Stimuleren gezonde ontwikkeling kinderen",
            "Creëren van een veilige/ondersteunende omgeving",
            "Omgaan met levensfases in unieke levensloop van je kind",
        ],
    ),
    "ontwikkelen": (
        "Persoonlijk ONTWIKKELEN",
        [
            "Kennis en vaardigheden ontwikkelen en onderhouden",
            "Reflecteren",
            "Zorgen dat je gezond en fit blijft (opladen)",
            "Pleegouder zijn voor het leven",
            "Omgaan met de emotionele kant van pleegzorg",
        ],
    ),
    "functioneren": (
        "FUNCTIONEREN als pleeggezin",
        [
            "Organisatie van je gezin (gezinsmanagement)",
            "Balans in je gezin houden (vitaliteit van alle gezinsleden)",
            "Rol en positie van je eigen kinderen",
            "Veilige gezinssituatie",
            "Wennen aan de komst van een pleegkind en omgaan met afscheid",
        ],
    ),
}

# A small framework that is valid: one pillar, two competencies, two questions each.
MINIMAL = """\
versie: "1"
schaal:
  - {waarde: 1, label: "Nee"}
  - {waarde: 2, label: "Een beetje"}
  - {waarde: 3, label: "Redelijk"}
  - {waarde: 4, label: "Grotendeels"}
  - {waarde: 5, label: "Ja"}
belang_vraag: "Hoe belangrijk is dit nu?"
belang:
  - {waarde: 1, label: "Niet"}
  - {waarde: 2, label: "Wel"}
  - {waarde: 3, label: "Heel"}
pijlers:
  - id: zorgen
    naam: "ZORGEN voor pleegkinderen"
    titel: "Zorgen"
    intro: "Over de zorg."
    open_vraag: "Nog iets?"
    competenties:
      - id: zorgen.gedrag
        naam: "Gedrag"
        uitleg: "Uitleg."
        voorbeeld: "Voorbeeld."
        vragen:
          - id: zorgen.gedrag.weten
            soort: weten
            tekst: "Ik weet het."
          - id: zorgen.gedrag.doen
            soort: doen
            tekst: "Ik doe het."
      - id: zorgen.wennen
        naam: "Wennen"
        uitleg: "Uitleg."
        voorbeeld: "Voorbeeld."
        vragen:
          - id: zorgen.wennen.weten
            soort: weten
            tekst: "Ik weet het."
          - id: zorgen.wennen.doen
            soort: doen
            tekst: "Ik doe het."
"""


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based line of the n-th line that contains `needle`."""
    hits = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(hits) >= occurrence, f"{needle!r} not in the text"
    return hits[occurrence - 1]


def write(tmp_path: Path, text: str, name: str = "bestand.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def broken_framework(tmp_path: Path, text: str) -> InvalidFileError:
    path = write(tmp_path, text, "pijlers.yaml")
    with pytest.raises(InvalidFileError) as info:
        load_framework(path)
    return info.value


def broken_answers(framework: Framework, tmp_path: Path, text: str) -> InvalidFileError:
    path = write(tmp_path, text, "antwoorden.yaml")
    with pytest.raises(InvalidFileError) as info:
        load_answers(framework, path)
    return info.value


def lines_in(error: InvalidFileError) -> list[int | None]:
    return [p.line for p in error.problems]


# ---------------------------------------------------------------- the bundled framework


def test_bundled_framework_has_five_pillars_in_order(framework: Framework) -> None:
    assert [p.id for p in framework.pillars] == list(PILLAR_IDS)
    assert [p.id for p in framework.pillars] == list(LABELS)


def test_bundled_framework_uses_the_exact_labels_of_the_model(framework: Framework) -> None:
    # The model's labels are kept as the official names; the family sees plain names (issue 16).
    for pillar in framework.pillars:
        name, competencies = LABELS[pillar.id]
        assert pillar.official_name == name
        assert [c.official_name for c in pillar.competencies] == competencies


def test_bundled_framework_has_24_competencies_and_48_questions(framework: Framework) -> None:
    assert len(framework.competencies()) == 24
    assert len(framework.questions()) == 48
    for competency in framework.competencies():
        assert sorted(q.kind for q in competency.questions) == ["doen", "weten"], competency.id


def test_bundled_ids_carry_their_parent_prefix_and_are_unique(framework: Framework) -> None:
    ids: list[str] = []
    for pillar in framework.pillars:
        ids.append(pillar.id)
        for competency in pillar.competencies:
            assert re.fullmatch(rf"{pillar.id}\.[a-z0-9]+(-[a-z0-9]+)*", competency.id), competency.id
            assert competency.pillar_id == pillar.id
            ids.append(competency.id)
            for question in competency.questions:
                assert question.id.startswith(competency.id + "."), question.id
                assert re.fullmatch(r"[a-z0-9-]+", question.id.removeprefix(competency.id + "."))
                ids.append(question.id)
    assert len(ids) == len(set(ids)) == 5 + 24 + 48


def test_bundled_framework_scales_and_texts(framework: Framework) -> None:
    assert [o.value for o in framework.scale] == [1, 2, 3, 4, 5]
    assert [o.value for o in framework.importance] == [1, 2, 3]
    assert all(o.label.strip() for o in (*framework.scale, *framework.importance))
    for pillar in framework.pillars:
        assert pillar.intro.strip() and pick(pillar.open_question, "je").strip() and pillar.title.strip()


def test_only_the_own_children_competency_carries_a_condition(framework: Framework) -> None:
    conditional = [c for c in framework.competencies() if c.condition is not None]
    assert [c.id for c in conditional] == ["functioneren.eigen-kinderen"]
    assert conditional[0].condition is not None
    assert conditional[0].condition.own_children is True


def test_a_valid_framework_file_loads(tmp_path: Path) -> None:
    framework = load_framework(write(tmp_path, MINIMAL))
    assert [c.id for c in framework.competencies()] == ["zorgen.gedrag", "zorgen.wennen"]
    assert framework.scale_label(3) == "Redelijk"


# ---------------------------------------------------------------- broken framework files


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    text = MINIMAL.replace('    titel: "Zorgen"', "    titel: Zorgen: extra")
    error = broken_framework(tmp_path, text)
    line = line_of(text, "titel: Zorgen: extra")
    assert error.exit_code == ExitCode.INVALID_INPUT == 2
    assert f"pijlers.yaml:{line}:" in error.message
    assert "geen geldige YAML" in error.message


def test_unclosed_bracket_points_at_its_line_or_the_next(tmp_path: Path) -> None:
    # The parser notices a missing '}' only on the next line; the message says to look one line up.
    text = MINIMAL.replace('{waarde: 3, label: "Redelijk"}', '{waarde: 3, label: "Redelijk"')
    error = broken_framework(tmp_path, text)
    line = line_of(text, '"Redelijk"')
    assert lines_in(error) in ([line], [line + 1])
    assert "de regel erboven" in error.message


def test_duplicate_id_is_reported_at_the_second_one(tmp_path: Path) -> None:
    text = MINIMAL.replace("- id: zorgen.wennen.doen", "- id: zorgen.wennen.weten")
    error = broken_framework(tmp_path, text)
    assert lines_in(error) == [line_of(text, "- id: zorgen.wennen.weten", 2)]
    assert "zorgen.wennen.weten" in error.message
    assert "twee keer" in error.message


def test_duplicate_yaml_key_is_an_error_not_silently_overwritten(tmp_path: Path) -> None:
    text = MINIMAL.replace('    titel: "Zorgen"\n', '    titel: "Zorgen"\n    titel: "Zorg"\n')
    error = broken_framework(tmp_path, text)
    assert lines_in(error) == [line_of(text, 'titel: "Zorg"')]
    assert "'titel'" in error.message


def test_unknown_pillar_id(tmp_path: Path) -> None:
    text = MINIMAL.replace("  - id: zorgen\n", "  - id: verzorgen\n")
    error = broken_framework(tmp_path, text)
    line = line_of(text, "- id: verzorgen")
    assert f"pijlers.yaml:{line}: 'verzorgen' is geen bekende pijler" in error.message
    assert "zorgen, samenwerken" in error.message  # says what to choose


def test_competency_id_without_pillar_prefix(tmp_path: Path) -> None:
    text = MINIMAL.replace("      - id: zorgen.gedrag\n", "      - id: gedrag\n")
    error = broken_framework(tmp_path, text)
    line = line_of(text, "- id: gedrag")
    assert f"pijlers.yaml:{line}:" in error.message
    assert "'gedrag'" in error.message and "'zorgen.'" in error.message


def test_question_id_without_competency_prefix(tmp_path: Path) -> None:
    text = MINIMAL.replace("- id: zorgen.gedrag.doen", "- id: zorgen.doen")
    error = broken_framework(tmp_path, text)
    assert lines_in(error) == [line_of(text, "- id: zorgen.doen")]
    assert "'zorgen.gedrag.'" in error.message


def test_missing_label_names_the_competency_line(tmp_path: Path) -> None:
    text = MINIMAL.replace('        naam: "Wennen"\n', "")
    error = broken_framework(tmp_path, text)
    line = line_of(text, "- id: zorgen.wennen")
    assert f"pijlers.yaml:{line}: 'naam' ontbreekt" in error.message


def test_empty_label(tmp_path: Path) -> None:
    text = MINIMAL.replace('naam: "Wennen"', 'naam: ""')
    error = broken_framework(tmp_path, text)
    line = line_of(text, 'naam: ""')
    assert f"pijlers.yaml:{line}: 'naam' is leeg" in error.message


def test_all_framework_problems_at_once(tmp_path: Path) -> None:
    text = (
        MINIMAL.replace('        naam: "Wennen"\n', "")
        .replace("      - id: zorgen.gedrag\n", "      - id: gedrag\n")
        .replace("- id: zorgen.wennen.doen", "- id: zorgen.wennen.weten")
    )
    error = broken_framework(tmp_path, text)
    expected = {
        line_of(text, "- id: gedrag"),  # no pillar prefix
        line_of(text, "- id: zorgen.wennen"),  # the competency without 'naam'
        line_of(text, "- id: zorgen.wennen.weten", 2),  # duplicate
    }
    assert expected <= set(lines_in(error))
    assert error.message.startswith("Er zijn ")
    assert "'naam' ontbreekt" in error.message
    assert "twee keer" in error.message
    assert "'gedrag'" in error.message
    assert error.exit_code == 2


def test_missing_label_gives_no_false_problems(tmp_path: Path) -> None:
    text = MINIMAL.replace('        naam: "Wennen"\n', "")
    error = broken_framework(tmp_path, text)
    assert "te weinig items" not in error.message
    assert len(error.problems) == 1


def test_missing_framework_file(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError) as info:
        load_framework(tmp_path / "bestaat-niet.yaml")
    assert info.value.exit_code == ExitCode.NOT_FOUND == 3
    assert "bestaat-niet.yaml" in info.value.message


# ---------------------------------------------------------------- answers files


def test_oma_answers_file_loads(framework: Framework, oma_path: Path) -> None:
    answers = load_answers(framework, oma_path)
    assert len(answers.answers) == 48
    assert answers.answers["zorgen.gedrag.weten"] == 2
    assert answers.answers["opvoeden.levensfases.doen"] == Special.DONT_KNOW
    assert answers.importance == {
        "zorgen.gedrag": 3,
        "samenwerken.juridisch": 2,
        "ontwikkelen.opladen": 3,
        "functioneren.balans": 1,
    }
    assert answers.notes == {"zorgen": "Hij is vaak boos na het bezoek aan zijn moeder."}
    profile = answers.profile
    assert profile.household == "Oma Jansen"
    assert profile.parent_kind == ParentKind.NETWORK
    assert profile.prepared is False
    assert profile.own_children is False
    assert profile.child_ages == (9,)
    assert profile.care_kinds == (CareKind.LONG,)


def test_unknown_question_id(framework: Framework, tmp_path: Path) -> None:
    text = "antwoorden:\n  zorgen.gedrag.weten: 3\n  zorgen.onzin.weten: 3\n"
    error = broken_answers(framework, tmp_path, text)
    assert error.exit_code == 2
    assert f"antwoorden.yaml:{line_of(text, 'onzin')}: 'zorgen.onzin.weten' is geen bekende vraag" in (
        error.message
    )
    assert "sjabloon" in error.message


@pytest.mark.parametrize("value", ["7", "0", "-1", "3.5", "true", "misschien", "[3]"])
def test_invalid_answer_value(framework: Framework, tmp_path: Path, value: str) -> None:
    text = f"antwoorden:\n  zorgen.gedrag.weten: 3\n  zorgen.gedrag.doen: {value}\n"
    error = broken_answers(framework, tmp_path, text)
    assert lines_in(error) == [3]
    assert "antwoorden.yaml:3: zorgen.gedrag.doen:" in error.message
    assert "1 tot en met 5" in error.message


def test_value_misschien_names_what_is_allowed(framework: Framework, tmp_path: Path) -> None:
    error = broken_answers(framework, tmp_path, "antwoorden:\n  zorgen.gedrag.weten: misschien\n")
    assert "'misschien'" in error.message
    assert "weet ik niet" in error.message and "nvt" in error.message


@pytest.mark.parametrize("value", ["4", "0", "ja"])
def test_invalid_importance(framework: Framework, tmp_path: Path, value: str) -> None:
    text = f"antwoorden:\n  zorgen.gedrag.weten: 3\nbelang:\n  zorgen.gedrag: {value}\n"
    error = broken_answers(framework, tmp_path, text)
    assert lines_in(error) == [4]
    assert "1 (nu niet zo belangrijk)" in error.message


def test_importance_for_unknown_competency(framework: Framework, tmp_path: Path) -> None:
    text = "belang:\n  zorgen.gedrag: 2\n  zorgen.slapen: 3\n"
    error = broken_answers(framework, tmp_path, text)
    assert lines_in(error) == [3]
    assert "'zorgen.slapen' is geen bekende competentie" in error.message


def test_unknown_pillar_in_notes(framework: Framework, tmp_path: Path) -> None:
    text = "notities:\n  zorgen: Het gaat goed.\n  zorg: Typfout.\n"
    error = broken_answers(framework, tmp_path, text)
    assert lines_in(error) == [3]
    assert "antwoorden.yaml:3: 'zorg' is geen bekende pijler" in error.message


def test_duplicate_key_in_answers(framework: Framework, tmp_path: Path) -> None:
    text = "antwoorden:\n  zorgen.gedrag.weten: 3\n  zorgen.gedrag.doen: 2\n  zorgen.gedrag.weten: 4\n"
    error = broken_answers(framework, tmp_path, text)
    assert lines_in(error) == [4]
    assert "'zorgen.gedrag.weten' staat twee keer" in error.message


def test_unknown_top_level_key(framework: Framework, tmp_path: Path) -> None:
    error = broken_answers(framework, tmp_path, "antwoorden:\n  zorgen.gedrag.weten: 3\nantwoord: 1\n")
    assert lines_in(error) == [3]
    assert "'antwoord' is geen bekende sleutel" in error.message


def test_bad_profile_values_are_listed_with_their_lines(framework: Framework, tmp_path: Path) -> None:
    text = (
        "profiel:\n"
        "  huishouden: Gezin A\n"
        "  pleegouder: vreemd\n"
        "  jaren_pleegouder: veel\n"
        "  eigen_kinderen: misschien\n"
    )
    error = broken_answers(framework, tmp_path, text)
    assert lines_in(error) == [3, 4, 5]
    assert "'netwerk'" in error.message and "'bestand'" in error.message


def test_all_answer_problems_at_once_in_line_order(framework: Framework, tmp_path: Path) -> None:
    text = (
        "profiel:\n"
        "  pleegouder: netwerk\n"
        "antwoorden:\n"
        "  zorgen.gedrag.weten: 9\n"
        "  zorgen.x.y: 2\n"
        "  zorgen.gedrag.doen: 3\n"
        "belang:\n"
        "  zorgen.gedrag: 5\n"
        "notities:\n"
        "  bla: tekst\n"
    )
    error = broken_answers(framework, tmp_path, text)
    assert lines_in(error) == [4, 5, 8, 10]
    assert error.message.startswith("Er zijn 4 problemen gevonden:")
    for line in (4, 5, 8, 10):
        assert f"antwoorden.yaml:{line}:" in error.message


def test_missing_answers_file(framework: Framework, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError) as info:
        load_answers(framework, tmp_path / "weg.yaml")
    assert info.value.exit_code == 3
    assert "weg.yaml" in info.value.message and "bestaat niet" in info.value.message


def test_a_directory_instead_of_a_file(framework: Framework, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError) as info:
        load_answers(framework, tmp_path)
    assert "map" in info.value.message


@pytest.mark.parametrize("text", ["", "\n\n", "# alleen commentaar\n"])
def test_empty_answers_file(framework: Framework, tmp_path: Path, text: str) -> None:
    error = broken_answers(framework, tmp_path, text)
    assert lines_in(error) == [1]
    assert "leeg" in error.message


@pytest.mark.parametrize("text", ["- 1\n- 2\n", "gewoon tekst\n"])
def test_a_list_or_text_instead_of_a_mapping(framework: Framework, tmp_path: Path, text: str) -> None:
    error = broken_answers(framework, tmp_path, text)
    assert lines_in(error) == [1]
    assert "antwoorden.yaml:1:" in error.message
    assert "sleutels" in error.message


def test_section_that_is_not_a_mapping(framework: Framework, tmp_path: Path) -> None:
    error = broken_answers(framework, tmp_path, "profiel:\n  huishouden: A\nantwoorden: [1, 2]\n")
    assert lines_in(error) == [3]


def test_not_utf8(framework: Framework, tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("notities:\n  zorgen: café\n".encode("latin-1"))
    with pytest.raises(InvalidFileError) as info:
        load_answers(framework, path)
    assert "UTF-8" in info.value.message


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("weet ik niet", Special.DONT_KNOW),
        ("Weet ik niet", Special.DONT_KNOW),
        ("'?'", Special.DONT_KNOW),
        ("nvt", Special.NOT_APPLICABLE),
        ("n.v.t.", Special.NOT_APPLICABLE),
        ("niet van toepassing", Special.NOT_APPLICABLE),
        ("'4'", 4),
        ("1", 1),
        ("5", 5),
    ],
)
def test_accepted_answer_values(framework: Framework, written: str, expected: object) -> None:
    answers = parse_answers(framework, Source("a.yaml", f"antwoorden:\n  zorgen.gedrag.weten: {written}\n"))
    assert answers.answers == {"zorgen.gedrag.weten": expected}


def test_empty_values_from_the_template_are_ignored(framework: Framework) -> None:
    text = (
        "profiel:\n"
        "  huishouden:\n"
        "  pleegzorgvormen: []\n"
        "  eigen_kinderen:\n"
        "antwoorden:\n"
        "  zorgen.gedrag.weten:\n"
        "  zorgen.gedrag.doen: 2\n"
        "belang:\n"
        "  zorgen.gedrag:  # Omgaan met het gedrag\n"
        "notities:\n"
        "  zorgen:\n"
        "  opvoeden: '   '\n"
    )
    answers = parse_answers(framework, Source("a.yaml", text))
    assert answers.answers == {"zorgen.gedrag.doen": 2}
    assert answers.importance == {}
    assert answers.notes == {}
    assert answers.profile.household is None
    assert answers.profile.care_kinds == ()
    assert answers.profile.own_children is None


def test_profile_yes_no_and_single_values_for_lists(framework: Framework) -> None:
    text = (
        "profiel:\n"
        "  voorbereiding: ja\n"
        "  eigen_kinderen: Nee\n"
        "  pleegzorgvormen: crisis\n"
        "  leeftijden_pleegkinderen: 9\n"
        "  uitdagingen: trauma\n"
        "  leervormen: online\n"
    )
    profile = parse_answers(framework, Source("a.yaml", text)).profile
    assert profile.prepared is True
    assert profile.own_children is False
    assert profile.care_kinds == (CareKind.CRISIS,)
    assert profile.child_ages == (9,)
    assert profile.challenges == (Challenge.TRAUMA,)
    assert [str(f) for f in profile.learning_forms] == ["online"]


def test_profile_age_out_of_range(framework: Framework, tmp_path: Path) -> None:
    text = "profiel:\n  leeftijden_pleegkinderen: [4, 30]\n"
    error = broken_answers(framework, tmp_path, text)
    assert lines_in(error) == [2]
    assert "te hoog" in error.message


@pytest.mark.parametrize(
    ("text", "line", "dutch"),
    [
        ("profiel:\n\thuishouden: x\n", 2, "er staat een tab"),
        ("profiel:\n  huishouden: x\n  jaren: 3: 4\n", 3, "dubbele punt op een plek"),
        ("profiel:\n  huishouden: x\n pleegouder: netwerk\n", 3, "het inspringen klopt niet"),
        ('profiel:\n  huishouden: "x\n', 3, "mist er een aanhalingsteken"),
    ],
)
def test_yaml_mistakes_are_explained_in_dutch(
    framework: Framework, tmp_path: Path, text: str, line: int, dutch: str
) -> None:
    path = tmp_path / "antwoorden.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidFileError) as caught:
        load_answers(framework, path)
    assert f"{path}:{line}: dit is geen geldige YAML: " in caught.value.message
    assert dutch in caught.value.message


def test_an_answers_file_says_what_was_done(tmp_path: Path, framework: Framework, oma_path: Path) -> None:
    text = oma_path.read_text(encoding="utf-8")
    first, _ = plan(load_answers(framework, oma_path))
    done = ids(first)[0]
    path = tmp_path / "oma-gedaan.yaml"
    path.write_text(text + f"gedaan: [{done}]\n", encoding="utf-8")
    family = load_answers(framework, path)
    assert family.done == (done,)
    route, _ = plan(family)  # the answers' own `gedaan` is enough
    assert done not in every_course_id(route)


def test_gedaan_must_be_a_list_with_file_and_line() -> None:
    text = "antwoorden:\n  zorgen.gedrag.weten: 2\ngedaan: pleegzorgbegeleider\n"
    with pytest.raises(InvalidFileError) as caught:
        parse_answers(_framework(), Source("a.yaml", text))
    message = str(caught.value)
    assert "a.yaml:3" in message and "'gedaan' moet een lijst zijn" in message
