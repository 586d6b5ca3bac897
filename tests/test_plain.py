"""The accessible mode: plain numbered prompts, typed lines, ASCII only, everything the interview can do."""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from terminal import PROGRAM, at_once, environment, skip_without_terminal

from pleegreflectie.flow import Sitting, new_sitting
from pleegreflectie.interview import Interview, Stopped
from pleegreflectie.models import Framework, Special
from pleegreflectie.plain import PlainMode, PlainPresenter, PlainPrompts, to_ascii, wanted
from pleegreflectie.prompts import Box, Option


def lines(*typed: str) -> Iterator[str]:
    yield from typed
    raise EOFError  # too few lines: stop instead of hanging


def flat(out: io.StringIO) -> str:
    """What was said, with line ends as spaces (the prompts wrap at 60 columns)."""
    return " ".join(out.getvalue().split())


def prompts(*typed: str) -> tuple[PlainPrompts, io.StringIO]:
    out = io.StringIO()
    feed = lines(*typed)
    return PlainPrompts(read=lambda: next(feed), out=out, width=60), out


def assert_plain(text: str) -> None:
    assert text.isascii(), [c for c in text if not c.isascii()]
    assert "\x1b" not in text and "\r" not in text


# ---------------------------------------------------------------- the three prompts


def test_choose_by_key_or_word_and_say_what_was_chosen() -> None:
    options = [Option("1", "Nee, nog niet", 1), Option("2", "Een beetje", 2)]
    actions = [Option("t", "Terug naar de vorige vraag", "back"), Option("s", "Stoppen", "stop")]
    ask, out = prompts("7", "", "2", "terug", "STOP", "vorige")
    assert ask.choose("Ik weet wat mijn pleegkind nodig heeft.", options, actions) == 2
    assert ask.choose("Nog een vraag.", options, actions) == "back"
    assert ask.choose("Nog een vraag.", options, actions) == "stop"
    assert ask.choose("Nog een vraag.", options, actions) == "back"
    said = out.getvalue()
    assert "Ik weet wat mijn pleegkind nodig heeft.\n  1 = Nee, nog niet\n  2 = Een beetje\n  Of:\n" in said
    assert "'7' staat niet in de lijst. Typ een van deze: 1, 2, t, s." in said
    assert "Je hebt nog niets gekozen." in said
    assert "Gekozen: Een beetje." in said
    assert_plain(said)


def test_enter_keeps_the_earlier_answer() -> None:
    options = [Option("j", "Ja", True), Option("n", "Nee", False)]
    ask, out = prompts("", "ja")
    assert ask.choose("Klopt dit nog?", options, default=False) is False
    assert "Nu gekozen: n (Nee). Alleen Enter houdt dat." in flat(out)
    assert ask.choose("Klopt dit nog?", options) is True


def test_check_by_numbers() -> None:
    boxes = [Box("Crisisopvang", "crisis"), Box("Langdurig", "lang", checked=True), Box("<< Terug", "back")]
    ask, out = prompts("", "1, 2", "4", "x", "0", "terug")
    assert ask.check("Welke vorm van pleegzorg hebben jullie nu?", boxes) == ["lang"]
    assert ask.check("Welke vorm?", boxes) == ["crisis", "lang"]
    assert ask.check("Welke vorm?", boxes) == []  # after "4" and "x" were refused
    assert ask.check("Welke vorm?", boxes) == ["back"]
    said = flat(out)
    assert "2 = Langdurig (gekozen)" in said
    assert said.count("Dat gaat niet. Typ nummers van 1 tot en met 3, of 0 voor geen enkele.") == 2
    assert "Gekozen: Crisisopvang; Langdurig." in said


def test_text_says_what_is_wrong_and_asks_again() -> None:
    ask, out = prompts("abc", "", "12")
    check = lambda text: True if text.isdigit() else f"'{text}' is geen getal."  # noqa: E731
    assert ask.text("Hoeveel jaar?", default="3", validate=check) == "3"
    assert "Nu staat er: 3. Alleen Enter houdt dat." in flat(out)
    assert "Dat gaat niet. 'abc' is geen getal." in flat(out)
    ask, _ = prompts("12")
    assert ask.text("Hoeveel jaar?") == "12"


def test_to_ascii() -> None:
    assert to_ascii("Vullen jullie dit samen in, met z'n tweeën? Eén · vraag – “ja” …") == (
        'Vullen jullie dit samen in, met z\'n tweeen? Een - vraag - "ja" ...'
    )
    assert to_ascii("███░░ ☐ 1") == "###.. [ ] 1"
    out, err = io.StringIO(), io.StringIO()
    stdout, stderr = PlainMode(letters=False, err_letters=True).streams(out, err)
    stdout.write("Creëren · ")
    stderr.write("Creëren · ")
    assert out.getvalue() == "Creeren - " and stdout.encoding == "ascii"  # rich then draws no boxes
    assert err.getvalue() == "Creëren - "  # standard error can show the letters


def test_the_plain_mode_rewrites_no_environment(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """It is an object passed in: the result is plain (no bars of blocks) and TERM and NO_COLOR stay."""
    from pleegreflectie.cli import run

    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    before = dict(os.environ)
    oma = Path(__file__).parent / "fixtures" / "oma.yaml"
    assert run(["start", "--antwoorden", str(oma), "--geen-opslag", "--eenvoudig"]) == 0
    assert dict(os.environ) == before
    out = capsys.readouterr().out
    assert "Waar sta je?" in out and "#####" in out and "█" not in out and "\x1b" not in out


def test_when_the_accessible_mode_is_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LC_ALL", "LC_CTYPE", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert wanted(True) and not wanted(False)
    monkeypatch.setenv("TERM", "dumb")
    assert wanted(False)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setenv("LANG", "nl_NL.ISO-8859-1")
    assert wanted(False)
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    assert not wanted(False)
    monkeypatch.setenv("LC_ALL", "C")  # the first one set counts: not UTF-8
    assert wanted(False)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    assert not wanted(False)


# ---------------------------------------------------------------- the whole interview


def run(framework: Framework, sitting: Sitting, *typed: str, out: io.StringIO | None = None) -> str:
    out = out or io.StringIO()
    feed = lines(*typed)
    ask = PlainPrompts(read=lambda: next(feed), out=out, width=60)
    Interview(framework, PlainPresenter(out=out, width=60), prompts=ask).run(sitting, lambda s: None)
    return out.getvalue()


def test_a_pillar_with_help_back_skip_and_a_mark(framework: Framework) -> None:
    sitting = Sitting(pillar_ids=["samenwerken"], ask_profile=False)
    said = run(
        framework,
        sitting,
        "uitleg",  # help, then the same question again
        "4",
        "t",  # back to the first question
        "5",
        "b",  # mark the second question for the conversation, then answer it
        "3",
        "o",  # skip
        "w",
        "n",
        "4",
        "4",
        "4",
        "Goed zo.",
    )
    assert sitting.answers["samenwerken.gedeeld-opvoederschap.weten"] == 5
    assert sitting.answers["samenwerken.gedeeld-opvoederschap.doen"] == 3
    assert "vraag:samenwerken.netwerk.weten" in sitting.skipped
    assert sitting.answers["samenwerken.netwerk.doen"] == Special.DONT_KNOW
    assert sitting.notes == {"samenwerken": "Goed zo."}
    assert "samenwerken.gedeeld-opvoederschap.doen" in sitting.to_answers().discuss
    assert "Uitleg bij " in said and "Een voorbeeld: " in said
    assert "Pijler 1 van 1: " in said
    assert "Deze vraag staat op de lijst om te bespreken." in said
    assert_plain(said)
    assert all(len(line) <= 60 for line in said.splitlines() if " " in line.strip())


def test_two_foster_parents_and_the_same_answer(framework: Framework) -> None:
    sitting = new_sitting(["samenwerken"], together=True, worker=False)
    sitting.ask_profile = False
    out = io.StringIO()
    with pytest.raises(Stopped):
        run(framework, sitting, "Sanne", "Ahmed", "4", "zelfde", "s", out=out)
    said = out.getvalue()
    assert "z = Zelfde antwoord als Sanne" in said
    assert sitting.answers["samenwerken.gedeeld-opvoederschap.weten"] == 4
    assert_plain(said)


def test_stop_raises_stopped(framework: Framework) -> None:
    with pytest.raises(Stopped):
        run(framework, Sitting(pillar_ids=["zorgen"], ask_profile=False), "stop")


# ---------------------------------------------------------------- the installed program


@pytest.mark.parametrize("how", ["--eenvoudig", "TERM=dumb", "LC_ALL=C"])
@pytest.mark.skipif(bool(skip_without_terminal[1].args[0]), reason="the console script is not installed")
def test_the_program_in_plain_lines(tmp_path: Path, how: str) -> None:
    """ASCII only where the locale is not UTF-8; Dutch letters where it is (TERM=dumb in a UTF-8 locale).
    LC_ALL=C on its own chooses the plain mode."""
    import pexpect

    env = environment(tmp_path / "home")
    for name in ("LC_ALL", "LC_CTYPE", "LANG"):
        env.pop(name, None)
    args = ["start", "--pijler", "samenwerken"]
    if how == "TERM=dumb":
        env["TERM"] = "dumb"
        env["LANG"] = "C.UTF-8"
    elif how == "LC_ALL=C":
        env["LC_ALL"] = "C"
    else:
        env["LC_ALL"] = "C"
        args.append(how)
    child = at_once(pexpect.spawn(str(PROGRAM), args, env=env, dimensions=(40, 80), timeout=20))
    raw = b""
    try:
        for prompt, line in [
            (b"Wie doen er vandaag mee?", "1"),
            (b"Waar woon je?", "1"),
            (b"Hoe noemen we dit gezin", "Gezin A"),
            (b"Hoeveel pleegouders zijn er bij je thuis?", "1"),
            (b"Kende je je pleegkind al", "2"),
            (b"Welke vorm van pleegzorg", "3"),
            (b"Hoeveel jaar", "3"),
            (b"Hoe oud is je pleegkind?", "4 en 9"),
            (b"Sinds wanneer woont je pleegkind", "2024-09"),
            (b"Hoe vaak is je pleegkind verhuisd", ""),
            (b"Wonen er ook eigen kinderen", "nee"),
            (b"Waar heeft je pleegkind", "0"),
            (b"Hoe leer je het liefst?", ""),
            (b"Hoeveel uur per maand", "1000"),
            (b"Dat is meer dan 200 uur per maand.", "4"),
            (b"Typ je keuze", "stoppen"),
        ]:
            child.expect_exact(prompt)
            raw += child.before + child.after
            child.sendline(line)
        child.expect(pexpect.EOF)
        raw += child.before
    finally:
        child.close(force=True)
    if how == "TERM=dumb":
        text = raw.decode("utf-8")
        assert "één" in text  # "Je kunt meer dan één vorm kiezen."
    else:
        text = raw.decode("ascii")  # fails on any byte that is not ASCII
    assert "\x1b" not in text  # no colour, no cursor movement
    assert "Genoteerd: 4 en 9 jaar." in text
    assert re.search(r"Over je gezin - vraag 1 van \d+", text)  # one foster parent: "je"
    assert "jullie" not in text.split("Pijler 1 van 1")[0].lower()
    assert re.search(r"hervat 1", text)
    assert os.path.exists(tmp_path / "home")
