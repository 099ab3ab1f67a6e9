"""ATTR001: __getattr__ implementations that raise AttributeError."""

from __future__ import annotations

from typing import Any

RULE = "ATTR001"
EXPECTED: dict[tuple[str, str], str] = {}


class Converted:
    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self._data[name]
        except KeyError:
            raise AttributeError(name) from None


class Tested:
    _data: dict[str, Any] = {}

    def __getattr__(self, name: str) -> Any:
        if name not in self._data:
            raise AttributeError(name)
        return self._data[name]


class MissingSetting(AttributeError):
    pass


class Subclassed:
    def __getattr__(self, name: str) -> Any:
        raise MissingSetting(name)


class ProjectError(Exception):
    pass


class Documented:
    """A project's own exception type is a deliberate, documented choice."""

    def __getattr__(self, name: str) -> Any:
        raise ProjectError(name)


class Delegating:
    def __init__(self, target: Any) -> None:
        self._target = target

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self._target, name)
