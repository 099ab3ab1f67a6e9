"""Big hierarchies for the graph tests and benchmarks: 300 bases, and a module of 400 classes."""

Wide = type("Wide", tuple(type(f"Base{i:03d}", (), {}) for i in range(300)), {})


def _layers() -> dict[str, type]:
    made: dict[str, type] = {}
    above = [type(f"Root{j}", (), {}) for j in range(10)]
    made.update((c.__name__, c) for c in above)
    for i in range(39):
        layer = []
        for j in range(10):
            bases = (above[j], above[(j + 3) % 10]) if j % 2 else (above[j],)
            layer.append(type(f"Layer{i:02d}_{j}", bases, {}))
        made.update((c.__name__, c) for c in layer)
        above = layer
    return made


globals().update(_layers())
