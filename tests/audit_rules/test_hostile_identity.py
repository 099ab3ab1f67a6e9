"""Types are compared by identity: a class attribute whose type has a hostile metaclass is never compared.

``type(x) in (staticmethod, classmethod)`` calls ``==`` on ``type(x)``, which
runs a custom metaclass's ``__eq__``. The values below are instances of
:mod:`sample_modules.hostile` classes (their type's metaclass raises on
``__eq__``, ``__hash__``, attribute access and ``repr``), stored where the
super() chain core and the audit rules look at class attributes.
"""

from __future__ import annotations

from typing import Any

import pytest

from audit_rules.helpers import audit_module
from pyinspect_cli.audit.rules import all_rules
from pyinspect_cli.core import super_chain as sc
from sample_modules import hostile


def _hostile_classes() -> tuple[list[type], Any]:
    """Classes whose methods are instances of a hostile class (built once, CALLS cleared)."""
    spy: Any = object.__new__(hostile.Root)  # an object whose type's metaclass is hostile.Hostile

    class Plain:
        def __init__(self) -> None:
            self.method = 1

    class Mixed(hostile.Left, hostile.Right):
        __init__ = spy
        method = spy
        setUp = spy
        __enter__ = spy

        def __init_subclass__(cls, **kwargs: Any) -> None:
            pass

    class Child(Mixed, Plain):
        method = spy
        __getattr__ = spy

        def __init__(self) -> None:
            super().__init__()
            self.setUp = 2

    class Again(hostile.Bottom, Plain):
        method = spy
        __exit__ = spy

    hostile.CALLS.clear()
    return [Plain, Mixed, Child, Again, hostile.Bottom, hostile.Root], spy


def test_super_chain_compares_hostile_types_by_identity() -> None:
    classes, spy = _hostile_classes()
    assert sc.function_of(spy) is None
    assert sc.is_method_like(spy) is False
    assert sc.function_of(staticmethod(spy)) is None
    for cls in classes:
        for method in ("__init__", "method", "setUp", "__enter__", "__exit__", "__init_subclass__", "__getattr__"):
            chain = sc.super_chain(cls, method)
            assert sc.cached_super_chain(cls, method).links == chain.links
            sc.verdict(chain)
            sc.broken_at(chain)
        sc.shared_methods(cls)
    assert hostile.CALLS == []


def test_function_of_compares_hostile_types_by_identity() -> None:
    """The rules unwrap methods with core's function_of: a hostile class is never compared with ``==``."""
    from pyinspect_cli.core.functions import function_of

    _, spy = _hostile_classes()
    assert function_of(spy) is None
    assert function_of(classmethod(spy)) is None

    def f() -> None:
        pass

    assert function_of(staticmethod(f)) is f
    assert function_of(classmethod(f)) is f
    assert hostile.CALLS == []


@pytest.mark.parametrize("rule_id", sorted(all_rules()))
def test_every_rule_leaves_hostile_classes_alone(rule_id: str) -> None:
    classes, _ = _hostile_classes()
    rule = all_rules()[rule_id]
    if rule.scope == "module":
        pytest.skip("module-scope rule: no class to look at")
    from pyinspect_cli.audit.rules.base import ClassContext, ModuleContext

    mctx = ModuleContext(None, __name__, __file__, __file__, classes)
    for cls in classes:
        list(rule.check(ClassContext(cls, mctx)))
    assert hostile.CALLS == []


def test_the_hostile_sample_through_every_rule() -> None:
    hostile.CALLS.clear()
    audit_module(hostile, all_rules().values())
    assert hostile.CALLS == []
