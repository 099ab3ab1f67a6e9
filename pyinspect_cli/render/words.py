"""Wording every renderer, reporter and command shares (stdlib only: the light paths use it)."""

from __future__ import annotations

__all__ = ["plural"]


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 finding``, ``2 findings``, ``3 classes`` (*many* for irregular plurals)."""
    return f"{count} {word if count == 1 else (many or word + 's')}"
