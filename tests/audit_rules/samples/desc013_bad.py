"""DESC013: descriptors stored on instances."""

from __future__ import annotations

from typing import Any

RULE = "DESC013"
EXPECTED = {
    ("Temperature", "fahrenheit"): "warning",
    ("Temperature", "checked"): "warning",
}


class Positive:
    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, objtype: Any = None) -> Any:
        if obj is None:
            return self
        return obj.__dict__[self.name]

    def __set__(self, obj: Any, value: Any) -> None:
        obj.__dict__[self.name] = value


class Temperature:
    def __init__(self) -> None:
        self._c = 0.0
        self.fahrenheit = property(lambda self: self._c * 9 / 5 + 32)
        self.checked = Positive()
