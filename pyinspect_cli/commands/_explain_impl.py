"""The work behind ``explain`` and ``what-if``, free of Typer.

Shared by the Typer commands and by the fast path (:mod:`pyinspect_cli.fastpath`),
which serves ``mro-explain TARGET`` without loading Typer or Rich.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pyinspect_cli.commands._output import print_error, print_note
from pyinspect_cli.commands._runtime import DEFAULT_DELAY, Runtime
from pyinspect_cli.core.paths import display_path
from pyinspect_cli.core.record import Record
from pyinspect_cli.errors import ExitCode, ImportFailed, TargetError
from pyinspect_cli.render.words import plural


class ExplainOptions(Record, frozen=False):
    """What ``explain`` and ``what-if`` show, beyond the common options of :class:`Runtime`."""

    trace: bool | None = None  # None: trace a class, not every class of a module
    animate: bool = False
    delay: float = DEFAULT_DELAY
    manual: bool = False
    no_limit: bool = False  # print the whole trace however long


def _note_reexports(loaded: Any) -> None:
    """A module that defines no class itself but imports some (a package's __init__): say where they are."""
    from pyinspect_cli import loading
    from pyinspect_cli.core import static

    imported = loading.classes_imported_into(loaded.module, loaded.module_name)
    if not imported:
        return
    first = imported[0]
    name = loaded.module_name
    count = plural(len(imported), "class", "classes")
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


def run_explain(target: str, rt: Runtime, options: ExplainOptions) -> int:
    """``mro-explain TARGET``: returns the exit code. Raises MroExplainError for bad input."""
    from pyinspect_cli import loading
    from pyinspect_cli.core.c3 import explain_linearization
    from pyinspect_cli.render.explain_view import TRACE_CHAR_LIMIT, class_view

    out = rt.out
    try:
        loaded = rt.load_target(target)
    except loading.ClassStatementError as exc:
        return _explain_failed_import(target, exc, rt, options)
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
    if out.json:
        from pyinspect_cli.render.json.explain import explain_document

        out.document(explain_document(loaded.target.text, views, trace=want_trace))
        return ExitCode.OK
    if loaded.cls is None:
        # the closing hint names the module as the user wrote it (a file path works from here)
        spelled = target.rstrip(":")
        if out.rich:
            from pyinspect_cli.render.terminal import print_module

            print_module(loaded.module_name, views, console=out.console(), target=spelled)
        else:
            from pyinspect_cli.render.text import module_text

            out.text(module_text(loaded.module_name, views, target=spelled, columns=out.columns))
        return ExitCode.OK
    view = views[0]
    if options.animate:
        from pyinspect_cli.render.animate import animate_linearization, can_animate

        if can_animate():
            animate_linearization(view.linearization, delay=options.delay, manual=options.manual)
            return ExitCode.OK
        print_note("--animate needs an interactive terminal; printing the trace instead")
    if out.rich:
        from pyinspect_cli.render.terminal import print_explain

        print_explain(
            view, trace=want_trace, console=out.console(), limit=None if options.no_limit else TRACE_CHAR_LIMIT
        )
    else:
        from pyinspect_cli.render.text import explain_text, fit_text

        text = explain_text([view], trace=want_trace, limit=None if options.no_limit else TRACE_CHAR_LIMIT)
        out.text(fit_text(text, out.columns))
    return ExitCode.OK


def _explain_failed_import(target: str, exc: Any, rt: Runtime, options: ExplainOptions) -> int:
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
        module=exc.module,
    )
    if result.error is None:
        # The bases are fine by CPython's checks: the TypeError came from elsewhere (a metaclass).
        raise ImportFailed(
            exc.message, "the class statement's bases are consistent; the error comes from a metaclass or hook"
        )
    view = what_if_view(result, name=failure.name)
    location = display_path(failure.filename)
    header = f"importing {exc.module} failed: class {failure.name} at {location}:{failure.lineno} raised TypeError"
    out = rt.out
    if out.json:
        from pyinspect_cli.render.json import tool_version
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
        out.document(doc)
    else:
        sources = ", ".join(failure.base_sources)
        if out.rich:
            from pyinspect_cli.render.terminal import print_failed_import

            print_failed_import(
                header,
                f"class {failure.name}({sources})",
                view,
                trace=options.trace is not False,
                console=out.console(),
            )
        else:
            from pyinspect_cli.render.text import fit_text, what_if_text

            text = what_if_text(view, trace=options.trace is not False, statement=f"class {failure.name}({sources})")
            out.text(f"{header}\n\n" + fit_text(text, out.columns))
    print_error(" ".join(exc.message.split()))
    return ExitCode.ENVIRONMENT


def run_what_if(
    targets: Sequence[str], rt: Runtime, options: ExplainOptions, *, name: str = "New", metaclass: str | None = None
) -> int:
    """``mro-explain what-if B C``: the MRO ``class New(B, C)`` would get. Exit 1 on a conflict."""
    from pyinspect_cli.core.creation import check_bases
    from pyinspect_cli.render.explain_view import what_if_view

    if not targets:
        raise TargetError("what-if needs at least one base", "e.g. mro-explain what-if pkg.mod:B pkg.mod:C")
    if not name.isidentifier():
        raise TargetError(f"--name {name!r} is not a valid class name", "use a Python identifier, e.g. --name Combined")
    bases = [rt.load_class(text) for text in targets]
    explicit = rt.load_class(metaclass) if metaclass else None
    if explicit is not None:
        from pyinspect_cli.core import static

        if not static.is_subclass(explicit, type):
            raise TargetError(f"--metaclass {metaclass} is not a metaclass (a subclass of type)", None)
    result = check_bases(
        bases, explicit_metaclass=explicit, name=name, trace=options.trace is not False or options.animate
    )
    view = what_if_view(result, name=name)
    out = rt.out
    if out.json:
        from pyinspect_cli.render.json.explain import what_if_document

        out.document(what_if_document(view))
        return ExitCode.OK if view.ok else ExitCode.FINDINGS
    if options.animate and view.linearization is not None:
        from pyinspect_cli.render.animate import animate_linearization, can_animate

        if can_animate():
            animate_linearization(view.linearization, delay=options.delay, manual=options.manual)
            if view.ok:
                return ExitCode.OK
        else:
            print_note("--animate needs an interactive terminal; printing the trace instead")
    if out.rich:
        from pyinspect_cli.render.terminal import print_what_if

        print_what_if(view, trace=options.trace is not False, console=out.console())
    else:
        from pyinspect_cli.render.text import fit_text, what_if_text

        out.text(fit_text(what_if_text(view, trace=options.trace is not False), out.columns))
    return ExitCode.OK if view.ok else ExitCode.FINDINGS
