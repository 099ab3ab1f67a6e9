"""The work behind ``explain`` and ``what-if``, free of Typer.

Shared by the Typer commands and by the fast path (:mod:`pyinspect_cli.fastpath`),
which serves ``mro-explain TARGET`` without loading Typer or Rich.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Any

from pyinspect_cli.core.paths import display_path
from pyinspect_cli.core.record import Record
from pyinspect_cli.errors import ExitCode, ImportFailed, TargetError

Writer = Callable[[str], None]


class ExplainOptions(Record, frozen=False):
    fmt: str = "text"  # "text" | "json"
    trace: bool | None = None  # None: trace a class, not every class of a module
    animate: bool = False
    delay: float = 0.8
    manual: bool = False
    paths: Sequence[str] = ()
    timeout: float | None = 30.0
    rich: bool | None = None  # None: decide from stdout


def stdout_is_terminal() -> bool:
    """Whether stdout is a terminal (False for pipes, files and closed streams)."""
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def write_stdout(text: str, *, styled: bool = False) -> None:
    """Write *text* to stdout, ending with one newline, control characters escaped.

    ``styled``: the text was rendered by a :class:`~pyinspect_cli.render.console.SafeConsole`
    (it escaped the user's text and added its own colour codes).
    """
    from pyinspect_cli.render.safe import escape_control

    if not styled:
        text = escape_control(text)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    sys.stdout.flush()


def print_note(message: str) -> None:
    """A note for the user on stderr (stdout stays data only)."""
    from pyinspect_cli.render.safe import escape_control

    sys.stderr.write(f"mro-explain: note: {escape_control(message)}\n")
    sys.stderr.flush()


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
        f"importing {loaded.module_name} printed {len(lines)} line(s), kept out of the output"
        + (f" (first: {first!r})" if first else "")
    )


def _note_reexports(loaded: Any) -> None:
    """A module that defines no class itself but imports some (a package's __init__): say where they are."""
    from pyinspect_cli import loading
    from pyinspect_cli.core import static

    imported = loading.classes_imported_into(loaded.module, loaded.module_name)
    if not imported:
        return
    first = imported[0]
    name = loaded.module_name
    count = f"{len(imported)} class{'es' if len(imported) != 1 else ''}"
    print_note(
        f"{name} defines no class itself but imports {count} from its submodules "
        f"(e.g. {static.class_id(first)}): name one as {name}:{static.name_of(first)}, "
        f"or list a module that defines them: mro-explain {static.module_of(first)}"
    )


def _note_moved(module_name: str, classes: list[Any]) -> None:
    """Say which listed classes have a ``__module__`` other than the module whose source defines them."""
    from pyinspect_cli.core import static

    moved = [c for c in classes if static.module_of(c) != module_name]
    if not moved:
        return
    shown = ", ".join(f"{static.qualname_of(c)} (__module__ = {static.module_of(c)!r})" for c in moved[:5])
    more = f" and {len(moved) - 5} more" if len(moved) > 5 else ""
    print_note(f"{module_name} defines {shown}{more}: listed here, where its source is")


def run_explain(target: str, options: ExplainOptions) -> int:
    """``mro-explain TARGET``: returns the exit code. Raises MroExplainError for bad input."""
    from pyinspect_cli import loading
    from pyinspect_cli.core.c3 import explain_linearization
    from pyinspect_cli.render.explain_view import class_view

    try:
        loaded = loading.load_target(target, paths=options.paths, timeout=options.timeout)
    except loading.ClassStatementError as exc:
        return _explain_failed_import(target, exc, options)
    report_import_output(loaded)
    classes = (
        [loaded.cls]
        if loaded.cls is not None
        else loading.classes_defined_in(loaded.module, loaded.module_name, moved=True)
    )
    if loaded.cls is None and not classes:
        _note_reexports(loaded)
    if loaded.cls is None:
        _note_moved(loaded.module_name, classes)
    # A module's JSON carries every class's merge only when asked (--trace): it grows with
    # the number of classes times their depth.
    want_trace = options.trace if options.trace is not None else loaded.cls is not None
    views = [class_view(cls, explain_linearization(cls, trace=want_trace)) for cls in classes]
    if options.fmt == "json":
        from pyinspect_cli.render.json import dumps
        from pyinspect_cli.render.json.explain import explain_document

        write_stdout(dumps(explain_document(loaded.target.text, views, trace=want_trace)))
        return ExitCode.OK
    use_rich = stdout_is_terminal() if options.rich is None else options.rich
    if loaded.cls is None:
        if use_rich:
            from pyinspect_cli.render.terminal import print_module

            print_module(loaded.module_name, views)
        else:
            from pyinspect_cli.render.text import module_text

            write_stdout(module_text(loaded.module_name, views))
        return ExitCode.OK
    view = views[0]
    if options.animate:
        from pyinspect_cli.render.animate import animate_linearization, can_animate

        if can_animate():
            animate_linearization(view.linearization, delay=options.delay, manual=options.manual)
            return ExitCode.OK
        print_note("--animate needs an interactive terminal; printing the trace instead")
    if use_rich:
        from pyinspect_cli.render.terminal import print_explain

        print_explain(view, trace=want_trace)
    else:
        from pyinspect_cli.render.text import explain_text

        write_stdout(explain_text([view], trace=want_trace))
    return ExitCode.OK


def _explain_failed_import(target: str, exc: Any, options: ExplainOptions) -> int:
    """The module does not import because a class statement raised: explain that statement."""
    from pyinspect_cli.core.creation import check_bases
    from pyinspect_cli.render.explain_view import what_if_view

    failure = exc.failure
    if failure.bases is None:
        raise ImportFailed(
            exc.message,
            f"could not read the base {failure.unreadable!r} without running code, so the clash is not explained",
            module=exc.module,
        )
    result = check_bases(
        failure.bases,
        explicit_metaclass=failure.metaclass,
        name=failure.name,
        trace=options.trace is not False,
        module=exc.module or "__main__",
    )
    if result.error is None:
        # The bases are fine by CPython's checks: the TypeError came from elsewhere (a metaclass).
        raise ImportFailed(
            exc.message, "the class statement's bases are consistent; the error comes from a metaclass or hook"
        )
    view = what_if_view(result, name=failure.name)
    location = display_path(failure.filename)
    header = f"importing {exc.module} failed: class {failure.name} at {location}:{failure.lineno} raised TypeError"
    if options.fmt == "json":
        from pyinspect_cli.render.json import dumps, tool_version
        from pyinspect_cli.render.json.explain import ExplainDocument, ImportErrorModel, conflict_model

        doc = ExplainDocument(
            tool_version=tool_version(),
            target=target,
            classes=[],
            import_error=ImportErrorModel(
                module=exc.module,
                message=failure.message,
                filename=location,
                line=failure.lineno,
                class_name=failure.name,
                bases=[b.ident for b in view.bases],
                conflict=conflict_model(view.kind or "mro", view.message or "", view.explanation, view.linearization),
            ),
        )
        write_stdout(dumps(doc))
    else:
        use_rich = stdout_is_terminal() if options.rich is None else options.rich
        sources = ", ".join(failure.base_sources)
        if use_rich:
            from pyinspect_cli.render.terminal import print_failed_import

            print_failed_import(header, f"class {failure.name}({sources})", view, trace=options.trace is not False)
        else:
            from pyinspect_cli.render.text import what_if_text

            write_stdout(
                f"{header}\n\n"
                + what_if_text(view, trace=options.trace is not False).replace(
                    f"class {view.name}({', '.join(b.name for b in view.bases)})", f"class {failure.name}({sources})", 1
                )
            )
    from pyinspect_cli.commands._errors import print_error

    print_error(" ".join(exc.message.split()))
    return ExitCode.ENVIRONMENT


def load_class(target: str, *, paths: Sequence[str] = (), timeout: float | None = 30.0) -> type:
    """Load a ``MODULE:CLASS`` target, note what its import printed, and return the class.

    Raises:
        TargetError: not a class target, or no such module or class (exit code 2).
        ImportFailed: the module could not be imported (exit code 3).
    """
    from pyinspect_cli import loading

    loaded = loading.load_target(target, paths=paths, timeout=timeout, require_class=True)
    report_import_output(loaded)
    assert loaded.cls is not None
    return loaded.cls


def resolve_classes(targets: Sequence[str], options: ExplainOptions) -> list[type]:
    """Load each ``MODULE:CLASS`` target (what-if bases)."""
    return [load_class(text, paths=options.paths, timeout=options.timeout) for text in targets]


def run_what_if(
    targets: Sequence[str], options: ExplainOptions, *, name: str = "New", metaclass: str | None = None
) -> int:
    """``mro-explain what-if B C``: the MRO ``class New(B, C)`` would get. Exit 1 on a conflict."""
    from pyinspect_cli.core.creation import check_bases
    from pyinspect_cli.render.explain_view import what_if_view

    if not targets:
        raise TargetError("what-if needs at least one base", "e.g. mro-explain what-if pkg.mod:B pkg.mod:C")
    if not name.isidentifier():
        raise TargetError(f"--name {name!r} is not a valid class name", "use a Python identifier, e.g. --name Combined")
    bases = resolve_classes(targets, options)
    explicit = resolve_classes([metaclass], options)[0] if metaclass else None
    if explicit is not None:
        from pyinspect_cli.core import static

        if not static.is_subclass(explicit, type):
            raise TargetError(f"--metaclass {metaclass} is not a metaclass (a subclass of type)", None)
    result = check_bases(
        bases, explicit_metaclass=explicit, name=name, trace=options.trace is not False or options.animate
    )
    view = what_if_view(result, name=name)
    if options.fmt == "json":
        from pyinspect_cli.render.json import dumps
        from pyinspect_cli.render.json.explain import what_if_document

        write_stdout(dumps(what_if_document(view)))
        return ExitCode.OK if view.ok else ExitCode.FINDINGS
    if options.animate and view.linearization is not None:
        from pyinspect_cli.render.animate import animate_linearization, can_animate

        if can_animate():
            animate_linearization(view.linearization, delay=options.delay, manual=options.manual)
            if view.ok:
                return ExitCode.OK
        else:
            print_note("--animate needs an interactive terminal; printing the trace instead")
    use_rich = stdout_is_terminal() if options.rich is None else options.rich
    if use_rich:
        from pyinspect_cli.render.terminal import print_what_if

        print_what_if(view, trace=options.trace is not False)
    else:
        from pyinspect_cli.render.text import what_if_text

        write_stdout(what_if_text(view, trace=options.trace is not False))
    return ExitCode.OK if view.ok else ExitCode.FINDINGS
