"""The one place the commands write: stdout (plain text, JSON, bytes, rich) and stderr (notes, errors).

Typer-free, so that the fast path (:mod:`pyinspect_cli.fastpath`) writes exactly as the
Typer commands do. Every line the user sees goes through :func:`clean` first.
"""

from __future__ import annotations

import contextlib
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

PROG = "mro-explain"


def clean(text: str) -> str:
    """*text* as it may reach the user's terminal or pipe: control characters escaped."""
    from pyinspect_cli.render.safe import escape_control

    return escape_control(text)


def write_stdout(text: str, *, styled: bool = False) -> None:
    """Write *text* to stdout, ending with one newline, control characters escaped.

    ``styled``: the text was rendered by a :class:`~pyinspect_cli.render.console.SafeConsole`
    (it escaped the user's text and added its own colour codes).
    """
    if not styled:
        text = clean(text)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    sys.stdout.flush()


def is_terminal(stream: Any) -> bool:
    """Whether *stream* is a terminal (False for pipes, files, closed and missing streams)."""
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def stdout_is_terminal() -> bool:
    """Whether stdout is a terminal (False for pipes, files and closed streams)."""
    return is_terminal(sys.stdout)


def _to_stderr(text: str) -> None:
    # A reader that went away (`mro-explain x 2>&1 | head -1`) must not turn a failure into
    # a broken-pipe exit: what could not be written is dropped, the exit code stays.
    with contextlib.suppress(BrokenPipeError, ValueError, OSError):
        sys.stderr.write(text)
        sys.stderr.flush()


def print_error(message: str, hint: str | None = None) -> None:
    """One line saying what went wrong (and one saying what to do) on stderr."""
    text = f"{PROG}: error: {clean(message)}\n"
    if hint:
        text += f"  hint: {clean(hint)}\n"
    _to_stderr(text)


def print_note(message: str) -> None:
    """A note for the user on stderr (stdout stays data only)."""
    _to_stderr(f"{PROG}: note: {clean(message)}\n")


class Output:
    """Where a command's result goes: ``fmt`` (``text`` or ``json``) and rich or plain text.

    ``rich=None`` decides from stdout: rich on a terminal, plain when piped.
    """

    def __init__(self, fmt: str = "text", *, rich: bool | None = None) -> None:
        self.fmt = fmt
        self._rich = rich

    @property
    def json(self) -> bool:
        return self.fmt == "json"

    @property
    def rich(self) -> bool:
        """Rich styling (colours, tables) rather than plain text."""
        if self.json:
            return False
        return stdout_is_terminal() if self._rich is None else self._rich

    @property
    def columns(self) -> int | None:
        """The width plain text is wrapped to: ``COLUMNS`` when it is set, else none (a pipe has no width)."""
        from pyinspect_cli.render.fit import env_columns

        return env_columns()

    def text(self, text: str, *, styled: bool = False) -> None:
        """Write *text* to stdout, ending with one newline (see :func:`write_stdout`)."""
        write_stdout(text, styled=styled)

    def document(self, document: Any) -> None:
        """Write a JSON document (a pydantic model of :mod:`pyinspect_cli.render.json`)."""
        from pyinspect_cli.render.json import dumps

        self.text(dumps(document))

    def data(self, data: object) -> None:
        """Write a JSON document built as plain data (see :func:`~pyinspect_cli.render.safe.json_text`)."""
        from pyinspect_cli.render.safe import json_text

        self.text(json_text(data))

    def raw(self, text: str) -> None:
        """Write *text* exactly as given (JSON Schema, DOT)."""
        sys.stdout.write(text)
        sys.stdout.flush()

    def binary(self, data: bytes) -> None:
        """Write bytes (a PNG or PDF) to stdout."""
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()

    def console(self, *, stderr: bool = False) -> Console:
        """A rich console on stdout (or stderr): styled on a terminal, plain text elsewhere."""
        from pyinspect_cli.render.console import make_console

        return make_console(stderr=stderr)

    note = staticmethod(print_note)
    error = staticmethod(print_error)
