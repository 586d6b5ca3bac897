"""The answers file (`start --antwoorden`): what the program says about each mistake, with file:line,
and what it reads from the ways people write their answers. Every message here is one a user sees."""

from __future__ import annotations

from typing import Any

import pytest

from pleegreflectie.answers_file import ANSWERS_LIMITS, parse_answers
from pleegreflectie.errors import InvalidFileError
from pleegreflectie.models import Framework
from pleegreflectie.yamlfile import Source

BAD: list[tuple[str, str, list[str]]] = [
    (
        "unknown_key",
        "antwoorden: {}\nantwoord: 1\n",
        [
            "a.yaml:2: 'antwoord' is geen bekende sleutel. Gebruik alleen: anoniem_meetellen, "
            "antwoorden, begeleider, belang, bespreken, deelnemers, gedaan, notities, profiel."
        ],
    ),
    (
        "profile_bad_values",
        "profiel:\n  pleegouder: vreemd\n  jaren_pleegouder: veel\n  eigen_kinderen: misschien\n  land: be\n",
        [
            "a.yaml:2: pleegouder: 'vreemd' kan hier niet. Kies uit: 'netwerk', 'bestand'.",
            "a.yaml:3: jaren_pleegouder: 'veel' moet een heel getal zijn.",
            "a.yaml:4: eigen_kinderen: 'misschien' moet ja of nee zijn (true of false).",
            "a.yaml:5: land: 'be' kan hier niet. Kies uit: 'nl', 'vl'.",
        ],
    ),
    (
        "profile_a_list",
        "profiel: [1, 2]\n",
        ["a.yaml:1: 'profiel' moet een lijst van sleutels met waarden zijn."],
    ),
    (
        "profile_unknown_key",
        "profiel:\n  hobby: lezen\n",
        ["a.yaml:2: 'hobby' is geen bekende sleutel. Haal het weg of controleer de spelling."],
    ),
    (
        "profile_future_month",
        "profiel:\n  plaatsing_sinds: 2099-01\n",
        [
            "a.yaml:2: plaatsing_sinds: '2099-01' ligt in de toekomst. Schrijf de maand waarin je "
            "pleegkind kwam, zoals 2024-09."
        ],
    ),
    (
        "profile_not_a_month",
        "profiel:\n  plaatsing_sinds: gisteren\n",
        ["a.yaml:2: plaatsing_sinds: 'gisteren' is geen maand. Schrijf het jaar en de maand, zoals 2024-09."],
    ),
    (
        "profile_age_too_high",
        "profiel:\n  leeftijden_pleegkinderen: 4, 30\n",
        ["a.yaml:2: leeftijden_pleegkinderen: '4, 30' moet een heel getal zijn."],
    ),
    (
        "participants_three",
        "deelnemers: [A, B, C]\n",
        [
            "a.yaml:1: 'deelnemers' moet één of twee namen hebben, bijvoorbeeld: deelnemers: "
            "[Sanne, Ahmed]. Meer dan twee pleegouders kan niet in één reflectie."
        ],
    ),
    (
        "participants_mapping",
        "deelnemers: {A: 1}\n",
        [
            "a.yaml:1: 'deelnemers' moet één of twee namen hebben, bijvoorbeeld: deelnemers: "
            "[Sanne, Ahmed]. Meer dan twee pleegouders kan niet in één reflectie."
        ],
    ),
    (
        "participants_empty_list",
        "deelnemers: []\n",
        [
            "a.yaml:1: 'deelnemers' moet één of twee namen hebben, bijvoorbeeld: deelnemers: "
            "[Sanne, Ahmed]. Meer dan twee pleegouders kan niet in één reflectie."
        ],
    ),
    (
        "participants_long_name",
        "deelnemers: [Sanne, xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx]\n",
        ["a.yaml:1: een naam bij 'deelnemers' moet een korte tekst zijn (hoogstens 30 tekens)."],
    ),
    (
        "participants_at_sign",
        "deelnemers: [sanne@thuis.nl, Ahmed]\n",
        ["a.yaml:1: een naam bij 'deelnemers' moet een korte tekst zijn (hoogstens 30 tekens)."],
    ),
    (
        "participants_twice",
        "deelnemers: [Sanne, sanne]\n",
        ["a.yaml:1: 'sanne' staat twee keer bij 'deelnemers'."],
    ),
    (
        "participants_list_item",
        "deelnemers: [[A], B]\n",
        ["a.yaml:1: een naam bij 'deelnemers' moet een korte tekst zijn (hoogstens 30 tekens)."],
    ),
    (
        "answers_a_list",
        "antwoorden: [1, 2]\n",
        ["a.yaml:1: 'antwoorden' moet een lijst van sleutels met waarden zijn."],
    ),
    (
        "answers_unknown_question",
        "antwoorden:\n  zorgen.gedrag.weten: 3\n  zorgen.onzin.weten: 3\n",
        [
            "a.yaml:3: 'zorgen.onzin.weten' is geen bekende vraag. Bedoel je misschien: "
            "zorgen.ambassadeur.doen, zorgen.ambassadeur.weten, zorgen.contact-ouders.doen? Met "
            "'pleegreflectie sjabloon' zie je alle namen."
        ],
    ),
    (
        "answers_bad_values",
        "antwoorden:\n"
        "  zorgen.gedrag.weten: 7\n"
        "  zorgen.gedrag.doen: true\n"
        "  zorgen.ambassadeur.weten: 3.0\n"
        "  zorgen.ambassadeur.doen: '3.0'\n"
        "  zorgen.contact-ouders.doen: [3]\n",
        [
            "a.yaml:2: zorgen.gedrag.weten: '7' is geen geldig antwoord. Vul een getal van 1 tot en "
            "met 5 in, of 'weet ik niet', of 'nvt'.",
            "a.yaml:3: zorgen.gedrag.doen: 'True' is geen geldig antwoord. Vul een getal van 1 tot "
            "en met 5 in, of 'weet ik niet', of 'nvt'.",
            "a.yaml:4: zorgen.ambassadeur.weten: '3.0' is geen geldig antwoord. Vul een getal van 1 "
            "tot en met 5 in, of 'weet ik niet', of 'nvt'.",
            "a.yaml:5: zorgen.ambassadeur.doen: '3.0' is geen geldig antwoord. Vul een getal van 1 "
            "tot en met 5 in, of 'weet ik niet', of 'nvt'.",
            "a.yaml:6: zorgen.contact-ouders.doen: '[3]' is geen geldig antwoord. Vul een getal van "
            "1 tot en met 5 in, of 'weet ik niet', of 'nvt'.",
        ],
    ),
    (
        "answers_per_parent_alone",
        "antwoorden:\n  zorgen.gedrag.weten: {Sanne: 4, Ahmed: 2}\n",
        [
            "a.yaml:2: zorgen.gedrag.weten: een antwoord per pleegouder kan alleen met twee namen "
            "bij 'deelnemers:', bijvoorbeeld: deelnemers: [Sanne, Ahmed]"
        ],
    ),
    (
        "answers_per_parent_unknown_label",
        "deelnemers: [Sanne, Ahmed]\nantwoorden:\n  zorgen.gedrag.weten: {Sanne: 4, Piet: 2}\n",
        ["a.yaml:3: zorgen.gedrag.weten: 'Piet' staat niet bij 'deelnemers:'. Gebruik Sanne of Ahmed."],
    ),
    (
        "answers_per_parent_bad_value",
        "deelnemers: [Sanne, Ahmed]\nantwoorden:\n  zorgen.gedrag.weten:\n    Sanne: 4\n    Ahmed: zes\n",
        [
            "a.yaml:5: zorgen.gedrag.weten: 'zes' is geen geldig antwoord. Vul een getal van 1 tot "
            "en met 5 in, of 'weet ik niet', of 'nvt'."
        ],
    ),
    (
        "answers_per_parent_bad_names",
        "deelnemers: [A, A]\nantwoorden:\n  zorgen.gedrag.weten: {A: 4}\n",
        [
            "a.yaml:1: 'A' staat twee keer bij 'deelnemers'.",
            "a.yaml:3: zorgen.gedrag.weten: een antwoord per pleegouder kan alleen met twee namen "
            "bij 'deelnemers:', bijvoorbeeld: deelnemers: [Sanne, Ahmed]",
        ],
    ),
    (
        "discuss_not_a_list",
        "bespreken: zorgen.gedrag.weten\n",
        ["a.yaml:1: 'bespreken' moet een lijst van vragen zijn."],
    ),
    (
        "discuss_unknown",
        "bespreken: [zorgen.gedrag.weten, zorgen.x.y, 3, {a: b}]\n",
        [
            "a.yaml:1: 'zorgen.x.y' is geen bekende vraag. Bedoel je misschien: "
            "zorgen.ambassadeur.doen, zorgen.ambassadeur.weten, zorgen.contact-ouders.doen? Met "
            "'pleegreflectie sjabloon' zie je alle namen.",
            "a.yaml:1: '3' is geen bekende vraag. Met 'pleegreflectie sjabloon' zie je alle namen.",
            "a.yaml:1: '{'a': 'b'}' is geen bekende vraag. Met 'pleegreflectie sjabloon' zie je alle namen.",
        ],
    ),
    (
        "worker_not_a_mapping",
        "begeleider: ja\n",
        ["a.yaml:1: 'begeleider' moet een lijst van sleutels met waarden zijn."],
    ),
    (
        "worker_unknown_pillar",
        "begeleider:\n  notities:\n    zorg: tekst\n",
        ["a.yaml:3: 'zorg' is geen bekende pijler. Met 'pleegreflectie sjabloon' zie je alle namen."],
    ),
    (
        "worker_bad_agreements",
        "begeleider:\n"
        "  afspraken:\n"
        "    - {wie: Sanne}\n"
        "    - {wat: Bellen, wanneer: morgen}\n"
        "  volgende_afspraak: volgende week\n",
        [
            "a.yaml:3: 'wat' ontbreekt. Vul het in.",
            "a.yaml:4: wanneer: 'morgen' is geen datum. Schrijf het zo: 2027-12-31.",
            "a.yaml:5: volgende_afspraak: 'volgende week' is geen datum. Schrijf het zo: 2027-12-31.",
        ],
    ),
    (
        "worker_bad_status",
        "begeleider:\n  vorige_afspraken:\n    - {wat: Bellen, status: misschien}\n    - {status: gedaan}\n",
        [
            "a.yaml:3: status: 'misschien' kan hier niet. Kies uit: 'open', 'gedaan', 'bezig', "
            "'niet-gedaan', 'niet-nodig'.",
            "a.yaml:4: 'wat' ontbreekt. Vul het in.",
        ],
    ),
    (
        "worker_unknown_key",
        "begeleider:\n  notitie: x\n",
        ["a.yaml:2: 'notitie' is geen bekende sleutel. Haal het weg of controleer de spelling."],
    ),
    (
        "importance_bad",
        "belang:\n"
        "  zorgen.gedrag: '2'\n"
        "  zorgen.ambassadeur: true\n"
        "  samenwerken.juridisch: 4\n"
        "  functioneren.balans: [1]\n",
        [
            "a.yaml:2: zorgen.gedrag: '2' kan niet. Vul 1 (nu niet zo belangrijk), 2 (belangrijk) "
            "of 3 (heel belangrijk) in.",
            "a.yaml:3: zorgen.ambassadeur: 'True' kan niet. Vul 1 (nu niet zo belangrijk), 2 "
            "(belangrijk) of 3 (heel belangrijk) in.",
            "a.yaml:4: samenwerken.juridisch: '4' kan niet. Vul 1 (nu niet zo belangrijk), 2 "
            "(belangrijk) of 3 (heel belangrijk) in.",
            "a.yaml:5: functioneren.balans: '[1]' kan niet. Vul 1 (nu niet zo belangrijk), 2 "
            "(belangrijk) of 3 (heel belangrijk) in.",
        ],
    ),
    (
        "importance_unknown",
        "belang:\n  zorgen.slapen: 3\n",
        [
            "a.yaml:2: 'zorgen.slapen' is geen bekende competentie. Bedoel je misschien: "
            "zorgen.ambassadeur, zorgen.contact-ouders, zorgen.gedrag? Met 'pleegreflectie "
            "sjabloon' zie je alle namen."
        ],
    ),
    (
        "importance_a_list",
        "belang: [1]\n",
        ["a.yaml:1: 'belang' moet een lijst van sleutels met waarden zijn."],
    ),
    (
        "notes_bad",
        "notities:\n"
        "  zorgen: "
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n"
        "  opvoeden: [a]\n"
        "  ontwikkelen: true\n",
        [
            "a.yaml:2: de notitie bij 'zorgen' is te lang. Gebruik hoogstens 2.000 tekens.",
            "a.yaml:3: de notitie bij 'opvoeden' moet een tekst zijn.",
            "a.yaml:4: de notitie bij 'ontwikkelen' moet een tekst zijn.",
        ],
    ),
    (
        "notes_unknown",
        "notities:\n  zorg: tekst\n",
        ["a.yaml:2: 'zorg' is geen bekende pijler. Met 'pleegreflectie sjabloon' zie je alle namen."],
    ),
    (
        "notes_a_text",
        "notities: tekst\n",
        ["a.yaml:1: 'notities' moet een lijst van sleutels met waarden zijn."],
    ),
    (
        "done_not_a_list",
        "gedaan: film-zelfzorg\n",
        [
            "a.yaml:1: 'gedaan' moet een lijst zijn met de namen (id's) van stappen die jullie al "
            "deden, bijvoorbeeld: gedaan: [triple-p-niveau-4-5, film-zelfzorg]."
        ],
    ),
    (
        "done_empty_item",
        "gedaan: [film-zelfzorg, '']\n",
        [
            "a.yaml:1: 'gedaan' moet een lijst zijn met de namen (id's) van stappen die jullie al "
            "deden, bijvoorbeeld: gedaan: [triple-p-niveau-4-5, film-zelfzorg]."
        ],
    ),
    (
        "done_number_item",
        "gedaan: [film-zelfzorg, 3]\n",
        [
            "a.yaml:1: 'gedaan' moet een lijst zijn met de namen (id's) van stappen die jullie al "
            "deden, bijvoorbeeld: gedaan: [triple-p-niveau-4-5, film-zelfzorg]."
        ],
    ),
    (
        "consent_bad",
        "anoniem_meetellen: misschien\n",
        ["a.yaml:1: bij 'anoniem_meetellen' hoort ja of nee (of laat het leeg)."],
    ),
    (
        "consent_number",
        "anoniem_meetellen: 3\n",
        ["a.yaml:1: bij 'anoniem_meetellen' hoort ja of nee (of laat het leeg)."],
    ),
    (
        "special_spaces_inside",
        "antwoorden:\n  zorgen.gedrag.weten: ' Weet ik  niet'\n",
        [
            "a.yaml:2: zorgen.gedrag.weten: ' Weet ik  niet' is geen geldig antwoord. Vul een getal "
            "van 1 tot en met 5 in, of 'weet ik niet', of 'nvt'."
        ],
    ),
    (
        "all_at_once",
        "profiel:\n"
        "  pleegouder: vreemd\n"
        "deelnemers: [Sanne, Ahmed]\n"
        "antwoorden:\n"
        "  zorgen.gedrag.weten: {Sanne: 9, Piet: 2}\n"
        "  zorgen.x.y: 2\n"
        "belang:\n"
        "  zorgen.gedrag: 5\n"
        "notities:\n"
        "  bla: tekst\n"
        "gedaan: 3\n"
        "anoniem_meetellen: soms\n"
        "extra: 1\n",
        [
            "a.yaml:2: pleegouder: 'vreemd' kan hier niet. Kies uit: 'netwerk', 'bestand'.",
            "a.yaml:5: zorgen.gedrag.weten: '9' is geen geldig antwoord. Vul een getal van 1 tot en "
            "met 5 in, of 'weet ik niet', of 'nvt'.",
            "a.yaml:5: zorgen.gedrag.weten: 'Piet' staat niet bij 'deelnemers:'. Gebruik Sanne of Ahmed.",
            "a.yaml:6: 'zorgen.x.y' is geen bekende vraag. Bedoel je misschien: "
            "zorgen.ambassadeur.doen, zorgen.ambassadeur.weten, zorgen.contact-ouders.doen? Met "
            "'pleegreflectie sjabloon' zie je alle namen.",
            "a.yaml:8: zorgen.gedrag: '5' kan niet. Vul 1 (nu niet zo belangrijk), 2 (belangrijk) "
            "of 3 (heel belangrijk) in.",
            "a.yaml:10: 'bla' is geen bekende pijler. Met 'pleegreflectie sjabloon' zie je alle namen.",
            "a.yaml:11: 'gedaan' moet een lijst zijn met de namen (id's) van stappen die jullie al "
            "deden, bijvoorbeeld: gedaan: [triple-p-niveau-4-5, film-zelfzorg].",
            "a.yaml:12: bij 'anoniem_meetellen' hoort ja of nee (of laat het leeg).",
            "a.yaml:13: 'extra' is geen bekende sleutel. Gebruik alleen: anoniem_meetellen, "
            "antwoorden, begeleider, belang, bespreken, deelnemers, gedaan, notities, profiel.",
        ],
    ),
]
GOOD: list[tuple[str, str, dict[str, Any]]] = [
    (  # numbers as names: the same name as a key of the answers
        "participants_numbers",
        "deelnemers: [1, 2]\nantwoorden:\n  zorgen.gedrag.weten: {1: 4, 2: 3}\n",
        {"antwoorden": {"zorgen.gedrag.weten": {"1": 4, "2": 3}}, "deelnemers": ["1", "2"]},
    ),
    (
        "special_words",
        "antwoorden:\n"
        "  zorgen.gedrag.weten: ' Weet ik niet '\n"
        "  zorgen.gedrag.doen: '?'\n"
        "  zorgen.ambassadeur.weten: N.V.T.\n"
        "  zorgen.ambassadeur.doen: ' 4 '\n",
        {
            "antwoorden": {
                "zorgen.ambassadeur.doen": 4,
                "zorgen.ambassadeur.weten": "nvt",
                "zorgen.gedrag.doen": "weet ik niet",
                "zorgen.gedrag.weten": "weet ik niet",
            }
        },
    ),
    (
        "one_name",
        "deelnemers: Sanne\nantwoorden:\n  zorgen.gedrag.weten: 3\n",
        {"antwoorden": {"zorgen.gedrag.weten": 3}, "deelnemers": ["Sanne"]},
    ),
    (
        "number_names",
        "deelnemers: [1, ' Ahmed  B ']\n"
        "antwoorden:\n"
        "  zorgen.gedrag.weten: {'1': 4, Ahmed B: 2}\n"
        "  zorgen.gedrag.doen: 3\n"
        "  zorgen.ambassadeur.weten: {'1': nvt, Ahmed B: }\n",
        {
            "antwoorden": {
                "zorgen.ambassadeur.weten": {"1": "nvt"},
                "zorgen.gedrag.doen": 3,
                "zorgen.gedrag.weten": {"1": 4, "Ahmed B": 2},
            },
            "deelnemers": ["1", "Ahmed B"],
        },
    ),
    (
        "discuss_twice",
        "bespreken: [zorgen.gedrag.weten, zorgen.gedrag.weten, zorgen.gedrag.doen]\n",
        {"bespreken": ["zorgen.gedrag.weten", "zorgen.gedrag.doen"]},
    ),
    (
        "worker_words",
        "begeleider:\n"
        "  notities:\n"
        "    zorgen: Goed gesprek\n"
        "    opvoeden: ''\n"
        "    samenwerken:\n"
        "  afspraken:\n"
        "    - {wat: Bellen, wie: Sanne, wanneer: 2027-01-15}\n"
        "  volgende_afspraak:\n"
        "  vorige_afspraken:\n"
        "    - {wat: School, status: Nog  Bezig}\n"
        "    - {wat: Training, status: niet meer nodig}\n"
        "    - {wat: Boek, status: nog niet gedaan}\n",
        {
            "begeleider": {
                "afspraken": [{"wanneer": "2027-01-15", "wat": "Bellen", "wie": "Sanne"}],
                "notities": {"zorgen": "Goed gesprek"},
                "vorige_afspraken": [
                    {"status": "bezig", "wat": "School"},
                    {"status": "niet-nodig", "wat": "Training"},
                    {"status": "niet-gedaan", "wat": "Boek"},
                ],
            }
        },
    ),
    ("worker_empty", "begeleider:\n  notities:\n    zorgen:\n  afspraken: []\n", {}),
    (
        "importance_and_notes",
        "belang:\n"
        "  zorgen.gedrag: 3\n"
        "  zorgen.ambassadeur:\n"
        "notities:\n"
        "  zorgen: 12\n"
        "  opvoeden: '  tekst  '\n",
        {"belang": {"zorgen.gedrag": 3}, "notities": {"opvoeden": "tekst", "zorgen": "12"}},
    ),
    (
        "done_twice",
        "gedaan: [film-zelfzorg, ' film-zelfzorg ', triple-p-niveau-4-5]\n",
        {"gedaan": ["film-zelfzorg", "triple-p-niveau-4-5"]},
    ),
    ("consent_words", "anoniem_meetellen: ' Ja '\n", {"anoniem_meetellen": True}),
    ("consent_bool", "anoniem_meetellen: false\n", {"anoniem_meetellen": False}),
    (
        "profile_words",
        "profiel:\n"
        "  land: vl\n"
        "  voorbereiding: ja\n"
        "  eigen_kinderen: Nee\n"
        "  pleegzorgvormen: crisis\n"
        "  leeftijden_pleegkinderen: 4 en 9\n"
        "  uitdagingen: nee\n"
        "  leervormen: geen\n"
        "  plaatsing_sinds: 9-2024\n"
        "  huishouden: '  Gezin   A '\n",
        {
            "profiel": {
                "eigen_kinderen": False,
                "huishouden": "Gezin A",
                "land": "vl",
                "leeftijden_pleegkinderen": [4, 9],
                "plaatsing_sinds": "2024-09",
                "pleegzorgvormen": ["crisis"],
                "voorbereiding": True,
            }
        },
    ),
    (
        "profile_date",
        "profiel:\n  plaatsing_sinds: 2024-09-15\n",
        {"profiel": {"plaatsing_sinds": "2024-09"}},
    ),
    (
        "empty_sections",
        "profiel:\n"
        "antwoorden:\n"
        "belang:\n"
        "notities:\n"
        "bespreken:\n"
        "begeleider:\n"
        "gedaan:\n"
        "anoniem_meetellen:\n"
        "deelnemers:\n",
        {},
    ),
]


def problems(framework: Framework, text: str) -> list[str]:
    with pytest.raises(InvalidFileError) as caught:
        parse_answers(framework, Source("a.yaml", text, ANSWERS_LIMITS))
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize(("text", "said"), [case[1:] for case in BAD], ids=[case[0] for case in BAD])
def test_each_mistake_is_named_with_its_line(framework: Framework, text: str, said: list[str]) -> None:
    assert problems(framework, text) == said


@pytest.mark.parametrize(("text", "read"), [case[1:] for case in GOOD], ids=[case[0] for case in GOOD])
def test_answers_as_people_write_them(framework: Framework, text: str, read: dict[str, Any]) -> None:
    assert parse_answers(framework, Source("a.yaml", text, ANSWERS_LIMITS)).to_file_data() == read
