"""Checks shared by the tests of output fitted to a width."""

from __future__ import annotations

from collections import Counter

from rich.cells import cell_len


def assert_fits(text: str, width: int) -> None:
    """No line of *text* is wider than *width*, but a single word (a long path) alone on its line."""
    for line in text.splitlines():
        if cell_len(line) > width:
            assert len(line.split()) == 1, f"{cell_len(line)} > {width}: {line!r}"


def assert_words_whole(narrow: str, wide: str) -> None:
    """*narrow* has the words of *wide*: lines were cut between words, never inside one."""
    narrow_words = set(Counter(narrow.split()))
    wide_words = set(Counter(wide.split()))
    assert narrow_words - wide_words == set(), "words broken across lines"
    assert wide_words - narrow_words == set(), "words lost"
