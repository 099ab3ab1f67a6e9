"""JSON document of ``super``: the links of a super() chain, what runs, what is skipped."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from pyinspect_cli.core import static
from pyinspect_cli.core.super_chain import Issue
from pyinspect_cli.render.json import Document, Model, tool_version
from pyinspect_cli.render.super_chain import ChainView, LinkView


class LinkModel(Model):
    """One class in the MRO that defines the method, in MRO order."""

    defined_in: str
    continues: Literal["super", "explicit", "none", "unknown"]
    next: list[str]
    explicit_targets: list[str]
    runs: int
    conditional: bool
    inferred: bool
    generated: str | None
    call: str | None
    forwards_args: bool | None
    forwards_kwargs: bool | None
    consumes: list[str]
    required: list[str]
    accepts_args: bool | None
    accepts_kwargs: bool | None
    filename: str | None
    line: int | None
    notes: list[str]


Verdict = Literal["cooperative", "overrides", "broken", "unknown", "mixed"]


class IssueModel(Model):
    """A typed fact behind ``warnings``/``notes`` (``kind`` is one of the core's ``IssueKind`` values;
    ``warning`` tells a definite problem from a note)."""

    kind: str
    warning: bool
    owner: str | None
    other: str | None
    names: list[str]
    count: int
    limit: int
    text: str


class MethodSummaryModel(Model):
    """One method defined by two or more classes in the MRO (the no-METHOD form).

    ``verdict`` is one of ``cooperative``, ``overrides`` (plain overriding: no
    implementation after ``verdict_at`` calls ``super()``), ``broken``
    (``verdict_at`` ends the chain before implementations that call
    ``super()``), ``unknown`` (whether ``verdict_at`` continues cannot be
    told without running code), ``mixed``.
    """

    method: str
    verdict: Verdict
    verdict_at: str | None
    runs: list[str]
    skipped: list[str]


class SuperDocument(Document):
    """``mro-explain super MODULE:CLASS [METHOD] --format json``.

    With METHOD: ``links`` (MRO order), ``runs`` (call order, repeats kept),
    ``skipped``, ``verdict`` (see :class:`MethodSummaryModel`) and
    ``verdict_at`` (the class that ends the chain), ``warnings`` and
    ``notes``; ``methods`` is empty.

    Schema 2.0: ``verdict`` is a kind (it was ``"broken at X"``); the class is
    ``verdict_at``; plain overriding is ``overrides``, no longer ``broken``. Without METHOD:
    ``method`` is null and ``methods`` lists every method defined by two or
    more classes of the MRO with its verdict.
    """

    schema_version: str = "2.0"
    command: str = "super"
    target: str
    class_mro: list[str]
    method: str | None
    links: list[LinkModel]
    runs: list[str]
    skipped: list[str]
    verdict: Verdict | None
    verdict_at: str | None
    warnings: list[str]
    notes: list[str]
    issues: list[IssueModel] = []
    methods: list[MethodSummaryModel]


def _link(link: LinkView) -> LinkModel:
    return LinkModel(
        defined_in=link.class_id,
        continues=link.continues,  # type: ignore[arg-type]
        next=list(link.next_ids),
        explicit_targets=list(link.explicit_targets),
        runs=link.runs,
        conditional=link.conditional,
        inferred=link.inferred,
        generated=link.generated,
        call=link.call,
        forwards_args=link.forwards_args,
        forwards_kwargs=link.forwards_kwargs,
        consumes=list(link.consumes),
        required=list(link.required),
        accepts_args=link.accepts_args,
        accepts_kwargs=link.accepts_kwargs,
        filename=link.filename,
        line=link.line,
        notes=list(link.notes),
    )


def _issue(issue: Issue) -> IssueModel:
    return IssueModel(
        kind=issue.kind,
        warning=issue.warning,
        owner=static.class_id(issue.owner) if issue.owner is not None else None,
        other=static.class_id(issue.other) if issue.other is not None else None,
        names=list(issue.names),
        count=issue.count,
        limit=issue.limit,
        text=issue.text,
    )


def chain_document(view: ChainView) -> SuperDocument:
    return SuperDocument(
        tool_version=tool_version(),
        target=view.class_id,
        class_mro=list(view.mro_ids),
        method=view.method,
        links=[_link(link) for link in view.links],
        runs=list(view.run_ids),
        skipped=list(view.skipped_ids),
        verdict=view.verdict,
        verdict_at=view.stopper_id if view.verdict in ("overrides", "broken", "unknown") else None,
        warnings=list(view.warnings),
        notes=list(view.notes),
        issues=[_issue(i) for i in view.issues],
        methods=[],
    )


def summary_document(class_id: str, mro: Sequence[str], views: Sequence[ChainView]) -> SuperDocument:
    return SuperDocument(
        tool_version=tool_version(),
        target=class_id,
        class_mro=list(mro),
        method=None,
        links=[],
        runs=[],
        skipped=[],
        verdict=None,
        verdict_at=None,
        warnings=[],
        notes=[],
        methods=[
            MethodSummaryModel(
                method=v.method,
                verdict=v.verdict,
                verdict_at=v.stopper_id if v.verdict in ("overrides", "broken", "unknown") else None,
                runs=list(v.run_ids),
                skipped=list(v.skipped_ids),
            )
            for v in views
        ],
    )
