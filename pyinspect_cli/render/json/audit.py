"""JSON documents of ``mro-explain audit --format json`` and ``mro-explain rules --format json``."""

from __future__ import annotations

from typing import Literal

from pyinspect_cli.render.json import Document, Model

Severity = Literal["error", "warning", "note"]
Status = Literal["ok", "import-error", "timeout", "crashed"]


class FindingModel(Model):
    """One finding. ``qualname``/``attribute`` are ``null`` when the finding is about a module or class."""

    rule: str
    name: str
    severity: Severity
    message: str
    module: str
    qualname: str | None
    attribute: str | None
    path: str | None
    line: int | None
    notes: list[str]
    fingerprint: str
    affected: list[str] = []  # every class one root cause reaches ("module:qualname"), when more than one


class ModuleModel(Model):
    """An audited module and how its audit went."""

    name: str
    status: Status
    path: str | None
    detail: str | None
    classes: int
    seconds: float
    printed_lines: int
    rule_errors: list[str]


class SummaryModel(Model):
    """Counts; ``failed`` is what the exit code says (1 when true)."""

    findings: int
    errors: int
    warnings: int
    notes: int
    suppressed: int
    baselined: int
    fixed_since_baseline: int
    modules: int
    modules_failed: int
    fail_on: Literal["error", "warning", "note", "never"]
    failed: bool
    seconds: float


class AuditDocument(Document):
    """``mro-explain audit --format json``."""

    schema_version: str = "1.1"  # 1.1: findings list the classes a root cause reaches (affected)
    command: str = "audit"
    rules: list[str]
    findings: list[FindingModel]
    modules: list[ModuleModel]
    summary: SummaryModel


class MeasuredModel(Model):
    """A rule's hand-labelled findings on the precision corpus (``benchmarks/bench_precision.py``)."""

    findings: int
    real: int
    debatable: int
    false: int
    corpus: str


class RuleModel(Model):
    """A rule and its documentation page."""

    id: str
    name: str
    severity: Severity
    precision: str
    measured: MeasuredModel | None = None
    scope: str
    enabled_by_default: bool
    summary: str
    what: str
    why: str
    wrong: str
    right: str
    fix: str
    references: list[str]
    tags: list[str]


class RulesDocument(Document):
    """``mro-explain rules --format json``."""

    schema_version: str = "1.1"  # 1.1: each rule's measured precision
    command: str = "rules"
    rules: list[RuleModel]
