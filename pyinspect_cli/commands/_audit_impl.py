"""``mro-explain audit`` without Typer: the command's body, and a parser for its options.

Typer, Click and the pydantic they load cost more to import than auditing a
small package. :func:`audit_fast_path` parses the audit's options itself and
runs :func:`run_audit_command`, the same function the Typer command calls;
anything it does not recognise (``--help``, an unknown option, a value it
would have to reject) returns ``None`` and the Typer command takes over, so
every error message still comes from one place.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from pyinspect_cli.audit.config import FAIL_ON
from pyinspect_cli.commands._fastargs import Convert, choice, count, parse_options, seconds, text
from pyinspect_cli.commands._output import is_terminal, print_note, write_stdout

#: --format choices of ``audit``
FORMATS = ("text", "json", "sarif", "github", "gitlab")


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


def run_audit_command(
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
    force: bool = False,
) -> int:
    from pyinspect_cli.audit.baseline import write_baseline
    from pyinspect_cli.audit.config import check_codes, load_config, split_codes
    from pyinspect_cli.audit.reporters import ReportOptions, get_reporter
    from pyinspect_cli.audit.reporters.json import is_failure
    from pyinspect_cli.audit.rules import all_rules
    from pyinspect_cli.audit.runner import run_audit
    from pyinspect_cli.errors import ConfigError, OutputError

    cfg = load_config(config_file, isolated=isolated)
    from pyinspect_cli.loading import default_setup

    default_setup(setup=cfg.setup, django_settings=cfg.django_settings)  # the workers run it before any import
    rules = all_rules()
    for option, values in (("--select", select), ("--ignore", ignore)):
        check_codes(split_codes(values) or [], rules, key=option, where="")
    if select is not None and not split_codes(select):
        raise ConfigError("--select names no rule: no rule would run", "e.g. --select DESC,MRO001, or --select ALL")
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
    for option, target in (("--output", output), ("--write-baseline", write_baseline_to)):
        _check_replaceable(option, target, force)
    baseline_path: str | None = None
    if write_baseline_to is None and not no_baseline:
        if baseline is not None:
            baseline_path = baseline
        elif cfg.baseline:
            baseline_path = str(cfg.root / cfg.baseline)

    bar: Any = None
    task_id: Any = None
    if progress and is_terminal(sys.stderr) and fmt != "github":
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
            auto_refresh=False,  # no refresh thread: the audit's workers are forked from this process
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
        bar.update(task_id, completed=done, module=name, refresh=True)

    try:
        run = run_audit(cfg, targets, rules=rules, baseline=baseline_path, progress=on_progress)
    finally:
        if bar is not None and task_id is not None:
            bar.stop()
    result = run.result
    from pyinspect_cli.render.safe import escape_line

    for path, line, comment, problem in run.invalid_suppressions:
        print_warning(
            f"{escape_line(path)}:{line}: invalid suppression comment `{escape_line(comment)}`: {problem}; "
            "it suppresses nothing"
        )
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
        color=fmt == "text" and output is None and is_terminal(sys.stdout),
        width=None,
        tool_version=__version__,
    )
    if options.color:
        import shutil

        options = ReportOptions(**{**options.__dict__, "width": shutil.get_terminal_size().columns})
    elif output is None:
        from pyinspect_cli.render.fit import env_columns

        options = ReportOptions(**{**options.__dict__, "width": env_columns()})
    report = get_reporter(fmt).format(result, enabled, options)
    if output is not None:
        try:
            Path(output).write_text(report, encoding="utf-8")
        except OSError as exc:
            raise OutputError(f"cannot write {output}: {exc.strerror or exc}", None) from None
    elif report:
        write_stdout(report, styled=options.color)
    failed = is_failure(result, cfg.fail_on)
    if output is not None or fmt in ("sarif", "gitlab", "json"):
        _summary_note(result, output, fmt)
    if write_baseline_to is not None:
        count = write_baseline(write_baseline_to, result.findings)
        from pyinspect_cli.render.words import plural

        print_note(f"wrote {plural(count, 'finding')} to the baseline {write_baseline_to}")
        return 0
    return 1 if failed else 0


def _summary_note(result: Any, output: str | None, fmt: str) -> None:
    from pyinspect_cli.audit.reporters.base import failed_modules
    from pyinspect_cli.render.words import plural

    failed = failed_modules(result.modules)
    text = f"{plural(len(result.findings), 'finding')} in {plural(len(result.modules), 'module')}"
    if failed:
        text += f", {len(failed)} could not be audited"
    if output is not None:
        text += f"; {fmt} report written to {output}"
    print_note(text)


def _check_replaceable(option: str, path: str | None, force: bool) -> None:
    """Refuse to replace a file that is not a report or baseline of ours (unless --force)."""
    from pyinspect_cli.audit.reporters.base import is_our_output
    from pyinspect_cli.errors import OutputError

    if path is None or force or not os.path.lexists(path):
        return
    if os.path.isdir(path):
        raise OutputError(f"{option} {path} is a directory", "give a file name")
    if not is_our_output(path):
        raise OutputError(
            f"{path} exists and was not written by mro-explain",
            "pass --force to overwrite it, or choose another file name",
        )


def print_warning(message: str) -> None:
    """One ``mro-explain: warning:`` line on stderr (the run goes on)."""
    sys.stderr.write(f"mro-explain: warning: {message}\n")
    sys.stderr.flush()


# ---------------------------------------------------------------------------
# The fast path

#: option -> (keyword of run_audit_command, kind)
#: options with a value: option -> (keyword of run_audit_command, converter)
_VALUE_OPTIONS: dict[str, tuple[str, Convert]] = {
    "--format": ("fmt", choice(*FORMATS)),
    "-f": ("fmt", choice(*FORMATS)),
    "--output": ("output", text),
    "-o": ("output", text),
    "--fail-on": ("fail_on", choice(*FAIL_ON)),
    "--baseline": ("baseline", text),
    "--write-baseline": ("write_baseline_to", text),
    "--timeout": ("timeout", seconds),
    "--jobs": ("jobs", count),
    "-j": ("jobs", count),
    "--config": ("config_file", text),
}
#: options that may be given several times: option -> keyword of a list
_REPEATED: dict[str, str] = {
    "--select": "select",
    "--ignore": "ignore",
    "--exclude": "exclude",
    "--path": "paths",
    "-p": "paths",
}
_FLAGS: dict[str, tuple[str, bool]] = {
    "--exit-zero": ("exit_zero", True),
    "--no-baseline": ("no_baseline", True),
    "--isolated": ("isolated", True),
    "--force": ("force", True),
    "--progress": ("progress", True),
    "--no-progress": ("progress", False),
}
_DEFAULTS: dict[str, Any] = {
    "fmt": "text",
    "output": None,
    "fail_on": None,
    "exit_zero": False,
    "baseline": None,
    "no_baseline": False,
    "write_baseline_to": None,
    "timeout": None,
    "jobs": None,
    "config_file": None,
    "isolated": False,
    "progress": True,
    "force": False,
}


def parse_audit_args(argv: list[str]) -> dict[str, Any] | None:
    """The keywords of :func:`run_audit_command` for ``audit ARGV``, or ``None`` to let Typer parse it."""
    parsed = parse_options(
        argv, values=_VALUE_OPTIONS, repeated=_REPEATED, flags=_FLAGS, defaults=_DEFAULTS, dash_is_positional=True
    )
    if parsed is None:
        return None
    targets, options = parsed
    for key in ("select", "ignore", "exclude"):  # not given: None (the config decides), as in the Typer command
        options[key] = options[key] or None
    return {"targets": targets, **options}


def audit_fast_path(argv: list[str]) -> int | None:
    """Run ``mro-explain audit ARGV`` without Typer; ``None`` means: let the Typer command do it."""
    options = parse_audit_args(argv)
    if options is None:
        return None
    from pyinspect_cli.commands._errors import exit_code_for

    try:
        return run_audit_command(**options)
    except BaseException as exc:
        code = exit_code_for(exc)
        if code is None:
            raise
        return code
