"""The base class with the registry."""

from __future__ import annotations

from typing import Any, ClassVar


class Command:
    commands: ClassVar[dict[str, type[Command]]] = {}

    def __init_subclass__(cls, *, name: str, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        Command.commands[name] = cls
