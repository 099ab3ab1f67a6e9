"""The facts about a class that a code change can silently alter, as comparable records.

``mro-explain diff`` and ``snapshot`` compare classes between two versions of
the code. The live classes of one version never meet those of the other (each
side is imported in its own process), so everything a comparison needs is
written down here as plain strings and tuples: the MRO, which class's
definition wins for every public and dunder name and its descriptor kind, the
metaclass and the class-creation hooks that run, and the ``runs`` list of the
``super()`` chain of every method defined by two or more classes of the MRO.

Classes are named ``"module:qualname"`` (:func:`static.class_id`). Nothing is
called on a class or a value: the facts come from the same primitives as the
other commands (:func:`descriptors.class_attributes`,
:func:`super_chain.cached_super_chain`, :func:`hooks.creation_receivers`).
"""

from __future__ import annotations

import types
from collections.abc import Iterable, Iterator, Sequence

from pyinspect_cli.core import static
from pyinspect_cli.core.descriptors import Kind, class_attributes
from pyinspect_cli.core.record import Record

__all__ = [
    "IGNORED_NAMES",
    "AttributeFact",
    "ChainFact",
    "ClassFacts",
    "ModuleFailure",
    "Snapshot",
    "class_facts",
    "graph_of",
    "is_compared_name",
    "merge_snapshots",
    "within",
]

#: bookkeeping a class statement writes into the namespace: read by tools, not by attribute lookups
#: on instances (``__slots__`` acts through the slot members and ``__dict__``, which are compared)
IGNORED_NAMES = frozenset(
    {
        "__module__",
        "__qualname__",
        "__doc__",
        "__firstlineno__",
        "__static_attributes__",
        "__orig_bases__",
        "__annotations__",
        "__annotate__",
        "__slots__",
    }
)


class AttributeFact(Record):
    """The definition of ``name`` that wins on the class: its owner and what it is there.

    ``kind`` is CPython's precedence class (``data`` beats the instance
    ``__dict__``, ``non-data`` and ``plain`` lose to it); ``type_name`` the
    short type description of :func:`descriptors.type_name_of`
    (``"property"``, ``"function"``, ``"int"``...).
    """

    name: str
    winner: str
    kind: Kind
    type_name: str


class ChainFact(Record):
    """What runs for ``instance.method()`` when two or more classes of the MRO define ``method``.

    ``runs`` lists the implementations in call order (``"module:qualname"`` of
    the defining class, repeats kept), as :class:`super_chain.SuperChain`
    derives them.
    """

    method: str
    runs: tuple[str, ...]


class ClassFacts(Record):
    """Everything ``diff`` compares about one class.

    ``key`` is ``"module:qualname"``; ``file`` (as the side's report shows
    it) and ``line`` locate the class statement when its source is known.
    ``order`` is the MRO, ``bases`` the class statement's bases, ``metaclass``
    the class's type, ``hooks`` the class-creation hooks that run for it
    (the metaclass's ``__prepare__``/``__new__``/``__init__`` when not
    :class:`type`'s, the ``__init_subclass__`` that receives it, the
    ``__set_name__`` of the values it defines).
    """

    key: str
    module: str
    qualname: str
    file: str | None
    line: int | None
    bases: tuple[str, ...]
    order: tuple[str, ...]
    metaclass: str
    hooks: tuple[str, ...]
    attributes: tuple[AttributeFact, ...]
    chains: tuple[ChainFact, ...]

    def attribute(self, name: str) -> AttributeFact | None:
        for fact in self.attributes:
            if fact.name == name:
                return fact
        return None

    def chain(self, method: str) -> ChainFact | None:
        for fact in self.chains:
            if fact.method == method:
                return fact
        return None


class ModuleFailure(Record):
    """A module of one side that could not be read: its import raised, timed out or crashed."""

    module: str
    status: str
    path: str | None
    detail: str | None


class Snapshot(Record):
    """The facts of one version of the code.

    ``classes`` are sorted by key; ``graph`` holds ``(class, bases)`` for
    every class in their MROs (so that a merge can be traced again without
    the live classes); ``modules`` the modules that were read, ``failures``
    those that could not be.
    """

    classes: tuple[ClassFacts, ...]
    graph: tuple[tuple[str, tuple[str, ...]], ...]
    modules: tuple[str, ...]
    failures: tuple[ModuleFailure, ...] = ()

    def by_key(self) -> dict[str, ClassFacts]:
        return {facts.key: facts for facts in self.classes}

    def bases_map(self) -> dict[str, tuple[str, ...]]:
        return dict(self.graph)


#: ``object.__init_subclass__`` receives every class and does nothing
_OBJECT_HOOK = "builtins:object."


def is_compared_name(name: str) -> bool:
    """Public names and dunders are compared; ``_private`` and ``__mangled`` ones are not."""
    if name in IGNORED_NAMES:
        return False
    if name.startswith("__") and name.endswith("__") and len(name) > 4:
        return True
    return not name.startswith("_")


def _set_name_hooks(cls: type) -> list[str]:
    out: list[str] = []
    for name, value in list(static.dict_of(cls).items()):
        if type(name) is not str or static.is_class(value):
            continue
        hook = static.type_lookup(value, "__set_name__")
        # builtins' own (property's) only records the name for messages
        if hook is not None and static.module_of(hook[0]) != "builtins":
            out.append(f"{static.class_id(hook[0])}.__set_name__ ({name})")
    return out


def _codes(code: types.CodeType) -> Iterator[types.CodeType]:
    yield code
    for const in code.co_consts:
        if type(const) is types.CodeType:
            yield from _codes(const)


def _ends_chain(cls: type, method: str) -> str | None:
    """The winner of *method* when it plainly cannot call another implementation, else ``None``.

    A plain function (not wrapped, not generated) whose code, nested code
    included, names neither ``super`` nor *method* and has no ``__class__``
    cell runs alone: its chain is itself, and :func:`super_chain.super_chain`
    (which reads its source) is not needed to say so.
    """
    found = static.static_lookup(cls, method)
    if found is None:
        return None
    owner, value = found
    if type(value) is not types.FunctionType or "__wrapped__" in static.function_dict(value):
        return None
    for code in _codes(value.__code__):
        if (
            "super" in code.co_names
            or method in code.co_names
            or "__class__" in code.co_freevars
            or code.co_filename.startswith("<")
        ):
            return None
    return static.class_id(owner)


def _runs(cls: type, method: str) -> tuple[str, ...]:
    from pyinspect_cli.core.super_chain import cached_super_chain

    alone = _ends_chain(cls, method)
    if alone is not None:
        return (alone,)
    return tuple(static.class_id(k) for k in cached_super_chain(cls, method).runs)


def class_facts(cls: type, *, file: str | None = None, line: int | None = None) -> ClassFacts:
    """Read the comparable facts of *cls* without running any of its code.

    *file* and *line* are where the caller found the class statement.
    """
    from pyinspect_cli.core.hooks import creation_receivers
    from pyinspect_cli.core.super_chain import chain_methods

    attributes = tuple(
        AttributeFact(info.name, static.class_id(info.owner), info.info.kind, info.info.type_name)
        for info in class_attributes(cls)
        if is_compared_name(info.name)
    )
    chains = tuple(ChainFact(method, _runs(cls, method)) for method in chain_methods(cls) if is_compared_name(method))
    return ClassFacts(
        key=static.class_id(cls),
        module=static.module_of(cls),
        qualname=static.qualname_of(cls),
        file=file,
        line=line,
        bases=tuple(static.class_id(b) for b in static.bases_of(cls)),
        order=tuple(static.class_id(k) for k in static.mro_of(cls)),
        metaclass=static.class_id(type(cls)),
        hooks=(*(h for h in creation_receivers(cls) if not h.startswith(_OBJECT_HOOK)), *_set_name_hooks(cls)),
        attributes=tuple(sorted(attributes, key=lambda a: a.name)),
        chains=chains,
    )


def graph_of(classes: Iterable[type]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``(class, bases)`` for every class in the MROs of *classes*, sorted by name."""
    seen: dict[str, tuple[str, ...]] = {}
    for cls in classes:
        for klass in static.mro_of(cls):
            key = static.class_id(klass)
            if key not in seen:
                seen[key] = tuple(static.class_id(b) for b in static.bases_of(klass))
    return tuple(sorted(seen.items()))


def within(snapshot: Snapshot, packages: Sequence[str]) -> Snapshot:
    """The part of *snapshot* about modules that are, or are inside, one of *packages*.

    ``diff --against FILE pkg.sub`` compares only what the targets cover: the
    snapshot's other classes are not "removed".
    """

    def inside(module: str) -> bool:
        return any(module == p or module.startswith(p + ".") for p in packages)

    return Snapshot(
        tuple(c for c in snapshot.classes if inside(c.module)),
        snapshot.graph,
        tuple(m for m in snapshot.modules if inside(m)),
        tuple(f for f in snapshot.failures if inside(f.module)),
    )


def merge_snapshots(parts: Sequence[Snapshot]) -> Snapshot:
    """One snapshot from the snapshots of several modules of the same side."""
    classes: dict[str, ClassFacts] = {}
    graph: dict[str, tuple[str, ...]] = {}
    modules: list[str] = []
    failures: list[ModuleFailure] = []
    for part in parts:
        for facts in part.classes:
            classes.setdefault(facts.key, facts)
        for key, bases in part.graph:
            graph.setdefault(key, bases)
        modules.extend(part.modules)
        failures.extend(part.failures)
    return Snapshot(
        tuple(classes[k] for k in sorted(classes)),
        tuple(sorted(graph.items())),
        tuple(sorted(set(modules))),
        tuple(sorted(failures, key=lambda f: f.module)),
    )
