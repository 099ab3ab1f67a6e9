"""``graph -f mermaid``: the inheritance diagram as a Mermaid flowchart, checked against the classes."""

from __future__ import annotations

import re
from pathlib import Path

from sample_modules import diamond
from tests.conftest import Result


def parse(text: str) -> tuple[dict[str, str], set[tuple[str, str]]]:
    """Node labels by id and (sub, base) edges of a flowchart mro-explain wrote; every line must be understood."""
    lines = text.splitlines()
    assert re.fullmatch(r"flowchart (BT|TB|LR|RL)", lines[0])
    labels: dict[str, str] = {}
    edges: set[tuple[str, str]] = set()
    for line in lines[1:]:
        if line.startswith("%%"):
            continue
        node = re.fullmatch(r'\s+(n\d+)\[\[?"([^"]+)"\]?\]', line)
        edge = re.fullmatch(r"\s+(n\d+) (?:-- \d+ )?--> (n\d+)", line)
        assert node or edge, line
        if node:
            labels[node.group(1)] = node.group(2)
        elif edge:
            edges.add((edge.group(1), edge.group(2)))
    return labels, edges


def test_graph_mermaid_matches_the_classes(cli, tmp_path: Path) -> None:
    result: Result = cli("graph", "sample_modules.diamond:D", "--format", "mermaid")
    assert result.returncode == 0, result.stderr
    labels, edges = parse(result.stdout)
    names = {node: label.split(". ", 1)[1] for node, label in labels.items()}
    positions = {label.split(". ", 1)[1]: int(label.split(".", 1)[0]) for label in labels.values()}
    assert sorted(positions, key=positions.__getitem__) == [k.__name__ for k in diamond.D.__mro__]
    real = {(k.__name__, b.__name__) for k in diamond.D.__mro__ for b in k.__bases__}
    assert {(names[a], names[b]) for a, b in edges} == real
    out = tmp_path / "d.mmd"
    written = cli("graph", "sample_modules.diamond:D", "-o", str(out))
    assert written.returncode == 0
    assert out.read_text() == result.stdout
    again = cli("graph", "sample_modules.diamond:D", "-o", str(out))
    assert again.returncode == 0  # our own file may be replaced


def test_graph_mermaid_refuses_to_overwrite_another_file(cli, tmp_path: Path) -> None:
    out = tmp_path / "notes.mmd"
    out.write_text("flowchart LR\n  a --> b\n")
    result = cli("graph", "sample_modules.diamond:D", "-o", str(out))
    assert result.returncode == 2
    assert out.read_text() == "flowchart LR\n  a --> b\n"
