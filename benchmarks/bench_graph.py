"""``mro-explain graph`` on big hierarchies, against ``dot`` alone on the same DOT.

Run: python benchmarks/bench_graph.py [--rounds 3] [--quick]

For each shape the table gives the median time of:
  model    reading the classes into the diagram model (core.hierarchy)
  dot-src  turning the model into DOT text (render.graph, graphviz.Digraph)
  ours     the whole pipeline: model + DOT + running `dot -Tsvg` + marking the SVG
  dot      `dot -Tsvg` alone on the very same DOT text (the floor)
and ours/dot: how much mro-explain adds on top of Graphviz's own layout time.
Shapes:
  wide-N     one class with N bases (each a direct subclass of object): N+2 nodes,
             2N+1 edges and an MRO path that jumps across every base
  module-N   N classes of a synthetic module: layers of 10, each class with one
             to three bases in the layer above (what `graph MODULE` draws)
  deep-N     single inheritance, depth N
  zoo-N      `wide` with --descriptors: every base holds 5 attributes
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pyinspect_cli.core.hierarchy import Diagram, class_diagram, classes_diagram
from pyinspect_cli.render.graph import dot_source, render


def wide(n: int, attrs: int = 0) -> type:
    def ns(i: int) -> dict[str, object]:
        d: dict[str, object] = {"__module__": "bench"}
        for k in range(attrs):
            d[f"attr_{k}"] = property(lambda self: 1) if k % 2 else k
        return d

    return type("Wide", tuple(type(f"W{i}", (), ns(i)) for i in range(n)), {"__module__": "bench"})


def deep(n: int) -> type:
    cls: type = object
    for i in range(n):
        cls = type(f"C{i}", (cls,), {"__module__": "bench"})
    return cls


def module(n: int, width: int = 10) -> list[type]:
    rng = random.Random(5)
    layers: list[list[type]] = [[type(f"R{j}", (), {"__module__": "bench"}) for j in range(width)]]
    classes = list(layers[0])
    i = 0
    while len(classes) < n:
        layer = []
        for j in range(width):
            above = layers[-1]
            k = rng.randint(1, 3)
            picks = sorted(rng.sample(range(len(above)), k))
            bases = tuple(above[p] for p in picks)
            try:
                cls = type(f"K{i}_{j}", bases, {"__module__": "bench"})
            except TypeError:
                cls = type(f"K{i}_{j}", bases[:1], {"__module__": "bench"})
            layer.append(cls)
        layers.append(layer)
        classes.extend(layer)
        i += 1
    return classes[:n]


def median_time(fn: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def dot_alone(source: str) -> None:
    subprocess.run(["dot", "-Tsvg"], input=source.encode(), capture_output=True, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="smaller sizes")
    args = parser.parse_args()
    if shutil.which("dot") is None:
        sys.exit("bench_graph needs Graphviz's dot on PATH")

    sizes = (50, 100) if args.quick else (100, 300)
    cases: list[tuple[str, Callable[[], Diagram]]] = []
    for n in sizes:
        cls = wide(n)
        cases.append((f"wide-{n}", lambda cls=cls: class_diagram(cls)))
    for n in sizes:
        classes = module(n * 2)
        cases.append((f"module-{n * 2}", lambda classes=classes: classes_diagram(classes, title="bench")))
    for n in sizes:
        cls = deep(n)
        cases.append((f"deep-{n}", lambda cls=cls: class_diagram(cls)))
    zoo = wide(sizes[0], attrs=5)
    cases.append((f"zoo-{sizes[0]}", lambda: class_diagram(zoo, descriptors=True)))

    print(f"{'shape':<12}{'nodes':>7}{'edges':>7}{'model':>10}{'dot-src':>10}{'ours':>10}{'dot':>10}{'ours/dot':>10}")
    for name, build in cases:
        diagram = build()
        source = dot_source(diagram)
        t_model = median_time(build, args.rounds)
        t_src = median_time(lambda d=diagram: dot_source(d), args.rounds)
        t_ours = median_time(lambda b=build: render(dot_source(b()), "svg"), args.rounds)
        t_dot = median_time(lambda s=source: dot_alone(s), args.rounds)
        edges = len(diagram.edges) + sum(1 for h in diagram.hops if not h.along_edge)
        print(
            f"{name:<12}{len(diagram.nodes):>7}{edges:>7}{t_model * 1e3:>8.1f}ms{t_src * 1e3:>8.1f}ms"
            f"{t_ours:>9.2f}s{t_dot:>9.2f}s{t_ours / t_dot:>10.2f}"
        )


if __name__ == "__main__":
    main()
