"""``audit`` (class-machinery checks for CI) and ``rules`` (the rules and their documentation)."""

from __future__ import annotations

import enum
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from pyinspect_cli.commands._common import PathOption, print_note, user_errors, write_stdout


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


def _stderr_is_terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def _resolve_target(text: str, root: Path) -> str:
    """A config target: paths are relative to the config file's directory."""
    looks_like_path = text.endswith(".py") or "/" in text or os.sep in text or text in (".", "..")
    if looks_like_path and not Path(text).is_absolute():
        candidate = root / text
        if candidate.exists() or not Path(text).exists():
            return str(candidate)
    if not looks_like_path and (root / text).is_dir() and not all(p.isidentifier() for p in text.split(".")):
        return str(root / text)
    return text


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
        timeout: Annotated[
            float | None,
            typer.Option(
                "--timeout",
                help="Seconds each module may take to import and audit [config: timeout; default: 30].",
                min=0.1,
            ),
        ] = None,
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
    ) -> None:
        """Import modules and check their classes for descriptor, cooperation and metaclass bugs.

        Exit codes: 0 no findings at or above --fail-on; 1 findings at or above it, or a module could not be
        imported or analysed; 2 usage or configuration error.
        """
        with user_errors():
            code = _run_audit(
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


def _run_audit(
    *,
    targets: list[str],
    fmt: str,
    output: str | None,
    select: list[str] | None,
    ignore: list[str] | None,
    exclude: list[str] | None,
    fail_on: str | None,
    exit_zero: bool,
    baseline: str | None,
    no_baseline: bool,
    write_baseline_to: str | None,
    timeout: float | None,
    jobs: int | None,
    paths: list[str],
    config_file: str | None,
    isolated: bool,
    progress: bool,
) -> int:
    from pyinspect_cli.audit.baseline import write_baseline
    from pyinspect_cli.audit.config import check_codes, load_config, split_codes
    from pyinspect_cli.audit.reporters import ReportOptions, get_reporter
    from pyinspect_cli.audit.reporters.json import is_failure
    from pyinspect_cli.audit.rules import all_rules
    from pyinspect_cli.audit.runner import run_audit
    from pyinspect_cli.errors import ConfigError, OutputError

    cfg = load_config(config_file, isolated=isolated)
    rules = all_rules()
    for option, values in (("--select", select), ("--ignore", ignore)):
        check_codes(split_codes(values) or [], rules, key=option, where="")
    cfg = cfg.with_overrides(
        select=split_codes(select),
        fail_on="never" if exit_zero else fail_on,
        timeout=timeout,
        jobs=jobs,
    )
    cfg.ignore = [*cfg.ignore, *(split_codes(ignore) or [])]
    cfg.exclude = [*cfg.exclude, *(exclude or [])]
    cfg.path = [*cfg.path, *(os.path.abspath(p) for p in paths)]
    if not targets:
        targets = [_resolve_target(t, cfg.root) for t in cfg.targets]
    if not targets:
        raise ConfigError(
            "nothing to audit: give a package, module or path",
            'e.g. `mro-explain audit src/mypkg`, or set targets = ["src/mypkg"] in [tool.mro-explain]',
        )
    if output is not None and os.path.isdir(output):
        raise OutputError(f"--output {output} is a directory", "give a file name, e.g. audit.sarif")
    baseline_path: str | None = None
    if write_baseline_to is None and not no_baseline:
        if baseline is not None:
            baseline_path = baseline
        elif cfg.baseline:
            baseline_path = str(cfg.root / cfg.baseline)

    bar: Any = None
    task_id: Any = None
    if progress and _stderr_is_terminal() and fmt != "github":
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        from pyinspect_cli.render.console import make_console

        bar = Progress(
            TextColumn("auditing"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.fields[module]}", markup=False),
            console=make_console(stderr=True),
            transient=True,
        )

    def on_progress(done: int, total: int, name: str) -> None:
        nonlocal task_id
        if bar is None:
            return
        if task_id is None:
            if total < 8:
                return
            bar.start()
            task_id = bar.add_task("audit", total=total, module="")
        bar.update(task_id, completed=done, module=name)

    try:
        run = run_audit(cfg, targets, rules=rules, baseline=baseline_path, progress=on_progress)
    finally:
        if bar is not None and task_id is not None:
            bar.stop()
    result = run.result
    enabled = {rule_id: rules[rule_id] for rule_id in run.rule_ids if rule_id in rules}
    for finding in result.findings:
        if finding.rule in rules and finding.rule not in enabled:
            enabled[finding.rule] = rules[finding.rule]
    from pyinspect_cli import __version__

    options = ReportOptions(
        fail_on=cfg.fail_on,
        seconds=run.seconds,
        baseline=run.baseline_path,
        baseline_fixed=run.fixed,
        color=fmt == "text" and output is None and _stdout_is_terminal(),
        width=None,
        tool_version=__version__,
    )
    if options.color:
        import shutil

        options = ReportOptions(**{**options.__dict__, "width": shutil.get_terminal_size().columns})
    report = get_reporter(fmt).format(result, enabled, options)
    if output is not None:
        try:
            Path(output).write_text(report, encoding="utf-8")
        except OSError as exc:
            raise OutputError(f"cannot write {output}: {exc.strerror or exc}", None) from None
    elif report:
        write_stdout(report)
    failed = is_failure(result, cfg.fail_on)
    if output is not None or fmt in ("sarif", "gitlab", "json"):
        _summary_note(result, output, fmt)
    if write_baseline_to is not None:
        count = write_baseline(write_baseline_to, result.findings)
        print_note(f"wrote {count} finding(s) to the baseline {write_baseline_to}")
        return 0
    return 1 if failed else 0


def _stdout_is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _summary_note(result: Any, output: str | None, fmt: str) -> None:
    from pyinspect_cli.audit.reporters.base import failed_modules, plural

    failed = failed_modules(result.modules)
    text = f"{plural(len(result.findings), 'finding')} in {plural(len(result.modules), 'module')}"
    if failed:
        text += f", {len(failed)} could not be audited"
    if output is not None:
        text += f"; {fmt} report written to {output}"
    print_note(text)


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


def _rule_dict(rule: Any) -> dict[str, Any]:
    doc = rule.doc
    return {
        "id": rule.id,
        "name": rule.name,
        "severity": rule.severity.value,
        "precision": rule.precision.value,
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

    console = make_console()
    if wanted is None:
        width = max((len(r.name) for r in selected), default=10)
        id_width = max((len(r.id) for r in selected), default=7)
        for rule in selected:
            off = "" if rule.enabled_by_default else " (off by default)"
            console.print(
                Text.assemble(
                    (rule.id.ljust(id_width), "bold"),
                    "  ",
                    (rule.name.ljust(width), "mx.class"),
                    "  ",
                    (rule.severity.value.ljust(7), _SEVERITY_STYLE.get(rule.severity.value, "")),
                    "  ",
                    rule.summary + off,
                ),
                soft_wrap=True,
            )
        console.print(
            Text(f"\n{len(selected)} rules. Explain one with: mro-explain rules ID", style="mx.muted"), soft_wrap=True
        )
        return
    rule = selected[0]
    doc = rule.doc
    console.print(Text.assemble((rule.id, "bold"), " ", (rule.name, "mx.class")), soft_wrap=True)
    console.print(
        Text(
            f"severity: {rule.severity.value}   precision: {rule.precision.value}   scope: {rule.scope}"
            + ("" if rule.enabled_by_default else "   off by default (enable with --select " + rule.id + ")"),
            style="mx.muted",
        ),
        soft_wrap=True,
    )
    console.print(Text(rule.summary), soft_wrap=True)
    for title, body in (("What", doc.what), ("Why", doc.why)):
        console.print()
        console.print(Text(title, style="mx.heading"))
        console.print(Text(body), soft_wrap=True)
    for title, body in (("Wrong", doc.wrong), ("Right", doc.right)):
        console.print()
        console.print(Text(title, style="mx.heading"))
        for line in body.splitlines():
            console.print(Text("    " + line), soft_wrap=True)
    console.print()
    console.print(Text("How to fix", style="mx.heading"))
    console.print(Text(doc.fix), soft_wrap=True)
    if doc.references:
        console.print()
        console.print(Text("References", style="mx.heading"))
        for ref in doc.references:
            console.print(Text("  " + ref), soft_wrap=True)
    console.print()
    console.print(
        Text(
            f"Suppress one finding with a comment on its line or class line:  # mro-explain: ignore[{rule.id}]",
            style="mx.muted",
        ),
        soft_wrap=True,
    )


_SEVERITY_STYLE = {"error": "mx.error", "warning": "mx.warn", "note": "mx.data"}
