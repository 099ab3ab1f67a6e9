"""What every command shares: where to import from, how long an import may take, where output goes.

Typer-free: the fast path (:mod:`pyinspect_cli.fastpath`) and the Typer commands build the
same :class:`Runtime` and load targets through it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from pyinspect_cli.commands._output import Output, print_note
from pyinspect_cli.loading import DEFAULT_TIMEOUT
from pyinspect_cli.render.words import plural

if TYPE_CHECKING:
    from pyinspect_cli.loading import Loaded

__all__ = ["DEFAULT_DELAY", "DEFAULT_TIMEOUT", "Runtime", "report_import_output"]

#: seconds between animation frames (``--delay``)
DEFAULT_DELAY = 0.8


class Runtime:
    """The common options of a command (``--path``, ``--timeout``, ``--format``) and its output."""

    def __init__(
        self,
        *,
        paths: Sequence[str] | None = (),
        timeout: float | None = DEFAULT_TIMEOUT,
        fmt: str = "text",
        rich: bool | None = None,
    ) -> None:
        self.paths: Sequence[str] = paths or ()
        self.timeout = timeout
        self.out = Output(fmt, rich=rich)

    def load_target(self, target: str, *, require_class: bool = False) -> Loaded:
        """Import what *target* names; tell (on stderr) what its import printed."""
        from pyinspect_cli import loading

        loaded = loading.load_target(target, paths=self.paths, timeout=self.timeout, require_class=require_class)
        report_import_output(loaded)
        return loaded

    def load_class(self, target: str) -> type:
        """Load a ``MODULE:CLASS`` target and return the class.

        Raises:
            TargetError: not a class target, or no such module or class (exit code 2).
            ImportFailed: the module could not be imported (exit code 3).
        """
        loaded = self.load_target(target, require_class=True)
        assert loaded.cls is not None
        return loaded.cls


def report_import_output(loaded: Any) -> None:
    """Tell (on stderr) that the target printed while it was imported."""
    output = loaded.output
    if output.replaced_by is not None:
        print_note(
            f"import {loaded.module_name} gives a {output.replaced_by} (the module replaced itself in "
            "sys.modules); its classes are read from the module the import ran"
        )
    if not output.printed:
        return
    lines = (output.stdout + output.stderr).splitlines()
    first = lines[0].strip() if lines else ""
    if len(first) > 60:
        first = first[:59] + "…"
    print_note(
        f"importing {loaded.module_name} printed {plural(len(lines), 'line')}, kept out of the output"
        + (f" (first: {first!r})" if first else "")
    )
