"""Files the audit writes and reads: nothing is overwritten unasked, bad input is a clean error (installed command)."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX files")

FAST = ("--isolated", "--timeout", "20", "--no-progress", "--select", "META001")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "quiet", tmp_path / "quiet")
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'demo'\n", encoding="utf-8")
    return tmp_path


def assert_clean_error(result, *words: str) -> None:
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("mro-explain: error: "), result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr
    assert len(result.stderr.splitlines()) <= 2


# ---------------------------------------------------------------------------
# -o and --write-baseline never replace a file that is not ours


@pytest.mark.parametrize("victim", ["pyproject.toml", "quiet/models.py", "notes.txt"])
@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
def test_a_file_that_is_not_ours_is_not_overwritten(run_installed, project: Path, victim: str, option: str) -> None:
    path = project / victim
    if not path.exists():
        path.write_text("my notes\n", encoding="utf-8")
    before = path.read_bytes()
    result = run_installed("audit", "quiet", *FAST, option, victim, cwd=project)
    assert_clean_error(result, "was not written by mro-explain", "--force")
    assert path.read_bytes() == before
    forced = run_installed("audit", "quiet", *FAST, option, victim, "--force", cwd=project)
    assert forced.returncode in (0, 1), forced.stderr
    assert path.read_bytes() != before


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "gitlab"])
def test_a_previous_report_is_replaced(run_installed, project: Path, fmt: str) -> None:
    shutil.copy(FIXTURES / "auditfix" / "bad_mro.py", project / "quiet" / "bad_mro.py")  # something to report
    for _ in range(2):
        result = run_installed("audit", "quiet", *FAST, "--format", fmt, "-o", "report.out", cwd=project)
        assert result.returncode == 1, result.stderr
    assert (project / "report.out").stat().st_size > 0


def test_a_previous_baseline_and_an_empty_file_are_replaced(run_installed, project: Path) -> None:
    (project / "empty.json").write_text("", encoding="utf-8")
    for target in ("baseline.json", "baseline.json", "empty.json"):
        result = run_installed("audit", "quiet", *FAST, "--write-baseline", target, cwd=project)
        assert result.returncode == 0, result.stderr
    assert json.loads((project / "empty.json").read_text(encoding="utf-8"))["tool"] == "mro-explain"


# ---------------------------------------------------------------------------
# Configuration and baselines that cannot be read


def test_a_non_utf8_pyproject(run_installed, project: Path) -> None:
    (project / "pyproject.toml").write_bytes(b"[tool.mro-explain]\ntargets = ['caf\xe9']\n")
    assert_clean_error(run_installed("audit", "quiet", "--no-progress", cwd=project), "not UTF-8", "pyproject.toml")


def test_deeply_nested_toml(run_installed, project: Path) -> None:
    (project / "pyproject.toml").write_text("[tool.mro-explain]\ntargets = " + "[" * 5000 + "]" * 5000 + "\n")
    assert_clean_error(run_installed("audit", "quiet", "--no-progress", cwd=project), "pyproject.toml")


def test_deeply_nested_baseline(run_installed, project: Path) -> None:
    (project / "deep.json").write_text(
        '{"tool": "mro-explain", "version": 1, "findings": ' + "[" * 100000 + "]" * 100000 + "}"
    )
    result = run_installed("audit", "quiet", *FAST, "--baseline", "deep.json", cwd=project)
    assert_clean_error(result, "deep.json")


@pytest.mark.parametrize("version", ["2", '"1"', "true", "null"])
def test_baseline_version_is_checked(run_installed, project: Path, version: str) -> None:
    (project / "b.json").write_text(f'{{"tool": "mro-explain", "version": {version}, "findings": []}}')
    result = run_installed("audit", "quiet", *FAST, "--baseline", "b.json", cwd=project)
    assert_clean_error(result, "baseline version", "--write-baseline")


def test_a_non_utf8_baseline(run_installed, project: Path) -> None:
    (project / "b.json").write_bytes(b'{"tool": "mro-explain", "version": 1, "findings": ["\xff"]}')
    assert_clean_error(run_installed("audit", "quiet", *FAST, "--baseline", "b.json", cwd=project), "not UTF-8")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_a_fifo_as_baseline_or_config_does_not_hang(run_installed, project: Path) -> None:
    os.mkfifo(project / "fifo")
    result = run_installed("audit", "quiet", *FAST, "--baseline", "fifo", cwd=project, timeout=60)
    assert_clean_error(result, "not a regular file")
    result = run_installed("audit", "quiet", "--no-progress", "--config", "fifo", cwd=project, timeout=60)
    assert_clean_error(result, "not a regular file")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="/dev/zero")
def test_dev_zero_as_baseline_or_config(run_installed, project: Path) -> None:
    result = run_installed("audit", "quiet", *FAST, "--baseline", "/dev/zero", cwd=project, timeout=60)
    assert_clean_error(result, "not a regular file")
    result = run_installed("audit", "quiet", "--no-progress", "--config", "/dev/zero", cwd=project, timeout=60)
    assert_clean_error(result, "not a regular file")


@pytest.mark.parametrize(
    ("table", "words"),
    [
        ("select = []", ("select is empty",)),
        ('select = ["ATTR005"]\nignore = ["ATTR"]', ("ignore removes every selected rule",)),
        ("timeout = -1", ("'timeout'", "0 (no limit)")),
        ('timeout = "30"', ("'timeout'", "not a string")),
    ],
)
def test_a_config_that_runs_nothing_or_is_mistyped(run_installed, project: Path, table: str, words) -> None:
    (project / "pyproject.toml").write_text(f"[tool.mro-explain]\n{table}\n", encoding="utf-8")
    assert_clean_error(run_installed("audit", "quiet", "--no-progress", cwd=project), *words)


def test_an_empty_select_on_the_command_line(run_installed, project: Path) -> None:
    result = run_installed("audit", "quiet", "--isolated", "--no-progress", "--select", "", cwd=project)
    assert_clean_error(result, "--select names no rule")
