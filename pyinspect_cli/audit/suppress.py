"""Inline suppression comments: ``# mro-explain: ignore[ID]``.

Forms, on the line a finding is reported on or on the ``class`` line (any
line of a multi-line class header) of the class it is about::

    class Broken(Base, Mixin):  # mro-explain: ignore[MRO001]
    x = Thing()                 # mro-explain: ignore[DESC001,DESC002]
    class Legacy(Base):         # mro-explain: ignore

The bare form suppresses every rule; ids may also be prefixes (``DESC``).
A comment that starts like a suppression but is malformed (``ignore[DESC001``
without ``]``, ``ignore [X]``, ``ignore(X)``, ``ignore: X``, ``ignored``,
``ignore[]``) suppresses nothing and is reported (:attr:`Suppressions.invalid`).
Comments are read with :mod:`tokenize`, so the text inside a string is never
taken for a comment.
"""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Iterable

from pyinspect_cli.audit.findings import Finding
from pyinspect_cli.core.paths import may_contain, source_lines
from pyinspect_cli.core.record import Record

__all__ = ["ALL", "InvalidSuppression", "Suppressions", "check_comment", "parse_comment"]

#: what a bare ``# mro-explain: ignore`` suppresses
ALL = frozenset({"ALL"})

_PRAGMA = re.compile(r"#\s*mro-explain\s*:\s*ignore", re.IGNORECASE)
_CODE = re.compile(r"[A-Za-z]+[0-9]*\Z")
_SEPARATORS = re.compile(r"\s*,\s*|\s+")


class InvalidSuppression(Record):
    """A comment that starts like a suppression but is not one: it suppresses nothing."""

    line: int
    text: str
    problem: str


def _one(rest: str) -> tuple[frozenset[str] | None, str | None]:
    """What the text after ``ignore`` suppresses, or the problem with it."""
    if not rest or rest[0] == "#" or rest[0].isspace():
        if rest.lstrip()[:1] in ("[", "(", ":"):
            return None, "no space may come between `ignore` and its rule ids: write ignore[ID]"
        return ALL, None
    if rest[0] != "[":
        return None, "expected `ignore` alone or `ignore[ID, ...]`"
    close = rest.find("]")
    if close < 0:
        return None, "the list of rule ids has no closing `]`"
    codes = [part for part in _SEPARATORS.split(rest[1:close].strip()) if part]
    if not codes:
        return None, "no rule id between the brackets (a bare `ignore` suppresses every rule)"
    bad = [code for code in codes if not _CODE.match(code)]
    if bad:
        return None, f"{bad[0]!r} is not a rule id or prefix (like DESC001 or DESC)"
    return frozenset(code.upper() for code in codes), None


def check_comment(comment: str) -> tuple[frozenset[str] | None, str | None]:
    """The rule codes a comment suppresses (:data:`ALL` for the bare form) and, if a suppression
    in it is malformed, what is wrong with it (a malformed suppression suppresses nothing)."""
    codes: set[str] = set()
    found = False
    problem = None
    for match in _PRAGMA.finditer(comment):
        one, wrong = _one(comment[match.end() :])
        if wrong is not None:
            problem = problem or wrong
            continue
        found = True
        assert one is not None
        codes.update(one)
    if not found:
        return None, problem
    return (ALL if "ALL" in codes else frozenset(codes)), problem


def parse_comment(comment: str) -> frozenset[str] | None:
    """The rule codes a comment suppresses (:data:`ALL` for the bare form), or ``None``."""
    return check_comment(comment)[0]


class Suppressions:
    """The suppression comments of one source file, by line number (read once)."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self._lines: dict[int, frozenset[str]] | None = None
        self._invalid: list[InvalidSuppression] = []

    @property
    def invalid(self) -> list[InvalidSuppression]:
        """The malformed suppression comments of the file (they suppress nothing)."""
        _ = self.lines
        return self._invalid

    @property
    def lines(self) -> dict[int, frozenset[str]]:
        if self._lines is None:
            self._lines = self._scan()
        return self._lines

    def _scan(self) -> dict[int, frozenset[str]]:
        if not self.path or not may_contain(self.path, "mro-explain"):
            return {}
        source = "".join(source_lines(self.path))
        if "mro-explain" not in source:
            return {}
        found: dict[int, frozenset[str]] = {}

        def note(number: int, comment: str) -> None:
            codes, problem = check_comment(comment)
            if codes is not None:
                found[number] = codes
            if problem is not None:
                self._invalid.append(InvalidSuppression(number, comment.strip(), problem))

        try:
            for tok in tokenize.generate_tokens(io.StringIO(source).readline):
                if tok.type == tokenize.COMMENT:
                    note(tok.start[0], tok.string)
        except (tokenize.TokenError, SyntaxError, IndentationError):
            found.clear()
            self._invalid.clear()
            for number, line in enumerate(source.splitlines(), 1):
                if "#" in line:
                    note(number, line[line.index("#") :])
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
