"""DESC004: cached_property on classes whose instances have a __dict__."""

from __future__ import annotations

import functools
import math

RULE = "DESC004"
EXPECTED: dict[tuple[str, str], str] = {}


class Point:
    __slots__ = ("__dict__", "x", "y")

    def __init__(self, x: float, y: float) -> None:
        self.x = x
        self.y = y

    @functools.cached_property
    def norm(self) -> float:
        return math.hypot(self.x, self.y)


class Plain:
    @functools.cached_property
    def value(self) -> int:
        return 1


class Slotted:
    __slots__ = ("x",)

    @property
    def double(self) -> int:
        return 2
