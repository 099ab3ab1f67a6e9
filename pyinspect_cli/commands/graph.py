"""``mro-explain graph``: the inheritance diagram with the MRO drawn on it (Graphviz).

The command's work is in :mod:`pyinspect_cli.commands._graph_impl` (shared with the fast path).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pyinspect_cli.commands._common import DEFAULT_TIMEOUT, PathOption, Runtime, TimeoutOption, user_errors
from pyinspect_cli.commands._graph_impl import _WIDE, STEPS_DRAWING_LIMIT, Direction, GraphFormat, run_graph


def register(app: typer.Typer) -> None:
    @app.command("graph")
    def graph(
        targets: Annotated[
            list[str],
            typer.Argument(
                help="MODULE:CLASS, a module, a package (with --recursive), or with --what-if the bases.",
                metavar="TARGET...",
                show_default=False,
            ),
        ],
        output: Annotated[
            Path | None,
            typer.Option(
                "--output",
                "-o",
                help="File to write; the format comes from its suffix. Default: DOT on stdout.",
                metavar="FILE",
            ),
        ] = None,
        fmt: Annotated[
            GraphFormat | None,
            typer.Option(
                "--format",
                "-f",
                help="Default: from the -o suffix, else dot. A diagram has no text or json form: "
                "the data is in `mro-explain TARGET --format json`.",
                case_sensitive=False,
                show_default=False,
            ),
        ] = None,
        force: Annotated[bool, typer.Option("--force", help="Overwrite files mro-explain did not write.")] = False,
        recursive: Annotated[
            bool, typer.Option("--recursive", "-r", help="For a package: every class in every submodule.")
        ] = False,
        what_if: Annotated[
            bool,
            typer.Option("--what-if", help="Draw `class New(TARGET, ...)` (never created) and the MRO it would get."),
        ] = False,
        name: Annotated[str, typer.Option("--name", help="Name of the --what-if class.", metavar="NAME")] = "New",
        hide_object: Annotated[bool, typer.Option("--hide-object", help="Leave `object` out.")] = False,
        metaclasses: Annotated[
            bool, typer.Option("--metaclasses", help="Draw each class's metaclass (when not `type`) as a dashed edge.")
        ] = False,
        descriptors: Annotated[
            bool,
            typer.Option("--descriptors", help="List each class's own attributes: data / non-data descriptors, plain."),
        ] = False,
        direction: Annotated[
            Direction | None,
            typer.Option(
                "--direction",
                help="Where the bases go: TB (above, as in UML), BT, LR, RL "
                f"[default: TB; LR when a class has more than {_WIDE} bases].",
                case_sensitive=False,
                show_default=False,
            ),
        ] = None,
        max_depth: Annotated[
            int | None,
            typer.Option("--max-depth", help="Draw ancestors at most N inheritance levels up.", min=0, metavar="N"),
        ] = None,
        full: Annotated[
            bool,
            typer.Option(
                "--full",
                help="Draw every class as its own box. A large diagram (more than 25 classes) lists the "
                "classes of each other module in one box, and a module's many subclasses of one base.",
            ),
        ] = False,
        steps: Annotated[
            Path | None,
            typer.Option(
                "--steps",
                help="Write one SVG per C3 merge step and an HTML player into DIR.",
                metavar="DIR",
                file_okay=False,
            ),
        ] = None,
        path: PathOption = None,
        timeout: TimeoutOption = DEFAULT_TIMEOUT,
        no_limit: Annotated[
            bool,
            typer.Option(
                "--no-limit",
                help=f"Draw --steps however large (the limit: {STEPS_DRAWING_LIMIT:,} classes in all frames).",
            ),
        ] = False,
    ) -> None:
        """Draw the inheritance diagram of TARGET with its MRO (Graphviz): DOT, SVG, PNG or PDF.

        Exit codes: 0 written; 1 --what-if bases that CPython would refuse (the
        picture shows why); 2 bad target or output file; 3 import failed or
        Graphviz `dot` missing (the DOT is then saved next to -o).
        """
        with user_errors():
            code = run_graph(
                targets,
                output=output,
                fmt=fmt,
                force=force,
                recursive=recursive,
                what_if=what_if,
                name=name,
                hide_object=hide_object,
                metaclasses=metaclasses,
                descriptors=descriptors,
                direction=direction.value if direction is not None else None,
                max_depth=max_depth,
                full=full,
                steps=steps,
                rt=Runtime(paths=path or (), timeout=timeout),
                no_limit=no_limit,
            )
        if code:
            raise typer.Exit(code)
