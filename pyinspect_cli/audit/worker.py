"""The worker process of ``mro-explain audit``: imports modules and runs the rules.

On Linux the runner forks each worker from itself once it has imported the
analysis code (:func:`forked_main`: the worker is ready at once and shares that
code copy-on-write); elsewhere it starts a fresh interpreter with ``python -c``
(:func:`main`), which first receives an :class:`Init`. Either way the worker
talks to the runner over two pipes with length-prefixed pickles, points fds 0
and 1 at ``/dev/null`` so that nothing a module prints (even from C, even
after the import) can reach the runner's output, and writes to fd 2 only what
``faulthandler`` says when it dies. Each worker leads its own process group:
the runner kills the group, so processes a module started at import go too.

Messages:

* runner -> worker: (:class:`Init` once, spawned workers only), one
  :class:`Task` per module, ``None`` to stop;
* worker -> runner: ``("ready", None)`` after :class:`Init`, then one
  ``("result", TaskResult)`` per task; ``("fatal", text)`` if the worker
  cannot start.

A module that raises, calls ``sys.exit()`` or runs past the timeout (an alarm
in the worker) comes back as a result with its status; a module that calls
``os._exit()`` or crashes the interpreter ends the worker, and the runner
reports it. A process the module forks at import leaves as soon as its
``import`` returns. After each module the process-global state imports
commonly change is put back (:class:`GlobalState`).
"""

from __future__ import annotations

import contextlib
import faulthandler
import gc
import importlib
import os
import pickle
import signal
import struct
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from pyinspect_cli.audit.findings import Finding, ModuleStatus, Severity
from pyinspect_cli.core.record import Record, field

__all__ = [
    "CRASHED",
    "IMPORT_ERROR",
    "OK",
    "TIMEOUT",
    "Init",
    "Task",
    "TaskResult",
    "decode_message",
    "encode_message",
    "read_message",
    "write_message",
]

OK = "ok"
IMPORT_ERROR = "import-error"
TIMEOUT = "timeout"
CRASHED = "crashed"
#: every status, in the order a summary lists them

#: what the runner runs: the worker's entry point, found on the parent's sys.path
BOOTSTRAP = "import sys; sys.path[:0] = sys.argv[1:]; from pyinspect_cli.audit.worker import main; main()"

_HEADER = struct.Struct(">I")


class Init(Record):
    """Set-up sent once to a new worker."""

    sys_path: tuple[str, ...]
    cwd: str
    rule_modules: tuple[str, ...]
    #: (rule id, module defining it) for rules outside RULE_MODULES (tests, plugins)
    rule_refs: tuple[tuple[str, str], ...] = ()
    timeout: float | None = None
    severities: tuple[tuple[str, str], ...] = ()
    #: ``"module:function"`` called with each imported module's context instead of the rules;
    #: what it returns (picklable) comes back as :attr:`TaskResult.payload`
    collector: str | None = None


class Task(Record):
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


class TaskResult(Record, frozen=False):
    status: ModuleStatus
    findings: list[Finding] = field(default_factory=list)
    suppressed: int = 0
    #: what :attr:`Init.collector` returned for the module
    payload: Any = None
    #: malformed suppression comments in the module's file: (path as shown, line, comment, problem)
    invalid_suppressions: list[tuple[str, int, str, str]] = field(default_factory=list)


# ---------------------------------------------------------------------------
# The wire protocol


def encode_message(message: Any) -> bytes:
    """One message as it travels: a 4-byte length, then the pickle."""
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    return _HEADER.pack(len(data)) + data


def decode_message(buffer: bytes | bytearray) -> tuple[Any, int]:
    """The first complete message in *buffer* and the bytes it used, or ``(None, 0)`` if it is incomplete."""
    if len(buffer) < _HEADER.size:
        return None, 0
    (size,) = _HEADER.unpack_from(buffer)
    end = _HEADER.size + size
    if len(buffer) < end:
        return None, 0
    return pickle.loads(bytes(buffer[_HEADER.size : end])), end


def write_message(stream: IO[bytes], message: Any) -> None:
    stream.write(encode_message(message))
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
    from pyinspect_cli.core import static

    ns = static.module_dict(module) or {}
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
        self._suppressions: dict[str | None, Any] = {}
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
        self.collector: Any = None
        if init.collector:
            module_name, _, function = init.collector.partition(":")
            self.collector = getattr(importlib.import_module(module_name), function)

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
        result.invalid_suppressions = self._invalid_suppressions(task)
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

    def _invalid_suppressions(self, task: Task) -> list[tuple[str, int, str, str]]:
        """The malformed suppression comments of the module's own file (read once per module)."""
        from pyinspect_cli.audit.suppress import Suppressions

        path = task.origin or task.file
        if not path:
            return []
        scanned = self._suppressions.get(path) or Suppressions(path)
        self._suppressions = {}
        try:
            invalid = scanned.invalid
        except Exception:  # an unreadable file: nothing to report
            return []
        if not invalid:
            return []
        shown = display_path(path, self.cwd) or path
        return [(shown, item.line, item.text, item.problem) for item in invalid]

    def _severity(self, finding: Finding) -> Finding:
        wanted = self.severities.get(finding.rule)
        if wanted is None or wanted is finding.severity:
            return finding
        return finding.replace(severity=wanted)

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
        _forget_orphan(task.name)
        try:
            module, name, output = loading.load_module(target, paths=paths, timeout=self.init.timeout)
        except loading.ClassStatementError as exc:
            leave_if_forked()
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
        leave_if_forked()
        printed = len((output.stdout + output.stderr).splitlines())
        file = _module_file(module) or task.file
        display = display_path(file, self.cwd) or display
        classes = loading.classes_defined_in(module, name)
        mctx = ModuleContext(module=module, name=name, path=file, display_path=display, classes=classes)
        if self.collector is not None:
            return TaskResult(
                ModuleStatus(name, OK, display, None, len(classes), 0.0, (), printed), payload=self.collector(mctx)
            )
        rules = [self.rules[r] for r in task.rules if r in self.rules]
        module_rules = [r for r in rules if r.scope == "module"]
        class_rules = [r for r in rules if r.scope != "module"]
        findings = []
        suppressed = 0
        errors: list[str] = []
        suppressions: dict[str | None, Suppressions] = {}
        self._suppressions = suppressions

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


def _forget_orphan(name: str) -> None:
    """Drop *name* from ``sys.modules`` if a package above it is missing there.

    A package whose ``__init__`` fails after importing a submodule leaves that
    submodule in ``sys.modules`` without its package. Importing it in a fresh
    process imports the package first, and fails as the package does; reading the
    leftover instead would make the result depend on what the worker imported
    before (the order of the modules, ``--jobs``).
    """
    parts = name.split(".")
    packages = [".".join(parts[:i]) for i in range(1, len(parts))]
    if name in sys.modules and any(package not in sys.modules for package in packages):
        del sys.modules[name]


def _header_lines(cctx: Any) -> list[int]:
    """The lines of a class statement's header (``class`` to the colon), where a suppression may sit."""
    node = cctx.class_node
    if node is None:
        return []
    last = node.body[0].lineno - 1 if node.body else node.lineno
    first = node.lineno
    return list(range(first, max(first, last) + 1))


# ---------------------------------------------------------------------------
# Process-global state a module may change at import


#: signals that cannot be caught, or that faulthandler watches (their handlers are left alone)
_UNTOUCHED = {
    getattr(signal, name)
    for name in ("SIGKILL", "SIGSTOP", "SIGSEGV", "SIGFPE", "SIGABRT", "SIGBUS", "SIGILL")
    if hasattr(signal, name)
}


def _catchable_signals() -> list[signal.Signals]:
    """The signals whose handlers are reset in a new worker and put back after each module."""
    wanted = []
    for sig in signal.valid_signals():
        if not isinstance(sig, signal.Signals) or sig in _UNTOUCHED:
            continue
        wanted.append(sig)
    return wanted


def _environ_data() -> dict[Any, Any] | None:
    """A copy of the table behind ``os.environ`` (``None`` if a module replaced ``os.environ``)."""
    data = getattr(os.environ, "_data", None) if type(os.environ) is os._Environ else None
    return dict(data) if type(data) is dict else None


class GlobalState:
    """The process-global state imports commonly change, captured once and put back after each module.

    A module that sets ``warnings.simplefilter("error")``, changes the working
    directory, ``sys.path``, the recursion limit, the environment or a signal
    handler at import would otherwise change how the next modules in the same
    worker import; results must not depend on the order or on ``--jobs``.
    """

    def __init__(self) -> None:
        import warnings

        self.warning_filters = list(warnings.filters)
        self.sys_path = list(sys.path)
        self.cwd = os.getcwd()
        self.recursion_limit = sys.getrecursionlimit()
        self.environ = dict(os.environ)
        #: os.environ's own table of encoded names and values: compared in C after each module
        self.environ_data = _environ_data()
        self.handlers: dict[signal.Signals, Any] = {}
        for sig in _catchable_signals():
            with contextlib.suppress(OSError, ValueError):
                handler = signal.getsignal(sig)
                if handler is not None:
                    self.handlers[sig] = handler

    def restore(self) -> None:
        import warnings

        warnings.filters[:] = self.warning_filters  # type: ignore[index]
        warnings._filters_mutated()  # type: ignore[attr-defined]
        sys.path[:] = self.sys_path
        with contextlib.suppress(OSError):
            os.chdir(self.cwd)
        with contextlib.suppress(Exception):
            sys.setrecursionlimit(self.recursion_limit)
        data = getattr(os.environ, "_data", None) if type(os.environ) is os._Environ else None
        unchanged = type(data) is dict and self.environ_data is not None and data == self.environ_data
        if not unchanged and os.environ != self.environ:
            os.environ.clear()
            os.environ.update(self.environ)
        for sig, handler in self.handlers.items():
            with contextlib.suppress(OSError, ValueError, TypeError):
                if signal.getsignal(sig) is not handler:
                    signal.signal(sig, handler)
        sys.settrace(None)
        sys.setprofile(None)


# ---------------------------------------------------------------------------
# Entry points

#: the process that serves tasks; a process forked by a module at import is not it and leaves at once
_server_pid = 0


def leave_if_forked() -> None:
    """End a process that a module forked at import (it returned from ``import`` too): one result per task."""
    if _server_pid and os.getpid() != _server_pid:
        os._exit(0)


def _quiet_standard_streams(crash_fd: int | None = None) -> None:
    """Point fds 0 and 1 at /dev/null (and fd 2 at the crash log), and sys.stdin/stdout with them."""
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    os.dup2(devnull, 1)
    if crash_fd is not None:
        os.dup2(crash_fd, 2)
    os.close(devnull)
    sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115


def serve(auditor: Auditor, proto_in: IO[bytes], proto_out: IO[bytes]) -> None:
    """Audit the tasks read from *proto_in* until told to stop, resetting global state after each."""
    global _server_pid
    _server_pid = os.getpid()
    state = GlobalState()
    while True:
        try:
            task = read_message(proto_in)
        except EOFError:
            break
        if task is None:
            break
        result = auditor.audit(task)
        leave_if_forked()
        state.restore()
        # The module's objects live on (sys.modules): the collector need not walk them again
        # for every later module. Garbage it left in cycles is not collected in this worker.
        gc.freeze()
        try:
            write_message(proto_out, ("result", result))
        except (pickle.PicklingError, TypeError, AttributeError) as exc:
            fallback = TaskResult(
                ModuleStatus(task.name, CRASHED, result.status.path, f"internal error: result not picklable: {exc}")
            )
            write_message(proto_out, ("result", fallback))
    with contextlib.suppress(Exception):
        proto_out.flush()


def forked_main(auditor: Auditor, task_fd: int, result_fd: int, crash_fd: int, close: Iterable[int]) -> None:
    """The body of a worker forked from the runner (which has already imported the analysis code)."""
    code = 0
    try:
        for fd in close:
            with contextlib.suppress(OSError):
                os.close(fd)
        faulthandler.disable()
        with contextlib.suppress(OSError):
            os.setpgid(0, 0)  # its own process group: the runner ends it and whatever it started together
        for sig in _catchable_signals():
            with contextlib.suppress(OSError, ValueError, TypeError):
                signal.signal(sig, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGPIPE, signal.SIG_IGN)
        with contextlib.suppress(AttributeError, OSError, ValueError):
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        _quiet_standard_streams(crash_fd)
        # its own descriptor: the import's output capture may point fd 2 elsewhere for a while
        faulthandler.enable(file=os.fdopen(crash_fd, "w"), all_threads=False)
        # what the runner allocated stays as it is: the collector no longer walks it after each module
        gc.freeze()
        proto_in = os.fdopen(task_fd, "rb", buffering=0)
        proto_out = os.fdopen(result_fd, "wb")
        # where a spawned worker would start (diff reads another checkout than the runner's)
        sys.path[:] = list(auditor.init.sys_path)
        os.chdir(auditor.init.cwd)
        auditor.cwd = os.getcwd()
        serve(auditor, proto_in, proto_out)
    except BaseException:
        code = 3
    # Threads a module started, and the runner's atexit handlers, must not run here.
    os._exit(code)


def main() -> None:
    """Serve tasks on the protocol pipes until told to stop (or the parent goes away)."""
    proto_in = os.fdopen(os.dup(0), "rb", buffering=0)
    proto_out = os.fdopen(os.dup(1), "wb")
    _quiet_standard_streams()
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
            import traceback

            write_message(proto_out, ("fatal", traceback.format_exc()))
        os._exit(3)
    gc.freeze()  # the analysis code and rules: never garbage, no need to walk them after each module
    write_message(proto_out, ("ready", None))
    serve(auditor, proto_in, proto_out)
    # Threads a module started must not keep the worker alive.
    os._exit(0)
