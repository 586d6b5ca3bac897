"""The scripts in bench/ start: their imports still exist and their options parse (a script that no
longer runs was found only by hand before). Running them takes 20-40 s each: see the README."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
SCRIPTS = sorted(BENCH.glob("*.py"))


def test_the_benchmarks_the_readme_names_are_here() -> None:
    names = {s.name for s in SCRIPTS}
    assert {"bench_catalogue.py", "bench_organisation.py", "bench_startup.py", "bench_store.py"} <= names


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.stem for s in SCRIPTS])
def test_a_benchmark_starts_and_explains_its_options(script: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(script), "--help"], capture_output=True, text=True, timeout=60, cwd=BENCH.parent
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: "), done.stdout
    assert "--help" in done.stdout and "Traceback" not in done.stderr
