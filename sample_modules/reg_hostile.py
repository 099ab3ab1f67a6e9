"""A hostile metaclass that keeps a registry: every hook of its own raises and records.

mro-explain must report the registry and the metaclass without triggering any
of it: CALLS stays empty.
"""

from __future__ import annotations

from typing import Any

CALLS: list[str] = []


class HostileRegistry(type):
    kinds: dict[str, type] = {}
    order: list[type] = []

    def __new__(mcs, name: str, bases: tuple[type, ...], ns: dict[str, Any]) -> HostileRegistry:
        cls = super().__new__(mcs, name, bases, ns)
        mcs.kinds[name.lower()] = cls
        mcs.order.append(cls)
        return cls

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

    def __instancecheck__(cls, obj: object) -> bool:
        CALLS.append("__instancecheck__")
        raise RuntimeError("hostile __instancecheck__")

    def __subclasscheck__(cls, sub: type) -> bool:
        CALLS.append("__subclasscheck__")
        raise RuntimeError("hostile __subclasscheck__")

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        CALLS.append("__call__")
        raise RuntimeError("hostile __call__")


class Node(metaclass=HostileRegistry):
    pass


class Leaf(Node):
    pass


# An instance made without calling the hostile metaclass, kept in a class-level list.
HostileRegistry.spares = [object.__new__(Leaf)]


CALLS.clear()
