"""``mro-explain registries`` (metaclasses, class-creation hooks, registries) and ``mro-explain metaclass``.

The work of ``registries`` is in :mod:`pyinspect_cli.commands._registries_impl` (shared with the fast path).
"""

from __future__ import annotations

from typing import Annotated

import typer

from pyinspect_cli.commands._common import (
    DEFAULT_TIMEOUT,
    ClassArgument,
    FormatOption,
    OutputFormat,
    PathOption,
    TimeoutOption,
    runtime,
    user_errors,
)
from pyinspect_cli.commands._registries_impl import run_registries


def register(app: typer.Typer) -> None:
    @app.command("registries")
    def registries(
        target: Annotated[
            str,
            typer.Argument(
                help="A module or package (pkg.mod, path/to/file.py, path/to/pkg).",
                metavar="MODULE",
                show_default=False,
            ),
        ],
        recursive: Annotated[
            bool, typer.Option("--recursive", "-r", help="Also every submodule of a package (imported one by one).")
        ] = False,
        fmt: FormatOption = OutputFormat.text,
        path: PathOption = None,
        timeout: TimeoutOption = DEFAULT_TIMEOUT,
    ) -> None:
        """Metaclasses, class-creation hooks and registries of every class a module defines."""
        with user_errors():
            run_registries(target, recursive=recursive, rt=runtime(fmt, path, timeout))

    @app.command("metaclass")
    def metaclass(
        target: ClassArgument,
        fmt: FormatOption = OutputFormat.text,
        path: PathOption = None,
        timeout: TimeoutOption = DEFAULT_TIMEOUT,
    ) -> None:
        """How the metaclass of MODULE:CLASS was chosen, its MRO, its hooks and the patterns they show."""
        with user_errors():
            from pyinspect_cli.core.metaclasses import explain_metaclass

            rt = runtime(fmt, path, timeout)
            loaded = rt.load_target(target, require_class=True)
            cls = loaded.cls
            assert cls is not None
            explanation = explain_metaclass(cls)
            if rt.out.json:
                from pyinspect_cli.render.json.registries import metaclass_document

                rt.out.document(metaclass_document(explanation))
                return
            from pyinspect_cli.render.console import print_fitted
            from pyinspect_cli.render.registries import PIPED_WIDTH, metaclass_view

            view = metaclass_view(explanation, local_modules=[loaded.module_name])
            print_fitted(rt.out.console(), view, piped_width=PIPED_WIDTH)
