"""Modules that misbehave while they are imported, through the installed command.

Every command imports its target into its own process: whatever the module does
there (os._exit, an exception whose message cannot be read, a loop that swallows
the timeout, atexit handlers that print) must end as one of the documented exit
codes with a short error, and never reach stdout.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest


def _module(tmp_path: Path, name: str, source: str) -> Path:
    path = tmp_path / f"{name}.py"
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "args",
    [
        ("osexit:A",),
        ("descriptors", "osexit:A"),
        ("registries", "osexit"),
        ("graph", "osexit:A"),
    ],
)
def test_os_exit_at_import_is_an_import_failure(run_installed, tmp_path: Path, args: tuple[str, ...]) -> None:
    _module(tmp_path, "osexit", "import os\nclass A: pass\nos._exit(7)\n")
    result = run_installed(*args, cwd=tmp_path)
    assert result.returncode == 3, result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith("mro-explain: error: importing osexit called os._exit(7) at osexit.py:3\n")
    assert len(result.stderr.splitlines()) == 2


def test_exception_whose_str_raises(run_installed, tmp_path: Path) -> None:
    _module(
        tmp_path,
        "badstr",
        """
        class Oops(Exception):
            def __str__(self):
                raise RuntimeError("no message")
        raise Oops()
        """,
    )
    result = run_installed("badstr", cwd=tmp_path)
    assert result.returncode == 3
    assert "internal error" not in result.stderr
    assert result.stderr.startswith("mro-explain: error: importing badstr failed at badstr.py:5: Oops: ")


def test_sys_exit_with_an_object_whose_repr_raises(run_installed, tmp_path: Path) -> None:
    _module(
        tmp_path,
        "badexit",
        """
        import sys
        class Code:
            def __repr__(self):
                raise RuntimeError("no repr")
        sys.exit(Code())
        """,
    )
    result = run_installed("badexit", cwd=tmp_path)
    assert result.returncode == 3
    assert "internal error" not in result.stderr
    assert "called sys.exit(<badexit:Code instance>) at badexit.py:6" in result.stderr


def test_long_exception_message_is_shortened(run_installed, tmp_path: Path) -> None:
    _module(tmp_path, "longmsg", "raise ValueError('x' * 5000)\n")
    result = run_installed("longmsg", cwd=tmp_path)
    assert result.returncode == 3
    first = result.stderr.splitlines()[0]
    assert len(first) < 400
    assert first.endswith("…")


@pytest.mark.parametrize(
    "source",
    [
        # swallows the timeout's interruption
        "import time\nwhile True:\n    try:\n        time.sleep(0.05)\n    except BaseException:\n        pass\n",
        # ignores SIGALRM
        "import signal\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\nwhile True:\n    pass\n",
    ],
    ids=["catches-everything", "ignores-sigalrm"],
)
def test_import_that_ignores_the_timeout_still_ends(run_installed, tmp_path: Path, source: str) -> None:
    _module(tmp_path, "stubborn", source)
    result = run_installed("stubborn", "--timeout", "0.5", cwd=tmp_path, timeout=30)
    assert result.returncode == 3
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith(
        "mro-explain: error: importing stubborn did not finish within 0.5 s (it was running stubborn.py:"
    )
    assert len(lines) == 2


@pytest.mark.parametrize(
    "args",
    [
        ("atexitp:A", "--format", "json"),
        ("descriptors", "atexitp:A", "--format", "json"),
        ("registries", "atexitp", "--format", "json"),
        ("atexitp:A",),
    ],
)
def test_atexit_handlers_of_the_module_do_not_print_on_stdout(
    run_installed, tmp_path: Path, args: tuple[str, ...]
) -> None:
    _module(
        tmp_path,
        "atexitp",
        """
        import atexit, os
        class A: pass
        atexit.register(lambda: print("printed at exit"))
        atexit.register(lambda: os.write(1, b"written at exit\\n"))
        """,
    )
    result = run_installed(*args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "at exit" not in result.stdout
    assert "printed at exit" in result.stderr
    if "json" in args:
        json.loads(result.stdout)


@pytest.mark.parametrize("value", ["inf", "1e300"])
@pytest.mark.parametrize("command", [(), ("descriptors",)])
def test_huge_timeout_means_no_timeout(run_installed, tmp_path: Path, value: str, command: tuple[str, ...]) -> None:
    _module(tmp_path, "plain", "class A:\n    pass\n")
    result = run_installed(*command, "plain:A", "--timeout", value, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
