"""One finding per root cause: classes made by a factory share one MRO001 finding, located at the call."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pyinspect_cli.audit.findings import Finding, Severity, group_by_cause

ROOT = Path(__file__).resolve().parents[2]


def _finding(qualname: str, cause: str = "__init__:m:Wrapper") -> Finding:
    return Finding("MRO001", Severity.error, f"in the MRO of {qualname}", "m", qualname, "__init__", cause=cause)


def test_findings_of_one_cause_become_one_listing_every_class() -> None:
    alone = [_finding("C"), _finding("A"), _finding("B"), _finding("D", cause="__init__:m:Other")]
    [grouped, other] = group_by_cause(alone)
    assert grouped.qualname == "A" and grouped.affected == ("m:A", "m:B", "m:C")
    assert grouped.notes[-1] == "the same cause reaches 3 classes: A, B, C"
    assert other.qualname == "D" and other.affected == ()
    # the finding kept has the fingerprint it had alone: an older baseline still suppresses the cause
    assert grouped.fingerprint in {f.fingerprint for f in alone}


def test_findings_without_a_cause_are_kept_as_they_are() -> None:
    plain = [_finding("A", cause=""), _finding("B", cause="")]
    assert group_by_cause(plain) == plain


def test_factory_classes_are_one_finding_at_the_creating_call() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pyinspect_cli", "audit", "sample_modules.coop_factory", "--isolated"]
        + ["--select", "MRO001", "--format", "json", "--jobs", "1", "--no-progress"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    from pyinspect_cli.render.json.audit import AuditDocument

    assert report["schema_version"] == AuditDocument.model_fields["schema_version"].default
    AuditDocument.model_validate(report)
    [finding] = report["findings"]
    assert finding["message"].startswith("Wrapper.__init__ does not call super().__init__()")
    assert finding["affected"] == [
        "sample_modules.coop_factory:WrappedCounting",
        "sample_modules.coop_factory:WrappedLogging",
        "sample_modules.coop_factory:WrappedTracking",
    ]
    source = (ROOT / "sample_modules" / "coop_factory.py").read_text(encoding="utf-8").splitlines()
    assert "type(" in source[finding["line"] - 1]  # the call that made the classes, not line 1
