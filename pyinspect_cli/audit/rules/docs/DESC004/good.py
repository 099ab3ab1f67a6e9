import functools
import math


class Point:
    __slots__ = ("x", "y", "__dict__")

    @functools.cached_property
    def norm(self):
        return math.hypot(self.x, self.y)
