"""Generated methods in a chain: a dataclass __init__, a NamedTuple, a C base class."""

from __future__ import annotations

import dataclasses
from typing import Any, NamedTuple


class Timestamped:
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stamped = True


@dataclasses.dataclass
class Point:
    x: int = 0
    y: int = 0


class StampedPoint(Point, Timestamped):
    """The dataclass __init__ never calls super(): Timestamped.__init__ never runs."""


@dataclasses.dataclass
class PostInitPoint(Timestamped):
    """The cooperative way: __post_init__ continues the chain by hand."""

    x: int = 0

    def __post_init__(self) -> None:
        super().__init__()


class Pair(NamedTuple):
    left: int
    right: int


class CheckedPair(Pair):
    def __new__(cls, left: int, right: int) -> CheckedPair:
        return super().__new__(cls, left, right)


class Registry:
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.registered = True


class RegistryDict(dict, Registry):  # type: ignore[type-arg]
    """dict.__init__ (C code) does not call super().__init__(): Registry.__init__ never runs."""


class DictRegistry(Registry, dict):  # type: ignore[type-arg]
    """Registry first: it runs, then forwards to dict.__init__."""
