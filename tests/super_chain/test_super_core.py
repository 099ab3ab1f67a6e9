"""The super() chain core: links, what runs, what is skipped, argument warnings."""

from __future__ import annotations

import dataclasses
import functools
import importlib.util
import random
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from pyinspect_cli.core import static
from pyinspect_cli.core.super_chain import broken_at, shared_methods, super_chain, verdict
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


def names(classes: Any) -> list[str]:
    return [static.name_of(k) for k in classes]


# ---------------------------------------------------------------------------
# The seed chapter's example and its broken variant


def test_seed_cooperative_setup_all_four_run() -> None:
    chain = super_chain(cooperative.Model, "setup")
    assert names(link.defined_in for link in chain.links) == ["Model", "Loggable", "Serializable", "Base"]
    assert [link.continues for link in chain.links] == ["super", "super", "super", "none"]
    assert names(chain.runs) == ["Model", "Loggable", "Serializable", "Base"]
    assert chain.skipped == ()
    assert chain.warnings == ()
    assert verdict(chain).kind == "cooperative"
    first = chain.links[0]
    assert first.forwards_kwargs is True and first.forwards_args is False
    assert first.inferred is False and first.generated is None
    assert first.filename is not None and first.filename.endswith("cooperative.py")
    assert first.line == 35
    assert first.call_text == "super().setup(**kwargs)"


def test_chain_broken_in_the_middle() -> None:
    chain = super_chain(coop_broken.Model, "setup")
    assert names(chain.runs) == ["Model", "Loggable", "Serializable"]
    assert names(chain.skipped) == ["Base"]
    assert chain.link_for(coop_broken.Serializable).continues == "none"  # type: ignore[union-attr]
    assert broken_at(chain) is coop_broken.Serializable
    assert (verdict(chain).kind, static.name_of(verdict(chain).at)) == ("broken", "Serializable")


def test_explicit_parent_calls_run_a_class_twice() -> None:
    chain = super_chain(coop_explicit.Diamond, "__init__")
    diamond = chain.link_for(coop_explicit.Diamond)
    assert diamond is not None and diamond.continues == "explicit"
    assert diamond.explicit_targets == (coop_explicit.Left, coop_explicit.Right)
    assert names(chain.runs) == ["Diamond", "Left", "Root", "Right", "Root"]
    assert chain.repeated == (coop_explicit.Root,)
    assert chain.skipped == ()
    assert verdict(chain).kind == "mixed"


def test_cooperative_diamond_runs_each_once() -> None:
    chain = super_chain(coop_explicit.CoopDiamond, "__init__")
    assert names(chain.runs) == ["CoopDiamond", "CoopLeft", "CoopRight", "CoopRoot", "object"]
    assert verdict(chain).kind == "cooperative"


def test_explicit_call_jumping_over_a_class() -> None:
    chain = super_chain(coop_explicit.Jumper, "__init__")
    assert names(chain.runs) == ["CoopLeft", "JumpRight", "CoopRoot", "object"]
    assert names(chain.skipped) == ["CoopRight"]


def test_mixins_after_a_non_cooperative_base_never_run() -> None:
    wrong = super_chain(coop_mixins.Wrong, "save")
    assert names(wrong.runs) == ["Model"]
    assert names(wrong.skipped) == ["LoggingMixin", "AuditMixin"]
    assert (verdict(wrong).kind, static.name_of(verdict(wrong).at)) == ("broken", "Model")
    right = super_chain(coop_mixins.Right, "save")
    assert names(right.runs) == ["LoggingMixin", "AuditMixin", "Model"]
    assert verdict(right).kind == "cooperative"


def test_conditional_super_is_read_as_continuing() -> None:
    chain = super_chain(coop_mixins.Conditional, "save")
    link = chain.link_for(coop_mixins.ConditionalMixin)
    assert link is not None and link.continues == "super" and link.conditional
    assert names(chain.runs) == ["ConditionalMixin", "Model"]
    assert any(n.kind == "conditional-call" for n in chain.notes)


def test_super_after_an_early_return_is_conditional() -> None:
    chain = super_chain(coop_mixins.EarlyReturn, "save")
    link = chain.link_for(coop_mixins.EarlyReturnMixin)
    assert link is not None and link.continues == "super" and link.conditional
    assert names(chain.runs) == ["EarlyReturnMixin", "Model"]
    # a loop's own break does not make what follows the loop conditional
    assert not super_chain(coop_mixins.Right, "save").links[0].conditional


# ---------------------------------------------------------------------------
# Generated and C implementations


def test_dataclass_init_ends_the_chain() -> None:
    chain = super_chain(coop_generated.StampedPoint, "__init__")
    point = chain.links[0]
    assert point.defined_in is coop_generated.Point
    assert point.generated == "dataclass __init__" and point.continues == "none"
    assert names(chain.runs) == ["Point"]
    assert names(chain.skipped) == ["Timestamped"]


def test_dataclass_post_init_continues_the_chain() -> None:
    chain = super_chain(coop_generated.PostInitPoint, "__init__")
    assert chain.links[0].generated == "dataclass __init__"
    assert chain.links[0].continues == "super"
    assert names(chain.runs) == ["PostInitPoint", "Timestamped", "object"]


def test_c_base_class_ends_the_chain() -> None:
    chain = super_chain(coop_generated.RegistryDict, "__init__")
    dict_link = chain.links[0]
    assert dict_link.defined_in is dict
    assert dict_link.generated == "C implementation" and dict_link.inferred
    assert dict_link.continues == "none"
    assert names(chain.skipped) == ["Registry"]
    ok = super_chain(coop_generated.DictRegistry, "__init__")
    assert names(ok.runs) == ["Registry", "dict"]


def test_namedtuple_new_is_named() -> None:
    chain = super_chain(coop_generated.CheckedPair, "__new__")
    pair = chain.link_for(coop_generated.Pair)
    assert pair is not None and pair.generated == "namedtuple __new__"
    assert pair.continues == "explicit" and pair.explicit_targets == (tuple,)
    assert names(chain.runs) == ["CheckedPair", "Pair", "tuple"]


def test_object_default_is_a_link_but_never_skipped() -> None:
    chain = super_chain(coop_broken.Widget, "__init__")
    assert [link.generated for link in chain.links] == [None, "object default"]
    assert chain.skipped == ()


# ---------------------------------------------------------------------------
# Forms of super() and explicit calls, written here (test code may run)


class _A:
    def m(self) -> list[str]:
        return ["A"]


class _B(_A):
    def m(self) -> list[str]:
        return ["B", *super(_B, self).m()]  # noqa: UP008 - the two-argument form is what is tested


class _C(_A):
    def m(self) -> list[str]:
        return ["C", *super().m()]


class _D(_B, _C):
    def m(self) -> list[str]:
        return ["D", *super(_B, self).m()]  # skips _B: continues after it


def test_two_argument_super() -> None:
    chain = super_chain(_D, "m")
    d = chain.link_for(_D)
    assert d is not None and d.continues == "super" and d.super_from is _B
    assert names(chain.runs) == ["_D", "_C", "_A"]
    assert names(chain.skipped) == ["_B"]
    assert names(chain.runs) == [f"_{x}" for x in _D().m()]
    b = super_chain(_B, "m").link_for(_B)
    assert b is not None and b.continues == "super" and b.super_from is None


def _logged(func: Any) -> Any:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return func(*args, **kwargs)

    return wrapper


class _Decorated(_C):
    @_logged
    def m(self) -> list[str]:
        return ["Decorated", *super().m()]


def test_decorated_method_is_unwrapped() -> None:
    chain = super_chain(_Decorated, "m")
    link = chain.links[0]
    assert link.continues == "super" and not link.inferred
    assert names(chain.runs) == ["_Decorated", "_C", "_A"]


def test_source_less_function_is_inferred_from_bytecode() -> None:
    ns: dict[str, Any] = {"Base": _A}
    code = compile(
        "class Dyn(Base):\n    def m(self):\n        return ['Dyn', *super().m()]\n"
        "class Stop(Base):\n    def m(self):\n        return ['Stop']\n",
        "<generated-source>",
        "exec",
    )
    exec(code, ns)
    chain = super_chain(ns["Dyn"], "m")
    link = chain.links[0]
    assert link.inferred and link.continues == "super" and link.generated == "generated code"
    assert names(chain.runs) == ["Dyn", "_A"]
    stop = super_chain(ns["Stop"], "m").links[0]
    assert stop.inferred and stop.continues == "none"


class _HookA:
    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)


class _HookB:
    def __init_subclass__(cls, **kwargs: Any) -> None:
        _HookA.__init_subclass__(**kwargs)


class _Hooked(_HookB, _HookA):
    pass


def test_classmethod_hooks_super_and_explicit() -> None:
    chain = super_chain(_Hooked, "__init_subclass__")
    b = chain.link_for(_HookB)
    assert b is not None and b.kind == "classmethod"
    assert b.continues == "explicit" and b.explicit_targets == (_HookA,)
    assert b.forwards_kwargs is True
    assert names(chain.runs) == ["_HookB", "_HookA", "object"]


def test_super_with_nothing_after_it_warns() -> None:
    chain = super_chain(coop_mixins.LoggingMixin, "save")
    assert any(w.kind == "super-without-next" for w in chain.warnings)


# ---------------------------------------------------------------------------
# Arguments


def test_cooperative_keywords_have_no_warning() -> None:
    chain = super_chain(coop_args.Shape, "__init__")
    assert chain.warnings == ()
    assert chain.link_for(coop_args.Named).consumes == ("name",)  # type: ignore[union-attr]
    assert any(n.kind == "forwards-to-object" and n.names == ("name", "size") for n in chain.notes)


def test_keyword_reaching_object_init() -> None:
    chain = super_chain(coop_args.LeakyShape, "__init__")
    assert any(w.kind == "args-to-object" and w.names == ("colour",) and w.other is object for w in chain.warnings)


def test_dropped_keyword_required_later() -> None:
    chain = super_chain(coop_args.Dropping, "__init__")
    assert chain.link_for(coop_args.Greedy).forwards_kwargs is False  # type: ignore[union-attr]
    assert any(
        w.kind == "missing-required" and w.names == ("name",) and static.name_of(w.other) == "NeedsName"
        for w in chain.warnings
    )


class _TakesName:
    def __init__(self, name: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)


class _NeedsName:
    def __init__(self, *, name: str) -> None:
        pass


class _Both(_TakesName, _NeedsName):
    pass


class _Positional:
    def __init__(self) -> None:
        super().__init__(1, 2)  # type: ignore[call-arg]


class _OneArg:
    def __init__(self, a: int) -> None:
        pass


class _TooMany(_Positional, _OneArg):
    pass


def test_consumed_keyword_not_passed_on() -> None:
    chain = super_chain(_Both, "__init__")
    assert any(w.kind == "kept-not-passed" and w.names == ("name",) for w in chain.warnings)


def test_too_many_positional_arguments() -> None:
    chain = super_chain(_TooMany, "__init__")
    assert any(
        w.kind == "too-many-positional" and (w.count, w.limit) == (2, 1) and static.name_of(w.other) == "_OneArg"
        for w in chain.warnings
    )


# ---------------------------------------------------------------------------
# shared_methods and the hostile module


def said(cls: type) -> list[tuple[str, str]]:
    """``shared_methods`` as the summary words it: ``broken at X``, ``overrides``, ``cooperative``…"""
    out = []
    for method, v in shared_methods(cls):
        text = f"{v.kind} at {static.name_of(v.at)}" if v.kind in ("broken", "unknown") and v.at else v.kind
        out.append((method, text))
    return out


def test_shared_methods_verdicts() -> None:
    assert said(cooperative.Model) == [("setup", "cooperative")]
    assert said(coop_broken.Model) == [("setup", "broken at Serializable")]
    assert said(coop_explicit.Diamond) == [("__init__", "mixed")]
    assert said(coop_broken.TrackedWidget) == [("__init__", "broken at Widget")]
    assert ("__init_subclass__", "broken at PluginBase") in said(coop_hooks.TaggedPlugin)


def test_hostile_classes_are_read_without_running_anything() -> None:
    hostile.CALLS.clear()
    chain = super_chain(hostile.Bottom, "method")
    assert names(chain.runs) == ["Bottom"]
    assert shared_methods(hostile.Bottom) == []
    assert super_chain(hostile.Bottom, "spy").links[0].continues == "unknown"
    assert hostile.CALLS == []


def test_dataclass_fields_are_not_methods() -> None:
    @dataclasses.dataclass
    class P:
        x: int = 0

    @dataclasses.dataclass
    class Q(P):
        y: int = 0

    # __init__, __repr__, __eq__ are generated in both: overrides that never call super
    verdicts = dict(said(Q))
    assert verdicts["__init__"] == "overrides"
    assert Q(1, 2).x == 1  # Q's generated __init__ sets the inherited field itself: P.__init__ is not needed


# ---------------------------------------------------------------------------
# Derived versus real: instrument the methods and call them


def _instrument(monkeypatch: pytest.MonkeyPatch, cls: type, method: str, log: list[type]) -> None:
    for klass in cls.__mro__:
        if klass is object or method not in vars(klass):
            continue
        value = vars(klass)[method]
        kind = type(value)
        func = value.__func__ if kind in (staticmethod, classmethod) else value
        if not callable(func) or type(func).__name__ != "function":
            continue

        def make(f: Any, owner: type) -> Any:
            @functools.wraps(f)
            def recorder(*args: Any, **kwargs: Any) -> Any:
                log.append(owner)
                return f(*args, **kwargs)

            return recorder

        wrapped = make(func, klass)
        if kind is staticmethod:
            wrapped = staticmethod(wrapped)
        elif kind is classmethod:
            wrapped = classmethod(wrapped)
        monkeypatch.setattr(klass, method, wrapped)


CASES: list[tuple[type, str, tuple[Any, ...], dict[str, Any]]] = [
    (cooperative.Model, "setup", (), {"name": "agent-1"}),
    (coop_broken.Model, "setup", (), {"name": "x"}),
    (coop_broken.TrackedWidget, "__init__", (), {}),
    (coop_broken.GoodTrackedWidget, "__init__", (), {}),
    (coop_explicit.Diamond, "__init__", (), {}),
    (coop_explicit.CoopDiamond, "__init__", (), {}),
    (coop_explicit.Skipper, "__init__", (), {}),
    (coop_explicit.Jumper, "__init__", (), {}),
    (coop_mixins.Wrong, "save", (), {}),
    (coop_mixins.Right, "save", (), {}),
    (coop_mixins.Conditional, "save", (), {}),
    (coop_generated.StampedPoint, "__init__", (), {}),
    (coop_generated.PostInitPoint, "__init__", (), {}),
    (coop_generated.DictRegistry, "__init__", (), {}),
    (coop_generated.RegistryDict, "__init__", (), {}),
    (coop_args.Shape, "__init__", (), {"name": "n", "size": 1}),
    (_D, "m", (), {}),
    (_Decorated, "m", (), {}),
]


@pytest.mark.parametrize(("cls", "method", "args", "kwargs"), CASES, ids=lambda v: getattr(v, "__qualname__", None))
def test_derived_runs_match_real_calls(
    monkeypatch: pytest.MonkeyPatch, cls: type, method: str, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    derived = [k for k in super_chain(cls, method).runs if k.__flags__ & (1 << 9)]  # heap types: instrumentable
    log: list[type] = []
    _instrument(monkeypatch, cls, method, log)
    instance = cls.__new__(cls)  # type: ignore[call-overload]
    getattr(instance, method)(*args, **kwargs)
    assert names(log) == names(derived)
    assert log == derived


# Random hierarchies: every class's method continues by super(), not at all,
# or by calling one of its bases directly; written to a real file so the
# source can be read, imported, instrumented and called.


def _random_module(rng: random.Random, n: int) -> str:
    lines = ["LOG = []", ""]
    classes: list[str] = []
    for i in range(n):
        name = f"K{i}"
        bases = rng.sample(classes, k=min(len(classes), rng.choice([0, 1, 1, 2, 2, 3]))) if classes else []
        # keep only orders CPython accepts: later classes first is always consistent here
        bases.sort(key=lambda b: -int(b[1:]))
        lines.append(f"class {name}({', '.join(bases)}):" if bases else f"class {name}:")
        style = rng.choice(["super", "super", "none", "explicit", "absent"])
        if style == "absent" and bases:
            lines.append("    pass")
        else:
            lines.append("    def run(self):")
            lines.append(f"        LOG.append({name!r})")
            if style == "super" and bases:
                lines.append("        super().run()")
            elif style == "explicit" and bases:
                target = rng.choice(bases)
                lines.append(f"        {target}.run(self)")
        lines.append("")
    return "\n".join(lines)


def test_random_hierarchies_agree_with_execution(tmp_path: Path) -> None:
    rng = random.Random(20240607)
    checked = 0
    for round_ in range(60):
        source = _random_module(rng, rng.randint(3, 8))
        path = tmp_path / f"rand_{round_}.py"
        path.write_text(textwrap.dedent(source), encoding="utf-8")
        spec = importlib.util.spec_from_file_location(f"rand_{round_}", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        try:
            spec.loader.exec_module(module)
        except TypeError:
            continue  # an inconsistent MRO: nothing to call
        finally:
            sys.modules.pop(spec.name, None)
        for name in [n for n in vars(module) if n.startswith("K")]:
            cls = vars(module)[name]
            if not any("run" in vars(k) for k in cls.__mro__):
                continue
            chain = super_chain(cls, "run")
            module.LOG.clear()
            try:
                cls().run()
            except (AttributeError, RecursionError):
                # super().run() with no later definer: the chain says so
                assert any(w.kind == "super-without-next" for w in chain.warnings) or chain.truncated
                continue
            assert module.LOG == names(chain.runs), (source, name)
            checked += 1
    assert checked > 100


_HELPER_MODULE = """
CALLS = []

class Basic:
    def __new__(cls, *args):
        CALLS.append("Basic")
        return object.__new__(cls)

class Symbol(Basic):
    def __new__(cls, name):
        CALLS.append("Symbol")
        return Symbol.__xnew__(cls, name)

    @staticmethod
    def __xnew__(cls, name):
        obj = Basic.__new__(cls)
        obj.name = name
        return obj

class Dummy(Symbol):
    def __new__(cls, name=None):
        CALLS.append("Dummy")
        return Symbol.__xnew__(cls, name)

def describe(obj):
    return type(obj).__name__

class Animal:
    def speak(self):
        return "..."

class Dog(Animal):
    def speak(self):
        return describe(self)
"""


def test_instance_handed_to_a_helper_that_names_the_method_is_unknown_not_never_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """sympy's Dummy.__new__ calls Symbol.__xnew__(cls, ...), which calls Basic.__new__: Basic runs."""
    (tmp_path / "helper_new_mod.py").write_text(_HELPER_MODULE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    mod = __import__("helper_new_mod")
    try:
        mod.Dummy("x")
        assert mod.CALLS == ["Dummy", "Basic"]  # what Python runs: Basic.__new__ through the helper
        judged = verdict(super_chain(mod.Dummy, "__new__"))
        assert judged.kind == "unknown"  # not "overrides ... never runs: Basic"
        # a helper that does not name the method leaves plain overriding as it is
        assert mod.Dog().speak() == "Dog"
        assert verdict(super_chain(mod.Dog, "speak")).kind == "overrides"
    finally:
        sys.modules.pop("helper_new_mod", None)
