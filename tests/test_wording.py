"""wording.py: shared Dutch words and number formats, with no module of the domain under it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from pleegreflectie.models import LearningForm
from pleegreflectie.wording import FORM_WORDS, bar, kind_gaps_text


def test_wording_imports_no_other_module_of_the_package() -> None:
    code = (
        "import json, sys\n"
        "import pleegreflectie.wording\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('pleegreflectie'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == ["pleegreflectie", "pleegreflectie.wording"]


def test_every_learning_form_has_its_words() -> None:
    assert set(FORM_WORDS) == {form.value for form in LearningForm}
    assert FORM_WORDS[LearningForm.PHONE] == "via de telefoon"  # a member finds its words


@pytest.mark.parametrize(
    ("value", "width", "empty", "expected"),
    [
        (1.0, 10, "", "░" * 10),
        (5.0, 10, "", "█" * 10),
        (3.0, 4, "", "██░░"),
        (2.0, 20, "", "█" * 5 + "░" * 15),
        (None, 10, "", ""),
        (None, 4, "····", "····"),
    ],
)
def test_bar(value: float | None, width: int, empty: str, expected: str) -> None:
    assert bar(value, width, empty) == expected


class _Gap:
    def __init__(self, score: float | None) -> None:
        self.score = score


def test_kind_gaps_text_speaks_to_one_or_two() -> None:
    one = kind_gaps_text([_Gap(2.0)], "je")
    two = kind_gaps_text([_Gap(2.0)], "jullie")
    assert one.endswith("waar je nog in kunt groeien.")
    assert two.endswith("waar jullie nog in kunnen groeien.")
    mostly_fair = kind_gaps_text([_Gap(3.0), _Gap(3.4), _Gap(1.5)], "jullie")
    assert "de score 3 of hoger" in mostly_fair and "Kies samen er een paar uit" in mostly_fair
