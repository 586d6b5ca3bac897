"""Start-up benchmark of every command (a script, not a test).

Runs every command interleaved with a bare `python -c pass` of the same interpreter (the baseline),
N rounds, and prints each command's median wall time and its ratio to the baseline's median, with
the target of issue 18 ("speed stays where a user feels it") next to it:

  --help                                            <= 8x
  start --antwoorden FILE --json --geen-opslag      <= 12x
  every command that reads the store                <= 12x

Commands without a target are shown for context. The store is a fresh one in a temporary folder
with two finished reflections of one household (so `vergelijk` has a pair).

With --cpu the time is the CPU time of each run (user + system, from the child's rusage) instead of
the wall time: the machine's load disturbs it less.

Usage: python bench/bench_startup.py [--runs 15] [--cpu]
Exit code 1 when a target is missed.
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
HELP, FULL, STORE = 8.0, 12.0, 12.0


def commands(exe: str) -> dict[str, tuple[list[str], float | None]]:
    """name -> (command line, target ratio or None)."""
    answers = str(ANSWERS)
    return {
        "baseline": ([sys.executable, "-c", "pass"], None),
        "--version": ([exe, "--version"], None),
        "--help": ([exe, "--help"], HELP),
        "start --help": ([exe, "start", "--help"], HELP),
        "start --json --geen-opslag": (
            [exe, "start", "--antwoorden", answers, "--json", "--geen-opslag"],
            FULL,
        ),
        "start --json (store)": ([exe, "start", "--antwoorden", answers, "--json"], STORE),
        "overzicht": ([exe, "overzicht"], STORE),
        "overzicht --json": ([exe, "overzicht", "--json"], STORE),
        "hervat 1 --json": ([exe, "hervat", "1", "--json"], STORE),
        "route 1 --json": ([exe, "route", "1", "--json"], STORE),
        "rapport 1": ([exe, "rapport", "1"], STORE),
        "vergelijk 1 2": ([exe, "vergelijk", "1", "2"], STORE),
        "wis 999999 --ja": ([exe, "wis", "999999", "--ja"], STORE),  # unknown number: reads, exits 3
        "sjabloon": ([exe, "sjabloon"], None),
        "catalogus schema": ([exe, "catalogus", "schema"], None),
        "catalogus controleer": ([exe, "catalogus", "controleer"], None),
        "catalogus dekking --json": ([exe, "catalogus", "dekking", "--json"], None),
    }


def compile_package() -> None:
    """Write the bytecode of pleegreflectie, as `pip install` does. Without it (an editable install
    with PYTHONDONTWRITEBYTECODE set) every run compiles the sources again and measures that."""
    import compileall

    import pleegreflectie

    compileall.compile_dir(Path(pleegreflectie.__file__).parent, quiet=1)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--only",
        nargs="*",
        help="names of the commands to run (and the baseline); leading dashes may be left off: help",
    )
    parser.add_argument("--cpu", action="store_true", help="CPU time (user + system) instead of wall time")
    args = parser.parse_args()

    compile_package()
    exe = shutil.which("pleegreflectie", path=str(Path(sys.executable).parent)) or "pleegreflectie"
    home = Path(tempfile.mkdtemp())
    store_home = home / "opslag"
    env = os.environ | {"PLEEGREFLECTIE_HOME": str(store_home), "NO_COLOR": "1", "COLUMNS": "80"}
    env.pop("FORCE_COLOR", None)
    for _ in range(2):  # two finished reflections of one household: 1 and 2
        subprocess.run([exe, "start", "--antwoorden", str(ANSWERS)], env=env, check=True, capture_output=True)
    table = commands(exe)
    if args.only:
        table = {
            k: v for k, v in table.items() if k == "baseline" or k in args.only or k.lstrip("-") in args.only
        }
    for command, _ in table.values():  # warm the file cache; an unexpected failure stops here
        done = subprocess.run(command, env=env, capture_output=True)
        if done.returncode not in (0, 3):
            sys.stderr.write(f"{' '.join(command)} failed:\n{done.stderr.decode()}")
            return 2

    times: dict[str, list[float]] = {name: [] for name in table}
    for _ in range(args.runs):
        for name, (command, _) in table.items():
            begin = time.perf_counter()
            child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            usage = os.wait4(child.pid, 0)[2]
            wall = time.perf_counter() - begin
            times[name].append(usage.ru_utime + usage.ru_stime if args.cpu else wall)
    shutil.rmtree(home, ignore_errors=True)

    base = statistics.median(times["baseline"])
    kind = "CPU time" if args.cpu else "wall time"
    print(f"median of {args.runs} interleaved runs ({kind}); baseline python -c pass = {base * 1000:.1f} ms")
    print(f"{'command':<28}{'median ms':>10}{'ratio':>8}{'target':>8}  met")
    ok = True
    for name, values in times.items():
        median = statistics.median(values)
        target = table[name][1]
        ratio = median / base
        passed = target is None or ratio <= target
        ok &= passed
        shown = f"{target:.0f}x" if target else "-"
        verdict = "-" if target is None else "ja" if passed else "NEE"
        print(f"{name:<28}{median * 1000:>10.1f}{ratio:>7.1f}x{shown:>8}  {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
