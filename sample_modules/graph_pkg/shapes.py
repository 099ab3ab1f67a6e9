"""Shapes that are plugins."""

from sample_modules.graph_pkg import Plugin


class Shape(Plugin):
    pass


class Circle(Shape):
    pass
