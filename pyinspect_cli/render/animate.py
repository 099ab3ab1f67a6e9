"""The C3 merge, played step by step on a terminal (Rich Live).

Split in two so it can be tested without a terminal or a clock:
:func:`merge_frames` builds every frame (plain renderables, golden-testable),
:func:`play` shows them with an injected ``sleep`` or key reader.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable, Sequence

from rich import box
from rich.console import Console, Group, RenderableType
from rich.live import Live
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from pyinspect_cli.render.console import make_console
from pyinspect_cli.render.explain_view import LinearizationView, StepView
from pyinspect_cli.render.terminal import conflict_renderable, list_text
from pyinspect_cli.render.words import plural


def _state_table(
    view: LinearizationView,
    result_size: int,
    offsets: Sequence[int],
    notes: dict[int, Text],
    styles: dict[int, dict[str, str]],
    max_rows: int | None = None,
) -> Table:
    table = Table(box=box.SIMPLE, show_header=False, pad_edge=False)
    table.add_column(justify="right", style="mx.muted")
    table.add_column()
    table.add_column()
    result = view.result[:result_size]
    table.add_row("result", list_text(result, highlight={result[-1]: "mx.taken"} if len(result) > 1 else None), "")
    rows = [j for j, (lst, off) in enumerate(zip(view.merged, offsets)) if off < len(lst.items)]
    shown = _rows_to_show(rows, notes, styles, max_rows)
    hidden = 0
    for j in rows:
        if j not in shown:
            hidden += 1
            continue
        if hidden:
            table.add_row("", Text(f"… {plural(hidden, 'more list')}", style="mx.muted"), "")
            hidden = 0
        lst, off = view.merged[j], offsets[j]
        table.add_row(
            lst.label,
            list_text(lst.items, off, highlight=styles.get(j), head_style="mx.head"),
            notes.get(j, ""),
        )
    if hidden:
        table.add_row("", Text(f"… {plural(hidden, 'more list')}", style="mx.muted"), "")
    return table


def _rows_to_show(
    rows: Sequence[int], notes: dict[int, Text], styles: dict[int, dict[str, str]], max_rows: int | None
) -> set[int]:
    """The lists a frame shows when they do not all fit: those the step acts on first, then the first ones."""
    if max_rows is None or len(rows) <= max_rows:
        return set(rows)
    keep = [j for j in rows if j in notes][:max_rows]
    keep += [j for j in rows if j in styles and j not in keep][: max_rows - len(keep)]
    for j in rows:
        if len(keep) >= max_rows:
            break
        if j not in keep:
            keep.append(j)
    return set(keep)


def _frame(title: str, body: RenderableType, footer: str) -> Panel:
    return Panel(body, title=Text(title, style="mx.heading"), subtitle=Text(footer, style="mx.muted"), expand=False)


def _step_frame(view: LinearizationView, step: StepView, total: int, max_rows: int | None = None) -> Panel:
    notes: dict[int, Text] = {}
    styles: dict[int, dict[str, str]] = {}
    for test in step.tests:
        j = test.list_index
        if test.taken:
            notes[j] = Text.assemble(("← take ", "mx.taken"), (test.head, "mx.taken"))
            styles[j] = {test.head: "mx.taken"}
        else:
            labels = [view.merged[k].label for k in test.blocked_by]
            where = ", ".join(labels[:3]) + (f" and {len(labels) - 3} more" if len(labels) > 3 else "")
            notes.setdefault(
                j,
                Text.assemble(
                    ("← ", "mx.blocked"), (test.head, "mx.blocked"), (f" blocked: in the tail of {where}", "mx.muted")
                ),
            )
            styles[j] = {test.head: "mx.blocked"}
            for k in test.blocked_by:
                styles.setdefault(k, {})[test.head] = "mx.blocked"
    before = step.result_size - 1 if step.taken is not None else step.result_size
    table = _state_table(view, before, step.offsets, notes, styles, max_rows)
    footer = "stuck" if step.taken is None else f"take {step.taken}"
    return _frame(f"C3 merge of {view.target} — step {step.number} of {total}", table, footer)


def merge_frames(view: LinearizationView, *, max_rows: int | None = None) -> list[RenderableType]:
    """Every frame of the animation: the start, one per step, and the end.

    With *max_rows*, a frame lists at most that many of the merged lists (the ones the
    step tests first), so that it fits on the terminal.
    """
    total = len(view.steps)
    start = _state_table(view, 1, [0] * len(view.merged), {}, {}, max_rows)
    frames: list[RenderableType] = [
        _frame(f"C3 merge of {view.target}", start, f"L[{view.target}] = [{view.target}] + merge(...)")
    ]
    frames.extend(_step_frame(view, step, total, max_rows) for step in view.steps)
    if view.ok:
        end = Text.assemble((f"L[{view.target}] = ", "mx.muted"), list_text(view.result))
        frames.append(_frame(f"C3 merge of {view.target} — done", end, f"{total} steps"))
    else:
        last = view.steps[-1] if view.steps else None
        body: RenderableType = conflict_renderable(view.message, view.explanation)
        if last is not None:
            body = Group(_state_table(view, last.result_size, last.offsets, {}, {}, max_rows), body)
        frames.append(_frame(f"C3 merge of {view.target} — stuck", body, "no consistent MRO"))
    return frames


def can_animate(console: Console | None = None) -> bool:
    """Animate only on an interactive terminal (not piped, not TERM=dumb)."""
    return (console or make_console()).is_interactive


def read_key() -> str:
    """Wait for one key press on the terminal (Enter, space, q...), without echo."""
    stream = sys.stdin
    try:
        import termios
        import tty

        fd = stream.fileno()
        old = termios.tcgetattr(fd)
    except Exception:  # not a terminal: behave like Enter
        line = stream.readline()
        return line[:1] or "q"
    try:
        tty.setcbreak(fd)
        return stream.read(1)
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, old)


def play(
    frames: Sequence[RenderableType],
    console: Console,
    *,
    delay: float,
    sleep: Callable[[float], None] = time.sleep,
    wait: Callable[[], str] | None = None,
) -> None:
    """Show *frames* in one Live region: a pause (or a key press) before each new frame."""
    with Live(frames[0], console=console, auto_refresh=False, transient=False) as live:
        for frame in frames[1:]:
            if wait is not None:
                if wait().lower() == "q":
                    live.update(frames[-1], refresh=True)
                    break
            else:
                sleep(delay)
            live.update(frame, refresh=True)


def animate_linearization(
    view: LinearizationView,
    *,
    delay: float,
    manual: bool = False,
    console: Console | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Play the merge of *view* on the terminal."""
    console = console or make_console()
    wait = None
    if manual and sys.stdin.isatty():
        console.print(Text("Press Enter (or space) for the next step, q to jump to the end.", style="mx.muted"))
        wait = read_key
    # Room for the panel's borders, the result row, the table's padding and the prompt.
    max_rows = max(3, console.size.height - 8)
    with contextlib.suppress(KeyboardInterrupt):
        play(merge_frames(view, max_rows=max_rows), console, delay=delay, sleep=sleep, wait=wait)
