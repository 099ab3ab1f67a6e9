"""A crash of the interpreter while a module imports becomes an error message, not a silent exit.

A module (or a C extension it loads) can crash the process that imports it: a
segmentation fault ends the process before any Python code can report it. The
commands import their target in their own process, so ``mro-explain`` runs the
command in a child process and waits for it. When the child dies of a crash
signal, this process says which module was being imported (and where, read from
:mod:`faulthandler`'s report) and exits with code 3. Otherwise it exits as the
child did. Signals sent to this process alone (``kill``) are passed on; those the
terminal sends (Ctrl-C) already reach the child.

Stdlib only, imported first by ``__main__``: it costs one ``fork()``.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable

from pyinspect_cli import _crash

#: signals that mean the interpreter crashed
_CRASH_SIGNALS = frozenset(
    getattr(signal, name) for name in ("SIGSEGV", "SIGBUS", "SIGILL", "SIGFPE", "SIGABRT") if hasattr(signal, name)
)
_FORWARDED = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT") if hasattr(signal, name)
)

#: set to 1 to run commands without the supervising process
NO_SUPERVISOR_ENV = "MRO_EXPLAIN_NO_SUPERVISOR"


def _can_supervise() -> bool:
    return (
        hasattr(os, "fork")
        and hasattr(os, "memfd_create")
        and hasattr(signal, "sigwaitinfo")
        and hasattr(signal, "pthread_sigmask")
        and os.environ.get(NO_SUPERVISOR_ENV, "") in ("", "0")
    )


def supervise(run: Callable[[], int | None]) -> int | None:
    """Run *run* in a child process and end this one as the child ended (see the module doc).

    Returns in the child (with *run*'s result); never returns in the parent.
    Without ``fork`` (Windows) *run* simply runs here.
    """
    if not _can_supervise():
        return run()
    try:
        marker = os.memfd_create("mro-explain-importing")
        faults = os.memfd_create("mro-explain-faults")
    except OSError:
        return run()
    watched = {signal.SIGCHLD, *_FORWARDED}
    signal.pthread_sigmask(signal.SIG_BLOCK, watched)
    pid = os.fork()
    if pid == 0:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, watched)
        _crash.use_files(marker, faults)
        return run()
    _wait_and_exit(pid, marker, faults, watched)
    raise AssertionError("unreachable")  # pragma: no cover


def _wait_and_exit(pid: int, marker: int, faults: int, watched: set[int]) -> None:
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        info = signal.sigwaitinfo(watched)
        if info.si_signo != signal.SIGCHLD and info.si_code <= 0:
            # Sent by a process (kill), not by the terminal: the child has not seen it.
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, info.si_signo)
    if os.WIFEXITED(status):
        os._exit(os.WEXITSTATUS(status))
    signum = os.WTERMSIG(status)
    if signum in _CRASH_SIGNALS:
        _report_crash(signum, marker, faults)
        os._exit(3)
    # Killed by a signal: end the same way, so that the shell sees what happened.
    signal.signal(signum, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signum})
    os.kill(os.getpid(), signum)
    os._exit(128 + signum)


def _report_crash(signum: int, marker: int, faults: int) -> None:
    name = os.pread(marker, 4096, 0).split(b"\0", 1)[0].decode("utf-8", "replace")
    report = os.pread(faults, 1 << 16, 0).decode("utf-8", "replace")
    try:
        signame = signal.Signals(signum).name
    except ValueError:  # pragma: no cover
        signame = f"signal {signum}"
    description = signal.strsignal(signum) or signame
    where = _crash_location(report)
    at = f" at {where}" if where else ""
    if name:
        from pyinspect_cli.render.safe import escape_line

        name = escape_line(name)
        message = f"importing {name} crashed the interpreter ({signame}: {description.lower()}){at}"
        hint = (
            f"the module, or a C extension it loads, crashes when imported; "
            f"`python -c 'import {name}'` shows the same crash"
        )
    else:
        message = f"internal error: the process crashed ({signame}: {description.lower()}){at}"
        hint = "a C extension or mro-explain crashed; rerun with --debug and report it"
    with contextlib.suppress(OSError):
        os.write(2, f"mro-explain: error: {message}\n  hint: {hint}\n".encode("utf-8", "backslashreplace"))


def _crash_location(report: str) -> str | None:
    """Where the user's code was when it crashed, from faulthandler's report ("most recent call first").

    The outermost frame outside Python's import machinery and mro-explain is the line of
    the target that led to the crash; the innermost, when different, is where it happened.
    """
    import re

    ours = os.path.dirname(os.path.realpath(__file__))
    stack = [(m.group(1), m.group(2)) for m in re.finditer(r'^\s*File "(.*)", line (\d+) in ', report, re.MULTILINE)]
    stack.reverse()  # outermost first
    importing = [i for i, (filename, _line) in enumerate(stack) if filename.startswith("<frozen importlib")]
    below_import = stack[importing[0] :] if importing else stack
    frames = [f for f in below_import if not (f[0].startswith("<frozen") or f[0].startswith(ours))]
    if not frames:
        return None
    from pyinspect_cli.core.paths import display_path
    from pyinspect_cli.render.safe import escape_line

    def shown(frame: tuple[str, str]) -> str:
        return escape_line(f"{display_path(frame[0])}:{frame[1]}")

    outer, inner = frames[0], frames[-1]
    return shown(outer) + (f" (in {shown(inner)})" if inner != outer else "")
