"""Serve ``mro-explain TARGET`` without loading Typer or Rich.

The default command, piped or in a script, is the most common call; Typer,
Click and Rich together cost more to import than the whole analysis. When the
command line is exactly ``TARGET`` plus options this module understands and
stdout is not a terminal, it runs the same code as the Typer command
(:func:`pyinspect_cli.commands._explain_impl.run_explain`) and prints plain
text or JSON. Anything else (help, other sub-commands, a terminal, an unknown
option) returns ``None`` and the full CLI takes over. ``mro-explain audit ...``
has its own parser (:func:`pyinspect_cli.commands._audit_impl.audit_fast_path`),
and so do ``registries`` and ``graph`` when piped
(:func:`~pyinspect_cli.commands._registries_impl.registries_fast_path`,
:func:`~pyinspect_cli.commands._graph_impl.graph_fast_path`).
"""

from __future__ import annotations

import os
import sys

from pyinspect_cli.loading import DEFAULT_TIMEOUT

#: the names the full CLI treats as commands (a target never equals one of these); a test
#: keeps this equal to the Typer app's commands, which cost too much to import here
COMMANDS = frozenset(
    {
        "explain",
        "what-if",
        "schema",
        "descriptors",
        "attr",
        "registries",
        "metaclass",
        "graph",
        "audit",
        "diff",
        "snapshot",
        "rules",
        "super",
    }
)


def _parse(argv: list[str]) -> tuple[str, dict[str, object]] | None:
    target: str | None = None
    options: dict[str, object] = {"fmt": "text", "trace": None, "paths": [], "timeout": DEFAULT_TIMEOUT}
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in ("--format", "-f") and i + 1 < len(argv):
            value = argv[i + 1].lower()
            if value not in ("text", "json"):
                return None
            options["fmt"] = value
            i += 2
            continue
        if arg.startswith("--format="):
            value = arg.partition("=")[2].lower()
            if value not in ("text", "json"):
                return None
            options["fmt"] = value
        elif arg == "--no-trace":
            options["trace"] = False
        elif arg == "--trace":
            options["trace"] = True
        elif arg in ("--path", "-p") and i + 1 < len(argv):
            options["paths"].append(argv[i + 1])  # type: ignore[attr-defined]
            i += 2
            continue
        elif arg == "--timeout" or arg.startswith("--timeout="):
            seconds = arg.partition("=")[2] if "=" in arg else (argv[i + 1] if i + 1 < len(argv) else None)
            timeout = _timeout(seconds)
            if timeout is None:
                return None  # Typer says what is wrong with it, in the one error message
            options["timeout"] = timeout
            i += 1 if "=" in arg else 2
            continue
        elif arg == "--debug":
            options["debug"] = True
        elif arg.startswith("-") or target is not None:
            return None
        else:
            target = arg
        i += 1
    if target is None or target in COMMANDS:
        return None
    return target, options


def _served_command(argv: list[str]) -> int | None:
    """``registries`` and ``graph`` (``--debug`` anywhere), each with its own parser; else ``None``."""
    if "--" in argv:
        return None
    args = [a for a in argv if a != "--debug"]
    if args[:1] == ["registries"]:
        from pyinspect_cli.commands._registries_impl import registries_fast_path as serve
    elif args[:1] == ["graph"]:
        from pyinspect_cli.commands._graph_impl import graph_fast_path as serve
    else:
        return None
    if len(args) != len(argv):
        from pyinspect_cli.commands._errors import DEBUG_ENV

        os.environ[DEBUG_ENV] = "1"
    return serve(args[1:])


def _timeout(value: str | None) -> float | None:
    """``--timeout VALUE`` as the other fast paths read it, or ``None`` to leave the line to Typer."""
    from pyinspect_cli.commands._fastargs import seconds

    if value is None:
        return None
    try:
        return seconds(value)
    except ValueError:
        return None


def run_fast_path(argv: list[str]) -> int | None:
    """Handle the plain, piped default command; ``None`` means: use the full CLI."""
    if os.environ.get("MRO_EXPLAIN_NO_FAST_PATH"):
        return None
    if argv[:1] == ["audit"]:  # on a terminal too: the audit renders without Typer
        from pyinspect_cli.commands._audit_impl import audit_fast_path

        return audit_fast_path(argv[1:])
    try:
        if sys.stdout.isatty():
            return None
    except (AttributeError, ValueError):
        return None
    served = _served_command(argv)
    if served is not None:
        return served
    parsed = _parse(argv)
    if parsed is None:
        return None
    target, opts = parsed
    from pyinspect_cli.commands._errors import DEBUG_ENV, exit_code_for
    from pyinspect_cli.commands._explain_impl import ExplainOptions, run_explain
    from pyinspect_cli.commands._runtime import Runtime

    if opts.get("debug"):
        os.environ[DEBUG_ENV] = "1"
    rt = Runtime(
        paths=list(opts["paths"]),  # type: ignore[call-overload]
        timeout=float(opts["timeout"]),  # type: ignore[arg-type]
        fmt=str(opts["fmt"]),
        rich=False,
    )
    options = ExplainOptions(trace=None if opts["trace"] is None else bool(opts["trace"]))
    try:
        return int(run_explain(target, rt, options))
    except BaseException as exc:
        code = exit_code_for(exc)
        if code is None:
            raise
        return code
