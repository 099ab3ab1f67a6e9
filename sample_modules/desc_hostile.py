"""Descriptors and classes that record every call made on them.

`mro-explain descriptors` and `mro-explain attr` must analyse all of this and
leave CALLS empty: no __get__/__set__/__delete__, no instance, no hook, no
repr/eq/hash of anything the user wrote.
"""

from __future__ import annotations

import functools
from typing import Any

CALLS: list[str] = []


class Recording(type):
    """A metaclass that records (and refuses) everything done to its classes."""

    def __getattribute__(cls, name: str) -> Any:
        CALLS.append(f"meta.__getattribute__ {name}")
        raise RuntimeError("hostile")

    def __getattr__(cls, name: str) -> Any:
        CALLS.append(f"meta.__getattr__ {name}")
        raise RuntimeError("hostile")

    def __setattr__(cls, name: str, value: Any) -> None:
        CALLS.append(f"meta.__setattr__ {name}")
        raise RuntimeError("hostile")

    def __repr__(cls) -> str:
        CALLS.append("meta.__repr__")
        raise RuntimeError("hostile")

    def __eq__(cls, other: object) -> bool:
        CALLS.append("meta.__eq__")
        raise RuntimeError("hostile")

    def __hash__(cls) -> int:
        CALLS.append("meta.__hash__")
        raise RuntimeError("hostile")

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        CALLS.append("meta.__call__")
        raise RuntimeError("hostile")

    def __instancecheck__(cls, obj: object) -> bool:
        CALLS.append("meta.__instancecheck__")
        raise RuntimeError("hostile")

    def __subclasscheck__(cls, sub: type) -> bool:
        CALLS.append("meta.__subclasscheck__")
        raise RuntimeError("hostile")

    def __dir__(cls) -> list[str]:
        CALLS.append("meta.__dir__")
        raise RuntimeError("hostile")

    def __len__(cls) -> int:
        CALLS.append("meta.__len__")
        raise RuntimeError("hostile")

    def __bool__(cls) -> bool:
        CALLS.append("meta.__bool__")
        raise RuntimeError("hostile")

    # a metaclass-level descriptor method: classes of this metaclass stored as attributes are descriptors
    def __get__(cls, obj: Any, owner: Any = None) -> Any:
        CALLS.append("meta.__get__")
        raise RuntimeError("hostile")


class _Noisy:
    """Records repr/eq/hash/bool/len and any attribute read on its instances."""

    def __getattribute__(self, name: str) -> Any:
        CALLS.append(f"{type(self).__name__}.__getattribute__ {name}")
        raise RuntimeError("hostile")

    def __getattr__(self, name: str) -> Any:
        CALLS.append(f"{type(self).__name__}.__getattr__ {name}")
        raise RuntimeError("hostile")

    def __repr__(self) -> str:
        CALLS.append("__repr__")
        raise RuntimeError("hostile")

    def __str__(self) -> str:
        CALLS.append("__str__")
        raise RuntimeError("hostile")

    def __eq__(self, other: object) -> bool:
        CALLS.append("__eq__")
        raise RuntimeError("hostile")

    def __hash__(self) -> int:
        CALLS.append("__hash__")
        raise RuntimeError("hostile")

    def __bool__(self) -> bool:
        CALLS.append("__bool__")
        raise RuntimeError("hostile")

    def __len__(self) -> int:
        CALLS.append("__len__")
        raise RuntimeError("hostile")


class SpyData(_Noisy):
    def __get__(self, obj: Any, owner: Any = None) -> Any:
        CALLS.append("SpyData.__get__")
        raise RuntimeError("descriptor ran")

    def __set__(self, obj: Any, value: Any) -> None:
        CALLS.append("SpyData.__set__")
        raise RuntimeError("descriptor ran")

    def __delete__(self, obj: Any) -> None:
        CALLS.append("SpyData.__delete__")
        raise RuntimeError("descriptor ran")

    def __set_name__(self, owner: type, name: str) -> None:
        pass  # runs at class creation (import time), before CALLS is cleared


class SpyNonData(_Noisy):
    def __get__(self, obj: Any, owner: Any = None) -> Any:
        CALLS.append("SpyNonData.__get__")
        raise RuntimeError("descriptor ran")


class SpyDeleteOnly(_Noisy):
    def __delete__(self, obj: Any) -> None:
        CALLS.append("SpyDeleteOnly.__delete__")
        raise RuntimeError("descriptor ran")


class SpyPlain(_Noisy):
    """Not a descriptor, even with __get__ set on the instance."""


def _spy_getter(self: Any) -> Any:
    CALLS.append("property getter")
    raise RuntimeError("getter ran")


def _spy_cached(self: Any) -> Any:
    CALLS.append("cached_property")
    raise RuntimeError("cached ran")


class Nested(metaclass=Recording):
    """A class with a hostile metaclass that defines __get__: stored on a class, it is a descriptor."""


_plain = SpyPlain.__new__(SpyPlain)
object.__setattr__(_plain, "__dict__", {"__get__": _spy_getter, "__set__": _spy_getter})


class Target(metaclass=Recording):
    data = SpyData()
    non_data = SpyNonData()
    delete_only = SpyDeleteOnly()
    plain = _plain
    nested = Nested
    prop = property(_spy_getter)
    cached = functools.cached_property(_spy_cached)

    def __init__(self) -> None:
        CALLS.append("Target.__init__")

    def __new__(cls) -> Any:
        CALLS.append("Target.__new__")
        raise RuntimeError("instantiated")

    def __getattribute__(self, name: str) -> Any:
        CALLS.append(f"Target.__getattribute__ {name}")
        raise RuntimeError("hostile")

    def __getattr__(self, name: str) -> Any:
        CALLS.append(f"Target.__getattr__ {name}")
        raise RuntimeError("hostile")

    def __setattr__(self, name: str, value: Any) -> None:
        CALLS.append(f"Target.__setattr__ {name}")
        raise RuntimeError("hostile")

    def __init_subclass__(cls, **kwargs: Any) -> None:
        CALLS.append("Target.__init_subclass__")

    def __class_getitem__(cls, item: Any) -> Any:
        CALLS.append("Target.__class_getitem__")
        raise RuntimeError("hostile")


class Child(Target):
    __slots__ = ("slot",)
    # names with markup characters print literally
    vars()["[bold red]x[/]"] = SpyNonData()


class Meta2(Recording):
    meta_data = SpyData()
    meta_non_data = SpyNonData()


class ViaMeta(metaclass=Meta2):
    non_data = SpyNonData()


CALLS.clear()
