"""Look-alikes that are not registries, metaclass patterns that are not singletons or registries.

Nothing here may be reported as a registry, and the recording containers must
never be iterated, hashed, compared or repr()-ed: CALLS stays empty.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

CALLS: list[str] = []

#: module-level, not class-level: out of scope
HANDLERS = {}


class LoggingMeta(type):
    """__call__ that does not cache: validates and delegates."""

    calls = 0

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        if args and args[0] is None:
            raise TypeError("None is not allowed")
        return super().__call__(*args, **kwargs)

    def __new__(mcs, name: str, bases: tuple[type, ...], ns: dict[str, Any]) -> LoggingMeta:
        ns["created_by"] = "LoggingMeta"
        cls = super().__new__(mcs, name, bases, ns)
        HANDLERS[name] = name.upper()  # records a string, not the class
        return cls


class RecordingDict(dict):
    """A dict subclass whose methods report that they ran."""

    def __iter__(self) -> Iterator[Any]:
        CALLS.append("RecordingDict.__iter__")
        return super().__iter__()

    def items(self) -> Any:
        CALLS.append("RecordingDict.items")
        return super().items()

    def __repr__(self) -> str:
        CALLS.append("RecordingDict.__repr__")
        return "RecordingDict()"


class RecordingMapping(Mapping):
    """A user Mapping: iterating it is user code."""

    def __getitem__(self, key: Any) -> Any:
        CALLS.append("RecordingMapping.__getitem__")
        raise KeyError(key)

    def __iter__(self) -> Iterator[Any]:
        CALLS.append("RecordingMapping.__iter__")
        return iter(())

    def __len__(self) -> int:
        CALLS.append("RecordingMapping.__len__")
        return 0


class Opaque:
    """An object whose hash, eq and repr report that they ran."""

    def __hash__(self) -> int:
        CALLS.append("Opaque.__hash__")
        return 1

    def __eq__(self, other: object) -> bool:
        CALLS.append("Opaque.__eq__")
        return False

    def __repr__(self) -> str:
        CALLS.append("Opaque.__repr__")
        return "Opaque()"


class Settings(metaclass=LoggingMeta):
    DEFAULTS = {"timeout": 30, "retries": 3, "debug": False}
    NAMES = ["alpha", "beta"]
    LEVELS = (10, 20, 30)
    NESTED = {"db": {"host": "localhost", "port": 5432}}
    CALLBACKS = {"start": print, "stop": len}
    RETRY_ON = (ValueError, TimeoutError)
    TYPE_MAP = {"int": int, "str": str}
    factory = dict
    annotated: int = 3
    EMPTY: dict[str, type] = {}


class Holder:
    special = RecordingDict(a=Settings)
    view = RecordingMapping()
    opaque_keys = {"x": 1}


_o = Opaque()
Holder.opaque_list = [_o, _o]
Holder.opaque_dict = {"o": _o}
CALLS.clear()
