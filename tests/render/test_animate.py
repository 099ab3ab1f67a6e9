"""The C3 animation: frames (golden), the Live loop with an injected clock, the non-terminal path."""

from __future__ import annotations

import io

from rich.console import Console

from pyinspect_cli.core.c3 import explain_linearization, merge_bases
from pyinspect_cli.render.animate import can_animate, merge_frames, play
from pyinspect_cli.render.console import THEME
from pyinspect_cli.render.explain_view import linearization_view
from sample_modules import diamond


def make_console(*, terminal: bool, width: int = 80) -> Console:
    return Console(
        file=io.StringIO(),
        force_terminal=terminal,
        force_interactive=terminal,
        width=width,
        height=40,
        color_system=None,
        legacy_windows=False,
        record=True,
        highlight=False,
        theme=THEME,
    )


def render(frame: object, width: int = 80) -> str:
    console = make_console(terminal=False, width=width)
    console.print(frame)
    return console.export_text()


def test_frames_show_each_step(golden) -> None:
    view = linearization_view(explain_linearization(diamond.D))
    frames = merge_frames(view)
    assert len(frames) == len(view.steps) + 2
    texts = [render(f) for f in frames]
    assert "step 2 of 4" in texts[2]
    assert "← A blocked: in the tail of L[C]" in texts[2]
    assert "← take C" in texts[2]
    assert "L[D] = [D, B, C, A, object]" in texts[-1]
    golden("animate_diamond.txt", "\n".join(texts))


def test_stuck_merge_ends_on_the_explanation() -> None:
    view = linearization_view(merge_bases([diamond.X, diamond.Y]))
    last = render(merge_frames(view)[-1], width=200)
    assert "stuck" in last
    assert "Cannot create a consistent method resolution" in last
    assert "class Y(C, B) lists them in that order" in last


def test_play_uses_live_and_pauses_once_per_frame() -> None:
    view = linearization_view(explain_linearization(diamond.D))
    frames = merge_frames(view)
    console = make_console(terminal=True)
    delays: list[float] = []
    play(frames, console, delay=0.25, sleep=delays.append)
    raw = console.file.getvalue()  # type: ignore[attr-defined]
    assert raw.startswith("\x1b[?25l") and raw.rstrip().endswith("\x1b[?25h")
    assert delays == [0.25] * (len(frames) - 1)
    text = console.export_text()
    positions = [text.find(f"step {i} of 4") for i in range(1, 5)]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)


def test_manual_stepping_waits_for_keys_and_q_jumps_to_the_end() -> None:
    view = linearization_view(explain_linearization(diamond.D))
    frames = merge_frames(view)
    console = make_console(terminal=True)
    keys = iter(["\n", "q"])
    play(frames, console, delay=99, sleep=lambda _s: None, wait=lambda: next(keys))
    text = console.export_text()
    assert "step 1 of 4" in text and "done" in text
    assert "step 3 of 4" not in text


def test_no_animation_off_a_terminal(run_installed) -> None:
    assert can_animate(make_console(terminal=False)) is False
    result = run_installed("sample_modules.diamond:D", "--animate", "--delay", "5")
    assert result.returncode == 0
    assert "\x1b[" not in result.stdout
    assert "step 4: take object" in result.stdout
    assert "needs an interactive terminal" in result.stderr
