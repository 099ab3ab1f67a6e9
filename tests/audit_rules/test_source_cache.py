"""The source cache: each file is parsed at most once per process, whatever reads it.

Super chains, class-creation hooks and every audit rule read source through
:func:`pyinspect_cli.core.source.source_file`. A ``def`` is found by parsing
its own lines when the module tree is not needed; the whole module is parsed
at most once.
"""

from __future__ import annotations

import ast
import collections
import importlib
import linecache
import os
import sys
import textwrap
import types
from pathlib import Path
from typing import Any

import pytest

from pyinspect_cli.audit import rules as rules_pkg
from pyinspect_cli.audit.worker import Auditor, Init, Task
from pyinspect_cli.core import source as source_cache

SAMPLES = (
    "sample_modules.coop_broken",
    "sample_modules.coop_mixins",
    "sample_modules.coop_explicit",
    "sample_modules.coop_generated",
    "sample_modules.descriptors",
    "sample_modules.hostile",
)


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> collections.Counter[tuple[str, str]]:
    """Every parse of the source cache: ``(filename, "module" | "def at LINE")``, counted."""
    counts: collections.Counter[tuple[str, str]] = collections.Counter()
    real = source_cache._parse

    def counting(source: str, filename: str) -> ast.Module:
        entry = source_cache._FILES.get(filename)
        if entry is not None and source == entry.text:
            counts[(filename, "module")] += 1
        else:
            counts[(filename, f"def at {_first_line(source)}")] += 1
        return real(source, filename)

    monkeypatch.setattr(source_cache, "_parse", counting)
    source_cache._FILES.clear()
    return counts


def _first_line(snippet: str) -> int:
    """The line of a def's snippet where its code starts (after the lines that stand for the file's first ones)."""
    if snippet.startswith('"""'):  # one string constant spans the lines before the def
        end = snippet.index('"""', 3) + 4
    else:
        end = len(snippet) - len(snippet.lstrip("\n"))
    return snippet.count("\n", 0, end) + 1


def _auditor() -> Auditor:
    return Auditor(Init(sys_path=tuple(sys.path), cwd=os.getcwd(), rule_modules=tuple(rules_pkg.RULE_MODULES)))


def test_an_audit_parses_each_file_at_most_once(parses: collections.Counter[tuple[str, str]]) -> None:
    auditor = _auditor()
    rule_ids = tuple(rules_pkg.all_rules())
    for name in SAMPLES:
        result = auditor.audit(Task(name, None, None, rule_ids))
        assert result.status.status == "ok", result.status
    assert parses, "nothing was parsed: the samples have source"
    first = dict(parses)
    for name in SAMPLES:  # the same modules again (one worker, many tasks): nothing new is parsed
        auditor.audit(Task(name, None, None, rule_ids))
    assert dict(parses) == first
    assert all(n == 1 for n in parses.values()), [k for k, n in parses.items() if n > 1]
    # The super() chains of the samples were read from source, not from the module tree each time.
    assert any(kind != "module" for _, kind in parses)


def test_super_chains_hooks_and_rules_share_one_tree(parses: collections.Counter[tuple[str, str]]) -> None:
    from pyinspect_cli.audit.rules.base import parse_file
    from pyinspect_cli.core.super_chain import super_chain
    from sample_modules import coop_broken

    filename = coop_broken.__file__
    tree = parse_file(filename)
    assert tree is not None
    assert source_cache.parse_source(filename) is tree
    for value in vars(coop_broken).values():
        if type(value) is type and value.__module__ == coop_broken.__name__:
            source_cache.class_statement(value)
            for method in ("__init__", "setup", "save"):
                super_chain(value, method)
    assert parses == {(filename, "module"): 1}


def test_a_def_parsed_alone_is_the_def_of_the_module_tree() -> None:
    module = importlib.import_module("sample_modules.coop_mixins")
    filename = module.__file__
    assert filename is not None
    codes: list[types.CodeType] = []
    for value in vars(module).values():
        if type(value) is type:
            for attr in vars(value).values():
                func: Any = attr.__func__ if type(attr) is staticmethod or type(attr) is classmethod else attr
                if type(func) is types.FunctionType:
                    codes.append(func.__code__)
    assert codes
    lines = linecache.getlines(filename)
    alone = source_cache.SourceFile(filename, lines)
    whole = source_cache.SourceFile(filename, lines)
    assert whole.tree is not None
    for code in codes:
        found = alone.function(code)
        expected = whole.function(code)
        assert found is not None and expected is not None
        assert ast.dump(found, include_attributes=True) == ast.dump(expected, include_attributes=True)
    assert alone._parsed is False  # no def needed the module tree


def test_awkward_defs_parsed_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = textwrap.dedent(
        '''
        import functools


        class Box:
            @functools.cache
            @staticmethod
            def decorated(
                a,
            b=2,
            ):
                return a

            def trailing(self):
                x = 1
                if False:
                    super().trailing()
                # a comment at the end

            def text(self):
                return """
        not indented
        """

            lam = lambda self: 1


        def top(self):
            return super(Box, self).top()
        '''
    )
    path = tmp_path / "awkward_defs.py"
    path.write_text(source, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    module = importlib.import_module("awkward_defs")
    try:
        ns = vars(module)
        box = vars(ns["Box"])
        funcs = [
            box["decorated"].__wrapped__.__func__,
            box["trailing"],
            box["text"],
            box["lam"],
            ns["top"],
        ]
        lines = linecache.getlines(str(path))
        whole = source_cache.SourceFile(str(path), lines)
        for func in funcs:
            alone = source_cache.SourceFile(str(path), lines)
            found = alone.function(func.__code__)
            expected = whole.function(func.__code__)
            if func.__name__ == "<lambda>":
                assert found is None and expected is None
                continue
            assert found is not None and expected is not None, func.__name__
            assert ast.dump(found, include_attributes=True) == ast.dump(expected, include_attributes=True)
    finally:
        sys.modules.pop("awkward_defs", None)


def test_an_edited_file_is_parsed_again(tmp_path: Path) -> None:
    path = tmp_path / "edited.py"
    path.write_text("class A:\n    pass\n", encoding="utf-8")
    filename = str(path)
    first = source_cache.parse_source(filename)
    assert first is not None and source_cache.parse_source(filename) is first
    path.write_text("class A:\n    pass\n\n\nclass B:\n    pass\n", encoding="utf-8")
    os.utime(filename, (1, 1))
    linecache.checkcache(filename)
    second = source_cache.parse_source(filename)
    assert second is not None and second is not first
    assert [n.name for n in second.body if isinstance(n, ast.ClassDef)] == ["A", "B"]
