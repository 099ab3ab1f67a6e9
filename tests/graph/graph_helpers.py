"""Helpers shared by the graph tests: parse SVG by structure, and the dot marker."""

from __future__ import annotations

import os
import shutil
import xml.etree.ElementTree as ET

import pytest

SVG = "{http://www.w3.org/2000/svg}"

requires_dot = pytest.mark.skipif(
    shutil.which("dot") is None and not os.environ.get("CI"),
    reason="Graphviz 'dot' not installed (required on CI)",
)


def groups(svg: str | bytes, kind: str) -> list[ET.Element]:
    root = ET.fromstring(svg)
    return [g for g in root.iter(f"{SVG}g") if g.get("class") == kind]


def titles(svg: str | bytes, kind: str) -> list[str]:
    return [g.findtext(f"{SVG}title") or "" for g in groups(svg, kind)]


def node_texts(svg: str | bytes) -> dict[str, list[str]]:
    """Node id (the SVG title) -> the texts drawn in the node, in order."""
    return {g.findtext(f"{SVG}title") or "": [t.text or "" for t in g.iter(f"{SVG}text")] for g in groups(svg, "node")}
