"""Inline suppression comments: ``# mro-explain: ignore[ID]``.

Forms, on the line a finding is reported on or on the ``class`` line (any
line of a multi-line class header) of the class it is about::

    class Broken(Base, Mixin):  # mro-explain: ignore[MRO001]
    x = Thing()                 # mro-explain: ignore[DESC001,DESC002]
    class Legacy(Base):         # mro-explain: ignore

The bare form suppresses every rule; ids may also be prefixes (``DESC``).
Comments are read with :mod:`tokenize`, so the text inside a string is never
taken for a comment.
"""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Iterable

from pyinspect_cli.audit.findings import Finding
from pyinspect_cli.core.paths import source_lines

__all__ = ["ALL", "Suppressions", "parse_comment"]

#: what a bare ``# mro-explain: ignore`` suppresses
ALL = frozenset({"ALL"})

_PRAGMA = re.compile(r"#\s*mro-explain\s*:\s*ignore(?:\[(?P<codes>[^\]]*)\])?", re.IGNORECASE)


def parse_comment(comment: str) -> frozenset[str] | None:
    """The rule codes a comment suppresses (:data:`ALL` for the bare form), or ``None``."""
    codes: set[str] = set()
    found = False
    for match in _PRAGMA.finditer(comment):
        found = True
        text = match.group("codes")
        if text is None:
            return ALL
        codes.update(part.strip().upper() for part in re.split(r"[,\s]+", text) if part.strip())
    if not found:
        return None
    return frozenset(codes) if codes else ALL


class Suppressions:
    """The suppression comments of one source file, by line number (read once)."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self._lines: dict[int, frozenset[str]] | None = None

    @property
    def lines(self) -> dict[int, frozenset[str]]:
        if self._lines is None:
            self._lines = self._scan()
        return self._lines

    def _scan(self) -> dict[int, frozenset[str]]:
        if not self.path:
            return {}
        source = "".join(source_lines(self.path))
        if "mro-explain" not in source:
            return {}
        found: dict[int, frozenset[str]] = {}
        try:
            for tok in tokenize.generate_tokens(io.StringIO(source).readline):
                if tok.type == tokenize.COMMENT:
                    codes = parse_comment(tok.string)
                    if codes is not None:
                        found[tok.start[0]] = codes
        except (tokenize.TokenError, SyntaxError, IndentationError):
            for number, line in enumerate(source.splitlines(), 1):
                if "#" in line:
                    codes = parse_comment(line[line.index("#") :])
                    if codes is not None:
                        found[number] = codes
        return found

    def suppresses(self, rule_id: str, lines: Iterable[int]) -> bool:
        """Whether a comment on any of *lines* suppresses *rule_id*."""
        table = self.lines
        if not table:
            return False
        for line in lines:
            codes = table.get(line)
            if codes is not None and ("ALL" in codes or any(rule_id.startswith(c) for c in codes)):
                return True
        return False

    def is_suppressed(self, finding: Finding, class_lines: Iterable[int] = ()) -> bool:
        lines = list(class_lines)
        if finding.location is not None:
            lines.append(finding.location.line)
        return self.suppresses(finding.rule, lines)
