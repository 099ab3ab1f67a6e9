"""`mro-explain MODULE` with a metaclass whose mro() changes __mro__: the listing says so."""

from __future__ import annotations

from pathlib import Path

SOURCE = """
class Meta(type):
    def mro(cls):
        m = type.mro(cls)
        return [m[0], *reversed(m[1:-1]), m[-1]]
class A: pass
class B(A): pass
class C(B, metaclass=Meta): pass
"""


def test_listing_shows_the_real_mro_when_a_metaclass_changes_it(run_installed, tmp_path: Path) -> None:
    (tmp_path / "mroover.py").write_text(SOURCE, encoding="utf-8")
    result = run_installed("mroover", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "  C     [C, B, A, object]  but __mro__ is [C, A, B, object] (the metaclass's mro())\n" in result.stdout
    assert "  B     [B, A, object]\n" in result.stdout


def test_listing_on_a_terminal_too(cli, tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "mroover_t.py").write_text(SOURCE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    from rich.console import Console

    from pyinspect_cli import loading
    from pyinspect_cli.core.c3 import explain_linearization
    from pyinspect_cli.render.console import THEME
    from pyinspect_cli.render.explain_view import class_view
    from pyinspect_cli.render.terminal import print_module

    loaded = loading.load_target("mroover_t", paths=[str(tmp_path)])
    views = [class_view(c, explain_linearization(c)) for c in loading.classes_defined_in(loaded.module, "mroover_t")]
    console = Console(width=120, record=True, force_terminal=True, theme=THEME)
    print_module("mroover_t", views, console=console)
    assert "but __mro__ is [C, A, B, object]" in console.export_text()
