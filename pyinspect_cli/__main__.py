"""Entry point of ``mro-explain`` and ``python -m pyinspect_cli``.

The common case, ``mro-explain MODULE:CLASS`` piped or in a script, is served
without loading Typer or Rich (see :mod:`pyinspect_cli.fastpath`); everything
else goes to the Typer app in :mod:`pyinspect_cli.cli`.
"""

from __future__ import annotations

import codecs
import sys

#: codec error handler for streams that cannot encode every character (``PYTHONIOENCODING=ascii``,
#: a cp1252 console): ``\\uXXXX`` escapes, which read as text and keep JSON strings valid
ESCAPE_ERRORS = "mro-explain-escape"


def _escape(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    out = []
    for char in error.object[error.start : error.end]:
        code = ord(char)
        if code > 0xFFFF:  # a surrogate pair, as JSON writes it
            code -= 0x10000
            out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            out.append(f"\\u{code:04x}")
    return "".join(out), error.end


def tolerant_streams() -> None:
    """Make stdout and stderr escape what their encoding cannot hold instead of raising."""
    codecs.register_error(ESCAPE_ERRORS, _escape)
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        reconfigure = getattr(stream, "reconfigure", None)
        if encoding in ("utf8", "utf8sig") or reconfigure is None:
            continue
        try:
            reconfigure(errors=ESCAPE_ERRORS)
        except (ValueError, OSError):  # a stream that was already written to in another way
            pass


def _run() -> int:
    from pyinspect_cli.fastpath import run_fast_path

    code = run_fast_path(sys.argv[1:])
    if code is not None:
        return code
    from pyinspect_cli.cli import app

    try:
        app(prog_name="mro-explain")
    except SystemExit as exc:
        if exc.code is None or type(exc.code) is int:
            return int(exc.code or 0)
        raise
    return 0


def _end(code: int) -> None:
    """Exit with *code*, even when a module started threads at import that are still running.

    Python waits for non-daemon threads before it exits; a module's server or worker
    thread would keep mro-explain alive after it printed its result. Exit handlers
    still run (and print to stderr), then the process ends.

    A process that imported none of the user's code (``audit``: the workers import
    it) ends the same way: tearing down the interpreter's modules one by one costs
    more than a small audit's report, and nothing of ours needs it.
    """
    threading = sys.modules.get("threading")
    waiting = []
    if threading is not None:
        current = threading.current_thread()
        waiting = [t for t in threading.enumerate() if t is not current and not t.daemon and t.is_alive()]
    loading = sys.modules.get("pyinspect_cli.loading")
    if waiting or not getattr(loading, "user_code_ran", False):
        import atexit
        import contextlib
        import os

        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        atexit._run_exitfuncs()
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(code)
    sys.exit(code)


def main() -> None:
    tolerant_streams()
    from pyinspect_cli.supervisor import supervise

    code = supervise(_run)
    _end(int(code or 0))


if __name__ == "__main__":
    main()
