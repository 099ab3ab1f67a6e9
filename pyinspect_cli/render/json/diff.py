"""JSON documents of ``snapshot`` (the lock file ``diff --against`` reads) and ``diff``."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, ValidationError

from pyinspect_cli.core.diff import ClassDiff, DiffResult, Level
from pyinspect_cli.core.facts import AttributeFact, ChainFact, ClassFacts, ModuleFailure, Snapshot
from pyinspect_cli.errors import ConfigError
from pyinspect_cli.render.json import SCHEMA_VERSION, Document, Model, tool_version

KindName = Literal["data", "non-data", "plain"]


# ---------------------------------------------------------------------------
# snapshot


class AttributeModel(Model):
    """The winning definition of a public or dunder name: its class, kind and type."""

    name: str
    winner: str
    kind: KindName
    type: str


class ChainModel(Model):
    """A method defined by two or more classes of the MRO: the implementations that run, in call order."""

    method: str
    runs: list[str]


class ClassFactsModel(Model):
    """One class: where it is, its MRO, metaclass, creation hooks, attribute winners and chains."""

    key: str
    module: str
    qualname: str
    file: str | None
    line: int | None
    bases: list[str]
    class_mro: list[str] = Field(alias="mro")
    metaclass: str
    hooks: list[str]
    attributes: list[AttributeModel]
    chains: list[ChainModel]


class FailureModel(Model):
    """A module that could not be read (``import-error``, ``timeout``, ``crashed``, ``outside-tree``)."""

    module: str
    status: str
    path: str | None
    detail: str | None


class SnapshotDocument(Document):
    """``mro-explain snapshot -o FILE``: the class facts of the code, the lock file ``diff --against`` reads.

    ``graph`` maps every class of the MROs to its bases (to trace a merge
    again without the code); ``modules`` are the modules read, ``failures``
    those that could not be.
    """

    command: str = "snapshot"
    targets: list[str]
    modules: list[str]
    classes: list[ClassFactsModel]
    graph: dict[str, list[str]]
    failures: list[FailureModel]


def snapshot_document(snapshot: Snapshot, targets: list[str]) -> SnapshotDocument:
    return SnapshotDocument(
        tool_version=tool_version(),
        targets=targets,
        modules=list(snapshot.modules),
        classes=[
            ClassFactsModel(
                key=c.key,
                module=c.module,
                qualname=c.qualname,
                file=c.file,
                line=c.line,
                bases=list(c.bases),
                mro=list(c.order),
                metaclass=c.metaclass,
                hooks=list(c.hooks),
                attributes=[
                    AttributeModel(name=a.name, winner=a.winner, kind=a.kind, type=a.type_name) for a in c.attributes
                ],
                chains=[ChainModel(method=ch.method, runs=list(ch.runs)) for ch in c.chains],
            )
            for c in snapshot.classes
        ],
        graph={key: list(bases) for key, bases in snapshot.graph},
        failures=[_failure(f) for f in snapshot.failures],
    )


def _failure(failure: ModuleFailure) -> FailureModel:
    return FailureModel(module=failure.module, status=failure.status, path=failure.path, detail=failure.detail)


def is_snapshot(data: object) -> bool:
    """Whether parsed JSON looks like a snapshot written by mro-explain (any schema version)."""
    return type(data) is dict and data.get("tool") == "mro-explain" and data.get("command") == "snapshot"


def read_snapshot(data: object, where: str) -> Snapshot:
    """The snapshot in parsed JSON *data* (read from *where*).

    Raises:
        ConfigError: not a snapshot, a newer major schema version, or invalid content.
    """
    if not is_snapshot(data):
        raise ConfigError(f"{where} is not an mro-explain snapshot", "write one with `mro-explain snapshot -o FILE`")
    assert type(data) is dict
    version = str(data.get("schema_version", ""))
    if version.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
        raise ConfigError(
            f"{where} has snapshot schema {version}; this mro-explain reads {SCHEMA_VERSION.split('.')[0]}.x",
            "write the snapshot again with this version: mro-explain snapshot -o FILE --force",
        )
    try:
        doc = SnapshotDocument.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first.get("loc", ()))
        raise ConfigError(f"{where} is not a valid snapshot: {loc}: {first.get('msg')}", None) from None
    return Snapshot(
        classes=tuple(
            ClassFacts(
                key=c.key,
                module=c.module,
                qualname=c.qualname,
                file=c.file,
                line=c.line,
                bases=tuple(c.bases),
                order=tuple(c.class_mro),
                metaclass=c.metaclass,
                hooks=tuple(c.hooks),
                attributes=tuple(AttributeFact(a.name, a.winner, a.kind, a.type) for a in c.attributes),
                chains=tuple(ChainFact(ch.method, tuple(ch.runs)) for ch in c.chains),
            )
            for c in doc.classes
        ),
        graph=tuple((key, tuple(bases)) for key, bases in sorted(doc.graph.items())),
        modules=tuple(doc.modules),
        failures=tuple(ModuleFailure(f.module, f.status, f.path, f.detail) for f in doc.failures),
    )


# ---------------------------------------------------------------------------
# diff


class DefinitionModel(Model):
    """A winning definition on one side."""

    winner: str
    kind: KindName
    type: str


class AttributeChangeModel(Model):
    """A name whose winning definition changed (``winner``) or changed kind or type (``kind``)."""

    name: str
    old: DefinitionModel
    new: DefinitionModel
    descriptor_replaced: bool


class ChainChangeModel(Model):
    """A super() chain whose ``runs`` changed: what stopped running, what started."""

    method: str
    old_runs: list[str]
    new_runs: list[str]
    stopped: list[str]
    started: list[str]


class MergeStepModel(Model):
    """The step of the new side's C3 merge where the order first differs from the old one."""

    number: int
    lists: list[list[str]]
    taken: str | None
    blocked: list[str]


class MroChangeModel(Model):
    """The MRO changed; ``bases_changed``/``changed_bases`` say which merged list changed."""

    old: list[str]
    new: list[str]
    old_bases: list[str]
    new_bases: list[str]
    bases_changed: bool
    changed_bases: list[str]
    diverges_at: int
    step: MergeStepModel | None


class SetChangeModel(Model):
    """Metaclass or creation hooks: old and new, with what stopped and started."""

    old: list[str]
    new: list[str]
    stopped: list[str]
    started: list[str]


class ClassChangeModel(Model):
    """Every change found for one class present on both sides."""

    key: str
    level: Level | None
    file: str | None
    line: int | None
    moved_from: str | None
    winners: list[AttributeChangeModel]
    chains: list[ChainChangeModel]
    kinds: list[AttributeChangeModel]
    mro_change: MroChangeModel | None = Field(alias="mro")
    metaclass: SetChangeModel | None
    hooks: SetChangeModel | None
    added_names: list[str]
    removed_names: list[str]


class SummaryModel(Model):
    """How many changes of each level, classes compared, added, removed and moved."""

    winner: int
    chain: int
    kind: int
    mro_changes: int = Field(alias="mro")
    compared: int
    changed_classes: int
    added: int
    removed: int
    moved: int


class DiffDocument(Document):
    """``mro-explain diff BASE [HEAD] --format json``: class machinery changes between two versions.

    ``classes`` come most consequential first (``level``: ``winner``,
    ``chain``, ``kind``, ``mro``; ``null`` when only names were added or
    removed). ``failed`` is true when a change at or above ``fail_on`` was
    found or a side could not be read (exit code 1).
    """

    command: str = "diff"
    base: str
    head: str
    fail_on: Level
    failed: bool
    summary: SummaryModel
    classes: list[ClassChangeModel]
    added: list[str]
    removed: list[str]
    moved: list[list[str]]
    base_failures: list[FailureModel]
    head_failures: list[FailureModel]


def _definition(fact: AttributeFact) -> DefinitionModel:
    return DefinitionModel(winner=fact.winner, kind=fact.kind, type=fact.type_name)


def merge_step(diff: ClassDiff) -> MergeStepModel | None:
    """The step of the new merge that takes the first entry that differs (``None``: not traced)."""
    change = diff.mro
    if change is None or change.merge is None:
        return None
    lin = change.merge
    for step in lin.steps:
        if step.number == change.diverges_at:
            return MergeStepModel(
                number=step.number,
                lists=[list(lst) for lst in lin.remaining(step.offsets)],
                taken=step.taken,
                blocked=[t.head for t in step.tests if not t.taken],
            )
    return None


def _class_model(diff: ClassDiff) -> ClassChangeModel:
    mro = diff.mro
    return ClassChangeModel(
        key=diff.key,
        level=diff.level,
        file=diff.new.file,
        line=diff.new.line,
        moved_from=diff.moved_from,
        winners=[
            AttributeChangeModel(
                name=w.name, old=_definition(w.old), new=_definition(w.new), descriptor_replaced=w.descriptor_replaced
            )
            for w in diff.winners
        ],
        chains=[
            ChainChangeModel(
                method=c.method,
                old_runs=list(c.old),
                new_runs=list(c.new),
                stopped=list(c.stopped),
                started=list(c.started),
            )
            for c in diff.chains
        ],
        kinds=[
            AttributeChangeModel(
                name=k.name, old=_definition(k.old), new=_definition(k.new), descriptor_replaced=k.descriptor_replaced
            )
            for k in diff.kinds
        ],
        mro=None
        if mro is None
        else MroChangeModel(
            old=list(mro.old),
            new=list(mro.new),
            old_bases=list(mro.old_bases),
            new_bases=list(mro.new_bases),
            bases_changed=mro.bases_changed,
            changed_bases=list(mro.changed_bases),
            diverges_at=mro.diverges_at,
            step=merge_step(diff),
        ),
        metaclass=None
        if diff.metaclass is None
        else SetChangeModel(
            old=[diff.metaclass.old],
            new=[diff.metaclass.new],
            stopped=[diff.metaclass.old],
            started=[diff.metaclass.new],
        ),
        hooks=None
        if diff.hooks is None
        else SetChangeModel(
            old=list(diff.hooks.old),
            new=list(diff.hooks.new),
            stopped=list(diff.hooks.stopped),
            started=list(diff.hooks.started),
        ),
        added_names=[a.name for a in diff.added_names],
        removed_names=[a.name for a in diff.removed_names],
    )


def diff_document(result: DiffResult, *, base: str, head: str, fail_on: Level, failed: bool) -> DiffDocument:
    return DiffDocument(
        tool_version=tool_version(),
        base=base,
        head=head,
        fail_on=fail_on,
        failed=failed,
        summary=SummaryModel(
            winner=result.count("winner"),
            chain=result.count("chain"),
            kind=result.count("kind"),
            mro=result.count("mro"),
            compared=result.compared,
            changed_classes=sum(1 for d in result.changed if d.ranked),
            added=len(result.added),
            removed=len(result.removed),
            moved=len(result.moved),
        ),
        classes=[_class_model(d) for d in result.changed],
        added=list(result.added),
        removed=list(result.removed),
        moved=[[old, new] for old, new in result.moved],
        base_failures=[_failure(f) for f in result.old_failures],
        head_failures=[_failure(f) for f in result.new_failures],
    )
