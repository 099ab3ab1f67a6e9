"""DOT, SVG, PNG and PDF from the diagram model, with the real ``dot``."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

import pytest
from graph_helpers import SVG, node_texts, requires_dot, titles

from pyinspect_cli.core.hierarchy import class_diagram, what_if_diagram
from pyinspect_cli.errors import ExitCode, GraphvizMissing
from pyinspect_cli.render import graph as render_graph
from pyinspect_cli.render.graph import (
    MARKER,
    build_digraph,
    class_graph,
    dot_source,
    is_ours,
    mark,
    render,
    steps_page,
    what_if_graph,
)
from sample_modules import cooperative, diamond, weird_names

D = "sample_modules.diamond."


def test_dot_is_byte_identical_and_marked():
    first = dot_source(class_diagram(cooperative.Model, descriptors=True, metaclasses=True))
    second = dot_source(class_diagram(cooperative.Model, descriptors=True, metaclasses=True))
    assert first == second
    assert first.startswith(f"// {MARKER}\n")


def test_dot_uses_colon_free_ids_and_uml_arrows():
    source = dot_source(class_diagram(diamond.D))
    assert f'"{D}D" -> "{D}B"' in source
    assert "arrowhead=empty" in source
    assert "rankdir=BT" in source  # TB: bases at the top
    for line in source.splitlines():
        if "->" in line:
            ends = line.split("[")[0]
            assert ":" not in ends


def test_python_api_returns_a_digraph():
    import graphviz

    g = class_graph(diamond.D, hide_object=True)
    assert isinstance(g, graphviz.Digraph)
    assert "builtins.object" not in g.source
    assert isinstance(what_if_graph(diamond.X, diamond.Y), graphviz.Digraph)


@requires_dot
def test_svg_nodes_edges_and_badges():
    svg = render(dot_source(class_diagram(diamond.D)), "svg")
    ET.fromstring(svg)  # well-formed XML despite the marker
    assert titles(svg, "node") == [D + "D", D + "B", D + "C", D + "A", "builtins.object"]
    edges = titles(svg, "edge")
    # five inheritance edges and one MRO hop across the diamond (B -> C)
    assert len(edges) == 6
    assert {f"{D}D->{D}B", f"{D}D->{D}C", f"{D}B->{D}A", f"{D}C->{D}A", f"{D}A->builtins.object"} <= set(edges)
    assert f"{D}B->{D}C" in edges
    texts = node_texts(svg)
    badges = sorted((int(t[0]), t[1]) for t in texts.values())
    assert [name for _, name in badges] == ["D", "B", "C", "A", "object"]
    # local precedence order: edge labels 1, 2 on D's two bases
    root = ET.fromstring(svg)
    labels = {
        g.findtext(f"{SVG}title"): [t.text.strip() for t in g.iter(f"{SVG}text")]
        for g in root.iter(f"{SVG}g")
        if g.get("class") == "edge"
    }
    assert labels[f"{D}D->{D}B"] == ["1"] and labels[f"{D}D->{D}C"] == ["2"]


@requires_dot
def test_svg_names_appear_exactly_as_written():
    svg = render(dot_source(class_diagram(weird_names.Child)), "svg")
    names = {t[1] for t in node_texts(svg).values()}
    assert {"Child", "[bold red]x[/]", "A<B>&\"q'", "Ünïcødé", "Normal", "object"} <= names
    local = render(dot_source(class_diagram(weird_names.Local)), "svg")
    assert "factory.<locals>.Inner" in {t[1] for t in node_texts(local).values()}


@requires_dot
def test_svg_conflict_edges_are_red_and_labelled():
    svg = render(dot_source(what_if_diagram([diamond.X, diamond.Y])), "svg")
    root = ET.fromstring(svg)
    red = [
        g
        for g in root.iter(f"{SVG}g")
        if g.get("class") == "edge" and any(p.get("stroke") == render_graph.CONFLICT for p in g.iter(f"{SVG}path"))
    ]
    assert {g.findtext(f"{SVG}title") for g in red} == {f"{D}B->{D}C", f"{D}C->{D}B"}
    texts = [t.text for g in red for t in g.iter(f"{SVG}text")]
    assert sorted(texts) == ["X needs B before C", "Y needs C before B"]


@requires_dot
def test_png_and_pdf_magic_bytes_and_markers(tmp_path: Path):
    source = dot_source(class_diagram(diamond.D))
    png = render(source, "png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    # the tEXt chunk is a valid chunk: its CRC matches
    at = png.index(b"tEXt") - 4
    length = int.from_bytes(png[at : at + 4], "big")
    body = png[at + 4 : at + 8 + length]
    assert int.from_bytes(png[at + 8 + length : at + 12 + length], "big") == zlib.crc32(body)
    pdf = render(source, "pdf")
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    for name, data in (("a.png", png), ("a.pdf", pdf), ("a.svg", render(source, "svg")), ("a.dot", source.encode())):
        path = tmp_path / name
        path.write_bytes(data)
        assert is_ours(path), name
    other = tmp_path / "other.svg"
    other.write_text("<svg/>")
    assert not is_ours(other)


@requires_dot
def test_marked_pdf_keeps_a_valid_xref(tmp_path: Path):
    pdf = render(dot_source(class_diagram(diamond.D)), "pdf")
    start = int(pdf[pdf.rindex(b"startxref") + len(b"startxref") :].split()[0])
    assert pdf[start : start + 4] == b"xref"


@requires_dot
def test_steps_page_is_self_contained():
    d = class_diagram(diamond.D, steps=True)
    frames = [(f.caption, render(dot_source(d, frame=f), "svg").decode()) for f in d.steps]
    page = steps_page("C3", frames)
    assert page.count("<svg") == len(d.steps) == 6
    assert "<?xml" not in page and "src=" not in page and "http://" not in page.replace("http://www.w3.org", "")
    assert 'id="next"' in page and 'id="prev"' in page
    import re

    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids))  # several SVGs on one page: ids prefixed per frame


def test_missing_dot_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(GraphvizMissing) as info:
        render(dot_source(class_diagram(diamond.D)), "svg", dot_path=tmp_path / "x.dot")
    assert info.value.exit_code == ExitCode.ENVIRONMENT
    assert "x.dot" in info.value.message
    for how in ("apt-get install graphviz", "brew install graphviz", "choco install graphviz", "conda install"):
        assert how in (info.value.hint or "")


def test_dot_vanishing_after_the_check_is_mapped(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(shutil, "which", lambda _: "/nonexistent/dot")
    with pytest.raises(GraphvizMissing):
        render(dot_source(class_diagram(diamond.D)), "svg")


def test_dot_failing_is_mapped(monkeypatch: pytest.MonkeyPatch):
    def fail(*args, **kwargs):
        return subprocess.CompletedProcess(args, 1, b"", b"Error: syntax error in line 1\n")

    monkeypatch.setattr(shutil, "which", lambda _: "/usr/bin/dot")
    monkeypatch.setattr(subprocess, "run", fail)
    with pytest.raises(GraphvizMissing, match="syntax error"):
        render("digraph {", "svg")


def test_mark_is_idempotent_for_text_formats():
    svg = b'<?xml version="1.0"?>\n<svg/>'
    assert mark(mark(svg, "svg"), "svg") == mark(svg, "svg")
    assert mark(mark(b"digraph {}", "dot"), "dot").count(MARKER.encode()) == 1


def test_build_digraph_with_a_frame():
    d = what_if_diagram([diamond.X, diamond.Y], steps=True)
    source = build_digraph(d, frame=d.steps[-1]).source
    assert "blocked: in the tail of" in source


GOLDENS = Path(__file__).resolve().parent / "goldens"


@pytest.mark.parametrize(
    ("name", "build"),
    [
        ("what-if-x-y.dot", lambda: what_if_diagram([diamond.X, diamond.Y])),
        ("weird-names.dot", lambda: class_diagram(weird_names.Child, metaclasses=True, descriptors=True)),
    ],
)
def test_dot_golden(name, build, request):
    """The DOT is committed-and-diffed material: any change to it must be deliberate.

    Regenerate with: mro-explain graph ... > tests/graph/goldens/NAME (see the file's test).
    """
    actual = dot_source(build())  # the same bytes as `mro-explain graph ...` on stdout
    path = GOLDENS / name
    if request.config.getoption("--update-goldens"):
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")
