"""DESC006: assignments that work."""

from __future__ import annotations

from typing import Any

RULE = "DESC006"
EXPECTED: dict[tuple[str, str], str] = {}


class Settable:
    def __init__(self, size: int) -> None:
        self.size = size

    @property
    def size(self) -> int:  # type: ignore[no-redef]
        return self._size

    @size.setter
    def size(self, value: int) -> None:
        self._size = value


class Guarded:
    def __init__(self) -> None:
        try:
            self.name = "x"
        except AttributeError:
            pass

    @property
    def name(self) -> str:  # type: ignore[no-redef]
        return "fixed"


class Stream:
    def __init__(self) -> None:
        self.stream = None


class StderrLike(Stream):
    """Stream.__init__ never runs for this class (logging._StderrHandler)."""

    def __init__(self) -> None:
        self.level = 0

    @property
    def stream(self) -> Any:
        return None


class Routed:
    """A custom __setattr__ decides where assignments go."""

    def __init__(self) -> None:
        self.value = 1

    def __setattr__(self, name: str, value: Any) -> None:
        object.__setattr__(self, "_" + name, value)

    @property
    def value(self) -> int:  # type: ignore[no-redef]
        return 1


class Handler:
    def __init__(self) -> None:
        self._stream = None

    def set_stream(self, stream: Any) -> None:
        self.stream = stream


class Latent(Handler):
    """Handler.set_stream() would fail on Latent, but only if it is ever called there: not reported."""

    @property
    def stream(self) -> Any:
        return None
