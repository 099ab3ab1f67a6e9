"""Fitting output to a width: the terminal's, or ``COLUMNS`` when the output is piped.

Lines are cut only at spaces (or after a separator such as ``", "``), never inside a
name: a class, an attribute or a path that is longer than the room left stays whole on
its own line. Continuation lines are indented under the start of their column.

Light on purpose (Rich is imported only by the functions that build Rich text), so the
plain-text paths can use it without loading Rich.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

#: narrower than this, ``COLUMNS`` is not taken as a width (nothing useful fits)
MIN_COLUMNS = 40


def env_columns() -> int | None:
    """``COLUMNS`` when it is set (and at least :data:`MIN_COLUMNS`): the width of piped text."""
    value = os.environ.get("COLUMNS", "")
    return int(value) if value.isdigit() and int(value) >= MIN_COLUMNS else None


def fit_width(console: Console) -> int | None:
    """The width *console*'s lines must fit: the terminal's, ``COLUMNS`` when piped, else none."""
    if console.is_terminal:
        return console.width
    return env_columns()


def _cells(text: str) -> list[int]:
    """The cell offset at the end of each character of *text*."""
    from rich.cells import cell_len

    ends: list[int] = []
    total = 0
    for char in text:
        total += cell_len(char)
        ends.append(total)
    return ends


def _cut(plain: str, width: int, start: int, separators: Sequence[str]) -> tuple[int, int] | None:
    """Where to cut *plain* so that its head fits *width* cells: ``(end of head, start of tail)``.

    The cut is at the last separator that leaves a head within *width* (else the last
    space), after *start* (the indent: a line is never cut into nothing). A first word
    longer than the room is kept whole: the cut comes after it.
    """
    ends = _cells(plain)
    fits = sum(1 for e in ends if e <= width)  # characters that fit
    for seps in ((*separators,), (" ",)):
        best: tuple[int, int] | None = None
        for sep in seps:
            keep = len(sep.rstrip(" "))  # ", " keeps its comma on the head, " → " its arrow
            for match in re.finditer(re.escape(sep), plain):
                head_end = match.start() + keep
                if head_end > fits:
                    break
                if plain[start:head_end].strip() and (best is None or head_end > best[0]):
                    best = (head_end, match.end())
        if best is not None:
            return best
    for match in re.finditer(" ", plain):
        if match.start() > fits and plain[start : match.start()].strip():
            return (match.start(), match.end())
    return None


def _width_of(text: str) -> int:
    ends = _cells(text)
    return ends[-1] if ends else 0


def _indent(line: str, width: int, indent: int | None) -> int:
    """The indent of continuation lines: *indent*, or a little more than the line's own where
    *indent* would leave less than half the width (a narrow terminal)."""
    own = len(line) - len(line.lstrip(" "))
    if indent is None:
        return own
    return indent if indent <= width // 2 else min(own + 4, width // 2)


def wrap_plain(line: str, width: int | None, *, indent: int | None = None, separators: Sequence[str] = ()) -> list[str]:
    """*line* as lines of at most *width* cells, cut between words (see :func:`wrap_text`)."""
    if width is None or _width_of(line) <= width:
        return [line]
    indent = _indent(line, width, indent)
    out: list[str] = []
    start = len(line) - len(line.lstrip(" "))
    while _width_of(line) > width:
        cut = _cut(line, width, start, separators)
        if cut is None or not line[cut[1] :].strip():
            break
        out.append(line[: cut[0]].rstrip())
        line = " " * indent + line[cut[1] :].lstrip(" ")
        start = indent
    out.append(line)
    return out


def wrap_text(
    text: Text, width: int | None, *, indent: int | None = None, separators: Sequence[str] = ()
) -> list[Text]:
    """*text* as lines of at most *width* cells, cut between words, styles kept.

    Continuation lines start with *indent* spaces (by default the text's own leading
    spaces). *separators* (``", "``, ``" → "``) are preferred cut points over plain
    spaces; a name longer than the room is never split. ``width=None``: one line.
    """
    from rich.text import Text as RichText

    if width is None or text.cell_len <= width:
        return [text]
    plain = text.plain
    indent = _indent(plain, width, indent)
    out: list[Text] = []
    start = len(plain) - len(plain.lstrip(" "))
    rest = text
    while rest.cell_len > width:
        plain = rest.plain
        cut = _cut(plain, width, start, separators)
        if cut is None:
            break
        tail_start = cut[1] + (len(plain) - cut[1] - len(plain[cut[1] :].lstrip(" ")))
        if tail_start >= len(plain):
            break
        head = rest[: cut[0]]
        head.rstrip()
        out.append(head)
        rest = RichText.assemble(" " * indent, rest[tail_start:])
        start = indent
    out.append(rest)
    return out
