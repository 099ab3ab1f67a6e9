"""Attribute-access rules: ATTR001 getattr-wrong-exception, ATTR003 instance-dunder-assignment.

Both read source only (no probing): ``__getattr__`` is never called.
"""

from __future__ import annotations

import ast
import types
from collections.abc import Iterator
from typing import Any

from pyinspect_cli.audit.findings import Finding, Severity
from pyinspect_cli.audit.rules.analysis import (
    FunctionNode,
    body_nodes,
    catches,
    function_node,
    is_dunder,
    is_missing,
    line_for,
    mentions,
    might_store,
    name,
    own_function,
    own_functions,
    params,
    stores_of,
)
from pyinspect_cli.audit.rules.base import ClassContext, Rule, RuleDoc, example, register
from pyinspect_cli.core import static
from pyinspect_cli.core.functions import dotted, function_of, resolve_in_function

_method_descriptor_name: Any = types.MethodDescriptorType.__dict__["__name__"].__get__  # type: ignore[index]
_wrapper_descriptor_name: Any = types.WrapperDescriptorType.__dict__["__name__"].__get__  # type: ignore[index]
_method_descriptor_objclass: Any = types.MethodDescriptorType.__dict__["__objclass__"].__get__  # type: ignore[index]
_wrapper_descriptor_objclass: Any = types.WrapperDescriptorType.__dict__["__objclass__"].__get__  # type: ignore[index]

# ---------------------------------------------------------------------------
# ATTR001 getattr-wrong-exception

_KEY_ERRORS = {"KeyError", "LookupError", "IndexError"}


def _c_getitem(value: object) -> str | None:
    """``"dict.__getitem__"`` when *value* is a C ``__getitem__`` (e.g. ``__getattr__ = dict.__getitem__``)."""
    tp = type(value)
    if tp is types.MethodDescriptorType:
        meth, owner = _method_descriptor_name(value), _method_descriptor_objclass(value)
    elif tp is types.WrapperDescriptorType:
        meth, owner = _wrapper_descriptor_name(value), _wrapper_descriptor_objclass(value)
    else:
        return None
    if meth != "__getitem__" or not static.is_class(owner):
        return None
    return f"{static.name_of(owner)}.__getitem__"


def _name_guards(node: FunctionNode, attr_name: str) -> bool:
    """Whether the body tests membership of the looked-up name (``if name in self._data``...)."""
    for sub in body_nodes(node):
        if (
            isinstance(sub, ast.Compare)
            and any(isinstance(op, (ast.In, ast.NotIn)) for op in sub.ops)
            and (isinstance(sub.left, ast.Name) and sub.left.id == attr_name)
        ):
            return True
    return False


def _protected_lines(node: FunctionNode, wanted: set[str]) -> set[int]:
    """Ids of nodes inside a ``try`` whose handlers catch one of *wanted*."""
    out: set[int] = set()
    for sub in body_nodes(node):
        if isinstance(sub, ast.Try) and any(catches(h, wanted) for h in sub.handlers):
            for stmt in sub.body:
                out.add(id(stmt))
                for inner in ast.walk(stmt):
                    out.add(id(inner))
    return out


def _overridden_below(cls: type, method: str) -> bool:
    """Whether a subclass of *cls* defines *method* itself (``type.__subclasses__``: no metaclass code runs)."""
    todo: list[type] = list(type.__subclasses__(cls))
    seen = 0
    while todo and seen < 1000:
        sub = todo.pop()
        seen += 1
        if method in static.dict_of(sub):
            return True
        todo.extend(type.__subclasses__(sub))
    return False


def _wrong_raises(cls: type, node: FunctionNode, func: types.FunctionType) -> list[tuple[int, str]]:
    """``raise X`` statements whose X resolves to a class that is not an AttributeError."""
    out: list[tuple[int, str]] = []
    for sub in body_nodes(node):
        if not isinstance(sub, ast.Raise) or sub.exc is None:
            continue
        exc = sub.exc.func if isinstance(sub.exc, ast.Call) else sub.exc
        parts = dotted(exc)
        if parts is None:
            continue
        target = resolve_in_function(parts, func)
        if is_missing(target) or not static.is_class(target):
            continue
        if not static.is_subclass(target, BaseException) or static.is_subclass(target, AttributeError):
            continue
        if static.module_of(target) != "builtins":
            continue  # a project's own exception class: a deliberate, documented error
        if static.is_subclass(target, NotImplementedError) and _overridden_below(cls, "__getattr__"):
            continue  # an abstract stub: the subclasses define their own __getattr__
        out.append((sub.lineno, ".".join(parts)))
    return out


def _getitem_may_raise(cls: type) -> bool:
    """Whether ``self[key]`` on instances of *cls* can raise KeyError, as far as the code shows.

    A C ``__getitem__`` (a dict or list subclass) raises; a Python one raises
    when it raises or subscripts something itself. One that only returns
    ``self.data.get(key)`` never does; with no ``__getitem__`` found, nothing is
    claimed.
    """
    found = static.static_lookup(cls, "__getitem__")
    if found is None or found[0] is object:
        return False
    func = function_of(found[1])
    if func is None:
        return True  # a C implementation: dict.__getitem__, list.__getitem__
    node = function_node(func)
    if node is None:
        return False
    return any(
        isinstance(sub, ast.Raise) or (isinstance(sub, ast.Subscript) and isinstance(sub.ctx, ast.Load))
        for sub in body_nodes(node)
    )


def _key_lookups(cls: type, node: FunctionNode, attr_name: str) -> list[tuple[int, str]]:
    """``<expr>[name]`` reads that can raise KeyError: (line, source).

    Not reported: reads protected by ``except KeyError`` or a membership
    test, a key stored on an earlier line (``d[name] = ...; return d[name]``),
    and ``self[name]`` when the class's ``__getitem__`` never raises.
    """
    if _name_guards(node, attr_name):
        return []
    protected = _protected_lines(node, _KEY_ERRORS)
    self_name = params(node)[0] if params(node) else None
    stored: dict[str, int] = {}
    for sub in body_nodes(node):
        if isinstance(sub, ast.Subscript) and isinstance(sub.ctx, ast.Store):
            text = ast.unparse(sub)
            stored[text] = min(stored.get(text, sub.lineno), sub.lineno)
    out: list[tuple[int, str]] = []
    for sub in body_nodes(node):
        if (
            isinstance(sub, ast.Subscript)
            and isinstance(sub.ctx, ast.Load)
            and isinstance(sub.slice, ast.Name)
            and sub.slice.id == attr_name
            and id(sub) not in protected
        ):
            text = ast.unparse(sub)
            if stored.get(text, sub.lineno + 1) < sub.lineno:
                continue  # the key was set on an earlier line
            if isinstance(sub.value, ast.Name) and sub.value.id == self_name and not _getitem_may_raise(cls):
                continue
            out.append((sub.lineno, text))
    return out


def _tests_name(node: FunctionNode, attr_name: str) -> bool:
    """Whether the body branches on the looked-up name (``if name.startswith('_')``, ``name in ...``)."""
    for sub in body_nodes(node):
        if isinstance(sub, (ast.If, ast.IfExp, ast.While, ast.Assert)) and mentions(sub.test, {attr_name}):
            return True
        if isinstance(sub, ast.Match) and mentions(sub.subject, {attr_name}):
            return True
        if isinstance(sub, ast.Try) and any(catches(h, {"RecursionError"}) for h in sub.handlers):
            return True
    for stmt in node.body:
        # a guard helper called first with the name (pint's getattr_maybe_raise(self, item))
        if (
            isinstance(stmt, ast.Expr)
            and isinstance(stmt.value, ast.Call)
            and any(isinstance(a, ast.Name) and a.id == attr_name for a in stmt.value.args)
        ):
            return True
    return False


#: methods through which copy and pickle rebuild an instance: a class that defines one decides itself
_REBUILD_HOOKS = ("__new__", "__reduce__", "__reduce_ex__", "__setstate__", "__copy__")


def _own_rebuild_hook(cls: type) -> bool:
    return any(k is not object and any(h in static.dict_of(k) for h in _REBUILD_HOOKS) for k in static.mro_of(cls))


def _recursion_risk(cls: type, node: FunctionNode, attr_name: str) -> tuple[int, str] | None:
    """The first ``self.<x>`` read that recurses on an instance created without ``__init__``.

    ``copy``, ``deepcopy`` and ``pickle`` create the instance with ``cls.__new__``
    and then look up ``__setstate__``/``__deepcopy__`` on it: ``__getattr__`` runs
    before any instance attribute exists. Reading ``self._x`` there calls
    ``__getattr__('_x')``, which reads ``self._x`` again: RecursionError. Names
    the class defines (class attributes, properties, methods) are safe; slots
    are not (an unset slot raises AttributeError).
    """
    names = params(node)
    if not names or _tests_name(node, attr_name):
        return None
    self_name = names[0]
    for sub in body_nodes(node):
        if not (
            isinstance(sub, ast.Attribute)
            and isinstance(sub.ctx, ast.Load)
            and isinstance(sub.value, ast.Name)
            and sub.value.id == self_name
        ):
            continue
        if is_dunder(sub.attr):
            continue
        found = static.static_lookup(cls, sub.attr)
        if found is not None and type(found[1]) is not types.MemberDescriptorType:
            continue
        return sub.lineno, sub.attr
    return None


def check_attr001(ctx: ClassContext) -> Iterator[Finding]:
    cls = ctx.cls
    ns = ctx.namespace
    if "__getattr__" not in ns:
        return
    value = ns["__getattr__"]
    cname = name(cls)
    notes = (
        "hasattr(), getattr(obj, name, default), copy, deepcopy and pickle only treat AttributeError "
        "as 'no such attribute'",
    )
    c_getitem = _c_getitem(value)
    if c_getitem is not None:
        yield ctx.finding(
            ATTR001,
            f"{cname}.__getattr__ is {c_getitem}: a missing attribute raises KeyError instead of AttributeError",
            attribute="__getattr__",
            notes=(
                *notes,
                "def __getattr__(self, name):\n    try:\n        return self[name]\n"
                "    except KeyError:\n        raise AttributeError(name) from None",
            ),
            symbol="__getattr__:getitem",
        )
        return
    pair = own_function(cls, "__getattr__")
    if pair is None:
        return
    func, node = pair
    names = params(node)
    if len(names) < 2:
        return
    attr_name = names[1]
    problems: list[tuple[int, str]] = []
    for line, source in _key_lookups(cls, node, attr_name)[:1]:
        problems.append((line, f"looks up {source}, which raises KeyError for a missing name, not AttributeError"))
    for line, exc in _wrong_raises(cls, node, func)[:1]:
        problems.append((line, f"raises {exc}, not AttributeError"))
    for line, text in problems:
        yield ctx.finding(
            ATTR001,
            f"{cname}.__getattr__ {text}",
            attribute="__getattr__",
            line=line_for(ctx, func, line),
            notes=(*notes, "convert: except KeyError: raise AttributeError(name) from None"),
            symbol="__getattr__:" + ("lookup" if text.startswith("looks") else text.split(",")[0]),
        )


ATTR001 = register(
    Rule(
        id="ATTR001",
        name="getattr-wrong-exception",
        severity=Severity.warning,
        summary="__getattr__ can raise something other than AttributeError for a missing attribute",
        tags=("attributes",),
        check=check_attr001,
        doc=RuleDoc(
            what=(
                "A class's __getattr__ is dict.__getitem__ (or another C __getitem__), looks the name up "
                "with <mapping>[name] without converting KeyError (no try/except KeyError, no "
                "'name in ...' test), or raises an exception class that is not an AttributeError. "
                "Read from source only: __getattr__ is never called."
            ),
            why=(
                "Python's attribute protocol relies on AttributeError: hasattr(), getattr() with a "
                "default, copy.copy/deepcopy (which look up __deepcopy__, __setstate__ ... on instances) "
                "and pickle all treat any other exception as a crash. A KeyError from __getattr__ makes "
                "copy.deepcopy(obj) fail with KeyError: '__deepcopy__'."
            ),
            wrong=(example("ATTR001", "bad")),
            right=(example("ATTR001", "good")),
            fix="Catch the lookup error and raise AttributeError(name) from None.",
            references=(
                "zarr-developers/zarr-python#88",
                "beancount/beancount#79",
                "ChrisAichinger/python-libconf PR#11",
                "pytorch/pytorch PR#21763",
                "cannatag/ldap3 PR#150",
            ),
        ),
    )
)


# ---------------------------------------------------------------------------
# ATTR005 getattr-recursion


def check_attr005(ctx: ClassContext) -> Iterator[Finding]:
    cls = ctx.cls
    pair = own_function(cls, "__getattr__")
    if pair is None:
        return
    func, node = pair
    names = params(node)
    if len(names) < 2:
        return
    attr_name = names[1]
    recursion = _recursion_risk(cls, node, attr_name)
    if recursion is None or _own_rebuild_hook(cls):
        return  # a class that defines __new__/__reduce__/__setstate__/__copy__ rebuilds instances its own way
    cname = name(cls)
    line, attr = recursion
    yield ctx.finding(
        ATTR005,
        f"{cname}.__getattr__ reads self.{attr} without checking {attr_name}: on an instance made without "
        f"__init__ (copy, pickle) {attr} is missing and __getattr__ recurses (RecursionError)",
        attribute="__getattr__",
        line=line_for(ctx, func, line),
        notes=(
            "copy.copy and pickle create the instance with cls.__new__ and look up __setstate__ on it "
            "before any instance attribute exists",
            f"guard first: if {attr_name}.startswith('_'): raise AttributeError({attr_name}); or give "
            f"{attr} a class-level default; or read it with vars(self).get({attr!r})",
        ),
        symbol=f"__getattr__:{attr}",
    )


ATTR005 = register(
    Rule(
        id="ATTR005",
        name="getattr-recursion",
        severity=Severity.warning,
        summary="__getattr__ reads an instance attribute that is missing before __init__ runs (copy, pickle)",
        enabled_by_default=False,
        tags=("attributes",),
        check=check_attr005,
        doc=RuleDoc(
            what=(
                "A __getattr__ reads self.<x> before testing the requested name, and <x> is not defined on "
                "the class (no class-level default, property or method; a slot does not count). Off by "
                "default: most wrappers are never copied or pickled, and the pattern is common in stream "
                "and proxy wrappers."
            ),
            why=(
                "copy.copy, copy.deepcopy and pickle create the new instance with cls.__new__, without "
                "__init__, then look attributes such as __setstate__ up on it. __getattr__ runs, reads "
                "self.<x>, which is missing, so __getattr__('<x>') runs and reads it again: RecursionError "
                "instead of a copy."
            ),
            wrong=(example("ATTR005", "bad")),
            right=(example("ATTR005", "good")),
            fix=(
                "Refuse private and dunder names before touching self, give the wrapped attribute a "
                "class-level default, or read it with vars(self).get(...)."
            ),
            references=(
                "Scille/umongo PR#157",
                "fusionbox/dinero PR#9",
                "uqfoundation/dill#565",
                "pymc-devs/pymc PR#2551",
                "fluentpython/example-code-2e#46",
                "cpython PR#3508 (bpo-16251)",
            ),
        ),
    )
)


# ---------------------------------------------------------------------------
# ATTR003 instance-dunder-assignment

#: special methods CPython looks up on the type, never on the instance
SPECIAL_METHODS: frozenset[str] = frozenset(
    [
        "__call__",
        "__len__",
        "__length_hint__",
        "__iter__",
        "__next__",
        "__reversed__",
        "__contains__",
        "__getitem__",
        "__setitem__",
        "__delitem__",
        "__missing__",
        "__enter__",
        "__exit__",
        "__aenter__",
        "__aexit__",
        "__aiter__",
        "__anext__",
        "__await__",
        "__repr__",
        "__str__",
        "__bytes__",
        "__format__",
        "__hash__",
        "__bool__",
        "__eq__",
        "__ne__",
        "__lt__",
        "__le__",
        "__gt__",
        "__ge__",
        "__add__",
        "__radd__",
        "__iadd__",
        "__sub__",
        "__rsub__",
        "__isub__",
        "__mul__",
        "__rmul__",
        "__imul__",
        "__matmul__",
        "__rmatmul__",
        "__imatmul__",
        "__truediv__",
        "__rtruediv__",
        "__itruediv__",
        "__floordiv__",
        "__rfloordiv__",
        "__ifloordiv__",
        "__mod__",
        "__rmod__",
        "__imod__",
        "__divmod__",
        "__rdivmod__",
        "__pow__",
        "__rpow__",
        "__ipow__",
        "__lshift__",
        "__rlshift__",
        "__ilshift__",
        "__rshift__",
        "__rrshift__",
        "__irshift__",
        "__and__",
        "__rand__",
        "__iand__",
        "__xor__",
        "__rxor__",
        "__ixor__",
        "__or__",
        "__ror__",
        "__ior__",
        "__neg__",
        "__pos__",
        "__abs__",
        "__invert__",
        "__complex__",
        "__int__",
        "__float__",
        "__index__",
        "__round__",
        "__trunc__",
        "__floor__",
        "__ceil__",
        "__get__",
        "__set__",
        "__delete__",
        "__getattr__",
        "__getattribute__",
        "__setattr__",
        "__delattr__",
        "__dir__",
        "__del__",
        "__fspath__",
        "__buffer__",
        "__release_buffer__",
        "__sizeof__",
        "__init__",
        "__new__",
    ]
)


def check_attr003(ctx: ClassContext) -> Iterator[Finding]:
    cls = ctx.cls
    cname = name(cls)
    reported: set[str] = set()
    for fname, raw, func in own_functions(cls):
        if type(raw) is not types.FunctionType or not might_store(func, SPECIAL_METHODS):
            continue
        for store in stores_of(func):
            attr = store.name
            if attr not in SPECIAL_METHODS or attr in reported:
                continue
            reported.add(attr)
            yield ctx.finding(
                ATTR003,
                f"{cname}.{fname}() assigns self.{attr}: implicit special-method lookup uses the type, "
                f"so the instance attribute is ignored by the operation it is meant to define",
                attribute=attr,
                line=line_for(ctx, func, store.line),
                notes=(
                    f"only an explicit obj.{attr}(...) call sees the instance attribute",
                    f"define {attr} on the class and delegate to an instance attribute "
                    f"(def {attr}(self, *args): return self._impl(*args))",
                ),
            )


ATTR003 = register(
    Rule(
        id="ATTR003",
        name="instance-dunder-assignment",
        severity=Severity.warning,
        summary="A special method (__call__, __len__, ...) is assigned on the instance, where Python ignores it",
        tags=("attributes",),
        check=check_attr003,
        doc=RuleDoc(
            what=(
                "A method assigns self.__call__, self.__iter__, self.__getitem__, self.__eq__ or another "
                "special method looked up on the type. Data dunders (__doc__, __name__, __wrapped__, "
                "__signature__, __class__, __dict__ ...) are not reported."
            ),
            why=(
                "Implicit invocations (obj(), len(obj), iter(obj), obj[k], with obj, ==) look the special "
                "method up on type(obj), skipping the instance __dict__. The assignment has no effect on "
                "them: obj() still raises TypeError: object is not callable, or runs the class's method."
            ),
            wrong=(example("ATTR003", "bad")),
            right=(example("ATTR003", "good")),
            fix="Define the special method on the class and delegate to an instance attribute.",
            references=("mypy#2113", "Python data model: special method lookup"),
        ),
    )
)
