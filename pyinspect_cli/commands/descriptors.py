"""``mro-explain descriptors`` (the attribute table) and ``mro-explain attr`` (one attribute's lookup)."""

from __future__ import annotations

import enum
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


class KindChoice(str, enum.Enum):
    """``--kind`` of ``descriptors``."""

    data = "data"
    non_data = "non-data"
    plain = "plain"


def _matches(name: str, pattern: str | None) -> bool:
    """Glob match when the pattern has ``*``, ``?`` or ``[``; a substring match otherwise."""
    if not pattern:
        return True
    import fnmatch

    if any(c in pattern for c in "*?["):
        return fnmatch.fnmatchcase(name, pattern)
    return pattern in name


def register(app: typer.Typer) -> None:
    @app.command("descriptors")
    def descriptors(
        target: ClassArgument,
        pattern: Annotated[
            str | None,
            typer.Argument(
                help="Only names matching this glob (x_*) or containing this text.",
                metavar="PATTERN",
                show_default=False,
            ),
        ] = None,
        kind: Annotated[
            KindChoice | None,
            typer.Option("--kind", "-k", help="Only data, non-data or plain attributes.", case_sensitive=False),
        ] = None,
        own: Annotated[bool, typer.Option("--own", help="Only the class's own __dict__, not inherited names.")] = False,
        all_: Annotated[bool, typer.Option("--all", help="Also the members inherited from object.")] = False,
        fmt: FormatOption = OutputFormat.text,
        path: PathOption = None,
        timeout: TimeoutOption = DEFAULT_TIMEOUT,
    ) -> None:
        """Every attribute of MODULE:CLASS through its MRO: data, non-data or plain, and where it is defined."""
        with user_errors():
            from pyinspect_cli.core.descriptors import class_attributes

            rt = runtime(fmt, path, timeout)
            cls = rt.load_class(target)
            attributes = [
                a
                for a in class_attributes(cls, include_object=all_, own_only=own)
                if (kind is None or a.info.kind == kind.value) and _matches(a.name, pattern)
            ]
            if not attributes:
                rt.out.note("no attribute matches the filters")
            if rt.out.json:
                from pyinspect_cli.render.json.descriptors import descriptors_document

                document = descriptors_document(
                    cls,
                    attributes,
                    include_object=all_,
                    own_only=own,
                    kind=kind.value if kind is not None else None,  # type: ignore[arg-type]
                    pattern=pattern,
                )
                rt.out.document(document)
                return
            from pyinspect_cli.render.console import print_fitted
            from pyinspect_cli.render.descriptors import descriptors_view

            console = rt.out.console()
            view = descriptors_view(cls, attributes, hidden_object=not all_, width=console.width)
            print_fitted(console, view)

    @app.command("attr")
    def attr(
        target: ClassArgument,
        name: Annotated[str, typer.Argument(help="The attribute name.", metavar="NAME", show_default=False)],
        fmt: FormatOption = OutputFormat.text,
        path: PathOption = None,
        timeout: TimeoutOption = DEFAULT_TIMEOUT,
    ) -> None:
        """What Python does for instance.NAME (read, write, delete) and Class.NAME, step by step."""
        with user_errors():
            from pyinspect_cli.core import static
            from pyinspect_cli.core.attributes import close_names, resolve_attribute
            from pyinspect_cli.errors import TargetError

            rt = runtime(fmt, path, timeout)
            cls = rt.load_class(target)
            resolution = resolve_attribute(cls, name)
            has_getattr = any(h.hook == "__getattr__" for h in resolution.hooks)
            if not resolution.exists and not has_getattr:
                close = close_names(cls, name)
                hint = (
                    f"did you mean {', '.join(close)}?"
                    if close
                    else f"list the attributes with: mro-explain descriptors {target} (names set on instances "
                    "outside the class's own methods cannot be seen without running the code)"
                )
                raise TargetError(
                    f"{static.class_id(cls)} has no attribute {name!r} (neither on its MRO nor on its metaclass's)",
                    hint,
                )
            if not resolution.exists:
                close = close_names(cls, name)
                rt.out.note(
                    f"{name!r} is defined neither on {static.class_id(cls)} nor on its metaclass: only __getattr__ "
                    "can answer" + (f" (did you mean {', '.join(close)}?)" if close else "")
                )
            if rt.out.json:
                from pyinspect_cli.render.json.descriptors import attr_document

                rt.out.document(attr_document(resolution))
                return
            from pyinspect_cli.render.console import print_fitted
            from pyinspect_cli.render.descriptors import attr_view

            print_fitted(rt.out.console(), attr_view(resolution))
