"""Descriptor-protocol rules: DESC001 descriptor-shared-state, DESC007 descriptor-get-no-class-access,
DESC009 set-without-get, DESC013 descriptor-on-instance.

The helpers they share are in :mod:`pyinspect_cli.audit.rules.analysis`.
"""

from __future__ import annotations

import ast
import dis
import functools
import types
from collections.abc import Iterator, Mapping
from typing import Any

from pyinspect_cli.audit.findings import Finding, Severity
from pyinspect_cli.audit.rules.analysis import (
    _STORED,
    FunctionNode,
    Memo,
    Store,
    _self_attr,
    _targets,
    body_nodes,
    catches,
    def_line,
    function_code,
    function_node,
    is_dunder,
    is_metaclass,
    is_missing,
    line_for,
    mentions,
    name,
    node_of,
    own_function,
    own_functions,
    params,
    self_stores,
    stores_of,
)
from pyinspect_cli.audit.rules.base import ClassContext, Rule, RuleDoc, example, register
from pyinspect_cli.core import static
from pyinspect_cli.core.functions import dotted, function_of, function_scopes, resolve_in_function

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
            wrong=(example("DESC001", "bad")),
            right=(example("DESC001", "good")),
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
            wrong=(example("DESC007", "bad")),
            right=(example("DESC007", "good")),
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
        line=line_for(ctx, func, def_line(func)) if func is not None else None,
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
            wrong=(example("DESC009", "bad")),
            right=(example("DESC009", "good")),
            fix="Define __get__, or store the value in obj.__dict__ under the descriptor's own name.",
            references=(
                "Python data model: data descriptors without __get__ (CPython r77603)",
                "cpython#75916",
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
    scopes: tuple[Mapping[str, Any], ...] | None = None
    for n in code.co_names:
        if n == "super" and _SUPER_ONLY_DEREFERENCED(code):
            continue  # super(...).name: the super object itself is never what is stored
        if n in _DESCRIPTOR_NAMES:
            return True
        if n not in code.co_freevars:
            if scopes is None:
                scopes = function_scopes(func)
            if not any(n in scope for scope in scopes):
                continue  # bound nowhere: it resolves to nothing (most names are attributes)
        target = resolve_in_function([n], func)
        if not is_missing(target) and descriptor_class(target):
            return True
    return False


#: instructions that push an argument without running code (between ``super`` and its call)
_PLAIN_LOADS = frozenset(
    ["LOAD_FAST", "LOAD_FAST_CHECK", "LOAD_DEREF", "LOAD_CLASSDEREF", "LOAD_GLOBAL", "LOAD_NAME", "LOAD_CONST"]
)


def _super_only_dereferenced(code: Any) -> bool:
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


#: per code object (read once: the instructions do not change)
_SUPER_ONLY_DEREFERENCED: Memo[bool] = Memo(_super_only_dereferenced)


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
            target = resolve_in_function(parts, func)
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
            wrong=(example("DESC013", "bad")),
            right=(example("DESC013", "good")),
            fix="Define the descriptor in the class body (or on a dynamically created subclass).",
            references=(
                "Python Descriptor HowTo Guide: descriptors are invoked via type attribute lookup",
                "mypy#2113 (special lookup on the type)",
            ),
        ),
    )
)
