"""Plain-text views of explain and what-if: what prints when stdout is not a terminal.

No Rich and no colour: this is what lands in CI logs, files and pipes, and it
is also the "plain trace" fallback of the animation.
"""

from __future__ import annotations

from collections.abc import Sequence

from pyinspect_cli.render.conflicts import Line, line_text
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
from pyinspect_cli.render.fit import wrap_plain
from pyinspect_cli.render.safe import ljust, shown_len
from pyinspect_cli.render.words import plural

#: lists longer than this print their first and last items around "…"
LIST_LIMIT = 12
#: merges of more lists than this print the first ones and a count
MERGE_LIMIT = 8
#: a trace whose result is longer than this is deep: its lists print shorter
DEEP = 20

MRO_TITLE = "MRO (method resolution order)"
#: where a metaclass's mro() made __mro__ differ from the C3 merge, both tables are shown, titled so
RUNTIME_MRO_TITLE = "__mro__ (what the metaclass's mro() returned; attribute lookup follows it)"
C3_RESULT_TITLE = "C3 linearization of the bases (what type.mro() would return)"


def fmt_list(items: Sequence[str], start: int = 0, *, limit: int = LIST_LIMIT) -> str:
    """``[B, A, object]`` for ``items[start:]``, shortened in the middle when long."""
    count = len(items) - start
    if count <= limit:
        return "[" + ", ".join(items[start:]) + "]"
    head = items[start : start + limit - 4]
    tail = items[len(items) - 3 :]
    hidden = count - len(head) - len(tail)
    return "[" + ", ".join(head) + f", …{hidden} more…, " + ", ".join(tail) + "]"


def list_limit(view: LinearizationView) -> int:
    """How many items a list of *view*'s trace shows: fewer in a deep hierarchy, so lines stay readable."""
    return 6 if len(view.result) > DEEP else LIST_LIMIT


def merge_expr(view: LinearizationView, offsets: Sequence[int]) -> str:
    """``merge([A, object], [C, A, object], [C])`` for the lists as they stand at *offsets*."""
    lists = view.remaining(offsets)
    shown = [fmt_list(lst.items, off, limit=list_limit(view)) for lst, off in lists[:MERGE_LIMIT]]
    if len(lists) > MERGE_LIMIT:
        shown.append(f"…{len(lists) - MERGE_LIMIT} more lists")
    return "merge(" + ", ".join(shown) + ")"


def mro_table(entries: Sequence[MroEntry], indent: str = "  ") -> list[str]:
    width = max((shown_len(e.name) for e in entries), default=0)
    digits = len(str(len(entries)))
    return [f"{indent}{i:>{digits}}  {ljust(e.name, width)}  {e.module}" for i, e in enumerate(entries, 1)]


def _state_line(view: LinearizationView, step: StepView, indent: str) -> str:
    result = fmt_list(view.result[: step.result_size], limit=list_limit(view))
    if any(off < len(lst.items) for lst, off in zip(view.merged, step.after)):
        return f"{indent}     = {result} + {merge_expr(view, step.after)}"
    return f"{indent}     = {result}"


def step_lines(view: LinearizationView, step: StepView, indent: str = "  ") -> list[str]:
    """The textbook lines for one merge step."""
    lines: list[str] = []
    prefix = f"{indent}step {step.number}: "
    pad = " " * len(prefix)
    for i, test in enumerate(step.tests):
        lead = prefix if i == 0 else pad
        if test.taken:
            lines.append(f"{lead}take {test.head}: head of {test.list_label}, in no other list's tail")
        else:
            where = "; ".join(
                f"{view.merged[j].label} {fmt_list(view.merged[j].items, step.offsets[j], limit=list_limit(view))}"
                for j in test.blocked_by
            )
            lines.append(f"{lead}skip {test.head}: head of {test.list_label}, but in the tail of {where}")
    if step.taken is None:
        lines.append(f"{pad}stuck: every head is in another list's tail")
        return lines
    lines.append(_state_line(view, step, indent))
    return lines


def run_lines(view: LinearizationView, run: StepRun, indent: str = "  ") -> list[str]:
    """Several takes from one list, on one line (and the heads that still wait, on another)."""
    taken = fmt_list(run.taken, limit=8)[1:-1]
    lines = [
        f"{indent}steps {run.first.number}-{run.last.number}: take {taken} in turn: "
        f"each the head of {run.list_label}, in no other list's tail"
    ]
    if run.waiting:
        pad = " " * len(f"steps {run.first.number}-{run.last.number}: ")
        lines.append(f"{indent}{pad}{', '.join(run.waiting)} still wait: each is still in another list's tail")
    lines.append(_state_line(view, run.last, indent))
    return lines


def linearization_lines(
    view: LinearizationView, indent: str = "  ", *, limit: int | None = TRACE_CHAR_LIMIT
) -> list[str]:
    """The textbook trace; cut after *limit* characters (``None``: never)."""
    lines: list[str] = []
    for lst in view.base_lists:
        lines.append(f"{indent}{lst.label} = {fmt_list(lst.items, limit=list_limit(view))}")
    if view.base_lists:
        lines.append("")
    if not view.merged:
        lines.append(f"{indent}L[{view.target}] = [{view.target}]  (no bases)")
        return lines
    labels = [lst.label for lst in view.merged[:-1]]
    if len(labels) > MERGE_LIMIT:
        labels = [*labels[:MERGE_LIMIT], f"…{len(labels) - MERGE_LIMIT} more"]
    bases = fmt_list(view.merged[-1].items)
    lines.append(f"{indent}L[{view.target}] = [{view.target}] + merge({', '.join(labels)}, {bases})")
    lines.append(f"{indent}     = [{view.target}] + {merge_expr(view, [0] * len(view.merged))}")
    size = sum(len(line) + 1 for line in lines)
    total = len(view.steps)
    for group in view.step_groups():
        added = run_lines(view, group, indent) if isinstance(group, StepRun) else step_lines(view, group, indent)
        size += sum(len(line) + 1 for line in added)
        if limit is not None and size > limit:
            last = group.first.number - 1 if isinstance(group, StepRun) else group.number - 1
            lines.append(f"{indent}{trace_cut_note(last, total)}")
            break
        lines.extend(added)
    return lines


def conflict_lines(message: str | None, explanation: Sequence[Line]) -> list[str]:
    """CPython's error, verbatim, then the explanation."""
    lines = ["TypeError: " + (message or ""), ""]
    lines.extend(line_text(line) for line in explanation)
    return lines


def explain_text(views: Sequence[ClassView], *, trace: bool = True, limit: int | None = TRACE_CHAR_LIMIT) -> str:
    """The whole ``explain`` output for one class or several."""
    out: list[str] = []
    for k, view in enumerate(views):
        if k:
            out.append("")
        out.append(f"{view.ident}")
        out.append("")
        if [e.ident for e in view.order] != [e.ident for e in view.runtime_mro]:
            # the class really resolves attributes along __mro__: lead with it
            out.append(f"{RUNTIME_MRO_TITLE}:")
            out.extend(mro_table(view.runtime_mro))
            out.append("")
            out.append(f"{C3_RESULT_TITLE}:")
            out.extend(mro_table(view.order))
        else:
            out.append(f"{MRO_TITLE}:")
            out.extend(mro_table(view.order))
        for note in view.notes:
            out.append("")
            out.append(f"note: {note}")
        if trace:
            out.append("")
            out.append("C3 linearization:")
            out.extend(linearization_lines(view.linearization, limit=limit))
        if not view.linearization.ok:
            out.append("")
            out.extend(conflict_lines(view.linearization.message, view.linearization.explanation))
    return "\n".join(out) + "\n"


def module_text(
    module: str, views: Sequence[ClassView], *, target: str | None = None, columns: int | None = None
) -> str:
    """``mro-explain MODULE``: every class with its MRO, one per class.

    *target* is the module as the user named it (a file path), for the closing hint.
    *columns*: wrap each MRO between its names to this width (``None``: one line each).
    """
    if not views:
        return f"{module}: no classes defined\n"
    out = [f"{module}: {plural(len(views), 'class', 'classes')}", ""]
    width = max(len(v.qualname) for v in views)
    for v in views:
        line = f"  {v.qualname:<{width}}  {fmt_list([e.name for e in v.order])}"
        if [e.ident for e in v.order] != [e.ident for e in v.runtime_mro]:
            line += f"  but __mro__ is {fmt_list([e.name for e in v.runtime_mro])} (the metaclass's mro())"
        out.extend(_wrap(line, columns, indent=width + 5))
    out.append("")
    hint = f"Show the C3 merge of one class with: mro-explain {target or module}:CLASS"
    if columns is not None and len(hint) > columns:
        hint = hint.replace(": ", ":\n  ", 1)
    out.append(hint)
    return "\n".join(out) + "\n"


def _wrap(line: str, columns: int | None, *, indent: int) -> list[str]:
    """*line* cut after the ", " nearest to *columns*, continued under its list (never inside a name)."""
    return wrap_plain(line, columns, indent=indent, separators=(", ",))


def fit_text(text: str, columns: int | None) -> str:
    """Every line of *text* cut between words to *columns*: lists after ``] + `` or ``, ``, each
    continued a little further in than the line (``None``: as it is)."""
    if columns is None:
        return text
    out: list[str] = []
    for line in text.split("\n"):
        lead = len(line) - len(line.lstrip(" "))
        out.extend(wrap_plain(line, columns, indent=lead + 4, separators=("] + ", ", ")))
    return "\n".join(out)


def what_if_text(view: WhatIfView, *, trace: bool = True, statement: str | None = None) -> str:
    """The what-if result as text; *statement* replaces the ``class New(...)`` heading (a failed import's own)."""
    bases = ", ".join(b.name for b in view.bases)
    out = [statement or f"class {view.name}({bases})", ""]
    if view.ok:
        assert view.order is not None
        out.append(f"{MRO_TITLE}:")
        out.extend(mro_table(view.order))
        if view.metaclass and view.metaclass != "builtins:type":
            out.append("")
            out.append(f"metaclass: {view.metaclass}")
        if view.mro_override:
            out.append(
                f"note: {view.mro_override}.mro() overrides type.mro(); "
                "CPython would call it and may give another order."
            )
        if trace and view.linearization is not None:
            out.append("")
            out.append("C3 linearization:")
            out.extend(linearization_lines(view.linearization))
        return "\n".join(out) + "\n"
    if trace and view.linearization is not None and view.kind == "mro":
        out.append("C3 linearization:")
        out.extend(linearization_lines(view.linearization))
        out.append("")
    out.extend(conflict_lines(view.message, view.explanation))
    return "\n".join(out) + "\n"
