"""Output size bounds: a class with hundreds of bases must not write gigabytes (through the installed command)."""

from __future__ import annotations

from pathlib import Path

import pytest

WIDE = (
    "Wide = type('Wide', tuple(type(f'B{i}', (), {}) for i in range(500)), {})\n"
    "Small = type('Small', tuple(type(f'S{i}', (), {}) for i in range(3)), {})\n"
)


@pytest.fixture
def wide_module(tmp_path: Path) -> Path:
    (tmp_path / "wide_mod.py").write_text(WIDE, encoding="utf-8")
    return tmp_path


def test_graph_steps_of_a_very_wide_class_are_refused_before_anything_is_written(run_installed, wide_module: Path):
    result = run_installed("graph", "wide_mod:Wide", "--steps", "frames", "--timeout", "300", cwd=wide_module)
    assert result.returncode == 2, result.stderr
    assert "--steps would draw 503 diagrams of 502 classes each" in result.stderr
    assert "add --no-limit" in result.stderr
    assert not (wide_module / "frames").exists()


def test_graph_steps_of_a_small_class_are_drawn(run_installed, wide_module: Path):
    result = run_installed("graph", "wide_mod:Small", "--steps", "frames", cwd=wide_module)
    assert result.returncode == 0, result.stderr
    assert (wide_module / "frames" / "index.html").is_file()


@pytest.mark.parametrize("env", [{}, {"MRO_EXPLAIN_NO_FAST_PATH": "1"}])
def test_text_trace_is_cut_with_a_message_and_no_limit_lifts_it(run_installed, wide_module: Path, env):
    env = {**env, "COLUMNS": ""}  # piped without a width: each line of the trace stays whole
    cut = run_installed("wide_mod:Wide", "--timeout", "300", cwd=wide_module, **env)
    assert cut.returncode == 0, cut.stderr
    assert len(cut.stdout) < 1_100_000
    last = cut.stdout.rstrip("\n").splitlines()[-1]
    assert "the trace stops after step" in last and "of 501" in last and "--no-limit" in last
    full = run_installed("wide_mod:Wide", "--timeout", "300", "--no-limit", cwd=wide_module, **env)
    assert full.returncode == 0, full.stderr
    assert len(full.stdout) > 1_100_000
    assert "the trace stops" not in full.stdout
    assert full.stdout.rstrip("\n").splitlines()[-1].strip().startswith("= [Wide, B0")


def test_terminal_trace_is_cut_too(run_installed, wide_module: Path):
    result = run_installed("wide_mod:Wide", "--timeout", "300", cwd=wide_module, FORCE_COLOR="1", TTY_COMPATIBLE="1")
    assert result.returncode == 0, result.stderr
    assert "the trace stops after step" in result.stdout
    assert len(result.stdout) < 2_000_000
