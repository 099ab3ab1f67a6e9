"""The rules through the installed ``mro-explain audit`` (worker processes, JSON report)."""

from __future__ import annotations

import importlib
import json
import pkgutil
from pathlib import Path

from audit_rules import samples
from audit_rules.helpers import our_rules

SAMPLES = Path(samples.__file__).resolve().parent


def _expected() -> set[tuple[str, str, str, str]]:
    out: set[tuple[str, str, str, str]] = set()
    for info in pkgutil.iter_modules(samples.__path__, samples.__name__ + "."):
        if not info.name.endswith(("_bad", "_ok")):
            continue
        module = importlib.import_module(info.name)
        for (qualname, attribute), severity in module.EXPECTED.items():
            out.add((module.RULE, f"{info.name}:{qualname}", attribute, severity))
    return out


def test_audit_command_reports_exactly_the_sample_findings(run_installed, tmp_path: Path) -> None:
    ids = ",".join(our_rules())
    result = run_installed("audit", str(SAMPLES), "--select", ids, "--format", "json", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    got = {(f["rule"], f"{f['module']}:{f['qualname']}", f["attribute"], f["severity"]) for f in report["findings"]}
    # Each sample runs every rule here, so a bad sample for one rule must not trip another one.
    assert got == _expected()


def test_audit_command_explains_a_rule(run_installed, tmp_path: Path) -> None:
    result = run_installed("rules", "DESC012", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "property-setter-name-mismatch" in result.stdout
    assert "@balance.setter" in result.stdout
