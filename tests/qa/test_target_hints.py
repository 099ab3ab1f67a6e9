"""Targets that name a module where a class is expected, and packages that only re-export classes."""

from __future__ import annotations

import json
from pathlib import Path


def _package(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("from pkg.models import Model\n", encoding="utf-8")
    (pkg / "models.py").write_text("class Model:\n    pass\n", encoding="utf-8")
    (pkg / "views.py").write_text("class View:\n    pass\n", encoding="utf-8")


def test_submodule_not_imported_by_the_package(run_installed, tmp_path: Path) -> None:
    _package(tmp_path)
    result = run_installed("pkg:views", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "mro-explain: error: pkg.views is a module, not a class\n  hint: list its classes with: mro-explain pkg.views\n"
    )


def test_imported_submodule_hint_names_that_module(run_installed, tmp_path: Path) -> None:
    _package(tmp_path)
    result = run_installed("pkg:models", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.endswith("  hint: list its classes with: mro-explain pkg.models\n")
    result = run_installed("collections:abc", cwd=tmp_path)
    assert result.stderr.endswith("  hint: list its classes with: mro-explain collections.abc\n")


def test_package_that_only_reexports_classes(run_installed, tmp_path: Path) -> None:
    _package(tmp_path)
    for fmt in ("text", "json"):
        result = run_installed("pkg", "--format", fmt, cwd=tmp_path)
        assert result.returncode == 0
        assert result.stderr == (
            "mro-explain: note: pkg defines no class itself but imports 1 class from its submodules "
            "(e.g. pkg.models:Model): name one as pkg:Model, or list a module that defines them: "
            "mro-explain pkg.models\n"
        )
        if fmt == "json":
            assert json.loads(result.stdout)["classes"] == []
        else:
            assert result.stdout == "pkg: no classes defined\n"


def test_module_without_classes_gets_no_note(run_installed, tmp_path: Path) -> None:
    (tmp_path / "plain.py").write_text("from collections import OrderedDict\nX = 1\n", encoding="utf-8")
    result = run_installed("plain", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stderr == ""


def test_file_named_like_a_loaded_module_is_refused(run_installed, tmp_path: Path) -> None:
    (tmp_path / "typing.py").write_text("class Mine:\n    pass\n", encoding="utf-8")
    for args in (("typing.py",), ("typing.py:Mine",), ("descriptors", "./typing.py:Mine")):
        result = run_installed(*args, cwd=tmp_path)
        assert result.returncode == 2, (args, result.stdout)
        assert result.stdout == ""
        assert "imports as 'typing', but that name is already the module typing" in result.stderr


def test_file_named_like_a_builtin_module_is_refused(run_installed, tmp_path: Path) -> None:
    (tmp_path / "time.py").write_text("class Mine:\n    pass\n", encoding="utf-8")
    result = run_installed("time.py:Mine", cwd=tmp_path)
    assert result.returncode == 2
    assert "already the module time (built in)" in result.stderr


def test_missing_module_with_a_path_that_is_not_a_directory(run_installed, tmp_path: Path) -> None:
    (tmp_path / "mod.py").write_text("class A:\n    pass\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run_installed("mod:A", "--path", str(tmp_path / "mod.py"), cwd=elsewhere)
    assert result.returncode == 2
    assert result.stderr.endswith(
        f"  hint: --path {tmp_path / 'mod.py'} is a file; --path takes the directory that contains the module\n"
    )
    result = run_installed("mod:A", "--path", str(tmp_path / "nope"), cwd=elsewhere)
    assert result.stderr.endswith(f"  hint: --path {tmp_path / 'nope'} does not exist\n")
