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

from pyinspect_cli.core import static
from pyinspect_cli.core.paths import display_path
from pyinspect_cli.core.record import Record, field
from pyinspect_cli.errors import ExitCode, ImportFailed, TargetError

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "ClassStatementFailure",
    "Loaded",
    "Target",
    "classes_defined_in",
    "classes_imported_into",
    "load_module",
    "load_target",
    "parse_target",
    "resolve_class",
]


def _module_dict(module: object) -> dict[str, Any]:
    """A module's namespace, string keys only (empty for an object that is not a module)."""
    ns = static.module_dict(module)
    return ns if ns is not None else {}


#: seconds an import may take before it is reported as hanging
DEFAULT_TIMEOUT = 30.0


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
        if not path.exists():
            raise TargetError(f"no such file: {module_part}", "check the path (relative to the current directory)")
        if path.is_dir():
            init = path / "__init__.py"
            if not init.exists():
                raise TargetError(f"{module_part} is a directory, not a Python package", "give a .py file or a package")
            path = init
        return Target(raw, None, path.resolve(), qualname)
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


@contextlib.contextmanager
def _captured_output(output: ImportOutput) -> Iterator[None]:
    """Capture what the import writes, at the Python and the file-descriptor level."""
    saved: list[tuple[int, int, Any]] = []
    try:
        for fd in (1, 2):
            try:
                sys_stream = sys.stdout if fd == 1 else sys.stderr
                if sys_stream is not None:
                    with contextlib.suppress(Exception):
                        sys_stream.flush()
                copy = os.dup(fd)
            except OSError:
                continue
            tmp = _scratch_file()
            os.dup2(tmp.fileno(), fd)
            saved.append((fd, copy, tmp))
    except Exception:  # pragma: no cover - exotic platforms
        pass
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            yield
    finally:
        with contextlib.suppress(Exception):
            out_text, err_text = out.getvalue(), err.getvalue()
        fd_text = {1: "", 2: ""}
        for fd, copy, tmp in saved:
            with contextlib.suppress(OSError):
                os.dup2(copy, fd)
                os.close(copy)
            with contextlib.suppress(Exception):
                tmp.seek(0)
                fd_text[fd] = tmp.read().decode("utf-8", "replace")
                tmp.close()
        output.stdout = out_text + fd_text[1]
        output.stderr = err_text + fd_text[2]


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
    timeout = _usable_timeout(timeout)
    with _sys_path(extra):
        if module_name in sys.modules:
            module = sys.modules[module_name]
            if target.file is None or _same_file(module, target.file):
                return module, module_name, output
            raise _shadowed(target.file, module_name, module)
        try:
            guard = _process_guard(module_name, timeout) if guard_process else contextlib.nullcontext()
            with guard, _captured_output(output), _deadline(timeout):
                module = importlib.import_module(module_name)
        except _ImportTimeout as exc:
            where = _user_frame(exc.__traceback__)
            at = f" (it was running {_location(*where)})" if where else ""
            raise ImportFailed(
                f"importing {module_name} did not finish within {timeout:g} s{at}",
                "the module probably loops or waits at import; guard that code with "
                "`if __name__ == '__main__':`, or raise --timeout",
                module=module_name,
                exc_type="timeout",
            ) from None
        except ModuleNotFoundError as exc:
            missing = exc.name or ""
            if missing and (module_name == missing or module_name.startswith(missing + ".")):
                raise TargetError(
                    f"no module named {missing!r}",
                    _module_hint(missing, [os.fspath(p) for p in paths]),
                ) from None
            raise _import_failed(module_name, exc) from None
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
        except SystemExit as exc:
            where = _user_frame(exc.__traceback__)
            at = f" at {_location(*where)}" if where else ""
            code = _exit_code_text(exc.code)
            raise ImportFailed(
                f"importing {module_name} called sys.exit({code}){at}",
                "the module exits when imported; guard that code with `if __name__ == '__main__':`",
                module=module_name,
                exc_type="SystemExit",
                filename=where[0] if where else None,
                lineno=where[1] if where else None,
            ) from None
        except _OsExitCalled as exc:
            where = _user_frame(exc.__traceback__)
            at = f" at {_location(*where)}" if where else ""
            raise ImportFailed(
                f"importing {module_name} called os._exit({_exit_code_text(exc.code)}){at}",
                "the module exits when imported; guard that code with `if __name__ == '__main__':`",
                module=module_name,
                exc_type="SystemExit",
                filename=where[0] if where else None,
                lineno=where[1] if where else None,
            ) from None
        except KeyboardInterrupt:
            raise ImportFailed(
                f"importing {module_name} was interrupted",
                None,
                module=module_name,
                exit_code=ExitCode.INTERRUPTED,
            ) from None
        except Exception as exc:
            failure = _class_statement_failure(exc)
            if failure is not None:
                raise ClassStatementError(
                    f"importing {module_name} failed: class {failure.name} at "
                    f"{_location(failure.filename, failure.lineno)}: {' '.join(failure.message.split())}",
                    None,
                    failure=failure,
                    module=module_name,
                ) from None
            raise _import_failed(module_name, exc) from None
    if target.file is not None and not _same_file(module, target.file):
        raise _shadowed(target.file, module_name, module)
    return module, module_name, output


def _shadowed(path: Path, module_name: str, module: types.ModuleType) -> TargetError:
    """A file whose module name is taken by another module (``typing.py`` next to the user's code)."""
    file = _module_dict(module).get("__file__")
    where = f" ({_location(file, 0).rsplit(':', 1)[0]})" if isinstance(file, str) else " (built in)"
    return TargetError(
        f"{path} imports as {module_name!r}, but that name is already the module {module_name}{where}",
        "rename the file: it has the name of a module Python already uses",
    )


def _same_file(module: types.ModuleType, path: Path) -> bool:
    ns = _module_dict(module)
    file = ns.get("__file__")
    return isinstance(file, str) and os.path.realpath(file) == os.path.realpath(path)


def _module_hint(missing: str, paths: Sequence[str] = ()) -> str:
    for path in paths:
        if os.path.isfile(path):
            return f"--path {path} is a file; --path takes the directory that contains the module"
        if not os.path.isdir(path):
            return f"--path {path} does not exist"
    return (
        f"check the spelling; run mro-explain from the directory that contains {missing.split('.')[0]!r}, "
        "or add it with --path DIR"
    )


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


def _import_failed(module_name: str, exc: BaseException) -> ImportFailed:
    where = _user_frame(exc.__traceback__)
    at = f" at {_location(*where)}" if where else ""
    first = _exception_text(exc)
    kind = static.name_of(type(exc))
    return ImportFailed(
        f"importing {module_name} failed{at}: {kind}: {first}".rstrip(": "),
        "mro-explain has to import the module to read its classes; fix the error above "
        "(or install what it needs) and try again",
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


def resolve_class(module: types.ModuleType, module_name: str, qualname: str) -> type:
    """Find ``Outer.Inner`` in a module without calling anything.

    Raises:
        TargetError: the name is missing (with close matches) or not a class.
    """
    ns: Any = _module_dict(module)
    parts = qualname.split(".")
    owner_label = module_name
    obj: Any = None
    for i, part in enumerate(parts):
        if i == 0:
            found = part in ns
            value = ns.get(part) if found else None
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
                [k for k, v in ns.items() if static.is_class(v)]
                if i == 0
                else [k for k, v in static.dict_of(obj).items() if static.is_class(v)]
            )
            import difflib

            close = difflib.get_close_matches(part, candidates, n=3, cutoff=0.6)
            hint = f"did you mean {', '.join(close)}?" if close else None
            if hint is None and candidates:
                shown = ", ".join(sorted(candidates)[:8])
                hint = f"classes there: {shown}" + (" …" if len(candidates) > 8 else "")
            if i == 0 and "__getattr__" in ns and hint is None:
                hint = (
                    f"{module_name} defines a module __getattr__ (lazy attributes); mro-explain does not "
                    "call it: name the module that defines the class"
                )
            raise TargetError(
                f"{owner_label} has no class named {part!r}", hint or f"list them with: mro-explain {module_name}"
            )
        if not static.is_class(value):
            if type(value) is types.ModuleType:
                inner = _module_dict(value).get("__name__")
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


def _is_submodule(module: types.ModuleType, module_name: str, name: str) -> bool:
    """Whether ``module_name.name`` is a submodule of a package (found, not imported)."""
    if "__path__" not in _module_dict(module):
        return False
    try:
        return importlib.util.find_spec(f"{module_name}.{name}") is not None
    except Exception:  # a broken package __path__ or finder
        return False


def classes_defined_in(module: types.ModuleType, module_name: str, *, moved: bool = False) -> list[type]:
    """Every class defined in the module (nested ones too), in definition order.

    With *moved*, also the classes the module's own source defines whose
    ``__module__`` was set to another name (pandas's ``DataFrame`` in
    ``pandas.core.frame``), after the others.
    """
    ns: Any = _module_dict(module)
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
    ns: Any = _module_dict(module)
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
    cls = resolve_class(module, module_name, target.qualname) if target.qualname else None
    return Loaded(target, module, module_name, cls, output)
