"""DESC011: caches on instance methods."""

from __future__ import annotations

import functools

RULE = "DESC011"
EXPECTED = {
    ("Report", "totals"): "warning",
    ("Report", "rows"): "warning",
    ("Report", "header"): "warning",
}


class Report:
    @functools.cache
    def totals(self) -> int:
        return 1

    @functools.lru_cache(maxsize=None)  # noqa: UP033 - the spelling under test
    def rows(self) -> list[int]:
        return []

    @functools.lru_cache
    def header(self) -> str:
        return ""
