"""Records written four ways: where does an assignment go, and which ones fail?"""

from __future__ import annotations

import dataclasses
from typing import NamedTuple


@dataclasses.dataclass(frozen=True)
class FrozenPoint:
    x: int = 0
    y: int = 0


@dataclasses.dataclass(slots=True)
class SlottedPoint:
    x: int = 0
    y: int = 0


class PairTuple(NamedTuple):
    left: int = 0
    right: int = 0


class Temperature:
    """A read-only property over a value kept in the instance __dict__."""

    def __init__(self, celsius: float) -> None:
        self._celsius = celsius

    @property
    def celsius(self) -> float:
        return self._celsius


class TableMeta(type):
    """A metaclass with a property: on the class, it beats the class's own attribute."""

    @property
    def table(cls) -> str:
        return cls.__name__.lower() + "s"


class Order(metaclass=TableMeta):
    table = "explicit_orders"  # what instances see; Order.table is 'orders'
