"""Precision of ``mro-explain audit`` on real code it was not developed against.

Audits the precision corpus (the packages pinned in the ``corpus`` and
``frameworks`` extras, named in ``tests/audit_rules/corpus_labels.toml``) with
every rule on (``--select ALL``) and Django set up with its contrib apps
(``tests/audit_rules/corpus_settings``), matches each finding with its hand label in
that file, and prints per rule: findings, real, debatable, false, precision
and distinct root causes.

* **real**: a bug, confirmed by running code (the label's reason says what ran);
* **debatable**: what the rule says is true, but the code may mean it;
* **false**: the rule is wrong about the code.

**precision** is the share of findings that are not false (what the rule says
is true); **root causes** counts the distinct label reasons among the rule's
findings (findings that one design decision explains share one reason).

A finding with no label is listed and counted as ``unlabelled``. With
``--check`` the exit code is 1 when any finding is false or unlabelled, or
when the measured figures below are stale (the corpus test runs this);
``--write`` regenerates
``pyinspect_cli/audit/rules/measured.py``, the figures that ``mro-explain
rules``, the rule docs and SARIF show.

Usage::

    python benchmarks/bench_precision.py                  # audit the corpus (about 15 s on 2 cores)
    python benchmarks/bench_precision.py --report F.json  # tally a saved `audit --select ALL --format json`
    python benchmarks/bench_precision.py --check          # exit 1 on a false or unlabelled finding
    python benchmarks/bench_precision.py --write          # regenerate the measured precision module
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "tests" / "audit_rules" / "corpus_labels.toml"
MEASURED = ROOT / "pyinspect_cli" / "audit" / "rules" / "measured.py"

Key = tuple[str, str, str, str]


def load_labels(path: Path = LABELS) -> tuple[dict[str, Any], dict[Key, dict[str, str]]]:
    """The ``[corpus]`` table and the labels keyed by (rule, module, qualname, attribute)."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    labels: dict[Key, dict[str, str]] = {}
    for entry in data.get("finding", []):
        key = (entry["rule"], entry["module"], entry["qualname"], entry.get("attribute", ""))
        if key in labels:
            raise SystemExit(f"{path}: {key} is labelled twice")
        if entry["label"] not in ("real", "debatable", "false"):
            raise SystemExit(f"{path}: {key}: label must be real, debatable or false, not {entry['label']!r}")
        labels[key] = entry
    return data["corpus"], labels


def key_of(finding: dict[str, Any]) -> Key:
    return (finding["rule"], finding["module"], finding["qualname"] or "", finding["attribute"] or "")


#: the Django settings the corpus is audited with (contrib apps installed, so their models import)
SETTINGS_DIR = ROOT / "tests" / "audit_rules" / "corpus_settings"


def run_audit(targets: list[str], jobs: int = 2) -> dict[str, Any]:
    """``mro-explain audit --select ALL --format json`` on *targets*, in a subprocess."""
    command = [sys.executable, "-m", "pyinspect_cli", "audit", "--isolated", "--select", "ALL", "--format", "json"]
    command += ["--exit-zero", "--no-progress", "--jobs", str(jobs), "--timeout", "120"]
    command += ["--path", str(SETTINGS_DIR), *targets]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "corpus_django_settings"}
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False, env=env)
    if done.returncode != 0:
        raise SystemExit(f"audit failed (exit {done.returncode}):\n{done.stderr}")
    report: dict[str, Any] = json.loads(done.stdout)
    return report


@dataclass
class Tally:
    findings: int = 0
    real: int = 0
    debatable: int = 0
    false: int = 0
    reasons: set[str] = field(default_factory=set)

    @property
    def precision(self) -> float | None:
        return None if not self.findings else (self.findings - self.false) / self.findings


def tally(report: dict[str, Any], labels: dict[Key, dict[str, str]]) -> tuple[dict[str, Tally], list[dict[str, Any]]]:
    """Per-rule counts of the report's findings, and the findings that have no label."""
    per_rule: dict[str, Tally] = defaultdict(Tally)
    for rule in report.get("rules", []):
        per_rule[rule["id"] if isinstance(rule, dict) else rule]  # every rule that ran gets a row
    unlabelled = []
    for finding in report["findings"]:
        row = per_rule[finding["rule"]]
        row.findings += 1
        label = labels.get(key_of(finding))
        if label is None:
            unlabelled.append(finding)
            continue
        setattr(row, label["label"], getattr(row, label["label"]) + 1)
        row.reasons.add(label["reason"])
    return dict(sorted(per_rule.items())), unlabelled


def table(per_rule: dict[str, Tally], defaults: dict[str, tuple[str, bool]]) -> str:
    head = f"{'rule':<8} {'severity':<8} {'default':<7} {'findings':>8} {'real':>5} {'debat.':>6} {'false':>5} "
    head += f"{'precision':>9} {'causes':>6}"
    lines = [head, "-" * len(head)]
    total = Tally()
    for rule_id, row in per_rule.items():
        severity, on = defaults.get(rule_id, ("?", False))
        precision = "-" if row.precision is None else f"{row.precision:.0%}"
        lines.append(
            f"{rule_id:<8} {severity:<8} {'on' if on else 'off':<7} {row.findings:>8} {row.real:>5} {row.debatable:>6} "
            f"{row.false:>5} {precision:>9} {len(row.reasons):>6}"
        )
        for name in ("findings", "real", "debatable", "false"):
            setattr(total, name, getattr(total, name) + getattr(row, name))
        total.reasons |= {rule_id + r for r in row.reasons}
    precision = "-" if total.precision is None else f"{total.precision:.0%}"
    lines.append("-" * len(head))
    lines.append(
        f"{'all':<8} {'':<8} {'':<7} {total.findings:>8} {total.real:>5} {total.debatable:>6} {total.false:>5} "
        f"{precision:>9} {len(total.reasons):>6}"
    )
    return "\n".join(lines)


def write_measured(per_rule: dict[str, Tally], corpus: dict[str, Any], rule_ids: list[str]) -> str:
    """The text of ``pyinspect_cli/audit/rules/measured.py`` (formatted as ruff formats it)."""
    rows = []
    for rule_id in rule_ids:
        row = per_rule.get(rule_id, Tally())
        rows.append(f'    "{rule_id}": Measured({row.findings}, {row.real}, {row.debatable}, {row.false}),')
    packages = [p.strip() for p in corpus["packages"].split(",")]
    chunks, line = [], ""
    for i, package in enumerate(packages):
        part = package + (", " if i < len(packages) - 1 else "")
        if len(line) + len(part) > 90:
            chunks.append(line)
            line = ""
        line += part
    chunks.append(line)
    corpus_text = "\n".join(f'    "{chunk}"' for chunk in chunks)
    return (
        '"""Measured precision of each rule on the precision corpus (generated: do not edit).\n\n'
        "Regenerate with ``python benchmarks/bench_precision.py --write`` after changing a rule or the labels\n"
        '(tests/audit_rules/corpus_labels.toml); tests/audit_rules/test_corpus.py checks that it is current.\n"""\n\n'
        "from __future__ import annotations\n\n"
        "from pyinspect_cli.audit.findings import Measured\n\n"
        f"#: the packages audited, and how many\nCORPUS = (\n{corpus_text}\n)\nPACKAGES = {len(packages)}\n\n"
        "#: findings, real, debatable, false per rule, with every rule on\n"
        "MEASURED: dict[str, Measured] = {\n" + "\n".join(rows) + "\n}\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--report", type=Path, help="tally this saved JSON report instead of running the audit")
    parser.add_argument("--labels", type=Path, default=LABELS, help="the labels file (default: %(default)s)")
    parser.add_argument("--save", type=Path, help="also save the audit's JSON report here")
    parser.add_argument("--jobs", "-j", type=int, default=2)
    parser.add_argument("--check", action="store_true", help="exit 1 on a false or unlabelled finding")
    parser.add_argument("--write", action="store_true", help="regenerate pyinspect_cli/audit/rules/measured.py")
    parser.add_argument("--quiet", "-q", action="store_true", help="print only problems")
    args = parser.parse_args(argv)

    corpus, labels = load_labels(args.labels)
    if args.report:
        report = json.loads(args.report.read_text(encoding="utf-8"))
    else:
        report = run_audit(corpus["targets"], jobs=args.jobs)
    if args.save:
        args.save.write_text(json.dumps(report, indent=1), encoding="utf-8")

    from pyinspect_cli.audit.rules import all_rules

    rules = all_rules()
    defaults = {rid: (rule.severity.value, rule.enabled_by_default) for rid, rule in rules.items()}
    per_rule, unlabelled = tally(report, labels)
    for rid in rules:
        per_rule.setdefault(rid, Tally())
    per_rule = dict(sorted(per_rule.items()))
    modules = report.get("modules", [])
    audited = sum(1 for m in modules if m["status"] == "ok")
    if not args.quiet:
        print(f"corpus: {corpus['packages']}")
        print(f"{audited} modules audited, {len(modules) - audited} not importable here; every rule on\n")
        print(table(per_rule, defaults))
    measured = write_measured(per_rule, corpus, list(rules))
    problems = []
    if args.write:
        MEASURED.write_text(measured, encoding="utf-8")
        print(f"\nwrote {MEASURED.relative_to(ROOT)}")
    elif not MEASURED.exists() or MEASURED.read_text(encoding="utf-8") != measured:
        problems.append(f"{MEASURED.relative_to(ROOT)} is out of date: run benchmarks/bench_precision.py --write")
    for finding in unlabelled:
        problems.append(f"unlabelled: {key_of(finding)}: {finding['message']}")
    for finding in report["findings"]:
        label = labels.get(key_of(finding))
        if label is not None and label["label"] == "false":
            problems.append(f"false positive: {key_of(finding)}: {label['reason']}")
    if problems:
        print(f"\n{len(problems)} problems (false positives, unlabelled findings, stale figures):", file=sys.stderr)
        for line in problems:
            print("  " + line, file=sys.stderr)
    return 1 if args.check and problems else 0


if __name__ == "__main__":
    sys.exit(main())
