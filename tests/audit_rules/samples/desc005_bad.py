"""DESC005: cached_property on a metaclass."""

from __future__ import annotations

import functools

RULE = "DESC005"
EXPECTED = {
    ("Meta", "registry_key"): "error",
}


class Meta(type):
    @functools.cached_property
    def registry_key(cls) -> str:
        return cls.__name__.lower()


class Model(metaclass=Meta):
    pass
