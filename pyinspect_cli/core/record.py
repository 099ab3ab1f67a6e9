"""Small immutable records for the data on mro-explain's default path.

``mro-explain MODULE:CLASS`` spends most of its time importing. A
``@dataclass`` compiles its generated methods with ``exec`` when the class is
created (about half a millisecond each, plus importing ``dataclasses`` and
``inspect``); the twenty-odd records of the explain path made the command
measurably slower than ``pydoc``. :class:`Record` gives the same shape —
fields declared as annotations, defaults, keyword or positional construction,
``repr``, equality, hashing, immutability — with methods written once here,
so defining a record costs no compilation.

Type checkers see records as frozen dataclasses (``dataclass_transform``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform
elif sys.version_info >= (3, 11):
    from typing import dataclass_transform
else:  # pragma: no cover - Python 3.10 at run time
    T = TypeVar("T")

    def dataclass_transform(**_kwargs: Any) -> Callable[[T], T]:
        return lambda cls: cls


__all__ = ["Factory", "Record"]


class Factory:
    """A default computed for each new record (like ``field(default_factory=...)``)."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[], Any]) -> None:
        self.make = make


def field(*, default_factory: Callable[[], Any]) -> Any:
    """``name: T = field(default_factory=list)``, as with dataclasses."""
    return Factory(default_factory)


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
class Record:
    """Base of immutable records; ``class R(Record, frozen=False)`` makes a mutable one."""

    _fields: ClassVar[tuple[str, ...]] = ()
    _defaults: ClassVar[dict[str, Any]] = {}
    _frozen: ClassVar[bool] = True

    def __init_subclass__(cls, frozen: bool = True, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        fields: list[str] = []
        defaults: dict[str, Any] = {}
        for klass in reversed(cls.__mro__):
            ns = klass.__dict__
            for name, annotation in ns.get("__annotations__", {}).items():
                if "ClassVar" in str(annotation) or name.startswith("_"):
                    continue
                if name not in fields:
                    fields.append(name)
                if name in ns:
                    defaults[name] = ns[name]
        cls._fields = tuple(fields)
        cls._defaults = defaults
        cls._frozen = frozen

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        fields = self._fields
        if len(args) > len(fields):
            raise TypeError(f"{type(self).__name__}() takes {len(fields)} arguments, {len(args)} given")
        values = dict(zip(fields, args))
        for name, value in kwargs.items():
            if name not in fields:
                raise TypeError(f"{type(self).__name__}() got an unexpected keyword argument {name!r}")
            if name in values:
                raise TypeError(f"{type(self).__name__}() got multiple values for argument {name!r}")
            values[name] = value
        if len(values) < len(fields):
            defaults = self._defaults
            for name in fields:
                if name not in values:
                    if name not in defaults:
                        raise TypeError(f"{type(self).__name__}() missing required argument {name!r}")
                    default = defaults[name]
                    values[name] = default.make() if type(default) is Factory else default
        object.__getattribute__(self, "__dict__").update(values)

    def __setattr__(self, name: str, value: Any) -> None:
        if self._frozen:
            raise AttributeError(f"cannot assign to field {name!r} of a frozen {type(self).__name__}")
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        if self._frozen:
            raise AttributeError(f"cannot delete field {name!r} of a frozen {type(self).__name__}")
        object.__delattr__(self, name)

    def _values(self) -> tuple[Any, ...]:
        d = object.__getattribute__(self, "__dict__")
        return tuple(d[name] for name in self._fields)

    def __repr__(self) -> str:
        inner = ", ".join(f"{n}={v!r}" for n, v in zip(self._fields, self._values()))
        return f"{type(self).__name__}({inner})"

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        if not self._frozen:
            raise TypeError(f"unhashable type: {type(self).__name__!r}")
        return hash((type(self), self._values()))

    def replace(self, **changes: Any) -> Any:
        """A copy with some fields changed (``dataclasses.replace``)."""
        values = dict(zip(self._fields, self._values()))
        values.update(changes)
        return type(self)(**values)
