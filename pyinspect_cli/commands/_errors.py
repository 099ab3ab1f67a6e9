"""What an exception escaping a command means for the user: a message and an exit code.

Typer-free, so that the fast path (:mod:`pyinspect_cli.fastpath`) and the
Typer commands (``_common.user_errors``) report errors the same way.
"""

from __future__ import annotations

import contextlib
import os
import sys

from pyinspect_cli.commands._output import print_error
from pyinspect_cli.errors import ExitCode, MroExplainError

DEBUG_ENV = "MRO_EXPLAIN_DEBUG"


def debug_enabled() -> bool:
    """``--debug`` (or ``MRO_EXPLAIN_DEBUG=1``): show tracebacks instead of short messages."""
    return os.environ.get(DEBUG_ENV, "") not in ("", "0")


def exit_code_for(exc: BaseException) -> int | None:
    """Report *exc* on stderr and return the exit code; ``None``: let it propagate.

    Errors the user can act on print their message and hint; Ctrl-C exits 130; a
    reader that went away (``| head``) is not an error; anything else is an
    internal error (exit 3). With ``--debug`` nothing is caught.
    """
    if debug_enabled():
        return None
    if isinstance(exc, MroExplainError):
        print_error(exc.message, exc.hint)
        return int(exc.exit_code)
    if isinstance(exc, KeyboardInterrupt):
        print_error("interrupted")
        return int(ExitCode.INTERRUPTED)
    if isinstance(exc, BrokenPipeError):
        with contextlib.suppress(Exception):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return int(ExitCode.OK)
    if isinstance(exc, Exception):
        print_error(
            f"internal error: {type(exc).__name__}: {exc}",
            "this is a bug in mro-explain; rerun with --debug for the traceback and report it",
        )
        return int(ExitCode.ENVIRONMENT)
    return None
