"""Cutting lines between words: the helper every fitted view uses."""

from __future__ import annotations

from rich.text import Text

from pyinspect_cli.render.fit import env_columns, wrap_plain, wrap_text


def test_cuts_at_the_last_separator_that_fits_and_indents_the_rest() -> None:
    line = "  get_context_data    cooperative  runs FormMixin → SingleObjectMixin → ContextMixin"
    assert wrap_plain(line, 60, indent=35, separators=(" → ",)) == [
        "  get_context_data    cooperative  runs FormMixin →",
        "      SingleObjectMixin → ContextMixin",  # 35 is more than half of 60: a short indent
    ]
    assert wrap_plain(line, 72, indent=35, separators=(" → ",)) == [
        "  get_context_data    cooperative  runs FormMixin → SingleObjectMixin →",
        "                                   ContextMixin",
    ]


def test_a_name_longer_than_the_room_stays_whole() -> None:
    name = "pydantic._internal._model_construction:ModelMetaclass"
    lines = wrap_plain(f"  ! the metaclass {name} defines __getattr__", 30, indent=4)
    assert lines == ["  ! the metaclass", f"    {name}", "    defines __getattr__"]
    assert all(len(line) <= 30 or line.strip() == name for line in lines)


def test_fits_and_short_lines_are_untouched() -> None:
    assert wrap_plain("a b c", None) == ["a b c"]
    assert wrap_plain("a b c", 80) == ["a b c"]


def test_styles_survive_the_cut() -> None:
    text = Text.assemble(("hooks: ", "dim"), ("__prepare__ from enum:EnumType", "bold"), ", __new__, __call__")
    lines = wrap_text(text, 30, indent=7, separators=(", ",))
    assert [line.plain for line in lines] == [
        "hooks: __prepare__ from",
        "       enum:EnumType, __new__,",
        "       __call__",
    ]
    assert lines[0].spans[0].style == "dim"
    assert any(span.style == "bold" for span in lines[1].spans)


def test_columns_from_the_environment(monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    assert env_columns() == 80
    monkeypatch.setenv("COLUMNS", "10")  # too narrow to be meant as a width
    assert env_columns() is None
    monkeypatch.delenv("COLUMNS")
    assert env_columns() is None
