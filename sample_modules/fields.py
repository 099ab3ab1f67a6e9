"""Typed-field descriptors: validation on assignment, values kept per instance."""

from __future__ import annotations

from typing import Any


class Typed:
    """A data descriptor that checks the type of what is assigned."""

    expected: type = object

    def __set_name__(self, owner: type, name: str) -> None:
        self.public_name = name
        self.private_name = "_" + name

    def __get__(self, obj: Any, objtype: type | None = None) -> Any:
        if obj is None:
            return self
        return getattr(obj, self.private_name)

    def __set__(self, obj: Any, value: Any) -> None:
        if not isinstance(value, self.expected):
            raise TypeError(f"{self.public_name} must be {self.expected.__name__}")
        setattr(obj, self.private_name, value)


class Integer(Typed):
    expected = int


class String(Typed):
    expected = str


class Positive(Integer):
    def __set__(self, obj: Any, value: Any) -> None:
        if isinstance(value, int) and value <= 0:
            raise ValueError(f"{self.public_name} must be positive")
        super().__set__(obj, value)


class Agent:
    name = String()
    max_steps = Positive()
    temperature = 0.7

    def __init__(self, name: str, max_steps: int) -> None:
        self.name = name
        self.max_steps = max_steps

    def describe(self) -> str:
        return f"{self.name} ({self.max_steps} steps)"
