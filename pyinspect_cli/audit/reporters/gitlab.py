"""``--format gitlab``: GitLab Code Quality JSON (a list of issues).

Each issue has ``description``, ``check_name``, ``fingerprint`` (unique per
report), ``severity`` (``info``, ``minor``, ``major``, ``critical`` or
``blocker``) and ``location.path`` / ``location.lines.begin``. Modules that
could not be imported or analysed are reported as ``critical`` issues.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping

from pyinspect_cli.audit.findings import AuditResult, Severity
from pyinspect_cli.audit.reporters.base import Reporter, ReportOptions, failure_line, unexplained_failures
from pyinspect_cli.audit.rules.base import Rule

SEVERITY = {Severity.error: "major", Severity.warning: "minor", Severity.note: "info"}


class GitlabReporter(Reporter):
    name = "gitlab"

    def format(self, result: AuditResult, rules: Mapping[str, Rule], options: ReportOptions | None = None) -> str:
        issues: list[dict[str, object]] = []
        used: set[str] = set()

        def unique(key: str) -> str:
            digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
            n = 0
            while digest in used:
                n += 1
                digest = hashlib.sha256(f"{key}\x1f{n}".encode("utf-8", "surrogatepass")).hexdigest()
            used.add(digest)
            return digest

        paths = {m.name: m.path for m in result.modules}
        for finding in result.findings:
            rule = rules.get(finding.rule)
            loc = finding.location
            path = loc.path if loc else paths.get(finding.module) or finding.module
            issues.append(
                {
                    "description": f"{finding.rule} {finding.message}",
                    "check_name": f"{finding.rule} {rule.name}" if rule else finding.rule,
                    "fingerprint": unique(finding.fingerprint),
                    "severity": SEVERITY[finding.severity],
                    "location": {"path": path, "lines": {"begin": loc.line if loc else 1}},
                }
            )
        for module in unexplained_failures(result):
            issues.append(
                {
                    "description": module.detail or f"{module.name}: {module.status}",
                    "check_name": f"mro-explain {module.status}",
                    "fingerprint": unique(f"{module.status}\x1f{module.name}"),
                    "severity": "critical",
                    "location": {"path": module.path or module.name, "lines": {"begin": failure_line(module) or 1}},
                }
            )
        return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
