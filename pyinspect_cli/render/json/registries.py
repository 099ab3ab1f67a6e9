"""JSON documents of ``registries`` and ``metaclass``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from pyinspect_cli.core import static
from pyinspect_cli.core.hooks import relative_location as source_location
from pyinspect_cli.core.metaclasses import MetaclassExplanation, MetaclassHook, MetaclassUsage, Pattern
from pyinspect_cli.core.registries import ModuleResult, RegistriesReport
from pyinspect_cli.render.json import Document, Model, tool_version


class ModuleStatus(Model):
    name: str
    status: Literal["ok", "error"]
    message: str | None = None
    classes: int = 0


class HookModel(Model):
    name: str
    defined_in: str


class PatternModel(Model):
    kind: Literal["singleton", "registry"]
    hook: str
    container: str
    attribute: str | None
    guarded: bool
    lock: str | None
    source: str | None


class MetaclassModel(Model):
    name: str
    metaclass_mro: list[str]
    hooks: list[HookModel]
    patterns: list[PatternModel]
    classes: list[str]


class InitSubclassModel(Model):
    """A class's ``__init_subclass__``; ``library``: a class outside the analysed modules whose hook runs
    for the analysed classes (``subclasses``)."""

    owner: str
    parameters: list[str]
    stores_in: list[str]
    subclasses: list[str]
    source: str | None
    library: bool = False


class KeywordModel(Model):
    name: str
    value: str


class ClassKeywordsModel(Model):
    cls: str
    keywords: list[KeywordModel]
    received_by: list[str]


class SetNameModel(Model):
    owner: str
    attribute: str
    descriptor: str
    defined_in: str


class ClassGetItemModel(Model):
    cls: str
    defined_in: str


class MroEntriesModel(Model):
    cls: str
    written: list[str]
    hook_owners: list[str]
    bases: list[str]
    defines: bool


class HooksModel(Model):
    init_subclass: list[InitSubclassModel]
    class_keywords: list[ClassKeywordsModel]
    set_name: list[SetNameModel]
    class_getitem: list[ClassGetItemModel]
    mro_entries: list[MroEntriesModel]


class EntryModel(Model):
    key: str | None
    value: str
    kind: Literal["class", "instance", "classes", "data"]
    key_class: str | None
    value_class: str | None


class RegistryModel(Model):
    owner: str
    attribute: str
    container: str
    role: Literal["classes", "instances", "virtual subclasses"]
    filled_by: list[str]
    entries: list[EntryModel]


class ExternalRegistryModel(Model):
    """A registry filled by class-creation hooks outside the classes: a module-level container or a
    registry object (``location`` is ``module:name``)."""

    location: str
    container: str
    filled_by: list[str]
    entries: list[EntryModel]


class SkippedModel(Model):
    owner: str
    attribute: str
    container: str
    reason: str


class RegistriesDocument(Document):
    """``mro-explain registries MODULE [--recursive] --format json``.

    Schema 1.1 adds ``external_registries`` and ``library`` on ``__init_subclass__`` hooks.
    """

    schema_version: str = "1.1"
    command: str = "registries"
    target: str
    recursive: bool
    modules: list[ModuleStatus]
    metaclasses: list[MetaclassModel]
    hooks: HooksModel
    registries: list[RegistryModel]
    external_registries: list[ExternalRegistryModel] = []
    skipped: list[SkippedModel]


def _hooks(hooks: Sequence[MetaclassHook]) -> list[HookModel]:
    return [HookModel(name=h.name, defined_in=static.class_id(h.owner)) for h in hooks]


def _patterns(patterns: Sequence[Pattern]) -> list[PatternModel]:
    return [
        PatternModel(
            kind=p.kind,  # type: ignore[arg-type]
            hook=p.hook,
            container=p.container,
            attribute=p.attribute,
            guarded=p.guarded,
            lock=p.lock,
            source=source_location(p.source),
        )
        for p in patterns
    ]


def metaclass_model(usage: MetaclassUsage) -> MetaclassModel:
    return MetaclassModel(
        name=static.class_id(usage.metaclass),
        metaclass_mro=[static.class_id(k) for k in usage.metaclass_mro],
        hooks=_hooks(usage.hooks),
        patterns=_patterns(usage.patterns),
        classes=[static.class_id(c) for c in usage.classes],
    )


def registries_document(
    report: RegistriesReport, *, target: str, recursive: bool, modules: Sequence[ModuleResult]
) -> RegistriesDocument:
    hooks = report.hooks
    ids = static.class_id
    return RegistriesDocument(
        tool_version=tool_version(),
        target=target,
        recursive=recursive,
        modules=[
            ModuleStatus(name=m.name, status=m.status, message=m.message, classes=m.classes)  # type: ignore[arg-type]
            for m in modules
        ],
        metaclasses=[metaclass_model(u) for u in report.metaclasses],
        hooks=HooksModel(
            init_subclass=[
                InitSubclassModel(
                    owner=ids(h.owner),
                    parameters=list(h.parameters),
                    stores_in=sorted({w.holder for w in h.body.records}),
                    subclasses=[ids(c) for c in h.subclasses],
                    source=source_location(h.body.source),
                    library=h.library,
                )
                for h in hooks.init_subclass
            ],
            class_keywords=[
                ClassKeywordsModel(
                    cls=ids(k.cls),
                    keywords=[KeywordModel(name=n, value=v) for n, v in k.keywords],
                    received_by=list(k.receivers),
                )
                for k in hooks.keywords
            ],
            set_name=[
                SetNameModel(
                    owner=ids(s.owner),
                    attribute=s.attribute,
                    descriptor=ids(s.descriptor),
                    defined_in=ids(s.hook_owner),
                )
                for s in hooks.set_name
            ],
            class_getitem=[
                ClassGetItemModel(cls=ids(g.cls), defined_in=ids(g.hook_owner)) for g in hooks.class_getitem
            ],
            mro_entries=[
                MroEntriesModel(
                    cls=ids(m.cls),
                    written=list(m.written),
                    hook_owners=[ids(o) for o in m.hook_owners],
                    bases=[ids(b) for b in m.bases],
                    defines=m.defines,
                )
                for m in hooks.mro_entries
            ],
        ),
        registries=[
            RegistryModel(
                owner=ids(r.owner),
                attribute=r.attribute,
                container=r.container,
                role=r.role,  # type: ignore[arg-type]
                filled_by=list(r.filled_by),
                entries=[
                    EntryModel(
                        key=e.key,
                        value=e.value,
                        kind=e.kind,  # type: ignore[arg-type]
                        key_class=e.key_class,
                        value_class=e.value_class,
                    )
                    for e in r.entries
                ],
            )
            for r in report.registries
        ],
        external_registries=[
            ExternalRegistryModel(
                location=x.location,
                container=x.container,
                filled_by=list(x.filled_by),
                entries=[
                    EntryModel(
                        key=e.key,
                        value=e.value,
                        kind=e.kind,  # type: ignore[arg-type]
                        key_class=e.key_class,
                        value_class=e.value_class,
                    )
                    for e in x.entries
                ],
            )
            for x in report.external
        ],
        skipped=[
            SkippedModel(owner=ids(s.owner), attribute=s.attribute, container=s.container, reason=s.reason)
            for s in report.skipped
        ],
    )


# ---------------------------------------------------------------------------
# metaclass


class CandidateModel(Model):
    source: Literal["metaclass= keyword", "default", "base"]
    base: str | None
    metaclass: str
    decision: Literal["start", "keep", "switch", "conflict"]
    winner: str


class ExplicitModel(Model):
    source_found: bool
    written: str | None
    resolved: str | None
    inferred: bool


class MetaclassDocument(Document):
    """``mro-explain metaclass MODULE:CLASS --format json``."""

    command: str = "metaclass"
    cls: str
    metaclass: str
    metaclass_mro: list[str]
    explicit: ExplicitModel
    candidates: list[CandidateModel]
    winner: str | None
    matches: bool
    mro_override: str | None
    hooks: list[HookModel]
    patterns: list[PatternModel]
    notes: list[str]


def metaclass_document(explanation: MetaclassExplanation) -> MetaclassDocument:
    ids = static.class_id
    candidates: list[CandidateModel] = []
    for step in explanation.steps:
        if step.base is not None:
            source: Literal["metaclass= keyword", "default", "base"] = "base"
        elif explanation.explicit is not None:
            source = "metaclass= keyword"
        else:
            source = "default"
        candidates.append(
            CandidateModel(
                source=source,
                base=ids(step.base) if step.base is not None else None,
                metaclass=ids(step.candidate),
                decision=step.decision,  # type: ignore[arg-type]
                winner=ids(step.winner),
            )
        )
    return MetaclassDocument(
        tool_version=tool_version(),
        cls=ids(explanation.cls),
        metaclass=ids(explanation.actual),
        metaclass_mro=[ids(k) for k in static.mro_of(explanation.actual)],
        explicit=ExplicitModel(
            source_found=explanation.source_found,
            written=explanation.explicit_text,
            resolved=ids(explanation.explicit) if explanation.explicit is not None else None,
            inferred=explanation.inferred_explicit,
        ),
        candidates=candidates,
        winner=ids(explanation.winner) if explanation.winner is not None else None,
        matches=explanation.matches,
        mro_override=ids(explanation.mro_override) if explanation.mro_override is not None else None,
        hooks=_hooks(explanation.hooks),
        patterns=_patterns(explanation.patterns),
        notes=list(explanation.notes),
    )
