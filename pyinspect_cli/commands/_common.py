"""Options and helpers shared by every command.

Every command body runs inside :func:`user_errors`, which turns
:class:`~pyinspect_cli.errors.MroExplainError` into one or two lines on stderr
and the documented exit code, and any other exception into a short internal
error message (the traceback only with ``--debug``).
"""

from __future__ import annotations

import contextlib
import enum
from collections.abc import Iterator
from typing import Annotated

import typer

from pyinspect_cli.commands._errors import debug_enabled, exit_code_for, print_error
from pyinspect_cli.commands._explain_impl import (
    load_class,
    print_note,
    report_import_output,
    stdout_is_terminal,
    write_stdout,
)

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


@contextlib.contextmanager
def user_errors() -> Iterator[None]:
    """Map errors to messages and exit codes (see :class:`ExitCode`)."""
    try:
        yield
    except (typer.Exit, typer.Abort):
        raise
    except BaseException as exc:
        code = exit_code_for(exc)
        if code is None:
            raise
        raise typer.Exit(code) from None
