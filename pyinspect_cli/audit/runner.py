"""Run an audit: find the modules, import each one in a worker process, collect findings.

* **Discovery** (:func:`discover`) turns targets into modules without
  importing anything: a dotted name is located with the import system's
  finders (``importlib.util.find_spec`` for the top-level name, then the
  package's ``__path__`` as written on disk), a directory is walked for
  ``.py`` files (module names follow the ``__init__.py`` package structure),
  a file is one module.
* **The pool** (:class:`WorkerPool`): as many worker processes as cores (or
  ``jobs``), each a fresh interpreter (:mod:`.worker`). Each module is sent to
  an idle worker; its import and rules must finish within ``timeout``
  seconds. The worker interrupts a slow import itself (and says where it
  was); a worker that does not answer shortly after the deadline is killed
  (status ``timeout``), a worker that dies (``os._exit``, a segfault) is
  reported as ``crashed``, and a fresh worker takes its place.
"""

from __future__ import annotations

import contextlib
import fnmatch
import importlib.machinery
import importlib.util
import math
import os
import select
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from pyinspect_cli.audit.baseline import apply_baseline, read_baseline
from pyinspect_cli.audit.config import DEFAULT_EXCLUDE, AuditConfig, resolve_rules
from pyinspect_cli.audit.findings import AuditResult, Finding, ModuleStatus, group_by_cause
from pyinspect_cli.audit.worker import (
    BOOTSTRAP,
    CRASHED,
    TIMEOUT,
    Init,
    Task,
    TaskResult,
    decode_message,
    display_path,
    encode_message,
)
from pyinspect_cli.core.paths import display_path as shown_path
from pyinspect_cli.core.record import Record, field
from pyinspect_cli.errors import MroExplainError, TargetError

__all__ = ["ModuleRef", "WorkerPool", "discover", "run_audit"]

#: seconds a new worker may take to import the rules and say it is ready
STARTUP_TIMEOUT = 60.0
#: directories never walked for modules
_SKIP_DIRS = {"__pycache__", "node_modules", "site-packages"}


class ModuleRef(Record):
    """A module to audit: its dotted name, its file, and how to load it.

    ``root`` is set when the module is loaded from its file (the directory to
    put on ``sys.path``); otherwise it is imported by name.
    """

    name: str
    file: str | None
    root: str | None = None


# ---------------------------------------------------------------------------
# Discovery


def _is_path(text: str) -> bool:
    return text.endswith(".py") or "/" in text or os.sep in text or text in (".", "..") or os.path.isdir(text)


def _module_name_for_file(path: Path) -> tuple[str, Path] | None:
    parts = [] if path.name == "__init__.py" else [path.stem]
    directory = path.parent
    while (directory / "__init__.py").is_file():
        parts.insert(0, directory.name)
        if directory.parent == directory:
            break
        directory = directory.parent
    if not parts or not all(p.isidentifier() for p in parts):
        return None
    return ".".join(parts), directory


def _default_excluded(path: str | None) -> bool:
    if not path:
        return False
    posix = path.replace(os.sep, "/")
    name = posix.rsplit("/", 1)[-1]
    return any(posix == pattern or posix.endswith("/" + pattern) or name == pattern for pattern in DEFAULT_EXCLUDE)


class _Excluder:
    def __init__(self, patterns: Sequence[str], cwd: str, root: Path) -> None:
        self.patterns = [p.strip() for p in patterns if p.strip()]
        self.cwd = cwd
        self.root = str(root)

    def __call__(self, name: str, path: str | None) -> bool:
        """Whether a glob matches the module's name, its path, or a package or directory above it."""
        if not self.patterns:
            return False
        parts = name.split(".")
        candidates = [".".join(parts[: i + 1]) for i in range(len(parts))]
        if path:
            paths = [path.replace(os.sep, "/")]
            for base in (self.cwd, self.root):
                rel = display_path(path, base)
                if rel and rel != path:
                    paths.append(rel)
            for item in paths:
                pieces = item.split("/")
                candidates.extend("/".join(pieces[: i + 1]) for i in range(len(pieces)))
        return any(fnmatch.fnmatchcase(c, p) for p in self.patterns for c in candidates)


def _walk_directory(directory: Path) -> Iterable[Path]:
    for dirpath, dirnames, filenames in os.walk(directory):
        dirnames[:] = sorted(
            d
            for d in dirnames
            if not d.startswith(".") and d not in _SKIP_DIRS and not (Path(dirpath, d) / "pyvenv.cfg").exists()
        )
        for filename in sorted(filenames):
            if filename.endswith(".py"):
                yield Path(dirpath, filename)


def _find_top_level(name: str, search: Sequence[str]) -> Any:
    """The spec of a top-level module, searched on *search* first; nothing is executed."""
    spec = importlib.machinery.PathFinder.find_spec(name, list(search))
    if spec is not None:
        return spec
    try:
        return importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None


def _spec_file(spec: Any) -> str | None:
    origin: str | None = spec.origin if spec is not None else None
    if origin and origin not in ("built-in", "frozen") and os.path.isfile(origin):
        return os.path.abspath(origin)
    return None


def _walk_package(name: str, locations: Sequence[str], refs: list[ModuleRef]) -> None:
    from pyinspect_cli.loading import submodules

    for sub_name, is_package in submodules(list(locations), name + "."):
        spec = importlib.machinery.PathFinder.find_spec(sub_name, list(locations))
        if spec is None:
            continue
        refs.append(ModuleRef(sub_name, _spec_file(spec)))
        if is_package and spec.submodule_search_locations:
            _walk_package(sub_name, list(spec.submodule_search_locations), refs)


def _discover_name(target: str, search: Sequence[str]) -> list[ModuleRef]:
    parts = target.split(".")
    spec = _find_top_level(parts[0], search)
    if spec is None:
        raise TargetError(
            f"no module named {parts[0]!r}",
            f"check the spelling; run mro-explain from the directory that contains {parts[0]!r}, "
            "or add its parent directory with --path DIR",
        )
    for i in range(1, len(parts)):
        locations = spec.submodule_search_locations
        if not locations:
            raise TargetError(f"{'.'.join(parts[:i])} is a module, not a package: no {target!r}", None)
        spec = importlib.machinery.PathFinder.find_spec(".".join(parts[: i + 1]), list(locations))
        if spec is None:
            raise TargetError(f"no module named {target!r}", f"list what {'.'.join(parts[:i])} has with `ls`")
    refs = [ModuleRef(target, _spec_file(spec))]
    if spec.submodule_search_locations:
        _walk_package(target, list(spec.submodule_search_locations), refs)
    return refs


def _discover_path(target: str) -> tuple[list[ModuleRef], bool]:
    path = Path(target)
    if not path.exists():
        raise TargetError(f"no such file or directory: {target}", "check the path (relative to the current directory)")
    if path.is_file():
        if path.suffix != ".py":
            raise TargetError(f"{target} is not a Python source file", "give a .py file, a directory or a package name")
        found = _module_name_for_file(path.resolve())
        if found is None:
            raise TargetError(f"{target}: {path.stem!r} is not a valid module name", None)
        name, root = found
        return [ModuleRef(name, str(path.resolve()), str(root))], True
    refs: list[ModuleRef] = []
    for file in _walk_directory(path.resolve()):
        found = _module_name_for_file(file)
        if found is None:
            continue
        name, root = found
        refs.append(ModuleRef(name, str(file), str(root)))
    return refs, False


def discover(
    targets: Sequence[str],
    *,
    paths: Sequence[str] = (),
    exclude: Sequence[str] = (),
    cwd: str | None = None,
    root: Path | None = None,
) -> list[ModuleRef]:
    """The modules the targets name, in order, without duplicates, minus excluded ones.

    Raises:
        TargetError: a target does not exist (exit code 2).
    """
    cwd = cwd or os.getcwd()
    search = [os.path.abspath(p) for p in paths] + [cwd]
    excluded = _Excluder(exclude, cwd, root or Path(cwd))
    seen: set[str] = set()
    result: list[ModuleRef] = []
    for target in targets:
        text = target.strip()
        explicit_file = False
        if _is_path(text):
            refs, explicit_file = _discover_path(text)
        elif all(part.isidentifier() for part in text.split(".")) and text:
            refs = _discover_name(text, search)
        else:
            raise TargetError(
                f"{target!r} is not a package, module or path",
                "give a dotted name (pkg.mod), a directory or a .py file",
            )
        for ref in refs:
            if ref.name in seen:
                continue
            if not explicit_file and _default_excluded(ref.file):
                continue
            if excluded(ref.name, ref.file):
                continue
            seen.add(ref.name)
            result.append(ref)
    return result


# ---------------------------------------------------------------------------
# The worker pool


class WorkerStartError(MroExplainError):
    """A worker process could not start (an internal error)."""


def fork_available() -> bool:
    """Whether workers are forked from this process (Linux), rather than started as new interpreters."""
    if os.environ.get("MRO_EXPLAIN_SPAWN_WORKERS"):
        return False
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def _scratch_file() -> IO[bytes]:
    """An anonymous file for what faulthandler writes when a worker dies (in memory on Linux)."""
    if hasattr(os, "memfd_create"):
        with contextlib.suppress(OSError):
            return os.fdopen(os.memfd_create("mro-explain-worker-crash"), "w+b")
    import tempfile

    return tempfile.TemporaryFile()


class _Worker:
    """One worker process and the two pipes to it, read without threads (the pool selects on them)."""

    def __init__(self, number: int, pool: WorkerPool) -> None:
        self.number = number
        #: which run of the task queue this worker takes from (see :class:`_Queue`)
        self.slot = 0
        self.crash_log: IO[bytes] = _scratch_file()
        self.ready = False
        self.alive = True
        self.eof = False
        self.spawned_at = time.monotonic()
        self.task: Task | None = None
        self.deadline = 0.0
        self.started = 0.0
        self.returncode: int | None = None
        self._buffer = bytearray()
        self.pidfd = -1
        self.popen: Any = None  # subprocess.Popen, for a spawned worker
        if pool.forking:
            self._fork(pool)
        else:
            self._spawn(pool.init)
        with contextlib.suppress(AttributeError, OSError):
            self.pidfd = os.pidfd_open(self.pid)  # type: ignore[attr-defined]
        os.set_blocking(self.result_fd, False)

    def _fork(self, pool: WorkerPool) -> None:
        from pyinspect_cli.audit.worker import forked_main

        task_read, task_write = os.pipe()
        result_read, result_write = os.pipe()
        auditor = pool.auditor()
        others = [fd for w in pool.workers for fd in w.fds()] + [fd for w in pool.stopped for fd in w.leftover_fds()]
        for stream in (sys.stdout, sys.stderr):  # nothing buffered may be written twice
            with contextlib.suppress(Exception):
                stream.flush()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child ends in os._exit
            forked_main(auditor, task_read, result_write, self.crash_log.fileno(), [task_write, result_read, *others])
            os._exit(3)
        os.close(task_read)
        os.close(result_write)
        with contextlib.suppress(OSError):
            os.setpgid(pid, pid)  # also here: no window where the child is still in our group
        self.pid = pid
        self.task_fd = task_write
        self.result_fd = result_read
        self.ready = True

    def _spawn(self, init: Init) -> None:
        import subprocess

        package_root = str(Path(__file__).resolve().parents[2])
        popen_options: dict[str, Any] = {"start_new_session": True} if os.name == "posix" else {}
        self.popen = subprocess.Popen(
            [sys.executable, "-c", BOOTSTRAP, package_root],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.crash_log,
            cwd=init.cwd,
            close_fds=True,
            **popen_options,
        )
        assert self.popen.stdin is not None and self.popen.stdout is not None
        self.pid = self.popen.pid
        self.task_fd = self.popen.stdin.fileno()
        self.result_fd = self.popen.stdout.fileno()
        self.send(init)

    def fds(self) -> list[int]:
        """The runner's ends of this worker's pipes (a worker forked later closes them)."""
        fds = [self.task_fd, self.result_fd, self.crash_log.fileno()]
        return [*fds, self.pidfd] if self.pidfd >= 0 else fds

    def leftover_fds(self) -> list[int]:
        """What a stopped, not yet reaped worker still holds here (its pidfd and crash log)."""
        fds = [self.pidfd] if self.pidfd >= 0 else []
        with contextlib.suppress(ValueError, OSError):
            fds.append(self.crash_log.fileno())
        return fds

    def send(self, message: Any) -> bool:
        data = encode_message(message)
        try:
            while data:
                written = os.write(self.task_fd, data)
                data = data[written:]
        except OSError:
            return False
        return True

    def receive(self) -> list[Any]:
        """The complete messages that have arrived; sets ``eof`` when the worker closed its end."""
        while True:
            try:
                chunk = os.read(self.result_fd, 1 << 16)
            except BlockingIOError:
                break
            except OSError:
                chunk = b""
            if not chunk:
                self.eof = True
                break
            self._buffer += chunk
        messages = []
        while True:
            message, used = decode_message(self._buffer)
            if used == 0:
                break
            del self._buffer[:used]
            messages.append(message)
        return messages

    def assign(self, task: Task, timeout: float, grace: float) -> bool:
        self.task = task
        self.started = time.monotonic()
        self.deadline = self.started + timeout + grace
        return self.send(task)

    def poll(self) -> int | None:
        """The exit code (negative: killed by that signal) once the worker has ended, else None."""
        if self.returncode is not None:
            return self.returncode
        if self.popen is not None:
            self.returncode = self.popen.poll()
            return self.returncode
        try:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
        except ChildProcessError:
            self.returncode = -signal.SIGKILL
            return self.returncode
        if pid == 0:
            return None
        self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float) -> int | None:
        """poll() until the worker has ended or *timeout* seconds have passed.

        With a pidfd (Linux) this sleeps until the kernel says the process ended;
        otherwise it polls every few milliseconds.
        """
        end = time.monotonic() + timeout
        while True:
            code = self.poll()
            left = end - time.monotonic()
            if code is not None or left <= 0:
                return code
            if self.pidfd >= 0:
                with contextlib.suppress(OSError, ValueError):
                    select.select([self.pidfd], [], [], left)
                    continue
            time.sleep(0.005)

    def crash_report(self, prefer: str | None = None) -> str:
        """Where the worker was when it died (faulthandler), preferring a frame in *prefer*'s file."""
        frames: list[str] = []
        with contextlib.suppress(Exception):
            self.crash_log.seek(0)
            text = self.crash_log.read().decode("utf-8", "replace")
            for line in text.splitlines():
                stripped = line.strip()
                if stripped.startswith('File "') and "<frozen" not in stripped and "pyinspect_cli" not in stripped:
                    frames.append(stripped)
        if prefer:
            for frame in frames:
                if f'"{prefer}"' in frame:
                    return frame
        return frames[0] if frames else ""

    def kill_group(self) -> None:
        """SIGKILL the worker and every process still in its process group (what its modules started)."""
        if os.name == "posix":
            with contextlib.suppress(OSError):
                os.killpg(self.pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)

    def stop(self) -> None:
        """End the worker and what it started, and release its pipes (:meth:`release` reaps it).

        A worker has nothing left to say once its last result has arrived, so it is
        killed rather than asked to stop: the processes a module started at import
        (a ``multiprocessing`` child, one that ignores SIGTERM) go with it.
        """
        self.alive = False
        self.kill_group()
        if self.popen is not None:
            for stream in (self.popen.stdin, self.popen.stdout):
                with contextlib.suppress(Exception):
                    stream.close()  # type: ignore[union-attr]
        else:
            for fd in (self.task_fd, self.result_fd):
                with contextlib.suppress(OSError):
                    os.close(fd)

    def release(self) -> None:
        """Wait for the stopped worker to end (it was sent SIGKILL) and close what is left of it."""
        self.wait(5)
        if self.pidfd >= 0:
            with contextlib.suppress(OSError):
                os.close(self.pidfd)
            self.pidfd = -1
        with contextlib.suppress(Exception):
            self.crash_log.close()


class _Queue:
    """The tasks still to hand out, as one contiguous run per worker slot.

    Discovery lists a package's modules together, and modules of one package
    import the same dependencies: a worker that keeps to one run imports them
    once, where handing out the modules in turn would make every worker import
    them. A worker whose run is empty takes from the far end of the longest run
    left (the modules its owner would reach last).
    """

    def __init__(self, tasks: Sequence[Task], slots: int) -> None:
        size, extra = divmod(len(tasks), max(1, slots))
        self.runs: list[deque[Task]] = []
        start = 0
        for slot in range(max(1, slots)):
            end = start + size + (1 if slot < extra else 0)
            self.runs.append(deque(tasks[start:end]))
            start = end

    def __len__(self) -> int:
        return sum(len(run) for run in self.runs)

    def take(self, slot: int) -> Task | None:
        own = self.runs[slot % len(self.runs)]
        if own:
            return own.popleft()
        longest = max(self.runs, key=len)
        return longest.pop() if longest else None


def _exit_text(returncode: int | None) -> str:
    if returncode is None:
        return "the worker process stopped answering"
    if returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = f"signal {-returncode}"
        return f"the interpreter was killed by {name}"
    return f"the interpreter exited with code {returncode} (os._exit() or a fatal error)"


class WorkerPool:
    """Worker processes, one module at a time each, replaced when they die or hang.

    On Linux the workers are forked from this process once it has imported the
    analysis code (copy-on-write: a worker is ready in a millisecond); elsewhere each
    is a fresh interpreter. Each worker is the leader of its own process group, and
    the whole group is killed when the worker is retired. ``run(tasks, on_result)``
    calls ``on_result`` with one :class:`TaskResult` per task, in completion order.
    """

    def __init__(self, init: Init, *, jobs: int, timeout: float, fork: bool | None = None) -> None:
        self.init = init
        self.jobs = max(1, jobs)
        self.timeout = timeout if timeout > 0 else math.inf  # 0: no limit, as for --timeout everywhere
        self.grace = max(1.0, 0.25 * self.timeout)
        self.forking = fork_available() if fork is None else fork
        self.workers: list[_Worker] = []
        self._spawned = 0
        self._start_failures = 0
        self._auditor: Any = None
        #: workers stopped during this run, reaped at its end
        self.stopped: list[_Worker] = []

    def auditor(self) -> Any:
        """The :class:`~pyinspect_cli.audit.worker.Auditor` forked workers inherit (built once, here)."""
        if self._auditor is None:
            from pyinspect_cli import loading  # noqa: F401 - imported once here, inherited by every worker
            from pyinspect_cli.audit import suppress  # noqa: F401
            from pyinspect_cli.audit.worker import Auditor

            self._auditor = Auditor(self.init)
        return self._auditor

    def _spawn(self) -> _Worker:
        self._spawned += 1
        taken = {w.slot for w in self.workers}
        worker = _Worker(self._spawned, self)
        worker.slot = min(slot for slot in range(self.jobs + 1) if slot not in taken)
        self.workers.append(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        """Stop *worker* now; it is reaped when the run ends, so that the workers end side by side."""
        if worker in self.workers:
            self.workers.remove(worker)
        worker.stop()
        self.stopped.append(worker)

    def run(self, tasks: Sequence[Task], on_result: Callable[[TaskResult], None]) -> None:
        pending = _Queue(tasks, self.jobs)
        if not pending:
            return
        try:
            self._loop(pending, on_result)
        finally:
            for worker in list(self.workers):
                self._retire(worker)
            stopped, self.stopped = self.stopped, []
            for worker in stopped:
                worker.release()

    def _dispatch(self, pending: _Queue) -> None:
        for worker in list(self.workers):
            if worker.ready and worker.task is None and pending:
                task = pending.take(worker.slot)
                if task is None:  # pragma: no cover - pending is not empty
                    break
                if not worker.assign(task, self.timeout, self.grace):
                    # the worker died before it could take the task: it is reported when its EOF arrives
                    continue
        idle = [w for w in self.workers if w.ready and w.task is None]
        if not pending:
            for worker in idle:
                self._retire(worker)
        busy = sum(1 for w in self.workers if not w.ready or w.task is not None)
        wanted = min(self.jobs, busy + len(pending))
        spawned = False
        while len(self.workers) < wanted:
            self._spawn()
            spawned = True
        if spawned and pending:
            self._dispatch(pending)

    def _loop(self, pending: _Queue, on_result: Callable[[TaskResult], None]) -> None:
        while pending or any(w.task is not None or not w.ready for w in self.workers):
            self._dispatch(pending)
            if not self.workers:
                break
            now = time.monotonic()
            deadlines = [w.deadline for w in self.workers if w.task is not None]
            deadlines += [w.spawned_at + STARTUP_TIMEOUT for w in self.workers if not w.ready]
            wait = min(max(0.0, min(deadlines) - now) if deadlines else 5.0, 5.0) + 0.01
            watched: dict[int, _Worker] = {}
            for worker in self.workers:
                watched[worker.result_fd] = worker
                if worker.pidfd >= 0:
                    watched[worker.pidfd] = worker
            if any(w.pidfd < 0 and w.task is not None for w in self.workers):
                wait = min(wait, 0.05)  # no pidfd: notice a dead worker by polling
            try:
                readable, _, _ = select.select(list(watched), [], [], wait)
            except InterruptedError:  # pragma: no cover - retried by Python since 3.5
                readable = []
            touched = {watched[fd].number: watched[fd] for fd in readable}
            for worker in self.workers:
                unseen = worker.pidfd < 0 and worker.task is not None and worker.number not in touched
                if unseen and worker.poll() is not None:
                    touched[worker.number] = worker
            for worker in touched.values():
                if worker.alive:
                    self._handle(worker, on_result)
            self._expire(on_result)

    def _handle(self, worker: _Worker, on_result: Callable[[TaskResult], None]) -> None:
        try:
            messages = worker.receive()
        except Exception as exc:  # a corrupted stream: treat as a dead worker
            self._died(worker, ("broken", f"{type(exc).__name__}: {exc}"), on_result)
            return
        for message in messages:
            if message[0] == "fatal":
                self._died(worker, message, on_result)
                return
            if message[0] == "ready":
                worker.ready = True
                self._start_failures = 0
            elif message[0] == "result":
                result: TaskResult = message[1]
                worker.task = None
                on_result(result)
                if result.status.status == TIMEOUT:
                    self._retire(worker)
                    return
        if worker.eof or worker.poll() is not None:
            self._died(worker, None, on_result)

    def _expire(self, on_result: Callable[[TaskResult], None]) -> None:
        now = time.monotonic()
        for worker in list(self.workers):
            if not worker.ready and now - worker.spawned_at > STARTUP_TIMEOUT:
                self._retire(worker)
                self._start_failures += 1
                if self._start_failures >= 3:
                    raise WorkerStartError(
                        f"internal error: worker processes did not start within {STARTUP_TIMEOUT:g} s",
                        f"check that {sys.executable} can import pyinspect_cli",
                    )
                continue
            task = worker.task
            if task is not None and now >= worker.deadline:
                worker.task = None
                self._retire(worker)
                on_result(
                    TaskResult(
                        ModuleStatus(
                            task.name,
                            TIMEOUT,
                            display_path(task.origin, self.init.cwd),
                            f"auditing {task.name} did not finish within {self.timeout:g} s; the worker was stopped",
                            seconds=round(now - worker.started, 4),
                        )
                    )
                )

    def _died(self, worker: _Worker, message: Any, on_result: Callable[[TaskResult], None]) -> None:
        task = worker.task
        worker.task = None
        if message is not None and message[0] == "fatal":
            self._retire(worker)
            raise WorkerStartError(f"internal error: a worker process could not start:\n{message[1]}")
        # the worker closed its pipe: it has ended, or will in a moment (its exit code says how)
        returncode = worker.wait(5)
        where = worker.crash_report(task.origin if task is not None else None)
        self._retire(worker)
        if task is None:
            self._start_failures += 1
            if self._start_failures >= 3:
                raise WorkerStartError(
                    f"internal error: worker processes exit as soon as they start ({_exit_text(returncode)})",
                    f"check that {sys.executable} can import pyinspect_cli",
                )
            return
        detail = f"importing or auditing {task.name} ended the process: {_exit_text(returncode)}"
        if where:
            detail += f" ({where})"
        on_result(
            TaskResult(
                ModuleStatus(
                    task.name,
                    CRASHED,
                    display_path(task.origin, self.init.cwd),
                    detail,
                    seconds=round(time.monotonic() - worker.started, 4),
                )
            )
        )


# ---------------------------------------------------------------------------
# The audit


class AuditRun(Record, frozen=False):
    """An audit's result with what is needed to report it."""

    result: AuditResult
    rule_ids: list[str]
    seconds: float
    baseline_path: str | None = None
    fixed: int = 0
    #: malformed suppression comments (path, line, comment, problem): they suppressed nothing
    invalid_suppressions: list[tuple[str, int, str, str]] = field(default_factory=list)


def rule_modules_for(rules: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    """(id, module) of each rule, for rules a worker would not get from RULE_MODULES."""
    refs = []
    for rule_id, rule in rules.items():
        module = getattr(rule.check, "__module__", None)
        if isinstance(module, str) and not module.startswith("pyinspect_cli.audit.rules."):
            refs.append((rule_id, module))
    return tuple(refs)


def run_audit(
    config: AuditConfig,
    targets: Sequence[str],
    *,
    rules: Mapping[str, Any],
    baseline: str | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    use_baseline: bool = True,
) -> AuditRun:
    """Audit *targets*: discover, run the workers, suppress, apply the baseline.

    Raises:
        ConfigError: bad rule codes, missing baseline (exit code 2).
        TargetError: a target does not exist, or no module was found (exit code 2).
    """
    from pyinspect_cli.audit import rules as rules_pkg

    started = time.perf_counter()
    where = shown_path(config.source) if config.source else None
    rule_ids = resolve_rules(config, rules, where=where)
    baseline_data = read_baseline(baseline) if baseline and use_baseline else None
    cwd = os.getcwd()
    paths = [str(Path(p) if Path(p).is_absolute() else config.root / p) for p in config.path]
    modules = discover(targets, paths=paths, exclude=config.exclude, cwd=cwd, root=config.root)
    if not modules:
        raise TargetError(
            "no modules to audit in " + ", ".join(targets),
            "give a package, a module or a directory with .py files (check the exclude globs)",
        )
    tasks: list[Task] = []
    for ref in modules:
        candidates = (ref.file, display_path(ref.file, cwd), display_path(ref.file, str(config.root)))
        ignored = config.module_ignores(ref.name, [p for p in candidates if p])
        wanted = tuple(r for r in rule_ids if not any(r.startswith(code) or code == "ALL" for code in ignored))
        tasks.append(Task(ref.name, ref.file if ref.root else None, ref.root, wanted, tuple(paths), ref.file))
    init = Init(
        sys_path=tuple(sys.path),
        cwd=cwd,
        rule_modules=tuple(rules_pkg.RULE_MODULES),
        rule_refs=rule_modules_for({r: rules[r] for r in rule_ids}),
        timeout=config.timeout,
    )
    result = AuditResult()
    statuses: dict[str, ModuleStatus] = {}
    invalid: set[tuple[str, int, str, str]] = set()
    done = 0

    def collect(item: TaskResult) -> None:
        nonlocal done
        done += 1
        statuses[item.status.name] = item.status
        result.findings.extend(item.findings)
        result.suppressed += item.suppressed
        invalid.update(item.invalid_suppressions)
        if progress is not None:
            progress(done, len(tasks), item.status.name)

    pool = WorkerPool(init, jobs=config.effective_jobs(len(tasks)), timeout=config.timeout)
    pool.run(tasks, collect)
    by_name = {t.name: t for t in tasks}
    for task in tasks:
        status = statuses.get(task.name)
        if status is None:  # pragma: no cover - every task reports
            status = ModuleStatus(task.name, CRASHED, display_path(task.origin, cwd), "no result from the worker")
        elif status.path is None and by_name[task.name].origin:
            status = status.replace(path=display_path(by_name[task.name].origin, cwd))
        result.modules.append(status)
    result.findings = sort_findings(group_by_cause(dedupe(result.findings)))
    fixed = 0
    if baseline_data is not None:
        result.findings, result.baselined, fixed = apply_baseline(result.findings, baseline_data)
    return AuditRun(
        result,
        rule_ids,
        time.perf_counter() - started,
        baseline if use_baseline else None,
        fixed,
        sorted(invalid),
    )


def dedupe(findings: Iterable[Finding]) -> list[Finding]:
    """Drop exact repeats (a META001 seen from two modules importing the same broken one)."""
    seen: set[tuple[Any, ...]] = set()
    kept: list[Finding] = []
    for finding in findings:
        loc = finding.location
        key = (finding.fingerprint, finding.message, loc.path if loc else None, loc.line if loc else None)
        if key in seen:
            continue
        seen.add(key)
        kept.append(finding)
    return kept


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    def key(f: Finding) -> tuple[Any, ...]:
        loc = f.location
        return (
            loc is None,
            loc.path if loc else f.module,
            loc.line if loc else 0,
            f.rule,
            f.qualname or "",
            f.attribute or "",
        )

    return sorted(findings, key=key)
