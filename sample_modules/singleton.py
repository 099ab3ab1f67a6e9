"""A singleton metaclass: __call__ caches one instance per class."""

from __future__ import annotations

import threading
from typing import Any, ClassVar


class SingletonMeta(type):
    _instances: ClassVar[dict[type, Any]] = {}

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        if cls not in cls._instances:
            cls._instances[cls] = super().__call__(*args, **kwargs)
        return cls._instances[cls]


class LockedSingletonMeta(type):
    _instances: ClassVar[dict[type, Any]] = {}
    _lock = threading.Lock()

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        with cls._lock:
            if cls not in cls._instances:
                cls._instances[cls] = super().__call__(*args, **kwargs)
        return cls._instances[cls]


class Config(metaclass=SingletonMeta):
    def __init__(self) -> None:
        self.values: dict[str, str] = {}


class Database(metaclass=LockedSingletonMeta):
    def __init__(self, url: str = "sqlite://") -> None:
        self.url = url


CONFIG = Config()
