"""super() verdicts checked against what Python runs, on plain classes and real frameworks.

Each test runs the method itself with a profiler hook that records which
implementations' code objects execute, and compares with the chain the tool
derived without running anything.
"""

from __future__ import annotations

import collections
import json
import sys
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from pyinspect_cli.core import static
from pyinspect_cli.core.functions import function_of
from pyinspect_cli.core.super_chain import shared_methods, super_chain, verdict
from tests.fixtures.frameworks import animals


@contextmanager
def recording() -> Iterator[list[types.CodeType]]:
    """Every Python code object that starts running inside the block, in order."""
    seen: list[types.CodeType] = []

    def profile(frame: types.FrameType, event: str, arg: Any) -> None:
        if event == "call":
            seen.append(frame.f_code)

    sys.setprofile(profile)
    try:
        yield seen
    finally:
        sys.setprofile(None)


def ran(cls: type, method: str, call: Callable[[], object]) -> list[type]:
    """The classes of *cls*'s MRO whose own *method* ran during *call*, in call order."""
    codes: dict[int, type] = {}
    for klass in static.mro_of(cls):
        func = function_of(static.dict_of(klass).get(method))
        if func is not None:
            codes[id(func.__code__)] = klass
    with recording() as seen:
        call()
    return [codes[id(code)] for code in seen if id(code) in codes]


def test_plain_overriding_is_overrides_not_broken() -> None:
    assert ran(animals.Dog, "speak", lambda: animals.Dog().speak()) == [animals.Dog]
    chain = super_chain(animals.Dog, "speak")
    assert list(chain.runs) == [animals.Dog]
    judged = verdict(chain)
    assert judged.kind == "overrides"
    assert judged.at is animals.Dog
    assert judged.skipped == (animals.Animal,)


def test_a_chain_is_broken_where_a_skipped_implementation_calls_super() -> None:
    # Quiet.speak ends the chain; Loud.speak (after it) calls super(): cooperation was intended.
    assert ran(animals.LoudDog, "speak", lambda: animals.LoudDog().speak()) == [animals.Quiet]
    chain = super_chain(animals.LoudDog, "speak")
    assert list(chain.runs) == [animals.Quiet]
    judged = verdict(chain)
    assert judged.kind == "broken"
    assert judged.at is animals.Quiet
    assert judged.cooperative == (animals.Loud,)


def test_ordered_dict_methods_are_overrides_not_broken() -> None:
    verdicts = dict(shared_methods(collections.OrderedDict))
    assert len(verdicts) >= 20
    assert {v.kind for v in verdicts.values()} <= {"overrides", "cooperative", "mixed"}
    assert not [m for m, v in verdicts.items() if v.kind == "broken"]


def test_the_summary_agrees_with_audit(run_installed: Any) -> None:
    summary = run_installed("super", "tests.fixtures.frameworks.animals:Dog", "--format", "json")
    assert summary.returncode == 0, summary.stderr
    doc = json.loads(summary.stdout)
    assert doc["schema_version"] == "2.0"
    assert [(m["method"], m["verdict"], m["verdict_at"]) for m in doc["methods"]] == [
        ("speak", "overrides", "tests.fixtures.frameworks.animals:Dog")
    ]
    text = run_installed("super", "collections:OrderedDict", COLUMNS="80")
    assert text.returncode == 0
    assert "broken" not in text.stdout
    audit = run_installed("audit", "tests/fixtures/frameworks/animals.py", "--format", "json", "--select", "MRO001")
    findings = json.loads(audit.stdout)["findings"]
    assert not [f for f in findings if f["symbol"].endswith(":Dog")]
    broken = run_installed("super", "tests.fixtures.frameworks.animals:LoudDog", "--format", "json")
    assert [(m["method"], m["verdict"]) for m in json.loads(broken.stdout)["methods"]] == [("speak", "broken")]


# ---------------------------------------------------------------------------
# SQLAlchemy: the generated __init__ calls Base.__init__ through the module global `original_init`


def test_sqlalchemy_generated_init_runs_base_init() -> None:
    from tests.fixtures.frameworks import sadecl

    base_init = static.dict_of(sadecl.Base)["__init__"]
    with recording() as seen:
        sadecl.User(name="ada")
    assert base_init.__code__ in seen  # at run time, Base.__init__ runs
    chain = super_chain(sadecl.User, "__init__")
    assert [static.name_of(k) for k in chain.runs] == ["User", "Base"]
    assert chain.skipped == ()
    link = chain.link_for(sadecl.User)
    assert link is not None and link.continues == "explicit"
    assert link.explicit_targets == (sadecl.Base,)
    assert verdict(chain).kind != "broken"


def test_a_call_through_an_unresolvable_name_is_unknown_not_never_runs() -> None:
    namespace: dict[str, Any] = {}
    exec(
        "class A:\n"
        "    def __init__(self):\n"
        "        self.a = 1\n"
        "class B(A):\n"
        "    def __init__(self):\n"
        "        parent_init(self)\n",
        namespace,
    )
    # `parent_init` is not bound when the class is read: whether A.__init__ runs cannot be told.
    chain = super_chain(namespace["B"], "__init__")
    judged = verdict(chain)
    assert judged.kind == "unknown"
    assert judged.at is namespace["B"]


def test_a_default_argument_bound_to_the_base_implementation_is_an_explicit_call(tmp_path: Any) -> None:
    source = (
        "class A:\n"
        "    def __init__(self):\n"
        "        self.a = 1\n"
        "class B(A):\n"
        "    def __init__(self, _init=A.__init__):\n"
        "        _init(self)\n"
    )
    path = tmp_path / "defaults_mod.py"
    path.write_text(source)
    sys.path.insert(0, str(tmp_path))
    try:
        import defaults_mod  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(tmp_path))
    b = defaults_mod.B()
    assert b.a == 1  # A.__init__ ran
    chain = super_chain(defaults_mod.B, "__init__")
    assert [static.name_of(k) for k in chain.runs] == ["B", "A"]


# ---------------------------------------------------------------------------
# Django: keywords forwarded through a dict that received **kwargs


def test_django_single_object_mixin_forwards_kwargs_through_its_context() -> None:
    from django.views.generic.base import ContextMixin
    from django.views.generic.detail import SingleObjectMixin

    class View(SingleObjectMixin, ContextMixin):
        pass

    view = View()
    view.object = None
    context = view.get_context_data(extra=1)
    assert context["extra"] == 1  # the keyword reached ContextMixin: it was forwarded

    from django.views.generic import UpdateView

    chain = super_chain(UpdateView, "get_context_data")
    link = chain.link_for(SingleObjectMixin)
    assert link is not None and link.forwards_kwargs is True
    assert verdict(chain).kind == "cooperative"
    from pyinspect_cli.render.super_chain import build_view

    view_text = build_view(chain).link("SingleObjectMixin")
    assert view_text is not None and "drops" not in view_text.arguments


@pytest.mark.parametrize(
    ("body", "forwards"),
    [
        ("context = {}\n        context.update(kwargs)\n        return super().m(**context)", True),
        ("context = {**kwargs, 'a': 1}\n        return super().m(**context)", True),
        ("context = dict(kwargs)\n        return super().m(**context)", True),
        ("context = kwargs.copy()\n        context |= {}\n        return super().m(**context)", True),
        ("context = {'a': 1}\n        return super().m(**context)", False),
    ],
)
def test_kwargs_flow_through_a_dict(body: str, forwards: bool) -> None:
    namespace: dict[str, Any] = {}
    source = (
        "class Base:\n"
        "    def m(self, **kwargs):\n"
        "        return kwargs\n"
        "class Child(Base):\n"
        f"    def m(self, **kwargs):\n        {body}\n"
    )
    import linecache

    filename = f"<kwargs-flow-{abs(hash(body))}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    exec(compile(source, filename, "exec"), namespace)
    result = namespace["Child"]().m(x=1)
    assert ("x" in result) is forwards  # what Python does
    link = super_chain(namespace["Child"], "m").link_for(namespace["Child"])
    assert link is not None and link.forwards_kwargs is forwards
