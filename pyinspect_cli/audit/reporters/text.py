"""``--format text``: findings grouped by file, with the source line, then a summary.

::

    pkg/models.py
    pkg/models.py:12: MRO001 [error] Broken.__init__: Base.__init__ does not call super().__init__() ...
       12 | class Broken(Base, Mixin):
          = Mixin.__init__ never runs for Broken instances.

    Found 1 finding (1 error) in 4 modules; 1 suppressed.

Styled with Rich on a terminal (user text -- messages, names, source lines --
always as :class:`rich.text.Text`, never as markup); otherwise written as plain
text without importing Rich, character for character what Rich would write.
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping

from pyinspect_cli.audit.findings import AuditResult, Finding, Severity
from pyinspect_cli.audit.reporters.base import Reporter, ReportOptions, failed_modules, severity_counts
from pyinspect_cli.audit.rules.base import Rule
from pyinspect_cli.render.words import plural

STYLE = {Severity.error: "mx.error", Severity.warning: "mx.warn", Severity.note: "mx.data"}


def source_line(path: str | None, line: int | None) -> str | None:
    if not path or not line:
        return None
    from pyinspect_cli.core.paths import source_lines

    lines = source_lines(path if os.path.isabs(path) else os.path.abspath(path))
    text = lines[line - 1].rstrip("\r\n") if 0 < line <= len(lines) else ""
    return text if text.strip() else None


#: what Rich drops from text (BEL, BS, VT, FF, CR): plain output drops the same
_STRIPPED = dict.fromkeys((7, 8, 11, 12, 13))

Part = str | tuple[str, str]


class _Plain:
    """Lines of plain text, exactly as Rich writes them without colour (control codes dropped, tabs expanded)."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def line(self, *parts: Part) -> None:
        from pyinspect_cli.render.safe import escape_control

        text = "".join(p if type(p) is str else p[0] for p in parts)
        self.lines.append(escape_control(text.translate(_STRIPPED).expandtabs(8)))

    def wrapped(self, width: int | None, indent: int, *parts: Part) -> None:
        """A line cut between words to *width*, continued at *indent*."""
        from pyinspect_cli.render.fit import wrap_plain

        self.line(*parts)
        self.lines[-1:] = wrap_plain(self.lines[-1], width, indent=indent)

    def text(self) -> str:
        return "".join(line + "\n" for line in self.lines)


class _Styled:
    """Lines printed with Rich (on a terminal): user text as :class:`rich.text.Text`, never as markup."""

    def __init__(self, options: ReportOptions) -> None:
        from pyinspect_cli.render.console import THEME, SafeConsole

        self.buffer = io.StringIO()
        self.console = SafeConsole(
            file=self.buffer,
            theme=THEME,
            highlight=False,
            soft_wrap=True,
            force_terminal=True,
            no_color=None,  # None: Rich honours NO_COLOR
            color_system="auto",
            width=options.width or 100,
            emoji=False,
        )

    def line(self, *parts: Part) -> None:
        from rich.text import Text

        self.console.print(Text.assemble(*parts))

    def wrapped(self, width: int | None, indent: int, *parts: Part) -> None:
        """A line cut between words to *width*, continued at *indent*."""
        from rich.text import Text

        from pyinspect_cli.render.fit import wrap_text

        for line in wrap_text(Text.assemble(*parts), width, indent=indent):
            self.console.print(line)

    def text(self) -> str:
        return self.buffer.getvalue()


class TextReporter(Reporter):
    name = "text"

    def format(self, result: AuditResult, rules: Mapping[str, Rule], options: ReportOptions | None = None) -> str:
        options = options or ReportOptions()
        out: _Plain | _Styled = _Styled(options) if options.color else _Plain()
        groups: dict[str, list[Finding]] = {}
        for finding in result.findings:
            key = finding.location.path if finding.location else f"<{finding.module}>"
            groups.setdefault(key, []).append(finding)
        for path, findings in groups.items():
            out.line((path, "mx.heading"))
            for finding in findings:
                self._finding(out, finding, options.width)
            out.line()
        self._summary(out, result, options)
        return out.text()

    def _finding(self, out: _Plain | _Styled, finding: Finding, width: int | None) -> None:
        # Cut between words to the width (the terminal's, or COLUMNS when piped; without
        # either, every line stays whole, as compilers print them).
        loc = finding.location
        where = f"{loc.path}:{loc.line}: " if loc else f"{finding.module}: "
        out.wrapped(
            width,
            4,
            (where, "mx.muted"),
            (finding.rule, "bold"),
            " ",
            (f"[{finding.severity.value}]", STYLE[finding.severity]),
            " ",
            finding.message,
        )
        code = source_line(loc.path, loc.line) if loc else None
        gutter = len(str(loc.line)) if loc else 1
        if code is not None and loc is not None:
            out.line((f"  {loc.line:>{gutter}} | ", "mx.muted"), code)
        for note in finding.notes:
            out.wrapped(width, gutter + 5, (f"  {'':>{gutter}} = ", "mx.muted"), note)

    def _summary(self, out: _Plain | _Styled, result: AuditResult, options: ReportOptions) -> None:
        failed = failed_modules(result.modules)
        if failed:
            out.line((f"{plural(len(failed), 'module')} could not be audited:", "mx.error"))
            for module in failed:
                out.wrapped(
                    options.width,
                    4,
                    "  ",
                    (module.name, "mx.class"),
                    " ",
                    (f"[{module.status}]", "mx.error"),
                    " ",
                    module.detail or "",
                )
            out.line()
        errors = [(m.name, e) for m in result.modules for e in m.rule_errors]
        if errors:
            out.line(("Rules that failed on some classes (a bug in mro-explain; please report it):", "mx.warn"))
            for name, error in errors:
                out.line(f"  {name}: {error}")
            out.line()
        counts = severity_counts(result.findings)
        parts = [plural(n, sev.value) for sev, n in counts.items() if n]
        total = len(result.findings)
        line: list[Part] = []
        if total:
            line.append((f"Found {plural(total, 'finding')}", "bold"))
            line.append(f" ({', '.join(parts)})")
        else:
            line.append(("No findings", "mx.ok"))
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
        out.wrapped(options.width, 0, *line)
