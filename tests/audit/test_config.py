"""[tool.mro-explain]: validation with errors that name the key, merging, rule selection."""

from __future__ import annotations

from pathlib import Path

import pytest

from pyinspect_cli.audit.config import AuditConfig, load_config, resolve_rules, split_codes
from pyinspect_cli.errors import ConfigError, ExitCode

ROOT = Path(__file__).resolve().parents[2]


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "pyproject.toml"
    path.write_text(body, encoding="utf-8")
    return path


def error_for(tmp_path: Path, body: str) -> ConfigError:
    path = write(tmp_path, body)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert info.value.exit_code == ExitCode.USAGE
    return info.value


def test_full_table(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
[tool.mro-explain]
targets = ["src/pkg"]
select = ["DESC", "MRO001"]
ignore = ["ATTR004"]
exclude = ["*/_vendor/*"]
fail-on = "warning"
timeout = 5
jobs = 2
baseline = "baseline.json"

[tool.mro-explain.per-module-ignores]
"pkg.compat.*" = ["MRO001"]
""",
    )
    config = load_config(path)
    assert config.targets == ["src/pkg"]
    assert config.select == ["DESC", "MRO001"]
    assert config.fail_on == "warning"
    assert config.timeout == 5
    assert config.jobs == 2
    assert config.root == tmp_path.resolve()
    assert config.per_module_ignores == {"pkg.compat.*": ["MRO001"]}
    assert config.module_ignores("pkg.compat.py2", []) == {"MRO001"}
    assert config.module_ignores("pkg.core", []) == set()


def test_unknown_key_names_it_and_suggests(tmp_path: Path) -> None:
    error = error_for(tmp_path, '[tool.mro-explain]\nselct = ["DESC"]\n')
    assert "[tool.mro-explain] unknown key 'selct'" in error.message
    assert "pyproject.toml" in error.message
    assert error.hint == "did you mean 'select'?"


def test_bad_fail_on(tmp_path: Path) -> None:
    error = error_for(tmp_path, '[tool.mro-explain]\nfail-on = "sometimes"\n')
    assert "'fail-on'" in error.message and "sometimes" in error.message
    assert "error, warning, note, never" in (error.hint or "")


def test_bad_timeout_and_type(tmp_path: Path) -> None:
    assert "'timeout'" in error_for(tmp_path, "[tool.mro-explain]\ntimeout = -1\n").message
    assert "'targets'" in error_for(tmp_path, '[tool.mro-explain]\ntargets = "pkg"\n').message
    assert "'per-module-ignores" in error_for(tmp_path, '[tool.mro-explain.per-module-ignores]\n"x" = 3\n').message


def test_snake_case_key_is_unknown(tmp_path: Path) -> None:
    error = error_for(tmp_path, '[tool.mro-explain]\nfail_on = "error"\n')
    assert "unknown key 'fail_on'" in error.message
    assert "fail-on" in (error.hint or "")


def test_misspelt_table(tmp_path: Path) -> None:
    assert "[tool.mro-explain]" in (error_for(tmp_path, "[tool.mro_explain]\n").hint or "")


def test_invalid_toml(tmp_path: Path) -> None:
    assert "not valid TOML" in error_for(tmp_path, "[tool.mro-explain\n").message


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path / "nope.toml")


def test_no_table_and_isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "[project]\nname = 'x'\n")
    monkeypatch.chdir(tmp_path)
    assert load_config().targets == []
    assert load_config(isolated=True).source is None


def test_found_walking_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, '[tool.mro-explain]\ntargets = ["pkg"]\n')
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    assert load_config().targets == ["pkg"]


def test_repository_config_is_valid() -> None:
    config = load_config(ROOT / "pyproject.toml")
    assert config.targets == ["pyinspect_cli"]


class R:
    def __init__(self, enabled: bool = True) -> None:
        self.enabled_by_default = enabled


KNOWN = {"DESC001": R(), "DESC002": R(), "MRO001": R(), "META001": R(), "ATTR004": R(enabled=False)}


def test_resolve_rules_defaults_select_ignore() -> None:
    assert resolve_rules(AuditConfig(), KNOWN) == ["DESC001", "DESC002", "META001", "MRO001"]
    assert resolve_rules(AuditConfig(select=["DESC"]), KNOWN) == ["DESC001", "DESC002"]
    # ALL is every rule, those off by default included (what --help promises)
    assert resolve_rules(AuditConfig(select=["ALL"], ignore=["DESC002"]), KNOWN) == [
        "ATTR004",
        "DESC001",
        "META001",
        "MRO001",
    ]
    # an exact id enables a rule that is off by default; a prefix does not
    assert resolve_rules(AuditConfig(select=["ATTR004", "MRO"]), KNOWN) == ["ATTR004", "MRO001"]
    with pytest.raises(ConfigError, match="off by default"):
        resolve_rules(AuditConfig(select=["ATTR"]), KNOWN)
    assert resolve_rules(AuditConfig(select=["desc001"]), KNOWN) == ["DESC001"]


def test_unknown_rule_codes_are_errors() -> None:
    with pytest.raises(ConfigError, match="select: unknown rule 'DESC999'") as info:
        resolve_rules(AuditConfig(select=["DESC999"]), KNOWN, where="pyproject.toml")
    assert "pyproject.toml: [tool.mro-explain] select" in info.value.message
    assert (info.value.hint or "").startswith("did you mean 'DESC00")
    with pytest.raises(ConfigError, match="ignore: unknown rule 'XYZ'"):
        resolve_rules(AuditConfig(ignore=["XYZ"]), KNOWN)
    with pytest.raises(ConfigError, match="per-module-ignores"):
        resolve_rules(AuditConfig(per_module_ignores={"a.*": ["NOPE1"]}), KNOWN)


def test_split_codes() -> None:
    assert split_codes(None) is None
    assert split_codes(["A,B", " C "]) == ["A", "B", "C"]


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ('timeout = "30"', "'timeout'"),
        ("timeout = true", "'timeout'"),
        ("timeout = -1", "'timeout'"),
        ("timeout = -0.5", "'timeout'"),
        ("timeout = nan", "'timeout'"),
        ("jobs = 2.0", "'jobs'"),
        ("jobs = true", "'jobs'"),
        ('jobs = "2"', "'jobs'"),
        ("fail-on = 1", "'fail-on'"),
        ("select = [1]", "'select[0]'"),
        ('select = "DESC"', "'select'"),
        ("baseline = 1", "'baseline'"),
        ("exclude = [true]", "'exclude[0]'"),
    ],
)
def test_values_are_never_converted(tmp_path: Path, line: str, key: str) -> None:
    """A string is not read as a number, nor a bool as one; timeout follows the command line's rule (>= 0)."""
    error = error_for(tmp_path, f"[tool.mro-explain]\n{line}\n")
    assert f"key {key}" in error.message
    assert error.hint


def test_timeout_follows_the_command_line_rule(tmp_path: Path) -> None:
    """0 (or inf) is no limit, as with --timeout; any positive number of seconds is a limit."""
    assert load_config(write(tmp_path, "[tool.mro-explain]\ntimeout = 0\n")).timeout == 0
    assert load_config(write(tmp_path, "[tool.mro-explain]\ntimeout = inf\n")).timeout == float("inf")
    assert load_config(write(tmp_path, "[tool.mro-explain]\ntimeout = 0.05\n")).timeout == 0.05
    error = error_for(tmp_path, "[tool.mro-explain]\ntimeout = -1\n")
    assert "must be 0 (no limit) or a number of seconds" in error.message
    assert error.hint == "0 (no limit) or a number of seconds, e.g. timeout = 30"
    config = load_config(write(tmp_path, "[tool.mro-explain]\ntimeout = 5\n"))
    assert config.timeout == 5.0 and type(config.timeout) is float
