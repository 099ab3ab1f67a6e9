"""``--format sarif``: SARIF 2.1.0, as GitHub code scanning accepts it.

* ``runs[0].tool.driver.rules``: every rule that ran, with ``id``, ``name``,
  ``shortDescription``, ``fullDescription`` (at most 1024 characters),
  ``help`` (text and markdown), ``defaultConfiguration.level`` and
  ``properties`` (``precision``, ``tags``, ``problem.severity``);
* ``results``: ``ruleId``/``ruleIndex``, ``level``, ``message.text``, one
  physical location with a relative ``artifactLocation.uri`` (forward
  slashes; a file outside the current directory gets a ``file://`` URI) and
  ``region.startLine``, a logical location (``module.qualname``) and
  ``partialFingerprints`` (``mroExplain/v1``: the line-free fingerprint
  baselines use);
* ``invocations[0]``: ``executionSuccessful`` and one
  ``toolExecutionNotification`` per module that could not be imported or
  analysed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from pyinspect_cli.audit.findings import AuditResult, Finding, Precision, Severity
from pyinspect_cli.audit.reporters.base import Reporter, ReportOptions, failed_modules, failure_line
from pyinspect_cli.audit.rules.base import Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
#: GitHub's limit for shortDescription/fullDescription
MAX_DESCRIPTION = 1024
PROBLEM_SEVERITY = {Severity.error: "error", Severity.warning: "warning", Severity.note: "recommendation"}


def _cut(text: str, limit: int = MAX_DESCRIPTION) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def artifact_uri(path: str) -> str:
    """A relative path with forward slashes, or a ``file://`` URI for an absolute one."""
    candidate = Path(path)
    if candidate.is_absolute():
        return candidate.as_uri()
    return str(PurePosixPath(*path.replace("\\", "/").split("/")))


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    doc = rule.doc
    help_text = f"{doc.what}\n\nWhy: {doc.why}\n\nFix: {doc.fix}\n\nWrong:\n{doc.wrong}\n\nRight:\n{doc.right}"
    markdown = (
        f"{doc.what}\n\n**Why.** {doc.why}\n\n**Fix.** {doc.fix}\n\n"
        f"Wrong:\n\n```python\n{doc.wrong}\n```\n\nRight:\n\n```python\n{doc.right}\n```\n"
    )
    if doc.references:
        markdown += "\n" + "\n".join(f"* <{ref}>" for ref in doc.references) + "\n"
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": _cut(rule.summary)},
        "fullDescription": {"text": _cut(doc.what or rule.summary)},
        "help": {"text": help_text, "markdown": markdown},
        "defaultConfiguration": {"level": rule.severity.value},
        "properties": _properties(rule),
    }


def _properties(rule: Rule) -> dict[str, Any]:
    """SARIF rule properties; ``precision`` only when it was measured (see ``mro-explain rules ID``)."""
    properties: dict[str, Any] = {}
    if rule.precision is not Precision.not_measured:
        properties["precision"] = rule.precision.value
    properties["tags"] = ["mro-explain", *rule.tags]
    properties["problem.severity"] = PROBLEM_SEVERITY[rule.severity]
    return properties


class SarifReporter(Reporter):
    name = "sarif"

    def format(self, result: AuditResult, rules: Mapping[str, Rule], options: ReportOptions | None = None) -> str:
        options = options or ReportOptions()
        ids = sorted(set(rules) | {f.rule for f in result.findings if f.rule in rules})
        index = {rule_id: i for i, rule_id in enumerate(ids)}
        module_paths = {m.name: m.path for m in result.modules}
        results = [self._result(f, index, module_paths) for f in result.findings]
        notifications = []
        for module in failed_modules(result.modules):
            note: dict[str, Any] = {
                "level": "error",
                "message": {"text": module.detail or f"{module.name}: {module.status}"},
                "descriptor": {"id": module.status},
            }
            if module.path:
                physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(module.path)}}
                line = failure_line(module)
                if line:
                    physical["region"] = {"startLine": line}
                note["locations"] = [{"physicalLocation": physical}]
            notifications.append(note)
        driver: dict[str, Any] = {
            "name": "mro-explain",
            "rules": [rule_descriptor(rules[rule_id]) for rule_id in ids],
        }
        if options.tool_version:
            driver["semanticVersion"] = options.tool_version
            driver["version"] = options.tool_version
        run: dict[str, Any] = {
            "tool": {"driver": driver},
            "results": results,
            "invocations": [
                {
                    "executionSuccessful": not notifications,
                    "toolExecutionNotifications": notifications,
                }
            ],
            "columnKind": "utf16CodeUnits",
        }
        log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
        return json.dumps(log, indent=2, ensure_ascii=False) + "\n"

    def _result(
        self, finding: Finding, index: Mapping[str, int], module_paths: Mapping[str, str | None]
    ) -> dict[str, Any]:
        text = finding.message
        if finding.notes:
            text += "\n" + "\n".join(finding.notes)
        item: dict[str, Any] = {
            "ruleId": finding.rule,
            "level": finding.severity.value,
            "message": {"text": text},
        }
        if finding.rule in index:
            item["ruleIndex"] = index[finding.rule]
        loc = finding.location
        path = loc.path if loc else module_paths.get(finding.module)
        location: dict[str, Any] = {}
        if path:
            location["physicalLocation"] = {
                "artifactLocation": {"uri": artifact_uri(path)},
                "region": {"startLine": max(1, loc.line if loc else 1)},
            }
        qualified = finding.module + (f".{finding.qualname}" if finding.qualname else "")
        if finding.attribute:
            qualified += f".{finding.attribute}"
        location["logicalLocations"] = [
            {
                "fullyQualifiedName": qualified,
                "kind": "member" if finding.attribute else ("type" if finding.qualname else "module"),
            }
        ]
        item["locations"] = [location]
        item["partialFingerprints"] = {"mroExplain/v1": finding.fingerprint}
        return item
