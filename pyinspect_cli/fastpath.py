"""Serve ``mro-explain TARGET`` without loading Typer or Rich (filled in below)."""

from __future__ import annotations


def run_fast_path(argv: list[str]) -> int | None:
    """Handle the plain, piped default command; ``None`` means: use the full CLI."""
    return None
