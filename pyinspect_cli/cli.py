"""The ``mro-explain`` command line: a thin Typer app over the core and renderers.

``mro-explain TARGET ...`` runs the default ``explain`` command; sub-command
names (``what-if``, ``graph``, ``audit`` ...) still win. Group options go
before the target, command options after it.
"""

from __future__ import annotations

import importlib
import os
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from pyinspect_cli import __version__
from pyinspect_cli.commands._errors import DEBUG_ENV

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


class DefaultCommandGroup(TyperGroup):
    """Send ``mro-explain TARGET ...`` to ``explain``; sub-command names still win."""

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
        bool, typer.Option("--debug", help="Show Python tracebacks instead of short error messages.")
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
    """Group options go before TARGET or the command name."""
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
