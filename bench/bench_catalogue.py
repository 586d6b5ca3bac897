"""Benchmark: a catalogue of 3,000 entries, the whole pipeline against only parsing the YAML.

Run:  .venv/bin/python bench/bench_catalogue.py [--entries N] [--rounds R]

The default catalogue fits the limits every catalogue must keep (`load.CATALOGUE_LIMITS`: at most
2,000,000 bytes and 5,000 items in one list): 3,000 entries are about 1.98 MB. A larger `--entries`
is refused before anything is measured, because the program would refuse that file.

It writes a valid, varied catalogue into a temporary directory, then measures in the same run,
interleaved, the median of R rounds of:
  (a) yaml.load(text, Loader=yaml.CSafeLoader), in-process;
  (b) the full pipeline in-process: load_framework(), load_answers(tests/fixtures/oma.yaml),
      load_catalogue(framework, big.yaml), score, plan_route and the JSON output.
Targets (issue 3): (b) at most 2x (a); peak memory of (b) under 150 MiB (tracemalloc, in a separate
untimed round).

It also runs the real program, each in a fresh process, interleaved:
  (c) python -c "yaml.load(text, Loader=yaml.CSafeLoader)" on big.yaml;
  (d) python -m pleegreflectie start --antwoorden tests/fixtures/oma.yaml --catalogus big.yaml --json
and reports their ratio and the maximum resident set size of (d) (start-up included).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from pleegreflectie.advice_file import load_advice
from pleegreflectie.answers_file import load_answers
from pleegreflectie.load import CATALOGUE_LIMITS, load_catalogue, load_framework
from pleegreflectie.models import CareKind, Challenge, LearningForm, ParentKind
from pleegreflectie.route import plan_route
from pleegreflectie.scoring import score

ROOT = Path(__file__).resolve().parents[1]
ANSWERS = ROOT / "tests" / "fixtures" / "oma.yaml"
TODAY = dt.date(2026, 11, 22)
KINDS = ["training", "interventie", "lotgenoten", "informatie", "ondersteuning"]
ACCESS = ["zelf", "via-begeleider", "vrij"]
RECOGNITION = ["goed-onderbouwd", "effectief-eerste", "effectief-goede", "effectief-sterke"]
WORDS = [
    *("je", "leert", "hoe", "je", "rustig", "blijft", "als", "je", "pleegkind", "boos", "is"),
    *("en", "hoe", "je", "samen", "afspraken", "maakt", "thuis", "groep", "gesprek", "veilig"),
]


def _sentence(rng: random.Random) -> str:
    words = rng.sample(WORDS, rng.randint(6, 12))
    return " ".join(words).capitalize() + "."


def _entry(index: int, rng: random.Random, competencies: list[str]) -> str:
    lines = [
        f"  - id: aanbod-{index:05d}",
        f'    titel: "Aanbod {index}: {rng.choice(WORDS).capitalize()} {rng.choice(WORDS)}"',
        f'    aanbieder: "Organisatie {rng.randint(1, 40)}"',
        "    beschrijving: >-",
        *(f"      {_sentence(rng)}" for _ in range(rng.randint(2, 3))),
    ]
    if rng.random() < 0.7:
        lines.append(f"    url: https://www.example.org/aanbod/{index}")
    chosen = rng.sample(competencies, rng.randint(1, 4))
    lines.append(f"    competenties: [{', '.join(chosen)}]")
    lines.append(f"    soort: {rng.choice(KINDS)}")
    forms = rng.sample([f.value for f in LearningForm], rng.randint(1, 3))
    lines.append(f"    vorm: [{', '.join(forms)}]")
    lines.append(f"    toegang: {rng.choice(ACCESS)}")
    duration = {
        key: rng.randint(low, high)
        for key, low, high in (("bijeenkomsten", 1, 20), ("weken", 1, 30), ("uren", 1, 60))
        if rng.random() < 0.6
    }
    if duration:
        lines.append("    duur: {" + ", ".join(f"{k}: {v}" for k, v in duration.items()) + "}")
    if rng.random() < 0.5:
        lines.append(f"    kosten: {rng.choice(['gratis', 'via-organisatie', 'EUR 25 per avond'])}")
    if rng.random() < 0.3:
        lines.append(f"    erkenning: {rng.choice(RECOGNITION)}")
    audience = _audience(rng)
    if audience:
        lines.append("    doelgroep:")
        lines.extend(f"      {line}" for line in audience)
    if rng.random() < 0.1:
        lines.append("    regio: Vlaanderen")
        lines.append("    land: vl")
    else:
        lines.append("    land: nl")
    if rng.random() < 0.3:
        lines.append(f"    geldig_tot: {TODAY + dt.timedelta(days=rng.randint(-60, 720))}")
    if rng.random() < 0.8:  # an entry without a source is never a step of the route
        lines.append(f'    bron: {{titel: "Bron {index}", url: "https://www.example.org/bron/{index}"}}')
    lines.append(f"    laatst_gecontroleerd: {TODAY - dt.timedelta(days=rng.randint(0, 365))}")
    return "\n".join(lines)


def _audience(rng: random.Random) -> list[str]:
    lines = []
    if rng.random() < 0.2:
        lines.append(f"pleegouders: [{rng.choice(list(ParentKind)).value}]")
    if rng.random() < 0.3:
        kinds = rng.sample([k.value for k in CareKind], rng.randint(1, 3))
        lines.append(f"pleegzorgvormen: [{', '.join(kinds)}]")
    if rng.random() < 0.5:
        low = rng.randint(0, 14)
        lines.append(f"leeftijd: {{min: {low}, max: {rng.randint(low, 21)}}}")
    if rng.random() < 0.2:
        challenges = rng.sample(
            [Challenge.BEHAVIOUR, Challenge.ATTACHMENT, Challenge.TRAUMA], rng.randint(1, 2)
        )
        lines.append(f"problematiek: [{', '.join(c.value for c in challenges)}]")
    return lines


def generate(path: Path, count: int, seed: int = 2026) -> None:
    rng = random.Random(seed)
    competencies = [c.id for c in load_framework().competencies()]
    body = "\n\n".join(_entry(i, rng, competencies) for i in range(1, count + 1))
    path.write_text(f'versie: "bench"\naanbod:\n{body}\n', encoding="utf-8")


# ---------------------------------------------------------------- the two measured tasks


def parse_only(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def pipeline(path: Path) -> str:
    framework = load_framework()
    answers = load_answers(framework, ANSWERS)
    catalogue = load_catalogue(framework, path)
    result = score(framework, answers)
    route = plan_route(framework, catalogue, answers, result, today=TODAY, advice=load_advice())
    data = {
        "aandachtspunten": [{"id": g.id, "score": g.score, "prioriteit": g.priority} for g in result.gaps],
        "route": [
            {"id": s.course.id, "competenties": list(s.competencies), "reden": s.reason} for s in route.steps
        ],
        "niet_gedekt": list(route.uncovered),
        "advies": list(route.advice),
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def timed(task: Callable[[Path], Any], path: Path) -> float:
    gc.collect()
    start = time.perf_counter()
    task(path)
    return time.perf_counter() - start


def peak_mib(task: Callable[[Path], Any], path: Path) -> float:
    gc.collect()
    tracemalloc.start()
    task(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


PARSE_ONLY = (
    "import sys, yaml; yaml.load(open(sys.argv[1], encoding='utf-8').read(), Loader=yaml.CSafeLoader)"
)


# A small launcher runs each program and reports its time and maximum resident set size. The launcher
# is needed because a child forked straight from this (large) process inherits its high-water mark.
LAUNCHER = """
import os, subprocess, sys, time
start = time.perf_counter()
process = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(process.pid, 0)
print(time.perf_counter() - start, os.waitstatus_to_exitcode(status), usage.ru_maxrss)
"""


def child(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds and maximum resident set size (MiB) of one fresh process."""
    done = subprocess.run([sys.executable, "-c", LAUNCHER, *args], env=env, capture_output=True, text=True)
    seconds, status, rss = done.stdout.split()
    if done.returncode != 0 or status != "0":
        raise SystemExit(f"{' '.join(args)} failed ({status}):\n{done.stderr}")
    return float(seconds), int(rss) / (2**20 if sys.platform == "darwin" else 2**10)


def programs(path: Path, rounds: int, home: Path) -> tuple[float, float, float]:
    env = os.environ | {"PLEEGREFLECTIE_HOME": str(home), "NO_COLOR": "1"}
    cli = [sys.executable, "-m", "pleegreflectie", "start", "--antwoorden", str(ANSWERS)]
    cli += ["--catalogus", str(path), "--json"]
    parse_times, cli_times, rss = [], [], []
    for _ in range(rounds):
        parse_times.append(child([sys.executable, "-c", PARSE_ONLY, str(path)], env)[0])
        seconds, peak = child(cli, env)
        cli_times.append(seconds)
        rss.append(peak)
    return statistics.median(parse_times), statistics.median(cli_times), max(rss)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=3_000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.yaml"
        generate(path, args.entries)
        size = path.stat().st_size / 2**20
        if path.stat().st_size > CATALOGUE_LIMITS.size or args.entries > CATALOGUE_LIMITS.items:
            raise SystemExit(
                f"{args.entries} entries ({path.stat().st_size:,} bytes) are over the limits of a catalogue"
                f" ({CATALOGUE_LIMITS.size:,} bytes, {CATALOGUE_LIMITS.items:,} entries): use fewer --entries"
            )
        print(f"catalogus: {args.entries} entries, {size:.1f} MiB, {path}")
        route = json.loads(pipeline(path))  # warm-up, and show that it works
        print(f"route: {[s['id'] for s in route['route']]}")

        parse_times, pipeline_times = [], []
        for _ in range(args.rounds):  # interleaved, so both see the same machine state
            parse_times.append(timed(parse_only, path))
            pipeline_times.append(timed(pipeline, path))
        a, b = statistics.median(parse_times), statistics.median(pipeline_times)
        peak = peak_mib(pipeline, path)

        c, d, rss = programs(path, args.rounds, Path(tmp) / "home")

    ratio, cli_ratio = b / a, d / c
    print(f"(a) yaml.load CSafeLoader : median {a * 1000:7.0f} ms over {args.rounds} rounds")
    print(f"(b) full pipeline         : median {b * 1000:7.0f} ms over {args.rounds} rounds")
    print(f"ratio (b)/(a)             : {ratio:.2f}x (target <= 2x)")
    print(f"peak memory of (b)        : {peak:.1f} MiB traced (target < 150 MiB)")
    print(f"(c) only yaml.load        : median {c * 1000:7.0f} ms (fresh process)")
    print(f"(d) pleegreflectie start  : median {d * 1000:7.0f} ms (fresh process)")
    print(f"ratio (d)/(c)             : {cli_ratio:.2f}x (target <= 2x)")
    print(f"max RSS of (d)            : {rss:.0f} MiB (target < 150 MiB, Python start-up included)")
    ok = ratio <= 2 and cli_ratio <= 2 and peak < 150 and rss < 150
    print("OK" if ok else "NOT OK")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
