"""META005: registries that refuse duplicates."""

from __future__ import annotations

from typing import Any, ClassVar

RULE = "META005"
EXPECTED: dict[tuple[str, str], str] = {}


class Plugin:
    registry: ClassVar[dict[str, type]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        key = f"{cls.__module__}.{cls.__qualname__}"
        if key in Plugin.registry:
            raise ValueError(f"duplicate plugin {key}")
        Plugin.registry[key] = cls


class Registering(type):
    classes: ClassVar[dict[str, type]] = {}

    def __new__(mcls, name: str, bases: tuple[type, ...], ns: dict[str, Any], **kwargs: Any) -> Any:
        cls = super().__new__(mcls, name, bases, ns, **kwargs)
        existing = mcls.classes.setdefault(name, cls)
        if existing is not cls:
            raise TypeError(f"{name} is already registered")
        return cls
