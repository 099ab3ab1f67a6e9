"""docs/rules.md holds one section per descriptor, attribute and metaclass rule, generated from its RuleDoc.

Regenerate the sections with: python tests/audit_rules/test_rules_doc.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from pyinspect_cli.audit.rules.base import Rule

DOC = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
BEGIN = "<!-- rules:begin (generated from the rules' RuleDoc: python tests/audit_rules/test_rules_doc.py) -->"
END = "<!-- rules:end -->"


def _our_rules() -> dict[str, Rule]:
    from audit_rules.helpers import our_rules

    return our_rules()


def _md(text: str) -> str:
    """Plain RuleDoc prose as Markdown: dunders and <placeholders> must not turn into markup."""
    return text.replace("\\", "\\\\").replace("_", "\\_").replace("*", "\\*").replace("<", "&lt;").replace(">", "&gt;")


def _code(text: str) -> str:
    return "```python\n" + text.rstrip("\n") + "\n```"


def section(rule: Rule) -> str:
    doc = rule.doc
    enabled = "on by default" if rule.enabled_by_default else "**off by default** (enable with `--select`)"
    refs = "\n".join(f"- {_md(ref)}" for ref in doc.references)
    return "\n\n".join(
        [
            f"## {rule.id} {rule.name}",
            f"Severity: **{rule.severity.value}** · {enabled}",
            f"Measured precision: {_md(rule.precision_text)}.",
            f"*{_md(rule.summary)}.*",
            f"**What it reports.** {_md(doc.what)}",
            f"**Why it is a bug.** {_md(doc.why)}",
            "Wrong:",
            _code(doc.wrong),
            "Right:",
            _code(doc.right),
            f"**How to fix.** {_md(doc.fix)}",
            f"**Real reports.**\n\n{refs}",
        ]
    )


def _precision_cell(rule: Rule) -> str:
    measured = rule.measured
    if measured is None or measured.precision is None:
        return "0 | | | | not measured"
    return (
        f"{measured.findings} | {measured.real} | {measured.debatable} | {measured.false} | "
        f"{measured.precision:.0%} ({measured.level.value})"
    )


def render() -> str:
    """The generated block: the measured table of every rule, then a section per rule of this page."""
    from pyinspect_cli.audit.rules import all_rules
    from pyinspect_cli.audit.rules.measured import CORPUS

    rules = _our_rules()
    table = [
        f"Measured with `python benchmarks/bench_precision.py` on {CORPUS}, every rule on; each finding "
        "labelled by hand in `tests/audit_rules/corpus_labels.toml` (real = confirmed by running code).",
        "",
        "| Id | Name | Severity | Default | Findings | Real | Debatable | False | Precision |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for rule in all_rules().values():
        link = f"[{rule.id}](#{rule.id.lower()}-{rule.name})" if rule.id in rules else rule.id
        table.append(
            f"| {link} | {rule.name} | {rule.severity.value} | "
            f"{'on' if rule.enabled_by_default else 'off'} | {_precision_cell(rule)} |"
        )
    body = "\n\n".join(section(rule) for rule in rules.values())
    return f"{BEGIN}\n\n" + "\n".join(table) + "\n\n" + body + f"\n\n{END}"


def test_rules_md_is_up_to_date() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert BEGIN in text and END in text, "docs/rules.md lost its generated block"
    block = text[text.index(BEGIN) : text.index(END) + len(END)]
    assert block == render(), "docs/rules.md is stale: run python tests/audit_rules/test_rules_doc.py"


def test_every_rule_has_a_section() -> None:
    text = DOC.read_text(encoding="utf-8")
    for rule in _our_rules().values():
        assert re.search(rf"^## {rule.id} {re.escape(rule.name)}$", text, re.MULTILINE), rule.id


def _write() -> None:
    text = DOC.read_text(encoding="utf-8")
    start, end = text.index(BEGIN), text.index(END) + len(END)
    DOC.write_text(text[:start] + render() + text[end:], encoding="utf-8")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    _write()
