"""META004: singletons guarded by a lock."""

from __future__ import annotations

import threading
from typing import Any, ClassVar

RULE = "META004"
EXPECTED: dict[tuple[str, str], str] = {}


class Singleton(type):
    _instances: ClassVar[dict[type, Any]] = {}
    _lock = threading.RLock()

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        with Singleton._lock:
            if cls not in cls._instances:
                cls._instances[cls] = super().__call__(*args, **kwargs)
        return cls._instances[cls]


class Service:
    _instance: Service | None = None
    _lock = threading.Lock()

    def __new__(cls) -> Service:
        cls._lock.acquire()
        try:
            if cls._instance is None:
                cls._instance = super().__new__(cls)
        finally:
            cls._lock.release()
        return cls._instance
