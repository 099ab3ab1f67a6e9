"""No longer imports: the two bases bring unrelated metaclasses."""

import abc


class Meta(type):
    pass


class Tagged(metaclass=Meta):
    pass


class Shape(abc.ABC):
    pass


class Square(Shape, Tagged):
    pass
