from __future__ import annotations

import json
from pathlib import Path

import pytest

from pyinspect_cli.audit.baseline import apply_baseline, read_baseline, write_baseline
from pyinspect_cli.audit.findings import Finding, Location, Severity
from pyinspect_cli.errors import ConfigError


def f(rule: str, qualname: str, line: int, attribute: str | None = None) -> Finding:
    return Finding(
        rule, Severity.error, f"{qualname} is wrong", "pkg.mod", qualname, attribute, Location("pkg/mod.py", line)
    )


def test_round_trip_and_line_moves(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    old = [f("MRO001", "B", 30), f("DESC001", "A", 10, "x"), f("DESC001", "A", 12, "x")]
    assert write_baseline(path, old) == 3
    data = json.loads(path.read_text())
    assert data["tool"] == "mro-explain" and data["version"] == 1
    assert [e["rule"] for e in data["findings"]] == ["DESC001", "DESC001", "MRO001"]
    assert "line" not in data["findings"][0]
    baseline = read_baseline(path)
    moved = [f("MRO001", "B", 99), f("DESC001", "A", 50, "x"), f("DESC001", "A", 51, "x"), f("DESC001", "A", 52, "x")]
    new = [f("DESC002", "C", 1)]
    kept, matched, fixed = apply_baseline(moved + new, baseline)
    assert matched == 3 and fixed == 0
    # the third identical DESC001 finding is new: a baseline counts occurrences
    assert [(k.rule, k.location.line) for k in kept] == [("DESC001", 52), ("DESC002", 1)]
    kept, matched, fixed = apply_baseline([f("MRO001", "B", 1)], baseline)
    assert kept == [] and matched == 1 and fixed == 2


def test_bad_baselines(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="baseline file not found"):
        read_baseline(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(ConfigError, match="invalid JSON"):
        read_baseline(bad)
    bad.write_text('{"findings": []}')
    with pytest.raises(ConfigError, match="not an mro-explain baseline"):
        read_baseline(bad)
