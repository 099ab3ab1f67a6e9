"""``--format json``: the :class:`~pyinspect_cli.render.json.audit.AuditDocument`.

The document is built as plain dicts and written with :mod:`json`: the
pydantic models define the schema (``mro-explain schema audit``) and the tests
validate every report against them, but importing pydantic would cost more
than auditing a small package.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from pyinspect_cli.audit.findings import AuditResult, Finding, ModuleStatus, Severity
from pyinspect_cli.audit.reporters.base import Reporter, ReportOptions, failed_modules, severity_counts
from pyinspect_cli.audit.rules.base import Rule

#: the audit document's schema (AuditDocument.schema_version; 1.1 added ``affected``)
AUDIT_SCHEMA_VERSION = "1.1"


def finding_dict(finding: Finding, rules: Mapping[str, Rule]) -> dict[str, object]:
    rule = rules.get(finding.rule)
    loc = finding.location
    return {
        "rule": finding.rule,
        "name": rule.name if rule is not None else finding.rule,
        "severity": finding.severity.value,
        "message": finding.message,
        "module": finding.module,
        "qualname": finding.qualname,
        "attribute": finding.attribute,
        "path": loc.path if loc else None,
        "line": loc.line if loc else None,
        "notes": list(finding.notes),
        "fingerprint": finding.fingerprint,
        "affected": list(finding.affected),
    }


def module_dict(status: ModuleStatus) -> dict[str, object]:
    return {
        "name": status.name,
        "status": status.status,
        "path": status.path,
        "detail": status.detail,
        "classes": status.classes,
        "seconds": status.seconds,
        "printed_lines": status.printed,
        "rule_errors": list(status.rule_errors),
    }


def is_failure(result: AuditResult, fail_on: str) -> bool:
    """Whether the run fails at the *fail_on* threshold (what exit code 1 means)."""
    if fail_on == "never":
        return False
    threshold = Severity(fail_on).rank
    if failed_modules(result.modules):
        return True
    return any(f.severity.rank >= threshold for f in result.findings)


class JsonReporter(Reporter):
    name = "json"

    def format(self, result: AuditResult, rules: Mapping[str, Rule], options: ReportOptions | None = None) -> str:
        from pyinspect_cli import __version__

        options = options or ReportOptions()
        counts = severity_counts(result.findings)
        document = {
            "schema_version": AUDIT_SCHEMA_VERSION,
            "tool": "mro-explain",
            "tool_version": options.tool_version or __version__,
            "command": "audit",
            "rules": sorted(rules),
            "findings": [finding_dict(f, rules) for f in result.findings],
            "modules": [module_dict(m) for m in result.modules],
            "summary": {
                "findings": len(result.findings),
                "errors": counts[Severity.error],
                "warnings": counts[Severity.warning],
                "notes": counts[Severity.note],
                "suppressed": result.suppressed,
                "baselined": result.baselined,
                "fixed_since_baseline": options.baseline_fixed,
                "modules": len(result.modules),
                "modules_failed": len(failed_modules(result.modules)),
                "fail_on": options.fail_on,
                "failed": is_failure(result, options.fail_on),
                "seconds": round(options.seconds, 3),
            },
        }
        text = json.dumps(document, indent=2, ensure_ascii=False)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate (a name made with escapes): \\uXXXX keeps the JSON valid
            text = json.dumps(document, indent=2, ensure_ascii=True)
        return text + "\n"
