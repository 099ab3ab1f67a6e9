"""Static analysis helpers shared by the audit rule families.

Finding the ``def`` of a function through its code object, collecting
``self.x = ...`` stores, resolving names in a function's globals, the
``__init__`` bodies that run for a class, and per-class memoisation used to
report a finding once, at the class that causes it.

Nothing here calls user code: classes are read through
:mod:`pyinspect_cli.core.static`, values are classified by their type,
functions are read through their code objects and source.
"""

from __future__ import annotations

import ast
import dis
import functools
import os
import types
from collections.abc import Callable, Collection, Iterator
from typing import Any, Generic, TypeVar

from pyinspect_cli.audit.rules.base import ClassContext
from pyinspect_cli.core import static
from pyinspect_cli.core.functions import MISSING, dotted, function_of
from pyinspect_cli.core.hooks import code_node
from pyinspect_cli.core.record import Record
from pyinspect_cli.core.super_chain import cached_super_chain, definers

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef

T = TypeVar("T")

_property_fset: Any = property.__dict__["fset"].__get__  # type: ignore[index]
_lru_wrapper_type: type = functools._lru_cache_wrapper  # type: ignore[attr-defined]
_lru_dict: Any = _lru_wrapper_type.__dict__["__dict__"].__get__
_object_dict: Any = functools.cached_property.__dict__["__dict__"].__get__

# ---------------------------------------------------------------------------
# Shared helpers (also used by the attributes and metaclass rule families)


def is_one_of(tp: object, candidates: tuple[type, ...]) -> bool:
    """``tp in candidates`` by identity: ``in`` would call a metaclass's ``__eq__``."""
    return any(tp is c for c in candidates)


class Memo(Generic[T]):
    """Per-class memoisation keyed by ``id(cls)`` (classes are never hashed).

    The class is kept in the entry so that an id cannot be reused while cached.
    """

    def __init__(self, compute: Callable[[type], T], limit: int = 8192) -> None:
        self._compute = compute
        self._limit = limit
        self._data: dict[int, tuple[object, T]] = {}

    def __call__(self, obj: Any) -> T:
        entry = self._data.get(id(obj))
        if entry is not None and entry[0] is obj:
            return entry[1]
        if len(self._data) >= self._limit:
            self._data.clear()
        value = self._compute(obj)
        self._data[id(obj)] = (obj, value)
        return value


K = TypeVar("K")
V = TypeVar("V")


def new_here(cls: type, compute: Memo[dict[K, V]]) -> dict[K, V]:
    """The entries of ``compute(cls)`` that no proper ancestor of *cls* already has.

    Rules key their findings by what causes them (the names and ``id``s of the
    classes involved), so a bug in ``Base`` is reported once, at ``Base``, not
    once per subclass; a combination that first appears in *cls* (multiple
    inheritance) is reported at *cls*.
    """
    mine = compute(cls)
    if not mine:
        return mine
    inherited: set[K] = set()
    for base in static.mro_of(cls)[1:]:
        inherited.update(compute(base))
    return {k: v for k, v in mine.items() if k not in inherited}


def affected_note(ctx: ClassContext, key: Any, compute: Memo[dict[Any, Any]]) -> tuple[str, ...]:
    """A note naming the subclasses in the audited module that inherit the finding *key* (or nothing)."""
    names: list[str] = []
    for other in ctx.module.classes:
        if other is not ctx.cls and static.is_subclass(other, ctx.cls) and key in compute(other):
            names.append(static.qualname_of(other))
    if not names:
        return ()
    shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
    return (f"also affects its subclasses {shown}",)


def function_code(func: types.FunctionType) -> types.CodeType:
    code: types.CodeType = func.__code__
    return code


def function_node(func: types.FunctionType) -> FunctionNode | None:
    """The ``def`` statement of *func*, found by its code object's file, first line and name.

    The file is parsed once per process and indexed once (see
    :func:`pyinspect_cli.core.hooks.source_file`).
    """
    code = function_code(func)
    path = code.co_filename
    if not path or path.startswith("<"):
        return None
    return code_node(code)


def node_of(value: object) -> tuple[types.FunctionType, FunctionNode] | None:
    """The plain function behind a class attribute and its ``def``, or ``None``."""
    func = function_of(value)
    if func is None:
        return None
    node = function_node(func)
    if node is None:
        return None
    return func, node


def same_file(ctx: ClassContext, func: types.FunctionType) -> bool:
    path = ctx.module.path
    if not path:
        return False
    try:
        return os.path.normcase(os.path.abspath(function_code(func).co_filename)) == os.path.normcase(
            os.path.abspath(path)
        )
    except (TypeError, ValueError):
        return False


def line_for(ctx: ClassContext, func: types.FunctionType, line: int | None) -> int | None:
    """*line* when *func* lives in the audited class's file, else ``None`` (the class line)."""
    return line if line is not None and same_file(ctx, func) else None


def params(node: FunctionNode) -> list[str]:
    """Positional parameter names of a ``def``, in order."""
    return [a.arg for a in (*node.args.posonlyargs, *node.args.args)]


def body_nodes(node: ast.AST) -> Iterator[ast.AST]:
    """Every node under *node*, not descending into nested functions, lambdas or classes."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        yield child
        yield from body_nodes(child)


def is_missing(value: object) -> bool:
    return value is MISSING


def mentions(expr: ast.AST, names: set[str]) -> bool:
    """Whether *expr* reads any of *names* (as a plain name)."""
    return any(isinstance(node, ast.Name) and node.id in names for node in ast.walk(expr))


def catches(handler: ast.ExceptHandler, wanted: set[str]) -> bool:
    """Whether an ``except`` clause catches one of *wanted* (or everything)."""
    if handler.type is None:
        return True
    types_: list[ast.expr] = list(handler.type.elts) if isinstance(handler.type, ast.Tuple) else [handler.type]
    for t in types_:
        parts = dotted(t)
        if parts is not None and parts[-1] in wanted | {"Exception", "BaseException"}:
            return True
    return False


class Store(Record):
    """One ``self.<name> = ...`` (or augmented/annotated assignment, or ``setattr``) in a method."""

    name: str
    line: int | None
    value: ast.expr | None
    aug: bool
    guarded: bool  # inside ``try`` whose handlers catch AttributeError
    tests: tuple[ast.expr, ...]  # enclosing ``if``/``while`` tests


def _targets(target: ast.expr) -> Iterator[ast.expr]:
    if isinstance(target, (ast.Tuple, ast.List)):
        for elt in target.elts:
            yield from _targets(elt)
    elif isinstance(target, ast.Starred):
        yield from _targets(target.value)
    else:
        yield target


def _self_attr(target: ast.expr, self_name: str) -> str | None:
    if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id == self_name:
        return target.attr
    return None


def self_stores(node: FunctionNode) -> list[Store]:
    """Every store to an attribute of the first parameter in a method body."""
    names = params(node)
    if not names:
        return []
    self_name = names[0]
    out: list[Store] = []

    def visit(parent: ast.AST, guarded: bool, tests: tuple[ast.expr, ...]) -> None:
        for child in ast.iter_child_nodes(parent):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
                continue
            if isinstance(child, ast.Assign):
                single = len(child.targets) == 1 and not isinstance(child.targets[0], (ast.Tuple, ast.List))
                for target in child.targets:
                    for t in _targets(target):
                        name = _self_attr(t, self_name)
                        if name is not None:
                            value = child.value if single else None
                            out.append(Store(name, child.lineno, value, False, guarded, tests))
            elif isinstance(child, ast.AnnAssign) and child.value is not None:
                name = _self_attr(child.target, self_name)
                if name is not None:
                    out.append(Store(name, child.lineno, child.value, False, guarded, tests))
            elif isinstance(child, ast.AugAssign):
                name = _self_attr(child.target, self_name)
                if name is not None:
                    out.append(Store(name, child.lineno, child.value, True, guarded, tests))
            elif (
                isinstance(child, ast.Call)
                and isinstance(child.func, ast.Name)
                and child.func.id == "setattr"
                and len(child.args) == 3
                and isinstance(child.args[0], ast.Name)
                and child.args[0].id == self_name
                and isinstance(child.args[1], ast.Constant)
                and type(child.args[1].value) is str
            ):
                out.append(Store(child.args[1].value, child.lineno, child.args[2], False, guarded, tests))
            if isinstance(child, ast.Try) or type(child).__name__ == "TryStar":
                handlers: list[ast.ExceptHandler] = child.handlers  # type: ignore[attr-defined]
                protects = any(catches(h, {"AttributeError"}) for h in handlers)
                for stmt in child.body:  # type: ignore[attr-defined]
                    visit_one(stmt, guarded or protects, tests)
                for h in handlers:
                    visit_one(h, guarded, tests)
                for stmt in [*child.orelse, *child.finalbody]:  # type: ignore[attr-defined]
                    visit_one(stmt, guarded, tests)
                continue
            if isinstance(child, (ast.If, ast.While, ast.IfExp)):
                visit(child, guarded, (*tests, child.test))
                continue
            visit(child, guarded, tests)

    def visit_one(stmt: ast.AST, guarded: bool, tests: tuple[ast.expr, ...]) -> None:
        holder = ast.Module(body=[stmt], type_ignores=[])  # type: ignore[list-item]
        visit(holder, guarded, tests)

    visit(node, False, ())
    return out


_STORES: Memo[list[Store]] = Memo(lambda f: _compute_stores(f))


def _compute_stores(func: Any) -> list[Store]:
    node = function_node(func)
    if node is not None:
        return self_stores(node)
    code = function_code(func)
    if code.co_filename.startswith("<"):
        # Generated code without a file (a dataclass __init__): its STORE_ATTR instructions say which
        # attributes it assigns; values and lines are unknown.
        return [Store(n, None, None, False, False, ()) for n in sorted(_STORED(code))]
    return []


def stores_of(func: types.FunctionType) -> list[Store]:
    """:func:`self_stores` of a function, memoised."""
    return _STORES(func)


def running_inits(cls: type) -> list[tuple[type, types.FunctionType]]:
    """The Python ``__init__`` bodies that run for ``cls()``, in call order, each once."""
    out: list[tuple[type, types.FunctionType]] = []
    seen: set[int] = set()
    plain = all(
        is_one_of(type(static.dict_of(k)["__init__"]), _KNOWN_INIT_TYPES)
        for k in static.mro_of(cls)
        if "__init__" in static.dict_of(k)
    )
    runs: tuple[type, ...]
    if plain and definers(cls, "__init__") < 2:
        # one __init__ besides object's: it is the first definer and runs; object's is not Python code
        found = static.static_lookup(cls, "__init__")
        runs = (found[0],) if found is not None else ()
    elif plain:
        runs = cached_super_chain(cls, "__init__").runs
    else:  # an __init__ that is some other object: do not hand it to code that compares types with ==
        found = static.static_lookup(cls, "__init__")
        runs = (found[0],) if found is not None else ()
    for klass in runs:
        if id(klass) in seen:
            continue
        seen.add(id(klass))
        ns = static.dict_of(klass)
        func = function_of(ns["__init__"]) if "__init__" in ns else None
        if func is not None:
            out.append((klass, func))
    return out


def might_store(func: types.FunctionType, names: Collection[str]) -> bool:
    """Whether *func* can store one of *names* as an attribute, from its code object alone.

    ``STORE_ATTR`` instructions name the attribute; ``setattr(self, "x", ...)``
    has ``"x"`` among the constants. A cheap filter before parsing any source.
    """
    code = function_code(func)
    if type(names) is frozenset or type(names) is set:  # the same answers, from C
        if "setattr" not in code.co_names and names.isdisjoint(code.co_names):
            return False  # STORE_ATTR names its attribute in co_names: no need to read the bytecode
        return not names.isdisjoint(_STORED(code))
    if "setattr" not in code.co_names and not any(n in names for n in code.co_names):
        return False
    return any(n in names for n in _STORED(code))


def _stored_names(code: Any) -> frozenset[str]:
    """Attribute names a code object stores (``STORE_ATTR``), plus string constants if it calls setattr."""
    stored: set[Any] = set()
    raw: bytes = code.co_code
    names: tuple[str, ...] = code.co_names
    calls_setattr = "setattr" in names
    opcodes = raw[::2]  # the even bytes are the opcodes, the odd ones their arguments
    at = opcodes.find(_STORE_ATTR_BYTE)
    if at < 0 and not calls_setattr:
        return frozenset()  # no STORE_ATTR opcode at all
    try:
        while at >= 0:
            # the argument, widened by the EXTENDED_ARG instructions right before it
            first = at
            while first > 0 and opcodes[first - 1] == _EXTENDED_ARG:
                first -= 1
            ext = 0
            for k in range(first, at):
                ext = (raw[2 * k + 1] | ext) << 8
            stored.add(names[raw[2 * at + 1] | ext])
            at = opcodes.find(_STORE_ATTR_BYTE, at + 1)
    except IndexError:  # pragma: no cover - unexpected bytecode layout: ask dis
        stored = {ins.argval for ins in dis.get_instructions(code) if ins.opname == "STORE_ATTR"}
    if calls_setattr:
        stored.update(c for c in code.co_consts if type(c) is str)
    return frozenset(n for n in stored if type(n) is str)


_STORE_ATTR = dis.opmap["STORE_ATTR"]
_EXTENDED_ARG = dis.opmap["EXTENDED_ARG"]
_STORE_ATTR_BYTE = bytes([_STORE_ATTR])
_STORED: Memo[frozenset[str]] = Memo(_stored_names)


def init_functions(cls: type) -> list[types.FunctionType]:
    """Every Python ``__init__`` on *cls*'s MRO (whether it runs or not)."""
    out: list[types.FunctionType] = []
    for klass in static.mro_of(cls):
        ns = static.dict_of(klass)
        if "__init__" in ns:
            func = function_of(ns["__init__"])
            if func is not None:
                out.append(func)
    return out


_KNOWN_INIT_TYPES: tuple[type, ...] = (
    types.FunctionType,
    staticmethod,
    classmethod,
    types.WrapperDescriptorType,
    types.MethodDescriptorType,
    types.BuiltinFunctionType,
)


def methods_run(cls: type, names: Collection[str]) -> list[tuple[type, str, types.FunctionType]]:
    """``(owner, name, function)`` for the running ``__init__``s and every other method *cls* resolves.

    Only functions that may store one of *names* (see :func:`might_store`)
    are returned. Static and class methods are left out (they do not store on
    an instance).
    """
    out: list[tuple[type, str, types.FunctionType]] = []
    if any(might_store(f, names) for f in init_functions(cls)):
        out.extend((k, "__init__", f) for k, f in running_inits(cls) if might_store(f, names))
    seen: set[str] = {"__init__"}
    for klass in static.mro_of(cls):
        if klass is object:
            continue
        for name, value in list(static.dict_of(klass).items()):
            if type(name) is not str or name in seen:
                continue
            seen.add(name)
            if type(value) is not types.FunctionType:
                continue
            func = function_of(value)
            if func is not None and might_store(func, names):
                out.append((klass, name, func))
    return out


def own_functions(cls: type) -> list[tuple[str, Any, types.FunctionType]]:
    """``(name, raw value, function)`` for the plain functions in *cls*'s own namespace."""
    out: list[tuple[str, Any, types.FunctionType]] = []
    for name, value in list(static.dict_of(cls).items()):
        if type(name) is not str:
            continue
        func = function_of(value)
        if func is not None:
            out.append((name, value, func))
    return out


def own_function(cls: type, name: str) -> tuple[types.FunctionType, FunctionNode] | None:
    """The plain function *name* in *cls*'s own namespace and its ``def``."""
    ns = static.dict_of(cls)
    if name not in ns:
        return None
    return node_of(ns[name])


def dataclass_fields(cls: type) -> Collection[str]:
    """The field names a dataclass declares in its own namespace (``__dataclass_fields__``), else nothing."""
    fields = static.dict_of(cls).get("__dataclass_fields__")
    if type(fields) is not dict:
        return ()
    return [k for k in fields if type(k) is str]


def is_dunder(name: str) -> bool:
    return len(name) > 4 and name.startswith("__") and name.endswith("__")


def name(cls: type) -> str:
    return static.name_of(cls)


def is_cached_property(value: object) -> bool:
    return static.is_subclass(type(value), functools.cached_property)


def is_metaclass(cls: type) -> bool:
    return static.is_subclass(cls, type)


def custom_setattr(cls: type) -> bool:
    """Whether ``__setattr__`` resolves to Python code (assignments may not go through descriptors)."""
    found = static.static_lookup(cls, "__setattr__")
    return found is not None and function_of(found[1]) is not None


def docstring_free(body: list[ast.stmt]) -> list[ast.stmt]:
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        return body[1:]
    return body


def def_line(func: types.FunctionType) -> int | None:
    node = function_node(func)
    return node.lineno if node is not None else None
