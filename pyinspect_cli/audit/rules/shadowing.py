"""Rules about instance attributes that meet class attributes: DESC002 method-hidden-by-instance-attr,
DESC006 read-only-property-assigned, DESC012 property-setter-name-mismatch.

The helpers they share are in :mod:`pyinspect_cli.audit.rules.analysis`.
"""

from __future__ import annotations

import ast
import functools
import types
from collections.abc import Iterator
from typing import Any, cast

from pyinspect_cli.audit.findings import Finding, Severity
from pyinspect_cli.audit.rules.analysis import (
    _STORED,
    FunctionNode,
    Memo,
    Store,
    _property_fset,
    affected_note,
    body_nodes,
    custom_setattr,
    dataclass_fields,
    def_line,
    docstring_free,
    function_code,
    function_node,
    init_functions,
    is_cached_property,
    is_dunder,
    is_missing,
    is_one_of,
    line_for,
    mentions,
    methods_run,
    might_store,
    name,
    new_here,
    node_of,
    own_functions,
    params,
    running_inits,
    stores_of,
)
from pyinspect_cli.audit.rules.base import ClassContext, Rule, RuleDoc, example, register
from pyinspect_cli.core import static
from pyinspect_cli.core.descriptors import classify
from pyinspect_cli.core.functions import dotted, function_of, resolve_in_function
from pyinspect_cli.core.record import Record

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
        target = resolve_in_function([value.id], func)
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


class HiddenMethod(Record):
    """DESC002: *init_owner*'s ``__init__`` (*func*) stores *store*, hiding *owner*'s *kind* of that name."""

    store: Store
    owner: type
    init_owner: type
    func: types.FunctionType
    kind: str
    severity: Severity


def _desc002_compute(cls: type) -> dict[tuple[str, int, int], HiddenMethod]:
    out: dict[tuple[str, int, int], HiddenMethod] = {}
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
            out[key] = HiddenMethod(store, owner, init_owner, func, kind, severity)
    return out


_DESC002 = Memo(_desc002_compute)


def check_desc002(ctx: ClassContext) -> Iterator[Finding]:
    cname = name(ctx.cls)
    for key, hidden in new_here(ctx.cls, _DESC002).items():
        store, owner, init_owner = hidden.store, hidden.owner, hidden.init_owner
        func = cast(types.FunctionType, hidden.func)  # a record field, not a method (mypy binds it)
        kind, severity = hidden.kind, hidden.severity
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
            wrong=(example("DESC002", "bad")),
            right=(example("DESC002", "good")),
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


class ReadOnlyStore(Record):
    """DESC006: *fowner*.*fname* (*func*) stores *store*, which *owner* makes read-only (*reason*)."""

    store: Store
    owner: type
    fowner: type
    fname: str
    func: types.FunctionType
    reason: str


def _desc006_compute(cls: type) -> dict[tuple[str, int, int, str], ReadOnlyStore]:
    out: dict[tuple[str, int, int, str], ReadOnlyStore] = {}
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
            out.setdefault(key, ReadOnlyStore(store, owner, fowner, fname, func, reason))
    return out


_DESC006 = Memo(_desc006_compute)


def check_desc006(ctx: ClassContext) -> Iterator[Finding]:
    cname = name(ctx.cls)
    for key, item in new_here(ctx.cls, _DESC006).items():
        store, owner, fowner, fname, reason = item.store, item.owner, item.fowner, item.fname, item.reason
        func = cast(types.FunctionType, item.func)  # a record field, not a method (mypy binds it)
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
            wrong=(example("DESC006", "bad")),
            right=(example("DESC006", "good")),
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
                    line=line_for(ctx, func, def_line(func)),
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
            wrong=(example("DESC012", "bad")),
            right=(example("DESC012", "good")),
            fix="Give the setter (deleter) function the same name as the property.",
            references=("Python docs: property.setter returns a copy of the property", "cpython#90886"),
        ),
    )
)
