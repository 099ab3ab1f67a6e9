"""JSON documents of ``mro-explain descriptors`` and ``mro-explain attr``."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from pyinspect_cli.core import static
from pyinspect_cli.core.attributes import (
    Branch,
    ClassOutcome,
    Hook,
    InstanceAssignment,
    InstanceOutcome,
    Resolution,
    WalkStep,
)
from pyinspect_cli.core.descriptors import AttributeInfo, Kind
from pyinspect_cli.render.json import Document, Model, tool_version

# the core's names for kinds and outcomes are the JSON's
KindName = Kind
InstanceOutcomeName = InstanceOutcome
ClassOutcomeName = ClassOutcome


class AttributeEntry(Model):
    """One attribute of a class: the winning definition on its MRO."""

    name: str
    defined_in: str
    overrides: list[str]
    kind: KindName
    type: str
    has_get: bool
    has_set: bool
    has_delete: bool
    has_set_name: bool
    accessors: list[str]
    value: str


class DescriptorsDocument(Document):
    """``mro-explain descriptors MODULE:CLASS``."""

    command: Literal["descriptors"] = "descriptors"
    target: str
    order: list[str] = Field(alias="mro")
    include_object: bool
    own_only: bool
    kind_filter: KindName | None
    pattern: str | None
    attributes: list[AttributeEntry]


class InstanceBranch(Model):
    """One branch of an instance access; the first whose ``when`` holds (null: always) is what Python does."""

    when: str | None
    outcome: InstanceOutcomeName
    defined_in: str | None
    explanation: str
    error: str | None


class ClassBranch(Model):
    """One branch of a class access."""

    when: str | None
    outcome: ClassOutcomeName
    defined_in: str | None
    explanation: str
    error: str | None


class WalkEntry(Model):
    """One class of an MRO walk; ``holds`` says whether its ``__dict__`` has the name."""

    cls: str
    holds: bool
    kind: KindName | None
    type: str | None


class HookEntry(Model):
    """A special method that changes the default attribute protocol.

    ``kind``: ``python`` (written in Python), ``builtin`` (a C class's own
    algorithm), ``frozen-dataclass``. ``falls_back``: for a ``__setattr__``/
    ``__delattr__`` written in Python, whether its code calls the default one
    (``null``: source not readable).
    """

    hook: str
    defined_in: str
    on_metaclass: bool
    kind: Literal["python", "builtin", "frozen-dataclass"]
    falls_back: bool | None
    note: str


class AssignmentEntry(Model):
    """``self.NAME = ...`` in a method: NAME lives on instances (found in the source, never run)."""

    cls: str
    function: str
    location: str


class AttrDocument(Document):
    """``mro-explain attr MODULE:CLASS NAME``.

    Schema 2.0: when a class of the MRO defines ``__setattr__``/``__delattr__``
    in Python, ``write``/``delete`` start with a ``setattr-hook``/``delattr-hook``
    branch and the default branches that follow are conditional on it.
    """

    schema_version: str = "2.0"
    command: Literal["attr"] = "attr"
    target: str
    name: str
    metaclass: str
    attribute: AttributeEntry | None
    metaclass_attribute: AttributeEntry | None
    instance_dict: bool
    mro_walk: list[WalkEntry]
    metaclass_mro_walk: list[WalkEntry]
    read: list[InstanceBranch]
    write: list[InstanceBranch]
    delete: list[InstanceBranch]
    class_read: list[ClassBranch]
    hooks: list[HookEntry]
    instance_assignments: list[AssignmentEntry]


def attribute_entry(attr: AttributeInfo) -> AttributeEntry:
    info = attr.info
    return AttributeEntry(
        name=attr.name,
        defined_in=static.class_id(attr.owner),
        overrides=[static.class_id(k) for k in attr.overrides],
        kind=info.kind,
        type=info.type_name,
        has_get=info.has_get,
        has_set=info.has_set,
        has_delete=info.has_delete,
        has_set_name=info.has_set_name,
        accessors=list(info.accessors),
        value=static.describe(attr.value),
    )


def descriptors_document(
    cls: type,
    attributes: list[AttributeInfo],
    *,
    include_object: bool,
    own_only: bool,
    kind: KindName | None,
    pattern: str | None,
) -> DescriptorsDocument:
    return DescriptorsDocument(
        tool_version=tool_version(),
        target=static.class_id(cls),
        mro=[static.class_id(k) for k in static.mro_of(cls)],
        include_object=include_object,
        own_only=own_only,
        kind_filter=kind,
        pattern=pattern,
        attributes=[attribute_entry(a) for a in attributes],
    )


def _owner(cls: type | None) -> str | None:
    return static.class_id(cls) if cls is not None else None


def _instance_branch(branch: Branch) -> InstanceBranch:
    return InstanceBranch(
        when=branch.when,
        outcome=branch.outcome,  # type: ignore[arg-type]
        defined_in=_owner(branch.defined_in),
        explanation=branch.explanation,
        error=branch.error,
    )


def _class_branch(branch: Branch) -> ClassBranch:
    return ClassBranch(
        when=branch.when,
        outcome=branch.outcome,  # type: ignore[arg-type]
        defined_in=_owner(branch.defined_in),
        explanation=branch.explanation,
        error=branch.error,
    )


def _walk(steps: tuple[WalkStep, ...]) -> list[WalkEntry]:
    return [
        WalkEntry(
            cls=static.class_id(step.cls),
            holds=step.holds,
            kind=step.info.kind if step.info is not None else None,
            type=step.info.type_name if step.info is not None else None,
        )
        for step in steps
    ]


def _hook(hook: Hook) -> HookEntry:
    return HookEntry(
        hook=hook.hook,
        defined_in=static.class_id(hook.owner),
        on_metaclass=hook.on_metaclass,
        kind=hook.kind,
        falls_back=hook.falls_back,
        note=hook.note,
    )


def attr_document(resolution: Resolution) -> AttrDocument:
    r = resolution
    return AttrDocument(
        tool_version=tool_version(),
        target=static.class_id(r.cls),
        name=r.name,
        metaclass=static.class_id(r.metaclass),
        attribute=attribute_entry(r.found) if r.found is not None else None,
        metaclass_attribute=attribute_entry(r.meta_found) if r.meta_found is not None else None,
        instance_dict=r.has_instance_dict,
        mro_walk=_walk(r.walk),
        metaclass_mro_walk=_walk(r.meta_walk),
        read=[_instance_branch(b) for b in r.read],
        write=[_instance_branch(b) for b in r.write],
        delete=[_instance_branch(b) for b in r.delete],
        class_read=[_class_branch(b) for b in r.class_read],
        hooks=[_hook(h) for h in r.hooks],
        instance_assignments=[
            AssignmentEntry(cls=static.class_id(a.cls), function=a.function, location=location(a))
            for a in r.assignments
        ],
    )


def location(assignment: InstanceAssignment) -> str:
    """``file:line`` of an assignment, relative to the current directory when below it."""
    from pyinspect_cli.core.hooks import relative_location

    return relative_location(f"{assignment.filename}:{assignment.lineno}") or assignment.filename
