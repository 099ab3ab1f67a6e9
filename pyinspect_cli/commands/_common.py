"""Options and helpers shared by every command.

Every command body runs inside :func:`user_errors`, which turns
:class:`~pyinspect_cli.errors.MroExplainError` into one or two lines on stderr
and the documented exit code, and any other exception into a short internal
error message (the traceback only with ``--debug``).
"""

from __future__ import annotations

import contextlib
import enum
import os
import sys
from collections.abc import Iterator
from typing import Annotated

import typer

from pyinspect_cli.commands._explain_impl import load_class, print_note, report_import_output
from pyinspect_cli.errors import ExitCode, MroExplainError

__all__ = [
    "FormatOption",
    "OutputFormat",
    "PathOption",
    "TimeoutOption",
    "debug_enabled",
    "load_class",
    "print_error",
    "print_note",
    "report_import_output",
    "stdout_is_terminal",
    "user_errors",
    "write_stdout",
]

DEBUG_ENV = "MRO_EXPLAIN_DEBUG"


class OutputFormat(str, enum.Enum):
    """``--format`` of the analysis commands."""

    text = "text"
    json = "json"


FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format",
        "-f",
        help="text: rich on a terminal, plain when piped; json: the versioned schema (see `mro-explain schema`).",
        case_sensitive=False,
    ),
]
PathOption = Annotated[
    list[str] | None,
    typer.Option(
        "--path",
        "-p",
        help="Directory to put on sys.path before importing (repeatable). The current directory is always importable.",
        metavar="DIR",
    ),
]
TimeoutOption = Annotated[
    float,
    typer.Option(
        "--timeout", help="Seconds the import of the target may take before it is reported as hanging.", min=0
    ),
]


def debug_enabled() -> bool:
    return os.environ.get(DEBUG_ENV, "") not in ("", "0")


def print_error(message: str, hint: str | None = None) -> None:
    """One line saying what went wrong (and one saying what to do) on stderr."""
    stream = sys.stderr
    stream.write(f"mro-explain: error: {message}\n")
    if hint:
        stream.write(f"  hint: {hint}\n")
    stream.flush()


@contextlib.contextmanager
def user_errors() -> Iterator[None]:
    """Map errors to messages and exit codes (see :class:`ExitCode`)."""
    try:
        yield
    except MroExplainError as exc:
        if debug_enabled():
            raise
        print_error(exc.message, exc.hint)
        raise typer.Exit(int(exc.exit_code)) from None
    except (typer.Exit, typer.Abort):
        raise
    except KeyboardInterrupt:
        if debug_enabled():
            raise
        print_error("interrupted")
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
    except BrokenPipeError:
        # The reader went away (`mro-explain ... | head`): not an error.
        with contextlib.suppress(Exception):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(0) from None
    except Exception as exc:
        if debug_enabled():
            raise
        print_error(
            f"internal error: {type(exc).__name__}: {exc}",
            "this is a bug in mro-explain; rerun with --debug for the traceback and report it",
        )
        raise typer.Exit(int(ExitCode.ENVIRONMENT)) from None


def stdout_is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def write_stdout(text: str) -> None:
    """Write *text* to stdout, ending with one newline."""
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    sys.stdout.flush()
