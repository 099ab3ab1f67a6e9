"""Baselines: record today's findings, then fail only on new ones.

A baseline is JSON, sorted, one entry per finding, keyed by
:attr:`~pyinspect_cli.audit.findings.Finding.fingerprint` (rule, module,
class, attribute: no line numbers, so moving code around keeps it valid).
The other fields are there for the people reviewing the file::

    {
      "tool": "mro-explain",
      "version": 1,
      "findings": [
        {"fingerprint": "3f2a...", "rule": "MRO001", "module": "pkg.views",
         "qualname": "OrderView", "attribute": "__init__", "message": "..."}
      ]
    }

The same fingerprint may appear more than once (two identical findings);
matching counts them.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from pyinspect_cli.audit.findings import Finding
from pyinspect_cli.core.record import Record
from pyinspect_cli.errors import ConfigError, OutputError

__all__ = ["Baseline", "apply_baseline", "read_baseline", "write_baseline"]

FORMAT_VERSION = 1


class Baseline(Record, frozen=False):
    """The fingerprints of a baseline file, with how many times each was recorded."""

    path: str
    counts: Counter[str]


def _entry(finding: Finding) -> dict[str, object]:
    return {
        "fingerprint": finding.fingerprint,
        "rule": finding.rule,
        "module": finding.module,
        "qualname": finding.qualname,
        "attribute": finding.attribute,
        "message": finding.message,
    }


def write_baseline(path: str | os.PathLike[str], findings: Iterable[Finding]) -> int:
    """Write *findings* as a baseline; return how many were written.

    Raises:
        OutputError: the file cannot be written.
    """
    entries = sorted(
        (_entry(f) for f in findings),
        key=lambda e: (str(e["module"]), str(e["qualname"] or ""), str(e["rule"]), str(e["fingerprint"])),
    )
    document = {"tool": "mro-explain", "version": FORMAT_VERSION, "findings": entries}
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    target = Path(path)
    try:
        if target.parent and not target.parent.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"cannot write the baseline {path}: {exc.strerror or exc}", None) from None
    return len(entries)


def read_baseline(path: str | os.PathLike[str]) -> Baseline:
    """Read a baseline file.

    Raises:
        ConfigError: the file is missing or is not a baseline (exit code 2).
    """
    from pyinspect_cli.audit.config import read_text_file

    hint = "write one with: mro-explain audit --write-baseline FILE"
    if not os.path.lexists(path):
        raise ConfigError(
            f"baseline file not found: {path}",
            f"create it with: mro-explain audit --write-baseline {path}",
        )
    text = read_text_file(path, what="baseline", hint=hint)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(
            f"{path} is not a baseline file (invalid JSON: {exc.msg} at line {exc.lineno})", None
        ) from None
    except RecursionError:
        raise ConfigError(f"{path} is not a baseline file (nested too deeply)", hint) from None
    entries = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(entries, list) or data.get("tool") != "mro-explain":
        raise ConfigError(f"{path} is not an mro-explain baseline", hint)
    version = data.get("version")
    if type(version) is not int or version != FORMAT_VERSION:
        raise ConfigError(
            f"{path}: baseline version {version!r} is not one this mro-explain reads (version {FORMAT_VERSION})",
            "regenerate it with --write-baseline",
        )
    counts: Counter[str] = Counter()
    for entry in entries:
        fingerprint = entry.get("fingerprint") if isinstance(entry, dict) else None
        if not isinstance(fingerprint, str):
            raise ConfigError(f"{path}: a baseline entry has no fingerprint", "regenerate it with --write-baseline")
        counts[fingerprint] += 1
    return Baseline(str(path), counts)


def apply_baseline(findings: Iterable[Finding], baseline: Baseline) -> tuple[list[Finding], int, int]:
    """Drop the findings recorded in *baseline*.

    Returns the new findings, how many were baselined, and how many baseline
    entries matched nothing any more (fixed since the baseline was written).
    """
    remaining = Counter(baseline.counts)
    kept: list[Finding] = []
    matched = 0
    for finding in findings:
        key = finding.fingerprint
        if remaining[key] > 0:
            remaining[key] -= 1
            matched += 1
        else:
            kept.append(finding)
    fixed = sum(n for n in remaining.values() if n > 0)
    return kept, matched, fixed
