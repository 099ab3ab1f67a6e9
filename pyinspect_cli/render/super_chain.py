"""Views of ``super()`` chains: the static result, the summary, and the animation.

Everything is built as :class:`rich.text.Text` lines (user names are never
markup), so the same lines print styled on a terminal and plain when piped.
:func:`build_view` turns a core :class:`~pyinspect_cli.core.super_chain.SuperChain`
into plain strings once; the text views, the animation frames and the JSON
document all read that view.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.console import Console, Group
from rich.text import Text

from pyinspect_cli.core import static
from pyinspect_cli.core.paths import display_path as shown_path
from pyinspect_cli.core.super_chain import Issue, Link, SuperChain, Verdict, VerdictKind, next_links, verdict
from pyinspect_cli.render.fit import wrap_text
from pyinspect_cli.render.safe import escape_line, ljust, shown_len
from pyinspect_cli.render.words import plural

ARROW = " → "


@dataclass(frozen=True)
class LinkView:
    """One defining class, as strings."""

    class_id: str
    name: str
    continues: str
    how: str
    next: tuple[str, ...]
    next_ids: tuple[str, ...]
    explicit_targets: tuple[str, ...]
    runs: int
    inferred: bool
    generated: str | None
    conditional: bool
    forwards_args: bool | None
    forwards_kwargs: bool | None
    consumes: tuple[str, ...]
    required: tuple[str, ...]
    accepts_args: bool | None
    accepts_kwargs: bool | None
    arguments: str
    call: str | None
    filename: str | None
    line: int | None
    location: str | None
    notes: tuple[str, ...]
    through: str | None = None


@dataclass(frozen=True)
class ChainView:
    """A whole chain, as strings."""

    class_id: str
    class_name: str
    method: str
    mro_names: tuple[str, ...]
    mro_ids: tuple[str, ...]
    links: tuple[LinkView, ...]
    runs: tuple[str, ...]
    run_ids: tuple[str, ...]
    callers: tuple[str | None, ...]
    skipped: tuple[str, ...]
    skipped_ids: tuple[str, ...]
    stopper: str | None
    stopper_id: str | None
    verdict: VerdictKind
    verdict_text: str
    warnings: tuple[str, ...]
    notes: tuple[str, ...]
    issues: tuple[Issue, ...] = ()

    def link(self, name: str) -> LinkView | None:
        for item in self.links:
            if item.name == name:
                return item
        return None


def display_names(mro: Sequence[type]) -> dict[int, str]:
    """Short names for the classes of an MRO: ``__name__``, or ``module:qualname`` where names clash."""
    counts: dict[str, int] = {}
    for k in mro:
        counts[static.name_of(k)] = counts.get(static.name_of(k), 0) + 1
    out: dict[int, str] = {}
    for k in mro:
        name = static.name_of(k)
        out[id(k)] = name if counts[name] == 1 else static.class_id(k)
    return out


def display_path(filename: str | None) -> str | None:
    return shown_path(filename) if filename is not None else None


def _flag_list(names: Sequence[str]) -> str:
    return ", ".join(names)


def _arguments(link: Link) -> str:
    sig = link.signature
    if sig is None:
        if link.generated:
            return f"({link.generated})"
        return "(signature unknown)" if link.inferred else ""
    takes: list[str] = list(sig.names)
    if sig.varargs:
        takes.append(f"*{sig.varargs}")
    if sig.varkw:
        takes.append(f"**{sig.varkw}")
    parts = [f"takes {_flag_list(takes)}" if takes else "takes no arguments"]
    call = link.call
    if call is not None and link.continues_chain:
        passes: list[str] = []
        if call.positional:
            passes.append(f"{call.positional} positional")
        passes.extend(f"{k}=" for k in call.keywords)
        if call.star_args:
            passes.append("*args" if not sig.varargs else f"*{sig.varargs}" if call.forwards_args else "*…")
        if call.star_kwargs:
            passes.append("**kwargs" if not sig.varkw else f"**{sig.varkw}" if call.forwards_kwargs else "**…")
        parts.append(f"passes {_flag_list(passes)}" if passes else "passes nothing on")
        dropped: list[str] = []
        if sig.varargs and not call.forwards_args:
            dropped.append(f"*{sig.varargs}")
        if sig.varkw and not call.forwards_kwargs:
            dropped.append(f"**{sig.varkw}")
        if dropped:
            parts.append(f"drops {_flag_list(dropped)}")
    return "; ".join(parts)


def _how(link: Link, method: str, names: dict[int, str]) -> str:
    generated = link.generated
    if link.continues == "super":
        text = link.call_text or f"super().{method}(...)"
        if generated:
            text = f"{generated}: via __post_init__ super().{method}()"
        if link.super_from is not None:
            text += f" (continues after {names.get(id(link.super_from), static.name_of(link.super_from))})"
    elif link.continues == "explicit":
        targets = ", ".join(f"{names.get(id(t), static.name_of(t))}.{method}" for t in link.explicit_targets)
        if link.through is not None:
            text = f"calls {targets or 'a class'} through {link.through}(…)"
        elif generated:
            text = f"{generated}: calls {targets} directly"
        else:
            text = f"calls {targets or 'a class'} directly (not cooperative)"
    elif link.continues == "none":
        if generated == "object default":
            text = "object's default: the end of every chain"
        elif generated == "C implementation":
            text = "C implementation: never calls the next class"
        elif generated:
            text = f"{generated}: never calls super()"
        else:
            text = f"ends the chain (no super().{method}())"
    elif link.kind not in ("function", "staticmethod", "classmethod"):
        text = f"not a function ({link.kind}): cannot tell whether it continues"
    elif link.through is not None:
        text = f"calls {link.through}(…): cannot tell whether it continues"
    else:
        text = "cannot tell whether it continues"
    if link.conditional:
        text += " [conditional]"
    if link.inferred and link.generated not in ("C implementation",):
        text += " [inferred from bytecode]"
    return text


def build_view(chain: SuperChain) -> ChainView:
    mro = static.mro_of(chain.cls)
    names = display_names(mro)

    def name(k: type) -> str:
        return names.get(id(k), static.class_id(k))

    method = chain.method
    links: list[LinkView] = []
    for link in chain.links:
        callees = next_links(chain, link)
        sig = link.signature
        filename = link.filename
        path = display_path(filename)
        links.append(
            LinkView(
                class_id=static.class_id(link.defined_in),
                name=name(link.defined_in),
                continues=link.continues,
                how=_how(link, chain.method, names),
                next=tuple(name(c.defined_in) for c in callees),
                next_ids=tuple(static.class_id(c.defined_in) for c in callees),
                explicit_targets=tuple(static.class_id(t) for t in link.explicit_targets),
                runs=chain.run_count(link.defined_in),
                inferred=link.inferred,
                generated=link.generated,
                conditional=link.conditional,
                forwards_args=link.forwards_args,
                forwards_kwargs=link.forwards_kwargs,
                consumes=link.consumes,
                required=sig.required if sig is not None else (),
                accepts_args=(sig.varargs is not None) if sig is not None else None,
                accepts_kwargs=(sig.varkw is not None) if sig is not None else None,
                arguments=_arguments(link),
                call=link.call_text,
                filename=filename,
                line=link.line,
                location=f"{path}:{link.line}" if path is not None and link.line is not None else None,
                notes=tuple(issue_text(n, method, name, with_owner=False) for n in link.notes),
                through=link.through,
            )
        )
    judged = verdict(chain)
    at = judged.at
    return ChainView(
        class_id=static.class_id(chain.cls),
        class_name=name(chain.cls),
        method=chain.method,
        mro_names=tuple(name(k) for k in mro),
        mro_ids=tuple(static.class_id(k) for k in mro),
        links=tuple(links),
        runs=tuple(name(k) for k in chain.runs),
        run_ids=tuple(static.class_id(k) for k in chain.runs),
        callers=tuple(name(k) if k is not None else None for k in chain.callers),
        skipped=tuple(name(k) for k in chain.skipped),
        skipped_ids=tuple(static.class_id(k) for k in chain.skipped),
        stopper=name(at) if at is not None else None,
        stopper_id=static.class_id(at) if at is not None else None,
        verdict=judged.kind,
        verdict_text=verdict_words(judged, name),
        warnings=tuple(issue_text(i, method, name) for i in chain.warnings),
        notes=tuple(issue_text(i, method, name) for i in chain.notes),
        issues=chain.issues,
    )


def issue_text(issue: Issue, method: str, name: Callable[[type], str], *, with_owner: bool = True) -> str:
    """One :class:`~pyinspect_cli.core.super_chain.Issue` in words: the only place they are worded.

    *with_owner* prefixes the sentence with ``Owner.method: `` when the issue
    is about one implementation and the sentence does not start with it.
    """
    who = f"{name(issue.owner)}.{method}" if issue.owner is not None else method
    to = f"{name(issue.other)}.{method}" if issue.other is not None else ""
    names = ", ".join(issue.names)
    kind = issue.kind
    if kind == "args-to-object":
        what = ", ".join([*(["positional arguments"] if issue.count else []), *issue.names])
        return f"{who} passes {what} to object.{method}(), which takes no arguments: TypeError"
    if kind == "forwards-to-object":
        rest = f"keywords other than {names} raise" if issue.names else "any keyword argument raises"
        return f"{who} forwards its remaining arguments to object.{method}(), which takes none: {rest} TypeError"
    if kind == "kept-not-passed":
        return f"{who} takes {issue.names[0]!r} for itself and does not pass it on, but {to} requires it"
    if kind == "missing-required":
        return f"{who} calls the next {method}() without {issue.names[0]!r}, which {to} requires"
    if kind == "too-many-positional":
        return f"{who} passes {issue.count} positional arguments; {to} accepts {issue.limit}"
    if kind == "unknown-keyword":
        return f"{who} passes {issue.names[0]}=, which {to} does not accept"
    if kind == "forwards-kwargs-to-no-varkw":
        return f"{who} forwards **kwargs but {to} has no **kwargs: any keyword it does not name raises TypeError"
    if kind == "forwards-args-to-no-positional":
        return f"{who} forwards *args but {to} takes no positional arguments"
    if kind == "super-without-next":
        cls = name(issue.other) if issue.other is not None else "the class"
        return f"{who} calls super().{method}() but no later class in {cls}'s MRO defines {method}: AttributeError"
    if kind == "unknown-continuation":
        return f"cannot tell whether {who} continues the chain; read as ending it"
    if kind == "truncated":
        return f"the chain was cut after {issue.count} calls (an implementation calls itself?)"
    if kind == "same-function":
        return f"{who} is the same function as {to}, which runs (one function stored in both classes)"
    # Notes about one implementation.
    if kind == "conditional-call":
        text = "the call is conditional: it may not run every time"
    elif kind == "super-and-explicit":
        text = "calls both super() and a class directly; the chain is read from super()"
    elif kind == "unresolved-super-argument":
        text = f"super({issue.text}, ...) could not be resolved; read as super()"
    elif kind == "unreadable-binding":
        text = (
            f"calls {issue.text}(...), a name whose value cannot be read without running code; "
            "whether the chain continues is unknown"
        )
    elif kind == "through-helper":
        text = (
            f"passes the instance to {issue.text}(...), whose code names the method; "
            "whether later implementations run is unknown"
        )
    elif kind == "not-a-function":
        text = f"{who} is {issue.text}, not a function"
    elif kind == "post-init-continues":
        via = name(issue.other) if issue.other is not None else "a class"
        text = f"continues through {via}.__post_init__, which calls super().__init__()"
    else:  # pragma: no cover - every kind is worded above
        text = kind
    return f"{who}: {text}" if with_owner else text


def verdict_words(judged: Verdict, name: Callable[[type], str]) -> str:
    """The verdict as the summary shows it: ``cooperative``, ``overrides``, ``broken at X``, ``unknown at X``…"""
    if judged.kind in ("broken", "unknown") and judged.at is not None:
        return f"{judged.kind} at {name(judged.at)}"
    return judged.kind


VERDICT_STYLES: dict[str, str] = {
    "cooperative": "mx.ok",
    "overrides": "mx.muted",
    "broken": "mx.blocked",
    "unknown": "mx.warn",
    "mixed": "mx.warn",
}


# ---------------------------------------------------------------------------
# Static text


def _heading(text: str) -> Text:
    return Text(text, style="mx.heading")


def _continues_style(continues: str) -> str:
    return {"super": "mx.ok", "explicit": "mx.warn", "none": "mx.muted", "unknown": "mx.warn"}.get(continues, "")


def chain_lines(view: ChainView, columns: int | None = None) -> list[Text]:
    """The full static explanation of one chain.

    With *columns*, every line fits them, cut between words and continued under its
    column; a definer's source location that would run past them goes on its own line
    under the definer instead of at the end of the row.
    """
    lines: list[Text] = []

    def add(text: Text, indent: int, separators: Sequence[str] = ()) -> None:
        lines.extend(wrap_text(text, columns, indent=indent, separators=separators))

    add(
        Text.assemble(
            ("super() chain of ", "mx.heading"),
            (f"{view.method}()", "mx.target"),
            (" for ", "mx.heading"),
            (view.class_id, "mx.target"),
        ),
        2,
    )
    add(Text.assemble(("MRO: ", "mx.muted"), _arrow_list(view.mro_names, view.mro_names[:1])), 5, (ARROW,))
    if view.skipped and view.verdict == "overrides":
        add(
            Text(
                f"{view.stopper}.{view.method} overrides "
                + ", ".join(f"{name}.{view.method}" for name in view.skipped)
                + ": no implementation after it calls super(), so no chain was intended",
                style="mx.muted",
            ),
            2,
        )
    elif view.skipped and view.verdict == "unknown":
        add(
            Text(
                f"cannot tell whether {view.stopper}.{view.method} calls "
                + ", ".join(f"{name}.{view.method}" for name in view.skipped),
                style="mx.warn",
            ),
            2,
        )
    elif view.skipped:
        count = len(view.skipped)
        add(
            Text.assemble(
                (
                    f"{plural(count, 'implementation')} never run{'s' if count == 1 else ''}: ",
                    "mx.error",
                ),
                (", ".join(f"{name}.{view.method}" for name in view.skipped), "mx.blocked"),
            ),
            2,
            (", ",),
        )
    lines.append(Text(""))
    if not view.links:
        add(Text(f"No class in {view.class_name}'s MRO defines {view.method}."), 2)
        return lines
    add(_heading(f"Classes that define {view.method}, in MRO order:"), 2)
    width = max(shown_len(link.name) for link in view.links)
    how_width = max(len(link.how) for link in view.links)
    next_width = max(len(_next_text(link)) for link in view.links)
    digits = len(str(len(view.links)))
    if columns is not None and 2 + digits + 2 + width + 2 + how_width + 2 + next_width > columns:
        how_width = 0  # the next class follows each row's own text: padding would push it past the width
    for i, link in enumerate(view.links, 1):
        row = Text(f"  {i:>{digits}}. ")
        row.append(ljust(escape_line(link.name), width), style="mx.class")
        row.append("  ")
        how_at = row.cell_len
        row.append(f"{link.how:<{how_width}}", style=_continues_style(link.continues))
        row.append(f"  {_next_text(link):<{next_width}}", style="mx.muted")
        under = f"  {' ' * digits}  "
        if link.location and columns is not None and row.cell_len + 2 + len(link.location) > columns:
            row.rstrip()
            add(row, how_at)
            add(Text(f"{under}{link.location}", style="mx.module"), len(under))
            continue
        if link.location:
            row.append(f"  {link.location}", style="mx.module")
        row.rstrip()
        add(row, how_at)
    lines.append(Text(""))
    add(_heading(f"What runs for {view.class_name}().{view.method}():"), 2)
    add(Text.assemble("  ", _arrow_list(view.runs, ())), 2, (ARROW,))
    add(Text(f"  {_run_summary(view)}", style=VERDICT_STYLES.get(view.verdict, "mx.warn")), 2, ("; ",))
    if view.skipped:
        lines.append(Text(""))
        lines.append(_skipped_heading(view))
        for name in view.skipped:
            skipped_link = view.link(name)
            row = Text("  ")
            row.append(f"{name}.{view.method}", style="mx.blocked")
            if skipped_link is not None and skipped_link.location:
                row.append(f" ({skipped_link.location})", style="mx.module")
            row.append(f": {_skip_reason(view)}")
            add(row, 4)
    argument_links = [link for link in view.links if link.arguments and link.class_id != "builtins:object"]
    if argument_links:
        lines.append(Text(""))
        lines.append(_heading("Arguments:"))
    for link in argument_links:
        row = Text("  ")
        row.append(ljust(escape_line(link.name), width), style="mx.class")
        row.append(f"  {link.arguments}")
        add(row, 2 + width + 2, ("; ",))
    if view.warnings:
        lines.append(Text(""))
        lines.append(Text("Warnings:", style="mx.warn"))
        for w in view.warnings:
            add(Text(f"  ! {w}", style="mx.warn"), 4)
    if view.notes:
        lines.append(Text(""))
        lines.append(_heading("Notes:"))
        for n in view.notes:
            add(Text(f"  - {n}", style="mx.muted"), 4)
    return lines


def _skipped_heading(view: ChainView) -> Text:
    if view.verdict == "overrides":
        return Text("Overridden (never runs for these instances):", style="mx.muted")
    if view.verdict == "unknown":
        return Text("May not run:", style="mx.warn")
    return Text("Never runs:", style="mx.error")


def _next_text(link: LinkView) -> str:
    return ("→ " + ", ".join(link.next)) if link.next else ""


def _arrow_list(names: Sequence[str], highlight: Sequence[str]) -> Text:
    text = Text()
    for i, name in enumerate(names):
        if i:
            text.append(ARROW, style="mx.muted")
        text.append(name, style="mx.target" if name in highlight else "mx.class")
    return text


def _run_summary(view: ChainView) -> str:
    counts = [link.runs for link in view.links if link.class_id != "builtins:object"]
    total = len(counts)
    twice = [link.name for link in view.links if link.runs > 1]
    if total == 0:
        return f"only object's default {view.method} runs: no class before object defines it"
    if view.verdict == "cooperative":
        text = f"cooperative: every implementation runs, once each ({total} of {total})"
        return text + ("; but see the warnings about arguments" if view.warnings else "")
    parts: list[str] = []
    ran = sum(1 for c in counts if c)
    parts.append(f"{ran} of {total} implementations run")
    if view.stopper is not None and view.verdict == "broken":
        parts.append(f"the chain is broken at {view.stopper}")
    elif view.stopper is not None and view.verdict == "overrides":
        parts.append(f"{view.stopper} overrides the rest (plain overriding)")
    elif view.stopper is not None and view.verdict == "unknown":
        parts.append(f"cannot tell whether {view.stopper} continues the chain")
    if twice:
        parts.append(f"runs twice or more: {', '.join(twice)}")
    return "; ".join(parts)


def _skip_reason(view: ChainView) -> str:
    at = view.stopper
    if at is None:
        return "no implementation that runs calls it"
    link = view.link(at)
    if view.verdict == "unknown":
        if link is not None and link.through:
            return f"{at}.{view.method} calls {link.through}(…); whether that reaches it is unknown"
        return f"{at}.{view.method} calls a name that cannot be resolved without running code"
    if link is not None and link.continues == "explicit":
        targets = ", ".join(link.next) or "another class"
        return f"{at}.{view.method} calls {targets} directly and jumps over it"
    if link is not None and link.generated:
        return f"{at}.{view.method} ({link.generated}) never calls super() and ends the chain before it"
    return f"{at}.{view.method} ends the chain before it"


def summary_rows(views: Sequence[ChainView]) -> list[tuple[str, str, str, str]]:
    """``(method, verdict kind, verdict text, detail)`` rows of the no-METHOD view."""
    rows: list[tuple[str, str, str, str]] = []
    for v in views:
        detail = "runs " + ARROW.join(v.runs)
        if v.skipped:
            label = {"overrides": "overridden", "unknown": "may not run"}.get(v.verdict, "never runs")
            detail += f"; {label}: " + ", ".join(v.skipped)
        rows.append((v.method, v.verdict, v.verdict_text, detail))
    return rows


def summary_lines(class_id: str, rows: Sequence[tuple[str, str, str, str]], columns: int | None = None) -> list[Text]:
    """The no-METHOD view: one line per method defined by two or more classes.

    With *columns*, every line fits them: what runs continues under its column.
    """
    if not rows:
        return wrap_text(
            Text.assemble(
                "No method is defined by two or more classes in ",
                (class_id, "mx.target"),
                "'s MRO (object not counted).",
            ),
            columns,
            indent=2,
        )
    lines = wrap_text(
        Text.assemble(
            ("Methods defined by two or more classes in the MRO of ", "mx.heading"),
            (class_id, "mx.target"),
            (":", "mx.heading"),
        ),
        columns,
        indent=2,
    )
    mwidth = max(shown_len(m) for m, _, _, _ in rows)
    vwidth = max(len(v) for _, _, v, _ in rows)
    for method, kind, verdict_text, runs in rows:
        style = VERDICT_STYLES.get(kind, "mx.warn")
        row = Text("  ")
        row.append(ljust(escape_line(method), mwidth), style="mx.class")
        row.append("  ")
        row.append(f"{verdict_text:<{vwidth}}", style=style)
        row.append(f"  {runs}", style="mx.muted")
        lines.extend(wrap_text(row, columns, indent=2 + mwidth + 2 + vwidth + 2, separators=("; ", ARROW)))
    lines.append(Text(""))
    hint = f"mro-explain super {class_id} METHOD shows one chain in full."
    lines.extend(wrap_text(Text(hint, style="mx.muted"), columns, indent=2))
    return lines


def print_lines(console: Console, lines: Sequence[Text]) -> None:
    for line in lines:
        console.print(line, soft_wrap=True)


# ---------------------------------------------------------------------------
# Animation


def frame_count(view: ChainView) -> int:
    """Frames of the animation: one per call in the chain, then the outcome."""
    return len(view.runs) + 1


def _step_text(view: ChainView, step: int) -> str:
    method = view.method
    if step >= len(view.runs):
        if view.skipped and view.verdict == "overrides":
            return f"The chain ends: {_run_summary(view)}."
        if view.skipped:
            return f"The chain ends. Never runs: {', '.join(f'{s}.{method}' for s in view.skipped)}."
        return f"The chain ends: {_run_summary(view)}."
    current = view.runs[step]
    caller = view.callers[step] if step < len(view.callers) else None
    if caller is None:
        return (
            f"{view.class_name}().{method}() finds {current}.{method} first: "
            f"the first class in {view.class_name}'s MRO that defines {method}."
        )
    link = view.link(caller)
    if link is not None and link.continues == "explicit":
        return f"{caller}.{method} calls {current}.{method} directly (not through super())."
    return (
        f"{caller}.{method} calls super().{method}(): the next class after {caller} "
        f"in {view.class_name}'s MRO that defines {method} is {current}."
    )


def chain_frame(view: ChainView, step: int) -> Group:
    """Frame *step* of the animation (0 .. frame_count - 1): a pure function of the view."""
    final = step >= len(view.runs)
    ran_counts: dict[str, int] = {}
    for name in view.runs[: min(step + 1, len(view.runs))]:
        ran_counts[name] = ran_counts.get(name, 0) + 1
    current = None if final else view.runs[step]
    title = Text.assemble(
        ("super() chain of ", "mx.heading"),
        (f"{view.method}()", "mx.target"),
        (" for ", "mx.heading"),
        (view.class_id, "mx.target"),
        (f"   step {min(step + 1, len(view.runs))}/{len(view.runs)}", "mx.muted"),
    )
    rows: list[Text] = [title, Text("")]
    defines = {link.name for link in view.links}
    width = max((len(n) for n in view.mro_names), default=0)
    for name in view.mro_names:
        row = Text("  ")
        if name == current:
            marker, style = "▶", "mx.head"
        elif ran_counts.get(name):
            marker, style = "✓", "mx.taken"
        elif name in defines and final and name in view.skipped:
            marker, style = "✗", "mx.blocked"
        elif name in defines:
            marker, style = "·", "mx.class"
        else:
            marker, style = " ", "mx.muted"
        row.append(f"{marker} ", style=style)
        row.append(f"{name:<{width}}", style=style)
        if name in defines:
            link = view.link(name)
            row.append(f"  {link.how if link is not None else ''}", style="mx.muted")
            if ran_counts.get(name, 0) > 1:
                row.append(f"  (ran {ran_counts[name]}x)", style="mx.warn")
        else:
            row.append(f"  (no {view.method})", style="mx.muted")
        rows.append(row)
    rows.append(Text(""))
    done = view.runs[: min(step + 1, len(view.runs))]
    rows.append(Text.assemble(("calls so far: ", "mx.muted"), _arrow_list(done, (current,) if current else ())))
    rows.append(Text(_step_text(view, step), style="mx.blocked" if final and view.skipped else ""))
    return Group(*rows)


def animate_chain(
    view: ChainView,
    console: Console,
    *,
    delay: float,
    manual: bool = False,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Walk the chain on a live terminal, one call per frame: *delay* seconds apart, or a key
    press each with *manual* (``--step``); the last frame stays."""
    import contextlib
    import sys

    from pyinspect_cli.render.animate import play, read_key

    wait = None
    if manual and sys.stdin.isatty():
        console.print(Text("Press Enter (or space) for the next call, q to jump to the end.", style="mx.muted"))
        wait = read_key
    frames = [chain_frame(view, step) for step in range(frame_count(view))]
    with contextlib.suppress(KeyboardInterrupt):
        play(frames, console, delay=delay, sleep=sleep, wait=wait)
