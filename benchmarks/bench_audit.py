"""Benchmark ``mro-explain audit`` (and the recursive commands) against plain ``import``.

A user judges the audit against the floor they know: how long one plain
interpreter takes to import the same modules. Every pass is a command run as a
user runs it (a subprocess, the installed ``mro-explain`` next to this
Python), over the same modules:

* **plain import (the floor)**: ``python -c`` importing every module the audit
  finds, one after the other, in one interpreter;
* **audit --format json** and **audit --format text** (piped), every rule
  enabled by default, as many workers as cores;
* **pylint** (when installed), restricted to its checks comparable to the
  audit's rules, on the same source files with as many jobs as cores;
* **registries -r** and **graph -r** on the package (the small workloads).

Workloads: ``json`` (5 modules), ten stdlib packages (``email json logging
http xml urllib concurrent importlib unittest collections``, 141 modules),
the whole standard library (minus modules that open windows or browsers at
import and the test suites), and on request ``email`` and ``sympy.core`` (when
sympy is installed), where ``registries -r`` and ``graph -r`` are timed too.
A first round warms the bytecode caches and is not counted; then the passes
run side by side ``--repeat`` times (floor, audit, ... floor, audit, ...) so
that a busy machine slows them alike, and the table shows the medians. Absolute times move with the machine's load; the
ratios stay put. The goals: the ten packages within 1.5x of the floor, ``json``
within 3.5x, ``--format text`` no slower than json, ``registries -r`` and
``graph -r`` within 2x.

Measured (Python 3.11.7, an idle 2-core machine, regular non-editable
installs, medians of 7 interleaved runs) -- see docs/audit.md for the table
and what is left above the floor.

Usage::

    python benchmarks/bench_audit.py                      # every workload, 5 interleaved runs
    python benchmarks/bench_audit.py --repeat 9           # more runs
    python benchmarks/bench_audit.py --workload json --workload stdlib10
    python benchmarks/bench_audit.py --no-pylint
    python benchmarks/bench_audit.py --mro-explain /path/to/venv/bin/mro-explain
    python benchmarks/bench_audit.py --against /path/to/old-venv/bin/mro-explain   # before/after
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from pyinspect_cli.audit.runner import discover

#: stdlib modules that start GUIs, open a browser or are test suites
SKIP = ("antigravity", "idlelib", "test", "turtledemo", "turtle", "this", "tkinter", "__hello__", "__phello__")
TEN_PACKAGES = (
    "email",
    "json",
    "logging",
    "http",
    "xml",
    "urllib",
    "concurrent",
    "importlib",
    "unittest",
    "collections",
)

#: pylint messages that check what the audit's rules check
PYLINT_CHECKS = (
    "method-hidden",
    "super-init-not-called",
    "non-parent-init-called",
    "inconsistent-mro",
    "duplicate-bases",
    "assigning-non-slot",
    "method-cache-max-size-none",
    "invalid-slots",
    "invalid-metaclass",
)

#: the floor: import each module named on the command line, in this order, in one interpreter
PLAIN_IMPORT = (
    "import importlib, os, sys\n"
    "names = open(sys.argv[1]).read().split()\n"
    "for name in names:\n"
    "    try:\n"
    "        importlib.import_module(name)\n"
    "    except BaseException:\n"
    "        pass\n"
    "os._exit(0)\n"  # as the audit's workers end: no module's atexit handlers
)


@dataclass
class Workload:
    name: str
    targets: list[str]
    exclude: list[str] = field(default_factory=list)
    recursive: bool = False  # also time registries -r / graph -r on it
    modules: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def make_workloads(wanted: list[str]) -> list[Workload]:
    stdlib = sorted(n for n in sys.stdlib_module_names if n not in SKIP and not n.startswith("_"))
    excludes = [p for name in SKIP for p in (name, f"*.{name}")]
    every = {
        "json": Workload("json", ["json"], recursive=True),
        "stdlib10": Workload("stdlib10", list(TEN_PACKAGES)),
        "email": Workload("email", ["email"], recursive=True),
        # a third-party package where the class machinery is dense (pip install sympy)
        "sympy.core": Workload("sympy.core", ["sympy.core"], recursive=True),
        "stdlib": Workload("stdlib", [], exclude=excludes),
    }
    missing = [name for name in wanted if name == "sympy.core" and importlib.util.find_spec("sympy") is None]
    if missing:
        print("sympy.core: skipped (sympy is not installed: pip install sympy)")
    chosen = [every[name] for name in wanted if name not in missing]
    for workload in chosen:
        if workload.name == "stdlib":
            # only the names that exist on this interpreter (and can be found without importing)
            for name in stdlib:
                try:
                    discover([name])
                except Exception:
                    continue
                workload.targets.append(name)
        refs = discover(workload.targets, exclude=workload.exclude)
        workload.modules = [r.name for r in refs]
        workload.files = [r.file for r in refs if r.file and r.file.endswith(".py")]
    return chosen


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], cwd: str) -> tuple[float, float, int]:
    """Wall time, CPU time (the process and its children) and exit code of one run."""
    cpu = children_cpu()
    started = time.perf_counter()
    proc = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started, children_cpu() - cpu, proc.returncode


def passes(
    workload: Workload, exe: str, names_file: str, jobs: int, pylint: bool, against: str | None
) -> dict[str, list[str]]:
    """The commands to time for *workload*, by row label (the floor first)."""
    exclude = [arg for pattern in workload.exclude for arg in ("--exclude", pattern)]
    audit = [exe, "audit", *workload.targets, *exclude, "--isolated", "--jobs", str(jobs)]
    commands = {
        "plain import (the floor)": [sys.executable, "-c", PLAIN_IMPORT, names_file],
        "audit --format json": [*audit, "--format", "json"],
        "audit --format text": audit,
    }
    if against:
        other = [against, *audit[1:]]
        commands["audit --format json (--against)"] = [*other, "--format", "json"]
        commands["audit --format text (--against)"] = other
    if workload.recursive:
        for label, exe_ in (("", exe), (" (--against)", against)):
            if exe_:
                target = workload.targets[0]
                commands[f"registries -r --format json{label}"] = [exe_, "registries", target, "-r", "--format", "json"]
                commands[f"graph -r --format dot{label}"] = [exe_, "graph", target, "-r", "--format", "dot"]
    if pylint:
        commands[f"pylint ({len(PYLINT_CHECKS)} comparable checks)"] = [
            sys.executable,
            "-m",
            "pylint",
            "--disable=all",
            "--enable=" + ",".join(PYLINT_CHECKS),
            f"--jobs={jobs}",
            "--score=n",
            "--persistent=n",
            *workload.files,
        ]
    return commands


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5, help="interleaved runs of each pass; medians are reported")
    parser.add_argument(
        "--workload",
        action="append",
        choices=["json", "stdlib10", "email", "stdlib", "sympy.core"],
        help="workloads to run (repeatable; default: json, stdlib10, stdlib)",
    )
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="audit workers (default: cores)")
    parser.add_argument("--no-pylint", action="store_true", help="skip the pylint comparison")
    parser.add_argument("--pylint-repeat", type=int, default=1, help="runs of pylint (slow; default 1)")
    parser.add_argument("--mro-explain", default=None, help="the command to time (default: next to this Python)")
    parser.add_argument("--against", default=None, help="another mro-explain to time in the same runs (a release)")
    args = parser.parse_args()

    exe = args.mro_explain or str(Path(sys.executable).with_name("mro-explain"))
    if not Path(exe).exists():
        exe = shutil.which("mro-explain") or exe
    pylint = not args.no_pylint and importlib.util.find_spec("pylint") is not None
    workloads = make_workloads(args.workload or ["json", "stdlib10", "stdlib"])
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, --jobs {args.jobs}, {exe}")
    if not args.no_pylint and not pylint:
        print("pylint: skipped (not installed: pip install pylint)")

    scratch = tempfile.mkdtemp(prefix="bench-audit-")
    plans = []
    for workload in workloads:
        names_file = os.path.join(scratch, f"{workload.name}.txt")
        Path(names_file).write_text("\n".join(workload.modules), encoding="utf-8")
        plans.append((workload, passes(workload, exe, names_file, args.jobs, pylint, args.against)))
    for _workload, commands in plans:  # warm the bytecode caches
        for label, command in commands.items():
            if not label.startswith("pylint"):
                timed(command, scratch)

    runs: dict[tuple[str, str], list[tuple[float, float, int]]] = {}
    for round_ in range(max(1, args.repeat)):
        for workload, commands in plans:
            for label, command in commands.items():
                if label.startswith("pylint") and round_ >= args.pylint_repeat:
                    continue
                runs.setdefault((workload.name, label), []).append(timed(command, scratch))

    print()
    print(f"{'workload':<22}{'pass':<32}{'wall':>9}{'x floor':>9}{'cpu':>9}{'x floor':>9}  exit")
    for workload, commands in plans:
        floor_runs = runs[(workload.name, "plain import (the floor)")]
        floor = statistics.median(w for w, _, _ in floor_runs)
        floor_cpu = statistics.median(c for _, c, _ in floor_runs)
        title = f"{workload.name} ({len(workload.modules)})"
        for label in commands:
            measured = runs[(workload.name, label)]
            wall = statistics.median(w for w, _, _ in measured)
            cpu = statistics.median(c for _, c, _ in measured)
            codes = sorted({code for _, _, code in measured})
            print(
                f"{title:<22}{label:<32}{wall:>8.3f}s{wall / floor:>8.2f}x{cpu:>8.3f}s{cpu / floor_cpu:>8.2f}x"
                f"  {','.join(map(str, codes))}"
            )
            title = ""
    print()
    print(f"medians of {args.repeat} interleaved runs (pylint: {min(args.repeat, args.pylint_repeat)})")
    load = os.getloadavg()[0]
    if load > (os.cpu_count() or 1):
        print(f"note: load average {load:.1f} > {os.cpu_count()} cores: wall times are noisy, compare the cpu times")
    shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    raise SystemExit(main())
