"""Every --format: structure, escaping, grouping."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pyinspect_cli.audit.findings import AuditResult, Finding, Location, ModuleStatus, Severity
from pyinspect_cli.audit.reporters import REPORTERS, ReportOptions, get_reporter


@pytest.fixture
def rules(fake_rules):
    return {r.id: r for r in fake_rules.FAKE_RULES}


@pytest.fixture
def result(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AuditResult:
    monkeypatch.chdir(tmp_path)
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "a.py").write_text("class FlaggedA:\n    def bad_x(self):\n        pass\n", encoding="utf-8")
    (pkg / "b,c.py").write_text("class FlaggedB:  # [bold red]x[/]\n    pass\n", encoding="utf-8")
    findings = [
        Finding(
            "FAKE001", Severity.error, "FlaggedA has a flagged name", "pkg.a", "FlaggedA", None, Location("pkg/a.py", 1)
        ),
        Finding(
            "FAKE002",
            Severity.warning,
            "FlaggedA.bad_x is bad: 100% sure\nreally",
            "pkg.a",
            "FlaggedA",
            "bad_x",
            Location("pkg/a.py", 2),
            notes=("first note", "second: note, with comma"),
        ),
        Finding(
            "FAKE001", Severity.error, "[bold red]x[/] FlaggedB", "pkg.b,c", "FlaggedB", None, Location("pkg/b,c.py", 1)
        ),
        Finding("FAKE003", Severity.note, "outside", "ext", "X", None, Location(str(tmp_path.parent / "ext.py"), 3)),
    ]
    modules = [
        ModuleStatus("pkg.a", "ok", "pkg/a.py", classes=1),
        ModuleStatus("pkg.b,c", "ok", "pkg/b,c.py", classes=1),
        ModuleStatus(
            "pkg.broken",
            "import-error",
            "pkg/broken.py",
            "importing pkg.broken failed at pkg/broken.py:3: RuntimeError: no",
        ),
        ModuleStatus("pkg.slow", "timeout", "pkg/slow.py", "did not finish within 2 s"),
    ]
    return AuditResult(findings=findings, modules=modules, suppressed=2, baselined=1)


def test_registry() -> None:
    assert sorted(REPORTERS) == ["github", "gitlab", "json", "sarif", "text"]


def test_text_groups_by_file_with_source(result, rules) -> None:
    out = get_reporter("text").format(result, rules, ReportOptions(seconds=1.25))
    lines = out.splitlines()
    assert lines[0] == "pkg/a.py"
    assert lines[1] == "pkg/a.py:1: FAKE001 [error] FlaggedA has a flagged name"
    assert lines[2] == "  1 | class FlaggedA:"
    assert "pkg/a.py:2: FAKE002 [warning] FlaggedA.bad_x is bad: 100% sure" in out
    assert "    = first note" in out
    # user text is never markup
    assert "pkg/b,c.py:1: FAKE001 [error] [bold red]x[/] FlaggedB" in out
    assert "  1 | class FlaggedB:  # [bold red]x[/]" in out
    assert "2 modules could not be audited:" in out
    assert "pkg.broken [import-error] importing pkg.broken failed" in out
    assert lines[-1] == (
        "Found 4 findings (2 errors, 1 warning, 1 note) in 4 modules, 2 not audited; "
        "2 suppressed, 1 in the baseline (1.2 s)."
    )
    assert "\x1b[" not in out


def test_text_colour_on_a_terminal(result, rules) -> None:
    out = get_reporter("text").format(result, rules, ReportOptions(color=True))
    assert "\x1b[" in out


def test_json_document(result, rules) -> None:
    data = json.loads(get_reporter("json").format(result, rules, ReportOptions(fail_on="error")))
    assert data["command"] == "audit" and data["schema_version"]
    first = data["findings"][0]
    for key in ("rule", "severity", "message", "module", "qualname", "attribute", "path", "line"):
        assert key in first
    assert first["name"] == "flagged-name"
    assert {m["name"]: m["status"] for m in data["modules"]}["pkg.slow"] == "timeout"
    summary = data["summary"]
    assert summary["errors"] == 2 and summary["warnings"] == 1 and summary["notes"] == 1
    assert summary["modules_failed"] == 2 and summary["failed"] is True
    assert summary["suppressed"] == 2 and summary["baselined"] == 1


def test_sarif_structure(result, rules) -> None:
    log = json.loads(get_reporter("sarif").format(result, rules, ReportOptions(tool_version="1.2.3")))
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-2.1.0.json")
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "mro-explain" and driver["semanticVersion"] == "1.2.3"
    ids = [r["id"] for r in driver["rules"]]
    assert ids == sorted(ids) and set(ids) >= {"FAKE001", "FAKE002", "FAKE003"}
    for rule in driver["rules"]:
        for key in ("shortDescription", "fullDescription", "help"):
            assert rule[key]["text"] and len(rule[key]["text"]) <= (10_000 if key == "help" else 1024)
        assert rule["name"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
        # precision is the measured one (mro-explain rules ID): absent for a rule the corpus never triggers
        assert rule["properties"].get("precision", "high") in ("very-high", "high", "medium", "low")
    from pyinspect_cli.audit.rules import all_rules

    precision = {r["id"]: r["properties"].get("precision") for r in driver["rules"]}
    for rule_id, rule in all_rules().items():
        if rule_id in precision:
            measured = rule.measured
            expected = None if measured is None or not measured.findings else measured.level.value
            assert precision[rule_id] == expected, rule_id
    results = run["results"]
    assert len(results) == 4
    for item in results:
        assert item["ruleId"] in ids and driver["rules"][item["ruleIndex"]]["id"] == item["ruleId"]
        assert item["level"] in ("error", "warning", "note")
        assert item["message"]["text"]
        physical = item["locations"][0]["physicalLocation"]
        assert physical["region"]["startLine"] >= 1
        assert item["partialFingerprints"]["mroExplain/v1"]
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results]
    assert uris[:3] == ["pkg/a.py", "pkg/a.py", "pkg/b,c.py"]
    assert uris[3].startswith("file:///")
    assert "first note" in results[1]["message"]["text"]
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert len(invocation["toolExecutionNotifications"]) == 2


def test_github_annotations_escaped(result, rules) -> None:
    out = get_reporter("github").format(result, rules)
    lines = out.splitlines()
    # most severe first: module failures and errors, then the warning, then the note
    assert [line.split(" ", 1)[0] for line in lines] == ["::error"] * 4 + ["::warning", "::notice"]
    assert "::error file=pkg/b%2Cc.py,line=1,title=FAKE001 flagged-name::[bold red]x[/] FlaggedB" in lines
    warning = next(line for line in lines if line.startswith("::warning"))
    assert warning == (
        "::warning file=pkg/a.py,line=2,title=FAKE002 bad-method::"
        "FlaggedA.bad_x is bad: 100%25 sure%0Areally%0Afirst note%0Asecond: note, with comma"
    )
    assert any(line.startswith("::error file=pkg/slow.py,title=mro-explain timeout::") for line in lines)
    assert any(line.startswith("::error file=pkg/broken.py,line=3,title=mro-explain import-error::") for line in lines)


def test_github_cap(rules) -> None:
    findings = [
        Finding("FAKE001", Severity.error, f"n{i}", "m", f"C{i}", None, Location("m.py", i + 1)) for i in range(13)
    ]
    out = get_reporter("github").format(AuditResult(findings=findings), rules)
    lines = out.splitlines()
    assert sum(line.startswith("::error ") for line in lines) == 10
    assert "3 more findings not shown as annotations" in out
    assert lines[-1] == "m.py:13: FAKE001 flagged-name [error] n12"


def test_gitlab_code_quality(result, rules) -> None:
    issues = json.loads(get_reporter("gitlab").format(result, rules))
    assert len(issues) == 6
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == len(fingerprints)
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert issue["location"]["lines"]["begin"] >= 1
    assert issues[0]["location"] == {"path": "pkg/a.py", "lines": {"begin": 1}}
    assert issues[0]["check_name"] == "FAKE001 flagged-name"
    assert [i["severity"] for i in issues[-2:]] == ["critical", "critical"]


def test_empty_reports(rules) -> None:
    empty = AuditResult(modules=[ModuleStatus("m", "ok", "m.py")])
    assert get_reporter("github").format(empty, rules) == ""
    assert json.loads(get_reporter("gitlab").format(empty, rules)) == []
    assert json.loads(get_reporter("sarif").format(empty, rules))["runs"][0]["results"] == []
    assert get_reporter("text").format(empty, rules).strip() == "No findings in 1 module."


def test_json_report_is_the_schema_document(result: AuditResult, rules) -> None:
    """Built without pydantic, the report is exactly what the schema's model validates and writes back."""
    from pyinspect_cli.render.json.audit import AuditDocument

    report = get_reporter("json").format(result, rules, ReportOptions(seconds=1.25, tool_version="9.9"))
    document = AuditDocument.model_validate_json(report)
    assert json.loads(document.model_dump_json(by_alias=True)) == json.loads(report)


def test_json_report_with_a_lone_surrogate_stays_valid(result: AuditResult, rules) -> None:
    result.findings[0] = Finding("FAKE001", Severity.error, "name \udce9", "pkg.a", "X\udce9", None, None)
    report = get_reporter("json").format(result, rules, ReportOptions())
    report.encode("utf-8")
    assert json.loads(report)["findings"][0]["qualname"] == "X\udce9"


def test_plain_text_is_what_rich_writes_without_colour(
    result: AuditResult, rules, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Off a terminal the text report is written without Rich: the same characters Rich writes without colour."""
    import io

    from rich.console import Console

    from pyinspect_cli.audit.reporters import text as text_module

    result.findings[1] = Finding(
        "FAKE002",
        Severity.warning,
        "tab\there bell\x07 cr\r ff\x0c wide 中文\n\tsecond",
        "pkg.a",
        "A",
        None,
        Location("pkg/a.py", 2),
        notes=("a\tnote",),
    )
    options = ReportOptions(seconds=0.5)
    plain = get_reporter("text").format(result, rules, options)

    def rich_without_colour(self: text_module._Styled, options: ReportOptions) -> None:
        self.buffer = io.StringIO()
        self.console = Console(
            file=self.buffer,
            highlight=False,
            soft_wrap=True,
            force_terminal=False,
            no_color=True,
            color_system=None,
            width=100,
            emoji=False,
        )

    monkeypatch.setattr(text_module._Styled, "__init__", rich_without_colour)
    by_rich = get_reporter("text").format(result, rules, ReportOptions(seconds=0.5, color=True))
    assert plain == by_rich
    assert "\x07" not in plain and "\t" not in plain and "中文" in plain
