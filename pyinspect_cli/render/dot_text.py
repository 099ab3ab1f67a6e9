"""DOT text written the way the ``graphviz`` package writes it, without importing it.

:class:`DotText` has the part of ``graphviz.Digraph`` that
:func:`pyinspect_cli.render.graph.build_digraph` uses (``attr``, ``node``, ``edge``,
``subgraph`` and ``source``) and gives the same text, byte for byte: the same
quoting of identifiers and attribute values (HTML-like ``<...>`` labels as they
are, names that are not plain DOT identifiers in double quotes), attributes in
sorted order after the label, subgraphs indented by one tab. ``graph --format dot``
then needs neither the package nor its start-up (it loads ``logging`` and
``subprocess``); the Python API still returns real ``graphviz.Digraph`` objects.
A test keeps the two in step.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator

__all__ = ["DotText"]

_HTML_STRING = re.compile(r"<.*>$", re.DOTALL)
_ID = re.compile(r"([a-zA-Z_][a-zA-Z0-9_]*|-?(\.[0-9]+|[0-9]+(\.[0-9]*)?))$")
_KEYWORDS = frozenset({"node", "edge", "graph", "digraph", "subgraph", "strict"})
_QUOTE = re.compile(r"(?P<escaped_backslashes>(?:\\{2})*)\\?(?P<literal_quote>\")")


def quote(identifier: str) -> str:
    """*identifier* as a DOT ID: as it is when it is one (or an HTML-like string), else double-quoted."""
    if _HTML_STRING.match(identifier):
        return identifier
    if not _ID.match(identifier) or identifier.lower() in _KEYWORDS:
        return '"' + _QUOTE.sub(r"\g<escaped_backslashes>\\\g<literal_quote>", identifier) + '"'
    return identifier


def _quote_edge(identifier: str) -> str:
    node, _, rest = identifier.partition(":")
    parts = [quote(node)]
    if rest:
        port, _, compass = rest.partition(":")
        parts.append(quote(port))
        if compass:
            parts.append(compass)
    return ":".join(parts)


def _a_list(label: str | None, attrs: dict[str, str | None]) -> str:
    items = [f"label={quote(label)}"] if label is not None else []
    items += [f"{quote(k)}={quote(v)}" for k, v in sorted(attrs.items()) if v is not None]
    return " ".join(items)


def _attr_list(label: str | None, attrs: dict[str, str | None]) -> str:
    content = _a_list(label, attrs)
    return f" [{content}]" if content else ""


class DotText:
    """A directed graph written as DOT text, as ``graphviz.Digraph(name=..., comment=...)`` writes it."""

    def __init__(self, name: str | None = None, comment: str | None = None) -> None:
        self.name = name
        self.comment = comment
        self.body: list[str] = []

    def attr(self, kw: str | None = None, **attrs: str | None) -> None:
        """``graph``/``node``/``edge [...]`` statements, or ``key=value`` in the current (sub)graph."""
        if not attrs:
            return
        if kw is None:
            self.body.append(f"\t{_a_list(None, attrs)}\n")
        else:
            self.body.append(f"\t{kw}{_attr_list(None, attrs)}\n")

    def node(self, name: str, label: str | None = None, **attrs: str | None) -> None:
        self.body.append(f"\t{quote(name)}{_attr_list(label, attrs)}\n")

    def edge(self, tail_name: str, head_name: str, label: str | None = None, **attrs: str | None) -> None:
        self.body.append(f"\t{_quote_edge(tail_name)} -> {_quote_edge(head_name)}{_attr_list(label, attrs)}\n")

    @contextlib.contextmanager
    def subgraph(self, name: str | None = None) -> Iterator[DotText]:
        """A subgraph, added to this graph's body when the ``with`` block ends."""
        child = DotText(name=name)
        yield child
        self.body += [f"\t{line}" for line in child.lines(subgraph=True)]

    def lines(self, *, subgraph: bool = False) -> Iterator[str]:
        if self.comment:
            yield f"// {self.comment}\n"
        name = quote(self.name) + " " if self.name else ""
        yield (f"subgraph {name}{{\n" if self.name else "{\n") if subgraph else f"digraph {name}{{\n"
        yield from self.body
        yield "}\n"

    @property
    def source(self) -> str:
        return "".join(self.lines())
