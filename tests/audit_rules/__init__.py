"""Tests of the descriptor, attribute and metaclass audit rules."""

from __future__ import annotations

import sys
from pathlib import Path

# sample_modules/ lives at the repository root, next to tests/.
_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:
    sys.path.append(_ROOT)
