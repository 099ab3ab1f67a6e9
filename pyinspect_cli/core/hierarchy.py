"""A plain model of an inheritance diagram, built from live classes.

:func:`class_diagram`, :func:`classes_diagram` and :func:`what_if_diagram`
read classes through :mod:`pyinspect_cli.core.static` (never through their
metaclass) and return a :class:`Diagram`: nodes, ordered base edges (the
local precedence order of every class statement), the MRO of the target as
numbered badges and a path, the contradicting orderings of an inconsistent
``what-if``, metaclass edges and attribute lists when asked for. Renderers
(``pyinspect_cli.render.graph``) turn it into DOT; nothing here knows about
Graphviz.

Node ids are derived from ``module.qualname`` with every character outside
``[A-Za-z0-9_.]`` and non-ASCII letters spelled as ``_xHH_``, so they never
contain ``:`` and the same input always gives the same ids, in the same
order. Two different classes with the same name get ``-2``, ``-3``
suffixes (``-`` never comes out of the spelling), and the hypothetical class
of a ``what-if`` is ``what-if.New``.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any, Literal

from pyinspect_cli.core import static
from pyinspect_cli.core.c3 import NewClass, explain_linearization
from pyinspect_cli.core.creation import check_bases
from pyinspect_cli.core.model import Constraint, Linearization
from pyinspect_cli.core.record import Record

__all__ = [
    "Attribute",
    "BaseEdge",
    "ConflictEdge",
    "Diagram",
    "DiagramNode",
    "MergeList",
    "MetaEdge",
    "MroHop",
    "StepFrame",
    "class_diagram",
    "classes_diagram",
    "node_id",
    "what_if_diagram",
]

Origin = Literal["user", "stdlib", "builtin", "hypothetical"]
Direction = Literal["TB", "BT", "LR", "RL"]
DIRECTIONS: tuple[Direction, ...] = ("TB", "BT", "LR", "RL")

#: names every class statement puts in the namespace; left out of attribute lists
BOILERPLATE = frozenset(
    {
        "__module__",
        "__qualname__",
        "__doc__",
        "__dict__",
        "__weakref__",
        "__annotations__",
        "__annotate__",
        "__annotate_func__",
        "__annotations_cache__",
        "__firstlineno__",
        "__static_attributes__",
        "__orig_bases__",
        "__parameters__",
        "__slots__",
        "__classdictcell__",
    }
)

#: MRO lengths above this are summarised in the subtitle instead of spelled out
SUBTITLE_LIMIT = 12


class Attribute(Record):
    """One attribute of a class's own namespace, classified like the ``descriptors`` command."""

    name: str
    kind: str  # "data" | "non-data" | "plain"
    type_name: str


class DiagramNode(Record):
    """One class in the picture.

    ``mro_position`` is the class's 1-based place in the target's MRO (the
    badge), ``None`` when it is not in it. ``hidden_bases`` counts the bases
    cut off by ``max_depth``. ``attributes`` is ``None`` unless attribute
    lists were asked for (and the class is not from the standard library).
    ``metaclass`` names the class's metaclass when metaclasses were asked for
    and it is not ``type``.
    """

    id: str
    name: str
    qualname: str
    module: str
    class_id: str
    origin: Origin
    show_module: bool
    is_target: bool
    is_metaclass: bool
    depth: int
    mro_position: int | None = None
    hidden_bases: int = 0
    blocked: bool = False
    attributes: tuple[Attribute, ...] | None = None
    metaclass: str | None = None

    @property
    def muted(self) -> bool:
        return self.origin in ("stdlib", "builtin")


class BaseEdge(Record):
    """``sub`` lists ``base`` as its ``position``-th base (1-based) of ``count``."""

    sub: str
    base: str
    position: int
    count: int
    on_mro: bool = False


class MroHop(Record):
    """The MRO goes from ``source`` to ``target`` (badge ``number`` to ``number + 1``).

    ``along_edge`` is true when ``source`` lists ``target`` as a base, so the
    inheritance edge itself is the path; otherwise the hop jumps across.
    """

    source: str
    target: str
    number: int
    along_edge: bool


class ConflictEdge(Record):
    """An ordering the merge must respect: ``before`` ahead of ``after``, and why."""

    before: str
    after: str
    label: str


class MetaEdge(Record):
    """``cls`` is an instance of ``metaclass`` (both node ids)."""

    cls: str
    metaclass: str


class MergeList(Record):
    """One merged list at a step: the names (with node ids) and how many are consumed."""

    label: str
    items: tuple[str, ...]
    node_ids: tuple[str | None, ...]
    consumed: int


class StepFrame(Record):
    """The state of the C3 merge at one step, to draw on the diagram.

    ``order`` is the result so far (node ids, the target first); ``taken``
    the head this step takes (``None`` for the first and last frame, and when
    the merge got stuck); ``blocked`` the heads examined and rejected, each
    with the labels of the lists whose tails hold it.
    """

    number: int
    caption: str
    order: tuple[str, ...]
    taken: str | None
    blocked: tuple[tuple[str, tuple[str, ...]], ...]
    lists: tuple[MergeList, ...]
    final: bool = False
    stuck: bool = False


class Diagram(Record):
    """Everything a renderer needs; node and edge order is the emission order."""

    title: str
    subtitle: str
    direction: Direction
    nodes: tuple[DiagramNode, ...]
    edges: tuple[BaseEdge, ...]
    mro: tuple[str, ...] = ()
    hops: tuple[MroHop, ...] = ()
    meta_edges: tuple[MetaEdge, ...] = ()
    conflict_edges: tuple[ConflictEdge, ...] = ()
    error: str | None = None
    steps: tuple[StepFrame, ...] = ()
    targets: tuple[str, ...] = ()

    def node(self, node_id: str) -> DiagramNode:
        for node in self.nodes:
            if node.id == node_id:
                return node
        raise KeyError(node_id)


# ---------------------------------------------------------------------------
# Ids and names


def _spell(text: str) -> str:
    out = []
    for ch in text:
        if ch.isascii() and (ch.isalnum() or ch in "_."):
            out.append(ch)
        else:
            out.append(f"_x{ord(ch):x}_")
    return "".join(out)


def node_id(cls: Any) -> str:
    """The base id of a class's node (before de-duplication): ``module.qualname`` spelled safely."""
    if isinstance(cls, NewClass):
        return "what-if." + _spell(cls.name)
    return _spell(static.module_of(cls)) + "." + _spell(static.qualname_of(cls))


def _origin(cls: Any) -> Origin:
    if isinstance(cls, NewClass):
        return "hypothetical"
    return static.origin_of(cls)


def _name(cls: Any) -> str:
    return cls.name if isinstance(cls, NewClass) else static.name_of(cls)


def _qualname(cls: Any) -> str:
    return cls.qualname if isinstance(cls, NewClass) else static.qualname_of(cls)


def _module(cls: Any) -> str:
    """The class's module; empty for the class ``what-if`` imagines, which is in no module."""
    if isinstance(cls, NewClass):
        return cls.module or ""
    return static.module_of(cls)


def _bases(cls: Any, hypothetical_bases: tuple[type, ...]) -> tuple[Any, ...]:
    return hypothetical_bases if isinstance(cls, NewClass) else static.bases_of(cls)


def _attributes(cls: type) -> tuple[Attribute, ...]:
    from pyinspect_cli.core.descriptors import KINDS, class_attributes

    rows = [a for a in class_attributes(cls, own_only=True) if a.name not in BOILERPLATE]
    grouped: list[Attribute] = []
    for kind in KINDS:
        grouped.extend(Attribute(a.name, a.info.kind, a.info.type_name) for a in rows if a.info.kind == kind)
    return tuple(grouped)


# ---------------------------------------------------------------------------
# Building


class _Builder:
    def __init__(
        self,
        *,
        hide_object: bool,
        metaclasses: bool,
        descriptors: bool,
        max_depth: int | None,
        home_module: str | None,
        hypothetical_bases: tuple[type, ...] = (),
        hypothetical_metaclass: type | None = None,
        home_only: bool = False,
    ) -> None:
        self.home_only = home_only
        self.hide_object = hide_object
        self.metaclasses = metaclasses
        self.descriptors = descriptors
        self.max_depth = max_depth
        self.home_module = home_module
        self.hypothetical_bases = hypothetical_bases
        self.hypothetical_metaclass = hypothetical_metaclass
        self.order: list[Any] = []
        self.ids: dict[int, str] = {}
        self.used: set[str] = set()
        self.depth: dict[int, int] = {}
        self.meta_only: set[int] = set()
        self.targets: set[int] = set()
        self.meta_names: dict[int, str] = {}

    def _skip(self, cls: Any) -> bool:
        return self.hide_object and cls is object

    def _add(self, cls: Any, depth: int) -> bool:
        if id(cls) in self.ids:
            return False
        base = node_id(cls)
        ident, n = base, 1
        while ident in self.used:
            n += 1
            ident = f"{base}-{n}"
        self.used.add(ident)
        self.ids[id(cls)] = ident
        self.depth[id(cls)] = depth
        self.order.append(cls)
        return True

    def walk(self, roots: Sequence[Any]) -> None:
        """Breadth-first from the roots over the bases, in the bases' order."""
        queue: list[Any] = []
        for root in roots:
            self.targets.add(id(root))
            if self._add(root, 0):
                queue.append(root)
        self._bfs(queue)

    def _bfs(self, queue: list[Any], *, stop_at_type: bool = False) -> None:
        i = 0
        while i < len(queue):
            cls = queue[i]
            i += 1
            depth = self.depth[id(cls)]
            if self.max_depth is not None and depth >= self.max_depth:
                continue
            if self.home_only and id(cls) not in self.targets and _module(cls) != self.home_module:
                continue  # another module's class: drawn, its own ancestry counted, not expanded
            if stop_at_type and cls is type:
                continue
            for base in _bases(cls, self.hypothetical_bases):
                if self._skip(base):
                    continue
                if self._add(base, depth + 1):
                    queue.append(base)

    def add_metaclasses(self) -> list[tuple[Any, Any]]:
        pairs: list[tuple[Any, Any]] = []
        queue: list[Any] = []
        for cls in list(self.order):
            if isinstance(cls, NewClass):
                if self.hypothetical_metaclass is None:  # a metaclass conflict: there is none
                    continue
                meta: Any = self.hypothetical_metaclass
            else:
                meta = type(cls)
            if id(cls) not in self.targets:
                # Only where the metaclass comes in: a class with a drawn base of
                # the same metaclass inherits it silently (its node names it).
                if meta is type:
                    continue
                inherited = any(type(b) is meta and id(b) in self.ids for b in _bases(cls, self.hypothetical_bases))
                self.meta_names[id(cls)] = _name(meta)
                if inherited:
                    continue
            elif meta is not type:
                self.meta_names[id(cls)] = _name(meta)
            pairs.append((cls, meta))
            if id(meta) not in self.ids:
                self._add(meta, 0)
                self.meta_only.add(id(meta))
                queue.append(meta)
        saved, self.max_depth = self.max_depth, None
        before = set(self.ids)
        self._bfs(queue, stop_at_type=True)
        self.meta_only.update(k for k in self.ids if k not in before)
        self.max_depth = saved
        return pairs

    def edges(self) -> list[BaseEdge]:
        result: list[BaseEdge] = []
        for cls in self.order:
            if id(cls) in self.meta_only and cls is type:
                continue
            bases = _bases(cls, self.hypothetical_bases)
            for position, base in enumerate(bases, 1):
                if id(base) in self.ids and not (cls is type and base is object):
                    result.append(BaseEdge(self.ids[id(cls)], self.ids[id(base)], position, len(bases)))
        return result

    def nodes(self, mro_positions: dict[int, int], blocked: set[int]) -> list[DiagramNode]:
        result: list[DiagramNode] = []
        for cls in self.order:
            module = _module(cls)
            origin = _origin(cls)
            bases = _bases(cls, self.hypothetical_bases)
            hidden = sum(1 for b in bases if id(b) not in self.ids and not self._skip(b))
            if cls is type and id(cls) in self.meta_only:
                hidden = 0
            attributes = None
            if self.descriptors and origin == "user":
                attributes = _attributes(cls)
            result.append(
                DiagramNode(
                    id=self.ids[id(cls)],
                    name=_name(cls),
                    qualname=_qualname(cls),
                    module=module,
                    class_id=f"{module}:{_qualname(cls)}",
                    origin=origin,
                    show_module=origin not in ("builtin", "hypothetical") and module != self.home_module,
                    is_target=id(cls) in self.targets,
                    is_metaclass=id(cls) in self.meta_only,
                    depth=self.depth[id(cls)],
                    mro_position=mro_positions.get(id(cls)),
                    hidden_bases=hidden,
                    blocked=id(cls) in blocked,
                    attributes=attributes,
                    metaclass=self.meta_names.get(id(cls)),
                )
            )
        return result


def _mro_overlay(
    builder: _Builder, mro: Sequence[Any], edges: list[BaseEdge]
) -> tuple[dict[int, int], tuple[str, ...], tuple[MroHop, ...], list[BaseEdge]]:
    positions = {id(cls): i for i, cls in enumerate(mro, 1) if id(cls) in builder.ids}
    shown = [cls for cls in mro if id(cls) in builder.ids]
    ids = tuple(builder.ids[id(cls)] for cls in shown)
    edge_keys = {(e.sub, e.base) for e in edges}
    hops: list[MroHop] = []
    on_path: set[tuple[str, str]] = set()
    for a, b in itertools.pairwise(shown):
        ka, kb = builder.ids[id(a)], builder.ids[id(b)]
        along = (ka, kb) in edge_keys
        if along:
            on_path.add((ka, kb))
        hops.append(MroHop(ka, kb, positions[id(a)], along))
    marked = [BaseEdge(e.sub, e.base, e.position, e.count, (e.sub, e.base) in on_path) for e in edges]
    return positions, ids, tuple(hops), marked


def _names_line(names: Sequence[str], total: int | None = None) -> str:
    total = len(names) if total is None else total
    if total > SUBTITLE_LIMIT:
        return f"MRO: {total} classes, numbered in order"
    return "MRO: " + " \u2192 ".join(names)


def _finish(
    builder: _Builder,
    *,
    title: str,
    subtitle: str,
    direction: Direction,
    mro: Sequence[Any] = (),
    blocked: Sequence[Any] = (),
    cycle: Sequence[Constraint[Any]] = (),
    error: str | None = None,
    lin: Linearization[Any] | None = None,
) -> Diagram:
    meta_pairs = builder.add_metaclasses() if builder.metaclasses else []
    # What explains an error is drawn even beyond max_depth.
    for cls in [*blocked, *(k for c in cycle for k in (c.before, c.after))]:
        if id(cls) not in builder.ids and not builder._skip(cls):
            builder._add(cls, (builder.max_depth or 0) + 1)
    edges = builder.edges()
    positions, mro_ids, hops, edges = _mro_overlay(builder, mro, edges)
    nodes = builder.nodes(positions, {id(b) for b in blocked})
    conflict_edges = []
    for constraint in cycle:
        if id(constraint.before) in builder.ids and id(constraint.after) in builder.ids:
            conflict_edges.append(
                ConflictEdge(
                    builder.ids[id(constraint.before)],
                    builder.ids[id(constraint.after)],
                    _constraint_label(constraint),
                )
            )
    meta_edges = tuple(MetaEdge(builder.ids[id(c)], builder.ids[id(m)]) for c, m in meta_pairs)
    steps = _frames(builder, lin) if lin is not None else ()
    return Diagram(
        title=title,
        subtitle=subtitle,
        direction=direction,
        nodes=tuple(nodes),
        edges=tuple(edges),
        mro=mro_ids,
        hops=hops,
        meta_edges=meta_edges,
        conflict_edges=tuple(conflict_edges),
        error=error,
        steps=steps,
        targets=tuple(builder.ids[id(c)] for c in builder.order if id(c) in builder.targets),
    )


def _constraint_label(constraint: Constraint[Any]) -> str:
    before, after = _name(constraint.before), _name(constraint.after)
    if constraint.reason == "inherits":
        return f"{before} inherits from {after}"
    origin = constraint.origin
    who = _name(origin) if origin is not None else "the class statement"
    if constraint.reason == "bases" and origin is None:
        who = "the new class"
    return f"{who} needs {before} before {after}"


def _check_direction(direction: str) -> Direction:
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {', '.join(DIRECTIONS)}, not {direction!r}")
    return direction  # type: ignore[return-value]


def class_diagram(
    cls: type,
    *,
    hide_object: bool = False,
    metaclasses: bool = False,
    descriptors: bool = False,
    max_depth: int | None = None,
    direction: str = "TB",
    steps: bool = False,
) -> Diagram:
    """The diagram of *cls* and its ancestors, with its MRO (``cls.__mro__``) drawn on it.

    Args:
        cls: the target class.
        hide_object: leave :class:`object` out.
        metaclasses: name each class's metaclass (when it is not ``type``) in
            its node, and draw a dashed edge to the metaclass from the target
            and from every class that brings a new one (not inherited from
            a base); metaclasses are drawn with their bases up to ``type``.
        descriptors: list every user class's own attributes, grouped data /
            non-data / plain.
        max_depth: draw ancestors at most this many inheritance levels up.
        direction: ``TB``, ``BT``, ``LR`` or ``RL``.
        steps: also compute one :class:`StepFrame` per step of the C3 merge.
    """
    builder = _Builder(
        hide_object=hide_object,
        metaclasses=metaclasses,
        descriptors=descriptors,
        max_depth=max_depth,
        home_module=static.module_of(cls),
    )
    builder.walk([cls])
    mro = static.mro_of(cls)
    lin = explain_linearization(cls, trace=True) if steps else None
    return _finish(
        builder,
        title=static.class_id(cls),
        subtitle=_names_line([static.name_of(k) for k in mro]),
        direction=_check_direction(direction),
        mro=mro,
        lin=lin,
    )


def classes_diagram(
    classes: Sequence[type],
    *,
    title: str,
    home_module: str | None = None,
    hide_object: bool = False,
    metaclasses: bool = False,
    descriptors: bool = False,
    max_depth: int | None = None,
    direction: str = "TB",
    home_only: bool = False,
) -> Diagram:
    """The diagram of several classes (a module's) and the ancestors they need; no MRO overlay.

    ``home_only``: the ancestors of classes from other modules are not drawn (each such
    class says how many of its bases are not shown).
    """
    builder = _Builder(
        hide_object=hide_object,
        metaclasses=metaclasses,
        descriptors=descriptors,
        max_depth=max_depth,
        home_module=home_module,
        home_only=home_only,
    )
    builder.walk(list(classes))
    count = len(builder.targets)
    return _finish(
        builder,
        title=title,
        subtitle=f"{count} class{'es' if count != 1 else ''}",
        direction=_check_direction(direction),
    )


def what_if_diagram(
    bases: Sequence[type],
    *,
    name: str = "New",
    explicit_metaclass: type | None = None,
    hide_object: bool = False,
    metaclasses: bool = False,
    descriptors: bool = False,
    max_depth: int | None = None,
    direction: str = "TB",
    steps: bool = False,
) -> Diagram:
    """The diagram of ``class New(*bases)`` (not created) with the MRO it would get.

    When CPython would refuse the class, ``error`` holds its message; for an
    MRO conflict the blocked heads are flagged, the partial order is drawn and
    ``conflict_edges`` are the orderings that contradict each other.
    """
    bases = tuple(bases)
    result = check_bases(bases, explicit_metaclass=explicit_metaclass, name=name, trace=True)
    modules = {static.module_of(b) for b in bases}
    meta = result.metaclass.winner if result.metaclass is not None else explicit_metaclass
    builder = _Builder(
        hide_object=hide_object,
        metaclasses=metaclasses,
        descriptors=descriptors,
        max_depth=max_depth,
        home_module=modules.pop() if len(modules) == 1 else None,
        hypothetical_bases=bases,
        hypothetical_metaclass=meta,
    )
    lin = result.linearization
    target = lin.target if lin is not None else NewClass(name)
    builder.walk([target])
    names = ", ".join(static.name_of(b) for b in bases)
    title = f"class {name}({names})"
    direction_ = _check_direction(direction)
    if result.error is None:
        assert lin is not None
        return _finish(
            builder,
            title=title,
            subtitle=_names_line([_name(k) for k in lin.order]),
            direction=direction_,
            mro=lin.order,
            lin=lin if steps else None,
        )
    message = " ".join(result.error.message.split())
    if lin is not None and lin.conflict is not None:
        return _finish(
            builder,
            title=title,
            subtitle="TypeError: " + message,
            direction=direction_,
            mro=lin.order,
            blocked=lin.conflict.blocked,
            cycle=lin.conflict.cycle,
            error=message,
            lin=lin if steps else None,
        )
    # Flag what CPython names: the clashing metaclasses (drawn even without
    # ``metaclasses=True``), the bases with incompatible lay-outs, the base
    # that cannot be subclassed, the duplicated base.
    error: Any = result.error
    culprits: list[Any] = []
    if error.kind == "metaclass":
        builder.metaclasses = True
        culprits = [error.winner, error.clashing.metaclass]
    elif error.kind == "layout":
        culprits = [error.first, error.second]
    elif error.kind == "base-type":
        culprits = [error.base]
    elif error.kind == "duplicate" and error.duplicate is not None:
        culprits = [error.duplicate]
    return _finish(
        builder,
        title=title,
        subtitle="TypeError: " + message,
        direction=direction_,
        blocked=culprits,
        error=message,
    )


# ---------------------------------------------------------------------------
# C3 steps


def _frames(builder: _Builder, lin: Linearization[Any]) -> tuple[StepFrame, ...]:
    def ident(cls: Any) -> str | None:
        return builder.ids.get(id(cls))

    n_bases = len(lin.bases)
    labels = tuple(f"L[{_name(b)}]" for b in lin.bases) + (("bases",) if n_bases else ())

    def lists_at(offsets: Sequence[int]) -> tuple[MergeList, ...]:
        return tuple(
            MergeList(labels[j], tuple(_name(c) for c in lst), tuple(ident(c) for c in lst), offsets[j])
            for j, lst in enumerate(lin.lists)
        )

    def order_ids(classes: Sequence[Any]) -> tuple[str, ...]:
        return tuple(i for i in (ident(c) for c in classes) if i is not None)

    target = _name(lin.target)
    frames: list[StepFrame] = [
        StepFrame(
            0,
            f"L[{target}] = {target} + merge({', '.join(labels)})" if n_bases else f"{target} has no bases",
            order_ids(lin.order[:1]),
            None,
            (),
            lists_at((0,) * len(lin.lists)),
        )
    ]
    for step in lin.steps:
        blocked = tuple(
            (i, tuple(labels[j] for j in t.blocked_by))
            for t in step.tests
            if t.blocked_by and (i := ident(t.head)) is not None
        )
        if step.taken is None:
            caption = f"step {step.number}: every head is blocked; the merge is stuck"
        else:
            rejected = [
                f"{_name(t.head)} (in the tail of {', '.join(labels[j] for j in t.blocked_by)})"
                for t in step.tests
                if t.blocked_by
            ]
            caption = f"step {step.number}: take {_name(step.taken)}"
            if rejected:
                caption += "; skip " + "; ".join(rejected)
        frames.append(
            StepFrame(
                step.number,
                caption,
                order_ids(lin.result_before(step)),
                ident(step.taken) if step.taken is not None else None,
                blocked,
                lists_at(step.offsets),
                stuck=step.taken is None,
            )
        )
    if lin.conflict is None:
        frames.append(
            StepFrame(
                len(frames),
                "MRO: " + " \u2192 ".join(_name(c) for c in lin.order),
                order_ids(lin.order),
                None,
                (),
                lists_at(lin.final_offsets()),
                final=True,
            )
        )
    return tuple(frames)
