"""Views of super() chains: static text, summary, animation frames, JSON."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from pyinspect_cli.core.super_chain import super_chain
from pyinspect_cli.render.super_chain import (
    animate_chain,
    build_view,
    chain_frame,
    chain_lines,
    frame_count,
    summary_lines,
    summary_rows,
)
from sample_modules import coop_broken, coop_explicit, coop_generated, cooperative

GOLDENS = Path(__file__).resolve().parent / "goldens"


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Any:
    """Compare with tests/super_chain/goldens/NAME (``--update-goldens`` rewrites)."""
    update = request.config.getoption("--update-goldens")

    def check(name: str, actual: str) -> None:
        path = GOLDENS / name
        if update or not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            if not update:
                pytest.fail(f"golden {name} did not exist; wrote it - review and commit it")
        assert actual == path.read_text(encoding="utf-8")

    return check


@pytest.fixture(autouse=True)
def _repo_cwd(monkeypatch: pytest.MonkeyPatch) -> None:
    # locations print relative to the current directory
    monkeypatch.chdir(Path(__file__).resolve().parents[2])


def plain(lines: list) -> str:  # type: ignore[type-arg]
    return "\n".join(line.plain.rstrip() for line in lines) + "\n"


@pytest.mark.parametrize(
    ("name", "cls", "method"),
    [
        ("seed", cooperative.Model, "setup"),
        ("broken", coop_broken.Model, "setup"),
        ("diamond", coop_explicit.Diamond, "__init__"),
        ("dataclass", coop_generated.StampedPoint, "__init__"),
        ("cbase", coop_generated.RegistryDict, "__init__"),
    ],
)
def test_chain_text(golden: Any, name: str, cls: type, method: str) -> None:
    golden(f"chain_{name}.txt", plain(chain_lines(build_view(super_chain(cls, method)))))


def test_summary_text(golden: Any) -> None:
    views = [build_view(super_chain(coop_broken.TrackedWidget, "__init__"))]
    golden("summary_tracked.txt", plain(summary_lines("sample_modules.coop_broken:TrackedWidget", summary_rows(views))))


def test_summary_when_nothing_is_shared() -> None:
    text = plain(summary_lines("m:C", []))
    assert "No method is defined by two or more classes" in text


def test_frames_are_pure_and_golden(golden: Any) -> None:
    view = build_view(super_chain(coop_broken.Model, "setup"))
    assert frame_count(view) == 4
    frames = []
    for step in range(frame_count(view)):
        console = Console(file=io.StringIO(), width=100, color_system=None, force_terminal=False)
        console.print(chain_frame(view, step))
        frames.append(f"--- frame {step}\n" + console.file.getvalue())  # type: ignore[attr-defined]
    golden("frames_broken.txt", "".join(frames))
    last = frames[-1]
    assert "✗ Base" in last and "Never runs: Base.setup" in last


def test_frames_of_a_repeated_class() -> None:
    view = build_view(super_chain(coop_explicit.Diamond, "__init__"))
    console = Console(file=io.StringIO(), width=120, color_system=None)
    console.print(chain_frame(view, 4))
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert "(ran 2x)" in out
    assert "Right.__init__ calls Root.__init__ directly" in out


def test_animation_uses_injected_sleep_and_delay() -> None:
    view = build_view(super_chain(cooperative.Model, "setup"))
    sleeps: list[float] = []
    out = io.StringIO()
    console = Console(file=out, width=100, force_terminal=True, color_system=None)
    animate_chain(view, console, delay=0.25, sleep=sleeps.append)
    assert sleeps == [0.25] * (frame_count(view) - 1)
    assert "The chain ends" in out.getvalue()


def test_user_names_are_not_markup() -> None:
    ns: dict[str, object] = {}
    exec(
        "class A:\n    def m(self): super().m()\nclass B:\n    def m(self): pass\n"
        "C = type('[bold red]x[/]', (A, B), {})\n",
        ns,
    )
    view = build_view(super_chain(ns["C"], "m"))  # type: ignore[arg-type]
    console = Console(file=io.StringIO(), width=200, color_system=None)
    for line in chain_lines(view):
        console.print(line)
    assert "[bold red]x[/]" in console.file.getvalue()  # type: ignore[attr-defined]


def test_json_document_shape() -> None:
    from pyinspect_cli.render.json import dumps
    from pyinspect_cli.render.json.super_chain import chain_document

    doc = json.loads(dumps(chain_document(build_view(super_chain(coop_explicit.Diamond, "__init__")))))
    assert doc["command"] == "super"
    assert doc["target"] == "sample_modules.coop_explicit:Diamond"
    assert [link["defined_in"] for link in doc["links"]] == [
        "sample_modules.coop_explicit:Diamond",
        "sample_modules.coop_explicit:Left",
        "sample_modules.coop_explicit:Right",
        "sample_modules.coop_explicit:Root",
        "builtins:object",
    ]
    assert [link["continues"] for link in doc["links"]] == ["explicit", "explicit", "explicit", "none", "none"]
    assert doc["links"][0]["explicit_targets"] == [
        "sample_modules.coop_explicit:Left",
        "sample_modules.coop_explicit:Right",
    ]
    assert doc["runs"] == [
        "sample_modules.coop_explicit:Diamond",
        "sample_modules.coop_explicit:Left",
        "sample_modules.coop_explicit:Root",
        "sample_modules.coop_explicit:Right",
        "sample_modules.coop_explicit:Root",
    ]
    assert doc["verdict"] == "mixed"
    assert doc["links"][3]["runs"] == 2


def test_json_schema_is_registered() -> None:
    from pyinspect_cli.render.json import json_schemas

    schema = json_schemas()["super"]
    assert "links" in schema["properties"] and "runs" in schema["properties"]


def test_locations_move_under_their_row_when_the_row_would_pass_the_width() -> None:
    """At 80 columns a definer's file:line goes on the line under its row instead of past the edge."""
    from django.views.generic.edit import UpdateView

    view = build_view(super_chain(UpdateView, "get_context_data"))
    wide = plain(chain_lines(view))
    narrow = plain(chain_lines(view, columns=80)).splitlines()
    rows = [line for line in narrow if line.startswith(("  1. ", "  2. ", "  3. "))]
    assert len(rows) == 3
    for row in rows:
        assert ".py:" not in row
    for link in view.links:
        assert link.location is not None
        # each location is printed once, alone and indented, right under its definer's row
        index = next(i for i, line in enumerate(narrow) if line.strip() == link.location)
        assert narrow[index - 1].split()[1] == link.name
        assert link.location in wide
