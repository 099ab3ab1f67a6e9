"""Metaclasses in use: their MRO, the hooks they override, the patterns their code shows.

Built on :mod:`pyinspect_cli.core.creation` (how CPython chooses a metaclass)
and :mod:`pyinspect_cli.core.hooks` (what a hook's source does). Everything
is read from ``__dict__`` mappings and source files; no metaclass code runs.
"""

from __future__ import annotations

import ast
import itertools
from collections.abc import Sequence
from typing import Any

from pyinspect_cli.core import static
from pyinspect_cli.core.creation import (
    MetaclassConflictError,
    MetaclassSource,
    check_bases,
    select_metaclass,
)
from pyinspect_cli.core.functions import MISSING, dotted, resolve_in_module
from pyinspect_cli.core.hooks import analyse_hook, hook_id, safe_describe
from pyinspect_cli.core.record import Record
from pyinspect_cli.core.source import class_statement, segment

__all__ = [
    "METACLASS_HOOKS",
    "ChoiceStep",
    "MetaclassExplanation",
    "MetaclassHook",
    "MetaclassUsage",
    "Pattern",
    "explain_metaclass",
    "metaclass_hooks",
    "metaclass_patterns",
    "metaclass_usage",
]

#: the methods of ``type`` a metaclass overrides to change how classes are made or behave
METACLASS_HOOKS = (
    "__prepare__",
    "__new__",
    "__init__",
    "__call__",
    "mro",
    "__instancecheck__",
    "__subclasscheck__",
    "__getattribute__",
    "__getattr__",
    "__setattr__",
    "__delattr__",
    "__dir__",
    "__repr__",
    "__str__",
    "__eq__",
    "__hash__",
    "__bool__",
    "__len__",
    "__iter__",
    "__contains__",
    "__getitem__",
    "__or__",
    "__subclasses__",
    "register",
)


class MetaclassHook(Record):
    """A hook a metaclass gets from a class other than ``type``: ``owner`` defines it."""

    name: str
    owner: type


class Pattern(Record):
    """A well-known pattern recognised in a metaclass hook's source.

    ``kind`` is ``"singleton"`` (``__call__`` caches the instance it creates,
    keyed by the class or on it) or ``"registry"`` (``__new__``/``__init__``
    stores the new class in a container). ``container`` is the container
    expression as written and ``attribute`` its attribute name. ``lock`` is
    the lock guarding the cache (the ``with`` expression, plus the lock's type
    when it can be read), ``None`` when no lock guards it.
    """

    kind: str
    hook: str
    container: str
    attribute: str | None
    lock: str | None
    source: str | None

    @property
    def guarded(self) -> bool:
        return self.lock is not None


class MetaclassUsage(Record):
    """One metaclass other than ``type`` and the classes created with it."""

    metaclass: type
    metaclass_mro: tuple[type, ...]
    hooks: tuple[MetaclassHook, ...]
    patterns: tuple[Pattern, ...]
    classes: tuple[type, ...]


def metaclass_hooks(meta: type) -> tuple[MetaclassHook, ...]:
    """The hooks of :data:`METACLASS_HOOKS` that *meta* takes from a class other than ``type``/``object``."""
    hooks: list[MetaclassHook] = []
    for name in METACLASS_HOOKS:
        found = static.static_lookup(meta, name)
        if found is None or found[0] is type or found[0] is object:
            continue
        hooks.append(MetaclassHook(name, found[0]))
    return tuple(hooks)


def _lock_text(meta: type, text: str) -> str:
    """``cls._lock`` plus the type of the object it names, when that can be read statically."""
    head, _, attr = text.rpartition(".")
    if not attr.isidentifier() or "." in head or not head.isidentifier():
        return text
    found = static.static_lookup(meta, attr)
    if found is None:
        return text
    return f"{text} ({static.class_id(type(found[1]))})"


def metaclass_patterns(meta: type) -> tuple[Pattern, ...]:
    """Singleton caches in ``__call__`` and class registries in ``__new__``/``__init__``, from source."""
    patterns: list[Pattern] = []
    for name, role in (("__call__", "__call__"), ("__new__", "__new__"), ("__init__", "__init__")):
        found = static.static_lookup(meta, name)
        if found is None or found[0] is type or found[0] is object:
            continue
        owner, value = found
        body = analyse_hook(value, role=role)
        hook = hook_id(owner, name)
        if role == "__call__" and body.creates_instance:
            for holder, writes in _by_holder(body.caches):
                locks = {w.lock for w in writes}
                lock = None if None in locks else next(iter(sorted(x for x in locks if x is not None)))
                patterns.append(
                    Pattern(
                        "singleton",
                        hook,
                        holder,
                        writes[0].attribute,
                        _lock_text(meta, lock) if lock else None,
                        body.source,
                    )
                )
        for holder, writes in _by_holder(body.records):
            locks = {w.lock for w in writes}
            lock = None if None in locks else next(iter(sorted(x for x in locks if x is not None)))
            patterns.append(
                Pattern(
                    "registry", hook, holder, writes[0].attribute, _lock_text(meta, lock) if lock else None, body.source
                )
            )
    return tuple(patterns)


def _by_holder(writes: Sequence[Any]) -> list[tuple[str, list[Any]]]:
    groups: dict[str, list[Any]] = {}
    for write in writes:
        groups.setdefault(write.holder, []).append(write)
    return list(groups.items())


def metaclass_usage(classes: Sequence[type]) -> tuple[MetaclassUsage, ...]:
    """Every metaclass other than ``type`` used by (or defined among) *classes*, with its classes.

    Metaclasses are listed in the order they first appear; a metaclass defined
    among *classes* but not used yet is listed with no classes.
    """
    order: list[type] = []
    seen: set[int] = set()
    created: dict[int, list[type]] = {}
    for cls in classes:
        meta = type(cls)
        if meta is not type and id(meta) not in seen:
            seen.add(id(meta))
            order.append(meta)
        if meta is not type:
            created.setdefault(id(meta), []).append(cls)
        if static.is_subclass(cls, type) and cls is not type and id(cls) not in seen:
            seen.add(id(cls))
            order.append(cls)
    return tuple(
        MetaclassUsage(
            metaclass=meta,
            metaclass_mro=static.mro_of(meta),
            hooks=metaclass_hooks(meta),
            patterns=metaclass_patterns(meta),
            classes=tuple(created.get(id(meta), ())),
        )
        for meta in order
    )


# ---------------------------------------------------------------------------
# How a class's metaclass was chosen


class ChoiceStep(Record):
    """One candidate examined by CPython's ``_PyType_CalculateMetaclass``.

    ``base`` is ``None`` for the first candidate (the ``metaclass=`` keyword,
    or ``type`` by default). ``decision`` is ``"start"``, ``"keep"`` (the
    current winner is already a subclass of the candidate), ``"switch"`` (the
    candidate is a subclass of the winner, it becomes the winner) or
    ``"conflict"``. ``winner`` is the winner after the step.
    """

    candidate: type
    base: type | None
    decision: str
    winner: type


class MetaclassExplanation(Record):
    """How *cls*'s metaclass was chosen.

    ``explicit_text`` is the ``metaclass=`` expression of the class statement
    (``None`` when the statement has none; ``source_found`` is false when the
    statement could not be read, and the keyword is then unknown);
    ``explicit`` the object it names when that can be read statically.
    ``winner`` is the metaclass CPython's rule picks from these candidates;
    ``matches`` whether it is ``type(cls)``. ``mro_override`` is the class
    defining ``mro()`` when the metaclass overrides it.
    """

    cls: type
    actual: type
    source_found: bool
    explicit_text: str | None
    explicit: type | None
    inferred_explicit: bool
    steps: tuple[ChoiceStep, ...]
    winner: type | None
    error: MetaclassConflictError | None
    matches: bool
    mro_override: type | None
    hooks: tuple[MetaclassHook, ...]
    patterns: tuple[Pattern, ...]
    notes: tuple[str, ...]


def _resolve(expr: ast.AST, cls: type) -> tuple[bool, Any]:
    """Read ``Name`` / ``a.b`` from the class's module namespace, calling nothing."""
    parts = dotted(expr)
    if parts is None:
        return False, None
    value = resolve_in_module(parts, static.module_of(cls))
    return (False, None) if value is MISSING else (True, value)


def _steps(sources: Sequence[MetaclassSource]) -> tuple[tuple[ChoiceStep, ...], type]:
    steps = [ChoiceStep(sources[0].metaclass, sources[0].base, "start", sources[0].metaclass)]
    winner = sources[0].metaclass
    for source in sources[1:]:
        candidate = source.metaclass
        if static.is_subclass(winner, candidate):
            steps.append(ChoiceStep(candidate, source.base, "keep", winner))
        elif static.is_subclass(candidate, winner):
            winner = candidate
            steps.append(ChoiceStep(candidate, source.base, "switch", winner))
        else:
            steps.append(ChoiceStep(candidate, source.base, "conflict", winner))
            break
    return tuple(steps), winner


def explain_metaclass(cls: type) -> MetaclassExplanation:
    """Replay CPython's metaclass choice for an existing class, from its bases and class statement."""
    actual = type(cls)
    bases = static.bases_of(cls)
    if cls is object or (len(bases) == 1 and bases[0] is object):
        bases = ()  # `class C:` and `class C(object):` both leave the choice to the metaclass= keyword
    notes: list[str] = []
    found = class_statement(cls)
    explicit_text: str | None = None
    explicit: type | None = None
    inferred = False
    if found is not None:
        filename, node = found
        for kw in node.keywords:
            if kw.arg == "metaclass":
                explicit_text = segment(filename, kw.value)
                ok, value = _resolve(kw.value, cls)
                if ok and static.is_class(value):
                    explicit = value
                elif ok:
                    notes.append(
                        f"metaclass={explicit_text} is not a class ({safe_describe(value)}): CPython calls it "
                        "with (name, bases, namespace) and uses whatever it returns, without choosing among "
                        "the bases' metaclasses"
                    )
                else:
                    notes.append(
                        f"metaclass={explicit_text} could not be read statically; assuming {static.name_of(actual)}"
                    )
                    explicit, inferred = actual, True
    elif not static.is_heap_type(cls):
        notes.append(
            f"{static.name_of(cls)} is a C type: no class statement created it; the choice is replayed "
            "from its bases and its metaclass"
        )
    else:
        notes.append("the class statement's source is not available; the metaclass= keyword is inferred")
    if found is None:
        try:
            plain = select_metaclass(bases, None)
            if plain.winner is not actual:
                explicit, inferred = actual, True
        except MetaclassConflictError:
            explicit, inferred = actual, True
    sources = [MetaclassSource(explicit if explicit is not None else type, None)]
    sources.extend(MetaclassSource(type(base), base) for base in bases)
    steps, winner = _steps(sources)
    error: MetaclassConflictError | None = None
    try:
        choice = select_metaclass(bases, explicit)
        chosen: type | None = choice.winner
    except MetaclassConflictError as exc:
        error, chosen = exc, None
    matches = chosen is actual
    if chosen is not None and not matches:
        notes.append(
            f"CPython's rule picks {static.class_id(chosen)}, but the class's type is {static.class_id(actual)}: "
            "a metaclass's __new__ (or a metaclass= function) returned a class of another type"
        )
    override = static.static_lookup(actual, "mro")
    mro_override = override[0] if override is not None and override[0] is not type else None
    return MetaclassExplanation(
        cls=cls,
        actual=actual,
        source_found=found is not None,
        explicit_text=explicit_text,
        explicit=explicit,
        inferred_explicit=inferred,
        steps=steps,
        winner=winner if error is None else None,
        error=error,
        matches=matches,
        mro_override=mro_override,
        hooks=metaclass_hooks(actual) if actual is not type else (),
        patterns=metaclass_patterns(actual) if actual is not type else (),
        notes=tuple(notes),
    )


# ---------------------------------------------------------------------------
# Metaclass conflicts in words


def metaclass_names(classes: Sequence[type]) -> dict[int, str]:
    """``__name__`` when unique among *classes*, else ``module:qualname``."""
    counts: dict[str, int] = {}
    unique = {id(c): c for c in classes}
    for c in unique.values():
        counts[static.name_of(c)] = counts.get(static.name_of(c), 0) + 1
    return {k: static.name_of(c) if counts[static.name_of(c)] == 1 else static.class_id(c) for k, c in unique.items()}


def _most_derived(candidates: Sequence[type]) -> list[type]:
    """The candidates no other candidate inherits from, in order of first appearance, without repeats."""
    distinct: list[type] = []
    for c in candidates:
        if not any(c is d for d in distinct):
            distinct.append(c)
    return [c for c in distinct if not any(d is not c and static.is_subclass(d, c) for d in distinct)]


class CombinedMetaclass(Record):
    """A working ``class CombinedMeta(*bases)`` for a set of clashing metaclasses, checked with C3."""

    bases: tuple[type, ...]
    mro: tuple[Any, ...]


def combined_metaclass(sources: Sequence[MetaclassSource]) -> CombinedMetaclass | str:
    """Bases for a metaclass that inherits from every candidate, or why none exists.

    Orders are tried closest to the bases' order first; each is checked with
    :func:`~pyinspect_cli.core.creation.check_bases` (metaclass of the
    metaclasses, lay-out, C3 merge) and its MRO must contain every candidate,
    so that :func:`~pyinspect_cli.core.creation.select_metaclass` would pick it.
    """
    maximal = _most_derived([s.metaclass for s in sources])
    reason = "no order of the metaclasses can be merged"
    if len(maximal) > 6:
        return "too many unrelated metaclasses to combine"
    for order in itertools.permutations(maximal):
        result = check_bases(order, name="CombinedMeta", trace=False)
        if result.error is not None:
            reason = " ".join(result.error.message.split())
            continue
        assert result.linearization is not None
        mro = result.linearization.order
        if all(any(m is s.metaclass for m in mro[1:]) for s in sources):
            return CombinedMetaclass(tuple(order), tuple(mro))
    return reason


def shared_hooks(metas: Sequence[type]) -> list[tuple[str, list[type]]]:
    shared: list[tuple[str, list[type]]] = []
    for name in METACLASS_HOOKS:
        owners: list[type] = []
        for meta in metas:
            found = static.static_lookup(meta, name)
            if (
                found is not None
                and found[0] is not type
                and found[0] is not object
                and not any(o is found[0] for o in owners)
            ):
                owners.append(found[0])
        if len(owners) > 1:
            shared.append((name, owners))
    return shared
