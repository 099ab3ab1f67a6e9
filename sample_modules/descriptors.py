"""Data, non-data and plain class attributes side by side, and property re-implemented."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any


class NonData:
    """Only __get__: the instance __dict__ wins."""

    def __get__(self, obj: Any, objtype: type | None = None) -> str:
        return "from NonData"


class Data:
    """__get__ and __set__: always wins over the instance __dict__."""

    def __get__(self, obj: Any, objtype: type | None = None) -> str:
        return "from Data"

    def __set__(self, obj: Any, value: Any) -> None:
        raise AttributeError("read-only")


class SetOnly:
    """__set__ without __get__: still a data descriptor, but reads fall to the instance __dict__."""

    def __set__(self, obj: Any, value: Any) -> None:
        obj.__dict__["set_only"] = value


class MyProperty:
    """property, written in Python."""

    def __init__(self, fget: Callable[[Any], Any] | None = None, fset: Callable[[Any, Any], None] | None = None) -> None:
        self.fget = fget
        self.fset = fset

    def __get__(self, obj: Any, objtype: type | None = None) -> Any:
        if obj is None:
            return self
        if self.fget is None:
            raise AttributeError("unreadable attribute")
        return self.fget(obj)

    def __set__(self, obj: Any, value: Any) -> None:
        if self.fset is None:
            raise AttributeError("can't set attribute")
        self.fset(obj, value)

    def setter(self, fset: Callable[[Any, Any], None]) -> MyProperty:
        return type(self)(self.fget, fset)


class Base:
    shared = "plain class attribute"

    def greet(self) -> str:
        return "hello"


class Zoo(Base):
    non_data = NonData()
    data = Data()
    set_only = SetOnly()
    plain = 42

    def __init__(self) -> None:
        self._celsius = 20.0

    @property
    def read_only(self) -> str:
        return "read only"

    @MyProperty
    def celsius(self) -> float:
        return self._celsius

    @celsius.setter
    def celsius(self, value: float) -> None:
        self._celsius = value

    @functools.cached_property
    def expensive(self) -> int:
        return 42

    @classmethod
    def make(cls) -> Zoo:
        return cls()

    @staticmethod
    def helper() -> int:
        return 1


class Slotted:
    __slots__ = ("x", "y")

    def __init__(self) -> None:
        self.x = 1
        self.y = 2
