"""A metaclass whose mro() moves mixins to the end: __mro__ differs from the C3 result."""

from __future__ import annotations


class MixinsLast(type):
    def mro(cls) -> list[type]:
        order = type.mro(cls)
        mixins = [k for k in order if k.__name__.endswith("Mixin")]
        return [k for k in order if k not in mixins] + mixins


class Base(metaclass=MixinsLast):
    pass


class LoggingMixin:
    pass


class Service(LoggingMixin, Base):
    pass
