"""ATTR005: __getattr__ implementations safe on an instance made without __init__."""

from __future__ import annotations

from typing import Any

RULE = "ATTR005"
EXPECTED: dict[tuple[str, str], str] = {}


class Guarded:
    def __init__(self, target: Any) -> None:
        self._target = target

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._target, name)


class Defaulted:
    _target: Any = None

    def __init__(self, target: Any) -> None:
        self._target = target

    def __getattr__(self, name: str) -> Any:
        return getattr(self._target, name)


class ViaDict:
    def __getattr__(self, name: str) -> Any:
        target = vars(self).get("_target")
        if target is None:
            raise AttributeError(name)
        return getattr(target, name)
