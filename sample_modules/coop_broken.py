"""super() chains that break: a link in the middle ends the chain, a base drops a mixin."""

from __future__ import annotations

from typing import Any


class Loggable:
    def setup(self, **kwargs: Any) -> None:
        super().setup(**kwargs)  # type: ignore[misc]


class Serializable:
    def setup(self, **kwargs: Any) -> None:
        # Forgot super().setup(**kwargs): Base.setup never runs for Model
        self.serialized = True


class Base:
    def setup(self, **kwargs: Any) -> None:
        for key, value in kwargs.items():
            setattr(self, key, value)


class Model(Loggable, Serializable, Base):
    def setup(self, **kwargs: Any) -> None:
        super().setup(**kwargs)


class Widget:
    """A framework base class whose __init__ does not call super().__init__()."""

    def __init__(self, name: str = "widget") -> None:
        self.name = name


class TrackingMixin:
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tracked = True


class TrackedWidget(Widget, TrackingMixin):
    """TrackingMixin.__init__ never runs: Widget.__init__ ends the chain first."""


class FancyTrackedWidget(TrackedWidget):
    """Inherits the same break; it is reported once, at TrackedWidget."""


class GoodTrackedWidget(TrackingMixin, Widget):
    """The mixin first: both __init__ run."""
