"""DESC013: descriptors stored on instances."""

from __future__ import annotations

from typing import Any

RULE = "DESC013"
EXPECTED = {
    ("Temperature", "fahrenheit"): "warning",
    ("Temperature", "checked"): "warning",
    ("Table", "c"): "warning",
}


class Positive:
    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, objtype: Any = None) -> Any:
        if obj is None:
            return self
        return obj.__dict__[self.name]

    def __set__(self, obj: Any, value: Any) -> None:
        obj.__dict__[self.name] = value


class Temperature:
    def __init__(self) -> None:
        self._c = 0.0
        self.fahrenheit = property(lambda self: self._c * 9 / 5 + 32)
        self.checked = Positive()


class _ExplicitColumn:
    __slots__ = ()

    def __get__(self, instance: Any, owner: Any = None) -> Any:
        if instance is not None:
            raise AttributeError("columns are explicit: no dynamic column lookups")
        return self


class Table:
    """peewee 4.5.3: Table('t', columns=('a',)).c is the _ExplicitColumn itself; its __get__ never runs."""

    def __init__(self, name: str, columns: tuple[str, ...] | None = None) -> None:
        self.name = name
        if columns:
            self.c = _ExplicitColumn()
