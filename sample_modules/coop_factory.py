"""A factory that combines one wrapper with many mixins: one root cause, reported once."""

from __future__ import annotations

from typing import Any


class Wrapper:
    """Ends the __init__ chain: every class the factory makes loses its mixin's __init__."""

    def __init__(self, element: object = None) -> None:
        self.element = element


class Tracking:
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tracked = True


class Counting:
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.count = 0


class Logging:
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.log: list[str] = []


def wrapped(mixin: type) -> type:
    return type("Wrapped" + mixin.__name__, (Wrapper, mixin), {})


WrappedTracking = wrapped(Tracking)
WrappedCounting = wrapped(Counting)
WrappedLogging = wrapped(Logging)
