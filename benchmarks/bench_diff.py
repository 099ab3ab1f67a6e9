"""Benchmark ``mro-explain diff``: reading two sides and comparing them, against importing both sides.

Two corpora:

* **stdlib slice**: a dozen standard-library packages compared with
  themselves (every class is compared and nothing differs: the full cost of
  the comparison with no report to write);
* **marshmallow 3.26.1 → 4.0.0**, installed side by side with
  ``pip install --no-deps --target`` into a temporary directory (skipped when
  pip cannot reach the index).

For each, three timings:

* **import both sides (the floor)**: two fresh interpreters, each importing
  every module of one side, one after the other;
* **diff**: what ``mro-explain diff`` does after the checkout: each side read
  in the audit's worker pool (:func:`pyinspect_cli.audit.sides.read_side`:
  import, then the class facts), then :func:`pyinspect_cli.core.diff.diff_snapshots`;
* **compare**: ``diff_snapshots`` alone.

The table shows medians of ``--repeat`` runs (interleaved, so that a busy
machine slows them alike). Measured on CPython 3.11.7, 2 cores shared with
other work (load average about 13), ``--repeat 5``:

============================  =======  =======  ===============  ==============  =======
corpus                        modules  classes  floor (2 sides)  diff            compare
============================  =======  =======  ===============  ==============  =======
stdlib slice (12 packages)    174      746      1.00 s           5.46 s (5.5x)   84 ms
marshmallow 3.26.1 -> 4.0.0   14       65       0.42 s           1.10 s (2.6x)   5 ms
============================  =======  =======  ===============  ==============  =======

Where the time goes above the floor: the ``super()`` chain of every method
defined by two or more classes (each implementation's ``def`` is parsed to
see how it continues; a winner whose code names neither ``super`` nor the
method is taken to run alone without reading its source), the descriptor
kind of every reachable name, and the line of each class statement (a line
scan for a unique top-level ``class Name``, a parse of the module otherwise).
Before the line scan and the chain shortcut the stdlib slice took 15.3 s
against a 0.87 s floor (17.7x, at a lighter load). The comparison itself is
negligible. The ratio moves with the machine's load: compare runs made together.

Usage::

    python benchmarks/bench_diff.py               # one run of each
    python benchmarks/bench_diff.py --repeat 5    # medians of 5 interleaved runs
    python benchmarks/bench_diff.py --no-marshmallow
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pyinspect_cli.audit.runner import discover  # noqa: E402
from pyinspect_cli.audit.sides import Side, read_side  # noqa: E402
from pyinspect_cli.core.diff import diff_snapshots  # noqa: E402

STDLIB_SLICE = [
    "argparse",
    "asyncio",
    "collections",
    "concurrent",
    "email",
    "http",
    "importlib",
    "json",
    "logging",
    "unittest",
    "urllib",
    "xml",
]

_IMPORT_ALL = """
import importlib, sys
sys.path[:0] = {paths!r}
for name in {names!r}:
    try:
        importlib.import_module(name)
    except BaseException:
        pass
"""


def import_floor(names: Sequence[str], paths: Sequence[str]) -> float:
    """Seconds for a fresh interpreter to import every module of one side."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", _IMPORT_ALL.format(paths=list(paths), names=list(names))],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=tempfile.gettempdir(),
    )
    return time.perf_counter() - started


def timed(run: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    value = run()
    return time.perf_counter() - started, value


def bench(label: str, targets: Sequence[str], old_paths: Sequence[str], new_paths: Sequence[str], repeat: int) -> None:
    cwd = tempfile.gettempdir()
    names = [ref.name for ref in discover(list(targets), paths=list(new_paths), cwd=cwd)]
    floors: list[float] = []
    diffs: list[float] = []
    compares: list[float] = []
    result = None
    classes = 0
    for _ in range(repeat):
        floors.append(import_floor(names, old_paths) + import_floor(names, new_paths))

        def read_both() -> tuple[object, object]:
            old = read_side(Side("old"), list(targets), cwd=cwd, paths=list(old_paths), timeout=120)
            new = read_side(Side("new"), list(targets), cwd=cwd, paths=list(new_paths), timeout=120)
            return old, new

        seconds, sides = timed(read_both)
        old, new = sides  # type: ignore[misc]
        compare_seconds, result = timed(lambda: diff_snapshots(old, new))  # noqa: B023
        diffs.append(seconds + compare_seconds)
        compares.append(compare_seconds)
        classes = len(new.classes)  # type: ignore[attr-defined]
    floor = statistics.median(floors)
    diff = statistics.median(diffs)
    changed = sum(1 for d in result.changed if d.ranked)  # type: ignore[attr-defined]
    print(
        f"{label:<28} {len(names):>5} modules {classes:>6} classes  floor {floor:6.2f} s  "
        f"diff {diff:6.2f} s ({diff / floor:4.2f}x)  compare {statistics.median(compares) * 1000:6.1f} ms  "
        f"[{changed} classes changed]"
    )


def install(version: str, into: Path) -> bool:
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(into), f"marshmallow=={version}"],
        capture_output=True,
        text=True,
    )
    return done.returncode == 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--no-marshmallow", action="store_true")
    args = parser.parse_args()
    print(f"CPython {sys.version.split()[0]}, {os.cpu_count()} cores, median of {args.repeat} run(s)")
    bench("stdlib slice (12 packages)", STDLIB_SLICE, [], [], args.repeat)
    if args.no_marshmallow:
        return
    with tempfile.TemporaryDirectory() as tmp:
        old, new = Path(tmp, "mm3"), Path(tmp, "mm4")
        if not (install("3.26.1", old) and install("4.0.0", new)):
            print("marshmallow: pip could not install 3.26.1 and 4.0.0; skipped")
            return
        bench("marshmallow 3.26.1 -> 4.0.0", ["marshmallow"], [str(old)], [str(new)], args.repeat)


if __name__ == "__main__":
    main()
