"""META003: metaclasses that drop class keywords."""

from __future__ import annotations

from typing import Any

RULE = "META003"
EXPECTED = {
    ("NoKwargs", "__new__"): "warning",
    ("Swallows", "__new__"): "warning",
    ("InitNoKwargs", "__init__"): "warning",
}


class NoKwargs(type):
    def __new__(mcls, name: str, bases: tuple[type, ...], ns: dict[str, Any]) -> Any:
        return super().__new__(mcls, name, bases, ns)


class Swallows(type):
    def __new__(mcls, name: str, bases: tuple[type, ...], ns: dict[str, Any], **kwargs: Any) -> Any:
        return super().__new__(mcls, name, bases, ns)


class InitNoKwargs(type):
    def __init__(cls, name: str, bases: tuple[type, ...], ns: dict[str, Any]) -> None:
        super().__init__(name, bases, ns)
