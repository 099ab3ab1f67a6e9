"""ATTR001: __getattr__ raising something other than AttributeError."""

from __future__ import annotations

from typing import Any

RULE = "ATTR001"
EXPECTED = {
    ("AttrDict", "__getattr__"): "warning",
    ("Config", "__getattr__"): "warning",
    ("Lazy", "__getattr__"): "warning",
    ("Lister", "__getattr__"): "warning",
}


class AttrDict(dict):  # type: ignore[type-arg]
    __getattr__ = dict.__getitem__


class Config:
    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return self._data[name]


class Lazy:
    def __getattr__(self, name: str) -> Any:
        raise NotImplementedError(f"{name} is not loaded yet")


def _maybe_raise(obj: object, item: str) -> None:
    if item.startswith("__"):
        raise AttributeError(item)


class Lister:
    """Pint 0.25.3's pint.facets.system.objects.Lister: hasattr(Lister({}), 'nope') raises KeyError."""

    def __init__(self, d: dict[str, Any]) -> None:
        self.d = d

    def __getattr__(self, item: str) -> Any:
        _maybe_raise(self, item)
        return self.d[item]
