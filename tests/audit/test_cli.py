"""`mro-explain audit` and `mro-explain rules` end to end (in-process and the installed command)."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"


pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

FAST = ("--isolated", "--timeout", "5", "--select", "FAKE,META001")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the `quiet` fixture package in a temporary project directory (the cwd)."""
    shutil.copytree(FIXTURES / "quiet", tmp_path / "quiet")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_json_report_and_exit_codes(cli, fake_rules, project: Path) -> None:
    shutil.copy(FIXTURES / "auditfix" / "prints.py", project / "quiet" / "prints.py")
    shutil.copy(FIXTURES / "auditfix" / "bad_mro.py", project / "quiet" / "bad_mro.py")
    result = cli("audit", *FAST, "--format", "json", "quiet")
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)  # nothing the modules printed got in the way
    assert {(f["rule"], f["qualname"]) for f in data["findings"]} == {
        ("FAKE001", "FlaggedModel"),
        ("FAKE001", "FlaggedOther"),
        ("META001", "Mixed"),
    }
    meta = next(f for f in data["findings"] if f["rule"] == "META001")
    assert meta["path"] == "quiet/bad_mro.py" and meta["line"] == 9
    statuses = {m["name"]: m["status"] for m in data["modules"]}
    assert statuses == {
        "quiet": "ok",
        "quiet.bad_mro": "import-error",
        "quiet.models": "ok",
        "quiet.other": "ok",
        "quiet.prints": "ok",
    }
    assert next(m for m in data["modules"] if m["name"] == "quiet.prints")["printed_lines"] == 3
    assert "PRINTED" not in result.stdout + result.stderr
    assert cli("audit", *FAST, "--exit-zero", "quiet").returncode == 0


def test_fail_on_threshold(cli, fake_rules, project: Path) -> None:
    (project / "quiet" / "other.py").write_text("class Fine:\n    def bad_x(self):\n        pass\n")
    (project / "quiet" / "models.py").write_text("class Fine:\n    pass\n")
    assert cli("audit", *FAST, "quiet").returncode == 0  # a warning is below the default threshold
    result = cli("audit", *FAST, "--fail-on", "warning", "quiet")
    assert result.returncode == 1
    assert "quiet/other.py:2: FAKE002 [warning] Fine.bad_x is bad" in result.stdout
    assert "  2 |     def bad_x(self):" in result.stdout
    assert cli("audit", *FAST, "--fail-on", "never", "quiet").returncode == 0


def test_an_import_failure_fails_the_run(cli, fake_rules, project: Path) -> None:
    (project / "quiet" / "models.py").write_text("raise RuntimeError('boom')\n")
    (project / "quiet" / "other.py").write_text("x = 1\n")
    result = cli("audit", *FAST, "quiet")
    assert result.returncode == 1
    assert "quiet.models [import-error]" in result.stdout and "RuntimeError: boom" in result.stdout
    assert "No findings in 3 modules, 1 not audited" in result.stdout


def test_config_file_and_errors(cli, fake_rules, project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.mro-explain]\ntargets = ["quiet"]\nselect = ["FAKE"]\ntimeout = 5\n'
        '[tool.mro-explain.per-module-ignores]\n"quiet.other" = ["FAKE001"]\n'
    )
    result = cli("audit", "--format", "json")
    assert result.returncode == 1, result.stderr
    assert [f["qualname"] for f in json.loads(result.stdout)["findings"]] == ["FlaggedModel"]
    # the command line adds to the config
    assert cli("audit", "--ignore", "FAKE001").returncode == 0
    (project / "pyproject.toml").write_text('[tool.mro-explain]\nselct = ["FAKE"]\n')
    result = cli("audit")
    assert result.returncode == 2
    assert "pyproject.toml: [tool.mro-explain] unknown key 'selct'" in result.stderr
    assert "did you mean 'select'?" in result.stderr
    assert cli("audit", "--isolated", "quiet", "--select", "FAKE").returncode == 1
    (project / "pyproject.toml").write_text('[tool.mro-explain]\ntargets = ["quiet"]\n')
    result = cli("audit", "quiet", "--select", "NOPE001")
    assert result.returncode == 2 and "--select: unknown rule 'NOPE001'" in result.stderr
    assert "pyproject.toml" not in result.stderr


def test_usage_errors(cli, project: Path) -> None:
    result = cli("audit", "--isolated")
    assert result.returncode == 2 and "nothing to audit" in result.stderr
    result = cli("audit", "--isolated", "no_such_package_xyz")
    assert result.returncode == 2 and "no module named 'no_such_package_xyz'" in result.stderr
    result = cli("audit", "--isolated", "--format", "xml", "quiet")
    assert result.returncode == 2
    result = cli("audit", "--isolated", "--baseline", "missing.json", "quiet")
    assert result.returncode == 2 and "baseline file not found" in result.stderr


def test_baseline_fails_only_on_new_findings(cli, fake_rules, project: Path) -> None:
    assert cli("audit", *FAST, "quiet", "--write-baseline", "base.json").returncode == 0
    entries = json.loads((project / "base.json").read_text())["findings"]
    assert sorted(e["qualname"] for e in entries) == ["FlaggedModel", "FlaggedOther"]
    result = cli("audit", *FAST, "quiet", "--baseline", "base.json")
    assert result.returncode == 0, result.stdout
    assert "2 in the baseline" in result.stdout
    models = project / "quiet" / "models.py"
    models.write_text("# moved\n\n\n" + models.read_text() + "\n\nclass FlaggedNew:\n    pass\n")
    result = cli("audit", *FAST, "quiet", "--baseline", "base.json", "--format", "json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert [f["qualname"] for f in data["findings"]] == ["FlaggedNew"]
    assert data["summary"]["baselined"] == 2


def test_sarif_to_a_file(cli, fake_rules, project: Path) -> None:
    result = cli("audit", *FAST, "quiet", "--format", "sarif", "--output", "audit.sarif")
    assert result.returncode == 1
    assert result.stdout == ""
    assert "sarif report written to audit.sarif" in result.stderr
    log = json.loads((project / "audit.sarif").read_text())
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert uris == {"quiet/models.py", "quiet/other.py"}


def test_rules_command(cli, fake_rules) -> None:
    result = cli("rules")
    assert result.returncode == 0
    assert "FAKE001  flagged-name" in result.stdout and "META001  class-creation-failed" in result.stdout
    assert "FAKE004" in result.stdout and "(off by default)" in result.stdout
    page = cli("rules", "META001")
    assert page.returncode == 0
    for heading in ("What", "Why", "Wrong", "Right", "How to fix"):
        assert f"\n{heading}\n" in page.stdout
    assert "# mro-explain: ignore[META001]" in page.stdout
    assert cli("rules", "class-creation-failed").stdout == page.stdout
    missing = cli("rules", "META00")
    assert missing.returncode == 2 and "did you mean" in missing.stderr
    data = json.loads(cli("rules", "--format", "json").stdout)
    assert data["command"] == "rules"
    assert {"FAKE001", "META001"} <= {r["id"] for r in data["rules"]}


# ---------------------------------------------------------------------------
# The installed command, from another directory, piped


@pytest.fixture
def broken_project(tmp_path: Path) -> Path:
    pkg = tmp_path / "app"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    shutil.copy(FIXTURES / "auditfix" / "bad_mro.py", pkg / "bad_mro.py")
    shutil.copy(FIXTURES / "auditfix" / "prints.py", pkg / "noisy.py")
    shutil.copy(FIXTURES / "auditfix" / "hard_exit.py", pkg / "dies.py")
    (pkg / "ok.py").write_text("class Fine:\n    pass\n")
    return tmp_path


def test_installed_text(run_installed, broken_project: Path) -> None:
    result = run_installed("audit", "app", "--select", "META001", cwd=broken_project)
    assert result.returncode == 1, result.stderr
    assert "app/bad_mro.py:9: META001 [error] class Mixed(A, B) cannot be created" in result.stdout
    assert "  9 | class Mixed(A, B):" in result.stdout
    assert "app.dies [crashed]" in result.stdout
    assert "PRINTED" not in result.stdout and "WRITTEN" not in result.stdout
    assert "\x1b[" not in result.stdout + result.stderr  # piped: no colour, no progress bar


def test_installed_github_and_gitlab(run_installed, broken_project: Path) -> None:
    result = run_installed("audit", "app", "--select", "META001", "--format", "github", cwd=broken_project)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(
        line.startswith("::error file=app/bad_mro.py,line=9,title=META001 class-creation-failed::") for line in lines
    )
    assert all(line.startswith("::") for line in lines)
    result = run_installed("audit", "app", "--select", "META001", "--format", "gitlab", cwd=broken_project)
    issues = json.loads(result.stdout)
    assert {i["check_name"] for i in issues} == {"META001 class-creation-failed", "mro-explain crashed"}


def test_installed_config_error(run_installed, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.mro-explain]\nfail-on = "always"\n')
    result = run_installed("audit", cwd=tmp_path)
    assert result.returncode == 2
    assert "[tool.mro-explain] key 'fail-on'" in result.stderr
    assert result.stdout == ""


def test_installed_self_audit(run_installed) -> None:
    """mro-explain audits its own code with the [tool.mro-explain] table of pyproject.toml (every rule)."""
    result = run_installed("audit", "--format", "json", timeout=180)
    data = json.loads(result.stdout)
    assert result.returncode == 0, json.dumps(data["findings"], indent=1) + result.stderr
    assert data["summary"]["modules_failed"] == 0
    assert any(m["name"] == "pyinspect_cli.audit.runner" for m in data["modules"])
