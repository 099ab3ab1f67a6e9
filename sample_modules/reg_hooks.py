"""Every hook of the class statement: class keywords, __set_name__, __class_getitem__, __mro_entries__, __prepare__."""

from __future__ import annotations

from typing import Any, ClassVar, Generic, NamedTuple, TypeVar

T = TypeVar("T")


class Field:
    """A descriptor that learns its attribute name when the class is created."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, objtype: Any = None) -> Any:
        return self


class OrderedMeta(type):
    """__prepare__ gives the class body a namespace; __new__ takes class keywords."""

    @classmethod
    def __prepare__(mcs, name: str, bases: tuple[type, ...], **kwargs: Any) -> dict[str, Any]:
        return {}

    def __new__(mcs, name: str, bases: tuple[type, ...], ns: dict[str, Any], **kwargs: Any) -> OrderedMeta:
        return super().__new__(mcs, name, bases, ns, **kwargs)

    def __init__(cls, name: str, bases: tuple[type, ...], ns: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(name, bases, ns)


class Model(metaclass=OrderedMeta):
    kinds: ClassVar[dict[str, list[type]]] = {}

    def __init_subclass__(cls, *, table: str = "", kind: str = "plain", **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.kinds.setdefault(kind, []).append(cls)


OPTIONS = {"kind": "audit"}


class User(Model, table="users"):
    name = Field()
    email = Field()


class AuditLog(Model, table="audit", **OPTIONS):
    pass


class Box(Generic[T]):
    """Subscriptable through typing.Generic.__class_getitem__; Generic[T] became a base via __mro_entries__."""


class Matrix:
    def __class_getitem__(cls, item: Any) -> str:
        return f"Matrix[{item}]"


class Point(NamedTuple):
    x: int
    y: int


class Marker:
    """Instances of Marker can stand in a base list."""

    def __mro_entries__(self, bases: tuple[Any, ...]) -> tuple[type, ...]:
        return (object,)


class Tagged(Marker()):  # type: ignore[misc]
    pass
