"""What every reporter gets, and helpers they share."""

from __future__ import annotations

import abc
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pyinspect_cli.audit.findings import AuditResult, Finding, ModuleStatus, Severity
from pyinspect_cli.audit.rules.base import Rule

__all__ = [
    "FAILED_STATUSES",
    "ReportOptions",
    "Reporter",
    "failed_modules",
    "failure_line",
    "severity_counts",
    "unexplained_failures",
]

#: module statuses that count as a failure (the module could not be imported or analysed)
FAILED_STATUSES = ("import-error", "timeout", "crashed")


@dataclass(frozen=True)
class ReportOptions:
    """Settings a report may show: the threshold, timing, the baseline, colour and width."""

    fail_on: str = "error"
    seconds: float = 0.0
    baseline: str | None = None
    baseline_fixed: int = 0
    color: bool = False
    width: int | None = None
    tool_version: str = ""


class Reporter(abc.ABC):
    """Formats an audit result (``--format NAME``)."""

    #: the --format name
    name: str = ""

    @abc.abstractmethod
    def format(self, result: AuditResult, rules: Mapping[str, Rule], options: ReportOptions | None = None) -> str:
        """The whole report as one string (ending with a newline when not empty)."""


def severity_counts(findings: Iterable[Finding]) -> dict[Severity, int]:
    counts = Counter(f.severity for f in findings)
    return {sev: counts.get(sev, 0) for sev in (Severity.error, Severity.warning, Severity.note)}


def failed_modules(modules: Iterable[ModuleStatus]) -> list[ModuleStatus]:
    return [m for m in modules if m.status in FAILED_STATUSES]


def unexplained_failures(result: AuditResult) -> list[ModuleStatus]:
    """Failed modules, minus those whose failure a finding already reports (META001 on the module)."""
    explained = {f.module for f in result.findings if f.rule == "META001"}
    return [m for m in failed_modules(result.modules) if m.name not in explained]


def failure_line(status: ModuleStatus) -> int | None:
    """The line an import failure points at (``path:LINE`` in its detail), when it says."""
    if not status.path or not status.detail:
        return None
    match = re.search(re.escape(status.path) + r":(\d+)", status.detail)
    return int(match.group(1)) if match else None


def plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def by_severity(findings: Iterable[Finding]) -> list[Finding]:
    """Most severe first, keeping the file/line order within a severity."""
    return sorted(findings, key=lambda f: -f.severity.rank)
