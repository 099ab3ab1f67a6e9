"""What a module does to its process at import stays with that module (the installed command)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX processes and signals")

COMMON = ("--isolated", "--format", "json", "--timeout", "20", "--no-progress")


def audit(run_installed, *targets: str, jobs: int = 1, **env: str) -> dict:
    result = run_installed("audit", *targets, *COMMON, "--jobs", str(jobs), cwd=FIXTURES, timeout=120, **env)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def outcome(report: dict) -> dict[str, tuple[str, str | None]]:
    return {m["name"]: (m["status"], m["detail"]) for m in report["modules"]}


@pytest.fixture(params=["fork", "spawn"])
def start_method(request: pytest.FixtureRequest) -> dict[str, str]:
    if request.param == "spawn":
        return {"MRO_EXPLAIN_SPAWN_WORKERS": "1"}
    if not sys.platform.startswith("linux"):
        pytest.skip("workers are forked on Linux only")
    return {}


def test_global_state_changed_at_import_is_reset(run_installed, start_method) -> None:
    """warnings filters, cwd, sys.path, recursion limit, signal handlers, environment: reset after each module."""
    first, second = "isolation/a_changes_state.py", "isolation/b_sensitive.py"
    together = audit(run_installed, first, second, **start_method)
    assert outcome(together)["isolation.b_sensitive"] == ("ok", None)
    assert outcome(together)["isolation.a_changes_state"][0] == "ok"
    # the same results whatever the order and the number of workers
    assert outcome(audit(run_installed, second, first, **start_method)) == outcome(together)
    assert outcome(audit(run_installed, first, second, jobs=2, **start_method)) == outcome(together)


def test_a_fork_at_import_gives_one_result(run_installed, start_method) -> None:
    report = audit(run_installed, "isolation/c_forks.py", "isolation/d_healthy.py", **start_method)
    assert [m["name"] for m in report["modules"]] == ["isolation.c_forks", "isolation.d_healthy"]
    assert [m["status"] for m in report["modules"]] == ["ok", "ok"]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover - a pid reused by another user's process
        return False
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except OSError:
        return True
    return "\nState:\tZ" not in status  # a zombie has ended; only its exit status is left


def test_children_started_at_import_end_with_the_audit(run_installed, start_method, tmp_path: Path) -> None:
    """A multiprocessing child and a child ignoring SIGTERM (both sleeping 10 minutes) do not hold the audit."""
    pids_file = tmp_path / "pids"
    report = audit(
        run_installed,
        "isolation/e_starts_children.py",
        "isolation/d_healthy.py",
        ISOLATION_FIXTURE_PIDS=str(pids_file),
        **start_method,
    )
    assert [m["status"] for m in report["modules"]] == ["ok", "ok"]
    pids = [int(line) for line in pids_file.read_text(encoding="utf-8").split()]
    assert len(pids) == 2
    import time

    deadline = time.monotonic() + 30  # SIGKILL is immediate; the wait only covers a busy machine
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in pids if _alive(pid)]


def test_a_submodule_left_behind_by_a_failed_package_is_not_audited_as_ok(run_installed, start_method) -> None:
    """In one worker or alone, the submodule of a package that fails to import fails as the package does."""
    together = outcome(audit(run_installed, "isolation.f_broken_package", **start_method))
    alone = outcome(audit(run_installed, "isolation.f_broken_package.good", **start_method))
    assert together["isolation.f_broken_package"][0] == "import-error"
    assert together["isolation.f_broken_package.good"] == alone["isolation.f_broken_package.good"]
    assert alone["isolation.f_broken_package.good"][0] == "import-error"
