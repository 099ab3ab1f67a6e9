"""The modules the noise tests audit: a slice of the standard library and installed packages."""

from __future__ import annotations

import importlib
import pkgutil
import types
import warnings
from collections.abc import Iterator
from typing import Any

_module_dict: Any = types.ModuleType.__dict__["__dict__"].__get__

#: stdlib modules and packages (packages are walked)
STDLIB = (
    "abc argparse ast asyncio calendar collections concurrent configparser contextlib copy csv dataclasses "
    "datetime _pydatetime decimal _pydecimal difflib email enum fractions functools http importlib.metadata "
    "inspect io _pyio ipaddress json logging multiprocessing.managers numbers optparse pathlib pickle pprint "
    "queue selectors shelve socketserver sqlite3 ssl string tarfile textwrap threading typing unittest "
    "urllib weakref xml zipfile zoneinfo"
).split()

#: installed third-party packages (walked)
THIRD_PARTY = (
    "pydantic rich typer click hypothesis pygments packaging markdown_it pluggy typing_extensions sortedcontainers"
).split()

_SKIP_PARTS = (
    "__main__",
    ".tests",
    ".test.",
    "_win",
    "idlelib",
    "tkinter",
    "lib2to3",
    "pygments.lexers.",
    "pygments.styles.",
)


def _walk(name: str) -> Iterator[str]:
    yield name
    try:
        module = importlib.import_module(name)
    except BaseException:
        return
    path = _module_dict(module).get("__path__")
    if not path:
        return
    for info in pkgutil.walk_packages(path, name + ".", onerror=lambda _name: None):
        if any(part in info.name for part in _SKIP_PARTS):
            continue
        yield info.name


def import_corpus(roots: list[str]) -> list[types.ModuleType]:
    """Import every module under *roots* that imports cleanly here (others are skipped)."""
    modules: list[types.ModuleType] = []
    seen: set[str] = set()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for root in roots:
            for name in _walk(root):
                if name in seen:
                    continue
                seen.add(name)
                try:
                    modules.append(importlib.import_module(name))
                except BaseException:  # optional dependencies, platform-only modules
                    continue
    return modules


def main(argv: list[str]) -> None:
    """``python -m audit_rules.noise_corpus stdlib|third-party on|off``: findings as JSON on stdout.

    Run in a subprocess by the noise tests, so that importing hundreds of
    modules does not leak into the test process.
    """
    import io
    import json
    import sys
    from contextlib import redirect_stdout

    from audit_rules.helpers import audit_module, classes_in, our_rules

    roots = STDLIB if argv[0] == "stdlib" else THIRD_PARTY
    enabled = argv[1] == "on"
    rules = [rule for rule in our_rules().values() if rule.enabled_by_default is enabled]
    with redirect_stdout(io.StringIO()):  # modules that print at import
        modules = import_corpus(roots)
        classes = 0
        found: list[list[str]] = []
        for module in modules:
            classes += len(classes_in(module))
            for f in audit_module(module, rules):
                found.append([f.rule, f"{f.module}:{f.qualname}", f.attribute or "", f.severity.value, f.message])
    json.dump({"modules": len(modules), "classes": classes, "findings": found}, sys.stdout)


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
