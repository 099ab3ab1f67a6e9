"""DESC002: deliberate per-instance replacements and attributes that hide nothing."""

from __future__ import annotations

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
