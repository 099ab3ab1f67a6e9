"""``super``: which implementations of a method run, in which order, and which never do."""

from __future__ import annotations

from typing import Annotated

import typer

from pyinspect_cli.commands._common import (
    FormatOption,
    OutputFormat,
    PathOption,
    TimeoutOption,
    load_class,
    print_note,
    user_errors,
    write_stdout,
)


def register(app: typer.Typer) -> None:
    @app.command("super")
    def super_(
        target: Annotated[str, typer.Argument(help="MODULE:CLASS (or path/to/file.py:CLASS).", show_default=False)],
        method: Annotated[
            str | None,
            typer.Argument(help="The method whose chain to show; without it, every method defined twice or more."),
        ] = None,
        output_format: FormatOption = OutputFormat.text,
        path: PathOption = None,
        timeout: TimeoutOption = 30.0,
        animate: Annotated[
            bool, typer.Option("--animate", help="Walk the chain call by call on an interactive terminal.")
        ] = False,
        delay: Annotated[
            float, typer.Option("--delay", help="Seconds between animation frames.", min=0, metavar="SECONDS")
        ] = 1.0,
    ) -> None:
        """Show the super() chain of METHOD for instances of CLASS: every class that defines it,
        how each continues (super(), a direct Base.method call, or not at all), what actually
        runs, what never runs, and argument problems. Nothing of the class's code is run."""
        with user_errors():
            _run(target, method, output_format, path or [], timeout, animate, delay)


def _run(
    target: str,
    method: str | None,
    output_format: OutputFormat,
    paths: list[str],
    timeout: float,
    animate: bool,
    delay: float,
) -> None:
    from pyinspect_cli.core import static
    from pyinspect_cli.core.super_chain import chain_methods, is_method_like, super_chain
    from pyinspect_cli.errors import ExitCode, TargetError
    from pyinspect_cli.render.super_chain import build_view

    cls = load_class(target, paths=paths, timeout=timeout or None)
    class_id = static.class_id(cls)

    if method is None:
        views = [build_view(super_chain(cls, name)) for name in chain_methods(cls)]
        if output_format is OutputFormat.json:
            from pyinspect_cli.render.json import dumps
            from pyinspect_cli.render.json.super_chain import summary_document

            mro_ids = [static.class_id(k) for k in static.mro_of(cls)]
            write_stdout(dumps(summary_document(class_id, mro_ids, views)))
            return
        from pyinspect_cli.render.console import make_console
        from pyinspect_cli.render.super_chain import print_lines, summary_lines, summary_rows

        if animate:
            print_note("--animate needs a METHOD; printing the summary")
        print_lines(make_console(), summary_lines(class_id, summary_rows(views)))
        return

    if not any(method in static.dict_of(k) for k in static.mro_of(cls)):
        import difflib

        names = sorted(
            {
                name
                for k in static.mro_of(cls)
                for name, value in static.dict_of(k).items()
                if type(name) is str and is_method_like(value)
            }
        )
        close = difflib.get_close_matches(method, names, n=3, cutoff=0.6)
        hint = (
            f"did you mean {', '.join(close)}?"
            if close
            else f"run `mro-explain super {class_id}` to list the methods defined more than once"
        )
        raise TargetError(f"no class in the MRO of {class_id} defines {method!r}", hint, exit_code=ExitCode.USAGE)

    view = build_view(super_chain(cls, method))
    if output_format is OutputFormat.json:
        from pyinspect_cli.render.json import dumps
        from pyinspect_cli.render.json.super_chain import chain_document

        write_stdout(dumps(chain_document(view)))
        return

    from pyinspect_cli.render.console import make_console
    from pyinspect_cli.render.super_chain import animate_chain, chain_lines, print_lines

    console = make_console()
    if animate:
        if console.is_interactive:
            animate_chain(view, console, delay=delay)
            console.print()
        else:
            print_note("--animate needs an interactive terminal; printing the result instead")
    print_lines(console, chain_lines(view))
