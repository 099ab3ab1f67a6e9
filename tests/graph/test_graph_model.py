"""The pure diagram model (pyinspect_cli.core.hierarchy): no Graphviz needed."""

from __future__ import annotations

import collections
import subprocess
import sys

from pyinspect_cli.core.hierarchy import class_diagram, classes_diagram, node_id, what_if_diagram
from sample_modules import cooperative, descriptors, diamond, hostile, weird_names

D = "sample_modules.diamond."


def test_diamond_nodes_edges_and_mro():
    d = class_diagram(diamond.D)
    assert [n.id for n in d.nodes] == [D + "D", D + "B", D + "C", D + "A", "builtins.object"]
    assert [(e.sub, e.base, e.position, e.count) for e in d.edges] == [
        (D + "D", D + "B", 1, 2),
        (D + "D", D + "C", 2, 2),
        (D + "B", D + "A", 1, 1),
        (D + "C", D + "A", 1, 1),
        (D + "A", "builtins.object", 1, 1),
    ]
    assert d.mro == (D + "D", D + "B", D + "C", D + "A", "builtins.object")
    assert [n.mro_position for n in d.nodes] == [1, 2, 3, 4, 5]
    # B -> C is not an inheritance edge: the MRO jumps across the diamond.
    assert [(h.source, h.target, h.along_edge) for h in d.hops] == [
        (D + "D", D + "B", True),
        (D + "B", D + "C", False),
        (D + "C", D + "A", True),
        (D + "A", "builtins.object", True),
    ]
    assert [e.on_mro for e in d.edges] == [True, False, False, True, True]
    assert d.subtitle == "MRO: D → B → C → A → object"
    assert d.node("builtins.object").muted and not d.node(D + "D").muted


def test_same_input_same_model():
    assert class_diagram(cooperative.Model) == class_diagram(cooperative.Model)


def test_hide_object_and_max_depth():
    d = class_diagram(diamond.D, hide_object=True)
    assert "builtins.object" not in {n.id for n in d.nodes}
    assert d.node(D + "A").hidden_bases == 0
    d = class_diagram(diamond.D, max_depth=1)
    assert [n.id for n in d.nodes] == [D + "D", D + "B", D + "C"]
    assert d.node(D + "B").hidden_bases == 1
    assert [n.mro_position for n in d.nodes] == [1, 2, 3]


def test_ids_never_contain_colons_and_names_stay_exact():
    d = class_diagram(weird_names.Child)
    names = {n.qualname for n in d.nodes}
    assert {"[bold red]x[/]", "A<B>&\"q'", "Ünïcødé", "Normal"} <= names
    for n in d.nodes:
        assert ":" not in n.id
        assert n.id.isascii()
    local = class_diagram(weird_names.Local)
    assert local.nodes[0].qualname == "factory.<locals>.Inner"


def test_two_classes_with_the_same_name_get_distinct_ids():
    first = type("Twin", (), {"__module__": "m"})
    second = type("Twin", (first,), {"__module__": "m"})
    d = class_diagram(second)
    assert [n.id for n in d.nodes] == ["m.Twin", "m.Twin-2", "builtins.object"]
    assert node_id(first) == node_id(second) == "m.Twin"


def test_stdlib_classes_are_muted_and_show_their_module():
    d = class_diagram(collections.OrderedDict)
    od = d.nodes[0]
    assert od.origin == "stdlib" and od.muted and not od.show_module
    assert d.node("builtins.dict").origin == "builtin"


def test_what_if_conflict_marks_the_contradicting_orderings():
    d = what_if_diagram([diamond.X, diamond.Y])
    assert d.error is not None and "consistent method resolution" in d.error
    assert d.mro == ("what-if.New", D + "X", D + "Y")  # the part built before the merge got stuck
    assert {n.id for n in d.nodes if n.blocked} == {D + "B", D + "C"}
    pairs = {(c.before, c.after) for c in d.conflict_edges}
    assert pairs == {(D + "B", D + "C"), (D + "C", D + "B")}
    labels = {c.label for c in d.conflict_edges}
    assert labels == {"X needs B before C", "Y needs C before B"}
    assert d.nodes[0].origin == "hypothetical"


def test_what_if_that_works_has_the_mro_cpython_would_give():
    d = what_if_diagram([diamond.B, diamond.C], name="Mix")
    assert d.error is None
    assert d.mro == ("what-if.Mix", D + "B", D + "C", D + "A", "builtins.object")


def test_what_if_other_errors_are_reported():
    d = what_if_diagram([diamond.A, diamond.A])
    assert d.error == "duplicate base class A"


def test_metaclasses_of_a_hostile_hierarchy_without_running_it():
    hostile.CALLS.clear()
    d = class_diagram(hostile.Bottom, metaclasses=True, descriptors=True)
    meta = "sample_modules.hostile.Hostile"
    assert {(m.cls, m.metaclass) for m in d.meta_edges} >= {("sample_modules.hostile.Bottom", meta)}
    assert d.node(meta).is_metaclass
    assert ("sample_modules.hostile.Hostile", "builtins.type") in {(e.sub, e.base) for e in d.edges}
    root = d.node("sample_modules.hostile.Root")
    assert root.attributes is not None and [(a.name, a.kind) for a in root.attributes] == [("spy", "data")]
    assert hostile.CALLS == []


def test_descriptor_groups_follow_the_descriptors_classification():
    d = class_diagram(descriptors.Zoo, descriptors=True)
    zoo = d.nodes[0]
    assert zoo.attributes is not None
    kinds = [a.kind for a in zoo.attributes]
    assert kinds == sorted(kinds, key=["data", "non-data", "plain"].index)
    by_name = {a.name: a.kind for a in zoo.attributes}
    assert by_name["data"] == "data" and by_name["set_only"] == "data" and by_name["read_only"] == "data"
    assert by_name["non_data"] == "non-data" and by_name["expensive"] == "non-data"
    assert by_name["plain"] == "plain"
    assert "__module__" not in by_name and "__doc__" not in by_name
    assert d.node("builtins.object").attributes is None  # builtins are not listed


def test_steps_frames_follow_the_merge():
    d = class_diagram(diamond.D, steps=True)
    assert [f.taken for f in d.steps] == [None, D + "B", D + "C", D + "A", "builtins.object", None]
    assert d.steps[-1].final and d.steps[-1].order == d.mro
    assert d.steps[2].blocked == ((D + "A", ("L[C]",)),)
    stuck = what_if_diagram([diamond.X, diamond.Y], steps=True).steps[-1]
    assert stuck.stuck and {i for i, _ in stuck.blocked} == {D + "B", D + "C"}


def test_module_diagram_has_no_mro():
    d = classes_diagram([diamond.A, diamond.B], title="m")
    assert d.mro == () and d.hops == ()
    assert [n.is_target for n in d.nodes] == [True, True, False]


def test_core_module_imports_no_graphviz():
    code = "import sys, pyinspect_cli.core.hierarchy; print('graphviz' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_metaclass_edges_only_where_the_metaclass_comes_in():
    d = class_diagram(hostile.Bottom, metaclasses=True)
    assert {m.cls for m in d.meta_edges} == {"sample_modules.hostile.Bottom", "sample_modules.hostile.Root"}
    assert d.node("sample_modules.hostile.Left").metaclass == "Hostile"
    assert d.node("builtins.object").metaclass is None


def test_conflict_is_drawn_even_beyond_max_depth():
    d = what_if_diagram([diamond.X, diamond.Y], max_depth=1)
    ids = {n.id for n in d.nodes}
    assert {D + "B", D + "C"} <= ids and D + "A" not in ids
    assert len(d.conflict_edges) == 2
    assert (D + "X", D + "B") in {(e.sub, e.base) for e in d.edges}
