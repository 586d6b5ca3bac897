"""Asks the questions of a reflection. It asks and records; it never scores.

What to ask next comes from the `Sitting` (flow.py); how a prompt looks on the screen comes from a
`Prompts` implementation (prompts.py: questionary). After every answer `on_change` is called, so the
caller can save at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias

from .conversation import agreement_text
from .flow import (
    FOLLOW_UP_STATUSES,
    PARENTS_COUNT_KEY,
    PROFILE_ALWAYS,
    SETUP_TOGETHER,
    SETUP_WHO,
    SETUP_WORKER,
    Progress,
    Sitting,
    Step,
    StepKind,
    low_competencies,
    progress,
)
from .models import (
    AGREEMENT_MAX,
    LABEL_MAX,
    NOTE_MAX,
    STATUS_WORDS,
    Address,
    Agreement,
    Competency,
    Framework,
    Pillar,
    Special,
    address_of,
    pick,
)
from .profile import ProfileQuestions, country_of, profile_lines
from .profile_file import bundled_questions
from .prompts import Action, Box, Option, Prompts, QuestionaryPrompts, Value
from .wording import ages_text, day_text, parse_ages, parse_day, parse_month

if TYPE_CHECKING:
    from prompt_toolkit.input import Input
    from prompt_toolkit.output import Output


_Lists: TypeAlias = "list[Value] | list[str] | list[int]"
_Tables: TypeAlias = "dict[str, int] | dict[str, str] | dict[str, list[str]]"
Answer: TypeAlias = "Value | _Lists | _Tables | None"
"""What one step of the interview gives (`Sitting.record` keeps it), or an `Action`."""


class Stopped(Exception):
    """The user chose to stop; everything answered so far was already handed to on_change."""


class Presenter(Protocol):
    """What the interview shows between questions (implemented with rich in view.py)."""

    def pillar_intro(self, pillar: Pillar, index: int, count: int) -> None: ...

    def help(self, competency: Competency) -> None: ...

    def progress(self, progress: Progress, title: str) -> None: ...

    def message(self, text: str) -> None: ...


INSTRUCTION = "(druk op een cijfer of letter)"
MULTI_INSTRUCTION = "(pijltjes om te bewegen, spatiebalk of cijfer om te kiezen, Enter als je klaar bent)"
# Choices of a tick-box list that go by themselves ("Geen bijzondere moeite", "Weet ik (nog) niet").
ALONE = frozenset({"geen", "onbekend"})
BACK_WORD = "terug"
DROP_WORD = "weg"  # an agreement carried from last time that is no longer needed
BACK_BOX = "<< Terug naar de vorige vraag"
OTHER_NAME = "andere-naam"  # the answer "a report, with another file name"
CHANGE = "veranderen"  # "Klopt dit nog?" - "Nee, ik wil iets veranderen"


def _address(sitting: Sitting) -> Address:
    """ "je" to one foster parent, "jullie" to two (at the table, or in the household)."""
    return address_of(sitting.to_answers())


class Interview:
    def __init__(
        self,
        framework: Framework,
        presenter: Presenter,
        *,
        titles: Mapping[str, str] | None = None,
        prompt_input: Input | None = None,
        prompt_output: Output | None = None,
        prompts: Prompts | None = None,
        saving: bool = True,
        today: dt.date | None = None,
        profile_questions: ProfileQuestions | None = None,
    ) -> None:
        self.framework = framework
        # The questions about the family (data/profiel.yaml).
        self.profile_questions = profile_questions or bundled_questions()
        self.presenter = presenter
        self.titles = dict(titles or {})  # catalogue entry id -> title, for the previous route
        self.prompts: Prompts = prompts or QuestionaryPrompts(prompt_input, prompt_output)
        self.saving = saving  # False with --geen-opslag: "stoppen" then loses the answers
        self._shown_question: str | None = None
        self.today = today or dt.date.today()  # a date before it is asked about
        self._save: Callable[[], None] = lambda: None

    def run(self, sitting: Sitting, on_change: Callable[[Sitting], None]) -> Sitting:
        self._save = lambda: on_change(sitting)
        shown_pillar: str | None = None
        while (step := sitting.next_step(self.framework, self.profile_questions)) is not None:
            if step.pillar_id and step.pillar_id != shown_pillar:
                self._intro(sitting, step.pillar_id)
                shown_pillar = step.pillar_id
            result = self.ask(sitting, step)
            if result is Action.HELP:
                self._help(step)
                continue
            if result is Action.MARK:
                marked = sitting.toggle_mark(step.key)
                self.presenter.message(
                    "Deze vraag staat op de lijst om te bespreken."
                    if marked
                    else "Deze vraag staat niet meer op de lijst om te bespreken."
                )
                on_change(sitting)
                continue
            if result is Action.STOP:
                raise Stopped
            if result is Action.BACK:
                self._shown_question = None
                if not sitting.back():
                    self.presenter.message("Dit is de eerste vraag. Verder terug kan niet.")
            elif result is Action.SKIP:
                sitting.skip(step)
            else:
                sitting.record(step, result)
            on_change(sitting)
        return sitting

    # -- one step

    def ask(self, sitting: Sitting, step: Step) -> Answer:
        previous = sitting.value(step)
        kind = step.kind
        if kind == StepKind.QUESTION:
            return self._question(sitting, step, previous)
        if kind == StepKind.PRIORITY:
            return self._priority(sitting, step, previous)
        if kind == StepKind.IMPORTANCE:
            competency = self.framework.competency(step.key)
            options = [Option(str(o.value), o.label, o.value) for o in self.framework.importance]
            text = f"{self.framework.importance_question} ({competency.name})"
            return self._choose(text, options, previous, help_allowed=True)
        if kind == StepKind.NOTE:
            pillar = self.framework.pillar(step.key)
            return self._text(
                f"{pick(pillar.open_question, _address(sitting))} (over {pillar.title.lower()})",
                previous,
                "Laat leeg en druk op Enter om verder te gaan.",
            )
        if kind == StepKind.WORKER_NOTE:
            pillar = self.framework.pillar(step.key)
            return self._text(
                f"Notitie van de pleegzorgbegeleider over {pillar.title.lower()}:",
                previous,
                "Kort is goed. Laat leeg en druk op Enter om verder te gaan.",
            )
        if kind == StepKind.SETUP:
            return self._setup(sitting, step, previous)
        if kind == StepKind.PROFILE_CHECK:
            return self._profile_check(sitting, previous)
        if kind == StepKind.FOLLOW_UP:
            return self._follow_up(sitting, step, previous)
        if kind == StepKind.AGREEMENT:
            if sitting.carry_open_agreements():  # last time's open ones, to keep or change
                self._save()
                previous = sitting.value(step)
            return self._agreement(sitting, step, previous)
        if kind == StepKind.NEXT_VISIT:
            return self._next_visit(previous)
        if kind == StepKind.PREVIOUS_ROUTE:
            return self._previous_route(sitting, previous)
        return self._profile(sitting, step, previous)

    def _question(self, sitting: Sitting, step: Step, previous: Any) -> Value:
        question = next(q for q in self.framework.questions() if q.id == step.key)
        wording = question.text_for(sitting.to_answers().profile)  # a variant that fits this family
        where = progress(self.framework, sitting, step)
        first = step.respondent is None or step.respondent == sitting.participants[0]
        if where and first:
            self.presenter.progress(where, self.framework.pillar(where.pillar_id).title)
        # A question may have its own scale (schaal: NAME), such as how often something happens.
        scale = [Option(str(o.value), o.label, o.value) for o in self.framework.scale_for(question)]
        extra = [
            Option("w", "Weet ik niet", Special.DONT_KNOW),
            Option("n", "Niet van toepassing", Special.NOT_APPLICABLE),
        ]
        if step.respondent is None:
            return self._choose(wording, scale + extra, previous, help_allowed=True, mark=True)
        # Two foster parents: the question once, then each answers in turn.
        if self._shown_question != question.id:
            self.presenter.message(f"Vraag voor jullie allebei: {wording}")
            self._shown_question = question.id
        other = sitting.other_label(step.respondent)
        other_value = sitting.answers.get(step.key) if not first else None
        same: list[Option] = []
        if other is not None and other_value is not None:
            same = [Option("z", f"Zelfde antwoord als {other}", other_value)]
        text = f"{step.respondent}, wat past bij jou?"
        return self._choose(text, scale + extra + same, previous, help_allowed=True, mark=True)

    def _priority(self, sitting: Sitting, step: Step, previous: Any) -> Action | dict[str, int]:
        answers = sitting.to_answers()
        low = low_competencies(self.framework, sitting.pillar_ids, answers)
        earlier = {k: v for chosen in sitting.priorities.values() for k, v in chosen.items()}
        chosen = {k for k, v in {**earlier, **(previous or {})}.items() if v == 3}
        if _address(sitting) == "je":
            intro = (
                "Deze punten scoren niet zo hoog. Kies wat nu het belangrijkst is voor jou. "
                "Die komen bovenaan je lijst. Je mag er ook geen kiezen."
            )
            question = "Welke hiervan zijn nu het belangrijkst voor jou?"
        else:
            intro = (
                "Deze punten scoren niet zo hoog. Kies wat nu het belangrijkst is voor jullie. "
                "Die komen bovenaan jullie lijst. Jullie mogen er ook geen kiezen."
            )
            question = "Welke hiervan zijn nu het belangrijkst voor jullie?"
        self.presenter.message(intro)
        boxes = [Box(self.framework.competency(c).name, c, c in chosen) for c in low]
        boxes.append(Box(BACK_BOX, Action.BACK, alone=True))
        picked = self.prompts.check(question, boxes, instruction=MULTI_INSTRUCTION)
        if Action.BACK in picked:
            return Action.BACK
        return {c: 3 if c in picked else 2 for c in low}

    def _setup(self, sitting: Sitting, step: Step, previous: Any) -> Value | list[str]:
        if step.key == SETUP_WHO:
            together = {SETUP_TOGETHER: True, SETUP_WORKER: False}
            with_worker = {SETUP_TOGETHER: False, SETUP_WORKER: True}
            options = [
                Option("1", "Ik vul het alleen in", {SETUP_TOGETHER: False, SETUP_WORKER: False}),
                Option("2", "Wij vullen het samen in, met z'n tweeën", together),
                Option("3", "Ik, samen met de pleegzorgbegeleider", with_worker),
                Option(
                    "4",
                    "Wij met z'n tweeën, en de pleegzorgbegeleider",
                    {SETUP_TOGETHER: True, SETUP_WORKER: True},
                ),
            ]
            return self._choose("Wie doen er vandaag mee?", options, previous, help_allowed=False, skip=False)
        self.presenter.message("Een voornaam of een letter is genoeg. Een echte naam is niet nodig.")
        self.presenter.message("Typ terug om naar de vorige vraag te gaan.")
        old = list(previous or ["", ""])
        labels: list[str] = []
        for number, word in enumerate(("eerste", "tweede")):
            answer = self.prompts.text(
                f"Hoe noemen we de {word} pleegouder?",
                default=old[number] if number < len(old) else "",
                validate=_label_check(labels),
            ).strip()
            if answer.lower() == BACK_WORD:
                return Action.BACK
            labels.append(" ".join(answer.split()))
        return labels

    def _profile_check(self, sitting: Sitting, previous: Any) -> Value | list[str]:
        """ "Klopt dit nog?": last time's profile, every field; "nee" asks which ones to change."""
        before = {**(sitting.previous_profile or {}), "land": country_of(sitting.profile)}
        two = sitting.participants or before.get(PARENTS_COUNT_KEY) == 2
        address: Address = "jullie" if two else "je"
        self.presenter.message(
            "Dit vertelde je de vorige keer over je gezin:"
            if address == "je"
            else "Dit vertelden jullie de vorige keer over jullie gezin:"
        )
        for line in profile_lines(self.profile_questions, before, address, empty=True):
            self.presenter.message(f"- {line}")
        options = [
            Option("j", "Ja, dit klopt nog", True),
            Option(
                "n",
                "Nee, ik wil iets veranderen" if address == "je" else "Nee, we willen iets veranderen",
                CHANGE,
            ),
        ]
        answer = self._choose(
            "Klopt dit nog?",
            options,
            True if previous is True else CHANGE if previous is not None else None,
            help_allowed=False,
            skip=False,
        )
        if answer is not CHANGE:
            return answer
        # Only what is picked is asked again, starting from last time's answer.
        chosen = set(previous) if isinstance(previous, list) else set()
        fields = [q for q in self.profile_questions.asked(before) if q.key not in PROFILE_ALWAYS]
        boxes = [Box(pick(q.summary or q.text, address), q.key, q.key in chosen) for q in fields]
        boxes.append(Box(BACK_BOX, Action.BACK, alone=True))
        question = "Wat wil je veranderen?" if address == "je" else "Wat willen jullie veranderen?"
        picked = self.prompts.check(question, boxes, instruction=MULTI_INSTRUCTION)
        if Action.BACK in picked:
            return Action.BACK
        return [q.key for q in fields if q.key in picked] or True  # nothing picked: it still holds

    def _follow_up(self, sitting: Sitting, step: Step, previous: Any) -> Value:
        items = sitting.previous_agreements or []
        item = items[int(step.key) - 1]
        if step.key == "1":
            self.presenter.message("De vorige keer maakten jullie afspraken. Hoe ging het?")
        self.presenter.message(
            f"Afspraak {step.key} van {len(items)}: {agreement_text(Agreement.model_validate(item))}"
        )
        options = [
            Option(str(i), STATUS_WORDS[s][0].upper() + STATUS_WORDS[s][1:], s)
            for i, s in enumerate(FOLLOW_UP_STATUSES, 1)
        ]
        return self._choose("Hoe staat het met deze afspraak?", options, previous, help_allowed=False)

    def _agreement(self, sitting: Sitting, step: Step, previous: Any) -> Action | dict[str, str] | None:
        old = dict(previous or {})
        if step.key == "1":
            self.presenter.message("Nu de afspraken: wat gaat wie doen, en wanneer? Eén afspraak per keer.")
            if sitting.is_carried(step.key):
                self.presenter.message(
                    "De afspraken die nog open staan, staan er al. Druk op Enter om ze te houden, "
                    "of pas ze aan."
                )
        if old.get("wat"):
            self.presenter.message(f"Typ {DROP_WORD} als deze afspraak niet meer hoeft.")
        else:
            self.presenter.message("Laat leeg en druk op Enter als er geen afspraken (meer) zijn.")
        self.presenter.message("Typ terug om naar de vorige vraag te gaan.")
        what = self._line(f"Afspraak {step.key}: wat spreken jullie af?", old.get("wat", ""))
        if what.lower() == BACK_WORD:
            return Action.BACK
        if not what or (old.get("wat") and what.lower() == DROP_WORD):
            return None  # the list of agreements is complete, or this one is dropped
        self._keep_part(sitting, step, {**old, "wat": what})
        who = self._line("Wie doet het? (leeg mag)", old.get("wie", ""), limit=80)
        self._keep_part(sitting, step, {**old, "wat": what, "wie": who})
        day = self._day("Wanneer? Bijvoorbeeld 15-1-2027. (leeg mag)", old.get("wanneer"))
        value: dict[str, str] = {"wat": what}
        if who and who.lower() != BACK_WORD:
            value["wie"] = who
        if isinstance(day, dt.date):
            value["wanneer"] = day.isoformat()
        return value

    def _day(self, text: str, previous: Any) -> dt.date | Action | None:
        """A date; one in the past is asked about ("Die datum is al voorbij. Klopt dat?")."""
        default = _day_text(previous)
        while True:
            raw = self.prompts.text(text, default=default, validate=_day_check).strip()
            if raw.lower() == BACK_WORD:
                return Action.BACK
            day = parse_day(raw) if raw else None
            if day is None or day >= self.today or self.confirm("Die datum is al voorbij. Klopt dat?"):
                return day
            default = raw

    def _keep_part(self, sitting: Sitting, step: Step, value: dict[str, str]) -> None:
        """Save what was typed of an agreement so far: Ctrl-C loses at most the prompt on screen."""
        sitting.agreements[step.key] = {k: v for k, v in value.items() if v}
        self._save()

    def _next_visit(self, previous: Any) -> str | Action | None:
        self.presenter.message("Laat leeg als het nog niet bekend is. Typ terug om terug te gaan.")
        day = self._day("Wanneer is het volgende bezoek? Bijvoorbeeld 1-2-2027.", previous)
        return day.isoformat() if isinstance(day, dt.date) else day

    def _previous_route(self, sitting: Sitting, previous: Any) -> Value | dict[str, list[str]]:
        """For each step of the previous route: done, still going on, or not (yet) done."""
        self.presenter.message(
            "De vorige keer kreeg je een leerroute. Kijk even terug."
            if _address(sitting) == "je"
            else "De vorige keer kregen jullie een leerroute. Kijk even terug."
        )
        entries = list(sitting.previous_route or [])
        done, ongoing = set(previous or []), set(sitting.route_ongoing)
        options = [
            Option("1", "Gedaan", "gedaan"),
            Option("2", "Nog bezig", "bezig"),
            Option("3", "Nog niet gedaan", "niet"),
        ]
        result: dict[str, list[str]] = {"gedaan": [], "bezig": []}
        for number, entry in enumerate(entries, 1):
            self.presenter.message(f"Stap {number} van {len(entries)}: {self.titles.get(entry, entry)}")
            before = "gedaan" if entry in done else "bezig" if entry in ongoing else None
            answer = self._choose(
                "Hoe staat het met deze stap?", options, before, help_allowed=False, skip=False
            )
            if answer in (Action.BACK, Action.STOP):
                return answer
            if isinstance(answer, str) and answer in result:
                result[answer].append(entry)
        return result

    # -- questions outside the reflection

    def confirm(self, text: str, *, default: bool = False) -> bool:
        """A yes/no question answered with j or n (questionary's own confirm speaks English)."""
        options = [Option("j", "Ja", True), Option("n", "Nee", False)]
        return bool(self.prompts.choose(text, options, default=default, instruction="(druk op j of n)"))

    def report_file(self, default: str) -> str | None:
        """Ask in one question whether to write a report now, and where; None: no report."""
        printable = default.removesuffix(".md") + ".html"
        options = [
            Option("j", f"Ja, in het bestand {default}", default),
            Option("p", f"Ja, om te printen (met een grafiek): {printable}", printable),
            Option("a", "Ja, met een andere naam (.md of .html)", OTHER_NAME),
            Option("n", "Nee, nu niet", False),
        ]
        answer = self.prompts.choose(
            "Wil je nu een verslag maken (een bestand om te bewaren of te delen)?",
            options,
            default=None,
            instruction="(druk op j, p, a of n)",
        )
        if answer == OTHER_NAME:
            return self.ask_text("Hoe moet het bestand heten?", default) or default
        return str(answer) if isinstance(answer, str) else None

    def ask_text(self, text: str, default: str = "") -> str:
        return self.prompts.text(text, default=default).strip()

    def _profile(self, sitting: Sitting, step: Step, previous: Any) -> Answer:
        address = _address(sitting)
        item = self.profile_questions.question(step.key, country_of(sitting.profile))
        # The counter counts only the profile questions this family gets.
        keys = [s.key for s in sitting.profile_steps(self.profile_questions) if s.kind == StepKind.PROFILE]
        number = keys.index(step.key) + 1 if step.key in keys else 1
        family = "je gezin" if address == "je" else "jullie gezin"
        self.presenter.message(f"Over {family} · vraag {number} van {max(len(keys), number)}")
        title = pick(item.text, address)
        hint = pick(item.hint, address) if item.hint is not None else ""
        kind = item.kind
        if kind == "choice" or kind == "yesno":
            if hint:
                self.presenter.message(hint)
            choices = [(c.value, pick(c.label, address)) for c in item.choices]
            choices = choices or [("ja", "Ja"), ("nee", "Nee")]
            options = [Option(str(i), label, value) for i, (value, label) in enumerate(choices, 1)]
            if kind == "yesno":
                previous = {True: "ja", False: "nee"}.get(previous)
            answer = self._choose(
                title, options, previous, help_allowed=False, skip_label="Zeg ik liever niet"
            )
            if kind == "yesno" and answer in ("ja", "nee"):
                return answer == "ja"
            return answer
        if kind == "multi":
            if hint:
                self.presenter.message(hint)
            chosen = set(previous or [])
            boxes = [
                Box(pick(c.label, address), c.value, c.value in chosen, c.value in ALONE)
                for c in item.choices
            ]
            boxes.append(Box(BACK_BOX, Action.BACK, alone=True))
            ticked = self.prompts.check(title, boxes, instruction=MULTI_INSTRUCTION)
            if Action.BACK in ticked:
                return Action.BACK
            return ticked
        # text, number, numbers, month
        hint = hint or (
            "Laat leeg als je het niet wilt zeggen."
            if address == "je"
            else "Laat leeg als jullie het niet willen zeggen."
        )
        shown = ", ".join(str(v) for v in previous) if isinstance(previous, list) else previous
        raw = self._text(title, shown, hint, validate=_validator(kind, item.key))
        if not isinstance(raw, str):
            return raw
        value = _convert(kind, raw, item.key)
        if kind == "numbers" and isinstance(value, list) and value:
            self.presenter.message(f"Genoteerd: {ages_text(value)}.")  # say back what we read
        return value

    # -- the prompts

    def _choose(
        self,
        text: str,
        options: list[Option],
        previous: Any,
        *,
        help_allowed: bool,
        skip: bool = True,
        skip_label: str = "Overslaan",
        mark: bool = False,
    ) -> Value:
        actions = [Option("t", "Terug naar de vorige vraag", Action.BACK)]
        if skip:
            actions.append(Option("o", skip_label, Action.SKIP))
        if help_allowed:
            actions.insert(0, Option("u", "Uitleg en voorbeeld", Action.HELP))
        if mark:
            actions.append(Option("b", "Bespreken: zet deze vraag op de lijst voor het gesprek", Action.MARK))
        stop = "Stoppen (je antwoorden blijven bewaard)" if self.saving else "Stoppen"
        actions.append(Option("s", stop, Action.STOP))
        return self.prompts.choose(text, options, actions, default=previous, instruction=INSTRUCTION)

    def _text(
        self, text: str, previous: Any, hint: str, validate: Callable[[str], bool | str] | None = None
    ) -> str | Action:
        self.presenter.message(hint)
        self.presenter.message("Typ terug om naar de vorige vraag te gaan.")
        validate = validate or _length_check(NOTE_MAX)
        answer = self.prompts.text(text, default=str(previous or ""), validate=validate)
        if answer.strip().lower() == BACK_WORD:
            return Action.BACK
        return answer.strip()

    def _line(self, text: str, previous: str, limit: int = AGREEMENT_MAX) -> str:
        answer = self.prompts.text(text, default=previous or "", validate=_length_check(limit))
        return " ".join(answer.split())

    # -- between questions

    def _intro(self, sitting: Sitting, pillar_id: str) -> None:
        chosen = [p.id for p in self.framework.pillars if p.id in sitting.pillar_ids]
        self.presenter.pillar_intro(
            self.framework.pillar(pillar_id), chosen.index(pillar_id) + 1, len(chosen)
        )

    def _help(self, step: Step) -> None:
        if step.kind == StepKind.IMPORTANCE:
            competency_id = step.key
        elif step.kind == StepKind.QUESTION:
            competency_id = step.key.rsplit(".", 1)[0]
        else:
            return
        self.presenter.help(self.framework.competency(competency_id))


def _day_text(value: Any) -> str:
    """A saved ISO date as people type it (15-1-2027); empty when there is none."""
    try:
        return day_text(dt.date.fromisoformat(str(value))) if value else ""
    except ValueError:
        return str(value)


def _day_check(text: str) -> bool | str:
    text = text.strip()
    if not text or text.lower() == BACK_WORD:
        return True
    try:
        parse_day(text)
    except ValueError as exc:
        return str(exc)
    return True


def _label_check(taken: list[str]) -> Callable[[str], bool | str]:
    def check(text: str) -> bool | str:
        label = " ".join(text.split())
        if label.lower() == BACK_WORD:
            return True
        if not label:
            return "Typ een voornaam of een letter."
        if len(label) > LABEL_MAX:
            return f"Dat is te lang. Gebruik hoogstens {LABEL_MAX} tekens."
        if "@" in label or not label.isprintable():
            return "Gebruik letters, cijfers of spaties."
        if any(char in label for char in "[]{}<>\\"):
            return "Gebruik letters, cijfers of spaties, zonder haakjes zoals [ ] of < >."
        if any(label.casefold() == other.casefold() for other in taken):
            return "Die naam is al gekozen. Kies een andere, bijvoorbeeld een letter."
        return True

    return check


def _length_check(limit: int) -> Callable[[str], bool | str]:
    def check(text: str) -> bool | str:
        if len(text.strip()) > limit:
            return f"Dat is te lang. Gebruik hoogstens {limit} tekens."
        return True

    return check


def _validator(kind: str, key: str = "") -> Callable[[str], bool | str]:
    def check(text: str) -> bool | str:
        text = text.strip()
        if not text or text.lower() == BACK_WORD:
            return True
        try:
            _convert(kind, text, key)
        except ValueError as exc:
            return str(exc)
        return True

    return check


# The largest number a profile question takes, and what it counts (as models.Profile).
NUMBER_LIMITS = {
    "jaren_pleegouder": (80, "jaar"),
    "uren_per_maand": (200, "uur per maand"),
    "eerdere_plaatsingen": (50, "keer"),
}


def _convert(kind: str, text: str, key: str = "") -> int | list[int] | str | None:
    text = text.strip()
    if not text:
        return None
    if kind == "number":
        return _whole_number(text, *NUMBER_LIMITS.get(key, (200, "")))
    if kind == "numbers":
        return parse_ages(text)
    if kind == "month":
        return parse_month(text)
    return " ".join(text.split())[:80]


def _whole_number(text: str, limit: int, unit: str) -> int:
    """A whole number from 0 to `limit`; the message says what was wrong with this value."""
    cleaned = text.removesuffix(unit).strip() if unit else text
    example = f"Typ een heel getal van 0 tot en met {limit}, bijvoorbeeld 3."
    if cleaned.startswith("-") and cleaned[1:].strip().replace(",", "").replace(".", "").isdigit():
        raise ValueError(f"{cleaned} is minder dan 0. {example}")
    if any(sep in cleaned for sep in ",.") and cleaned.replace(",", "").replace(".", "").isdigit():
        raise ValueError(f"{cleaned} is geen heel getal. Rond het af, bijvoorbeeld {_rounded(cleaned)}.")
    if not cleaned.isdigit():
        raise ValueError(f"'{cleaned}' is geen getal. {example}")
    if int(cleaned) > limit:
        what = f" {unit}" if unit else ""
        raise ValueError(f"Dat is meer dan {limit}{what}. {example}")
    return int(cleaned)


def _rounded(text: str) -> int:
    try:
        return round(float(text.replace(",", ".")))
    except ValueError:
        return 0
