"""Shared fixtures: a clean environment, golden files, and two ways to run the CLI.

This file must stay importable without typer/rich/graphviz/pydantic: the C3
agreement tests run on bare interpreters with only pytest and hypothesis.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLDENS = Path(__file__).resolve().parent / "goldens"

# Plain, deterministic Typer/Rich output under CliRunner (set before the app is imported).
os.environ["TERMINAL_WIDTH"] = "100"
os.environ["_TYPER_FORCE_DISABLE_TERMINAL"] = "1"

_COLOUR_VARS = (
    "FORCE_COLOR",
    "NO_COLOR",
    "PY_COLORS",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "GITHUB_ACTIONS",
    "CLICOLOR_FORCE",
    "COLORTERM",
    "MRO_EXPLAIN_DEBUG",
)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite tests/goldens from the current output")


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in _COLOUR_VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("LINES", "40")
    monkeypatch.setenv("TERM", "xterm-256color")


@pytest.fixture
def golden(request: pytest.FixtureRequest):
    """Compare text with tests/goldens/NAME; --update-goldens rewrites it."""
    update = request.config.getoption("--update-goldens")

    def check(name: str, actual: str) -> None:
        path = GOLDENS / name
        if update or not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            if not update:
                pytest.fail(f"golden {name} did not exist; wrote it - review and commit it")
        assert actual == path.read_text(encoding="utf-8")

    return check


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


def installed_command() -> str:
    """The installed ``mro-explain`` console script next to this interpreter."""
    candidate = Path(sys.executable).parent / "mro-explain"
    if candidate.exists():
        return str(candidate)
    found = shutil.which("mro-explain")
    if not found:
        pytest.skip("the mro-explain console script is not installed (run `make test`)")
    return found


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _COLOUR_VARS and not k.startswith("PYTEST")}
    env.pop("PYTHONPATH", None)
    env.update({"COLUMNS": "100", "TERM": "xterm-256color"})
    env.update(extra)
    return env


@pytest.fixture
def run_installed():
    """Run the installed ``mro-explain`` in a subprocess (default cwd: the repo root)."""

    def run(*args: str, cwd: str | os.PathLike[str] | None = None, timeout: float = 60, **env: str) -> Result:
        proc = subprocess.run(
            [installed_command(), *args],
            cwd=cwd or ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
            env=clean_env(**env),
            stdin=subprocess.DEVNULL,
        )
        return Result(proc.returncode, proc.stdout, proc.stderr)

    return run


@pytest.fixture
def cli():
    """Invoke the Typer app in-process with CliRunner; returns a Result."""
    from typer.testing import CliRunner

    from pyinspect_cli.cli import app

    def invoke(*args: str) -> Result:
        runner = CliRunner()
        result = runner.invoke(app, list(args), prog_name="mro-explain")
        stderr = result.stderr if result.stderr_bytes is not None else ""
        return Result(result.exit_code, result.stdout, stderr)

    return invoke
