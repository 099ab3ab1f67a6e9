"""``explain`` (the default command), ``what-if`` and ``schema``."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command("explain")
    def explain(target: str) -> None:
        """Explain the MRO of MODULE:CLASS (default command)."""
        typer.echo(target)
