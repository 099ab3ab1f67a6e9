"""Registries held weakly, and a singleton cache guarded by an RLock."""

from __future__ import annotations

import threading
import weakref
from typing import Any, ClassVar


class Tool:
    """Tools register by name without keeping their classes alive."""

    registry: ClassVar[weakref.WeakValueDictionary[str, type]] = weakref.WeakValueDictionary()
    seen: ClassVar[weakref.WeakSet[type]] = weakref.WeakSet()

    def __init_subclass__(cls, /, tool_name: str = "", **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.registry[tool_name or cls.__name__] = cls
        cls.seen.add(cls)


class Search(Tool, tool_name="search"):
    pass


class Calculator(Tool, tool_name="calc"):
    pass


class ServiceMeta(type):
    """One instance per class, created under a re-entrant lock; options per class, held weakly."""

    _instances: ClassVar[dict[type, Any]] = {}
    _lock = threading.RLock()
    options: ClassVar[weakref.WeakKeyDictionary[type, str]] = weakref.WeakKeyDictionary()

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        with cls._lock:
            if cls not in cls._instances:
                cls._instances[cls] = super().__call__(*args, **kwargs)
            return cls._instances[cls]


class Cache(metaclass=ServiceMeta):
    pass


class Queue(metaclass=ServiceMeta):
    pass


ServiceMeta.options[Cache] = "lru"
CACHE = Cache()


class ListenerMeta(type):
    """__init__ (not __new__) appends each class to a list."""

    listeners: ClassVar[list[type]] = []

    def __init__(cls, name: str, bases: tuple[type, ...], ns: dict[str, Any]) -> None:
        super().__init__(name, bases, ns)
        if bases:
            ListenerMeta.listeners.append(cls)


class Listener(metaclass=ListenerMeta):
    pass


class OnStart(Listener):
    pass


class OnStop(Listener):
    pass


class OnceMeta(type):
    """A singleton kept on each class, created under lock.acquire()/release()."""

    _guard = threading.Lock()

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        OnceMeta._guard.acquire()
        try:
            if cls.__dict__.get("_instance") is None:
                cls._instance = super().__call__(*args, **kwargs)
        finally:
            OnceMeta._guard.release()
        return cls._instance


class Settings(metaclass=OnceMeta):
    pass
