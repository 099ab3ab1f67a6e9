"""Classify class attributes as data, non-data or plain, the way CPython does.

CPython decides whether a value found on a class is a descriptor from the
*type* of the value: the ``tp_descr_get`` slot (``__get__``) and the
``tp_descr_set`` slot (``__set__`` *or* ``__delete__``). A value whose type
fills ``tp_descr_set`` is a *data* descriptor, also when it has no ``__get__``;
one with only ``tp_descr_get`` is a *non-data* descriptor; anything else is a
*plain* value returned as it is. Attributes set on the value itself (an
instance with a ``__get__`` attribute) do not count.

Everything here reads the classes' ``__dict__`` mappings through
:mod:`pyinspect_cli.core.static`: no ``getattr`` on classes or values, no
descriptor is ever called. The only things read from values are the
``fget``/``fset``/``fdel`` members of :class:`property` objects, through
``property``'s own C-level member descriptors.
"""

from __future__ import annotations

import functools
import types
from typing import Literal

from pyinspect_cli.core import static
from pyinspect_cli.core.record import Record

__all__ = [
    "KINDS",
    "AttributeInfo",
    "DescriptorInfo",
    "Kind",
    "class_attributes",
    "classify",
    "type_name_of",
]

Kind = Literal["data", "non-data", "plain"]

#: every kind, in the order CPython gives them precedence on an instance read
KINDS: tuple[Kind, ...] = ("data", "non-data", "plain")


class DescriptorInfo(Record):
    """What CPython sees in one class attribute value.

    ``type_name`` is a short description of the value's type: ``"property"``,
    ``"functools.cached_property"``, ``"classmethod"``, ``"staticmethod"``,
    ``"function"``, ``"functools.partialmethod"``,
    ``"functools.singledispatchmethod"``, ``"slot member"``, ``"getset
    descriptor"``, ``"builtin method descriptor"``, ``"builtin function"``,
    ``"class"``, a builtin type's name (``"int"``) or ``"module:qualname"`` of
    any other type (custom descriptors). ``has_*`` say which special methods
    ``type(value)``'s MRO defines. ``accessors`` is, for a :class:`property`
    (or subclass), the subset of ``("getter", "setter", "deleter")`` it has.
    """

    kind: Kind
    type_name: str
    has_get: bool
    has_set: bool
    has_delete: bool
    has_set_name: bool
    accessors: tuple[str, ...]


class AttributeInfo(Record):
    """One attribute of a class, as found on its MRO.

    ``owner`` is the first class of the MRO whose ``__dict__`` holds ``name``;
    ``value`` is what it holds there (never called); ``overrides`` lists the
    classes further down the MRO that define ``name`` too, in MRO order.
    """

    name: str
    owner: type
    value: object
    info: DescriptorInfo
    overrides: tuple[type, ...]


# Exact types with a well-known description. Subclasses are described by
# their own "module:qualname".
_KNOWN_TYPES: tuple[tuple[type, str], ...] = (
    (property, "property"),
    (functools.cached_property, "functools.cached_property"),
    (classmethod, "classmethod"),
    (staticmethod, "staticmethod"),
    (types.FunctionType, "function"),
    (functools.partialmethod, "functools.partialmethod"),
    (functools.singledispatchmethod, "functools.singledispatchmethod"),
    (functools.partial, "functools.partial"),
    (types.MemberDescriptorType, "slot member"),
    (types.GetSetDescriptorType, "getset descriptor"),
    (types.MethodDescriptorType, "builtin method descriptor"),
    (types.ClassMethodDescriptorType, "builtin classmethod descriptor"),
    (types.WrapperDescriptorType, "slot wrapper"),
    (types.MethodWrapperType, "method-wrapper"),
    (types.BuiltinFunctionType, "builtin function"),
    (types.MethodType, "bound method"),
    (types.ModuleType, "module"),
)

_PROPERTY_MEMBERS = (("fget", "getter"), ("fset", "setter"), ("fdel", "deleter"))


def type_name_of(value: object) -> str:
    """The short description of ``type(value)`` used in ``DescriptorInfo.type_name``."""
    if static.is_class(value):
        return "class"
    tp = type(value)
    for known, label in _KNOWN_TYPES:
        if tp is known:
            return label
    if static.module_of(tp) == "builtins":
        return static.qualname_of(tp)
    return static.class_id(tp)


def _property_accessors(value: object) -> tuple[str, ...]:
    """Which of getter/setter/deleter a property (or subclass instance) has.

    Reads ``fget``/``fset``/``fdel`` through the member descriptors of
    :class:`property` itself, which are C code: a subclass cannot intercept it.
    """
    if not static.is_subclass(type(value), property):
        return ()
    found = []
    ns = static.dict_of(property)
    for member, label in _PROPERTY_MEMBERS:
        descriptor = ns[member]
        if descriptor.__get__(value, property) is not None:
            found.append(label)
    return tuple(found)


def classify(value: object) -> DescriptorInfo:
    """Classify a value stored in a class ``__dict__``, looking only at ``type(value)``."""
    has_get = static.type_lookup(value, "__get__") is not None
    has_set = static.type_lookup(value, "__set__") is not None
    has_delete = static.type_lookup(value, "__delete__") is not None
    has_set_name = static.type_lookup(value, "__set_name__") is not None
    kind: Kind
    if has_set or has_delete:
        kind = "data"
    elif has_get:
        kind = "non-data"
    else:
        kind = "plain"
    return DescriptorInfo(
        kind=kind,
        type_name=type_name_of(value),
        has_get=has_get,
        has_set=has_set,
        has_delete=has_delete,
        has_set_name=has_set_name,
        accessors=_property_accessors(value),
    )


def _own_items(cls: type) -> list[tuple[str, object]]:
    """``(name, value)`` pairs of a class's own namespace; only exact ``str`` keys.

    Items are iterated rather than looked up by key, so a key whose type
    overrides ``__eq__``/``__hash__`` is never compared with anything.
    """
    return [(key, value) for key, value in list(static.dict_of(cls).items()) if type(key) is str]


def class_attributes(cls: type, *, include_object: bool = False, own_only: bool = False) -> list[AttributeInfo]:
    """Every attribute *cls* has through its MRO, the first definition winning.

    Rows come in MRO order of their owners, each owner's names in namespace
    (definition) order. Attributes whose winning definition is on
    :class:`object` are left out unless *include_object*; *own_only* keeps
    only the names of *cls*'s own ``__dict__``. Nothing is called.
    """
    mro = static.mro_of(cls)
    winners: dict[str, tuple[type, object]] = {}
    overrides: dict[str, list[type]] = {}
    order: list[str] = []
    for klass in mro:
        for name, value in _own_items(klass):
            if name in winners:
                overrides[name].append(klass)
                continue
            winners[name] = (klass, value)
            overrides[name] = []
            order.append(name)
    result: list[AttributeInfo] = []
    for name in order:
        owner, value = winners[name]
        if own_only and owner is not cls:
            continue
        if owner is object and not include_object and cls is not object:
            continue
        result.append(AttributeInfo(name, owner, value, classify(value), tuple(overrides[name])))
    return result
