"""A metaclass that raises on every attribute access, repr, comparison and hash.

mro-explain must still explain these classes without triggering any of it.
"""

from __future__ import annotations

from typing import Any

CALLS: list[str] = []


class Hostile(type):
    def __getattribute__(cls, name: str) -> Any:
        CALLS.append(f"__getattribute__ {name}")
        raise RuntimeError(f"hostile __getattribute__({name!r})")

    def __getattr__(cls, name: str) -> Any:
        CALLS.append(f"__getattr__ {name}")
        raise RuntimeError(f"hostile __getattr__({name!r})")

    def __repr__(cls) -> str:
        CALLS.append("__repr__")
        raise RuntimeError("hostile __repr__")

    def __eq__(cls, other: object) -> bool:
        CALLS.append("__eq__")
        raise RuntimeError("hostile __eq__")

    def __hash__(cls) -> int:
        CALLS.append("__hash__")
        raise RuntimeError("hostile __hash__")

    def mro(cls) -> list[type]:
        return type.mro(cls)


class Spy:
    """A descriptor that records every call made on it."""

    def __get__(self, obj: Any, objtype: Any = None) -> Any:
        CALLS.append("Spy.__get__")
        raise RuntimeError("descriptor ran")

    def __set__(self, obj: Any, value: Any) -> None:
        CALLS.append("Spy.__set__")
        raise RuntimeError("descriptor ran")


class Root(metaclass=Hostile):
    spy = Spy()


class Left(Root):
    pass


class Right(Root):
    pass


class Bottom(Left, Right):
    def method(self) -> None:
        pass


CALLS.clear()
