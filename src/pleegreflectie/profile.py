"""The questions about the family (the profile), read from data/profiel.yaml.

The file holds every sentence a family reads before the pillars: the question, a hint, the choices
and when a question is asked (per country, and after which answer). The kind of each question (a
choice, yes/no, a number, ...) follows from its key, which is also the key in an answers file and in
`--json`: those keys are a contract and cannot be changed in the file. The models and what follows
from them (pure); profile_file.py reads and checks the file. No user interface and no I/O here. No
`from __future__ import annotations` (see models.py).
"""

from collections.abc import Mapping
from typing import Annotated, Any, Literal

from msgspec import Meta, field

from .models import Address, Text, pick
from .structs import YES_NO, Model
from .wording import join_words, month_text

# The kind of question each profile key is (models.Profile): fixed, because the answers file is.
KINDS: dict[str, str] = {
    "land": "choice",
    "huishouden": "text",
    "aantal_pleegouders": "choice",
    "pleegouder": "choice",
    "voorbereiding": "yesno",
    "pleegzorgvormen": "multi",
    "jaren_pleegouder": "number",
    "leeftijden_pleegkinderen": "numbers",
    "plaatsing_sinds": "month",
    "eerdere_plaatsingen": "number",
    "eigen_kinderen": "yesno",
    "uitdagingen": "multi",
    "leervormen": "multi",
    "uren_per_maand": "number",
}
COUNTRY_KEY = "land"
COUNTRIES = ("nl", "vl")


class Choice(Model, frozen=True, kw_only=True):
    value: str | int = field(name="waarde")
    label: Text = field(name="label")


class ProfileQuestion(Model, frozen=True, kw_only=True):
    key: str = field(name="sleutel")
    text: Text = field(name="tekst")
    hint: Text | None = field(name="uitleg", default=None)
    summary: Text | None = field(name="samenvatting", default=None)
    choices: tuple[Choice, ...] = field(name="keuzes", default=())
    # nl or vl: only for families in that country; none: for everybody.
    country: Literal["nl", "vl"] | None = field(name="land", default=None)
    # Asked only when an earlier answer is one of these: {pleegouder: [netwerk]}.
    when: dict[str, tuple[str | int, ...]] | None = field(name="als", default=None)

    @classmethod
    def before(cls, data: dict[str, Any]) -> dict[str, Any]:
        when = data.get("als")
        if isinstance(when, dict):  # one value needs no list
            data["als"] = {k: v if isinstance(v, list) else [v] for k, v in when.items()}
        return data

    @property
    def kind(self) -> str:
        return KINDS.get(self.key, "text")

    def for_country(self, country: str) -> bool:
        return self.country is None or self.country == country

    def applies(self, profile: Mapping[str, Any]) -> bool:
        """Whether this question is asked, given what was answered so far."""
        if not self.for_country(country_of(profile)):
            return False
        for key, values in (self.when or {}).items():
            if _plain(profile.get(key)) not in [_plain(v) for v in values]:
                return False
        return True

    def choice_label(self, value: Any, address: Address) -> str:
        for choice in self.choices:
            if _plain(choice.value) == _plain(value):
                return pick(choice.label, address)
        return str(value)


class ProfileQuestions(Model, frozen=True, kw_only=True):
    """The content of a profile questions file, in the order of the screen."""

    version: str = field(name="versie")
    questions: Annotated[tuple[ProfileQuestion, ...], Meta(min_length=1)] = field(name="vragen")

    def key_order(self) -> list[str]:
        """Every key, once, in the order of the file."""
        return list(dict.fromkeys(q.key for q in self.questions))

    def question(self, key: str, country: str = "nl") -> ProfileQuestion:
        """The question for this key in this country (KeyError when there is none)."""
        for item in self.questions:
            if item.key == key and item.for_country(country):
                return item
        raise KeyError(key)

    def asked(self, profile: Mapping[str, Any]) -> list[ProfileQuestion]:
        """The questions this family gets, given what it answered so far (the country first)."""
        return [q for q in self.questions if q.applies(profile)]


def country_of(profile: Mapping[str, Any]) -> str:
    value = profile.get(COUNTRY_KEY)
    return value if value in COUNTRIES else "nl"


def _plain(value: Any) -> Any:
    """Values compared the way a file writes them: ja/nee for yes/no."""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, str) and value.strip().lower() in YES_NO:
        return value.strip().lower()
    return value


# ---------------------------------------------------------------- a summary of a profile


def profile_lines(
    questions: ProfileQuestions,
    profile: Mapping[str, Any],
    address: Address = "jullie",
    *,
    empty: bool = False,
) -> list[str]:
    """A profile in plain Dutch, one short line per field (the household's name left out).

    Every field this family is asked about is there, the country always; `empty`: also the fields
    without an answer ("niet ingevuld"), so a family can see what it left open.
    """
    lines = []
    filled = {k: v for k, v in profile.items() if v is not None and v != [] and v != ""}
    shown = {**filled, COUNTRY_KEY: country_of(filled)}
    for item in questions.asked(shown):
        if item.key == "huishouden":
            continue
        label = pick(item.summary or item.text, address)
        value = shown.get(item.key)
        if value is None:
            if empty:
                lines.append(f"{label}{'' if label.endswith('?') else ':'} niet ingevuld")
            continue
        if item.kind == "numbers" and len(value) > 1 and label.endswith("pleegkind"):
            label += "eren"  # "Leeftijd pleegkinderen: 4 en 9 jaar"
        lines.append(f"{label}{'' if label.endswith('?') else ':'} {value_text(item, value, address)}")
    return lines


def value_text(item: ProfileQuestion, value: Any, address: Address = "jullie") -> str:
    """One answer in words: a choice's label, ja/nee, "4 en 9 jaar"."""
    kind = item.kind
    if kind == "yesno":
        return "ja" if value else "nee"
    if kind == "choice":
        return item.choice_label(value, address)
    if kind == "multi":
        return "; ".join(item.choice_label(v, address) for v in value)
    if kind == "numbers":
        return join_words([str(v) for v in value]) + " jaar"
    if kind == "month":
        return month_text(str(value))
    if item.key == "jaren_pleegouder":
        return f"{value} jaar"
    if item.key == "uren_per_maand":
        return f"ongeveer {value} uur per maand"
    if item.key == "eerdere_plaatsingen":
        return "nooit" if value == 0 else "1 keer" if value == 1 else f"{value} keer"
    return str(value)
