"""Fitting output to a width: the terminal's, or ``COLUMNS`` when the output is piped.

Lines are cut only at spaces (or after a separator such as ``", "``), never inside a
name: a class, an attribute or a path that is longer than the room left stays whole on
its own line. Continuation lines are indented under the start of their column.

Light on purpose (Rich is imported only by :func:`wrap_text`, which cuts Rich text), so
the plain-text paths can use it without loading Rich.
"""

from __future__ import annotations

import os
import re
import unicodedata
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


def _cell_width(char: str) -> int:
    """Terminal cells of one character: 2 for wide East Asian characters, 0 for combining marks."""
    if char.isascii():
        return 1
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _cells(text: str) -> list[int]:
    """The cell offset at the end of each character of *text*."""
    ends: list[int] = []
    total = 0
    for char in text:
        total += _cell_width(char)
        ends.append(total)
    return ends


def _cut(plain: str, width: int, start: int, separators: Sequence[str]) -> tuple[int, int] | None:
    """Where to cut *plain* so that its head fits *width* cells: ``(end of head, start of tail)``.

    *separators* are tried in order: the first whose last fitting occurrence leaves at least
    half the room filled is taken; else the last fitting space (or separator). Never before
    *start* (the indent: a line is never cut into nothing). A first word longer than the room
    is kept whole: the cut comes after it.
    """
    # only the first *width* cells matter (a long line is not measured whole at every cut)
    ends = _cells(plain[: 2 * width + 2])
    fits = sum(1 for e in ends if e <= width)  # characters that fit
    half = start + (fits - start) // 2
    window = plain[: fits + 8]

    def last(sep: str) -> tuple[int, int] | None:
        keep = len(sep.rstrip(" "))  # ", " keeps its comma on the head, " → " its arrow
        best: tuple[int, int] | None = None
        for match in re.finditer(re.escape(sep), window):
            head_end = match.start() + keep
            if head_end > fits:
                break
            if plain[start:head_end].strip():
                best = (head_end, match.end())
        return best

    found = [cut for cut in map(last, separators) if cut is not None]
    for cut in found:
        if cut[0] >= half:
            return cut
    space = last(" ")
    candidates = [*found, *([space] if space is not None else [])]
    if candidates:
        return max(candidates)
    space_at = plain.find(" ", max(fits, start + 1))
    while space_at >= 0 and not plain[start:space_at].strip():
        space_at = plain.find(" ", space_at + 1)
    return None if space_at < 0 else (space_at, space_at + 1)


def _exceeds(text: str, width: int) -> bool:
    """Whether *text* is wider than *width* cells (measured only as far as needed)."""
    if text.isascii():
        return len(text) > width
    total = 0
    for char in text:
        total += _cell_width(char)
        if total > width:
            return True
    return False


def _indent(line: str, width: int, indent: int | None) -> int:
    """The indent of continuation lines: *indent*, or a little more than the line's own where
    *indent* would leave too narrow a column (less than 40 cells and half the width)."""
    own = len(line) - len(line.lstrip(" "))
    if indent is None:
        return own
    return indent if width - indent >= min(40, width // 2) else min(own + 4, width // 2)


def wrap_plain(line: str, width: int | None, *, indent: int | None = None, separators: Sequence[str] = ()) -> list[str]:
    """*line* as lines of at most *width* cells, cut between words (see :func:`wrap_text`)."""
    if width is None or not _exceeds(line, width):
        return [line]
    indent = _indent(line, width, indent)
    out: list[str] = []
    start = len(line) - len(line.lstrip(" "))
    while _exceeds(line, width):
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

    if width is None or not _exceeds(text.plain, width):
        return [text]
    plain = text.plain
    indent = _indent(plain, width, indent)
    out: list[Text] = []
    start = len(plain) - len(plain.lstrip(" "))
    rest = text
    while _exceeds(rest.plain, width):
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
