"""Caching rules: DESC004 cached-property-no-dict, DESC005 cached-property-on-metaclass,
DESC011 cached-instance-method.

The helpers they share are in :mod:`pyinspect_cli.audit.rules.analysis`.
"""

from __future__ import annotations

import ast
import enum
import functools
import types
from collections.abc import Iterator
from typing import Any

from pyinspect_cli.audit.findings import Finding, Severity
from pyinspect_cli.audit.rules.analysis import (
    FunctionNode,
    Memo,
    _lru_dict,
    _lru_wrapper_type,
    _object_dict,
    affected_note,
    def_line,
    function_code,
    function_node,
    is_cached_property,
    is_metaclass,
    line_for,
    name,
    new_here,
)
from pyinspect_cli.audit.rules.base import ClassContext, Rule, RuleDoc, example, register
from pyinspect_cli.core import static
from pyinspect_cli.core.functions import dotted, function_of

# ---------------------------------------------------------------------------
# DESC004 cached-property-no-dict / DESC005 cached-property-on-metaclass


def _desc004_compute(cls: type) -> dict[tuple[str, int], type]:
    out: dict[tuple[str, int], type] = {}
    if is_metaclass(cls) or static.layout_of(cls)[2] != 0:
        return out
    for klass in static.mro_of(cls):
        for key, value in list(static.dict_of(klass).items()):
            if type(key) is str and is_cached_property(value):
                found = static.static_lookup(cls, key)
                if found is not None and found[1] is value:
                    out.setdefault((key, id(klass)), klass)
    return out


_DESC004 = Memo(_desc004_compute)


def check_desc004(ctx: ClassContext) -> Iterator[Finding]:
    cname = name(ctx.cls)
    for key, owner in new_here(ctx.cls, _DESC004).items():
        attr = key[0]
        where = "" if owner is ctx.cls else f" (inherited from {name(owner)})"
        func = _cached_property_func(static.dict_of(owner)[attr])
        yield ctx.finding(
            DESC004,
            f"{cname}.{attr} is a functools.cached_property{where}, but {cname} instances have no __dict__ "
            "(__slots__): TypeError on first access",
            attribute=attr,
            line=line_for(ctx, func, def_line(func)) if func is not None else None,
            notes=(
                "cached_property stores the computed value in the instance __dict__",
                "add '__dict__' to __slots__, drop __slots__, or use a property with a slot as the cache",
                *affected_note(ctx, key, _DESC004),
            ),
        )


def _cached_property_func(value: object) -> types.FunctionType | None:
    """The function of an exact ``functools.cached_property`` (read from its instance ``__dict__``)."""
    if type(value) is not functools.cached_property:
        return None
    inst: Any = _object_dict(value)
    func = inst.get("func") if type(inst) is dict else None
    return function_of(func)


DESC004 = register(
    Rule(
        id="DESC004",
        name="cached-property-no-dict",
        severity=Severity.error,
        summary="functools.cached_property on a class whose instances have no __dict__",
        tags=("descriptors", "slots"),
        check=check_desc004,
        doc=RuleDoc(
            what=(
                "The class has a functools.cached_property, but its instances have no __dict__ "
                "(__slots__ without '__dict__' all along the MRO: __dictoffset__ is 0)."
            ),
            why=(
                "cached_property writes the computed value into the instance __dict__. Without one, "
                "the first access raises TypeError: No '__dict__' attribute on 'C' instance to cache "
                "'x' property."
            ),
            wrong=(example("DESC004", "bad")),
            right=(example("DESC004", "good")),
            fix=(
                "Add '__dict__' to __slots__, remove __slots__, or use a plain property backed by a "
                "dedicated slot (attrs' slotted classes do this for you)."
            ),
            references=(
                "cpython PR#6982 / bpo-21145",
                "pydanny/cached-property#69",
                "python-attrs/attrs#164",
                "pallets/werkzeug PR#2332",
                "HighDiceRoller/icepool#172",
            ),
        ),
    )
)


def check_desc005(ctx: ClassContext) -> Iterator[Finding]:
    cls = ctx.cls
    if not is_metaclass(cls):
        return
    cname = name(cls)
    for key, value in list(static.dict_of(cls).items()):
        if type(key) is str and is_cached_property(value):
            func = _cached_property_func(value)
            yield ctx.finding(
                DESC005,
                f"{cname}.{key} is a functools.cached_property on a metaclass: a class's __dict__ is a "
                "read-only mappingproxy, so the first access raises TypeError",
                attribute=key,
                line=line_for(ctx, func, def_line(func)) if func is not None else None,
                notes=("use a property backed by a dict on the metaclass, or a class-level functools.cache",),
            )


DESC005 = register(
    Rule(
        id="DESC005",
        name="cached-property-on-metaclass",
        severity=Severity.error,
        summary="functools.cached_property defined on a metaclass",
        tags=("descriptors", "metaclass"),
        check=check_desc005,
        doc=RuleDoc(
            what="A metaclass (a subclass of type) defines a functools.cached_property.",
            why=(
                "Its instances are classes, whose __dict__ is a read-only mappingproxy. The functools "
                "documentation says cached_property does not work there: the first access raises "
                "TypeError: The '__dict__' attribute on 'Meta' instance does not support item assignment."
            ),
            wrong=(example("DESC005", "bad")),
            right=(example("DESC005", "good")),
            fix=(
                "Use a plain property (compute each time), or cache in a dict held by the metaclass keyed by the class."
            ),
            references=("functools.cached_property documentation note", "datalad/datalad#6556"),
        ),
    )
)


# ---------------------------------------------------------------------------
# DESC011 cached-instance-method


def _cache_decorator(node: FunctionNode | None) -> tuple[bool | None, str]:
    """Whether the cache decorator of *node* is unbounded (``None`` when unknown), and how it reads."""
    if node is None:
        return None, "functools.lru_cache"
    for deco in node.decorator_list:
        target = deco.func if isinstance(deco, ast.Call) else deco
        parts = dotted(target)
        if parts is None:
            continue
        if parts[-1] == "cache":
            return True, "functools.cache"
        if parts[-1] == "lru_cache":
            if not isinstance(deco, ast.Call):
                return False, "functools.lru_cache"
            values = [*deco.args[:1], *(kw.value for kw in deco.keywords if kw.arg == "maxsize")]
            unbounded = any(isinstance(v, ast.Constant) and v.value is None for v in values)
            return unbounded, "functools.lru_cache(maxsize=None)" if unbounded else "functools.lru_cache"
    return None, "functools.lru_cache"


def _value_object(cls: type) -> bool:
    """A tuple subclass, or a class that defines both ``__eq__`` and ``__hash__`` in Python (value semantics)."""
    if static.is_subclass(cls, tuple):
        return True
    for special in ("__eq__", "__hash__"):
        found = static.static_lookup(cls, special)
        if found is None or function_of(found[1]) is None:
            return False
    return True


def check_desc011(ctx: ClassContext) -> Iterator[Finding]:
    cls = ctx.cls
    if is_metaclass(cls) or static.is_subclass(cls, enum.Enum):
        return
    cname = name(cls)
    for key, value in list(ctx.namespace.items()):
        if type(key) is not str or type(value) is not _lru_wrapper_type:
            continue
        inner = _lru_dict(value)
        wrapped = inner.get("__wrapped__") if type(inner) is dict else None
        func = function_of(wrapped)
        if func is None:
            continue
        code = function_code(func)
        if code.co_argcount < 1 or code.co_varnames[0] in ("cls", "klass", "mcs", "mcls", "metacls"):
            continue
        node = function_node(func)
        unbounded, decorator = _cache_decorator(node)
        if unbounded is False and _value_object(cls):
            continue  # bounded memoisation keyed by value on an immutable value type: intended
        kept = "every instance it sees" if unbounded else "up to maxsize instances"
        yield ctx.finding(
            DESC011,
            f"{cname}.{key} is an instance method cached with {decorator}: the class-level cache keeps {kept} alive",
            attribute=key,
            line=line_for(ctx, func, node.lineno if node is not None else None),
            notes=(
                "the cache lives on the function, shared by all instances, and holds a reference to each "
                "self it was called with (and needs self to be hashable)",
                "cache per instance (functools.cached_property, or a dict on the instance), or move the "
                "computation to a module-level cached function of the values it needs",
            ),
        )


DESC011 = register(
    Rule(
        id="DESC011",
        name="cached-instance-method",
        severity=Severity.warning,
        summary="functools.lru_cache/cache on an instance method keeps instances alive",
        tags=("descriptors", "memory"),
        check=check_desc011,
        doc=RuleDoc(
            what=(
                "A method of the class is wrapped by functools.lru_cache or functools.cache and its first "
                "parameter is the instance. Enum classes and metaclasses are not reported, nor bounded "
                "caches on immutable value types (tuple subclasses, classes defining __eq__ and __hash__), "
                "where memoising by value is the point."
            ),
            why=(
                "The cache belongs to the function object, a class attribute shared by every instance. "
                "Each call stores self in the cache key, so instances are never freed (all of them with "
                "cache/maxsize=None, up to maxsize otherwise), nor anything they reference."
            ),
            wrong=(example("DESC011", "bad")),
            right=(example("DESC011", "good")),
            fix=(
                "Cache per instance (functools.cached_property or a dict attribute), or cache a "
                "module-level function of the hashable values the method needs."
            ),
            references=(
                "flake8-bugbear / ruff B019",
                "pylint W1518 method-cache-max-size-none",
                "ethereum/eth-abi PR#230",
                "pymc-devs/pytensor PR#1660",
            ),
        ),
    )
)
