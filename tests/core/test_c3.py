"""The C3 engine: traces, conflicts and their explanation, the public API."""

from __future__ import annotations

import pytest

import pyinspect_cli
from pyinspect_cli import MROConflictError, linearize, linearize_graph
from pyinspect_cli.core.c3 import (
    DuplicateBaseError,
    GraphCycleError,
    NewClass,
    explain_graph,
    explain_linearization,
    merge_bases,
)
from pyinspect_cli.core.creation import check_bases
from pyinspect_cli.render.conflicts import describe_failure
from pyinspect_cli.render.explain_view import class_view, what_if_view
from pyinspect_cli.render.text import explain_text, what_if_text
from sample_modules import diamond, hostile

DIAMOND = {"D": ["B", "C"], "B": ["A"], "C": ["A"], "A": ["object"], "object": []}


def test_public_api_is_importable_from_the_package_root() -> None:
    assert pyinspect_cli.linearize is linearize
    assert issubclass(MROConflictError, TypeError)


def test_diamond_trace_follows_the_textbook(golden) -> None:
    lin = explain_linearization(diamond.D)
    assert lin.order == diamond.D.__mro__
    assert [s.taken for s in lin.steps] == [diamond.B, diamond.C, diamond.A, object]
    step2 = lin.steps[1]
    assert [(t.head, t.blocked_by) for t in step2.tests] == [(diamond.A, (1,)), (diamond.C, ())]
    golden("explain_diamond.txt", explain_text([class_view(diamond.D, lin)]))


def test_graph_api_with_any_hashable_nodes() -> None:
    assert linearize_graph(DIAMOND, "D") == ("D", "B", "C", "A", "object")
    lin = explain_graph(DIAMOND, "D")
    assert len(lin.steps) == 4
    assert lin.remaining(lin.steps[1].offsets) == (("A", "object"), ("C", "A", "object"), ("C",))
    numbers = {1: [2, 3], 2: [4], 3: [4], 4: []}
    assert linearize_graph(numbers, 1) == (1, 2, 3, 4)


def test_graph_conflict_carries_cpythons_message_and_the_blocked_heads() -> None:
    graph = {**DIAMOND, "X": ["B", "C"], "Y": ["C", "B"], "Z": ["X", "Y"]}
    with pytest.raises(MROConflictError) as info:
        linearize_graph(graph, "Z")
    error = info.value
    assert error.blocked == ("B", "C")
    assert " ".join(error.message.split()) == "Cannot create a consistent method resolution order (MRO) for bases B, C"
    assert error.linearization.order == ("Z", "X", "Y")
    cycle = {(c.before, c.after) for c in error.conflict.cycle}
    assert cycle == {("B", "C"), ("C", "B")}
    assert error.conflict.suggested_order is None


def test_graph_errors() -> None:
    with pytest.raises(DuplicateBaseError, match="duplicate base class A"):
        linearize_graph({"D": ["A", "A"]}, "D")
    with pytest.raises(GraphCycleError, match="A -> D -> A"):
        linearize_graph({"D": ["A"], "A": ["D"]}, "D")


def test_a_conflict_suggests_a_working_order_and_names_the_redundant_base() -> None:
    lin = merge_bases([diamond.A, diamond.B])
    assert lin.conflict is not None
    assert lin.conflict.suggested_order == (diamond.B, diamond.A)
    assert lin.conflict.suggested_mro is not None and lin.conflict.suggested_mro[1:] == diamond.B.__mro__
    assert lin.conflict.redundant_bases == (diamond.A,)
    explained = describe_failure(check_bases([diamond.A, diamond.B]))
    assert [line.kind for line in explained].count("item") == 2  # the renderers style by kind, not by words
    assert explained[-1].kind == "fix" or any(line.kind == "fix" for line in explained)
    lines = [str(line) for line in explained]
    assert "  - B before A: B inherits from A (a class always precedes its bases)" in lines
    assert "  - A before B: the class statement lists A before B" in lines
    assert "Fix: list the bases as class New(B, A); the MRO would be [New, B, A, object]." in lines


def test_what_if_conflict_between_two_orderings(golden) -> None:
    result = check_bases([diamond.X, diamond.Y])
    assert result.error is not None and result.error.kind == "mro"
    with pytest.raises(TypeError) as info:
        type("New", (diamond.X, diamond.Y), {})
    assert result.error.message == str(info.value)
    text = what_if_text(what_if_view(result))
    assert "L[Y] has C before B, because class Y(C, B) lists them in that order" in text
    assert "No order of these bases works" in text
    golden("what_if_x_y.txt", text)


def test_duplicate_layout_base_type_and_metaclass_errors_use_cpythons_messages() -> None:
    class S1:
        __slots__ = ("a",)

    class S2:
        __slots__ = ("b",)

    for bases in [(diamond.A, diamond.A), (int, str), (S1, S2), (bool,), (int, S1)]:
        with pytest.raises(TypeError) as info:
            type("New", bases, {})
        result = check_bases(bases)
        assert result.error is not None, bases
        assert result.error.message == str(info.value)
        assert describe_failure(result), bases
    layout = describe_failure(check_bases((S1, S2)))
    assert any("__slots__ = ('a',)" in line.text and line.kind == "detail" for line in layout)


def test_live_linearize_never_reads_through_the_metaclass() -> None:
    hostile.CALLS.clear()
    assert linearize(hostile.Bottom) == type.__dict__["__mro__"].__get__(hostile.Bottom)
    view = class_view(hostile.Bottom, explain_linearization(hostile.Bottom))
    explain_text([view])
    check_bases([hostile.Left, hostile.Right])
    assert isinstance(hostile.Bottom, NewClass) is False
    assert hostile.CALLS == []


def test_linearize_rejects_non_classes() -> None:
    with pytest.raises(TypeError, match="expects a class"):
        linearize(42)  # type: ignore[arg-type]


def test_a_metaclass_mro_override_is_shown_with_the_reason() -> None:
    from sample_modules import custom_mro

    view = class_view(custom_mro.Service, explain_linearization(custom_mro.Service))
    assert [e.name for e in view.order] == ["Service", "LoggingMixin", "Base", "object"]
    assert [e.name for e in view.runtime_mro] == ["Service", "Base", "object", "LoggingMixin"]
    assert view.mro_override == "sample_modules.custom_mro:MixinsLast"
    assert "MixinsLast.mro() overrides type.mro()" in view.notes[0]
    text = explain_text([view])
    assert text.index("__mro__ (what the metaclass's mro() returned") < text.index("C3 linearization of the bases")
