"""``--format github``: GitHub Actions workflow commands (annotations).

One ``::error``/``::warning``/``::notice`` line per finding, most severe
first. GitHub shows at most 10 annotations of each level per step, so after
10 of a level the rest are printed as plain log lines, announced by one
``::notice`` line. Data is escaped as ``@actions/core`` does (``%``, CR,
LF), and property values also escape ``:`` and ``,``.
"""

from __future__ import annotations

from collections.abc import Mapping

from pyinspect_cli.audit.findings import AuditResult, Finding, Severity
from pyinspect_cli.audit.reporters.base import (
    Reporter,
    ReportOptions,
    by_severity,
    failure_line,
    unexplained_failures,
)
from pyinspect_cli.audit.rules.base import Rule
from pyinspect_cli.render.words import plural

COMMAND = {Severity.error: "error", Severity.warning: "warning", Severity.note: "notice"}
#: annotations GitHub displays per level and step
CAP = 10


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(
    level: str, message: str, *, file: str | None = None, line: int | None = None, title: str | None = None
) -> str:
    props = []
    if file:
        props.append(f"file={escape_property(file)}")
    if line:
        props.append(f"line={line}")
    if title:
        props.append(f"title={escape_property(title)}")
    head = f"::{level}" + (" " + ",".join(props) if props else "")
    return f"{head}::{escape_data(message)}"


class GithubReporter(Reporter):
    name = "github"

    def format(self, result: AuditResult, rules: Mapping[str, Rule], options: ReportOptions | None = None) -> str:
        entries: list[tuple[Severity, str, str | None, int | None, str, str]] = []
        for module in unexplained_failures(result):
            text = module.detail or f"{module.name}: {module.status}"
            line = failure_line(module)
            entries.append((Severity.error, text, module.path, line, f"mro-explain {module.status}", text))
        for finding in by_severity(result.findings):
            entries.append(self._entry(finding, rules))
        entries.sort(key=lambda e: -e[0].rank)
        shown: dict[Severity, int] = {}
        lines: list[str] = []
        overflow: list[str] = []
        for severity, message, file, line, title, plain in entries:
            if shown.get(severity, 0) < CAP:
                shown[severity] = shown.get(severity, 0) + 1
                lines.append(annotation(COMMAND[severity], message, file=file, line=line, title=title))
            else:
                where = f"{file}:{line}: " if file and line else (f"{file}: " if file else "")
                overflow.append(f"{where}{title} [{severity.value}] {plain}")
        if overflow:
            lines.append(
                annotation(
                    "notice",
                    f"{plural(len(overflow), 'more finding')} not shown as annotations (GitHub shows {CAP} per level); "
                    "see the job log, or upload --format sarif to code scanning",
                    title="mro-explain",
                )
            )
            lines.extend(overflow)
        return "".join(line + "\n" for line in lines)

    def _entry(
        self, finding: Finding, rules: Mapping[str, Rule]
    ) -> tuple[Severity, str, str | None, int | None, str, str]:
        rule = rules.get(finding.rule)
        title = f"{finding.rule} {rule.name}" if rule else finding.rule
        message = finding.message
        if finding.notes:
            message += "\n" + "\n".join(finding.notes)
        loc = finding.location
        return (finding.severity, message, loc.path if loc else None, loc.line if loc else None, title, finding.message)
