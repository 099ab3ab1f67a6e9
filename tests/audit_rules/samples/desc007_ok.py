"""DESC007: __get__ implementations that handle class access."""

from __future__ import annotations

from typing import Any

RULE = "DESC007"
EXPECTED: dict[tuple[str, str], str] = {}


class Field:
    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, objtype: Any = None) -> Any:
        if obj is None:
            return self
        return obj.__dict__[self.name]


class InstanceOnly:
    """Raises AttributeError on purpose (Django's FileDescriptor style)."""

    def __get__(self, obj: Any, objtype: Any = None) -> Any:
        if obj is None:
            raise AttributeError("only accessible from instances")
        return obj.__dict__["x"]


class Delegating:
    """Passes the instance on: whatever it wraps handles None."""

    def __init__(self, func: Any) -> None:
        self.func = func

    def __get__(self, obj: Any, objtype: Any = None) -> Any:
        return self.func.__get__(obj, objtype)


class Truthy:
    def __get__(self, obj: Any, objtype: Any = None) -> Any:
        return obj.__dict__["x"] if obj else self


class Constant:
    def __get__(self, obj: Any, objtype: Any = None) -> int:
        return 42


class Model:
    field = Field()
    only = InstanceOnly()
    answer = Constant()
