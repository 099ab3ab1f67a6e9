"""Audit tests: fake rules, the fixture packages, and helpers."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"

# The fixture packages are imported by the audit's workers, never collected by pytest.
collect_ignore = ["fixtures"]

if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))


@pytest.fixture
def fake_rules(monkeypatch: pytest.MonkeyPatch):
    """Register the fake rules of fake_rules.py (and only the built-in rule modules' META001)."""
    import fake_rules as module

    from pyinspect_cli.audit import rules as rules_pkg

    monkeypatch.setattr(rules_pkg, "RULE_MODULES", ["imports"])
    for rule in module.FAKE_RULES:
        monkeypatch.setitem(rules_pkg.RULES, rule.id, rule)
    return module
