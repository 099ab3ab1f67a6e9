"""Read classes and objects without running any of their code.

This module is the only place in mro-explain that touches user objects. It
never calls ``getattr`` on a class or an instance: a metaclass may override
``__getattribute__``, ``__getattr__``, ``__repr__``, ``__eq__`` or ``__hash__``,
a class attribute may be a descriptor with side effects. Instead it calls the
getset descriptors that :class:`type` itself defines (``type.__dict__['__mro__']``
and friends) directly, walks the real ``__dict__`` mappings of the classes in
an MRO, and looks special methods up on ``type(value)``'s MRO, in the spirit of
:func:`inspect.getattr_static`.

Classes are identified by ``id()`` wherever they are used as keys: hashing or
comparing a class may call its metaclass's ``__hash__``/``__eq__``.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Mapping, Sequence
from typing import Any, Literal

_TYPE_DICT = type.__dict__
_get_mro = _TYPE_DICT["__mro__"].__get__
_get_bases = _TYPE_DICT["__bases__"].__get__
_get_base = _TYPE_DICT["__base__"].__get__
_get_dict = _TYPE_DICT["__dict__"].__get__
_get_name = _TYPE_DICT["__name__"].__get__
_get_qualname = _TYPE_DICT["__qualname__"].__get__
_get_module = _TYPE_DICT["__module__"].__get__
_get_flags = _TYPE_DICT["__flags__"].__get__
_get_basicsize = _TYPE_DICT["__basicsize__"].__get__
_get_itemsize = _TYPE_DICT["__itemsize__"].__get__
_get_dictoffset = _TYPE_DICT["__dictoffset__"].__get__
_get_weakrefoffset = _TYPE_DICT["__weakrefoffset__"].__get__
_get_module_dict: Any = types.ModuleType.__dict__["__dict__"].__get__  # type: ignore[index]
_get_function_dict: Any = types.FunctionType.__dict__["__dict__"].__get__  # type: ignore[index]

#: ``Py_TPFLAGS_HEAPTYPE``: the class was created by a class statement or type()
TPFLAGS_HEAPTYPE = 1 << 9
#: ``Py_TPFLAGS_BASETYPE``: the class may be subclassed
TPFLAGS_BASETYPE = 1 << 10


def is_class(obj: object) -> bool:
    """Whether *obj* is a class, decided from ``type(obj)`` alone.

    ``isinstance(obj, type)`` may fall back to ``obj.__class__``, which can be a
    property; this never does.
    """
    return issubclass(type(obj), type)


def mro_of(cls: type) -> tuple[type, ...]:
    """``cls.__mro__`` without asking the metaclass."""
    mro: tuple[type, ...] = _get_mro(cls)
    return mro


def bases_of(cls: type) -> tuple[type, ...]:
    """``cls.__bases__`` without asking the metaclass."""
    bases: tuple[type, ...] = _get_bases(cls)
    return bases


def base_of(cls: type) -> type | None:
    """``cls.__base__`` (the 'solid' base CPython chose) without asking the metaclass."""
    base: type | None = _get_base(cls)
    return base


def dict_of(cls: type) -> Mapping[str, Any]:
    """The class's own namespace (``vars(cls)``) without asking the metaclass, string keys only.

    Looking a name up in a namespace that holds a non-string key with the same
    hash would call that key's ``__eq__``; such keys are left out (see
    :func:`str_namespace`), so ``name in dict_of(cls)`` never runs user code.
    """
    ns: Mapping[str, Any] = str_namespace(cls, _get_dict(cls))
    return ns


def raw_dict_of(cls: type) -> Mapping[Any, Any]:
    """The class's own namespace as CPython holds it, non-string keys included.

    Iterate it; never look a name up in it (use :func:`dict_of`).
    """
    ns: Mapping[Any, Any] = _get_dict(cls)
    return ns


def module_dict(module: object) -> dict[str, Any] | None:
    """A module's ``__dict__`` (string keys only, see :func:`str_namespace`), read without asking the module.

    Works for instances of :class:`types.ModuleType` and its subclasses (a
    module whose ``__class__`` was replaced); ``None`` for anything else (an
    object that replaced itself in ``sys.modules``).
    """
    tp = type(module)
    if tp is not types.ModuleType and not is_subclass(tp, types.ModuleType):
        return None
    try:
        ns = _get_module_dict(module)
    except Exception:  # pragma: no cover - the getset of ModuleType does not fail on a module
        return None
    if type(ns) is not dict:
        return None
    safe = str_namespace(module, ns)
    return safe if type(safe) is dict else None


def function_dict(func: types.FunctionType) -> dict[str, Any]:
    """A function's own ``__dict__`` (its attributes, ``__wrapped__``), string keys only."""
    ns = _get_function_dict(func)
    if type(ns) is dict and not ns:
        return ns  # most functions: nothing to check, nothing to remember
    safe = str_namespace(func, ns) if type(ns) is dict else {}
    return safe if type(safe) is dict else {}


def instance_dict(obj: object) -> dict[str, Any] | None:
    """An object's own ``__dict__`` (string keys only), or ``None`` when it has none that can be read safely.

    Only the ``__dict__`` slot CPython itself provides is used (a getset or
    member descriptor found on ``type(obj)``'s MRO); a class that defines its
    own ``__dict__`` attribute (a property) is never asked.
    """
    found = type_lookup(obj, "__dict__")
    if found is None:
        return None
    descriptor = found[1]
    kind = type(descriptor)
    if kind is not types.GetSetDescriptorType and kind is not types.MemberDescriptorType:
        return None
    try:
        ns = descriptor.__get__(obj, type(obj))
    except Exception:
        return None
    if type(ns) is not dict:
        return None
    safe = str_namespace(obj, ns)
    return safe if type(safe) is dict else None


def str_namespace(owner: object, ns: Mapping[Any, Any]) -> Any:
    """*ns* itself when every key is an exact ``str``, else a copy holding only those keys.

    A lookup of an absent name in a dict compares the name with every stored
    key of the same hash: a non-string key (``vars()[K("__getattr__")] = 1``
    in a class body) would have its ``__eq__`` called. Reading through the
    namespace this returns compares strings with strings only. Iterating keys
    and testing ``type(k) is str`` calls nothing.

    The answer is remembered per *owner* (kept alive in the entry so that its
    id is not reused) while the namespace keeps its size: names CPython adds
    later (``setattr``, module globals) are exact strings, so only a change in
    size can bring in a new non-string key.
    """
    key = id(owner)
    size = len(ns)
    entry = _SAFE.get(key)
    if entry is not None and entry[0] is owner and entry[1] == size:
        return entry[2]
    safe: Any
    if all(type(k) is str for k in ns):
        safe = ns
    else:
        copy = {k: v for k, v in ns.items() if type(k) is str}
        safe = types.MappingProxyType(copy) if type(ns) is types.MappingProxyType else copy
    if len(_SAFE) >= _SAFE_LIMIT:
        _SAFE.clear()
    _SAFE[key] = (owner, size, safe)
    return safe


#: per owner (class, module, function): (owner, namespace size, the string-keyed namespace)
_SAFE: dict[int, tuple[object, int, Any]] = {}
_SAFE_LIMIT = 50000


def str_keys(ns: Mapping[Any, Any]) -> dict[str, Any]:
    """A copy of any mapping with exact ``str`` keys only (for a one-off read of an unknown mapping)."""
    return {k: v for k, v in ns.items() if type(k) is str}


def name_of(cls: type) -> str:
    """``cls.__name__`` as CPython stores it."""
    name: str = _get_name(cls)
    return name


def qualname_of(cls: type) -> str:
    """``cls.__qualname__`` as CPython stores it."""
    qualname: str = _get_qualname(cls)
    return qualname


def module_of(cls: type) -> str:
    """``cls.__module__``, or ``"?"`` when the class's namespace holds a non-string."""
    try:
        module = _get_module(cls)
    except AttributeError:
        return "?"
    return module if type(module) is str else "?"


def flags_of(cls: type) -> int:
    """``cls.__flags__``."""
    flags: int = _get_flags(cls)
    return flags


def layout_of(cls: type) -> tuple[int, int, int, int]:
    """``(__basicsize__, __itemsize__, __dictoffset__, __weakrefoffset__)`` of *cls*."""
    return (_get_basicsize(cls), _get_itemsize(cls), _get_dictoffset(cls), _get_weakrefoffset(cls))


def is_heap_type(cls: type) -> bool:
    """Whether *cls* was created at run time (a class statement, ``type()``)."""
    return bool(flags_of(cls) & TPFLAGS_HEAPTYPE)


def tp_name(cls: type) -> str:
    """The C-level ``tp_name`` CPython uses in some error messages.

    Classes made by a class statement store their ``__name__``. C types store
    the dotted ``module.name`` (unless they live in ``builtins``): static ones
    always, heap ones made from a C spec too — those are the heap types that
    refuse subclasses, the only case where the name reaches a message.
    """
    if is_heap_type(cls) and flags_of(cls) & TPFLAGS_BASETYPE:
        return name_of(cls)
    module = module_of(cls)
    if module in ("builtins", "?"):
        return name_of(cls)
    return f"{module}.{name_of(cls)}"


def class_id(cls: type) -> str:
    """The stable ``"module:qualname"`` identifier of a class used in every output."""
    return f"{module_of(cls)}:{qualname_of(cls)}"


def index_in(mro: Sequence[type], cls: type) -> int:
    """Where *cls* is in *mro*, by identity (``-1``: not there); ``mro.index`` would call ``__eq__``."""
    for i, k in enumerate(mro):
        if k is cls:
            return i
    return -1


def is_subclass(cls: type, base: type) -> bool:
    """``issubclass(cls, base)`` by identity over ``cls.__mro__``.

    ``issubclass`` would consult the metaclass's ``__subclasscheck__`` (ABCs,
    user code); this is the structural answer CPython uses for layouts and
    metaclass selection (``PyType_IsSubtype``).
    """
    return any(k is base for k in mro_of(cls))


def static_lookup(cls: type, name: str) -> tuple[type, Any] | None:
    """Find *name* on *cls*'s MRO the way CPython's ``_PyType_Lookup`` does.

    Returns ``(owner, value)`` for the first class in the MRO whose own
    namespace holds *name*, or ``None``. Nothing is called on the value.
    """
    for klass in mro_of(cls):
        ns = dict_of(klass)
        if name in ns:
            return klass, ns[name]
    return None


def type_lookup(value: object, name: str) -> tuple[type, Any] | None:
    """Look a special method up on ``type(value)``'s MRO (never on *value*)."""
    return static_lookup(type(value), name)


_PLAIN_REPR_TYPES: tuple[type, ...] = (int, float, complex, bool, type(None), type(Ellipsis), type(NotImplemented))


def describe(value: object, *, limit: int = 60) -> str:
    """A short description of *value* that never runs its code.

    Classes print as ``module:qualname``; builtin scalars and strings are
    ``repr()``-ed (their ``repr`` is CPython's own, since only exact builtin
    types qualify); functions print by qualified name; containers by type and
    size; every other object as ``<Type instance>``.
    """
    tp = type(value)
    if is_class(value):
        return class_id(value)  # type: ignore[arg-type]
    # Identity checks only: ``tp in (...)`` would call a metaclass's ``__eq__``.
    if _is_one_of(tp, _PLAIN_REPR_TYPES) or tp is str or tp is bytes:
        text = repr(value)
    elif _is_one_of(tp, (types.FunctionType, types.BuiltinFunctionType, types.MethodType)):
        text = f"<{name_of(tp)} {_function_name(value)}>"
    elif _is_one_of(tp, (dict, list, tuple, set, frozenset)):
        text = f"<{name_of(tp)} of {len(value)} items>"  # type: ignore[arg-type]
    elif tp is types.ModuleType:
        text = f"<module {_safe_module_name(value)}>"
    else:
        text = f"<{class_id(tp)} instance>"
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def _is_one_of(tp: type, candidates: tuple[type, ...]) -> bool:
    return any(tp is c for c in candidates)


def _function_name(func: object) -> str:
    tp = type(func)
    for attr in ("__qualname__", "__name__"):
        found = static_lookup(tp, attr)
        if found is None:
            continue
        descriptor = found[1]
        getter = type_lookup(descriptor, "__get__")
        if getter is None:
            continue
        try:
            value = getter[1](descriptor, func, tp)
        except Exception:  # pragma: no cover - builtin getters do not raise
            continue
        if type(value) is str:
            return value
    return "?"


def _safe_module_name(module: object) -> str:
    ns = module_dict(module)
    name = ns.get("__name__") if ns is not None else None
    return name if type(name) is str else "?"


# ---------------------------------------------------------------------------
# Where a class comes from

#: the top-level modules of the standard library (``_thread`` and ``thread``-less private ones included)
_STDLIB: frozenset[str] = frozenset(getattr(sys, "stdlib_module_names", ()))


def origin_of(cls: type) -> Literal["builtin", "stdlib", "user"]:
    """``"builtin"`` (module ``builtins``), ``"stdlib"`` (a standard-library module) or ``"user"``.

    Decided from ``__module__`` alone: ``_thread._local`` and ``collections.OrderedDict``
    are ``"stdlib"``; a third-party package is ``"user"`` (see :func:`is_library_module`).
    """
    module = module_of(cls)
    if module == "builtins":
        return "builtin"
    if module.split(".")[0] in _STDLIB:
        return "stdlib"
    return "user"


def is_library(cls: type) -> bool:
    """Whether *cls* comes with Python (builtins or the standard library)."""
    return origin_of(cls) != "user"
