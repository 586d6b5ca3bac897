"""The answers file (`pleegreflectie start --antwoorden`): YAML to `Answers`, every problem with
file:line, all at once.

`AnswersFile` describes the file as people write it (its Dutch keys are a contract: organisations
build on them). `structs` checks it like every other file, with the file's own Dutch texts where a
general one would say less (`Meta(extra={"problem": ...})`). `AnswersFile.before` first reads words as
people write them ("weet ik niet", "ja", "nog bezig", `4, 9`, one value for a list). What needs the
framework (question, competency and pillar ids), the two foster parents' names or today's date is
checked after that, by the small functions below, on the same data.
"""

import contextlib
import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Annotated, Any, ClassVar, TypeVar

from msgspec import Meta, field

from .datafile import require_mapping, validate
from .errors import InvalidFileError, Problem, thousands
from .errors import quote as _quote
from .models import (
    LABEL_MAX,
    NOTE_MAX,
    STATUS_WORDS,
    Answers,
    AnswerValue,
    Catalogue,
    Framework,
    Profile,
    Special,
    WorkerPart,
)
from .structs import STRICT, Model, yes_no
from .wording import day_text, parse_ages, parse_month
from .yamlfile import Limits, Source, parse, read_source

ANSWERS_LIMITS = Limits("een antwoordenbestand", size=1_000_000, depth=20, items=10_000, aliases=False)

M = TypeVar("M", bound=Model)

# ---------------------------------------------------------------- the file as people write it

_SPECIAL_WORDS = {
    "weet ik niet": Special.DONT_KNOW,
    "?": Special.DONT_KNOW,
    "nvt": Special.NOT_APPLICABLE,
    "n.v.t.": Special.NOT_APPLICABLE,
    "niet van toepassing": Special.NOT_APPLICABLE,
}
# How people write a status of last time's agreements: the words the program shows, and shorter.
_STATUS_WORDS = {
    **{words: status for status, words in STATUS_WORDS.items()},
    "niet gedaan": "niet-gedaan",
    "niet nodig": "niet-nodig",
}
_LISTS = ("pleegzorgvormen", "leeftijden_pleegkinderen", "uitdagingen", "leervormen")

_ANSWER = (
    "{loc[1]}: {value} is geen geldig antwoord. Vul een getal van 1 tot en met 5 in, "
    "of 'weet ik niet', of 'nvt'."
)
_TWO_NAMES = "bijvoorbeeld: deelnemers: [Sanne, Ahmed]"

# One answer: 1 to 5 (a number, also written as text) or a special word; per foster parent a
# mapping of names to answers. Empty (None) is a question not answered.
Answer = Annotated[
    Annotated[int, STRICT, Meta(ge=1, le=5)] | Special | None, Meta(extra={"problem": _ANSWER})
]
Given = Annotated[
    Annotated[int, STRICT, Meta(ge=1, le=5)] | Special | dict[str, Answer] | None,
    Meta(extra={"problem": _ANSWER}),
]
Name = Annotated[
    str,
    Meta(min_length=1, max_length=LABEL_MAX, pattern="^[^@]*$"),
    Meta(
        extra={
            "problem": f"een naam bij 'deelnemers' moet een korte tekst zijn (hoogstens {LABEL_MAX} tekens)."
        }
    ),
]
Names = Annotated[
    Annotated[tuple[Name, ...], Meta(min_length=1, max_length=2)] | None,
    Meta(
        extra={
            "problem": f"'deelnemers' moet één of twee namen hebben, {_TWO_NAMES}. "
            "Meer dan twee pleegouders kan niet in één reflectie."
        }
    ),
]
Importance = Annotated[
    Annotated[int, STRICT, Meta(ge=1, le=3)] | None,
    Meta(
        extra={
            "problem": "{key}: {value} kan niet. Vul 1 (nu niet zo belangrijk), 2 (belangrijk) "
            "of 3 (heel belangrijk) in."
        }
    ),
]
NoteText = Annotated[
    Annotated[str, Meta(max_length=NOTE_MAX)] | None,
    Meta(
        extra={
            "problem": "de notitie bij '{key}' moet een tekst zijn.",
            "too_long": "de notitie bij '{key}' is te lang. "
            f"Gebruik hoogstens {thousands(NOTE_MAX)} tekens.",
        }
    ),
]
Discuss = Annotated[
    list[object] | None, Meta(extra={"problem": "'bespreken' moet een lijst van vragen zijn."})
]
Done = Annotated[
    list[Annotated[str, Meta(pattern=r"\S")]] | None,
    Meta(
        extra={
            "problem": "'gedaan' moet een lijst zijn met de namen (id's) van stappen die jullie al deden, "
            "bijvoorbeeld: gedaan: [triple-p-niveau-4-5, film-zelfzorg]."
        }
    ),
]
Consent = Annotated[
    Annotated[bool, STRICT] | None,
    Meta(extra={"problem": "bij 'anoniem_meetellen' hoort ja of nee (of laat het leeg)."}),
]


class AnswersFile(Model, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """An answers file as written: the keys of `sjabloon`, checked before the framework is asked."""

    __unknown_key__: ClassVar[str] = (
        "'{key}' is geen bekende sleutel. Gebruik alleen: anoniem_meetellen, antwoorden, begeleider, "
        "belang, bespreken, deelnemers, gedaan, notities, profiel."
    )

    profile: Profile = field(name="profiel", default_factory=Profile)
    participants: Names = field(name="deelnemers", default=None)
    answers: dict[str, Given] | None = field(name="antwoorden", default=None)
    importance: dict[str, Importance] | None = field(name="belang", default=None)
    notes: dict[str, NoteText] | None = field(name="notities", default=None)
    discuss: Discuss = field(name="bespreken", default=None)
    worker: WorkerPart | None = field(name="begeleider", default=None)
    done: Done = field(name="gedaan", default=None)
    consent: Consent = field(name="anoniem_meetellen", default=None)

    @classmethod
    def before(cls, data: dict[str, Any]) -> dict[str, Any]:
        """The file as people write it: words for answers and yes/no, one name for a list of names,
        empty parts left out. New containers only: the data as parsed stays as it was."""
        tidy = dict(data)
        tidy["profiel"] = _filled(data.get("profiel"))
        if isinstance(names := data.get("deelnemers"), (str, int)) and not isinstance(names, bool):
            names = [names]
        if isinstance(names, list):
            tidy["deelnemers"] = [_label(name) for name in names]
        if isinstance(given := data.get("antwoorden"), dict):
            tidy["antwoorden"] = {
                str(key): {_label(k): _answer(v) for k, v in value.items()}
                if isinstance(value, dict)
                else _answer(value)
                for key, value in given.items()
            }
        for section in ("belang", "notities"):
            if isinstance(value := data.get(section), dict):
                tidy[section] = {str(key): item for key, item in value.items()}
        if isinstance(notes := tidy.get("notities"), dict):
            tidy["notities"] = {key: _note(item) for key, item in notes.items()}
        tidy["begeleider"] = _worker_filled(data.get("begeleider"))
        if isinstance(consent := data.get("anoniem_meetellen"), str):
            tidy["anoniem_meetellen"] = yes_no(consent)
        return tidy

    def to_answers(self) -> Answers:
        """The reflection's answers: the first foster parent's, the second one's, the rest."""
        labels = self.participants or ()
        first: dict[str, AnswerValue] = {}
        second: dict[str, AnswerValue] = {}
        for key, value in (self.answers or {}).items():
            if isinstance(value, dict):
                for label, given in value.items():
                    if given is not None:
                        (first if label == labels[0] else second)[key] = given
            elif value is not None:
                first[key] = value
                if len(labels) == 2:
                    second[key] = value  # one value: both gave this answer
        worker = self.worker
        return Answers(
            profile=self.profile,
            participants=labels,
            answers=first,
            partner_answers=second,
            importance={k: v for k, v in (self.importance or {}).items() if v is not None},
            notes={k: v for k, v in (self.notes or {}).items() if v is not None},
            discuss=tuple(dict.fromkeys(str(item) for item in self.discuss or ())),
            worker=None if worker is None or worker.is_empty else worker,
            done=tuple(dict.fromkeys(item.strip() for item in self.done or ())),
            consent=self.consent,
        )


def _label(name: Any) -> Any:
    """A foster parent's name (or number) with its spaces tidied; anything else as it is."""
    if isinstance(name, int) and not isinstance(name, bool):
        name = str(name)
    return " ".join(name.split()) if isinstance(name, str) else name


def _answer(value: Any) -> Any:
    """An answer as people write it: "Weet ik niet", "?", "n.v.t.", " 4 "."""
    if not isinstance(value, str):
        return value
    word = value.strip().lower()
    if word in _SPECIAL_WORDS:
        return _SPECIAL_WORDS[word].value
    return int(word) if word.isdigit() and word.isascii() else value


def _note(value: Any) -> Any:
    """A note: text (a number is text too), without spaces around it; only spaces is no note."""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip() or None
    return value


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
        item = yes_no(item)
        if key in _LISTS and not isinstance(item, list):
            item = [item]
        profile[key] = item
    return profile


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


def _words(text: str) -> str:
    return " ".join(text.lower().split())


# ---------------------------------------------------------------- reading it


def load_answers(framework: Framework, path: Path, catalogue: Catalogue | None = None) -> Answers:
    return parse_answers(framework, read_source(path, ANSWERS_LIMITS), catalogue)


def read_answers(
    framework: Framework, path: Path, catalogue: Catalogue | None = None
) -> tuple[Answers, Source]:
    """The answers and their file, for a later check with `unknown_follow_ups`."""
    source = read_source(path, ANSWERS_LIMITS)
    return parse_answers(framework, source, catalogue), source


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


def parse_answers(framework: Framework, source: Source, catalogue: Catalogue | None = None) -> Answers:
    """The answers of a file; with a `catalogue`, the steps under `gedaan` must be in it."""
    data = require_mapping(parse(source, ANSWERS_LIMITS), source, "'antwoorden:'", example=True)
    written, problems = validate(AnswersFile, data, source)
    tidy = AnswersFile.before(data)
    problems += _unknown_ids(framework, tidy, source)
    problems += _names_and_answers(tidy, source)
    problems += _future_placement(tidy, source)
    if catalogue is not None:
        problems += _unknown_done(catalogue, tidy, source)
    if problems or written is None:
        raise InvalidFileError(
            problems, hint="Verbeter het bestand en probeer het opnieuw.", skipped=source.skipped
        )
    return written.to_answers()


# ---------------------------------------------------------------- checks across the file


class _Names(Model, frozen=True, kw_only=True, forbid_unknown_fields=False):
    """Only the names of an answers file, to check the answers per foster parent against them."""

    participants: Names = field(name="deelnemers", default=None)


def _fine(model: type[M], data: Any) -> M | None:
    """One part of the file as a record when it is fine on its own, else None (its problems are
    said by the check of the whole file)."""
    try:
        return model.model_validate(data)
    except ValueError:
        return None


def _names_and_answers(tidy: dict[str, Any], source: Source) -> Iterator[Problem]:
    """Two names that differ; an answer per foster parent only with two names, and only theirs."""
    names = _fine(_Names, tidy)
    labels = list(names.participants or ()) if names is not None else []
    for index, label in enumerate(labels):
        if any(label.casefold() == other.casefold() for other in labels[:index]):
            yield source.problem(("deelnemers", index), f"'{label}' staat twee keer bij 'deelnemers'.")
            labels = []
            break
    given = tidy.get("antwoorden")
    for key, value in given.items() if isinstance(given, dict) else ():
        if not isinstance(value, dict):
            continue
        if len(labels) != 2:
            yield source.problem(
                ("antwoorden", key),
                f"{key}: een antwoord per pleegouder kan alleen met twee namen bij 'deelnemers:', "
                + _TWO_NAMES,
            )
            continue
        for label in value:
            if label not in labels:
                yield source.problem(
                    ("antwoorden", key, label),
                    f"{key}: '{label}' staat niet bij 'deelnemers:'. Gebruik {labels[0]} of {labels[1]}.",
                )


def _future_placement(tidy: dict[str, Any], source: Source) -> Iterator[Problem]:
    profile = _fine(Profile, tidy.get("profiel"))
    month = profile.placement_since if profile is not None else None
    if month and month > f"{dt.date.today():%Y-%m}":
        yield source.problem(
            ("profiel", "plaatsing_sinds"),
            f"plaatsing_sinds: '{month}' ligt in de toekomst. Schrijf de maand "
            "waarin je pleegkind kwam, zoals 2024-09.",
        )


def _unknown_ids(framework: Framework, tidy: dict[str, Any], source: Source) -> Iterator[Problem]:
    """Every question, competency and pillar id the framework does not have."""
    questions = {q.id for q in framework.questions()}
    competencies = {c.id for c in framework.competencies()}
    pillars = {p.id for p in framework.pillars}
    worker = tidy.get("begeleider")
    sections: list[tuple[tuple[str, ...], str, set[str]]] = [
        (("antwoorden",), "vraag", questions),
        (("belang",), "competentie", competencies),
        (("notities",), "pijler", pillars),
    ]
    for loc, what, known in sections:
        given = tidy.get(loc[0])
        for key in given if isinstance(given, dict) else ():
            if key not in known:
                yield source.problem((*loc, key), _unknown(what, key, known))
    discuss = tidy.get("bespreken")
    for index, item in enumerate(discuss if isinstance(discuss, list) else ()):
        if not isinstance(item, str) or item not in questions:
            yield source.problem(("bespreken", index), _unknown("vraag", str(item), questions))
    notes = worker.get("notities") if isinstance(worker, dict) else None
    for key in notes if isinstance(notes, dict) else ():
        if isinstance(key, str) and key not in pillars:
            yield source.problem(("begeleider", "notities", key), _unknown("pijler", key, pillars))


def _unknown_done(catalogue: Catalogue, tidy: dict[str, Any], source: Source) -> Iterator[Problem]:
    """Every step under `gedaan` the catalogue does not have."""
    known = {entry.id for entry in catalogue.entries}
    example = f", zoals {catalogue.entries[0].id}" if catalogue.entries else ""
    done = tidy.get("gedaan")
    for index, item in enumerate(done if isinstance(done, list) else ()):
        if isinstance(item, str) and item.strip() and item.strip() not in known:
            yield source.problem(
                ("gedaan", index),
                f"{_quote(item.strip())} staat niet in de catalogus. Schrijf bij 'gedaan' de id van een "
                f"stap uit de catalogus{example}.",
            )


def _unknown(what: str, key: str, known: set[str]) -> str:
    close = sorted(k for k in known if k.split(".")[0] == key.split(".")[0])[:3]
    hint = f" Bedoel je misschien: {', '.join(close)}?" if close else ""
    return f"'{key}' is geen bekende {what}.{hint} Met 'pleegreflectie sjabloon' zie je alle namen."
