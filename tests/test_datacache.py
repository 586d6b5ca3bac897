"""The checked copies of the bundled data (datacache.py): fresh, equal to reading the YAML, and
ignored when they do not fit."""

from __future__ import annotations

from pathlib import Path

import pytest

from pleegreflectie import datacache
from pleegreflectie.load import (
    CATALOGUE_FILE,
    FRAMEWORK_FILE,
    bundled,
    load_catalogue,
    load_framework,
    parse_catalogue,
    parse_framework,
)
from pleegreflectie.models import Catalogue, Framework
from pleegreflectie.signals import SIGNALS_FILE, SignalRules, load_signals, parse_signals

STALE = "data/{name}.msgpack is stale: run `python -m pleegreflectie.datacache`"


def test_the_copies_are_fresh_and_equal_to_reading_the_yaml() -> None:
    framework_source = bundled(FRAMEWORK_FILE)
    framework = parse_framework(framework_source)
    copy = datacache.cached(FRAMEWORK_FILE, framework_source.text, Framework)
    assert copy == framework, STALE.format(name=FRAMEWORK_FILE)
    source = bundled(CATALOGUE_FILE)
    copy_catalogue = datacache.cached(CATALOGUE_FILE, source.text, Catalogue, framework)
    assert copy_catalogue == parse_catalogue(framework, source), STALE.format(name=CATALOGUE_FILE)
    source = bundled(SIGNALS_FILE)
    copy_signals = datacache.cached(SIGNALS_FILE, source.text, SignalRules, framework)
    assert copy_signals == parse_signals(framework, source), STALE.format(name=SIGNALS_FILE)


def test_the_loaders_use_the_copies(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_yaml(*args: object, **kwargs: object) -> None:
        raise AssertionError("the bundled YAML was parsed")

    monkeypatch.setattr("pleegreflectie.load.parse", no_yaml)
    monkeypatch.setattr("pleegreflectie.signals.parse", no_yaml)
    framework = load_framework()
    assert load_catalogue(framework).entries
    assert load_signals(framework).rules


def test_a_copy_that_does_not_fit_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = bundled(FRAMEWORK_FILE).text
    assert datacache.cached(FRAMEWORK_FILE, text + "\n# changed\n", Framework) is None  # other text
    framework = parse_framework(bundled(FRAMEWORK_FILE))
    other = framework.model_copy(update={"version": "anders"})
    source = bundled(CATALOGUE_FILE)
    assert datacache.cached(CATALOGUE_FILE, source.text, Catalogue, other) is None  # other framework
    broken = tmp_path / "pillars.yaml.msgpack"
    broken.write_bytes(b"\x00kapot")
    monkeypatch.setattr(datacache, "copy_path", lambda name: broken)
    assert datacache.cached(FRAMEWORK_FILE, text, Framework) is None  # a broken copy
    monkeypatch.setattr(datacache, "copy_path", lambda name: tmp_path / "weg.msgpack")
    assert datacache.cached(FRAMEWORK_FILE, text, Framework) is None  # no copy
    assert load_framework() == framework  # and the YAML is read as always
