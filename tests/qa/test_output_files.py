"""Output files that cannot be written: a short error and exit code 2, never an internal error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


def test_schema_output_in_a_missing_directory(run_installed, tmp_path: Path) -> None:
    result = run_installed("schema", "-o", str(tmp_path / "missing" / "schema.json"), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("mro-explain: error: directory ")
    assert "internal error" not in result.stderr


def test_schema_output_that_cannot_be_written(run_installed, tmp_path: Path) -> None:
    result = run_installed("schema", "-o", "/proc/version", "--force", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("mro-explain: error: cannot write /proc/version: ")
    assert len(result.stderr.splitlines()) == 2


@pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz dot")
@pytest.mark.parametrize("suffix", ["svg", "dot"])
def test_graph_output_that_cannot_be_written(run_installed, tmp_path: Path, suffix: str) -> None:
    result = run_installed("graph", "builtins:dict", "-o", f"/proc/mro-explain-test.{suffix}", "--force", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(f"mro-explain: error: cannot write /proc/mro-explain-test.{suffix}: ")
    assert "internal error" not in result.stderr


@pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz dot")
def test_graph_steps_directory_that_cannot_be_created(run_installed, tmp_path: Path) -> None:
    result = run_installed("graph", "builtins:dict", "--steps", "/proc/mro-explain-steps", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("mro-explain: error: cannot create the directory /proc/mro-explain-steps: ")
