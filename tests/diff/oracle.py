"""What CPython really does with the classes of one checkout, found by running them (in a subprocess).

The diff tests compare every verdict of ``mro-explain diff`` with this: the
class whose definition a real ``getattr(cls, name)`` returns, the MRO, the
metaclass, and the results of calling the sample package's methods.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

_SCRIPT = r'''
import importlib, json, sys, types

def owner_of(cls, name):
    """The class of cls.__mro__ whose own definition getattr(cls, name) returns (None: the metaclass's)."""
    for klass in type(cls).__mro__:
        if name in vars(klass):
            held = vars(klass)[name]
            if hasattr(type(held), "__set__") or hasattr(type(held), "__delete__"):
                return None  # a data descriptor of the metaclass answers class-level access
            break
    value = getattr(cls, name)
    for klass in cls.__mro__:
        if name not in vars(klass):
            continue
        held = vars(klass)[name]
        if value is held:
            return klass
        if isinstance(held, (classmethod, staticmethod)) and getattr(value, "__func__", value) is held.__func__:
            return klass
        return "mismatch: getattr gave %r, the first definition is %r in %s" % (value, held, klass)
    return "not found"

def key(k):
    return "%s:%s" % (k.__module__, k.__qualname__)

requests = json.loads(sys.argv[1])
out = {}
for class_key, names in requests.items():
    module, _, qualname = class_key.partition(":")
    obj = importlib.import_module(module)
    for part in qualname.split("."):
        obj = getattr(obj, part)
    owners = {}
    for name in names:
        found = owner_of(obj, name)
        owners[name] = key(found) if isinstance(found, type) else found
    out[class_key] = {"mro": [key(k) for k in obj.__mro__], "metaclass": key(type(obj)), "owners": owners}
print(json.dumps(out))
'''


def real_owners(tree: Path, requests: dict[str, list[str]]) -> dict[str, dict[str, object]]:
    """For each class key, its real MRO, metaclass and the owner of each asked name, imported from *tree*."""
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, json.dumps(requests)],
        cwd=tree,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
    )
    result: dict[str, dict[str, object]] = json.loads(done.stdout)
    return result


def run_python(tree: Path, code: str) -> object:
    """Run *code* (which prints JSON) with *tree* importable; its parsed output."""
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tree,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
    )
    return json.loads(done.stdout)
