"""Benchmark: the organisation's overview of 100,000 anonymous records (issue 19).

Run:  .venv/bin/python bench/bench_organisation.py [--records N] [--households H] [--rounds R]

It writes N records of H households (over four quarters, Dutch and Flemish, random profiles and scores)
into an export file in a temporary folder, then runs the real program in a fresh process, R times:

    python -m pleegreflectie organisatie big.jsonl -o overzicht.csv

and prints the median time and the largest peak memory (maximum resident set size of the child).
Target: 100,000 records in under 10 s and under 500 MB.

Why the standard library: the cells are summed per group signature (few signatures, many units) and
the households per cell are counted in C by `collections.Counter.update`; decoding is msgspec's. On
this machine that stays well inside the target, so DuckDB or polars (each tens of MB more to install
for every family) would buy nothing a user feels.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pleegreflectie.anon_file import write_lines
from pleegreflectie.load import load_framework
from pleegreflectie.organisation import AGE_BANDS, FORMAT, AnonProfile, AnonRecord, Versions

TARGET_SECONDS = 10.0
TARGET_MB = 500


def records(count: int, households: int, seed: int = 1) -> list[AnonRecord]:
    framework = load_framework()
    competencies = [c.id for c in framework.competencies()]
    rng = random.Random(seed)
    keys = [f"{rng.getrandbits(128):032x}" for _ in range(households)]
    profiles = {
        key: AnonProfile(
            country=rng.choice(["nl", "nl", "nl", "vl"]),  # type: ignore[arg-type]
            parent_kind=rng.choice(["netwerk", "bestand", None]),  # type: ignore[arg-type]
            care_kinds=tuple(
                sorted(rng.sample(["crisis", "langdurig", "deeltijd", "kortdurend"], rng.randint(0, 2)))
            ),  # type: ignore[arg-type]
            age_bands=tuple(sorted(rng.sample(AGE_BANDS, rng.randint(0, 2)))),  # type: ignore[arg-type]
        )
        for key in keys
    }
    out = []
    for _ in range(count):
        key = rng.choice(keys)
        out.append(
            AnonRecord(
                format=FORMAT,
                household=key,
                record=f"{rng.getrandbits(128):032x}",
                period=f"2026-K{rng.randint(1, 4)}",
                versions=Versions(framework=framework.version, catalogue="2026.12", signals="2026.12"),
                profile=profiles[key],
                scores={c: round(rng.uniform(1.5, 5.0), 2) for c in competencies if rng.random() < 0.9},
                priorities=tuple(rng.sample(competencies, 3)),
                route=("pleegouderplein",),
                signals=(),
            )
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--households", type=int, default=40_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "big.jsonl"
        source.write_text(write_lines(records(args.records, args.households)), encoding="utf-8")
        size = source.stat().st_size / 1_000_000
        times, peaks = [], []
        for round_number in range(args.rounds):
            target = Path(folder) / f"overzicht-{round_number}.csv"
            command = [sys.executable, "-m", "pleegreflectie", "organisatie", str(source), "-o", str(target)]
            before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            times.append(time.perf_counter() - start)
            peaks.append(max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before) / 1024)
        median = statistics.median(times)
        peak = max(peaks)
        print(f"{args.records:,} records of {args.households:,} households ({size:.0f} MB)")
        print(f"organisatie -o overzicht.csv: median {median:.2f} s (target < {TARGET_SECONDS:.0f} s)")
        print(f"peak memory (max RSS): {peak:.0f} MB (target < {TARGET_MB} MB)")
        print("OK" if median < TARGET_SECONDS and peak < TARGET_MB else "OVER TARGET")


if __name__ == "__main__":
    main()
