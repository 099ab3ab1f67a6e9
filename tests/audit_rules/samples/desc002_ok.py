"""DESC002: deliberate per-instance replacements and attributes that hide nothing."""

from __future__ import annotations

import dataclasses
import functools
from typing import Any

RULE = "DESC002"
EXPECTED: dict[tuple[str, str], str] = {}


class Encoder:
    """json.JSONEncoder's documented hook: a guarded per-instance override."""

    def __init__(self, default: Any = None) -> None:
        if default is not None:
            self.default = default

    def default(self, o: Any) -> Any:
        raise TypeError(o)


class Builder:
    """Speed hacks: bind another object's method, or a builtin."""

    def __init__(self) -> None:
        self.stack: list[Any] = []
        self.pop = self.stack.pop
        self._finish = id
        try:
            self.push = self.stack.append
        except AttributeError:
            pass

    def pop(self) -> Any:  # type: ignore[no-redef]
        return self.stack.pop()

    def push(self, item: Any) -> None:
        self.stack.append(item)

    def _finish(self, node: Any) -> None:
        pass


class Cached:
    """cached_property is meant to be pre-filled."""

    def __init__(self, size: int | None = None) -> None:
        self.size = size or 0

    @functools.cached_property
    def size(self) -> int:  # type: ignore[no-redef]
        return 42


class Stream:
    def __init__(self) -> None:
        self.stream = "x"


class Quiet(Stream):
    """Stream.__init__ never runs for Quiet: its own __init__ does not call super()."""

    def __init__(self) -> None:
        self.level = 0

    def stream(self) -> str:
        return "quiet"


class lazy_attr:
    """A werkzeug-style caching descriptor: it writes into the instance, so pre-filling it is fine."""

    def __init__(self, func: Any) -> None:
        self.func = func

    def __get__(self, obj: Any, objtype: Any = None) -> Any:
        if obj is None:
            return self
        value = obj.__dict__[self.func.__name__] = self.func(obj)
        return value


class Prefilled:
    def __init__(self) -> None:
        self.answer = 41

    @lazy_attr
    def answer(self) -> int:
        return 42


def default_handler(event: Any) -> None:
    pass


@dataclasses.dataclass
class Subscriber:
    """A dataclass field whose default is a function: data, not a method."""

    handler: Any = default_handler
