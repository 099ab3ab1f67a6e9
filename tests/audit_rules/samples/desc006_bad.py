"""DESC006: assignments to read-only properties and setter-less data descriptors."""

from __future__ import annotations

import dataclasses
from typing import Any

RULE = "DESC006"
EXPECTED = {
    ("Fixed", "size"): "error",
    ("Gauge", "level"): "error",
    ("Frozen", "ident"): "error",
    ("Combined", "mode"): "error",
    ("Erasable", "token"): "error",
    ("FixedRecord", "size"): "error",
}


class Sized:
    def __init__(self, size: int) -> None:
        self.size = size


class Fixed(Sized):
    """Sized.__init__ runs for Fixed and assigns the read-only property (andykee/lentil#53)."""

    @property
    def size(self) -> int:
        return 10


class FixedChild(Fixed):
    """Same problem; reported once, at Fixed."""


class Gauge:
    def __init__(self) -> None:
        self._level = 0

    @property
    def level(self) -> int:
        return self._level

    def reset(self) -> None:
        self.level = 0


class ReadOnly:
    def __set_name__(self, owner: type, name: str) -> None:
        self.name = "_" + name

    def __get__(self, obj: Any, objtype: Any = None) -> Any:
        if obj is None:
            return self
        return getattr(obj, self.name)

    def __set__(self, obj: Any, value: Any) -> None:
        raise AttributeError("read-only")


class Frozen:
    ident = ReadOnly()

    def __init__(self, ident: str) -> None:
        self.ident = ident


class Opener:
    def __init__(self) -> None:
        self.mode = "r"


class ModeMixin:
    @property
    def mode(self) -> str:
        return "rw"


class Combined(Opener, ModeMixin):
    """Neither base is wrong alone: the combination is, so it is reported here."""


class DeleteOnly:
    """A data descriptor (it has __delete__) without __set__: assignment raises AttributeError."""

    def __get__(self, obj: Any, objtype: Any = None) -> Any:
        if obj is None:
            return self
        return obj.__dict__.get("token")

    def __delete__(self, obj: Any) -> None:
        obj.__dict__.pop("token", None)


class Erasable:
    token = DeleteOnly()

    def __init__(self) -> None:
        self.token = "secret"


@dataclasses.dataclass
class Record:
    size: int


class FixedRecord(Record):
    """The generated Record.__init__ assigns self.size: AttributeError on FixedRecord(3)."""

    @property
    def size(self) -> int:
        return 10
