from __future__ import annotations

import json
from pathlib import Path

import pytest

from pyinspect_cli.audit.findings import Finding, Location, Severity
from pyinspect_cli.audit.suppress import ALL, Suppressions, check_comment, parse_comment


def test_parse_comment() -> None:
    assert parse_comment("# mro-explain: ignore[MRO001]") == {"MRO001"}
    assert parse_comment("# mro-explain: ignore[MRO001, desc002]") == {"MRO001", "DESC002"}
    assert parse_comment("#mro-explain:ignore[A1,B2]") == {"A1", "B2"}
    assert parse_comment("# mro-explain: ignore") == ALL
    assert parse_comment("# noqa: E501  # mro-explain: ignore[X1]") == {"X1"}
    assert parse_comment("# mro-explain: ignore because it is legacy") == ALL
    assert parse_comment("# a comment") is None


def finding(rule: str, path: str, line: int) -> Finding:
    return Finding(rule, Severity.error, "m", "mod", "C", location=Location(path, line))


def test_suppressions_by_line_and_class_line(tmp_path: Path) -> None:
    source = tmp_path / "m.py"
    source.write_text(
        "class C(  # mro-explain: ignore[MRO]\n"
        "    Base,\n"
        "):\n"
        "    x = 1  # mro-explain: ignore[DESC001]\n"
        "    s = '# mro-explain: ignore'\n",
        encoding="utf-8",
    )
    supp = Suppressions(str(source))
    assert supp.is_suppressed(finding("DESC001", str(source), 4))
    assert not supp.is_suppressed(finding("DESC002", str(source), 4))
    assert not supp.is_suppressed(finding("DESC002", str(source), 5)), "a string is not a comment"
    assert supp.is_suppressed(finding("MRO001", str(source), 4), class_lines=[1, 2, 3])
    assert not supp.is_suppressed(finding("DESC002", str(source), 4), class_lines=[1, 2, 3])


def test_no_file() -> None:
    assert not Suppressions(None).is_suppressed(finding("X1", "x.py", 1))


MALFORMED = [
    "# mro-explain: ignore[DESC001",
    "# mro-explain: ignore [X]",
    "# mro-explain: ignore(X)",
    "# mro-explain: ignore: X",
    "# mro-explain: ignored",
    "# mro-explain: ignore[]",
    "# mro-explain: ignore[,]",
    "# mro-explain: ignore[DESC-001]",
]


@pytest.mark.parametrize("comment", MALFORMED)
def test_a_malformed_suppression_suppresses_nothing(comment: str, tmp_path: Path) -> None:
    codes, problem = check_comment(comment)
    assert codes is None and problem
    source = tmp_path / "m.py"
    source.write_text(f"class C:  {comment}\n    pass\n", encoding="utf-8")
    supp = Suppressions(str(source))
    assert not supp.is_suppressed(finding("DESC001", str(source), 1))
    assert [(i.line, i.text) for i in supp.invalid] == [(1, comment)]


def test_a_valid_suppression_next_to_a_malformed_one_still_counts() -> None:
    assert check_comment("# mro-explain: ignore[X1]  # mro-explain: ignored") == (
        {"X1"},
        check_comment("# mro-explain: ignored")[1],
    )


FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_malformed_suppressions_are_reported_and_suppress_nothing(cli, fake_rules, monkeypatch) -> None:
    monkeypatch.chdir(FIXTURES)
    result = cli("audit", "suppressions", "--isolated", "--select", "FAKE001", "--format", "json", "--no-progress")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    flagged = sorted(f["qualname"] for f in data["findings"])
    assert flagged == sorted(
        [
            "FlaggedNoBracket",
            "FlaggedSpace",
            "FlaggedParens",
            "FlaggedColon",
            "FlaggedIgnored",
            "FlaggedEmpty",
            "FlaggedComma",
        ]
    )
    assert data["summary"]["suppressed"] == 1
    warnings = [line for line in result.stderr.splitlines() if "invalid suppression comment" in line]
    assert [w.split(": ", 3)[2].split(":")[1] for w in warnings] == ["4", "8", "12", "16", "20", "24", "28"]
    assert all(w.startswith("mro-explain: warning: suppressions/malformed.py:") for w in warnings)
    assert all(w.endswith("it suppresses nothing") for w in warnings)


def test_installed_command_reports_malformed_suppressions(run_installed) -> None:
    result = run_installed("audit", "suppressions", "--isolated", "--format", "json", "--no-progress", cwd=FIXTURES)
    assert result.returncode in (0, 1), result.stderr
    json.loads(result.stdout)  # warnings go to stderr only
    lines = [line for line in result.stderr.splitlines() if "invalid suppression comment" in line]
    assert len(lines) == 7
    assert "suppressions/malformed.py:4: invalid suppression comment `# mro-explain: ignore[FAKE001`: " in lines[0]
    assert "has no closing `]`" in lines[0]
