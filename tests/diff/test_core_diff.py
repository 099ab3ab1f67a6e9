"""The comparison itself, on snapshots read from live classes in this process."""

from __future__ import annotations

import json
import types

from pyinspect_cli.core.diff import diff_snapshots
from pyinspect_cli.core.facts import ModuleFailure, Snapshot, class_facts, graph_of, is_compared_name
from pyinspect_cli.render.json.diff import read_snapshot, snapshot_document


def _module(name: str, source: str) -> types.ModuleType:
    module = types.ModuleType(name)
    exec(compile(source, f"<{name}>", "exec"), module.__dict__)
    return module


def snapshot(source: str, *, failures: tuple[ModuleFailure, ...] = ()) -> Snapshot:
    module = _module("m", source)
    classes = [v for v in vars(module).values() if isinstance(v, type) and v.__module__ == "m"]
    facts = tuple(sorted((class_facts(c) for c in classes), key=lambda f: f.key))
    return Snapshot(facts, graph_of(classes), ("m",), failures)


def test_compared_names() -> None:
    assert is_compared_name("save") and is_compared_name("__init__")
    assert not is_compared_name("_private") and not is_compared_name("__mangled")
    assert not is_compared_name("__module__") and not is_compared_name("__doc__")


def test_identical_code_has_no_changes() -> None:
    source = "class A:\n    def f(self): pass\nclass B(A):\n    def f(self): super().f()\n"
    result = diff_snapshots(snapshot(source), snapshot(source))
    assert result.changed == () and result.compared == 2 and not result.fails("mro")


def test_facts_never_run_a_property_or_a_metaclass_method() -> None:
    source = (
        "CALLS = []\n"
        "class Meta(type):\n"
        "    def __getattribute__(cls, name):\n        CALLS.append(name)\n        return super().__getattribute__(name)\n"
        "    def __eq__(cls, other):\n        CALLS.append('eq')\n        return True\n"
        "    __hash__ = type.__hash__\n"
        "class A(metaclass=Meta):\n"
        "    @property\n    def p(self):\n        CALLS.append('p')\n        return 1\n"
        "    def __getattr__(self, name):\n        CALLS.append('getattr')\n"
    )
    module = _module("m", source)
    module.CALLS.clear()
    facts = class_facts(module.A)
    assert module.CALLS == []
    assert facts.attribute("p") is not None and facts.attribute("p").kind == "data"  # type: ignore[union-attr]


def test_winner_kind_and_chain_changes() -> None:
    old = snapshot(
        "class X:\n    def run(self): pass\n    def __init__(self): super().__init__()\n"
        "class Y:\n    def run(self): pass\n    def __init__(self): super().__init__()\n"
        "class Z(X, Y):\n    @property\n    def size(self): return 1\n"
    )
    new = snapshot(
        "class X:\n    def run(self): pass\n    def __init__(self): pass\n"
        "class Y:\n    def run(self): pass\n    def __init__(self): super().__init__()\n"
        "class Z(Y, X):\n    size = 1\n"
    )
    result = diff_snapshots(old, new)
    (z,) = [d for d in result.changed if d.key == "m:Z"]
    assert {w.name for w in z.winners} == {"run", "__init__"}
    assert [k.name for k in z.kinds] == ["size"] and z.kinds[0].descriptor_replaced
    (chain,) = z.chains
    assert chain.old == ("m:X", "m:Y", "builtins:object") and chain.new == ("m:Y", "m:X")
    assert chain.stopped == ("builtins:object",)
    assert z.mro is not None and z.mro.bases_changed
    assert z.level == "winner" and result.fails("winner")


def test_mro_change_from_a_base_whose_own_mro_changed() -> None:
    old = snapshot("class P: pass\nclass Q: pass\nclass A(P, Q): pass\nclass B(A): pass\n")
    new = snapshot("class P: pass\nclass Q: pass\nclass A(Q, P): pass\nclass B(A): pass\n")
    result = diff_snapshots(old, new)
    (b,) = [d for d in result.changed if d.key == "m:B"]
    assert b.mro is not None and not b.mro.bases_changed
    assert b.mro.changed_bases == ("m:A",)
    assert (b.level == "mro" and not result.fails("kind")) or b.winners
    assert b.mro.merge is not None and b.mro.merge.order == b.new.order


def test_unread_module_classes_are_not_removed() -> None:
    old = snapshot("class A: pass\n")
    new = Snapshot((), (), (), (ModuleFailure("m", "import-error", None, "boom"),))
    result = diff_snapshots(old, new)
    assert result.removed == () and result.new_failures == new.failures


def test_snapshot_json_round_trip() -> None:
    snap = snapshot(
        "class A:\n    x = 1\n    def __init__(self): super().__init__()\nclass B(A):\n    def __init__(self): super().__init__()\n"
    )
    data = json.loads(snapshot_document(snap, ["m"]).model_dump_json(by_alias=True))
    assert read_snapshot(data, "x.json") == snap


def test_chain_runs_agree_with_super_chain_on_the_stdlib() -> None:
    """The facts skip reading source for a winner that plainly calls nothing: same runs as the full analysis."""
    import argparse
    import email.message
    import http.client
    import logging
    import unittest

    from pyinspect_cli.core import static
    from pyinspect_cli.core.super_chain import chain_methods, super_chain

    checked = 0
    for module in (argparse, email.message, http.client, logging, unittest):
        for value in list(vars(module).values()):
            if not isinstance(value, type) or value.__module__ != module.__name__:
                continue
            facts = class_facts(value)
            for method in chain_methods(value):
                if not is_compared_name(method):
                    continue
                expected = tuple(static.class_id(k) for k in super_chain(value, method).runs)
                assert facts.chain(method).runs == expected, (value, method)  # type: ignore[union-attr]
                checked += 1
    assert checked > 100


def test_class_lines_agree_with_the_class_statements() -> None:
    import argparse
    import logging

    from pyinspect_cli.core.source import class_line, class_statement

    for module in (argparse, logging):
        for value in list(vars(module).values()):
            if isinstance(value, type) and value.__module__ == module.__name__:
                found = class_statement(value)
                assert class_line(value) == (found[1].lineno if found else None), value


def test_a_subclass_attribute_shadowing_a_base_property() -> None:
    old = snapshot("class A:\n    @property\n    def size(self): return 1\nclass B(A):\n    pass\n")
    new = snapshot("class A:\n    @property\n    def size(self): return 1\nclass B(A):\n    size = 2\n")
    (b,) = diff_snapshots(old, new).changed
    (change,) = b.winners
    assert (change.old.winner, change.new.winner) == ("m:A", "m:B")
    assert change.descriptor_replaced
