"""Functions read without calling them: unwrapping, and what the names in their code denote.

The one home of two primitives every reader of source needs:

* :func:`function_of` — the plain Python function behind a class attribute
  (``staticmethod``/``classmethod`` unwrapped, ``functools.wraps`` layers
  followed through ``__wrapped__`` in the function's own ``__dict__``);
* name resolution — what ``Name`` or ``a.b.c`` denotes where a function was
  written (its closure cells, its globals, the builtins) or in a module's
  namespace, by plain reads of those namespaces through
  :mod:`~pyinspect_cli.core.static` (string keys only). Nothing is called.

Types are compared by identity only: ``type(x) in (...)`` would call a custom
metaclass's ``__eq__``.
"""

from __future__ import annotations

import ast
import builtins
import sys
import types
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pyinspect_cli.core import static

__all__ = [
    "C_METHOD_TYPES",
    "MISSING",
    "closure_value",
    "default_value",
    "dotted",
    "follow",
    "function_of",
    "function_scopes",
    "is_c_method",
    "is_method_like",
    "lookup",
    "resolve_in_function",
    "resolve_in_module",
    "unwrap_method",
]

#: what a resolution returns when a name is not bound (or cannot be read without running code)
MISSING: Any = object()

#: ``co_flags`` bit of a function that takes ``**kwargs`` (``inspect.CO_VARKEYWORDS``, without importing inspect)
CO_VARKEYWORDS = 0x08

_staticmethod_func: Any = staticmethod.__dict__["__func__"].__get__  # type: ignore[index]
_classmethod_func: Any = classmethod.__dict__["__func__"].__get__  # type: ignore[index]
_function_code: Any = types.FunctionType.__dict__["__code__"].__get__  # type: ignore[index]
_function_globals: Any = types.FunctionType.__dict__["__globals__"].__get__  # type: ignore[index]
_function_closure: Any = types.FunctionType.__dict__["__closure__"].__get__  # type: ignore[index]
_function_defaults: Any = types.FunctionType.__dict__["__defaults__"].__get__  # type: ignore[index]
_function_kwdefaults: Any = types.FunctionType.__dict__["__kwdefaults__"].__get__  # type: ignore[index]

#: the types of methods implemented in C
C_METHOD_TYPES: tuple[type, ...] = (
    types.WrapperDescriptorType,
    types.MethodDescriptorType,
    types.ClassMethodDescriptorType,
    types.BuiltinFunctionType,
    types.MethodWrapperType,
)


def unwrap_method(value: object) -> object:
    """The function a ``staticmethod``/``classmethod`` wraps; anything else as it is."""
    tp = type(value)
    if tp is staticmethod:
        return _staticmethod_func(value)
    if tp is classmethod:
        return _classmethod_func(value)
    return value


def function_of(value: object) -> types.FunctionType | None:
    """The plain Python function behind a class attribute, or ``None``.

    Unwraps ``staticmethod``/``classmethod`` and ``functools.wraps`` layers
    (``__wrapped__`` read from the function's own ``__dict__``, at most 100
    layers). Only exact :class:`types.FunctionType` objects qualify; a C
    function or a user callable is ``None``.
    """
    value = unwrap_method(value)
    seen = 0
    while type(value) is types.FunctionType and seen < 100:
        wrapped = unwrap_method(static.function_dict(value).get("__wrapped__"))
        if type(wrapped) is not types.FunctionType:
            break
        value = wrapped
        seen += 1
    return value if type(value) is types.FunctionType else None


def is_c_method(value: object) -> bool:
    """Whether a class attribute is a method implemented in C."""
    tp = type(unwrap_method(value))
    return any(tp is t for t in C_METHOD_TYPES)


def is_method_like(value: object) -> bool:
    """Whether a class attribute is something ``instance.m()`` would call as a method."""
    return function_of(value) is not None or is_c_method(value)


def _builtins_dict() -> Mapping[str, Any]:
    ns = static.module_dict(builtins)
    return ns if ns is not None else {}


def lookup(name: str, scopes: Iterable[Mapping[Any, Any]]) -> Any:
    """The value of *name* in the first of *scopes* that binds it, or :data:`MISSING`.

    Each scope is read with string keys only (a non-string key is never compared).
    """
    for scope in scopes:
        ns = _string_keyed(scope)
        if name in ns:
            return ns[name]
    return MISSING


def _string_keyed(scope: Mapping[Any, Any]) -> Mapping[str, Any]:
    return scope if type(scope) is dict and _all_str(scope) else static.str_keys(scope)


def function_scopes(func: types.FunctionType) -> tuple[Mapping[str, Any], ...]:
    """The namespaces :func:`resolve_in_function` reads after the closure: globals, then builtins (string keys).

    For a caller testing many names at once: a name in none of these and not
    among the code's free variables resolves to :data:`MISSING`.
    """
    return tuple(_string_keyed(scope) for scope in _global_scopes(func))


def _global_scopes(func: types.FunctionType) -> list[Mapping[Any, Any]]:
    glb = _function_globals(func)
    scopes: list[Mapping[Any, Any]] = [glb] if type(glb) is dict else []
    return [*scopes, _builtins_dict()]


def _all_str(ns: dict[Any, Any]) -> bool:
    return static.str_namespace(ns, ns) is ns


def follow(value: Any, attributes: Sequence[str]) -> Any:
    """``value.a.b`` for modules and classes only, read from their namespaces; :data:`MISSING` otherwise.

    A module attribute is read from the module's ``__dict__``; a class
    attribute from the namespaces of its MRO (never through the metaclass).
    """
    for part in attributes:
        if value is MISSING:
            return MISSING
        ns = static.module_dict(value)
        if ns is not None:
            value = ns.get(part, MISSING)
        elif static.is_class(value):
            found = static.static_lookup(value, part)
            value = found[1] if found is not None else MISSING
        else:
            return MISSING
    return value


def closure_value(func: types.FunctionType, name: str) -> Any:
    """The value in *func*'s closure cell for the free variable *name*, or :data:`MISSING` (empty cell too)."""
    code = _function_code(func)
    closure = _function_closure(func) or ()
    freevars = code.co_freevars
    if name not in freevars or len(closure) != len(freevars):
        return MISSING
    try:
        return closure[freevars.index(name)].cell_contents
    except ValueError:  # an empty cell
        return MISSING


def default_value(func: types.FunctionType, name: str) -> Any:
    """The default value of *func*'s parameter *name* (``def f(x=original)``), or :data:`MISSING`."""
    code = _function_code(func)
    npos = code.co_argcount
    defaults = _function_defaults(func) or ()
    positional = code.co_varnames[:npos]
    if name in positional:
        index = positional.index(name) - (npos - len(defaults))
        return defaults[index] if 0 <= index < len(defaults) else MISSING
    kwdefaults = _function_kwdefaults(func)
    if type(kwdefaults) is dict and name in code.co_varnames[npos : npos + code.co_kwonlyargcount]:
        return static.str_keys(kwdefaults).get(name, MISSING)
    return MISSING


def dotted(expr: ast.AST) -> list[str] | None:
    """``a.b.c`` written in source as ``["a", "b", "c"]``; ``None`` for any other expression."""
    parts: list[str] = []
    while isinstance(expr, ast.Attribute):
        parts.append(expr.attr)
        expr = expr.value
    if isinstance(expr, ast.Name):
        parts.append(expr.id)
        return parts[::-1]
    return None


def resolve_in_function(parts: Sequence[str], func: types.FunctionType) -> Any:
    """What the dotted name *parts* denotes inside *func*: closure cell, then globals, then builtins.

    Returns :data:`MISSING` when the head is not bound there (a local
    variable, a parameter) or an attribute cannot be read without running code.
    """
    head = parts[0]
    value = closure_value(func, head)
    if value is MISSING:
        value = lookup(head, _global_scopes(func))
    return follow(value, parts[1:])


def resolve_in_module(parts: Sequence[str], module_name: str) -> Any:
    """What the dotted name *parts* denotes at the top level of module *module_name* (then builtins)."""
    module = sys.modules.get(module_name)
    ns = static.module_dict(module) if module is not None else None
    value = lookup(parts[0], [*([ns] if ns is not None else []), _builtins_dict()])
    return follow(value, parts[1:])
