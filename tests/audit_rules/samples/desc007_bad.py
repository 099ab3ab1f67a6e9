"""DESC007: __get__ that breaks on class access."""

from __future__ import annotations

from typing import Any

RULE = "DESC007"
EXPECTED = {
    ("Field", "__get__"): "warning",
    ("Lazy", "__get__"): "warning",
    ("Bit", "__get__"): "warning",
}


class Field:
    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, objtype: Any = None) -> Any:
        return obj.__dict__[self.name]


class Lazy:
    def __init__(self, func: Any) -> None:
        self.func = func

    def __get__(self, instance: Any, owner: Any = None) -> Any:
        value = self.func(instance)
        setattr(instance, self.func.__name__, value)
        return value


class Bit:
    """A test that dereferences the instance is not a None check (rich.style._Bit)."""

    def __init__(self, bit: int) -> None:
        self.bit = bit

    def __get__(self, obj: Any, objtype: Any = None) -> Any:
        if obj._flags & self.bit:
            return True
        return None


class Model:
    field = Field()

    @Lazy
    def total(self) -> int:
        return 1
