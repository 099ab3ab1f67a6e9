"""Descriptor rules: DESC001, DESC002, DESC004-DESC007, DESC009, DESC011-DESC013.

Also home of the static helpers the attribute and metaclass rule families
share: finding the ``def`` of a function through its code object, collecting
``self.x = ...`` stores, resolving names in a function's globals, the
``__init__`` bodies that run for a class, and per-class memoisation used to
report a finding once, at the class that causes it.

Nothing here calls user code: classes are read through
:mod:`pyinspect_cli.core.static`, values are classified by their type,
functions are read through their code objects and source.
"""

from __future__ import annotations

import ast
import builtins
import dis
import enum
import functools
import os
import types
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pyinspect_cli.audit.findings import Finding, Severity
from pyinspect_cli.audit.rules.base import ClassContext, Rule, RuleDoc, register
from pyinspect_cli.core import static
from pyinspect_cli.core.descriptors import classify
from pyinspect_cli.core.hooks import code_node
from pyinspect_cli.core.super_chain import cached_super_chain, definers

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef

T = TypeVar("T")

_MISSING: Any = object()
_module_dict: Any = types.ModuleType.__dict__["__dict__"].__get__  # type: ignore[index]
_property_fset: Any = property.__dict__["fset"].__get__  # type: ignore[index]
_property_fget: Any = property.__dict__["fget"].__get__  # type: ignore[index]
_lru_wrapper_type: type = functools._lru_cache_wrapper  # type: ignore[attr-defined]
_lru_dict: Any = _lru_wrapper_type.__dict__["__dict__"].__get__
_method_descriptor_name: Any = types.MethodDescriptorType.__dict__["__name__"].__get__  # type: ignore[index]
_wrapper_descriptor_name: Any = types.WrapperDescriptorType.__dict__["__name__"].__get__  # type: ignore[index]
_BUILTINS: Mapping[str, Any] = _module_dict(builtins)
_object_dict: Any = functools.cached_property.__dict__["__dict__"].__get__

# ---------------------------------------------------------------------------
# Shared helpers (also used by the attributes and metaclass rule families)


def is_one_of(tp: object, candidates: tuple[type, ...]) -> bool:
    """``tp in candidates`` by identity: ``in`` would call a metaclass's ``__eq__``."""
    return any(tp is c for c in candidates)


_METHOD_WRAPPERS: tuple[type, ...] = (staticmethod, classmethod)
_staticmethod_func: Any = staticmethod.__dict__["__func__"].__get__  # type: ignore[index]
_classmethod_func: Any = classmethod.__dict__["__func__"].__get__  # type: ignore[index]
_function_dict: Any = types.FunctionType.__dict__["__dict__"].__get__  # type: ignore[index]


def _unwrap_method(value: Any) -> Any:
    tp = type(value)
    if tp is staticmethod:
        return _staticmethod_func(value)
    if tp is classmethod:
        return _classmethod_func(value)
    return value


def function_of(value: object) -> types.FunctionType | None:
    """The plain Python function behind a class attribute, or ``None``.

    Unwraps ``staticmethod``/``classmethod`` and ``functools.wraps`` layers
    (``__wrapped__`` read from the function's own ``__dict__``). Types are
    compared by identity only, so a value whose class has a hostile metaclass
    is never compared with anything.
    """
    value = _unwrap_method(value)
    seen = 0
    while type(value) is types.FunctionType and seen < 100:
        inner: Any = _function_dict(value)
        wrapped = _unwrap_method(inner.get("__wrapped__")) if type(inner) is dict else None
        if type(wrapped) is not types.FunctionType:
            break
        value = wrapped
        seen += 1
    return value if type(value) is types.FunctionType else None


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


def dotted(expr: ast.expr) -> list[str] | None:
    """``a.b.c`` as ``["a", "b", "c"]``; ``None`` for anything else."""
    parts: list[str] = []
    while isinstance(expr, ast.Attribute):
        parts.append(expr.attr)
        expr = expr.value
    if isinstance(expr, ast.Name):
        parts.append(expr.id)
        return parts[::-1]
    return None


def resolve_name(parts: list[str], func: types.FunctionType) -> Any:
    """What a dotted name denotes in *func*'s globals (plain dict reads), or ``_MISSING``.

    Only modules' and classes' own namespaces are followed; nothing is called.
    """
    glb: Any = func.__globals__
    head = parts[0]
    value: Any = _MISSING
    if type(glb) is dict and head in glb:
        value = glb[head]
    elif head in _BUILTINS:
        value = _BUILTINS[head]
    for part in parts[1:]:
        if value is _MISSING:
            return _MISSING
        if static.is_subclass(type(value), types.ModuleType):
            ns = _module_dict(value)
            value = ns.get(part, _MISSING) if type(ns) is dict else _MISSING
        elif static.is_class(value):
            found = static.static_lookup(value, part)
            value = found[1] if found is not None else _MISSING
        else:
            return _MISSING
    return value


def is_missing(value: object) -> bool:
    return value is _MISSING


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


@dataclass(frozen=True)
class Store:
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
    if "setattr" not in code.co_names and not any(n in names for n in code.co_names):
        return False  # STORE_ATTR names its attribute in co_names: no need to read the bytecode
    return any(n in names for n in _STORED(code))


def _stored_names(code: Any) -> frozenset[str]:
    """Attribute names a code object stores (``STORE_ATTR``), plus string constants if it calls setattr."""
    stored: set[Any] = set()
    raw: bytes = code.co_code
    names: tuple[str, ...] = code.co_names
    calls_setattr = "setattr" in names
    if _STORE_ATTR not in raw[::2] and not calls_setattr:
        return frozenset()  # no STORE_ATTR opcode at all (the even bytes are the opcodes)
    ext = 0
    try:
        for i in range(0, len(raw) - 1, 2):
            op, arg = raw[i], raw[i + 1] | ext
            if op == _EXTENDED_ARG:
                ext = arg << 8
                continue
            ext = 0
            if op == _STORE_ATTR:
                stored.add(names[arg])
    except IndexError:  # pragma: no cover - unexpected bytecode layout: ask dis
        stored = {ins.argval for ins in dis.get_instructions(code) if ins.opname == "STORE_ATTR"}
    if calls_setattr:
        stored.update(c for c in code.co_consts if type(c) is str)
    return frozenset(n for n in stored if type(n) is str)


_STORE_ATTR = dis.opmap["STORE_ATTR"]
_EXTENDED_ARG = dis.opmap["EXTENDED_ARG"]
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


# ---------------------------------------------------------------------------
# DESC001 descriptor-shared-state


def _init_of_container(cls: type, attr: str) -> str | None:
    """How ``self.<attr>`` of a descriptor class is created: ``"dict"``, ``"weak"`` or ``None`` (unknown)."""
    for klass in static.mro_of(cls):
        ns = static.dict_of(klass)
        if attr in ns:
            value = ns[attr]
            if type(value) is dict:
                return "dict"
            return None
    stores: list[Store] = []
    for method in ("__init__", "__set_name__"):
        found = static.static_lookup(cls, method)
        pair = node_of(found[1]) if found is not None else None
        if pair is not None:
            stores.extend(self_stores(pair[1]))
    for store in stores:
        if store.name != attr or store.value is None:
            continue
        value = store.value
        if isinstance(value, ast.Dict):
            return "dict"
        if isinstance(value, ast.Call):
            parts = dotted(value.func)
            if parts is None:
                return None
            if parts[-1] in ("dict", "OrderedDict", "defaultdict"):
                return "dict"
            if parts[-1].startswith("Weak"):
                return "weak"
        return None
    return None


def _key_kind(slice_: ast.expr, instance: str) -> str | None:
    if isinstance(slice_, ast.Name) and slice_.id == instance:
        return "instance"
    if (
        isinstance(slice_, ast.Call)
        and isinstance(slice_.func, ast.Name)
        and slice_.func.id == "id"
        and len(slice_.args) == 1
        and isinstance(slice_.args[0], ast.Name)
        and slice_.args[0].id == instance
    ):
        return "id"
    return None


def check_desc001(ctx: ClassContext) -> Iterator[Finding]:
    cls = ctx.cls
    cname = name(cls)
    for method in ("__set__", "__get__"):
        pair = own_function(cls, method)
        if pair is None:
            continue
        func, node = pair
        names = params(node)
        if len(names) < (3 if method == "__set__" else 2):
            continue
        self_name, instance = names[0], names[1]
        tainted = {names[2]} if method == "__set__" else {instance}
        reported: set[str] = set()
        for sub in body_nodes(node):
            targets: list[ast.expr] = []
            value: ast.expr | None = None
            if isinstance(sub, ast.Assign):
                targets = [t for tt in sub.targets for t in _targets(tt)]
                value = sub.value
            elif isinstance(sub, (ast.AugAssign, ast.AnnAssign)) and sub.value is not None:
                targets = [sub.target]
                value = sub.value
            if value is None:
                continue
            for target in targets:
                attr = _self_attr(target, self_name)
                if attr is not None and not is_dunder(attr) and mentions(value, tainted) and attr not in reported:
                    reported.add(attr)
                    what = "the assigned value" if method == "__set__" else "a value computed from the instance"
                    yield ctx.finding(
                        DESC001,
                        f"{cname}.{method} stores {what} on the descriptor (self.{attr}): "
                        f"every instance of the owner class shares one {attr}",
                        attribute=method,
                        line=line_for(ctx, func, getattr(sub, "lineno", None)),
                        notes=(
                            "one descriptor object lives in the owner class and serves all its instances",
                            f"store per-instance data on the instance ({instance}.__dict__[self.name]) "
                            "or in a weakref.WeakKeyDictionary keyed by the instance",
                        ),
                        symbol=f"{method}:{attr}",
                    )
                if (
                    isinstance(target, ast.Subscript)
                    and isinstance(target.value, ast.Attribute)
                    and isinstance(target.value.value, ast.Name)
                    and target.value.value.id == self_name
                ):
                    container = target.value.attr
                    key = _key_kind(target.slice, instance)
                    if key is None or container in reported:
                        continue
                    made = _init_of_container(cls, container)
                    if key == "instance" and made != "dict":
                        continue
                    reported.add(container)
                    detail = (
                        f"keyed by id({instance}): entries outlive their instances and a new object can reuse the id"
                        if key == "id"
                        else f"a plain dict keyed by the instance keeps every {instance} alive (memory leak)"
                    )
                    yield ctx.finding(
                        DESC001,
                        f"{cname}.{method} stores per-instance values in self.{container}, {detail}",
                        attribute=method,
                        line=line_for(ctx, func, getattr(sub, "lineno", None)),
                        severity=Severity.warning,
                        notes=(
                            "use a weakref.WeakKeyDictionary keyed by the instance, "
                            f"or store the value in {instance}.__dict__ under the attribute's name",
                        ),
                        symbol=f"{method}:{container}:leak",
                    )


DESC001 = register(
    Rule(
        id="DESC001",
        name="descriptor-shared-state",
        severity=Severity.error,
        summary="A descriptor stores per-instance state on itself, so all instances of the owner share it",
        tags=("descriptors",),
        check=check_desc001,
        doc=RuleDoc(
            what=(
                "A descriptor's __set__ (or __get__) stores the value it is given on the descriptor "
                "object (self.value = value). A dict keyed by the instance (or by id(instance)) is "
                "reported too, as a memory leak."
            ),
            why=(
                "A descriptor is a class attribute: one object serves every instance of the owner class. "
                "Whatever it stores on self is shared, so setting the attribute on one instance changes "
                "it on all of them. A plain dict keyed by instances keeps every instance alive forever; "
                "id() keys go stale and can be reused by new objects."
            ),
            wrong=(
                "class Positive:\n"
                "    def __get__(self, obj, objtype=None):\n"
                "        return self.value\n"
                "    def __set__(self, obj, value):\n"
                "        self.value = value          # shared by every instance\n"
            ),
            right=(
                "class Positive:\n"
                "    def __set_name__(self, owner, name):\n"
                "        self.name = name\n"
                "    def __get__(self, obj, objtype=None):\n"
                "        if obj is None:\n"
                "            return self\n"
                "        return obj.__dict__[self.name]\n"
                "    def __set__(self, obj, value):\n"
                "        obj.__dict__[self.name] = value\n"
            ),
            fix=(
                "Store the value on the instance (obj.__dict__[self.name], with the name from "
                "__set_name__), or in a weakref.WeakKeyDictionary keyed by the instance."
            ),
            references=(
                "kytos/python-openflow#37",
                "pysmo/pysmo PR#21",
                "fgmacedo/python-statemachine PR#335",
                "RafeKettler/magicmethods#49",
                "Dan6erbond/aPRAW#87",
            ),
        ),
    )
)


# ---------------------------------------------------------------------------
# DESC002 method-hidden-by-instance-attr

_DATA_EXPRS: tuple[type[ast.AST], ...] = (
    ast.Constant,
    ast.List,
    ast.Tuple,
    ast.Dict,
    ast.Set,
    ast.ListComp,
    ast.SetComp,
    ast.DictComp,
    ast.GeneratorExp,
    ast.BinOp,
    ast.UnaryOp,
    ast.Compare,
    ast.JoinedStr,
    ast.BoolOp,
)

_C_METHODS: tuple[type, ...] = (types.MethodDescriptorType, types.WrapperDescriptorType)
_CACHE_WORDS = ("cache", "lazy", "reify", "memo", "once")


def _hides(value: object) -> str | None:
    """What kind of non-data attribute an instance attribute would hide, or ``None``."""
    tp = type(value)
    if tp is types.FunctionType:
        return "method"
    if tp is classmethod:
        return "classmethod"
    if tp is staticmethod:
        return "staticmethod"
    if is_cached_property(value):
        return None
    if is_one_of(tp, _C_METHODS):
        return "method"
    if is_one_of(tp, (functools.partialmethod, functools.singledispatchmethod)):
        return "method"
    if static.is_class(value) or not static.is_heap_type(tp):
        return None
    info = classify(value)
    if info.kind != "non-data":
        return None
    lowered = static.name_of(tp).lower()
    if any(word in lowered for word in _CACHE_WORDS) or _CACHES_ON_INSTANCE(tp):
        return None  # a caching descriptor: meant to be shadowed by the instance attribute
    return f"non-data descriptor ({static.name_of(tp)})"


def _compute_caches_on_instance(tp: Any) -> bool:
    """Whether a descriptor type's ``__get__`` writes into the instance (setattr, ``__dict__``): a cache."""
    found = static.static_lookup(tp, "__get__")
    pair = node_of(found[1]) if found is not None else None
    if pair is None:
        return True  # unknown: assume it is meant to be shadowed
    names = params(pair[1])
    if len(names) < 2:
        return True
    instance = names[1]
    for sub in body_nodes(pair[1]):
        if (
            isinstance(sub, ast.Call)
            and isinstance(sub.func, ast.Name)
            and sub.func.id == "setattr"
            and sub.args
            and isinstance(sub.args[0], ast.Name)
            and sub.args[0].id == instance
        ):
            return True
        if isinstance(sub, (ast.Attribute, ast.Subscript)) and isinstance(sub.ctx, ast.Store):
            root: ast.expr = sub
            while isinstance(root, (ast.Attribute, ast.Subscript)):
                root = root.value
            if isinstance(root, ast.Name) and root.id == instance:
                return True
    return False


_CACHES_ON_INSTANCE: Memo[bool] = Memo(_compute_caches_on_instance)


def _injected(store: Store, func: types.FunctionType) -> bool:
    """Whether the assignment deliberately replaces the method on this instance.

    Recognised: assignments inside ``try/except AttributeError``; guarded by a
    test on the assigned value (``if default is not None: self.default =
    default``); binding another object's method (``self.pop = stack.pop``);
    assigning a function or class from the module's globals or builtins
    (``self._finish = id``); lambdas.
    """
    value = store.value
    if store.guarded or value is None:
        return store.guarded
    if isinstance(value, (ast.Lambda, ast.Attribute)):
        return True
    names = {n.id for n in ast.walk(value) if isinstance(n, ast.Name)}
    if any(mentions(test, names) for test in store.tests):
        return True
    if isinstance(value, ast.Name):
        target = resolve_name([value.id], func)
        return not is_missing(target) and (
            static.is_class(target)
            or is_one_of(type(target), (types.FunctionType, types.BuiltinFunctionType, functools.partial))
        )
    return False


def _hideable_here(klass: type) -> frozenset[str]:
    """The names in *klass*'s own namespace that an instance attribute would hide (see :func:`_hides`)."""
    return frozenset(
        key
        for key, value in list(static.dict_of(klass).items())
        if type(key) is str and not is_dunder(key) and _hides(value) is not None
    )


_HIDEABLE: Memo[frozenset[str]] = Memo(_hideable_here)


def _deleted_later(node: FunctionNode, attr: str) -> bool:
    """Whether the function also runs ``del self.<attr>``: the method is swapped out only for a while."""
    first = params(node)[0] if params(node) else None
    return any(
        isinstance(sub, ast.Delete) and any(dotted(t) == [first, attr] for t in sub.targets) for sub in ast.walk(node)
    )


def _passes_own_method(cls: type, attr: str) -> bool:
    """Whether a class of the MRO hands ``self.<attr>`` to an ``__init__`` call (``super().__init__(self.fget)``):
    the instance attribute then holds that very method, bound."""
    for klass in static.mro_of(cls):
        if klass is object:
            continue
        for _fname, _raw, func in own_functions(klass):
            if attr not in function_code(func).co_names or "__init__" not in function_code(func).co_names:
                continue
            node = function_node(func)
            if node is None or not params(node):
                continue
            first = params(node)[0]
            for call in body_nodes(node):
                if (
                    isinstance(call, ast.Call)
                    and isinstance(call.func, ast.Attribute)
                    and call.func.attr == "__init__"
                    and any(dotted(a) == [first, attr] for a in [*call.args, *(k.value for k in call.keywords)])
                ):
                    return True
    return False


def _desc002_compute(cls: type) -> dict[tuple[str, int, int], tuple[Any, ...]]:
    out: dict[tuple[str, int, int], tuple[Any, ...]] = {}
    if not static.is_heap_type(cls):
        return out
    inits = init_functions(cls)
    if not any(_STORED(function_code(f)) for f in inits):
        return out  # no __init__ stores any attribute
    hideable = {key for klass in static.mro_of(cls)[:-1] for key in _HIDEABLE(klass)}
    if not hideable or not any(might_store(f, hideable) for f in inits):
        return out
    for init_owner, func in running_inits(cls):
        node = function_node(func)
        if node is None:
            continue
        for store in stores_of(func):
            if is_dunder(store.name) or store.aug:
                continue
            found = static.static_lookup(cls, store.name)
            if found is None or found[0] is object:
                continue
            owner, value = found
            kind = _hides(value)
            if kind is None or store.name in dataclass_fields(owner):
                continue  # a dataclass field whose default value is a function is data, not a method
            if _injected(store, func) or _deleted_later(node, store.name) or _passes_own_method(cls, store.name):
                continue
            key = (store.name, id(owner), id(init_owner))
            if key in out:
                continue
            severity = (
                Severity.error if store.value is not None and isinstance(store.value, _DATA_EXPRS) else Severity.warning
            )
            out[key] = (store, owner, init_owner, func, kind, severity)
    return out


_DESC002 = Memo(_desc002_compute)


def check_desc002(ctx: ClassContext) -> Iterator[Finding]:
    cname = name(ctx.cls)
    for key, (store, owner, init_owner, func, kind, severity) in new_here(ctx.cls, _DESC002).items():
        attr = key[0]
        where = f"{name(init_owner)}.__init__"
        shown = f"{name(owner)}.{attr}()" if kind == "method" else f"{name(owner)}.{attr}, a {kind}"
        yield ctx.finding(
            DESC002,
            f"{cname}.{attr}: {where} assigns self.{attr}, which hides {shown} on every instance",
            attribute=attr,
            line=line_for(ctx, func, store.line),
            severity=severity,
            notes=(
                "functions are non-data descriptors: an instance attribute of the same name wins",
                f"calling instance.{attr}() then calls the assigned value (TypeError when it is not callable)",
                "rename the attribute (e.g. _" + attr + ") or the method",
                *affected_note(ctx, key, _DESC002),
            ),
            symbol=f"{attr}:{static.class_id(init_owner)}",
        )


DESC002 = register(
    Rule(
        id="DESC002",
        name="method-hidden-by-instance-attr",
        severity=Severity.warning,
        summary="An __init__ that runs for the class assigns an instance attribute that hides a method",
        tags=("descriptors",),
        check=check_desc002,
        doc=RuleDoc(
            what=(
                "An __init__ that actually runs for the class (found by following its super() chain) "
                "assigns self.<name>, and <name> is a method (function, staticmethod, classmethod, "
                "partialmethod...) or another non-data descriptor of the class. Caching descriptors "
                "(functools.cached_property, descriptors whose __get__ writes into the instance) are not "
                "reported: they are meant to be overwritten. Error when the assigned value is a literal, a "
                "container or an expression, warning otherwise. Deliberate per-instance replacement is "
                "skipped: assignments guarded by a test on the assigned value (if default is not None: "
                "self.default = default), inside try/except AttributeError, binding another object's "
                "method (self.pop = self.stack.pop), assigning a global function or builtin, or a lambda, "
                "a swap undone in the same function (del self.<name>), and a method handed to the "
                "__init__ that stores it (super().__init__(self.fget): the attribute is that method)."
            ),
            why=(
                "Functions are non-data descriptors: the instance __dict__ wins over them. After the "
                "assignment instance.<name> is the assigned value, and instance.<name>() raises "
                "TypeError: 'int' object is not callable, far from the cause."
            ),
            wrong=(
                "class Queue:\n"
                "    def __init__(self):\n"
                "        self.front = 0\n"
                "    def front(self):\n"
                "        return self.items[self.front]\n"
            ),
            right=(
                "class Queue:\n"
                "    def __init__(self):\n"
                "        self._front = 0\n"
                "    def front(self):\n"
                "        return self.items[self._front]\n"
            ),
            fix="Rename the attribute or the method.",
            references=(
                "TheAlgorithms/Python#1926",
                "adewes/blitzdb#47",
                "pylint E0202 method-hidden; mypy [method-assign]",
            ),
        ),
    )
)


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
            line=line_for(ctx, func, _def_line(func)) if func is not None else None,
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


def _def_line(func: types.FunctionType) -> int | None:
    node = function_node(func)
    return node.lineno if node is not None else None


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
            wrong=(
                "class Point:\n"
                "    __slots__ = ('x', 'y')\n"
                "    @functools.cached_property\n"
                "    def norm(self):\n"
                "        return math.hypot(self.x, self.y)\n"
            ),
            right=(
                "class Point:\n"
                "    __slots__ = ('x', 'y', '__dict__')\n"
                "    @functools.cached_property\n"
                "    def norm(self):\n"
                "        return math.hypot(self.x, self.y)\n"
            ),
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
                line=line_for(ctx, func, _def_line(func)) if func is not None else None,
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
            wrong=(
                "class Meta(type):\n"
                "    @functools.cached_property\n"
                "    def registry_key(cls):\n"
                "        return cls.__name__.lower()\n"
            ),
            right=(
                "class Meta(type):\n    @property\n    def registry_key(cls):\n        return cls.__name__.lower()\n"
            ),
            fix=(
                "Use a plain property (compute each time), or cache in a dict held by the metaclass keyed by the class."
            ),
            references=("functools.cached_property documentation note", "datalad/datalad#6556"),
        ),
    )
)


# ---------------------------------------------------------------------------
# DESC006 read-only-property-assigned


_NEVER_READ_ONLY: tuple[type, ...] = (
    types.FunctionType,
    staticmethod,
    classmethod,
    str,
    int,
    float,
    bool,
    type(None),
    tuple,
    dict,
    list,
    frozenset,
    set,
    types.MemberDescriptorType,
    types.GetSetDescriptorType,
    types.MethodDescriptorType,
    types.WrapperDescriptorType,
    types.BuiltinFunctionType,
)


def _raises_unconditionally(value: object) -> bool:
    found = static.type_lookup(value, "__set__")
    if found is None:
        return False
    pair = node_of(found[1])
    if pair is None:
        return False
    body = docstring_free(pair[1].body)
    return bool(body) and isinstance(body[0], ast.Raise)


def read_only_reason(value: object) -> str | None:
    """Why assigning through *value* (found on the class) fails, or ``None`` when it may work."""
    tp = type(value)
    if is_one_of(tp, _NEVER_READ_ONLY):
        return None
    if static.is_subclass(tp, property):
        setter = static.type_lookup(value, "__set__")
        if setter is not None and setter[0] is not property:
            return "a read-only descriptor" if _raises_unconditionally(value) else None
        if _property_fset(value) is None:
            return "a read-only property (no setter)"
        return None
    if is_cached_property(value) or static.is_class(value):
        return None
    if is_one_of(tp, (types.MemberDescriptorType, types.GetSetDescriptorType)):
        return None
    info = classify(value)
    if info.kind != "data":
        return None
    type_name = static.name_of(tp)
    if not info.has_set:
        return f"a data descriptor without __set__ ({type_name})"
    if _raises_unconditionally(value):
        return f"a read-only descriptor ({type_name}.__set__ always raises)"
    return None


def _read_only_here(klass: type) -> tuple[tuple[str, Any], ...]:
    """``(name, value)`` for the attributes of *klass*'s own namespace that cannot be assigned through."""
    return tuple(
        (attr, value)
        for attr, value in list(static.dict_of(klass).items())
        if type(attr) is str and not is_dunder(attr) and read_only_reason(value) is not None
    )


_READ_ONLY: Memo[tuple[tuple[str, Any], ...]] = Memo(_read_only_here)


def _desc006_compute(cls: type) -> dict[tuple[str, int, int, str], tuple[Any, ...]]:
    out: dict[tuple[str, int, int, str], tuple[Any, ...]] = {}
    if not static.is_heap_type(cls) or custom_setattr(cls):
        return out
    read_only: set[str] = set()
    for klass in static.mro_of(cls)[:-1]:
        for attr, value in _READ_ONLY(klass):
            if attr not in read_only:
                found = static.static_lookup(cls, attr)
                if found is not None and found[1] is value:
                    read_only.add(attr)
    if not read_only:
        return out
    for fowner, fname, func in methods_run(cls, read_only):
        for store in stores_of(func):
            if store.guarded or is_dunder(store.name):
                continue
            found = static.static_lookup(cls, store.name)
            if found is None or found[0] is object:
                continue
            owner, value = found
            reason = read_only_reason(value)
            if reason is None:
                continue
            if fname != "__init__" and not static.is_subclass(fowner, owner):
                # An inherited method that only a subclass breaks (the subclass made the attribute
                # read-only): whether it is ever called there is unknowable statically, and in the
                # standard library and common packages it never is (logging._StderrHandler.setStream,
                # asyncio's SSL transport, pluggy's subset hook caller).
                continue
            key = (store.name, id(owner), id(fowner), fname)
            out.setdefault(key, (store, owner, fowner, fname, func, reason))
    return out


_DESC006 = Memo(_desc006_compute)


def check_desc006(ctx: ClassContext) -> Iterator[Finding]:
    cname = name(ctx.cls)
    for key, (store, owner, fowner, fname, func, reason) in new_here(ctx.cls, _DESC006).items():
        attr = key[0]
        where = f"{name(fowner)}.{fname}()"
        when = "AttributeError at run time" if fname == "__init__" else f"AttributeError when {fname}() is called"
        yield ctx.finding(
            DESC006,
            f"{cname}.{attr}: {where} assigns self.{attr}, but {attr} is {reason} defined in {name(owner)}: {when}",
            attribute=attr,
            line=line_for(ctx, func, store.line),
            notes=(
                "data descriptors win over the instance __dict__, so the assignment goes through the descriptor",
                f"add a setter (@{attr}.setter), assign the backing attribute (self._{attr}), or rename",
                *affected_note(ctx, key, _DESC006),
            ),
            symbol=f"{attr}:{static.class_id(fowner)}.{fname}",
        )


DESC006 = register(
    Rule(
        id="DESC006",
        name="read-only-property-assigned",
        severity=Severity.error,
        summary="A method that runs for the class assigns an attribute that is a read-only property",
        tags=("descriptors",),
        check=check_desc006,
        doc=RuleDoc(
            what=(
                "An __init__ that runs for the class (or another method, when the class defining that method "
                "already sees the read-only attribute) assigns self.<name>, and <name> resolves, on this "
                "concrete class, to a property without a setter, a data descriptor without __set__, or a "
                "descriptor whose __set__ always raises. A dataclass's generated __init__ counts too (its "
                "assignments are read from its bytecode). Assignments inside try/except AttributeError and "
                "classes with a custom __setattr__ are skipped, as are inherited non-__init__ methods that "
                "only a subclass breaks (they may never be called there)."
            ),
            why=(
                "Data descriptors take precedence over the instance __dict__: the assignment calls the "
                "descriptor and raises AttributeError: property 'x' of 'C' object has no setter. The "
                "check runs on the concrete class, so a base __init__ assigning an attribute that a "
                "subclass turns into a read-only property is caught (type checkers look at one class)."
            ),
            wrong=(
                "class Base:\n"
                "    def __init__(self, size):\n"
                "        self.size = size\n"
                "class Fixed(Base):\n"
                "    @property\n"
                "    def size(self):\n"
                "        return 10\n"
            ),
            right=(
                "class Fixed(Base):\n"
                "    @property\n"
                "    def size(self):\n"
                "        return 10\n"
                "    @size.setter\n"
                "    def size(self, value):\n"
                "        if value != 10:\n"
                "            raise ValueError('Fixed has size 10')\n"
            ),
            fix="Add a setter, assign the backing attribute instead, or rename one of the two.",
            references=(
                "oceanmodeling/adcircpy#40",
                "andykee/lentil#53",
                "python-attrs/attrs#30",
                "mypy#14413",
                "cpython#90886 (bpo-46730)",
            ),
        ),
    )
)


# ---------------------------------------------------------------------------
# DESC012 property-setter-name-mismatch


def _accessor(prop: object, member: str) -> Any:
    return property.__dict__[member].__get__(prop, property)


def check_desc012(ctx: ClassContext) -> Iterator[Finding]:
    """Read at run time: ``@x.setter def y`` leaves ``y`` a copy of ``x`` with a setter, ``x`` without."""
    cname = name(ctx.cls)
    props = [(k, v) for k, v in list(ctx.namespace.items()) if type(k) is str and type(v) is property]
    for copy_name, copy in props:
        fget = _accessor(copy, "fget")
        if fget is None:
            continue
        for member, label in (("fset", "setter"), ("fdel", "deleter")):
            func = function_of(_accessor(copy, member))
            if func is None or function_code(func).co_name != copy_name:
                continue  # not written as @x.setter def copy_name(...)
            for prop_name, prop in props:
                if prop_name == copy_name or _accessor(prop, "fget") is not fget or _accessor(prop, member) is not None:
                    continue
                yield ctx.finding(
                    DESC012,
                    f"{cname}.{prop_name}: @{prop_name}.{label} is applied to a function named {copy_name!r}, "
                    f"so the {label} lands on {cname}.{copy_name} and {prop_name} has no {label}",
                    attribute=prop_name,
                    line=line_for(ctx, func, _def_line(func)),
                    notes=(
                        f"@{prop_name}.{label} returns a new property; it replaces {prop_name} only when the "
                        f"function is also named {prop_name}",
                        f"rename the function to {prop_name}",
                    ),
                    symbol=f"{prop_name}:{label}",
                )


DESC012 = register(
    Rule(
        id="DESC012",
        name="property-setter-name-mismatch",
        severity=Severity.error,
        summary="A property setter/deleter is defined under a different name than its getter",
        tags=("descriptors",),
        check=check_desc012,
        doc=RuleDoc(
            what="@x.setter (or @x.deleter) decorates a function whose name is not x.",
            why=(
                "x.setter(f) returns a *new* property and leaves x untouched; the new property is bound "
                "to the function's name. x stays read-only: self.x = value raises AttributeError, and "
                "the class grows a second property under the setter's name."
            ),
            wrong=(
                "class Account:\n"
                "    @property\n"
                "    def balance(self):\n"
                "        return self._balance\n"
                "    @balance.setter\n"
                "    def set_balance(self, value):\n"
                "        self._balance = value\n"
            ),
            right=(
                "class Account:\n"
                "    @property\n"
                "    def balance(self):\n"
                "        return self._balance\n"
                "    @balance.setter\n"
                "    def balance(self, value):\n"
                "        self._balance = value\n"
            ),
            fix="Give the setter (deleter) function the same name as the property.",
            references=("Python docs: property.setter returns a copy of the property", "cpython#90886"),
        ),
    )
)


# ---------------------------------------------------------------------------
# DESC007 descriptor-get-no-class-access


def _handles_none(node: FunctionNode, instance: str) -> bool:
    """Whether a ``__get__`` body tests its instance argument for ``None`` (or guards the access)."""
    for sub in body_nodes(node):
        if isinstance(sub, ast.Compare):
            operands = [sub.left, *sub.comparators]
            if any(isinstance(o, ast.Name) and o.id == instance for o in operands):
                return True
        elif isinstance(sub, (ast.If, ast.IfExp, ast.While, ast.Assert)):
            # `if obj:` tests None-ness; `if obj.flags & bit:` dereferences it (rich.style._Bit)
            if isinstance(sub.test, ast.Name) and sub.test.id == instance:
                return True
        elif isinstance(sub, ast.BoolOp):
            if any(isinstance(v, ast.Name) and v.id == instance for v in sub.values):
                return True
        elif isinstance(sub, ast.UnaryOp) and isinstance(sub.op, ast.Not):
            if isinstance(sub.operand, ast.Name) and sub.operand.id == instance:
                return True
        elif isinstance(sub, ast.Call) and isinstance(sub.func, ast.Name) and sub.func.id in ("isinstance", "callable"):
            if sub.args and isinstance(sub.args[0], ast.Name) and sub.args[0].id == instance:
                return True
        elif isinstance(sub, ast.Try):
            if any(catches(h, {"AttributeError", "TypeError", "KeyError", "LookupError"}) for h in sub.handlers):
                return True
        elif isinstance(sub, ast.Match) and mentions(sub.subject, {instance}):
            return True
    return False


def _dereferences(node: FunctionNode, instance: str) -> int | None:
    """The line of the first operation on *instance* that fails when it is ``None``."""
    for sub in body_nodes(node):
        if isinstance(sub, ast.Attribute) and isinstance(sub.value, ast.Name) and sub.value.id == instance:
            return sub.lineno
        if isinstance(sub, ast.Subscript) and isinstance(sub.value, ast.Name) and sub.value.id == instance:
            return sub.lineno
        if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Name):
            fn = sub.func.id
            args = sub.args
            if not args or not (isinstance(args[0], ast.Name) and args[0].id == instance):
                continue
            if fn in ("vars", "setattr", "delattr") or (fn == "getattr" and len(args) == 2):
                return sub.lineno
    return None


def check_desc007(ctx: ClassContext) -> Iterator[Finding]:
    pair = own_function(ctx.cls, "__get__")
    if pair is None:
        return
    func, node = pair
    names = params(node)
    if len(names) < 2:
        return
    instance = names[1]
    if _handles_none(node, instance):
        return
    line = _dereferences(node, instance)
    if line is None:
        return
    cname = name(ctx.cls)
    yield ctx.finding(
        DESC007,
        f"{cname}.__get__ uses {instance} without handling {instance} is None: reading the attribute on "
        "the owner class (Owner.attr, hasattr(Owner, ...), help(), autodoc) fails",
        attribute="__get__",
        line=line_for(ctx, func, line),
        notes=(
            "Owner.attr calls __get__(None, Owner)",
            f"start with: if {instance} is None: return self",
        ),
    )


DESC007 = register(
    Rule(
        id="DESC007",
        name="descriptor-get-no-class-access",
        severity=Severity.warning,
        summary="A custom __get__ dereferences the instance without handling class access (instance is None)",
        tags=("descriptors",),
        check=check_desc007,
        doc=RuleDoc(
            what=(
                "A descriptor's __get__ reads attributes or items of its instance argument (or calls "
                "vars/getattr/setattr on it) and never tests it against None, nor guards with "
                "try/except."
            ),
            why=(
                "Owner.attr calls __get__(None, Owner). The descriptor then fails with AttributeError: "
                "'NoneType' object has no attribute ..., so hasattr(Owner, 'attr') is False, and help(), "
                "Sphinx autodoc, dataclass field defaults and mocks break."
            ),
            wrong=(
                "class Field:\n"
                "    def __set_name__(self, owner, name):\n"
                "        self.name = name\n"
                "    def __get__(self, obj, objtype=None):\n"
                "        return obj.__dict__[self.name]\n"
            ),
            right=(
                "class Field:\n"
                "    def __set_name__(self, owner, name):\n"
                "        self.name = name\n"
                "    def __get__(self, obj, objtype=None):\n"
                "        if obj is None:\n"
                "            return self\n"
                "        return obj.__dict__[self.name]\n"
            ),
            fix=(
                "Handle instance is None first: return the descriptor itself (the convention), or raise "
                "AttributeError deliberately."
            ),
            references=(
                "mesa/mesa#3732",
                "sphinx-doc/sphinx#994",
                "sphinx-doc/sphinx#1254",
                "sphinx-doc/sphinx#11588",
                "reagento/descanso PR#80",
                "django/django PR#812",
            ),
        ),
    )
)


# ---------------------------------------------------------------------------
# DESC009 set-without-get


def _writes_instance_dict(node: FunctionNode, instance: str) -> bool:
    for sub in body_nodes(node):
        if isinstance(sub, ast.Subscript) and isinstance(sub.ctx, ast.Store):
            base = sub.value
            if (
                isinstance(base, ast.Attribute)
                and base.attr == "__dict__"
                and isinstance(base.value, ast.Name)
                and base.value.id == instance
            ):
                return True
            if (
                isinstance(base, ast.Call)
                and isinstance(base.func, ast.Name)
                and base.func.id == "vars"
                and base.args
                and isinstance(base.args[0], ast.Name)
                and base.args[0].id == instance
            ):
                return True
    return False


def check_desc009(ctx: ClassContext) -> Iterator[Finding]:
    cls = ctx.cls
    ns = ctx.namespace
    defined = [m for m in ("__set__", "__delete__") if m in ns and function_of(ns[m]) is not None]
    if not defined or static.static_lookup(cls, "__get__") is not None:
        return
    pair = own_function(cls, defined[0])
    if pair is not None:
        names = params(pair[1])
        if len(names) >= 2 and _writes_instance_dict(pair[1], names[1]):
            return  # the documented fast-read pattern: __set__ validates, reads hit the instance __dict__
    cname = name(cls)
    func = function_of(ns[defined[0]])
    yield ctx.finding(
        DESC009,
        f"{cname} defines {' and '.join(defined)} but no __get__: reads of the attribute bypass the "
        "descriptor and return the descriptor object itself",
        attribute=defined[0],
        line=line_for(ctx, func, _def_line(func)) if func is not None else None,
        notes=(
            "a data descriptor without __get__ returns the instance __dict__ entry if there is one, "
            "else the descriptor object",
            "define __get__ (if obj is None: return self; then read the stored value)",
        ),
    )


DESC009 = register(
    Rule(
        id="DESC009",
        name="set-without-get",
        severity=Severity.warning,
        summary="A data descriptor defines __set__/__delete__ but no __get__",
        tags=("descriptors",),
        check=check_desc009,
        doc=RuleDoc(
            what=(
                "A class defines __set__ or __delete__ and no class of its MRO defines __get__. "
                "Descriptors whose __set__ writes the validated value into instance.__dict__ under the "
                "same name (a deliberate fast-read pattern) are not reported."
            ),
            why=(
                "It is a data descriptor, so assignments go through __set__, but reads do not: they "
                "return the instance __dict__ entry if one exists, otherwise the descriptor object "
                "itself. Code that reads the attribute gets <Validator object at ...>."
            ),
            wrong=(
                "class Validated:\n"
                "    def __set_name__(self, owner, name):\n"
                "        self.private = '_' + name\n"
                "    def __set__(self, obj, value):\n"
                "        setattr(obj, self.private, int(value))\n"
            ),
            right=(
                "class Validated:\n"
                "    def __set_name__(self, owner, name):\n"
                "        self.private = '_' + name\n"
                "    def __get__(self, obj, objtype=None):\n"
                "        if obj is None:\n"
                "            return self\n"
                "        return getattr(obj, self.private)\n"
                "    def __set__(self, obj, value):\n"
                "        setattr(obj, self.private, int(value))\n"
            ),
            fix="Define __get__, or store the value in obj.__dict__ under the descriptor's own name.",
            references=(
                "Python data model: data descriptors without __get__ (CPython r77603)",
                "cpython#75916",
            ),
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
            wrong=("class Report:\n    @functools.cache\n    def totals(self):\n        return expensive(self.rows)\n"),
            right=(
                "class Report:\n"
                "    @functools.cached_property\n"
                "    def totals(self):\n"
                "        return expensive(self.rows)\n"
            ),
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


# ---------------------------------------------------------------------------
# DESC013 descriptor-on-instance

_DESCRIPTOR_BUILTINS: tuple[type, ...] = (
    property,
    classmethod,
    staticmethod,
    functools.cached_property,
    functools.partialmethod,
    functools.singledispatchmethod,
)
_NOT_DESCRIPTOR_CLASSES: tuple[type, ...] = (types.FunctionType, types.MethodType, type)


def descriptor_class(value: object) -> bool:
    """Whether *value* is a class whose instances are descriptors (defined ``__get__``/``__set__``/``__delete__``)."""
    if not static.is_class(value):
        return False
    return _DESCRIPTOR_CLASS(value)


def _descriptor_class(klass: type) -> bool:
    if any(static.is_subclass(klass, b) for b in _DESCRIPTOR_BUILTINS):
        return True
    if any(klass is b for b in _NOT_DESCRIPTOR_CLASSES) or is_metaclass(klass):
        return False
    for special in ("__get__", "__set__", "__delete__"):
        found = static.static_lookup(klass, special)
        if found is not None and found[0] is not object:
            return True
    return False


_DESCRIPTOR_CLASS: Memo[bool] = Memo(_descriptor_class)


def _builds_descriptor(func: types.FunctionType) -> bool:
    """Whether *func* stores attributes and names a descriptor class at all (a cheap filter on its code)."""
    code = function_code(func)
    if not _STORED(code):
        return False
    for n in code.co_names:
        if n == "super" and _super_only_dereferenced(code):
            continue  # super(...).name: the super object itself is never what is stored
        if n in _DESCRIPTOR_NAMES:
            return True
        target = resolve_name([n], func)
        if not is_missing(target) and descriptor_class(target):
            return True
    return False


#: instructions that push an argument without running code (between ``super`` and its call)
_PLAIN_LOADS = frozenset(
    ["LOAD_FAST", "LOAD_FAST_CHECK", "LOAD_DEREF", "LOAD_CLASSDEREF", "LOAD_GLOBAL", "LOAD_NAME", "LOAD_CONST"]
)


def _super_only_dereferenced(code: types.CodeType) -> bool:
    """Whether every use of ``super`` in *code* is ``super(...).name`` (an attribute of the call's result).

    Read from the instructions: each ``LOAD_GLOBAL super`` is followed by
    plain argument loads, the call and an attribute load (``LOAD_SUPER_ATTR``
    on Python 3.12+). Anything else, or ``super`` named in a nested code
    object, answers ``False``.
    """
    if any(type(c) is types.CodeType and "super" in _all_names(c) for c in code.co_consts):
        return False
    instructions = [i for i in dis.get_instructions(code) if i.opname not in ("CACHE", "EXTENDED_ARG")]
    for k, ins in enumerate(instructions):
        if ins.argval != "super":
            continue
        if ins.opname != "LOAD_GLOBAL":
            return False
        j = k + 1
        while j < len(instructions) and instructions[j].opname in _PLAIN_LOADS:
            j += 1
        ops = [i.opname for i in instructions[j : j + 3]]
        if ops[:1] == ["LOAD_SUPER_ATTR"]:
            continue
        if ops[:1] == ["PRECALL"]:
            ops = ops[1:]
        if len(ops) < 2 or ops[0] != "CALL" or ops[1] not in ("LOAD_ATTR", "LOAD_METHOD"):
            return False
    return True


def _all_names(code: types.CodeType) -> set[str]:
    names = set(code.co_names)
    for c in code.co_consts:
        if type(c) is types.CodeType:
            names |= _all_names(c)
    return names


_DESCRIPTOR_NAMES = frozenset(static.name_of(t) for t in _DESCRIPTOR_BUILTINS)


def _passed_on(cls: type, attr: str) -> bool:
    """Whether a method of *cls* (or of a class of its MRO) passes ``self.<attr>`` to a call as an argument.

    Then the descriptor is kept as a value, to be installed on a class later
    (SQLAlchemy's ``DescriptorProperty.descriptor``), not used as an attribute.
    """
    for klass in static.mro_of(cls):
        if klass is object:
            continue
        for _fname, _raw, func in own_functions(klass):
            if attr not in function_code(func).co_names:
                continue
            node = function_node(func)
            if node is None or not node.args.args:
                continue
            first = node.args.args[0].arg
            for call in body_nodes(node):
                if not isinstance(call, ast.Call):
                    continue
                args = [*call.args, *(k.value for k in call.keywords)]
                if any(dotted(a) == [first, attr] for a in args):
                    return True
    return False


def check_desc013(ctx: ClassContext) -> Iterator[Finding]:
    cls = ctx.cls
    ns = ctx.namespace
    if any(m in ns for m in ("__get__", "__set__", "__delete__")):
        return  # a descriptor that wraps another descriptor and calls it itself
    if is_metaclass(cls):
        return  # in a metaclass method self is a class: the descriptor is a class attribute and works
    cname = name(cls)
    reported: set[str] = set()
    for fname, raw, func in own_functions(cls):
        if type(raw) is not types.FunctionType or not _builds_descriptor(func):
            continue
        for store in stores_of(func):
            value = store.value
            if value is None or not isinstance(value, ast.Call) or store.name in reported:
                continue
            parts = dotted(value.func)
            if parts is None:
                continue
            target = resolve_name(parts, func)
            if is_missing(target) or not descriptor_class(target):
                continue
            reported.add(store.name)
            if _passed_on(cls, store.name):
                continue
            yield ctx.finding(
                DESC013,
                f"{cname}.{store.name}: {cname}.{fname}() assigns a {'.'.join(parts)}(...) descriptor to "
                f"self.{store.name}; descriptors only work as class attributes, so it is never invoked",
                attribute=store.name,
                line=line_for(ctx, func, store.line),
                notes=(
                    f"instance.{store.name} returns the descriptor object itself",
                    "define it in the class body, or store a plain value / callable on the instance",
                ),
            )


DESC013 = register(
    Rule(
        id="DESC013",
        name="descriptor-on-instance",
        severity=Severity.warning,
        summary="A descriptor (property(...), a custom descriptor) is assigned to an instance attribute",
        tags=("descriptors",),
        check=check_desc013,
        doc=RuleDoc(
            what=(
                "A method assigns self.<name> = property(...), classmethod(...), cached_property(...) or "
                "an instance of a class that defines __get__/__set__/__delete__. Classes that are "
                "descriptors themselves (wrapping another descriptor) are not reported, nor metaclasses "
                "(there self is a class, so the descriptor is a class attribute), nor a descriptor that "
                "a method passes on as a value (self.descriptor handed to a call, to be installed on a "
                "class later)."
            ),
            why=(
                "The descriptor protocol only applies to attributes found on the type. Stored in the "
                "instance __dict__, the descriptor is returned as it is: instance.<name> is a "
                "<property object>, its getter never runs, and assignments simply replace it."
            ),
            wrong=(
                "class Temperature:\n"
                "    def __init__(self):\n"
                "        self._c = 0.0\n"
                "        self.fahrenheit = property(lambda self: self._c * 9 / 5 + 32)\n"
            ),
            right=(
                "class Temperature:\n"
                "    def __init__(self):\n"
                "        self._c = 0.0\n"
                "    @property\n"
                "    def fahrenheit(self):\n"
                "        return self._c * 9 / 5 + 32\n"
            ),
            fix="Define the descriptor in the class body (or on a dynamically created subclass).",
            references=(
                "Python Descriptor HowTo Guide: descriptors are invoked via type attribute lookup",
                "mypy#2113 (special lookup on the type)",
            ),
        ),
    )
)
