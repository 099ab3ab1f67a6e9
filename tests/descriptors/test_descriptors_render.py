"""The rich views on a terminal: styled, and user names never read as markup."""

from __future__ import annotations

import desc_reference as ref  # noqa: F401  (puts the repository root on sys.path)
from rich.console import Console

import sample_modules.desc_hostile as dh
import sample_modules.weird_names as weird
from pyinspect_cli.core.attributes import resolve_attribute
from pyinspect_cli.core.descriptors import class_attributes
from pyinspect_cli.render.console import THEME
from pyinspect_cli.render.descriptors import attr_view, descriptors_view


def _terminal() -> Console:
    return Console(force_terminal=True, color_system="truecolor", record=True, width=160, theme=THEME)


def test_terminal_views_keep_markup_literal() -> None:
    dh.CALLS.clear()
    console = _terminal()
    console.print(descriptors_view(dh.Child, class_attributes(dh.Child), hidden_object=True))
    console.print(attr_view(resolve_attribute(dh.Child, "[bold red]x[/]")))
    console.print(
        descriptors_view(weird.Child, class_attributes(weird.Child, include_object=True), hidden_object=False)
    )
    styled = console.export_text(styles=True, clear=False)
    plain = console.export_text()
    assert "\x1b[" in styled
    assert "[bold red]x[/]" in plain
    assert "Attribute '[bold red]x[/]' of sample_modules.desc_hostile:Child" in plain
    assert "A<B>&\"q'" in plain
    assert dh.CALLS == []
