"""What Python does for ``obj.NAME``, ``obj.NAME = v``, ``del obj.NAME`` and ``Class.NAME``.

The answer follows CPython's real algorithms, worked out statically:

* instance read (``object.__getattribute__``, ``PyObject_GenericGetAttr``): a
  data descriptor with ``__get__`` on ``type(obj).__mro__``; the instance
  ``__dict__``; a non-data descriptor, or a plain class attribute returned as
  it is (also a data descriptor that has no ``__get__``); ``__getattr__``;
  ``AttributeError``;
* instance write/delete (``object.__setattr__``/``__delattr__``): the
  ``__set__``/``__delete__`` of a data descriptor, else the instance
  ``__dict__``, else ``AttributeError``;
* class read (``type.__getattribute__``): a data descriptor on the
  metaclass's MRO; the class's MRO (``__get__(None, cls)``); the metaclass's
  non-data descriptors and plain attributes; the metaclass's ``__getattr__``.

Where the answer depends on what an instance holds at run time, it is a list
of :class:`Branch` es: the first one whose condition holds is what Python
does. Nothing here calls user code (see :mod:`pyinspect_cli.core.static`).
"""

from __future__ import annotations

import ast
import difflib
import sys
import types
from collections.abc import Iterator
from typing import Literal, get_args

from pyinspect_cli.core import static
from pyinspect_cli.core.descriptors import AttributeInfo, DescriptorInfo, class_attributes, classify
from pyinspect_cli.core.functions import MISSING, dotted, function_of, resolve_in_function
from pyinspect_cli.core.record import Record
from pyinspect_cli.core.source import function_node

__all__ = [
    "CLASS_OUTCOMES",
    "INSTANCE_OUTCOMES",
    "Branch",
    "ClassOutcome",
    "Hook",
    "InstanceAssignment",
    "InstanceOutcome",
    "Resolution",
    "WalkStep",
    "attribute_names",
    "close_names",
    "find_attribute",
    "instance_assignments",
    "resolve_attribute",
]

InstanceOutcome = Literal[
    "data-descriptor",
    "instance-dict",
    "non-data-descriptor",
    "class-attribute",
    "getattr",
    "attribute-error",
    "setattr-hook",
    "delattr-hook",
]
ClassOutcome = Literal[
    "metaclass-data-descriptor",
    "class-descriptor",
    "class-attribute",
    "metaclass-attribute",
    "metaclass-getattr",
    "attribute-error",
]
#: every outcome, in the order the types list them (for schemas and tests)
INSTANCE_OUTCOMES: tuple[InstanceOutcome, ...] = get_args(InstanceOutcome)
CLASS_OUTCOMES: tuple[ClassOutcome, ...] = get_args(ClassOutcome)


class Branch(Record):
    """One possible outcome of an attribute access.

    ``when`` is the condition in words (``None``: always, i.e. "otherwise");
    ``defined_in`` the class whose ``__dict__`` holds what is used (``None``
    for the instance ``__dict__`` and plain errors); ``explanation`` says what
    happens; ``error`` is the exception message when the outcome raises.
    """

    when: str | None
    outcome: str
    defined_in: type | None
    explanation: str
    error: str | None = None


class WalkStep(Record):
    """One class of an MRO walk: whether its ``__dict__`` holds the name, and what."""

    cls: type
    holds: bool
    info: DescriptorInfo | None


class Hook(Record):
    """A special method that changes or extends the default attribute protocol.

    ``hook`` is its name (``__getattribute__``, ``__getattr__``,
    ``__setattr__``, ``__delattr__``), ``owner`` the class that defines it,
    ``on_metaclass`` whether it applies to class access, and ``note`` what it
    means for the answer. ``kind``: ``"python"`` (a function of a class
    statement), ``"builtin"`` (inherited from a C class whose hook is not
    the generic algorithm), ``"frozen-dataclass"`` (the generated hook of a
    frozen dataclass, which always raises). ``falls_back`` (for
    ``__setattr__``/``__delattr__`` written in Python): whether its code
    calls the default (``super().__setattr__``, ``object.__setattr__`` or a
    name bound to it) — ``None`` when its source cannot be read.
    """

    hook: str
    owner: type
    on_metaclass: bool
    note: str
    kind: Literal["python", "builtin", "frozen-dataclass"] = "python"
    falls_back: bool | None = None


class InstanceAssignment(Record):
    """``self.NAME = ...`` in a method of a class, found in its source: the attribute lives on instances."""

    cls: type
    function: str
    filename: str
    lineno: int


class Resolution(Record):
    """The full answer for one class and attribute name."""

    cls: type
    name: str
    metaclass: type
    found: AttributeInfo | None
    meta_found: AttributeInfo | None
    walk: tuple[WalkStep, ...]
    meta_walk: tuple[WalkStep, ...]
    has_instance_dict: bool
    read: tuple[Branch, ...]
    write: tuple[Branch, ...]
    delete: tuple[Branch, ...]
    class_read: tuple[Branch, ...]
    hooks: tuple[Hook, ...]
    assignments: tuple[InstanceAssignment, ...] = ()

    @property
    def exists(self) -> bool:
        """Whether the name is on the class's or the metaclass's MRO, or assigned to instances in the source."""
        return self.found is not None or self.meta_found is not None or bool(self.assignments)


# ---------------------------------------------------------------------------
# Looking things up


def find_attribute(cls: type, name: str) -> AttributeInfo | None:
    """The winning definition of *name* on *cls*'s MRO, with the ones it overrides."""
    owner: type | None = None
    value: object = None
    overrides: list[type] = []
    for klass in static.mro_of(cls):
        hit = _own_value(klass, name)
        if hit is None:
            continue
        if owner is None:
            owner, value = klass, hit[0]
        else:
            overrides.append(klass)
    if owner is None:
        return None
    return AttributeInfo(name, owner, value, classify(value), tuple(overrides))


def _own_value(klass: type, name: str) -> tuple[object] | None:
    """``(value,)`` when *klass*'s own ``__dict__`` holds *name* under an exact ``str`` key."""
    for key, value in list(static.dict_of(klass).items()):
        if type(key) is str and key == name:
            return (value,)
    return None


def _walk(cls: type, name: str) -> tuple[WalkStep, ...]:
    steps = []
    for klass in static.mro_of(cls):
        hit = _own_value(klass, name)
        steps.append(WalkStep(klass, hit is not None, classify(hit[0]) if hit is not None else None))
    return tuple(steps)


def attribute_names(cls: type) -> list[str]:
    """Every name on *cls*'s MRO and its metaclass's MRO (``object`` and ``type`` included)."""
    names: dict[str, None] = {}
    for attr in class_attributes(cls, include_object=True):
        names[attr.name] = None
    for attr in class_attributes(type(cls), include_object=True):
        names[attr.name] = None
    return list(names)


def close_names(cls: type, name: str, *, n: int = 5) -> list[str]:
    """Names of *cls* (and its metaclass) that look like *name*."""
    candidates = attribute_names(cls)
    close = difflib.get_close_matches(name, candidates, n=n, cutoff=0.6)
    folded = name.casefold()
    for candidate in candidates:
        if candidate.casefold() == folded and candidate not in close:
            close.insert(0, candidate)
    return close[:n]


# ---------------------------------------------------------------------------
# Hooks: __getattribute__, __getattr__, __setattr__, __delattr__

#: classes written in C whose attribute hooks are not the generic algorithm ("module:qualname")
_SPECIAL_C_HOOKS = frozenset(
    {
        "builtins:type",
        "builtins:module",
        "builtins:super",
        "builtins:method",
        "types:GenericAlias",
        "types:UnionType",
        "weakref:ProxyType",
        "weakref:CallableProxyType",
        "_thread:_local",
        "decimal:Context",
    }
)
#: of those, the ones whose __setattr__/__delattr__ are the generic ones all the same
_GENERIC_C_SETATTR = frozenset({"builtins:method", "builtins:module"})


def _generic_hook(owner: type, value: object, hook: str, *, metaclass: bool) -> bool:
    """Whether a ``hook`` found on *owner* is the default algorithm of object (or type)."""
    standard: tuple[type, ...] = (object, type) if metaclass else (object,)
    if any(owner is k for k in standard):
        return True
    for k in standard:
        ns = static.dict_of(k)
        if hook in ns and value is ns[hook]:
            return True
    if type(value) is not types.WrapperDescriptorType:
        return False
    # A slot wrapper of a class written in C: the generic algorithm unless a known special case.
    special = _SPECIAL_C_HOOKS if hook == "__getattribute__" else _SPECIAL_C_HOOKS - _GENERIC_C_SETATTR
    return static.class_id(owner) not in special


def _frozen_dataclass(owner: type, value: object) -> bool:
    """Whether *value* is the ``__setattr__``/``__delattr__`` a frozen dataclass generated."""
    dataclasses = sys.modules.get("dataclasses")
    if dataclasses is None or type(value) is not types.FunctionType:
        return False
    hit = _own_value(owner, "__dataclass_params__")
    if hit is None:
        return False
    params = hit[0]
    expected = vars(dataclasses).get("_DataclassParams")
    if expected is None or type(params) is not expected:
        return False
    frozen = static.static_lookup(expected, "frozen")
    if frozen is not None and type(frozen[1]) is types.MemberDescriptorType:
        try:
            is_frozen = frozen[1].__get__(params, expected)
        except AttributeError:
            return False
    else:
        is_frozen = _instance_dict_value(params, "frozen")
    return is_frozen is True


def _instance_dict_value(obj: object, name: str) -> object:
    ns = static.instance_dict(obj)
    return ns.get(name) if ns is not None else None


def _where(cls: type) -> str:
    return static.class_id(cls)


def _hooks(cls: type) -> tuple[Hook, ...]:
    meta = type(cls)
    hooks: list[Hook] = []
    hit = static.static_lookup(cls, "__getattribute__")
    if hit is not None and not _generic_hook(hit[0], hit[1], "__getattribute__", metaclass=False):
        owner = hit[0]
        if static.is_heap_type(owner):
            note = (
                f"{_where(owner)} defines __getattribute__: every instance read goes through it, so the "
                "default order below may not apply (it applies where it calls super().__getattribute__)"
            )
        else:
            note = (
                f"instances inherit the __getattribute__ of the builtin {_where(owner)}, which is not the "
                "generic algorithm: the order below may not apply"
            )
        hooks.append(Hook("__getattribute__", owner, False, note))
    hit = static.static_lookup(cls, "__getattr__")
    if hit is not None:
        hooks.append(
            Hook(
                "__getattr__",
                hit[0],
                False,
                f"{_where(hit[0])} defines __getattr__: it is called whenever an instance read raises "
                "AttributeError (also from inside a descriptor's __get__)",
            )
        )
    for hook, verb in (("__setattr__", "assignment to"), ("__delattr__", "deletion of")):
        hit = static.static_lookup(cls, hook)
        if hit is None or _generic_hook(hit[0], hit[1], hook, metaclass=False):
            continue
        owner, value = hit
        if not static.is_heap_type(owner):
            note = (
                f"instances inherit the {hook} of the builtin {_where(owner)}, which is not the generic "
                "algorithm: the order below may not apply"
            )
            hooks.append(Hook(hook, owner, False, note, "builtin"))
        elif _frozen_dataclass(owner, value):
            note = (
                f"{_where(owner)} is a frozen dataclass: its generated {hook} raises "
                f"dataclasses.FrozenInstanceError (an AttributeError) on every {verb} an attribute of its instances"
            )
            hooks.append(Hook(hook, owner, False, note, "frozen-dataclass"))
        else:
            falls_back = _falls_back(value, hook)
            seen = (
                f"it calls the default {hook} (object's), so the order below applies where it does"
                if falls_back
                else f"no call of the default {hook} is seen in its code: the order below applies only if it "
                "reaches object's by another way"
                if falls_back is False
                else f"its source cannot be read: the order below applies where it calls object's {hook}"
            )
            note = f"{_where(owner)} defines {hook}: every {verb} an instance attribute goes through it; {seen}"
            hooks.append(Hook(hook, owner, False, note, "python", falls_back))
    hit = static.static_lookup(meta, "__getattribute__")
    if hit is not None and not _generic_hook(hit[0], hit[1], "__getattribute__", metaclass=True):
        hooks.append(
            Hook(
                "__getattribute__",
                hit[0],
                True,
                f"the metaclass {_where(hit[0])} defines __getattribute__: every read on the class goes "
                "through it, so the class-read order below may not apply",
            )
        )
    hit = static.static_lookup(meta, "__getattr__")
    if hit is not None:
        hooks.append(
            Hook(
                "__getattr__",
                hit[0],
                True,
                f"the metaclass {_where(hit[0])} defines __getattr__: it is called whenever a read on the "
                "class raises AttributeError",
            )
        )
    return tuple(hooks)


# ---------------------------------------------------------------------------
# The four accesses


def _label(attr: AttributeInfo) -> str:
    return f"{static.qualname_of(attr.owner)}.{attr.name} ({attr.info.type_name})"


def _getattr_suffix(getattr_owner: type | None) -> str:
    if getattr_owner is None:
        return ""
    return f"; if that raises AttributeError, {static.qualname_of(getattr_owner)}.__getattr__ is called"


def _read(
    cls: type, name: str, found: AttributeInfo | None, has_dict: bool, getattr_owner: type | None
) -> list[Branch]:
    in_dict = f"the instance's __dict__ has {name!r}"
    branches: list[Branch] = []
    tail = _getattr_suffix(getattr_owner)
    if found is not None and found.info.kind == "data" and found.info.has_get:
        branches.append(
            Branch(
                None,
                "data-descriptor",
                found.owner,
                f"the data descriptor {_label(found)} "
                + ("wins over the instance __dict__" if has_dict else "answers (instances have no __dict__)")
                + ": Python calls "
                f"type(descriptor).__get__(descriptor, instance, {static.qualname_of(cls)}){tail}",
            )
        )
        return branches
    if has_dict:
        branches.append(
            Branch(in_dict, "instance-dict", None, "the value stored in the instance's __dict__ is returned")
        )
    if found is not None:
        if found.info.kind == "data":
            branches.append(
                Branch(
                    None,
                    "class-attribute",
                    found.owner,
                    f"{_label(found)} is a data descriptor without __get__: the descriptor object itself is "
                    "returned, as a plain class attribute would be",
                )
            )
        elif found.info.kind == "non-data":
            extra = ""
            if found.info.type_name == "functools.cached_property":
                extra = (
                    " (cached_property stores the result in the instance's __dict__, so later reads take the "
                    "instance-dict branch)"
                    if has_dict
                    else " (instances have no __dict__: cached_property raises TypeError)"
                )
            branches.append(
                Branch(
                    None,
                    "non-data-descriptor",
                    found.owner,
                    f"the non-data descriptor {_label(found)}: Python calls "
                    f"type(descriptor).__get__(descriptor, instance, {static.qualname_of(cls)}){extra}{tail}",
                )
            )
        else:
            branches.append(
                Branch(
                    None,
                    "class-attribute",
                    found.owner,
                    f"the plain class attribute {_label(found)} is returned as it is",
                )
            )
        return branches
    if getattr_owner is not None:
        branches.append(
            Branch(
                None,
                "getattr",
                getattr_owner,
                f"nothing on the MRO: Python calls {static.qualname_of(getattr_owner)}.__getattr__(instance, {name!r})",
            )
        )
    else:
        branches.append(
            Branch(
                None,
                "attribute-error",
                None,
                "nothing on the MRO" + (" nor in the instance's __dict__" if has_dict else "") + ": AttributeError",
                _no_attribute(cls, name),
            )
        )
    return branches


def _accessor_missing(found: AttributeInfo, method: str) -> str | None:
    """For a property whose own __set__/__delete__ is used: the accessor it lacks, if any."""
    if not static.is_subclass(type(found.value), property):
        return None
    hit = static.type_lookup(found.value, method)
    if hit is None or hit[0] is not property:
        return None
    needed = "setter" if method == "__set__" else "deleter"
    return None if needed in found.info.accessors else needed


def _no_attribute(cls: type, name: str) -> str:
    return f"'{static.tp_name(cls)}' object has no attribute '{name}'"


def _change(cls: type, name: str, found: AttributeInfo | None, has_dict: bool, *, delete: bool) -> list[Branch]:
    method = "__delete__" if delete else "__set__"
    verb = "deletes" if delete else "stores"
    branches: list[Branch] = []
    if found is not None and found.info.kind == "data":
        has_method = found.info.has_delete if delete else found.info.has_set
        if not has_method:
            branches.append(
                Branch(
                    None,
                    "attribute-error",
                    found.owner,
                    f"{_label(found)} is a data descriptor (it defines "
                    f"{'__set__' if delete else '__delete__'}), so Python calls its {method}, which its type "
                    "does not define: AttributeError",
                    method,
                )
            )
            return branches
        missing = _accessor_missing(found, method)
        if missing is not None:
            action = "deleter" if delete else "setter"
            branches.append(
                Branch(
                    None,
                    "attribute-error",
                    found.owner,
                    f"the property {static.qualname_of(found.owner)}.{name} has no {action}: AttributeError",
                    f"property '{name}' of '{static.tp_name(cls)}' object has no {missing}",
                )
            )
            return branches
        extra = ""
        if found.info.type_name == "slot member" and delete:
            extra = " (AttributeError if the slot holds no value)"
        branches.append(
            Branch(
                None,
                "data-descriptor",
                found.owner,
                f"the data descriptor {_label(found)} takes it: Python calls "
                f"type(descriptor).{method}(descriptor, instance{'' if delete else ', value'}){extra}",
            )
        )
        return branches
    if has_dict:
        if delete:
            branches.append(
                Branch(
                    f"the instance's __dict__ has {name!r}",
                    "instance-dict",
                    None,
                    f"Python {verb} the key in the instance's __dict__",
                )
            )
            branches.append(
                Branch(
                    None, "attribute-error", None, "the instance's __dict__ has no such key", _no_attribute(cls, name)
                )
            )
        else:
            shadow = ""
            if found is not None:
                shadow = f" (it shadows the {found.info.kind} class attribute {static.qualname_of(found.owner)}.{name})"
            branches.append(
                Branch(None, "instance-dict", None, f"Python {verb} the value in the instance's __dict__{shadow}")
            )
        return branches
    if found is None:
        branches.append(
            Branch(
                None,
                "attribute-error",
                None,
                "instances have no __dict__ and no slot or data descriptor has this name",
                _no_attribute(cls, name),
            )
        )
    else:
        branches.append(
            Branch(
                None,
                "attribute-error",
                found.owner,
                f"instances have no __dict__ and {_label(found)} is not a data descriptor",
                f"'{static.tp_name(cls)}' object attribute '{name}' is read-only",
            )
        )
    return branches


def _falls_back(value: object, hook: str) -> bool | None:
    """Whether a ``__setattr__``/``__delattr__`` written in Python calls the default one.

    Seen in its source: ``super().__setattr__(...)``, ``object.__setattr__(self, ...)``
    or ``Base.__setattr__(self, ...)`` for a class ``Base``, or a call through
    a name bound to ``object.__setattr__`` (``_object_setattr = object.__setattr__``).
    ``None`` when the source cannot be read.
    """
    func = function_of(value)
    if func is None:
        return None
    found = function_node(func)
    if found is None:
        return None
    default = static.dict_of(object)[hook]
    for sub in ast.walk(found[1]):
        if not isinstance(sub, ast.Call):
            continue
        f = sub.func
        if isinstance(f, ast.Attribute) and f.attr == hook:
            owner = f.value
            if isinstance(owner, ast.Call) and isinstance(owner.func, ast.Name) and owner.func.id == "super":
                return True
            parts = dotted(owner)
            if parts is not None:
                target = resolve_in_function(parts, func)
                if target is not MISSING and static.is_class(target):
                    return True
        elif isinstance(f, ast.Name) and resolve_in_function([f.id], func) is default:
            return True
    return False


def _frozen_branches(name: str, hooks: tuple[Hook, ...], hook_name: str) -> list[Branch]:
    for hook in hooks:
        if hook.hook != hook_name or hook.on_metaclass or hook.kind != "frozen-dataclass":
            continue
        fields = _own_value(hook.owner, "__dataclass_fields__")
        is_field = False
        if fields is not None and type(fields[0]) is dict:
            is_field = any(type(k) is str and k == name for k in fields[0])
        error = f"cannot {'delete' if hook_name == '__delattr__' else 'assign to'} field '{name}'"
        when = None if is_field else f"type(instance) is {static.qualname_of(hook.owner)}"
        return [
            Branch(
                when,
                "attribute-error",
                hook.owner,
                f"{static.qualname_of(hook.owner)} is a frozen dataclass: its generated {hook_name} raises "
                "dataclasses.FrozenInstanceError",
                error,
            )
        ]
    return []


def _through_hook(hooks: tuple[Hook, ...], hook_name: str, default: list[Branch]) -> list[Branch]:
    """The default branches of a write or delete, after the class's own ``__setattr__``/``__delattr__`` if any.

    A ``__setattr__`` written in Python runs for every assignment: it comes
    first (outcome ``setattr-hook``); the default order follows as what
    happens where it calls ``object.__setattr__``.
    """
    hook = next((h for h in hooks if h.hook == hook_name and not h.on_metaclass and h.kind == "python"), None)
    if hook is None:
        return default
    q = static.qualname_of(hook.owner)
    verb = "assignment" if hook_name == "__setattr__" else "deletion"
    if hook.falls_back:
        then = f"where it calls object.{hook_name}, Python does what follows"
    elif hook.falls_back is False:
        then = f"its code calls no default {hook_name}: where the value goes is decided by its code"
    else:
        then = "its source cannot be read: what it does is unknown"
    first = Branch(
        None,
        "setattr-hook" if hook_name == "__setattr__" else "delattr-hook",
        hook.owner,
        f"{q}.{hook_name} runs for every {verb} (instance.{hook_name}(name, ...)); {then}",
    )
    when = f"{q}.{hook_name} calls object.{hook_name}"
    return [
        first,
        *(
            Branch(f"{when} and {b.when}" if b.when else when, b.outcome, b.defined_in, b.explanation, b.error)
            for b in default
        ),
    ]


def _class_read(cls: type, name: str, found: AttributeInfo | None, meta_found: AttributeInfo | None) -> list[Branch]:
    meta = type(cls)
    q = static.qualname_of(cls)
    if meta_found is not None and meta_found.info.kind == "data" and meta_found.info.has_get:
        return [
            Branch(
                None,
                "metaclass-data-descriptor",
                meta_found.owner,
                f"the metaclass's data descriptor {_label(meta_found)} wins: Python calls "
                f"type(descriptor).__get__(descriptor, {q}, {static.qualname_of(meta)})",
            )
        ]
    if found is not None:
        if found.info.has_get:
            return [
                Branch(
                    None,
                    "class-descriptor",
                    found.owner,
                    f"the {found.info.kind} descriptor {_label(found)}: Python calls "
                    f"type(descriptor).__get__(descriptor, None, {q})",
                )
            ]
        return [
            Branch(
                None,
                "class-attribute",
                found.owner,
                f"{static.qualname_of(found.owner)}.{name} ({found.info.type_name}) is returned as it is",
            )
        ]
    if meta_found is not None:
        if meta_found.info.has_get:
            how = (
                f"the metaclass's non-data descriptor {_label(meta_found)}: Python calls "
                f"type(descriptor).__get__(descriptor, {q}, {static.qualname_of(meta)})"
            )
        else:
            how = f"the metaclass attribute {static.qualname_of(meta_found.owner)}.{name} is returned as it is"
        return [Branch(None, "metaclass-attribute", meta_found.owner, how)]
    meta_getattr = static.static_lookup(meta, "__getattr__")
    if meta_getattr is not None:
        return [
            Branch(
                None,
                "metaclass-getattr",
                meta_getattr[0],
                f"nothing on either MRO: Python calls {static.qualname_of(meta_getattr[0])}.__getattr__({q}, {name!r})",
            )
        ]
    return [
        Branch(
            None,
            "attribute-error",
            None,
            "nothing on the class's MRO nor on the metaclass's: AttributeError",
            f"type object '{static.name_of(cls)}' has no attribute '{name}'",
        )
    ]


def _self_targets(node: ast.AST, receiver: str, name: str) -> Iterator[int]:
    """Line numbers of ``receiver.NAME = / += / : T =`` assignments inside *node*."""
    for sub in ast.walk(node):
        targets: list[ast.expr] = []
        if isinstance(sub, ast.Assign):
            targets = list(sub.targets)
        elif isinstance(sub, (ast.AugAssign, ast.AnnAssign)):
            targets = [sub.target]
        flat: list[ast.expr] = []
        while targets:
            target = targets.pop()
            if isinstance(target, (ast.Tuple, ast.List)):
                targets.extend(target.elts)
            elif isinstance(target, ast.Starred):
                targets.append(target.value)
            else:
                flat.append(target)
        for target in flat:
            if (
                isinstance(target, ast.Attribute)
                and target.attr == name
                and isinstance(target.value, ast.Name)
                and target.value.id == receiver
            ):
                yield target.lineno


def instance_assignments(cls: type, name: str) -> tuple[InstanceAssignment, ...]:
    """Methods of the classes on *cls*'s MRO that assign ``self.NAME``, read from their source (never run)."""
    from pyinspect_cli.core.hooks import class_statement

    found: list[InstanceAssignment] = []
    for klass in static.mro_of(cls):
        if not static.is_heap_type(klass):
            continue
        try:
            statement = class_statement(klass)
        except Exception:  # pragma: no cover - unreadable source is not an error
            statement = None
        if statement is None:
            continue
        filename, node = statement
        for item in node.body:
            if not isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) or not item.args.args:
                continue
            receiver = item.args.args[0].arg
            for lineno in _self_targets(item, receiver, name):
                found.append(InstanceAssignment(klass, item.name, filename, lineno))
    return tuple(found)


def resolve_attribute(cls: type, name: str) -> Resolution:
    """Work out every access to *name* on *cls* and its instances, statically."""
    meta = type(cls)
    found = find_attribute(cls, name)
    meta_found = find_attribute(meta, name)
    has_dict = static.layout_of(cls)[2] != 0
    hooks = _hooks(cls)
    getattr_hit = static.static_lookup(cls, "__getattr__")
    getattr_owner = getattr_hit[0] if getattr_hit is not None else None
    read = _read(cls, name, found, has_dict, getattr_owner)
    write = _frozen_branches(name, hooks, "__setattr__")
    if not write or write[0].when is not None:
        write += _through_hook(hooks, "__setattr__", _change(cls, name, found, has_dict, delete=False))
    delete = _frozen_branches(name, hooks, "__delattr__")
    if not delete or delete[0].when is not None:
        delete += _through_hook(hooks, "__delattr__", _change(cls, name, found, has_dict, delete=True))
    return Resolution(
        cls=cls,
        name=name,
        metaclass=meta,
        found=found,
        meta_found=meta_found,
        walk=_walk(cls, name),
        meta_walk=_walk(meta, name),
        has_instance_dict=has_dict,
        read=tuple(read),
        write=tuple(write),
        delete=tuple(delete),
        class_read=tuple(_class_read(cls, name, found, meta_found)),
        hooks=hooks,
        assignments=instance_assignments(cls, name) if found is None else (),
    )
