"""Module listings include the classes the module's own source defines, whatever their ``__module__`` says."""

from __future__ import annotations

import inspect
from typing import Any

from pyinspect_cli import loading
from pyinspect_cli.core.source import moved_classes


def test_pandas_dataframe_belongs_to_pandas_core_frame() -> None:
    import pandas.core.frame as frame

    # What Python says: the class statement is in pandas/core/frame.py, __module__ was set to "pandas".
    assert frame.DataFrame.__module__ == "pandas"
    assert frame.DataFrame.__init__.__code__.co_filename == frame.__file__
    # (inspect.getsourcefile trusts __module__ and names pandas/__init__.py: the listing must not)
    assert inspect.getsourcefile(frame.DataFrame) != frame.__file__

    assert moved_classes("pandas.core.frame", vars(frame).values()) == [frame.DataFrame]
    listed = loading.classes_defined_in(frame, "pandas.core.frame", moved=True)
    assert frame.DataFrame in listed
    # Series is imported into pandas.core.frame, not defined there: not listed.
    assert frame.Series not in listed  # type: ignore[attr-defined]


def test_the_listing_shows_dataframe_with_a_note(run_installed: Any) -> None:
    result = run_installed("pandas.core.frame", COLUMNS="80", timeout=120)
    assert result.returncode == 0, result.stderr
    assert any(line.split()[:1] == ["DataFrame"] for line in result.stdout.splitlines())
    assert "DataFrame (__module__ = 'pandas')" in result.stderr
