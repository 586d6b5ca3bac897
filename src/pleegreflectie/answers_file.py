"""The answers file (`pleegreflectie start --antwoorden`): YAML to `Answers`, every problem with
file:line, all at once."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from .errors import InvalidFileError, Problem, thousands
from .load import ANSWERS_LIMITS, Source, _quote, _require_mapping, parse, read_source, validate
from .models import LABEL_MAX, NOTE_MAX, Answers, Framework, Profile, Special, WorkerPart
from .wording import day_text, parse_ages, parse_month

_SPECIAL_WORDS = {
    "weet ik niet": Special.DONT_KNOW,
    "?": Special.DONT_KNOW,
    "nvt": Special.NOT_APPLICABLE,
    "n.v.t.": Special.NOT_APPLICABLE,
    "niet van toepassing": Special.NOT_APPLICABLE,
}


def load_answers(framework: Framework, path: Path) -> Answers:
    return parse_answers(framework, read_source(path, ANSWERS_LIMITS))


def read_answers(framework: Framework, path: Path) -> tuple[Answers, Source]:
    """The answers and their file, for a later check with `unknown_follow_ups`."""
    source = read_source(path, ANSWERS_LIMITS)
    return parse_answers(framework, source), source


def past_dates(source: Source, answers: Answers, today: dt.date) -> list[str]:
    """Notes (with file:line) for agreements and a next visit dated before `today`: asked about on
    the screen ("Die datum is al voorbij. Klopt dat?"), said here; the file is still read."""
    worker = answers.worker
    if worker is None:
        return []
    notes = []
    for index, agreement in enumerate(worker.agreements):
        if agreement.when is not None and agreement.when < today:
            line = source.line(("begeleider", "afspraken", index, "wanneer"))
            notes.append(
                f"Let op: {source.name}:{line}: de datum {day_text(agreement.when)} bij de afspraak "
                f"{_quote(agreement.what)} is al voorbij. Klopt dat? Verbeter anders het bestand."
            )
    if worker.next_visit is not None and worker.next_visit < today:
        line = source.line(("begeleider", "volgende_afspraak"))
        notes.append(
            f"Let op: {source.name}:{line}: het volgende bezoek ({day_text(worker.next_visit)}) is al "
            "voorbij. Klopt dat? Verbeter anders het bestand."
        )
    return notes


def unknown_follow_ups(
    source: Source, said: Sequence[str], positions: Sequence[int], known: Sequence[str]
) -> InvalidFileError:
    """`begeleider.vorige_afspraken` names an agreement the previous visit did not have."""
    listed = "; ".join(f"'{what}'" for what in known[:5]) + ("; ..." if len(known) > 5 else "")
    problems = [
        source.problem(
            ("begeleider", "vorige_afspraken", position, "wat"),
            f"{_quote(said[position])} staat niet bij de afspraken van de vorige keer. "
            f"Dat waren: {listed}. Schrijf 'wat' zoals daar (hoofdletters tellen niet).",
        )
        for position in positions
    ]
    return InvalidFileError(problems, hint="Verbeter het bestand en probeer het opnieuw.")


def parse_answers(framework: Framework, source: Source) -> Answers:
    data = _require_mapping(parse(source, ANSWERS_LIMITS), source, "'antwoorden:'")
    problems: list[Problem] = []
    allowed = {
        "profiel",
        "deelnemers",
        "antwoorden",
        "belang",
        "notities",
        "bespreken",
        "begeleider",
        "gedaan",
        "anoniem_meetellen",
    }
    for key in data:
        if key not in allowed:
            problems.append(
                source.problem(
                    (key,), f"'{key}' is geen bekende sleutel. Gebruik alleen: {', '.join(sorted(allowed))}."
                )
            )

    profile, profile_problems = validate(Profile, _filled(data.get("profiel")), source, ("profiel",))
    problems += profile_problems
    today = dt.date.today()
    if profile is not None and profile.placement_since and profile.placement_since > f"{today:%Y-%m}":
        problems.append(
            source.problem(
                ("profiel", "plaatsing_sinds"),
                f"plaatsing_sinds: '{profile.placement_since}' ligt in de toekomst. Schrijf de maand "
                "waarin je pleegkind kwam, zoals 2024-09.",
            )
        )

    questions = {q.id for q in framework.questions()}
    competencies = {c.id for c in framework.competencies()}
    pillars = {p.id for p in framework.pillars}

    participants = _participants(data, source, problems)
    answers: dict[str, int | Special] = {}
    partner: dict[str, int | Special] = {}
    for key, value in _section(data, "antwoorden", source, problems):
        if key not in questions:
            problems.append(source.problem(("antwoorden", key), _unknown("vraag", key, questions)))
        elif value is None:
            continue  # left empty in the template: not answered
        elif isinstance(value, dict):
            if len(participants) != 2:
                problems.append(
                    source.problem(
                        ("antwoorden", key),
                        f"{key}: een antwoord per pleegouder kan alleen met twee namen bij 'deelnemers:', "
                        "bijvoorbeeld: deelnemers: [Sanne, Ahmed]",
                    )
                )
                continue
            for label, item in value.items():
                if label not in participants:
                    problems.append(
                        source.problem(
                            ("antwoorden", key, label),
                            f"{key}: '{label}' staat niet bij 'deelnemers:'. "
                            f"Gebruik {participants[0]} of {participants[1]}.",
                        )
                    )
                    continue
                if item is None:
                    continue
                given = _answer(item)
                if given is None:
                    problems.append(source.problem(("antwoorden", key, label), _bad_answer(key, item)))
                else:
                    (answers if label == participants[0] else partner)[key] = given
        elif (given := _answer(value)) is not None:
            answers[key] = given
            if len(participants) == 2:
                partner[key] = given  # one value: both gave this answer
        else:
            problems.append(source.problem(("antwoorden", key), _bad_answer(key, value)))

    discuss: list[str] = []
    marked = data.get("bespreken")
    if marked is not None:
        if not isinstance(marked, list):
            problems.append(source.problem(("bespreken",), "'bespreken' moet een lijst van vragen zijn."))
        else:
            for index, item in enumerate(marked):
                if not isinstance(item, str) or item not in questions:
                    problems.append(
                        source.problem(("bespreken", index), _unknown("vraag", str(item), questions))
                    )
                elif item not in discuss:
                    discuss.append(item)

    worker = None
    if data.get("begeleider") is not None:
        worker, worker_problems = validate(
            WorkerPart, _worker_filled(data["begeleider"]), source, ("begeleider",)
        )
        problems += worker_problems
        if worker is not None and worker.is_empty:
            worker = None
        if worker is not None:
            for pillar_id in worker.notes:
                if pillar_id not in pillars:
                    problems.append(
                        source.problem(
                            ("begeleider", "notities", pillar_id), _unknown("pijler", pillar_id, pillars)
                        )
                    )

    importance: dict[str, int] = {}
    for key, value in _section(data, "belang", source, problems):
        if key not in competencies:
            problems.append(source.problem(("belang", key), _unknown("competentie", key, competencies)))
        elif value is None:
            continue
        elif isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 3:
            importance[key] = value
        else:
            problems.append(
                source.problem(
                    ("belang", key),
                    f"{key}: {_quote(value)} kan niet. Vul 1 (nu niet zo belangrijk), 2 (belangrijk) "
                    "of 3 (heel belangrijk) in.",
                )
            )

    notes: dict[str, str] = {}
    for key, value in _section(data, "notities", source, problems):
        if key not in pillars:
            problems.append(source.problem(("notities", key), _unknown("pijler", key, pillars)))
        elif value is None:
            continue
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
            if len(str(value).strip()) > NOTE_MAX:
                problems.append(
                    source.problem(
                        ("notities", key),
                        f"de notitie bij '{key}' is te lang. Gebruik hoogstens {thousands(NOTE_MAX)} tekens.",
                    )
                )
            elif str(value).strip():
                notes[key] = str(value).strip()
        else:
            problems.append(source.problem(("notities", key), f"de notitie bij '{key}' moet een tekst zijn."))

    done = _done_steps(data, source, problems)

    consent = data.get("anoniem_meetellen")
    if isinstance(consent, str) and consent.strip().lower() in _YES_NO:
        consent = _YES_NO[consent.strip().lower()]
    if consent is not None and not isinstance(consent, bool):
        problems.append(
            source.problem(
                ("anoniem_meetellen",), "bij 'anoniem_meetellen' hoort ja of nee (of laat het leeg)."
            )
        )
        consent = None

    if problems or profile is None:
        raise InvalidFileError(
            problems, hint="Verbeter het bestand en probeer het opnieuw.", skipped=source.skipped
        )
    return Answers(
        profile=profile,
        participants=tuple(participants),
        answers=answers,
        partner_answers=partner,
        importance=importance,
        notes=notes,
        discuss=tuple(discuss),
        worker=worker,
        done=done,
        consent=consent,
    )


def _done_steps(data: dict[str, Any], source: Source, problems: list[Problem]) -> tuple[str, ...]:
    """`gedaan: [course ids]`: steps of an earlier route the family has done."""
    value = data.get("gedaan")
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problems.append(
            source.problem(
                ("gedaan",),
                "'gedaan' moet een lijst zijn met de namen (id's) van stappen die jullie al deden, "
                "bijvoorbeeld: gedaan: [triple-p-niveau-4-5, film-zelfzorg].",
            )
        )
        return ()
    return tuple(dict.fromkeys(v.strip() for v in value))


def _worker_filled(value: Any) -> Any:
    """The worker's part as written from the template: empty notes and lists mean 'nothing'."""
    if not isinstance(value, dict):
        return value
    filled = {k: v for k, v in value.items() if v is not None}
    follow_ups = filled.get("vorige_afspraken")
    if isinstance(follow_ups, list):  # the statuses as people say them: "nog bezig", "niet meer nodig"
        filled["vorige_afspraken"] = [
            {**item, "status": _STATUS_WORDS.get(_words(item["status"]), item["status"])}
            if isinstance(item, dict) and isinstance(item.get("status"), str)
            else item
            for item in follow_ups
        ]
    if isinstance(filled.get("notities"), dict):
        filled["notities"] = {k: v for k, v in filled["notities"].items() if v not in (None, "")}
    return filled


_STATUS_WORDS = {
    "nog bezig": "bezig",
    "nog niet gedaan": "niet-gedaan",
    "niet gedaan": "niet-gedaan",
    "niet meer nodig": "niet-nodig",
    "niet nodig": "niet-nodig",
}


def _words(text: str) -> str:
    return " ".join(text.lower().split())


def _answer(value: Any) -> int | Special | None:
    """One answer on the scale as people write it; None when it is not one."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        return None
    if isinstance(value, int):
        return value if 1 <= value <= 5 else None
    if (special := _SPECIAL_WORDS.get(value.strip().lower())) is not None:
        return special
    if value.strip().isdigit() and 1 <= int(value.strip()) <= 5:
        return int(value.strip())
    return None


def _participants(data: dict[str, Any], source: Source, problems: list[Problem]) -> list[str]:
    """The labels under 'deelnemers': one or two, different, short."""
    value = data.get("deelnemers")
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not 1 <= len(value) <= 2:
        problems.append(
            source.problem(
                ("deelnemers",),
                "'deelnemers' moet één of twee namen hebben, bijvoorbeeld: deelnemers: [Sanne, Ahmed]. "
                "Meer dan twee pleegouders kan niet in één reflectie.",
            )
        )
        return []
    labels: list[str] = []
    for index, item in enumerate(value):
        label = " ".join(str(item).split()) if isinstance(item, (str, int)) else ""
        if not label or len(label) > LABEL_MAX or "@" in label or not label.isprintable():
            problems.append(
                source.problem(
                    ("deelnemers", index),
                    f"een naam bij 'deelnemers' moet een korte tekst zijn (hoogstens {LABEL_MAX} tekens).",
                )
            )
        elif any(label.casefold() == other.casefold() for other in labels):
            problems.append(
                source.problem(("deelnemers", index), f"'{label}' staat twee keer bij 'deelnemers'.")
            )
        else:
            labels.append(label)
    return labels if len(labels) == len(value) else []


_YES_NO = {"ja": True, "nee": False}
_LISTS = ("pleegzorgvormen", "leeftijden_pleegkinderen", "uitdagingen", "leervormen")


def _filled(value: Any) -> Any:
    """The profile as written by people: empty means 'not said', 'ja'/'nee' are yes/no,
    and a single value is fine where a list is expected."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        return value
    profile = {}
    for key, item in value.items():
        if item is None or item == "" or item == []:
            continue
        if key == "plaatsing_sinds" and isinstance(item, dt.date):
            item = f"{item.year:04d}-{item.month:02d}"  # a whole date: its month
        elif key == "plaatsing_sinds" and isinstance(item, str):
            with contextlib.suppress(ValueError):  # not a month (yet): validation says what is wrong
                item = parse_month(item, today=dt.date.max)  # 9-2024 as 2024-09
        if key == "leeftijden_pleegkinderen" and isinstance(item, str):
            with contextlib.suppress(ValueError):  # not ages: validation says what is wrong
                item = parse_ages(item)  # "4, 9" and "4 en 9", as the template says
        if key in _LISTS and isinstance(item, str) and item.strip().lower() in ("nee", "geen"):
            continue  # "nee" for a list: nothing to say
        if isinstance(item, str) and item.strip().lower() in _YES_NO:
            item = _YES_NO[item.strip().lower()]
        if key in _LISTS and not isinstance(item, list):
            item = [item]
        profile[key] = item
    return profile


def _section(
    data: dict[str, Any], key: str, source: Source, problems: list[Problem]
) -> Iterator[tuple[str, Any]]:
    value = data.get(key)
    if value is None:
        return
    if not isinstance(value, dict):
        problems.append(source.problem((key,), f"'{key}' moet een lijst van sleutels met waarden zijn."))
        return
    for item_key, item_value in value.items():
        yield str(item_key), item_value


def _unknown(what: str, key: str, known: set[str]) -> str:
    close = sorted(k for k in known if k.split(".")[0] == key.split(".")[0])[:3]
    hint = f" Bedoel je misschien: {', '.join(close)}?" if close else ""
    return f"'{key}' is geen bekende {what}.{hint} Met 'pleegreflectie sjabloon' zie je alle namen."


def _bad_answer(key: str, value: Any) -> str:
    return (
        f"{key}: {_quote(value)} is geen geldig antwoord. Vul een getal van 1 tot en met 5 in, "
        "of 'weet ik niet', of 'nvt'."
    )
