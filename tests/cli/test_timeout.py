"""`--timeout` follows one rule on every command, piped or not, and so does the config's `timeout`:
a number of seconds, at least 0; 0 means no limit."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, clean_env
from tests.test_architecture import HEAVY, imported_after


def _commands_with_timeout() -> list[str]:
    import typer

    from pyinspect_cli.cli import app

    group = typer.main.get_command(app)
    return sorted(
        name
        for name, command in group.commands.items()  # type: ignore[attr-defined]
        if any("--timeout" in getattr(p, "opts", ()) for p in command.params)
    )


def test_every_analysis_command_has_a_timeout() -> None:
    assert {"explain", "what-if", "descriptors", "attr", "super", "registries", "metaclass", "graph"} <= set(
        _commands_with_timeout()
    )
    assert {"audit", "diff", "snapshot"} <= set(_commands_with_timeout())


@pytest.mark.parametrize("command", _commands_with_timeout())
@pytest.mark.parametrize("value", ["-1", "nan", "soon"])
def test_every_command_rejects_the_same_timeouts(cli, command: str, value: str) -> None:
    result = cli(command, "--timeout", value)
    assert result.returncode == 2, (command, result.stdout, result.stderr)
    assert result.stderr.startswith("mro-explain: error: invalid value for '--timeout'"), result.stderr
    assert len(result.stderr.strip().splitlines()) == 2
    if value != "soon":  # a number: the rule's own words, as the config's error says them
        assert "must be 0 (no limit) or a number of seconds" in result.stderr


@pytest.mark.parametrize("value", ["0", "0.05", "inf"])
def test_the_config_takes_what_the_command_line_takes(tmp_path: Path, value: str) -> None:
    from pyinspect_cli.audit.config import load_config
    from pyinspect_cli.loading import check_timeout

    (tmp_path / "pyproject.toml").write_text(f"[tool.mro-explain]\ntimeout = {value}\n", encoding="utf-8")
    assert load_config(str(tmp_path / "pyproject.toml")).timeout == check_timeout(float(value))


@pytest.mark.parametrize("value", ["-1", "nan"])
def test_the_config_refuses_what_the_command_line_refuses(tmp_path: Path, value: str) -> None:
    from pyinspect_cli.audit.config import load_config
    from pyinspect_cli.errors import ConfigError

    (tmp_path / "pyproject.toml").write_text(f"[tool.mro-explain]\ntimeout = {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="0 \\(no limit\\) or a number of seconds"):
        load_config(str(tmp_path / "pyproject.toml"))


@pytest.mark.parametrize(
    ("argv", "seconds"),
    [
        (["x:Y", "--timeout", "5"], 5.0),
        (["x:Y", "--timeout=0"], 0.0),
        (["--timeout", "2.5", "x:Y", "--format", "json"], 2.5),
        (["x:Y"], 30.0),
    ],
)
def test_the_piped_default_command_reads_timeout(argv: list[str], seconds: float) -> None:
    from pyinspect_cli.fastpath import _parse

    parsed = _parse(argv)
    assert parsed is not None
    assert parsed[1]["timeout"] == seconds


@pytest.mark.parametrize("argv", [["x:Y", "--timeout", "-1"], ["x:Y", "--timeout=nan"], ["x:Y", "--timeout"]])
def test_a_timeout_the_rule_refuses_is_left_to_typer(argv: list[str]) -> None:
    from pyinspect_cli.fastpath import _parse

    assert _parse(argv) is None


@pytest.mark.parametrize(
    "argv",
    [
        ["sample_modules.diamond:D"],
        ["registries", "sample_modules.diamond"],
        ["graph", "sample_modules.diamond:D", "--format", "dot"],
        ["audit", "sample_modules.diamond", "--isolated", "--no-progress"],
    ],
)
@pytest.mark.parametrize("value", ["-1", "nan"])
def test_piped_or_not_a_bad_timeout_gets_the_same_error(run_installed, argv: list[str], value: str) -> None:
    fast = run_installed(*argv, "--timeout", value)
    full = run_installed(*argv, "--timeout", value, MRO_EXPLAIN_NO_FAST_PATH="1")
    assert fast.returncode == full.returncode == 2
    assert fast.stderr == full.stderr
    assert fast.stderr.startswith("mro-explain: error: invalid value for '--timeout': must be 0 (no limit)")


def test_the_fast_paths_read_timeout_by_the_same_rule() -> None:
    """``registries``, ``graph`` and ``audit`` piped read --timeout with this one parser."""
    from pyinspect_cli.commands._fastargs import seconds

    assert seconds("0") == 0.0 and seconds("2.5") == 2.5
    for bad in ("-1", "nan", "inf", "soon"):
        with pytest.raises(ValueError):
            seconds(bad)


def test_the_piped_default_command_applies_timeout_without_typer() -> None:
    code = (
        "import io, sys\n"
        "from pyinspect_cli.fastpath import run_fast_path\n"
        "err = sys.stderr; sys.stderr = io.StringIO()\n"
        "code = run_fast_path(['sample_modules.broken.loops', '--timeout', '0.5'])\n"
        "text = sys.stderr.getvalue(); sys.stderr = err\n"
        "assert code == 3, (code, text)\n"
        "assert 'did not finish within 0.5 s' in text, text\n"
    )
    modules = imported_after(code)
    assert not {m for m in modules if m.split(".")[0] in HEAVY}


@pytest.mark.parametrize("command", [["snapshot"], ["audit", "--isolated", "--no-progress", "--format", "json"]])
def test_timeout_zero_lets_a_slow_module_finish(tmp_path: Path, command: list[str]) -> None:
    """0 is no limit in the worker processes too (snapshot used to stop every module after a second)."""
    (tmp_path / "slowmod.py").write_text("import time\ntime.sleep(1.5)\nclass A:\n    pass\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "pyinspect_cli", command[0], "slowmod.py", "--timeout", "0", *command[1:]],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=clean_env(PYTHONPATH=str(ROOT)),
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "timeout" not in proc.stderr
    assert '"slowmod:A"' in proc.stdout or '"status": "ok"' in proc.stdout
