"""DESC013: descriptors in class bodies, plain objects on instances."""

from __future__ import annotations

import functools
from typing import Any

RULE = "DESC013"
EXPECTED: dict[tuple[str, str], str] = {}


class Positive:
    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, objtype: Any = None) -> Any:
        if obj is None:
            return self
        return obj.__dict__[self.name]

    def __set__(self, obj: Any, value: Any) -> None:
        obj.__dict__[self.name] = value


class Wrapper:
    """A descriptor that wraps another one and calls it itself."""

    def __init__(self, func: Any) -> None:
        self.inner = property(func)

    def __get__(self, obj: Any, objtype: Any = None) -> Any:
        if obj is None:
            return self
        return self.inner.__get__(obj, objtype)


class Temperature:
    checked = Positive()

    def __init__(self) -> None:
        self._c = 0.0
        self.callback = functools.partial(print, "changed")
        self.items: list[int] = list()

    @property
    def fahrenheit(self) -> float:
        return self._c * 9 / 5 + 32
