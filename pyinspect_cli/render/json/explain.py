"""JSON documents of ``explain`` and ``what-if``."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from pyinspect_cli.render.conflicts import Line, line_text
from pyinspect_cli.render.explain_view import ClassView, LinearizationView, ListView, MroEntry, WhatIfView
from pyinspect_cli.render.json import Document, Model, tool_version


class MergedList(Model):
    label: str  # "L[B]" for a base's linearization, "bases" for the list of bases
    items: list[str]


class HeadTestModel(Model):
    """A head examined in a step: ``list`` is the label of the list it heads; ``blocked_by``
    the labels of the lists whose remaining tail holds it (empty: it was taken)."""

    list_label: str = Field(alias="list")
    head: str
    taken: bool
    blocked_by: list[str]


class StepModel(Model):
    """One merge step. ``offsets[i]`` is how many items of ``merged[i]`` were consumed before
    the step (the lists are not repeated per step, so deep hierarchies stay linear in size)."""

    number: int
    offsets: list[int]
    tests: list[HeadTestModel]
    taken: str | None


class ConstraintModel(Model):
    before: str
    after: str
    list_label: str = Field(alias="list")
    reason: str | None
    origin: str | None


class ConflictModel(Model):
    kind: Literal["mro", "duplicate", "layout", "base-type", "metaclass"]
    message: str
    explanation: list[str]
    blocked: list[str] = []
    constraints: list[ConstraintModel] = []
    suggested_bases: list[str] | None = None
    suggested_mro: list[str] | None = None


class LinearizationModel(Model):
    bases: list[MergedList]
    merged: list[MergedList]
    steps: list[StepModel]
    result: list[str]
    ok: bool


class ClassModel(Model):
    module: str
    qualname: str
    order: list[str] = Field(alias="mro")
    runtime_mro: list[str]
    mro_matches_runtime: bool
    mro_override: str | None
    notes: list[str]
    linearization: LinearizationModel | None
    conflict: ConflictModel | None


class ImportErrorModel(Model):
    module: str
    message: str
    filename: str | None
    line: int | None
    class_name: str | None
    bases: list[str] | None
    conflict: ConflictModel | None


class ExplainDocument(Document):
    command: str = "explain"
    target: str
    classes: list[ClassModel]
    import_error: ImportErrorModel | None = None


class WhatIfDocument(Document):
    """``class NAME(*bases)`` checked without creating it.

    The imagined class is in no module: its id has an empty module part (``":New"``), in
    ``mro`` (first), in the ``linearization`` and in ``error``; every other class is
    ``"module:qualname"``. ``ok``: CPython would create it; else ``error`` says why.

    Schema 2.0: the imagined class's id is ``":NAME"`` (it was ``"__main__:NAME"``).
    """

    schema_version: str = "2.0"
    command: str = "what-if"
    name: str
    bases: list[str]
    ok: bool
    order: list[str] | None = Field(alias="mro")
    metaclass: str | None
    mro_override: str | None
    linearization: LinearizationModel | None
    error: ConflictModel | None


def _lists(lists: tuple[ListView, ...]) -> list[MergedList]:
    return [MergedList(label=lst.label, items=list(lst.ids)) for lst in lists]


def linearization_model(view: LinearizationView) -> LinearizationModel:
    """The merge as data: the merged lists once, and every step's offsets and head tests."""
    labels = [lst.label for lst in view.merged]
    steps = [
        StepModel(
            number=s.number,
            offsets=list(s.offsets),
            tests=[
                HeadTestModel(
                    list=t.list_label, head=t.head_id, taken=t.taken, blocked_by=[labels[j] for j in t.blocked_by]
                )
                for t in s.tests
            ],
            taken=s.taken_id,
        )
        for s in view.steps
    ]
    return LinearizationModel(
        bases=_lists(view.base_lists),
        merged=_lists(view.merged),
        steps=steps,
        result=[e for e in _result_ids(view)],
        ok=view.ok,
    )


def _result_ids(view: LinearizationView) -> list[str]:
    ids = [view.target_id]
    ids.extend(s.taken_id for s in view.steps if s.taken_id is not None)
    if not view.steps and view.ok:
        by_name = _name_to_id(view)
        ids = [by_name.get(n, n) for n in view.result]
    return ids


def conflict_model(
    kind: str, message: str, explanation: tuple[Line, ...], view: LinearizationView | None
) -> ConflictModel:
    """The error object: CPython's message, the explanation, and for MRO conflicts the details."""
    if view is None or view.ok or kind != "mro":
        return ConflictModel(kind=kind, message=message, explanation=[line_text(x) for x in explanation])  # type: ignore[arg-type]
    by_name = _name_to_id(view)
    return ConflictModel(
        kind="mro",
        message=message,
        explanation=[line_text(x) for x in explanation],
        blocked=[by_name.get(b, b) for b in view.blocked],
        constraints=[ConstraintModel(**c) for c in view.constraints],
        suggested_bases=[by_name.get(b, b) for b in view.suggested_bases] if view.suggested_bases is not None else None,
        suggested_mro=[by_name.get(b, b) for b in view.suggested_mro] if view.suggested_mro is not None else None,
    )


def _name_to_id(view: LinearizationView) -> dict[str, str]:
    mapping = {view.target: view.target_id}
    for lst in view.merged:
        mapping.update(zip(lst.items, lst.ids))
    return mapping


def _ids(entries: tuple[MroEntry, ...]) -> list[str]:
    return [e.ident for e in entries]


def class_model(view: ClassView, *, trace: bool = True) -> ClassModel:
    lin = view.linearization
    conflict = conflict_model("mro", lin.message or "", lin.explanation, lin) if not lin.ok else None
    return ClassModel(
        module=view.module,
        qualname=view.qualname,
        mro=_ids(view.order),
        runtime_mro=_ids(view.runtime_mro),
        mro_matches_runtime=_ids(view.order) == _ids(view.runtime_mro),
        mro_override=view.mro_override,
        notes=list(view.notes),
        linearization=linearization_model(lin) if trace else None,
        conflict=conflict,
    )


def explain_document(target: str, views: list[ClassView], *, trace: bool = True) -> ExplainDocument:
    return ExplainDocument(
        tool_version=tool_version(),
        target=target,
        classes=[class_model(v, trace=trace) for v in views],
    )


def what_if_document(view: WhatIfView) -> WhatIfDocument:
    error = None
    if not view.ok:
        error = conflict_model(view.kind or "mro", view.message or "", view.explanation, view.linearization)
    lin = view.linearization
    return WhatIfDocument(
        tool_version=tool_version(),
        name=view.name,
        bases=_ids(view.bases),
        ok=view.ok,
        mro=_ids(view.order) if view.order is not None else None,
        metaclass=view.metaclass,
        mro_override=view.mro_override,
        linearization=linearization_model(lin) if lin is not None else None,
        error=error,
    )
