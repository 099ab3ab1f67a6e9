"""DESC001: per-instance state kept on the descriptor."""

from __future__ import annotations

from typing import Any

RULE = "DESC001"
EXPECTED = {
    ("SharedValue", "__set__"): "error",
    ("BoundOnGet", "__get__"): "error",
    ("LeakyStore", "__set__"): "warning",
    ("IdKeyed", "__set__"): "warning",
    ("NamedLeak", "__set__"): "warning",
}


class SharedValue:
    """The classic bug: every Owner instance shares one value."""

    def __get__(self, obj: Any, objtype: Any = None) -> Any:
        if obj is None:
            return self
        return self.value

    def __set__(self, obj: Any, value: Any) -> None:
        if value < 0:
            raise ValueError("negative")
        self.value = value


class BoundOnGet:
    """Remembers the last instance it was read from."""

    def __get__(self, obj: Any, objtype: Any = None) -> Any:
        if obj is None:
            return self
        self.instance = obj
        return self


class LeakyStore:
    """A plain dict keyed by instances keeps them alive forever."""

    def __init__(self) -> None:
        self.values: dict[Any, Any] = {}

    def __get__(self, obj: Any, objtype: Any = None) -> Any:
        if obj is None:
            return self
        return self.values.get(obj)

    def __set__(self, obj: Any, value: Any) -> None:
        self.values[obj] = value


class IdKeyed:
    """id() keys outlive their objects and get reused."""

    def __init__(self) -> None:
        self.values: dict[int, Any] = {}

    def __get__(self, obj: Any, objtype: Any = None) -> Any:
        if obj is None:
            return self
        return self.values.get(id(obj))

    def __set__(self, obj: Any, value: Any) -> None:
        self.values[id(obj)] = value


class NamedLeak:
    """The dict is made in __set_name__: still a plain dict keyed by instances."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name
        self.store: dict[Any, Any] = dict()

    def __get__(self, obj: Any, objtype: Any = None) -> Any:
        if obj is None:
            return self
        return self.store.get(obj)

    def __set__(self, obj: Any, value: Any) -> None:
        self.store[obj] = value


class Owner:
    shared = SharedValue()
    bound = BoundOnGet()
    leaky = LeakyStore()
    by_id = IdKeyed()
    named = NamedLeak()
