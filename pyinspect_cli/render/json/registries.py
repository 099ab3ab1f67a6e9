"""JSON documents of ``registries`` and ``metaclass``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from pyinspect_cli.core import static
from pyinspect_cli.core.metaclasses import MetaclassExplanation, MetaclassHook, Pattern
from pyinspect_cli.render.json import Document, Model, tool_version
from pyinspect_cli.render.registries_json import REGISTRIES_SCHEMA_VERSION, hook_dicts, pattern_dicts


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

    The schema of the document :func:`pyinspect_cli.render.registries_json.registries_data` builds
    (without pydantic, which costs more to import than reading a small package).

    Schema 1.1 adds ``external_registries`` and ``library`` on ``__init_subclass__`` hooks.
    """

    schema_version: str = REGISTRIES_SCHEMA_VERSION
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
    return [HookModel(**h) for h in hook_dicts(hooks)]


def _patterns(patterns: Sequence[Pattern]) -> list[PatternModel]:
    return [PatternModel(**p) for p in pattern_dicts(patterns)]


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
