"""A super() call made through a local alias (`init = super().__init__; init()`) continues the chain."""

from __future__ import annotations

import argparse

from pyinspect_cli.core.super_chain import super_chain


class Root:
    def __init__(self) -> None:
        self.calls = [*getattr(self, "calls", []), "Root"]


class Aliased(Root):
    def __init__(self) -> None:
        self.calls = ["Aliased"]
        init = super().__init__
        init()


class TwoArgAlias(Aliased):
    def __init__(self) -> None:
        parent_init = super().__init__
        parent_init()
        self.calls.insert(0, "TwoArgAlias")


def test_alias_of_super_method_continues_the_chain() -> None:
    chain = super_chain(TwoArgAlias, "__init__")
    assert [link.continues for link in chain.links[:3]] == ["super", "super", "none"]
    assert chain.runs[:3] == (TwoArgAlias, Aliased, Root)
    assert chain.skipped == ()
    assert TwoArgAlias().calls == ["TwoArgAlias", "Aliased", "Root"]  # what really runs


def test_argparse_parser_init_reaches_the_actions_container() -> None:
    chain = super_chain(argparse.ArgumentParser, "__init__")
    names = [k.__name__ for k in chain.runs]
    assert names[:2] == ["ArgumentParser", "_ActionsContainer"]
    assert argparse._ActionsContainer not in chain.skipped
