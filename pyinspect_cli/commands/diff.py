"""``diff`` (class machinery changes between two versions) and ``snapshot`` (the facts as a lock file)."""

from __future__ import annotations

import enum
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from pyinspect_cli.commands._common import ConfigTimeoutOption, PathOption, user_errors
from pyinspect_cli.commands._output import print_note, write_stdout
from pyinspect_cli.errors import ConfigError, ExitCode, OutputError, TargetError

if TYPE_CHECKING:
    from pyinspect_cli.audit.config import AuditConfig
    from pyinspect_cli.core.diff import Level
    from pyinspect_cli.core.facts import Snapshot


class DiffFormat(str, enum.Enum):
    """``--format`` of ``diff``."""

    text = "text"
    json = "json"
    github = "github"
    markdown = "markdown"


class FailOn(str, enum.Enum):
    """``--fail-on``: the least consequential level of change that makes ``diff`` exit 1."""

    winner = "winner"
    chain = "chain"
    kind = "kind"
    # ``mro`` cannot be a member name: Enum reserves it (``type.mro``)
    mro_order = "mro"


TargetsArgument = Annotated[
    list[str] | None,
    typer.Argument(
        help="Packages (dotted names), modules, directories or .py files [default: `targets` in the config].",
        show_default=False,
        metavar="TARGETS",
    ),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config", help="pyproject.toml to read [tool.mro-explain] from.", show_default=False, metavar="FILE"
    ),
]


def register(app: typer.Typer) -> None:
    @app.command("diff")
    def diff(
        arguments: Annotated[
            list[str] | None,
            typer.Argument(
                metavar="BASE [HEAD] [TARGETS]...",
                help="BASE and HEAD are git revisions (HEAD defaults to the working tree; a second argument "
                "is HEAD when git knows it as a revision and it is not a path). TARGETS default to `targets` in "
                "the config. With --against, every argument is a target.",
                show_default=False,
            ),
        ] = None,
        against: Annotated[
            Path | None,
            typer.Option(
                "--against",
                help="Compare the working tree with this snapshot file instead of a git revision.",
                metavar="FILE",
            ),
        ] = None,
        output_format: Annotated[
            DiffFormat,
            typer.Option(
                "--format",
                "-f",
                help="text; json (see `mro-explain schema`); github (annotations); markdown (a pull-request comment).",
                case_sensitive=False,
            ),
        ] = DiffFormat.text,
        fail_on: Annotated[
            FailOn,
            typer.Option(
                "--fail-on",
                help="Exit 1 for changes at or above this level: winner > chain > kind > mro.",
                case_sensitive=False,
            ),
        ] = FailOn.mro_order,
        path: PathOption = None,
        timeout: ConfigTimeoutOption = None,
        config: ConfigOption = None,
    ) -> None:
        """Show how the class machinery changed between two versions: which definition wins for each
        name, which super() chain implementations stopped or started running, descriptors that became
        plain values, metaclasses and creation hooks, MRO order with the C3 reason. Each side is imported
        in its own worker processes (BASE from a temporary git worktree). Exit 1 when a change at or
        above --fail-on is found or a side cannot be imported."""
        with user_errors():
            code = _run_diff(
                arguments or [],
                against=against,
                fmt=output_format.value,
                fail_on=fail_on.value,  # type: ignore[arg-type]
                paths=path or [],
                timeout=timeout,
                config=config,
            )
        raise typer.Exit(code)

    @app.command("snapshot")
    def snapshot(
        targets: TargetsArgument = None,
        output: Annotated[
            Path | None,
            typer.Option("--output", "-o", help="File to write (default: stdout).", show_default=False, metavar="FILE"),
        ] = None,
        force: Annotated[
            bool, typer.Option("--force", help="Overwrite a file that is not an mro-explain snapshot.")
        ] = False,
        path: PathOption = None,
        timeout: ConfigTimeoutOption = None,
        config: ConfigOption = None,
    ) -> None:
        """Write the class facts `diff` compares (MROs, attribute winners and kinds, metaclasses, hooks,
        super() chains) as a versioned JSON lock file; `mro-explain diff --against FILE` compares the
        current code with it. Exit 1 when a module cannot be imported (the file is still written)."""
        with user_errors():
            code = _run_snapshot(
                targets or [], output=output, force=force, paths=path or [], timeout=timeout, config=config
            )
        raise typer.Exit(code)


# ---------------------------------------------------------------------------
# Shared


def _config(config: Path | None) -> AuditConfig:
    from pyinspect_cli.audit.config import load_config
    from pyinspect_cli.loading import default_setup

    cfg = load_config(config)
    default_setup(setup=cfg.setup, django_settings=cfg.django_settings)  # the workers run it before any import
    return cfg


def _targets(targets: list[str], cfg: AuditConfig, command: str) -> list[str]:
    from pyinspect_cli.commands._audit_impl import _resolve_target

    if targets:
        return targets
    resolved = [_resolve_target(t, cfg.root) for t in cfg.targets]
    if not resolved:
        raise ConfigError(
            f"nothing to {command}: give a package, module or path",
            f'e.g. `mro-explain {command} ... src/mypkg`, or set targets = ["src/mypkg"] in [tool.mro-explain]',
        )
    return resolved


def _read(
    side: Any,
    targets: list[str],
    cfg: AuditConfig,
    paths: list[str],
    timeout: float | None,
    missing: list[str] | None = None,
) -> Snapshot:
    from pyinspect_cli.audit.sides import read_side

    return read_side(
        side,
        targets,
        cwd=os.getcwd(),
        paths=[*(str(cfg.root / p) for p in cfg.path), *(os.path.abspath(p) for p in paths)],
        exclude=cfg.exclude,
        root=cfg.root,
        timeout=timeout if timeout is not None else cfg.timeout,
        jobs=cfg.jobs,
        missing=missing,
    )


def _report_failures(label: str, snapshot: Snapshot) -> None:
    for failure in snapshot.failures:
        print_note(f"{label}: {failure.module} could not be read ({failure.status})")


# ---------------------------------------------------------------------------
# snapshot


def _check_snapshot_target(output: Path, force: bool) -> None:
    from pyinspect_cli.render.json.diff import is_snapshot

    if output.is_dir():
        raise OutputError(f"{output} is a directory", "give a file name, e.g. -o mro-snapshot.json")
    if not output.parent.is_dir():
        raise OutputError(f"directory {output.parent} does not exist", "create it first, or choose another -o")
    if not output.exists() or force:
        return
    try:
        data = json.loads(output.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        data = None
    if not is_snapshot(data):
        raise OutputError(
            f"{output} exists and is not an mro-explain snapshot",
            "pass --force to overwrite it, or choose another file name",
        )


def _run_snapshot(
    targets: list[str],
    *,
    output: Path | None,
    force: bool,
    paths: list[str],
    timeout: float | None,
    config: Path | None,
) -> int:
    from pyinspect_cli.audit.sides import Side
    from pyinspect_cli.render.json import dumps
    from pyinspect_cli.render.json.diff import snapshot_document

    if output is not None:
        _check_snapshot_target(output, force)
    cfg = _config(config)
    wanted = _targets(targets, cfg, "snapshot")
    snap = _read(Side("working tree"), wanted, cfg, paths, timeout)
    _report_failures("working tree", snap)
    shown = targets or list(cfg.targets)
    text = dumps(snapshot_document(snap, shown))
    if output is None:
        write_stdout(text)
    else:
        try:
            output.write_text(text + "\n", encoding="utf-8")
        except OSError as exc:
            raise OutputError(f"cannot write {output}: {exc.strerror or type(exc).__name__}", None) from None
        print_note(f"wrote {output}: {len(snap.classes)} classes from {len(snap.modules)} modules")
    return int(ExitCode.FINDINGS) if snap.failures else int(ExitCode.OK)


# ---------------------------------------------------------------------------
# diff


def _load_snapshot(path: Path) -> Snapshot:
    from pyinspect_cli.render.json.diff import read_snapshot

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"snapshot not found: {path}", "write one with `mro-explain snapshot -o FILE`") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}", None) from None
    try:
        data = json.loads(text)
    except ValueError:
        raise ConfigError(f"{path} is not JSON", "write a snapshot with `mro-explain snapshot -o FILE`") from None
    return read_snapshot(data, str(path))


def _split_arguments(arguments: list[str], root: Path) -> tuple[str, str | None, list[str]]:
    """BASE, HEAD (``None``: the working tree) and the targets."""
    from pyinspect_cli.audit.sides import GitError, resolve_revision

    if not arguments:
        raise typer.BadParameter("give BASE, a git revision (e.g. origin/main), or --against FILE", param_hint="BASE")
    base, rest = arguments[0], arguments[1:]
    head: str | None = None
    if rest and not os.path.exists(rest[0]):
        try:
            resolve_revision(root, rest[0])
        except GitError:
            pass
        else:
            head, rest = rest[0], rest[1:]
    return base, head, rest


def _run_diff(
    arguments: list[str],
    *,
    against: Path | None,
    fmt: str,
    fail_on: Level,
    paths: list[str],
    timeout: float | None,
    config: Path | None,
) -> int:
    from pyinspect_cli.audit.sides import Side, checkout, repository_root, resolve_revision
    from pyinspect_cli.core.diff import diff_snapshots
    from pyinspect_cli.core.facts import within

    cfg = _config(config)
    if against is not None:
        old = _load_snapshot(against)
        base_label = str(against)
        head_label = "working tree"
        new = _read(Side(head_label), _targets(arguments, cfg, "diff"), cfg, paths, timeout)
        old = within(old, [*new.modules, *(f.module for f in new.failures)])
    else:
        root = repository_root(os.getcwd())
        base, head, rest = _split_arguments(arguments, root)
        base_commit = resolve_revision(root, base)
        head_commit = resolve_revision(root, head) if head is not None else None
        targets = _targets(rest, cfg, "diff")
        base_label = base
        head_label = head if head is not None else "working tree"
        # A target may exist on one side only (a module added or deleted); on neither is a usage error.
        base_missing: list[str] = []
        head_missing: list[str] = []
        with checkout(root, base_commit) as tree:
            old = _read(Side(base_label, root, tree), targets, cfg, paths, timeout, base_missing)
        if head_commit is not None:
            with checkout(root, head_commit) as tree:
                new = _read(Side(head_label, root, tree), targets, cfg, paths, timeout, head_missing)
        else:
            new = _read(Side(head_label), targets, cfg, paths, timeout, head_missing)
        nowhere = [t for t in base_missing if t in head_missing]
        if nowhere:
            raise TargetError(
                f"{nowhere[0]!r} exists neither in {base_label} nor in {head_label}",
                "give a package, module or path of the repository (relative to the current directory)",
            )
    result = diff_snapshots(old, new)
    failed = result.fails(fail_on) or bool(old.failures) or bool(new.failures)
    write_stdout(_render(fmt, result, base=base_label, head=head_label, fail_on=fail_on, failed=failed))
    if fmt in ("json", "markdown"):
        _report_failures(base_label, old)
        _report_failures(head_label, new)
    return int(ExitCode.FINDINGS) if failed else int(ExitCode.OK)


def _render(fmt: str, result: Any, *, base: str, head: str, fail_on: Level, failed: bool) -> str:
    if fmt == "json":
        from pyinspect_cli.render.json import dumps
        from pyinspect_cli.render.json.diff import diff_document

        return dumps(diff_document(result, base=base, head=head, fail_on=fail_on, failed=failed))
    from pyinspect_cli.render import diff as words

    if fmt == "text":
        return words.render_text(result, base=base, head=head, fail_on=fail_on, failed=failed, columns=_columns())
    render = {"github": words.render_github, "markdown": words.render_markdown}[fmt]
    return render(result, base=base, head=head, fail_on=fail_on, failed=failed)


def _columns() -> int | None:
    """The width of the text report: the terminal's, or COLUMNS when piped (else lines stay whole)."""
    import shutil

    from pyinspect_cli.commands._output import stdout_is_terminal
    from pyinspect_cli.render.fit import env_columns

    return shutil.get_terminal_size().columns if stdout_is_terminal() else env_columns()
