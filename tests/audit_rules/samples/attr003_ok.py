"""ATTR003: data dunders on instances, special methods on the class."""

from __future__ import annotations

from typing import Any

RULE = "ATTR003"
EXPECTED: dict[tuple[str, str], str] = {}


class Other:
    pass


class Wrapper:
    def __init__(self, func: Any) -> None:
        self._func = func
        self.__doc__ = "wrapped"
        self.__wrapped__ = func
        self.__name__ = "wrapper"

    def __call__(self, *args: Any) -> Any:
        return self._func(*args)

    def morph(self) -> None:
        self.__class__ = Other
