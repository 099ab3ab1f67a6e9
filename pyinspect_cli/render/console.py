"""Rich consoles for stdout and stderr, configured once.

Never pass user text (class names, attribute names, docstrings) as markup:
build :class:`rich.text.Text` objects (``Text(name, style=...)``,
``Text.assemble``) or :func:`rich.markup.escape` it. Names like
``[bold red]x[/]`` must print exactly as written.
"""

from __future__ import annotations

from rich.console import Console
from rich.theme import Theme

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


class _Console(Console):
    def on_broken_pipe(self) -> None:
        """The reader went away (``mro-explain ... | head``): let the command end as it does for plain output.

        Rich's own handler exits with code 1; the commands treat a closed pipe as success.
        """
        raise BrokenPipeError


def make_console(*, stderr: bool = False, width: int | None = None) -> Console:
    """A console that styles on a terminal and writes plain text elsewhere."""
    return _Console(stderr=stderr, theme=THEME, highlight=False, soft_wrap=False, width=width)
