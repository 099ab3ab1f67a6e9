"""ATTR001: __getattr__ raising something other than AttributeError."""

from __future__ import annotations

from typing import Any

RULE = "ATTR001"
EXPECTED = {
    ("AttrDict", "__getattr__"): "warning",
    ("Config", "__getattr__"): "warning",
    ("Lazy", "__getattr__"): "warning",
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
