"""The ``mro-explain`` command line: a thin Typer app over the core and renderers.

``mro-explain TARGET ...`` runs the default ``explain`` command; sub-command
names (``what-if``, ``graph``, ``audit`` ...) still win. ``--debug`` may go
anywhere; ``--version`` before the target, command options after it.

Every command follows the same conventions, kept here in one place: metavars in
capitals (``TARGET``, ``SECONDS``), no Python types in ``--help``, and usage errors
in the two-line ``mro-explain: error: ...`` / ``hint: ...`` form with exit code 2.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperArgument, TyperGroup, TyperOption

try:  # recent Typer releases carry their own copy of Click
    from typer import _click as click  # type: ignore[attr-defined,unused-ignore]
except ImportError:  # pragma: no cover - older Typer uses Click itself
    import click  # type: ignore[no-redef,unused-ignore]

from pyinspect_cli import __version__
from pyinspect_cli.commands._errors import DEBUG_ENV
from pyinspect_cli.commands._output import print_error
from pyinspect_cli.errors import ExitCode

DEFAULT_COMMAND = "explain"

#: modules under pyinspect_cli.commands; each defines register(app)
COMMAND_MODULES = [  # in the order `--help` lists them
    "explain",
    "descriptors",
    "registries",
    "super",
    "graph",
    "audit",
    "diff",
]


def _option_names(params: Any) -> set[str]:
    return {name for param in params for name in (*param.opts, *param.secondary_opts)}


class _Argument(TyperArgument):
    """An argument as ``--help`` shows it: its metavar only (``TARGET``, ``[METHOD]``, ``BASE...``)."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None

    def _rich_display_name(self) -> str:
        return self._usage_display_name().strip("[]")

    def _usage_display_name(self) -> str:
        name = self.display_name_raw.upper()
        if self.nargs != 1 and not name.endswith("..."):
            name += "..."
        return name if self.required else f"[{name}]"


class _Option(TyperOption):
    """An option as ``--help`` shows it: a capitalised metavar or its choices, never a Python type."""

    def display_type_rich(self, ctx: Any) -> str | None:
        if self.metavar is not None:
            return self.metavar
        desc = self.type_descriptor
        if desc.is_choice and desc.choices:
            return "|".join(str(getattr(c, "value", c)) for c in desc.choices)
        annotation = desc.annotation
        return "NUMBER" if annotation is float or annotation is int else "TEXT"

    def _get_number_range_help_str(self) -> str | None:
        return None  # the help text says what the range is, in words

    def _get_default_string(self, *, ctx: Any, show_default_is_str: bool, default_value: Any) -> str:
        if type(default_value) is float:
            return f"{default_value:g}"  # 30, not 30.0
        return str(
            super()._get_default_string(ctx=ctx, show_default_is_str=show_default_is_str, default_value=default_value)
        )


def _conventional(command: Any) -> None:
    """Give every parameter of *command* the help conventions above."""
    for param in command.params:
        if type(param) is TyperArgument:
            param.__class__ = _Argument
        elif type(param) is TyperOption:
            param.__class__ = _Option


def _usage_hint(ctx: Any) -> str:
    path = ctx.command_path if ctx is not None else "mro-explain"
    return f"see `{path} --help`"


class DefaultCommandGroup(TyperGroup):
    """Send ``mro-explain TARGET ...`` to ``explain``; sub-command names still win."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _conventional(self)
        for command in self.commands.values():
            _conventional(command)

    def main(  # type: ignore[override]
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the app; usage errors are reported as every other error is (two lines, exit code 2)."""
        argv = list(sys.argv[1:] if args is None else args)
        try:
            code = super().main(_strip_debug(argv), prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as exc:  # `mro-explain` alone: the help, exit code 2
            click.echo(exc.ctx.get_help() if exc.ctx is not None else "")
            code = int(ExitCode.USAGE)
        except click.exceptions.UsageError as exc:
            print_error(_usage_message(exc), _usage_hint(exc.ctx) if not _did_you_mean(exc) else _did_you_mean(exc))
            code = int(ExitCode.USAGE)
        except click.exceptions.ClickException as exc:
            print_error(exc.format_message())
            code = exc.exit_code
        except typer.Abort:
            print_error("interrupted")
            code = int(ExitCode.INTERRUPTED)
        if not isinstance(code, int):
            code = 0
        if standalone_mode:
            sys.exit(code)
        return code

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """``mro-explain -p DIR TARGET`` is ``explain -p DIR TARGET``, as it is when piped.

        The group's own options are flags; the first option after them that is not one
        of the group's starts the default command's arguments.
        """
        group_options = _option_names(self.get_params(ctx))
        explain = self.commands.get(DEFAULT_COMMAND)
        explain_options = _option_names(explain.get_params(ctx)) if explain is not None else set()
        for i, arg in enumerate(args):
            if arg == "--" or not arg.startswith("-"):
                break
            name = arg.partition("=")[0]
            if name in group_options:
                continue
            if name in explain_options or (name[:2] in explain_options and not name.startswith("--")):
                args = [*args[:i], DEFAULT_COMMAND, *args[i:]]
            break
        return list(super().parse_args(ctx, args))

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            self._check_mistyped_command(ctx, args)
            args = [DEFAULT_COMMAND, *args]
        return super().resolve_command(ctx, args)

    def _check_mistyped_command(self, ctx: Any, args: list[str]) -> None:
        """``mro-explain graf x:Y`` is a mistyped command, not the target ``graf`` plus an extra argument."""
        word = args[0]
        if len(args) < 2 or args[1].startswith("-") or any(c in word for c in ".:/\\"):
            return
        import difflib

        close = difflib.get_close_matches(word, sorted(self.commands), n=1, cutoff=0.6)
        if close:
            ctx.fail(f"No such command {word!r}. Did you mean {close[0]!r}?")


def _strip_debug(args: list[str]) -> list[str]:
    """``--debug`` anywhere on the line (before a ``--``) turns on tracebacks."""
    end = args.index("--") if "--" in args else len(args)
    if "--debug" not in args[:end]:
        return args
    os.environ[DEBUG_ENV] = "1"
    return [a for a in args[:end] if a != "--debug"] + args[end:]


def _usage_message(exc: click.exceptions.UsageError) -> str:
    """Click's message in the project's words: no capital, no closing full stop, no "Did you mean"."""
    message = exc.format_message().split(" Did you mean")[0].split(" (Possible options")[0].strip()
    message = message.replace("Value error, ", "")
    if message.endswith("."):
        message = message[:-1]
    return message[:1].lower() + message[1:]


def _did_you_mean(exc: click.exceptions.UsageError) -> str | None:
    possibilities = getattr(exc, "possibilities", None)
    if possibilities:
        import difflib

        close = difflib.get_close_matches(getattr(exc, "option_name", ""), possibilities, n=2, cutoff=0.5)
        return f"did you mean {' or '.join(close or sorted(possibilities)[:2])}?"
    text = exc.format_message()
    if " Did you mean " in text:
        return "did you mean " + text.split(" Did you mean ", 1)[1].rstrip(".?") + "?"
    return None


app = typer.Typer(
    cls=DefaultCommandGroup,
    name="mro-explain",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help=(
        "Show how Python classes really work: the MRO and the C3 merge behind it, descriptors, "
        "metaclasses and registries, super() chains, diagrams and a CI audit.\n\n"
        "mro-explain MODULE:CLASS runs `explain` (the default command). Exit codes: 0 ok, "
        "1 findings (an inconsistent hierarchy, audit findings), 2 usage or config error, "
        "3 the target could not be imported or analysed."
    ),
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mro-explain {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    debug: Annotated[
        bool,
        typer.Option("--debug", help="Show Python tracebacks instead of short error messages (anywhere on the line)."),
    ] = False,
    setup: Annotated[
        str | None,
        typer.Option(
            "--setup",
            help="Import MODULE (and call FUNCTION) before any target: for frameworks that need "
            "initialising. Same as MRO_EXPLAIN_SETUP.",
            metavar="MODULE[:FUNCTION]",
        ),
    ] = None,
    django_settings: Annotated[
        str | None,
        typer.Option(
            "--django-settings",
            help="Django settings module: django.setup() runs before any target is imported. "
            "Same as DJANGO_SETTINGS_MODULE.",
            metavar="MODULE",
        ),
    ] = None,
) -> None:
    """``--version`` goes before TARGET or the command name; ``--debug`` anywhere."""
    if debug:
        os.environ[DEBUG_ENV] = "1"
    # Environment variables, so that the audit's worker processes set up the same way.
    if setup:
        os.environ["MRO_EXPLAIN_SETUP"] = setup
    if django_settings:
        os.environ["DJANGO_SETTINGS_MODULE"] = django_settings


for _name in COMMAND_MODULES:
    importlib.import_module(f"pyinspect_cli.commands.{_name}").register(app)


def main() -> None:
    """Run the Typer app (the console script goes through ``pyinspect_cli.__main__.main``)."""
    app(prog_name="mro-explain")
