"""C3 linearization: the algorithm behind ``__mro__``, with step-by-step traces.

Two engines share one definition of the merge:

* the fast merge (:func:`_merge`) keeps, for every item, how many merged
  lists still hold it in their *tail*, and a heap of the lists whose head is
  free. Each step pops the lowest-numbered such list, which is exactly the head
  CPython's ``type.mro()`` picks when it scans the lists in order, so the
  result is the same while the cost is linear in the size of the lists
  (times a log of their number) instead of CPython's repeated scans;
* the traced merge (:func:`_merge_traced`) follows CPython's scan literally
  and records, for every step, the heads examined and which lists' tails block
  them. It is only run when a trace is asked for.

Live classes are read through :mod:`pyinspect_cli.core.static` (never through
the metaclass) and identified by ``id()``; plain graphs use their nodes as
keys. Nothing here creates a class.
"""

from __future__ import annotations

import heapq
import itertools
import sys
from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import Any, Generic, TypeVar

from pyinspect_cli.core import static
from pyinspect_cli.core.model import Conflict, Constraint, HeadTest, Linearization, MergeStep

N = TypeVar("N")
K = TypeVar("K", bound=Hashable)

__all__ = [
    "ClassCreationError",
    "DuplicateBaseError",
    "GraphCycleError",
    "MROConflictError",
    "NewClass",
    "explain_graph",
    "explain_linearization",
    "linearize",
    "linearize_graph",
    "merge_bases",
    "mro_error_message",
]


class _NewClassMeta(type):
    """Makes ``isinstance(x, NewClass)`` safe on any object.

    The default ``isinstance`` falls back to reading ``x.__class__``, which
    runs a hostile metaclass's ``__getattribute__`` when ``x`` is a class;
    this check looks at ``type(x)``'s MRO only, by identity.
    """

    def __instancecheck__(cls, obj: object) -> bool:
        return any(k is cls for k in static.mro_of(type(obj)))


class NewClass(metaclass=_NewClassMeta):
    """Stands for a class that does not exist: only a name.

    ``module`` is the module whose class statement it stands for (one that failed
    to import), or ``None`` for the class ``what-if`` imagines, which is in no module.
    """

    __slots__ = ("module", "name", "qualname")

    def __init__(self, name: str = "New", module: str | None = None) -> None:
        self.name = name
        self.qualname = name
        self.module = module

    @property
    def class_id(self) -> str:
        """``module:qualname`` like :func:`~pyinspect_cli.core.static.class_id`; the module part is
        empty for an imagined class (``":New"``)."""
        return f"{self.module or ''}:{self.qualname}"

    def __repr__(self) -> str:
        return f"NewClass({self.name!r})"


class ClassCreationError(TypeError):
    """A class statement with these bases would raise ``TypeError``.

    ``message`` is the text CPython (the running version) puts in the error;
    ``kind`` is one of ``"mro"``, ``"duplicate"``, ``"layout"``,
    ``"base-type"``, ``"metaclass"``.
    """

    kind = "mro"

    def __init__(self, message: str, *, bases: Sequence[Any] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.bases = tuple(bases)


class DuplicateBaseError(ClassCreationError):
    """The same class appears twice among the bases."""

    kind = "duplicate"

    def __init__(self, message: str, *, bases: Sequence[Any] = (), duplicate: Any = None) -> None:
        super().__init__(message, bases=bases)
        self.duplicate = duplicate


class MROConflictError(ClassCreationError, Generic[N]):
    """The merge got stuck: no consistent method resolution order exists.

    ``linearization`` holds the merged lists, the part of the order built
    before the merge got stuck, the trace when one was asked for, and the
    :class:`~pyinspect_cli.core.model.Conflict` (blocked heads, the
    contradicting constraints, a working order of the bases if any).
    """

    kind = "mro"

    def __init__(self, message: str, linearization: Linearization[N]) -> None:
        super().__init__(message, bases=linearization.bases)
        self.linearization = linearization
        assert linearization.conflict is not None
        self.conflict: Conflict[N] = linearization.conflict
        self.target = linearization.target
        self.blocked = linearization.conflict.blocked


class GraphCycleError(ValueError):
    """A graph of bases contains a cycle, so no class could have it."""

    def __init__(self, cycle: Sequence[Any]) -> None:
        self.cycle = tuple(cycle)
        super().__init__("inheritance cycle: " + " -> ".join(map(str, self.cycle)))


# ---------------------------------------------------------------------------
# CPython's messages


_MESSAGE_SIZE = 1000  # set_mro_error() formats into a char[1000]


def mro_error_message(blocked_names: Sequence[str], version: tuple[int, int] | None = None) -> str:
    """CPython's "Cannot create a consistent method resolution order" text.

    Reproduces ``set_mro_error`` in ``Objects/typeobject.c``, including its
    1000-byte buffer (a very long list of names is cut short the same way)
    and the line break that versions before 3.13 put in the sentence.
    """
    version = version or sys.version_info[:2]
    sep = " " if version >= (3, 13) else "\n"
    buf = bytearray(f"Cannot create a consistent method resolution{sep}order (MRO) for bases".encode())
    off = len(buf)
    remaining = len(blocked_names)
    for name in blocked_names:
        if off >= _MESSAGE_SIZE:
            break
        piece = b" " + name.encode("utf-8", "surrogatepass")
        room = _MESSAGE_SIZE - off
        buf += piece[: max(room - 1, 0)]
        off += len(piece)
        remaining -= 1
        if remaining and off + 1 < _MESSAGE_SIZE:
            buf += b","
            off += 1
    return buf.decode("utf-8", "replace")


def duplicate_message(name: str) -> str:
    return f"duplicate base class {name}"


# ---------------------------------------------------------------------------
# The merge


class _Stuck(Exception):
    def __init__(self, offsets: list[int], picks: list[tuple[int, int]]) -> None:
        self.offsets = offsets
        self.picks = picks


def _merge(seqs: Sequence[Sequence[Hashable]]) -> list[tuple[int, int]]:
    """Merge *seqs* (sequences of keys); return the (list, position) of each pick.

    Raises :class:`_Stuck` with the offsets when no head is free.
    """
    n = len(seqs)
    tail_count: dict[Hashable, int] = {}
    occurs: dict[Hashable, list[int]] = {}
    get = tail_count.get
    for j, seq in enumerate(seqs):
        first = True
        for key in seq:
            if first:
                first = False
            else:
                tail_count[key] = get(key, 0) + 1
            where = occurs.get(key)
            if where is None:
                occurs[key] = [j]
            else:
                where.append(j)
    pos = [0] * n
    lengths = [len(s) for s in seqs]
    heap = [j for j in range(n) if lengths[j] and not get(seqs[j][0], 0)]
    picks: list[tuple[int, int]] = []
    pop, push = heapq.heappop, heapq.heappush
    remaining = sum(lengths)
    while heap:
        j = pop(heap)
        p = pos[j]
        if p >= lengths[j]:
            continue
        head = seqs[j][p]
        if get(head, 0):
            continue
        picks.append((j, p))
        for i in occurs[head]:
            pi = pos[i] = pos[i] + 1
            remaining -= 1
            if pi < lengths[i]:
                nxt = seqs[i][pi]
                count = tail_count[nxt] - 1
                tail_count[nxt] = count
                if not count:
                    for k in occurs[nxt]:
                        push(heap, k)
    if remaining:
        raise _Stuck(pos, picks)
    return picks


def _common_suffix(keys: Sequence[tuple[Hashable, ...]]) -> int:
    """Length of the longest suffix all key tuples share (binary search on C-level slice compares)."""
    shortest = min(len(k) for k in keys)
    first = keys[0]
    # The usual case: the bases differ only in their own head (stacked diamonds, lattices).
    guess = shortest - 1
    if guess > 0:
        tail = first[-guess:]
        if all(k[-guess:] == tail for k in keys[1:]):
            if shortest == guess + 1 and all(k[-shortest:] == first[-shortest:] for k in keys[1:]):
                return shortest
            return guess
    lo, hi = 0, shortest
    while lo < hi:
        mid = (lo + hi + 1) // 2
        tail = first[-mid:]
        if all(k[-mid:] == tail for k in keys[1:]):
            lo = mid
        else:
            hi = mid - 1
    return lo


def _merge_shared(
    mro_keys: list[tuple[Hashable, ...]], base_keys: tuple[Hashable, ...]
) -> tuple[list[tuple[int, int]], int]:
    """The merge of the bases' linearizations and the bases, sharing their common tail.

    When every base's linearization ends with the same run S of classes (none
    of them a base), C3 takes S last and in order: nothing in S can be free
    while some list still has items before S, and once every such prefix is
    consumed all bases are taken too. So only the prefixes are merged; the
    caller appends S (the last ``shared`` items of the first list). Deep
    hierarchies (diamonds stacked on diamonds, layered lattices, wide classes
    over ``object``) share long tails, which makes the merge proportional to
    what differs between the bases.

    Returns ``(picks, shared)``. Raises :class:`_Stuck` (with the offsets of
    the *full* lists) when no consistent order exists.
    """
    shared = _common_suffix(mro_keys) if len(mro_keys) > 1 else 0
    if shared:
        tail = mro_keys[0][-shared:]
        # The shared run must not contain a base: keep only what follows the last base in it.
        last = -1
        for key in base_keys:
            try:
                last = max(last, tail.index(key))
            except ValueError:
                continue
        shared -= last + 1
    if not shared:
        return _merge([*mro_keys, base_keys]), 0
    prefixes = [k[: len(k) - shared] for k in mro_keys]
    try:
        return _merge([*prefixes, base_keys]), shared
    except _Stuck:
        return _merge([*mro_keys, base_keys]), 0  # redo in full for CPython's exact stuck state


def _blockers(
    seqs: Sequence[Sequence[Hashable]], pos: Sequence[int], key: Hashable, index: dict[tuple[int, Hashable], int]
) -> tuple[int, ...]:
    return tuple(j for j, seq in enumerate(seqs) if pos[j] + 1 < len(seq) and index.get((j, key), -1) > pos[j])


def _merge_traced(
    seqs: Sequence[Sequence[Hashable]],
) -> tuple[list[tuple[int, int]], list[tuple[tuple[int, ...], tuple[HeadTest[int], ...], int | None]]]:
    """The merge in CPython's literal order, recording every step.

    Returns the picks and, per step, ``(offsets, tests, picked list or None)``
    where the tests' ``head`` is the *list index* whose head was examined (the
    caller maps it to nodes). Stops (without raising) when stuck: the last
    step then has ``None``.
    """
    n = len(seqs)
    tail_count: dict[Hashable, int] = {}
    index: dict[tuple[int, Hashable], int] = {}
    for j, seq in enumerate(seqs):
        for p, key in enumerate(seq):
            index[(j, key)] = p
            if p:
                tail_count[key] = tail_count.get(key, 0) + 1
    pos = [0] * n
    picks: list[tuple[int, int]] = []
    steps: list[tuple[tuple[int, ...], tuple[HeadTest[int], ...], int | None]] = []
    while True:
        offsets = tuple(pos)
        tests: list[HeadTest[int]] = []
        seen: set[Hashable] = set()
        chosen: int | None = None
        live = False
        for j in range(n):
            if pos[j] >= len(seqs[j]):
                continue
            live = True
            head = seqs[j][pos[j]]
            if tail_count.get(head, 0):
                if head not in seen:
                    seen.add(head)
                    tests.append(HeadTest(j, j, _blockers(seqs, pos, head, index)))
                continue
            tests.append(HeadTest(j, j, ()))
            chosen = j
            break
        if not live:
            return picks, steps
        steps.append((offsets, tuple(tests), chosen))
        if chosen is None:
            return picks, steps
        head = seqs[chosen][pos[chosen]]
        picks.append((chosen, pos[chosen]))
        for i in range(n):
            if pos[i] < len(seqs[i]) and seqs[i][pos[i]] == head:
                pos[i] += 1
                if pos[i] < len(seqs[i]):
                    nxt = seqs[i][pos[i]]
                    tail_count[nxt] -= 1


# ---------------------------------------------------------------------------
# Conflict analysis


def _constraint_cycle(keys: Sequence[Sequence[Hashable]], offsets: Sequence[int]) -> list[tuple[int, int, int]]:
    """Find contradicting orderings among the blocked heads.

    Returns ``(list_index, before_pos, after_pos)`` triples in the merged list
    ``list_index``: its head (``before``) must precede one of the blocked heads
    (``after``); following them from head to head closes a cycle.
    """
    heads: dict[Hashable, int] = {}
    for j, seq in enumerate(keys):
        if offsets[j] < len(seq) and seq[offsets[j]] not in heads:
            heads[seq[offsets[j]]] = j
    # For each blocked head, the first list (in order) whose remaining tail holds it.
    blocker: dict[Hashable, tuple[int, int]] = {}
    for j, seq in enumerate(keys):
        off = offsets[j]
        if off >= len(seq):
            continue
        for p in range(off + 1, len(seq)):
            key = seq[p]
            if key in heads and key not in blocker:
                blocker[key] = (j, p)
    if not heads:
        return []
    start = next(iter(heads))
    path: list[Hashable] = []
    position: dict[Hashable, int] = {}
    node = start
    while node not in position and node in blocker:
        position[node] = len(path)
        path.append(node)
        j, _p = blocker[node]
        node = keys[j][offsets[j]]
    if node not in position:  # pragma: no cover - every remaining head is blocked
        return []
    cycle_nodes = path[position[node] :]
    triples: list[tuple[int, int, int]] = []
    for after in cycle_nodes:
        j, p = blocker[after]
        triples.append((j, offsets[j], p))
    return triples


# ---------------------------------------------------------------------------
# Generic driver over "nodes" with a key function


class _Space(Generic[N]):
    """How to read a kind of node: its key, its name, its bases, its MRO."""

    def key(self, node: N) -> Hashable:  # pragma: no cover - interface
        raise NotImplementedError

    def name(self, node: N) -> str:  # pragma: no cover - interface
        raise NotImplementedError

    def bases(self, node: N) -> Sequence[N]:  # pragma: no cover - interface
        raise NotImplementedError

    def mro(self, node: N) -> tuple[N, ...]:  # pragma: no cover - interface
        raise NotImplementedError


class _LiveSpace(_Space[Any]):
    def key(self, node: Any) -> Hashable:
        return id(node)

    def name(self, node: Any) -> str:
        if isinstance(node, NewClass):
            return node.name
        return static.name_of(node)

    def bases(self, node: Any) -> Sequence[Any]:
        return static.bases_of(node)

    def mro(self, node: Any) -> tuple[Any, ...]:
        return static.mro_of(node)


class _GraphSpace(_Space[N]):
    def __init__(self, bases_of: Mapping[N, Sequence[N]], name: Callable[[N], str]) -> None:
        self._bases_of = bases_of
        self._name = name
        self._memo: dict[N, tuple[N, ...]] = {}

    def key(self, node: N) -> Hashable:
        return node  # type: ignore[return-value]

    def name(self, node: N) -> str:
        return self._name(node)

    def bases(self, node: N) -> Sequence[N]:
        return tuple(self._bases_of.get(node, ()))

    def mro(self, node: N) -> tuple[N, ...]:
        memo = self._memo
        if node in memo:
            return memo[node]
        # Iterative post-order walk: deep chains must not hit the recursion limit.
        stack: list[tuple[N, int]] = [(node, 0)]
        on_path: dict[N, int] = {node: 0}
        path: list[N] = [node]
        while stack:
            current, i = stack[-1]
            bases = self.bases(current)
            if i < len(bases):
                stack[-1] = (current, i + 1)
                base = bases[i]
                if base in memo:
                    continue
                if base in on_path:
                    cycle = path[on_path[base] :] + [base]
                    raise GraphCycleError(cycle)
                on_path[base] = len(path)
                path.append(base)
                stack.append((base, 0))
                continue
            stack.pop()
            path.pop()
            del on_path[current]
            lin = _solve(self, current, bases, trace=False)
            if lin.conflict is not None:
                raise MROConflictError(lin.conflict.message, lin)
            memo[current] = lin.order
        return memo[node]


_LIVE = _LiveSpace()
_get_bases = type.__dict__["__bases__"].__get__
_get_mro = type.__dict__["__mro__"].__get__


def _check_duplicates(space: _Space[N], bases: Sequence[N]) -> None:
    keys = [space.key(b) for b in bases]
    counts: dict[Hashable, int] = {}
    for k in keys:
        counts[k] = counts.get(k, 0) + 1
    for base, k in zip(bases, keys):
        if counts[k] > 1:
            raise DuplicateBaseError(duplicate_message(space.name(base)), bases=bases, duplicate=base)


def _solve(space: _Space[N], target: N, bases: Sequence[N], *, trace: bool) -> Linearization[N]:
    """Linearize *target* with *bases*; a failed merge is returned, not raised."""
    bases = tuple(bases)
    if not bases:
        return Linearization(target, (), (), (target,))
    if len(bases) > 1:
        _check_duplicates(space, bases)
    lists = tuple(space.mro(b) for b in bases) + (bases,)
    if len(bases) == 1 and not trace:
        return Linearization(target, bases, lists, (target,) + lists[0])
    key = space.key
    keys = [tuple(map(key, lst)) for lst in lists]
    if trace:
        picks, raw_steps = _merge_traced(keys)
        steps: tuple[MergeStep[N], ...] = tuple(
            MergeStep(
                number=i + 1,
                offsets=offsets,
                tests=tuple(
                    HeadTest(t.list_index, lists[t.list_index][offsets[t.list_index]], t.blocked_by) for t in tests
                ),
                taken=None if chosen is None else lists[chosen][offsets[chosen]],
            )
            for i, (offsets, tests, chosen) in enumerate(raw_steps)
        )
        order = (target,) + tuple(lists[j][p] for j, p in picks)
        if steps and steps[-1].taken is None:
            conflict = _conflict(space, target, bases, lists, keys, steps[-1].offsets)
            return Linearization(target, bases, lists, order, steps, conflict)
        return Linearization(target, bases, lists, order, steps)
    try:
        picks, shared = _merge_shared(keys[:-1], keys[-1])
    except _Stuck as stuck:
        offsets = tuple(stuck.offsets)
        conflict = _conflict(space, target, bases, lists, keys, offsets)
        partial = tuple(lists[j][p] for j, p in stuck.picks)
        return Linearization(target, bases, lists, (target,) + partial, (), conflict)
    first = lists[0]
    order = (target, *[lists[j][p] for j, p in picks], *first[len(first) - shared :])
    return Linearization(target, bases, lists, order)


def _conflict(
    space: _Space[N],
    target: N,
    bases: tuple[N, ...],
    lists: tuple[tuple[N, ...], ...],
    keys: Sequence[tuple[Hashable, ...]],
    offsets: tuple[int, ...],
) -> Conflict[N]:
    blocked: list[N] = []
    seen: set[Hashable] = set()
    for lst, kl, off in zip(lists, keys, offsets):
        if off < len(lst) and kl[off] not in seen:
            seen.add(kl[off])
            blocked.append(lst[off])
    cycle = tuple(
        _explain_constraint(space, bases, lists, j, lists[j][b], lists[j][a])
        for j, b, a in _constraint_cycle(keys, offsets)
    )
    suggested = _suggest_order(space, bases)
    suggested_mro = None
    if suggested is not None:
        solved = _solve(space, target, suggested, trace=False)
        suggested_mro = solved.order
    redundant = tuple(
        b for b in bases if any(o is not b and space.key(o) != space.key(b) and _inherits(space, o, b) for o in bases)
    )
    message = mro_error_message([space.name(b) for b in blocked])
    return Conflict(message, tuple(blocked), offsets, cycle, suggested, suggested_mro, redundant)


def _inherits(space: _Space[N], sub: N, base: N) -> bool:
    k = space.key(base)
    return any(space.key(x) == k for x in space.mro(sub)[1:])


def _explain_constraint(
    space: _Space[N], bases: tuple[N, ...], lists: tuple[tuple[N, ...], ...], j: int, before: N, after: N
) -> Constraint[N]:
    """Say where the ordering ``before`` ahead of ``after`` in list *j* comes from."""
    if j == len(bases):
        return Constraint(before, after, j, None, "bases")
    kb, ka = space.key(before), space.key(after)
    if _inherits(space, before, after):
        return Constraint(before, after, j, before, "inherits")
    # The most derived class in this base's MRO whose own statement orders them:
    # one of its bases brings `before` and a later one brings `after`.
    for klass in lists[j]:
        first_b = first_a = None
        for i, b in enumerate(space.bases(klass)):
            mro_keys = {space.key(x) for x in space.mro(b)}
            if first_b is None and kb in mro_keys:
                first_b = i
            if first_a is None and ka in mro_keys:
                first_a = i
        if first_b is not None and first_a is not None and first_b < first_a:
            return Constraint(before, after, j, klass, "bases")
    return Constraint(before, after, j, None, None)


def _orders_to_try(bases: tuple[N, ...], space: _Space[N]) -> list[tuple[N, ...]]:
    n = len(bases)
    candidates: list[tuple[N, ...]] = []
    # Subclasses before the classes they inherit from, otherwise the original order.
    remaining = list(bases)
    greedy: list[N] = []
    while remaining:
        for i, b in enumerate(remaining):
            if not any(o is not b and _inherits(space, o, b) for o in remaining):
                greedy.append(remaining.pop(i))
                break
        else:  # pragma: no cover - inheritance among distinct classes is acyclic
            greedy.extend(remaining)
            break
    candidates.append(tuple(greedy))
    if n <= 6:
        index = {space.key(b): i for i, b in enumerate(bases)}

        def distance(order: tuple[N, ...]) -> int:
            pos = [index[space.key(b)] for b in order]
            return sum(1 for a, b in itertools.combinations(pos, 2) if a > b)

        perms = sorted(itertools.permutations(bases), key=distance)
        candidates.extend(perms[1:])
    return candidates


def _suggest_order(space: _Space[N], bases: tuple[N, ...]) -> tuple[N, ...] | None:
    if len(bases) < 2:
        return None
    original = tuple(space.key(b) for b in bases)
    mros = [space.mro(b) for b in bases]
    for order in _orders_to_try(bases, space):
        if tuple(space.key(b) for b in order) == original:
            continue
        keys = [tuple(map(space.key, mros[[space.key(x) for x in bases].index(space.key(b))])) for b in order]
        keys.append(tuple(map(space.key, order)))
        try:
            _merge(keys)
        except _Stuck:
            continue
        return order
    return None


# ---------------------------------------------------------------------------
# Public API


def _raise_if_conflict(lin: Linearization[N]) -> Linearization[N]:
    if lin.conflict is not None:
        raise MROConflictError(lin.conflict.message, lin)
    return lin


def linearize(cls: type) -> tuple[type, ...]:
    """The C3 linearization of a live class, computed from its bases.

    The class's own ``__mro__`` is not read: the bases' ``__mro__`` are merged
    the way ``type.mro()`` merges them, so the result equals ``type.mro(cls)``.
    No attribute of the class is accessed through its metaclass.

    Raises:
        MROConflictError: the bases cannot be merged (possible only when a
            metaclass overrides ``mro()``).
        DuplicateBaseError: a base is listed twice.
    """
    if not issubclass(type(cls), type):
        raise TypeError(f"linearize() expects a class, got {type(cls).__name__}")
    bases = _get_bases(cls)
    if len(bases) == 1:  # single inheritance: CPython's fast path, a tuple concatenation
        return (cls, *_get_mro(bases[0]))
    if not bases:
        return (cls,)
    if len(bases) > 1:
        _check_duplicates(_LIVE, bases)
    mros = [_get_mro(b) for b in bases]
    try:
        picks, shared = _merge_shared([tuple(map(id, m)) for m in mros], tuple(map(id, bases)))
    except _Stuck:
        lin = _solve(_LIVE, cls, bases, trace=False)
        return _raise_if_conflict(lin).order
    lists = [*mros, bases]
    head = [lists[j][p] for j, p in picks]
    return (cls, *head, *mros[0][len(mros[0]) - shared :])


def explain_linearization(cls: type, *, trace: bool = True) -> Linearization[type]:
    """The linearization of a live class with the merge steps that produced it.

    A merge that gets stuck is returned with ``conflict`` set, not raised.
    """
    if not static.is_class(cls):
        raise TypeError(f"explain_linearization() expects a class, got {type(cls).__name__}")
    return _solve(_LIVE, cls, static.bases_of(cls), trace=trace)


def merge_bases(
    bases: Sequence[type], *, name: str = "New", trace: bool = True, module: str | None = None
) -> Linearization[Any]:
    """Linearize a class that does not exist: ``class New(*bases)``.

    The returned linearization's ``target`` is a :class:`NewClass` (of *module*:
    the module whose class statement it stands for; ``None``: imagined, in no
    module). Nothing is created, so no ``__init_subclass__`` or metaclass code runs.

    Raises:
        DuplicateBaseError: a base is listed twice.
    """
    return _solve(_LIVE, NewClass(name, module), tuple(bases), trace=trace)


def _default_name(node: Any) -> str:
    return node if isinstance(node, str) else str(node)


def linearize_graph(
    bases_of: Mapping[N, Sequence[N]], target: N, *, name: Callable[[N], str] = _default_name
) -> tuple[N, ...]:
    """The C3 linearization of *target* in a plain graph ``node -> ordered bases``.

    Nodes are any hashables; a node missing from the mapping has no bases.

    Raises:
        MROConflictError: with CPython's message (names from *name*).
        DuplicateBaseError: a node lists the same base twice.
        GraphCycleError: the graph has a cycle.
    """
    space = _GraphSpace(bases_of, name)
    bases = space.bases(target)
    for base in bases:
        space.mro(base)
    lin = _solve(space, target, bases, trace=False)
    return _raise_if_conflict(lin).order


def explain_graph(
    bases_of: Mapping[N, Sequence[N]], target: N, *, trace: bool = True, name: Callable[[N], str] = _default_name
) -> Linearization[N]:
    """Like :func:`linearize_graph`, with the merge steps; a stuck merge is returned.

    The bases of *target* must themselves be consistent (their linearizations
    are needed before the merge starts); otherwise :class:`MROConflictError`
    is raised for the first inconsistent ancestor.
    """
    space = _GraphSpace(bases_of, name)
    bases = space.bases(target)
    for base in bases:
        space.mro(base)
    return _solve(space, target, bases, trace=trace)
