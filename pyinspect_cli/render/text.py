"""Plain-text views of explain and what-if: what prints when stdout is not a terminal.

No Rich and no colour: this is what lands in CI logs, files and pipes, and it
is also the "plain trace" fallback of the animation.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pyinspect_cli.render.explain_view import ClassView, LinearizationView, ListView, MroEntry, StepView, WhatIfView


def fmt_list(items: Iterable[str]) -> str:
    return "[" + ", ".join(items) + "]"


def merge_expr(lists: Sequence[ListView]) -> str:
    return "merge(" + ", ".join(fmt_list(lst.items) for lst in lists) + ")"


def mro_table(entries: Sequence[MroEntry], indent: str = "  ") -> list[str]:
    width = max((len(e.name) for e in entries), default=0)
    digits = len(str(len(entries)))
    return [f"{indent}{i:>{digits}}  {e.name:<{width}}  {e.module}" for i, e in enumerate(entries, 1)]


def step_lines(step: StepView, target: str, indent: str = "  ") -> list[str]:
    """The textbook lines for one merge step."""
    lines: list[str] = []
    prefix = f"{indent}step {step.number}: "
    pad = " " * len(prefix)
    for i, test in enumerate(step.tests):
        lead = prefix if i == 0 else pad
        if test.taken:
            lines.append(f"{lead}take {test.head}: head of {test.list_label}, in no other list's tail")
        else:
            where = "; ".join(f"{b.label} {fmt_list(b.items)}" for b in test.blocked_by)
            lines.append(f"{lead}skip {test.head}: head of {test.list_label}, but in the tail of {where}")
    if step.taken is None:
        lines.append(f"{pad}stuck: every head is in another list's tail")
        return lines
    result = fmt_list(step.result)
    if step.after:
        lines.append(f"{indent}     = {result} + {merge_expr(step.after)}")
    else:
        lines.append(f"{indent}     = {result}")
    return lines


def linearization_lines(view: LinearizationView, indent: str = "  ") -> list[str]:
    lines: list[str] = []
    for lst in view.base_lists:
        lines.append(f"{indent}{lst.label} = {fmt_list(lst.items)}")
    if view.base_lists:
        lines.append("")
    if not view.merged:
        lines.append(f"{indent}L[{view.target}] = [{view.target}]  (no bases)")
        return lines
    labels = ", ".join(lst.label for lst in view.merged[:-1]) + f", {fmt_list(view.merged[-1].items)}"
    lines.append(f"{indent}L[{view.target}] = [{view.target}] + merge({labels})")
    lines.append(f"{indent}     = [{view.target}] + {merge_expr(view.merged)}")
    for step in view.steps:
        lines.extend(step_lines(step, view.target, indent))
    return lines


def conflict_lines(
    view: LinearizationView | None, message: str | None, explanation: Sequence[str], indent: str = "  "
) -> list[str]:
    lines = ["TypeError: " + (message or ""), ""]
    lines.extend(explanation)
    return lines


def explain_text(views: Sequence[ClassView], *, trace: bool = True) -> str:
    """The whole ``explain`` output for one class or several."""
    out: list[str] = []
    for k, view in enumerate(views):
        if k:
            out.append("")
        out.append(f"{view.ident}")
        out.append("")
        out.append("MRO (method resolution order):")
        out.extend(mro_table(view.order))
        for note in view.notes:
            out.append("")
            out.append(f"note: {note}")
        if [e.ident for e in view.order] != [e.ident for e in view.runtime_mro]:
            out.append("")
            out.append("__mro__ (as the metaclass made it):")
            out.extend(mro_table(view.runtime_mro))
        if trace:
            out.append("")
            out.append("C3 linearization:")
            out.extend(linearization_lines(view.linearization))
        if not view.linearization.ok:
            out.append("")
            out.extend(conflict_lines(view.linearization, view.linearization.message, view.linearization.explanation))
    return "\n".join(out) + "\n"


def module_text(module: str, views: Sequence[ClassView]) -> str:
    """``mro-explain MODULE``: every class with its MRO, one per line."""
    if not views:
        return f"{module}: no classes defined\n"
    out = [f"{module}: {len(views)} class{'es' if len(views) != 1 else ''}", ""]
    width = max(len(v.qualname) for v in views)
    for v in views:
        out.append(f"  {v.qualname:<{width}}  {fmt_list(e.name for e in v.order)}")
    out.append("")
    out.append(f"Show the C3 merge of one class with: mro-explain {module}:CLASS")
    return "\n".join(out) + "\n"


def what_if_text(view: WhatIfView, *, trace: bool = True) -> str:
    bases = ", ".join(b.name for b in view.bases)
    out = [f"class {view.name}({bases})", ""]
    if view.ok:
        assert view.order is not None
        out.append("MRO (method resolution order):")
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
    out.extend(conflict_lines(view.linearization, view.message, view.explanation))
    return "\n".join(out) + "\n"
