"""META003: metaclasses that accept and forward class keywords."""

from __future__ import annotations

from typing import Any

RULE = "META003"
EXPECTED: dict[tuple[str, str], str] = {}


class Forwards(type):
    def __new__(mcls, name: str, bases: tuple[type, ...], ns: dict[str, Any], **kwargs: Any) -> Any:
        return super().__new__(mcls, name, bases, ns, **kwargs)

    def __init__(cls, name: str, bases: tuple[type, ...], ns: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(name, bases, ns)


class FixedKeywords(type):
    """Takes exactly the keywords it supports (like typing's TypedDict metaclass)."""

    def __new__(mcls, name: str, bases: tuple[type, ...], ns: dict[str, Any], total: bool = True) -> Any:
        return super().__new__(mcls, name, bases, ns)


class Base(metaclass=Forwards):
    def __init_subclass__(cls, flag: bool = False, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.flag = flag


class Flagged(Base, flag=True):
    pass
