"""Read the class facts of one version of the code, in audit worker processes.

``diff`` and ``snapshot`` read each side the way ``audit`` reads modules:
discovery without importing, then every module imported in a worker of the
audit's :class:`~pyinspect_cli.audit.runner.WorkerPool` (same timeout, crash
isolation and captured output), where :func:`collect_module` turns its
classes into :class:`~pyinspect_cli.core.facts.Snapshot` parts.

A side other than the working tree is a git revision checked out into a
temporary ``git worktree`` (:func:`checkout`), removed afterwards whatever
happens. Paths of the working tree (targets, ``--path``, ``sys.path`` entries
such as an editable install's source directory) are read in the checkout
instead, so that nothing of the other side is imported by mistake.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from pyinspect_cli.audit.worker import OK, Init, Task, TaskResult, display_path
from pyinspect_cli.core.facts import ModuleFailure, Snapshot, class_facts, graph_of, merge_snapshots
from pyinspect_cli.core.record import Record
from pyinspect_cli.errors import ExitCode, MroExplainError, TargetError
from pyinspect_cli.loading import DEFAULT_TIMEOUT

__all__ = [
    "GitError",
    "Side",
    "checkout",
    "collect_module",
    "read_side",
    "repository_root",
    "resolve_revision",
]

COLLECTOR = "pyinspect_cli.audit.sides:collect_module"


class GitError(MroExplainError):
    """Not a git repository, an unknown revision, or git itself failing (a usage error)."""

    exit_code = ExitCode.USAGE


# ---------------------------------------------------------------------------
# In the worker


def collect_module(mctx: Any) -> tuple[str | None, Snapshot]:
    """The facts of every class a module defines (called in the worker, see :attr:`Init.collector`).

    Returns the module's file (absolute, to check which tree it came from) and its snapshot part.
    """
    from pyinspect_cli.core.source import class_line

    facts = [class_facts(cls, file=mctx.display_path, line=class_line(cls)) for cls in mctx.classes]
    snapshot = Snapshot(tuple(sorted(facts, key=lambda f: f.key)), graph_of(mctx.classes), (mctx.name,), ())
    return mctx.path, snapshot


# ---------------------------------------------------------------------------
# git


def _git(args: Sequence[str], cwd: str | os.PathLike[str]) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, check=False, stdin=subprocess.DEVNULL
        )
    except FileNotFoundError:
        raise GitError("git is not installed", "install git, or compare with a snapshot: --against FILE") from None


def repository_root(cwd: str) -> Path:
    """The top directory of the git working tree that holds *cwd*.

    Raises:
        GitError: *cwd* is not in a git repository.
    """
    done = _git(["rev-parse", "--show-toplevel"], cwd)
    if done.returncode != 0:
        raise GitError(
            f"{cwd} is not in a git repository",
            "run mro-explain diff inside a git checkout, or compare with a snapshot: --against FILE",
        )
    return Path(done.stdout.strip()).resolve()


def resolve_revision(root: Path, revision: str) -> str:
    """The commit *revision* names (a branch, tag, sha, ``HEAD~2``...).

    Raises:
        GitError: git does not know the revision.
    """
    if revision.startswith("-"):
        raise GitError(f"unknown revision {revision!r}", "give a branch, tag or commit, e.g. origin/main")
    done = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"], root)
    if done.returncode != 0:
        raise GitError(
            f"unknown revision {revision!r}",
            "give a branch, tag or commit (in CI, fetch it first: actions/checkout with fetch-depth: 0)",
        )
    return done.stdout.strip()


@contextlib.contextmanager
def checkout(root: Path, commit: str) -> Iterator[Path]:
    """Check *commit* out into a temporary ``git worktree``; removed on exit, even on Ctrl-C."""
    parent = Path(tempfile.mkdtemp(prefix="mro-explain-diff-"))
    tree = parent / "tree"
    try:
        done = _git(["worktree", "add", "--detach", "--quiet", str(tree), commit], root)
        if done.returncode != 0:
            message = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "git worktree add failed"
            raise GitError(f"cannot check out {commit[:12]}: {message}", None, exit_code=ExitCode.ENVIRONMENT)
        yield tree
    finally:
        with contextlib.suppress(Exception):
            _git(["worktree", "remove", "--force", str(tree)], root)
        shutil.rmtree(parent, ignore_errors=True)
        with contextlib.suppress(Exception):
            _git(["worktree", "prune"], root)


# ---------------------------------------------------------------------------
# Reading a side


class Side(Record):
    """Where one side's code is: ``tree`` stands for ``repo`` (``None``: the working tree itself)."""

    label: str
    repo: Path | None = None
    tree: Path | None = None

    def place(self, path: str) -> str:
        """*path* (absolute) read in this side's tree when it lies in the repository."""
        if self.repo is None or self.tree is None:
            return path
        try:
            rel = Path(path).resolve().relative_to(self.repo)
        except ValueError:
            return path
        return str(self.tree / rel)

    def cwd(self, cwd: str) -> str:
        return self.place(cwd)

    def contains(self, path: str) -> bool:
        if self.tree is None:
            return True
        try:
            Path(path).resolve().relative_to(self.tree.resolve())
        except ValueError:
            return False
        return True


def _looks_like_path(text: str, cwd: str) -> bool:
    return (
        text.endswith(".py")
        or "/" in text
        or os.sep in text
        or text in (".", "..")
        or os.path.isdir(os.path.join(cwd, text))
    )


def side_targets(targets: Sequence[str], side: Side, cwd: str) -> list[str]:
    """*targets* as the side reads them: paths made absolute in its tree, dotted names unchanged."""
    out: list[str] = []
    side_cwd = side.cwd(cwd)
    for text in targets:
        if os.path.isabs(text):
            out.append(side.place(text))
        elif _looks_like_path(text, cwd) or _looks_like_path(text, side_cwd):
            out.append(os.path.join(side_cwd, text))
        else:
            out.append(text)
    return out


def read_side(
    side: Side,
    targets: Sequence[str],
    *,
    cwd: str,
    paths: Sequence[str] = (),
    exclude: Sequence[str] = (),
    root: Path | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    jobs: int = 0,
    missing: list[str] | None = None,
) -> Snapshot:
    """Import every module the targets name in worker processes and collect their class facts.

    A module that raises, exits, hangs past *timeout* (0: no limit) or crashes its worker
    is recorded in ``Snapshot.failures``; so is a module that was found
    outside the side's tree.

    With *missing* given, a target that does not exist in this side's tree is
    appended to it (a module added or deleted between the sides) instead of
    raising.

    Raises:
        TargetError: a target does not exist in this side's tree (exit code 2).
    """
    from pyinspect_cli.audit.runner import WorkerPool, discover

    side_cwd = side.cwd(cwd)
    if not os.path.isdir(side_cwd):
        raise TargetError(
            f"{side.label}: the directory {display_path(cwd, str(side.repo or cwd))} does not exist in this revision",
            "run mro-explain diff from a directory that exists on both sides",
        )
    side_paths = [side.place(os.path.abspath(p)) for p in paths]
    modules = []
    seen: set[str] = set()
    for target, placed in zip(targets, side_targets(targets, side, cwd)):
        try:
            found = discover(
                [placed],
                paths=side_paths,
                exclude=exclude,
                cwd=side_cwd,
                root=Path(side.place(str(root))) if root is not None else None,
            )
        except TargetError as exc:
            if missing is None:
                raise TargetError(f"{side.label}: {exc.message}", exc.hint) from None
            missing.append(target)
            continue
        for ref in found:
            if ref.name not in seen:
                seen.add(ref.name)
                modules.append(ref)
    tasks = [
        Task(ref.name, ref.file if ref.root else None, ref.root, (), tuple(side_paths), ref.file) for ref in modules
    ]
    init = Init(
        sys_path=tuple(side.place(p) if p and os.path.isabs(p) else p for p in sys.path),
        cwd=side_cwd,
        rule_modules=(),
        timeout=timeout,
        collector=COLLECTOR,
    )
    parts: list[Snapshot] = []
    failures: list[ModuleFailure] = []

    def collect(result: TaskResult) -> None:
        status = result.status
        if status.status != OK or result.payload is None:
            failures.append(ModuleFailure(status.name, status.status, status.path, status.detail))
            return
        file, part = result.payload
        if file is not None and not side.contains(file):
            failures.append(
                ModuleFailure(
                    status.name,
                    "outside-tree",
                    status.path,
                    f"{status.name} was imported from {file}, outside the checkout of {side.label}",
                )
            )
            return
        parts.append(part)

    jobs = jobs or min(len(tasks), os.cpu_count() or 1)
    # Fresh interpreters: a worker forked from this process would already hold the installed
    # copies of what mro-explain itself imports (typer, rich...), whatever the side's tree has.
    WorkerPool(init, jobs=max(1, jobs), timeout=timeout, fork=False).run(tasks, collect)
    merged = merge_snapshots(parts)
    return Snapshot(merged.classes, merged.graph, merged.modules, tuple(sorted(failures, key=lambda f: f.module)))
