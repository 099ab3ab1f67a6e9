"""Small immutable records for the data on mro-explain's default path.

``mro-explain MODULE:CLASS`` spends most of its time importing. A
``@dataclass`` compiles its generated methods with ``exec`` when the class is
created (about half a millisecond each, plus importing ``dataclasses`` and
``inspect``); the twenty-odd records of the explain path made the command
measurably slower than ``pydoc``. :class:`Record` gives the same shape —
fields declared as annotations, defaults, keyword or positional construction,
``repr``, equality, hashing, immutability — with methods written once here,
so defining a record costs no compilation. A record class's own ``__init__``
(plain assignments, as a dataclass has) is compiled the first time the class
is instantiated: records a run never builds cost nothing, and the ones it
builds often are as fast to create as dataclasses.

Type checkers see records as frozen dataclasses (``dataclass_transform``).
"""

from __future__ import annotations

import operator
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

_R = TypeVar("_R", bound="Record")


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
    #: field name -> position, for checking keyword arguments
    _positions: ClassVar[dict[str, int]] = {}
    #: the field values of an instance's ``__dict__``, as a tuple
    _values_of: ClassVar[Any] = staticmethod(lambda _d: ())

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
        for klass in cls.__mro__:  # each record class compiles its own __init__ (unless one is written out)
            own = klass.__dict__.get("__init__")
            if own is not None:
                if own is Record.__init__ or getattr(own, "_record_compiled", False):
                    cls.__init__ = Record.__init__  # type: ignore[method-assign]
                break
        cls._fields = tuple(fields)
        cls._defaults = defaults
        cls._frozen = frozen
        cls._positions = {name: i for i, name in enumerate(fields)}
        if len(fields) > 1:
            cls._values_of = staticmethod(operator.itemgetter(*fields))
        elif fields:
            only = fields[0]
            cls._values_of = staticmethod(lambda d: (d[only],))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The first record of its class: compile the class's own __init__, then use it.
        cls = type(self)
        init = _compiled_init(cls) or Record._init_generic  # None: a field without a default after a default
        cls.__init__ = init  # type: ignore[method-assign]
        init(self, *args, **kwargs)

    def _init_generic(self, *args: Any, **kwargs: Any) -> None:
        fields = self._fields
        given = len(args)
        if given > len(fields):
            raise TypeError(f"{type(self).__name__}() takes {len(fields)} arguments, {given} given")
        values = self.__dict__
        if given:
            values.update(zip(fields, args))
        if kwargs:
            positions = self._positions
            for name in kwargs:
                position = positions.get(name)
                if position is None:
                    raise TypeError(f"{type(self).__name__}() got an unexpected keyword argument {name!r}")
                if position < given:
                    raise TypeError(f"{type(self).__name__}() got multiple values for argument {name!r}")
            values.update(kwargs)
        if len(values) < len(fields):
            defaults = self._defaults
            for name in fields:
                if name not in values:
                    if name not in defaults:
                        raise TypeError(f"{type(self).__name__}() missing required argument {name!r}")
                    default = defaults[name]
                    values[name] = default.make() if type(default) is Factory else default

    def __setattr__(self, name: str, value: Any) -> None:
        if self._frozen:
            raise AttributeError(f"cannot assign to field {name!r} of a frozen {type(self).__name__}")
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        if self._frozen:
            raise AttributeError(f"cannot delete field {name!r} of a frozen {type(self).__name__}")
        object.__delattr__(self, name)

    def _values(self) -> tuple[Any, ...]:
        values: tuple[Any, ...] = self._values_of(self.__dict__)
        return values

    def __repr__(self) -> str:
        inner = ", ".join(f"{n}={v!r}" for n, v in zip(self._fields, self._values()))
        return f"{type(self).__name__}({inner})"

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        values = self._values_of
        same: bool = values(self.__dict__) == values(other.__dict__)
        return same

    def __hash__(self) -> int:
        if not self._frozen:
            raise TypeError(f"unhashable type: {type(self).__name__!r}")
        return hash(self._values_of(self.__dict__))

    def replace(self: _R, **changes: Any) -> _R:
        """A copy with some fields changed (``dataclasses.replace``)."""
        values = dict(zip(self._fields, self._values()))
        values.update(changes)
        return type(self)(**values)


def _compiled_init(cls: type[Record]) -> Callable[..., None] | None:
    """``__init__`` for *cls* written out (``def __init__(self, a, b=_default_b): ...``), or ``None``.

    Field names are identifiers taken from annotations; defaults are passed in as
    globals, factories as a sentinel replaced by a fresh value.
    """
    params: list[str] = []
    body: list[str] = []
    namespace: dict[str, Any] = {"_Factory": Factory}
    seen_default = False
    for name in cls._fields:
        if name in cls._defaults:
            seen_default = True
            default = cls._defaults[name]
            namespace[f"_default_{name}"] = default
            params.append(f"{name}=_default_{name}")
            if type(default) is Factory:
                body.append(f"    if {name} is _default_{name}: {name} = _default_{name}.make()")
        elif seen_default:
            return None
        else:
            params.append(name)
        body.append(f"    _d[{name!r}] = {name}")
    # the instance and the dict are named with a leading underscore, which no field name has
    source = f"def __init__(_self, {', '.join(params)}):\n    _d = _self.__dict__\n"
    source += "\n".join(body) + "\n" if body else "    pass\n"
    exec(compile(source, f"<record {cls.__qualname__}>", "exec"), namespace)
    init: Callable[..., None] = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init._record_compiled = True  # type: ignore[attr-defined]
    return init
