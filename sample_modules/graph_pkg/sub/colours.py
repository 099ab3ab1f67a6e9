"""A class whose bases come from two other modules."""

import collections

from sample_modules.graph_pkg.shapes import Circle


class Colour(collections.OrderedDict):
    pass


class Red(Circle, Colour):
    pass
