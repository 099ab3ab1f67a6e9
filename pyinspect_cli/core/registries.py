"""Registries: class-level containers of classes, filled by metaclasses and class hooks.

A registry is a container held in the ``__dict__`` of a metaclass or a class
whose keys or values are classes (or instances of the analysed modules'
classes): a metaclass's ``channels = {"email": Email}``, a base class's
``plugins`` filled by ``__init_subclass__``, a singleton metaclass's
``_instances``, an ABC's virtual subclasses (``ABC.register``).

Containers are read without running their code: exact ``dict``, ``list``,
``tuple``, ``set``, ``frozenset``, ``collections.deque``/``OrderedDict``/
``defaultdict`` through their C methods, ``weakref.WeakValueDictionary``/
``WeakKeyDictionary``/``WeakSet`` through the plain ``dict``/``set`` they keep
in ``data``. Any other container type (a ``dict`` subclass, a user
``Mapping``) is listed as skipped: iterating it would run its code. Keys and
values are described with :func:`~pyinspect_cli.core.static.describe`, never
``repr()``; nothing is hashed or compared.
"""

from __future__ import annotations

import collections
import types
import weakref
from collections.abc import Iterable, Sequence
from typing import Any

from pyinspect_cli.core import static
from pyinspect_cli.core.hooks import (
    ExternalTarget,
    HooksReport,
    analyse_hook,
    find_hooks,
    hook_id,
    is_one_of,
    safe_describe,
)
from pyinspect_cli.core.metaclasses import MetaclassUsage, metaclass_usage
from pyinspect_cli.core.record import Record

__all__ = [
    "ExternalRegistry",
    "ModuleResult",
    "RegistriesReport",
    "Registry",
    "RegistryEntry",
    "SkippedContainer",
    "analyse_classes",
    "read_container",
]

_ref_call = weakref.ref.__call__

_SEQUENCES: tuple[type, ...] = (list, tuple, collections.deque)
_SETS: tuple[type, ...] = (set, frozenset)
_MAPPINGS: tuple[type, ...] = (dict, collections.OrderedDict, collections.defaultdict)
_WEAK: tuple[type, ...] = (weakref.WeakValueDictionary, weakref.WeakKeyDictionary, weakref.WeakSet)
#: builtin container types whose subclasses are reported as skipped (they may hold classes)
_CONTAINER_BASES: tuple[type, ...] = (dict, list, set, frozenset, collections.deque)

_NO_KEY = object()


class RegistryEntry(Record):
    """One item of a registry, described safely.

    ``key`` is ``None`` for sequences and sets. ``kind`` is ``"class"`` (the
    value, or the key, is a class), ``"instance"`` (the value is an instance
    of a class from the analysed modules), ``"classes"`` (the value is a
    list/tuple/set of classes) or ``"data"``. ``key_class``/``value_class``
    are the ``"module:qualname"`` of the key/value when they are classes, or
    of the value's class when it is an instance.
    """

    key: str | None
    value: str
    kind: str
    key_class: str | None
    value_class: str | None


class Registry(Record):
    """A class-level container of classes.

    ``container`` names its type (``dict``, ``WeakValueDictionary``,
    ``abc registry``). ``filled_by`` lists the hooks whose source stores
    classes (or cached instances) in it, as ``"module:Class.hook"``.
    ``role`` is ``"classes"``, ``"instances"`` (a singleton cache: class ->
    instance) or ``"virtual subclasses"`` (``ABC.register``).
    """

    owner: type
    attribute: str
    container: str
    entries: tuple[RegistryEntry, ...]
    filled_by: tuple[str, ...]
    role: str


class ExternalRegistry(Record):
    """A registry that class-creation machinery fills outside the classes themselves.

    ``location`` is ``"module:name"`` (a module-level dict or list, such as
    marshmallow's ``marshmallow.class_registry:_registry``, or a registry
    object held there); ``container`` its type; ``entries`` what it holds
    now; ``filled_by`` the hooks (``"module:Class.hook"``) whose code stores
    the class there, directly or through a registering function.
    """

    location: str
    container: str
    entries: tuple[RegistryEntry, ...]
    filled_by: tuple[str, ...]


class SkippedContainer(Record):
    """A class-level container that was not read, and why."""

    owner: type
    attribute: str
    container: str
    reason: str


class ModuleResult(Record):
    """A module of the analysis: ``status`` is ``"ok"`` or ``"error"`` (it could not be imported)."""

    name: str
    status: str
    message: str | None = None
    classes: int = 0


class RegistriesReport(Record):
    """Metaclasses, class-creation hooks and registries of a set of classes."""

    metaclasses: tuple[MetaclassUsage, ...]
    hooks: HooksReport
    registries: tuple[Registry, ...]
    skipped: tuple[SkippedContainer, ...]
    external: tuple[ExternalRegistry, ...] = ()


# ---------------------------------------------------------------------------
# Reading containers


def read_container(value: object) -> tuple[str, list[tuple[Any, Any]]] | None:
    """``(type name, [(key, value), ...])`` of a container read without running its code.

    Keys are ``_NO_KEY`` for sequences and sets. ``None`` when *value* is not a
    container type this module can read safely. Dead weak references are
    left out.
    """
    tp = type(value)
    name = static.name_of(tp)
    if is_one_of(tp, _MAPPINGS):
        return name, list(dict.items(value))  # type: ignore[arg-type]
    if tp is list or tp is tuple:
        return name, [(_NO_KEY, v) for v in value]  # type: ignore[attr-defined]
    if tp is collections.deque:
        queue: Any = value
        return name, [(_NO_KEY, v) for v in collections.deque.__iter__(queue)]
    if is_one_of(tp, _SETS):
        return name, [(_NO_KEY, v) for v in value]  # type: ignore[attr-defined]
    if is_one_of(tp, _WEAK):
        ns = static.instance_dict(value)
        data = ns.get("data") if ns is not None else None
        items: list[tuple[Any, Any]] = []
        if tp is weakref.WeakValueDictionary and type(data) is dict:
            for key, ref in dict.items(data):
                target = _deref(ref)
                if target is not _NO_KEY:
                    items.append((key, target))
            return name, items
        if tp is weakref.WeakKeyDictionary and type(data) is dict:
            for ref, item in dict.items(data):
                target = _deref(ref)
                if target is not _NO_KEY:
                    items.append((target, item))
            return name, items
        if tp is weakref.WeakSet and type(data) is set:
            for ref in data:
                target = _deref(ref)
                if target is not _NO_KEY:
                    items.append((_NO_KEY, target))
            return name, items
    return None


def _deref(ref: object) -> Any:
    if not static.is_subclass(type(ref), weakref.ref):
        return _NO_KEY
    target = _ref_call(ref)  # type: ignore[arg-type]
    return _NO_KEY if target is None else target


def _looks_like_container(value: object) -> bool:
    tp = type(value)
    if is_one_of(tp, (*_MAPPINGS, *_SEQUENCES, *_SETS, *_WEAK)):
        return False
    return any(static.is_subclass(tp, base) for base in _CONTAINER_BASES) or _is_abc_container(tp)


def _is_abc_container(tp: type) -> bool:
    import collections.abc as cabc

    return any(static.is_subclass(tp, base) for base in (cabc.Mapping, cabc.Set, cabc.MutableSequence))


# ---------------------------------------------------------------------------
# Classifying entries


def _sort_key(entry: RegistryEntry) -> str:
    return f"{entry.key or ''}\0{entry.value}"


def _entry(key: Any, value: Any, modules: frozenset[str]) -> RegistryEntry:
    key_text = None if key is _NO_KEY else safe_describe(key)
    key_class = static.class_id(key) if key is not _NO_KEY and static.is_class(key) else None
    if static.is_class(value):
        return RegistryEntry(key_text, static.class_id(value), "class", key_class, static.class_id(value))
    tp = type(value)
    if is_one_of(tp, (list, tuple, set, frozenset)):
        items = list(value)
        if items and all(static.is_class(v) for v in items):
            ids = (
                sorted(static.class_id(v) for v in items)
                if is_one_of(tp, (set, frozenset))
                else [static.class_id(v) for v in items]
            )
            text = "[" + ", ".join(ids) + "]"
            if len(text) > 200:
                text = text[:199] + "…"
            return RegistryEntry(key_text, text, "classes", key_class, None)
    if static.module_of(tp) in modules:
        return RegistryEntry(key_text, safe_describe(value), "instance", key_class, static.class_id(tp))
    kind = "class" if key_class is not None else "data"
    return RegistryEntry(key_text, safe_describe(value), kind, key_class, None)


def _is_builtin_class_id(text: str | None) -> bool:
    return text is not None and text.startswith("builtins:")


def _qualifies(entries: Sequence[RegistryEntry]) -> bool:
    """Every entry refers to classes (None values aside), and one of them is not a builtin class."""
    if not entries:
        return False
    meaningful = False
    for entry in entries:
        if entry.kind == "data":
            if entry.value == "None":
                continue
            return False
        if entry.kind in ("instance", "classes"):
            meaningful = True
        for text in (entry.key_class, entry.value_class):
            if text is not None and not _is_builtin_class_id(text):
                meaningful = True
    return meaningful


def _role(entries: Sequence[RegistryEntry], writers: Sequence[tuple[str, str]]) -> str:
    if any(kind == "cache" for _, kind in writers):
        return "instances"
    if entries and all(e.key_class is not None and e.kind == "instance" for e in entries):
        return "instances"
    return "classes"


# ---------------------------------------------------------------------------
# Analysis


class _Writer(Record):
    hook: str
    owner: type
    attribute: str
    kind: str  # "record" | "cache"


def _writers(metaclasses: Sequence[MetaclassUsage], hooks: HooksReport) -> list[_Writer]:
    writers: list[_Writer] = []
    for usage in metaclasses:
        for pattern in usage.patterns:
            if pattern.attribute is None:
                continue
            owner = usage.metaclass
            kind = "cache" if pattern.kind == "singleton" else "record"
            writers.append(_Writer(pattern.hook, owner, pattern.attribute, kind))
    for hook in hooks.init_subclass:
        for write in hook.body.records:
            if write.attribute is not None:
                writers.append(_Writer(hook_id(hook.owner, "__init_subclass__"), hook.owner, write.attribute, "record"))
    return writers


def _filled_by(owner: type, attribute: str, writers: Sequence[_Writer]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    value = static.dict_of(owner).get(attribute)
    for w in writers:
        if w.attribute != attribute:
            # another name for the same object (SQLAlchemy's Base.registry is Base._sa_registry)
            hit = static.static_lookup(owner, w.attribute)
            if hit is None or hit[1] is not value or value is None:
                continue
        related = w.owner is owner or static.is_subclass(w.owner, owner) or static.is_subclass(owner, w.owner)
        if related and (w.hook, w.kind) not in found:
            found.append((w.hook, w.kind))
    return found


def registry_object(value: object) -> bool:
    """Whether *value* is a registry object: an instance whose type is named like one or has a register method.

    Decided from its type's namespaces only (``sqlalchemy.orm.registry``, a
    ``PluginRegistry`` with ``register()``); classes, modules and functions are not.
    """
    if value is None or static.is_class(value) or static.module_dict(value) is not None:
        return False
    tp = type(value)
    if static.is_library(tp) or type(value) is types.FunctionType:
        return False
    if "registry" in static.name_of(tp).lower():
        return True
    return any(static.static_lookup(tp, name) is not None for name in ("register", "register_class"))


def read_registry_object(value: object, modules: frozenset[str]) -> list[RegistryEntry]:
    """The classes a registry object holds, from the readable containers in its own ``__dict__``.

    Each entry's key is ``attribute[key]``; only entries that refer to a class are kept.
    """
    ns = static.instance_dict(value)
    if ns is None:
        return []
    entries: list[RegistryEntry] = []
    for attribute, inner in ns.items():
        read = read_container(inner)
        if read is None:
            continue
        for key, item in read[1]:
            entry = _entry(key, item, modules)
            if entry.key_class is None and entry.value_class is None and entry.kind != "classes":
                continue
            shown = f"{attribute}[{entry.key}]" if entry.key is not None else attribute
            entries.append(RegistryEntry(shown, entry.value, entry.kind, entry.key_class, entry.value_class))
    entries.sort(key=_sort_key)
    return entries


def _external(
    metaclasses: Sequence[MetaclassUsage], hooks: HooksReport, modules: frozenset[str], seen: list[object]
) -> list[ExternalRegistry]:
    """Registries outside the classes, found from the code of the metaclass and ``__init_subclass__`` hooks."""
    targets: list[tuple[str, ExternalTarget]] = []
    for usage in metaclasses:
        for name in ("__new__", "__init__"):
            found = static.static_lookup(usage.metaclass, name)
            if found is None or found[0] is type or found[0] is object:
                continue
            body = analyse_hook(found[1], role=name)
            targets.extend((hook_id(found[0], name), t) for t in body.external)
    for hook in hooks.init_subclass:
        targets.extend((hook_id(hook.owner, "__init_subclass__"), t) for t in hook.body.external)
    out: list[ExternalRegistry] = []
    values: list[object] = []
    fillers: dict[int, list[str]] = {}
    locations: dict[int, str] = {}
    for filler, target in targets:
        if any(target.value is v for v in seen):
            continue  # a class attribute, listed with the classes' registries
        key = id(target.value)
        if key not in fillers:
            values.append(target.value)
            fillers[key] = []
            locations[key] = target.location
        if filler not in fillers[key]:
            fillers[key].append(filler)
    for value in values:
        read = read_container(value)
        if read is not None:
            container, items = read
            entries = [_entry(k, v, modules) for k, v in items]
            if is_one_of(type(value), (*_SETS, weakref.WeakSet)):
                entries.sort(key=_sort_key)
        elif registry_object(value):
            container = static.class_id(type(value))
            entries = read_registry_object(value, modules)
        else:
            continue
        out.append(ExternalRegistry(locations[id(value)], container, tuple(entries), tuple(fillers[id(value)])))
    return out


def _abc_registry(cls: type) -> list[type] | None:
    """The virtual subclasses registered on an ABC with ``register()`` (``None``: not readable)."""
    import abc

    ns = static.dict_of(cls)
    impl = ns.get("_abc_impl")
    if impl is None or not static.is_subclass(type(cls), abc.ABCMeta):
        return None
    try:
        import _abc  # type: ignore[import-not-found]
    except ImportError:  # pragma: no cover - the pure-Python abc keeps a WeakSet, read like any other
        return None
    if static.name_of(type(impl)) != "_abc_data":
        return None
    # _abc._get_dump reads cls._abc_impl with a normal attribute lookup: only do it
    # when the metaclass does not customise attribute access.
    for name in ("__getattribute__", "__getattr__"):
        found = static.static_lookup(type(cls), name)
        if found is not None and found[0] is not type and found[0] is not object:
            return None
    try:
        registry = _abc._get_dump(cls)[0]
    except Exception:
        return None
    classes = [t for t in (_deref(r) for r in registry) if t is not _NO_KEY and static.is_class(t)]
    classes.sort(key=static.class_id)
    return classes


def _owners(classes: Sequence[type], metaclasses: Sequence[MetaclassUsage]) -> list[type]:
    owners: list[type] = []
    seen: set[int] = set()
    for usage in metaclasses:
        for klass in usage.metaclass_mro:
            if klass is type or klass is object or id(klass) in seen:
                continue
            seen.add(id(klass))
            owners.append(klass)
    for cls in classes:
        if id(cls) not in seen:
            seen.add(id(cls))
            owners.append(cls)
    return owners


def analyse_classes(
    classes: Sequence[type],
    *,
    module_names: Iterable[str],
    imported: Sequence[type] = (),
) -> RegistriesReport:
    """Metaclasses, hooks and registries of *classes* (the classes defined in *module_names*).

    *imported* are other classes the modules' namespaces hold: ABCs among them
    are checked for virtual subclasses registered from these modules.
    """
    modules = frozenset(module_names)
    metaclasses = metaclass_usage(classes)
    hooks = find_hooks(classes)
    writers = _writers(metaclasses, hooks)
    registries: list[Registry] = []
    skipped: list[SkippedContainer] = []
    listed: list[object] = []
    for owner in _owners(classes, metaclasses):
        items_of_owner = sorted(static.dict_of(owner).items(), key=lambda kv: kv[0].startswith("_"))
        for attribute, value in items_of_owner:
            if type(attribute) is not str or (attribute.startswith("_") and attribute.endswith("_")):
                continue  # __dunder__ and _sunder_ names belong to Python, enum and frameworks
            if any(value is v for v in listed):
                continue  # one object under two names (Base.registry and Base._sa_registry)
            read = read_container(value)
            if read is None and registry_object(value):
                filled = _filled_by(owner, attribute, writers)
                if filled:
                    entries_o = read_registry_object(value, modules)
                    listed.append(value)
                    registries.append(
                        Registry(
                            owner,
                            attribute,
                            f"registry object ({static.class_id(type(value))})",
                            tuple(entries_o),
                            tuple(h for h, _ in filled),
                            "classes",
                        )
                    )
                continue
            if read is None:
                if _looks_like_container(value):
                    filled = _filled_by(owner, attribute, writers)
                    skipped.append(
                        SkippedContainer(
                            owner,
                            attribute,
                            static.class_id(type(value)),
                            "not a plain dict/list/set/weakref container: reading it would run its code"
                            + (f" (filled by {', '.join(h for h, _ in filled)})" if filled else ""),
                        )
                    )
                continue
            container, items = read
            entries = [_entry(k, v, modules) for k, v in items]
            if is_one_of(type(value), (*_SETS, weakref.WeakSet)):
                entries.sort(key=_sort_key)
            filled = _filled_by(owner, attribute, writers)
            if not filled and not _qualifies(entries):
                continue
            listed.append(value)
            registries.append(
                Registry(
                    owner, attribute, container, tuple(entries), tuple(h for h, _ in filled), _role(entries, filled)
                )
            )
    abcs: list[type] = list(classes)
    abcs.extend(c for c in imported if not any(c is k for k in classes))
    for cls in abcs:
        virtual = _abc_registry(cls)
        if not virtual:
            continue
        local = static.module_of(cls) in modules
        shown = virtual if local else [v for v in virtual if static.module_of(v) in modules]
        if not shown:
            continue
        entries_t = tuple(RegistryEntry(None, static.class_id(v), "class", None, static.class_id(v)) for v in shown)
        register = static.static_lookup(type(cls), "register")
        filler = hook_id(register[0], "register") if register is not None else "register"
        registries.append(Registry(cls, "_abc_registry", "abc registry", entries_t, (filler,), "virtual subclasses"))
    external = _external(metaclasses, hooks, modules, listed)
    return RegistriesReport(metaclasses, hooks, tuple(registries), tuple(skipped), tuple(external))
