"""`mro-explain -p DIR TARGET`: options of the default command before the target, as piped and on a terminal."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import ROOT


def test_options_before_the_target_full_cli(cli) -> None:
    result = cli("-p", str(ROOT), "--no-trace", "sample_modules.diamond:D")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("sample_modules.diamond:D\n")
    assert "C3 linearization" not in result.stdout


def test_group_option_then_default_command_option(cli) -> None:
    result = cli("--debug", "--format", "json", "sample_modules.diamond:D")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("{")


def test_unknown_option_is_still_a_group_error(cli) -> None:
    result = cli("--bogus")
    assert result.returncode == 2
    assert result.stderr.startswith("mro-explain: error: no such option: --bogus\n")


def test_fast_path_and_full_cli_agree(run_installed, tmp_path: Path) -> None:
    fast = run_installed("-p", str(ROOT), "sample_modules.diamond:D", cwd=tmp_path)
    full = run_installed("-p", str(ROOT), "sample_modules.diamond:D", cwd=tmp_path, MRO_EXPLAIN_NO_FAST_PATH="1")
    assert fast.returncode == full.returncode == 0, full.stderr
    assert fast.stdout == full.stdout


def test_mistyped_command_with_arguments(cli) -> None:
    result = cli("graf", "sample_modules.diamond:D")
    assert result.returncode == 2
    assert result.stderr == "mro-explain: error: no such command 'graf'\n  hint: did you mean 'graph'?\n"
    result = cli("whatif", "sample_modules.diamond:A", "sample_modules.diamond:B")
    assert "did you mean 'what-if'?" in result.stderr


def test_module_named_like_nothing_is_still_a_target(cli) -> None:
    result = cli("abc")
    assert result.returncode == 0
    assert result.stdout.startswith("abc: ")
