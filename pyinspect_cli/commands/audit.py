"""``audit`` (class-machinery checks for CI) and ``rules`` (the rules and their documentation)."""

from __future__ import annotations

import enum
from typing import Annotated, Any

import typer

from pyinspect_cli.commands._audit_impl import run_audit_command
from pyinspect_cli.commands._common import ConfigTimeoutOption, PathOption, user_errors
from pyinspect_cli.commands._output import write_stdout


class AuditFormat(str, enum.Enum):
    """``--format`` of ``audit``."""

    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"
    gitlab = "gitlab"


class RulesFormat(str, enum.Enum):
    text = "text"
    json = "json"


class FailOn(str, enum.Enum):
    error = "error"
    warning = "warning"
    note = "note"
    never = "never"


CodesOption = Annotated[list[str] | None, typer.Option(metavar="IDS")]


def register(app: typer.Typer) -> None:
    @app.command("audit")
    def audit(
        targets: Annotated[
            list[str] | None,
            typer.Argument(
                help="Packages (dotted names), modules, directories or .py files [default: `targets` in the config].",
                show_default=False,
            ),
        ] = None,
        fmt: Annotated[
            AuditFormat,
            typer.Option(
                "--format",
                "-f",
                help="text (grouped by file), json, sarif (GitHub code scanning), github (workflow annotations), "
                "gitlab (Code Quality).",
                case_sensitive=False,
            ),
        ] = AuditFormat.text,
        output: Annotated[
            str | None,
            typer.Option(
                "--output",
                "-o",
                help="Write the report to FILE instead of stdout (a summary goes to stderr).",
                metavar="FILE",
            ),
        ] = None,
        select: Annotated[
            list[str] | None,
            typer.Option(
                "--select",
                help="Rule ids or prefixes to run (comma-separated, repeatable; ALL for every rule).",
                metavar="IDS",
            ),
        ] = None,
        ignore: Annotated[
            list[str] | None,
            typer.Option(
                "--ignore",
                help="Rule ids or prefixes to skip (comma-separated, repeatable); added to the config's.",
                metavar="IDS",
            ),
        ] = None,
        exclude: Annotated[
            list[str] | None,
            typer.Option(
                "--exclude",
                help="Glob over module names or paths to skip (repeatable); added to the config's.",
                metavar="GLOB",
            ),
        ] = None,
        fail_on: Annotated[
            FailOn | None,
            typer.Option(
                "--fail-on",
                help="Lowest severity that makes the exit code 1 [config: fail-on; default: error].",
                case_sensitive=False,
            ),
        ] = None,
        exit_zero: Annotated[
            bool, typer.Option("--exit-zero", help="Exit 0 even with findings (same as --fail-on never).")
        ] = False,
        baseline: Annotated[
            str | None,
            typer.Option(
                "--baseline",
                help="Report only findings that are not in this baseline file [config: baseline].",
                metavar="FILE",
            ),
        ] = None,
        no_baseline: Annotated[bool, typer.Option("--no-baseline", help="Ignore the baseline of the config.")] = False,
        write_baseline: Annotated[
            str | None,
            typer.Option("--write-baseline", help="Record today's findings in FILE (and exit 0).", metavar="FILE"),
        ] = None,
        timeout: ConfigTimeoutOption = None,
        jobs: Annotated[
            int | None,
            typer.Option("--jobs", "-j", help="Worker processes [config: jobs; default: as many as the cores].", min=0),
        ] = None,
        path: PathOption = None,
        config: Annotated[
            str | None,
            typer.Option(
                "--config",
                help="Read [tool.mro-explain] from this file instead of the nearest pyproject.toml.",
                metavar="FILE",
            ),
        ] = None,
        isolated: Annotated[bool, typer.Option("--isolated", help="Ignore every configuration file.")] = False,
        progress: Annotated[
            bool,
            typer.Option(
                "--progress/--no-progress", help="Show a progress bar on stderr (only when it is a terminal)."
            ),
        ] = True,
        force: Annotated[
            bool,
            typer.Option("--force", help="Let -o and --write-baseline replace files mro-explain did not write."),
        ] = False,
    ) -> None:
        """Import modules and check their classes for descriptor, cooperation and metaclass bugs.

        Exit codes: 0 no findings at or above --fail-on; 1 findings at or above it, or a module could not be
        imported or analysed; 2 usage or configuration error.
        """
        with user_errors():
            code = run_audit_command(
                targets=targets or [],
                fmt=fmt.value,
                output=output,
                select=select,
                ignore=ignore,
                exclude=exclude,
                fail_on=fail_on.value if fail_on else None,
                exit_zero=exit_zero,
                baseline=baseline,
                no_baseline=no_baseline,
                write_baseline_to=write_baseline,
                timeout=timeout,
                jobs=jobs,
                paths=path or [],
                config_file=config,
                isolated=isolated,
                progress=progress,
                force=force,
            )
        raise typer.Exit(code)

    @app.command("rules")
    def rules(
        rule: Annotated[
            str | None,
            typer.Argument(help="A rule id (or name) to explain; omit to list them all.", show_default=False),
        ] = None,
        fmt: Annotated[
            RulesFormat,
            typer.Option("--format", "-f", help="text or json (see `mro-explain schema`).", case_sensitive=False),
        ] = RulesFormat.text,
    ) -> None:
        """List the audit rules, or explain one (what, why, a wrong and a right example, how to fix)."""
        with user_errors():
            _run_rules(rule, fmt.value)


# ---------------------------------------------------------------------------
# rules


def _find_rule(rules: dict[str, Any], wanted: str) -> Any:
    from pyinspect_cli.errors import TargetError

    key = wanted.strip()
    if key.upper() in rules:
        return rules[key.upper()]
    for rule in rules.values():
        if rule.name == key.lower():
            return rule
    import difflib

    candidates = [*rules, *(r.name for r in rules.values())]
    close = difflib.get_close_matches(key, candidates, n=3, cutoff=0.5)
    hint = f"did you mean {', '.join(close)}?" if close else "list them with: mro-explain rules"
    raise TargetError(f"no rule {wanted!r}", hint)


def _measured_dict(rule: Any) -> dict[str, Any] | None:
    from pyinspect_cli.audit.rules.measured import CORPUS

    measured = rule.measured
    if measured is None:
        return None
    return {
        "findings": measured.findings,
        "real": measured.real,
        "debatable": measured.debatable,
        "false": measured.false,
        "corpus": CORPUS,
    }


def _rule_dict(rule: Any) -> dict[str, Any]:
    doc = rule.doc
    return {
        "id": rule.id,
        "name": rule.name,
        "severity": rule.severity.value,
        "precision": rule.precision.value,
        "measured": _measured_dict(rule),
        "scope": rule.scope,
        "enabled_by_default": rule.enabled_by_default,
        "summary": rule.summary,
        "what": doc.what,
        "why": doc.why,
        "wrong": doc.wrong,
        "right": doc.right,
        "fix": doc.fix,
        "references": list(doc.references),
        "tags": list(rule.tags),
    }


def _run_rules(wanted: str | None, fmt: str) -> None:
    from pyinspect_cli.audit.rules import all_rules

    rules = all_rules()
    selected = [_find_rule(rules, wanted)] if wanted else list(rules.values())
    if fmt == "json":
        from pyinspect_cli.render.json import dumps, tool_version
        from pyinspect_cli.render.json.audit import RulesDocument

        document = RulesDocument.model_validate(
            {"tool_version": tool_version(), "rules": [_rule_dict(r) for r in selected]}
        )
        write_stdout(dumps(document))
        return
    from rich.text import Text

    from pyinspect_cli.render.console import make_console
    from pyinspect_cli.render.fit import fit_width, wrap_text

    console = make_console()
    columns = fit_width(console)

    def emit(text: Text, indent: int = 0) -> None:
        """Print *text* cut between words to the width, continued at *indent*."""
        for line in wrap_text(text, columns, indent=indent):
            console.print(line, soft_wrap=True)

    if wanted is None:
        width = max((len(r.name) for r in selected), default=10)
        id_width = max((len(r.id) for r in selected), default=7)
        summary_at = id_width + 2 + width + 2 + 7 + 2
        # a summary column narrower than this goes on its own lines, under the name
        below = columns is not None and columns - summary_at < 36
        for rule in selected:
            off = "" if rule.enabled_by_default else " (off by default)"
            head = Text.assemble(
                (rule.id.ljust(id_width), "bold"),
                "  ",
                (rule.name.ljust(width), "mx.class"),
                "  ",
                (rule.severity.value.ljust(7), _SEVERITY_STYLE.get(rule.severity.value, "")),
            )
            if below:
                head.rstrip()
                emit(head)
                emit(Text(" " * (id_width + 2) + rule.summary + off), id_width + 2)
            else:
                emit(Text.assemble(head, "  ", rule.summary + off), summary_at)
        console.print()
        emit(Text(f"{len(selected)} rules. Explain one with: mro-explain rules ID", style="mx.muted"))
        return
    rule = selected[0]
    doc = rule.doc
    emit(Text.assemble((rule.id, "bold"), " ", (rule.name, "mx.class")))
    emit(Text(f"severity: {rule.severity.value}   scope: {rule.scope}", style="mx.muted"))
    if not rule.enabled_by_default:
        emit(Text(f"off by default (enable with --select {rule.id})", style="mx.muted"))
    emit(Text(f"precision: {rule.precision_text}", style="mx.muted"))
    emit(Text(rule.summary))
    for title, body in (("What", doc.what), ("Why", doc.why)):
        console.print()
        console.print(Text(title, style="mx.heading"))
        emit(Text(body))
    for title, body in (("Wrong", doc.wrong), ("Right", doc.right)):
        console.print()
        console.print(Text(title, style="mx.heading"))
        for line in body.splitlines():  # code: as written
            console.print(Text("    " + line if line else ""), soft_wrap=True)
    console.print()
    console.print(Text("How to fix", style="mx.heading"))
    emit(Text(doc.fix))
    if doc.references:
        console.print()
        console.print(Text("References", style="mx.heading"))
        for ref in doc.references:
            emit(Text("  " + ref), 4)
    console.print()
    emit(Text("Suppress one finding with a comment on its line or class line:", style="mx.muted"))
    emit(Text(f"  # mro-explain: ignore[{rule.id}]", style="mx.muted"))


_SEVERITY_STYLE = {"error": "mx.error", "warning": "mx.warn", "note": "mx.data"}
