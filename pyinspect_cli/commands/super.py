"""``super``: which implementations of a method run, in which order, and which never do."""

from __future__ import annotations

from typing import Annotated

import typer

from pyinspect_cli.commands._common import (
    DEFAULT_DELAY,
    DEFAULT_TIMEOUT,
    AnimateOption,
    ClassArgument,
    DelayOption,
    FormatOption,
    OutputFormat,
    PathOption,
    Runtime,
    StepOption,
    TimeoutOption,
    runtime,
    user_errors,
)


def register(app: typer.Typer) -> None:
    @app.command("super")
    def super_(
        target: ClassArgument,
        method: Annotated[
            str | None,
            typer.Argument(
                help="The method whose chain to show; without it, every method defined twice or more.",
                metavar="METHOD",
                show_default=False,
            ),
        ] = None,
        fmt: FormatOption = OutputFormat.text,
        animate: AnimateOption = False,
        delay: DelayOption = DEFAULT_DELAY,
        step: StepOption = False,
        path: PathOption = None,
        timeout: TimeoutOption = DEFAULT_TIMEOUT,
    ) -> None:
        """Show the super() chain of METHOD for instances of CLASS: every class that defines it,
        how each continues (super(), a direct Base.method call, or not at all), what actually
        runs, what never runs, and argument problems. Nothing of the class's code is run."""
        with user_errors():
            _run(target, method, runtime(fmt, path, timeout), animate=animate, delay=delay, manual=step)


def _run(target: str, method: str | None, rt: Runtime, *, animate: bool, delay: float, manual: bool) -> None:
    from pyinspect_cli.core import static
    from pyinspect_cli.core.super_chain import chain_methods, is_method_like, super_chain
    from pyinspect_cli.errors import ExitCode, TargetError
    from pyinspect_cli.render.super_chain import build_view

    out = rt.out
    cls = rt.load_class(target)
    class_id = static.class_id(cls)

    if method is None:
        views = [build_view(super_chain(cls, name)) for name in chain_methods(cls)]
        if out.json:
            from pyinspect_cli.render.json.super_chain import summary_document

            mro_ids = [static.class_id(k) for k in static.mro_of(cls)]
            out.document(summary_document(class_id, mro_ids, views))
            return
        from pyinspect_cli.render.super_chain import print_lines, summary_lines, summary_rows

        if animate:
            out.note("--animate needs a METHOD; printing the summary")
        from pyinspect_cli.render.fit import fit_width

        console = out.console()
        print_lines(console, summary_lines(class_id, summary_rows(views), columns=fit_width(console)))
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
    if out.json:
        from pyinspect_cli.render.json.super_chain import chain_document

        out.document(chain_document(view))
        return

    from pyinspect_cli.render.fit import fit_width
    from pyinspect_cli.render.super_chain import animate_chain, chain_lines, print_lines

    console = out.console()
    if animate:
        if console.is_interactive:
            animate_chain(view, console, delay=delay, manual=manual)
            console.print()
        else:
            out.note("--animate needs an interactive terminal; printing the result instead")
    print_lines(console, chain_lines(view, columns=fit_width(console)))
