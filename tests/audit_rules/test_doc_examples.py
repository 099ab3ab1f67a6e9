"""The examples each rule's documentation shows are the files the rule is tested on.

``pyinspect_cli/audit/rules/docs/<ID>/bad.py`` is shown as "Wrong" by
``mro-explain rules ID``, docs/rules.md and SARIF help; the rule must report it.
``good.py`` is shown as "Right"; the rule must be silent on it.
"""

from __future__ import annotations

import importlib.util
import sys
import types
from pathlib import Path

import pytest

from pyinspect_cli.audit.findings import Finding
from pyinspect_cli.audit.rules import all_rules
from pyinspect_cli.audit.rules.base import DOCS_DIR, ClassContext, ModuleContext, Rule
from pyinspect_cli.loading import classes_defined_in

RULES = all_rules()


def _load(rule_id: str, which: str) -> types.ModuleType:
    path = DOCS_DIR / rule_id / f"{which}.py"
    name = f"_rule_doc_{rule_id.lower()}_{which}"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _findings(rule: Rule, module: types.ModuleType) -> list[Finding]:
    name = module.__name__
    ctx = ModuleContext(module, name, module.__file__, Path(module.__file__ or "").name, [])
    ctx.classes = classes_defined_in(module, name)
    return [f for cls in ctx.classes for f in rule.check(ClassContext(cls, ctx)) if f.rule == rule.id]


@pytest.mark.parametrize("rule_id", [r for r, rule in RULES.items() if rule.scope == "class"])
def test_the_wrong_example_is_reported_and_the_right_one_is_not(rule_id: str) -> None:
    rule = RULES[rule_id]
    assert _findings(rule, _load(rule_id, "bad")), f"{rule_id}: docs/{rule_id}/bad.py is not reported"
    assert _findings(rule, _load(rule_id, "good")) == [], f"{rule_id}: docs/{rule_id}/good.py is reported"


def test_meta001_examples() -> None:
    with pytest.raises(TypeError, match="consistent method resolution"):
        _load("META001", "bad")
    _load("META001", "good")


@pytest.mark.parametrize("rule_id", list(RULES))
def test_the_docs_show_the_example_files(rule_id: str) -> None:
    doc = RULES[rule_id].doc
    assert doc.wrong == (DOCS_DIR / rule_id / "bad.py").read_text(encoding="utf-8").rstrip("\n")
    assert doc.right == (DOCS_DIR / rule_id / "good.py").read_text(encoding="utf-8").rstrip("\n")
