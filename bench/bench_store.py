"""The store with many saved reflections, and the first screen of `start` (a script, not a test).

For a store with 1, 100 and 1,000 saved reflections (made through the store API, a few seconds),
measures interleaved with a bare `python -c pass`, median of N runs, ratio to that baseline:

  overzicht, overzicht --json                      <= 12x, and at 1,000 <= 1.5x its time at 1
  hervat NUMMER --json (a finished reflection)     <= 12x
  vergelijk (the two latest of one household)      <= 12x
  start --antwoorden FILE --json (saves)           <= 12x

and, in a pseudo-terminal (pexpect), the time from starting `pleegreflectie start` until its welcome
text is on screen (<= 10x) and until its first question is (<= 20x), as ratios to starting a bare
python in the same pseudo-terminal.

Usage: python bench/bench_store.py [--runs 11] [--sizes 1 100 1000] [--no-terminal]
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
STORE, WELCOME, QUESTION, GROWTH = 12.0, 10.0, 20.0, 1.5
WELCOME_TEXT = "Welkom bij pleegreflectie"
FIRST_QUESTION = "Wie doen er vandaag mee?"


def fill(home: Path, count: int) -> None:
    """`count` saved reflections: households of three, most finished, every tenth half done
    (never the newest, so the two newest are a finished pair of one household)."""
    from pleegreflectie.answers_file import load_answers
    from pleegreflectie.flow import from_answers
    from pleegreflectie.load import load_catalogue, load_framework
    from pleegreflectie.profile_file import bundled_questions
    from pleegreflectie.store import Store

    framework = load_framework()
    catalogue = load_catalogue(framework)
    answers = load_answers(framework, ANSWERS)
    pillar_ids = [p.id for p in framework.pillars]
    questions = bundled_questions()
    with Store.open(home) as store:
        store._connection.execute("PRAGMA synchronous = OFF")  # type: ignore[union-attr]  # seeding only
        for number in range(count):
            sitting = from_answers(framework, answers, pillar_ids, questions)
            sitting.origin = "scherm"
            sitting.profile["huishouden"] = f"Gezin {(count - 1 - number) // 3}"  # the last three: one
            if number % 10 == 9 and number != count - 1:  # half done: an unfinished one now and then
                sitting.history = sitting.history[: len(sitting.history) // 2]
            reflection_id = store.create(
                sitting,
                household=sitting.profile["huishouden"],
                framework_version=framework.version,
                catalogue_version=catalogue.version,
            )
            if number % 10 != 9 or number == count - 1:
                store.finish(reflection_id, route_ids=[])


def timed_runs(table: dict[str, list[str]], env: dict[str, str], runs: int) -> dict[str, float]:
    for command in table.values():  # warm up; stop on a failure
        done = subprocess.run(command, env=env, capture_output=True)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr.decode()}")
    times: dict[str, list[float]] = {name: [] for name in table}
    for _ in range(runs):
        for name, command in table.items():
            begin = time.perf_counter()
            subprocess.run(command, env=env, capture_output=True)
            times[name].append(time.perf_counter() - begin)
    return {name: statistics.median(values) for name, values in times.items()}


def terminal_runs(exe: str, env: dict[str, str], runs: int) -> dict[str, float]:
    """Median seconds until python exits, until the welcome text, until the first question."""
    import pexpect

    times: dict[str, list[float]] = {"python": [], "welkom": [], "eerste vraag": []}
    spawn_env = env | {"TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1", "LINES": "40"}
    for _ in range(runs):
        begin = time.perf_counter()
        child = pexpect.spawn(sys.executable, ["-c", "print('klaar')"], env=spawn_env, encoding="utf-8")
        child.expect_exact("klaar")
        times["python"].append(time.perf_counter() - begin)
        child.close()
        begin = time.perf_counter()
        child = pexpect.spawn(
            exe, ["start"], env=spawn_env, encoding="utf-8", dimensions=(40, 80), timeout=30
        )
        child.expect_exact(WELCOME_TEXT)
        times["welkom"].append(time.perf_counter() - begin)
        child.expect_exact(FIRST_QUESTION)
        times["eerste vraag"].append(time.perf_counter() - begin)
        child.sendcontrol("c")
        child.expect(pexpect.EOF)
        child.close()
    return {name: statistics.median(values) for name, values in times.items()}


def compile_package() -> None:
    """Write the bytecode of pleegreflectie, as `pip install` does. Without it (an editable install
    with PYTHONDONTWRITEBYTECODE set) every run compiles the sources again and measures that."""
    import compileall

    import pleegreflectie

    compileall.compile_dir(Path(pleegreflectie.__file__).parent, quiet=1)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1, 100, 1000])
    parser.add_argument("--no-terminal", action="store_true", help="skip the pseudo-terminal part")
    args = parser.parse_args()

    compile_package()
    exe = shutil.which("pleegreflectie", path=str(Path(sys.executable).parent)) or "pleegreflectie"
    top = Path(tempfile.mkdtemp())
    ok = True
    overview: dict[int, float] = {}
    print(f"median of {args.runs} interleaved runs; ratio = median / median of a bare python")
    print(f"{'reflections':>11}  {'command':<30}{'median ms':>10}{'ratio':>8}{'target':>8}  met")
    try:
        for size in args.sizes:
            home = top / f"opslag-{size}"
            begin = time.perf_counter()
            fill(home, size)
            made = time.perf_counter() - begin
            env = os.environ | {"PLEEGREFLECTIE_HOME": str(home), "NO_COLOR": "1", "COLUMNS": "80"}
            env.pop("FORCE_COLOR", None)
            # the newest reflection is finished; it and the one before it belong to one household
            last, before = str(size), str(size - 1)
            table = {
                "baseline": [sys.executable, "-c", "pass"],
                "overzicht": [exe, "overzicht"],
                "overzicht --json": [exe, "overzicht", "--json"],
                f"hervat {last} --json": [exe, "hervat", last, "--json"],
                "start --antwoorden --json": [exe, "start", "--antwoorden", str(ANSWERS), "--json"],
            }
            if size > 1:  # with one reflection there is nothing to compare
                table[f"vergelijk {before} {last}"] = [exe, "vergelijk", before, last]
            medians = timed_runs(table, env, args.runs)
            base = medians.pop("baseline")
            print(f"{size:>11}  {'(store made in ' + f'{made:.1f} s)':<30}{base * 1000:>10.1f}{'1.0':>7}x")
            for name, median in medians.items():
                ratio = median / base
                passed = ratio <= STORE
                ok &= passed
                print(
                    f"{size:>11}  {name:<30}{median * 1000:>10.1f}{ratio:>7.1f}x"
                    f"{STORE:>7.0f}x  {'ja' if passed else 'NEE'}"
                )
            overview[size] = medians["overzicht"] / base
            if not args.no_terminal:
                pty = terminal_runs(exe, env, args.runs)
                for name, target in (("welkom", WELCOME), ("eerste vraag", QUESTION)):
                    ratio = pty[name] / pty["python"]
                    passed = ratio <= target
                    ok &= passed
                    print(
                        f"{size:>11}  {'terminal: start, ' + name:<30}{pty[name] * 1000:>10.1f}{ratio:>7.1f}x"
                        f"{target:>7.0f}x  {'ja' if passed else 'NEE'}"
                    )
                print(f"{size:>11}  {'terminal: bare python':<30}{pty['python'] * 1000:>10.1f}")
        if len(overview) > 1:
            smallest, largest = min(overview), max(overview)
            growth = overview[largest] / overview[smallest]
            passed = growth <= GROWTH
            ok &= passed
            print(
                f"overzicht at {largest} / at {smallest}: {growth:.2f}x (target <= {GROWTH}x)  "
                f"{'ja' if passed else 'NEE'}"
            )
    finally:
        shutil.rmtree(top, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
