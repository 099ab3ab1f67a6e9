"""The options every command shares, declared once, and the error handling around each command.

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

from pyinspect_cli.commands._errors import exit_code_for
from pyinspect_cli.commands._runtime import DEFAULT_DELAY, DEFAULT_TIMEOUT, Runtime

__all__ = [
    "DEFAULT_DELAY",
    "DEFAULT_TIMEOUT",
    "AnimateOption",
    "ClassArgument",
    "ConfigTimeoutOption",
    "DelayOption",
    "FormatOption",
    "OutputFormat",
    "PathOption",
    "Runtime",
    "StepOption",
    "TimeoutOption",
    "runtime",
    "user_errors",
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
        show_default=False,
    ),
]


def _timeout_rule(value: float | None) -> float | None:
    """``--timeout`` by the rule the config's ``timeout`` and the fast paths follow too."""
    from pyinspect_cli.loading import check_timeout

    if value is None:
        return None
    try:
        return check_timeout(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


TimeoutOption = Annotated[
    float,
    typer.Option(
        "--timeout",
        help="Seconds the import of the target may take before it is reported as hanging; 0: no limit.",
        callback=_timeout_rule,
        metavar="SECONDS",
    ),
]
#: ``--timeout`` of the commands that read the config (audit, diff, snapshot): the same rule as
#: :data:`TimeoutOption` and the config's ``timeout`` (:func:`pyinspect_cli.loading.check_timeout`)
ConfigTimeoutOption = Annotated[
    float | None,
    typer.Option(
        "--timeout",
        help=(
            "Seconds each module may take to import and analyse; 0: no limit "
            f"[default: `timeout` in the config, else {DEFAULT_TIMEOUT:g}]."
        ),
        callback=_timeout_rule,
        show_default=False,
        metavar="SECONDS",
    ),
]
ClassArgument = Annotated[
    str,
    typer.Argument(help="MODULE:CLASS (or path/to/file.py:CLASS).", metavar="TARGET", show_default=False),
]
AnimateOption = Annotated[
    bool,
    typer.Option("--animate", "-a", help="Play it step by step on a terminal (the plain result elsewhere)."),
]
DelayOption = Annotated[
    float,
    typer.Option(
        "--delay",
        help="With --animate: seconds between steps (0 to 60).",
        min=0.0,
        max=60.0,
        metavar="SECONDS",
    ),
]
StepOption = Annotated[
    bool, typer.Option("--step", help="With --animate: wait for Enter before each step instead of a delay.")
]


def runtime(
    fmt: OutputFormat | str = "text", path: list[str] | None = None, timeout: float = DEFAULT_TIMEOUT
) -> Runtime:
    """The shared runtime of a command from its common options."""
    return Runtime(paths=path or (), timeout=timeout, fmt=fmt.value if isinstance(fmt, OutputFormat) else fmt)


@contextlib.contextmanager
def user_errors() -> Iterator[None]:
    """Map errors to messages and exit codes (see :class:`~pyinspect_cli.errors.ExitCode`)."""
    try:
        yield
    except (typer.Exit, typer.Abort):
        raise
    except BaseException as exc:
        code = exit_code_for(exc)
        if code is None:
            raise
        raise typer.Exit(code) from None
