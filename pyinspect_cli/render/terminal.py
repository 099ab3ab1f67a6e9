"""Rich views of explain and what-if, for a terminal.

User text (class and module names) is only ever placed in ``Text`` objects,
never parsed as markup, so ``[bold red]x[/]`` prints as written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from pyinspect_cli.render.conflicts import Line, line_text
from pyinspect_cli.render.console import make_console
from pyinspect_cli.render.explain_view import (
    TRACE_CHAR_LIMIT,
    ClassView,
    LinearizationView,
    MroEntry,
    StepRun,
    StepView,
    WhatIfView,
    trace_cut_note,
)
from pyinspect_cli.render.safe import escape_line
from pyinspect_cli.render.text import C3_RESULT_TITLE, LIST_LIMIT, MERGE_LIMIT, MRO_TITLE, RUNTIME_MRO_TITLE


def list_text(
    items: Sequence[str],
    start: int = 0,
    *,
    highlight: dict[str, str] | None = None,
    head_style: str | None = None,
    limit: int = LIST_LIMIT,
) -> Text:
    """``[B, A, object]`` for ``items[start:]`` with per-item styles, shortened when long."""
    count = len(items) - start
    if count <= limit:
        shown: list[str | None] = list(items[start:])
    else:
        head = list(items[start : start + limit - 4])
        tail = list(items[len(items) - 3 :])
        shown = [*head, None, *tail]
        hidden = count - len(head) - len(tail)
    text = Text("[")
    for i, item in enumerate(shown):
        if i:
            text.append(", ")
        if item is None:
            text.append(f"…{hidden} more…", style="mx.muted")
            continue
        style = (highlight or {}).get(item)
        if style is None and i == 0 and head_style:
            style = head_style
        text.append(item, style=style or "mx.class")
    text.append("]")
    return text


def merge_text(view: LinearizationView, offsets: Sequence[int], *, head_style: str | None = None) -> Text:
    lists = view.remaining(offsets)
    text = Text("merge(")
    for i, (lst, off) in enumerate(lists[:MERGE_LIMIT]):
        if i:
            text.append(", ")
        text.append_text(list_text(lst.items, off, head_style=head_style))
    if len(lists) > MERGE_LIMIT:
        text.append(f", …{len(lists) - MERGE_LIMIT} more lists", style="mx.muted")
    text.append(")")
    return text


def mro_table(entries: Sequence[MroEntry], *, title: str = "MRO") -> Table:
    table = Table(box=box.SIMPLE_HEAD, title=title, title_justify="left", title_style="mx.heading", pad_edge=False)
    table.add_column("#", justify="right", style="mx.muted")
    table.add_column("class")
    table.add_column("module", style="mx.module")
    for i, entry in enumerate(entries, 1):
        style = "mx.target" if i == 1 else ("mx.builtin" if entry.library else "mx.class")
        table.add_row(str(i), Text(escape_line(entry.name), style=style), Text(escape_line(entry.module)))
    return table


def _state_text(view: LinearizationView, step: StepView, taken: Iterable[str]) -> Text:
    text = Text("     = ")
    text.append_text(list_text(view.result[: step.result_size], highlight=dict.fromkeys(taken, "mx.taken")))
    if any(off < len(lst.items) for lst, off in zip(view.merged, step.after)):
        text.append(" + ")
        text.append_text(merge_text(view, step.after, head_style="mx.head"))
    return text


def step_renderable(view: LinearizationView, step: StepView) -> Text:
    """One merge step: the heads examined (taken in green, blocked in red) and the new state."""
    text = Text()
    label = f"step {step.number}: "
    pad = " " * len(label)
    for i, test in enumerate(step.tests):
        text.append(label if i == 0 else pad, style="mx.heading" if i == 0 else None)
        if test.taken:
            text.append("take ", style="mx.taken")
            text.append(test.head, style="mx.taken")
            text.append(f"  head of {test.list_label}, in no other list's tail", style="mx.muted")
        else:
            text.append("skip ", style="mx.blocked")
            text.append(test.head, style="mx.blocked")
            text.append(f"  head of {test.list_label}, but in the tail of ", style="mx.muted")
            for k, j in enumerate(test.blocked_by):
                if k:
                    text.append("; ", style="mx.muted")
                blocker = view.merged[j]
                text.append(f"{blocker.label} ", style="mx.muted")
                text.append_text(list_text(blocker.items, step.offsets[j], highlight={test.head: "mx.blocked"}))
        text.append("\n")
    if step.taken is None:
        text.append(pad)
        text.append("stuck: every head is in another list's tail", style="mx.error")
        return text
    text.append_text(_state_text(view, step, [step.taken]))
    return text


def run_renderable(view: LinearizationView, run: StepRun) -> Text:
    text = Text()
    text.append(f"steps {run.first.number}-{run.last.number}: ", style="mx.heading")
    text.append("take ", style="mx.taken")
    text.append_text(list_text(run.taken, limit=8, highlight=dict.fromkeys(run.taken, "mx.taken")))
    text.append(f"  in turn, each the head of {run.list_label}, in no other list's tail\n", style="mx.muted")
    if run.waiting:
        text.append(f"  {', '.join(run.waiting)}", style="mx.blocked")
        text.append(" still wait: each is still in another list's tail\n", style="mx.muted")
    text.append_text(_state_text(view, run.last, run.taken[-1:]))
    return text


def linearization_renderable(view: LinearizationView, *, limit: int | None = TRACE_CHAR_LIMIT) -> RenderableType:
    """The trace; cut after *limit* characters (``None``: never), as the plain text is."""
    parts: list[RenderableType] = []
    for lst in view.base_lists:
        line = Text(f"{lst.label} = ", style="mx.muted")
        line.append_text(list_text(lst.items))
        parts.append(line)
    if not view.merged:
        parts.append(Text(f"L[{view.target}] = [{view.target}]  (no bases)"))
        return Group(*parts)
    labels = [lst.label for lst in view.merged[:-1]]
    if len(labels) > MERGE_LIMIT:
        labels = [*labels[:MERGE_LIMIT], f"…{len(labels) - MERGE_LIMIT} more"]
    head = Text()
    head.append(f"L[{view.target}]", style="mx.target")
    head.append(f" = [{view.target}] + merge(")
    head.append(", ".join(labels))
    head.append(", ")
    head.append_text(list_text(view.merged[-1].items))
    head.append(")\n     = ")
    head.append_text(list_text([view.target], highlight={view.target: "mx.target"}))
    head.append(" + ")
    head.append_text(merge_text(view, [0] * len(view.merged), head_style="mx.head"))
    parts.append(Text(""))
    parts.append(head)
    size = sum(len(p.plain) + 1 for p in parts if isinstance(p, Text))
    for group in view.step_groups():
        text = run_renderable(view, group) if isinstance(group, StepRun) else step_renderable(view, group)
        size += len(text.plain) + 1
        if limit is not None and size > limit:
            last = group.first.number - 1 if isinstance(group, StepRun) else group.number - 1
            parts.append(Text(trace_cut_note(last, len(view.steps)), style="mx.warn"))
            break
        parts.append(text)
    return Group(*parts)


def conflict_renderable(message: str | None, explanation: Sequence[Line]) -> Panel:
    body = Text()
    body.append("TypeError: ", style="mx.error")
    body.append(" ".join((message or "").split()))
    for line in explanation:
        body.append("\n")
        if line.kind == "item":
            body.append("  • ", style="mx.blocked")
            body.append(line.text)
        elif line.kind == "fix":
            body.append("Fix:", style="mx.ok")
            body.append(" " + line.text)
        else:
            body.append(line_text(line))
    return Panel(body, title=Text("cannot create this class", style="mx.error"), border_style="red", expand=False)


def explain_renderable(view: ClassView, *, trace: bool = True, limit: int | None = TRACE_CHAR_LIMIT) -> RenderableType:
    header = Text()
    header.append(view.name, style="mx.target")
    header.append(f"  {view.module}\n", style="mx.module")
    parts: list[RenderableType] = [header]
    if [e.ident for e in view.order] != [e.ident for e in view.runtime_mro]:
        # the class really resolves attributes along __mro__: lead with it
        parts.append(mro_table(view.runtime_mro, title=RUNTIME_MRO_TITLE))
        parts.append(mro_table(view.order, title=C3_RESULT_TITLE))
    else:
        parts.append(mro_table(view.order, title=MRO_TITLE))
    for note in view.notes:
        parts.append(Text.assemble(("note: ", "mx.warn"), note))
    if trace:
        parts.append(Text("C3 linearization", style="mx.heading"))
        parts.append(Padding(linearization_renderable(view.linearization, limit=limit), (0, 0, 1, 2)))
    if not view.linearization.ok:
        parts.append(conflict_renderable(view.linearization.message, view.linearization.explanation))
    return Group(*parts)


def print_explain(
    view: ClassView, *, trace: bool = True, console: Console | None = None, limit: int | None = TRACE_CHAR_LIMIT
) -> None:
    (console or make_console()).print(explain_renderable(view, trace=trace, limit=limit))


def print_module(
    module: str, views: Sequence[ClassView], *, console: Console | None = None, target: str | None = None
) -> None:
    console = console or make_console()
    if not views:
        console.print(Text(f"{module}: no classes defined"))
        return
    table = Table(box=box.SIMPLE_HEAD, title=Text(module, style="mx.heading"), title_justify="left", pad_edge=False)
    table.add_column("class", style="mx.class")
    table.add_column("MRO")
    for v in views:
        mro = list_text([e.name for e in v.order])
        if [e.ident for e in v.order] != [e.ident for e in v.runtime_mro]:
            mro = Text.assemble(
                mro,
                ("  but __mro__ is ", "mx.muted"),
                list_text([e.name for e in v.runtime_mro]),
                (" (the metaclass's mro())", "mx.muted"),
            )
        table.add_row(Text(v.qualname), mro)
    console.print(table)
    console.print(Text(f"Show the C3 merge of one class with: mro-explain {target or module}:CLASS", style="mx.muted"))


def what_if_renderable(view: WhatIfView, *, trace: bool = True, heading: Text | None = None) -> RenderableType:
    if heading is None:
        heading = Text()
        heading.append("class ", style="mx.muted")
        heading.append(view.name, style="mx.target")
        heading.append("(")
        for i, base in enumerate(view.bases):
            if i:
                heading.append(", ")
            heading.append(base.name, style="mx.class")
        heading.append(")")
    parts: list[RenderableType] = [heading]
    if view.ok:
        assert view.order is not None
        parts.append(mro_table(view.order, title=MRO_TITLE))
        if view.metaclass and view.metaclass != "builtins:type":
            parts.append(Text.assemble(("metaclass: ", "mx.muted"), view.metaclass))
        if view.mro_override:
            parts.append(
                Text.assemble(
                    ("note: ", "mx.warn"), f"{view.mro_override}.mro() overrides type.mro(); CPython would call it."
                )
            )
    if trace and view.linearization is not None and (view.ok or view.kind == "mro"):
        parts.append(Text("C3 linearization", style="mx.heading"))
        parts.append(Padding(linearization_renderable(view.linearization), (0, 0, 1, 2)))
    if not view.ok:
        parts.append(conflict_renderable(view.message, view.explanation))
    return Group(*parts)


def print_what_if(view: WhatIfView, *, trace: bool = True, console: Console | None = None) -> None:
    (console or make_console()).print(what_if_renderable(view, trace=trace))


def print_failed_import(
    header: str, statement: str, view: WhatIfView, *, trace: bool = True, console: Console | None = None
) -> None:
    console = console or make_console()
    console.print(Text(header, style="mx.error"))
    console.print(what_if_renderable(view, trace=trace, heading=Text(statement, style="mx.heading")))
