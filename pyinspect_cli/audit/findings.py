"""Findings: what a rule reports. Plain, picklable data (they cross process boundaries)."""

from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass, field


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


@dataclass(frozen=True, slots=True)
class Measured:
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


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a source file; ``path`` as given to the user (relative when possible), 1-based lines."""

    path: str
    line: int
    column: int | None = None
    end_line: int | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found by one rule.

    ``module``/``qualname``/``attribute`` name the code the finding is about
    (``qualname`` is ``None`` for module-level findings such as import
    failures). ``notes`` carry extra lines of explanation (the MRO, who is
    skipped...). ``symbol`` is what the fingerprint is computed from: it must
    not contain line numbers, so that baselines survive code moving around.
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

    @property
    def fingerprint(self) -> str:
        """A stable id: rule + module + qualname + attribute + symbol (no line numbers)."""
        key = "\x1f".join((self.rule, self.module, self.qualname or "", self.attribute or "", self.symbol))
        return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:20]


@dataclass(frozen=True, slots=True)
class ModuleStatus:
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


@dataclass
class AuditResult:
    """Everything an audit produced, before any filtering for output."""

    findings: list[Finding] = field(default_factory=list)
    modules: list[ModuleStatus] = field(default_factory=list)
    suppressed: int = 0
    baselined: int = 0
