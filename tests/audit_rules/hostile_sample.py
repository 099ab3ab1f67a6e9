"""Every rule's trigger, built on a metaclass and descriptors that record (and fail) when touched."""

from __future__ import annotations

import functools
from typing import Any

CALLS: list[str] = []


class Meta(type):
    def __getattribute__(cls, name: str) -> Any:
        CALLS.append(f"getattribute {name}")
        raise RuntimeError(name)

    def __getattr__(cls, name: str) -> Any:
        CALLS.append(f"getattr {name}")
        raise RuntimeError(name)

    def __repr__(cls) -> str:
        CALLS.append("repr")
        raise RuntimeError("repr")

    def __eq__(cls, other: object) -> bool:
        CALLS.append("eq")
        raise RuntimeError("eq")

    def __hash__(cls) -> int:
        CALLS.append("hash")
        raise RuntimeError("hash")

    @functools.cached_property
    def lazy(cls) -> int:  # DESC005
        return 1


class Spy(metaclass=Meta):
    """Shares state (DESC001), reads obj without None check (DESC007)."""

    def __get__(self, obj: Any, objtype: Any = None) -> Any:
        CALLS.append("Spy.__get__")
        return obj.__dict__["x"]

    def __set__(self, obj: Any, value: Any) -> None:
        CALLS.append("Spy.__set__")
        self.value = value


class ReadOnlySpy(property, metaclass=Meta):
    pass


class SetOnly(metaclass=Meta):
    def __set__(self, obj: Any, value: Any) -> None:  # DESC009
        CALLS.append("SetOnly.__set__")
        setattr(obj, "_x", value)


class Owner(metaclass=Meta):
    spy = Spy()
    frozen = ReadOnlySpy(lambda self: 1)

    def __init__(self) -> None:
        self.frozen = 2  # DESC006
        self.run = 0  # DESC002
        self.__call__ = print  # ATTR003
        self.prop = property(lambda self: 1)  # DESC013

    def run(self) -> None:  # type: ignore[no-redef]
        pass

    @functools.cache
    def total(self) -> int:  # DESC011
        return 1

    def __getattr__(self, name: str) -> Any:  # ATTR001
        raise KeyError(name)


class Slotted(metaclass=Meta):
    __slots__ = ("a",)

    @functools.cached_property
    def norm(self) -> int:  # DESC004
        return 1


class Account(metaclass=Meta):
    @property
    def balance(self) -> int:
        return 0

    @balance.setter
    def set_balance(self, value: int) -> None:  # DESC012
        pass


class DropMeta(type, metaclass=Meta):
    def __new__(mcls, name: str, bases: Any, ns: Any) -> Any:  # META003
        return super().__new__(mcls, name, bases, ns)


CALLS.clear()
