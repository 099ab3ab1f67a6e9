"""``--format text``: findings grouped by file, with the source line, then a summary.

::

    pkg/models.py
    pkg/models.py:12: MRO001 [error] Broken.__init__: Base.__init__ does not call super().__init__() ...
       12 | class Broken(Base, Mixin):
          = Mixin.__init__ never runs for Broken instances.

    Found 1 finding (1 error) in 4 modules; 1 suppressed.

Rendered with Rich: styled on a terminal, plain text otherwise. User text
(messages, names, source lines) is always passed as :class:`rich.text.Text`,
never as markup.
"""

from __future__ import annotations

import io
import linecache
import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

from pyinspect_cli.audit.findings import AuditResult, Finding, Severity
from pyinspect_cli.audit.reporters.base import Reporter, ReportOptions, failed_modules, plural, severity_counts
from pyinspect_cli.audit.rules.base import Rule

if TYPE_CHECKING:
    from rich.console import Console

STYLE = {Severity.error: "mx.error", Severity.warning: "mx.warn", Severity.note: "mx.data"}


def source_line(path: str | None, line: int | None) -> str | None:
    if not path or not line:
        return None
    text = linecache.getline(path if os.path.isabs(path) else os.path.abspath(path), line)
    text = text.rstrip("\r\n")
    return text if text.strip() else None


class TextReporter(Reporter):
    name = "text"

    def format(self, result: AuditResult, rules: Mapping[str, Rule], options: ReportOptions | None = None) -> str:
        from rich.console import Console
        from rich.text import Text

        from pyinspect_cli.render.console import THEME

        options = options or ReportOptions()
        buffer = io.StringIO()
        console = Console(
            file=buffer,
            theme=THEME,
            highlight=False,
            soft_wrap=True,
            force_terminal=options.color,
            no_color=None if options.color else True,  # None: Rich honours NO_COLOR
            color_system="auto" if options.color else None,
            width=options.width or 100,
            emoji=False,
        )
        groups: dict[str, list[Finding]] = {}
        for finding in result.findings:
            key = finding.location.path if finding.location else f"<{finding.module}>"
            groups.setdefault(key, []).append(finding)
        for path, findings in groups.items():
            console.print(Text(path, style="mx.heading"))
            for finding in findings:
                self._finding(console, finding)
            console.print()
        self._summary(console, result, options)
        return buffer.getvalue()

    def _finding(self, console: Console, finding: Finding) -> None:
        from rich.text import Text

        loc = finding.location
        where = f"{loc.path}:{loc.line}: " if loc else f"{finding.module}: "
        head = Text.assemble(
            (where, "mx.muted"),
            (finding.rule, "bold"),
            " ",
            (f"[{finding.severity.value}]", STYLE[finding.severity]),
            " ",
            finding.message,
        )
        print_ = console.print
        print_(head)
        code = source_line(loc.path, loc.line) if loc else None
        gutter = len(str(loc.line)) if loc else 1
        if code is not None and loc is not None:
            print_(Text.assemble((f"  {loc.line:>{gutter}} | ", "mx.muted"), code))
        for note in finding.notes:
            print_(Text.assemble((f"  {'':>{gutter}} = ", "mx.muted"), note))

    def _summary(self, console: Console, result: AuditResult, options: ReportOptions) -> None:
        from rich.text import Text

        print_ = console.print
        failed = failed_modules(result.modules)
        if failed:
            print_(Text(f"{plural(len(failed), 'module')} could not be audited:", style="mx.error"))
            for module in failed:
                print_(
                    Text.assemble(
                        "  ",
                        (module.name, "mx.class"),
                        " ",
                        (f"[{module.status}]", "mx.error"),
                        " ",
                        module.detail or "",
                    )
                )
            print_()
        errors = [(m.name, e) for m in result.modules for e in m.rule_errors]
        if errors:
            print_(Text("Rules that failed on some classes (a bug in mro-explain; please report it):", style="mx.warn"))
            for name, error in errors:
                print_(Text(f"  {name}: {error}"))
            print_()
        counts = severity_counts(result.findings)
        parts = [plural(n, sev.value) for sev, n in counts.items() if n]
        total = len(result.findings)
        line = Text()
        if total:
            line.append(f"Found {plural(total, 'finding')}", style="bold")
            line.append(f" ({', '.join(parts)})")
        else:
            line.append("No findings", style="mx.ok")
        line.append(f" in {plural(len(result.modules), 'module')}")
        if failed:
            line.append(f", {len(failed)} not audited")
        extras = []
        if result.suppressed:
            extras.append(f"{result.suppressed} suppressed")
        if result.baselined:
            extras.append(f"{result.baselined} in the baseline")
        if options.baseline_fixed:
            extras.append(f"{options.baseline_fixed} fixed since the baseline")
        if extras:
            line.append("; " + ", ".join(extras))
        line.append(f" ({options.seconds:.1f} s)." if options.seconds else ".")
        print_(line)
