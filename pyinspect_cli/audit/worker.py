"""The worker process of ``mro-explain audit``: imports modules and runs the rules.

The runner starts each worker with ``python -c`` and talks to it over its
stdin and stdout with length-prefixed pickles. On start the worker moves the
protocol to private file descriptors and points fds 0 and 1 at
``/dev/null``, so nothing a module prints (even from C, even after the
import) can reach the parent's output; fd 2 is a scratch file the runner
reads only when the worker dies, to say where (``faulthandler``).

Messages:

* parent -> worker: :class:`Init` once, then one :class:`Task` per module,
  then ``None`` to stop;
* worker -> parent: ``("ready", None)`` after :class:`Init`, then one
  ``("result", TaskResult)`` per task; ``("fatal", text)`` if the worker
  cannot start.

A module that raises, calls ``sys.exit()`` or runs past the timeout (an alarm
in the worker) comes back as a result with its status; a module that calls
``os._exit()`` or crashes the interpreter ends the worker, and the runner
reports it.
"""

from __future__ import annotations

import contextlib
import faulthandler
import importlib
import os
import pickle
import struct
import sys
import time
import traceback
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from pyinspect_cli.audit.findings import Finding, ModuleStatus, Severity

__all__ = [
    "CRASHED",
    "IMPORT_ERROR",
    "OK",
    "TIMEOUT",
    "Init",
    "Task",
    "TaskResult",
    "read_message",
    "write_message",
]

OK = "ok"
IMPORT_ERROR = "import-error"
TIMEOUT = "timeout"
CRASHED = "crashed"
#: every status, in the order a summary lists them
STATUSES = (OK, IMPORT_ERROR, TIMEOUT, CRASHED)

#: what the runner runs: the worker's entry point, found on the parent's sys.path
BOOTSTRAP = "import sys; sys.path[:0] = sys.argv[1:]; from pyinspect_cli.audit.worker import main; main()"

_HEADER = struct.Struct(">I")


@dataclass(frozen=True)
class Init:
    """Set-up sent once to a new worker."""

    sys_path: tuple[str, ...]
    cwd: str
    rule_modules: tuple[str, ...]
    #: (rule id, module defining it) for rules outside RULE_MODULES (tests, plugins)
    rule_refs: tuple[tuple[str, str], ...] = ()
    timeout: float | None = None
    severities: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Task:
    """One module to audit.

    ``name`` is the dotted name to import; ``file`` the source file when it is
    known (the module is then loaded from that file, with ``root`` on
    ``sys.path``); ``rules`` the ids of the rules to run on it.
    """

    name: str
    file: str | None
    root: str | None
    rules: tuple[str, ...]
    extra_paths: tuple[str, ...] = ()
    #: the module's source file as discovery found it (for messages)
    origin: str | None = None


@dataclass
class TaskResult:
    status: ModuleStatus
    findings: list[Finding] = field(default_factory=list)
    suppressed: int = 0


# ---------------------------------------------------------------------------
# The wire protocol


def write_message(stream: IO[bytes], message: Any) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _read_exact(stream: IO[bytes], size: int) -> bytes | None:
    chunks: list[bytes] = []
    while size:
        chunk = stream.read(size)
        if not chunk:
            return None
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def read_message(stream: IO[bytes]) -> Any:
    """The next message, or raise :class:`EOFError` when the other side is gone."""
    header = _read_exact(stream, _HEADER.size)
    if header is None:
        raise EOFError
    (size,) = _HEADER.unpack(header)
    data = _read_exact(stream, size)
    if data is None:
        raise EOFError
    return pickle.loads(data)


# ---------------------------------------------------------------------------
# Auditing one module


def display_path(path: str | None, cwd: str) -> str | None:
    """*path* relative to *cwd* with forward slashes when it is below it, else absolute."""
    from pyinspect_cli.core.paths import display_path as shown

    return shown(path, cwd, posix=True) if path else None


def _module_file(module: Any) -> str | None:
    from pyinspect_cli.loading import _module_dict

    ns = _module_dict(module)
    file = ns.get("__file__")
    if type(file) is not str:
        return None
    return os.path.abspath(file)


class Auditor:
    """Runs the rules on imported modules (one per worker process)."""

    def __init__(self, init: Init) -> None:
        self.init = init
        self.cwd = init.cwd
        self.severities = {k: Severity(v) for k, v in init.severities}
        from pyinspect_cli.audit import rules as rules_pkg

        rules_pkg.RULE_MODULES[:] = list(init.rule_modules)
        self.rules = dict(rules_pkg.all_rules())
        for rule_id, module_name in init.rule_refs:
            if rule_id in self.rules:
                continue
            module = importlib.import_module(module_name)
            from pyinspect_cli.audit.rules.base import Rule

            for value in vars(module).values():
                if type(value) is Rule and value.id == rule_id:
                    self.rules[rule_id] = value
                    break

    def audit(self, task: Task) -> TaskResult:
        started = time.perf_counter()
        try:
            result = self._audit(task)
        except BaseException as exc:  # a module may raise anything, even from a rule's helpers
            if isinstance(exc, (KeyboardInterrupt,)):
                raise
            result = TaskResult(
                ModuleStatus(
                    task.name, IMPORT_ERROR, display_path(task.origin, self.cwd), f"{type(exc).__name__}: {exc}"
                )
            )
        finally:
            with contextlib.suppress(OSError):
                os.chdir(self.cwd)
        seconds = time.perf_counter() - started
        status = result.status
        result.status = ModuleStatus(
            status.name,
            status.status,
            status.path,
            status.detail,
            status.classes,
            round(seconds, 4),
            status.rule_errors,
            status.printed,
        )
        return result

    def _severity(self, finding: Finding) -> Finding:
        wanted = self.severities.get(finding.rule)
        if wanted is None or wanted is finding.severity:
            return finding
        from dataclasses import replace

        return replace(finding, severity=wanted)

    def _audit(self, task: Task) -> TaskResult:
        from pyinspect_cli import loading
        from pyinspect_cli.audit.rules.base import ClassContext, ModuleContext
        from pyinspect_cli.audit.suppress import Suppressions
        from pyinspect_cli.errors import ImportFailed, TargetError

        display = display_path(task.origin or task.file, self.cwd)
        target = loading.Target(
            task.name, None if task.file else task.name, Path(task.file) if task.file else None, None
        )
        paths = [*task.extra_paths, *([task.root] if task.root else [])]
        try:
            module, name, output = loading.load_module(target, paths=paths, timeout=self.init.timeout)
        except loading.ClassStatementError as exc:
            findings: list[Finding] = []
            suppressed = 0
            if "META001" in task.rules:
                from pyinspect_cli.audit.rules.imports import class_creation_finding

                finding = self._severity(class_creation_finding(exc, task.name, cwd=self.cwd))
                if Suppressions(exc.failure.filename).is_suppressed(finding):
                    suppressed += 1
                else:
                    findings.append(finding)
            return TaskResult(ModuleStatus(task.name, IMPORT_ERROR, display, exc.message), findings, suppressed)
        except ImportFailed as exc:
            status = TIMEOUT if exc.exc_type == "timeout" else IMPORT_ERROR
            return TaskResult(ModuleStatus(task.name, status, display, exc.message))
        except TargetError as exc:
            return TaskResult(ModuleStatus(task.name, IMPORT_ERROR, display, exc.message))
        printed = len((output.stdout + output.stderr).splitlines())
        file = _module_file(module) or task.file
        display = display_path(file, self.cwd) or display
        classes = loading.classes_defined_in(module, name)
        mctx = ModuleContext(module=module, name=name, path=file, display_path=display, classes=classes)
        rules = [self.rules[r] for r in task.rules if r in self.rules]
        module_rules = [r for r in rules if r.scope == "module"]
        class_rules = [r for r in rules if r.scope != "module"]
        findings = []
        suppressed = 0
        errors: list[str] = []
        suppressions: dict[str | None, Suppressions] = {}

        def suppress_for(finding: Finding) -> Suppressions:
            path = finding.location.path if finding.location else None
            key = file if path is None or path == display else os.path.join(self.cwd, path)
            if key not in suppressions:
                suppressions[key] = Suppressions(key)
            return suppressions[key]

        def keep(produced: Iterable[Finding], header: list[int]) -> None:
            nonlocal suppressed
            for finding in produced:
                finding = self._severity(finding)
                if suppress_for(finding).is_suppressed(finding, header):
                    suppressed += 1
                else:
                    findings.append(finding)

        for rule in module_rules:
            try:
                keep(list(rule.check(mctx)), [])
            except Exception as exc:
                errors.append(f"{rule.id} on module {name}: {type(exc).__name__}: {exc}")
        for cls in classes:
            cctx = ClassContext(cls, mctx)
            for rule in class_rules:
                try:
                    produced = list(rule.check(cctx))
                    if produced:
                        keep(produced, _header_lines(cctx))
                except Exception as exc:
                    errors.append(f"{rule.id} on {cctx.qualname}: {type(exc).__name__}: {exc}")
        return TaskResult(
            ModuleStatus(name, OK, display, None, len(classes), 0.0, tuple(errors), printed),
            findings,
            suppressed,
        )


def _header_lines(cctx: Any) -> list[int]:
    """The lines of a class statement's header (``class`` to the colon), where a suppression may sit."""
    node = cctx.class_node
    if node is None:
        return []
    last = node.body[0].lineno - 1 if node.body else node.lineno
    first = node.lineno
    return list(range(first, max(first, last) + 1))


# ---------------------------------------------------------------------------
# Entry point


def main() -> None:
    """Serve tasks on the protocol pipes until told to stop (or the parent goes away)."""
    proto_in = os.fdopen(os.dup(0), "rb", buffering=0)
    proto_out = os.fdopen(os.dup(1), "wb")
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    os.dup2(devnull, 1)
    sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    crash_log = os.fdopen(os.dup(2), "w")
    faulthandler.enable(file=crash_log, all_threads=False)
    try:
        init = read_message(proto_in)
        sys.path[:] = list(init.sys_path)
        os.chdir(init.cwd)
        auditor = Auditor(init)
    except EOFError:
        os._exit(0)
    except BaseException:
        with contextlib.suppress(Exception):
            write_message(proto_out, ("fatal", traceback.format_exc()))
        os._exit(3)
    write_message(proto_out, ("ready", None))
    while True:
        try:
            task = read_message(proto_in)
        except EOFError:
            break
        if task is None:
            break
        result = auditor.audit(task)
        try:
            write_message(proto_out, ("result", result))
        except (pickle.PicklingError, TypeError, AttributeError) as exc:
            fallback = TaskResult(
                ModuleStatus(task.name, CRASHED, result.status.path, f"internal error: result not picklable: {exc}")
            )
            write_message(proto_out, ("result", fallback))
    with contextlib.suppress(Exception):
        proto_out.flush()
    # Threads a module started must not keep the worker alive.
    os._exit(0)
