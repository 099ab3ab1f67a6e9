"""Our C3 against CPython's ``type.mro`` (C) and a textbook C3, on the same live classes.

Run: python benchmarks/bench_c3.py [--rounds 7] [--quick]

For each shape and size the three engines are timed side by side in the same
round, several rounds; the table reports medians of the per-round times and
of the per-round ratios (machines are noisy: only ratios measured together
mean something), and how each engine's time grows when the size doubles.
Shapes:
  chain    single inheritance, depth N
  wide     one class with N bases (each a direct subclass of object)
  diamonds N/3 stacked diamonds: D_i(B_i, C_i), B_i(D_i-1), C_i(D_i-1)
  lattice  layers of 4 classes, each inheriting from the whole previous layer
"""

from __future__ import annotations

import argparse
import statistics
import sys
import timeit
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pyinspect_cli.core.c3 import linearize


def chain(n: int) -> type:
    cls: type = object
    for i in range(n):
        cls = type(f"C{i}", (cls,), {})
    return cls


def wide(n: int) -> type:
    return type("Wide", tuple(type(f"W{i}", (), {}) for i in range(n)), {})


def diamonds(n: int) -> type:
    top: type = type("Top", (), {})
    for i in range(max(1, n // 3)):
        b = type(f"B{i}", (top,), {})
        c = type(f"C{i}", (top,), {})
        top = type(f"D{i}", (b, c), {})
    return top


def lattice(n: int, width: int = 4) -> type:
    layer = [type(f"L0_{j}", (), {}) for j in range(width)]
    for i in range(1, max(2, n // width)):
        layer = [type(f"L{i}_{j}", tuple(layer), {}) for j in range(width)]
    return type("Bottom", tuple(layer), {})


def textbook(cls: type) -> tuple[type, ...]:
    """C3 as usually written: repeated scans of the lists' tails."""
    seqs = [list(b.__mro__) for b in cls.__bases__] + [list(cls.__bases__)]
    result = [cls]
    while True:
        seqs = [s for s in seqs if s]
        if not seqs:
            return tuple(result)
        for seq in seqs:
            head = seq[0]
            if not any(head in s[1:] for s in seqs):
                break
        else:
            raise TypeError("inconsistent")
        result.append(head)
        for seq in seqs:
            if seq[0] is head:
                del seq[0]


def time_once(fn: Callable[[], object], budget: float = 0.02) -> float:
    number = 1
    while True:
        elapsed = timeit.timeit(fn, number=number)
        if elapsed >= budget or number >= 1 << 20:
            return elapsed / number
        number *= 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="sizes 100-400 only, 3 rounds")
    args = parser.parse_args()
    sizes = [100, 200, 400] if args.quick else [100, 200, 400, 800, 1600]
    rounds = 3 if args.quick else args.rounds
    shapes = {"chain": chain, "wide": wide, "diamonds": diamonds, "lattice": lattice}
    print(f"Python {sys.version.split()[0]}; medians of {rounds} rounds; times per call")
    print(
        f"{'shape':<9} {'N':>5} {'merged':>7} {'CPython':>10} {'ours':>10} {'textbook':>10} "
        f"{'CPython/ours':>13} {'textbook/ours':>14} {'ours x2':>8} {'CPython x2':>10}"
    )
    for shape, build in shapes.items():
        previous: tuple[float, float] | None = None
        for n in sizes:
            cls = build(n)
            assert linearize(cls) == cls.__mro__ == textbook(cls)
            merged = sum(len(b.__mro__) for b in cls.__bases__) + len(cls.__bases__)
            c_times, o_times, t_times, ratios, t_ratios = [], [], [], [], []
            for _ in range(rounds):
                c = time_once(lambda cls=cls: type.mro(cls))
                o = time_once(lambda cls=cls: linearize(cls))
                t = time_once(lambda cls=cls: textbook(cls)) if merged < 20000 else float("nan")
                c_times.append(c)
                o_times.append(o)
                t_times.append(t)
                ratios.append(c / o)
                t_ratios.append(t / o)
            c_med, o_med, t_med = (statistics.median(x) for x in (c_times, o_times, t_times))
            growth_o = f"{o_med / previous[0]:.2f}" if previous else ""
            growth_c = f"{c_med / previous[1]:.2f}" if previous else ""
            previous = (o_med, c_med)
            print(
                f"{shape:<9} {n:>5} {merged:>7} {c_med * 1e6:>8.1f}µs {o_med * 1e6:>8.1f}µs {t_med * 1e6:>8.1f}µs "
                f"{statistics.median(ratios):>12.2f}x {statistics.median(t_ratios):>13.1f}x "
                f"{growth_o:>8} {growth_c:>10}"
            )
    print("CPython/ours > 1: ours is faster. 'x2' columns: time ratio to the previous (half) size.")


if __name__ == "__main__":
    main()
