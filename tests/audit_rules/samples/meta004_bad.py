"""META004: singletons created with check-then-set and no lock."""

from __future__ import annotations

from typing import Any, ClassVar

RULE = "META004"
EXPECTED = {
    ("Singleton", "__call__"): "warning",
    ("Service", "__new__"): "warning",
}


class Singleton(type):
    _instances: ClassVar[dict[type, Any]] = {}

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        if cls not in cls._instances:
            cls._instances[cls] = super().__call__(*args, **kwargs)
        return cls._instances[cls]


class Service:
    _instance: Service | None = None

    def __new__(cls) -> Service:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance
