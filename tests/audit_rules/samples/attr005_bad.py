"""ATTR005: __getattr__ that recurses on an instance made without __init__."""

from __future__ import annotations

from typing import Any

RULE = "ATTR005"
EXPECTED = {
    ("Proxy", "__getattr__"): "warning",
    ("SlottedProxy", "__getattr__"): "warning",
}


class Proxy:
    def __init__(self, target: Any) -> None:
        self._target = target

    def __getattr__(self, name: str) -> Any:
        return getattr(self._target, name)


class SlottedProxy:
    """An unset slot raises AttributeError, which calls __getattr__ again."""

    __slots__ = ("_target",)

    def __init__(self, target: Any) -> None:
        self._target = target

    def __getattr__(self, name: str) -> Any:
        return getattr(self._target, name)
