"""The words of ``mro-explain diff``: plain text, Markdown (a pull-request comment) and GitHub annotations.

One :class:`Wording` turns each typed change of :mod:`pyinspect_cli.core.diff`
into a phrase; the three formats arrange the same phrases. Class names are
shortened inside a class's block: ``builtins:`` and the class's own module
are dropped.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from pyinspect_cli.core.diff import (
    LEVELS,
    ChainChange,
    ClassDiff,
    DiffResult,
    HooksChange,
    KindChange,
    Level,
    MetaclassChange,
    MroChange,
    WinnerChange,
)
from pyinspect_cli.core.facts import AttributeFact, ModuleFailure
from pyinspect_cli.render.fit import wrap_plain

__all__ = ["render_github", "render_markdown", "render_text"]

#: how much of a merge trace, an MRO or a list of names a line shows
_MAX_ITEMS = 8


def short(name: str, module: str | None = None) -> str:
    """``module:qualname`` without ``builtins:`` or *module*'s prefix."""
    mod, _, qual = name.partition(":")
    if not qual:
        return name
    if mod == "builtins" or mod == module:
        return qual
    return name


class Wording:
    """Phrases for the changes of one class (names shortened relative to its module)."""

    def __init__(self, diff: ClassDiff) -> None:
        self.diff = diff
        self.module = diff.new.module

    def name(self, text: str) -> str:
        return short(text, self.module)

    def names(self, items: Sequence[str], *, sep: str = ", ") -> str:
        shown = [self.name(i) for i in items[:_MAX_ITEMS]]
        if len(items) > _MAX_ITEMS:
            shown.append(f"… {len(items) - _MAX_ITEMS} more")
        return sep.join(shown) if shown else "(none)"

    def definition(self, fact: AttributeFact) -> str:
        return f"{self.name(fact.winner)}.{fact.name} ({fact.type_name}, {fact.kind})"

    @staticmethod
    def precedence(old: AttributeFact, new: AttributeFact) -> str | None:
        """What a kind change does to an instance's own ``__dict__`` entry of the same name."""
        if old.kind == "data" and new.kind != "data":
            return "an instance __dict__ entry of that name now wins over it"
        if old.kind != "data" and new.kind == "data":
            return "it now wins over an instance __dict__ entry of that name"
        return None

    def winner(self, change: WinnerChange) -> str:
        text = f"{change.name}: {self.definition(change.old)} → {self.definition(change.new)}"
        notes = ["a descriptor shadowed by a plain value"] if change.descriptor_replaced else []
        extra = self.precedence(change.old, change.new)
        if extra:
            notes.append(extra)
        return f"{text}; {'; '.join(notes)}" if notes else text

    def kind(self, change: KindChange) -> str:
        old, new = change.old, change.new
        text = f"{change.name} on {self.name(new.winner)}: {old.type_name} ({old.kind}) → {new.type_name} ({new.kind})"
        notes = []
        if change.descriptor_replaced:
            notes.append("a descriptor replaced by a plain value")
        extra = self.precedence(old, new)
        if extra:
            notes.append(extra)
        return f"{text}; {'; '.join(notes)}" if notes else text

    def chain(self, change: ChainChange) -> str:
        parts = []
        if change.stopped:
            parts.append(f"stopped running {self.names([f'{s}.{change.method}' for s in change.stopped])}")
        if change.started:
            parts.append(f"now also runs {self.names([f'{s}.{change.method}' for s in change.started])}")
        if not parts:
            parts.append("the same implementations run in another order")
        return f"{change.method}(): {'; '.join(parts)}"

    def runs(self, change: ChainChange) -> str:
        return f"runs {self.names(change.old, sep=' → ')}  ⇒  {self.names(change.new, sep=' → ')}"

    def metaclass(self, change: MetaclassChange) -> str:
        return f"metaclass {self.name(change.old)} → {self.name(change.new)}"

    def hooks(self, change: HooksChange) -> str:
        parts = []
        if change.stopped:
            parts.append(f"no longer runs {self.names(change.stopped)}")
        if change.started:
            parts.append(f"now runs {self.names(change.started)}")
        return "class creation: " + ("; ".join(parts) if parts else "the same hooks in another order")

    def mro(self, change: MroChange) -> str:
        return f"MRO {self.names(change.old, sep=' → ')}  ⇒  {self.names(change.new, sep=' → ')}"

    def mro_reasons(self, change: MroChange) -> list[str]:
        """Why C3 gives another order: the lists it merges, and the step where the orders part."""
        reasons = []
        if change.bases_changed:
            reasons.append(f"the bases changed: ({self.names(change.old_bases)}) → ({self.names(change.new_bases)})")
        for base in change.changed_bases:
            reasons.append(f"the MRO of base {self.name(base)} changed")
        if not reasons:
            reasons.append("the MRO of a class further up changed")
        merge = change.merge
        if merge is not None and len(change.new_bases) > 1:  # one base: its MRO follows the class, no merge to show
            for step in merge.steps:
                if step.number != change.diverges_at:
                    continue
                lists = "  ".join(f"[{self.names(lst)}]" for lst in merge.remaining(step.offsets) if lst)
                blocked = [t.head for t in step.tests if not t.taken]
                text = f"merge step {step.number}: {lists}: takes {self.name(step.taken) if step.taken else 'nothing'}"
                if blocked:
                    text += f" ({self.names(blocked)} still in the tail of another list)"
                reasons.append(text)
        return reasons

    def names_line(self) -> str | None:
        parts = []
        if self.diff.added_names:
            parts.append("new names: " + ", ".join(a.name for a in self.diff.added_names[:_MAX_ITEMS]))
            if len(self.diff.added_names) > _MAX_ITEMS:
                parts[-1] += f" (… {len(self.diff.added_names) - _MAX_ITEMS} more)"
        if self.diff.removed_names:
            parts.append("names gone: " + ", ".join(a.name for a in self.diff.removed_names[:_MAX_ITEMS]))
            if len(self.diff.removed_names) > _MAX_ITEMS:
                parts[-1] += f" (… {len(self.diff.removed_names) - _MAX_ITEMS} more)"
        return "; ".join(parts) if parts else None

    def items(self) -> Iterator[tuple[str, str, list[str]]]:
        """``(label, phrase, detail lines)`` for every change, most consequential first."""
        diff = self.diff
        if diff.metaclass is not None:
            yield "winner", self.metaclass(diff.metaclass), []
        for w in diff.winners:
            yield "winner", self.winner(w), []
        for c in diff.chains:
            yield "chain", self.chain(c), [self.runs(c)]
        if diff.hooks is not None:
            yield "chain", self.hooks(diff.hooks), []
        for k in diff.kinds:
            yield "kind", self.kind(k), []
        if diff.mro is not None:
            yield "mro", self.mro(diff.mro), self.mro_reasons(diff.mro)
        line = self.names_line()
        if line:
            yield "names", line, []


def _location(diff: ClassDiff) -> str:
    facts = diff.new
    if facts.file and facts.line:
        return f"{facts.file}:{facts.line}"
    return facts.file or ""


def summary_line(result: DiffResult) -> str:
    ranked = sum(1 for d in result.changed if d.ranked)
    counts = [f"{result.count(level)} {level}" for level in LEVELS if result.count(level)]
    text = f"{ranked} of {result.compared} classes changed"
    if counts:
        text += ": " + ", ".join(counts)
    extras = []
    if result.added:
        extras.append(f"{len(result.added)} added")
    if result.removed:
        extras.append(f"{len(result.removed)} removed")
    if result.moved:
        extras.append(f"{len(result.moved)} moved")
    if extras:
        text += f" ({', '.join(extras)})"
    return text


def _failure_lines(label: str, failures: Sequence[ModuleFailure]) -> list[str]:
    return [f"  {label}: {f.module}: {f.status}" + (f": {f.detail}" if f.detail else "") for f in failures]


def _class_lists(result: DiffResult) -> list[str]:
    lines: list[str] = []
    if result.added:
        lines.append(
            f"Added classes ({len(result.added)}): {', '.join(result.added[:20])}"
            + (" …" if len(result.added) > 20 else "")
        )
    if result.removed:
        lines.append(
            f"Removed classes ({len(result.removed)}): {', '.join(result.removed[:20])}"
            + (" …" if len(result.removed) > 20 else "")
        )
    for old, new in result.moved:
        lines.append(f"Moved: {old} → {new} (the only class of that name that left one module and appeared in another)")
    return lines


#: where a long line of the text report is best cut (after these, before the next part)
_CUTS = ("  ⇒  ", "; ", " → ", ": ", "  ", ", ")


def render_text(
    result: DiffResult, *, base: str, head: str, fail_on: Level, failed: bool, columns: int | None = None
) -> str:
    """The report a terminal or CI log shows: classes grouped, most consequential first.

    *columns*: lines are cut between words to this width, continued under their column.
    """
    lines: list[str] = []

    def add(line: str, indent: int, separators: Sequence[str] = ()) -> None:
        lines.extend(wrap_plain(line, columns, indent=indent, separators=separators))

    add(f"mro-explain diff {base} → {head}", 2)
    add(summary_line(result), 2, (", ",))
    for diff in result.changed:
        words = Wording(diff)
        where = _location(diff)
        header = diff.key + (f"  ({where})" if where else "")
        if diff.moved_from:
            header += f"  moved from {diff.moved_from}"
        lines.append("")
        add(header, 2)
        for label, phrase, details in words.items():
            add(f"  {label:<7}{phrase}", 9, _CUTS)
            for d in details:
                add(f"  {'':<7}  {d}", 11, _CUTS)
    tail = _class_lists(result)
    if tail:
        lines.append("")
        for line in tail:
            add(line, 2, (", ",))
    failures = [*_failure_lines(base, result.old_failures), *_failure_lines(head, result.new_failures)]
    if failures:
        lines.append("")
        add("Modules that could not be read (their classes are not compared):", 2)
        for line in failures:
            add(line, 4)
    lines.append("")
    if not result.changed and not result.added and not result.removed and not failures:
        lines.append("No class machinery changes.")
    verdict = f"fail-on {fail_on}: " + ("failed" if failed else "passed")
    lines.append(verdict)
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------
# Markdown


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def render_markdown(result: DiffResult, *, base: str, head: str, fail_on: Level, failed: bool) -> str:
    """A pull-request comment: a summary, a section per class with the old and new MRO as Mermaid diagrams."""
    from pyinspect_cli.render.mermaid import mro_flowchart

    icon = "❌" if failed else "✅"
    out = [
        f"## mro-explain diff `{base}` → `{head}`",
        "",
        f"{icon} {summary_line(result)} (fail-on `{fail_on}`)",
    ]
    for diff in result.changed:
        words = Wording(diff)
        out += ["", f"### `{diff.key}`" + (f" — {diff.level}" if diff.level else ""), ""]
        where = _location(diff)
        if where:
            out += [
                f"Defined at `{where}`" + (f", moved from `{diff.moved_from}`" if diff.moved_from else "") + ".",
                "",
            ]
        out += ["| change | what |", "| --- | --- |"]
        for label, phrase, details in words.items():
            text = _md_escape(phrase) + "".join("<br>" + _md_escape(d) for d in details)
            out.append(f"| {label} | {text} |")
        if diff.mro is not None:
            out += [
                "",
                "<details><summary>MRO before and after</summary>",
                "",
                "Before:",
                "",
                "```mermaid",
                mro_flowchart(diff.mro.old, module=diff.new.module),
                "```",
                "",
                "After:",
                "",
                "```mermaid",
                mro_flowchart(diff.mro.new, module=diff.new.module),
                "```",
                "",
                "</details>",
            ]
    tail = _class_lists(result)
    if tail:
        out += [""] + [f"- {_md_escape(line)}" for line in tail]
    failures = [*_failure_lines(base, result.old_failures), *_failure_lines(head, result.new_failures)]
    if failures:
        out += ["", "**Modules that could not be read** (their classes are not compared):", ""]
        out += [f"- {_md_escape(line.strip())}" for line in failures]
    if not result.changed and not failures:
        out += ["", "No class machinery changes."]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------
# GitHub annotations


def _gh_escape(text: str, *, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def render_github(result: DiffResult, *, base: str, head: str, fail_on: Level, failed: bool) -> str:
    """Workflow commands: one annotation per changed class on its class line in HEAD."""
    from pyinspect_cli.core.diff import level_rank

    lines: list[str] = []
    limit = level_rank(fail_on)
    for diff in result.changed:
        words = Wording(diff)
        level = diff.level
        severity = "error" if level is not None and level_rank(level) <= limit else "notice"
        if level is None:
            severity = "notice"
        message = "\n".join(
            f"{label}: {phrase}" + "".join(f"\n    {d}" for d in details) for label, phrase, details in words.items()
        )
        title = f"mro-explain diff: {diff.key}" + (f" ({level})" if level else "")
        props = [f"title={_gh_escape(title, property_value=True)}"]
        if diff.new.file:
            props.insert(0, f"file={_gh_escape(diff.new.file, property_value=True)}")
            if diff.new.line:
                props.insert(1, f"line={diff.new.line}")
        lines.append(f"::{severity} {','.join(props)}::{_gh_escape(message)}")
    for label, failures in ((base, result.old_failures), (head, result.new_failures)):
        for f in failures:
            props = [f"title={_gh_escape(f'mro-explain diff: {label} could not read {f.module}', property_value=True)}"]
            if f.path:
                props.insert(0, f"file={_gh_escape(f.path, property_value=True)}")
            lines.append(f"::error {','.join(props)}::{_gh_escape(f.detail or f.status)}")
    lines.append(f"mro-explain diff {base} → {head}: {summary_line(result)}")
    return "\n".join(lines) + "\n"
