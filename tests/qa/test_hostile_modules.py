"""Modules that do unusual or hostile things at import, through the installed command.

The modules live in ``tests/fixtures/hostile/`` (see its README). Every case ends as
a documented exit code with a short message, stdout stays clean for JSON, and what
the module installed for the whole process does not run during the analysis.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import clean_env, installed_command

HOSTILE = Path(__file__).resolve().parent.parent / "fixtures" / "hostile"


@pytest.fixture
def run_hostile(run_installed):
    """Run the installed command from the fixtures directory."""

    def run(*args: str, timeout: float = 60, **env: str):
        return run_installed(*args, cwd=HOSTILE, timeout=timeout, **env)

    return run


def _clean_error(result, code: int) -> None:
    assert result.returncode == code, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    assert "internal error" not in result.stderr
    assert result.stderr.startswith("mro-explain: error: ")


# -- custom __path__ (item 2) ------------------------------------------------------------------


def test_missing_class_in_a_package_with_a_custom_path_never_iterates_it(run_hostile) -> None:
    result = run_hostile("custom_path_pkg:Missing")
    _clean_error(result, 2)
    assert "custom_path_pkg has no class named 'Missing'" in result.stderr
    assert "CUSTOM __path__ USED" not in result.stderr


@pytest.mark.parametrize("command", ["graph", "registries"])
def test_recursive_walk_never_iterates_a_custom_path(run_hostile, command: str) -> None:
    args = [command, "custom_path_pkg", "--recursive"] + (["-f", "dot"] if command == "graph" else [])
    result = run_hostile(*args)
    assert result.returncode == 0, result.stderr
    assert "CUSTOM __path__ USED" not in result.stderr + result.stdout
    assert "custom_path_pkg" in result.stdout


# -- process-wide hooks and signals (items 3 and 19) --------------------------------------------


def test_profile_and_trace_hooks_installed_at_import_never_run_during_the_analysis(run_hostile) -> None:
    for args in (["hooks_installed:Hooked"], ["hooks_installed:Hooked", "--format", "json"]):
        result = run_hostile(*args)
        assert result.returncode == 0, result.stderr
        assert "USER HOOK RAN" not in result.stderr + result.stdout


def test_sigint_ignored_by_a_module_is_restored_after_its_import(tmp_path: Path) -> None:
    ready = tmp_path / "ready"
    proc = subprocess.Popen(
        [installed_command(), "graph", "sigign_pkg", "--recursive", "-f", "dot"],
        cwd=HOSTILE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=clean_env(HOSTILE_READY=str(ready)),
    )
    try:
        deadline = time.monotonic() + 60
        while not ready.exists():  # b_waits is being imported: a_ignores was imported before it
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the second submodule was never imported"
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err


def test_output_paths_are_resolved_before_a_module_changes_directory(run_installed, tmp_path: Path) -> None:
    steps = tmp_path / "steps"
    result = run_installed(
        "graph", "--path", str(HOSTILE), "chdir_at_import:Moved", "-o", "moved.svg", "--steps", "steps", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "moved.svg").read_text(encoding="utf-8").lstrip().startswith(("<?xml", "<!--", "<svg"))
    assert (steps / "index.html").is_file()


# -- streams (items 4 and 5) -------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_module_using_stdout_like_a_real_stream(run_hostile, fmt: str) -> None:
    result = run_hostile("stdio_exotic:Stdio", "--format", fmt)
    assert result.returncode == 0, result.stderr
    assert "bytes to stdout" not in result.stdout and "text to stdout" not in result.stdout
    assert "importing stdio_exotic printed 3 lines" in result.stderr
    if fmt == "json":
        assert json.loads(result.stdout)["classes"][0]["qualname"] == "Stdio"


def test_module_closing_stdout_and_stderr(run_hostile) -> None:
    for args in (["closes_stdio:Closed"], ["descriptors", "closes_stdio:Closed"], ["closes_stdio", "-f", "json"]):
        result = run_hostile(*args)
        assert result.returncode == 0, result.stderr
        assert "Closed" in result.stdout
        assert "UnboundLocalError" not in result.stderr and "internal error" not in result.stderr


# -- what import gives (item 6, and the deprecation proxy of pyramid) ----------------------------


def test_module_replaced_by_a_facade_instance(run_hostile) -> None:
    result = run_hostile("facade_instance")
    assert result.returncode == 0, result.stderr
    assert "Impl     [Impl, Base, object]" in result.stdout
    assert "import facade_instance gives a <facade_instance:_Facade instance>" in result.stderr
    assert "FACADE __getattr__" not in result.stderr  # listing asks the facade nothing
    # MODULE:CLASS is `from facade_instance import Impl`: the facade's class attribute.
    named = run_hostile("facade_instance:Impl", "--no-trace")
    assert named.returncode == 0, named.stderr
    assert "1  Impl" in named.stdout
    # A name only the facade's __getattr__ provides is what `from ... import` gives too.
    lazy = run_hostile("facade_instance:Lazy", "--no-trace")
    assert lazy.returncode == 0, lazy.stderr
    assert "1  Impl" in lazy.stdout
    assert "FACADE __getattr__(Lazy)" in lazy.stderr  # reported as output of the import


def test_module_replaced_by_a_class_reads_like_from_import(run_hostile) -> None:
    # `from replaced_by_class import Public` fails in Python: the class has no attribute Public.
    result = run_hostile("replaced_by_class:Public")
    _clean_error(result, 2)
    assert "replaced_by_class has no class named 'Public'" in result.stderr
    listing = run_hostile("replaced_by_class")
    assert listing.returncode == 0, listing.stderr
    assert "Public  [Public, Helper, object]" in listing.stdout


def test_module_whose_class_is_a_module_subclass(run_hostile) -> None:
    for command in ("explain", "registries"):
        result = run_hostile(command, "module_subclass")
        assert result.returncode == 0, (command, result.stderr)
        assert "Plugin" in result.stdout
        assert "module property ran" not in result.stderr + result.stdout


def test_deprecation_proxy_in_sys_modules(run_hostile, tmp_path: Path) -> None:
    result = run_hostile("deprecation_proxy:Child", "--no-trace")
    assert result.returncode == 0, result.stderr
    assert "2  NewName" in result.stdout
    assert "<deprecation_proxy:DeprecationProxy instance>" in result.stderr
    audited = run_hostile("audit", "deprecation_proxy.py", "--format", "json")
    assert audited.returncode == 0, audited.stderr + audited.stdout
    modules = json.loads(audited.stdout)["modules"]
    assert [(m["name"], m["status"]) for m in modules] == [("deprecation_proxy", "ok")]


# -- BaseException, crashes, threads, fork (items 7, 8, 9) -------------------------------------


@pytest.mark.parametrize(
    ("module", "text"),
    [
        ("raises_baseexception", "Stop: stopped at import"),
        ("raises_generatorexit", "GeneratorExit: generator closed at import"),
    ],
)
def test_base_exception_at_import_is_a_clean_import_error(run_hostile, module: str, text: str) -> None:
    for args in ([module], ["descriptors", f"{module}:X"], ["registries", module]):
        result = run_hostile(*args)
        _clean_error(result, 3)
        assert f"importing {module} failed at {module}.py:" in result.stderr and text in result.stderr


@pytest.mark.parametrize("args", [("segfault",), ("descriptors", "segfault:Never"), ("graph", "segfault:Never")])
def test_segfault_at_import_names_the_module(run_hostile, args: tuple[str, ...]) -> None:
    result = run_hostile(*args)
    assert result.returncode == 3, result.stderr
    assert result.stdout == ""
    first = result.stderr.splitlines()[0]
    assert first.startswith("mro-explain: error: importing segfault crashed the interpreter (SIGSEGV")
    assert " at segfault.py:10 " in first


def test_threads_started_at_import_neither_keep_the_process_alive_nor_reach_stdout(run_hostile) -> None:
    result = run_hostile("threads_forever:Busy", "--format", "json", timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert json.loads(result.stdout)["classes"][0]["qualname"] == "Busy"
    assert "tick" not in result.stdout
    text = run_hostile("threads_forever", timeout=120)
    assert text.returncode == 0
    assert "tick" not in text.stdout and "Busy  [Busy, object]" in text.stdout


@pytest.mark.parametrize("args", [("forks:Forked", "--no-trace"), ("forks", "--format", "json")])
def test_fork_at_import_prints_the_result_once(run_hostile, args: tuple[str, ...]) -> None:
    result = run_hostile(*args)
    assert result.returncode == 0, result.stderr
    if "json" in args:
        json.loads(result.stdout)  # one document, not two
    else:
        assert result.stdout.count("MRO (method resolution order)") == 1


# -- files named by the module (item 11) -------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("super", "odd_sources:FromFifo"),
        ("super", "odd_sources:FromZero"),
        ("metaclass", "odd_sources:FromFifo"),
        ("registries", "odd_sources"),
        ("odd_sources:FromZero",),
        ("audit", "odd_sources.py"),
    ],
)
def test_fifo_and_dev_zero_named_as_source_are_not_read(run_hostile, tmp_path: Path, args: tuple[str, ...]) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    result = run_hostile(*args, HOSTILE_FIFO=str(fifo), timeout=60)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "Traceback" not in result.stderr


# -- names, paths and terminal safety (items 12 and 13) -----------------------------------------


def test_over_long_path_component_is_a_usage_error(run_installed, tmp_path: Path) -> None:
    for target in ("x" * 300 + ".py", "x" * 300, "x" * 300 + ":A", f"{'y' * 300}/m.py"):
        result = run_installed(target, cwd=tmp_path)
        _clean_error(result, 2)


def test_lone_surrogate_in_qualname(run_hostile) -> None:
    text = run_hostile("control_names:Surrogate", "--no-trace")
    assert text.returncode == 0, text.stderr
    assert "Surro\\udc80gate" in text.stdout
    doc = run_hostile("control_names", "--format", "json")
    assert doc.returncode == 0, doc.stderr
    assert "Surro\udc80gate" in [c["qualname"] for c in json.loads(doc.stdout)["classes"]]


def _no_control(text: str) -> None:
    assert not any((ord(c) < 0x20 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F for c in text), repr(text)


@pytest.mark.parametrize(
    "args",
    [
        ("control_names",),
        ("control_names:Child",),
        ("control_names:Child", "--format", "json"),
        ("descriptors", "control_names:Child"),
        ("attr", "control_names:Child", "attr\x1b[31m"),
        ("registries", "control_names"),
        ("super", "control_names:Child"),
        ("graph", "control_names:Child", "-f", "dot"),
        ("graph", "control_names:Child", "-f", "mermaid"),
        ("raises_escape",),
    ],
)
def test_control_characters_are_escaped_on_stdout_and_stderr(run_hostile, args: tuple[str, ...]) -> None:
    import re

    for env in ({}, {"FORCE_COLOR": "1", "TTY_COMPATIBLE": "1"}):
        result = run_hostile(*args, **env)
        assert "Traceback" not in result.stderr
        _no_control(re.sub(r"\x1b\[[0-9;]*m", "", result.stdout))  # Rich's own styles, not the module's
        _no_control(result.stderr)
        shown = result.stdout + result.stderr
        if "json" in args:
            assert "Evil\\u001b[2J" in shown
            json.loads(result.stdout)
        elif args[0] not in ("registries", "super"):  # they have nothing to say about Evil
            assert "\\x1b[2J" in shown


def test_control_characters_in_class_names_do_not_break_dot(run_hostile, tmp_path: Path) -> None:
    svg = tmp_path / "evil.svg"
    result = run_hostile("graph", "control_names:Child", "-o", str(svg))
    assert result.returncode == 0, result.stderr
    text = svg.read_text(encoding="utf-8")
    assert "Evil\\x1b[2J" in text and "\x1b" not in text
