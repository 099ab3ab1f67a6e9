"""The rules never run user code: hostile metaclasses and spying descriptors stay silent."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import sample_modules
from audit_rules.helpers import audit_module, classes_in, our_rules


def test_hostile_classes_are_audited_without_calling_them() -> None:
    from sample_modules import hostile

    hostile.CALLS.clear()
    classes = classes_in(hostile)
    assert len(classes) >= 5
    findings = audit_module(hostile, our_rules().values())
    assert hostile.CALLS == []
    # Spy has __get__ without handling None? It raises unconditionally: nothing to report for DESC007.
    assert all(f.module == "sample_modules.hostile" for f in findings)


@pytest.mark.parametrize(
    "module_name",
    sorted(
        info.name
        for info in pkgutil.walk_packages(sample_modules.__path__, "sample_modules.")
        if "broken" not in info.name and "__main__" not in info.name
    ),
)
def test_sample_modules_are_audited_without_errors(module_name: str) -> None:
    try:
        module = importlib.import_module(module_name)
    except Exception as exc:  # a sample that fails on purpose is someone else's test
        pytest.skip(f"{module_name} does not import: {type(exc).__name__}")
    from sample_modules import hostile

    recorders = [hostile.CALLS]
    own = module.__dict__.get("CALLS")
    if type(own) is list:
        recorders.append(own)
    for calls in recorders:
        calls.clear()
    audit_module(module, our_rules().values())
    assert [calls for calls in recorders if calls] == []


def test_rules_do_not_touch_class_attributes_through_the_metaclass() -> None:
    """A metaclass whose __getattribute__ and a descriptor whose __get__ record every call."""
    calls: list[str] = []

    class Meta(type):
        def __getattribute__(cls, name: str) -> object:
            calls.append(f"meta {name}")
            return super().__getattribute__(name)

    class Recorder:
        def __get__(self, obj: object, objtype: object = None) -> object:
            calls.append("get")
            return self

        def __set__(self, obj: object, value: object) -> None:
            calls.append("set")

    class Target(metaclass=Meta):
        recorded = Recorder()

        def __init__(self) -> None:
            self.recorded = 1

        def __getattr__(self, name: str) -> object:
            calls.append("getattr")
            raise KeyError(name)

    from pyinspect_cli.audit.rules.base import ClassContext, ModuleContext

    ctx = ClassContext(Target, ModuleContext(None, __name__, __file__, __file__, [Target]))
    calls.clear()
    findings = [f for rule in our_rules().values() for f in rule.check(ctx)]
    assert calls == []
    assert [f.rule for f in findings] == ["ATTR001"]


def test_every_rule_fires_on_hostile_classes_without_touching_them() -> None:
    from audit_rules import hostile_sample

    hostile_sample.CALLS.clear()
    findings = audit_module(hostile_sample, our_rules().values())
    assert hostile_sample.CALLS == []
    got = {(f.rule, f.qualname) for f in findings}
    assert got >= {
        ("DESC001", "Spy"),
        ("DESC002", "Owner"),
        ("DESC004", "Slotted"),
        ("DESC005", "Meta"),
        ("DESC006", "Owner"),
        ("DESC007", "Spy"),
        ("DESC009", "SetOnly"),
        ("DESC011", "Owner"),
        ("DESC012", "Account"),
        ("DESC013", "Owner"),
        ("ATTR001", "Owner"),
        ("ATTR003", "Owner"),
        ("META003", "DropMeta"),
    }
