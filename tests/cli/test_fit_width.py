"""Output that fits the width: an 80-column terminal, or ``COLUMNS`` when piped.

Each command runs as the installed command, piped, on real packages: once wide
(``COLUMNS=1000``, nothing is cut) and once at the width under test. At that width no
line is longer than it (a path longer than the whole width stands alone on its line),
and the words are the words of the wide output: a line is only ever cut between
words, so no class, attribute or path is split across lines.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from fitting import assert_fits, assert_words_whole

WIDE = "1000"

#: (command line, the widths it fits); 60 where every name of the target fits in 60 columns
COMMANDS: list[tuple[tuple[str, ...], tuple[int, ...]]] = [
    (("registries", "django.db.models", "-r"), (80,)),
    (("registries", "sqlalchemy.orm", "-r"), (80,)),
    (("registries", "sample_modules.reg_seed"), (80, 60)),
    (("metaclass", "enum:IntFlag"), (80, 60)),
    (("metaclass", "pydantic.main:BaseModel"), (80,)),
    (("metaclass", "django.db.models:Model"), (80, 60)),
    (("super", "django.views.generic.edit:UpdateView"), (80, 60)),
    (("super", "django.views.generic.edit:UpdateView", "get_context_data"), (80, 60)),
    (("super", "collections:OrderedDict", "__init__"), (80, 60)),
    (("super", "sample_modules.coop_broken:TrackedWidget", "__init__"), (80, 60)),
    (("attr", "django.db.models:Model", "save"), (80,)),
    (("attr", "pydantic.main:BaseModel", "model_fields"), (80,)),
    (("attr", "sample_modules.descriptors:Zoo", "expensive"), (80, 60)),
    (("explain", "django.views.generic.edit:UpdateView"), (80, 60)),
    (("what-if", "django.views.generic.edit:UpdateView", "collections:OrderedDict"), (80, 60)),
    (("sqlalchemy.orm:Mapper",), (80,)),
    (("rules",), (80, 60)),
    (("rules", "MRO001"), (80,)),  # its code examples are printed as written
    (("audit", "sample_modules/broken/bad_metaclass.py", "sample_modules/broken/bad_mro.py"), (80, 60)),
]

#: what differs between two runs of the same command (the audit's duration)
_TIMING = re.compile(r"\s+\(\d+\.\d\s+s\)\.$", re.M)


@pytest.mark.parametrize(("args", "widths"), COMMANDS, ids=lambda v: " ".join(map(str, v)))
def test_piped_output_fits_columns(run_installed: Any, args: tuple[str, ...], widths: tuple[int, ...]) -> None:
    wide = run_installed(*args, COLUMNS=WIDE, timeout=180)
    assert wide.returncode in (0, 1), wide.stderr  # 1: audit findings
    assert any(len(line) > 80 for line in wide.stdout.splitlines()), "the target is not wide enough to test"
    for width in widths:
        narrow = run_installed(*args, COLUMNS=str(width), timeout=180)
        assert narrow.returncode == wide.returncode, narrow.stderr
        assert_fits(narrow.stdout, width)
        assert_words_whole(_TIMING.sub(".", narrow.stdout), _TIMING.sub(".", wide.stdout))


def test_escaped_names_keep_the_columns_aligned(run_installed: Any) -> None:
    """A name with control characters is printed escaped (``\\x1b``): columns are measured on that."""
    from pathlib import Path

    hostile = Path(__file__).resolve().parents[1] / "fixtures" / "hostile"
    table = run_installed("descriptors", "control_names:Evil", cwd=hostile, COLUMNS="100").stdout
    rows = [line for line in table.splitlines() if line.startswith(("attr\\x1b[31m ", "__module__ ", "__dict__ "))]
    assert len(rows) == 3, table
    kinds = {line.index(" plain ") if " plain " in line else line.index(" data ") for line in rows}
    assert len(kinds) == 1, table

    listing = run_installed("control_names:Child", cwd=hostile, COLUMNS="100").stdout
    mro = [line for line in listing.splitlines() if line.endswith(("  control_names", "  builtins"))]
    assert any("Evil\\x1b[2J" in line for line in mro), listing
    assert len({len(line) - len(line.split()[-1]) for line in mro}) == 1, listing

    chain = run_installed("super", "control_names:Child", "__init__", cwd=hostile, COLUMNS="100")
    assert "\x1b" not in chain.stdout
