"""Findings: what a rule reports. Plain, picklable data (they cross process boundaries)."""

from __future__ import annotations

import enum
from collections.abc import Iterable

from pyinspect_cli.core.record import Record, field


class Severity(str, enum.Enum):
    """How bad a finding is; also the SARIF ``level``."""

    error = "error"
    warning = "warning"
    note = "note"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "note": 1}[self.value]


class Precision(str, enum.Enum):
    """How sure a rule is (SARIF ``properties.precision``), from its measured figure (:class:`Measured`)."""

    very_high = "very-high"
    high = "high"
    medium = "medium"
    low = "low"
    not_measured = "not-measured"  # no finding on the precision corpus: SARIF leaves the property out


class Measured(Record):
    """A rule's findings on the precision corpus, every one labelled by hand (benchmarks/bench_precision.py).

    ``real``: a bug, confirmed by running code; ``debatable``: what the rule
    says is true, but the code may mean it; ``false``: the rule is wrong.
    """

    findings: int
    real: int
    debatable: int
    false: int

    @property
    def precision(self) -> float | None:
        """The share of findings that are not false (``None`` with no finding)."""
        return None if not self.findings else (self.findings - self.false) / self.findings

    @property
    def level(self) -> Precision:
        """SARIF's word for :attr:`precision`: very-high from 95%, high from 90%, medium from 70%."""
        share = self.precision
        if share is None:
            return Precision.not_measured
        if share >= 0.95:
            return Precision.very_high
        if share >= 0.9:
            return Precision.high
        if share >= 0.7:
            return Precision.medium
        return Precision.low


class Location(Record):
    """A place in a source file; ``path`` as given to the user (relative when possible), 1-based lines."""

    path: str
    line: int


class Finding(Record):
    """One problem found by one rule.

    ``module``/``qualname``/``attribute`` name the code the finding is about
    (``qualname`` is ``None`` for module-level findings such as import
    failures). ``notes`` carry extra lines of explanation (the MRO, who is
    skipped...). ``symbol`` is what the fingerprint is computed from: it must
    not contain line numbers, so that baselines survive code moving around.

    ``cause`` names the root cause when one design decision can produce
    findings in many classes (``MRO001``: the method and the class whose
    implementation ends the chain): :func:`group_by_cause` reports it once,
    with ``affected`` listing every class it reaches (``module:qualname``).
    """

    rule: str
    severity: Severity
    message: str
    module: str
    qualname: str | None = None
    attribute: str | None = None
    location: Location | None = None
    notes: tuple[str, ...] = ()
    symbol: str = ""
    cause: str = ""
    affected: tuple[str, ...] = ()

    @property
    def fingerprint(self) -> str:
        """A stable id: rule + module + qualname + attribute + symbol (no line numbers)."""
        key = "\x1f".join((self.rule, self.module, self.qualname or "", self.attribute or "", self.symbol))
        import hashlib  # here: loading OpenSSL costs more than an audit without findings

        return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def group_by_cause(findings: Iterable[Finding]) -> list[Finding]:
    """One finding per root cause: findings of one rule that share a ``cause`` become the first of them
    (by module and qualname), with every class they came from in ``affected`` and counted in a note.

    The finding kept has the fingerprint it had alone, so a baseline written
    when each class was reported on its own still suppresses the cause.
    """
    out: list[Finding] = []
    groups: dict[tuple[str, str], list[Finding]] = {}
    for finding in findings:
        if not finding.cause:
            out.append(finding)
            continue
        key = (finding.rule, finding.cause)
        if key not in groups:
            groups[key] = []
            out.append(finding)  # a placeholder, replaced below: keeps the input order
        groups[key].append(finding)
    merged: dict[tuple[str, str], Finding] = {}
    for key, items in groups.items():
        items.sort(key=lambda f: (f.module, f.qualname or ""))
        first = items[0]
        names = sorted({f"{f.module}:{f.qualname}" if f.qualname else f.module for f in items})
        if len(names) < 2:
            merged[key] = first
            continue
        shown = ", ".join(n.rpartition(":")[2] for n in names[:5]) + (
            f" and {len(names) - 5} more" if len(names) > 5 else ""
        )
        note = f"the same cause reaches {len(names)} classes: {shown}"
        merged[key] = first.replace(affected=tuple(names), notes=(*first.notes, note))
    return [merged[(f.rule, f.cause)] if f.cause else f for f in out]


class ModuleStatus(Record):
    """How auditing one module went: ``ok``, ``import-error``, ``timeout`` or ``crashed``.

    ``rule_errors`` lists rules that raised on one of the module's classes
    (``"RULE on qualname: ExcType: text"``; the audit went on without them);
    ``printed`` counts the lines the module wrote while it was imported (kept
    out of the output).
    """

    name: str
    status: str
    path: str | None = None
    detail: str | None = None
    classes: int = 0
    seconds: float = 0.0
    rule_errors: tuple[str, ...] = ()
    printed: int = 0


class AuditResult(Record, frozen=False):
    """Everything an audit produced, before any filtering for output."""

    findings: list[Finding] = field(default_factory=list)
    modules: list[ModuleStatus] = field(default_factory=list)
    suppressed: int = 0
    baselined: int = 0
