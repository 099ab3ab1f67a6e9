"""__init_subclass__ hooks that do and do not call super().__init_subclass__()."""

from __future__ import annotations

from typing import Any, ClassVar


class PluginBase:
    plugins: ClassVar[list[type]] = []

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # No super().__init_subclass__(**kwargs): hooks later in the MRO never run
        PluginBase.plugins.append(cls)


class Tagged:
    tags: ClassVar[list[str]] = []

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        Tagged.tags.append(cls.__name__)


class TaggedPlugin(PluginBase, Tagged):
    """Tagged.__init_subclass__ never runs for subclasses of TaggedPlugin."""


class Registered:
    registry: ClassVar[list[type]] = []

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        Registered.registry.append(cls)


class Lonely:
    def __init_subclass__(cls) -> None:
        cls.lonely = True  # type: ignore[attr-defined]


class Final:
    def __init_subclass__(cls, **kwargs: Any) -> None:
        raise TypeError("Final cannot be subclassed")
