"""DESC002: an instance attribute hides a method."""

from __future__ import annotations

from typing import Any

RULE = "DESC002"
EXPECTED = {
    ("Queue", "front"): "error",
    ("Child", "handler"): "warning",
    ("Counter", "reset"): "error",
    ("Labelled", "label"): "error",
    ("Value", "converter"): "warning",
}


class Queue:
    def __init__(self) -> None:
        self.items: list[Any] = []
        self.front = 0

    def front(self) -> Any:  # type: ignore[no-redef]
        return self.items[0]


class Base:
    def __init__(self, handler: Any) -> None:
        self.handler = handler


class Child(Base):
    """Base.__init__ runs for Child and hides Child.handler()."""

    def handler(self) -> str:
        return "child"


class GrandChild(Child):
    """Same problem, reported once at Child."""


class Counter:
    def __init__(self) -> None:
        self.reset = [0] * 3

    @staticmethod
    def reset() -> None:  # type: ignore[no-redef]
        pass


class Computed:
    """A non-data descriptor that computes a value and caches nothing."""

    def __get__(self, obj: Any, objtype: Any = None) -> Any:
        if obj is None:
            return self
        return type(obj).__name__.lower()


class Labelled:
    label = Computed()

    def __init__(self) -> None:
        self.label = "fixed"


class ColumnBase:
    def converter(self, converter: Any = None) -> ColumnBase:
        self._converter = converter
        return self


class Value(ColumnBase):
    """peewee 4.5.3: Value(1).converter(str) raises TypeError: 'NoneType' object is not callable."""

    def __init__(self, value: Any, converter: Any = None) -> None:
        self.value = value
        self.converter = converter
