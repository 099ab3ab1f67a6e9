"""What every reporter gets, and helpers they share."""

from __future__ import annotations

import abc
import re
from collections import Counter
from collections.abc import Iterable, Mapping

from pyinspect_cli.audit.findings import AuditResult, Finding, ModuleStatus, Severity
from pyinspect_cli.audit.rules.base import Rule
from pyinspect_cli.core.record import Record

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


class ReportOptions(Record):
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


def by_severity(findings: Iterable[Finding]) -> list[Finding]:
    """Most severe first, keeping the file/line order within a severity."""
    return sorted(findings, key=lambda f: -f.severity.rank)


# ---------------------------------------------------------------------------
# Recognising our own files (what -o and --write-baseline may replace)

_OURS = (
    r'^\s*\{\s*(?:"[^"]*":\s*"[^"]*",\s*)*"tool":\s*"mro-explain"',  # json reports, baselines
    r'"driver":\s*\{\s*"name":\s*"mro-explain"',  # sarif
    r'^\s*\[\s*(?:\]\s*$|\{\s*"description":\s*"[A-Z]+[0-9]+ [^\n]*\n\s*"check_name":)',  # gitlab
)
_GITHUB_LINE = r"::(?:error|warning|notice) file=[^\n]*,title=[A-Z]+[0-9]+ "
_TEXT_SUMMARY = r"^(?:Found \d+ findings?|No findings)\b.* in \d+ modules?\b.*\.$"
_PEEK = 8192


def is_our_output(path: str) -> bool:
    """Whether *path* holds something mro-explain wrote (a report in any format, a baseline) or nothing at all.

    Only its first and last few kilobytes are read, and only if it is a regular file
    (never a FIFO or a device, which could block or never end).
    """
    import os
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return False
        if info.st_size == 0:
            return True
        head = os.read(fd, _PEEK).decode("utf-8", "replace")
        tail = head
        if info.st_size > _PEEK:
            os.lseek(fd, max(0, info.st_size - _PEEK), os.SEEK_SET)
            tail = os.read(fd, _PEEK).decode("utf-8", "replace")
    except OSError:
        return False
    finally:
        os.close(fd)
    if any(re.search(pattern, head) for pattern in _OURS):
        return True
    lines = [line for line in head.splitlines() if line.strip()]
    if lines and all(re.match(_GITHUB_LINE, line) for line in lines[:-1] or lines):
        return True
    last = [line for line in tail.splitlines() if line.strip()]
    return bool(last) and bool(re.match(_TEXT_SUMMARY, last[-1]))
