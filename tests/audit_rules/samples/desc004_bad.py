"""DESC004/DESC005: cached_property where it cannot cache."""

from __future__ import annotations

import functools
import math

RULE = "DESC004"
EXPECTED = {
    ("Point", "norm"): "error",
}


class Point:
    __slots__ = ("x", "y")

    def __init__(self, x: float, y: float) -> None:
        self.x = x
        self.y = y

    @functools.cached_property
    def norm(self) -> float:
        return math.hypot(self.x, self.y)


class Point3(Point):
    """Inherits the problem; reported once, at Point."""

    __slots__ = ("z",)
