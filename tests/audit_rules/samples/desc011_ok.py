"""DESC011: caches that do not keep instances alive (or are meant to key on values)."""

from __future__ import annotations

import enum
import functools
from typing import NamedTuple

RULE = "DESC011"
EXPECTED: dict[tuple[str, str], str] = {}


@functools.cache
def parse(text: str) -> int:
    return len(text)


class Helpers:
    @staticmethod
    @functools.cache
    def parse(text: str) -> int:
        return len(text)

    @classmethod
    @functools.cache
    def build(cls) -> int:
        return 1

    @functools.cached_property
    def total(self) -> int:
        return 1


class Color(enum.Enum):
    RED = 1

    @functools.cache
    def hex(self) -> str:
        return "#f00"


class RGB(NamedTuple):
    """An immutable value type: a bounded cache keyed by value is intended."""

    r: int
    g: int
    b: int

    @functools.lru_cache(maxsize=64)
    def blend(self, other: RGB) -> RGB:
        return RGB((self.r + other.r) // 2, (self.g + other.g) // 2, (self.b + other.b) // 2)
