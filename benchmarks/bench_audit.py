"""Benchmark ``mro-explain audit`` on the standard library.

Three timings over the same modules (every stdlib module that can be found,
minus a few that open windows or browsers at import):

* **import only**: the audit's worker pool imports every module and lists
  its classes, running no rule: the floor the audit cannot beat;
* **audit**: the same pool, every rule enabled by default;
* **pylint** (when installed), restricted to its checks comparable to the
  audit's rules, on the same source files with as many jobs as the pool.

Each pool pass starts fresh worker processes (nothing cached in
``sys.modules``); a first import-only pass warms the bytecode caches and is
not counted. With ``--repeat N`` the three passes run side by side N times
(import, framework, audit, import, ...) so that a busy machine slows them
alike; the table shows the median of each (and the best wall time). The
goal: the audit within 1.5x of the import-only floor, and far ahead of pylint.

Measured on the standard library of Python 3.11.7 (603 modules, 2624 classes,
18 rules), 2 jobs on a 2-core machine shared with other work, medians of 7
interleaved runs (``--repeat 7``), before and after the rules were made fast:

===================================  =================  =================
pass                                 before             after
===================================  =================  =================
import only (the floor)              0.40 s wall        0.43 s wall
framework only (a no-op rule)        0.96x              0.99x
mro-explain audit                    5.41 s, 13.4x      0.78 s, 1.81x
audit cpu / import-only cpu          8.93 s, 12.8x      1.41 s, 1.86x
pylint, 9 comparable checks          --                 41.5 s, 96x
===================================  =================  =================

Where the time went before: the super() chains of every lifecycle method of
every class (MRO001), each reading its implementations' source, and every
module parsed twice, once for the chains and once for the rules (4.5 s of
``compile`` in-process). Now source is read through one cache per process
(:func:`pyinspect_cli.core.hooks.source_file`): a ``def`` is found by parsing
its own lines, a whole module is parsed at most once and only when a class
statement is needed (the location of a finding); chains are memoised per
class and method and derived only when the MRO can produce a finding; cheap
runtime facts (``co_names``, the opcodes, the class namespaces) are checked
before any source is read. What is left above the floor is mostly the chains
of multiple-inheritance classes and the module parses behind findings.
``--profile-rules`` shows what each rule costs in-process.

Usage::

    python benchmarks/bench_audit.py                 # the whole stdlib, one run of each pass
    python benchmarks/bench_audit.py --repeat 7      # medians of 7 interleaved runs
    python benchmarks/bench_audit.py --limit 200     # the first 200 modules (quick)
    python benchmarks/bench_audit.py --no-pylint
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from pyinspect_cli.audit import rules as rules_pkg
from pyinspect_cli.audit.config import AuditConfig, resolve_rules
from pyinspect_cli.audit.findings import Severity
from pyinspect_cli.audit.rules.base import Rule, RuleDoc
from pyinspect_cli.audit.runner import ModuleRef, WorkerPool, discover
from pyinspect_cli.audit.worker import Init, Task, TaskResult

#: stdlib modules that start GUIs, open a browser or are test suites
SKIP = {"antigravity", "idlelib", "test", "turtledemo", "turtle", "this", "tkinter", "__hello__", "__phello__"}

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


def _noop(ctx: Any) -> tuple[()]:
    return ()


#: a rule that checks nothing: a pass with it measures the framework alone (contexts, dispatch, results)
NOOP = Rule(
    id="BENCH000",
    name="no-op",
    severity=Severity.note,
    summary="Finds nothing",
    doc=RuleDoc(what="", why="", wrong="", right="", fix=""),
    check=_noop,
)


def stdlib_modules(limit: int | None) -> list[ModuleRef]:
    names = sorted(n for n in sys.stdlib_module_names if n not in SKIP and not n.startswith("_"))
    refs: list[ModuleRef] = []
    for name in names:
        try:
            found = discover([name])
        except Exception:
            continue
        refs.extend(r for r in found if not any(part in SKIP for part in r.name.split(".")))
    seen: set[str] = set()
    unique = [r for r in refs if not (r.name in seen or seen.add(r.name))]  # type: ignore[func-returns-value]
    return unique[:limit] if limit else unique


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _median(runs: list[tuple[float, float]]) -> tuple[float, float]:
    """The median wall time and the median cpu time of *runs*."""
    return statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)


def pool_pass(
    refs: list[ModuleRef], rule_ids: tuple[str, ...], jobs: int, timeout: float
) -> tuple[float, float, list[TaskResult]]:
    """Wall time and the workers' CPU time of one pass (fresh workers)."""
    init = Init(
        sys_path=tuple(sys.path),
        cwd=os.getcwd(),
        rule_modules=tuple(rules_pkg.RULE_MODULES),
        rule_refs=((NOOP.id, "bench_audit"),),
        timeout=timeout,
    )
    tasks = [Task(r.name, None, None, rule_ids, (), r.file) for r in refs]
    results: list[TaskResult] = []
    pool = WorkerPool(init, jobs=jobs, timeout=timeout)
    started, cpu = time.perf_counter(), children_cpu()
    pool.run(tasks, results.append)
    return time.perf_counter() - started, children_cpu() - cpu, results


def pylint_pass(files: list[str], jobs: int) -> tuple[float, float, int] | None:
    if importlib.util.find_spec("pylint") is None:
        return None
    command = [
        sys.executable,
        "-m",
        "pylint",
        "--disable=all",
        "--enable=" + ",".join(PYLINT_CHECKS),
        f"--jobs={jobs}",
        "--score=n",
        "--output-format=parseable",
        "--persistent=n",
        *files,
    ]
    started, cpu = time.perf_counter(), children_cpu()
    proc = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    messages = sum(1 for line in proc.stdout.splitlines() if ": [" in line)
    return seconds, children_cpu() - cpu, messages


def profile_rules(refs: list[ModuleRef], rules: dict[str, Any], rule_ids: tuple[str, ...]) -> None:
    """CPU time of each rule over every class, measured in this process (modules imported here)."""
    import contextlib
    import io

    from pyinspect_cli.audit.rules.base import ClassContext, ModuleContext
    from pyinspect_cli.loading import classes_defined_in

    spent: dict[str, float] = collections.defaultdict(float)
    for ref in refs:
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                module = importlib.import_module(ref.name)
        except BaseException:  # a module that does not import is skipped here
            continue
        classes = classes_defined_in(module, ref.name)
        mctx = ModuleContext(module, ref.name, ref.file, ref.file, classes)
        for rule_id in rule_ids:
            rule = rules[rule_id]
            started = time.process_time()
            with contextlib.suppress(Exception):
                if rule.scope == "module":
                    list(rule.check(mctx))
                else:
                    for cls in classes:
                        list(rule.check(ClassContext(cls, mctx)))
            spent[rule_id] += time.process_time() - started
    print()
    print("cpu time per rule (in-process, all classes):")
    for rule_id, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        print(f"  {rule_id:<9}{seconds:>8.2f}s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each pass, side by side; medians are reported")
    parser.add_argument("--limit", type=int, default=None, help="audit only the first N modules")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (default: cores)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per module")
    parser.add_argument("--no-pylint", action="store_true", help="skip the pylint comparison")
    parser.add_argument("--profile-rules", action="store_true", help="also time each rule (in this process)")
    args = parser.parse_args()

    rules = rules_pkg.all_rules()
    rule_ids = tuple(resolve_rules(AuditConfig(), rules))
    refs = stdlib_modules(args.limit)
    print(f"Python {sys.version.split()[0]}, {args.jobs} job(s), {len(refs)} stdlib modules, {len(rule_ids)} rules")

    pool_pass(refs, (), args.jobs, args.timeout)  # warm the bytecode caches
    import_runs, noop_runs, audit_runs = [], [], []
    audit_results: list[TaskResult] = []
    for _ in range(max(1, args.repeat)):
        wall, cpu, _results = pool_pass(refs, (), args.jobs, args.timeout)
        import_runs.append((wall, cpu))
        wall, cpu, _results = pool_pass(refs, (NOOP.id,), args.jobs, args.timeout)
        noop_runs.append((wall, cpu))
        wall, cpu, audit_results = pool_pass(refs, rule_ids, args.jobs, args.timeout)
        audit_runs.append((wall, cpu))
    floor, floor_cpu = _median(import_runs)
    audit, audit_cpu = _median(audit_runs)
    noop, noop_cpu = _median(noop_runs)

    statuses = collections.Counter(r.status.status for r in audit_results)
    findings = collections.Counter(f.rule for r in audit_results for f in r.findings)
    classes = sum(r.status.classes for r in audit_results)
    rule_errors = sum(len(r.status.rule_errors) for r in audit_results)
    ok = statuses.get("ok", 0)

    print()
    print(f"{'pass':<36}{'wall':>9}{'x import':>10}{'cpu':>9}{'x import':>10}")
    print(f"{'import only (same pool)':<36}{floor:>8.2f}s{1.0:>9.2f}x{floor_cpu:>8.2f}s{1.0:>9.2f}x")
    ratio, cpu_ratio = audit / floor, audit_cpu / max(floor_cpu, 1e-9)
    row = "framework only (one no-op rule)"
    print(f"{row:<36}{noop:>8.2f}s{noop / floor:>9.2f}x{noop_cpu:>8.2f}s{noop_cpu / max(floor_cpu, 1e-9):>9.2f}x")
    print(f"{'mro-explain audit':<36}{audit:>8.2f}s{ratio:>9.2f}x{audit_cpu:>8.2f}s{cpu_ratio:>9.2f}x")
    if len(audit_runs) > 1:
        best_floor, best_audit = min(w for w, _ in import_runs), min(w for w, _ in audit_runs)
        print(
            f"  medians of {len(audit_runs)} interleaved runs; best wall: import {best_floor:.2f}s, "
            f"audit {best_audit:.2f}s ({best_audit / best_floor:.2f}x)"
        )

    files = [r.file for r in refs if r.file and r.file.endswith(".py")]
    if args.no_pylint:
        pass
    elif importlib.util.find_spec("pylint") is None:
        print(f"{'pylint':<36}  skipped (not installed: pip install pylint)")
    else:
        measured = pylint_pass(files, args.jobs)
        if measured is not None:
            seconds, cpu, messages = measured
            label = f"pylint ({len(PYLINT_CHECKS)} comparable checks)"
            print(f"{label:<36}{seconds:>8.2f}s{seconds / floor:>9.2f}x{cpu:>8.2f}s{cpu / floor_cpu:>9.2f}x")
            print(f"  pylint: {messages} messages on {len(files)} files ({', '.join(PYLINT_CHECKS)})")
    if args.profile_rules:
        profile_rules(refs, rules, rule_ids)

    print()
    print(f"modules: {dict(statuses)}; classes audited: {classes}; rule errors: {rule_errors}")
    print("findings by rule: " + (", ".join(f"{k} {v}" for k, v in sorted(findings.items())) or "none"))
    print(f"findings per 100 imported modules: {100 * sum(findings.values()) / max(ok, 1):.1f}")
    verdict = "within" if audit <= 1.5 * floor else "ABOVE"
    print(f"audit / import-only = {ratio:.2f}x wall, {cpu_ratio:.2f}x cpu ({verdict} the 1.5x goal)")
    load = os.getloadavg()[0]
    if load > args.jobs:
        print(f"note: load average {load:.1f} > {args.jobs} jobs: wall times are noisy, compare the cpu times")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    raise SystemExit(main())
