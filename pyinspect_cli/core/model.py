"""Plain data returned by the C3 engine.

Everything here is an immutable record of tuples: no methods that touch user
objects, cheap to build, easy to turn into JSON or a picture.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from pyinspect_cli.core.record import Record

N = TypeVar("N")


class HeadTest(Record, Generic[N]):
    """One head examined during a merge step, in the order CPython examines them.

    ``blocked_by`` holds the indices of the lists whose *tail* still contains
    ``head``; an empty tuple means the head was taken.
    """

    list_index: int
    head: N
    blocked_by: tuple[int, ...]

    @property
    def taken(self) -> bool:
        return not self.blocked_by


class MergeStep(Record, Generic[N]):
    """One step of the merge.

    ``offsets`` is the state *before* the step: for each merged list, how many
    of its leading items have been consumed. ``tests`` are the heads examined,
    in order; the last one is taken unless the merge got stuck (``taken`` is
    ``None`` then and every test is blocked).
    """

    number: int
    offsets: tuple[int, ...]
    tests: tuple[HeadTest[N], ...]
    taken: N | None


class Constraint(Record, Generic[N]):
    """An ordering a merged list demands: ``before`` must precede ``after``.

    ``list_index`` names the merged list it comes from (``len(bases)`` is the
    list of bases itself, i.e. the class statement); ``origin`` is the class
    whose statement introduced the ordering, when it can be found, and
    ``reason`` says how (``"bases"``: ``origin`` lists ``before`` ahead of
    ``after``; ``"inherits"``: ``before`` is a subclass of ``after``).
    """

    before: N
    after: N
    list_index: int
    origin: N | None = None
    reason: str | None = None


class Conflict(Record, Generic[N]):
    """Why a merge got stuck, and what could be done about it.

    ``message`` is CPython's error text for this conflict; ``blocked`` the
    heads left blocked when the merge stopped (the classes CPython names).
    ``cycle`` is a chain of constraints that contradict each other: each
    constraint's ``before`` is the next one's ``after``, and the last one's
    ``before`` is the first one's ``after``. ``suggested_order`` is an order of
    the same bases whose merge succeeds (closest to the original first), or
    ``None`` when no order of these bases works. ``offsets`` is the state of
    the merged lists when the merge got stuck (see :class:`MergeStep`). ``redundant_bases`` are bases
    that another base already inherits from: dropping them changes nothing in
    the MRO but can resolve the clash.
    """

    message: str
    blocked: tuple[N, ...]
    offsets: tuple[int, ...]
    cycle: tuple[Constraint[N], ...]
    suggested_order: tuple[N, ...] | None
    suggested_mro: tuple[N, ...] | None
    redundant_bases: tuple[N, ...]


class Linearization(Record, Generic[N]):
    """The C3 linearization of ``target`` with the merge that produced it.

    ``lists`` are the merged lists in CPython's order: the linearization of
    each base, then the list of bases. ``order`` is the result (``target``
    first). ``steps`` is empty unless a trace was requested. When the merge
    fails, ``order`` is the part built before it got stuck and ``conflict``
    says why.
    """

    target: N
    bases: tuple[N, ...]
    lists: tuple[tuple[N, ...], ...]
    order: tuple[N, ...]
    steps: tuple[MergeStep[N], ...] = ()
    conflict: Conflict[N] | None = None

    @property
    def ok(self) -> bool:
        return self.conflict is None

    def remaining(self, offsets: tuple[int, ...]) -> tuple[tuple[N, ...], ...]:
        """The merged lists as they stand at ``offsets`` (consumed items dropped)."""
        return tuple(lst[off:] for lst, off in zip(self.lists, offsets))

    def result_before(self, step: MergeStep[N]) -> tuple[N, ...]:
        """The result built before ``step`` runs (``target`` plus the heads taken so far)."""
        return self.order[: step.number]

    def final_offsets(self) -> tuple[int, ...]:
        """The state after the merge: every list consumed, or where it got stuck."""
        if self.conflict is not None:
            return self.conflict.offsets
        return tuple(len(lst) for lst in self.lists)
