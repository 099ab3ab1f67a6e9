"""Plugins registered by __init_subclass__ with a class keyword."""

from __future__ import annotations

from typing import Any, ClassVar


class Plugin:
    plugins: ClassVar[dict[str, type[Plugin]]] = {}

    def __init_subclass__(cls, name: str | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.plugins[name or cls.__name__.lower()] = cls

    def run(self, text: str) -> str:
        raise NotImplementedError


class Upper(Plugin, name="upper"):
    def run(self, text: str) -> str:
        return text.upper()


class Reverse(Plugin, name="reverse"):
    def run(self, text: str) -> str:
        return text[::-1]


class Strip(Plugin):
    def run(self, text: str) -> str:
        return text.strip()
