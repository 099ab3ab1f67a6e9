"""Compare the class facts of two versions of the code (:mod:`.facts`).

The comparison is made per class present on both sides (by
``module:qualname``). Each difference is a typed record with the level it
ranks at, most consequential first:

* ``winner``: a name now resolves to another class's definition
  (:class:`WinnerChange`), or a class's metaclass changed;
* ``chain``: the implementations a ``super()`` chain runs changed
  (:class:`ChainChange`), or the class-creation hooks that run for it;
* ``kind``: the same class's definition wins but it is another kind of thing
  (data / non-data / plain, or another type: a property replaced by a class
  attribute) (:class:`KindChange`);
* ``mro``: the MRO changed without changing any winner (:class:`MroChange`,
  with the C3 reason: the bases changed, or a base's own MRO did).

Names that appear or disappear are listed, not ranked: the code diff shows
them, and they change no existing resolution. A class whose qualname left one
module and appeared in exactly one other is paired as *moved*; inside the
comparison its old name is read as its new one, so that its subclasses do not
report every inherited name as a new winner.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

from pyinspect_cli.core.facts import AttributeFact, ClassFacts, ModuleFailure, Snapshot
from pyinspect_cli.core.model import Linearization
from pyinspect_cli.core.record import Record

__all__ = [
    "LEVELS",
    "ChainChange",
    "ClassDiff",
    "DiffResult",
    "HooksChange",
    "KindChange",
    "Level",
    "MetaclassChange",
    "MroChange",
    "WinnerChange",
    "diff_snapshots",
    "level_rank",
]

Level = Literal["winner", "chain", "kind", "mro"]

#: every level, most consequential first
LEVELS: tuple[Level, ...] = ("winner", "chain", "kind", "mro")


def level_rank(level: Level) -> int:
    """0 for ``winner`` (the most consequential) to 3 for ``mro``."""
    return LEVELS.index(level)


class _AttributeChange(Record):
    """What an attribute name resolved to on each side (``old``/``new`` are the winning definitions)."""

    name: str
    old: AttributeFact
    new: AttributeFact

    @property
    def descriptor_replaced(self) -> bool:
        """A descriptor (property, method...) is now a plain value."""
        return self.old.kind != "plain" and self.new.kind == "plain"


class WinnerChange(_AttributeChange):
    """``name`` resolves to another class's definition (``old``/``new`` are the winning definitions)."""

    @property
    def level(self) -> Level:
        return "winner"


class KindChange(_AttributeChange):
    """The same class's definition of ``name`` wins, but it is another kind or type of value."""

    @property
    def level(self) -> Level:
        return "kind"


class ChainChange(Record):
    """The implementations ``instance.method()`` runs changed.

    ``stopped`` ran before and no longer do; ``started`` run now and did not.
    Both empty: the same implementations run in another order or number.
    """

    method: str
    old: tuple[str, ...]
    new: tuple[str, ...]
    stopped: tuple[str, ...]
    started: tuple[str, ...]

    @property
    def level(self) -> Level:
        return "chain"


class MetaclassChange(Record):
    """The class's metaclass changed."""

    old: str
    new: str

    @property
    def level(self) -> Level:
        return "winner"


class HooksChange(Record):
    """The class-creation hooks that run for the class changed."""

    old: tuple[str, ...]
    new: tuple[str, ...]
    stopped: tuple[str, ...]
    started: tuple[str, ...]

    @property
    def level(self) -> Level:
        return "chain"


class MroChange(Record):
    """The MRO changed; why, in C3's terms.

    ``bases_changed``: the class statement lists other bases (or the same in
    another order). ``changed_bases``: bases on both sides whose own MRO
    changed (each is a list the merge reads). ``diverges_at`` is the first
    position where the orders differ; ``merge`` the new side's merge with
    its steps when it could be traced again from the snapshot's graph.
    """

    old: tuple[str, ...]
    new: tuple[str, ...]
    old_bases: tuple[str, ...]
    new_bases: tuple[str, ...]
    changed_bases: tuple[str, ...]
    diverges_at: int
    merge: Linearization[str] | None

    @property
    def level(self) -> Level:
        return "mro"

    @property
    def bases_changed(self) -> bool:
        return self.old_bases != self.new_bases


class ClassDiff(Record):
    """Every difference found for one class present on both sides."""

    key: str
    old: ClassFacts
    new: ClassFacts
    winners: tuple[WinnerChange, ...]
    chains: tuple[ChainChange, ...]
    kinds: tuple[KindChange, ...]
    mro: MroChange | None
    metaclass: MetaclassChange | None
    hooks: HooksChange | None
    added_names: tuple[AttributeFact, ...]
    removed_names: tuple[AttributeFact, ...]
    moved_from: str | None = None

    @property
    def levels(self) -> tuple[Level, ...]:
        """The levels of the ranked changes, most consequential first, each once."""
        found: set[str] = set()
        for change in (*self.winners, *self.chains, *self.kinds, self.mro, self.metaclass, self.hooks):
            if change is not None:
                found.add(change.level)
        return tuple(level for level in LEVELS if level in found)

    @property
    def level(self) -> Level | None:
        """The most consequential level of the class's changes (``None``: names only)."""
        levels = self.levels
        return levels[0] if levels else None

    @property
    def ranked(self) -> bool:
        return bool(self.levels)


class DiffResult(Record):
    """The comparison of two snapshots.

    ``changed`` holds the classes with differences, most consequential first;
    ``added``/``removed`` the classes on one side only (``moved`` pairs
    ``(old, new)`` are not in them); ``compared`` how many classes are on
    both sides; ``old_failures``/``new_failures`` the modules of each side that
    could not be read.
    """

    changed: tuple[ClassDiff, ...]
    added: tuple[str, ...]
    removed: tuple[str, ...]
    moved: tuple[tuple[str, str], ...]
    compared: int
    old_failures: tuple[ModuleFailure, ...]
    new_failures: tuple[ModuleFailure, ...]

    def count(self, level: Level) -> int:
        """How many changes of *level* there are, over every class."""
        total = 0
        for diff in self.changed:
            if level == "winner":
                total += len(diff.winners) + (diff.metaclass is not None)
            elif level == "chain":
                total += len(diff.chains) + (diff.hooks is not None)
            elif level == "kind":
                total += len(diff.kinds)
            else:
                total += diff.mro is not None
        return total

    def fails(self, threshold: Level) -> bool:
        """Whether a change at or above *threshold* was found."""
        limit = level_rank(threshold)
        return any(diff.level is not None and level_rank(diff.level) <= limit for diff in self.changed)


# ---------------------------------------------------------------------------
# Moved classes


def _moved(old: Mapping[str, ClassFacts], new: Mapping[str, ClassFacts]) -> dict[str, str]:
    """``old key -> new key`` for classes whose qualname left a module and appeared in exactly one other."""
    gone: dict[str, list[str]] = {}
    came: dict[str, list[str]] = {}
    for key, facts in old.items():
        if key not in new:
            gone.setdefault(facts.qualname, []).append(key)
    for key, facts in new.items():
        if key not in old:
            came.setdefault(facts.qualname, []).append(key)
    return {
        keys[0]: came[qualname][0]
        for qualname, keys in gone.items()
        if len(keys) == 1 and len(came.get(qualname, ())) == 1
    }


class _Renamer:
    """Reads old names as their new ones for classes that moved."""

    def __init__(self, moved: Mapping[str, str]) -> None:
        self.moved = moved

    def name(self, text: str) -> str:
        return self.moved.get(text, text)

    def names(self, items: Sequence[str]) -> tuple[str, ...]:
        return tuple(self.moved.get(t, t) for t in items) if self.moved else tuple(items)

    def hook(self, text: str) -> str:
        for old, new in self.moved.items():
            if text.startswith(old + "."):
                return new + text[len(old) :]
        return text

    def attribute(self, fact: AttributeFact) -> AttributeFact:
        return fact.replace(winner=self.name(fact.winner)) if fact.winner in self.moved else fact


# ---------------------------------------------------------------------------
# Per class


def _minus(items: Sequence[str], other: Sequence[str]) -> tuple[str, ...]:
    out: list[str] = []
    for item in items:
        if item not in other and item not in out:
            out.append(item)
    return tuple(out)


def _linearize(bases: Mapping[str, tuple[str, ...]], key: str) -> tuple[str, ...] | None:
    from pyinspect_cli.core.c3 import linearize_graph

    try:
        return linearize_graph(bases, key)
    except Exception:  # an inconsistent or cyclic graph (two classes sharing one name): no answer
        return None


def _merge(bases: Mapping[str, tuple[str, ...]], key: str) -> Linearization[str] | None:
    from pyinspect_cli.core.c3 import explain_graph

    try:
        return explain_graph(bases, key, trace=True)
    except Exception:  # see _linearize
        return None


def _mro_change(
    old: ClassFacts,
    new: ClassFacts,
    rename: _Renamer,
    old_graph: Mapping[str, tuple[str, ...]],
    new_graph: Mapping[str, tuple[str, ...]],
) -> MroChange | None:
    old_order = rename.names(old.order)
    if old_order == new.order:
        return None
    old_bases = rename.names(old.bases)
    inverse = {v: k for k, v in rename.moved.items()}
    changed: list[str] = []
    for base in new.bases:
        if base not in old_bases:
            continue
        before = _linearize(old_graph, inverse.get(base, base))
        after = _linearize(new_graph, base)
        if before is not None and after is not None and rename.names(before) != after:
            changed.append(base)
    diverges = next(
        (i for i, (a, b) in enumerate(zip(old_order, new.order)) if a != b), min(len(old_order), len(new.order))
    )
    merge = _merge(new_graph, new.key)
    if merge is not None and merge.order != new.order:
        merge = None  # the graph does not reproduce the class's real MRO (duplicate names): say nothing
    return MroChange(old_order, new.order, old_bases, new.bases, tuple(changed), diverges, merge)


def _chain_changes(old: ClassFacts, new: ClassFacts, rename: _Renamer) -> tuple[ChainChange, ...]:
    changes: list[ChainChange] = []
    methods = sorted({c.method for c in old.chains} | {c.method for c in new.chains})
    for method in methods:
        before = _runs(old, method, rename)
        after = _runs(new, method, rename)
        if before is None or after is None or before == after:
            continue
        if len(before) == 1 and len(after) == 1:
            continue  # one implementation runs on each side: the winner change says it

        changes.append(ChainChange(method, before, after, _minus(before, after), _minus(after, before)))
    return tuple(changes)


def _runs(facts: ClassFacts, method: str, rename: _Renamer) -> tuple[str, ...] | None:
    """The chain's ``runs``; with one definer only, the winner alone runs (``None``: no such name)."""
    chain = facts.chain(method)
    if chain is not None:
        return rename.names(chain.runs)
    attribute = facts.attribute(method)
    if attribute is None:
        return None
    return (rename.name(attribute.winner),)


#: names whose definition behaves the same whichever class provides it (CPython's getset descriptors)
_LAYOUT_NAMES = frozenset({"__dict__", "__weakref__"})


def _attribute_changes(
    old: ClassFacts, new: ClassFacts, rename: _Renamer
) -> tuple[list[WinnerChange], list[KindChange], list[AttributeFact], list[AttributeFact]]:
    winners: list[WinnerChange] = []
    kinds: list[KindChange] = []
    before = {a.name: rename.attribute(a) for a in old.attributes}
    after = {a.name: a for a in new.attributes}
    added = [after[n] for n in sorted(after) if n not in before]
    removed = [before[n] for n in sorted(before) if n not in after]
    for name in sorted(before.keys() & after.keys()):
        a, b = before[name], after[name]
        if a.winner != b.winner and name in _LAYOUT_NAMES and (a.kind, a.type_name) == (b.kind, b.type_name):
            continue  # every class's __dict__ getter reads the same instance dict
        if a.winner != b.winner:
            winners.append(WinnerChange(name, a, b))
        elif a.kind != b.kind or a.type_name != b.type_name:
            kinds.append(KindChange(name, a, b))
    return winners, kinds, added, removed


def _class_diff(
    old: ClassFacts,
    new: ClassFacts,
    rename: _Renamer,
    old_graph: Mapping[str, tuple[str, ...]],
    new_graph: Mapping[str, tuple[str, ...]],
) -> ClassDiff:
    winners, kinds, added, removed = _attribute_changes(old, new, rename)
    old_meta = rename.name(old.metaclass)
    metaclass = MetaclassChange(old_meta, new.metaclass) if old_meta != new.metaclass else None
    old_hooks = tuple(rename.hook(h) for h in old.hooks)
    hooks = (
        HooksChange(old_hooks, new.hooks, _minus(old_hooks, new.hooks), _minus(new.hooks, old_hooks))
        if set(old_hooks) != set(new.hooks)
        else None
    )
    return ClassDiff(
        key=new.key,
        old=old,
        new=new,
        winners=tuple(winners),
        chains=_chain_changes(old, new, rename),
        kinds=tuple(kinds),
        mro=_mro_change(old, new, rename, old_graph, new_graph),
        metaclass=metaclass,
        hooks=hooks,
        added_names=tuple(added),
        removed_names=tuple(removed),
        moved_from=old.key if old.key != new.key else None,
    )


def _sort_key(diff: ClassDiff) -> tuple[int, int, str]:
    level = diff.level
    rank = level_rank(level) if level is not None else len(LEVELS)
    count = -(len(diff.winners) + len(diff.chains) + len(diff.kinds))
    return (rank, count, diff.key)


def _empty(diff: ClassDiff) -> bool:
    return not diff.ranked and not diff.added_names and not diff.removed_names


def diff_snapshots(old: Snapshot, new: Snapshot) -> DiffResult:
    """Compare two snapshots class by class (see the module docstring)."""
    old_classes = old.by_key()
    new_classes = new.by_key()
    moved = _moved(old_classes, new_classes)
    rename = _Renamer(moved)
    old_graph = old.bases_map()
    new_graph = new.bases_map()
    changed: list[ClassDiff] = []
    compared = 0
    pairs = [(key, key) for key in old_classes if key in new_classes] + sorted(moved.items())
    for old_key, new_key in pairs:
        compared += 1
        diff = _class_diff(old_classes[old_key], new_classes[new_key], rename, old_graph, new_graph)
        if not _empty(diff) or diff.moved_from is not None:
            changed.append(diff)
    changed.sort(key=_sort_key)
    moved_new = set(moved.values())
    # A class of a module one side could not read is neither added nor removed: it is unknown.
    unread = {f.module for f in old.failures} | {f.module for f in new.failures}
    return DiffResult(
        changed=tuple(changed),
        added=tuple(
            k
            for k in sorted(new_classes)
            if k not in old_classes and k not in moved_new and new_classes[k].module not in unread
        ),
        removed=tuple(
            k
            for k in sorted(old_classes)
            if k not in new_classes and k not in moved and old_classes[k].module not in unread
        ),
        moved=tuple(sorted(moved.items())),
        compared=compared,
        old_failures=old.failures,
        new_failures=new.failures,
    )
