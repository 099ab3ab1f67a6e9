"""Class-creation hooks, read from class namespaces and from source, never run.

A class statement runs more than ``type.__new__``: the bases'
``__init_subclass__`` (with the statement's keyword arguments),
``__set_name__`` of every descriptor in the body, ``__mro_entries__`` of base
expressions that are not classes (``Generic[T]``), and the metaclass's hooks.
This module finds where each of them is defined and what the hook bodies do
with the class they receive (store it in a container, cache an instance of it),
by reading the classes' ``__dict__`` through :mod:`~pyinspect_cli.core.static`
and the hooks' source with :mod:`ast`. Nothing is called.
"""

from __future__ import annotations

import ast
import sys
import types
from collections.abc import Iterable, Sequence

from pyinspect_cli.core import static
from pyinspect_cli.core.functions import (
    CO_VARKEYWORDS,
    MISSING,
    dotted,
    function_of,
    resolve_in_function,
    unwrap_method,
)
from pyinspect_cli.core.paths import display_path
from pyinspect_cli.core.record import Record
from pyinspect_cli.core.source import (
    SourceFile,
    class_statement,
    code_node,
    function_node,
    module_file,
    parse_source,
    segment,
    source_file,
)

__all__ = [
    "ClassGetItem",
    "ClassKeywords",
    "ContainerWrite",
    "ExternalTarget",
    "HookBody",
    "HooksReport",
    "InitSubclassHook",
    "MroEntries",
    "SetNameOwner",
    "SourceFile",
    "analyse_hook",
    "class_statement",
    "code_node",
    "creation_receivers",
    "find_hooks",
    "function_of",
    "hook_id",
    "parse_source",
    "source_file",
]

_function_code = types.FunctionType.__dict__["__code__"].__get__


# ---------------------------------------------------------------------------
# Safe comparisons


def is_one_of(tp: type, candidates: Iterable[type]) -> bool:
    """``tp in candidates`` by identity: ``in`` compares with ``==``, which a metaclass may override."""
    return any(tp is c for c in candidates)


def safe_describe(value: object) -> str:
    """:func:`~pyinspect_cli.core.static.describe`, guarded against types whose metaclass is not ``type``.

    ``describe`` tests ``type(value) in (...)``; that comparison would call a
    custom metaclass's ``__eq__``. Instances of such classes are described by
    their class alone.
    """
    if static.is_class(value):
        return static.class_id(value)  # type: ignore[arg-type]
    tp = type(value)
    if type(tp) is not type:
        return f"<{static.class_id(tp)} instance>"
    return static.describe(value)


# ---------------------------------------------------------------------------
# Source


def relative_location(text: str | None) -> str | None:
    """``file:line`` with the file relative to the current directory when it is below it."""
    if text is None:
        return None
    filename, _, line = text.rpartition(":")
    return f"{display_path(filename)}:{line}"


# ---------------------------------------------------------------------------
# What a hook body does


class ContainerWrite(Record):
    """A statement in a hook that stores the class (or an instance of it) in a container.

    ``holder`` is the container expression as written (``mcs._registry``),
    ``attribute`` its last attribute name (``_registry``) or ``None`` for a
    bare name, ``via`` how it is stored (``"item"``: ``holder[key] = ...``,
    ``"append"``, ``"add"``, ``"setdefault"``, ``"update"``, ``"attribute"``:
    ``cls._instance = ...``). ``key`` is the key expression when there is
    one. ``lock`` is the ``with`` expression guarding the statement when one
    looks like a lock (its text names a lock).
    """

    holder: str
    attribute: str | None
    via: str
    key: str | None
    filename: str
    line: int
    lock: str | None


class ExternalTarget(Record):
    """Where a hook stores the class outside the class itself, resolved without running code.

    ``location`` is ``"module:name"`` of a module-level container (or
    ``"module:Class.attribute"``); ``value`` the container or registry object
    found there; ``via`` how the class gets there (``"item"``, ``"append"``,
    ``"register"``: through a registering function or method, such as
    marshmallow's ``class_registry.register(name, cls)``).
    """

    location: str
    value: object
    via: str
    filename: str
    line: int


class HookBody(Record):
    """What a hook's source shows.

    ``records`` are statements that store the class itself (registries);
    ``caches`` store an instance created by ``super().__call__``/
    ``type.__call__`` keyed by the class, or on it (singletons);
    ``creates_instance`` whether the body calls ``__call__`` of a super class.
    ``source`` is ``"file:line"`` of the ``def``, ``None`` without source.
    """

    records: tuple[ContainerWrite, ...]
    caches: tuple[ContainerWrite, ...]
    creates_instance: bool
    source: str | None
    external: tuple[ExternalTarget, ...] = ()


_NO_BODY = HookBody((), (), False, None)

#: method and function names that register what they are given (``registry.register(name, cls)``)
REGISTER_NAMES = ("register", "add_class", "register_class", "add")


def _params(node: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    args = node.args
    return [a.arg for a in (*args.posonlyargs, *args.args)]


def _is_super_call(call: ast.AST, method: str) -> bool:
    """``super().method(...)``, ``super(X, y).method(...)``, ``type.method(...)`` or ``Base.method(...)``."""
    if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Attribute) or call.func.attr != method:
        return False
    owner = call.func.value
    if isinstance(owner, ast.Call) and isinstance(owner.func, ast.Name) and owner.func.id == "super":
        return True
    return isinstance(owner, (ast.Name, ast.Attribute))


def _looks_like_lock(text: str) -> bool:
    lowered = text.lower()
    return any(word in lowered for word in ("lock", "mutex", "semaphore", "condition", "guard"))


def _walk_with_locks(body: Sequence[ast.stmt], filename: str) -> Iterable[tuple[ast.AST, str | None]]:
    """Every node of a function body with the lock-like ``with`` expression around it, if any."""
    stack: list[tuple[ast.AST, str | None]] = [(stmt, None) for stmt in reversed(body)]
    while stack:
        node, lock = stack.pop()
        yield node, lock
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        inner_lock = lock
        if isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                text = segment(filename, item.context_expr)
                if _looks_like_lock(text):
                    inner_lock = text
        children = list(ast.iter_child_nodes(node))
        for child in reversed(children):
            in_body = isinstance(node, (ast.With, ast.AsyncWith)) and child in node.body
            stack.append((child, inner_lock if in_body else lock))


def _holder(expr: ast.AST) -> tuple[ast.AST, str | None] | None:
    """The container expression of ``X.attr`` / ``name`` / ``X.attr[k]`` (nested registries)."""
    if isinstance(expr, ast.Attribute):
        return expr, expr.attr
    if isinstance(expr, ast.Name):
        return expr, None
    if isinstance(expr, ast.Subscript):  # registry[kind][name] = cls
        return _holder(expr.value)
    if (
        isinstance(expr, ast.Call)
        and isinstance(expr.func, ast.Attribute)
        and expr.func.attr in ("setdefault", "get", "__getitem__")
    ):  # registry.setdefault(kind, []).append(cls)
        return _holder(expr.func.value)
    return None


def _acquires_lock(body: Sequence[ast.stmt], filename: str) -> str | None:
    for node in ast.walk(ast.Module(body=list(body), type_ignores=[])):
        if (
            isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "acquire"
        ):  # the lock protocol, whatever the lock is called
            return segment(filename, node.func.value)
    return None


def _location(func: types.FunctionType, text: str) -> str:
    """``module:name`` of a name read in *func*'s globals (its module), for display."""
    glb = static.module_dict(sys.modules.get(func.__module__ or "")) if func.__module__ else None
    module = func.__module__ if glb is not None else "?"
    return f"{module}:{text}"


def _external_of(
    holder: ast.AST, func: types.FunctionType, via: str, filename: str, line: int
) -> ExternalTarget | None:
    """The module-level container (or registry object) a bare or dotted holder names in *func*'s scope."""
    parts = dotted(holder)
    if parts is None or parts[0] in ("self", "cls", "mcs", "mcls", "metacls"):
        return None
    value = resolve_in_function(parts, func)
    if value is MISSING or static.is_class(value) or static.module_dict(value) is not None:
        return None
    if type(value) is types.FunctionType or type(value) is types.BuiltinFunctionType:
        return None
    text = ".".join(parts)
    head = resolve_in_function(parts[:1], func)
    module_ns = static.module_dict(head)
    if module_ns is not None and len(parts) > 1:
        name = module_ns.get("__name__")
        location = f"{name}:{'.'.join(parts[1:])}" if type(name) is str else text
    else:
        location = _location(func, text)
    return ExternalTarget(location, value, via, filename, line)


def _follow_register(
    callee: ast.AST, func: types.FunctionType, index: int, filename: str, line: int, depth: int
) -> list[ExternalTarget]:
    """What a registering call (``class_registry.register(name, cls)``) does with the class, one level deep.

    A function is read like a hook whose class is its parameter at *index*;
    a method of an object (``registry.register(cls)``) makes the object the registry.
    """
    parts = dotted(callee)
    if parts is None:
        return []
    target = resolve_in_function(parts, func)
    if type(target) is types.FunctionType and depth < 2:
        body = _analyse(target, role="register", class_index=index, depth=depth + 1)
        return list(body.external)
    if len(parts) > 1:
        holder = ast.Name(parts[0]) if len(parts) == 2 else None
        if holder is None:
            holder_expr: ast.AST = callee
            assert isinstance(holder_expr, ast.Attribute)
            found = _external_of(holder_expr.value, func, "register", filename, line)
        else:
            found = _external_of(holder, func, "register", filename, line)
        return [found] if found is not None else []
    return []


def analyse_hook(value: object, *, role: str) -> HookBody:
    """Read a hook's source and find where it stores the class or an instance of it.

    *role* names the hook: ``"__new__"`` (the class is the value returned by
    ``super().__new__``/``type.__new__``), ``"__init__"`` or
    ``"__init_subclass__"`` (the class is the first parameter), ``"__call__"``
    (instances created by ``super().__call__`` are looked for).
    """
    func = function_of(value)
    if func is None:
        return _NO_BODY
    return _analyse(func, role=role, class_index=0, depth=0)


def _analyse(func: types.FunctionType, *, role: str, class_index: int, depth: int) -> HookBody:
    found = function_node(func)
    if found is None:
        return _NO_BODY
    filename, node = found
    params = _params(node)
    source = f"{filename}:{node.lineno}"
    # Names bound to the class being created / an instance of it.
    class_names: set[str] = set()
    instance_names: set[str] = set()
    if role in ("__init__", "__init_subclass__", "__call__") and params:
        class_names.add(params[0])
    if role == "register" and len(params) > class_index:
        class_names.add(params[class_index])
    creates = False
    for sub in ast.walk(node):
        if isinstance(sub, (ast.Assign, ast.AnnAssign, ast.NamedExpr)):
            value_node = sub.value
            targets = sub.targets if isinstance(sub, ast.Assign) else [sub.target]
            if value_node is None:
                continue
            if role == "__new__" and _is_super_call(value_node, "__new__"):
                class_names.update(t.id for t in targets if isinstance(t, ast.Name))
            if role == "__call__" and _is_super_call(value_node, "__call__"):
                instance_names.update(t.id for t in targets if isinstance(t, ast.Name))
        if isinstance(sub, ast.Call) and role == "__call__" and _is_super_call(sub, "__call__"):
            creates = True

    def is_class_expr(expr: ast.AST | None) -> bool:
        return isinstance(expr, ast.Name) and expr.id in class_names

    def holds_class(expr: ast.AST | None) -> bool:
        """The class itself, or a list/tuple/set literal holding it (``registry[name] = [cls]``)."""
        if isinstance(expr, (ast.List, ast.Tuple, ast.Set)):
            return any(is_class_expr(e) for e in expr.elts)
        return is_class_expr(expr)

    external: list[ExternalTarget] = []

    def is_instance_expr(expr: ast.AST | None) -> bool:
        if isinstance(expr, ast.Name) and expr.id in instance_names:
            return True
        return expr is not None and role == "__call__" and _is_super_call(expr, "__call__")

    records: list[ContainerWrite] = []
    caches: list[ContainerWrite] = []
    acquired = _acquires_lock(node.body, filename)

    def add(
        target: list[ContainerWrite], holder_expr: ast.AST, via: str, key: ast.AST | None, at: ast.AST, lock: str | None
    ) -> None:
        hold = _holder(holder_expr)
        if hold is None:
            return
        expr, attribute = hold
        if target is records:
            outside = _external_of(expr, func, via, filename, getattr(at, "lineno", node.lineno))
            if outside is not None:
                external.append(outside)
        target.append(
            ContainerWrite(
                holder=segment(filename, expr),
                attribute=attribute,
                via=via,
                key=segment(filename, key) if key is not None else None,
                filename=filename,
                line=getattr(at, "lineno", node.lineno),
                lock=lock or acquired,
            )
        )

    for sub, lock in _walk_with_locks(node.body, filename):
        if isinstance(sub, (ast.Assign, ast.AnnAssign)):
            targets = sub.targets if isinstance(sub, ast.Assign) else [sub.target]
            for target in targets:
                if isinstance(target, ast.Subscript):
                    if holds_class(sub.value):
                        add(records, target.value, "item", target.slice, sub, lock)
                    elif role == "__call__" and is_instance_expr(sub.value) and is_class_expr(target.slice):
                        add(caches, target.value, "item", target.slice, sub, lock)
                elif (
                    isinstance(target, ast.Attribute)
                    and role == "__call__"
                    and is_instance_expr(sub.value)
                    and is_class_expr(target.value)
                ):
                    add(caches, target, "attribute", None, sub, lock)
        elif isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute):
            method = sub.func.attr
            args = sub.args
            if method in ("append", "add", "appendleft", "insert") and args and is_class_expr(args[-1]):
                add(records, sub.func.value, method, None, sub, lock)
            elif method == "setdefault" and len(args) == 2:
                if is_class_expr(args[1]):
                    add(records, sub.func.value, "setdefault", args[0], sub, lock)
                elif role == "__call__" and is_class_expr(args[0]) and is_instance_expr(args[1]):
                    add(caches, sub.func.value, "setdefault", args[0], sub, lock)
            elif method == "update" and args and isinstance(args[0], ast.Dict):
                for k, v in zip(args[0].keys, args[0].values, strict=False):
                    if is_class_expr(v):
                        add(records, sub.func.value, "update", k, sub, lock)
            elif (method in REGISTER_NAMES or method.startswith("register")) and any(is_class_expr(a) for a in args):
                # `X.register(cls)`, `class_registry.register(name, cls)`: the class in any position
                index = next(i for i, a in enumerate(args) if is_class_expr(a))
                add(records, sub.func.value, "register", None, sub, lock)
                external.extend(_follow_register(sub.func, func, index, filename, sub.lineno, depth))
        if (
            isinstance(sub, ast.Call)
            and any(is_class_expr(a) for a in sub.args)
            and not (isinstance(sub.func, ast.Attribute) and sub.func.attr in REGISTER_NAMES)
        ):
            # `configure(cls._sa_registry, cls, ...)`: the class handed over together with an object it
            # holds (SQLAlchemy's DeclarativeBase maps each subclass into cls._sa_registry).
            for a in sub.args:
                if isinstance(a, ast.Attribute) and is_class_expr(a.value) and not a.attr.startswith("__"):
                    add(records, a, "passed", None, sub, lock)
        if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Name) and sub.func.id in REGISTER_NAMES:
            args = sub.args
            if any(is_class_expr(a) for a in args):  # `register(name, cls)`, a function of the module
                index = next(i for i, a in enumerate(args) if is_class_expr(a))
                external.extend(_follow_register(sub.func, func, index, filename, sub.lineno, depth))
    if role != "__call__":
        caches = []
        creates = False
    unique: list[ExternalTarget] = []
    for item in external:
        if not any(u.value is item.value for u in unique):
            unique.append(item)
    return HookBody(tuple(records), tuple(caches), creates, source, tuple(unique))


# ---------------------------------------------------------------------------
# Hooks of the class statement


class InitSubclassHook(Record):
    """A class that defines ``__init_subclass__``; ``parameters`` are its keyword parameters.

    ``library`` is true for a class outside the analysed ones whose hook runs
    when one of them is created (the first ``__init_subclass__`` after it on its
    MRO): SQLAlchemy's ``DeclarativeBase`` maps every model that way.
    ``subclasses`` are the analysed classes it runs for.
    """

    owner: type
    parameters: tuple[str, ...]
    body: HookBody
    subclasses: tuple[type, ...]
    library: bool = False


class ClassKeywords(Record):
    """Keyword arguments a ``class`` statement passed (read from its source).

    ``receivers`` are the hooks they go to: the metaclass's ``__new__``/
    ``__init__``/``__prepare__`` when it overrides them, and the first
    ``__init_subclass__`` on the MRO after the class, as ``"module:Class.hook"``.
    """

    cls: type
    keywords: tuple[tuple[str, str], ...]
    receivers: tuple[str, ...]


class SetNameOwner(Record):
    """A class attribute whose type defines ``__set_name__`` (it learns its name at class creation)."""

    owner: type
    attribute: str
    descriptor: type
    hook_owner: type


class ClassGetItem(Record):
    """A class that can be subscripted (``Box[int]``) and where its ``__class_getitem__`` is defined."""

    cls: type
    hook_owner: type


class MroEntries(Record):
    """A class whose base list held non-classes turned into bases by ``__mro_entries__``.

    ``written`` describes each original base object; ``hook_owners`` the
    types whose ``__mro_entries__`` were used; ``defines`` is true when the
    class itself defines ``__mro_entries__`` (its instances can be bases).
    """

    cls: type
    written: tuple[str, ...]
    hook_owners: tuple[type, ...]
    bases: tuple[type, ...]
    defines: bool


class HooksReport(Record):
    """Every class-creation hook found among a set of classes."""

    init_subclass: tuple[InitSubclassHook, ...]
    keywords: tuple[ClassKeywords, ...]
    set_name: tuple[SetNameOwner, ...]
    class_getitem: tuple[ClassGetItem, ...]
    mro_entries: tuple[MroEntries, ...]


def hook_id(owner: type, name: str) -> str:
    """``"module:Class.hook"``."""
    return f"{static.class_id(owner)}.{name}"


def _keyword_params(value: object) -> tuple[str, ...]:
    func = function_of(value)
    if func is None:
        return ()
    code = _function_code(func)
    names = code.co_varnames[: code.co_argcount + code.co_kwonlyargcount]
    extra: tuple[str, ...] = ()
    if code.co_flags & CO_VARKEYWORDS:
        extra = ("**" + code.co_varnames[code.co_argcount + code.co_kwonlyargcount + bool(code.co_flags & 0x04)],)
    return tuple(names[1:]) + extra


def _receivers(cls: type) -> tuple[str, ...]:
    receivers: list[str] = []
    meta = type(cls)
    for name in ("__prepare__", "__new__", "__init__"):
        found = static.static_lookup(meta, name)
        if found is not None and found[0] is not type and found[0] is not object:
            receivers.append(hook_id(found[0], name))
    for klass in static.mro_of(cls)[1:]:
        if "__init_subclass__" in static.dict_of(klass):
            receivers.append(hook_id(klass, "__init_subclass__"))
            break
    return tuple(receivers)


def creation_receivers(cls: type) -> tuple[str, ...]:
    """The hooks that run when *cls*'s class statement runs, as ``"module:Class.hook"``.

    The metaclass's ``__prepare__``, ``__new__`` and ``__init__`` when they are
    not :class:`type`'s own, then the ``__init_subclass__`` that receives the
    class (the first one after *cls* in its MRO).
    """
    return _receivers(cls)


def _keywords_possible(cls: type) -> bool:
    """Whether *cls*'s class statement can have carried keywords other than ``metaclass``.

    CPython hands them to the metaclass and, through ``type.__new__``, to the
    ``__init_subclass__`` the class inherits; ``object``'s takes none, nor does a
    plain ``def __init_subclass__(cls)`` (the statement would have raised). So a
    class made by ``type`` itself whose inherited ``__init_subclass__`` takes no
    keyword had none -- unless a callable ``metaclass=`` took them and made the
    class with ``type()``, which needs the word in the module's source. Reading
    the text is much cheaper than parsing it.
    """
    if type(cls) is not type:
        return True
    for klass in static.mro_of(cls)[1:]:
        ns = static.dict_of(klass)
        if "__init_subclass__" in ns:
            if klass is not object:
                hook = ns["__init_subclass__"]
                func = function_of(hook)
                if func is None or func is not unwrap_method(hook) or _keyword_params(hook):
                    return True
            break
    filename = module_file(static.module_of(cls))
    entry = source_file(filename) if filename is not None else None
    return entry is not None and "metaclass" in entry.text


def class_keywords(cls: type) -> tuple[tuple[str, str], ...] | None:
    """The ``name=value`` keywords of *cls*'s class statement, except ``metaclass`` (``None``: no source)."""
    if not _keywords_possible(cls):
        return ()
    found = class_statement(cls)
    if found is None:
        return None
    filename, node = found
    out: list[tuple[str, str]] = []
    for kw in node.keywords:
        if kw.arg == "metaclass":
            continue
        out.append((kw.arg if kw.arg is not None else "**", segment(filename, kw.value)))
    return tuple(out)


def find_hooks(classes: Sequence[type]) -> HooksReport:
    """Class-creation hooks defined by, or used in the creation of, *classes*."""
    init_subclass: list[InitSubclassHook] = []
    keywords: list[ClassKeywords] = []
    set_name: list[SetNameOwner] = []
    getitem: list[ClassGetItem] = []
    entries: list[MroEntries] = []
    for cls in classes:
        ns = static.dict_of(cls)
        if "__init_subclass__" in ns:
            value = ns["__init_subclass__"]
            subs = tuple(c for c in classes if c is not cls and any(k is cls for k in static.mro_of(c)[1:]))
            init_subclass.append(
                InitSubclassHook(cls, _keyword_params(value), analyse_hook(value, role="__init_subclass__"), subs)
            )
        kws = class_keywords(cls)
        if kws:
            keywords.append(ClassKeywords(cls, kws, _receivers(cls)))
        for attr, value in ns.items():
            if type(attr) is not str or static.is_class(value):
                continue
            hook = static.type_lookup(value, "__set_name__")
            if hook is not None:
                set_name.append(SetNameOwner(cls, attr, type(value), hook[0]))
        if "__class_getitem__" in ns:
            getitem.append(ClassGetItem(cls, cls))
        else:
            params = ns.get("__parameters__")
            if type(params) is tuple and params:
                found = static.static_lookup(cls, "__class_getitem__")
                if found is not None:
                    getitem.append(ClassGetItem(cls, found[0]))
        orig = ns.get("__orig_bases__")
        defines = "__mro_entries__" in ns
        if type(orig) is tuple or defines:
            written: list[str] = []
            owners: list[type] = []
            for base in orig if type(orig) is tuple else ():
                if static.is_class(base):
                    continue
                written.append(_describe_base(base))
                hook = static.type_lookup(base, "__mro_entries__")
                if hook is not None and not any(o is hook[0] for o in owners):
                    owners.append(hook[0])
            if written or defines:
                entries.append(MroEntries(cls, tuple(written), tuple(owners), static.bases_of(cls), defines))
    init_subclass.extend(_library_init_subclass(classes))
    return HooksReport(tuple(init_subclass), tuple(keywords), tuple(set_name), tuple(getitem), tuple(entries))


def _library_init_subclass(classes: Sequence[type]) -> list[InitSubclassHook]:
    """``__init_subclass__`` hooks of classes outside *classes* that run when one of them is created."""
    owners: list[type] = []
    runs_for: dict[int, list[type]] = {}
    for cls in classes:
        for klass in static.mro_of(cls)[1:]:
            if klass is object or "__init_subclass__" not in static.dict_of(klass):
                continue
            if not any(klass is c for c in classes):
                if id(klass) not in runs_for:
                    owners.append(klass)
                    runs_for[id(klass)] = []
                runs_for[id(klass)].append(cls)
            break
    out: list[InitSubclassHook] = []
    for owner in owners:
        value = static.dict_of(owner)["__init_subclass__"]
        body = analyse_hook(value, role="__init_subclass__")
        out.append(InitSubclassHook(owner, _keyword_params(value), body, tuple(runs_for[id(owner)]), library=True))
    return out


def _describe_base(base: object) -> str:
    """``typing.Generic[T]``-like objects: their type and origin, never their repr."""
    tp = type(base)
    text = safe_describe(base)
    if static.module_of(tp) != "typing":
        return text
    ns = static.instance_dict(base)
    if ns is not None:
        origin = ns.get("__origin__")
        if origin is not None and static.is_class(origin):
            return f"{static.class_id(origin)}[…] ({static.name_of(tp)})"
    return text
