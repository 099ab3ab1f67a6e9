"""Errors the user sees, and the exit codes they map to.

Every layer raises :class:`MroExplainError` (or a subclass) for problems that
are the user's to fix; :func:`pyinspect_cli.commands._errors.exit_code_for` (shared by
the Typer commands and the fast paths) prints ``message`` and ``hint`` on stderr, and the
command exits with ``exit_code``. Anything else escaping is a bug in mro-explain.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Documented exit codes of the ``mro-explain`` command."""

    OK = 0
    #: the analysis found what the user asked to be told about: an inconsistent
    #: hierarchy in ``what-if``, audit findings at or above the threshold
    FINDINGS = 1
    #: bad command line, bad target string, missing module/class, bad config
    USAGE = 2
    #: the target could not be imported or analysed (it raised, exited, timed
    #: out), ``dot`` is missing, or an internal error happened
    ENVIRONMENT = 3
    #: stopped with Ctrl-C (the shell convention: 128 + SIGINT)
    INTERRUPTED = 130


class MroExplainError(Exception):
    """An error with a one-line message, an optional hint and an exit code."""

    exit_code: ExitCode = ExitCode.ENVIRONMENT

    def __init__(self, message: str, hint: str | None = None, *, exit_code: ExitCode | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        if exit_code is not None:
            self.exit_code = exit_code

    def __str__(self) -> str:
        return self.message


class TargetError(MroExplainError):
    """The TARGET string is malformed, or names something that does not exist."""

    exit_code = ExitCode.USAGE


class ImportFailed(MroExplainError):
    """Importing the user's module raised, exited or timed out."""

    exit_code = ExitCode.ENVIRONMENT

    def __init__(
        self,
        message: str,
        hint: str | None = None,
        *,
        module: str | None = None,
        exc_type: str | None = None,
        filename: str | None = None,
        lineno: int | None = None,
        exit_code: ExitCode | None = None,
    ) -> None:
        super().__init__(message, hint, exit_code=exit_code)
        self.module = module
        self.exc_type = exc_type
        self.filename = filename
        self.lineno = lineno


class ConfigError(MroExplainError):
    """The configuration (pyproject.toml or command line) is invalid."""

    exit_code = ExitCode.USAGE


class OutputError(MroExplainError):
    """An output file cannot be written (exists without --force, bad suffix...)."""

    exit_code = ExitCode.USAGE


class GraphvizMissing(MroExplainError):
    """The Graphviz ``dot`` executable is not installed or failed."""

    exit_code = ExitCode.ENVIRONMENT
