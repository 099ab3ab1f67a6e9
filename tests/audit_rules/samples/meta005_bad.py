"""META005: registries that silently overwrite."""

from __future__ import annotations

from typing import Any, ClassVar

RULE = "META005"
EXPECTED = {
    ("Plugin", "__init_subclass__"): "warning",
    ("Registering", "__new__"): "warning",
}


class Plugin:
    registry: ClassVar[dict[str, type]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        Plugin.registry[cls.__name__] = cls


class Registering(type):
    classes: ClassVar[dict[str, type]] = {}

    def __new__(mcls, name: str, bases: tuple[type, ...], ns: dict[str, Any], **kwargs: Any) -> Any:
        cls = super().__new__(mcls, name, bases, ns, **kwargs)
        mcls.classes[name] = cls
        return cls
