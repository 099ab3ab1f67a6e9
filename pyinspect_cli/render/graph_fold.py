"""Folding a large diagram so that it stays readable: several classes drawn as one listing box.

A diagram of more than :data:`~pyinspect_cli.render.graph.LARGE` classes is
folded:

* in a class diagram (an MRO), the classes of one module other than the
  target's become one box that lists them in MRO order, each with its badge;
* in a module diagram, the classes of each *other* module (ancestors the
  module needs) become one box, and so do three or more of the module's own
  classes that nobody here subclasses and that have the same bases (the many
  direct subclasses of one base).

Nothing is dropped: every folded class is named in its box, with its badge.
The inheritance edges between folded classes are left out (the box says so);
the edges into and out of a box are merged, ``×N`` counting the merged ones.
``--full`` (``full=True``) draws every class as its own box.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from pyinspect_cli.core.hierarchy import Diagram, DiagramNode

__all__ = ["SIBLINGS", "FoldBox", "FoldPlan", "fold_plan"]

#: own classes with the same bases and no subclass drawn that are listed in one box, from this many
SIBLINGS = 3


@dataclass(frozen=True, slots=True)
class FoldBox:
    """Classes drawn as one box: ``kind`` is ``module`` (one module's classes) or ``siblings``."""

    id: str
    kind: Literal["module", "siblings"]
    module: str
    members: tuple[DiagramNode, ...]
    #: for ``siblings``: the qualnames of their common bases
    bases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FoldPlan:
    """The boxes of a folded diagram, and which box each folded class is in (by node id)."""

    boxes: tuple[FoldBox, ...] = ()
    owner: Mapping[str, str] = field(default_factory=dict)

    @property
    def folded(self) -> int:
        """How many classes are drawn inside boxes."""
        return sum(len(b.members) for b in self.boxes)

    def representative(self, node_id: str) -> str:
        """The id of the box that draws *node_id*: its fold box, or itself."""
        return self.owner.get(node_id, node_id)


def _foldable(node: DiagramNode) -> bool:
    # targets, classes flagged by an error, metaclasses and attribute lists stay boxes of their own
    return not (node.is_target or node.blocked or node.is_metaclass or node.attributes is not None)


def fold_plan(diagram: Diagram, *, limit: int) -> FoldPlan:
    """How to draw *diagram* when it has more than *limit* classes: which classes share a box (see the module)."""
    if len(diagram.nodes) <= limit:
        return FoldPlan()
    homes = {n.module for n in diagram.nodes if n.is_target}
    # the two ends of an ordering that contradicts another stay boxes of their own
    ends = {i for c in diagram.conflict_edges for i in (c.before, c.after)}
    by_module: dict[str, list[DiagramNode]] = {}
    for node in diagram.nodes:
        if _foldable(node) and node.module not in homes and node.id not in ends:
            by_module.setdefault(node.module, []).append(node)
    candidates: list[tuple[Literal["module", "siblings"], str, list[DiagramNode], tuple[str, ...]]] = [
        ("module", module, members, ()) for module, members in by_module.items() if len(members) > 1
    ]
    if not diagram.mro:
        candidates.extend(_sibling_groups(diagram, homes))
    # in the order of their first class in the MRO (or in the diagram)
    position = {n.id: (n.mro_position or 0, i) for i, n in enumerate(diagram.nodes)}
    candidates.sort(key=lambda c: min(position[n.id] for n in c[2]))
    boxes: list[FoldBox] = []
    owner: dict[str, str] = {}
    for kind, module, members, bases in candidates:
        ident = f"folded-{len(boxes) + 1}"
        ordered = sorted(members, key=lambda n: (n.mro_position is None, n.mro_position or 0))
        boxes.append(FoldBox(ident, kind, module, tuple(ordered), bases))
        owner.update((n.id, ident) for n in members)
    return FoldPlan(tuple(boxes), owner)


def _sibling_groups(
    diagram: Diagram, homes: set[str]
) -> list[tuple[Literal["module", "siblings"], str, list[DiagramNode], tuple[str, ...]]]:
    """Own classes nobody here subclasses that share the same bases, :data:`SIBLINGS` or more."""
    has_sub = {e.base for e in diagram.edges}
    bases: dict[str, list[str]] = {}
    for e in diagram.edges:
        bases.setdefault(e.sub, []).append(e.base)
    groups: dict[tuple[str, ...], list[DiagramNode]] = {}
    for node in diagram.nodes:
        if node.module in homes and node.id not in has_sub and _foldable_sibling(node) and node.id in bases:
            groups.setdefault(tuple(bases[node.id]), []).append(node)
    names = {n.id: n.qualname for n in diagram.nodes}
    return [
        ("siblings", members[0].module, members, tuple(names[b] for b in key))
        for key, members in groups.items()
        if len(members) >= SIBLINGS
    ]


def _foldable_sibling(node: DiagramNode) -> bool:
    # in a module diagram every own class is a target: only errors, metaclasses and attributes keep a box
    return not (node.blocked or node.is_metaclass or node.attributes is not None)
