"""Rich consoles for stdout and stderr, configured once.

Never pass user text (class names, attribute names, docstrings) as markup:
build :class:`rich.text.Text` objects (``Text(name, style=...)``,
``Text.assemble``) or :func:`rich.markup.escape` it. Names like
``[bold red]x[/]`` must print exactly as written.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console, RenderableType
from rich.segment import Segment
from rich.theme import Theme

from pyinspect_cli.render.fit import env_columns
from pyinspect_cli.render.safe import escape_control

THEME = Theme(
    {
        "mx.class": "bold cyan",
        "mx.target": "bold magenta",
        "mx.module": "dim",
        "mx.builtin": "dim cyan",
        "mx.taken": "bold green",
        "mx.blocked": "bold red",
        "mx.head": "bold yellow",
        "mx.muted": "dim",
        "mx.heading": "bold",
        "mx.ok": "green",
        "mx.warn": "yellow",
        "mx.error": "bold red",
        "mx.data": "bold blue",
        "mx.nondata": "bold green",
        "mx.plain": "white",
    }
)


class SafeConsole(Console):
    """A Rich console that writes control characters in the text it prints escaped.

    Rich's own styles and cursor controls are applied after, so they still work; an
    escape sequence inside a class name or a message prints as ``\\x1b[2J``.
    """

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        return super()._render_buffer(
            Segment(escape_control(text), style, control) if not control else Segment(text, style, control)
            for text, style, control in buffer
        )


class _Console(SafeConsole):
    def on_broken_pipe(self) -> None:
        """The reader went away (``mro-explain ... | head``): let the command end as it does for plain output.

        Rich's own handler exits with code 1; the commands treat a closed pipe as success.
        """
        raise BrokenPipeError


def print_fitted(console: Console, renderable: RenderableType, *, piped_width: int | None = None) -> None:
    """Print a view at the terminal's width; piped, at ``COLUMNS`` when it is set, without trailing blanks.

    Piped without ``COLUMNS``: at the console's width, or at least *piped_width* (a tree
    whose long lines are better left whole than wrapped at 80).
    """
    if console.is_terminal:
        console.print(renderable, crop=False)
        return
    columns = env_columns()
    if columns is not None:
        console.width = columns
    elif piped_width is not None:
        console.width = max(console.width, piped_width)
    with console.capture() as captured:
        console.print(renderable, crop=False)
    text = "\n".join(line.rstrip() for line in captured.get().splitlines())
    console.file.write(text + "\n")
    console.file.flush()


def make_console(*, stderr: bool = False, width: int | None = None) -> Console:
    """A console that styles on a terminal and writes plain text elsewhere."""
    return _Console(stderr=stderr, theme=THEME, highlight=False, soft_wrap=False, width=width)
