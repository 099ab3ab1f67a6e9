"""A small option parser for the fast paths of ``registries`` and ``graph``.

It reads only what it is sure Click would read the same way: long and short options
with their value as the next argument (or ``--long=value``), flags, and positional
arguments. Anything else -- ``--help``, an unknown option, ``--``, a value Click would
reject or convert differently -- makes it return ``None``, and the Typer command
parses the line and gives its usual error. Every message therefore still comes
from one place.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

#: converts an option's text to its value; raises ValueError to leave the line to Typer
Convert = Callable[[str], Any]


def choice(*names: str, upper: bool = False) -> Convert:
    """One of *names*, case-insensitive (as the commands' ``case_sensitive=False`` enums)."""

    def convert(text: str) -> str:
        value = text.upper() if upper else text.lower()
        if value not in names:
            raise ValueError(text)
        return value

    return convert


def seconds(text: str) -> float:
    """``--timeout`` of every fast path, by the rule of every command and the config
    (:func:`~pyinspect_cli.loading.check_timeout`: 0 or more, 0 for no limit). ``inf`` and
    ``nan`` go to Typer, which reads them too."""
    from pyinspect_cli.loading import check_timeout

    value = float(text)
    if not math.isfinite(value):
        raise ValueError(text)
    return check_timeout(value)


def count(text: str) -> int:
    """A whole number of at least 0, in plain digits."""
    if not (text.isascii() and text.isdigit()):
        raise ValueError(text)
    return int(text)


def text(value: str) -> str:
    return value


def parse_options(
    argv: list[str],
    *,
    values: Mapping[str, tuple[str, Convert]],
    repeated: Mapping[str, str],
    flags: Mapping[str, tuple[str, bool]],
    defaults: dict[str, Any],
    dash_is_positional: bool = False,
) -> tuple[list[str], dict[str, Any]] | None:
    """The positional arguments and the options' values of *argv*, or ``None`` to let Typer parse it.

    *values*: option -> (keyword, converter); *repeated*: option -> keyword of a list of
    strings (``--path``); *flags*: option -> (keyword, value); *dash_is_positional*: a
    lone ``-`` is an argument (as Click reads it), not an unknown option.
    """
    options = dict(defaults)
    for key in repeated.values():
        options[key] = list(options.get(key) or [])
    positional: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        i += 1
        if not arg.startswith("-") or (dash_is_positional and arg == "-"):
            positional.append(arg)
            continue
        name, equals, value = arg.partition("=")
        if name in flags and not equals:
            key, flag = flags[name]
            options[key] = flag
            continue
        if name not in values and name not in repeated:
            return None
        if equals and not name.startswith("--"):
            return None
        if not equals:
            if i >= len(argv) or argv[i].startswith("-"):
                return None
            value = argv[i]
            i += 1
        if name in repeated:
            options[repeated[name]].append(value)
            continue
        key, convert = values[name]
        try:
            options[key] = convert(value)
        except ValueError:
            return None
    return positional, options
