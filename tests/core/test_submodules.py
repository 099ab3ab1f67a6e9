"""``loading.submodules`` lists a package's modules exactly as ``pkgutil.iter_modules`` does, without ``inspect``."""

from __future__ import annotations

import importlib.machinery
import os
import pkgutil
import subprocess
import sys
import zipfile
from pathlib import Path

from pyinspect_cli.loading import submodules


def _pkgutil(locations: list[str], prefix: str) -> list[tuple[str, bool]]:
    return [(info.name, info.ispkg) for info in pkgutil.iter_modules(locations, prefix)]


def test_every_installed_package_is_listed_as_pkgutil_lists_it() -> None:
    """The stdlib and every installed distribution (Django, SQLAlchemy, pandas, ...), package by package."""
    checked = 0

    def walk(locations: list[str], prefix: str) -> None:
        nonlocal checked
        assert submodules(locations, prefix) == _pkgutil(locations, prefix), locations
        checked += 1
        for name, is_package in _pkgutil(locations, prefix):
            spec = importlib.machinery.PathFinder.find_spec(name, locations) if is_package else None
            if spec is not None and spec.submodule_search_locations:
                walk(list(spec.submodule_search_locations), name + ".")

    for entry in sys.path:
        if entry and os.path.isdir(entry):
            walk([entry], "")
    assert checked > 300


def test_odd_directory_entries(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for location in (first, second):
        location.mkdir()
    (first / "mod.py").write_text("")
    (first / "mod.pyc").write_text("")  # the same name twice in one place: listed once
    (first / "__init__.py").write_text("")
    (first / "not.a.module.py").write_text("")  # a dot in the name: not importable as one module
    (first / "pkg").mkdir()
    (first / "pkg" / "__init__.py").write_text("")
    (first / "nspkg").mkdir()  # no __init__: not listed (as pkgutil)
    (first / "dotted.dir").mkdir()
    (first / "dotted.dir" / "__init__.py").write_text("")
    (second / "mod.py").write_text("")  # seen in an earlier location: skipped
    (second / "other.py").write_text("")
    (second / "data.txt").write_text("")
    locations = [str(first), str(second), str(tmp_path / "missing")]
    assert submodules(locations, "x.") == _pkgutil(locations, "x.")
    assert submodules(locations, "x.") == [("x.mod", False), ("x.pkg", True), ("x.other", False)]


def test_a_zip_location_goes_through_pkgutil(tmp_path: Path) -> None:
    archive = tmp_path / "lib.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("zipped.py", "")
        zf.writestr("zpkg/__init__.py", "")
    assert submodules([str(archive)], "") == _pkgutil([str(archive)], "") == [("zipped", False), ("zpkg", True)]


def test_listing_a_package_does_not_import_inspect() -> None:
    code = (
        "import sys, json; from pyinspect_cli.loading import submodules; "
        "submodules(json.__path__, 'json.'); print('inspect' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == "False"
