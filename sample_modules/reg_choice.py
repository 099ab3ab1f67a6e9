"""How metaclasses are chosen: explicit, inherited, the most derived, a function, a custom mro()."""

from __future__ import annotations

import abc
from typing import Any


class Meta(type):
    pass


class SubMeta(Meta):
    pass


class ReversedMeta(type):
    """Overrides mro(): CPython calls it to build the class's __mro__."""

    def mro(cls) -> list[type]:
        return type.mro(cls)


class Plain:
    pass


class Explicit(metaclass=Meta):
    pass


class Inherited(Explicit):
    pass


class MostDerived(Explicit, metaclass=SubMeta):
    pass


class Weaker(MostDerived, metaclass=Meta):
    """Asks for Meta, gets SubMeta: the base's metaclass is more derived."""


class Shape(abc.ABC):
    pass


class CombinedMeta(abc.ABCMeta, Meta):
    pass


class Combined(Shape, Explicit, metaclass=CombinedMeta):
    pass


def make_class(name: str, bases: tuple[type, ...], ns: dict[str, Any]) -> type:
    return type(name, bases, ns)


class FromFunction(metaclass=make_class):
    pass


class Custom(metaclass=ReversedMeta):
    pass
