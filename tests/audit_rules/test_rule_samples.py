"""Every rule on a buggy and a correct sample: exactly the expected findings, nothing else."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

from audit_rules import samples
from audit_rules.helpers import audit_module, our_rules
from pyinspect_cli.audit.findings import Severity

SAMPLE_MODULES = sorted(
    info.name
    for info in pkgutil.iter_modules(samples.__path__, samples.__name__ + ".")
    if info.name.endswith(("_bad", "_ok"))
)
RULE_IDS = [
    "DESC001",
    "DESC002",
    "DESC004",
    "DESC005",
    "DESC006",
    "DESC007",
    "DESC009",
    "DESC011",
    "DESC012",
    "DESC013",
    "ATTR001",
    "ATTR003",
    "ATTR005",
    "META003",
    "META004",
    "META005",
]

OFF_BY_DEFAULT = ("ATTR005", "META004", "META005")


def test_every_rule_is_registered_with_documentation() -> None:
    rules = our_rules()
    assert sorted(rules) == sorted(RULE_IDS)
    names = [rule.name for rule in rules.values()]
    assert len(set(names)) == len(names)
    for rule in rules.values():
        assert rule.scope == "class"
        assert rule.summary and rule.name
        doc = rule.doc
        assert doc.what and doc.why and doc.wrong and doc.right and doc.fix, rule.id
        assert doc.references, rule.id
        compile(doc.wrong, f"<{rule.id} wrong>", "exec")
        compile(doc.right, f"<{rule.id} right>", "exec")
    assert not rules["META004"].enabled_by_default
    assert not rules["META005"].enabled_by_default
    assert not rules["ATTR005"].enabled_by_default
    assert all(rules[r].enabled_by_default for r in RULE_IDS if r not in OFF_BY_DEFAULT)


def test_every_rule_has_a_bad_and_an_ok_sample() -> None:
    for rule_id in RULE_IDS:
        if rule_id == "DESC005":
            continue  # shares desc004's shape but has its own files below
        stem = rule_id.lower()
        assert f"{samples.__name__}.{stem}_bad" in SAMPLE_MODULES, rule_id
        assert f"{samples.__name__}.{stem}_ok" in SAMPLE_MODULES, rule_id
    assert f"{samples.__name__}.desc005_bad" in SAMPLE_MODULES


@pytest.mark.parametrize("module_name", SAMPLE_MODULES)
def test_sample_gets_exactly_the_expected_findings(module_name: str) -> None:
    module = importlib.import_module(module_name)
    rule = our_rules()[module.RULE]
    findings = audit_module(module, [rule])
    got = {(f.qualname, f.attribute): f.severity.value for f in findings}
    assert got == module.EXPECTED
    assert len(findings) == len(got), "one finding per (class, attribute): no duplicates"
    for f in findings:
        assert f.rule == rule.id
        assert f.module == module.__name__
        short = f.qualname.rsplit(".", 1)[-1]
        assert short in f.message, f.message
        assert f.attribute in f.message, f.message
        assert "\n" not in f.message
        assert f.location is not None and f.location.line > 1
        assert f.notes


@pytest.mark.parametrize("module_name", [m for m in SAMPLE_MODULES if m.endswith("_ok")])
def test_correct_samples_are_clean_for_every_rule(module_name: str) -> None:
    module = importlib.import_module(module_name)
    findings = audit_module(module, our_rules().values())
    assert [(f.rule, f.qualname, f.attribute) for f in findings] == []


def test_findings_point_at_the_offending_line() -> None:
    from audit_rules.samples import desc002_bad, desc006_bad

    (front,) = [f for f in audit_module(desc002_bad, [our_rules()["DESC002"]]) if f.attribute == "front"]
    lines = open(desc002_bad.__file__).read().splitlines()
    assert lines[front.location.line - 1].strip() == "self.front = 0"
    (fixed,) = [f for f in audit_module(desc006_bad, [our_rules()["DESC006"]]) if f.qualname == "Fixed"]
    assert open(desc006_bad.__file__).read().splitlines()[fixed.location.line - 1].strip() == "self.size = size"
    assert "Sized.__init__()" in fixed.message


def test_severity_values_are_valid() -> None:
    for rule in our_rules().values():
        assert isinstance(rule.severity, Severity)


@pytest.mark.parametrize(
    ("module_name", "rule_id", "qualname", "subclass"),
    [
        ("desc002_bad", "DESC002", "Child", "GrandChild"),
        ("desc004_bad", "DESC004", "Point", "Point3"),
        ("desc006_bad", "DESC006", "Fixed", "FixedChild"),
    ],
)
def test_inherited_findings_are_reported_once_and_name_the_subclasses(
    module_name: str, rule_id: str, qualname: str, subclass: str
) -> None:
    module = importlib.import_module(f"{samples.__name__}.{module_name}")
    findings = [f for f in audit_module(module, [our_rules()[rule_id]]) if f.qualname in (qualname, subclass)]
    assert [f.qualname for f in findings] == [qualname]
    assert f"also affects its subclasses {subclass}" in findings[0].notes
