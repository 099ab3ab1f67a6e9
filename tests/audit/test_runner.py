"""The worker pool: every way a module can fail is reported, and the audit goes on."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pyinspect_cli.audit.config import AuditConfig
from pyinspect_cli.audit.findings import Severity

FIXTURES = Path(__file__).resolve().parent / "fixtures"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


@pytest.fixture(scope="module", params=["fork", "spawn"])
def audit_run(request: pytest.FixtureRequest):
    """One audit of the fixture package with the fake rules (about 3 s: two modules hang).

    Once with workers forked from this process (Linux), once with fresh interpreters (elsewhere).
    """
    import fake_rules

    from pyinspect_cli.audit import rules as rules_pkg
    from pyinspect_cli.audit.runner import run_audit

    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(FIXTURES.parent.parent.parent)
        if request.param == "spawn":
            mp.setenv("MRO_EXPLAIN_SPAWN_WORKERS", "1")
        elif not sys.platform.startswith("linux"):
            pytest.skip("workers are forked on Linux only")
        mp.setattr(rules_pkg, "RULE_MODULES", ["imports"])
        for rule in fake_rules.FAKE_RULES:
            mp.setitem(rules_pkg.RULES, rule.id, rule)
        rules = rules_pkg.all_rules()
        config = AuditConfig(timeout=2, jobs=2, select=["FAKE", "META001"])
        yield run_audit(config, [str(FIXTURES / "auditfix")], rules=rules)


def statuses(run) -> dict[str, str]:
    return {m.name: m.status for m in run.result.modules}


def test_every_module_has_a_status(audit_run) -> None:
    assert statuses(audit_run) == {
        "auditfix": "ok",
        "auditfix.bad_mro": "import-error",
        "auditfix.bad_mro_ignored": "import-error",
        "auditfix.clean": "ok",
        "auditfix.exits": "import-error",
        "auditfix.flagged": "ok",
        "auditfix.hangs": "timeout",
        "auditfix.hard_exit": "crashed",
        "auditfix.loops": "timeout",
        "auditfix.prints": "ok",
        "auditfix.raises": "import-error",
        "auditfix.segfault": "crashed",
        "auditfix.uses_bad": "import-error",
    }


def test_default_excludes_skip_main_and_setup(audit_run) -> None:
    names = statuses(audit_run)
    assert "auditfix.__main__" not in names and "auditfix.setup" not in names


def details(run) -> dict[str, str]:
    return {m.name: m.detail or "" for m in run.result.modules}


def test_failure_details_say_what_happened(audit_run) -> None:
    d = details(audit_run)
    assert "RuntimeError: database is not configured" in d["auditfix.raises"]
    assert "sys.exit(3)" in d["auditfix.exits"]
    assert "exited with code 7" in d["auditfix.hard_exit"]
    assert "SIGSEGV" in d["auditfix.segfault"]
    assert "segfault.py" in d["auditfix.segfault"]  # faulthandler says where
    assert "within 2 s" in d["auditfix.loops"] and "loops.py:" in d["auditfix.loops"]
    assert "within 2 s" in d["auditfix.hangs"] and "worker was stopped" in d["auditfix.hangs"]


def test_meta001_explains_the_bad_mro(audit_run) -> None:
    # uses_bad imports bad_mro: the same class statement is reported once, in bad_mro
    meta = [f for f in audit_run.result.findings if f.rule == "META001"]
    assert len(meta) == 1
    finding = meta[0]
    assert finding.module == "auditfix.bad_mro"
    assert finding.qualname == "Mixed"
    assert finding.location is not None and finding.location.line == 9
    assert finding.location.path.endswith("auditfix/bad_mro.py")
    assert "Cannot create a consistent method resolution order" in finding.message
    assert finding.severity is Severity.error
    text = "\n".join(finding.notes)
    assert "B" in text and "A" in text and "Fix" in text
    assert "class Mixed at tests/audit/fixtures/auditfix/bad_mro.py:9" in details(audit_run)["auditfix.uses_bad"]


def test_fake_rule_findings_and_suppressions(audit_run) -> None:
    found = {(f.rule, f.qualname, f.attribute) for f in audit_run.result.findings if f.rule.startswith("FAKE")}
    assert found == {
        ("FAKE001", "FlaggedOne", None),
        ("FAKE002", "FlaggedOne", "bad_method"),
        ("FAKE001", "FlaggedLine", None),
        ("FAKE001", "Outer.FlaggedInner", None),
    }
    # FlaggedQuiet (class line), FlaggedAll x2 (bare ignore), FlaggedLine.bad_inline, bad_mro_ignored's META001
    assert audit_run.result.suppressed == 5


def test_findings_point_at_lines(audit_run) -> None:
    by_key = {(f.rule, f.qualname): f for f in audit_run.result.findings}
    assert by_key[("FAKE001", "FlaggedOne")].location.line == 4
    assert by_key[("FAKE002", "FlaggedOne")].location.line == 5
    assert by_key[("FAKE001", "Outer.FlaggedInner")].location.line == 24


def test_a_crashing_rule_is_reported_and_the_audit_goes_on(audit_run) -> None:
    flagged = next(m for m in audit_run.result.modules if m.name == "auditfix.flagged")
    assert flagged.status == "ok"
    assert any("FAKE003 on Boom: ValueError: the rule fell over" in e for e in flagged.rule_errors)
    assert flagged.classes == 7


def test_prints_are_counted_not_leaked(audit_run, capfd) -> None:
    prints = next(m for m in audit_run.result.modules if m.name == "auditfix.prints")
    assert prints.printed == 3
    out, _err = capfd.readouterr()
    assert "PRINTED" not in out and "WRITTEN" not in out


def test_rules_run(audit_run) -> None:
    assert audit_run.rule_ids == ["FAKE001", "FAKE002", "FAKE003", "META001"]


def test_hostile_classes_run_no_code(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every registered rule on sample_modules.hostile: nothing of its metaclass or descriptor runs."""
    import os

    from pyinspect_cli.audit import rules as rules_pkg
    from pyinspect_cli.audit.worker import Auditor, Init, Task

    root = FIXTURES.parent.parent.parent
    monkeypatch.chdir(root)
    monkeypatch.syspath_prepend(str(root))
    rules = rules_pkg.all_rules()
    auditor = Auditor(Init(tuple(sys.path), os.getcwd(), tuple(rules_pkg.RULE_MODULES)))
    result = auditor.audit(Task("sample_modules.hostile", None, None, tuple(rules)))
    import sample_modules.hostile as hostile

    assert result.status.status == "ok" and result.status.classes == 6
    assert result.status.rule_errors == ()
    assert hostile.CALLS == []


def test_meta001_found_through_an_importing_module(fake_rules, monkeypatch: pytest.MonkeyPatch) -> None:
    from pyinspect_cli.audit import rules as rules_pkg
    from pyinspect_cli.audit.runner import run_audit

    monkeypatch.chdir(FIXTURES.parent.parent.parent)
    run = run_audit(
        AuditConfig(timeout=10, select=["META001"]),
        [str(FIXTURES / "auditfix" / "uses_bad.py")],
        rules=rules_pkg.all_rules(),
    )
    (finding,) = run.result.findings
    assert finding.module == "auditfix.bad_mro" and finding.qualname == "Mixed"
    assert finding.notes[0] == "Raised while importing auditfix.uses_bad, which imports auditfix.bad_mro."
    assert [m.status for m in run.result.modules] == ["import-error"]


def test_workers_that_cannot_start_are_an_internal_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from pyinspect_cli.audit import rules as rules_pkg
    from pyinspect_cli.audit import runner
    from pyinspect_cli.errors import ExitCode

    monkeypatch.setenv("MRO_EXPLAIN_SPAWN_WORKERS", "1")
    monkeypatch.setattr(runner, "BOOTSTRAP", "import os; os._exit(5)")
    with pytest.raises(runner.WorkerStartError, match="exit as soon as they start") as info:
        runner.run_audit(
            AuditConfig(timeout=5, jobs=1, select=["META001"]),
            [str(FIXTURES / "quiet")],
            rules=rules_pkg.all_rules(),
        )
    assert info.value.exit_code == ExitCode.ENVIRONMENT
