"""Targets to modules, without importing anything."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pyinspect_cli.audit.runner import discover
from pyinspect_cli.errors import TargetError

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def names(refs) -> list[str]:
    return [r.name for r in refs]


def test_directory_uses_the_package_structure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES)
    # a directory in the current directory is a path, even when it is also a package name
    assert all(r.root == str(FIXTURES) for r in discover(["auditfix"]))
    refs = discover([str(FIXTURES / "auditfix")])
    found = names(refs)
    assert found[0] == "auditfix"
    assert "auditfix.bad_mro" in found and "auditfix.segfault" in found
    assert "auditfix.__main__" not in found and "auditfix.setup" not in found
    assert all(r.root == str(FIXTURES) for r in refs)


def test_dotted_package_is_walked_without_importing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    for name in [m for m in sys.modules if m.startswith("auditfix")]:
        monkeypatch.delitem(sys.modules, name)
    refs = discover(["auditfix"], paths=[str(FIXTURES)])
    assert "auditfix.flagged" in names(refs)
    assert all(r.root is None for r in refs)  # imported by name in the worker
    assert refs[1].file is not None and refs[1].file.endswith(".py")
    assert not any(m.startswith("auditfix") for m in sys.modules)


def test_dotted_module_and_path_option(tmp_path: Path) -> None:
    refs = discover(["auditfix.clean"], paths=[str(FIXTURES)], cwd=str(tmp_path))
    assert names(refs) == ["auditfix.clean"]


def test_stdlib_package() -> None:
    found = names(discover(["json"]))
    assert found[0] == "json" and "json.decoder" in found and "json.tool" in found


def test_exclude_globs_over_names_and_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES)
    found = names(discover(["auditfix"], exclude=["auditfix.bad_*", "*/segfault.py", "auditfix/loops.py"]))
    assert "auditfix.bad_mro" not in found and "auditfix.segfault" not in found and "auditfix.loops" not in found
    assert "auditfix.clean" in found
    # a package or a directory excludes what is below it
    assert names(discover(["auditfix"], exclude=["auditfix"])) == []
    found = names(discover(["auditfix"], exclude=["auditfix/bad_mro*"]))
    assert "auditfix.bad_mro" not in found and "auditfix.bad_mro_ignored" not in found
    others = ["quiet", "isolation", "suppressions"]
    assert names(discover([str(FIXTURES)], exclude=others)) == names(discover([str(FIXTURES / "auditfix")]))


def test_single_file_even_if_default_excluded() -> None:
    refs = discover([str(FIXTURES / "auditfix" / "setup.py")])
    assert names(refs) == ["auditfix.setup"]


def test_duplicates_are_dropped() -> None:
    refs = discover([str(FIXTURES / "quiet"), str(FIXTURES / "quiet" / "models.py")])
    assert names(refs) == ["quiet", "quiet.models", "quiet.other"]


def test_missing_targets() -> None:
    with pytest.raises(TargetError, match="no module named 'no_such_pkg_xyz'"):
        discover(["no_such_pkg_xyz"])
    with pytest.raises(TargetError, match="no such file or directory"):
        discover(["missing/dir"])
    with pytest.raises(TargetError, match=r"no module named 'json\.nope'"):
        discover(["json.nope"])
    with pytest.raises(TargetError, match="not a package, module or path"):
        discover(["not a name"])
