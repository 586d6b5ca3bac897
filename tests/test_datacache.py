"""The checked copies of the bundled data (datacache.py): made when the wheel is built (hatch_build.py
with build_copies.py), one for every bundled YAML file and equal to reading it; used when it fits its
YAML, ignored when it does not. And datacache imports nothing of the project: no import circle."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import grimp
import pytest

from pleegreflectie import build_copies, datacache
from pleegreflectie.advice import Advice
from pleegreflectie.advice_file import ADVICE_FILE, load_advice
from pleegreflectie.load import CATALOGUE_FILE, FRAMEWORK_FILE, load_catalogue, load_framework
from pleegreflectie.models import Catalogue, Framework
from pleegreflectie.profile import ProfileQuestions
from pleegreflectie.profile_file import PROFILE_FILE, load_profile_questions
from pleegreflectie.signals import SignalRules
from pleegreflectie.signals_file import SIGNALS_FILE, load_signals
from pleegreflectie.terms import Countries
from pleegreflectie.terms_file import COUNTRIES_FILE, load_countries

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


def _no_copies(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(datacache, "copy_path", lambda name: None)


def _copies_in(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    monkeypatch.setattr(datacache, "copy_path", lambda name: folder / f"{name}{datacache.SUFFIX}")


def _loaded() -> dict[str, tuple[type[Any], Any, tuple[Any, ...]]]:
    """Every bundled file -> (its model's type, the model as the loaders give it, its context)."""
    framework = load_framework()
    return {
        FRAMEWORK_FILE: (Framework, framework, ()),
        CATALOGUE_FILE: (Catalogue, load_catalogue(framework), (framework,)),
        SIGNALS_FILE: (SignalRules, load_signals(framework), (framework,)),
        ADVICE_FILE: (Advice, load_advice(), ()),
        PROFILE_FILE: (ProfileQuestions, load_profile_questions(), ()),
        COUNTRIES_FILE: (Countries, load_countries(), ()),
    }


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from this checkout, as `pip install .` builds it (the build hook included)."""
    folder = tmp_path_factory.mktemp("wheel")
    command = [
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--quiet",
        "--wheel-dir",
        str(folder),
        str(ROOT),
    ]
    subprocess.run(command, check=True, capture_output=True)
    (built,) = folder.glob("pleegreflectie-*.whl")
    return built


def test_the_wheel_holds_a_copy_of_each_bundled_file_equal_to_reading_its_yaml(
    wheel: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        copies = sorted(n for n in names if n.endswith(datacache.SUFFIX))
        archive.extractall(tmp_path, copies)
    bundled = sorted(p.name for p in DATA.glob("*.yaml"))
    assert copies == [f"pleegreflectie/data/{name}{datacache.SUFFIX}" for name in bundled]
    assert all(f"pleegreflectie/data/{name}" in names for name in bundled)  # next to its YAML
    _no_copies(monkeypatch)
    from_yaml = _loaded()
    assert sorted(from_yaml) == bundled  # the table above knows every bundled file
    _copies_in(monkeypatch, tmp_path / "pleegreflectie" / "data")
    for name, (kind, model, context) in from_yaml.items():
        text = (DATA / name).read_text(encoding="utf-8")
        assert datacache.cached(name, text, kind, *context) == model, name


def test_the_loaders_use_a_copy_that_fits_its_yaml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A copy made from the very text of the YAML is what the loader gives (here one with another
    version, to tell the two apart)."""
    _no_copies(monkeypatch)
    framework = load_framework()
    text = (DATA / FRAMEWORK_FILE).read_text(encoding="utf-8")
    marked = framework.model_copy(update={"version": "uit de kopie"})
    (tmp_path / f"{FRAMEWORK_FILE}{datacache.SUFFIX}").write_bytes(datacache.encode(text, marked))
    _copies_in(monkeypatch, tmp_path)
    assert load_framework().version == "uit de kopie"


def _other_text(tmp_path: Path, name: str, model: Any, context: tuple[Any, ...]) -> None:
    text = (DATA / name).read_text(encoding="utf-8")
    (tmp_path / f"{name}{datacache.SUFFIX}").write_bytes(
        datacache.encode(text + "\n# veranderd\n", model, *context)
    )


def _other_context(tmp_path: Path, name: str, model: Any, context: tuple[Any, ...]) -> None:
    text = (DATA / name).read_text(encoding="utf-8")
    other = tuple(item.model_copy(update={"version": "anders"}) for item in context) or ("anders",)
    (tmp_path / f"{name}{datacache.SUFFIX}").write_bytes(datacache.encode(text, model, *other))


def _broken(tmp_path: Path, name: str, model: Any, context: tuple[Any, ...]) -> None:
    (tmp_path / f"{name}{datacache.SUFFIX}").write_bytes(b"\x00kapot")


def _other_format(tmp_path: Path, name: str, model: Any, context: tuple[Any, ...]) -> None:
    copy = datacache.encode((DATA / name).read_text(encoding="utf-8"), model, *context)
    old = copy.replace(f"{datacache.FORMAT}:".encode(), f"{datacache.FORMAT + 1}:".encode(), 1)
    (tmp_path / f"{name}{datacache.SUFFIX}").write_bytes(old)


def _missing(tmp_path: Path, name: str, model: Any, context: tuple[Any, ...]) -> None:
    pass


@pytest.mark.parametrize("make", [_other_text, _other_context, _broken, _other_format, _missing])
def test_a_copy_that_does_not_fit_its_yaml_is_ignored(
    make: Callable[[Path, str, Any, tuple[Any, ...]], None], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each copy holds a model that differs from its YAML (marked with another version), made from
    other text, against another framework, broken, of an older layout, or missing: the loaders read
    the YAML as always."""
    _no_copies(monkeypatch)
    from_yaml = _loaded()
    for name, (_, model, context) in from_yaml.items():
        make(tmp_path, name, model.model_copy(update={"version": "uit de kopie"}), context)
    _copies_in(monkeypatch, tmp_path)
    assert _loaded() == from_yaml


def test_build_copies_writes_a_copy_of_each_bundled_file(tmp_path: Path) -> None:
    written = build_copies.write_copies(tmp_path / "kopie")
    assert sorted(p.name for p in written) == sorted(
        f"{p.name}{datacache.SUFFIX}" for p in DATA.glob("*.yaml")
    )


def _circles(graph: grimp.ImportGraph) -> list[set[str]]:
    """The strongly connected groups of more than one module (Tarjan), i.e. the import circles."""
    edges = {m: set(graph.find_modules_directly_imported_by(m)) for m in graph.modules}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles: list[set[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in edges[module]:
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = set()
            while not group or module not in group:
                group.add(stack.pop())
            if len(group) > 1:
                circles.append(group)

    for module in sorted(edges):
        if module not in index:
            visit(module)
    return circles


def test_no_import_circle() -> None:
    graph = grimp.build_graph("pleegreflectie", cache_dir=None)
    assert graph.find_modules_directly_imported_by("pleegreflectie.datacache") == set()
    assert graph.find_upstream_modules("pleegreflectie.datacache") == set()
    assert not graph.find_downstream_modules("pleegreflectie.build_copies")  # only the build hook
    assert _circles(graph) == []
