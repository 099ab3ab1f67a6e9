"""--animate on a merge with more lists than the terminal has lines: the step's action stays visible."""

from __future__ import annotations

import io

from rich.console import Console

from pyinspect_cli.core.c3 import merge_bases
from pyinspect_cli.render.animate import animate_linearization, merge_frames
from pyinspect_cli.render.console import THEME
from pyinspect_cli.render.explain_view import linearization_view

BASES = [type(f"B{i}", (), {}) for i in range(60)]


def _render(frame: object) -> str:
    console = Console(file=io.StringIO(), width=120, record=True, color_system=None, theme=THEME)
    console.print(frame)
    return console.export_text()


def test_frames_keep_the_tested_lists_within_max_rows() -> None:
    view = linearization_view(merge_bases(BASES, name="W"))
    frames = merge_frames(view, max_rows=10)
    step_41 = _render(frames[41])  # frames[0] is the start
    assert "step 41 of 61" in step_41
    assert "← take B40" in step_41
    assert len(step_41.splitlines()) < 25
    assert "… 39 more lists" in step_41


def test_blocked_note_names_at_most_three_lists() -> None:
    view = linearization_view(merge_bases(BASES, name="W"))
    text = _render(merge_frames(view, max_rows=10)[3])
    assert "in the tail of L[B2], L[B3], L[B4] and 55 more" in text


def test_animation_fits_the_console_height() -> None:
    view = linearization_view(merge_bases(BASES, name="W"))
    console = Console(
        file=io.StringIO(),
        width=120,
        height=30,
        force_terminal=True,
        force_interactive=True,
        record=True,
        color_system=None,
        theme=THEME,
    )
    animate_linearization(view, delay=0, console=console, sleep=lambda _: None)
    assert "← take B59" in console.export_text()
