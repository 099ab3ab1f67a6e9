"""``graph --format dot`` writes its DOT without the graphviz package, byte for byte as the package does."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import pytest

from pyinspect_cli import loading
from pyinspect_cli.core.hierarchy import Diagram, class_diagram, classes_diagram, what_if_diagram
from pyinspect_cli.render.dot_text import DotText, quote
from pyinspect_cli.render.graph import build_digraph


def module_classes(name: str) -> Callable[[], Diagram]:
    def make(**options: Any) -> Diagram:
        module = importlib.import_module(name)
        return classes_diagram(loading.classes_defined_in(module, name), title=name, home_module=name, **options)

    return make


def one_class(module: str, name: str) -> Callable[..., Diagram]:
    def make(**options: Any) -> Diagram:
        return class_diagram(getattr(importlib.import_module(module), name), **options)

    return make


def what_if(*targets: str) -> Callable[..., Diagram]:
    def make(**options: Any) -> Diagram:
        bases = [getattr(importlib.import_module(m), n) for m, n in (t.split(":") for t in targets)]
        return what_if_diagram(bases, name="X", **options)

    return make


DIAGRAMS = {
    "diamond": one_class("sample_modules.diamond", "D"),
    "weird names": one_class("sample_modules.weird_names", "Child"),
    "weird names module": module_classes("sample_modules.weird_names"),
    "descriptors": module_classes("sample_modules.descriptors"),
    "email.message": module_classes("email.message"),
    "collections": module_classes("collections"),
    "a 57-class MRO (folded)": one_class("collections", "OrderedDict"),
    "argparse": module_classes("argparse"),
    "conflict": what_if("sample_modules.diamond:D", "sample_modules.diamond:B"),
    "what-if": what_if("sample_modules.diamond:B", "sample_modules.diamond:C"),
}
OPTIONS = [{}, {"metaclasses": True, "descriptors": True, "hide_object": True, "direction": "LR"}, {"max_depth": 1}]


@pytest.mark.parametrize("options", OPTIONS, ids=str)
@pytest.mark.parametrize("name", list(DIAGRAMS))
def test_the_dot_text_is_the_graphviz_packages(name: str, options: dict[str, Any]) -> None:
    diagram = DIAGRAMS[name](**options)
    for full in (False, True):
        assert build_digraph(diagram, full=full, text=True).source == build_digraph(diagram, full=full).source


def test_every_step_frame_is_the_same_too() -> None:
    diagram = class_diagram(importlib.import_module("sample_modules.diamond").D, steps=True)
    assert diagram.steps
    for frame in diagram.steps:
        assert build_digraph(diagram, frame=frame, text=True).source == build_digraph(diagram, frame=frame).source


@pytest.mark.parametrize(
    "identifier",
    ["plain", "_x9", "3.5", "-.5", "node", "Graph", "a b", 'say "hi"', 'a\\"b', "back\\\\slash", "<<b>x</b>>", "é", ""],
)
def test_identifiers_are_quoted_as_graphviz_quotes_them(identifier: str) -> None:
    import graphviz.quoting

    assert quote(identifier) == graphviz.quoting.quote(identifier)


def test_statements_match_graphviz() -> None:
    import graphviz

    ours, theirs = DotText(name="g", comment="c"), graphviz.Digraph(name="g", comment="c")
    for g in (ours, theirs):
        g.attr("graph", rankdir="LR", label="<<i>x</i>>")
        g.attr("node")
        g.node("a", label="A", tooltip="x:y", shape=None)
        g.edge("a", "b c", label=" 1 ", color="red")
        with g.subgraph(name="cluster_0") as sub:
            sub.attr(label="m", style="dashed")
            sub.node("n")
    assert ours.source == theirs.source
