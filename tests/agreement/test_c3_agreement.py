"""CPython is the oracle: our C3 and class-creation checks against the running interpreter.

These tests build real classes with ``type()`` (tests may run code; the tool
may not) and compare. They import only the standard library, pytest,
hypothesis and ``pyinspect_cli.core``, so ``make matrix`` runs them on every
supported interpreter.
"""

from __future__ import annotations

import importlib
import sys
import warnings
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pyinspect_cli.core import static
from pyinspect_cli.core.c3 import (
    DuplicateBaseError,
    MROConflictError,
    explain_graph,
    explain_linearization,
    linearize,
    linearize_graph,
    merge_bases,
    mro_error_message,
)
from pyinspect_cli.core.creation import check_bases

pytestmark = pytest.mark.agreement


class M1(type):
    pass


class M2(type):
    pass


class M12(M1, M2):
    pass


class M3(M1):
    pass


#: bases every generated hierarchy may also use: builtins with their own lay-outs, and a metaclass'd class
class Slotted:
    __slots__ = ("s",)


class Empty:
    __slots__ = ()


EXTRA_BASES: list[type] = [object, int, str, list, dict, tuple, Exception, Slotted, Empty, bytes, bool]
METACLASSES: list[type | None] = [None, None, None, M1, M2, M12, M3]


@st.composite
def hierarchies(draw: Any) -> list[tuple[list[int], int, int, int]]:
    """A list of class specs: (base indices (negative: EXTRA_BASES), metaclass index, slots kind, dup flag)."""
    n = draw(st.integers(min_value=1, max_value=9))
    specs = []
    for i in range(n):
        pool = list(range(i)) + [-(k + 1) for k in range(len(EXTRA_BASES))]
        k = draw(st.integers(min_value=0, max_value=min(4, len(pool))))
        bases = draw(st.lists(st.sampled_from(pool), min_size=k, max_size=k))
        meta = draw(st.integers(min_value=0, max_value=len(METACLASSES) - 1))
        slots = draw(st.integers(min_value=0, max_value=2))
        specs.append((bases, meta, slots, 0))
    return specs


def build(specs: list[tuple[list[int], int, int, int]]) -> None:
    """Create the classes CPython can create; compare every outcome with check_bases()."""
    made: dict[int, type] = {}
    for i, (base_ids, meta_i, slots, _dup) in enumerate(specs):
        if any(b >= 0 and b not in made for b in base_ids):
            continue
        bases = tuple(made[b] if b >= 0 else EXTRA_BASES[-b - 1] for b in base_ids)
        meta = METACLASSES[meta_i]
        ns: dict[str, Any] = {}
        if slots == 1:
            ns["__slots__"] = (f"f{i}",)
        elif slots == 2:
            ns["__slots__"] = ()
        name = f"K{i}"
        ours = check_bases(bases, explicit_metaclass=meta, name=name)
        try:
            cls = (meta or type)(name, bases, ns)
        except TypeError as exc:
            if "__slots__" in str(exc) and ns.get("__slots__"):
                continue  # the new class's own namespace: not part of what the bases decide
            assert ours.error is not None, f"CPython refused {name}{bases}: {exc}; we accepted"
            assert ours.error.message == str(exc), (bases, ours.error.kind)
            continue
        assert ours.error is None, f"CPython created {name}{bases}; we said: {ours.error.message}"
        assert ours.linearization is not None
        assert ours.linearization.order[1:] == cls.__mro__[1:]
        made[i] = cls
        assert linearize(cls) == cls.__mro__
        traced = explain_linearization(cls)
        assert traced.order == cls.__mro__
        assert traced.ok


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hierarchies())
def test_random_hierarchies_agree_with_cpython(specs: list[tuple[list[int], int, int, int]]) -> None:
    build(specs)


@st.composite
def graphs(draw: Any) -> tuple[dict[str, list[str]], list[str]]:
    n = draw(st.integers(min_value=1, max_value=12))
    names = [f"N{i}" for i in range(n)]
    graph: dict[str, list[str]] = {}
    for i, name in enumerate(names):
        pool = names[:i]
        k = draw(st.integers(min_value=0, max_value=min(4, len(pool))))
        graph[name] = draw(st.lists(st.sampled_from(pool), min_size=k, max_size=k, unique=True)) if pool else []
    return graph, names


@settings(max_examples=400, deadline=None)
@given(graphs())
def test_graph_linearization_agrees_with_cpython(data: tuple[dict[str, list[str]], list[str]]) -> None:
    graph, names = data
    # Like Python: a class without bases inherits from object.
    graph = {name: bases or ["object"] for name, bases in graph.items()}
    graph["object"] = []
    made: dict[str, type] = {"object": object}
    for name in names:
        bases = graph[name]
        if any(b not in made for b in bases):
            with pytest.raises((MROConflictError, DuplicateBaseError)):
                linearize_graph(graph, name)
            continue
        try:
            cls = type(name, tuple(made[b] for b in bases), {})
        except TypeError as exc:
            with pytest.raises(MROConflictError) as info:
                linearize_graph(graph, name)
            assert info.value.message == str(exc)
            lin = explain_graph(graph, name)
            assert lin.conflict is not None
            assert lin.steps[-1].taken is None
            continue
        made[name] = cls
        expected = tuple(c.__name__ for c in cls.__mro__)
        assert linearize_graph(graph, name) == expected
        assert explain_graph(graph, name).order == expected


def test_error_message_buffer_is_cut_like_cpython() -> None:
    """CPython formats the MRO error into a 1000-byte buffer: long name lists are cut short."""
    roots = [type("R" + "x" * 60 + str(i), (), {}) for i in range(40)]
    left = type("Left", tuple(roots), {})
    right = type("Right", tuple(reversed(roots)), {})
    with pytest.raises(TypeError) as info:
        type("Bad", (left, right), {})
    result = check_bases((left, right))
    assert result.error is not None
    assert result.error.message == str(info.value)
    assert len(result.error.message.encode()) <= 999


def test_message_wording_follows_the_running_version() -> None:
    text = mro_error_message(["A", "B"])
    if sys.version_info >= (3, 13):
        assert text == "Cannot create a consistent method resolution order (MRO) for bases A, B"
    else:
        assert text == "Cannot create a consistent method resolution\norder (MRO) for bases A, B"


def test_wide_and_deep_hierarchies() -> None:
    chain: list[type] = [object]
    for i in range(3000):
        chain.append(type(f"C{i}", (chain[-1],), {}))
    assert linearize(chain[-1]) == chain[-1].__mro__
    assert explain_linearization(chain[-1]).order == chain[-1].__mro__
    wide_bases = tuple(type(f"W{i}", (), {}) for i in range(300))
    wide = type("Wide", wide_bases, {})
    assert linearize(wide) == wide.__mro__
    assert merge_bases(wide_bases, trace=True).order[1:] == wide.__mro__[1:]
    graph = {i: [i - 1] for i in range(1, 5000)}
    assert len(linearize_graph(graph, 4999)) == 5000


SKIP_MODULES = {
    "antigravity",
    "this",
    "idlelib",
    "turtle",
    "turtledemo",
    "tkinter",
    "__main__",
    "pydoc_data",
    "lib2to3",
    "xxlimited",
    "xxlimited_35",
    "xxsubtype",
    "_tkinter",
    "ensurepip",
    "venv",
    "msilib",
    "_msi",
    "winreg",
    "winsound",
    "_winapi",
    "msvcrt",
    "nt",
    "_overlapped",
    "_wmi",
    "readline",
    "sre_compile",
    "sre_constants",
    "sre_parse",
}


def corpus_classes() -> list[type]:
    seen: dict[int, type] = {}
    names = sorted(getattr(sys, "stdlib_module_names", ()))
    extra = ["pytest", "hypothesis", "pydantic", "rich", "typer", "click", "graphviz", "_pytest.python"]
    for name in [*names, *extra]:
        if name in SKIP_MODULES or name.startswith("_test") or name == "test":
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                module = importlib.import_module(name)
            except BaseException:
                continue
        for value in list(vars(module).values()):
            if static.is_class(value):
                for klass in static.mro_of(value):
                    seen.setdefault(id(klass), klass)
    return list(seen.values())


def test_every_class_of_the_stdlib_and_installed_packages() -> None:
    classes = corpus_classes()
    assert len(classes) > 1000
    mismatches = []
    for cls in classes:
        meta_mro = static.static_lookup(type(cls), "mro")
        custom = meta_mro is not None and meta_mro[0] is not type
        if custom:
            continue
        if linearize(cls) != static.mro_of(cls):
            mismatches.append(static.class_id(cls))
            continue
        bases = static.bases_of(cls)
        if bases:
            result = check_bases(bases, explicit_metaclass=type(cls))
            if (
                result.error is not None
                or result.linearization is None
                or result.linearization.order[1:] != static.mro_of(cls)[1:]
            ):
                mismatches.append(f"{static.class_id(cls)} (what-if: {result.error and result.error.message})")
    assert mismatches == []
