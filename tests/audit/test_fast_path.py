"""``mro-explain audit`` runs without Typer, Click, Rich or pydantic, with the Typer command's options."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

from tests.conftest import ROOT, clean_env

FIXTURES = ROOT / "tests" / "audit" / "fixtures"
HEAVY = ("typer", "rich", "pydantic", "click", "graphviz")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

SAME_AS_TYPER = [
    ["pkg"],
    ["pkg", "other.py", "--format", "JSON", "-o", "out.json"],
    ["--format=sarif", "pkg", "--select", "DESC,MRO001", "--select", "ATTR", "--ignore", "X"],
    ["pkg", "--exclude", "a*", "--exclude=b", "--fail-on", "Warning", "--exit-zero"],
    ["pkg", "--baseline", "b.json", "--no-baseline", "--write-baseline", "w.json"],
    ["pkg", "--timeout", "2.5", "-j", "3", "-p", "src", "--path", "lib", "--config", "c.toml"],
    ["pkg", "--isolated", "--no-progress", "-f", "github", "--jobs=0", "--timeout=0.1"],
    ["pkg", "--timeout", "0"],
    ["pkg", "--timeout=0.05"],
    ["--progress", "pkg", "--output=x", "--force"],
]

LEFT_TO_TYPER = [
    ["--help"],
    ["pkg", "-h"],
    ["pkg", "--format", "xml"],
    ["pkg", "--timeout", "-1"],
    ["pkg", "--timeout", "nan"],
    ["pkg", "--timeout", "soon"],
    ["pkg", "--jobs", "-1"],
    ["pkg", "--jobs", "two"],
    ["pkg", "--unknown"],
    ["pkg", "--format"],
    ["pkg", "-o", "--format"],
    ["pkg", "-f=json"],
    ["pkg", "--isolated=yes"],
]


def typer_keywords(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    from typer.testing import CliRunner

    from pyinspect_cli.cli import app
    from pyinspect_cli.commands import audit as audit_command

    seen: dict[str, Any] = {}

    def record(**kwargs: Any) -> int:
        seen.update(kwargs)
        return 0

    monkeypatch.setattr(audit_command, "run_audit_command", record)
    result = CliRunner().invoke(app, ["audit", *argv], prog_name="mro-explain")
    assert result.exit_code == 0, result.output
    return seen


@pytest.mark.parametrize("argv", SAME_AS_TYPER, ids=" ".join)
def test_the_fast_parser_reads_options_as_typer_does(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from pyinspect_cli.commands._audit_impl import parse_audit_args

    assert parse_audit_args(argv) == typer_keywords(argv, monkeypatch)


@pytest.mark.parametrize("argv", LEFT_TO_TYPER, ids=" ".join)
def test_what_the_fast_parser_does_not_know_goes_to_typer(argv: list[str]) -> None:
    from pyinspect_cli.commands._audit_impl import parse_audit_args

    assert parse_audit_args(argv) is None


@pytest.mark.parametrize("fmt", ["json", "text", "sarif", "github", "gitlab"])
def test_audit_imports_nothing_heavy(fmt: str) -> None:
    """Typer, Click, Rich and pydantic cost more to import than auditing a small package."""
    code = (
        "import io, sys, json\n"
        "from pyinspect_cli.fastpath import run_fast_path\n"
        "out = sys.stdout; sys.stdout = io.StringIO()\n"
        f"code = run_fast_path(['audit', 'quiet', '--isolated', '--no-progress', '--format', {fmt!r}])\n"
        "report = sys.stdout.getvalue(); sys.stdout = out\n"
        "print(json.dumps([code, report, sorted(sys.modules)]))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        cwd=FIXTURES,
        capture_output=True,
        text=True,
        env=clean_env(),
        check=True,
        timeout=120,
    )
    code_, report, modules = json.loads(proc.stdout.strip().splitlines()[-1])
    assert code_ in (0, 1), proc.stderr
    assert report.strip() or fmt == "github"  # github: nothing when there is nothing to annotate
    assert not {m for m in modules if m.split(".")[0] in HEAVY}
