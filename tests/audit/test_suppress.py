from __future__ import annotations

from pathlib import Path

from pyinspect_cli.audit.findings import Finding, Location, Severity
from pyinspect_cli.audit.suppress import ALL, Suppressions, parse_comment


def test_parse_comment() -> None:
    assert parse_comment("# mro-explain: ignore[MRO001]") == {"MRO001"}
    assert parse_comment("# mro-explain: ignore[MRO001, desc002]") == {"MRO001", "DESC002"}
    assert parse_comment("#mro-explain:ignore[A1,B2]") == {"A1", "B2"}
    assert parse_comment("# mro-explain: ignore") == ALL
    assert parse_comment("# noqa: E501  # mro-explain: ignore[X1]") == {"X1"}
    assert parse_comment("# mro-explain: ignore[]") == ALL
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
