"""The explain/what-if views: a linearization turned into names and lines.

Shared by the plain-text renderer, the Rich renderer, the animation and the
JSON document, so that they all say the same thing. Pure Python: no Rich here
(the plain path must stay light).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pyinspect_cli.core import static
from pyinspect_cli.core.c3 import NewClass
from pyinspect_cli.core.creation import WhatIf, display_names
from pyinspect_cli.core.model import Linearization
from pyinspect_cli.core.record import Record
from pyinspect_cli.render.conflicts import Line, describe_conflict, describe_failure

#: the module column of the class `what-if` imagines
IMAGINED = "(not created)"
#: characters of C3 trace printed before it is cut: a class with thousands of bases would
#: print hundreds of megabytes (``--no-limit`` lifts the cap)
TRACE_CHAR_LIMIT = 1_000_000


def trace_cut_note(shown: int, total: int) -> str:
    """The line that ends a trace cut at :data:`TRACE_CHAR_LIMIT`."""
    return (
        f"… the trace stops after step {shown} of {total}: it passed {TRACE_CHAR_LIMIT:,} characters "
        "(--no-limit prints all of it)"
    )


def ident(cls: Any) -> str:
    """``module:qualname`` of a class, or of the hypothetical ``New`` (``":New"`` when imagined)."""
    if isinstance(cls, NewClass):
        return cls.class_id
    return static.class_id(cls)


def is_library(cls: Any) -> bool:
    """Builtins and standard-library classes (drawn muted)."""
    if isinstance(cls, NewClass):
        return False
    return static.is_library(cls)


class ListView(Record):
    label: str  # "L[B]" or "bases"
    items: tuple[str, ...]
    ids: tuple[str, ...]


class TestView(Record):
    list_index: int  # which merged list's head was examined
    list_label: str
    head: str
    head_id: str
    taken: bool
    blocked_by: tuple[int, ...]  # merged lists whose remaining tail holds the head


class StepView(Record):
    """One merge step. Lists are not copied per step (that would be quadratic in deep
    hierarchies): ``offsets``/``after`` say how much of each merged list is consumed before
    and after the step; :meth:`LinearizationView.remaining` gives the lists at an offset."""

    number: int
    offsets: tuple[int, ...]
    after: tuple[int, ...]
    tests: tuple[TestView, ...]
    taken: str | None
    taken_id: str | None
    result_size: int  # how many items of the result exist after the step


class StepRun(Record):
    """Consecutive steps that each take the head of the same list.

    ``waiting``: heads that every step of the run skipped, as the step before the run
    did (still in another list's tail); empty when no head was blocked.
    """

    first: StepView
    last: StepView
    list_label: str
    taken: tuple[str, ...]
    waiting: tuple[str, ...] = ()


class MroEntry(Record):
    name: str
    module: str
    qualname: str
    ident: str
    library: bool


class LinearizationView(Record):
    target: str
    target_id: str
    base_lists: tuple[ListView, ...]  # L[base] for each base, in order
    merged: tuple[ListView, ...]  # what is merged: the L[base]s, then the bases
    steps: tuple[StepView, ...]
    result: tuple[str, ...]
    ok: bool
    message: str | None = None
    explanation: tuple[Line, ...] = ()
    blocked: tuple[str, ...] = ()
    suggested_bases: tuple[str, ...] | None = None
    suggested_mro: tuple[str, ...] | None = None
    constraints: tuple[dict[str, Any], ...] = ()

    def remaining(self, offsets: Sequence[int]) -> list[tuple[ListView, int]]:
        """The merged lists that still have items at *offsets*, with where they start."""
        return [(lst, off) for lst, off in zip(self.merged, offsets) if off < len(lst.items)]

    def step_groups(self, *, min_run: int = 4) -> list[StepView | StepRun]:
        """The steps, with runs of at least *min_run* takes from one list folded.

        A step joins a run when it takes the head of the run's list and skips the same heads
        as the step before it (they are still waiting: a deep hierarchy's trace repeats
        "skip object" for dozens of steps otherwise).
        """
        groups: list[StepView | StepRun] = []
        run: list[StepView] = []
        waiting: tuple[str, ...] = ()

        def skipped(step: StepView) -> tuple[str, ...]:
            return tuple(t.head for t in step.tests if not t.taken)

        def flush() -> None:
            if len(run) >= min_run:
                taken = tuple(s.taken for s in run if s.taken is not None)
                groups.append(StepRun(run[0], run[-1], run[0].tests[-1].list_label, taken, skipped(run[0])))
            else:
                groups.extend(run)
            run.clear()

        previous: tuple[str, ...] | None = None
        for step in self.steps:
            heads = skipped(step)
            foldable = step.taken is not None and (not heads or heads == previous)
            if foldable and run and run[-1].tests[-1].list_index == step.tests[-1].list_index and heads == waiting:
                run.append(step)
            else:
                flush()
                if foldable:
                    run.append(step)
                    waiting = heads
                else:
                    groups.append(step)
            previous = heads
        flush()
        return groups


class ClassView(Record):
    ident: str
    name: str
    module: str
    qualname: str
    order: tuple[MroEntry, ...]
    runtime_mro: tuple[MroEntry, ...]
    linearization: LinearizationView
    notes: tuple[str, ...] = ()
    mro_override: str | None = None


def _entry(cls: Any, names: dict[int, str]) -> MroEntry:
    if isinstance(cls, NewClass):
        # what-if's class exists nowhere: no module to show (a failed class statement keeps its own)
        module = IMAGINED if cls.module is None else cls.module
        return MroEntry(cls.name, module, cls.qualname, ident(cls), False)
    return MroEntry(
        names.get(id(cls), static.name_of(cls)),
        static.module_of(cls),
        static.qualname_of(cls),
        ident(cls),
        is_library(cls),
    )


def _namer(lin: Linearization[Any], extra: Sequence[Any] = ()) -> dict[int, str]:
    everything: list[Any] = [lin.target, *lin.bases, *extra]
    for lst in lin.lists:
        everything.extend(lst)
    return display_names(everything)


def linearization_view(lin: Linearization[Any], *, class_name: str | None = None) -> LinearizationView:
    """Names, lists and steps of a linearization, ready to print."""
    names = _namer(lin)

    def n(x: Any) -> str:
        return names.get(id(x), "?")

    labels = [f"L[{n(b)}]" for b in lin.bases] + ["bases"]
    merged = tuple(
        ListView(labels[j], tuple(n(x) for x in lst), tuple(ident(x) for x in lst)) for j, lst in enumerate(lin.lists)
    )
    base_lists = merged[: len(lin.bases)]
    steps: list[StepView] = []
    final = lin.final_offsets()
    for k, step in enumerate(lin.steps):
        after = lin.steps[k + 1].offsets if k + 1 < len(lin.steps) else final
        tests = tuple(
            TestView(t.list_index, labels[t.list_index], n(t.head), ident(t.head), t.taken, t.blocked_by)
            for t in step.tests
        )
        taken = step.taken
        steps.append(
            StepView(
                step.number,
                step.offsets,
                after if taken is not None else step.offsets,
                tests,
                n(taken) if taken is not None else None,
                ident(taken) if taken is not None else None,
                step.number + (1 if taken is not None else 0),
            )
        )
    result = tuple(n(x) for x in lin.order)
    if lin.conflict is None:
        return LinearizationView(n(lin.target), ident(lin.target), base_lists, merged, tuple(steps), result, True)
    conflict = lin.conflict
    explanation = tuple(describe_conflict(lin, class_name=class_name or n(lin.target)))
    constraints = tuple(
        {
            "before": ident(c.before),
            "after": ident(c.after),
            "list": labels[c.list_index],
            "reason": c.reason,
            "origin": ident(c.origin) if c.origin is not None else None,
        }
        for c in conflict.cycle
    )
    return LinearizationView(
        n(lin.target),
        ident(lin.target),
        base_lists,
        merged,
        tuple(steps),
        result,
        False,
        conflict.message,
        explanation,
        tuple(n(b) for b in conflict.blocked),
        tuple(n(b) for b in conflict.suggested_order) if conflict.suggested_order is not None else None,
        tuple(n(b) for b in conflict.suggested_mro) if conflict.suggested_mro is not None else None,
        constraints,
    )


def class_view(cls: type, lin: Linearization[type]) -> ClassView:
    """Everything ``explain`` shows about one class."""
    runtime = static.mro_of(cls)
    names = _namer(lin, runtime)
    mro = tuple(_entry(c, names) for c in lin.order)
    runtime_entries = tuple(_entry(c, names) for c in runtime)
    notes: list[str] = []
    override = None
    meta = type(cls)
    found = static.static_lookup(meta, "mro")
    if found is not None and found[0] is not type:
        override = static.class_id(found[0])
        if [e.ident for e in mro] != [e.ident for e in runtime_entries]:
            notes.append(
                f"The metaclass method {static.qualname_of(found[0])}.mro() overrides type.mro(): "
                f"__mro__ is [{', '.join(e.name for e in runtime_entries)}], not the C3 result."
            )
        else:
            notes.append(
                f"The metaclass defines {static.qualname_of(found[0])}.mro(); for this class it returns the C3 result."
            )
    elif [e.ident for e in mro] != [e.ident for e in runtime_entries] and lin.ok:
        notes.append(
            "__mro__ differs from the C3 result of the current bases: __bases__ was probably reassigned "
            "after the class was created."
        )
    return ClassView(
        ident(cls),
        names.get(id(cls), static.name_of(cls)),
        static.module_of(cls),
        static.qualname_of(cls),
        mro,
        runtime_entries,
        linearization_view(lin),
        tuple(notes),
        override,
    )


class WhatIfView(Record):
    name: str
    bases: tuple[MroEntry, ...]
    ok: bool
    kind: str | None
    message: str | None
    explanation: tuple[Line, ...]
    metaclass: str | None
    mro_override: str | None
    linearization: LinearizationView | None
    order: tuple[MroEntry, ...] | None


def what_if_view(result: WhatIf, *, name: str = "New") -> WhatIfView:
    """Everything ``what-if`` shows."""
    lin = result.linearization
    names = _namer(lin) if lin is not None else display_names(list(result.bases))
    bases = tuple(_entry(b, names) for b in result.bases)
    meta = static.class_id(result.metaclass.winner) if result.metaclass is not None else None
    override = static.class_id(result.mro_override) if result.mro_override is not None else None
    lview = linearization_view(lin, class_name=name) if lin is not None else None
    error = result.error
    if error is None:
        assert lin is not None
        mro = tuple(_entry(c, names) for c in lin.order)
        return WhatIfView(name, bases, True, None, None, (), meta, override, lview, mro)
    explanation = (
        lview.explanation
        if lview is not None and error.kind == "mro"
        else tuple(describe_failure(result, class_name=name))
    )
    return WhatIfView(name, bases, False, error.kind, error.message, explanation, meta, override, lview, None)
