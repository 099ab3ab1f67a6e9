"""One command line: every command's --help and usage errors follow the same conventions."""

from __future__ import annotations

import re
import subprocess

import pytest

from tests.conftest import ROOT, clean_env, installed_command


def _commands() -> list[str]:
    import typer

    from pyinspect_cli.cli import app

    group = typer.main.get_command(app)
    return sorted(group.commands)  # type: ignore[attr-defined]


def test_fast_path_knows_every_command() -> None:
    from pyinspect_cli.fastpath import COMMANDS

    assert set(_commands()) == COMMANDS


@pytest.mark.parametrize("command", _commands())
def test_help_shows_no_python_types(cli, command: str) -> None:
    result = cli(command, "--help")
    assert result.returncode == 0
    text = result.stdout
    assert not re.search(r"<[a-z\[\]|. ]+>", text), text  # <list[str]>, <float range>, <str>
    assert "x>=" not in text and "range" not in text.replace("arrange", "")
    assert "{" not in text.split("\n", 1)[0]  # usage line: TARGET, not {TARGET}
    usage = text.split("\n", 1)[0]
    for word in re.findall(r"\b[A-Za-z_]+\b", usage.split("[OPTIONS]", 1)[-1]):
        assert word.isupper(), usage  # one metavar style: TARGET, METHOD, BASE...
    assert "[default: (" not in text and "30.0" not in text


@pytest.mark.parametrize("command", _commands())
def test_timeout_zero_is_documented_as_no_limit(cli, command: str) -> None:
    text = cli(command, "--help").stdout
    if "--timeout" not in text:
        return
    described = " ".join(text.split("--timeout", 1)[1].split("\n  -", 1)[0].split())
    assert "0: no limit" in described


def test_same_flag_means_the_same_everywhere(cli) -> None:
    seen: dict[str, str] = {}
    for command in _commands():
        for line in cli(command, "--help").stdout.splitlines():
            match = re.match(r"\s+(-[a-zA-Z]), (--[a-z-]+)", line)
            if match:
                short, long = match.groups()
                assert seen.setdefault(short, long) == long, (command, short, long, seen[short])


def test_animation_options_match() -> None:
    import typer

    from pyinspect_cli.cli import app

    group = typer.main.get_command(app)
    for name in ("explain", "what-if", "super"):
        params = {p.name: p for p in group.commands[name].params}  # type: ignore[attr-defined]
        assert {"animate", "delay", "step"} <= set(params), name
        assert params["delay"].default == 0.8


@pytest.mark.parametrize(
    "args",
    [
        ["explain"],
        ["super"],
        ["descriptors", "sample_modules.diamond:D", "--kind", "nope"],
        ["explain", "sample_modules.diamond:D", "--format", "xml"],
        ["graph", "sample_modules.diamond:D", "--direction", "up"],
        ["explain", "sample_modules.diamond:D", "--tracee"],
        ["explain", "sample_modules.diamond:D", "--delay", "-1"],
        ["--bogus"],
    ],
)
def test_usage_errors_are_two_lines_and_exit_2(run_installed, args: list[str]) -> None:
    result = run_installed(*args)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 2, result.stderr
    assert lines[0].startswith("mro-explain: error: ") and lines[1].startswith("  hint: ")
    assert result.stdout == ""


def test_debug_is_accepted_anywhere(run_installed) -> None:
    for args in (["--debug", "nosuch:X"], ["nosuch:X", "--debug"], ["super", "nosuch:X", "--debug"]):
        result = run_installed(*args, MRO_EXPLAIN_NO_FAST_PATH="1")
        assert "No such option" not in result.stderr
        assert "Traceback" in result.stderr, args


def test_a_failure_keeps_its_exit_code_when_the_reader_goes_away(tmp_path) -> None:
    (tmp_path / "raises.py").write_text("raise RuntimeError('boom ' * 2000)\n")
    proc = subprocess.run(
        f"{installed_command()} raises:X 2>&1 | head -c 10; exit ${{PIPESTATUS[0]}}",
        shell=True,
        executable="/bin/bash",
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=clean_env(),
        timeout=120,
    )
    assert proc.returncode == 3, proc.stderr


def test_module_listing_hint_works_from_another_directory(run_installed, tmp_path) -> None:
    listing = run_installed(str(ROOT / "sample_modules" / "diamond.py"), cwd=tmp_path)
    hint = listing.stdout.strip().splitlines()[-1]  # the hint, or its second line when it was wrapped
    command = hint.split("mro-explain ", 1)[1].replace("CLASS", "D")
    result = run_installed(command, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "C3 linearization" in result.stdout


def test_what_if_class_has_no_module(run_installed) -> None:
    result = run_installed("what-if", "sample_modules.diamond:B", "sample_modules.diamond:C")
    assert "__main__" not in result.stdout
    assert "New     (not created)" in result.stdout


def test_piped_output_respects_columns(run_installed) -> None:
    listing = run_installed("sample_modules.hostile", COLUMNS="60")
    assert listing.returncode == 0, listing.stderr
    assert all(len(line) <= 60 for line in listing.stdout.splitlines()), listing.stdout
    table = run_installed("descriptors", "sample_modules.descriptors:Zoo", COLUMNS="80")
    assert table.returncode == 0, table.stderr
    assert all(len(line) <= 80 for line in table.stdout.splitlines()), table.stdout
