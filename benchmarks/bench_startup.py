"""Wall time of `mro-explain MODULE:CLASS` against `python -m pydoc MODULE.CLASS`.

Run: python benchmarks/bench_startup.py [--runs 21]

Both commands run alternately, piped (as in a script or CI), from the same
interpreter's environment; the table reports medians and the median of the
per-pair ratios. pydoc is the standard library's own view of a class: an
honest floor for "import the module and describe a class".
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

CASES = [
    ("sample_modules.diamond:D", "sample_modules.diamond.D"),
    ("sample_modules.cooperative:Model", "sample_modules.cooperative.Model"),
    ("argparse:ArgumentParser", "argparse.ArgumentParser"),
    ("collections:OrderedDict", "collections.OrderedDict"),
]


def wall(argv: list[str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(
        argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "PAGER": "cat"}
    )
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited {proc.returncode}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    tool = str(BIN / "mro-explain")
    python = str(BIN / "python")
    print(f"Python {sys.version.split()[0]}; medians of {args.runs} alternating runs, stdout piped")
    print(
        f"{'target':<36} {'mro-explain':>12} {'--no-trace':>11} {'--format json':>14} {'pydoc':>8} "
        f"{'ratio':>7} {'no-trace ratio':>15}"
    )
    for target, dotted in CASES:
        ours, bare, js, pydoc, ratios, bare_ratios = [], [], [], [], [], []
        for _ in range(args.runs):
            o = wall([tool, target])
            b = wall([tool, target, "--no-trace"])
            j = wall([tool, target, "--format", "json"])
            p = wall([python, "-m", "pydoc", dotted])
            ours.append(o)
            bare.append(b)
            js.append(j)
            pydoc.append(p)
            ratios.append(o / p)
            bare_ratios.append(b / p)
        med = statistics.median
        print(
            f"{target:<36} {med(ours) * 1e3:>10.1f}ms {med(bare) * 1e3:>9.1f}ms {med(js) * 1e3:>12.1f}ms "
            f"{med(pydoc) * 1e3:>6.1f}ms {med(ratios):>6.2f}x {med(bare_ratios):>14.2f}x"
        )
    print("ratio: mro-explain (with the C3 trace) / pydoc; below 1.2x is the goal.")


if __name__ == "__main__":
    main()
