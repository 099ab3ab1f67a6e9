"""Large diagrams are folded to stay readable: rendered with the real ``dot`` and measured.

The bound: a folded diagram is at most :data:`MAX_WIDTH` points wide, which is
3,333 px in the 150-dpi PNG that ``-o FILE.png`` writes; shown on a 1,600-px-wide
screen it is scaled to 48 %, where a 12-point class name (25 px) is still 12 px
tall. The unfolded SQLAlchemy ``Column`` diagram is over 3,200 points wide
(6,694 px): its names are 5 px tall at that screen width.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from graph_helpers import SVG, node_texts, requires_dot, titles

from pyinspect_cli.core import static
from pyinspect_cli.core.hierarchy import class_diagram, classes_diagram, node_id
from pyinspect_cli.render.graph import LARGE, class_graph, dot_source, folding, render
from sample_modules import diamond

sqlalchemy = pytest.importorskip("sqlalchemy")
elements = pytest.importorskip("sqlalchemy.sql.elements")

#: points (1/72 inch): see the module docstring
MAX_WIDTH = 1600


def size(svg: bytes | str) -> tuple[float, float]:
    """Width and height in points, from the SVG's viewBox."""
    box = ET.fromstring(svg).get("viewBox")
    assert box is not None
    _x, _y, width, height = (float(v) for v in box.split())
    return width, height


def boxes(svg: bytes | str) -> dict[str, list[str]]:
    """The folded boxes' texts, by node id."""
    return {k: v for k, v in node_texts(svg).items() if k.startswith("folded-")}


def badge_of(svg: bytes | str, qualname: str) -> int | None:
    """The badge drawn just before *qualname* (its own node or a row of a box), or None when it has none."""
    for texts in node_texts(svg).values():
        texts = [t.strip() for t in texts]
        if qualname in texts:
            at = texts.index(qualname)
            return int(texts[at - 1]) if at > 0 and texts[at - 1].isdigit() else None
    raise AssertionError(f"{qualname} is not drawn")


@requires_dot
def test_a_57_class_mro_is_folded_by_module_and_every_class_keeps_its_badge():
    cls = sqlalchemy.Column
    mro = static.mro_of(cls)
    assert len(mro) > LARGE
    diagram = class_diagram(cls)
    folded = render(dot_source(diagram), "svg")
    full = render(dot_source(diagram, full=True), "svg")

    width, height = size(folded)
    full_width, _ = size(full)
    assert width <= MAX_WIDTH, (width, height)
    assert width <= full_width / 2, (width, full_width)
    assert height <= MAX_WIDTH * 1.5  # folding does not trade the width for a scroll of boxes

    # every class of the MRO is drawn, with its place in __mro__ next to its name
    for position, klass in enumerate(mro, 1):
        assert badge_of(folded, static.qualname_of(klass)) == position, klass
    # the target and the classes of its module are boxes of their own
    assert node_id(cls) in titles(folded, "node")
    assert all(node_id(k) in titles(folded, "node") for k in mro if static.module_of(k) == "sqlalchemy.sql.schema")
    # one box per other module with several classes, headed with the module and the count
    drawn = boxes(folded)
    heads = {texts[0] for texts in drawn.values()}
    roles = sum(1 for k in mro if static.module_of(k) == "sqlalchemy.sql.roles")
    assert f"sqlalchemy.sql.roles · {roles} classes" in heads
    assert len(drawn) == len(folding(diagram).boxes) >= 5
    # the legend says what was folded and how to get it all
    legend = " ".join(t.text or "" for t in ET.fromstring(folded).iter(f"{SVG}text"))
    assert "of the 57 classes listed in" in legend.replace(str(len(mro)), "57")
    assert "--full draws all" in legend

    # --full draws every class as its own node, no box
    assert len(titles(full, "node")) == len(mro)
    assert not boxes(full)


@requires_dot
def test_a_folded_edge_stands_for_the_edges_it_merges():
    diagram = class_diagram(sqlalchemy.Column)
    plan = folding(diagram)
    svg = render(dot_source(diagram), "svg")
    edges = titles(svg, "edge")
    assert len(edges) == len(set(edges))  # one edge per pair of boxes
    labels = {
        g.findtext(f"{SVG}title"): " ".join((t.text or "").strip() for t in g.iter(f"{SVG}text"))
        for g in ET.fromstring(svg).iter(f"{SVG}g")
        if g.get("class") == "edge"
    }
    # ColumnElement lists many roles as bases: one edge from the elements box to the roles box, counted
    roles = next(b.id for b in plan.boxes if b.module == "sqlalchemy.sql.roles")
    element = next(b.id for b in plan.boxes if b.module == "sqlalchemy.sql.elements")
    merged = sum(
        1 for e in diagram.edges if plan.representative(e.sub) == element and plan.representative(e.base) == roles
    )
    assert merged > 1
    assert labels[f"{element}->{roles}"] == f"×{merged}"
    # of the edges to object only the MRO's own is drawn
    assert sum(1 for e in edges if e.endswith("->builtins.object")) == 1


@requires_dot
def test_a_large_module_lists_other_modules_and_many_subclasses_of_one_base_in_boxes():
    classes = [c for c in vars(elements).values() if static.is_class(c) and c.__module__ == elements.__name__]
    diagram = classes_diagram(classes, title=elements.__name__, home_module=elements.__name__, home_only=True)
    svg = render(dot_source(diagram), "svg")
    full = render(dot_source(diagram, full=True), "svg")
    assert size(svg)[0] < size(full)[0]
    texts = [t.strip() for ts in node_texts(svg).values() for t in ts]
    for cls in classes:  # each of the module's classes is named: alone or in a box
        assert static.qualname_of(cls) in texts, cls
    heads = [t[0] for t in boxes(svg).values()]
    assert any(re.fullmatch(r"\d+ subclasses of ColumnElement", h) for h in heads), heads
    assert any(h.startswith("sqlalchemy.sql.roles · ") for h in heads), heads
    assert not any(h.startswith("sqlalchemy.sql.elements · ") for h in heads)  # the module's own: never by module


def test_small_diagrams_are_not_folded():
    diagram = class_diagram(diamond.D)
    assert not folding(diagram).boxes
    assert "folded-" not in dot_source(diagram)


@requires_dot
def test_steps_frames_are_folded_and_their_merge_lists_wrap():
    diagram = class_diagram(sqlalchemy.Column, steps=True)
    frame = diagram.steps[len(diagram.steps) // 2]
    svg = render(dot_source(diagram, frame=frame), "svg")
    assert boxes(svg)
    assert size(svg)[0] <= MAX_WIDTH * 1.2  # the merge table wraps its long lists
    taken = diagram.node(frame.taken).qualname if frame.taken else None
    if taken is not None:
        assert badge_of(svg, taken) == len(frame.order) + 1


def test_cli_says_what_was_folded_and_full_restores_it(cli, tmp_path: Path):
    out = tmp_path / "col.dot"
    result = cli("graph", "sqlalchemy:Column", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "classes listed in" in result.stderr and "--full draws every class" in result.stderr
    assert "folded-1" in out.read_text()
    result = cli("graph", "sqlalchemy:Column", "--full", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "folded-" not in out.read_text()
    assert "listed in" not in result.stderr


@requires_dot
def test_installed_command_folds_a_large_png(run_installed, tmp_path: Path):
    result = run_installed("graph", "sqlalchemy:Column", "-o", "col.svg", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "--full draws every class" in result.stderr
    svg = (tmp_path / "col.svg").read_text()
    assert size(svg)[0] <= MAX_WIDTH
    result = run_installed("graph", "sqlalchemy:Column", "--full", "-o", "full.svg", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(titles((tmp_path / "full.svg").read_text(), "node")) == len(sqlalchemy.Column.__mro__)


@requires_dot
def test_a_long_mro_subtitle_wraps_after_an_arrow_instead_of_widening_the_picture():
    names = [f"SomeRatherLongMixinName{i}" for i in range(10)]
    cls: type = object
    for name in names:
        cls = type(name, (cls,), {})
    svg = render(dot_source(class_diagram(cls)), "svg")
    texts = [t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text")]
    lines = [t for t in texts if "→" in t]
    assert len(lines) > 1 and all(line.endswith("→") for line in lines[:-1])
    assert " → ".join(line.removesuffix(" →") for line in lines) == "MRO: " + " → ".join([*reversed(names), "object"])
    assert size(svg)[0] < 700  # the subtitle alone was about 1,000 points wide


def test_the_python_api_folds_too_and_full_restores():
    assert "folded-1" in class_graph(sqlalchemy.Column).source
    assert "folded-" not in class_graph(sqlalchemy.Column, full=True).source


@requires_dot
def test_a_large_what_if_keeps_the_conflicting_classes_and_their_red_edges():
    from pyinspect_cli.core.hierarchy import what_if_diagram

    diagram = what_if_diagram([elements.ColumnClause, sqlalchemy.Column])
    assert diagram.error is not None and diagram.conflict_edges
    plan = folding(diagram)
    assert plan.boxes
    svg = render(dot_source(diagram), "svg")
    edges = titles(svg, "edge")
    for conflict in diagram.conflict_edges:
        assert conflict.before not in plan.owner and conflict.after not in plan.owner
        assert f"{conflict.before}->{conflict.after}" in edges
    # the merge stopped before object: its edges are all drawn, so it does not float unattached
    assert any(e.endswith("->builtins.object") for e in edges)
