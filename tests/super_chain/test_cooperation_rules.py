"""The cooperation audit rules on buggy and correct samples, called directly."""

from __future__ import annotations

import types
from typing import Generic, TypeVar

import pytest

from pyinspect_cli.audit.findings import Finding, Severity
from pyinspect_cli.audit.rules import all_rules
from pyinspect_cli.audit.rules.base import ClassContext, ModuleContext, Rule
from pyinspect_cli.audit.rules.cooperation import META002, MRO001, MRO002, MRO003
from pyinspect_cli.loading import classes_defined_in
from sample_modules import (
    coop_args,
    coop_broken,
    coop_explicit,
    coop_generated,
    coop_hooks,
    coop_mixins,
    cooperative,
    hostile,
)

RULES = (MRO001, MRO002, MRO003, META002)


def module_context(module: types.ModuleType) -> ModuleContext:
    path = module.__file__
    return ModuleContext(
        module,
        module.__name__,
        path,
        f"sample_modules/{path.rsplit('/', 1)[-1]}" if path else None,
        classes_defined_in(module, module.__name__),
    )


def check(rule: Rule, cls: type) -> list[Finding]:
    module = __import__(cls.__module__, fromlist=["_"])
    return list(rule.check(ClassContext(cls, module_context(module))))


def audit(module: types.ModuleType) -> list[Finding]:
    mctx = module_context(module)
    return [f for cls in mctx.classes for rule in RULES for f in rule.check(ClassContext(cls, mctx))]


def test_rules_are_registered_with_docs() -> None:
    rules = all_rules()
    for rule in RULES:
        assert rules[rule.id] is rule
        assert rule.doc.what and rule.doc.why and rule.doc.wrong and rule.doc.right and rule.doc.fix
    assert (MRO001.name, MRO002.name, MRO003.name, META002.name) == (
        "super-chain-broken",
        "cooperative-mixin-misordered",
        "explicit-base-call-in-multiple-inheritance",
        "init-subclass-no-super",
    )


# -- MRO001 -----------------------------------------------------------------


def test_mro001_mixin_after_a_base_that_ends_init() -> None:
    [finding] = check(MRO001, coop_broken.TrackedWidget)
    assert finding.rule == "MRO001" and finding.severity is Severity.error
    assert finding.message == (
        "Widget.__init__ does not call super().__init__(): in the MRO of TrackedWidget, "
        "TrackingMixin.__init__ never runs"
    )
    assert finding.attribute == "__init__"
    assert finding.qualname == "TrackedWidget"
    assert finding.location is not None and finding.location.path == "sample_modules/coop_broken.py"
    assert finding.location.line == 43
    assert any(n.startswith("MRO: TrackedWidget → Widget → TrackingMixin") for n in finding.notes)


def test_mro001_reported_once_not_in_subclasses() -> None:
    assert check(MRO001, coop_broken.FancyTrackedWidget) == []


def test_mro001_correct_order_is_clean() -> None:
    assert check(MRO001, coop_broken.GoodTrackedWidget) == []
    assert check(MRO001, cooperative.Model) == []


def test_mro001_chain_broken_in_the_middle() -> None:
    [finding] = check(MRO001, coop_broken.Model)
    assert finding.message == (
        "Serializable.setup does not call super().setup(): in the MRO of Model, Base.setup never runs"
    )


def test_mro001_dataclass_and_c_terminators() -> None:
    [dc] = check(MRO001, coop_generated.StampedPoint)
    assert "Point.__init__ (dataclass __init__) never calls super().__init__()" in dc.message
    assert any("__post_init__" in n for n in dc.notes)
    [c] = check(MRO001, coop_generated.RegistryDict)
    assert "dict.__init__ (C implementation)" in c.message and "Registry.__init__ never runs" in c.message
    assert check(MRO001, coop_generated.PostInitPoint) == []
    assert check(MRO001, coop_generated.DictRegistry) == []


def test_mro001_ignores_single_inheritance_and_plain_overrides() -> None:
    class A:
        def __init__(self) -> None:
            pass

    class B(A):
        def __init__(self) -> None:  # forgets super: pylint W0231's business
            pass

    class X:
        def render(self) -> str:
            return "X"

    class Y:
        def render(self) -> str:
            return "Y"

    class Z(X, Y):  # an ordinary override of render()
        pass

    assert check(MRO001, B) == [] and check(MRO001, Z) == []


def test_fingerprints_do_not_depend_on_lines() -> None:
    [finding] = check(MRO001, coop_broken.TrackedWidget)
    assert finding.symbol == ("__init__:sample_modules.coop_broken:Widget>sample_modules.coop_broken:TrackingMixin")


# -- MRO002 -----------------------------------------------------------------


def test_mro002_misordered_mixins() -> None:
    findings = check(MRO002, coop_mixins.Wrong)
    assert sorted(f.message for f in findings) == [
        "AuditMixin.save calls super().save() but AuditMixin is listed after Model, whose save() does not: "
        "AuditMixin.save never runs for Wrong",
        "LoggingMixin.save calls super().save() but LoggingMixin is listed after Model, whose save() does not: "
        "LoggingMixin.save never runs for Wrong",
    ]
    assert {f.severity for f in findings} == {Severity.error}
    assert any("fix: list LoggingMixin before Model" in n for f in findings for n in f.notes)
    assert check(MRO001, coop_mixins.Wrong) == []  # not reported twice


def test_mro002_right_order_is_clean() -> None:
    assert check(MRO002, coop_mixins.Right) == []
    assert check(MRO002, coop_mixins.Conditional) == []


# -- MRO003 -----------------------------------------------------------------


def test_mro003_diamond_runs_root_twice() -> None:
    [finding] = check(MRO003, coop_explicit.Diamond)
    assert finding.severity is Severity.warning
    assert finding.message == (
        "Left.__init__ and Right.__init__ call a base's __init__ directly: "
        "in the MRO of Diamond, Root.__init__ runs 2 times"
    )


def test_mro003_explicit_call_jumps_over_a_cooperative_class() -> None:
    [finding] = check(MRO003, coop_explicit.DirectAndExtension)
    assert "CoopExtension.__init__ (which calls super()) never runs" in finding.message
    assert check(MRO001, coop_explicit.DirectAndExtension) == []


def test_mro003_cooperative_and_harmless_explicit_calls_are_clean() -> None:
    for cls in (coop_explicit.CoopDiamond, coop_explicit.Skipper, coop_explicit.Jumper, coop_explicit.Left):
        assert check(MRO003, cls) == [], cls


def test_mro003_alternative_explicit_calls_are_not_doubles() -> None:
    class Root:
        def tell(self) -> int:
            return 0

    class R(Root):
        def tell(self) -> int:
            return Root.tell(self)

    class W(Root):
        def tell(self) -> int:
            return Root.tell(self)

    class RW(R, W):
        flag = True

        def tell(self) -> int:
            if self.flag:
                return W.tell(self)
            return R.tell(self)

    assert check(MRO003, RW) == []


# -- META002 ----------------------------------------------------------------


def test_meta002_error_when_a_later_hook_is_skipped() -> None:
    [finding] = check(META002, coop_hooks.PluginBase)
    assert finding.severity is Severity.error
    assert finding.message == (
        "PluginBase.__init_subclass__ does not call super().__init_subclass__(): "
        "Tagged.__init_subclass__ never runs for its subclasses"
    )
    assert finding.location is not None and finding.location.line == 11


_ET = TypeVar("_ET")


class _HasEvents(Generic[_ET]):
    """SQLAlchemy 2.1.9's _HasEventsDispatch: PoolEvents(Events[Pool]) kept __parameters__ == (~_ET,)."""

    def __init_subclass__(cls) -> None:
        cls.dispatch_name = cls.__name__


def test_meta002_skipped_generic_hook_is_a_warning() -> None:
    [finding] = check(META002, _HasEvents)
    assert finding.severity is Severity.warning
    assert "Generic.__init_subclass__ never runs" in finding.message


def test_meta002_warning_otherwise() -> None:
    [finding] = check(META002, coop_hooks.Lonely)
    assert finding.severity is Severity.warning


def test_meta002_correct_and_gatekeeper_hooks_are_clean() -> None:
    for cls in (coop_hooks.Tagged, coop_hooks.Registered, coop_hooks.TaggedPlugin, coop_hooks.Final):
        assert check(META002, cls) == [], cls


# -- whole modules ----------------------------------------------------------


@pytest.mark.parametrize("module", [cooperative, coop_args])
def test_clean_modules(module: types.ModuleType) -> None:
    assert audit(module) == []


def test_sample_module_totals() -> None:
    counts: dict[str, int] = {}
    for module in (coop_broken, coop_explicit, coop_mixins, coop_generated, coop_hooks):
        for f in audit(module):
            counts[f.rule] = counts.get(f.rule, 0) + 1
    assert counts == {"MRO001": 4, "MRO002": 2, "MRO003": 2, "META002": 2}


def test_hostile_runs_nothing() -> None:
    hostile.CALLS.clear()
    assert audit(hostile) == []
    assert hostile.CALLS == []
