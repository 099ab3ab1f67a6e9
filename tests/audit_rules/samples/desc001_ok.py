"""DESC001: descriptors that keep per-instance state on the instance."""

from __future__ import annotations

import weakref
from typing import Any

RULE = "DESC001"
EXPECTED: dict[tuple[str, str], str] = {}


class Stored:
    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name  # configuration, once per owner

    def __get__(self, obj: Any, objtype: Any = None) -> Any:
        if obj is None:
            return self
        return obj.__dict__[self.name]

    def __set__(self, obj: Any, value: Any) -> None:
        self.writes = getattr(self, "writes", 0) + 1  # a class-wide counter, not the value
        obj.__dict__[self.name] = value


class Weak:
    def __init__(self, default: Any = None) -> None:
        self.default = default
        self.values: weakref.WeakKeyDictionary[Any, Any] = weakref.WeakKeyDictionary()

    def __get__(self, obj: Any, objtype: Any = None) -> Any:
        if obj is None:
            return self
        return self.values.get(obj, self.default)

    def __set__(self, obj: Any, value: Any) -> None:
        self.values[obj] = value


class Owner:
    stored = Stored()
    weak = Weak()
