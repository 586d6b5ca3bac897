"""Start-up and full-run benchmark (a script, not a test).

Measures, interleaved and as the median of N runs, the wall time of:
  python -c pass                                   (the baseline)
  pleegreflectie --version                         (target: <= 4x baseline)
  pleegreflectie --help                            (target: <= 8x baseline)
  pleegreflectie start --antwoorden FILE --json    (target: <= 15x baseline)

Also shown, without a target: importing only the libraries a full run needs (typer, PyYAML, pydantic,
sqlite3), the floor under the full run.

Usage: python bench/bench_startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ANSWERS = ROOT / "tests" / "fixtures" / "oma.yaml"
TARGETS = {"--version": 4.0, "--help": 8.0, "start --json": 15.0}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    exe = shutil.which("pleegreflectie", path=str(Path(sys.executable).parent)) or "pleegreflectie"
    home = tempfile.mkdtemp()
    env = os.environ | {"PLEEGREFLECTIE_HOME": home, "NO_COLOR": "1"}
    commands = {
        "baseline": [sys.executable, "-c", "pass"],
        "--version": [exe, "--version"],
        "--help": [exe, "--help"],
        "start --json": [exe, "start", "--antwoorden", str(ANSWERS), "--json"],
        # For context, no target: only importing the libraries a full run cannot do without.
        "libraries only": [
            sys.executable,
            "-c",
            "import typer, yaml, sqlite3; from pydantic import BaseModel",
        ],
    }
    for command in commands.values():  # warm the file cache and check that each command works
        subprocess.run(command, env=env, check=True, capture_output=True)

    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, env=env, check=True, capture_output=True)
            times[name].append(time.perf_counter() - start)

    base = statistics.median(times["baseline"])
    print(f"{'command':<16}{'median ms':>10}{'ratio':>8}{'target':>8}  ok")
    ok = True
    for name, values in times.items():
        median = statistics.median(values)
        ratio = median / base
        target = TARGETS.get(name)
        passed = target is None or ratio <= target
        ok &= passed
        shown = f"{target:.0f}x" if target else "-"
        print(f"{name:<16}{median * 1000:>10.1f}{ratio:>7.1f}x{shown:>8}  {'ja' if passed else 'NEE'}")
    shutil.rmtree(home, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
