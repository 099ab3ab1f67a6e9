"""META003: metaclasses that drop class keywords."""

from __future__ import annotations

from typing import Any

RULE = "META003"
EXPECTED = {
    ("NoKwargs", "__new__"): "warning",
    ("Swallows", "__new__"): "warning",
    ("InitNoKwargs", "__init__"): "warning",
    ("Combined", "__init__"): "warning",
}


class NoKwargs(type):
    def __new__(mcls, name: str, bases: tuple[type, ...], ns: dict[str, Any]) -> Any:
        return super().__new__(mcls, name, bases, ns)


class Swallows(type):
    def __new__(mcls, name: str, bases: tuple[type, ...], ns: dict[str, Any], **kwargs: Any) -> Any:
        return super().__new__(mcls, name, bases, ns)


class InitNoKwargs(type):
    def __init__(cls, name: str, bases: tuple[type, ...], ns: dict[str, Any]) -> None:
        super().__init__(name, bases, ns)


class Dropping(type):
    """Alone, harmless: type.__init__ ignores keywords."""

    def __init__(cls, name: str, bases: tuple[type, ...], ns: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(name, bases, ns)


class Configurable(type):
    def __new__(mcls, name: str, bases: tuple[type, ...], ns: dict[str, Any], *, table: str = "", **kwargs: Any) -> Any:
        return super().__new__(mcls, name, bases, ns, **kwargs)

    def __init__(
        cls, name: str, bases: tuple[type, ...], ns: dict[str, Any], *, table: str = "", **kwargs: Any
    ) -> None:
        super().__init__(name, bases, ns, **kwargs)
        cls.table = table


class Combined(Dropping, Configurable):
    """Dropping.__init__ runs first and never passes table= on to Configurable.__init__."""


class Model(metaclass=Combined, table="users"):
    pass


assert Model.table == "", "the keyword was lost on the way"  # type: ignore[attr-defined]
