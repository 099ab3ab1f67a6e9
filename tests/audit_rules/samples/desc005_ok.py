"""DESC005: a metaclass property, and a cached_property on an ordinary class."""

from __future__ import annotations

import functools

RULE = "DESC005"
EXPECTED: dict[tuple[str, str], str] = {}


class Meta(type):
    @property
    def registry_key(cls) -> str:
        return cls.__name__.lower()


class Model(metaclass=Meta):
    @functools.cached_property
    def key(self) -> str:
        return "k"
