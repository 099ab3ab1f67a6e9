"""ATTR003: special methods assigned on the instance."""

from __future__ import annotations

from typing import Any

RULE = "ATTR003"
EXPECTED = {
    ("Handler", "__call__"): "warning",
    ("Bag", "__len__"): "warning",
}


class Handler:
    def __init__(self, func: Any) -> None:
        self.__call__ = func


class Bag:
    def __init__(self) -> None:
        self.items: list[Any] = []

    def freeze(self) -> None:
        self.__len__ = lambda: 0
