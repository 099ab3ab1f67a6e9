"""DESC009: __set__ with __get__, and the deliberate fast-read pattern."""

from __future__ import annotations

from typing import Any

RULE = "DESC009"
EXPECTED: dict[tuple[str, str], str] = {}


class FastRead:
    """__set__ validates and stores under its own name: reads hit the instance __dict__."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __set__(self, obj: Any, value: Any) -> None:
        obj.__dict__[self.name] = int(value)


class Full:
    def __set_name__(self, owner: type, name: str) -> None:
        self.private = "_" + name

    def __get__(self, obj: Any, objtype: Any = None) -> Any:
        if obj is None:
            return self
        return getattr(obj, self.private)

    def __set__(self, obj: Any, value: Any) -> None:
        setattr(obj, self.private, int(value))


class Model:
    fast = FastRead()
    full = Full()
