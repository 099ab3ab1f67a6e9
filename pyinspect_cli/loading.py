"""TARGET strings to modules and classes, with errors a user can act on.

Targets look like ``pkg.mod``, ``pkg.mod:Outer.Inner``, ``path/to/file.py``,
``path/to/file.py:Class`` or ``builtins:dict``. The current directory is
importable (as with ``python -m``) and ``--path`` directories come first.

Importing runs the user's module: that is the one piece of user code
mro-explain runs. Whatever the module prints is captured (also at the file
descriptor level, for C code) so that stdout stays clean for JSON; an
exception, ``sys.exit()``, a syntax error or an import that does not finish
in time becomes an :class:`~pyinspect_cli.errors.ImportFailed` that names the
module, file and line. Everything after the import reads classes statically.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import io
import os
import signal
import sys
import threading
import types
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from pyinspect_cli._crash import crash_marker
from pyinspect_cli.core import static
from pyinspect_cli.core.paths import display_path
from pyinspect_cli.core.record import Record, field
from pyinspect_cli.errors import ExitCode, ImportFailed, TargetError

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "DEFAULT_TIMEOUT",
    "TIMEOUT_RULE",
    "ClassStatementFailure",
    "Loaded",
    "Target",
    "check_timeout",
    "classes_defined_in",
    "classes_imported_into",
    "default_setup",
    "is_module",
    "load_module",
    "load_target",
    "package_locations",
    "parse_target",
    "resolve_class",
    "run_setup",
]


#: seconds an import may take before it is reported as hanging (``--timeout``, the config's ``timeout``)
DEFAULT_TIMEOUT = 30.0
#: what ``--timeout`` and the config's ``timeout`` accept, as help and error messages say it
TIMEOUT_RULE = "0 (no limit) or a number of seconds"


def check_timeout(seconds: float) -> float:
    """*seconds* as a timeout, by the one rule of ``--timeout`` and the config's ``timeout``.

    At least 0; 0 (or infinity) means no limit.

    Raises:
        ValueError: negative or not a number.
    """
    if not seconds >= 0:  # NaN too
        raise ValueError(f"must be {TIMEOUT_RULE}")
    return float(seconds)


class Target(Record):
    """A parsed TARGET: a module (by name or file) and an optional class path."""

    text: str
    module: str | None
    file: Path | None
    qualname: str | None

    @property
    def label(self) -> str:
        return str(self.file) if self.file is not None else (self.module or "?")


class ImportOutput(Record, frozen=False):
    """What the module wrote while it was imported."""

    stdout: str = ""
    stderr: str = ""
    #: what ``import`` gave when the module replaced itself in ``sys.modules`` with another object
    replaced_by: str | None = None

    @property
    def printed(self) -> bool:
        return bool(self.stdout or self.stderr)


class Loaded(Record, frozen=False):
    """The result of loading a TARGET."""

    target: Target
    module: types.ModuleType
    module_name: str
    cls: type | None
    output: ImportOutput = field(default_factory=ImportOutput)


class ClassStatementFailure(Record):
    """A class statement that raised while the module was imported.

    ``bases`` are the base objects as the module had them when the statement
    ran (read from the failing frame, never by calling anything), or ``None``
    when one of the base expressions could not be read statically;
    ``base_sources`` are the expressions as written.
    """

    name: str
    filename: str
    lineno: int
    message: str
    base_sources: tuple[str, ...]
    bases: tuple[Any, ...] | None
    metaclass: Any | None
    unreadable: str | None = None


class ClassStatementError(ImportFailed):
    """Importing failed because a class statement raised ``TypeError``."""

    def __init__(self, message: str, hint: str | None, *, failure: ClassStatementFailure, module: str) -> None:
        super().__init__(
            message,
            hint,
            module=module,
            exc_type="TypeError",
            filename=failure.filename,
            lineno=failure.lineno,
        )
        self.failure = failure


# ---------------------------------------------------------------------------
# Parsing


def _is_identifier_path(text: str) -> bool:
    return bool(text) and all(part.isidentifier() for part in text.split("."))


def parse_target(text: str) -> Target:
    """Split a TARGET string into module (or file) and class path.

    Raises:
        TargetError: the string cannot be a target.
    """
    raw = text.strip()
    if not raw:
        raise TargetError("empty TARGET", "give a module (pkg.mod), a file (path/to/file.py) or MODULE:CLASS")
    module_part, qualname = raw, None
    if ":" in raw:
        head, _, tail = raw.rpartition(":")
        # A Windows drive ("C:\\x.py") is not a class separator.
        if not (len(head) == 1 and head.isalpha() and tail[:1] in ("\\", "/")):
            module_part, qualname = head, tail
    if qualname is not None:
        if "<locals>" in qualname:
            raise TargetError(
                f"{qualname!r} is defined inside a function; its class does not exist until the function runs",
                "mro-explain only reads what importing the module creates: move the class to module level, "
                "or use what-if with its bases",
            )
        if not _is_identifier_path(qualname):
            raise TargetError(
                f"{qualname!r} in TARGET {raw!r} is not a class name",
                "write MODULE:CLASS, e.g. pkg.mod:Outer.Inner",
            )
    looks_like_file = module_part.endswith(".py") or "/" in module_part or os.sep in module_part
    if looks_like_file:
        from pathlib import Path

        path = Path(module_part)
        try:
            if not path.exists():
                raise TargetError(f"no such file: {module_part}", "check the path (relative to the current directory)")
            if path.is_dir():
                init = path / "__init__.py"
                if not init.exists():
                    raise TargetError(
                        f"{module_part} is a directory, not a Python package", "give a .py file or a package"
                    )
                path = init
            return Target(raw, None, path.resolve(), qualname)
        except OSError as exc:  # a name too long for the file system, a loop of symbolic links...
            raise TargetError(
                f"cannot read {module_part}: {exc.strerror or exc}",
                "check the path (relative to the current directory)",
            ) from None
    if not _is_identifier_path(module_part):
        raise TargetError(
            f"{module_part!r} is not a module name",
            "write a dotted module name (pkg.mod), a path to a .py file, or MODULE:CLASS",
        )
    return Target(raw, module_part, None, qualname)


# ---------------------------------------------------------------------------
# Importing


@contextlib.contextmanager
def _sys_path(extra: Sequence[str]) -> Iterator[None]:
    added = [p for p in extra if p not in sys.path]
    sys.path[0:0] = added
    try:
        yield
    finally:
        for p in added:
            with contextlib.suppress(ValueError):
                sys.path.remove(p)


class _KeptBytes(io.BytesIO):
    """A memory buffer that keeps what was written after the module closed its stream."""

    def close(self) -> None:
        self._kept = self.getvalue()
        super().close()

    def text(self) -> str:
        data = getattr(self, "_kept", None)
        if data is None:
            data = self.getvalue()
        return bytes(data).decode("utf-8", "replace")


def _text_stream(fd: int | None) -> tuple[io.TextIOWrapper, _KeptBytes | None]:
    """A real text stream for ``sys.stdout``/``sys.stderr`` while the module imports.

    Over a copy of the scratch file's descriptor when there is one (``fileno()``,
    ``buffer``, ``reconfigure()`` and C-level writes all land in the same file, in
    order; a thread that kept the stream never writes into mro-explain's output); else
    over memory, where ``fileno()`` raises :class:`io.UnsupportedOperation` as it does
    for any in-memory stream.
    """
    if fd is not None:
        try:
            own = os.dup(fd)
        except OSError:
            pass
        else:
            return open(own, "w", encoding="utf-8", errors="backslashreplace"), None
    buffer = _KeptBytes()
    return io.TextIOWrapper(buffer, encoding="utf-8", errors="backslashreplace", write_through=True), buffer


_STREAM_NAMES = ("stdout", "stderr", "__stdout__", "__stderr__")


@contextlib.contextmanager
def _captured_output(output: ImportOutput, *, route_threads: bool = False) -> Iterator[None]:
    """Capture what the import writes, at the Python and the file-descriptor level.

    ``sys.stdout`` and ``sys.stderr`` (and their ``__stdout__``/``__stderr__`` originals)
    are real text streams for the duration; whatever the module does to them (closes,
    reconfigures, replaces them) stays with those streams, and mro-explain's own are
    put back afterwards.

    ``route_threads`` (the commands): when the import started threads, what they write
    from then on must not reach the command's stdout. File descriptor 1 then points at
    stderr, and ``sys.stdout`` writes the main thread's text through a private copy of
    the real stdout (see :class:`_MainThreadStdout`); there is no moment in which a
    thread could write to the real stdout.
    """
    saved_streams = {name: getattr(sys, name, None) for name in _STREAM_NAMES}
    threads_before = set(threading.enumerate())
    captured: dict[int, tuple[int, Any]] = {}  # fd -> (copy of the real fd, scratch file)
    for fd, stream in ((1, saved_streams["stdout"]), (2, saved_streams["stderr"])):
        if stream is not None:
            with contextlib.suppress(Exception):
                stream.flush()
        try:
            copy = os.dup(fd)
        except OSError:
            continue
        try:
            tmp = _scratch_file()
            os.dup2(tmp.fileno(), fd)
        except Exception:  # pragma: no cover - exotic platforms
            os.close(copy)
            continue
        captured[fd] = (copy, tmp)
    out, out_buffer = _text_stream(captured[1][1].fileno() if 1 in captured else None)
    err, err_buffer = _text_stream(captured[2][1].fileno() if 2 in captured else None)
    sys.stdout, sys.__stdout__ = out, out  # type: ignore[misc]
    sys.stderr, sys.__stderr__ = err, err  # type: ignore[misc]
    try:
        yield
    finally:
        for stream in (out, err):
            with contextlib.suppress(Exception):
                stream.flush()
        real_stdout = saved_streams["stdout"]
        route = (
            route_threads
            and 1 in captured
            and 2 in captured
            and _is_fd(real_stdout, 1)
            and any(t not in threads_before and t.is_alive() for t in threading.enumerate())
        )
        for name, value in saved_streams.items():
            if not (route and name == "stdout"):
                setattr(sys, name, value)
        fd_text = {1: "", 2: ""}
        for fd in sorted(captured, reverse=True):  # stderr first: stdout may be pointed at it
            copy, tmp = captured[fd]
            with contextlib.suppress(OSError):
                if fd == 1 and route:
                    os.dup2(2, 1)
                    sys.stdout = _MainThreadStdout(_private_stdout(copy, real_stdout))
                else:
                    os.dup2(copy, fd)
                    os.close(copy)
            with contextlib.suppress(Exception):
                tmp.seek(0)
                fd_text[fd] = tmp.read(_OUTPUT_LIMIT).decode("utf-8", "replace")
                tmp.close()
        output.stdout += (out_buffer.text() if out_buffer is not None else "") + fd_text[1]
        output.stderr += (err_buffer.text() if err_buffer is not None else "") + fd_text[2]
        for stream in (out, err):
            # A thread of the module that kept the stream gets "closed file" errors from now on.
            with contextlib.suppress(Exception):
                stream.close()


def _is_fd(stream: Any, fd: int) -> bool:
    try:
        return bool(stream.fileno() == fd)
    except Exception:
        return False


def _private_stdout(fd: int, like: Any) -> io.TextIOWrapper:
    """A text stream on *fd* (the real stdout) with the encoding and error handler of *like*."""
    return io.TextIOWrapper(
        io.BufferedWriter(io.FileIO(fd, "w")),
        encoding=getattr(like, "encoding", None) or "utf-8",
        errors=getattr(like, "errors", None) or "strict",
        line_buffering=bool(getattr(like, "line_buffering", False)),
    )


class _MainThreadStdout:
    """``sys.stdout`` once a module started threads at import.

    The main thread's writes go to the real stdout (a private copy of its descriptor);
    every other thread's go to stderr.
    """

    def __init__(self, main: Any) -> None:
        self._main = main

    def _target(self) -> Any:
        if threading.current_thread() is threading.main_thread():
            return self._main
        return sys.stderr

    def write(self, text: str) -> int:
        written: int = self._target().write(text)
        return written

    def flush(self) -> None:
        self._target().flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._target(), name)


#: bytes of the module's import output kept (it is only counted and quoted)
_OUTPUT_LIMIT = 1 << 20


def _scratch_file() -> Any:
    """An anonymous file to catch file-descriptor output (memfd on Linux: no tempfile import)."""
    if hasattr(os, "memfd_create"):
        try:
            return os.fdopen(os.memfd_create("mro-explain-import-output"), "w+b")
        except OSError:
            pass
    import tempfile

    return tempfile.TemporaryFile()


class _ImportTimeout(BaseException):
    pass


@contextlib.contextmanager
def _deadline(seconds: float | None) -> Iterator[None]:
    usable = (
        seconds
        and seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def on_alarm(signum: int, frame: Any) -> None:
        raise _ImportTimeout

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, float(seconds))  # type: ignore[arg-type]
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class _OsExitCalled(BaseException):
    def __init__(self, code: object) -> None:
        super().__init__(code)
        self.code = code


#: seconds a hanging import gets, after the timeout interrupted it, before the process ends
_HARD_DEADLINE_GRACE = 2.0


def _write_fd(fd: int, text: str) -> None:
    data = text.encode("utf-8", "replace")
    with contextlib.suppress(OSError):
        while data:
            written = os.write(fd, data)
            data = data[written:]


def _stdout_to_stderr_at_exit() -> None:
    """Send what is printed after mro-explain finished (the module's atexit handlers) to stderr."""
    with contextlib.suppress(Exception):
        if sys.stdout is not None:
            sys.stdout.flush()
    with contextlib.suppress(OSError):
        os.dup2(2, 1)
    sys.stdout = sys.stderr


@contextlib.contextmanager
def _process_guard(module_name: str, timeout: float | None) -> Iterator[None]:
    """Keep a module that is being imported in mro-explain's own process from ending it badly.

    * ``os._exit()`` called while the module imports becomes an :class:`_OsExitCalled` (reported
      like ``sys.exit()``) instead of ending the process with the module's exit code;
    * an import that swallows the timeout's interruption (``except BaseException``) or ignores
      ``SIGALRM`` is ended a little after the timeout: the error goes to stderr and the process
      exits with code 3;
    * atexit handlers the module registers print to stderr, never into the command's stdout.
    """
    import atexit

    real_exit = os._exit
    main = threading.main_thread()
    importing = True

    def guarded_exit(code: int) -> None:
        if importing and threading.current_thread() is main:
            raise _OsExitCalled(code)
        real_exit(code)

    timer: threading.Timer | None = None
    err_fd = -1
    if timeout and timeout > 0:
        with contextlib.suppress(OSError):
            err_fd = os.dup(2)

        def give_up() -> None:
            frame = sys._current_frames().get(main.ident or -1)
            where = _user_frame_of_stack(frame)
            at = f" (it was running {_location(*where)})" if where else ""
            _write_fd(
                err_fd if err_fd >= 0 else 2,
                f"mro-explain: error: importing {module_name} did not finish within {timeout:g} s{at} "
                "and did not stop when interrupted\n"
                "  hint: the module loops or waits at import and catches every exception; guard that code "
                "with `if __name__ == '__main__':`, or raise --timeout\n",
            )
            real_exit(int(ExitCode.ENVIRONMENT))

        timer = threading.Timer(timeout + _HARD_DEADLINE_GRACE, give_up)
        timer.daemon = True
        timer.start()
    os._exit = guarded_exit  # type: ignore[assignment]
    try:
        yield
    finally:
        importing = False
        if os._exit is guarded_exit:  # type: ignore[comparison-overlap]
            os._exit = real_exit
        if timer is not None:
            timer.cancel()
        if err_fd >= 0:
            with contextlib.suppress(OSError):
                os.close(err_fd)
        # Registered after the module's handlers, so it runs before them (atexit is LIFO).
        atexit.unregister(_stdout_to_stderr_at_exit)
        atexit.register(_stdout_to_stderr_at_exit)


def _user_frame_of_stack(frame: types.FrameType | None) -> tuple[str, int] | None:
    """The innermost frame of the user's code in a running stack (as :func:`_user_frame`)."""
    ours = os.path.dirname(os.path.realpath(__file__))
    while frame is not None:
        filename = frame.f_code.co_filename
        if not (filename.startswith("<frozen") or filename.startswith(ours)):
            return filename, frame.f_lineno
        frame = frame.f_back
    return None


#: longest timeout honoured; longer ones (``--timeout inf``) mean no timeout at all
_MAX_TIMEOUT = 10.0 * 365 * 24 * 3600


def _usable_timeout(timeout: float | None) -> float | None:
    """``None`` for no timeout: not given, zero, negative, not a number, infinite or absurdly long."""
    if timeout is None or not timeout > 0 or timeout > _MAX_TIMEOUT:
        return None
    return float(timeout)


def _module_name_for_file(path: Path) -> tuple[str, Path]:
    """The dotted name a file imports as, and the directory that must be on sys.path."""
    path = path.resolve()
    parts = [path.stem] if path.name != "__init__.py" else []
    directory = path.parent
    while (directory / "__init__.py").exists():
        parts.insert(0, directory.name)
        directory = directory.parent
    if not parts:  # pragma: no cover - a bare __init__.py at the file-system root
        parts = [path.parent.name]
    return ".".join(parts), directory


def _user_frame(tb: types.TracebackType | None) -> tuple[str, int] | None:
    """The innermost traceback entry in the user's code (not importlib's, not ours)."""
    import traceback

    found = None
    ours = os.path.dirname(os.path.realpath(__file__))
    for frame, lineno in traceback.walk_tb(tb):
        filename = frame.f_code.co_filename
        if filename.startswith("<frozen") or filename.startswith(ours):
            continue
        found = (filename, lineno)
    return found


def _location(filename: str, lineno: int) -> str:
    return f"{display_path(filename)}:{lineno}"


def load_module(
    target: Target,
    *,
    paths: Sequence[str | os.PathLike[str]] = (),
    timeout: float | None = DEFAULT_TIMEOUT,
    guard_process: bool = False,
) -> tuple[types.ModuleType, str, ImportOutput]:
    """Import the module a target names; return it with its name and captured output.

    The module returned is always a module object whose namespace can be read: when
    the import left something else in ``sys.modules`` (a facade instance, a class, a
    deprecation proxy), it is the module the import executed, and
    ``ImportOutput.replaced_by`` describes what ``import`` gives the user.

    With ``guard_process`` (the commands, which import into their own process), the
    module's ``os._exit()`` is reported like ``sys.exit()``, an import that ignores the
    timeout ends the process with exit code 3 shortly after it, and the module's atexit
    handlers print to stderr.

    Raises:
        TargetError: the module does not exist.
        ImportFailed: importing it raised, exited, or did not finish in time.
    """
    extra = [os.fspath(p) for p in paths] + [os.getcwd()]
    if target.file is not None:
        module_name, root = _module_name_for_file(target.file)
        extra.insert(0, str(root))
    else:
        assert target.module is not None
        module_name = target.module
    output = ImportOutput()
    with _sys_path(extra):
        if module_name in sys.modules:
            module = _readable_module(module_name, sys.modules[module_name], output)
            if target.file is None or _same_file(module, target.file):
                return module, module_name, output
            raise _shadowed(target.file, module_name, module)
        run_setup(timeout=timeout, guard_process=guard_process)
        recorder = _Recorder(module_name)
        try:
            with _importing(module_name, timeout, guard_process, output, missing=(paths, module_name)):
                sys.meta_path.insert(0, recorder)
                try:
                    imported: Any = importlib.import_module(module_name)
                finally:
                    with contextlib.suppress(ValueError):
                        sys.meta_path.remove(recorder)
        finally:
            recorder.release()
        if recorder.module is not None:
            _ORIGINALS[module_name] = recorder.module
        module = _readable_module(module_name, imported, output)
    if target.file is not None and not _same_file(module, target.file):
        raise _shadowed(target.file, module_name, module)
    return module, module_name, output


#: the module objects that imports executed, for the names whose ``sys.modules`` entry the module replaced
_ORIGINALS: dict[str, types.ModuleType] = {}


def is_module(obj: object) -> bool:
    """Whether *obj* is a module (``ModuleType`` or a subclass, e.g. after ``__class__`` assignment)."""
    return static.is_subclass(type(obj), types.ModuleType)


def _readable_module(module_name: str, imported: object, output: ImportOutput) -> types.ModuleType:
    """The module whose namespace mro-explain reads for what ``import module_name`` gave."""
    if is_module(imported):
        result: types.ModuleType = imported  # type: ignore[assignment]
        return result
    output.replaced_by = static.describe(imported)
    original = _ORIGINALS.get(module_name)
    if original is not None:
        return original
    return types.ModuleType(module_name)


class _Recorder:
    """A meta path finder that notes the module object an import executes, and nothing else.

    Modules may replace themselves in ``sys.modules`` (a facade instance, a class, a
    deprecation proxy); the module they executed in, whose namespace holds the classes
    their source defines, is then kept here. The spec comes from the finders Python
    would ask; only the loader is wrapped, and the module sees the real loader.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.module: types.ModuleType | None = None
        self.active = True

    def release(self) -> None:
        self.active = False

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Any:
        if not self.active or fullname != self.name:
            return None
        self.active = False  # once: the finders below must not find us again
        for finder in list(sys.meta_path):
            if finder is self:
                continue
            find = getattr(finder, "find_spec", None)
            if find is None:
                continue
            spec = find(fullname, path, target)
            if spec is not None:
                break
        else:
            return None
        loader = spec.loader
        if loader is not None and hasattr(loader, "exec_module"):
            spec.loader = _RecordingLoader(loader, self)
        return spec


_RAW_MODULE_DICT: Any = vars(types.ModuleType)["__dict__"].__get__


class _RecordingLoader:
    """Passes every call to the real loader; notes the module that ``exec_module`` runs."""

    def __init__(self, loader: Any, recorder: _Recorder) -> None:
        self._loader = loader
        self._recorder = recorder

    def create_module(self, spec: Any) -> Any:
        create = getattr(self._loader, "create_module", None)
        return create(spec) if create is not None else None

    def exec_module(self, module: types.ModuleType) -> None:
        ns: dict[str, Any] = _RAW_MODULE_DICT(module)  # the real namespace: it is written to
        spec = ns.get("__spec__")
        if spec is not None and getattr(spec, "loader", None) is self:
            spec.loader = self._loader
        if ns.get("__loader__") is self:
            ns["__loader__"] = self._loader
        if type(module) is types.ModuleType:
            self._recorder.module = module
        self._loader.exec_module(module)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._loader, name)


@contextlib.contextmanager
def _importing(
    module_name: str,
    timeout: float | None,
    guard_process: bool,
    output: ImportOutput,
    *,
    action: str | None = None,
    missing: tuple[Sequence[str | os.PathLike[str]], str] | None = None,
) -> Iterator[None]:
    """Run the user's import code (the import, or a ``from module import name``) under guard.

    Output is captured, the timeout applies, the process state a module commonly
    changes is put back, a ``fork()`` child never gets further, and whatever the code
    raises becomes an :class:`ImportFailed` (a :class:`TargetError` for the missing
    module itself when *missing* gives the ``--path`` list and the name).
    """
    global user_code_ran
    user_code_ran = True
    timeout = _usable_timeout(timeout)
    doing = action or f"importing {module_name}"
    pid = os.getpid()
    try:
        guard = _process_guard(module_name, timeout) if guard_process else contextlib.nullcontext()
        with (
            crash_marker(module_name),
            guard,
            _kept_process_state(),
            _captured_output(output, route_threads=guard_process),
            _deadline(timeout),
        ):
            try:
                yield
            finally:
                if os.getpid() != pid:
                    # The module forked and this is the child: it has done what the module wanted.
                    _REAL_OS_EXIT(0)
    except _ImportTimeout as exc:
        where = _user_frame(exc.__traceback__)
        at = f" (it was running {_location(*where)})" if where else ""
        raise ImportFailed(
            f"{doing} did not finish within {timeout:g} s{at}",
            "the module probably loops or waits at import; guard that code with "
            "`if __name__ == '__main__':`, or raise --timeout",
            module=module_name,
            exc_type="timeout",
        ) from None
    except ModuleNotFoundError as exc:
        gone = exc.name or ""
        if missing is not None and gone and (module_name == gone or module_name.startswith(gone + ".")):
            raise TargetError(
                f"no module named {gone!r}",
                _missing_module_hint(gone, [os.fspath(p) for p in missing[0]]),
            ) from None
        raise _import_failed(module_name, exc, doing) from None
    except SyntaxError as exc:
        place = _location(exc.filename, exc.lineno or 0) if exc.filename else module_name
        raise ImportFailed(
            f"{module_name} has a syntax error at {place}: {exc.msg}",
            "fix the syntax error; mro-explain needs the module to import",
            module=module_name,
            exc_type="SyntaxError",
            filename=exc.filename,
            lineno=exc.lineno,
        ) from None
    except (SystemExit, _OsExitCalled) as exc:
        where = _user_frame(exc.__traceback__)
        at = f" at {_location(*where)}" if where else ""
        call = "sys.exit" if isinstance(exc, SystemExit) else "os._exit"
        raise ImportFailed(
            f"{doing} called {call}({_exit_code_text(exc.code)}){at}",
            "the module exits when imported; guard that code with `if __name__ == '__main__':`",
            module=module_name,
            exc_type="SystemExit",
            filename=where[0] if where else None,
            lineno=where[1] if where else None,
        ) from None
    except KeyboardInterrupt:
        raise ImportFailed(
            f"{doing} was interrupted",
            None,
            module=module_name,
            exit_code=ExitCode.INTERRUPTED,
        ) from None
    except Exception as exc:
        failure = _class_statement_failure(exc)
        if failure is not None:
            raise ClassStatementError(
                f"{doing} failed: class {failure.name} at "
                f"{_location(failure.filename, failure.lineno)}: {' '.join(failure.message.split())}",
                None,
                failure=failure,
                module=module_name,
            ) from None
        raise _import_failed(module_name, exc, doing) from None
    except BaseException as exc:  # GeneratorExit, or the module's own BaseException subclass
        raise _import_failed(module_name, exc, doing) from None


#: environment variable naming a module, or ``module:function``, to import (and call) before any target
SETUP_ENV = "MRO_EXPLAIN_SETUP"
#: Django's own variable: when set, ``django.setup()`` runs before any target is imported
DJANGO_ENV = "DJANGO_SETTINGS_MODULE"

#: whether this process has imported a user's module (or run a setup hook): see ``__main__._end``
user_code_ran = False
_setup_done = False
_setup_error: ImportFailed | TargetError | None = None


def default_setup(*, setup: str | None = None, django_settings: str | None = None) -> None:
    """Use *setup* and *django_settings* (from a config file) unless the command line or the
    environment already named them: they win, as every option does over the config."""
    if setup and not os.environ.get(SETUP_ENV, "").strip():
        os.environ[SETUP_ENV] = setup
    if django_settings and not os.environ.get(DJANGO_ENV, "").strip():
        os.environ[DJANGO_ENV] = django_settings


def run_setup(*, timeout: float | None = DEFAULT_TIMEOUT, guard_process: bool = False) -> None:
    """Initialise the frameworks the user's modules need, once per process, before the first import.

    First the setup hook (``--setup`` / ``setup`` in the config / ``MRO_EXPLAIN_SETUP``):
    a module to import, or ``module:function`` to import and call with no arguments.
    Then, when ``DJANGO_SETTINGS_MODULE`` is set (``--django-settings``) and Django is
    installed, ``django.setup()``, as pytest-django does, so that models modules import.

    Raises:
        ImportFailed: the setup raised (the message says it was the setup, not the target).
        TargetError: the setup hook is malformed or its module does not exist.
    """
    global _setup_done, _setup_error
    if _setup_done:
        if _setup_error is not None:  # every module of the run fails for the same reason
            raise _setup_error
        return
    _setup_done = True
    try:
        _run_setup(timeout=timeout, guard_process=guard_process)
    except (ImportFailed, TargetError) as exc:
        _setup_error = exc
        raise


def _run_setup(*, timeout: float | None, guard_process: bool) -> None:
    hook = os.environ.get(SETUP_ENV, "").strip()
    if hook:
        _run_setup_hook(hook, timeout=timeout, guard_process=guard_process)
    settings = os.environ.get(DJANGO_ENV, "").strip()
    if settings and importlib.util.find_spec("django") is not None:
        action = f"setting up Django (DJANGO_SETTINGS_MODULE={settings})"
        with (
            _sys_path([os.getcwd()]),
            _setup_errors(action),
            _importing(settings, timeout, guard_process, ImportOutput(), action=action),
        ):
            import django  # type: ignore[import-untyped]

            django.setup()


@contextlib.contextmanager
def _setup_errors(action: str) -> Iterator[None]:
    """Say that a failure came from the setup, before any target was imported."""
    try:
        yield
    except ImportFailed as exc:
        exc.hint = (
            f"this failed in {action}, before the target was imported; fix the setup, "
            "or run without it (unset the environment variable or drop the option)"
        )
        raise
    except TargetError as exc:
        if not exc.message.startswith("setup hook"):
            exc.message = f"{action}: {exc.message}"
        raise


def _run_setup_hook(hook: str, *, timeout: float | None, guard_process: bool) -> None:
    module_name, _, function = hook.partition(":")
    if not _is_identifier_path(module_name) or (function and not function.isidentifier()):
        raise TargetError(
            f"setup hook {hook!r} is not a module or module:function",
            "e.g. --setup myproject.boot or --setup myproject.boot:configure",
        )
    action = f"running the setup hook {hook}"
    with _sys_path([os.getcwd()]), _setup_errors(action):
        output = ImportOutput()
        with _importing(module_name, timeout, guard_process, output, action=action, missing=((), module_name)):
            module: Any = importlib.import_module(module_name)
        if not function:
            return
        ns = static.module_dict(module) or {}
        value = ns.get(function)
        if not callable(value):
            raise TargetError(
                f"setup hook {hook!r}: {module_name} has no function {function!r}",
                "name a function of the module that takes no arguments",
            )
        with _importing(module_name, timeout, guard_process, output, action=action):
            value()


_REAL_OS_EXIT = os._exit


@contextlib.contextmanager
def _kept_process_state() -> Iterator[None]:
    """Put back the process-wide hooks a module may install while it imports.

    Profile and trace functions (``sys.setprofile``/``settrace`` and their ``threading``
    versions) would otherwise run the module's code on every call mro-explain makes;
    SIGINT/SIGTERM set to ``SIG_IGN`` would make a long analysis uninterruptible; a
    changed working directory would move relative paths. Audit hooks
    (``sys.addaudithook``) cannot be removed by any means.
    """
    profile, trace = sys.getprofile(), sys.gettrace()
    try:
        cwd: str | None = os.getcwd()
    except OSError:
        cwd = None
    thread_profile = getattr(threading, "_profile_hook", None)
    thread_trace = getattr(threading, "_trace_hook", None)
    handlers: dict[signal.Signals, Any] = {}
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(ValueError, OSError):
                handlers[signum] = signal.getsignal(signum)
    try:
        yield
    finally:
        if sys.getprofile() is not profile:
            sys.setprofile(profile)
        if sys.gettrace() is not trace:
            sys.settrace(trace)
        if getattr(threading, "_profile_hook", None) is not thread_profile:
            threading.setprofile(thread_profile)  # type: ignore[arg-type]
        if getattr(threading, "_trace_hook", None) is not thread_trace:
            threading.settrace(thread_trace)  # type: ignore[arg-type]
        if cwd is not None:
            with contextlib.suppress(OSError):
                if os.getcwd() != cwd:
                    os.chdir(cwd)
        for signum, handler in handlers.items():
            if handler is not None and signal.getsignal(signum) is not handler:
                with contextlib.suppress(ValueError, OSError, TypeError):
                    signal.signal(signum, handler)


def _shadowed(path: Path, module_name: str, module: types.ModuleType) -> TargetError:
    """A file whose module name is taken by another module (``typing.py`` next to the user's code)."""
    file = (static.module_dict(module) or {}).get("__file__")
    where = f" ({_location(file, 0).rsplit(':', 1)[0]})" if isinstance(file, str) else " (built in)"
    return TargetError(
        f"{path} imports as {module_name!r}, but that name is already the module {module_name}{where}",
        "rename the file: it has the name of a module Python already uses",
    )


def _same_file(module: types.ModuleType, path: Path) -> bool:
    """Whether *module* was loaded from *path* (by ``__file__``, or its spec when the module rewrote that)."""
    from importlib.machinery import ModuleSpec

    ns = static.module_dict(module) or {}
    wanted = os.path.realpath(path)
    file = ns.get("__file__")
    if type(file) is str and os.path.realpath(file) == wanted:
        return True
    spec = ns.get("__spec__")
    origin = vars(spec).get("origin") if type(spec) is ModuleSpec else None
    return type(origin) is str and os.path.realpath(origin) == wanted


def _missing_module_hint(missing: str, paths: Sequence[str] = ()) -> str:
    """What to do about a module that does not exist: a class named like a module, a bad --path, a typo."""
    dotted = _class_spelled_as_module(missing)
    if dotted is not None:
        return f"did you mean {dotted}? a class is named after a colon: MODULE:CLASS"
    for path in paths:
        if os.path.isfile(path):
            return f"--path {path} is a file; --path takes the directory that contains the module"
        if not os.path.isdir(path):
            return f"--path {path} does not exist"
    return (
        f"check the spelling; run mro-explain from the directory that contains {missing.split('.')[0]!r}, "
        "or add it with --path DIR"
    )


def _class_spelled_as_module(missing: str) -> str | None:
    """``collections.OrderedDict`` -> ``collections:OrderedDict``; ``dict`` -> ``builtins:dict``.

    Read from the namespaces of modules already imported (the failed import imported
    the parent), calling nothing.
    """
    import builtins

    parent, _, name = missing.rpartition(".")
    owner: Any = sys.modules.get(parent) if parent else builtins
    if not is_module(owner):
        return None
    ns = static.module_dict(owner) or {}
    value = ns.get(name) if any(type(k) is str and k == name for k in list(ns)) else None
    if value is None or not static.is_class(value):
        return None
    return f"{parent or 'builtins'}:{name}"


#: longest exception message quoted in an error line
_MESSAGE_LIMIT = 300


def _exception_text(exc: BaseException) -> str:
    """The first line of ``str(exc)``, shortened; a placeholder when the exception's ``__str__`` raises."""
    try:
        text = str(exc)
    except BaseException:  # the module's exception class may raise anything from __str__
        return "<the exception's message could not be read: its __str__ raised>"
    if type(text) is not str:  # pragma: no cover - str() always returns an exact str
        return ""
    lines = text.strip().splitlines()
    first = lines[0] if lines else ""
    if len(first) > _MESSAGE_LIMIT:
        first = first[: _MESSAGE_LIMIT - 1] + "…"
    return first


def _exit_code_text(code: object) -> str:
    """``sys.exit(CODE)``'s argument as written, without calling the object's ``repr``."""
    if code is None or type(code) is int or type(code) is bool:
        return repr(code)
    if type(code) is str:
        return static.describe(code, limit=80)
    return static.describe(code)


def _import_failed(module_name: str, exc: BaseException, doing: str | None = None) -> ImportFailed:
    where = _user_frame(exc.__traceback__)
    at = f" at {_location(*where)}" if where else ""
    first = _exception_text(exc)
    kind = static.name_of(type(exc))
    hint = (
        "mro-explain has to import the module to read its classes; fix the error above "
        "(or install what it needs) and try again"
    )
    if kind in ("ImproperlyConfigured", "AppRegistryNotReady") and static.module_of(type(exc)).startswith("django."):
        hint = (
            "Django models import only once Django is set up: pass --django-settings mysite.settings "
            "(or set DJANGO_SETTINGS_MODULE), or --setup MODULE:FUNCTION for a project configured in code"
        )
    return ImportFailed(
        f"{doing or f'importing {module_name}'} failed{at}: {kind}: {first}".rstrip(": "),
        hint,
        module=module_name,
        exc_type=kind,
        filename=where[0] if where else None,
        lineno=where[1] if where else None,
    )


# ---------------------------------------------------------------------------
# A class statement that failed at import


_CLASS_ERRORS = (
    "consistent method resolution",
    "metaclass conflict",
    "instance lay-out conflict",
    "duplicate base class",
    "is not an acceptable base type",
)


def _class_statement_failure(exc: BaseException) -> ClassStatementFailure | None:
    if not isinstance(exc, TypeError):
        return None
    try:
        message = str(exc)
    except BaseException:  # a TypeError subclass of the module's own, whose __str__ raises
        return None
    if not any(marker in message for marker in _CLASS_ERRORS):
        return None
    import traceback

    frames = list(traceback.walk_tb(exc.__traceback__))
    if not frames:
        return None
    frame, lineno = frames[-1]
    filename = frame.f_code.co_filename
    import ast

    from pyinspect_cli.core.source import parse_source, source_text

    tree = parse_source(filename)
    if tree is None:
        return None
    source = source_text(filename)
    node = _class_at_line(tree, lineno)
    if node is None:
        return None
    base_sources = tuple(ast.get_source_segment(source, b) or ast.unparse(b) for b in node.bases)
    bases: list[Any] = []
    unreadable = None
    for expr in node.bases:
        ok, value = _static_eval(expr, frame)
        if not ok:
            unreadable = ast.unparse(expr)
            break
        bases.append(value)
    metaclass = None
    for kw in node.keywords:
        if kw.arg == "metaclass":
            ok, value = _static_eval(kw.value, frame)
            metaclass = value if ok else None
    return ClassStatementFailure(
        name=node.name,
        filename=filename,
        lineno=node.lineno,
        message=message,
        base_sources=base_sources,
        bases=None if unreadable else tuple(bases),
        metaclass=metaclass,
        unreadable=unreadable,
    )


def _class_at_line(tree: Any, lineno: int) -> Any:
    import ast

    best = None
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            first = min([node.lineno] + [d.lineno for d in node.decorator_list])
            last = node.body[0].lineno if node.body else node.lineno
            inside = first <= lineno <= max(last, node.lineno)
            if inside and (best is None or node.lineno >= best.lineno):
                best = node
    return best


def _static_eval(expr: Any, frame: types.FrameType) -> tuple[bool, Any]:
    """Read a ``Name`` or ``a.b.c`` base expression from the frame, calling nothing."""
    from pyinspect_cli.core import functions

    parts = functions.dotted(expr)
    if parts is None:
        return False, None
    value = functions.lookup(parts[0], (frame.f_locals, frame.f_globals, frame.f_builtins))
    value = functions.follow(value, parts[1:])
    if value is functions.MISSING or (len(parts) > 1 and not static.is_class(value)):
        return False, None
    return True, value


# ---------------------------------------------------------------------------
# Classes


def resolve_class(
    module: types.ModuleType,
    module_name: str,
    qualname: str,
    *,
    timeout: float | None = DEFAULT_TIMEOUT,
    guard_process: bool = False,
    output: ImportOutput | None = None,
) -> type:
    """Find ``Outer.Inner`` in a module: ``Outer`` exactly as ``from module import Outer`` gives it.

    A name the module's namespace holds is read from it, calling nothing. A name it
    does not hold is what importing provides: the module's ``__getattr__`` (lazy
    attributes) or the object that replaced the module in ``sys.modules`` is asked,
    under the same guard as the import (that is part of importing). Nested names are
    read statically.

    Raises:
        TargetError: the name is missing (with close matches) or not a class.
        ImportFailed: the module's ``__getattr__`` (or replacement object) raised.
    """
    ns: Any = static.module_dict(module) or {}
    parts = qualname.split(".")
    owner_label = module_name
    obj: Any = None
    for i, part in enumerate(parts):
        if i == 0:
            found, value = _from_import(
                module, module_name, part, timeout=timeout, guard_process=guard_process, output=output
            )
        else:
            hit = static.static_lookup(obj, part)
            found = hit is not None
            value = hit[1] if hit else None
        if not found and i == 0 and len(parts) == 1 and _is_submodule(module, module_name, part):
            raise TargetError(
                f"{module_name}.{part} is a module, not a class",
                f"list its classes with: mro-explain {module_name}.{part}",
            )
        if not found:
            candidates = (
                [k for k, v in ns.items() if type(k) is str and static.is_class(v)]
                if i == 0
                else [k for k, v in static.dict_of(obj).items() if type(k) is str and static.is_class(v)]
            )
            import difflib

            close = difflib.get_close_matches(part, candidates, n=3, cutoff=0.6)
            hint = f"did you mean {', '.join(close)}?" if close else None
            if hint is None and candidates:
                shown = ", ".join(sorted(candidates)[:8])
                hint = f"classes there: {shown}" + (" …" if len(candidates) > 8 else "")
            raise TargetError(
                f"{owner_label} has no class named {part!r}", hint or f"list them with: mro-explain {module_name}"
            )
        if not static.is_class(value):
            if is_module(value):
                inner = (static.module_dict(value) or {}).get("__name__")
                shown = inner if type(inner) is str else f"{module_name}.{part}"
                raise TargetError(
                    f"{owner_label}.{part} is a module, not a class",
                    f"list its classes with: mro-explain {shown}",
                )
            kind = static.name_of(type(value))
            raise TargetError(
                f"{owner_label}.{part} is a {kind}, not a class",
                f"name a class; list the classes with: mro-explain {module_name}",
            )
        obj = value
        owner_label = f"{owner_label}.{part}" if i else f"{module_name}:{part}"
    assert obj is not None
    result: type = obj
    return result


def _from_import(
    module: types.ModuleType,
    module_name: str,
    name: str,
    *,
    timeout: float | None,
    guard_process: bool,
    output: ImportOutput | None,
) -> tuple[bool, Any]:
    """``from module_name import name``: ``(found, value)``.

    Submodules are left to :func:`_is_submodule` (they are never classes).
    """
    imported: Any = sys.modules.get(module_name, module)
    replaced = not is_module(imported)
    ns: Any = static.module_dict(module) or {}
    if not replaced and name in ns:  # string keys only: no key of the module's own type is asked
        return True, ns[name]
    if not replaced and "__getattr__" not in ns:
        return False, None
    # Importing provides the name: the module's __getattr__, or the object in sys.modules.
    sentinel = object()
    value: Any = sentinel
    captured = output if output is not None else ImportOutput()
    with _importing(
        module_name,
        timeout,
        guard_process,
        captured,
        action=f"from {module_name} import {name}",
    ):
        try:
            value = getattr(imported, name)
        except AttributeError:
            value = sentinel
    return (value is not sentinel), (None if value is sentinel else value)


def package_locations(module: object) -> list[str]:
    """The directories of a package's ``__path__``, read without running the package's code.

    A plain list of strings, or importlib's namespace path; anything else (a custom
    ``__path__`` object) is never iterated: it gives no locations.
    """
    if not is_module(module):
        return []
    search: Any = (static.module_dict(module) or {}).get("__path__")
    if type(search) is list:
        return [p for p in search if type(p) is str]
    tp = type(search)
    if static.name_of(tp) == "_NamespacePath" and static.module_of(tp).startswith(("importlib", "_frozen_importlib")):
        try:
            return [p for p in list(search) if type(p) is str]
        except Exception:
            return []
    return []


def submodules(locations: Sequence[str], prefix: str) -> list[tuple[str, bool]]:
    """``(prefix + name, is a package)`` for each module directly in *locations*, found on disk.

    What ``pkgutil.iter_modules(locations, prefix)`` lists, in its order (each
    location's files by name, a name seen in an earlier location skipped), read
    here for plain directories: ``pkgutil`` imports ``inspect`` (and with it
    ``dis``, ``tokenize``, ``linecache``) to do it, which costs more than listing a
    small package. Other locations (a zip file) go through ``pkgutil``.
    """
    import importlib.machinery

    suffixes = sorted(importlib.machinery.all_suffixes(), key=len, reverse=True)

    def module_name(filename: str) -> str | None:  # inspect.getmodulename
        for suffix in suffixes:
            if filename.endswith(suffix):
                return filename[: -len(suffix)]
        return None

    found: list[tuple[str, bool]] = []
    seen: set[str] = set()
    for location in locations:
        if not os.path.isdir(location):
            import pkgutil

            listed = [(info.name[len(prefix) :], info.ispkg) for info in pkgutil.iter_modules([location], prefix)]
        else:
            listed = []
            try:
                filenames = sorted(os.listdir(location))
            except OSError:
                filenames = []
            here: set[str] = set()
            for filename in filenames:
                name = module_name(filename)
                if name == "__init__" or (name is not None and name in here):
                    continue
                package = False
                if name is None:
                    path = os.path.join(location, filename)
                    if "." in filename or not os.path.isdir(path):
                        continue
                    try:
                        contents = os.listdir(path)
                    except OSError:
                        contents = []
                    if not any(module_name(entry) == "__init__" for entry in contents):
                        continue
                    name, package = filename, True
                if "." not in name:
                    here.add(name)
                    listed.append((name, package))
        for name, package in listed:
            if name not in seen:
                seen.add(name)
                found.append((prefix + name, package))
    return found


def _is_submodule(module: types.ModuleType, module_name: str, name: str) -> bool:
    """Whether ``module_name.name`` is a submodule of a package (found on disk, not imported)."""
    locations = package_locations(module)
    if not locations:
        return False
    from importlib.machinery import PathFinder

    try:
        return PathFinder.find_spec(f"{module_name}.{name}", locations) is not None
    except Exception:  # an unreadable directory
        return False


def classes_defined_in(module: types.ModuleType, module_name: str, *, moved: bool = False) -> list[type]:
    """Every class defined in the module (nested ones too), in definition order.

    With *moved*, also the classes the module's own source defines whose
    ``__module__`` was set to another name (pandas's ``DataFrame`` in
    ``pandas.core.frame``), after the others.
    """
    ns: Any = static.module_dict(module) or {}
    seen: set[int] = set()
    result: list[type] = []
    stack: list[Any] = [v for v in ns.values() if static.is_class(v)]
    stack.reverse()
    while stack:
        cls = stack.pop()
        if id(cls) in seen or static.module_of(cls) != module_name:
            continue
        seen.add(id(cls))
        result.append(cls)
        prefix = static.qualname_of(cls) + "."
        nested = [
            v for v in static.dict_of(cls).values() if static.is_class(v) and static.qualname_of(v).startswith(prefix)
        ]
        stack.extend(reversed(nested))
    if moved:
        from pyinspect_cli.core.source import moved_classes

        result.extend(c for c in moved_classes(module_name, ns.values()) if id(c) not in seen)
    return result


def classes_imported_into(module: types.ModuleType, module_name: str) -> list[type]:
    """The classes a package re-exports from its own submodules, under their own names.

    ``unittest`` holds ``TestCase`` from ``unittest.case``: ``mro-explain unittest:TestCase`` works,
    but ``mro-explain unittest`` lists nothing, since the package defines no class itself.
    """
    ns: Any = static.module_dict(module) or {}
    prefix = module_name + "."
    seen: set[int] = set()
    result: list[type] = []
    for key, value in ns.items():
        if type(key) is not str or key.startswith("_") or not static.is_class(value) or id(value) in seen:
            continue
        if static.name_of(value) != key or not static.module_of(value).startswith(prefix):
            continue
        seen.add(id(value))
        result.append(value)
    return result


def load_target(
    text: str,
    *,
    paths: Sequence[str | os.PathLike[str]] = (),
    timeout: float | None = DEFAULT_TIMEOUT,
    require_class: bool = False,
) -> Loaded:
    """Parse and load a TARGET: the module, and the class when one is named.

    Raises:
        TargetError: malformed target, missing module or class (exit code 2).
        ImportFailed: the module could not be imported (exit code 3).
    """
    target = parse_target(text)
    if require_class and target.qualname is None:
        raise TargetError(
            f"{text!r} names a module; this command needs a class",
            f"write MODULE:CLASS, e.g. {target.label}:MyClass",
            exit_code=ExitCode.USAGE,
        )
    module, module_name, output = load_module(target, paths=paths, timeout=timeout, guard_process=True)
    cls = (
        resolve_class(module, module_name, target.qualname, timeout=timeout, guard_process=True, output=output)
        if target.qualname
        else None
    )
    return Loaded(target, module, module_name, cls, output)
