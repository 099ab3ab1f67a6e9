"""Argument problems along cooperative chains."""

from __future__ import annotations

from typing import Any


class Named:
    def __init__(self, name: str, **kwargs: Any) -> None:
        self.name = name
        super().__init__(**kwargs)


class Sized:
    def __init__(self, size: int, **kwargs: Any) -> None:
        self.size = size
        super().__init__(**kwargs)


class Shape(Named, Sized):
    """Cooperative: each class takes its keyword and forwards the rest."""


class Leaky:
    def __init__(self, colour: str) -> None:
        self.colour = colour
        super().__init__(colour=colour)  # type: ignore[call-arg]  # object.__init__() takes no arguments


class LeakyShape(Named, Leaky):
    pass


class Greedy:
    def __init__(self, size: int, **kwargs: Any) -> None:
        self.size = size
        super().__init__()  # drops **kwargs


class NeedsName:
    def __init__(self, *, name: str) -> None:
        self.name = name


class Dropping(Greedy, NeedsName):
    """Greedy drops the keywords; NeedsName.__init__ requires name."""
