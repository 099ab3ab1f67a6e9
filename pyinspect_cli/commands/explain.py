"""``explain`` (the default command), ``what-if`` and ``schema``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pyinspect_cli.commands._common import (
    DEFAULT_DELAY,
    DEFAULT_TIMEOUT,
    AnimateOption,
    DelayOption,
    FormatOption,
    OutputFormat,
    PathOption,
    StepOption,
    TimeoutOption,
    runtime,
    user_errors,
)

TargetArgument = Annotated[
    str,
    typer.Argument(
        help="MODULE:CLASS (pkg.mod:Outer.Inner, path/to/file.py:Class, builtins:dict), "
        "or a MODULE to list its classes.",
        metavar="TARGET",
        show_default=False,
    ),
]
TraceOption = Annotated[bool, typer.Option("--trace/--no-trace", help="Show the C3 merge step by step.")]
ExplainTraceOption = Annotated[
    bool | None,
    typer.Option(
        "--trace/--no-trace",
        help="Show the C3 merge step by step (default: on for a class, off for a module's JSON).",
        show_default=False,
    ),
]


def register(app: typer.Typer) -> None:
    @app.command("explain")
    def explain(
        target: TargetArgument,
        fmt: FormatOption = OutputFormat.text,
        trace: ExplainTraceOption = None,
        animate: AnimateOption = False,
        delay: DelayOption = DEFAULT_DELAY,
        step: StepOption = False,
        path: PathOption = None,
        timeout: TimeoutOption = DEFAULT_TIMEOUT,
        no_limit: Annotated[
            bool,
            typer.Option(
                "--no-limit", help="Print the whole C3 trace, however long (it stops after 1,000,000 characters)."
            ),
        ] = False,
    ) -> None:
        """Explain the MRO of MODULE:CLASS and the C3 merge behind it (the default command).

        With a MODULE instead of a class, list every class defined there with its MRO.
        """
        from pyinspect_cli.commands._explain_impl import ExplainOptions, run_explain

        with user_errors():
            options = ExplainOptions(trace=trace, animate=animate, delay=delay, manual=step, no_limit=no_limit)
            code = run_explain(target, runtime(fmt, path, timeout), options)
        raise typer.Exit(int(code))

    @app.command("what-if")
    def what_if(
        bases: Annotated[
            list[str],
            typer.Argument(
                help="The bases of the class to imagine, as MODULE:CLASS, in order.",
                metavar="BASE...",
                show_default=False,
            ),
        ],
        name: Annotated[str, typer.Option("--name", help="Name of the imagined class.", metavar="NAME")] = "New",
        metaclass: Annotated[
            str | None,
            typer.Option("--metaclass", help="An explicit metaclass=, as MODULE:CLASS.", metavar="MODULE:CLASS"),
        ] = None,
        fmt: FormatOption = OutputFormat.text,
        trace: TraceOption = True,
        animate: AnimateOption = False,
        delay: DelayOption = DEFAULT_DELAY,
        step: StepOption = False,
        path: PathOption = None,
        timeout: TimeoutOption = DEFAULT_TIMEOUT,
    ) -> None:
        """Compute the MRO `class New(BASE, ...)` would get, without creating it.

        When the class could not be created, print CPython's own error, explain it and suggest a
        fix. Exit code 1 when the bases clash.
        """
        from pyinspect_cli.commands._explain_impl import ExplainOptions, run_what_if

        with user_errors():
            options = ExplainOptions(trace=trace, animate=animate, delay=delay, manual=step)
            code = run_what_if(bases, runtime(fmt, path, timeout), options, name=name, metaclass=metaclass)
        raise typer.Exit(int(code))

    @app.command("schema")
    def schema(
        command: Annotated[
            str | None,
            typer.Argument(
                help="Only this command's document (explain, what-if, ...).", metavar="COMMAND", show_default=False
            ),
        ] = None,
        output: Annotated[
            Path | None,
            typer.Option(
                "--output", "-o", help="Write to this file instead of stdout.", dir_okay=False, metavar="FILE"
            ),
        ] = None,
        force: Annotated[bool, typer.Option("--force", help="Overwrite --output if it exists.")] = False,
    ) -> None:
        """Print the JSON Schema of the --format json documents (versioned); the schema is JSON itself."""
        import json

        from pyinspect_cli.commands._output import Output
        from pyinspect_cli.errors import OutputError, TargetError
        from pyinspect_cli.render.json import DOCUMENTS, SCHEMA_VERSION, document_model, json_schemas

        with user_errors():
            if command is None:
                data: dict[str, object] = {"schema_version": SCHEMA_VERSION, "documents": json_schemas()}
            elif command in DOCUMENTS:
                data = document_model(command).model_json_schema()
            else:
                raise TargetError(f"no JSON document for {command!r}", f"choose one of: {', '.join(sorted(DOCUMENTS))}")
            text = json.dumps(data, indent=2, sort_keys=True) + "\n"
            if output is None:
                Output("json").raw(text)
                return
            if output.is_dir():
                raise OutputError(f"{output} is a directory", "give a file name with -o")
            if not output.parent.is_dir():
                raise OutputError(f"directory {output.parent} does not exist", "create it first, or choose another -o")
            if output.exists() and not force:
                raise OutputError(f"{output} exists", "pass --force to overwrite it")
            try:
                output.write_text(text, encoding="utf-8")
            except OSError as exc:
                raise OutputError(f"cannot write {output}: {exc.strerror or exc}", "choose another -o") from None
